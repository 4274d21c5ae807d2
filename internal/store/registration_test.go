package store_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/store"
)

func TestUpsertPerson(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	steps := []struct {
		name string
		in   store.Person
		want store.Person // ID 1 means "same as the first"
		same bool
	}{
		{"new", store.Person{Email: " Anna@Example.org ", Name: "Müller"},
			store.Person{Email: "anna@example.org", Name: "Müller"}, false},
		{"longer name replaces", store.Person{Email: "anna@example.org", Name: "Anna Müller", Salutation: "Frau"},
			store.Person{Email: "anna@example.org", Name: "Anna Müller", Salutation: "Frau"}, true},
		{"shorter name kept out", store.Person{Email: "ANNA@example.org", Name: "A. Müller", Organisation: "Stadtwerke"},
			store.Person{Email: "anna@example.org", Name: "Anna Müller", Organisation: "Stadtwerke", Salutation: "Frau"}, true},
		{"filled fields not overwritten", store.Person{Email: "anna@example.org", Organisation: "Landkreis", Salutation: "Herr"},
			store.Person{Email: "anna@example.org", Name: "Anna Müller", Organisation: "Stadtwerke", Salutation: "Frau"}, true},
		{"nothing cleared", store.Person{Email: "anna@example.org"},
			store.Person{Email: "anna@example.org", Name: "Anna Müller", Organisation: "Stadtwerke", Salutation: "Frau"}, true},
	}
	var first int64
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			in := s.in
			var id int64
			tx(t, db, func(tx *store.Tx) (err error) { id, err = tx.UpsertPerson(&in); return err })
			if id == 0 || in.ID != id {
				t.Fatalf("UpsertPerson() id = %d, p.ID = %d", id, in.ID)
			}
			if first == 0 {
				first = id
			} else if (id == first) != s.same {
				t.Errorf("UpsertPerson() id = %d, first %d, want same %v", id, first, s.same)
			}
			got, err := db.Reader(ctx).PersonByEmail("Anna@EXAMPLE.org")
			s.want.ID = first
			if err != nil || got == nil || *got != s.want {
				t.Errorf("PersonByEmail() = %+v, %v; want %+v", got, err, s.want)
			}
		})
	}

	// Without an address every call is a new person.
	var a, b int64
	tx(t, db, func(tx *store.Tx) (err error) {
		if a, err = tx.UpsertPerson(&store.Person{Name: "Max Muster"}); err != nil {
			return err
		}
		b, err = tx.UpsertPerson(&store.Person{Name: "Max Muster"})
		return err
	})
	if a == b || a == 0 {
		t.Errorf("UpsertPerson without address: ids %d, %d; want two new rows", a, b)
	}
	if p, err := db.Reader(ctx).PersonByID(a); err != nil || p == nil || p.Email != "" || p.Name != "Max Muster" {
		t.Errorf("PersonByID(%d) = %+v, %v", a, p, err)
	}
	if p, err := db.Reader(ctx).PersonByEmail("nobody@example.org"); p != nil || err != nil {
		t.Errorf("PersonByEmail(unknown) = %+v, %v; want nil, nil", p, err)
	}
}

// fixture creates people and returns their ids.
func people(t *testing.T, db *store.DB, emails ...string) []int64 {
	t.Helper()
	var ids []int64
	tx(t, db, func(tx *store.Tx) error {
		for _, e := range emails {
			p := store.Person{Email: e, Name: "Person " + strings.Split(e, "@")[0]}
			if _, err := tx.UpsertPerson(&p); err != nil {
				return err
			}
			ids = append(ids, p.ID)
		}
		return nil
	})
	return ids
}

func addReg(t *testing.T, db *store.DB, event string, person int64, st store.Status) *store.Registration {
	t.Helper()
	r := &store.Registration{Event: event, PersonID: person, Status: st}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.AddRegistration(r); return err })
	return r
}

