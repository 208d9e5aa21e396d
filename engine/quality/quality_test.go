package quality

import (
	"bytes"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine"
)

const (
	policies = "../../policies"
	theSet   = "testdata/comments.yaml"
)

// Floors of the figures on the labelled set. A figure below its floor fails
// the test: the change that caused it made the engine worse. Targets are the
// issue's aims. While the engine meets a target its floor is the target; a
// floor below its target (the figure at the time, minus a small margin)
// marks an aim not met yet, with the gap stated in the README ("Quality").
var floors = []struct {
	name          string
	floor, target float64
	value         func(*Report) float64
}{
	{"precision of automatic removal", 0.95, 0.95, func(r *Report) float64 { return r.Remove.Precision() }},
	{"recall of offensive_language", 0.85, 0.85, func(r *Report) float64 { return r.Category("offensive_language").Recall() }},
	{"recall of personal_data", 0.85, 0.85, func(r *Report) float64 { return r.Category("personal_data").Recall() }},
}

func TestQualityFloors(t *testing.T) {
	s, err := Load(theSet)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Evaluate(context.Background(), policies, s, "")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteText(&out, r, false); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	for _, f := range floors {
		v := f.value(r)
		switch {
		case v < f.floor:
			t.Errorf("%s = %.3f, below its floor %.3f (target %.3f): `go run ./cmd/galateo eval -v` lists the comments decided wrongly", f.name, v, f.floor, f.target)
		case v < f.target:
			t.Logf("%s = %.3f: floor %.3f, target %.3f not met yet (gap %.3f)", f.name, v, f.floor, f.target, f.target-v)
		default:
			t.Logf("%s = %.3f: target %.3f met", f.name, v, f.target)
		}
	}
}

// The set is what the issue asks for: enough comments, enough positives of
// every category it covers, enough hard negatives.
func TestSetComposition(t *testing.T) {
	s, err := Load(theSet)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Comments) < 400 {
		t.Errorf("%d comments, want at least 400", len(s.Comments))
	}
	positives := map[string]int{}
	hard, removed := 0, 0
	for _, c := range s.Comments {
		for _, cat := range c.Categories {
			positives[cat]++
		}
		if c.Hard() {
			hard++
		}
		if c.Remove {
			removed++
		}
		if c.Thread == "" {
			t.Errorf("%s: every comment answers one of the Comune's posts", c.ID)
		}
	}
	for cat, n := range positives {
		want := 15
		if cat == "offensive_language" || cat == "personal_data" {
			want = 30
		}
		if n < want {
			t.Errorf("%s: %d positives, want at least %d", cat, n, want)
		}
	}
	if len(positives) < 10 {
		t.Errorf("categories covered = %v, want the categories of Massa's policy", positives)
	}
	if hard < 150 {
		t.Errorf("%d hard negatives, want at least 150", hard)
	}
	if removed == 0 {
		t.Error("no comment is labelled remove")
	}
	for _, tag := range []string{"criticism", "dialect", "irony", "quoted", "place", "saint", "number", "near_word", "leetspeak", "spaced", "repeated"} {
		n := 0
		for _, c := range s.Comments {
			for _, t := range c.Tags {
				if t == tag {
					n++
				}
			}
		}
		if n < 3 {
			t.Errorf("tag %s: %d comments, want at least 3", tag, n)
		}
	}
}

