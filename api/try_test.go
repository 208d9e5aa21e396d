package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// newTryEnv is a router over the real engine and an audit log in memory,
// whose working copies are in policies ("" for none).
func newTryEnv(t *testing.T, policies string) *testEnv {
	t.Helper()
	env := &testEnv{tb: t, decider: &countingDecider{Decider: realEngine(t)}, audit: newMemLog(nil), log: &bytes.Buffer{}}
	env.router = New(env.decider, Options{Logger: env.logger(), Store: env.audit, Recorder: env.audit, Policies: policies})
	return env
}

// tryAnswer is the body of a 200 of POST /try.
type tryAnswer struct {
	Serving         *engine.Decision `json:"serving"`
	Working         *engine.Decision `json:"working"`
	WorkingRevision string           `json:"working_revision"`
	WorkingError    string           `json:"working_error"`
}

// try posts body to POST /try?query and decodes the 200.
func tryOK(t *testing.T, env *testEnv, query, body string) tryAnswer {
	t.Helper()
	path := "/try"
	if query != "" {
		path += "?" + query
	}
	res := env.run(t, httpCase{path: path, body: body, status: http.StatusOK})
	var out tryAnswer
	decodeJSON(t, res, &out)
	if out.Serving == nil {
		t.Fatalf("no serving decision: %s", res.Body)
	}
	return out
}

// withHistory adds a history member to a body of POST /decide.
func withHistory(t *testing.T, body, history string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatal(err)
	}
	m["history"] = json.RawMessage(history)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func actionTypes(d *engine.Decision) []string {
	var out []string
	for _, a := range d.Actions {
		out = append(out, a.Type)
	}
	return out
}

const insult = "Sei uno stronzo"

// POST /try decides as POST /decide does and records nothing: no record,
// and no idempotency, so the same content is decided afresh every time.
func TestTryRecordsNothing(t *testing.T) {
	env := newTryEnv(t, "")
	body := post{content: "c1", author: "fb:1", text: insult, now: at(0)}.body()
	first := tryOK(t, env, "", body)
	again := tryOK(t, env, "working=false", body)
	if first.Serving.Outcome != "remove" || first.Working != nil || first.WorkingRevision != "" || first.WorkingError != "" {
		t.Errorf("try: %+v", first)
	}
	if first.Serving.DecisionID == again.Serving.DecisionID {
		t.Error("the same content tried twice has one decision id: it was looked up")
	}
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("POST /try recorded %d entries", n)
	}
	// A content already decided is tried afresh, not answered from the log.
	decided := decodeDecision(t, env.run(t, httpCase{body: body, status: http.StatusOK}))
	if tried := tryOK(t, env, "", body); tried.Serving.DecisionID == decided.DecisionID {
		t.Error("POST /try answered the logged decision")
	}
	if n := env.audit.records.Load(); n != 1 {
		t.Errorf("records %d, want the one of POST /decide", n)
	}
}

// A history given in the body is the one decided with: an author with
// violations enough is blocked, one without is not.
func TestTryHistory(t *testing.T) {
	env := newTryEnv(t, "")
	body := post{content: "c1", author: "fb:1", text: insult, now: at(0)}.body()
	none := tryOK(t, env, "", body)
	if slices.Contains(actionTypes(none.Serving), "block_author") {
		t.Fatalf("a first insult blocks its author: %v", actionTypes(none.Serving))
	}
	repeat := tryOK(t, env, "", withHistory(t, body, `{"violations":5,"last_warning":"2026-11-20T09:00:00+01:00"}`))
	if !slices.Contains(actionTypes(repeat.Serving), "block_author") || !repeat.Serving.Author.Blocked {
		t.Errorf("a repeat offender is not blocked: actions %v, author %+v", actionTypes(repeat.Serving), repeat.Serving.Author)
	}
	// Every member is taken; the policy decides what each means.
	tryOK(t, env, "", withHistory(t, body, `{"violations":1,"blocked_until":"2026-12-20T09:00:00+01:00","repeats":2}`))
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("POST /try recorded %d entries", n)
	}
}

