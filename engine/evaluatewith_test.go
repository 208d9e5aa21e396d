package engine

import (
	"context"
	"errors"
	"testing"
)

// fixedHistory is a history source that always answers h.
type fixedHistory struct{ h History }

func (f fixedHistory) History(context.Context, HistoryQuery) (History, error) { return f.h, nil }

// EvaluateWith decides with the history given instead of the source's,
// under the revision given, and refuses a revision of another ente.
func TestEvaluateWith(t *testing.T) {
	ctx := context.Background()
	massa, err := realEngine(t).Ente("massa")
	if err != nil {
		t.Fatal(err)
	}
	tradate, err := realEngine(t).Ente("tradate")
	if err != nil {
		t.Fatal(err)
	}
	// The engine's source says the author is a repeat offender; the
	// history given says they are not, and wins.
	e := New([]*Ente{massa}, WithHistory(fixedHistory{History{Violations: 10}}))
	insult := func() *Request { return massaComment("Sei uno stronzo", "2026-11-23T10:15:00+01:00") }
	fromSource, err := e.Evaluate(ctx, insult())
	if err != nil {
		t.Fatal(err)
	}
	given, err := e.EvaluateWith(ctx, insult(), EvalOptions{History: &History{}})
	if err != nil {
		t.Fatal(err)
	}
	if fromSource.History.Violations != 10 || given.History.Violations != 0 || given.History.WindowDays != massa.params.Repeat.WindowDays {
		t.Errorf("histories: source %+v, given %+v", fromSource.History, given.History)
	}
	if !fromSource.Decision.Author.Blocked || given.Decision.Author.Blocked {
		t.Errorf("blocked: with the source's history %v, with the one given %v", fromSource.Decision.Author.Blocked, given.Decision.Author.Blocked)
	}
	// A revision that does not serve here decides, under its own revision.
	other := New(nil)
	ev, err := other.EvaluateWith(ctx, insult(), EvalOptions{Ente: massa})
	if err != nil || ev.Decision.Policy.Revision != massa.Revision {
		t.Errorf("under a revision that does not serve: %v, %+v", err, ev)
	}
	if _, err := e.EvaluateWith(ctx, insult(), EvalOptions{Ente: tradate}); err == nil {
		t.Error("a request of massa was decided under tradate's revision")
	}
	var unknown *UnknownEnteError
	if _, err := other.EvaluateWith(ctx, insult(), EvalOptions{}); !errors.As(err, &unknown) {
		t.Errorf("no revision given, none serving: %v", err)
	}
}
