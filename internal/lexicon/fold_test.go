package lexicon

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Grüße aus dem Büro", "gruesse aus dem buero"},
		{"GRÜSSE", "gruesse"},
		{"Bu\u0308ro", "buero"}, // decomposed umlaut
		{"„Runder Tisch“ – am 18.4.", `"runder tisch" - am 18.4.`},
		{"Yılmaz  Şahin\u00a0Élodie", "yilmaz sahin elodie"},
		{"  mehrere\n\n Zeilen\t", "mehrere zeilen"},
		{"Wir warten…", "wir warten..."},
		{"\xff", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// foldReference is Fold as first written, without the ASCII fast path.
func foldReference(s string) string {
	var b strings.Builder
	space := false
	var prev rune
	for _, r := range s {
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
			case '\u0308':
				if prev == 'a' || prev == 'o' || prev == 'u' || prev == 'A' || prev == 'O' || prev == 'U' {
					b.WriteByte('e')
				}
			case utf8.RuneError:
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		}
		prev = r
	}
	return b.String()
}

func TestFoldIsTheReference(t *testing.T) {
	var alphabet []rune
	for r := rune(0); r < 0x250; r++ {
		alphabet = append(alphabet, r)
	}
	alphabet = append(alphabet, '\u0308', '\u200b', '\ufeff', '\u202f', '„', '“', '–', '…', 'ẞ', utf8.RuneError)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		if i%7 == 0 {
			b.WriteString("\xff\xfe") // invalid UTF-8
		}
		s := b.String()
		if got, want := Fold(s), foldReference(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	for _, r := range alphabet {
		for _, s := range []string{string(r), "A" + string(r) + "\u0308 b", " " + string(r) + " "} {
			if got, want := Fold(s), foldReference(s); got != want {
				t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
