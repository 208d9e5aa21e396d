package diff_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/engine/service/replay/replaytest"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
)

const (
	policiesDir = "../../../policies"
	fixturesDir = "../../../fixtures"
)

// serving compiles the project's policies once: the revisions the
// fixtures are decided under.
var serving = sync.OnceValues(func() (*engine.Engine, error) {
	return engine.Load(context.Background(), policiesDir)
})

func servingEnte(t *testing.T, id string) *engine.Ente {
	t.Helper()
	eng, err := serving()
	if err != nil {
		t.Fatal(err)
	}
	ent, err := eng.Ente(id)
	if err != nil {
		t.Fatal(err)
	}
	return ent
}

// edited copies the policies and replaces old by new, once, in the file
// rel of the copy; it returns the copy.
func edited(t *testing.T, rel, old, new string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(policiesDir)); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dst, filepath.FromSlash(rel))
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), old); n != 1 {
		t.Fatalf("%s: %q found %d times, want once (did the policies change?)", rel, old, n)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(raw), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func load(t *testing.T, root, id string) *engine.Ente {
	t.Helper()
	ent, err := engine.LoadEnte(context.Background(), root, id)
	if err != nil {
		t.Fatal(err)
	}
	return ent
}

// tradateWithoutEscalation is Tradate with threats removed but no longer
// escalated to the person in charge.
func tradateWithoutEscalation(t *testing.T) *engine.Ente {
	t.Helper()
	return load(t, edited(t, "enti/tradate/data.yaml",
		"threat: {outcome: remove, severity: grave, actions: [remove, escalate]}",
		"threat: {outcome: remove, severity: grave, actions: [remove]}"), "tradate")
}

func ids(changes []diff.Change) []string {
	out := []string{}
	for _, c := range changes {
		out = append(out, c.ID)
	}
	return out
}

func cases(t *testing.T, ente string) []fixtures.Case {
	t.Helper()
	cs, err := fixtures.LoadDir(filepath.Join(fixturesDir, ente))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestDiffBehaviourFixtures: a change of a parameter lists exactly the
// fixtures whose decision it changes, each with both decisions.
func TestDiffBehaviourFixtures(t *testing.T) {
	ctx := context.Background()
	tradate := servingEnte(t, "tradate")
	modified := tradateWithoutEscalation(t)
	if modified.Revision == tradate.Revision {
		t.Fatal("the edit made no new revision")
	}
	n := len(cases(t, "tradate"))

	b, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Fixtures: fixturesDir})
	if err != nil {
		t.Fatal(err)
	}
	want := []diff.Change{{
		ID:          "tradate/016_minaccia.yaml",
		Description: "Minaccia a un dipendente: grave violazione, rimossa e sottoposta al responsabile",
		From:        diff.Outcome{Outcome: "remove", Categories: []string{"threat"}, Actions: []string{"escalate", "remove"}},
		To:          diff.Outcome{Outcome: "remove", Categories: []string{"threat"}, Actions: []string{"remove"}},
	}}
	if !reflect.DeepEqual(b.Fixtures, want) || b.FixturesRun != n || n < 30 {
		t.Errorf("fixtures %+v (%d run), want %+v (%d run)", b.Fixtures, b.FixturesRun, want, n)
	}
	if b.DecisionsReplayed != 0 || len(b.Decisions) != 0 || b.Skipped != 0 || !b.Since.IsZero() {
		t.Errorf("no log given, yet %+v", b)
	}

	// The other way round, the same fixture with its decisions swapped.
	back, err := diff.CompareBehaviour(ctx, modified, tradate, diff.BehaviourOptions{Fixtures: fixturesDir})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Fixtures) != 1 || !reflect.DeepEqual(back.Fixtures[0].From, want[0].To) || !reflect.DeepEqual(back.Fixtures[0].To, want[0].From) {
		t.Errorf("backwards: %+v", back.Fixtures)
	}

	// A revision compared with itself changes nothing.
	same, err := diff.CompareBehaviour(ctx, tradate, tradate, diff.BehaviourOptions{Fixtures: fixturesDir})
	if err != nil || len(same.Fixtures) != 0 || same.FixturesRun != n {
		t.Errorf("same revision: %+v, %v", same, err)
	}
}

