package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Action string
	Detail string
}

// Audit records an administrative action. detail must not contain personal
// data (ids of events, counts, outcomes); as a guard, a detail that looks
// like it holds an e-mail address is refused.
func (tx *Tx) Audit(action, detail string) error {
	if action == "" {
		return errors.New("audit: empty action")
	}
	if strings.Contains(detail, "@") {
		return fmt.Errorf("audit %s: detail must not contain personal data such as addresses", action)
	}
	if _, err := tx.exec(`INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)`,
		dbTime(tx.now()), action, detail); err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the audit entries recorded at or after since, oldest
// first.
func (r *Reader) AuditLog(since time.Time) ([]AuditEntry, error) {
	rows, err := r.query(`SELECT id, at, action, detail FROM audit WHERE at >= ? ORDER BY at, id`, dbSince(since))
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var list []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, at(&e.At), &e.Action, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return list, nil
}

// DigestSent reports whether the digest for day (YYYY-MM-DD) was sent.
func (r *Reader) DigestSent(day string) (bool, error) {
	var n int
	if err := r.queryRow(`SELECT count(*) FROM digests WHERE day = ?`, day).Scan(&n); err != nil {
		return false, fmt.Errorf("read digest %s: %w", day, err)
	}
	return n > 0, nil
}

// MarkDigestSent records that the digest for day (YYYY-MM-DD, local) was
// sent now. Marking a day again keeps the first time.
func (tx *Tx) MarkDigestSent(day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return fmt.Errorf("mark digest sent: day %q is not YYYY-MM-DD", day)
	}
	if _, err := tx.exec(`INSERT INTO digests (day, sent_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING`,
		day, dbTime(tx.now())); err != nil {
		return fmt.Errorf("mark digest %s sent: %w", day, err)
	}
	return nil
}

// LastDigest returns the latest day a digest was sent for and when; day is
// "" when none was sent yet.
func (r *Reader) LastDigest() (day string, sentAt time.Time, err error) {
	err = r.queryRow(`SELECT day, sent_at FROM digests ORDER BY day DESC LIMIT 1`).Scan(&day, at(&sentAt))
	if errors.Is(err, sql.ErrNoRows) {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("read last digest: %w", err)
	}
	return day, sentAt, nil
}
