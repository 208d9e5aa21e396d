package diff

import (
	"encoding/json"
	"math/big"
	"regexp"
	"sort"
	"strconv"
)

// ParamChange is one parameter of a data file that was added, removed or
// changed. Path leads to it inside the file's document: keys joined by dots
// (repeat_offender.threshold), keys that are not plain words in brackets
// (own_domains["comune.tradate.va.it"]), and an item of a list of objects
// by its id field (calendar.holidays[date=12-26]).
type ParamChange struct {
	File string `json:"file"` // the data file, relative to the policies folder
	Path string `json:"path"`
	Kind string `json:"kind"` // added | removed | changed
	// Item: Path is a list and the change adds or removes one of its items
	// (From or To is the item), rather than the value at Path itself.
	Item bool `json:"item,omitempty"`
	From any  `json:"from,omitempty"`
	To   any  `json:"to,omitempty"`
	// Clauses are the clauses of the ente's document that the parameter
	// serves: those of the rules it cites (clauses.<rule>) that read it.
	Clauses []ParamClause `json:"clauses,omitempty"`
}

// idFields are the fields that identify an object in a list, in order of
// preference; one is used when every object of both lists has it as a
// scalar and no two objects of a list share its value.
var idFields = []string{"id", "key", "code", "date", "name"}

func diffParams(file string, a, b any) []ParamChange {
	d := &paramDiff{file: file, out: []ParamChange{}}
	// A file added or removed is a document whose keys are all added or
	// removed, not one value that appears.
	if a == nil {
		if _, ok := b.(map[string]any); ok {
			a = map[string]any{}
		}
	}
	if b == nil {
		if _, ok := a.(map[string]any); ok {
			b = map[string]any{}
		}
	}
	d.value("", a, b)
	return d.out
}

type paramDiff struct {
	file string
	out  []ParamChange
}

func (d *paramDiff) add(c ParamChange) {
	c.File = d.file
	d.out = append(d.out, c)
}

func (d *paramDiff) value(p string, a, b any) {
	switch av := a.(type) {
	case map[string]any:
		if bv, ok := b.(map[string]any); ok {
			d.object(p, av, bv)
			return
		}
	case []any:
		if bv, ok := b.([]any); ok {
			d.list(p, av, bv)
			return
		}
	}
	if !equal(a, b) {
		d.add(ParamChange{Path: p, Kind: Changed, From: a, To: b})
	}
}

func (d *paramDiff) object(p string, a, b map[string]any) {
	for _, k := range unionKeys(a, b) {
		av, inA := a[k]
		bv, inB := b[k]
		kp := child(p, k)
		switch {
		case !inA:
			d.add(ParamChange{Path: kp, Kind: Added, To: bv})
		case !inB:
			d.add(ParamChange{Path: kp, Kind: Removed, From: av})
		default:
			d.value(kp, av, bv)
		}
	}
}

// list diffs by identity rather than position, so that one holiday added
// at the top of a list does not read as every holiday changed.
func (d *paramDiff) list(p string, a, b []any) {
	if equal(a, b) {
		return
	}
	if field := idField(a, b); field != "" {
		d.keyedList(p, field, a, b)
		return
	}
	// A one-item list replaced ("monday: [09:00-12:00]" to
	// [09:00-13:00]) reads best as the value it is.
	if len(a) == 1 && len(b) == 1 {
		d.add(ParamChange{Path: p, Kind: Changed, From: a, To: b})
		return
	}
	removed, added := multisetDiff(a, b)
	if len(removed) == 0 && len(added) == 0 {
		// Same items in another order: order may matter to a rule.
		d.add(ParamChange{Path: p, Kind: Changed, From: a, To: b})
		return
	}
	for _, v := range removed {
		d.add(ParamChange{Path: p, Kind: Removed, Item: true, From: v})
	}
	for _, v := range added {
		d.add(ParamChange{Path: p, Kind: Added, Item: true, To: v})
	}
}

// keyedList matches objects by their id field; their order in the list
// carries no meaning then, so a reordering is no change.
func (d *paramDiff) keyedList(p, field string, a, b []any) {
	index := func(l []any) map[string]any {
		m := make(map[string]any, len(l))
		for _, v := range l {
			m[canon(v.(map[string]any)[field])] = v
		}
		return m
	}
	ia, ib := index(a), index(b)
	sel := func(v any) string {
		return p + "[" + field + "=" + keyText(v.(map[string]any)[field]) + "]"
	}
	for _, v := range a {
		k := canon(v.(map[string]any)[field])
		if w, ok := ib[k]; ok {
			d.value(sel(v), v, w)
		} else {
			d.add(ParamChange{Path: sel(v), Kind: Removed, From: v})
		}
	}
	for _, v := range b {
		if _, ok := ia[canon(v.(map[string]any)[field])]; !ok {
			d.add(ParamChange{Path: sel(v), Kind: Added, To: v})
		}
	}
}

func idField(a, b []any) string {
	if len(a)+len(b) == 0 {
		return ""
	}
next:
	for _, f := range idFields {
		for _, l := range [][]any{a, b} {
			seen := make(map[string]bool, len(l))
			for _, v := range l {
				m, ok := v.(map[string]any)
				if !ok {
					return ""
				}
				id, ok := m[f]
				if !ok || id == nil || !isScalar(id) || seen[canon(id)] {
					continue next
				}
				seen[canon(id)] = true
			}
		}
		return f
	}
	return ""
}

// multisetDiff returns the items of a missing from b and those of b missing
// from a, each in its list's order; an item twice in a and once in b is
// removed once.
func multisetDiff(a, b []any) (removed, added []any) {
	count := make(map[string]int, len(b))
	for _, v := range b {
		count[canon(v)]++
	}
	for _, v := range a {
		k := canon(v)
		if count[k] > 0 {
			count[k]--
			continue
		}
		removed = append(removed, v)
	}
	count = make(map[string]int, len(a))
	for _, v := range a {
		count[canon(v)]++
	}
	for _, v := range b {
		k := canon(v)
		if count[k] > 0 {
			count[k]--
			continue
		}
		added = append(added, v)
	}
	return removed, added
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// equal compares parsed data; numbers by value, so 2 and 2.0 are the same
// threshold.
func equal(a, b any) bool {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			y, ok := bv[k]
			if !ok || !equal(x, y) {
				return false
			}
		}
		return true
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !equal(av[i], bv[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bv, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, okx := new(big.Rat).SetString(string(av))
		y, oky := new(big.Rat).SetString(string(bv))
		if okx && oky {
			return x.Cmp(y) == 0
		}
		return av == bv
	case string, bool, nil:
		return a == b
	}
	return false
}

// canon is a value as one string, for matching items across lists.
func canon(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Parsed data always marshals; keep the value distinct anyway.
		return "\x00" + strconv.Quote(err.Error())
	}
	return string(b)
}

func unionKeys(a, b map[string]any) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// plainKey is a key that reads unambiguously in a dotted path.
var plainKey = regexp.MustCompile(`^[\p{L}\p{N}_-]+$`)

func child(p, k string) string {
	if !plainKey.MatchString(k) {
		return p + "[" + strconv.Quote(k) + "]"
	}
	if p == "" {
		return k
	}
	return p + "." + k
}

// keyText writes an id value inside a path selector.
func keyText(v any) string {
	if s, ok := v.(string); ok {
		if plainKey.MatchString(s) {
			return s
		}
		return strconv.Quote(s)
	}
	return canon(v)
}
