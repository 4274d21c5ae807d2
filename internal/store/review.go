package store

import (
	"fmt"
	"strings"
)

// AddReview queues a mail for a human and sets r.ID and r.CreatedAt (now
// unless set). Sender is stored lower-case. Excerpt should hold only the
// first lines of what the sender wrote; it is erased by CloseReview.
func (tx *Tx) AddReview(r *Review) (int64, error) {
	r.Sender = normAddr(r.Sender)
	if r.CreatedAt.IsZero() {
		r.CreatedAt = tx.now()
	}
	res, err := tx.exec(`INSERT INTO reviews (message_id, reason, sender, subject, excerpt, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, nullID(r.MessageID), r.Reason, r.Sender, r.Subject, r.Excerpt, dbTime(r.CreatedAt))
	if err != nil {
		return 0, fmt.Errorf("add review: %w", err)
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("add review: %w", err)
	}
	return r.ID, nil
}

// OpenReviews returns the reviews not yet done, oldest first.
func (r *Reader) OpenReviews() ([]Review, error) {
	rows, err := r.query(`SELECT id, coalesce(message_id, 0), reason, sender, subject, excerpt, created_at,
		done_at, done_note FROM reviews WHERE done_at IS NULL ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list open reviews: %w", err)
	}
	defer rows.Close()
	var list []Review
	for rows.Next() {
		var v Review
		if err := rows.Scan(&v.ID, &v.MessageID, &v.Reason, &v.Sender, &v.Subject, &v.Excerpt,
			at(&v.CreatedAt), at(&v.DoneAt), &v.DoneNote); err != nil {
			return nil, fmt.Errorf("list open reviews: %w", err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list open reviews: %w", err)
	}
	return list, nil
}

// CloseReview marks review id done with note and erases its excerpt.
// Closing a closed review again only replaces the note. An unknown id gives
// ErrNotFound.
func (tx *Tx) CloseReview(id int64, note string) error {
	res, err := tx.exec(`UPDATE reviews SET done_at = coalesce(done_at, ?), done_note = ?, excerpt = ''
		WHERE id = ?`, dbTime(tx.now()), strings.TrimSpace(note), id)
	if err == nil {
		err = affected(res)
	}
	if err != nil {
		return fmt.Errorf("close review %d: %w", id, err)
	}
	return nil
}
