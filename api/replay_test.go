package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/engine/service/replay/replaytest"
	"github.com/galateo/galateo/store"
)

// replayEnv is a store holding decisions taken through POST /decide: an
// author of Massa who insults three times (counted, then blocked), one who
// threatens, one who thanks, and a question to Tradate.
type replayEnv struct {
	*storeEnv
	insults         []string // decision ids
	threat, thanks  string
	tradate         string
	modified        *engine.Ente // Massa without the escalation of threats, kept in the store
	tradateRevision string       // Tradate's serving revision, kept in the store
}

func newReplayEnv(t *testing.T, se *storeEnv) *replayEnv {
	t.Helper()
	env := &replayEnv{storeEnv: se}
	for i, text := range []string{"Sei uno stronzo", "Sei proprio uno stronzo", "Stronzo, sei uno stronzo"} {
		d, _ := env.decide(t, post{content: fmt.Sprint("insult", i), author: "fb:1", text: text, now: at(i)})
		env.insults = append(env.insults, d.DecisionID)
	}
	d, _ := env.decide(t, post{content: "threat", author: "fb:2", text: "Ti spacco la faccia appena ti incontro sul lungomare", now: at(3)})
	env.threat = d.DecisionID
	d, _ = env.decide(t, post{content: "thanks", author: "fb:3", text: "Grazie per l'informazione", now: at(4)})
	env.thanks = d.DecisionID
	d, _ = env.decide(t, post{ente: "tradate", content: "question", author: "fb:4", text: "Quando apre la biblioteca?", now: at(5)})
	env.tradate = d.DecisionID

	ctx := context.Background()
	modified := massaWithoutEscalation(t)
	env.modified = modified
	tradate, err := realEngine(t).Ente("tradate")
	if err != nil {
		t.Fatal(err)
	}
	env.tradateRevision = tradate.Revision
	for _, e := range []*engine.Ente{modified, tradate} {
		if _, err := env.st.SaveVersion(ctx, store.Version{Revision: e.Revision, Ente: e.ID, Label: e.Version, Files: e.Source}); err != nil {
			t.Fatal(err)
		}
	}
	return env
}

// massaModified is Massa's revision that no longer escalates threats,
// compiled once for the package: every replay env keeps it in its store,
// and a compiled ente is never changed.
var massaModified struct {
	once sync.Once
	ent  *engine.Ente
	err  error
}

func massaWithoutEscalation(t *testing.T) *engine.Ente {
	t.Helper()
	massaModified.once.Do(func() {
		// The folder is the first caller's; the compiled ente does not
		// read it again.
		massaModified.ent, massaModified.err = engine.LoadEnte(context.Background(), replaytest.WithoutEscalation(t, "../policies"), "massa")
	})
	if massaModified.ent == nil && massaModified.err == nil {
		t.Fatal("massa without escalation: the first attempt failed")
	}
	if massaModified.err != nil {
		t.Fatal(massaModified.err)
	}
	return massaModified.ent
}

func (env *replayEnv) replay(t *testing.T, body string) replay.Report {
	t.Helper()
	var rep replay.Report
	decodeJSON(t, env.run(t, httpCase{path: "/replay", body: body, status: http.StatusOK}), &rep)
	return rep
}

func changed(rep replay.Report) []string {
	out := []string{}
	for _, c := range rep.Changes {
		out = append(out, c.DecisionID)
	}
	return out
}

