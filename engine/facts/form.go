package facts

import (
	"unicode"
	"unicode/utf8"
)

// Form describes how the text is written rather than what it says. Which
// share of capitals is shouting and which run is a flood is for the
// policies to say.
type Form struct {
	Runes     int     // length in code points
	Letters   int     // letters, for the share of capitals
	CapsRatio float64 // upper-case letters / letters
	// Emoji counts emoji as a reader sees them: a flag, a keycap, a
	// skin-toned or a joined sequence (👨‍👩‍👧) is one.
	Emoji int
	// EmojiRatio is the share of emoji among the visible characters
	// (emoji, letters and digits): 1 for a text of emoji alone.
	EmojiRatio float64
	// MaxRun is the longest run of one character repeated, spaces aside
	// ("!!!!!!" is 6, "merdaaaa" 4, "😡😡😡" 3); capitals and small letters
	// count as one character.
	MaxRun   int
	Question bool // the text asks something
}

func formOf(text []rune) Form {
	f := Form{Runes: len(text)}
	upper, digits := 0, 0
	run, last := 0, rune(-1)
	for i := 0; i < len(text); i++ {
		r := text[i]
		if r < utf8.RuneSelf && !keycap(text, i) {
			// ASCII, most of any text: no emoji, no table lookups.
			switch {
			case r == ' ' || '\t' <= r && r <= '\r':
				run, last = 0, -1
				continue
			case 'A' <= r && r <= 'Z':
				f.Letters++
				upper++
				r += 'a' - 'A'
			case 'a' <= r && r <= 'z':
				f.Letters++
			case '0' <= r && r <= '9':
				digits++
			case r == '?':
				f.Question = true
			}
			if r == last {
				run++
			} else {
				run, last = 1, r
			}
			f.MaxRun = max(f.MaxRun, run)
			continue
		}
		switch {
		case emojiExtender(r):
			continue // part of the emoji before it; not a break in a run
		case unicode.IsSpace(r):
			run, last = 0, -1
			continue
		}
		if c := unicode.ToLower(r); c == last {
			run++
		} else {
			run, last = 1, c
		}
		f.MaxRun = max(f.MaxRun, run)
		switch {
		case isEmojiStart(text, i):
			f.Emoji++
			// The whole sequence; a run of it counts by its first emoji.
			i = emojiEnd(text, i) - 1
		case unicode.IsLetter(r):
			f.Letters++
			if unicode.IsUpper(r) {
				upper++
			}
		case unicode.IsDigit(r):
			digits++
		case r == '?':
			f.Question = true
		}
	}
	if f.Letters > 0 {
		f.CapsRatio = float64(upper) / float64(f.Letters)
	}
	if visible := f.Emoji + f.Letters + digits; visible > 0 {
		f.EmojiRatio = float64(f.Emoji) / float64(visible)
	}
	return f
}

// isPictograph covers the blocks of Unicode's Extended_Pictographic
// property (emoji-data.txt) that hold emoji: symbols and pictographs,
// emoticons, transport, dingbats, the miscellaneous symbols.
func isPictograph(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		// Regional indicators pair into flags; skin tones modify; squared
		// Latin letters fold to letters.
		return !regionalIndicator(r) && !skinTone(r) && !(r >= 0x1F130 && r <= 0x1F149)
	case r >= 0x2600 && r <= 0x27BF, r >= 0x1FB00 && r <= 0x1FBFF:
		return true
	}
	switch r {
	case 0x231A, 0x231B, 0x2328, 0x23CF, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23ED, 0x23EE, 0x23EF,
		0x23F0, 0x23F1, 0x23F2, 0x23F3, 0x23F8, 0x23F9, 0x23FA, 0x2B05, 0x2B06, 0x2B07, 0x2B1B,
		0x2B1C, 0x2B50, 0x2B55, 0x3030, 0x303D, 0x3297, 0x3299:
		return true
	}
	return false
}

func regionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
func skinTone(r rune) bool          { return r >= 0x1F3FB && r <= 0x1F3FF }

// emojiExtender are the characters that only modify the emoji before them:
// variation selectors, skin tones, the keycap mark, the joiner, tags.
func emojiExtender(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x20E3 || r == 0x200D || skinTone(r) || r >= 0xE0020 && r <= 0xE007F
}

// isEmojiStart tells an emoji that starts at i: a pictograph, a regional
// indicator, a keycap (1️⃣), or a symbol asked to show as emoji (©️, ↗️).
func isEmojiStart(text []rune, i int) bool {
	r := text[i]
	if isPictograph(r) || regionalIndicator(r) || keycap(text, i) {
		return true
	}
	return i+1 < len(text) && text[i+1] == 0xFE0F && unicode.Is(unicode.S, r)
}

// emojiEnd returns the end of the emoji sequence that starts at i.
func emojiEnd(text []rune, i int) int {
	if regionalIndicator(text[i]) {
		if i+1 < len(text) && regionalIndicator(text[i+1]) {
			return i + 2 // a flag
		}
		return i + 1
	}
	j := i + 1
	for j < len(text) {
		switch r := text[j]; {
		case r == 0x200D && j+1 < len(text) && isPictograph(text[j+1]):
			j += 2
		case r != 0x200D && emojiExtender(r):
			j++
		default:
			return j
		}
	}
	return j
}
