package facts

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
func PersonalData(text string, idx *offsets) []PII {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
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
		codes(text, sh, add)
	}
	if sh.digits >= 6 {
		for _, p := range phones(text) {
			if !inLink(text, p.start, p.end) {
				add(p)
			}
		}
	}
	// Streets and names need a capital letter (or a letter beyond ASCII).
	if sh.caps {
		ws := textWords(text)
		if sh.digits >= 1 {
			for _, a := range addresses(text, ws) {
				add(a)
			}
		}
		for _, n := range personNames(text, ws) {
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

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// inLink tells a number inside a link ("https://example.com/p/3331234567",
// "example.com/?tel=0585490111"): the run of text without spaces around it
// has a scheme, starts with www., or has a domain before a path.
func inLink(text string, s, e int) bool {
	for s > 0 && !blank(text[s-1]) && text[s-1] != '\n' {
		s--
	}
	for e < len(text) && !blank(text[e]) && text[e] != '\n' {
		e++
	}
	chunk := strings.ToLower(text[s:e])
	if strings.Contains(chunk, "://") || strings.HasPrefix(chunk, "www.") {
		return true
	}
	host, _, path := strings.Cut(chunk, "/")
	dot := strings.LastIndexByte(host, '.')
	return path && dot >= 0 && dot+1 < len(host) && host[dot+1] >= 'a' && host[dot+1] <= 'z'
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

// --- codes: IBAN, codice fiscale, partita IVA, CIE, plates ------------------

// chunk is a run of ASCII letters and digits, the stuff codes are made of.
type chunk struct{ start, end int }

func alnumChunks(text string) []chunk {
	out := make([]chunk, 0, len(text)/8+1)
	for i := 0; i < len(text); {
		if !asciiAlnum(text[i]) {
			i++
			continue
		}
		c := chunk{start: i}
		for i < len(text) && (asciiAlnum(text[i]) || text[i] == '_') {
			i++
		}
		c.end = i
		if !glued(text, c.end) && !gluedBefore(text, c.start) {
			out = append(out, c)
		}
	}
	return out
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

// chunkSeq joins the chunks from i when they have the given lengths and
// one sep byte between each; ok is false otherwise.
func chunkSeq(text string, cs []chunk, i int, sep byte, lens ...int) (joined string, end int, ok bool) {
	if i+len(lens) > len(cs) {
		return "", 0, false
	}
	total := 0
	for k, n := range lens {
		c := cs[i+k]
		if c.end-c.start != n {
			return "", 0, false
		}
		if k > 0 && (c.start != cs[i+k-1].end+1 || text[c.start-1] != sep) {
			return "", 0, false
		}
		total += n
	}
	b := make([]byte, 0, total)
	for k := range lens {
		b = append(b, text[cs[i+k].start:cs[i+k].end]...)
	}
	return string(b), cs[i+len(lens)-1].end, true
}

// codes finds, in order of precedence, IBANs, codici fiscali, partite IVA,
// CIE numbers and plates.
func codes(text string, sh textShape, add func(finding)) {
	cs := alnumChunks(text)
	if sh.digits >= 10 {
		for _, c := range cs {
			if c.end-c.start >= 4 && shaped(text[c.start:c.start+4], "LLDD", false) {
				if end, ok, found := ibanAt(text, c.start); found {
					add(finding{kind: kindIBAN, start: c.start, end: end, validated: ok})
				}
			}
		}
	}
	for i, c := range cs {
		s, end := text[c.start:c.end], c.end
		if len(s) != 16 || !cfShape(s) {
			var ok bool
			if s, end, ok = chunkSeq(text, cs, i, ' ', 6, 5, 5); !ok || !cfShape(s) {
				if s, end, ok = chunkSeq(text, cs, i, ' ', 3, 3, 5, 5); !ok || !cfShape(s) {
					continue
				}
			}
		}
		ok := cfValid(s)
		digits := countDigits(s)
		// A failed check is still a codice fiscale when it has the shape's
		// digits; letters alone are most likely a word.
		if ok || digits >= 5 || digits >= 1 && end-c.start == 16 {
			add(finding{kind: kindCF, start: c.start, end: end, validated: ok})
		}
	}
	if sh.digits >= 11 {
		for i, c := range cs {
			s := text[c.start:c.end]
			switch {
			case len(s) == 11 && countDigits(s) == 11:
				if luhn(s) {
					add(finding{kind: kindPIVA, start: c.start, end: c.end, validated: true})
				}
			case len(s) == 13 && (s[:2] == "IT" || s[:2] == "it") && countDigits(s) == 11:
				// The IT prefix says what it is, checked or not.
				add(finding{kind: kindPIVA, start: c.start, end: c.end, validated: luhn(s[2:])})
			case s == "IT" || s == "it":
				if n, end, ok := chunkSeq(text, cs, i, ' ', 2, 11); ok && countDigits(n) == 11 {
					add(finding{kind: kindPIVA, start: c.start, end: end, validated: luhn(n[2:])})
				}
			}
		}
	}
	if sh.digits >= 5 {
		for i, c := range cs {
			if shaped(text[c.start:c.end], "LLDDDDDLL", false) {
				add(finding{kind: kindCIE, start: c.start, end: c.end})
			} else if s, end, ok := chunkSeq(text, cs, i, ' ', 2, 5, 2); ok && shaped(s, "LLDDDDDLL", false) && upperASCII(s) {
				add(finding{kind: kindCIE, start: c.start, end: end})
			}
		}
	}
	if sh.digits >= 3 {
		for i, c := range cs {
			if shaped(text[c.start:c.end], "LLDDDLL", true) {
				add(finding{kind: kindPlate, start: c.start, end: c.end})
				continue
			}
			for _, sep := range []byte{' ', '-'} {
				if s, end, ok := chunkSeq(text, cs, i, sep, 2, 3, 2); ok && shaped(s, "LLDDDLL", true) && upperASCII(s) &&
					!(plateWords[s[:2]] && plateWords[s[5:]]) && !shoutedAround(text, c.start, end) {
					add(finding{kind: kindPlate, start: c.start, end: end})
				}
			}
		}
	}
}

// shaped tells whether s follows pattern, L for a letter and D for a digit,
// with its letters all upper or all lower case. Plates of the format in
// force since 1994 (Regolamento del Codice della strada, DPR 495/1992) are
// two letters, three digits, two letters, and never use I, O, Q or U.
func shaped(s, pattern string, plate bool) bool {
	if len(s) != len(pattern) {
		return false
	}
	upper, lower := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch pattern[i] {
		case 'D':
			if c < '0' || c > '9' {
				return false
			}
		case 'L':
			switch {
			case c >= 'A' && c <= 'Z':
				upper = true
			case c >= 'a' && c <= 'z':
				lower = true
				c -= 'a' - 'A'
			default:
				return false
			}
			if plate && strings.IndexByte("IOQU", c) >= 0 {
				return false
			}
		}
	}
	return !(upper && lower)
}

func upperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// cfShape is the shape of a codice fiscale (DM 23/12/1976): six letters
// for surname and name, year (2), month letter, day (2, +40 for women),
// place (a letter and 3 digits), check letter; omocodia writes any digit
// as one of LMNPQRSTUV. Any case.
func cfShape(s string) bool {
	if len(s) != 16 {
		return false
	}
	for i := 0; i < 16; i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		switch {
		case i < 6 || i == 11 || i == 15:
			if c < 'A' || c > 'Z' {
				return false
			}
		case i == 8:
			if strings.IndexByte("ABCDEHLMPRST", c) < 0 {
				return false
			}
		default:
			if (c < '0' || c > '9') && strings.IndexByte(omocodia, c) < 0 {
				return false
			}
		}
	}
	return true
}

// cfOdd is the value of a character in an odd position (1st, 3rd, ...) of a
// codice fiscale, from the Ministry of Finance's decree of 23/12/1976.
var cfOdd = [36]int{
	// 0-9
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	// A-Z
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
}

// omocodia maps the letters that replace digits back to them (L=0 ... V=9).
const omocodia = "LMNPQRSTUV"

// cfValid checks the check character of a codice fiscale (spaces ignored)
// and that its day of birth is possible (1-31, or 41-71 for women).
func cfValid(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) != 16 {
		return false
	}
	day := 0
	for _, c := range []byte(s[9:11]) {
		if i := strings.IndexByte(omocodia, c); i >= 0 {
			c = byte('0' + i)
		}
		if c < '0' || c > '9' {
			return false
		}
		day = day*10 + int(c-'0')
	}
	if day < 1 || day > 71 || day > 31 && day < 41 {
		return false
	}
	sum := 0
	for i := 0; i < 15; i++ {
		c := s[i]
		var k int
		switch {
		case c >= '0' && c <= '9':
			k = int(c - '0')
		case c >= 'A' && c <= 'Z':
			k = 10 + int(c-'A')
		default:
			return false
		}
		if i%2 == 0 {
			sum += cfOdd[k]
		} else if k >= 10 {
			sum += k - 10
		} else {
			sum += k
		}
	}
	return s[15] == byte('A'+sum%26)
}

// luhn checks a partita IVA: the eleventh digit is its Luhn check digit
// (DM 23/12/1976 as amended; the algorithm is the one of ISO/IEC 7812-1).
func luhn(s string) bool {
	if len(s) != 11 {
		return false
	}
	sum := 0
	for i := 0; i < 11; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for i := 0; i < 10; i++ {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10-sum%10)%10 == int(s[10]-'0')
}

// ibanLengths are the IBAN lengths of the EU and EEA countries and their
// neighbours that use IBANs, from SWIFT's IBAN Registry (ISO 13616).
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
	"DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27,
	"HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
	"SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
}

