package api

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

const (
	metaAppSecret   = "segreto-app-di-prova"
	metaVerifyToken = "parola-di-verifica"
	metaPageToken   = "EAAB-token-di-prova"
	metaMassaPage   = "100000000000001"
)

// metaConnector connects Massa's page, hiding and removing by itself,
// with its secrets in files and Graph at graphURL.
func metaConnector(t *testing.T, graphURL string) *meta.Connector {
	t.Helper()
	dir := t.TempDir()
	file := func(name, value string) meta.Secret {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(value+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return meta.Secret{File: p}
	}
	conn, err := meta.New(meta.Config{
		GraphURL: graphURL, AppSecret: file("secret", metaAppSecret), VerifyToken: file("verify", metaVerifyToken),
		Enti: map[string]meta.EnteConfig{"massa": {Auto: []string{"hide", "remove"}, Accounts: []meta.Account{
			{ID: metaMassaPage, Platform: "facebook", Name: "comune.massa", Token: file("token", metaPageToken)},
		}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

// metaEnv is a store env serving the webhooks and the review queue, with
// a fake Graph API and the worker a server would run.
type metaEnv struct {
	*storeEnv
	worker *meta.Worker
	now    time.Time // the worker's clock, an hour on at every drain
	mu     sync.Mutex
	calls  []string          // "METHOD /path form"
	fail   map[string]string // "METHOD /path": the Graph error body to answer once
}

func newMetaEnv(t *testing.T, b backend) *metaEnv {
	t.Helper()
	env := &metaEnv{storeEnv: newStoreEnv(t, b), fail: map[string]string{}}
	graph := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		env.mu.Lock()
		if r.Method != http.MethodGet { // reads of a thread's text are not actions
			env.calls = append(env.calls, r.Method+" "+r.URL.Path+" "+r.Form.Encode())
		}
		fail, failing := env.fail[r.Method+" "+r.URL.Path]
		delete(env.fail, r.Method+" "+r.URL.Path)
		env.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if failing {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(fail))
			return
		}
		_, _ = w.Write([]byte(`{"success":true}`))
	}))
	t.Cleanup(graph.Close)
	conn := metaConnector(t, graph.URL)
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: env.st, Recorder: env.batcher, Now: func() time.Time { return liftTime },
		Reviews: &review.Service{Store: env.st, Judge: realEngine(t), Now: func() time.Time { return liftTime }},
		Meta:    &Meta{Connector: conn, Outbox: env.st},
	})
	env.now = liftTime
	env.worker = &meta.Worker{Conn: conn, Store: env.st, Log: slog.New(slog.DiscardHandler), Chain: env.batcher,
		Decide: &record.Service{Engine: env.decider, Store: env.st, Recorder: env.batcher},
		Now:    func() time.Time { return env.now }}
	return env
}

func (env *metaEnv) graphCalls() []string {
	env.mu.Lock()
	defer env.mu.Unlock()
	return append([]string(nil), env.calls...)
}

func (env *metaEnv) drain(t *testing.T) {
	t.Helper()
	env.now = env.now.Add(time.Hour)
	if _, err := env.worker.Drain(env.ctx); err != nil {
		t.Fatal(err)
	}
}

// deliver posts a delivery signed with sig ("" signs it right).
func (env *metaEnv) deliver(t *testing.T, body []byte, sig string) *httptest.ResponseRecorder {
	t.Helper()
	if sig == "" {
		sig = meta.Sign([]byte(metaAppSecret), body)
	}
	req := httptest.NewRequest(http.MethodPost, "/webhooks/meta", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "-" {
		req.Header.Set("X-Hub-Signature-256", sig)
	}
	return env.serveT(t, req)
}

func (env *metaEnv) outbox(t *testing.T) []store.Delivery {
	t.Helper()
	ds, err := env.st.Deliveries(context.Background(), store.DeliveryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func pageComment(commentID, text string) []byte {
	body, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{
		"id": metaMassaPage, "time": at(0).Unix(), "changes": []any{map[string]any{"field": "feed", "value": map[string]any{
			"item": "comment", "verb": "add", "comment_id": commentID, "post_id": metaMassaPage + "_1",
			"parent_id": metaMassaPage + "_1", "message": text, "created_time": at(-2).Unix(),
			"from": map[string]any{"id": "4242", "name": "Luca Battaglia"},
		}}},
	}}})
	return body
}