// TestDiffBehaviourMassa: without the escalation of threats, the
// fixtures of Massa that change are those that expect an escalation.
func TestDiffBehaviourMassa(t *testing.T) {
	massa := servingEnte(t, "massa")
	modified := load(t, replaytest.WithoutEscalation(t, policiesDir), "massa")
	var want []string
	for _, c := range cases(t, "massa") {
		if slices.Contains(c.Expect.Actions, "escalate") && c.KnownIssue == "" {
			want = append(want, c.Name())
		}
	}
	if len(want) == 0 {
		t.Fatal("no fixture of massa expects an escalation: the test proves nothing")
	}
	b, err := diff.CompareBehaviour(context.Background(), massa, modified, diff.BehaviourOptions{Fixtures: fixturesDir})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(b.Fixtures); !slices.Equal(got, want) {
		t.Errorf("fixtures %v, want %v", got, want)
	}
	for _, c := range b.Fixtures {
		if !slices.Contains(c.From.Actions, "escalate") || slices.Contains(c.To.Actions, "escalate") || c.From.Outcome != c.To.Outcome ||
			!slices.Equal(c.From.Categories, c.To.Categories) || c.Description == "" {
			t.Errorf("%s: %+v → %+v is not the loss of an escalation", c.ID, c.From, c.To)
		}
	}
}

// logged is a store holding decisions of Tradate's fixture requests, taken
// in two rounds, the second after the whole first, and a few of Massa's.
type logged struct {
	st     *store.SQL
	second time.Time // the earliest decision of the second round
	rounds [2]int    // decisions of Tradate in each round
}

func fillLog(t *testing.T) *logged {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "galateo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := serving()
	if err != nil {
		t.Fatal(err)
	}
	eng = engine.New(eng.Enti(), engine.WithHistory(record.History(st)))
	l := &logged{st: st}
	// The fixtures span months: the second round starts a day after the
	// last decision of the first.
	var first, last time.Time
	for _, c := range cases(t, "tradate") {
		now, err := time.Parse(time.RFC3339, c.Request.Now)
		if err != nil {
			t.Fatal(err)
		}
		if first.IsZero() || now.Before(first) {
			first = now
		}
		if now.After(last) {
			last = now
		}
	}
	shift := last.Sub(first) + 24*time.Hour
	for round := range 2 {
		for _, ente := range []string{"tradate", "massa"} {
			cs := cases(t, ente)
			if ente == "massa" {
				cs = cs[:5]
			}
			for _, c := range cs {
				req := c.Request
				now, err := time.Parse(time.RFC3339, req.Now)
				if err != nil {
					t.Fatal(err)
				}
				if round == 1 {
					now = now.Add(shift)
					req.Now = now.Format(time.RFC3339)
					req.Content.ID += "#1"
					if ente == "tradate" && (l.second.IsZero() || now.Before(l.second)) {
						l.second = now
					}
				}
				ev, err := eng.Evaluate(ctx, &req)
				if err != nil {
					t.Fatalf("%s: %v", c.Name(), err)
				}
				e, err := record.Entry(ev, st.Pseudonymizer())
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Append(ctx, []store.Entry{e}); err != nil {
					t.Fatal(err)
				}
				if ente == "tradate" {
					l.rounds[round]++
				}
			}
		}
	}
	return l
}

