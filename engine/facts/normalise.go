package facts

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalisation: the text is split into words, and each word is folded so
// that the disguises people use to slip a word past a filter meet the
// lexicon's key: capitals, accents, look-alike letters from other scripts
// and styled alphabets, leetspeak (c4zz0), letter floods (merdaaaa),
// invisible characters (stro\u200bnzo), masking symbols (m*rda) and words
// spelled out letter by letter (s t r o n z o, m.e.r.d.a). Every token keeps
// the span of the original text it came from, in code points.

// Token is one word of the text.
type Token struct {
	Text  string   // as written, after NFC
	Norm  string   // folded: lower case, no accents, look-alikes and leetspeak mapped, floods cut to two (with a Language, to the known word they stand for: obfuscation.go)
	Keys  []string // lexicon lookup candidates, Norm first
	Start int      // code point offsets into the NFC text
	End   int
	// Quoted: the word is between quotation marks ("...", «...», “...”).
	Quoted bool
	// Reported: the word follows, in the same sentence, a verb by which the
	// author reports what someone else said or called someone ("mi ha
	// detto", "ha scritto", "mi ha dato del", "chiamandolo"), or inside a
	// reported-speech frame ("chi scrive che ...").
	Reported bool

	// The grammar facts, given by a Language (grammar.go).

	// Lemmas: the lemmas the word may come from, the word itself first:
	// verbs by their infinitive, also through clitics ("ammazzarli" →
	// ammazzare), nouns and adjectives by their masculine and feminine
	// singular ("zingare" → zingaro, zingara). A word one letter away
	// from a target or predicate of the lexicon gains it too.
	Lemmas []string
	// Analyses: its readings as a verb form.
	Analyses []Analysis
	// Clitics: the pronouns attached to it ("ammazzarli": li) or standing
	// right before it ("te la faccio": te, la).
	Clitics []string
	// Clause is the index of its clause in Facts.Clauses.
	Clause int
	// Negated: in the scope of a negation of its clause ("non", "mai", a
	// frame such as "non è vero che").
	Negated bool
	// Question: its clause is a question.
	Question bool
}

// Ngram is a run of two or three consecutive tokens, keyed for phrase lookups.
type Ngram struct {
	Key      string
	Start    int
	End      int
	Quoted   bool // every word of the phrase is quoted
	Reported bool // every word of the phrase is reported speech
}

// Quote is a passage between matching quotation marks.
type Quote struct {
	Start int // the opening mark
	End   int // just after the closing mark
	// Words inside: a single word between quotes is mostly irony or
	// emphasis (i "signori" del Comune), not the quotation of a speech.
	Words int
}

// ---------------------------------------------------------------------------
// Folding one character.

// leetOf maps the digits and symbols commonly used in place of letters. It
// is applied only inside words that also hold a letter, so "2026" stays a
// number and "10€" a price.
func leetOf(r rune) (rune, bool) {
	switch r {
	case '4', '@':
		return 'a', true
	case '3', '€':
		return 'e', true
	case '1', '!':
		return 'i', true
	case '0':
		return 'o', true
	case '5', '$':
		return 's', true
	case '7':
		return 't', true
	}
	return r, false
}

// symbolLeet are the leetspeak symbols that stand for a letter only inside
// a word: at its edges they are punctuation, a mention, a price.
func symbolLeet(r rune) bool { return r == '@' || r == '$' || r == '!' || r == '€' }

// isMask tells the symbols that hide a letter inside a word (m*rda, c∗zzo).
func isMask(r rune) bool { return r == '*' || r == '∗' || r == '⁎' || r == '﹡' }

// maskVowels are the letters tried in place of a mask: masking hides a
// vowel far more often than anything else (m*rda, c*zz*, str*nzo).
const maskVowels = "aeiou"

// ignorable runes are dropped inside words: zero-width and other invisible
// format characters, used to split a word so that filters miss it. The list
// follows Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt)
// for the characters that can occur in text.
func ignorable(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x061C, r == 0x115F, r == 0x1160, r == 0x17B4, r == 0x17B5,
		r == 0x3164, r == 0xFEFF, r == 0xFFA0:
		return true
	case r >= 0x180B && r <= 0x180F, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x206F, r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

// isApostrophe covers the apostrophes of elisions (dell'ufficio, dell’ufficio,
// dellʼufficio): they end a word, so that an elided article never glues to
// its noun. Some of them are letters to Unicode (ʼ is a modifier letter).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʽ', 'ʹ', 'ˈ', '`', '´', '′':
		return true
	}
	return false
}

