package quality

import (
	"maps"
	"slices"
)

// Counts are the confusion counts of one yes/no question over the set.
type Counts struct {
	Support int // comments labelled yes
	TP      int // labelled yes, predicted yes
	FP      int // labelled no, predicted yes
	FN      int // labelled yes, predicted no
}

// Precision is TP/(TP+FP); 0 when nothing was predicted (see Defined).
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN); 0 when nothing is labelled.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// Defined reports whether precision and recall have a denominator.
func (c Counts) Defined() (precision, recall bool) { return c.TP+c.FP > 0, c.TP+c.FN > 0 }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(labelled, predicted bool) {
	switch {
	case labelled && predicted:
		c.TP++
	case predicted:
		c.FP++
	case labelled:
		c.FN++
	}
	if labelled {
		c.Support++
	}
}

// Row is the counts of one category (or of a summary line).
type Row struct {
	Name string
	Counts
}

// TagRow says how the comments carrying one tag fared.
type TagRow struct {
	Tag      string
	Comments int
	Exact    int // predicted categories equal the labelled ones
	Removal  int // automatic removal as labelled
}

// Report is the quality of an ente's decisions on a labelled set.
type Report struct {
	Set      string // path of the labelled set
	Ente     string
	Revision string
	Comments int

	// Categories has a row for each category labelled or predicted at least
	// once, in the order of Categories. A category counts as predicted when
	// the decision has a violation of it, certain or not.
	Categories []Row
	All        Row // every category together (micro average)
	Certain    Row // the same, counting only certain violations as predicted
	Remove     Row // automatic removal: outcome remove against the label

	HardNegatives int
	HardFlagged   int // hard negatives with any violation
	HardRemoved   int // hard negatives removed
	Tags          []TagRow

	Results []Result
}

// Category returns the row of one category (zero counts when absent).
func (r *Report) Category(name string) Row {
	for _, row := range r.Categories {
		if row.Name == name {
			return row
		}
	}
	return Row{Name: name}
}

// Errors are the results whose categories or removal differ from the labels.
func (r *Report) Errors() []Result {
	var out []Result
	for _, res := range r.Results {
		if !res.exact() || res.removed() != res.Comment.Remove {
			out = append(out, res)
		}
	}
	return out
}

func (res Result) exact() bool {
	return slices.Equal(res.Predicted, sortedCopy(res.Comment.Categories))
}

func (res Result) removed() bool { return res.Outcome == "remove" }

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// Score computes the report of a run's results.
func Score(results []Result) *Report {
	r := &Report{Comments: len(results), Results: results, All: Row{Name: "all categories"},
		Certain: Row{Name: "all categories, certain only"}, Remove: Row{Name: "automatic removal"}}
	rows := map[string]*Counts{}
	tags := map[string]*TagRow{}
	for _, res := range results {
		c := res.Comment
		for _, cat := range Categories {
			labelled := slices.Contains(c.Categories, cat)
			predicted := slices.Contains(res.Predicted, cat)
			certain := slices.Contains(res.Certain, cat)
			if labelled || predicted {
				if rows[cat] == nil {
					rows[cat] = &Counts{}
				}
				rows[cat].add(labelled, predicted)
				r.All.add(labelled, predicted)
			}
			if labelled || certain {
				r.Certain.add(labelled, certain)
			}
		}
		r.Remove.add(c.Remove, res.removed())
		if c.Hard() {
			r.HardNegatives++
			if len(res.Predicted) > 0 {
				r.HardFlagged++
			}
			if res.removed() {
				r.HardRemoved++
			}
		}
		for _, t := range c.Tags {
			if tags[t] == nil {
				tags[t] = &TagRow{Tag: t}
			}
			tags[t].Comments++
			if res.exact() {
				tags[t].Exact++
			}
			if res.removed() == c.Remove {
				tags[t].Removal++
			}
		}
	}
	for _, cat := range Categories {
		if rows[cat] != nil {
			r.Categories = append(r.Categories, Row{Name: cat, Counts: *rows[cat]})
		}
	}
	for _, t := range slices.Sorted(maps.Keys(tags)) {
		r.Tags = append(r.Tags, *tags[t])
	}
	return r
}
