package facts

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The lemmatiser: rules over the endings of policies/lexicon/morphology.yaml.
// A word gets every lemma it could come from (over-generation is intended:
// a rule looks lemmas up by key, so a wrong candidate costs nothing unless
// it is itself a key):
//
//   - a verb form is a stem and an ending of a regular conjugation, or an
//     irregular form listed whole; its lemma is the stem and the
//     conjugation's infinitive ending. Spelling follows the -care/-gare
//     verbs (cercherò → cercare: the h goes) and the -ciare/-giare/-iare
//     verbs (bruceremo → bruciare: the i comes back before e and i);
//   - an enclitic pronoun ("ammazzarli", "fateli", "spaccarglielo") is cut
//     from an infinitive, which loses its final e before it ("spaccar-gli"),
//     a gerund, an imperative or a participle; after a short imperative
//     its consonant doubles ("fallo", "dimmi");
//   - a noun or adjective gets its masculine and feminine singular
//     ("zingare" → zingaro, zingara; "amiche" → amica).
//
// Function words get only their irregular verb readings ("sono", "ha").

// Analysis is one reading of a word as a verb form.
type Analysis struct {
	Lemma string
	POS   string // "verb"
	// Mood: indicative, conditional, subjunctive, imperative, infinitive,
	// gerund or participle.
	Mood string
	// Tense: present, imperfect, future or past for the finite moods
	// (conditional and imperative: present), past for participles, empty
	// for infinitives and gerunds.
	Tense  string
	Person int // 1-3; 0 for infinitives, gerunds and participles
	Plural bool
}

// Moods and tenses as the facts name them.
const (
	moodIndicative  = "indicative"
	moodConditional = "conditional"
	moodSubjunctive = "subjunctive"
	moodImperative  = "imperative"
	moodInfinitive  = "infinitive"
	moodGerund      = "gerund"
	moodParticiple  = "participle"
)

// finite tells the moods that make a clause.
func finite(mood string) bool {
	return mood == moodIndicative || mood == moodConditional || mood == moodSubjunctive || mood == moodImperative
}

// verbEnding is one ending of a regular conjugation.
type verbEnding struct {
	infinitive string // the lemma's ending: are, ere, ire
	mood       string
	tense      string
	person     int
	plural     bool
	// sure: a finite ending of morphology.sure_endings, which nouns and
	// adjectives seldom have ("-iamo", "-erebbe").
	sure bool
}

// irregularForm is a listed form of an irregular verb.
type irregularForm struct {
	a Analysis
	// written, when not empty, is the form with its accent ("è", "dà"):
	// the word is this verb only when written so.
	written string
}

type morphology struct {
	endings    map[string][]verbEnding
	maxEnding  int
	irregular  map[string][]irregularForm
	enclitics  map[string][]string // the suffix → its pronouns
	encByLen   []string            // the enclitic suffixes, longest first
	shortImper map[string]bool
	nouns      map[string][]string // an ending → the endings of its lemmas
	maxNoun    int
}

// morphologyDoc is data.lexicon.morphology as written.
type morphologyDoc struct {
	Verbs            map[string]map[string][]string `json:"verbs"`
	Irregular        map[string]irregularDoc        `json:"irregular"`
	Enclitics        []string                       `json:"enclitics"`
	ShortImperatives []string                       `json:"short_imperatives"`
	Nouns            map[string][]string            `json:"nouns"`
	SureEndings      []string                       `json:"sure_endings"`
}

type irregularDoc struct {
	Like                 []string `json:"like"`
	FutureStem           string   `json:"future_stem"`
	Compounds            []string `json:"compounds"`
	Infinitive           []string `json:"infinitive"`
	Gerund               []string `json:"gerund"`
	Participle           []string `json:"participle"`
	IndicativePresent    []string `json:"indicative present"`
	IndicativeImperfect  []string `json:"indicative imperfect"`
	IndicativePast       []string `json:"indicative past"`
	IndicativeFuture     []string `json:"indicative future"`
	ConditionalPresent   []string `json:"conditional present"`
	SubjunctivePresent   []string `json:"subjunctive present"`
	SubjunctiveImperfect []string `json:"subjunctive imperfect"`
	ImperativePresent    []string `json:"imperative present"`
}

