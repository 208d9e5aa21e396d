package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences returns the [start, end) code point spans of the sentences of
// text, so that a policy can tell facts said together: a sentence ends at
// a line break or at '.', '!', '?' or '…' followed by a space, except after
// an abbreviation or an initial ("il sig. Rossi", "M. Rossi") or when the
// text goes on in lower case after a dot ("ecc. e poi"). The abbreviations
// are lang's (personal_data.dot_abbreviations and the titles); with a nil
// lang only an initial's dot does not end a sentence.
//
// This is the package's one sentence splitter: Extract's sentences (and
// so the clauses the grammar finds in them) and the personal-data
// detectors (textWords) split here. Reported speech (speech.go) still ends
// where its own sentenceStop says, at ';' too and at any dot.
func Sentences(text string, idx *offsets, lang *Language) [][2]int {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
	bounds := sentenceBounds(text, lang.personal().abbreviations)
	out := make([][2]int, len(bounds))
	for i, b := range bounds {
		out[i] = [2]int{idx.rune(b[0]), idx.rune(b[1])}
	}
	return out
}

// sentenceBounds are the sentences in byte offsets, trimmed of spaces;
// a dot after one of abbrevs does not end one.
func sentenceBounds(text string, abbrevs map[string]bool) [][2]int {
	var out [][2]int
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		for end > start {
			r, w := utf8.DecodeLastRuneInString(text[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= w
		}
		out = append(out, [2]int{start, end})
		start = -1
	}
	for i := 0; i < len(text); {
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			flush(i)
			i += w
			continue
		case unicode.IsSpace(r):
			i += w
			continue
		}
		if start < 0 {
			start = i
		}
		if !sentenceMark(r) {
			i += w
			continue
		}
		j, dots := i, true
		for j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if !sentenceMark(r2) {
				break
			}
			dots = dots && (r2 == '.' || r2 == '…')
			j += w2
		}
		for j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune(")]»\"”’'", r2) {
				break
			}
			j += w2
		}
		if r2, _ := utf8.DecodeRuneInString(text[j:]); j == len(text) || unicode.IsSpace(r2) {
			if !dots || sentenceEnds(text, i, j, abbrevs) {
				flush(j)
			}
		}
		i = j
	}
	flush(len(text))
	return out
}

func sentenceMark(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// sentenceEnds tells whether the dots at text[i:j] end a sentence: not
// after an abbreviation or a single letter, nor before a lower-case word.
func sentenceEnds(text string, i, j int, abbrevs map[string]bool) bool {
	if j-i == 1 {
		k := i
		for k > 0 {
			r, w := utf8.DecodeLastRuneInString(text[:k])
			if !unicode.IsLetter(r) {
				break
			}
			k -= w
		}
		before := strings.ToLower(text[k:i])
		if utf8.RuneCountInString(before) == 1 || abbrevs[before] {
			return false
		}
	}
	rest := strings.TrimLeftFunc(text[j:], unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLower(r)
}
