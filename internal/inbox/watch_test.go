package inbox_test

import (
	"context"
	"errors"
	"io"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/mailtest"
)

// timeout bounds every wait in these tests; nothing should come close.
const timeout = 10 * time.Second

func TestWaitIdleWakesOnNewMail(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	o := testOptions(t, srv)
	o.PollInterval = time.Hour // only new mail can end this Wait
	c := dial(t, o)
	if got := pendingUIDs(t, c); len(got) != 0 {
		t.Fatalf("Pending() = %v, want none", got)
	}

	waited := make(chan error, 1)
	go func() { waited <- c.Wait(t.Context()) }()
	srv.WaitIdle(t, 1, timeout)

	// Another client delivers a mail.
	other, err := imapclient.DialInsecure(srv.Addr, nil)
	if err != nil {
		t.Fatalf("DialInsecure() = %v", err)
	}
	defer other.Close()
	if err := other.Login(srv.Username, srv.Password).Wait(); err != nil {
		t.Fatalf("Login() = %v", err)
	}
	raw := testMail(1)
	cmd := other.Append("INBOX", int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		t.Fatalf("Append: %v", err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatalf("Append: %v", err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatalf("Append: %v", err)
	}

	if err := receive(t, waited, timeout, "Wait to return after new mail"); err != nil {
		t.Fatalf("Wait() = %v", err)
	}
	if got := pendingUIDs(t, c); len(got) != 1 {
		t.Errorf("Pending() after Wait = %v, want the new mail", got)
	}
}

func TestWaitPollsWithoutIdle(t *testing.T) {
	srv := mailtest.StartIMAP(t, mailtest.WithoutIDLE())
	o := testOptions(t, srv)
	o.PollInterval = 50 * time.Millisecond
	c := dial(t, o)
	if got := pendingUIDs(t, c); len(got) != 0 {
		t.Fatalf("Pending() = %v, want none", got)
	}
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	// The poll path: Wait sleeps PollInterval, then Pending finds the mail.
	deadline := time.Now().Add(timeout)
	for len(pendingUIDs(t, c)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("new mail not found by polling")
		}
		if err := c.Wait(t.Context()); err != nil {
			t.Fatalf("Wait() = %v", err)
		}
	}
	if n := srv.IdleCommands(); n != 0 {
		t.Errorf("IdleCommands() = %d on a server without IDLE, want 0", n)
	}

	// Cancelling ends the sleep at once.
	o.PollInterval = time.Hour
	c = dial(t, o)
	ctx, cancel := context.WithCancel(t.Context())
	waited := make(chan error, 1)
	go func() { waited <- c.Wait(ctx) }()
	cancel()
	if err := receive(t, waited, timeout, "Wait to return after cancel"); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait() = %v, want context.Canceled", err)
	}
}

func TestWaitCancelEndsIdleCleanly(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	o := testOptions(t, srv)
	o.PollInterval = time.Hour
	c := dial(t, o)
	ctx, cancel := context.WithCancel(t.Context())
	waited := make(chan error, 1)
	go func() { waited <- c.Wait(ctx) }()
	srv.WaitIdle(t, 1, timeout)
	cancel()
	if err := receive(t, waited, timeout, "Wait to return after cancel"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait() = %v, want context.Canceled", err)
	}
	// IDLE ended with DONE: the connection is still usable.
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	if got := pendingUIDs(t, c); len(got) != 1 {
		t.Errorf("Pending() after a cancelled Wait = %v, want 1 mail", got)
	}
}

func TestWaitRenewsIdle(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	o := testOptions(t, srv)
	o.PollInterval = 20 * time.Millisecond
	c := dial(t, o)
	for range 3 {
		if err := c.Wait(t.Context()); err != nil {
			t.Fatalf("Wait() = %v", err)
		}
	}
	if n := srv.IdleCommands(); n != 3 {
		t.Errorf("IdleCommands() = %d, want 3 (one per Wait)", n)
	}
}

// recorder is a Handler that fetches each mail, marks it done and records
// it by Message-ID.
type recorder struct {
	mu       sync.Mutex
	done     map[string]int    // Message-ID → successful handlings
	validity map[string]uint32 // Message-ID → UIDVALIDITY it came with
	events   chan string       // Message-ID after each success
	// before runs before a mail is handled; an error fails the handling.
	before func(m inbox.Mail, attempt int) error
	tries  map[uint32]int
	// after runs after a successful handling.
	after func(id string)
}

func newRecorder() *recorder {
	return &recorder{
		done:     make(map[string]int),
		validity: make(map[string]uint32),
		events:   make(chan string, 100),
		tries:    make(map[uint32]int),
	}
}

func (r *recorder) handle(ctx context.Context, c *inbox.Conn, m inbox.Mail) error {
	r.mu.Lock()
	r.tries[m.UID]++
	attempt := r.tries[m.UID]
	r.mu.Unlock()
	if r.before != nil {
		if err := r.before(m, attempt); err != nil {
			return err
		}
	}
	var raw []byte
	if err := c.Fetch(ctx, m.UID, func(rd io.Reader) error {
		var err error
		raw, err = io.ReadAll(rd)
		return err
	}); err != nil {
		return err
	}
	if err := c.MarkDone(ctx, m.UID); err != nil {
		return err
	}
	id := messageID(raw)
	r.mu.Lock()
	r.done[id]++
	r.validity[id] = m.UIDValidity
	r.mu.Unlock()
	r.events <- id
	if r.after != nil {
		r.after(id)
	}
	return nil
}

