package quality

import (
	"context"
	"fmt"
	"slices"

	"github.com/galateo/galateo/engine"
)

// SuiteNow is when every case of the suite is decided: a Tuesday morning,
// inside every seed ente's staffed hours, so that what a rule does when
// nobody is watching plays no part.
const SuiteNow = "2026-11-24T10:15:00+01:00"

// All is the key of the rates over every split evaluated.
const All = "all"

// CaseResult is one case of the suite with the decision the engine took.
type CaseResult struct {
	Case          SuiteCase
	Functionality string
	Label         string
	Outcome       string
	Categories    []string // of the decision's violations, sorted
	Rules         []string // the rules that fired, sorted
}

// Flagged reports whether the engine did anything but allow the case.
func (r CaseResult) Flagged() bool { return r.Outcome != "allow" }

// Removed reports whether the case was taken off the page.
func (r CaseResult) Removed() bool { return r.Outcome == "remove" || r.Outcome == "hide" }

// Agrees reports whether the outcome is what the label wants: hateful and
// offensive cases removed or hidden, allowed cases allowed.
func (r CaseResult) Agrees() bool {
	if r.Label == Allowed {
		return !r.Flagged()
	}
	return r.Removed()
}

// Rate counts the cases of a row and how many were flagged and removed.
type Rate struct {
	Cases, Flagged, Removed int
}

// FlaggedRate is the share of cases with an outcome other than allow.
func (r Rate) FlaggedRate() float64 { return ratio(r.Flagged, r.Cases) }

// RemovedRate is the share of cases removed or hidden.
func (r Rate) RemovedRate() float64 { return ratio(r.Removed, r.Cases) }

func (r *Rate) add(res CaseResult) {
	r.Cases++
	if res.Flagged() {
		r.Flagged++
	}
	if res.Removed() {
		r.Removed++
	}
}

// SuiteRow is one line of the report: a functionality, a ground under one
// label, or a label, with its rates per split and over all (key All).
type SuiteRow struct {
	Name  string
	Label string
	Rates map[string]Rate
}

// Rate returns the row's rate in split (or All).
func (r SuiteRow) Rate(split string) Rate { return r.Rates[split] }

func (r *SuiteRow) add(res CaseResult) {
	for _, key := range []string{res.Case.Split, All} {
		rate := r.Rates[key]
		rate.add(res)
		r.Rates[key] = rate
	}
}

// SuiteReport is how an ente's decisions fare on the functional suite.
type SuiteReport struct {
	Dir      string
	Ente     string
	Revision string
	Splits   []string // the splits evaluated, in Splits order

	Labels          []SuiteRow // hateful, offensive, allowed
	Functionalities []SuiteRow // in the suite's order
	Grounds         []SuiteRow // each ground under each label with cases of it, label by label
	Results         []CaseResult
}

// Label returns the row of a label (no cases when absent).
func (r *SuiteReport) Label(name string) SuiteRow { return findRow(r.Labels, name, "") }

// Functionality returns the row of a functionality (no cases when absent).
func (r *SuiteReport) Functionality(name string) SuiteRow {
	return findRow(r.Functionalities, name, "")
}

// Ground returns the row of a ground among the cases with label.
func (r *SuiteReport) Ground(ground, label string) SuiteRow {
	return findRow(r.Grounds, ground, label)
}

func findRow(rows []SuiteRow, name, label string) SuiteRow {
	for _, row := range rows {
		if row.Name == name && (label == "" || row.Label == label) {
			return row
		}
	}
	return SuiteRow{Name: name, Label: label, Rates: map[string]Rate{}}
}

// Disagreements are the results whose outcome is not what their label wants.
func (r *SuiteReport) Disagreements() []CaseResult {
	var out []CaseResult
	for _, res := range r.Results {
		if !res.Agrees() {
			out = append(out, res)
		}
	}
	return out
}

// EvaluateSuite decides every case of s as a citizen's comment on ente's
// Facebook page at a staffed hour, each by a new author, with the policies
// of root and opts (a classifier), and scores the decisions.
func EvaluateSuite(ctx context.Context, root string, s *Suite, ente string, opts ...engine.Option) (*SuiteReport, error) {
	eng, ent, err := loadEnte(ctx, root, ente, opts...)
	if err != nil {
		return nil, err
	}
	var results []CaseResult
	for _, f := range s.Functionalities {
		for _, c := range f.Cases {
			d, err := eng.Decide(ctx, suiteRequest(c, ente))
			if err != nil {
				return nil, fmt.Errorf("%s:%d (id %s): %w", c.File, c.Line, c.ID, err)
			}
			res := CaseResult{Case: c, Functionality: f.Name, Label: f.Label, Outcome: d.Outcome}
			for _, v := range d.Violations {
				res.Categories = append(res.Categories, v.Category)
				res.Rules = append(res.Rules, v.Rule)
			}
			for _, p := range []*[]string{&res.Categories, &res.Rules} {
				slices.Sort(*p)
				*p = slices.Compact(*p)
			}
			results = append(results, res)
		}
	}
	r := ScoreSuite(s, results)
	r.Ente, r.Revision = ente, ent.Revision
	return r, nil
}

// suiteRequest is the POST /decide body of case c for ente.
func suiteRequest(c SuiteCase, ente string) *engine.Request {
	text := c.Text
	r := &engine.Request{
		Ente:    ente,
		Channel: engine.Channel{Platform: "facebook", Account: "comune." + ente},
		Content: engine.Content{ID: c.ID, Kind: "comment", Text: &text, CreatedAt: SuiteNow},
		Author:  engine.Author{ID: "eval:" + c.ID}, // a new author each time: no history
		Now:     SuiteNow,
	}
	if c.Thread != "" {
		r.Content.Thread = &engine.Thread{ID: "eval:post", Text: c.Thread}
	}
	return r
}

// ScoreSuite computes the rows of the report from the results of s's cases.
func ScoreSuite(s *Suite, results []CaseResult) *SuiteReport {
	r := &SuiteReport{Dir: s.Dir, Results: results}
	newRow := func(name, label string) *SuiteRow {
		return &SuiteRow{Name: name, Label: label, Rates: map[string]Rate{}}
	}
	labels := map[string]*SuiteRow{}
	funcs := map[string]*SuiteRow{}
	grounds := map[[2]string]*SuiteRow{}
	splits := map[string]bool{}
	for _, res := range results {
		splits[res.Case.Split] = true
		if labels[res.Label] == nil {
			labels[res.Label] = newRow(res.Label, res.Label)
		}
		labels[res.Label].add(res)
		if funcs[res.Functionality] == nil {
			funcs[res.Functionality] = newRow(res.Functionality, res.Label)
		}
		funcs[res.Functionality].add(res)
		key := [2]string{res.Label, res.Case.Ground}
		if grounds[key] == nil {
			grounds[key] = newRow(res.Case.Ground, res.Label)
		}
		grounds[key].add(res)
	}
	for _, sp := range Splits {
		if splits[sp] {
			r.Splits = append(r.Splits, sp)
		}
	}
	for _, l := range SuiteLabels {
		if labels[l] != nil {
			r.Labels = append(r.Labels, *labels[l])
		}
		for _, g := range Grounds {
			if row := grounds[[2]string{l, g}]; row != nil {
				r.Grounds = append(r.Grounds, *row)
			}
		}
	}
	for _, l := range SuiteLabels { // hateful first, then offensive, then allowed
		for _, f := range s.Functionalities {
			if row := funcs[f.Name]; row != nil && f.Label == l {
				r.Functionalities = append(r.Functionalities, *row)
			}
		}
	}
	return r
}
