package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
)

// A policy that would run for minutes is cut at the evaluation deadline:
// the client gets 503 evaluation-timeout naming the ente, with
// Retry-After, at once rather than a hung request, and nothing is recorded.
func TestEvaluationTimeout(t *testing.T) {
	files, err := engine.ReadFiles("../policies", "massa")
	if err != nil {
		t.Fatal(err)
	}
	// Eight billion steps: minutes, against a deadline of 50ms.
	files["enti/massa/runaway.rego"] = []byte(`package galateo.lib.standard

import rego.v1

violations contains v if {
	r := numbers.range(1, 2000)
	count([1 | some a in r; some b in r; some c in r; a + b + c < 0]) > 0
	v := {}
}
`)
	ent, err := engine.Compile(context.Background(), "massa", files)
	if err != nil {
		t.Fatal(err)
	}
	env := newEnv(t, envOptions{decider: engine.New([]*engine.Ente{ent}, engine.WithEvalTimeout(50*time.Millisecond))})
	env.run(t, httpCase{
		name: "runaway", body: comment("Grazie", "2026-11-23T10:15:00+01:00"),
		status: http.StatusServiceUnavailable, problem: probEvalTimeout,
		check: func(t *testing.T, res *httptest.ResponseRecorder) {
			p := decodeProblem(t, res)
			if p.Ente != "massa" || p.Revision != ent.Revision || res.Header().Get("Retry-After") != "1" {
				t.Errorf("problem %+v, Retry-After %q: want ente massa, its revision, 1 second", p, res.Header().Get("Retry-After"))
			}
		},
	})
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("%d records after a cut evaluation, want none", n)
	}
}
