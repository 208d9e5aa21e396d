package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/quality"
)

// defaultSet is the labelled set of the Comune di Massa's pages.
const defaultSet = "engine/quality/testdata/comments.yaml"

// defaultSuiteEnte decides the functional suite unless -ente says otherwise:
// the suite's labels follow Massa's policy.
const defaultSuiteEnte = "massa"

// eval runs a labelled set of comments, or the functional suite, through the
// real engine and prints how the decisions fare: precision, recall and F1
// per category for the set; flagged and removed rates per functionality,
// ground and split for the suite. It is a report, not a gate: the exit
// status is 0 unless the cases or the policies cannot be read
// (engine/quality's tests hold the floors).
func eval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "policies folder (env GALATEO_POLICIES)")
	set := fs.String("set", defaultSet, "labelled set (YAML)")
	suite := fs.String("suite", "", "functional suite folder (with dev/ and heldout/) instead of the labelled set")
	split := fs.String("split", "all", "with -suite: dev, heldout or all")
	ente := fs.String("ente", "", "ente whose policy decides (default: the set's; massa for -suite)")
	format := fs.String("format", "text", "text or markdown; with -suite also floors (a floors.yaml at today's rates)")
	verbose := fs.Bool("v", false, "list every comment or case whose decision differs from its labels")
	classifier := classifierFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	formats := []string{"text", "markdown"}
	if *suite != "" {
		formats = append(formats, "floors")
	}
	if !slices.Contains(formats, *format) {
		fmt.Fprintf(stderr, "galateo eval: -format must be text or markdown (floors only with -suite)\n")
		return exitError(2)
	}
	// With a classifier the comments without signals (all of them) are
	// decided with its scores, as serve would decide them.
	opts, err := classifierOptions(*classifier, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	if *suite != "" {
		return evalSuite(ctx, stdout, stderr, *policies, *suite, *split, *ente, *format, *verbose, opts)
	}
	s, err := quality.Load(*set)
	if err != nil {
		return err
	}
	r, err := quality.Evaluate(ctx, *policies, s, *ente, opts...)
	if err != nil {
		return err
	}
	if *format == "markdown" {
		return quality.WriteMarkdown(stdout, r)
	}
	return quality.WriteText(stdout, r, *verbose)
}

func evalSuite(ctx context.Context, stdout, stderr io.Writer, policies, dir, split, ente, format string, verbose bool, opts []engine.Option) error {
	var splits []string
	switch split {
	case "all":
	case "dev", "heldout":
		splits = []string{split}
	default:
		fmt.Fprintf(stderr, "galateo eval: -split must be dev, heldout or all\n")
		return exitError(2)
	}
	if ente == "" {
		ente = defaultSuiteEnte
	}
	s, err := quality.LoadSuite(dir, splits...)
	if err != nil {
		return err
	}
	r, err := quality.EvaluateSuite(ctx, policies, s, ente, opts...)
	if err != nil {
		return err
	}
	return quality.WriteSuite(stdout, r, format, verbose)
}
