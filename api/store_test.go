package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// The tests of this file run the decision flow and the audit endpoints
// against real stores: an SQLite file in a temporary folder always, and
// PostgreSQL too when TEST_DATABASE_URL is set (a schema of its own per
// test, dropped afterwards).

// backend opens a fresh, empty store.
type backend struct {
	name string
	open func(t *testing.T) *store.SQL
}

func backends() []backend {
	b := []backend{{"sqlite", openSQLite}}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		b = append(b, backend{"postgres", openPostgres})
	}
	return b
}

func openSQLite(t *testing.T) *store.SQL {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "galateo.db"), store.Options{})
	if err != nil {
		t.Fatalf("open SQLite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func openPostgres(t *testing.T) *store.SQL {
	t.Helper()
	st, err := store.Open(context.Background(), storetest.Postgres(t).URL, store.Options{})
	if err != nil {
		t.Fatalf("open PostgreSQL store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storeEnv is a router over the real engine, a real store and its Batcher;
// the engine reads histories from the store.
type storeEnv struct {
	*testEnv
	st      *store.SQL
	batcher *store.Batcher
}

// at is a time on a staffed Monday in Massa, i minutes after 10:15:03.
func at(i int) time.Time {
	return time.Date(2026, 11, 23, 10, 15, 3, 0, time.FixedZone("CET", 3600)).Add(time.Duration(i) * time.Minute)
}

// liftTime is the clock of admin actions in these tests.
var liftTime = at(30)

func newStoreEnv(t *testing.T, b backend) *storeEnv {
	t.Helper()
	st := b.open(t)
	bat := store.NewBatcher(st, 0)
	t.Cleanup(bat.Close) // before the store closes
	env := &testEnv{tb: t, decider: &countingDecider{Decider: realEngine(t)}, log: &bytes.Buffer{}}
	env.ctx = context.WithValue(context.Background(), historyKey{}, record.History(st))
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: st, Recorder: bat, Now: func() time.Time { return liftTime },
	})
	return &storeEnv{testEnv: env, st: st, batcher: bat}
}

func forEachBackend(t *testing.T, test func(t *testing.T, env *storeEnv)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, newStoreEnv(t, b)) })
	}
}

// post is one request to POST /decide.
type post struct {
	ente, content, author, text string
	now                         time.Time
}

func (p post) body() string {
	if p.ente == "" {
		p.ente = "massa"
	}
	b, _ := json.Marshal(map[string]any{
		"ente":    p.ente,
		"channel": map[string]any{"platform": "facebook"},
		"content": map[string]any{"id": p.content, "kind": "comment", "text": p.text},
		"author":  map[string]any{"id": p.author, "name": "Mario Rossi"},
		"now":     p.now.Format(time.RFC3339),
	})
	return string(b)
}

// decide posts p and returns the decision and the body as answered.
func (env *storeEnv) decide(t *testing.T, p post) (engine.Decision, []byte) {
	t.Helper()
	res := env.run(t, httpCase{body: p.body(), status: http.StatusOK})
	return decodeDecision(t, res), res.Body.Bytes()
}

// list answers GET /decisions?query.
func (env *storeEnv) list(t *testing.T, query string) ([]map[string]any, string) {
	t.Helper()
	var page struct {
		Decisions  []map[string]any `json:"decisions"`
		NextCursor string           `json:"next_cursor"`
	}
	decodeJSON(t, env.run(t, httpCase{method: "GET", path: "/decisions?" + query, status: http.StatusOK}), &page)
	return page.Decisions, page.NextCursor
}

// detail answers GET /decisions/{id}.
func (env *storeEnv) detail(t *testing.T, id string) map[string]any {
	t.Helper()
	var d map[string]any
	decodeJSON(t, env.run(t, httpCase{method: "GET", path: "/decisions/" + id, status: http.StatusOK}), &d)
	return d
}

func (env *storeEnv) pseudonym(ente, author string) string {
	return env.st.Pseudonymizer().Of(ente, author)
}