// Without a history in the body, the store's is read, and nothing is
// added to it.
func TestTryReadsTheStoresHistory(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		for i, id := range []string{"a", "b", "c"} {
			env.decide(t, post{content: id, author: "fb:1", text: insult, now: at(i)})
		}
		before, _, err := env.st.List(context.Background(), store.Filter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		body := post{content: "d", author: "fb:1", text: insult, now: at(5)}.body()
		got := tryOK(t, env.testEnv, "", body)
		if !slices.Contains(actionTypes(got.Serving), "block_author") {
			t.Errorf("the store's three violations did not block: %v, author %+v", actionTypes(got.Serving), got.Serving.Author)
		}
		clean := tryOK(t, env.testEnv, "", withHistory(t, body, `{"violations":0}`))
		if slices.Contains(actionTypes(clean.Serving), "block_author") {
			t.Errorf("the history given did not replace the store's: %v", actionTypes(clean.Serving))
		}
		after, _, err := env.st.List(context.Background(), store.Filter{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != len(before) {
			t.Errorf("POST /try changed the log: %d records, then %d", len(before), len(after))
		}
	})
}

// Bad input is refused as POST /decide refuses it, and the history and
// the query are checked too.
func TestTryRejects(t *testing.T) {
	env := newTryEnv(t, "")
	good := post{content: "c1", author: "fb:1", text: insult, now: at(0)}.body()
	for _, c := range []httpCase{
		{name: "history out of range", path: "/try", body: withHistory(t, good, `{"violations":-1,"repeats":10001}`),
			status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"history.violations", "history.repeats"}},
		{name: "history time", path: "/try", body: withHistory(t, good, `{"last_warning":"ieri","blocked_until":"1800-01-01T00:00:00Z"}`),
			status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"history.last_warning", "history.blocked_until"}},
		{name: "history member unknown", path: "/try", body: withHistory(t, good, `{"Violations":1}`),
			status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"history.Violations"}},
		{name: "history not an object", path: "/try", body: withHistory(t, good, `3`),
			status: http.StatusUnprocessableEntity, problem: probInvalidRequest, fields: []string{"history"}},
		{name: "request and history invalid", path: "/try", body: withHistory(t, `{"ente":"massa"}`, `{"violations":-1}`),
			status: http.StatusUnprocessableEntity, problem: probInvalidRequest},
		{name: "working not a boolean", path: "/try?working=yes", body: good, status: http.StatusBadRequest, problem: probInvalidQuery, fields: []string{"working"}},
		{name: "unknown parameter", path: "/try?ente=massa", body: good, status: http.StatusBadRequest, problem: probInvalidQuery, fields: []string{"ente"}},
		{name: "malformed", path: "/try", body: `{"ente":`, status: http.StatusBadRequest, problem: probMalformedJSON},
		{name: "duplicate key", path: "/try", body: `{"ente":"massa","ente":"tradate"}`, status: http.StatusBadRequest, problem: probDuplicateKey},
		{name: "too large", path: "/try", body: `{"ente":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, status: http.StatusRequestEntityTooLarge, problem: probBodyTooLarge},
		{name: "not JSON", path: "/try", contentType: "text/plain", body: good, status: http.StatusUnsupportedMediaType, problem: probUnsupportedMedia},
		{name: "unknown ente", path: "/try", body: post{ente: "atlantide", content: "c1", author: "fb:1", text: insult, now: at(0)}.body(),
			status: http.StatusNotFound, problem: probUnknownEnte},
		{name: "working without a policies folder", path: "/try?working=true", body: good,
			status: http.StatusServiceUnavailable, problem: probNoWorkingCopy},
	} {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("refused tries recorded %d entries", n)
	}
}

// With working=true the request is decided under the working copy too: the
// serving revision while the files have not changed, an edit once they
// have, and the load error while they are broken.
func TestTryWorking(t *testing.T) {
	policies, _ := reloadtest.CopyTree(t, "..", "massa")
	env := newTryEnv(t, policies)
	serving, err := realEngine(t).Ente("massa")
	if err != nil {
		t.Fatal(err)
	}
	body := post{content: "c1", author: "fb:1", text: insult, now: at(0)}.body()

	same := tryOK(t, env, "working=true", body)
	if same.Working == nil || same.WorkingRevision != serving.Revision || same.Working.Outcome != same.Serving.Outcome || same.WorkingError != "" {
		t.Fatalf("unchanged working copy: revision %s (serving %s), error %q", same.WorkingRevision, serving.Revision, same.WorkingError)
	}

	data := filepath.Join(policies, "enti", "massa", "data.yaml")
	reloadtest.Edit(t, data, "offensive_language: {outcome: remove, severity: grave, actions: [remove]}",
		"offensive_language: {outcome: hide, severity: grave, actions: [hide]}")
	edited := tryOK(t, env, "working=true", body)
	switch {
	case edited.Working == nil:
		t.Fatalf("edited working copy: no decision; error %q", edited.WorkingError)
	case edited.Serving.Outcome != "remove" || edited.Working.Outcome != "hide":
		t.Errorf("serving %s, working %s; want remove and hide", edited.Serving.Outcome, edited.Working.Outcome)
	case edited.WorkingRevision == serving.Revision || edited.Working.Policy.Revision != edited.WorkingRevision:
		t.Errorf("working revision %s, its decision's %s, serving %s", edited.WorkingRevision, edited.Working.Policy.Revision, serving.Revision)
	case edited.Serving.Policy.Revision != serving.Revision:
		t.Errorf("the serving decision is of %s", edited.Serving.Policy.Revision)
	}

	// Files that are read but do not compile have a revision; files that
	// cannot even be read have none.
	reloadtest.Edit(t, data, "template: standard", "template: nessuno")
	broken := tryOK(t, env, "working=true", body)
	if broken.Working != nil || broken.WorkingError == "" || broken.Serving.Outcome != "remove" ||
		broken.WorkingRevision == "" || broken.WorkingRevision == edited.WorkingRevision {
		t.Errorf("working copy that does not compile: %+v", broken)
	}
	reloadtest.Edit(t, data, "template: nessuno", "template: [standard")
	unreadable := tryOK(t, env, "working=true", body)
	if unreadable.Working != nil || unreadable.WorkingRevision != "" || unreadable.Serving.Outcome != "remove" ||
		!strings.Contains(unreadable.WorkingError, "data.yaml") || !strings.Contains(unreadable.WorkingError, "massa") {
		t.Errorf("working copy that cannot be read: %+v", unreadable)
	}
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("POST /try recorded %d entries", n)
	}
}

// A working copy is compiled once per revision: asked again with the same
// files it is the same compiled revision, and a broken one fails once.
func TestWorkingCopyCompiledOnce(t *testing.T) {
	ctx := context.Background()
	policies, _ := reloadtest.CopyTree(t, "..", "massa")
	s := &server{policies: policies}
	data := filepath.Join(policies, "enti", "massa", "data.yaml")
	reloadtest.Edit(t, data, "max_repeats: 2", "max_repeats: 3")
	first := s.workingCopyOf(ctx, "massa", nil)
	if first.err != nil {
		t.Fatal(first.err)
	}
	if again := s.workingCopyOf(ctx, "massa", nil); again.ent != first.ent || again.revision != first.revision {
		t.Error("the same files were compiled again")
	}
	if kept := s.revisions.kept(); !slices.Contains(kept, first.revision) {
		t.Errorf("revision cache %v lacks the working copy %s", kept, first.revision)
	}
	// The serving revision is used as it is when the files are its own.
	if same := s.workingCopyOf(ctx, "massa", first.ent); same.ent != first.ent {
		t.Error("the serving revision was not used for its own files")
	}

	reloadtest.Edit(t, data, "template: standard", "template: nessuno")
	broken := s.workingCopyOf(ctx, "massa", nil)
	if broken.err == nil || broken.revision == first.revision {
		t.Fatalf("broken working copy: %+v", broken)
	}
	if again := s.workingCopyOf(ctx, "massa", nil); again.err != broken.err {
		t.Errorf("the broken working copy was compiled again: %v, then %v", broken.err, again.err)
	}
	if none := (&server{}).workingCopyOf(ctx, "massa", nil); none.err != errNoPolicies {
		t.Errorf("without a policies folder: %v", none.err)
	}
}
