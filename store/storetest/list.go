package storetest

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testList(t *testing.T, su suite) {
	e := su.env(t)
	// 30 decisions over two enti, three outcomes, overlapping categories and
	// four authors; every third shares its time with the one before, so
	// that pages must break ties by decision id.
	outcomes := []string{"allow", "remove", "review"}
	cats := [][]string{nil, {"threat"}, {"offensive_language", "threat"}, {"personal_data"}, {"personalXdata"}, {"threat_of_harm"}}
	var entries []store.Entry
	at := t0
	for i := range 30 {
		if i%3 != 2 {
			at = at.Add(time.Minute)
		}
		ente := []string{"a", "b"}[i%2]
		x := entry(ente, fmt.Sprintf("d%02d", (i*7)%30), at, by(fmt.Sprintf("ps_%d", i%4)), func(x *store.Entry) {
			x.Outcome, x.Categories = outcomes[i%3], cats[i%len(cats)]
		})
		entries = append(entries, x)
	}
	// In two batches, the second out of time order.
	e.append(entries[:15]...)
	rest := slices.Clone(entries[15:])
	slices.Reverse(rest)
	e.append(rest...)

	expect := func(keep func(store.Entry) bool) []string {
		var sel []store.Entry
		for _, x := range entries {
			if keep(x) {
				sel = append(sel, x)
			}
		}
		slices.SortFunc(sel, func(a, b store.Entry) int {
			return cmp.Or(b.DecidedAt.Compare(a.DecidedAt), cmp.Compare(b.DecisionID, a.DecisionID))
		})
		ids := []string{}
		for _, x := range sel {
			ids = append(ids, x.DecisionID)
		}
		return ids
	}
	from, to := t0.Add(5*time.Minute), t0.Add(12*time.Minute)
	cases := []struct {
		name string
		f    store.Filter
		keep func(store.Entry) bool
	}{
		{"everything", store.Filter{}, func(store.Entry) bool { return true }},
		{"ente", store.Filter{Ente: "b"}, func(x store.Entry) bool { return x.Ente == "b" }},
		{"outcome", store.Filter{Outcome: "remove"}, func(x store.Entry) bool { return x.Outcome == "remove" }},
		{"category, one of several", store.Filter{Category: "threat"}, func(x store.Entry) bool { return slices.Contains(x.Categories, "threat") }},
		{"category, the whole word", store.Filter{Category: "personal_data"}, func(x store.Entry) bool { return slices.Contains(x.Categories, "personal_data") }},
		{"category, no prefix", store.Filter{Category: "threat_of"}, func(store.Entry) bool { return false }},
		{"category, no wildcard", store.Filter{Category: "%"}, func(store.Entry) bool { return false }},
		{"author", store.Filter{Author: "ps_1"}, func(x store.Entry) bool { return x.Author == "ps_1" }},
		{"from, inclusive", store.Filter{From: from}, func(x store.Entry) bool { return !x.DecidedAt.Before(from) }},
		{"to, exclusive", store.Filter{To: to}, func(x store.Entry) bool { return x.DecidedAt.Before(to) }},
		{"from and to", store.Filter{From: from, To: to}, func(x store.Entry) bool { return !x.DecidedAt.Before(from) && x.DecidedAt.Before(to) }},
		{"all together", store.Filter{Ente: "a", Outcome: "review", Category: "threat", Author: "ps_2", From: t0, To: t0.Add(20 * time.Minute)},
			func(x store.Entry) bool {
				return x.Ente == "a" && x.Outcome == "review" && slices.Contains(x.Categories, "threat") && x.Author == "ps_2" && x.DecidedAt.Before(t0.Add(20*time.Minute))
			}},
		{"nothing matches", store.Filter{Ente: "zzz"}, func(store.Entry) bool { return false }},
	}
	for _, c := range cases {
		want := expect(c.keep)
		t.Run(c.name, func(t *testing.T) {
			if c.name == "all together" && len(want) == 0 {
				t.Fatal("the data has no record matching every filter")
			}
			for _, limit := range []int{0, 1, 4, 7} {
				f := c.f
				f.Limit = limit
				if got := e.with(t).pages(f, nil); !slices.Equal(got, want) {
					t.Errorf("limit %d: %q\nwant         %q", limit, got, want)
				}
			}
		})
	}

	t.Run("a page is not disturbed by newer records", func(t *testing.T) {
		want := expect(func(x store.Entry) bool { return x.Ente == "a" })
		e := e.with(t)
		got := e.pages(store.Filter{Ente: "a", Limit: 4}, func(page int) {
			if page == 1 {
				e.append(entry("a", "late", t0.Add(24*time.Hour)))
			}
		})
		if !slices.Equal(got, want) {
			t.Errorf("%q\nwant %q", got, want)
		}
	})

	t.Run("bad cursor", func(t *testing.T) {
		for _, c := range []string{
			"%%%",
			base64.RawURLEncoding.EncodeToString([]byte("no colon")),
			base64.RawURLEncoding.EncodeToString([]byte("yesterday:d01")),
			base64.RawURLEncoding.EncodeToString([]byte("1741599000000000000:")),
		} {
			recs, next, err := e.s.List(context.Background(), store.Filter{Cursor: c})
			if !errors.Is(err, store.ErrBadCursor) {
				t.Errorf("cursor %q: %d records, next %q, error %v; want ErrBadCursor", c, len(recs), next, err)
			}
		}
	})
}

func testListLimits(t *testing.T, su suite) {
	e := su.env(t)
	var entries []store.Entry
	for i := range 501 {
		entries = append(entries, entry("a", fmt.Sprintf("d%03d", i), t0.Add(time.Duration(i)*time.Second)))
	}
	e.append(entries...)
	for _, c := range []struct{ limit, want int }{{0, 50}, {-1, 50}, {500, 500}, {10000, 500}} {
		recs, next, err := e.s.List(context.Background(), store.Filter{Limit: c.limit})
		if err != nil || len(recs) != c.want || next == "" {
			t.Errorf("limit %d: %d records, next %q, %v; want %d and a next page", c.limit, len(recs), next, err, c.want)
		}
	}
}

// pages lists every page of f and returns the decision ids in order,
// failing on a repeat; between(n) runs after page n.
func (e *env) pages(f store.Filter, between func(page int)) []string {
	e.t.Helper()
	ids := []string{}
	seen := map[string]bool{}
	for page := 0; ; page++ {
		recs, next, err := e.s.List(context.Background(), f)
		if err != nil {
			e.t.Fatalf("list %+v: %v", f, err)
		}
		if f.Limit > 0 && len(recs) > f.Limit {
			e.t.Fatalf("page of %d records with limit %d", len(recs), f.Limit)
		}
		for _, r := range recs {
			if seen[r.DecisionID] {
				e.t.Fatalf("page %d repeats %s", page, r.DecisionID)
			}
			seen[r.DecisionID] = true
			ids = append(ids, r.DecisionID)
		}
		if next == "" {
			return ids
		}
		if len(recs) == 0 || page > 1000 {
			e.t.Fatalf("page %d: %d records and a next cursor", page, len(recs))
		}
		if between != nil {
			between(page)
		}
		f.Cursor = next
	}
}
