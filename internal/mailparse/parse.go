package mailparse

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/inbucket/html2text"
	netmail "net/mail"
)

// Limits bound the work and memory spent on one message.
type Limits struct {
	// MaxHeaderBytes caps the header block of each entity.
	MaxHeaderBytes int
	// MaxTextBytes caps the decoded text kept from all text parts together.
	MaxTextBytes int
	// MaxDepth caps the nesting of multiparts and embedded messages.
	MaxDepth int
	// MaxParts caps the number of MIME parts visited.
	MaxParts int
}

// DefaultLimits are generous for people's mail and small enough that a
// hostile message cannot exhaust memory.
var DefaultLimits = Limits{
	MaxHeaderBytes: 256 << 10,
	MaxTextBytes:   1 << 20,
	MaxDepth:       8,
	MaxParts:       200,
}

// Parse reads one message from r with DefaultLimits.
func Parse(r io.Reader) (*Message, error) {
	return ParseWithLimits(r, DefaultLimits)
}

// ParseBytes is Parse for a message already in memory.
func ParseBytes(b []byte) (*Message, error) {
	return Parse(bytes.NewReader(b))
}

// ParseWithLimits reads one message from r. It returns an error only when r
// itself fails; what is wrong with the message is in Message.Problems.
func ParseWithLimits(r io.Reader, lim Limits) (msg *Message, err error) {
	p := &parser{lim: lim, msg: &Message{}}
	defer func() {
		// The MIME and HTML libraries are third-party code; a panic on some
		// input must not take the daemon down with it.
		if rec := recover(); rec != nil {
			p.problem("the message could not be read completely (internal error: %v)", rec)
			msg, err = p.msg, nil
		}
	}()
	src := &errRecorder{r: r}
	br := bufio.NewReaderSize(src, 32<<10)
	hdr, body, err := p.readHeader(br)
	if err != nil {
		return p.msg, err
	}
	p.msg.Header = mail.Header{Header: message.Header{Header: hdr}}
	p.decodeHeader()
	p.readEntity(hdr, body, 0, &p.texts)
	p.finishText()
	if src.err != nil {
		return p.msg, fmt.Errorf("read message: %w", src.err)
	}
	return p.msg, nil
}

type parser struct {
	lim       Limits
	msg       *Message
	parts     int
	textBytes int
	texts     bodyTexts
}

// bodyTexts collects the readable parts of one (possibly embedded) message.
type bodyTexts struct {
	plain []string
	html  []string
}

func (p *parser) problem(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, have := range p.msg.Problems {
		if have == s {
			return
		}
	}
	p.msg.Problems = append(p.msg.Problems, s)
}

var crOnly = regexp.MustCompile(`\r([^\n]|$)`)

// readHeader reads the header block leniently: lines that are neither a
// field nor a continuation are dropped (and reported) instead of ending the
// header, and CR-only line ends are accepted.
func (p *parser) readHeader(br *bufio.Reader) (textproto.Header, io.Reader, error) {
	var raw bytes.Buffer
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: keep what fits, skip the rest.
			raw.Write(line)
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			raw.WriteByte('\n')
			p.problem("a header line is too long and was cut")
		} else {
			raw.Write(line)
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) {
				break
			}
			return textproto.Header{}, nil, fmt.Errorf("read header: %w", err)
		}
		if raw.Len() > p.lim.MaxHeaderBytes {
			p.problem("the header is larger than %d bytes; the rest was read as body", p.lim.MaxHeaderBytes)
			break
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			break
		}
	}
	block := raw.Bytes()
	var body io.Reader = br
	if bytes.IndexByte(block, '\n') < 0 && bytes.IndexByte(block, '\r') >= 0 {
		// Old Mac line ends: split the header here, translate the body.
		p.problem("the message uses CR-only line ends")
		fixed := bytes.ReplaceAll(block, []byte("\r"), []byte("\n"))
		if i := bytes.Index(fixed, []byte("\n\n")); i >= 0 {
			body = io.MultiReader(bytes.NewReader(fixed[i+2:]), crToLF{br})
			block = fixed[:i+1]
		} else {
			block = fixed
			body = crToLF{br}
		}
	}
	return p.parseHeaderBlock(block), body, nil
}

