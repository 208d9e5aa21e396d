package quality

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The functional suite is the second thing this package measures against:
// Italian cases grouped by what they do (a direct threat, a dehumanising
// comparison, counter-speech quoting hate, an idiom that only sounds violent)
// rather than by category, each labelled with what the ente's policy wants.
// It lives in a folder with a dev/ and a heldout/ split of the same
// functionalities; see testdata/functional/README.md.

// Labels are what the policy wants done with a case of the suite.
const (
	Hateful   = "hateful"   // threats and discrimination: flagged and removed or hidden
	Offensive = "offensive" // insults and turpiloquio with no protected ground: removed
	Allowed   = "allowed"   // must stay allowed
)

// SuiteLabels are the labels in report order.
var SuiteLabels = []string{Hateful, Offensive, Allowed}

// Grounds are the protected grounds a case may target, in report order;
// None is for a case with no protected target.
var Grounds = []string{
	"origine_etnica", "religione", "orientamento_sessuale", "identita_di_genere", "genere",
	"disabilita", "eta", "condizioni_sociali", "lingua", "convinzioni_personali",
	"opinioni_politiche", None,
}

// None is the ground of a case that targets no protected group.
const None = "none"

// Targets are who or what a case is aimed at.
var Targets = []string{"group", "individual", "staff", "moderator", "administrator", "institution", "none"}

// SuiteTags say how a case is written.
var SuiteTags = map[string]string{
	"dialect":     "toscano, massese, romanesco or southern turns of phrase",
	"misspelt":    "written as people misspell on social media",
	"sarcasm":     "sarcasm or irony",
	"social":      "hashtags, emoji, no punctuation",
	"long":        "several sentences",
	"short":       "a few words",
	"caps":        "in capitals",
	"clitic":      "the verb carries a clitic (ammazzarli)",
	"conditional": "the verb is conditional",
	"future":      "the verb is future",
	"imperative":  "the verb is imperative",
	"passive":     "the verb is passive",
	"past":        "the verb is past",
}

// Splits are the suite's subfolders: dev is read by whoever writes the
// detection; heldout is kept aside to measure it on unseen sentences.
var Splits = []string{"dev", "heldout"}

// Suite is the functional test suite read from a folder.
type Suite struct {
	Dir             string
	Functionalities []*Functionality // in the order of their files' names
}

// Functionality is one kind of case, with its cases from every split read.
type Functionality struct {
	Name        string
	Description string
	Label       string
	Cases       []SuiteCase
}

// SuiteCase is one case of the suite.
type SuiteCase struct {
	ID     string   `yaml:"id"`
	Text   string   `yaml:"text"`
	Ground string   `yaml:"ground"`
	Target string   `yaml:"target"`
	Tags   []string `yaml:"tags"`
	Thread string   `yaml:"thread"` // the text of the post it answers; empty for none

	Split string `yaml:"-"`
	File  string `yaml:"-"`
	Line  int    `yaml:"-"`
}

// suiteFile is one file of a split.
type suiteFile struct {
	Functionality string      `yaml:"functionality"`
	Description   string      `yaml:"description"`
	Label         string      `yaml:"label"`
	Cases         []SuiteCase `yaml:"cases"`
}

// Count returns how many of the functionality's cases are in split (all
// splits when split is empty).
func (f *Functionality) Count(split string) int {
	n := 0
	for _, c := range f.Cases {
		if split == "" || c.Split == split {
			n++
		}
	}
	return n
}

// GroupGrounds are the grounds of the functionality's cases aimed at a
// group, sorted.
func (f *Functionality) GroupGrounds() []string {
	var out []string
	for _, c := range f.Cases {
		if c.Target == "group" && !slices.Contains(out, c.Ground) {
			out = append(out, c.Ground)
		}
	}
	slices.Sort(out)
	return out
}

// Cases returns every case of the suite, functionality by functionality.
func (s *Suite) Cases() []SuiteCase {
	var out []SuiteCase
	for _, f := range s.Functionalities {
		out = append(out, f.Cases...)
	}
	return out
}

