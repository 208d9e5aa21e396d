package facts

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenWithKey finds the token of text (folded by Extract, NFC first) that
// has key among its lookup candidates.
func tokenWithKey(t testing.TB, text, key string) (Token, Facts, bool) {
	f := extract(t, text, "")
	for _, tk := range f.Tokens {
		if slices.Contains(tk.Keys, key) {
			return tk, f, true
		}
	}
	return Token{}, f, false
}

func spanText(f Facts, start, end int) string {
	rs := []rune(f.Text)
	if start < 0 || end > len(rs) || start > end {
		return "<out of text>"
	}
	return string(rs[start:end])
}

func norms(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Norm
	}
	return out
}

// Each step of the normalisation, with the span it keeps in the original.
func TestNormalisationSteps(t *testing.T) {
	cases := []struct {
		step, text, key, span string
	}{
		{"NFC", "perche\u0301 no", "perche", "perché"},
		{"case folding", "Sei uno STRONZO!", "stronzo", "STRONZO"},
		{"accents", "è più città", "citta", "città"},
		{"accents, capitals", "PERCHÉ", "perche", "PERCHÉ"},
		{"flood cut to two", "cazzzzzo", "cazzo", "cazzzzzo"},
		{"flood cut to one", "che merdaaaa!!!", "merda", "merdaaaa"},
		{"leet digits", "sei uno str0nz0", "stronzo", "str0nz0"},
		{"leet digits", "c4zz0", "cazzo", "c4zz0"},
		{"leet symbols", "c@zzo", "cazzo", "c@zzo"},
		{"leet euro", "m€rda", "merda", "m€rda"},
		{"leet dollar at the start", "$tronzo", "stronzo", "$tronzo"},
		{"at sign ending a word", "ciao a tutt@", "tutta", "tutt@"},
		{"mask inside", "sei una m*rda", "merda", "m*rda"},
		{"two masks", "c*zz*", "cazzo", "c*zz*"},
		{"mask at the end", "stronz*!", "stronzo", "stronz*"},
		{"other mask symbol", "str∗nzo", "stronzo", "str∗nzo"},
		{"spelled with spaces", "sei uno s t r o n z o", "stronzo", "s t r o n z o"},
		{"spelled with dots", "m.e.r.d.a", "merda", "m.e.r.d.a"},
		{"spelled with masks", "m*e*r*d*a", "merda", "m*e*r*d*a"},
		{"spelled with dashes", "c-a-z-z-o", "cazzo", "c-a-z-z-o"},
		{"zero-width space", "stro\u200bnzo", "stronzo", "stro\u200bnzo"},
		{"soft hyphen", "cre\u00adtino", "cretino", "cre\u00adtino"},
		{"word joiner", "idi\u2060ota", "idiota", "idi\u2060ota"},
		{"zero-width at the edges", "\u200bcretino\u200b", "cretino", "cretino"},
		{"Cyrillic", "сretino", "cretino", "сretino"},
		{"Cyrillic capitals", "ВАSТАRDO", "bastardo", "ВАSТАRDO"},
		{"Greek", "ιdιοτα", "idiota", "ιdιοτα"},
		{"Armenian", "ցօ", "go", "ցօ"},
		{"dotless i", "cretıno", "cretino", "cretıno"},
		{"fullwidth", "ｓｔｒｏｎｚｏ", "stronzo", "ｓｔｒｏｎｚｏ"},
		{"fullwidth capitals", "ＳＴＲＯＮＺＯ", "stronzo", "ＳＴＲＯＮＺＯ"},
		{"mathematical bold", "𝐒𝐓𝐑𝐎𝐍𝐙𝐎", "stronzo", "𝐒𝐓𝐑𝐎𝐍𝐙𝐎"},
		{"mathematical italic", "𝑠𝑡𝑟𝑜𝑛𝑧𝑜", "stronzo", "𝑠𝑡𝑟𝑜𝑛𝑧𝑜"},
		{"mathematical script", "𝓈𝓉𝓇𝑜𝓃𝓏𝑜", "stronzo", "𝓈𝓉𝓇𝑜𝓃𝓏𝑜"},
		{"mathematical bold italic", "𝒎𝒆𝒓𝒅𝒂", "merda", "𝒎𝒆𝒓𝒅𝒂"},
		{"mathematical sans-serif bold", "𝗺𝗲𝗿𝗱𝗮", "merda", "𝗺𝗲𝗿𝗱𝗮"},
		{"mathematical monospace", "𝚖𝚎𝚛𝚍𝚊", "merda", "𝚖𝚎𝚛𝚍𝚊"},
		{"double-struck", "𝕞𝕖𝕣𝕕𝕒", "merda", "𝕞𝕖𝕣𝕕𝕒"},
		{"circled letters", "ⓜⓔⓡⓓⓐ", "merda", "ⓜⓔⓡⓓⓐ"},
		{"squared letters", "🄼🄴🅁🄳🄰", "merda", "🄼🄴🅁🄳🄰"},
		{"ligature", "ﬁglio", "figlio", "ﬁglio"},
		{"digits in a name", "vota m5s", "m5s", "m5s"},
		{"camel-case hashtag", "#SindacoLadro", "ladro", "Ladro"},
		{"camel-case hashtag, acronym", "#ASLNapoli", "napoli", "Napoli"},
	}
	for _, c := range cases {
		tok, f, ok := tokenWithKey(t, c.text, c.key)
		if !ok {
			t.Errorf("%s: %q has no token with key %q: %v", c.step, c.text, c.key, norms(f.Tokens))
			continue
		}
		if got := spanText(f, tok.Start, tok.End); got != c.span {
			t.Errorf("%s: %q: the span of %q is %q, want %q", c.step, c.text, c.key, got, c.span)
		}
		if got := spanText(f, tok.Start, tok.End); got != tok.Text {
			t.Errorf("%s: %q: token text %q is not its span %q", c.step, c.text, tok.Text, got)
		}
	}
}

