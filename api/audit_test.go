package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// The tests of this file need no database: the audit log is a memLog.
// store_test.go runs the same endpoints against real stores.

const (
	seededID     = "01JDX3M8Q2W6ZK4H7N5B0C9R1T"
	seededAuthor = "ps_0123456789abcdef0123456789abcdef"
	seededRev    = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
)

// newAuditEnv is a router over a memLog that holds one decision.
func newAuditEnv(t *testing.T) *testEnv {
	t.Helper()
	// The decision is one the engine answered, so that the record reads
	// back as openapi.yaml describes it.
	var decision map[string]any
	decodeJSON(t, newEnv(t, envOptions{}).run(t, goodRequest), &decision)
	if decision["outcome"] != "allow" {
		t.Fatalf("the seeded decision is %v, want allow", decision["outcome"])
	}
	decision["decision_id"] = seededID
	env := newEnv(t, envOptions{})
	at := time.Date(2026, 11, 23, 9, 15, 3, 0, time.UTC)
	env.audit.byID[seededID] = &store.Record{
		Entry: store.Entry{
			DecisionID: seededID, Ente: "massa", Revision: seededRev, ContentID: "123_456", Author: seededAuthor,
			Outcome: "allow", DecidedAt: at,
			Decision: []byte(mustJSON(decision)),
			Input:    []byte(`{"content":{"text":"Grazie"}}`),
		},
		Seq: 1, RecordedAt: at, InputDigest: strings.Repeat("a", 64), Hash: strings.Repeat("b", 64),
	}
	return env
}

// members decodes a JSON object into its members.
func members(t *testing.T, raw []byte) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	return m
}

func badQuery(query string, fields ...string) httpCase {
	return httpCase{name: "bad query " + query, method: "GET", path: "/decisions?" + query,
		status: http.StatusBadRequest, problem: probInvalidQuery, fields: fields}
}

func unblockCase(name, body string, status int, problem string, fields ...string) httpCase {
	return httpCase{name: name, path: "/admin/authors/unblock", body: body, status: status, problem: problem, fields: fields}
}

// auditCases cover the audit and admin endpoints over a memLog.
var auditCases = []httpCase{
	{name: "list", method: "GET", path: "/decisions", status: http.StatusOK,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			var page struct {
				Decisions  []map[string]any `json:"decisions"`
				NextCursor *string          `json:"next_cursor"`
			}
			decodeJSON(t, res, &page)
			if len(page.Decisions) != 1 || page.NextCursor == nil || *page.NextCursor != "" {
				t.Fatalf("page %s, want the seeded decision and an empty next_cursor", res.Body)
			}
			d := page.Decisions[0]
			if d["decision_id"] != seededID || d["outcome"] != "allow" || d["seq"] != 1.0 || d["revision"] != seededRev ||
				d["decided_at"] != "2026-11-23T09:15:03Z" || d["author_pseudonym"] != seededAuthor || d["content_id"] != "123_456" {
				t.Errorf("listed decision %v", d)
			}
			if _, ok := d["input"]; ok {
				t.Errorf("the list carries inputs: %v", d)
			}
		}},
	{name: "list with every filter", method: "GET", status: http.StatusOK,
		path: "/decisions?ente=massa&outcome=remove&category=offensive_language&author=" + seededAuthor +
			"&from=2026-11-01T00:00:00%2B01:00&to=2026-12-01T00:00:00Z&limit=500&cursor=abc"},
	badQuery("limit=0", "limit"),
	badQuery("limit=501", "limit"),
	badQuery("limit=dieci", "limit"),
	badQuery("from=ieri", "from"),
	badQuery("from=2026-11-23T10:00:00Z&to=2026-11-23T10:00:00Z", "to"),
	badQuery("outcome=boh", "outcome"),
	badQuery("ente=Massa!", "ente"),
	badQuery("category=off%25", "category"),
	badQuery("author=fb:998877", "author"),
	badQuery("autor="+seededAuthor, "autor"),
	badQuery("ente=massa&ente=tradate", "ente"),
	badQuery("cursor="+strings.Repeat("x", 513), "cursor"),
	badQuery("limit=0&outcome=boh&zzz=1", "zzz", "outcome", "limit"),
	{name: "get", method: "GET", path: "/decisions/" + seededID, status: http.StatusOK,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			var d map[string]any
			decodeJSON(t, res, &d)
			input, _ := d["input"].(map[string]any)
			if d["decision_id"] != seededID || d["seq"] != 1.0 || d["hash"] != strings.Repeat("b", 64) || d["prev_hash"] != "" ||
				d["purged"] != false || input == nil || d["input_digest"] != strings.Repeat("a", 64) {
				t.Errorf("decision %v", d)
			}
		}},
	{name: "get unknown", method: "GET", path: "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1X", status: http.StatusNotFound, problem: probUnknownDecision},
	{name: "delete", method: "DELETE", path: "/decisions/" + seededID, status: http.StatusMethodNotAllowed, problem: probMethodNotAllowed},
	unblockCase("unblock", `{"ente":"massa","author":"`+seededAuthor+`"}`, http.StatusOK, ""),
	unblockCase("unblock malformed", `{"ente":"massa",`, http.StatusBadRequest, probMalformedJSON),
	unblockCase("unblock unknown ente", `{"ente":"atlantide","author":"`+seededAuthor+`"}`, http.StatusNotFound, probUnknownEnte),
	unblockCase("unblock missing fields", `{}`, http.StatusUnprocessableEntity, probInvalidRequest, "ente", "author"),
	unblockCase("unblock platform id", `{"ente":"massa","author":"fb:998877"}`, http.StatusUnprocessableEntity, probInvalidRequest, "author"),
	unblockCase("unblock wrong type", `{"ente":"massa","author":7}`, http.StatusUnprocessableEntity, probInvalidRequest, "author"),
	unblockCase("unblock too large", `{"ente":"massa","author":"`+strings.Repeat("a", 5000)+`"}`, http.StatusRequestEntityTooLarge, probBodyTooLarge),
	{name: "unblock text/plain", path: "/admin/authors/unblock", contentType: "text/plain", body: `{}`,
		status: http.StatusUnsupportedMediaType, problem: probUnsupportedMedia},
}

