-- 0001_init: the initial regbot schema.
--
-- Shipped migrations are never edited; a change to the schema is a new file
-- with the next number. Times are UTC RFC 3339 text with exactly nine
-- fractional digits ("2006-01-02T15:04:05.000000000Z"), so comparing the text
-- compares the instants. NULL means "not set".

-- The IMAP position per mailbox. A new UIDVALIDITY invalidates last_uid.
CREATE TABLE mailbox_state (
    mailbox      TEXT PRIMARY KEY,
    uid_validity INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL
) STRICT;

-- Every inbound mail the daemon has looked at, handled or not. The row (not
-- the IMAP flag) is the proof that a mail was processed: it is written in the
-- same transaction as everything the mail caused.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    mailbox      TEXT NOT NULL,
    uid_validity INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    message_id   TEXT CHECK (message_id <> ''),  -- NULL when the mail had none
    sender       TEXT NOT NULL DEFAULT '',       -- lower-case address
    subject      TEXT NOT NULL DEFAULT '',
    received_at  TEXT,                           -- IMAP INTERNALDATE
    handled_at   TEXT,                           -- NULL while not handled
    outcome      TEXT NOT NULL DEFAULT '',       -- e.g. "register:runder-tisch,question"
    machine      TEXT NOT NULL DEFAULT '',       -- "", auto_reply, bounce, bulk, loop
    attempts     INTEGER NOT NULL DEFAULT 0,     -- failed processing attempts
    failed_at    TEXT,                           -- set aside after repeated failures
    last_error   TEXT NOT NULL DEFAULT '',
    UNIQUE (mailbox, uid_validity, uid)
) STRICT;
-- The same mail delivered twice (two UIDs, two mailboxes) is handled once.
CREATE UNIQUE INDEX messages_message_id ON messages (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX messages_sender ON messages (sender);

CREATE TABLE people (
    id                   INTEGER PRIMARY KEY,
    email                TEXT UNIQUE CHECK (email <> ''),  -- lower-case; NULL for attendees without address
    name                 TEXT NOT NULL DEFAULT '',
    organisation         TEXT NOT NULL DEFAULT '',
    salutation           TEXT NOT NULL DEFAULT '',  -- "Frau", "Herr" or ""
    undeliverable_at     TEXT,
    undeliverable_reason TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

-- One row per person and event. status_at is when the row entered its
-- current status; the waiting list is ordered by (status_at, id).
CREATE TABLE registrations (
    id                INTEGER PRIMARY KEY,
    event             TEXT NOT NULL,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlist', 'cancelled', 'interest', 'late', 'refused')),
    registered_by     INTEGER REFERENCES people (id) ON DELETE SET NULL,
    source_message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    ics_uid           TEXT NOT NULL UNIQUE,
    ics_sequence      INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    status_at         TEXT NOT NULL,
    UNIQUE (event, person_id)
) STRICT;
CREATE INDEX registrations_person ON registrations (person_id);
CREATE INDEX registrations_registered_by ON registrations (registered_by) WHERE registered_by IS NOT NULL;
CREATE INDEX registrations_source_message ON registrations (source_message_id) WHERE source_message_id IS NOT NULL;
CREATE INDEX registrations_event_status ON registrations (event, status, status_at, id);
CREATE INDEX registrations_event_created ON registrations (event, created_at, id);

-- What happened to registrations, for the digest's "changes since". No
-- personal data: the person is reached through the registration.
CREATE TABLE changes (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    event           TEXT NOT NULL,
    registration_id INTEGER REFERENCES registrations (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL  -- registered, waitlisted, cancelled, promoted, interest, late, refused, bounced, deleted
) STRICT;
CREATE INDEX changes_at ON changes (at, id);
CREATE INDEX changes_event ON changes (event);
CREATE INDEX changes_registration ON changes (registration_id) WHERE registration_id IS NOT NULL;

-- Replies waiting for, or past, delivery. raw is erased once sent.
CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY,
    message_id        TEXT NOT NULL UNIQUE,  -- Message-ID of the reply, stable across retries
    kind              TEXT NOT NULL DEFAULT '',
    to_addr           TEXT NOT NULL,
    person_id         INTEGER REFERENCES people (id) ON DELETE CASCADE,
    registration_id   INTEGER REFERENCES registrations (id) ON DELETE SET NULL,
    source_message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
    raw               BLOB NOT NULL,         -- the rendered RFC 5322 reply
    created_at        TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT,                  -- NULL: due now
    sent_at           TEXT,
    failed_at         TEXT,                  -- permanent failure
    last_error        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_to_created ON outbox (to_addr, created_at);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX outbox_person ON outbox (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX outbox_registration ON outbox (registration_id) WHERE registration_id IS NOT NULL;
CREATE INDEX outbox_source_message ON outbox (source_message_id) WHERE source_message_id IS NOT NULL;

-- Mails a human has to look at. excerpt is erased when the review is done.
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL DEFAULT '',
    sender     TEXT NOT NULL DEFAULT '',
    subject    TEXT NOT NULL DEFAULT '',
    excerpt    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    done_at    TEXT,
    done_note  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reviews_open ON reviews (created_at, id) WHERE done_at IS NULL;
CREATE INDEX reviews_message ON reviews (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX reviews_sender ON reviews (sender);

-- Administrative actions. detail never holds personal data.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;

-- One row per digest day (YYYY-MM-DD, local time) that was sent.
CREATE TABLE digests (
    day     TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sent_at TEXT NOT NULL
) STRICT;
