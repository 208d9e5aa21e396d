package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The grammar facts of a text, given a Language: lemmas, verb readings and
// clitics per word (morphology.go), clauses with negation, questions and
// reported-speech frames (clauses.go), and words glued together or one
// letter away from a lexicon word (obfuscation.go).

// Clause is a span of a sentence that holds one predicate, or what the
// splitter takes for one (see clauses.go).
type Clause struct {
	Start, End int // code point offsets into the NFC text
	Sentence   int // index into Facts.Sentences
}

// wordInfo is what the grammar pass knows of one token beyond Token.
type wordInfo struct {
	readings []reading
	// seq: the token is a word of the text in sequence (not a hashtag's
	// part or a joined spelled-out word, which overlap the words they
	// come from).
	seq bool
	// accented: written with an accent or followed by an apostrophe that
	// stands for one ("lì", "e'"): not a clitic, conjunction or article.
	accented bool
	cls      wordClass
	// entry: the analysis of the word alone, from the cache; changed: the
	// context changed its readings, or there is no entry, so its analyses
	// and lemmas are made here.
	entry   *wordEntry
	changed bool
	// opening: the word opens a sentence (a capital there is no name).
	opening bool
}

// grammar computes the grammar facts of toks, the tokens of rs, whose
// sentences are given, and returns the tokens (glued words split) and the
// clauses.
func (l *Language) grammar(rs []rune, toks []Token, sentences [][2]int) ([]Token, []Clause) {
	sc := newScratch()
	l.chatSpelling(toks, sc)
	l.restoreVowels(toks)
	l.respellAuxiliaries(rs, toks, sc)
	l.unflood(toks, sc)
	l.trimSpelledArticle(toks, sc)
	sortSpelled(toks)
	toks = l.unglue(toks, sc)
	info := make([]wordInfo, len(toks))
	lastEnd := -1
	for i := range toks {
		t := &toks[i]
		w := &info[i]
		w.seq = t.Start >= lastEnd
		if w.seq {
			lastEnd = t.End
		}
		// Only short words change with an accent (e/è, ne/né, li/lì, da/dà).
		w.accented = len(t.Norm) <= 2 && hasAccent(t.Text) || accentApostrophe(rs, *t)
		w.cls = l.class[t.Norm]
		if emojiToken(*t) {
			// An emoji stands for a noun (🐒: scimmia), never a verb form
			// but an act right after a pronoun (actAfterPronoun).
			w.changed = true
			continue
		}
		if w.entry = l.entryOf(t, rs, w.cls); w.entry != nil {
			w.readings = w.entry.readings
			t.Clitics = w.entry.clitics
		} else {
			l.analyse(t, w, rs, sc)
			w.changed = true // analyses and lemmas are made below
		}
	}
	seqPrev := make([]int, len(toks))
	prev := -1
	for i := range toks {
		seqPrev[i] = -1
		if info[i].seq {
			seqPrev[i] = prev
			prev = i
		}
	}
	for i := range toks {
		if p := seqPrev[i]; p >= 0 && toks[i].Clitics != nil {
			det := info[p].cls&cDeterminer != 0 && !info[p].accented
			// Inside a clause a participle is likelier than an imperative
			// with a pronoun ("sono parassiti", "li hanno bruciati");
			// "Ammazzati!" opening a clause stays an imperative.
			inside := adjacent(rs, toks[p], toks[i]) && info[p].cls&cClitic == 0
			if det || inside || l.auxiliary(info[p]) {
				dropClitic(&toks[i], &info[i], det)
			}
		}
	}
	acts := l.actsAfterPronoun(rs, toks, info, seqPrev)
	l.proclitics(rs, toks, info, seqPrev)
	sentence := -1
	careless := false // a word read otherwise than written (shortSlip)
	for i := range toks {
		careless = careless || l.readOtherwise(&toks[i])
	}
	for i := range toks {
		t, w := &toks[i], &info[i]
		// A capital opening a sentence is no sign of a name, unless the
		// word is a first name: "Afirca" there is corrected as "afirca".
		opening := false
		if w.seq {
			s := sentenceAt(sentences, t.Start)
			opening = s != sentence && !l.personal().firstNames[t.Norm]
			sentence = s
		}
		var f *fix
		switch {
		case !w.changed:
			t.Analyses, t.Lemmas = w.entry.analyses, w.entry.lemmas
			f = w.entry.fix
		default:
			l.finish(t, w, sc)
			f = l.correct(t, w, sc)
		}
		careless = careless || f.applies(t, opening)
		f.apply(t, opening)
		w.opening = opening
		if len(t.Clitics) > 0 {
			l.correctAfterClitic(t, w).apply(t, opening)
		}
		if acts != nil && acts[i] != "" {
			r := w.readings[0]
			t.Lemmas, t.Analyses = []string{r.Lemma}, []Analysis{r.analysis()}
		}
	}
	// Short words once the whole comment is read: whether it is written
	// carelessly depends on every word.
	for i := range toks {
		if n := len(toks[i].Norm); n >= minShortSlip && n < minMisspelt {
			l.shortSlip(&toks[i], &info[i], careless).apply(&toks[i], info[i].opening)
		}
	}
	clauses := l.clauses(rs, toks, info, sentences)
	return toks, clauses
}

