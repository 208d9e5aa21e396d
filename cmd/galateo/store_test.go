package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// The tests of this file run on SQLite files in temporary folders.

var loadEngine = sync.OnceValues(func() (*engine.Engine, error) {
	return engine.Load(context.Background(), policies)
})

func request(ente, content, text string, now time.Time) *engine.Request {
	return &engine.Request{
		Ente:    ente,
		Channel: engine.Channel{Platform: "facebook"},
		Content: engine.Content{ID: content, Kind: "comment", Text: &text},
		Author:  engine.Author{ID: "fb:1", Name: "Mario Rossi"},
		Now:     now.Format(time.RFC3339),
	}
}

// seed records a decision for each request in the database db, creating
// it when absent, and returns their ids.
func seed(t *testing.T, db string, reqs ...*engine.Request) []string {
	t.Helper()
	eng, err := loadEngine()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for _, r := range reqs {
		ev, err := eng.Evaluate(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		e, err := record.Entry(ev, st.Pseudonymizer())
		if err != nil {
			t.Fatal(err)
		}
		recs, err := st.Append(ctx, []store.Entry{e})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, recs[0].DecisionID)
	}
	return ids
}

// execSQL changes an SQLite database behind the store's back.
func execSQL(t *testing.T, db, query string, args ...any) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func latestVersion(t *testing.T) uint {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "latest.db"), store.Options{NoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return st.Migrator().Latest()
}

func wantExit(t *testing.T, err error, code int, out string) {
	t.Helper()
	var ex exitError
	if !errors.As(err, &ex) || int(ex) != code {
		t.Fatalf("err = %v, want exit status %d\n%s", err, code, out)
	}
}

func TestMigrate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	latest := latestVersion(t)
	at := func(v uint) string { return fmt.Sprintf("version %d, latest %d, dirty false\n", v, latest) }

	if out, err := runCmd(t, "", "migrate", "version", "-db", db); err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("version of a missing file: %v %s", err, out)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatalf("migrate version created %s", db)
	}
	for _, step := range []struct {
		args []string
		want string
	}{
		{[]string{"up"}, at(latest)},
		{[]string{"version"}, at(latest)},
		{[]string{"up"}, at(latest)}, // nothing to do
		{[]string{"down"}, at(latest - 1)},
		{[]string{"version"}, at(latest - 1)},
		{[]string{"up"}, at(latest)},
	} {
		out, err := runCmd(t, "", append([]string{"migrate"}, append(step.args, "-db", db)...)...)
		if err != nil || out != step.want {
			t.Errorf("migrate %v: %q %v, want %q", step.args, out, err, step.want)
		}
	}
	for _, args := range [][]string{{"migrate"}, {"migrate", "sideways"}, {"migrate", "up", "-db", db, "extra"}, {"migrate", "-db", db, "up"}} {
		out, err := runCmd(t, "", args...)
		wantExit(t, err, 2, out)
	}
	t.Setenv("GALATEO_DB", db)
	if out, err := runCmd(t, "", "migrate", "version"); err != nil || out != at(latest) {
		t.Errorf("migrate version with GALATEO_DB: %q %v", out, err)
	}
}

func TestAuditVerify(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	mon := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	ids := seed(t, db,
		request("massa", "c1", "Grazie", mon),
		request("massa", "c2", "Sei uno stronzo", mon.Add(time.Minute)),
		request("tradate", "c3", "Quando apre la biblioteca?", mon.Add(2*time.Minute)),
		request("massa", "c4", "Grazie mille", mon.Add(3*time.Minute)),
	)
	out, err := runCmd(t, "", "audit", "verify", "-db", db)
	if err != nil {
		t.Fatalf("clean log: %v\n%s", err, out)
	}
	for _, want := range []string{"massa: 3 records, chain intact\n", "tradate: 1 record, chain intact\n", "ok: 2 chains, 4 records\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("clean log: output lacks %q:\n%s", want, out)
		}
	}

	// An auditor's worst case: someone rewrites an outcome in the file.
	execSQL(t, db, `UPDATE decisions SET outcome = 'allow' WHERE decision_id = ?`, ids[1])
	out, err = runCmd(t, "", "audit", "verify", "-db", db)
	wantExit(t, err, 1, out)
	for _, want := range []string{
		"massa: 3 records, first bad record: seq 2, decision " + ids[1] + ": its content was edited\n",
		"tradate: 1 record, chain intact\n",
		"FAIL: 1 of 2 chains broken",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("edited record: output lacks %q:\n%s", want, out)
		}
	}
	if out, err := runCmd(t, "", "audit", "verify", "-db", db, "-ente", "tradate"); err != nil || strings.Contains(out, "massa") {
		t.Errorf("-ente tradate: %v\n%s", err, out)
	}

	// Removing the last record is caught by the chain's head.
	execSQL(t, db, `DELETE FROM decisions WHERE decision_id = ?`, ids[2])
	out, err = runCmd(t, "", "audit", "verify", "-db", db, "-ente", "tradate")
	wantExit(t, err, 1, out)
	if !strings.Contains(out, "tradate: 0 records, first bad record: seq 1: ") {
		t.Errorf("removed record: output\n%s", out)
	}

	if out, err := runCmd(t, "", "audit", "verify", "-db", filepath.Join(t.TempDir(), "none.db")); err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("missing file: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"audit"}, {"audit", "check"}, {"audit", "verify", "-db", db, "extra"}} {
		out, err := runCmd(t, "", args...)
		wantExit(t, err, 2, out)
	}
}

