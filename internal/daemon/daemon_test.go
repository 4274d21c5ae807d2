package daemon

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message/mail"

	"github.com/heinlein/regbot/internal/config"
	"github.com/heinlein/regbot/internal/intent"
	"github.com/heinlein/regbot/internal/mailtest"
	"github.com/heinlein/regbot/internal/store"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

type rig struct {
	t    testing.TB
	imap *mailtest.IMAPServer
	smtp *mailtest.SMTPSink
	cfg  *config.Config
	d    *Daemon
	now  atomic.Pointer[time.Time]
}

func newRig(t testing.TB, imapOpts ...mailtest.IMAPOption) *rig {
	t.Helper()
	return newRigSMTP(t, nil, imapOpts...)
}

// newRigSMTP is newRig with options for the SMTP sink.
func newRigSMTP(t testing.TB, smtpOpts []mailtest.SMTPOption, imapOpts ...mailtest.IMAPOption) *rig {
	t.Helper()
	return newRigConfig(t, nil, smtpOpts, imapOpts...)
}

// newRigConfig is newRigSMTP with a change to the configuration.
func newRigConfig(t testing.TB, change func(*config.Config), smtpOpts []mailtest.SMTPOption, imapOpts ...mailtest.IMAPOption) *rig {
	t.Helper()
	r := &rig{t: t, imap: mailtest.StartIMAP(t, imapOpts...), smtp: mailtest.StartSMTP(t, smtpOpts...)}
	now := time.Date(2024, 4, 2, 12, 0, 0, 0, berlin)
	r.now.Store(&now)
	cfg := config.Default()
	cfg.Database = filepath.Join(t.TempDir(), "regbot.db")
	host, port := splitHostPort(t, r.imap.Addr)
	cfg.IMAP.Host, cfg.IMAP.Port, cfg.IMAP.Security, cfg.IMAP.Username = host, port, "none", r.imap.Username
	cfg.IMAP.PollInterval = 50 * time.Millisecond
	cfg.SMTP.Host, cfg.SMTP.Port, cfg.SMTP.Security = r.smtp.Host, r.smtp.Port, "none"
	cfg.Metrics.Address = "127.0.0.1:0"
	if change != nil {
		change(cfg)
	}
	r.cfg = cfg
	pass, empty := r.imap.Password, ""
	an := analyzer(cfg)
	d, err := New(context.Background(), cfg, an, Options{IMAPPassword: &pass, SMTPPassword: &empty, Now: func() time.Time { return *r.now.Load() }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	r.d = d
	return r
}

func splitHostPort(t testing.TB, addr string) (string, int) {
	i := strings.LastIndexByte(addr, ':')
	var p int
	if _, err := fmt.Sscanf(addr[i+1:], "%d", &p); err != nil {
		t.Fatal(err)
	}
	return addr[:i], p
}

// analyzer mirrors app.Analyzer (which imports this package's users, not
// this package): events from the configuration, our own address.
func analyzer(cfg *config.Config) *intent.Analyzer {
	var evs []intent.Event
	for _, ev := range cfg.Events {
		evs = append(evs, intent.Event{ID: ev.ID, Names: append([]string{ev.Title}, ev.Aliases...), Start: ev.Start, Default: ev.Default})
	}
	return intent.New(intent.Options{Events: evs, OwnAddresses: []string{cfg.Mailbox.Address}, OwnDomains: []string{"heinlein-support.de"}})
}

func (r *rig) deliver(n int, from, subject, body string) {
	r.t.Helper()
	raw := fmt.Sprintf("From: %s\r\nTo: mail@heinlein-support.de\r\nSubject: %s\r\nDate: Tue, 02 Apr 2024 10:%02d:00 +0200\r\nMessage-ID: <t%d@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
		from, subject, n, n, strings.ReplaceAll(body, "\n", "\r\n"))
	r.imap.Append(r.t, "INBOX", []byte(raw), nil, time.Date(2024, 4, 2, 10, n, 0, 0, berlin))
}

func (r *rig) registration(n int, name, addr string) {
	r.deliver(n, name+" <"+addr+">", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an.\nGruß\n"+name)
}

func TestRunOnceIsExactlyOnce(t *testing.T) {
	r := newRig(t)
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.registration(2, "Ben Meyer", "ben@example.org")
	r.deliver(3, "Lea Vogt <lea@example.org>", "Abwesend", "Ich bin nicht im Büro.")
	ctx := context.Background()
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	msgs := r.smtp.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d replies, want 2 (none to the out-of-office)", len(msgs))
	}
	for _, m := range r.imap.Messages(t, "INBOX") {
		if !m.HasFlag("$regbot-done") {
			t.Errorf("uid %d not marked handled: %v", m.UID, m.Flags)
		}
	}
	// The same mailbox again: nothing changes, nothing is sent.
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(r.smtp.Messages()); n != 2 {
		t.Errorf("second run sent %d more", n-2)
	}
	// Replies are threaded, marked automatic and carry the calendar.
	raw := string(msgs[0].Data)
	for _, want := range []string{"In-Reply-To: <t1@example.org>", "Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: OOF, AutoReply", "text/calendar"} {
		if !strings.Contains(raw, want) {
			t.Errorf("reply lacks %q", want)
		}
	}
	if cal := calendarOf(t, msgs[0].Data); !strings.Contains(cal, "BEGIN:VEVENT") || !strings.Contains(cal, "METHOD:REQUEST") {
		t.Errorf("calendar part: %q", cal)
	}
	if msgs[0].From != "mail@heinlein-support.de" || len(msgs[0].To) != 1 || msgs[0].To[0] != "anna@example.org" {
		t.Errorf("envelope %s → %v", msgs[0].From, msgs[0].To)
	}
	// A copy of each reply is in the Sent folder.
	if n := len(r.imap.Messages(t, "Sent")); n != 2 {
		t.Errorf("%d copies in Sent, want 2", n)
	}
}

func calendarOf(t *testing.T, raw []byte) string {
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
		var ct string
		switch h := p.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ = h.ContentType()
		case *mail.AttachmentHeader:
			ct, _, _ = h.ContentType()
		}
		if ct == "text/calendar" {
			b, _ := io.ReadAll(p.Body)
			return string(b)
		}
	}
}

