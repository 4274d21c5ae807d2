package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heinlein/regbot/internal/fastre"
)

// splitSignature divides the sender's own lines into New, Closing,
// Signature and Disclaimer. Mobile footers go first, because they sit below
// everything else. The signature start is then searched in decreasing order
// of certainty: closing formula, "-- ", and only when neither exists a
// name-plus-contact block at the end, which needs the legal tail taken off
// first so that it can see where the signature ends. The disclaimer is only
// searched below the signature start when there is one: legal footers
// follow signatures, and the body need not be scanned for them.
func splitSignature(own []string, p *Parts) {
	var mobile []string
	lines := make([]string, 0, len(own))
	for _, l := range own {
		t := strings.TrimSpace(l)
		if t != "" && len(t) <= 200 && reMobileFooter.MatchString(t) {
			mobile = append(mobile, t)
			lines = append(lines, "")
			continue
		}
		lines = append(lines, l)
	}

	dash := -1
	for i, l := range lines {
		if reSigDash.MatchString(l) {
			dash = i
			break
		}
	}
	limit := len(lines)
	if dash >= 0 {
		limit = dash
	}

	newEnd := len(lines)
	d := len(lines)
	var sig []string
	if c, ok := findClosing(lines, limit); ok {
		newEnd = c.line
		p.Closing = c.text
		d = c.sigFrom + disclaimerStart(lines[c.sigFrom:])
		if c.rest != "" {
			sig = append(sig, c.rest)
		}
		for i := c.sigFrom; i < d; i++ {
			if i != dash {
				sig = append(sig, lines[i])
			}
		}
	} else if dash >= 0 {
		newEnd = dash
		d = dash + 1 + disclaimerStart(lines[dash+1:])
		sig = lines[dash+1 : d]
	} else {
		d = disclaimerStart(lines)
		newEnd = d
		if h := heuristicSignature(lines[:d]); h >= 0 {
			newEnd = h
			sig = lines[h:d]
		}
	}

	sig, ps := splitPostScript(sig)
	newLines := lines[:newEnd:newEnd]
	if len(ps) > 0 {
		newLines = append(append(newLines, ""), ps...)
	}
	p.New = tidy(newLines)
	p.Signature = tidy(sig)
	if len(mobile) > 0 {
		m := strings.Join(mobile, "\n")
		if p.Signature == "" {
			p.Signature = m
		} else {
			p.Signature += "\n\n" + m
		}
	}
	p.Disclaimer = tidy(lines[d:])
}

// tidy joins lines, squeezes runs of blank lines to one and trims.
func tidy(lines []string) string {
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return strings.TrimSpace(b.String())
}

type closing struct {
	line    int    // index of the closing line
	text    string // the closing formula (lines)
	rest    string // a name written on the closing line ("LG Svenja")
	sigFrom int    // first line of the signature proper
}

// findClosing looks for the last closing formula before limit that stands
// at the start of its own short line and is followed by something that
// can be a signature. Searching from the end means a "Grüße" in the
// salutation or the body cannot win over the real closing.
func findClosing(body []string, limit int) (closing, bool) {
	for i := limit - 1; i >= 0; i-- {
		t := strings.TrimSpace(body[i])
		if t == "" || len(t) > 150 || len(strings.Fields(t)) > 9 {
			continue
		}
		text, rest, strong, ok := matchClosing(t)
		if !ok {
			continue
		}
		nx := nextNonBlank(body[:limit], i+1)
		hasNext := nx < limit
		switch {
		case rest != "" && strong && reClosingTail.MatchString(rest) && len(strings.Fields(rest)) <= 5:
			// "Herzliche Grüße und bis bald": the whole line is the closing.
			text, rest = t, ""
		case rest != "":
			commaSplit := strings.HasSuffix(text, ",")
			if !isPersonName(rest, strong) || (!strong && !commaSplit) || len(strings.Fields(rest)) > 4 {
				continue
			}
		case strong:
			if hasNext && isLongProse(body[nx]) && !rePostScript.MatchString(strings.TrimSpace(body[nx])) && !startsDisclaimer(body[:limit], nx) {
				continue
			}
		default:
			if !hasNext || !isNameLine(body[nx], true) {
				continue
			}
		}
		c := closing{line: i, text: text, rest: rest, sigFrom: i + 1}
		if rest == "" && hasNext {
			d := strings.TrimSpace(body[nx])
			if m := reDelegation.FindStringIndex(d); m != nil {
				after := strings.TrimSpace(d[m[1]:])
				switch {
				case after == "":
					c.text += "\n" + d
					c.sigFrom = nx + 1
				case isPersonName(after, true):
					c.text += "\n" + strings.TrimSpace(d[:m[1]])
					c.rest = after
					c.sigFrom = nx + 1
				}
			}
		}
		return c, true
	}
	return closing{}, false
}

