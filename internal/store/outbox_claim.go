package store

import (
	"context"
	"fmt"
	"time"
)

// Claim reserves a due reply for one sender until until: the daemon's
// delivery loop and a command such as `regbot add` may deliver at the same
// time, and only the one that claims a reply sends it. It reports false
// when the reply is no longer due (sent, failed or claimed by another).
func (db *DB) Claim(ctx context.Context, id int64, now, until time.Time) (bool, error) {
	var ok bool
	err := db.Tx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE outbox SET next_attempt_at = ?
			WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL
			AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`, dbTime(until), id, dbTime(now))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("claim reply %d: %w", id, err)
	}
	return ok, nil
}

// OutboxDepth counts the replies waiting to be sent (neither sent nor
// given up), for monitoring.
func (db *DB) OutboxDepth(ctx context.Context) (int, error) {
	var n int
	err := db.View(ctx, func(r *Reader) error {
		return r.queryRow(`SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count the outbox: %w", err)
	}
	return n, nil
}
