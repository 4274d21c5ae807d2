package store

import (
	"context"
	"path/filepath"
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
	first, err := db.Claim(ctx, id, now, now.Add(10*time.Minute))
	if err != nil || !first {
		t.Fatalf("first claim: %v %v", first, err)
	}
	second, err := db.Claim(ctx, id, now, now.Add(10*time.Minute))
	if err != nil || second {
		t.Fatalf("second claim of the same reply: %v %v, want false", second, err)
	}
	// A claim that ran out (a sender crashed) can be taken again.
	later, err := db.Claim(ctx, id, now.Add(11*time.Minute), now.Add(21*time.Minute))
	if err != nil || !later {
		t.Fatalf("claim after the lease: %v %v", later, err)
	}
	if err := db.MarkSent(ctx, id); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.Claim(ctx, id, now.Add(time.Hour), now.Add(2*time.Hour)); ok {
		t.Error("a sent reply was claimed")
	}
}
