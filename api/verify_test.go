package api

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// newVerifyEnv is newStoreEnv whose store also verifies chains.
func newVerifyEnv(t *testing.T, b backend) *storeEnv {
	t.Helper()
	env := newStoreEnv(t, b)
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: env.st, Recorder: env.batcher, Now: func() time.Time { return liftTime }, Verifier: env.st,
	})
	return env
}

func verifyOK(t *testing.T, env *testEnv, query string) verifyResponse {
	t.Helper()
	var out verifyResponse
	decodeJSON(t, env.run(t, httpCase{method: "GET", path: "/audit/verify" + query, status: http.StatusOK}), &out)
	return out
}

// GET /audit/verify walks each chain of the log and reports it by ente.
func TestVerifyChains(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			env := newVerifyEnv(t, b)
			env.decide(t, post{content: "m1", author: "fb:1", text: "Grazie", now: at(0)})
			env.decide(t, post{content: "m2", author: "fb:1", text: insult, now: at(1)})
			env.decide(t, post{ente: "tradate", content: "t1", author: "fb:1", text: "Grazie", now: at(2)})

			all := verifyOK(t, env.testEnv, "")
			want := []chainVerdict{{Ente: "massa", Records: 2, OK: true}, {Ente: "tradate", Records: 1, OK: true}}
			if !all.OK || all.Records != 3 || len(all.Chains) != 2 || all.Chains[0] != want[0] || all.Chains[1] != want[1] {
				t.Errorf("every chain: %+v", all)
			}
			if one := verifyOK(t, env.testEnv, "?ente=massa"); !one.OK || one.Records != 2 || len(one.Chains) != 1 || one.Chains[0] != want[0] {
				t.Errorf("massa: %+v", one)
			}
			// An ente with no record has an empty chain, intact.
			if none := verifyOK(t, env.testEnv, "?ente=crespiatica"); !none.OK || len(none.Chains) != 1 || none.Chains[0] != (chainVerdict{Ente: "crespiatica", OK: true}) {
				t.Errorf("an ente without records: %+v", none)
			}
			for _, c := range []httpCase{
				{name: "bad ente", method: "GET", path: "/audit/verify?ente=Massa!", status: http.StatusBadRequest, problem: probInvalidQuery, fields: []string{"ente"}},
				{name: "empty ente", method: "GET", path: "/audit/verify?ente=", status: http.StatusBadRequest, problem: probInvalidQuery, fields: []string{"ente"}},
				{name: "unknown parameter", method: "GET", path: "/audit/verify?since=30d", status: http.StatusBadRequest, problem: probInvalidQuery, fields: []string{"since"}},
			} {
				t.Run(c.name, func(t *testing.T) { env.run(t, c) })
			}
		})
	}
}

// fakeVerifier answers Verify with a report or an error.
type fakeVerifier struct {
	rep store.Report
	err error
}

func (f fakeVerifier) Verify(context.Context, string) (store.Report, error) { return f.rep, f.err }

// A broken chain is reported with its first bad record; a store that
// cannot be read, or none, is a 503.
func TestVerifyBrokenChain(t *testing.T) {
	problem := store.Problem{Ente: "massa", Seq: 3, DecisionID: "01JDX3M8Q2W6ZK4H7N5B0C9R1T", Reason: "record 3: content was edited"}
	serve := func(v Verifier) *testEnv {
		env := &testEnv{tb: t, decider: &countingDecider{Decider: realEngine(t)}, audit: newMemLog(nil), log: &bytes.Buffer{}}
		env.router = New(env.decider, Options{Logger: env.logger(), Store: env.audit, Recorder: env.audit, Verifier: v})
		return env
	}
	env := serve(fakeVerifier{rep: store.Report{Enti: 2, Records: 7, Problems: []store.Problem{problem},
		Chains: []store.Chain{{Ente: "massa", Records: 3, Problem: &problem}, {Ente: "tradate", Records: 4}}}})
	got := verifyOK(t, env, "")
	want := chainVerdict{Ente: "massa", Records: 3, OK: false, Error: problem.Reason, FirstBadSeq: 3, FirstBadDecisionID: problem.DecisionID}
	if got.OK || got.Records != 7 || len(got.Chains) != 2 || got.Chains[0] != want || !got.Chains[1].OK {
		t.Errorf("broken chain: %+v", got)
	}
	serve(fakeVerifier{err: errors.New("disk on fire")}).run(t, httpCase{method: "GET", path: "/audit/verify", status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
	serve(nil).run(t, httpCase{method: "GET", path: "/audit/verify?ente=massa", status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
}

// A key of some enti must name one of them; a key of every ente may
// verify them all.
func TestVerifyScope(t *testing.T) {
	env := newAuthEnv(t, RateLimit{})
	for _, c := range []struct {
		who, query string
		status     int
		slug       string
	}{
		{"massa", "", http.StatusBadRequest, probInvalidQuery},
		{"two enti", "", http.StatusBadRequest, probInvalidQuery},
		{"massa", "?ente=tradate", http.StatusForbidden, probForbidden},
		{"massa", "?ente=massa", http.StatusOK, ""},
		{"admin", "", http.StatusOK, ""},
		{"no audit", "?ente=massa", http.StatusForbidden, probForbidden},
	} {
		res := env.call("GET", "/audit/verify"+c.query, "", c.who)
		if res.Code != c.status {
			t.Errorf("%s %s: %d %s", c.who, c.query, res.Code, res.Body)
			continue
		}
		if c.slug != "" {
			if p := decodeProblem(t, res); p.Type != "/problems/"+c.slug {
				t.Errorf("%s %s: %s", c.who, c.query, p.Type)
			}
		}
	}
}
