package desk_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/app"
	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

// fixture is a desk on a real database with the example configuration and
// a Runder Tisch of two seats.
type fixture struct {
	t   *testing.T
	db  *store.DB
	d   *desk.Desk
	an  *intent.Analyzer
	cfg *config.Config
	now time.Time
	n   int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	cfg := config.Default()
	for i := range cfg.Events {
		if cfg.Events[i].ID == "runder-tisch" {
			cfg.Events[i].Capacity = 2
		}
	}
	cfg.Limits.RepliesPerSenderPerDay = 3
	f := &fixture{t: t, cfg: cfg, now: time.Date(2024, 4, 2, 10, 0, 0, 0, berlin)}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "regbot.db"), &store.Options{Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, err := reply.New("")
	if err != nil {
		t.Fatal(err)
	}
	d, err := desk.New(desk.Options{Config: cfg, Renderer: r, Now: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	f.db, f.d, f.an = db, d, app.Analyzer(cfg)
	return f
}

// mail hands one mail to the desk, as the daemon does.
func (f *fixture) mail(from, subject, body string, received time.Time, extra ...string) *desk.Outcome {
	f.t.Helper()
	f.n++
	raw := fmt.Sprintf("From: %s\r\nTo: mail@heinlein-support.de\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <m%d@example.org>\r\n%sContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
		from, subject, received.Format(time.RFC1123Z), f.n, strings.Join(extra, ""), strings.ReplaceAll(body, "\n", "\r\n"))
	m, err := mailparse.ParseBytes([]byte(raw))
	if err != nil {
		f.t.Fatal(err)
	}
	res := f.an.Understand(m, received)
	var out *desk.Outcome
	err = f.db.Tx(context.Background(), func(tx *store.Tx) error {
		id, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(f.n), MessageID: m.MessageID, Sender: m.FirstFrom().Email, ReceivedAt: received})
		if err != nil {
			return err
		}
		out, err = f.d.Apply(tx, desk.Incoming{Message: m, Result: res, Row: id, ReceivedAt: received})
		return err
	})
	if err != nil {
		f.t.Fatalf("apply: %v", err)
	}
	return out
}

