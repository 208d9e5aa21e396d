package classify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/classify"
)

// TestDecisionWithProviderSignals runs the whole way: the engine asks the
// provider (a fake moderation endpoint), evaluates its signals, keeps them
// in the audit input, answers the same text from the cache and replays the
// stored input without asking again.
func TestDecisionWithProviderSignals(t *testing.T) {
	var (
		mu     sync.Mutex
		inputs []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Input string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		inputs = append(inputs, body.Input)
		mu.Unlock()
		fmt.Fprint(w, `{"results":[{"flagged":true,"category_scores":{"harassment":0.4,"harassment/threatening":0.97,"hate":0.01,"hate/threatening":0.01,"violence":0.9}}]}`)
	}))
	defer srv.Close()
	calls := func() int { mu.Lock(); defer mu.Unlock(); return len(inputs) }

	cfg, err := classify.Parse([]byte("name: fake-moderation\napi: moderation\nbase_url: " + srv.URL + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := classify.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ent, err := engine.LoadEnte(context.Background(), "../../policies", "massa")
	if err != nil {
		t.Fatal(err)
	}
	e := engine.New([]*engine.Ente{ent}, engine.WithClassifier(p))

	text := "Passo a trovarti domani, scrivimi a mario.bianchi@example.com"
	req := func() *engine.Request {
		return &engine.Request{
			Ente:    "massa",
			Channel: engine.Channel{Platform: "facebook"},
			Content: engine.Content{Kind: "comment", Text: &text},
			Now:     "2026-11-23T10:15:00+01:00",
		}
	}
	ev, err := e.Evaluate(context.Background(), req())
	if err != nil {
		t.Fatal(err)
	}
	d := ev.Decision
	if d.Classifier == nil || d.Classifier.Status != engine.ClassifierOK || d.Classifier.Provider != "fake-moderation" {
		t.Fatalf("classifier = %+v", d.Classifier)
	}
	threat := false
	for _, v := range d.Violations {
		// On the provider's score: the words alone threaten nobody.
		threat = threat || v.Category == "threat" && len(v.Evidence) > 0 && v.Evidence[0]["fact"] == "signal"
	}
	if d.Outcome != "remove" || !threat {
		t.Errorf("decision = %s %+v, want remove for threat", d.Outcome, d.Violations)
	}
	if strings.Contains(inputs[0], "mario.bianchi") {
		t.Errorf("the provider was sent personal data: %q", inputs[0])
	}
	raw, err := ev.AuditInput("ps_x")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Signals map[string]float64 }
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Signals["threat"] != 0.97 || doc.Signals["violence"] != 0.9 {
		t.Errorf("audit input signals = %v", doc.Signals)
	}

	again, err := e.Decide(context.Background(), req())
	if err != nil {
		t.Fatal(err)
	}
	if again.Classifier.Status != engine.ClassifierCached || again.Outcome != d.Outcome || calls() != 1 {
		t.Errorf("same text again: %s %+v after %d calls, want cached %s after 1", again.Outcome, again.Classifier, calls(), d.Outcome)
	}

	in, err := engine.ParseInput(raw)
	if err != nil {
		t.Fatal(err)
	}
	o, err := ent.Replay(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Equal(engine.OutcomeOf(d)) || calls() != 1 {
		t.Errorf("replay = %+v after %d calls, want %+v after 1", o, calls(), engine.OutcomeOf(d))
	}
}
