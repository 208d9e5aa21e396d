// Package diff owns the comparison of two versions of one ente's policy
// (DESIGN.md, "Versions, diff and replay"): which files changed, the Rego
// text as unified diffs, the data as parameters (with the clauses of the
// document each serves) and lexicon terms that changed, the plain report an
// auditor reads, and, with CompareBehaviour, how the behaviour changes: the
// ente's fixtures and its logged decisions evaluated under both revisions.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/util"
)

// Files are the files of one revision: path relative to the policies folder,
// slash-separated ("enti/tradate/data.yaml"), to the bytes as written. It is
// an alias so that the engine's Files pass as they are.
type Files = map[string][]byte

// Side names one of the two versions compared.
type Side struct {
	Ref      string `json:"ref"`      // what the user named: a revision, a folder, a git ref
	Revision string `json:"revision"` // sha256 of the canonicalised files (the engine's)
	Version  string `json:"version"`  // the version label of the ente's data
}

// Report is the comparison of two versions of one ente's policy.
type Report struct {
	Ente      string       `json:"ente"`
	From      Side         `json:"from"`
	To        Side         `json:"to"`
	Files     []FileChange `json:"files"` // every file added, removed or changed, by path
	Text      []TextDiff   `json:"text"`  // a unified diff per Rego file in Files
	Data      DataDiff     `json:"data"`
	Behaviour *Behaviour   `json:"behaviour,omitempty"` // filled by the caller, which runs the engine
}

// File statuses, also the kinds of parameter changes.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// FileChange is a file present in one version only, or with other bytes.
type FileChange struct {
	Path   string `json:"path"`
	Status string `json:"status"` // added | removed | changed
}

// DataDiff is what changed in the data: parameters of the ente and of the
// library, and lexicon terms.
type DataDiff struct {
	Parameters []ParamChange `json:"parameters"`
	Terms      []TermChange  `json:"terms"`
}

// Behaviour is how the decisions change: fixtures run and logged decisions
// replayed under both versions. The caller computes it.
type Behaviour struct {
	Fixtures          []Change  `json:"fixtures"` // fixture cases whose decision changes
	FixturesRun       int       `json:"fixtures_run"`
	Decisions         []Change  `json:"decisions"` // logged decisions whose decision would change
	DecisionsReplayed int       `json:"decisions_replayed"`
	Since             time.Time `json:"since,omitzero"`
	Skipped           int       `json:"skipped,omitempty"` // logged decisions that could not be replayed (input purged)
	// Truncated tells that the limit stopped the replay before the period's
	// oldest decisions: the newest were replayed.
	Truncated bool `json:"truncated,omitempty"`
}

// Change is one fixture case or logged decision decided differently.
type Change struct {
	ID          string  `json:"id"` // fixture name ("tradate/003_x.yaml") or decision id
	Description string  `json:"description,omitempty"`
	From        Outcome `json:"from"`
	To          Outcome `json:"to"`
}

// Outcome is the part of a decision that a change is about.
type Outcome struct {
	Outcome    string   `json:"outcome"`
	Categories []string `json:"categories"`
	Actions    []string `json:"actions"`
}

// Compare compares two file sets of ente: the files, the Rego text and the
// data. It fills From.Version and To.Version from the ente's data; Ref and
// Revision, and Behaviour, are the caller's. It fails only when a data file
// that it reads cannot be parsed, and then names the file.
func Compare(ente string, from, to Files) (*Report, error) {
	r := &Report{
		Ente:  ente,
		Files: []FileChange{},
		Text:  []TextDiff{},
		Data:  DataDiff{Parameters: []ParamChange{}, Terms: []TermChange{}},
	}
	lexiconChanged := false
	for _, p := range unionPaths(from, to) {
		a, inFrom := from[p]
		b, inTo := to[p]
		status := Changed
		switch {
		case !inFrom:
			status = Added
		case !inTo:
			status = Removed
		case bytes.Equal(a, b):
			continue
		}
		r.Files = append(r.Files, FileChange{Path: p, Status: status})
		switch {
		case strings.HasSuffix(p, ".rego"):
			r.Text = append(r.Text, unified(p, status, string(a), string(b)))
		case !isData(p):
		case isLexicon(p):
			// Terms are merged from every lexicon file, so they are diffed
			// together below: a term moved between files is no change.
			lexiconChanged = true
		default:
			va, err := parseIf(p, "from", a, inFrom)
			if err != nil {
				return nil, err
			}
			vb, err := parseIf(p, "to", b, inTo)
			if err != nil {
				return nil, err
			}
			r.Data.Parameters = append(r.Data.Parameters, diffParams(p, va, vb)...)
		}
	}
	if lexiconChanged {
		la, err := mergeLexicon("from", from)
		if err != nil {
			return nil, err
		}
		lb, err := mergeLexicon("to", to)
		if err != nil {
			return nil, err
		}
		r.Data.Terms = diffLexicon(la, lb)
	}
	citeParams(r.Data.Parameters, from, to)
	var err error
	if r.From.Version, err = version(ente, "from", from); err != nil {
		return nil, err
	}
	if r.To.Version, err = version(ente, "to", to); err != nil {
		return nil, err
	}
	return r, nil
}