func (d irregularDoc) tables() map[string][]string {
	m := map[string][]string{
		"infinitive": d.Infinitive, "gerund": d.Gerund, "participle": d.Participle,
		"indicative present": d.IndicativePresent, "indicative imperfect": d.IndicativeImperfect,
		"indicative past": d.IndicativePast, "indicative future": d.IndicativeFuture,
		"conditional present": d.ConditionalPresent, "subjunctive present": d.SubjunctivePresent,
		"subjunctive imperfect": d.SubjunctiveImperfect, "imperative present": d.ImperativePresent,
	}
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	return m
}

// slotsOf parses a table's key ("indicative present", "participle") into
// its mood and tense and the number of forms its list must have (0: any).
func slotsOf(key string) (mood, tense string, n int, ok bool) {
	switch key {
	case "infinitive":
		return moodInfinitive, "", 0, true
	case "gerund":
		return moodGerund, "", 0, true
	case "participle":
		return moodParticiple, "past", 4, true
	}
	mood, tense, _ = strings.Cut(key, " ")
	switch key {
	case "indicative present", "indicative imperfect", "indicative past", "indicative future",
		"conditional present", "subjunctive present", "subjunctive imperfect", "imperative present":
		return mood, tense, 6, true
	}
	return "", "", 0, false
}

// personOf is the person and number of the i-th form of a table.
func personOf(mood string, i int) (int, bool) {
	if mood == moodParticiple {
		return 0, i%4 >= 2
	}
	if !finite(mood) {
		return 0, false
	}
	return i%3 + 1, i >= 3
}

