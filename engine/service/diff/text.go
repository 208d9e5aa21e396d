package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// wrapAt is the length past which a changed parameter's old and new values
// go on lines of their own: texts of replies are read better one under the
// other.
const wrapAt = 100

// WriteText prints the report for an auditor who does not read code: a
// summary, then the files, the parameters, the lexicon, the Rego text, the
// fixtures and the logged decisions.
func (r *Report) WriteText(w io.Writer) error {
	p := &printer{w: w}
	p.f("Policy comparison for %s\n", r.Ente)
	p.f("From: %s\n", side(r.From))
	p.f("To:   %s\n", side(r.To))
	p.f("\n")
	r.writeSummary(p)
	if !r.HasChanges() {
		return p.err
	}
	r.writeFiles(p)
	r.writeParameters(p)
	r.writeLexicon(p)
	r.writeRego(p)
	r.writeFixtures(p)
	r.writeDecisions(p)
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

func side(s Side) string {
	var parts []string
	if s.Version != "" {
		parts = append(parts, "version "+strconv.Quote(s.Version))
	}
	if s.Ref != "" {
		parts = append(parts, "ref "+s.Ref)
	}
	if s.Revision != "" {
		parts = append(parts, "revision "+s.Revision)
	}
	if len(parts) == 0 {
		return "(not named)"
	}
	return strings.Join(parts, ", ")
}

func (r *Report) writeSummary(p *printer) {
	p.f("Summary\n")
	b := r.Behaviour
	if !r.HasChanges() {
		p.f("  No change: the two versions have the same files.\n")
		if b != nil {
			p.f("  %s.\n", fixturesSentence(b))
			p.f("  %s.\n", decisionsSentence(b))
		}
		return
	}
	if len(r.Files) == 0 {
		p.f("  No file changed.\n")
	} else {
		count := map[string]int{}
		for _, f := range r.Files {
			count[f.Status]++
		}
		var parts []string
		for _, s := range []string{Added, Removed, Changed} {
			if count[s] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", count[s], s))
			}
		}
		if len(parts) == 1 {
			p.f("  %s %s.\n", plural(len(r.Files), "file", "files"), r.Files[0].Status)
		} else {
			p.f("  %s differ: %s.\n", plural(len(r.Files), "file", "files"), strings.Join(parts, ", "))
		}
	}
	if n := len(r.Data.Parameters); n == 0 {
		p.f("  No parameter changed.\n")
	} else {
		p.f("  %s changed.\n", plural(n, "parameter", "parameters"))
	}
	if n := len(r.Data.Terms); n == 0 {
		p.f("  No lexicon change.\n")
	} else {
		p.f("  %s.\n", plural(n, "lexicon change", "lexicon changes"))
	}
	if len(r.Text) == 0 {
		p.f("  No Rego file changed.\n")
	} else {
		added, removed := 0, 0
		for _, t := range r.Text {
			added += t.Added
			removed += t.Removed
		}
		p.f("  %s changed: %s added, %s removed.\n", plural(len(r.Text), "Rego file", "Rego files"),
			plural(added, "line", "lines"), plural(removed, "line", "lines"))
	}
	if b == nil {
		p.f("  Fixtures not run, logged decisions not replayed.\n")
		return
	}
	p.f("  %s.\n", fixturesSentence(b))
	p.f("  %s", decisionsSentence(b))
	if b.Skipped > 0 {
		p.f("; %s could not be replayed (input purged)", plural(b.Skipped, "decision", "decisions"))
	}
	p.f(".\n")
}

func fixturesSentence(b *Behaviour) string {
	if len(b.Fixtures) == 0 {
		return fmt.Sprintf("None of the %s changes its decision", plural(b.FixturesRun, "fixture", "fixtures"))
	}
	return fmt.Sprintf("%d of %d fixtures %s", len(b.Fixtures), b.FixturesRun,
		verb(len(b.Fixtures), "changes its decision", "change their decision"))
}

func decisionsSentence(b *Behaviour) string {
	if b.DecisionsReplayed == 0 && b.Since.IsZero() && b.Skipped == 0 {
		return "Logged decisions were not replayed (give -since, or since, to replay a period)"
	}
	if len(b.Decisions) == 0 {
		return fmt.Sprintf("None of the %s replayed%s would be decided differently",
			plural(b.DecisionsReplayed, "logged decision", "logged decisions"), since(b))
	}
	return fmt.Sprintf("%d of %d logged decisions replayed%s would be decided differently",
		len(b.Decisions), b.DecisionsReplayed, since(b))
}

func (r *Report) writeFiles(p *printer) {
	p.f("\nFiles\n")
	if len(r.Files) == 0 {
		p.f("  No change.\n")
	}
	for _, f := range r.Files {
		p.f("  %-8s %s\n", f.Status, f.Path)
	}
}

