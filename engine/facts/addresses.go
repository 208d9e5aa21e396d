package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// addresses finds a street type, a name with at least one capitalised
// word, and a house number: "via Roma 12", "viale della Libertà, 3/A",
// "piazza XX Settembre n. 4". The street alone is not personal data. The
// words are personal_data's street_types, street_abbreviations,
// street_particles, house_number_words, house_number_suffixes and
// after_house_number.
func (pd *personalWords) addresses(text string, ws []textWord) []finding {
	var out []finding
	for i := 0; i < len(ws); i++ {
		name := -1
		switch {
		case pd.streetTypes[ws[i].fold]:
			name = i + 1
		case i+1 < len(ws) && len(ws[i].fold) == 1 && between(text, ws[i], ws[i+1]) == "." &&
			pd.streetAbbrevs[ws[i].fold+"."+ws[i+1].fold]:
			name = i + 2
		}
		if name < 0 || name >= len(ws) || !onlySpaces(strings.TrimPrefix(between(text, ws[name-1], ws[name]), ".")) {
			continue
		}
		if end, ok := pd.addressAt(text, ws, name); ok {
			out = append(out, finding{kind: kindAddr, start: ws[i].start, end: end})
		}
	}
	return out
}

// addressAt reads the name of a street from word j, then its house number,
// and returns where the address ends.
func (pd *personalWords) addressAt(text string, ws []textWord, j int) (int, bool) {
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
		case w.letters && pd.streetParticles[w.fold]:
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
	for k > j && pd.streetParticles[ws[k-1].fold] {
		k--
	}
	if capitals == 0 || k == j || k >= len(ws) {
		return 0, false
	}
	// Between the name and the number: nothing but a comma, then perhaps
	// "n.", "nr." or "civico". (The gap between two words holds no letter.)
	g := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(between(text, ws[k-1], ws[k])), ","))
	if g != "" {
		return 0, false
	}
	num := k
	if k+1 < len(ws) && pd.houseWords[ws[k].fold] {
		g2 := strings.TrimSpace(between(text, ws[k], ws[k+1]))
		if g2 == "." || g2 == "°" || g2 == "" {
			num = k + 1
		}
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
		if pd.afterHouse[next] {
			return 0, false
		}
		if pd.houseSuffixes[next] {
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