func TestMetaWebhookHandshake(t *testing.T) {
	off := newEnv(t, envOptions{})
	off.run(t, httpCase{method: "GET", path: "/webhooks/meta?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1",
		contentType: "-", status: 503, problem: probNoConnector})
	off.run(t, httpCase{method: "GET", path: "/admin/meta/outbox", contentType: "-", status: 503, problem: probNoConnector})

	env := newMetaEnv(t, backends()[0])
	for _, q := range []string{"hub.mode=subscribe&hub.verify_token=altra&hub.challenge=1", "hub.mode=unsubscribe&hub.verify_token=" + metaVerifyToken + "&hub.challenge=1", ""} {
		env.run(t, httpCase{method: "GET", path: "/webhooks/meta?" + q, contentType: "-", status: 403, problem: probVerificationFailed})
	}
	res := env.run(t, httpCase{method: "GET", path: "/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + metaVerifyToken + "&hub.challenge=1158201444",
		contentType: "-", status: 200})
	if res.Body.String() != "1158201444" || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("challenge answered %q as %s", res.Body, res.Header().Get("Content-Type"))
	}
}

// TestMetaWebhookSignature: a delivery that is not signed with the app
// secret is refused and stores nothing; a signed one is stored once.
func TestMetaWebhookSignature(t *testing.T) {
	env := newMetaEnv(t, backends()[0])
	body := pageComment("c1", "Grazie per l'informazione")
	for _, sig := range []string{"-", meta.Sign([]byte("altro segreto"), body), "sha256=00", meta.Sign([]byte(metaAppSecret), append(body, ' '))} {
		res := env.deliver(t, body, sig)
		if res.Code != http.StatusUnauthorized || decodeProblem(t, res).Type != "/problems/"+probInvalidSignature {
			t.Fatalf("signature %q: %d %s", sig, res.Code, res.Body)
		}
		if strings.Contains(res.Body.String(), metaAppSecret) {
			t.Fatal("the problem shows the secret")
		}
	}
	if n := len(env.outbox(t)); n != 0 {
		t.Fatalf("refused deliveries stored %d rows", n)
	}
	for i, want := range []float64{1, 0} { // a redelivery adds nothing
		res := env.deliver(t, body, "")
		var rec map[string]float64
		if res.Code != 200 || json.Unmarshal(res.Body.Bytes(), &rec) != nil || rec["added"] != want || rec["changes"] != 1 {
			t.Fatalf("delivery %d: %d %s", i, res.Code, res.Body)
		}
	}
	res := env.deliver(t, []byte(`{"object":"user","entry":[]}`), "")
	if res.Code != 400 || decodeProblem(t, res).Type != "/problems/"+probInvalidDelivery {
		t.Fatalf("another object: %d %s", res.Code, res.Body)
	}
	big := bytes.Repeat([]byte(" "), meta.MaxDeliveryBytes+1)
	if res := env.deliver(t, big, ""); res.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("a delivery over the bound: %d", res.Code)
	}
	if n := len(env.outbox(t)); n != 1 {
		t.Fatalf("%d rows, want 1", n)
	}
}

