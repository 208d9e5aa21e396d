package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	ginjson "github.com/gin-gonic/gin/codec/json"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// loadEngine loads the real policies once for the whole package. Authors'
// histories come from the store a test puts in the request's context, so
// that one engine serves the tests of every store.
var loadEngine = sync.OnceValues(func() (*engine.Engine, error) {
	return engine.Load(context.Background(), "../policies", engine.WithHistory(historyFromContext{}))
})

func realEngine(tb testing.TB) *engine.Engine {
	tb.Helper()
	e, err := loadEngine()
	if err != nil {
		tb.Fatalf("load ../policies: %v", err)
	}
	return e
}

// historyKey holds the engine.HistorySource of a request in its context.
type historyKey struct{}

// historyFromContext is the history source of the shared engine: the one
// in the request's context, or none.
type historyFromContext struct{}

func (historyFromContext) History(ctx context.Context, q engine.HistoryQuery) (engine.History, error) {
	if h, ok := ctx.Value(historyKey{}).(engine.HistorySource); ok {
		return History(h).History(ctx, q)
	}
	return engine.History{}, nil
}

// countingDecider wraps a Decider and counts what reaches Evaluate.
type countingDecider struct {
	Decider
	decides atomic.Int64
}

func (d *countingDecider) Evaluate(ctx context.Context, r *engine.Request) (*engine.Evaluation, error) {
	d.decides.Add(1)
	return d.Decider.Evaluate(ctx, r)
}

// EvaluateWith counts what POST /try evaluates, as Evaluate does.
func (d *countingDecider) EvaluateWith(ctx context.Context, r *engine.Request, o engine.EvalOptions) (*engine.Evaluation, error) {
	d.decides.Add(1)
	if ev, ok := d.Decider.(tryEvaluator); ok {
		return ev.EvaluateWith(ctx, r, o)
	}
	return servingOnly{d.Decider}.EvaluateWith(ctx, r, o)
}

// memLog is an audit log in memory, enough of store.SQL and store.Batcher
// for the handlers: the API's tests need no database. Record fails with
// err when it is set.
type memLog struct {
	err     error
	pseudo  *store.Pseudonymizer
	records atomic.Int64 // calls of Record
	last    atomic.Pointer[store.Entry]

	mu        sync.Mutex
	byID      map[string]*store.Record
	byContent map[[3]string]*store.Record
	seq       map[string]int64
}

func newMemLog(err error) *memLog {
	return &memLog{
		err: err, pseudo: store.NewPseudonymizer([]byte("test key")),
		byID: map[string]*store.Record{}, byContent: map[[3]string]*store.Record{}, seq: map[string]int64{},
	}
}

func (m *memLog) Record(_ context.Context, e store.Entry) (store.Record, error) {
	m.records.Add(1)
	m.last.Store(&e)
	if m.err != nil {
		return store.Record{}, m.err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	key := [3]string{e.Ente, e.ContentID, e.Revision}
	if old, ok := m.byContent[key]; ok && e.ContentID != "" {
		dup := *old
		dup.Duplicate = true
		return dup, nil
	}
	m.seq[e.Ente]++
	r := &store.Record{Entry: e, Seq: m.seq[e.Ente], RecordedAt: time.Now()}
	m.byID[e.DecisionID] = r
	if e.ContentID != "" {
		m.byContent[key] = r
	}
	return *r, nil
}

func (m *memLog) Find(_ context.Context, ente, contentID, revision string) (*store.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.byContent[[3]string{ente, contentID, revision}]; ok {
		return r, nil
	}
	return nil, store.ErrNotFound
}

func (m *memLog) Get(_ context.Context, id string) (*store.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r, ok := m.byID[id]; ok {
		return r, nil
	}
	return nil, store.ErrNotFound
}

func (m *memLog) List(context.Context, store.Filter) ([]store.Record, string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]store.Record, 0, len(m.byID))
	for _, r := range m.byID {
		out = append(out, *r)
	}
	return out, "", nil
}

