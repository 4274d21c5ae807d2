package mailparse

import (
	"bufio"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	htmlcharset "golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

func init() {
	// Replace go-message's charset hook (set by its charset package) with one
	// that tolerates the lies real mail tells about its charset.
	message.CharsetReader = charsetReader
}

// charsetReader decodes input to UTF-8. UTF-8 and US-ASCII labels are
// checked byte by byte, because 8-bit text labelled as one of them is
// usually windows-1252; ISO-8859-1 is read as windows-1252, its superset
// in practice (the WHATWG encoding standard does the same).
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch normaliseCharset(label) {
	case "", "utf-8", "utf8", "uft-8", "utf-8n", "x-utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "unknown-8bit", "x-unknown", "8bit", "unknown", "default", "us-ascii7", "7bit":
		return transform.NewReader(input, lenientUTF8{}), nil
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252", "ibm819", "cp819", "iso_8859-1:1987", "iso-ir-100", "csisolatin1":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-unicode-2-0-utf-7", "x-unicode20utf7":
		return transform.NewReader(input, &utf7Decoder{}), nil
	}
	r, err := charset.Reader(normaliseCharset(label), input)
	if err != nil {
		return nil, err
	}
	return r, nil
}

// htmlCharset finds the charset of an HTML part whose header declares
// none: a byte order mark or a <meta> charset in its first 1024 bytes, as
// browsers look for it (HTML's prescan). It returns a reader that still
// yields the whole part, and "" when the part names no charset or names
// UTF-8 or windows-1252, which the default decoding reads anyway.
func htmlCharset(r io.Reader) (io.Reader, string) {
	br := bufio.NewReaderSize(r, 1024)
	head, _ := br.Peek(1024)
	_, name, _ := htmlcharset.DetermineEncoding(head, "text/html")
	switch name {
	case "utf-8", "windows-1252":
		return br, ""
	}
	return br, name
}

// normaliseCharset turns the charset parameters found in the wild
// (`"UTF-8"`, `charset=us-ascii`, `utf-8;`) into a plain lower-case label.
func normaliseCharset(label string) string {
	label = strings.ToLower(strings.TrimSpace(label))
	label = strings.Trim(label, `"' `)
	label = strings.TrimPrefix(label, "charset=")
	label = strings.Trim(label, `"' `)
	if i := strings.IndexAny(label, "; \t\"'"); i >= 0 {
		label = label[:i]
	}
	return label
}

// lenientUTF8 passes valid UTF-8 through and maps every byte that is not
// part of a valid sequence through windows-1252, so that mislabelled
// Latin-1 text keeps its umlauts instead of turning into U+FFFD.
type lenientUTF8 struct{}

func (lenientUTF8) Reset() {}

func (lenientUTF8) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		if !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			r = cp1252[c]
			size = 1
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		if size > 1 {
			nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		} else {
			nDst += utf8.EncodeRune(dst[nDst:], r)
		}
		nSrc += size
	}
	return nDst, nSrc, nil
}

// cp1252 maps the high half of windows-1252 to Unicode; undefined bytes
// become U+FFFD.
var cp1252 = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = rune(i)
	}
	hi := []rune{
		0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
		0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
	}
	copy(t[0x80:0xA0], hi)
	return t
}()

// fixUTF8 makes s valid UTF-8, reading stray 8-bit bytes as windows-1252.
func fixUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, _, err := transform.String(lenientUTF8{}, s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// fixC1 replaces C1 control characters, which only appear when
// windows-1252 text was decoded as ISO-8859-1 (Go's RFC 2047 decoder does
// that for "iso-8859-1" words), by their windows-1252 meaning.
func fixC1(s string) string {
	if !strings.ContainsFunc(s, isC1) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isC1(r) {
			if m := cp1252[r]; m != 0xFFFD {
				return m
			}
			return -1
		}
		return r
	}, s)
}

func isC1(r rune) bool { return r >= 0x80 && r <= 0x9F }

// decodeWords decodes the RFC 2047 encoded words of a header value and
// returns valid UTF-8. Words in charsets nobody knows are read as
// UTF-8/windows-1252; unknown reports whether that happened.
func decodeWords(s string) (out string, unknown bool) {
	if strings.Contains(s, "=?") {
		dec := mime.WordDecoder{CharsetReader: func(label string, in io.Reader) (io.Reader, error) {
			r, err := charsetReader(label, in)
			if err != nil {
				unknown = true
				return transform.NewReader(in, lenientUTF8{}), nil
			}
			return r, nil
		}}
		if d, err := dec.DecodeHeader(s); err == nil {
			s = d
		}
	}
	return fixC1(fixUTF8(s)), unknown
}

// utf7Decoder decodes UTF-7 (RFC 2152), which Exchange still uses for
// some delivery reports.
type utf7Decoder struct {
	inB64 bool
	first bool // just after '+': "+-" is a literal plus
	acc   uint32
	nbits uint
	high  rune // pending high surrogate
}

func (d *utf7Decoder) Reset() { *d = utf7Decoder{} }

func (d *utf7Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if len(dst)-nDst < 2*utf8.UTFMax {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if d.inB64 {
			if v := b64Value(c); v >= 0 {
				d.first = false
				d.acc = d.acc<<6 | uint32(v)
				d.nbits += 6
				if d.nbits >= 16 {
					d.nbits -= 16
					u := rune(d.acc>>d.nbits) & 0xFFFF
					d.acc &= 1<<d.nbits - 1
					nDst += d.emitUnit(dst[nDst:], u)
				}
				nSrc++
				continue
			}
			wasFirst := d.first
			d.inB64, d.first, d.acc, d.nbits = false, false, 0, 0
			if d.high != 0 {
				nDst += utf8.EncodeRune(dst[nDst:], utf8.RuneError)
				d.high = 0
			}
			if c == '-' {
				if wasFirst {
					dst[nDst] = '+'
					nDst++
				}
				nSrc++
				continue
			}
		}
		switch {
		case c == '+':
			d.inB64, d.first = true, true
		case c < utf8.RuneSelf:
			dst[nDst] = c
			nDst++
		default:
			nDst += utf8.EncodeRune(dst[nDst:], cp1252[c])
		}
		nSrc++
	}
	return nDst, nSrc, nil
}

func (d *utf7Decoder) emitUnit(dst []byte, u rune) int {
	switch {
	case u >= 0xD800 && u < 0xDC00:
		n := 0
		if d.high != 0 {
			n = utf8.EncodeRune(dst, utf8.RuneError)
		}
		d.high = u
		return n
	case u >= 0xDC00 && u < 0xE000:
		if d.high == 0 {
			return utf8.EncodeRune(dst, utf8.RuneError)
		}
		r := (d.high-0xD800)<<10 + (u - 0xDC00) + 0x10000
		d.high = 0
		return utf8.EncodeRune(dst, r)
	}
	n := 0
	if d.high != 0 {
		n = utf8.EncodeRune(dst, utf8.RuneError)
		d.high = 0
	}
	return n + utf8.EncodeRune(dst[n:], u)
}

// b64Value returns the value of a base64 digit, or -1.
func b64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}
