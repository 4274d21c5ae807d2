package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var errRollBack = errors.New("roll back")

func TestStatementCache(t *testing.T) {
	ctx := t.Context()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "regbot.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	const q = `SELECT count(*) FROM outbox WHERE sent_at IS NULL`
	count := func(r *Reader) int {
		t.Helper()
		var n int
		if err := r.queryRow(q).Scan(&n); err != nil {
			t.Fatalf("query: %v", err)
		}
		return n
	}

	// First seen inside a transaction: run unprepared (the transaction
	// holds the only connection), prepared once it is over.
	if err := db.Tx(ctx, func(tx *Tx) error {
		if n := count(&tx.Reader); n != 0 {
			t.Errorf("count = %d, want 0", n)
		}
		if db.stmt.get(q) != nil {
			t.Error("statement prepared while the transaction held the connection")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if db.stmt.get(q) == nil {
		t.Fatal("statement not prepared after the transaction")
	}
	// Cached: inside a transaction, in a read view and outside both, with
	// the transaction's own view of the data.
	if err := db.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`INSERT INTO outbox (message_id, kind, to_addr, created_at) VALUES ('x@y', 'confirmation', 'a@example.org', '2024-04-02T10:00:00Z')`); err != nil {
			return err
		}
		if n := count(&tx.Reader); n != 1 {
			t.Errorf("count inside the writing transaction = %d, want 1", n)
		}
		return errRollBack
	}); !errors.Is(err, errRollBack) {
		t.Fatalf("Tx = %v, want the rollback error", err)
	}
	if err := db.View(ctx, func(r *Reader) error {
		if n := count(r); n != 0 {
			t.Errorf("count after the rollback = %d, want 0", n)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n := count(db.Reader(ctx)); n != 0 {
		t.Errorf("count outside a transaction = %d, want 0", n)
	}

	// Bounded: generated SQL beyond the bound runs unprepared.
	for i := range maxStmts + 10 {
		r := db.Reader(ctx)
		var n int
		if err := r.queryRow(fmt.Sprintf("SELECT %d", i)).Scan(&n); err != nil || n != i {
			t.Fatalf("SELECT %d = %d, %v", i, n, err)
		}
	}
	db.stmt.mu.Lock()
	size := len(db.stmt.stmts)
	db.stmt.mu.Unlock()
	if size > maxStmts {
		t.Errorf("cache holds %d statements, bound %d", size, maxStmts)
	}

	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db.stmt.get(q) != nil {
		t.Error("statements survive Close")
	}
}

func TestOpenErrorsSayWhatToCheck(t *testing.T) {
	dir := t.TempDir()
	// A directory where the database file should be: SQLite cannot open it.
	path := filepath.Join(dir, "regbot.db")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Open(t.Context(), path, nil)
	if err == nil {
		t.Fatal("Open of a directory succeeded")
	}
	t.Logf("error: %v", err)
	if !strings.Contains(err.Error(), "check") {
		t.Errorf("Open error %q says nothing about what to check", err)
	}
}
