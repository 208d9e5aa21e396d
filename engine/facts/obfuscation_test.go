package facts

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A few targets and predicates, as policies/lexicon/targets.yaml and
// predicates.yaml name them, for the known words of these tests.
var obfuscationLanguage = sync.OnceValues(func() (*Language, error) {
	lex, err := lexiconData()
	if err != nil {
		return nil, err
	}
	lex = maps.Clone(lex)
	group, slur := map[string]any{"kind": "group"}, map[string]any{"kind": "slur"}
	lex["targets"] = map[string]any{
		"zingaro": slur, "zingara": slur, "rom": group, "ebreo": group, "musulmano": group, "straniero": group,
		"negro": slur, "immigrato": group, "cinese": group, "disabile": group, "campo nomadi": group,
		"rabbino": group,
	}
	violence, dehumanising := map[string]any{"kind": "violence"}, map[string]any{"kind": "dehumanising"}
	lex["predicates"] = map[string]any{
		"ammazzare": violence, "uccidere": violence, "bruciare": violence, "sparare": violence, "impiccare": violence,
		"sgozzare": violence, "parassita": dehumanising, "topo": dehumanising, "scimmia": dehumanising,
		"bestia": dehumanising, "ladro": map[string]any{"kind": "negative_trait"}, "animale": dehumanising,
		"spaccare": violence, "massacrare": violence, "sterminare": violence, "verme": dehumanising,
		"legnata": violence, "camion": violence,
	}
	return NewLanguage(lex)
})

func obfuscationLang(t testing.TB) *Language {
	t.Helper()
	l, err := obfuscationLanguage()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestGluedWordsSplit(t *testing.T) {
	cases := []struct {
		text  string
		parts []string // the folded parts, in order
		spans [][2]int
	}{
		{"bisogna ammazzarequello", []string{"ammazzare", "quello"}, [][2]int{{8, 17}, {17, 23}}},
		{"sono parassiticome i topi", []string{"parassiti", "come"}, [][2]int{{5, 14}, {14, 18}}},
		{"zingarimerda", []string{"zingari", "merda"}, [][2]int{{0, 7}, {7, 12}}},
		{"ZingariMerda!", []string{"zingari", "merda"}, [][2]int{{0, 7}, {7, 12}}},
		{"sonotuttiladri", nil, nil}, // three words: not split
		{"dispari", nil, nil},
		{"parassitiche", nil, nil},
		{"tuttiladri", []string{"tutti", "ladri"}, [][2]int{{0, 5}, {5, 10}}},
	}
	lang := obfuscationLang(t)
	for _, c := range cases {
		f := Extract(c.text, "", lang)
		var parts []string
		var spans [][2]int
		for _, tk := range f.Tokens {
			for _, p := range c.parts {
				if tk.Norm == p {
					parts = append(parts, p)
					spans = append(spans, [2]int{tk.Start, tk.End})
					if string([]rune(f.Text)[tk.Start:tk.End]) != tk.Text {
						t.Errorf("%q: part %q has text %q", c.text, p, tk.Text)
					}
				}
			}
		}
		if !slices.Equal(parts, c.parts) || !slices.Equal(spans, c.spans) {
			t.Errorf("%q: parts %q at %v, want %q at %v", c.text, parts, spans, c.parts, c.spans)
		}
	}
	// The parts are read as words: ammazzare is a verb, parassiti a plural.
	f := Extract("bisogna ammazzarequello", "", lang)
	if tk := tokenOf(t, f, "ammazzare"); !slices.Contains(tk.Lemmas, "ammazzare") || len(tk.Analyses) == 0 {
		t.Errorf("the part ammazzare is not analysed: %+v", tk)
	}
	// A phrase across the split is keyed too.
	found := false
	for _, g := range Extract("siete zingarimerda", "", lang).Ngrams {
		found = found || g.Key == "zingari merda"
	}
	if !found {
		t.Error("no phrase over the parts of a glued word")
	}
}

func TestMisspellingsGainTheKnownWord(t *testing.T) {
	cases := []struct {
		word  string
		key   string // a term gained among the keys
		lemma string // a target or predicate gained among the lemmas
	}{
		{"stonzo", "stronzo", ""},
		{"stornzo", "stronzo", ""},
		{"bastadro", "bastardo", ""},
		{"zinagro", "", "zingaro"},
		{"zinagri", "", "zingaro"},
		{"zigari", "", "zingaro"},
		{"amazzare", "", "ammazzare"},
		{"amazzarli", "", "ammazzare"},
		{"sgozarli", "", "sgozzare"},
		{"parasiti", "", "parassita"},
		{"scimie", "", "scimmia"},
	}
	lang := obfuscationLang(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract("sono "+c.word+" e basta", "", lang), c.word)
		if c.key != "" && !slices.Contains(tk.Keys, c.key) {
			t.Errorf("%q: keys %q, want %q", c.word, tk.Keys, c.key)
		}
		if c.lemma != "" && !slices.Contains(tk.Lemmas, c.lemma) {
			t.Errorf("%q: lemmas %q, want %q", c.word, tk.Lemmas, c.lemma)
		}
		if tk.Keys[0] != tk.Norm {
			t.Errorf("%q: first key %q is not the word", c.word, tk.Keys[0])
		}
	}
	// A corrected verb keeps its analyses under the known lemma.
	tk := tokenOf(t, Extract("vorrei amazzarli", "", lang), "amazzarli")
	if !slices.ContainsFunc(tk.Analyses, func(a Analysis) bool { return a.Lemma == "ammazzare" && a.Mood == moodInfinitive }) {
		t.Errorf("amazzarli: analyses %+v, want ammazzare infinitive", tk.Analyses)
	}
}

