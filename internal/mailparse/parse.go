package mailparse

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	netmail "net/mail"
)

// Limits bound the work and memory spent on one message.
type Limits struct {
	// MaxHeaderBytes caps the header block of each entity.
	MaxHeaderBytes int
	// MaxTextBytes caps the decoded text kept from all text parts together,
	// and the length of Message.Text (and of each Embedded.Text).
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

// withDefaults replaces unset (zero or negative) limits by the defaults.
func (l Limits) withDefaults() Limits {
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultLimits.MaxHeaderBytes
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultLimits.MaxTextBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
	}
	return l
}

// Parse reads one message from r with DefaultLimits.
func Parse(r io.Reader) (*Message, error) {
	return ParseWithLimits(r, DefaultLimits)
}

// ParseBytes is Parse for a message already in memory.
func ParseBytes(b []byte) (*Message, error) {
	return Parse(bytes.NewReader(b))
}

// ParseWithLimits reads one message from r, to its end. It returns an
// error only when r itself fails (the error wraps r's error; the message
// must then be read again); what is wrong with the message is in
// Message.Problems. Limits left at zero take the DefaultLimits value.
func ParseWithLimits(r io.Reader, lim Limits) (msg *Message, err error) {
	src := &errRecorder{r: r}
	p := &parser{lim: lim.withDefaults(), msg: &Message{}}
	defer func() {
		// The MIME and HTML libraries are third-party code; a panic on some
		// input must not take the daemon down with it.
		if rec := recover(); rec != nil {
			p.problem("the message could not be read completely (internal error: %v)", rec)
			msg, err = p.msg, nil
			if src.err != nil {
				err = fmt.Errorf("read message: %w", src.err)
			}
		}
	}()
	pooled := topBufPool.Get().(*bufio.Reader)
	pooled.Reset(src)
	defer func() { pooled.Reset(nil); topBufPool.Put(pooled) }()
	br := pooled
	if crOnly(br) {
		// Old Mac line ends: translate the whole stream.
		p.problem("the message uses CR-only line ends")
		br = bufio.NewReaderSize(crToLF{br}, 32<<10)
	}
	hdr, body := p.readHeader(br, true)
	p.msg.Header = mail.Header{Header: message.Header{Header: hdr}}
	if hdr.Len() == 0 {
		p.problem("the message has no header")
	}
	p.decodeHeader()
	p.readEntity(hdr, body, 0, &p.texts, "")
	p.finishText()
	// Read to the end, so that a failing source is noticed and the caller
	// may rely on the whole message having been read.
	_, _ = io.Copy(io.Discard, br)
	if src.err != nil {
		return p.msg, fmt.Errorf("read message: %w", src.err)
	}
	return p.msg, nil
}

var topBufPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 32<<10) }}

type parser struct {
	lim       Limits
	msg       *Message
	parts     int
	textBytes int
	texts     bodyTexts
}

// bodyTexts collects the readable parts of one (possibly embedded)
// message in order.
type bodyTexts struct {
	pieces []textPiece
}

type textPiece struct {
	s    string
	html bool
	cut  bool // shortened to fit MaxTextBytes
}

// hasPlain reports whether some text/plain piece has text.
func (t *bodyTexts) hasPlain() bool {
	for _, pc := range t.pieces {
		if !pc.html && strings.TrimSpace(pc.s) != "" {
			return true
		}
	}
	return false
}

func (t *bodyTexts) size() int {
	n := 0
	for _, pc := range t.pieces {
		n += len(pc.s)
	}
	return n
}

func (p *parser) problem(format string, args ...any) {
	s := fixUTF8(fmt.Sprintf(format, args...))
	for _, have := range p.msg.Problems {
		if have == s {
			return
		}
	}
	p.msg.Problems = append(p.msg.Problems, s)
}

