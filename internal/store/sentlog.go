package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// The sent log is where a sender records a reply the SMTP server took: one
// line ("<outbox id> <unix nanoseconds>") appended to a file next to the
// database (<database>-sent), before the server may take the next reply.
// The log is folded into the outbox table (sent_at) many lines per commit:
// when a sender claims its next batch (ClaimDue), when it ends a batch
// (EndBatch), before claims of ended processes are released
// (ReleaseClaims), and when the database is opened.
//
// An append is as durable as a commit: SQLite in WAL mode with
// synchronous=NORMAL does not sync a commit either, and both survive a
// crash of the process. It costs one write instead of a transaction that
// waits for the single connection, which is what lets the record of a
// reply keep pace with the server.
//
// Appenders hold a shared flock on their own descriptor, a fold an
// exclusive one on a descriptor of its own, from reading the log until it
// is committed and truncated: a line is folded exactly once, whichever
// process wrote it.
type sentLog struct {
	path string
	log  *slog.Logger
	mu   sync.Mutex
	f    *os.File // O_APPEND, opened at the first append
}

func newSentLog(dbPath string, log *slog.Logger) *sentLog {
	return &sentLog{path: dbPath + "-sent", log: log}
}

// append records reply id as sent at at.
func (l *sentLog) append(id int64, at time.Time) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return err
		}
		l.f = f
	}
	fd := int(l.f.Fd())
	if err := flock(fd, syscall.LOCK_SH); err != nil {
		return err
	}
	defer flock(fd, syscall.LOCK_UN) //nolint:errcheck // closing the lock cannot lose the line
	line := strconv.AppendInt(nil, id, 10)
	line = append(line, ' ')
	line = strconv.AppendInt(line, at.UnixNano(), 10)
	line = append(line, '\n')
	_, err := l.f.Write(line)
	return err
}

func (l *sentLog) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// sentEntry is one line of the log.
type sentEntry struct {
	id int64
	at time.Time
}

// fold runs fn with the log's entries while it holds the log exclusively,
// and empties the log when fn succeeds (fn commits them). Without a log
// file fn gets none.
func (l *sentLog) fold(fn func([]sentEntry) error) error {
	f, err := os.OpenFile(l.path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return fn(nil)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // Close releases it too
	entries, bad, err := readSentLog(f)
	if err != nil {
		return fmt.Errorf("read %s: %w", l.path, err)
	}
	if bad > 0 {
		l.log.Warn("lines of the sent log are not readable; those replies may go out again", "file", l.path, "lines", bad)
	}
	if err := fn(entries); err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if err := f.Truncate(0); err != nil {
		// Folded lines that stay are folded again: harmless.
		return fmt.Errorf("empty %s: %w", l.path, err)
	}
	return nil
}

// readSentLog parses the log and counts the lines it cannot read. Such a
// line is a write cut short (a full disk): its reply was taken by the
// server, but the record is lost, so the reply goes out again, as after a
// crash before its record. Refusing the whole log would send every reply
// in it again.
func readSentLog(r io.Reader) (entries []sentEntry, bad int, err error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, 0, err
	}
	for line := range bytes.Lines(b) {
		idText, atText, ok := bytes.Cut(bytes.TrimSuffix(line, []byte{'\n'}), []byte{' '})
		id, err1 := strconv.ParseInt(string(idText), 10, 64)
		at, err2 := strconv.ParseInt(string(atText), 10, 64)
		if !ok || err1 != nil || err2 != nil || id <= 0 || !bytes.HasSuffix(line, []byte{'\n'}) {
			bad++
			continue
		}
		entries = append(entries, sentEntry{id: id, at: time.Unix(0, at).UTC()})
	}
	return entries, bad, nil
}

func flock(fd, how int) error {
	for {
		err := syscall.Flock(fd, how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// RecordSent records that the SMTP server took reply id at at, in the sent
// log: cheap enough to run between two replies, and as durable as a
// commit. The outbox table learns it at the next fold.
func (db *DB) RecordSent(id int64, at time.Time) error {
	if err := db.sent.append(id, at); err != nil {
		return fmt.Errorf("record sent reply %d: %w", id, withHint(err))
	}
	return nil
}

// withSentLog runs fn in one transaction after folding the sent log into
// it; the log is emptied once the transaction has committed.
func (db *DB) withSentLog(ctx context.Context, fn func(*Tx) error) error {
	err := db.sent.fold(func(entries []sentEntry) error {
		if len(entries) == 0 && fn == nil {
			return nil
		}
		return db.Tx(ctx, func(tx *Tx) error {
			for _, e := range entries {
				if err := tx.markSentAt(e.id, e.at); err != nil {
					return err
				}
			}
			if fn == nil {
				return nil
			}
			return fn(tx)
		})
	})
	if err != nil {
		return fmt.Errorf("fold the sent log: %w", err)
	}
	return nil
}

// FoldSent brings the outbox table up to date with the sent log.
func (db *DB) FoldSent(ctx context.Context) error { return db.withSentLog(ctx, nil) }

// SentLogged lists the replies recorded in the sent log and not yet folded
// into the outbox table.
func (db *DB) SentLogged() ([]int64, error) {
	f, err := os.Open(db.sent.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, _, err := readSentLog(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.sent.path, err)
	}
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e.id
	}
	return ids, nil
}
