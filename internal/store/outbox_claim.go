package store

import (
	"context"
	"fmt"
	"time"
)

// Claim reserves a due reply for owner until until: the daemon's delivery
// loop and a command such as `regbot add` may deliver at the same time,
// and only the one that claims a reply sends it. It reports false when the
// reply is no longer due (sent, failed or claimed by another). owner names
// the claiming process for ReleaseClaims.
func (db *DB) Claim(ctx context.Context, id int64, now, until time.Time, owner string) (bool, error) {
	var ok bool
	err := db.Tx(ctx, func(tx *Tx) error {
		var err error
		ok, err = tx.Claim(id, now, until, owner)
		return err
	})
	if err != nil {
		return false, err
	}
	return ok, nil
}

// Claim is DB.Claim inside a transaction.
func (tx *Tx) Claim(id int64, now, until time.Time, owner string) (bool, error) {
	res, err := tx.exec(`UPDATE outbox SET next_attempt_at = ?, claimed_by = nullif(?, '')
		WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL
		AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`, dbTime(until), owner, id, dbTime(now))
	if err != nil {
		return false, fmt.Errorf("claim reply %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim reply %d: %w", id, err)
	}
	return n == 1, nil
}

// MarkSentAndClaim records reply id as sent and claims reply next (when
// next is not 0) in one transaction: a sender going through a batch pays
// one commit per reply, not two. claimed tells whether next was claimed.
// An error means that neither happened.
func (db *DB) MarkSentAndClaim(ctx context.Context, id, next int64, now, until time.Time, owner string) (claimed bool, err error) {
	err = db.Tx(ctx, func(tx *Tx) error {
		if err := tx.MarkSent(id); err != nil {
			return err
		}
		if next == 0 {
			return nil
		}
		claimed, err = tx.Claim(next, now, until, owner)
		return err
	})
	if err != nil {
		return false, err
	}
	return claimed, nil
}

// ReleaseClaims makes the replies claimed by owners that dead reports as
// gone due again at once, rather than when their lease ends, and returns
// how many it released. A reply the dead owner had handed to the SMTP
// server but not yet recorded as sent goes out a second time, as it would
// after the lease.
func (db *DB) ReleaseClaims(ctx context.Context, now time.Time, dead func(owner string) bool) (int, error) {
	n := 0
	err := db.Tx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, claimed_by FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
			AND claimed_by IS NOT NULL AND next_attempt_at > ?`, dbTime(now))
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			var owner string
			if err := rows.Scan(&id, &owner); err != nil {
				rows.Close()
				return err
			}
			if dead(owner) {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(`UPDATE outbox SET next_attempt_at = NULL, claimed_by = NULL WHERE id = ?`, id); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("release claims of ended processes: %w", err)
	}
	return n, nil
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