// crOnly reports whether the input uses CR-only line ends: a CR and no LF
// in its first buffer.
func crOnly(br *bufio.Reader) bool {
	b, _ := br.Peek(br.Size())
	return bytes.IndexByte(b, '\r') >= 0 && bytes.IndexByte(b, '\n') < 0
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

// readHeader reads a header block leniently and returns it with the body
// that follows. Lines that are neither a field nor a continuation are
// dropped (and reported) instead of ending the header; a blank-only line
// ends it like an empty one. A block without any header field is no
// header at all: it is given back as the start of the body. top is set for
// messages (as opposed to MIME parts): leading blank lines and an mbox
// "From " line are skipped there.
func (p *parser) readHeader(br *bufio.Reader, top bool) (textproto.Header, io.Reader) {
	var raw bytes.Buffer
	leading := top
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if raw.Len() == 0 && !startsField(line) {
				// Text without a header, in a long first line.
				raw.Write(line)
				return textproto.Header{}, io.MultiReader(bytes.NewReader(bytes.Clone(raw.Bytes())), br)
			}
			// A header line longer than the buffer: keep what fits.
			raw.Write(line)
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			raw.WriteByte('\n')
			p.problem("a header line is too long and was cut")
			if err != nil {
				break
			}
			continue
		}
		t := bytes.TrimRight(line, "\r\n")
		if leading && len(bytes.TrimSpace(t)) == 0 && err == nil {
			continue
		}
		leading = false
		raw.Write(line)
		if err != nil {
			break // the end of the input (read errors are seen by errRecorder)
		}
		if len(t) == 0 {
			break
		}
		if len(bytes.Trim(t, " \t")) == 0 {
			// A line of blanks ends the header unless a continuation or
			// another field follows.
			next, _ := br.Peek(256)
			if len(next) == 0 || (next[0] != ' ' && next[0] != '\t' && !startsField(next)) {
				break
			}
		}
		if raw.Len() > p.lim.MaxHeaderBytes {
			p.problem("the header is larger than %d bytes; the rest was read as body", p.lim.MaxHeaderBytes)
			break
		}
	}
	hdr, ok := p.parseHeaderBlock(raw.Bytes())
	if !ok {
		return textproto.Header{}, io.MultiReader(bytes.NewReader(bytes.Clone(raw.Bytes())), br)
	}
	return hdr, br
}

var fieldStartRe = regexp.MustCompile(`^[!-9;-~]+[ \t]*:`)

// startsField reports whether line begins like a header field.
func startsField(line []byte) bool {
	return fieldStartRe.Match(line) || bytes.HasPrefix(line, []byte("From "))
}

var paramLineRe = regexp.MustCompile(`^[A-Za-z0-9*_.-]+=`)

// parseHeaderBlock turns a raw header block into fields, skipping junk.
// ok is false when the block holds no header field at all.
func (p *parser) parseHeaderBlock(block []byte) (h textproto.Header, ok bool) {
	var clean bytes.Buffer
	kept := false      // the last line was kept, so continuations are too
	semicolon := false // the last kept line ends in ";"
	fields, junk := 0, 0
	first := true
	for line := range bytes.SplitSeq(block, []byte("\n")) {
		t := bytes.TrimRight(line, "\r\n")
		if len(bytes.Trim(t, " \t\r")) == 0 {
			continue
		}
		if first && bytes.HasPrefix(t, []byte("From ")) && !fieldStartRe.Match(t) {
			first = false
			continue // an mbox separator
		}
		if first && (t[0] == ' ' || t[0] == '\t') {
			t = bytes.TrimLeft(t, " \t") // a header that starts badly
		}
		first = false
		switch {
		case t[0] == ' ' || t[0] == '\t':
			if !kept {
				continue
			}
		case kept && semicolon && paramLineRe.Match(t):
			// A parameter that belongs to the field above, folded without
			// the leading blank.
			clean.WriteByte('\t')
		default:
			colon := bytes.IndexByte(t, ':')
			if colon <= 0 || !validKey(t[:colon]) {
				kept = false
				junk++
				continue
			}
			fields++
		}
		kept = true
		semicolon = bytes.HasSuffix(bytes.TrimRight(t, " \t\r"), []byte(";"))
		clean.Write(t)
		clean.WriteString("\r\n")
	}
	if fields == 0 {
		return textproto.Header{}, false
	}
	if junk > 0 {
		p.problem("a header line is not a header field and was ignored")
	}
	clean.WriteString("\r\n")
	br := hdrBufPool.Get().(*bufio.Reader)
	br.Reset(&clean)
	h, err := textproto.ReadHeader(br)
	br.Reset(nil)
	hdrBufPool.Put(br)
	if err != nil {
		p.problem("the header could not be read completely: %v", err)
	}
	return h, true
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
	m.Subject = p.text(h, "Subject")
	if v := strings.TrimSpace(h.Get("Date")); v != "" {
		if t, err := netmail.ParseDate(v); err == nil {
			m.Date = t
		} else if t, ok := parseDateLoose(v); ok {
			m.Date = t
		} else {
			p.problem("the Date header %q is not a date", truncate(fixUTF8(v), 60))
		}
	} else if hdrLen(h) > 0 {
		p.problem("the message has no Date header")
	}
	m.MessageID = msgIDs(h.Get("Message-Id")).first()
	m.InReplyTo = msgIDs(h.Get("In-Reply-To"))
	m.References = msgIDs(h.Get("References"))
	if h.Has("Return-Path") {
		m.HasReturnPath = true
		rp := strings.TrimSpace(fixUTF8(h.Get("Return-Path")))
		rp = strings.Trim(rp, "<> \t")
		m.ReturnPath = strings.ToLower(rp)
	}
	m.ContentType, _ = parseMediaType(h.Get("Content-Type"))
	if m.ContentType == "" || m.ContentType == "text" {
		m.ContentType = "text/plain"
	}
}

