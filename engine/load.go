package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing/fstest"
	"unicode"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/galateo/galateo/engine/facts"
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
	Files    []string // the paths of the revision's files, relative to the policies root
	Source   Files    // the revision's files, tests included
	// RetentionDays (retention_days in the ente's data) is how many days the
	// audit log keeps the masked input of a decision; 0 keeps it for good.
	RetentionDays int

	params   params
	schedule *schedule.Schedule
	query    rego.PreparedEvalQuery
	// language is the grammar of the revision's lexicon (nil for a
	// revision from before policies/lexicon/language.yaml).
	language *facts.Language
	// code is the compilation the ente shares with the enti that apply
	// the same rules; holding it keeps it in the cache.
	code *code
	// lazy are the queries of Engine.Judge and Engine.AppealDecideDays,
	// prepared on first use.
	lazy *lazyQueries
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
	wording       wording
	public        publicIdentifiers
}

// publicIdentifiers are the identifiers the ente publishes in its data,
// which the audit log keeps unmasked (policies/lib/audit.yaml).
type publicIdentifiers struct {
	phoneDigits, authorIDs, authorNames map[string]bool
}

// auditDecl is lib/audit.yaml's list of the data paths whose keys are
// identifiers an ente publishes.
type auditDecl struct {
	PublicIdentifiers struct {
		PhoneDigits []string `json:"phone_digits"`
		AuthorID    []string `json:"author_id"`
		AuthorName  []string `json:"author_name"`
	} `json:"public_identifiers"`
}

// readPublic collects the keys of the objects of data that lib/audit.yaml
// names for each kind of identifier.
func readPublic(decl auditDecl, data map[string]any) (publicIdentifiers, error) {
	keys := func(paths []string, norm func(string) string) map[string]bool {
		out := map[string]bool{}
		for _, p := range paths {
			var v any = data
			for _, k := range strings.Split(p, ".") {
				m, _ := v.(map[string]any)
				v = m[k]
			}
			m, _ := v.(map[string]any)
			for k := range m {
				out[norm(k)] = true
			}
		}
		return out
	}
	same := func(s string) string { return s }
	d := decl.PublicIdentifiers
	return publicIdentifiers{
		phoneDigits: keys(d.PhoneDigits, same),
		authorIDs:   keys(d.AuthorID, same),
		authorNames: keys(d.AuthorName, looseName),
	}, nil
}

