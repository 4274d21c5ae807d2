package inbox_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/heinlein/regbot/internal/inbox"
	"github.com/heinlein/regbot/internal/mailtest"
)

// multiServer speaks the part of IMAP a Copier uses with MULTIAPPEND
// (RFC 3502). go-imap's server has no MULTIAPPEND; Dovecot's is tested in
// e2e. It records every APPEND with the messages it carried.
type multiServer struct {
	addr      string
	caps      string // CAPABILITY after login
	appendNo  string // answer APPEND with this NO text; "" = OK
	dropAfter int    // close the connection after this many messages of an APPEND; 0 = never
	refuse    string // answer NO to an APPEND with a message holding this

	mu      sync.Mutex
	appends [][]fakeMsg
	stored  []fakeMsg // the messages of the APPENDs answered OK
	conts   int       // continuation requests sent for literals
	logins  []string
}

type fakeMsg struct {
	flags, date string
	data        string
}

func startMultiServer(t *testing.T, s *multiServer) *multiServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s.addr = ln.Addr().String()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

var (
	appendHead = regexp.MustCompile(`^(\S+) APPEND ("[^"]*"|\S+)(.*)$`)
	appendPart = regexp.MustCompile(`^ \(([^)]*)\) "([^"]*)" \{(\d+)(\+?)\}$`)
)

func (s *multiServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	fmt.Fprint(c, "* OK fake ready\r\n")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		tag, rest, _ := strings.Cut(line, " ")
		cmd, args, _ := strings.Cut(rest, " ")
		switch strings.ToUpper(cmd) {
		case "CAPABILITY":
			// An untagged response with a literal that looks like the
			// tagged answer, which the client must read past.
			trap := "x\r\n" + tag + " NO trap\r\n"
			fmt.Fprintf(c, "* 1 FETCH (BODY[] {%d}\r\n%s)\r\n* CAPABILITY IMAP4rev1 %s\r\n%s OK done\r\n", len(trap), trap, s.caps, tag)
		case "LOGIN":
			s.mu.Lock()
			s.logins = append(s.logins, args)
			s.mu.Unlock()
			if args != `"regbot" "geh\"eim"` {
				fmt.Fprintf(c, "%s NO [AUTHENTICATIONFAILED] wrong\r\n", tag)
				continue
			}
			fmt.Fprintf(c, "%s OK logged in\r\n", tag)
		case "LOGOUT":
			fmt.Fprintf(c, "* BYE bye\r\n%s OK done\r\n", tag)
			return
		case "APPEND":
			m := appendHead.FindStringSubmatch(line)
			if m == nil {
				fmt.Fprintf(c, "%s BAD syntax\r\n", tag)
				continue
			}
			var msgs []fakeMsg
			part := m[3]
			for part != "" {
				p := appendPart.FindStringSubmatch(part)
				if p == nil {
					fmt.Fprintf(c, "%s BAD syntax %q\r\n", tag, part)
					return
				}
				if p[4] == "" {
					s.mu.Lock()
					s.conts++
					s.mu.Unlock()
					fmt.Fprint(c, "+ go ahead\r\n")
				}
				n, _ := strconv.Atoi(p[3])
				data := make([]byte, n)
				if _, err := io.ReadFull(r, data); err != nil {
					return
				}
				msgs = append(msgs, fakeMsg{flags: p[1], date: p[2], data: string(data)})
				if s.dropAfter > 0 && len(msgs) == s.dropAfter {
					return
				}
				if part, err = r.ReadString('\n'); err != nil {
					return
				}
				part = strings.TrimRight(part, "\r\n")
			}
			refused := s.appendNo
			for _, m := range msgs {
				if s.refuse != "" && strings.Contains(m.data, s.refuse) {
					refused = "[LIMIT] message too large"
				}
			}
			s.mu.Lock()
			s.appends = append(s.appends, msgs)
			if refused == "" {
				s.stored = append(s.stored, msgs...)
			}
			s.mu.Unlock()
			if refused != "" {
				fmt.Fprintf(c, "%s NO %s\r\n", tag, refused)
				continue
			}
			fmt.Fprintf(c, "%s OK [APPENDUID 1 1:%d] done\r\n", tag, len(msgs))
		default:
			fmt.Fprintf(c, "%s BAD unknown\r\n", tag)
		}
	}
}

func (s *multiServer) recorded() (appends [][]fakeMsg, conts int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.appends, s.conts
}

func multiOptions(s *multiServer) inbox.Options {
	return inbox.Options{Addr: s.addr, Security: "none", Username: "regbot", Password: `geh"eim`, SentFolder: "Sent"}
}

