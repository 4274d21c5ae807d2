package digest

import (
	"bytes"
	"fmt"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/heinlein/regbot/internal/reply"
)

// Message assembles the digest mail (RFC 5322, with go-mail) from the
// registration mailbox to the organisers, all named in To:
//
//	multipart/mixed
//	├── multipart/alternative
//	│   ├── text/plain; charset=UTF-8     quoted-printable
//	│   └── text/html; charset=UTF-8      quoted-printable
//	└── text/csv; charset=utf-8; header=present   one per event, base64,
//	    Content-Disposition: attachment; filename="teilnehmende-<event>-<day>.csv"
//
// It carries Auto-Submitted: auto-generated and X-Auto-Response-Suppress
// (reply.AutoResponseSuppress), so that no out-of-office answers it, and X-Regbot-Loop, so that
// regbot recognises its own mail if it comes back. messageID is used as
// given (with or without angle brackets).
func (d *Digest) Message(from reply.Mailbox, to []string, date time.Time, messageID string) ([]byte, error) {
	if err := plainAddress(from.Email); err != nil {
		return nil, fmt.Errorf("digest: From: %w", err)
	}
	if len(to) == 0 {
		return nil, fmt.Errorf("digest: no recipient")
	}
	var rcpts []*netmail.Address
	for _, a := range to {
		if err := plainAddress(a); err != nil {
			return nil, fmt.Errorf("digest: To: %w", err)
		}
		rcpts = append(rcpts, &netmail.Address{Address: strings.TrimSpace(a)})
	}
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(messageID), "<"), ">")
	if !validMsgID(id) {
		return nil, fmt.Errorf("digest: Message-ID %q is not a valid msg-id", messageID)
	}
	if date.IsZero() {
		return nil, fmt.Errorf("digest: Date is not set")
	}

	msg := mail.NewMsg(mail.WithNoDefaultUserAgent(), mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	msg.FromMailAddress(&netmail.Address{Name: oneLine(from.Name, 100), Address: strings.TrimSpace(from.Email)})
	msg.ToMailAddress(rcpts...)
	msg.SetGenHeader(mail.HeaderSubject, d.Subject())
	msg.SetDateWithValue(date.In(d.Location))
	msg.SetMessageIDWithValue(id)
	// RFC 3834 §5: automatic, not a reply to anything; nobody should answer it automatically.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	// Exchange and Outlook send no automatic answer to a mail carrying this.
	msg.SetGenHeader(mail.HeaderXAutoResponseSuppress, reply.AutoResponseSuppress)
	msg.SetGenHeader("X-Regbot-Loop", strings.ToLower(strings.TrimSpace(from.Email)))
	msg.SetGenHeader(mail.HeaderContentLang, "de")

	msg.SetBodyString(mail.TypeTextPlain, d.Text())
	msg.AddAlternativeString(mail.TypeTextHTML, d.HTML())
	for _, ev := range d.Events {
		data := CSV(ev.Registrations, ev.Registrars, d.Location)
		err := msg.AttachReader(FileName(ev.ID, d.Day), bytes.NewReader(data),
			mail.WithFileContentType("text/csv; charset=utf-8; header=present"),
			mail.WithFileEncoding(mail.EncodingB64))
		if err != nil {
			return nil, fmt.Errorf("digest: attach the list of %s: %w", ev.ID, err)
		}
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("digest: writing the message: %w", err)
	}
	return buf.Bytes(), nil
}

// plainAddress accepts a bare addr-spec ("orga@example.org") only.
func plainAddress(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return fmt.Errorf("no address")
	}
	for _, r := range s {
		if r <= ' ' || r >= 0x7f {
			return fmt.Errorf("address %q contains blanks, control or non-ASCII characters", s)
		}
	}
	a, err := netmail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || strings.ContainsAny(s, `<>"(),;:\[]`) {
		return fmt.Errorf("address %q is not a plain address", s)
	}
	return nil
}

// validMsgID: printable ASCII without blanks, brackets or quotes, with an @.
func validMsgID(s string) bool {
	if s == "" || len(s) > 250 || !strings.Contains(s, "@") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= 0x20 || c >= 0x7f || strings.IndexByte(`<>"\()`, c) >= 0 {
			return false
		}
	}
	return true
}