// confusables folds letters of other scripts that look like Latin ones to
// the Latin letter, in lower case. The pairs come from Unicode's
// confusables.txt (UTS #39, www.unicode.org/Public/security/latest/confusables.txt),
// the Cyrillic, Greek, Armenian and Latin-extension lines whose prototype is
// a single Latin letter; where the prototype is ambiguous in lower case
// (Greek Ι and Cyrillic І → "l"), the letter an Italian word means (i).
// Greek κ and τ are not in that file but pass for Latin letters in mixed text.
var confusables = map[rune]rune{
	// Cyrillic
	'А': 'a', 'а': 'a', 'В': 'b', 'Ь': 'b', 'С': 'c', 'с': 'c', 'ԁ': 'd', 'Е': 'e', 'е': 'e', 'ҽ': 'e',
	'Ԍ': 'g', 'Н': 'h', 'һ': 'h', 'І': 'i', 'і': 'i', 'ӏ': 'i', 'Ј': 'j', 'ј': 'j', 'К': 'k', 'Ӏ': 'l',
	'М': 'm', 'О': 'o', 'о': 'o', 'Р': 'p', 'р': 'p', 'ԛ': 'q', 'г': 'r', 'Ѕ': 's', 'ѕ': 's', 'Т': 't',
	'Ѵ': 'v', 'ѵ': 'v', 'Ԝ': 'w', 'ԝ': 'w', 'ѡ': 'w', 'Х': 'x', 'х': 'x', 'У': 'y', 'у': 'y', 'Ү': 'y', 'ү': 'y',
	// Greek
	'Α': 'a', 'α': 'a', 'Β': 'b', 'Ϲ': 'c', 'ϲ': 'c', 'Ε': 'e', 'Ϝ': 'f', 'Η': 'h', 'Ι': 'i', 'ι': 'i',
	'Ϳ': 'j', 'ϳ': 'j', 'Κ': 'k', 'κ': 'k', 'Μ': 'm', 'Ϻ': 'm', 'Ν': 'n', 'Ο': 'o', 'ο': 'o', 'σ': 'o',
	'Ρ': 'p', 'ρ': 'p', 'ϱ': 'p', 'Τ': 't', 'τ': 't', 'υ': 'u', 'ν': 'v', 'Χ': 'x', 'Υ': 'y', 'ϒ': 'y',
	'γ': 'y', 'Ζ': 'z',
	// Armenian
	'ց': 'g', 'հ': 'h', 'ո': 'n', 'ռ': 'n', 'Օ': 'o', 'օ': 'o', 'ք': 'f', 'գ': 'q', 'զ': 'q', 'Տ': 's',
	'Ս': 'u', 'ս': 'u', 'ա': 'w',
	// Latin letters of other alphabets
	'ɑ': 'a', 'ɡ': 'g', 'ı': 'i', 'ɩ': 'i', 'ɪ': 'i', 'ſ': 's', 'ʋ': 'u', 'ʏ': 'y',
}

// compatRanges hold styled forms of letters and digits: fullwidth forms,
// mathematical bold, italic, script, fraktur, double-struck, sans-serif and
// monospace alphanumerics, letterlike symbols (ℎ, ℓ), circled and squared
// letters, superscripts. confusables.txt maps each of them to its plain
// letter (𝐀 → A, Ａ → A), and so does Unicode's compatibility decomposition
// (NFKD), which builds the table below.
var compatRanges = [][2]rune{
	{0x00AA, 0x00AA}, {0x00B2, 0x00B3}, {0x00B9, 0x00BA}, {0x1D2C, 0x1D6A}, {0x2070, 0x209F},
	{0x2100, 0x214F}, {0x2460, 0x24FF}, {0xFB00, 0xFB06}, {0xFF10, 0xFF5A}, {0x1D400, 0x1D7FF},
	{0x1F130, 0x1F149},
}

func inCompat(r rune) bool {
	if r < 0xAA {
		return false
	}
	for _, rg := range compatRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// compatTable is built on first use: only texts that hold a styled letter pay for it.
var compatTable = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	for _, rg := range compatRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			d := norm.NFKD.String(string(r))
			var out []rune
			ok := d != string(r)
			for _, c := range d {
				switch {
				case unicode.Is(unicode.Mn, c):
				case unicode.IsLetter(c) || unicode.IsDigit(c):
					out = append(out, c)
				default:
					ok = false
				}
			}
			if ok && len(out) >= 1 && len(out) <= 3 {
				m[r] = string(out)
			}
		}
	}
	return m
})

