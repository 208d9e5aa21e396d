package facts

import (
	"slices"
	"strings"
	"testing"
)

// marked lists the words (Norm) of f whose mark is set.
func marked(f Facts, mark func(Token) bool) []string {
	var out []string
	for _, tk := range f.Tokens {
		if mark(tk) {
			out = append(out, tk.Norm)
		}
	}
	return out
}

// clauseWords renders the clauses of f as their words, "|" between clauses.
func clauseWords(f Facts) string {
	var b strings.Builder
	last := -1
	for _, tk := range f.Tokens {
		if last >= 0 && tk.Clause != last {
			b.WriteString(" |")
		}
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(tk.Norm)
		last = tk.Clause
	}
	return b.String()
}

func TestClauses(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Chi scrive che gli stranieri sono tutti ladri dovrebbe vergognarsi",
			"chi scrive che gli stranieri sono tutti ladri | dovrebbe vergognarsi"},
		{"Non è vero che i musulmani sono violenti", "non e vero che i musulmani sono violenti"},
		{"Giuro che prima o poi quei rom li faccio sparire tutti", "giuro che prima o poi quei rom li faccio sparire tutti"},
		{"Ho deciso di andare sotto casa dell'assessore e spaccargli la testa",
			"ho deciso di andare sotto casa dell assessore e spaccargli la testa"},
		{"I cinesi sono topi, si moltiplicano come topi", "i cinesi sono topi | si moltiplicano come topi"},
		{"Le donne sono buone solo a lamentarsi, dovrebbero tornare in cucina",
			"le donne sono buone solo a lamentarsi | dovrebbero tornare in cucina"},
		{"Non sono razzista ma gli zingari sono tutti ladri", "non sono razzista | ma gli zingari sono tutti ladri"},
		{"li ammazzo e li brucio", "li ammazzo | e li brucio"},
		{"I rom che rubano vanno cacciati", "i rom che rubano | vanno cacciati"},
		{"Lo dico perché è vero; ve lo giuro: lo farò", "lo dico | perche e vero | ve lo giuro | lo faro"},
		{"Ciao. Come state?", "ciao | come state"},
		{"è strano che nessuno dica niente", "e strano che nessuno dica niente"},
		{"un italiano vero lavora", "un italiano vero lavora"},
		{"spero che crepino tutti", "spero che crepino tutti"},
		{"i disabili vanno tenuti chiusi in casa", "i disabili vanno tenuti chiusi in casa"},
		{"li hanno lasciati chiusi in casa", "li hanno lasciati chiusi in casa"},
		{"li ho chiusi fuori, poi chiusi la porta", "li ho chiusi fuori | poi chiusi la porta"},
		// "se" after a negator is the pronoun, not "if".
		{"i rom non se ne vanno mai", "i rom non se ne vanno mai"},
		{"resto qui finché non se ne vanno", "resto qui | finche non se ne vanno"},
		{"me ne vado se non la smettono", "me ne vado | se non la smettono"},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		if got := clauseWords(f); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
		for i, cl := range f.Clauses {
			if cl.Start < 0 || cl.End > len([]rune(f.Text)) || cl.Start > cl.End || cl.Sentence < 0 || cl.Sentence >= len(f.Sentences) {
				t.Errorf("%q: clause %d %+v out of bounds (sentences %v)", c.text, i, cl, f.Sentences)
			}
		}
	}
}

