package facts

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// personalWords are the words the personal-data detectors and the sentence
// splitter read, decoded from data.lexicon.personal_data
// (policies/lexicon/personal_data.yaml, whose header says what each list
// does). Word lists hold lower-case words as written, accents kept, plus
// the spelling without accents of each accented word.
type personalWords struct {
	// sentences.go: a dot after these does not end a sentence; the title
	// abbreviations and endings are among them.
	abbreviations map[string]bool
	// phones.go
	protocolCues  map[string]bool
	numberFillers map[string]bool
	currencyWords map[string]bool
	// codes.go: upper case, as a plate is compared
	plateWords map[string]bool
	// addresses.go
	streetTypes     map[string]bool
	streetAbbrevs   map[string]bool // "v.le": a letter, a dot, letters
	streetParticles map[string]bool
	houseWords      map[string]bool // "n", "nr", "civico" before the number
	houseSuffixes   map[string]bool // "bis", "ter" after it
	afterHouse      map[string]bool
	// names.go
	titles        map[string]bool
	titleAbbrevs  map[string]bool
	titleEndings  map[string]bool
	roles         map[string]bool
	placeMarkers  map[string]bool
	notSurnames   map[string]bool
	nameParticles map[string]bool
	firstNames    map[string]bool
}

// noPersonalWords is what the detectors read without a language (an
// ente revision from before policies/lexicon/personal_data.yaml, or a
// caller that passes none): every list empty. E-mail addresses, codes,
// plates and phone numbers are still found by their shape and checksums;
// addresses and names of people, which need words, are not; a protocol
// number may be taken for a phone number; only an initial's dot does not
// end a sentence.
var noPersonalWords personalWords

// personal returns the language's personal-data words, or the empty lists
// when there are none.
func (l *Language) personal() *personalWords {
	if l == nil || l.personalData == nil {
		return &noPersonalWords
	}
	return l.personalData
}

// personalDataDoc is data.lexicon.personal_data as written.
type personalDataDoc struct {
	DotAbbreviations    []string `json:"dot_abbreviations"`
	ProtocolCues        []string `json:"protocol_cues"`
	NumberFillers       []string `json:"number_fillers"`
	CurrencyWords       []string `json:"currency_words"`
	PlateWords          []string `json:"plate_words"`
	StreetTypes         []string `json:"street_types"`
	StreetAbbreviations []string `json:"street_abbreviations"`
	StreetParticles     []string `json:"street_particles"`
	HouseNumberWords    []string `json:"house_number_words"`
	HouseNumberSuffixes []string `json:"house_number_suffixes"`
	AfterHouseNumber    []string `json:"after_house_number"`
	PersonTitles        []string `json:"person_titles"`
	TitleAbbreviations  []string `json:"title_abbreviations"`
	TitleEndings        []string `json:"title_endings"`
	PersonRoles         []string `json:"person_roles"`
	PlaceMarkers        []string `json:"place_markers"`
	NotSurnames         []string `json:"not_surnames"`
	NameParticles       []string `json:"name_particles"`
	FirstNames          []string `json:"first_names"`
}

