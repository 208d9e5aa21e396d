package facts

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"weak"
)

// Language is the Italian the facts need to read a sentence: function
// words, clitics, negators, frames of reported speech and negation, the
// endings and irregular forms of the lemmatiser, and the words of the
// lexicon a misspelling is corrected towards. It is decoded once per ente
// revision from the merged lexicon data (policies/lexicon/language.yaml,
// morphology.yaml, and the keys of terms, targets and predicates), so that
// every word that changes a decision is data. A Language is read-only once
// built and safe for concurrent use.
type Language struct {
	function map[string]bool
	glue     map[string]bool
	ordinary map[string]bool
	clitics  map[string]bool
	// elided: the clitics written without their vowel ("t'ammazzo",
	// "t ammazzo": t is ti), by the pronoun each stands for.
	elided map[string]string
	// emojiActs: the violent verbs emoji stand for right after a pronoun
	// of actObjects ("ti 🔪": ti accoltello), and only there.
	emojiActs  map[rune]string
	actObjects map[string]bool
	// emojiNouns: the nouns violent emoji stand for right after a
	// preposition of nounPrepositions ("al 🔥": al rogo, "a 👊👊": a
	// pugni), and only there.
	emojiNouns       map[rune]string
	nounPrepositions map[string]bool
	// determiners: articles and the like, which may also be clitics (la, le, gli)
	determiners map[string]bool
	// auxiliaries: the lemmas of the verbs a participle follows (essere, avere...)
	auxiliaries map[string]bool
	// mascArticles: articles before a word in -o (l, lo)
	mascArticles map[string]bool
	negators     map[string]bool // folded
	// verbNegators negate only right before a verb or a clitic: Tuscan
	// "un" ("un ti vergogni"), the article anywhere else.
	verbNegators map[string]bool
	negatorsAc   map[string]string // folded → written with an accent ("ne": "né")
	questions    map[string]bool
	subords      map[string]bool
	conjs        map[string]bool
	advers       map[string]bool
	preps        map[string]bool
	report       map[string]uint16
	// cutWords are written with a final apostrophe ("po'"); nil when the
	// language names none, and then single quotes quote nothing.
	cutWords map[string]bool
	// stopWords carry no topic (similarity.go).
	stopWords map[string]bool
	// chat maps the abbreviations of chat ("nn", "sn", "xke") to the word
	// they stand for (obfuscation.go, chatSpelling).
	chat map[string]string
	// frames by their first word; each is a sequence of folded words
	frames map[string][]frame
	// phrases by their first word: negators that negate nothing ("non
	// solo"), and where a negation stops ("altro che")
	notNegations, breakers map[string][][]string
	// multi-word subordinators ("anche se"), by their first word
	subordPhrases map[string][][]string

	morph *morphology
	known *knownWords
	// emoji: the word an emoji stands for (🐒: scimmia), read as a word
	// of the text (normalise.go).
	emoji map[rune]string
	// emojiSeqs: the words of emoji joined by U+200D (🏳️‍🌈: gay), by the
	// sequence without its presentation selectors.
	emojiSeqs map[string]string

	personalData *personalWords // language_pii.go
	// class holds the classes of each listed word, so that a word is
	// looked up once (wordClass bits).
	class map[string]wordClass
	cache *wordCache // nil: every word is analysed anew
}

// wordClass is a set of the lists a word is in.
type wordClass uint32

const (
	cFunction wordClass = 1 << iota
	cClitic
	cDeterminer
	cPrep
	cSubord
	cQuestion
	cConj
	cAdvers
	cNegator
	cOrdinary
	cGlue
	cFrame  // a frame starts with it
	cPhrase // a subordinator, not-negation or breaker phrase starts with it
	cVerbNegator
)