// Ordinary Italian words stay as they are: not split, not corrected
// towards a term, target or predicate.
func TestOrdinaryWordsStayAsTheyAre(t *testing.T) {
	ordinary := []string{
		"nero", "neri", "lardo", "retino", "topolino", "romano", "romanzo", "cinema", "negozio", "negozi",
		"ladrone", "perdonare", "controllo", "comunque", "tuttavia", "perché", "sottoscritto", "dirottare",
		"dialetti", "chiesa", "trattare", "delinquenti", "frastuono", "perseguitare", "sonoro", "comeback",
		"zingarate", "ebreismo", "tramonto", "conto", "contro", "sparire", "sparito", "bruciore", "bestiame",
		"animato", "animata", "scimmietta", "topaia", "straniera", "stranieri", "parassitosi", "ammazzacaffè",
		"ragazzi", "ragazze", "bambini", "vicini", "vicino", "stazione", "comune", "sindaco", "assessore",
		"strada", "strade", "buche", "lavori", "tasse", "scuola", "scuole", "mensa", "giardini", "parcheggio",
		"cestini", "rifiuti", "immondizia", "illuminazione", "marciapiede", "autobus", "orario", "orari",
		"ufficio", "uffici", "modulo", "domanda", "risposta", "grazie", "buongiorno", "cordiali", "saluti",
		"bastone", "bastoni", "buone", "buoni", "Riccione", "bastare", "rabbia", "legato", "legata", "camino", "Cristina", "neretto", "accoltellati", "strangolati", "negar", "creino", "concretino", "sacco", "sacchi", "sozzo", "bruco", "ammazzati", "sparati", "larda", "topiche", "stanza", "stanze", "stronco", "storno", "barbone", "maiale", "maiali", "porta",
		"porte", "ponte", "ponti", "pesce", "pesci", "sole", "cuore", "piazza", "piazze", "fontana",
		"topografia", "zingaresca", "impiccione", "sparuto", "parassitario", "dignità", "diritto", "diritti",
		"cittadini", "cittadine", "persone", "persona", "comunità", "sinagoga", "moschea", "chiesa", "domenica",
		"lunedì", "festa", "feste", "mercato", "mercati", "tempo", "tempi", "rossi", "bianchi", "verdi",
	}
	lang := obfuscationLang(t)
	plain := testLanguage(t)
	for _, w := range ordinary {
		f := Extract(w, "", lang)
		if len(f.Tokens) != 1 {
			t.Errorf("%q split into %d tokens", w, len(f.Tokens))
			continue
		}
		tk := f.Tokens[0]
		want := Extract(w, "", plain).Tokens[0]
		if !slices.Equal(tk.Keys, want.Keys) {
			t.Errorf("%q gained keys: %q", w, tk.Keys)
		}
		for _, l := range tk.Lemmas {
			if !slices.Contains(want.Lemmas, l) && lang.known.lemmas[l] {
				t.Errorf("%q gained the lemma %q", w, l)
			}
		}
	}
}

