package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// claimDB opens a database in t's directory whose clock stands at now.
func claimDB(t *testing.T, now time.Time) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), &Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// enqueue queues a reply with that Message-ID, to the same address, and
// returns its id.
func enqueue(t *testing.T, db *DB, messageID string) int64 {
	t.Helper()
	var id int64
	if err := db.Tx(context.Background(), func(tx *Tx) error {
		var err error
		id, err = tx.Enqueue(&OutboxItem{MessageID: messageID, Kind: "confirmation", To: messageID, Raw: []byte("x")})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestClaimIsExclusive(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db := claimDB(t, now)
	ctx := context.Background()
	id := enqueue(t, db, "c1@example.org")
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
	db := claimDB(t, now)
	ctx := context.Background()
	ids := map[string]int64{}
	for _, name := range []string{"dead", "alive", "retry", "sent", "unclaimed"} {
		ids[name] = enqueue(t, db, name+"@example.org")
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

// MarkSentAndClaim marks one reply sent and claims the next in one
// commit; when the claim is not to be had, the mark still counts, and when
// the mark fails, the claim does not happen.
func TestMarkSentAndClaim(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	lease := now.Add(10 * time.Minute)
	tests := []struct {
		name string
		// otherClaims: the next reply is claimed by another sender first.
		otherClaims bool
		noNext      bool
		unknown     bool // the sent reply's id does not exist
		wantClaimed bool
		wantErr     bool
	}{
		{name: "mark and claim", wantClaimed: true},
		{name: "mark only", noNext: true},
		{name: "next claimed by another", otherClaims: true},
		{name: "unknown reply", unknown: true, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := claimDB(t, now)
			ctx := context.Background()
			ids := make([]int64, 2)
			for i := range ids {
				ids[i] = enqueue(t, db, fmt.Sprintf("m%d@example.org", i))
			}
			if ok, err := db.Claim(ctx, ids[0], now, lease, "me"); err != nil || !ok {
				t.Fatalf("claim: %v %v", ok, err)
			}
			if tt.otherClaims {
				if ok, err := db.Claim(ctx, ids[1], now, lease, "other"); err != nil || !ok {
					t.Fatalf("other's claim: %v %v", ok, err)
				}
			}
			sent, next := ids[0], ids[1]
			if tt.noNext {
				next = 0
			}
			if tt.unknown {
				sent = 999
			}
			claimed, err := db.MarkSentAndClaim(ctx, sent, next, now, lease, "me")
			if (err != nil) != tt.wantErr || claimed != tt.wantClaimed {
				t.Fatalf("MarkSentAndClaim = %v, %v; want claimed %v, error %v", claimed, err, tt.wantClaimed, tt.wantErr)
			}
			first, err := db.Reader(ctx).OutboxByID(ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if marked := !first.SentAt.IsZero(); marked == tt.unknown {
				t.Errorf("first reply marked sent = %v", marked)
			}
			// Whoever holds the next reply: it is due for nobody else.
			if ok, _ := db.Claim(ctx, ids[1], now, lease, "third"); ok == (tt.wantClaimed || tt.otherClaims) {
				t.Errorf("a third sender could claim the next reply = %v", ok)
			}
		})
	}
}
