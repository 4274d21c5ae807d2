package e2e

// Fault tests: regbot killed, its servers restarted or stopped, its
// database unwritable or its disk full, a flood from one address, headers
// built to inject recipients. Each proves that nothing is lost and nothing
// is answered more often than allowed.

import (
	"fmt"
	"math/rand/v2"
	"net/smtp"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The figures of the kill test; REGBOT_E2E_KILL_SEED replays a run.
const (
	killMails = 500
	killCount = 5
)

// TestKillDuringBacklog: 500 registrations from 500 senders wait in the
// mailbox; `regbot run` is killed with SIGKILL five times at random moments
// (seeded, the seed is logged) and started again each time, then left to
// finish. Every registration is recorded exactly once, every sender has a
// reply, and at most one reply per kill is repeated.
//
// A kill between claiming a reply in the outbox and recording it as sent
// leaves that reply reserved for the claim lease (10 minutes, see
// daemon.claimLease). The test does not wait ten minutes: after each kill,
// with no regbot running, it lets such leases expire by clearing their
// next_attempt_at, which is what the clock would do.
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

	// After each kill: what was handled and sent, and leases left behind.
	stranded := 0
	for k := 1; k <= killCount; k++ {
		d := e.startDaemon(cfg)
		delay := 300*time.Millisecond + time.Duration(rng.Int64N(int64(1700*time.Millisecond)))
		select {
		case <-d.exited:
			t.Fatalf("regbot run exited (%v) before kill %d", d.err, k)
		case <-time.After(delay):
		}
		if err := d.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-d.exited
		log := d.out.String()
		f := figures(t, e.dbPath())
		n := expireLeases(t, e.dbPath())
		stranded += n
		t.Logf("kill %d after %v: this run handled %d mails and sent %d replies; now %s; %d claimed reply left behind",
			k, delay.Round(time.Millisecond), logCount(log, "handled"), logCount(log, "reply sent"), f, n)
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
	t.Logf("replies per sender: %s; %d duplicates after %d kills (%d claimed replies left behind by kills); %d senders without reply",
		strings.Join(counts, ", "), dups, killCount, stranded, missing)
	if dups > killCount {
		t.Errorf("%d duplicate replies after %d kills, want at most %d", dups, killCount, killCount)
	}
}

// expireLeases ends the claims a killed regbot left in the outbox: a claim
// moves next_attempt_at 10 minutes ahead without counting an attempt. With
// no regbot running, clearing next_attempt_at is what those 10 minutes
// would do. It returns how many claims there were.
func expireLeases(t *testing.T, path string) int {
	t.Helper()
	db := openDB(t, path, true)
	defer db.Close()
	res, err := db.Exec(`UPDATE outbox SET next_attempt_at = NULL
		WHERE sent_at IS NULL AND failed_at IS NULL AND attempts = 0 AND last_error = ''
		AND next_attempt_at IS NOT NULL`)
	if err != nil {
		t.Fatalf("expire leases: %v", err)
	}
	n, _ := res.RowsAffected()
	return int(n)
}

// streamRegistrations sends registrations from senders through Postfix,
// one every gap, in the background; the returned channel yields the first
// error, or nil, once all are sent. Message-IDs are set before it returns.
func (e *testEnv) streamRegistrations(senders []string, gap time.Duration) ([]*outMail, <-chan error) {
	mails := make([]*outMail, len(senders))
	for i, s := range senders {
		e.n++
		mails[i] = registration(fmt.Sprintf("Stream %02d", i+1), s)
		mails[i].msgID = fmt.Sprintf("<%s-%d-%s@example.org>", e.tag, e.n, e.id)
		mails[i].to = e.mailbox
	}
	done := make(chan error, 1)
	go func() {
		var first error
		for i, m := range mails {
			if i > 0 {
				time.Sleep(gap)
			}
			if err := smtp.SendMail(e.s.addr(e.s.smtpPort), nil, senders[i], []string{e.mailbox}, m.message()); err != nil && first == nil {
				first = fmt.Errorf("send %s: %w", m.msgID, err)
			}
		}
		done <- first
	}()
	return mails, done
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

// TestDovecotRestart: regbot runs while registrations keep arriving; the
// stack's Dovecot master is stopped and started again in the middle.
// regbot reconnects and answers every mail exactly once, including those
// that reached Postfix while Dovecot was down. The outage runs while no
// other test does; the wait for the replies afterwards runs in parallel.
func TestDovecotRestart(t *testing.T) {
	e := newEnv(t, "dovecot")
	needRootStack(t)
	o := e.plainConfig()
	o.pollInterval = 5 * time.Second
	d := e.startDaemon(e.writeConfig("regbot.yaml", o))
	d.waitLog(t, "mailbox connected", deliveryTimeout)

	senders := make([]string, 40)
	for i := range senders {
		senders[i] = e.addr(fmt.Sprintf("s%02d", i+1), "example.org")
	}
	mails, sent := e.streamRegistrations(senders, 150*time.Millisecond)
	time.Sleep(1500 * time.Millisecond)
	before := figures(t, e.dbPath())
	e.s.stopServer(t, e.s.dovecot())
	e.s.startStack(t)
	t.Logf("Dovecot restarted; before the stop regbot had %s", before)
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	t.Parallel()

	e.checkAnsweredOnce(senders, mails, 150*time.Second)
	log := d.out.String()
	if !strings.Contains(log, "reconnecting") {
		t.Errorf("regbot's log shows no reconnect")
	}
	t.Logf("regbot: %d reconnect attempts, %d failed deliveries", strings.Count(log, "reconnecting"), logCount(log, "reply not delivered"))
}

// TestPostfixStopped: with the stack's Postfix master stopped, mails put
// straight into Dovecot are handled and marked, their replies wait in the
// outbox; once Postfix is back regbot's retry (after its 1-minute backoff)
// delivers each exactly once. It waits for that backoff (about 70 s), so
// -short skips it.
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
