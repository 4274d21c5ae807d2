package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func migFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m["migrations/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestLoadMigrations(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		want    int
		wantErr string
	}{
		{"embedded", nil, -1, ""},
		{"two", map[string]string{"0001_a.sql": "", "0002_b.sql": ""}, 2, ""},
		{"gap", map[string]string{"0001_a.sql": "", "0003_c.sql": ""}, 0, "expected number 0002"},
		{"bad name", map[string]string{"1_a.sql": ""}, 0, "NNNN_name.sql"},
		{"starts at two", map[string]string{"0002_b.sql": ""}, 0, "expected number 0001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []migration
			var err error
			if tt.files == nil {
				ms, err = loadMigrations(migrationFS)
			} else {
				ms, err = loadMigrations(migFS(tt.files))
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("loadMigrations() = %v, want error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("loadMigrations() = %v", err)
			}
			if tt.want >= 0 && len(ms) != tt.want {
				t.Errorf("loadMigrations() = %d migrations, want %d", len(ms), tt.want)
			}
			if tt.want < 0 && len(ms) == 0 {
				t.Errorf("no embedded migrations")
			}
		})
	}
}

// rawOpen opens path with the store's DSN but without migrating.
func rawOpen(t *testing.T, path string) *sql.DB {
	t.Helper()
	if err := createFile(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func userVersion(t *testing.T, db *sql.DB) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMigrateKeepsData migrates a database of each earlier version and
// checks the rows written at that version survive.
func TestMigrateKeepsData(t *testing.T) {
	files := map[string]string{
		"0001_people.sql":  "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
		"0002_email.sql":   "ALTER TABLE p ADD COLUMN email TEXT NOT NULL DEFAULT '';",
		"0003_rebuild.sql": fkOffMarker + "\nCREATE TABLE p2 (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '', x INTEGER NOT NULL DEFAULT 0);\nINSERT INTO p2 (id, name, email) SELECT id, name, email FROM p;\nDROP TABLE p;\nALTER TABLE p2 RENAME TO p;",
	}
	ctx := context.Background()
	for from := 1; from <= 3; from++ {
		t.Run(fmt.Sprintf("from %d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.db")
			db := rawOpen(t, path)
			sub := map[string]string{}
			for name, text := range files {
				if name[3]-'0' <= byte(from) {
					sub[name] = text
				}
			}
			if err := migrate(ctx, db, migFS(sub), path, discard); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`INSERT INTO p (id, name) VALUES (1, 'Anna')`); err != nil {
				t.Fatal(err)
			}
			if err := migrate(ctx, db, migFS(files), path, discard); err != nil {
				t.Fatalf("migrate from %d = %v", from, err)
			}
			if got := userVersion(t, db); got != 3 {
				t.Errorf("user_version = %d, want 3", got)
			}
			var name string
			if err := db.QueryRow(`SELECT name FROM p WHERE id = 1`).Scan(&name); err != nil || name != "Anna" {
				t.Errorf("row after migration = %q, %v; want Anna", name, err)
			}
			var fk int
			if err := db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
				t.Errorf("foreign_keys after migration = %d, %v; want 1", fk, err)
			}
		})
	}
}

// TestMigrateFailureRollsBack: a failing migration leaves the database at
// the previous version with none of its statements applied.
func TestMigrateFailureRollsBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db := rawOpen(t, path)
	files := map[string]string{
		"0001_a.sql": "CREATE TABLE a (x);",
		"0002_b.sql": "CREATE TABLE b (x); INSERT INTO nope VALUES (1);",
	}
	err := migrate(ctx, db, migFS(files), path, discard)
	if err == nil || !strings.Contains(err.Error(), "version 2 (0002_b.sql)") {
		t.Fatalf("migrate() = %v, want an error naming 0002_b.sql", err)
	}
	if got := userVersion(t, db); got != 1 {
		t.Errorf("user_version = %d, want 1", got)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("table b exists after failed migration (%d, %v)", n, err)
	}
	files["0002_b.sql"] = "CREATE TABLE b (x);"
	if err := migrate(ctx, db, migFS(files), path, discard); err != nil {
		t.Fatalf("migrate() after fix = %v", err)
	}
	if got := userVersion(t, db); got != 2 {
		t.Errorf("user_version = %d, want 2", got)
	}
}

