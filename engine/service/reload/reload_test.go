package reload

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// tree copies the project's policies and fixtures of the enti named (or
// of every ente) into a temporary folder.
func tree(t *testing.T, enti ...string) (policies, fixtures string) {
	t.Helper()
	return reloadtest.CopyTree(t, filepath.Join("..", "..", ".."), enti...)
}

func openStore(t *testing.T) *store.SQL {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "galateo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// patient lifts the evaluation deadline out of the way: under -race on a
// busy machine one evaluation of the grammar can outlast the default 2 s,
// and these tests are about reloading, not about the deadline (the
// engine's tests are).
var patient = engine.WithEvalTimeout(time.Minute)

func start(t *testing.T, policies, fixtures string, st Store, server string) (*engine.Engine, *Reloader) {
	t.Helper()
	eng, r, results, err := Start(context.Background(), Config{
		Policies: policies, Fixtures: fixtures, Server: server, Store: st, Log: quiet,
	}, patient)
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if res.Status != Activated {
			t.Fatalf("start: %+v", res)
		}
	}
	return eng, r
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	reloadtest.Edit(t, path, old, new)
}

func serving(t *testing.T, eng *engine.Engine, id string) string {
	t.Helper()
	ent, err := eng.Ente(id)
	if err != nil {
		t.Fatal(err)
	}
	return ent.Revision
}

func byEnte(results []Result) map[string]Result {
	out := map[string]Result{}
	for _, r := range results {
		out[r.Ente] = r
	}
	return out
}

func statusOf(eng *engine.Engine, id string) engine.Status {
	for _, st := range eng.Status() {
		if st.ID == id {
			return st
		}
	}
	return engine.Status{}
}

func TestStartRecordsEveryRevision(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t)
	st := openStore(t)
	eng, _ := start(t, policies, fixtures, st, "a")
	desired, err := st.Desired(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ent := range eng.Enti() {
		if desired[ent.ID].Revision != ent.Revision || desired[ent.ID].Kind != store.ActivationLoad {
			t.Errorf("%s: desired %+v, serving %s", ent.ID, desired[ent.ID], ent.Revision)
		}
		v, err := st.Version(ctx, ent.Revision)
		if err != nil {
			t.Fatalf("%s: %v", ent.ID, err)
		}
		if v.Label != ent.Version || len(v.Files) != len(ent.Source) {
			t.Errorf("%s: stored version %q with %d files, want %q with %d", ent.ID, v.Label, len(v.Files), ent.Version, len(ent.Source))
		}
	}
	if len(desired) != len(eng.Enti()) || len(desired) < 10 {
		t.Errorf("%d enti desired, %d serving", len(desired), len(eng.Enti()))
	}
}

