package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// headerField parses one "Label: value" line of a quoted header block.
// field is "" for labels that belong to such blocks but are not reported.
func headerField(l string) (label, field, value string, ok bool) {
	t := strings.TrimSpace(l)
	// Every label ends with a colon within the first few dozen bytes.
	if c := strings.IndexByte(t, ':'); c < 0 || c > 64 || len(t) > 2000 {
		return "", "", "", false
	}
	m := reHeaderLine.FindStringSubmatch(t)
	if m == nil {
		return "", "", "", false
	}
	label = strings.ToLower(m[1])
	return label, headerLabels[label], cleanValue(m[2]), true
}

func isHeaderish(l string) bool {
	_, _, _, ok := headerField(l)
	return ok
}

// cleanValue drops the bold markers and blanks HTML-to-text leaves around values.
func cleanValue(v string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(v), "*"))
}

func (h *Header) set(field, value string, appendTo bool) {
	var f *string
	switch field {
	case "from":
		f = &h.From
	case "date":
		f = &h.Date
	case "to":
		f = &h.To
	case "cc":
		f = &h.Cc
	case "subject":
		f = &h.Subject
	default:
		return
	}
	switch {
	case appendTo && *f != "":
		*f += " " + value
	case *f == "":
		*f = value // the first occurrence wins: later ones belong to deeper blocks
	}
}

// parseHeaderBlock reads the header block starting at lines[start]. It
// returns the header, the index after the block and how many header lines
// it recognised. Wrapped values continue on indented lines or on a line
// followed by another header line (Outlook wraps long To/Cc lists); single
// blank lines between fields are tolerated because HTML-to-text turns each
// <p> of Outlook's block into a paragraph of its own.
func parseHeaderBlock(lines []string, start int) (Header, int, int, bool) {
	var h Header
	n := 0
	raw := false // the block is a raw RFC 5322 header (bounces), not a client's rendering
	last := ""
	k := start
	// Raw headers in bounces run to dozens of Received lines; rendered
	// blocks are far shorter. The bound keeps a failed block cheap.
	for ; k < len(lines) && k < start+100; k++ {
		l := lines[k]
		t := strings.TrimSpace(l)
		if t == "" {
			if n > 0 && k+1 < len(lines) && isHeaderish(lines[k+1]) {
				continue
			}
			break
		}
		if label, field, value, ok := headerField(t); ok {
			if n == 0 && field == "from" {
				if ih, ok := parseInlineBlock(t); ok {
					return ih, k + 1, 4, false
				}
			}
			switch label {
			case "received", "return-path", "message-id", "mime-version", "content-type", "delivered-to":
				raw = true
			}
			h.set(field, value, false)
			last = field
			n++
			continue
		}
		if n > 0 && (l[0] == ' ' || l[0] == '\t' || (k+1 < len(lines) && isHeaderish(lines[k+1]))) {
			h.set(last, t, true)
			continue
		}
		break
	}
	return h, k, n, raw
}

// parseInlineBlock splits a header block that a converter collapsed onto a
// single line: "Von: X Gesendet: Mittwoch, … An: Y Betreff: Z".
func parseInlineBlock(t string) (Header, bool) {
	locs := reInlineLabel.FindAllStringSubmatchIndex(t, -1)
	if len(locs) < 3 || locs[0][0] != 0 {
		return Header{}, false
	}
	var h Header
	seen := map[string]bool{}
	for i, loc := range locs {
		end := len(t)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		field := headerLabels[strings.ToLower(t[loc[2]:loc[3]])]
		if seen[field] {
			return Header{}, false // "To:" inside a subject, not a block
		}
		seen[field] = true
		h.set(field, cleanValue(t[loc[1]:end]), false)
	}
	if h.From == "" || h.Subject == "" || (h.Date == "" && h.To == "") {
		return Header{}, false
	}
	return h, true
}

// matchOutlookBlock recognises an unprefixed header block at lines[i]
// (optionally introduced by a horizontal rule). Without a separator line to
// announce it, it must carry From, Subject and a Date or To, which prose
// never does.
func matchOutlookBlock(lines []string, i int) (Header, int, bool) {
	start := i
	ruled := false
	if reRule.MatchString(strings.TrimSpace(lines[i])) {
		j := nextNonBlank(lines, i+1)
		if j >= len(lines) || j > i+3 {
			return Header{}, 0, false
		}
		start, ruled = j, true
	}
	if !isHeaderish(lines[start]) {
		return Header{}, 0, false
	}
	h, end, n, raw := parseHeaderBlock(lines, start)
	if end <= i {
		end = i + 1
	}
	ok := n >= 3 && h.From != "" && h.Subject != "" && (h.Date != "" || h.To != "")
	if ruled && n >= 2 && h.From != "" {
		ok = true
	}
	if !ok {
		// end still tells the caller how far no block can start: a block
		// starting inside this one has a subset of its fields.
		return Header{}, end, false
	}
	h.Kind = "outlook"
	if raw {
		h.Kind = "original-message"
	}
	return h, end, true
}

