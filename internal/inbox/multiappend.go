package inbox

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// multiConn is a connection that only stores mail, several messages per
// APPEND (MULTIAPPEND, RFC 3502). go-imap sends one message per APPEND,
// and a server writes each APPEND in a transaction of its own: on the test
// stack (Dovecot, Maildir) 10,000 copies cost 1.9 s of server CPU in
// batches of 50 against 8 s one by one into the selected folder and 24 s
// into another. It speaks just enough IMAP for that: greeting, STARTTLS,
// CAPABILITY, LOGIN, APPEND, LOGOUT.
type multiConn struct {
	conn  net.Conn
	r     *bufio.Reader
	w     *bufio.Writer
	caps  map[string]bool
	tag   int
	opts  Options
	valid bool // false once an exchange failed half-way
}

// exchangeTimeout bounds one command of a multiConn, including its data.
const exchangeTimeout = 2 * time.Minute

// maxResponseLine bounds a response line a multiConn reads; a literal in
// an untagged response is skipped up to maxSkippedLiteral.
const (
	maxResponseLine   = 64 << 10
	maxSkippedLiteral = 16 << 20
)

// errNoMultiAppend: the server does not offer MULTIAPPEND.
var errNoMultiAppend = errors.New("no MULTIAPPEND")

// dialMulti connects and logs in. It returns errNoMultiAppend, and closes
// the connection, when the server has no MULTIAPPEND.
func dialMulti(ctx context.Context, o Options) (*multiConn, error) {
	d := net.Dialer{Timeout: dialTimeout}
	nc, err := d.DialContext(ctx, "tcp", o.Addr)
	if err != nil {
		return nil, &connError{op: "connect to " + o.Addr, err: err}
	}
	m := &multiConn{conn: nc, opts: o, valid: true}
	stop := context.AfterFunc(ctx, func() { _ = nc.Close() })
	defer stop()
	if err := m.open(ctx); err != nil {
		_ = m.conn.Close()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("inbox: connect for copies: %w", ctx.Err())
		}
		return nil, err
	}
	return m, nil
}

func (m *multiConn) open(ctx context.Context) error {
	o := m.opts
	if o.Security == "tls" {
		tc := tls.Client(m.conn, o.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return tlsFailure(o, err)
		}
		m.conn = tc
	}
	m.reset()
	_ = m.conn.SetDeadline(time.Now().Add(exchangeTimeout))
	greeting, err := m.readLine()
	if err != nil {
		return &connError{op: "greeting from " + o.Addr, err: err}
	}
	if !strings.HasPrefix(strings.ToUpper(greeting), "* OK") && !strings.HasPrefix(strings.ToUpper(greeting), "* PREAUTH") {
		return &connError{op: "greeting from " + o.Addr, err: fmt.Errorf("server said %q", greeting)}
	}
	if err := m.capability(); err != nil {
		return err
	}
	if o.Security == "starttls" {
		if !m.caps["STARTTLS"] {
			return fmt.Errorf("inbox: STARTTLS at %s: %w: the server does not offer it; use Security \"tls\" (port 993) or \"none\"", o.Addr, ErrTLS)
		}
		if _, err := m.command("STARTTLS"); err != nil {
			return err
		}
		tc := tls.Client(m.conn, o.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return tlsFailure(o, err)
		}
		m.conn = tc
		m.reset()
		if err := m.capability(); err != nil {
			return err
		}
	}
	if m.caps["LOGINDISABLED"] {
		return errLoginDisabled(o)
	}
	user, ok1 := quoted(o.Username)
	pass, ok2 := quoted(o.Password)
	if _, ok3 := quoted(o.SentFolder); !ok1 || !ok2 || !ok3 {
		m.logout()
		return errNoMultiAppend // go-imap sends these as literals or in UTF-7
	}
	if _, err := m.command("LOGIN", user, pass); err != nil {
		var no *statusError
		if errors.As(err, &no) {
			return errLoginRefused(o, no.text)
		}
		return err
	}
	// Servers may change their capabilities after login.
	if err := m.capability(); err != nil {
		return err
	}
	if !m.caps["MULTIAPPEND"] {
		m.logout()
		return errNoMultiAppend
	}
	return nil
}