func (f *fixture) status(event, email string) store.Status {
	f.t.Helper()
	var st store.Status
	err := f.db.View(context.Background(), func(r *store.Reader) error {
		p, err := r.PersonByEmail(email)
		if err != nil || p == nil {
			return err
		}
		reg, err := r.Registration(event, p.ID)
		if reg != nil {
			st = reg.Status
		}
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return st
}

// text returns the plain text part of a queued reply.
func text(t *testing.T, item store.OutboxItem) (subject, body string) {
	t.Helper()
	r, err := mail.CreateReader(bytes.NewReader(item.Raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = r.Header.Subject()
	for {
		p, err := r.NextPart()
		if err != nil {
			break
		}
		if h, ok := p.Header.(*mail.InlineHeader); ok {
			if ct, _, _ := h.ContentType(); ct == "text/plain" {
				b := new(bytes.Buffer)
				b.ReadFrom(p.Body)
				body = b.String()
			}
		}
	}
	return subject, body
}

func TestRegistrationCapacityWaitlistAndPromotion(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 2, 9, 0, 0, 0, berlin)
	reg := func(name, addr string) *desk.Outcome {
		return f.mail(name+" <"+addr+">", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nGruß\n"+name, at)
	}
	o1 := reg("Anna Schmidt", "anna@example.org")
	o2 := reg("Ben Meyer", "ben@example.org")
	o3 := reg("Cem Kaya", "cem@example.org")
	if got := f.status("runder-tisch", "anna@example.org"); got != store.StatusConfirmed {
		t.Errorf("first: %s, want confirmed", got)
	}
	if got := f.status("runder-tisch", "cem@example.org"); got != store.StatusWaitlist {
		t.Errorf("third of two seats: %s, want waitlist", got)
	}
	if len(o1.Replies) != 1 || o1.Replies[0].Kind != string(reply.KindConfirmation) {
		t.Fatalf("first reply: %+v", o1.Replies)
	}
	if len(o2.Replies) != 1 || len(o3.Replies) != 1 || o3.Replies[0].Kind != string(reply.KindWaitlist) {
		t.Fatalf("replies: %d, %+v", len(o2.Replies), o3.Replies)
	}
	_, body := text(t, o3.Replies[0])
	if !strings.Contains(body, "Warteliste") || !strings.Contains(body, "1") {
		t.Errorf("waiting-list reply lacks list and position:\n%s", body)
	}
	// Anna cancels: Cem moves up and hears it.
	o4 := f.mail("Anna Schmidt <anna@example.org>", "Absage", "Hallo,\nich muss meine Anmeldung zum Runden Tisch leider stornieren.\nAnna", at.Add(time.Hour))
	if got := f.status("runder-tisch", "anna@example.org"); got != store.StatusCancelled {
		t.Errorf("after cancel: %s", got)
	}
	if got := f.status("runder-tisch", "cem@example.org"); got != store.StatusConfirmed {
		t.Errorf("first on the waiting list after a cancellation: %s, want confirmed", got)
	}
	kinds := map[string]string{}
	for _, r := range o4.Replies {
		kinds[r.To] = r.Kind
	}
	if kinds["anna@example.org"] != string(reply.KindCancelled) || kinds["cem@example.org"] != string(reply.KindPromoted) {
		t.Errorf("replies after the cancellation: %v", kinds)
	}
	// Registering again: already registered, nothing new.
	o5 := reg("Ben Meyer", "ben@example.org")
	if len(o5.Replies) != 1 || o5.Replies[0].Kind != string(reply.KindAlready) {
		t.Errorf("second registration: %+v", o5.Replies)
	}
}

func TestLateRegistrationFollowsThePolicy(t *testing.T) {
	f := newFixture(t)
	late := time.Date(2024, 4, 15, 9, 0, 0, 0, berlin) // after the deadline of 12 April
	o := f.mail("Svetlana Nowak <sv@example.org>", "Runder Tisch", "Hallo,\nich melde mich für den Runden Tisch an.\nGruß\nSvetlana Nowak", late)
	// The example configuration says late: waitlist.
	if got := f.status("runder-tisch", "sv@example.org"); got != store.StatusWaitlist {
		t.Errorf("late registration: %s, want waitlist", got)
	}
	if len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindWaitlist) {
		t.Errorf("late reply: %+v", o.Replies)
	}
	// The time the mail arrived decides, not the time it is processed.
	f.now = time.Date(2024, 4, 16, 9, 0, 0, 0, berlin)
	early := time.Date(2024, 4, 10, 9, 0, 0, 0, berlin)
	f.mail("Early Bird <eb@example.org>", "Runder Tisch", "Hallo,\nich melde mich für den Runden Tisch an.\nGruß\nEarly Bird", early)
	if got := f.status("runder-tisch", "eb@example.org"); got != store.StatusConfirmed {
		t.Errorf("mail from before the deadline handled late: %s, want confirmed", got)
	}
}

func TestInterestListColleaguesQuestionsAndLimits(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 3, 9, 0, 0, 0, berlin)
	o := f.mail("Carola Brück <carola@example.org>", "Netzwerktag", "Guten Tag,\nbitte merken Sie mich für den Netzwerktag vor.\nGrüße\nCarola Brück", at)
	if got := f.status("netzwerktag", "carola@example.org"); got != store.StatusInterest {
		t.Errorf("info request for an interest-only event: %s, want interest", got)
	}
	if len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindInterest) {
		t.Errorf("interest reply: %+v", o.Replies)
	}
	// A colleague with an address gets a confirmation of her own.
	o = f.mail("Jonas Weber <jonas@example.org>", "Anmeldung", "Hallo,\nich melde mich und meine Kollegin Frau Lea Vogt (lea@example.org) für den Runden Tisch an.\nGruß\nJonas Weber", at)
	to := map[string]string{}
	for _, r := range o.Replies {
		to[r.To] = r.Kind
	}
	if to["jonas@example.org"] != string(reply.KindConfirmation) || to["lea@example.org"] != string(reply.KindAttendee) {
		t.Errorf("replies: %v", to)
	}
	// A question goes to a person and is acknowledged.
	o = f.mail("Matthias Berger <mb@example.org>", "Frage", "Guten Tag,\nist der Seminarraum 4 A 02 barrierefrei?\nGrüße\nMatthias Berger", at)
	if !o.NeedsPerson || len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindQuestion) {
		t.Errorf("question: needs person %v, replies %+v", o.NeedsPerson, o.Replies)
	}
	// No more than three replies a day to one address.
	for i := 0; i < 3; i++ {
		f.mail("Matthias Berger <mb@example.org>", "Frage", fmt.Sprintf("Guten Tag,\nnoch eine Frage Nummer %d: gibt es Parkplätze?\nGrüße\nMatthias Berger", i), at)
	}
	var n int
	f.db.View(context.Background(), func(r *store.Reader) error {
		var err error
		n, err = r.RepliesTo("mb@example.org", f.now.Add(-24*time.Hour))
		return err
	})
	if n != 3 {
		t.Errorf("replies to one address in a day: %d, want 3", n)
	}
}

