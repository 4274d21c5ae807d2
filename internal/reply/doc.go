// Package reply owns every mail regbot sends to a person: it turns a Data (what
// happened, to whom, for which event) into a finished Message with a German
// text and HTML body, an iCalendar attachment where the kind needs one, and the
// headers every automatic reply must carry (RFC 3834: Auto-Submitted,
// In-Reply-To, References; X-Auto-Response-Suppress against Exchange
// out-of-office loops; X-Regbot-Loop so that our own mail is recognised when it
// comes back).
//
// The wording lives in the templates package (embedded *.tmpl files, which an
// operator can override file by file from a folder); this package prepares the
// data the templates see (German dates, the greeting, each attendee's status in
// words), chooses the subject, builds the calendar (RFC 5545, with
// github.com/emersion/go-ical, folded at 75 octets) and assembles the RFC 5322
// message with github.com/wneessen/go-mail.
//
// Everything that ends up in a header is reduced to a single harmless value:
// control characters become spaces, non-ASCII text and anything that looks like
// an encoded word is RFC 2047-encoded, addresses are validated, Message-IDs are
// checked token by token. Nothing here reads a clock: Data.Date is the Date
// header and the calendar's DTSTAMP, so output is reproducible.
//
// Which kind to send, to whom, and the calendar identity (UID and SEQUENCE) of a
// registration are decided by the caller; this package does not store
// anything.
package reply
