package facts

import (
	"slices"
	"strings"
	"unicode"
)

// Obfuscation beyond what folding undoes (normalise.go): floods, words
// glued together, words one letter away from a lexicon word, emoji.
//
// Floods: folding cuts a run of three or more letters to two and adds the
// key cut to one; a flooded word whose runs, each read at one or two
// letters, spell a function word or a known word or form of one takes
// that spelling, fewest letters first ("musulmaniii" → musulmani,
// "bruciaaaati" → bruciati); else it keeps the two.
//
// Glued words are split where they are read as several known words. Long
// ones (ten letters or more) by dynamic programming over pieces that are
// function or glue words, finite irregular verb forms ("vanno", "sono")
// or known words of five letters or more: the reading with the fewest
// pieces, three or more, two of four letters or more, one a known word,
// the last of four letters or more ("idisabilivannosoppressi" → i disabili
// vanno soppressi). When no such reading covers the word, two pieces or
// more, the first of four letters or more, the last of four, and a rest of
// four letters or more of Italian shape ("vanno|bruciati|vivi",
// "negri|fuori|subito"): no word of an Italian word list reads so. A word
// of the lexicon's phrases of eight letters or more is a piece too
// ("terroni|tornatevene|acasa"). A word that is surely a verb form or
// reads with an enclitic is one word, unless its first piece is a finite
// verb form of four letters or more (no verb read with an enclitic begins
// with "vanno"), or, for a reading with a rest, a piece before the rest is
// ("assessore|ti|vengo|aprendere" is no infinitive). Else in two ("ammazzarequello", "parassiticome",
// "zingarimerda"): one part a known word (a lexicon term, or a word whose
// lemma is a target or predicate) and the other a glue word
// (language.glue_words), or the second part a lexicon term, or the first
// an article or a one-word frame before a known word ("idisabili",
// "andrebberoeliminati"; the 21 forms of a spelling dictionary that read
// so, "lodiamo" among them, are in ordinary_words), or a group's name or
// a slur glued to a predicate's noun or adjective ("musulmaniterroristi").
// Only plain words are split (letters only, as many folded as written), of seven
// letters or more, that are not known words themselves; a known part has
// four letters or more. The pieces of a word are cached with its analysis.
//
// A misspelt word gains the known word it is one slip away from: one
// dropped letter or one letter doubled (a word of six letters or more), or
// one swap of adjacent letters (five or more; the second letter may swap
// with the third: "forci" → froci); a letter doubled gains no frame
// ("dovette" is no "dovete"). A word that begins with a silent h not
// written ("andicappati") gains the word. It gains a term among its keys
// ("stonzo", "stornzo" → stronzo); among its lemmas a slur, a dehumanising
// noun, a noun of contempt, an identity group ("disbaili" → disabile)
// or a violent verb, by one of its forms ("zinagri" → zingaro) or by the
// lemma of its verb reading ("amazzarli" → ammazzare); and a misspelt
// participle or gerund of a violent verb gains that form's analyses
// ("sterminti", "bruciat" → participles of sterminare, bruciare). The
// misspelt word must begin with the known word's first two letters (but
// for that swap), and be no function word, no ordinary word
// (language.ordinary_words: "lardo" is not "ladro", "rabbia" not
// "rabbino"; the list was made by running every form of an Italian
// spelling dictionary through the corrector) and no known word or form of
// one itself; a misspelling that two known words could explain is left
// alone (forms of one lemma explain it alike). A word that is surely a
// verb form ("bastare") or a form of the term's own verb ("ammazzati",
// "ammazzarti") does not gain a term; a letter added that doubles none
// is no slip ("accoppiare" is no accoppare).
//
// Emoji named in language.emoji_words are tokens of their own, read as the
// noun they stand for (normalise.go: "🐒" → scimmia, the joined "🏳️‍🌈" →
// gay), never a verb form; those of language.emoji_nouns only right after
// a preposition ("al 🔥" → rogo).

// knownWords are the words of the lexicon: every single-word key of
// data.lexicon.terms but the lieve ones, which a misspelt word gains among
// its keys, and every single-word key of data.lexicon.targets and
// data.lexicon.predicates, which make the parts of glued words and of
// which the slurs, violent verbs and dehumanising nouns are gained among
// the lemmas of a misspelling.
type knownWords struct {
	terms, lemmas map[string]bool
	// frames: the one-word frames among terms ("andrebbero").
	frames map[string]bool
	// termLemma is the lemma a term's entry names ("ammazzarti": ammazzare).
	termLemma map[string]string
	// fuzzy: the targets and predicates a misspelling is corrected to.
	fuzzy map[string]bool
	// forms are the inflected forms of the fuzzy lemmas (by the noun
	// endings of morphology.yaml, inverted): zingari, zingare → zingaro.
	forms   map[string][]string
	formSet map[string]bool
	// formAnalyses: the verb analyses of the participles and gerunds
	// among forms, which a misspelling of them gains.
	formAnalyses map[string][]Analysis
	// dropped maps a known word or form with one letter dropped to it.
	dropped map[string][]string
	// shape has bit n set for the first two letters of a word of n letters
	// a misspelling may be corrected towards; begins, for those of every
	// known word.
	shape  [26][26]uint64
	begins [26][26]bool
	// readShape is shape without the group names and verb forms: the
	// gate of the verb readings corrected (sameShape).
	readShape [26][26]uint64
	// single maps a fuzzy word or form written with every double letter
	// single ("amazati", "sopresi") to the words so written.
	single map[string][]string
	// voiced maps a fuzzy word or form with one consonant written as its
	// voiced or voiceless pair ("brugiati": bruciati) to the words.
	voiced map[string][]string
	// phraseWords: the words of four letters or more of the lexicon's
	// phrases and frames ("aspetto" of "ti aspetto sotto").
	phraseWords map[string]bool
	// slips: the long fuzzy words and forms, for a misspelling two slips
	// away (slips.go).
	slips *slipIndex
	// swapForms: the forms of every target and predicate (by the noun
	// endings of morphology.yaml) by their lemmas, which a word with two
	// neighbouring letters swapped gains (swapped).
	swapForms map[string][]string
	// silentH maps a fuzzy word or form that begins with a silent h,
	// written without it ("andicappati"), to the word.
	silentH map[string]string
	// named: the slurs and the groups' names among fuzzy, which a short
	// word with a letter dropped is corrected towards (shortSlip).
	named map[string]bool
	// predicates: the nouns and adjectives among the predicates, which a
	// group's name is read glued to (gluedAt).
	predicates map[string]bool
	// auxSpellings maps the misspellings of the finite forms of the
	// auxiliaries ("vano", "vann", "anno", "esere") to the forms.
	auxSpellings map[string]string
	// verbs: the verbs the lexicon names, as a target or predicate, as
	// the verb a predicate goes with ("prendere" a sprangata) or as a
	// term's lemma: the verbs an enclitic reading of a word as a
	// singular imperative must come from (weakClitic).
	verbs map[string]bool
}

// maxNear bounds the length of the words corrected (the bits of shape).
const maxNear = 63

