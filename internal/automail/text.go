package automail

import (
	"github.com/heinlein/regbot/internal/lexicon"
	"strings"
)

// Bounds on the work spent on one message: auto-replies and bounces say
// what they are in their first lines, and a hostile message must not make
// the classifier slow.
const (
	maxScanLines   = 200   // lines of body text searched for phrases
	maxScanBytes   = 64000 // bytes of body text searched for phrases
	maxGap         = 60    // bytes a "…" in a phrase may stand for
	maxOccurrences = 64    // starts of one phrase tried in one text
)

// fold is the lexicon's folding: lexicon phrases and mail text meet in it.
func fold(s string) string { return lexicon.Fold(s) }

// phrase is a lexicon phrase prepared for matching.
type phrase struct {
	text     string   // as written in the lexicon, for cues
	segs     []string // folded parts between "…" gaps
	prefixOK bool     // a trailing "*": the last word may continue
}

func compilePhrases(list []string) []phrase {
	out := make([]phrase, 0, len(list))
	for _, s := range list {
		p := phrase{text: s}
		t := strings.TrimSpace(s)
		if strings.HasSuffix(t, "*") {
			p.prefixOK = true
			t = strings.TrimSuffix(t, "*")
		}
		for _, seg := range strings.Split(t, "…") {
			if f := fold(seg); f != "" {
				p.segs = append(p.segs, f)
			}
		}
		if len(p.segs) > 0 {
			p.text = strings.TrimSuffix(strings.TrimSpace(s), "*")
			out = append(out, p)
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// boundaryBefore reports whether a match may start at i: a phrase that
// begins with a letter or digit must not begin inside a word.
func boundaryBefore(t string, i int, seg string) bool {
	if i == 0 || !isWordByte(seg[0]) {
		return true
	}
	return !isWordByte(t[i-1])
}

func boundaryAfter(t string, j int, seg string) bool {
	if j >= len(t) || !isWordByte(seg[len(seg)-1]) {
		return true
	}
	return !isWordByte(t[j])
}

// find returns the byte span of the first match of p in the folded text t,
// or -1, -1.
func (p phrase) find(t string) (int, int) {
	first := p.segs[0]
	from := 0
	for tries := 0; tries < maxOccurrences && from < len(t); tries++ {
		i := strings.Index(t[from:], first)
		if i < 0 {
			return -1, -1
		}
		i += from
		from = i + 1
		if !boundaryBefore(t, i, first) {
			continue
		}
		end := i + len(first)
		ok := true
		for _, seg := range p.segs[1:] {
			limit := end + maxGap + len(seg)
			if limit > len(t) {
				limit = len(t)
			}
			j := -1
			if end <= limit {
				j = strings.Index(t[end:limit], seg)
			}
			if j < 0 {
				ok = false
				break
			}
			end += j + len(seg)
		}
		if !ok {
			continue
		}
		last := p.segs[len(p.segs)-1]
		if !p.prefixOK && !boundaryAfter(t, end, last) {
			continue
		}
		return i, end
	}
	return -1, -1
}

// match reports whether p occurs in the folded text t.
func (p phrase) match(t string) bool {
	i, _ := p.find(t)
	return i >= 0
}

// firstMatch returns the first phrase of list found in t.
func firstMatch(list []phrase, t string) (phrase, bool) {
	for _, p := range list {
		if p.match(t) {
			return p, true
		}
	}
	return phrase{}, false
}

// headLines returns at most maxScanLines lines (and maxScanBytes bytes) of
// s, so that phrase and address scans stay bounded whatever the mail.
func headLines(s string) []string {
	if len(s) > maxScanBytes {
		s = s[:maxScanBytes]
	}
	lines := strings.SplitN(s, "\n", maxScanLines+1)
	if len(lines) > maxScanLines {
		lines = lines[:maxScanLines]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	return lines
}

// newText returns the sender's own text: the first lines of the body up
// to the first quote introduction, without lines quoted with ">". An
// auto-reply says what it is above any quote, while a person's reply
// quotes our mails, whose footer ("Diese Nachricht wurde automatisch
// erstellt") must not count against the person.
func newText(body string) string {
	var b strings.Builder
	lines := headLines(body)
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, ">") {
			continue
		}
		if isQuoteStart(t) || isQuoteHeader(lines, i) {
			break
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func isQuoteStart(line string) bool {
	if line == "" {
		return false
	}
	f := fold(line)
	for _, p := range lex.quoteStart {
		if i, _ := p.find(f); i == 0 {
			return true
		}
	}
	if strings.HasSuffix(f, ":") && len(f) < 300 {
		for _, p := range lex.quoteIntro {
			if i, _ := p.find(f); i == 0 {
				return true
			}
		}
	}
	return false
}

// isQuoteHeader reports whether lines[i] starts an Outlook-style header
// block ("Von: …" and, within three lines, "Gesendet: …").
func isQuoteHeader(lines []string, i int) bool {
	if !hasFoldedPrefix(lines[i], lex.quoteHeaderFirst) {
		return false
	}
	for k := i + 1; k < len(lines) && k <= i+3; k++ {
		if hasFoldedPrefix(lines[k], lex.quoteHeaderNext) {
			return true
		}
	}
	return false
}

// hasFoldedPrefix reports whether the line, folded and without leading
// "*" (bold markers of converted HTML), begins with one of the folded
// prefixes.
func hasFoldedPrefix(line string, prefixes []string) bool {
	f := strings.TrimLeft(fold(line), "* ")
	for _, p := range prefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// quoteCue formats a phrase for a cue: `text "bin … nicht im Büro"`.
func quoteCue(where string, p phrase) string {
	return where + ` "` + p.text + `"`
}