func TestParseRejectsMalformedSets(t *testing.T) {
	head := "ente: massa\nchannel: {platform: facebook}\nnow: \"2026-11-24T10:15:00+01:00\"\nthreads: {p: \"post\"}\ncomments:\n"
	cases := []struct{ name, yaml, want string }{
		{"unknown field", head + "  - {id: a, text: x, categoria: [threat]}\n", "categoria"},
		{"unknown top field", "entity: massa\n", "entity"},
		{"duplicate id", head + "  - {id: a, text: x}\n  - {id: a, text: y}\n", `line 7, id "a"): id already used at line 6`},
		{"missing id", head + "  - {text: x}\n", "id is required"},
		{"empty text", head + "  - {id: a, text: \"  \"}\n", "text is required"},
		{"unknown thread", head + "  - {id: a, thread: q, text: x}\n", `thread "q" is not among threads`},
		{"unknown category", head + "  - {id: a, text: x, categories: [insult]}\n", `unknown category "insult"`},
		{"category twice", head + "  - {id: a, text: x, categories: [threat, threat]}\n", `category "threat" twice`},
		{"remove without reason", head + "  - {id: a, text: x, remove: true}\n", "a removal needs a reason"},
		{"unknown tag", head + "  - {id: a, text: x, tags: [ironia]}\n", `unknown tag "ironia"`},
		{"bad kind", head + "  - {id: a, text: x, kind: post}\n", "kind must be comment or reply"},
		{"no comments", "ente: massa\nchannel: {platform: facebook}\nnow: \"2026-11-24T10:15:00+01:00\"\n", "the set has none"},
		{"no ente", "channel: {platform: facebook}\nnow: \"2026-11-24T10:15:00+01:00\"\ncomments:\n  - {id: a, text: x}\n", "ente is required"},
		{"bad platform", "ente: massa\nchannel: {platform: myspace}\nnow: \"2026-11-24T10:15:00+01:00\"\ncomments:\n  - {id: a, text: x}\n", "channel.platform"},
		{"bad now", "ente: massa\nchannel: {platform: facebook}\nnow: tomorrow\ncomments:\n  - {id: a, text: x}\n", "now must be"},
		{"not yaml", "comments: [", "not a labelled set"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestParseDefaultsAndLines(t *testing.T) {
	s, err := Parse([]byte("ente: massa\nchannel: {platform: facebook, account: comune.massa}\nnow: \"2026-11-24T10:15:00+01:00\"\nthreads: {p: \"Il post\"}\ncomments:\n  - {id: a, thread: p, text: \"Grazie\"}\n  - id: b\n    kind: reply\n    author: x\n    text: \"Sei uno stronzo\"\n    categories: [offensive_language]\n    remove: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Comments[0], s.Comments[1]
	if a.Kind != "comment" || a.Line != 6 || b.Line != 7 || b.Kind != "reply" {
		t.Errorf("comments = %+v", s.Comments)
	}
	ra, rb := s.Request(a, "massa"), s.Request(b, "tradate")
	if ra.Content.Thread == nil || ra.Content.Thread.Text != "Il post" || ra.Now != s.Now || ra.Channel.Account != "comune.massa" {
		t.Errorf("request a = %+v", ra)
	}
	if rb.Ente != "tradate" || rb.Content.Thread != nil || rb.Author.ID != "eval:author:x" || ra.Author.ID != "eval:a" {
		t.Errorf("request b = %+v, a author %q", rb, ra.Author.ID)
	}
	if err := ra.Validate(); err != nil {
		t.Error(err)
	}
}

func result(id string, labelled []string, remove bool, tags []string, outcome string, predicted, certain []string) Result {
	return Result{
		Comment: Comment{ID: id, Categories: labelled, Remove: remove, Tags: tags},
		Outcome: outcome, Predicted: predicted, Certain: certain,
	}
}

func TestScore(t *testing.T) {
	off := []string{"offensive_language"}
	results := []Result{
		result("tp-certain", off, true, nil, "remove", off, off),
		result("tp-review", off, false, nil, "review", off, nil),
		result("fn", off, true, []string{"leetspeak"}, "allow", nil, nil),
		result("fp-hard", nil, false, []string{"place"}, "remove", off, off),
		result("tn-hard", nil, false, []string{"place"}, "allow", nil, nil),
		result("other", []string{"threat"}, true, nil, "remove", []string{"off_topic", "threat"}, []string{"threat"}),
	}
	r := Score(results)
	o := r.Category("offensive_language")
	if o.Support != 3 || o.TP != 2 || o.FP != 1 || o.FN != 1 {
		t.Errorf("offensive_language = %+v", o)
	}
	if !near(o.Precision(), 2.0/3) || !near(o.Recall(), 2.0/3) || !near(o.F1(), 2.0/3) {
		t.Errorf("offensive_language P/R/F1 = %.3f %.3f %.3f", o.Precision(), o.Recall(), o.F1())
	}
	if ot := r.Category("off_topic"); ot.Support != 0 || ot.FP != 1 {
		t.Errorf("off_topic = %+v", ot)
	}
	if names := rowNames(r.Categories); names != "offensive_language threat off_topic" {
		t.Errorf("rows = %s, want labelled or predicted categories in report order", names)
	}
	if r.Category("flooding") != (Row{Name: "flooding"}) {
		t.Error("a category neither labelled nor predicted has a row")
	}
	// all: offensive 2/1/1, threat 1/0/0, off_topic 0/1/0
	if r.All.Support != 4 || r.All.TP != 3 || r.All.FP != 2 || r.All.FN != 1 {
		t.Errorf("all = %+v", r.All)
	}
	// certain only: the review hit becomes a miss, off_topic was not certain
	if r.Certain.Support != 4 || r.Certain.TP != 2 || r.Certain.FP != 1 || r.Certain.FN != 2 {
		t.Errorf("certain = %+v", r.Certain)
	}
	if r.Remove.Support != 3 || r.Remove.TP != 2 || r.Remove.FP != 1 || r.Remove.FN != 1 {
		t.Errorf("remove = %+v", r.Remove)
	}
	if r.HardNegatives != 2 || r.HardFlagged != 1 || r.HardRemoved != 1 {
		t.Errorf("hard = %d/%d/%d", r.HardNegatives, r.HardFlagged, r.HardRemoved)
	}
	if len(r.Tags) != 2 || r.Tags[0] != (TagRow{"leetspeak", 1, 0, 0}) || r.Tags[1] != (TagRow{"place", 2, 1, 1}) {
		t.Errorf("tags = %+v", r.Tags)
	}
	var errs []string
	for _, e := range r.Errors() {
		errs = append(errs, e.Comment.ID)
	}
	if strings.Join(errs, " ") != "fn fp-hard other" {
		t.Errorf("errors = %v", errs)
	}
}

func TestCountsWithoutDenominators(t *testing.T) {
	var c Counts
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Error("empty counts are not zero")
	}
	if p, r := c.Defined(); p || r {
		t.Error("empty counts are defined")
	}
	c = Counts{Support: 2, FN: 2}
	if p, r := c.Defined(); p || !r || c.Recall() != 0 {
		t.Errorf("%+v: precision undefined, recall 0", c)
	}
}

func TestWrite(t *testing.T) {
	off := []string{"offensive_language"}
	r := Score([]Result{
		result("o1", off, true, []string{"spaced"}, "allow", nil, nil),
		result("n1", nil, false, []string{"quoted"}, "allow", nil, nil),
	})
	r.Ente, r.Set, r.Revision = "massa", "set.yaml", "sha256:x"
	r.Results[0].Comment.Text = "sei uno s t r o n z o"
	var text, md bytes.Buffer
	if err := WriteText(&text, r, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"2 comments of set.yaml, ente massa, policy sha256:x",
		"offensive_language                   1     0     0     1         -   0.000   0.000",
		"all categories, certain only",
		"automatic removal                    1     0     0     1         -   0.000   0.000",
		"hard negatives: 1, flagged with a violation: 0, removed: 0",
		"spaced                1                  0                0",
		"1 comments differ from their labels:\no1 (line 0): want [offensive_language] remove, got allow [] []\n    sei uno s t r o n z o",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| `offensive_language` | 1 | 0 | 0 | 1 | - | 0.000 | 0.000 |", "| **automatic removal** | 1 |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
}

func TestClip(t *testing.T) {
	if got := clip("àèìòù\nabc", 4); got != "àèìò…" {
		t.Errorf("clip = %q", got)
	}
	if got := clip("a\nb", 10); got != "a b" {
		t.Errorf("clip = %q", got)
	}
}

// Comments of one author are decided in order: the copies after the first
// see the earlier ones, as the store would show them; other authors do not.
func TestRepeatsFollowTheEngine(t *testing.T) {
	r := newRepeats()
	ask := func(author, fp string) int {
		h, err := r.History(context.Background(), engine.HistoryQuery{Ente: "massa", AuthorID: author, Fingerprint: fp})
		if err != nil {
			t.Fatal(err)
		}
		return h.Repeats
	}
	got := []int{ask("a", "f1"), ask("a", "f1"), ask("b", "f1"), ask("a", "f2"), ask("a", "f1")}
	if want := []int{0, 1, 0, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("repeats = %v, want %v", got, want)
	}
}

func TestEvaluateUnknownEnte(t *testing.T) {
	s, err := Parse([]byte("ente: nowhere\nchannel: {platform: facebook}\nnow: \"2026-11-24T10:15:00+01:00\"\ncomments:\n  - {id: a, text: x}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Evaluate(context.Background(), policies, s, ""); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("err = %v, want unknown ente", err)
	}
	if _, err := Evaluate(context.Background(), "testdata/no-policies", s, ""); err == nil {
		t.Error("no error for a missing policies folder")
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	if _, err := Load("testdata/missing.yaml"); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("err = %v", err)
	}
}

func rowNames(rows []Row) string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return strings.Join(out, " ")
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