// compat returns the plain letters or digits a styled character stands for.
func compat(r rune) (string, bool) {
	if !inCompat(r) {
		return "", false
	}
	s, ok := compatTable()[r]
	return s, ok
}

// latinBase folds the precomposed Latin letters (U+00C0–U+024F: à, È, ç,
// ł...) to their lower-case base letter, look-alikes folded, without an
// NFD pass per word.
var latinBase = func() (t [0x250 - 0xC0]rune) {
	for r := rune(0xC0); r < 0x250; r++ {
		base := r
		if d := []rune(norm.NFD.String(string(r))); len(d) > 0 {
			base = d[0]
		}
		base = unicode.ToLower(base)
		if c, ok := confusables[base]; ok {
			base = c // Ʋ → ʋ → u
		}
		t[r-0xC0] = base
	}
	return t
}()

// appendFolded appends the folded form of r to dst. slow reports a
// character this fast path does not fold fully (a precomposed letter of
// another script with an accent): the word then takes the NFD path.
func appendFolded(dst []byte, r rune, leetOn bool) (out []byte, slow bool) {
	if r < utf8.RuneSelf {
		if leetOn {
			r, _ = leetOf(r)
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r)), false
	}
	switch {
	case ignorable(r):
		return dst, false
	case isMask(r):
		return append(dst, '*'), false
	case r == '€' && leetOn:
		return append(dst, 'e'), false
	}
	if c, ok := confusables[r]; ok {
		return append(dst, byte(c)), false
	}
	if s, ok := compat(r); ok {
		for _, c := range s {
			var sl bool
			dst, sl = appendFolded(dst, c, leetOn)
			slow = slow || sl
		}
		return dst, slow
	}
	if r >= 0xC0 && r < 0x250 {
		return utf8.AppendRune(dst, latinBase[r-0xC0]), false
	}
	if unicode.Is(unicode.Mn, r) {
		return dst, false
	}
	return utf8.AppendRune(dst, unicode.ToLower(r)), true
}

// slowFold decomposes (NFD), drops the combining marks, lower-cases and
// folds look-alikes again: for letters the fast path does not know.
func slowFold(b []byte) []byte {
	d := norm.NFD.Bytes(b)
	out := make([]byte, 0, len(d))
	for _, r := range string(d) {
		if unicode.Is(unicode.Mn, r) || ignorable(r) {
			continue
		}
		r = unicode.ToLower(r)
		if c, ok := confusables[r]; ok {
			r = c
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// Fold lower-cases s, removes accents and other combining marks, drops
// invisible characters and maps look-alike and styled letters to Latin ones.
func Fold(s string) string {
	var buf []byte
	slow := false
	for _, r := range s {
		var sl bool
		buf, sl = appendFolded(buf, r, false)
		slow = slow || sl
	}
	if slow {
		buf = slowFold(buf)
	}
	return string(buf)
}

// ---------------------------------------------------------------------------
// Splitting words.

// letterLike tells a letter, including the styled letters that Unicode
// counts as symbols (Ⓐ, 🄰).
func letterLike(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if isApostrophe(r) || ignorable(r) {
		return false
	}
	if unicode.IsLetter(r) {
		return true
	}
	if s, ok := compat(r); ok {
		c, _ := utf8.DecodeRuneInString(s)
		return unicode.IsLetter(c)
	}
	return false
}

func alnumLike(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if letterLike(r) || unicode.IsDigit(r) {
		return true
	}
	_, ok := compat(r)
	return ok
}

// wordRune tells the characters that continue a word.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		if '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return true
		}
		_, isLeet := leetOf(r)
		return isLeet
	}
	if isApostrophe(r) {
		return false
	}
	return alnumLike(r) || unicode.Is(unicode.Mn, r) || ignorable(r) || r == '€'
}

// keycap tells a digit, '#' or '*' that starts an emoji keycap (1️⃣): an
// emoji, counted by the form, never a word.
func keycap(rs []rune, i int) bool {
	r := rs[i]
	if !('0' <= r && r <= '9' || r == '#' || r == '*') || i+1 >= len(rs) {
		return false
	}
	return rs[i+1] == 0x20E3 || rs[i+1] == 0xFE0F && i+2 < len(rs) && rs[i+2] == 0x20E3
}

// runeLen is the length of r in the UTF-8 text it came from; a rune that
// is not valid was written as U+FFFD.
func runeLen(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return 3
}