func (env *storeEnv) history(t *testing.T, ente, author string, now time.Time) store.History {
	t.Helper()
	h, err := env.st.History(context.Background(), store.HistoryQuery{Ente: ente, AuthorID: author, WindowDays: 90, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func ids(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, d := range items {
		out[i], _ = d["decision_id"].(string)
	}
	return out
}

// TestStoreIdempotency: the same content of the same ente under the same
// revision is decided once, answered the same, and counted once.
func TestStoreIdempotency(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		insult := post{content: "123_456", author: "fb:1", text: "Sei uno stronzo", now: at(0)}
		first, raw := env.decide(t, insult)
		insult.now = at(5) // a retry later: still the decision taken then
		again, rawAgain := env.decide(t, insult)
		if first.DecisionID != again.DecisionID || !bytes.Equal(raw, rawAgain) {
			t.Errorf("the same content was answered\n%s\nthen\n%s", raw, rawAgain)
		}
		if n := env.decider.decides.Load(); n != 1 {
			t.Errorf("evaluated %d times, want once", n)
		}
		if h := env.history(t, "massa", "fb:1", at(10)); h.Violations != 1 {
			t.Errorf("history counts %d violations, want 1", h.Violations)
		}
		if items, _ := env.list(t, "ente=massa"); !slices.Equal(ids(items), []string{first.DecisionID}) {
			t.Errorf("log holds %v, want only %s", ids(items), first.DecisionID)
		}

		// The same content id in another ente is another content.
		other := post{ente: "crespiatica", content: "123_456", author: "fb:1", text: "Grazie", now: at(1)}
		if d, _ := env.decide(t, other); d.DecisionID == first.DecisionID {
			t.Errorf("crespiatica got massa's decision")
		}
		// Without a content id every request is a decision of its own.
		polite := post{author: "fb:2", text: "Grazie", now: at(2)}
		a, _ := env.decide(t, polite)
		b, _ := env.decide(t, polite)
		if a.DecisionID == b.DecisionID {
			t.Errorf("two requests without content.id share decision %s", a.DecisionID)
		}
		if items, _ := env.list(t, "author="+env.pseudonym("massa", "fb:2")); len(items) != 2 {
			t.Errorf("author fb:2 has %d records, want 2", len(items))
		}
	})
}

// blindFind is a store whose first look never finds a content, as when
// concurrent requests for it all look before any is recorded.
type blindFind struct{ Store }

func (blindFind) Find(context.Context, string, string, string) (*store.Record, error) {
	return nil, store.ErrNotFound
}

// TestStoreConcurrentDuplicates: requests for one content that all miss
// the log's first look are settled by the store: one decision for all.
func TestStoreConcurrentDuplicates(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		env.router = New(env.decider, Options{Logger: env.logger(), Store: blindFind{env.st}, Recorder: env.batcher})
		body := post{content: "dup", author: "fb:3", text: "Sei uno stronzo", now: at(0)}.body()
		var mu sync.Mutex
		got := map[string]int{}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				res := env.serve(httpCase{body: body}.request())
				if res.Code != http.StatusOK {
					t.Errorf("status %d: %s", res.Code, res.Body)
					return
				}
				var d engine.Decision
				if err := json.Unmarshal(res.Body.Bytes(), &d); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				got[d.DecisionID]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if len(got) != 1 {
			t.Errorf("one content got %d decisions: %v", len(got), got)
		}
		if n := env.decider.decides.Load(); n != 8 {
			t.Errorf("evaluated %d times, want 8: every request missed the first look", n)
		}
		if items, _ := env.list(t, "author="+env.pseudonym("massa", "fb:3")); len(items) != 1 {
			t.Errorf("the log holds %d records of the content, want 1", len(items))
		}
		if h := env.history(t, "massa", "fb:3", at(1)); h.Violations != 1 {
			t.Errorf("history counts %d violations, want 1", h.Violations)
		}
	})
}

