package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// A reply recorded in the sent log is sent for the table once the log is
// folded, by the next claim, the end of a batch or the next Open (after a
// crash), and the log is emptied then.
func TestSentLogFolds(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	at := now.Add(-time.Minute)
	tests := []struct {
		name string
		fold func(t *testing.T, db *DB) *DB // returns the handle to check
	}{
		{"FoldSent", func(t *testing.T, db *DB) *DB {
			if err := db.FoldSent(context.Background()); err != nil {
				t.Fatal(err)
			}
			return db
		}},
		{"next claim", func(t *testing.T, db *DB) *DB {
			if _, err := db.ClaimDue(context.Background(), now, now.Add(time.Minute), "me", 10); err != nil {
				t.Fatal(err)
			}
			return db
		}},
		{"reopened after a crash", func(t *testing.T, db *DB) *DB {
			again, err := Open(context.Background(), db.Path(), &Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { again.Close() })
			return again
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := claimDB(t, now)
			ctx := context.Background()
			id := enqueue(t, db, "s1@example.org")
			other := enqueue(t, db, "s2@example.org")
			if err := db.RecordSent(id, at); err != nil {
				t.Fatal(err)
			}
			logged, err := db.SentLogged()
			if err != nil || len(logged) != 1 || logged[0] != id {
				t.Fatalf("SentLogged() = %v, %v; want [%d]", logged, err, id)
			}
			if o, _ := db.Reader(ctx).OutboxByID(id); !o.SentAt.IsZero() {
				t.Fatal("the table knew of the reply before the fold")
			}
			check := tt.fold(t, db)
			o, err := check.Reader(ctx).OutboxByID(id)
			if err != nil || !o.SentAt.Equal(at) || len(o.Raw) != 0 {
				t.Errorf("after the fold: sent at %v, %d bytes kept (%v); want sent at %v, body erased", o.SentAt, len(o.Raw), err, at)
			}
			if o, _ := check.Reader(ctx).OutboxByID(other); !o.SentAt.IsZero() {
				t.Error("a reply that was not recorded is sent")
			}
			if logged, err := check.SentLogged(); err != nil || len(logged) != 0 {
				t.Errorf("the log after the fold: %v, %v; want it empty", logged, err)
			}
		})
	}
}

// Lines that cannot be read (a write cut short) are skipped; the others
// are folded, and the log is emptied all the same.
func TestSentLogSkipsBrokenLines(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db := claimDB(t, now)
	ctx := context.Background()
	a, b := enqueue(t, db, "a@example.org"), enqueue(t, db, "b@example.org")
	content := fmt.Sprintf("%d %d\ngarbage\n%d %d", a, now.UnixNano(), b, now.UnixNano()) // b's line lacks its end
	if err := os.WriteFile(db.Path()+"-sent", []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.FoldSent(ctx); err != nil {
		t.Fatal(err)
	}
	oa, _ := db.Reader(ctx).OutboxByID(a)
	ob, _ := db.Reader(ctx).OutboxByID(b)
	if oa.SentAt.IsZero() || !ob.SentAt.IsZero() {
		t.Errorf("a sent %v, b sent %v; want a sent and b, whose line is cut short, not", oa.SentAt, ob.SentAt)
	}
	if fi, err := os.Stat(db.Path() + "-sent"); err != nil || fi.Size() != 0 {
		t.Errorf("log after the fold: %v %v, want empty", fi, err)
	}
}

// Two processes (two handles on one file) record replies while both fold
// now and then: every reply ends up sent, none is lost between reading the
// log and emptying it.
func TestSentLogConcurrentFolds(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "r.db")
	open := func() *DB {
		db, err := Open(context.Background(), path, &Options{Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	dbs := []*DB{open(), open()}
	ctx := context.Background()
	const n = 200
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = enqueue(t, dbs[0], fmt.Sprintf("c%d@example.org", i))
	}
	var wg sync.WaitGroup
	for p, db := range dbs {
		wg.Go(func() {
			for i := p; i < n; i += len(dbs) {
				if err := db.RecordSent(ids[i], now); err != nil {
					t.Error(err)
					return
				}
				if i%7 == 0 {
					if err := db.FoldSent(ctx); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	if err := dbs[1].FoldSent(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if o, err := dbs[0].Reader(ctx).OutboxByID(id); err != nil || o.SentAt.IsZero() {
			t.Errorf("reply %d not sent after every fold (%v)", id, err)
		}
	}
}

// A failing savepoint undoes only its own work; the transaction commits
// the rest.
func TestSavepointUndoesItsPartOnly(t *testing.T) {
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, time.UTC)
	db := claimDB(t, now)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Tx(ctx, func(tx *Tx) error {
		for i, fail := range []bool{false, true, false} {
			partErr, err := tx.Savepoint(func(tx *Tx) error {
				if _, err := tx.Enqueue(&OutboxItem{MessageID: fmt.Sprintf("sp%d@example.org", i), Kind: "confirmation", To: "a@example.org", Raw: []byte("x")}); err != nil {
					return err
				}
				if fail {
					return boom
				}
				return nil
			})
			if err != nil {
				return err
			}
			if (partErr != nil) != fail {
				t.Errorf("part %d: error %v", i, partErr)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		o, err := db.Reader(ctx).OutboxByMessageID(fmt.Sprintf("sp%d@example.org", i))
		if err != nil {
			t.Fatal(err)
		}
		if (o != nil) != want {
			t.Errorf("part %d kept = %v, want %v", i, o != nil, want)
		}
	}
}