func (m *memLog) LiftBlock(context.Context, string, string, time.Time) (bool, error) {
	return false, nil
}
func (m *memLog) Pseudonymizer() *store.Pseudonymizer { return m.pseudo }

// testEnv is a router over a counting Decider and an audit log in memory,
// or a real store (see newStoreEnv).
type testEnv struct {
	tb      testing.TB // fails on an exchange off openapi.yaml; see serve
	router  *gin.Engine
	decider *countingDecider
	audit   *memLog
	ctx     context.Context // of every request; nil for the default
	log     *bytes.Buffer
}

type envOptions struct {
	decider   Decider // nil: the real engine
	recordErr error   // what the Recorder returns
	noStore   bool    // a server that keeps no audit log
}

func newEnv(tb testing.TB, o envOptions) *testEnv {
	tb.Helper()
	if o.decider == nil {
		o.decider = realEngine(tb)
	}
	env := &testEnv{tb: tb, decider: &countingDecider{Decider: o.decider}, audit: newMemLog(o.recordErr), log: &bytes.Buffer{}}
	opts := Options{Logger: env.logger()}
	if !o.noStore {
		opts.Store, opts.Recorder = env.audit, env.audit
	}
	env.router = New(env.decider, opts)
	return env
}

func (env *testEnv) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(&lockedWriter{w: env.log}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// observation is one status a route answered; the OpenAPI test checks
// that each is documented.
type observation struct {
	method, path string
	status       int
}

var observed = struct {
	sync.Mutex
	set map[observation]bool
}{set: map[observation]bool{}}

// httpCase is one request and what must come back.
type httpCase struct {
	name        string
	method      string // POST when empty
	path        string // /decide when empty
	contentType string // application/json when empty; "-" for none
	body        string
	chunked     bool // hide the length, as a streaming client does
	status      int
	problem     string   // the problem's slug; empty for a success
	fields      []string // invalid-request: the fields listed, in order
	check       func(t *testing.T, res *httptest.ResponseRecorder)
}

func (c httpCase) request() *http.Request {
	method, path := c.method, c.path
	if method == "" {
		method = http.MethodPost
	}
	if path == "" {
		path = "/decide"
	}
	var body io.Reader = strings.NewReader(c.body)
	if c.chunked {
		body = io.MultiReader(body) // not a type httptest can measure
	}
	req := httptest.NewRequest(method, path, body)
	switch c.contentType {
	case "":
		req.Header.Set("Content-Type", "application/json")
	case "-":
	default:
		req.Header.Set("Content-Type", c.contentType)
	}
	return req
}

// serve runs one request through the router, checks the exchange against
// openapi.yaml (failing env.tb) and notes its status.
func (env *testEnv) serve(req *http.Request) *httptest.ResponseRecorder {
	if env.tb == nil {
		panic("testEnv without tb: its answers would go unchecked against openapi.yaml")
	}
	return env.serveT(env.tb, req)
}

// serveT is serve that fails tb, the test at hand.
func (env *testEnv) serveT(tb testing.TB, req *http.Request) *httptest.ResponseRecorder {
	tb.Helper()
	if env.ctx != nil {
		req = req.WithContext(env.ctx)
	}
	res := serveChecked(tb, env.router, req)
	observed.Lock()
	observed.set[observation{req.Method, req.URL.Path, res.Code}] = true
	observed.Unlock()
	return res
}

// run serves c and checks status, media type, problem type and fields.
func (env *testEnv) run(t *testing.T, c httpCase) *httptest.ResponseRecorder {
	t.Helper()
	res := env.serveT(t, c.request())
	if res.Code != c.status {
		t.Fatalf("status %d, want %d; body %s", res.Code, c.status, res.Body)
	}
	if c.problem == "" {
		if c.check != nil {
			c.check(t, res)
		}
		return res
	}
	p := decodeProblem(t, res)
	if p.Type != "/problems/"+c.problem || p.Status != c.status || p.Title == "" {
		t.Errorf("problem %+v, want type /problems/%s status %d and a title", p, c.problem, c.status)
	}
	if c.fields != nil {
		var got []string
		for _, f := range p.Errors {
			got = append(got, f.Field)
			if f.Reason == "" {
				t.Errorf("field %q has no reason", f.Field)
			}
		}
		if !slices.Equal(got, c.fields) {
			t.Errorf("invalid fields %q, want %q (%+v)", got, c.fields, p.Errors)
		}
	}
	if c.check != nil {
		c.check(t, res)
	}
	return res
}

func decodeProblem(t *testing.T, res *httptest.ResponseRecorder) problem {
	t.Helper()
	if mt := mediaType(t, res); mt != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", mt)
	}
	var p problem
	if err := json.Unmarshal(res.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem body %s: %v", res.Body, err)
	}
	return p
}

