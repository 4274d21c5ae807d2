// Package sender is regbot's SMTP adapter: it owns the connection to the
// outgoing mail server and hands it already rendered messages. It sends the
// RFC 5322 bytes it is given unchanged (only dot-stuffed on the wire, RFC
// 5321 section 4.5.2) to the envelope recipients it is given, and tells a
// temporary failure (retry later) from a permanent one ([IsTemporary]).
//
// Connection, TLS (implicit or STARTTLS) and AUTH are go-mail's
// (github.com/wneessen/go-mail); the transaction (MAIL, RCPT, DATA) is
// written through go-mail's smtp.Client, so no go-mail message is built and
// no header is added or changed.
//
// The package knows nothing of the outbox, the configuration or the
// daemon: the daemon fills [Options], keeps the outbox and decides on
// retries.
package sender

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/heinlein/regbot/internal/neterr"
)

// DefaultTimeout bounds each step of a transaction (connect, a command, the
// message data) when Options.Timeout is zero.
const DefaultTimeout = time.Minute

// Options configure the SMTP connection.
type Options struct {
	// Host and Port of the submission server. Port 0 means 465 for "tls",
	// 587 for "starttls" and 25 for "none".
	Host string
	Port int
	// Security is "tls" (implicit TLS, RFC 8314; the default when empty),
	// "starttls" (required, never skipped) or "none" (cleartext: only for a
	// relay on the same host).
	Security string
	// Username and Password enable AUTH. Over TLS the strongest mechanism the
	// server offers is chosen (SCRAM, CRAM-MD5, PLAIN, LOGIN); without TLS
	// only PLAIN, and go-mail allows that only to localhost.
	Username, Password string
	// TLSConfig for "tls" and "starttls"; nil means the system roots. An
	// empty ServerName is taken from Host.
	TLSConfig *tls.Config
	// HELO is the name sent with EHLO; default the local host name.
	HELO string
	// Timeout bounds each step; default DefaultTimeout.
	Timeout time.Duration
	// Logger gets one debug line per sent message (server, number of
	// recipients, size; never a body or a password). nil: discard.
	Logger *slog.Logger
	// Now is the clock that ages a Session's connection; nil: time.Now.
	Now func() time.Time
}

// Client sends messages: [Client.Send] one over a connection of its own,
// a [Session] a batch over one connection. Client is safe for concurrent
// use.
type Client struct {
	opts       Options
	addr       string
	serverName string // TLS server name
	mc         *mail.Client
	log        *slog.Logger
	now        func() time.Time
}