// ibanAt reads an IBAN starting at byte i: the country's number of letters
// and digits, single spaces allowed between them, then the end of a word.
// found tells whether the shape is an IBAN's; ok whether mod 97 holds.
func ibanAt(text string, i int) (end int, ok, found bool) {
	n, known := ibanLengths[strings.ToUpper(text[i:i+2])]
	if !known {
		return 0, false, false
	}
	var b strings.Builder
	digits := 0
	j := i
	for b.Len() < n && j < len(text) {
		c := text[j]
		switch {
		case c >= '0' && c <= '9':
			digits++
			b.WriteByte(c)
			j++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			b.WriteByte(c)
			j++
		case c == ' ' && b.Len() >= 4 && text[j-1] != ' ' && ibanGroup(text[j+1:], text[i] <= 'Z'):
			j++
		default:
			return 0, false, false
		}
	}
	if b.Len() < n || j < len(text) && asciiAlnum(text[j]) {
		return 0, false, false
	}
	ok = ibanValid(b.String())
	// A failed check is still an IBAN when the account is mostly digits.
	return j, ok, ok || digits >= n/2
}

// ibanGroup tells whether the text after a space goes on with a group of
// an IBAN: one with a digit, or letters in the country code's case ("GB29
// NWBK ..."), and not a word after it ("... 0123 456 e poi").
func ibanGroup(rest string, upper bool) bool {
	k, digit, caseOK := 0, false, true
	for k < len(rest) && asciiAlnum(rest[k]) {
		c := rest[k]
		digit = digit || c >= '0' && c <= '9'
		if upper && c >= 'a' && c <= 'z' || !upper && c >= 'A' && c <= 'Z' {
			caseOK = false
		}
		k++
	}
	return k > 0 && (digit || upper && caseOK)
}

