package facts

import "unicode"

// Clauses, negation, questions and reported-speech frames.
//
// A sentence (Sentences) is split into clauses before a word where:
//   - a ';' or ':' stands before it;
//   - a comma stands before it and it is a conjunction, an adversative, a
//     subordinator, a question word, or a verb that is surely finite (or
//     the clitics of one: ", li ammazzo");
//   - it is an adversative ("ma", "però"), comma or not: "non sono
//     razzista ma ..." must not carry the negation over;
//   - it is a subordinator other than "che" ("perché", "quando", "anche
//     se"), and not the pronoun "se" after a negator ("non se ne
//     vanno"). "che" stays with the verb it completes, so that a frame
//     and its predicate share a clause ("spero che crepino", "giuro che
//     li faccio sparire", "non è vero che i musulmani sono violenti");
//   - it is a conjunction ("e", "o") before a surely finite verb or its
//     clitics ("li ammazzo e li brucio"), not before an infinitive ("ho
//     deciso di andare ... e spaccargli la testa" is one clause);
//   - it is a surely finite verb after another one in the clause, with no
//     subordinator between them and not right after an auxiliary ("è
//     strano"): "chi scrive che gli stranieri sono tutti ladri | dovrebbe
//     vergognarsi", "i rom che rubano | vanno cacciati".
//
// A verb is surely finite when it is an irregular form or has a finite
// ending of morphology.sure_endings, and the word before it is not a
// determiner or a preposition.
//
// Negation: a negator ("non", "mai", "nessuno", "nessun", "né"; a verb
// negator such as Tuscan "un" only right before a clitic or a surely
// finite verb) negates the words after it to the end of its clause, or to
// a negation breaker ("non sono altro che ...", "nessuna pietà per ...");
// "non solo" negates nothing, nor does the expletive "non" of "finché
// non", "fino a quando non" ("finché non se ne vanno"). A negation frame
// ("non è vero che", "è falso che") negates the words after it to the end
// of the clause of the word that follows it. A plural imperative with its
// clitics after a comma, a conjunction or another verb of the scope is a
// new verb group the negation does not reach ("non capiscono niente,
// rimandatele").
//
// Questions: a sentence that ends with '?' makes a question of its words
// after its last comma, semicolon or colon ("li ammazzo, capito?" asks
// only "capito"; "perché non li cacciate?" is asked whole).
//
// Reported-speech frames (language.reported_frames) mark the words after
// them reported: to the end of the sentence, to the next punctuation mark,
// or, for a subject clause ("chi scrive che ..."), to the main verb.

// clauseScan holds what the clause pass reads of each word in sequence.
type clauseScan struct {
	l    *Language
	rs   []rune
	toks []Token
	info []wordInfo
	seq  []int  // the tokens in sequence
	fin  []bool // by position in seq: a surely finite verb
	sent []int  // by position in seq: the sentence
}

func (l *Language) clauses(rs []rune, toks []Token, info []wordInfo, sentences [][2]int) []Clause {
	sc := &clauseScan{l: l, rs: rs, toks: toks, info: info, seq: make([]int, 0, len(toks))}
	for i := range toks {
		if info[i].seq {
			sc.seq = append(sc.seq, i)
		}
	}
	n := len(sc.seq)
	sc.fin = make([]bool, n)
	sc.sent = make([]int, n)
	for p, i := range sc.seq {
		sc.sent[p] = sentenceAt(sentences, toks[i].Start)
		sc.fin[p] = sc.finiteAt(p)
	}
	out := sc.split(sentences)
	for i := range toks {
		toks[i].Clause = clauseAt(out, toks[i].Start)
	}
	sc.negation(out)
	sc.questions(sentences)
	sc.frames(sentences)
	return out
}

// finiteAt tells a surely finite verb at position p.
func (sc *clauseScan) finiteAt(p int) bool {
	i := sc.seq[p]
	if p > 0 {
		if sc.cls(p-1)&(cDeterminer|cPrep) != 0 {
			return false
		}
	}
	for _, r := range sc.info[i].readings {
		if r.sure && !r.clitic && finite(r.Mood) {
			return true
		}
	}
	return false
}

// verbAhead tells a surely finite verb at p, or clitics and then a
// finite verb, sure or not ("e li brucio").
func (sc *clauseScan) verbAhead(p int) bool {
	for k := p; k < len(sc.seq) && k <= p+3; k++ {
		if sc.fin[k] || k > p && len(sc.toks[sc.seq[k]].Clitics) > 0 && sc.anyFinite(k) {
			return true
		}
		if sc.cls(k)&cClitic == 0 || sc.info[sc.seq[k]].accented {
			return false
		}
	}
	return false
}