// New checks opts and prepares a Client. It does no I/O.
func New(opts Options) (*Client, error) {
	if opts.Host == "" {
		return nil, errors.New("sender: Host is empty")
	}
	opts.Security = strings.ToLower(strings.TrimSpace(opts.Security))
	if opts.Security == "" {
		opts.Security = "tls"
	}
	if opts.Port == 0 {
		switch opts.Security {
		case "tls":
			opts.Port = 465
		case "starttls":
			opts.Port = 587
		case "none":
			opts.Port = 25
		}
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}

	var tlsConfig *tls.Config
	if opts.TLSConfig != nil {
		tlsConfig = opts.TLSConfig.Clone()
	} else {
		tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = opts.Host
	}

	mailOpts := []mail.Option{
		mail.WithPort(opts.Port),
		mail.WithTimeout(opts.Timeout),
		mail.WithTLSConfig(tlsConfig),
	}
	switch opts.Security {
	case "tls":
		mailOpts = append(mailOpts, mail.WithSSL())
	case "starttls":
		mailOpts = append(mailOpts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "none":
		mailOpts = append(mailOpts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		return nil, fmt.Errorf("sender: Security %q: want tls, starttls or none", opts.Security)
	}
	if opts.Username != "" {
		auth := mail.SMTPAuthAutoDiscover
		if opts.Security == "none" {
			auth = mail.SMTPAuthPlain
		}
		mailOpts = append(mailOpts, mail.WithSMTPAuth(auth), mail.WithUsername(opts.Username), mail.WithPassword(opts.Password))
	}
	if opts.HELO != "" {
		mailOpts = append(mailOpts, mail.WithHELO(opts.HELO))
	}
	mc, err := mail.NewClient(opts.Host, mailOpts...)
	if err != nil {
		return nil, fmt.Errorf("sender: %w", err)
	}
	return &Client{
		opts:       opts,
		addr:       net.JoinHostPort(opts.Host, strconv.Itoa(opts.Port)),
		serverName: tlsConfig.ServerName,
		mc:         mc,
		log:        opts.Logger,
		now:        opts.Now,
	}, nil
}

// Send delivers raw, an RFC 5322 message with CRLF line endings, from the
// envelope sender from to the envelope recipients to, over a connection of
// its own. raw goes out unchanged. Every recipient must be accepted, or
// nothing is sent. ctx aborts the transaction by closing the connection;
// during connect, TLS and AUTH it takes effect within Options.Timeout.
// [IsTemporary] tells whether a failure is worth retrying.
func (c *Client) Send(ctx context.Context, from string, to []string, raw []byte) error {
	s := c.Session()
	err := s.Send(ctx, from, to, raw)
	s.Close()
	return err
}

// maxAge and maxIdle bound how long a [Session] keeps its connection.
// There is no limit on messages per connection: like Postfix's SMTP
// client (smtp_connection_reuse_time_limit, no count limit) it keeps a
// connection for a time, since every new one costs a TLS handshake and a
// login. A server that limits messages per connection refuses the next
// MAIL or closes the connection; Send then goes on over a new one.
const (
	maxAge  = 5 * time.Minute
	maxIdle = 20 * time.Second
)

// Session sends a batch of messages over one connection, so that the batch
// pays for connect, TLS and AUTH once (a backlog of replies otherwise
// spends most of its time there). A failed transaction closes the
// connection; the next Send opens a new one. A Session is not safe for
// concurrent use; Close it after the batch.
type Session struct {
	c      *Client
	sc     *smtp.Client
	opened time.Time // when sc was connected
	used   time.Time // end of the last transaction on sc
}

// Session returns an unconnected Session; its first Send connects.
func (c *Client) Session() *Session { return &Session{c: c} }

// Send is [Client.Send] over the session's connection.
func (s *Session) Send(ctx context.Context, from string, to []string, raw []byte) error {
	return s.SendGated(ctx, from, to, raw, nil)
}

// SendGated is Send with a gate: gate, when not nil, is called after the
// message data went out and before the end of data (the final "."), the
// moment the server takes the message. Work that must be done before the
// server takes a message (a sender records the previous one as sent) thus
// runs while the envelope and the data travel. When gate returns an
// error, the message is abandoned: the connection is closed without the
// final ".", so the server discards what it got, and SendGated returns a
// *GateError.
func (s *Session) SendGated(ctx context.Context, from string, to []string, raw []byte, gate func() error) error {
	if len(to) == 0 {
		return errors.New("sender: no recipients")
	}
	for _, addr := range append([]string{from}, to...) {
		if strings.ContainsAny(addr, "<>\r\n \t") {
			return fmt.Errorf("sender: %q is not a bare mail address", addr)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("sender: send: %w", err)
	}
	if now := s.c.now(); s.sc != nil && (now.Sub(s.opened) > maxAge || now.Sub(s.used) > maxIdle) {
		s.Close()
	}
	reused := s.sc != nil
	if !reused {
		if err := s.dial(ctx); err != nil {
			return err
		}
	}
	started, err := s.transaction(ctx, from, to, raw, gate)
	if err != nil && reused && !started && ctx.Err() == nil {
		// The server closed the kept connection between two messages
		// (timeout, restart): nothing of this message was sent, so a
		// fresh connection may try it once more.
		s.c.log.Debug("smtp connection lost between messages, reconnecting", "addr", s.c.addr, "err", err)
		if err := s.dial(ctx); err != nil {
			return err
		}
		_, err = s.transaction(ctx, from, to, raw, gate)
	}
	return err
}

// Close ends the session's connection with QUIT, if it has one.
func (s *Session) Close() {
	if s.sc == nil {
		return
	}
	if err := s.sc.Quit(); err != nil {
		s.c.log.Debug("smtp QUIT", "err", err)
		_ = s.sc.Close()
	}
	s.sc = nil
}

func (s *Session) dial(ctx context.Context) error {
	sc, err := s.c.mc.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("sender: connect to %s: %w", s.c.addr, ctx.Err())
		}
		return fmt.Errorf("sender: connect to %s: %w%s", s.c.addr, err, s.c.hint(err))
	}
	s.sc, s.opened = sc, s.c.now()
	return nil
}

// transaction runs MAIL, RCPT and DATA on the session's connection.
// started tells whether the server accepted MAIL FROM, i.e. whether the
// failure, if any, concerns this message rather than a dead connection.
// On failure the connection is closed.
func (s *Session) transaction(ctx context.Context, from string, to []string, raw []byte, gate func() error) (started bool, err error) {
	c, sc := s.c, s.sc
	stop := context.AfterFunc(ctx, func() { _ = sc.Close() })
	defer func() {
		stopped := stop()
		if err != nil {
			if stopped {
				_ = sc.Close()
			}
			s.sc = nil
			return
		}
		s.used = s.c.now()
	}()
	fail := func(step string, err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("sender: %s at %s: %w", step, c.addr, ctx.Err())
		}
		return fmt.Errorf("sender: %s at %s: %w", step, c.addr, err)
	}

	if err := sc.UpdateDeadline(c.opts.Timeout); err != nil {
		return false, fail("set deadline", err)
	}
	if err := sc.Mail("<" + from + ">"); err != nil {
		return false, fail("MAIL FROM:<"+from+">", err)
	}
	for _, rcpt := range to {
		if err := sc.Rcpt("<" + rcpt + ">"); err != nil {
			return true, fail("RCPT TO:<"+rcpt+">", &refusedError{err})
		}
	}
	w, err := sc.Data()
	if err != nil {
		return true, fail("DATA", &refusedError{err})
	}
	if err := sc.UpdateDeadline(c.opts.Timeout); err != nil {
		return true, fail("set deadline", err)
	}
	if _, err := w.Write(raw); err != nil {
		return true, fail("message data", err)
	}
	if gate != nil {
		if err := gate(); err != nil {
			// The deferred close ends the connection without the final ".".
			return true, &GateError{Err: err}
		}
	}
	if err := w.Close(); err != nil {
		return true, fail("end of DATA", &refusedError{err})
	}
	c.log.Debug("message sent", "addr", c.addr, "rcpts", len(to), "bytes", len(raw))
	return true, nil
}

