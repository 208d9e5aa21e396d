package facts

import (
	"math"
	"testing"
	"unicode/utf8"
)

func TestStemRelatedFormsMeet(t *testing.T) {
	groups := [][]string{
		{"foto", "fotografia", "fotografie", "fotografica", "fotografiche", "fotografo", "fotografare"},
		{"strada", "strade", "stradale", "stradali"},
		{"scuola", "scuole", "scolastico", "scolastica", "scolastici", "scolastiche"},
		{"lavoro", "lavori", "lavorare", "lavoratori"},
		{"ufficio", "uffici"},
		{"buca", "buche"},
		{"parcheggio", "parcheggi", "parcheggiare"},
		{"abitare", "abitanti", "abitazione", "abitazioni"},
		{"nuovo", "nuova", "nuove", "novita"},
		{"sistemare", "sistemazione", "sistemandola", "sistemarla"},
		{"comune", "comuni", "comunale", "comunali"},
		{"veloce", "velocemente"},
		{"numero", "numeri"},
		{"bici", "bicicletta", "biciclette"},
		{"auto", "automobile", "automobili"},
	}
	for _, g := range groups {
		want := stem(g[0])
		for _, w := range g[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want them to meet", w, got, g[0], want)
			}
		}
	}
}

func TestStemKeepsWordsApart(t *testing.T) {
	for _, p := range [][2]string{
		{"strada", "stadio"}, {"scuola", "scala"}, {"foto", "fonte"}, {"piscina", "pista"},
		{"comune", "consiglio"}, {"mare", "mercato"}, {"numero", "nuoto"}, {"parco", "parcheggio"},
	} {
		if a, b := stem(p[0]), stem(p[1]); a == b {
			t.Errorf("stem(%q) = stem(%q) = %q: want them apart", p[0], p[1], a)
		}
	}
}

func TestStemShortAndOddWords(t *testing.T) {
	for w, want := range map[string]string{
		"via": "via", "re": "re", "tar": "tar", "sale": "sal", "quota": "quot", "ßßß": "ßßß", "привет": "привет",
	} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestContentStems(t *testing.T) {
	got := contentStems(Tokenize([]rune("Buongiorno, ma perché le STRADE di via Roma sono così? Vedi https://www.comune.it e il 2026")), testLanguage(t).stopWords)
	want := []string{"strad", "via", "rom", "ved", "comun"}
	if len(got) != len(want) {
		t.Errorf("content stems %v, want %v", got, want)
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("content stems %v lack %q", got, w)
		}
	}
}

func TestTopicSimilarity(t *testing.T) {
	cases := []struct {
		name, comment, thread string
		want                  float64
	}{
		{"every word in the post",
			"Strade chiuse per lavori", "Lavori stradali: la strada resta chiusa fino a venerdì", 1},
		{"related forms meet",
			"Bellissime foto, complimenti", "Inaugurata la mostra fotografica in sala consiliare", 1.0 / 3},
		{"scuola and scolastico",
			"Mia figlia va a scuola a piedi perché il pulmino non passa", "Trasporto scolastico: iscrizioni aperte fino al 30 settembre", 1.0 / 5},
		{"nothing in common",
			"Qualcuno sa quando riapre la piscina comunale per i corsi di nuoto?", "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì", 0},
		{"a restaurant under a post on the stadium",
			"Consiglio a tutti il ristorante di pesce Da Beppe a Marina di Massa, cucina ottima e personale gentilissimo",
			"Stadio degli Oliveti: approvati i lavori per la nuova copertura della tribuna.", 0},
		{"only function words", "Grazie, ma perché?", "Lavori in via Roma", 1},
		{"a post without words", "Bellissimo tramonto sul lago", "📷📷", 1},
		{"one family", "Vaccinatevi tutti!", "Campagna di vaccinazioni antinfluenzali", 1},
		{"short stems stay apart", "Manca la carta nel distributore del piano terra", "Cartello nuovo sulla pianta del parco", 0},
		{"half of it", "Il parcheggio di piazza Garibaldi è sempre pieno", "Nuovi parcheggi in piazza della Repubblica", 2.0 / 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := extract(t, c.comment, c.thread)
			if f.TopicSimilarity == nil {
				t.Fatal("no similarity with a thread")
			}
			if got := *f.TopicSimilarity; math.Abs(got-c.want) > 1e-9 {
				t.Errorf("similarity %.3f, want %.3f\ncomment stems %v\nthread stems %v", got, c.want,
					contentStems(Tokenize([]rune(c.comment)), nil), contentStems(Tokenize([]rune(c.thread)), nil))
			}
		})
	}
}

func FuzzStem(f *testing.F) {
	for _, s := range []string{"fotografiche", "sistemandola", "scuola", "quuo", "aiuole", "ii", "uo", "ßuo", "gliela"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		s := stem(w)
		if utf8.ValidString(w) && !utf8.ValidString(s) {
			t.Fatalf("stem(%q) = %q is not UTF-8", w, s)
		}
		if s == "" && w != "" {
			t.Fatalf("stem(%q) is empty", w)
		}
	})
}

func FuzzTopicSimilarity(f *testing.F) {
	f.Add("Strade chiuse per lavori", "Lavori stradali")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, comment, thread string) {
		if thread == "" {
			return
		}
		s := extract(t, comment, thread).TopicSimilarity
		if s == nil || *s < 0 || *s > 1 || math.IsNaN(*s) {
			t.Fatalf("similarity %v of %q to %q", s, comment, thread)
		}
	})
}

func BenchmarkTopicSimilarity500(b *testing.B) {
	toks := Tokenize([]rune(comment500))
	thread := Tokenize([]rune("Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"))
	stop := testLanguage(b).stopWords
	b.ReportAllocs()
	for b.Loop() {
		Similarity(contentStems(toks, stop), contentStems(thread, stop))
	}
}
