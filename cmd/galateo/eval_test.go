package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const labelledSet = "../../engine/quality/testdata/comments.yaml"

func TestEvalPrintsTheReport(t *testing.T) {
	out, err := runCmd(t, "", "eval", "-policies", policies, "-set", labelledSet, "-v")
	if err != nil {
		t.Fatalf("galateo eval: %v\n%s", err, out)
	}
	for _, want := range []string{
		"ente massa", "category (any violation)", "offensive_language", "personal_data",
		"all categories, certain only", "automatic removal", "hard negatives:", "differ from their labels",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalMarkdownForAnotherEnte(t *testing.T) {
	out, err := runCmd(t, "", "eval", "-policies", policies, "-set", labelledSet, "-ente", "tradate", "-format", "markdown")
	if err != nil {
		t.Fatalf("galateo eval: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "| category | support |") || !strings.Contains(out, "| **automatic removal** |") {
		t.Errorf("markdown report:\n%s", out)
	}
}

func TestEvalRefusesAMalformedSet(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("ente: massa\nchannel: {platform: facebook}\nnow: \"2026-11-24T10:15:00+01:00\"\ncomments:\n  - {id: a, text: x, categories: [insult]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := runCmd(t, "", "eval", "-policies", policies, "-set", bad)
	if err == nil || !strings.Contains(err.Error(), `unknown category "insult"`) {
		t.Errorf("err = %v, want the set refused", err)
	}
	var ex exitError
	for _, args := range [][]string{{"eval", "-format", "html"}, {"eval", "-nope"}} {
		if _, err := runCmd(t, "", args...); !errors.As(err, &ex) || ex != 2 {
			t.Errorf("%v: err = %v, want exit status 2", args, err)
		}
	}
}

const functionalSuite = "../../engine/quality/testdata/functional"

func TestEvalSuitePrintsRatesPerFunctionalityAndGround(t *testing.T) {
	out, err := runCmd(t, "", "eval", "-policies", policies, "-suite", functionalSuite, "-split", "heldout", "-v")
	if err != nil {
		t.Fatalf("galateo eval -suite: %v\n%s", err, out)
	}
	for _, want := range []string{
		"(heldout), ente massa", "| heldout", "functionality", "threat_direct", "counter_speech_quoting",
		"ground", "origine_etnica", "hateful", "allowed", "decided unlike their label",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "| dev") || strings.Contains(out, "(dev/") {
		t.Errorf("-split heldout reports dev cases:\n%s", out)
	}
	md, err := runCmd(t, "", "eval", "-policies", policies, "-suite", functionalSuite, "-split", "dev", "-format", "markdown")
	if err != nil {
		t.Fatalf("galateo eval -suite -format markdown: %v\n%s", err, md)
	}
	if !strings.HasPrefix(md, "| totals | label | dev cases |") || !strings.Contains(md, "| `slur` | hateful |") {
		t.Errorf("markdown report:\n%s", md)
	}
}

func TestEvalSuiteRefusesBadArguments(t *testing.T) {
	var ex exitError
	for _, args := range [][]string{
		{"eval", "-suite", functionalSuite, "-split", "train"},
		{"eval", "-format", "floors"}, // floors only for the suite
		{"eval", "-suite", functionalSuite, "-format", "html"},
	} {
		if _, err := runCmd(t, "", args...); !errors.As(err, &ex) || ex != 2 {
			t.Errorf("%v: err = %v, want exit status 2", args, err)
		}
	}
	if _, err := runCmd(t, "", "eval", "-policies", policies, "-suite", t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.yaml") {
		t.Errorf("err = %v, want an empty suite refused", err)
	}
	if _, err := runCmd(t, "", "eval", "-policies", policies, "-suite", functionalSuite, "-ente", "nowhere"); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("err = %v, want the unknown ente named", err)
	}
}
