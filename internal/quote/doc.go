// Package quote splits the decoded plain-text body of an e-mail into what
// the sender wrote now and what the mail merely carries along.
//
// It owns the answer to "which part of this body is the sender's?": the new
// text, the closing formula, the signature (with its legal disclaimer held
// apart), the quoted reply history and forwarded messages, and the header
// blocks ("Von:/Gesendet:/An:/Betreff:", "Am … schrieb …:") that introduce
// them. Classifiers and extractors downstream read intent only from New and
// names, organisations and roles from Closing/Signature, so that a reply
// quoting the whole invitation is not taken to ask for what the invitation
// offers, and a managing director named in a legal footer is not taken for
// an attendee.
//
// The package works on text only: MIME decoding, charsets and HTML-to-text
// belong to the reader in front of it. Every phrase list and pattern it
// uses is kept in markers.go. Split never panics and runs in time linear in
// the size of its input.
package quote
