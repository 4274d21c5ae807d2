package store

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

const registrationSelect = `SELECT r.id, r.event, r.person_id, r.status, coalesce(r.registered_by, 0),
	coalesce(r.source_message_id, 0), r.ics_uid, r.ics_sequence, r.created_at, r.updated_at, r.status_at,
	` + personColumns + `
	FROM registrations r JOIN people p ON p.id = r.person_id`

func scanRegistration(s interface{ Scan(...any) error }) (*Registration, error) {
	var g Registration
	dest := []any{&g.ID, &g.Event, &g.PersonID, &g.Status, &g.RegisteredBy, &g.SourceMessageID,
		&g.ICSUID, &g.ICSSequence, at(&g.CreatedAt), at(&g.UpdatedAt), at(&g.StatusAt)}
	if err := s.Scan(append(dest, personDest(&g.Person)...)...); err != nil {
		return nil, err
	}
	return &g, nil
}

func (r *Reader) registration(what, where string, args ...any) (*Registration, error) {
	g, err := scanRegistration(r.queryRow(registrationSelect+" WHERE "+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read registration %s: %w", what, err)
	}
	return g, nil
}

func (r *Reader) registrations(what, where string, args ...any) ([]Registration, error) {
	rows, err := r.query(registrationSelect+" WHERE "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list registrations %s: %w", what, err)
	}
	defer rows.Close()
	var list []Registration
	for rows.Next() {
		g, err := scanRegistration(rows)
		if err != nil {
			return nil, fmt.Errorf("list registrations %s: %w", what, err)
		}
		list = append(list, *g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list registrations %s: %w", what, err)
	}
	return list, nil
}

// Registration returns the person's registration for event, or nil, nil.
func (r *Reader) Registration(event string, personID int64) (*Registration, error) {
	return r.registration(fmt.Sprintf("of person %d for %q", personID, event),
		`r.event = ? AND r.person_id = ?`, event, personID)
}

// RegistrationByID returns the registration with that id, or nil, nil.
func (r *Reader) RegistrationByID(id int64) (*Registration, error) {
	return r.registration(fmt.Sprint(id), `r.id = ?`, id)
}

// RegistrationByICSUID returns the registration whose calendar UID is uid,
// or nil, nil.
func (r *Reader) RegistrationByICSUID(uid string) (*Registration, error) {
	return r.registration("by ics uid", `r.ics_uid = ?`, uid)
}

// RegistrationsBy returns the registrations person registeredBy made for
// others, for event or, with event "", for all events, oldest first.
func (r *Reader) RegistrationsBy(registeredBy int64, event string) ([]Registration, error) {
	what := fmt.Sprintf("made by person %d", registeredBy)
	if event == "" {
		return r.registrations(what, `r.registered_by = ? ORDER BY r.created_at, r.id`, registeredBy)
	}
	return r.registrations(what, `r.registered_by = ? AND r.event = ? ORDER BY r.created_at, r.id`,
		registeredBy, event)
}

// ListRegistrations returns the registrations of event with status, oldest
// first, with Person filled. Event "" means every event, status "" every
// status.
func (r *Reader) ListRegistrations(event string, status Status) ([]Registration, error) {
	var conds []string
	var args []any
	if event != "" {
		conds, args = append(conds, "r.event = ?"), append(args, event)
	}
	if status != "" {
		conds, args = append(conds, "r.status = ?"), append(args, status)
	}
	if len(conds) == 0 {
		conds = append(conds, "1")
	}
	return r.registrations(fmt.Sprintf("of %q with status %q", event, status),
		strings.Join(conds, " AND ")+` ORDER BY r.created_at, r.id`, args...)
}

// Counts returns the number of registrations of event by status.
func (r *Reader) Counts(event string) (Counts, error) {
	var c Counts
	rows, err := r.query(`SELECT status, count(*) FROM registrations WHERE event = ? GROUP BY status`, event)
	if err != nil {
		return c, fmt.Errorf("count registrations of %q: %w", event, err)
	}
	defer rows.Close()
	for rows.Next() {
		var st Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return c, fmt.Errorf("count registrations of %q: %w", event, err)
		}
		switch st {
		case StatusConfirmed:
			c.Confirmed = n
		case StatusWaitlist:
			c.Waitlist = n
		case StatusCancelled:
			c.Cancelled = n
		case StatusInterest:
			c.Interest = n
		case StatusLate:
			c.Late = n
		case StatusRefused:
			c.Refused = n
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("count registrations of %q: %w", event, err)
	}
	return c, nil
}

// FirstWaiting returns the head of event's waiting list, or nil, nil.
func (r *Reader) FirstWaiting(event string) (*Registration, error) {
	return r.registration(fmt.Sprintf("first waiting for %q", event),
		`r.event = ? AND r.status = ? ORDER BY r.status_at, r.id LIMIT 1`, event, StatusWaitlist)
}

// WaitlistPosition returns the 1-based place of registration id on its
// event's waiting list, 0 when it is not waiting. An unknown id gives
// ErrNotFound.
func (r *Reader) WaitlistPosition(id int64) (int, error) {
	var event, statusAt string
	var status Status
	err := r.queryRow(`SELECT event, status, status_at FROM registrations WHERE id = ?`, id).
		Scan(&event, &status, &statusAt)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("waitlist position of registration %d: %w", id, err)
	}
	if status != StatusWaitlist {
		return 0, nil
	}
	var n int
	if err := r.queryRow(`SELECT count(*) FROM registrations
		WHERE event = ? AND status = ? AND (status_at, id) <= (?, ?)`,
		event, StatusWaitlist, statusAt, id).Scan(&n); err != nil {
		return 0, fmt.Errorf("waitlist position of registration %d: %w", id, err)
	}
	return n, nil
}

// newICSUID returns a random calendar UID.
func newICSUID() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails
	return hex.EncodeToString(b) + "@regbot"
}

