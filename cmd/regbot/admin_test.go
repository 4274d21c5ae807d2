package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/app"
	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/desk"
	"github.com/heinlein/regbot/internal/mailparse"
	"github.com/heinlein/regbot/internal/mailtest"
	"github.com/heinlein/regbot/internal/reply"
	"github.com/heinlein/regbot/internal/store"
)

// adminCmds are the organisers' commands by name, as main's switch runs
// them.
var adminCmds = map[string]func(args []string, stdout, stderr io.Writer) int{
	"list": listCmd, "show": showCmd, "export": exportCmd, "add": addCmd, "cancel": cancelCmd,
	"promote": promoteCmd, "review": reviewCmd, "resend": resendCmd, "forget": forgetCmd, "stats": statsCmd,
}

const testConfig = `timezone: Europe/Berlin
database: regbot.db
mailbox:
  address: mail@heinlein-support.de
  name: Heinlein Support
limits:
  replies_per_sender_per_day: 3
%s
events:
  - id: runder-tisch
    title: "Runder Tisch „Open Source in Berlin“"
    aliases: [Runder Tisch, Runden Tisch]
    start: 2099-04-18T13:00
    end: 2099-04-18T17:30
    deadline: 2099-04-12
    location: {name: IHK Berlin, street: Fasanenstraße 85, postal_code: "10623", city: Berlin}
    capacity: 1
    registration: open
    late: waitlist
    default: true
  - id: netzwerktag
    title: Open-Source-Netzwerktag
    aliases: [Netzwerktag]
    start: 2099-06-19T09:00
    end: 2099-06-19T17:00
    registration: interest
`

// env is a configuration file with a real database in a temporary folder,
// seeded through desk and store as the daemon would.
type env struct {
	t    *testing.T
	dir  string
	path string // the configuration file
	cfg  *config.Config
	db   *store.DB
	desk *desk.Desk
	smtp *mailtest.SMTPSink
	n    int
}

func newEnv(t *testing.T, withSMTP bool) *env {
	t.Helper()
	e := &env{t: t, dir: t.TempDir()}
	smtp := ""
	if withSMTP {
		e.smtp = mailtest.StartSMTP(t)
		smtp = fmt.Sprintf("smtp: {host: %s, port: %d, security: none}", e.smtp.Host, e.smtp.Port)
	}
	e.path = filepath.Join(e.dir, "regbot.yaml")
	if err := os.WriteFile(e.path, []byte(fmt.Sprintf(testConfig, smtp)), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(e.path)
	if err != nil {
		t.Fatal(err)
	}
	e.cfg = cfg
	e.db, err = store.Open(context.Background(), cfg.Database, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.db.Close() })
	r, err := reply.New("")
	if err != nil {
		t.Fatal(err)
	}
	if e.desk, err = desk.New(desk.Options{Config: cfg, Renderer: r}); err != nil {
		t.Fatal(err)
	}
	return e
}

