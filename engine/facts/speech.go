package facts

import (
	"slices"
	"strings"
)

// ---------------------------------------------------------------------------
// Quoted and reported speech.

// The classes of the reporting verbs of language.reported
// (policies/lexicon/language.yaml). A word after one of them, in the same
// sentence, is what someone else said: the author reports it.
const (
	// Finite forms and gerunds that introduce speech by themselves.
	wSpeech = 1 << iota
	// Participles that introduce speech after an auxiliary ("mi ha detto").
	wSpeechParticiple
	// Forms that give someone a name ("chiamandolo ladro", "lo chiamavano
	// untore"): they report the few words of the name only.
	wNaming
	wNamingParticiple
	// "dare del ..." gives someone a name: "mi ha dato del ladro", "dandogli del buffone".
	wGivingGerund
	wGivingParticiple
	wEpithetPrep
	// Auxiliaries of the second and third person and of the passive.
	wAux
	// "mi sono sentito dire / dare del ...".
	wHeard
	wSay  // dire
	wGive // dare
	// "lo chiama scemo": the present names someone after an object pronoun
	// (alone, "chiama" is also the imperative: "chiama l'URP").
	wNamingPresent
	wClitic
	// The adverbs of time a relative verb of saying may take before its
	// place ("che scrive sempre sotto i post"), and the adverbs of place it
	// may take instead of an object ("chi scrive qui").
	wRelativeAdverb
	wRelativePlace
	wCue = wSpeech | wSpeechParticiple | wNaming | wNamingParticiple | wGivingGerund | wGivingParticiple |
		wSay | wGive | wNamingPresent
)

// maxNaming is how many words a name given with "chiamandolo" or "dare
// del" can have ("brutto pezzo di merda").
const maxNaming = 5

type cueKind int

const (
	noCue     cueKind = iota
	speechCue         // to the end of the sentence
	namingCue         // the next few words, up to a punctuation mark
)

// markSpeech marks the quoted and reported tokens and returns the
// quotations. Reported speech needs the reporting verbs of lang; with no
// language only quotations are marked.
func markSpeech(rs []rune, toks []Token, meta []tokMeta, lang *Language) []Quote {
	prim := make([]int, 0, len(toks))
	for i := range toks {
		if meta[i].primary {
			prim = append(prim, i)
		}
	}
	var cut map[string]bool
	if lang != nil {
		cut = lang.cutWords
	}
	quotes := findQuotes(rs, cut)
	var sp speechScan
	sp.rs = rs
	if len(quotes) > 0 {
		depth := make([]int32, len(rs)+1)
		sp.openAt = make(map[int]int, len(quotes))
		sp.closeAt = make(map[int]int, len(quotes))
		for i, q := range quotes {
			depth[q.Start+1]++
			depth[q.End-1]--
			sp.openAt[q.Start] = q.End - 1
			sp.closeAt[q.End-1] = q.Start
			// Words inside: primary tokens within the marks.
			lo := searchStart(toks, prim, q.Start)
			hi := searchStart(toks, prim, q.End-1)
			quotes[i].Words = hi - lo
		}
		for i := 1; i < len(depth); i++ {
			depth[i] += depth[i-1]
		}
		for i := range toks {
			if depth[toks[i].Start] > 0 && depth[toks[i].End-1] > 0 {
				toks[i].Quoted = true
			}
		}
	}
	var ranges [][2]int
	if lang != nil {
		sp.lang = lang
		ranges = sp.reported(toks, prim, lang.report)
	}
	if len(ranges) > 0 {
		for i := range toks {
			if inRanges(ranges, toks[i].Start) {
				toks[i].Reported = true
			}
		}
	}
	return quotes
}