func TestMachineMailBouncesAndDeletion(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 3, 9, 0, 0, 0, berlin)
	f.mail("Lea Vogt <lea@example.org>", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nLea Vogt", at)
	o := f.mail("Lea Vogt <lea@example.org>", "Automatische Antwort: Anmeldung", "Ich bin nicht im Büro.", at, "Auto-Submitted: auto-replied\r\n")
	if len(o.Replies) != 0 {
		t.Errorf("an auto-reply was answered: %+v", o.Replies)
	}
	bounce := "This is the mail system.\n\n<lea@example.org>: User unknown\n"
	o = f.mail("Mail Delivery System <MAILER-DAEMON@mx.example.org>", "Undelivered Mail Returned to Sender", bounce, at,
		"Auto-Submitted: auto-replied\r\nX-Failed-Recipients: lea@example.org\r\n")
	if len(o.Replies) != 0 {
		t.Errorf("a bounce was answered")
	}
	var p *store.Person
	f.db.View(context.Background(), func(r *store.Reader) error {
		var err error
		p, err = r.PersonByEmail("lea@example.org")
		return err
	})
	if p == nil || p.UndeliverableAt.IsZero() {
		t.Errorf("bounced address not marked undeliverable: %+v", p)
	}
	// Deletion: the person is gone, the confirmation goes out.
	f.mail("Georg Lehmann <georg@example.org>", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nGeorg Lehmann", at)
	o = f.mail("Georg Lehmann <georg@example.org>", "Löschung", "Sehr geehrte Damen und Herren,\nbitte löschen Sie gemäß Art. 17 DSGVO alle Daten zu meiner Person.\nGeorg Lehmann", at)
	if got := f.status("runder-tisch", "georg@example.org"); got != "" {
		t.Errorf("registration left after deletion: %s", got)
	}
	if len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindDeleted) {
		t.Errorf("deletion reply: %+v", o.Replies)
	}
	// Mail from our own address is never answered.
	o = f.mail("Heinlein Support <mail@heinlein-support.de>", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.", at)
	if len(o.Replies) != 0 {
		t.Errorf("answered our own mail: %+v", o.Replies)
	}
}

func TestNothingToCancelAndReplyHeaders(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 3, 9, 0, 0, 0, berlin)
	o := f.mail("Nora Neu <nora@example.org>", "Absage", "Hallo,\nich muss meine Anmeldung zum Runden Tisch stornieren.\nNora Neu", at)
	if len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindNothingToCancel) {
		t.Fatalf("cancel without a registration: %+v", o.Replies)
	}
	raw := string(o.Replies[0].Raw)
	for _, h := range []string{"Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: OOF, AutoReply", "In-Reply-To: <m1@example.org>", "References: <m1@example.org>"} {
		if !strings.Contains(raw, h) {
			t.Errorf("reply lacks %q", h)
		}
	}
	if subj, _ := text(t, o.Replies[0]); subj != "Re: Absage" {
		t.Errorf("subject %q, want Re: Absage", subj)
	}
}

func TestCancelByReplyToTheConfirmation(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 3, 9, 0, 0, 0, berlin)
	o := f.mail("Anna Schmidt <anna@example.org>", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nAnna Schmidt", at)
	confirmation := "<" + o.Replies[0].MessageID + ">"
	// She answers from another address: the thread tells which registration.
	o = f.mail("Anna Schmidt <a.schmidt@private.example>", "Re: Bestätigung Ihrer Anmeldung", "Hallo,\nich kann leider doch nicht kommen.\nAnna", at.Add(time.Hour),
		"In-Reply-To: "+confirmation+"\r\nReferences: "+confirmation+"\r\n")
	if got := f.status("runder-tisch", "anna@example.org"); got != store.StatusCancelled {
		t.Errorf("registration after a cancelling reply to its confirmation: %s", got)
	}
	if len(o.Replies) != 1 || o.Replies[0].Kind != string(reply.KindCancelled) {
		t.Errorf("reply: %+v", o.Replies)
	}
}

// A sender whose address RFC 5322 allows but no reply header should carry
// (a quoted local part with a colon) is registered and left to a person:
// the mail is handled, not failed over and over.
func TestUnreplyableSenderIsLeftToAPerson(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 4, 3, 9, 0, 0, 0, berlin)
	o := f.mail(`Lina Local <"l2:x"@example.org>`, "Anmeldung Runder Tisch", "Hallo,\nhiermit melde ich mich für den Runden Tisch an.\nViele Grüße\nLina Local", at)
	if len(o.Replies) != 0 {
		t.Errorf("replies to an address no reply can carry: %+v", o.Replies)
	}
	if !o.NeedsPerson || !strings.Contains(strings.Join(o.Reasons, "; "), "cannot be written") {
		t.Errorf("needs person %v, reasons %q; want it left to a person with the reason", o.NeedsPerson, o.Reasons)
	}
	if got := f.status("runder-tisch", "l2:x@example.org"); got != store.StatusConfirmed {
		t.Errorf("registration of the sender: %q, want confirmed (recorded, only the reply is left out)", got)
	}
}