// mail hands a mail to the desk, as the daemon does.
func (e *env) mail(from, subject, body string) *desk.Outcome {
	e.t.Helper()
	e.n++
	now := time.Now()
	raw := fmt.Sprintf("From: %s\r\nTo: mail@heinlein-support.de\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <m%d@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
		from, subject, now.Format(time.RFC1123Z), e.n, strings.ReplaceAll(body, "\n", "\r\n"))
	m, err := mailparse.ParseBytes([]byte(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	res := app.Analyzer(e.cfg).Understand(m, now)
	var out *desk.Outcome
	err = e.db.Tx(context.Background(), func(tx *store.Tx) error {
		id, err := tx.InsertMessage(&store.Message{Mailbox: "INBOX", UIDValidity: 1, UID: uint32(e.n), MessageID: m.MessageID, Sender: m.FirstFrom().Email, Subject: m.Subject, ReceivedAt: now})
		if err != nil {
			return err
		}
		out, err = e.desk.Apply(tx, desk.Incoming{Message: m, Result: res, Row: id, ReceivedAt: now})
		return err
	})
	if err != nil {
		e.t.Fatalf("apply: %v", err)
	}
	return out
}

func (e *env) register(name, addr string) {
	e.t.Helper()
	e.mail(name+" <"+addr+">", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nGruß\n"+name)
}

// run runs an organiser's command with --config.
func (e *env) run(args ...string) (code int, stdout, stderr string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	cmd := adminCmds[args[0]]
	code = cmd(append(args[1:], "--config", e.path), &out, &errb)
	return code, out.String(), errb.String()
}

// ok runs a command that must succeed.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	code, out, errs := e.run(args...)
	if code != 0 {
		e.t.Fatalf("regbot %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (e *env) reg(event, addr string) *store.Registration {
	e.t.Helper()
	r := e.db.Reader(context.Background())
	p, err := r.PersonByEmail(addr)
	if err != nil || p == nil {
		e.t.Fatalf("person %s: %v", addr, err)
	}
	g, err := r.Registration(event, p.ID)
	if err != nil || g == nil {
		e.t.Fatalf("registration of %s for %s: %v", addr, event, err)
	}
	return g
}

// outbox returns every outbox row, oldest first.
func (e *env) outbox() []store.OutboxItem {
	e.t.Helper()
	var list []store.OutboxItem
	for id := int64(1); ; id++ {
		o, err := e.db.Reader(context.Background()).OutboxByID(id)
		if err != nil {
			e.t.Fatal(err)
		}
		if o == nil {
			return list
		}
		list = append(list, *o)
	}
}

// lineWith returns the line of out that contains s.
func lineWith(t *testing.T, out, s string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", s, out)
	return ""
}

// col is the column (in characters) at which s starts in line.
func col(t *testing.T, line, s string) int {
	t.Helper()
	i := strings.Index(line, s)
	if i < 0 {
		t.Fatalf("%q not in %q", s, line)
	}
	return utf8.RuneCountInString(line[:i])
}

// calendar returns the text/calendar part of a raw message.
func calendar(t *testing.T, raw []byte) string {
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
		if ct := p.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/calendar") {
			b, _ := io.ReadAll(p.Body)
			return strings.ReplaceAll(string(b), "\r\n ", "")
		}
	}
}

func icsField(cal, name string) string {
	for _, l := range strings.Split(cal, "\r\n") {
		if v, ok := strings.CutPrefix(l, name+":"); ok {
			return v
		}
	}
	return ""
}

func TestAdminHelp(t *testing.T) {
	for name, cmd := range adminCmds {
		var out, errb bytes.Buffer
		if code := cmd([]string{"--help"}, &out, &errb); code != 0 {
			t.Errorf("%s --help: exit %d", name, code)
		}
		if !strings.Contains(errb.String(), "usage: regbot "+name) || !strings.Contains(errb.String(), "-config") {
			t.Errorf("%s --help:\n%s", name, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := reviewCmd([]string{"done", "--help"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "review done") {
		t.Errorf("review done --help: exit %d\n%s", code, errb.String())
	}
}

func TestAdminBadInput(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	known := "runder-tisch, netzwerktag"
	tests := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"list", "--bogus"}, 2, "bogus"},
		{[]string{"show", "--bogus", "1"}, 2, "bogus"},
		{[]string{"export", "--bogus"}, 2, "bogus"},
		{[]string{"add", "--bogus"}, 2, "bogus"},
		{[]string{"cancel", "--bogus", "1"}, 2, "bogus"},
		{[]string{"promote", "--bogus"}, 2, "bogus"},
		{[]string{"review", "--bogus"}, 2, "bogus"},
		{[]string{"review", "done", "--bogus", "1"}, 2, "bogus"},
		{[]string{"resend", "--bogus", "1"}, 2, "bogus"},
		{[]string{"forget", "--bogus", "a@example.org"}, 2, "bogus"},
		{[]string{"stats", "--bogus"}, 2, "bogus"},

		{[]string{"list", "--event", "sommerfest"}, 1, known},
		{[]string{"export", "--event", "sommerfest", "--format", "csv"}, 1, known},
		{[]string{"add", "--event", "sommerfest", "--name", "X Y", "--email", "x@example.org"}, 1, known},
		{[]string{"promote", "--event", "sommerfest"}, 1, known},
		{[]string{"cancel", "anna@example.org", "--event", "sommerfest"}, 1, known},

		{[]string{"show", "nobody@example.org"}, 1, "nobody with the address nobody@example.org"},
		{[]string{"cancel", "nobody@example.org"}, 1, "nobody with the address"},
		{[]string{"forget", "nobody@example.org"}, 1, "nothing is stored"},
		{[]string{"show", "999"}, 1, "no registration 999"},
		{[]string{"resend", "999"}, 1, "no registration 999"},
		{[]string{"review", "done", "999"}, 1, "no review 999"},

		{[]string{"show"}, 2, "missing"},
		{[]string{"show", "anna"}, 2, "neither a registration id nor an e-mail address"},
		{[]string{"show", "1", "2"}, 2, "unexpected argument"},
		{[]string{"list", "--status", "vielleicht"}, 2, "unknown status"},
		{[]string{"export", "--event", "runder-tisch"}, 2, "--format"},
		{[]string{"export", "--format", "csv"}, 2, "--event"},
		{[]string{"export", "--event", "runder-tisch", "--format", "xlsx"}, 2, "csv or json"},
		{[]string{"add", "--event", "runder-tisch", "--name", "X"}, 2, "--email"},
		{[]string{"add", "--event", "runder-tisch", "--name", "X", "--email", "kein-at"}, 2, "not a plain e-mail address"},
		{[]string{"promote"}, 2, "--event"},
		{[]string{"review", "done", "abc"}, 2, "must be a number"},
		{[]string{"review", "gestern"}, 2, "review done"},
		{[]string{"resend"}, 2, "missing"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errs := e.run(tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant %q", code, tc.code, errs, tc.want)
			}
		})
	}
	// Nothing of that changed anything.
	if n := len(e.outbox()); n != 1 {
		t.Errorf("%d outbox rows after bad input, want the 1 confirmation", n)
	}

	// A configuration whose database does not exist: a clear error, no new file.
	other := filepath.Join(t.TempDir(), "c.yaml")
	os.WriteFile(other, []byte(fmt.Sprintf(testConfig, "")), 0o600)
	var out, errb bytes.Buffer
	if code := listCmd([]string{"--config", other}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no database") {
		t.Errorf("missing database: exit %d, %s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(other), "regbot.db")); err == nil {
		t.Error("list created a database")
	}
}

func TestListAligned(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	e.ok("add", "--event", "netzwerktag", "--name", "Carla Öztürk", "--email", "carla@example.org", "--org", "Bezirksamt Mitte", "--quiet")

	out := e.ok("list")
	head, anna, ben := lineWith(t, out, "ORGANISATION"), lineWith(t, out, "Anna Schmidt"), lineWith(t, out, "Ben Meyer")
	carla := lineWith(t, out, "Carla Öztürk")
	for _, c := range []struct{ head, a, b string }{
		{"STATUS", "bestätigt", "Warteliste (Platz 1)"},
		{"NAME", "Anna Schmidt", "Ben Meyer"},
		{"ADDRESS", "anna@example.org", "ben@example.org"},
		{"BY", "self", "self"},
	} {
		h, a, b := col(t, head, c.head), col(t, anna, c.a), col(t, ben, c.b)
		if h != a || a != b {
			t.Errorf("column %s at %d, %d, %d:\n%s", c.head, h, a, b, out)
		}
	}
	if col(t, carla, "Bezirksamt Mitte") != col(t, head, "ORGANISATION") || !strings.Contains(carla, "by hand") || !strings.Contains(carla, "vorgemerkt") {
		t.Errorf("by-hand row: %q\n%s", carla, out)
	}
	if !strings.Contains(out, "3 registrations") {
		t.Errorf("no count:\n%s", out)
	}

	for _, status := range []string{"waitlist", "Warteliste"} {
		out = e.ok("list", "--status", status)
		if !strings.Contains(out, "Ben Meyer") || strings.Contains(out, "Anna Schmidt") {
			t.Errorf("--status %s:\n%s", status, out)
		}
	}
	out = e.ok("list", "--event", "netzwerktag")
	if !strings.Contains(out, "Carla") || strings.Contains(out, "Anna") {
		t.Errorf("--event netzwerktag:\n%s", out)
	}
	// Flags may follow, and an empty result says so.
	if out = e.ok("list", "--status", "abgelehnt"); !strings.Contains(out, "no registrations") {
		t.Errorf("empty list:\n%s", out)
	}
}

func TestAddRules(t *testing.T) {
	e := newEnv(t, false)
	out := e.ok("add", "--event", "runder-tisch", "--name", "Anna Schmidt", "--email", "Anna@Example.org", "--org", "Beispiel GmbH")
	for _, want := range []string{"Anna Schmidt <anna@example.org>", "bestätigt", "queued confirmation to anna@example.org", "queued; will be sent by regbot run"} {
		if !strings.Contains(out, want) {
			t.Errorf("first add lacks %q:\n%s", want, out)
		}
	}
	out = e.ok("add", "--event", "runder-tisch", "--name", "Ben Meyer", "--email", "ben@example.org")
	if !strings.Contains(out, "Warteliste (Platz 1)") || !strings.Contains(out, "queued waitlist to ben@example.org") {
		t.Errorf("second add with capacity 1:\n%s", out)
	}
	code, _, errs := e.run("add", "--event", "runder-tisch", "--name", "Anna Schmidt", "--email", "anna@example.org")
	if code != 1 || !strings.Contains(errs, "already") || !strings.Contains(errs, "nothing changed") {
		t.Errorf("duplicate: exit %d, %s", code, errs)
	}
	out = e.ok("add", "--event", "netzwerktag", "--name", "Anna Schmidt", "--email", "anna@example.org")
	if !strings.Contains(out, "vorgemerkt") || !strings.Contains(out, "queued interest") {
		t.Errorf("interest event:\n%s", out)
	}
	regs, err := e.db.Reader(context.Background()).ListRegistrations("", "")
	if err != nil || len(regs) != 3 {
		t.Fatalf("%d registrations, want 3: %v", len(regs), err)
	}
	kinds := ""
	for _, o := range e.outbox() {
		kinds += o.Kind + " "
		if bytes.Contains(o.Raw, []byte("In-Reply-To")) {
			t.Errorf("a reply by hand is threaded:\n%s", o.Raw)
		}
	}
	if kinds != "confirmation waitlist interest " {
		t.Errorf("outbox kinds %q", kinds)
	}
	if g := e.reg("runder-tisch", "anna@example.org"); g.Person.Organisation != "Beispiel GmbH" || g.SourceMessageID != 0 {
		t.Errorf("registration by hand: %+v", g)
	}

	// A closed event refuses and records nothing.
	closed := strings.Replace(fmt.Sprintf(testConfig, ""), "registration: interest", "registration: closed", 1)
	os.WriteFile(e.path, []byte(closed), 0o600)
	code, _, errs = e.run("add", "--event", "netzwerktag", "--name", "Dora Kim", "--email", "dora@example.org")
	if code != 1 || !strings.Contains(errs, "closed") {
		t.Errorf("closed event: exit %d, %s", code, errs)
	}
	if p, _ := e.db.Reader(context.Background()).PersonByEmail("dora@example.org"); p != nil {
		t.Error("a refused add recorded the person")
	}
}

func TestAddDeliversOverSMTP(t *testing.T) {
	e := newEnv(t, true)
	out := e.ok("add", "--event", "runder-tisch", "--name", "Anna Schmidt", "--email", "anna@example.org")
	if !strings.Contains(out, "sent confirmation to anna@example.org") {
		t.Errorf("add output:\n%s", out)
	}
	msgs := e.smtp.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "anna@example.org" {
		t.Fatalf("sink got %d messages: %+v", len(msgs), msgs)
	}
	if cal := calendar(t, msgs[0].Data); icsField(cal, "UID") != e.reg("runder-tisch", "anna@example.org").ICSUID {
		t.Errorf("confirmation calendar:\n%s", cal)
	}
	if o := e.outbox(); len(o) != 1 || o[0].SentAt.IsZero() || len(o[0].Raw) != 0 {
		t.Errorf("outbox after delivery: %+v", o)
	}
	// --quiet sends nothing.
	out = e.ok("add", "--event", "runder-tisch", "--name", "Ben Meyer", "--email", "ben@example.org", "--quiet")
	if !strings.Contains(out, "no mail sent") || len(e.smtp.Messages()) != 1 || len(e.outbox()) != 1 {
		t.Errorf("quiet add:\n%s\n%d mails", out, len(e.smtp.Messages()))
	}
	// A refusing server is reported; the registration stands.
	e.smtp.FailNextAt(mailtest.StageRcpt, 1, 550, "mailbox unavailable")
	out = e.ok("add", "--event", "netzwerktag", "--name", "Cem Kaya", "--email", "cem@example.org")
	if !strings.Contains(out, "NOT delivered") || !strings.Contains(out, "550") {
		t.Errorf("refused delivery:\n%s", out)
	}
	if g := e.reg("netzwerktag", "cem@example.org"); g.Status != store.StatusInterest {
		t.Errorf("registration after a failed delivery: %s", g.Status)
	}
}

func TestCancelPromotes(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	e.ok("add", "--event", "netzwerktag", "--name", "Anna Schmidt", "--email", "anna@example.org", "--quiet")
	before := len(e.outbox())

	code, _, errs := e.run("cancel", "anna@example.org")
	if code != 1 || !strings.Contains(errs, "runder-tisch") || !strings.Contains(errs, "netzwerktag") || !strings.Contains(errs, "--event") {
		t.Errorf("ambiguous cancel: exit %d, %s", code, errs)
	}
	out := e.ok("cancel", "anna@example.org", "--event", "runder-tisch")
	for _, want := range []string{"cancelled: registration 1", "moved up from the waiting list: registration 2, Ben Meyer", "queued cancelled to anna@example.org", "queued promoted to ben@example.org"} {
		if !strings.Contains(out, want) {
			t.Errorf("cancel lacks %q:\n%s", want, out)
		}
	}
	if st := e.reg("runder-tisch", "anna@example.org").Status; st != store.StatusCancelled {
		t.Errorf("anna: %s", st)
	}
	if st := e.reg("runder-tisch", "ben@example.org").Status; st != store.StatusConfirmed {
		t.Errorf("ben: %s", st)
	}
	rows := e.outbox()[before:]
	if len(rows) != 2 {
		t.Fatalf("%d new outbox rows, want 2: %+v", len(rows), rows)
	}
	byKind := map[string]store.OutboxItem{}
	for _, o := range rows {
		byKind[o.Kind] = o
	}
	c, p := byKind["cancelled"], byKind["promoted"]
	if c.To != "anna@example.org" || p.To != "ben@example.org" || c.RegistrationID != 1 || p.RegistrationID != 2 {
		t.Errorf("rows: %+v", rows)
	}
	if cal := calendar(t, c.Raw); icsField(cal, "METHOD") != "CANCEL" || icsField(cal, "UID") != e.reg("runder-tisch", "anna@example.org").ICSUID {
		t.Errorf("cancellation calendar:\n%s", cal)
	}
	if cal := calendar(t, p.Raw); icsField(cal, "METHOD") != "REQUEST" {
		t.Errorf("promotion calendar:\n%s", cal)
	}
	// By id; and again: nothing to cancel.
	e.ok("cancel", "3")
	if code, _, errs := e.run("cancel", "3"); code != 1 || !strings.Contains(errs, "nothing to cancel") {
		t.Errorf("second cancel by id: exit %d, %s", code, errs)
	}
	if code, _, errs := e.run("cancel", "anna@example.org"); code != 1 || !strings.Contains(errs, "no active registration") {
		t.Errorf("cancel without active registration: exit %d, %s", code, errs)
	}
}

func TestPromote(t *testing.T) {
	e := newEnv(t, false)
	if code, _, errs := e.run("promote", "--event", "runder-tisch"); code != 1 || !strings.Contains(errs, "nobody is on the waiting list") {
		t.Errorf("empty waiting list: exit %d, %s", code, errs)
	}
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	code, _, errs := e.run("promote", "--event", "runder-tisch")
	if code != 1 || !strings.Contains(errs, "1 of 1 seats") || !strings.Contains(errs, "--force") {
		t.Errorf("full event: exit %d, %s", code, errs)
	}
	out := e.ok("promote", "--event", "runder-tisch", "--force")
	if !strings.Contains(out, "moved up from the waiting list: registration 2, Ben Meyer") || !strings.Contains(out, "queued promoted to ben@example.org") {
		t.Errorf("forced promotion:\n%s", out)
	}
	if st := e.reg("runder-tisch", "ben@example.org").Status; st != store.StatusConfirmed {
		t.Errorf("ben: %s", st)
	}
}

func TestReview(t *testing.T) {
	e := newEnv(t, false)
	if out := e.ok("review"); !strings.Contains(out, "nothing to review") {
		t.Errorf("empty review list:\n%s", out)
	}
	e.mail("Lea Vogt <lea@example.org>", "Frage zum Parken", "Hallo,\ngibt es am Veranstaltungsort Parkplätze?\nViele Grüße\nLea Vogt")
	e.mail("Max Roth <max@example.org>", "Barrierefreiheit", "Guten Tag,\nist der Raum barrierefrei erreichbar?\nMax Roth")
	out := e.ok("review")
	head, lea, max := lineWith(t, out, "EXCERPT"), lineWith(t, out, "lea@example.org"), lineWith(t, out, "max@example.org")
	for _, c := range []struct{ head, a, b string }{{"SENDER", "lea@", "max@"}, {"SUBJECT", "Frage zum Parken", "Barrierefreiheit"}} {
		if h, a, b := col(t, head, c.head), col(t, lea, c.a), col(t, max, c.b); h != a || a != b {
			t.Errorf("column %s at %d, %d, %d:\n%s", c.head, h, a, b, out)
		}
	}
	if !strings.HasPrefix(lea, "1 ") || !strings.Contains(lea, "Parkplätze") || !strings.Contains(out, "2 open reviews") {
		t.Errorf("review list:\n%s", out)
	}
	if out := e.ok("review", "done", "1", "--note", "telefonisch beantwortet"); !strings.Contains(out, "review 1 closed") {
		t.Errorf("review done:\n%s", out)
	}
	out = e.ok("review")
	if strings.Contains(out, "lea@example.org") || !strings.Contains(out, "max@example.org") {
		t.Errorf("after done:\n%s", out)
	}
	v, err := e.db.Reader(context.Background()).ReviewByID(1)
	if err != nil || v.DoneAt.IsZero() || v.Excerpt != "" || v.DoneNote != "telefonisch beantwortet" {
		t.Errorf("closed review: %+v, %v", v, err)
	}
	// The configuration may come first.
	var o, eb bytes.Buffer
	if code := reviewCmd([]string{"--config", e.path, "done", "1"}, &o, &eb); code != 0 || !strings.Contains(o.String(), "closed already") {
		t.Errorf("review --config FILE done 1: exit %d\n%s%s", code, o.String(), eb.String())
	}
	if v, _ := e.db.Reader(context.Background()).ReviewByID(1); v.DoneNote != "telefonisch beantwortet" {
		t.Errorf("closing again without a note lost the note: %q", v.DoneNote)
	}
	if out := e.ok("review", "done", "1", "--note", "per Mail"); !strings.Contains(out, "note replaced") {
		t.Errorf("closing twice:\n%s", out)
	}
}

func TestResend(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	g := e.reg("runder-tisch", "anna@example.org")
	first := e.outbox()[0]
	out := e.ok("resend", fmt.Sprint(g.ID))
	if !strings.Contains(out, "queued confirmation to anna@example.org") {
		t.Errorf("resend:\n%s", out)
	}
	rows := e.outbox()
	again := rows[len(rows)-1]
	if len(rows) != 3 || again.Kind != "confirmation" || again.MessageID == first.MessageID || again.RegistrationID != g.ID {
		t.Fatalf("outbox after resend: %+v", rows)
	}
	c1, c2 := calendar(t, first.Raw), calendar(t, again.Raw)
	if icsField(c2, "UID") != g.ICSUID || icsField(c1, "UID") != icsField(c2, "UID") || icsField(c2, "SEQUENCE") != fmt.Sprint(g.ICSSequence) {
		t.Errorf("calendar identity: first %q/%q, again %q/%q, stored %q/%d",
			icsField(c1, "UID"), icsField(c1, "SEQUENCE"), icsField(c2, "UID"), icsField(c2, "SEQUENCE"), g.ICSUID, g.ICSSequence)
	}
	if bytes.Contains(again.Raw, []byte("In-Reply-To")) {
		t.Error("resent reply is threaded")
	}
	// The waiting list gets the waiting-list mail with the place.
	out = e.ok("resend", fmt.Sprint(e.reg("runder-tisch", "ben@example.org").ID))
	if !strings.Contains(out, "Warteliste (Platz 1)") || !strings.Contains(out, "queued waitlist to ben@example.org") {
		t.Errorf("resend to the waiting list:\n%s", out)
	}
}

// dump returns every row of every table as text.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tbl := range tables {
		rs, err := db.Query(`SELECT * FROM "` + tbl + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s:", tbl)
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, " %v", v)
			}
			b.WriteString("\n")
		}
		rs.Close()
	}
	return b.String()
}