// changedAlone lists, newest first, the logged decisions of Tradate taken
// at or after since that from and to decide differently, each replayed on
// its own: what CompareBehaviour must find.
func changedAlone(t *testing.T, st *store.SQL, from, to *engine.Ente, since time.Time) (changed []string, n int) {
	t.Helper()
	ctx := context.Background()
	f := store.Filter{Ente: "tradate", From: since, Limit: 500}
	for {
		recs, next, err := st.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			in, err := engine.ParseInput(r.Input)
			if err != nil {
				t.Fatal(err)
			}
			a, err := from.Replay(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			b, err := to.Replay(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if a.Outcome != b.Outcome || !slices.Equal(a.Categories, b.Categories) || !slices.Equal(a.Actions, b.Actions) {
				changed = append(changed, r.DecisionID)
			}
			n++
		}
		if next == "" {
			return changed, n
		}
		f.Cursor = next
	}
}

// TestDiffBehaviourLog: the logged decisions in the window that the new
// revision would decide differently are listed, newest first; the others,
// those of other enti and those before the window are not.
func TestDiffBehaviourLog(t *testing.T) {
	ctx := context.Background()
	l := fillLog(t)
	tradate := servingEnte(t, "tradate")
	modified := tradateWithoutEscalation(t)

	for _, c := range []struct {
		name  string
		since time.Time
		want  int // decisions replayed
	}{
		{"whole log", time.Time{}, l.rounds[0] + l.rounds[1]},
		{"second round", l.second, l.rounds[1]},
	} {
		t.Run(c.name, func(t *testing.T) {
			want, n := changedAlone(t, l.st, tradate, modified, c.since)
			if len(want) == 0 || n != c.want {
				t.Fatalf("%d decisions change of %d: the test proves nothing", len(want), n)
			}
			b, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: l.st, Since: c.since})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(b.Decisions); !slices.Equal(got, want) || b.DecisionsReplayed != n || b.Skipped != 0 || !b.Since.Equal(c.since) {
				t.Errorf("decisions %v (%d replayed, %d skipped, since %v), want %v (%d)", got, b.DecisionsReplayed, b.Skipped, b.Since, want, n)
			}
			if b.FixturesRun != 0 || len(b.Fixtures) != 0 {
				t.Errorf("no fixtures folder given, yet %d run", b.FixturesRun)
			}
			for _, ch := range b.Decisions {
				if !slices.Equal(ch.From.Actions, []string{"escalate", "remove"}) || !slices.Equal(ch.To.Actions, []string{"remove"}) ||
					!slices.Equal(ch.From.Categories, []string{"threat"}) || !strings.Contains(ch.Description, "content fb_") {
					t.Errorf("change %+v", ch)
				}
			}
		})
	}

	t.Run("limit", func(t *testing.T) {
		all, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: l.st})
		if err != nil {
			t.Fatal(err)
		}
		// The newest decisions up to the last one that changes, and one more.
		recs, _, err := l.st.List(ctx, store.Filter{Ente: "tradate", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		last := slices.IndexFunc(recs, func(r store.Record) bool { return r.DecisionID == all.Decisions[len(all.Decisions)-1].ID })
		limit := last + 2
		b, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: l.st, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if b.DecisionsReplayed != limit || !reflect.DeepEqual(b.Decisions, all.Decisions) || !b.Truncated {
			t.Errorf("limit %d: %d replayed, %v, truncated %v; want %v", limit, b.DecisionsReplayed, ids(b.Decisions), b.Truncated, ids(all.Decisions))
		}
		if all.Truncated {
			t.Error("the whole log replayed is reported truncated")
		}
		b, err = diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: l.st, Limit: last})
		if err != nil {
			t.Fatal(err)
		}
		if b.DecisionsReplayed != last || !slices.Equal(ids(b.Decisions), ids(all.Decisions)[:len(all.Decisions)-1]) {
			t.Errorf("limit %d: %d replayed, %v", last, b.DecisionsReplayed, ids(b.Decisions))
		}
	})

	t.Run("unreadable input", func(t *testing.T) {
		recs, _, err := l.st.List(ctx, store.Filter{Ente: "tradate", Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		victim := recs[2].DecisionID
		for name, input := range map[string]string{
			"not JSON":   `{"now": "2026-11-23T10:15:03+01:00", "facts": {`,
			"no facts":   `{"now": "2026-11-23T10:15:03+01:00"}`,
			"not a time": `{"now": "ieri", "facts": {}}`,
		} {
			t.Run(name, func(t *testing.T) {
				_, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: corrupt{l.st, victim, input}})
				var de *replay.DecisionError
				if !errors.As(err, &de) || de.DecisionID != victim {
					t.Errorf("err = %v, want decision %s named", err, victim)
				}
			})
		}
	})

	// Last, as it changes the log: decisions whose input was purged are
	// counted, not replayed.
	t.Run("purged", func(t *testing.T) {
		n, err := l.st.Purge(ctx, "tradate", l.second)
		if err != nil || n != int64(l.rounds[0]) {
			t.Fatalf("purged %d, %v; want %d", n, err, l.rounds[0])
		}
		want, _ := changedAlone(t, l.st, tradate, modified, l.second)
		b, err := diff.CompareBehaviour(ctx, tradate, modified, diff.BehaviourOptions{Log: l.st})
		if err != nil {
			t.Fatal(err)
		}
		if b.Skipped != l.rounds[0] || b.DecisionsReplayed != l.rounds[1] || !slices.Equal(ids(b.Decisions), want) {
			t.Errorf("skipped %d, replayed %d, %v; want %d, %d, %v", b.Skipped, b.DecisionsReplayed, ids(b.Decisions), l.rounds[0], l.rounds[1], want)
		}
	})
}

