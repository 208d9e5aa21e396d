package meta_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

const (
	massaPage  = "100000000000001"
	massaIG    = "17800000000000001"
	appSecret  = "segreto-di-prova-dell-app"
	pageToken  = "EAAB-token-di-prova-massa"
	verifyWord = "parola-di-verifica"
)

// t0 is a Monday morning when Massa's office is staffed.
var t0 = time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)

// fakeGraph is an in-process Graph API: it records every call and answers
// what the test queues for a path, 200 {"success":true} otherwise.
type fakeGraph struct {
	*httptest.Server
	mu      sync.Mutex
	calls   []graphCall
	answers map[string][]answer // by "METHOD /path"
}

type graphCall struct {
	Method, Path, Auth string
	Form               map[string]string
}

type answer struct {
	status int
	body   string
}

func newFakeGraph(t *testing.T) *fakeGraph {
	g := &fakeGraph{answers: map[string][]answer{}}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		form := map[string]string{}
		for k := range r.Form {
			form[k] = r.Form.Get(k)
		}
		g.mu.Lock()
		g.calls = append(g.calls, graphCall{r.Method, strings.TrimPrefix(r.URL.Path, "/v21.0"), r.Header.Get("Authorization"), form})
		key := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/v21.0")
		a := answer{200, `{"success":true}`}
		if q := g.answers[key]; len(q) > 0 {
			a, g.answers[key] = q[0], q[1:]
		}
		g.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *fakeGraph) answer(method, path string, status int, body string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.answers[method+" "+path] = append(g.answers[method+" "+path], answer{status, body})
}

// got is the calls that act (not the reads of a thread's text).
func (g *fakeGraph) got() []graphCall { return g.filter(false) }

// reads is the GET calls.
func (g *fakeGraph) reads() []graphCall { return g.filter(true) }

func (g *fakeGraph) filter(reads bool) []graphCall {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []graphCall
	for _, c := range g.calls {
		if (c.Method == http.MethodGet) == reads {
			out = append(out, c)
		}
	}
	return out
}

// The engine is loaded once; its history reads the store of the test
// running (tests here do not run in parallel).
var (
	loadOnce sync.Once
	eng      *engine.Engine
	loadErr  error
	current  swapHistory
)

type swapHistory struct {
	mu  sync.Mutex
	log record.Log
}

func (h *swapHistory) History(ctx context.Context, q engine.HistoryQuery) (engine.History, error) {
	h.mu.Lock()
	l := h.log
	h.mu.Unlock()
	return record.History(l).History(ctx, q)
}

// env is one test's store, fake Graph API, connector and clock.
type env struct {
	t     *testing.T
	path  string
	st    *store.SQL
	graph *fakeGraph
	conn  *meta.Connector
	now   time.Time
}