// minKnown is the length of the shortest known word a misspelling is
// corrected towards; minMisspelt that of the shortest word corrected
// (shorter words are too often other ordinary words: "buone", "negar").
const (
	minKnown    = 5
	minMisspelt = 6
	// minSwapped: a swap of two letters keeps the length, and is a rarer
	// accident of ordinary words than a dropped one ("forci", "tarns").
	minSwapped = 5
	// minGroup is the length of the shortest group name corrected towards
	// ("trans"; "rom" is too short).
	minGroup = 5
)

func newKnownWords(lexicon map[string]any, l *Language) *knownWords {
	k := &knownWords{terms: map[string]bool{}, lemmas: map[string]bool{}, frames: map[string]bool{}, dropped: map[string][]string{}, termLemma: map[string]string{}}
	add := func(dst map[string]bool, key string) {
		m, _ := lexicon[key].(map[string]any)
		for w, entry := range m {
			// A lieve term is a word with a plain meaning too ("spaccio",
			// "vermi"): a misspelling is not corrected towards it ("spacco").
			if e, _ := entry.(map[string]any); letters(w) && (key != "terms" || e["severity"] != "lieve") {
				dst[w] = true
				if lemma, ok := e["lemma"].(string); ok && key == "terms" {
					k.termLemma[w] = Fold(lemma)
				}
			}
		}
	}
	add(k.terms, "terms")
	// The one-word frames of a threat's mood ("andrebbero", "meritano") are
	// corrected towards like terms ("andrebbreo"): a frame alone decides
	// nothing, and their keys are what frames.yaml is looked up by.
	frames, _ := lexicon["frames"].(map[string]any)
	for w, entry := range frames {
		e, _ := entry.(map[string]any)
		switch kind, _ := e["kind"].(string); {
		case !letters(w) || len(w) < minMisspelt || e["verb"] == true:
		case kind == "obligation" || kind == "intent" || kind == "wish" || kind == "incitement":
			k.terms[w] = true
			k.frames[w] = true
		}
	}
	add(k.lemmas, "targets")
	add(k.lemmas, "predicates")
	// A misspelling is corrected only towards the words people disguise:
	// slurs, violent verbs, dehumanising nouns. A group's or a trait's name
	// one letter from an ordinary word is too often that word ("rabbia" is
	// no "rabbino", "legato" no "legnata", "camino" no "camion").
	// Identity groups and nouns of contempt ("shcifo") are corrected too:
	// a group's name alone decides nothing (the grammar needs a predicate
	// in its clause), and the ordinary words near them ("salvo" is no
	// "slavo", "rabbia" no "rabbino") are pinned in language.ordinary_words.
	k.fuzzy = map[string]bool{}
	k.named = map[string]bool{}
	k.predicates = map[string]bool{}
	k.verbs = map[string]bool{}
	for _, lemma := range k.termLemma {
		if verbLemma(lemma) {
			k.verbs[lemma] = true
		}
	}
	groups := map[string]bool{}
	var violent []string
	for _, key := range []string{"targets", "predicates"} {
		m, _ := lexicon[key].(map[string]any)
		for w, entry := range m {
			e, _ := entry.(map[string]any)
			kind, _ := e["kind"].(string)
			verb := verbLemma(w)
			if verb && letters(w) {
				k.verbs[w] = true
			}
			with, _ := e["with"].([]any)
			for _, v := range with {
				if v, ok := v.(string); ok && verbLemma(v) {
					k.verbs[Fold(v)] = true
				}
			}
			group := key == "targets" && kind == "group" && len(w) >= minGroup
			contempt := kind == "contempt" && !verb
			// The verbs of expulsion only by their participles and gerunds
			// ("va caccaito", "vanno deprotati"): their other forms are
			// one letter from too many ordinary verbs ("marciamo",
			// "badiamo").
			exclusion := kind == "exclusion" && verb && e["when"] == nil && e["with"] == nil
			if letters(w) && (kind == "slur" || kind == "violence" && verb || kind == "dehumanising" || group || contempt) {
				k.fuzzy[w] = true
			}
			if letters(w) && group {
				groups[w] = true
			}
			if letters(w) && (group || kind == "slur") {
				k.named[w] = true
			}
			if letters(w) && key == "predicates" && !verb {
				k.predicates[w] = true
			}
			if letters(w) && (kind == "violence" || exclusion) && verb {
				violent = append(violent, w)
			}
		}
	}
	k.forms, k.formSet, k.formAnalyses = map[string][]string{}, map[string]bool{}, map[string][]Analysis{}
	addForm := func(form, lemma string) {
		if !contains(k.forms[form], lemma) {
			k.forms[form] = append(k.forms[form], lemma)
			k.formSet[form] = true
		}
	}
	if l.morph != nil {
		// The participles and gerunds of the violent verbs, so that a
		// misspelt ending ("sterminti", "bruciat", "sopressi") is read as
		// the form it stands for, with that form's analyses: "vanno
		// sterminati" is a threat by its mood.
		slices.Sort(violent)
		nonFinite := l.morph.nonFiniteForms(violent)
		sc := newScratch()
		for _, lemma := range violent {
			for _, form := range nonFinite[lemma] {
				var as []Analysis
				for _, r := range l.morph.verbReadings(nil, form, form, false, false, sc) {
					if a := r.analysis(); r.Lemma == lemma && !slices.Contains(as, a) {
						as = append(as, a)
					}
				}
				if len(as) == 0 {
					continue
				}
				addForm(form, lemma)
				for _, a := range as {
					if !slices.Contains(k.formAnalyses[form], a) {
						k.formAnalyses[form] = append(k.formAnalyses[form], a)
					}
				}
			}
		}
	}
	for _, lemma := range sortedSet(k.fuzzy) {
		addForm(lemma, lemma)
		if l.morph == nil {
			continue
		}
		for _, formEnd := range sortedSet(l.morph.nouns) {
			for _, lemmaEnd := range l.morph.nouns[formEnd] {
				stem, ok := strings.CutSuffix(lemma, lemmaEnd)
				if !ok || len(stem) < 2 {
					continue
				}
				addForm(stem+formEnd, lemma)
			}
		}
	}
	index := func(words map[string]bool) {
		for _, w := range sortedSet(words) {
			if len(w) < minKnown {
				continue // the misspelling would be shorter than four letters
			}
			for i := 0; i < len(w); i++ {
				if i > 0 && w[i] == w[i-1] {
					continue // the same word as dropping w[i-1]
				}
				d := w[:i] + w[i+1:]
				if !contains(k.dropped[d], w) {
					k.dropped[d] = append(k.dropped[d], w)
				}
			}
		}
	}
	index(k.terms)
	index(k.fuzzy)
	index(k.formSet)
	k.slips = newSlipIndex(k.fuzzy, k.formSet, k.lemmas)
	k.single = map[string][]string{}
	for _, set := range []map[string]bool{k.fuzzy, k.formSet} {
		for _, w := range sortedSet(set) {
			if s := singled(w); s != w && len(s) >= minSwapped && !contains(k.single[s], w) {
				k.single[s] = append(k.single[s], w)
			}
		}
	}
	// Every target and predicate by its forms, for a swap of two letters.
	k.swapForms = map[string][]string{}
	for _, lemma := range sortedSet(k.lemmas) {
		if !letters(lemma) || len(lemma) < minSwapped {
			continue
		}
		k.swapForms[lemma] = appendNew(k.swapForms[lemma], lemma)
		if l.morph == nil {
			continue
		}
		for _, formEnd := range sortedSet(l.morph.nouns) {
			for _, lemmaEnd := range l.morph.nouns[formEnd] {
				if stem, ok := strings.CutSuffix(lemma, lemmaEnd); ok && len(stem) >= 2 {
					k.swapForms[stem+formEnd] = appendNew(k.swapForms[stem+formEnd], lemma)
				}
			}
		}
	}
	k.silentH = map[string]string{}
	for _, w := range sortedSet(k.formSet) {
		if len(w) > minMisspelt && w[0] == 'h' && vowel(w[1]) {
			k.silentH[w[1:]] = w
		}
	}
	k.auxSpellings = auxSpellings(l)
	k.voiced = map[string][]string{}
	for _, set := range []map[string]bool{k.fuzzy, k.formSet} {
		for _, w := range sortedSet(set) {
			if len(w) < minMisspelt {
				continue
			}
			for i := 2; i < len(w); i++ {
				pair, ok := voicePairs[w[i]]
				if !ok || w[i-1] == w[i] || i+1 < len(w) && w[i+1] == w[i] {
					continue // a double consonant changes both or none
				}
				v := w[:i] + string(pair) + w[i+1:]
				if !contains(k.voiced[v], w) {
					k.voiced[v] = append(k.voiced[v], w)
				}
			}
		}
	}
	k.phraseWords = map[string]bool{}
	for _, key := range []string{"terms", "frames"} {
		m, _ := lexicon[key].(map[string]any)
		for p := range m {
			if ws := strings.Fields(p); len(ws) > 1 {
				for _, w := range ws {
					if len(w) >= 4 && letters(w) {
						k.phraseWords[w] = true
					}
				}
			}
		}
	}
	for _, set := range []map[string]bool{k.terms, k.lemmas} {
		for w := range set {
			if len(w) >= 2 {
				k.begins[w[0]-'a'][w[1]-'a'] = true
			}
		}
	}
	for _, set := range []map[string]bool{k.terms, k.fuzzy, k.formSet} {
		for w := range set {
			if len(w) >= 2 && len(w) < maxNear {
				k.shape[w[0]-'a'][w[1]-'a'] |= 1 << len(w)
				// The words a verb reading is corrected beside: not the
				// groups nor the verb forms, which would let the readings
				// of many more words be tried ("pesandoci").
				if !groups[w] && k.formAnalyses[w] == nil && !(k.formSet[w] && groupsOnly(k.forms[w], groups)) {
					k.readShape[w[0]-'a'][w[1]-'a'] |= 1 << len(w)
				}
			}
		}
	}
	return k
}