func (m *multiConn) reset() {
	var r io.Reader = m.conn
	var w io.Writer = m.conn
	if d := m.opts.DebugWriter; d != nil {
		r, w = io.TeeReader(r, d), io.MultiWriter(w, d)
	}
	m.r = bufio.NewReaderSize(r, 16<<10)
	m.w = bufio.NewWriterSize(w, 64<<10)
}

func (m *multiConn) capability() error {
	lines, err := m.command("CAPABILITY")
	if err != nil {
		return err
	}
	m.caps = map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) >= 2 && strings.EqualFold(f[1], "CAPABILITY") {
			for _, c := range f[2:] {
				m.caps[strings.ToUpper(c)] = true
			}
		}
	}
	return nil
}

// statusError is a tagged NO or BAD.
type statusError struct {
	cmd, status, text string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s: %s %s", e.cmd, e.status, e.text)
}

// command sends one command whose arguments need no literal and returns
// the untagged lines that came before its tagged OK.
func (m *multiConn) command(name string, args ...string) ([]string, error) {
	tag := m.nextTag()
	line := tag + " " + name
	for _, a := range args {
		line += " " + a
	}
	_ = m.conn.SetDeadline(time.Now().Add(exchangeTimeout))
	if _, err := m.w.WriteString(line + "\r\n"); err != nil {
		return nil, m.broken(name, err)
	}
	if err := m.w.Flush(); err != nil {
		return nil, m.broken(name, err)
	}
	return m.result(name, tag)
}

func (m *multiConn) nextTag() string {
	m.tag++
	return "r" + strconv.Itoa(m.tag)
}

// result reads responses up to the one tagged tag.
func (m *multiConn) result(name, tag string) ([]string, error) {
	var untagged []string
	for {
		l, err := m.readLine()
		if err != nil {
			return nil, m.broken(name, err)
		}
		switch {
		case strings.HasPrefix(l, "* "):
			if strings.HasPrefix(strings.ToUpper(l), "* BYE") && name != "LOGOUT" {
				return nil, m.broken(name, fmt.Errorf("server said %q", l))
			}
			untagged = append(untagged, l)
		case strings.HasPrefix(l, tag+" "):
			status, text, _ := strings.Cut(l[len(tag)+1:], " ")
			if strings.EqualFold(status, "OK") {
				return untagged, nil
			}
			return nil, &statusError{cmd: name, status: strings.ToUpper(status), text: text}
		case strings.HasPrefix(l, "+"):
			return nil, m.broken(name, fmt.Errorf("unexpected continuation %q", l))
		}
	}
}

// readLine reads one response line without CRLF. A literal announced at
// its end ({n}) is read and left out, so that the next line is whole.
func (m *multiConn) readLine() (string, error) {
	var sb strings.Builder
	for {
		part, err := m.r.ReadSlice('\n')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return "", err
		}
		if sb.Len()+len(part) > maxResponseLine {
			return "", errors.New("response line too long")
		}
		sb.Write(part)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		l := strings.TrimRight(sb.String(), "\r\n")
		n, ok := literalAtEnd(l)
		if !ok {
			return l, nil
		}
		if _, err := io.CopyN(io.Discard, m.r, n); err != nil {
			return "", err
		}
		sb.Reset()
		sb.WriteString(l[:strings.LastIndexByte(l, '{')])
	}
}

// literalAtEnd reports the size of a literal announced at the end of l.
func literalAtEnd(l string) (int64, bool) {
	if !strings.HasSuffix(l, "}") {
		return 0, false
	}
	i := strings.LastIndexByte(l, '{')
	if i < 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSuffix(l[i+1:len(l)-1], "+"), 10, 64)
	if err != nil || n < 0 || n > maxSkippedLiteral {
		return 0, false
	}
	return n, true
}

func (m *multiConn) broken(op string, err error) error {
	m.valid = false
	_ = m.conn.Close()
	return &connError{op: op + " at " + m.opts.Addr, err: err}
}

