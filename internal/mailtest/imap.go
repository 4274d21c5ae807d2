package mailtest

import (
	"bytes"
	"crypto/tls"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// The user StartIMAP creates unless WithIMAPUser says otherwise.
const (
	DefaultIMAPUsername = "mail@heinlein-support.de"
	DefaultIMAPPassword = "test"
)

// Mailboxes lists the mailboxes StartIMAP creates for the user.
var Mailboxes = []string{"INBOX", "Sent", "Done", "Review"}

// IMAPOption configures StartIMAP.
type IMAPOption func(*imapConfig)

type tlsMode int

const (
	tlsNone tlsMode = iota
	tlsImplicit
	tlsStartTLS
)

type imapConfig struct {
	username, password string
	noIdle             bool
	noMove             bool
	noUIDPlus          bool
	tls                tlsMode
}

// WithIMAPUser sets the user's name and password.
func WithIMAPUser(username, password string) IMAPOption {
	return func(c *imapConfig) { c.username, c.password = username, password }
}

// WithoutIDLE makes the server behave like one without IDLE (RFC 2177): the
// capability is not advertised and an IDLE command is refused, so clients
// must poll. It cannot be combined with WithIMAPSTARTTLS.
//
// go-imap's server always advertises IDLE, and IMAP4rev2 implies it, so this
// option advertises IMAP4rev1 (with UIDPLUS and MOVE) only and strips IDLE
// from every CAPABILITY list on its way out of the connection.
func WithoutIDLE() IMAPOption {
	return func(c *imapConfig) { c.noIdle = true }
}

// WithoutMove makes the server advertise IMAP4rev1 and UIDPLUS but neither
// MOVE (RFC 6851) nor IMAP4rev2, so clients fall back to COPY, STORE
// \Deleted and UID EXPUNGE.
func WithoutMove() IMAPOption {
	return func(c *imapConfig) { c.noMove = true }
}

// WithoutUIDPLUS makes the server advertise IMAP4rev1 only: neither UIDPLUS
// (RFC 4315, which brings UID EXPUNGE) nor MOVE nor IMAP4rev2. go-imap's
// server still sends COPYUID after COPY.
func WithoutUIDPLUS() IMAPOption {
	return func(c *imapConfig) { c.noUIDPlus, c.noMove = true, true }
}

// WithIMAPTLS serves implicit TLS (as on port 993) with a certificate made
// for the test; IMAPServer.ClientTLSConfig trusts it.
func WithIMAPTLS() IMAPOption {
	return func(c *imapConfig) { c.tls = tlsImplicit }
}

// WithIMAPSTARTTLS serves cleartext with STARTTLS and refuses LOGIN before
// TLS (LOGINDISABLED), with a certificate made for the test;
// IMAPServer.ClientTLSConfig trusts it.
func WithIMAPSTARTTLS() IMAPOption {
	return func(c *imapConfig) { c.tls = tlsStartTLS }
}

// IMAPServer is an in-process IMAP server with one user.
type IMAPServer struct {
	// Addr is host:port of the server. It stays the same across Restart.
	Addr string
	// Username and Password log in as User.
	Username, Password string
	// User is the user's in-memory backend. Tests may create, delete or
	// rename mailboxes on it directly (deleting and re-creating a mailbox
	// gives it a new UIDVALIDITY).
	User *imapmemserver.User

	cfg       imapConfig
	cert      *testCert
	trace     *traceWriter
	adminAddr string

	mu      sync.Mutex
	serving serving
	logins  int
	idles   int
	idleCh  chan struct{} // closed and replaced at every IDLE start
}

// StartIMAP starts an IMAP server on 127.0.0.1 with a random port. It is
// closed by t.Cleanup.
func StartIMAP(t testing.TB, opts ...IMAPOption) *IMAPServer {
	t.Helper()
	cfg := imapConfig{username: DefaultIMAPUsername, password: DefaultIMAPPassword}
	for _, opt := range opts {
		opt(&cfg)
	}
	if cfg.noIdle && cfg.tls == tlsStartTLS {
		t.Fatalf("mailtest: WithoutIDLE cannot be combined with WithIMAPSTARTTLS (the capability filter sits below TLS)")
	}

	user := imapmemserver.NewUser(cfg.username, cfg.password)
	for _, name := range Mailboxes {
		if err := user.Create(name, nil); err != nil {
			t.Fatalf("mailtest: create mailbox %s: %v", name, err)
		}
	}
	s := &IMAPServer{
		Username: cfg.username,
		Password: cfg.password,
		User:     user,
		cfg:      cfg,
		trace:    newTraceWriter(t, "imap"),
		idleCh:   make(chan struct{}),
	}
	if cfg.tls != tlsNone {
		s.cert = newTestCert(t)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.Addr = ln.Addr().String()
	s.serve(ln)
	t.Cleanup(func() { s.Close() })

	s.startAdmin(t)
	return s
}

// ClientTLSConfig returns a TLS configuration that trusts the server's test
// certificate (and nothing else), or nil when the server has no TLS.
func (s *IMAPServer) ClientTLSConfig() *tls.Config {
	if s.cert == nil {
		return nil
	}
	return s.cert.client()
}

func (s *IMAPServer) caps() imap.CapSet {
	if !s.cfg.noIdle && !s.cfg.noMove && !s.cfg.noUIDPlus {
		return imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}}
	}
	// IMAP4rev2 implies IDLE, MOVE and UIDPLUS, so leave it out.
	caps := imap.CapSet{imap.CapIMAP4rev1: {}}
	if !s.cfg.noUIDPlus {
		caps[imap.CapUIDPlus] = struct{}{}
	}
	if !s.cfg.noMove {
		caps[imap.CapMove] = struct{}{}
	}
	return caps
}

