package facts

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets: on any input no function of the package panics, and every
// span it reports lies inside the text with start <= end. `make fuzz` runs
// each target for a few seconds; go test runs the seeds below.

var fuzzSeeds = []string{
	"",
	"sei uno s t r o n z o, m.e.r.d.a e c4zz0!!!",
	"Il sindaco mi ha detto: «sei un idiota. Vattene» e poi basta. “ladri” \"uno\" «aperta",
	"mi ha dato del buffone, chiamandolo ladro di polli; ho detto che",
	"m*rda c*zz* stronz* *importante* m*e*r*d*a c***o " + strings.Repeat("m*rd* ", 70),
	"𝐒𝐓𝐑𝐎𝐍𝐙𝐎 ｓｔｒｏｎｚｏ ⓜⓔⓡⓓⓐ 🄼🄴🅁🄳🄰 ﬁglio ВАSТАRDO сretino ցօ ı",
	"stro\u200bnzo \u200b\u200d\ufeff cre\u00adtino \U000E0041 \u3164",
	"perche\u0301 e\u0301\u0301 \u0301inizio",
	"dell'ufficio dell’ufficio dellʼufficio l`anno c'è",
	"#SindacoLadro #ASLNapoli #elezioni_2026 😀#ciao C#dev @Comune.Massa. &#39; #️⃣ # @ tutt@",
	"Info: www.comune.massa.ms.it/eventi. https://it.wikipedia.org/wiki/Massa_(Italia)) xn--citt-3na.it xn--99999999 CITTÀ.IT",
	"http://user:pw@[::1]:80/x https:// vero.Io p.es 1.500 12.03.2026 a-.it t.co/abc",
	"mario.rossi@example.com 333 1234567 +39 347-123-4567 RSSMRA85T10A562S IT60X0542811101000000123456 01234567897",
	"😂😂😂😂 👍🏽👍🏽 👨‍👩‍👧 🇮🇹 1️⃣ ©️ ❤️❤️ \ufe0f\u200d\U0001F3FB",
	"VERGOGNA!!!!!!!!!! SIETE TUTTI A CASA???",
	"ciao \xff\xfe stronzo \xc3",
	"\"\"\"«««»»»“”””",
	"Via Roma 12, Milano. Il sig. Rossi ha detto. Fine",
	"Chi scrive che gli stranieri sono tutti ladri dovrebbe vergognarsi. Non è vero che? li ammazzerei, fateli fuori!",
	"zingarimerda parassiticome ammazzarequello stonzo amazzarli E' vero, né lì; te la faccio pagare: spaccarglielo",
	"i musulmaniii vanno bruciaaaati idisabilivannosoppressi africani = 🐒🐒🐀🏻🤮️ forci sterminti",
	"i 🏳️‍🌈 al 🔥🔥 a 👊‍👊 🏳‍🌈‍ al‍🔥 froi sn negr fecci vannobruciativivi andicappati ldari",
}

func FuzzExtract(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, fuzzSeeds[(i+1)%len(fuzzSeeds)])
	}
	lang := testLanguage(f)
	f.Fuzz(func(t *testing.T, text, thread string) {
		facts := Extract(text, thread, lang)
		checkFacts(t, facts)
		if again := Extract(text, thread, lang); !reflect.DeepEqual(facts, again) {
			t.Fatalf("Extract(%q) is not deterministic", text)
		}
		// The cache of words changes nothing.
		if cold := Extract(text, thread, lang.uncached()); !reflect.DeepEqual(facts, cold) {
			t.Fatalf("Extract(%q) with the cache differs from without", text)
		}
		if fp := Fingerprint(facts.Tokens); fp != "" {
			if len(fp) != 16 || strings.Trim(fp, "0123456789abcdef") != "" {
				t.Fatalf("Fingerprint of %q = %q", text, fp)
			}
		}
		if thread != "" {
			s := facts.TopicSimilarity
			if s == nil || *s < 0 || *s > 1 || math.IsNaN(*s) {
				t.Fatalf("similarity %v of %q to %q", s, text, thread)
			}
		}
		toks, _ := tokenize(facts.Text, []rune(facts.Text), false, nil)
		stems := contentStems(toks, testLanguage(t).stopWords)
		if s := Similarity(stems, stems); s < 0 || s > 1 || math.IsNaN(s) {
			t.Fatalf("Similarity of %q to itself = %v", text, s)
		}
	})
}

