package intent

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heinlein/regbot/internal/fastre"
	"github.com/heinlein/regbot/internal/lexicon"
)

// fold is the lexicon's folding, applied to the patterns and to the mail
// text alike.
func fold(s string) string { return lexicon.Fold(s) }

// foldPattern folds a lexicon pattern the same way as text. Patterns use
// no character classes with umlauts, so folding the source is safe.
func foldPattern(p string) string {
	// Sentences are split already, so a pattern's "[^.!?;]" gap only has
	// to stop at a semicolon; dates ("18.04.") and titles ("Dr.") inside a
	// sentence must not end it.
	return strings.ReplaceAll(fold(p), "[^.!?;]", "[^;]")
}

// patterns is a phrase list of the lexicon, compiled.
type patterns struct {
	each []*fastre.Regexp
}

func compileAll(list []string) patterns {
	var p patterns
	for _, s := range list {
		p.each = append(p.each, fastre.MustCompile(foldPattern(s)))
	}
	return p
}

func anyMatch(p patterns, s string) bool {
	for _, pt := range p.each {
		if pt.MatchString(s) {
			return true
		}
	}
	return false
}

// first returns the leftmost match of any pattern.
func (p patterns) first(s string) []int {
	var best []int
	for _, pt := range p.each {
		if loc := pt.FindStringIndex(s); loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	return best
}

// span is a match in a folded sentence.
type span struct{ start, end int }

func allMatches(p patterns, s string) []span {
	var out []span
	for _, pt := range p.each {
		for _, m := range pt.FindAllStringIndex(s, -1) {
			out = append(out, span{m[0], m[1]})
		}
	}
	return out
}

// sentence is one unit of the sender's new text.
type sentence struct {
	text   string // original
	folded string
	// fromSubject marks the subject line, which counts less than the body.
	fromSubject bool
}

var (
	personLineRe   = fastre.MustCompile(`^(Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?)\s+\p{Lu}`)
	nameAddrLineRe = fastre.MustCompile(`^(?:\p{Lu}\S*\s+){1,3}[,–-]?\s*\S+@`)
	listItemRe     = fastre.MustCompile(`^\s*(?:[-•*–·▪]|\d{1,2}[.)])\s+`)
	abbrevRe       = fastre.MustCompile(`(?i)(?:\b(?:dr|prof|nr|str|bzw|ca|vgl|ggf|evtl|inkl|z\.\s?b|u\.\s?a|i\.\s?a|i\.\s?v|d\.\s?h|tel|abt|ref|hr|fr|mr|mrs|ms|st|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|e\.\s?v|o\.\s?ä|u\.\s?ä|bzgl|geb|usw|etc|e\.g|i\.e)|\b[A-ZÄÖÜ]|\d)$`)
)

// unwrap joins the lines of each paragraph into one, keeping list items,
// blank lines and short lines (names, table cells) on lines of their own.
func unwrap(text string) []string {
	lines := strings.Split(text, "\n")
	var out []string
	cur := ""
	flush := func() {
		if strings.TrimSpace(cur) != "" {
			out = append(out, strings.TrimSpace(cur))
		}
		cur = ""
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			flush()
			continue
		}
		if listItemRe.MatchString(t) {
			flush()
			cur = t
			continue
		}
		if cur == "" {
			cur = t
			continue
		}
		prev := cur
		// A previous line that ends a sentence or is short (a name, a cell)
		// stands alone; otherwise the line continues it.
		endsSentence := strings.HasSuffix(prev, ".") || strings.HasSuffix(prev, "!") || strings.HasSuffix(prev, "?") || strings.HasSuffix(prev, ":")
		prevShort := utf8.RuneCountInString(lines[i-1]) < 40
		// Lines with an address are list entries ("Jonas Weber, j.weber@…").
		hasAddr := nameAddrLineRe.MatchString(strings.TrimSpace(lines[i-1])) || nameAddrLineRe.MatchString(t)
		if endsSentence || prevShort || hasAddr || listItemRe.MatchString(prev) || personLineRe.MatchString(t) {
			flush()
			cur = t
			continue
		}
		cur += " " + t
	}
	flush()
	return out
}

