package quality

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// columns are the rate groups a suite report prints: each split evaluated,
// and all of them together when there are several.
func (r *SuiteReport) columns() []string {
	if len(r.Splits) > 1 {
		return append(append([]string{}, r.Splits...), All)
	}
	return r.Splits
}

// WriteSuiteText prints the suite report as aligned plain text: rates by
// label, by functionality and by ground, one column group per split; with
// disagreements, it also lists every case decided unlike its label.
func WriteSuiteText(w io.Writer, r *SuiteReport, disagreements bool) error {
	p := &printer{w: w}
	cols := r.columns()
	n := 0
	for _, l := range r.Labels {
		n += l.Rate(All).Cases
	}
	p.f("galateo eval: functional suite %s, %d cases (%s), ente %s, policy %s\n", r.Dir, n, strings.Join(r.Splits, " + "), r.Ente, r.Revision)
	p.f("flagged: outcome other than allow; removed: remove or hide. Hateful and offensive cases should be\nboth, allowed cases neither.\n")
	header := func(first string) {
		p.f("\n%-32s %-9s", "", "")
		for _, c := range cols {
			p.f(" | %-21s", c)
		}
		p.f("\n%-32s %-9s", first, "label")
		for range cols {
			p.f(" | %5s %7s %7s", "cases", "flagged", "removed")
		}
		p.f("\n")
	}
	line := func(row SuiteRow) {
		p.f("%-32s %-9s", row.Name, row.Label)
		for _, c := range cols {
			rate := row.Rate(c)
			p.f(" | %5d %7s %7s", rate.Cases, share(rate.FlaggedRate(), rate.Cases), share(rate.RemovedRate(), rate.Cases))
		}
		p.f("\n")
	}
	header("totals")
	for _, row := range r.Labels {
		line(row)
	}
	header("functionality")
	for _, row := range r.Functionalities {
		line(row)
	}
	header("ground")
	for _, row := range r.Grounds {
		line(row)
	}
	if disagreements {
		d := r.Disagreements()
		p.f("\n%d cases decided unlike their label (hateful and offensive: not removed or hidden; allowed: not allowed):\n", len(d))
		for _, res := range d {
			c := res.Case
			p.f("%s (%s/%s:%d) %s %s, ground %s: got %s %s %s\n    %s\n", c.ID, c.Split, filepath.Base(c.File), c.Line,
				res.Label, res.Functionality, c.Ground, res.Outcome, list(res.Categories), list(res.Rules), clip(c.Text, 140))
		}
	}
	return p.err
}

// WriteSuiteMarkdown prints the tables of the suite report in Markdown.
func WriteSuiteMarkdown(w io.Writer, r *SuiteReport) error {
	p := &printer{w: w}
	cols := r.columns()
	table := func(first string, rows []SuiteRow) {
		p.f("| %s | label |", first)
		for _, c := range cols {
			p.f(" %s cases | %s flagged | %s removed |", c, c, c)
		}
		p.f("\n|---|---|%s\n", strings.Repeat("--:|--:|--:|", len(cols)))
		for _, row := range rows {
			name := "`" + row.Name + "`"
			if first == "totals" {
				name = "**" + row.Name + "**"
			}
			p.f("| %s | %s |", name, row.Label)
			for _, c := range cols {
				rate := row.Rate(c)
				p.f(" %d | %s | %s |", rate.Cases, share(rate.FlaggedRate(), rate.Cases), share(rate.RemovedRate(), rate.Cases))
			}
			p.f("\n")
		}
	}
	table("totals", r.Labels)
	p.f("\n")
	table("functionality", r.Functionalities)
	p.f("\n")
	table("ground", r.Grounds)
	return p.err
}

// share prints a rate, or "-" for a row without cases.
func share(v float64, cases int) string { return fixed(v, cases > 0) }

// WriteFloors prints a floors file at the rates of the report (over every
// split evaluated): minima rounded down to the hundredth for hateful and
// offensive rows, maxima rounded up for allowed ones. It is where raising
// the floors starts; which to raise is the reviewer's choice.
func WriteFloors(w io.Writer, r *SuiteReport) error {
	p := &printer{w: w}
	p.f("# Floors of the functional suite (engine/quality, TestFunctionalFloors), measured over\n")
	p.f("# %s with ente %s, policy %s.\n", strings.Join(r.Splits, " + "), r.Ente, r.Revision)
	p.f("# hateful and offensive: minimum flagged and removed rates; allowed: maximum rates.\n")
	write := func(rows []SuiteRow) {
		for _, row := range rows {
			rate := row.Rate(All)
			f := floorAt(row.Label, rate)
			p.f("  %s: {flagged: %.2f, removed: %.2f}\n", row.Name, *f.Flagged, *f.Removed)
		}
	}
	p.f("labels:\n")
	write(r.Labels)
	p.f("functionalities:\n")
	write(r.Functionalities)
	return p.err
}

// WriteSuite prints the report in format: text, markdown or floors.
func WriteSuite(w io.Writer, r *SuiteReport, format string, disagreements bool) error {
	switch format {
	case "text":
		return WriteSuiteText(w, r, disagreements)
	case "markdown":
		return WriteSuiteMarkdown(w, r)
	case "floors":
		return WriteFloors(w, r)
	}
	return fmt.Errorf("format %q: want text, markdown or floors", format)
}