func hdrLen(h *mail.Header) int { return h.Header.Header.Len() }

// text returns a decoded, whitespace-collapsed header value; encoded words
// in an unknown charset are reported.
func (p *parser) text(h *mail.Header, key string) string {
	s, unknown := decodeWords(h.Get(key))
	if unknown {
		p.problem("the %s header uses an unknown charset; it was read as UTF-8/windows-1252", key)
	}
	return collapseSpace(s)
}

var (
	dateCommentRe = regexp.MustCompile(`\([^()]*\)`)
	weekdayRe     = regexp.MustCompile(`^(?i)(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+`)
)

var looseDateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04:05 MST",
	"2 Jan 2006 15:04:05",
	"2 January 2006 15:04:05 -0700",
	"Jan 2 15:04:05 2006",
	"Jan 2 15:04:05 MST 2006",
	"Jan 2 15:04:05 -0700 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 15:04",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	time.RFC3339,
}

// parseDateLoose reads the dates that net/mail refuses: comments, no or
// long weekday names, time zone comments, US formats.
func parseDateLoose(v string) (time.Time, bool) {
	v = dateCommentRe.ReplaceAllString(v, " ")
	v = collapseSpace(v)
	v = weekdayRe.ReplaceAllString(v, "")
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
// present, else the whitespace-separated words that hold an "@".
func msgIDs(v string) msgIDList {
	v = fixUTF8(v)
	var out []string
	for _, m := range msgIDRe.FindAllStringSubmatch(v, -1) {
		out = append(out, m[1])
	}
	if len(out) == 0 {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
			if f = strings.Trim(f, "<>\"'"); strings.Contains(f, "@") {
				out = append(out, f)
			}
		}
	}
	return out
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return cutText(s, n) + "…"
}

