package facts

import "unicode/utf8"

// offsets converts byte offsets of a string into code point offsets.
// Regular expressions work on bytes; the contract counts code points.
// Detectors ask in text order, so it walks from the last answer instead of
// counting from the start each time.
type offsets struct {
	text  string
	ascii bool
	// the last conversion: byte offset lastByte is code point lastRune
	lastByte, lastRune int
}

func newOffsets(text string) *offsets {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return &offsets{text: text, ascii: ascii}
}

// rune returns the code point offset of byteOff, clamped into the text. An
// offset inside a multi-byte character counts as that character's start.
func (o *offsets) rune(byteOff int) int {
	byteOff = max(0, min(byteOff, len(o.text)))
	if o.ascii {
		return byteOff
	}
	byteOff = o.charStart(byteOff)
	switch {
	case byteOff >= o.lastByte:
		o.lastRune += utf8.RuneCountInString(o.text[o.lastByte:byteOff])
	case byteOff >= o.lastByte/2:
		o.lastRune -= utf8.RuneCountInString(o.text[byteOff:o.lastByte])
	default:
		o.lastRune = utf8.RuneCountInString(o.text[:byteOff])
	}
	o.lastByte = byteOff
	return o.lastRune
}

// charStart moves an offset inside a multi-byte character back to the
// character's first byte. A stray continuation byte (invalid UTF-8) is a
// character of its own, as utf8.RuneCountInString counts it, so an offset
// on it stays where it is.
func (o *offsets) charStart(byteOff int) int {
	if byteOff <= 0 || byteOff >= len(o.text) || utf8.RuneStart(o.text[byteOff]) {
		return byteOff
	}
	for s := byteOff - 1; s >= 0 && byteOff-s < utf8.UTFMax; s-- {
		if !utf8.RuneStart(o.text[s]) {
			continue
		}
		if r, w := utf8.DecodeRuneInString(o.text[s:]); s+w > byteOff && (r != utf8.RuneError || w > 1) {
			return s
		}
		break
	}
	return byteOff
}
