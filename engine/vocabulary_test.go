package engine

import (
	"context"
	"testing"
)

// The violence vocabulary reaches decisions through the lemmatiser: the
// irregular verbs of its block of morphology.yaml (stendere, torcere,
// ridurre, estromettere, sciogliere, riempire, travolgere) and the regular lemmas added by semantic field,
// in sentences of our own; each innocent use of the same word is allowed.
func TestViolenceVocabularyByField(t *testing.T) {
	ent, err := LoadEnte(context.Background(), policies, "massa")
	if err != nil {
		t.Fatal(err)
	}
	e := New([]*Ente{ent})
	cases := []struct {
		text    string
		flagged bool
	}{
		{"Agli ebrei torcerei il collo", true},
		{"Ai froci gli torco il collo", true},
		{"Quei rom li ridurrei in poltiglia", true},
		{"Ti riduco in fin di vita, negro", true},
		{"I musulmani li estrometterei tutti dalla città", true},
		{"Ti stendo con un pugno, negro", true},
		{"Ti sciolgo nell'acido, terrone", true},
		{"Secondo i giudici il clan sciolse la vittima nell'acido", false},
		{"Ti riempio di pugni", true},
		{"Quei rom andrebbero travolti tutti", true},
		{"Gli ebrei vanno sciolti nell'acido", true},
		{"I rom andrebbero estromessi dalla città", true},
		{"La valanga ha travolto due escursionisti stranieri", false},
		{"I rom li riempiamo di botte", true},
		{"I froci vanno educati a suon di legnate", true},
		{"Che possano crepare tutti i comunisti", true},
		{"Il cantiere riempie di polvere le case degli anziani", false},
		{"Il sale scioglie il ghiaccio davanti alla scuola dei bambini", false},
		{"Bisogna comprare la crema per gli anziani", false},
		{"Bisogna raccogliere gli stecchi nel parco dei bambini", false},
		{"Quei rom li stecchisco uno per uno", true},
		{"Quel marocchino lo impallino", true},
		{"Gli ebrei andrebbero riempiti di piombo", true},
		{"Quei rumeni li prendo a pedate", true},
		{"Ai musulmani farei fare una brutta morte", true},
		{"Gli zingari vanno ghigliottinati", true},
		{"Hanno ridotto le tasse per i disabili", false},
		{"Ho steso i panni in terrazza", false},
		{"Il vento ha torto i rami del parco dei bambini", false},
		{"Ho fatto secco il bicchiere di vino", false},
		{"La donna è stata ridotta in fin di vita dal marito", false},
		{"Il sindaco è stato impallinato dai franchi tiratori", false},
	}
	for _, c := range cases {
		d, err := e.Decide(context.Background(), testRequest("massa", c.text))
		if err != nil {
			t.Fatal(err)
		}
		if flagged := d.Outcome != "allow"; flagged != c.flagged {
			t.Errorf("%q: outcome %s, want flagged %v", c.text, d.Outcome, c.flagged)
		}
	}
}