func mediaType(t *testing.T, res *httptest.ResponseRecorder) string {
	t.Helper()
	mt, _, err := mime.ParseMediaType(res.Header().Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", res.Header().Get("Content-Type"), err)
	}
	return mt
}

func decodeDecision(t *testing.T, res *httptest.ResponseRecorder) engine.Decision {
	t.Helper()
	if mt := mediaType(t, res); mt != "application/json" {
		t.Fatalf("Content-Type %q, want application/json", mt)
	}
	var d engine.Decision
	if err := json.Unmarshal(res.Body.Bytes(), &d); err != nil {
		t.Fatalf("decision body %s: %v", res.Body, err)
	}
	return d
}

// comment is a Massa Facebook comment with text at now.
func comment(text, now string) string {
	b, _ := json.Marshal(map[string]any{
		"ente":    "massa",
		"channel": map[string]any{"platform": "facebook", "account": "comune.massa"},
		"content": map[string]any{"id": "123_456", "kind": "comment", "text": text},
		"author":  map[string]any{"id": "fb:998877", "name": "Mario Rossi"},
		"now":     now,
	})
	return string(b)
}

const monday = "2026-11-23T10:15:03+01:00" // staffed
const sunday = "2026-11-22T10:15:03+01:00" // not staffed

var goodRequest = httpCase{name: "good", body: comment("Grazie, buona giornata", monday), status: http.StatusOK}

// decideCases are requests the engine must decide.
var decideCases = []httpCase{
	{
		name: "insult is removed", body: comment("Sei uno stronzo", monday), status: http.StatusOK,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			d := decodeDecision(t, res)
			if d.Outcome != "remove" {
				t.Errorf("outcome %q, want remove", d.Outcome)
			}
			if len(d.Violations) == 0 || d.Violations[0].Clause.Section == "" {
				t.Errorf("want a violation citing its section, got %+v", d.Violations)
			}
			if !d.Review.StaffedNow {
				t.Errorf("Monday 10:15 is staffed in Massa: %+v", d.Review)
			}
		},
	},
	{
		name: "polite comment is allowed", body: comment("Grazie per l'informazione, buona giornata", monday), status: http.StatusOK,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			d := decodeDecision(t, res)
			if d.Outcome != "allow" || len(d.Violations) != 0 {
				t.Errorf("outcome %q violations %+v, want allow and none", d.Outcome, d.Violations)
			}
		},
	},
	{
		name: "sunday is not staffed", body: comment("Quando riapre la biblioteca?", sunday), status: http.StatusOK,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			d := decodeDecision(t, res)
			if d.Review.StaffedNow {
				t.Errorf("staffed_now true on a Sunday: %+v", d.Review)
			}
			if !strings.Contains(d.Explanation, "a partire da") {
				t.Errorf("explanation does not say when staff will look: %q", d.Explanation)
			}
		},
	},
	{
		name: "charset utf-8 is accepted", contentType: "application/json; charset=UTF-8",
		body: comment("Grazie", monday), status: http.StatusOK,
	},
	{
		name: "empty text with media", status: http.StatusOK,
		body: `{"ente":"massa","channel":{"platform":"instagram"},"content":{"kind":"comment","text":"","media":[{"type":"image"}]}}`,
	},
	{
		name: "body of exactly 64 KiB is read", status: http.StatusUnprocessableEntity, problem: probInvalidRequest,
		body: padTo(comment(strings.Repeat("a", 20001), monday), MaxBodyBytes), fields: []string{"content.text"},
	},
}

