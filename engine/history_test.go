package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine/facts"
)

func fingerprintOf(text string) string { return facts.Fingerprint(facts.Tokenize([]rune(text))) }

func TestHistoryQueryRepeats(t *testing.T) {
	const text = "Sono tre settimane che la strada di via Roma è piena di buche e nessuno del Comune " +
		"si degna di rispondere alle segnalazioni dei residenti, vergogna."
	same := fingerprintOf(strings.ToUpper(text) + "!!!")
	edited := fingerprintOf(strings.Replace(text, "settimane", "mesi", 1))
	other := fingerprintOf("Bellissima la festa di ieri in piazza, complimenti a tutti i volontari della Pro Loco!")
	if d, _ := facts.Distance(fingerprintOf(text), edited); d == 0 || d > 10 {
		t.Fatalf("the edited text is %d bits away; the cases below need 1 to 10", d)
	}
	cases := []struct {
		name    string
		bits    int
		earlier string
		want    bool
	}{
		{"exact: the same words", 0, same, true},
		{"exact: a word changed", 0, edited, false},
		{"near: the same words", 10, same, true},
		{"near: a word changed", 10, edited, true},
		{"near: another text", 10, other, false},
		{"every bit", 64, other, true},
		{"no earlier fingerprint", 10, "", false},
		{"an earlier fingerprint of an older kind", 10, "legacy", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := HistoryQuery{Fingerprint: fingerprintOf(text), NearDuplicateBits: c.bits}
			if got := q.Repeats(c.earlier); got != c.want {
				t.Errorf("Repeats(%q) with %d bits = %v, want %v", c.earlier, c.bits, got, c.want)
			}
		})
	}
	// A fingerprint of an older kind only matches itself; a query without one matches nothing.
	if !(HistoryQuery{Fingerprint: "legacy"}).Repeats("legacy") || (HistoryQuery{Fingerprint: "legacy"}).Repeats("other") {
		t.Error("an older fingerprint should match itself only")
	}
	if (HistoryQuery{NearDuplicateBits: 64}).Repeats(same) {
		t.Error("a content without a fingerprint repeats nothing")
	}
}

func TestNearDuplicateBitsParam(t *testing.T) {
	cases := []struct {
		name     string
		flooding any
		want     int
		err      bool
	}{
		{"absent: the same words", nil, 0, false},
		{"set", map[string]any{"max_repeats": 2, "near_duplicate_bits": 10}, 10, false},
		{"every bit", map[string]any{"near_duplicate_bits": 64}, 64, false},
		{"negative", map[string]any{"near_duplicate_bits": -1}, 0, true},
		{"more than the fingerprint has", map[string]any{"near_duplicate_bits": 65}, 0, true},
		{"not a whole number", map[string]any{"near_duplicate_bits": 2.5}, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := map[string]any{"name": "Comune di Esempio"}
			if c.flooding != nil {
				data["flooding"] = c.flooding
			}
			lib, err := readLibParams(map[string]any{"lexicon": seedWording(t)})
			if err != nil {
				t.Fatal(err)
			}
			p, err := readParams(map[string]any{"esempio": data}, "esempio", origin{}, lib)
			if (err != nil) != c.err {
				t.Fatalf("error %v, want error: %v", err, c.err)
			}
			if err == nil && p.Flooding.NearDuplicateBits != c.want {
				t.Errorf("near_duplicate_bits %d, want %d", p.Flooding.NearDuplicateBits, c.want)
			}
		})
	}
}

// memoryHistory is a history source over earlier texts of one author, as
// the store would answer it: it fingerprints them and asks the query.
type memoryHistory struct {
	earlier []string
	asked   []HistoryQuery
}

func (m *memoryHistory) History(_ context.Context, q HistoryQuery) (History, error) {
	m.asked = append(m.asked, q)
	var h History
	for _, text := range m.earlier {
		if q.Repeats(fingerprintOf(text)) {
			h.Repeats++
		}
	}
	return h, nil
}

// The engine fingerprints the text, passes the ente's near_duplicate_bits
// with it, and the count reaches the policy as facts.repetition.count.
func TestRepetitionReachesThePolicy(t *testing.T) {
	const now = "2026-11-23T10:15:00+01:00"
	const text = "Sono tre settimane che la strada di via Roma è piena di buche e nessuno del Comune " +
		"si degna di rispondere alle segnalazioni dei residenti, vergogna."
	edited := []string{
		strings.Replace(text, "settimane", "mesi", 1),
		strings.Replace(text, "piena", "ancora piena", 1),
	}
	cases := []struct {
		name     string
		bits     int
		earlier  []string
		flooding bool
	}{
		{"the same text twice before", 0, []string{text, strings.ToUpper(text)}, true},
		{"once before", 0, []string{text}, false},
		{"edited copies, exact matching", 0, edited, false},
		{"edited copies, near-duplicates", 10, edited, true},
		{"other texts", 10, []string{"Bella iniziativa, grazie al Comune", "Quando riaprono la piscina comunale?"}, false},
	}
	h := &memoryHistory{}
	// An engine of its own, since the test edits the ente's parameters;
	// of massa alone, since no other ente is asked.
	ent, err := LoadEnte(context.Background(), policies, "massa")
	if err != nil {
		t.Fatal(err)
	}
	e := New([]*Ente{ent}, WithHistory(h))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h.earlier, h.asked = c.earlier, nil
			ent.params.Flooding.NearDuplicateBits = c.bits // as near_duplicate_bits in its data would
			d, err := e.Decide(context.Background(), massaComment(text, now))
			if err != nil {
				t.Fatal(err)
			}
			flooding := slices.ContainsFunc(d.Violations, func(v Violation) bool { return v.Category == "flooding" })
			if flooding != c.flooding {
				t.Errorf("flooding %v, want %v (outcome %s)", flooding, c.flooding, d.Outcome)
			}
			if len(h.asked) != 1 || h.asked[0].Fingerprint != fingerprintOf(text) || h.asked[0].NearDuplicateBits != c.bits {
				t.Errorf("asked %+v, want the text's fingerprint and %d bits", h.asked, c.bits)
			}
		})
	}
}
