package facts

import (
	"math/bits"
	"slices"
	"strings"
)

// Two slips in one word ("pvracci": poveracci, "zingheri": zingari): a
// misspelling two edits (a letter dropped, added, changed, or two swapped)
// away from a long word people disguise is corrected towards it, when no
// one-slip correction explains it, it keeps the word's first letter, and
// every word that near is a form of the same lemmas. Short words are left
// alone: two slips from a word of six letters or fewer reach too many
// ordinary words; those near the long ones are pinned in
// language.ordinary_words.

const (
	// minTwoSlips is the length of the shortest known word corrected
	// towards from two slips away, and minTwoSlipped that of the shortest
	// misspelling.
	minTwoSlips   = 7
	minTwoSlipped = 5
)

// unItalian tells a word of a shape no Italian word has, so that two
// slips are the likelier reading of it: two consonants that begin no
// Italian word (italianOnset: "dsabili"), two that meet in no
// Italian word ("pvracci", "dsabili": a stop or a fricative before a
// consonant other than l, r or h, beyond the few of learned words), or two
// consonants at its end, the last neither s, t, d, k nor g as in the
// loanwords of chat ("inutl"; not "sport", "stand").
func unItalian(w string) bool {
	n := len(w)
	if n >= 2 && !vowel(w[0]) && !vowel(w[1]) && !italianOnset(w[:2]) {
		return true
	}
	if n >= 2 && !vowel(w[n-1]) && !vowel(w[n-2]) && (cutCoda(w[n-2:]) || !strings.ContainsRune("stdkg", rune(w[n-1]))) {
		return true
	}
	for i := 0; i+1 < n; i++ {
		a, b := w[i], w[i+1]
		if a == b || vowel(a) || vowel(b) || strings.IndexByte("lrnmsh", a) >= 0 || strings.IndexByte("lrhs", b) >= 0 {
			continue
		}
		switch w[i : i+2] {
		case "cq", "gn", "pn", "pt", "ct", "tm", "gm", "cn", "pz", "bn", "dm", "bd", "ft", "tn", "bb", "dv":
			continue
		}
		return true
	}
	return false
}

// slipWord is a long known word with the set of its letters.
type slipWord struct {
	w    string
	mask uint32
}

// slipIndex holds the long fuzzy words and forms by their first letter.
type slipIndex [26][]slipWord

func letterMask(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		if c := w[i] - 'a'; c < 26 {
			m |= 1 << c
		}
	}
	return m
}

// newSlipIndex indexes the words of sets of minTwoSlips letters or more.
func newSlipIndex(sets ...map[string]bool) *slipIndex {
	var x slipIndex
	for _, set := range sets {
		for _, w := range sortedSet(set) {
			if len(w) < minTwoSlips || len(w) > maxNear || !letters(w) || w[0] < 'a' || w[0] > 'z' {
				continue
			}
			b := &x[w[0]-'a']
			if !slices.ContainsFunc(*b, func(s slipWord) bool { return s.w == w }) {
				*b = append(*b, slipWord{w: w, mask: letterMask(w)})
			}
		}
	}
	return &x
}

// twoSlips returns the known word w is two slips from, when there is one
// (forms of the same lemmas count as one: the nearest, then the first).
func (k *knownWords) twoSlips(w string) (string, bool) {
	if k.slips == nil || len(w) < minTwoSlipped || len(w) > maxNear || w[0] < 'a' || w[0] > 'z' || !unItalian(w) {
		return "", false
	}
	mask := letterMask(w)
	// Two answers: any word that near, and a word w drops letters of
	// ("pvracci" of poveracci, not polacci): the commonest two slips.
	var any, dropped slipFind
	for _, c := range k.slips[w[0]-'a'] {
		// Two edits change the length by two at most and the set of
		// letters by four at most: cheap tests before the distance.
		if d := len(c.w) - len(w); d > 2 || d < -2 || bits.OnesCount32(c.mask^mask) > 4 {
			continue
		}
		d := editDistance2(w, c.w)
		if d > 2 {
			continue
		}
		any.take(k, c.w, d)
		if len(c.w) == len(w)+d && subsequence(w, c.w) {
			dropped.take(k, c.w, d)
		}
	}
	for _, f := range []slipFind{any, dropped} {
		if f.word != "" && !f.ambiguous {
			return f.word, true
		}
	}
	return "", false
}

