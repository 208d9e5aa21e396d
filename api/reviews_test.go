package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/report"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
)

// reviewEnv is a store env whose router also serves the review queue,
// appeals and the transparency report, judged by the real engine.
func newReviewEnv(t *testing.T, b backend) *storeEnv {
	t.Helper()
	env := newStoreEnv(t, b)
	svc := &review.Service{Store: env.st, Judge: realEngine(t), Now: func() time.Time { return liftTime }}
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: env.st, Recorder: env.batcher, Now: func() time.Time { return liftTime },
		Reviews: svc, Transparency: Report(env.st), Versions: env.st,
	})
	return env
}

func forEachReviewBackend(t *testing.T, test func(t *testing.T, env *storeEnv)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) { test(t, newReviewEnv(t, b)) })
	}
}

// call sends method path with body (none when "") and wants status.
func (env *storeEnv) call(t *testing.T, method, path, body string, status int) map[string]any {
	t.Helper()
	c := httpCase{method: method, path: path, body: body, status: status}
	if body == "" {
		c.contentType = "-"
	}
	res := env.run(t, c)
	var out map[string]any
	if err := json.Unmarshal(res.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: %v in %s", method, path, err, res.Body)
	}
	return out
}

func probType(m map[string]any) string { s, _ := m["type"].(string); return s }

