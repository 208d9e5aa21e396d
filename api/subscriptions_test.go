package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/outbound"
	"github.com/galateo/galateo/engine/service/review"
)

// receiver is an in-process webhook receiver that checks every delivery's
// signature with the secret shown at creation, and keeps what it accepted.
type receiver struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	secret string
	fail   int // refuse this many deliveries more, with a 500
	tried  int // deliveries received, refused ones included
	got    []delivered
}

type delivered struct {
	id, event string
	ev        outbound.Event
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{t: t}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tried++
	ts, err := strconv.ParseInt(req.Header.Get(outbound.HeaderTimestamp), 10, 64)
	if err != nil || !outbound.Verify(r.secret, ts, body, req.Header.Get(outbound.HeaderSignature)) {
		r.t.Errorf("delivery %s: bad signature %q at %q", req.Header.Get(outbound.HeaderDelivery),
			req.Header.Get(outbound.HeaderSignature), req.Header.Get(outbound.HeaderTimestamp))
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if time.Since(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		r.t.Errorf("timestamp %d is not now", ts)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/json" {
		r.t.Errorf("content type %q", ct)
	}
	if r.fail > 0 {
		r.fail--
		http.Error(w, "receiver down for maintenance", http.StatusInternalServerError)
		return
	}
	var ev outbound.Event
	if err := json.Unmarshal(body, &ev); err != nil {
		r.t.Errorf("delivery body: %v", err)
	}
	if strings.Contains(string(body), `"input"`) || strings.Contains(string(body), "Mario Rossi") {
		r.t.Errorf("a delivery carries the evaluated input or the author's name: %s", body)
	}
	if got := req.Header.Get(outbound.HeaderEvent); got != ev.Event {
		r.t.Errorf("X-Galateo-Event %q, body event %q", got, ev.Event)
	}
	r.got = append(r.got, delivered{req.Header.Get(outbound.HeaderDelivery), ev.Event, ev})
	w.WriteHeader(http.StatusNoContent)
}

func (r *receiver) accepted() []delivered {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

// quiet drops the workers' warnings about the refusals the tests cause.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newWebhookEnv is a store env whose router also serves the review queue
// and the subscriptions.
func newWebhookEnv(t *testing.T, b backend) *storeEnv {
	t.Helper()
	env := newStoreEnv(t, b)
	svc := &review.Service{Store: env.st, Judge: realEngine(t), Now: func() time.Time { return liftTime }}
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: env.st, Recorder: env.batcher, Now: func() time.Time { return liftTime },
		Reviews: svc, Subscriptions: env.st,
	})
	return env
}

func forEachWebhookBackend(t *testing.T, test func(t *testing.T, env *storeEnv)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, newWebhookEnv(t, b)) })
	}
}

// subscribe creates a subscription for rc and gives it its secret.
func (env *storeEnv) subscribe(t *testing.T, rc *receiver, body string) string {
	t.Helper()
	created := env.call(t, "POST", "/subscriptions", body, http.StatusCreated)
	secret, _ := created["secret"].(string)
	if !strings.HasPrefix(secret, outbound.SecretPrefix) || len(secret) != len(outbound.SecretPrefix)+43 {
		t.Fatalf("secret %q", secret)
	}
	rc.mu.Lock()
	rc.secret = secret
	rc.mu.Unlock()
	return created["id"].(string)
}

// checkInOrder checks that ds are the records 1..n of massa's chain, once
// each, in order.
func checkInOrder(t *testing.T, sub string, ds []delivered, n int) {
	t.Helper()
	if len(ds) != n {
		t.Fatalf("%d deliveries, want %d: %+v", len(ds), n, ds)
	}
	for i, d := range ds {
		seq := int64(i + 1)
		if d.ev.Seq != seq || d.ev.Ente != "massa" || d.id != outbound.DeliveryID(sub, "massa", seq) {
			t.Errorf("delivery %d: seq %d ente %s id %s", i, d.ev.Seq, d.ev.Ente, d.id)
		}
	}
}