// The mails of a backlog share one commit, each in a savepoint of its own:
// a mail whose part fails is retried alone while the others are answered,
// and the same mail twice in one group is answered once.
func TestGroupCommitKeepsMailsApart(t *testing.T) {
	r := newRig(t)
	const n = 5
	for i := 1; i <= n; i++ {
		r.registration(i, fmt.Sprintf("Person %d", i), fmt.Sprintf("p%d@example.org", i))
	}
	r.registration(2, "Person 2", "p2@example.org") // the same mail once more
	parts := 0
	r.d.crash = func(p string) error {
		if p == "before-commit" {
			parts++
			if parts == 3 {
				return errors.New("simulated failure of one mail")
			}
		}
		return nil
	}
	ctx := context.Background()
	if err := r.d.RunOnce(ctx); err == nil {
		t.Fatal("the failed mail was not reported")
	}
	if parts != n+1 {
		t.Errorf("%d parts in the commit, want %d: one group", parts, n+1)
	}
	to := func() map[string]int {
		m := map[string]int{}
		for _, msg := range r.smtp.Messages() {
			m[msg.To[0]]++
		}
		return m
	}
	if got := to(); len(got) != n-1 || got["p3@example.org"] != 0 {
		t.Errorf("replies after the first run: %v; want one to each but p3", got)
	}
	for _, m := range r.imap.Messages(t, "INBOX") {
		if done := m.HasFlag("$regbot-done"); done == (m.UID == 3) {
			t.Errorf("uid %d marked handled = %v", m.UID, done)
		}
	}
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got := to()
	for i := 1; i <= n; i++ {
		if a := fmt.Sprintf("p%d@example.org", i); got[a] != 1 {
			t.Errorf("%s got %d replies, want 1", a, got[a])
		}
	}
	for _, m := range r.imap.Messages(t, "INBOX") {
		if !m.HasFlag("$regbot-done") {
			t.Errorf("uid %d not marked handled after the second run", m.UID)
		}
	}
}

