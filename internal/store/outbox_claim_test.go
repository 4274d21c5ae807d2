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

// claimOne claims the oldest due reply for owner and returns its id, 0 for
// none.
func claimOne(t *testing.T, db *DB, now, until time.Time, owner string) int64 {
	t.Helper()
	items, err := db.ClaimDue(context.Background(), now, until, owner, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		return 0
	}
	return items[0].ID
}

func TestClaimIsExclusive(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db := claimDB(t, now)
	ctx := context.Background()
	id := enqueue(t, db, "c1@example.org")
	if got := claimOne(t, db, now, now.Add(10*time.Minute), "a"); got != id {
		t.Fatalf("first claim: %d, want %d", got, id)
	}
	if got := claimOne(t, db, now, now.Add(10*time.Minute), "a"); got != 0 {
		t.Fatalf("second claim of the same reply: %d, want none", got)
	}
	// A claim that ran out (a sender crashed) can be taken again.
	if got := claimOne(t, db, now.Add(11*time.Minute), now.Add(21*time.Minute), "b"); got != id {
		t.Fatalf("claim after the lease: %d, want %d", got, id)
	}
	if err := db.MarkSent(ctx, id); err != nil {
		t.Fatal(err)
	}
	if got := claimOne(t, db, now.Add(time.Hour), now.Add(2*time.Hour), "c"); got != 0 {
		t.Error("a sent reply was claimed")
	}
}

// A batch claims up to its limit, in order; the end of a batch gives back
// only its owner's claims on replies that are neither sent nor failed.
func TestClaimDueAndEndBatch(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	lease := now.Add(10 * time.Minute)
	db := claimDB(t, now)
	ctx := context.Background()
	var ids []int64
	for i := range 5 {
		ids = append(ids, enqueue(t, db, fmt.Sprintf("b%d@example.org", i)))
	}
	items, err := db.ClaimDue(ctx, now, lease, "me", 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, it := range items {
		got = append(got, it.ID)
		if string(it.Raw) != "x" {
			t.Errorf("reply %d claimed without its message", it.ID)
		}
	}
	if !slices.Equal(got, ids[:3]) {
		t.Fatalf("claimed %v, want %v", got, ids[:3])
	}
	other, err := db.ClaimDue(ctx, now, lease, "other", 10)
	if err != nil || len(other) != 2 || other[0].ID != ids[3] {
		t.Fatalf("another sender claimed %v (%v), want the two left", other, err)
	}
	// ids[0] sent (in the sent log), ids[1] failed, ids[2] untouched; the
	// other sender's ids[3] is not ours to give back.
	if err := db.RecordSent(ids[0], now); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkAttemptFailed(ctx, ids[1], "451 later", now.Add(time.Minute), false); err != nil {
		t.Fatal(err)
	}
	if err := db.EndBatch(ctx, "me", []int64{ids[2], ids[3]}); err != nil {
		t.Fatal(err)
	}
	due, err := db.DueOutbox(ctx, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].ID != ids[2] {
		t.Errorf("due after the batch: %v, want only the untouched reply %d", due, ids[2])
	}
	sent, err := db.Reader(ctx).OutboxByID(ids[0])
	if err != nil || !sent.SentAt.Equal(now) {
		t.Errorf("the recorded reply: %+v (%v), want sent at %v", sent, err, now)
	}
}

// Claims of ended processes are released at once; those of living ones,
// replies waiting for a retry and replies an ended process recorded in
// the sent log keep theirs.
func TestReleaseClaims(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db := claimDB(t, now)
	ctx := context.Background()
	ids := map[string]int64{}
	names := []string{"dead", "alive", "retry", "sent", "logged", "unclaimed"}
	for _, name := range names {
		ids[name] = enqueue(t, db, name+"@example.org")
	}
	lease := now.Add(10 * time.Minute)
	owners := map[string]string{"dead": "host/1/1", "alive": "host/2/2", "retry": "host/1/1", "sent": "host/1/1", "logged": "host/1/1"}
	for _, name := range names {
		if owners[name] == "" {
			continue
		}
		if got := claimOne(t, db, now, lease, owners[name]); got != ids[name] {
			t.Fatalf("claim %s: %d, want %d", name, got, ids[name])
		}
	}
	if err := db.MarkAttemptFailed(ctx, ids["retry"], "451 try later", now.Add(time.Minute), false); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkSent(ctx, ids["sent"]); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordSent(ids["logged"], now); err != nil {
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
	if got := claimOne(t, db, now, lease, "host/3/3"); got != ids["dead"] {
		t.Errorf("claim of the released reply: %d, want %d", got, ids["dead"])
	}
}
