package api

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/store"
)

// request is a body of POST /decide for Massa with the given members
// written raw, so that a test can send what json.Marshal never writes.
func request(content, rest string) string {
	if content == "" {
		content = `"id":"123_456","kind":"comment","text":"Grazie"`
	}
	if rest != "" {
		rest = "," + rest
	}
	return `{"ente":"massa","channel":{"platform":"facebook"},"content":{` + content + `}` + rest + `}`
}

func reasonHas(field, s string) func(*testing.T, *httptest.ResponseRecorder) {
	return func(t *testing.T, res *httptest.ResponseRecorder) {
		t.Helper()
		for _, f := range decodeProblem(t, res).Errors {
			if f.Field == field && strings.Contains(f.Reason, s) {
				return
			}
		}
		t.Errorf("no reason of %s says %q: %s", field, s, res.Body)
	}
}

// hostileCases are bodies that encoding/json alone would accept, and
// decide or record as something other than what was sent.
var hostileCases = []httpCase{
	{name: "duplicate ente", status: 400, problem: probDuplicateKey, fields: []string{"ente"},
		body:  `{"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"},"ente":"tradate"}`,
		check: detailHas("ente")},
	{name: "duplicate nested key", status: 400, problem: probDuplicateKey, fields: []string{"content.id"},
		body: request(`"id":"a","kind":"comment","text":"a","id":"b"`, "")},
	{name: "duplicate key in a map", status: 400, problem: probDuplicateKey, fields: []string{"signals.spam"},
		body: request("", `"signals":{"spam":0.9,"spam":0.1}`)},
	{name: "key in another case", status: 422, problem: probInvalidRequest, fields: []string{"ENTE"},
		body:  `{"ENTE":"massa","ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"}}`,
		check: reasonHas("ENTE", `did you mean "ente"`)},
	{name: "nested key in another case", status: 422, problem: probInvalidRequest, fields: []string{"content.Text"},
		body: request(`"kind":"comment","text":"a","Text":"b"`, "")},
	{name: "unknown member", status: 422, problem: probInvalidRequest, fields: []string{"extra"},
		body: request("", `"extra":{"a":[1,2]}`), check: reasonHas("extra", "the members are author, channel")},
	{name: "unknown nested member", status: 422, problem: probInvalidRequest, fields: []string{"content.media[1].size"},
		body: request(`"kind":"comment","text":"a","media":[{"type":"image"},{"type":"video","size":3}]`, "")},
	{name: "NUL in content.id", status: 422, problem: probInvalidRequest, fields: []string{"content.id"},
		body: request(`"id":"123\u0000456","kind":"comment","text":"a"`, ""), check: reasonHas("content.id", "NUL")},
	{name: "NUL in author.name", status: 422, problem: probInvalidRequest, fields: []string{"author.name"},
		body: request("", `"author":{"id":"fb:1","name":"Mario\u0000"}`)},
	{name: "invalid UTF-8 in content.text", status: 422, problem: probInvalidRequest, fields: []string{"content.text"},
		body: request("\"kind\":\"comment\",\"text\":\"ciao \xff\xfe\"", ""), check: reasonHas("content.text", "UTF-8")},
	{name: "surrogate written as UTF-8 bytes", status: 422, problem: probInvalidRequest, fields: []string{"content.thread.text"},
		body: request("\"kind\":\"comment\",\"text\":\"a\",\"thread\":{\"text\":\"\xed\xa0\x80\"}", "")},
	{name: "lone high surrogate", status: 422, problem: probInvalidRequest, fields: []string{"content.text"},
		body: request(`"kind":"comment","text":"ciao \ud800"`, ""), check: reasonHas("content.text", `\ud800`)},
	{name: "high surrogate before another escape", status: 422, problem: probInvalidRequest, fields: []string{"content.text"},
		body: request(`"kind":"comment","text":"\ud800\u0041"`, "")},
	{name: "lone low surrogate", status: 422, problem: probInvalidRequest, fields: []string{"author.id"},
		body: request("", `"author":{"id":"\udc00fb"}`)},
	{name: "lone surrogate in a key", status: 422, problem: probInvalidRequest, fields: []string{`signals.x\ud800`},
		body: request("", `"signals":{"x\ud800":0.5}`), check: reasonHas(`signals.x\ud800`, "lone surrogate")},
	{name: "every bad field at once", status: 422, problem: probInvalidRequest,
		fields: []string{"content.id", "content.text", "author.name", "extra"},
		body:   request(`"id":"\u0000","kind":"comment","text":"\udfff"`, `"author":{"name":"\ud801"},"extra":1`)},
	{name: "now before 1900", status: 422, problem: probInvalidRequest, fields: []string{"now"},
		body: request("", `"now":"0000-01-01T00:00:00Z"`), check: reasonHas("now", "1900-01-01T00:00:00Z")},
	{name: "now after 2199", status: 422, problem: probInvalidRequest, fields: []string{"now"},
		body: request("", `"now":"9999-12-31T23:59:59Z"`)},
	{name: "now before 1900 by its offset", status: 422, problem: probInvalidRequest, fields: []string{"now"},
		body: request("", `"now":"1900-01-01T00:30:00+01:00"`)},
	{name: "now after 2199 by its offset", status: 422, problem: probInvalidRequest, fields: []string{"now"},
		body: request("", `"now":"2199-12-31T23:30:00-01:00"`)},
	{name: "created_at out of range", status: 422, problem: probInvalidRequest, fields: []string{"content.created_at"},
		body: request(`"kind":"comment","text":"a","created_at":"1899-12-31T23:59:59Z"`, "")},
}

