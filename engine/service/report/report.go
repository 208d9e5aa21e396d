// Package report builds an ente's transparency report for a period from
// the audit log: how many contents were decided and how (by category,
// outcome, platform, automatically or by a person), how the review queue
// kept its deadlines, and what became of appeals. It holds counts only:
// no text, no author, no id, so that it can be published as open data
// (docs/transparency.md describes the CSV).
package report

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

// Source is what the report reads of the audit log; *store.SQL satisfies it.
type Source interface {
	List(ctx context.Context, f store.Filter) ([]store.Record, string, error)
	Get(ctx context.Context, id string) (*store.Record, error)
}

// Report is an ente's transparency report for [From, To).
type Report struct {
	Ente      string    `json:"ente"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Decisions Decisions `json:"decisions"`
	Reviews   Reviews   `json:"reviews"`
	Appeals   Appeals   `json:"appeals"`
}

// Decisions counts the contents decided in the period, by what they came
// to: the effective outcome is the latest person's, else the rules'.
type Decisions struct {
	Total int `json:"total"`
	// Automated decisions stand as the rules took them; Human ones were
	// settled by a person (a resolution or an appeal overturned).
	Automated         int            `json:"automated"`
	Human             int            `json:"human"`
	ByOutcome         map[string]int `json:"by_outcome"`
	ByProposedOutcome map[string]int `json:"by_proposed_outcome"`
	ByCategory        map[string]int `json:"by_category"` // a decision counts once per category it cites
	ByPlatform        map[string]int `json:"by_platform"`
}

// Reviews are the resolutions people recorded in the period.
type Reviews struct {
	Resolved         int `json:"resolved"`
	Changed          int `json:"changed"` // the person's outcome is not the proposal
	ContradictsGrave int `json:"contradicts_grave_removal"`
	WithinDue        int `json:"within_due"`
	Late             int `json:"late"`
	// Medians over the resolutions: minutes from the decision to its
	// resolution, and minutes the deadline allowed. Nil without any.
	MedianMinutesToResolution *float64 `json:"median_minutes_to_resolution"`
	MedianMinutesAllowed      *float64 `json:"median_minutes_allowed"`
}

// Appeals are the appeals filed and decided in the period.
type Appeals struct {
	Filed      int `json:"filed"`
	Decided    int `json:"decided"`
	Upheld     int `json:"upheld"`
	Overturned int `json:"overturned"`
}

// Build reads the log of ente for [from, to) and counts.
func Build(ctx context.Context, src Source, ente string, from, to time.Time) (*Report, error) {
	r := &Report{Ente: ente, From: from, To: to, Decisions: Decisions{
		ByOutcome: map[string]int{}, ByProposedOutcome: map[string]int{}, ByCategory: map[string]int{}, ByPlatform: map[string]int{},
	}}
	settling, err := people(ctx, src, ente)
	if err != nil {
		return nil, err
	}
	err = each(ctx, src, store.Filter{Ente: ente, From: from, To: to}, func(rec *store.Record) error {
		st := review.Effective(rec, settling[rec.DecisionID])
		d := &r.Decisions
		d.Total++
		if st.ByPerson {
			d.Human++
		} else {
			d.Automated++
		}
		d.ByOutcome[st.Outcome]++
		d.ByProposedOutcome[rec.Outcome]++
		for _, c := range rec.Categories {
			d.ByCategory[c]++
		}
		platform := rec.Platform
		if platform == "" {
			platform = "unknown"
		}
		d.ByPlatform[platform]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	var took, allowed []float64
	err = each(ctx, src, store.Filter{Ente: ente, From: from, To: to, Kind: store.KindResolution}, func(rec *store.Record) error {
		var body review.Record
		if err := json.Unmarshal(rec.Decision, &body); err != nil {
			return fmt.Errorf("resolution %s: %w", rec.DecisionID, err)
		}
		decided, err := src.Get(ctx, rec.Settles)
		if err != nil {
			return fmt.Errorf("decision %s of resolution %s: %w", rec.Settles, rec.DecisionID, err)
		}
		v := &r.Reviews
		v.Resolved++
		if body.Outcome != body.Proposed {
			v.Changed++
		}
		if body.ContradictsGrave {
			v.ContradictsGrave++
		}
		took = append(took, rec.DecidedAt.Sub(decided.DecidedAt).Minutes())
		if due, err := time.Parse(time.RFC3339Nano, body.Due); err == nil {
			allowed = append(allowed, due.Sub(decided.DecidedAt).Minutes())
			if rec.DecidedAt.After(due) {
				v.Late++
			} else {
				v.WithinDue++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Reviews.MedianMinutesToResolution, r.Reviews.MedianMinutesAllowed = median(took), median(allowed)
	err = each(ctx, src, store.Filter{Ente: ente, From: from, To: to, Kind: store.KindAppeal}, func(*store.Record) error {
		r.Appeals.Filed++
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, src, store.Filter{Ente: ente, From: from, To: to, Kind: store.KindAppealDecision}, func(rec *store.Record) error {
		var body review.Record
		if err := json.Unmarshal(rec.Decision, &body); err != nil {
			return fmt.Errorf("appeal decision %s: %w", rec.DecisionID, err)
		}
		r.Appeals.Decided++
		switch body.Result {
		case review.Upheld:
			r.Appeals.Upheld++
		case review.Overturned:
			r.Appeals.Overturned++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// people are the records people added to the log of ente, whenever, by
// the decision they settle, in chain order: one read for the whole report
// rather than one per decision.
func people(ctx context.Context, src Source, ente string) (map[string][]store.Record, error) {
	var recs []store.Record
	for _, kind := range []string{store.KindResolution, store.KindAppeal, store.KindAppealDecision} {
		err := each(ctx, src, store.Filter{Ente: ente, Kind: kind}, func(r *store.Record) error {
			recs = append(recs, *r)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("the people's records of %s: %w", ente, err)
		}
	}
	slices.SortFunc(recs, func(a, b store.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	out := map[string][]store.Record{}
	for _, r := range recs {
		out[r.Settles] = append(out[r.Settles], r)
	}
	return out, nil
}

// each calls fn for every record f selects, a page at a time.
func each(ctx context.Context, src Source, f store.Filter, fn func(*store.Record) error) error {
	f.Limit = 500
	for {
		recs, next, err := src.List(ctx, f)
		if err != nil {
			return err
		}
		for i := range recs {
			if err := fn(&recs[i]); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		f.Cursor = next
	}
}

// median of xs, rounded to a tenth of a minute; nil when empty.
func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	sort.Float64s(xs)
	m := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		m = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	m = float64(int64(m*10+0.5)) / 10
	return &m
}

// Month is [first day, first day of the next month) of month ("2026-11")
// in loc.
func Month(month string, loc *time.Location) (time.Time, time.Time, error) {
	t, err := time.ParseInLocation("2006-01", month, loc)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("month %q: want YYYY-MM, such as 2026-11", month)
	}
	return t, t.AddDate(0, 1, 0), nil
}

// Columns are the CSV's, in order (docs/transparency.md).
var Columns = []string{"ente", "from", "to", "measure", "key", "value"}

// WriteCSV writes r as one row per count: the measure, the key within it
// ("" for a single figure) and the value.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	from, to := r.From.Format(time.RFC3339), r.To.Format(time.RFC3339)
	row := func(measure, key, value string) error {
		return cw.Write([]string{r.Ente, from, to, measure, key, value})
	}
	if err := cw.Write(Columns); err != nil {
		return err
	}
	count := func(measure string, n int) error { return row(measure, "", strconv.Itoa(n)) }
	byKey := func(measure string, m map[string]int) error {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if err := row(measure, k, strconv.Itoa(m[k])); err != nil {
				return err
			}
		}
		return nil
	}
	minutes := func(measure string, v *float64) error {
		if v == nil {
			return row(measure, "", "")
		}
		return row(measure, "", strconv.FormatFloat(*v, 'f', 1, 64))
	}
	d, v, a := r.Decisions, r.Reviews, r.Appeals
	for _, err := range []error{
		count("decisions", d.Total), count("decisions_automated", d.Automated), count("decisions_human", d.Human),
		byKey("decisions_by_outcome", d.ByOutcome), byKey("decisions_by_proposed_outcome", d.ByProposedOutcome),
		byKey("decisions_by_category", d.ByCategory), byKey("decisions_by_platform", d.ByPlatform),
		count("reviews_resolved", v.Resolved), count("reviews_changed", v.Changed),
		count("reviews_contradicting_grave_removal", v.ContradictsGrave),
		count("reviews_within_due", v.WithinDue), count("reviews_late", v.Late),
		minutes("reviews_median_minutes_to_resolution", v.MedianMinutesToResolution),
		minutes("reviews_median_minutes_allowed", v.MedianMinutesAllowed),
		count("appeals_filed", a.Filed), count("appeals_decided", a.Decided),
		count("appeals_upheld", a.Upheld), count("appeals_overturned", a.Overturned),
	} {
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
