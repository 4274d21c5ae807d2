package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// outboxColumns are read FROM outboxWithRaw: the message of a reply is in
// outbox_raw until it is sent (see migration 0003).
const outboxColumns = `id, message_id, kind, to_addr, coalesce(person_id, 0), coalesce(registration_id, 0),
	coalesce(source_message_id, 0), coalesce(raw, X''), created_at, attempts, next_attempt_at, sent_at, failed_at, last_error`

const outboxWithRaw = `outbox LEFT JOIN outbox_raw ON outbox_raw.outbox_id = outbox.id`

func scanOutbox(s interface{ Scan(...any) error }) (*OutboxItem, error) {
	var o OutboxItem
	err := s.Scan(&o.ID, &o.MessageID, &o.Kind, &o.To, &o.PersonID, &o.RegistrationID, &o.SourceMessageID,
		&o.Raw, at(&o.CreatedAt), &o.Attempts, at(&o.NextAttemptAt), at(&o.SentAt), at(&o.FailedAt), &o.LastError)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func (r *Reader) outboxList(what, query string, args ...any) ([]OutboxItem, error) {
	rows, err := r.query(`SELECT `+outboxColumns+` FROM `+outboxWithRaw+` `+query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var list []OutboxItem
	for rows.Next() {
		o, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		list = append(list, *o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return list, nil
}

// Enqueue queues a reply and sets item.ID. It is idempotent on
// item.MessageID: queuing the same Message-ID again changes nothing and
// returns the id of the row already there. CreatedAt defaults to now, a
// zero NextAttemptAt means "due now"; To is stored lower-case.
func (tx *Tx) Enqueue(item *OutboxItem) (int64, error) {
	item.To = normAddr(item.To)
	if item.MessageID == "" || item.To == "" || len(item.Raw) == 0 {
		return 0, errors.New("enqueue reply: message-id, recipient and raw message are required")
	}
	if item.CreatedAt.IsZero() {
		item.CreatedAt = tx.now()
	}
	err := tx.queryRow(`INSERT INTO outbox (message_id, kind, to_addr, person_id, registration_id,
		source_message_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (message_id) DO NOTHING RETURNING id`,
		item.MessageID, item.Kind, item.To, nullID(item.PersonID), nullID(item.RegistrationID),
		nullID(item.SourceMessageID), dbTime(item.CreatedAt), item.Attempts,
		dbTime(item.NextAttemptAt), dbTime(item.SentAt), dbTime(item.FailedAt), item.LastError).Scan(&item.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows): // already queued
		err = tx.queryRow(`SELECT id FROM outbox WHERE message_id = ?`, item.MessageID).Scan(&item.ID)
	case err == nil && item.SentAt.IsZero():
		_, err = tx.exec(`INSERT INTO outbox_raw (outbox_id, raw) VALUES (?, ?)`, item.ID, item.Raw)
	}
	if err != nil {
		return 0, fmt.Errorf("enqueue reply %s: %w", item.MessageID, mapErr(err))
	}
	return item.ID, nil
}

// OutboxByID returns the outbox row with that id, or nil, nil.
func (r *Reader) OutboxByID(id int64) (*OutboxItem, error) {
	o, err := scanOutbox(r.queryRow(`SELECT `+outboxColumns+` FROM `+outboxWithRaw+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read outbox %d: %w", id, err)
	}
	return o, nil
}

// OutboxByMessageID returns the reply with that Message-ID (without angle
// brackets), or nil, nil: a person answering our confirmation refers to it
// in In-Reply-To.
func (r *Reader) OutboxByMessageID(messageID string) (*OutboxItem, error) {
	o, err := scanOutbox(r.queryRow(`SELECT `+outboxColumns+` FROM `+outboxWithRaw+` WHERE message_id = ?`, strings.Trim(messageID, "<> ")))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read outbox message %s: %w", messageID, err)
	}
	return o, nil
}

// DueOutbox returns up to limit (all if limit <= 0) replies that are neither
// sent nor failed and whose next attempt is due at now, oldest due first.
func (r *Reader) DueOutbox(now time.Time, limit int) ([]OutboxItem, error) {
	if limit <= 0 {
		limit = -1
	}
	return r.outboxList("list due replies", `WHERE sent_at IS NULL AND failed_at IS NULL
		AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY next_attempt_at, id LIMIT ?`,
		dbTime(now), limit)
}

// DeliveryProblems returns the replies that failed for good since since and
// those still unsent after at least one failed attempt, for the digest. Raw
// is not filled.
func (r *Reader) DeliveryProblems(since time.Time) ([]OutboxItem, error) {
	list, err := r.outboxList("list delivery problems", `WHERE (failed_at >= ?)
		OR (sent_at IS NULL AND failed_at IS NULL AND attempts > 0) ORDER BY created_at, id`, dbSince(since))
	for i := range list {
		list[i].Raw = nil
	}
	return list, err
}

// MarkSent records that reply id was delivered and erases its body, which
// is no longer needed.
func (tx *Tx) MarkSent(id int64) error {
	res, err := tx.exec(`UPDATE outbox SET sent_at = coalesce(sent_at, ?), next_attempt_at = NULL,
		claimed_by = NULL, last_error = '' WHERE id = ?`, dbTime(tx.now()), id)
	if err == nil {
		err = affected(res)
	}
	if err == nil {
		err = tx.dropRaw(id)
	}
	if err != nil {
		return fmt.Errorf("mark reply %d sent: %w", id, err)
	}
	return nil
}

// markSentAt is MarkSent for a reply recorded in the sent log at at. The
// reply may have been erased meanwhile, or folded before.
func (tx *Tx) markSentAt(id int64, at time.Time) error {
	if _, err := tx.exec(`UPDATE outbox SET sent_at = coalesce(sent_at, ?), next_attempt_at = NULL,
		claimed_by = NULL, last_error = '' WHERE id = ?`, dbTime(at), id); err != nil {
		return fmt.Errorf("mark reply %d sent: %w", id, err)
	}
	if err := tx.dropRaw(id); err != nil {
		return fmt.Errorf("mark reply %d sent: %w", id, err)
	}
	return nil
}

// dropRaw deletes the message of a sent reply: it is not needed any more,
// and it holds personal data.
func (tx *Tx) dropRaw(id int64) error {
	_, err := tx.exec(`DELETE FROM outbox_raw WHERE outbox_id = ?`, id)
	return err
}

// MarkAttemptFailed counts a failed delivery of reply id and schedules the
// next attempt at next; permanent marks it failed (failed_at = now) and
// takes it out of DueOutbox.
func (tx *Tx) MarkAttemptFailed(id int64, errText string, next time.Time, permanent bool) error {
	var failedAt any
	if permanent {
		failedAt = dbTime(tx.now())
	}
	res, err := tx.exec(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
		claimed_by = NULL, failed_at = coalesce(?, failed_at) WHERE id = ?`, errText, dbTime(next), failedAt, id)
	if err == nil {
		err = affected(res)
	}
	if err != nil {
		return fmt.Errorf("record failed delivery of reply %d: %w", id, err)
	}
	return nil
}

// Requeue makes an unsent reply due again with a fresh attempt count (the
// CLI's resend of a failed reply). A sent reply has no body left and gives
// an error; render a new one instead.
func (tx *Tx) Requeue(id int64) error {
	var sent sql.NullString
	err := tx.queryRow(`SELECT sent_at FROM outbox WHERE id = ?`, id).Scan(&sent)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err == nil && sent.Valid {
		err = errors.New("already sent")
	}
	if err == nil {
		_, err = tx.exec(`UPDATE outbox SET attempts = 0, next_attempt_at = NULL, failed_at = NULL,
			claimed_by = NULL, last_error = '' WHERE id = ?`, id)
	}
	if err != nil {
		return fmt.Errorf("requeue reply %d: %w", id, err)
	}
	return nil
}

// KindDigest is the outbox kind of the organisers' digest. The digest
// answers nobody: RepliesTo and RepliesSince do not count it against the
// reply limits.
const KindDigest = "digest"

// RepliesTo counts the replies to addr queued at or after since (rate
// limit per recipient).
func (r *Reader) RepliesTo(addr string, since time.Time) (int, error) {
	var n int
	if err := r.queryRow(`SELECT count(*) FROM outbox WHERE to_addr = ? AND created_at >= ? AND kind <> ?`,
		normAddr(addr), dbSince(since), KindDigest).Scan(&n); err != nil {
		return 0, fmt.Errorf("count replies to one address: %w", err)
	}
	return n, nil
}

// RepliesSince counts all replies queued at or after since (global rate
// limit).
func (r *Reader) RepliesSince(since time.Time) (int, error) {
	var n int
	if err := r.queryRow(`SELECT count(*) FROM outbox WHERE created_at >= ? AND kind <> ?`, dbSince(since), KindDigest).Scan(&n); err != nil {
		return 0, fmt.Errorf("count replies: %w", err)
	}
	return n, nil
}
