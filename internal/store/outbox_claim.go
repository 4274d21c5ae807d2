package store

import (
	"context"
	"fmt"
	"time"
)

// ClaimDue reserves up to limit due replies for owner until until and
// returns them: the daemon's delivery loop and a command such as `regbot
// add` may deliver at the same time, and only the one that claimed a reply
// sends it. owner names the claiming process for ReleaseClaims. The sent
// log is folded in the same commit, so that the replies it records are no
// longer due.
func (db *DB) ClaimDue(ctx context.Context, now, until time.Time, owner string, limit int) ([]OutboxItem, error) {
	var items []OutboxItem
	err := db.withSentLog(ctx, func(tx *Tx) error {
		due, err := tx.DueOutbox(now, limit)
		if err != nil {
			return err
		}
		items = due[:0]
		for _, it := range due {
			ok, err := tx.claim(it.ID, now, until, owner)
			if err != nil {
				return err
			}
			if ok {
				items = append(items, it)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim due replies: %w", err)
	}
	return items, nil
}

// claim reserves reply id for owner until until, if it is due.
func (tx *Tx) claim(id int64, now, until time.Time, owner string) (bool, error) {
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

// EndBatch folds the sent log and gives back the claims of owner on the
// replies in unsent, which it did not send (the server went away, or the
// batch stopped): they are due again at once.
func (db *DB) EndBatch(ctx context.Context, owner string, unsent []int64) error {
	err := db.withSentLog(ctx, func(tx *Tx) error {
		for _, id := range unsent {
			if _, err := tx.exec(`UPDATE outbox SET next_attempt_at = NULL, claimed_by = NULL
				WHERE id = ? AND claimed_by = ? AND sent_at IS NULL AND failed_at IS NULL`, id, owner); err != nil {
				return fmt.Errorf("release reply %d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("end the batch: %w", err)
	}
	return nil
}

// ReleaseClaims makes the replies claimed by owners that dead reports as
// gone due again at once, rather than when their lease ends, and returns
// how many it released. A reply the dead owner had handed to the SMTP
// server but not yet recorded as sent goes out a second time, as it would
// after the lease.
func (db *DB) ReleaseClaims(ctx context.Context, now time.Time, dead func(owner string) bool) (int, error) {
	n := 0
	// The sent log first: a reply the ended process recorded there was
	// taken by the server and must not be released.
	err := db.withSentLog(ctx, func(tx *Tx) error {
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
