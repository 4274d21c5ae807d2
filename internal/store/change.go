package store

import (
	"errors"
	"fmt"
	"time"
)

// AddChange records a change of registrationID (0: none) in event for the
// digest. AddRegistration, SetStatus and Forget record their own changes;
// AddChange is for the others, e.g. "bounced" after MarkUndeliverable.
func (tx *Tx) AddChange(event string, registrationID int64, kind string) error {
	if event == "" || kind == "" {
		return errors.New("add change: event and kind are required")
	}
	if _, err := tx.exec(`INSERT INTO changes (at, event, registration_id, kind) VALUES (?, ?, ?, ?)`,
		dbTime(tx.now()), event, nullID(registrationID), kind); err != nil {
		return fmt.Errorf("add change %s of registration %d: %w", kind, registrationID, err)
	}
	return nil
}

// ChangesSince returns the changes recorded at or after t (all for the zero
// time), oldest first, with Person filled while the registration exists.
func (r *Reader) ChangesSince(t time.Time) ([]Change, error) {
	rows, err := r.query(`SELECT c.id, c.at, c.event, coalesce(c.registration_id, 0), c.kind,
		coalesce(p.id, 0), coalesce(p.email, ''), coalesce(p.name, ''), coalesce(p.organisation, ''),
		coalesce(p.salutation, ''), p.undeliverable_at, coalesce(p.undeliverable_reason, '')
		FROM changes c
		LEFT JOIN registrations r ON r.id = c.registration_id
		LEFT JOIN people p ON p.id = r.person_id
		WHERE c.at >= ? ORDER BY c.at, c.id`, dbSince(t))
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	defer rows.Close()
	var list []Change
	for rows.Next() {
		var c Change
		if err := rows.Scan(append([]any{&c.ID, at(&c.At), &c.Event, &c.RegistrationID, &c.Kind},
			personDest(&c.Person)...)...); err != nil {
			return nil, fmt.Errorf("list changes: %w", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	return list, nil
}