// splitSentences splits a paragraph into sentences at . ! ? (but not after
// abbreviations, initials and numbers) and at line-level colons that open
// a list.
func splitSentences(par string) []string {
	var out []string
	start := 0
	rs := []rune(par)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		// Keep runs of punctuation together ("?!", "...").
		j := i
		for j+1 < len(rs) && (rs[j+1] == '.' || rs[j+1] == '!' || rs[j+1] == '?' || rs[j+1] == '"' || rs[j+1] == '“' || rs[j+1] == ')') {
			j++
		}
		if j+1 < len(rs) && !unicode.IsSpace(rs[j+1]) {
			i = j
			continue
		}
		// A full stop ends a sentence only before a capital, a digit or a
		// quote: "am 18. um 13 Uhr" goes on.
		if r == '.' && !startsSentence(rs[j+1:]) {
			i = j
			continue
		}
		if r == '.' {
			// The checks look at the end only: a short tail is enough and
			// keeps long paragraphs linear.
			from := start
			if i-from > 24 {
				from = i - 24
			}
			before := string(rs[from:i])
			if abbrevEnd(rs[from:i]) && !((endsWithNumber(before) || dottedDateEndRe.MatchString(before)) && !nextIsMonth(rs[j+1:])) {
				i = j
				continue
			}
		}
		s := strings.TrimSpace(string(rs[start : j+1]))
		if s != "" {
			out = append(out, s)
		}
		start = j + 1
		i = j
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

func sentencesOf(text string) []sentence {
	var out []sentence
	for _, par := range unwrap(text) {
		for _, s := range splitSentences(par) {
			out = append(out, sentence{text: s, folded: fold(s)})
		}
	}
	return out
}

// clauseBounds returns the clause around pos in a folded sentence: the
// text between commas, semicolons, colons, dashes and "aber"/"sondern".

func clauseAround(s string, pos int) (int, int) {
	start, end := 0, len(s)
	for i := 0; i < len(s); i++ {
		n := sepLenAt(s, i)
		if n == 0 {
			continue
		}
		if i+n <= pos && i+n > start {
			start = i + n
		}
		if i >= pos {
			end = i
			break
		}
		i += n - 1
	}
	return start, end
}

// sepLenAt returns the length of a clause separator starting at s[i], or
// 0: punctuation, a sentence end that is no date ("18. April" goes on), a
// dash between spaces, and the words "aber", "sondern", "but", "however".
func sepLenAt(s string, i int) int {
	switch c := s[i]; c {
	case ',', ';', ':', '(', ')':
		return 1
	case '!', '?':
		if i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' {
			return 1
		}
	case '.':
		if (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') && i > 0 && (s[i-1] < '0' || s[i-1] > '9') && s[i-1] != ' ' && s[i-1] != '.' {
			return 1
		}
	case '-':
		if i > 0 && i+1 < len(s) && s[i-1] == ' ' && s[i+1] == ' ' {
			return 1
		}
	case 'a', 's', 'b', 'h':
		if i > 0 && isWordByte(s[i-1]) {
			return 0
		}
		for _, w := range clauseWords {
			if strings.HasPrefix(s[i:], w) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
				return len(w)
			}
		}
	}
	return 0
}

var clauseWords = []string{"aber", "sondern", "but", "however"}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

var subjectPrefixRe = fastre.MustCompile(`(?i)^\s*((re|aw|wg|fw|fwd|antw|antwort|sv|vs|tr|rif|r)\s*(\[\d+\])?\s*:\s*)+`)

// cleanSubject strips reply and forward prefixes and says which it was.
func cleanSubject(s string) (clean string, reply, forward bool) {
	m := subjectPrefixRe.FindString(s)
	if m == "" {
		return strings.TrimSpace(s), false, false
	}
	l := strings.ToLower(m)
	forward = strings.Contains(l, "wg") || strings.Contains(l, "fw") || strings.Contains(l, "tr")
	reply = !forward
	return strings.TrimSpace(s[len(m):]), reply, forward
}

var monthWordRe = fastre.MustCompile(`(?i)^\s*(januar|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|\d)`)
var (
	numberEndRe     = fastre.MustCompile(`\b\d{1,4}$`)
	dottedDateEndRe = fastre.MustCompile(`\d\.\d{1,2}$`)
)

// abbrevLongest is the length in runes of abbrevRe's longest match
// ("sept", "z. b").
const abbrevLongest = 4

// abbrevEnd tells whether rs ends in an abbreviation, an initial or a
// digit. abbrevRe is anchored at the end, but Go's regexp tries it from
// every position; a match is never longer than abbrevLongest, so the last
// abbrevLongest+1 runes decide (the extra one for the \b before it).
func abbrevEnd(rs []rune) bool {
	if len(rs) > abbrevLongest+1 {
		rs = rs[len(rs)-abbrevLongest-1:]
	}
	return abbrevRe.MatchString(string(rs))
}

// endsWithNumber reports a sentence part ending in a number that is not a
// date written with dots ("18.04"): "am 18. April" goes on, "April 18. Will
// …" ends.
func endsWithNumber(s string) bool {
	return numberEndRe.MatchString(s) && !dottedDateEndRe.MatchString(s)
}

func startsSentence(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsSpace(r) {
			continue
		}
		return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"„“'(-–•*", r)
	}
	return true
}

func nextIsMonth(rs []rune) bool {
	return monthWordRe.MatchString(string(rs))
}