// TestWebhookDelivery: decisions posted to /decide and a reviewer's
// resolution reach a subscribed receiver in chain order, signed with the
// secret shown at creation; a deleted subscription receives nothing more.
func TestWebhookDelivery(t *testing.T) {
	forEachWebhookBackend(t, func(t *testing.T, env *storeEnv) {
		ctx := context.Background()
		// Before the subscription, delivered all the same: from_start.
		env.decide(t, post{content: "before", author: "fb:1", text: "Buongiorno", now: at(0)})
		rc := newReceiver(t)
		sub := env.subscribe(t, rc, fmt.Sprintf(`{"url": %q, "enti": ["massa"], "from_start": true}`, rc.srv.URL))
		env.decide(t, post{content: "c1", author: "fb:1", text: "Grazie per le informazioni", now: at(1)})
		doubt, _ := env.decide(t, post{content: "c2", author: "fb:7", text: "Siete dei buffoni, viale Roma chiuso proprio sotto Natale", now: at(2)})
		if doubt.Outcome != "review" {
			t.Fatalf("outcome %s, want review", doubt.Outcome)
		}
		env.call(t, "POST", "/reviews/"+doubt.DecisionID+"/resolve",
			`{"reviewer": "anna", "outcome": "remove", "actions": [{"type": "remove"}], "reason": "Insulto rivolto agli amministratori."}`, http.StatusOK)
		w := &outbound.Worker{Log: quiet, Store: env.st, HTTP: rc.srv.Client()}
		if n, err := w.Drain(ctx); err != nil || n != 4 {
			t.Fatalf("drain = %d, %v; want 4", n, err)
		}
		got := rc.accepted()
		checkInOrder(t, sub, got, 4)
		kinds := []string{got[0].event, got[1].event, got[2].event, got[3].event}
		if !slices.Equal(kinds, []string{"decision", "decision", "decision", "resolution"}) {
			t.Errorf("events %v", kinds)
		}
		if got[3].ev.Settles != doubt.DecisionID || got[2].ev.RecordID != doubt.DecisionID {
			t.Errorf("the resolution settles %q, want %q", got[3].ev.Settles, doubt.DecisionID)
		}
		var body struct {
			DecisionID string `json:"decision_id"`
			Outcome    string `json:"outcome"`
		}
		if err := json.Unmarshal(got[2].ev.Body, &body); err != nil || body.DecisionID != doubt.DecisionID || body.Outcome != "review" {
			t.Errorf("the decision's body %s: %v", got[2].ev.Body, err)
		}
		// Caught up: nothing again.
		if n, err := w.Drain(ctx); err != nil || n != 0 {
			t.Fatalf("second drain = %d, %v", n, err)
		}
		list := env.call(t, "GET", "/subscriptions", "", http.StatusOK)
		subs := list["subscriptions"].([]any)
		if len(subs) != 1 || strings.Contains(fmt.Sprint(subs), "whsec_") {
			t.Fatalf("list %v", list)
		}
		cursors := subs[0].(map[string]any)["delivery"].(map[string]any)["cursors"].([]any)
		if c := cursors[0].(map[string]any); c["ente"] != "massa" || c["seq"] != float64(4) || c["delivered_at"] == nil {
			t.Errorf("cursor %v", c)
		}

		env.run(t, httpCase{method: "DELETE", path: "/subscriptions/" + sub, contentType: "-", status: http.StatusNoContent})
		if p := env.call(t, "DELETE", "/subscriptions/"+sub, "", http.StatusNotFound); probType(p) != "/problems/unknown-subscription" {
			t.Errorf("deleted twice: %v", p)
		}
		env.decide(t, post{content: "c3", author: "fb:1", text: "Buonasera", now: at(3)})
		if n, err := w.Drain(ctx); err != nil || n != 0 || len(rc.accepted()) != 4 {
			t.Fatalf("after the deletion: drain %d, %v; received %d", n, err, len(rc.accepted()))
		}
	})
}