// sortSpelled puts a word joined from letters spelled out before its
// letters ("a m m a z z o": ammazzo, a, m, ...): the word is then in
// sequence, where clitics, clauses and phrases find it, and its letters
// are outside it. Tokenize adds such words after all the others.
func sortSpelled(toks []Token) {
	for i := 1; i < len(toks); i++ {
		if toks[i].Start < toks[i-1].Start {
			slices.SortStableFunc(toks, func(a, b Token) int {
				if a.Start != b.Start {
					return a.Start - b.Start
				}
				return b.End - a.End
			})
			return
		}
	}
}

// actsAfterPronoun reads an emoji of language.emoji_acts right after a
// pronoun of language.emoji_act_objects as the act it shows, a violent
// verb in the first person ("ti 🔪": ti accoltello; "vi 🔫": vi sparo):
// the pronoun is its target, as in "ti ammazzo". Anywhere else the emoji
// is no word ("🔥🔥 che concerto", "pizza 🔪🍕"). It returns the lemma
// given to each token ("": none), nil when none.
func (l *Language) actsAfterPronoun(rs []rune, toks []Token, info []wordInfo, seqPrev []int) []string {
	var acts []string
	for i := range toks {
		p := seqPrev[i]
		if p < 0 || !info[i].seq || !l.actObjects[toks[p].Norm] || info[p].accented || !adjacent(rs, toks[p], toks[i]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(toks[i].Text)
		lemma, ok := l.emojiActs[r]
		if !ok {
			continue
		}
		if acts == nil {
			acts = make([]string, len(toks))
		}
		acts[i] = lemma
		info[i].readings = []reading{{Lemma: lemma, Mood: mIndicative, Tense: tenseOf("present"), Person: 1, sure: true, firstSingular: true}}
	}
	return acts
}

// emojiToken tells a token read from an emoji (language.emoji_words).
func emojiToken(t Token) bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return emojiRune(r)
}

// accentApostrophe tells an apostrophe written for an accent ("e' vero",
// "perche'"): after a vowel and before a space or the end, where an
// elision ("l'uomo") has a letter.
func accentApostrophe(rs []rune, t Token) bool {
	if t.End >= len(rs) || !isApostrophe(rs[t.End]) || t.Norm == "" {
		return false
	}
	switch t.Norm[len(t.Norm)-1] {
	case 'a', 'e', 'i', 'o', 'u':
	default:
		return false
	}
	return t.End+1 >= len(rs) || !letterLike(rs[t.End+1])
}

// lowerASCII lower-cases s; other letters are compared by Fold.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			b := []rune(s)
			for j, r := range b {
				b[j] = unicode.ToLower(r)
			}
			return string(b)
		}
	}
	return s
}

