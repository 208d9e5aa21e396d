package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// noticeComment is a comment on Massa's page with its own content id.
func noticeComment(id, text string) string {
	b, _ := json.Marshal(map[string]any{
		"ente":    "massa",
		"channel": map[string]any{"platform": "facebook", "account": "comune.massa"},
		"content": map[string]any{"id": id, "kind": "comment", "text": text},
		"author":  map[string]any{"id": "fb:998877", "name": "Mario Rossi"},
		"now":     monday,
	})
	return string(b)
}

func TestDecisionNotice(t *testing.T) {
	env := newEnv(t, envOptions{})
	removed := decodeDecision(t, env.run(t, httpCase{body: noticeComment("1_1", "Sei uno stronzo"), status: http.StatusOK}))
	if removed.Outcome != "remove" || removed.Notice == nil {
		t.Fatalf("the insult: %s, notice %+v", removed.Outcome, removed.Notice)
	}
	n := removed.Notice
	if !n.Automated || n.AppealUntil != "2027-05-22T10:15:03+02:00" || removed.StatementOfReasons.AutomatedDecision == "AUTOMATED_DECISION_NOT_AUTOMATED" {
		t.Errorf("notice %+v, statement automated_decision %s", n, removed.StatementOfReasons.AutomatedDecision)
	}
	for _, want := range []string{"Il suo contenuto è stato rimosso.", "sezione «Moderazione e regole di utilizzo»", "in modo automatico", "reclamo", "entro sabato 22 maggio 2027 alle 10:15", "Ufficio Relazioni con il Pubblico"} {
		if !strings.Contains(n.Text, want) {
			t.Errorf("notice text does not say %q: %s", want, n.Text)
		}
	}

	res := env.run(t, httpCase{name: "notice", method: "GET", path: "/decisions/" + removed.DecisionID + "/notice", status: http.StatusOK})
	var got decisionNotice
	decodeJSON(t, res, &got)
	want := decisionNotice{DecisionID: removed.DecisionID, Ente: "massa", Outcome: "remove", Text: n.Text, Automated: true, AppealUntil: n.AppealUntil}
	if got != want {
		t.Errorf("GET notice = %+v, want %+v", got, want)
	}

	allowed := decodeDecision(t, env.run(t, httpCase{body: noticeComment("1_2", "Grazie, buona giornata"), status: http.StatusOK}))
	if allowed.Outcome != "allow" || allowed.Notice != nil {
		t.Fatalf("a polite comment: %s, notice %+v", allowed.Outcome, allowed.Notice)
	}
	if strings.Contains(env.run(t, httpCase{body: noticeComment("1_2", "Grazie, buona giornata"), status: http.StatusOK}).Body.String(), `"notice"`) {
		t.Error("a decision without a notice has a notice member")
	}
	none := env.run(t, httpCase{name: "no notice", method: "GET", path: "/decisions/" + allowed.DecisionID + "/notice",
		status: http.StatusNotFound, problem: probNoNotice})
	unknown := env.run(t, httpCase{name: "unknown", method: "GET", path: "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1T/notice",
		status: http.StatusNotFound, problem: probUnknownDecision})
	if p, q := decodeProblem(t, none), decodeProblem(t, unknown); !strings.Contains(p.Detail, "carries no notice") ||
		!strings.Contains(p.Detail, "outcome allow") || !strings.Contains(q.Detail, "is in the audit log") || p.Detail == q.Detail {
		t.Errorf("details: %q and %q", p.Detail, q.Detail)
	}
}

// A server that keeps no audit log has no notices to read back.
func TestDecisionNoticeWithoutStore(t *testing.T) {
	newEnv(t, envOptions{noStore: true}).run(t, httpCase{name: "no store", method: "GET",
		path: "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1T/notice", status: http.StatusServiceUnavailable, problem: probStoreUnavailable})
}
