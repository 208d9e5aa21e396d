package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/util"
	"go.yaml.in/yaml/v3"
)

// Files are the files of one revision of an ente: its own folder, the
// folder of the ente it adopts, the library and the lexicons, tests
// included. Keys are paths relative to the policies folder, with slashes
// ("enti/massa/data.yaml"); values are the files' bytes as written. A
// revision read from a folder, kept in the store or taken from a git ref
// is the same value, so that it compiles, tests and diffs the same way.
type Files map[string][]byte

// Paths returns the paths of the files, sorted.
func (f Files) Paths() []string { return sortedKeys(f) }

// Revision is the sha256 of the canonicalised files. Rego is canonicalised
// by opa fmt, data by parsing it and writing it back as JSON with sorted
// keys, so formatting alone never makes a new revision.
func (f Files) Revision() (string, error) {
	h := sha256.New()
	for _, rel := range f.Paths() {
		canon, err := canonicalKept(rel, f[rel])
		if err != nil {
			return "", fmt.Errorf("%s: %w", rel, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(canon))
		h.Write(canon)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// withoutTests is f without its Rego tests: what serves decisions.
func (f Files) withoutTests() Files {
	out := make(Files, len(f))
	for p, b := range f {
		if !strings.HasSuffix(p, "_test.rego") {
			out[p] = b
		}
	}
	return out
}

// ReadFiles reads the files of ente id from the policies folder root.
func ReadFiles(root, id string) (Files, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	o, err := readOrigin(dirReader(root), id)
	if err != nil {
		return nil, err
	}
	set := fileSet{ente: id, adopts: o.Adopts}
	files := Files{}
	walk := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !set.wants(rel, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		raw, err := readKept(p)
		if err != nil {
			return err
		}
		files[rel] = raw
		return nil
	}
	// Only the folders that can hold the ente's files are walked: a
	// policies folder of thousands of enti is not listed once per ente.
	for _, top := range set.folders() {
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(top)), walk)
		if errors.Is(err, fs.ErrNotExist) && !strings.HasPrefix(top, "enti/") {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read ente %s from %s: %w", id, root, err)
		}
	}
	return files, nil
}

// Revision is the revision of ente id in the policies folder root, with
// the paths of its files.
func Revision(root, id string) (string, []string, error) {
	files, err := ReadFiles(root, id)
	if err != nil {
		return "", nil, err
	}
	rev, err := files.Revision()
	return rev, files.Paths(), err
}

// fileSet selects the files that make up one ente: the shared library,
// lexicons and schemas, its own folder and the folder of the ente it adopts.
type fileSet struct {
	ente   string
	adopts string // the folder of the ente whose policy this one adopts
}

// folders are the folders, relative to the policies folder, that hold
// the files of the ente.
func (s fileSet) folders() []string {
	out := []string{"lib", "lexicon", "schema", "enti/" + s.ente}
	if s.adopts != "" {
		out = append(out, "enti/"+s.adopts)
	}
	return out
}

// wants tells whether rel (slash-separated, relative to the policies
// folder) belongs to the ente; for a folder, whether to look inside.
func (s fileSet) wants(rel string, dir bool) bool {
	parts := strings.Split(rel, "/")
	if strings.HasPrefix(parts[len(parts)-1], ".") {
		return false
	}
	switch parts[0] {
	case "lib", "lexicon", "schema":
	case "enti":
		if len(parts) >= 2 && parts[1] != s.ente && (s.adopts == "" || parts[1] != s.adopts) {
			return false
		}
		if len(parts) == 2 && !dir {
			return false
		}
	default:
		return false
	}
	if dir {
		return true
	}
	switch path.Ext(rel) {
	case ".rego", ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// reader reads one file of a policies folder by its slash path.
type reader func(rel string) ([]byte, error)

func dirReader(root string) reader {
	return func(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel))) }
}