// TestWebhookRetries: a receiver that refuses three times, then comes
// back, gets every record once, in order, with no gap; meanwhile the
// subscription shows since when it fails and why, and waits longer each
// time.
func TestWebhookRetries(t *testing.T) {
	forEachWebhookBackend(t, func(t *testing.T, env *storeEnv) {
		ctx := context.Background()
		rc := newReceiver(t)
		rc.fail = 3
		sub := env.subscribe(t, rc, fmt.Sprintf(`{"url": %q}`, rc.srv.URL))
		for i := range 3 {
			env.decide(t, post{content: fmt.Sprintf("c%d", i), author: "fb:1", text: "Buongiorno", now: at(i)})
		}
		clock := time.Now()
		w := &outbound.Worker{Log: quiet, Store: env.st, HTTP: rc.srv.Client(), Now: func() time.Time { return clock }}
		var waits []time.Duration
		for attempt := 1; attempt <= 3; attempt++ {
			if n, _ := w.Drain(ctx); n != 0 {
				t.Fatalf("attempt %d delivered %d", attempt, n)
			}
			s, err := env.st.Subscription(ctx, sub)
			if err != nil {
				t.Fatal(err)
			}
			if s.FailingSince == nil || !strings.HasPrefix(s.LastError, "HTTP 500: receiver down") || s.NextAttemptAt == nil || s.Cursor("massa") != 0 {
				t.Fatalf("after attempt %d: %+v", attempt, s)
			}
			waits = append(waits, s.NextAttemptAt.Sub(clock))
			// Not before its time.
			if n, _ := w.Drain(ctx); n != 0 || rc.tried != attempt {
				t.Fatalf("retried before its time: %d tries", rc.tried)
			}
			clock = *s.NextAttemptAt
		}
		if !slices.Equal(waits, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}) {
			t.Errorf("backoff %v, want 1s 2s 4s", waits)
		}
		list := env.call(t, "GET", "/subscriptions", "", http.StatusOK)
		if d := list["subscriptions"].([]any)[0].(map[string]any)["delivery"].(map[string]any); d["failing_since"] == nil || !strings.Contains(d["last_error"].(string), "500") {
			t.Errorf("the failing subscription shows %v", d)
		}
		if n, err := w.Drain(ctx); err != nil || n != 3 {
			t.Fatalf("the receiver is back: drain %d, %v", n, err)
		}
		checkInOrder(t, sub, rc.accepted(), 3)
		if s, _ := env.st.Subscription(ctx, sub); s.FailingSince != nil || s.LastError != "" || s.Attempts != 0 {
			t.Errorf("after the recovery: %+v", s)
		}
	})
}