// TestReviewQueue: a comment sent to review is in the queue with its due
// time; a reviewer claims and resolves it; the decision shows the proposal
// and the effective outcome; the resolution is a record of the chain, and
// the chain verifies.
func TestReviewQueue(t *testing.T) {
	forEachReviewBackend(t, func(t *testing.T, env *storeEnv) {
		doubt, _ := env.decide(t, post{content: "c1", author: "fb:7", text: "Siete dei buffoni, viale Roma chiuso proprio sotto Natale", now: at(0)})
		if doubt.Outcome != "review" || doubt.Review.Due == "" {
			t.Fatalf("proposal %s, due %q; want review with a due time", doubt.Outcome, doubt.Review.Due)
		}
		env.decide(t, post{content: "c2", author: "fb:8", text: "Grazie per le informazioni", now: at(1)})

		page := env.call(t, "GET", "/reviews?ente=massa&state=open", "", http.StatusOK)
		items, _ := page["reviews"].([]any)
		if len(items) != 1 {
			t.Fatalf("queue %v, want the one decision sent to review", page)
		}
		item := items[0].(map[string]any)
		if item["id"] != doubt.DecisionID || item["proposed_outcome"] != "review" || item["kind"] != "review" {
			t.Errorf("item %v", item)
		}
		if due, _ := time.Parse(time.RFC3339, doubt.Review.Due); item["due"] != due.UTC().Format(time.RFC3339Nano) {
			t.Errorf("item due %v, decision due %s", item["due"], doubt.Review.Due)
		}

		path := "/reviews/" + doubt.DecisionID
		// A reviewer with the decide role alone sees what they judge.
		got := env.call(t, "GET", path, "", http.StatusOK)
		if content, _ := got["content"].(map[string]any); content["text"] != "Siete dei buffoni, viale Roma chiuso proprio sotto Natale" || content["kind"] != "comment" {
			t.Errorf("the item's content %v", got["content"])
		}
		env.call(t, "POST", path+"/claim", `{"reviewer": "anna", "minutes": 30}`, http.StatusOK)
		if p := env.call(t, "POST", path+"/claim", `{"reviewer": "bruno"}`, http.StatusConflict); probType(p) != "/problems/review-conflict" {
			t.Errorf("claim of a held item: %v", p)
		}
		if p := env.call(t, "POST", path+"/resolve", `{"reviewer": "anna", "outcome": "remove"}`, http.StatusUnprocessableEntity); !strings.Contains(fmt.Sprint(p["errors"]), "reason") {
			t.Errorf("resolution without a reason: %v", p)
		}
		res := env.call(t, "POST", path+"/resolve", `{"reviewer": "anna", "outcome": "remove", "actions": [{"type": "remove"}], "reason": "Insulto rivolto agli amministratori."}`, http.StatusOK)
		rec := res["record"].(map[string]any)
		if rec["kind"] != "resolution" || rec["outcome"] != "remove" || rec["proposed_outcome"] != "review" || rec["reviewer"] != "anna" {
			t.Errorf("resolution record %v", rec)
		}
		if p := env.call(t, "POST", path+"/resolve", `{"reviewer": "anna", "outcome": "allow", "reason": "ripensamento"}`, http.StatusConflict); probType(p) != "/problems/review-conflict" {
			t.Errorf("second resolution: %v", p)
		}

		d := env.detail(t, doubt.DecisionID)
		settled, _ := d["settlements"].([]any)
		if d["outcome"] != "review" || d["effective_outcome"] != "remove" || d["effective_by"] != "person" || len(settled) != 1 {
			t.Errorf("decision: outcome %v, effective %v by %v, settlements %v", d["outcome"], d["effective_outcome"], d["effective_by"], settled)
		}
		if h := env.history(t, "massa", "fb:7", at(60)); h.Violations != 1 {
			t.Errorf("the reviewer's removal counts %d violations, want 1", h.Violations)
		}
		if p := env.call(t, "GET", "/decisions/"+rec["record_id"].(string), "", http.StatusNotFound); !strings.Contains(p["detail"].(string), doubt.DecisionID) {
			t.Errorf("a resolution's id: %v", p)
		}
		// The person's removal owes the author a notice, not automated.
		notice := env.call(t, "GET", "/decisions/"+doubt.DecisionID+"/notice", "", http.StatusOK)
		if notice["automated"] != false || notice["outcome"] != "remove" || !strings.Contains(notice["text"].(string), "reclamo") {
			t.Errorf("the person's notice: %v", notice)
		}
		// The author appeals; anna, who resolved it, may not decide the appeal.
		filed := env.call(t, "POST", "/decisions/"+doubt.DecisionID+"/appeals", `{"by": "author", "grounds": "Era una battuta."}`, http.StatusCreated)
		appealItem := filed["review"].(map[string]any)
		if appealItem["excluded_reviewer"] != "anna" || filed["record"].(map[string]any)["outcome"] != "remove" ||
			appealItem["due"] != liftTime.AddDate(0, 0, 30).UTC().Format(time.RFC3339Nano) { // massa: the library's appeal.decide_days
			t.Errorf("appeal %v", filed)
		}
		appealPath := "/reviews/" + appealItem["id"].(string)
		if p := env.call(t, "POST", appealPath+"/claim", `{"reviewer": "anna"}`, http.StatusConflict); probType(p) != "/problems/review-conflict" {
			t.Errorf("anna claims the appeal of her own resolution: %v", p)
		}
		upheld := env.call(t, "POST", appealPath+"/resolve", `{"reviewer": "bruno", "result": "upheld", "reason": "L'espressione offende gli amministratori."}`, http.StatusOK)
		if r := upheld["record"].(map[string]any); r["kind"] != "appeal_decision" || r["result"] != "upheld" || r["outcome"] != "remove" {
			t.Errorf("upheld: %v", r)
		}
		if h := env.history(t, "massa", "fb:7", at(60)); h.Violations != 1 {
			t.Errorf("an upheld appeal changes the history: %d violations", h.Violations)
		}

		// A replay compares the rules' proposals, and says which of the
		// decisions replayed a person changed since.
		replayed := env.call(t, "POST", "/replay", `{"ente": "massa"}`, http.StatusOK)
		byPerson, _ := replayed["by_person"].([]any)
		if len(byPerson) != 1 || replayed["replayed"] != 2.0 {
			t.Fatalf("replay: %v", replayed)
		}
		if c := byPerson[0].(map[string]any); c["decision_id"] != doubt.DecisionID || c["proposed"] != "review" || c["effective"] != "remove" || c["replayed"] != "review" {
			t.Errorf("replay's decision changed by a person: %v", c)
		}

		rep, err := env.st.Verify(context.Background(), "massa")
		if err != nil || len(rep.Problems) != 0 || rep.Records != 5 {
			t.Fatalf("verify = %+v, %v; want 5 records, no problem", rep, err)
		}
		// Editing the resolution's row is detected: storetest's Reviews
		// tampers with it on both dialects.
	})
}

