package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

func TestMailboxState(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	if v, uid, ok, err := db.Reader(ctx).MailboxState("INBOX"); err != nil || ok || v != 0 || uid != 0 {
		t.Fatalf("MailboxState(unknown) = %d, %d, %v, %v; want 0, 0, false, nil", v, uid, ok, err)
	}
	steps := []struct{ validity, last uint32 }{{100, 5}, {100, 9}, {200, 1}, {4294967295, 4294967295}}
	for _, s := range steps {
		tx(t, db, func(tx *store.Tx) error { return tx.SetMailboxState("INBOX", s.validity, s.last) })
		v, uid, ok, err := db.Reader(ctx).MailboxState("INBOX")
		if err != nil || !ok || v != s.validity || uid != s.last {
			t.Errorf("MailboxState() = %d, %d, %v, %v; want %d, %d, true, nil", v, uid, ok, err, s.validity, s.last)
		}
	}
}

func TestInsertMessage(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	received := time.Date(2026, 3, 1, 17, 4, 5, 123000000, time.FixedZone("CET", 3600))
	m := &store.Message{Mailbox: "INBOX", UIDValidity: 7, UID: 1, MessageID: " <abc@example.org> ",
		Sender: "Anna.Mueller@Example.ORG", Subject: "Anmeldung", ReceivedAt: received,
		Outcome: "register:runder-tisch", Machine: ""}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.InsertMessage(m); return err })
	if m.ID == 0 || !m.HandledAt.Equal(c.peek()) {
		t.Errorf("InsertMessage set ID %d, HandledAt %v; want an id and %v", m.ID, m.HandledAt, c.peek())
	}

	want := store.Message{ID: m.ID, Mailbox: "INBOX", UIDValidity: 7, UID: 1, MessageID: "abc@example.org",
		Sender: "anna.mueller@example.org", Subject: "Anmeldung", ReceivedAt: received.UTC(),
		HandledAt: c.peek(), Outcome: "register:runder-tisch"}
	r := db.Reader(ctx)
	for _, lookup := range []struct {
		name string
		get  func() (*store.Message, error)
	}{
		{"MessageByUID", func() (*store.Message, error) { return r.MessageByUID("INBOX", 7, 1) }},
		{"MessageByMessageID bare", func() (*store.Message, error) { return r.MessageByMessageID("abc@example.org") }},
		{"MessageByMessageID brackets", func() (*store.Message, error) { return r.MessageByMessageID("<abc@example.org>") }},
	} {
		got, err := lookup.get()
		if err != nil || got == nil || *got != want {
			t.Errorf("%s = %+v, %v; want %+v", lookup.name, got, err, want)
		}
	}
	for _, lookup := range []struct {
		name string
		get  func() (*store.Message, error)
	}{
		{"MessageByUID other uid", func() (*store.Message, error) { return r.MessageByUID("INBOX", 7, 2) }},
		{"MessageByUID other validity", func() (*store.Message, error) { return r.MessageByUID("INBOX", 8, 1) }},
		{"MessageByMessageID unknown", func() (*store.Message, error) { return r.MessageByMessageID("x@y") }},
		{"MessageByMessageID empty", func() (*store.Message, error) { return r.MessageByMessageID("") }},
	} {
		if got, err := lookup.get(); got != nil || err != nil {
			t.Errorf("%s = %+v, %v; want nil, nil", lookup.name, got, err)
		}
	}
}

func TestInsertMessageDuplicate(t *testing.T) {
	db, _ := newDB(t)
	tx(t, db, func(tx *store.Tx) error {
		_, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "a@x"})
		return err
	})
	tests := []struct {
		name    string
		m       store.Message
		wantDup bool
	}{
		{"same message-id, other uid", store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 2, MessageID: "a@x"}, true},
		{"same message-id in brackets, other mailbox", store.Message{Mailbox: "Archiv", UIDValidity: 1, UID: 1, MessageID: "<a@x>"}, true},
		{"same uid, other message-id", store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "b@x"}, true},
		{"same uid, no message-id", store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1}, true},
		{"new uid without message-id", store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 3}, false},
		{"second new uid without message-id", store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 4}, false},
		{"same uid under new uidvalidity", store.Message{Mailbox: "INBOX", UIDValidity: 2, UID: 1, MessageID: "c@x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Tx(context.Background(), func(tx *store.Tx) error {
				_, err := tx.InsertMessage(&tt.m)
				return err
			})
			if got := errors.Is(err, store.ErrDuplicate); got != tt.wantDup {
				t.Errorf("InsertMessage() = %v, want ErrDuplicate %v", err, tt.wantDup)
			}
			if !tt.wantDup && err != nil {
				t.Errorf("InsertMessage() = %v", err)
			}
		})
	}
}

