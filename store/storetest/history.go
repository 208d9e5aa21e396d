package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

const day = 24 * time.Hour

func testHistory(t *testing.T, su suite) {
	e := su.env(t)
	p := e.s.Pseudonymizer()
	me := p.Of("a", "user-1")
	n := 0
	ev := func(at time.Duration, mods ...func(*store.Entry)) store.Entry {
		n++
		return entry("a", fmt.Sprintf("h%02d", n), t0.Add(at), append([]func(*store.Entry){by(me)}, mods...)...)
	}
	warned := func(x *store.Entry) { x.Warned = true }
	fp := func(f string) func(*store.Entry) { return func(x *store.Entry) { x.Fingerprint = f } }
	review := func(x *store.Entry) { x.Outcome, x.Categories = "review", []string{"threat"} }
	e.append(
		ev(-40*day, violation("threat"), fp("fp1")),
		ev(-30*day, violation("threat")), // on the window's edge: out
		ev(-20*day, violation("offensive_language"), fp("fp1")),
		ev(-10*day, warned),
		ev(-5*day, fp("fp1")),
		ev(-3*day, warned),
		ev(-2*day, review, fp("fp2")), // a doubt is not a violation
		ev(-time.Hour, violation("threat"), fp("fp1")),
		ev(0, violation("threat")), // at now: in
		ev(time.Hour, violation("threat"), warned, fp("fp1")),
	)
	// The same author id elsewhere, and requests without one.
	e.append(
		entry("b", "other-ente", t0.Add(-time.Hour), violation("threat"), by(p.Of("b", "user-1")), fp("fp1")),
		entry("a", "other-author", t0.Add(-time.Hour), violation("threat"), by(p.Of("a", "user-2")), fp("fp1")),
		entry("a", "anonymous", t0.Add(-time.Hour), violation("threat"), fp("fp1")),
	)

	var anonymous int
	if err := e.rawDB().QueryRow(`SELECT (SELECT COUNT(*) FROM author_events WHERE author = '') + (SELECT COUNT(*) FROM fingerprints WHERE author = '')`).Scan(&anonymous); err != nil || anonymous != 0 {
		t.Errorf("%d history rows without an author, %v; want none", anonymous, err)
	}

	at := func(d time.Duration) *time.Time { x := t0.Add(d); return &x }
	cases := []struct {
		name   string
		q      store.HistoryQuery
		fp     string // Repeats counts the fingerprints equal to it
		want   history
		zoneOf *time.Location // LastWarning is given in the query's zone
	}{
		{"now, 30 days", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0, Fingerprints: true}, "fp1",
			history{Violations: 3, LastWarning: at(-3 * day), Repeats: 3}, nil},
		{"now, 50 days", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 50, Now: t0, Fingerprints: true}, "fp1",
			history{Violations: 5, LastWarning: at(-3 * day), Repeats: 4}, nil},
		{"replay 4 days earlier", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0.Add(-4 * day), Fingerprints: true}, "fp1",
			history{Violations: 2, LastWarning: at(-10 * day), Repeats: 2}, nil},
		{"replay before anything", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0.Add(-60 * day), Fingerprints: true}, "fp1",
			history{}, nil},
		{"an hour later", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0.Add(time.Hour), Fingerprints: true}, "fp1",
			history{Violations: 4, LastWarning: at(time.Hour), Repeats: 4}, nil},
		{"other fingerprint", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0, Fingerprints: true}, "fp2",
			history{Violations: 3, LastWarning: at(-3 * day), Repeats: 1}, nil},
		{"no fingerprint", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0}, "",
			history{Violations: 3, LastWarning: at(-3 * day)}, nil},
		{"in Rome's time", store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0.In(time.FixedZone("CET", 3600))}, "",
			history{Violations: 3, LastWarning: at(-3 * day)}, time.FixedZone("CET", 3600)},
		{"same id in another ente", store.HistoryQuery{Ente: "b", AuthorID: "user-1", WindowDays: 30, Now: t0, Fingerprints: true}, "fp1",
			history{Violations: 1, Repeats: 1}, nil},
		{"another author", store.HistoryQuery{Ente: "a", AuthorID: "user-2", WindowDays: 30, Now: t0, Fingerprints: true}, "fp1",
			history{Violations: 1, Repeats: 1}, nil},
		{"unknown author", store.HistoryQuery{Ente: "a", AuthorID: "user-3", WindowDays: 30, Now: t0, Fingerprints: true}, "fp1",
			history{}, nil},
		{"no author id", store.HistoryQuery{Ente: "a", WindowDays: 30, Now: t0, Fingerprints: true}, "fp1",
			history{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := e.s.History(context.Background(), c.q)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffHistory(summary(got, c.fp), c.want); d != "" {
				t.Errorf("history %s", d)
			}
			if c.zoneOf != nil && got.LastWarning != nil && got.LastWarning.Location().String() != c.zoneOf.String() {
				t.Errorf("last warning in %v, want the query's zone %v", got.LastWarning.Location(), c.zoneOf)
			}
		})
	}
}