// participleChain tells a word that reads as a participle right after the
// participle of a verb that is no auxiliary: "vanno tenuti chiusi",
// "li hanno lasciati chiusi" are one verb group, though "chiusi" is also an
// irregular finite form. After "stato" ("sono stati presi") the clause
// still splits, as it did before this rule.
func (sc *clauseScan) participleChain(p int) bool {
	return p > 0 && sc.readsAs(p, mParticiple) && sc.readsAs(p-1, mParticiple) &&
		!sc.l.auxiliary(sc.info[sc.seq[p-1]])
}

func (sc *clauseScan) readsAs(p int, mood moodCode) bool {
	for _, r := range sc.info[sc.seq[p]].readings {
		if !r.clitic && r.Mood == mood {
			return true
		}
	}
	return false
}

func (sc *clauseScan) anyFinite(p int) bool {
	for _, r := range sc.info[sc.seq[p]].readings {
		if !r.clitic && finite(r.Mood) {
			return true
		}
	}
	return false
}

// verbGroupAt tells a finite form, sure or not, followed by a participle
// or an infinitive: "va denunciato", "è stato", "fa ridere" head a clause
// though "va" and "è" alone may be other words.
func (sc *clauseScan) verbGroupAt(p int) bool {
	if p+1 >= len(sc.seq) || !sc.anyFinite(p) {
		return false
	}
	for _, r := range sc.info[sc.seq[p+1]].readings {
		if !r.clitic && (r.Mood == mParticiple || r.Mood == mInfinitive) {
			return true
		}
	}
	return false
}

func (sc *clauseScan) cls(p int) wordClass {
	if p < 0 || p >= len(sc.seq) {
		return 0
	}
	return sc.info[sc.seq[p]].cls
}

func (sc *clauseScan) word(p int) string {
	if p < 0 || p >= len(sc.seq) {
		return ""
	}
	return sc.toks[sc.seq[p]].Norm
}

// phraseAt tells whether the words from position p are one of phrases
// (by their first word), and returns the position of its last word.
func (sc *clauseScan) phraseAt(p int, phrases map[string][][]string) (int, bool) {
	if sc.cls(p)&cPhrase == 0 {
		return p, false
	}
	for _, ph := range phrases[sc.word(p)] {
		if sc.matches(p, ph) {
			return p + len(ph) - 1, true
		}
	}
	return p, false
}

func (sc *clauseScan) matches(p int, words []string) bool {
	if p+len(words) > len(sc.seq) {
		return false
	}
	for k, w := range words {
		if sc.word(p+k) != w || sc.sent[p+k] != sc.sent[p] {
			return false
		}
	}
	return true
}

// gap classifies the characters between the words at p-1 and p.
func (sc *clauseScan) gap(p int) (comma, stop bool) {
	a, b := sc.toks[sc.seq[p-1]], sc.toks[sc.seq[p]]
	for _, r := range sc.rs[a.End:b.Start] {
		switch r {
		case ',':
			comma = true
		case ';', ':', '(', ')', '—', '–':
			stop = true
		}
	}
	return comma, stop
}

func (sc *clauseScan) split(sentences [][2]int) []Clause {
	l := sc.l
	out := make([]Clause, 0, len(sentences)+4)
	open := func(p int, start int) {
		out = append(out, Clause{Start: start, End: start, Sentence: sc.sent[p]})
	}
	lastFinite, subordSince := -1, false
	for p, i := range sc.seq {
		t := sc.toks[i]
		w := t.Norm
		accented := sc.info[i].accented
		cls := sc.info[i].cls
		if p == 0 || sc.sent[p] != sc.sent[p-1] {
			start := t.Start
			if s := sc.sent[p]; s < len(sentences) && sentences[s][0] <= start {
				start = sentences[s][0]
			}
			open(p, start)
			lastFinite, subordSince = -1, false
		} else {
			comma, stop := sc.gap(p)
			_, subPhrase := sc.phraseAt(p, l.subordPhrases)
			// "se" after a negator is the pronoun ("non se ne vanno", "non
			// se lo merita"), not "if".
			pronoun := cls&cClitic != 0 && sc.cls(p-1)&cNegator != 0
			subord := (cls&cSubord != 0 && w != "che" && !pronoun || subPhrase) && !accented
			conj := cls&cConj != 0 && !accented
			split := stop || cls&cAdvers != 0 || subord ||
				comma && (conj || cls&cQuestion != 0 || w == "che" || sc.verbAhead(p)) ||
				conj && sc.verbAhead(p+1) ||
				sc.fin[p] && lastFinite >= 0 && !subordSince && !(lastFinite == p-1 && l.auxiliary(sc.info[sc.seq[p-1]])) &&
					!sc.participleChain(p)
			if split {
				open(p, t.Start)
				lastFinite, subordSince = -1, false
			}
		}
		c := &out[len(out)-1]
		c.End = max(c.End, t.End)
		if sc.fin[p] {
			lastFinite, subordSince = p, false
		}
		if cls&(cSubord|cQuestion) != 0 {
			subordSince = true
		}
	}
	// The last clause of a sentence reaches its end (the final mark).
	for k := range out {
		if s := out[k].Sentence; (k+1 == len(out) || out[k+1].Sentence != s) && s < len(sentences) {
			out[k].End = max(out[k].End, sentences[s][1])
		}
	}
	if len(out) == 0 {
		out = append(out, Clause{Start: 0, End: len(sc.rs)})
	}
	return out
}

