package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/galateo/galateo/engine/quality"
)

// defaultSet is the labelled set of the Comune di Massa's pages.
const defaultSet = "engine/quality/testdata/comments.yaml"

// eval runs a labelled set of comments through the real engine and prints
// precision, recall and F1 per category and for automatic removal. It is a
// report, not a gate: the exit status is 0 unless the set or the policies
// cannot be read (engine/quality's tests hold the floors).
func eval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "policies folder (env GALATEO_POLICIES)")
	set := fs.String("set", defaultSet, "labelled set (YAML)")
	ente := fs.String("ente", "", "ente whose policy decides (default: the set's)")
	format := fs.String("format", "text", "text or markdown")
	verbose := fs.Bool("v", false, "list every comment whose decision differs from its labels")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if *format != "text" && *format != "markdown" {
		fmt.Fprintf(stderr, "galateo eval: -format must be text or markdown\n")
		return exitError(2)
	}
	s, err := quality.Load(*set)
	if err != nil {
		return err
	}
	r, err := quality.Evaluate(ctx, *policies, s, *ente)
	if err != nil {
		return err
	}
	if *format == "markdown" {
		return quality.WriteMarkdown(stdout, r)
	}
	return quality.WriteText(stdout, r, *verbose)
}
