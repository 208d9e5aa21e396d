package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// A policy author sees the same refusal from `galateo test` and from stock
// `opa check --capabilities policies/sandbox.capabilities` (what make lint
// runs), for each built-in the sandbox leaves out.
func TestSandboxRefusalIsTheSameForGalateoAndStockOPA(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pinned opa")
	}
	for _, c := range []struct{ builtin, rule string }{
		{"http.send", `leak := http.send({"method": "POST", "url": "http://127.0.0.1:9/", "body": input})`},
		{"time.now_ns", `late if time.now_ns() > 0`},
	} {
		t.Run(c.builtin, func(t *testing.T) {
			dir, fixtures := reloadtest.CopyTree(t, filepath.Join("..", ".."), "crespiatica")
			leak := filepath.Join(dir, "enti", "crespiatica", "leak.rego")
			if err := os.WriteFile(leak, []byte("package galateo.enti.crespiatica\n\nimport rego.v1\n\n"+c.rule+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			// The error is what main prints before exiting with status 1.
			out, err := runCmd(t, "", "test", "-policies", dir, "-fixtures", fixtures)
			if err == nil || !strings.Contains(err.Error(), "leak.rego:5") || !strings.Contains(err.Error(), c.builtin+" is not allowed in policies") {
				t.Errorf("galateo test: err %v\n%s", err, out)
			}

			caps := filepath.Join(dir, "sandbox.capabilities")
			stock, err := exec.Command("go", "tool", "opa", "check", "--strict", "--capabilities", caps, dir).CombinedOutput()
			if err == nil || !strings.Contains(string(stock), "leak.rego:5") || !strings.Contains(string(stock), "undefined function "+c.builtin) {
				t.Errorf("opa check: err %v\n%s", err, stock)
			}
		})
	}
	// Without the leak, stock opa check passes on the project's policies
	// with the same file: the sandbox allows everything they call.
	stock, err := exec.Command("go", "tool", "opa", "check", "--strict", "--capabilities",
		filepath.Join("..", "..", "policies", "sandbox.capabilities"), filepath.Join("..", "..", "policies")).CombinedOutput()
	if err != nil {
		t.Errorf("opa check on policies/: %v\n%s", err, stock)
	}
}

func TestServeRefusesABadEvalTimeout(t *testing.T) {
	for _, bad := range []string{"0s", "-1s", "soon"} {
		_, err := runCmd(t, "", "serve", "-db", filepath.Join(t.TempDir(), "g.db"), "-eval-timeout", bad)
		if err == nil || !strings.Contains(err.Error(), "-eval-timeout") {
			t.Errorf("-eval-timeout %s: err = %v", bad, err)
		}
	}
}
