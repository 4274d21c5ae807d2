package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// minNameRunes is the shortest name Forget searches for in free text
// (subjects, excerpts, unsent replies); shorter ones would match too much.
const minNameRunes = 4

// erased counts what an erasure removed or anonymised.
type erased struct {
	people, registrations, outbox, reviews, messages, scrubbed int
}

func (e *erased) add(o erased) {
	e.people += o.people
	e.registrations += o.registrations
	e.outbox += o.outbox
	e.reviews += o.reviews
	e.messages += o.messages
	e.scrubbed += o.scrubbed
}

func (e erased) total() int {
	return e.people + e.registrations + e.outbox + e.reviews + e.messages + e.scrubbed
}

func (e erased) String() string {
	return fmt.Sprintf("people=%d registrations=%d outbox=%d reviews=%d messages=%d fields=%d",
		e.people, e.registrations, e.outbox, e.reviews, e.messages, e.scrubbed)
}

// Forget erases everything the database holds about the person with
// address email (GDPR Art. 17): the person, their registrations and the
// changes about them, replies to them, their reviews; mails they sent are
// kept as anonymous rows (sender, subject and error erased, Message-ID
// replaced by its SHA-256) so that a redelivered copy is still recognised.
// Subjects, excerpts, notes, errors and unsent replies of other people that
// mention the address or the name (at least 4 characters, plain text; an
// encoded mail body is not searched) are erased too.
//
// For every erased registration it records a "deleted" change without
// registration, so the digest can count it, and it writes one "forget" audit
// entry with counts only. It returns the number of rows deleted or
// anonymised; 0 means nothing was known about the address.
func (tx *Tx) Forget(email string) (removed int, err error) {
	email = normAddr(email)
	if email == "" {
		return 0, errors.New("forget: empty address")
	}
	p, err := tx.PersonByEmail(email)
	if err != nil {
		return 0, fmt.Errorf("forget: %w", err)
	}
	var e erased
	if p != nil {
		e, err = tx.erasePerson(p, true)
	} else {
		e, err = tx.eraseTraces(0, email, "")
	}
	if err != nil {
		return 0, fmt.Errorf("forget: %w", err)
	}
	if err := tx.Audit("forget", e.String()); err != nil {
		return 0, err
	}
	return e.total(), nil
}

// ForgetPerson is Forget for a person by id, for attendees registered
// without an address. An unknown id gives ErrNotFound.
func (tx *Tx) ForgetPerson(id int64) (removed int, err error) {
	p, err := tx.PersonByID(id)
	if err == nil && p == nil {
		err = ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("forget person %d: %w", id, err)
	}
	e, err := tx.erasePerson(p, true)
	if err != nil {
		return 0, fmt.Errorf("forget person %d: %w", id, err)
	}
	if err := tx.Audit("forget", e.String()); err != nil {
		return 0, err
	}
	return e.total(), nil
}

// PurgeEvent deletes the personal data of event after its retention period:
// its registrations, their changes and replies, and every person who was
// registered for it or registered someone for it and has no other
// registration left (erased as by Forget, without "deleted" changes). It
// writes a "purge" audit entry with counts when anything was deleted and
// returns the number of registrations deleted. Purging again is a no-op.
func (tx *Tx) PurgeEvent(event string) (int, error) {
	if event == "" {
		return 0, errors.New("purge event: empty event")
	}
	ids, err := tx.ids(`SELECT person_id FROM registrations WHERE event = ?
		UNION SELECT registered_by FROM registrations WHERE event = ? AND registered_by IS NOT NULL`, event, event)
	if err != nil {
		return 0, fmt.Errorf("purge event %q: %w", event, err)
	}
	var e erased
	steps := []struct {
		n     *int
		query string
	}{
		{&e.outbox, `DELETE FROM outbox WHERE registration_id IN (SELECT id FROM registrations WHERE event = ?)`},
		{new(int), `DELETE FROM changes WHERE event = ?`},
		{&e.registrations, `DELETE FROM registrations WHERE event = ?`},
	}
	for _, s := range steps {
		if *s.n, err = tx.count(s.query, event); err != nil {
			return 0, fmt.Errorf("purge event %q: %w", event, err)
		}
	}
	for _, id := range ids {
		var left bool
		if err := tx.queryRow(`SELECT EXISTS (SELECT 1 FROM registrations WHERE person_id = ?1 OR registered_by = ?1)`,
			id).Scan(&left); err != nil {
			return 0, fmt.Errorf("purge event %q: %w", event, err)
		}
		if left {
			continue
		}
		p, err := tx.PersonByID(id)
		if err != nil || p == nil {
			return 0, fmt.Errorf("purge event %q: person %d: %w", event, id, err)
		}
		pe, err := tx.erasePerson(p, false)
		if err != nil {
			return 0, fmt.Errorf("purge event %q: %w", event, err)
		}
		e.add(pe)
	}
	if e.total() > 0 {
		if err := tx.Audit("purge", "event="+event+" "+e.String()); err != nil {
			return 0, err
		}
	}
	return e.registrations, nil
}