// TestOverturnUnblocks: an author blocked after repeated removals appeals
// the removal that blocked them; another reviewer overturns it; the block
// is lifted and the next comment is judged on the corrected history.
func TestOverturnUnblocks(t *testing.T) {
	forEachReviewBackend(t, func(t *testing.T, env *storeEnv) {
		var last map[string]any
		var blocking string
		for i := range 3 {
			d, _ := env.decide(t, post{content: fmt.Sprintf("r%d", i), author: "fb:9", text: "Sei uno stronzo", now: at(i)})
			if d.Outcome != "remove" {
				t.Fatalf("insult %d: %s", i, d.Outcome)
			}
			if d.Author.Blocked {
				blocking = d.DecisionID
			}
			last = map[string]any{"id": d.DecisionID}
		}
		if blocking == "" || blocking != last["id"] {
			t.Fatalf("the third removal did not block the author (blocking %q)", blocking)
		}
		if h := env.history(t, "massa", "fb:9", at(10)); h.BlockedUntil == nil || h.Violations != 3 {
			t.Fatalf("history before the appeal: %+v", h)
		}
		env.call(t, "POST", "/decisions/"+blocking+"/appeals", `{"by": "author", "grounds": "Era una citazione, non un insulto."}`, http.StatusCreated)
		if p := env.call(t, "POST", "/decisions/"+blocking+"/appeals", `{"by": "staff", "grounds": "di nuovo"}`, http.StatusConflict); probType(p) != "/problems/appeal-refused" {
			t.Errorf("a second appeal: %v", p)
		}
		page := env.call(t, "GET", "/reviews?kind=appeal", "", http.StatusOK)
		items, _ := page["reviews"].([]any)
		if len(items) != 1 {
			t.Fatalf("appeals in the queue: %v", page)
		}
		appeal := items[0].(map[string]any)["id"].(string)
		if p := env.call(t, "POST", "/reviews/"+appeal+"/resolve", `{"reviewer": "carla", "result": "overturned", "reason": "Non offende nessuno."}`, http.StatusUnprocessableEntity); !strings.Contains(fmt.Sprint(p["errors"]), "outcome") {
			t.Errorf("overturned without an outcome: %v", p)
		}
		res := env.call(t, "POST", "/reviews/"+appeal+"/resolve", `{"reviewer": "carla", "result": "overturned", "outcome": "allow", "reason": "Citazione di un film, non rivolta a nessuno."}`, http.StatusOK)
		grave := false
		for _, v := range env.detail(t, blocking)["violations"].([]any) {
			grave = grave || v.(map[string]any)["severity"] == "grave"
		}
		if !grave {
			t.Fatal("massa's insults are grave violations: the mark is not tested")
		}
		if rec := res["record"].(map[string]any); rec["kind"] != "appeal_decision" || rec["outcome"] != "allow" || (rec["contradicts_grave_removal"] == true) != grave {
			t.Errorf("appeal decision %v; the removal was grave: %v", rec, grave)
		}
		h := env.history(t, "massa", "fb:9", at(31))
		if h.BlockedUntil != nil || h.Violations != 2 {
			t.Errorf("history after the overturn: %+v; want 2 violations and no block", h)
		}
		next, _ := env.decide(t, post{content: "r9", author: "fb:9", text: "Quando riapre la biblioteca?", now: at(32)})
		if next.Author.Blocked || next.Author.Violations != 2 {
			t.Errorf("the next comment sees %+v", next.Author)
		}
		if p := env.call(t, "POST", "/decisions/"+next.DecisionID+"/appeals", `{"by": "author", "grounds": "perché no"}`, http.StatusConflict); probType(p) != "/problems/appeal-refused" {
			t.Errorf("appeal of an allowed comment: %v", p)
		}
	})
}

