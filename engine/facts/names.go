package facts

import (
	"strings"
)

// personNames finds the names of people: a first name
// (personal_data.first_names) followed by capitalised words, not at the
// start of a sentence (where every word is capitalised), and one to three
// capitalised words after a title or a role ("il signor", "la sig.ra",
// "tale", "l'assessore"). Places and institutions named after people
// (place_markers), days, months and offices (not_surnames) are left out.
func (pd *personalWords) personNames(text string, ws []textWord) []finding {
	var out []finding
	for i := 0; i < len(ws); i++ {
		if n := pd.titleEnd(text, ws, i); n > 0 {
			if end, k := pd.nameRun(text, ws, n, 3); k > n {
				out = append(out, finding{kind: kindPerson, start: ws[n].start, end: end})
				i = k - 1
			}
			continue
		}
		w := ws[i]
		if !w.cap || !w.letters || w.first || !pd.firstNames[w.fold] || pd.placeBefore(text, ws, i) {
			continue
		}
		if i+1 >= len(ws) || !onlySpaces(between(text, w, ws[i+1])) {
			continue
		}
		end, k := pd.nameRun(text, ws, i, 4)
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
func (pd *personalWords) titleEnd(text string, ws []textWord, i int) int {
	w := ws[i]
	n := i + 1
	abbrev := false
	switch base := elided(w.fold); {
	case pd.titles[base], pd.roles[base]: // also "l'assessore", "dell'avvocato"
	case pd.titleAbbrevs[w.fold] && n < len(ws) && strings.HasPrefix(between(text, w, ws[n]), "."):
		// "sig.ra", "sig.na", "dott.ssa", "prof.ssa"
		abbrev = true
		if g := between(text, w, ws[n]); g == "." && pd.titleEndings[ws[n].fold] {
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
	if !onlySpaces(g) || !ws[n].cap || !ws[n].letters || pd.notSurnames[ws[n].fold] || pd.placeMarkers[ws[n].fold] {
		return 0
	}
	return n
}

// nameRun reads up to max capitalised name words from i, with particles
// inside ("De Filippi"), and returns the end byte and the next word.
func (pd *personalWords) nameRun(text string, ws []textWord, i, max int) (int, int) {
	end, k := 0, i
	for n := 0; k < len(ws) && n < max; n++ {
		w := ws[k]
		if k > i && !onlySpaces(between(text, ws[k-1], w)) {
			break
		}
		if !w.cap || !w.letters || pd.notSurnames[w.fold] || pd.placeMarkers[w.fold] && k > i {
			break
		}
		if pd.nameParticles[w.fold] {
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
func (pd *personalWords) placeBefore(text string, ws []textWord, i int) bool {
	for back, k := 0, i-1; k >= 0 && back < 2; back, k = back+1, k-1 {
		g := between(text, ws[k], ws[k+1])
		if !onlySpaces(g) && !(back == 0 && (g == "'" || g == "’")) {
			return false
		}
		p := ws[k]
		if pd.placeMarkers[p.fold] || pd.placeMarkers[elided(p.fold)] {
			return true // "via", "l'ospedale"
		}
		if back == 0 && p.cap && p.letters && !p.first {
			return true
		}
		if !pd.nameParticles[p.fold] {
			return false
		}
	}
	return false
}