// Functionality returns the functionality called name, or nil.
func (s *Suite) Functionality(name string) *Functionality {
	for _, f := range s.Functionalities {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// LoadSuite reads the suite in dir: every *.yaml of the given splits (all
// of Splits when none is given). A functionality must have the same label
// and description in every split, and an id is unique across the suite.
// Every error names the file and, for a case, its line and id.
func LoadSuite(dir string, splits ...string) (*Suite, error) {
	if len(splits) == 0 {
		splits = Splits
	}
	s := &Suite{Dir: dir}
	byName := map[string]*Functionality{}
	ids := map[string]string{} // id → file:line of its first use
	var errs []error
	for _, split := range splits {
		if !slices.Contains(Splits, split) {
			return nil, fmt.Errorf("split %q: want one of %s", split, strings.Join(Splits, ", "))
		}
		files, err := filepath.Glob(filepath.Join(dir, split, "*.yaml"))
		if err != nil {
			return nil, fmt.Errorf("read suite %s: %w", dir, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("read suite %s: no *.yaml in %s", dir, filepath.Join(dir, split))
		}
		for _, path := range files {
			raw, err := os.ReadFile(path)
			if err != nil {
				return nil, fmt.Errorf("read suite: %w", err)
			}
			file, err := parseSuiteFile(raw, path, split)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, err))
				continue
			}
			for _, c := range file.Cases {
				where := fmt.Sprintf("%s:%d", path, c.Line)
				if first, dup := ids[c.ID]; dup {
					errs = append(errs, fmt.Errorf("%s: id %q already used at %s", where, c.ID, first))
				}
				ids[c.ID] = where
			}
			f := byName[file.Functionality]
			if f == nil {
				f = &Functionality{Name: file.Functionality, Description: file.Description, Label: file.Label}
				byName[f.Name] = f
				s.Functionalities = append(s.Functionalities, f)
			} else if f.Label != file.Label || f.Description != file.Description {
				errs = append(errs, fmt.Errorf("%s: functionality %s has another label or description in another split", path, f.Name))
			}
			f.Cases = append(f.Cases, file.Cases...)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(s.Functionalities, func(a, b *Functionality) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

// parseSuiteFile reads and checks one file of the suite.
func parseSuiteFile(raw []byte, path, split string) (*suiteFile, error) {
	var f suiteFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true) // a misspelt field must not turn into a case that tests nothing
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a suite file: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("not a suite file: %w", err)
	}
	lines := itemLines(&root, "cases")
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if want := strings.TrimSuffix(filepath.Base(path), ".yaml"); f.Functionality != want {
		bad("functionality %q: must be the file's name, %q", f.Functionality, want)
	}
	if !isSnakeCase(f.Functionality) {
		bad("functionality %q: must be snake_case", f.Functionality)
	}
	if strings.TrimSpace(f.Description) == "" {
		bad("description is required")
	}
	if !slices.Contains(SuiteLabels, f.Label) {
		bad("label %q: want one of %s", f.Label, strings.Join(SuiteLabels, ", "))
	}
	if len(f.Cases) == 0 {
		bad("cases: the file has none")
	}
	for i := range f.Cases {
		c := &f.Cases[i]
		c.Split, c.File = split, path
		if i < len(lines) {
			c.Line = lines[i]
		}
		where := fmt.Sprintf("cases[%d] (line %d, id %q)", i, c.Line, c.ID)
		if c.ID == "" {
			bad("%s: id is required", where)
		}
		if strings.TrimSpace(c.Text) == "" {
			bad("%s: text is required", where)
		}
		if !slices.Contains(Grounds, c.Ground) {
			bad("%s: ground %q: want one of %s", where, c.Ground, strings.Join(Grounds, ", "))
		}
		if !slices.Contains(Targets, c.Target) {
			bad("%s: target %q: want one of %s", where, c.Target, strings.Join(Targets, ", "))
		}
		if c.Target == "group" && c.Ground == None {
			bad("%s: a case aimed at a group names its ground", where)
		}
		for _, t := range c.Tags {
			if _, ok := SuiteTags[t]; !ok {
				bad("%s: unknown tag %q", where, t)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &f, nil
}

// itemLines finds the line of each item of the top-level sequence key.
func itemLines(root *yaml.Node, key string) []int {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value == key {
			var out []int
			for _, item := range top.Content[i+1].Content {
				out = append(out, item.Line)
			}
			return out
		}
	}
	return nil
}

func isSnakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