// matchClosing tests whether t starts with a closing formula. text is the
// formula with the punctuation after it, rest what follows on the line.
func matchClosing(t string) (text, rest string, strong, ok bool) {
	if loc := reStrongClosing.FindStringIndex(t); loc != nil && boundaryAfter(t, loc[1]) {
		end := loc[1]
		if m := reClosingJoin.FindStringIndex(t[end:]); m != nil {
			rem := t[end+m[1]:]
			if l2 := reStrongClosing.FindStringIndex(rem); l2 != nil && boundaryAfter(rem, l2[1]) {
				end += m[1] + l2[1]
			}
		}
		text, rest = cutAfter(t, end)
		return text, rest, true, true
	}
	if loc := reWeakClosing.FindStringIndex(t); loc != nil && boundaryAfter(t, loc[1]) {
		text, rest = cutAfter(t, loc[1])
		return text, rest, false, true
	}
	return "", "", false, false
}

func cutAfter(t string, end int) (string, string) {
	j := end
	for j < len(t) && strings.IndexByte(" ,.!;:", t[j]) >= 0 {
		j++
	}
	return strings.TrimSpace(t[:j]), strings.TrimSpace(t[j:])
}

// boundaryAfter reports whether the match ending at i ends a word, so that
// "Best" does not match "Bestätigung" nor "LG" "LGBT".
func boundaryAfter(t string, i int) bool {
	if i >= len(t) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func isLongProse(l string) bool {
	t := strings.TrimSpace(l)
	return len(strings.Fields(t)) > 12 || strings.HasSuffix(t, "?")
}

// isNameLine accepts a line that starts with a person's name, possibly
// followed by an organisation or role ("Tobias Reinhardt | Spreeware GmbH",
// "i. A. Ralf Dietrich").
func isNameLine(l string, allowLower bool) bool {
	t := strings.TrimSpace(l)
	if m := reDelegation.FindStringIndex(t); m != nil {
		t = strings.TrimSpace(t[m[1]:])
	}
	if i := strings.IndexAny(t, "|,–("); i > 0 {
		t = strings.TrimSpace(t[:i])
	}
	return isPersonName(t, allowLower)
}

// isPersonName is deliberately strict: one to five words of letters (plus
// the dots, hyphens and apostrophes of titles and names), capitalised
// unless allowLower, with no organisation or role word and no sentence
// starter. It errs towards "no", which leaves text in New.
func isPersonName(t string, allowLower bool) bool {
	t = strings.TrimSpace(t)
	if t == "" || utf8.RuneCountInString(t) > 60 || sigKeywords.MatchString(t) {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 5 {
		return false
	}
	if nonNameWords[strings.ToLower(strings.Trim(words[0], ".,!:;"))] {
		return false
	}
	letters := 0
	for _, w := range words {
		first := true
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				if first && unicode.IsLower(r) && !allowLower && !nameParticles[strings.ToLower(w)] {
					return false
				}
				letters++
			case r == '.' || r == '-' || r == '\'' || r == '’':
			default:
				return false
			}
			first = false
		}
	}
	return letters >= 2
}

// heuristicSignature finds a signature that has neither closing nor "-- ":
// a trailing block of short lines whose first line is a person's name,
// standing after a finished sentence. It returns the block's first line or
// -1. A list of attendees ("Max Muster\nErika Muster" after "an:") must not
// pass, hence the checks on the line before and on further bare names.
func heuristicSignature(body []string) int {
	top, stop := -1, -1
	seen := 0
	for k := len(body) - 1; k >= 0; k-- {
		t := strings.TrimSpace(body[k])
		if t == "" {
			continue
		}
		if isSigLine(t) {
			if seen++; seen > maxSigBlock {
				return -1
			}
			top = k
			continue
		}
		stop = k
		break
	}
	if top < 0 {
		return -1
	}
	var block []string
	for _, l := range body[top:] {
		if t := strings.TrimSpace(l); t != "" {
			block = append(block, t)
		}
	}
	if !isNameLine(block[0], false) || reContactLine.MatchString(block[0]) {
		return -1
	}
	contact := false
	for _, b := range block[1:] {
		if reContactLine.MatchString(b) || sigKeywords.MatchString(b) {
			contact = true
			continue
		}
		if isPersonName(b, false) {
			return -1 // a second bare name: more likely a list than a signature
		}
	}
	if stop < 0 {
		// Nothing but the block: only a real contact block is a signature.
		if contact {
			return top
		}
		return -1
	}
	prev := strings.TrimSpace(body[stop])
	r, _ := utf8.DecodeLastRuneInString(prev)
	if r == ':' || r == ',' || r == ';' {
		return -1
	}
	finished := strings.ContainsRune(".!?…)", r) || unicode.Is(unicode.So, r)
	if !finished && (top == stop+1 || len(block) == 1) {
		return -1
	}
	return top
}

