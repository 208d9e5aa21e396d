package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// testReviews: the review queue, a person's resolution as a record of the
// chain, the author history it corrects, and appeals.
func testReviews(t *testing.T, su suite) {
	ctx := context.Background()
	e := su.env(t)
	author := e.s.Pseudonymizer().Of("a", "user-1")
	due := func(d time.Duration) func(*store.Entry) {
		return func(x *store.Entry) { at := t0.Add(d); x.ReviewDue = &at }
	}
	review := func(x *store.Entry) { x.Outcome, x.Categories = "review", []string{"threat"} }
	blocked := func(x *store.Entry) {
		until := t0.Add(30 * day)
		x.Blocked, x.BlockedUntil = true, &until
	}
	e.append(
		entry("a", "late", t0, review, due(3*time.Hour), by(author)),
		entry("a", "soon", t0, review, due(time.Hour), by(author)),
		entry("a", "plain", t0, by(author)), // nobody needs to look at it
		entry("a", "removed", t0, violation("offensive_language"), blocked, by(author)),
		entry("b", "elsewhere", t0, review, due(2*time.Hour)),
	)
	queue := func(t *testing.T, f store.ReviewFilter) []string {
		t.Helper()
		items, _, err := e.s.Reviews(ctx, f)
		if err != nil {
			t.Fatalf("reviews %+v: %v", f, err)
		}
		var ids []string
		for _, r := range items {
			ids = append(ids, r.ID+":"+r.State)
		}
		return ids
	}
	same := func(t *testing.T, got []string, want ...string) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("queue %v, want %v", got, want)
		}
	}
	now := t0.Add(time.Minute)
	same(t, queue(t, store.ReviewFilter{Now: now}), "soon:open", "elsewhere:open", "late:open")
	same(t, queue(t, store.ReviewFilter{Ente: "a", State: store.StateOpen, Now: now}), "soon:open", "late:open")
	page, next, err := e.s.Reviews(ctx, store.ReviewFilter{Limit: 1, Now: now})
	if err != nil || len(page) != 1 || next == "" {
		t.Fatalf("first page %v, %q, %v", page, next, err)
	}
	if page[0].Proposed != "review" || fmt.Sprint(page[0].Categories) != "[threat]" {
		t.Errorf("a listed item shows the proposal %q %v, want review [threat]", page[0].Proposed, page[0].Categories)
	}
	if rest, _, err := e.s.Reviews(ctx, store.ReviewFilter{Cursor: next, Now: now}); err != nil || len(rest) != 2 || rest[0].ID != "elsewhere" {
		t.Errorf("next page %v, %v; want elsewhere, late", rest, err)
	}

	t.Run("claims", func(t *testing.T) {
		if _, err := e.s.Claim(ctx, "soon", "anna", now.Add(15*time.Minute), now); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.Claim(ctx, "soon", "bruno", now.Add(15*time.Minute), now.Add(time.Minute)); !errors.Is(err, store.ErrClaimed) {
			t.Errorf("claim of a held item: %v, want ErrClaimed", err)
		}
		if _, err := e.s.Release(ctx, "soon", "bruno", now); !errors.Is(err, store.ErrNotHolder) {
			t.Errorf("release by another: %v, want ErrNotHolder", err)
		}
		same(t, queue(t, store.ReviewFilter{Ente: "a", Now: now}), "soon:claimed", "late:open")
		// A claim past its time is open again: another may take it.
		later := now.Add(20 * time.Minute)
		same(t, queue(t, store.ReviewFilter{Ente: "a", State: store.StateOpen, Now: later}), "soon:open", "late:open")
		r, err := e.s.Claim(ctx, "soon", "bruno", later.Add(15*time.Minute), later)
		if err != nil || r.ClaimedBy != "bruno" || r.State != store.StateClaimed {
			t.Fatalf("claim after expiry = %+v, %v", r, err)
		}
		if r, err := e.s.Release(ctx, "soon", "bruno", later); err != nil || r.State != store.StateOpen {
			t.Errorf("release = %+v, %v", r, err)
		}
		if _, err := e.s.Claim(ctx, "missing", "anna", later, now); !isNotFound(err) {
			t.Errorf("claim of no item: %v", err)
		}
	})

	t.Run("a resolution is a record of the chain and counts for the history", func(t *testing.T) {
		at := t0.Add(2 * time.Hour)
		if _, err := e.s.Claim(ctx, "soon", "anna", at.Add(time.Hour), at); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.s.Resolve(ctx, store.Resolution{ReviewID: "soon", RecordID: "res-1", Reviewer: "bruno", At: at}); !errors.Is(err, store.ErrClaimed) {
			t.Errorf("resolve of an item another holds: %v", err)
		}
		before := historyAt(t, e, at.Add(-time.Minute))
		rec, rv, err := e.s.Resolve(ctx, store.Resolution{
			ReviewID: "soon", RecordID: "res-1", Reviewer: "anna", At: at,
			Outcome: "remove", Categories: []string{"threat"}, Body: []byte(`{"outcome":"remove"}`),
			Effect: &store.Effect{Counted: true},
		})
		if err != nil {
			t.Fatal(err)
		}
		if rec.Kind != store.KindResolution || rec.Settles != "soon" || rec.Seq != 5 || rec.Author != author {
			t.Errorf("record %+v", rec)
		}
		if rv.State != store.StateResolved || rv.ResolutionID != "res-1" || rv.ResolvedBy != "anna" {
			t.Errorf("item %+v", rv)
		}
		if _, _, err := e.s.Resolve(ctx, store.Resolution{ReviewID: "soon", RecordID: "res-2", Reviewer: "anna", At: at}); !errors.Is(err, store.ErrResolved) {
			t.Errorf("second resolution: %v", err)
		}
		after := historyAt(t, e, at.Add(time.Minute))
		if after.Violations != before.Violations+1 {
			t.Errorf("violations %d after a reviewer removed, %d before", after.Violations, before.Violations)
		}
		// GET /decisions lists decisions; a person's records are asked for by kind.
		if recs, _, err := e.s.List(ctx, store.Filter{Ente: "a"}); err != nil || len(recs) != 4 {
			t.Errorf("list = %d records, %v; want the 4 decisions", len(recs), err)
		}
		if recs, _, err := e.s.List(ctx, store.Filter{Kind: store.KindResolution}); err != nil || len(recs) != 1 || recs[0].DecisionID != "res-1" {
			t.Errorf("list of resolutions = %v, %v", recs, err)
		}
		e.clean(2, 6)
	})

	t.Run("overturning a removal uncounts it and lifts its block", func(t *testing.T) {
		// The removal is queued for an appeal, as a citizen would file it.
		at := t0.Add(3 * time.Hour)
		blockedBefore := historyAt(t, e, at)
		if blockedBefore.BlockedUntil == nil {
			t.Fatal("the removal's block is not in force")
		}
		appeal, item, err := e.s.FileAppeal(ctx, store.Appeal{RecordID: "app-1", DecisionID: "removed", At: at, DueAt: at.Add(30 * day), Body: []byte(`{"grounds":"non era un insulto"}`)})
		if err != nil {
			t.Fatal(err)
		}
		if appeal.Kind != store.KindAppeal || appeal.Settles != "removed" || appeal.Outcome != "remove" || item.Kind != store.ReviewOfAppeal {
			t.Errorf("appeal %+v, item %+v", appeal, item)
		}
		if _, _, err := e.s.FileAppeal(ctx, store.Appeal{RecordID: "app-2", DecisionID: "removed", At: at, DueAt: at}); !errors.Is(err, store.ErrAppealed) {
			t.Errorf("second appeal: %v", err)
		}
		if _, _, err := e.s.FileAppeal(ctx, store.Appeal{RecordID: "app-3", DecisionID: "app-1", At: at, DueAt: at}); !errors.Is(err, store.ErrNotDecision) {
			t.Errorf("appeal of an appeal: %v", err)
		}
		then := at.Add(time.Hour)
		if _, _, err := e.s.Resolve(ctx, store.Resolution{ReviewID: "app-1", RecordID: "dec-1", Reviewer: "carla", At: then,
			Outcome: "allow", Body: []byte(`{"result":"overturned"}`), Effect: &store.Effect{}}); err != nil {
			t.Fatal(err)
		}
		h := historyAt(t, e, then.Add(time.Minute))
		if h.BlockedUntil != nil || h.Violations != blockedBefore.Violations-1 {
			t.Errorf("after the overturn: %+v; before %+v", h, blockedBefore)
		}
		// A replay of a decision taken before the overturn sees the history as it was.
		if past := historyAt(t, e, then.Add(-time.Minute)); past.BlockedUntil == nil || past.Violations != blockedBefore.Violations {
			t.Errorf("history before the overturn: %+v, want %+v", past, blockedBefore)
		}
		settled, err := e.s.Settlements(ctx, "removed")
		if err != nil || len(settled) != 2 || settled[0].Kind != store.KindAppeal || settled[1].Kind != store.KindAppealDecision {
			t.Errorf("settlements = %v, %v", settled, err)
		}
		e.clean(2, 8)
	})

	t.Run("the appeal of a reviewed decision goes to another reviewer", func(t *testing.T) {
		at := t0.Add(4 * time.Hour)
		if _, item, err := e.s.FileAppeal(ctx, store.Appeal{RecordID: "app-4", DecisionID: "soon", At: at, DueAt: at.Add(day)}); err != nil || item.Excluded != "anna" {
			t.Fatalf("appeal of a resolved decision: %+v, %v", item, err)
		}
		if _, err := e.s.Claim(ctx, "app-4", "anna", at.Add(time.Hour), at); !errors.Is(err, store.ErrExcluded) {
			t.Errorf("claim by the reviewer who resolved the decision: %v", err)
		}
		if _, _, err := e.s.Resolve(ctx, store.Resolution{ReviewID: "app-4", RecordID: "dec-4", Reviewer: "anna", At: at}); !errors.Is(err, store.ErrExcluded) {
			t.Errorf("resolution by the reviewer who resolved the decision: %v", err)
		}
		if _, _, err := e.s.Resolve(ctx, store.Resolution{ReviewID: "app-4", RecordID: "dec-4", Reviewer: "bruno", At: at, Outcome: "remove"}); err != nil {
			t.Errorf("upheld by another: %v", err)
		}
	})

	t.Run("editing a person's record is detected", func(t *testing.T) {
		e.clean(2, 10)
		if all, _, err := e.s.List(ctx, store.Filter{Kind: store.KindAny}); err != nil || len(all) != 10 {
			t.Errorf("list of every kind = %d records, %v; want 10", len(all), err)
		}
		e.exec(`UPDATE decisions SET outcome = 'allow' WHERE decision_id = 'res-1'`)
		if p := e.verify("a").Problems; len(p) != 1 || p[0].DecisionID != "res-1" {
			t.Errorf("edited resolution: %+v", p)
		}
		e.exec(`UPDATE decisions SET outcome = 'remove' WHERE decision_id = 'res-1'`)
		e.clean(2, 10)
		e.exec(`UPDATE decisions SET kind = 'decision' WHERE decision_id = 'res-1'`)
		if p := e.verify("a").Problems; len(p) != 1 || p[0].DecisionID != "res-1" {
			t.Errorf("a resolution passed off as a decision: %+v", p)
		}
	})
}

// historyAt is the history of author user-1 in ente a at now, over 30 days.
func historyAt(t *testing.T, e *env, now time.Time) store.History {
	t.Helper()
	h, err := e.s.History(context.Background(), store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return h
}
