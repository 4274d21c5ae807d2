package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

const personColumns = `p.id, coalesce(p.email, ''), p.name, p.organisation, p.salutation,
	p.undeliverable_at, p.undeliverable_reason`

func personDest(p *Person) []any {
	return []any{&p.ID, &p.Email, &p.Name, &p.Organisation, &p.Salutation,
		at(&p.UndeliverableAt), &p.UndeliverableReason}
}

// PersonByEmail returns the person with that address (any case), or nil,
// nil.
func (r *Reader) PersonByEmail(email string) (*Person, error) {
	email = normAddr(email)
	if email == "" {
		return nil, nil
	}
	return r.person(`SELECT `+personColumns+` FROM people p WHERE p.email = ?`, email)
}

// PersonByID returns the person with that id, or nil, nil.
func (r *Reader) PersonByID(id int64) (*Person, error) {
	return r.person(`SELECT `+personColumns+` FROM people p WHERE p.id = ?`, id)
}

func (r *Reader) person(query string, arg any) (*Person, error) {
	var p Person
	err := r.queryRow(query, arg).Scan(personDest(&p)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read person: %w", err)
	}
	return &p, nil
}

// UpsertPerson stores p and sets p.ID. With an address it updates the
// person who has it, if any: empty organisation and salutation are filled,
// and the name is replaced only by a longer one ("Müller" becomes "Anna
// Müller", never the other way round); nothing is ever cleared. Without an
// address it always inserts a new person. The address is stored lower-case.
func (tx *Tx) UpsertPerson(p *Person) (int64, error) {
	p.Email = normAddr(p.Email)
	p.Name = strings.TrimSpace(p.Name)
	p.Organisation = strings.TrimSpace(p.Organisation)
	p.Salutation = strings.TrimSpace(p.Salutation)
	now := dbTime(tx.now())

	if p.Email != "" {
		old, err := tx.PersonByEmail(p.Email)
		if err != nil {
			return 0, fmt.Errorf("upsert person: %w", err)
		}
		if old != nil {
			name, org, sal := old.Name, old.Organisation, old.Salutation
			if utf8.RuneCountInString(p.Name) > utf8.RuneCountInString(name) {
				name = p.Name
			}
			if org == "" {
				org = p.Organisation
			}
			if sal == "" {
				sal = p.Salutation
			}
			if name != old.Name || org != old.Organisation || sal != old.Salutation {
				if _, err := tx.exec(`UPDATE people SET name = ?, organisation = ?, salutation = ?, updated_at = ?
					WHERE id = ?`, name, org, sal, now, old.ID); err != nil {
					return 0, fmt.Errorf("update person %d: %w", old.ID, err)
				}
			}
			p.ID = old.ID
			return p.ID, nil
		}
	}
	res, err := tx.exec(`INSERT INTO people (email, name, organisation, salutation, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, nullString(p.Email), p.Name, p.Organisation, p.Salutation, now, now)
	if err != nil {
		return 0, fmt.Errorf("insert person: %w", err)
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return 0, fmt.Errorf("insert person: %w", err)
	}
	return p.ID, nil
}

// MarkUndeliverable records that mail to email bounces: undeliverable_at
// (the first time) and the latest reason. An address no person has is
// nothing to mark and no error. It writes no changes; the caller records
// "bounced" changes for the registrations it cares about (AddChange).
func (tx *Tx) MarkUndeliverable(email, reason string) error {
	email = normAddr(email)
	if email == "" {
		return nil
	}
	if _, err := tx.exec(`UPDATE people SET undeliverable_at = coalesce(undeliverable_at, ?),
		undeliverable_reason = ?, updated_at = ? WHERE email = ?`,
		dbTime(tx.now()), reason, dbTime(tx.now()), email); err != nil {
		return fmt.Errorf("mark undeliverable: %w", err)
	}
	return nil
}
