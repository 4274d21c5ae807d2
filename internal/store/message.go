package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

const messageColumns = `id, mailbox, uid_validity, uid, coalesce(message_id, ''), sender, subject,
	received_at, handled_at, outcome, machine, attempts, failed_at, last_error`

func scanMessage(s interface{ Scan(...any) error }) (*Message, error) {
	var m Message
	err := s.Scan(&m.ID, &m.Mailbox, &m.UIDValidity, &m.UID, &m.MessageID, &m.Sender, &m.Subject,
		at(&m.ReceivedAt), at(&m.HandledAt), &m.Outcome, &m.Machine, &m.Attempts, at(&m.FailedAt), &m.LastError)
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// normMessageID trims blanks and one pair of angle brackets, so "<a@b>" and
// "a@b" are the same mail.
func normMessageID(id string) string {
	id = strings.TrimSpace(id)
	if len(id) >= 2 && id[0] == '<' && id[len(id)-1] == '>' {
		id = strings.TrimSpace(id[1 : len(id)-1])
	}
	return id
}

// forgottenMessageID is what Forget leaves of a Message-ID: enough to
// recognise a redelivered copy, nothing that can be read back.
func forgottenMessageID(id string) string {
	sum := sha256.Sum256([]byte(id))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// MessageByUID returns the message recorded under that IMAP position, or
// nil, nil.
func (r *Reader) MessageByUID(mailbox string, uidValidity, uid uint32) (*Message, error) {
	m, err := scanMessage(r.queryRow(`SELECT `+messageColumns+` FROM messages
		WHERE mailbox = ? AND uid_validity = ? AND uid = ?`, mailbox, uidValidity, uid))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read message %s/%d/%d: %w", mailbox, uidValidity, uid, err)
	}
	return m, nil
}

// MessageByMessageID returns the message with that Message-ID (with or
// without angle brackets), or nil, nil. It also finds a message whose
// sender was erased by Forget, with MessageID and Sender empty.
func (r *Reader) MessageByMessageID(messageID string) (*Message, error) {
	id := normMessageID(messageID)
	if id == "" {
		return nil, nil
	}
	m, err := scanMessage(r.queryRow(`SELECT `+messageColumns+` FROM messages
		WHERE message_id IN (?, ?) ORDER BY id LIMIT 1`, id, forgottenMessageID(id)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read message by message-id: %w", err)
	}
	if strings.HasPrefix(m.MessageID, "sha256:") {
		m.MessageID = ""
	}
	return m, nil
}

// InsertMessage records m and sets m.ID. HandledAt defaults to now: the
// usual call is in the transaction that handles the mail. Sender is stored
// lower-case, MessageID without angle brackets. A message already handled
// or set aside under the same (mailbox, UIDVALIDITY, UID), or recorded
// under the same Message-ID, gives an error that matches ErrDuplicate. A
// row that a failed attempt left unhandled at the same IMAP position
// (InsertMessageUnhandled) is taken over instead: its fields are replaced,
// its attempt count and last error kept, and its id returned.
func (tx *Tx) InsertMessage(m *Message) (int64, error) {
	if m.HandledAt.IsZero() {
		m.HandledAt = tx.now()
	}
	return tx.insertMessage(m)
}

func (tx *Tx) insertMessage(m *Message) (int64, error) {
	m.MessageID = normMessageID(m.MessageID)
	m.Sender = normAddr(m.Sender)
	if m.MessageID != "" {
		// A copy of a mail whose sender was forgotten is still a duplicate.
		var n int
		if err := tx.queryRow(`SELECT count(*) FROM messages WHERE message_id = ?`,
			forgottenMessageID(m.MessageID)).Scan(&n); err != nil {
			return 0, fmt.Errorf("insert message %s/%d/%d: %w", m.Mailbox, m.UIDValidity, m.UID, err)
		}
		if n > 0 {
			return 0, fmt.Errorf("insert message %s/%d/%d: %w: message-id of a forgotten message",
				m.Mailbox, m.UIDValidity, m.UID, ErrDuplicate)
		}
	}
	// A row left unhandled by a failed attempt at the same IMAP position is
	// taken over (keeping its attempt count); a handled or set-aside one is
	// a duplicate.
	var id int64
	err := tx.queryRow(`INSERT INTO messages (mailbox, uid_validity, uid, message_id, sender, subject,
		received_at, handled_at, outcome, machine, attempts, failed_at, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET message_id = excluded.message_id,
			sender = excluded.sender, subject = excluded.subject, received_at = excluded.received_at,
			handled_at = excluded.handled_at, outcome = excluded.outcome, machine = excluded.machine
		WHERE messages.handled_at IS NULL AND messages.failed_at IS NULL
		RETURNING id`,
		m.Mailbox, m.UIDValidity, m.UID, nullString(m.MessageID), m.Sender, m.Subject,
		dbTime(m.ReceivedAt), dbTime(m.HandledAt), m.Outcome, m.Machine, m.Attempts, dbTime(m.FailedAt), m.LastError).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = fmt.Errorf("%w: imap position already handled", ErrDuplicate)
	}
	if err != nil {
		return 0, fmt.Errorf("insert message %s/%d/%d: %w", m.Mailbox, m.UIDValidity, m.UID, mapErr(err))
	}
	m.ID = id
	return id, nil
}

// InsertMessageUnhandled records m like InsertMessage but leaves it
// unhandled (handled_at NULL, m.HandledAt zero): the row of a mail whose
// processing failed, for RecordMessageFailure to count.
func (tx *Tx) InsertMessageUnhandled(m *Message) (int64, error) {
	m.HandledAt = time.Time{}
	return tx.insertMessage(m)
}

// MarkMessageHandled sets handled_at to now and records the outcome.
func (tx *Tx) MarkMessageHandled(id int64, outcome, machine string) error {
	res, err := tx.exec(`UPDATE messages SET handled_at = ?, outcome = ?, machine = ? WHERE id = ?`,
		dbTime(tx.now()), outcome, machine, id)
	if err == nil {
		err = affected(res)
	}
	if err != nil {
		return fmt.Errorf("mark message %d handled: %w", id, err)
	}
	return nil
}

// RecordMessageFailure counts a failed attempt to process message id and
// returns the new count. The message counts as not handled (handled_at is
// cleared); with setAside it is also marked failed (failed_at = now) and
// should not be tried again.
func (tx *Tx) RecordMessageFailure(id int64, errText string, setAside bool) (attempts int, err error) {
	var failedAt any
	if setAside {
		failedAt = dbTime(tx.now())
	}
	err = tx.queryRow(`UPDATE messages SET attempts = attempts + 1, last_error = ?, handled_at = NULL,
		failed_at = coalesce(?, failed_at) WHERE id = ? RETURNING attempts`, errText, failedAt, id).Scan(&attempts)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("record failure of message %d: %w", id, err)
	}
	return attempts, nil
}