// TestReplay: under the serving revision nothing changes; under a revision
// kept in the store, exactly the decisions it changes are listed.
func TestReplay(t *testing.T) {
	forEachBackend(t, func(t *testing.T, se *storeEnv) {
		env := newReplayEnv(t, se)
		massa, err := realEngine(t).Ente("massa")
		if err != nil {
			t.Fatal(err)
		}

		rep := env.replay(t, `{"ente": "massa"}`)
		if rep.Ente != "massa" || rep.Revision != massa.Revision || rep.Version != massa.Version ||
			rep.Replayed != 5 || rep.Same != 5 || rep.Changed != 0 || rep.Skipped != 0 || rep.Truncated || len(rep.Changes) != 0 {
			t.Errorf("under the serving revision: %+v", rep)
		}
		// Naming the serving revision is the same.
		if rep := env.replay(t, `{"ente": "massa", "revision": "`+massa.Revision+`"}`); rep.Changed != 0 || rep.Replayed != 5 {
			t.Errorf("under the serving revision named: %+v", rep)
		}

		body := `{"ente": "massa", "revision": "` + env.modified.Revision + `"}`
		rep = env.replay(t, body)
		if rep.Revision != env.modified.Revision || rep.Replayed != 5 || rep.Same != 4 || rep.Changed != 1 ||
			!slices.Equal(changed(rep), []string{env.threat}) {
			t.Fatalf("under the modified revision: %+v", rep)
		}
		c := rep.Changes[0]
		if c.Revision != massa.Revision || !c.DecidedAt.Equal(at(3)) || c.Stored.Outcome != "remove" || c.Replayed.Outcome != "remove" ||
			!slices.Contains(c.Stored.Actions, "escalate") || slices.Contains(c.Replayed.Actions, "escalate") {
			t.Errorf("change %+v", c)
		}
		// Again: the compiled revision is kept, the answer is the same.
		if again := env.replay(t, body); !reflect.DeepEqual(again, rep) {
			t.Errorf("again: %+v, first %+v", again, rep)
		}

		for _, c := range []struct {
			name, body string
			replayed   int
			changes    []string
			truncated  bool
		}{
			{"ids", `{"ente": "massa", "revision": "` + env.modified.Revision + `", "decision_ids": ["` + env.thanks + `", "` + env.threat + `"]}`,
				2, []string{env.threat}, false},
			{"range", `{"ente": "massa", "revision": "` + env.modified.Revision + `", "from": "` + at(1).Format(time.RFC3339) + `", "to": "` + at(3).Format(time.RFC3339) + `"}`,
				2, []string{}, false},
			{"range with the threat", `{"ente": "massa", "revision": "` + env.modified.Revision + `", "from": "` + at(3).Format(time.RFC3339) + `"}`,
				2, []string{env.threat}, false},
			{"limit", `{"ente": "massa", "revision": "` + env.modified.Revision + `", "limit": 1}`,
				1, []string{}, true},
			{"tradate", `{"ente": "tradate", "revision": "` + env.tradateRevision + `"}`,
				1, []string{}, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				rep := env.replay(t, c.body)
				if rep.Replayed != c.replayed || !slices.Equal(changed(rep), c.changes) || rep.Truncated != c.truncated {
					t.Errorf("replayed %d, changes %v, truncated %t; want %d, %v, %t", rep.Replayed, changed(rep), rep.Truncated, c.replayed, c.changes, c.truncated)
				}
			})
		}

		// Purged inputs are counted, not replayed.
		if _, err := env.st.Purge(context.Background(), "massa", at(2)); err != nil {
			t.Fatal(err)
		}
		if rep := env.replay(t, `{"ente": "massa"}`); rep.Skipped != 2 || rep.Replayed != 3 {
			t.Errorf("after a purge: %+v", rep)
		}

		// A revision of another ente, a decision of another ente, unknown
		// revisions and decisions.
		for _, c := range []httpCase{
			{name: "revision of another ente", body: `{"ente": "massa", "revision": "` + env.tradateRevision + `"}`,
				status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"revision"}},
			{name: "decision of another ente", body: `{"ente": "massa", "decision_ids": ["` + env.threat + `", "` + env.tradate + `"]}`,
				status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"decision_ids[1]"}},
			{name: "unknown revision", body: `{"ente": "massa", "revision": "sha256:` + strings.Repeat("0", 64) + `"}`,
				status: http.StatusNotFound, problem: probUnknownRevision},
			{name: "unknown decision", body: `{"ente": "massa", "decision_ids": ["` + env.threat + `", "01JDX3M8Q2W6ZK4H7N5B0C9R1T"]}`,
				status: http.StatusNotFound, problem: probUnknownDecision, check: detailHas("01JDX3M8Q2W6ZK4H7N5B0C9R1T")},
		} {
			t.Run(c.name, func(t *testing.T) {
				c.path = "/replay"
				env.run(t, c)
			})
		}
	})
}

