package fastre

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/heinlein/regbot/internal/lexicon"
)

// sources are the expressions the differential test compares: the
// lexicon's and some made to reach every path of the package.
func sources() []string {
	src := []string{
		lexicon.HeadCount, `(?i)` + lexicon.Closing, lexicon.ListIntros, lexicon.SignatureLineCues, lexicon.AddressLine,
		lexicon.MobileFooters, lexicon.StudyAt, lexicon.FirstPerson,
		`\bund\s+ich\b`, `(?i)\bund\s+ich\b`, `^a|b`, `a|^b`, `x*|y`, `(?i)\bſt`, `(?i)kelvin|\bsk`, `\b(?:ab|cd)e`,
		`\d{4}|\bfoo`, `(a)|(b)`, `(?i)(gesendet|sent|von meinem|from my)`, `(?i)https?://|www\.|@`, `\b`, `\B`, `$|x`,
		`(?m)^a|b$`, `\bé\w+`, `a+?|b`, `\bab|\bac|ad`, `[0-9]{2}\.[0-9]`, `(?i)straße\s*\d`, `\b\w+(straße|weg)\b\s+\d`,
		`(?i)\bK\b`, `\b_x`, `\bx|`, `(?s)a.b|c`, `\ba\b|\bb\b|\bc\b`,
	}
	for _, list := range [][]string{lexicon.RegisterSelf, lexicon.RegisterStatus, lexicon.Info, lexicon.Cancel,
		lexicon.CancelSoft, lexicon.Delete, lexicon.Question, lexicon.Negation, lexicon.SelfMarkers, lexicon.SelfExcluded,
		lexicon.OtherEvents, lexicon.Deferred} {
		src = append(src, list...)
	}
	return src
}

// texts are random strings over an alphabet of the patterns' own words
// and tricky runes, and the corpus's mails cut into lines.
func texts(t *testing.T) []string {
	words := []string{"und", "ich", "Und", "ICH", "gesundheit", "sent", "ſent", "Kelvin", "K", "sk", "ſt", "gesendet",
		"von meinem", "from my", "http://", "HTTPS://", "www.", "WWW.", "@", "tel", "Fax:", "+49 30 1234567", "10623",
		"Berlin", "Straße 5", "strasse", "weg 12", "Hauptweg 3", "a", "b", "c", "x", "y", "ab", "ac", "ad", "abe", "cde",
		"é", "éte", "_x", "foo", "1234", "12.3", "mit", "freundlichen", "Grüßen", "melde", "mich", "an", "absage",
		"nicht", "zu zweit", "drei", "Personen", "studiere", "an der", "bht", "\xff", "ä", "ß", "ẞ"}
	seps := []string{" ", "", "\n", ", ", ". ", "-", "  "}
	rng := rand.New(rand.NewPCG(7, 11))
	var out []string
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString(seps[rng.IntN(len(seps))])
		}
		out = append(out, b.String())
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.eml"))
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	seen := map[string]bool{}
	for i, f := range files {
		if testing.Short() && i%4 != 0 {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(raw), "\n") {
			if !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

// TestSameAsRegexp compares every method with the regexp package.
func TestSameAsRegexp(t *testing.T) {
	txts := texts(t)
	var split, boundary, filtered, matches atomic.Int64
	t.Run("each", func(t *testing.T) {
		for _, src := range sources() {
			t.Run("", func(t *testing.T) {
				t.Parallel()
				fast := MustCompile(src)
				slow := regexp.MustCompile(src)
				if len(fast.alts) > 1 {
					split.Add(1)
				}
				for _, a := range fast.alts {
					if a.boundary {
						boundary.Add(1)
					}
					if len(a.need) > 0 || a.needByte != "" {
						filtered.Add(1)
					}
				}
				for _, s := range txts {
					if !same(t, fast, slow, s) {
						return
					}
					matches.Add(int64(len(slow.FindAllStringIndex(s, -1))))
				}
			})
		}
	})
	// Every path must have been taken for the comparison to mean much.
	if split.Load() < 5 || boundary.Load() < 20 || filtered.Load() < 20 || matches.Load() < 5000 {
		t.Errorf("%d split, %d boundary phrases, %d filtered, %d matches: the test reaches too little",
			split.Load(), boundary.Load(), filtered.Load(), matches.Load())
	}
	t.Logf("%d split, %d boundary phrases, %d filtered phrases, %d matches", split.Load(), boundary.Load(), filtered.Load(), matches.Load())
}

// same compares every method on s and reports the first difference.
func same(t *testing.T, fast *Regexp, slow *regexp.Regexp, s string) bool {
	t.Helper()
	src := slow.String()
	fail := func(method string, got, want any) bool {
		t.Errorf("%s on %q: %s %v, regexp %v", src, s, method, got, want)
		return false
	}
	if got, want := fast.MatchString(s), slow.MatchString(s); got != want {
		return fail("MatchString", got, want)
	}
	if got, want := fast.FindStringIndex(s), slow.FindStringIndex(s); !reflect.DeepEqual(got, want) {
		return fail("FindStringIndex", got, want)
	}
	if got, want := fast.FindAllStringIndex(s, -1), slow.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
		return fail("FindAllStringIndex", got, want)
	}
	if got, want := fast.FindAllStringIndex(s, 1), slow.FindAllStringIndex(s, 1); !reflect.DeepEqual(got, want) {
		return fail("FindAllStringIndex(1)", got, want)
	}
	if got, want := fast.FindString(s), slow.FindString(s); got != want {
		return fail("FindString", got, want)
	}
	if got, want := fast.FindAllString(s, -1), slow.FindAllString(s, -1); !reflect.DeepEqual(got, want) {
		return fail("FindAllString", got, want)
	}
	if got, want := fast.FindStringSubmatch(s), slow.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		return fail("FindStringSubmatch", got, want)
	}
	if got, want := fast.FindAllStringSubmatch(s, -1), slow.FindAllStringSubmatch(s, -1); !reflect.DeepEqual(got, want) {
		return fail("FindAllStringSubmatch", got, want)
	}
	if got, want := fast.ReplaceAllString(s, "<$0>"), slow.ReplaceAllString(s, "<$0>"); got != want {
		return fail("ReplaceAllString", got, want)
	}
	if got, want := fast.FindAllStringSubmatchIndex(s, -1), slow.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
		return fail("FindAllStringSubmatchIndex", got, want)
	}
	if got, want := fast.Split(s, -1), slow.Split(s, -1); !reflect.DeepEqual(got, want) {
		return fail("Split", got, want)
	}
	upper := func(m string) string { return strings.ToUpper(m) + "|" }
	if got, want := fast.ReplaceAllStringFunc(s, upper), slow.ReplaceAllStringFunc(s, upper); got != want {
		return fail("ReplaceAllStringFunc", got, want)
	}
	return true
}