func TestFloodedWordsReadAsTheKnownWord(t *testing.T) {
	cases := []struct {
		text, word  string // the text and its flooded word
		norm, lemma string
	}{
		{"i musulmaniii vanno bruciaaaati", "musulmaniii", "musulmani", "musulmano"},
		{"i musulmaniii vanno bruciaaaati", "bruciaaaati", "bruciati", "bruciare"},
		{"vanno soppressiiii", "soppressiiii", "soppressi", "sopprimere"},
		{"i neeegri", "neeegri", "negri", "negro"},
		{"fuoriiii", "fuoriiii", "fuori", ""},                      // a function word
		{"ammazzzzzati", "ammazzzzzati", "ammazzati", "ammazzare"}, // a run kept at two
		{"ciaooo", "ciaooo", "ciao", ""},                           // a final vowel flooded is one
		{"chiudeteee", "chiudeteee", "chiudete", "chiudere"},       // a final vowel flooded is one
		{"fratelllli", "fratelllli", "fratelli", "fratello"},       // nothing known, no final vowel: the Norm stays
	}
	lang := testLanguage(t)
	for _, c := range cases {
		f := Extract(c.text, "", lang)
		var tk *Token
		for i := range f.Tokens {
			if f.Tokens[i].Text == c.word {
				tk = &f.Tokens[i]
			}
		}
		if tk == nil {
			t.Errorf("%q: no token %q", c.text, c.word)
			continue
		}
		if tk.Norm != c.norm || tk.Keys[0] != c.norm {
			t.Errorf("%q: norm %q keys %q, want %q first", c.word, tk.Norm, tk.Keys, c.norm)
		}
		if c.lemma != "" && !slices.Contains(tk.Lemmas, c.lemma) {
			t.Errorf("%q: lemmas %q, want %q", c.word, tk.Lemmas, c.lemma)
		}
	}
}

func TestFloodRuns(t *testing.T) {
	cases := []struct {
		two, one string
		runs     []int
	}{
		{"bruciaati", "bruciati", []int{5}},
		{"soppressii", "soppressi", []int{8}},
		{"ammazzati", "ammazzati", nil},   // natural doubles only
		{"baabboo", "babbo", []int{1, 5}}, // floods beside a natural double
		{"casa", "cosa", nil},             // not the same word
	}
	for _, c := range cases {
		if got := floodRuns(c.two, c.one); !slices.Equal(got, c.runs) {
			t.Errorf("floodRuns(%q, %q) = %v, want %v", c.two, c.one, got, c.runs)
		}
	}
}

// Groups, nouns of contempt, the participles of violent verbs and a swap
// of the second letter are corrected with the project's lexicon.
func TestMisspeltGroupsAndVerbForms(t *testing.T) {
	cases := []struct {
		word, lemma string
		mood        string // an analysis the word gains, if any
	}{
		{"disbaili", "disabile", ""},    // a swap
		{"animalsti", "animalista", ""}, // a dropped letter
		{"ciense", "cinese", ""},
		{"forci", "frocio", ""},  // a swap of the second letter, five letters
		{"tarns", "trans", ""},   // a group of five letters
		{"shcifo", "schifo", ""}, // a noun of contempt
		{"sterminti", "sterminare", moodParticiple},
		{"bruciat", "bruciare", moodParticiple},
		{"sopprsesi", "sopprimere", moodParticiple},
		{"eliminatti", "eliminare", moodParticiple}, // a letter doubled
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract("vanno "+c.word+" tutti", "", lang), c.word)
		if !slices.Contains(tk.Lemmas, c.lemma) {
			t.Errorf("%q: lemmas %q, want %q", c.word, tk.Lemmas, c.lemma)
		}
		if c.mood != "" && !slices.ContainsFunc(tk.Analyses, func(a Analysis) bool { return a.Lemma == c.lemma && a.Mood == c.mood }) {
			t.Errorf("%q: analyses %+v, want %s %s", c.word, tk.Analyses, c.lemma, c.mood)
		}
	}
}

// Ordinary words one letter from a group or a violent verb's form, which
// the dictionary run found: they gain nothing.
func TestOrdinaryWordsNearGroupsAndForms(t *testing.T) {
	cases := []struct{ word, not string }{
		{"rabbia", "rabbino"}, {"carpa", "capra"}, {"comunita", "comunista"}, {"mosche", "moschea"},
		{"apprendere", "appendere"}, {"salutare", "saltare"}, {"vengano", "vegano"}, {"indicano", "indiano"},
		{"consigli", "coniglio"}, {"polvere", "povero"}, {"accoppiare", "accoppare"}, {"sparlato", "sparare"},
		{"spartito", "sparire"}, {"sventurato", "sventrare"}, {"migrati", "migrante"}, {"cruccio", "crucco"},
		{"salvo", "slavo"}, {"crudi", "curdo"}, {"truce", "turco"},
		// forms of an ordinary verb (language.ordinary_words names the lemma)
		{"creato", "crepare"}, {"creati", "crepare"}, {"pesato", "pestare"}, {"pesare", "pestare"}, {"salato", "saltare"},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract("sono "+c.word+" e basta", "", lang), c.word)
		if slices.Contains(tk.Lemmas, c.not) {
			t.Errorf("%q gained %q: %q", c.word, c.not, tk.Lemmas)
		}
	}
}

