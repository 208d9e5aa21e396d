package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
)

// diffEnv is a store holding decisions of Tradate taken through POST
// /decide (a threat, then a question) and one of Massa, and the revisions
// of Tradate without the escalation of threats and of Massa, kept as a
// server keeps what it loads.
type diffEnv struct {
	*storeEnv
	threat, question string // decision ids
	modified         string // Tradate's revision without escalation
	serving          string // Tradate's serving revision
	massa            string // Massa's serving revision
	fixturesRun      int    // Tradate's fixture cases
}

const fixturesFolder = "../fixtures"

func newDiffEnv(t *testing.T, se *storeEnv) *diffEnv {
	t.Helper()
	ctx := context.Background()
	se.router = New(se.decider, Options{
		Logger: se.logger(), Store: se.st, Recorder: se.batcher, Now: func() time.Time { return liftTime }, Fixtures: fixturesFolder,
	})
	env := &diffEnv{storeEnv: se}
	threat := "Se chiudete il corso per tre settimane vengo in Comune e vi ammazzo."
	d, _ := env.decide(t, post{ente: "tradate", content: "threat", author: "fb:5", text: threat, now: at(0)})
	env.threat = d.DecisionID
	d, _ = env.decide(t, post{ente: "tradate", content: "question", author: "fb:6", text: "Quando apre la biblioteca?", now: at(1)})
	env.question = d.DecisionID
	env.decide(t, post{content: "massa", author: "fb:7", text: "Ti spacco la faccia appena ti incontro sul lungomare", now: at(2)})

	modified, err := tradateWithoutEscalation(t)
	if err != nil {
		t.Fatal(err)
	}
	massa, err := realEngine(t).Ente("massa")
	if err != nil {
		t.Fatal(err)
	}
	tradate, err := realEngine(t).Ente("tradate")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []*engine.Ente{modified, massa, tradate} {
		if _, err := se.st.SaveVersion(ctx, store.Version{Revision: e.Revision, Ente: e.ID, Label: e.Version, Files: e.Source}); err != nil {
			t.Fatal(err)
		}
	}
	env.modified, env.massa, env.serving = modified.Revision, massa.Revision, tradate.Revision
	cases, err := fixtures.LoadDir(filepath.Join(fixturesFolder, "tradate"))
	if err != nil {
		t.Fatal(err)
	}
	env.fixturesRun = len(cases)
	return env
}

// tradateModified is Tradate's revision whose threat rule no longer
// escalates, compiled once for the package: every diff env keeps it in its
// store, and a compiled ente is never changed.
var tradateModified struct {
	once sync.Once
	ent  *engine.Ente
	err  error
}

func tradateWithoutEscalation(t *testing.T) (*engine.Ente, error) {
	t.Helper()
	tradateModified.once.Do(func() {
		tradateModified.ent, tradateModified.err = compileTradateWithoutEscalation()
	})
	return tradateModified.ent, tradateModified.err
}

func compileTradateWithoutEscalation() (*engine.Ente, error) {
	files, err := engine.ReadFiles("../policies", "tradate")
	if err != nil {
		return nil, err
	}
	const data = "enti/tradate/data.yaml"
	const rule = "threat: {outcome: remove, severity: grave, actions: [remove, escalate]}"
	if strings.Count(string(files[data]), rule) != 1 {
		return nil, fmt.Errorf("%s has no %q: update the test to the policy", data, rule)
	}
	files[data] = []byte(strings.Replace(string(files[data]), rule, strings.Replace(rule, ", escalate]", "]", 1), 1))
	return engine.Compile(context.Background(), "tradate", files)
}

func diffPath(params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Add(params[i], params[i+1])
	}
	return "/diff?" + q.Encode()
}

func (env *diffEnv) diff(t *testing.T, params ...string) diff.Report {
	t.Helper()
	var rep diff.Report
	decodeJSON(t, env.run(t, httpCase{method: "GET", path: diffPath(params...), status: http.StatusOK}), &rep)
	if rep.Behaviour == nil {
		t.Fatal("no behaviour in the report")
	}
	return rep
}

func diffIDs(changes []diff.Change) []string {
	out := []string{}
	for _, c := range changes {
		out = append(out, c.ID)
	}
	return out
}

