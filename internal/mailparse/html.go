package mailparse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/inbucket/html2text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText converts HTML to readable text, keeping link targets (a
// mailto: link may be the only place an address is written).
//
// html2text renders <b> as *bold*, headings with rows of stars, and puts a
// blank between every two text nodes, which splits words that Outlook
// spreads over several <span>s and puts blanks before punctuation after a
// link. The document is therefore simplified first: inline formatting is
// unwrapped, links become plain "text ( target )" text, adjacent text is
// merged and headings become paragraphs.
func htmlToText(h string, p *parser) (out string) {
	defer func() {
		if rec := recover(); rec != nil {
			p.problem("the HTML text could not be converted (%v); its text was read without layout", rec)
			out = htmlToTextFlat(h)
		}
	}()
	doc, err := html.Parse(strings.NewReader(h))
	if err != nil {
		// Nested deeper than the parser allows: read the text without
		// building the tree.
		return htmlToTextFlat(h)
	}
	simplifyHTML(doc, 0)
	t, err := html2text.FromHTMLNode(doc, html2text.Options{})
	if err != nil {
		return htmlToTextFlat(h)
	}
	return t
}

// htmlToTextFlat converts HTML to text token by token, for documents the
// tree parser refuses: block elements become line breaks, links keep
// their target, scripts and styles are dropped.
func htmlToTextFlat(h string) string {
	z := html.NewTokenizer(strings.NewReader(h))
	var b strings.Builder
	skip := 0
	lineStart := true
	href := ""
	var link strings.Builder
	space := false // white space before the next text
	newline := func() {
		b.WriteByte('\n')
		lineStart, space = true, false
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			raw := string(z.Text())
			t := strings.Join(strings.Fields(raw), " ")
			if t == "" {
				space = space || raw != ""
				continue
			}
			if (space || unicode.IsSpace(rune(raw[0]))) && !lineStart {
				b.WriteByte(' ')
			}
			b.WriteString(t)
			link.WriteString(t)
			lineStart = false
			space = unicode.IsSpace(rune(raw[len(raw)-1]))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			start := tt != html.EndTagToken
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style, atom.Title:
				if start {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.Br:
				newline()
			case atom.P, atom.Div, atom.Tr, atom.Li, atom.Table, atom.Blockquote, atom.Ul, atom.Ol,
				atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if !lineStart {
					newline()
				}
			case atom.Td, atom.Th:
				space = true
			case atom.A:
				if start {
					href = ""
					for hasAttr {
						var k, v []byte
						k, v, hasAttr = z.TagAttr()
						if string(k) == "href" {
							href = strings.TrimPrefix(strings.TrimSpace(string(v)), "mailto:")
						}
					}
					link.Reset()
				} else if href != "" && href != "#" && !strings.EqualFold(href, strings.TrimSpace(link.String())) {
					b.WriteString(" ( " + href + " )")
					href = ""
				}
			}
		}
	}
}

// maxQuoteDepth caps the "> " prefixes html2text writes for nested
// blockquotes: each level adds a character to every line.
const maxQuoteDepth = 3

func simplifyHTML(n *html.Node, quotes int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch {
			case inlineFormatting(c):
				// Replace the element by its children and look at them next.
				first := c.FirstChild
				for gc := c.FirstChild; gc != nil; {
					gnext := gc.NextSibling
					c.RemoveChild(gc)
					n.InsertBefore(gc, c)
					gc = gnext
				}
				n.RemoveChild(c)
				if first != nil {
					next = first
				}
				c = next
				continue
			case c.DataAtom == atom.A:
				simplifyHTML(c, quotes)
				if t, ok := linkText(c); ok {
					tn := &html.Node{Type: html.TextNode, Data: t}
					n.InsertBefore(tn, c)
					n.RemoveChild(c)
				}
			case c.DataAtom == atom.P && msoParagraph(c):
				// Outlook writes every line as a paragraph without margins,
				// and a blank line as a paragraph holding a no-break space.
				simplifyHTML(c, quotes)
				if blankNode(c) {
					br := &html.Node{Type: html.ElementNode, DataAtom: atom.Br, Data: "br"}
					n.InsertBefore(br, c)
					n.RemoveChild(c)
				} else {
					c.DataAtom, c.Data = atom.Div, "div"
				}
			case c.DataAtom == atom.H1 || c.DataAtom == atom.H2 || c.DataAtom == atom.H3 ||
				c.DataAtom == atom.H4 || c.DataAtom == atom.H5 || c.DataAtom == atom.H6:
				c.DataAtom, c.Data = atom.P, "p"
				simplifyHTML(c, quotes)
			case c.DataAtom == atom.Blockquote:
				if quotes >= maxQuoteDepth {
					c.DataAtom, c.Data = atom.Div, "div"
				}
				simplifyHTML(c, quotes+1)
			case c.DataAtom == atom.Tr:
				// Without PrettyTables html2text runs all rows together.
				c.DataAtom, c.Data = atom.Div, "div"
				simplifyHTML(c, quotes)
				flattenRow(c)
			default:
				simplifyHTML(c, quotes)
			}
		}
		c = next
	}
	mergeText(n)
}

// flattenRow writes a table row of short cells as one line, the cells
// separated by " | ". Rows of one cell, with long cells or nested tables
// are layout, not data, and stay as they are.
func flattenRow(tr *html.Node) {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th):
			var b strings.Builder
			if !cellText(c, &b) {
				return
			}
			t := collapseSpace(strings.ReplaceAll(b.String(), "\u00a0", " "))
			if len(t) > 200 {
				return
			}
			if t != "" {
				cells = append(cells, t)
			}
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "", c.Type == html.CommentNode:
		default:
			return
		}
	}
	if len(cells) < 2 {
		return
	}
	for c := tr.FirstChild; c != nil; c = tr.FirstChild {
		tr.RemoveChild(c)
	}
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			if strings.HasSuffix(cells[i-1], ":") {
				b.WriteString(" ") // a label and its value
			} else {
				b.WriteString(" | ")
			}
		}
		b.WriteString(c)
	}
	tr.AppendChild(&html.Node{Type: html.TextNode, Data: b.String()})
}