// AddRegistration inserts r and sets r.ID, r.ICSUID (generated when empty:
// 32 random hex digits + "@regbot"), r.CreatedAt (now unless set),
// r.UpdatedAt and r.StatusAt. It records the matching change ("registered",
// "waitlisted", …) itself. A second registration of the same person for the
// same event gives an error that matches ErrDuplicate.
func (tx *Tx) AddRegistration(r *Registration) (int64, error) {
	if r.Event == "" || r.PersonID == 0 {
		return 0, errors.New("add registration: event and person are required")
	}
	if !r.Status.Valid() {
		return 0, fmt.Errorf("add registration: invalid status %q", r.Status)
	}
	if r.ICSUID == "" {
		r.ICSUID = newICSUID()
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = tx.now()
	}
	r.UpdatedAt, r.StatusAt = r.CreatedAt, r.CreatedAt
	res, err := tx.exec(`INSERT INTO registrations (event, person_id, status, registered_by, source_message_id,
		ics_uid, ics_sequence, created_at, updated_at, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Event, r.PersonID, r.Status, nullID(r.RegisteredBy), nullID(r.SourceMessageID),
		r.ICSUID, r.ICSSequence, dbTime(r.CreatedAt), dbTime(r.UpdatedAt), dbTime(r.StatusAt))
	if err != nil {
		return 0, fmt.Errorf("add registration of person %d for %q: %w", r.PersonID, r.Event, err)
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("add registration of person %d for %q: %w", r.PersonID, r.Event, err)
	}
	if err := tx.AddChange(r.Event, r.ID, changeKind("", r.Status)); err != nil {
		return 0, err
	}
	return r.ID, nil
}

// SetStatus moves registration id to status st: it bumps the calendar
// sequence, sets updated_at and status_at to now and records the change
// ("promoted" for waitlist → confirmed). Setting the current status again
// changes nothing. An unknown id gives ErrNotFound.
func (tx *Tx) SetStatus(id int64, st Status) error {
	if !st.Valid() {
		return fmt.Errorf("set status of registration %d: invalid status %q", id, st)
	}
	var event string
	var old Status
	err := tx.queryRow(`SELECT event, status FROM registrations WHERE id = ?`, id).Scan(&event, &old)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("set status of registration %d: %w", id, err)
	}
	if old == st {
		return nil
	}
	now := dbTime(tx.now())
	if _, err := tx.exec(`UPDATE registrations SET status = ?, ics_sequence = ics_sequence + 1,
		updated_at = ?, status_at = ? WHERE id = ?`, st, now, now, id); err != nil {
		return fmt.Errorf("set status of registration %d: %w", id, err)
	}
	return tx.AddChange(event, id, changeKind(old, st))
}