// GateError is SendGated's error when its gate refused: the message was
// not sent.
type GateError struct{ Err error }

func (e *GateError) Error() string {
	return "sender: message abandoned before its end: " + e.Err.Error()
}
func (e *GateError) Unwrap() error { return e.Err }

// refusedError marks a failure that concerns this message (its recipient
// or its content), as opposed to the connection or our own settings.
type refusedError struct{ err error }

func (e *refusedError) Error() string { return e.err.Error() }
func (e *refusedError) Unwrap() error { return e.err }

// Refused reports whether the server refused this message for good: a 5xx
// to RCPT or DATA. Everything else that is not temporary (a refused login,
// an untrusted certificate, our sender address refused) is a problem of the
// setup: it affects every message and is worth retrying once it is fixed.
func Refused(err error) bool {
	var r *refusedError
	return errors.As(err, &r) && !IsTemporary(err)
}

// hint says what to change for a connect error that configuration causes.
func (c *Client) hint(err error) string {
	var reply *textproto.Error
	switch {
	case neterr.IsTLS(err):
		return fmt.Sprintf("; the server's certificate is not trusted for %q: give the CA that signed it (smtp.ca_file) or correct smtp.host", c.serverName)
	case strings.Contains(err.Error(), "SMTP AUTH failed") && errors.As(err, &reply) && reply.Code >= 500:
		return "; check smtp.username and the password (smtp.password_env or smtp.password_file)"
	}
	return ""
}

// IsTemporary reports whether a Send error may go away by itself: a 4xx
// reply (RFC 5321 section 4.2.1; for go-mail's *mail.SendError its IsTemp),
// a network error, timeout or dropped connection (the server is down or
// unreachable), or a cancelled context (nothing was sent). A 5xx reply
// (refused sender or recipient, failed AUTH), TLS verification and invalid
// input are permanent.
func IsTemporary(err error) bool {
	if err == nil {
		return false
	}
	var sendErr *mail.SendError
	if errors.As(err, &sendErr) {
		return sendErr.IsTemp()
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code >= 400 && reply.Code < 500
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	return neterr.Temporary(err)
}
