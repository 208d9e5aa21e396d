package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

// openRoutes answer without a key: probes, and what a client needs to
// learn how to authenticate.
var openRoutes = map[string]bool{
	"GET /healthz": true, "GET /readyz": true, "GET /openapi.yaml": true, "GET /problems/:slug": true,
	// Meta's webhooks: the verify token and the signature are their
	// authentication (TestMetaWebhook*), never an API key.
	"GET /webhooks/meta": true, "POST /webhooks/meta": true,
}

// authEnv is a router that enforces API keys, over an engine serving
// massa and tradate, a real store and a reloader, with one key of each
// kind the access matrix needs.
type authEnv struct {
	*testEnv
	st   *store.SQL
	keys *Keyring
	eng  *engine.Engine
	// secrets by what the key is: admin (every ente, every role), massa
	// and tradate (their ente, every role), and one per role for every
	// ente without that role.
	secrets map[string]string
}

func newAuthEnv(t *testing.T, rate RateLimit) *authEnv {
	t.Helper()
	st := openSQLite(t)
	policies, _ := reloadtest.CopyTree(t, "..", "massa", "tradate")
	// These tests are about keys, not about gating revisions (the reload
	// package and TestVersionsAndReload are): the store says that massa
	// and tradate passed their tests on an earlier start, so that this
	// start compiles them without running their tests again, as a server
	// restarted on a folder it served before does.
	for _, id := range []string{"massa", "tradate"} {
		ent, err := realEngine(t).Ente(id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveVersion(context.Background(), store.Version{
			Revision: ent.Revision, Ente: id, Label: ent.Version, Files: ent.Source,
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Activate(context.Background(), store.Activation{
			Ente: id, Revision: ent.Revision, Kind: store.ActivationLoad, Server: "earlier",
		}); err != nil {
			t.Fatal(err)
		}
	}
	eng, r, results, err := reload.Start(context.Background(), reload.Config{
		Policies: policies, Server: "test", Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if res.Status != reload.Activated || res.Tests != "passed when first activated" {
			t.Fatalf("start: %+v", res)
		}
	}
	env := &authEnv{st: st, eng: eng, secrets: map[string]string{}}
	for name, scope := range map[string][2][]string{
		"admin":      {{"*"}, Roles},
		"massa":      {{"massa"}, Roles},
		"tradate":    {{"tradate"}, Roles},
		"no decide":  {{"*"}, {RoleAudit, RoleAdmin}},
		"no audit":   {{"*"}, {RoleDecide, RoleAdmin}},
		"no admin":   {{"*"}, {RoleDecide, RoleAudit}},
		"revoked":    {{"*"}, Roles},
		"two enti":   {{"massa", "tradate"}, {RoleAudit}},
		"only audit": {{"massa"}, {RoleAudit}},
	} {
		k, secret, err := CreateKey(context.Background(), st, name, scope[0], scope[1], time.Now())
		if err != nil {
			t.Fatal(err)
		}
		env.secrets[name] = secret
		if name == "revoked" {
			if _, err := st.RevokeKey(context.Background(), k.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if env.keys, err = NewKeyring(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	bat := store.NewBatcher(st, 0)
	t.Cleanup(bat.Close)
	env.testEnv = &testEnv{tb: t, decider: &countingDecider{Decider: eng}, log: &bytes.Buffer{}}
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: st, Recorder: bat, Versions: st, Reloader: r, Keys: env.keys, Rate: rate,
		Checkpointer: &fakeCheckpointer{},
		// The people's clock is fixed, so that a decision of the seed's
		// day stays within its appeal period whenever the tests run.
		Now:     func() time.Time { return liftTime },
		Reviews: &review.Service{Store: st, Judge: eng, Now: func() time.Time { return liftTime }}, Transparency: Report(st),
		Meta:          &Meta{Connector: metaConnector(t, "http://127.0.0.1:1"), Outbox: st},
		Subscriptions: st, Policies: policies, Verifier: st,
	})
	return env
}

// call serves a request with the key named who ("" for none).
func (env *authEnv) call(method, path, body, who string) *httptest.ResponseRecorder {
	req := httpCase{method: method, path: path, body: body}.request()
	if who != "" {
		secret, ok := env.secrets[who]
		if !ok {
			secret = who // a key given as is
		}
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	return env.serve(req)
}

// counts is what a refused request must leave as it was.
func (env *authEnv) counts(t *testing.T) (decisions, keys, revoked int) {
	t.Helper()
	recs, _, err := env.st.List(context.Background(), store.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	ks, err := env.st.APIKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		if k.RevokedAt != nil {
			revoked++
		}
	}
	return len(recs), len(ks), revoked
}

func decideBody(ente, contentID string) string {
	return post{ente: ente, content: contentID, author: "fb:1", text: "Grazie per l'informazione", now: at(0)}.body()
}

// TestAuthMatrix runs every route of the router with no key, a revoked
// key, a key of another ente, a key without the route's role and the right
// key. A route without a row fails the test, so a new endpoint cannot
// ship without its access rules.
func TestAuthMatrix(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	ctx := context.Background()
	massa, err := env.eng.Ente("massa")
	if err != nil {
		t.Fatal(err)
	}
	res := env.call("POST", "/decide", decideBody("massa", "seed"), "massa")
	if res.Code != http.StatusOK {
		t.Fatalf("seed decision: %d %s", res.Code, res.Body)
	}
	decisionID := decodeDecision(t, res).DecisionID
	res = env.call("POST", "/decide", post{ente: "massa", content: "removed", author: "fb:1", text: "Sei uno stronzo", now: at(0)}.body(), "massa")
	if res.Code != http.StatusOK {
		t.Fatalf("seed removal: %d %s", res.Code, res.Body)
	}
	removedID := decodeDecision(t, res).DecisionID
	res = env.call("POST", "/decide", post{ente: "massa", content: "doubt", author: "fb:2", text: "Siete dei buffoni", now: at(0)}.body(), "massa")
	if res.Code != http.StatusOK || decodeDecision(t, res).Outcome != "review" {
		t.Fatalf("seed review: %d %s", res.Code, res.Body)
	}
	reviewID := decodeDecision(t, res).DecisionID
	victims := 0
	victim := func() string { // a key for DELETE /admin/keys/{id} to revoke
		victims++
		k, _, err := CreateKey(ctx, env.st, "victim "+strconv.Itoa(victims), []string{"massa"}, []string{RoleDecide}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return k.ID
	}
	victimID := victim()
	if _, err := env.st.Enqueue(ctx, []store.Delivery{{ID: "dead-massa", Ente: "massa", Platform: "facebook", PageID: metaMassaPage,
		ObjectID: "c1", Digest: "d1", Request: []byte(`{}`), State: store.DeliveryDead}}); err != nil {
		t.Fatal(err)
	}

	res = env.call("POST", "/subscriptions", `{"url":"https://example.org/massa"}`, "massa")
	if res.Code != http.StatusCreated {
		t.Fatalf("seed subscription: %d %s", res.Code, res.Body)
	}
	var sub struct{ ID string }
	if err := json.Unmarshal(res.Body.Bytes(), &sub); err != nil {
		t.Fatal(err)
	}

	type row struct {
		method, path, body string
		role               string // "" for any role
		// other is the status a key of tradate gets: 403, or 200 where a
		// list shows it its own enti only.
		other int
		right int // with the right key
	}
	rows := []row{
		{"POST", "/decide", decideBody("massa", "m1"), RoleDecide, 403, 200},
		{"GET", "/decisions?ente=massa", "", RoleAudit, 403, 200},
		{"GET", "/decisions/" + decisionID, "", RoleAudit, 403, 200},
		{"GET", "/decisions/" + removedID + "/notice", "", RoleAudit, 403, 200},
		{"GET", "/reviews?ente=massa", "", RoleDecide, 403, 200},
		{"GET", "/reviews/" + reviewID, "", RoleDecide, 403, 200},
		{"POST", "/reviews/" + reviewID + "/claim", "", RoleDecide, 403, 200},
		{"POST", "/reviews/" + reviewID + "/release", "", RoleDecide, 403, 200},
		{"POST", "/reviews/" + reviewID + "/resolve", `{"outcome":"allow","reason":"Critica, non insulto."}`, RoleDecide, 403, 200},
		{"POST", "/decisions/" + removedID + "/appeals", `{"by":"author","grounds":"Non era un insulto."}`, RoleDecide, 403, 201},
		{"GET", "/transparency?ente=massa&from=2026-11-01T00:00:00%2B01:00&to=2026-12-01T00:00:00%2B01:00", "", RoleAudit, 403, 200},
		{"POST", "/admin/authors/unblock", `{"ente":"massa","author":"ps_00000000000000000000000000000000"}`, RoleAdmin, 403, 200},
		{"POST", "/replay", `{"ente":"massa"}`, RoleAudit, 403, 200},
		{"GET", "/diff?ente=massa&from=" + massa.Revision, "", RoleAudit, 403, 200},
		{"GET", "/versions?ente=massa", "", RoleAudit, 403, 200},
		{"GET", "/versions/" + massa.Revision, "", RoleAudit, 403, 200},
		{"POST", "/admin/reload", "", RoleAdmin, 403, 200},
		{"POST", "/admin/keys", `{"name":"new","enti":["massa"],"roles":["decide"]}`, RoleAdmin, 403, 201},
		{"GET", "/admin/keys", "", RoleAdmin, 403, 200},
		{"DELETE", "/admin/keys/" + victimID, "", RoleAdmin, 403, 200},
		{"POST", "/admin/checkpoint", "", RoleAdmin, 403, 200},
		{"GET", "/admin/meta/outbox?state=dead", "", RoleAdmin, 200, 200},
		{"POST", "/admin/meta/outbox/dead-massa/retry", "", RoleAdmin, 403, 200},
		{"POST", "/subscriptions", `{"url":"https://example.org/hook","enti":["massa"]}`, RoleAudit, 403, 201},
		{"GET", "/subscriptions", "", RoleAudit, 200, 200},
		{"DELETE", "/subscriptions/" + sub.ID, "", RoleAudit, 403, 204},
		{"GET", "/enti", "", "", 200, 200},
		{"GET", "/me", "", "", 200, 200},
		{"POST", "/try?working=true", decideBody("massa", "t1"), RoleDecide, 403, 200},
		{"GET", "/audit/verify?ente=massa", "", RoleAudit, 403, 200},
	}
	// The right key: massa's for massa's data; admin's where the route
	// concerns every ente (reload, keys).
	every := map[string]bool{"POST /admin/reload": true, "POST /admin/keys": true, "GET /admin/keys": true, "DELETE /admin/keys/:id": true,
		"POST /admin/checkpoint": true}

	covered := map[string]bool{}
	for _, r := range rows {
		route := r.method + " " + routeOf(env.router.Routes(), r.method, strings.SplitN(r.path, "?", 2)[0])
		covered[route] = true
		t.Run(route, func(t *testing.T) {
			refused := []struct {
				who    string
				status int
				slug   string
			}{
				{"", http.StatusUnauthorized, probUnauthorized},
				{"revoked", http.StatusUnauthorized, probUnauthorized},
				{"glt_" + strings.Repeat("A", 43), http.StatusUnauthorized, probUnauthorized},
			}
			if r.other != http.StatusOK {
				refused = append(refused, struct {
					who    string
					status int
					slug   string
				}{"tradate", r.other, probForbidden})
			}
			if r.role != "" {
				refused = append(refused, struct {
					who    string
					status int
					slug   string
				}{"no " + r.role, http.StatusForbidden, probForbidden})
			}
			d0, k0, rv0 := env.counts(t)
			for _, c := range refused {
				res := env.call(r.method, r.path, r.body, c.who)
				if res.Code != c.status {
					t.Fatalf("key %q: status %d, want %d; %s", c.who, res.Code, c.status, res.Body)
				}
				if p := decodeProblem(t, res); p.Type != "/problems/"+c.slug {
					t.Errorf("key %q: problem %s, want %s", c.who, p.Type, c.slug)
				}
				if c.status == http.StatusUnauthorized && !strings.HasPrefix(res.Header().Get("WWW-Authenticate"), "Bearer ") {
					t.Errorf("key %q: WWW-Authenticate %q", c.who, res.Header().Get("WWW-Authenticate"))
				}
			}
			if d, k, rv := env.counts(t); d != d0 || k != k0 || rv != rv0 {
				t.Errorf("refused requests changed the store: decisions %d→%d, keys %d→%d, revoked %d→%d", d0, d, k0, k, rv0, rv)
			}
			who := "massa"
			if every[route] {
				who = "admin"
			}
			if res := env.call(r.method, r.path, r.body, who); res.Code != r.right {
				t.Fatalf("the right key (%s): status %d, want %d; %s", who, res.Code, r.right, res.Body)
			}
			if d, k, rv := env.counts(t); route == "POST /decide" && d != d0+1 ||
				route == "POST /admin/keys" && k != k0+1 || route == "DELETE /admin/keys/:id" && rv != rv0+1 {
				t.Errorf("the right key's request did not do its work: decisions %d→%d, keys %d→%d, revoked %d→%d", d0, d, k0, k, rv0, rv)
			}
		})
	}
	for _, r := range env.router.Routes() {
		route := r.Method + " " + r.Path
		if !covered[route] && !openRoutes[route] {
			t.Errorf("route %s has no row in the access matrix", route)
		}
	}
	// The open routes answer without a key.
	for route := range openRoutes {
		method, path, _ := strings.Cut(route, " ")
		path = strings.Replace(path, ":slug", probForbidden, 1)
		want := http.StatusOK
		switch route {
		case "GET /webhooks/meta":
			path += "?hub.mode=subscribe&hub.verify_token=" + metaVerifyToken + "&hub.challenge=42"
		case "POST /webhooks/meta":
			want = http.StatusUnauthorized // by its signature, not a key
			if res := env.call(method, path, "{}", ""); res.Code != want || decodeProblem(t, res).Type != "/problems/"+probInvalidSignature {
				t.Errorf("open %s without a key or signature: %d %s", route, res.Code, res.Body)
			}
			continue
		}
		if res := env.call(method, path, "", ""); res.Code != want {
			t.Errorf("open %s without a key: %d %s", route, res.Code, res.Body)
		}
	}
}

// TestAuthLists checks that lists show only the enti of the key, and that
// a key of several enti sees each of them.
func TestAuthLists(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	for i, ente := range []string{"massa", "tradate", "massa"} {
		if res := env.call("POST", "/decide", decideBody(ente, "c"+strconv.Itoa(i)), "admin"); res.Code != http.StatusOK {
			t.Fatalf("decide for %s: %d %s", ente, res.Code, res.Body)
		}
	}
	entiOf := func(who, path, list, member string) []string {
		t.Helper()
		res := env.call("GET", path, "", who)
		if res.Code != http.StatusOK {
			t.Fatalf("%s with key %s: %d %s", path, who, res.Code, res.Body)
		}
		var body map[string]json.RawMessage
		if err := json.Unmarshal(res.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := json.Unmarshal(body[list], &items); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, item := range items {
			out = append(out, item[member].(string))
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		who, path, list, member string
		want                    []string
	}{
		{"massa", "/decisions", "decisions", "ente", []string{"massa", "massa"}},
		{"tradate", "/decisions", "decisions", "ente", []string{"tradate"}},
		{"two enti", "/decisions", "decisions", "ente", []string{"massa", "massa", "tradate"}},
		{"admin", "/decisions", "decisions", "ente", []string{"massa", "massa", "tradate"}},
		{"massa", "/versions", "versions", "ente", []string{"massa"}},
		{"two enti", "/versions", "versions", "ente", []string{"massa", "tradate"}},
		{"tradate", "/enti", "enti", "id", []string{"tradate"}},
		{"admin", "/enti", "enti", "id", []string{"massa", "tradate"}},
	} {
		if got := entiOf(c.who, c.path, c.list, c.member); !slices.Equal(got, c.want) {
			t.Errorf("%s with key %s lists %v, want %v", c.path, c.who, got, c.want)
		}
	}
	// A filter outside the key's enti is refused, not answered empty.
	if res := env.call("GET", "/decisions?ente=tradate", "", "massa"); res.Code != http.StatusForbidden {
		t.Errorf("massa's key filtering tradate: %d %s", res.Code, res.Body)
	}
}

// TestAuthKeysThroughAPI creates a key through the API, uses it, lists it
// without its secret, revokes it and sees it refused at once.
func TestAuthKeysThroughAPI(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	res := env.call("POST", "/admin/keys", `{"name":"URP Massa","enti":["massa"],"roles":["decide"]}`, "admin")
	if res.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	var created createdKey
	if err := json.Unmarshal(res.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.Key, keyPrefix) || len(created.Key) != len(keyPrefix)+43 ||
		created.Name != "URP Massa" || !slices.Equal(created.Enti, []string{"massa"}) || created.RevokedAt != nil {
		t.Fatalf("created %+v", created)
	}
	if res := env.call("POST", "/decide", decideBody("massa", "k1"), created.Key); res.Code != http.StatusOK {
		t.Fatalf("decide with the new key: %d %s", res.Code, res.Body)
	}
	if res := env.call("POST", "/decide", decideBody("tradate", "k2"), created.Key); res.Code != http.StatusForbidden {
		t.Fatalf("decide for tradate with massa's new key: %d %s", res.Code, res.Body)
	}
	res = env.call("GET", "/admin/keys", "", "admin")
	if strings.Contains(res.Body.String(), created.Key) || strings.Contains(res.Body.String(), HashKey(created.Key)) {
		t.Fatal("GET /admin/keys shows a key or its hash")
	}
	var list keyList
	if err := json.Unmarshal(res.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(list.Keys, func(k store.APIKey) bool { return k.ID == created.ID && k.Name == "URP Massa" }) {
		t.Fatalf("the new key is not listed: %s", res.Body)
	}
	if res := env.call("DELETE", "/admin/keys/"+created.ID, "", "admin"); res.Code != http.StatusOK {
		t.Fatalf("revoke: %d %s", res.Code, res.Body)
	}
	if res := env.call("POST", "/decide", decideBody("massa", "k3"), created.Key); res.Code != http.StatusUnauthorized {
		t.Fatalf("decide with the revoked key: %d %s", res.Code, res.Body)
	}
	for _, c := range []struct {
		body   string
		fields []string
	}{
		{`{"name":"","enti":["massa"],"roles":["decide"]}`, []string{"name"}},
		{`{"name":"x","enti":["*","massa"],"roles":["decide"]}`, []string{"enti"}},
		{`{"name":"x","enti":["Massa"],"roles":["decide"]}`, []string{"enti"}},
		{`{"name":"x","enti":["massa"],"roles":["root"]}`, []string{"roles"}},
		{`{"name":"x"}`, []string{"enti", "roles"}},
	} {
		res := env.call("POST", "/admin/keys", c.body, "admin")
		p := decodeProblem(t, res)
		var got []string
		for _, f := range p.Errors {
			got = append(got, f.Field)
		}
		if res.Code != http.StatusUnprocessableEntity || !slices.Equal(got, c.fields) {
			t.Errorf("create %s: %d fields %v, want 422 %v", c.body, res.Code, got, c.fields)
		}
	}
	if res := env.call("DELETE", "/admin/keys/nope", "", "admin"); res.Code != http.StatusNotFound || decodeProblem(t, res).Type != "/problems/"+probUnknownKey {
		t.Errorf("revoke an unknown key: %d %s", res.Code, res.Body)
	}
}

// TestKeyringRefresh checks that a key created or revoked elsewhere (the
// CLI, another server) takes effect here once the keyring reads the store
// again, as Follow does every KeyRefreshEvery.
func TestKeyringRefresh(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	ctx := context.Background()
	k, secret, err := CreateKey(ctx, env.st, "elsewhere", []string{"massa"}, []string{RoleAudit}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res := env.call("GET", "/enti", "", secret); res.Code != http.StatusUnauthorized {
		t.Fatalf("before a refresh: %d", res.Code)
	}
	if err := env.keys.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if res := env.call("GET", "/enti", "", secret); res.Code != http.StatusOK {
		t.Fatalf("after a refresh: %d %s", res.Code, res.Body)
	}
	if _, err := env.st.RevokeKey(ctx, k.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := env.keys.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if res := env.call("GET", "/enti", "", secret); res.Code != http.StatusUnauthorized {
		t.Fatalf("revoked elsewhere, after a refresh: %d", res.Code)
	}
}

// TestAuthRateLimit checks that a key beyond its burst gets 429 with
// Retry-After, and that other keys are not affected. The rate is so slow
// that no token comes back during the test, whatever the machine's speed.
func TestAuthRateLimit(t *testing.T) {
	env := newAuthEnv(t, RateLimit{PerSecond: 0.001, Burst: 2})
	for i := range 2 {
		if res := env.call("GET", "/enti", "", "massa"); res.Code != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i+1, res.Code)
		}
	}
	res := env.call("GET", "/enti", "", "massa")
	if res.Code != http.StatusTooManyRequests || decodeProblem(t, res).Type != "/problems/"+probRateLimited {
		t.Fatalf("beyond the burst: %d %s", res.Code, res.Body)
	}
	if s, err := strconv.Atoi(res.Header().Get("Retry-After")); err != nil || s < 1 {
		t.Errorf("Retry-After %q, want whole seconds >= 1", res.Header().Get("Retry-After"))
	}
	// Every endpoint spends from the same bucket, and a refused request
	// decides nothing.
	d0, _, _ := env.counts(t)
	for _, r := range [][3]string{
		{"POST", "/decide", decideBody("massa", "r1")},
		{"GET", "/decisions", ""},
		{"GET", "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1T", ""},
		{"POST", "/admin/authors/unblock", `{"ente":"massa","author":"ps_00000000000000000000000000000000"}`},
	} {
		if res := env.call(r[0], r[1], r[2], "massa"); res.Code != http.StatusTooManyRequests {
			t.Errorf("%s %s beyond the burst: %d", r[0], r[1], res.Code)
		}
	}
	if d, _, _ := env.counts(t); d != d0 {
		t.Errorf("a rate-limited POST /decide recorded a decision: %d → %d", d0, d)
	}
	if res := env.call("GET", "/enti", "", "tradate"); res.Code != http.StatusOK {
		t.Errorf("another key: %d", res.Code)
	}
	// Unauthenticated requests never reach a bucket.
	if res := env.call("GET", "/enti", "", ""); res.Code != http.StatusUnauthorized {
		t.Errorf("no key: %d", res.Code)
	}
}

// authRefused has a route answer 401 (no key), 403 (a key without role)
// and 429 (a key beyond its burst), so that the tests of openapi.yaml see
// every status each protected operation documents, whichever tests run.
func authRefused(t *testing.T, method, path, body, role string) {
	t.Helper()
	var keys memKeys
	secrets := map[bool]string{}
	for _, has := range []bool{true, false} {
		roles := slices.DeleteFunc(slices.Clone(Roles), func(r string) bool { return r == role })
		if has {
			roles = Roles
		}
		k, secret, err := NewKey("k", []string{AllEnti}, roles, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		keys, secrets[has] = append(keys, k), secret
	}
	kr, err := NewKeyring(context.Background(), keys)
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{tb: t, decider: &countingDecider{Decider: realEngine(t)}, log: &bytes.Buffer{}}
	env.router = New(env.decider, Options{Logger: env.logger(), Keys: kr, Rate: RateLimit{PerSecond: 0.001, Burst: 1}})
	send := func(secret string) int {
		req := httpCase{method: method, path: path, body: body}.request()
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		return env.serve(req).Code
	}
	if got := send(""); got != http.StatusUnauthorized {
		t.Errorf("%s %s without a key: %d", method, path, got)
	}
	if got := send(secrets[false]); got != http.StatusForbidden {
		t.Errorf("%s %s with a key without %s: %d", method, path, role, got)
	}
	send(secrets[true]) // spends the burst, whatever the handler answers
	if got := send(secrets[true]); got != http.StatusTooManyRequests {
		t.Errorf("%s %s beyond the burst: %d", method, path, got)
	}
}

// TestBearer checks the parsing of the Authorization header.
func TestBearer(t *testing.T) {
	for _, c := range []struct {
		header, key string
		ok          bool
	}{
		{"Bearer glt_x", "glt_x", true},
		{"bearer glt_x", "glt_x", true},
		{"Bearer  glt_x ", "glt_x", true},
		{"Basic Zm9vOmJhcg==", "", false},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"glt_x", "", false},
	} {
		if key, ok := bearer(c.header); key != c.key || ok != c.ok {
			t.Errorf("bearer(%q) = %q, %v; want %q, %v", c.header, key, ok, c.key, c.ok)
		}
	}
}

// memKeys is a KeyStore of keys in memory, for the benchmark.
type memKeys []store.APIKey

func (m memKeys) CreateKey(context.Context, store.APIKey) error   { return nil }
func (m memKeys) APIKeys(context.Context) ([]store.APIKey, error) { return m, nil }
func (m memKeys) RevokeKey(context.Context, string, time.Time) (store.APIKey, error) {
	return store.APIKey{}, store.ErrNotFound
}

// BenchmarkAuthenticate measures what a request pays to be authenticated
// among 1,000 keys: a sha256 of the key and a map lookup.
func BenchmarkAuthenticate(b *testing.B) {
	var keys memKeys
	var secret string
	for i := range 1000 {
		k, s, err := NewKey("k"+strconv.Itoa(i), []string{"massa"}, []string{RoleDecide}, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		keys, secret = append(keys, k), s
	}
	kr, err := NewKeyring(context.Background(), keys)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := kr.lookup(secret); !ok {
			b.Fatal("key not found")
		}
	}
}