type crToLF struct{ r io.Reader }

func (c crToLF) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	for i := range b[:n] {
		if b[i] == '\r' {
			b[i] = '\n'
		}
	}
	return n, err
}

// parseHeaderBlock turns a raw header block into fields, skipping junk.
func (p *parser) parseHeaderBlock(block []byte) textproto.Header {
	var clean bytes.Buffer
	lines := bytes.SplitAfter(block, []byte("\n"))
	kept := false
	for i, line := range lines {
		t := bytes.TrimRight(line, "\r\n")
		if len(t) == 0 {
			continue
		}
		if i == 0 && bytes.HasPrefix(t, []byte("From ")) {
			continue // an mbox separator
		}
		if t[0] == ' ' || t[0] == '\t' {
			if kept {
				clean.Write(t)
				clean.WriteString("\r\n")
			}
			continue
		}
		colon := bytes.IndexByte(t, ':')
		if colon <= 0 || !validKey(t[:colon]) {
			kept = false
			p.problem("a header line is not a header field and was ignored")
			continue
		}
		kept = true
		clean.Write(t)
		clean.WriteString("\r\n")
	}
	clean.WriteString("\r\n")
	h, err := textproto.ReadHeader(bufio.NewReader(&clean))
	if err != nil {
		p.problem("the header could not be read completely: %v", err)
	}
	return h
}

func validKey(k []byte) bool {
	k = bytes.TrimRight(k, " \t")
	if len(k) == 0 {
		return false
	}
	for _, c := range k {
		if c <= ' ' || c >= 127 {
			return false
		}
	}
	return true
}

func (p *parser) decodeHeader() {
	m := p.msg
	h := &m.Header
	m.From = p.addresses(h, "From")
	m.Sender = p.addresses(h, "Sender")
	m.ReplyTo = p.addresses(h, "Reply-To")
	m.To = p.addresses(h, "To")
	m.Cc = p.addresses(h, "Cc")
	m.Subject = m.Get("Subject")
	if v := h.Get("Date"); v != "" {
		if t, err := netmail.ParseDate(v); err == nil {
			m.Date = t
		} else if t, ok := parseDateLoose(v); ok {
			m.Date = t
		} else {
			p.problem("the Date header %q is not a date", truncate(v, 60))
		}
	}
	m.MessageID = msgIDs(h.Get("Message-Id")).first()
	m.InReplyTo = msgIDs(h.Get("In-Reply-To"))
	m.References = msgIDs(h.Get("References"))
	if h.Has("Return-Path") {
		m.HasReturnPath = true
		rp := strings.TrimSpace(h.Get("Return-Path"))
		rp = strings.Trim(rp, "<> \t")
		m.ReturnPath = strings.ToLower(rp)
	}
	m.ContentType, _, _ = parseContentType(h.Get("Content-Type"))
}

var looseDateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon Jan 2 15:04:05 2006",
	"Mon, 2 Jan 2006 15:04:05",
	time.RFC3339,
}

