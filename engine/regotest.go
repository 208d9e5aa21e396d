package engine

import (
	"context"
	"fmt"
	"strings"
	"sync"
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

// GateRego runs the Rego tests that gate a revision of an ente: those of
// the library and of the enti whose rules it applies, on their own data
// (TestRego of RulesFiles). Enti that apply the same rules share one run:
// a thousand comuni adopting the Union's policy run its tests once, not a
// thousand times. Their own data is held to the data schema at load and
// their behaviour to their fixtures. Results are kept by the revision of
// the files tested; tests are deterministic (no clock, no network, no
// randomness in the sandbox), so the same files give the same result.
func GateRego(ctx context.Context, files Files) (RegoTests, error) {
	tested := files.RulesFiles()
	key, err := tested.Revision()
	if err != nil {
		return RegoTests{}, err
	}
	gateRuns.Lock()
	run, ok := gateRuns.m[key]
	if !ok {
		run = &gateRun{done: make(chan struct{})}
		if len(gateRuns.m) >= maxGateRuns {
			clear(gateRuns.m)
		}
		gateRuns.m[key] = run
	}
	gateRuns.Unlock()
	if ok {
		select {
		case <-run.done:
		case <-ctx.Done():
			return RegoTests{}, ctx.Err()
		}
		if run.err == nil {
			return run.res, nil
		}
		// An error (a deadline, a cancelled load) is this run's, not the
		// files': forget it and run again.
	}
	res, err := TestRego(ctx, tested)
	if !ok {
		run.res, run.err = res, err
		close(run.done)
		if err != nil {
			gateRuns.Lock()
			if gateRuns.m[key] == run {
				delete(gateRuns.m, key)
			}
			gateRuns.Unlock()
		}
	}
	return res, err
}

// gateRuns are the gate's Rego test runs by the revision of the files
// tested; a run is shared by the loads that wait for it.
var gateRuns = struct {
	sync.Mutex
	m map[string]*gateRun
}{m: map[string]*gateRun{}}

const maxGateRuns = 256

type gateRun struct {
	done chan struct{}
	res  RegoTests
	err  error
}

// RulesFiles is f without the data of the enti folders that hold no Rego:
// the files whose tests say whether the rules are right. An ente that
// adopts another's policy, or applies a template, brings only data.
func (f Files) RulesFiles() Files {
	rules := map[string]bool{}
	for p := range f {
		if parts := strings.Split(p, "/"); parts[0] == "enti" && len(parts) > 2 && strings.HasSuffix(p, ".rego") {
			rules[parts[1]] = true
		}
	}
	out := make(Files, len(f))
	for p, b := range f {
		if parts := strings.Split(p, "/"); parts[0] == "enti" && len(parts) > 2 && !rules[parts[1]] {
			continue
		}
		out[p] = b
	}
	return out
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
