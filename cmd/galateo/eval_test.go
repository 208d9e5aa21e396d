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
