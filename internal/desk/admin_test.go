package desk_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// tx runs fn in a transaction of the fixture's database.
func (f *fixture) tx(fn func(tx *store.Tx) (*desk.AdminResult, error)) (*desk.AdminResult, error) {
	f.t.Helper()
	var res *desk.AdminResult
	err := f.db.Tx(context.Background(), func(tx *store.Tx) error {
		var err error
		res, err = fn(tx)
		return err
	})
	return res, err
}

func (f *fixture) add(event, name, email string, quiet bool) (*desk.AdminResult, error) {
	return f.tx(func(tx *store.Tx) (*desk.AdminResult, error) {
		return f.d.AddByHand(tx, event, name, email, "", quiet)
	})
}

// calendarText returns the decoded text/calendar part of a raw reply,
// unfolded.
func calendarText(t *testing.T, raw []byte) string {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.NextPart()
		if err != nil {
			return ""
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/calendar") {
			b, _ := io.ReadAll(p.Body)
			return strings.ReplaceAll(string(b), "\r\n ", "")
		}
	}
}

// icsValue returns the value of a calendar property of a queued reply.
func icsValue(t *testing.T, item store.OutboxItem, name string) string {
	t.Helper()
	cal := calendarText(t, item.Raw)
	for _, l := range strings.Split(cal, "\r\n") {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return v
		}
	}
	return ""
}

func TestAddByHand(t *testing.T) {
	f := newFixture(t) // Runder Tisch with two seats, before the deadline
	tests := []struct {
		event, name, email string
		quiet              bool
		status             store.Status
		kind               reply.Kind // "" for no reply
		pos                int
	}{
		{"runder-tisch", "Anna Schmidt", "Anna@Example.org", false, store.StatusConfirmed, reply.KindConfirmation, 0},
		{"runder-tisch", "Ben Meyer", "ben@example.org", true, store.StatusConfirmed, "", 0},
		{"runder-tisch", "Cem Kaya", "cem@example.org", false, store.StatusWaitlist, reply.KindWaitlist, 1},
		{"runder-tisch", "Dora Kim", "dora@example.org", false, store.StatusWaitlist, reply.KindWaitlist, 2},
		{"netzwerktag", "Anna Schmidt", "anna@example.org", false, store.StatusInterest, reply.KindInterest, 0},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		res, err := f.add(tc.event, tc.name, tc.email, tc.quiet)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.event, tc.email, err)
		}
		g := res.Registration
		if g.Status != tc.status || res.Position != tc.pos || g.SourceMessageID != 0 || g.Person.Email != strings.ToLower(tc.email) {
			t.Errorf("%s %s: %s at %d, %+v", tc.event, tc.email, g.Status, res.Position, g)
		}
		if tc.kind == "" {
			if len(res.Replies) != 0 {
				t.Errorf("quiet add queued %+v", res.Replies)
			}
			continue
		}
		if len(res.Replies) != 1 || res.Replies[0].Kind != string(tc.kind) || res.Replies[0].RegistrationID != g.ID {
			t.Fatalf("%s %s: replies %+v", tc.event, tc.email, res.Replies)
		}
		o := res.Replies[0]
		if seen[o.MessageID] || !strings.HasSuffix(o.MessageID, "@heinlein-support.de") {
			t.Errorf("message-id %q", o.MessageID)
		}
		seen[o.MessageID] = true
		if bytes.Contains(o.Raw, []byte("In-Reply-To:")) || bytes.Contains(o.Raw, []byte("References:")) {
			t.Errorf("reply by hand is threaded:\n%s", o.Raw)
		}
		if tc.kind == reply.KindConfirmation && icsValue(t, o, "UID") != g.ICSUID {
			t.Errorf("confirmation without the registration's calendar")
		}
		_, body := text(t, o)
		if tc.kind == reply.KindWaitlist && !strings.Contains(body, "Platz") {
			t.Errorf("waiting-list reply without the place:\n%s", body)
		}
	}

	// Already registered: an error that says so, and nothing new.
	_, err := f.add("runder-tisch", "Anna Schmidt", "anna@example.org", false)
	var already *desk.AlreadyError
	if !errors.As(err, &already) || already.Registration.Status != store.StatusConfirmed {
		t.Errorf("duplicate: %v", err)
	}
	_, err = f.add("runder-tisch", "Cem Kaya", "cem@example.org", false)
	if !errors.As(err, &already) || already.Position != 1 {
		t.Errorf("duplicate on the waiting list: %v", err)
	}
	if _, err := f.add("sommerfest", "X", "x@example.org", false); err == nil {
		t.Error("unknown event accepted")
	}
	if _, err := f.add("runder-tisch", "Wir", "mail@heinlein-support.de", false); err == nil {
		t.Error("our own address accepted")
	}
	// Someone who cancelled can be added again; the calendar entry stays.
	res, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 1) })
	if err != nil {
		t.Fatal(err)
	}
	uid := res.Registration.ICSUID
	res, err = f.add("runder-tisch", "Anna Schmidt", "anna@example.org", false)
	if err != nil || res.Registration.ID != 1 || res.Registration.ICSUID != uid || res.Registration.Status != store.StatusWaitlist {
		t.Errorf("re-added after cancelling: %+v, %v", res, err)
	}

	// Every action left an audit entry without personal data.
	log, err := f.db.Reader(context.Background()).AuditLog(time.Time{})
	if err != nil || len(log) < 6 {
		t.Fatalf("audit: %d entries, %v", len(log), err)
	}
	for _, e := range log {
		if strings.Contains(e.Detail, "@") || strings.Contains(e.Detail, "Schmidt") {
			t.Errorf("audit entry with personal data: %+v", e)
		}
	}
}