func TestGluedSentencesSegmented(t *testing.T) {
	cases := []struct {
		text  string
		parts []string // the folded words, in order; nil: the text is one word
	}{
		{"idisabilivannosoppressi", []string{"i", "disabili", "vanno", "soppressi"}},
		{"ledonnesonotuttetroie", []string{"le", "donne", "sono", "tutte", "troie"}},
		{"bruciamoibarboni", []string{"bruciamo", "i", "barboni"}},
		{"zingarialrogo", []string{"zingari", "al", "rogo"}}, // a lexicon word of four letters
		{"gliafricanisonoparassiticomeipidocchi", []string{"gli", "africani", "sono", "parassiti", "come", "i", "pidocchi"}},
		// Ordinary words the dictionary run split before their guards.
		{"albergassero", nil},   // surely a verb form
		{"ammazzandoleci", nil}, // a verb with its enclitics
		{"vicepresidente", nil}, // two short pieces in a row, and pinned
		{"convalidata", nil},    // no known word of five letters
		{"disordinato", nil},
		{"nientedimeno", nil}, // no known word at all
	}
	lang := testLanguage(t)
	for _, c := range cases {
		f := Extract(c.text, "", lang)
		var parts []string
		at := 0
		for _, tk := range f.Tokens {
			parts = append(parts, tk.Norm)
			if tk.Start != at || tk.End != at+len(tk.Norm) || string([]rune(f.Text)[tk.Start:tk.End]) != tk.Text {
				t.Errorf("%q: part %q at [%d,%d] with text %q", c.text, tk.Norm, tk.Start, tk.End, tk.Text)
			}
			at = tk.End
		}
		want := c.parts
		if want == nil {
			want = []string{c.text}
		}
		if !slices.Equal(parts, want) {
			t.Errorf("%q: parts %q, want %q", c.text, parts, want)
		}
	}
}

func TestEmojiReadAsWords(t *testing.T) {
	lang := testLanguage(t)
	f := Extract("africani = 🐒🐒, 🐀🏻 e 🤮\uFE0F", "", lang)
	want := []struct {
		text, norm string
		start, end int
	}{
		{"africani", "africani", 0, 8}, {"🐒", "scimmia", 11, 12}, {"🐒", "scimmia", 12, 13},
		{"🐀🏻", "topo", 15, 17}, {"e", "e", 18, 19}, {"🤮\uFE0F", "schifo", 20, 22},
	}
	if len(f.Tokens) != len(want) {
		t.Fatalf("tokens %+v, want %d", f.Tokens, len(want))
	}
	for i, w := range want {
		tk := f.Tokens[i]
		if tk.Text != w.text || tk.Norm != w.norm || tk.Start != w.start || tk.End != w.end {
			t.Errorf("token %d: %q %q [%d,%d], want %q %q [%d,%d]", i, tk.Text, tk.Norm, tk.Start, tk.End, w.text, w.norm, w.start, w.end)
		}
	}
	// A noun, never a verb form; not joined as letters spelled out.
	if tk := f.Tokens[1]; !slices.Contains(tk.Lemmas, "scimmia") || len(tk.Analyses) > 0 {
		t.Errorf("🐒: lemmas %q analyses %+v", tk.Lemmas, tk.Analyses)
	}
	if n := len(Extract("🐷 🐷 🐷 🐷", "", lang).Tokens); n != 4 {
		t.Errorf("four pigs: %d tokens", n)
	}
	// Without a language, or for an emoji it does not name, no word.
	if n := len(Extract("africani = 🐒", "", nil).Tokens); n != 1 {
		t.Errorf("without a language: %d tokens", n)
	}
	if n := len(Extract("bravi 🔥🎉", "", lang).Tokens); n != 1 {
		t.Errorf("🔥🎉 read as words: %d tokens", n)
	}
}

func TestChatSpellingReadsTheWord(t *testing.T) {
	cases := []struct{ text, word, norm string }{
		{"i rom nn sono ladri", "nn", "non"},
		{"le donne sn tutte uguali", "sn", "sono"},
		{"ke schifo", "ke", "che"},
		{"mi fa skifo", "skifo", "schifo"},
		{"ke kazzo dici", "kazzo", "cazzo"},
		{"qlli vanno cacciati xk rubano", "qlli", "quelli"},
		{"qlli vanno cacciati xk rubano", "xk", "perche"},
		// a k that spells no known word stays
		{"un kebab e un ok", "kebab", "kebab"},
		{"un kebab e un ok", "ok", "ok"},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", lang), c.word)
		if tk.Norm != c.norm {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.word, tk.Norm, c.norm)
		}
		if !slices.Contains(tk.Keys, Fold(c.word)) {
			t.Errorf("%q: %q lost its written form from keys %q", c.text, c.word, tk.Keys)
		}
	}
	// the negation a chat "nn" makes is a negation
	f := Extract("i rom nn sono ladri", "", lang)
	if !tokenOf(t, f, "ladri").Negated {
		t.Errorf("ladri not negated after nn: %+v", f.Tokens)
	}
}

