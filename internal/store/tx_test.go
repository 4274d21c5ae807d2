package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

// handle does what the daemon does for one registration mail.
func handle(tx *store.Tx, uid uint32, email string) error {
	m := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: uid, MessageID: email + "-msg", Sender: email}
	if _, err := tx.InsertMessage(m); err != nil {
		return err
	}
	p := &store.Person{Email: email, Name: "Anna Müller"}
	if _, err := tx.UpsertPerson(p); err != nil {
		return err
	}
	r := &store.Registration{Event: "tisch", PersonID: p.ID, Status: store.StatusConfirmed, SourceMessageID: m.ID}
	if _, err := tx.AddRegistration(r); err != nil {
		return err
	}
	if _, err := tx.Enqueue(&store.OutboxItem{MessageID: email + "-reply", To: email, PersonID: p.ID,
		RegistrationID: r.ID, SourceMessageID: m.ID, Raw: []byte("x")}); err != nil {
		return err
	}
	if _, err := tx.AddReview(&store.Review{MessageID: m.ID, Sender: email, Excerpt: "x"}); err != nil {
		return err
	}
	if err := tx.Audit("test", "x"); err != nil {
		return err
	}
	if err := tx.MarkDigestSent("2026-03-01"); err != nil {
		return err
	}
	return tx.SetMailboxState("INBOX", 1, uid)
}

func TestTxRollback(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name string
		fn   func(tx *store.Tx) error
	}{
		{"error", func(tx *store.Tx) error {
			if err := handle(tx, 1, "a@x"); err != nil {
				return err
			}
			return boom
		}},
		{"panic", func(tx *store.Tx) error {
			if err := handle(tx, 1, "a@x"); err != nil {
				return err
			}
			panic(boom)
		}},
		{"duplicate", func(tx *store.Tx) error {
			if err := handle(tx, 1, "a@x"); err != nil {
				return err
			}
			return handle(tx, 2, "a@x") // same Message-ID
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := newDB(t)
			empty := dump(t, db.Path())
			err := func() (err error) {
				defer func() {
					if v := recover(); v != nil {
						err = v.(error)
					}
				}()
				return db.Tx(context.Background(), tt.fn)
			}()
			if err == nil {
				t.Fatal("Tx() = nil, want error")
			}
			if tt.name != "duplicate" && !errors.Is(err, boom) {
				t.Errorf("Tx() = %v, want fn's error unchanged", err)
			}
			if got := dump(t, db.Path()); got != empty {
				t.Errorf("rows left after rollback:\n%s", got)
			}
			// The database is still usable.
			tx(t, db, func(tx *store.Tx) error { return handle(tx, 1, "a@x") })
		})
	}
}

func TestProcessTwice(t *testing.T) {
	// Handling the same mailbox twice changes nothing the second time: the
	// daemon checks MessageByUID/MessageByMessageID, or, racing, gets
	// ErrDuplicate and rolls back.
	db, _ := newDB(t)
	ctx := context.Background()
	run := func() {
		for uid, addr := range []string{"a@x", "b@x", "c@x"} {
			err := db.Tx(ctx, func(tx *store.Tx) error { return handle(tx, uint32(uid+1), addr) })
			if err != nil && !errors.Is(err, store.ErrDuplicate) {
				t.Fatal(err)
			}
		}
	}
	run()
	first := dump(t, db.Path())
	run()
	if second := dump(t, db.Path()); second != first {
		t.Errorf("second run changed the database:\n%s\n---\n%s", first, second)
	}
}

// TestConcurrentReaders: while the daemon holds a write transaction, another
// process (the CLI) can open the database and read the last committed
// state.
func TestConcurrentReaders(t *testing.T) {
	writer, _ := newDB(t)
	ctx := context.Background()
	tx(t, writer, func(tx *store.Tx) error { return handle(tx, 1, "a@x") })

	inTx, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- writer.Tx(ctx, func(tx *store.Tx) error {
			if err := handle(tx, 2, "b@x"); err != nil {
				return err
			}
			close(inTx)
			<-release
			return nil
		})
	}()
	<-inTx

	start := time.Now()
	reader := openDB(t, writer.Path(), nil)
	for range 3 {
		err := reader.View(ctx, func(r *store.Reader) error {
			c, err := r.Counts("tisch")
			if err != nil {
				return err
			}
			if c.Confirmed != 1 {
				t.Errorf("reader sees %d confirmed during the write, want the committed 1", c.Confirmed)
			}
			m, err := r.MessageByUID("INBOX", 1, 2)
			if m != nil {
				t.Errorf("reader sees the uncommitted message")
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("reads took %v while a writer held its transaction", d)
	}
	// A second writer waits (busy_timeout) rather than failing.
	wdone := make(chan error)
	go func() {
		wdone <- reader.Tx(ctx, func(tx *store.Tx) error { return tx.Audit("cli", "x") })
	}()
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := <-wdone; err != nil {
		t.Errorf("second writer: %v", err)
	}
	if c, err := reader.Reader(ctx).Counts("tisch"); err != nil || c.Confirmed != 2 {
		t.Errorf("after commit the reader sees %+v, %v; want 2 confirmed", c, err)
	}
}

func TestViewIsReadOnly(t *testing.T) {
	db, _ := newDB(t)
	tx(t, db, func(tx *store.Tx) error { return handle(tx, 1, "a@x") })
	var list []store.Registration
	err := db.View(context.Background(), func(r *store.Reader) (err error) {
		list, err = r.ListRegistrations("tisch", "")
		return err
	})
	if err != nil || len(list) != 1 || list[0].Person.Email != "a@x" {
		t.Errorf("View ListRegistrations = %+v, %v", list, err)
	}
	boom := errors.New("boom")
	if err := db.View(context.Background(), func(*store.Reader) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("View() = %v, want fn's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := db.Tx(ctx, func(*store.Tx) error { return nil }); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("Tx(cancelled ctx) = %v", err)
	}
}