func (f Files) read(rel string) ([]byte, error) {
	b, ok := f[rel]
	if !ok {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return b, nil
}

// origin says whose rules an ente applies: its own policy.rego, the policy
// of another ente it adopts (the Valdichiana member comuni adopt the
// Union's), or a template of policies/lib (an ente made only of data). An
// ente that adopts one made of data applies that one's template.
type origin struct {
	Adopts   string `json:"adopts"`
	Template string `json:"template"`
}

// pkg is the Rego package whose decision the ente's query asks for.
func (o origin) pkg(id string) string {
	switch {
	case o.Template != "":
		return "data.galateo.lib." + o.Template
	case o.Adopts != "":
		return "data.galateo.enti." + o.Adopts
	}
	return "data.galateo.enti." + id
}

// dataFiles are the names an ente's data file may have.
var dataFiles = []string{"data.yaml", "data.yml", "data.json"}

// readOrigin reads adopts and template from the ente's data file before
// anything is loaded, since they decide which folders make up the ente.
func readOrigin(read reader, id string) (origin, error) {
	var o origin
	found := false
	for _, name := range dataFiles {
		raw, err := read("enti/" + id + "/" + name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return o, err
		}
		doc, err := parseData(raw)
		if err != nil {
			return o, fmt.Errorf("%s: %w", name, err)
		}
		m, _ := doc.(map[string]any)
		for key, into := range map[string]*string{"adopts": &o.Adopts, "template": &o.Template} {
			switch v := m[key].(type) {
			case nil:
			case string:
				*into = v
			default:
				return o, fmt.Errorf("%s: %s must be a string, not %T", name, key, v)
			}
		}
		found = true
		break
	}
	if !found {
		return o, fmt.Errorf("enti/%s: no data.yaml, data.yml or data.json: %w", id, fs.ErrNotExist)
	}
	switch {
	case o.Adopts != "" && o.Template != "":
		return o, errors.New("data: adopts and template exclude each other")
	case o.Adopts == id:
		return o, errors.New("data: an ente cannot adopt itself")
	case o.Adopts != "":
		if !enteRe.MatchString(o.Adopts) {
			return o, fmt.Errorf("data: adopts %q is not an ente id", o.Adopts)
		}
		parent, err := readOrigin(read, o.Adopts)
		if err != nil {
			return o, fmt.Errorf("adopted ente %s: %w", o.Adopts, err)
		}
		if parent.Adopts != "" {
			// One level keeps "whose rules are these" answerable at a glance.
			return o, fmt.Errorf("data: %s adopts %s, which itself adopts rules: adopt the original", id, o.Adopts)
		}
		o.Template = parent.Template
	case o.Template != "" && !enteRe.MatchString(o.Template):
		return o, fmt.Errorf("data: template %q is not a template name", o.Template)
	}
	return o, nil
}

// canonicalForms keeps the canonical form of the files canonicalised so
// far, by kind and content. Every revision of every ente carries the same
// library and lexicons, and parsing and formatting them was most of the
// cost of a revision: a start or a reload of ten enti did it ten times
// over, twice each (the reloader and the compiler both ask for the
// revision). A full map is emptied rather than trimmed: files change
// rarely, and a cold start only costs what every call cost before.
var canonicalForms = newKept[[sha256.Size]byte, []byte]()

// canonicalKept is canonical, from canonicalForms when the same bytes
// were canonicalised before as the same kind of file. Only successes are
// kept, so that an error always names the path that has it.
func canonicalKept(rel string, raw []byte) ([]byte, error) {
	d := digestOf(raw)
	h := sha256.New()
	h.Write([]byte(canonicalKind(rel)))
	h.Write([]byte{0})
	h.Write(d[:])
	var key [sha256.Size]byte
	h.Sum(key[:0])
	if canon, ok := canonicalForms.get(key); ok {
		return canon, nil
	}
	canon, err := canonical(rel, raw)
	if err != nil {
		return nil, err
	}
	canonicalForms.put(key, canon)
	return canon, nil
}

// canonicalKind is what of a file's name canonical looks at.
func canonicalKind(rel string) string {
	switch {
	case strings.HasSuffix(rel, ".rego"):
		return "rego"
	case strings.HasSuffix(rel, ".yaml") || strings.HasSuffix(rel, ".yml"):
		return "yaml"
	}
	return "json"
}

func canonical(rel string, raw []byte) ([]byte, error) {
	if strings.HasSuffix(rel, ".rego") {
		return format.SourceWithOpts(rel, raw, format.Opts{RegoVersion: ast.RegoV1})
	}
	if strings.HasSuffix(rel, ".yaml") || strings.HasSuffix(rel, ".yml") {
		// OPA's loader keeps the last of two equal keys without a word; a
		// policy author who writes a parameter twice must hear about it.
		var node yaml.Node
		if err := yaml.Unmarshal(raw, &node); err != nil {
			return nil, err
		}
		var check any
		if err := node.Decode(&check); err != nil {
			return nil, err
		}
	}
	v, err := parseData(raw) // the loading reads the same parse
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// parsedData keeps the parsed value of the data files read so far, by
// content: every comune that adopts the Union's policy reads the Union's
// data, and parsing it once per comune was most of the cost of loading a
// region's comuni. The values are shared: nothing may change them.
var parsedData = newKept[[sha256.Size]byte, any]()

// parseData parses a YAML or JSON data file as OPA's loader does.
func parseData(raw []byte) (any, error) {
	key := sha256.Sum256(raw)
	if v, ok := parsedData.get(key); ok {
		return v, nil
	}
	var v any
	if err := util.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	parsedData.put(key, v)
	return v, nil
}

// dataDocuments places each data file's document at the path of its
// folder, as OPA's loader does (enti/massa/data.yaml is data.enti.massa);
// documents of one folder are merged, and a conflict is an error.
func dataDocuments(files Files) (map[string]any, error) {
	docs := map[string]any{}
	for _, rel := range files.Paths() {
		doc, err := parseData(files[rel])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		obj, ok := doc.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: the document is not an object", rel)
		}
		dir := path.Dir(rel)
		var into any = docs
		keys := strings.Split(dir, "/")
		for i, k := range keys {
			m := into.(map[string]any)
			if i == len(keys)-1 {
				merged, err := mergeStrict(m[k], obj)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", rel, err)
				}
				m[k] = merged
				break
			}
			next, ok := m[k].(map[string]any)
			if !ok {
				if m[k] != nil {
					return nil, fmt.Errorf("%s: data at %s is not an object", rel, strings.Join(keys[:i+1], "."))
				}
				next = map[string]any{}
				m[k] = next
			}
			into = next
		}
	}
	return docs, nil
}