func TestMisspeltFramesGainTheFrame(t *testing.T) {
	lang := testLanguage(t)
	for _, c := range []struct{ text, word, frame string }{
		{"i gay andrebbreo curati", "andrebbreo", "andrebbero"},
		{"i rom meritnao la galera", "meritnao", "meritano"},
	} {
		if tk := tokenOf(t, Extract(c.text, "", lang), c.word); !slices.Contains(tk.Keys, c.frame) {
			t.Errorf("%q: keys %q lack the frame %q", c.word, tk.Keys, c.frame)
		}
	}
}

func TestArticlesAndFramesGluedToTheirWord(t *testing.T) {
	lang := testLanguage(t)
	for _, c := range []struct {
		text string
		want []string
	}{
		{"idisabili vanno soppressi", []string{"i", "disabili", "vanno", "soppressi"}},
		{"ledonne a casa", []string{"le", "donne", "a", "casa"}},
		{"i rom andrebberoeliminati", []string{"i", "rom", "andrebbero", "eliminati"}},
		// words of the dictionary that look so glued stay whole
		{"lodiamo il sindaco", []string{"lodiamo", "il", "sindaco"}},
		{"italiani e lettoni", []string{"italiani", "e", "lettoni"}},
	} {
		var got []string
		for _, tk := range Extract(c.text, "", lang).Tokens {
			got = append(got, tk.Norm)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: words %q, want %q", c.text, got, c.want)
		}
	}
}

// writtenToken is the first token of f written text.
func writtenToken(f Facts, text string) (Token, bool) {
	for _, tk := range f.Tokens {
		if tk.Text == text {
			return tk, true
		}
	}
	return Token{}, false
}

func TestElidedCliticBeforeAVerb(t *testing.T) {
	cases := []struct {
		text, verb string
		clitics    []string
	}{
		{"t'ammazzo con le mie mani", "ammazzo", []string{"ti"}},
		{"v ammazzo tutti quanti", "ammazzo", []string{"vi"}},
		{"m'hai stancato", "hai", []string{"mi"}},
		// no verb after it: no clitic
		{"una t shirt rossa", "shirt", nil},
	}
	for _, c := range cases {
		tk, ok := writtenToken(extract(t, c.text, ""), c.verb)
		if !ok || !slices.Equal(tk.Clitics, c.clitics) {
			t.Errorf("%q: %q clitics %q, want %q", c.text, c.verb, tk.Clitics, c.clitics)
		}
	}
}

func TestVerbMisspeltAfterAClitic(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"vi amazzo tutti", "amazzo", "ammazzare", true},
		{"t amazzo se torni", "amazzo", "ammazzare", true},
		{"li picchio tutti", "picchio", "picchiare", true},
		// ordinary verbs after a pronoun stay themselves
		{"ti amo tanto", "amo", "ammazzare", false},
		{"lo stimo molto", "stimo", "sterminare", false},
		// without a pronoun a finite form is not corrected
		{"amazzo il tempo", "amazzo", "ammazzare", false},
	}
	for _, c := range cases {
		tk, _ := writtenToken(extract(t, c.text, ""), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q lemmas %q, want %s: %v", c.text, c.word, tk.Lemmas, c.lemma, c.want)
		}
	}
}

func TestDoubleLettersWrittenSingle(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		participle        bool
	}{
		{"quelli vanno amazati", "amazati", "ammazzare", true},
		{"vanno sopresi tutti", "sopresi", "sopprimere", true},
		{"i vechi della casa di riposo", "vechi", "vecchio", false},
	}
	for _, c := range cases {
		tk, _ := writtenToken(extract(t, c.text, ""), c.word)
		if !slices.Contains(tk.Lemmas, c.lemma) {
			t.Errorf("%q: %q lemmas %q, want %s", c.text, c.word, tk.Lemmas, c.lemma)
		}
		part := slices.ContainsFunc(tk.Analyses, func(a Analysis) bool { return a.Lemma == c.lemma && a.Mood == moodParticiple })
		if part != c.participle {
			t.Errorf("%q: %q analyses %+v, participle of %s: %v", c.text, c.word, tk.Analyses, c.lemma, c.participle)
		}
	}
}

