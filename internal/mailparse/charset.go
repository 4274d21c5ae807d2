package mailparse

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
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
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "unknown-8bit", "x-unknown", "8bit", "unknown", "default":
		return transform.NewReader(input, lenientUTF8{}), nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", "ibm819", "cp819":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	}
	r, err := charset.Reader(label, input)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func normaliseCharset(label string) string {
	label = strings.ToLower(strings.TrimSpace(label))
	label = strings.Trim(label, `"'`)
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
			if len(src)-nSrc >= utf8.UTFMax {
				// Cannot be the start of a valid sequence: fall through to
				// the single-byte mapping below.
			} else {
				return nDst, nSrc, transform.ErrShortSrc
			}
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
