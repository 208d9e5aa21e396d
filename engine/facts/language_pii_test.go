package facts

import (
	"maps"
	"strings"
	"testing"
)

// projectPersonalData is a copy of data.lexicon.personal_data of the
// project's lexicon, for a test to spoil one list of.
func projectPersonalData(t *testing.T) map[string]any {
	t.Helper()
	lex, err := lexiconData()
	if err != nil {
		t.Fatal(err)
	}
	pd, ok := lex["personal_data"].(map[string]any)
	if !ok {
		t.Fatal("policies/lexicon has no personal_data")
	}
	return maps.Clone(pd)
}

// withPersonalDataLexicon is the project's lexicon with personal_data replaced.
func withPersonalDataLexicon(t *testing.T, pd map[string]any) map[string]any {
	t.Helper()
	lex, err := lexiconData()
	if err != nil {
		t.Fatal(err)
	}
	out := maps.Clone(lex)
	out["personal_data"] = pd
	return out
}

func TestProjectPersonalDataLoads(t *testing.T) {
	pd := testLanguage(t).personal()
	if pd == &noPersonalWords {
		t.Fatal("the project's language has no personal data")
	}
	for _, c := range []struct {
		list map[string]bool
		word string
	}{
		{pd.firstNames, "mario"}, {pd.firstNames, "niccolò"}, {pd.firstNames, "niccolo"},
		{pd.notSurnames, "lunedì"}, {pd.notSurnames, "lunedi"}, {pd.streetTypes, "localita"},
		{pd.plateWords, "KM"}, {pd.streetAbbrevs, "v.le"}, {pd.protocolCues, "prot"},
		{pd.numberFillers, "no"}, {pd.abbreviations, "on"}, {pd.abbreviations, "ecc"},
		// Titles and their endings are abbreviations of the splitter too.
		{pd.abbreviations, "sig"}, {pd.abbreviations, "ssa"}, {pd.titleEndings, "ra"},
	} {
		if !c.list[c.word] {
			t.Errorf("%q missing from its list", c.word)
		}
	}
	// An accent tells words apart: "papà" is no place marker.
	if pd.placeMarkers["papà"] || !pd.placeMarkers["papa"] {
		t.Error("place_markers: papa and papà confused")
	}
}

// A malformed personal_data is refused with an error that names its key.
func TestNewLanguageRefusesBadPersonalData(t *testing.T) {
	cases := []struct {
		name string
		key  string
		val  any // nil deletes the key
		want string
	}{
		{"unknown key", "frist_names", []any{"mario"}, `"frist_names"`},
		{"missing list", "first_names", nil, "personal_data.first_names: missing or empty"},
		{"empty list", "street_types", []any{}, "personal_data.street_types: missing or empty"},
		{"not a list", "place_markers", "via piazza", "place_markers"},
		{"capital", "first_names", []any{"mario", "Luca"}, `personal_data.first_names[1]: "Luca" is not one lower-case word`},
		{"two words", "person_roles", []any{"vice sindaco"}, "personal_data.person_roles[0]"},
		{"punctuation", "title_abbreviations", []any{"sig."}, "personal_data.title_abbreviations[0]"},
		{"decomposed accent", "not_surnames", []any{"lunedi\u0300"}, "personal_data.not_surnames[0]"},
		{"not ASCII", "protocol_cues", []any{"protocòllo"}, "personal_data.protocol_cues[0]"},
		{"plate word", "plate_words", []any{"KM"}, "personal_data.plate_words[0]"},
		{"street abbreviation", "street_abbreviations", []any{"vle"}, "personal_data.street_abbreviations[0]"},
		{"twice", "name_particles", []any{"di", "de", "di"}, `personal_data.name_particles[2]: "di" is listed twice`},
		{"accent twin", "not_surnames", []any{"lunedì", "lunedi"}, `personal_data.not_surnames[1]: "lunedi" is given by "lunedì" already`},
		{"twin first", "not_surnames", []any{"lunedi", "lunedì"}, `personal_data.not_surnames[1]`},
		{"title repeated", "dot_abbreviations", []any{"ecc", "sig"}, `personal_data.dot_abbreviations: "sig"`},
		// YAML reads an unquoted "no" as false.
		{"boolean", "number_fillers", []any{"n", false}, "number_fillers"},
	}
	for _, c := range cases {
		pd := projectPersonalData(t)
		if c.val == nil {
			delete(pd, c.key)
		} else {
			pd[c.key] = c.val
		}
		l, err := NewLanguage(withPersonalDataLexicon(t, pd))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.want)
		}
		if err != nil && l != nil {
			t.Errorf("%s: a language along with the error", c.name)
		}
	}
	if _, err := NewLanguage(withPersonalDataLexicon(t, projectPersonalData(t))); err != nil {
		t.Fatalf("the project's personal_data: %v", err)
	}
}

