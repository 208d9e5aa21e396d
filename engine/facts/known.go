package facts

import "strings"

// knownWords are the words of the lexicon a misspelt word is corrected
// towards: every single-word key of data.lexicon.terms (a corrected word
// gains it among its keys) and every single-word key of
// data.lexicon.targets and data.lexicon.predicates (it gains it among its
// lemmas).
type knownWords struct {
	terms, lemmas map[string]bool
}

func newKnownWords(lexicon map[string]any, l *Language) *knownWords {
	k := &knownWords{terms: map[string]bool{}, lemmas: map[string]bool{}}
	add := func(dst map[string]bool, key string) {
		m, _ := lexicon[key].(map[string]any)
		for w := range m {
			if w != "" && !strings.Contains(w, " ") {
				dst[w] = true
			}
		}
	}
	add(k.terms, "terms")
	add(k.lemmas, "targets")
	add(k.lemmas, "predicates")
	return k
}