// replayStore is a store whose records or reads can be made to fail.
type replayStore struct {
	Store
	corrupt string // the decision whose stored input is cut short
	broken  bool   // every read fails
}

func (s replayStore) List(ctx context.Context, f store.Filter) ([]store.Record, string, error) {
	if s.broken {
		return nil, "", errors.New("connection refused")
	}
	recs, next, err := s.Store.List(ctx, f)
	for i := range recs {
		if recs[i].DecisionID == s.corrupt {
			recs[i].Input = recs[i].Input[:len(recs[i].Input)/2]
		}
	}
	return recs, next, err
}

// replayRejects are requests POST /replay refuses; each changes nothing.
func replayRejects() []httpCase {
	bad := func(name, body string, fields ...string) httpCase {
		return httpCase{name: name, body: body, status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: fields}
	}
	manyIDs := make([]string, MaxReplayIDs+1)
	for i := range manyIDs {
		manyIDs[i] = `"` + strconv.Itoa(i) + `"`
	}
	cases := []httpCase{
		{name: "malformed", body: `{"ente": "massa",`, status: http.StatusBadRequest, problem: probMalformedJSON},
		{name: "empty", body: ``, status: http.StatusBadRequest, problem: probMalformedJSON},
		{name: "trailing data", body: `{"ente": "massa"} {}`, status: http.StatusBadRequest, problem: probMalformedJSON},
		{name: "text", contentType: "text/plain", body: `{"ente": "massa"}`, status: http.StatusUnsupportedMediaType, problem: probUnsupportedMedia},
		{name: "too large", body: `{"ente": "massa", "decision_ids": ["` + strings.Repeat("A", MaxBodyBytes) + `"]}`,
			status: http.StatusRequestEntityTooLarge, problem: probBodyTooLarge},
		{name: "too large, chunked", chunked: true, body: `{"ente": "massa", "decision_ids": ["` + strings.Repeat("A", MaxBodyBytes) + `"]}`,
			status: http.StatusRequestEntityTooLarge, problem: probBodyTooLarge},
		bad("not an object", `["massa"]`, ""),
		bad("no ente", `{}`, "ente"),
		bad("bad ente", `{"ente": "Massa"}`, "ente"),
		bad("bad revision", `{"ente": "massa", "revision": "4f2a"}`, "revision"),
		bad("bad times", `{"ente": "massa", "from": "ieri", "to": "2026-11-23"}`, "from", "to"),
		bad("empty range", `{"ente": "massa", "from": "2026-11-23T10:00:00Z", "to": "2026-11-23T11:00:00+01:00"}`, "to"),
		bad("ids and range", `{"ente": "massa", "decision_ids": ["01JDX3M8Q2W6ZK4H7N5B0C9R1T"], "to": "2026-11-23T10:00:00Z"}`, "decision_ids"),
		bad("bad ids", `{"ente": "massa", "decision_ids": ["01JDX3M8Q2W6ZK4H7N5B0C9R1T", "", "a b"]}`, "decision_ids[1]", "decision_ids[2]"),
		bad("too many ids", `{"ente": "massa", "decision_ids": [`+strings.Join(manyIDs, ",")+`]}`, "decision_ids"),
		bad("zero limit", `{"ente": "massa", "limit": 0}`, "limit"),
		bad("limit over the cap", `{"ente": "massa", "limit": 100001}`, "limit"),
		bad("limit under the ids", `{"ente": "massa", "decision_ids": ["a", "b"], "limit": 1}`, "limit"),
		bad("limit of the wrong type", `{"ente": "massa", "limit": "ten", "revision": "x"}`, "limit", "revision"),
		bad("ids of the wrong type", `{"ente": "massa", "decision_ids": "01JDX3M8Q2W6ZK4H7N5B0C9R1T"}`, "decision_ids"),
		bad("unknown members", `{"ente": "massa", "form": "2026-11-01T00:00:00Z", "until": "2026-12-01T00:00:00Z"}`, "form", "until"),
		{name: "unknown ente", body: `{"ente": "atlantide"}`, status: http.StatusNotFound, problem: probUnknownEnte},
	}
	for i := range cases {
		cases[i].path = "/replay"
	}
	return cases
}