func TestMisspeltAuxiliaryBeforeAParticiple(t *testing.T) {
	cases := []struct{ text, word, norm string }{
		{"i rom vano cacciati", "vano", "vanno"},
		{"e vann eliminati", "vann", "vanno"},
		{"i politici anno rovinato tutto", "anno", "hanno"},
		{"meritano di esere puniti", "esere", "essere"},
		{"i ladri verano arrestati", "verano", "verranno"},
		// a noun after an article or a preposition, or before no participle
		{"l'anno passato", "anno", "anno"},
		{"un anno passato al mare", "anno", "anno"},
		{"nel vano chiuso", "vano", "vano"},
		{"un tentativo vano", "vano", "vano"},
		{"buon anno a tutti", "anno", "anno"},
	}
	for _, c := range cases {
		tk, ok := writtenToken(extract(t, c.text, ""), c.word)
		if !ok || tk.Norm != c.norm {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.word, tk.Norm, c.norm)
		}
	}
}

func TestEmojiActAfterAPronoun(t *testing.T) {
	cases := []struct {
		text, emoji, lemma string
		clitic             string
	}{
		{"stanotte ti 🔪", "🔪", "accoltellare", "ti"},
		{"vi 🔫 tutti", "🔫", "sparare", "vi"},
		{"se ti becco t 👊", "👊", "picchiare", "ti"},
		{"li 🔥", "🔥", "bruciare", "li"},
		// anywhere else the emoji is no word
		{"che serata 🔥🔥", "🔥", "", ""},
		{"mi 🔫 per la noia", "🔫", "", ""},
		{"la 🔥 del camino", "🔥", "", ""},
		{"ti, 🔪", "🔪", "", ""},
	}
	for _, c := range cases {
		tk, ok := writtenToken(extract(t, c.text, ""), c.emoji)
		if c.lemma == "" {
			if ok {
				t.Errorf("%q: %s read as %+v", c.text, c.emoji, tk)
			}
			continue
		}
		if !ok || !slices.Equal(tk.Lemmas, []string{c.lemma}) || !slices.Equal(tk.Clitics, []string{c.clitic}) ||
			len(tk.Analyses) != 1 || tk.Analyses[0].Person != 1 || tk.Analyses[0].Mood != moodIndicative {
			t.Errorf("%q: %s lemmas %q clitics %q analyses %+v, want %s after %s", c.text, c.emoji, tk.Lemmas, tk.Clitics, tk.Analyses, c.lemma, c.clitic)
		}
	}
}

func TestExpulsionParticipleMisspelt(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"quelli vanno deprotati", "deprotati", "deportare", true},
		{"va caciato subito", "caciato", "cacciare", true},
		{"vanno espusli", "espusli", "espellere", true},
		// ordinary verbs one letter away stay themselves
		{"abbiamo marciato in piazza", "marciato", "marchiare", false},
		{"ho richiuso la porta", "richiuso", "rinchiudere", false},
		// a finite form of an expulsion verb is not corrected
		{"badiamo ai bambini", "badiamo", "bandire", false},
	}
	for _, c := range cases {
		tk, _ := writtenToken(extract(t, c.text, ""), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q lemmas %q, want %s: %v", c.text, c.word, tk.Lemmas, c.lemma, c.want)
		}
	}
}

func TestWasteBinIsANoun(t *testing.T) {
	tk, ok := writtenToken(extract(t, "quelli = 🗑️ e basta", ""), "🗑️")
	if !ok || tk.Norm != "spazzatura" || len(tk.Analyses) > 0 {
		t.Errorf("🗑️ read as %+v", tk)
	}
}

func TestNBeforeBOrPReadAsM(t *testing.T) {
	cases := []struct{ text, word, norm string }{
		{"quei vecchi rinbambiti", "rinbambiti", "rimbambiti"},
		// a word so spelt that is no known word stays
		{"controlla la inbox", "inbox", "inbox"},
	}
	for _, c := range cases {
		tk, ok := writtenToken(extract(t, c.text, ""), c.word)
		if !ok || tk.Norm != c.norm {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.word, tk.Norm, c.norm)
		}
	}
}

func TestVowelsDroppedAreRestored(t *testing.T) {
	cases := []struct{ text, word, norm string }{
		{"le dnne al potere", "dnne", "donne"},
		{"i dsabili in piazza", "dsabili", "disabili"},
		{"i trns del quartiere", "trns", "trans"},
		{"ti aspett sotto casa", "aspett", "aspetto"},
		// more than one spelling: as written
		{"tutt a casa", "tutt", "tutt"},
		// loanwords, capitals and short words stay
		{"ho letto il post", "post", "post"},
		{"lo sport e bello", "sport", "sport"},
		{"la RSA di via Roma", "RSA", "rsa"},
		{"il PDNS", "PDNS", "pdns"},
	}
	for _, c := range cases {
		tk, ok := writtenToken(extract(t, c.text, ""), c.word)
		if !ok || tk.Norm != c.norm {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.word, tk.Norm, c.norm)
		}
	}
}

