package store

import (
	"context"
	"time"
)

// The methods below are shortcuts for single statements outside a
// transaction, for the outbox sender and the duplicate checks before a
// mail is processed. Each is db.Reader(ctx).X or a one-statement db.Tx.

// MessageByUID is Reader.MessageByUID outside a transaction.
func (db *DB) MessageByUID(ctx context.Context, mailbox string, uidValidity, uid uint32) (*Message, error) {
	return db.Reader(ctx).MessageByUID(mailbox, uidValidity, uid)
}

// MessageByMessageID is Reader.MessageByMessageID outside a transaction.
func (db *DB) MessageByMessageID(ctx context.Context, messageID string) (*Message, error) {
	return db.Reader(ctx).MessageByMessageID(messageID)
}

// DueOutbox is Reader.DueOutbox outside a transaction.
func (db *DB) DueOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	return db.Reader(ctx).DueOutbox(now, limit)
}

// MarkSent is Tx.MarkSent in a transaction of its own.
func (db *DB) MarkSent(ctx context.Context, id int64) error {
	return db.Tx(ctx, func(tx *Tx) error { return tx.MarkSent(id) })
}

// MarkAttemptFailed is Tx.MarkAttemptFailed in a transaction of its own.
func (db *DB) MarkAttemptFailed(ctx context.Context, id int64, errText string, next time.Time, permanent bool) error {
	return db.Tx(ctx, func(tx *Tx) error { return tx.MarkAttemptFailed(id, errText, next, permanent) })
}
