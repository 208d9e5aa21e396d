package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testIdempotency(t *testing.T, su suite) {
	// Each case records batches in order; every entry is a certain
	// violation of the same author with the same text.
	type want struct {
		duplicate  bool
		decisionID string // of the returned record
		seq        int64
	}
	cases := []struct {
		name       string
		batches    [][]store.Entry
		want       []want // one per entry, over all batches
		violations int    // in the author's history afterwards
	}{
		{
			name:       "same content and revision, later batch",
			batches:    [][]store.Entry{{mk("a", "d1", "c1", "r1")}, {mk("a", "d2", "c1", "r1")}},
			want:       []want{{false, "d1", 1}, {true, "d1", 1}},
			violations: 1,
		},
		{
			name:       "same content and revision, one batch",
			batches:    [][]store.Entry{{mk("a", "d1", "c1", "r1"), mk("a", "d2", "c1", "r1"), mk("a", "d3", "c2", "r1")}},
			want:       []want{{false, "d1", 1}, {true, "d1", 1}, {false, "d3", 2}},
			violations: 2,
		},
		{
			name:       "a retry with the same decision id",
			batches:    [][]store.Entry{{mk("a", "d1", "c1", "r1")}, {mk("a", "d1", "c1", "r1")}},
			want:       []want{{false, "d1", 1}, {true, "d1", 1}},
			violations: 1,
		},
		{
			name:       "another revision is a new decision",
			batches:    [][]store.Entry{{mk("a", "d1", "c1", "r1")}, {mk("a", "d2", "c1", "r2")}, {mk("a", "d3", "c1", "r2")}},
			want:       []want{{false, "d1", 1}, {false, "d2", 2}, {true, "d2", 2}},
			violations: 2,
		},
		{
			name:       "no content id is never deduplicated",
			batches:    [][]store.Entry{{mk("a", "d1", "", "r1"), mk("a", "d2", "", "r1")}, {mk("a", "d3", "", "r1")}},
			want:       []want{{false, "d1", 1}, {false, "d2", 2}, {false, "d3", 3}},
			violations: 3,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := su.env(t)
			var got []store.Record
			for _, b := range c.batches {
				for i := range b {
					b[i].Author = e.s.Pseudonymizer().Of("a", "user-1")
				}
				got = append(got, e.append(b...)...)
			}
			var fresh int64
			for i, r := range got {
				w := c.want[i]
				if r.Duplicate != w.duplicate || r.DecisionID != w.decisionID || r.Seq != w.seq {
					t.Errorf("entry %d: duplicate %v, decision %s, seq %d; want %v, %s, %d", i, r.Duplicate, r.DecisionID, r.Seq, w.duplicate, w.decisionID, w.seq)
				}
				if !r.Duplicate {
					fresh++
				}
			}
			h := e.history("a", "user-1", "fp-same")
			if h.Violations != c.violations || h.Repeats != c.violations {
				t.Errorf("history: %d violations, %d repeats; want %d of each", h.Violations, h.Repeats, c.violations)
			}
			e.clean(1, fresh)
		})
	}

	t.Run("the same content in another ente", func(t *testing.T) {
		e := su.env(t)
		r := e.append(mk("a", "d1", "c1", "r1"), mk("b", "d2", "c1", "r1"))
		if r[1].Duplicate || r[1].DecisionID != "d2" {
			t.Errorf("same content id in another ente: %+v, want a new record", r[1])
		}
	})

	t.Run("a duplicate is found by content", func(t *testing.T) {
		e := su.env(t)
		e.append(mk("a", "d1", "c1", "r1"))
		e.append(mk("a", "d2", "c1", "r1"))
		r, err := e.s.Find(context.Background(), "a", "c1", "r1")
		if err != nil || r.DecisionID != "d1" || r.Duplicate {
			t.Errorf("find = %+v, %v; want d1 as recorded", r, err)
		}
		if _, err := e.s.Get(context.Background(), "d2"); !isNotFound(err) {
			t.Errorf("get of the duplicate's own id: %v, want ErrNotFound", err)
		}
	})
}

// mk is a certain violation of a content under a revision, with a text
// fingerprint, the same for every content.
func mk(ente, id, contentID, revision string) store.Entry {
	return entry(ente, id, t0.Add(-time.Hour), violation("threat"), content(contentID, revision),
		func(e *store.Entry) { e.Fingerprint = "fp-same" })
}

// history is the history of an author id in an ente at t0, over 30 days.
func (e *env) history(ente, authorID, fingerprint string) history {
	e.t.Helper()
	h, err := e.s.History(context.Background(), store.HistoryQuery{Ente: ente, AuthorID: authorID, WindowDays: 30, Now: t0, Fingerprints: fingerprint != ""})
	if err != nil {
		e.t.Fatalf("history: %v", err)
	}
	return summary(h, fingerprint)
}
