package quality

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const (
	theSuite  = "testdata/functional"
	theFloors = "testdata/functional/floors.yaml"
)

// TestFunctionalFloors runs the whole suite through Massa's policy and fails
// for every rate across its floor in floors.yaml. When a change improves the
// engine, raise the floors (`galateo eval -suite ... -format floors` prints
// them at the new rates); when it lowers one, `galateo eval -suite ... -v`
// lists the cases decided unlike their label.
func TestFunctionalFloors(t *testing.T) {
	s, err := LoadSuite(theSuite)
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateSuite(context.Background(), policies, s, "massa")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteSuiteText(&out, r, false); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	floors, err := LoadFloors(theFloors)
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range floors.Check(r) {
		t.Error(msg)
	}
}

// The functionalities the issue asks the suite to cover.
var wantFunctionalities = []string{
	"derogation_dehumanising", "derogation_generalisation", "exclusion_call", "contempt_disgust",
	"inferiority_claim", "slur", "threat_direct", "threat_normative", "threat_wish", "threat_intent",
	"pronoun_reference", "hate_question", "hate_opinion", "hate_negated_positive",
	"profanity_targeted", "profanity_untargeted", "insult_user", "insult_staff", "insult_administrator",
	"insult_institution_people",
	"spelling_leetspeak", "spelling_spaced", "spelling_glued", "spelling_dropped_letters",
	"spelling_swapped_letters", "spelling_repeated_letters", "spelling_misspelling",
	"spelling_no_accents", "spelling_all_caps", "spelling_emoji",
	"identity_neutral", "identity_positive", "counter_speech_quoting", "counter_speech_referring",
	"negated_hate", "institutional_criticism", "violent_idiom", "news_violence", "reclaimed_benign",
	"good_faith_question",
}

var laterBatch = regexp.MustCompile(`_[gnmqfs][0-9]{2}$`)

// The suite has the shape the issue asks for: enough cases, enough that
// must stay allowed, every functionality in both splits with about a third
// held out, and every functionality aimed at groups spread over grounds.
func TestFunctionalSuiteShape(t *testing.T) {
	s, err := LoadSuite(theSuite)
	if err != nil {
		t.Fatal(err)
	}
	cases := s.Cases()
	if len(cases) < 800 {
		t.Errorf("%d cases, want at least 800", len(cases))
	}
	ids := map[string]bool{}
	perLabel := map[string]int{}
	for _, f := range s.Functionalities {
		perLabel[f.Label] += len(f.Cases)
		for _, c := range f.Cases {
			if ids[c.ID] {
				t.Errorf("id %s used twice", c.ID)
			}
			ids[c.ID] = true
			if !slices.Contains(Grounds, c.Ground) {
				t.Errorf("%s: unknown ground %q", c.ID, c.Ground)
			}
		}
		// The share is of the cases written before the grammar: the later
		// batches (ids _gNN, _nNN, _mNN, _qNN, _fNN to dev, _sNN to heldout;
		// the folder's README) are left out of it.
		dev, held := 0, 0
		for _, c := range f.Cases {
			switch {
			case laterBatch.MatchString(c.ID):
			case c.Split == "dev":
				dev++
			default:
				held++
			}
		}
		if share := float64(held) / float64(dev+held); share < 0.25 || share > 0.40 {
			t.Errorf("%s: %d of %d cases held out (%.2f), want between 0.25 and 0.40", f.Name, held, dev+held, share)
		}
		if g := f.GroupGrounds(); len(g) > 0 && len(g) < 6 {
			t.Errorf("%s: aimed at groups of %d grounds %v, want at least 6", f.Name, len(g), g)
		}
	}
	if perLabel[Allowed] < 300 {
		t.Errorf("%d allowed cases, want at least 300", perLabel[Allowed])
	}
	for _, l := range SuiteLabels {
		if perLabel[l] == 0 {
			t.Errorf("no %s case", l)
		}
	}
	for _, name := range wantFunctionalities {
		if s.Functionality(name) == nil {
			t.Errorf("functionality %s missing", name)
		}
	}
	grounds := map[string]bool{}
	for _, c := range cases {
		grounds[c.Ground] = true
	}
	for _, g := range Grounds {
		if !grounds[g] {
			t.Errorf("ground %s has no case", g)
		}
	}
}