func TestAddByHandClosedAndLate(t *testing.T) {
	f := newFixture(t)
	cfg := *f.cfg
	cfg.Events = append([]config.Event(nil), f.cfg.Events...)
	for i := range cfg.Events {
		switch cfg.Events[i].ID {
		case "netzwerktag":
			cfg.Events[i].Registration = config.ModeClosed
		case "runder-tisch":
			cfg.Events[i].Late = config.LateRefuse
		}
	}
	r, _ := reply.New("")
	d, err := desk.New(desk.Options{Config: &cfg, Renderer: r, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	f.d = d
	if _, err := f.add("netzwerktag", "Anna Schmidt", "anna@example.org", false); !errors.Is(err, desk.ErrClosed) {
		t.Errorf("closed event: %v", err)
	}
	if p, _ := f.db.Reader(context.Background()).PersonByEmail("anna@example.org"); p != nil {
		t.Error("a refused add recorded the person")
	}
	// After the deadline the configured policy applies, as for a mail.
	f.now = time.Date(2024, 4, 15, 9, 0, 0, 0, berlin)
	res, err := f.add("runder-tisch", "Anna Schmidt", "anna@example.org", false)
	if err != nil || res.Registration.Status != store.StatusRefused || len(res.Replies) != 1 || res.Replies[0].Kind != string(reply.KindLate) {
		t.Errorf("late add: %+v, %v", res, err)
	}
}

func TestCancelRegistrationAndPromote(t *testing.T) {
	f := newFixture(t)
	for _, p := range [][2]string{{"Anna Schmidt", "anna@example.org"}, {"Ben Meyer", "ben@example.org"}, {"Cem Kaya", "cem@example.org"}, {"Dora Kim", "dora@example.org"}} {
		if _, err := f.add("runder-tisch", p[0], p[1], true); err != nil {
			t.Fatal(err)
		}
	}
	// Anna (confirmed) cancels: Cem, first on the list, moves up.
	res, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 1) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Registration.Status != store.StatusCancelled || res.Promoted == nil || res.Promoted.Person.Email != "cem@example.org" {
		t.Fatalf("cancel: %+v", res)
	}
	kinds := map[string]store.OutboxItem{}
	for _, o := range res.Replies {
		kinds[o.Kind] = o
	}
	c, p := kinds[string(reply.KindCancelled)], kinds[string(reply.KindPromoted)]
	if c.To != "anna@example.org" || p.To != "cem@example.org" || len(res.Replies) != 2 {
		t.Fatalf("replies: %+v", res.Replies)
	}
	if icsValue(t, c, "METHOD") != "CANCEL" || icsValue(t, c, "UID") != res.Registration.ICSUID {
		t.Errorf("cancellation calendar: %q", calendarText(t, c.Raw))
	}
	if icsValue(t, p, "METHOD") != "REQUEST" || icsValue(t, p, "UID") != res.Promoted.ICSUID {
		t.Errorf("promotion calendar: %q", calendarText(t, p.Raw))
	}
	if _, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 1) }); !errors.Is(err, desk.ErrNotActive) {
		t.Errorf("second cancel: %v", err)
	}
	if _, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 99) }); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown registration: %v", err)
	}
	// A waiting person who cancels frees no seat.
	res, err = f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 4) })
	if err != nil || res.Promoted != nil || len(res.Replies) != 1 {
		t.Errorf("cancel from the waiting list: %+v, %v", res, err)
	}

	// Promote: full and empty lists, force.
	promote := func(force bool) (*desk.AdminResult, error) {
		return f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.Promote(tx, "runder-tisch", force) })
	}
	if _, err := promote(false); !errors.Is(err, desk.ErrNobodyWaiting) {
		t.Errorf("empty waiting list: %v", err)
	}
	if _, err := f.add("runder-tisch", "Emil Graf", "emil@example.org", true); err != nil {
		t.Fatal(err)
	}
	if _, err := promote(false); !errors.Is(err, desk.ErrNoSeat) {
		t.Errorf("full event: %v", err)
	}
	res, err = promote(true)
	if err != nil || res.Promoted.Person.Email != "emil@example.org" || len(res.Replies) != 1 || res.Replies[0].Kind != string(reply.KindPromoted) {
		t.Fatalf("forced promotion: %+v, %v", res, err)
	}
	counts, _ := f.db.Reader(context.Background()).Counts("runder-tisch")
	if counts.Confirmed != 3 {
		t.Errorf("confirmed after a forced promotion: %d, want 3 of 2", counts.Confirmed)
	}
	// The forced promotion did not lift the capacity for good.
	if _, err := f.add("runder-tisch", "Fritz Lang", "fritz@example.org", true); err != nil {
		t.Fatal(err)
	}
	if st := f.status("runder-tisch", "fritz@example.org"); st != store.StatusWaitlist {
		t.Errorf("after a forced promotion: %s, want waitlist", st)
	}
}