func TestCopierMultiAppend(t *testing.T) {
	date := time.Date(2024, 4, 2, 9, 30, 0, 0, time.FixedZone("", 2*3600))
	big := strings.Repeat("x", 5000) // over LITERAL-'s 4096
	tests := []struct {
		name      string
		caps      string
		msgs      []string
		wantConts int
	}{
		{"LITERAL+ sends without waiting", "MULTIAPPEND LITERAL+", []string{"one\r\n", "two\r\n", big}, 0},
		{"synchronizing literals wait for the go-ahead", "MULTIAPPEND", []string{"one\r\n", "two\r\n", big}, 3},
		{"LITERAL- waits only for large ones", "MULTIAPPEND LITERAL-", []string{"one\r\n", big}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startMultiServer(t, &multiServer{caps: tt.caps})
			cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tt.msgs {
				if err := cp.Append(t.Context(), []byte(m), date); err != nil {
					t.Fatal(err)
				}
			}
			if appends, _ := s.recorded(); len(appends) != 0 {
				t.Errorf("%d APPENDs before Flush, want the copies collected", len(appends))
			}
			if err := cp.Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			if got := cp.Stored(); got != len(tt.msgs) {
				t.Errorf("Stored() = %d, want %d", got, len(tt.msgs))
			}
			if err := cp.Close(); err != nil {
				t.Fatal(err)
			}
			appends, conts := s.recorded()
			if len(appends) != 1 {
				t.Fatalf("%d APPEND commands, want 1 with all copies", len(appends))
			}
			if len(appends[0]) != len(tt.msgs) {
				t.Fatalf("the APPEND carried %d messages, want %d", len(appends[0]), len(tt.msgs))
			}
			for i, m := range appends[0] {
				if m.data != tt.msgs[i] || m.flags != `\Seen` || m.date != "02-Apr-2024 09:30:00 +0200" {
					t.Errorf("message %d: flags %q date %q, %d bytes; want \\Seen, 02-Apr-2024 09:30:00 +0200, %d bytes", i, m.flags, m.date, len(m.data), len(tt.msgs[i]))
				}
			}
			if conts != tt.wantConts {
				t.Errorf("%d continuation requests, want %d", conts, tt.wantConts)
			}
		})
	}
}

// A full batch goes out without waiting for Flush.
// The protocol trace of a copier's connection goes to DebugWriter, as that
// of every connection does.
func TestCopierTrace(t *testing.T) {
	s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND LITERAL+"})
	var trace strings.Builder
	o := multiOptions(s)
	o.DebugWriter = &trace
	cp, err := inbox.DialCopier(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	_ = cp.Append(t.Context(), []byte("Subject: traced\r\n\r\nx\r\n"), time.Now())
	if err := cp.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"* OK fake ready", " LOGIN ", " APPEND \"Sent\"", "Subject: traced", "OK [APPENDUID"} {
		if !strings.Contains(trace.String(), want) {
			t.Errorf("trace lacks %q:\n%s", want, trace.String())
		}
	}
}

