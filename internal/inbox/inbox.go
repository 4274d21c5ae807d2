// Package inbox is regbot's IMAP adapter: it owns the connection to the
// registration mailbox and everything regbot does there. It finds the mail
// that is not yet handled, streams a mail to a caller without loading it
// into memory, marks mail handled (a keyword, or a move to a done folder)
// or for a person (\Flagged, or a move to a review folder), keeps copies of
// sent replies, and waits for new mail with IDLE (RFC 2177) or by polling.
// [Watch] runs all of that as a loop that survives server restarts.
//
// The package knows nothing of configuration, the store or the daemon: the
// daemon fills [Options] and passes a [Handler]. It never deletes mail: the
// only EXPUNGE it sends is a UID EXPUNGE (RFC 4315) of a mail it has just
// copied to the done or review folder, when the server lacks MOVE (RFC
// 6851). A server without UIDPLUS gets no EXPUNGE at all (a plain EXPUNGE
// would remove every \Deleted mail): the copied mail is left flagged
// \Deleted, which Pending skips.
//
// go-imap v2 has no context.Context. Every method that talks to the server
// takes one and aborts the exchange by closing the connection when the
// context ends (Wait instead ends IDLE cleanly). After any transport error
// the Conn is broken: every further call returns an error that
// [IsTemporary] reports as temporary, and the caller reconnects.
//
// A Conn is not safe for concurrent use.
package inbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/heinlein/regbot/internal/neterr"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Defaults for Options.
const (
	DefaultFolder       = "INBOX"
	DefaultDoneKeyword  = "$regbot-done"
	DefaultPollInterval = time.Minute
	// MaxIdleRefresh is the longest IDLE runs before it is renewed: RFC 2177
	// asks clients to re-issue IDLE at least every 29 minutes.
	MaxIdleRefresh = 25 * time.Minute
)

// Options configure the connection to the mailbox.
type Options struct {
	// Addr is the server's host:port.
	Addr string
	// Security is "tls" (implicit TLS, port 993; the default when empty),
	// "starttls" (port 143, upgraded before login) or "none" (cleartext,
	// password included: only for servers on the same host).
	Security string
	// TLSConfig is used for "tls" and "starttls". nil means the system roots;
	// an empty ServerName is taken from Addr.
	TLSConfig *tls.Config
	// Username and Password log in (LOGIN command).
	Username, Password string
	// Folder is the mailbox that is watched; default INBOX.
	Folder string
	// DoneFolder, when set, receives handled mail (moved, \Seen). When empty,
	// handled mail stays in Folder and gets \Seen and DoneKeyword.
	DoneFolder string
	// DoneKeyword marks handled mail; default $regbot-done. It is set in
	// both modes and decides what is pending when DoneFolder is empty.
	DoneKeyword string
	// ReviewFolder, when set, receives mail that needs a person (moved,
	// \Flagged). When empty such mail stays where it is, \Flagged.
	ReviewFolder string
	// SentFolder, when set, receives a copy of each sent reply (\Seen).
	SentFolder string
	// PollInterval is how often Folder is searched when the server has no
	// IDLE, and how long one IDLE runs before it is renewed (at most
	// MaxIdleRefresh). Default one minute.
	PollInterval time.Duration
	// Logger receives connection events. It never sees passwords or message
	// bodies, only UIDs, folders and server responses. nil: discard.
	Logger *slog.Logger
	// DebugWriter, when set, receives the raw protocol trace in both
	// directions. The trace CONTAINS THE PASSWORD (LOGIN command) and the
	// full mail; use it only for debugging and never store it.
	DebugWriter io.Writer
}

// Errors that the errors in this package wrap. None of them is temporary.
var (
	// ErrInvalidOptions: Options are incomplete or contradictory, or the
	// server cannot do what they ask (e.g. it stores no keywords).
	ErrInvalidOptions = errors.New("invalid mailbox options")
	// ErrAuth: the server refused the user name or password.
	ErrAuth = errors.New("login refused")
	// ErrTLS: the TLS handshake failed, mostly because the server's
	// certificate is not trusted or not made for its name.
	ErrTLS = errors.New("TLS handshake failed")
	// ErrNoFolder: a folder named in Options does not exist.
	ErrNoFolder = errors.New("no such folder")
	// ErrNotFound: no mail with this UID in Folder (it was moved or
	// expunged meanwhile).
	ErrNotFound = errors.New("no such mail")
)