// padTo fills a JSON object with spaces before its closing brace up to n bytes.
func padTo(obj string, n int) string {
	return obj[:len(obj)-1] + strings.Repeat(" ", n-len(obj)) + "}"
}

func TestDecide(t *testing.T) {
	for _, c := range decideCases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, envOptions{})
			res := env.run(t, c)
			if c.status != http.StatusOK {
				return
			}
			if n, m := env.decider.decides.Load(), env.audit.records.Load(); n != 1 || m != 1 {
				t.Fatalf("decided %d and recorded %d times, want once each", n, m)
			}
			if rec, got := env.audit.last.Load(), decodeDecision(t, res); rec.DecisionID != got.DecisionID {
				t.Errorf("answered decision %s, recorded %s", got.DecisionID, rec.DecisionID)
			}
		})
	}
}

// rejectCases are bad requests: a problem, and nothing decided or recorded.
var rejectCases = []httpCase{
	{name: "syntax error", body: `{"ente": massa}`, status: 400, problem: probMalformedJSON,
		check: detailHas("byte offset 9")},
	{name: "truncated JSON", body: `{"ente": "massa",`, status: 400, problem: probMalformedJSON,
		check: detailHas("byte offset 17")},
	{name: "empty body", body: ``, status: 400, problem: probMalformedJSON, check: detailHas("empty")},
	{name: "blank body", body: " \n\t ", status: 400, problem: probMalformedJSON, check: detailHas("empty")},
	{name: "trailing garbage", body: comment("Grazie", monday) + ` xyz`, status: 400, problem: probMalformedJSON,
		check: detailHas(fmt.Sprintf("byte offset %d", len(comment("Grazie", monday))+1))},
	{name: "two objects", body: comment("a", monday) + comment("b", monday), status: 400, problem: probMalformedJSON,
		check: detailHas("after the JSON object")},
	{name: "text of the wrong type", body: `{"content":{"text":5}}`, status: 422, problem: probInvalidRequest,
		fields: []string{"content.text", "ente", "channel.platform", "content.kind"}},
	{name: "signal of the wrong type", status: 422, problem: probInvalidRequest, fields: []string{"signals.toxicity"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"signals":{"spam":0.1,"toxicity":"high"}}`},
	{name: "media type of the wrong type", status: 422, problem: probInvalidRequest, fields: []string{"content.media[1].type"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a","media":[{"type":"image"},{"type":5}]}}`},
	{name: "object of the wrong type", status: 422, problem: probInvalidRequest, fields: []string{"content", "ente", "channel.platform"},
		body: `{"content":"testo"}`},
	{name: "array instead of object", status: 422, problem: probInvalidRequest, fields: []string{"channel"},
		body: `{"ente":"massa","channel":[],"content":{"kind":"comment","text":"a"}}`},
	{name: "anonymous not boolean", status: 422, problem: probInvalidRequest, fields: []string{"author.anonymous"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"author":{"anonymous":"yes"}}`},
	{name: "number out of range", status: 422, problem: probInvalidRequest, fields: []string{"signals.toxicity"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"signals":{"toxicity":1e400}}`},
	{name: "body is an array", body: `[]`, status: 422, problem: probInvalidRequest, fields: []string{""}},
	{name: "body is null", body: `null`, status: 422, problem: probInvalidRequest, fields: []string{""}},
	{name: "missing required fields", body: `{}`, status: 422, problem: probInvalidRequest,
		fields: []string{"ente", "channel.platform", "content.kind", "content.text"}},
	{name: "invalid enums", status: 422, problem: probInvalidRequest,
		fields: []string{"channel.platform", "content.kind", "content.media[0].type", "author.role"},
		body:   `{"ente":"massa","channel":{"platform":"myspace"},"content":{"kind":"tweet","text":"a","media":[{"type":"gif"}]},"author":{"role":"king"}}`},
	{name: "invalid ente id", status: 422, problem: probInvalidRequest, fields: []string{"ente"},
		body: `{"ente":"Massa!","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"}}`},
	{name: "signal above 1", status: 422, problem: probInvalidRequest, fields: []string{"signals.toxicity"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"signals":{"toxicity":1.5}}`},
	{name: "signal below 0", status: 422, problem: probInvalidRequest, fields: []string{"signals.spam"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"signals":{"spam":-0.1}}`},
	{name: "bad time", status: 422, problem: probInvalidRequest, fields: []string{"now"},
		body: `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"now":"domani"}`},
	{name: "text too long", body: comment(strings.Repeat("è", engine.MaxTextRunes+1), monday), status: 422,
		problem: probInvalidRequest, fields: []string{"content.text"}},
	{name: "unknown ente", status: 404, problem: probUnknownEnte,
		body: `{"ente":"atlantide","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"}}`,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			p := decodeProblem(t, res)
			if p.Ente != "atlantide" || !slices.Contains(p.Known, "massa") {
				t.Errorf("ente %q known %q, want atlantide and a list with massa", p.Ente, p.Known)
			}
		}},
	{name: "body over 64 KiB", body: padTo(comment("a", monday), MaxBodyBytes+1), status: 413, problem: probBodyTooLarge,
		check: detailHas("Content-Length")},
	{name: "body over 64 KiB without length", body: padTo(comment("a", monday), MaxBodyBytes+1), chunked: true,
		status: 413, problem: probBodyTooLarge},
	{name: "text/plain", contentType: "text/plain", body: comment("a", monday), status: 415, problem: probUnsupportedMedia},
	{name: "no content type", contentType: "-", body: comment("a", monday), status: 415, problem: probUnsupportedMedia},
	{name: "latin-1 charset", contentType: "application/json; charset=iso-8859-1", body: comment("a", monday),
		status: 415, problem: probUnsupportedMedia},
	{name: "json look-alike", contentType: "application/jsonx", body: comment("a", monday), status: 415, problem: probUnsupportedMedia},
	{name: "unknown route", method: "GET", path: "/decisioni", status: 404, problem: probNotFound},
	{name: "trailing slash", path: "/decide/", body: comment("a", monday), status: 404, problem: probNotFound},
	{name: "wrong method", method: "GET", path: "/decide", status: 405, problem: probMethodNotAllowed,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			if got := res.Header().Get("Allow"); got != "POST" {
				t.Errorf("Allow %q, want POST", got)
			}
		}},
	{name: "wrong method on healthz", method: "DELETE", path: "/healthz", status: 405, problem: probMethodNotAllowed},
}

