// Package store keeps regbot's state in one SQLite file (modernc.org/sqlite,
// no cgo) and its sent log. It is the only package with SQL.
//
// # Using it
//
// Open creates (mode 0600) or opens the file and migrates it. All writes go
// through DB.Tx, one BEGIN IMMEDIATE transaction that commits when the
// function returns nil and rolls back on an error or a panic. Reads are on
// *Reader, which *Tx embeds: inside a transaction read through the *Tx, for
// a consistent multi-query read use DB.View, for a one-off read
// DB.Reader(ctx). The pool has a single connection, so a call through the
// *DB inside Tx or View waits forever for the connection the function holds:
// inside, use only the *Tx or *Reader it was given.
//
// Lookups of one row (MessageByUID, PersonByEmail, Registration, …) return
// nil, nil when there is none. Write methods that address a row by id
// return an error matching ErrNotFound when it does not exist. A UNIQUE
// violation matches ErrDuplicate (errors.Is) and aborts only that statement:
// the transaction stays usable. Errors never contain e-mail addresses or
// names.
//
// # Schema
//
// The schema is migrations/0001_init.sql and the migrations after it
// (testdata/schema.golden is what SQLite makes of them). Tables are STRICT; ids are INTEGER PRIMARY KEY, 0 in
// Go is NULL in SQL for optional references. Times are UTC RFC 3339 text with
// exactly nine fractional digits ("2026-03-02T08:00:00.000000000Z"), so that
// comparing the text compares the instants; NULL is the zero time. Every
// time the store sets itself comes from Options.Now.
//
//   - mailbox_state: UIDVALIDITY and last handled UID per IMAP mailbox.
//   - messages: every inbound mail looked at: IMAP position (unique),
//     Message-ID (unique when present), sender, subject, handled_at, the
//     outcome, the machine classification, failed attempts and set-aside.
//   - people: address (unique, lower-case, NULL for attendees without one),
//     name, organisation, salutation, bounce state.
//   - registrations: one per person and event (unique) with status, who
//     registered them, the mail that caused it, calendar UID and sequence.
//     status_at is when the current status was entered; the waiting list is
//     ordered by (status_at, id), so a person who cancels and queues again
//     goes to the end.
//   - changes: what happened to registrations, for the digest's "changes
//     since". AddRegistration, SetStatus and Forget write theirs; the
//     caller adds the others (AddChange), e.g. "bounced".
//   - outbox: rendered replies with a stable Message-ID (unique), retry
//     state and the sender's claim. The message itself is in outbox_raw,
//     so that claiming and recording a reply rewrite a small row, not its
//     8 KB; it is deleted once sent. A sender records a sent reply in the
//     sent log next to the file (RecordSent, see sentlog.go), which is
//     folded into this table once per batch.
//   - reviews: mails for a human, with an excerpt that is erased when done.
//   - audit: administrative actions; never personal data.
//   - digests: the days a digest went out.
//
// # Migrations
//
// migrations/NNNN_name.sql are embedded and numbered 1, 2, 3, … without
// gaps; PRAGMA user_version is the number of the last one applied and
// PRAGMA application_id is ApplicationID. A shipped migration is never
// edited: a change is a new file. Open first reads both values over a
// connection that changes nothing and refuses a file of another application
// (ErrNotRegbot) or of a newer regbot (ErrNewerSchema), each with a message
// that says what to do. Each pending migration then runs in its own BEGIN
// IMMEDIATE transaction that re-reads user_version (another process may
// have migrated meanwhile), runs the file and sets user_version, so a
// failed migration leaves the previous version intact. A migration whose
// first line is "-- regbot:foreign_keys=off" runs with foreign keys off
// (needed to rebuild a table) and must pass PRAGMA foreign_key_check.
//
// Per-connection settings are in the DSN, so that every connection gets
// them: busy_timeout 5 s, foreign_keys on, WAL, synchronous NORMAL,
// secure_delete on (deleted personal data is overwritten, not left in free
// pages), temp_store MEMORY (a savepoint's sub-journal stays in memory
// instead of a temporary file written page by page) and BEGIN IMMEDIATE
// for write transactions. Under WAL a reader in
// another process (the CLI) sees the last committed state while the daemon
// writes; a second writer waits up to the busy timeout.
//
// # Exactly once
//
// The daemon handles a mail in one Tx: InsertMessage (handled_at = now),
// the people and registrations it causes, the replies (Enqueue), reviews,
// SetMailboxState. Only after the commit does it flag or move the mail on
// the server. A crash before the commit leaves nothing; a crash after it
// re-delivers a mail whose row exists, and MessageByUID/MessageByMessageID
// find it, or InsertMessage fails with ErrDuplicate, which rolls the
// repeated work back. The same mail delivered twice (two UIDs, two
// mailboxes) is one Message-ID, hence handled once. Enqueue is idempotent on
// the reply's Message-ID, and the sender marks a reply sent only after the
// SMTP server accepted it (MarkSent), so a reply is sent at least once and,
// barring a crash between acceptance and MarkSent, exactly once. A failed
// attempt is recorded in a transaction of its own (InsertMessageUnhandled,
// RecordMessageFailure); the retry's InsertMessage takes that unhandled row
// over, and a mail that keeps failing is finally set aside (failed_at).
//
// # Personal data
//
// Only what registration needs is stored. Mail bodies are not stored; a
// review keeps a short excerpt until it is closed; a reply's body is kept
// only until it is sent. Forget (GDPR Art. 17) erases a person everywhere
// and keeps anonymous rows where they prove that a mail was handled;
// PurgeEvent deletes an event's registrations and the people left without
// one after the retention period. Both write an audit entry with counts
// only.
package store
