package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ory/dockertest/v3"
	"github.com/ory/dockertest/v3/docker"
)

// The PostgreSQL of the tests of every package: a container through
// dockertest when a Docker engine is reachable, else TEST_DATABASE_URL.
// Without either a test is skipped, or fails when CI=true.

// PostgresAdmin is a connection to the test server's database, for what
// the store must not see (creating schemas, tampering); the test needs it.
func PostgresAdmin(tb testing.TB) *sql.DB {
	tb.Helper()
	RequirePostgres(tb)
	return postgres.admin
}

// StopPostgres removes a container the tests started; call it from TestMain.
func StopPostgres() {
	if postgres.stop != nil {
		postgres.stop()
	}
}

// postgres is the server the tests use, found (or started) once.
var postgres struct {
	once  sync.Once
	url   string  // of the database; "" when there is none
	why   string  // why there is none
	err   error   // a server that should be there and is not
	admin *sql.DB // creates and drops the tests' schemas
	stop  func()  // a container to remove
}

// Postgres is a new, empty schema on the test server, dropped when
// the test ends; the store reaches it through search_path. Without a
// server the test is skipped, or fails when CI=true.
func Postgres(tb testing.TB) Database {
	tb.Helper()
	RequirePostgres(tb)
	name := make([]byte, 8)
	rand.Read(name)
	schema := "storetest_" + hex.EncodeToString(name)
	ctx := context.Background()
	if _, err := postgres.admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := postgres.admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, _ := url.Parse(postgres.url)
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("application_name", schema) // to count the test's connections
	u.RawQuery = q.Encode()
	return Database{URL: u.String(), Driver: "pgx", DSN: u.String()}
}

// RequirePostgres skips the test when there is no PostgreSQL, or fails it
// when CI=true.
func RequirePostgres(tb testing.TB) {
	tb.Helper()
	postgres.once.Do(findPostgres)
	switch {
	case postgres.err != nil:
		tb.Fatalf("PostgreSQL: %v", postgres.err)
	case postgres.url == "" && os.Getenv("CI") == "true":
		tb.Fatalf("CI=true requires PostgreSQL and there is none: %s. Set TEST_DATABASE_URL=postgres://... (.ci/run does) or make a Docker engine reachable", postgres.why)
	case postgres.url == "":
		tb.Skipf("no PostgreSQL: %s", postgres.why)
	}
}

// findPostgres starts PostgreSQL in Docker when an engine is reachable,
// else takes TEST_DATABASE_URL.
func findPostgres() {
	var why string
	if pool, err := dockertest.NewPool(""); err != nil {
		why = fmt.Sprintf("no Docker client (%v)", err)
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := pool.Client.PingWithContext(ctx)
		cancel()
		if err == nil {
			postgres.url, postgres.err = startPostgres(pool)
			if postgres.err == nil {
				postgres.admin, postgres.err = connect(postgres.url)
			}
			return
		}
		why = fmt.Sprintf("no Docker engine reachable (%v)", err)
	}
	postgres.url = os.Getenv("TEST_DATABASE_URL")
	if postgres.url == "" {
		postgres.why = why + " and TEST_DATABASE_URL is not set"
		return
	}
	if admin, err := connect(postgres.url); err != nil {
		postgres.err = fmt.Errorf("TEST_DATABASE_URL: %w", err)
	} else {
		postgres.admin = admin
	}
}

func startPostgres(pool *dockertest.Pool) (string, error) {
	res, err := pool.RunWithOptions(&dockertest.RunOptions{
		Repository: "postgres",
		Tag:        "16-alpine",
		Env:        []string{"POSTGRES_PASSWORD=galateo", "POSTGRES_DB=test"},
	}, func(hc *docker.HostConfig) {
		hc.AutoRemove = true
		hc.RestartPolicy = docker.RestartPolicy{Name: "no"}
	})
	if err != nil {
		return "", fmt.Errorf("start a PostgreSQL container: %w", err)
	}
	postgres.stop = func() { pool.Purge(res) }
	res.Expire(600) // a crashed test run leaves no container behind for long
	u := "postgres://postgres:galateo@" + res.GetHostPort("5432/tcp") + "/test?sslmode=disable"
	pool.MaxWait = 2 * time.Minute
	if err := pool.Retry(func() error {
		db, err := sql.Open("pgx", u)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.Ping()
	}); err != nil {
		return "", fmt.Errorf("PostgreSQL container never became ready: %w", err)
	}
	return u, nil
}

func connect(u string) (*sql.DB, error) {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %w", redact(u), err)
	}
	return db, nil
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "an unparsable URL"
	}
	return p.Redacted()
}