func (s *IMAPServer) serve(ln net.Listener) {
	options := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &imapSession{srv: s}, nil, nil
		},
		Caps:   s.caps(),
		Logger: s.trace,
		// Cleartext login is allowed except in STARTTLS mode. With implicit
		// TLS and WithoutIDLE the server sees the filter, not the *tls.Conn,
		// so it could not tell that the connection is encrypted.
		InsecureAuth: s.cfg.tls != tlsStartTLS,
		DebugWriter:  s.trace.writer(),
	}
	if s.cfg.tls == tlsStartTLS {
		options.TLSConfig = s.cert.server
	}
	srv := imapserver.New(options)

	var l net.Listener = ln
	if s.cfg.tls == tlsImplicit {
		l = tls.NewListener(l, s.cert.server)
	}
	if s.cfg.noIdle {
		l = capFilterListener{l}
	}
	s.serving.start(srv, ln, l)
}

// Close stops listening and closes every client connection, as a server
// that goes away would. The data stays; Restart brings the server back.
// Close is idempotent.
func (s *IMAPServer) Close() { s.serving.stop() }

// Restart closes the server if it is running and serves the same data on
// the same address again.
func (s *IMAPServer) Restart(t testing.TB) {
	t.Helper()
	s.Close()
	ln, err := listenAgain(s.Addr)
	if err != nil {
		t.Fatalf("mailtest: listen again on %s: %v", s.Addr, err)
	}
	s.serve(ln)
}

// Logins returns how many LOGIN commands have succeeded so far.
func (s *IMAPServer) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// IdleCommands returns how many IDLE commands have started so far.
func (s *IMAPServer) IdleCommands() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idles
}

// WaitIdle waits until at least n IDLE commands have started (and the
// server listens for updates), or fails the test after timeout.
func (s *IMAPServer) WaitIdle(t testing.TB, n int, timeout time.Duration) {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		idles, ch := s.idles, s.idleCh
		s.mu.Unlock()
		if idles >= n {
			return
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("mailtest: %d IDLE commands after %v, want %d", idles, timeout, n)
		}
	}
}

// imapSession is the server session: the in-memory backend's session with
// our own Login (to count logins) and Idle.
type imapSession struct {
	*imapmemserver.UserSession // nil until login
	srv                        *IMAPServer
}

var _ imapserver.SessionIMAP4rev2 = (*imapSession)(nil)

func (sess *imapSession) Login(username, password string) error {
	if err := sess.srv.User.Login(username, password); err != nil {
		return err
	}
	sess.UserSession = imapmemserver.NewUserSession(sess.srv.User)
	sess.srv.mu.Lock()
	sess.srv.logins++
	sess.srv.mu.Unlock()
	return nil
}

// idlePollInterval is how often an idling session looks for updates.
const idlePollInterval = 20 * time.Millisecond

