package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
func (pd *personalWords) phones(text string) []finding {
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
		out = append(out, pd.phonesInRun(text, i, groups, plus)...)
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

// phonesInRun finds the phone numbers of one run of digit groups.
func (pd *personalWords) phonesInRun(text string, runStart int, gs []digitGroup, plus bool) []finding {
	if pd.numberContext(text, runStart, gs) {
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

// numberContext tells a run that is an amount, a percentage or a protocol
// number from what surrounds it: a currency sign or word, or a protocol
// cue up to three words back over number fillers (personal_data's
// currency_words, protocol_cues and number_fillers).
func (pd *personalWords) numberContext(text string, start int, gs []digitGroup) bool {
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
		if pd.protocolCues[word] || pd.currencyWords[word] {
			return true
		}
		if !pd.numberFillers[word] {
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
	return pd.currencyWords[next]
}

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
