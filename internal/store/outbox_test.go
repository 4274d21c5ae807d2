package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heinlein/regbot/internal/store"
)

func enqueue(t *testing.T, db *store.DB, item *store.OutboxItem) int64 {
	t.Helper()
	var id int64
	tx(t, db, func(tx *store.Tx) (err error) { id, err = tx.Enqueue(item); return err })
	return id
}

func reply(mid, to string) *store.OutboxItem {
	return &store.OutboxItem{MessageID: mid, Kind: "confirmed", To: to, Raw: []byte("Subject: Re: x\r\n\r\nHallo\r\n")}
}

func TestEnqueueIdempotent(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	first := reply("r1@regbot", "Anna@Example.org")
	id1 := enqueue(t, db, first)
	created := c.peek()
	again := reply("r1@regbot", "other@example.org")
	id2 := enqueue(t, db, again)
	if id1 == 0 || id1 != id2 || again.ID != id1 {
		t.Errorf("Enqueue twice = %d, %d (item.ID %d); want the same id", id1, id2, again.ID)
	}
	got, err := db.Reader(ctx).OutboxByID(id1)
	if err != nil || got == nil || got.To != "anna@example.org" || !got.CreatedAt.Equal(created) ||
		string(got.Raw) != string(first.Raw) || got.Kind != "confirmed" {
		t.Errorf("OutboxByID() = %+v, %v", got, err)
	}
	if n, _ := db.Reader(ctx).RepliesSince(timeZero); n != 1 {
		t.Errorf("rows after double Enqueue = %d, want 1", n)
	}
	for _, bad := range []*store.OutboxItem{
		{To: "a@x", Raw: []byte("x")},
		{MessageID: "m", Raw: []byte("x")},
		{MessageID: "m", To: "a@x"},
	} {
		if err := db.Tx(ctx, func(tx *store.Tx) error { _, err := tx.Enqueue(bad); return err }); err == nil {
			t.Errorf("Enqueue(%+v) = nil, want error", bad)
		}
	}
}

func TestOutboxDelivery(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	var ids []int64
	for i := range 4 {
		ids = append(ids, enqueue(t, db, reply(fmt.Sprintf("r%d@regbot", i), "a@x")))
	}
	due := func(now time.Time, limit int, want ...int64) {
		t.Helper()
		items, err := db.Reader(ctx).DueOutbox(now, limit)
		var got []int64
		for _, it := range items {
			got = append(got, it.ID)
			if len(it.Raw) == 0 {
				t.Errorf("due item %d has no body", it.ID)
			}
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("DueOutbox(%v, %d) = %v, %v; want %v", now, limit, got, err, want)
		}
	}
	now := c.peek()
	due(now, 0, ids...)
	due(now, 2, ids[0], ids[1])

	later := now.Add(time.Hour)
	tx(t, db, func(tx *store.Tx) error { return tx.MarkAttemptFailed(ids[0], "421 try later", later, false) })
	tx(t, db, func(tx *store.Tx) error { return tx.MarkAttemptFailed(ids[1], "550 no such user", time.Time{}, true) })
	tx(t, db, func(tx *store.Tx) error { return tx.MarkSent(ids[2]) })
	due(now, 0, ids[3])
	due(later, 0, ids[3], ids[0])

	got, _ := db.Reader(ctx).OutboxByID(ids[0])
	if got.Attempts != 1 || got.LastError != "421 try later" || !got.NextAttemptAt.Equal(later) || !got.FailedAt.IsZero() {
		t.Errorf("after temporary failure: %+v", got)
	}
	got, _ = db.Reader(ctx).OutboxByID(ids[1])
	if got.Attempts != 1 || got.FailedAt.IsZero() || len(got.Raw) == 0 {
		t.Errorf("after permanent failure: %+v", got)
	}
	got, _ = db.Reader(ctx).OutboxByID(ids[2])
	if got.SentAt.IsZero() || len(got.Raw) != 0 {
		t.Errorf("after MarkSent: sent %v, raw %q; want sent and body erased", got.SentAt, got.Raw)
	}

	problems, err := db.Reader(ctx).DeliveryProblems(now)
	var pids []int64
	for _, p := range problems {
		pids = append(pids, p.ID)
		if p.Raw != nil {
			t.Errorf("DeliveryProblems filled Raw")
		}
	}
	if err != nil || !reflect.DeepEqual(pids, []int64{ids[0], ids[1]}) {
		t.Errorf("DeliveryProblems() = %v, %v; want %v", pids, err, ids[:2])
	}

	tx(t, db, func(tx *store.Tx) error { return tx.Requeue(ids[1]) })
	due(now, 0, ids[1], ids[3])
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.Requeue(ids[2]) }); err == nil || !strings.Contains(err.Error(), "already sent") {
		t.Errorf("Requeue(sent) = %v, want already sent", err)
	}

	for name, fn := range map[string]func(tx *store.Tx) error{
		"MarkSent":          func(tx *store.Tx) error { return tx.MarkSent(999) },
		"MarkAttemptFailed": func(tx *store.Tx) error { return tx.MarkAttemptFailed(999, "x", later, false) },
		"Requeue":           func(tx *store.Tx) error { return tx.Requeue(999) },
	} {
		if err := db.Tx(ctx, fn); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s(unknown) = %v, want ErrNotFound", name, err)
		}
	}
	if got, err := db.Reader(ctx).OutboxByID(999); got != nil || err != nil {
		t.Errorf("OutboxByID(unknown) = %+v, %v", got, err)
	}
}