func (l *Language) buildClasses() {
	l.class = map[string]wordClass{}
	for _, c := range []struct {
		set   map[string]bool
		class wordClass
	}{
		{l.function, cFunction}, {l.clitics, cClitic}, {l.determiners, cDeterminer}, {l.preps, cPrep},
		{l.subords, cSubord}, {l.questions, cQuestion}, {l.conjs, cConj}, {l.advers, cAdvers},
		{l.negators, cNegator}, {l.ordinary, cOrdinary}, {l.glue, cGlue}, {l.verbNegators, cVerbNegator},
	} {
		for w := range c.set {
			l.class[w] |= c.class
		}
	}
	for w := range l.frames {
		l.class[w] |= cFrame
	}
	for _, m := range []map[string][][]string{l.subordPhrases, l.notNegations, l.breakers} {
		for w := range m {
			l.class[w] |= cPhrase
		}
	}
}

// frameKind tells what a frame does to the words after it.
type frameKind uint8

const (
	frameNegation frameKind = iota + 1
	frameReported
)

// frameScope is how far a frame reaches.
type frameScope uint8

const (
	scopeClause   frameScope = iota // to the next punctuation mark
	scopeSentence                   // to the end of the sentence
	scopeSubject                    // a subject clause: before the main verb
)

type frame struct {
	words []string
	kind  frameKind
	scope frameScope
}

// languageDoc is data.lexicon.language as written.
type languageDoc struct {
	FunctionWords  []string          `json:"function_words"`
	GlueWords      []string          `json:"glue_words"`
	OrdinaryWords  []string          `json:"ordinary_words"`
	Clitics        []string          `json:"clitics"`
	Determiners    []string          `json:"determiners"`
	AuxiliaryVerbs []string          `json:"auxiliary_verbs"`
	MascArticles   []string          `json:"masculine_articles"`
	Negators       []string          `json:"negators"`
	VerbNegators   []string          `json:"verb_negators"`
	NotNegations   []string          `json:"not_negations"`
	Breakers       []string          `json:"negation_breakers"`
	NegationFrames []string          `json:"negation_frames"`
	QuestionWords  []string          `json:"question_words"`
	Subordinators  []string          `json:"subordinators"`
	Conjunctions   []string          `json:"conjunctions"`
	Adversatives   []string          `json:"adversatives"`
	Prepositions   []string          `json:"prepositions"`
	Reported       reportedDoc       `json:"reported"`
	ReportedFrames map[string]string `json:"reported_frames"`
	CutWords       []string          `json:"cut_words"`
	StopWords      []string          `json:"stop_words"`
	EmojiWords     map[string]string `json:"emoji_words"`
	ChatWords      map[string]string `json:"chat_words"`
	ElidedClitics  map[string]string `json:"elided_clitics"`
	EmojiActs      map[string]string `json:"emoji_acts"`
	ActObjects     []string          `json:"emoji_act_objects"`
	EmojiNouns     map[string]string `json:"emoji_nouns"`
	NounPreps      []string          `json:"emoji_noun_prepositions"`
}

type reportedDoc struct {
	Speech              []string `json:"speech"`
	SpeechParticiples   []string `json:"speech_participles"`
	Naming              []string `json:"naming"`
	NamingPresent       []string `json:"naming_present"`
	NamingParticiples   []string `json:"naming_participles"`
	GivingGerunds       []string `json:"giving_gerunds"`
	GivingParticiples   []string `json:"giving_participles"`
	EpithetPrepositions []string `json:"epithet_prepositions"`
	Auxiliaries         []string `json:"auxiliaries"`
	Heard               []string `json:"heard"`
	Say                 []string `json:"say"`
	Give                []string `json:"give"`
	ObjectPronouns      []string `json:"object_pronouns"`
	RelativeAdverbs     []string `json:"relative_adverbs"`
	RelativePlaces      []string `json:"relative_places"`
}

// NewLanguage decodes the language of the merged lexicon data (the value
// of data.lexicon). A lexicon with no language (a revision from before
// language.yaml) gives nil and no error: its facts have no grammar. A
// malformed list is an error that names its key. Enti whose lexicons say
// the same share one Language, and with it its cache of words.
func NewLanguage(lexicon map[string]any) (*Language, error) {
	raw, ok := lexicon["language"]
	if !ok {
		return nil, nil
	}
	digest, err := languageDigest(lexicon)
	if err != nil {
		return nil, fmt.Errorf("lexicon language: %w", err)
	}
	if v, ok := shared.Load(digest); ok {
		if l := v.(weak.Pointer[Language]).Value(); l != nil {
			return l, nil
		}
	}
	l, err := newLanguage(lexicon, raw)
	if err != nil {
		return nil, err
	}
	shared.Store(digest, weak.Make(l))
	runtime.AddCleanup(l, func(d [sha256.Size]byte) { shared.Delete(d) }, digest)
	return l, nil
}