// copyMsg is one message for append.
type copyMsg struct {
	raw  []byte
	date time.Time
}

// append stores msgs in folder with \Seen in one APPEND. Literals are
// sent without waiting for the server's go-ahead where it allows that
// (LITERAL+, or LITERAL- for small ones).
func (m *multiConn) append(ctx context.Context, folder string, msgs []copyMsg) error {
	if !m.valid {
		return &connError{op: "append", err: net.ErrClosed}
	}
	stop := context.AfterFunc(ctx, func() { _ = m.conn.Close() })
	defer stop()
	err := m.appendAll(folder, msgs)
	if ctx.Err() != nil {
		m.valid = false
		return fmt.Errorf("inbox: append to %s: %w", folder, ctx.Err())
	}
	var se *statusError
	if errors.As(err, &se) {
		if strings.Contains(strings.ToUpper(se.text), "[TRYCREATE]") {
			return fmt.Errorf("inbox: imap.sent_folder %q: %w: %v; create it on the server or correct imap.sent_folder", folder, ErrNoFolder, se)
		}
		what := fmt.Sprintf("%d copies", len(msgs))
		if len(msgs) == 1 {
			what = "a copy"
		}
		return fmt.Errorf("inbox: append %s to %s: %w", what, folder, se)
	}
	return err
}

func (m *multiConn) appendAll(folder string, msgs []copyMsg) error {
	const op = "APPEND"
	tag := m.nextTag()
	_ = m.conn.SetDeadline(time.Now().Add(exchangeTimeout))
	box, ok := quoted(folder)
	if !ok {
		return fmt.Errorf("inbox: folder name %q needs modified UTF-7", folder)
	}
	if _, err := m.w.WriteString(tag + " APPEND " + box); err != nil {
		return m.broken(op, err)
	}
	for _, msg := range msgs {
		n := len(msg.raw)
		nonSync := m.caps["LITERAL+"] || (m.caps["LITERAL-"] && n <= 4096)
		plus := ""
		if nonSync {
			plus = "+"
		}
		fmt.Fprintf(m.w, " (\\Seen) \"%s\" {%d%s}\r\n", msg.date.Format("02-Jan-2006 15:04:05 -0700"), n, plus)
		if !nonSync {
			if err := m.w.Flush(); err != nil {
				return m.broken(op, err)
			}
			l, err := m.readLine()
			for err == nil && strings.HasPrefix(l, "* ") {
				l, err = m.readLine()
			}
			if err != nil {
				return m.broken(op, err)
			}
			if !strings.HasPrefix(l, "+") {
				if strings.HasPrefix(l, tag+" ") {
					status, text, _ := strings.Cut(l[len(tag)+1:], " ")
					return &statusError{cmd: op, status: strings.ToUpper(status), text: text}
				}
				return m.broken(op, fmt.Errorf("unexpected response %q", l))
			}
		}
		if _, err := m.w.Write(msg.raw); err != nil {
			return m.broken(op, err)
		}
	}
	if _, err := m.w.WriteString("\r\n"); err != nil {
		return m.broken(op, err)
	}
	if err := m.w.Flush(); err != nil {
		return m.broken(op, err)
	}
	_, err := m.result(op, tag)
	return err
}

func (m *multiConn) logout() {
	if m.valid {
		_ = m.conn.SetDeadline(time.Now().Add(logoutTimeout))
		_, _ = m.command("LOGOUT")
	}
	m.valid = false
	_ = m.conn.Close()
}

// quoted returns s as an IMAP quoted string. ok is false when s cannot be
// one (CR, LF, NUL or non-ASCII, which need a literal or, in a folder
// name, modified UTF-7); the caller then leaves the work to go-imap.
func quoted(s string) (q string, ok bool) {
	var sb strings.Builder
	sb.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 || c == '\r' || c == '\n' || c >= 0x80 {
			return "", false
		}
		if c == '"' || c == '\\' {
			sb.WriteByte('\\')
		}
		sb.WriteByte(c)
	}
	sb.WriteByte('"')
	return sb.String(), true
}