func TestForgetLeavesNoTrace(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	e.mail("Anna Schmidt <anna@example.org>", "Frage", "Hallo,\ngibt es am Veranstaltungsort Parkplätze?\nAnna Schmidt")
	e.ok("add", "--event", "netzwerktag", "--name", "Anna Schmidt", "--email", "anna@example.org")
	if d := strings.ToLower(dump(t, e.cfg.Database)); !strings.Contains(d, "anna@example.org") || !strings.Contains(d, "anna schmidt") {
		t.Fatal("the seed did not store the person")
	}

	out := e.ok("forget", "anna@example.org", "--dry-run")
	if !strings.Contains(out, "would erase person 1") || !strings.Contains(out, "nothing changed") || !strings.Contains(out, "registrations=2") {
		t.Errorf("dry run:\n%s", out)
	}
	if p, _ := e.db.Reader(context.Background()).PersonByEmail("anna@example.org"); p == nil {
		t.Fatal("--dry-run erased the person")
	}

	out = e.ok("forget", "anna@example.org")
	if !strings.Contains(out, "erased person 1") || !strings.Contains(out, "records (people=1 registrations=2") {
		t.Errorf("forget:\n%s", out)
	}
	d := strings.ToLower(dump(t, e.cfg.Database))
	for _, s := range []string{"anna@example.org", "anna schmidt", "schmidt"} {
		if strings.Contains(d, s) {
			t.Errorf("%q is still in the database:\n%s", s, d)
		}
	}
	if !strings.Contains(d, "ben@example.org") {
		t.Error("forget erased someone else")
	}
	e2, err := e.db.Reader(context.Background()).LastAudit("forget")
	if err != nil || e2 == nil || strings.Contains(e2.Detail, "@") {
		t.Errorf("audit entry: %+v, %v", e2, err)
	}
	// Erasing moves nobody up, but says that somebody waits for the seat.
	if st := e.reg("runder-tisch", "ben@example.org").Status; st != store.StatusWaitlist || !strings.Contains(out, "regbot promote --event runder-tisch") {
		t.Errorf("ben after forget: %s; output:\n%s", st, out)
	}
	if code, _, errs := e.run("forget", "anna@example.org"); code != 1 || !strings.Contains(errs, "nothing is stored") {
		t.Errorf("forget twice: exit %d, %s", code, errs)
	}
}