// TestDiff: two revisions compared in files, data and fixtures, and, with
// since, in the logged decisions of the period that would change.
func TestDiff(t *testing.T) {
	forEachBackend(t, func(t *testing.T, se *storeEnv) {
		env := newDiffEnv(t, se)

		rep := env.diff(t, "ente", "tradate", "from", env.modified)
		if rep.Ente != "tradate" || rep.From != (diff.Side{Ref: env.modified, Revision: env.modified, Version: "1.1 del 18/06/2021"}) ||
			rep.To != (diff.Side{Ref: "serving", Revision: env.serving, Version: "1.1 del 18/06/2021"}) {
			t.Errorf("sides %+v, %+v", rep.From, rep.To)
		}
		if len(rep.Files) != 1 || rep.Files[0] != (diff.FileChange{Path: "enti/tradate/data.yaml", Status: diff.Changed}) || len(rep.Text) != 0 ||
			len(rep.Data.Parameters) != 1 || rep.Data.Parameters[0].Path != "categories.threat.actions" || !rep.Data.Parameters[0].Item ||
			rep.Data.Parameters[0].To != "escalate" || rep.Data.Parameters[0].Kind != diff.Added {
			t.Errorf("files %+v, parameters %+v", rep.Files, rep.Data.Parameters)
		}
		b := rep.Behaviour
		if b.FixturesRun != env.fixturesRun || !slices.Equal(diffIDs(b.Fixtures), []string{"tradate/016_minaccia.yaml"}) ||
			!slices.Equal(b.Fixtures[0].From.Actions, []string{"remove"}) || !slices.Equal(b.Fixtures[0].To.Actions, []string{"escalate", "remove"}) {
			t.Errorf("fixtures %+v, %d run", b.Fixtures, b.FixturesRun)
		}
		if b.DecisionsReplayed != 0 || len(b.Decisions) != 0 || !b.Since.IsZero() {
			t.Errorf("without since, decisions %+v", b)
		}

		for _, c := range []struct {
			name     string
			params   []string
			replayed int
			changes  []string
			since    time.Time
		}{
			{"since a time", []string{"since", at(0).Format(time.RFC3339)}, 2, []string{env.threat}, at(0)},
			{"since after the threat", []string{"since", at(1).Format(time.RFC3339)}, 1, []string{}, at(1)},
			{"since a period", []string{"since", "30d"}, 2, []string{env.threat}, liftTime.Add(-30 * 24 * time.Hour)},
			{"limit", []string{"since", "30d", "limit", "1"}, 1, []string{}, liftTime.Add(-30 * 24 * time.Hour)},
		} {
			t.Run(c.name, func(t *testing.T) {
				rep := env.diff(t, append([]string{"ente", "tradate", "from", "serving", "to", env.modified}, c.params...)...)
				b := rep.Behaviour
				if b.DecisionsReplayed != c.replayed || !slices.Equal(diffIDs(b.Decisions), c.changes) || !b.Since.Equal(c.since) ||
					b.Skipped != 0 || len(b.Fixtures) != 1 {
					t.Errorf("replayed %d, changes %v, since %v, fixtures %v; want %d, %v, %v", b.DecisionsReplayed, diffIDs(b.Decisions), b.Since,
						diffIDs(b.Fixtures), c.replayed, c.changes, c.since)
				}
				for _, ch := range b.Decisions {
					if !slices.Equal(ch.From.Actions, []string{"escalate", "remove"}) || !slices.Equal(ch.To.Actions, []string{"remove"}) ||
						!strings.Contains(ch.Description, "content threat") {
						t.Errorf("change %+v", ch)
					}
				}
			})
		}

		t.Run("same revision", func(t *testing.T) {
			for _, from := range []string{"serving", env.serving} {
				res := env.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", from, "since", "30d"), status: http.StatusOK})
				var rep diff.Report
				decodeJSON(t, res, &rep)
				if rep.HasChanges() || rep.From.Revision != env.serving || rep.Behaviour.FixturesRun != env.fixturesRun || rep.Behaviour.DecisionsReplayed != 2 {
					t.Errorf("from %s: %+v", from, rep)
				}
				// Empty lists are [], never null.
				for _, want := range []string{`"files":[]`, `"text":[]`, `"parameters":[]`, `"terms":[]`, `"fixtures":[]`, `"decisions":[]`} {
					if !strings.Contains(res.Body.String(), want) {
						t.Errorf("body lacks %s: %s", want, res.Body)
					}
				}
			}
		})

		t.Run("purged", func(t *testing.T) {
			if _, err := env.st.Purge(context.Background(), "tradate", at(1)); err != nil {
				t.Fatal(err)
			}
			b := env.diff(t, "ente", "tradate", "from", "serving", "to", env.modified, "since", "30d").Behaviour
			if b.Skipped != 1 || b.DecisionsReplayed != 1 || len(b.Decisions) != 0 {
				t.Errorf("after a purge: %+v", b)
			}
		})
	})
}

