package e2e

// Fault tests: regbot killed, its servers restarted or stopped, its
// database unwritable or its disk full, a flood from one address, headers
// built to inject recipients. Each proves that nothing is lost and nothing
// is answered more often than allowed.

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-message/mail"
)

// The figures of the kill test; REGBOT_E2E_KILL_SEED replays a run.
const (
	killMails = 500
	killCount = 5
)

// TestKillDuringBacklog: 500 registrations from 500 senders wait in the
// mailbox; `regbot run` is killed with SIGKILL five times at random moments
// of the backlog (seeded, the seed is logged) and started again each time,
// then left to finish. Every registration is recorded exactly once, every sender has a
// reply, and at most one reply per kill is repeated.
//
// A kill between claiming a reply in the outbox and recording it as sent
// leaves that reply claimed. The claim names the killed process; the next
// regbot finds it ended and sends the reply at once rather than after the
// claim lease (10 minutes, see daemon.claimLease), within this test's
// time.
func TestKillDuringBacklog(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "kill")
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("REGBOT_E2E_KILL_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("REGBOT_E2E_KILL_SEED=%q: %v", s, err)
		}
	}
	t.Logf("kill seed %d (replay with REGBOT_E2E_KILL_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x5eed))

	senders := make([]string, killMails)
	mails := make([]*outMail, killMails)
	for i := range senders {
		senders[i] = e.addr(fmt.Sprintf("reg%04d", i+1), "example.org")
		mails[i] = registration(fmt.Sprintf("Person %04d", i+1), senders[i])
	}
	began := time.Now()
	e.sendBatch(mails, nil)
	e.s.waitMails(t, e.mailbox, "INBOX", killMails)
	t.Logf("%d registrations in the mailbox after %v", killMails, time.Since(began).Round(time.Millisecond))

	// Room for all, no hourly limit (500 replies in minutes), info logs.
	cfg := e.faultConfig("regbot.yaml", e.plainConfig(), map[string]string{
		"    capacity: 40\n":        "    capacity: 1000\n",
		"  replies_per_hour: 100\n": "  replies_per_hour: 0\n",
		"  level: debug\n":          "  level: info\n",
	})

	// Each kill falls at a random point of the work left (handling a mail
	// and sending its reply are one step each, 2×500 in all): after a
	// random number of steps of this run, plus 0-10 ms, so that it lands
	// anywhere inside the next step. After each kill: what was handled and
	// sent, and the claims left behind; a claimed reply that had already
	// reached its recipient is sent again, so it is a duplicate.
	stranded, expectDups := 0, 0
	for k := 1; k <= killCount; k++ {
		before := figures(t, e.dbPath())
		left := 2*killMails - before.handled - before.sent
		target := 1 + rng.IntN(max(1, 2*left/(killCount-k+2)))
		jitter := time.Duration(rng.Int64N(int64(10 * time.Millisecond)))
		d := e.startDaemon(cfg)
		started := time.Now()
		for steps := 0; steps < target; steps = logCount(d.out.String(), "handled") + logCount(d.out.String(), "reply sent") {
			select {
			case <-d.exited:
				t.Fatalf("regbot run exited (%v) before kill %d", d.err, k)
			default:
			}
			if time.Since(started) > 60*time.Second {
				t.Fatalf("kill %d: regbot did not take %d steps within 60 s (%d done)", k, target, steps)
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(jitter)
		delay := time.Since(started)
		if err := d.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-d.exited
		log := d.out.String()
		f := figures(t, e.dbPath())
		claims := claimsLeft(t, e.dbPath())
		stranded += len(claims)
		dupsHere := 0
		time.Sleep(300 * time.Millisecond) // a reply Postfix accepted is in the mailbox by now
		for _, c := range claims {
			if e.delivered(c) {
				dupsHere++
			}
		}
		expectDups += dupsHere
		t.Logf("kill %d after %d of %d steps left (+%v), %v after the start: this run handled %d mails and sent %d replies; now %s; %d claimed reply left behind, %d of them already delivered (a duplicate to come)",
			k, target, left, jitter.Round(100*time.Microsecond), delay.Round(time.Millisecond), logCount(log, "handled"), logCount(log, "reply sent"), f, len(claims), dupsHere)
	}

	// Let it finish.
	d := e.startDaemon(cfg)
	finished := waitFor(120*time.Second, func() bool {
		f := figures(t, e.dbPath())
		if f.handled < killMails || f.unsent > 0 {
			return false
		}
		ok, _ := e.allDone(killMails)
		return ok
	})
	f := figures(t, e.dbPath())
	if !finished {
		_, done := e.allDone(killMails)
		t.Fatalf("regbot did not finish the backlog: %s; %d of %d mails marked %s", f, done, killMails, doneKeyword)
	}
	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-d.exited
	t.Logf("finished %v after the first mail was sent: %s", time.Since(began).Round(time.Millisecond), f)

	// Every registration exactly once.
	regs := registrationsByEmail(t, e.dbPath(), "runder-tisch")
	if len(regs) != killMails {
		t.Errorf("%d people registered, want %d", len(regs), killMails)
	}
	for _, s := range senders {
		st := regs[strings.ToLower(s)]
		if len(st) != 1 || (st[0] != "confirmed" && st[0] != "waitlist") {
			t.Errorf("%s: registrations %v, want exactly one confirmed or waitlist", s, st)
		}
	}
	if f.messages != killMails || f.handled != killMails || f.failed != 0 {
		t.Errorf("messages: %s, want %d handled, none set aside", f, killMails)
	}
	if f.outbox != killMails || f.sent != killMails {
		t.Errorf("outbox: %s, want %d replies, all sent", f, killMails)
	}

	// Every sender has a reply; duplicates at most one per kill.
	boxes := e.s.inboxes(t, senders)
	dups, missing := 0, 0
	hist := map[int]int{}
	for i, s := range senders {
		ms := boxes[s]
		hist[len(ms)]++
		if len(ms) == 0 {
			missing++
			t.Errorf("%s got no reply", s)
			continue
		}
		dups += len(ms) - 1
		for _, m := range ms {
			p := parse(t, m.raw)
			if got := p.get("In-Reply-To"); got != mails[i].msgID {
				t.Errorf("%s: reply In-Reply-To %q, want %q", s, got, mails[i].msgID)
			}
		}
	}
	var counts []string
	for n, c := range hist {
		counts = append(counts, fmt.Sprintf("%d with %d", c, n))
	}
	sort.Strings(counts)
	t.Logf("replies per sender: %s; %d duplicates after %d kills (%d claimed replies left behind by the kills, %d of them already delivered); %d senders without reply",
		strings.Join(counts, ", "), dups, killCount, stranded, expectDups, missing)
	if dups > killCount {
		t.Errorf("%d duplicate replies after %d kills, want at most %d", dups, killCount, killCount)
	}
}

// claimsLeft lists the replies a killed regbot had claimed and not yet
// recorded as sent (a batch claims up to 100 at once). Nothing clears them
// here: the next regbot sees that their claimant has ended and sends them
// at once, without waiting out the claim lease (10 minutes).
func claimsLeft(t *testing.T, path string) []claimed {
	t.Helper()
	db := openDB(t, path, false)
	defer db.Close()
	logged := sentLogged(path)
	rows, err := db.Query(`SELECT id, to_addr, message_id FROM outbox
		WHERE sent_at IS NULL AND failed_at IS NULL AND claimed_by IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var list []claimed
	for rows.Next() {
		var c claimed
		var id string
		if err := rows.Scan(&id, &c.to, &c.msgID); err != nil {
			t.Fatal(err)
		}
		if !logged[id] {
			list = append(list, c)
		}
	}
	return list
}

// sentLogged returns the ids of the replies in the sent log next to the
// database at path ("<id> <time>" lines): they are recorded as sent, and
// the next regbot folds them into the table.
func sentLogged(path string) map[string]bool {
	logged := map[string]bool{}
	if b, err := os.ReadFile(path + "-sent"); err == nil {
		for l := range strings.Lines(string(b)) {
			id, _, _ := strings.Cut(l, " ")
			logged[id] = true
		}
	}
	return logged
}

// claimed is a reply a killed regbot had claimed but not recorded as sent.
type claimed struct{ to, msgID string }

// delivered reports whether the reply c is in its recipient's INBOX.
func (e *testEnv) delivered(c claimed) bool {
	ms, err := readFolder(e.s, c.to, "INBOX")
	if err != nil {
		e.t.Fatal(err)
	}
	for _, m := range ms {
		if strings.Trim(parse(e.t, m.raw).get("Message-ID"), "<>") == strings.Trim(c.msgID, "<>") {
			return true
		}
	}
	return false
}

// checkAnsweredOnce waits (up to timeout) until every sender has a reply,
// waits a little more for stray repeats, and then checks: exactly one
// reply each, threaded to their mail; every registration recorded once;
// every mail marked handled; the outbox sent.
func (e *testEnv) checkAnsweredOnce(senders []string, mails []*outMail, timeout time.Duration) {
	t := e.t
	t.Helper()
	start := time.Now()
	answered := waitFor(timeout, func() bool {
		for _, s := range senders {
			ms, err := readFolder(e.s, s, "INBOX")
			if err != nil || len(ms) == 0 {
				return false
			}
		}
		return true
	})
	if !answered {
		boxes := e.s.inboxes(t, senders)
		var without []string
		for _, s := range senders {
			if len(boxes[s]) == 0 {
				without = append(without, s)
			}
		}
		t.Fatalf("after %v, %d of %d senders have no reply (%s); %s", timeout, len(without), len(senders),
			strings.Join(without, ", "), figures(t, e.dbPath()))
	}
	t.Logf("every sender answered %v after the check began", time.Since(start).Round(time.Millisecond))
	time.Sleep(3 * time.Second) // a repeat would be on its way by now
	boxes := e.s.inboxes(t, senders)
	for i, s := range senders {
		ms := boxes[s]
		if len(ms) != 1 {
			t.Errorf("%s has %d replies, want exactly 1", s, len(ms))
		}
		for _, m := range ms {
			if got := parse(t, m.raw).get("In-Reply-To"); got != mails[i].msgID {
				t.Errorf("%s: reply In-Reply-To %q, want %q", s, got, mails[i].msgID)
			}
		}
	}
	regs := registrationsByEmail(t, e.dbPath(), "runder-tisch")
	for _, s := range senders {
		if st := regs[strings.ToLower(s)]; len(st) != 1 {
			t.Errorf("%s: registrations %v, want exactly one", s, st)
		}
	}
	if len(regs) != len(senders) {
		t.Errorf("%d people registered, want %d", len(regs), len(senders))
	}
	f := figures(t, e.dbPath())
	if f.handled != len(senders) || f.failed != 0 || f.outbox != len(senders) || f.sent != len(senders) {
		t.Errorf("database: %s; want %d mails handled, none set aside, %d replies all sent", f, len(senders), len(senders))
	}
	if ok, done := e.allDone(len(senders)); !ok {
		t.Errorf("%d of %d mails marked %s", done, len(senders), doneKeyword)
	}
}

// TestPostfixStopped: with the stack's Postfix master stopped, mails put
// straight into Dovecot are handled and marked, their replies wait in the
// outbox; once Postfix is back regbot's retry (after its 1-minute backoff)
// delivers each exactly once. It waits for that backoff (about 70 s) and
// stops a server another test process may be using, so -short skips it.
//
// The outage runs before the parallel tests start, so that no other test's
// replies meet the stopped Postfix; the wait for the retry runs in
// parallel with them. (It comes before TestDovecotRestart in this file on
// purpose: its retry falls after that test's outage.)
func TestPostfixStopped(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for regbot's 1-minute delivery backoff; not with -short")
	}
	e := newEnv(t, "postfix")
	needRootStack(t)
	o := e.plainConfig()
	d := e.startDaemon(e.writeConfig("regbot.yaml", o))
	d.waitLog(t, "mailbox connected", deliveryTimeout)

	e.s.stopServer(t, e.s.postfix())
	stopped := time.Now()
	senders := make([]string, 3)
	mails := make([]*outMail, len(senders))
	for i := range senders {
		senders[i] = e.addr(fmt.Sprintf("p%d", i+1), "example.org")
		mails[i] = registration(fmt.Sprintf("Paula Post %d", i+1), senders[i])
		e.doveadmSave(e.mailbox, "INBOX", mails[i])
	}
	if !waitFor(deliveryTimeout, func() bool { ok, _ := e.allDone(len(mails)); return ok }) {
		_, done := e.allDone(len(mails))
		t.Fatalf("%d of %d mails marked %s while Postfix is down", done, len(mails), doneKeyword)
	}
	if !waitFor(deliveryTimeout, func() bool { return logCount(d.out.String(), "reply not delivered") > 0 }) {
		t.Fatalf("regbot did not try to deliver while Postfix was down")
	}
	f := figures(t, e.dbPath())
	t.Logf("with Postfix down: %s", f)
	if f.handled != len(mails) || f.outbox != len(mails) || f.unsent != len(mails) {
		t.Errorf("with Postfix down: %s; want %d mails handled and %d replies waiting", f, len(mails), len(mails))
	}
	db := openDB(t, e.dbPath(), false)
	if n := count(t, db, `SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts > 0 AND last_error <> ''`); n == 0 {
		t.Errorf("no outbox row records a failed attempt")
	}
	db.Close()
	time.Sleep(2 * time.Second) // down for a while
	e.s.startStack(t)
	t.Logf("Postfix was down for %v", time.Since(stopped).Round(time.Millisecond))
	t.Parallel()

	e.checkAnsweredOnce(senders, mails, 150*time.Second)
	t.Logf("replies delivered %v after Postfix stopped; %d failed attempts logged",
		time.Since(stopped).Round(time.Millisecond), logCount(d.out.String(), "reply not delivered"))
}

// TestDovecotRestart: regbot runs and answers registrations; the stack's
// Dovecot master is stopped (the way scripts/mailstack's stop.sh does it,
// which ends regbot's IMAP session) and started again, while more
// registrations reach Postfix. regbot reconnects and answers every mail
// exactly once: those before, those that waited in Postfix's queue during
// the outage, and those after.
//
// The outage starts with an empty outbox and no new SMTP session is opened
// while Dovecot is down (the mails of the outage go over one SMTP session
// opened before): the stack's smtpd processes need Dovecot's SASL socket
// when they start, and one started during the outage dies, which makes
// Postfix's master throttle that service for 60 s. The outage runs before
// the parallel tests start (only TestPostfixStopped's regbot, whose replies
// are not due before the outage ends, loses its IMAP session for a while);
// the wait for the replies afterwards runs in parallel. Another test
// process using the same stack at the time would see the outage too, so
// -short skips it.
func TestDovecotRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("stops the stack's Dovecot for about 15 s; not with -short")
	}
	e := newEnv(t, "dovecot")
	needRootStack(t)
	o := e.plainConfig()
	o.pollInterval = 5 * time.Second
	d := e.startDaemon(e.writeConfig("regbot.yaml", o))
	d.waitLog(t, "mailbox connected", deliveryTimeout)

	const perPhase = 15
	var senders []string
	var mails []*outMail
	phase := func(name string) []*outMail {
		var ms []*outMail
		for i := range perPhase {
			s := e.addr(fmt.Sprintf("%s%02d", name, i+1), "example.org")
			senders = append(senders, s)
			ms = append(ms, registration(fmt.Sprintf("Dora %s %02d", name, i+1), s))
		}
		mails = append(mails, ms...)
		return ms
	}

	// Before: answered, outbox empty, and Postfix's queue too: Dovecot's
	// LMTP may have saved a reply whose 250 the outage then cuts off, and
	// Postfix delivers it again after the restart (a duplicate of the
	// stack's, not of regbot's).
	for _, m := range phase("before") {
		e.send(m, angleAddr(m.from))
	}
	if !waitFor(deliveryTimeout, func() bool {
		f := figures(t, e.dbPath())
		return f.handled == perPhase && f.sent == perPhase && e.s.queueEmpty(t)
	}) {
		t.Fatalf("before the outage: %s, want %d handled and answered, and Postfix's queue empty", figures(t, e.dbPath()), perPhase)
	}

	// The outage, and mail arriving meanwhile over an SMTP session opened before.
	c, err := smtp.Dial(e.s.Addr(e.s.SMTPPort))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("e2e.example.org"); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()
	e.s.stopServer(t, e.s.dovecot())
	for _, m := range phase("during") {
		e.n++
		m.msgID = fmt.Sprintf("<%s-%d-%s@example.org>", e.tag, e.n, e.id)
		m.to = e.mailbox
		if err := smtpTransaction(c, angleAddr(m.from), e.mailbox, m.message()); err != nil {
			t.Fatalf("send %s while Dovecot is down: %v", m.msgID, err)
		}
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
	e.s.startStack(t)
	t.Logf("Dovecot was down for %v", time.Since(stopped).Round(time.Millisecond))

	// After.
	for _, m := range phase("after") {
		e.send(m, angleAddr(m.from))
	}
	t.Parallel()

	e.checkAnsweredOnce(senders, mails, 120*time.Second)
	log := d.out.String()
	if !strings.Contains(log, "reconnecting") {
		t.Errorf("regbot's log shows no reconnect")
	}
	t.Logf("regbot: %d reconnect attempts, %d failed deliveries; all answered %v after Dovecot stopped",
		strings.Count(log, "reconnecting"), logCount(log, "reply not delivered"), time.Since(stopped).Round(time.Millisecond))
}

// smtpTransaction sends one mail over an open SMTP session.
func smtpTransaction(c *smtp.Client, from, to string, msg []byte) error {
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close()
}

// TestReadOnlyDatabaseAndFullDisk: with a database regbot cannot write to
// (file 0444, directory 0555, regbot not root) or a full disk (a tiny tmpfs
// for the database, filled up), `regbot run --once` exits non-zero with an
// error that says so, and no mail is marked handled. Once the fault is
// gone, the next run answers the mail: nothing was lost.
func TestReadOnlyDatabaseAndFullDisk(t *testing.T) {
	t.Parallel()

	t.Run("read-only", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t, "readonly")
		u := nobody() // root writes to 0444 files: run regbot as nobody
		bin := publicBinary(t)
		e.dir = ownedDir(t, u)
		cfg := e.writeConfig("regbot.yaml", e.plainConfig())
		chown(t, cfg, u)

		anna := e.addr("anna", "example.org")
		e.send(registration("Anna Abel", anna), anna)
		e.s.waitMails(t, e.mailbox, "INBOX", 1)
		if r := e.runOnceAs(bin, cfg, u); r.code != 0 {
			t.Fatalf("first run: exit %d, want 0", r.code)
		}
		e.s.waitMails(t, anna, "INBOX", 1)

		// Make the database and its directory unwritable.
		files, _ := filepath.Glob(e.dbPath() + "*")
		for _, f := range files {
			if err := os.Chmod(f, 0o444); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chmod(e.dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Logf("read-only: %v and the directory", files)
		bert := e.addr("bert", "example.org")
		regBert := registration("Bert Brandt", bert)
		e.send(regBert, bert)
		e.s.waitMails(t, e.mailbox, "INBOX", 2)
		r := e.runOnceAs(bin, cfg, u)
		checkFailedRun(t, e, r, []string{"readonly", "read-only", "read only", "permission denied"}, 1)
		if ms := e.s.mails(t, bert, "INBOX"); len(ms) != 0 {
			t.Errorf("%s got %d replies from a run that could not record anything", bert, len(ms))
		}

		// Writable again: the mail is answered.
		if err := os.Chmod(e.dir, 0o700); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.Chmod(f, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if r := e.runOnceAs(bin, cfg, u); r.code != 0 {
			t.Fatalf("run after the fault: exit %d, want 0", r.code)
		}
		checkAnsweredOnceAfterFault(t, e, bert, regBert, 2)
	})

	// The disk is full when regbot starts (it cannot even open the
	// database), or so nearly full that it fails while recording a mail.
	for _, c := range []struct {
		name  string
		leave int64 // bytes left free
	}{{"disk full", 0}, {"disk nearly full", 40 << 10}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "diskfull")
			if os.Geteuid() != 0 {
				t.Skip("mounting a tmpfs for the database needs root")
			}
			if err := syscall.Mount("tmpfs", e.dir, "tmpfs", 0, "size=4m,mode=0700"); err != nil {
				t.Skipf("cannot mount a tmpfs for the database (%v)", err)
			}
			t.Cleanup(func() {
				if err := syscall.Unmount(e.dir, syscall.MNT_DETACH); err != nil {
					t.Errorf("unmount %s: %v", e.dir, err)
				}
			})
			cfg := e.writeConfig("regbot.yaml", e.plainConfig())

			anna := e.addr("anna", "example.org")
			e.send(registration("Anna Abel", anna), anna)
			e.s.waitMails(t, e.mailbox, "INBOX", 1)
			if r := e.runOnce(cfg); r.code != 0 {
				t.Fatalf("first run: exit %d, want 0", r.code)
			}
			e.s.waitMails(t, anna, "INBOX", 1)

			filler := filepath.Join(e.dir, "filler")
			fillDisk(t, filler, c.leave)
			bert := e.addr("bert", "example.org")
			regBert := registration("Bert Brandt", bert)
			e.send(regBert, bert)
			e.s.waitMails(t, e.mailbox, "INBOX", 2)
			r := e.runOnce(cfg)
			r.stderr = strings.ReplaceAll(r.stderr, e.dir, "$DIR") // the path holds "full"
			checkFailedRun(t, e, r, []string{"full", "no space", "disk i/o error"}, 1)
			if !strings.Contains(r.stderr, "full") && !strings.Contains(r.stderr, "no space") && !strings.Contains(r.stderr, "free space") {
				t.Errorf("the error does not point at the full disk:\n%s", r.stderr)
			}
			if ms := e.s.mails(t, bert, "INBOX"); len(ms) != 0 {
				t.Errorf("%s got %d replies from a run that could not record anything", bert, len(ms))
			}

			// Space again: the mail is answered.
			if err := os.Remove(filler); err != nil {
				t.Fatal(err)
			}
			if r := e.runOnce(cfg); r.code != 0 {
				t.Fatalf("run after the fault: exit %d, want 0", r.code)
			}
			checkAnsweredOnceAfterFault(t, e, bert, regBert, 2)
		})
	}
}

// fillDisk writes path until the file system has only leave bytes free.
func fillDisk(t *testing.T, path string, leave int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n := 0
	for {
		var st syscall.Statfs_t
		if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
			t.Fatal(err)
		}
		if int64(st.Bavail)*st.Bsize <= leave {
			break
		}
		m, err := f.Write(buf)
		n += m
		if err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill %s: %v", path, err)
			}
			break
		}
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err == nil {
		t.Logf("disk full: %d bytes of filler, %d bytes free", n, st.Bavail*uint64(st.Bsize))
	}
}

// checkFailedRun checks a run that met a fault it cannot work around: a
// non-zero exit, an error naming the fault (one of words), and no mail
// marked handled beyond the handled ones before.
func checkFailedRun(t *testing.T, e *testEnv, r runResult, words []string, handledBefore int) {
	t.Helper()
	if r.code == 0 {
		t.Errorf("regbot run --once exited 0 although it could not record anything")
	}
	low := strings.ToLower(r.stderr)
	if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(low, w) }) {
		t.Errorf("the error does not say what is wrong (none of %q):\n%s", words, r.stderr)
	}
	done := 0
	for _, m := range e.s.mails(t, e.mailbox, "INBOX") {
		if m.has(doneKeyword) {
			done++
		}
	}
	if done != handledBefore {
		t.Errorf("%d mails marked %s, want only the %d of the earlier run", done, doneKeyword, handledBefore)
	}
}

// checkAnsweredOnceAfterFault: the mail reg from addr is answered once and
// all total mails of the mailbox are marked handled.
func checkAnsweredOnceAfterFault(t *testing.T, e *testEnv, addr string, reg *outMail, total int) {
	t.Helper()
	got := e.s.waitMails(t, addr, "INBOX", 1)
	checkConfirmation(t, e, reg, addr, replyTo(t, got, reg))
	time.Sleep(time.Second)
	if n := len(e.s.mails(t, addr, "INBOX")); n != 1 {
		t.Errorf("%s has %d replies, want 1", addr, n)
	}
	if ok, done := e.allDone(total); !ok {
		t.Errorf("%d of %d mails marked %s", done, total, doneKeyword)
	}
}

// TestFlood: 1,000 mails forged from one address (registrations, a
// question, a cancellation and a re-registration in turn) reach the
// mailbox. regbot handles every one, and that address receives no more
// than limits.replies_per_sender_per_day (3) replies.
func TestFlood(t *testing.T) {
	t.Parallel()
	const floodMails, perDay = 1000, 3
	e := newEnv(t, "flood")
	victim := e.addr("victim", "example.org")
	bodies := []struct{ subject, body string }{
		{"Anmeldung Runder Tisch", "Hallo,\n\nhiermit melde ich mich für den Runden Tisch an.\n\nGruß\nVicky Victim\n"},
		{"Frage zum Runden Tisch", "Hallo,\n\ngibt es beim Runden Tisch vegetarisches Essen?\n\nGruß\nVicky Victim\n"},
		{"Abmeldung", "Hallo,\n\nich kann leider doch nicht zum Runden Tisch kommen und melde mich ab.\n\nGruß\nVicky Victim\n"},
		{"Anmeldung", "Guten Tag,\n\nich möchte am Runden Tisch „Open Source in Berlin“ teilnehmen.\n\nVicky Victim\n"},
	}
	mails := make([]*outMail, floodMails)
	for i := range mails {
		b := bodies[i%len(bodies)]
		mails[i] = &outMail{from: "Vicky Victim <" + victim + ">", subject: b.subject, body: b.body}
	}
	began := time.Now()
	e.sendBatch(mails, nil)
	e.s.waitMails(t, e.mailbox, "INBOX", floodMails)
	t.Logf("%d mails from %s in the mailbox after %v", floodMails, victim, time.Since(began).Round(time.Millisecond))

	r := e.runOnce(e.writeConfig("regbot.yaml", e.plainConfig()))
	if r.code != 0 {
		t.Fatalf("regbot run --once: exit %d, want 0", r.code)
	}
	t.Logf("handled the flood in %v after the first mail was sent", time.Since(began).Round(time.Millisecond))
	if ok, done := e.allDone(floodMails); !ok {
		t.Errorf("%d of %d mails marked %s", done, floodMails, doneKeyword)
	}
	f := figures(t, e.dbPath())
	if f.messages != floodMails || f.handled != floodMails {
		t.Errorf("database: %s, want %d mails handled", f, floodMails)
	}
	db := openDB(t, e.dbPath(), false)
	queued := count(t, db, `SELECT count(*) FROM outbox WHERE to_addr = ?`, strings.ToLower(victim))
	db.Close()

	time.Sleep(2 * time.Second) // anything sent is delivered by now
	got := e.s.mails(t, victim, "INBOX")
	var kinds []string
	for _, m := range got {
		p := parse(t, m.raw)
		kinds = append(kinds, fmt.Sprintf("%q", p.get("Subject")))
	}
	t.Logf("%s received %d replies (%d queued) for %d mails: %s", victim, len(got), queued, floodMails, strings.Join(kinds, ", "))
	if len(got) > perDay || queued > perDay {
		t.Errorf("%s received %d replies (%d queued), want at most %d", victim, len(got), queued, perDay)
	}
	if len(got) == 0 {
		t.Errorf("%s received no reply at all, want the first", victim)
	}
}

// TestHeaderInjection: registrations whose display name and subject carry
// CR/LF (encoded words in Q and B encoding, bare CR and LF, folding) built
// to smuggle in Bcc, Cc and other fields, and senders with crafted local
// parts. Each mail arrives twice: through Postfix (which rewrites the
// headers of mail from loopback clients) and put into Dovecot verbatim, as
// an MX passes on mail from the internet. Every reply regbot sends has
// exactly one recipient and only the header fields regbot writes (checked
// on the copy in Sent, the message as sent, and on the delivered mail);
// the addresses named in the payloads receive nothing.
func TestHeaderInjection(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "inject")
	evil := e.addr("evil", "example.org")
	evil2 := e.addr("evil2", "example.org")
	qEvil := strings.ReplaceAll(evil, "-", "=2D")
	type inj struct {
		name, local   string // local: the sender's local part before -inject-ID
		quoted        bool   // the local part needs quoting
		from, subject string // %s is the sender's address
		wantReply     bool   // a reply must go out (else regbot may also leave it to a person)
	}
	cases := []inj{
		{name: "Q-encoded CRLF Bcc in the name", local: "n1", wantReply: true,
			from: "=?utf-8?q?x=0D=0ABcc:_" + qEvil + "?= <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "B-encoded CRLF Bcc and Cc in the name", local: "n2", wantReply: true,
			from:    "=?utf-8?b?" + b64("Eve\r\nBcc: "+evil+"\r\nCc: "+evil2) + "?= <%s>",
			subject: "Anmeldung Runder Tisch"},
		{name: "bare LF and bare CR in the name", local: "n3", wantReply: true,
			from: "=?utf-8?q?Eve=0ABcc:_" + qEvil + "=0DCc:_x?= <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "folded quoted name", local: "n4", wantReply: true,
			from: "\"Eve\r\n Bcc: " + evil + "\" <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "Q-encoded CRLF in the subject", local: "s1", wantReply: true,
			from: "Sam Subject <%s>", subject: "=?utf-8?q?Anmeldung_Runder_Tisch=0D=0ABcc:_" + qEvil + "=0D=0A=0D=0Aforged_body?="},
		{name: "B-encoded CRLF Cc and header in the subject", local: "s2", wantReply: true,
			from:    "Sam Subject <%s>",
			subject: "=?utf-8?b?" + b64("Anmeldung Runder Tisch\r\nCc: "+evil2+"\r\nX-Injected: yes") + "?="},
		{name: "folded subject", local: "s3", wantReply: true,
			from: "Sam Subject <%s>", subject: "Anmeldung Runder Tisch\r\n Bcc: " + evil},
		{name: "encoded word as local part", local: "l1=?utf-8?q?x=0D=0ABcc=3A=20evil?=", wantReply: true,
			from: "Lars Local <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "unquoted colon in the local part", local: "l2=?utf-8?q?x=0D=0ABcc:_evil?=",
			from: "Lina Local <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "quoted local part with comma and at", local: "l3," + evil, quoted: true,
			from: "Lea Local <%s>", subject: "Anmeldung Runder Tisch"},
		{name: "quoted local part with CRLF-looking text", local: "l4 Bcc: evil", quoted: true,
			from: "Lou Local <%s>", subject: "Anmeldung Runder Tisch"},
	}
	type sentMail struct {
		c        inj
		path     string // "Postfix" or "verbatim"
		addr     string
		m        *outMail
		replies  []parsed
		queuedTo []string
	}
	var all []*sentMail
	var viaPostfix []*outMail
	var envFrom []string
	for _, path := range []string{"Postfix", "verbatim"} {
		for _, c := range cases {
			local := c.local + "-" + strings.ToLower(path[:1]) + "-" + e.tag + "-" + e.id
			if c.quoted {
				local = `"` + local + `"`
			}
			sm := &sentMail{c: c, path: path, addr: local + "@example.org"}
			sm.m = &outMail{from: fmt.Sprintf(c.from, sm.addr), subject: c.subject,
				body: "Hallo,\n\nhiermit melde ich mich für den Runden Tisch an.\n\nViele Grüße\n"}
			all = append(all, sm)
			if path == "Postfix" {
				viaPostfix = append(viaPostfix, sm.m)
				envFrom = append(envFrom, sm.addr)
			} else {
				e.doveadmSave(e.mailbox, "INBOX", sm.m)
			}
		}
	}
	e.sendBatch(viaPostfix, envFrom)
	e.s.waitMails(t, e.mailbox, "INBOX", len(all))

	// A mail that makes processing fail is tried three times, then set
	// aside (flagged, marked handled): so up to three runs.
	cfg := e.writeConfig("regbot.yaml", e.plainConfig())
	for run := 1; ; run++ {
		r := e.runOnce(cfg)
		if r.code == 0 {
			break
		}
		if run == 3 {
			t.Fatalf("regbot run --once: exit %d three times", r.code)
		}
		knownBug(t, "run %d exited %d: processing a mail failed (it is set aside after three failures):\n%s", run, r.code, r.stderr)
	}
	// (The stack cannot deliver to some of the crafted addresses: its
	// bounces may arrive in the mailbox after the run, unhandled.)
	if _, done := e.allDone(len(all)); done < len(all) {
		t.Errorf("%d of %d mails marked %s", done, len(all), doneKeyword)
	}

	// Whom regbot queued replies for.
	byMsgID := map[string]*sentMail{}
	for _, sm := range all {
		byMsgID[sm.m.msgID] = sm
	}
	db := openDB(t, e.dbPath(), false)
	rows, err := db.Query(`SELECT coalesce(m.message_id, ''), o.to_addr FROM outbox o JOIN messages m ON m.id = o.source_message_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var mid, to string
		if err := rows.Scan(&mid, &to); err != nil {
			t.Fatal(err)
		}
		if sm := byMsgID["<"+strings.Trim(mid, "<>")+">"]; sm != nil {
			sm.queuedTo = append(sm.queuedTo, to)
		}
	}
	rows.Close()
	setAside := count(t, db, `SELECT count(*) FROM messages WHERE failed_at IS NOT NULL`)
	db.Close()

	// The copies in Sent are the replies as regbot sent them.
	for _, m := range e.s.mails(t, e.mailbox, "Sent") {
		p := parse(t, m.raw)
		checkReplyHeader(t, "Sent copy", p, nil)
		if sm := byMsgID[p.get("In-Reply-To")]; sm != nil {
			sm.replies = append(sm.replies, p)
		} else {
			t.Errorf("Sent holds a reply to %q, which is none of the test's mails", p.get("In-Reply-To"))
		}
	}
	for _, sm := range all {
		name := sm.c.name + " (" + sm.path + ")"
		t.Logf("%s: From %q; replies queued for %q", name, sm.m.from, sm.queuedTo)
		for _, to := range sm.queuedTo {
			if !strings.EqualFold(to, unquoteLocal(sm.addr)) {
				knownBug(t, "%s: regbot queued the reply for %q, an address taken from the display name, not for the sender %s", name, to, sm.addr)
			}
		}
		if len(sm.replies) > 1 {
			t.Errorf("%s: %d replies, want at most 1", name, len(sm.replies))
		}
		if len(sm.replies) == 0 {
			if sm.c.wantReply && len(sm.queuedTo) == 0 {
				t.Errorf("%s: no reply to %s", name, sm.addr)
			}
			continue
		}
		p := sm.replies[0]
		to := recipients(t, p)
		t.Logf("%s: reply To %q, Subject %q", name, p.header.Get("To"), p.get("Subject"))
		if len(to) != 1 {
			t.Errorf("%s: To %q has %d recipients, want 1", name, p.header.Get("To"), len(to))
		}
	}
	if setAside > 0 {
		knownBug(t, "%d mails set aside for a person after three failed attempts", setAside)
	}

	// Delivered: the same fields plus what Postfix and Dovecot add.
	for _, sm := range all {
		if len(sm.replies) == 0 || !strings.EqualFold(sm.queuedTo[0], unquoteLocal(sm.addr)) {
			continue
		}
		user := unquoteLocal(sm.addr)
		if strings.Trim(user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@") != "" {
			// Dovecot's auth_username_chars: such a user cannot log in.
			t.Logf("%s (%s): %s cannot log in to IMAP; checked the Sent copy only", sm.c.name, sm.path, sm.addr)
			continue
		}
		// regbot is done once Postfix accepted the reply; delivery follows.
		var ms []stored
		var err error
		for deadline := time.Now().Add(deliveryTimeout); ; time.Sleep(100 * time.Millisecond) {
			ms, err = readFolder(e.s, user, "INBOX")
			if err != nil || len(ms) > 0 || time.Now().After(deadline) {
				break
			}
		}
		if err != nil {
			t.Errorf("%s: read the mailbox of %s: %v", sm.c.name, sm.addr, err)
			continue
		}
		if len(ms) != 1 {
			t.Errorf("%s (%s): %s received %d mails, want 1", sm.c.name, sm.path, sm.addr, len(ms))
		}
		for _, m := range ms {
			checkReplyHeader(t, "delivered to "+sm.addr, parse(t, m.raw), []string{"Return-Path", "Delivered-To", "Received"})
		}
	}
	for _, a := range []string{evil, evil2} {
		if ms := e.s.mails(t, a, "INBOX"); len(ms) != 0 {
			for _, m := range ms {
				p := parse(t, m.raw)
				knownBug(t, "%s, named only inside an encoded display name, received %q (In-Reply-To %s)", a, p.get("Subject"), p.get("In-Reply-To"))
			}
		}
	}
}

// knownBug reports a misbehaviour of regbot these tests found (and that
// was fixed since): a test failure.
func knownBug(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Errorf(format, args...)
}

// replyFields are the header fields of a reply regbot writes (see
// internal/reply.Message.Bytes), each at most once.
var replyFields = []string{"From", "To", "Subject", "Date", "Message-Id", "In-Reply-To", "References",
	"Auto-Submitted", "X-Auto-Response-Suppress", "X-Regbot-Loop", "Content-Language",
	"Mime-Version", "Content-Type", "Content-Transfer-Encoding"}

// checkReplyHeader checks that p's header holds only fields of
// replyFields (plus extra, which may repeat), none twice, no Cc or Bcc,
// exactly one recipient, no CR or LF but folding in any raw value, and none
// in the decoded subject, display names and addresses.
func checkReplyHeader(t *testing.T, what string, p parsed, extra []string) {
	t.Helper()
	seen := map[string]int{}
	fields := p.header.Fields()
	for fields.Next() {
		k := textproto.CanonicalMIMEHeaderKey(fields.Key())
		seen[k]++
		switch {
		case slices.Contains(extra, k):
		case !slices.Contains(replyFields, k):
			t.Errorf("%s: header field %q is not one regbot writes (value %q)", what, fields.Key(), fields.Value())
		case seen[k] > 1:
			t.Errorf("%s: header field %s appears %d times", what, k, seen[k])
		}
		raw := strings.NewReplacer("\r\n ", " ", "\r\n\t", " ", "\n ", " ", "\n\t", " ").Replace(fields.Value())
		if strings.ContainsAny(raw, "\r\n") {
			t.Errorf("%s: %s holds a CR or LF that is not folding: %q", what, k, raw)
		}
		// Encoded words are decoded in unstructured fields and in display
		// names, never inside an address (RFC 2047 section 5).
		switch k {
		case "From", "To":
			if list, err := (&mail.Header{Header: p.header}).AddressList(k); err == nil {
				for _, a := range list {
					if strings.ContainsAny(a.Name+a.Address, "\r\n") {
						t.Errorf("%s: %s holds a name or address with CR or LF: %q <%s>", what, k, a.Name, a.Address)
					}
				}
			}
		case "Subject":
			if v, err := fields.Text(); err == nil && strings.ContainsAny(v, "\r\n") {
				t.Errorf("%s: %s decodes to a value with CR or LF: %q", what, k, v)
			}
		}
	}
	for _, k := range []string{"Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"} {
		if p.header.Has(k) {
			t.Errorf("%s: has a %s header: %q", what, k, p.header.Get(k))
		}
	}
	if to := recipients(t, p); len(to) != 1 {
		t.Errorf("%s: %d recipients in To %q, want 1", what, len(to), p.header.Get("To"))
	}
}

// recipients are the addresses of p's To field.
func recipients(t *testing.T, p parsed) []string {
	t.Helper()
	h := mail.Header{Header: p.header}
	list, err := h.AddressList("To")
	if err != nil {
		t.Errorf("To %q does not parse: %v", p.header.Get("To"), err)
		return nil
	}
	var out []string
	for _, a := range list {
		out = append(out, a.Address)
	}
	return out
}

// unquoteLocal turns "local"@domain into local@domain, the form a parsed
// address takes.
func unquoteLocal(addr string) string {
	if !strings.HasPrefix(addr, `"`) {
		return addr
	}
	i := strings.LastIndex(addr, `"@`)
	return addr[1:i] + addr[i+1:]
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
