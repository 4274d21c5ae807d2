// Package mailparse owns the step from raw RFC 5322 bytes to a normalised
// Message: decoded headers (RFC 2047 encoded words in any charset, raw 8-bit
// headers), the addresses, threading ids, the body as UTF-8 text (text/plain
// preferred, HTML converted to text otherwise), the attachments as a list, and
// the machine-readable parts that bounces carry (RFC 3464
// message/delivery-status, text/rfc822-headers, message/rfc822).
//
// The reader is deliberately lenient: real mail has broken boundaries,
// unknown or wrong charsets, header lines without a colon and CR-only line
// endings. Whatever cannot be read is recorded in Message.Problems instead
// of failing, so that a person can look at it. Parse never panics, and it
// reads attachments as a stream: memory stays bounded whatever their size.
package mailparse
