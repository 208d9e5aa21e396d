package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words as written, for the personal-data detectors that read words
// (addresses.go, names.go). Tokenize (normalise.go) is the package's
// splitter of words for the lexicon: it undoes disguises, so it reads
// "c4zz0" as letters and "s t r o n z o" as one word, splits "D'Amico" at
// the apostrophe and counts code points. An address or a name is plain
// text: its house number must stay digits, its capitals and apostrophes
// matter, and the detectors compare bytes. textWords gives them that in
// one pass, with the sentence each word opens from Sentences' splitter.

// textWord is a run of letters and digits (with apostrophes and hyphens inside,
// as in "D'Amico" and "dell'Orto"), for the detectors that read words.
type textWord struct {
	start, end int    // bytes
	text       string // as written
	fold       string // lower case
	first      bool   // the first word of its sentence
	cap        bool   // starts with an upper-case letter
	upper      bool   // every letter is upper case
	letters    bool   // letters only (with inner apostrophes and hyphens)
	digits     bool   // digits only
}

// textWords splits text into words; pd's abbreviations tell where a
// sentence starts.
func textWords(text string, pd *personalWords) []textWord {
	out := make([]textWord, 0, len(text)/6+1)
	bounds := sentenceBounds(text, pd.abbreviations)
	sent := 0
	sentFirst := true
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		if !wordChar(r) {
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if wordChar(r2) {
				j += w2
				continue
			}
			if r2 == '\'' || r2 == '’' || r2 == '-' {
				if r3, _ := utf8.DecodeRuneInString(text[j+w2:]); j+w2 < len(text) && unicode.IsLetter(r3) {
					j += w2
					continue
				}
			}
			break
		}
		for sent < len(bounds) && bounds[sent][1] <= i {
			sent++
			sentFirst = true
		}
		out = append(out, makeWord(text[i:j], i, j, sentFirst))
		sentFirst = false
		i = j
	}
	return out
}

// wordChar is a letter, a digit or a combining mark. Disguised words
// ("c4zz0") are the tokenizer's business; names and streets are plain.
func wordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func makeWord(s string, start, end int, first bool) textWord {
	w := textWord{start: start, end: end, text: s, fold: strings.ToLower(s), first: first, upper: true, letters: true, digits: true}
	for k, r := range s {
		switch {
		case unicode.IsLetter(r):
			w.digits = false
			if k == 0 {
				w.cap = unicode.IsUpper(r)
			}
			if unicode.IsLower(r) {
				w.upper = false
			}
		case r >= '0' && r <= '9':
			w.letters = false
		case r == '\'' || r == '’' || r == '-':
			w.digits = false
		default:
			w.letters, w.digits = false, false
		}
	}
	return w
}

// between is the text between two words.
func between(text string, a, b textWord) string { return text[a.end:b.start] }

func onlySpaces(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !blank(s[i]) {
			return false
		}
	}
	return true
}

// glued tells whether a letter or digit follows byte i.
func glued(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if text[i] < utf8.RuneSelf {
		return asciiAlnum(text[i])
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return wordChar(r)
}

func gluedBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	if text[i-1] < utf8.RuneSelf {
		return asciiAlnum(text[i-1])
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return wordChar(r)
}

func asciiAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func blank(c byte) bool { return c == ' ' || c == '\t' }

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
