package facts

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unsafe"
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

// finiteName tells the moods that make a clause.
func finiteName(mood string) bool {
	return mood == moodIndicative || mood == moodConditional || mood == moodSubjunctive || mood == moodImperative
}

// moodCode and tenseCode are the moods and tenses inside the lemmatiser:
// a reading holds no strings but its lemma.
type (
	moodCode  uint8
	tenseCode uint8
)

const (
	mIndicative moodCode = iota + 1
	mConditional
	mSubjunctive
	mImperative
	mInfinitive
	mGerund
	mParticiple
)

var moodNames = [...]string{"", moodIndicative, moodConditional, moodSubjunctive, moodImperative, moodInfinitive, moodGerund, moodParticiple}

var tenseNames = [...]string{"", "present", "imperfect", "future", "past"}

func moodOf(name string) moodCode {
	for i, n := range moodNames {
		if n == name && i > 0 {
			return moodCode(i)
		}
	}
	return 0
}

func tenseOf(name string) tenseCode {
	for i, n := range tenseNames {
		if n == name {
			return tenseCode(i)
		}
	}
	return 0
}

// finite tells the moods that make a clause.
func finite(m moodCode) bool { return m >= mIndicative && m <= mImperative }

// verbEnding is one ending of a regular conjugation.
type verbEnding struct {
	infinitive string // the lemma's ending: are, ere, ire
	mood       moodCode
	tense      tenseCode
	person     int8
	plural     bool
	// sure: a finite ending of morphology.sure_endings, which nouns and
	// adjectives seldom have ("-iamo", "-erebbe").
	sure bool
}

// irregularForm is a listed form of an irregular verb.
type irregularForm struct {
	r reading
	// written, when not empty, is the form with its accent ("è", "dà"):
	// the word is this verb only when written so.
	written string
}

type morphology struct {
	endings   map[string][]verbEnding
	maxEnding int
	verbTrie  suffixTrie[[]verbEnding] // endings, read from a word's end
	nounTrie  suffixTrie[[]string]
	encTrie   suffixTrie[string] // enclitic suffixes
	irregular map[string][]irregularForm
	// accented: the folded forms that are a verb only when written with
	// their accent ("e", "da")
	accented   map[string]bool
	sure       map[string]bool     // morphology.sure_endings
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
	NotSure          []string                       `json:"not_sure"`
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
	if !finiteName(mood) {
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
		endings: map[string][]verbEnding{}, irregular: map[string][]irregularForm{}, accented: map[string]bool{},
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
				infinitive: inf, mood: moodOf(mood), tense: tenseOf(tense), person: int8(person), plural: plural,
				sure: sure[ending] && finiteName(mood),
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
	m.sure = sure
	for _, lemma := range sortedSet(doc.Irregular) {
		err = errors.Join(err, m.addIrregular(lemma, doc.Irregular[lemma], doc.Verbs, conjugations))
	}
	notSure, e := foldedSet("morphology.not_sure", doc.NotSure, false)
	err = errors.Join(err, e)
	for w := range notSure {
		if _, ok := m.irregular[w]; !ok {
			err = errors.Join(err, fmt.Errorf("morphology.not_sure: %q is no irregular form", w))
			continue
		}
		for i := range m.irregular[w] {
			m.irregular[w][i].r.sure = false
		}
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
	for e, list := range m.endings {
		m.verbTrie.add(e, list)
	}
	for e, list := range m.nouns {
		m.nounTrie.add(e, list)
	}
	for _, e := range m.encByLen {
		m.encTrie.add(e, e)
	}
	return m, nil
}

// suffixTrie finds every suffix of a word that has a value by walking the
// word from its end: one step per letter instead of a map lookup per
// suffix length.
type suffixTrie[V any] struct {
	nodes []trieNode[V]
}

type trieNode[V any] struct {
	next [26]int32
	val  V
	has  bool
}

func (t *suffixTrie[V]) add(suffix string, v V) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode[V]{})
	}
	n := 0
	for i := len(suffix) - 1; i >= 0; i-- {
		c := suffix[i] - 'a'
		if c >= 26 {
			return // endings are folded letters (checked when read)
		}
		if t.nodes[n].next[c] == 0 {
			t.nodes = append(t.nodes, trieNode[V]{})
			t.nodes[n].next[c] = int32(len(t.nodes) - 1)
		}
		n = int(t.nodes[n].next[c])
	}
	t.nodes[n].val, t.nodes[n].has = v, true
}

