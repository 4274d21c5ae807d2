package mailtest

import (
	"bytes"
	"net"
)

// capFilterListener wraps accepted connections in capFilterConn.
type capFilterListener struct {
	net.Listener
}

func (l capFilterListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &capFilterConn{Conn: c, lineStart: true}, nil
}

// capFilterConn removes the IDLE capability from the server's CAPABILITY
// lists ("* CAPABILITY …", "* OK [CAPABILITY …]" and "tag OK [CAPABILITY
// …]") on their way out. go-imap's server has no option for it.
//
// It looks at the start of every line the server writes; a line whose first
// bytes hold "CAPABILITY" is kept until its end and rewritten, every other
// line passes through unchanged. The server flushes whole responses, so a
// held line never waits for later output.
type capFilterConn struct {
	net.Conn
	lineStart bool   // the next byte starts a line
	head      []byte // start of the current line, while undecided or held
	hold      bool   // the current line is a capability line: hold it whole
}

// capPrefixLen is how far into a line "CAPABILITY" may start ("* OK
// [CAPABILITY", or a tagged OK with a long tag).
const capPrefixLen = 64

var capWord = []byte("CAPABILITY")

// isCapLine reports whether "CAPABILITY" occurs near the start of line.
func isCapLine(line []byte) bool {
	return bytes.Contains(line[:min(len(line), capPrefixLen)], capWord)
}

func (c *capFilterConn) Write(p []byte) (int, error) {
	n := len(p)
	var out []byte
	for len(p) > 0 {
		if !c.lineStart && c.head == nil {
			// Pass the rest of a line through.
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				out = append(out, p...)
				p = nil
				break
			}
			out = append(out, p[:i+1]...)
			p = p[i+1:]
			c.lineStart = true
			continue
		}
		// Collect the start of a line until it ends or is long enough to
		// decide.
		c.lineStart = false
		i := bytes.IndexByte(p, '\n')
		if i >= 0 {
			c.head = append(c.head, p[:i+1]...)
			p = p[i+1:]
			line := c.head
			if c.hold || isCapLine(line) {
				line = stripIdle(line)
			}
			out = append(out, line...)
			c.head, c.hold, c.lineStart = nil, false, true
			continue
		}
		c.head = append(c.head, p...)
		p = nil
		if c.hold {
			continue
		}
		if isCapLine(c.head) {
			c.hold = true
		} else if len(c.head) >= capPrefixLen {
			out = append(out, c.head...)
			c.head = nil
		}
	}
	if len(out) > 0 {
		if _, err := c.Conn.Write(out); err != nil {
			return 0, err
		}
	}
	// The whole input is consumed: written now, or held in c.head.
	return n, nil
}

// stripIdle removes the IDLE token from a capability line.
func stripIdle(line []byte) []byte {
	end := len(line)
	for end > 0 && (line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	tokens := bytes.Split(line[:end], []byte(" "))
	kept := tokens[:0]
	for _, tok := range tokens {
		switch {
		case bytes.EqualFold(tok, []byte("IDLE")):
			continue
		case bytes.EqualFold(tok, []byte("IDLE]")) && len(kept) > 0:
			kept[len(kept)-1] = append(bytes.Clone(kept[len(kept)-1]), ']')
			continue
		}
		kept = append(kept, tok)
	}
	out := bytes.Join(kept, []byte(" "))
	return append(out, line[end:]...)
}