func TestRepliesCount(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	enqueue(t, db, reply("1@r", "a@x"))
	mid := c.Now()
	enqueue(t, db, reply("2@r", "A@X"))
	enqueue(t, db, reply("3@r", "b@x"))
	// The organisers' digest is no reply: it counts for neither limit.
	digest := reply("d@r", "a@x")
	digest.Kind = store.KindDigest
	enqueue(t, db, digest)
	tests := []struct {
		addr  string
		since time.Time
		want  int
	}{
		{"a@x", timeZero, 2},
		{"a@x", mid, 1},
		{" A@x ", mid, 1},
		{"b@x", mid, 1},
		{"c@x", timeZero, 0},
	}
	for _, tt := range tests {
		if got, err := db.Reader(ctx).RepliesTo(tt.addr, tt.since); err != nil || got != tt.want {
			t.Errorf("RepliesTo(%q, %v) = %d, %v; want %d", tt.addr, tt.since, got, err, tt.want)
		}
	}
	for since, want := range map[time.Time]int{timeZero: 3, mid: 2, c.Now(): 0} {
		if got, err := db.Reader(ctx).RepliesSince(since); err != nil || got != want {
			t.Errorf("RepliesSince(%v) = %d, %v; want %d", since, got, err, want)
		}
	}
}

func TestReviews(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	var msgID int64
	tx(t, db, func(tx *store.Tx) (err error) {
		msgID, err = tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1})
		return err
	})
	a := &store.Review{MessageID: msgID, Reason: "question", Sender: "A@X", Subject: "Frage", Excerpt: "Gibt es Parkplätze?"}
	b := &store.Review{Reason: "unclear", Sender: "b@x", Subject: "?", Excerpt: "…"}
	tx(t, db, func(tx *store.Tx) error {
		if _, err := tx.AddReview(a); err != nil {
			return err
		}
		_, err := tx.AddReview(b)
		return err
	})
	open, err := db.Reader(ctx).OpenReviews()
	if err != nil || len(open) != 2 || open[0] != *a || open[1] != *b || open[0].Sender != "a@x" {
		t.Fatalf("OpenReviews() = %+v, %v; want %+v, %+v", open, err, *a, *b)
	}
	tx(t, db, func(tx *store.Tx) error { return tx.CloseReview(a.ID, " answered by phone ") })
	open, _ = db.Reader(ctx).OpenReviews()
	if len(open) != 1 || open[0].ID != b.ID {
		t.Errorf("OpenReviews() after close = %+v", open)
	}
	if s := dump(t, db.Path()); strings.Contains(s, "Parkplätze") || !strings.Contains(s, "done_note=answered by phone") {
		t.Errorf("closed review kept its excerpt or lost its note:\n%s", s)
	}
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.CloseReview(999, "") }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CloseReview(unknown) = %v, want ErrNotFound", err)
	}
}

