package engine

import (
	"os"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// seedWording is data.lexicon as far as the wording goes: the project's
// policies/lexicon/wording.yaml.
func seedWording(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../policies/lexicon/wording.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestWordingOfTheSeed(t *testing.T) {
	lib, err := readLibParams(map[string]any{"lexicon": seedWording(t)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := readParams(map[string]any{"esempio": map[string]any{"name": "Comune di Esempio"}}, "esempio", origin{}, lib)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 9, 5, 0, 0, time.UTC)
	if got := p.wording.time(at); got != "martedì 24 novembre 2026 alle 9:05" {
		t.Errorf("time: %q", got)
	}
	if got := p.wording.outcome("remove", "reply"); got != "viene rimossa" {
		t.Errorf("a reply removed: %q", got)
	}
}

// A mistake in the wording stops the revision at load, naming what is
// wrong, rather than reaching a citizen as "{titel}".
func TestWordingMistakesAreLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(w map[string]any)
		names string
	}{
		{"unknown placeholder", func(w map[string]any) {
			w["sentences"].(map[string]any)["rule"] = "la regola «{titel}»"
		}, "sentences.rule: {titel}"},
		{"missing outcome", func(w map[string]any) { delete(w["outcomes"].(map[string]any), "hide") }, "outcomes.hide"},
		{"missing kind", func(w map[string]any) { delete(w["kinds"].(map[string]any), "report") }, "kinds.report"},
		{"missing sentence", func(w map[string]any) { delete(w["sentences"].(map[string]any), "todo") }, "sentences.todo: missing"},
		{"unknown sentence", func(w map[string]any) { w["sentences"].(map[string]any)["saluto"] = "ciao" }, "sentences.saluto"},
		{"six weekdays", func(w map[string]any) { w["weekdays"] = w["weekdays"].([]any)[:6] }, "weekdays: 6 names"},
		{"unknown field", func(w map[string]any) { w["mesi"] = []any{} }, "mesi"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lex := seedWording(t)
			c.edit(lex["wording"].(map[string]any))
			_, err := readLibParams(map[string]any{"lexicon": lex})
			if err == nil || !strings.Contains(err.Error(), c.names) || !strings.Contains(err.Error(), "wording.yaml") {
				t.Errorf("error %v, want one naming %q and the file", err, c.names)
			}
		})
	}
}