func TestExport(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.ok("add", "--event", "runder-tisch", "--name", "=HYPERLINK(\"http://x\")", "--email", "evil@example.org", "--org", "+49 30 123", "--quiet")
	e.ok("add", "--event", "runder-tisch", "--name", "Cem Kaya", "--email", "cem@example.org", "--quiet")
	e.ok("cancel", "cem@example.org")

	path := filepath.Join(e.dir, "teilnehmer.csv")
	os.WriteFile(path, []byte("old"), 0o644) // replaced, and the mode with it
	out := e.ok("export", "--event", "runder-tisch", "--format", "csv", "--out", path)
	if !strings.Contains(out, "2 participants of runder-tisch written to") {
		t.Errorf("export output:\n%s", out)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, %v", st.Mode(), err)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Errorf("no BOM or no CRLF: %q", raw)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], ";") != "Name;Organisation;E-Mail;Status;Angemeldet am;Angemeldet von" {
		t.Fatalf("csv: %q", recs)
	}
	a := recs[1]
	at, err := time.ParseInLocation("02.01.2006 15:04", a[4], e.cfg.Location)
	if a[0] != "Anna Schmidt" || a[2] != "anna@example.org" || a[3] != "bestätigt" || a[5] != "selbst" || err != nil || time.Since(at) > 5*time.Minute {
		t.Errorf("anna: %q (%v)", a, err)
	}
	if ev := recs[2]; ev[0] != "'=HYPERLINK(\"http://x\")" || ev[1] != "'+49 30 123" || ev[3] != "Warteliste (Platz 1)" || ev[5] != "von Hand" {
		t.Errorf("formula guard or status: %q", ev)
	}

	// JSON to standard output, every status with --status.
	out = e.ok("export", "--event", "runder-tisch", "--format", "json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(list) != 2 || list[0]["email"] != "anna@example.org" || list[0]["status"] != "confirmed" || list[1]["waitlist_position"] != 1.0 || list[1]["by_hand"] != true {
		t.Errorf("json: %v", list)
	}
	for _, k := range []string{"id", "event", "name", "organisation", "email", "status", "waitlist_position", "registered_at", "registered_by", "by_hand"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("json lacks key %q", k)
		}
	}
	out = e.ok("export", "--event", "runder-tisch", "--format", "json", "--status", "cancelled")
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0]["email"] != "cem@example.org" {
		t.Errorf("cancelled only: %v %v", list, err)
	}
	if out = e.ok("export", "--event", "netzwerktag", "--format", "json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("empty export: %q", out)
	}
}