func newMorphology(raw any) (*morphology, error) {
	if raw == nil {
		return nil, nil
	}
	var doc morphologyDoc
	if err := strictDecode(raw, &doc); err != nil {
		return nil, err
	}
	m := &morphology{
		endings: map[string][]verbEnding{}, irregular: map[string][]irregularForm{},
		enclitics: map[string][]string{}, shortImper: map[string]bool{}, nouns: map[string][]string{},
	}
	sure, err := foldedSet("morphology.sure_endings", doc.SureEndings, false)
	conjugations := map[string]string{} // conjugation → its infinitive ending
	for _, conj := range sortedSet(doc.Verbs) {
		if inf := doc.Verbs[conj]["infinitive"]; len(inf) > 0 {
			conjugations[conj] = inf[0]
		}
	}
	for _, conj := range sortedSet(doc.Verbs) {
		if conj == "contracted" {
			continue // endings after an irregular future stem only
		}
		inf, ok := conjugations[conj]
		if !ok {
			err = errors.Join(err, fmt.Errorf("morphology.verbs.%s: no infinitive", conj))
			continue
		}
		e := forEachForm("morphology.verbs."+conj, doc.Verbs[conj], func(mood, tense string, person int, plural bool, ending string) {
			m.endings[ending] = append(m.endings[ending], verbEnding{
				infinitive: inf, mood: mood, tense: tense, person: person, plural: plural,
				sure: sure[ending] && finite(mood),
			})
			m.maxEnding = max(m.maxEnding, len(ending))
		})
		err = errors.Join(err, e)
	}
	for _, e := range sortedSet(sure) {
		if _, ok := m.endings[e]; !ok {
			err = errors.Join(err, fmt.Errorf("morphology.sure_endings: %q is no ending of morphology.verbs", e))
		}
	}
	for _, lemma := range sortedSet(doc.Irregular) {
		err = errors.Join(err, m.addIrregular(lemma, doc.Irregular[lemma], doc.Verbs, conjugations))
	}
	enc, e := foldedSet("morphology.enclitics", doc.Enclitics, false)
	err = errors.Join(err, e)
	for s := range enc {
		m.enclitics[s] = cliticParts(s, enc)
		m.encByLen = append(m.encByLen, s)
	}
	sort.Slice(m.encByLen, func(i, j int) bool {
		a, b := m.encByLen[i], m.encByLen[j]
		return len(a) > len(b) || len(a) == len(b) && a < b
	})
	m.shortImper, e = foldedSet("morphology.short_imperatives", doc.ShortImperatives, false)
	err = errors.Join(err, e)
	for _, end := range sortedSet(doc.Nouns) {
		where := fmt.Sprintf("morphology.nouns[%q]", end)
		if e := checkFolded(where, end, false); e != nil {
			err = errors.Join(err, e)
			continue
		}
		lemmas, e := foldedSet(where, doc.Nouns[end], false)
		err = errors.Join(err, e)
		m.nouns[end] = sortedSet(lemmas)
		m.maxNoun = max(m.maxNoun, len(end))
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// forEachForm calls f for every form of the tables of a conjugation or of
// an irregular verb; a key or a list of the wrong length is an error.
func forEachForm(where string, tables map[string][]string, f func(mood, tense string, person int, plural bool, form string)) error {
	var err error
	for _, key := range sortedSet(tables) {
		mood, tense, n, ok := slotsOf(key)
		if !ok {
			err = errors.Join(err, fmt.Errorf("%s: %q is not a mood and tense (\"indicative present\", \"participle\"...)", where, key))
			continue
		}
		forms := tables[key]
		if n > 0 && len(forms)%n != 0 {
			err = errors.Join(err, fmt.Errorf("%s[%q]: %d forms, want %d", where, key, len(forms), n))
			continue
		}
		for i, form := range forms {
			if form == "-" {
				continue
			}
			if Fold(form) != form || strings.ContainsAny(form, " '") || form == "" {
				err = errors.Join(err, fmt.Errorf("%s[%q][%d]: %q is not a folded word", where, key, i, form))
				continue
			}
			person, plural := personOf(mood, i)
			f(mood, tense, person, plural, form)
		}
	}
	return err
}

// addIrregular adds every form of an irregular verb and its compounds.
func (m *morphology) addIrregular(lemma string, d irregularDoc, verbs map[string]map[string][]string, conj map[string]string) error {
	where := "morphology.irregular." + lemma
	if err := checkFolded(where, lemma, false); err != nil {
		return err
	}
	type keyed struct {
		key string
		a   Analysis
	}
	var forms []keyed
	add := func(mood, tense string, person int, plural bool, form string) {
		a := Analysis{Lemma: lemma, POS: "verb", Mood: mood, Tense: tense, Person: person, Plural: plural}
		f := irregularForm{a: a}
		if folded := Fold(form); folded != form {
			f.written, form = form, folded
		}
		forms = append(forms, keyed{form, a})
		m.irregular[form] = append(m.irregular[form], f)
	}
	var err error
	own := d.tables()
	for key, list := range own {
		for i, form := range list {
			if form == "-" {
				continue
			}
			if form == "" || strings.ToLower(form) != form || strings.ContainsAny(form, " '") {
				err = errors.Join(err, fmt.Errorf("%s[%q][%d]: %q is not a lower-case word", where, key, i, form))
			}
		}
	}
	if err != nil {
		return err
	}
	// forEachForm wants folded forms: fold here and keep the written one.
	written := map[string]string{}
	folded := map[string][]string{}
	for key, list := range own {
		out := make([]string, len(list))
		for i, form := range list {
			out[i] = Fold(form)
			if out[i] != form {
				written[out[i]] = form
			}
		}
		folded[key] = out
	}
	err = forEachForm(where, folded, func(mood, tense string, person int, plural bool, form string) {
		if w, ok := written[form]; ok && len(form) <= 2 {
			form = w // only short forms need their accent ("è", "dà"); "può" cannot be another word
		}
		add(mood, tense, person, plural, form)
	})
	if _, ok := own["infinitive"]; !ok {
		add(moodInfinitive, "", 0, false, lemma)
	}
	if d.FutureStem != "" {
		stem := d.FutureStem
		e := forEachForm(where+".future_stem", verbs["contracted"], func(mood, tense string, person int, plural bool, ending string) {
			if _, listed := own[mood+" "+tense]; !listed {
				add(mood, tense, person, plural, stem+ending)
			}
		})
		err = errors.Join(err, e)
	}
	if len(d.Like) > 0 {
		if len(d.Like) != 2 || conj[d.Like[0]] == "" {
			return errors.Join(err, fmt.Errorf("%s.like: want [conjugation, stem], got %q", where, d.Like))
		}
		c, stem := d.Like[0], d.Like[1]
		tables := verbs[c]
		if c == "isc" {
			tables = mergeTables(verbs["ire"], verbs["isc"])
		}
		e := forEachForm(where+".like", tables, func(mood, tense string, person int, plural bool, ending string) {
			key := mood + " " + tense
			if tense == "" || mood == moodParticiple {
				key = mood
			}
			if _, listed := own[key]; listed {
				return
			}
			if d.FutureStem != "" && (key == "indicative future" || key == "conditional present") {
				return
			}
			if mood == moodInfinitive {
				return // the lemma itself
			}
			add(mood, tense, person, plural, stem+ending)
		})
		err = errors.Join(err, e)
	}
	for _, c := range d.Compounds {
		prefix, ok := strings.CutSuffix(c, lemma)
		if !ok || prefix == "" || Fold(c) != c {
			err = errors.Join(err, fmt.Errorf("%s.compounds: %q is not a prefix and %s", where, c, lemma))
			continue
		}
		// With a prefix no form needs its accent: "ridà" is no other word.
		for _, f := range forms {
			a := f.a
			a.Lemma = c
			m.irregular[prefix+f.key] = append(m.irregular[prefix+f.key], irregularForm{a: a})
		}
	}
	return err
}

// mergeTables is base with the forms of over in place of base's, slot by
// slot ("-" in over keeps base's form).
func mergeTables(base, over map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		b := out[k]
		merged := make([]string, len(v))
		for i := range v {
			merged[i] = v[i]
			if v[i] == "-" && i < len(b) {
				merged[i] = b[i]
			}
		}
		out[k] = merged
	}
	return out
}

// cliticParts splits a combined enclitic into its pronouns ("glielo" →
// gli, lo; "telo" → te, lo). The linking e of "glie" is dropped, so that
// the dative reads "gli" as it does alone.
func cliticParts(s string, all map[string]bool) []string {
	for _, first := range []string{"glie", "me", "te", "ce", "ve", "se"} {
		if rest, ok := strings.CutPrefix(s, first); ok && rest != "" && all[rest] {
			if first == "glie" {
				first = "gli"
			}
			return []string{first, rest}
		}
	}
	return []string{s}
}

// reading is an Analysis with what the lemmatiser knows of how likely it is.
type reading struct {
	Analysis
	// sure: an irregular form, or a finite form with a sure ending
	// ("ammazzerei", "spariamo").
	sure bool
	// infinitive of a regular verb: "-are", "-ere", "-ire".
	infinitive bool
	// firstSingular: the -o of the first person present ("ammazzo").
	firstSingular bool
	// clitic: the reading of the word with an enclitic cut off.
	clitic bool
}

// accentOK tells whether a word written as text (lower case) stands for
// the accented form written, as "è" does and "e" does not; an apostrophe
// after the word ("e'") stands for the accent too.
func accentOK(text, written string, apostrophe bool) bool {
	return text == written || apostrophe || Fold(text) != text
}

// verbReadings appends the readings of word as a verb form without
// enclitics: its irregular forms, else its regular ones (unless it is a
// function word).
func (m *morphology) verbReadings(dst []reading, word, text string, apostrophe, function bool) []reading {
	if forms, ok := m.irregular[word]; ok {
		n := len(dst)
		for _, f := range forms {
			if f.written != "" && !accentOK(text, f.written, apostrophe) {
				continue
			}
			dst = append(dst, reading{Analysis: f.a, sure: true})
		}
		if len(dst) > n {
			return dst
		}
	}
	if function {
		return dst
	}
	return m.regular(dst, word)
}

// regular appends the readings of word by the endings of the regular
// conjugations.
func (m *morphology) regular(dst []reading, word string) []reading {
	for k := 1; k <= m.maxEnding && k <= len(word)-2; k++ {
		end := word[len(word)-k:]
		list, ok := m.endings[end]
		if !ok {
			continue
		}
		stem := word[:len(word)-k]
		if !hasVowel(stem) {
			continue
		}
		for _, e := range list {
			first := e.mood == moodIndicative && e.tense == "present" && e.person == 1 && !e.plural
			for _, s := range stemVariants(stem, end, e.infinitive) {
				dst = append(dst, reading{
					Analysis: Analysis{Lemma: s + e.infinitive, POS: "verb", Mood: e.mood, Tense: e.tense, Person: e.person, Plural: e.plural},
					sure:     e.sure, firstSingular: first, infinitive: e.mood == moodInfinitive,
				})
			}
		}
	}
	return dst
}

// stemVariants are the stems of the lemma of a stem and ending: in the
// -are conjugation the h of -care/-gare verbs comes and goes before e and i
// (cerchi, cercherò: cercare) and so does the i of -ciare/-giare/-iare
// verbs (bruceremo: bruciare; odi: odiare).
func stemVariants(stem, ending, inf string) []string {
	if inf != "are" || ending == "" || (ending[0] != 'e' && ending[0] != 'i') {
		return []string{stem}
	}
	switch {
	case strings.HasSuffix(stem, "ch") || strings.HasSuffix(stem, "gh"):
		return []string{stem[:len(stem)-1], stem + "i"}
	case strings.HasSuffix(stem, "c") || strings.HasSuffix(stem, "g") || ending[0] == 'i':
		if strings.HasSuffix(stem, "i") {
			return []string{stem}
		}
		return []string{stem, stem + "i"}
	}
	return []string{stem}
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiou") }

// encliticReadings cuts an enclitic pronoun off word and returns the
// readings of what is left that can carry one (an infinitive, a gerund, an
// imperative of the second person or the first plural, a participle), and
// the pronouns. The shortest enclitic that leaves such a reading wins
// ("fateli": fate + li, not fa + teli).
func (m *morphology) encliticReadings(dst []reading, word string) ([]reading, []string) {
	for i := len(m.encByLen) - 1; i >= 0; i-- {
		suf := m.encByLen[i]
		if len(word)-len(suf) < 2 || !strings.HasSuffix(word, suf) {
			continue
		}
		rest := word[:len(word)-len(suf)]
		n := len(dst)
		switch {
		case m.shortImper[rest] && suf != "gli" && !strings.HasPrefix(suf, "glie"):
			// "stati", "dai": a short imperative doubles the consonant
		case len(rest) >= 3 && rest[len(rest)-1] == suf[0] && m.shortImper[rest[:len(rest)-1]]:
			dst = m.carriers(dst, rest[:len(rest)-1], false)
		default:
			dst = m.carriers(dst, rest, false)
			if strings.HasSuffix(rest, "r") {
				dst = m.carriers(dst, rest+"e", true) // spaccar-gli
			}
		}
		if len(dst) > n {
			return dst, m.enclitics[suf]
		}
	}
	return dst, nil
}

// carriers appends the readings of w that can carry an enclitic.
func (m *morphology) carriers(dst []reading, w string, infinitiveOnly bool) []reading {
	var buf [16]reading
	// Before a clitic the accent is never written ("dimmi", "dallo").
	for _, r := range m.verbReadings(buf[:0], w, w, true, false) {
		ok := false
		switch r.Mood {
		case moodInfinitive:
			ok = true
		case moodGerund, moodParticiple:
			ok = !infinitiveOnly
		case moodImperative:
			ok = !infinitiveOnly && (r.Person == 2 || r.Person == 1 && r.Plural)
		}
		if ok {
			r.clitic = true
			dst = append(dst, r)
		}
	}
	return dst
}

// nounLemmas appends the masculine and feminine singular candidates of
// word as a noun or adjective.
func (m *morphology) nounLemmas(dst []string, word string) []string {
	for k := 1; k <= m.maxNoun && k <= len(word)-2; k++ {
		lemmas, ok := m.nouns[word[len(word)-k:]]
		if !ok {
			continue
		}
		stem := word[:len(word)-k]
		for _, l := range lemmas {
			dst = append(dst, stem+l)
		}
	}
	return dst
}