// looseName folds a name for comparison with the names in an ente's data:
// lower case, no accents, words of letters and digits only. It is looser
// than any fold the rules apply, so a name the rules can match is kept.
func looseName(s string) string {
	words := strings.FieldsFunc(facts.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, " ")
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

// IsEnteID tells whether id can name an ente (and its folder under enti/).
func IsEnteID(id string) bool { return enteRe.MatchString(id) }

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

// LoadEnte reads, compiles and prepares one ente of the policies folder root.
func LoadEnte(ctx context.Context, root, id string) (*Ente, error) {
	files, err := ReadFiles(root, id)
	if err != nil {
		return nil, &LoadError{Ente: id, Err: err}
	}
	return Compile(ctx, id, files)
}

// Compile compiles and prepares ente id from the files of one of its
// revisions, wherever they come from: a folder, the store, a git ref.
func Compile(ctx context.Context, id string, files Files) (*Ente, error) {
	return CompileRevision(ctx, id, files, "")
}

// CompileRevision is Compile of files whose revision the caller computed
// (files.Revision()): hashing a revision's canonical files is most of
// what a start of thousands of enti does per ente, and once is enough.
// An empty rev is computed here.
func CompileRevision(ctx context.Context, id string, files Files, rev string) (*Ente, error) {
	e, err := compile(ctx, id, files, rev)
	if err != nil {
		return nil, &LoadError{Ente: id, Err: err}
	}
	return e, nil
}

func compile(ctx context.Context, id string, files Files, revision string) (*Ente, error) {
	if !enteRe.MatchString(id) {
		return nil, fmt.Errorf("%q is not an ente id", id)
	}
	o, err := readOrigin(files.read, id)
	if err != nil {
		return nil, err
	}
	if revision == "" {
		if revision, err = files.Revision(); err != nil {
			return nil, err
		}
	}
	if err := checkData(files); err != nil {
		return nil, err
	}
	pkg := o.pkg(id)
	codeFiles, dataFiles := splitFiles(files.withoutTests())
	key, err := codeKey(codeFiles, pkg)
	if err != nil {
		return nil, err
	}
	c, err := sharedCode(key, func() (*code, error) { return buildCode(ctx, codeFiles, pkg) })
	if err != nil {
		return nil, err
	}
	dataDocs, err := dataDocuments(dataFiles)
	if err != nil {
		return nil, err
	}
	enti, _ := dataDocs["enti"].(map[string]any)
	p, err := readParams(enti, id, o, c.lib)
	if err != nil {
		return nil, err
	}
	sched, err := schedule.New(p.Schedule)
	if err != nil {
		return nil, fmt.Errorf("schedule: %w", err)
	}
	pq, entiData, err := c.prepare(ctx, pkg, enti, dataFiles)
	if err != nil {
		return nil, ExplainSandbox(err)
	}
	return &Ente{
		ID: id, Name: p.Name, Version: p.Version, Revision: revision, Files: files.Paths(), Source: files,
		Adopts: o.Adopts, Template: o.Template, RetentionDays: p.RetentionDays,
		params: p, schedule: sched, query: pq, language: c.language, code: c,
		lazy: newLazyQueries(entiData),
	}, nil
}

// loadFiles runs OPA's loader over files held in memory: data documents
// take their path from their folder, as with `opa run` on a folder.
func loadFiles(files Files) (*loader.Result, error) {
	fsys := make(fstest.MapFS, len(files))
	for p, b := range files {
		fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return loader.NewFileLoader().
		WithFS(fsys).
		WithProcessAnnotation(true).
		WithRegoVersion(ast.RegoV1).
		All([]string{"."})
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
func readParams(enti map[string]any, id string, o origin, lib *libParams) (params, error) {
	var p params
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
	// Only the members params has go through JSON: an ente's data is
	// mostly rules and texts for Rego.
	read := make(map[string]any, len(paramsKeys))
	for _, k := range paramsKeys {
		if v, ok := own[k]; ok {
			read[k] = v
		}
	}
	if err := remarshal(read, &p); err != nil {
		return p, fmt.Errorf("data: %w", err)
	}
	if p.Name == "" {
		return p, errors.New("data: name is required")
	}
	if b := p.Flooding.NearDuplicateBits; b < 0 || b > 64 {
		return p, fmt.Errorf("data: flooding.near_duplicate_bits %d is not between 0 and 64", b)
	}
	if c := lib.calendar; c != nil {
		p.Schedule.Holidays = append(slices.Clip(c.Holidays), p.Schedule.Holidays...)
		p.Schedule.EasterMonday = p.Schedule.EasterMonday || c.EasterMonday
	}
	p.wording, p.dsa = lib.wording, lib.dsa
	var err error
	if p.public, err = readPublic(lib.audit, own); err != nil {
		return p, err
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

// paramsKeys are the members of an ente's data that params reads.
var paramsKeys = jsonNames(reflect.TypeFor[params]())

func jsonNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// libParams is what Go reads of the library and lexicons, the same for
// every ente of a compilation: read once for it.
type libParams struct {
	calendar *schedule.Config
	wording  wording
	dsa      dsaMap
	audit    auditDecl
}

func readLibParams(docs map[string]any) (*libParams, error) {
	var lp libParams
	lib, _ := docs["lib"].(map[string]any)
	if cal, ok := lib["calendar"].(map[string]any); ok {
		var c schedule.Config
		if err := remarshal(cal, &c); err != nil {
			return nil, fmt.Errorf("lib calendar: %w", err)
		}
		lp.calendar = &c
	}
	lexicon, _ := docs["lexicon"].(map[string]any)
	if err := remarshalStrict(lexicon["wording"], &lp.wording); err != nil {
		return nil, fmt.Errorf("lexicon wording (policies/lexicon/wording.yaml): %w", err)
	}
	if err := lp.wording.check(); err != nil {
		return nil, fmt.Errorf("lexicon wording (policies/lexicon/wording.yaml): %w", err)
	}
	if d, ok := lib["dsa"]; ok {
		if err := remarshal(d, &lp.dsa); err != nil {
			return nil, fmt.Errorf("lib dsa: %w", err)
		}
	}
	if a, ok := lib["audit"]; ok {
		if err := remarshal(a, &lp.audit); err != nil {
			return nil, fmt.Errorf("lib audit: %w", err)
		}
	}
	return &lp, nil
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

// remarshalStrict is remarshal refusing members out does not have, for
// data whose misspelt key would otherwise silently mean nothing.
func remarshalStrict(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

func remarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}
