package facts

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"Una frase sola", []string{"Una frase sola"}},
		{"Prima frase. Seconda frase!  Terza?", []string{"Prima frase.", "Seconda frase!", "Terza?"}},
		{"Il sig. Rossi è qui. La sig.ra Bianchi no.", []string{"Il sig. Rossi è qui.", "La sig.ra Bianchi no."}},
		{"Ne parla M. Rossi. Poi basta", []string{"Ne parla M. Rossi.", "Poi basta"}},
		{"Pane, latte ecc. e poi basta. Fine", []string{"Pane, latte ecc. e poi basta.", "Fine"}},
		{"Costa 1.234,56 euro. Troppo", []string{"Costa 1.234,56 euro.", "Troppo"}},
		{"Vedi www.comune.massa.ms.it. Grazie", []string{"Vedi www.comune.massa.ms.it.", "Grazie"}},
		{"Ma dai!!! Davvero?! sì", []string{"Ma dai!!!", "Davvero?!", "sì"}},
		{"beh... non so", []string{"beh... non so"}},
		{"Lui ha detto «basta.» Poi è uscito", []string{"Lui ha detto «basta.»", "Poi è uscito"}},
		{"riga uno\nriga due\r\n\n  riga tre  ", []string{"riga uno", "riga due", "riga tre"}},
		{"Perché è così… Però", []string{"Perché è così…", "Però"}},
	}
	for _, c := range cases {
		got := Sentences(c.text, newOffsets(c.text), testLanguage(t))
		rs := []rune(c.text)
		var texts []string
		for _, s := range got {
			if s[0] < 0 || s[1] > len(rs) || s[0] >= s[1] {
				t.Fatalf("%q: span %v outside the text", c.text, s)
			}
			texts = append(texts, string(rs[s[0]:s[1]]))
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: sentences %q, want %q", c.text, texts, c.want)
		}
	}
}

// The facts carry the sentences, so that a policy can tell a name and a
// health word said together.
func TestExtractSentences(t *testing.T) {
	f := extract(t, "Buongiorno. Il signor Paolini è malato di Parkinson.", "")
	if len(f.Sentences) != 2 || f.Sentences[1] != [2]int{12, 52} {
		t.Errorf("sentences = %v", f.Sentences)
	}
	var names []string
	for _, p := range f.PII {
		if p.Kind == "person_name" {
			names = append(names, piiText(f.Text, p))
		}
	}
	if strings.Join(names, ",") != "Paolini" {
		t.Errorf("names = %v", names)
	}
}