func TestResend(t *testing.T) {
	f := newFixture(t)
	first, err := f.add("runder-tisch", "Anna Schmidt", "anna@example.org", false)
	if err != nil {
		t.Fatal(err)
	}
	resend := func(id int64) (*desk.AdminResult, error) {
		return f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.Resend(tx, id) })
	}
	// More than the daily per-address limit (3): an organiser asked for it.
	ids := map[string]bool{first.Replies[0].MessageID: true}
	for i := 0; i < 4; i++ {
		f.now = f.now.Add(time.Second)
		res, err := resend(1)
		if err != nil {
			t.Fatalf("resend %d: %v", i, err)
		}
		o := res.Replies[0]
		if o.Kind != string(reply.KindConfirmation) || ids[o.MessageID] {
			t.Errorf("resend %d: %s %s", i, o.Kind, o.MessageID)
		}
		ids[o.MessageID] = true
		if icsValue(t, o, "UID") != first.Registration.ICSUID || icsValue(t, o, "SEQUENCE") != "0" {
			t.Errorf("resend %d: calendar %q", i, calendarText(t, o.Raw))
		}
	}
	// After a change the current SEQUENCE goes out.
	if _, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.CancelRegistration(tx, 1) }); err != nil {
		t.Fatal(err)
	}
	res, err := resend(1)
	if err != nil || res.Replies[0].Kind != string(reply.KindCancelled) {
		t.Fatalf("resend after cancel: %+v, %v", res, err)
	}
	if seq := icsValue(t, res.Replies[0], "SEQUENCE"); seq != "2" { // stored 1, CANCEL sends +1
		t.Errorf("cancelled resend SEQUENCE %s", seq)
	}
	// An undeliverable address gets nothing, and says so.
	if err := f.db.Tx(context.Background(), func(tx *store.Tx) error { return tx.MarkUndeliverable("anna@example.org", "550") }); err != nil {
		t.Fatal(err)
	}
	if _, err := resend(1); !errors.Is(err, desk.ErrNoReply) || !strings.Contains(err.Error(), "undeliverable") {
		t.Errorf("undeliverable: %v", err)
	}
	if _, err := resend(42); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown registration: %v", err)
	}
}

// TestResendToWhoRegistered: an attendee without an address is reached
// through the colleague who registered them.
func TestResendToWhoRegistered(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 2, 9, 0, 0, 0, berlin)
	f.mail("Lea Vogt <lea@example.org>", "Anmeldung", "Hallo,\nhiermit melde ich mich und meinen Kollegen Jan Brandt für den Runden Tisch an.\nGruß\nLea Vogt", at)
	regs, err := f.db.Reader(context.Background()).ListRegistrations("runder-tisch", "")
	if err != nil {
		t.Fatal(err)
	}
	var jan *store.Registration
	for i := range regs {
		if regs[i].Person.Email == "" {
			jan = &regs[i]
		}
	}
	if jan == nil {
		t.Skipf("the mail registered no attendee without an address: %+v", regs)
	}
	res, err := f.tx(func(tx *store.Tx) (*desk.AdminResult, error) { return f.d.Resend(tx, jan.ID) })
	if err != nil || res.Replies[0].To != "lea@example.org" {
		t.Fatalf("resend for %s: %+v, %v", jan.Person.Name, res, err)
	}
}
