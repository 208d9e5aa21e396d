package replay_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/engine/service/replay/replaytest"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// TestReplayReproducesEveryStoredOutcome is the promise of the audit log:
// every decision, replayed from its stored input under the revision that
// took it, comes out exactly as it was taken, history and time included.
func TestReplayReproducesEveryStoredOutcome(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		reproduces(t, sharedStore(t))
	})
	t.Run("postgres", func(t *testing.T) {
		db := storetest.Postgres(t)
		// Two rounds: enough to block repeat offenders, at half the cost.
		f := fill(t, db.URL, fillOptions{rounds: 2, step: 10 * time.Minute})
		t.Cleanup(func() { f.st.Close() })
		reproduces(t, f)
	})
}

func reproduces(t *testing.T, f *filled) {
	ctx := context.Background()
	// The fixtures alone never repeat an author: without escalation in
	// the histories this test would prove much less.
	if f.blocked == 0 || f.counted == 0 {
		t.Fatalf("%d decisions blocked an author and %d saw earlier violations; want some of each", f.blocked, f.counted)
	}
	total := 0
	for _, ent := range enti(t) {
		rep, err := replay.Run(ctx, f.st, ent, replay.Request{})
		if err != nil {
			t.Fatal(err)
		}
		want := f.counts[ent.ID]
		if rep.Changed != 0 || rep.Replayed != want || rep.Same != want || rep.Skipped != 0 || rep.Truncated {
			t.Errorf("%s: replayed %d, same %d, changed %d, skipped %d, truncated %t; want all %d the same",
				ent.ID, rep.Replayed, rep.Same, rep.Changed, rep.Skipped, rep.Truncated, want)
		}
		for _, c := range rep.Changes {
			t.Errorf("%s: decision %s of %s: stored %+v, replayed %+v", ent.ID, c.DecisionID, c.DecidedAt, c.Stored, c.Replayed)
		}
		if rep.Ente != ent.ID || rep.Revision != ent.Revision || rep.Version != ent.Version {
			t.Errorf("report names %s %s %s, want %s %s %s", rep.Ente, rep.Revision, rep.Version, ent.ID, ent.Revision, ent.Version)
		}
		total += rep.Replayed
	}
	t.Logf("%d decisions replayed, %d with earlier violations in their history, %d blocking their author", total, f.counted, f.blocked)
}

// modifiedMassa compiles Massa with threats no longer escalated.
func modifiedMassa(t *testing.T) *engine.Ente {
	t.Helper()
	ent, err := engine.LoadEnte(context.Background(), replaytest.WithoutEscalation(t, policiesDir), "massa")
	if err != nil {
		t.Fatal(err)
	}
	return ent
}