// TestHostileInput: each body is refused with the problem that names it,
// and nothing is decided or recorded.
func TestHostileInput(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			env := newEnv(t, envOptions{})
			env.run(t, c)
			if n, m := env.decider.decides.Load(), env.audit.records.Load(); n != 0 || m != 0 {
				t.Fatalf("a rejected request was decided %d and recorded %d times", n, m)
			}
		})
	}
}

// TestHonestInputStillPasses: what the strict decoder must not refuse.
func TestHonestInputStillPasses(t *testing.T) {
	env := newEnv(t, envOptions{})
	for _, c := range []httpCase{
		{name: "surrogate pair", body: request(`"kind":"comment","text":"Grazie \ud83d\ude00"`, "")},
		{name: "replacement character sent as such", body: request("\"kind\":\"comment\",\"text\":\"Grazie \\ufffd \xef\xbf\xbd\"", "")},
		{name: "other escapes", body: request(`"kind":"comment","text":"a\\\"\/\b\f\n\r\t\u00e8"`, "")},
		{name: "the same key in two objects", body: request(`"id":"x","kind":"comment","text":"a","thread":{"id":"y"}`, `"author":{"id":"z"}`)},
		{name: "first instant", body: request("", `"now":"1900-01-01T00:00:00Z"`)},
		{name: "last instant", body: request("", `"now":"2199-12-31T23:59:59.999999999Z"`)},
	} {
		c.status = http.StatusOK
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
}

// TestStrictEveryBody: every endpoint that reads a body answers a duplicate
// key, a key in another case and an unknown member alike.
func TestStrictEveryBody(t *testing.T) {
	env := newReloadEnv(t, backend{"sqlite", openSQLite}, "massa")
	author := `"ps_4f2a9c0d1e7b3a5968c2d4e6f8a0b1c3"`
	for _, c := range []struct{ path, good string }{
		{"/decide", `"ente":"massa","channel":{"platform":"x"},"content":{"kind":"comment","text":"a"}`},
		{"/replay", `"ente":"massa"`},
		{"/admin/authors/unblock", `"ente":"massa","author":` + author},
		{"/admin/reload", ``},
	} {
		sep := ","
		if c.good == "" {
			sep = ""
		}
		for _, h := range []httpCase{
			{name: "duplicate", body: `{` + c.good + sep + `"x":1,"x":2}`, status: 400, problem: probDuplicateKey, fields: []string{"x"}},
			{name: "case", body: `{` + c.good + sep + `"Ente":"massa"}`, status: 422, problem: probInvalidRequest, fields: []string{"Ente"}},
			{name: "unknown", body: `{` + c.good + sep + `"extra":true}`, status: 422, problem: probInvalidRequest, fields: []string{"extra"}},
			{name: "NUL", body: `{` + c.good + sep + `"e\u0000":1}`, status: 422, problem: probInvalidRequest, fields: []string{`e\u0000`}},
			{name: "good", body: `{` + c.good + `}`, status: http.StatusOK},
		} {
			h.path = c.path
			t.Run(c.path+"/"+h.name, func(t *testing.T) { env.run(t, h) })
		}
	}
}

// TestDecodeRequest: galateo decide reads a file through the API's decoder.
func TestDecodeRequest(t *testing.T) {
	if _, err := DecodeRequest([]byte(request("", `"ente":"tradate"`))); err == nil || !strings.Contains(err.Error(), "ente") {
		t.Errorf("duplicate ente: %v", err)
	}
	_, err := DecodeRequest([]byte(request(`"id":"\u0000","kind":"comment","text":"a"`, "")))
	if f := FieldErrors(err); len(f) != 1 || f[0].Field != "content.id" {
		t.Errorf("NUL in content.id: %v, fields %+v", err, f)
	}
	req, err := DecodeRequest([]byte(request("", "")))
	if err != nil || req.Ente != "massa" || req.Author.Role != "citizen" {
		t.Errorf("good request: %+v, %v", req, err)
	}
}

// TestHostileInputNeverReachesTheStore: on both stores, a NUL (which
// PostgreSQL cannot keep in text) and an instant the log could not keep
// are refused before anything is written, and decisions at both ends of
// the accepted range verify, replay and diff.
func TestHostileInputNeverReachesTheStore(t *testing.T) {
	forEachBackend(t, func(t *testing.T, env *storeEnv) {
		for _, c := range hostileCases {
			env.run(t, c)
		}
		if items, _ := env.list(t, "limit=500"); len(items) != 0 {
			t.Fatalf("the log holds %d records of rejected requests", len(items))
		}
		first := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		last := time.Date(2199, 12, 31, 23, 59, 59, 0, time.UTC)
		var decided []string
		for i, now := range []time.Time{first, last} {
			d, _ := env.decide(t, post{content: fmt.Sprint("end", i), author: "fb:1", text: "Sei uno stronzo", now: now})
			decided = append(decided, d.DecisionID)
			if got := env.detail(t, d.DecisionID)["decided_at"]; got != now.Format(time.RFC3339Nano) {
				t.Errorf("decided_at %v, want %s", got, now.Format(time.RFC3339Nano))
			}
		}
		if rep, err := env.st.Verify(context.Background(), ""); err != nil || len(rep.Problems) != 0 || rep.Records != 2 {
			t.Fatalf("verify = %+v, %v; want 2 records and no problem", rep, err)
		}
		items, _ := env.list(t, "from=1900-01-01T00:00:00Z&to=2199-12-31T23:59:59.999999999Z")
		if len(items) != 2 {
			t.Errorf("GET /decisions over the whole range lists %d records, want 2", len(items))
		}
		env.run(t, httpCase{method: "GET", path: "/decisions?from=0001-01-01T00:00:00Z", status: 400, problem: probInvalidQuery, fields: []string{"from"}})

		var rep replay.Report
		decodeJSON(t, env.run(t, httpCase{path: "/replay", body: `{"ente":"massa","from":"1900-01-01T00:00:00Z"}`, status: http.StatusOK}), &rep)
		if rep.Replayed != 2 || rep.Same != 2 {
			t.Errorf("replay over both ends: %+v, want 2 replayed, 2 the same", rep)
		}
		env.run(t, httpCase{path: "/replay", body: `{"ente":"massa","to":"9999-12-31T23:59:59Z"}`, status: 422, problem: probInvalidRequest, fields: []string{"to"}})

		massa, err := env.decider.Ente("massa")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.st.SaveVersion(context.Background(), store.Version{Revision: massa.Revision, Ente: "massa", Label: massa.Version, Files: massa.Source}); err != nil {
			t.Fatal(err)
		}
		var report diff.Report
		decodeJSON(t, env.run(t, httpCase{method: "GET", status: http.StatusOK,
			path: diffPath("ente", "massa", "from", massa.Revision, "since", "1900-01-01T00:00:00Z")}), &report)
		if b := report.Behaviour; b == nil || b.DecisionsReplayed != 2 || len(b.Decisions) != 0 {
			t.Errorf("diff since 1900 over both ends: %+v, want 2 replayed and none changed", b)
		}
		env.run(t, httpCase{method: "GET", path: diffPath("ente", "massa", "from", massa.Revision, "since", "0000-01-01T00:00:00Z"),
			status: 400, problem: probInvalidQuery, fields: []string{"since"}})
	})
}

// BenchmarkDecodeRequest is what reading a body costs, the strict walk
// included, next to a decision's milliseconds.
func BenchmarkDecodeRequest(b *testing.B) {
	body := []byte(comment(strings.Repeat("Quando riapre la biblioteca comunale? ", 10), monday))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRequest(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckStrict(b *testing.B) {
	body := []byte(comment(strings.Repeat("Quando riapre la biblioteca comunale? ", 10), monday))
	b.ReportAllocs()
	for b.Loop() {
		if err := checkStrict(body, reflect.TypeFor[engine.Request]()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestManyUnknownMembers: the answer to a body of unknown keys stays small.
func TestManyUnknownMembers(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, `,"x%d":1`, i)
	}
	res := newEnv(t, envOptions{}).run(t, httpCase{body: request("", b.String()[1:]), status: 422, problem: probInvalidRequest})
	if p := decodeProblem(t, res); len(p.Errors) != maxStrictErrors || p.Errors[0].Field != "x0" {
		t.Errorf("%d fields listed, first %+v; want %d from x0", len(p.Errors), p.Errors[0], maxStrictErrors)
	}
}
