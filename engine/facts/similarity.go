package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Topic similarity: how much of what a comment talks about also occurs in
// the post it answers. Both texts are reduced to the stems of their content
// words (stop words dropped, a light Italian stemmer below), and the
// similarity is the containment of the comment's stems in the thread's
// (A. Broder, "On the resemblance and containment of documents", 1997):
// |comment ∩ thread| / |comment|. Containment rather than a symmetric
// measure, because a short comment on a long post is on topic when all it
// says is in the post, however much more the post says.

// contentStems returns the stems of the tokens that carry meaning: words of
// at least three letters that begin with a letter and are not stop words
// (language.stop_words).
func contentStems(toks []Token, stop map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Norm)
		if utf8.RuneCountInString(t.Norm) < 3 || stop[t.Norm] || !unicode.IsLetter(r) {
			continue
		}
		out[stem(t.Norm)] = true
	}
	return out
}

// Similarity is the share of the comment's content stems that also occur in
// the thread's, in [0,1]: 1 when every content word of the comment is in the
// post. When either side has no content words there is nothing to tell the
// comment apart from the post by, and the similarity is 1.
//
// A stem also occurs in the thread when one of the two begins with the
// other and the shorter has at least familyPrefix letters: words of one
// family that the stemmer leaves apart ("vaccinatevi" → "vaccinat",
// "vaccinazioni" → "vaccin") still meet.
func Similarity(comment, thread map[string]bool) float64 {
	if len(comment) == 0 || len(thread) == 0 {
		return 1
	}
	// Thread stems by their first familyPrefix bytes: a lookup per comment
	// stem, never a scan of the thread.
	families := map[string][]string{}
	for t := range thread {
		if len(t) >= familyPrefix {
			families[t[:familyPrefix]] = append(families[t[:familyPrefix]], t)
		}
	}
	shared := 0
	for c := range comment {
		if thread[c] || sameFamily(c, families) {
			shared++
		}
	}
	return float64(shared) / float64(len(comment))
}

// familyPrefix is how many letters two stems must share, the shorter being
// a beginning of the longer, to count as one family. Five keeps short stems
// apart: "cart" of carta and cartello, "pian" of piano and pianta, "mar" of
// mare and marina.
const familyPrefix = 5

func sameFamily(c string, families map[string][]string) bool {
	if len(c) < familyPrefix {
		return false
	}
	for _, t := range families[c[:familyPrefix]] {
		if strings.HasPrefix(t, c) || strings.HasPrefix(c, t) {
			return true
		}
	}
	return false
}

// stem reduces a folded word to the stem its inflected and derived forms
// share, so that "strada", "strade" and "stradale" meet. It follows the
// Snowball Italian stemmer (M. Porter, snowballstem.org/algorithms/italian):
// the regions RV, R1 and R2, then attached pronouns, then one standard
// (derivational) suffix or else one verb suffix, then a final vowel. It is
// written here from that description, with these changes, each because the
// words are already folded or because related words of a topic must meet:
//   - accents are gone, so "ità" is matched as "ita"; the accented future
//     endings (erà, erò, irà, irò) are left out, since unaccented they would
//     eat "numero" and "sfera";
//   - adjectives of relation in -ale/-ali ("stradale", "comunale") and the
//     family of -astico ("scolastico") lose their suffix in R1;
//   - the mobile diphthong "uo" becomes "o" (scuola/scolastico,
//     nuovo/novità, fuoco/focolaio), as Italian drops it when unstressed;
//   - a clipped word stands for the word it clips (foto → fotografia).
//
// It works on bytes: every suffix is ASCII, and a byte of a multi-byte
// letter is never a vowel, so cuts always fall between runes.
func stem(w string) string {
	if full, ok := stemClipped[w]; ok {
		w = full
	}
	if len(w) < 3 {
		return w
	}
	s := newStemWord(w)
	s.attachedPronoun()
	if !s.standardSuffix() {
		s.verbSuffix()
	}
	s.finalVowel()
	return monophthong(s.w)
}