func detailHas(s string) func(*testing.T, *httptest.ResponseRecorder) {
	return func(t *testing.T, res *httptest.ResponseRecorder) {
		t.Helper()
		if p := decodeProblem(t, res); !strings.Contains(p.Detail, s) {
			t.Errorf("detail %q does not say %q", p.Detail, s)
		}
	}
}

func TestReject(t *testing.T) {
	for _, c := range rejectCases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, envOptions{})
			env.run(t, c)
			if n, m := env.decider.decides.Load(), env.audit.records.Load(); n != 0 || m != 0 {
				t.Fatalf("a rejected request was decided %d and recorded %d times", n, m)
			}
			env.run(t, goodRequest)
			if n, m := env.decider.decides.Load(), env.audit.records.Load(); n != 1 || m != 1 {
				t.Fatalf("the next good request was decided %d and recorded %d times, want once", n, m)
			}
		})
	}
}

// stubDecider serves one ente and answers Evaluate with decide.
type stubDecider struct {
	enti   []*engine.Ente
	failed map[string]error
	decide func() (*engine.Decision, error)
}

func (s *stubDecider) Ente(id string) (*engine.Ente, error) {
	for _, e := range s.enti {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, &engine.UnknownEnteError{Ente: id, Known: []string{}}
}

func (s *stubDecider) Evaluate(_ context.Context, r *engine.Request) (*engine.Evaluation, error) {
	d, err := s.decide()
	if err != nil {
		return nil, err
	}
	return &engine.Evaluation{Decision: d, Request: r}, nil
}
func (s *stubDecider) Enti() []*engine.Ente     { return s.enti }
func (s *stubDecider) Failed() map[string]error { return s.failed }

var massaStub = []*engine.Ente{{ID: "massa", Name: "Comune di Massa", Revision: "sha256:00"}}

// failureCases need a Decider or Recorder that fails.
var failureCases = []struct {
	httpCase
	opts envOptions
	log  string // must be in the log, and not in the response
}{
	{
		httpCase: httpCase{name: "recorder fails", body: comment("Sei uno stronzo", monday), status: 503, problem: probRecordingFailed,
			check: func(t *testing.T, res *httptest.ResponseRecorder) {
				for _, leak := range []string{"decision_id", "outcome", "disk full"} {
					if strings.Contains(res.Body.String(), leak) {
						t.Errorf("an unrecorded decision leaks %q: %s", leak, res.Body)
					}
				}
			}},
		opts: envOptions{recordErr: errors.New("disk full")},
		log:  "disk full",
	},
	{
		httpCase: httpCase{name: "policy gives no decision", body: comment("a", monday), status: 500, problem: probPolicyError,
			check: func(t *testing.T, res *httptest.ResponseRecorder) {
				if p := decodeProblem(t, res); p.Ente != "massa" || p.Revision != "sha256:00" || strings.Contains(res.Body.String(), "boh") {
					t.Errorf("problem %s, want ente massa and revision sha256:00 without the policy's message", res.Body)
				}
			}},
		opts: envOptions{decider: &stubDecider{enti: massaStub, decide: func() (*engine.Decision, error) {
			return nil, &engine.PolicyError{Ente: "massa", Revision: "sha256:00", Err: errors.New(`decision.outcome "boh" is not one of [allow]`)}
		}}},
		log: "boh",
	},
	{
		httpCase: httpCase{name: "evaluation fails", body: comment("a", monday), status: 500, problem: probInternal,
			check: func(t *testing.T, res *httptest.ResponseRecorder) {
				if strings.Contains(res.Body.String(), "tmp") {
					t.Errorf("the problem shows the cause: %s", res.Body)
				}
			}},
		opts: envOptions{decider: &stubDecider{enti: massaStub, decide: func() (*engine.Decision, error) {
			return nil, errors.New("evaluate massa: open /tmp/x: no space left")
		}}},
		log: "no space left",
	},
	{
		httpCase: httpCase{name: "decision cannot be encoded", body: comment("a", monday), status: 500, problem: probInternal},
		opts: envOptions{decider: &stubDecider{enti: massaStub, decide: func() (*engine.Decision, error) {
			return &engine.Decision{Violations: []engine.Violation{{Evidence: []map[string]any{{"score": math.NaN()}}}}}, nil
		}}},
		log: "unsupported value",
	},
	{
		httpCase: httpCase{name: "decider panics", body: comment("a", monday), status: 500, problem: probInternal,
			check: func(t *testing.T, res *httptest.ResponseRecorder) {
				if strings.Contains(res.Body.String(), "secret") {
					t.Errorf("panic text leaks: %s", res.Body)
				}
			}},
		opts: envOptions{decider: &stubDecider{enti: massaStub, decide: func() (*engine.Decision, error) {
			panic("secret internals")
		}}},
		log: "secret internals",
	},
}

func TestFailures(t *testing.T) {
	for _, c := range failureCases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, c.opts)
			env.run(t, c.httpCase)
			if !strings.Contains(env.log.String(), c.log) {
				t.Errorf("log does not hold the cause %q:\n%s", c.log, env.log)
			}
			if c.problem == probInternal && env.audit.records.Load() != 0 {
				t.Errorf("a failed decision was recorded")
			}
		})
	}
}

