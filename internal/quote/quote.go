package quote

import (
	"strings"
	"unicode/utf8"
)

// Parts is a mail body split into what the sender wrote now and what they carried along.
type Parts struct {
	New        string   // the sender's new text, without quoted history, forwarded mail and signature; trimmed
	Closing    string   // the closing formula line(s) if found ("Mit freundlichen Grüßen", "Viele Grüße", "LG", "Best regards" …)
	Signature  string   // the block after the closing (or after "-- "): name, role, organisation, address, phone… up to the quote/forward; trimmed; without Disclaimer; mobile footers at its end
	Disclaimer string   // the part of the signature that is a legal/confidentiality footer, removed from Signature
	Quoted     string   // everything carried along: "> " quoted lines, the history after an attribution line or an Outlook header block, forwarded messages
	Headers    []Header // each quoted/forwarded header block found, in order
	Forwarded  bool     // the mail forwards another message (a forward marker was found), as opposed to replying
}

// Header is one quoted or forwarded header block, or an attribution line.
type Header struct {
	From, Date, To, Cc, Subject string // raw text of each field as found (display names and addresses as written)
	Kind                        string // "outlook", "attribution", "forward", "original-message"
}

// Split divides a decoded plain-text mail body into its parts.
func Split(text string) Parts {
	lines := splitLines(normalize(text))
	kinds, forwarded := segment(lines)

	var p Parts
	p.Forwarded = forwarded
	p.Quoted = joinQuoted(lines, kinds)
	p.Headers = collectHeaders(lines, kinds)

	var own []string
	prevNew := false
	for i, l := range lines {
		if kinds[i] != kindNew {
			prevNew = false
			continue
		}
		// A blank between two fragments keeps bottom-posted answers apart.
		if !prevNew && len(own) > 0 {
			own = append(own, "")
		}
		own = append(own, l)
		prevNew = true
	}
	splitSignature(own, &p)
	return p
}

// normalize removes what mail clients and converters add to the text
// without it being part of what anyone wrote, so that the patterns in
// markers.go need not expect it everywhere.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\u00a0\u202f\u2007\u200b\ufeff\u200e\u200f\u00ad") {
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\u00a0', '\u202f', '\u2007':
				return ' '
			case '\u200b', '\ufeff', '\u200e', '\u200f', '\u00ad':
				return -1
			}
			return r
		}, s)
	}
	if strings.Contains(s, "<mailto:") || strings.Contains(s, "<MAILTO:") || strings.Contains(s, "<Mailto:") {
		s = reMailto.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "[cid:") || strings.Contains(s, "[CID:") {
		s = reCID.ReplaceAllString(s, "")
	}
	return s
}

// splitLines splits into right-trimmed lines: trailing blanks carry no
// meaning (Outlook leaves them after header values) except in "-- ", which
// reSigDash accepts without the space anyway.
func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return lines
}

type lineKind uint8

const (
	kindNew    lineKind = iota // written now (or blank between such lines)
	kindQuoted                 // carried along
)

// segment marks every line as new or carried along. '>'-quoted runs (with
// the attribution line in front of them) are islands: text after them is new
// again, which is what makes bottom posting and inline answers work. Any
// other marker (a separator, an Outlook header block, an attribution not
// followed by '>' lines) ends the new text for good, since everything below
// it is the carried message.
func segment(lines []string) ([]lineKind, bool) {
	n := len(lines)
	kinds := make([]lineKind, n)
	mark := func(from, to int) {
		for k := from; k < to && k < n; k++ {
			kinds[k] = kindQuoted
		}
	}
	noBlockUntil := 0 // a failed header block rules out blocks starting inside it
	for i := 0; i < n; {
		l := lines[i]
		if quoteDepth(l) > 0 {
			end := quoteRunEnd(lines, i)
			mark(i, end)
			i = end
			continue
		}
		if strings.TrimSpace(l) == "" {
			i++
			continue
		}
		if sep, ok := matchSeparator(l); ok {
			mark(i, n)
			return kinds, sep.forward
		}
		if i >= noBlockUntil {
			_, end, ok := matchOutlookBlock(lines, i)
			if ok {
				mark(i, n)
				return kinds, false
			}
			noBlockUntil = end
		}
		if _, end, generic, ok := matchAttribution(lines, i); ok {
			next := nextNonBlank(lines, end)
			if next < n && quoteDepth(lines[next]) > 0 {
				mark(i, next)
				i = next
				continue
			}
			if !generic {
				mark(i, n)
				return kinds, false
			}
		}
		i++
	}
	return kinds, false
}

// quoteDepth counts the leading '>' of a line ("> > x", ">> x"); up to
// three blanks in front are tolerated, deeper indentation is not a quote.
func quoteDepth(l string) int {
	i := 0
	for i < len(l) && i < 3 && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	d := 0
	for ; i < len(l); i++ {
		switch l[i] {
		case '>':
			d++
		case ' ', '\t':
			if d == 0 {
				return 0
			}
		default:
			// Sendmail's session transcripts in bounces (">>> RCPT To:<…>")
			// look like quotes but are the bounce's own text.
			if d >= 2 && reSMTPCommand.MatchString(l[i:]) {
				return 0
			}
			return d
		}
	}
	return d
}

// quoteRunEnd returns the end (exclusive) of the '>'-run starting at i.
// Blank lines inside the run belong to it. An unquoted line squeezed between
// two quoted lines is taken as part of the quote only when it looks like a
// wrapped continuation of a long quoted line (a client re-wrapped the quote
// without prefixing the overflow); a short question followed by an answer
// stays new text.
func quoteRunEnd(lines []string, i int) int {
	last := i
	for k := i; k < len(lines); k++ {
		l := lines[k]
		if quoteDepth(l) > 0 {
			last = k
			continue
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		if k == last+1 && k+1 < len(lines) && quoteDepth(lines[k+1]) > 0 && isWrapOverflow(lines[last], l) {
			last = k
			continue
		}
		break
	}
	return last + 1
}

func isWrapOverflow(prevQuoted, l string) bool {
	p := strings.TrimSpace(stripQuote(prevQuoted))
	if utf8.RuneCountInString(p) < 60 || utf8.RuneCountInString(l) > 40 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".!?:", r)
}

func nextNonBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

func matchSeparator(l string) (separator, bool) {
	t := strings.TrimSpace(l)
	if len(t) < 8 || len(t) > 120 {
		return separator{}, false
	}
	for _, s := range separators {
		if s.re.MatchString(t) {
			return s, true
		}
	}
	return separator{}, false
}

// joinQuoted returns the carried-along lines as they stand, '>' included,
// so that consumers can still tell the quoting levels apart.
func joinQuoted(lines []string, kinds []lineKind) string {
	var b strings.Builder
	prev := -2
	for i, l := range lines {
		if kinds[i] != kindQuoted {
			continue
		}
		if prev >= 0 && prev != i-1 {
			b.WriteString("\n")
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(l)
		prev = i
	}
	return strings.TrimSpace(b.String())
}
