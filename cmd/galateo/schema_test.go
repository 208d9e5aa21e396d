package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// A misspelt key in an ente's data is refused by `galateo test` (by the
// Rego test of the schema and by the load, with the line) and by stock
// `opa test`, each naming the ente's file and the key.
func TestTestCommandRefusesAMisspeltDataKey(t *testing.T) {
	dir, fixtures := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
	reloadtest.Edit(t, filepath.Join(dir, "enti", "massa", "data.yaml"), "language: IT\n", "language: IT\nretention_dayz: 30\n")

	// The load error is what main prints before exiting with status 1:
	// massa is the only ente of the folder.
	out, err := runCmd(t, "", "test", "-policies", dir, "-fixtures", fixtures)
	if err != nil {
		out += err.Error()
	}
	for _, want := range []string{
		"FAIL data.galateo.lib.schema_test.test_every_ente_follows_the_data_schema",
		"  enti/massa: retention_dayz: unknown key",
		"load ente massa: data does not follow",
		"enti/massa/data.yaml:13: retention_dayz: unknown key",
	} {
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("galateo test: err %v, output lacks %q:\n%s", err, want, out)
		}
	}

	if testing.Short() {
		return // the rest runs the pinned opa
	}
	stock, err := exec.Command("go", "tool", "opa", "test", dir, "-r", "schema_test").CombinedOutput()
	if err == nil || !strings.Contains(string(stock), "enti/massa: retention_dayz: unknown key") {
		t.Errorf("opa test: err %v\n%s", err, stock)
	}
}

// Stock `opa check --schema policies/schema` (make lint) passes on the
// project's policies and refuses a rule that reads a path of input the
// input schema does not have, with file and line.
func TestStockOPACheckTypesInputAgainstTheSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pinned opa")
	}
	check := func(dir string) (string, error) {
		out, err := exec.Command("go", "tool", "opa", "check", "--strict",
			"--capabilities", filepath.Join(dir, "sandbox.capabilities"),
			"--schema", filepath.Join(dir, "schema"), dir).CombinedOutput()
		return string(out), err
	}
	if out, err := check(filepath.Join("..", "..", "policies")); err != nil {
		t.Fatalf("opa check --schema on policies/: %v\n%s", err, out)
	}
	dir, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
	typo := filepath.Join(dir, "enti", "massa", "typo.rego")
	if err := os.WriteFile(typo, []byte("package galateo.enti.massa\n\nimport rego.v1\n\nreply_due if input.facts.schedule.due_txt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := check(dir)
	if err == nil || !strings.Contains(out, "typo.rego:5: rego_type_error: undefined ref: input.facts.schedule.due_txt") {
		t.Errorf("opa check --schema: err %v\n%s", err, out)
	}
}