// maxMasked bounds the words whose masked letters are guessed (at most
// two masks, twenty-five guesses, each): a text of masks cannot flood the
// input with keys.
const maxMasked = 64

type tokMeta struct {
	first, n int32 // its keys in tokenizer.keys
	bs, be   int   // its byte offsets in the text
	primary  bool  // a word of the text, not a joined or split form of others
}

type keyRef struct{ off, n int32 }

// tokenizer builds the tokens of one text. The folded forms of all tokens
// are written into one arena and turned into a string once: a token costs
// no allocation of its own.
type tokenizer struct {
	s      string
	rs     []rune
	toks   []Token
	meta   []tokMeta
	keys   []keyRef
	arena  []byte
	tmp    []byte
	plain  []byte
	masked int
	// emoji: the words emoji stand for, from the language (nil: none)
	emoji map[rune]string
	// acts, actObjects: the emoji that stand for an act right after one
	// of the pronouns (language.emoji_acts)
	acts       map[rune]string
	actObjects map[string]bool
	// seqs: the words of emoji joined by U+200D; nouns, nounPreps: the
	// emoji that stand for a noun right after one of the prepositions
	// (language.emoji_nouns)
	seqs      map[string]string
	nouns     map[rune]string
	nounPreps map[string]bool
	// a cursor from code points to bytes
	curRune, curByte int
}

// Tokenize splits text (already NFC) into tokens. Runs of three or more
// one-letter tokens separated by single spaces, dots, dashes or masks
// ("s t r o n z o", "m.e.r.d.a") are joined into one extra token spanning
// them; a camel-case hashtag (#SindacoLadro) gives its words as extra
// tokens. Extra tokens follow the words they come from or, when joined,
// the last word of the text.
func Tokenize(text []rune) []Token {
	toks, _ := tokenize(string(text), text, true, nil)
	return toks
}

// tokenize is Tokenize over s, whose code points are rs; speech marks the
// quoted and, with a language, reported words and returns the quotations.
func tokenize(s string, rs []rune, speech bool, lang *Language) ([]Token, []Quote) {
	t := &tokenizer{s: s, rs: rs}
	// Italian averages a word per six characters; a little more spares a copy.
	t.toks = make([]Token, 0, len(rs)/5+8)
	t.meta = make([]tokMeta, 0, len(rs)/5+8)
	t.arena = make([]byte, 0, len(s)+len(s)/4+8)
	if lang != nil {
		t.emoji = lang.emoji
		t.acts, t.actObjects = lang.emojiActs, lang.actObjects
		t.seqs, t.nouns, t.nounPreps = lang.emojiSeqs, lang.emojiNouns, lang.nounPrepositions
	}
	t.scan()
	t.joinSpelled()
	t.finish()
	if !speech {
		return t.toks, nil
	}
	return t.toks, markSpeech(rs, t.toks, t.meta, lang)
}

func (t *tokenizer) byteAt(i int) int {
	for t.curRune < i {
		t.curByte += runeLen(t.rs[t.curRune])
		t.curRune++
	}
	for t.curRune > i {
		t.curRune--
		t.curByte -= runeLen(t.rs[t.curRune])
	}
	return t.curByte
}

func (t *tokenizer) scan() {
	rs := t.rs
	for i := 0; i < len(rs); {
		if !t.wordStart(i) {
			i = t.emojiWord(i)
			continue
		}
		j := t.wordEnd(i)
		if j <= i {
			i++
			continue
		}
		if !t.spelledWithMasks(i, j) {
			t.word(i, j, true)
			if i > 0 && rs[i-1] == '#' {
				t.camelParts(i, j)
			}
		}
		i = j
	}
}

func (t *tokenizer) wordStart(i int) bool {
	r := t.rs[i]
	if r == '$' {
		return i+1 < len(t.rs) && letterLike(t.rs[i+1])
	}
	return alnumLike(r) && !ignorable(r) && !keycap(t.rs, i)
}

