package facts

import (
	"slices"
	"strings"
	"testing"
)

// tokenOf is the token of text written as word.
func tokenOf(t *testing.T, f Facts, word string) Token {
	t.Helper()
	for _, tk := range f.Tokens {
		if tk.Text == word {
			return tk
		}
	}
	t.Fatalf("%q: no token %q", f.Text, word)
	return Token{}
}

// analysis is "lemma mood tense person plural" as a test writes it, with
// the tense, person and number left out where they do not apply.
func analysisString(a Analysis) string {
	s := a.Lemma + " " + a.Mood
	if a.Tense != "" {
		s += " " + a.Tense
	}
	if a.Person > 0 {
		s += " " + string(rune('0'+a.Person))
	}
	if a.Person > 0 || a.Mood == moodParticiple {
		if a.Plural {
			s += " pl"
		} else {
			s += " sg"
		}
	}
	return s
}

func TestLemmatiseVerbs(t *testing.T) {
	cases := []struct {
		text, word string
		analysis   string // one of the word's analyses
		clitics    []string
	}{
		{"ti ammazzo", "ammazzo", "ammazzare indicative present 1 sg", []string{"ti"}},
		{"li ammazzerei tutti", "ammazzerei", "ammazzare conditional present 1 sg", []string{"li"}},
		{"vorrei ammazzarli", "ammazzarli", "ammazzare infinitive", []string{"li"}},
		{"li ammazzerò", "ammazzerò", "ammazzare indicative future 1 sg", []string{"li"}},
		{"fateli fuori", "fateli", "fare imperative present 2 pl", []string{"li"}},
		{"andrebbero bruciati vivi", "bruciati", "bruciare participle past pl", nil},
		{"andrebbero bruciati vivi", "andrebbero", "andare conditional present 3 pl", nil},
		{"e spaccargli la testa", "spaccargli", "spaccare infinitive", []string{"gli"}},
		{"li faccio sparire", "faccio", "fare indicative present 1 sg", []string{"li"}},
		{"li faccio sparire", "sparire", "sparire infinitive", nil},
		{"bisogna sgozzarli", "sgozzarli", "sgozzare infinitive", []string{"li"}},
		{"impiccateli!", "impiccateli", "impiccare imperative present 2 pl", []string{"li"}},
		{"te la faccio pagare", "faccio", "fare indicative present 1 sg", []string{"te", "la"}},
		{"te la faccio pagare", "pagare", "pagare infinitive", nil},
		{"spaccarglielo", "spaccarglielo", "spaccare infinitive", []string{"gli", "lo"}},
		{"mandatelo via", "mandatelo", "mandare imperative present 2 pl", []string{"lo"}},
		{"fallo fuori", "fallo", "fare imperative present 2 sg", []string{"lo"}},
		{"dimmelo", "dimmelo", "dire imperative present 2 sg", []string{"me", "lo"}},
		{"vattene", "vattene", "andare imperative present 2 sg", []string{"te", "ne"}},
		{"bruciamoli", "bruciamoli", "bruciare imperative present 1 pl", []string{"li"}},
		{"li bruceremo", "bruceremo", "bruciare indicative future 1 pl", []string{"li"}},
		{"le impiccherei", "impiccherei", "impiccare conditional present 1 sg", []string{"le"}},
		{"picchiandoli", "picchiandoli", "picchiare gerund", []string{"li"}},
		{"vi uccido", "uccido", "uccidere indicative present 1 sg", []string{"vi"}},
		{"li ucciderei", "ucciderei", "uccidere conditional present 1 sg", []string{"li"}},
		{"li ha uccisi", "uccisi", "uccidere participle past pl", nil},
		{"vanno eliminati", "vanno", "andare indicative present 3 pl", nil},
		{"vanno eliminati", "eliminati", "eliminare participle past pl", nil},
		{"dovrebbero tornare in cucina", "dovrebbero", "dovere conditional present 3 pl", nil},
		{"si moltiplicano come topi", "moltiplicano", "moltiplicare indicative present 3 pl", []string{"si"}},
		{"lo colpisco", "colpisco", "colpire indicative present 1 sg", []string{"lo"}},
		{"li colpirei", "colpirei", "colpire conditional present 1 sg", []string{"li"}},
		{"che muoiano", "muoiano", "morire subjunctive present 3 pl", nil},
		{"spero che crepino", "crepino", "crepare subjunctive present 3 pl", nil},
		{"l'ufficio tecnico lo rifaccia", "rifaccia", "rifare subjunctive present 3 sg", []string{"lo"}},
		{"ve la farò pagare", "farò", "fare indicative future 1 sg", []string{"ve", "la"}},
		{"Gli zingari sono tutti ladri", "sono", "essere indicative present 3 pl", nil},
		{"non è vero", "è", "essere indicative present 3 sg", nil},
		{"E' vero", "E", "essere indicative present 3 sg", nil},
		{"gliela faremo pagare", "faremo", "fare indicative future 1 pl", []string{"gli", "la"}},
		{"li ammazzavano", "ammazzavano", "ammazzare indicative imperfect 3 pl", []string{"li"}},
		{"magari li ammazzassero", "ammazzassero", "ammazzare subjunctive imperfect 3 pl", []string{"li"}},
		{"lo pestarono", "pestarono", "pestare indicative past 3 pl", []string{"lo"}},
		{"vanno cacciati via", "cacciati", "cacciare participle past pl", nil},
		{"le ammazzo", "ammazzo", "ammazzare indicative present 1 sg", []string{"le"}},
		{"devono morire", "devono", "dovere indicative present 3 pl", nil},
		{"andate a morire", "andate", "andare imperative present 2 pl", nil},
		{"ammazzatevi", "ammazzatevi", "ammazzare imperative present 2 pl", []string{"vi"}},
		// A word in "-vi", "-ti", "-li" ... that is a plain form of an -are
		// verb is that form, not a singular imperative and an enclitic
		// ("arri-vi", "capi-ti") of a verb the lexicon does not name.
		{"quando arrivi in piazza", "arrivi", "arrivare indicative present 2 sg", nil},
		{"spero che tu non capiti da queste parti", "capiti", "capitare subjunctive present 2 sg", nil},
		{"dove abiti adesso?", "abiti", "abitare indicative present 2 sg", nil},
		{"vuoi che inviti anche loro", "inviti", "invitare subjunctive present 1 sg", nil},
		{"perché non coltivi l'orto", "coltivi", "coltivare indicative present 2 sg", nil},
		// The lexicon's verbs keep their enclitic ("uccidere", "prendere"
		// with a sprangata), and so do the infinitive and the plural or -are
		// imperatives.
		{"uccidili tutti", "uccidili", "uccidere imperative present 2 sg", []string{"li"}},
		{"prendili a sprangate", "prendili", "prendere imperative present 2 sg", []string{"li"}},
		{"ammazzali", "ammazzali", "ammazzare imperative present 2 sg", []string{"li"}},
		{"dategli fuoco", "dategli", "dare imperative present 2 pl", []string{"gli"}},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		tk := tokenOf(t, f, c.word)
		var got []string
		for _, a := range tk.Analyses {
			got = append(got, analysisString(a))
		}
		if !slices.Contains(got, c.analysis) {
			t.Errorf("%q: %q has analyses %q, want %q", c.text, c.word, got, c.analysis)
		}
		lemma := strings.Fields(c.analysis)[0]
		if !slices.Contains(tk.Lemmas, lemma) || tk.Lemmas[0] != tk.Norm {
			t.Errorf("%q: %q has lemmas %q, want %q after the word itself", c.text, c.word, tk.Lemmas, lemma)
		}
		if !slices.Equal(tk.Clitics, c.clitics) {
			t.Errorf("%q: %q has clitics %q, want %q", c.text, c.word, tk.Clitics, c.clitics)
		}
	}
}