func TestSpelledWordAfterAnArticle(t *testing.T) {
	cases := []struct{ text, norm string }{
		{"i n e g r i fuori", "negri"},
		{"e b r e i", "ebrei"}, // a known word: whole
		// a word known with its first letter stays whole
		{"i d i o t a", "idiota"},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		var last Token // the joined word, the one written with spaces
		for _, tk := range f.Tokens {
			if strings.Contains(tk.Text, " ") {
				last = tk
			}
		}
		if last.Norm != c.norm || []rune(f.Text)[last.Start] != []rune(last.Text)[0] {
			t.Errorf("%q: joined %q %q at %d, want %q", c.text, last.Text, last.Norm, last.Start, c.norm)
		}
	}
}

func TestConsonantVoicedOrUnvoiced(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"vanno brugiati", "brugiati", "bruciare", true},
		{"quei pitocchi", "pitocchi", "pidocchio", false}, // a word of its own, pinned
		{"vanno saldati i conti", "saldati", "saltare", false},
		{"ho zincato il cancello", "zincato", "zingaro", false},
	}
	for _, c := range cases {
		tk, _ := writtenToken(extract(t, c.text, ""), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q lemmas %q, want %s: %v", c.text, c.word, tk.Lemmas, c.lemma, c.want)
		}
	}
}

// A capital opening a sentence is no sign of a name: the word is corrected
// as if written in lower case; elsewhere, or as a first name, it is not.
func TestCapitalOpeningASentenceIsCorrected(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"Zinagri maledetti, sempre loro", "Zinagri", "zingaro", true},
		{"Che schifo. Zinagri ovunque", "Zinagri", "zingaro", true},
		{"Ieri ho incontrato Zinagri al bar", "Zinagri", "zingaro", false},
		{"Cristina ha ragione", "Cristina", "cretino", false},
	}
	l := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", l), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q has lemma %q: %v, want %v (%q)", c.text, c.word, c.lemma, got, c.want, tk.Lemmas)
		}
	}
}

func TestEmojiNounAfterAPreposition(t *testing.T) {
	cases := []struct {
		text, emoji string
		norms       []string // the words the emoji are read as, in order; nil: none
	}{
		{"quei ladri tutti al 🔥", "🔥", []string{"rogo"}},
		{"li prenderei a 👊👊👊", "👊", []string{"pugni", "pugni", "pugni"}},
		{"gli zingari ai 🔥\uFE0F", "🔥", []string{"rogo"}},
		// anywhere else the emoji is no word
		{"pride 🔥🔥 bellissimo", "🔥", nil},
		{"che serata 🔥", "🔥", nil},
		{"al, 🔥", "🔥", nil},
		{"dai 👊 fratello", "👊", nil},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		var norms []string
		for _, tk := range Extract(c.text, "", lang).Tokens {
			if strings.HasPrefix(tk.Text, c.emoji) {
				norms = append(norms, tk.Norm)
			}
		}
		if !slices.Equal(norms, c.norms) {
			t.Errorf("%q: %s read as %q, want %q", c.text, c.emoji, norms, c.norms)
		}
	}
}

func TestEmojiJoinedReadAsOne(t *testing.T) {
	lang := testLanguage(t)
	cases := []struct {
		text  string
		norms []string
	}{
		{"i 🏳️‍🌈 al 🔥", []string{"i", "gay", "al", "rogo"}},
		{"i 🏳\u200D🌈 vanno cacciati", []string{"i", "gay", "vanno", "cacciati"}}, // without the selector
		{"quelli della 🕌", []string{"quelli", "della", "moschea"}},
		{"le 🏳️‍⚧️ in palestra", []string{"le", "trans", "in", "palestra"}},
		{"sono 🦠 e 🪱", []string{"sono", "virus", "e", "verme"}},
		// a sequence the language does not name is no word, nor are its parts
		{"famiglia 👨‍👩‍👧 al mare 🌈", []string{"famiglia", "al", "mare"}},
		{"🐒\u200D", []string{"scimmia"}}, // a joiner with nothing after it joins nothing
	}
	for _, c := range cases {
		var norms []string
		for _, tk := range Extract(c.text, "", lang).Tokens {
			norms = append(norms, tk.Norm)
		}
		if !slices.Equal(norms, c.norms) {
			t.Errorf("%q: words %q, want %q", c.text, norms, c.norms)
		}
	}
}