// erasePerson deletes p with everything that hangs on it and erases their
// traces elsewhere.
func (tx *Tx) erasePerson(p *Person, recordDeleted bool) (erased, error) {
	var e erased
	rows, err := tx.query(`SELECT event FROM registrations WHERE person_id = ? ORDER BY id`, p.ID)
	if err != nil {
		return e, err
	}
	var events []string
	for rows.Next() {
		var ev string
		if err := rows.Scan(&ev); err != nil {
			rows.Close()
			return e, err
		}
		events = append(events, ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return e, err
	}
	if recordDeleted {
		for _, ev := range events {
			if err := tx.AddChange(ev, 0, ChangeDeleted); err != nil {
				return e, err
			}
		}
	}
	// Traces first: replies are found through the registrations.
	if e, err = tx.eraseTraces(p.ID, p.Email, p.Name); err != nil {
		return e, err
	}
	// Cascades to registrations, their changes and the person's replies.
	if e.people, err = tx.count(`DELETE FROM people WHERE id = ?`, p.ID); err != nil {
		return e, err
	}
	e.registrations = len(events)
	return e, nil
}

// eraseTraces deletes replies and reviews that belong to the person
// (personID may be 0) or the address, anonymises the mails the address
// sent, and blanks free-text fields elsewhere that mention the address or
// the name.
func (tx *Tx) eraseTraces(personID int64, email, name string) (erased, error) {
	var e erased
	email, name = strings.ToLower(email), strings.ToLower(strings.TrimSpace(name))
	if utf8.RuneCountInString(name) < minNameRunes {
		name = ""
	}
	args := []any{sql.Named("pid", personID), sql.Named("email", email), sql.Named("name", name)}
	mentions := func(col string) string {
		return fmt.Sprintf(`((:email <> '' AND instr(lower(%[1]s), :email) > 0)
			OR (:name <> '' AND instr(lower(%[1]s), :name) > 0))`, col)
	}
	blank := func(col string) string {
		return fmt.Sprintf(`%[1]s = CASE WHEN %[2]s THEN '' ELSE %[1]s END`, col, mentions(col))
	}
	var err error

	if e.outbox, err = tx.count(`DELETE FROM outbox WHERE (:pid <> 0 AND person_id = :pid)
		OR registration_id IN (SELECT id FROM registrations WHERE person_id = :pid)
		OR (:email <> '' AND to_addr = :email)
		OR id IN (SELECT outbox_id FROM outbox_raw WHERE `+mentions("raw")+`) OR `+mentions("last_error"), args...); err != nil {
		return e, fmt.Errorf("erase replies: %w", err)
	}

	if e.reviews, err = tx.count(`DELETE FROM reviews WHERE :email <> ''
		AND (sender = :email OR message_id IN (SELECT id FROM messages WHERE sender = :email))`, args...); err != nil {
		return e, fmt.Errorf("erase reviews: %w", err)
	}
	n, err := tx.count(`UPDATE reviews SET `+blank("subject")+`, `+blank("excerpt")+`, `+blank("done_note")+`
		WHERE `+mentions("subject")+` OR `+mentions("excerpt")+` OR `+mentions("done_note"), args...)
	if err != nil {
		return e, fmt.Errorf("erase reviews: %w", err)
	}
	e.scrubbed += n

	// Mails from the address: keep the row (it proves the mail was handled),
	// drop everything personal.
	type msg struct {
		id  int64
		mid sql.NullString
	}
	var msgs []msg
	rows, err := tx.query(`SELECT id, message_id FROM messages WHERE (:email <> '' AND sender = :email)
		OR (message_id NOT LIKE 'sha256:%' AND `+mentions("message_id")+`)`, args...)
	if err != nil {
		return e, fmt.Errorf("erase messages: %w", err)
	}
	for rows.Next() {
		var m msg
		if err := rows.Scan(&m.id, &m.mid); err != nil {
			rows.Close()
			return e, fmt.Errorf("erase messages: %w", err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return e, fmt.Errorf("erase messages: %w", err)
	}
	for _, m := range msgs {
		var mid any
		if m.mid.Valid {
			mid = m.mid.String
			if !strings.HasPrefix(m.mid.String, "sha256:") {
				mid = forgottenMessageID(m.mid.String)
			}
		}
		if _, err := tx.exec(`UPDATE messages SET sender = '', subject = '', last_error = '', message_id = ?
			WHERE id = ?`, mid, m.id); err != nil {
			return e, fmt.Errorf("erase message %d: %w", m.id, err)
		}
	}
	e.messages = len(msgs)
	if n, err = tx.count(`UPDATE messages SET `+blank("subject")+`, `+blank("last_error")+`
		WHERE `+mentions("subject")+` OR `+mentions("last_error"), args...); err != nil {
		return e, fmt.Errorf("erase messages: %w", err)
	}
	e.scrubbed += n

	if n, err = tx.count(`UPDATE people SET `+blank("undeliverable_reason")+`
		WHERE id <> :pid AND `+mentions("undeliverable_reason"), args...); err != nil {
		return e, fmt.Errorf("erase bounce reasons: %w", err)
	}
	e.scrubbed += n
	return e, nil
}

// count runs a statement and returns the number of rows it changed.
func (tx *Tx) count(query string, args ...any) (int, error) {
	res, err := tx.exec(query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// ids runs a query returning one integer column.
func (tx *Tx) ids(query string, args ...any) ([]int64, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		list = append(list, id)
	}
	return list, rows.Err()
}
