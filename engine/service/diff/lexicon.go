package diff

import (
	"path"
	"sort"
	"strings"
)

// TermChange is one line of the lexicon diff. A term is a lemma with its
// forms (the keys the engine looks up, policies/lexicon/README.md): adding
// "stronzo" with all its forms is one change, not one per form.
//
// In sections whose entries have a category (terms, hashtags,
// hashtag_prefixes, misinformation_pairs) changes are kept by category and
// lemma (the key when an entry has none):
//   - added, removed: a lemma new to the category, or gone from it, with its
//     Forms; forms of different severity or attributes are separate changes;
//   - forms_added, forms_removed: forms of a lemma that stays;
//   - changed: Field (severity, kind, ground...) of the Forms, From → To.
//
// In other sections (exceptions, surnames, name_titles, shorteners,
// negation) Term is the key and From/To its value: added, removed, changed;
// where the value is a list of words (personal_data, language), the words
// added and removed are forms_added and forms_removed, with the words as
// Forms (see listChanges).
type TermChange struct {
	Section  string   `json:"section"`            // top-level key of the lexicon files: terms, exceptions...
	Category string   `json:"category,omitempty"` // offensive_language, threat...; empty outside term sections
	Term     string   `json:"term"`               // the lemma, or the key
	Kind     string   `json:"kind"`               // added | removed | forms_added | forms_removed | changed
	Forms    []string `json:"forms,omitempty"`
	// Severity and Attributes (kind, ground...) are those of the Forms
	// added or removed.
	Severity   string         `json:"severity,omitempty"`
	Attributes map[string]any `json:"attributes,omitempty"`
	Field      string         `json:"field,omitempty"` // for changed terms
	From       any            `json:"from,omitempty"`
	To         any            `json:"to,omitempty"`
}

// Kinds of term changes besides Added, Removed and Changed.
const (
	FormsAdded   = "forms_added"
	FormsRemoved = "forms_removed"
)

