package quality

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteText prints the report as aligned plain text; with errors, it also
// lists every comment whose categories or removal differ from its labels.
func WriteText(w io.Writer, r *Report, listErrors bool) error {
	p := &printer{w: w}
	p.f("galateo eval: %d comments of %s, ente %s, policy %s\n\n", r.Comments, r.Set, r.Ente, r.Revision)
	header := func(first string) {
		p.f("%-30s %7s %5s %5s %5s %9s %7s %7s\n", first, "support", "TP", "FP", "FN", "precision", "recall", "F1")
	}
	line := func(row Row) {
		pd, rd := row.Defined()
		p.f("%-30s %7d %5d %5d %5d %9s %7s %7s\n", row.Name, row.Support, row.TP, row.FP, row.FN,
			fixed(row.Precision(), pd), fixed(row.Recall(), rd), fixed(row.F1(), pd || rd))
	}
	header("category (any violation)")
	for _, row := range r.Categories {
		line(row)
	}
	p.f("%s\n", strings.Repeat("-", 78))
	line(r.All)
	line(r.Certain)
	p.f("\n")
	header("outcome")
	line(r.Remove)
	p.f("\nhard negatives: %d, flagged with a violation: %d, removed: %d\n\n", r.HardNegatives, r.HardFlagged, r.HardRemoved)
	p.f("%-14s %8s %18s %16s\n", "tag", "comments", "categories exact", "removal correct")
	for _, t := range r.Tags {
		p.f("%-14s %8d %18d %16d\n", t.Tag, t.Comments, t.Exact, t.Removal)
	}
	if listErrors {
		errs := r.Errors()
		p.f("\n%d comments differ from their labels:\n", len(errs))
		for _, res := range errs {
			c := res.Comment
			p.f("%s (line %d): want %s%s, got %s %s %s\n    %s\n", c.ID, c.Line, list(c.Categories), removeMark(c.Remove),
				res.Outcome, list(res.Predicted), list(res.Rules), clip(c.Text, 140))
		}
	}
	return p.err
}

// WriteMarkdown prints the tables of the report in Markdown, for the README.
func WriteMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	p.f("| category | support | TP | FP | FN | precision | recall | F1 |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
	line := func(name string, row Row) {
		pd, rd := row.Defined()
		p.f("| %s | %d | %d | %d | %d | %s | %s | %s |\n", name, row.Support, row.TP, row.FP, row.FN,
			fixed(row.Precision(), pd), fixed(row.Recall(), rd), fixed(row.F1(), pd || rd))
	}
	for _, row := range r.Categories {
		line("`"+row.Name+"`", row)
	}
	line("**all categories**", r.All)
	line("**all categories, certain only**", r.Certain)
	line("**automatic removal**", r.Remove)
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

func fixed(v float64, defined bool) string {
	if !defined {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

func list(s []string) string { return "[" + strings.Join(s, " ") + "]" }

func removeMark(remove bool) string {
	if remove {
		return " remove"
	}
	return ""
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