// readEntity walks one entity and its children. defaultType is the media
// type of a part without Content-Type ("" for text/plain).
func (p *parser) readEntity(hdr textproto.Header, body io.Reader, depth int, texts *bodyTexts, defaultType string) {
	p.parts++
	if p.parts > p.lim.MaxParts {
		p.problem("the message has more than %d parts; the rest was skipped", p.lim.MaxParts)
		_, _ = io.Copy(io.Discard, body)
		return
	}
	mh := message.Header{Header: hdr}
	ct := mh.Get("Content-Type")
	mediaType, params := parseMediaType(ct)
	switch {
	case strings.TrimSpace(ct) == "" && defaultType != "":
		mediaType = defaultType
	case mediaType == "" || mediaType == "text" || !strings.Contains(mediaType, "/"):
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") && strings.TrimSpace(params["boundary"]) == "" {
		p.problem("a multipart part has no boundary; it was read as text")
		mediaType = "text/plain"
	}
	disp, dparams := parseMediaType(mh.Get("Content-Disposition"))
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}

	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= p.lim.MaxDepth {
			p.problem("the MIME structure is nested deeper than %d levels; the deeper parts were skipped", p.lim.MaxDepth)
			_, _ = io.Copy(io.Discard, body)
			return
		}
		p.readMultipart(mediaType, params, body, depth, texts)
		return
	}

	attachment := disp == "attachment"
	rd := body
	var b64 *base64Reader
	switch cte := normaliseCTE(mh.Get("Content-Transfer-Encoding")); cte {
	case "":
	case "quoted-printable":
		rd = newQPReader(body)
	case "base64":
		b64 = newBase64Reader(body)
		rd = b64
	default:
		if !attachment && (strings.HasPrefix(mediaType, "text/") || strings.HasPrefix(mediaType, "message/")) {
			p.problem("a part of type %s has an unknown transfer encoding %q; it was read as is", mediaType, truncate(cte, 40))
		}
	}
	defer func() {
		if b64 != nil && b64.bad > 0 {
			p.problem("a part of type %s has damaged base64 data; what could be decoded is kept", mediaType)
		}
	}()

	switch {
	case mediaType == "text/plain" && !attachment:
		s, cut := p.readText(p.decodeCharset(rd, mediaType, params["charset"]))
		if strings.EqualFold(params["format"], "flowed") {
			s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
		}
		texts.pieces = append(texts.pieces, textPiece{s: s, cut: cut})
	case mediaType == "text/html" && !attachment:
		label := params["charset"]
		if normaliseCharset(label) == "" {
			rd, label = htmlCharset(rd)
		}
		s, cut := p.readText(p.decodeCharset(rd, mediaType, label))
		texts.pieces = append(texts.pieces, textPiece{s: s, html: true, cut: cut})
	case mediaType == "message/delivery-status" || mediaType == "message/global-delivery-status":
		s, cut := p.readText(p.decodeCharset(rd, mediaType, params["charset"]))
		p.cutProblem(cut)
		p.msg.DeliveryStatus += strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n") + "\n"
	case mediaType == "text/rfc822-headers" || mediaType == "message/global-headers":
		s, cut := p.readText(p.decodeCharset(rd, mediaType, params["charset"]))
		p.cutProblem(cut)
		// Only the header block; what is odd in it is not this message's
		// problem.
		block := strings.TrimLeft(strings.ReplaceAll(s, "\r\n", "\n"), " \t\n")
		if i := strings.Index(block, "\n\n"); i >= 0 {
			block = block[:i+1]
		}
		sub, _ := (&parser{lim: p.lim, msg: &Message{}}).parseHeaderBlock([]byte(block))
		e := embeddedFromHeader(sub)
		e.HeadersOnly = true
		p.msg.Embedded = append(p.msg.Embedded, e)
	case mediaType == "message/rfc822" || mediaType == "message/global":
		if depth >= p.lim.MaxDepth {
			p.problem("the MIME structure is nested deeper than %d levels; the deeper parts were skipped", p.lim.MaxDepth)
			_, _ = io.Copy(io.Discard, rd)
			return
		}
		p.readEmbedded(rd, depth)
	default:
		n, _ := io.Copy(io.Discard, rd)
		p.msg.Attachments = append(p.msg.Attachments, Attachment{
			Filename:    filename,
			ContentType: mediaType,
			Size:        n,
			Inline:      disp == "inline",
		})
	}
}

// decodeCharset wraps r in a decoder from the part's charset to UTF-8.
func (p *parser) decodeCharset(r io.Reader, mediaType, label string) io.Reader {
	d, err := charsetReader(label, r)
	if err != nil {
		p.problem("a part of type %s has an unknown charset %q; it was read as UTF-8/windows-1252", mediaType, truncate(normaliseCharset(label), 40))
		return transform8(r)
	}
	return d
}

func transform8(r io.Reader) io.Reader {
	rd, _ := charsetReader("utf-8", r)
	return rd
}

func (p *parser) cutProblem(cut bool) {
	if cut {
		p.problem("the text is longer than %d bytes and was cut", p.lim.MaxTextBytes)
	}
}

// errRecorder remembers the first error of the source other than EOF, so
// that a failing connection is told apart from a damaged message. After
// any error it does not call the source again.
type errRecorder struct {
	r   io.Reader
	err error
	eof bool
}

func (e *errRecorder) Read(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if e.eof {
		return 0, io.EOF
	}
	n, err := e.r.Read(b)
	if err == io.EOF {
		e.eof = true
	} else if err != nil {
		e.err = err
	}
	return n, err
}

// readText reads decoded text within what is left of MaxTextBytes; cut
// tells that the text was longer. The rest of r is read and discarded.
func (p *parser) readText(r io.Reader) (string, bool) {
	budget := max(p.lim.MaxTextBytes-p.textBytes, 0)
	buf := textBufPool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); textBufPool.Put(buf) }()
	_, _ = buf.ReadFrom(io.LimitReader(r, int64(budget)+1))
	b := buf.Bytes()
	cut := false
	if len(b) > budget {
		b = []byte(cutText(string(b[:budget+1]), budget))
		cut = true
		_, _ = io.Copy(io.Discard, r)
	}
	p.textBytes += len(b)
	return fixUTF8(string(b)), cut
}

var textBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (p *parser) readMultipart(mediaType string, params map[string]string, body io.Reader, depth int, texts *bodyTexts) {
	if mediaType == "multipart/report" && p.msg.ReportType == "" {
		p.msg.ReportType = strings.ToLower(params["report-type"])
	}
	partType := ""
	if mediaType == "multipart/digest" {
		partType = "message/rfc822"
	}
	mr := newMultipartReader(body, params["boundary"], p.lim.MaxTextBytes)
	defer mr.release()
	alternative := mediaType == "multipart/alternative"
	var alts []bodyTexts
	for {
		part, err := mr.NextPart()
		if err == errNoBoundary {
			p.problem("the boundary of a multipart part was not found; its body was read as text")
			s, cut := p.readText(transform8(bytes.NewReader(mr.preamble)))
			texts.pieces = append(texts.pieces, textPiece{s: s, cut: cut})
			break
		}
		if err != nil {
			break // io.EOF, or the source failed (seen by errRecorder)
		}
		if p.parts >= p.lim.MaxParts {
			p.problem("the message has more than %d parts; the rest was skipped", p.lim.MaxParts)
			break // the caller drains the rest
		}
		target := texts
		if alternative {
			alts = append(alts, bodyTexts{})
			target = &alts[len(alts)-1]
		}
		pbr := hdrBufPool.Get().(*bufio.Reader)
		pbr.Reset(part)
		hdr, pbody := p.readHeader(pbr, false)
		p.readEntity(hdr, pbody, depth+1, target, partType)
		pbr.Reset(nil)
		hdrBufPool.Put(pbr)
	}
	if mr.eof && mr.err == nil && !mr.final && mr.parts > 0 {
		p.problem("a multipart part ends without its final boundary; the message may be incomplete")
	}
	if !alternative {
		return
	}
	// Prefer the plain alternative that has text, else the last readable
	// one (alternatives are ordered from plain to rich).
	chosen := -1
	for i := range alts {
		if alts[i].hasPlain() {
			chosen = i
			break
		}
	}
	if chosen < 0 {
		for i := len(alts) - 1; i >= 0; i-- {
			if len(alts[i].pieces) > 0 {
				chosen = i
				break
			}
		}
	}
	for i := range alts {
		if i == chosen {
			texts.pieces = append(texts.pieces, alts[i].pieces...)
		} else {
			p.textBytes -= alts[i].size() // give the budget back
		}
	}
}

var hdrBufPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 16<<10) }}

func (p *parser) readEmbedded(r io.Reader, depth int) {
	br := hdrBufPool.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() { br.Reset(nil); hdrBufPool.Put(br) }()
	sub := &parser{lim: p.lim, msg: &Message{}, parts: p.parts, textBytes: p.textBytes}
	hdr, body := sub.readHeader(br, true)
	sub.readEntity(hdr, body, depth+1, &sub.texts, "")
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
	for _, s := range sub.msg.Problems {
		p.problem("in the attached message: %s", strings.TrimPrefix(s, "in the attached message: "))
	}
}

func embeddedFromHeader(hdr textproto.Header) Embedded {
	h := mail.Header{Header: message.Header{Header: hdr}}
	p := &parser{msg: &Message{Header: h}}
	return Embedded{
		Header:  h,
		From:    p.addresses(&h, "From"),
		To:      p.addresses(&h, "To"),
		Subject: p.text(&h, "Subject"),
	}
}

// finishText joins the collected parts into Message.Text.
func (p *parser) finishText() {
	var b strings.Builder
	cut := false
	for _, pc := range p.texts.pieces {
		s := pc.s
		if pc.html {
			s = htmlToText(s, p)
		}
		s = cleanText(s)
		if s == "" {
			continue
		}
		if pc.html {
			p.msg.FromHTML = true
		}
		cut = cut || pc.cut
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	text := b.String()
	if len(text) > p.lim.MaxTextBytes {
		text = strings.TrimRight(cutText(text, p.lim.MaxTextBytes), " \t\n")
		cut = true
	}
	p.cutProblem(cut)
	p.msg.Text = text
	p.msg.DeliveryStatus = fixUTF8(p.msg.DeliveryStatus)
}

// parseMediaType reads a Content-Type or Content-Disposition value: the
// lower-cased type and the parameters, with RFC 2231 and RFC 2047 encoded
// values decoded. It is lenient: where mime.ParseMediaType refuses
// (duplicate or unquoted special characters, a missing closing quote) the
// parameters are split by hand.
func parseMediaType(v string) (string, map[string]string) {
	v = fixUTF8(v)
	t, params, err := mimeParseMediaType(v)
	if err != nil || strings.Contains(v, "*=") || strings.Contains(v, "*0") {
		t, params = parseParamsLoose(v)
	}
	if strings.Contains(t, "/") {
		t = cleanMediaType(t)
	} else {
		t = dispositionRe.FindString(strings.ToLower(strings.TrimSpace(t)))
	}
	for k, val := range params {
		if strings.Contains(val, "=?") {
			val, _ = decodeWords(val)
		}
		params[k] = fixC1(fixUTF8(val))
	}
	return t, params
}

var (
	mediaTypeRe   = regexp.MustCompile(`^[a-z0-9!#$&^_.+*-]+/[a-z0-9!#$&^_.+*-]+`)
	dispositionRe = regexp.MustCompile(`^[a-z0-9!#$&^_.+-]+`)
)

// cleanMediaType keeps the type/subtype of a media type written with junk
// around it ("text/plain>"); "" when there is none.
func cleanMediaType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if m := mediaTypeRe.FindString(t); m != "" {
		return m
	}
	return ""
}