// Words the normalisation must leave alone.
func TestNormalisationKeepsOrdinaryText(t *testing.T) {
	cases := []struct {
		text  string
		norms []string
	}{
		{"dell'ufficio", []string{"dell", "ufficio"}},
		{"dell’ufficio", []string{"dell", "ufficio"}},
		{"dellʼufficio", []string{"dell", "ufficio"}},
		{"l`anno", []string{"l", "anno"}},
		{"c'è un po' di gente", []string{"c", "e", "un", "po", "di", "gente"}},
		{"Il 2026 è l'anno!", []string{"il", "2026", "e", "l", "anno"}},
		{"costa 10€ o 10$", []string{"costa", "10", "o", "10"}},
		{"ciao!!!", []string{"ciao"}},
		{"1.500 euro", []string{"1", "500", "euro"}},
		{"*importante*", []string{"importante"}},
		{"nota*", []string{"nota*"}},
		{"a e i", []string{"a", "e", "i", "aei"}}, // spelled out, as far as the engine can tell
		{"mario.rossi@example.com", []string{"mario", "rossi", "example", "com"}},
		{"ciao 😡😡 👍🏽 1️⃣ 🇮🇹 ❤️", []string{"ciao"}},
		{"😀\ufe0fciao", []string{"ciao"}},
		{"città", []string{"citta"}},
		{"αγάπη", []string{"ayaπη"}}, // look-alikes fold even in a Greek word: only keys matter
		{"Straße", []string{"straße"}},
	}
	for _, c := range cases {
		toks := Tokenize([]rune(c.text))
		if got := norms(toks); !slices.Equal(got, c.norms) {
			t.Errorf("%q: norms %q, want %q", c.text, got, c.norms)
		}
	}
}

func TestMaskGuessesAreBounded(t *testing.T) {
	toks := Tokenize([]rune("c*zz*"))
	if len(toks) != 1 || len(toks[0].Keys) != 26 {
		t.Fatalf("c*zz*: %d tokens, keys %v", len(toks), toks[0].Keys)
	}
	if toks := Tokenize([]rune("c***o")); len(toks) != 1 || len(toks[0].Keys) != 1 {
		t.Errorf("three masks are not guessed: %v", toks)
	}
	text := strings.Repeat("m*rd* ", 200)
	guessed := 0
	for _, tk := range Tokenize([]rune(text)) {
		if len(tk.Keys) > 1 {
			guessed++
		}
	}
	if guessed != maxMasked {
		t.Errorf("%d masked words guessed, want %d", guessed, maxMasked)
	}
}

func TestFold(t *testing.T) {
	cases := map[string]string{
		"":              "",
		"Perché":        "perche",
		"CITTÀ":         "citta",
		"ВАSТАRDO":      "bastardo",
		"𝐕𝐨𝐭𝐚":          "vota",
		"Ａｂｃ":           "abc",
		"ẞ":             "ß",
		"Ǆ":             "ǆ",
		"ǅ":             "ǆ",
		"a\u200bb":      "ab",
		"e\u0301\u0301": "e",
		"Ώ":             "ω",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
		if again := Fold(Fold(in)); again != Fold(in) {
			t.Errorf("Fold is not idempotent on %q: %q, then %q", in, Fold(in), again)
		}
	}
}

