package facts

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func fingerprintOf(text string) string { return Fingerprint(Tokenize([]rune(text))) }

// base is a comment of ordinary length: near-duplicates are edits of it.
const base = "Sono tre settimane che la strada di via Roma è piena di buche e nessuno del Comune " +
	"si degna di rispondere alle segnalazioni dei residenti, vergogna."

// nearDuplicateBits is the distance the tests treat as "the same content":
// the value we advise enti to set as flooding.near_duplicate_bits. Over the
// fixtures' 312 distinct texts (48,516 pairs) no two different texts come
// within it, while one word changed in a comment of their length moves the
// fingerprint by 8 bits at the median.
const nearDuplicateBits = 10

func TestFingerprintSurvivesSmallEdits(t *testing.T) {
	cases := []struct {
		name, text string
		max        int // bits
	}{
		{"capitals", strings.ToUpper(base), 0},
		{"punctuation", strings.NewReplacer(",", "", ".", "!!!", "è", "è,").Replace(base), 0},
		{"accents", strings.ReplaceAll(base, "è", "e'"), 0},
		{"spacing", strings.ReplaceAll(base, " ", "  \n"), 0},
		{"letter floods", strings.Replace(base, "vergogna", "vergognaaaaa", 1), 0},
		{"zero-width characters", strings.Replace(base, "strada", "str\u200bada", 1), 0},
		{"emoji", base + " 😡😡😡", 0},
		{"leetspeak", strings.Replace(base, "vergogna", "v3rg0gna", 1), 0},
		{"a word changed", strings.Replace(base, "settimane", "mesi", 1), nearDuplicateBits},
		{"a word added", strings.Replace(base, "piena", "ancora piena", 1), nearDuplicateBits},
		{"a word removed", strings.Replace(base, " dei residenti", " residenti", 1), nearDuplicateBits},
		{"the last word changed", strings.Replace(base, "vergogna", "basta", 1), nearDuplicateBits},
	}
	want := fingerprintOf(base)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fingerprintOf(c.text)
			d, ok := Distance(want, got)
			if !ok || d > c.max {
				t.Errorf("distance %d (%v) from the original, want at most %d\n%s\n%s", d, ok, c.max, base, c.text)
			}
		})
	}
}

func TestFingerprintTellsDifferentTextsApart(t *testing.T) {
	texts := []string{
		base,
		"Sono tre settimane che aspetto una risposta sulla mensa scolastica di mio figlio, nessuno risponde.",
		"Via Roma è piena di buche: quando iniziano i lavori?",
		"Bellissima la festa di ieri in piazza, complimenti a tutti i volontari della Pro Loco!",
		"Il Comune dovrebbe pensare ai residenti invece che ai turisti, le segnalazioni restano senza risposta.",
		"Qualcuno sa a che ora apre l'ufficio anagrafe il sabato mattina?",
		"Vergogna",
		"Grazie mille",
		"Grazie",
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			d, ok := Distance(fingerprintOf(texts[i]), fingerprintOf(texts[j]))
			if !ok || d <= nearDuplicateBits {
				t.Errorf("distance %d (%v), want more than %d:\n%s\n%s", d, ok, nearDuplicateBits, texts[i], texts[j])
			}
		}
	}
}

func TestFingerprintFormat(t *testing.T) {
	for _, text := range []string{base, "ciao", "2026", "ÀÈÌÒÙ ß привет", "s t r o n z o"} {
		fp := fingerprintOf(text)
		if len(fp) != 16 || strings.Trim(fp, "0123456789abcdef") != "" {
			t.Errorf("Fingerprint(%q) = %q, want 16 lower-case hex digits", text, fp)
		}
	}
	for _, text := range []string{"", "   ", "!!! ... ???", "😡😡😡"} {
		if fp := fingerprintOf(text); fp != "" {
			t.Errorf("Fingerprint(%q) = %q, want none for a text without words", text, fp)
		}
	}
}

// Fingerprints are stored: the function may not change without a migration
// of the fingerprints table, or an author's history stops matching.
func TestFingerprintIsStable(t *testing.T) {
	for text, want := range map[string]string{
		"ciao":                       "afd8cf9be2ab24e1",
		"Vergogna, siete dei ladri!": "c9f0c9b81256ea9b",
		base:                         "28e04d862bd3603a",
	} {
		if got := fingerprintOf(text); got != want {
			t.Errorf("Fingerprint(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
		ok   bool
	}{
		{"0000000000000000", "0000000000000000", 0, true},
		{"0000000000000000", "ffffffffffffffff", 64, true},
		{"00000000000000ff", "0000000000000001", 7, true},
		{"8000000000000000", "0000000000000001", 2, true},
		{"ABCDEF0123456789", "abcdef0123456789", 0, true},
		{"", "0000000000000000", 0, false},
		{"fp1", "fp1", 0, false},
		{"000000000000000g", "0000000000000000", 0, false},
		{"00000000000000000", "0000000000000000", 0, false},
		{"cafe0123456789abcdef0123456789ab", "cafe0123456789ab", 0, false}, // an older 128-bit hash
	}
	for _, c := range cases {
		got, ok := Distance(c.a, c.b)
		if got != c.want || ok != c.ok {
			t.Errorf("Distance(%q, %q) = %d, %v; want %d, %v", c.a, c.b, got, ok, c.want, c.ok)
		}
		if r, rok := Distance(c.b, c.a); r != got || rok != ok {
			t.Errorf("Distance is not symmetric on %q, %q", c.a, c.b)
		}
	}
}

func FuzzFingerprint(f *testing.F) {
	for _, s := range []string{base, "", "s t r o n z o", "m.e.r.d.a", "ciaoooo", "2026 2026", "\u200b\u200b", "é\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		fp := fingerprintOf(text)
		if fp == "" {
			return
		}
		if d, ok := Distance(fp, fp); !ok || d != 0 {
			t.Fatalf("Fingerprint(%q) = %q: distance to itself %d, %v", text, fp, d, ok)
		}
		if again := fingerprintOf(text); again != fp {
			t.Fatalf("Fingerprint(%q) is %q, then %q", text, fp, again)
		}
	})
}

func BenchmarkFingerprint500(b *testing.B) {
	toks := Tokenize([]rune(comment500))
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(toks)
	}
}

func TestFingerprintOfSpelledWords(t *testing.T) {
	// The joined word stands after its letters from Tokenize, before them
	// from Extract: the fingerprint is the same.
	text := "t i  a m m a z z o"
	l := testLanguage(t)
	if a, b := Fingerprint(Tokenize([]rune(text))), Fingerprint(Extract(text, "", l).Tokens); a != b {
		t.Errorf("fingerprints differ: %s, %s", a, b)
	}
}