// searchStart is the number of primary tokens that start before at.
func searchStart(toks []Token, prim []int, at int) int {
	lo, hi := 0, len(prim)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[prim[m]].Start < at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func inRanges(ranges [][2]int, at int) bool {
	lo, hi := 0, len(ranges)
	for lo < hi {
		m := (lo + hi) / 2
		if ranges[m][1] <= at {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(ranges) && ranges[lo][0] <= at
}

// findQuotes pairs quotation marks: « with », “ with ” (a ” with no “
// open pairs like a straight quote), straight quotes in turn, and single
// quotes (singleQuote) when the language names the words cut with an
// apostrophe. A mark left open quotes nothing: being quoted may shield a
// word, so only a closed quotation counts.
func findQuotes(rs []rune, cut map[string]bool) []Quote {
	var out []Quote
	var guillemets, curly, single []int
	straight, apostrophe := -1, -1
	for i, r := range rs {
		switch r {
		case '‘':
			single = append(single, i)
		case '’', '\'':
			if cut == nil {
				continue
			}
			if n := len(single); r == '’' && n > 0 {
				out = append(out, Quote{Start: single[n-1], End: i + 1})
				single = single[:n-1]
				continue
			}
			switch singleQuote(rs, i, cut) {
			case opens:
				apostrophe = i
			case closes:
				if apostrophe >= 0 {
					out = append(out, Quote{Start: apostrophe, End: i + 1})
					apostrophe = -1
				}
			}
		case '\n':
			apostrophe = -1 // a single-quoted passage stays on its line
		case '«':
			guillemets = append(guillemets, i)
		case '»':
			if n := len(guillemets); n > 0 {
				out = append(out, Quote{Start: guillemets[n-1], End: i + 1})
				guillemets = guillemets[:n-1]
			}
		case '“':
			curly = append(curly, i)
		case '”', '"':
			if n := len(curly); r == '”' && n > 0 {
				out = append(out, Quote{Start: curly[n-1], End: i + 1})
				curly = curly[:n-1]
			} else if straight < 0 {
				straight = i
			} else {
				out = append(out, Quote{Start: straight, End: i + 1})
				straight = -1
			}
		}
	}
	// In text order of the opening mark.
	slices.SortFunc(out, func(a, b Quote) int { return a.Start - b.Start })
	return out
}

// A straight or right single quote is mostly an apostrophe: elision inside
// a word ("l'ora") or the cut end or start of one ("po'", "fa'", "'sto",
// "'un"). singleQuote tells one that can open a quotation (no letter
// before it, a letter after: "'i rom'") or close one (a letter or a full
// stop before it, no letter after), other than after the words Italian
// writes cut with an apostrophe (language.cut_words: "po'", "fa'", "be'").
type quoteMark int

const (
	apostropheMark quoteMark = iota
	opens
	closes
)

func singleQuote(rs []rune, i int, cut map[string]bool) quoteMark {
	before := i > 0 && alnumLike(rs[i-1])
	after := i+1 < len(rs) && alnumLike(rs[i+1])
	switch {
	case !before && after:
		return opens
	case before && !after:
		j := i
		for j > 0 && letterLike(rs[j-1]) {
			j--
		}
		if cut[Fold(string(rs[j:i]))] {
			return apostropheMark
		}
		return closes
	case i > 0 && strings.ContainsRune(".!?", rs[i-1]) && !after:
		return closes
	}
	return apostropheMark
}

type speechScan struct {
	lang    *Language
	rs      []rune
	openAt  map[int]int // opening mark → its closing mark
	closeAt map[int]int // closing mark → its opening mark
}

// reported returns the spans of reported speech, sorted and disjoint.
func (sp *speechScan) reported(toks []Token, prim []int, report map[string]uint16) [][2]int {
	var out [][2]int
	word := func(k int) string {
		if k < 0 || k >= len(prim) {
			return ""
		}
		return toks[prim[k]].Norm
	}
	speechUntil := 0 // the end of the last sentence reported whole
	for k := range prim {
		kind, last := cue(report, word, k)
		if kind == noCue {
			continue
		}
		from := toks[prim[last]].End
		if kind == speechCue && last == k && sp.relativeOnly(toks, prim, k, word) {
			continue
		}
		if kind == speechCue && from < speechUntil {
			continue // the same sentence is already reported
		}
		var to int
		if kind == speechCue {
			to = sp.sentenceEnd(from)
			speechUntil = to
		} else {
			to = sp.nameEnd(toks, prim, last, from)
		}
		if to <= from {
			continue
		}
		if n := len(out); n > 0 && from <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], to)
			continue
		}
		out = append(out, [2]int{from, to})
	}
	return out
}

