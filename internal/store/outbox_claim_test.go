package store

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestClaimIsExclusive(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), &Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var id int64
	if err := db.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.Enqueue(&OutboxItem{MessageID: "c1@example.org", Kind: "confirmation", To: "a@example.org", Raw: []byte("x")})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	first, err := db.Claim(ctx, id, now, now.Add(10*time.Minute), "a")
	if err != nil || !first {
		t.Fatalf("first claim: %v %v", first, err)
	}
	second, err := db.Claim(ctx, id, now, now.Add(10*time.Minute), "a")
	if err != nil || second {
		t.Fatalf("second claim of the same reply: %v %v, want false", second, err)
	}
	// A claim that ran out (a sender crashed) can be taken again.
	later, err := db.Claim(ctx, id, now.Add(11*time.Minute), now.Add(21*time.Minute), "b")
	if err != nil || !later {
		t.Fatalf("claim after the lease: %v %v", later, err)
	}
	if err := db.MarkSent(ctx, id); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.Claim(ctx, id, now.Add(time.Hour), now.Add(2*time.Hour), "c"); ok {
		t.Error("a sent reply was claimed")
	}
}

// Claims of ended processes are released at once; those of living ones,
// and replies waiting for a retry, keep their time.
func TestReleaseClaims(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), &Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	ids := map[string]int64{}
	for _, name := range []string{"dead", "alive", "retry", "sent", "unclaimed"} {
		if err := db.Tx(ctx, func(tx *Tx) error {
			var err error
			ids[name], err = tx.Enqueue(&OutboxItem{MessageID: name + "@example.org", Kind: "confirmation", To: name + "@example.org", Raw: []byte("x")})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	lease := now.Add(10 * time.Minute)
	for name, owner := range map[string]string{"dead": "host/1/1", "alive": "host/2/2", "retry": "host/1/1", "sent": "host/1/1"} {
		if ok, err := db.Claim(ctx, ids[name], now, lease, owner); err != nil || !ok {
			t.Fatalf("claim %s: %v %v", name, ok, err)
		}
	}
	if err := db.MarkAttemptFailed(ctx, ids["retry"], "451 try later", now.Add(time.Minute), false); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkSent(ctx, ids["sent"]); err != nil {
		t.Fatal(err)
	}
	var asked []string
	n, err := db.ReleaseClaims(ctx, now, func(owner string) bool {
		asked = append(asked, owner)
		return owner == "host/1/1"
	})
	if err != nil || n != 1 {
		t.Fatalf("ReleaseClaims() = %d, %v; want 1", n, err)
	}
	if len(asked) != 2 {
		t.Errorf("asked about %v, want the owners of the two claimed replies only", asked)
	}
	due, err := db.Reader(ctx).DueOutbox(now, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range due {
		got = append(got, it.To)
	}
	if want := []string{"dead@example.org", "unclaimed@example.org"}; !slices.Equal(got, want) {
		t.Errorf("due after the release: %v, want %v", got, want)
	}
	// Released, it can be claimed at once.
	if ok, err := db.Claim(ctx, ids["dead"], now, lease, "host/3/3"); err != nil || !ok {
		t.Errorf("claim of the released reply: %v %v", ok, err)
	}
}
