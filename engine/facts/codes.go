package facts

import (
	"strings"
	"unicode"
)

// Codes: IBANs, codici fiscali, partite IVA, CIE numbers and vehicle
// plates, found by their shape and, where they have one, their checksum.

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
func (pd *personalWords) codes(text string, sh textShape, add func(finding)) {
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
					!(pd.plateWords[s[:2]] && pd.plateWords[s[5:]]) && !shoutedAround(text, c.start, end) {
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
