package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine"
)

// TestServeReviewAndReport runs the binary's server as an URP would: a
// comment sent to review is claimed and resolved through the queue with a
// key, the decision shows the person's outcome, the log verifies and the
// month's report counts it; editing the resolution's row is then detected
// by galateo audit verify.
func TestServeReviewAndReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	srv := startServer(t, serveConfig{addr: "127.0.0.1:0", policies: "../../policies", db: db})
	post := func(id, text string) engine.Decision {
		t.Helper()
		body := fmt.Sprintf(`{"ente":"massa","channel":{"platform":"facebook"},"content":{"id":%q,"kind":"comment","text":%q},`+
			`"author":{"id":"fb:42"},"now":"2026-11-23T10:15:03+01:00"}`, id, text)
		var d engine.Decision
		if code := srv.do(t, "POST", "/decide", body, &d); code != http.StatusOK {
			t.Fatalf("decide %s: %d", id, code)
		}
		return d
	}
	doubt := post("c1", "Siete dei buffoni, viale Roma chiuso proprio sotto Natale")
	post("c2", "Grazie per le informazioni")
	if doubt.Outcome != "review" {
		t.Fatalf("proposal %s, want review", doubt.Outcome)
	}
	var queue struct {
		Reviews []map[string]any `json:"reviews"`
	}
	if code := srv.do(t, "GET", "/reviews?ente=massa&state=open", "", &queue); code != http.StatusOK || len(queue.Reviews) != 1 || queue.Reviews[0]["id"] != doubt.DecisionID {
		t.Fatalf("queue: %d %v", code, queue.Reviews)
	}
	var item map[string]any
	if code := srv.do(t, "POST", "/reviews/"+doubt.DecisionID+"/claim", "", &item); code != http.StatusOK || item["state"] != "claimed" || item["claimed_by"] == "" {
		t.Fatalf("claim: %d %v", code, item)
	}
	var resolved struct {
		Record map[string]any `json:"record"`
	}
	if code := srv.do(t, "POST", "/reviews/"+doubt.DecisionID+"/resolve", `{"outcome":"hide","actions":[{"type":"hide"}],"reason":"Tono offensivo verso l'ufficio."}`, &resolved); code != http.StatusOK {
		t.Fatalf("resolve: %d %v", code, resolved)
	}
	if resolved.Record["reviewer"] != item["claimed_by"] {
		t.Errorf("the resolution names %v, the claim %v: the reviewer is the key", resolved.Record["reviewer"], item["claimed_by"])
	}
	var detail map[string]any
	srv.do(t, "GET", "/decisions/"+doubt.DecisionID, "", &detail)
	if detail["outcome"] != "review" || detail["effective_outcome"] != "hide" {
		t.Errorf("decision: proposed %v, effective %v", detail["outcome"], detail["effective_outcome"])
	}
	var notice map[string]any
	if code := srv.do(t, "GET", "/decisions/"+doubt.DecisionID+"/notice", "", &notice); code != http.StatusOK || notice["automated"] != false || !strings.Contains(notice["text"].(string), "nascost") {
		t.Errorf("the person's notice: %d %v", code, notice)
	}
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}

	out, err := runCmd(t, "", "audit", "verify", "-db", db)
	if err != nil || !strings.Contains(out, "massa: 3 records, chain intact") {
		t.Errorf("verify: %v\n%s", err, out)
	}
	// The month of the decisions; the person resolved it today, so the
	// resolution counts in today's period, not in November's.
	out, err = runCmd(t, "", "report", "-db", db, "-ente", "massa", "-month", "2026-11")
	for _, want := range []string{
		"ente,from,to,measure,key,value\n",
		"massa,2026-11-01T00:00:00+01:00,2026-12-01T00:00:00+01:00,decisions,,2\n",
		",decisions_human,,1\n", ",decisions_by_outcome,hide,1\n", ",decisions_by_proposed_outcome,review,1\n",
		",reviews_resolved,,0\n",
	} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("report CSV lacks %q: %v\n%s", want, err, out)
		}
	}
	out, err = runCmd(t, "", "report", "-db", db, "-ente", "massa", "-from", "2026-11-01T00:00:00+01:00", "-to", "2100-01-01T00:00:00Z")
	for _, want := range []string{",decisions,,2\n", ",reviews_resolved,,1\n", ",reviews_changed,,1\n"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("report CSV lacks %q: %v\n%s", want, err, out)
		}
	}
	out, err = runCmd(t, "", "report", "-db", db, "-ente", "massa", "-month", "2026-11", "-format", "json")
	var rep struct {
		Decisions struct{ Total, Human int }
	}
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil || rep.Decisions.Total != 2 || rep.Decisions.Human != 1 {
		t.Errorf("report JSON: %v %+v\n%s", err, rep, out)
	}
	_, err = runCmd(t, "", "report", "-db", db, "-month", "2026-11")
	wantExit(t, err, 2, "")
	_, err = runCmd(t, "", "report", "-db", db, "-ente", "massa", "-month", "novembre")
	wantExit(t, err, 2, "")

	execSQL(t, db, `UPDATE decisions SET outcome = 'allow' WHERE kind = 'resolution'`)
	out, err = runCmd(t, "", "audit", "verify", "-db", db)
	wantExit(t, err, 1, out)
	if !strings.Contains(out, resolved.Record["record_id"].(string)) {
		t.Errorf("verify does not name the edited resolution:\n%s", out)
	}
}