// ibanValid applies ISO 13616's mod-97 check, digit by digit.
func ibanValid(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if n, ok := ibanLengths[s[:min(2, len(s))]]; !ok || len(s) != n {
		return false
	}
	rem := 0
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return rem == 1
}

func asciiAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// --- plates ------------------------------------------------------------------

// plateWords are two-letter words and units that, both written in
// capitals around a three-digit number, are not a plate ("HA 300 KM").
var plateWords = setOf("HA HE LA LE DA NE CE SE MA FA VA TE ME TV KM KG CM MM MT ML GR CC HP KW CV GB MB TB PM AM SS SP SR ST EH AH EX YT")

// shoutedAround tells a spaced plate-like match among words in capitals
// ("HA 300 KM PERCORSI"), where it is more likely words than a plate.
func shoutedAround(text string, start, end int) bool {
	loud := func(w string) bool {
		letters := 0
		for _, r := range w {
			if !unicode.IsLetter(r) || unicode.IsLower(r) {
				return false
			}
			letters++
		}
		return letters >= 2
	}
	before := strings.Fields(text[:start])
	after := strings.Fields(text[end:])
	return len(before) > 0 && loud(strings.Trim(before[len(before)-1], ".,;:!?")) ||
		len(after) > 0 && loud(strings.Trim(after[0], ".,;:!?"))
}

// --- phone numbers -----------------------------------------------------------

// digitGroup is a run of digits in a number written with separators.
type digitGroup struct {
	start, end int  // bytes
	sepAfter   byte // '.', '-' or '/' before the next group, ' ' for spaces only; 0 at the end
	spaced     bool // the separator holds a space: a number may end there ("0585 490111 - 0585 490112")
}

// phones finds Italian phone numbers (mobiles 3xx of 9-10 digits, landlines
// 0x of 6-11 digits, per AGCOM's national numbering plan), with +39 or 0039
// or none, and international ones written with '+' and a country code
// (8-15 digits, ITU-T E.164). Dates, times, amounts, percentages, protocol
// and case numbers, CAP codes and years are not phone numbers.
func phones(text string) []finding {
	var out []finding
	for i := 0; i < len(text); {
		c := text[i]
		if !(c >= '0' && c <= '9' || c == '+' || c == '(') || !numberStart(text, i) {
			i++
			continue
		}
		groups, plus, next := numberRun(text, i)
		if len(groups) == 0 {
			i++
			continue
		}
		out = append(out, phonesInRun(text, i, groups, plus)...)
		i = next
	}
	return out
}

// numberStart tells whether a number may start at byte i: not inside a
// word, a longer number, a link or a decimal.
func numberStart(text string, i int) bool {
	if i == 0 {
		return true
	}
	p := text[i-1]
	if asciiAlnum(p) || p == '@' || p == '#' || p == '_' || p >= utf8.RuneSelf && prevIsLetter(text, i) {
		return false
	}
	if (p == '.' || p == ',' || p == '/' || p == '-' || p == ':') && i >= 2 && text[i-2] >= '0' && text[i-2] <= '9' {
		return false
	}
	return true
}

func prevIsLetter(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r)
}

// numberRun reads digit groups from byte i: an optional '(' and '+', then
// groups separated by a space, a '.', '-' or '/' (with a space either side)
// or parentheses around an area code. It returns the groups, whether the
// run began with '+', and where scanning goes on.
func numberRun(text string, i int) ([]digitGroup, bool, int) {
	j := i
	if j < len(text) && text[j] == '(' {
		j++
	}
	plus := false
	if j < len(text) && text[j] == '+' {
		plus = true
		j++
	}
	var gs []digitGroup
	for len(gs) < 12 {
		s := j
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j == s {
			break
		}
		g := digitGroup{start: s, end: j}
		k := j
		if k < len(text) && text[k] == ')' {
			k++
		}
		sep, spaced := byte(0), false
		if k < len(text) && blank(text[k]) {
			sep, spaced = ' ', true
			k++
		}
		if k < len(text) && (text[k] == '.' || text[k] == '-' || text[k] == '/') {
			sep = text[k]
			k++
			if k < len(text) && blank(text[k]) {
				spaced = true
				k++
			}
		}
		if k < len(text) && text[k] == '(' {
			k++
		}
		if sep != 0 || k > j {
			if k < len(text) && text[k] >= '0' && text[k] <= '9' {
				if sep == 0 {
					sep, spaced = ' ', true // "(0585)490111"
				}
				g.sepAfter, g.spaced = sep, spaced
				gs = append(gs, g)
				j = k
				continue
			}
		}
		gs = append(gs, g)
		break
	}
	if len(gs) == 0 {
		return nil, false, i + 1
	}
	return gs, plus, gs[len(gs)-1].end
}

