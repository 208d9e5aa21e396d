package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/fixtures"
)

// test runs the Rego tests of the policies folder, as stock `opa test`
// would, and every fixture through the real engine.
func test(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(stdout)
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "policies folder (env GALATEO_POLICIES)")
	fixtureDir := fs.String("fixtures", env("GALATEO_FIXTURES", "fixtures"), "fixtures folder (env GALATEO_FIXTURES)")
	verbose := fs.Bool("v", false, "print every Rego test, not only failures")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	failed := false

	modules, store, err := tester.Load([]string{*policies}, nil)
	if err != nil {
		return fmt.Errorf("load policies for tests: %w", err)
	}
	// The sandbox holds tests too: a test must not reach the network.
	compiler, err := engine.SandboxCompiler()
	if err != nil {
		return err
	}
	// A failing test's print() output says what failed, as with stock
	// opa test (the data schema test names the ente and the key).
	compiler.WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().SetCompiler(compiler).SetStore(store).Run(ctx, modules)
	if err != nil {
		return fmt.Errorf("run Rego tests: %w", engine.ExplainSandbox(err))
	}
	passed, total := 0, 0
	for r := range ch {
		total++
		if r.Pass() {
			passed++
			if *verbose {
				fmt.Fprintf(stdout, "PASS %s.%s\n", r.Package, r.Name)
			}
			continue
		}
		failed = true
		fmt.Fprintf(stdout, "FAIL %s.%s (%s)", r.Package, r.Name, r.Location)
		if r.Error != nil {
			fmt.Fprintf(stdout, ": %v", r.Error)
		}
		fmt.Fprintln(stdout)
		for _, line := range strings.Split(strings.TrimSpace(string(r.Output)), "\n") {
			if line != "" {
				fmt.Fprintf(stdout, "  %s\n", line)
			}
		}
	}
	fmt.Fprintf(stdout, "rego: %d/%d tests passed\n", passed, total)

	eng, err := engine.Load(ctx, *policies)
	if err != nil {
		return err
	}
	for id, err := range eng.Failed() {
		failed = true
		fmt.Fprintf(stdout, "FAIL ente %s: %v\n", id, err)
	}
	all, err := fixtures.LoadAll(*fixtureDir)
	if err != nil {
		return err
	}
	var results []fixtures.Result
	for _, ente := range slices.Sorted(maps.Keys(all)) {
		results = append(results, fixtures.Run(ctx, eng, all[ente])...)
	}
	// One summary for every ente: the per-case lines name the ente.
	if !fixtures.Report(stdout, results).OK() {
		failed = true
	}
	if failed {
		return exitError(1)
	}
	return nil
}