// diffRejects are queries GET /diff refuses; env fills the revisions.
func diffRejects(env *diffEnv) []httpCase {
	bad := func(name string, fields []string, params ...string) httpCase {
		return httpCase{name: name, method: "GET", path: diffPath(params...), status: http.StatusBadRequest, problem: probInvalidQuery, fields: fields}
	}
	return []httpCase{
		bad("unknown parameter", []string{"form"}, "ente", "tradate", "from", "serving", "form", env.modified),
		bad("twice", []string{"ente"}, "ente", "tradate", "ente", "massa", "from", "serving"),
		bad("no ente", []string{"ente"}, "from", "serving"),
		bad("bad ente", []string{"ente"}, "ente", "Tradate", "from", "serving"),
		bad("no from", []string{"from"}, "ente", "tradate"),
		bad("from a git ref", []string{"from"}, "ente", "tradate", "from", "HEAD~1"),
		bad("empty to", []string{"to"}, "ente", "tradate", "from", "serving", "to", ""),
		bad("bad revisions", []string{"from", "to"}, "ente", "tradate", "from", "sha256:4f2a", "to", "SERVING"),
		bad("bad since", []string{"since"}, "ente", "tradate", "from", "serving", "since", "ieri"),
		bad("empty since", []string{"since"}, "ente", "tradate", "from", "serving", "since", ""),
		bad("period of weeks", []string{"since"}, "ente", "tradate", "from", "serving", "since", "2w"),
		bad("zero limit", []string{"limit"}, "ente", "tradate", "from", "serving", "since", "1d", "limit", "0"),
		bad("limit over the cap", []string{"limit"}, "ente", "tradate", "from", "serving", "since", "1d", "limit", "100001"),
		bad("limit without since", []string{"limit"}, "ente", "tradate", "from", "serving", "limit", "5"),
		bad("revision of another ente", []string{"to"}, "ente", "tradate", "from", "serving", "to", env.massa),
		{name: "unknown ente", method: "GET", path: diffPath("ente", "atlantide", "from", "serving"), status: http.StatusNotFound, problem: probUnknownEnte},
		{name: "unknown revision", method: "GET", path: diffPath("ente", "tradate", "from", "sha256:"+strings.Repeat("0", 64)),
			status: http.StatusNotFound, problem: probUnknownRevision},
		{name: "method", method: "POST", path: "/diff", status: http.StatusMethodNotAllowed, problem: probMethodNotAllowed},
	}
}

// TestDiffRejects: bad queries, and stores that fail, get their problem.
func TestDiffRejects(t *testing.T) { diffRejected(t) }

// diffRejectsRan: diffRejected has run in this process, and the statuses
// it answers are among those observed.
var diffRejectsRan atomic.Bool

