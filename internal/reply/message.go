package reply

import (
	"bytes"
	"fmt"
	netmail "net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wneessen/go-mail"
)

// maxSubjectRunes caps the original subject we repeat after "Re: ". Longer
// subjects are shortened with "…"; the cap keeps every header far below the
// 998-octet line limit of RFC 5322 even before folding.
const maxSubjectRunes = 250

// calendarName is the file name of the calendar part.
const calendarName = "einladung.ics"

// AutoResponseSuppress is the X-Auto-Response-Suppress value of regbot's
// mail (MS-OXCMAIL): no out-of-office (OOF) and no other automatic reply
// (AutoReply) from Exchange or Outlook. Not "All": that
// also suppresses Exchange's non-delivery reports, and a bounce of a reply
// is how regbot learns that an address is dead.
const AutoResponseSuppress = "OOF, AutoReply"

// Bytes assembles the message (RFC 5322, MIME) with go-mail:
//
//	multipart/mixed                       (only when there is a calendar)
//	├── multipart/alternative
//	│   ├── text/plain; charset=UTF-8     quoted-printable
//	│   └── text/html; charset=UTF-8      quoted-printable
//	└── text/calendar; method=REQUEST|CANCEL; charset=utf-8; name="einladung.ics"
//	    Content-Disposition: attachment; filename="einladung.ics"
//
// Headers: From, To (exactly one recipient), Subject, Date, Message-ID,
// In-Reply-To and References (for answers), Auto-Submitted,
// X-Auto-Response-Suppress (AutoResponseSuppress), X-Regbot-Loop,
// Content-Language: de, MIME-Version. Every value is a single header field whatever the input: see
// cleanHeaderText and encodeUnstructured.
func (m *Message) Bytes() ([]byte, error) {
	if err := checkAddress(m.From.Email); err != nil {
		return nil, fmt.Errorf("reply: From: %w", err)
	}
	if err := checkAddress(m.To.Email); err != nil {
		return nil, fmt.Errorf("reply: To: %w", err)
	}
	id, ok := msgIDToken(m.MessageID)
	if !ok {
		return nil, fmt.Errorf("reply: Message-ID %q is not a valid msg-id", m.MessageID)
	}
	if m.Date.IsZero() {
		return nil, fmt.Errorf("reply: Date is not set")
	}
	subject := cleanHeaderText(m.Subject, 0)
	if subject == "" {
		return nil, fmt.Errorf("reply: empty subject")
	}

	msg := mail.NewMsg(mail.WithNoDefaultUserAgent(), mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	// net/mail's Address.String (used by go-mail) quotes printable names and
	// RFC 2047-encodes all others, so a cleaned name cannot break the header.
	msg.FromMailAddress(&netmail.Address{Name: cleanName(m.From.Name), Address: strings.TrimSpace(m.From.Email)})
	msg.ToMailAddress(&netmail.Address{Name: cleanName(m.To.Name), Address: strings.TrimSpace(m.To.Email)})
	msg.SetGenHeader(mail.HeaderSubject, encodeUnstructured(subject))
	msg.SetDateWithValue(m.Date)
	msg.SetMessageIDWithValue(id)
	if irt, ok := msgIDToken(m.InReplyTo); ok {
		msg.SetGenHeader(mail.HeaderInReplyTo, "<"+irt+">")
	}
	if refs := cleanIDs(m.References); len(refs) > 0 {
		msg.SetGenHeader(mail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
	auto := m.AutoSubmitted
	if auto != "auto-generated" {
		auto = "auto-replied"
	}
	// RFC 3834 §5: marks the mail as automatic, so that well-behaved
	// responders (Sieve vacation, Dovecot, Zammad, RT, Mailman) stay silent.
	msg.SetGenHeader("Auto-Submitted", auto)
	// MS-OXCMAIL: Exchange and Outlook send no out-of-office or other
	// automatic answer to a mail carrying this.
	msg.SetGenHeader(mail.HeaderXAutoResponseSuppress, AutoResponseSuppress)
	// Deliberately no "Precedence: bulk" (MAIL-RULES lists it as common): it
	// is not standardised (RFC 3834 §3.1.8 does not recommend it), and Outlook,
	// Exchange Online and Gmail use it as a bulk-mail signal that moves the
	// mail to "Other"/"Clutter"/Promotions or lets users' filters hide it. A
	// registration confirmation must land in the inbox. Loops stay prevented
	// without it: Auto-Submitted and X-Auto-Response-Suppress silence the
	// responders that matter, X-Regbot-Loop lets us spot our own mail, and
	// regbot never answers an out-of-office anyway.
	msg.SetGenHeader("X-Regbot-Loop", strings.ToLower(strings.TrimSpace(m.From.Email)))
	msg.SetGenHeader(mail.HeaderContentLang, "de")

	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	if len(m.Calendar) > 0 {
		method := m.CalendarMethod
		if method != "REQUEST" && method != "CANCEL" {
			return nil, fmt.Errorf("reply: calendar method %q, want REQUEST or CANCEL", method)
		}
		ct := mail.ContentType("text/calendar; method=" + method + "; charset=utf-8")
		if err := msg.AttachReader(calendarName, bytes.NewReader(m.Calendar), mail.WithFileContentType(ct)); err != nil {
			return nil, fmt.Errorf("reply: calendar part: %w", err)
		}
	}
	// Sized for the whole message (quoted-printable text and HTML, the
	// calendar in base64, headers): growing by doubling was half of what
	// rendering a reply allocated.
	var buf bytes.Buffer
	buf.Grow(len(m.Text)*5/4 + len(m.HTML)*5/4 + len(m.Calendar)*3/2 + 4096)
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("reply: writing the message: %w", err)
	}
	return buf.Bytes(), nil
}

// cleanHeaderText turns any string into one line of text: invalid UTF-8 is
// replaced, every control or line/paragraph separator character becomes a
// space, runs of blanks become one space, the ends are trimmed. max > 0 caps
// the length in runes, ending in "…".
func cleanHeaderText(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := b.String()
	if max > 0 && utf8.RuneCountInString(out) > max {
		r := []rune(out)
		out = strings.TrimRight(string(r[:max-1]), " ") + "…"
	}
	return out
}

// encodeUnstructured prepares cleaned text for an unstructured header
// (Subject). Plain printable ASCII with short words stays as it is; anything
// else (umlauts, a literal "=?…?=" that a reader would otherwise decode, words
// too long to fold) becomes a sequence of RFC 2047 Q-encoded words of at most
// 60 octets, separated by spaces, where go-mail folds the line.
func encodeUnstructured(s string) string {
	plain := !strings.Contains(s, "=?")
	for _, w := range strings.Split(s, " ") {
		if len(w) > 60 || w == "" {
			plain = false
		}
	}
	for i := 0; i < len(s) && plain; i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			plain = false
		}
	}
	if plain {
		return s
	}
	const prefix, suffix, maxWord = "=?UTF-8?q?", "?=", 60
	var words []string
	var cur strings.Builder
	for _, r := range s {
		var enc string
		switch {
		case r == ' ':
			enc = "_"
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("!*+-/", r)):
			enc = string(r)
		default:
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], r)
			for _, c := range buf[:n] {
				enc += fmt.Sprintf("=%02X", c)
			}
		}
		if cur.Len()+len(enc) > maxWord-len(prefix)-len(suffix) {
			words = append(words, prefix+cur.String()+suffix)
			cur.Reset()
		}
		cur.WriteString(enc)
	}
	if cur.Len() > 0 {
		words = append(words, prefix+cur.String()+suffix)
	}
	return strings.Join(words, " ")
}