// TestReplayRejects: bad requests, and stores that fail, get their problem.
func TestReplayRejects(t *testing.T) { replayRejected(t) }

// replayRejectsRan: replayRejected has run in this process, and the
// statuses it answers are among those observed.
var replayRejectsRan atomic.Bool

func replayRejected(t *testing.T) {
	replayRejectsRan.Store(true)
	env := newReplayEnv(t, newStoreEnv(t, backend{"sqlite", openSQLite}))
	for _, c := range replayRejects() {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}

	failing := func(s replayStore) *testEnv {
		return &testEnv{tb: t, router: New(env.decider, Options{Logger: env.logger(), Store: s, Recorder: env.batcher}), log: env.log}
	}
	t.Run("corrupt record", func(t *testing.T) {
		failing(replayStore{Store: env.st, corrupt: env.insults[1]}).run(t, httpCase{path: "/replay", body: `{"ente": "massa"}`,
			status: http.StatusInternalServerError, problem: probInternal, check: detailHas(env.insults[1])})
	})
	t.Run("store unavailable", func(t *testing.T) {
		failing(replayStore{Store: env.st, broken: true}).run(t, httpCase{path: "/replay", body: `{"ente": "massa"}`,
			status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	})
	t.Run("store without revisions", func(t *testing.T) {
		// Through the wrapper the store no longer offers Version: the
		// serving revision replays, another cannot.
		srv := failing(replayStore{Store: env.st})
		srv.run(t, httpCase{path: "/replay", body: `{"ente": "massa"}`, status: http.StatusOK})
		srv.run(t, httpCase{path: "/replay", body: `{"ente": "massa", "revision": "` + env.modified.Revision + `"}`,
			status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	})
	t.Run("no store", func(t *testing.T) {
		newEnv(t, envOptions{noStore: true}).run(t, httpCase{path: "/replay", body: `{"ente": "massa"}`,
			status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	})
	t.Run("method", func(t *testing.T) {
		env.run(t, httpCase{method: "GET", path: "/replay", status: http.StatusMethodNotAllowed, problem: probMethodNotAllowed})
	})
}

// TestReplayOpenAPI: the schemas of POST /replay are its Go types, and
// every status it answers is documented and was seen by a test.
func TestReplayOpenAPI(t *testing.T) {
	c := contract(t)
	for _, p := range []struct {
		value  any
		schema string
	}{
		{replayRequest{}, "ReplayRequest"},
		{replay.Report{}, "ReplayReport"},
		{replay.Change{}, "ReplayChange"},
		{replay.PersonChange{}, "PersonChange"},
		{engine.Outcome{}, "ComparedOutcome"},
	} {
		t.Run(p.schema, func(t *testing.T) {
			compareSchema(t, reflect.TypeOf(p.value), c.schema(t, p.schema), p.schema)
		})
	}
	limit := c.prop(t, "ReplayRequest", "limit")
	if limit.Max == nil || *limit.Max != replay.MaxLimit || fmt.Sprint(limit.Default) != fmt.Sprint(replay.DefaultLimit) {
		t.Errorf("limit maximum %v default %v, want %d and %d", limit.Max, limit.Default, replay.MaxLimit, replay.DefaultLimit)
	}
	if ids := c.prop(t, "ReplayRequest", "decision_ids"); ids.MaxItems == nil || *ids.MaxItems != MaxReplayIDs {
		t.Errorf("decision_ids maxItems %v, want %d", ids.MaxItems, MaxReplayIDs)
	}

	// Every documented status, answered: the rejects and a success.
	if !replayRejectsRan.Load() { // run alone: observe what TestReplayRejects would have
		replayRejected(t)
	}
	authRefused(t, http.MethodPost, "/replay", `{"ente":"massa"}`, RoleAudit)
	documented := c.operations()["POST /replay"].Responses.Map()
	seen := map[int]bool{}
	observed.Lock()
	for o := range observed.set {
		if o.method == http.MethodPost && o.path == "/replay" {
			seen[o.status] = true
		}
	}
	observed.Unlock()
	for status := range seen {
		if documented[strconv.Itoa(status)] == nil {
			t.Errorf("POST /replay answered %d, which openapi.yaml does not document", status)
		}
	}
	for code := range documented {
		if n, _ := strconv.Atoi(code); !seen[n] {
			t.Errorf("POST /replay documents %s but no test observed it", code)
		}
	}
}

// TestRevisionCache: a revision is compiled once while it is kept, by one
// request however many ask at once; the least recently used goes first,
// and a failure is not kept.
func TestRevisionCache(t *testing.T) {
	ctx := context.Background()
	var c revisionCache
	var compiled atomic.Int64
	ent := &engine.Ente{ID: "massa"}
	compile := func(context.Context) (*engine.Ente, error) {
		compiled.Add(1)
		time.Sleep(10 * time.Millisecond) // long enough for the others to wait
		return ent, nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got, err := c.get(ctx, "r0", compile); got != ent || err != nil {
				t.Errorf("get: %v, %v", got, err)
			}
		})
	}
	wg.Wait()
	if n := compiled.Load(); n != 1 {
		t.Errorf("compiled %d times for 8 concurrent requests, want once", n)
	}
	for i := 1; i <= compiledRevisions; i++ {
		c.get(ctx, fmt.Sprint("r", i), compile)
	}
	if got, want := c.kept(), []string{"r1", "r2", "r3", "r4"}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	c.get(ctx, "r1", compile) // used: now the most recent
	if got, want := c.kept(), []string{"r2", "r3", "r4", "r1"}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if n := compiled.Load(); n != 5 {
		t.Errorf("compiled %d times, want 5", n)
	}
	fail := errors.New("does not compile")
	if _, err := c.get(ctx, "bad", func(context.Context) (*engine.Ente, error) { return nil, fail }); err != fail {
		t.Errorf("err = %v", err)
	}
	if slices.Contains(c.kept(), "bad") || len(c.kept()) != compiledRevisions-1 {
		t.Errorf("kept %v after a failure", c.kept())
	}
	// A request that gives up stops waiting for another's compilation.
	release := make(chan struct{})
	go c.get(ctx, "slow", func(context.Context) (*engine.Ente, error) { <-release; return ent, nil })
	for !slices.Contains(c.kept(), "slow") {
		time.Sleep(time.Millisecond)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c.get(cancelled, "slow", compile); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled request waiting for a compilation: %v", err)
	}
	close(release)
}

// A replay may take longer than the server's WriteTimeout, which is sized
// for decisions: the handler moves its own write deadline.
func TestReplayOutlivesTheWriteTimeout(t *testing.T) {
	env := newReplayEnv(t, newStoreEnv(t, backend{"sqlite", openSQLite}))
	srv := httptest.NewUnstartedServer(checkedHandler(t, env.router))
	srv.Config.WriteTimeout = time.Millisecond // far shorter than replaying five decisions
	srv.Start()
	defer srv.Close()
	for _, path := range []string{"/replay", "/diff?ente=massa&from=serving&to=serving"} {
		var res *http.Response
		var err error
		if path == "/replay" {
			res, err = http.Post(srv.URL+path, "application/json", strings.NewReader(`{"ente": "massa"}`))
		} else {
			res, err = http.Get(srv.URL + path)
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK || !json.Valid(body) {
			t.Errorf("%s: %d %v %.200s", path, res.StatusCode, err, body)
		}
	}
}