// voicePairs are the consonants regional speech voices or unvoices
// ("brugiato", "abbandonado"): c and g, t and d, p and b.
var voicePairs = map[byte]byte{'c': 'g', 'g': 'c', 't': 'd', 'd': 't', 'p': 'b', 'b': 'p'}

// singled writes w with every double letter single ("ammazzati" →
// amazati).
func singled(w string) string {
	if !hasDouble(w) {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		b = append(b, w[i])
	}
	return string(b)
}

func hasDouble(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] == w[i-1] {
			return true
		}
	}
	return false
}

// auxSpellings are the ways people misspell the finite forms and
// infinitives of the auxiliary verbs (language.auxiliary_verbs), in the
// third person plural of the indicative: a double
// letter written single ("vano", "esere"), the h of avere dropped ("anno",
// "abbiamo" stays), a final vowel dropped after a double letter ("vann",
// "ess"). Only spellings that are no form of an auxiliary and no function
// word; the reading needs a participle after it (respellAuxiliaries).
func auxSpellings(l *Language) map[string]string {
	out := map[string]string{}
	if l.morph == nil {
		return out
	}
	var forms []string
	for _, w := range sortedSet(l.morph.irregular) {
		for _, f := range l.morph.irregular[w] {
			// The third person plural of the indicative ("vanno",
			// "hanno", "verranno"), what a rule about a group says; the
			// other persons misspelt are too often words ("vero", "fumo").
			if f.written == "" && l.auxiliaries[f.r.Lemma] && (f.r.Mood == mIndicative && f.r.Person == 3 && f.r.Plural || f.r.Mood == mInfinitive) && len(w) >= 4 {
				forms = append(forms, w)
				break
			}
		}
	}
	for _, a := range sortedSet(l.auxiliaries) {
		if !slices.Contains(forms, a) {
			forms = append(forms, a)
		}
	}
	isForm := map[string]bool{}
	for _, f := range forms {
		isForm[f] = true
	}
	ambiguous := map[string]bool{}
	add := func(variant, form string) {
		if variant == form || len(variant) < 3 || isForm[variant] || l.function[variant] || l.clitics[variant] {
			return
		}
		if prev, ok := out[variant]; ok && prev != form {
			ambiguous[variant] = true
		}
		out[variant] = form
	}
	for _, f := range forms {
		s := singled(f)
		add(s, f)
		if h, ok := strings.CutPrefix(f, "h"); ok {
			add(h, f)
		}
		if n := len(f); n >= 4 && f[n-2] == f[n-3] && strings.ContainsRune("aeiou", rune(f[n-1])) {
			add(f[:n-1], f) // "vann", "ess"
		}
	}
	for v := range ambiguous {
		delete(out, v)
	}
	return out
}

// restoreVowels gives back the vowel a word was written without, where
// what is left is no Italian word: two consonants that begin no Italian
// word ("dnne", "dsabili": a vowel after the first letter) or two that end
// none (cutCoda: "trns", "aspett": a vowel anywhere). The
// word becomes the one spelling, one vowel added, that is a function word,
// a lexicon word or form, or a word of the lexicon's phrases ("donne",
// "disabili", "trans", "aspetto"); two such spellings ("tutt": tutti,
// tutte, tutto) leave it as written, as do words of three letters ("cna",
// "msi": abbreviations). Words written in capitals
// (acronyms: "RSA", "INPS") and names are left alone.
func (l *Language) restoreVowels(toks []Token) {
	k := l.known
	if k == nil {
		return
	}
	var buf [64]byte
	for i := range toks {
		t := &toks[i]
		w := t.Norm
		if len(w) < 4 || len(w) >= len(buf) || !letters(w) || len(t.Keys) != 1 || l.class[w] != 0 || !lowerWord(t.Text) {
			continue
		}
		onset, coda := !vowel(w[0]) && !vowel(w[1]) && !italianOnset(w[:2]), cutCoda(w[len(w)-2:])
		if !onset && !coda {
			continue
		}
		hi := len(w)
		if !coda {
			hi = 1
		}
		found, ambiguous := "", false
		for at := 1; at <= hi && !ambiguous; at++ {
			for _, v := range []byte("aeiou") {
				c := append(append(append(buf[:0], w[:at]...), v), w[at:]...)
				if !k.vowelTarget(string(c), l) {
					continue
				}
				if found != "" && found != string(c) {
					ambiguous = true
				}
				found = string(c)
			}
		}
		if found != "" && !ambiguous {
			readAs(t, found)
		}
	}
}

// vowelTarget tells a word restoreVowels may restore a word to.
func (k *knownWords) vowelTarget(c string, l *Language) bool {
	return l.class[c]&cFunction != 0 || k.terms[c] || k.lemmas[c] || k.formSet[c] || k.phraseWords[c]
}

