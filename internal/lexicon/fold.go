package lexicon

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold prepares text and phrases alike for matching: lower case, umlauts
// spelt out (ü→ue, ö→oe, ä→ae, ß→ss, also the decomposed forms), other
// accents dropped (é→e, ş→s, ı→i), typographic quotes and dashes made
// ASCII, "…" as "...", every run of white space one space. Mail written
// without umlauts ("Buero") then matches a phrase written with them.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	space := false
	var prev rune
	for _, r := range s {
		// Most mail is ASCII: no map lookup for it.
		if r < utf8.RuneSelf && r != '`' && !asciiSpace[r] {
			if space {
				b.WriteByte(' ')
				space = false
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			prev = r
			continue
		}
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u00a0' || r == '\u202f' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if rep, ok := foldMap[r]; ok {
			b.WriteString(rep)
		} else {
			switch r {
			case '\u0308': // combining diaeresis after a, o or u
				if prev == 'a' || prev == 'o' || prev == 'u' || prev == 'A' || prev == 'O' || prev == 'U' {
					b.WriteByte('e')
				}
			case utf8.RuneError:
				// Undecodable bytes say nothing.
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		}
		prev = r
	}
	return b.String()
}

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

var foldMap = map[rune]string{
	'ä': "ae", 'Ä': "ae", 'ö': "oe", 'Ö': "oe", 'ü': "ue", 'Ü': "ue", 'ß': "ss", 'ẞ': "ss",
	'„': `"`, '“': `"`, '”': `"`, '«': `"`, '»': `"`, '‟': `"`, '″': `"`,
	'‚': "'", '‘': "'", '’': "'", '‛': "'", '`': "'", '´': "'", '′': "'",
	'–': "-", '—': "-", '‑': "-", '‐': "-", '−': "-",
	'…': "...",
	'é': "e", 'è': "e", 'ê': "e", 'É': "e", 'á': "a", 'à': "a", 'â': "a", 'ı': "i", 'í': "i", 'ì': "i",
	'ó': "o", 'ò': "o", 'ô': "o", 'ú': "u", 'ù': "u", 'û': "u", 'ç': "c", 'ş': "s", 'Ş': "s", 'ś': "s", 'š': "s", 'Š': "s", 'Ç': "c",
	'ñ': "n", 'ń': "n", 'ł': "l", 'ğ': "g", 'ž': "z", 'ź': "z", 'ż': "z", 'č': "c", 'ć': "c",
}