// A lexicon without personal_data gives a language whose detectors have
// no words: the documented fallback of noPersonalWords.
func TestLanguageWithoutPersonalData(t *testing.T) {
	lex, err := lexiconData()
	if err != nil {
		t.Fatal(err)
	}
	lex = maps.Clone(lex)
	delete(lex, "personal_data")
	l, err := NewLanguage(lex)
	if err != nil || l == nil {
		t.Fatalf("NewLanguage without personal_data = %v, %v", l, err)
	}
	if l.personal() != &noPersonalWords {
		t.Error("personal data out of nothing")
	}
}

// Without a language, e-mail addresses, codes, plates and phone numbers
// are still found; addresses and names, which need words, are not; only
// an initial's dot does not end a sentence.
func TestPersonalDataWithoutLanguage(t *testing.T) {
	text := "Il sig. Rossi, CF RSSMRA85T10A562S, tel. 333 1234567, abita in via Roma 12 con Mario Bianchi. Scrivete a m.rossi@example.com"
	var kinds []string
	for _, p := range PersonalData(text, nil, nil) {
		kinds = append(kinds, p.Kind)
	}
	if got := strings.Join(kinds, " "); got != "codice_fiscale phone email" {
		t.Errorf("kinds without a language: %s", got)
	}
	kinds = kinds[:0]
	for _, p := range PersonalData(text, nil, testLanguage(t)) {
		kinds = append(kinds, p.Kind)
	}
	if got := strings.Join(kinds, " "); got != "person_name codice_fiscale phone address person_name email" {
		t.Errorf("kinds with the project's language: %s", got)
	}
	if n := len(Sentences(text, nil, nil)); n != 4 {
		t.Errorf("%d sentences without a language, want 4 (the dots of sig. and tel. end one each)", n)
	}
	if n := len(Sentences(text, nil, testLanguage(t))); n != 2 {
		t.Errorf("%d sentences with the project's language, want 2", n)
	}
}

// The lists reach the detectors: a word added to a list changes what is
// found, and one removed stops it.
func TestPersonalDataListsDecide(t *testing.T) {
	lang := func(key string, edit func([]any) []any) *Language {
		t.Helper()
		pd := projectPersonalData(t)
		pd[key] = edit(append([]any(nil), pd[key].([]any)...))
		l, err := NewLanguage(withPersonalDataLexicon(t, pd))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	without := func(w string) func([]any) []any {
		return func(l []any) []any {
			out := l[:0]
			for _, x := range l {
				if x != w {
					out = append(out, x)
				}
			}
			return out
		}
	}
	with := func(w string) func([]any) []any { return func(l []any) []any { return append(l, w) } }
	cases := []struct {
		text, key string
		edit      func([]any) []any
		before    string // the kinds found with the project's lists
		after     string // the kinds found with the list edited
	}{
		{"Ieri ho visto Ornella Bianchi al mercato", "first_names", without("ornella"), "person_name", ""},
		{"Ieri ho visto Genoveffa Bianchi al mercato", "first_names", with("genoveffa"), "", "person_name"},
		{"Abito in calle Larga 12 da anni", "street_types", with("calle"), "", "address"},
		{"Abito in via Roma 12 da anni", "street_types", without("via"), "address", ""},
		{"pratica 0585 490111 in corso", "protocol_cues", without("pratica"), "", "phone"},
		{"ne ha parlato il questore Bianchi", "person_roles", with("questore"), "", "person_name"},
		{"Ho incontrato il sig. Rossi ieri", "title_abbreviations", without("sig"), "person_name", ""},
	}
	for _, c := range cases {
		kinds := func(l *Language) string {
			var out []string
			for _, p := range PersonalData(c.text, nil, l) {
				out = append(out, p.Kind)
			}
			return strings.Join(out, " ")
		}
		if got := kinds(testLanguage(t)); got != c.before {
			t.Errorf("%q: %q with the project's lists, want %q", c.text, got, c.before)
		}
		if got := kinds(lang(c.key, c.edit)); got != c.after {
			t.Errorf("%q: %q with %s edited, want %q", c.text, got, c.key, c.after)
		}
	}
}

// Accents tell the words of personal_data apart: "papa" is a place marker
// ("papa Giovanni Paolo II"), "papà" a father; and an accented word also
// matches its spelling without accents.
func TestPersonalDataAccents(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Mio papà Franco Bianchi è ricoverato", "person_name:Franco Bianchi"},
		{"Ha parlato il papa Giovanni Paolo", ""},
		{"Ho visto Luca Lunedì in piazza", ""},
		{"Ho visto Luca Lunedi in piazza", ""},
		{"Ho visto Nicolò Rossi e Nicolo Bianchi", "person_name:Nicolò Rossi person_name:Nicolo Bianchi"},
	} {
		var got []string
		for _, p := range PersonalData(c.text, nil, testLanguage(t)) {
			got = append(got, p.Kind+":"+piiText(c.text, p))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