// TestMetaEndToEnd: an insult to Massa is removed with no human and a
// recorded decision; a polite comment is left alone; a comment sent to
// review is hidden only once a reviewer resolves it through the API; the
// outbox shows each row and its Graph answers.
func TestMetaEndToEnd(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			env := newMetaEnv(t, b)
			for _, c := range []struct{ id, text string }{
				{"insult", "Marco, sei proprio uno stronzo: i lavori in viale Roma servivano da anni."},
				{"polite", "Grazie per l'informazione, finalmente si rifà l'asfalto."},
				{"doubt", "Siete dei buffoni, viale Roma chiuso proprio sotto Natale"},
			} {
				if res := env.deliver(t, pageComment(c.id, c.text), ""); res.Code != 200 {
					t.Fatalf("deliver %s: %d %s", c.id, res.Code, res.Body)
				}
			}
			env.drain(t)
			if calls := env.graphCalls(); len(calls) != 1 || !strings.HasPrefix(calls[0], "DELETE /insult") {
				t.Fatalf("graph calls %v; want the insult deleted only", calls)
			}
			states := map[string]store.Delivery{}
			for _, d := range env.outbox(t) {
				states[d.ObjectID] = d
			}
			if states["insult"].State != store.DeliveryDone || states["polite"].State != store.DeliveryDone ||
				states["doubt"].State != store.DeliveryWaitingReview {
				t.Fatalf("states %+v", states)
			}
			dec := env.call(t, "GET", "/decisions/"+states["insult"].DecisionID, "", 200)
			if dec["outcome"] != "remove" {
				t.Errorf("recorded decision %v", dec)
			}
			// The removal carried out settles the decision in the chain.
			settled, _ := dec["settlements"].([]any)
			if len(settled) != 1 || settled[0].(map[string]any)["kind"] != store.KindAction {
				t.Errorf("settlements %v", dec["settlements"])
			}
			env.drain(t) // the reviewer has not spoken
			if n := len(env.graphCalls()); n != 1 {
				t.Fatalf("%d graph calls before the resolution", n)
			}
			env.call(t, "POST", "/reviews/"+states["doubt"].DecisionID+"/resolve",
				`{"outcome":"hide","reason":"Offende il personale del Comune.","reviewer":"urp.rossi"}`, 200)
			env.drain(t)
			calls := env.graphCalls()
			if len(calls) != 2 || calls[1] != "POST /doubt is_hidden=true" {
				t.Fatalf("graph calls %v", calls)
			}
			list := env.call(t, "GET", "/admin/meta/outbox?state=done", "", 200)
			if rows, _ := list["deliveries"].([]any); len(rows) != 3 {
				t.Errorf("done rows %v", list)
			}
			list = env.call(t, "GET", "/admin/meta/outbox?state=dead", "", 200)
			if rows, _ := list["deliveries"].([]any); len(rows) != 0 {
				t.Errorf("dead rows %v", list)
			}
			env.run(t, httpCase{method: "GET", path: "/admin/meta/outbox?state=lost", contentType: "-", status: 400, problem: probInvalidQuery})
			if strings.Contains(env.log.String(), metaPageToken) || strings.Contains(env.log.String(), metaAppSecret) {
				t.Error("a secret is in the log")
			}
		})
	}
}

// TestMetaDeadLetter: a page token expired makes the row dead, listed for
// operators with the page named; once the token is renewed, retrying the
// row acts once.
func TestMetaDeadLetter(t *testing.T) {
	env := newMetaEnv(t, backends()[0])
	env.fail["DELETE /insult"] = `{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190}}`
	if res := env.deliver(t, pageComment("insult", "Sei proprio uno stronzo"), ""); res.Code != 200 {
		t.Fatalf("deliver: %d %s", res.Code, res.Body)
	}
	env.drain(t)
	list := env.call(t, "GET", "/admin/meta/outbox?state=dead", "", 200)
	rows, _ := list["deliveries"].([]any)
	if len(rows) != 1 {
		t.Fatalf("dead rows %v", list)
	}
	row, _ := rows[0].(map[string]any)
	id, _ := row["id"].(string)
	if msg, _ := row["last_error"].(string); !strings.Contains(msg, metaMassaPage) || !strings.Contains(msg, "190") || strings.Contains(msg, metaPageToken) {
		t.Errorf("last_error %q", msg)
	}
	env.drain(t)
	if n := len(env.graphCalls()); n != 1 {
		t.Fatalf("a dead row was retried by itself: %d calls", n)
	}
	env.run(t, httpCase{method: "POST", path: "/admin/meta/outbox/nope/retry", contentType: "-", status: 404, problem: probUnknownDelivery})
	back := env.call(t, "POST", "/admin/meta/outbox/"+id+"/retry", "", 200)
	if back["state"] != store.DeliveryDecided {
		t.Fatalf("requeued %v", back)
	}
	env.run(t, httpCase{method: "POST", path: "/admin/meta/outbox/" + id + "/retry", contentType: "-", status: 409, problem: probDeliveryNotDead})
	env.drain(t)
	calls := env.graphCalls()
	if len(calls) != 2 || !strings.HasPrefix(calls[1], "DELETE /insult") {
		t.Fatalf("graph calls %v", calls)
	}
	if d := env.outbox(t); d[0].State != store.DeliveryDone {
		t.Errorf("after the retry: %s (%s)", d[0].State, d[0].LastError)
	}
}