func TestLoadSuiteSplits(t *testing.T) {
	dev, err := LoadSuite(theSuite, "dev")
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadSuite(theSuite)
	if err != nil {
		t.Fatal(err)
	}
	if len(dev.Functionalities) != len(all.Functionalities) {
		t.Errorf("dev has %d functionalities, the suite %d", len(dev.Functionalities), len(all.Functionalities))
	}
	for _, c := range dev.Cases() {
		if c.Split != "dev" || c.Line == 0 || !strings.HasSuffix(c.File, ".yaml") {
			t.Fatalf("case %+v", c)
		}
	}
	if n := len(dev.Cases()); n == 0 || n >= len(all.Cases()) {
		t.Errorf("dev %d cases of %d", n, len(all.Cases()))
	}
	if _, err := LoadSuite(theSuite, "test"); err == nil || !strings.Contains(err.Error(), `split "test"`) {
		t.Errorf("err = %v", err)
	}
	if _, err := LoadSuite("testdata/nowhere"); err == nil || !strings.Contains(err.Error(), "no *.yaml") {
		t.Errorf("err = %v", err)
	}
}

func writeSuite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadSuiteRejectsMalformedFiles(t *testing.T) {
	head := "functionality: f\ndescription: d\nlabel: hateful\ncases:\n"
	ok := head + "  - {id: h1, text: x, ground: none, target: none}\n"
	cases := []struct{ name, dev, want string }{
		{"unknown field", head + "  - {id: a, text: x, ground: none, target: none, categoria: x}\n", "categoria"},
		{"unknown top field", "functionality: f\nlabels: hateful\n", "labels"},
		{"bad label", "functionality: f\ndescription: d\nlabel: hate\ncases:\n  - {id: a, text: x, ground: none, target: none}\n", `label "hate"`},
		{"name not the file's", "functionality: g\ndescription: d\nlabel: hateful\ncases:\n  - {id: a, text: x, ground: none, target: none}\n", `must be the file's name, "f"`},
		{"no description", "functionality: f\nlabel: hateful\ncases:\n  - {id: a, text: x, ground: none, target: none}\n", "description is required"},
		{"no cases", head, "the file has none"},
		{"missing id", head + "  - {text: x, ground: none, target: none}\n", "id is required"},
		{"empty text", head + "  - {id: a, text: \" \", ground: none, target: none}\n", "text is required"},
		{"unknown ground", head + "  - {id: a, text: x, ground: razza, target: group}\n", `ground "razza"`},
		{"unknown target", head + "  - {id: a, text: x, ground: none, target: everyone}\n", `target "everyone"`},
		{"group without ground", head + "  - {id: a, text: x, ground: none, target: group}\n", "line 5, id \"a\"): a case aimed at a group names its ground"},
		{"unknown tag", head + "  - {id: a, text: x, ground: none, target: none, tags: [ironia]}\n", `unknown tag "ironia"`},
		{"duplicate id", head + "  - {id: h1, text: x, ground: none, target: none}\n", `id "h1" already used at`},
		{"not yaml", "cases: [", "not a suite file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSuite(t, map[string]string{"dev/f.yaml": c.dev, "heldout/f.yaml": ok})
			_, err := LoadSuite(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
			if err != nil && !strings.Contains(err.Error(), "f.yaml") {
				t.Errorf("err = %v, want the file named", err)
			}
		})
	}
	t.Run("label differs between splits", func(t *testing.T) {
		other := strings.Replace(ok, "hateful", "allowed", 1)
		other = strings.Replace(other, "h1", "h2", 1)
		dir := writeSuite(t, map[string]string{"dev/f.yaml": ok, "heldout/f.yaml": other})
		if _, err := LoadSuite(dir); err == nil || !strings.Contains(err.Error(), "another label or description") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("missing split", func(t *testing.T) {
		dir := writeSuite(t, map[string]string{"dev/f.yaml": ok})
		if _, err := LoadSuite(dir); err == nil || !strings.Contains(err.Error(), "heldout") {
			t.Errorf("err = %v", err)
		}
	})
}

func caseResult(id, split, fn, label, ground, outcome string) CaseResult {
	return CaseResult{Case: SuiteCase{ID: id, Split: split, Ground: ground, Text: "testo " + id, File: fn + ".yaml"}, Functionality: fn, Label: label, Outcome: outcome}
}

func scoredSuite() *SuiteReport {
	s := &Suite{Dir: "suite", Functionalities: []*Functionality{
		{Name: "a_neutral", Label: Allowed}, {Name: "threat", Label: Hateful}, {Name: "insult", Label: Offensive},
	}}
	return ScoreSuite(s, []CaseResult{
		caseResult("t1", "dev", "threat", Hateful, "religione", "remove"),
		caseResult("t2", "dev", "threat", Hateful, "religione", "review"),
		caseResult("t3", "heldout", "threat", Hateful, "eta", "allow"),
		caseResult("t4", "heldout", "threat", Hateful, None, "hide"),
		caseResult("i1", "dev", "insult", Offensive, None, "remove"),
		caseResult("n1", "dev", "a_neutral", Allowed, "religione", "allow"),
		caseResult("n2", "heldout", "a_neutral", Allowed, "eta", "review"),
		caseResult("n3", "heldout", "a_neutral", Allowed, "eta", "remove"),
	})
}

func TestScoreSuite(t *testing.T) {
	r := scoredSuite()
	if !slices.Equal(r.Splits, []string{"dev", "heldout"}) {
		t.Errorf("splits = %v", r.Splits)
	}
	th := r.Functionality("threat")
	if th.Rate("dev") != (Rate{2, 2, 1}) || th.Rate("heldout") != (Rate{2, 1, 1}) || th.Rate(All) != (Rate{4, 3, 2}) {
		t.Errorf("threat = %+v", th.Rates)
	}
	if !near(th.Rate(All).FlaggedRate(), 0.75) || !near(th.Rate(All).RemovedRate(), 0.5) {
		t.Errorf("threat rates %.3f %.3f", th.Rate(All).FlaggedRate(), th.Rate(All).RemovedRate())
	}
	if n := r.Label(Allowed).Rate(All); n != (Rate{3, 2, 1}) {
		t.Errorf("allowed = %+v", n)
	}
	if g := r.Ground("eta", Allowed).Rate("heldout"); g != (Rate{2, 2, 1}) {
		t.Errorf("eta allowed = %+v", g)
	}
	if g := r.Ground("eta", Hateful).Rate(All); g != (Rate{1, 0, 0}) {
		t.Errorf("eta hateful = %+v", g)
	}
	if r.Ground("lingua", Hateful).Rate(All).Cases != 0 {
		t.Error("a ground without cases has a rate")
	}
	var names []string
	for _, row := range r.Functionalities {
		names = append(names, row.Name)
	}
	if strings.Join(names, " ") != "threat insult a_neutral" {
		t.Errorf("functionalities = %v, want hateful, offensive, allowed", names)
	}
	names = nil
	for _, row := range r.Grounds {
		names = append(names, row.Label+"/"+row.Name)
	}
	if strings.Join(names, " ") != "hateful/religione hateful/eta hateful/none offensive/none allowed/religione allowed/eta" {
		t.Errorf("grounds = %v", names)
	}
	var ids []string
	for _, d := range r.Disagreements() {
		ids = append(ids, d.Case.ID)
	}
	if strings.Join(ids, " ") != "t2 t3 n2 n3" {
		t.Errorf("disagreements = %v", ids)
	}
}

func TestFloorsCheck(t *testing.T) {
	r := scoredSuite()
	f := func(flagged, removed float64) Floor { return Floor{Flagged: &flagged, Removed: &removed} }
	floors := &Floors{
		Labels: map[string]Floor{Hateful: f(0.75, 0.5), Offensive: f(1, 1), Allowed: f(0.67, 0.34)},
		Functionalities: map[string]Floor{
			"threat":    f(0.8, 0.5),  // flagged 0.75 below 0.8
			"a_neutral": f(0.67, 0.3), // removed 0.333 above 0.3
			"gone":      f(0, 0),
		},
	}
	got := strings.Join(floors.Check(r), "\n")
	for _, want := range []string{
		"functionality threat (hateful): flagged rate 0.750 below its floor 0.80",
		"functionality a_neutral (allowed): removed rate 0.333 above its ceiling 0.30",
		"functionality insult has no floor in floors.yaml",
		"floors.yaml names functionality gone, which the suite does not have",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("check lacks %q:\n%s", want, got)
		}
	}
	if n := len(floors.Check(r)); n != 4 {
		t.Errorf("%d messages, want 4:\n%s", n, got)
	}
	if fl := floorAt(Hateful, Rate{3, 1, 2}); !near(*fl.Flagged, 0.33) || !near(*fl.Removed, 0.66) {
		t.Errorf("minimum at 1/3, 2/3 = %v %v", *fl.Flagged, *fl.Removed)
	}
	if fl := floorAt(Allowed, Rate{3, 1, 0}); !near(*fl.Flagged, 0.34) || *fl.Removed != 0 {
		t.Errorf("maximum at 1/3, 0 = %v %v", *fl.Flagged, *fl.Removed)
	}
	if fl := floorAt(Hateful, Rate{20, 7, 20}); !near(*fl.Flagged, 0.35) || *fl.Removed != 1 {
		t.Errorf("minimum at 0.35, 1 = %v %v", *fl.Flagged, *fl.Removed)
	}
}

// The floors the report prints hold the report itself: they are where the
// engine stands, not above it.
func TestWriteFloorsRoundTrip(t *testing.T) {
	r := scoredSuite()
	var out bytes.Buffer
	if err := WriteSuite(&out, r, "floors", false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "floors.yaml")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	floors, err := LoadFloors(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if msgs := floors.Check(r); len(msgs) != 0 {
		t.Errorf("floors at today's rates fail today: %v\n%s", msgs, out.String())
	}
	if !strings.Contains(out.String(), "  threat: {flagged: 0.75, removed: 0.50}\n") || !strings.Contains(out.String(), "  a_neutral: {flagged: 0.67, removed: 0.34}\n") {
		t.Errorf("floors:\n%s", out.String())
	}
}

func TestLoadFloorsRejects(t *testing.T) {
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown field", "labels:\n  hateful: {flagged: 0.1, removed: 0.1, review: 0.2}\n", "review"},
		{"missing rate", "functionalities:\n  slur: {flagged: 0.1}\n", "functionalities.slur: flagged and removed are both required"},
		{"rate above 1", "labels:\n  allowed: {flagged: 1.5, removed: 0}\n", "between 0 and 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "floors.yaml")
			if err := os.WriteFile(path, []byte(c.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadFloors(path); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	if _, err := LoadFloors("testdata/none.yaml"); err == nil || !strings.Contains(err.Error(), "none.yaml") {
		t.Errorf("err = %v", err)
	}
}

func TestWriteSuite(t *testing.T) {
	r := scoredSuite()
	r.Ente, r.Revision = "massa", "sha256:x"
	var text, md bytes.Buffer
	if err := WriteSuite(&text, r, "text", true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"galateo eval: functional suite suite, 8 cases (dev + heldout), ente massa, policy sha256:x",
		"| dev                   | heldout               | all",
		"threat                           hateful   |     2   1.000   0.500 |     2   0.500   0.500 |     4   0.750   0.500",
		"eta                              hateful   |     0       -       - |     1   0.000   0.000 |     1   0.000   0.000",
		"4 cases decided unlike their label",
		"t3 (heldout/threat.yaml:0) hateful threat, ground eta: got allow [] []\n    testo t3",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if err := WriteSuite(&md, r, "markdown", false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| functionality | label | dev cases | dev flagged | dev removed | heldout cases |",
		"| `threat` | hateful | 2 | 1.000 | 0.500 | 2 | 0.500 | 0.500 | 4 | 0.750 | 0.500 |",
		"| **allowed** | allowed |",
	} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if err := WriteSuite(&md, r, "html", false); err == nil {
		t.Error("no error for an unknown format")
	}
	// one split: its columns only
	one := ScoreSuite(&Suite{Functionalities: []*Functionality{{Name: "threat", Label: Hateful}}},
		[]CaseResult{caseResult("t1", "heldout", "threat", Hateful, "eta", "remove")})
	text.Reset()
	if err := WriteSuiteText(&text, one, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text.String(), "| all") || strings.Contains(text.String(), "| dev") {
		t.Errorf("one split prints other columns:\n%s", text.String())
	}
}
