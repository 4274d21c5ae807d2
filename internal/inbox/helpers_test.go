package inbox_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/mailtest"
)

// testOutput writes to t.Output() under -v and nowhere otherwise; it drops
// writes after the test's cleanup, when goroutines may still be winding
// down.
type testOutput struct {
	mu sync.Mutex
	w  io.Writer
}

func newTestOutput(t testing.TB) *testOutput {
	o := &testOutput{}
	if testing.Verbose() {
		o.w = t.Output()
	}
	t.Cleanup(func() {
		o.mu.Lock()
		o.w = nil
		o.mu.Unlock()
	})
	return o
}

func (o *testOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.w != nil {
		return o.w.Write(p)
	}
	return len(p), nil
}

// testOptions returns Options for srv with the logger (and, under -v, the
// protocol trace) going to the test output.
func testOptions(t testing.TB, srv *mailtest.IMAPServer) inbox.Options {
	out := newTestOutput(t)
	o := inbox.Options{
		Addr:     srv.Addr,
		Security: "none",
		Username: srv.Username,
		Password: srv.Password,
		Logger:   slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	if testing.Verbose() {
		o.DebugWriter = out
	}
	if tls := srv.ClientTLSConfig(); tls != nil {
		o.Security, o.TLSConfig = "tls", tls
	}
	return o
}

func dial(t testing.TB, o inbox.Options) *inbox.Conn {
	t.Helper()
	c, err := inbox.Dial(t.Context(), o)
	if err != nil {
		t.Fatalf("Dial() = %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testMail returns a small mail with Message-ID <n@example.org>.
func testMail(n int) []byte {
	return fmt.Appendf(nil, "From: teilnehmer%d@example.org\r\n"+
		"To: mail@heinlein-support.de\r\n"+
		"Subject: Anmeldung %d\r\n"+
		"Message-ID: <%d@example.org>\r\n"+
		"Date: Fri, 14 Mar 2025 09:00:00 +0100\r\n"+
		"\r\n"+
		"Hallo, ich melde mich an. (%d)\r\n", n, n, n, n)
}

// messageID returns the Message-ID header of raw.
func messageID(raw []byte) string {
	i := bytes.Index(raw, []byte("Message-ID: "))
	if i < 0 {
		return ""
	}
	rest := raw[i+len("Message-ID: "):]
	return string(rest[:bytes.IndexByte(rest, '\r')])
}

func fetchAll(t testing.TB, c *inbox.Conn, uid uint32) []byte {
	t.Helper()
	var raw []byte
	err := c.Fetch(t.Context(), uid, func(r io.Reader) error {
		var err error
		raw, err = io.ReadAll(r)
		return err
	})
	if err != nil {
		t.Fatalf("Fetch(%d) = %v", uid, err)
	}
	return raw
}

func pendingUIDs(t testing.TB, c *inbox.Conn) []uint32 {
	t.Helper()
	mails, err := c.Pending(t.Context())
	if err != nil {
		t.Fatalf("Pending() = %v", err)
	}
	var uids []uint32
	for _, m := range mails {
		uids = append(uids, m.UID)
	}
	return uids
}

// findMessage returns the message with this Message-ID in mailbox.
func findMessage(t testing.TB, srv *mailtest.IMAPServer, mailbox, id string) (mailtest.Message, bool) {
	t.Helper()
	for _, m := range srv.Messages(t, mailbox) {
		if messageID(m.Raw) == id {
			return m, true
		}
	}
	return mailtest.Message{}, false
}

// countAll counts the messages in every mailbox.
func countAll(t testing.TB, srv *mailtest.IMAPServer) int {
	t.Helper()
	n := 0
	for _, name := range mailtest.Mailboxes {
		n += len(srv.Messages(t, name))
	}
	return n
}

// receive waits for a value on ch, failing the test after timeout.
func receive[T any](t testing.TB, ch <-chan T, timeout time.Duration, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(timeout):
		t.Fatalf("timed out after %v waiting for %s", timeout, what)
		panic("unreachable")
	}
}

func hasFlag(flags []imap.Flag, f imap.Flag) bool {
	return mailtest.Message{Flags: flags}.HasFlag(f)
}