// corrupt is a log whose record id has another input.
type corrupt struct {
	*store.SQL
	id, input string
}

func (c corrupt) List(ctx context.Context, f store.Filter) ([]store.Record, string, error) {
	recs, next, err := c.SQL.List(ctx, f)
	for i := range recs {
		if recs[i].DecisionID == c.id {
			recs[i].Input = []byte(c.input)
		}
	}
	return recs, next, err
}

// TestDiffBehaviourRejects: what cannot be compared is an error, and an
// ente without fixtures has none to run.
func TestDiffBehaviourRejects(t *testing.T) {
	ctx := context.Background()
	tradate, massa := servingEnte(t, "tradate"), servingEnte(t, "massa")
	for name, c := range map[string]struct {
		from, to *engine.Ente
		o        diff.BehaviourOptions
	}{
		"two enti":           {tradate, massa, diff.BehaviourOptions{}},
		"negative limit":     {tradate, tradate, diff.BehaviourOptions{Limit: -1}},
		"limit over the cap": {tradate, tradate, diff.BehaviourOptions{Limit: replay.MaxLimit + 1}},
		"no fixtures folder": {tradate, tradate, diff.BehaviourOptions{Fixtures: filepath.Join(t.TempDir(), "missing")}},
	} {
		t.Run(name, func(t *testing.T) {
			if b, err := diff.CompareBehaviour(ctx, c.from, c.to, c.o); err == nil {
				t.Errorf("no error: %+v", b)
			}
		})
	}
	b, err := diff.CompareBehaviour(ctx, tradate, tradate, diff.BehaviourOptions{Fixtures: t.TempDir()})
	if err != nil || b.FixturesRun != 0 || len(b.Fixtures) != 0 {
		t.Errorf("an ente without fixtures: %+v, %v", b, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := diff.CompareBehaviour(cancelled, tradate, tradate, diff.BehaviourOptions{Fixtures: fixturesDir}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestDiffBehaviourText: the report prints the fixtures that change, with both
// decisions, for a reader who does not read code.
func TestDiffBehaviourText(t *testing.T) {
	tradate := servingEnte(t, "tradate")
	modified := tradateWithoutEscalation(t)
	rep, err := diff.Compare("tradate", tradate.Source, modified.Source)
	if err != nil {
		t.Fatal(err)
	}
	rep.Behaviour, err = diff.CompareBehaviour(context.Background(), tradate, modified, diff.BehaviourOptions{Fixtures: fixturesDir})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	for _, want := range []string{
		fmt.Sprintf("1 of %d fixtures changes its decision", rep.Behaviour.FixturesRun),
		"tradate/016_minaccia.yaml — Minaccia a un dipendente",
		"before: remove (categories: threat; actions: escalate, remove)",
		"after:  remove (categories: threat; actions: remove)",
		"categories.threat.actions: item \"escalate\" removed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
}
