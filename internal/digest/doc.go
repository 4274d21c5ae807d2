// Package digest owns the organisers' daily report, the one mail a day in
// which they see everything regbot did without opening the database: per
// configured event the counts (confirmed, waiting list, cancelled, after
// the deadline, information list, refused), the seats left, the days to the
// deadline and to the event, and what changed since the last digest (new
// registrations, cancellations, moves up from the waiting list, bounced
// addresses) with names; the mails that need a person (open reviews:
// sender, subject, first lines, reason, how long they have waited); and the
// replies that could not be delivered.
//
// Due decides when the digest for a day is due (once per local calendar
// day at the configured time, daylight saving safe); Build (or Current)
// reads the store through a *store.Reader into a Digest; Text and HTML
// render it in German from the templates embedded from templates/*.tmpl;
// CSV writes each event's participant list for German Excel; Message
// assembles the mail with go-mail. The package does no I/O of its own and
// reads no clock: the caller passes now, and the daemon (internal/daemon,
// DigestOnce and its loop) queues the mail in the outbox and records the
// day in the same transaction.
package digest
