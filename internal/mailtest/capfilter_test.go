package mailtest

import (
	"bytes"
	"net"
	"testing"
)

func TestStripIdle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"* CAPABILITY IMAP4rev1 IDLE UIDPLUS\r\n", "* CAPABILITY IMAP4rev1 UIDPLUS\r\n"},
		{"* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE] IMAP server ready\r\n", "* OK [CAPABILITY IMAP4rev1 SASL-IR] IMAP server ready\r\n"},
		{"T1 OK [CAPABILITY IMAP4rev1 idle MOVE] Logged in\r\n", "T1 OK [CAPABILITY IMAP4rev1 MOVE] Logged in\r\n"},
		{"* CAPABILITY IMAP4rev1 IDLEX\r\n", "* CAPABILITY IMAP4rev1 IDLEX\r\n"},
	}
	for _, tt := range tests {
		if got := string(stripIdle([]byte(tt.in))); got != tt.want {
			t.Errorf("stripIdle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCapFilterConnChunks writes a server's output in every possible split
// and checks that only the capability line changes.
func TestCapFilterConnChunks(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 300)
	in := "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n" +
		"* 1 FETCH (UID 1 BODY[] {320}\r\n" + string(long) + " CAPABILITY IDLE in a body\r\n" + ")\r\n" +
		"T2 OK [CAPABILITY IMAP4rev1 IDLE MOVE] Logged in\r\n" +
		"+ idling\r\n"
	want := "* OK [CAPABILITY IMAP4rev1] ready\r\n" +
		"* 1 FETCH (UID 1 BODY[] {320}\r\n" + string(long) + " CAPABILITY IDLE in a body\r\n" + ")\r\n" +
		"T2 OK [CAPABILITY IMAP4rev1 MOVE] Logged in\r\n" +
		"+ idling\r\n"
	for split := 1; split < len(in); split += 7 {
		server, client := net.Pipe()
		got := make(chan []byte)
		go func() {
			var buf bytes.Buffer
			_, _ = buf.ReadFrom(client)
			got <- buf.Bytes()
		}()
		c := &capFilterConn{Conn: server, lineStart: true}
		for rest := []byte(in); len(rest) > 0; {
			n := min(split, len(rest))
			if w, err := c.Write(rest[:n]); err != nil || w != n {
				t.Fatalf("split %d: Write() = %d, %v, want %d, nil", split, w, err, n)
			}
			rest = rest[n:]
		}
		server.Close()
		if g := string(<-got); g != want {
			t.Fatalf("split %d: output\n%q\nwant\n%q", split, g, want)
		}
	}
}