// Replyable tells whether addr can be the recipient of a reply: a plain
// addr-spec, which excludes the quoted local parts ("a:b"@example.org)
// that RFC 5322 allows and no reply header should carry.
func Replyable(addr string) bool { return checkAddress(addr) == nil }

// checkAddress accepts a plain addr-spec ("name@example.org") and nothing
// else: no display name, no comments, no blanks or control characters.
func checkAddress(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return fmt.Errorf("no address")
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r > 0x7e {
			return fmt.Errorf("address %q contains blanks, control or non-ASCII characters", s)
		}
	}
	if strings.ContainsAny(s, `<>"(),;:\[]`) {
		return fmt.Errorf("address %q is not a plain address", s)
	}
	a, err := netmail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || !strings.Contains(s, "@") {
		return fmt.Errorf("address %q is not a plain address", s)
	}
	return nil
}

// msgIDToken reduces "<id@host>" or "id@host" to "id@host" if it is a usable
// msg-id: printable ASCII without blanks or angle brackets, at most 250
// octets.
func msgIDToken(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	if s == "" || len(s) > 250 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == '(' || c == ')' {
			return "", false
		}
	}
	return s, true
}

var angleIDs = regexp.MustCompile(`<[^<>]*>`)

// splitIDs reads msg-ids from header-like strings: "<a@x> <b@y>", "<a@x>,
// <b@y>" or bare "a@x b@y". Unusable ids are dropped.
func splitIDs(values []string) []string {
	var out []string
	for _, v := range values {
		var toks []string
		if strings.Contains(v, "<") {
			toks = angleIDs.FindAllString(v, -1)
		} else {
			toks = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		}
		for _, t := range toks {
			if id, ok := msgIDToken(t); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// cleanIDs drops unusable ids and duplicates (keeping the first) and keeps
// References short as RFC 5322 §3.6.4 allows: the first id (the thread's
// root) and the last 19.
func cleanIDs(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range splitIDs(ids) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) > 20 {
		out = append(out[:1:1], out[len(out)-19:]...)
	}
	return out
}

// threadIDs gives In-Reply-To (the original's Message-ID) and References (the
// original's References plus its Message-ID), per RFC 5322 §3.6.4 and RFC 3834
// §3.1.5.
func threadIDs(inReplyTo string, references []string) (string, []string) {
	irt := ""
	if ids := splitIDs([]string{inReplyTo}); len(ids) > 0 {
		irt = ids[0]
	}
	refs := splitIDs(references)
	if irt != "" {
		refs = append(refs, irt)
	}
	refs = cleanIDs(refs)
	// The original's own id must stay last even after de-duplication.
	if irt != "" && len(refs) > 0 && refs[len(refs)-1] != irt {
		for i, r := range refs {
			if r == irt {
				refs = append(refs[:i], refs[i+1:]...)
				break
			}
		}
		refs = append(refs, irt)
	}
	return irt, refs
}

var replyPrefix = regexp.MustCompile(`(?i)^\s*(re|aw|antw|antwort|wg|fw|fwd|sv|vs|rif|réf)\s*(\[\d+\]|\(\d+\)|\^\d+)?\s*:\s*`)

// stripReplyPrefixes removes any stack of "Re:", "AW:", "WG:", "Fwd:" (and
// their numbered and other-language forms) so that the reply says
// "Re: <subject>" exactly once.
func stripReplyPrefixes(s string) string {
	for {
		t := replyPrefix.ReplaceAllString(s, "")
		if t == s {
			return strings.TrimSpace(s)
		}
		s = t
	}
}
