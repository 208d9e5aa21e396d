package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

const policies = "../../policies"

func runCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestDecideOne(t *testing.T) {
	req := `{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Sei uno stronzo"},"now":"2026-11-23T10:15:00+01:00"}`
	out, err := runCmd(t, req, "decide", "-policies", policies)
	if err != nil {
		t.Fatal(err, out)
	}
	var d engine.Decision
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err, out)
	}
	if d.Outcome != "remove" || len(d.Violations) != 1 {
		t.Errorf("decision = %+v", d)
	}
}

// TestDecideShowsFacts: -facts gives the facts the policy judged, with
// the grammar of the ente's language.
func TestDecideShowsFacts(t *testing.T) {
	req := `{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Ho deciso di andare sotto casa dell'assessore e spaccargli la testa"},"now":"2026-11-23T10:15:00+01:00"}`
	out, err := runCmd(t, req, "decide", "-policies", policies, "-facts")
	if err != nil {
		t.Fatal(err, out)
	}
	var doc struct {
		Decision engine.Decision
		Facts    struct {
			Tokens []struct {
				Text     string
				Lemmas   []string
				Clitics  []string
				Clause   int
				Analyses []struct{ Lemma, Mood string }
			}
			Clauses []struct{ Start, End, Sentence int }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err, out)
	}
	if doc.Decision.Outcome == "" || len(doc.Facts.Clauses) == 0 {
		t.Fatalf("no decision or no clauses: %s", out)
	}
	found := false
	for _, tk := range doc.Facts.Tokens {
		if tk.Text != "spaccargli" {
			continue
		}
		found = slices.Contains(tk.Lemmas, "spaccare") && slices.Equal(tk.Clitics, []string{"gli"}) &&
			slices.ContainsFunc(tk.Analyses, func(a struct{ Lemma, Mood string }) bool {
				return a.Lemma == "spaccare" && a.Mood == "infinitive"
			})
	}
	if !found {
		t.Errorf("spaccargli is not read as spaccare + gli: %s", out)
	}
}