// each calls f for every suffix of word with a value that leaves at least
// two letters before it, shortest first.
func (t *suffixTrie[V]) each(word string, f func(k int, v V) bool) {
	if len(t.nodes) == 0 {
		return
	}
	n := 0
	for k := 1; k <= len(word)-2; k++ {
		c := word[len(word)-k] - 'a'
		if c >= 26 {
			return
		}
		if n = int(t.nodes[n].next[c]); n == 0 {
			return
		}
		if t.nodes[n].has && !f(k, t.nodes[n].val) {
			return
		}
	}
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
		r   reading
	}
	var forms []keyed
	add := func(mood, tense string, person int, plural bool, form string) {
		r := reading{Lemma: lemma, Mood: moodOf(mood), Tense: tenseOf(tense), Person: int8(person), Plural: plural, sure: true}
		f := irregularForm{r: r}
		if folded := Fold(form); folded != form {
			f.written, form = form, folded
		}
		forms = append(forms, keyed{form, r})
		m.irregular[form] = append(m.irregular[form], f)
		if f.written != "" {
			m.accented[form] = true
		}
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
			if !m.sure[ending] {
				list := m.irregular[stem+ending]
				list[len(list)-1].r.sure = false
				forms[len(forms)-1].r.sure = false
			}
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
			r := f.r
			r.Lemma = c
			m.irregular[prefix+f.key] = append(m.irregular[prefix+f.key], irregularForm{r: r})
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

// reading is an Analysis, compact, with what the lemmatiser knows of how
// likely it is.
type reading struct {
	Lemma  string
	Mood   moodCode
	Tense  tenseCode
	Person int8
	Plural bool
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

// scratch is the working memory of one text's grammar pass: the
// readings, analyses and lemmas of all tokens share arenas, and the
// strings it makes (lemmas) are cut from few blocks.
type scratch struct {
	// exact: every string and slice is its own allocation, for what a
	// cache keeps (a shared block would keep the whole block alive).
	exact    bool
	buf      []byte
	strs     []byte // the block the next strings are cut from
	readings []reading
	analyses []Analysis
	lemmas   []string
}

// newScratch is the scratch of a text: its arenas grow as words are
// analysed, so that a text of cached words costs none.
func newScratch() *scratch { return &scratch{} }

// join returns a + b.
func (sc *scratch) join(a, b string) string { return sc.join3(a, b, "") }

// join3 returns a + b + c, cut from a shared block: one allocation for
// many lemmas. The block is never written again once a string is cut.
func (sc *scratch) join3(a, b, c string) string {
	n := len(a) + len(b) + len(c)
	if n == 0 {
		return ""
	}
	if sc.exact {
		return a + b + c
	}
	if cap(sc.strs)-len(sc.strs) < n {
		sc.strs = make([]byte, 0, max(1024, n))
	}
	start := len(sc.strs)
	sc.strs = append(append(append(sc.strs, a...), b...), c...)
	return unsafe.String(&sc.strs[start], n)
}

// accentOK tells whether a word written as text stands for the accented
// form written, as "è" does and "e" does not; an apostrophe after the word
// ("e'") stands for the accent too.
func accentOK(text, written string, apostrophe bool) bool {
	if apostrophe {
		return true
	}
	lower := strings.ToLower(text)
	return lower == written || Fold(lower) != lower
}

// verbReadings appends the readings of word (written as text) as a verb
// form without enclitics: its irregular forms, else its regular ones
// (unless it is a function word).
func (m *morphology) verbReadings(dst []reading, word, text string, apostrophe, function bool, sc *scratch) []reading {
	if forms, ok := m.irregular[word]; ok {
		n := len(dst)
		for _, f := range forms {
			if f.written != "" && !accentOK(text, f.written, apostrophe) {
				continue
			}
			dst = append(dst, f.r)
		}
		if len(dst) > n {
			return dst
		}
	}
	if function {
		return dst
	}
	return m.regular(dst, word, sc)
}

// regular appends the readings of word by the endings of the regular
// conjugations.
func (m *morphology) regular(dst []reading, word string, sc *scratch) []reading {
	m.verbTrie.each(word, func(k int, list []verbEnding) bool {
		end := word[len(word)-k:]
		stem := word[:len(word)-k]
		if !hasVowel(stem) {
			return true
		}
		for _, e := range list {
			first := e.mood == mIndicative && e.tense == 1 && e.person == 1 && !e.plural
			stems, n := stemVariants(stem, end, e.infinitive)
			for _, s := range stems[:n] {
				dst = append(dst, reading{
					Lemma: sc.join3(s[0], s[1], e.infinitive), Mood: e.mood, Tense: e.tense, Person: e.person, Plural: e.plural,
					sure: e.sure, firstSingular: first, infinitive: e.mood == mInfinitive,
				})
			}
		}
		return true
	})
	return dst
}

// regularLemma tells whether a regular reading of word has a lemma in set,
// without making any string.
func (m *morphology) regularLemma(word string, set map[string]bool, sc *scratch) bool {
	found := false
	m.verbTrie.each(word, func(k int, list []verbEnding) bool {
		end := word[len(word)-k:]
		stem := word[:len(word)-k]
		if !hasVowel(stem) {
			return true
		}
		for _, e := range list {
			stems, n := stemVariants(stem, end, e.infinitive)
			for _, s := range stems[:n] {
				sc.buf = append(append(append(sc.buf[:0], s[0]...), s[1]...), e.infinitive...)
				if set[string(sc.buf)] {
					found = true
					return false
				}
			}
		}
		return true
	})
	return found
}

// stemVariants are the stems of the lemma of a stem and ending: in the
// -are conjugation the h of -care/-gare verbs comes and goes before e and i
// (cerchi, cercherò: cercare) and so does the i of -ciare/-giare/-iare
// verbs (bruceremo: bruciare; odi: odiare).
//
// A variant is a stem and what follows it before the infinitive ending
// ("" or "i"), so that no string is made for it.
func stemVariants(stem, ending, inf string) ([2][2]string, int) {
	if inf != "are" || ending == "" || (ending[0] != 'e' && ending[0] != 'i') {
		return [2][2]string{{stem, ""}}, 1
	}
	switch {
	case strings.HasSuffix(stem, "ch") || strings.HasSuffix(stem, "gh"):
		return [2][2]string{{stem[:len(stem)-1], ""}, {stem, "i"}}, 2
	case strings.HasSuffix(stem, "c") || strings.HasSuffix(stem, "g") || ending[0] == 'i':
		if strings.HasSuffix(stem, "i") {
			return [2][2]string{{stem, ""}}, 1
		}
		return [2][2]string{{stem, ""}, {stem, "i"}}, 2
	}
	return [2][2]string{{stem, ""}}, 1
}

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiou") }

// encliticReadings cuts an enclitic pronoun off word and appends the
// readings of what is left that can carry one (an infinitive, a gerund, an
// imperative of the second person or the first plural, a participle), and
// returns the pronouns. The shortest enclitic that leaves such a reading
// wins ("fateli": fate + li, not fa + teli).
func (m *morphology) encliticReadings(dst []reading, word string, sc *scratch) ([]reading, []string) {
	var clitics []string
	m.encTrie.each(word, func(_ int, suf string) bool {
		rest := word[:len(word)-len(suf)]
		n := len(dst)
		switch {
		case m.shortImper[rest] && suf != "gli" && !strings.HasPrefix(suf, "glie"):
			// "stati", "dai": a short imperative doubles the consonant
		case len(rest) >= 3 && rest[len(rest)-1] == suf[0] && m.shortImper[rest[:len(rest)-1]]:
			dst = m.carriers(dst, rest[:len(rest)-1], false, sc)
		default:
			dst = m.carriers(dst, rest, false, sc)
			if strings.HasSuffix(rest, "r") {
				dst = m.carriers(dst, sc.join(rest, "e"), true, sc) // spaccar-gli
			}
		}
		if len(dst) > n {
			clitics = m.enclitics[suf]
			return false
		}
		return true
	})
	return dst, clitics
}

// carriers appends the readings of w that can carry an enclitic.
func (m *morphology) carriers(dst []reading, w string, infinitiveOnly bool, sc *scratch) []reading {
	n := len(dst)
	// Before a clitic the accent is never written ("dimmi", "dallo").
	dst = m.verbReadings(dst, w, w, true, false, sc)
	kept := dst[:n]
	for _, r := range dst[n:] {
		ok := false
		switch r.Mood {
		case mInfinitive:
			ok = true
		case mGerund, mParticiple:
			ok = !infinitiveOnly
		case mImperative:
			ok = !infinitiveOnly && (r.Person == 2 || r.Person == 1 && r.Plural)
		}
		if ok {
			r.clitic = true
			kept = append(kept, r)
		}
	}
	return kept
}

// nounLemmas appends the masculine and feminine singular candidates of
// word as a noun or adjective.
func (m *morphology) nounLemmas(dst []string, word string, sc *scratch) []string {
	m.nounTrie.each(word, func(k int, lemmas []string) bool {
		stem := word[:len(word)-k]
		for _, l := range lemmas {
			dst = append(dst, sc.join(stem, l))
		}
		return true
	})
	return dst
}

// nounLemma tells whether a noun lemma of word is in set, without making
// any string.
func (m *morphology) nounLemma(word string, set map[string]bool, sc *scratch) bool {
	found := false
	m.nounTrie.each(word, func(k int, lemmas []string) bool {
		for _, l := range lemmas {
			sc.buf = append(append(sc.buf[:0], word[:len(word)-k]...), l...)
			if set[string(sc.buf)] {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// analysis is the reading as the facts give it.
func (r reading) analysis() Analysis {
	return Analysis{
		Lemma: r.Lemma, POS: "verb", Mood: moodNames[r.Mood], Tense: tenseNames[r.Tense],
		Person: int(r.Person), Plural: r.Plural,
	}
}

// sameAnalysis tells two readings that give the same Analysis.
func sameAnalysis(a, b reading) bool {
	return a.Lemma == b.Lemma && a.Mood == b.Mood && a.Tense == b.Tense && a.Person == b.Person && a.Plural == b.Plural
}

// nonFiniteForms are the participles and gerunds of each of lemmas (verbs
// by their infinitive): the listed forms of an irregular verb, else those
// of its conjugation's endings; sorted, for a stable build.
func (m *morphology) nonFiniteForms(lemmas []string) map[string][]string {
	want := map[string]bool{}
	for _, l := range lemmas {
		want[l] = true
	}
	out := map[string][]string{}
	irregular := map[string]map[moodCode]bool{} // lemma → the moods listed
	for form, fs := range m.irregular {
		for _, f := range fs {
			if want[f.r.Lemma] && (f.r.Mood == mParticiple || f.r.Mood == mGerund) && f.written == "" {
				out[f.r.Lemma] = append(out[f.r.Lemma], form)
				if irregular[f.r.Lemma] == nil {
					irregular[f.r.Lemma] = map[moodCode]bool{}
				}
				irregular[f.r.Lemma][f.r.Mood] = true
			}
		}
	}
	for _, lemma := range lemmas {
		if len(lemma) < 4 {
			continue
		}
		stem, inf := lemma[:len(lemma)-3], lemma[len(lemma)-3:]
		for end, es := range m.endings {
			for _, e := range es {
				if e.infinitive == inf && (e.mood == mParticiple || e.mood == mGerund) && !irregular[lemma][e.mood] {
					out[lemma] = append(out[lemma], stem+end)
					break
				}
			}
		}
	}
	for l, forms := range out {
		slices.Sort(forms)
		out[l] = slices.Compact(forms)
	}
	return out
}