// shared maps the digest of a lexicon's language data to its Language
// while any ente uses it.
var shared sync.Map

// languageDigest is the sha256 of what a Language is built from: the
// language, morphology and personal-data words, and the terms, targets,
// predicates and frames whose words a misspelling is corrected towards.
func languageDigest(lexicon map[string]any) ([sha256.Size]byte, error) {
	b, err := json.Marshal([]any{lexicon["language"], lexicon["morphology"], lexicon["terms"], lexicon["targets"], lexicon["predicates"], lexicon["frames"], lexicon["personal_data"]})
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(b), nil
}

func newLanguage(lexicon map[string]any, raw any) (*Language, error) {
	var doc languageDoc
	if err := strictDecode(raw, &doc); err != nil {
		return nil, fmt.Errorf("lexicon language: %w", err)
	}
	var err error
	l := &Language{frames: map[string][]frame{}, subordPhrases: map[string][][]string{}}
	phrases := func(key string, list []string) map[string][][]string {
		m, e := foldedSet("language."+key, list, true)
		err = errors.Join(err, e)
		out := map[string][][]string{}
		for _, p := range sortedSet(m) {
			words := strings.Fields(p)
			out[words[0]] = append(out[words[0]], words)
		}
		return out
	}
	set := func(key string, words []string) map[string]bool {
		m, e := foldedSet("language."+key, words, false)
		err = errors.Join(err, e)
		return m
	}
	l.function = set("function_words", doc.FunctionWords)
	l.glue = set("glue_words", doc.GlueWords)
	l.ordinary = set("ordinary_words", doc.OrdinaryWords)
	l.clitics = set("clitics", doc.Clitics)
	l.elided = map[string]string{}
	for _, c := range sortedSet(doc.ElidedClitics) {
		full := doc.ElidedClitics[c]
		if e := errors.Join(checkFolded("language.elided_clitics", c, false), checkFolded("language.elided_clitics", full, false)); e != nil {
			err = errors.Join(err, e)
			continue
		}
		l.elided[c] = full
		l.clitics[c] = true
	}
	l.determiners = set("determiners", doc.Determiners)
	l.auxiliaries = set("auxiliary_verbs", doc.AuxiliaryVerbs)
	l.mascArticles = set("masculine_articles", doc.MascArticles)
	l.questions = set("question_words", doc.QuestionWords)
	l.conjs = set("conjunctions", doc.Conjunctions)
	l.advers = set("adversatives", doc.Adversatives)
	l.preps = set("prepositions", doc.Prepositions)
	l.verbNegators = set("verb_negators", doc.VerbNegators)
	l.stopWords = set("stop_words", doc.StopWords)
	if doc.CutWords != nil {
		l.cutWords = set("cut_words", doc.CutWords)
	}
	l.notNegations = phrases("not_negations", doc.NotNegations)
	l.breakers = phrases("negation_breakers", doc.Breakers)
	l.negators, l.negatorsAc = map[string]bool{}, map[string]string{}
	for i, w := range doc.Negators {
		switch f := Fold(w); {
		case w == "" || strings.ContainsAny(w, " \t") || strings.ToLower(w) != w:
			err = errors.Join(err, fmt.Errorf("language.negators[%d]: %q is not one lower-case word", i, w))
		case f == w:
			l.negators[w] = true
		default:
			l.negatorsAc[f] = w
		}
	}
	subords, e := foldedSet("language.subordinators", doc.Subordinators, true)
	err = errors.Join(err, e)
	l.subords = map[string]bool{}
	for s := range subords {
		if words := strings.Fields(s); len(words) > 1 {
			l.subordPhrases[words[0]] = append(l.subordPhrases[words[0]], words)
		} else {
			l.subords[s] = true
		}
	}
	negFrames, e := foldedSet("language.negation_frames", doc.NegationFrames, true)
	err = errors.Join(err, e)
	for _, f := range sortedSet(negFrames) {
		l.addFrame(frame{words: strings.Fields(f), kind: frameNegation, scope: scopeClause})
	}
	for _, f := range sortedSet(doc.ReportedFrames) {
		where := fmt.Sprintf("language.reported_frames[%q]", f)
		if e := checkFolded(where, f, true); e != nil {
			err = errors.Join(err, e)
			continue
		}
		var scope frameScope
		switch doc.ReportedFrames[f] {
		case "clause":
			scope = scopeClause
		case "sentence":
			scope = scopeSentence
		case "subject":
			scope = scopeSubject
		default:
			err = errors.Join(err, fmt.Errorf("%s: scope %q is not clause, sentence or subject", where, doc.ReportedFrames[f]))
			continue
		}
		l.addFrame(frame{words: strings.Fields(f), kind: frameReported, scope: scope})
	}
	l.report, e = reportClasses(doc.Reported)
	err = errors.Join(err, e)
	l.emoji, l.emojiSeqs, e = emojiWords("emoji_words", doc.EmojiWords, true)
	err = errors.Join(err, e)
	l.emojiActs, _, e = emojiWords("emoji_acts", doc.EmojiActs, false)
	err = errors.Join(err, e)
	l.actObjects = set("emoji_act_objects", doc.ActObjects)
	l.emojiNouns, _, e = emojiWords("emoji_nouns", doc.EmojiNouns, false)
	err = errors.Join(err, e)
	l.nounPrepositions = set("emoji_noun_prepositions", doc.NounPreps)
	l.chat, e = chatWords(doc.ChatWords)
	err = errors.Join(err, e)
	if err != nil {
		return nil, err
	}
	// Longer frames first, so that "non e vero che" wins over "non e vero".
	for k := range l.frames {
		fs := l.frames[k]
		sort.SliceStable(fs, func(i, j int) bool { return len(fs[i].words) > len(fs[j].words) })
	}
	if l.morph, err = newMorphology(lexicon["morphology"]); err != nil {
		return nil, fmt.Errorf("lexicon morphology: %w", err)
	}
	l.known = newKnownWords(lexicon, l)
	l.buildClasses()
	l.cache = &wordCache{m: map[string]*wordEntry{}}
	return l.withPersonalData(lexicon["personal_data"])
}