func TestCrashBeforeAndAfterCommitLosesNothing(t *testing.T) {
	for _, point := range []string{"before-commit", "after-commit"} {
		t.Run(point, func(t *testing.T) {
			r := newRig(t)
			r.registration(1, "Anna Schmidt", "anna@example.org")
			crashed := false
			r.d.crash = func(p string) error {
				if p == point && !crashed {
					crashed = true
					return errors.New("simulated crash")
				}
				return nil
			}
			ctx := context.Background()
			if err := r.d.RunOnce(ctx); err == nil {
				t.Fatal("the simulated crash was not reported")
			}
			if err := r.d.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			if err := r.d.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			if n := len(r.smtp.Messages()); n != 1 {
				t.Errorf("%d replies after a crash %s, want exactly 1", n, point)
			}
			var counts store.Counts
			r.d.db.View(ctx, func(rd *store.Reader) error {
				var err error
				counts, err = rd.Counts("runder-tisch")
				return err
			})
			if counts.Confirmed != 1 {
				t.Errorf("registrations: %+v, want one confirmed", counts)
			}
			if m := r.imap.Messages(t, "INBOX"); !m[0].HasFlag("$regbot-done") {
				t.Errorf("mail not marked handled after recovery")
			}
		})
	}
}

func TestRepeatedFailureSetsTheMailAside(t *testing.T) {
	r := newRig(t)
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.d.crash = func(p string) error {
		if p == "before-commit" {
			return errors.New("database full")
		}
		return nil
	}
	ctx := context.Background()
	for i := 0; i < maxAttempts; i++ {
		_ = r.d.RunOnce(ctx)
	}
	m := r.imap.Messages(t, "INBOX")[0]
	if !m.HasFlag(imap.FlagFlagged) || !m.HasFlag("$regbot-done") {
		t.Errorf("after %d failures: flags %v, want flagged and done", maxAttempts, m.Flags)
	}
	var reviews []store.Review
	r.d.db.View(ctx, func(rd *store.Reader) error {
		var err error
		reviews, err = rd.OpenReviews()
		return err
	})
	if len(reviews) != 1 || !strings.Contains(reviews[0].Reason, "database full") {
		t.Errorf("review queue: %+v", reviews)
	}
	r.d.crash = nil
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(r.smtp.Messages()); n != 0 {
		t.Errorf("a set-aside mail was answered later (%d replies)", n)
	}
}

func TestSMTPRefusalKeepsTheReply(t *testing.T) {
	r := newRig(t)
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.smtp.FailNext(1, 451, "try again later")
	ctx := context.Background()
	if err := r.d.RunOnce(ctx); err == nil {
		t.Error("a refused reply was not reported")
	}
	if n := len(r.smtp.Messages()); n != 0 {
		t.Fatalf("%d delivered despite the refusal", n)
	}
	// Later, after the backoff: delivered once.
	later := r.now.Load().Add(2 * time.Hour)
	r.now.Store(&later)
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(r.smtp.Messages()); n != 1 {
		t.Errorf("%d replies after the server recovered, want 1", n)
	}
	// A recipient refused for good is not retried.
	r.registration(2, "Ben Meyer", "ben@example.org")
	r.smtp.FailNextAt(mailtest.StageRcpt, 1, 550, "no such user")
	_ = r.d.RunOnce(ctx)
	later = later.Add(24 * time.Hour)
	r.now.Store(&later)
	_ = r.d.RunOnce(ctx)
	if n := len(r.smtp.Messages()); n != 1 {
		t.Errorf("a permanently refused reply was retried (%d delivered)", n)
	}
	// Our own sender refused (a setup problem, like a wrong password):
	// retried once it is fixed, never given up after one attempt.
	r.registration(3, "Cem Kaya", "cem@example.org")
	r.smtp.FailNextAt(mailtest.StageMail, 1, 550, "sender not allowed")
	_ = r.d.RunOnce(ctx)
	later = later.Add(2 * time.Hour)
	r.now.Store(&later)
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(r.smtp.Messages()); n != 2 {
		t.Errorf("after a setup problem was fixed: %d delivered, want 2", n)
	}
}

func TestRunWatchesAndSurvivesAServerRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("daemon loop with a server restart")
	}
	r := newRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.smtp.WaitFor(t, 1, 20*time.Second)
	r.imap.Close()
	r.imap.Restart(t)
	r.registration(2, "Ben Meyer", "ben@example.org")
	r.smtp.WaitFor(t, 2, 30*time.Second)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if n := len(r.smtp.Messages()); n != 2 {
		t.Errorf("%d replies, want 2", n)
	}
}

func TestRunKeepsCopiesInSent(t *testing.T) {
	r := newRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.d.Run(ctx) }()
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.smtp.WaitFor(t, 1, 20*time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for len(r.imap.Messages(t, "Sent")) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if n := len(r.imap.Messages(t, "Sent")); n != 1 {
		t.Errorf("%d copies in Sent from the daemon loop, want 1", n)
	}
}

// Replies to mails that come one after the other go out over the
// daemon's one SMTP session and their copies over one IMAP connection: no
// handshake and login per round of delivery. A copier connection left
// unused is closed, and the next copy dials a new one.
func TestRunKeepsItsConnectionsBetweenRounds(t *testing.T) {
	tests := []struct {
		name  string
		pause time.Duration // between the rounds
		// newLogins is how many IMAP logins each later round must add.
		// The test server has no MULTIAPPEND: the copier's dial logs in
		// twice (the MULTIAPPEND client finds it missing, go-imap takes
		// over).
		newLogins int
	}{
		{"rounds close together", 0, 0},
		{"copier idle between rounds", 300 * time.Millisecond, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			r.d.copyIdle = 100 * time.Millisecond
			if tt.pause == 0 {
				r.d.copyIdle = time.Minute
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- r.d.Run(ctx) }()
			waitCopies := func(n int) {
				t.Helper()
				deadline := time.Now().Add(20 * time.Second)
				for len(r.imap.Messages(t, "Sent")) < n && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				if got := len(r.imap.Messages(t, "Sent")); got != n {
					t.Fatalf("%d copies in Sent, want %d", got, n)
				}
			}
			people := []struct{ name, addr string }{{"Anna Schmidt", "anna@example.org"}, {"Ben Meyer", "ben@example.org"}, {"Clara Wolf", "clara@example.org"}}
			var logins int
			for i, p := range people {
				time.Sleep(tt.pause)
				r.registration(i+1, p.name, p.addr)
				r.smtp.WaitFor(t, i+1, 20*time.Second)
				waitCopies(i + 1)
				if n := r.imap.Logins(); i > 0 && n != logins+tt.newLogins {
					t.Errorf("round %d: %d IMAP logins, %d after the round before; want %d more", i, n, logins, tt.newLogins)
				}
				logins = r.imap.Logins()
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
			msgs := r.smtp.Messages()
			for i, m := range msgs {
				if m.Conn != msgs[0].Conn {
					t.Errorf("reply %d over SMTP connection %d, reply 0 over %d; want one session", i, m.Conn, msgs[0].Conn)
				}
			}
		})
	}
}

func TestRetentionErasesPastEvents(t *testing.T) {
	r := newRig(t)
	r.registration(1, "Anna Schmidt", "anna@example.org")
	ctx := context.Background()
	if err := r.d.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var c store.Counts
		r.d.db.View(ctx, func(rd *store.Reader) error {
			var err error
			c, err = rd.Counts("runder-tisch")
			return err
		})
		return c.Confirmed
	}
	// 89 days after the event: kept.
	end := r.cfg.Events[0].End
	t89 := end.AddDate(0, 0, r.cfg.RetentionDays-1)
	r.now.Store(&t89)
	if n, err := r.d.Retain(ctx); err != nil || n != 0 || count() != 1 {
		t.Fatalf("before the retention period: purged %d (%v), %d left", n, err, count())
	}
	// After retention_days: gone, with an audit entry that names nobody.
	t91 := end.AddDate(0, 0, r.cfg.RetentionDays+1)
	r.now.Store(&t91)
	if n, err := r.d.Retain(ctx); err != nil || n != 1 {
		t.Fatalf("after the retention period: purged %d (%v)", n, err)
	}
	if count() != 0 {
		t.Error("registrations left after retention")
	}
	var p *store.Person
	var audit []store.AuditEntry
	r.d.db.View(ctx, func(rd *store.Reader) error {
		p, _ = rd.PersonByEmail("anna@example.org")
		audit, _ = rd.AuditLog(time.Time{})
		return nil
	})
	if p != nil {
		t.Error("the person is still stored")
	}
	if len(audit) == 0 {
		t.Error("no audit entry")
	}
	for _, a := range audit {
		if strings.Contains(a.Detail, "anna") || strings.Contains(a.Detail, "Schmidt") {
			t.Errorf("audit entry holds personal data: %q", a.Detail)
		}
	}
}