func TestChanges(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	ids := people(t, db, "a@x", "b@x")
	r1 := addReg(t, db, "e", ids[0], store.StatusConfirmed)
	mid := c.Now()
	r2 := addReg(t, db, "e", ids[1], store.StatusWaitlist)
	tx(t, db, func(tx *store.Tx) error { return tx.AddChange("f", 0, "note") })
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.AddChange("", 0, "x") }); err == nil {
		t.Errorf("AddChange without event = nil")
	}

	type row struct {
		event string
		reg   int64
		kind  string
		email string
	}
	get := func(since time.Time) []row {
		cs, err := db.Reader(ctx).ChangesSince(since)
		if err != nil {
			t.Fatal(err)
		}
		var rows []row
		for _, c := range cs {
			rows = append(rows, row{c.Event, c.RegistrationID, c.Kind, c.Person.Email})
		}
		return rows
	}
	all := []row{{"e", r1.ID, "registered", "a@x"}, {"e", r2.ID, "waitlisted", "b@x"}, {"f", 0, "note", ""}}
	if got := get(timeZero); !reflect.DeepEqual(got, all) {
		t.Errorf("ChangesSince(zero) = %+v, want %+v", got, all)
	}
	if got := get(mid); !reflect.DeepEqual(got, all[1:]) {
		t.Errorf("ChangesSince(mid) = %+v, want %+v", got, all[1:])
	}
	if got := get(c.Now()); got != nil {
		t.Errorf("ChangesSince(now) = %+v, want none", got)
	}
}

func TestAuditAndDigests(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	tx(t, db, func(tx *store.Tx) error { return tx.Audit("cancel", "registration=4 event=tisch") })
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.Audit("add", "person=anna@example.org") }); err == nil {
		t.Errorf("Audit with an address = nil, want refusal")
	}
	log, err := db.Reader(ctx).AuditLog(timeZero)
	if err != nil || len(log) != 1 || log[0].Action != "cancel" || log[0].Detail != "registration=4 event=tisch" {
		t.Errorf("AuditLog() = %+v, %v", log, err)
	}

	r := db.Reader(ctx)
	if day, at, err := r.LastDigest(); day != "" || !at.IsZero() || err != nil {
		t.Errorf("LastDigest() on empty = %q, %v, %v", day, at, err)
	}
	for _, day := range []string{"2026-03-01", "2026-03-03", "2026-03-02", "2026-03-03"} {
		tx(t, db, func(tx *store.Tx) error { return tx.MarkDigestSent(day) })
	}
	sent3 := c.peek().Add(-2 * time.Second) // first marking of 03-03 is kept
	for day, want := range map[string]bool{"2026-03-01": true, "2026-03-02": true, "2026-03-04": false} {
		if got, err := r.DigestSent(day); err != nil || got != want {
			t.Errorf("DigestSent(%s) = %v, %v; want %v", day, got, err, want)
		}
	}
	if day, at, err := r.LastDigest(); day != "2026-03-03" || !at.Equal(sent3) || err != nil {
		t.Errorf("LastDigest() = %q, %v, %v; want 2026-03-03, %v", day, at, err, sent3)
	}
	for _, bad := range []string{"", "3.3.2026", "2026-3-3", "2026-03-03T00:00"} {
		if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkDigestSent(bad) }); err == nil {
			t.Errorf("MarkDigestSent(%q) = nil", bad)
		}
	}
}

func TestDBOutboxShortcuts(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	a := enqueue(t, db, reply("a@r", "a@x"))
	b := enqueue(t, db, reply("b@r", "b@x"))
	items, err := db.DueOutbox(ctx, c.peek(), 10)
	if err != nil || len(items) != 2 {
		t.Fatalf("DB.DueOutbox() = %+v, %v", items, err)
	}
	if err := db.MarkSent(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkAttemptFailed(ctx, b, "550", time.Time{}, true); err != nil {
		t.Fatal(err)
	}
	if items, err := db.DueOutbox(ctx, c.peek(), 10); err != nil || len(items) != 0 {
		t.Errorf("DB.DueOutbox() after sent/failed = %+v, %v", items, err)
	}
	if err := db.MarkSent(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DB.MarkSent(unknown) = %v, want ErrNotFound", err)
	}
}
