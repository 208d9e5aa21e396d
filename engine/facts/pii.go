package facts

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Personal data: this file finds e-mail addresses and runs the other
// detectors in order, each in its own file: codes.go (IBAN, codice
// fiscale, partita IVA, CIE, plates), phones.go, addresses.go and names.go
// (people). The detectors that read words share words.go's textWords; the
// words that change what they find are data (language_pii.go).

// PII is a piece of personal data found in the text.
type PII struct {
	// Kind is one of email, phone, codice_fiscale, partita_iva, iban, cie
	// (carta d'identità elettronica), plate (vehicle plate), address (a
	// street with a house number) and person_name (a named third party).
	Kind      string
	Start     int
	End       int
	Validated bool // a checksum confirmed it; false where the kind has none
	// DomainSuffixes of an e-mail address, so a policy can tell its own
	// offices' addresses apart; empty for other kinds.
	DomainSuffixes []string
	// Digits of a phone number without the country code and separators, so
	// a policy can tell the numbers its offices publish; empty otherwise.
	Digits string
}

// Kinds of personal data, in the order they are looked for: a later kind
// never claims text an earlier one has found.
const (
	kindEmail  = "email"
	kindIBAN   = "iban"
	kindCF     = "codice_fiscale"
	kindPIVA   = "partita_iva"
	kindCIE    = "cie"
	kindPlate  = "plate"
	kindPhone  = "phone"
	kindAddr   = "address"
	kindPerson = "person_name"
)

var emailRe = regexp.MustCompile(`(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b`)

// finding is a piece of personal data in byte offsets, converted to code
// points at the end.
type finding struct {
	kind      string
	start     int
	end       int
	validated bool
	domains   []string
	digits    string
}

// PersonalData finds personal data in text: e-mail addresses, IBANs,
// codici fiscali, partite IVA, CIE numbers, vehicle plates, Italian and
// international phone numbers, street addresses with a house number and
// the names of people, validating checksums where the kind has one. It
// never panics, and every span lies inside the text, in code points.
// lang gives the words that tell a protocol number from a phone, a street
// from a name and a person from a place; with a nil lang the detectors
// that need words find nothing (see noPersonalWords).
func PersonalData(text string, idx *offsets, lang *Language) []PII {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
	pd := lang.personal()
	sh := shape(text)
	// found is kept sorted by start and free of overlaps: a later kind
	// never claims text an earlier one has found.
	var found []finding
	add := func(f finding) {
		if f.start >= f.end {
			return
		}
		i, _ := slices.BinarySearchFunc(found, f.start, func(g finding, s int) int { return g.start - s })
		if i > 0 && found[i-1].end > f.start || i < len(found) && found[i].start < f.end {
			return
		}
		found = slices.Insert(found, i, f)
	}
	if sh.at {
		for _, m := range emailRe.FindAllStringIndex(text, -1) {
			at := strings.LastIndexByte(text[m[0]:m[1]], '@')
			add(finding{kind: kindEmail, start: m[0], end: m[1], domains: domainSuffixes(strings.ToLower(text[m[0]+at+1 : m[1]]))})
		}
	}
	if sh.longRun || sh.digits >= 2 {
		pd.codes(text, sh, add)
	}
	if sh.digits >= 6 {
		for _, p := range pd.phones(text) {
			if !inLink(text, p.start, p.end) {
				add(p)
			}
		}
	}
	// Streets and names need a capital letter (or a letter beyond ASCII).
	if sh.caps {
		ws := textWords(text, pd)
		if sh.digits >= 1 {
			for _, a := range pd.addresses(text, ws) {
				add(a)
			}
		}
		for _, n := range pd.personNames(text, ws) {
			add(n)
		}
	}
	return toPII(found, idx)
}

// textShape is what one pass over the bytes tells: most comments hold no
// number and no '@', and spare every detector that needs them.
type textShape struct {
	digits  int
	at      bool
	caps    bool // an upper-case ASCII letter or any byte beyond ASCII
	longRun bool // a run of 16 letters and digits, a compact codice fiscale
}

func shape(text string) textShape {
	var sh textShape
	run := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			sh.digits++
			run++
		case c >= 'a' && c <= 'z':
			run++
		case c >= 'A' && c <= 'Z':
			sh.caps = true
			run++
		default:
			if c == '@' {
				sh.at = true
			}
			if c >= utf8.RuneSelf {
				sh.caps = true
			}
			run = 0
		}
		if run >= 16 {
			sh.longRun = true
		}
	}
	return sh
}

// toPII converts byte spans, sorted by start, to code point spans (in the
// order in which offsets converts them fastest).
func toPII(found []finding, idx *offsets) []PII {
	if len(found) == 0 {
		return nil
	}
	out := make([]PII, len(found))
	for i, f := range found {
		out[i] = PII{
			Kind: f.kind, Start: idx.rune(f.start), End: idx.rune(f.end),
			Validated: f.validated, DomainSuffixes: f.domains, Digits: f.digits,
		}
	}
	return out
}