// A short word with a letter dropped from a slur or a group's name is
// corrected where the comment is written carelessly, or where it has no
// Italian shape; the ordinary words near them never are.
func TestShortWordsDroppedLetterInCarelessComments(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"i froi sn da cacciare", "froi", "frocio", true},             // a chat abbreviation
		{"quei rumni vann rimandati a casa", "rumni", "rumeno", true}, // an auxiliary respelt
		{"i frci sono una malatia", "frci", "frocio", true},           // a misspelling beside it
		{"basta negr in città", "negr", "negro", true},                // no Italian shape
		{"quei tossici sn fecci", "fecci", "feccia", true},            // the last letter cut, as chat cuts it
		{"quei tossici sono fecci", "fecci", "feccia", false},         // but only in a careless comment
		{"i froi del paese", "froi", "frocio", false},                 // written with care
		{"su Rai3 i froi del paese", "froi", "frocio", false},         // digits in a name are no carelessness
		{"i negozi pakistani e i froi", "froi", "frocio", false},      // nor a k
		{"le foci del fiume sn piene", "foci", "frocio", false},       // an ordinary word
		{"il gatto nero nn mangia", "nero", "negro", false},
		{"un dono x te", "dono", "donna", false},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", lang), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q has lemma %q: %v, want %v (%q)", c.text, c.word, c.lemma, got, c.want, tk.Lemmas)
		}
	}
}

// Glued words read as known words and a rest, or as a group glued to its
// predicate; the ordinary words of a spelling dictionary stay whole.
func TestGluedWordsWithARest(t *testing.T) {
	cases := []struct {
		text  string
		parts []string // nil: one word
	}{
		{"vannobruciativivi", []string{"vanno", "bruciati", "vivi"}},
		{"negrifuorisubito", []string{"negri", "fuori", "subito"}},
		{"rumenitornateveneacasa", []string{"rumeni", "tornatevene", "acasa"}},         // a long word of the lexicon's phrases
		{"assessoretivengoatrovare", []string{"assessore", "ti", "vengo", "atrovare"}}, // a finite form inside: no infinitive
		{"islamiciterroristi", []string{"islamici", "terroristi"}},
		{"zingariladri", []string{"zingari", "ladri"}},
		{"dimostrazione", nil}, // a short word first: di + mostra + zione
		{"identificato", nil},
		{"vecchietta", nil}, // one known word and a rest
		{"raccoltadifferenziata", nil},
		{"festadellamusica", nil},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		var parts []string
		for _, tk := range Extract(c.text, "", lang).Tokens {
			parts = append(parts, tk.Norm)
		}
		want := c.parts
		if want == nil {
			want = []string{c.text}
		}
		if !slices.Equal(parts, want) {
			t.Errorf("%q: parts %q, want %q", c.text, parts, want)
		}
	}
}

func TestSilentHAndDoubledLetter(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"gli andicappati al parco", "andicappati", "handicappato", true},
		{"quella andicappata", "andicappata", "handicappato", true},
		{"i frocci del bar", "frocci", "frocio", true},
		{"dovette andare via", "dovette", "dovete", false},
		{"un anno fa", "anno", "avere", false},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", lang), c.word)
		got := slices.Contains(tk.Lemmas, c.lemma) || slices.Contains(tk.Keys, c.lemma)
		if got != c.want {
			t.Errorf("%q: %q has %q: %v, want %v (%q %q)", c.text, c.word, c.lemma, got, c.want, tk.Lemmas, tk.Keys)
		}
	}
}

// Two neighbouring letters swapped gain any target or predicate; the
// ordinary words a swap from one do not.
func TestSwappedLettersGainAnyTargetOrPredicate(t *testing.T) {
	cases := []struct {
		text, word, lemma string
		want              bool
	}{
		{"sono tutti ldari", "ldari", "ladro", true},
		{"prenderli a schaiffi", "schaiffi", "schiaffo", true},
		{"quei ritadrati", "ritadrati", "ritardato", true},
		{"il camino acceso", "camino", "camion", false},
		{"che panico", "panico", "pancia", false},
		{"un calice di vino", "calice", "calcio", false},
	}
	lang := testLanguage(t)
	for _, c := range cases {
		tk := tokenOf(t, Extract(c.text, "", lang), c.word)
		if got := slices.Contains(tk.Lemmas, c.lemma); got != c.want {
			t.Errorf("%q: %q has lemma %q: %v, want %v (%q)", c.text, c.word, c.lemma, got, c.want, tk.Lemmas)
		}
	}
}