// TestStoreFailures: a decision that cannot be recorded is not answered,
// and a store that cannot be read answers 503 everywhere.
func TestStoreFailures(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		env.batcher.Close()
		res := env.run(t, httpCase{body: post{content: "c1", author: "fb:4", text: "Sei uno stronzo", now: at(0)}.body(),
			status: http.StatusServiceUnavailable, problem: probRecordingFailed})
		if strings.Contains(res.Body.String(), "decision_id") {
			t.Errorf("an unrecorded decision leaks: %s", res.Body)
		}
		if recs, _, err := env.st.List(context.Background(), store.Filter{}); err != nil || len(recs) != 0 {
			t.Errorf("the log holds %d records (%v), want none", len(recs), err)
		}

		env.st.Close()
		for _, c := range []httpCase{
			{name: "find", body: post{content: "c2", author: "fb:4", text: "Grazie", now: at(1)}.body()},
			{name: "history", body: post{author: "fb:4", text: "Grazie", now: at(1)}.body()},
			{name: "list", method: "GET", path: "/decisions"},
			{name: "get", method: "GET", path: "/decisions/" + seededID},
			{name: "unblock", path: "/admin/authors/unblock", body: `{"ente":"massa","author":"` + seededAuthor + `"}`},
		} {
			c.status, c.problem = http.StatusServiceUnavailable, probStoreUnavailable
			res := env.run(t, c)
			if strings.Contains(res.Body.String(), "closed") {
				t.Errorf("%s: the store's error leaks: %s", c.name, res.Body)
			}
		}
		if !strings.Contains(env.log.String(), "closed") {
			t.Errorf("the log lacks the store's error:\n%s", env.log)
		}
	})
}

// TestStoreList: filters, order and cursor pagination of GET /decisions.
func TestStoreList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		seed := []post{
			{content: "c0", author: "fb:a", text: "Sei uno stronzo", now: at(0)},
			{content: "c1", author: "fb:b", text: "Grazie per l'informazione", now: at(1)},
			{ente: "crespiatica", content: "c2", author: "fb:a", text: "Grazie", now: at(2)},
			{content: "c3", author: "fb:a", text: "Grazie mille", now: at(3)},
			{content: "c4", author: "fb:b", text: "Sei uno stronzo", now: at(4)},
		}
		id := make([]string, len(seed))
		for i, p := range seed {
			d, _ := env.decide(t, p)
			id[i] = d.DecisionID
		}
		pick := func(is ...int) []string {
			out := []string{}
			for _, i := range is {
				out = append(out, id[i])
			}
			return out
		}
		ts := func(i int) string { return url.QueryEscape(at(i).Format(time.RFC3339)) }
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"", pick(4, 3, 2, 1, 0)},
			{"ente=massa", pick(4, 3, 1, 0)},
			{"ente=crespiatica", pick(2)},
			{"ente=tradate", pick()},
			{"outcome=remove", pick(4, 0)},
			{"outcome=allow&ente=massa", pick(3, 1)},
			{"category=offensive_language", pick(4, 0)},
			{"category=flooding", pick()},
			{"author=" + env.pseudonym("massa", "fb:a"), pick(3, 0)},
			{"author=" + env.pseudonym("crespiatica", "fb:a"), pick(2)},
			{"author=" + env.pseudonym("massa", "fb:b") + "&outcome=allow", pick(1)},
			{"from=" + ts(1) + "&to=" + ts(4), pick(3, 2, 1)},
			{"ente=massa&from=" + ts(3), pick(4, 3)},
			{"to=" + ts(1), pick(0)},
		} {
			if got, next := env.list(t, c.query); !slices.Equal(ids(got), c.want) || next != "" {
				t.Errorf("?%s: %v next %q, want %v", c.query, ids(got), next, c.want)
			}
		}

		for _, c := range []struct {
			query string
			pages [][]string
		}{
			{"limit=2", [][]string{pick(4, 3), pick(2, 1), pick(0)}},
			{"ente=massa&limit=3", [][]string{pick(4, 3, 1), pick(0)}},
			{"limit=5", [][]string{pick(4, 3, 2, 1, 0)}},
		} {
			cursor := ""
			for i, want := range c.pages {
				q := c.query
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				got, next := env.list(t, q)
				if !slices.Equal(ids(got), want) {
					t.Errorf("?%s page %d: %v, want %v", c.query, i+1, ids(got), want)
				}
				if last := i == len(c.pages)-1; last != (next == "") {
					t.Errorf("?%s page %d: next_cursor %q", c.query, i+1, next)
				}
				cursor = next
			}
		}
		env.run(t, badQuery("cursor=xyz", "cursor"))

		// Each item is the decision as answered plus its record, as the
		// StoredDecision schema says.
		props := properties(contract(t).schema(t, "StoredDecision"))
		items, _ := env.list(t, "ente=massa")
		for i, d := range items {
			for k := range d {
				if props[k] == nil {
					t.Errorf("item member %q is not in StoredDecision", k)
				}
			}
			for _, k := range []string{"decision_id", "outcome", "seq", "revision", "decided_at", "recorded_at", "author_pseudonym", "content_id"} {
				if d[k] == nil {
					t.Errorf("item %d lacks %s: %v", i, k, d)
				}
			}
			if want := float64(len(items) - i); d["seq"] != want {
				t.Errorf("item %d: seq %v, want %v", i, d["seq"], want)
			}
			if policy, _ := d["policy"].(map[string]any); policy["revision"] != d["revision"] {
				t.Errorf("item %d: revision %v, decision's %v", i, d["revision"], policy["revision"])
			}
		}
	})
}