// emojiWord emits the word the emoji at i stands for, if the language
// names one ("africani = 🐒🐒": scimmia, scimmia), spanning the emoji with
// its presentation selector and skin tone; it returns where to go on.
// Emoji joined by U+200D are one emoji (🏳️‍🌈), read only as a whole.
func (t *tokenizer) emojiWord(i int) int {
	if end := t.joinedEnd(i); end > 0 {
		if w, ok := t.seqs[string(t.joinedKey(i, end))]; ok {
			t.tmp = append(t.tmp[:0], w...)
			t.emit(i, end, t.byteAt(i), t.byteAt(end), t.tmp, nil, 0, false)
		}
		return end
	}
	w, ok := t.emoji[t.rs[i]]
	if !ok && t.actAt(i) {
		// Its own token, no word: the grammar reads the act
		// (Language.actsAfterPronoun).
		w, ok = string(t.rs[i]), true
	}
	if !ok {
		w, ok = t.nounAt(i)
	}
	if !ok {
		return i + 1
	}
	j := i + 1
	for j < len(t.rs) && (t.rs[j] == 0xFE0F || t.rs[j] >= 0x1F3FB && t.rs[j] <= 0x1F3FF) {
		j++
	}
	t.tmp = append(t.tmp[:0], w...)
	// Not primary: emoji in a row are not letters spelled out.
	t.emit(i, j, t.byteAt(i), t.byteAt(j), t.tmp, nil, 0, false)
	return j
}

// joinedEnd returns the end of the emoji joined by U+200D that starts at
// i (its selectors and skin tones within), or 0 when no joiner follows
// the emoji at i.
func (t *tokenizer) joinedEnd(i int) int {
	rs := t.rs
	if !emojiRune(rs[i]) {
		return 0
	}
	end, j := 0, i+1
	for {
		for j < len(rs) && (rs[j] == 0xFE0F || skinTone(rs[j])) {
			j++
		}
		if j+1 >= len(rs) || rs[j] != zwj || !emojiRune(rs[j+1]) {
			return end
		}
		j += 2
		end = j
	}
}

// joinedKey is the emoji joined by U+200D in rs[i:end] without their
// selectors and skin tones: how language.emoji_words keys them.
func (t *tokenizer) joinedKey(i, end int) []byte {
	t.tmp = t.tmp[:0]
	for _, r := range t.rs[i:end] {
		if r != 0xFE0F && !skinTone(r) {
			t.tmp = utf8.AppendRune(t.tmp, r)
		}
	}
	return t.tmp
}

// zwj is the zero-width joiner that makes one emoji of several.
const zwj = 0x200D

// actAt tells an emoji of acts right after a word of actObjects, with
// only spaces between ("ti 🔪").
func (t *tokenizer) actAt(i int) bool {
	if _, ok := t.acts[t.rs[i]]; !ok {
		return false
	}
	norm, _, ok := t.wordBefore(i)
	return ok && t.actObjects[string(norm)]
}

// nounAt returns the noun an emoji of nouns stands for right after a word
// of nounPreps, with only spaces between ("al 🔥"), or right after the
// same emoji so read ("a 👊👊").
func (t *tokenizer) nounAt(i int) (string, bool) {
	w, ok := t.nouns[t.rs[i]]
	if !ok {
		return "", false
	}
	norm, start, ok := t.wordBefore(i)
	if !ok || !t.nounPreps[string(norm)] && !(string(norm) == w && t.rs[start] == t.rs[i]) {
		return "", false
	}
	return w, true
}

// wordBefore returns the Norm (set by finish) and the start of the token
// emitted last, when only spaces stand between it and i.
func (t *tokenizer) wordBefore(i int) ([]byte, int, bool) {
	if len(t.toks) == 0 {
		return nil, 0, false
	}
	last, m := t.toks[len(t.toks)-1], t.meta[len(t.meta)-1]
	if last.End > i {
		return nil, 0, false
	}
	for _, r := range t.rs[last.End:i] {
		if r != ' ' {
			return nil, 0, false
		}
	}
	k := t.keys[m.first]
	return t.arena[k.off : k.off+k.n], last.Start, true
}

// emojiRune tells a pictographic symbol that is no letter: what
// language.emoji_words may name.
func emojiRune(r rune) bool {
	return unicode.Is(unicode.So, r) && !letterLike(r) && !alnumLike(r)
}

// wordEnd returns the end of the word that starts at i.
func (t *tokenizer) wordEnd(i int) int {
	rs := t.rs
	n := len(rs)
	letters := 0
	j := i
scan:
	for j < n {
		r := rs[j]
		switch {
		case r == '@' && domainAfter(rs, j+1):
			break scan // an e-mail address: its parts are words of their own
		case wordRune(r) && !(j > i && keycap(rs, j)):
			if letterLike(r) {
				letters++
			}
			j++
		case isMask(r) && letters > 0:
			// A mask inside a word (m*rda) or ending it after two letters
			// (stronz*); not at the end of a word that opens after one
			// (*grassetto*).
			k := j
			for k < n && isMask(rs[k]) {
				k++
			}
			if k-j > 3 {
				break scan
			}
			inner := k < n && letterLike(rs[k])
			trailing := letters >= 2 && (k == n || !alnumLike(rs[k])) && (i == 0 || !isMask(rs[i-1]))
			if inner || trailing {
				j = k
				continue
			}
			break scan
		default:
			break scan
		}
	}
	// Trailing symbols and invisible characters are not part of the word,
	// except an '@' after two letters (tutt@, stronz@), which is an "a".
	for j > i {
		r := rs[j-1]
		if ignorable(r) || symbolLeet(r) && !(r == '@' && letters >= 2 && j-2 >= i && letterLike(rs[j-2])) {
			j--
			continue
		}
		break
	}
	return j
}