// TestReplayUnderModifiedRevision: the report lists exactly the decisions
// that a change of the rules changes, each as the change predicts.
func TestReplayUnderModifiedRevision(t *testing.T) {
	ctx := context.Background()
	f := sharedStore(t)
	modified := modifiedMassa(t)
	if modified.Revision == serving(t, "massa").Revision {
		t.Fatal("the edit did not make a new revision")
	}
	rep, err := replay.Run(ctx, f.st, modified, replay.Request{Ente: "massa"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revision != modified.Revision {
		t.Errorf("report revision %s, want %s", rep.Revision, modified.Revision)
	}

	// What must change, found one record at a time: the stored decision
	// decoded in full, its input replayed alone.
	var want []string
	recs := records(t, f.st, "massa")
	for _, r := range recs {
		var d engine.Decision
		if err := json.Unmarshal(r.Decision, &d); err != nil {
			t.Fatal(err)
		}
		in, err := engine.ParseInput(r.Input)
		if err != nil {
			t.Fatal(err)
		}
		got, err := modified.Replay(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(engine.OutcomeOf(&d)) {
			want = append(want, r.DecisionID)
		}
	}
	var got []string
	for _, c := range rep.Changes {
		got = append(got, c.DecisionID)
		// Only the escalation of threats differs.
		s, p := c.Stored, c.Replayed
		if !slices.Contains(s.Categories, "threat") || !slices.Contains(s.Actions, "escalate") || slices.Contains(p.Actions, "escalate") ||
			s.Outcome != p.Outcome || !slices.Equal(s.Categories, p.Categories) || !slices.Equal(s.Rules, p.Rules) {
			t.Errorf("decision %s: stored %+v, replayed %+v: not the escalation of a threat", c.DecisionID, s, p)
		}
		if c.Revision != serving(t, "massa").Revision {
			t.Errorf("decision %s: revision %s, want the serving one", c.DecisionID, c.Revision)
		}
	}
	if len(want) == 0 {
		t.Fatal("no decision escalates a threat: the test proves nothing")
	}
	if !slices.Equal(got, want) {
		t.Errorf("changed decisions\n%v\nwant, newest first,\n%v", got, want)
	}
	if rep.Changed != len(want) || rep.Same != len(recs)-len(want) || rep.Replayed != len(recs) {
		t.Errorf("replayed %d, same %d, changed %d; want %d, %d, %d", rep.Replayed, rep.Same, rep.Changed, len(recs), len(recs)-len(want), len(want))
	}
	t.Logf("%d of %d decisions of massa change", rep.Changed, rep.Replayed)
}

// TestReplaySelection: a time range, a limit and decision ids select what
// the store would list.
func TestReplaySelection(t *testing.T) {
	ctx := context.Background()
	f := sharedStore(t)
	modified := modifiedMassa(t)
	recs := records(t, f.st, "massa")
	full, err := replay.Run(ctx, f.st, modified, replay.Request{})
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]bool{}
	for _, c := range full.Changes {
		changed[c.DecisionID] = true
	}
	// Bounds among the records' times, which are whole seconds as
	// requests give them: some records fall before, in and after.
	var times []time.Time
	for _, r := range recs {
		times = append(times, r.DecidedAt)
	}
	slices.SortFunc(times, time.Time.Compare)
	times = slices.CompactFunc(times, time.Time.Equal)
	if len(times) < 3 {
		t.Fatalf("massa's records have %d distinct times; want some more", len(times))
	}
	from, to := times[len(times)/3], times[2*len(times)/3]
	inRange := func(r store.Record) bool { return !r.DecidedAt.Before(from) && r.DecidedAt.Before(to) }

	cases := []struct {
		name      string
		req       replay.Request
		selected  func(i int, r store.Record) bool
		truncated bool
	}{
		{"everything", replay.Request{}, func(int, store.Record) bool { return true }, false},
		{"limit", replay.Request{Limit: 7}, func(i int, _ store.Record) bool { return i < 7 }, true},
		{"limit of a page and more", replay.Request{Limit: 15}, func(i int, _ store.Record) bool { return i < 15 }, true},
		{"limit just enough", replay.Request{Limit: len(recs)}, func(int, store.Record) bool { return true }, false},
		{"time range", replay.Request{From: from, To: to}, func(_ int, r store.Record) bool { return inRange(r) }, false},
		{"from", replay.Request{From: to}, func(_ int, r store.Record) bool { return !r.DecidedAt.Before(to) }, false},
		{"ids", replay.Request{DecisionIDs: []string{recs[3].DecisionID, recs[0].DecisionID, recs[3].DecisionID, recs[len(recs)-1].DecisionID}},
			func(i int, _ store.Record) bool { return i == 0 || i == 3 || i == len(recs)-1 }, false},
	}
	// Every case also through a store that answers in pages of 7, so that
	// the cursor is followed and the limit falls inside a page.
	for _, src := range []struct {
		name string
		src  replay.Source
	}{{"", f.st}, {"small pages/", smallPages{f.st, 7}}} {
		for _, c := range cases {
			t.Run(src.name+c.name, func(t *testing.T) {
				rep, err := replay.Run(ctx, src.src, modified, c.req)
				if err != nil {
					t.Fatal(err)
				}
				var n int
				var want []string
				for i, r := range recs {
					if c.selected(i, r) {
						n++
						if changed[r.DecisionID] {
							want = append(want, r.DecisionID)
						}
					}
				}
				var got []string
				for _, ch := range rep.Changes {
					got = append(got, ch.DecisionID)
				}
				if rep.Replayed != n || rep.Truncated != c.truncated || !slices.Equal(got, want) {
					t.Errorf("replayed %d, truncated %t, changes %v; want %d, %t, %v", rep.Replayed, rep.Truncated, got, n, c.truncated, want)
				}
				if !rep.From.Equal(c.req.From) || !rep.To.Equal(c.req.To) {
					t.Errorf("report from %v to %v, want the request's", rep.From, rep.To)
				}
			})
		}
	}
	if len(full.Changes) == 0 {
		t.Error("no decision changes: the cases select nothing to compare")
	}

	t.Run("unknown id", func(t *testing.T) {
		_, err := replay.Run(ctx, f.st, modified, replay.Request{DecisionIDs: []string{recs[0].DecisionID, "01NOSUCHDECISION"}})
		var de *replay.DecisionError
		if !errors.As(err, &de) || de.DecisionID != "01NOSUCHDECISION" || !errors.Is(err, replay.ErrUnknownDecision) || !errors.Is(err, store.ErrNotFound) {
			t.Errorf("err = %v, want an unknown decision named", err)
		}
	})
	t.Run("id of another ente", func(t *testing.T) {
		other := records(t, f.st, "tradate")[0].DecisionID
		_, err := replay.Run(ctx, f.st, modified, replay.Request{DecisionIDs: []string{other}})
		var de *replay.DecisionError
		if !errors.As(err, &de) || de.DecisionID != other || !errors.Is(err, replay.ErrOtherEnte) {
			t.Errorf("err = %v, want decision %s of another ente", err, other)
		}
	})
	for name, req := range map[string]replay.Request{
		"other ente":          {Ente: "tradate"},
		"negative limit":      {Limit: -1},
		"limit over the cap":  {Limit: replay.MaxLimit + 1},
		"empty range":         {From: to, To: to},
		"ids and range":       {DecisionIDs: []string{recs[0].DecisionID}, From: from},
		"more ids than limit": {DecisionIDs: []string{recs[0].DecisionID, recs[1].DecisionID}, Limit: 1},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := replay.Run(ctx, f.st, modified, req); err == nil {
				t.Error("no error")
			}
		})
	}
}

