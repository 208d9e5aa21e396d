package engine

import (
	"crypto/sha256"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/util"
	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"
)

// DataSchema is the path, in a revision, of the JSON Schema of data.enti:
// every key an ente's data.yaml may write. It travels with the revision
// like policies/lib, so a schema change is a new revision; a revision from
// before the schema has none and is not checked.
const DataSchema = "schema/data/enti.json"

// checkData validates the data file of every ente in files (the ente's own
// and the adopted ente's) against the revision's DataSchema, so that a
// misspelt key is an error naming the file, the key and, for YAML, the
// line, instead of a parameter that silently means nothing.
//
// The validator is gojsonschema, the library OPA's json.match_schema
// forks, called from Go rather than through Rego: the sandbox forbids
// json.match_schema in policies, and gojsonschema's errors carry the key
// path as parts (a key may hold dots: comune.massa.ms.it), which finding
// the line in the YAML needs.
func checkData(files Files) error {
	raw, ok := files[DataSchema]
	if !ok {
		return nil
	}
	schema, err := compiledSchema(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", DataSchema, err)
	}
	for _, rel := range files.Paths() {
		parts := strings.Split(rel, "/")
		if len(parts) != 3 || parts[0] != "enti" || !isDataFile(parts[2]) {
			continue
		}
		key := sha256.New()
		fmt.Fprintf(key, "%x\x00%s\x00", sha256.Sum256(raw), rel)
		key.Write(files[rel])
		var k [sha256.Size]byte
		key.Sum(k[:0])
		if _, ok := validData.get(k); ok {
			continue // every comune adopting the Union's policy brings the Union's data
		}
		if err := checkDataFile(schema, rel, parts[1], files[rel]); err != nil {
			return err
		}
		validData.put(k, true)
	}
	return nil
}

func isDataFile(name string) bool {
	for _, n := range dataFiles {
		if name == n {
			return true
		}
	}
	return false
}

// checkDataFile validates one ente's data file as the entry id of
// data.enti, and reports every error the schema finds, one a line.
func checkDataFile(schema *gojsonschema.Schema, rel, id string, raw []byte) error {
	doc, err := parseData(raw) // shared with the loading: read, never changed
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	res, err := schema.Validate(gojsonschema.NewGoLoader(map[string]any{id: doc}))
	if err != nil {
		return fmt.Errorf("%s: schema %s: %w", rel, DataSchema, err)
	}
	if res.Valid() {
		return nil
	}
	var node *yaml.Node
	if path.Ext(rel) != ".json" {
		var n yaml.Node
		if yaml.Unmarshal(raw, &n) == nil {
			node = &n
		}
	}
	errs := res.Errors()
	type message struct {
		line int
		text string
	}
	var msgs []message
	for i := 0; i < len(errs); i++ {
		e := errs[i]
		keys := errorKeys(e)
		text := describe(e, keys)
		if e.Type() == "invalid_property_name" {
			// The errors of the name's own check follow it: fold them in.
			var why []string
			for i+1 < len(errs) && errs[i+1].Value() == e.Details()["property"] {
				i++
				why = append(why, names(errs[i]))
			}
			text += " (" + strings.Join(why, "; ") + ")"
		}
		msgs = append(msgs, message{yamlLine(node, keys), text})
	}
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].line < msgs[j].line })
	lines := make([]string, len(msgs))
	for i, m := range msgs {
		where := rel
		if m.line > 0 {
			where += ":" + strconv.Itoa(m.line)
		}
		lines[i] = where + ": " + m.text
	}
	return &DataError{File: rel, Messages: lines}
}

// DataError is an ente's data file that does not follow DataSchema.
type DataError struct {
	File     string
	Messages []string // "enti/massa/data.yaml:12: retention_dayz: key not in the schema ..."
}

func (e *DataError) Error() string {
	return "data does not follow " + DataSchema + ":\n" + strings.Join(e.Messages, "\n")
}

// errorKeys is the path within the ente's data of the key e is about: the
// context below the ente's id, plus the refused key for a key that is not
// allowed.
func errorKeys(e gojsonschema.ResultError) []string {
	// A NUL delimiter keeps keys that hold dots whole.
	keys := strings.Split(e.Context().String("\x00"), "\x00")
	if len(keys) >= 2 {
		keys = keys[2:] // "(root)" and the ente's id
	} else {
		keys = nil
	}
	switch e.Type() {
	case "additional_property_not_allowed", "invalid_property_name":
		if p, ok := e.Details()["property"].(string); ok {
			keys = append(keys, p)
		}
	}
	return keys
}

func describe(e gojsonschema.ResultError, keys []string) string {
	key := strings.Join(keys, ".")
	if key == "" {
		key = "(top level)"
	}
	switch e.Type() {
	case "additional_property_not_allowed":
		return fmt.Sprintf("%s: unknown key (misspelt? the keys allowed here are in %s)", key, DataSchema)
	case "invalid_property_name":
		return fmt.Sprintf("%s: not a key allowed here", key)
	}
	// gojsonschema starts some descriptions with the field, the ente's id
	// first: the key already says it.
	return fmt.Sprintf("%s: %s", key, strings.TrimPrefix(e.Description(), e.Field()+" "))
}

// names says which names a key may have, from the error of its check.
func names(e gojsonschema.ResultError) string {
	if allowed, ok := e.Details()["allowed"]; ok && e.Type() == "enum" {
		return fmt.Sprintf("one of %v", allowed)
	}
	return e.Description()
}

// yamlLine is the line of the key at keys in the YAML document n, or of
// the deepest key found on the way; 0 without a document.
func yamlLine(n *yaml.Node, keys []string) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keys {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line, next = n.Content[i].Line, n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line = next.Line
			}
		}
		if next == nil {
			return line
		}
		n = next
	}
	return line
}

// schemas keeps compiled schemas by the sha256 of their bytes: every ente
// of a start or a reload carries the same schema.
var schemas sync.Map // [sha256.Size]byte -> *gojsonschema.Schema

func compiledSchema(raw []byte) (*gojsonschema.Schema, error) {
	key := sha256.Sum256(raw)
	if s, ok := schemas.Load(key); ok {
		return s.(*gojsonschema.Schema), nil
	}
	var doc any
	if err := util.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if err := localRefsOnly(doc); err != nil {
		return nil, err
	}
	s, err := gojsonschema.NewSchema(gojsonschema.NewGoLoader(doc))
	if err != nil {
		return nil, err
	}
	schemas.Store(key, s)
	return s, nil
}

// localRefsOnly refuses a $ref outside the schema's own document:
// gojsonschema would read a file or fetch a URL for it, and loading an
// ente does no I/O beyond its files.
func localRefsOnly(v any) error {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok && !strings.HasPrefix(ref, "#") {
			return fmt.Errorf("$ref %q: only references within the schema (#/...) are allowed", ref)
		}
		for _, c := range x {
			if err := localRefsOnly(c); err != nil {
				return err
			}
		}
	case []any:
		for _, c := range x {
			if err := localRefsOnly(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// validData remembers the data files found valid, by schema, path and
// content.
var validData = newKept[[sha256.Size]byte, bool]()