// TestAppealPeriod: an appeal after the ente's period is a 422 naming its
// end; the decision is not appealed.
func TestAppealPeriod(t *testing.T) {
	forEachReviewBackend(t, func(t *testing.T, env *storeEnv) {
		old := time.Date(2026, 1, 12, 10, 0, 0, 0, time.FixedZone("CET", 3600))
		d, _ := env.decide(t, post{content: "old", author: "fb:5", text: "Sei uno stronzo", now: old})
		p := env.call(t, "POST", "/decisions/"+d.DecisionID+"/appeals", `{"by": "author", "grounds": "tardi"}`, http.StatusUnprocessableEntity)
		if probType(p) != "/problems/appeal-late" || !strings.Contains(p["detail"].(string), "2026-07") {
			t.Errorf("late appeal: %v", p)
		}
		if items, _, _ := env.st.Reviews(context.Background(), store.ReviewFilter{Kind: store.ReviewOfAppeal}); len(items) != 0 {
			t.Errorf("a late appeal was queued: %v", items)
		}
		if p := env.call(t, "POST", "/decisions/nope/appeals", `{"by": "author", "grounds": "x"}`, http.StatusNotFound); probType(p) != "/problems/unknown-decision" {
			t.Errorf("appeal of no decision: %v", p)
		}
		if p := env.call(t, "POST", "/decisions/"+d.DecisionID+"/appeals", `{"by": "someone", "grounds": ""}`, http.StatusUnprocessableEntity); !strings.Contains(fmt.Sprint(p["errors"]), "grounds") {
			t.Errorf("bad appeal: %v", p)
		}
	})
}