// cellText appends the text of a table cell; false means the cell holds a
// table or list of its own.
func cellText(n *html.Node, b *strings.Builder) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Table, atom.Ul, atom.Ol, atom.Blockquote:
				return false
			case atom.Style, atom.Script:
				continue
			}
			b.WriteByte(' ')
			if !cellText(c, b) {
				return false
			}
			b.WriteByte(' ')
		}
	}
	return true
}

// msoParagraph reports Outlook's (Word's) line paragraphs.
func msoParagraph(n *html.Node) bool {
	for _, at := range n.Attr {
		if at.Key == "class" && len(at.Val) >= 3 && strings.EqualFold(at.Val[:3], "mso") {
			return true
		}
	}
	return false
}

// blankNode reports whether n holds nothing but white space.
func blankNode(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case html.CommentNode:
		default:
			return false
		}
	}
	return true
}

// inlineFormatting reports elements that only change the look of text.
func inlineFormatting(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.I, atom.Em, atom.U, atom.Span, atom.Font,
		atom.Small, atom.Big, atom.Sup, atom.Sub, atom.Abbr, atom.Acronym,
		atom.Tt, atom.S, atom.Strike, atom.Ins, atom.Mark, atom.Cite,
		atom.Label, atom.Nobr, atom.Code, atom.Kbd, atom.Samp, atom.Var,
		atom.Dfn, atom.Bdi, atom.Bdo, atom.Time, atom.Data, atom.Q:
		return true
	case 0:
		// Unknown and namespaced elements such as Outlook's <o:p>.
		return true
	}
	return false
}

// linkText returns the text that replaces a link: its text, followed by
// the target when that says something the text does not.
func linkText(a *html.Node) (string, bool) {
	var text strings.Builder
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			text.WriteString(c.Data)
		case c.Type == html.ElementNode && c.DataAtom == atom.Img:
			for _, at := range c.Attr {
				if at.Key == "alt" {
					text.WriteString(at.Val)
				}
			}
		case c.Type == html.CommentNode:
		default:
			return "", false
		}
	}
	t := text.String()
	href := ""
	for _, at := range a.Attr {
		if at.Key == "href" {
			href = strings.TrimSpace(at.Val)
		}
	}
	target := strings.TrimSpace(strings.TrimPrefix(href, "mailto:"))
	shown := strings.TrimSpace(strings.Join(strings.Fields(t), " "))
	if target == "" || target == "#" || strings.HasPrefix(strings.ToLower(target), "javascript:") ||
		strings.EqualFold(target, shown) || strings.EqualFold(strings.TrimPrefix(target, "tel:"), shown) {
		return t, true
	}
	if shown == "" {
		return " ( " + target + " ) ", true
	}
	// Keep the blanks around the link as they were.
	lead := t[:len(t)-len(strings.TrimLeft(t, " \t\r\n"))]
	trail := t[len(strings.TrimRight(t, " \t\r\n")):]
	return lead + shown + " ( " + target + " )" + trail, true
}

// mergeText joins adjacent text nodes, so that html2text sees words split
// over several elements as one.
func mergeText(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode {
			continue
		}
		if c.NextSibling == nil || c.NextSibling.Type != html.TextNode {
			continue
		}
		var b strings.Builder
		b.WriteString(c.Data)
		for c.NextSibling != nil && c.NextSibling.Type == html.TextNode {
			s := c.NextSibling
			b.WriteString(s.Data)
			n.RemoveChild(s)
		}
		c.Data = b.String()
	}
}

// cleanText normalises body text for people and the code after us: \n line
// ends, no trailing blanks (except in the "-- " signature separator), no
// control characters, no-break spaces as spaces, at most two blank lines
// in a row, and no blank lines at the start or end.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\u00a0':
			return ' '
		case r < 0x20 || r == 0x7f || r == '\ufeff' || r == '\u200b':
			return -1
		case isC1(r):
			if m := cp1252[r]; m != 0xFFFD {
				return m
			}
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for line := range strings.SplitSeq(s, "\n") {
		if line != "-- " {
			line = strings.TrimRight(line, " \t")
		}
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			for range min(blank, 2) + 1 {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}

// cutText shortens s to at most n bytes without splitting a character.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// unflow undoes RFC 3676 format=flowed: lines ending in a space continue
// on the next line of the same quote depth. Quote marks are written back
// as ">" per level followed by a space; "-- " stays a line of its own.
func unflow(s string, delsp bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	open := false // the previous line was flowed
	openDepth := 0
	for line := range strings.SplitSeq(s, "\n") {
		depth := 0
		for depth < len(line) && line[depth] == '>' {
			depth++
		}
		text := line[depth:]
		if strings.HasPrefix(text, " ") {
			text = text[1:] // space-stuffing
		}
		if open && (depth != openDepth || text == "-- ") {
			b.WriteByte('\n')
			open = false
		}
		if !open {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			if depth > 0 {
				b.WriteString(strings.Repeat(">", depth))
				b.WriteByte(' ')
			}
		}
		flowed := strings.HasSuffix(text, " ") && text != "-- "
		if flowed && delsp {
			text = text[:len(text)-1]
		}
		b.WriteString(text)
		open, openDepth = flowed, depth
	}
	return b.String()
}
