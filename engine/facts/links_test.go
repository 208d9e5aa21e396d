package facts

import (
	"slices"
	"testing"
)

func TestLinks(t *testing.T) {
	type link struct{ span, host string }
	cases := []struct {
		text string
		want []link
	}{
		{"Info su www.comune.massa.ms.it/eventi.", []link{{"www.comune.massa.ms.it/eventi", "www.comune.massa.ms.it"}}},
		{"vedi https://bit.ly/x1, grazie", []link{{"https://bit.ly/x1", "bit.ly"}}},
		{"HTTPS://Example.COM/Path?q=1#top!", []link{{"HTTPS://Example.COM/Path?q=1#top", "example.com"}}},
		{"(vedi https://it.wikipedia.org/wiki/Massa_(Italia))", []link{{"https://it.wikipedia.org/wiki/Massa_(Italia)", "it.wikipedia.org"}}},
		{"http://user:pw@comune.it:8080/a", []link{{"http://user:pw@comune.it:8080/a", "comune.it"}}},
		{"scrivete su comune.tradate.va.it oppure t.co/abc", []link{{"comune.tradate.va.it", "comune.tradate.va.it"}, {"t.co/abc", "t.co"}}},
		{"Info:www.x.it", []link{{"www.x.it", "www.x.it"}}},
		{"sito xn--citt-3na.it", []link{{"xn--citt-3na.it", "città.it"}}},
		{"sito CITTÀ.IT e città.it", []link{{"CITTÀ.IT", "città.it"}, {"città.it", "città.it"}}},
		{"«www.comune.it»", []link{{"www.comune.it", "www.comune.it"}}},
		{"www.esempio.museum", []link{{"www.esempio.museum", "www.esempio.museum"}}},
		{"perché è così? vedi comune.it", []link{{"comune.it", "comune.it"}}},
		// Not links.
		{"scrivi a mario.rossi@example.com", nil},
		{"sono 1.500 euro, il 12.03.2026", nil},
		{"è vero.Io dico di no", nil},
		{"p.es. così", nil},
		{"ecc.ecc.", nil},
		{"https:// niente", nil},
		{"a-.it -b.it", nil},
		{"sig.ra Rossi", nil},
	}
	for _, c := range cases {
		links := Links(c.text, newOffsets(c.text))
		var got []link
		rs := []rune(c.text)
		for _, l := range links {
			if l.Start < 0 || l.End > len(rs) || l.Start > l.End {
				t.Fatalf("%q: span [%d,%d) out of the text", c.text, l.Start, l.End)
			}
			if string(rs[l.Start:l.End]) != l.URL {
				t.Errorf("%q: url %q is not its span %q", c.text, l.URL, string(rs[l.Start:l.End]))
			}
			got = append(got, link{l.URL, l.Host})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: links %q, want %q", c.text, got, c.want)
		}
	}
}

func TestDomainSuffixes(t *testing.T) {
	got := domainSuffixes("www.comune.massa.ms.it")
	want := []string{"www.comune.massa.ms.it", "comune.massa.ms.it", "massa.ms.it", "ms.it"}
	if !slices.Equal(got, want) {
		t.Errorf("suffixes %q, want %q", got, want)
	}
}

// Examples of RFC 3492, section 7.1, and Italian names.
func TestPunycodeDecode(t *testing.T) {
	cases := map[string]string{
		"bcher-kva":                "bücher",
		"mnchen-3ya":               "münchen",
		"citt-3na":                 "città",
		"egbpdaj6bu4bxfgehfvwxn":   "ليهمابتكلموشعربي؟",
		"ihqwcrb4cv8a8dqg056pqjye": "他们为什么不说中文",
	}
	for in, want := range cases {
		got, ok := punycodeDecode(in)
		if !ok || got != want {
			t.Errorf("punycodeDecode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"a-ü", "99999999999", "zzzzzzzzzzzz", "-!"} {
		if got, ok := punycodeDecode(bad); ok {
			t.Errorf("punycodeDecode(%q) = %q, want an error", bad, got)
		}
	}
}

func TestHashtagsAndMentions(t *testing.T) {
	text := "#VotaRossi #ASLNapoli #elezioni_2026 😀#ciao C#dev mail@example.com @Comune.Massa. &#39; #️⃣ #"
	idx := newOffsets(text)
	rs := []rune(text)
	type tag struct {
		tag, span string
		words     []string
	}
	var got []tag
	for _, h := range Hashtags(text, idx) {
		got = append(got, tag{h.Tag, string(rs[h.Start:h.End]), h.Words})
	}
	want := []tag{
		{"votarossi", "#VotaRossi", []string{"vota", "rossi"}},
		{"aslnapoli", "#ASLNapoli", []string{"asl", "napoli"}},
		{"elezioni_2026", "#elezioni_2026", []string{"elezioni", "2026"}},
		{"ciao", "#ciao", []string{"ciao"}},
	}
	if !slices.EqualFunc(got, want, func(a, b tag) bool {
		return a.tag == b.tag && a.span == b.span && slices.Equal(a.words, b.words)
	}) {
		t.Errorf("hashtags %+v, want %+v", got, want)
	}
	m := Mentions(text, idx)
	if len(m) != 1 || m[0].Tag != "comune.massa" || string(rs[m[0].Start:m[0].End]) != "@Comune.Massa" || m[0].Words != nil {
		t.Errorf("mentions %+v", m)
	}
}

func TestFormFacts(t *testing.T) {
	cases := []struct {
		text             string
		emoji, maxRun    int
		caps, emojiRatio float64
		question         bool
	}{
		{"VERGOGNA!!! SIETE TUTTI A CASA? 😡😡", 2, 3, 1, 2.0 / 25, true},
		{"ciao", 0, 1, 0, 0, false},
		{"", 0, 0, 0, 0, false},
		{"😂😂😂😂😂😂", 6, 6, 0, 1, false},
		{"👍🏽👍🏽👍🏽 ok", 3, 3, 0, 3.0 / 5, false},
		{"👨‍👩‍👧 famiglia", 1, 1, 0, 1.0 / 9, false},
		{"🇮🇹🇮🇹", 2, 2, 0, 1, false},
		{"1️⃣ ©️ ok", 2, 1, 0, 2.0 / 4, false},
		{"❤️❤️❤️❤️", 4, 4, 0, 1, false},
		{"merdaaaaaa", 0, 6, 0, 0, false},
		{"AAAaaa", 0, 6, 0.5, 0, false},
		{"a a a a", 0, 1, 0, 0, false},
	}
	for _, c := range cases {
		f := formOf([]rune(c.text))
		if f.Emoji != c.emoji || f.MaxRun != c.maxRun || !near(f.CapsRatio, c.caps) || !near(f.EmojiRatio, c.emojiRatio) || f.Question != c.question {
			t.Errorf("%q: form %+v, want emoji %d, max run %d, caps %.3f, emoji ratio %.3f, question %v",
				c.text, f, c.emoji, c.maxRun, c.caps, c.emojiRatio, c.question)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