// normalize validates o and fills in defaults.
func (o Options) normalize() (Options, error) {
	bad := func(format string, args ...any) (Options, error) {
		return o, fmt.Errorf("inbox: %w: %s", ErrInvalidOptions, fmt.Sprintf(format, args...))
	}
	if _, _, err := net.SplitHostPort(o.Addr); err != nil {
		return bad("Addr %q is not host:port (%v)", o.Addr, err)
	}
	o.Security = strings.ToLower(strings.TrimSpace(o.Security))
	switch o.Security {
	case "":
		o.Security = "tls"
	case "tls", "starttls", "none":
	default:
		return bad("Security %q: want tls, starttls or none", o.Security)
	}
	if o.Username == "" {
		return bad("Username is empty")
	}
	if o.Folder == "" {
		o.Folder = DefaultFolder
	}
	if o.DoneKeyword == "" {
		o.DoneKeyword = DefaultDoneKeyword
	}
	if !validKeyword(o.DoneKeyword) {
		return bad("DoneKeyword %q is not an IMAP keyword (an atom without \\ and special characters)", o.DoneKeyword)
	}
	for _, f := range []struct{ name, value string }{
		{"DoneFolder", o.DoneFolder}, {"ReviewFolder", o.ReviewFolder}, {"SentFolder", o.SentFolder},
	} {
		if f.value != "" && sameFolder(f.value, o.Folder) {
			return bad("%s %q is the watched Folder itself", f.name, f.value)
		}
	}
	if o.PollInterval <= 0 {
		o.PollInterval = DefaultPollInterval
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

func (o Options) idleRefresh() time.Duration {
	return min(o.PollInterval, MaxIdleRefresh)
}

// tlsConfig returns the TLS configuration with ServerName filled in.
func (o Options) tlsConfig() *tls.Config {
	var cfg *tls.Config
	if o.TLSConfig != nil {
		cfg = o.TLSConfig.Clone()
	} else {
		cfg = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if cfg.ServerName == "" {
		host, _, _ := net.SplitHostPort(o.Addr)
		cfg.ServerName = host
	}
	if cfg.NextProtos == nil {
		cfg.NextProtos = []string{"imap"}
	}
	return cfg
}

// sameFolder compares mailbox names; INBOX is case-insensitive (RFC 3501
// section 5.1).
func sameFolder(a, b string) bool {
	if strings.EqualFold(a, "INBOX") || strings.EqualFold(b, "INBOX") {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// validKeyword reports whether s can be sent as a flag keyword (an atom,
// RFC 3501 section 9).
func validKeyword(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune(`(){%*"\]`, r) {
			return false
		}
	}
	return true
}

// connError is a failure of the connection itself: the Conn is unusable and
// the caller should reconnect.
type connError struct {
	op  string
	err error
}

func (e *connError) Error() string {
	return "inbox: " + e.op + ": connection lost: " + e.err.Error()
}

func (e *connError) Unwrap() error { return e.err }

// errServerClosed is the cause of a connError when the server closed the
// connection while we were not talking.
var errServerClosed = errors.New("the server closed the connection")

// IsTemporary reports whether err may go away by itself, so that retrying
// (after reconnecting) makes sense: network errors and timeouts, a lost or
// closed connection, BYE, a server saying UNAVAILABLE, INUSE or LIMIT (RFC
// 5530), and context cancellation. A refused login, TLS verification, a
// missing folder or mail, invalid options and other NO or BAD answers are
// permanent.
func IsTemporary(err error) bool {
	if err == nil {
		return false
	}
	for _, perm := range []error{ErrInvalidOptions, ErrAuth, ErrTLS, ErrNoFolder, ErrNotFound} {
		if errors.Is(err, perm) {
			return false
		}
	}
	var ce *connError
	if errors.As(err, &ce) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		if imapErr.Type == imap.StatusResponseTypeBye {
			return true
		}
		switch imapErr.Code {
		case imap.ResponseCodeUnavailable, imap.ResponseCodeInUse, imap.ResponseCodeLimit:
			return true
		}
		return false
	}
	return neterr.Temporary(err)
}