// policiesWithRetention copies the policies of massa and tradate (the enti
// these tests decide for: each ente loaded is compiled, and gated by
// serve) with retention_days for massa.
func policiesWithRetention(t *testing.T, days int) string {
	t.Helper()
	dir, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa", "tradate")
	data := filepath.Join(dir, "enti", "massa", "data.yaml")
	f, err := os.OpenFile(data, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := fmt.Fprintf(f, "\nretention_days: %d\n", days); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAuditPurge(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	now := time.Now()
	ids := seed(t, db,
		request("massa", "old", "Sei uno stronzo", now.Add(-40*24*time.Hour)),
		request("massa", "new", "Sei uno stronzo", now.Add(-24*time.Hour)),
		request("tradate", "old", "Quando apre la biblioteca?", now.Add(-400*24*time.Hour)),
	)
	pol := policiesWithRetention(t, 30)
	out, err := runCmd(t, "", "audit", "purge", "-db", db, "-policies", pol)
	if err != nil {
		t.Fatalf("purge: %v\n%s", err, out)
	}
	for _, want := range []string{"massa: 1 record purged (retention 30 days: decided before ", "tradate: no retention_days, input kept\n", "1 record purged\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("purge output lacks %q:\n%s", want, out)
		}
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, false} {
		r, err := st.Get(context.Background(), ids[i])
		if err != nil || r.Purged != want {
			t.Errorf("record %d purged %v (%v), want %v", i, r != nil && r.Purged, err, want)
		}
	}
	st.Close()
	if out, err := runCmd(t, "", "audit", "purge", "-db", db, "-policies", pol); err != nil || !strings.Contains(out, "massa: 0 records purged") {
		t.Errorf("second purge: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "audit", "verify", "-db", db); err != nil {
		t.Errorf("verify after purge: %v\n%s", err, out)
	}
}

func TestServeRefusesNewerSchema(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	if out, err := runCmd(t, "", "migrate", "up", "-db", db); err != nil {
		t.Fatal(err, out)
	}
	newer := latestVersion(t) + 1
	execSQL(t, db, `UPDATE schema_migrations SET version = ?`, newer)
	out, err := runCmd(t, "", "serve", "-db", db, "-addr", "127.0.0.1:0", "-policies", policies)
	want := fmt.Sprintf("schema version %d is newer than this galateo knows", newer)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("serve on a newer schema: %v, want %q\n%s", err, want, out)
	}
	if out, err := runCmd(t, "", "audit", "verify", "-db", db); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("verify on a newer schema: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "migrate", "up", "-db", db); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("migrate up on a newer schema: %v\n%s", err, out)
	}
}

func TestServeBadKey(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	for _, key := range []string{"not hex", "abcd"} {
		out, err := runCmd(t, "", "serve", "-db", db, "-addr", "127.0.0.1:0", "-pseudonym-key", key)
		if err == nil || !strings.Contains(err.Error(), "at least 32 hex digits") || strings.Contains(err.Error(), key) {
			t.Errorf("key %q: %v\n%s", key, err, out)
		}
	}
	t.Setenv("GALATEO_PSEUDONYM_KEY", "secret")
	out, err := runCmd(t, "", "serve", "-h")
	wantExit(t, err, 2, out)
	if strings.Contains(out, "secret") {
		t.Errorf("serve -h shows the key:\n%s", out)
	}
}

// server is galateo serve running in the test.
type server struct {
	url  string
	stop func() error
}

// startServer starts serve on a database that holds testKey.
func startServer(t *testing.T, c serveConfig) *server {
	t.Helper()
	seedKey(t, c.db)
	return startServerAsIs(t, c)
}

// startServerAsIs starts serve on the database as it is. It waits as long
// as loading takes (every ente's tests, slow under -race on a busy
// machine); go test's -timeout bounds a server that never starts.
func startServerAsIs(t *testing.T, c serveConfig) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	var log bytes.Buffer
	go func() { done <- c.run(ctx, &lockedBuffer{b: &log}, func(a string) { addr <- a }) }()
	select {
	case a := <-addr:
		s := &server{url: "http://" + a}
		s.stop = func() error { cancel(); return <-done }
		return s
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v\n%s", err, log.String())
	}
	return nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  *bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (s *server) do(t *testing.T, method, path, body string, v any) int {
	t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := authed.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if v != nil && json.Unmarshal(raw, v) != nil {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode
}

// TestServe runs the binary's server on an SQLite file: decisions are
// recorded and survive a restart, retention runs at start, and the log
// verifies afterwards.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	old := seed(t, db, request("massa", "old", "Sei uno stronzo", time.Now().Add(-40*24*time.Hour)))[0]
	key := bytes.Repeat([]byte{7}, 32)
	c := serveConfig{addr: "127.0.0.1:0", policies: policiesWithRetention(t, 30), db: db, key: key}
	body := `{"ente":"massa","channel":{"platform":"facebook"},"content":{"id":"e2e","kind":"comment","text":"Sei uno stronzo"},` +
		`"author":{"id":"fb:42"},"now":"2026-11-23T10:15:03+01:00"}`

	srv := startServer(t, c)
	var first, again engine.Decision
	if code := srv.do(t, "POST", "/decide", body, &first); code != http.StatusOK {
		t.Fatalf("decide: %d", code)
	}
	srv.do(t, "POST", "/decide", body, &again)
	if again.DecisionID != first.DecisionID {
		t.Errorf("the same content got %s then %s", first.DecisionID, again.DecisionID)
	}
	var page struct {
		Decisions []map[string]any `json:"decisions"`
	}
	srv.do(t, "GET", "/decisions?ente=massa&author="+store.NewPseudonymizer(key).Of("massa", "fb:42"), "", &page)
	if len(page.Decisions) != 1 || page.Decisions[0]["decision_id"] != first.DecisionID {
		t.Errorf("GET /decisions by the configured key's pseudonym: %v", page.Decisions)
	}
	// Retention runs at start: the old record's input goes, in the background.
	deadline := time.Now().Add(20 * time.Second)
	for {
		var rec map[string]any
		srv.do(t, "GET", "/decisions/"+old, "", &rec)
		if rec["purged"] == true {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("retention did not purge %s: %v", old, rec)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := srv.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	srv = startServer(t, c)
	srv.do(t, "POST", "/decide", body, &again)
	if err := srv.stop(); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if again.DecisionID != first.DecisionID {
		t.Errorf("after a restart the content got %s, want %s", again.DecisionID, first.DecisionID)
	}
	out, err := runCmd(t, "", "audit", "verify", "-db", db)
	if err != nil || !strings.Contains(out, "massa: 2 records, chain intact") {
		t.Errorf("verify after serving: %v\n%s", err, out)
	}
}

// postgresURL is a fresh schema of the test's own on the tests' PostgreSQL
// (skipped without one, failed when CI=true).
func postgresURL(t *testing.T) string {
	t.Helper()
	return storetest.Postgres(t).URL
}

func TestMigrateAndVerifyPostgres(t *testing.T) {
	db := postgresURL(t)
	latest := latestVersion(t)
	at := func(v uint) string { return fmt.Sprintf("version %d, latest %d, dirty false\n", v, latest) }
	for _, step := range []struct {
		args []string
		want string
	}{
		{[]string{"version"}, at(0)},
		{[]string{"up"}, at(latest)},
		{[]string{"down"}, at(latest - 1)},
		{[]string{"up"}, at(latest)},
	} {
		out, err := runCmd(t, "", append([]string{"migrate"}, append(step.args, "-db", db)...)...)
		if err != nil || out != step.want {
			t.Errorf("migrate %v: %q %v, want %q", step.args, out, err, step.want)
		}
	}
	mon := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	seed(t, db, request("massa", "c1", "Sei uno stronzo", mon), request("massa", "c2", "Grazie", mon.Add(time.Minute)))
	if out, err := runCmd(t, "", "audit", "verify", "-db", db); err != nil || !strings.Contains(out, "massa: 2 records, chain intact") {
		t.Errorf("verify: %v\n%s", err, out)
	}
}
