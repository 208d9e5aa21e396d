package facts

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// lexiconData merges policies/lexicon/*.yaml as OPA's loader does: the
// top-level keys of every file, side by side, under data.lexicon.
var lexiconData = sync.OnceValues(func() (map[string]any, error) {
	files, err := filepath.Glob(filepath.Join("..", "..", "policies", "lexicon", "*.yaml"))
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var doc map[string]any
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, err
		}
		for k, v := range doc {
			// terms are spread over several files: their entries merge.
			if m, ok := v.(map[string]any); ok {
				if prev, ok := out[k].(map[string]any); ok {
					for kk, vv := range m {
						prev[kk] = vv
					}
					continue
				}
			}
			out[k] = v
		}
	}
	return out, nil
})

var italian = sync.OnceValues(func() (*Language, error) {
	lex, err := lexiconData()
	if err != nil {
		return nil, err
	}
	return NewLanguage(lex)
})

// testLanguage is the language of the project's lexicon.
func testLanguage(t testing.TB) *Language {
	t.Helper()
	l, err := italian()
	if err != nil {
		t.Fatal(err)
	}
	if l == nil {
		t.Fatal("the lexicon has no language")
	}
	return l
}

// extract is Extract with the project's language.
func extract(t testing.TB, text, thread string) Facts {
	t.Helper()
	return Extract(text, thread, testLanguage(t))
}

func TestNewLanguageWithoutLanguageIsNil(t *testing.T) {
	l, err := NewLanguage(map[string]any{"terms": map[string]any{}})
	if l != nil || err != nil {
		t.Fatalf("NewLanguage of a lexicon without language = %v, %v", l, err)
	}
}

func TestNewLanguageNamesTheBadKey(t *testing.T) {
	cases := []struct {
		name     string
		language map[string]any
		want     string
	}{
		{"unknown key", map[string]any{"negatorz": []any{"non"}}, `"negatorz"`},
		{"not a list", map[string]any{"clitics": "li lo"}, "clitics"},
		{"not folded", map[string]any{"function_words": []any{"Perché"}}, "language.function_words[0]"},
		{"two words", map[string]any{"clitics": []any{"me lo"}}, "language.clitics[0]"},
		{"nested", map[string]any{"reported": map[string]any{"speech": []any{"dice", "Dicono"}}}, "language.reported.speech[1]"},
		{"bad scope", map[string]any{"reported_frames": map[string]any{"chi dice che": "forever"}}, `language.reported_frames["chi dice che"]`},
		{"bad frame", map[string]any{"negation_frames": []any{"non è vero che"}}, "language.negation_frames[0]"},
		{"negator", map[string]any{"negators": []any{"NON"}}, "language.negators[0]"},
		{"emoji word", map[string]any{"emoji_words": map[string]any{"🐒": "Scimmia"}}, `language.emoji_words["🐒"]`},
		{"emoji letter", map[string]any{"emoji_words": map[string]any{"a": "scimmia"}}, `language.emoji_words["a"]: not one emoji`},
		{"two emoji", map[string]any{"emoji_words": map[string]any{"🐒🐀": "scimmia"}}, "not one emoji"},
		{"emoji twice", map[string]any{"emoji_words": map[string]any{"☠": "morte", "☠\uFE0F": "teschio"}}, "already stands for"},
	}
	for _, c := range cases {
		_, err := NewLanguage(map[string]any{"language": c.language})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.want)
		}
	}
}

func TestProjectLanguageLoads(t *testing.T) {
	l := testLanguage(t)
	if !l.clitics["li"] || !l.negators["non"] || l.negatorsAc["ne"] != "né" || l.report["dicono"]&wSpeech == 0 {
		t.Fatalf("language lists missing: %+v", l)
	}
	if len(l.frames["chi"]) == 0 || len(l.frames["non"]) == 0 {
		t.Fatal("no frames")
	}
}

func TestNewLanguageNamesTheBadMorphologyKey(t *testing.T) {
	cases := []struct {
		name       string
		morphology map[string]any
		want       string
	}{
		{"unknown key", map[string]any{"verbz": map[string]any{}}, `"verbz"`},
		{"bad tense", map[string]any{"verbs": map[string]any{"are": map[string]any{
			"infinitive": []any{"are"}, "indicative presente": []any{"o", "i", "a", "iamo", "ate", "ano"}}}},
			`morphology.verbs.are: "indicative presente"`},
		{"five persons", map[string]any{"verbs": map[string]any{"are": map[string]any{
			"infinitive": []any{"are"}, "indicative present": []any{"o", "i", "a", "iamo", "ate"}}}},
			`morphology.verbs.are["indicative present"]: 5 forms, want 6`},
		{"no infinitive", map[string]any{"verbs": map[string]any{"are": map[string]any{"gerund": []any{"ando"}}}},
			"morphology.verbs.are: no infinitive"},
		{"bad like", map[string]any{"irregular": map[string]any{"fare": map[string]any{"like": []any{"xyz", "fac"}}}},
			"morphology.irregular.fare.like"},
		{"irregular key", map[string]any{"irregular": map[string]any{"fare": map[string]any{"futuro": "far"}}},
			`"futuro"`},
		{"bad compound", map[string]any{"irregular": map[string]any{"fare": map[string]any{"compounds": []any{"rifatto"}}}},
			"morphology.irregular.fare.compounds"},
		{"noun ending", map[string]any{"nouns": map[string]any{"I": []any{"o"}}}, `morphology.nouns["I"]`},
	}
	for _, c := range cases {
		_, err := NewLanguage(map[string]any{"language": map[string]any{}, "morphology": c.morphology})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.want)
		}
	}
}

func TestEqualLexiconsShareALanguage(t *testing.T) {
	lex, err := lexiconData()
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewLanguage(lex)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewLanguage(lex)
	if err != nil || a != b {
		t.Fatalf("two languages of one lexicon: %p %p %v", a, b, err)
	}
	other := map[string]any{"language": lex["language"], "morphology": lex["morphology"]}
	if c, err := NewLanguage(other); err != nil || c == a {
		t.Fatalf("a lexicon without terms shares the language of one with them: %v", err)
	}
}
