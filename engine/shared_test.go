package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
)

// Enti that apply the same rules share one compilation, and each still
// decides on its own data: of two comuni adopting the Union's policy, the
// one that does not manage Facebook leaves a threat there alone.
func TestEntiOfTheSameRulesShareTheirCompilation(t *testing.T) {
	ctx := context.Background()
	dir := copyPolicies(t, "valdichiana_senese", "massa", "tradate")
	writeFile(t, filepath.Join(dir, "enti/alpha/data.yaml"), "adopts: valdichiana_senese\nname: Comune di Alpha\nchannels: {platforms: {facebook: false}}\n")
	writeFile(t, filepath.Join(dir, "enti/beta/data.yaml"), "adopts: valdichiana_senese\nname: Comune di Beta\n")
	a, err := LoadEnte(ctx, dir, "alpha")
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadEnte(ctx, dir, "beta")
	if err != nil {
		t.Fatal(err)
	}
	union, err := LoadEnte(ctx, dir, "valdichiana_senese")
	if err != nil {
		t.Fatal(err)
	}
	massa, err := LoadEnte(ctx, dir, "massa")
	if err != nil {
		t.Fatal(err)
	}
	if a.code != b.code || a.code != union.code {
		t.Error("alpha, beta and the Union apply the same rules but were compiled apart")
	}
	tradate, err := LoadEnte(ctx, dir, "tradate")
	if err != nil {
		t.Fatal(err)
	}
	// Massa and the Union are both data on the standard template: one compilation.
	if massa.code != union.code {
		t.Error("Massa and the Union apply the standard template but were compiled apart")
	}
	if a.code == tradate.code {
		t.Error("Tradate has rules of its own but shares the Union's compilation")
	}
	if a.Revision == b.Revision {
		t.Error("alpha and beta have different data but the same revision")
	}
	eng := New([]*Ente{a, b})
	for _, c := range []struct{ ente, outcome string }{{"alpha", "not_managed"}, {"beta", "remove"}} {
		d, err := eng.Decide(ctx, testRequest(c.ente, "Siete dei ladri, vi ammazzo tutti"))
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome != c.outcome {
			t.Errorf("%s: outcome %s, want %s", c.ente, d.Outcome, c.outcome)
		}
	}
}

// A change of the library makes a new compilation for the ente that
// loads it; the enti already loaded keep theirs.
func TestAChangedLibraryIsCompiledAnew(t *testing.T) {
	ctx := context.Background()
	dir := copyPolicies(t, "valdichiana_senese", "cetona", "sarteano")
	before, err := LoadEnte(ctx, dir, "cetona")
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "lib/params.rego")
	raw, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, f, string(raw)+"\n# METADATA\n# title: Unused\nunused := true\n")
	after, err := LoadEnte(ctx, dir, "cetona")
	if err != nil {
		t.Fatal(err)
	}
	if before.code == after.code {
		t.Error("a changed library was not compiled anew")
	}
	again, err := LoadEnte(ctx, dir, "sarteano")
	if err != nil {
		t.Fatal(err)
	}
	if again.code != after.code {
		t.Error("sarteano, loaded after the change, did not share cetona's new compilation")
	}
}

// The overlay store answers reads under data.enti from the ente's own
// data and refuses writes, so that no ente can change what another reads.
func TestEnteStoreReadsItsOwnDataOnly(t *testing.T) {
	ctx := context.Background()
	dir := copyPolicies(t, "valdichiana_senese", "cetona")
	e, err := LoadEnte(ctx, dir, "cetona")
	if err != nil {
		t.Fatal(err)
	}
	st := &enteStore{Store: e.code.store, enti: mustValue(t, map[string]any{"cetona": map[string]any{"name": "x", "list": []any{"a", "b"}}})}
	txn, err := st.NewTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort(ctx, txn)
	for path, want := range map[string]string{
		"/enti/cetona/name":   `"x"`,
		"/enti/cetona/list/1": `"b"`,
	} {
		v, err := st.Read(ctx, txn, mustPath(t, path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := v.(interface{ String() string }).String(); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	for _, path := range []string{"/enti/massa", "/enti/cetona/list/2", "/enti/cetona/name/x"} {
		if _, err := st.Read(ctx, txn, mustPath(t, path)); err == nil {
			t.Errorf("%s: read, want not found", path)
		}
	}
	if _, err := st.Read(ctx, txn, mustPath(t, "/lexicon/wording")); err != nil {
		t.Errorf("the shared lexicon is not read through: %v", err)
	}
	if err := st.Write(ctx, txn, 0, mustPath(t, "/lexicon"), nil); err == nil {
		t.Error("a write to an ente's store was accepted")
	}
}

func testRequest(ente, s string) *Request {
	now := "2026-11-23T10:15:00+01:00"
	return &Request{
		Ente:    ente,
		Channel: Channel{Platform: "facebook", Account: "comune." + ente},
		Content: Content{ID: "1_2", Kind: "comment", Text: text(s), CreatedAt: now},
		Author:  Author{ID: "fb:1", Name: "Mario Rossi"},
		Now:     now,
	}
}

func mustValue(t *testing.T, v any) ast.Value {
	t.Helper()
	out, err := ast.InterfaceToValue(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustPath(t *testing.T, s string) storage.Path {
	t.Helper()
	p, ok := storage.ParsePath(s)
	if !ok {
		t.Fatalf("bad path %s", s)
	}
	return p
}

// The gate runs the Rego tests of the rules an ente applies: the Union
// and every comune adopting its policy test the same files, once.
func TestAdoptersShareTheGate(t *testing.T) {
	revs := map[string]string{}
	for _, id := range []string{"valdichiana_senese", "cetona", "sarteano", "massa"} {
		files, err := ReadFiles(policies, id)
		if err != nil {
			t.Fatal(err)
		}
		if revs[id], err = files.RulesFiles().Revision(); err != nil {
			t.Fatal(err)
		}
		if _, ok := files.RulesFiles()["enti/"+id+"/data.yaml"]; !ok && id != "cetona" && id != "sarteano" {
			t.Errorf("%s: its own data left out of the files its tests see", id)
		}
	}
	if revs["cetona"] != revs["valdichiana_senese"] || revs["sarteano"] != revs["valdichiana_senese"] {
		t.Errorf("the adopters test other files than the Union: %v", revs)
	}
	if revs["massa"] == revs["valdichiana_senese"] {
		t.Error("Massa tests the Union's files")
	}
	files, err := ReadFiles(policies, "cetona")
	if err != nil {
		t.Fatal(err)
	}
	res, err := GateRego(context.Background(), files)
	if err != nil || !res.OK() || res.Total == 0 {
		t.Fatalf("gate of cetona: %v, %v", res, err)
	}
	gateRuns.Lock()
	_, kept := gateRuns.m[revs["cetona"]]
	gateRuns.Unlock()
	if !kept {
		t.Error("the run is not kept for the next adopter")
	}
}