func blank(c byte) bool { return c == ' ' || c == '\t' }

// phonesInRun finds the phone numbers of one run of digit groups.
func phonesInRun(text string, runStart int, gs []digitGroup, plus bool) []finding {
	if numberContext(text, runStart, gs) {
		return nil
	}
	// A run that ends in '/' and a year is a protocol or case number
	// ("0045678/2026").
	if n := len(gs); n >= 2 && gs[n-2].sepAfter == '/' && isYear(text[gs[n-1].start:gs[n-1].end]) {
		return nil
	}
	var out []finding
	for g := 0; g < len(gs); {
		if g > 0 && !gs[g-1].spaced {
			g++ // only a space may separate a number from the one before
			continue
		}
		if n := dateOrTime(text, gs[g:]); n > 0 {
			g += n
			continue
		}
		if thousands(text, gs[g:]) {
			return out
		}
		start := gs[g].start
		if g == 0 && (text[runStart] != '(' || gs[0].end < len(text) && text[gs[0].end] == ')') {
			start = runStart // "(0585) 490111", "+39 333..." but not "(347 1234567"
		} else if g == 0 && text[runStart+1] == '+' {
			start = runStart + 1
		}
		k, digits, ok := phoneEnd(text, gs, g, plus && g == 0)
		if !ok {
			g++
			continue
		}
		out = append(out, finding{kind: kindPhone, start: start, end: gs[k].end, digits: digits})
		g = k + 1
	}
	return out
}

// phoneEnd finds the longest valid phone number made of groups g..k,
// preferring one that reaches the end of the run.
func phoneEnd(text string, gs []digitGroup, g int, plus bool) (int, string, bool) {
	var all strings.Builder
	ends := make([]int, 0, len(gs)-g) // digit counts after each digitGroup
	for k := g; k < len(gs); k++ {
		all.WriteString(text[gs[k].start:gs[k].end])
		ends = append(ends, all.Len())
	}
	d := all.String()
	for k := len(gs) - 1; k >= g; k-- {
		if k < len(gs)-1 && !gs[k].spaced {
			continue // a number ends before a space, never inside "12/34"
		}
		if k == len(gs)-1 && glued(text, gs[k].end) {
			continue // "3331234567XYZ"
		}
		n := ends[k-g]
		if nat, ok := phoneDigits(d[:n], plus); ok {
			// Eleven bare digits are a partita IVA's shape, not a number.
			if k == g && n == 11 && !plus {
				continue
			}
			return k, nat, true
		}
	}
	return 0, "", false
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

// phoneDigits validates the digits of a number and returns them without
// the Italian country code.
func phoneDigits(d string, plus bool) (string, bool) {
	switch {
	case plus && strings.HasPrefix(d, "39"):
		d = d[2:]
	case plus:
		return d, d[0] != '0' && len(d) >= 8 && len(d) <= 15
	case strings.HasPrefix(d, "0039"):
		d = d[4:]
	}
	if len(d) < 6 {
		return "", false
	}
	switch d[0] {
	case '3':
		return d, d[1] != '0' && len(d) >= 9 && len(d) <= 10
	case '0':
		return d, d[1] != '0' && len(d) <= 11
	}
	return "", false
}

// protocolCues are words that introduce a number that is not a phone:
// protocol, case, invoice and record numbers, codes.
var protocolCues = setOf("prot protocollo pratica delibera deliberazione determina determinazione fattura ordinanza sentenza verbale matricola codice cod rg pos posizione contratto ticket ordine cig cup decreto registro reg repertorio rep iscrizione atto bolletta cartella pin puk tessera seriale imei lotto causa ricorso fascicolo rif riferimento cap isbn")

// numberContext tells a run that is an amount, a percentage or a protocol
// number from what surrounds it.
func numberContext(text string, start int, gs []digitGroup) bool {
	before := strings.TrimRight(text[:start], " \t")
	if strings.HasSuffix(before, "€") || strings.HasSuffix(before, "$") || strings.HasSuffix(before, "£") {
		return true
	}
	// Up to three words back, over "n.", "nr.", "numero", "del" and the like.
	w := before
	for n := 0; n < 4; n++ {
		w = strings.TrimRight(w, " \t.:°º#,")
		k := len(w)
		for k > 0 && asciiAlnum(w[k-1]) {
			k--
		}
		word := strings.ToLower(w[k:])
		if word == "" {
			break
		}
		if protocolCues[word] || word == "euro" || word == "eur" {
			return true
		}
		if !numberFiller[word] {
			break
		}
		w = w[:k]
	}
	end := gs[len(gs)-1].end
	after := text[end:]
	if strings.HasPrefix(after, ",") && len(after) > 1 && after[1] >= '0' && after[1] <= '9' {
		return true // a decimal comma: an amount
	}
	if strings.HasPrefix(after, ":") && len(after) > 1 && after[1] >= '0' && after[1] <= '9' {
		return true // a time
	}
	after = strings.TrimLeft(after, " \t")
	if strings.HasPrefix(after, "%") || strings.HasPrefix(after, "€") || strings.HasPrefix(after, "$") || strings.HasPrefix(after, "£") {
		return true
	}
	k := 0
	for k < len(after) && asciiAlnum(after[k]) {
		k++
	}
	next := strings.ToLower(after[:k])
	return next == "euro" || next == "eur"
}

var numberFiller = setOf("n nr num numero no del dello della di d al il lo la e ed ns vs")

// dateOrTime returns how many groups at the start of gs are a date
// (12/03/2026, 2026-03-12, 12.03.26) or a time (10.30), else 0.
func dateOrTime(text string, gs []digitGroup) int {
	val := func(g digitGroup) (int, int) {
		v := 0
		for i := g.start; i < g.end; i++ {
			v = v*10 + int(text[i]-'0')
			if v > 100000 {
				break
			}
		}
		return v, g.end - g.start
	}
	if len(gs) >= 3 && gs[0].sepAfter != ' ' && gs[0].sepAfter == gs[1].sepAfter {
		a, la := val(gs[0])
		b, lb := val(gs[1])
		c, lc := val(gs[2])
		if la <= 2 && lb <= 2 && (lc == 2 || lc == 4) && a >= 1 && a <= 31 && b >= 1 && b <= 12 {
			return 3
		}
		if la == 4 && lb <= 2 && lc <= 2 && b >= 1 && b <= 12 && c >= 1 && c <= 31 {
			return 3
		}
	}
	if len(gs) >= 2 && (gs[0].sepAfter == '.' || gs[0].sepAfter == '-' || gs[0].sepAfter == '/') {
		a, la := val(gs[0])
		b, lb := val(gs[1])
		if la <= 2 && lb == 2 && a <= 23 && b <= 59 && gs[0].sepAfter == '.' {
			return 2 // 10.30
		}
		if la <= 2 && lb == 4 && a >= 1 && a <= 12 && isYear(text[gs[1].start:gs[1].end]) {
			return 2 // 03/2026
		}
	}
	return 0
}

// thousands tells an amount written with dots between thousands (1.234.567).
func thousands(text string, gs []digitGroup) bool {
	if len(gs) < 2 || gs[0].end-gs[0].start > 3 || gs[0].sepAfter != '.' {
		return false
	}
	for k := 1; k < len(gs); k++ {
		if gs[k].end-gs[k].start != 3 {
			return false
		}
		if k < len(gs)-1 && gs[k].sepAfter != '.' {
			return false
		}
	}
	return true
}

func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20"))
}