func TestNegation(t *testing.T) {
	cases := []struct {
		text    string
		negated []string
	}{
		{"Non è vero che i musulmani sono violenti", []string{"e", "vero", "che", "i", "musulmani", "sono", "violenti"}},
		{"È falso che i rom rubano, lo dicono i dati", []string{"falso", "che", "i", "rom", "rubano"}},
		{"I rom non sono ladri", []string{"sono", "ladri"}},
		{"non li ammazzerei mai", []string{"li", "ammazzerei", "mai"}},
		{"Non sono razzista ma gli zingari sono tutti ladri", []string{"sono", "razzista"}},
		{"Non sono altro che parassiti", []string{"sono", "altro", "che"}},
		{"Non solo rubano ma sono anche violenti", nil},
		{"Nessuno li vuole qui", []string{"li", "vuole", "qui"}},
		{"Né i rom né i sinti sono ladri", []string{"i", "rom", "ne", "i", "sinti", "sono", "ladri"}},
		{"me ne vado, rom di merda", nil},
		{"Gli zingari sono tutti ladri", nil},
		// Tuscan "un" negates before a clitic or a finite verb only.
		{"ma un ti vergogni", []string{"ti", "vergogni"}},
		{"i rom un sono cristiani", []string{"sono", "cristiani"}},
		{"un uomo ha visto un rom", nil},
		// A plural imperative with its clitics after a comma, a conjunction
		// or another verb starts a verb group the negation does not reach.
		{"Non sanno fare nulla, rispeditele al mittente", []string{"sanno", "fare", "nulla"}},
		{"non valgono niente e cacciateli dal quartiere", []string{"valgono", "niente"}},
		{"non li reggo più buttiamoli fuori", []string{"li", "reggo", "piu"}},
		{"È falso che i rom rubano, mandateli pure a lavorare", []string{"falso", "che", "i", "rom", "rubano"}},
		// The negation still reaches its own imperative, and "né".
		{"non picchiateli", []string{"picchiateli"}},
		{"Non li voglio, né li accetto", []string{"li", "voglio", "ne", "li", "accetto"}},
		{"non cacciatela di casa", []string{"cacciatela", "di", "casa"}},
		// The "non" after "finché", "fino a quando", "a meno che" is
		// expletive: "until they leave" denies nothing.
		{"li lascio in pace finché non guariscono", nil},
		{"aspetteremo fino a quando non se ne andranno tutti", nil},
		{"finchè non li cacciano resto qui", nil},
		{"a meno che non vi pentiate", nil},
		{"non li sopporto finché non se ne vanno", []string{"li", "sopporto"}},
		{"quei rom non se ne vanno", []string{"se", "ne", "vanno"}},
		// "nessun" before a noun negates its clause as "nessuno" does;
		// "non ... nessuno" is one negation, and "nessuno escluso" between
		// commas does not reach the call after it.
		{"nessun migrante muore in mare", []string{"migrante", "muore", "in", "mare"}},
		{"Nessun rom ruba", []string{"rom", "ruba"}},
		{"non li vuole nessuno", []string{"li", "vuole", "nessuno"}},
		{"tutti, nessuno escluso, vanno cacciati", []string{"escluso"}},
		// Mercy or respect denied to someone denies no verb after it.
		{"nessuna pietà per i rom vanno sterminati", []string{"pieta", "per"}},
		{"Nessun rispetto per quella gente meritano solo botte", []string{"rispetto", "per"}},
		{"non ho pietà di nessuno", []string{"ho", "pieta", "di", "nessuno"}},
		// ... and so does a place denied to someone.
		{"niente posto per gli zingari, tornino a casa loro", []string{"posto", "per"}},
		{"nessun posto per i profughi li rimandiamo indietro", []string{"posto", "per"}},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		if got := marked(f, func(t Token) bool { return t.Negated }); !slices.Equal(got, c.negated) {
			t.Errorf("%q: negated %q, want %q", c.text, got, c.negated)
		}
	}
}

func TestQuestions(t *testing.T) {
	cases := []struct {
		text  string
		asked []string
	}{
		{"Perché non li cacciate?", []string{"perche", "non", "li", "cacciate"}},
		{"Li ammazzo, capito?", []string{"capito"}},
		{"Gli zingari sono ladri. Chi lo nega?!", []string{"chi", "lo", "nega"}},
		{"Siete tutti ladri? 😡", []string{"siete", "tutti", "ladri"}},
		{"Siete tutti ladri!", nil},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		if got := marked(f, func(t Token) bool { return t.Question }); !slices.Equal(got, c.asked) {
			t.Errorf("%q: question %q, want %q", c.text, got, c.asked)
		}
	}
}

func TestReportedFrames(t *testing.T) {
	cases := []struct {
		text     string
		reported []string
	}{
		{"Chi scrive che gli stranieri sono tutti ladri dovrebbe vergognarsi",
			[]string{"che", "gli", "stranieri", "sono", "tutti", "ladri"}},
		{"Chi pensa che i rom vadano bruciati è un criminale", []string{"i", "rom", "vadano", "bruciati"}},
		{"Basta con chi dice che le donne devono stare in cucina",
			[]string{"dice", "che", "le", "donne", "devono", "stare", "in", "cucina"}},
		{"Secondo alcuni gli immigrati sono tutti delinquenti, ma è falso",
			[]string{"gli", "immigrati", "sono", "tutti", "delinquenti"}},
		{"Chi insulta i disabili è un vigliacco", []string{"i", "disabili"}},
		{"Gli stranieri sono tutti ladri", nil},
		// the main verb is a form that may be another word, with its participle
		{"Chi scrive ti ammazzo al sindaco va denunciato", []string{"ti", "ammazzo", "al", "sindaco"}},
		// A verb of saying in a relative clause reports only with what it
		// reports: not with a place or nothing after it.
		{"Quel consigliere che scrive sul suo profilo lo vado a prendere sotto casa", nil},
		{"quelle che dicono in giro ste cose le aspetto fuori da scuola", nil},
		{"la vicina che scrive qui la sistemo io", nil},
		{"quello che scrive sempre sui gruppi del paese lo vado a cercare", nil},
		{"quello che scrive sempre che le donne sono inferiori", []string{"sempre", "che", "le", "donne", "sono", "inferiori"}},
		{"il tizio che scrive che i rom vanno bruciati va denunciato",
			[]string{"che", "i", "rom", "vanno", "bruciati", "va", "denunciato"}},
		{"il tizio che dice: ammazziamoli tutti", []string{"ammazziamoli", "tutti"}},
		{"un assessore che scrive in un post che le donne devono stare zitte",
			[]string{"in", "un", "post", "che", "le", "donne", "devono", "stare", "zitte"}},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		if got := marked(f, func(t Token) bool { return t.Reported }); !slices.Equal(got, c.reported) {
			t.Errorf("%q: reported %q, want %q", c.text, got, c.reported)
		}
	}
}