// emojiWords checks a map of emoji to words (language.emoji_words and the
// like, named by list): each key one emoji (one code point, with or without
// the emoji presentation selector U+FE0F) or, where seqs allows, emoji
// joined by U+200D (🏳️‍🌈), each value one folded word of letters. It
// returns the single emoji and the sequences (without their selectors).
func emojiWords(list string, doc map[string]string, seqs bool) (map[rune]string, map[string]string, error) {
	m := make(map[rune]string, len(doc))
	var joined map[string]string
	var err error
	for _, k := range sortedSet(doc) {
		where := fmt.Sprintf("language.%s[%q]", list, k)
		rs := []rune(strings.ReplaceAll(k, "\uFE0F", ""))
		switch w := doc[k]; {
		case seqs && zwjSequence(rs):
			if !letters(w) {
				err = errors.Join(err, fmt.Errorf("%s: %q is not one folded word of letters", where, w))
				continue
			}
			if joined == nil {
				joined = map[string]string{}
			}
			joined[string(rs)] = w
		case len(rs) != 1 || !emojiRune(rs[0]):
			err = errors.Join(err, fmt.Errorf("%s: not one emoji", where))
		case !letters(w):
			err = errors.Join(err, fmt.Errorf("%s: %q is not one folded word of letters", where, w))
		case m[rs[0]] != "" && m[rs[0]] != w:
			err = errors.Join(err, fmt.Errorf("%s: the emoji already stands for %q", where, m[rs[0]]))
		default:
			m[rs[0]] = w
		}
	}
	return m, joined, err
}

