package facts

import (
	"slices"
	"testing"
)

func keysOf(toks []Token) [][]string {
	out := make([][]string, len(toks))
	for i, t := range toks {
		out[i] = t.Keys
	}
	return out
}

func hasKey(toks []Token, key string) (Token, bool) {
	for _, t := range toks {
		if slices.Contains(t.Keys, key) {
			return t, true
		}
	}
	return Token{}, false
}

func TestTokenizeFindsDisguisedWords(t *testing.T) {
	cases := []struct {
		text, key  string
		start, end int
	}{
		{"sei uno stronzo", "stronzo", 8, 15},
		{"Sei uno STRONZO!", "stronzo", 8, 15},
		{"sei uno str0nz0", "stronzo", 8, 15},
		{"che merdaaaa", "merda", 4, 12},
		{"cazzzzo", "cazzo", 0, 7},
		{"sei uno s t r o n z o", "stronzo", 8, 21},
		{"m.e.r.d.a", "merda", 0, 9},
		{"c@zzo", "cazzo", 0, 5},
		{"stro\u200bnzo", "stronzo", 0, 8},
		{"сretino", "cretino", 0, 7}, // Cyrillic es
		{"è più città", "citta", 6, 11},
		{"perché", "perche", 0, 6},
	}
	for _, c := range cases {
		toks := Tokenize([]rune(c.text))
		tok, ok := hasKey(toks, c.key)
		if !ok {
			t.Errorf("%q: no token with key %q in %v", c.text, c.key, keysOf(toks))
			continue
		}
		if tok.Start != c.start || tok.End != c.end {
			t.Errorf("%q: span of %q = [%d,%d), want [%d,%d)", c.text, c.key, tok.Start, tok.End, c.start, c.end)
		}
	}
}

func TestTokenizeKeepsNumbersAndPunctuation(t *testing.T) {
	toks := Tokenize([]rune("Il 2026 è l'anno! Costo 10$ #vota @sindaco"))
	var norms []string
	for _, tk := range toks {
		norms = append(norms, tk.Norm)
	}
	want := []string{"il", "2026", "e", "l", "anno", "costo", "10", "vota", "sindaco"}
	if !slices.Equal(norms, want) {
		t.Errorf("norms = %v, want %v", norms, want)
	}
}

func TestNgramsJoinNeighbours(t *testing.T) {
	toks := Tokenize([]rune("sei un pezzo di merda"))
	grams := Ngrams(toks)
	found := false
	for _, g := range grams {
		if g.Key == "pezzo di merda" {
			found = true
			if g.Start != 7 || g.End != 21 {
				t.Errorf("span = [%d,%d), want [7,21)", g.Start, g.End)
			}
		}
	}
	if !found {
		t.Errorf("no 'pezzo di merda' among %v", grams)
	}
}

func TestPersonalData(t *testing.T) {
	cases := []struct {
		text      string
		kind      string
		validated bool
	}{
		{"chiamate il 333 1234567", "phone", false},
		{"tel. +39 347-123-4567", "phone", false},
		{"ufficio 0585 490111", "phone", false},
		{"scrivi a mario.rossi@example.com", "email", false},
		{"il suo CF è RSSMRA85T10A562S", "codice_fiscale", true},
		{"il suo CF è RSSMRA85T10A562T", "codice_fiscale", false},
		{"CF omocodico RSSMRA85T10A56NH", "codice_fiscale", true},
		{"p.iva 01234567897", "partita_iva", true},
		{"IBAN IT60X0542811101000000123456", "iban", true},
		{"IBAN IT60 X054 2811 1010 0000 0123 456", "iban", true},
		{"IBAN IT61X0542811101000000123456", "iban", false},
	}
	for _, c := range cases {
		found := PersonalData(c.text, newOffsets(c.text))
		ok := false
		for _, p := range found {
			if p.Kind == c.kind {
				ok = true
				if p.Validated != c.validated {
					t.Errorf("%q: %s validated = %v, want %v", c.text, c.kind, p.Validated, c.validated)
				}
				if p.Start < 0 || p.End > len([]rune(c.text)) || p.Start >= p.End {
					t.Errorf("%q: bad span [%d,%d)", c.text, p.Start, p.End)
				}
			}
		}
		if !ok {
			t.Errorf("%q: no %s found in %+v", c.text, c.kind, found)
		}
	}
}

func TestPersonalDataIgnoresOrdinaryNumbers(t *testing.T) {
	for _, text := range []string{
		"la delibera n. 245 del 12/03/2026",
		"protocollo 2026/0012345",
		"sono 1500 euro di multa",
		"ci vediamo il 23 novembre alle 10",
		"partita iva 01234567890", // wrong check digit
	} {
		if found := PersonalData(text, newOffsets(text)); len(found) > 0 {
			t.Errorf("%q: found %+v, want nothing", text, found)
		}
	}
}

func TestLinksAndTags(t *testing.T) {
	text := "Info su www.comune.massa.ms.it/eventi e https://bit.ly/x1 #VotaRossi @Comune.Massa mario@example.com"
	idx := newOffsets(text)
	links := Links(text, idx)
	if len(links) != 2 {
		t.Fatalf("links = %+v, want 2 (the e-mail is not a link)", links)
	}
	if links[0].Host != "www.comune.massa.ms.it" || !slices.Contains(links[0].Suffixes, "comune.massa.ms.it") {
		t.Errorf("first link = %+v", links[0])
	}
	if links[1].Host != "bit.ly" {
		t.Errorf("second link host = %q", links[1].Host)
	}
	tags := Hashtags(text, idx)
	if len(tags) != 1 || tags[0].Tag != "votarossi" {
		t.Errorf("hashtags = %+v", tags)
	}
	if m := Mentions(text, idx); len(m) != 1 || m[0].Tag != "comune.massa" {
		t.Errorf("mentions = %+v", m)
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	text := "Perché è così? chiamate 333 1234567"
	f := extract(t, text, "")
	if len(f.PII) != 1 {
		t.Fatalf("pii = %+v", f.PII)
	}
	runes := []rune(text)
	if got := string(runes[f.PII[0].Start:f.PII[0].End]); got != "333 1234567" {
		t.Errorf("span text = %q", got)
	}
}

func TestForm(t *testing.T) {
	f := extract(t, "VERGOGNA!!! SIETE TUTTI A CASA? 😡😡", "")
	if f.Form.CapsRatio < 0.99 || !f.Form.Question || f.Form.Emoji != 2 {
		t.Errorf("form = %+v", f.Form)
	}
}

func TestSimilarity(t *testing.T) {
	thread := "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"
	on := extract(t, "Finalmente sistemano la strada di via Roma, era piena di buche", thread)
	off := extract(t, "Qualcuno sa quando riapre la piscina comunale per i corsi di nuoto?", thread)
	if on.TopicSimilarity == nil || off.TopicSimilarity == nil {
		t.Fatal("similarity not computed with a thread")
	}
	if *on.TopicSimilarity <= *off.TopicSimilarity {
		t.Errorf("on-topic %.3f should exceed off-topic %.3f", *on.TopicSimilarity, *off.TopicSimilarity)
	}
	if *off.TopicSimilarity != 0 {
		t.Errorf("off-topic similarity = %.3f, want 0", *off.TopicSimilarity)
	}
	if extract(t, "ciao", "").TopicSimilarity != nil {
		t.Error("similarity without a thread")
	}
}
