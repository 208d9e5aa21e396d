package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/util"
	"go.yaml.in/yaml/v3"

	"github.com/galateo/galateo/engine/schedule"
)

// Ente is one compiled ente, ready to decide.
type Ente struct {
	ID       string
	Name     string
	Adopts   string // the ente whose policy it applies, if not its own
	Template string // the template of policies/lib it applies, if any
	Version  string
	Revision string   // "sha256:" + hex of the canonicalised files
	Files    []string // the files of the revision, relative to the policies root
	// RetentionDays (retention_days in the ente's data) is how many days the
	// audit log keeps the masked input of a decision; 0 keeps it for good.
	RetentionDays int

	params   params
	schedule *schedule.Schedule
	query    rego.PreparedEvalQuery
}

// params is what Go reads of an ente's data: only what facts and assembly
// need. Judgements stay in Rego.
type params struct {
	Name         string          `json:"name"`
	PolicyTitle  string          `json:"policy_title"`
	Version      string          `json:"version"`
	Language     string          `json:"language"`
	PlatformName string          `json:"platform_name"`
	Schedule     schedule.Config `json:"schedule"`
	Repeat       struct {
		WindowDays int `json:"window_days"`
	} `json:"repeat_offender"`
	// Flooding.NearDuplicateBits: how many bits of facts.Fingerprint two
	// contents may differ in and still count as the same (0 when absent:
	// the same words).
	Flooding struct {
		NearDuplicateBits int `json:"near_duplicate_bits"`
	} `json:"flooding"`
	// Response says when a reply is due. By default by the end of the
	// staffed span in which the content is read; due_staffed_hours counts
	// only staffed hours, due_working_hours every hour of working days
	// ("entro 24 ore lavorative": the same time on the next working day).
	Response struct {
		DueStaffedHours float64 `json:"due_staffed_hours"`
		DueWorkingHours float64 `json:"due_working_hours"`
	} `json:"response"`
	// RetentionDays: days after which the store purges the masked input.
	RetentionDays int `json:"retention_days"`
	dsa           dsaMap
}

// dsaMap is data.lib.dsa: how outcomes and categories map onto the DSA
// transparency database's enumerations.
type dsaMap struct {
	Visibility      map[string][]string `json:"visibility"`
	VisibilityOther map[string]string   `json:"visibility_other"`
	Account         map[string]string   `json:"account"`
	Categories      map[string]struct {
		Category           string   `json:"category"`
		Specification      []string `json:"specification"`
		SpecificationOther string   `json:"specification_other"`
	} `json:"categories"`
	ContentType map[string][]string `json:"content_type"`
}

// LoadError is the failure to load one ente; other enti are unaffected.
type LoadError struct {
	Ente string
	Err  error
}

func (e *LoadError) Error() string { return fmt.Sprintf("load ente %s: %v", e.Ente, e.Err) }
func (e *LoadError) Unwrap() error { return e.Err }

// EntiIn lists the enti of a policies folder: the folders of enti/.
func EntiIn(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "enti"))
	if err != nil {
		return nil, fmt.Errorf("list enti in %s: %w", root, err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && enteRe.MatchString(e.Name()) {
			ids = append(ids, e.Name())
		}
	}
	return ids, nil
}

// fileSet selects the files that make up one ente: the shared library and
// lexicons, and its own folder. Tests are left out unless withTests.
type fileSet struct {
	root      string
	ente      string
	adopts    string // the folder of the ente whose policy this one adopts
	withTests bool
}

// skip is a loader filter: true leaves the file or folder out.
func (s fileSet) skip(abspath string, info fs.FileInfo, _ int) bool {
	rel, err := filepath.Rel(s.root, abspath)
	if err != nil {
		return true
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return false
	}
	parts := strings.Split(rel, "/")
	if strings.HasPrefix(parts[len(parts)-1], ".") {
		return true
	}
	switch parts[0] {
	case "lib", "lexicon":
	case "enti":
		if len(parts) >= 2 && parts[1] != s.ente && (s.adopts == "" || parts[1] != s.adopts) {
			return true
		}
	default:
		return true
	}
	if info.IsDir() {
		return false
	}
	if !s.withTests && strings.HasSuffix(rel, "_test.rego") {
		return true
	}
	switch filepath.Ext(rel) {
	case ".rego", ".json", ".yaml", ".yml":
		return false
	}
	return true
}

// LoadEnte loads, compiles and prepares one ente of the policies folder root.
func LoadEnte(ctx context.Context, root, id string) (*Ente, error) {
	e, err := loadEnte(ctx, root, id)
	if err != nil {
		return nil, &LoadError{Ente: id, Err: err}
	}
	return e, nil
}

func loadEnte(ctx context.Context, root, id string) (*Ente, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	o, err := readOrigin(root, id)
	if err != nil {
		return nil, err
	}
	set := fileSet{root: root, ente: id, adopts: o.Adopts}
	res, err := loader.NewFileLoader().
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		Filtered([]string{root}, set.skip)
	if err != nil {
		return nil, err
	}
	revision, files, err := Revision(root, id)
	if err != nil {
		return nil, err
	}
	p, err := readParams(res.Documents, id, o)
	if err != nil {
		return nil, err
	}
	sched, err := schedule.New(p.Schedule)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	pkg := o.pkg(id)
	if !hasPackage(res.Modules, pkg) {
		return nil, fmt.Errorf("no module declares package %s", strings.TrimPrefix(pkg, "data."))
	}
	opts := []func(*rego.Rego){
		rego.Query(pkg + ".decision"),
		rego.Store(inmem.NewFromObjectWithOpts(res.Documents, inmem.OptReturnASTValuesOnRead(true))),
		rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1),
	}
	for _, path := range sortedKeys(res.Modules) {
		opts = append(opts, rego.ParsedModule(res.Modules[path].Parsed))
	}
	pq, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &Ente{
		ID: id, Name: p.Name, Version: p.Version, Revision: revision, Files: files,
		Adopts: o.Adopts, Template: o.Template, RetentionDays: p.RetentionDays,
		params: p, schedule: sched, query: pq,
	}, nil
}