// stemClipped maps Italian clipped words (accorciamenti) to their full form.
var stemClipped = map[string]string{
	"foto": "fotografia", "bici": "bicicletta", "moto": "motocicletta", "auto": "automobile",
	"tele": "televisione", "frigo": "frigorifero", "info": "informazioni", "prof": "professore",
	"bus": "autobus",
}

// stemWord is a word being stemmed and where its regions begin (len(w)
// when empty). The regions are fixed on the whole word, as in Snowball.
type stemWord struct {
	w          string
	rv, r1, r2 int
}

func plainVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func newStemWord(w string) *stemWord {
	n := len(w)
	// Snowball's prelude: u after q, and i or u between vowels, are consonants.
	vowel := func(i int) bool {
		c := w[i]
		if !plainVowel(c) {
			return false
		}
		if c == 'u' && i > 0 && w[i-1] == 'q' {
			return false
		}
		if (c == 'i' || c == 'u') && i > 0 && i+1 < n && plainVowel(w[i-1]) && plainVowel(w[i+1]) {
			return false
		}
		return true
	}
	// after the first non-vowel that follows a vowel, from a position on
	after := func(from int) int {
		for i := from + 1; i < n; i++ {
			if vowel(i-1) && !vowel(i) {
				return i + 1
			}
		}
		return n
	}
	s := &stemWord{w: w, rv: n}
	s.r1 = after(0)
	s.r2 = n
	if s.r1 < n {
		s.r2 = after(s.r1)
	}
	switch {
	case !vowel(1): // after the next vowel
		for i := 2; i < n; i++ {
			if vowel(i) {
				s.rv = i + 1
				break
			}
		}
	case vowel(0): // two vowels: after the next consonant
		for i := 2; i < n; i++ {
			if !vowel(i) {
				s.rv = i + 1
				break
			}
		}
	default: // a consonant and a vowel: after the third letter
		s.rv = 3
	}
	return s
}

// suffixes is a set of word endings, looked up by key: at most as many
// lookups as its longest ending has letters, whatever its size.
type suffixes struct {
	set     map[string]bool
	longest int
}

func suffixSet(lists ...[]string) suffixes {
	s := suffixes{set: map[string]bool{}}
	for _, l := range lists {
		for _, suf := range l {
			s.set[suf] = true
			s.longest = max(s.longest, len(suf))
		}
	}
	return s
}

// longest is the longest of the endings that the word ends with, or "".
func (s *stemWord) longest(in suffixes) string {
	for n := min(in.longest, len(s.w)); n > 0; n-- {
		if suf := s.w[len(s.w)-n:]; in.set[suf] {
			return suf
		}
	}
	return ""
}

// cut removes suf, when the word ends with it and it begins in the region
// that begins at from.
func (s *stemWord) cut(suf string, from int) bool {
	start := len(s.w) - len(suf)
	if suf == "" || start < from || !strings.HasSuffix(s.w, suf) {
		return false
	}
	s.w = s.w[:start]
	return true
}

// replace is cut, then with appended.
func (s *stemWord) replace(suf, with string, from int) bool {
	if !s.cut(suf, from) {
		return false
	}
	s.w += with
	return true
}

var (
	stemPronouns = suffixSet(strings.Fields(`ci gli la le li lo mi ne si ti vi sene gliela gliele glieli
glielo gliene mela mele meli melo mene tela tele teli telo tene cela cele celi celo cene vela vele veli
velo vene`))
	stemBeforePronoun = suffixSet([]string{"ando", "endo", "ar", "er", "ir"})
)

// attachedPronoun drops a pronoun attached to a gerund ("sistemandola") and
// turns an infinitive with one attached back into the infinitive ("farlo").
func (s *stemWord) attachedPronoun() {
	p := s.longest(stemPronouns)
	if p == "" || len(s.w)-len(p) < s.rv {
		return
	}
	base := &stemWord{w: s.w[:len(s.w)-len(p)], rv: s.rv}
	before := base.longest(stemBeforePronoun)
	if before == "" || len(base.w)-len(before) < s.rv {
		return
	}
	s.w = base.w
	if before != "ando" && before != "endo" {
		s.w += "e"
	}
}