// TestTransparencyMatchesLog: the report of a month of fixtures-driven
// traffic, with resolutions and an appeal, counts what GET /decisions and
// GET /decisions/{id} show, computed here independently.
func TestTransparencyMatchesLog(t *testing.T) {
	cases, err := fixtures.LoadDir("../fixtures/massa")
	if err != nil {
		t.Fatal(err)
	}
	forEachReviewBackend(t, func(t *testing.T, env *storeEnv) {
		for i, c := range cases {
			req := c.Request
			req.Content.ID = fmt.Sprintf("fx%03d", i) // each case a content of its own
			if i%3 == 1 {
				req.Channel.Platform = "instagram"
			}
			body, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			env.run(t, httpCase{body: string(body), status: http.StatusOK})
		}
		// People at work: two reviews resolved, one removal appealed and overturned.
		open, _, err := env.st.Reviews(context.Background(), store.ReviewFilter{Ente: "massa", State: store.StateOpen, Kind: store.ReviewOfDecision})
		if err != nil || len(open) < 2 {
			t.Fatalf("open reviews %d, %v; the fixtures send at least two to review", len(open), err)
		}
		env.call(t, "POST", "/reviews/"+open[0].ID+"/resolve", `{"reviewer": "anna", "outcome": "allow", "reason": "Critica legittima."}`, http.StatusOK)
		env.call(t, "POST", "/reviews/"+open[1].ID+"/resolve", `{"reviewer": "anna", "outcome": "remove", "actions": [{"type": "remove"}], "reason": "Insulto."}`, http.StatusOK)
		removed, _ := env.list(t, "ente=massa&outcome=remove&limit=1")
		if len(removed) != 1 {
			t.Fatal("no removal to appeal")
		}
		appealed := removed[0]["decision_id"].(string)
		res := env.call(t, "POST", "/decisions/"+appealed+"/appeals", `{"by": "staff", "grounds": "Ironia, non insulto."}`, http.StatusCreated)
		appeal := res["review"].(map[string]any)["id"].(string)
		env.call(t, "POST", "/reviews/"+appeal+"/resolve", `{"reviewer": "bruno", "result": "overturned", "outcome": "allow", "reason": "Ironia."}`, http.StatusOK)

		const from, to = "2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00"
		window := "from=" + url.QueryEscape(from) + "&to=" + url.QueryEscape(to)
		var got report.Report
		decodeJSON(t, env.run(t, httpCase{method: "GET", path: "/transparency?ente=massa&" + window, status: http.StatusOK}), &got)

		// The same figures, from the decision log.
		want := report.Decisions{ByOutcome: map[string]int{}, ByProposedOutcome: map[string]int{}, ByCategory: map[string]int{}, ByPlatform: map[string]int{}}
		var resolved, changed, filed, overturned int
		cursor := ""
		for {
			page, next := env.list(t, "ente=massa&limit=500&"+window+cursor)
			for _, d := range page {
				detail := env.detail(t, d["decision_id"].(string))
				want.Total++
				if detail["effective_by"] == "person" {
					want.Human++
				} else {
					want.Automated++
				}
				want.ByOutcome[detail["effective_outcome"].(string)]++
				want.ByProposedOutcome[d["outcome"].(string)]++
				cats := map[string]bool{}
				for _, v := range d["violations"].([]any) {
					cats[v.(map[string]any)["category"].(string)] = true
				}
				for c := range cats {
					want.ByCategory[c]++
				}
				input := detail["input"].(map[string]any)
				want.ByPlatform[input["channel"].(map[string]any)["platform"].(string)]++
			}
			if next == "" {
				break
			}
			cursor = "&cursor=" + next
		}
		// People's records count in the month they were made, whatever
		// the month of the decision they settle: all of massa's decisions.
		start, _ := time.Parse(time.RFC3339, from)
		end, _ := time.Parse(time.RFC3339, to)
		all, _ := env.list(t, "ente=massa&limit=500")
		for _, d := range all {
			settled, _ := env.detail(t, d["decision_id"].(string))["settlements"].([]any)
			for _, s := range settled {
				rec := s.(map[string]any)
				at, _ := time.Parse(time.RFC3339, rec["at"].(string))
				if at.Before(start) || !at.Before(end) {
					continue
				}
				switch rec["kind"] {
				case "resolution":
					resolved++
					if rec["outcome"] != rec["proposed_outcome"] {
						changed++
					}
				case "appeal":
					filed++
				case "appeal_decision":
					if rec["result"] == "overturned" {
						overturned++
					}
				}
			}
		}
		if want.Total < 60 || want.ByPlatform["instagram"] == 0 {
			t.Fatalf("the month holds %d decisions (%v); the fixtures should fill it", want.Total, want.ByPlatform)
		}
		if fmt.Sprint(got.Decisions) != fmt.Sprint(want) {
			t.Errorf("report decisions\n%+v\nfrom the log\n%+v", got.Decisions, want)
		}
		// The people's records were made at the server's clock, within the month.
		if got.Reviews.Resolved != resolved || got.Reviews.Changed != changed || resolved != 2 {
			t.Errorf("reviews: report %+v; log %d resolved, %d changed", got.Reviews, resolved, changed)
		}
		if got.Appeals.Filed != filed || got.Appeals.Overturned != overturned || got.Appeals.Decided != 1 || filed != 1 {
			t.Errorf("appeals: report %+v; log %d filed, %d overturned", got.Appeals, filed, overturned)
		}
		if got.Reviews.MedianMinutesToResolution == nil || got.Reviews.WithinDue+got.Reviews.Late != resolved {
			t.Errorf("review times: %+v", got.Reviews)
		}

		res2 := env.run(t, httpCase{method: "GET", path: "/transparency?ente=massa&format=csv&" + window, status: http.StatusOK})
		csvText := res2.Body.String()
		if !strings.HasPrefix(csvText, strings.Join(report.Columns, ",")+"\n") ||
			!strings.Contains(csvText, fmt.Sprintf(",decisions,,%d\n", want.Total)) ||
			!strings.Contains(csvText, fmt.Sprintf(",appeals_overturned,,%d\n", overturned)) {
			t.Errorf("CSV:\n%s", csvText)
		}
		if strings.Contains(csvText, "ps_") || strings.Contains(csvText, appealed) {
			t.Error("the CSV holds a pseudonym or a decision id")
		}
		if p := env.call(t, "GET", "/transparency?ente=massa&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z&x=1", "", http.StatusBadRequest); len(p["errors"].([]any)) != 2 {
			t.Errorf("bad query: %v", p)
		}
	})
}