// checkFacts asserts what every caller of Extract relies on.
func checkFacts(t *testing.T, f Facts) {
	t.Helper()
	if !utf8.ValidString(f.Text) {
		t.Fatalf("text %q is not UTF-8", f.Text)
	}
	rs := []rune(f.Text)
	n := len(rs)
	checkTokens(t, f.Text, f.Tokens)
	for _, g := range f.Ngrams {
		checkSpan(t, "ngram "+g.Key, g.Start, g.End, n)
		if g.Key == "" || !utf8.ValidString(g.Key) {
			t.Fatalf("ngram %+v", g)
		}
	}
	for _, q := range f.Quotes {
		checkSpan(t, "quote", q.Start, q.End, n)
		if q.End-q.Start < 2 || q.Words < 0 {
			t.Fatalf("quote %+v", q)
		}
	}
	for _, l := range f.Links {
		checkSpan(t, "link "+l.URL, l.Start, l.End, n)
		if l.Host == "" || string(rs[l.Start:l.End]) != l.URL || !utf8.ValidString(l.Host) {
			t.Fatalf("link %+v in %q", l, f.Text)
		}
	}
	for _, tag := range append(append([]Tag(nil), f.Hashtags...), f.Mentions...) {
		checkSpan(t, "tag "+tag.Tag, tag.Start, tag.End, n)
		if tag.Tag == "" || tag.End-tag.Start < 2 {
			t.Fatalf("tag %+v in %q", tag, f.Text)
		}
	}
	for _, p := range f.PII {
		checkSpan(t, "pii "+p.Kind, p.Start, p.End, n)
	}
	checkGrammar(t, f)
	fm := f.Form
	if fm.Runes != n || fm.Letters > n || fm.Emoji > n || fm.MaxRun > n || fm.MaxRun < 0 ||
		fm.CapsRatio < 0 || fm.CapsRatio > 1 || fm.EmojiRatio < 0 || fm.EmojiRatio > 1 {
		t.Fatalf("form %+v of %q", fm, f.Text)
	}
}

// checkGrammar asserts the grammar facts: clauses inside the text and
// their sentences, every token's clause a valid index, analyses and
// lemmas well formed.
func checkGrammar(t *testing.T, f Facts) {
	t.Helper()
	n := len([]rune(f.Text))
	for i, c := range f.Clauses {
		checkSpan(t, "clause", c.Start, c.End, n)
		if len(f.Sentences) > 0 && (c.Sentence < 0 || c.Sentence >= len(f.Sentences)) {
			t.Fatalf("clause %d %+v: sentence out of %d in %q", i, c, len(f.Sentences), f.Text)
		}
		if i > 0 && c.Start < f.Clauses[i-1].Start {
			t.Fatalf("clauses out of order: %+v in %q", f.Clauses, f.Text)
		}
	}
	moods := []string{moodIndicative, moodConditional, moodSubjunctive, moodImperative, moodInfinitive, moodGerund, moodParticiple}
	for _, tk := range f.Tokens {
		if tk.Clause < 0 || tk.Clause >= max(len(f.Clauses), 1) {
			t.Fatalf("token %+v: clause %d of %d in %q", tk, tk.Clause, len(f.Clauses), f.Text)
		}
		if len(tk.Lemmas) > 0 && tk.Lemmas[0] != tk.Norm {
			t.Fatalf("token %+v: first lemma is not the word", tk)
		}
		for _, l := range tk.Lemmas {
			if l == "" || !utf8.ValidString(l) {
				t.Fatalf("token %+v: lemma %q", tk, l)
			}
		}
		for _, c := range tk.Clitics {
			if c == "" {
				t.Fatalf("token %+v: empty clitic", tk)
			}
		}
		for _, a := range tk.Analyses {
			if a.Lemma == "" || a.POS != "verb" || !slices.Contains(moods, a.Mood) || a.Person < 0 || a.Person > 3 {
				t.Fatalf("token %+v: analysis %+v", tk, a)
			}
		}
	}
}