func TestReloadActivatesOnlyWhatChangedAndPasses(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "massa", "tradate", "crespiatica", "conferenza_stato_citta")
	st := openStore(t)
	eng, r := start(t, policies, fixtures, st, "a")
	massa0, tradate0, crespiatica0 := serving(t, eng, "massa"), serving(t, eng, "tradate"), serving(t, eng, "crespiatica")

	// A valid change to tradate, broken Rego in massa, and a crespiatica
	// change that compiles and passes its Rego tests but not one of its
	// fixtures (made stricter here, as if written for the change), in one
	// reload.
	edit(t, filepath.Join(policies, "enti/tradate/data.yaml"), "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
	edit(t, filepath.Join(policies, "enti/massa/data.yaml"), "template: standard\n", "template: standard\nbroken: [\n")
	edit(t, filepath.Join(policies, "enti/crespiatica/data.yaml"), "language: IT\n", "language: IT\nretention_days: 365\n")
	edit(t, filepath.Join(fixtures, "crespiatica/001_insulto_tra_utenti.yaml"), "outcome: remove", "outcome: allow")
	results, err := r.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := byEnte(results)
	if got["tradate"].Status != Activated || serving(t, eng, "tradate") == tradate0 || got["tradate"].Serving != serving(t, eng, "tradate") {
		t.Errorf("tradate: %+v", got["tradate"])
	}
	if got["massa"].Status != Rejected || serving(t, eng, "massa") != massa0 || !strings.Contains(got["massa"].Error, "data.yaml") {
		t.Errorf("massa: %+v", got["massa"])
	}
	if f := statusOf(eng, "massa").Failure; f == nil || f.Revision != got["massa"].Revision {
		t.Errorf("massa's status does not show the refused revision: %+v", statusOf(eng, "massa"))
	}
	if got["crespiatica"].Status != Rejected || serving(t, eng, "crespiatica") != crespiatica0 || !strings.Contains(got["crespiatica"].Error, "fixtures failed") {
		t.Errorf("crespiatica: %+v", got["crespiatica"])
	}
	if got["conferenza_stato_citta"].Status != Unchanged {
		t.Errorf("conferenza: %+v", got["conferenza_stato_citta"])
	}
	// Massa still decides with its last good revision.
	d, err := eng.Decide(ctx, &engine.Request{
		Ente: "massa", Channel: engine.Channel{Platform: "facebook"},
		Content: engine.Content{Kind: "comment", Text: ptr("Sei uno stronzo")},
		Now:     "2026-11-23T10:15:00+01:00",
	})
	if err != nil || d.Outcome != "remove" || d.Policy.Revision != massa0 {
		t.Errorf("massa after a refused edit: %+v, %v", d, err)
	}
	// Each outcome is in the store: the activation and the refusals. Massa's
	// files do not parse, so they have no revision to record: the log and
	// GET /enti show that refusal.
	acts, err := st.Activations(ctx, "", 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]string{}
	for _, a := range acts {
		kinds[a.Ente] = append(kinds[a.Ente], a.Kind)
	}
	for ente, want := range map[string]string{"tradate": "load reload", "massa": "load", "crespiatica": "load rejected", "conferenza_stato_citta": "load"} {
		if strings.Join(kinds[ente], " ") != want {
			t.Errorf("%s activations: %v, want %s", ente, kinds[ente], want)
		}
	}
	// The refused revision that compiled is kept with its files, for an
	// auditor to read and diff.
	if v, err := st.Version(ctx, got["crespiatica"].Revision); err != nil || len(v.Files) == 0 {
		t.Errorf("crespiatica's refused revision is not kept: %v", err)
	}
	// A second reload does not test the refused revisions again.
	results, _ = r.Reload(ctx)
	if got := byEnte(results); got["massa"].Status != Rejected || got["tradate"].Status != Unchanged {
		t.Errorf("second reload: %+v", results)
	}
	// Mending the file activates it; the failure is gone.
	edit(t, filepath.Join(policies, "enti/massa/data.yaml"), "broken: [\n", "")
	results, _ = r.Reload(ctx)
	if got := byEnte(results); got["massa"].Status != Unchanged || statusOf(eng, "massa").Failure != nil {
		t.Errorf("massa mended back to its serving revision: %+v %+v", got["massa"], statusOf(eng, "massa"))
	}
}

func TestRegoTestFailureRefusesTheRevision(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	before := serving(t, eng, "tradate")
	os.WriteFile(filepath.Join(policies, "enti/tradate/zz_test.rego"), []byte("package galateo.enti.tradate_zz_test\n\ntest_always_fails if {\n\tfalse\n}\n"), 0o644)
	results, err := r.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := byEnte(results)["tradate"]; got.Status != Rejected || !strings.Contains(got.Error, "test_always_fails") || serving(t, eng, "tradate") != before {
		t.Errorf("tradate: %+v", got)
	}
}

// A misspelt key in an ente's data is refused by the reload with the file,
// the line and the key; the last good revision keeps serving.
func TestReloadRefusesAMisspeltDataKey(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	before := serving(t, eng, "tradate")
	edit(t, filepath.Join(policies, "enti/tradate/data.yaml"), "language: IT\n", "language: IT\nretention_dayz: 30\n")
	results, err := r.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := byEnte(results)["tradate"]
	if got.Status != Rejected || !strings.Contains(got.Error, "enti/tradate/data.yaml:13: retention_dayz: unknown key") || serving(t, eng, "tradate") != before {
		t.Errorf("tradate: %+v", got)
	}
}