// withPersonalData decodes data.lexicon.personal_data into l. A lexicon
// without it leaves the lists empty (see noPersonalWords); a malformed one
// is an error that names its key, and gives no language.
func (l *Language) withPersonalData(raw any) (*Language, error) {
	if raw == nil {
		return l, nil
	}
	var doc personalDataDoc
	if err := strictDecode(raw, &doc); err != nil {
		return nil, fmt.Errorf("lexicon personal_data: %w", err)
	}
	var err error
	list := func(key string, words []string, check func(string) bool, what string) map[string]bool {
		m, e := wordSet("personal_data."+key, words, check, what)
		err = errors.Join(err, e)
		return m
	}
	const (
		lowerWord  = "one lower-case word (letters only, accents kept)"
		asciiWord  = "one word of lower-case ASCII letters or digits"
		twoLetters = "two lower-case ASCII letters"
		abbrev     = "a lower-case letter, a dot and lower-case letters (v.le)"
	)
	w := &personalWords{
		protocolCues:    list("protocol_cues", doc.ProtocolCues, isASCIIWord, asciiWord),
		numberFillers:   list("number_fillers", doc.NumberFillers, isASCIIWord, asciiWord),
		currencyWords:   list("currency_words", doc.CurrencyWords, isASCIIWord, asciiWord),
		streetTypes:     list("street_types", doc.StreetTypes, isLowerWord, lowerWord),
		streetAbbrevs:   list("street_abbreviations", doc.StreetAbbreviations, isStreetAbbrev, abbrev),
		streetParticles: list("street_particles", doc.StreetParticles, isLowerWord, lowerWord),
		houseWords:      list("house_number_words", doc.HouseNumberWords, isLowerWord, lowerWord),
		houseSuffixes:   list("house_number_suffixes", doc.HouseNumberSuffixes, isLowerWord, lowerWord),
		afterHouse:      list("after_house_number", doc.AfterHouseNumber, isLowerWord, lowerWord),
		titles:          list("person_titles", doc.PersonTitles, isLowerWord, lowerWord),
		titleAbbrevs:    list("title_abbreviations", doc.TitleAbbreviations, isLowerWord, lowerWord),
		titleEndings:    list("title_endings", doc.TitleEndings, isLowerWord, lowerWord),
		roles:           list("person_roles", doc.PersonRoles, isLowerWord, lowerWord),
		placeMarkers:    list("place_markers", doc.PlaceMarkers, isLowerWord, lowerWord),
		notSurnames:     list("not_surnames", doc.NotSurnames, isLowerWord, lowerWord),
		nameParticles:   list("name_particles", doc.NameParticles, isLowerWord, lowerWord),
		firstNames:      list("first_names", doc.FirstNames, isLowerWord, lowerWord),
	}
	plates := list("plate_words", doc.PlateWords, isTwoLetters, twoLetters)
	w.plateWords = make(map[string]bool, len(plates))
	for p := range plates {
		w.plateWords[strings.ToUpper(p)] = true
	}
	// A title's abbreviation is an abbreviation of the sentence splitter
	// too: "il sig. Rossi" is one sentence.
	w.abbreviations = list("dot_abbreviations", doc.DotAbbreviations, isLowerWord, lowerWord)
	for _, titles := range []map[string]bool{w.titleAbbrevs, w.titleEndings} {
		for a := range titles {
			if w.abbreviations[a] {
				err = errors.Join(err, fmt.Errorf("personal_data.dot_abbreviations: %q is a title abbreviation or ending already", a))
			}
			w.abbreviations[a] = true
		}
	}
	if err != nil {
		return nil, err
	}
	l.personalData = w
	return l, nil
}

// wordSet makes the set of a list of personal_data: every word must pass
// check (what says what it must be), none may be listed twice, and the list
// may not be empty. A word written with an accent also gives its spelling
// without accents ("lunedì", "lunedi"), which is then not listed again.
func wordSet(where string, words []string, check func(string) bool, what string) (map[string]bool, error) {
	if len(words) == 0 {
		return map[string]bool{}, fmt.Errorf("%s: missing or empty", where)
	}
	m := make(map[string]bool, len(words))
	plainOf := map[string]string{} // the accentless spelling → the accented word
	var err error
	for i, w := range words {
		switch {
		case !check(w):
			err = errors.Join(err, fmt.Errorf("%s[%d]: %q is not %s", where, i, w, what))
			continue
		case m[w] && plainOf[w] == "":
			err = errors.Join(err, fmt.Errorf("%s[%d]: %q is listed twice", where, i, w))
			continue
		case plainOf[w] != "":
			err = errors.Join(err, fmt.Errorf("%s[%d]: %q is given by %q already", where, i, w, plainOf[w]))
			continue
		}
		m[w] = true
		if p := Fold(w); p != w {
			if m[p] {
				err = errors.Join(err, fmt.Errorf("%s[%d]: %q gives %q, which is listed already", where, i, w, p))
				continue
			}
			m[p], plainOf[p] = true, w
		}
	}
	return m, err
}

// isLowerWord: letters only, lower case, in NFC (as Extract normalises the
// text): a word as textWords reads it, after strings.ToLower.
func isLowerWord(w string) bool {
	if w == "" || !norm.NFC.IsNormalString(w) {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) || unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}

func isASCIIWord(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isTwoLetters(w string) bool {
	return len(w) == 2 && w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z'
}

// isStreetAbbrev: "v.le", "p.zza": the one-letter word, the dot and the
// word after it that addresses() joins.
func isStreetAbbrev(w string) bool {
	first, rest, ok := strings.Cut(w, ".")
	return ok && len(first) == 1 && first[0] >= 'a' && first[0] <= 'z' && isLowerWord(rest)
}