// TestLogsKeepPersonalDataOut runs a mail through the daemon with an info
// logger and checks that the log names no address and quotes no text.
func TestLogsKeepPersonalDataOut(t *testing.T) {
	r := newRig(t)
	var buf bytes.Buffer
	r.d.log = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	r.deliver(1, "Anna Schmidt <anna.geheim@example.org>", "Anmeldung", "Hallo,\nich melde mich für den Runden Tisch an. Mein Geheimwort ist Pflaumenkuchen.\nAnna Schmidt")
	if err := r.d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	log := buf.String()
	if !strings.Contains(log, `"msg":"handled"`) || !strings.Contains(log, "t1@example.org") {
		t.Fatalf("the log does not record the handled mail by its Message-ID:\n%s", log)
	}
	for _, secret := range []string{"anna.geheim", "Pflaumenkuchen", "Schmidt"} {
		if strings.Contains(log, secret) {
			t.Errorf("the info log contains %q:\n%s", secret, log)
		}
	}
}

func TestMetricsCountMailsAndReplies(t *testing.T) {
	r := newRig(t)
	r.registration(1, "Anna Schmidt", "anna@example.org")
	r.deliver(2, "Lea Vogt <lea@example.org>", "Abwesend", "Ich bin nicht im Büro.")
	if err := r.d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	r.d.metrics.Handler(time.Hour).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`regbot_mails_total{outcome="register"} 1`, `regbot_mails_total{outcome="auto_reply"} 1`, `regbot_replies_total{result="sent"} 1`, `regbot_sent_copies_total{result="stored"} 1`, `regbot_sent_copies_total{result="lost"} 0`, "regbot_outbox_depth 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// A backlog larger than one outbox batch is answered completely by one
// --once run, over few SMTP connections rather than one per reply.
func TestRunOnceDeliversTheWholeBacklog(t *testing.T) {
	const n = deliverBatch + 5
	// More replies than the hourly limit allows by default.
	r := newRigConfig(t, func(cfg *config.Config) { cfg.Limits.RepliesPerHour = 2 * n }, nil)
	for i := range n {
		r.registration(i, fmt.Sprintf("Person %d", i), fmt.Sprintf("p%d@example.org", i))
	}
	if err := r.d.RunOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	msgs := r.smtp.Messages()
	if len(msgs) != n {
		t.Fatalf("%d replies after one run, want %d", len(msgs), n)
	}
	conns := map[int]bool{}
	for _, m := range msgs {
		conns[m.Conn] = true
	}
	// Two deliveries: the one while mails are read, the one at the end.
	if want := 2 * r.d.lanes; len(conns) > want {
		t.Errorf("replies came over %d SMTP connections, want at most %d (one per lane and delivery)", len(conns), want)
	}
	if depth, err := r.d.db.OutboxDepth(t.Context()); err != nil || depth != 0 {
		t.Errorf("outbox depth after the run = %d, %v; want 0", depth, err)
	}
	// Every reply has its copy in Sent (imapmemserver has no MULTIAPPEND:
	// one APPEND each), and every mail is marked (the marks go out in
	// groups).
	if got := len(r.imap.Messages(t, "Sent")); got != n {
		t.Errorf("%d copies in Sent, want %d", got, n)
	}
	for _, m := range r.imap.Messages(t, "INBOX") {
		if !m.HasFlag("$regbot-done") {
			t.Errorf("uid %d not marked handled after the run", m.UID)
		}
	}
}

// The folder's UIDVALIDITY is recorded once; a new one is recorded again
// and restarts the last-seen UID, also after it was known to the process.
// When the server takes a reply, every reply it took before is recorded as
// sent: a crash can repeat at most one reply, although each reply's record
// is committed while the next one travels. Records are slowed down here so
// that a reply that did not wait for the one before would be caught; a
// record that fails stops the next reply before the server takes it, and
// that reply goes out in a later round.
func TestDeliveryRecordsEachReplyBeforeTheNextIsTaken(t *testing.T) {
	tests := []struct {
		name     string
		lanes    int // smtp.connections
		failures int // records that fail (the first ones)
		// refusals: recipients the server refuses for good, at RCPT or
		// at the end of the data, whichever replies come first.
		refusals int
		stage    mailtest.Stage
	}{
		{"one connection, records slow", 1, 0, 0, 0},
		{"one connection, a record fails", 1, 1, 0, 0},
		{"two connections, records slow", 2, 0, 0, 0},
		{"two connections, a record fails", 2, 1, 0, 0},
		{"two connections, refused at RCPT", 2, 0, 3, mailtest.StageRcpt},
		{"three connections, refused after the data", 3, 0, 2, mailtest.StageData},
		{"three connections, a record fails", 3, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu       sync.Mutex
				r        *rig
				taken    []string // Message-IDs of the replies taken so far
				problems []string
				records  int
			)
			onTake := func(m mailtest.SMTPMessage) {
				mu.Lock()
				defer mu.Unlock()
				// Replies whose record failed stay unrecorded, as after a
				// crash; any other must be recorded by now.
				var unrecorded []string
				logged, err := r.d.DB().SentLogged()
				if err != nil {
					problems = append(problems, err.Error())
				}
				for _, id := range taken {
					o, err := r.d.DB().Reader(context.Background()).OutboxByMessageID(id)
					if err != nil || o == nil || (o.SentAt.IsZero() && !slices.Contains(logged, o.ID)) {
						unrecorded = append(unrecorded, id)
					}
				}
				if len(unrecorded) > min(records, tt.failures) {
					problems = append(problems, fmt.Sprintf("reply %d taken while %v were not recorded", len(taken)+1, unrecorded))
				}
				h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(m.Data))).ReadMIMEHeader()
				if err != nil {
					problems = append(problems, err.Error())
					return
				}
				taken = append(taken, strings.Trim(h.Get("Message-Id"), "<>"))
			}
			r = newRigSMTP(t, []mailtest.SMTPOption{mailtest.WithSMTPOnTake(onTake)})
			r.d.lanes = tt.lanes
			r.d.crash = func(point string) error {
				if point != "record" {
					return nil
				}
				mu.Lock()
				records++
				n := records
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
				if n <= tt.failures {
					return errors.New("disk full")
				}
				return nil
			}
			// The replies queue up while the server is down, then go out
			// as one batch.
			const backlog = 12
			for i := range backlog {
				r.registration(i+1, fmt.Sprintf("Person %d", i), fmt.Sprintf("p%d@example.org", i))
			}
			r.smtp.Stop()
			if err := r.d.RunOnce(t.Context()); err == nil {
				t.Fatal("RunOnce with the SMTP server down gave no error")
			}
			r.smtp.Start(t)
			later := r.now.Load().Add(2 * time.Minute) // past the backoff of the failed attempt
			r.now.Store(&later)
			if tt.refusals > 0 {
				r.smtp.FailNextAt(tt.stage, tt.refusals, 550, "no such user")
			}
			err := r.d.Deliver(t.Context())
			if (err != nil) != (tt.failures+tt.refusals > 0) {
				t.Errorf("Deliver = %v, want an error for each failed record and refused reply", err)
			}
			if tt.failures == 0 {
				// The batch went out over every connection it may use.
				conns := map[int]bool{}
				for _, m := range r.smtp.Messages() {
					conns[m.Conn] = true
				}
				if len(conns) != tt.lanes {
					t.Errorf("replies over %d connections, want %d", len(conns), tt.lanes)
				}
			}
			if tt.failures > 0 {
				// The rest of the batch goes out in the next round; the
				// reply whose record failed once its lease is over.
				r.d.crash = nil
				if err := r.d.Deliver(t.Context()); err != nil {
					t.Fatalf("Deliver after the failed record = %v", err)
				}
				later = r.now.Load().Add(claimLease + time.Minute)
				r.now.Store(&later)
				if err := r.d.Deliver(t.Context()); err != nil {
					t.Fatalf("Deliver after the lease = %v", err)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, p := range problems {
				t.Error(p)
			}
			// A reply whose record failed goes out once more: it was taken
			// but is not recorded, as after a crash. No other goes out
			// twice, and a refused one not at all.
			want := backlog + tt.failures - tt.refusals
			if len(taken) != want {
				t.Errorf("%d replies taken, want %d", len(taken), want)
			}
			seen := map[string]int{}
			for _, id := range taken {
				seen[id]++
			}
			if len(seen) != backlog-tt.refusals {
				t.Errorf("%d different replies taken, want %d", len(seen), backlog-tt.refusals)
			}
			for id, n := range seen {
				if n > 1+tt.failures {
					t.Errorf("reply %s taken %d times", id, n)
				}
			}
			n, err := r.d.DB().OutboxDepth(t.Context())
			if err != nil || n != 0 {
				t.Errorf("outbox depth %d (%v), want 0", n, err)
			}
		})
	}
}

