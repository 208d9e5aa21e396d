package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// RegoTests is the result of the Rego tests of one revision.
type RegoTests struct {
	Passed, Total int
	Failures      []string // "package.test_name (file:row): error", one per failed test
}

// OK tells whether every test passed.
func (r RegoTests) OK() bool { return len(r.Failures) == 0 }

func (r RegoTests) String() string {
	if r.OK() {
		return fmt.Sprintf("%d/%d Rego tests passed", r.Passed, r.Total)
	}
	return fmt.Sprintf("%d of %d Rego tests failed: %v", len(r.Failures), r.Total, r.Failures)
}

// TestRego runs the Rego tests among files with OPA's test runner, as
// stock `opa test` runs them on the folder.
func TestRego(ctx context.Context, files Files) (RegoTests, error) {
	var out RegoTests
	res, err := loadFiles(files)
	if err != nil {
		return out, err
	}
	st, err := res.Store()
	if err != nil {
		return out, err
	}
	mods := make(map[string]*ast.Module, len(res.Modules))
	for p, m := range res.Modules {
		mods[p] = m.Parsed
	}
	compiler, err := SandboxCompiler()
	if err != nil {
		return out, err
	}
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(st).
		SetDefaultRegoVersion(ast.RegoV1).
		RaiseBuiltinErrors(true).
		SetTimeout(30*time.Second).
		Run(ctx, mods)
	if err != nil {
		return out, fmt.Errorf("run Rego tests: %w", ExplainSandbox(err))
	}
	for r := range ch {
		out.Total++
		if r.Pass() {
			out.Passed++
			continue
		}
		msg := fmt.Sprintf("%s.%s (%s)", r.Package, r.Name, r.Location)
		if r.Error != nil {
			msg += ": " + r.Error.Error()
		} else if r.Fail {
			msg += ": failed"
		}
		out.Failures = append(out.Failures, msg)
	}
	return out, nil
}