// operationCases cover the endpoints other than /decide.
var operationCases = []httpCase{
	{name: "healthz", method: "GET", path: "/healthz", status: 200, check: bodyIs(`{"status":"ok"}`)},
	{name: "readyz", method: "GET", path: "/readyz", status: 200,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			var r struct {
				Status string       `json:"status"`
				Loaded []string     `json:"loaded"`
				Failed []failedEnte `json:"failed"`
			}
			decodeJSON(t, res, &r)
			if r.Status != "ready" || !slices.Contains(r.Loaded, "massa") || r.Failed == nil {
				t.Errorf("readyz %+v, want ready with massa loaded and a failed list", r)
			}
		}},
	{name: "enti", method: "GET", path: "/enti", status: 200,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			var r struct {
				Enti   []enteInfo   `json:"enti"`
				Failed []failedEnte `json:"failed"`
			}
			decodeJSON(t, res, &r)
			i := slices.IndexFunc(r.Enti, func(e enteInfo) bool { return e.ID == "massa" })
			if i < 0 || r.Enti[i].Name == "" || !strings.HasPrefix(r.Enti[i].Revision, "sha256:") || r.Failed == nil {
				t.Errorf("enti %+v", r)
			}
			if !slices.IsSortedFunc(r.Enti, func(a, b enteInfo) int { return strings.Compare(a.ID, b.ID) }) {
				t.Errorf("enti not sorted by id: %+v", r.Enti)
			}
		}},
	{name: "openapi", method: "GET", path: "/openapi.yaml", status: 200,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			if mediaType(t, res) != "application/yaml" || !bytes.Equal(res.Body.Bytes(), openAPISpec) {
				t.Errorf("openapi.yaml served as %q, %d bytes", res.Header().Get("Content-Type"), res.Body.Len())
			}
		}},
	{name: "problem type", method: "GET", path: "/problems/unknown-ente", status: 200,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			var r map[string]any
			decodeJSON(t, res, &r)
			if r["type"] != "/problems/unknown-ente" || r["status"] != 404.0 || r["description"] == "" {
				t.Errorf("problem type %v", r)
			}
		}},
	{name: "unknown problem type", method: "GET", path: "/problems/boh", status: 404, problem: probNotFound},
}