func testBlocks(t *testing.T, su suite) {
	e := su.env(t)
	p := e.s.Pseudonymizer()
	ctx := context.Background()
	block := func(id, author string, at time.Duration, until *time.Time) store.Entry {
		return entry("a", id, t0.Add(at), violation("threat"), by(p.Of("a", author)), func(x *store.Entry) {
			x.Blocked, x.BlockedUntil = true, until
		})
	}
	at := func(d time.Duration) *time.Time { x := t0.Add(d); return &x }
	e.append(
		block("week", "u-week", -day, at(6*day)),
		block("expired", "u-expired", -3*day, at(-time.Hour)),
		block("forever", "u-forever", -day, nil),
		block("short", "u-two", -2*day, at(2*day)),
		block("long", "u-two", -day, at(9*day)),
		block("lifted", "u-lifted", -day, at(6*day)),
		block("lifted-forever", "u-lifted-forever", -day, nil),
	)
	forGood := func(h store.History) bool { return h.BlockedUntil != nil && h.BlockedUntil.Year() >= 9999 }
	if ok, err := e.s.LiftBlock(ctx, "a", p.Of("a", "u-lifted"), t0.Add(-time.Hour)); err != nil || !ok {
		t.Fatalf("lift a block in force = %v, %v; want true", ok, err)
	}
	if ok, err := e.s.LiftBlock(ctx, "a", p.Of("a", "u-lifted-forever"), t0.Add(-time.Hour)); err != nil || !ok {
		t.Fatalf("lift a block for good = %v, %v; want true", ok, err)
	}
	for _, c := range []struct {
		name, author string
		now          time.Time
		check        func(store.History) bool
		want         string
	}{
		{"until a date", "u-week", t0, func(h store.History) bool { return h.BlockedUntil != nil && h.BlockedUntil.Equal(t0.Add(6*day)) }, "blocked until t0+6d"},
		{"at its end it is over", "u-week", t0.Add(6 * day), func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
		{"replay before the block", "u-week", t0.Add(-2 * day), func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
		{"expired", "u-expired", t0, func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
		{"expired, replayed while in force", "u-expired", t0.Add(-2 * day), func(h store.History) bool { return h.BlockedUntil != nil && h.BlockedUntil.Equal(t0.Add(-time.Hour)) }, "blocked until t0-1h"},
		{"for good", "u-forever", t0.Add(1000 * day), forGood, "blocked for good"},
		{"two blocks: the later end", "u-two", t0, func(h store.History) bool { return h.BlockedUntil != nil && h.BlockedUntil.Equal(t0.Add(9*day)) }, "blocked until t0+9d"},
		{"lifted", "u-lifted", t0, func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
		{"lifted, replayed before the lift", "u-lifted", t0.Add(-2 * time.Hour), func(h store.History) bool { return h.BlockedUntil != nil && h.BlockedUntil.Equal(t0.Add(6*day)) }, "blocked until t0+6d"},
		{"lifted for good", "u-lifted-forever", t0, func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
		{"never blocked", "u-none", t0, func(h store.History) bool { return h.BlockedUntil == nil }, "not blocked"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, err := e.s.History(ctx, store.HistoryQuery{Ente: "a", AuthorID: c.author, WindowDays: 30, Now: c.now})
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(h) {
				t.Errorf("blocked until %v, want %s", h.BlockedUntil, c.want)
			}
		})
	}
	t.Run("lift", func(t *testing.T) {
		for _, c := range []struct {
			name, ente, author string
		}{
			{"already lifted", "a", p.Of("a", "u-lifted")},
			{"expired", "a", p.Of("a", "u-expired")},
			{"never blocked", "a", p.Of("a", "u-none")},
			{"in another ente", "b", p.Of("a", "u-week")},
		} {
			if ok, err := e.s.LiftBlock(ctx, c.ente, c.author, t0); err != nil || ok {
				t.Errorf("lift %s = %v, %v; want false", c.name, ok, err)
			}
		}
		h, _ := e.s.History(ctx, store.HistoryQuery{Ente: "a", AuthorID: "u-week", WindowDays: 30, Now: t0})
		if h.BlockedUntil == nil {
			t.Error("lifting in another ente lifted the block here")
		}
	})
}

func testPseudonyms(t *testing.T, su suite) {
	e := su.env(t)
	p := e.s.Pseudonymizer()
	other := store.NewPseudonymizer([]byte("another key"))
	a1 := p.Of("a", "user-1")
	if !strings.HasPrefix(a1, "ps_") || strings.Contains(a1, "user-1") {
		t.Errorf("pseudonym %q", a1)
	}
	for _, c := range []struct {
		name string
		got  string
	}{
		{"another ente", p.Of("b", "user-1")},
		{"another author", p.Of("a", "user-2")},
		{"another key", other.Of("a", "user-1")},
		{"ente and id run together", p.Of("au", "ser-1")},
	} {
		if c.got == a1 || c.got == "" {
			t.Errorf("%s: pseudonym %q, want one different from %q", c.name, c.got, a1)
		}
	}
	if p.Of("a", "user-1") != a1 {
		t.Error("the same author in the same ente has two pseudonyms")
	}
	if got := p.Of("a", ""); got != "" {
		t.Errorf("no author id: pseudonym %q, want none", got)
	}
}

// history is what a case expects of the store's answer, with Repeats the
// count of its fingerprints equal to the one the case asks about (the
// engine's near-duplicate counting is engine/service/record's to test).
type history struct {
	Violations   int
	LastWarning  *time.Time
	BlockedUntil *time.Time
	Repeats      int
}

func summary(h store.History, fp string) history {
	out := history{Violations: h.Violations, LastWarning: h.LastWarning, BlockedUntil: h.BlockedUntil}
	for _, f := range h.Fingerprints {
		if fp != "" && f == fp {
			out.Repeats++
		}
	}
	return out
}

func diffHistory(got, want history) string {
	eq := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	if got.Violations != want.Violations || got.Repeats != want.Repeats || !eq(got.LastWarning, want.LastWarning) || !eq(got.BlockedUntil, want.BlockedUntil) {
		return fmt.Sprintf("= %s, want %s", showHistory(got), showHistory(want))
	}
	return ""
}

func showHistory(h history) string {
	show := func(t *time.Time) string {
		if t == nil {
			return "never"
		}
		return t.Sub(t0).String() + " from t0"
	}
	return fmt.Sprintf("{violations %d, repeats %d, last warning %s, blocked until %s}", h.Violations, h.Repeats, show(h.LastWarning), show(h.BlockedUntil))
}