func TestRegistrations(t *testing.T) {
	db, c := newDB(t)
	ctx := context.Background()
	ids := people(t, db, "a@x.de", "b@x.de", "c@x.de")
	var msgID int64
	tx(t, db, func(tx *store.Tx) (err error) {
		msgID, err = tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: 1, MessageID: "m@x"})
		return err
	})

	r := &store.Registration{Event: "tisch", PersonID: ids[1], Status: store.StatusConfirmed,
		RegisteredBy: ids[0], SourceMessageID: msgID}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.AddRegistration(r); return err })
	if r.ID == 0 || !strings.HasSuffix(r.ICSUID, "@regbot") || len(r.ICSUID) != 32+len("@regbot") {
		t.Errorf("AddRegistration set ID %d, ICSUID %q", r.ID, r.ICSUID)
	}
	if !r.CreatedAt.Equal(c.peek().Add(-1e9)) && !r.CreatedAt.Equal(c.peek()) {
		t.Errorf("CreatedAt = %v, clock at %v", r.CreatedAt, c.peek())
	}
	own := &store.Registration{Event: "tisch", PersonID: ids[0], Status: store.StatusWaitlist, ICSUID: "fixed@example.org"}
	tx(t, db, func(tx *store.Tx) error { _, err := tx.AddRegistration(own); return err })
	addReg(t, db, "forum", ids[1], store.StatusInterest)
	addReg(t, db, "tisch", ids[2], store.StatusLate)

	rd := db.Reader(ctx)
	lookups := []struct {
		name string
		get  func() (*store.Registration, error)
		want *store.Registration
	}{
		{"Registration", func() (*store.Registration, error) { return rd.Registration("tisch", ids[1]) }, r},
		{"RegistrationByID", func() (*store.Registration, error) { return rd.RegistrationByID(r.ID) }, r},
		{"RegistrationByICSUID", func() (*store.Registration, error) { return rd.RegistrationByICSUID("fixed@example.org") }, own},
		{"Registration unknown", func() (*store.Registration, error) { return rd.Registration("forum", ids[0]) }, nil},
		{"RegistrationByID unknown", func() (*store.Registration, error) { return rd.RegistrationByID(999) }, nil},
		{"RegistrationByICSUID unknown", func() (*store.Registration, error) { return rd.RegistrationByICSUID("x") }, nil},
	}
	for _, l := range lookups {
		got, err := l.get()
		if err != nil {
			t.Errorf("%s: %v", l.name, err)
			continue
		}
		if l.want == nil {
			if got != nil {
				t.Errorf("%s = %+v, want nil", l.name, got)
			}
			continue
		}
		if got == nil || got.ID != l.want.ID || got.ICSUID != l.want.ICSUID || got.Status != l.want.Status ||
			got.RegisteredBy != l.want.RegisteredBy || got.SourceMessageID != l.want.SourceMessageID ||
			!got.CreatedAt.Equal(l.want.CreatedAt) || got.Person.ID != l.want.PersonID || got.Person.Email == "" {
			t.Errorf("%s = %+v, want %+v", l.name, got, l.want)
		}
	}

	err := db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.AddRegistration(&store.Registration{Event: "tisch", PersonID: ids[1], Status: store.StatusWaitlist})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddRegistration(same person, same event) = %v, want ErrDuplicate", err)
	}
	err = db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.AddRegistration(&store.Registration{Event: "forum", PersonID: ids[2], Status: store.StatusConfirmed, ICSUID: "fixed@example.org"})
		return err
	})
	if !errors.Is(err, store.ErrDuplicate) {
		t.Errorf("AddRegistration(reused ICS UID) = %v, want ErrDuplicate", err)
	}
	err = db.Tx(ctx, func(tx *store.Tx) error {
		_, err := tx.AddRegistration(&store.Registration{Event: "forum", PersonID: ids[2], Status: "maybe"})
		return err
	})
	if err == nil {
		t.Errorf("AddRegistration(invalid status) = nil")
	}

	by, err := rd.RegistrationsBy(ids[0], "tisch")
	if err != nil || len(by) != 1 || by[0].ID != r.ID || by[0].Person.Email != "b@x.de" {
		t.Errorf("RegistrationsBy(a, tisch) = %+v, %v", by, err)
	}
	if by, err := rd.RegistrationsBy(ids[0], ""); err != nil || len(by) != 1 {
		t.Errorf("RegistrationsBy(a, all) = %+v, %v", by, err)
	}
	if by, err := rd.RegistrationsBy(ids[1], ""); err != nil || len(by) != 0 {
		t.Errorf("RegistrationsBy(b) = %+v, %v; want none", by, err)
	}

	list := []struct {
		event  string
		status store.Status
		want   []string // person emails in order
	}{
		{"tisch", "", []string{"b@x.de", "a@x.de", "c@x.de"}},
		{"tisch", store.StatusWaitlist, []string{"a@x.de"}},
		{"", "", []string{"b@x.de", "a@x.de", "b@x.de", "c@x.de"}},
		{"", store.StatusInterest, []string{"b@x.de"}},
		{"nope", "", nil},
	}
	for _, l := range list {
		regs, err := rd.ListRegistrations(l.event, l.status)
		var got []string
		for _, g := range regs {
			got = append(got, g.Person.Email)
		}
		if err != nil || !reflect.DeepEqual(got, l.want) {
			t.Errorf("ListRegistrations(%q, %q) = %v, %v; want %v", l.event, l.status, got, err, l.want)
		}
	}

	counts, err := rd.Counts("tisch")
	if want := (store.Counts{Confirmed: 1, Waitlist: 1, Late: 1}); err != nil || counts != want {
		t.Errorf("Counts(tisch) = %+v, %v; want %+v", counts, err, want)
	}
}