// hasAccent tells a letter with a diacritic (è, à, ì).
func hasAccent(s string) bool {
	for _, r := range s {
		if r >= 0xC0 && r < 0x250 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// letters tells a word of ASCII letters only: what the lemmatiser reads.
func letters(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// analyse gives a token its verb readings and enclitics.
func (l *Language) analyse(t *Token, w *wordInfo, rs []rune, sc *scratch) {
	word := t.Norm
	m := l.morph
	if m == nil || !letters(word) {
		return
	}
	start := len(sc.readings)
	defer func() {
		// The token's readings are its part of the arena.
		w.readings = sc.readings[start:len(sc.readings):len(sc.readings)]
	}()
	// Function words and clitics are read only as the irregular verb forms
	// they may be ("sono", "ha").
	function := w.cls&(cFunction|cClitic) != 0
	sc.readings = m.verbReadings(sc.readings, word, t.Text, accentApostrophe(rs, *t), function, sc)
	if function || len(word) < 4 {
		return
	}
	n := len(sc.readings) - start
	var clitics []string
	sc.readings, clitics = m.encliticReadings(sc.readings, word, sc)
	w.readings = sc.readings[start:]
	if clitics == nil {
		return
	}
	if n > 0 && l.weakClitic(w.readings[n:], clitics) {
		// "arrivi", "capiti", "meriti" are arrivare, capitare, meritare,
		// not "arri-vi", "capi-ti", "meri-ti".
		sc.readings = sc.readings[:start+n]
		w.readings = sc.readings[start:]
		return
	}
	t.Clitics = clitics
	// A word that reads as a verb with an enclitic ("sgozzarli") is not
	// also a regular form with a one-letter ending ("sgozzarl-i").
	kept := w.readings[:0]
	for i, r := range w.readings {
		if i >= n || r.sure || r.Mood == mParticiple {
			kept = append(kept, r)
		}
	}
	sc.readings = sc.readings[:start+len(kept)]
}

// plainEnding tells an enclitic (one of language.clitics) that reads as
// the "-i" of a plain form after the consonant of the stem ("arriv-i",
// "capit-i"): a pronoun of a consonant and "i" ("mi", "ti", "li"...).
func plainEnding(clitic string) bool { return len(clitic) == 2 && clitic[1] == 'i' }

// weakClitic tells enclitic readings that a plain form of the word
// outweighs: the word ends in a pronoun "-mi", "-ti", "-ci", "-vi",
// "-si" or "-li", which is also the "-i" of the second person or the
// subjunctive of an -are verb ("arrivi", "capiti", "meriti", "abiti"),
// and the pronoun is cut only from a regular singular imperative in "-i"
// ("arri", "capi") of a verb the lexicon does not name. A verb the lexicon
// names keeps the enclitic ("uccidili", "prendili" a sprangate), and so
// do the infinitive, the gerund and the other imperatives, which no plain
// form ends like ("ammazzarli", "fateli", "ammazzali").
func (l *Language) weakClitic(rs []reading, clitics []string) bool {
	if l.known == nil || len(rs) == 0 || len(clitics) != 1 || !plainEnding(clitics[0]) {
		return false
	}
	for _, r := range rs {
		if r.sure || r.Mood != mImperative || r.Plural || r.Person != 2 || l.known.verbs[r.Lemma] ||
			!strings.HasSuffix(r.Lemma, "ere") && !strings.HasSuffix(r.Lemma, "ire") {
			return false
		}
	}
	return true
}

// dropClitic removes the readings of a word with an enclitic: after a
// determiner the word is a noun ("gli immigrati", "i falli"), after an
// auxiliary a participle ("sono stati picchiati"), not an imperative and
// a pronoun.
func dropClitic(t *Token, w *wordInfo, determiner bool) {
	hasParticiple := false
	for _, r := range w.readings {
		hasParticiple = hasParticiple || r.Mood == mParticiple && !r.clitic
	}
	if !hasParticiple && !determiner {
		return
	}
	// The readings may be a cache's: filter into a slice of their own.
	var kept []reading
	for _, r := range w.readings {
		if !r.clitic {
			kept = append(kept, r)
		}
	}
	w.readings, w.changed = kept, true
	t.Clitics = nil
}

// finish gives a token its analyses and lemmas from its readings: the word
// itself, its verb lemmas, and its noun and adjective lemmas unless it is
// plainly a verb with a clitic ("ammazzarli", "picchiandoli").
func (l *Language) finish(t *Token, w *wordInfo, sc *scratch) {
	word := t.Norm
	if !letters(word) {
		return
	}
	ls := len(sc.lemmas)
	sc.lemmas = append(sc.lemmas, word)
	verbal := false
	if len(w.readings) > 0 {
		as := len(sc.analyses)
		for k, r := range w.readings {
			if !slices.ContainsFunc(w.readings[:k], func(q reading) bool { return sameAnalysis(q, r) }) {
				sc.analyses = append(sc.analyses, r.analysis())
			}
			if !slices.Contains(sc.lemmas[ls:], r.Lemma) {
				sc.lemmas = append(sc.lemmas, r.Lemma)
			}
			verbal = verbal || r.clitic && (r.Mood == mInfinitive || r.Mood == mGerund)
		}
		t.Analyses = sc.analyses[as:len(sc.analyses):len(sc.analyses)]
	}
	if l.morph != nil && !verbal && w.cls&(cFunction|cClitic) == 0 {
		n := len(sc.lemmas)
		sc.lemmas = l.morph.nounLemmas(sc.lemmas, word, sc)
		kept := sc.lemmas[:n]
		for _, lemma := range sc.lemmas[n:] {
			if !slices.Contains(kept[ls:], lemma) {
				kept = append(kept, lemma)
			}
		}
		sc.lemmas = kept
	}
	t.Lemmas = sc.lemmas[ls:len(sc.lemmas):len(sc.lemmas)]
}

// proclitics gives a verb the clitic pronouns that stand right before it
// ("li faccio", "te la faccio pagare", "l'ammazzo"). A pronoun that is
// also an article (lo, la, le, gli, l') counts only before a word that is
// surely a verb, an infinitive or, for la, le and gli, a first person
// present ("le ammazzo", "la pagherai", "non lo ammazzare"; not "la testa",
// "gli spari", "l'ufficio").
func (l *Language) proclitics(rs []rune, toks []Token, info []wordInfo, seqPrev []int) {
	for i := range toks {
		if !info[i].seq || len(info[i].readings) == 0 {
			continue
		}
		verb, sure, firstSingular := false, false, false
		for _, r := range info[i].readings {
			if r.clitic || r.Mood == mParticiple {
				continue
			}
			verb = true
			sure = sure || r.sure || r.infinitive
			firstSingular = firstSingular || r.firstSingular
		}
		if !verb {
			continue
		}
		var before []string
		for k := seqPrev[i]; k >= 0 && len(before) < 3; k = seqPrev[k] {
			c := toks[k].Norm
			if info[k].cls&cClitic == 0 || info[k].accented || !adjacent(rs, toks[k], toks[nextSeq(seqPrev, k, i)]) {
				break
			}
			if info[k].cls&cDeterminer != 0 && !sure && (!firstSingular || l.mascArticles[c]) {
				break
			}
			before = append(before, c)
		}
		if len(before) == 0 {
			continue
		}
		slices.Reverse(before)
		var cs []string
		for _, c := range before {
			cs = append(cs, l.cliticParts(c)...)
		}
		toks[i].Clitics = append(cs, toks[i].Clitics...)
	}
}

// nextSeq is the word in sequence after k, on the way back from i.
func nextSeq(seqPrev []int, k, i int) int {
	for j := i; j >= 0; j = seqPrev[j] {
		if seqPrev[j] == k {
			return j
		}
	}
	return i
}

// adjacent tells two words with only spaces or an apostrophe between them.
func adjacent(rs []rune, a, b Token) bool {
	if b.Start < a.End || b.Start-a.End > 3 {
		return false
	}
	for _, r := range rs[a.End:b.Start] {
		if r != ' ' && !isApostrophe(r) {
			return false
		}
	}
	return true
}

// auxiliary tells a form of a verb a participle follows (essere, avere...).
func (l *Language) auxiliary(w wordInfo) bool {
	for _, r := range w.readings {
		if !r.clitic && l.auxiliaries[r.Lemma] {
			return true
		}
	}
	return false
}

// cliticParts splits a combined clitic standing before a verb ("glielo
// dico": gli, lo) as the enclitics are split.
func (l *Language) cliticParts(c string) []string {
	if full, ok := l.elided[c]; ok {
		return []string{full}
	}
	if l.morph != nil {
		if parts, ok := l.morph.enclitics[c]; ok {
			return parts
		}
	}
	return []string{c}
}