func bodyIs(want string) func(*testing.T, *httptest.ResponseRecorder) {
	return func(t *testing.T, res *httptest.ResponseRecorder) {
		t.Helper()
		if got := res.Body.String(); got != want {
			t.Errorf("body %s, want %s", got, want)
		}
	}
}

func decodeJSON(t *testing.T, res *httptest.ResponseRecorder, v any) {
	t.Helper()
	if mt := mediaType(t, res); mt != "application/json" {
		t.Fatalf("Content-Type %q, want application/json", mt)
	}
	if err := json.Unmarshal(res.Body.Bytes(), v); err != nil {
		t.Fatalf("body %s: %v", res.Body, err)
	}
}

func TestOperations(t *testing.T) {
	env := newEnv(t, envOptions{})
	for _, c := range operationCases {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
	t.Run("every problem type resolves", func(t *testing.T) {
		for slug, pt := range problemTypes {
			env.run(t, httpCase{method: "GET", path: "/problems/" + slug, status: 200, check: func(t *testing.T, res *httptest.ResponseRecorder) {
				var r problemType
				decodeJSON(t, res, &r)
				if r != pt {
					t.Errorf("%s: %+v, want %+v", slug, r, pt)
				}
			}})
		}
	})
}

// notReadyCase is readyz with no ente loaded.
var notReadyCase = struct {
	httpCase
	opts envOptions
}{
	httpCase: httpCase{name: "not ready", method: "GET", path: "/readyz", status: 503, problem: probNotReady,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			p := decodeProblem(t, res)
			if len(p.Failed) != 1 || p.Failed[0].ID != "tradate" || !strings.Contains(p.Failed[0].Error, "parse") {
				t.Errorf("failed %+v, want tradate and its error", p.Failed)
			}
		}},
	opts: envOptions{decider: &stubDecider{failed: map[string]error{"tradate": errors.New("parse error")}}},
}