func TestQuotedSpeech(t *testing.T) {
	cases := []struct {
		text   string
		quoted []string
		words  []int // per quotation
	}{
		{`ha scritto "sei un idiota" e basta`, []string{"sei", "un", "idiota"}, []int{3}},
		{`il cartello diceva «vietato l'accesso»`, []string{"vietato", "l", "accesso"}, []int{3}},
		{`“ladri” ci chiamano`, []string{"ladri"}, []int{1}},
		{`”ladri” con un solo tipo di virgolette`, []string{"ladri"}, []int{1}},
		{`«fuori «tutti» subito»`, []string{"fuori", "tutti", "subito"}, []int{3, 1}},
		{`"aperta e mai chiusa`, nil, nil},
		{`«aperta e mai chiusa`, nil, nil},
		{`"uno" e "due"`, []string{"uno", "due"}, []int{1, 1}},
		{`nessuna citazione`, nil, nil},
		// Single quotes, told from apostrophes.
		{`chi scrive 'i rom vanno cacciati' sbaglia`, []string{"i", "rom", "vanno", "cacciati"}, []int{4}},
		{`‘ladri’ ci chiamano`, []string{"ladri"}, []int{1}},
		{`l'ufficio è chiuso, un po' di pazienza`, nil, nil},
		{`'un ti vergogni? fa' un po' te`, nil, nil},
		{`dice 'basta!' e se ne va`, []string{"basta"}, []int{1}},
		{"'aperta qui\ne chiusa là'", nil, nil},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		var quoted []string
		for _, tk := range f.Tokens {
			if tk.Quoted {
				quoted = append(quoted, tk.Norm)
			}
		}
		if !slices.Equal(quoted, c.quoted) {
			t.Errorf("%q: quoted %q, want %q", c.text, quoted, c.quoted)
		}
		var words []int
		for _, q := range f.Quotes {
			words = append(words, q.Words)
			if r, _ := utf8.DecodeRuneInString(spanText(f, q.Start, q.End)); !strings.ContainsRune(`"«“”‘'`, r) {
				t.Errorf("%q: quotation %+v does not start at a mark", c.text, q)
			}
		}
		if !slices.Equal(words, c.words) {
			t.Errorf("%q: words per quotation %v, want %v", c.text, words, c.words)
		}
	}
}

func TestReportedSpeech(t *testing.T) {
	cases := []struct {
		text     string
		reported []string
	}{
		{"Il vigile mi ha detto che sono un idiota. Poi se n'è andato", []string{"che", "sono", "un", "idiota"}},
		{"ha scritto: siete dei ladri! Ma non è vero", []string{"siete", "dei", "ladri"}},
		{"mi ha dato del buffone, e io rido", []string{"buffone"}},
		{"dandogli del cretino davanti a tutti, se n'è andato", []string{"cretino", "davanti", "a", "tutti"}},
		{"chiamandolo ladro di polli davanti a tutti", []string{"ladro", "di", "polli", "davanti", "a"}},
		{"l'ha definito un incapace; io no", []string{"un", "incapace"}},
		{"dicono che il sindaco è un ladro", []string{"che", "il", "sindaco", "e", "un", "ladro"}},
		{"mi sono sentito dare del fannullone", []string{"fannullone"}},
		{"è stato detto che siete corrotti", []string{"che", "siete", "corrotti"}},
		{`mi ha detto: «sei un idiota. Vattene» e poi basta. Tu invece`, []string{"sei", "un", "idiota", "vattene", "e", "poi", "basta"}},
		{`«Lui ha detto che sei bravo» ma tu sei un cretino`, []string{"che", "sei", "bravo"}},
		{"chiamandolo bugiardo, poi ha detto che è un ladro. Io no", []string{"bugiardo", "che", "e", "un", "ladro"}},
		{"mi ha chiamato bugiardo ha detto che è un ladro. Io no", []string{"bugiardo", "ha", "detto", "che", "e", "un", "ladro"}},
		{"in mensa un bambino lo chiama scemo tutti i giorni", []string{"scemo", "tutti", "i", "giorni"}},
		{"mi chiamavano untore perché facevo l'infermiere", []string{"untore", "perche", "facevo", "l", "infermiere"}},
		{"Un operaio mi ha dato del cretino. Non è accettabile", []string{"cretino"}},
		{"chiama l'URP, stupido", nil},
		// The author's own words are not reported speech.
		{"ho detto che sei uno stronzo", nil},
		{"gli abbiamo scritto che siete ladri", nil},
		{"detto questo, siete dei ladri", nil},
		{"e detto fatto, incapaci", nil},
		{"ha dato la colpa agli altri", nil},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		var reported []string
		for _, tk := range f.Tokens {
			if tk.Reported {
				reported = append(reported, tk.Norm)
			}
		}
		if !slices.Equal(reported, c.reported) {
			t.Errorf("%q: reported %q, want %q", c.text, reported, c.reported)
		}
	}
}

