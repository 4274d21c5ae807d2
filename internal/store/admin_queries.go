package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// Queries for the organisers' command line (regbot list, show, review,
// forget): reads that the daemon does not need.

// RegistrationsOf returns every registration of the person, in every event
// and status, oldest first, with Person filled.
func (r *Reader) RegistrationsOf(personID int64) ([]Registration, error) {
	return r.registrations(fmt.Sprintf("of person %d", personID),
		`r.person_id = ? ORDER BY r.created_at, r.id`, personID)
}

// ChangesOf returns the changes recorded for registration id, oldest first.
// Person is not filled.
func (r *Reader) ChangesOf(registrationID int64) ([]Change, error) {
	rows, err := r.query(`SELECT id, at, event, coalesce(registration_id, 0), kind FROM changes
		WHERE registration_id = ? ORDER BY at, id`, registrationID)
	if err != nil {
		return nil, fmt.Errorf("list changes of registration %d: %w", registrationID, err)
	}
	defer rows.Close()
	var list []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(&c.ID, at(&c.At), &c.Event, &c.RegistrationID, &c.Kind); err != nil {
			return nil, fmt.Errorf("list changes of registration %d: %w", registrationID, err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list changes of registration %d: %w", registrationID, err)
	}
	return list, nil
}

// RepliesFor returns the replies queued for the person (person_id) or sent
// to the address (any case; "" for none), oldest first. Raw is never
// filled: callers list replies, they do not read them.
func (r *Reader) RepliesFor(personID int64, email string) ([]OutboxItem, error) {
	list, err := r.outboxList(fmt.Sprintf("list replies to person %d", personID),
		`WHERE (?1 <> 0 AND person_id = ?1) OR (?2 <> '' AND to_addr = ?2) ORDER BY created_at, id`,
		personID, normAddr(email))
	for i := range list {
		list[i].Raw = nil
	}
	return list, err
}

// OpenReviewsFrom returns the reviews not yet done whose sender is email
// (any case), oldest first.
func (r *Reader) OpenReviewsFrom(email string) ([]Review, error) {
	email = normAddr(email)
	if email == "" {
		return nil, nil
	}
	return r.reviews("list open reviews of one sender",
		`WHERE done_at IS NULL AND sender = ? ORDER BY created_at, id`, email)
}

// ReviewByID returns the review with that id, done or not, or nil, nil.
func (r *Reader) ReviewByID(id int64) (*Review, error) {
	list, err := r.reviews(fmt.Sprintf("read review %d", id), `WHERE id = ?`, id)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

func (r *Reader) reviews(what, where string, args ...any) ([]Review, error) {
	rows, err := r.query(`SELECT id, coalesce(message_id, 0), reason, sender, subject, excerpt, created_at,
		done_at, done_note FROM reviews `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var list []Review
	for rows.Next() {
		var v Review
		if err := rows.Scan(&v.ID, &v.MessageID, &v.Reason, &v.Sender, &v.Subject, &v.Excerpt,
			at(&v.CreatedAt), at(&v.DoneAt), &v.DoneNote); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		list = append(list, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return list, nil
}

// LastAudit returns the newest audit entry with that action, or nil, nil.
// The command line reads back the counts Forget recorded.
func (r *Reader) LastAudit(action string) (*AuditEntry, error) {
	var e AuditEntry
	err := r.queryRow(`SELECT id, at, action, detail FROM audit WHERE action = ? ORDER BY id DESC LIMIT 1`,
		action).Scan(&e.ID, at(&e.At), &e.Action, &e.Detail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return &e, nil
}