// mergeStrict lays over on base (a nil base is no document) without
// changing either: two documents may share a folder but not a value.
func mergeStrict(base any, over map[string]any) (map[string]any, error) {
	if base == nil {
		return over, nil
	}
	b, ok := base.(map[string]any)
	if !ok {
		return nil, errors.New("conflicts with a value of another data file")
	}
	out := make(map[string]any, len(b)+len(over))
	for k, v := range b {
		out[k] = v
	}
	for k, v := range over {
		prev, ok := out[k]
		if !ok {
			out[k] = v
			continue
		}
		vo, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s conflicts with another data file of the folder", k)
		}
		m, err := mergeStrict(prev, vo)
		if err != nil {
			return nil, fmt.Errorf("%s.%w", k, err)
		}
		out[k] = m
	}
	return out, nil
}

// contents holds one copy of each file content read, so that the
// thousands of enti of a regional server, each holding its revision's
// files (Ente.Source), share the bytes of the library and lexicons
// instead of keeping 700 KB each. Contents are never changed once read.
// A full map is emptied rather than trimmed: the enti keep what they hold.
var contents = newKept[[sha256.Size]byte, []byte]()

func intern(raw []byte) []byte {
	// Clipped: an append by a holder must copy, never write into bytes
	// another holder's append could use too.
	raw = raw[:len(raw):len(raw)]
	return contents.keep(digestOf(raw), raw)
}

// digests remembers the sha256 of the contents interned, by the address
// and length of their bytes: a revision's files are hashed to find their
// canonical form and their copy, and the library's were hashed once per
// ente per look. An entry holds the bytes it describes, so that their
// address cannot be reused for other bytes while it is kept; interned
// bytes are never changed.
var digests = newKept[sliceID, digested]()

type sliceID struct {
	data *byte
	n    int
}

type digested struct {
	raw    []byte
	digest [sha256.Size]byte
}

// digestOf is the sha256 of raw, remembered for interned bytes.
func digestOf(raw []byte) [sha256.Size]byte {
	if len(raw) == 0 {
		return sha256.Sum256(raw)
	}
	id := sliceID{unsafe.SliceData(raw), len(raw)}
	if d, ok := digests.get(id); ok {
		return d.digest
	}
	sum := sha256.Sum256(raw)
	digests.put(id, digested{raw: raw, digest: sum})
	return sum
}

// readCache keeps what ReadFiles read of each file, by path, with the
// file's size and modification time then. A start of thousands of enti
// reads the library and lexicons once per ente; their files are read again
// only when they changed. Modification times are coarse (a few ms), so a
// file changed twice within that could keep its time and size: a file
// modified less than a second before it was read is never trusted, as git
// treats a racily clean index entry.
var readCache = newKept[string, readEntry]()

type readEntry struct {
	size   int64
	mod    time.Time
	readAt time.Time
	raw    []byte
}

func readKept(p string) ([]byte, error) {
	info, err := os.Stat(p) // a link's target, as ReadFile reads it
	if err != nil {
		return nil, err
	}
	if e, ok := readCache.get(p); ok && e.size == info.Size() && e.mod.Equal(info.ModTime()) && e.mod.Before(e.readAt.Add(-time.Second)) {
		return e.raw, nil
	}
	readAt := time.Now()
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	raw = intern(raw)
	readCache.put(p, readEntry{size: info.Size(), mod: info.ModTime(), readAt: readAt, raw: raw})
	return raw, nil
}
