package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// ParamClause is a clause of the ente's document that a parameter serves:
// a rule the ente cites (clauses.<rule>) and that reads the parameter.
type ParamClause struct {
	Rule    string `json:"rule"`
	Section string `json:"section"`
	Quote   string `json:"quote"`
}

// templateFile holds the standard template, whose rules object says what
// each rule id reads (category, params).
const templateFile = "lib/standard.rego"

// citeParams fills the Clauses of the changes to an ente's data file, each
// from the side that holds the parameter: the To side, or the From side for
// a key removed. A parameter a side cannot map gets none.
func citeParams(changes []ParamChange, from, to Files) {
	sides := map[bool]*citer{false: newCiter(from), true: newCiter(to)}
	for i, c := range changes {
		onTo := c.Kind != Removed || c.Item
		v := c.To
		if !onTo {
			v = c.From
		}
		changes[i].Clauses = sides[onTo].clauses(c.File, c.Path, v)
	}
}

// citer maps parameters to clauses under one revision's files.
type citer struct {
	files Files
	table map[string]map[string]any // the template's rules; nil until read
	enti  map[string]*citedRules
}

func newCiter(files Files) *citer { return &citer{files: files, enti: map[string]*citedRules{}} }

// citedRules are the rules an ente cites, with what each reads.
type citedRules struct {
	clauses map[string]map[string]any // rule id → the ente's clause
	rules   map[string]map[string]any // rule id → what it reads, where known
}

