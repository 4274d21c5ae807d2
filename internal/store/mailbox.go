package store

import (
	"database/sql"
	"errors"
	"fmt"
)

// MailboxState returns the UIDVALIDITY and the highest handled UID recorded
// for mailbox; ok is false when nothing is recorded yet.
func (r *Reader) MailboxState(mailbox string) (uidValidity, lastUID uint32, ok bool, err error) {
	err = r.queryRow(`SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox = ?`, mailbox).
		Scan(&uidValidity, &lastUID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("read mailbox state %q: %w", mailbox, err)
	}
	return uidValidity, lastUID, true, nil
}

// SetMailboxState records the position in mailbox.
func (tx *Tx) SetMailboxState(mailbox string, uidValidity, lastUID uint32) error {
	_, err := tx.exec(`INSERT INTO mailbox_state (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid`,
		mailbox, uidValidity, lastUID)
	if err != nil {
		return fmt.Errorf("set mailbox state %q: %w", mailbox, err)
	}
	return nil
}