// domainAfter tells whether rs from i looks like the domain of an e-mail
// address: letters or digits, a dot, then a letter.
func domainAfter(rs []rune, i int) bool {
	k := i
	for k < len(rs) && (alnumLike(rs[k]) || rs[k] == '-') {
		k++
	}
	return k > i && k+1 < len(rs) && rs[k] == '.' && letterLike(rs[k+1])
}

// spelledWithMasks handles m*e*r*d*a: single letters between masks are a
// word spelled out, not a masked word. Each letter becomes a token, and
// joinSpelled joins them.
func (t *tokenizer) spelledWithMasks(i, j int) bool {
	segs, seg, masks := 0, 0, false
	for k := i; k < j; k++ {
		if isMask(t.rs[k]) {
			masks = true
			if seg != 1 {
				return false
			}
			if k+1 < j && isMask(t.rs[k+1]) {
				return false // m**e: not one letter per mask
			}
			segs++
			seg = 0
			continue
		}
		seg++
	}
	if !masks || seg != 1 || segs+1 < 3 {
		return false
	}
	for k := i; k < j; k++ {
		if !isMask(t.rs[k]) {
			t.word(k, k+1, true)
		}
	}
	return true
}

// camelParts adds the words of a camel-case hashtag (#SindacoLadro →
// sindaco, ladro) as tokens of their own after the whole tag.
func (t *tokenizer) camelParts(i, j int) {
	rs := t.rs
	var cuts []int
	for k := i + 1; k < j; k++ {
		if !unicode.IsUpper(rs[k]) {
			continue
		}
		prev := rs[k-1]
		if unicode.IsLower(prev) || unicode.IsDigit(prev) ||
			unicode.IsUpper(prev) && k+1 < j && unicode.IsLower(rs[k+1]) {
			cuts = append(cuts, k)
		}
	}
	if len(cuts) == 0 {
		return
	}
	start := i
	for _, c := range append(cuts, j) {
		t.word(start, c, false)
		start = c
	}
}

// word folds rs[s:e] and adds it as a token.
func (t *tokenizer) word(s, e int, primary bool) {
	raw := t.rs[s:e]
	hasLetter := false
	for _, r := range raw {
		if letterLike(r) {
			hasLetter = true
			break
		}
	}
	t.tmp = t.tmp[:0]
	slow, leeted, masks := false, false, 0
	for _, r := range raw {
		var sl bool
		n := len(t.tmp)
		t.tmp, sl = appendFolded(t.tmp, r, hasLetter)
		slow = slow || sl
		if hasLetter && len(t.tmp) == n+1 {
			if _, ok := leetOf(r); ok {
				leeted = true
			}
		}
		if isMask(r) {
			masks++
		}
	}
	if slow {
		t.tmp = slowFold(t.tmp)
	}
	if len(t.tmp) == 0 {
		return
	}
	// Names that hold digits ("m5s", "g7") are looked up as written too.
	t.plain = t.plain[:0]
	if leeted {
		slow = false
		for _, r := range raw {
			var sl bool
			t.plain, sl = appendFolded(t.plain, r, false)
			slow = slow || sl
		}
		if slow {
			t.plain = slowFold(t.plain)
		}
	}
	t.emit(s, e, t.byteAt(s), t.byteAt(e), t.tmp, t.plain, masks, primary)
}