func parseDateLoose(v string) (time.Time, bool) {
	v = collapseSpace(v)
	for _, l := range looseDateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

type msgIDList []string

func (l msgIDList) first() string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

var msgIDRe = regexp.MustCompile(`<([^<>\s]+)>`)

// msgIDs extracts message ids leniently: between angle brackets where
// present, else the whitespace-separated words.
func msgIDs(v string) msgIDList {
	v = fixUTF8(v)
	var out []string
	for _, m := range msgIDRe.FindAllStringSubmatch(v, -1) {
		out = append(out, m[1])
	}
	if len(out) == 0 {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") {
				out = append(out, strings.Trim(f, "<>,;"))
			}
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func parseContentType(v string) (string, map[string]string, error) {
	if strings.TrimSpace(v) == "" {
		return "text/plain", map[string]string{}, nil
	}
	h := message.Header{}
	h.Set("Content-Type", v)
	t, params, err := h.ContentType()
	if t == "" {
		// Keep what precedes the first parameter, lower-cased.
		t = strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
	}
	if params == nil {
		params = map[string]string{}
	}
	return t, params, err
}

// readEntity walks one entity and its children.
func (p *parser) readEntity(hdr textproto.Header, body io.Reader, depth int, texts *bodyTexts) error {
	p.parts++
	if p.parts > p.lim.MaxParts {
		p.problem("the message has more than %d parts; the rest was skipped", p.lim.MaxParts)
		_, err := io.Copy(io.Discard, body)
		return ignoreBodyErr(err)
	}
	mh := message.Header{Header: hdr}
	mediaType, params, ctErr := parseContentType(mh.Get("Content-Type"))
	if ctErr != nil && mediaType == "" {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") && params["boundary"] == "" {
		p.problem("a multipart part has no boundary; it was read as text")
		mediaType = "text/plain"
		mh.Set("Content-Type", "text/plain")
	}
	disp, dparams, _ := mh.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = fixUTF8(filename)

	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= p.lim.MaxDepth {
			p.problem("the MIME structure is nested deeper than %d levels", p.lim.MaxDepth)
			_, err := io.Copy(io.Discard, body)
			return ignoreBodyErr(err)
		}
		return p.readMultipart(mediaType, params, body, depth, texts)
	}

	ent, err := message.New(mh, body)
	if err != nil && ent == nil {
		p.problem("a %s part could not be decoded: %v", mediaType, err)
		_, err := io.Copy(io.Discard, body)
		return ignoreBodyErr(err)
	}
	if message.IsUnknownEncoding(err) {
		p.problem("a %s part has an unknown transfer encoding; it was read as is", mediaType)
	}
	rd := ent.Body
	if message.IsUnknownCharset(err) {
		p.problem("a %s part has an unknown charset %q; it was read as UTF-8/windows-1252", mediaType, params["charset"])
		rd = transform8(rd)
	}

	attachment := strings.EqualFold(disp, "attachment")
	switch {
	case (mediaType == "text/plain" || mediaType == "text" || mediaType == "") && !attachment:
		s, err := p.readText(rd)
		texts.plain = append(texts.plain, s)
		return err
	case mediaType == "text/html" && !attachment:
		s, err := p.readText(rd)
		texts.html = append(texts.html, s)
		return err
	case mediaType == "message/delivery-status" || mediaType == "message/global-delivery-status":
		s, err := p.readText(rd)
		p.msg.DeliveryStatus += s
		return err
	case mediaType == "text/rfc822-headers" || mediaType == "message/global-headers":
		s, err := p.readText(rd)
		sub := p.parseHeaderBlock([]byte(s + "\n\n"))
		e := embeddedFromHeader(sub)
		e.HeadersOnly = true
		p.msg.Embedded = append(p.msg.Embedded, e)
		return err
	case mediaType == "message/rfc822" || mediaType == "message/global":
		if depth >= p.lim.MaxDepth {
			_, err := io.Copy(io.Discard, rd)
			return ignoreBodyErr(err)
		}
		return p.readEmbedded(rd, depth)
	}
	n, err := io.Copy(io.Discard, rd)
	p.msg.Attachments = append(p.msg.Attachments, Attachment{
		Filename:    filename,
		ContentType: mediaType,
		Size:        n,
		Inline:      strings.EqualFold(disp, "inline"),
	})
	return ignoreBodyErr(err)
}

func transform8(r io.Reader) io.Reader {
	rd, _ := charsetReader("utf-8", r)
	return rd
}

// ignoreBodyErr drops body errors: decoding errors (bad base64, a
// truncated part) are a property of the message, and errors of the
// underlying reader are caught by errRecorder.
func ignoreBodyErr(error) error { return nil }

// errRecorder remembers the first error of the source other than EOF, so
// that a failing connection is told apart from a damaged message.
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(b []byte) (int, error) {
	n, err := e.r.Read(b)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

func (p *parser) readText(r io.Reader) (string, error) {
	budget := p.lim.MaxTextBytes - p.textBytes
	if budget < 0 {
		budget = 0
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(budget)+1))
	if len(b) > budget {
		b = b[:budget]
		p.problem("the text is longer than %d bytes and was cut", p.lim.MaxTextBytes)
		if _, err2 := io.Copy(io.Discard, r); err2 != nil && err == nil {
			err = err2
		}
	}
	if err != nil {
		p.problem("a text part is damaged (%v); what could be read is kept", err)
	}
	p.textBytes += len(b)
	return fixUTF8(string(b)), nil
}

func (p *parser) readMultipart(mediaType string, params map[string]string, body io.Reader, depth int, texts *bodyTexts) error {
	if mediaType == "multipart/report" {
		if p.msg.ReportType == "" {
			p.msg.ReportType = strings.ToLower(params["report-type"])
		}
	}
	mr := textproto.NewMultipartReader(body, params["boundary"])
	alternative := mediaType == "multipart/alternative"
	var alts []bodyTexts
	for i := 0; ; i++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			if i == 0 {
				p.problem("a multipart part has no readable parts (%v)", err)
			} else {
				p.problem("a multipart part is damaged (%v); the parts before it were kept", err)
			}
			break
		}
		target := texts
		if alternative {
			alts = append(alts, bodyTexts{})
			target = &alts[len(alts)-1]
		}
		if err := p.readEntity(part.Header, part, depth+1, target); err != nil {
			return err
		}
	}
	if alternative {
		// Prefer the plain alternative that has text, else HTML.
		chosen := -1
		for i, a := range alts {
			if strings.TrimSpace(strings.Join(a.plain, "")) != "" {
				chosen = i
				break
			}
		}
		if chosen < 0 {
			for i, a := range alts {
				if len(a.html) > 0 || len(a.plain) > 0 {
					chosen = i
					break
				}
			}
		}
		if chosen >= 0 {
			texts.plain = append(texts.plain, alts[chosen].plain...)
			if len(alts[chosen].plain) == 0 || strings.TrimSpace(strings.Join(alts[chosen].plain, "")) == "" {
				texts.html = append(texts.html, alts[chosen].html...)
			}
		}
	}
	return nil
}