func diffRejected(t *testing.T) {
	diffRejectsRan.Store(true)
	env := newDiffEnv(t, newStoreEnv(t, backend{"sqlite", openSQLite}))
	for _, c := range diffRejects(env) {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
	serve := func(d Decider, s Store) *testEnv {
		opts := Options{Logger: env.logger(), Fixtures: fixturesFolder}
		if s != nil {
			opts.Store, opts.Recorder = s, env.batcher
		}
		return &testEnv{tb: t, router: New(d, opts), log: env.log}
	}
	since := func(from string) string {
		return diffPath("ente", "tradate", "from", from, "since", at(0).Format(time.RFC3339))
	}
	t.Run("corrupt record", func(t *testing.T) {
		serve(env.decider, replayStore{Store: env.st, corrupt: env.question}).run(t, httpCase{method: "GET", path: since("serving"),
			status: http.StatusInternalServerError, problem: probInternal, check: detailHas(env.question)})
	})
	t.Run("store unavailable", func(t *testing.T) {
		serve(env.decider, replayStore{Store: env.st, broken: true}).run(t, httpCase{method: "GET", path: since("serving"),
			status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	})
	t.Run("store without revisions", func(t *testing.T) {
		serve(env.decider, replayStore{Store: env.st}).run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", env.modified),
			status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	})
	t.Run("no store", func(t *testing.T) {
		srv := serve(env.decider, nil)
		for _, path := range []string{since("serving"), diffPath("ente", "tradate", "from", env.modified)} {
			srv.run(t, httpCase{method: "GET", path: path, status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
		}
		// The serving revision with itself needs no log.
		var rep diff.Report
		decodeJSON(t, srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", "serving"), status: http.StatusOK}), &rep)
		if rep.HasChanges() || rep.Behaviour.FixturesRun != env.fixturesRun {
			t.Errorf("serving against itself: %+v", rep)
		}
	})
	t.Run("ente that does not load", func(t *testing.T) {
		stub := &stubDecider{failed: map[string]error{"tradate": errors.New("rego_parse_error")}}
		srv := serve(stub, env.st)
		var rep diff.Report
		decodeJSON(t, srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", env.serving, "to", env.modified), status: http.StatusOK}), &rep)
		if len(rep.Behaviour.Fixtures) != 1 || rep.To.Revision != env.modified {
			t.Errorf("two kept revisions of an ente that does not load: %+v", rep)
		}
		srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", env.serving), status: http.StatusBadRequest,
			problem: probInvalidQuery, fields: []string{"to"}})
	})
	t.Run("no fixtures folder", func(t *testing.T) {
		srv := &testEnv{tb: t, router: New(env.decider, Options{Logger: env.logger(), Store: env.st, Recorder: env.batcher}), log: env.log}
		var rep diff.Report
		decodeJSON(t, srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", env.modified), status: http.StatusOK}), &rep)
		if rep.Behaviour.FixturesRun != 0 || len(rep.Behaviour.Fixtures) != 0 || len(rep.Data.Parameters) != 1 {
			t.Errorf("without a fixtures folder: %+v", rep.Behaviour)
		}
	})
}

// TestDiffOpenAPI: every status GET /diff answers is documented, and
// every documented one was seen.
func TestDiffOpenAPI(t *testing.T) {
	if !diffRejectsRan.Load() { // run alone: observe what TestDiffRejects would have
		diffRejected(t)
	}
	authRefused(t, http.MethodGet, "/diff?ente=massa", "", RoleAudit)
	env := newDiffEnv(t, newStoreEnv(t, backend{"sqlite", openSQLite}))
	env.diff(t, "ente", "tradate", "from", env.modified, "since", "30d")
	documented := contract(t).operations()["GET /diff"].Responses.Map()
	seen := map[int]bool{}
	observed.Lock()
	for o := range observed.set {
		if o.path == "/diff" && o.method == http.MethodGet {
			seen[o.status] = true
		}
	}
	observed.Unlock()
	for status := range seen {
		if documented[strconv.Itoa(status)] == nil { // serve fails on it too
			t.Errorf("GET /diff answered %d, which openapi.yaml does not document", status)
		}
	}
	for code := range documented {
		if n, _ := strconv.Atoi(code); !seen[n] {
			t.Errorf("GET /diff documents %s but no test observed it", code)
		}
	}
}

// GET /diff compares the working copy, the policies folder as it is now,
// with the serving revision, without an audit log; a working copy that
// does not load names the parameter, and a server without a policies
// folder has none.
func TestDiffWorking(t *testing.T) {
	policies, _ := reloadtest.CopyTree(t, "..", "tradate")
	const rule = "threat: {outcome: remove, severity: grave, actions: [remove, escalate]}"
	data := filepath.Join(policies, "enti", "tradate", "data.yaml")
	reloadtest.Edit(t, data, rule, strings.Replace(rule, ", escalate]", "]", 1))
	serving, err := realEngine(t).Ente("tradate")
	if err != nil {
		t.Fatal(err)
	}
	env := newTryEnv(t, "")
	srv := &testEnv{tb: t, router: New(env.decider, Options{Logger: env.logger(), Fixtures: fixturesFolder, Policies: policies}), log: env.log}

	var rep diff.Report
	decodeJSON(t, srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", "working"), status: http.StatusOK}), &rep)
	if rep.From.Ref != "working" || rep.From.Revision == serving.Revision || rep.To.Revision != serving.Revision {
		t.Errorf("sides %+v, %+v", rep.From, rep.To)
	}
	if len(rep.Data.Parameters) != 1 || rep.Data.Parameters[0].Path != "categories.threat.actions" ||
		!slices.Equal(diffIDs(rep.Behaviour.Fixtures), []string{"tradate/016_minaccia.yaml"}) {
		t.Errorf("parameters %+v, fixtures %+v", rep.Data.Parameters, rep.Behaviour.Fixtures)
	}
	// The working copy is the revision POST /try?working=true reports.
	var tried tryAnswer
	decodeJSON(t, srv.run(t, httpCase{path: "/try?working=true", body: post{ente: "tradate", content: "c", author: "fb:1", text: "Grazie", now: at(0)}.body(),
		status: http.StatusOK}), &tried)
	if tried.WorkingRevision != rep.From.Revision {
		t.Errorf("POST /try's working revision %s, GET /diff's %s", tried.WorkingRevision, rep.From.Revision)
	}

	reloadtest.Edit(t, data, strings.Replace(rule, ", escalate]", "]", 1), "threat: {outcome: [")
	srv.run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", "serving", "to", "working"), status: http.StatusBadRequest,
		problem: probInvalidQuery, fields: []string{"to"}})
	newEnv(t, envOptions{noStore: true}).run(t, httpCase{method: "GET", path: diffPath("ente", "tradate", "from", "working"),
		status: http.StatusServiceUnavailable, problem: probNoWorkingCopy})
}