// matchAttribution recognises a reply attribution ("Am … schrieb X:",
// "On … X wrote:") starting at lines[i], wrapped over up to three lines as
// long sender names and addresses make clients do. It returns the index
// after it and whether only a generic pattern ("X wrote:") matched.
func matchAttribution(lines []string, i int) (Header, int, bool, bool) {
	joined := ""
	for w := 0; w < 3 && i+w < len(lines); w++ {
		l := lines[i+w]
		t := strings.TrimSpace(l)
		if t == "" || len(t) > 300 || (w > 0 && quoteDepth(l) > 0) {
			break
		}
		if joined == "" {
			joined = t
		} else {
			joined += " " + t
		}
		if !strings.HasSuffix(t, ":") {
			continue
		}
		h, generic, ok := parseAttribution(joined)
		if !ok {
			break
		}
		return h, i + w + 1, generic, true
	}
	return Header{}, 0, false, false
}

func parseAttribution(s string) (Header, bool, bool) {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.NewReplacer("< ", "<", " >", ">").Replace(s)
	if utf8.RuneCountInString(s) > 320 {
		return Header{}, false, false
	}
	for _, a := range attributions {
		m := a.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		from := strings.TrimSpace(strings.Trim(m[a.from], " ,"))
		date := ""
		if a.date > 0 {
			date = strings.TrimSpace(strings.TrimRight(m[a.date], " ,"))
		}
		hasAddr := strings.Contains(from, "@")
		if from == "" || (len(strings.Fields(from)) > 10 && !hasAddr) || utf8.RuneCountInString(from) > 160 {
			continue
		}
		generic := a.generic || (a.date == 0 && !hasAddr)
		if a.date > 0 && (!strings.ContainsAny(date, "0123456789") || utf8.RuneCountInString(date) > 80) {
			continue
		}
		if generic && len(strings.Fields(from)) > 8 && !hasAddr {
			continue
		}
		return Header{From: from, Date: date, Kind: "attribution"}, generic, true
	}
	return Header{}, false, false
}

// collectHeaders finds every header block and attribution in the
// carried-along lines, at any quoting depth, in order.
func collectHeaders(lines []string, kinds []lineKind) []Header {
	n := len(lines)
	view := make([]string, n)
	found := false
	for i, l := range lines {
		if kinds[i] == kindQuoted {
			view[i] = stripQuote(l)
			found = true
		}
	}
	if !found {
		return nil
	}
	var hs []Header
	noBlockUntil := 0
	for i := 0; i < n; i++ {
		if kinds[i] != kindQuoted || strings.TrimSpace(view[i]) == "" {
			continue
		}
		if sep, ok := matchSeparator(view[i]); ok {
			j := nextNonBlank(view, i+1)
			if j < n && j <= i+3 && isHeaderish(view[j]) {
				h, end, _, _ := parseHeaderBlock(view, j)
				h.Kind = sep.kind
				hs = append(hs, h)
				i = end - 1
			}
			continue
		}
		if i >= noBlockUntil {
			h, end, ok := matchOutlookBlock(view, i)
			if ok {
				hs = append(hs, h)
				i = end - 1
				continue
			}
			noBlockUntil = end
		}
		if h, end, generic, ok := matchAttribution(view, i); ok {
			if generic {
				next := nextNonBlank(view, end)
				if next >= n || quoteDepth(lines[next]) <= quoteDepth(lines[i]) {
					continue
				}
			}
			hs = append(hs, h)
			i = end - 1
		}
	}
	return hs
}

// stripQuote removes the '>' levels (and the blank after each) from a line,
// keeping any further indentation, which header continuation lines need.
func stripQuote(l string) string {
	for {
		t := strings.TrimLeftFunc(l, unicode.IsSpace)
		if !strings.HasPrefix(t, ">") {
			return l
		}
		l = t[1:]
		if strings.HasPrefix(l, " ") {
			l = l[1:]
		}
	}
}