// emit adds the token over rs[s:e] whose folded form is folded: its keys
// are the form with floods cut to two letters (the Norm), cut to one, the
// form without leetspeak (plain, when it differs) and, for a masked word,
// the vowels tried in place of each mask.
func (t *tokenizer) emit(s, e, bs, be int, folded, plain []byte, masks int, primary bool) {
	first := int32(len(t.keys))
	off := len(t.arena)
	t.arena = appendCollapsed(t.arena, folded, 2)
	n2 := t.keep(first, off)
	n1 := -1
	if flooded(folded) {
		off = len(t.arena)
		t.arena = appendCollapsed(t.arena, folded, 1)
		n1 = t.keep(first, off)
	}
	if len(plain) > 0 && string(plain) != string(folded) {
		off = len(t.arena)
		t.arena = append(t.arena, plain...)
		t.keep(first, off)
	}
	if masks > 0 && masks <= 2 && t.masked < maxMasked {
		t.masked++
		for _, base := range []int{n2, n1} {
			if base >= 0 {
				t.guessMasks(first, t.keys[base])
			}
		}
	}
	t.toks = append(t.toks, Token{Text: t.s[bs:be], Start: s, End: e})
	t.meta = append(t.meta, tokMeta{first: first, n: int32(len(t.keys)) - first, bs: bs, be: be, primary: primary})
}

// keep makes arena[off:] a key of the token whose keys start at first,
// unless the token has it already; it returns the key's index, or -1.
func (t *tokenizer) keep(first int32, off int) int {
	key := t.arena[off:]
	for i := first; i < int32(len(t.keys)); i++ {
		k := t.keys[i]
		if string(t.arena[k.off:k.off+k.n]) == string(key) {
			t.arena = t.arena[:off]
			return -1
		}
	}
	t.keys = append(t.keys, keyRef{off: int32(off), n: int32(len(key))})
	return len(t.keys) - 1
}

// guessMasks adds the keys made by putting a vowel in place of each mask
// of the key base (at most two masks: twenty-five guesses).
func (t *tokenizer) guessMasks(first int32, base keyRef) {
	var stars []int
	for i, c := range t.arena[base.off : base.off+base.n] {
		if c == '*' {
			stars = append(stars, i)
		}
	}
	if len(stars) == 0 || len(stars) > 2 {
		return
	}
	combos := 1
	for range stars {
		combos *= len(maskVowels)
	}
	for c := 0; c < combos; c++ {
		off := len(t.arena)
		t.arena = append(t.arena, t.arena[base.off:base.off+base.n]...)
		x := c
		for _, s := range stars {
			t.arena[off+s] = maskVowels[x%len(maskVowels)]
			x /= len(maskVowels)
		}
		t.keep(first, off)
	}
}

