package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/galateo/galateo/engine/facts"
)

// Enti that apply the same rules share their compilation. A revision's
// files split in two: the code (the Rego of the library and of the enti
// folders, and the library's and lexicons' data) and the enti's data
// (every data file under enti/). A thousand comuni that adopt the Union's
// policy, or apply the standard template, differ only in their data: they
// share one compiler, one store of the library and lexicons and one
// grammar, and each costs its own data and a prepared query.
//
// code is what a group is built from and keyed by; a group lives while
// an Ente uses it (a weak pointer in the cache), so a reload that changes
// the library builds a new group and the old one goes with its last ente.
type code struct {
	compiler *ast.Compiler
	store    storage.Store // data.lib, data.lexicon, ...: everything but data.enti
	lib      *libParams    // what Go reads of those documents
	language *facts.Language
}

// splitFiles separates the enti's data files from the code of a revision.
func splitFiles(files Files) (codeFiles, data Files) {
	codeFiles, data = Files{}, Files{}
	for p, b := range files {
		if strings.HasPrefix(p, "enti/") && !strings.HasSuffix(p, ".rego") {
			data[p] = b
		} else {
			codeFiles[p] = b
		}
	}
	return codeFiles, data
}

// codeKey names the code of a revision: the digests of its canonical
// files and the package queried. Formatting alone never makes a new key.
func codeKey(codeFiles Files, pkg string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", pkg)
	for _, rel := range codeFiles.Paths() {
		canon, err := canonicalKept(rel, codeFiles[rel])
		if err != nil {
			return "", fmt.Errorf("%s: %w", rel, err)
		}
		d := digestOf(canon)
		fmt.Fprintf(h, "%s\x00", rel)
		h.Write(d[:])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// codes is the cache of compiled code by key. A slot's ready channel is
// closed once its build ended, so that enti loaded in parallel wait for
// one compilation rather than run their own.
var codes = struct {
	sync.Mutex
	m map[string]*codeSlot
}{m: map[string]*codeSlot{}}

type codeSlot struct {
	ready chan struct{}
	code  weak.Pointer[code]
	err   error
}

// sharedCode returns the compiled code for key, building it with build
// when no ente holds it. A failed build is not kept: the next load of an
// ente tries again and reports its own error.
func sharedCode(key string, build func() (*code, error)) (*code, error) {
	for {
		codes.Lock()
		s, ok := codes.m[key]
		if !ok {
			s = &codeSlot{ready: make(chan struct{})}
			codes.m[key] = s
			codes.Unlock()
			c, err := build()
			codes.Lock()
			if err != nil {
				s.err = err
				delete(codes.m, key)
			} else {
				s.code = weak.Make(c)
				runtime.AddCleanup(c, forgetCode, cleanupArg{key, s})
			}
			codes.Unlock()
			close(s.ready)
			return c, err
		}
		codes.Unlock()
		<-s.ready
		if s.err != nil {
			return nil, s.err
		}
		if c := s.code.Value(); c != nil {
			return c, nil
		}
		// Collected between its last ente and now: drop the slot, build anew.
		forgetCode(cleanupArg{key, s})
	}
}

type cleanupArg struct {
	key  string
	slot *codeSlot
}

// forgetCode removes a slot whose code is gone, unless a newer slot took
// its key.
func forgetCode(a cleanupArg) {
	codes.Lock()
	if codes.m[a.key] == a.slot {
		delete(codes.m, a.key)
	}
	codes.Unlock()
}

// buildCode parses and compiles the code files of a revision.
func buildCode(ctx context.Context, codeFiles Files, pkg string) (*code, error) {
	res, err := loadFiles(codeFiles)
	if err != nil {
		return nil, err
	}
	if _, ok := res.Documents["enti"]; ok {
		return nil, errors.New("data under enti/ must be in an ente's folder")
	}
	lib, err := readLibParams(res.Documents)
	if err != nil {
		return nil, err
	}
	lexicon, _ := res.Documents["lexicon"].(map[string]any)
	lang, err := facts.NewLanguage(lexicon)
	if err != nil {
		return nil, err
	}
	if !hasPackage(res.Modules, pkg) {
		return nil, fmt.Errorf("no module declares package %s", strings.TrimPrefix(pkg, "data."))
	}
	caps, err := sandbox()
	if err != nil {
		return nil, err
	}
	// The compiler as rego.New makes one, held to the sandbox; the store
	// the modules are compiled against is the one every ente reads.
	compiler := ast.NewCompiler().
		WithCapabilities(caps).
		WithUseTypeCheckAnnotations(true).
		WithDefaultRegoVersion(ast.RegoV1)
	st := inmem.NewFromObjectWithOpts(res.Documents, inmem.OptReturnASTValuesOnRead(true))
	opts := []func(*rego.Rego){
		rego.Query(pkg + ".decision"),
		rego.Compiler(compiler),
		rego.Capabilities(caps),
		rego.Store(st),
		rego.SetRegoVersion(ast.RegoV1),
	}
	for _, path := range sortedKeys(res.Modules) {
		opts = append(opts, rego.ParsedModule(res.Modules[path].Parsed))
	}
	if _, err := rego.New(opts...).PrepareForEval(ctx); err != nil {
		return nil, ExplainSandbox(err)
	}
	return &code{compiler: compiler, store: st, lib: lib, language: lang}, nil
}

// prepare prepares the decision query of one ente on the shared code,
// reading its data from enti (the value of data.enti for its revision),
// and returns that value for the ente's other queries (prepareQuery).
func (c *code) prepare(ctx context.Context, pkg string, enti map[string]any, dataFiles Files) (rego.PreparedEvalQuery, ast.Value, error) {
	v, err := entiValue(enti, dataFiles)
	if err != nil {
		return rego.PreparedEvalQuery{}, nil, err
	}
	pq, err := c.prepareQuery(ctx, pkg+".decision", v)
	return pq, v, err
}

// prepareQuery prepares a query on the shared code with enti as data.enti.
func (c *code) prepareQuery(ctx context.Context, query string, enti ast.Value) (rego.PreparedEvalQuery, error) {
	caps, err := sandbox()
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	return rego.New(
		rego.Query(query),
		rego.Compiler(c.compiler),
		rego.Capabilities(caps),
		rego.Store(&enteStore{Store: c.store, enti: enti}),
		rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1),
	).PrepareForEval(ctx)
}

// enteStore is the store one ente's queries read: data.enti is the
// ente's own (its data and the data of the ente it adopts), everything
// else the shared store of its code. OPA's stores hold one tree each and
// copy what they are given, so sharing the library's documents between
// stores needs this overlay; it only reads, as evaluation does.
type enteStore struct {
	storage.Store
	enti ast.Value
}

var errReadOnly = errors.New("an ente's store is read-only")

func (s *enteStore) Read(ctx context.Context, txn storage.Transaction, path storage.Path) (any, error) {
	if len(path) == 0 {
		root, err := s.Store.Read(ctx, txn, path)
		if err != nil {
			return nil, err
		}
		obj, ok := root.(ast.Object)
		if !ok {
			return nil, fmt.Errorf("store root is %T, not an object", root)
		}
		out := obj.Copy()
		out.Insert(ast.StringTerm("enti"), ast.NewTerm(s.enti))
		return out, nil
	}
	if path[0] != "enti" {
		return s.Store.Read(ctx, txn, path)
	}
	v := s.enti
	for _, k := range path[1:] {
		var t *ast.Term
		switch x := v.(type) {
		case ast.Object:
			t = x.Get(ast.StringTerm(k))
		case *ast.Array:
			if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < x.Len() {
				t = x.Elem(i)
			}
		}
		if t == nil {
			return nil, &storage.Error{Code: storage.NotFoundErr, Message: path.String() + ": document does not exist"}
		}
		v = t.Value
	}
	return v, nil
}

func (s *enteStore) Write(context.Context, storage.Transaction, storage.PatchOp, storage.Path, any) error {
	return errReadOnly
}

func (s *enteStore) UpsertPolicy(context.Context, storage.Transaction, string, []byte) error {
	return errReadOnly
}

func (s *enteStore) DeletePolicy(context.Context, storage.Transaction, string) error {
	return errReadOnly
}

func (s *enteStore) Truncate(context.Context, storage.Transaction, storage.TransactionParams, storage.Iterator) error {
	return errReadOnly
}

// entiValue is data.enti as OPA values, each ente's from astOfFolder: the
// comuni adopting the Union's policy share the value of the Union's data.
func entiValue(enti map[string]any, dataFiles Files) (ast.Value, error) {
	byFolder := map[string]Files{}
	for p, b := range dataFiles {
		id := strings.SplitN(strings.TrimPrefix(p, "enti/"), "/", 2)[0]
		if byFolder[id] == nil {
			byFolder[id] = Files{}
		}
		byFolder[id][p] = b
	}
	obj := ast.NewObject()
	for _, id := range sortedKeys(enti) {
		v, err := astOfFolder(byFolder[id], enti[id])
		if err != nil {
			return nil, err
		}
		obj.Insert(ast.StringTerm(id), ast.NewTerm(v))
	}
	return obj, nil
}

// folderValues keeps the OPA value of each ente folder's data by the
// folder's files; values are never changed once made.
var folderValues = newKept[[sha256.Size]byte, ast.Value]()

func astOfFolder(files Files, doc any) (ast.Value, error) {
	h := sha256.New()
	for _, p := range files.Paths() {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(files[p]))
		h.Write(files[p])
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	if v, ok := folderValues.get(key); ok {
		return v, nil
	}
	v, err := ast.InterfaceToValue(doc)
	if err != nil {
		return nil, err
	}
	folderValues.put(key, v)
	return v, nil
}