// TestMigrateForeignKeyCheck: a rebuild that leaves dangling references is
// refused.
func TestMigrateForeignKeyCheck(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db := rawOpen(t, path)
	files := map[string]string{
		"0001_a.sql": "CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id)); INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);",
		"0002_b.sql": fkOffMarker + "\nDELETE FROM parent;",
	}
	err := migrate(ctx, db, migFS(files), path, discard)
	if err == nil || !strings.Contains(err.Error(), "foreign key check") {
		t.Fatalf("migrate() = %v, want foreign key check error", err)
	}
	if got := userVersion(t, db); got != 1 {
		t.Errorf("user_version = %d, want 1", got)
	}
}

// TestOpenConcurrently: processes (here: handles) that open a new file at
// the same time apply each migration once.
func TestOpenConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "regbot.db")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			db, err := Open(context.Background(), path, nil)
			if err == nil {
				err = db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	db := rawOpen(t, path)
	if got := userVersion(t, db); got != SchemaVersion() {
		t.Errorf("user_version = %d, want %d", got, SchemaVersion())
	}
}

func TestTimeText(t *testing.T) {
	// Text order must be time order, also across whole seconds.
	a := dbTime(mustParse(t, "2026-03-02T08:00:05Z")).(string)
	b := dbTime(mustParse(t, "2026-03-02T08:00:05.5Z")).(string)
	if !(a < b) {
		t.Errorf("%q !< %q", a, b)
	}
	if dbTime(mustParse(t, "0001-01-01T00:00:00Z")) != nil {
		t.Errorf("zero time is not NULL")
	}
	got := mustParse(t, "2026-03-02T09:00:05.123456789+01:00")
	var back time.Time
	if err := at(&back).Scan(dbTime(got)); err != nil || !back.Equal(got) || back.Location().String() != "UTC" {
		t.Errorf("round trip = %v, %v; want %v in UTC", back, err, got)
	}
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestMigrateOutboxRaw moves the messages of a version-2 database into
// outbox_raw: unsent replies keep theirs, sent ones (emptied) get none.
func TestMigrateOutboxRaw(t *testing.T) {
	ctx := context.Background()
	v2 := map[string]string{}
	for _, name := range []string{"0001_init.sql", "0002_outbox_claimed_by.sql"} {
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		v2[name] = string(b)
	}
	path := filepath.Join(t.TempDir(), "v2.db")
	raw := rawOpen(t, path)
	if err := migrate(ctx, raw, migFS(v2), path, discard); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO outbox (id, message_id, to_addr, raw, created_at, sent_at) VALUES
		(1, 'unsent@regbot', 'a@example.org', X'414243', '2024-04-02T10:00:00Z', NULL),
		(2, 'sent@regbot', 'b@example.org', X'', '2024-04-02T10:00:00Z', '2024-04-02T10:01:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, want := range map[int64]string{1: "ABC", 2: ""} {
		o, err := db.Reader(ctx).OutboxByID(id)
		if err != nil || o == nil {
			t.Fatalf("OutboxByID(%d) = %v, %v", id, o, err)
		}
		if string(o.Raw) != want {
			t.Errorf("reply %d: raw %q, want %q", id, o.Raw, want)
		}
	}
	var n int
	if err := db.View(ctx, func(r *Reader) error {
		return r.queryRow(`SELECT count(*) FROM outbox_raw`).Scan(&n)
	}); err != nil || n != 1 {
		t.Errorf("outbox_raw has %d rows (%v), want 1", n, err)
	}
}