// TestReplaySkipsPurged: a decision whose input retention purged cannot be
// replayed; it is counted, not failed.
func TestReplaySkipsPurged(t *testing.T) {
	ctx := context.Background()
	f := fill(t, sqliteURL(t), fillOptions{rounds: 3, step: 24 * time.Hour, only: map[string]bool{"massa": true}, batch: true})
	defer f.st.Close()
	recs := records(t, f.st, "massa")
	cut := recs[len(recs)/2].DecidedAt
	before := 0
	for _, r := range recs {
		if r.DecidedAt.Before(cut) {
			before++
		}
	}
	n, err := f.st.Purge(ctx, "massa", cut)
	if err != nil || n != int64(before) || n == 0 {
		t.Fatalf("purged %d, %v; want %d", n, err, before)
	}
	rep, err := replay.Run(ctx, f.st, serving(t, "massa"), replay.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != before || rep.Replayed != len(recs)-before || rep.Changed != 0 {
		t.Errorf("skipped %d, replayed %d, changed %d; want %d, %d, 0", rep.Skipped, rep.Replayed, rep.Changed, before, len(recs)-before)
	}
}

// TestReplayCorruptRecord: a record that cannot be read fails the replay
// with an error that names it.
func TestReplayCorruptRecord(t *testing.T) {
	ctx := context.Background()
	url := sqliteURL(t)
	f := fill(t, url, fillOptions{rounds: 1, only: map[string]bool{"tradate": true}, batch: true})
	defer f.st.Close()
	victim := records(t, f.st, "tradate")[2]
	raw, err := sql.Open("sqlite", strings.TrimPrefix(url, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ent := serving(t, "tradate")
	for _, c := range []struct {
		name, column, value, reason string
	}{
		{"input not JSON", "input", `{"now": "2026-11-23T10:15:03+01:00", "facts": {`, "stored input"},
		// Two inputs that engine.ParseInput and Ente.Replay take for valid
		// and then panic on: the panic is caught and named all the same.
		{"input without time", "input", `{"facts": {}}`, "stored input"},
		{"input without facts", "input", `{"now": "2026-11-23T10:15:03+01:00"}`, "stored input"},
		{"decision not JSON", "decision", `{"outcome": `, "stored decision"},
		{"decision without outcome", "decision", `{}`, "stored decision has no outcome"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var old string
			if err := raw.QueryRow(`SELECT `+c.column+` FROM decisions WHERE decision_id = ?`, victim.DecisionID).Scan(&old); err != nil {
				t.Fatal(err)
			}
			set := func(v string) {
				if _, err := raw.Exec(`UPDATE decisions SET `+c.column+` = ? WHERE decision_id = ?`, v, victim.DecisionID); err != nil {
					t.Fatal(err)
				}
			}
			set(c.value)
			defer set(old)
			_, err := replay.Run(ctx, f.st, ent, replay.Request{})
			var de *replay.DecisionError
			if !errors.As(err, &de) || de.DecisionID != victim.DecisionID ||
				!strings.Contains(err.Error(), victim.DecisionID) || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("err = %v, want decision %s named with %q", err, victim.DecisionID, c.reason)
			}
		})
	}
	// Put back, the log replays again.
	if rep, err := replay.Run(ctx, f.st, ent, replay.Request{}); err != nil || rep.Changed != 0 {
		t.Errorf("after repair: %v, %+v", err, rep)
	}
}

// TestOutcomes: the parallel replay of parsed inputs gives, in order, the
// outcome each input gives alone.
func TestOutcomes(t *testing.T) {
	ctx := context.Background()
	f := sharedStore(t)
	recs := records(t, f.st, "massa")
	inputs := make([]*engine.StoredInput, len(recs))
	for i, r := range recs {
		in, err := engine.ParseInput(r.Input)
		if err != nil {
			t.Fatal(err)
		}
		inputs[i] = in
	}
	for _, ent := range []*engine.Ente{modifiedMassa(t)} {
		got, err := replay.Outcomes(ctx, ent, inputs)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(inputs) {
			t.Fatalf("%d outcomes for %d inputs", len(got), len(inputs))
		}
		for i, in := range inputs {
			want, err := ent.Replay(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if !got[i].Equal(want) {
				t.Errorf("input %d: %+v, alone %+v", i, got[i], want)
			}
		}
	}
	if out, err := replay.Outcomes(ctx, serving(t, "massa"), nil); err != nil || len(out) != 0 {
		t.Errorf("no inputs: %v, %v", out, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := replay.Outcomes(cancelled, serving(t, "massa"), inputs); err == nil {
		t.Error("a cancelled context gave no error")
	}
}

// TestStoredOutcome: the outcome read from a stored decision is the one
// engine.OutcomeOf reads from the decision itself.
func TestStoredOutcome(t *testing.T) {
	f := sharedStore(t)
	for _, r := range records(t, f.st, "crespiatica") {
		var d engine.Decision
		if err := json.Unmarshal(r.Decision, &d); err != nil {
			t.Fatal(err)
		}
		got, err := replay.StoredOutcome(r.Decision)
		if err != nil || !got.Equal(engine.OutcomeOf(&d)) {
			t.Errorf("%s: %+v, %v; want %+v", r.DecisionID, got, err, engine.OutcomeOf(&d))
		}
	}
}

// smallPages is a source that answers at most n records a page.
type smallPages struct {
	*store.SQL
	n int
}

func (s smallPages) List(ctx context.Context, f store.Filter) ([]store.Record, string, error) {
	f.Limit = min(f.Limit, s.n)
	return s.SQL.List(ctx, f)
}
