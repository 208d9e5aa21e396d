// Package storetest is the conformance suite of the store: one set of tests
// that every dialect of store.SQL must pass, run by store's own tests on
// embedded SQLite and on PostgreSQL. It asserts what the audit log and the
// author history promise (chains, idempotency, history at a time, listing,
// tamper evidence, group commit, migrations, the pseudonym key), what the
// policy versions and activations promise (files byte for byte, stored
// once, saved at once by several servers, followed in id order), and it
// tampers with the database behind the store's back to check that Verify
// and Version notice.
package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// Database is one fresh, empty database. The suite opens it through
// store.Open as often as it needs (reopening is part of what it checks) and
// through database/sql to tamper with it.
type Database struct {
	URL    string // what store.Open takes
	Driver string // database/sql driver of the same database: "sqlite" or "pgx"
	DSN    string // and its data source name
}

// Run runs the conformance suite; fresh gives each test its own empty
// database and removes it when the test ends.
func Run(t *testing.T, fresh func(testing.TB) Database) {
	s := suite{fresh: fresh}
	for _, c := range []struct {
		name string
		run  func(*testing.T, suite)
	}{
		{"Append", testAppend},
		{"Idempotency", testIdempotency},
		{"History", testHistory},
		{"Blocks", testBlocks},
		{"Pseudonyms", testPseudonyms},
		{"List", testList},
		{"ListLimits", testListLimits},
		{"Verify", testVerify},
		{"Instants", testInstants},
		{"Purge", testPurge},
		{"Batcher", testBatcher},
		{"Migrations", testMigrations},
		{"Key", testKey},
		{"Versions", testVersions},
		{"Activations", testActivations},
		{"APIKeys", testAPIKeys},
		{"Checkpoints", testCheckpoints},
		{"Reviews", testReviews},
		{"Outbox", testOutbox},
		{"Webhooks", testWebhooks},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, s)
		})
	}
}

type suite struct {
	fresh func(testing.TB) Database
}

// env is one test's database with a store open on it.
type env struct {
	t   *testing.T
	db  Database
	s   *store.SQL
	raw *sql.DB
}

func (su suite) env(t *testing.T) *env {
	t.Helper()
	db := su.fresh(t)
	return &env{t: t, db: db, s: open(t, db, store.Options{})}
}

// with is e for a subtest.
func (e *env) with(t *testing.T) *env {
	c := *e
	c.t = t
	return &c
}

// open opens a store on db, closed when the test ends.
func open(t *testing.T, db Database, o store.Options) *store.SQL {
	t.Helper()
	s, err := store.Open(context.Background(), db.URL, o)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// exec runs a statement on the database behind the store's back, with ?
// placeholders, and returns the rows it affected.
func (e *env) exec(query string, args ...any) int64 {
	e.t.Helper()
	res, err := e.rawDB().ExecContext(context.Background(), store.Rebind(e.db.Driver, query), args...)
	if err != nil {
		e.t.Fatalf("tamper: %s: %v", query, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *env) rawDB() *sql.DB {
	if e.raw == nil {
		raw, err := sql.Open(e.db.Driver, e.db.DSN)
		if err != nil {
			e.t.Fatal(err)
		}
		e.t.Cleanup(func() { raw.Close() })
		e.raw = raw
	}
	return e.raw
}

// append records entries in one batch and fails the test on error.
func (e *env) append(entries ...store.Entry) []store.Record {
	e.t.Helper()
	recs, err := e.s.Append(context.Background(), entries)
	if err != nil {
		e.t.Fatalf("append: %v", err)
	}
	if len(recs) != len(entries) {
		e.t.Fatalf("append %d entries: %d records", len(entries), len(recs))
	}
	return recs
}

func (e *env) get(id string) *store.Record {
	e.t.Helper()
	r, err := e.s.Get(context.Background(), id)
	if err != nil {
		e.t.Fatalf("get %s: %v", id, err)
	}
	return r
}

func (e *env) verify(ente string) store.Report {
	e.t.Helper()
	rep, err := e.s.Verify(context.Background(), ente)
	if err != nil {
		e.t.Fatalf("verify %q: %v", ente, err)
	}
	return rep
}

// clean fails the test unless every chain verifies.
func (e *env) clean(wantEnti int, wantRecords int64) {
	e.t.Helper()
	rep := e.verify("")
	if len(rep.Problems) != 0 || rep.Enti != wantEnti || rep.Records != wantRecords {
		e.t.Fatalf("verify = %+v, want %d enti, %d records, no problem", rep, wantEnti, wantRecords)
	}
}

// t0 is the suite's "now": records are placed around it.
var t0 = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

// entry is a decision to record: ente, decision id and time, with the
// rest filled in the way the decision flow would.
func entry(ente, id string, at time.Time, mods ...func(*store.Entry)) store.Entry {
	e := store.Entry{
		DecisionID: id,
		Ente:       ente,
		Revision:   "rev-1",
		ContentID:  "content-" + id,
		Outcome:    "allow",
		DecidedAt:  at,
		Decision:   fmt.Appendf(nil, `{"decision_id":%q,"ente":%q,"outcome":"allow"}`, id, ente),
		Input:      fmt.Appendf(nil, `{"content":{"id":%q,"text":"Buongiorno, ██████ ██████"}}`, id),
	}
	for _, m := range mods {
		m(&e)
	}
	return e
}

func violation(cats ...string) func(*store.Entry) {
	return func(e *store.Entry) { e.Outcome, e.Categories, e.Counted = "remove", cats, true }
}

func by(author string) func(*store.Entry) { return func(e *store.Entry) { e.Author = author } }

func content(id, revision string) func(*store.Entry) {
	return func(e *store.Entry) { e.ContentID, e.Revision = id, revision }
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