// zwjSequence tells emoji joined by U+200D, selectors taken out: an emoji,
// then a joiner and an emoji, once or more.
func zwjSequence(rs []rune) bool {
	if len(rs) < 3 || len(rs)%2 == 0 {
		return false
	}
	for i, r := range rs {
		if i%2 == 1 && r != zwj || i%2 == 0 && !emojiRune(r) {
			return false
		}
	}
	return true
}

// chatWords checks language.chat_words: each key and value one folded word.
func chatWords(doc map[string]string) (map[string]string, error) {
	m := make(map[string]string, len(doc))
	var err error
	for _, k := range sortedSet(doc) {
		where := fmt.Sprintf("language.chat_words[%q]", k)
		if e := checkFolded(where, k, false); e != nil {
			err = errors.Join(err, e)
			continue
		}
		if e := checkFolded(where, doc[k], false); e != nil {
			err = errors.Join(err, e)
			continue
		}
		m[k] = doc[k]
	}
	return m, err
}

func (l *Language) addFrame(f frame) {
	l.frames[f.words[0]] = append(l.frames[f.words[0]], f)
}

func reportClasses(d reportedDoc) (map[string]uint16, error) {
	m := map[string]uint16{}
	var err error
	for _, c := range []struct {
		key   string
		class uint16
		words []string
	}{
		{"speech", wSpeech, d.Speech},
		{"speech_participles", wSpeechParticiple, d.SpeechParticiples},
		{"naming", wNaming, d.Naming},
		{"naming_present", wNamingPresent, d.NamingPresent},
		{"naming_participles", wNamingParticiple, d.NamingParticiples},
		{"giving_gerunds", wGivingGerund, d.GivingGerunds},
		{"giving_participles", wGivingParticiple, d.GivingParticiples},
		{"epithet_prepositions", wEpithetPrep, d.EpithetPrepositions},
		{"auxiliaries", wAux, d.Auxiliaries},
		{"heard", wHeard, d.Heard},
		{"say", wSay, d.Say},
		{"give", wGive, d.Give},
		{"object_pronouns", wClitic, d.ObjectPronouns},
		{"relative_adverbs", wRelativeAdverb, d.RelativeAdverbs},
		{"relative_places", wRelativePlace, d.RelativePlaces},
	} {
		words, e := foldedSet("language.reported."+c.key, c.words, false)
		err = errors.Join(err, e)
		for w := range words {
			m[w] |= c.class
		}
	}
	return m, err
}

// strictDecode decodes a value of OPA's loader (maps, slices, strings,
// numbers) into v, refusing keys v does not know: a misspelt key would
// otherwise be a list silently left empty.
func strictDecode(raw any, v any) error {
	b, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("%s: a %s where %s is expected", te.Field, te.Value, typeName(te.Type.String()))
		}
		return err
	}
	return nil
}

func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.HasPrefix(t, "facts."):
		return "an object"
	}
	return "a " + t
}

// foldedSet makes a set of words, each of which must be folded as the
// engine folds tokens; phrases allows several words separated by spaces.
func foldedSet(where string, words []string, phrases bool) (map[string]bool, error) {
	m := make(map[string]bool, len(words))
	var err error
	for i, w := range words {
		if e := checkFolded(fmt.Sprintf("%s[%d]", where, i), w, phrases); e != nil {
			err = errors.Join(err, e)
			continue
		}
		m[w] = true
	}
	return m, err
}

func checkFolded(where, w string, phrases bool) error {
	words := strings.Fields(w)
	switch {
	case len(words) == 0:
		return fmt.Errorf("%s: empty", where)
	case !phrases && len(words) > 1:
		return fmt.Errorf("%s: %q is not one word", where, w)
	case strings.Join(words, " ") != w:
		return fmt.Errorf("%s: %q has extra spaces", where, w)
	}
	for _, x := range words {
		toks := Tokenize([]rune(x))
		if len(toks) != 1 || toks[0].Norm != x || !utf8.ValidString(x) {
			return fmt.Errorf("%s: %q is not folded as the engine folds words", where, w)
		}
	}
	return nil
}

func sortedSet[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