// relativeOnly tells a verb of saying that is the verb of a relative
// clause and reports nothing: "la Rossi che scrive sotto ogni post la
// aspetto sotto casa" says where she writes, not what. After a relative
// "che" the verb reports only with what it reports before the sentence
// ends (a "che" complement, a colon, a quotation mark) or an object right
// after it; a place ("sotto ogni post", "sul suo profilo", "qui") or
// nothing after it leaves the rest of the sentence the author's own.
func (sp *speechScan) relativeOnly(toks []Token, prim []int, k int, word func(int) string) bool {
	if word(k-1) != "che" {
		return false
	}
	from := toks[prim[k]].End
	end := sp.sentenceEnd(from)
	for p := from; p < end; p++ {
		if _, quote := sp.openAt[p]; quote || sp.rs[p] == ':' {
			return false
		}
	}
	next := -1
	for j := k + 1; j < len(prim) && toks[prim[j]].Start < end; j++ {
		if word(j) == "che" {
			return false
		}
		if next < 0 {
			next = j
		}
	}
	if next < 0 {
		return true // nothing after it: "quelli che scrivono."
	}
	for p := from; p < toks[prim[next]].Start; p++ {
		if nameStop(sp.rs[p]) {
			return true // "quello che scrive, lo ..."
		}
	}
	for next+1 < len(prim) && toks[prim[next+1]].Start < end && sp.lang.report[word(next)]&wRelativeAdverb != 0 {
		next++ // "che scrive sempre sotto i post"
	}
	w := word(next)
	return w != "di" && sp.lang.class[w]&cPrep != 0 || articulated(w) || sp.lang.report[w]&wRelativePlace != 0
}

// articulated tells a preposition joined to an article ("sul", "nei",
// "agli"); those of "di" ("dei", "delle") are partitive articles too, and
// are left out.
func articulated(w string) bool {
	for _, p := range [...]string{"a", "da", "ne", "su", "co"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			switch rest {
			case "l", "ll", "llo", "lla", "i", "gli", "lle":
				return p != "co" || rest == "l" || rest == "i"
			}
		}
	}
	return false
}

// cue tells whether the primary token k is a reporting verb, and the index
// of its last word ("dato del": the preposition).
func cue(report map[string]uint16, word func(int) string, k int) (cueKind, int) {
	c := report[word(k)]
	if c&wCue == 0 {
		return noCue, k
	}
	is := func(k int, class uint16) bool { return report[word(k)]&class != 0 }
	aux := is(k-1, wAux) || is(k-2, wAux)
	switch {
	case c&wSpeech != 0:
		return speechCue, k
	case c&wNaming != 0:
		return namingCue, k
	case c&wGivingGerund != 0 && is(k+1, wEpithetPrep):
		return namingCue, k + 1
	case c&wSpeechParticiple != 0 && aux:
		return speechCue, k
	case c&wNamingParticiple != 0 && aux:
		return namingCue, k
	case c&wGivingParticiple != 0 && aux && is(k+1, wEpithetPrep):
		return namingCue, k + 1
	case c&wSay != 0 && is(k-1, wHeard):
		return speechCue, k
	case c&wGive != 0 && is(k-1, wHeard) && is(k+1, wEpithetPrep):
		return namingCue, k + 1
	case c&wNamingPresent != 0 && is(k-1, wClitic):
		return namingCue, k
	}
	return noCue, k
}

// sentenceEnd returns where the sentence that holds from ends: at . ! ? …
// ; or a line break outside the quotations that open after from, or at the
// close of a quotation that encloses from.
func (sp *speechScan) sentenceEnd(from int) int {
	rs := sp.rs
	for p := from; p < len(rs); p++ {
		if sp.openAt != nil {
			if c, ok := sp.openAt[p]; ok {
				p = c
				continue
			}
			if o, ok := sp.closeAt[p]; ok && o < from {
				return p
			}
		}
		if sentenceStop(rs, p) {
			return p
		}
	}
	return len(rs)
}

// nameEnd returns the end of the name given after a naming cue: at most
// maxNaming words, up to the first punctuation mark.
func (sp *speechScan) nameEnd(toks []Token, prim []int, last, from int) int {
	end := from
	for k := last + 1; k < len(prim) && k <= last+maxNaming; k++ {
		t := toks[prim[k]]
		for p := end; p < t.Start; p++ {
			if nameStop(sp.rs[p]) || sentenceStop(sp.rs, p) {
				return end
			}
			if sp.closeAt != nil {
				if o, ok := sp.closeAt[p]; ok && o < from {
					return end
				}
			}
		}
		end = t.End
	}
	return end
}

func nameStop(r rune) bool { return r == ',' || r == ':' || r == '(' || r == ')' }

func sentenceStop(rs []rune, p int) bool {
	switch rs[p] {
	case '!', '?', '…', ';', '\n', '\r':
		return true
	case '.':
		// Not the dot of a number (1.500) or of a web address.
		return p+1 >= len(rs) || !alnumLike(rs[p+1])
	}
	return false
}