// --- words -------------------------------------------------------------------

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

func textWords(text string) []textWord {
	out := make([]textWord, 0, len(text)/6+1)
	bounds := sentenceBounds(text)
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

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// --- addresses ---------------------------------------------------------------

// streetTypes are the words that name a street in Italian addresses: the
// common generic names (DUG, "denominazione urbanistica generica") of
// ISTAT's street registry; their usual abbreviations are streetAbbrevs.
var streetTypes = setOf("via viale piazza piazzale piazzetta corso largo vicolo vico strada contrada località localita borgo lungomare lungarno lungolago lungotevere salita traversa galleria")

// streetAbbrevs are "v.le", "p.za", "p.zza", "p.le", "c.so".
var streetAbbrevs = map[string]bool{"v.le": true, "p.za": true, "p.zza": true, "p.le": true, "c.so": true}

// streetParticles may stand inside a street's name: "via di Ponte a Rigo".
var streetParticles = setOf("di de del dei degli della delle dello da dal dalla dalle dai a al alla alle ai agli in sul sulla e d san sant santa santo")

// afterHouse are words that, after the number, make it a quantity or a
// date rather than a house number ("in piazza Garibaldi 3 volte").
var afterHouse = setOf("anni anno giorni giorno settimane settimana mesi mese ore ora minuti minuto secondi volte euro eur metri metro mt m km chilometri cm kg chili litri persone abitanti auto macchine posti case famiglie alberi buche gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre")

// addresses finds a street type, a name with at least one capitalised
// word, and a house number: "via Roma 12", "viale della Libertà, 3/A",
// "piazza XX Settembre n. 4". The street alone is not personal data.
func addresses(text string, ws []textWord) []finding {
	var out []finding
	for i := 0; i < len(ws); i++ {
		name := -1
		switch {
		case streetTypes[ws[i].fold]:
			name = i + 1
		case i+1 < len(ws) && len(ws[i].fold) == 1 && between(text, ws[i], ws[i+1]) == "." &&
			streetAbbrevs[ws[i].fold+"."+ws[i+1].fold]:
			name = i + 2
		}
		if name < 0 || name >= len(ws) || !onlySpaces(strings.TrimPrefix(between(text, ws[name-1], ws[name]), ".")) {
			continue
		}
		if end, ok := addressAt(text, ws, name); ok {
			out = append(out, finding{kind: kindAddr, start: ws[i].start, end: end})
		}
	}
	return out
}

func addressAt(text string, ws []textWord, j int) (int, bool) {
	capitals := 0
	k := j
	for ; k < len(ws) && k-j < 6; k++ {
		w := ws[k]
		if k > j && !onlySpaces(between(text, ws[k-1], w)) {
			break
		}
		switch {
		case w.letters && w.cap:
			capitals++
			continue
		case w.letters && streetParticles[w.fold]:
			continue
		case w.letters && elidedName(w.text):
			capitals++
			continue
		case w.digits && k == j && k+1 < len(ws) && ws[k+1].cap && ws[k+1].letters && onlySpaces(between(text, w, ws[k+1])):
			continue // "via 4 Novembre"
		}
		break
	}
	// The name may not end on a particle.
	for k > j && streetParticles[ws[k-1].fold] {
		k--
	}
	if capitals == 0 || k == j || k >= len(ws) {
		return 0, false
	}
	g := strings.ToLower(strings.TrimSpace(between(text, ws[k-1], ws[k])))
	g = strings.TrimSpace(strings.TrimPrefix(g, ","))
	num := k
	if g == "" && k+1 < len(ws) && (ws[k].fold == "n" || ws[k].fold == "nr" || ws[k].fold == "civico") {
		g2 := strings.TrimSpace(between(text, ws[k], ws[k+1]))
		if g2 == "." || g2 == "°" || g2 == "" {
			num = k + 1
		}
	}
	if g != "" && g != "n." && g != "n°" && g != "nr." && g != "n" {
		return 0, false
	}
	w := ws[num]
	house := strings.TrimRight(w.fold, "abcdefghijklmnopqrstuvwxyz")
	if house == "" || len(house) > 4 || house[0] == '0' || len(w.fold)-len(house) > 1 || countDigits(house) != len(house) {
		return 0, false
	}
	if len(house) == 4 && isYear(house) {
		return 0, false
	}
	end := w.end
	rest := text[end:]
	switch {
	case strings.HasPrefix(rest, "/") && num+1 < len(ws) && ws[num+1].start == end+1 &&
		(len(ws[num+1].fold) == 1 && ws[num+1].letters || ws[num+1].digits && len(ws[num+1].fold) <= 3):
		end = ws[num+1].end // 3/A, 12/14
		num++
	case strings.HasPrefix(rest, "/"), strings.HasPrefix(rest, "%"), strings.HasPrefix(rest, "€"):
		return 0, false
	case len(rest) > 1 && (rest[0] == ',' || rest[0] == '.' || rest[0] == ':') && rest[1] >= '0' && rest[1] <= '9':
		return 0, false // 12,50 or 10.30
	}
	if num+1 < len(ws) && onlySpaces(between(text, ws[num], ws[num+1])) {
		next := ws[num+1].fold
		if afterHouse[next] {
			return 0, false
		}
		if next == "bis" || next == "ter" {
			end = ws[num+1].end
		}
	}
	return end, true
}

// elided is the word after an elided article or preposition: "ospedale"
// for "l'ospedale", "istituto" for "dell'istituto".
func elided(s string) string {
	if strings.IndexByte(s, '\'') < 0 && !strings.Contains(s, "’") {
		return s
	}
	if i := strings.LastIndexAny(s, "'’"); i >= 0 {
		_, w := utf8.DecodeRuneInString(s[i:])
		return s[i+w:]
	}
	return s
}

// elidedName is "dell'Orto", "Sant'Andrea": a particle, an apostrophe and
// a capitalised name.
func elidedName(s string) bool {
	i := strings.IndexAny(s, "'’")
	if i < 0 {
		return false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	r, _ := utf8.DecodeRuneInString(s[i+w:])
	return unicode.IsUpper(r)
}

// --- names of people -----------------------------------------------------------

// personTitles introduce a name: "il signor Rossi", "la sig.ra Bianchi",
// "un tale Verdi", "la dott.ssa Neri". Abbreviations are written with
// their dot, which the word does not hold.
var personTitles = setOf("signor signora signorina tale dottor dottoressa avvocato avvocatessa professor professoressa")

var personTitleAbbrevs = setOf("sig sigg dott dr avv prof ing geom arch rag")

// personRoles introduce a name too: "il consigliere Pucciarelli", "la
// maestra Anna", "mio cognato Franco", "la famiglia Lazzerini".
var personRoles = setOf("consigliere consigliera assessore assessora sindaco sindaca vicesindaco vicesindaca presidente dirigente funzionario funzionaria impiegato impiegata maestro maestra professore preside custode vigile comandante parroco don suor dottore medico infermiere infermiera architetto geometra ingegnere ragioniere collega famiglia figlio figlia moglie marito compagno compagna fidanzato fidanzata cognato cognata suocero suocera cugino cugina zio zia nonno nonna fratello sorella amico amica")

// placeMarkers, just before a first name, make it part of a place or an
// institution named after someone: "via Giuseppe Verdi", "Santa Maria
// Novella", "scuola Gianni Rodari", "Teatro Carlo Felice".
var placeMarkers = setOf("via viale piazza piazzale piazzetta corso largo vicolo strada contrada borgo lungomare galleria ponte porta villa palazzo parco giardini giardino scuola scuole istituto liceo asilo nido ospedale clinica teatro cinema stadio palazzetto palasport museo biblioteca fondazione associazione premio centro circolo chiesa basilica cattedrale duomo santuario oratorio parrocchia san santa santo sant beato beata papa madonna stazione aeroporto hotel albergo ristorante pizzeria bar caserma rsa aula sala auditorium arena piscina palestra campo monte lago isola torre castello rocca fonte terme cooperativa ditta impresa istituto università universita collegio convitto caffè caffe trattoria osteria")

// notSurnames are capitalised words that follow a first name without
// making it a person's: days, months, feasts, offices.
var notSurnames = setOf("lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre natale pasqua capodanno ferragosto comune sindaco assessore ufficio via piazza vergine santissima ausiliatrice addolorata immacolata assunta regina")

// nameParticles stand inside surnames: "Luca Di Maio", "Anna Della Valle".
var nameParticles = setOf("di de da del della dello dei degli delle dal dalla la lo li van von")

// personNames finds the names of people: a first name from firstNames
// followed by capitalised words, not at the start of a sentence (where
// every word is capitalised), and one to three capitalised words after a
// title ("il signor", "la sig.ra", "tale"). Places and institutions named
// after people, days and months are left out.
func personNames(text string, ws []textWord) []finding {
	var out []finding
	for i := 0; i < len(ws); i++ {
		if n := titleEnd(text, ws, i); n > 0 {
			if end, k := nameRun(text, ws, n, 3); k > n {
				out = append(out, finding{kind: kindPerson, start: ws[n].start, end: end})
				i = k - 1
			}
			continue
		}
		w := ws[i]
		if !w.cap || !w.letters || w.first || !firstNames[w.fold] || placeBefore(text, ws, i) {
			continue
		}
		if i+1 >= len(ws) || !onlySpaces(between(text, w, ws[i+1])) {
			continue
		}
		end, k := nameRun(text, ws, i, 4)
		if k < i+2 {
			continue
		}
		if shouted(ws, i, k) {
			continue
		}
		out = append(out, finding{kind: kindPerson, start: w.start, end: end})
		i = k - 1
	}
	return out
}

// shouted tells a name in capitals among other words in capitals, where
// capitals say nothing ("VERGOGNA LUCA FAI PENA").
func shouted(ws []textWord, i, k int) bool {
	if !ws[i].upper || !ws[k-1].upper {
		return false
	}
	loud := func(w textWord) bool { return w.upper && w.letters && len(w.fold) >= 2 }
	return i > 0 && loud(ws[i-1]) || k < len(ws) && loud(ws[k])
}

// titleEnd returns the index of the word after a title at i, or 0.
func titleEnd(text string, ws []textWord, i int) int {
	w := ws[i]
	n := i + 1
	abbrev := false
	switch base := elided(w.fold); {
	case personTitles[base], personRoles[base]: // also "l'assessore", "dell'avvocato"
	case personTitleAbbrevs[w.fold] && n < len(ws) && strings.HasPrefix(between(text, w, ws[n]), "."):
		// "sig.ra", "sig.na", "dott.ssa", "prof.ssa"
		abbrev = true
		if g := between(text, w, ws[n]); g == "." && (ws[n].fold == "ra" || ws[n].fold == "na" || ws[n].fold == "ssa") {
			n++
		}
	default:
		return 0
	}
	if n >= len(ws) {
		return 0
	}
	g := between(text, ws[n-1], ws[n])
	if abbrev {
		g = strings.TrimPrefix(g, ".") // "sig. Rossi", "sig.ra Rossi"
	}
	if !onlySpaces(g) || !ws[n].cap || !ws[n].letters || notSurnames[ws[n].fold] || placeMarkers[ws[n].fold] {
		return 0
	}
	return n
}

// nameRun reads up to max capitalised name words from i, with particles
// inside ("De Filippi"), and returns the end byte and the next word.
func nameRun(text string, ws []textWord, i, max int) (int, int) {
	end, k := 0, i
	for n := 0; k < len(ws) && n < max; n++ {
		w := ws[k]
		if k > i && !onlySpaces(between(text, ws[k-1], w)) {
			break
		}
		if !w.cap || !w.letters || notSurnames[w.fold] || placeMarkers[w.fold] && k > i {
			break
		}
		if nameParticles[w.fold] {
			// A particle must lead to a surname: "Di Maio".
			if k+1 >= len(ws) || !onlySpaces(between(text, w, ws[k+1])) || !ws[k+1].cap || !ws[k+1].letters {
				break
			}
			k++
			end = ws[k].end
			k++
			continue
		}
		end = w.end
		k++
	}
	return end, k
}

// placeBefore tells a first name that is part of a longer proper noun:
// after a place marker ("via", "Santa", "scuola", also "chiesa di"), or
// after another capitalised word that does not open the sentence
// ("Istituto Comprensivo Giovanni Pascoli").
func placeBefore(text string, ws []textWord, i int) bool {
	for back, k := 0, i-1; k >= 0 && back < 2; back, k = back+1, k-1 {
		g := between(text, ws[k], ws[k+1])
		if !onlySpaces(g) && !(back == 0 && (g == "'" || g == "’")) {
			return false
		}
		p := ws[k]
		if placeMarkers[p.fold] || placeMarkers[elided(p.fold)] {
			return true // "via", "l'ospedale"
		}
		if back == 0 && p.cap && p.letters && !p.first {
			return true
		}
		if !nameParticles[p.fold] {
			return false
		}
	}
	return false
}

// firstNames are common Italian first names, and some of the most frequent
// among residents of foreign origin, written by the Galateo team (ISTAT's
// yearly "nomi dei nati" tables list the names most given at birth). Names
// that are also common capitalised words or places (Natale, Primo, Asia,
// Alba, Italo, Santo) are left out.
var firstNames = setOf(`
achille ada adele adelina adriana adriano agata agnese agostino alberto aldo alessandra alessandro alessia alessio alex alfonso alfredo alice alma amalia ambra amedeo amelia angela angelica angelo anita anna annalisa annamaria antonella antonello antonia antonio arianna armando arturo assunta attilio augusto aurelio aurora
barbara beatrice benedetta bernardo bianca biagio bruna bruno
calogero camilla carla carlo carlotta carmela carmelo carmen carmine carolina caterina cecilia cesare chiara christian cinzia ciro clara claudia claudio concetta corrado cosimo cristian cristiano cristina
daniela daniele dante dario davide debora denis denise diana diego dino domenico donatella donato dora
edoardo egidio elena eleonora elia elio elisa elisabetta elsa emanuela emanuele emilia emilio emma enrica enrico enza enzo erica erika ermanno ernesto ester ettore eugenio eva ezio
fabiana fabio fabrizio federica federico fernanda fernando filippo filomena fiorella flavia flavio francesca francesco franca franco fulvio
gabriele gabriella gaetano gaia gemma gennaro gerardo giacomo giada giancarlo gianfranco gianluca gianluigi gianmarco gianna gianni giorgia giorgio giovanna giovanni gisella giulia giuliana giuliano giulio giuseppe giuseppina giusy gloria graziano graziella gregorio guido
ida ignazio ilaria ines iolanda irene isabella ivan ivana
jacopo jessica jolanda
katia kevin
lara laura leonardo letizia lidia liliana lina linda lino lisa lorena lorenzo loredana loretta lorenza luana luca lucia luciana luciano lucio lucrezia ludovica luigi luisa
manuel manuela mara marcella marcello marco margherita maria mariagrazia mariangela marianna mariano marilena marina marino mario marisa marta martina marzia massimiliano massimo matilde matteo mattia maura maurizio mauro melissa michela michele milena mirella miriam mirko monica
nadia natalia nazzareno nicola nicole nicoletta niccolò niccolo nicolò nicolo noemi nunzia
omar orlando ornella oscar osvaldo ottavio
paola paolo pasquale patrizia piera pierluigi piero pietro
rachele raffaele raffaella renata renato renzo riccardo rita roberta roberto rocco rodolfo romano romina rosa rosalba rosanna rosaria rosario rossella ruggero
sabrina salvatore samanta samantha samuele sandra sandro sara saverio sebastiano serena sergio silvana silvano silvia silvio simona simone simonetta sofia sonia stefania stefano susanna
tamara teresa thomas tiziana tiziano tommaso tullio
ugo umberto
valentina valentino valeria valerio valter vanessa vincenzo viola virginia vito vittoria vittorio viviana
walter wanda
ylenia
mohamed mohammed ahmed youssef karim fatima aisha ionut andrei elena ana
`)

// --- sentences -----------------------------------------------------------------

// Sentences returns the [start, end) code point spans of the sentences of
// text, so that a policy can tell facts said together: a sentence ends at
// a line break or at '.', '!', '?' or '…' followed by a space, except after
// an abbreviation or an initial ("il sig. Rossi", "M. Rossi") or when the
// text goes on in lower case after a dot ("ecc. e poi").
func Sentences(text string, idx *offsets) [][2]int {
	if idx == nil || idx.text != text {
		idx = newOffsets(text)
	}
	bounds := sentenceBounds(text)
	out := make([][2]int, len(bounds))
	for i, b := range bounds {
		out[i] = [2]int{idx.rune(b[0]), idx.rune(b[1])}
	}
	return out
}

// dotAbbrevs end with a dot that does not end a sentence.
var dotAbbrevs = setOf("sig sigg ra na ssa dott dr prof avv ing arch geom rag on sen mons sr jr n nr num prot art artt pag pagg tel cell fax ecc etc es cfr vol ca rif lett co all ss sgg sec ff tab fig ist reg cod loc fraz min max tot ord gen magg cap")

// sentenceBounds are the sentences in byte offsets, trimmed of spaces.
func sentenceBounds(text string) [][2]int {
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
			if !dots || sentenceEnds(text, i, j) {
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
func sentenceEnds(text string, i, j int) bool {
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
		if utf8.RuneCountInString(before) == 1 || dotAbbrevs[before] {
			return false
		}
	}
	rest := strings.TrimLeftFunc(text[j:], unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLower(r)
}