// mergeLexicon reads every lexicon data file into one document by section,
// as OPA merges the files of the folder into data.lexicon.
func mergeLexicon(side string, files Files) (map[string]any, error) {
	var paths []string
	for p := range files {
		if isLexicon(p) && isData(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	out := map[string]any{}
	for _, p := range paths {
		v, err := parse(p, side, files[p])
		if err != nil {
			return nil, err
		}
		doc, ok := v.(map[string]any)
		if !ok {
			if v != nil {
				// Not sections: keep it whole, under the file's name.
				out[strings.TrimSuffix(path.Base(p), path.Ext(p))] = v
			}
			continue
		}
		for sec, sv := range doc {
			entries, isMap := sv.(map[string]any)
			prev, prevIsMap := out[sec].(map[string]any)
			switch {
			case isMap && prevIsMap:
				for k, e := range entries {
					prev[k] = e
				}
			case isMap:
				out[sec] = copyMap(entries)
			default:
				out[sec] = sv
			}
		}
	}
	return out, nil
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// lemmaKey identifies a term: a form belongs to the lemma of its category.
type lemmaKey struct{ category, lemma string }

// split parts a section into terms (entries with a category) by lemma, and
// the other entries.
func split(entries map[string]any) (map[lemmaKey]map[string]map[string]any, map[string]any) {
	terms := map[lemmaKey]map[string]map[string]any{}
	other := map[string]any{}
	for k, v := range entries {
		e, ok := v.(map[string]any)
		cat, isTerm := e["category"].(string)
		if !ok || !isTerm {
			other[k] = v
			continue
		}
		lemma, ok := e["lemma"].(string)
		if !ok {
			lemma = k
		}
		lk := lemmaKey{cat, lemma}
		if terms[lk] == nil {
			terms[lk] = map[string]map[string]any{}
		}
		terms[lk][k] = e
	}
	return terms, other
}

func diffLexicon(a, b map[string]any) []TermChange {
	out := []TermChange{}
	for _, sec := range unionKeys(a, b) {
		av, bv := a[sec], b[sec]
		am, aok := av.(map[string]any)
		bm, bok := bv.(map[string]any)
		if av == nil && bok {
			am, aok = map[string]any{}, true
		}
		if bv == nil && aok {
			bm, bok = map[string]any{}, true
		}
		if !aok || !bok {
			if !equal(av, bv) {
				out = append(out, TermChange{Section: sec, Kind: Changed, From: av, To: bv})
			}
			continue
		}
		out = append(out, diffSection(sec, am, bm)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return termLess(out[i], out[j]) })
	return out
}

func diffSection(sec string, a, b map[string]any) []TermChange {
	var out []TermChange
	ta, oa := split(a)
	tb, ob := split(b)
	lemmas := map[lemmaKey]bool{}
	for k := range ta {
		lemmas[k] = true
	}
	for k := range tb {
		lemmas[k] = true
	}
	for lk := range lemmas {
		fa, fb := ta[lk], tb[lk]
		base := TermChange{Section: sec, Category: lk.category, Term: lk.lemma}
		switch {
		case fa == nil:
			out = append(out, byAttributes(base, Added, fb, keys(fb))...)
		case fb == nil:
			out = append(out, byAttributes(base, Removed, fa, keys(fa))...)
		default:
			var gone, come, both []string
			for k := range fa {
				if _, ok := fb[k]; ok {
					both = append(both, k)
				} else {
					gone = append(gone, k)
				}
			}
			for k := range fb {
				if _, ok := fa[k]; !ok {
					come = append(come, k)
				}
			}
			out = append(out, byAttributes(base, FormsAdded, fb, come)...)
			out = append(out, byAttributes(base, FormsRemoved, fa, gone)...)
			out = append(out, fieldChanges(base, fa, fb, both)...)
		}
	}
	for _, k := range unionKeys(oa, ob) {
		av, inA := oa[k]
		bv, inB := ob[k]
		c := TermChange{Section: sec, Term: k}
		switch {
		case !inA:
			c.Kind, c.To = Added, bv
		case !inB:
			c.Kind, c.From = Removed, av
		case equal(av, bv):
			continue
		default:
			if words, ok := listChanges(sec, k, av, bv); ok {
				out = append(out, words...)
				continue
			}
			c.Kind, c.From, c.To = Changed, av, bv
		}
		out = append(out, c)
	}
	return out
}

// listChanges tells the words added to and removed from a list of words
// (personal_data.first_names, language.clitics), or from the lists of an
// object of lists (language.reported.speech, Term "reported.speech"), as
// forms_added and forms_removed with the words as Forms: a list of 300
// names with one more is one word added, not two lists. ok is false when
// a and b are not both such lists.
func listChanges(sec, key string, a, b any) ([]TermChange, bool) {
	if am, ok := a.(map[string]any); ok {
		bm, ok := b.(map[string]any)
		if !ok {
			return nil, false
		}
		var out []TermChange
		for _, k := range unionKeys(am, bm) {
			av, bv := am[k], bm[k]
			if av == nil {
				av = []any{}
			}
			if bv == nil {
				bv = []any{}
			}
			if equal(av, bv) {
				continue
			}
			words, ok := listChanges(sec, key+"."+k, av, bv)
			if !ok {
				return nil, false
			}
			out = append(out, words...)
		}
		return out, true
	}
	aw, ok := wordList(a)
	if !ok {
		return nil, false
	}
	bw, ok := wordList(b)
	if !ok {
		return nil, false
	}
	var out []TermChange
	for _, d := range []struct {
		kind     string
		from, to map[string]bool
	}{{FormsAdded, aw, bw}, {FormsRemoved, bw, aw}} {
		var words []string
		for w := range d.to {
			if !d.from[w] {
				words = append(words, w)
			}
		}
		if len(words) > 0 {
			sort.Strings(words)
			out = append(out, TermChange{Section: sec, Term: key, Kind: d.kind, Forms: words})
		}
	}
	return out, true
}

// wordList is the set of a list whose items are all strings.
func wordList(v any) (map[string]bool, bool) {
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	m := make(map[string]bool, len(l))
	for _, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		m[s] = true
	}
	return m, true
}

// byAttributes makes one change per set of forms that share severity and
// attributes, so that each line says exactly what the forms are.
func byAttributes(base TermChange, kind string, entries map[string]map[string]any, forms []string) []TermChange {
	var g formGroups
	for _, f := range forms {
		sev, attrs := attributes(entries[f])
		g.add(sev+"\x00"+canon(attrs), f, func() TermChange {
			c := base
			c.Kind, c.Severity, c.Attributes = kind, sev, attrs
			return c
		})
	}
	return g.changes()
}

// formGroups gathers forms under the change they share, keyed by a
// signature of it, in the order the changes first appear.
type formGroups struct {
	by    map[string]*TermChange
	order []string
}

// add puts form under the change of signature sig, made by change the
// first time sig is seen.
func (g *formGroups) add(sig, form string, change func() TermChange) {
	c, ok := g.by[sig]
	if !ok {
		if g.by == nil {
			g.by = map[string]*TermChange{}
		}
		made := change()
		c = &made
		g.by[sig] = c
		g.order = append(g.order, sig)
	}
	c.Forms = append(c.Forms, form)
}

// changes are the changes gathered, each with its forms sorted.
func (g *formGroups) changes() []TermChange {
	out := make([]TermChange, 0, len(g.order))
	for _, sig := range g.order {
		c := g.by[sig]
		sort.Strings(c.Forms)
		out = append(out, *c)
	}
	return out
}

// attributes are what an entry says besides its category and lemma, which
// place it: its severity, and the rest (kind, ground...).
func attributes(e map[string]any) (string, map[string]any) {
	sev, _ := e["severity"].(string)
	var rest map[string]any
	for k, v := range e {
		switch k {
		case "category", "lemma":
			continue
		case "severity":
			if _, ok := v.(string); ok {
				continue
			}
		}
		if rest == nil {
			rest = map[string]any{}
		}
		rest[k] = v
	}
	return sev, rest
}

// fieldChanges reports fields that changed on forms present in both
// versions, one change per field and pair of values.
func fieldChanges(base TermChange, a, b map[string]map[string]any, forms []string) []TermChange {
	var g formGroups
	for _, f := range forms {
		ea, eb := a[f], b[f]
		for _, field := range unionKeys(ea, eb) {
			if field == "category" || field == "lemma" {
				continue
			}
			va, vb := ea[field], eb[field]
			if equal(va, vb) {
				continue
			}
			g.add(field+"\x00"+canon(va)+"\x00"+canon(vb), f, func() TermChange {
				c := base
				c.Kind, c.Field, c.From, c.To = Changed, field, va, vb
				return c
			})
		}
	}
	return g.changes()
}

func keys(m map[string]map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

var kindRank = map[string]int{Added: 0, Removed: 1, FormsAdded: 2, FormsRemoved: 3, Changed: 4}

// termLess orders the changes of terms by category, plain terms before
// hashtags and other sections of the same category, then by lemma and
// kind; changes of sections without categories (exceptions...) come last.
// The rest only makes the order total.
func termLess(x, y TermChange) bool {
	if (x.Category == "") != (y.Category == "") {
		return x.Category != ""
	}
	switch {
	case x.Category != y.Category:
		return x.Category < y.Category
	case x.Section != y.Section:
		if rx, ry := sectionRank(x.Section), sectionRank(y.Section); rx != ry {
			return rx < ry
		}
		return x.Section < y.Section
	case x.Term != y.Term:
		return x.Term < y.Term
	case x.Kind != y.Kind:
		return kindRank[x.Kind] < kindRank[y.Kind]
	case x.Severity != y.Severity:
		return x.Severity < y.Severity
	case x.Field != y.Field:
		return x.Field < y.Field
	}
	if a, b := canon(x.Attributes), canon(y.Attributes); a != b {
		return a < b
	}
	if a, b := strings.Join(x.Forms, "\x00"), strings.Join(y.Forms, "\x00"); a != b {
		return a < b
	}
	return canon(x.From)+canon(x.To) < canon(y.From)+canon(y.To)
}

// sectionRank puts the plain terms first: they are most of the lexicon.
func sectionRank(s string) int {
	if s == "terms" {
		return 0
	}
	return 1
}
