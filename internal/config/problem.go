package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Problem is one thing wrong with a configuration file. Parse returns all of
// them joined with errors.Join; Problems takes them apart again.
type Problem struct {
	File   string
	Line   int // 1-based; 0 when the problem has no place in the file
	Column int // 1-based; 0 when unknown
	Field  string
	Msg    string
	Hint   string // how to fix it; may be empty
}

// Error reads like
//
//	config.yaml:23:5: events[1].deadline: "2024-13-01" is not a date (hint: write it as 2024-04-12 or 2024-04-12T18:00)
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if p.File == "" {
			b.WriteString("line ")
		} else {
			b.WriteString(":")
		}
		b.WriteString(strconv.Itoa(p.Line))
		if p.Column > 0 {
			b.WriteString(":" + strconv.Itoa(p.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString(" (hint: " + p.Hint + ")")
	}
	return b.String()
}

// Problems returns every *Problem in err's tree, in order; nil when there are
// none. Other errors in the tree are skipped.
func Problems(err error) []*Problem {
	var out []*Problem
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *Problem:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

// sortProblems orders by place in the file, so a reader can fix them top to
// bottom; problems without a place come last.
func sortProblems(ps []*Problem) {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// valueError is what the custom UnmarshalYAML methods return, so the decoder
// can turn it into a Problem with a hint instead of aborting.
type valueError struct{ msg, hint string }

func (e *valueError) Error() string {
	if e.hint == "" {
		return e.msg
	}
	return e.msg + " (hint: " + e.hint + ")"
}

// position is a place in the file, 1-based.
type position struct{ line, col int }

func posOf(n *yaml.Node) position { return position{n.Line, n.Column} }

// lookup finds the position of field, or of its nearest ancestor that is in
// the file: a missing events[1].title is reported where events[1] begins.
func lookup(pos map[string]position, field string) (position, bool) {
	for field != "" {
		if p, ok := pos[field]; ok {
			return p, true
		}
		field = parent(field)
	}
	return position{}, false
}

// parent strips the last ".key" or "[i]" from a field path.
func parent(field string) string {
	i := strings.LastIndexAny(field, ".[")
	if i < 0 {
		return ""
	}
	return field[:i]
}

// quote shows a user's value in a message, shortened so a pasted paragraph
// does not drown the message.
func quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}

// describe names the kind of a node for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	if n.ShortTag() == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("the value %s", quote(n.Value))
}

// suggest returns the candidate closest to s, if it is close enough to be a
// typo: case, "-" for "_" and up to two edits (fewer for short words).
func suggest(s string, candidates []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s))
	}
	ns := norm(s)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := levenshtein(ns, norm(c)); d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	switch n := utf8.RuneCountInString(ns); {
	case n <= 2:
		limit = 0 // one edit would be half the word
	case n <= 4:
		limit = 1
	}
	if best == "" || bestD > limit || best == s {
		return ""
	}
	return best
}

// levenshtein is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost 1, because
// "opne" for "open" is one slip of the fingers, not two.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// rows i-2, i-1 and i of the edit matrix
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
