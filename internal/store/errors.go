package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrDuplicate reports that a row violates a UNIQUE constraint: a
	// message already recorded (same UID or same Message-ID), a person
	// already registered for the event, a reused ICS UID.
	ErrDuplicate = errors.New("duplicate")
	// ErrNotFound reports that the row a write method should change does
	// not exist. Lookups return nil, nil instead.
	ErrNotFound = errors.New("not found")
	// ErrNewerSchema reports a database written by a newer regbot.
	ErrNewerSchema = errors.New("database schema is newer than this regbot")
	// ErrNotRegbot reports a file that is an SQLite database of some other
	// application.
	ErrNotRegbot = errors.New("not a regbot database")
)

// mapErr turns UNIQUE and PRIMARY KEY violations into ErrDuplicate, keeping
// the driver's error in the chain.
func mapErr(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %w", ErrDuplicate, err)
		}
	}
	return err
}

// isBusy reports SQLITE_BUSY or SQLITE_LOCKED (any extended code).
func isBusy(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	code := se.Code() & 0xff
	return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
}

// withHint adds what to check to the errors of the file system under the
// database, which SQLite reports tersely ("disk I/O error" for a full
// disk while reading the header, for instance).
func withHint(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w (check that the disk holding the database has free space and works: df -h)", err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w (check that regbot may write the database file and its directory, which holds the -wal and -shm files)", err)
	}
	return err
}