// cutCoda tells the last two letters of a word cut from an Italian one: a
// double consonant ("aspett", "vann") or n or r before a consonant
// ("ment", "trns"); not the endings of the loanwords of chat ("post",
// "sport", "stand", "smart").
func cutCoda(p string) bool {
	if vowel(p[0]) || vowel(p[1]) {
		return false
	}
	return p[0] == p[1] || p == "nt" || p == "ns" || p == "rn" || p == "rs" || p == "nc"
}

func vowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// italianOnset tells two consonants that may begin an Italian word: a
// consonant before l or r ("tr", "gl"), s before any ("sp", "sb"), and
// "gn", "ch", "gh", "ps", "pn".
func italianOnset(p string) bool {
	switch {
	case p[1] == 'l' || p[1] == 'r' || p[0] == 's':
		return true
	}
	switch p {
	case "gn", "ch", "gh", "ps", "pn":
		return true
	}
	return false
}

// lowerWord tells a word written in lower case.
func lowerWord(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// respellAuxiliaries reads a misspelt auxiliary right before a participle
// as the auxiliary ("i rom vano cacciati", "anno rotto", "vann
// eliminati"): "vano" and "anno" are words too, but no noun or adjective
// stands so before a participle.
func (l *Language) respellAuxiliaries(rs []rune, toks []Token, sc *scratch) {
	if l.known == nil || l.morph == nil {
		return
	}
	for i := 0; i+1 < len(toks); i++ {
		t := &toks[i]
		form, ok := l.known.auxSpellings[t.Norm]
		if !ok || len(t.Keys) != 1 || toks[i+1].Start < t.End {
			continue
		}
		// An infinitive misspelt ("esere") is no noun after a preposition.
		if l.participle(toks[i+1].Norm, sc) && (l.auxiliaries[form] || !l.nounBefore(rs, toks, i)) {
			readAs(t, form)
		}
	}
}

// nounBefore tells a word that an article, a preposition or a numeral
// makes a noun ("l'anno passato", "quest'anno", "nel vano chiuso").
func (l *Language) nounBefore(rs []rune, toks []Token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1]
	if p.End+1 == toks[i].Start && p.End < len(rs) && isApostrophe(rs[p.End]) && l.class[p.Norm]&cClitic == 0 {
		return true // elided before it: an article or "quest'", "dell'"
	}
	c := l.class[p.Norm]
	return c&(cDeterminer|cPrep) != 0 || c&cFunction != 0 && c&cClitic == 0 && !l.negators[p.Norm] && !l.conjs[p.Norm] || !letters(p.Norm)
}

// participle tells a word read as a past participle, or one slip from a
// form of a violent verb that is one.
func (l *Language) participle(w string, sc *scratch) bool {
	if !letters(w) || len(w) < 4 {
		return false
	}
	n := len(sc.readings)
	sc.readings = l.morph.verbReadings(sc.readings, w, w, false, false, sc)
	found := false
	for _, r := range sc.readings[n:] {
		found = found || r.Mood == mParticiple
	}
	sc.readings = sc.readings[:n]
	if found {
		return true
	}
	for _, c := range l.known.single[singled(w)] {
		for _, a := range l.known.formAnalyses[c] {
			found = found || a.Mood == moodParticiple
		}
	}
	return found
}

