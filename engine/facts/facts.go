package facts

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Facts are what Go knows about one text before any policy looks at it.
type Facts struct {
	Text     string // NFC of the original; offsets refer to it
	Tokens   []Token
	Ngrams   []Ngram
	Quotes   []Quote
	Links    []Link
	Hashtags []Tag
	Mentions []Tag
	PII      []PII
	Form     Form
	// ContentWords counts the distinct content stems of the text.
	ContentWords int
	// TopicSimilarity is set only when there is a thread to compare with.
	TopicSimilarity *float64
	// Sentences are the [start, end) spans of the text's sentences.
	Sentences [][2]int
	// Clauses split the sentences (clauses.go); every token's Clause
	// points into them. Empty without a language.
	Clauses []Clause
}

// Extract computes the facts of text, a comment or post, and compares it
// with thread, the text it answers (empty when there is none). lang, the
// ente's language, gives reported speech and the grammar facts (lemmas,
// clitics, clauses, negation, questions, corrected misspellings); with a
// nil lang they are left out. Bytes that are not UTF-8 become U+FFFD before
// anything else, so that every offset counts the code points of Facts.Text.
func Extract(text, thread string, lang *Language) Facts {
	text = norm.NFC.String(validUTF8(text))
	runes := []rune(text)
	idx := newOffsets(text)
	toks, quotes := tokenize(text, runes, true, lang)
	f := Facts{
		Text:     text,
		Quotes:   quotes,
		Links:    Links(text, idx),
		Hashtags: Hashtags(text, idx),
		Mentions: Mentions(text, idx),
		PII:      PersonalData(text, idx, lang),
		Form:     formOf(runes),
	}
	f.Sentences = Sentences(text, idx, lang)
	if lang != nil {
		toks, f.Clauses = lang.grammar(runes, toks, f.Sentences)
	}
	f.Tokens = toks
	f.Ngrams = Ngrams(toks)
	var stop map[string]bool
	if lang != nil {
		stop = lang.stopWords
	}
	stems := contentStems(toks, stop)
	f.ContentWords = len(stems)
	if thread != "" {
		thread = norm.NFC.String(validUTF8(thread))
		threadToks, _ := tokenize(thread, []rune(thread), false, nil)
		s := Similarity(stems, contentStems(threadToks, stop))
		f.TopicSimilarity = &s
	}
	return f
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
