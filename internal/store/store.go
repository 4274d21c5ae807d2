package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options configures Open. A nil *Options is equivalent to a zero Options.
type Options struct {
	// Now returns the current time. Every timestamp the store sets itself
	// (handled_at, created_at, sent_at, …) comes from it. Nil means time.Now.
	Now func() time.Time
	// Logger receives a line per applied migration. Nil discards.
	Logger *slog.Logger
}

func (o *Options) now() func() time.Time {
	if o == nil || o.Now == nil {
		return time.Now
	}
	return o.Now
}

func (o *Options) logger() *slog.Logger {
	if o == nil || o.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o.Logger
}

// DB is an open regbot database. It is safe for concurrent use; writes are
// serialised (one connection, BEGIN IMMEDIATE).
type DB struct {
	sql  *sql.DB
	stmt *stmtCache
	path string
	now  func() time.Time
	log  *slog.Logger
	// sent is the sent log (sentlog.go).
	sent *sentLog
}

// Open opens the database at path, creating it (mode 0600) when it does not
// exist, and brings its schema up to date. An existing file keeps its mode:
// Open never changes the permissions of a file it did not create. SQLite
// creates the -wal and -shm files with the mode of the database file.
//
// Open refuses a file that is not a regbot database (another
// application_id, or tables without one) and a database whose schema is
// newer than this program knows; see ErrNotRegbot and ErrNewerSchema.
func Open(ctx context.Context, path string, opts *Options) (*DB, error) {
	db, err := open(ctx, path, opts)
	return db, withHint(err)
}