// HasChanges tells whether the versions differ in anything the report
// shows: files, or the decisions of fixtures or logged contents.
func (r *Report) HasChanges() bool {
	if len(r.Files)+len(r.Text)+len(r.Data.Parameters)+len(r.Data.Terms) > 0 {
		return true
	}
	return r.Behaviour != nil && len(r.Behaviour.Fixtures)+len(r.Behaviour.Decisions) > 0
}

func unionPaths(a, b Files) []string {
	seen := make(map[string]bool, len(a)+len(b))
	var out []string
	for _, m := range []Files{a, b} {
		for p := range m {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

func isData(p string) bool {
	switch path.Ext(p) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

func isLexicon(p string) bool { return strings.HasPrefix(p, "lexicon/") }

// parse reads a data file as the engine does (YAML or JSON, numbers kept
// as written), so that the diff sees the values the policy sees.
func parse(p, side string, raw []byte) (any, error) {
	var v any
	if err := util.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%s (%s version): %w", p, side, err)
	}
	return v, nil
}

func parseIf(p, side string, raw []byte, present bool) (any, error) {
	if !present {
		return nil, nil
	}
	return parse(p, side, raw)
}

// version is the label the ente's data gives its document, or the one of
// the ente it adopts when it gives none, as the engine reads it.
func version(ente, side string, files Files) (string, error) {
	own, err := enteData(ente, side, files)
	if err != nil || own == nil {
		return "", err
	}
	if v, ok := own["version"].(string); ok {
		return v, nil
	}
	adopts, _ := own["adopts"].(string)
	if adopts == "" || adopts == ente {
		return "", nil
	}
	parent, err := enteData(adopts, side, files)
	if err != nil || parent == nil {
		return "", err
	}
	v, _ := parent["version"].(string)
	return v, nil
}

func enteData(ente, side string, files Files) (map[string]any, error) {
	for _, name := range dataFiles {
		p := "enti/" + ente + "/" + name
		raw, ok := files[p]
		if !ok {
			continue
		}
		v, err := parse(p, side, raw)
		if err != nil {
			return nil, err
		}
		m, _ := v.(map[string]any)
		return m, nil
	}
	return nil, nil
}

// The JSON of a report has [] where a list is empty, never null: a client
// should not have to tell "nothing changed" from "not there".

// MarshalJSON writes empty lists as [].
func (d DataDiff) MarshalJSON() ([]byte, error) {
	type plain DataDiff
	p := plain(d)
	p.Parameters = nonNil(p.Parameters)
	p.Terms = nonNil(p.Terms)
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [].
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	p := plain(r)
	p.Files = nonNil(p.Files)
	p.Text = nonNil(p.Text)
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [].
func (b Behaviour) MarshalJSON() ([]byte, error) {
	type plain Behaviour
	p := plain(b)
	p.Fixtures = nonNil(p.Fixtures)
	p.Decisions = nonNil(p.Decisions)
	return json.Marshal(p)
}

// MarshalJSON writes empty lists as [].
func (o Outcome) MarshalJSON() ([]byte, error) {
	type plain Outcome
	p := plain(o)
	p.Categories = nonNil(p.Categories)
	p.Actions = nonNil(p.Actions)
	return json.Marshal(p)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
