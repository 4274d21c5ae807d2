package intent

import (
	"regexp"
	"regexp/syntax"
	"strings"
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
	}
	return p
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
