// Package fastre owns the search for the classifier's regular expressions.
// A Regexp finds exactly what the regexp package finds, but spends less
// time on the sentences, lines and words where there is nothing to find.
//
// Go's regexp jumps to a match with strings.Index only when every match
// starts with the same literal. The lexicon's patterns rarely do: they
// start with \b, ignore case, or are alternations of phrases. Tried from
// every position of every line, they were the largest part of reading a
// mail. A Regexp therefore
//   - splits a top-level alternation and searches each phrase on its own
//     (the leftmost match, earliest phrase first on a tie, is the match);
//   - skips a phrase at once when the text lacks every literal that all of
//     its matches contain (prefilter), also for literals under (?i);
//   - searches a phrase that starts with \b and then a literal for that
//     literal and checks the boundary itself.
//
// The differential tests compare every method with the regexp package.
package fastre

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Regexp is a compiled regular expression with the results of
// regexp.Regexp.
type Regexp struct {
	re   *regexp.Regexp
	alts []alt
	// findAll is whether FindAllStringIndex may use alts: every phrase
	// is searched by a literal and never matches empty.
	findAll bool
}

// alt is one phrase of a top-level alternation (or the whole expression).
type alt struct {
	re *regexp.Regexp
	// boundary: re is the phrase without its leading \b, which starts
	// with a literal; a match must start at a word boundary.
	boundary bool
	// The phrase can only match text that contains one of need or one
	// of the bytes in needByte.
	need     []literal
	needByte string
}

// MustCompile is Compile that panics on a bad expression, for the
// package-level patterns of the lexicon.
func MustCompile(src string) *Regexp {
	r, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return r
}

// Compile parses src (regexp's syntax).
func Compile(src string) (*Regexp, error) {
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, err
	}
	parsed, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil, err
	}
	// Not Simplified: that spells out counted repetitions ("[^;]{0,140}"
	// becomes 140 nested copies), and the phrases are compiled again
	// from their text (see text).
	top := parsed
	for top.Op == syntax.OpCapture {
		top = top.Sub[0]
	}
	phrases := []*syntax.Regexp{parsed}
	if top.Op == syntax.OpAlternate {
		phrases = top.Sub
	}
	texts := []string{src}
	if len(phrases) > 1 {
		texts = splitTop(src)
	}
	r := &Regexp{re: re, findAll: true}
	for i, p := range phrases {
		var own string // the phrase's text, when the source splits cleanly
		if len(texts) == len(phrases) {
			own = texts[i]
		}
		a := alt{re: re}
		if !anchored(p) {
			// An anchored phrase is tried at the start only: cheaper
			// than looking for its literals.
			a.need, a.needByte = splitNeeds(required(p))
		}
		if tail := afterBoundary(p, own); tail != nil {
			a.re, a.boundary = tail, true
		} else if len(phrases) > 1 {
			if a.re, err = regexp.Compile(text(p, own)); err != nil {
				// Not expressible on its own: search the whole expression.
				whole := alt{re: re}
				whole.need, whole.needByte = splitNeeds(required(parsed))
				return &Regexp{re: re, alts: []alt{whole}}, nil
			}
		}
		if !a.boundary && !startsWithLiteral(p) || minLen(p) == 0 {
			r.findAll = false
		}
		r.alts = append(r.alts, a)
	}
	return r, nil
}

// String returns the source text.
func (r *Regexp) String() string { return r.re.String() }

// Regexp returns the regexp.Regexp, for submatches.
func (r *Regexp) Regexp() *regexp.Regexp { return r.re }

// MatchString reports whether s contains a match.
func (r *Regexp) MatchString(s string) bool {
	t := haystack{s: s}
	for i := range r.alts {
		a := &r.alts[i]
		if !a.possible(&t) {
			continue
		}
		if a.boundary {
			if a.findFrom(s, 0) != nil {
				return true
			}
		} else if a.re.MatchString(s) {
			return true
		}
	}
	return false
}

// FindStringIndex returns the leftmost match, as regexp's.
func (r *Regexp) FindStringIndex(s string) []int {
	return r.findFrom(s, 0)
}

