package mailparse

import (
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
)

// Address is a decoded mailbox: display name and lower-cased address.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String formats the address for people, not for headers.
func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// Attachment describes a part that is not body text. Its content is never
// kept: Size is counted while the part streams past.
type Attachment struct {
	Filename    string `json:"filename,omitempty"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	Inline      bool   `json:"inline,omitempty"`
}

// Embedded is a message carried inside this one: a forwarded message/rfc822
// attachment, or the returned original (or its headers) in a bounce.
type Embedded struct {
	Header  mail.Header
	From    []Address
	To      []Address
	Subject string
	Text    string
	// HeadersOnly is true for text/rfc822-headers parts.
	HeadersOnly bool
}

// Message is one mail, normalised.
type Message struct {
	// Header gives access to every header field as received; values of the
	// convenience fields below are decoded from it.
	Header mail.Header

	From    []Address
	Sender  []Address
	ReplyTo []Address
	To      []Address
	Cc      []Address
	Subject string
	Date    time.Time // zero when missing or unreadable

	MessageID  string
	InReplyTo  []string
	References []string

	// ReturnPath is the envelope sender as recorded by the delivering MTA
	// ("" for the null sender <>); HasReturnPath tells whether the field was
	// there at all.
	ReturnPath    string
	HasReturnPath bool

	// Text is the body as plain UTF-8 text with \n line ends: the inline
	// text parts in order, the plain one of each multipart/alternative
	// (its HTML one converted to text when the plain one is missing or
	// empty). Trailing blanks are removed (except in "-- "), runs of blank
	// lines are at most two, format=flowed is undone, and the text is at
	// most Limits.MaxTextBytes long. Embedded messages are not part of it.
	Text string
	// FromHTML is true when (some of) Text was converted from HTML.
	FromHTML bool

	Attachments []Attachment
	Embedded    []Embedded

	// DeliveryStatus holds the message/delivery-status part of an RFC 3464
	// report, if any, as text with \n line ends.
	DeliveryStatus string
	// ReportType is the report-type parameter of a multipart/report.
	ReportType string
	// ContentType is the top-level media type.
	ContentType string

	// Problems lists what could not be read, in words for a person.
	Problems []string
}

// FirstFrom returns the first From address, or a zero Address.
func (m *Message) FirstFrom() Address {
	if len(m.From) > 0 {
		return m.From[0]
	}
	return Address{}
}

// Get returns the decoded, whitespace-collapsed value of a header field as
// valid UTF-8 (encoded words in an unknown charset and raw 8-bit bytes are
// read as UTF-8/windows-1252).
func (m *Message) Get(key string) string {
	v, _ := decodeWords(m.Header.Get(key))
	return collapseSpace(v)
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