func TestNgramsUseEveryKey(t *testing.T) {
	cases := []struct{ text, key, span string }{
		{"sei un pezzo di merda", "pezzo di merda", "pezzo di merda"},
		{"sei un pezzo di merdaaaa", "pezzo di merda", "pezzo di merdaaaa"},
		{"sei un pezzo di m*rda", "pezzo di merda", "pezzo di m*rda"},
		{"p*rco d*o", "porco dio", "p*rco d*o"},
		{"piece of merdaaa di m*rda", "merda di merda", "merdaaa di m*rda"},
		{"vota M5S", "vota m5s", "vota M5S"},
		{"dell'ufficio tecnico", "dell ufficio tecnico", "dell'ufficio tecnico"},
	}
	for _, c := range cases {
		f := extract(t, c.text, "")
		found := false
		for _, g := range f.Ngrams {
			if g.Key == c.key {
				found = true
				if got := spanText(f, g.Start, g.End); got != c.span {
					t.Errorf("%q: span of %q is %q, want %q", c.text, c.key, got, c.span)
				}
			}
		}
		if !found {
			t.Errorf("%q: no phrase %q", c.text, c.key)
		}
	}
}

func TestNgramsQuotedAndReported(t *testing.T) {
	f := extract(t, `mi ha scritto «pezzo di merda» ieri`, "")
	for _, g := range f.Ngrams {
		if g.Key == "pezzo di merda" && (!g.Quoted || !g.Reported) {
			t.Errorf("%+v: want quoted and reported", g)
		}
		if g.Key == "scritto pezzo di" && g.Quoted {
			t.Errorf("%+v: half a quotation is not quoted", g)
		}
	}
}

func TestCamelCaseHashtagWords(t *testing.T) {
	toks := Tokenize([]rune("#SindacoLadro e #ciao"))
	got := norms(toks)
	want := []string{"sindacoladro", "sindaco", "ladro", "e", "ciao"}
	if !slices.Equal(got, want) {
		t.Errorf("norms %q, want %q", got, want)
	}
	// The words of a hashtag do not count twice as words of the text.
	if fp1, fp2 := Fingerprint(Tokenize([]rune("#SindacoLadro"))), Fingerprint(Tokenize([]rune("#sindacoladro"))); fp1 != fp2 {
		t.Errorf("fingerprints differ: %s, %s", fp1, fp2)
	}
}

func TestOffsetsCursor(t *testing.T) {
	text := "Perché è così? 😡 città, ﬁne — ok"
	o := newOffsets(text)
	var bounds []int
	for i := range text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(text))
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		b := bounds[r.IntN(len(bounds))]
		if got, want := o.rune(b), utf8.RuneCountInString(text[:b]); got != want {
			t.Fatalf("rune(%d) = %d, want %d", b, got, want)
		}
	}
	if got := o.rune(len(text) + 10); got != utf8.RuneCountInString(text) {
		t.Errorf("past the end: %d", got)
	}
	if got := o.rune(-3); got != 0 {
		t.Errorf("before the start: %d", got)
	}
	// Inside a multi-byte character: that character's start.
	if got := o.rune(6); got != 5 {
		t.Errorf("inside é: %d, want 5", got)
	}
}

func TestExtractInvalidUTF8(t *testing.T) {
	f := extract(t, "ciao \xff\xfe stronzo \xc3", "")
	if !utf8.ValidString(f.Text) {
		t.Fatalf("text %q is not UTF-8", f.Text)
	}
	n := utf8.RuneCountInString(f.Text)
	for _, tk := range f.Tokens {
		if tk.Start < 0 || tk.End > n || tk.Start > tk.End || spanText(f, tk.Start, tk.End) != tk.Text {
			t.Errorf("token %+v in %q", tk, f.Text)
		}
	}
}

func TestSpelledWordBreaks(t *testing.T) {
	cases := []struct {
		text string
		want []string // the joined words
	}{
		{"t i  a m m a z z o", []string{"ti", "ammazzo"}},
		{"v i   b r u c i o  t u t t i", []string{"vi", "brucio", "tutti"}},
		{"s t r o n z o", []string{"stronzo"}},
		{"c i a o  a  t u t t i", []string{"ciao", "tutti"}},
		// Single letters with wide gaps but no word of three: nothing joined.
		{"a  e  i  o", nil},
		{"t i  v o", nil},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range Tokenize([]rune(c.text)) {
			if tk.End-tk.Start > 1 && strings.ContainsRune(tk.Text, ' ') {
				got = append(got, tk.Norm)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: joined %q, want %q", c.text, got, c.want)
		}
	}
	// In sequence, the joined words take the clitics before them.
	f := extract(t, "t i  a m m a z z o", "")
	for _, tk := range f.Tokens {
		if tk.Norm == "ammazzo" && !slices.Equal(tk.Clitics, []string{"ti"}) {
			t.Errorf("ammazzo: clitics %q, want [ti]", tk.Clitics)
		}
	}
}