// TestStoreGetDecision: one decision with its masked input and its hashes;
// after retention the input is gone and the chain still verifies.
func TestStoreGetDecision(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		first, raw := env.decide(t, post{content: "c1", author: "fb:998877",
			text: "Sei uno stronzo, chiamami al 333 1234567", now: at(0)})
		second, _ := env.decide(t, post{content: "c2", author: "fb:998877", text: "Grazie", now: at(1)})

		got := env.detail(t, first.DecisionID)
		answered := members(t, raw)
		full := members(t, []byte(mustJSON(got)))
		for k, v := range answered {
			var a, b any
			json.Unmarshal(v, &a)
			json.Unmarshal(full[k], &b)
			if mustJSON(a) != mustJSON(b) {
				t.Errorf("member %s: stored %s, answered %s", k, full[k], v)
			}
		}
		hex64 := regexp.MustCompile(`^[0-9a-f]{64}$`)
		if got["seq"] != 1.0 || got["prev_hash"] != "" || !hex64.MatchString(fmt.Sprint(got["hash"])) ||
			got["purged"] != false || !hex64.MatchString(fmt.Sprint(got["input_digest"])) {
			t.Errorf("record %v", got)
		}
		input, _ := got["input"].(map[string]any)
		if input == nil {
			t.Fatalf("no input: %v", got)
		}
		kept := mustJSON(input)
		for _, leak := range []string{"1234567", "Mario", "fb:998877"} {
			if strings.Contains(kept, leak) {
				t.Errorf("the kept input holds %q: %s", leak, kept)
			}
		}
		if !strings.Contains(kept, env.pseudonym("massa", "fb:998877")) || !strings.Contains(kept, "stronzo") {
			t.Errorf("the kept input lacks the pseudonym or what the rules judged: %s", kept)
		}

		next := env.detail(t, second.DecisionID)
		if next["seq"] != 2.0 || next["prev_hash"] != got["hash"] {
			t.Errorf("second record seq %v prev_hash %v, want 2 and %v", next["seq"], next["prev_hash"], got["hash"])
		}

		n, err := env.st.Purge(context.Background(), "massa", at(1))
		if err != nil || n != 1 {
			t.Fatalf("purged %d (%v), want 1; decided at %v and %v", n, err, got["decided_at"], next["decided_at"])
		}
		purged := env.detail(t, first.DecisionID)
		if purged["purged"] != true || purged["input"] != nil || purged["input_digest"] != got["input_digest"] || purged["hash"] != got["hash"] {
			t.Errorf("after retention: %v", purged)
		}
		if kept := env.detail(t, second.DecisionID); kept["input"] == nil {
			t.Errorf("retention purged a later record")
		}
		rep, err := env.st.Verify(context.Background(), "")
		if err != nil || len(rep.Problems) != 0 || rep.Records != 2 {
			t.Errorf("verify after retention: %+v %v", rep, err)
		}
		env.run(t, httpCase{method: "GET", path: "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1X", status: http.StatusNotFound, problem: probUnknownDecision})
	})
}

