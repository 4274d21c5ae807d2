package intent

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A lexicon pattern can only match text that contains one of its required
// literals ("meld" for "\bmelde[nt]?\b… \ban\b"). Checking those with
// strings.Contains first spares the regexp engine the many sentences that
// cannot match; the result is the same.

// pattern is one compiled lexicon phrase and its required literals; an
// empty set means the pattern must always be tried.
type pattern struct {
	re   *regexp.Regexp
	lits []string
	// tail is re without its leading \b, when what follows starts with a
	// literal ("\bmelde…" gives "melde…"). Go's regexp jumps with
	// strings.Index to the places a literal prefix occurs, but a leading
	// \b hides the prefix and makes it try every position; searching
	// for tail and checking the boundary here finds the same matches.
	tail *regexp.Regexp
}

// match reports whether the pattern matches s.
func (p pattern) match(s string) bool {
	if p.tail == nil {
		return p.re.MatchString(s)
	}
	return p.findFrom(s, 0) != nil
}

// find returns the leftmost match in s, as re.FindStringIndex.
func (p pattern) find(s string) []int {
	if p.tail == nil {
		return p.re.FindStringIndex(s)
	}
	return p.findFrom(s, 0)
}

// findAll returns all matches in s, as re.FindAllStringIndex(s, -1).
func (p pattern) findAll(s string) [][]int {
	if p.tail == nil {
		return p.re.FindAllStringIndex(s, -1)
	}
	var out [][]int
	// A tail match is never empty (it starts with a literal), so the next
	// search starts where the last match ended, as in FindAll.
	for off := 0; off <= len(s); {
		loc := p.findFrom(s, off)
		if loc == nil {
			break
		}
		out = append(out, loc)
		off = loc[1]
	}
	return out
}

// findFrom returns the leftmost match of re that starts at off or later.
// The tail's own assertions all lie after its first literal, so they see
// the same text in s[off:] as in s.
func (p pattern) findFrom(s string, off int) []int {
	for off <= len(s) {
		loc := p.tail.FindStringIndex(s[off:])
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

// wordBoundary is \b at position i of s: ASCII word characters on one
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

func (p pattern) possible(s string) bool {
	if len(p.lits) == 0 {
		return true
	}
	for _, l := range p.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

func newPattern(src string) pattern {
	re := regexp.MustCompile(src)
	p := pattern{re: re}
	if parsed, err := syntax.Parse(src, syntax.Perl); err == nil {
		lits := required(parsed.Simplify())
		ok := len(lits) > 0
		for _, l := range lits {
			if len(l) < 3 {
				ok = false
			}
		}
		if ok {
			p.lits = lits
		}
		p.tail = afterBoundary(parsed)
	}
	return p
}

// afterBoundary returns the regexp after a leading \b, when it starts
// with a literal prefix, or nil.
func afterBoundary(re *syntax.Regexp) *regexp.Regexp {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpWordBoundary {
		return nil
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: re.Sub[1:]}
	tail, err := regexp.Compile(rest.String())
	if err != nil {
		return nil
	}
	if prefix, _ := tail.LiteralPrefix(); prefix == "" {
		return nil
	}
	return tail
}

// required returns literals of which at least one occurs in every match, or
// nil when it cannot tell.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// The child whose shortest required literal is longest filters best.
		var best []string
		bestLen := 0
		for _, sub := range re.Sub {
			lits := required(sub)
			if len(lits) == 0 {
				continue
			}
			m := minLen(lits)
			if m > bestLen {
				best, bestLen = lits, m
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
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

func minLen(ls []string) int {
	m := -1
	for _, l := range ls {
		if m < 0 || len(l) < m {
			m = len(l)
		}
	}
	return m
}
