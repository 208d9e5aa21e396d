package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.StopPostgres()
	os.Exit(code)
}

func TestPostgres(t *testing.T) {
	storetest.RequirePostgres(t)
	storetest.Run(t, storetest.Postgres)
}

// Migrations and queries land in the test's own schema, nowhere else.
func TestPostgresSchemaIsolation(t *testing.T) {
	ctx := context.Background()
	db := storetest.Postgres(t)
	schema := searchPath(t, db.URL)
	s, err := store.Open(ctx, db.URL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Append(ctx, []store.Entry{{DecisionID: "d1", Ente: "a", DecidedAt: time.Now(), Decision: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	admin := storetest.PostgresAdmin(t)
	var tables int
	if err := admin.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1
		AND table_name IN ('decisions', 'chain_heads', 'author_events', 'fingerprints', 'keys', 'schema_migrations',
		'policy_blobs', 'policy_versions', 'policy_version_files', 'policy_activations')`, schema).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 10 {
		t.Errorf("%d of the store's 10 tables in schema %s", tables, schema)
	}
	var n int
	if err := admin.QueryRowContext(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM %s.decisions`, schema)).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d records in %s.decisions, %v; want 1", n, schema, err)
	}
	var current string
	raw, err := sql.Open(db.Driver, db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&current); err != nil || current != schema {
		t.Errorf("current schema %q, %v; want %q", current, err, schema)
	}
}

// A closed store, or one that refused to open, holds no connection.
func TestPostgresCloseReleasesConnections(t *testing.T) {
	ctx := context.Background()
	db := storetest.Postgres(t)
	schema := searchPath(t, db.URL)
	connections := func() int {
		var n int
		if err := storetest.PostgresAdmin(t).QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1`, schema).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	released := func(what string) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); connections() > 0; {
			if time.Now().After(deadline) {
				t.Fatalf("%s: %d connections still open", what, connections())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for range 3 {
		s, err := store.Open(ctx, db.URL, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Append(ctx, []store.Entry{{DecisionID: fmt.Sprint(time.Now().UnixNano()), Ente: "a", DecidedAt: time.Now(), Decision: []byte("{}")}}); err != nil {
			t.Fatal(err)
		}
		if connections() == 0 {
			t.Fatal("no connection counted: application_name is not set")
		}
		s.Close()
		released("after Close")
	}
	if _, err := storetest.PostgresAdmin(t).ExecContext(ctx, fmt.Sprintf(`UPDATE %s.schema_migrations SET version = version + 1`, schema)); err != nil {
		t.Fatal(err)
	}
	if s, err := store.Open(ctx, db.URL, store.Options{}); err == nil {
		s.Close()
		t.Fatal("open a newer schema: no error")
	}
	released("after a refused Open")
}

func searchPath(tb testing.TB, u string) string {
	p, err := url.Parse(u)
	if err != nil {
		tb.Fatal(err)
	}
	s := p.Query().Get("search_path")
	if s == "" {
		tb.Fatalf("no search_path in %s", u)
	}
	return s
}