// groupsOnly tells lemmas that are all group names.
func groupsOnly(lemmas []string, groups map[string]bool) bool {
	for _, l := range lemmas {
		if !groups[l] {
			return false
		}
	}
	return len(lemmas) > 0
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (k *knownWords) known(w string) bool { return k.terms[w] || k.lemmas[w] }

// knownPart tells a part of a glued word that is a known word or a form of
// one (its verb or noun lemma is a known lemma).
func (l *Language) knownPart(w string, sc *scratch) bool {
	if len(w) < 4 {
		return false
	}
	if l.known.known(w) {
		return true
	}
	m := l.morph
	if m == nil {
		return false
	}
	for _, f := range m.irregular[w] {
		if l.known.lemmas[f.r.Lemma] {
			return true
		}
	}
	// A regular lemma begins as its form does: most parts can be told
	// apart by their first two letters alone.
	if a, b := w[0]-'a', w[1]-'a'; a >= 26 || b >= 26 || !l.known.begins[a][b] {
		return false
	}
	return m.regularLemma(w, l.known.lemmas, sc) || m.nounLemma(w, l.known.lemmas, sc)
}

// namedPart tells a part of a glued word that is a form of a slur or of a
// group's name ("terroni", "musulmani") of five letters or more.
func (l *Language) namedPart(w string, sc *scratch) bool {
	if len(w) < minKnown || l.morph == nil {
		return false
	}
	k := l.known
	if k.formSet[w] && allNamed(k, k.forms[w]) {
		return true
	}
	return k.named[w] || l.morph.nounLemma(w, k.named, sc)
}

// predicatePart tells a part of a glued word that is a form of a
// predicate's noun or adjective ("terroristi", "ladri").
func (l *Language) predicatePart(w string, sc *scratch) bool {
	k := l.known
	return k.predicates[w] || l.morph != nil && l.morph.nounLemma(w, k.predicates, sc)
}

// trimSpelledArticle reads a word spelled out letter by letter after a
// one-letter article or conjunction spelled the same way ("i n e g r i":
// i + negri) as the word without it: the joined letters are no known word,
// the letters after the first are one. The letter stays a word of its own
// (the tokenizer keeps every letter).
func (l *Language) trimSpelledArticle(toks []Token, sc *scratch) {
	for i := range toks {
		t := &toks[i]
		w := t.Norm
		if len(w) < 6 || len(t.Text) < 2*len(w)-1 || !vowel(w[0]) || !letters(w) || l.class[w[:1]]&cFunction == 0 {
			continue
		}
		rs := []rune(t.Text)
		if len(rs) != 2*len(w)-1 {
			continue // not spelled out with one mark between letters
		}
		if l.knownPart(w, sc) || !l.knownPart(w[1:], sc) {
			continue
		}
		t.Text, t.Norm, t.Keys = string(rs[2:]), w[1:], []string{w[1:]}
		t.Start += 2
	}
}

// unglue splits the glued words of toks; it returns toks itself when it
// splits none.
func (l *Language) unglue(toks []Token, sc *scratch) []Token {
	var out []Token
	for i, t := range toks {
		pieces := l.gluedPieces(t, sc)
		if pieces == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]Token, 0, len(toks)+4), toks[:i]...)
		}
		rs := []rune(t.Text)
		at := 0
		for _, p := range pieces {
			a := t
			a.Text, a.Norm, a.Keys = string(rs[at:at+len(p)]), p, []string{p}
			a.Start, a.End = t.Start+at, t.Start+at+len(p)
			out = append(out, a)
			at += len(p)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// gluedPieces are the words t is glued from: three or more by segments,
// else two by gluedAt; nil when t is one word.
func (l *Language) gluedPieces(t Token, sc *scratch) []string {
	w := t.Norm
	if len(w) < 7 || !letters(w) || len(t.Keys) != 1 || len([]rune(t.Text)) != len(w) {
		return nil
	}
	if l.cache == nil {
		return l.gluedWord(t, sc)
	}
	if p, ok := l.cache.getPieces(w); ok {
		if len(p) == 0 {
			return nil
		}
		return p
	}
	p := l.gluedWord(t, sc)
	// The cache keeps allocations of its own, not pieces of the text.
	kept := make([]string, len(p))
	for i, s := range p {
		kept[i] = strings.Clone(s)
	}
	l.cache.putPieces(strings.Clone(w), kept)
	return p
}

// gluedWord is gluedPieces of a word not cached: its pieces depend on
// nothing but its letters.
func (l *Language) gluedWord(t Token, sc *scratch) []string {
	w := t.Norm
	if l.class[w]&(cFunction|cOrdinary) != 0 {
		return nil
	}
	// The costlier tests of a word that is one word after all only once a
	// reading in pieces is found (gluedAt makes them too).
	// No verb read with an enclitic begins with a finite form of its own
	// ("vanno|bruciati|vivi" is no vannobruciativi + vi).
	pieces, rest := l.segments(w, sc)
	glued := pieces != nil && !l.knownPart(w, sc) && (l.structural(pieces[0]) && len(pieces[0]) >= 4 || !l.encliticWord(w, sc))
	if glued && !rest {
		return pieces
	}
	// Two known words read whole before known words and a rest
	// ("musulmani|terroristi", not musulmani|terro|risti).
	if left, right, ok := l.gluedAt(w, sc); ok {
		return []string{left, right}
	}
	if glued {
		return pieces
	}
	return nil
}

// encliticWord tells a word read as a verb with enclitics ("ammazzarli").
func (l *Language) encliticWord(w string, sc *scratch) bool {
	if l.morph == nil {
		return false
	}
	n := len(sc.readings)
	_, clitics := l.morph.encliticReadings(sc.readings, w, sc)
	sc.readings = sc.readings[:n]
	return clitics != nil
}

// gluedAt finds where w, a word gluedPieces and gluedWord let through, is
// two words glued together.
func (l *Language) gluedAt(w string, sc *scratch) (string, string, bool) {
	// The longest known left part first: "zingarimerda" is zingari + merda.
	found, framed := -1, false // framed: a split that no enclitic reading undoes
	for i := len(w) - 2; i >= 1 && found < 0; i-- {
		left, right := w[:i], w[i:]
		switch {
		case l.glue[right]:
			if l.knownPart(left, sc) {
				found = i
			}
		case l.glue[left]:
			if l.knownPart(right, sc) {
				found = i
			}
		case l.class[left]&cDeterminer != 0 && len(right) >= minKnown:
			// An article glued to a group or a predicate ("idisabili",
			// "ledonne"): the word alone decides nothing, and no verb read
			// with an enclitic ("idisabi-li") begins with an article.
			if l.knownPart(right, sc) {
				found, framed = i, true
			}
		case l.known.frames[left]:
			// A frame glued to its predicate ("andrebberoeliminati"); no
			// verb begins with a frame, so no enclitic reading of the whole
			// ("andrebberoelimina-ti") is a word.
			if l.knownPart(right, sc) {
				found, framed = i, true
			}
		case len(left) >= minKnown && len(right) >= minKnown && l.namedPart(left, sc) && l.predicatePart(right, sc):
			// A group glued to its predicate ("musulmaniterroristi",
			// "zingariladri"): the two words the grammar composes.
			found = i
		case len(right) >= minKnown && l.known.terms[right]:
			// Two content words only when the second is a term, an insult
			// glued to its target ("zingarimerda"): compounds of two
			// ordinary words are Italian ("giudeocristiano", "strozzapreti").
			if l.knownPart(left, sc) {
				found = i
			}
		}
	}
	if found < 0 || l.knownPart(w, sc) || !framed && l.encliticWord(w, sc) {
		return "", "", false
	}
	return w[:found], w[found:], true
}

// fix is what a misspelt word gains: a term among its keys, targets and
// predicates among its lemmas, and its verb analyses under them.
type fix struct {
	keys, lemmas []string
	analyses     []Analysis
}

// apply adds the fix to t. A word written with a capital and then lower
// case ("Cristina", "Tunisia") is taken for a name and gains nothing,
// unless it opens a sentence (and is no first name) and the fix is one
// known word.
func (f *fix) apply(t *Token, opening bool) {
	if !f.applies(t, opening) {
		return
	}
	if len(f.keys) > 0 {
		t.Keys = append(t.Keys[:len(t.Keys):len(t.Keys)], f.keys...)
	}
	if len(f.lemmas) > 0 {
		t.Lemmas = append(t.Lemmas[:len(t.Lemmas):len(t.Lemmas)], f.lemmas...)
	}
	if len(f.analyses) > 0 {
		t.Analyses = append(t.Analyses[:len(t.Analyses):len(t.Analyses)], f.analyses...)
	}
}

// addReading adds the lemma a misspelt verb form stands for, with the
// form's analysis under that lemma, once each.
func (f *fix) addReading(r reading, lemma string) {
	f.lemmas = appendNew(f.lemmas, lemma)
	a := r.analysis()
	a.Lemma = lemma
	if !slices.Contains(f.analyses, a) {
		f.analyses = append(f.analyses, a)
	}
}

// applies tells a fix that apply adds to t.
func (f *fix) applies(t *Token, opening bool) bool {
	return f != nil && !(titleCase(t.Text) && (!opening || !f.single()))
}

// single tells a fix that names one known word: one key or the lemmas of
// one form, not a choice among several.
func (f *fix) single() bool {
	return len(f.keys) <= 1 && (len(f.keys) == 1 || len(f.lemmas) > 0)
}

// titleCase tells a word with a capital first and some lower-case letter.
func titleCase(s string) bool {
	first := true
	upper := false
	for _, r := range s {
		if first {
			upper, first = unicode.IsUpper(r), false
			continue
		}
		if upper && unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// correct finds what a misspelt word stands for (nil: nothing).
func (l *Language) correct(t *Token, w *wordInfo, sc *scratch) *fix {
	k := l.known
	word := t.Norm
	if len(word) < minSwapped || !letters(word) || w.cls&(cFunction|cOrdinary) != 0 || k.known(word) {
		return nil
	}
	for _, lemma := range t.Lemmas {
		if k.lemmas[lemma] {
			return nil // a form of a known word ("zingari")
		}
	}
	for _, r := range w.readings {
		if l.ordinary[r.Lemma] {
			return nil // a form of an ordinary verb ("creato" of creare is no "crepato")
		}
	}
	// The silent h not written ("andicappati"): the word it stands for.
	if h := k.silentH[word]; h != "" {
		return &fix{lemmas: k.forms[h], analyses: k.formAnalyses[h]}
	}
	if !k.mayBeNear(word) && k.single[word] == nil && k.voiced[word] == nil {
		return l.correctOther(word, w)
	}
	var f fix
	// Double letters written single, one or more ("amazati", "sopresi",
	// "vechi"): the commonest misspelling of Italian, and one that keeps
	// every letter in its order.
	if cs := k.single[word]; len(cs) > 0 && !hasDouble(word) && l.singleSame(cs) {
		if len(cs) == 1 {
			// Looked up as the word it stands for ("vechi rinbambiti").
			f.keys = append(f.keys, cs[0])
		}
		f.lemmas = append(f.lemmas, k.forms[cs[0]]...)
		for _, c := range cs {
			f.analyses = append(f.analyses, k.formAnalyses[c]...)
		}
	}
	// One consonant voiced or unvoiced ("brugiati"), when nothing else
	// explains the word.
	if cs := k.voiced[word]; len(f.lemmas) == 0 && len(cs) > 0 && l.singleSame(cs) {
		f.lemmas = append(f.lemmas, k.forms[cs[0]]...)
		for _, c := range cs {
			f.analyses = append(f.analyses, k.formAnalyses[c]...)
		}
	}
	// A word that is surely a verb form of its own ("bastare" is no
	// "bastarde") or another form of the term's lemma ("ammazzati" is no
	// "ammazzarti") is no misspelling of a term.
	// A letter doubled gains a term ("frocci": froci), not a frame: verbs
	// double letters of their own ("dovette" is no "dovete").
	term, ok := k.near(word, k.terms, true)
	if ok && k.frames[term] {
		term, ok = k.near(word, k.terms, false)
	}
	if ok && !surelyVerb(w.readings) && !l.sameFamily(term, t.Lemmas, sc) {
		f.keys = append(f.keys, term)
	}
	// The word one letter away from a form of a target or predicate
	// ("zinagri" from zingari: zingaro), or the verb lemma of a reading
	// that is surely a verb one letter away from one ("amazzare" of
	// "amazzarli"); not the lemmas of one-letter endings ("sacco" is no
	// "spaccare"), nor the masculine and feminine guesses of a noun.
	if form, ok := k.near(word, k.formSet, true); ok {
		f.lemmas = append(f.lemmas, k.forms[form]...)
		f.analyses = append(f.analyses, k.formAnalyses[form]...)
	}
	// The lemmas of its readings only when the word itself has the shape
	// of a known word (its first two letters, its length or one more):
	// "accoppiare" is a verb of its own, not accoppare with a letter
	// added.
	for _, r := range w.readings {
		if !k.sameShape(word) {
			break
		}
		if !(r.sure || r.clitic || r.infinitive || r.Mood == mGerund || r.Mood == mParticiple) ||
			len(r.Lemma) < minMisspelt || l.ordinary[r.Lemma] || !k.mayBeNear(r.Lemma) {
			continue
		}
		lemma, ok := k.near(r.Lemma, k.fuzzy, false)
		if !ok {
			continue
		}
		f.addReading(r, lemma)
	}
	if len(f.keys)+len(f.lemmas) == 0 {
		return l.correctOther(word, w)
	}
	return &f
}

// correctOther corrects a word no slip towards a fuzzy word explains: two
// letters swapped in any target or predicate, else two slips (slips.go).
func (l *Language) correctOther(word string, w *wordInfo) *fix {
	if f := l.swapped(word, w); f != nil {
		return f
	}
	return l.correctTwoSlips(word, w)
}

// swapped is the fix of a word of minSwapped letters or more two
// neighbouring letters of which, not the first, are swapped from a form of
// a target or a predicate ("ldari": ladri, "schaiffi": schiaffi): a swap
// is a slip of the fingers ordinary words rarely make into others (the
// nine words of an Italian word list it changed are in
// language.ordinary_words: "camino" is no camion, "panico" no pancia). The
// words of the lexicon's phrases are left out: they are common verbs
// ("perso" is no preso). A word that is surely a verb form gains only a
// verb's lemma; two words so near leave it alone. Nil: none.
func (l *Language) swapped(word string, w *wordInfo) *fix {
	k := l.known
	if len(word) < minSwapped || len(word) >= maxNear {
		return nil
	}
	var buf [maxNear]byte
	b := append(buf[:0], word...)
	found := ""
	for i := 1; i+1 < len(b); i++ {
		if b[i] == b[i+1] {
			continue
		}
		b[i], b[i+1] = b[i+1], b[i]
		if k.swapForms[string(b)] != nil {
			if found != "" && found != string(b) {
				return nil
			}
			found = string(b)
		}
		b[i], b[i+1] = b[i+1], b[i]
	}
	if found == "" {
		return nil
	}
	f := &fix{lemmas: k.swapForms[found]}
	if k.terms[found] {
		f.keys = []string{found}
	}
	if surelyVerb(w.readings) && !slices.ContainsFunc(f.lemmas, verbLemma) {
		return nil
	}
	return f
}

// appendNew appends s to ss unless ss holds it.
func appendNew(ss []string, s string) []string {
	if contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// correctTwoSlips corrects a word two slips from a long known word
// (slips.go); a word that is surely a verb form of its own stands only for
// a verb form.
func (l *Language) correctTwoSlips(word string, w *wordInfo) *fix {
	k := l.known
	form, ok := k.twoSlips(word)
	if !ok || surelyVerb(w.readings) && len(k.formAnalyses[form]) == 0 {
		return nil
	}
	f := &fix{lemmas: k.slipLemmas(form), analyses: k.formAnalyses[form]}
	if k.terms[form] {
		f.keys = []string{form}
	}
	return f
}

// singleSame tells words that are forms of the same lemmas (one reading).
func (l *Language) singleSame(cs []string) bool {
	for _, c := range cs[1:] {
		if !slices.Equal(l.known.forms[c], l.known.forms[cs[0]]) {
			return false
		}
	}
	return len(l.known.forms[cs[0]]) > 0
}

// correctAfterClitic finds the violent verb a finite form with a clitic
// before it is one slip away from ("ti amazzo", "li brucerro"): the pronoun
// makes the word a verb, as an ending no noun has does for a word alone
// (correct), so its finite readings are corrected too. Nil: nothing, or the
// word is a form of a known lemma or an ordinary verb already.
func (l *Language) correctAfterClitic(t *Token, w *wordInfo) *fix {
	k := l.known
	word := t.Norm
	if len(word) < minSwapped || !letters(word) || w.cls&(cFunction|cOrdinary|cClitic) != 0 || k.known(word) {
		return nil
	}
	for _, lemma := range t.Lemmas {
		if k.lemmas[lemma] || l.ordinary[lemma] {
			return nil
		}
	}
	var f fix
	for _, r := range w.readings {
		if !finite(r.Mood) || r.clitic || len(r.Lemma) < minMisspelt || !k.mayBeNear(r.Lemma) {
			continue
		}
		lemma, ok := k.near(r.Lemma, k.fuzzy, false)
		if !ok || !verbLemma(lemma) {
			continue
		}
		f.addReading(r, lemma)
	}
	if len(f.lemmas) == 0 {
		return nil
	}
	return &f
}

// verbLemma tells an infinitive by its ending.
func verbLemma(w string) bool {
	return strings.HasSuffix(w, "are") || strings.HasSuffix(w, "ere") || strings.HasSuffix(w, "ire")
}

// surelyVerb tells readings of a verb form no noun has: a sure ending, an
// infinitive, a gerund, an enclitic.
func surelyVerb(rs []reading) bool {
	for _, r := range rs {
		if r.sure || r.infinitive || r.clitic || r.Mood == mGerund {
			return true
		}
	}
	return false
}

// sameFamily tells a term whose verb or noun lemma is among lemmas.
func (l *Language) sameFamily(term string, lemmas []string, sc *scratch) bool {
	if l.morph == nil {
		return false
	}
	if contains(lemmas, l.known.termLemma[term]) {
		return true
	}
	var rs []reading
	rs = l.morph.verbReadings(rs, term, term, false, false, sc)
	rs, _ = l.morph.encliticReadings(rs, term, sc)
	for _, r := range rs {
		if contains(lemmas, r.Lemma) {
			return true
		}
	}
	for _, n := range l.morph.nounLemmas(nil, term, sc) {
		if contains(lemmas, n) {
			return true
		}
	}
	return false
}

// onlyWeak tells a lemma that only one-letter finite endings give
// ("brucare" of "bruco").
func onlyWeak(rs []reading, lemma string) bool {
	weak := false
	for _, r := range rs {
		if r.Lemma != lemma {
			continue
		}
		if r.sure || r.clitic || !finite(r.Mood) {
			return false
		}
		weak = true
	}
	return weak
}

// mayBeNear is a quick test that some known word has w's first two letters
// (or its first and third, a swap of the second) and its length, one more
// or one less: most words have none.
func (k *knownWords) mayBeNear(w string) bool {
	if len(w) < minKnown || len(w) >= maxNear {
		return false
	}
	a, b, c := w[0]-'a', w[1]-'a', w[2]-'a'
	if a >= 26 || b >= 26 || c >= 26 {
		return false
	}
	return k.shape[a][b]&(7<<(len(w)-1)) != 0 || k.shape[a][c]&(1<<len(w)) != 0
}

// sameShape tells a word whose first two letters some known word has,
// with its length or one more.
func (k *knownWords) sameShape(w string) bool {
	a, b := w[0]-'a', w[1]-'a'
	return len(w) < maxNear && a < 26 && b < 26 && k.readShape[a][b]&(3<<len(w)) != 0
}

// near returns the one word of set that w is a dropped letter, an added
// letter or an adjacent swap away from. The first two letters stay (a typo
// there turns too many ordinary words into others: "sacco", "sozzo"), but
// for a swap of the second and third letters ("forci": froci), and w must
// be long enough for what it is: minMisspelt letters for a dropped or an
// added one, minSwapped for a swap.
func (k *knownWords) near(w string, set map[string]bool, added bool) (string, bool) {
	found := ""
	ambiguous := false
	take := func(s string) {
		// Forms of one lemma explain it alike ("bruciat": bruciati,
		// bruciato...); the first in order is kept, for a stable answer.
		if found != "" && found != s && !(k.formSet[found] && k.formSet[s] && slices.Equal(k.forms[found], k.forms[s])) {
			ambiguous = true
		}
		if found == "" || s < found {
			found = s
		}
	}
	if len(w) >= minMisspelt {
		for _, d := range k.dropped[w] {
			if set[d] && d[:2] == w[:2] {
				take(d)
			}
		}
	}
	var buf [64]byte
	if len(w) <= len(buf) && len(w) >= minSwapped {
		b := append(buf[:0], w...)
		for i := 1; i+1 < len(b); i++ {
			if b[i] == b[i+1] {
				continue
			}
			b[i], b[i+1] = b[i+1], b[i]
			if set[string(b)] {
				take(string(b))
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	// An added letter after the first two, only a letter doubled
	// ("sopprressi", "eliminatti"): any other letter added turns ordinary
	// words into known ones ("apprendere", "salutare", "vengano").
	if added && len(w) >= minMisspelt && len(w) <= len(buf) {
		for i := 2; i < len(w); i++ {
			if w[i] != w[i-1] || i+1 < len(w) && w[i+1] == w[i] {
				continue
			}
			b := append(append(buf[:0], w[:i]...), w[i+1:]...)
			if set[string(b)] {
				take(string(b))
			}
		}
	}
	if ambiguous {
		return "", false
	}
	return found, found != "" && len(found) >= minKnown
}

// maxFloods bounds the runs of a flooded word tried at one and two
// letters (sixteen spellings).
const maxFloods = 4

// unflood gives each flooded word ("musulmaniii", "bruciaaaati") the
// spelling its floods stand for. Folding cuts every run of three or more
// letters to two (the Norm) and adds the key cut to one; a word whose
// runs are each read at one or two letters becomes the first such
// spelling, fewest letters first, that is a function word or a known
// word or form of one ("musulmani", "bruciati", "soppressi"). Else a
// flooded vowel that ends the word is one letter ("chiudeteee",
// "cacciateliii", "bellooo"). A word with
// no such spelling keeps its Norm.
func (l *Language) unflood(toks []Token, sc *scratch) {
	for i := range toks {
		t := &toks[i]
		if len(t.Keys) < 2 || !letters(t.Norm) {
			continue
		}
		runs := floodRuns(t.Norm, t.Keys[1])
		if len(runs) == 0 || len(runs) > maxFloods {
			continue
		}
		found := false
		for mask := 0; mask < 1<<len(runs) && !found; mask++ {
			sc.buf = sc.buf[:0]
			last := 0
			for r, at := range runs {
				sc.buf = append(sc.buf, t.Norm[last:at+1]...)
				if mask&(1<<r) != 0 {
					sc.buf = append(sc.buf, t.Norm[at])
				}
				last = at + 2
			}
			sc.buf = append(sc.buf, t.Norm[last:]...)
			w := string(sc.buf)
			if w == t.Norm {
				break // the Norm itself: nothing better was found
			}
			if l.class[w]&cFunction == 0 && !l.knownPart(w, sc) {
				continue
			}
			readAs(t, w)
			found = true
		}
		// A flooded vowel that ends the word is one letter: few Italian
		// words end in a double vowel ("zii", and no one floods them).
		if n, at := len(t.Norm), runs[len(runs)-1]; !found && at == n-2 && strings.IndexByte("aeiou", t.Norm[at]) >= 0 {
			readAs(t, t.Norm[:n-1])
		}
	}
}

// floodRuns are the offsets in two (a word with its floods cut to two
// letters) of the runs that one (the same word cut to one) has as a single
// letter; nil when one is not two so cut.
func floodRuns(two, one string) []int {
	var runs []int
	i, j := 0, 0
	for i < len(two) {
		if j >= len(one) || two[i] != one[j] {
			return nil
		}
		double := i+1 < len(two) && two[i+1] == two[i]
		switch {
		case double && !(j+1 < len(one) && one[j+1] == one[j]):
			runs = append(runs, i)
			i, j = i+2, j+1
		case double:
			i, j = i+2, j+2
		default:
			i, j = i+1, j+1
		}
	}
	if j != len(one) {
		return nil
	}
	return runs
}

// minSegmented is the length of the shortest glued word read as three
// words or more ("bruciamoibarboni"); maxPiece bounds a piece's length.
const (
	minSegmented = 10
	// minRest is the length of the shortest rest of a glued word read as a
	// word of its own after known pieces.
	minRest = 4
	// minPhrasePiece is the length of the shortest word of the lexicon's
	// phrases read as a piece ("tornatevene"); shorter ones are ordinary
	// words ("mente", "parte").
	minPhrasePiece = 8
	maxPiece       = 24
)

// segments reads w, a long word of letters only, as several words glued
// together ("idisabilivannosoppressi": i disabili vanno soppressi), by
// dynamic programming over the known pieces: function words, glue words,
// finite irregular verb forms ("vanno", "fanno"), known words or forms
// of one (knownPart) of five letters or more, lexicon words of four
// ("rogo") and words of the lexicon's phrases of eight or more
// ("tornatevene"). The reading with the fewest pieces wins; it must have
// three pieces or more, two of them of four letters or more and one a
// known word, end with one of four letters or more ("ammazzandoleci" is
// no ammazzando + le + ci), and have a one-letter piece ("i", "e") only
// before a known word. Else a reading of the word's beginning in two
// pieces or more, the first and the last of four letters or more, with a
// rest of Italian shape (rest is true: "vanno|bruciati|vivi").
// A word that is surely a verb form ("albergassero": al + ber + gassero)
// is one word, unless a finite form stands before the rest. nil: no such
// reading.
func (l *Language) segments(w string, sc *scratch) (pieces []string, rest bool) {
	n := len(w)
	if n < minSegmented || n >= 64 {
		return nil, false
	}
	type cell struct {
		pieces int8 // pieces of the best reading of w[:i]; 0: none
		from   int8 // where its last piece starts
		known  bool // it holds a known word
		long   int8 // its pieces of four letters or more
	}
	var best [64]cell
	reach := [64]bool{0: true}
	for i := 1; i <= n; i++ {
		for j := max(0, i-maxPiece); j < i; j++ {
			if !reach[j] {
				continue
			}
			p := w[j:i]
			// A lexicon word of four letters is a piece too ("rogo",
			// "ebrei" is five): not its forms, too many short words.
			content := len(p) >= minKnown && l.knownPart(p, sc) || len(p) == 4 && l.known.known(p) || len(p) >= minPhrasePiece && l.known.phraseWords[p]
			if !content && !l.structural(p) {
				continue
			}
			if i-j == 1 && !strings.Contains("aeio", p) {
				continue // no "l" nor any other letter alone
			}
			c := cell{pieces: best[j].pieces + 1, from: int8(j), known: best[j].known || content, long: best[j].long}
			if i-j >= 4 {
				c.long++
			}
			if j > 0 && int(best[j].from) == j-1 && !content {
				continue // the piece before was one letter: a known word must follow
			}
			if j > 0 && i-j < 3 && j-int(best[j].from) < 3 {
				continue // two short pieces in a row: "vi" + "ce" + "presidente"
			}
			if !reach[i] || c.pieces < best[i].pieces || c.pieces == best[i].pieces && c.known && !best[i].known {
				best[i], reach[i] = c, true
			}
		}
	}
	// firstLong tells a reading of w[:i] whose first piece has four letters
	// or more: a short word first ("di", "con", "i") begins too many
	// ordinary words ("di|mostra|zione", "i|denti|fica").
	firstLong := func(i int) bool {
		for best[i].from > 0 {
			i = int(best[i].from)
		}
		return i >= 4
	}
	end := n              // where the known pieces end: the word's end, or a rest
	finiteInside := false // a finite verb form before the rest
	if !reach[n] || !best[n].known || best[n].pieces < 3 || best[n].long < 2 || n-int(best[n].from) < 4 {
		// A known beginning and an unknown rest ("vannobruciati|vivi",
		// "negrifuorida|massa"): the rest is a word of its own when it has
		// Italian shape and four letters or more.
		end = 0
		for i := n - minRest; i >= minKnown; i-- {
			// Two pieces before the rest at least: one known word begins
			// too many ordinary ones ("colla|udato", "caccia|tore",
			// "vecchi|etta").
			if reach[i] && best[i].known && best[i].pieces >= 2 && firstLong(i) && i-int(best[i].from) >= 4 && !unItalian(w[i:]) {
				end = i
				// No verb ends a word that holds a finite form of its own
				// ("assessoreti|vengo|aprendere" is no infinitive).
				for j := i; j > 0; j = int(best[j].from) {
					p := w[best[j].from:j]
					finiteInside = finiteInside || len(p) >= 4 && l.structural(p) && l.class[p]&(cFunction|cGlue) == 0
				}
				break
			}
		}
		if end == 0 {
			return nil, false
		}
	}
	if l.morph != nil && !finiteInside {
		k := len(sc.readings)
		sc.readings = l.morph.verbReadings(sc.readings, w, w, false, false, sc)
		sure := surelyVerb(sc.readings[k:])
		sc.readings = sc.readings[:k]
		if sure {
			return nil, false
		}
	}
	count := int(best[end].pieces)
	if end < n {
		count++
	}
	pieces = make([]string, count)
	if end < n {
		pieces[count-1] = w[end:]
	}
	for i, k := end, int(best[end].pieces)-1; i > 0; k-- {
		j := int(best[i].from)
		pieces[k] = w[j:i]
		i = j
	}
	return pieces, end < n
}

// structural tells a piece of a glued word that is no known word but
// holds one together: a function or glue word, an irregular verb form
// ("vanno", "sono", "fanno").
func (l *Language) structural(p string) bool {
	if l.class[p]&(cFunction|cGlue) != 0 {
		return true
	}
	if l.morph == nil || len(p) < 4 {
		return false
	}
	for _, f := range l.morph.irregular[p] {
		if f.written == "" && f.r.sure && finite(f.r.Mood) {
			return true
		}
	}
	return false
}

// chatSpelling reads the spelling of chat as the words it stands for: an
// abbreviation of language.chat_words ("nn" → non, "sn" → sono, "x" →
// per), and a "k" for the hard c ("ke" → che, "skifo" → schifo, "kazzo" →
// cazzo) where the word so spelt is a function word or a lexicon word or
// form; "kebab" and "ok" stay; and an n before b or p for the m Italian
// writes there ("rinbambiti" → rimbambiti, "canpo" → campo) where the
// word so spelt is known. The word as written stays among the keys.
func (l *Language) chatSpelling(toks []Token, sc *scratch) {
	for i := range toks {
		t := &toks[i]
		w, ok := l.chat[t.Norm]
		if !ok {
			if !letters(t.Norm) || l.class[t.Norm] != 0 {
				continue
			}
			switch {
			case strings.Contains(t.Norm, "k"):
				w = hardC(t.Norm)
			case strings.Contains(t.Norm, "nb") || strings.Contains(t.Norm, "np"):
				w = strings.NewReplacer("nb", "mb", "np", "mp").Replace(t.Norm)
			default:
				continue
			}
			if l.class[w]&cFunction == 0 && !l.knownPart(w, sc) && !l.known.terms[w] {
				continue
			}
		}
		readAs(t, w)
	}
}

// readAs makes w the word t is read as: its Norm and first key, the keys
// it had (what was written among them) after it.
func readAs(t *Token, w string) {
	keys := append(make([]string, 0, len(t.Keys)+1), w)
	for _, k := range t.Keys {
		if k != w {
			keys = append(keys, k)
		}
	}
	t.Norm, t.Keys = w, keys
}

// hardC writes a chat "k" as Italian writes the sound: "ch" before e and
// i, "c" elsewhere.
func hardC(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if w[i] != 'k' {
			b.WriteByte(w[i])
			continue
		}
		if i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i') {
			b.WriteString("ch")
		} else {
			b.WriteByte('c')
		}
	}
	return b.String()
}