func (r *Report) writeParameters(p *printer) {
	p.f("\nParameters\n")
	byFile := map[string][]ParamChange{}
	for _, c := range r.Data.Parameters {
		byFile[c.File] = append(byFile[c.File], c)
	}
	// A data file that changed with no parameter changed: say so, or the
	// reader looks for what the file list promised.
	for _, f := range r.Files {
		if f.Status == Changed && isData(f.Path) && !isLexicon(f.Path) && byFile[f.Path] == nil {
			byFile[f.Path] = nil
		}
	}
	if len(byFile) == 0 {
		p.f("  No change.\n")
		return
	}
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		p.f("  In %s%s:\n", file, fileNote(r.Ente, file))
		if len(byFile[file]) == 0 {
			p.f("    only comments or layout changed.\n")
		}
		for _, c := range byFile[file] {
			p.f("%s%s", paramLine(c), clausesLine(c.Clauses))
		}
	}
}

// fileNote says whose parameters a file holds when they are not only the
// ente's: a change to the library reaches every ente.
func fileNote(ente, file string) string {
	switch parts := strings.Split(file, "/"); {
	case parts[0] == "lib":
		return " (library, shared by every ente)"
	case parts[0] == "schema":
		return " (schema, shared by every ente)"
	case len(parts) > 2 && parts[0] == "enti" && parts[1] != ente:
		return " (the policy of " + parts[1] + ", which " + ente + " adopts)"
	}
	return ""
}

// clausesLine names the clauses a parameter serves: each with its quote
// when they are few, the rules alone when many (a signal threshold serves
// every rule that weighs signals).
func clausesLine(cs []ParamClause) string {
	if len(cs) > 3 {
		rules := make([]string, len(cs))
		for i, c := range cs {
			rules[i] = c.Rule
		}
		return fmt.Sprintf("      serves the clauses of %d rules: %s\n", len(cs), strings.Join(rules, ", "))
	}
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "      serves %s: %s, %q\n", c.Rule, c.Section, c.Quote)
	}
	return b.String()
}

func paramLine(c ParamChange) string {
	switch {
	case c.Item && c.Kind == Added:
		return fmt.Sprintf("    %s: item %s added\n", c.Path, value(c.To))
	case c.Item && c.Kind == Removed:
		return fmt.Sprintf("    %s: item %s removed\n", c.Path, value(c.From))
	case c.Kind == Added:
		return fmt.Sprintf("    %s added: %s\n", c.Path, value(c.To))
	case c.Kind == Removed:
		return fmt.Sprintf("    %s removed (was %s)\n", c.Path, value(c.From))
	}
	from, to := value(c.From), value(c.To)
	if len(c.Path)+len(from)+len(to) > wrapAt {
		return fmt.Sprintf("    %s changed\n      from: %s\n      to:   %s\n", c.Path, from, to)
	}
	return fmt.Sprintf("    %s: %s → %s\n", c.Path, from, to)
}

func (r *Report) writeLexicon(p *printer) {
	p.f("\nLexicon\n")
	lexiconFiles := false
	for _, f := range r.Files {
		lexiconFiles = lexiconFiles || isLexicon(f.Path) && isData(f.Path)
	}
	switch {
	case len(r.Data.Terms) > 0:
	case lexiconFiles:
		p.f("  No term changed (only comments, layout, or the file a term is in).\n")
	default:
		p.f("  No change.\n")
	}
	for _, c := range r.Data.Terms {
		p.f("  %s\n", termLine(c))
	}
}

func termLine(c TermChange) string {
	if c.Category == "" {
		return plainTermLine(c)
	}
	label := c.Category
	if c.Section != "terms" {
		label += " (" + c.Section + ")"
	}
	term := quoteTerm(c.Term)
	onlyLemma := len(c.Forms) == 1 && c.Forms[0] == c.Term
	switch c.Kind {
	case Added, Removed:
		s := fmt.Sprintf("%s: %s %s (%s)", label, c.Kind, term, termAttributes(c))
		if !onlyLemma {
			s += ", " + formsText(c.Forms)
		}
		return s
	case FormsAdded, FormsRemoved:
		verb := strings.TrimPrefix(c.Kind, "forms_")
		return fmt.Sprintf("%s %s: %s %s (%s)", label, term, verb, formsText(c.Forms), termAttributes(c))
	}
	s := fmt.Sprintf("%s %s: %s %s → %s", label, term, c.Field, termValue(c.From), termValue(c.To))
	if !onlyLemma {
		s += " for " + formsText(c.Forms)
	}
	return s
}

