package mailtest

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SMTPOption configures StartSMTP.
type SMTPOption func(*smtpConfig)

type smtpConfig struct {
	username, password string // "": no AUTH
	tls                tlsMode
	onTake             func(SMTPMessage)
}

// WithSMTPAuth makes the sink offer AUTH PLAIN and require it before MAIL,
// accepting only these credentials. Without TLS it allows AUTH in cleartext.
func WithSMTPAuth(username, password string) SMTPOption {
	return func(c *smtpConfig) { c.username, c.password = username, password }
}

// WithSMTPSTARTTLS makes the sink offer STARTTLS with a certificate made for
// the test (SMTPSink.ClientTLSConfig trusts it). AUTH is then offered only
// after STARTTLS.
func WithSMTPSTARTTLS() SMTPOption {
	return func(c *smtpConfig) { c.tls = tlsStartTLS }
}

// WithSMTPTLS makes the sink speak implicit TLS (as on port 465) with a
// certificate made for the test.
func WithSMTPTLS() SMTPOption {
	return func(c *smtpConfig) { c.tls = tlsImplicit }
}

// WithSMTPOnTake calls f with each message at the moment the sink takes
// it: after its end of data, before the sink records it and answers 250.
// Tests use it to check what the client had done by then.
func WithSMTPOnTake(f func(SMTPMessage)) SMTPOption {
	return func(c *smtpConfig) { c.onTake = f }
}

// Stage is the SMTP command a failure is injected at.
type Stage int

// The stages FailNextAt can fail.
const (
	StageMail Stage = iota // MAIL FROM
	StageRcpt              // RCPT TO
	StageData              // end of DATA, after the message was read
)

func (s Stage) String() string {
	switch s {
	case StageMail:
		return "MAIL"
	case StageRcpt:
		return "RCPT"
	case StageData:
		return "DATA"
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// SMTPMessage is one message the sink accepted.
type SMTPMessage struct {
	From string   // envelope sender (MAIL FROM), without angle brackets
	To   []string // envelope recipients (RCPT TO)
	Data []byte   // the message exactly as received, dot-unstuffed
	// AuthUser is the user that authenticated, "" without AUTH.
	AuthUser string
	// TLS is true when the message came over TLS (implicit or STARTTLS).
	TLS bool
	// Conn numbers the connection the message came over, from 1: messages
	// sent over one connection share it.
	Conn int
}

// SMTPSink is an in-process SMTP server that records what it accepts.
type SMTPSink struct {
	// Addr is host:port; Host and Port are its parts. They stay the same
	// across Stop and Start.
	Addr string
	Host string
	Port int

	cfg   smtpConfig
	cert  *testCert
	trace *traceWriter

	mu       sync.Mutex
	serving  serving
	msgs     []SMTPMessage
	changed  chan struct{} // closed and replaced whenever msgs grows
	failures map[Stage]failure
	conns    int // connections so far
}

type failure struct {
	n    int
	code int
	msg  string
}

// StartSMTP starts an SMTP sink on 127.0.0.1 with a random port. It is
// stopped by t.Cleanup.
func StartSMTP(t testing.TB, opts ...SMTPOption) *SMTPSink {
	t.Helper()
	var cfg smtpConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	s := &SMTPSink{
		cfg:      cfg,
		trace:    newTraceWriter(t, "smtp"),
		changed:  make(chan struct{}),
		failures: make(map[Stage]failure),
	}
	if cfg.tls != tlsNone {
		s.cert = newTestCert(t)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.Addr = ln.Addr().String()
	s.Host = "127.0.0.1"
	s.Port = ln.Addr().(*net.TCPAddr).Port
	s.serve(ln)
	t.Cleanup(s.Stop)
	return s
}

// ClientTLSConfig returns a TLS configuration that trusts the sink's test
// certificate (and nothing else), or nil when the sink has no TLS.
func (s *SMTPSink) ClientTLSConfig() *tls.Config {
	if s.cert == nil {
		return nil
	}
	return s.cert.client()
}

func (s *SMTPSink) serve(ln net.Listener) {
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.conns++
		n := s.conns
		s.mu.Unlock()
		return &smtpSession{sink: s, conn: c, n: n}, nil
	}))
	srv.Domain = "localhost"
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.ErrorLog = s.trace
	if w := s.trace.writer(); w != nil {
		srv.Debug = w
	}
	srv.AllowInsecureAuth = s.cfg.tls == tlsNone
	var l net.Listener = ln
	switch s.cfg.tls {
	case tlsStartTLS:
		srv.TLSConfig = s.cert.server
	case tlsImplicit:
		l = tls.NewListener(ln, s.cert.server)
	}
	s.serving.start(srv, ln, l)
}