// findFrom returns the leftmost match starting at off or later. With off
// > 0 it is only used when every phrase starts with a literal.
func (r *Regexp) findFrom(s string, off int) []int {
	t := haystack{s: s[off:]}
	var best []int
	for i := range r.alts {
		a := &r.alts[i]
		if !a.possible(&t) {
			continue
		}
		var loc []int
		switch {
		case a.boundary:
			loc = a.findFrom(s, off)
		case off == 0:
			loc = a.re.FindStringIndex(s)
		default:
			if loc = a.re.FindStringIndex(s[off:]); loc != nil {
				loc[0], loc[1] = loc[0]+off, loc[1]+off
			}
		}
		// On a tie the earlier phrase wins, as in the alternation.
		if loc != nil && (best == nil || loc[0] < best[0]) {
			best = loc
		}
	}
	return best
}

// FindAllStringIndex returns the successive non-overlapping matches, as
// regexp's.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.findAll {
		t := haystack{s: s}
		for i := range r.alts {
			if r.alts[i].possible(&t) {
				return r.re.FindAllStringIndex(s, n)
			}
		}
		return nil
	}
	var out [][]int
	// No phrase matches empty, so the next search starts where the last
	// match ended, as in regexp.
	for off := 0; off <= len(s) && (n < 0 || len(out) < n); {
		loc := r.findFrom(s, off)
		if loc == nil {
			break
		}
		out = append(out, loc)
		off = loc[1]
	}
	return out
}

// splitNeeds puts single bytes aside, to be looked for in one pass.
func splitNeeds(lits []literal) ([]literal, string) {
	var multi []literal
	var single []byte
	for _, l := range lits {
		if len(l.s) == 1 && (!l.fold || !isLetter(l.s[0])) {
			single = append(single, l.s[0])
		} else {
			multi = append(multi, l)
		}
	}
	if len(single) > 0 && len(multi) == 0 {
		return nil, string(single)
	}
	// Mixed: keep them together (rare; single bytes as literals).
	return lits, ""
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// haystack is what the prefilters look at: the text, and once a literal
// under (?i) is looked for, its folded form.
type haystack struct {
	s, folded string
	hasFolded bool
}

// fold returns the text with every rune that (?i) makes equal to an ASCII
// letter written as that letter in lower case; the other runes stay. A
// lower-case ASCII literal occurs in it exactly where (?i) finds it in s.
func (t *haystack) fold() string {
	if !t.hasFolded {
		t.folded, t.hasFolded = foldASCII(t.s), true
	}
	return t.folded
}

// possible tells whether the text contains one of the literals the phrase
// needs.
func (a *alt) possible(t *haystack) bool {
	if a.needByte != "" {
		return strings.ContainsAny(t.s, a.needByte)
	}
	if len(a.need) == 0 {
		return true
	}
	for _, l := range a.need {
		if l.fold {
			if strings.Contains(t.fold(), l.s) {
				return true
			}
		} else if strings.Contains(t.s, l.s) {
			return true
		}
	}
	return false
}

// foldASCII is haystack.fold: ASCII upper case and the runes in foldsToASCII
// become lower-case ASCII. Text with none of them is returned as it is.
func foldASCII(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if f, ok := foldsToASCII[r]; ok {
			b = append(b, f)
		} else {
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
}

// findFrom finds a boundary phrase at off or later. The phrase (after
// \b) starts with a literal, so its own assertions see the same text in
// s[off:] as in s.
func (a *alt) findFrom(s string, off int) []int {
	for off <= len(s) {
		loc := a.re.FindStringIndex(s[off:])
		if loc == nil {
			return nil
		}
		at := off + loc[0]
		if wordBoundary(s, at) {
			return []int{at, off + loc[1]}
		}
		_, w := utf8.DecodeRuneInString(s[at:])
		off = at + max(w, 1)
	}
	return nil
}

// wordBoundary is \b at position i of s: an ASCII word character on one
// side only.
func wordBoundary(s string, i int) bool {
	before, after := false, false
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		before = syntax.IsWordChar(r)
	}
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		after = syntax.IsWordChar(r)
	}
	return before != after
}