// negation marks the words in the scope of a negator or a negation frame.
func (sc *clauseScan) negation(clauses []Clause) {
	l := sc.l
	negating, verbSince := false, false // verbSince: a finite verb in the scope
	clause := -1
	for p := 0; p < len(sc.seq); p++ {
		i := sc.seq[p]
		t := &sc.toks[i]
		if t.Clause != clause {
			clause, negating = t.Clause, false
		}
		if negating && sc.newVerb(p, verbSince) {
			negating = false
		}
		if negating {
			verbSince = verbSince || sc.anyFinite(p)
			if end, ok := sc.phraseAt(p, l.breakers); ok {
				for k := p; k <= end; k++ {
					sc.toks[sc.seq[k]].Negated = true
				}
				p, negating = end, false
				continue
			}
			t.Negated = true
			continue
		}
		if end, ok := sc.frameAt(p, frameNegation); ok {
			// The frame's own words are negated too: "vero" in "non è vero".
			for k := p; k <= end; k++ {
				sc.toks[sc.seq[k]].Negated = k > p
			}
			if end+1 < len(sc.seq) {
				clause = sc.toks[sc.seq[end+1]].Clause
			}
			p, negating, verbSince = end, true, false
			continue
		}
		// A phrase that negates nothing is passed whole, whether its
		// negator opens it ("non solo") or closes it ("finché non").
		if end, ok := sc.phraseAt(p, l.notNegations); ok {
			p = end
			continue
		}
		if sc.negator(t, i, p) {
			negating, verbSince = true, false
		}
	}
	// Words outside the sequence (a hashtag's parts, a joined spelled-out
	// word) take the mark of the word they start in.
	sc.spread(func(t *Token) *bool { return &t.Negated })
}

// newVerb tells a word that starts a new verb group within a clause, which
// a negation before it does not reach: a plural imperative that carries
// its clitics after a comma, a coordinating word or, with no mark, another
// verb in the scope ("non capiscono niente, rimandatele in cucina"; "non li
// sopporto più buttiamoli fuori"; "... e cacciateli": the conjunction
// itself ends the scope too). The clause split does the same for a surely
// finite verb; "non toccateli" alone stays negated.
func (sc *clauseScan) newVerb(p int, verbSince bool) bool {
	if p == 0 || sc.sent[p] != sc.sent[p-1] {
		return false
	}
	conj := sc.cls(p)&cConj != 0 && !sc.info[sc.seq[p]].accented
	if conj && p+1 < len(sc.seq) && sc.sent[p+1] == sc.sent[p] && sc.imperativeClitic(p+1) {
		return true
	}
	if !sc.imperativeClitic(p) {
		return false
	}
	comma, _ := sc.gap(p)
	return comma || verbSince
}

// imperativeClitic tells a plural imperative with an enclitic, which only
// a verb can be ("rimandatele", "buttiamoli", "fateli"); a singular one may
// be a noun ("canali", "portali", "natale").
func (sc *clauseScan) imperativeClitic(p int) bool {
	for _, r := range sc.info[sc.seq[p]].readings {
		if r.clitic && r.Plural && r.Mood == mImperative {
			return true
		}
	}
	return false
}

func (sc *clauseScan) negator(t *Token, i int, p int) bool {
	if sc.info[i].cls&cNegator != 0 && !sc.info[i].accented {
		return true
	}
	if sc.info[i].cls&cVerbNegator != 0 && p+1 < len(sc.seq) {
		// Before a clitic or a sure finite form, the determiner rule of
		// finiteAt aside: "un sono" is no article and noun.
		next := sc.seq[p+1]
		if sc.cls(p+1)&cClitic != 0 && !sc.info[next].accented {
			return true
		}
		for _, r := range sc.info[next].readings {
			if r.sure && !r.clitic && finite(r.Mood) {
				return true
			}
		}
	}
	written, ok := sc.l.negatorsAc[t.Norm]
	return ok && lowerASCII(t.Text) == written
}

// frameAt matches the longest frame of kind that starts at p.
func (sc *clauseScan) frameAt(p int, kind frameKind) (int, bool) {
	end, _, ok := sc.frameOf(p, kind)
	return end, ok
}