func TestDuplicateKeepsTransaction(t *testing.T) {
	// The daemon may see ErrDuplicate and carry on in the same transaction.
	db, _ := newDB(t)
	ctx := context.Background()
	tx(t, db, func(tx *store.Tx) error {
		if _, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "a@x"}); err != nil {
			return err
		}
		if _, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 2, MessageID: "a@x"}); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("second InsertMessage = %v, want ErrDuplicate", err)
		}
		return tx.SetMailboxState("INBOX", 1, 2)
	})
	if _, last, _, _ := db.Reader(ctx).MailboxState("INBOX"); last != 2 {
		t.Errorf("last uid = %d, want 2", last)
	}
	if m, _ := db.Reader(ctx).MessageByUID("INBOX", 1, 1); m == nil {
		t.Errorf("first message lost")
	}
}

func TestMessageHandledAndFailures(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	m := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "a@x"}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.InsertMessage(m); return err })

	type step struct {
		setAside     bool
		wantAttempts int
	}
	for i, s := range []step{{false, 1}, {false, 2}, {true, 3}} {
		var n int
		tx(t, db, func(tx *store.Tx) (err error) {
			n, err = tx.RecordMessageFailure(m.ID, "boom", s.setAside)
			return err
		})
		got, _ := db.Reader(ctx).MessageByUID("INBOX", 1, 1)
		if n != s.wantAttempts || got.Attempts != s.wantAttempts || got.LastError != "boom" || !got.HandledAt.IsZero() {
			t.Errorf("failure %d: attempts %d/%d, last error %q, handled %v", i, n, got.Attempts, got.LastError, got.HandledAt)
		}
		if s.setAside != !got.FailedAt.IsZero() {
			t.Errorf("failure %d: FailedAt = %v, want set %v", i, got.FailedAt, s.setAside)
		}
	}

	tx(t, db, func(tx *store.Tx) error { return tx.MarkMessageHandled(m.ID, "question", "auto_reply") })
	got, _ := db.Reader(ctx).MessageByUID("INBOX", 1, 1)
	if got.Outcome != "question" || got.Machine != "auto_reply" || !got.HandledAt.Equal(c.peek()) {
		t.Errorf("after MarkMessageHandled: %+v", got)
	}

	err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkMessageHandled(999, "x", "") })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkMessageHandled(unknown) = %v, want ErrNotFound", err)
	}
	err = db.Tx(ctx, func(tx *store.Tx) error { _, err := tx.RecordMessageFailure(999, "x", false); return err })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordMessageFailure(unknown) = %v, want ErrNotFound", err)
	}
}

func TestInsertMessageUnhandled(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	m := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 5, MessageID: "u@x", HandledAt: time.Now()}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.InsertMessageUnhandled(m); return err })
	got, err := db.MessageByUID(ctx, "INBOX", 1, 5)
	if err != nil || got == nil || !got.HandledAt.IsZero() || got.ID != m.ID {
		t.Errorf("MessageByUID() = %+v, %v; want an unhandled row", got, err)
	}
	if got, err := db.MessageByMessageID(ctx, "<u@x>"); err != nil || got == nil || got.ID != m.ID {
		t.Errorf("DB.MessageByMessageID() = %+v, %v", got, err)
	}
	again := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 5, MessageID: "u@x"}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.InsertMessageUnhandled(again); return err })
	if again.ID != m.ID {
		t.Errorf("InsertMessageUnhandled(same unhandled uid) = id %d, want the existing %d", again.ID, m.ID)
	}
}

func TestInsertMessageAfterFailure(t *testing.T) {
	// The daemon records a failed attempt, then handles the mail on retry.
	db, _ := newDB(t)
	ctx := context.Background()
	failed := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 7}
	tx(t, db, func(tx *store.Tx) error {
		if _, err := tx.InsertMessageUnhandled(failed); err != nil {
			return err
		}
		_, err := tx.RecordMessageFailure(failed.ID, "temporary", false)
		return err
	})
	retry := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 7, MessageID: "r@x", Sender: "a@x", Outcome: "question"}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.InsertMessage(retry); return err })
	got, _ := db.MessageByUID(ctx, "INBOX", 1, 7)
	if retry.ID != failed.ID || got.HandledAt.IsZero() || got.MessageID != "r@x" || got.Attempts != 1 || got.LastError != "temporary" {
		t.Errorf("after retry: id %d (was %d), row %+v", retry.ID, failed.ID, got)
	}
	// Now handled: a third time is a duplicate.
	err := db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 7})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("InsertMessage(handled uid) = %v, want ErrDuplicate", err)
	}
	// A set-aside row is not taken over either.
	aside := &store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 8}
	tx(t, db, func(tx *store.Tx) error {
		if _, err := tx.InsertMessageUnhandled(aside); err != nil {
			return err
		}
		_, err := tx.RecordMessageFailure(aside.ID, "poison", true)
		return err
	})
	err = db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 8})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("InsertMessage(set-aside uid) = %v, want ErrDuplicate", err)
	}
}
