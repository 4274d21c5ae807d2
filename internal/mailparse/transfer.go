package mailparse

import (
	"io"
	"strings"
)

// normaliseCTE maps the Content-Transfer-Encoding values found in the wild
// to "", "quoted-printable" or "base64"; anything else is returned as is
// (lower-cased) and means an encoding nobody can read.
func normaliseCTE(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	v = strings.Trim(v, `"' `)
	switch v {
	case "quoted printable", "quoted_printable", "quotedprintable", "qp":
		return "quoted-printable"
	}
	if i := strings.IndexAny(v, "; \t(\"'"); i >= 0 {
		v = v[:i]
	}
	switch v {
	case "", "7bit", "8bit", "binary", "7-bit", "8-bit", "7bits", "8bits", "plain", "text", "none", "text/plain", "text/html":
		return ""
	case "quoted-printable", "quoted_printable", "quotedprintable", "qp":
		return "quoted-printable"
	case "base64", "base-64", "base_64":
		return "base64"
	}
	return v
}

// base64Reader decodes base64 leniently: line breaks, blanks and any other
// byte outside the alphabet are skipped (and counted in bad), padding
// resets the decoder so that concatenated encodings decode too.
type base64Reader struct {
	r     io.Reader
	buf   []byte
	acc   uint32
	nbits uint
	bad   int64 // bytes that are not base64, and blanks inside a line
	err   error

	inLine bool // a base64 digit was seen on this line
	blank  bool // ... and a blank after it
}

func newBase64Reader(r io.Reader) *base64Reader { return &base64Reader{r: r} }

func (d *base64Reader) Read(p []byte) (int, error) {
	for {
		if d.err != nil {
			return 0, d.err
		}
		if len(p) == 0 {
			return 0, nil
		}
		// Every input byte yields at most one output byte.
		want := min(len(p), 32<<10)
		if cap(d.buf) < want {
			d.buf = make([]byte, want)
		}
		in := d.buf[:want]
		m, err := d.r.Read(in)
		n := 0
		for _, c := range in[:m] {
			v := b64Value(c)
			switch {
			case v >= 0:
				if d.blank {
					d.bad++ // words, not base64
					d.blank = false
				}
				d.inLine = true
				d.acc = d.acc<<6 | uint32(v)
				d.nbits += 6
				if d.nbits >= 8 {
					d.nbits -= 8
					p[n] = byte(d.acc >> d.nbits)
					n++
					d.acc &= 1<<d.nbits - 1
				}
			case c == '=':
				d.acc, d.nbits = 0, 0
			case c == '\r' || c == '\n':
				d.inLine, d.blank = false, false
			case c == ' ' || c == '\t':
				d.blank = d.inLine
			default:
				d.bad++
			}
		}
		d.err = err
		if n > 0 {
			return n, nil
		}
	}
}

// qpReader decodes quoted-printable leniently: an "=" that does not start
// an escape or a soft line break is kept as it is, and lines may have any
// length. Trailing blanks before a line end are dropped (RFC 2045 6.7).
type qpReader struct {
	r     io.Reader
	in    []byte
	out   []byte // decoded, not yet returned
	obuf  []byte // backing store of out
	state int
	hi    byte
	ws    []byte // blanks that may turn out to be trailing
	err   error
}

const (
	qpNormal = iota
	qpEq     // after "="
	qpEqHex  // after "=X"
	qpEqWS   // after "=" and blanks: a soft line break with trailing blanks?
	qpSoftCR // after "=\r"
)

func newQPReader(r io.Reader) *qpReader { return &qpReader{r: r} }

func (q *qpReader) Read(p []byte) (int, error) {
	for len(q.out) == 0 {
		if q.err != nil {
			return 0, q.err
		}
		if q.in == nil {
			q.in = make([]byte, 4<<10)
			q.obuf = make([]byte, 0, 4<<10+64)
		}
		m, err := q.r.Read(q.in)
		q.out = q.obuf[:0]
		q.decode(q.in[:m])
		if err != nil {
			q.flush()
			q.err = err
		}
		q.obuf = q.out[:0]
	}
	n := copy(p, q.out)
	q.out = q.out[n:]
	return n, nil
}

// decode appends the decoding of in to q.out. It works on local copies of
// the state, which keeps the per-byte loop free of write barriers.
func (q *qpReader) decode(in []byte) {
	out, ws, state, hi := q.out, q.ws, q.state, q.hi
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch state {
		case qpEq:
			switch {
			case unhex(c) >= 0:
				hi, state = c, qpEqHex
			case c == '\n':
				state = qpNormal
			case c == '\r':
				state = qpSoftCR
			case c == ' ' || c == '\t':
				ws = append(ws[:0], c)
				state = qpEqWS
			default:
				out = append(out, '=')
				state = qpNormal
				i-- // read c again
			}
			continue
		case qpEqHex:
			state = qpNormal
			if lo := unhex(c); lo >= 0 {
				out = append(out, byte(unhex(hi)<<4|lo))
				continue
			}
			out = append(out, '=', hi)
			i--
			continue
		case qpEqWS:
			switch c {
			case ' ', '\t':
				if len(ws) < 4096 {
					ws = append(ws, c)
				}
			case '\n':
				ws, state = ws[:0], qpNormal
			case '\r':
				ws, state = ws[:0], qpSoftCR
			default:
				out = append(out, '=')
				out = append(out, ws...)
				ws, state = ws[:0], qpNormal
				i--
			}
			continue
		case qpSoftCR:
			state = qpNormal
			if c != '\n' {
				i--
			}
			continue
		}
		switch c {
		case '=':
			out = append(out, ws...)
			ws = ws[:0]
			state = qpEq
		case ' ', '\t':
			if len(ws) >= 4096 {
				out = append(out, ws...)
				ws = ws[:0]
			}
			ws = append(ws, c)
		case '\r', '\n':
			ws = ws[:0]
			out = append(out, c)
		default:
			if len(ws) > 0 {
				out = append(out, ws...)
				ws = ws[:0]
			}
			out = append(out, c)
		}
	}
	q.out, q.ws, q.state, q.hi = out, ws, state, hi
}

// flush ends the input: a lone "=" at the very end is a soft line break.
func (q *qpReader) flush() {
	if q.state == qpEqHex {
		q.out = append(q.out, '=', q.hi)
	}
	q.state = qpNormal
	q.ws = q.ws[:0]
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}