// Idle polls for updates instead of waiting on the backend's tracker.
// imapmemserver's Idle only reports updates that arrive after IDLE began,
// so a mail appended between a client's last command and its IDLE went
// unnoticed until the next one; real servers report it at once.
func (sess *imapSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	if sess.srv.cfg.noIdle {
		return &imap.Error{Type: imap.StatusResponseTypeNo, Text: "IDLE is disabled on this test server"}
	}
	if err := sess.UserSession.Poll(w, true); err != nil {
		return err
	}
	sess.srv.mu.Lock()
	sess.srv.idles++
	close(sess.srv.idleCh)
	sess.srv.idleCh = make(chan struct{})
	sess.srv.mu.Unlock()

	ticker := time.NewTicker(idlePollInterval)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return nil
		case <-ticker.C:
			if err := sess.UserSession.Poll(w, true); err != nil {
				return err
			}
		}
	}
}

// Message is a message as stored on the server.
type Message struct {
	UID imap.UID
	// Flags as the server reports them. go-imap's in-memory backend stores
	// every flag in lower case; Messages restores the case of the system
	// flags (\Seen, \Flagged, …) so they compare equal to imap.FlagSeen etc.
	Flags        []imap.Flag
	InternalDate time.Time
	Raw          []byte
}

// HasFlag reports whether m carries flag, ignoring case as IMAP does.
func (m Message) HasFlag(flag imap.Flag) bool {
	return slices.ContainsFunc(m.Flags, func(f imap.Flag) bool { return strings.EqualFold(string(f), string(flag)) })
}

// Append stores raw in mailbox with the given flags and internal date
// (zero: now) and returns its UID. It works while the server is closed, like
// mail delivered while a client is disconnected.
func (s *IMAPServer) Append(t testing.TB, mailbox string, raw []byte, flags []imap.Flag, internalDate time.Time) imap.UID {
	t.Helper()
	data, err := s.User.Append(mailbox, bytes.NewReader(raw), &imap.AppendOptions{Flags: flags, Time: internalDate})
	if err != nil {
		t.Fatalf("mailtest: append to %s: %v", mailbox, err)
	}
	return data.UID
}

// startAdmin serves the same user on a second, never closed port, so that
// Messages works while the server under test is closed.
func (s *IMAPServer) startAdmin(t testing.TB) {
	t.Helper()
	mem := imapmemserver.New()
	mem.AddUser(s.User)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		Logger:       s.trace,
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.adminAddr = ln.Addr().String()
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-served
	})
}

// Messages returns every message in mailbox in UID order. It does not change
// flags (EXAMINE, BODY.PEEK) and works while the server is closed.
func (s *IMAPServer) Messages(t testing.TB, mailbox string) []Message {
	t.Helper()
	c, err := imapclient.DialInsecure(s.adminAddr, nil)
	if err != nil {
		t.Fatalf("mailtest: connect: %v", err)
	}
	defer c.Close()
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		t.Fatalf("mailtest: login: %v", err)
	}
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("mailtest: examine %s: %v", mailbox, err)
	}
	var out []Message
	if sel.NumMessages > 0 {
		var all imap.SeqSet
		all.AddRange(1, 0) // 1:*
		body := &imap.FetchItemBodySection{Peek: true}
		bufs, err := c.Fetch(all, &imap.FetchOptions{
			UID: true, Flags: true, InternalDate: true,
			BodySection: []*imap.FetchItemBodySection{body},
		}).Collect()
		if err != nil {
			t.Fatalf("mailtest: fetch %s: %v", mailbox, err)
		}
		for _, b := range bufs {
			flags := make([]imap.Flag, len(b.Flags))
			for i, f := range b.Flags {
				flags[i] = canonicalFlag(f)
			}
			out = append(out, Message{UID: b.UID, Flags: flags, InternalDate: b.InternalDate, Raw: b.FindBodySection(body)})
		}
	}
	if err := c.Logout().Wait(); err != nil {
		t.Fatalf("mailtest: logout: %v", err)
	}
	slices.SortFunc(out, func(a, b Message) int { return int(a.UID) - int(b.UID) })
	return out
}

func canonicalFlag(f imap.Flag) imap.Flag {
	for _, sys := range []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft} {
		if strings.EqualFold(string(f), string(sys)) {
			return sys
		}
	}
	return f
}
