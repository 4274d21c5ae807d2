// Package automail owns one decision: did a machine send this mail? The
// registration mailbox answers people and must never answer a machine:
// out-of-office and vacation notices, ticket and receipt acknowledgements,
// read receipts, delivery reports (bounces), mailing lists and newsletters,
// and our own replies coming back. For bounces it also says which
// recipient failed, so that the address can be marked undeliverable.
//
// Classify applies, in this order:
//
//  1. Delivery reports. An RFC 3464 message/delivery-status part
//     (multipart/report; report-type=delivery-status), Exim's
//     X-Failed-Recipients, or a bounce sender/subject backed by the returned
//     original or by an address the report's text ties to the failure. The
//     failed recipient comes from the report's per-recipient blocks
//     (Original-Recipient before Final-Recipient), else from the header,
//     else from the text of Postfix, Exim, qmail, Sendmail, Exchange, GMX,
//     web.de, T-Online, Yahoo, AOL and Google reports, else from the
//     returned original's only To. Our own addresses, the report's senders
//     and addresses on Received lines are never the failed recipient.
//  2. Our own mail coming back (loop): From one of our addresses, our loop
//     header, an X-Loop naming us, or Auto-Submitted mail with our
//     Message-ID domain.
//  3. Fake bounces: a bounce sender and subject or wording without any
//     report, returned original or failed address is phishing; it is
//     classified Bulk, which the caller treats as spam.
//  4. The header rules, decisive each on its own: the null envelope sender,
//     Auto-Submitted other than "no" (RFC 3834 §5), the list fields and
//     Precedence that RFC 5230 §4.6 and Mailman check, Exchange's
//     X-Auto-Response-Suppress, responder flags (X-Autoreply …), sender
//     local parts of robots (MAILER-DAEMON, noreply, *-request, owner-* …)
//     and read receipts (report-type=disposition-notification).
//  5. The text: subject and the sender's new text (quotes cut off) are
//     scored for German and English out-of-office, acknowledgement and
//     "no longer here" notices; see textThreshold. One weak word never
//     decides.
//
// Every phrase and header name lives as data in internal/lexicon
// (machine.go); this package holds the rules. Matching folds case, spells
// out umlauts on both sides and collapses whitespace, so text written
// without umlauts matches too.
//
// The package errs on the side of not answering where a robot could be
// answered (a loop costs more than a late answer by hand), but a single
// ambiguous word never silences a person. Work is bounded: only the first
// 200 lines of text are searched and at most 100 addresses looked at, and
// Classify recovers from any panic.
package automail
