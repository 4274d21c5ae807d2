package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ApplicationID is written to PRAGMA application_id of every regbot
// database ("RGBT"), so that `file` and Open can tell it from other SQLite
// files.
const ApplicationID = 0x52474254

// fkOffMarker, on the first line of a migration, runs it with foreign keys
// switched off (needed to rebuild a table); PRAGMA foreign_key_check must be
// clean before it commits.
const fkOffMarker = "-- regbot:foreign_keys=off"

type migration struct {
	version int
	name    string
	sql     string
}

// SchemaVersion is the schema version this program migrates to: the number
// of embedded migrations and the database's PRAGMA user_version after Open.
func SchemaVersion() int {
	ms, err := loadMigrations(migrationFS)
	if err != nil {
		panic(err) // the embedded files are checked by the tests
	}
	return len(ms)
}

// loadMigrations reads migrations/NNNN_name.sql from fsys. The numbers must
// run 1, 2, 3, … without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	ms := make([]migration, 0, len(names))
	for _, name := range names { // fs.Glob returns sorted names
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || len(num) != 4 || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", base)
		}
		if v != len(ms)+1 {
			return nil, fmt.Errorf("migration %s: expected number %04d", base, len(ms)+1)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// migrate applies the pending migrations of fsys, each in its own
// transaction.
func migrate(ctx context.Context, db *sql.DB, fsys fs.FS, file string, log *slog.Logger) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	// A first look outside any transaction, so that opening an up-to-date
	// database (the CLI next to the daemon) takes no write lock.
	v, err := checkHeader(ctx, db, file, len(ms))
	if err != nil {
		return err
	}
	for _, m := range ms[v:] {
		applied, err := applyMigration(ctx, db, m, file, len(ms))
		if err != nil {
			return fmt.Errorf("migrate %s to version %d (%s): %w", file, m.version, m.name, err)
		}
		if applied {
			log.Info("applied database migration", "file", file, "version", m.version, "name", m.name)
		}
	}
	return nil
}

type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkHeader reads application_id and user_version and refuses what this
// program must not touch. It returns the schema version.
func checkHeader(ctx context.Context, q queryRower, file string, known int) (int, error) {
	// One statement, so that the three values come from one snapshot even
	// while another process migrates.
	var appID, version, objects int
	if err := q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).
		Scan(&appID, &version, &objects); err != nil {
		return 0, fmt.Errorf("read header of %s: %w", file, err)
	}
	switch {
	case appID != 0 && appID != ApplicationID:
		return 0, fmt.Errorf("%w: %s has application_id %#x, regbot uses %#x; "+
			"check the database path in the configuration, regbot needs a file of its own",
			ErrNotRegbot, file, appID, ApplicationID)
	case appID == 0 && (version != 0 || objects != 0):
		return 0, fmt.Errorf("%w: %s already holds %d tables or indexes of another application; "+
			"check the database path in the configuration, regbot needs a file of its own",
			ErrNotRegbot, file, objects)
	case version > known:
		return 0, fmt.Errorf("%w: %s has schema version %d, this regbot knows versions up to %d; "+
			"run the newer regbot that wrote it, or restore a backup taken before the upgrade",
			ErrNewerSchema, file, version, known)
	}
	return version, nil
}

// applyMigration runs m in its own BEGIN IMMEDIATE transaction unless
// another process applied it first. It reports whether it applied m.
func applyMigration(ctx context.Context, db *sql.DB, m migration, file string, known int) (applied bool, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()

	firstLine, _, _ := strings.Cut(m.sql, "\n")
	fkOff := strings.TrimSpace(firstLine) == fkOffMarker
	if fkOff {
		// A no-op inside a transaction, hence here.
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return false, err
		}
		defer func() {
			if _, err2 := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); err2 != nil && err == nil {
				err = err2
			}
		}()
	}

	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE via _txlock
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	// Re-read under the write lock: another process may have migrated
	// between our first look and now.
	v, err := checkHeader(ctx, tx, file, known)
	if err != nil {
		return false, err
	}
	if v >= m.version {
		return false, nil
	}
	if v != m.version-1 {
		return false, fmt.Errorf("database is at version %d", v)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, err
	}
	if fkOff {
		rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			return false, err
		}
		bad := rows.Next()
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, err
		}
		if bad {
			return false, fmt.Errorf("foreign key check failed")
		}
	}
	// PRAGMA takes no parameters; both values are integers we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	return true, nil
}