func TestStatsAndShow(t *testing.T) {
	e := newEnv(t, false)
	e.register("Anna Schmidt", "anna@example.org")
	e.register("Ben Meyer", "ben@example.org")
	e.ok("add", "--event", "netzwerktag", "--name", "Carla Öztürk", "--email", "carla@example.org", "--quiet")
	e.mail("Anna Schmidt <anna@example.org>", "Frage", "Hallo,\ngibt es am Veranstaltungsort Parkplätze?\nAnna Schmidt")

	out := e.ok("stats")
	head, rt, nt := lineWith(t, out, "SEATS LEFT"), lineWith(t, out, "runder-tisch"), lineWith(t, out, "netzwerktag")
	if col(t, head, "MODE") != col(t, rt, "open") || col(t, rt, "open") != col(t, nt, "interest") ||
		col(t, head, "SEATS LEFT") != col(t, rt, "0 of 1") || col(t, rt, "0 of 1") != col(t, nt, "unlimited") {
		t.Errorf("stats not aligned:\n%s", out)
	}
	if f := strings.Fields(rt); f[2] != "1" || f[3] != "1" || f[6] != "0" || !strings.Contains(rt, "12.04.2099") {
		t.Errorf("runder-tisch: %q", rt)
	}
	if f := strings.Fields(nt); f[2] != "0" || f[6] != "1" {
		t.Errorf("netzwerktag: %q", nt)
	}

	out = e.ok("show", "anna@example.org")
	for _, want := range []string{"Person 1", "Anna Schmidt", "Registration 1: runder-tisch, bestätigt", "History:", "registered",
		"Replies (2)", "confirmation", "question", "Open reviews (1)", "Frage"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	// Never a mail body: neither of the replies nor of the mail.
	for _, body := range []string{"Guten Tag", "Parkplätze", "Sehr geehrte", "Vielen Dank"} {
		if strings.Contains(out, body) {
			t.Errorf("show prints mail text %q:\n%s", body, out)
		}
	}
	out = e.ok("show", "2")
	if !strings.Contains(out, "Registration 2 belongs to person 2") || !strings.Contains(out, "Warteliste (Platz 1)") || !strings.Contains(out, "waitlisted") {
		t.Errorf("show by id:\n%s", out)
	}
}