func TestNotReady(t *testing.T) {
	newEnv(t, notReadyCase.opts).run(t, notReadyCase.httpCase)
}

// TestConcurrent runs good and bad requests at once, for the race detector.
func TestConcurrent(t *testing.T) {
	env := newEnv(t, envOptions{})
	cases := append(slices.Clone(decideCases[:3]), rejectCases[:8]...)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, c := range cases[i%len(cases):] {
				if res := env.serve(c.request()); res.Code != c.status {
					t.Errorf("%s: status %d, want %d", c.name, res.Code, c.status)
				}
			}
		})
	}
	wg.Wait()
}

func TestValuePathAt(t *testing.T) {
	for _, c := range []struct {
		body, want string
	}{
		{`{"a":{"b":[{"c":1},{"c":"x"}]}}`, "a.b[1].c"},
		{`{"signals":{"spam":0.1,"toxicity":"x"}}`, "signals.toxicity"},
		{`{"a":{"b":[]},"content":{"media":[{"type":[]}]}}`, "content.media[0].type"},
		{`{"a":{"b":[{"c":{}}]}}`, "a.b[0].c"},
		{`[]`, ""},
	} {
		var target struct {
			A       struct{ B []struct{ C int } } `json:"a"`
			Signals map[string]float64            `json:"signals"`
			Content struct {
				Media []struct {
					Type string `json:"type"`
				} `json:"media"`
			} `json:"content"`
		}
		var e *json.UnmarshalTypeError
		if err := json.Unmarshal([]byte(c.body), &target); !errors.As(err, &e) {
			t.Fatalf("%s: want a type error, got %v", c.body, err)
		}
		if got, ok := valuePathAt([]byte(c.body), e.Offset); !ok || got != c.want {
			t.Errorf("%s: path %q %v, want %q", c.body, got, ok, c.want)
		}
	}
}

// TestJSONCodec guards the error mapping: it relies on encoding/json's
// error types, which Gin's jsoniter, go_json and sonic build tags replace.
func TestJSONCodec(t *testing.T) {
	if ginjson.Package != "encoding/json" {
		t.Fatalf("Gin decodes with %s; the error mapping of bindRequest expects encoding/json", ginjson.Package)
	}
}

func BenchmarkDecideHTTP(b *testing.B) {
	e := realEngine(b)
	h := New(e, Options{Logger: slog.New(slog.DiscardHandler)})
	body := []byte(`{"ente":"massa","channel":{"platform":"facebook","account":"comune.massa"},` +
		`"content":{"id":"123_456","kind":"comment","text":"Sei uno stronzo, il sindaco non fa niente per via Roma",` +
		`"created_at":"2026-11-23T10:15:00+01:00","thread":{"id":"123","text":"Lavori in via Roma da lunedì"}},` +
		`"author":{"id":"fb:998877","name":"Mario Rossi","role":"citizen"},"signals":{"toxicity":0.91},` +
		`"now":"2026-11-23T10:15:03+01:00"}`)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/decide", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res := httptest.NewRecorder()
		h.ServeHTTP(res, req)
		if res.Code != http.StatusOK {
			b.Fatalf("status %d: %s", res.Code, res.Body)
		}
	}
}