// flooded tells a run of three or more equal letters.
func flooded(b []byte) bool {
	run, last := 0, rune(-1)
	for _, r := range string(b) {
		if r == last {
			run++
		} else {
			run, last = 1, r
		}
		if run == 3 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// appendCollapsed appends src with every run of three or more equal
// letters cut to keep letters (cazzzzo → cazzo with 2, merdaaaa → merda with 1).
func appendCollapsed(dst, src []byte, keep int) []byte {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		j := i + size
		n := 1
		for j < len(src) {
			r2, s2 := utf8.DecodeRune(src[j:])
			if r2 != r {
				break
			}
			j += s2
			n++
		}
		if n >= 3 && unicode.IsLetter(r) {
			for k := 0; k < keep; k++ {
				dst = append(dst, src[i:i+size]...)
			}
		} else {
			dst = append(dst, src[i:j]...)
		}
		i = j
	}
	return dst
}

// joinSpelled adds a token for every run of three or more one-letter words
// spelled out with single separators. Two or more spaces between letters of
// a run mark a word break ("t i  a m m a z z o": ti, ammazzo): such a run
// gives a token for each of its words of two letters or more, when one of
// them has three.
func (t *tokenizer) joinSpelled() {
	n := len(t.toks)
	for i := 0; i < n; {
		if !t.single(i) {
			i++
			continue
		}
		j, longest, from := i, 1, i
		for j+1 < n && t.single(j+1) {
			if wordBreak(t.rs, t.toks[j].End, t.toks[j+1].Start) {
				from = j + 1
			} else if !spelledGap(t.rs, t.toks[j].End, t.toks[j+1].Start) {
				break
			}
			j++
			longest = max(longest, j-from+1)
		}
		if longest < 3 {
			i = j + 1
			continue
		}
		for a := i; a <= j; {
			b := a
			for b < j && !wordBreak(t.rs, t.toks[b].End, t.toks[b+1].Start) {
				b++
			}
			if b > a {
				t.joinLetters(a, b)
			}
			a = b + 1
		}
		i = j + 1
	}
}

// joinLetters emits the token of the letters from token a to token b.
func (t *tokenizer) joinLetters(a, b int) {
	t.tmp = t.tmp[:0]
	for k := a; k <= b; k++ {
		ref := t.keys[t.meta[k].first]
		t.tmp = append(t.tmp, t.arena[ref.off:ref.off+ref.n]...)
	}
	folded := append([]byte(nil), t.tmp...)
	t.emit(t.toks[a].Start, t.toks[b].End, t.meta[a].bs, t.meta[b].be, folded, nil, 0, false)
}

func (t *tokenizer) single(i int) bool {
	return t.meta[i].primary && t.toks[i].End-t.toks[i].Start == 1
}

// wordBreak tells two or more spaces or tabs, and nothing else, between
// from and to: a break between words spelled out.
func wordBreak(rs []rune, from, to int) bool {
	if to-from < 2 {
		return false
	}
	for _, r := range rs[from:to] {
		if r != ' ' && r != '\t' && r != '\u00a0' {
			return false
		}
	}
	return true
}

func spelledGap(rs []rune, from, to int) bool {
	if to-from != 1 {
		return false
	}
	switch r := rs[from]; {
	case r == '.', r == '-', r == '_', isMask(r):
		return true
	default:
		return unicode.IsSpace(r) && r != '\n' && r != '\r'
	}
}

// finish turns the arena into one string and gives every token its keys.
func (t *tokenizer) finish() {
	all := string(t.arena)
	pool := make([]string, len(t.keys))
	for i, k := range t.keys {
		pool[i] = all[k.off : k.off+k.n]
	}
	for i := range t.toks {
		m := t.meta[i]
		t.toks[i].Keys = pool[m.first : m.first+m.n : m.first+m.n]
		t.toks[i].Norm = pool[m.first]
	}
}

// ---------------------------------------------------------------------------
// Phrases.

// maxPhraseVariants bounds the extra phrase keys made from the other keys
// of their words (merdaaaa → merda, p*rco d*o → porco dio) in a text, and
// maxPhraseCombos those of one phrase.
const (
	maxPhraseVariants = 512
	maxPhraseCombos   = 40
)

// Ngrams returns the two- and three-token phrases of toks, in text order.
// Joined spelled-out tokens are not part of phrases. A phrase is keyed by
// the Norms of its words and by the other keys of those of its words that
// have a few (a flood cut to one letter, a masked vowel guessed).
func Ngrams(toks []Token) []Ngram {
	if len(toks) < 2 {
		return nil
	}
	size := 0
	for _, t := range toks {
		size += len(t.Norm) + 1
	}
	out := make([]Ngram, 0, 2*len(toks))
	ends := make([]int, 0, 2*len(toks))
	arena := make([]byte, 0, 5*size)
	variants := 0
	for i := range toks {
		for n := 2; n <= 3 && i+n <= len(toks); n++ {
			words := toks[i : i+n]
			if words[n-1].Start < words[n-2].End {
				break // an overlapping joined token
			}
			g := Ngram{Start: words[0].Start, End: words[n-1].End, Quoted: true, Reported: true}
			for _, w := range words {
				g.Quoted = g.Quoted && w.Quoted
				g.Reported = g.Reported && w.Reported
			}
			arena = appendPhrase(arena, words, nil)
			ends = append(ends, len(arena))
			out = append(out, g)
			// The other keys of its words: every combination but the
			// Norms', for words with a few keys (a flood, a masked vowel).
			var pick [3]int
			var radix [3]int
			combos := 1
			for k, w := range words {
				radix[k] = 1
				if len(w.Keys) >= 2 && len(w.Keys) <= 6 {
					radix[k] = len(w.Keys)
				}
				combos *= radix[k]
			}
			for c := 1; c < combos && c <= maxPhraseCombos && variants < maxPhraseVariants; c++ {
				x := c
				for k := range words {
					pick[k] = x % radix[k]
					x /= radix[k]
				}
				variants++
				arena = appendPhrase(arena, words, pick[:n])
				ends = append(ends, len(arena))
				out = append(out, g)
			}
		}
	}
	all := string(arena)
	start := 0
	for i, end := range ends {
		out[i].Key = all[start:end]
		start = end
	}
	return out
}

// appendPhrase appends the words separated by spaces, each by its key
// pick[k], or by its Norm when pick is nil.
func appendPhrase(dst []byte, words []Token, pick []int) []byte {
	for i, w := range words {
		if i > 0 {
			dst = append(dst, ' ')
		}
		if pick == nil {
			dst = append(dst, w.Norm...)
		} else {
			dst = append(dst, w.Keys[pick[i]]...)
		}
	}
	return dst
}