func TestCheckValidity(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	state := func() (uint32, uint32) {
		t.Helper()
		var v, last uint32
		err := r.d.db.Tx(ctx, func(tx *store.Tx) error {
			var err error
			v, last, _, err = tx.MailboxState("INBOX")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return v, last
	}
	steps := []struct {
		validity, wantV uint32
		setLast         uint32 // written between the steps, as handling does
		wantLast        uint32
	}{
		{validity: 100, wantV: 100, setLast: 7, wantLast: 7},
		{validity: 100, wantV: 100, wantLast: 7}, // unchanged: kept
		{validity: 200, wantV: 200, wantLast: 0}, // new: UIDs start anew
		{validity: 100, wantV: 100, wantLast: 0}, // back to one seen before
	}
	for i, s := range steps {
		if err := r.d.checkValidity(ctx, "INBOX", s.validity); err != nil {
			t.Fatal(err)
		}
		if s.setLast != 0 {
			if err := r.d.db.Tx(ctx, func(tx *store.Tx) error { return tx.SetMailboxState("INBOX", s.validity, s.setLast) }); err != nil {
				t.Fatal(err)
			}
		}
		if v, last := state(); v != s.wantV || last != s.wantLast {
			t.Errorf("step %d: state %d, last uid %d; want %d, %d", i, v, last, s.wantV, s.wantLast)
		}
	}
}

// A reply claimed by a sender that ended (kill -9) goes out at the next
// delivery, not when its lease runs out; one a running sender holds waits.
func TestDeliverTakesClaimsOfEndedSenders(t *testing.T) {
	if _, err := os.Stat("/proc/self/ns/pid"); err != nil {
		t.Skip("no /proc here: claims are left to their lease")
	}
	r := newRig(t)
	ctx := t.Context()
	f := strings.Split(processID(), "/")
	ended := strings.Join([]string{f[0], f[1], f[2], f[3] + "0"}, "/") // our pid, another start: an earlier process
	now := r.d.now()
	for _, c := range []struct{ to, owner string }{{"ended@example.org", ended}, {"running@example.org", processID()}} {
		var id int64
		err := r.d.db.Tx(ctx, func(tx *store.Tx) error {
			var err error
			id, err = tx.Enqueue(&store.OutboxItem{MessageID: "<" + c.to + ">", Kind: "confirmation", To: c.to,
				Raw: []byte("From: mail@heinlein-support.de\r\nTo: " + c.to + "\r\nSubject: Anmeldung\r\n\r\nDanke.\r\n")})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if items, err := r.d.db.ClaimDue(ctx, now, now.Add(claimLease), c.owner, 1); err != nil || len(items) != 1 || items[0].ID != id {
			t.Fatalf("claim for %s: %v %v", c.to, items, err)
		}
	}
	if err := r.d.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	msgs := r.smtp.Messages()
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "ended@example.org" {
		t.Fatalf("sent %d replies, want only the one the ended sender held", len(msgs))
	}
}
