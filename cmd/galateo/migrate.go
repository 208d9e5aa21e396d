package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/galateo/galateo/store"
)

// migrate applies the schema embedded in the binary: up to the latest
// version, down by one, or prints the version. galateo serve migrates up by
// itself at start-up; this is for operators who migrate first, and for
// going back.
func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	action, rest, err := parseAction(args, stderr, "migrate", "up", "down", "version")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("migrate "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(rest); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	var st *store.SQL
	if action == "up" { // up may create the SQLite file
		st, err = store.Open(ctx, *db, store.Options{NoMigrate: true})
		if err != nil {
			err = fmt.Errorf("open %s: %w", redacted(*db), err)
		}
	} else {
		st, err = openExisting(ctx, *db)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	m := st.Migrator()
	switch action {
	case "up":
		err = m.Up()
	case "down":
		err = m.Down()
	}
	if err != nil {
		return fmt.Errorf("migrate %s %s: %w", action, redacted(*db), err)
	}
	v, dirty, err := m.Version()
	if err != nil {
		return fmt.Errorf("schema version of %s: %w", redacted(*db), err)
	}
	fmt.Fprintf(stdout, "version %d, latest %d, dirty %t\n", v, m.Latest(), dirty)
	return nil
}