func TestLemmatiseNouns(t *testing.T) {
	cases := []struct {
		word   string
		lemmas []string
	}{
		{"zingare", []string{"zingaro", "zingara"}},
		{"zingari", []string{"zingaro", "zingara"}},
		{"topi", []string{"topo"}},
		{"ladre", []string{"ladro", "ladra"}},
		{"ladri", []string{"ladro"}},
		{"cinesi", []string{"cinese"}},
		{"amiche", []string{"amica"}},
		{"sporchi", []string{"sporco"}},
		{"luoghi", []string{"luogo"}},
		{"streghe", []string{"strega"}},
		{"zii", []string{"zio"}},
		{"negozi", []string{"negozio"}},
		{"arance", []string{"arancia"}},
		{"razzisti", []string{"razzista"}},
		{"parassiti", []string{"parassita"}},
		{"scimmie", []string{"scimmia"}},
		{"animali", []string{"animale"}},
		{"rom", []string{"rom"}},
		{"musulmane", []string{"musulmano", "musulmana"}},
	}
	for _, c := range cases {
		tk := tokenOf(t, extract(t, "sono "+c.word, ""), c.word)
		for _, l := range c.lemmas {
			if !slices.Contains(tk.Lemmas, l) {
				t.Errorf("%q: lemmas %q, want %q among them", c.word, tk.Lemmas, l)
			}
		}
	}
}

// Clitics that are also articles count only before a word that is surely
// a verb; a word after a determiner or an auxiliary is a noun or a
// participle, not an imperative with a pronoun.
func TestCliticsAreNotArticles(t *testing.T) {
	cases := []struct{ text, word string }{
		{"gli immigrati arrivano", "immigrati"},
		{"sono stati picchiati ieri", "picchiati"},
		{"la testa", "testa"},
		{"gli spari di ieri", "spari"},
		{"le botte", "botte"},
		{"lì vicino", "vicino"},
		{"dalle nove alle dodici", "dalle"},
		{"i falli del giocatore", "falli"},
	}
	for _, c := range cases {
		tk := tokenOf(t, extract(t, c.text, ""), c.word)
		if len(tk.Clitics) > 0 {
			t.Errorf("%q: %q has clitics %q", c.text, c.word, tk.Clitics)
		}
	}
}

func TestNoGrammarWithoutLanguage(t *testing.T) {
	f := Extract("li ammazzerei tutti", "", nil)
	for _, tk := range f.Tokens {
		if tk.Lemmas != nil || tk.Analyses != nil || tk.Clitics != nil {
			t.Fatalf("grammar facts without a language: %+v", tk)
		}
	}
	if f.Clauses != nil {
		t.Fatalf("clauses without a language: %+v", f.Clauses)
	}
}