// parseParamsLoose splits `type; a=b; c="d e"; f*=utf-8'de'%C3%A4` by hand.
func parseParamsLoose(v string) (string, map[string]string) {
	params := map[string]string{}
	head, rest, _ := strings.Cut(v, ";")
	t := strings.ToLower(strings.TrimSpace(head))
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		t = t[:i]
	}
	type seg struct {
		n   int
		enc bool
		val string
	}
	ext := map[string][]seg{}
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t\r\n;")
		eq := strings.IndexByte(rest, '=')
		semi := strings.IndexByte(rest, ';')
		if eq < 0 || (semi >= 0 && semi < eq) {
			if semi < 0 {
				break
			}
			rest = rest[semi+1:]
			continue
		}
		key := strings.ToLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimLeft(rest[eq+1:], " \t\r\n")
		var val string
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(rest) && rest[i] != '"'; i++ {
				if rest[i] == '\\' && i+1 < len(rest) {
					i++
				}
				b.WriteByte(rest[i])
			}
			val = b.String()
			rest = rest[min(i+1, len(rest)):]
			if j := strings.IndexByte(rest, ';'); j >= 0 {
				rest = rest[j:]
			} else {
				rest = ""
			}
		} else {
			j := strings.IndexByte(rest, ';')
			if j < 0 {
				j = len(rest)
			}
			val = strings.TrimSpace(rest[:j])
			rest = rest[j:]
		}
		if key == "" {
			continue
		}
		if base, tail, isExt := strings.Cut(key, "*"); isExt {
			s := seg{enc: strings.HasSuffix(tail, "*") || tail == "", val: val}
			num := strings.TrimSuffix(tail, "*")
			for _, c := range num {
				if c < '0' || c > '9' {
					s.n = -1
					break
				}
				s.n = s.n*10 + int(c-'0')
			}
			if s.n >= 0 && s.n < 1000 && len(ext[base]) < 1000 {
				ext[base] = append(ext[base], s)
			}
			continue
		}
		if _, dup := params[key]; !dup {
			params[key] = val
		}
	}
	for base, segs := range ext {
		// Order the segments; each number is used once.
		var raw []byte
		charset := ""
		for n := 0; n < 1000; n++ {
			found := false
			for _, s := range segs {
				if s.n != n {
					continue
				}
				found = true
				val := s.val
				if s.enc {
					if n == 0 {
						if parts := strings.SplitN(val, "'", 3); len(parts) == 3 {
							charset, val = parts[0], parts[2]
						}
					}
					raw = append(raw, percentDecode(val)...)
				} else {
					raw = append(raw, val...)
				}
				break
			}
			if !found {
				break
			}
		}
		if raw == nil {
			continue
		}
		val := string(raw)
		if r, err := charsetReader(charset, strings.NewReader(val)); err == nil {
			if b, err := io.ReadAll(io.LimitReader(r, 64<<10)); err == nil {
				val = string(b)
			}
		}
		params[base] = val
	}
	return t, params
}

func percentDecode(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0 {
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return b
}

// mimeParseMediaType is mime.ParseMediaType with a lower-cased type.
func mimeParseMediaType(v string) (string, map[string]string, error) {
	if strings.TrimSpace(v) == "" {
		return "", map[string]string{}, nil
	}
	t, params, err := mime.ParseMediaType(v)
	if params == nil {
		params = map[string]string{}
	}
	return strings.ToLower(t), params, err
}