// maxSigBlock is the most lines a signature found without closing or
// "-- " may have; longer runs of short lines are lists or addresses.
const maxSigBlock = 10

// isSigLine accepts the short, unpunctuated lines signatures are made of.
func isSigLine(t string) bool {
	if len(t) > 400 || reBullet.MatchString(t) {
		return false
	}
	if reContactLine.MatchString(t) && utf8.RuneCountInString(t) <= 120 {
		return true
	}
	words := strings.Fields(t)
	if len(words) > 8 || utf8.RuneCountInString(t) > 80 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '?', ':', ';', ',', '!':
		return false
	case '.':
		last := strings.ToLower(words[len(words)-1])
		return strings.Count(last, ".") > 1 || sigAbbrevs[last]
	}
	return true
}

// splitPostScript takes "PS: …" paragraphs out of the signature: the
// sender wrote them now, after signing.
func splitPostScript(sig []string) (rest, ps []string) {
	in := false
	for _, l := range sig {
		t := strings.TrimSpace(l)
		if t == "" {
			in = false
			rest = append(rest, l)
			continue
		}
		if !in && rePostScript.MatchString(t) {
			in = true
		}
		if in {
			ps = append(ps, l)
		} else {
			rest = append(rest, l)
		}
	}
	return rest, ps
}

// disclaimerStart returns the index where the legal tail of lines begins
// (len(lines) if there is none), walking back paragraph by paragraph.
func disclaimerStart(lines []string) int {
	// "-- " separates paragraphs here: it belongs to neither side.
	gap := func(l string) bool { return strings.TrimSpace(l) == "" || reSigDash.MatchString(l) }
	d := len(lines)
	e := len(lines)
	for e > 0 {
		for e > 0 && gap(lines[e-1]) {
			e--
		}
		s := e
		for s > 0 && !gap(lines[s-1]) {
			s--
		}
		if s == e {
			break
		}
		if isDisclaimerParagraph(lines[s:e]) {
			d = s
			e = s
			continue
		}
		// A contact block whose last lines are imprint data.
		k := e
		for k > s && isLegalLine(lines[k-1]) {
			k--
		}
		if k < e {
			d = k
		}
		break
	}
	return d
}

// startsDisclaimer reports whether the paragraph starting at lines[i] is
// a legal footer (a closing may be followed directly by one).
func startsDisclaimer(lines []string, i int) bool {
	e := i
	for e < len(lines) && strings.TrimSpace(lines[e]) != "" {
		e++
	}
	return isLegalLine(lines[i]) || isDisclaimerParagraph(lines[i:e])
}

// maxLegalLine and maxDisclaimer bound the text the footer tests look at:
// no legal line or footer paragraph is longer, and the bound keeps a
// megabyte of unbroken text from being scanned by every pattern.
const (
	maxLegalLine  = 600
	maxDisclaimer = 10000
)

func isLegalLine(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || len(t) > maxLegalLine || len(strings.Fields(t)) > 40 || reFirstPerson.MatchString(t) {
		return false
	}
	return matchAny(legalLinePatterns, strings.ToLower(t)) || reOptOutLine.MatchString(t)
}

func matchAny(res []*fastre.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func isDisclaimerParagraph(ls []string) bool {
	allLegal := true
	for _, l := range ls {
		if strings.TrimSpace(l) != "" && !isLegalLine(l) {
			allLegal = false
			break
		}
	}
	if allLegal {
		return true
	}
	// Beyond imprint lines only prose qualifies: a contact block with a
	// "Sitz:" in it must keep its organisation and address lines.
	prose := false
	for _, l := range ls {
		if len(strings.Fields(l)) >= 10 {
			prose = true
			break
		}
	}
	text := strings.Join(ls, " ")
	if !prose || len(text) > maxDisclaimer {
		return false
	}
	lower := strings.ToLower(text)
	// An opt-out footer addresses the reader and may speak of its
	// sender ("if you don't want to hear from me"); no request does that.
	if matchAny(optOutPatterns, lower) {
		return true
	}
	if reFirstPerson.MatchString(text) {
		return false
	}
	if matchAny(legalLinePatterns, lower) {
		return true
	}
	if len(strings.Fields(text)) < 15 {
		return false
	}
	groups := 0
	for _, g := range disclaimerGroups {
		for _, sub := range g {
			if strings.Contains(lower, sub) {
				groups++
				break
			}
		}
	}
	return groups >= 2
}
