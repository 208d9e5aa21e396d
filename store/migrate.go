package store

import (
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source/iofs"
)

//go:embed migrations
var migrations embed.FS

// Migrator applies the schema of one dialect, embedded in the binary.
type Migrator struct {
	m         *migrate.Migrate
	latest    uint
	closeOnce sync.Once
	closeErr  error
}

func newMigrator(db *sql.DB, d dialect) (*Migrator, error) {
	sub, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return nil, err
	}
	src, err := iofs.New(sub, ".")
	if err != nil {
		return nil, err
	}
	var drv database.Driver
	switch d.name {
	case "sqlite":
		drv, err = sqlite.WithInstance(db, &sqlite.Config{})
	default:
		drv, err = pgx.WithInstance(db, &pgx.Config{})
	}
	if err != nil {
		return nil, fmt.Errorf("migrations driver: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, d.name, drv)
	if err != nil {
		drv.Close()
		return nil, err
	}
	latest, err := latestVersion(sub)
	if err != nil {
		return nil, err
	}
	return &Migrator{m: m, latest: latest}, nil
}

func latestVersion(fsys fs.FS) (uint, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return 0, err
	}
	var latest uint
	for _, e := range entries {
		n, _, ok := strings.Cut(e.Name(), "_")
		if !ok {
			continue
		}
		v, err := strconv.ParseUint(n, 10, 32)
		if err != nil {
			continue
		}
		latest = max(latest, uint(v))
	}
	return latest, nil
}

// close releases what the migrator holds: on PostgreSQL a connection of
// the store's pool, kept for its advisory lock, which db.Close alone leaves open.
func (g *Migrator) close() error {
	g.closeOnce.Do(func() {
		srcErr, dbErr := g.m.Close()
		g.closeErr = errors.Join(srcErr, dbErr)
	})
	return g.closeErr
}

// Version is the schema's version (0 when empty) and whether a migration
// failed half-way.
func (g *Migrator) Version() (version uint, dirty bool, err error) {
	v, dirty, err := g.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, false, nil
	}
	return v, dirty, err
}

// Latest is the newest schema version this binary knows.
func (g *Migrator) Latest() uint { return g.latest }

// Up migrates to the latest version. It refuses a schema newer than this
// binary knows: an older galateo must not write to a newer database.
func (g *Migrator) Up() error {
	v, dirty, err := g.Version()
	if err != nil {
		return err
	}
	if dirty {
		return fmt.Errorf("schema version %d is dirty: a migration failed half-way; repair it and force the version", v)
	}
	if v > g.latest {
		return fmt.Errorf("schema version %d is newer than this galateo knows (%d): upgrade galateo", v, g.latest)
	}
	if err := g.m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return err
	}
	return nil
}

// Down undoes the latest migration.
func (g *Migrator) Down() error {
	if err := g.m.Steps(-1); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return err
	}
	return nil
}
