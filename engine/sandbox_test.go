package engine

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	sandboxfile "github.com/galateo/galateo/policies"
)

// A module that calls a built-in the sandbox leaves out does not compile:
// the error names the file, the line and why.
func TestSandboxRefusesImpureBuiltins(t *testing.T) {
	files, err := ReadFiles(policies, "massa")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ builtin, rego, why string }{
		{"http.send", `leak := http.send({"method": "POST", "url": "http://127.0.0.1:9/", "body": input})`, "network"},
		{"time.now_ns", `late if time.now_ns() > 0`, "clock"},
		{"opa.runtime", `env := opa.runtime().env`, "environment"},
	}
	for _, c := range cases {
		t.Run(c.builtin, func(t *testing.T) {
			bad := maps.Clone(files)
			bad["enti/massa/leak.rego"] = []byte("package galateo.enti.massa\n\nimport rego.v1\n\n" + c.rego + "\n")
			_, err := Compile(context.Background(), "massa", bad)
			if err == nil {
				t.Fatalf("a module calling %s compiled", c.builtin)
			}
			msg := err.Error()
			for _, want := range []string{"enti/massa/leak.rego:5", c.builtin + " is not allowed", c.why} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
		})
	}
}

// A Rego test module is held to the sandbox too: the reload gate runs it.
func TestSandboxHoldsRegoTests(t *testing.T) {
	files, err := ReadFiles(policies, "massa")
	if err != nil {
		t.Fatal(err)
	}
	files["enti/massa/leak_test.rego"] = []byte("package galateo.enti.massa_test\n\nimport rego.v1\n\n" +
		"test_leak if http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:9/\"})\n")
	_, err = TestRego(context.Background(), files)
	if err == nil || !strings.Contains(err.Error(), "http.send is not allowed") {
		t.Fatalf("a test calling http.send: %v", err)
	}
}

// Every built-in of the pinned OPA is either in the sandbox or refused
// with a reason, so that upgrading OPA makes someone decide about the new
// ones; and nothing refused slipped into the file.
func TestSandboxCoversEveryBuiltin(t *testing.T) {
	caps, err := sandboxfile.Capabilities()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{}
	for _, b := range caps.Builtins {
		allowed[b.Name] = true
	}
	if len(caps.AllowNet) != 0 || caps.AllowNet == nil {
		t.Errorf("allow_net is %v, want [] (no host)", caps.AllowNet)
	}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, forbidden := sandboxfile.Forbidden[b.Name]
		switch {
		case allowed[b.Name] && forbidden:
			t.Errorf("%s is refused with a reason but is in the sandbox", b.Name)
		case !allowed[b.Name] && !forbidden:
			t.Errorf("%s (new in this OPA?) is neither in the sandbox nor refused with a reason", b.Name)
		}
	}
}