func TestCopierSendsFullBatches(t *testing.T) {
	s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND LITERAL+"})
	cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	const n = 120
	for i := range n {
		if err := cp.Append(t.Context(), fmt.Appendf(nil, "copy %d\r\n", i), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	appends, _ := s.recorded()
	if len(appends) != 2 || len(appends[0]) != 50 || len(appends[1]) != 50 {
		t.Fatalf("before Flush: %d APPENDs, want 2 of 50", len(appends))
	}
	if err := cp.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	appends, _ = s.recorded()
	total := 0
	for _, a := range appends {
		total += len(a)
	}
	if len(appends) != 3 || total != n || appends[2][19].data != "copy 119\r\n" {
		t.Errorf("after Flush: %d APPENDs with %d copies, want 3 with %d", len(appends), total, n)
	}
}

func TestCopierErrors(t *testing.T) {
	t.Run("missing folder", func(t *testing.T) {
		s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND LITERAL+", appendNo: "[TRYCREATE] no such mailbox"})
		cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		_ = cp.Append(t.Context(), []byte("x\r\n"), time.Now())
		err = cp.Flush(t.Context())
		if !errors.Is(err, inbox.ErrNoFolder) || inbox.IsTemporary(err) || !strings.Contains(err.Error(), "imap.sent_folder") {
			t.Errorf("Flush() = %v; want ErrNoFolder naming imap.sent_folder, permanent", err)
		}
	})
	t.Run("refused", func(t *testing.T) {
		s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND LITERAL+", appendNo: "[OVERQUOTA] quota exceeded"})
		cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		_ = cp.Append(t.Context(), []byte("x\r\n"), time.Now())
		_ = cp.Append(t.Context(), []byte("y\r\n"), time.Now())
		err = cp.Flush(t.Context())
		if err == nil || inbox.IsTemporary(err) || !strings.Contains(err.Error(), "append a copy") || !strings.Contains(err.Error(), "OVERQUOTA") {
			t.Errorf("Flush() = %v; want a permanent error per copy with the server's answer", err)
		}
		// The batch, then each copy on its own.
		if appends, _ := s.recorded(); len(appends) != 3 || len(appends[0]) != 2 {
			t.Errorf("%d APPENDs, want the batch of 2 and then one per copy", len(appends))
		}
	})
	t.Run("one copy refused", func(t *testing.T) {
		s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND LITERAL+", refuse: "TOO BIG"})
		cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		for _, m := range []string{"a\r\n", "TOO BIG\r\n", "c\r\n"} {
			_ = cp.Append(t.Context(), []byte(m), time.Now())
		}
		err = cp.Flush(t.Context())
		if err == nil || inbox.IsTemporary(err) || !strings.Contains(err.Error(), "append a copy") || strings.Count(err.Error(), "LIMIT") != 1 {
			t.Errorf("Flush() = %v; want a permanent error for the one refused copy", err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.stored) != 2 || s.stored[0].data != "a\r\n" || s.stored[1].data != "c\r\n" {
			t.Errorf("stored %v, want the two others, retried one by one", s.stored)
		}
		if got := cp.Stored(); got != 2 {
			t.Errorf("Stored() = %d, want 2", got)
		}
	})
	t.Run("connection lost", func(t *testing.T) {
		s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND", dropAfter: 1})
		cp, err := inbox.DialCopier(t.Context(), multiOptions(s))
		if err != nil {
			t.Fatal(err)
		}
		defer cp.Close()
		_ = cp.Append(t.Context(), []byte("x\r\n"), time.Now())
		_ = cp.Append(t.Context(), []byte("y\r\n"), time.Now())
		if err := cp.Flush(t.Context()); !inbox.IsTemporary(err) {
			t.Errorf("Flush() = %v; want a temporary error", err)
		}
		_ = cp.Append(t.Context(), []byte("z\r\n"), time.Now())
		if err := cp.Flush(t.Context()); !inbox.IsTemporary(err) {
			t.Errorf("Flush() on the broken connection = %v; want a temporary error", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		s := startMultiServer(t, &multiServer{caps: "MULTIAPPEND"})
		o := multiOptions(s)
		o.Password = "falsch"
		_, err := inbox.DialCopier(t.Context(), o)
		if !errors.Is(err, inbox.ErrAuth) || inbox.IsTemporary(err) {
			t.Errorf("DialCopier() = %v; want ErrAuth", err)
		}
	})
	t.Run("no sent folder", func(t *testing.T) {
		o := inbox.Options{Addr: "127.0.0.1:1", Security: "none", Username: "u", Password: "p"}
		if _, err := inbox.DialCopier(t.Context(), o); !errors.Is(err, inbox.ErrInvalidOptions) {
			t.Errorf("DialCopier() = %v; want ErrInvalidOptions", err)
		}
	})
	t.Run("server down", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		o := inbox.Options{Addr: addr, Security: "none", Username: "u", Password: "p", SentFolder: "Sent"}
		if _, err := inbox.DialCopier(t.Context(), o); !inbox.IsTemporary(err) {
			t.Errorf("DialCopier() = %v; want a temporary error", err)
		}
	})
}

// Without MULTIAPPEND (go-imap's server has none) the copies go one APPEND
// each into the selected folder, and arrive all the same.
func TestCopierWithoutMultiAppend(t *testing.T) {
	srv := mailtest.StartIMAP(t)
	o := testOptions(t, srv)
	o.SentFolder = "Sent"
	cp, err := inbox.DialCopier(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2024, 4, 2, 9, 30, 0, 0, time.UTC)
	for i := range 20 { // more than are in flight at once
		if err := cp.Append(t.Context(), testMail(i+1), date); err != nil {
			t.Fatal(err)
		}
	}
	if err := cp.Close(); err != nil {
		t.Fatal(err)
	}
	if n := cp.Stored(); n != 20 {
		t.Errorf("Stored() = %d, want 20", n)
	}
	got := srv.Messages(t, "Sent")
	if len(got) != 20 {
		t.Fatalf("%d copies in Sent, want 20", len(got))
	}
	for i, m := range got {
		if !bytes.Equal(m.Raw, testMail(i+1)) || !m.HasFlag(imap.FlagSeen) || !m.InternalDate.Equal(date) {
			t.Errorf("copy %d: %q, flags %v, date %v; want test mail %d, \\Seen and %v", m.UID, m.Raw, m.Flags, m.InternalDate, i+1, date)
		}
	}
	// The copies are no new mail for Folder.
	if got := pendingUIDs(t, dial(t, o)); len(got) != 0 {
		t.Errorf("Pending() = %v after the copies, want none", got)
	}
}