func TestAuditEndpoints(t *testing.T) {
	env := newAuditEnv(t)
	for _, c := range auditCases {
		t.Run(c.name, func(t *testing.T) {
			env.run(t, c)
			if n := env.decider.decides.Load(); n != 0 {
				t.Errorf("the audit endpoints evaluated %d times", n)
			}
		})
	}
	t.Run("unblock answers lifted", func(t *testing.T) {
		res := env.run(t, auditCases[slices.IndexFunc(auditCases, func(c httpCase) bool { return c.name == "unblock" })])
		if got := res.Body.String(); got != `{"lifted":false}` {
			t.Errorf("body %s", got)
		}
	})
}

// noStoreCases are answered by a server that keeps no audit log.
var noStoreCases = []httpCase{
	{name: "list", method: "GET", path: "/decisions", status: http.StatusServiceUnavailable, problem: probStoreUnavailable},
	{name: "get", method: "GET", path: "/decisions/" + seededID, status: http.StatusServiceUnavailable, problem: probStoreUnavailable},
	unblockCase("unblock", `{"ente":"massa","author":"`+seededAuthor+`"}`, http.StatusServiceUnavailable, probStoreUnavailable),
	{name: "decide", body: comment("Grazie", monday), status: http.StatusOK},
}

func TestWithoutStore(t *testing.T) {
	env := newEnv(t, envOptions{noStore: true})
	for _, c := range noStoreCases {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("a server without a store recorded %d decisions", n)
	}
}

func TestIdempotentInMemory(t *testing.T) {
	env := newEnv(t, envOptions{})
	first := decodeDecision(t, env.run(t, httpCase{body: comment("Sei uno stronzo", monday), status: http.StatusOK}))
	again := decodeDecision(t, env.run(t, httpCase{body: comment("Sei uno stronzo", sunday), status: http.StatusOK}))
	if first.DecisionID != again.DecisionID {
		t.Errorf("the same content got decisions %s and %s", first.DecisionID, again.DecisionID)
	}
	if n, m := env.decider.decides.Load(), env.audit.records.Load(); n != 1 || m != 1 {
		t.Errorf("decided %d and recorded %d times, want once each", n, m)
	}
}

func TestWithMembers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":1}`, `{"a":1,"seq":2}`},
		{` {} `, `{"seq":2}`},
		{`{ }`, `{ "seq":2}`},
		{`[1]`, ""},
		{`{"a":`, ""},
		{``, ""},
	} {
		got, err := withMembers([]byte(c.in), struct {
			Seq int `json:"seq"`
		}{2})
		if c.want == "" {
			if err == nil {
				t.Errorf("%q: no error, got %s", c.in, got)
			}
			continue
		}
		if err != nil || string(got) != c.want {
			t.Errorf("%q: %s %v, want %s", c.in, got, err, c.want)
		}
	}
}