func (p *parser) readEmbedded(r io.Reader, depth int) error {
	br := bufio.NewReader(r)
	sub := &parser{lim: p.lim, msg: &Message{}, parts: p.parts, textBytes: p.textBytes}
	hdr, body, err := sub.readHeader(br)
	if err != nil {
		return err
	}
	if err := sub.readEntity(hdr, body, depth+1, &sub.texts); err != nil {
		return err
	}
	sub.finishText()
	p.parts = sub.parts
	p.textBytes = sub.textBytes
	e := embeddedFromHeader(hdr)
	e.Text = sub.msg.Text
	p.msg.Embedded = append(p.msg.Embedded, e)
	p.msg.Embedded = append(p.msg.Embedded, sub.msg.Embedded...)
	if sub.msg.DeliveryStatus != "" && p.msg.DeliveryStatus == "" {
		// A forwarded bounce: keep its report for whoever looks.
		p.msg.DeliveryStatus = sub.msg.DeliveryStatus
	}
	return nil
}

func embeddedFromHeader(hdr textproto.Header) Embedded {
	h := mail.Header{Header: message.Header{Header: hdr}}
	tmp := &Message{Header: h}
	p := &parser{msg: tmp}
	return Embedded{
		Header:  h,
		From:    p.addresses(&h, "From"),
		To:      p.addresses(&h, "To"),
		Subject: tmp.Get("Subject"),
	}
}

// finishText joins the collected parts into Message.Text.
func (p *parser) finishText() {
	var parts []string
	if len(p.texts.plain) > 0 && strings.TrimSpace(strings.Join(p.texts.plain, "")) != "" {
		parts = p.texts.plain
	} else if len(p.texts.html) > 0 {
		for _, h := range p.texts.html {
			parts = append(parts, htmlToText(h, p))
		}
		p.msg.FromHTML = true
	}
	var b strings.Builder
	for _, s := range parts {
		s = normaliseNewlines(s)
		if strings.TrimSpace(s) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.TrimRight(s, " \n\t"))
	}
	p.msg.Text = b.String()
}

func normaliseNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// htmlToText converts HTML to readable text, keeping link targets (a
// mailto: link may be the only place an address is written).
func htmlToText(h string, p *parser) (out string) {
	defer func() {
		if rec := recover(); rec != nil {
			p.problem("the HTML text could not be converted (%v)", rec)
			out = ""
		}
	}()
	t, err := html2text.FromString(h, html2text.Options{})
	if err != nil {
		p.problem("the HTML text could not be converted (%v)", err)
		return ""
	}
	return t
}
