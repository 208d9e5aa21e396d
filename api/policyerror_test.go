package api

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// dividingPolicy is Crespiatica's policy with a rule that divides by zero
// on one text, as a policy author's slip would.
func dividingPolicy(t *testing.T) *engine.Engine {
	t.Helper()
	policies, _ := reloadtest.CopyTree(t, "..", "crespiatica")
	reloadtest.Edit(t, filepath.Join(policies, "enti", "crespiatica", "policy.rego"), "\nviolations contains v if {\n", `
# METADATA
# title: Media per parola
violations contains v if {
	contains(input.content.text, "dividi")
	v := {"rule": "media", "ratio": count(input.content.text) / (count(input.content.text) - count(input.content.text))}
}

violations contains v if {
`)
	eng, err := engine.Load(context.Background(), policies)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestPolicyError: a runtime error of a policy is its own problem naming
// the ente and revision, without Rego's message or the content; the log
// has where it failed, GET /enti counts it, and the ente goes on deciding
// the requests its policy does not fail on.
func TestPolicyError(t *testing.T) {
	eng := dividingPolicy(t)
	env := newEnv(t, envOptions{decider: eng})
	crespiatica, _ := eng.Ente("crespiatica")
	body := strings.Replace(comment("Adesso dividi il conto, segreto123", monday), `"massa"`, `"crespiatica"`, 1)
	for range 2 {
		res := env.run(t, httpCase{body: body, status: http.StatusInternalServerError, problem: probPolicyError})
		p := decodeProblem(t, res)
		if p.Ente != "crespiatica" || p.Revision != crespiatica.Revision {
			t.Errorf("problem names ente %q revision %q, want crespiatica %s", p.Ente, p.Revision, crespiatica.Revision)
		}
		for _, leak := range []string{"divide", "rego", "policy.rego", "segreto123", "dividi"} {
			if strings.Contains(strings.ToLower(res.Body.String()), leak) {
				t.Errorf("the problem shows %q: %s", leak, res.Body)
			}
		}
	}
	if n := env.audit.records.Load(); n != 0 {
		t.Errorf("a failed evaluation was recorded %d times", n)
	}
	log := env.log.String()
	if !strings.Contains(log, `"msg":"policy error"`) || !strings.Contains(log, `"location":"enti/crespiatica/policy.rego:`) ||
		!strings.Contains(log, "divide by zero") || strings.Contains(log, "segreto123") {
		t.Errorf("the log does not say where the policy failed, or shows the content: %s", log)
	}
	env.run(t, httpCase{body: strings.Replace(comment("Grazie", monday), `"massa"`, `"crespiatica"`, 1), status: http.StatusOK})

	var enti struct {
		Enti []struct {
			ID           string `json:"id"`
			PolicyErrors *int64 `json:"policy_errors"`
		} `json:"enti"`
	}
	res := env.run(t, httpCase{method: "GET", path: "/enti", status: http.StatusOK})
	if err := json.Unmarshal(res.Body.Bytes(), &enti); err != nil {
		t.Fatal(err)
	}
	if len(enti.Enti) != 1 || enti.Enti[0].PolicyErrors == nil || *enti.Enti[0].PolicyErrors != 2 {
		t.Errorf("GET /enti: %s, want crespiatica with policy_errors 2", res.Body)
	}
	env.run(t, httpCase{method: "GET", path: "/problems/policy-error", status: http.StatusOK})
}