// The standard suffixes, grouped by what removing them takes.
var (
	stemR2 = strings.Fields(`anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili
ista iste isti oso osi osa ose mente atrice atrici ante anti`)
	stemR1       = strings.Fields(`ale ali astico astica astici astiche`) // ours, not Snowball's
	stemAtions   = strings.Fields(`azione azioni atore atori`)
	stemLogies   = strings.Fields(`logia logie`)
	stemUtions   = strings.Fields(`uzione uzioni usione usioni`)
	stemEnces    = strings.Fields(`enza enze`)
	stemMents    = strings.Fields(`amento amenti imento imenti`)
	stemIves     = strings.Fields(`ivo ivi iva ive`)
	stemStandard = suffixSet(stemR2, stemR1, stemAtions, stemLogies, stemUtions, stemEnces, stemMents, stemIves,
		[]string{"amente", "ita"})
	stemAfterAmente = suffixSet([]string{"os", "ic", "abil"})
	stemAfterIta    = suffixSet([]string{"abil", "ic", "iv"})
)

// standardSuffix removes the longest derivational suffix if it lies in its
// region. Snowball's rule: when the longest lies outside, nothing is removed
// and the verb endings are tried.
func (s *stemWord) standardSuffix() bool {
	suf := s.longest(stemStandard)
	switch {
	case suf == "":
		return false
	case slices.Contains(stemR2, suf):
		return s.cut(suf, s.r2)
	case slices.Contains(stemR1, suf):
		return s.cut(suf, s.r1)
	case slices.Contains(stemAtions, suf):
		if !s.cut(suf, s.r2) {
			return false
		}
		s.cut("ic", s.r2)
		return true
	case slices.Contains(stemLogies, suf):
		return s.replace(suf, "log", s.r2)
	case slices.Contains(stemUtions, suf):
		return s.replace(suf, "u", s.r2)
	case slices.Contains(stemEnces, suf):
		return s.replace(suf, "ente", s.r2)
	case slices.Contains(stemMents, suf):
		return s.cut(suf, s.rv)
	case suf == "amente":
		if !s.cut(suf, s.r1) {
			return false
		}
		if s.cut("iv", s.r2) {
			s.cut("at", s.r2)
		} else {
			s.cut(s.longest(stemAfterAmente), s.r2)
		}
		return true
	case suf == "ita":
		if !s.cut(suf, s.r2) {
			return false
		}
		s.cut(s.longest(stemAfterIta), s.r2)
		return true
	default: // -ivo, -iva, -ivi, -ive
		if !s.cut(suf, s.r2) {
			return false
		}
		if s.cut("at", s.r2) {
			s.cut("ic", s.r2)
		}
		return true
	}
}

var stemVerbs = suffixSet(strings.Fields(`ammo ando ano are arono asse assero assi assimo ata ate ati ato ava
avamo avano avate avi avo emmo enda ende endi endo erai eranno ere erebbe erebbero erei eremmo eremo
ereste eresti erete erono essero ete eva evamo evano evate evi evo iamo immo irai iranno ire irebbe
irebbero irei iremmo iremo ireste iresti irete irono isca iscano isce isci isco iscono issero ita ite
iti ito iva ivamo ivano ivate ivi ivo ono uta ute uti uto ar ir`))

// verbSuffix removes the longest verb ending if it lies in RV.
func (s *stemWord) verbSuffix() { s.cut(s.longest(stemVerbs), s.rv) }

var stemVowels = suffixSet([]string{"a", "e", "i", "o"})

// finalVowel removes a final vowel in RV and an i before it ("uffici",
// "ufficio"), then the h of a final ch or gh ("buche" → "buc", as "buca").
func (s *stemWord) finalVowel() {
	if s.cut(s.longest(stemVowels), s.rv) {
		s.cut("i", s.rv)
	}
	if strings.HasSuffix(s.w, "ch") || strings.HasSuffix(s.w, "gh") {
		s.cut("h", s.rv)
	}
}

// monophthong turns the mobile diphthong "uo" into "o", except in "quo".
func monophthong(w string) string {
	for i := 0; i+1 < len(w); i++ {
		if w[i] == 'u' && w[i+1] == 'o' && (i == 0 || w[i-1] != 'q') {
			w = w[:i] + w[i+1:]
		}
	}
	return w
}
