package store

import "fmt"

// The read queries below serve the organisers' daily digest
// (internal/digest); everything else it reads goes through the general
// Reader methods (ListRegistrations, ChangesSince, OpenReviews,
// DeliveryProblems, LastDigest, PersonByEmail).

// Registrars returns the people who registered someone else for event, by
// id: the "Angemeldet von" of the digest's participant list. People who only
// registered themselves are not in it.
func (r *Reader) Registrars(event string) (map[int64]Person, error) {
	rows, err := r.query(`SELECT `+personColumns+` FROM people p
		WHERE p.id IN (SELECT registered_by FROM registrations
			WHERE event = ? AND registered_by IS NOT NULL AND registered_by <> person_id)
		ORDER BY p.id`, event)
	if err != nil {
		return nil, fmt.Errorf("list registrars of %q: %w", event, err)
	}
	defer rows.Close()
	out := map[int64]Person{}
	for rows.Next() {
		var p Person
		if err := rows.Scan(personDest(&p)...); err != nil {
			return nil, fmt.Errorf("list registrars of %q: %w", event, err)
		}
		out[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list registrars of %q: %w", event, err)
	}
	return out, nil
}

// ReviewSenders returns the people known under the senders' addresses of
// the open reviews, by lower-case address, so that the digest can name who
// is waiting for an answer. Senders regbot has no person for are missing.
func (r *Reader) ReviewSenders() (map[string]Person, error) {
	rows, err := r.query(`SELECT ` + personColumns + ` FROM people p
		WHERE p.email IN (SELECT sender FROM reviews WHERE done_at IS NULL AND sender <> '')
		ORDER BY p.id`)
	if err != nil {
		return nil, fmt.Errorf("list senders of open reviews: %w", err)
	}
	defer rows.Close()
	out := map[string]Person{}
	for rows.Next() {
		var p Person
		if err := rows.Scan(personDest(&p)...); err != nil {
			return nil, fmt.Errorf("list senders of open reviews: %w", err)
		}
		out[p.Email] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list senders of open reviews: %w", err)
	}
	return out, nil
}
