package facts

import "sync"

// The analysis of a word alone (its readings, enclitics, analyses, lemmas
// and the lexicon word a misspelling stands for) depends on nothing but
// the word and the Language, and most words of comments are the same few
// thousand: a Language keeps the analyses it made, up to maxCachedWords,
// and a text only adds what its context changes (a pronoun before a verb,
// a determiner before a noun). Results are the same with or without the
// cache; a word first met after the cache is full is analysed every time.

// maxCachedWords bounds the cache of one Language (about 1 KB a word).
const maxCachedWords = 1 << 14

// wordEntry is the analysis of one word alone. Its slices are shared by
// every token of the word and never written: they are full (len == cap),
// so that an append copies them.
type wordEntry struct {
	readings []reading
	clitics  []string
	analyses []Analysis
	lemmas   []string
	fix      *fix // what it gains if it is a misspelling
}

type wordCache struct {
	mu sync.RWMutex
	m  map[string]*wordEntry
	// pieces: the words a long word is glued from (an empty slice: it is
	// one word), bounded as m is.
	pieces map[string][]string
}

// getPieces returns the pieces of w and whether they are cached.
func (c *wordCache) getPieces(w string) ([]string, bool) {
	c.mu.RLock()
	p, ok := c.pieces[w]
	c.mu.RUnlock()
	return p, ok
}

func (c *wordCache) putPieces(w string, p []string) {
	c.mu.Lock()
	if c.pieces == nil {
		c.pieces = map[string][]string{}
	}
	if len(c.pieces) < maxCachedWords {
		c.pieces[w] = p
	}
	c.mu.Unlock()
}

func (c *wordCache) get(w string) *wordEntry {
	c.mu.RLock()
	e := c.m[w]
	c.mu.RUnlock()
	return e
}

func (c *wordCache) full() bool {
	c.mu.RLock()
	full := len(c.m) >= maxCachedWords
	c.mu.RUnlock()
	return full
}

func (c *wordCache) put(w string, e *wordEntry) {
	c.mu.Lock()
	if len(c.m) < maxCachedWords {
		c.m[w] = e
	}
	c.mu.Unlock()
}

// entryOf is the analysis of the word of t alone, from the cache; nil when
// the word is not cached: not a word of letters, a word whose reading
// depends on how it is written (an accent: "è", "dà"), a full cache or a
// Language without one.
func (l *Language) entryOf(t *Token, rs []rune, cls wordClass) *wordEntry {
	word := t.Norm
	if l.cache == nil || !letters(word) || l.morph != nil && l.morph.accented[word] {
		return nil
	}
	if e := l.cache.get(word); e != nil {
		return e
	}
	if l.cache.full() {
		return nil
	}
	// What the cache keeps is made of allocations of its own.
	sc := &scratch{exact: true}
	tmp := Token{Text: t.Text, Norm: word, Keys: []string{word}, Start: t.Start, End: t.End}
	w := wordInfo{cls: cls}
	l.analyse(&tmp, &w, rs, sc)
	l.finish(&tmp, &w, sc)
	e := &wordEntry{
		readings: clip(w.readings), clitics: clip(tmp.Clitics),
		analyses: clip(tmp.Analyses), lemmas: clip(tmp.Lemmas), fix: l.correct(&tmp, &w, sc),
	}
	l.cache.put(word, e)
	return e
}

// clip copies s into a slice of its own length (nil when empty).
func clip[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
