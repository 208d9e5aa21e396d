package record_test

import (
	"context"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
)

// The entry records what the policy says the decision adds to the
// author's history, and nothing of its own.
func TestEntryRecordsThePolicysEffect(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.Load(ctx, "../../../policies")
	if err != nil {
		t.Fatal(err)
	}
	text := "Sei uno stronzo"
	now := "2026-11-23T10:15:00+01:00"
	ev, err := eng.Evaluate(ctx, &engine.Request{
		Ente:    "massa",
		Channel: engine.Channel{Platform: "facebook", Account: "comune.massa"},
		Content: engine.Content{ID: "1_2", Kind: "comment", Text: &text, CreatedAt: now},
		Author:  engine.Author{ID: "fb:1"},
		Now:     now,
	})
	if err != nil {
		t.Fatal(err)
	}
	p := store.NewPseudonymizer([]byte("chiave di prova"))
	e, err := record.Entry(ev, p)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Decision.Outcome != "remove" || !ev.Effect.Violation || !e.Counted || e.Warned || e.Blocked || e.BlockedUntil != nil {
		t.Errorf("insult: outcome %s, effect %+v, entry counted %v warned %v blocked %v until %v",
			ev.Decision.Outcome, ev.Effect, e.Counted, e.Warned, e.Blocked, e.BlockedUntil)
	}
	// Whatever the actions say, the entry follows the effect.
	until := time.Date(2027, 2, 21, 10, 15, 0, 0, time.UTC)
	ev.Effect = engine.HistoryEffect{Warning: true, Block: true, BlockUntil: &until}
	e, err = record.Entry(ev, p)
	if err != nil {
		t.Fatal(err)
	}
	if e.Counted || !e.Warned || !e.Blocked || e.BlockedUntil == nil || !e.BlockedUntil.Equal(until) {
		t.Errorf("entry counted %v warned %v blocked %v until %v", e.Counted, e.Warned, e.Blocked, e.BlockedUntil)
	}
	if len(e.Categories) != 1 || e.Categories[0] != "offensive_language" {
		t.Errorf("categories %v", e.Categories)
	}
}