// TestStoreEscalation: Massa blocks an author at the third certain
// violation in its window (repeat_offender.threshold 3); the next decision
// sees the block in its evaluated input, until an admin lifts it.
func TestStoreEscalation(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		insult := func(i int) (engine.Decision, map[string]any) {
			d, _ := env.decide(t, post{content: fmt.Sprintf("e%d", i), author: "fb:77", text: "Sei uno stronzo", now: at(i)})
			return d, env.detail(t, d.DecisionID)
		}
		history := func(rec map[string]any) map[string]any {
			input, _ := rec["input"].(map[string]any)
			facts, _ := input["facts"].(map[string]any)
			h, _ := facts["history"].(map[string]any)
			if h == nil {
				t.Fatalf("no facts.history in %v", rec)
			}
			return h
		}
		blockOf := func(d engine.Decision) *engine.Action {
			for i, a := range d.Actions {
				if a.Type == "block_author" {
					return &d.Actions[i]
				}
			}
			return nil
		}
		for i := range 2 {
			d, rec := insult(i)
			if blockOf(d) != nil || d.Author.Blocked || d.Author.Violations != i+1 {
				t.Errorf("violation %d: actions %+v author %+v", i+1, d.Actions, d.Author)
			}
			if h := history(rec); h["violations"] != float64(i) || h["blocked_until"] != nil {
				t.Errorf("violation %d saw history %v", i+1, h)
			}
		}
		third, _ := insult(2)
		block := blockOf(third)
		if block == nil || !third.Author.Blocked || third.Author.Violations != 3 {
			t.Fatalf("third violation: actions %+v author %+v, want block_author", third.Actions, third.Author)
		}
		until, err := time.Parse(time.RFC3339, block.Until)
		if err != nil || !until.After(at(2)) {
			t.Errorf("block_author until %q (%v), want a time after the decision", block.Until, err)
		}
		_, fourth := insult(3)
		if h := history(fourth); h["violations"] != 3.0 || h["blocked_until"] == nil {
			t.Errorf("the fourth decision saw history %v, want 3 violations and a block", h)
		}

		unblock := httpCase{path: "/admin/authors/unblock", status: http.StatusOK,
			body: `{"ente":"massa","author":"` + env.pseudonym("massa", "fb:77") + `"}`}
		for _, want := range []string{`{"lifted":true}`, `{"lifted":false}`} {
			if res := env.run(t, unblock); res.Body.String() != want {
				t.Errorf("unblock: %s, want %s", res.Body, want)
			}
		}
		polite, _ := env.decide(t, post{content: "e5", author: "fb:77", text: "Grazie", now: liftTime.Add(time.Minute)})
		if h := history(env.detail(t, polite.DecisionID)); h["blocked_until"] != nil || h["violations"] != 4.0 {
			t.Errorf("after the lift the author's history is %v, want 4 violations and no block", h)
		}
		// A replay of the fourth decision still sees the block it saw.
		if h := env.history(t, "massa", "fb:77", at(3)); h.BlockedUntil == nil {
			t.Errorf("history at the fourth decision lost its block")
		}
	})
}