func (sc *clauseScan) frameOf(p int, kind frameKind) (int, frame, bool) {
	if sc.cls(p)&cFrame == 0 {
		return p, frame{}, false
	}
	for _, f := range sc.l.frames[sc.word(p)] {
		if f.kind == kind && sc.matches(p, f.words) {
			return p + len(f.words) - 1, f, true
		}
	}
	return p, frame{}, false
}

// spread copies a mark of the words in sequence to the tokens outside it
// that start inside them.
func (sc *clauseScan) spread(mark func(*Token) *bool) {
	for i := range sc.toks {
		if sc.info[i].seq {
			continue
		}
		at := sc.toks[i].Start
		k := searchStart(sc.toks, sc.seq, at+1) - 1 // the last word that starts at or before it
		if k >= 0 {
			if j := sc.seq[k]; at < sc.toks[j].End {
				*mark(&sc.toks[i]) = *mark(&sc.toks[j])
			}
		}
	}
}

// questions marks the words a question mark closes.
func (sc *clauseScan) questions(sentences [][2]int) {
	for _, span := range sentences {
		if !endsWithQuestion(sc.rs, span) {
			continue
		}
		from := span[0]
		for p := span[1] - 1; p >= span[0]; p-- {
			if r := sc.rs[p]; r == ',' || r == ';' || r == ':' {
				from = p
				break
			}
		}
		lo := searchStart(sc.toks, sc.seq, from)
		for k := lo; k < len(sc.seq); k++ {
			t := &sc.toks[sc.seq[k]]
			if t.Start >= span[1] {
				break
			}
			t.Question = true
		}
	}
	sc.spread(func(t *Token) *bool { return &t.Question })
}

// endsWithQuestion tells a span whose last mark is '?', past closing
// quotes, brackets, exclamation marks and emoji.
func endsWithQuestion(rs []rune, span [2]int) bool {
	for p := min(span[1], len(rs)) - 1; p >= span[0] && p >= 0; p-- {
		r := rs[p]
		switch {
		case r == '?':
			return true
		case unicode.IsSpace(r), r == '!', r == ')', r == '"', r == '»', r == '”', r == '\'', r == '’',
			!unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsPunct(r):
			continue
		}
		return false
	}
	return false
}

// frames marks the words reported by a reported-speech frame.
func (sc *clauseScan) frames(sentences [][2]int) {
	marked := false
	for p := 0; p < len(sc.seq); p++ {
		end, f, ok := sc.frameOf(p, frameReported)
		if !ok || end+1 >= len(sc.seq) || sc.sent[end+1] != sc.sent[end] {
			continue
		}
		from := end + 1
		to := sc.reportedEnd(from, f)
		for k := from; k < to; k++ {
			sc.toks[sc.seq[k]].Reported = true
			marked = true
		}
		if f.scope == scopeSubject {
			// "chi dice che ... | dovrebbe vergognarsi": the main clause is
			// the author's, though "dice" reports to the sentence's end.
			for k := to; k < len(sc.seq) && sc.sent[k] == sc.sent[end]; k++ {
				if sc.l.report[sc.word(k)]&wCue != 0 {
					break
				}
				sc.toks[sc.seq[k]].Reported = false
				marked = true
			}
		}
		p = end
	}
	if marked {
		sc.spread(func(t *Token) *bool { return &t.Reported })
	}
}

// reportedEnd is the position after the last word a frame reports, from
// the position of its first.
func (sc *clauseScan) reportedEnd(from int, f frame) int {
	skip := 0
	if f.scope == scopeSubject && sc.l.subords[f.words[len(f.words)-1]] {
		skip = 1 // the reported clause's own verb: "chi dice che i rom [sono] ladri"
	}
	for p := from; p < len(sc.seq); p++ {
		if sc.sent[p] != sc.sent[from] {
			return p
		}
		if p > from && f.scope != scopeSentence {
			if comma, stop := sc.gap(p); comma || stop {
				return p
			}
		}
		if f.scope == scopeSubject && (sc.fin[p] || sc.verbGroupAt(p)) {
			if skip == 0 {
				return p
			}
			skip--
		}
	}
	return len(sc.seq)
}

// sentenceAt is the index of the sentence that holds offset at, or the
// last one that starts before it.
func sentenceAt(sentences [][2]int, at int) int {
	lo, hi := 0, len(sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if sentences[m][0] <= at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(lo-1, 0)
}

// clauseAt is the index of the clause that holds offset at, or the last
// one that starts before it.
func clauseAt(cs []Clause, at int) int {
	lo, hi := 0, len(cs)
	for lo < hi {
		m := (lo + hi) / 2
		if cs[m].Start <= at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(lo-1, 0)
}