func TestRequired(t *testing.T) {
	tests := []struct {
		src  string
		want []literal
	}{
		{`\bmelde[nt]?\b[^;]{0,140}?\ban\b`, []literal{{s: "melde"}}},
		{`\b(absag|storn)\w*`, []literal{{s: "absag"}, {s: "storn"}}},
		{`(?i)gesendet|sent`, []literal{{s: "gesendet", fold: true}, {s: "sent", fold: true}}},
		{`\d{4,5}\s+\p{L}`, []literal{{s: "0"}, {s: "1"}, {s: "2"}, {s: "3"}, {s: "4"}, {s: "5"}, {s: "6"}, {s: "7"}, {s: "8"}, {s: "9"}}},
		{`(?i)straße`, nil}, // folding beyond ASCII is left to the regexp
		{`x?`, nil},
		{`[a-z]+`, nil}, // too many to be worth it
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := required(re.Simplify()); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: literals %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestFoldASCII: a lower-case ASCII literal is in foldASCII(s) exactly
// where (?i) finds it in s.
func TestFoldASCII(t *testing.T) {
	tests := []struct {
		s, lit string
		want   bool
	}{
		{"Gesendet von", "gesendet", true},
		{"GESENDET", "gesendet", true},
		{"ſent", "sent", true}, // long s folds to s
		{"\u212aelvin", "kelvin", true},
		{"gesend", "gesendet", false},
		{"xx\xffsent", "sent", true},
		{"", "a", false},
		{"a", "", true},
		{"sénT", "sent", false},
		{"ÜBER ſENT", "sent", true},
		{"Ärger", "rger", true},
		{"Kelvin", "kelvin", true},
	}
	for _, tt := range tests {
		if got := strings.Contains(foldASCII(tt.s), tt.lit); got != tt.want {
			t.Errorf("%q in foldASCII(%q) = %v", tt.lit, tt.s, got)
		}
		// The regexp package is the reference.
		if want := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(tt.lit)).MatchString(tt.s); want != tt.want {
			t.Errorf("test case %q, %q disagrees with regexp", tt.s, tt.lit)
		}
	}
}

// TestPhrasesStaySmall guards against compiling phrases from a rewritten
// expression that is much larger than the source (Simplify spells out
// "x{0,140}" as 140 nested copies, which once made start-up take seconds).
func TestPhrasesStaySmall(t *testing.T) {
	var nodes func(re *syntax.Regexp) int
	nodes = func(re *syntax.Regexp) int {
		n := 1
		for _, sub := range re.Sub {
			n += nodes(sub)
		}
		return n
	}
	size := func(src string) int {
		re, err := syntax.Parse(src, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		return nodes(re)
	}
	for _, src := range sources() {
		r := MustCompile(src)
		n := 0
		for _, a := range r.alts {
			n += size(a.re.String())
		}
		if whole := size(src); n > 2*whole+20 {
			t.Errorf("%s: its phrases parse to %d nodes, the whole to %d", src, n, whole)
		}
	}
}

// BenchmarkCompile shows what compiling costs at start-up, against the
// regexp package alone.
func BenchmarkCompile(b *testing.B) {
	srcs := sources()
	b.Run("fastre", func(b *testing.B) {
		for b.Loop() {
			for _, s := range srcs {
				MustCompile(s)
			}
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			for _, s := range srcs {
				regexp.MustCompile(s)
			}
		}
	})
}

func TestSplitTop(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`a|b`, []string{`a`, `b`}},
		{`(?i)(gesendet|sent|von meinem)`, []string{`(?i)gesendet`, `(?i)sent`, `(?i)von meinem`}},
		{`(?i)^(tel|fax)\b|https?://|[|]x|\|y`, []string{`(?i)^(tel|fax)\b`, `(?i)https?://`, `(?i)[|]x`, `(?i)\|y`}},
		{`(?:a|b)c|d`, []string{`(?:a|b)c`, `d`}},
		{`(a)(b|c)`, []string{`(a)(b|c)`}}, // two groups: not one to unwrap
		{`[]|]|[^]|]|[[:alpha:]|]`, []string{`[]|]`, `[^]|]`, `[[:alpha:]|]`}},
	}
	for _, tt := range tests {
		if got := splitTop(tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitTop(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