// slipFind is the known word found near a misspelling, ambiguous when
// words of other lemmas are as near.
type slipFind struct {
	word      string
	dist      int
	ambiguous bool
}

func (f *slipFind) take(k *knownWords, w string, d int) {
	if f.word != "" && !slices.Equal(k.slipLemmas(f.word), k.slipLemmas(w)) {
		f.ambiguous = true
	}
	if f.word == "" || d < f.dist || d == f.dist && w < f.word {
		f.word, f.dist = w, d
	}
}

// subsequence tells whether the letters of a stand in b in their order.
func subsequence(a, b string) bool {
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// editDistance2 is the optimal string alignment distance of a and b
// (letters dropped, added, changed, two neighbours swapped), cut at 3.
func editDistance2(a, b string) int {
	const cut = 3
	if len(a) > maxNear || len(b) > maxNear {
		return cut
	}
	var rows [3][maxNear + 2]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low >= cut {
			return cut
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], cut)
}

// slipLemmas are the lemmas a word of the slip index stands for: a fuzzy
// word's or form's, or the word itself (a predicate such as "inutile").
func (k *knownWords) slipLemmas(w string) []string {
	if ls := k.forms[w]; len(ls) > 0 {
		return ls
	}
	return []string{w}
}

// A short word with one letter dropped from a slur or a group's name
// ("frci", "froi": froci; "negr": negri; "rumni": rumeni), or with the
// last letter cut from any form a misspelling is corrected towards
// ("fecci": feccia), is corrected only where the comment shows it is
// written carelessly: another word of it was read as a chat abbreviation,
// a word with its vowel restored, a flood, an auxiliary respelt or a
// misspelling ("i rumni sn tutti ladri", "i froi vanno sterminti"); a
// name also where the word has no Italian shape (unItalian: "negr").
// Short words a letter from a name are too often ordinary words to
// correct them alone ("foci", "nera", "nego"; those of an Italian word
// list are in language.ordinary_words); the grammar still needs a
// predicate in the clause.

// minShortSlip is the length of the shortest such word.
const minShortSlip = 4

// shortSlip is the fix of a word of minShortSlip letters or more, shorter
// than what correct reaches, one dropped letter from a form of a slur or a
// group's name, or its last letter cut from a fuzzy form, when careless
// is true (another word of the comment was read otherwise than written or
// corrected) or, for a name, the word is of no Italian shape. Nil: no
// such word, or words of two lemmas.
func (l *Language) shortSlip(t *Token, w *wordInfo, careless bool) *fix {
	k := l.known
	word := t.Norm
	if k == nil || len(word) < minShortSlip || len(word) >= minMisspelt || !letters(word) ||
		w.cls != 0 || k.known(word) || surelyVerb(w.readings) || !careless && !unItalian(word) {
		return nil
	}
	for _, lemma := range t.Lemmas {
		if k.lemmas[lemma] || l.ordinary[lemma] {
			return nil
		}
	}
	found := ""
	for _, d := range k.dropped[word] {
		// A slur or a group's name, or a word whose last letter is cut
		// as chat cuts it ("fecci": feccia).
		if d[:2] != word[:2] || !k.formSet[d] || !allNamed(k, k.forms[d]) && !(careless && d[:len(word)] == word) {
			continue
		}
		if found != "" && !slices.Equal(k.forms[found], k.forms[d]) {
			return nil // two lemmas explain it
		}
		if found == "" || d < found {
			found = d
		}
	}
	if found == "" {
		return nil
	}
	return &fix{lemmas: k.forms[found]}
}

// allNamed tells lemmas that are all slurs or groups' names.
func allNamed(k *knownWords, lemmas []string) bool {
	for _, lemma := range lemmas {
		if !k.named[lemma] {
			return false
		}
	}
	return len(lemmas) > 0
}

// readOtherwise tells a token read as another word than the one written
// (readAs: a chat abbreviation, a vowel restored, a flood, an auxiliary
// respelt), which keeps what was written among its keys; not digits read
// as letters ("Rai3", "16mila") nor a k read as c ("pakistani"), which
// ordinary writing has too, unless the word is a chat abbreviation ("ke").
func (l *Language) readOtherwise(t *Token) bool {
	if len(t.Keys) < 2 || t.Keys[0] != t.Norm || t.Keys[1] == t.Norm {
		return false
	}
	written := t.Keys[1]
	_, chat := l.chat[written]
	return chat || letters(written) && !strings.Contains(written, "k")
}
