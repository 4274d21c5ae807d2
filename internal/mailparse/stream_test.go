package mailparse

import (
	"encoding/base64"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bigMessage streams a message whose PDF attachment decodes to size bytes,
// base64-encoded in 76-character lines, without holding it in memory.
type bigMessage struct {
	head, tail string
	left       int // attachment bytes still to encode
	line       []byte
	pending    []byte
}

func newBigMessage(size int) *bigMessage {
	return &bigMessage{
		head: hdr + "Content-Type: multipart/mixed; boundary=\"big\"\n\n" +
			"--big\nContent-Type: text/plain; charset=utf-8\n\nAnbei das Protokoll.\n" +
			"--big\nContent-Type: application/pdf; name=\"protokoll.pdf\"\n" +
			"Content-Disposition: attachment; filename=\"protokoll.pdf\"\nContent-Transfer-Encoding: base64\n\n",
		tail: "--big--\n",
		left: size,
		line: make([]byte, 0, 80),
	}
}

func (g *bigMessage) Read(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		if len(g.pending) == 0 {
			switch {
			case g.head != "":
				g.pending, g.head = []byte(g.head), ""
			case g.left > 0:
				var raw [57]byte
				k := min(g.left, len(raw))
				for i := range raw[:k] {
					raw[i] = byte(g.left - i)
				}
				g.left -= k
				g.line = g.line[:base64.StdEncoding.EncodedLen(k)]
				base64.StdEncoding.Encode(g.line, raw[:k])
				g.pending = append(g.line, '\n')
			case g.tail != "":
				g.pending, g.tail = []byte(g.tail), ""
			default:
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
		}
		c := copy(b[n:], g.pending)
		g.pending = g.pending[c:]
		n += c
	}
	return n, nil
}

func TestBoundedMemory(t *testing.T) {
	const size = 25 << 20 // about 0.15 s, so no testing.Short() guard
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := Parse(newBigMessage(size))
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	want := []Attachment{{Filename: "protokoll.pdf", ContentType: "application/pdf", Size: size}}
	if len(m.Attachments) != 1 || m.Attachments[0] != want[0] {
		t.Errorf("Attachments = %#v, want %#v", m.Attachments, want)
	}
	if m.Text != "Anbei das Protokoll." {
		t.Errorf("Text = %q", m.Text)
	}
	checkProblem(t, m, "")
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("25 MB attachment: %v, %d KB allocated", elapsed, alloc>>10)
	if alloc > 8<<20 {
		t.Errorf("parsing allocated %d MB, want < 8 MB", alloc>>20)
	}
}

func TestBigTextIsCut(t *testing.T) {
	// A text part far beyond MaxTextBytes is cut, and the rest streams past.
	r := io.MultiReader(strings.NewReader(hdr+"\n"), &repeatReader{s: "Zeile mit Text\n", n: 10 << 20})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Parse(r)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Text) > DefaultLimits.MaxTextBytes || len(m.Text) < DefaultLimits.MaxTextBytes-100 {
		t.Errorf("len(Text) = %d, want about %d", len(m.Text), DefaultLimits.MaxTextBytes)
	}
	checkProblem(t, m, "was cut")
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("parsing allocated %d MB, want < 16 MB", alloc>>20)
	}
}

// repeatReader yields s until n bytes were read.
type repeatReader struct {
	s   string
	n   int
	off int
}

func (r *repeatReader) Read(b []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(b) && r.n > 0 {
		c := copy(b[n:min(len(b), n+r.n)], r.s[r.off:])
		r.off = (r.off + c) % len(r.s)
		n += c
		r.n -= c
	}
	return n, nil
}