// TestWebhookTwoWorkers: two workers on one database, draining at the same
// time, deliver each record once (each subscription is leased to one).
func TestWebhookTwoWorkers(t *testing.T) {
	forEachWebhookBackend(t, func(t *testing.T, env *storeEnv) {
		ctx := context.Background()
		rc := newReceiver(t)
		sub := env.subscribe(t, rc, fmt.Sprintf(`{"url": %q}`, rc.srv.URL))
		const n = 12
		for i := range n {
			env.decide(t, post{content: fmt.Sprintf("c%d", i), author: fmt.Sprintf("fb:%d", i), text: "Buongiorno", now: at(i)})
		}
		var wg sync.WaitGroup
		for range 2 {
			w := &outbound.Worker{Log: quiet, Store: env.st, HTTP: rc.srv.Client()}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					if _, err := w.Drain(ctx); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		checkInOrder(t, sub, rc.accepted(), n)
	})
}

// TestWebhookScope: a key subscribes only to its enti (403 otherwise), to
// an http(s) URL (422 otherwise), sees and deletes only its own
// subscriptions; a revoked key's subscription delivers nothing more.
func TestWebhookScope(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	ctx := context.Background()
	check := func(who, body string, status int, slug string) map[string]any {
		t.Helper()
		res := env.call("POST", "/subscriptions", body, who)
		if res.Code != status {
			t.Fatalf("%s %s: %d, want %d: %s", who, body, res.Code, status, res.Body)
		}
		var out map[string]any
		_ = json.Unmarshal(res.Body.Bytes(), &out)
		if slug != "" && probType(out) != "/problems/"+slug {
			t.Errorf("%s %s: %v, want %s", who, body, out, slug)
		}
		return out
	}
	check("massa", `{"url": "https://example.org/h", "enti": ["tradate"]}`, 403, probForbidden)
	check("massa", `{"url": "https://example.org/h", "enti": ["massa", "tradate"]}`, 403, probForbidden)
	check("massa", `{"url": "https://example.org/h", "enti": ["*"]}`, 403, probForbidden)
	check("no audit", `{"url": "https://example.org/h"}`, 403, probForbidden)
	for _, u := range []string{"ftp://example.org/h", "/relative", "https://", "https://user:pw@example.org/", "https://example.org/" + strings.Repeat("a", 2048), ""} {
		if p := check("massa", fmt.Sprintf(`{"url": %q}`, u), 422, probInvalidRequest); !strings.Contains(fmt.Sprint(p["errors"]), "url") {
			t.Errorf("url %q: %v", u, p)
		}
	}
	check("massa", `{"url": "https://example.org/h", "enti": []}`, 422, probInvalidRequest)
	check("massa", `{"url": "https://example.org/h", "enti": ["Massa!"]}`, 422, probInvalidRequest)

	mine := check("massa", `{"url": "https://example.org/massa"}`, 201, "")
	if fmt.Sprint(mine["enti"]) != "[massa]" {
		t.Errorf("a massa key's subscription follows %v", mine["enti"])
	}
	all := check("admin", `{"url": "https://example.org/all", "enti": ["*"]}`, 201, "")
	if fmt.Sprint(all["enti"]) != "[*]" {
		t.Errorf("an admin's subscription follows %v", all["enti"])
	}
	count := func(who string) int {
		res := env.call("GET", "/subscriptions", "", who)
		var out struct{ Subscriptions []any }
		_ = json.Unmarshal(res.Body.Bytes(), &out)
		return len(out.Subscriptions)
	}
	if m, a, o := count("massa"), count("admin"), count("tradate"); m != 1 || a != 2 || o != 0 {
		t.Errorf("lists: massa %d, admin %d, tradate %d; want 1, 2, 0", m, a, o)
	}
	if res := env.call("DELETE", "/subscriptions/"+all["id"].(string), "", "massa"); res.Code != http.StatusForbidden {
		t.Errorf("massa deletes the admin's subscription: %d", res.Code)
	}
	if res := env.call("DELETE", "/subscriptions/nope", "", "massa"); res.Code != http.StatusNotFound {
		t.Errorf("unknown subscription: %d", res.Code)
	}
	for _, id := range []any{mine["id"], all["id"]} {
		if res := env.call("DELETE", "/subscriptions/"+id.(string), "", "admin"); res.Code != http.StatusNoContent {
			t.Errorf("the admin deletes subscription %s: %d", id, res.Code)
		}
	}

	// A key revoked: its subscription stops; another key's goes on.
	kept, revoked := newReceiver(t), newReceiver(t)
	key, secret, err := CreateKey(ctx, env.st, "tool", []string{"massa"}, []string{RoleAudit}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := env.keys.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	env.secrets["tool"] = secret
	revoked.secret = check("tool", fmt.Sprintf(`{"url": %q}`, revoked.srv.URL), 201, "")["secret"].(string)
	kept.secret = check("massa", fmt.Sprintf(`{"url": %q}`, kept.srv.URL), 201, "")["secret"].(string)
	if _, err := env.keys.Revoke(ctx, key.ID); err != nil {
		t.Fatal(err)
	}
	if res := env.call("POST", "/decide", decideBody("massa", "after-revoke"), "massa"); res.Code != http.StatusOK {
		t.Fatalf("decide: %d %s", res.Code, res.Body)
	}
	w := &outbound.Worker{Log: quiet, Store: env.st, PrivateNetworks: true} // the receivers are on loopback
	if _, err := w.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if len(kept.accepted()) != 1 || len(revoked.accepted()) != 0 || revoked.tried != 0 {
		t.Errorf("kept received %d, revoked %d (tried %d); want 1 and 0", len(kept.accepted()), len(revoked.accepted()), revoked.tried)
	}
}
