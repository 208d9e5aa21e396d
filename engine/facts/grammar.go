package facts

import (
	"slices"
	"unicode"
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
}

// grammar computes the grammar facts of toks, the tokens of rs, whose
// sentences are given, and returns the tokens (glued words split) and the
// clauses.
func (l *Language) grammar(rs []rune, toks []Token, sentences [][2]int) ([]Token, []Clause) {
	toks = l.unglue(toks)
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
		l.analyse(t, w, rs)
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
			det := l.determiners[toks[p].Norm] && !info[p].accented
			// Inside a clause a participle is likelier than an imperative
			// with a pronoun ("sono parassiti", "li hanno bruciati");
			// "Ammazzati!" opening a clause stays an imperative.
			inside := adjacent(rs, toks[p], toks[i]) && !l.clitics[toks[p].Norm]
			if det || inside || l.auxiliary(info[p]) {
				dropClitic(&toks[i], &info[i], det)
			}
		}
	}
	l.proclitics(rs, toks, info, seqPrev)
	for i := range toks {
		l.finish(&toks[i], &info[i])
		l.correct(&toks[i], &info[i])
	}
	clauses := l.clauses(rs, toks, info, sentences)
	return toks, clauses
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
func (l *Language) analyse(t *Token, w *wordInfo, rs []rune) {
	word := t.Norm
	m := l.morph
	if m == nil || !letters(word) {
		return
	}
	// Function words and clitics are read only as the irregular verb forms
	// they may be ("sono", "ha").
	function := l.function[word] || l.clitics[word]
	text := lowerASCII(t.Text)
	w.readings = m.verbReadings(w.readings, word, text, accentApostrophe(rs, *t), function)
	if function || len(word) < 4 {
		return
	}
	n := len(w.readings)
	var clitics []string
	w.readings, clitics = m.encliticReadings(w.readings, word)
	if clitics == nil {
		return
	}
	t.Clitics = clitics
	// A word that reads as a verb with an enclitic ("sgozzarli") is not
	// also a regular form with a one-letter ending ("sgozzarl-i").
	kept := w.readings[:0]
	for i, r := range w.readings {
		if i >= n || r.sure || r.Mood == moodParticiple {
			kept = append(kept, r)
		}
	}
	w.readings = kept
}

// dropClitic removes the readings of a word with an enclitic: after a
// determiner the word is a noun ("gli immigrati", "i falli"), after an
// auxiliary a participle ("sono stati picchiati"), not an imperative and
// a pronoun.
func dropClitic(t *Token, w *wordInfo, determiner bool) {
	hasParticiple := false
	for _, r := range w.readings {
		hasParticiple = hasParticiple || r.Mood == moodParticiple && !r.clitic
	}
	if !hasParticiple && !determiner {
		return
	}
	kept := w.readings[:0]
	for _, r := range w.readings {
		if !r.clitic {
			kept = append(kept, r)
		}
	}
	w.readings = kept
	t.Clitics = nil
}

// finish gives a token its analyses and lemmas from its readings: the word
// itself, its verb lemmas, and its noun and adjective lemmas unless it is
// plainly a verb with a clitic ("ammazzarli", "picchiandoli").
func (l *Language) finish(t *Token, w *wordInfo) {
	word := t.Norm
	if !letters(word) {
		return
	}
	lemmas := make([]string, 1, 4+len(w.readings))
	lemmas[0] = word
	verbal := false
	if len(w.readings) > 0 {
		t.Analyses = make([]Analysis, 0, len(w.readings))
		for _, r := range w.readings {
			if !slices.Contains(t.Analyses, r.Analysis) {
				t.Analyses = append(t.Analyses, r.Analysis)
			}
			lemmas = append(lemmas, r.Lemma)
			verbal = verbal || r.clitic && (r.Mood == moodInfinitive || r.Mood == moodGerund)
		}
	}
	if l.morph != nil && !verbal && !l.function[word] && !l.clitics[word] {
		lemmas = l.morph.nounLemmas(lemmas, word)
	}
	t.Lemmas = dedupe(lemmas)
}

// dedupe removes repeated strings, keeping the first of each.
func dedupe(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if !slices.Contains(ss[:i], s) {
			out = append(out, s)
		}
	}
	return out
}

// proclitics gives a verb the clitic pronouns that stand right before it
// ("li faccio", "te la faccio pagare", "l'ammazzo"). A pronoun that is
// also an article (lo, la, le, gli, l') counts only before a word that is
// surely a verb, a first person present or an infinitive ("le ammazzo",
// "la pagherai", "non lo ammazzare"; not "la testa", "gli spari").
func (l *Language) proclitics(rs []rune, toks []Token, info []wordInfo, seqPrev []int) {
	for i := range toks {
		if !info[i].seq || len(info[i].readings) == 0 {
			continue
		}
		verb, sure := false, false
		for _, r := range info[i].readings {
			if r.clitic || r.Mood == moodParticiple {
				continue
			}
			verb = true
			sure = sure || r.sure || r.firstSingular || r.infinitive
		}
		if !verb {
			continue
		}
		var before []string
		for k := seqPrev[i]; k >= 0 && len(before) < 3; k = seqPrev[k] {
			c := toks[k].Norm
			if !l.clitics[c] || info[k].accented || !adjacent(rs, toks[k], toks[nextSeq(seqPrev, k, i)]) {
				break
			}
			if l.determiners[c] && !sure {
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
	if l.morph != nil {
		if parts, ok := l.morph.enclitics[c]; ok {
			return parts
		}
	}
	return []string{c}
}
