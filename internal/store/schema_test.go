package store_test

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heinlein/regbot/internal/store"
)

var update = flag.Bool("update", false, "rewrite testdata/schema.golden")

func schema(t *testing.T, db *sql.DB) string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, sql FROM sqlite_master ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name string
		var text sql.NullString
		if err := rows.Scan(&typ, &name, &text); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "-- %s %s\n", typ, name)
		if text.Valid {
			b.WriteString(text.String + ";\n")
		}
		b.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func pragma(t *testing.T, db *sql.DB, name string) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSchemaGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regbot.db")
	openDB(t, path, nil)
	got := schema(t, rawDB(t, path))

	golden := filepath.Join("testdata", "schema.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("schema differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

func TestUserVersion(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 || store.SchemaVersion() != len(files) {
		t.Fatalf("SchemaVersion() = %d, want %d migrations", store.SchemaVersion(), len(files))
	}
	path := filepath.Join(t.TempDir(), "regbot.db")
	openDB(t, path, nil)
	raw := rawDB(t, path)
	if got := pragma(t, raw, "user_version"); got != len(files) {
		t.Errorf("user_version = %d, want %d", got, len(files))
	}
	if got := pragma(t, raw, "application_id"); got != store.ApplicationID {
		t.Errorf("application_id = %#x, want %#x", got, store.ApplicationID)
	}
	if got := pragma(t, raw, "foreign_keys"); got != 0 {
		// The raw connection does not set it; the store's connections do,
		// which TestForeignKeysOn checks.
		t.Logf("raw foreign_keys = %d", got)
	}
}

func TestReopenIsNoop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regbot.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Tx(ctx, func(tx *store.Tx) error { return tx.SetMailboxState("INBOX", 7, 42) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	before := schema(t, rawDB(t, path))

	db = openDB(t, path, nil)
	v, uid, ok, err := db.Reader(ctx).MailboxState("INBOX")
	if err != nil || !ok || v != 7 || uid != 42 {
		t.Errorf("MailboxState after reopen = %d, %d, %v, %v; want 7, 42, true, nil", v, uid, ok, err)
	}
	if after := schema(t, rawDB(t, path)); after != before {
		t.Errorf("schema changed on reopen:\n%s", after)
	}
	if got := pragma(t, rawDB(t, path), "user_version"); got != store.SchemaVersion() {
		t.Errorf("user_version = %d, want %d", got, store.SchemaVersion())
	}
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, raw *sql.DB)
		wantErr error
		hints   []string
	}{
		{
			name: "newer schema",
			prepare: func(t *testing.T, raw *sql.DB) {
				mustExec(t, raw, fmt.Sprintf("PRAGMA application_id = %d", store.ApplicationID))
				mustExec(t, raw, "CREATE TABLE future (x)")
				mustExec(t, raw, "PRAGMA user_version = 99")
			},
			wantErr: store.ErrNewerSchema,
			hints:   []string{"schema version 99", "newer regbot", "backup"},
		},
		{
			name: "other application_id",
			prepare: func(t *testing.T, raw *sql.DB) {
				mustExec(t, raw, "PRAGMA application_id = 12345")
			},
			wantErr: store.ErrNotRegbot,
			hints:   []string{"application_id 0x3039", "database path"},
		},
		{
			name: "foreign tables without application_id",
			prepare: func(t *testing.T, raw *sql.DB) {
				mustExec(t, raw, "CREATE TABLE customers (id INTEGER PRIMARY KEY)")
			},
			wantErr: store.ErrNotRegbot,
			hints:   []string{"another application", "database path"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "other.db")
			raw := rawDB(t, path)
			tt.prepare(t, raw)
			raw.Close()
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}

			db, err := store.Open(context.Background(), path, nil)
			if err == nil {
				db.Close()
				t.Fatalf("Open() = nil error, want %v", tt.wantErr)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open() = %v, want errors.Is %v", err, tt.wantErr)
			}
			for _, h := range tt.hints {
				if !strings.Contains(err.Error(), h) {
					t.Errorf("Open() error %q does not say %q", err, h)
				}
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(after) != string(before) {
				t.Errorf("Open() changed the refused file")
			}
		})
	}
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestFileMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "regbot.db")
	db := openDB(t, path, nil)
	tx(t, db, func(tx *store.Tx) error { return tx.SetMailboxState("INBOX", 1, 1) })
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(f)
		if errors.Is(err, os.ErrNotExist) && f != path {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("mode of %s = %v, want 0600", filepath.Base(f), got)
		}
	}

	// An existing file keeps its mode.
	other := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(other, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	openDB(t, other, nil)
	fi, err := os.Stat(other)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o640 {
		t.Errorf("mode of existing file = %v, want 0640 unchanged", got)
	}
}

func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d.db")
	openDB(t, path, nil)
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %q: %v", path, err)
	}
}

func TestForeignKeysOn(t *testing.T) {
	db, _ := newDB(t)
	err := db.Tx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.AddRegistration(&store.Registration{Event: "e", PersonID: 999, Status: store.StatusConfirmed})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("AddRegistration(unknown person) = %v, want a foreign key error", err)
	}
}

func TestOpenGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte(strings.Repeat("this is not a database\n", 300))
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path, nil)
	if err == nil {
		db.Close()
		t.Fatal("Open(text file) = nil error")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("Open() = %v, want the path in the error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(content) {
		t.Errorf("Open() changed the file")
	}
}