func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	rs := []rune(text)
	for _, tk := range toks {
		checkSpan(t, "token "+tk.Norm, tk.Start, tk.End, len(rs))
		if tk.Start == tk.End || tk.Norm == "" || len(tk.Keys) == 0 || tk.Keys[0] != tk.Norm {
			t.Fatalf("token %+v in %q", tk, text)
		}
		if string(rs[tk.Start:tk.End]) != tk.Text {
			t.Fatalf("token text %q is not its span %q in %q", tk.Text, string(rs[tk.Start:tk.End]), text)
		}
		for _, k := range tk.Keys {
			if k == "" || !utf8.ValidString(k) {
				t.Fatalf("token %+v: key %q", tk, k)
			}
		}
	}
}

func checkSpan(t *testing.T, what string, start, end, n int) {
	t.Helper()
	if start < 0 || end > n || start > end {
		t.Fatalf("%s: span [%d,%d) outside a text of %d code points", what, start, end, n)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		toks := Tokenize(rs)
		checkTokens(t, string(rs), toks)
		checkPhrases := Ngrams(toks)
		for _, g := range checkPhrases {
			checkSpan(t, "ngram", g.Start, g.End, len(rs))
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if utf8.ValidString(s) && !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", s, folded)
		}
		if again := Fold(folded); utf8.ValidString(s) && again != folded {
			t.Fatalf("Fold is not idempotent on %q: %q, then %q", s, folded, again)
		}
	})
}

func FuzzLinks(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, l := range Links(text, newOffsets(text)) {
			checkSpan(t, "link "+l.URL, l.Start, l.End, n)
			if l.Host == "" || l.URL == "" {
				t.Fatalf("link %+v in %q", l, text)
			}
		}
	})
}

func FuzzTags(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		idx := newOffsets(text)
		for _, tag := range append(Hashtags(text, idx), Mentions(text, idx)...) {
			checkSpan(t, "tag "+tag.Tag, tag.Start, tag.End, n)
		}
	})
}

func FuzzPersonalData(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	lang := testLanguage(f)
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, p := range PersonalData(text, newOffsets(text), lang) {
			checkSpan(t, "pii "+p.Kind, p.Start, p.End, n)
			if p.Kind == "" {
				t.Fatalf("finding without a kind: %+v", p)
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	lang := testLanguage(f)
	f.Fuzz(func(t *testing.T, text string) {
		n := utf8.RuneCountInString(text)
		for _, s := range Sentences(text, newOffsets(text), lang) {
			checkSpan(t, "sentence", s[0], s[1], n)
		}
	})
}

func FuzzForm(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rs := []rune(text)
		fm := formOf(rs)
		if fm.Runes != len(rs) || fm.MaxRun > len(rs) || fm.Emoji > len(rs) ||
			fm.CapsRatio < 0 || fm.CapsRatio > 1 || fm.EmojiRatio < 0 || fm.EmojiRatio > 1 {
			t.Fatalf("form %+v of %q", fm, text)
		}
	})
}

// FuzzOffsets asks the byte-to-code-point cursor in any order.
// startsAt tells whether a character of text, as a range loop sees it,
// starts at byte b.
func startsAt(text string, b int) bool {
	for i := range text {
		if i == b {
			return true
		}
		if i > b {
			return false
		}
	}
	return false
}

func FuzzOffsets(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, []byte{0, 255, 17, 128, 3, 3, 200, 1})
	}
	f.Fuzz(func(t *testing.T, text string, probes []byte) {
		o := newOffsets(text)
		for _, p := range probes {
			b := int(p) * (len(text) + 2) / 255
			// The characters as utf8.RuneCountInString counts them, each
			// byte of invalid UTF-8 one: an offset inside a character
			// counts as the character's start.
			want := 0
			for i := range text {
				if i >= b {
					break
				}
				want++
			}
			if b < len(text) && want > 0 && !startsAt(text, b) {
				want--
			}
			if got := o.rune(b); got != want {
				t.Fatalf("rune(%d) of %q = %d, want %d", b, text, got, want)
			}
		}
	})
}
