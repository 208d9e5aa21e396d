package record_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/facts"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// Repetition on both dialects: the store returns the author's recent
// fingerprints in the window, at or before Now, and History counts those
// within the query's distance.
func TestSQLiteRepetition(t *testing.T) {
	testRepetition(t, storetest.Database{URL: "sqlite:" + filepath.Join(t.TempDir(), "galateo.db")})
}

func TestPostgresRepetition(t *testing.T) { testRepetition(t, storetest.Postgres(t)) }

func fingerprintOf(text string) string { return facts.Fingerprint(facts.Tokenize([]rune(text))) }

func testRepetition(t *testing.T, db storetest.Database) {
	ctx := context.Background()
	s, err := store.Open(ctx, db.URL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hist := record.History(s)

	const text = "Sono tre settimane che la strada di via Roma è piena di buche e nessuno del Comune " +
		"si degna di rispondere alle segnalazioni dei residenti, vergogna."
	var (
		same    = strings.ToUpper(text) + "!!!"                     // the same words
		changed = strings.Replace(text, "settimane", "mesi", 1)     // a word changed
		added   = strings.Replace(text, "piena", "ancora piena", 1) // a word added
		other   = "Bellissima la festa di ieri in piazza, complimenti a tutti!"
	)
	t0 := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	day := 24 * time.Hour
	p := s.Pseudonymizer()
	n := 0
	post := func(ente, author, text string, at time.Duration) store.Entry {
		n++
		id := fmt.Sprintf("r%03d", n)
		return store.Entry{
			DecisionID: id, Ente: ente, Revision: "rev-1", Author: p.Of(ente, author), Outcome: "allow",
			DecidedAt: t0.Add(at), Decision: fmt.Appendf(nil, `{"decision_id":%q}`, id), Input: []byte(`{}`),
			Fingerprint: fingerprintOf(text),
		}
	}
	if _, err := s.Append(ctx, []store.Entry{
		post("a", "user-1", text, -40*day),    // before the window
		post("a", "user-1", text, -30*day),    // on the window's edge: out
		post("a", "user-1", changed, -20*day), // near
		post("a", "user-1", other, -10*day),   // another text
		post("a", "user-1", same, -5*day),     // the same words
		post("a", "user-1", added, -time.Hour),
		post("a", "user-1", text, 0),         // at now: in
		post("a", "user-1", text, time.Hour), // after now: a replay must not see it
		post("a", "user-2", text, -time.Hour),
		post("b", "user-1", text, -time.Hour),
	}); err != nil {
		t.Fatal(err)
	}

	q := func(bits int, now time.Time, author string) engine.HistoryQuery {
		return engine.HistoryQuery{Ente: "a", AuthorID: author, WindowDays: 30, Now: now,
			Fingerprint: fingerprintOf(text), NearDuplicateBits: bits}
	}
	cases := []struct {
		name string
		q    engine.HistoryQuery
		want int
	}{
		{"exact", q(0, t0, "user-1"), 2},                              // same words at -5d, text at 0
		{"near-duplicates", q(10, t0, "user-1"), 4},                   // and the edits at -20d and -1h
		{"every bit", q(64, t0, "user-1"), 5},                         // and the other text
		{"replay a week earlier", q(10, t0.Add(-7*day), "user-1"), 2}, // -30d and -20d; -40d is outside
		{"replay before anything", q(10, t0.Add(-60*day), "user-1"), 0},
		{"an hour later", q(10, t0.Add(time.Hour), "user-1"), 5},
		{"another author", q(10, t0, "user-2"), 1},
		{"no fingerprint", engine.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 30, Now: t0, NearDuplicateBits: 64}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, err := hist.History(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if h.Repeats != c.want {
				t.Errorf("%d repeats, want %d", h.Repeats, c.want)
			}
		})
	}

	// Only the author's latest fingerprints are compared: a copy older than
	// store.RecentFingerprints other contents in the window does not count.
	var many []store.Entry
	many = append(many, post("c", "user-1", text, -2*day))
	for i := range store.RecentFingerprints {
		many = append(many, post("c", "user-1", fmt.Sprintf("messaggio numero %d su un argomento diverso", i), -day+time.Duration(i)*time.Second))
	}
	if _, err := s.Append(ctx, many); err != nil {
		t.Fatal(err)
	}
	h, err := hist.History(ctx, engine.HistoryQuery{Ente: "c", AuthorID: "user-1", WindowDays: 30, Now: t0, Fingerprint: fingerprintOf(text), NearDuplicateBits: 10})
	if err != nil {
		t.Fatal(err)
	}
	if h.Repeats != 0 {
		t.Errorf("%d repeats beyond the latest %d contents, want 0", h.Repeats, store.RecentFingerprints)
	}
}
