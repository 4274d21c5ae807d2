package inbox

import (
	"io"
	"net"
	"testing"
	"time"
)

func TestQuoted(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Sent", `"Sent"`, true},
		{"Gesendete Objekte", `"Gesendete Objekte"`, true},
		{`pa"ss\word`, `"pa\"ss\\word"`, true},
		{"", `""`, true},
		{"Entwürfe", "", false}, // needs modified UTF-7 or a literal
		{"a\r\nb", "", false},
		{"a\x00b", "", false},
	}
	for _, tt := range tests {
		got, ok := quoted(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("quoted(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLiteralAtEnd(t *testing.T) {
	tests := []struct {
		in   string
		n    int64
		want bool
	}{
		{"* 1 FETCH (BODY[] {12}", 12, true},
		{"* 1 FETCH (BODY[] {12+}", 12, true},
		{"* OK {x}", 0, false},
		{"* OK done", 0, false},
		{"* OK {-1}", 0, false},
		{"* OK {99999999999}", 0, false}, // larger than is skipped
	}
	for _, tt := range tests {
		n, ok := literalAtEnd(tt.in)
		if n != tt.n || ok != tt.want {
			t.Errorf("literalAtEnd(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.n, tt.want)
		}
	}
}

// FuzzMultiConn feeds a multiConn whatever a broken or hostile server
// might send, through login and an APPEND of two copies: it must end with
// an error or success, never panic or hang.
func FuzzMultiConn(f *testing.F) {
	f.Add([]byte("* OK hi\r\n* CAPABILITY IMAP4rev1 MULTIAPPEND\r\nr1 OK\r\nr2 OK\r\n* CAPABILITY MULTIAPPEND LITERAL+\r\nr3 OK\r\nr4 OK done\r\n"))
	f.Add([]byte("* OK hi\r\n* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n* CAPABILITY MULTIAPPEND\r\nr1 OK\r\nr2 OK\r\n* CAPABILITY MULTIAPPEND\r\nr3 OK\r\n+ go\r\n+ go\r\nr4 NO [TRYCREATE] x\r\n"))
	f.Add([]byte("* BYE\r\n"))
	f.Add([]byte("* OK {99999999}\r\n"))
	f.Add([]byte("* OK hi\r\n* CAPABILITY MULTIAPPEND\r\nr1 OK\r\nr2 BAD\r\n"))
	f.Fuzz(func(t *testing.T, script []byte) {
		client, server := net.Pipe()
		go func() {
			// The server sends the script and drains what the client writes.
			go func() { _, _ = io.Copy(io.Discard, server) }()
			_, _ = server.Write(script)
			_ = server.Close()
		}()
		defer client.Close()
		o := Options{Addr: "pipe", Security: "none", Username: "u", Password: "p", SentFolder: "Sent"}
		m := &multiConn{conn: client, opts: o, valid: true}
		if err := m.open(t.Context()); err != nil {
			return
		}
		_ = m.append(t.Context(), "Sent", []copyMsg{{raw: []byte("a\r\n"), date: time.Unix(0, 0)}, {raw: []byte("b\r\n"), date: time.Unix(0, 0)}})
		m.logout()
	})
}
