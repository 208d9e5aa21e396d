package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/store"
)

// keys creates, lists and revokes API keys in the database the servers
// share; running servers see the change within api.KeyRefreshEvery.
func keys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	action, rest, err := parseAction(args, stderr, "keys", "create", "list", "revoke")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("keys "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	name := fs.String("name", "", "create: whose key it is or what it is for")
	enti := fs.String("enti", "", `create: comma-separated ente ids, or "*" for every ente`)
	roles := fs.String("roles", "", "create: comma-separated roles: "+strings.Join(api.Roles, ", "))
	if err := fs.Parse(rest); err != nil {
		return exitError(2)
	}
	var id string
	switch {
	case action == "revoke" && fs.NArg() == 1:
		id = fs.Arg(0)
	case action == "revoke":
		fmt.Fprintln(stderr, "usage: galateo keys revoke [-db galateo.db] ID")
		return exitError(2)
	default:
		if err := noArgs(fs); err != nil {
			return err
		}
	}
	st, err := openForKeys(ctx, *db, action == "create")
	if err != nil {
		return err
	}
	defer st.Close()
	switch action {
	case "create":
		return createKey(ctx, st, *name, *enti, *roles, stdout, stderr)
	case "list":
		return listKeys(ctx, st, stdout)
	}
	k, err := st.RevokeKey(ctx, id, time.Now())
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no API key has id %q (galateo keys list shows them)", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "revoked %s (%s) at %s; running servers refuse it within %s\n",
		k.ID, k.Name, k.RevokedAt.Format(time.RFC3339), api.KeyRefreshEvery)
	return nil
}

// openForKeys opens the store. create migrates it first, so that the
// first admin key can be made before any server ran (docker compose run);
// list and revoke need a database that exists.
func openForKeys(ctx context.Context, db string, create bool) (*store.SQL, error) {
	if !create {
		st, err := openExisting(ctx, db)
		if err != nil {
			return nil, err
		}
		if err := requireCurrent(st, db); err != nil {
			st.Close()
			return nil, err
		}
		return st, nil
	}
	// Without migrating on open, the store generates no pseudonym key: that
	// is the server's to do.
	st, err := store.Open(ctx, db, store.Options{NoMigrate: true})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redacted(db), err)
	}
	if err := st.Migrator().Up(); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate %s: %w", redacted(db), err)
	}
	return st, nil
}

// createKey prints the key alone on stdout, so that it can be piped to a
// file, and what it may do on stderr.
func createKey(ctx context.Context, st *store.SQL, name, enti, roles string, stdout, stderr io.Writer) error {
	k, key, err := api.CreateKey(ctx, st, name, splitList(enti), splitList(roles), time.Now())
	var invalid *api.KeyError
	if errors.As(err, &invalid) {
		fmt.Fprintf(stderr, "galateo keys create: %v\nusage: galateo keys create -name NAME -enti massa,tradate|'*' -roles %s\n",
			invalid, strings.Join(api.Roles, ","))
		return exitError(2)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "created API key %s (%s) for enti %s with roles %s.\n"+
		"The key is printed once, below, and cannot be shown again: keep it. Running servers accept it within %s.\n",
		k.ID, k.Name, strings.Join(k.Enti, ","), strings.Join(k.Roles, ","), api.KeyRefreshEvery)
	fmt.Fprintln(stdout, key)
	return nil
}

func listKeys(ctx context.Context, st *store.SQL, stdout io.Writer) error {
	ks, err := st.APIKeys(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tENTI\tROLES\tCREATED\tREVOKED")
	for _, k := range ks {
		revoked := "-"
		if k.RevokedAt != nil {
			revoked = k.RevokedAt.Format(time.RFC3339)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, strings.Join(k.Enti, ","), strings.Join(k.Roles, ","),
			k.CreatedAt.Format(time.RFC3339), revoked)
	}
	return w.Flush()
}

// splitList splits a comma-separated flag, dropping blanks.
func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