// afterBoundary returns the phrase after a leading \b when it starts with
// a literal, or nil. own is the phrase's source text, if known.
func afterBoundary(re *syntax.Regexp, own string) *regexp.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpWordBoundary {
		return nil
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[1:]}
	if !startsWithLiteral(rest) {
		return nil
	}
	flags, body := leadingFlags(own)
	tail, err := regexp.Compile(text(rest, flags+strings.TrimPrefix(body, `\b`)))
	if err != nil {
		return nil
	}
	return tail
}

// text returns an expression for re: the candidate when it parses to
// re, else re.String(), which is slow for large character classes and
// was most of the cost of compiling the lexicon.
func text(re *syntax.Regexp, candidate string) string {
	if candidate != "" {
		if p, err := syntax.Parse(candidate, syntax.Perl); err == nil && p.Equal(re) {
			return candidate
		}
	}
	return re.String()
}

// leadingFlags splits a leading flag group ("(?i)") off src.
func leadingFlags(src string) (flags, rest string) {
	if !strings.HasPrefix(src, "(?") {
		return "", src
	}
	end := strings.IndexByte(src, ')')
	if end < 0 || strings.ContainsAny(src[2:end], ":<") {
		return "", src
	}
	return src[:end+1], src[end+1:]
}

// splitTop cuts src at the bars of its top-level alternation, also inside
// one group that spans it all ("(?i)(a|b)"), giving each piece the
// leading flags. It only proposes: text checks each piece.
func splitTop(src string) []string {
	flags, body := leadingFlags(src)
	if inner, ok := unwrapGroup(body); ok {
		body = inner
	}
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '[':
			i = classEnd(body, i)
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, flags+body[start:i])
				start = i + 1
			}
		}
	}
	return append(out, flags+body[start:])
}

// unwrapGroup returns the inside of s when s is one group, "(…)" or
// "(?:…)".
func unwrapGroup(s string) (string, bool) {
	open := 0
	switch {
	case strings.HasPrefix(s, "(?:"):
		open = 3
	case strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "(?"):
		open = 1
	default:
		return "", false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			i = classEnd(s, i)
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				if i != len(s)-1 {
					return "", false
				}
				return s[open:i], true
			}
		}
	}
	return "", false
}

// classEnd returns the index of the ']' that closes the class opening at
// s[i].
func classEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '^' {
		j++
	}
	if j < len(s) && s[j] == ']' {
		j++ // a leading ']' is a member
	}
	for ; j < len(s); j++ {
		switch {
		case s[j] == '\\':
			j++
		case s[j] == '[' && j+1 < len(s) && s[j+1] == ':':
			if k := strings.Index(s[j:], ":]"); k >= 0 {
				j += k + 1
			}
		case s[j] == ']':
			return j
		}
	}
	return len(s)
}

// anchored tells whether re only matches at the start of the text.
func anchored(re *syntax.Regexp) bool {
	return head(re).Op == syntax.OpBeginText
}

// startsWithLiteral tells whether every match of re starts with the same
// literal text: then regexp finds it with strings.Index, and nothing in
// re looks at the text before the match.
func startsWithLiteral(re *syntax.Regexp) bool {
	h := head(re)
	return h.Op == syntax.OpLiteral && len(h.Rune) > 0 && h.Flags&syntax.FoldCase == 0
}

// head returns what re begins with: its first part, inside groups and
// sequences.
func head(re *syntax.Regexp) *syntax.Regexp {
	for (re.Op == syntax.OpCapture || re.Op == syntax.OpConcat) && len(re.Sub) > 0 {
		re = re.Sub[0]
	}
	return re
}

// minLen is the fewest bytes a match of re can have (0 when unsure).
func minLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += utf8.RuneLen(r)
		}
		if re.Flags&syntax.FoldCase != 0 {
			return len(re.Rune) // a folded rune may be shorter
		}
		return n
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minLen(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += minLen(sub)
		}
		return n
	case syntax.OpAlternate:
		m := -1
		for _, sub := range re.Sub {
			if l := minLen(sub); m < 0 || l < m {
				m = l
			}
		}
		return max(m, 0)
	}
	return 0
}