func TestWaitlist(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	ids := people(t, db, "1@x", "2@x", "3@x", "4@x", "5@x")
	confirmed := addReg(t, db, "e", ids[0], store.StatusConfirmed)
	var w []*store.Registration
	for _, id := range ids[1:] {
		w = append(w, addReg(t, db, "e", id, store.StatusWaitlist))
	}
	positions := func(want ...int) {
		t.Helper()
		for i, r := range append([]*store.Registration{confirmed}, w...) {
			got, err := db.Reader(ctx).WaitlistPosition(r.ID)
			if err != nil || got != want[i] {
				t.Errorf("WaitlistPosition(%d) = %d, %v; want %d", i, got, err, want[i])
			}
		}
	}
	first := func(want *store.Registration) {
		t.Helper()
		got, err := db.Reader(ctx).FirstWaiting("e")
		if err != nil || (got == nil) != (want == nil) || (got != nil && got.ID != want.ID) {
			t.Errorf("FirstWaiting() = %+v, %v; want %+v", got, err, want)
		}
	}
	positions(0, 1, 2, 3, 4)
	first(w[0])

	tx(t, db, func(tx *store.Tx) error { return tx.SetStatus(w[0].ID, store.StatusConfirmed) })
	positions(0, 0, 1, 2, 3)
	first(w[1])

	// Cancelling and queueing again puts a registration at the end.
	tx(t, db, func(tx *store.Tx) error { return tx.SetStatus(w[1].ID, store.StatusCancelled) })
	tx(t, db, func(tx *store.Tx) error { return tx.SetStatus(w[1].ID, store.StatusWaitlist) })
	positions(0, 0, 3, 1, 2)
	first(w[2])

	tx(t, db, func(tx *store.Tx) error {
		for _, r := range w[1:] {
			if err := tx.SetStatus(r.ID, store.StatusConfirmed); err != nil {
				return err
			}
		}
		return nil
	})
	first(nil)
	if _, err := db.Reader(ctx).WaitlistPosition(999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("WaitlistPosition(unknown) = %v, want ErrNotFound", err)
	}
	if got, err := db.Reader(ctx).FirstWaiting("other"); got != nil || err != nil {
		t.Errorf("FirstWaiting(other) = %+v, %v", got, err)
	}
}

