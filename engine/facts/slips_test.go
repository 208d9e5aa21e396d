package facts

import (
	"slices"
	"testing"
)

func TestEditDistance2(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"zingari", "zingari", 0},
		{"zinagri", "zingari", 1},
		{"pvracci", "poveracci", 2},
		{"zingheri", "zingari", 2},
		{"macchina", "marocchina", 2},
		{"sport", "sporchi", 3},
		{"casa", "poveracci", 3},
	}
	for _, c := range cases {
		if got := editDistance2(c.a, c.b); got != c.want {
			t.Errorf("editDistance2(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestUnItalian(t *testing.T) {
	for w, want := range map[string]bool{
		"pvracci": true, "inutl": true, "dsabili": true, "zngri": true,
		"poveracci": false, "macchina": false, "sport": false, "stand": false, "tecnico": false,
		"ritmo": false, "opzione": false, "acqua": false, "atlante": false, "zingheri": false,
	} {
		if got := unItalian(w); got != want {
			t.Errorf("unItalian(%q) = %v, want %v", w, got, want)
		}
	}
}

// Two slips in a long known word, where what is written is of no Italian
// shape: corrected; Italian words two slips from one: not.
func TestTwoSlips(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"quei pvracci vanno cacciati", "pvracci", "poveraccio", true},
		{"un assessore inutl", "inutl", "inutile", true},
		{"le mrcchine sono in doppia fila", "mrcchine", "marocchina", false}, // three slips
		{"la macchina è in doppia fila", "macchina", "marocchina", false},
		{"gli ariani del romanzo", "ariani", "africano", false},
		{"croati e sloveni al confine", "croati", "crollare", false},
		{"il grill del parco", "grill", "gorilla", false},
	}
	l := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", l), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q has lemma %q: %v, want %v (%q)", c.text, c.word, c.lemma, got, c.want, tk.Lemmas)
		}
	}
}