// clauses are the clauses the parameter at path of file serves; v is its
// value on this side, which names the keys when path is a whole section.
func (c *citer) clauses(file, path string, v any) []ParamClause {
	ente, ok := enteOfDataFile(file)
	if !ok {
		return nil
	}
	cr := c.ente(ente)
	if cr == nil {
		return nil
	}
	top, sub := splitPath(path)
	var ids []string
	switch top {
	case "":
	case "clauses":
		for _, k := range subKeys(sub, v) {
			if _, ok := cr.clauses[k]; ok {
				ids = append(ids, k)
			}
		}
	case "categories":
		cats := map[string]bool{}
		for _, k := range subKeys(sub, v) {
			cats[k] = true
		}
		for id, r := range cr.rules {
			if cat, ok := r["category"].(string); ok && cats[cat] {
				ids = append(ids, id)
			}
		}
	default:
		for id, r := range cr.rules {
			if params, ok := r["params"].([]any); ok && containsString(params, top) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	out := make([]ParamClause, 0, len(ids))
	for _, id := range ids {
		cl := cr.clauses[id]
		section, _ := cl["section"].(string)
		quote, _ := cl["quote"].(string)
		out = append(out, ParamClause{Rule: id, Section: section, Quote: quote})
	}
	return out
}

// ente reads what the rules ente cites read, as the engine would decide
// for it: its data over that of the ente it adopts, the standard template's
// entry of a rule under the ente's clause. An ente under another template,
// or with Rego of its own, may have rules the template's table does not
// describe: for those only their clauses.<rule> is mapped.
func (c *citer) ente(id string) *citedRules {
	if cr, ok := c.enti[id]; ok {
		return cr
	}
	c.enti[id] = nil
	own, err := enteData(id, "", c.files)
	if err != nil || own == nil {
		return nil
	}
	data, template, regoDirs := own, stringField(own, "template"), []string{id}
	if parent := stringField(own, "adopts"); parent != "" && parent != id {
		pd, err := enteData(parent, "", c.files)
		if err != nil || pd == nil {
			return nil
		}
		data, template = union(pd, own).(map[string]any), stringField(pd, "template")
		regoDirs = append(regoDirs, parent)
	}
	cr := &citedRules{clauses: map[string]map[string]any{}, rules: map[string]map[string]any{}}
	cited, _ := data["clauses"].(map[string]any)
	for rule, v := range cited {
		if m, ok := v.(map[string]any); ok {
			cr.clauses[rule] = m
		}
	}
	if template == "" || template == "standard" {
		table := c.templateRules()
		// Only an ente made of data and the standard template decides with
		// nothing but the table and its clauses, so only there may a rule of
		// its own be read through the check its clause names.
		dataOnly := template == "standard" && !c.hasRego(regoDirs)
		for rule, cl := range cr.clauses {
			entry, inTable := table[rule]
			switch {
			case inTable:
				cr.rules[rule] = union(entry, cl).(map[string]any)
			case dataOnly:
				cr.rules[rule] = byCheck(table, cl)
			}
		}
	}
	c.enti[id] = cr
	return cr
}

// byCheck is a rule of the ente's own clause, with the category and params
// that every template rule of the same check has, where the clause says
// none: those are the check's, not the rule id's.
func byCheck(table map[string]map[string]any, clause map[string]any) map[string]any {
	check, _ := clause["check"].(string)
	r := map[string]any{}
	for k, v := range clause {
		r[k] = v
	}
	for _, field := range []string{"category", "params"} {
		if _, ok := r[field]; ok || check == "" {
			continue
		}
		var agreed any
		n := 0
		for _, entry := range table {
			if entry["check"] != check {
				continue
			}
			v, ok := entry[field]
			if !ok || (n > 0 && !equal(agreed, v)) {
				agreed, n = nil, -1
				break
			}
			agreed, n = v, n+1
		}
		if n > 0 {
			r[field] = agreed
		}
	}
	return r
}

// templateRules is the rules object of this revision's standard template,
// read from its syntax, not evaluated. A template that is missing or does
// not parse maps nothing: the revision fails elsewhere, and a diff of it
// should still show.
func (c *citer) templateRules() map[string]map[string]any {
	if c.table != nil {
		return c.table
	}
	c.table = map[string]map[string]any{}
	raw, ok := c.files[templateFile]
	if !ok {
		return c.table
	}
	mod, err := ast.ParseModule(templateFile, string(raw))
	if err != nil {
		return c.table
	}
	for _, r := range mod.Rules {
		if r.Head.Name.String() != "rules" || r.Head.Value == nil || len(r.Head.Args) > 0 {
			continue
		}
		v, err := ast.JSON(r.Head.Value.Value)
		if err != nil {
			continue
		}
		obj, _ := v.(map[string]any)
		for id, e := range obj {
			if m, ok := e.(map[string]any); ok {
				c.table[id] = m
			}
		}
	}
	return c.table
}

// hasRego tells whether the folders of enti ids hold Rego other than tests.
func (c *citer) hasRego(ids []string) bool {
	for p := range c.files {
		for _, id := range ids {
			if strings.HasPrefix(p, "enti/"+id+"/") && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") {
				return true
			}
		}
	}
	return false
}

// enteOfDataFile is the ente whose data file p is.
func enteOfDataFile(p string) (string, bool) {
	parts := strings.Split(p, "/")
	if len(parts) != 3 || parts[0] != "enti" {
		return "", false
	}
	for _, name := range dataFiles {
		if parts[2] == name {
			return parts[1], true
		}
	}
	return "", false
}

var dataFiles = []string{"data.yaml", "data.yml", "data.json"}

// splitPath is the top-level key of a parameter path and the key below it
// ("" when the path is the section itself or goes on with a list item).
func splitPath(p string) (top, sub string) {
	top, rest := firstKey(p)
	if strings.HasPrefix(rest, ".") {
		rest = rest[1:]
		sub, _ = firstKey(rest)
	} else if strings.HasPrefix(rest, "[\"") {
		sub, _ = firstKey(rest)
	}
	return top, sub
}

// firstKey reads one key of a path as child writes it: a plain word, or a
// quoted key in brackets.
func firstKey(p string) (key, rest string) {
	if strings.HasPrefix(p, "[\"") {
		q, err := strconv.QuotedPrefix(p[1:])
		if err != nil || !strings.HasPrefix(p[1+len(q):], "]") {
			return "", p
		}
		k, _ := strconv.Unquote(q)
		return k, p[1+len(q)+1:]
	}
	i := strings.IndexAny(p, ".[")
	if i < 0 {
		return p, ""
	}
	return p[:i], p[i:]
}

// subKeys are the keys a change under a section touches: the one its path
// names, or every key of the section's value when the whole section changed.
func subKeys(sub string, v any) []string {
	if sub != "" {
		return []string{sub}
	}
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// union is OPA's object.union: b over a, objects merged key by key.
func union(a, b any) any {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if !aok || !bok {
		return b
	}
	out := make(map[string]any, len(am)+len(bm))
	for k, v := range am {
		out[k] = v
	}
	for k, v := range bm {
		if av, ok := out[k]; ok {
			out[k] = union(av, v)
		} else {
			out[k] = v
		}
	}
	return out
}

func stringField(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func containsString(l []any, s string) bool {
	for _, v := range l {
		if v == s {
			return true
		}
	}
	return false
}