func TestSetStatus(t *testing.T) {
	tests := []struct {
		from, to store.Status
		kind     string
	}{
		{store.StatusWaitlist, store.StatusConfirmed, store.ChangePromoted},
		{store.StatusConfirmed, store.StatusCancelled, store.ChangeCancelled},
		{store.StatusCancelled, store.StatusConfirmed, store.ChangeRegistered},
		{store.StatusConfirmed, store.StatusWaitlist, store.ChangeWaitlisted},
		{store.StatusInterest, store.StatusLate, store.ChangeLate},
		{store.StatusLate, store.StatusRefused, store.ChangeRefused},
		{store.StatusRefused, store.StatusInterest, store.ChangeInterest},
		{store.StatusConfirmed, store.StatusConfirmed, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"→"+string(tt.to), func(t *testing.T) {
			db, c := newDB(t)
			ctx := context.Background()
			r := addReg(t, db, "e", people(t, db, "a@x")[0], tt.from)
			cut := c.peek().Add(1)
			before, _ := db.Reader(ctx).ChangesSince(cut)
			tx(t, db, func(tx *store.Tx) error { return tx.SetStatus(r.ID, tt.to) })
			got, _ := db.Reader(ctx).RegistrationByID(r.ID)
			changes, err := db.Reader(ctx).ChangesSince(cut)
			if err != nil {
				t.Fatal(err)
			}
			if len(before) != 0 {
				t.Fatalf("changes before SetStatus: %+v", before)
			}
			if tt.kind == "" {
				if got.ICSSequence != 0 || len(changes) != 0 || !got.UpdatedAt.Equal(r.UpdatedAt) {
					t.Errorf("no-op SetStatus changed: seq %d, changes %+v", got.ICSSequence, changes)
				}
				return
			}
			if got.Status != tt.to || got.ICSSequence != 1 || !got.UpdatedAt.After(r.UpdatedAt) {
				t.Errorf("after SetStatus: %+v", got)
			}
			if !got.StatusAt.Equal(got.UpdatedAt) || !got.CreatedAt.Equal(r.CreatedAt) {
				t.Errorf("StatusAt %v, UpdatedAt %v, CreatedAt %v (was %v)", got.StatusAt, got.UpdatedAt, got.CreatedAt, r.CreatedAt)
			}
			if len(changes) != 1 || changes[0].Kind != tt.kind || changes[0].RegistrationID != r.ID ||
				changes[0].Event != "e" || changes[0].Person.Email != "a@x" {
				t.Errorf("changes = %+v, want one %q", changes, tt.kind)
			}
		})
	}

	db, _ := newDB(t)
	ctx := context.Background()
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.SetStatus(42, store.StatusCancelled) }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetStatus(unknown) = %v, want ErrNotFound", err)
	}
	r := addReg(t, db, "e", people(t, db, "a@x")[0], store.StatusConfirmed)
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.SetStatus(r.ID, "gone") }); err == nil {
		t.Errorf("SetStatus(invalid) = nil")
	}
}

func TestMarkUndeliverable(t *testing.T) {
	db, _ := newDB(t)
	ctx := context.Background()
	ids := people(t, db, "a@x", "b@x")
	addReg(t, db, "e1", ids[0], store.StatusConfirmed)
	before, _ := db.Reader(ctx).ChangesSince(timeZero)

	tx(t, db, func(tx *store.Tx) error { return tx.MarkUndeliverable("A@X", "550 no such user") })
	first, _ := db.Reader(ctx).PersonByEmail("a@x")
	tx(t, db, func(tx *store.Tx) error { return tx.MarkUndeliverable("a@x", "550 still no such user") })
	p, _ := db.Reader(ctx).PersonByEmail("a@x")
	if p.UndeliverableAt.IsZero() || !p.UndeliverableAt.Equal(first.UndeliverableAt) || p.UndeliverableReason != "550 still no such user" {
		t.Errorf("person after MarkUndeliverable twice: %+v (first %v)", p, first.UndeliverableAt)
	}
	if b, _ := db.Reader(ctx).PersonByEmail("b@x"); !b.UndeliverableAt.IsZero() {
		t.Errorf("other person marked: %+v", b)
	}
	if after, _ := db.Reader(ctx).ChangesSince(timeZero); len(after) != len(before) {
		t.Errorf("MarkUndeliverable wrote changes: %+v", after[len(before):])
	}
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.MarkUndeliverable("nobody@x", "x") }); err != nil {
		t.Errorf("MarkUndeliverable(unknown) = %v, want nil", err)
	}
}