// literal is text every match contains: as is, or (fold) in any case.
type literal struct {
	s    string // lower case when fold
	fold bool
}

// required returns literals of which at least one occurs in every match
// of re, or nil when it cannot tell.
func required(re *syntax.Regexp) []literal {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase == 0 {
			return []literal{{s: string(re.Rune)}}
		}
		b := make([]byte, 0, len(re.Rune))
		for _, r := range re.Rune {
			if r >= utf8.RuneSelf {
				return nil // only ASCII is folded here
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		}
		return []literal{{s: string(b), fold: true}}
	case syntax.OpCharClass:
		// A small class of digits and punctuation ([0-9], [.:]) is a set
		// of literals; letters and spaces are too common to filter with.
		var out []literal
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= utf8.RuneSelf || int(hi-lo)+1+len(out) > 10 {
				return nil
			}
			for r := lo; r <= hi; r++ {
				if r <= ' ' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
					return nil
				}
				out = append(out, literal{s: string(r)})
			}
		}
		return out
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// The child whose shortest literal is longest filters best.
		var best []literal
		bestLen := 0
		for _, sub := range re.Sub {
			lits := required(sub)
			if len(lits) == 0 {
				continue
			}
			if m := shortest(lits); m > bestLen || (m == bestLen && len(lits) < len(best)) {
				best, bestLen = lits, m
			}
		}
		return best
	case syntax.OpAlternate:
		var out []literal
		for _, sub := range re.Sub {
			lits := required(sub)
			if len(lits) == 0 {
				return nil
			}
			out = append(out, lits...)
		}
		return out
	}
	return nil
}

func shortest(ls []literal) int {
	m := -1
	for _, l := range ls {
		if m < 0 || len(l.s) < m {
			m = len(l.s)
		}
	}
	return m
}

// foldsToASCII maps the non-ASCII runes that simple case folding makes
// equal to an ASCII letter (ſ to s, the Kelvin sign to k) to that letter.
var foldsToASCII = func() map[rune]byte {
	m := map[rune]byte{}
	for c := 'a'; c <= 'z'; c++ {
		for r := unicode.SimpleFold(c); r != c; r = unicode.SimpleFold(r) {
			if r >= utf8.RuneSelf {
				m[r] = byte(c)
			}
		}
	}
	return m
}()

// The methods below run the regexp only where MatchString found a match,
// so text without one costs no more than MatchString.

// FindString returns the text of the leftmost match, as regexp's.
func (r *Regexp) FindString(s string) string {
	if loc := r.FindStringIndex(s); loc != nil {
		return s[loc[0]:loc[1]]
	}
	return ""
}

// FindAllString returns the text of the matches, as regexp's.
func (r *Regexp) FindAllString(s string, n int) []string {
	var out []string
	for _, loc := range r.FindAllStringIndex(s, n) {
		out = append(out, s[loc[0]:loc[1]])
	}
	return out
}

// FindStringSubmatch is regexp's, where there is a match.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.MatchString(s) {
		return nil
	}
	return r.re.FindStringSubmatch(s)
}

// FindAllStringSubmatch is regexp's, where there is a match.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.MatchString(s) {
		return nil
	}
	return r.re.FindAllStringSubmatch(s, n)
}

// ReplaceAllString is regexp's, where there is a match.
func (r *Regexp) ReplaceAllString(s, repl string) string {
	if !r.MatchString(s) {
		return s
	}
	return r.re.ReplaceAllString(s, repl)
}

// ReplaceAllStringFunc is regexp's, where there is a match.
func (r *Regexp) ReplaceAllStringFunc(s string, repl func(string) string) string {
	if !r.MatchString(s) {
		return s
	}
	return r.re.ReplaceAllStringFunc(s, repl)
}

// FindAllStringSubmatchIndex is regexp's, where there is a match.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.MatchString(s) {
		return nil
	}
	return r.re.FindAllStringSubmatchIndex(s, n)
}

// Split is regexp's: without a match, s is the only piece.
func (r *Regexp) Split(s string, n int) []string {
	if n != 0 && s != "" && !r.MatchString(s) {
		return []string{s}
	}
	return r.re.Split(s, n)
}