func open(ctx context.Context, path string, opts *Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	if err := createFile(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// Look before touching: the full DSN switches the file to WAL, which
	// must not happen to a file that is not ours.
	if err := preflight(ctx, path); err != nil {
		return nil, err
	}
	sqlDB, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One connection: SQLite has one writer anyway, and per-connection state
	// (pragmas, the open transaction) stays simple. Inside DB.Tx use only the
	// *Tx; a query through the *DB would wait for the connection the
	// transaction holds.
	sqlDB.SetMaxOpenConns(1)
	db := &DB{sql: sqlDB, stmt: newStmtCache(), path: path, now: opts.now(), log: opts.logger()}
	db.sent = newSentLog(path, db.log)
	if err := connect(ctx, sqlDB); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := migrate(ctx, sqlDB, migrationFS, path, db.log); err != nil {
		sqlDB.Close()
		return nil, err
	}
	// What a process that ended recorded in the sent log belongs in the
	// table before anyone reads it. A database that cannot be written
	// reads fine; the senders fold before they claim, and stop there.
	if err := db.FoldSent(ctx); err != nil {
		db.log.Warn("replies recorded as sent stay in the sent log for now", "err", err)
	}
	return db, nil
}

// connect opens the first connection. Switching a new file to WAL needs an
// exclusive lock and SQLite reports SQLITE_BUSY at once, without waiting
// for busy_timeout, when another process is opening the same new file at
// that moment; so that case is retried for up to about five seconds.
func connect(ctx context.Context, sqlDB *sql.DB) error {
	for attempt := 0; ; attempt++ {
		err := sqlDB.PingContext(ctx)
		if err == nil || !isBusy(err) || attempt == 50 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// preflight checks application_id and user_version over a plain
// connection that changes nothing in the file.
func preflight(ctx context.Context, path string) error {
	sqlDB, err := sql.Open("sqlite", "file:"+escapePath(path)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer sqlDB.Close()
	known := SchemaVersion()
	_, err = checkHeader(ctx, sqlDB, path, known)
	return err
}

// createFile creates path with mode 0600 if it does not exist yet.
func createFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// dsn builds the modernc data source name. Per-connection pragmas belong
// here, not in db.Exec, so that every connection the pool opens has them.
// secure_delete overwrites deleted content, so that erased personal data does
// not linger in free pages of the file.
func dsn(path string) string {
	return "file:" + escapePath(path) +
		"?_pragma=busy_timeout(5000)" +
		"&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)" +
		"&_pragma=secure_delete(1)" +
		"&_pragma=temp_store(MEMORY)" +
		"&_txlock=immediate"
}

// escapePath makes path usable in a SQLite "file:" URI, where '%', '?' and
// '#' are special.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Close closes the database. Pending transactions must have ended.
func (db *DB) Close() error {
	db.stmt.close()
	_ = db.sent.close()
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the file name the database was opened with.
func (db *DB) Path() string { return db.path }

// Tx runs fn in one write transaction (BEGIN IMMEDIATE) and commits it when
// fn returns nil. An error from fn, or a panic, rolls everything back; fn's
// error is returned unchanged. The *Tx must not be used after fn returns.
//
// Inside fn use only the *Tx: the database has a single connection, and a
// query through the *DB would wait for the connection fn holds.
func (db *DB) Tx(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback() // no-op after Commit; runs on panic
	if err := fn(&Tx{Reader{ctx: ctx, q: tx, tx: tx, cache: db.stmt, now: db.now}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", withHint(err))
	}
	db.stmt.prepareWanted(ctx, db.sql)
	return nil
}

// Savepoint runs fn inside a savepoint of the transaction, so that several
// independent pieces of work share one commit: an error from fn undoes
// what fn did, and only that, and comes back as fnErr. err reports that
// the savepoint itself failed; the transaction is then lost as a whole.
func (tx *Tx) Savepoint(fn func(*Tx) error) (fnErr, err error) {
	if _, err := tx.tx.ExecContext(tx.ctx, "SAVEPOINT part"); err != nil {
		return nil, fmt.Errorf("begin savepoint: %w", withHint(err))
	}
	fnErr = fn(tx)
	if fnErr != nil {
		if _, err := tx.tx.ExecContext(tx.ctx, "ROLLBACK TO part"); err != nil {
			return fnErr, fmt.Errorf("roll back to savepoint: %w", withHint(err))
		}
	}
	if _, err := tx.tx.ExecContext(tx.ctx, "RELEASE part"); err != nil {
		return fnErr, fmt.Errorf("release savepoint: %w", withHint(err))
	}
	return fnErr, nil
}

// View runs fn in one read transaction: every read in fn sees the same
// snapshot. Under WAL, readers in other processes are not blocked by a
// writer and do not block it.
func (db *DB) View(ctx context.Context, fn func(*Reader) error) error {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // plain BEGIN
	if err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer tx.Rollback()
	if err := fn(&Reader{ctx: ctx, q: tx, tx: tx, cache: db.stmt, now: db.now}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("end read transaction: %w", err)
	}
	db.stmt.prepareWanted(ctx, db.sql)
	return nil
}

// Reader returns a Reader whose every call is its own statement outside any
// transaction, for one-off reads:
//
//	n, err := db.Reader(ctx).Counts("runder-tisch")
//
// Do not use it inside a function passed to Tx or View (see Tx).
func (db *DB) Reader(ctx context.Context) *Reader {
	return &Reader{ctx: ctx, q: db.sql, db: db.sql, cache: db.stmt, now: db.now}
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Reader holds the read methods. A *Tx has all of them too; a *Reader from
// View or DB.Reader has only them.
type Reader struct {
	ctx   context.Context // of the enclosing Tx/View/Reader call
	q     querier
	tx    *sql.Tx    // the transaction q is, if any
	db    *sql.DB    // the database q is, outside a transaction
	cache *stmtCache // nil: every statement unprepared
	now   func() time.Time
}

// Tx is one write transaction, see DB.Tx. It has every Reader method.
type Tx struct {
	Reader
}

func (r *Reader) exec(query string, args ...any) (sql.Result, error) {
	if st := r.stmt(query); st != nil {
		res, err := st.ExecContext(r.ctx, args...)
		return res, mapErr(err)
	}
	res, err := r.q.ExecContext(r.ctx, query, args...)
	return res, mapErr(err)
}

func (r *Reader) query(query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(query); st != nil {
		rows, err := st.QueryContext(r.ctx, args...)
		return rows, mapErr(err)
	}
	rows, err := r.q.QueryContext(r.ctx, query, args...)
	return rows, mapErr(err)
}

func (r *Reader) queryRow(query string, args ...any) *sql.Row {
	if st := r.stmt(query); st != nil {
		return st.QueryRowContext(r.ctx, args...)
	}
	return r.q.QueryRowContext(r.ctx, query, args...)
}

// affected returns ErrNotFound when res changed no row.
func affected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// nullID maps the Go zero id to SQL NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// normAddr is the canonical form of an e-mail address in the database.
func normAddr(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