func (r *recorder) counts() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.done))
	for k, v := range r.done {
		out[k] = v
	}
	return out
}

// startWatch runs Watch until the test ends or stop is called, and returns
// a channel with Watch's result.
func startWatch(t *testing.T, o inbox.Options, h inbox.Handler, hooks *inbox.Hooks) (stop func(), result <-chan error) {
	return startRun(t, func(ctx context.Context) error { return inbox.Watch(ctx, o, h, hooks) })
}

// startRun runs run (Watch or WatchGroups) as startWatch does.
func startRun(t *testing.T, run func(ctx context.Context) error) (stop func(), result <-chan error) {
	ctx, cancel := context.WithCancel(t.Context())
	res := make(chan error, 1)
	returned := make(chan struct{})
	go func() {
		res <- run(ctx)
		close(returned)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-returned:
		case <-time.After(timeout):
			t.Errorf("Watch did not return after cancel")
		}
	})
	return cancel, res
}

func TestWatchSurvivesRestart(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	for i := 1; i <= 3; i++ {
		srv.Append(t, "INBOX", testMail(i), nil, time.Time{})
	}
	o := testOptions(t, srv)
	o.PollInterval = time.Hour

	var (
		mu                  sync.Mutex
		connects, reconnect int
		polls               int
	)
	hooks := &inbox.Hooks{
		OnConnect:   func() { mu.Lock(); connects++; mu.Unlock() },
		OnReconnect: func() { mu.Lock(); reconnect++; mu.Unlock() },
		OnPoll:      func(time.Time) { mu.Lock(); polls++; mu.Unlock() },
	}
	rec := newRecorder()
	// The handler of mail 3 holds on until the test has closed the server
	// under it: the server goes away in the middle of a round.
	gate := make(chan struct{})
	rec.after = func(id string) {
		if id == "<3@example.org>" {
			<-gate
		}
	}
	stop, result := startWatch(t, o, rec.handle, hooks)

	for range 3 {
		receive(t, rec.events, timeout, "the first three mails")
	}
	srv.Close()
	// Mail that arrives while the server is down.
	srv.Append(t, "INBOX", testMail(4), nil, time.Time{})
	srv.Append(t, "INBOX", testMail(5), nil, time.Time{})
	close(gate)
	srv.Restart(t)
	for range 2 {
		receive(t, rec.events, timeout, "the mails that came during the outage")
	}
	// And mail that arrives afterwards, over IDLE.
	srv.Append(t, "INBOX", testMail(6), nil, time.Time{})
	receive(t, rec.events, timeout, "a mail after the restart")

	stop()
	if err := receive(t, result, timeout, "Watch to return"); err != nil {
		t.Errorf("Watch() = %v, want nil after cancel", err)
	}

	counts := rec.counts()
	for i := 1; i <= 6; i++ {
		id := messageID(testMail(i))
		if counts[id] != 1 {
			t.Errorf("mail %s handled %d times, want once", id, counts[id])
		}
	}
	for _, m := range srv.Messages(t, "INBOX") {
		if !m.HasFlag(inbox.DefaultDoneKeyword) {
			t.Errorf("uid %d not marked done: %v", m.UID, m.Flags)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if connects < 2 || reconnect < 1 || polls < 2 {
		t.Errorf("hooks: connects %d, reconnects %d, polls %d; want ≥2, ≥1, ≥2", connects, reconnect, polls)
	}
	if srv.Logins() < 2 {
		t.Errorf("Logins() = %d, want ≥2", srv.Logins())
	}
}

func TestWatchReportsUIDValidity(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	o := testOptions(t, srv)
	o.PollInterval = time.Hour
	rec := newRecorder()
	startWatch(t, o, rec.handle, nil)
	receive(t, rec.events, timeout, "mail 1")

	// The folder is re-created on the server: UIDs start anew.
	srv.Close()
	if err := srv.User.Delete("INBOX"); err != nil {
		t.Fatalf("Delete(INBOX) = %v", err)
	}
	if err := srv.User.Create("INBOX", nil); err != nil {
		t.Fatalf("Create(INBOX) = %v", err)
	}
	srv.Append(t, "INBOX", testMail(2), nil, time.Time{})
	srv.Restart(t)
	receive(t, rec.events, timeout, "mail 2")

	rec.mu.Lock()
	v1, v2 := rec.validity["<1@example.org>"], rec.validity["<2@example.org>"]
	rec.mu.Unlock()
	if v1 == 0 || v2 == 0 || v1 == v2 {
		t.Errorf("UIDValidity = %d then %d, want two different values", v1, v2)
	}
}

func TestWatchHandlerErrorLeavesMailPending(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	srv.Append(t, "INBOX", testMail(2), nil, time.Time{})
	o := testOptions(t, srv)
	o.PollInterval = 50 * time.Millisecond // the next round comes soon
	rec := newRecorder()
	boom := errors.New("database is locked")
	rec.before = func(m inbox.Mail, attempt int) error {
		if m.UID == 1 && attempt == 1 {
			return boom
		}
		return nil
	}
	failed := make(chan error, 10)
	startWatch(t, o, rec.handle, &inbox.Hooks{OnHandlerError: func(m inbox.Mail, err error) { failed <- err }})

	if err := receive(t, failed, timeout, "the handler error"); !errors.Is(err, boom) {
		t.Errorf("OnHandlerError got %v, want %v", err, boom)
	}
	got := map[string]bool{}
	for range 2 {
		got[receive(t, rec.events, timeout, "both mails handled")] = true
	}
	if !got["<1@example.org>"] || !got["<2@example.org>"] {
		t.Errorf("handled %v, want both mails", got)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.tries[1] != 2 || rec.tries[2] != 1 {
		t.Errorf("attempts = %v, want uid 1 twice (failed, then again), uid 2 once", rec.tries)
	}
}

func TestWatchCancel(t *testing.T) {
	tests := []struct {
		name string
		opts []mailtest.IMAPOption
	}{
		{"idle", nil},
		{"poll", []mailtest.IMAPOption{mailtest.WithoutIDLE()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.StartIMAP(t, tt.opts...)
			o := testOptions(t, srv)
			o.PollInterval = time.Hour
			polled := make(chan struct{}, 10)
			stop, result := startWatch(t, o, newRecorder().handle, &inbox.Hooks{OnPoll: func(time.Time) { polled <- struct{}{} }})
			receive(t, polled, timeout, "the first search")
			if tt.opts == nil {
				srv.WaitIdle(t, 1, timeout)
			}
			stop()
			if err := receive(t, result, timeout, "Watch to return after cancel"); err != nil {
				t.Errorf("Watch() = %v, want nil", err)
			}
		})
	}
}

func TestWatchPermanentError(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	o := testOptions(t, srv)
	o.Password = "wrong"
	_, result := startWatch(t, o, newRecorder().handle, nil)
	err := receive(t, result, timeout, "Watch to give up")
	if !errors.Is(err, inbox.ErrAuth) {
		t.Errorf("Watch() = %v, want ErrAuth", err)
	}
}

func TestWatchWaitsForServer(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	srv.Append(t, "INBOX", testMail(1), nil, time.Time{})
	srv.Close() // down at start: Watch keeps trying
	o := testOptions(t, srv)
	reconnects := make(chan struct{}, 10)
	rec := newRecorder()
	startWatch(t, o, rec.handle, &inbox.Hooks{OnReconnect: func() { reconnects <- struct{}{} }})
	receive(t, reconnects, timeout, "a reconnect attempt")
	srv.Restart(t)
	if id := receive(t, rec.events, timeout, "mail 1 after the server came up"); id != "<1@example.org>" {
		t.Errorf("handled %s, want <1@example.org>", id)
	}
}

// WatchGroups hands the pending mails over in groups of at most size, in
// UID order; an error for one mail of a group leaves that mail pending and
// is reported for it, the others are done.
func TestWatchGroups(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	for i := 1; i <= 5; i++ {
		srv.Append(t, "INBOX", testMail(i), nil, time.Time{})
	}
	o := testOptions(t, srv)
	o.PollInterval = time.Hour
	rec := newRecorder()
	boom := errors.New("boom")
	var (
		mu     sync.Mutex
		groups [][]uint32
	)
	h := func(ctx context.Context, c *inbox.Conn, ms []inbox.Mail) []error {
		var uids []uint32
		errs := make([]error, len(ms))
		for i, m := range ms {
			uids = append(uids, m.UID)
			if m.UID == 4 {
				errs[i] = boom
				continue
			}
			errs[i] = rec.handle(ctx, c, m)
		}
		mu.Lock()
		groups = append(groups, uids)
		mu.Unlock()
		return errs
	}
	failed := make(chan inbox.Mail, 10)
	hooks := &inbox.Hooks{OnHandlerError: func(m inbox.Mail, err error) {
		if errors.Is(err, boom) {
			failed <- m
		}
	}}
	stop, res := startRun(t, func(ctx context.Context) error { return inbox.WatchGroups(ctx, o, h, 2, hooks) })
	for range 4 {
		receive(t, rec.events, timeout, "the mails without error")
	}
	if m := receive(t, failed, timeout, "the failed mail"); m.UID != 4 {
		t.Errorf("error reported for uid %d, want 4", m.UID)
	}
	stop()
	if err := <-res; err != nil {
		t.Errorf("WatchGroups() = %v, want nil", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := [][]uint32{{1, 2}, {3, 4}, {5}}; !reflect.DeepEqual(groups, want) {
		t.Errorf("groups %v, want %v", groups, want)
	}
	if n := len(rec.counts()); n != 4 {
		t.Errorf("%d mails done, want 4", n)
	}
}