// plainTermLine writes a change of a section without categories:
// exceptions, surnames, name titles, shorteners, negation.
func plainTermLine(c TermChange) string {
	if c.Term == "" {
		return fmt.Sprintf("%s: %s → %s", c.Section, termValue(c.From), termValue(c.To))
	}
	term := quoteTerm(c.Term)
	switch c.Kind {
	case Added:
		return fmt.Sprintf("%s: added %s%s", c.Section, term, entryDetail(c.To))
	case Removed:
		return fmt.Sprintf("%s: removed %s%s", c.Section, term, entryDetail(c.From))
	case FormsAdded, FormsRemoved:
		return fmt.Sprintf("%s %s: %s %s", c.Section, term, strings.TrimPrefix(c.Kind, "forms_"), wordsText(c.Forms))
	}
	return fmt.Sprintf("%s %s: %s → %s", c.Section, term, termValue(c.From), termValue(c.To))
}

// entryDetail is what an entry says besides its key; "true", the value of
// a plain set member (a name title, a shortener), says nothing.
func entryDetail(v any) string {
	switch v := v.(type) {
	case bool:
		if v {
			return ""
		}
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			parts = append(parts, k+" "+termValue(v[k]))
		}
		return " (" + strings.Join(parts, ", ") + ")"
	}
	return " (" + termValue(v) + ")"
}

func termAttributes(c TermChange) string {
	var parts []string
	if c.Severity != "" {
		parts = append(parts, "severity "+c.Severity)
	}
	for _, k := range slices.Sorted(maps.Keys(c.Attributes)) {
		parts = append(parts, k+" "+termValue(c.Attributes[k]))
	}
	if len(parts) == 0 {
		return "no severity"
	}
	return strings.Join(parts, ", ")
}

func formsText(forms []string) string {
	q := make([]string, len(forms))
	for i, f := range forms {
		q[i] = quoteTerm(f)
	}
	if len(forms) == 1 {
		return "form " + q[0]
	}
	return "forms " + strings.Join(q, ", ")
}

// wordsText writes the words added to or removed from a list of words.
func wordsText(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = quoteTerm(w)
	}
	if len(words) == 1 {
		return "word " + q[0]
	}
	return "words " + strings.Join(q, ", ")
}

func quoteTerm(s string) string { return "'" + s + "'" }

// termValue writes a lexicon value: words as they are (severity grave,
// ground eta), anything else as a parameter value.
func termValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "(none)"
	case string:
		return v
	}
	return value(v)
}

func (r *Report) writeRego(p *printer) {
	p.f("\nRego\n")
	if len(r.Text) == 0 {
		p.f("  No change.\n")
		return
	}
	for _, t := range r.Text {
		p.f("%s", t.Unified)
	}
}

func (r *Report) writeFixtures(p *printer) {
	p.f("\nFixtures\n")
	b := r.Behaviour
	switch {
	case b == nil:
		p.f("  Not run.\n")
		return
	case len(b.Fixtures) == 0:
		p.f("  %s.\n", fixturesSentence(b))
		return
	}
	p.f("  %s:\n", fixturesSentence(b))
	writeChanges(p, b.Fixtures)
}

func (r *Report) writeDecisions(p *printer) {
	p.f("\nLogged decisions\n")
	b := r.Behaviour
	if b == nil {
		p.f("  Not replayed.\n")
		return
	}
	if b.Skipped > 0 {
		p.f("  %s could not be replayed: their input was purged.\n", plural(b.Skipped, "decision", "decisions"))
	}
	if len(b.Decisions) == 0 {
		p.f("  %s.\n", decisionsSentence(b))
		return
	}
	p.f("  %s:\n", decisionsSentence(b))
	writeChanges(p, b.Decisions)
}

func writeChanges(p *printer, changes []Change) {
	for _, c := range changes {
		if c.Description != "" {
			p.f("  %s — %s\n", c.ID, c.Description)
		} else {
			p.f("  %s\n", c.ID)
		}
		p.f("    before: %s\n", outcome(c.From))
		p.f("    after:  %s\n", outcome(c.To))
	}
}

func outcome(o Outcome) string {
	s := o.Outcome
	if s == "" {
		s = "(no decision)"
	}
	var parts []string
	if len(o.Categories) > 0 {
		parts = append(parts, "categories: "+strings.Join(o.Categories, ", "))
	}
	if len(o.Actions) > 0 {
		parts = append(parts, "actions: "+strings.Join(o.Actions, ", "))
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

func since(b *Behaviour) string {
	out := ""
	if !b.Since.IsZero() {
		out = " since " + b.Since.Format("2006-01-02")
	}
	if b.Truncated {
		out += " (the newest only: the limit stopped the replay before the oldest)"
	}
	return out
}

// value writes parsed data compactly: strings quoted, so that a text's
// first and last characters are visible, objects with their keys sorted.
func value(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case json.Number:
		return string(v)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = value(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		parts := make([]string, 0, len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			key := k
			if !plainKey.MatchString(k) {
				key = strconv.Quote(k)
			}
			parts = append(parts, key+": "+value(v[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return canon(v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
