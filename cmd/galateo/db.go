package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// dbFlag adds -db, the database every command that touches the store opens.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("GALATEO_DB", "galateo.db"),
		"database: an SQLite file, created when absent, or a postgres:// URL (env GALATEO_DB)")
}

func isPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// sqlitePath is the file of an SQLite database as store.Open reads it.
func sqlitePath(db string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(db, "sqlite://"), "sqlite:")
	p, _, _ = strings.Cut(p, "?")
	if p == "" {
		p = "galateo.db"
	}
	return p
}

// redacted names a database in logs and errors without its password.
func redacted(db string) string {
	if !isPostgres(db) {
		return sqlitePath(db)
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// openExisting opens a store that already holds this galateo's schema,
// without migrating it: the audit and migrate commands must not create an
// SQLite file where an operator mistyped a path, nor change a schema
// behind the servers' backs.
func openExisting(ctx context.Context, db string) (*store.SQL, error) {
	if !isPostgres(db) {
		if _, err := os.Stat(sqlitePath(db)); err != nil {
			return nil, fmt.Errorf("no database at %s: %w", sqlitePath(db), err)
		}
	}
	st, err := store.Open(ctx, db, store.Options{NoMigrate: true})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redacted(db), err)
	}
	return st, nil
}

// requireCurrent fails unless the schema is the one this galateo writes.
func requireCurrent(st *store.SQL, db string) error {
	m := st.Migrator()
	v, dirty, err := m.Version()
	switch {
	case err != nil:
		return fmt.Errorf("schema version of %s: %w", redacted(db), err)
	case dirty:
		return fmt.Errorf("%s: schema version %d is dirty: a migration failed half-way", redacted(db), v)
	case v == 0:
		return fmt.Errorf("%s holds no audit log (schema version 0): run galateo migrate up or galateo serve", redacted(db))
	case v > m.Latest():
		return fmt.Errorf("%s: schema version %d is newer than this galateo knows (%d): upgrade galateo", redacted(db), v, m.Latest())
	case v < m.Latest():
		return fmt.Errorf("%s: schema version %d is older than this galateo's (%d): run galateo migrate up", redacted(db), v, m.Latest())
	}
	return nil
}

// purger is what retention needs of the store.
type purger interface {
	Purge(ctx context.Context, ente string, before time.Time) (int64, error)
}

// purged is what retention did for one ente.
type purged struct {
	Ente    string
	Days    int
	Before  time.Time
	Records int64
}

// retain applies each ente's retention: the masked input of records
// decided more than retention_days before now is purged; the records and
// their hashes stay, so the chain still verifies. Enti without
// retention_days keep everything. One ente's failure does not stop the
// others.
func retain(ctx context.Context, p purger, enti []*engine.Ente, now time.Time) ([]purged, error) {
	var out []purged
	var errs []error
	for _, e := range enti {
		if e.RetentionDays <= 0 {
			continue
		}
		before := now.Add(-time.Duration(e.RetentionDays) * 24 * time.Hour)
		n, err := p.Purge(ctx, e.ID, before)
		if err != nil {
			errs = append(errs, fmt.Errorf("purge %s: %w", e.ID, err))
			continue
		}
		out = append(out, purged{Ente: e.ID, Days: e.RetentionDays, Before: before, Records: n})
	}
	return out, errors.Join(errs...)
}

// parseAction reads "<action> [flags]" for a command with actions.
func parseAction(args []string, stderr io.Writer, command string, actions ...string) (string, []string, error) {
	if len(args) == 0 || !slices.Contains(actions, args[0]) {
		fmt.Fprintf(stderr, "usage: galateo %s %s [flags]\n", command, strings.Join(actions, "|"))
		return "", nil, exitError(2)
	}
	return args[0], args[1:], nil
}

// noArgs rejects what the flags left over.
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "galateo %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitError(2)
	}
	return nil
}