func TestDecideJSONLinesKeepsGoingPastBadLines(t *testing.T) {
	in := strings.Join([]string{
		`{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Grazie!"}}`,
		`{"ente":"massa", not json`,
		`{"ente":"chiusi","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"ciao"}}`,
		`{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"vaffanculo"}}`,
	}, "\n")
	out, err := runCmd(t, in, "decide", "-policies", policies, "-jsonl")
	var ex exitError
	if !errors.As(err, &ex) || ex != 1 {
		t.Fatalf("err = %v, want exit status 1 for the bad lines", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var outcomes []string
	for _, l := range lines {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) != nil {
			continue // the summary on stderr
		}
		if o, ok := m["outcome"].(string); ok {
			outcomes = append(outcomes, o)
		} else if m["error"] != nil {
			outcomes = append(outcomes, "error@"+strings.Split(l, ",")[0])
		}
	}
	want := []string{"allow", `error@{"line":2`, `error@{"line":3`, "remove"}
	if strings.Join(outcomes, "|") != strings.Join(want, "|") {
		t.Errorf("outcomes = %v, want %v\n%s", outcomes, want, out)
	}
}

func TestTestCommandPasses(t *testing.T) {
	out, err := runCmd(t, "", "test", "-policies", policies, "-fixtures", "../../fixtures")
	if err != nil {
		t.Fatalf("galateo test: %v\n%s", err, out)
	}
	if !strings.Contains(out, "rego: ") || !strings.Contains(out, "fixtures: ") {
		t.Errorf("report lacks rego or fixtures summary:\n%s", out)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, err := runCmd(t, "", "frobnicate")
	var ex exitError
	if !errors.As(err, &ex) || ex != 2 {
		t.Errorf("err = %v, want exit status 2", err)
	}
}

// TestDecideReadsStrictly: galateo decide refuses what the API refuses,
// naming the field, instead of deciding something else than was written.
func TestDecideReadsStrictly(t *testing.T) {
	dup := `{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"a"},"ente":"tradate"}`
	if out, err := runCmd(t, dup, "decide", "-policies", policies); err == nil || !strings.Contains(err.Error(), "ente") {
		t.Errorf("a duplicate ente was decided: %v\n%s", err, out)
	}
	const good = `"channel":{"platform":"facebook"},"content":{"kind":"comment","text":"a"`
	in := strings.Join([]string{
		`{"ENTE":"massa",` + good + `}}`,
		`{"ente":"massa",` + good + `,"id":"a\u0000b"}}`,
		`{"ente":"massa",` + good + `,"text2":"x"}}`,
		`{"ente":"massa",` + good + `},"now":"0000-01-01T00:00:00Z"}`,
		`{"ente":"massa",` + good + `}}`,
	}, "\n")
	out, err := runCmd(t, in, "decide", "-policies", policies, "-jsonl")
	var ex exitError
	if !errors.As(err, &ex) || ex != 1 {
		t.Fatalf("err = %v, want exit status 1 for the bad lines\n%s", err, out)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m struct {
			Outcome string              `json:"outcome"`
			Fields  []engine.FieldError `json:"errors"`
		}
		if json.Unmarshal([]byte(l), &m) != nil {
			continue // the summary on stderr
		}
		if m.Outcome != "" {
			got = append(got, m.Outcome)
		}
		for _, f := range m.Fields {
			got = append(got, f.Field)
		}
	}
	want := "ENTE content.id content.text2 now allow"
	if strings.Join(got, " ") != want {
		t.Errorf("lines answered %q, want %q\n%s", strings.Join(got, " "), want, out)
	}
}

// TestDecideLoadsWhatItNeeds: decide compiles the ente a request names, so
// another ente that does not compile stands in nobody's way; a request for
// the broken one is refused naming the enti that do load.
func TestDecideLoadsWhatItNeeds(t *testing.T) {
	dir, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa", "tradate")
	reloadtest.Edit(t, filepath.Join(dir, "enti", "tradate", "policy.rego"), "package galateo.enti.tradate", "package galateo.enti.tradate\n\nbroken := {")
	const req = `{"ente":"%s","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Sei uno stronzo"},"now":"2026-11-23T10:15:00+01:00"}`
	out, err := runCmd(t, fmt.Sprintf(req, "massa"), "decide", "-policies", dir)
	if err != nil || !strings.Contains(out, `"outcome": "remove"`) {
		t.Fatalf("massa beside a broken tradate: %v\n%s", err, out)
	}
	out, err = runCmd(t, fmt.Sprintf(req, "tradate"), "decide", "-policies", dir)
	if err == nil || !strings.Contains(err.Error(), `unknown ente "tradate" (known: [massa])`) {
		t.Fatalf("the broken tradate: %v\n%s", err, out)
	}
}

// TestDecideRecords: with -db, galateo decide decides and records through
// the same service as POST /decide: a content decided again under the same
// revision is answered from the log, the author's history counts what was
// recorded, and the log verifies.
func TestDecideRecords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	insult := func(id string) string {
		return `{"ente":"massa","channel":{"platform":"facebook"},"content":{"id":"` + id + `","kind":"comment","text":"Sei uno stronzo"},"author":{"id":"fb:7"},"now":"2026-11-23T10:15:00+01:00"}`
	}
	decided := func(id string) engine.Decision {
		t.Helper()
		out, err := runCmd(t, insult(id), "decide", "-policies", policies, "-db", db)
		if err != nil {
			t.Fatal(err, out)
		}
		var d engine.Decision
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err, out)
		}
		return d
	}
	first, again, other := decided("c1"), decided("c1"), decided("c2")
	if first.Outcome != "remove" || again.DecisionID != first.DecisionID {
		t.Errorf("the same content decided twice: %s then %s, want the logged decision again", first.DecisionID, again.DecisionID)
	}
	// author.violations counts the author's violations with this one.
	if other.DecisionID == first.DecisionID || first.Author.Violations != 1 || other.Author.Violations != 2 {
		t.Errorf("another content of the same author: %s with %d violations after %d, want a new decision counting 2 after 1",
			other.DecisionID, other.Author.Violations, first.Author.Violations)
	}
	if out, err := runCmd(t, "", "audit", "verify", "-db", db); err != nil {
		t.Fatal(err, out)
	}
	if out, err := runCmd(t, insult("c3"), "decide", "-policies", policies, "-db", db, "-facts"); err == nil {
		t.Errorf("-facts with -db was accepted: %s", out)
	}
}
