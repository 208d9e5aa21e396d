package engine

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
)

// fakeClassifier answers every text with the same classification and
// keeps the texts it was asked about.
type fakeClassifier struct {
	mu     sync.Mutex
	answer Classification
	texts  []string
}

func (f *fakeClassifier) Classify(_ context.Context, text string) Classification {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.texts = append(f.texts, text)
	return f.answer
}

func (f *fakeClassifier) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.texts)
}

// storedSignals reads the signals of an audit input.
func storedSignals(t *testing.T, raw []byte) map[string]float64 {
	t.Helper()
	var doc struct {
		Signals map[string]float64 `json:"signals"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Signals
}

const benign = "Bella iniziativa, grazie al Comune per il nuovo parco"

func TestClassifierFillsSignalsIntoTheAuditedInput(t *testing.T) {
	fake := &fakeClassifier{answer: Classification{Provider: "fake", Status: ClassifierOK, Signals: map[string]float64{"threat": 0.95}}}
	e := New(realEngine(t).Enti(), WithClassifier(fake))
	r := massaComment(benign, "2026-11-23T10:15:00+01:00")
	ev, err := e.Evaluate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	d := ev.Decision
	if d.Classifier == nil || *d.Classifier != (ClassifierReport{Status: ClassifierOK, Provider: "fake"}) {
		t.Errorf("classifier = %+v, want ok from fake", d.Classifier)
	}
	// A certain threat signal removes what the words alone allow: the
	// signals were evaluated.
	if d.Outcome != "remove" || len(d.Violations) == 0 || d.Violations[0].Category != "threat" {
		t.Errorf("decision = %s %+v, want remove for threat", d.Outcome, d.Violations)
	}
	if r.Signals != nil {
		t.Errorf("the caller's request was changed: signals %v", r.Signals)
	}
	raw, err := ev.AuditInput("ps_x")
	if err != nil {
		t.Fatal(err)
	}
	if got := storedSignals(t, raw); got["threat"] != 0.95 || len(got) != 1 {
		t.Errorf("audit input signals = %v, want threat 0.95", got)
	}

	// Replay evaluates the stored input: same decision, no new call.
	in, err := ParseInput(raw)
	if err != nil {
		t.Fatal(err)
	}
	o, err := ev.Ente.Replay(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Equal(OutcomeOf(d)) {
		t.Errorf("replay = %+v, decision %+v", o, OutcomeOf(d))
	}
	if n := fake.calls(); n != 1 {
		t.Errorf("classifier asked %d times, want 1 (replay must not ask)", n)
	}
}

func TestClientSignalsWinOverTheClassifier(t *testing.T) {
	fake := &fakeClassifier{answer: Classification{Provider: "fake", Status: ClassifierOK, Signals: map[string]float64{"threat": 0.95}}}
	e := New(realEngine(t).Enti(), WithClassifier(fake))
	r := massaComment(benign, "2026-11-23T10:15:00+01:00")
	r.Signals = map[string]float64{"toxicity": 0.1}
	ev, err := e.Evaluate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if fake.calls() != 0 {
		t.Errorf("classifier asked although the client sent signals")
	}
	if ev.Decision.Classifier != nil || ev.Decision.Outcome != "allow" {
		t.Errorf("decision = %s, classifier %+v; want allow with no classifier report", ev.Decision.Outcome, ev.Decision.Classifier)
	}
	raw, err := ev.AuditInput("ps_x")
	if err != nil {
		t.Fatal(err)
	}
	if got := storedSignals(t, raw); len(got) != 1 || got["toxicity"] != 0.1 {
		t.Errorf("audit input signals = %v, want the client's", got)
	}
}

func TestClassifierFailureLetsTheDecisionGoOn(t *testing.T) {
	for _, status := range []string{ClassifierFailed, ClassifierTimeout, ClassifierUnavailable} {
		t.Run(status, func(t *testing.T) {
			// Signals next to a failure status are not to be trusted.
			fake := &fakeClassifier{answer: Classification{Provider: "fake", Status: status, Signals: map[string]float64{"threat": 1}}}
			e := New(realEngine(t).Enti(), WithClassifier(fake))
			ev, err := e.Evaluate(context.Background(), massaComment("Sei proprio uno stronzo", "2026-11-23T10:15:00+01:00"))
			if err != nil {
				t.Fatal(err)
			}
			d := ev.Decision
			if d.Classifier == nil || d.Classifier.Status != status {
				t.Errorf("classifier = %+v, want %s", d.Classifier, status)
			}
			// The words still decide.
			if d.Outcome != "remove" || d.Violations[0].Category != "offensive_language" {
				t.Errorf("decision = %s %+v", d.Outcome, d.Violations)
			}
			raw, err := ev.AuditInput("ps_x")
			if err != nil {
				t.Fatal(err)
			}
			if got := storedSignals(t, raw); len(got) != 0 {
				t.Errorf("audit input signals = %v, want none", got)
			}
		})
	}
}

func TestClassifierSeesMaskedTextAndIsCheckedLikeAClient(t *testing.T) {
	fake := &fakeClassifier{answer: Classification{Provider: "fake", Status: ClassifierCached, Signals: map[string]float64{
		"insult": 0.2, "Bad Name": 0.9, "threat": 1.5, "toxicity": -0.1,
	}}}
	e := New(realEngine(t).Enti(), WithClassifier(fake))
	ev, err := e.Evaluate(context.Background(), massaComment("Scrivete a mario.bianchi@example.com o al 333 1234567, @mario.b", "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	if fake.calls() != 1 {
		t.Fatalf("classifier asked %d times", fake.calls())
	}
	sent := fake.texts[0]
	for _, secret := range []string{"mario.bianchi", "1234567", "mario.b"} {
		if strings.Contains(sent, secret) {
			t.Errorf("the classifier was sent %q: %q", secret, sent)
		}
	}
	if !strings.HasPrefix(sent, "Scrivete a ") {
		t.Errorf("the classifier was sent %q", sent)
	}
	if got := ev.Request.Signals; len(got) != 1 || got["insult"] != 0.2 {
		t.Errorf("signals = %v, want only the valid insult score", got)
	}
	if ev.Decision.Classifier.Status != ClassifierCached {
		t.Errorf("classifier = %+v", ev.Decision.Classifier)
	}
}

func TestClassifierWithNothingUsableFailed(t *testing.T) {
	fake := &fakeClassifier{answer: Classification{Provider: "fake", Status: ClassifierOK, Signals: map[string]float64{"Threat": 0.9, "insult": 2}}}
	e := New(realEngine(t).Enti(), WithClassifier(fake))
	ev, err := e.Evaluate(context.Background(), massaComment(benign, "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	if c := ev.Decision.Classifier; c == nil || c.Status != ClassifierFailed || len(ev.Request.Signals) != 0 || ev.Decision.Outcome != "allow" {
		t.Errorf("decision = %s, classifier %+v, signals %v; want allow, failed, none", ev.Decision.Outcome, c, ev.Request.Signals)
	}
}

func TestNoClassifierNoReport(t *testing.T) {
	d, err := realEngine(t).Decide(context.Background(), massaComment(benign, "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Classifier != nil {
		t.Errorf("classifier = %+v with none configured", d.Classifier)
	}
	b, _ := json.Marshal(d)
	if strings.Contains(string(b), `"classifier"`) {
		t.Errorf("decision JSON names a classifier: %s", b)
	}
}