func TestRestartServesTheLastGoodRevision(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "massa", "tradate")
	st := openStore(t)
	eng, _ := start(t, policies, fixtures, st, "a")
	good := serving(t, eng, "massa")
	edit(t, filepath.Join(policies, "enti/massa/data.yaml"), "template: standard\n", "template: standard\nbroken: [\n")
	eng2, _, results, err := Start(ctx, Config{Policies: policies, Fixtures: fixtures, Server: "a2", Store: st, Log: quiet}, patient)
	if err != nil {
		t.Fatal(err)
	}
	got := byEnte(results)["massa"]
	if got.Status != Rejected || got.Serving != good || serving(t, eng2, "massa") != good {
		t.Errorf("massa on restart: %+v", got)
	}
	if byEnte(results)["tradate"].Tests != "passed when first activated" {
		t.Errorf("a revision activated before was tested again: %+v", byEnte(results)["tradate"])
	}
	if statusOf(eng2, "massa").Failure == nil {
		t.Error("the refused folder revision is not shown")
	}
}

func TestServersFollowEachOther(t *testing.T) {
	ctx := context.Background()
	policiesA, fixturesA := tree(t, "massa", "tradate")
	policiesB, fixturesB := tree(t, "massa", "tradate")
	st := openStore(t)
	engA, a := start(t, policiesA, fixturesA, st, "a")
	engB, b := start(t, policiesB, fixturesB, st, "b")
	if serving(t, engA, "tradate") != serving(t, engB, "tradate") {
		t.Fatal("same folders, different revisions")
	}
	edit(t, filepath.Join(policiesA, "enti/tradate/data.yaml"), "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
	if _, err := a.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	results, err := b.FollowOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Ente != "tradate" || results[0].Status != Followed {
		t.Fatalf("b followed: %+v", results)
	}
	if serving(t, engB, "tradate") != serving(t, engA, "tradate") {
		t.Error("b does not serve what a activated")
	}
	// b's folder did not change: its reloads leave the followed revision alone.
	results, _ = b.Reload(ctx)
	if got := byEnte(results)["tradate"]; got.Status != Unchanged || serving(t, engB, "tradate") != serving(t, engA, "tradate") {
		t.Errorf("b's reload undid the followed revision: %+v", got)
	}
	// a sees nothing to follow: the latest activation is its own.
	if results, _ := a.FollowOnce(ctx); len(results) != 0 {
		t.Errorf("a followed: %+v", results)
	}
	// b restarts on its folder, which nobody updated: it serves what a
	// activated instead of taking every server back to the old revision.
	engB2, b2, results, err := Start(ctx, Config{Policies: policiesB, Fixtures: fixturesB, Server: "b2", Store: st, Log: quiet}, patient)
	if err != nil {
		t.Fatal(err)
	}
	if got := byEnte(results)["tradate"]; got.Status != Followed || serving(t, engB2, "tradate") != serving(t, engA, "tradate") {
		t.Errorf("b restarted on an old folder: %+v", got)
	}
	if got := byEnte(results)["massa"]; got.Status != Activated {
		t.Errorf("massa, whose folder is what serves: %+v", got)
	}
	if results, _ := a.FollowOnce(ctx); len(results) != 0 {
		t.Errorf("a followed b's restart: %+v", results)
	}
	if results, _ := b2.Reload(ctx); byEnte(results)["tradate"].Status != Unchanged {
		t.Errorf("b2's reload of its untouched folder: %+v", byEnte(results)["tradate"])
	}
}

func TestWatchReloadsAfterAChange(t *testing.T) {
	policies, fixtures := tree(t, "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	before := serving(t, eng, "tradate")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Watch(ctx, 50*time.Millisecond) }()
	defer func() { cancel(); <-done }()
	time.Sleep(100 * time.Millisecond) // the watches are in place
	edit(t, filepath.Join(policies, "enti/tradate/data.yaml"), "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
	deadline := time.Now().Add(30 * time.Second)
	for serving(t, eng, "tradate") == before {
		if time.Now().After(deadline) {
			t.Fatal("the edit was not activated")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func ptr(s string) *string { return &s }

func kindsOf(t *testing.T, st Store, ente string) string {
	t.Helper()
	acts, err := st.Activations(context.Background(), ente, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range acts {
		kinds = append(kinds, a.Kind+"@"+a.Server)
	}
	return strings.Join(kinds, " ")
}

func notServing(t *testing.T, eng *engine.Engine, id string) {
	t.Helper()
	if ent, err := eng.Ente(id); err == nil {
		t.Errorf("%s still serves %s", id, ent.Revision)
	}
	if _, failed := eng.Failed()[id]; failed || statusOf(eng, id).ID != "" {
		t.Errorf("%s is still known: %+v", id, statusOf(eng, id))
	}
}

// TestReloadRemovesAGoneEnte: a reload that finds an ente's folder gone
// stops serving it and records the removal; the other servers follow,
// also after a restart on a folder nobody updated, and the ente comes
// back when its folder does.
func TestReloadRemovesAGoneEnte(t *testing.T) {
	ctx := context.Background()
	policiesA, fixturesA := tree(t, "massa", "tradate")
	policiesB, fixturesB := tree(t, "massa", "tradate")
	policiesC, fixturesC := tree(t, "massa")
	st := openStore(t)
	engA, a := start(t, policiesA, fixturesA, st, "a")
	engB, b := start(t, policiesB, fixturesB, st, "b")
	engC, c := start(t, policiesC, fixturesC, st, "c")
	tradate := serving(t, engA, "tradate")

	saved := t.TempDir()
	if err := os.Rename(filepath.Join(policiesA, "enti", "tradate"), filepath.Join(saved, "tradate")); err != nil {
		t.Fatal(err)
	}
	results, err := a.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := byEnte(results)["tradate"]; got.Status != Removed || got.Revision != tradate || got.Serving != "" || got.Error != "" {
		t.Errorf("tradate gone from the folder: %+v", got)
	}
	if got := byEnte(results)["massa"]; got.Status != Unchanged {
		t.Errorf("massa: %+v", got)
	}
	notServing(t, engA, "tradate")
	if got := kindsOf(t, st, "tradate"); got != "load@a load@b removed@a" {
		t.Errorf("tradate's activations: %s", got)
	}
	// A second reload has nothing more to remove.
	if results, _ := a.Reload(ctx); len(results) != 1 || results[0].Ente != "massa" {
		t.Errorf("second reload: %+v", results)
	}

	results, err = b.FollowOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Ente != "tradate" || results[0].Status != Removed {
		t.Fatalf("b followed: %+v", results)
	}
	notServing(t, engB, "tradate")
	// b's folder still holds tradate and did not change: its reloads and a
	// restart on it leave the ente removed.
	if results, _ := b.Reload(ctx); byEnte(results)["tradate"].Status != Unchanged {
		t.Errorf("b's reload of its untouched folder: %+v", byEnte(results)["tradate"])
	}
	notServing(t, engB, "tradate")
	engB2, _, results, err := Start(ctx, Config{Policies: policiesB, Fixtures: fixturesB, Server: "b2", Store: st, Log: quiet}, patient)
	if err != nil {
		t.Fatal(err)
	}
	if got := byEnte(results)["tradate"]; got.Status != Removed {
		t.Errorf("b restarted on a folder that still holds the removed ente: %+v", got)
	}
	notServing(t, engB2, "tradate")
	// c never had tradate in its folder and served nothing of it.
	if results, _ := c.FollowOnce(ctx); len(results) != 0 {
		t.Errorf("c followed the removal of what it did not serve: %+v", results)
	}

	// The folder comes back: tradate serves again, everywhere.
	if err := os.Rename(filepath.Join(saved, "tradate"), filepath.Join(policiesA, "enti", "tradate")); err != nil {
		t.Fatal(err)
	}
	if results, _ := a.Reload(ctx); byEnte(results)["tradate"].Status != Activated || serving(t, engA, "tradate") != tradate {
		t.Errorf("tradate back in the folder: %+v", byEnte(results)["tradate"])
	}
	for name, f := range map[string]*Reloader{"b": b, "c": c} {
		if results, _ := f.FollowOnce(ctx); len(results) != 1 || results[0].Status != Followed {
			t.Errorf("%s after tradate came back: %+v", name, results)
		}
	}
	if serving(t, engB, "tradate") != tradate || serving(t, engC, "tradate") != tradate {
		t.Error("b or c does not serve tradate again")
	}
	// c serves tradate only because a activated it; its own folder never
	// held it, so c's reloads do not remove it.
	if results, _ := c.Reload(ctx); byEnte(results)["tradate"].Status != "" {
		t.Errorf("c's reload: %+v", results)
	}
	if serving(t, engC, "tradate") != tradate {
		t.Error("c's reload removed what it follows")
	}
}

func TestWatchRemovesAGoneEnte(t *testing.T) {
	policies, fixtures := tree(t, "massa", "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Watch(ctx, 50*time.Millisecond) }()
	defer func() { cancel(); <-done }()
	time.Sleep(100 * time.Millisecond) // the watches are in place
	if err := os.RemoveAll(filepath.Join(policies, "enti", "tradate")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := eng.Ente("tradate"); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the removal was not applied")
		}
		time.Sleep(20 * time.Millisecond)
	}
	serving(t, eng, "massa")
}

// TestReloadForgetsAGoneEnteThatNeverServed: an ente that never loaded is
// listed as failed until its folder goes, and then forgotten, with
// nothing to record.
func TestReloadForgetsAGoneEnteThatNeverServed(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "tradate")
	st := openStore(t)
	eng, r := start(t, policies, fixtures, st, "a")
	dir := filepath.Join(policies, "enti", "nuovo")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.yaml"), []byte("name: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if results, _ := r.Reload(ctx); byEnte(results)["nuovo"].Status != Rejected || eng.Failed()["nuovo"] == nil {
		t.Fatalf("a broken new ente: %+v, failed %v", byEnte(results)["nuovo"], eng.Failed())
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	results, _ := r.Reload(ctx)
	if got := byEnte(results)["nuovo"]; got.Status != Removed || got.Revision != "" {
		t.Errorf("the broken ente gone: %+v", got)
	}
	notServing(t, eng, "nuovo")
	if got := kindsOf(t, st, "nuovo"); got != "" {
		t.Errorf("activations of an ente that never served: %s", got)
	}
}

// TestReloadOfAnEmptyFolderRemovesNothing: every ente gone at once is an
// error, not the end of every policy.
func TestReloadOfAnEmptyFolderRemovesNothing(t *testing.T) {
	policies, fixtures := tree(t, "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	before := serving(t, eng, "tradate")
	if err := os.RemoveAll(filepath.Join(policies, "enti", "tradate")); err != nil {
		t.Fatal(err)
	}
	if results, err := r.Reload(context.Background()); err == nil {
		t.Errorf("reload of a folder with no ente: %+v, no error", results)
	}
	if serving(t, eng, "tradate") != before {
		t.Error("tradate no longer serves")
	}
}

// The gate refuses a module calling a built-in outside the sandbox, with
// the file, the line and why, and the last good revision goes on serving.
func TestSandboxRefusesTheRevision(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "tradate")
	eng, r := start(t, policies, fixtures, nil, "a")
	before := serving(t, eng, "tradate")
	for _, c := range []struct{ builtin, rule string }{
		{"http.send", `leak := http.send({"method": "POST", "url": "http://127.0.0.1:9/", "body": input})`},
		{"time.now_ns", `late if time.now_ns() > 0`},
	} {
		path := filepath.Join(policies, "enti/tradate/leak.rego")
		if err := os.WriteFile(path, []byte("package galateo.enti.tradate\n\nimport rego.v1\n\n"+c.rule+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		results, err := r.Reload(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := byEnte(results)["tradate"]
		if got.Status != Rejected || !strings.Contains(got.Error, "enti/tradate/leak.rego:5") ||
			!strings.Contains(got.Error, c.builtin+" is not allowed in policies") || serving(t, eng, "tradate") != before {
			t.Errorf("%s: %+v", c.builtin, got)
		}
	}
}

// The gate runs the fixtures under the deadline the serving engine
// applies, not under the default: here one no evaluation can meet.
func TestGateUsesTheEnginesDeadline(t *testing.T) {
	policies, fixtures := tree(t, "tradate")
	_, _, results, err := Start(context.Background(), Config{
		Policies: policies, Fixtures: fixtures, Server: "a", Log: quiet,
	}, engine.WithEvalTimeout(time.Nanosecond))
	if err == nil || len(results) != 1 || results[0].Status != Rejected || !strings.Contains(results[0].Error, "cut after 1ns") {
		t.Fatalf("start under a 1ns deadline: %v, %+v", err, results)
	}
}

// A reload of named enti reads only their folders and those of the enti
// adopting their policy: a change elsewhere waits for its own reload.
func TestReloadEntiReloadsOnlyThoseNamedAndTheirAdopters(t *testing.T) {
	ctx := context.Background()
	policies, fixtures := tree(t, "valdichiana_senese", "cetona", "tradate")
	st := openStore(t)
	eng, r := start(t, policies, fixtures, st, "a")
	union0, cetona0, tradate0 := serving(t, eng, "valdichiana_senese"), serving(t, eng, "cetona"), serving(t, eng, "tradate")

	edit(t, filepath.Join(policies, "enti/valdichiana_senese/data.yaml"), "language: IT\n", "language: IT\nretention_days: 365\n")
	edit(t, filepath.Join(policies, "enti/tradate/data.yaml"), "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
	results, err := r.ReloadEnti(ctx, []string{"valdichiana_senese"})
	if err != nil {
		t.Fatal(err)
	}
	got := byEnte(results)
	if len(results) != 2 || got["valdichiana_senese"].Status != Activated || got["cetona"].Status != Activated {
		t.Fatalf("results %+v, want the Union and Cetona activated, nothing else", results)
	}
	if serving(t, eng, "valdichiana_senese") == union0 || serving(t, eng, "cetona") == cetona0 {
		t.Error("the Union or Cetona still serve their old revision")
	}
	if serving(t, eng, "tradate") != tradate0 {
		t.Error("tradate, not named, was reloaded")
	}
	if _, err := r.ReloadEnti(ctx, []string{"nessuno"}); err == nil {
		t.Error("an unknown ente was accepted")
	}
	results, err = r.ReloadEnti(ctx, []string{"tradate"})
	if err != nil || len(results) != 1 || results[0].Status != Activated || serving(t, eng, "tradate") == tradate0 {
		t.Errorf("tradate's own reload: %+v, %v", results, err)
	}
}

// The watcher reloads only the enti whose folders changed; anything else
// changed reloads every ente.
func TestEnteOfAChangedPath(t *testing.T) {
	root := t.TempDir()
	enti := filepath.Join(root, "enti")
	if err := os.MkdirAll(filepath.Join(enti, "massa"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(enti, "README.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		filepath.Join(enti, "massa", "data.yaml"):      "massa",
		filepath.Join(enti, "massa"):                   "massa",
		filepath.Join(enti, "gone"):                    "gone", // a folder removed
		filepath.Join(enti, "README.md"):               "",
		filepath.Join(enti, "Massa", "data.yaml"):      "",
		filepath.Join(root, "lib", "params.rego"):      "",
		filepath.Join(root, "lexicon", "threats.yaml"): "",
		enti: "",
	} {
		id, ok := enteOf(enti, path)
		if ok != (want != "") || id != want {
			t.Errorf("enteOf(%s) = %q, %v; want %q", path, id, ok, want)
		}
	}
}