// origin says whose rules an ente applies: its own policy.rego, the policy
// of another ente it adopts (the Valdichiana member comuni adopt the
// Union's), or a template of policies/lib (an ente made only of data).
type origin struct {
	Adopts   string `json:"adopts"`
	Template string `json:"template"`
}

// pkg is the Rego package whose decision the ente's query asks for.
func (o origin) pkg(id string) string {
	switch {
	case o.Adopts != "":
		return "data.galateo.enti." + o.Adopts
	case o.Template != "":
		return "data.galateo.lib." + o.Template
	}
	return "data.galateo.enti." + id
}

// readOrigin reads adopts and template from the ente's data file before
// anything is loaded, since they decide which folders make up the ente.
func readOrigin(root, id string) (origin, error) {
	var o origin
	dir := filepath.Join(root, "enti", id)
	if _, err := os.Stat(dir); err != nil {
		return o, err
	}
	for _, name := range []string{"data.yaml", "data.yml", "data.json"} {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return o, err
		}
		if err := util.Unmarshal(raw, &o); err != nil {
			return o, fmt.Errorf("%s: %w", name, err)
		}
		break
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
		parent, err := readOrigin(root, o.Adopts)
		if err != nil {
			return o, fmt.Errorf("adopted ente %s: %w", o.Adopts, err)
		}
		if parent.Adopts != "" || parent.Template != "" {
			// One level keeps "whose rules are these" answerable at a glance.
			return o, fmt.Errorf("data: %s adopts %s, which itself adopts rules: adopt the original", id, o.Adopts)
		}
	case o.Template != "" && !enteRe.MatchString(o.Template):
		return o, fmt.Errorf("data: template %q is not a template name", o.Template)
	}
	return o, nil
}

func hasPackage(mods map[string]*loader.RegoFile, pkg string) bool {
	want := ast.MustParseRef(pkg)
	for _, m := range mods {
		if m.Parsed.Package.Path.Equal(want) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// readParams decodes the parts of data.enti.<id> and data.lib that Go needs.
// It runs at load time, so a JSON round trip costs nothing per request.
func readParams(docs map[string]any, id string, o origin) (params, error) {
	var p params
	enti, _ := docs["enti"].(map[string]any)
	own, ok := enti[id].(map[string]any)
	if !ok {
		return p, errors.New("no data for the ente (data.yaml or data.json in its folder)")
	}
	if o.Adopts != "" {
		parent, ok := enti[o.Adopts].(map[string]any)
		if !ok {
			return p, fmt.Errorf("no data for the adopted ente %s", o.Adopts)
		}
		own = merge(parent, own)
	}
	if err := remarshal(own, &p); err != nil {
		return p, fmt.Errorf("data: %w", err)
	}
	if p.Name == "" {
		return p, errors.New("data: name is required")
	}
	if b := p.Flooding.NearDuplicateBits; b < 0 || b > 64 {
		return p, fmt.Errorf("data: flooding.near_duplicate_bits %d is not between 0 and 64", b)
	}
	lib, _ := docs["lib"].(map[string]any)
	if cal, ok := lib["calendar"].(map[string]any); ok {
		var c schedule.Config
		if err := remarshal(cal, &c); err != nil {
			return p, fmt.Errorf("lib calendar: %w", err)
		}
		p.Schedule.Holidays = append(c.Holidays, p.Schedule.Holidays...)
		p.Schedule.EasterMonday = p.Schedule.EasterMonday || c.EasterMonday
	}
	if d, ok := lib["dsa"]; ok {
		if err := remarshal(d, &p.dsa); err != nil {
			return p, fmt.Errorf("lib dsa: %w", err)
		}
	}
	if p.PlatformName == "" {
		p.PlatformName = p.Name
	}
	if p.PolicyTitle == "" {
		p.PolicyTitle = "Social Media Policy di " + p.Name
	}
	if p.Language == "" {
		p.Language = "IT"
	}
	return p, nil
}

// merge lays over on base, object by object, as Rego's object.union does:
// an adopting ente overrides only the parameters it writes.
func merge(base, over map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		b, bok := out[k].(map[string]any)
		o, ook := v.(map[string]any)
		if bok && ook {
			out[k] = merge(b, o)
		} else {
			out[k] = v
		}
	}
	return out
}

func remarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// Revision is the sha256 of an ente's canonicalised files (its own folder,
// the library and the lexicons, tests included, since they gate a version).
// Rego is canonicalised by opa fmt, data by parsing it and writing it back
// as JSON with sorted keys, so formatting alone never makes a new revision.
func Revision(root, id string) (string, []string, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return "", nil, err
	}
	o, err := readOrigin(root, id)
	if err != nil {
		return "", nil, err
	}
	set := fileSet{root: root, ente: id, adopts: o.Adopts, withTests: true}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if set.skip(path, info, 0) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, rel := range files {
		raw, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			return "", nil, err
		}
		canon, err := canonical(rel, raw)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", rel, err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(canon))
		h.Write(canon)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), files, nil
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
	var v any
	if err := util.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}