func newEnv(t *testing.T, auto ...string) *env {
	t.Helper()
	loadOnce.Do(func() {
		eng, loadErr = engine.Load(context.Background(), "../../../policies", engine.WithHistory(&current))
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	e := &env{t: t, path: filepath.Join(t.TempDir(), "galateo.db"), graph: newFakeGraph(t), now: t0.Add(time.Minute)}
	e.open()
	t.Setenv("TEST_META_SECRET", appSecret)
	t.Setenv("TEST_META_VERIFY", verifyWord)
	t.Setenv("TEST_META_TOKEN", pageToken)
	conn, err := meta.New(meta.Config{
		GraphURL:    e.graph.URL + "/v21.0",
		AppSecret:   meta.Secret{Env: "TEST_META_SECRET"},
		VerifyToken: meta.Secret{Env: "TEST_META_VERIFY"},
		Enti: map[string]meta.EnteConfig{"massa": {Auto: auto, Accounts: []meta.Account{
			{ID: massaPage, Platform: "facebook", Name: "comune.massa", Token: meta.Secret{Env: "TEST_META_TOKEN"}},
			{ID: massaIG, Platform: "instagram", Name: "comunedimassa", PageID: massaPage, Token: meta.Secret{Env: "TEST_META_TOKEN"}},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	e.conn = conn
	return e
}

// open opens the store on the test's database, as a restarted server would.
func (e *env) open() {
	st, err := store.Open(context.Background(), "sqlite:"+e.path, store.Options{Key: []byte("chiave dei pseudonimi di prova")})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { st.Close() })
	e.st = st
	current.mu.Lock()
	current.log = st
	current.mu.Unlock()
}

func (e *env) worker() *meta.Worker {
	b := store.NewBatcher(e.st, 0)
	e.t.Cleanup(b.Close)
	return &meta.Worker{
		Conn: e.conn, Store: e.st, Decide: &record.Service{Engine: eng, Store: e.st, Recorder: b}, Chain: b,
		Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return e.now },
		Backoff: time.Minute, MaxAttempts: 3, ReviewPoll: 10 * time.Second,
	}
}

// receive stores a delivery as the webhook handler does.
func (e *env) receive(body []byte) meta.Receipt {
	e.t.Helper()
	rec, err := e.conn.Receive(context.Background(), e.st, slog.New(slog.DiscardHandler), body, e.now)
	if err != nil {
		e.t.Fatal(err)
	}
	return rec
}

func (e *env) drain(w *meta.Worker) {
	e.t.Helper()
	if _, err := w.Drain(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) delivery(object string) store.Delivery {
	e.t.Helper()
	all, err := e.st.Deliveries(context.Background(), store.DeliveryFilter{Limit: 500})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, d := range all {
		if d.ObjectID == object {
			return d
		}
	}
	e.t.Fatalf("no delivery of %s", object)
	return store.Delivery{}
}

// feedComment is a Page feed delivery of one comment, as Meta documents it.
func feedComment(page, commentID, verb, text string) []byte {
	body, _ := json.Marshal(map[string]any{
		"object": "page",
		"entry": []any{map[string]any{"id": page, "time": t0.Unix(), "changes": []any{map[string]any{
			"field": "feed",
			"value": map[string]any{
				"item": "comment", "verb": verb, "comment_id": commentID, "post_id": page + "_4411",
				"parent_id": page + "_4411", "message": text, "created_time": t0.Add(-3 * time.Minute).Unix(),
				"from": map[string]any{"id": "100061243", "name": "Sara Pucciarelli"},
			},
		}}}},
	})
	return body
}

const insult = "Marco, sei proprio uno stronzo: i lavori in viale Roma servivano da anni e tu ti lamenti sempre."

func TestSignature(t *testing.T) {
	e := newEnv(t)
	body := feedComment(massaPage, "c1", "add", "grazie")
	if !e.conn.Authentic(body, meta.Sign([]byte(appSecret), body)) {
		t.Error("Meta's signature refused")
	}
	for name, sig := range map[string]string{
		"none": "", "another secret": meta.Sign([]byte("altro"), body), "sha1": "sha1=" + strings.Repeat("0", 40),
		"not hex": "sha256=zz", "of another body": meta.Sign([]byte(appSecret), append(body, ' ')),
	} {
		if e.conn.Authentic(body, sig) {
			t.Errorf("signature %s accepted", name)
		}
	}
	if !e.conn.VerifyToken(verifyWord) || e.conn.VerifyToken("altra") || e.conn.VerifyToken("") {
		t.Error("verify token compared wrong")
	}
}

func TestInsultIsRemovedWithARecordedDecision(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	e.graph.answer(http.MethodGet, "/"+massaPage+"_4411", 200, `{"message":"Da lunedì lavori in viale Roma","id":"`+massaPage+`_4411"}`)
	if rec := e.receive(feedComment(massaPage, massaPage+"_4411_c101", "add", insult)); rec.Added != 1 || rec.Changes != 1 {
		t.Fatalf("receipt %+v", rec)
	}
	e.drain(e.worker())
	d := e.delivery(massaPage + "_4411_c101")
	if d.State != store.DeliveryDone || d.DecisionID == "" {
		t.Fatalf("delivery %s, decision %q, error %q", d.State, d.DecisionID, d.LastError)
	}
	calls := e.graph.got()
	if len(calls) != 1 || calls[0].Method != http.MethodDelete || calls[0].Path != "/"+massaPage+"_4411_c101" || calls[0].Auth != "Bearer "+pageToken {
		t.Fatalf("graph calls %+v", calls)
	}
	// The post it answers was read for the policy's thread facts.
	if reads := e.graph.reads(); len(reads) != 1 || reads[0].Path != "/"+massaPage+"_4411" || reads[0].Form["fields"] != "message" {
		t.Errorf("reads %+v", reads)
	}
	rec, err := e.st.Get(context.Background(), d.DecisionID)
	if err != nil || rec.Outcome != "remove" || rec.Ente != "massa" || rec.Platform != "facebook" {
		t.Fatalf("recorded decision %+v, %v", rec, err)
	}
	if !strings.Contains(string(rec.Input), "Da lunedì lavori in viale Roma") {
		t.Errorf("the thread's text is not in the evaluated input: %s", rec.Input)
	}
	var results []meta.Result
	if err := json.Unmarshal(d.Results, &results); err != nil || len(results) != 1 || results[0].Status != 200 || results[0].Action != "remove" {
		t.Errorf("results %s, %v", d.Results, err)
	}
	if strings.Contains(string(d.Results), pageToken) || strings.Contains(string(d.Request), pageToken) {
		t.Error("the page token is in the outbox")
	}
	// What was carried out is a record of the chain settling the decision.
	e.checkActionRecord(d.DecisionID, "remove")
}

// checkActionRecord wants one action record settling the decision, with
// its Graph answers, in a chain that verifies.
func (e *env) checkActionRecord(decisionID, outcome string) {
	e.t.Helper()
	recs, err := e.st.Settlements(context.Background(), decisionID)
	if err != nil {
		e.t.Fatal(err)
	}
	var actions []store.Record
	for _, r := range recs {
		if r.Kind == store.KindAction {
			actions = append(actions, r)
		}
	}
	if len(actions) != 1 || actions[0].Outcome != outcome || !strings.Contains(string(actions[0].Decision), `"status":200`) ||
		strings.Contains(string(actions[0].Decision), pageToken) {
		e.t.Fatalf("action records %+v", actions)
	}
	if rep, err := e.st.Verify(context.Background(), "massa"); err != nil || len(rep.Problems) != 0 {
		e.t.Fatalf("verify: %+v, %v", rep, err)
	}
}

func TestHideWhenOnlyHidingIsAutomatic(t *testing.T) {
	// Massa removes insults; an ente that lets the connector hide only
	// leaves removals to a person.
	e := newEnv(t, "hide")
	e.receive(feedComment(massaPage, "c1", "add", insult))
	e.drain(e.worker())
	if d := e.delivery("c1"); d.State != store.DeliveryWaitingReview || len(e.graph.got()) != 0 {
		t.Fatalf("delivery %s with %d calls; want waiting_review and none", d.State, len(e.graph.got()))
	}
}

func TestPoliteCommentIsLeftAlone(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	e.receive(feedComment(massaPage, "c2", "add", "Grazie per l'aggiornamento, finalmente si rifà l'asfalto in viale Roma."))
	e.drain(e.worker())
	d := e.delivery("c2")
	if d.State != store.DeliveryDone || d.DecisionID == "" || len(e.graph.got()) != 0 {
		t.Fatalf("delivery %s (%s), calls %+v", d.State, d.LastError, e.graph.got())
	}
	if rec, err := e.st.Get(context.Background(), d.DecisionID); err != nil || rec.Outcome != "allow" {
		t.Fatalf("recorded %+v, %v", rec, err)
	}
}

func TestReviewIsActedOnOnlyAfterTheResolution(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	e.receive(feedComment(massaPage, "c3", "add", "Siete dei buffoni, viale Roma chiuso proprio sotto Natale"))
	w := e.worker()
	e.drain(w)
	d := e.delivery("c3")
	if d.State != store.DeliveryWaitingReview || d.DecisionID == "" {
		t.Fatalf("delivery %s (%s)", d.State, d.LastError)
	}
	e.now = e.now.Add(time.Minute)
	e.drain(w)
	if calls := e.graph.got(); len(calls) != 0 {
		t.Fatalf("acted before the resolution: %+v", calls)
	}
	rs := &review.Service{Store: e.st, Judge: eng}
	if _, _, err := rs.Resolve(context.Background(), d.DecisionID, "revisore", review.Resolution{Outcome: "hide", Reason: "offende il personale"}); err != nil {
		t.Fatal(err)
	}
	e.now = e.now.Add(time.Minute)
	e.drain(w)
	calls := e.graph.got()
	if len(calls) != 1 || calls[0].Method != http.MethodPost || calls[0].Path != "/c3" || calls[0].Form["is_hidden"] != "true" {
		t.Fatalf("calls %+v", calls)
	}
	if d := e.delivery("c3"); d.State != store.DeliveryDone {
		t.Errorf("delivery %s (%s)", d.State, d.LastError)
	}
	e.checkActionRecord(d.DecisionID, "hide")
}

func TestRedeliveryActsOnce(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	body := feedComment(massaPage, "c4", "add", insult)
	if rec := e.receive(body); rec.Added != 1 {
		t.Fatalf("first %+v", rec)
	}
	if rec := e.receive(body); rec.Added != 0 {
		t.Fatalf("redelivery added %+v", rec)
	}
	w := e.worker()
	e.drain(w)
	e.receive(body) // after it was acted on
	e.drain(w)
	if calls := e.graph.got(); len(calls) != 1 {
		t.Fatalf("calls %+v; want one", calls)
	}
	// An edit is a new revision of the content, decided again.
	if rec := e.receive(feedComment(massaPage, "c4", "edited", "Ho sbagliato, scusate: i lavori servivano.")); rec.Added != 1 {
		t.Fatalf("edit %+v", rec)
	}
	e.drain(w)
	all, _ := e.st.Deliveries(context.Background(), store.DeliveryFilter{})
	if len(all) != 2 || all[0].DecisionID == all[1].DecisionID {
		t.Fatalf("deliveries %+v", all)
	}
}

func TestUnknownPageIsIgnored(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	rec := e.receive(feedComment("999", "c5", "add", insult))
	if rec.Ignored != 1 || rec.Added != 1 {
		t.Fatalf("receipt %+v", rec)
	}
	e.drain(e.worker())
	d := e.delivery("c5")
	if d.State != store.DeliveryIgnored || d.DecisionID != "" || strings.Contains(string(d.Request), "stronzo") {
		t.Fatalf("delivery %+v", d)
	}
	if _, err := e.conn.Receive(context.Background(), e.st, slog.New(slog.DiscardHandler), []byte(`{"object":"user"}`), e.now); err == nil {
		t.Error("an object not page or instagram was accepted")
	}
}

func TestInstagramComment(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	body, _ := json.Marshal(map[string]any{"object": "instagram", "entry": []any{map[string]any{
		"id": massaIG, "time": t0.Unix(), "changes": []any{map[string]any{"field": "comments", "value": map[string]any{
			"id": "ig-c1", "text": insult, "from": map[string]any{"id": "555", "username": "sara.p"}, "media": map[string]any{"id": "m1"},
		}}},
	}}})
	e.receive(body)
	e.drain(e.worker())
	d := e.delivery("ig-c1")
	calls := e.graph.got()
	if d.State != store.DeliveryDone || len(calls) != 1 || calls[0].Method != http.MethodDelete || calls[0].Path != "/ig-c1" {
		t.Fatalf("delivery %s (%s), calls %+v", d.State, d.LastError, calls)
	}
	var req engine.Request
	if err := json.Unmarshal(d.Request, &req); err != nil || req.Channel.Platform != "instagram" || req.Author.ID != "ig:555" || req.Ente != "massa" {
		t.Errorf("request %s", d.Request)
	}
}

func TestGraphErrors(t *testing.T) {
	const (
		rateLimit = `{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4}}`
		expired   = `{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190}}`
		gone      = `{"error":{"message":"Unsupported delete request. Object with ID 'c' does not exist","type":"GraphMethodException","code":100}}`
	)
	t.Run("rate limit, then success", func(t *testing.T) {
		e := newEnv(t, "hide", "remove")
		e.graph.answer(http.MethodDelete, "/c6", 400, rateLimit)
		e.receive(feedComment(massaPage, "c6", "add", insult))
		w := e.worker()
		e.drain(w)
		d := e.delivery("c6")
		if d.State != store.DeliveryDecided || d.Attempts != 1 || !d.NextAttemptAt.After(e.now) {
			t.Fatalf("after the rate limit: %s, attempts %d, next %v (%s)", d.State, d.Attempts, d.NextAttemptAt, d.LastError)
		}
		e.drain(w) // not yet due
		if n := len(e.graph.got()); n != 1 {
			t.Fatalf("%d calls before the backoff ended", n)
		}
		e.now = d.NextAttemptAt
		e.drain(w)
		if d := e.delivery("c6"); d.State != store.DeliveryDone || len(e.graph.got()) != 2 {
			t.Fatalf("after the backoff: %s, calls %d", d.State, len(e.graph.got()))
		}
	})
	t.Run("expired token is dead at once, naming the page", func(t *testing.T) {
		e := newEnv(t, "hide", "remove")
		e.graph.answer(http.MethodDelete, "/c7", 400, expired)
		e.receive(feedComment(massaPage, "c7", "add", insult))
		e.drain(e.worker())
		d := e.delivery("c7")
		if d.State != store.DeliveryDead || !strings.Contains(d.LastError, massaPage) || !strings.Contains(d.LastError, "190") ||
			strings.Contains(d.LastError, pageToken) || len(e.graph.got()) != 1 {
			t.Fatalf("delivery %s: %q", d.State, d.LastError)
		}
	})
	t.Run("already deleted is done", func(t *testing.T) {
		e := newEnv(t, "hide", "remove")
		e.graph.answer(http.MethodDelete, "/c8", 400, gone)
		e.receive(feedComment(massaPage, "c8", "add", insult))
		e.drain(e.worker())
		if d := e.delivery("c8"); d.State != store.DeliveryDone {
			t.Fatalf("delivery %s: %q", d.State, d.LastError)
		}
	})
	t.Run("server errors until the last attempt: dead", func(t *testing.T) {
		e := newEnv(t, "hide", "remove")
		for range 3 {
			e.graph.answer(http.MethodDelete, "/c9", 500, `{}`)
		}
		e.receive(feedComment(massaPage, "c9", "add", insult))
		w := e.worker()
		for range 3 {
			e.drain(w)
			e.now = e.now.Add(time.Hour)
		}
		if d := e.delivery("c9"); d.State != store.DeliveryDead || d.Attempts != 3 || len(e.graph.got()) != 3 {
			t.Fatalf("delivery %s after %d attempts, %d calls: %q", d.State, d.Attempts, len(e.graph.got()), d.LastError)
		}
	})
}

// killingTransport plays a server killed after it decided and before its
// Graph call left: the call never reaches Graph and nothing more is saved.
type killingTransport struct{ cancel context.CancelFunc }

func (k killingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet { // the thread's text is read before deciding
		return http.DefaultTransport.RoundTrip(r)
	}
	k.cancel()
	<-r.Context().Done()
	return nil, r.Context().Err()
}

// killingChain records, then plays the server killed before it saves.
type killingChain struct {
	meta.Recorder
	cancel context.CancelFunc
}

func (k killingChain) Record(ctx context.Context, e store.Entry) (store.Record, error) {
	r, err := k.Recorder.Record(ctx, e)
	k.cancel()
	return r, err
}

func TestKilledBeforeActingActsOnceAfterRestart(t *testing.T) {
	for _, c := range []struct {
		name string
		kill func(e *env)
	}{
		{"killed after taking the row", func(e *env) {
			// The worker leased the row and died before deciding.
			if due, err := e.st.Due(context.Background(), e.now, meta.DefaultLease, 10); err != nil || len(due) != 1 {
				e.t.Fatalf("due %d, %v", len(due), err)
			}
		}},
		{"killed after deciding, before the Graph call", func(e *env) {
			ctx, cancel := context.WithCancel(context.Background())
			w := e.worker()
			w.HTTP = &http.Client{Transport: killingTransport{cancel}}
			if _, err := w.Drain(ctx); err == nil {
				e.t.Fatal("the killed worker saved its Graph call")
			}
			if d := e.delivery("c10"); d.State != store.DeliveryDecided || d.DecisionID == "" {
				e.t.Fatalf("killed at %s", d.State)
			}
		}},
		{"killed after recording the actions, before saving the row", func(e *env) {
			ctx, cancel := context.WithCancel(context.Background())
			w := e.worker()
			w.Chain = killingChain{w.Chain, cancel}
			if _, err := w.Drain(ctx); err == nil {
				e.t.Fatal("the killed worker saved the row")
			}
			if d := e.delivery("c10"); d.State != store.DeliveryActing {
				e.t.Fatalf("killed at %s", d.State)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, "hide", "remove")
			e.receive(feedComment(massaPage, "c10", "add", insult))
			c.kill(e)
			// A fresh process on the same database, once the lease is over.
			e.st.Close()
			e.open()
			e.now = e.now.Add(meta.DefaultLease + time.Second)
			w := e.worker()
			e.drain(w)
			e.now = e.now.Add(time.Hour)
			e.drain(w)
			if d := e.delivery("c10"); d.State != store.DeliveryDone {
				t.Fatalf("after restart: %s (%s)", d.State, d.LastError)
			}
			if calls := e.graph.got(); len(calls) != 1 {
				t.Fatalf("graph calls %+v; want exactly one", calls)
			}
			recs, _, err := e.st.List(context.Background(), store.Filter{Ente: "massa"})
			if err != nil || len(recs) != 1 {
				t.Fatalf("%d decisions recorded, %v; want one", len(recs), err)
			}
			e.checkActionRecord(recs[0].DecisionID, "remove")
		})
	}
}

// The example configuration of the seed enti reads, with its secrets set.
func TestExampleConfig(t *testing.T) {
	for _, v := range []string{"GALATEO_META_APP_SECRET", "GALATEO_META_VERIFY_TOKEN", "GALATEO_META_TOKEN_MASSA",
		"GALATEO_META_TOKEN_CRESPIATICA", "GALATEO_META_TOKEN_VALDICHIANA", "GALATEO_META_TOKEN_CETONA"} {
		t.Setenv(v, "x-"+v)
	}
	_, err := meta.LoadConfig("../../../docs/meta.example.yaml")
	// Tradate's token is a file of the deployment, absent here: named, not shown.
	if err == nil || !strings.Contains(err.Error(), "enti.tradate.accounts[0].token") || strings.Count(err.Error(), "\n") > 0 {
		t.Fatalf("example config: %v; want only tradate's token file missing", err)
	}
	t.Setenv("GALATEO_META_APP_SECRET", "")
	if _, err := meta.LoadConfig("../../../docs/meta.example.yaml"); err == nil || !strings.Contains(err.Error(), "GALATEO_META_APP_SECRET") {
		t.Errorf("a missing app secret: %v", err)
	}
}

// A photo comment without words is decided on its media; a change that
// maps to a request /decide would refuse is dead at once, not retried.
func TestMediaAndInvalidChanges(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	body, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{
		"id": massaPage, "time": t0.Unix(), "changes": []any{
			map[string]any{"field": "feed", "value": map[string]any{"item": "comment", "verb": "add", "comment_id": "photo1",
				"post_id": massaPage + "_1", "parent_id": massaPage + "_1", "photo": "https://scontent.example/p.jpg",
				"from": map[string]any{"id": "1", "name": "A"}}},
			map[string]any{"field": "feed", "value": map[string]any{"item": "comment", "verb": "add", "comment_id": "empty1",
				"post_id": massaPage + "_1", "parent_id": massaPage + "_1", "from": map[string]any{"id": "2", "name": "B"}}},
		},
	}}})
	if rec := e.receive(body); rec.Added != 2 {
		t.Fatalf("receipt %+v", rec)
	}
	e.drain(e.worker())
	if d := e.delivery("photo1"); d.State != store.DeliveryDone || d.DecisionID == "" {
		t.Errorf("photo comment: %s (%s)", d.State, d.LastError)
	}
	if d := e.delivery("empty1"); d.State != store.DeliveryDead || d.Attempts != 0 || !strings.Contains(d.LastError, "content.text") {
		t.Errorf("empty comment: %s after %d attempts (%s)", d.State, d.Attempts, d.LastError)
	}
}

// A visitor's post on the page is decided as a citizen's comment; the
// page's own post is the staff's; an Instagram mention without its text
// is kept as ignored.
func TestPostsAndMentions(t *testing.T) {
	e := newEnv(t, "hide", "remove")
	post := func(id, from, text string) map[string]any {
		return map[string]any{"field": "feed", "value": map[string]any{"item": "status", "verb": "add", "post_id": id,
			"message": text, "from": map[string]any{"id": from, "name": "X"}}}
	}
	body, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{
		"id": massaPage, "time": t0.Unix(), "changes": []any{post("visitor1", "555", insult), post("own1", massaPage, "Lavori in viale Roma da lunedì.")},
	}}})
	e.receive(body)
	mention, _ := json.Marshal(map[string]any{"object": "instagram", "entry": []any{map[string]any{
		"id": massaIG, "time": t0.Unix(), "changes": []any{map[string]any{"field": "mentions", "value": map[string]any{"comment_id": "m1", "media_id": "mm"}}},
	}}})
	if rec := e.receive(mention); rec.Ignored != 1 {
		t.Errorf("mention: %+v", rec)
	}
	e.drain(e.worker())
	var kinds = map[string]string{}
	for _, id := range []string{"visitor1", "own1"} {
		var req engine.Request
		_ = json.Unmarshal(e.delivery(id).Request, &req)
		kinds[id] = req.Content.Kind + "/" + req.Author.Role
	}
	if kinds["visitor1"] != "comment/" || kinds["own1"] != "post/staff" {
		t.Errorf("kinds %v", kinds)
	}
	if calls := e.graph.got(); len(calls) != 1 || calls[0].Path != "/visitor1" {
		t.Errorf("graph calls %+v", calls)
	}
	if d := e.delivery("own1"); d.State != store.DeliveryDone || len(d.Plan) > 2 {
		t.Errorf("own post: %s plan %s", d.State, d.Plan)
	}
}