// Stop closes the listener and every connection, as a server that goes
// down would. Recorded messages stay. Stop is idempotent.
func (s *SMTPSink) Stop() { s.serving.stop() }

// Start serves again on the same address after Stop. It does nothing when
// the sink is running.
func (s *SMTPSink) Start(t testing.TB) {
	t.Helper()
	if s.serving.running() {
		return
	}
	ln, err := listenAgain(s.Addr)
	if err != nil {
		t.Fatalf("mailtest: listen again on %s: %v", s.Addr, err)
	}
	s.serve(ln)
}

// FailNext makes the next n MAIL FROM commands fail with code and msg: a
// 4xx code is a temporary failure, a 5xx code a permanent one.
func (s *SMTPSink) FailNext(n int, code int, msg string) {
	s.FailNextAt(StageMail, n, code, msg)
}

// FailNextAt makes the next n commands of the given stage fail with code
// and msg. For StageData the message is read first and then refused, as a
// server does after its content checks. A later call for the same stage
// replaces an earlier one.
func (s *SMTPSink) FailNextAt(stage Stage, n int, code int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[stage] = failure{n: n, code: code, msg: msg}
}

func (s *SMTPSink) takeFailure(stage Stage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failures[stage]
	if f.n <= 0 {
		return nil
	}
	f.n--
	s.failures[stage] = f
	return &smtp.SMTPError{Code: f.code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: f.msg}
}

// Messages returns a copy of every message accepted so far, in order.
func (s *SMTPSink) Messages() []SMTPMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SMTPMessage, len(s.msgs))
	copy(out, s.msgs)
	return out
}

// WaitFor waits until at least n messages were accepted and returns them,
// or fails the test after timeout.
func (s *SMTPSink) WaitFor(t testing.TB, n int, timeout time.Duration) []SMTPMessage {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		got, ch := len(s.msgs), s.changed
		s.mu.Unlock()
		if got >= n {
			return s.Messages()
		}
		select {
		case <-ch:
		case <-timer.C:
			t.Fatalf("mailtest: SMTP sink got %d messages after %v, want %d", got, timeout, n)
		}
	}
}

func (s *SMTPSink) record(m SMTPMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	close(s.changed)
	s.changed = make(chan struct{})
}

type smtpSession struct {
	sink     *SMTPSink
	conn     *smtp.Conn
	n        int // connection number
	authUser string
	from     string
	to       []string
}

var _ smtp.AuthSession = (*smtpSession)(nil)

func (sess *smtpSession) AuthMechanisms() []string {
	if sess.sink.cfg.username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (sess *smtpSession) Auth(mech string) (sasl.Server, error) {
	if sess.sink.cfg.username == "" || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != sess.sink.cfg.username || password != sess.sink.cfg.password || (identity != "" && identity != username) {
			return smtp.ErrAuthFailed
		}
		sess.authUser = username
		return nil
	}), nil
}

func (sess *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if sess.sink.cfg.username != "" && sess.authUser == "" {
		return smtp.ErrAuthRequired
	}
	if err := sess.sink.takeFailure(StageMail); err != nil {
		return err
	}
	sess.from = from
	return nil
}

func (sess *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := sess.sink.takeFailure(StageRcpt); err != nil {
		return err
	}
	sess.to = append(sess.to, to)
	return nil
}

func (sess *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read message: %w", err)
	}
	if err := sess.sink.takeFailure(StageData); err != nil {
		return err
	}
	_, isTLS := sess.conn.TLSConnectionState()
	m := SMTPMessage{
		From:     sess.from,
		To:       append([]string(nil), sess.to...),
		Data:     data,
		AuthUser: sess.authUser,
		TLS:      isTLS,
		Conn:     sess.n,
	}
	if f := sess.sink.cfg.onTake; f != nil {
		f(m)
	}
	sess.sink.record(m)
	return nil
}

func (sess *smtpSession) Reset() {
	sess.from, sess.to = "", nil
}

func (sess *smtpSession) Logout() error { return nil }
