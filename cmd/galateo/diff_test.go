package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/store"
)

const fixturesRoot = "../../fixtures"

// Tradate's threat rule, and the same without escalation: the edit the
// tests of galateo diff make, which changes one fixture's decision.
const (
	tradateThreat           = "threat: {outcome: remove, severity: grave, actions: [remove, escalate]}"
	tradateThreatNoEscalate = "threat: {outcome: remove, severity: grave, actions: [remove]}"
	threatFixture           = "tradate/016_minaccia.yaml"
	threatText              = "Se chiudete il corso per tre settimane vengo in Comune e vi ammazzo."
)

// withoutEscalation edits Tradate's data in the policies folder root.
func withoutEscalation(t *testing.T, root string) {
	t.Helper()
	p := filepath.Join(root, "enti", "tradate", "data.yaml")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(raw), tradateThreat) != 1 {
		t.Fatalf("%s has no %q: update the test to the policy", p, tradateThreat)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(raw), tradateThreat, tradateThreatNoEscalate, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyPolicies copies the project's policies into dir.
func copyPolicies(t *testing.T, dir string) string {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS(policies)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func diffJSON(t *testing.T, args ...string) diff.Report {
	t.Helper()
	out, err := runCmd(t, "", append([]string{"diff", "-json", "-fixtures", fixturesRoot}, args...)...)
	if err != nil {
		t.Fatal(err, out)
	}
	var rep diff.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	return rep
}

func changeIDs(changes []diff.Change) []string {
	out := []string{}
	for _, c := range changes {
		out = append(out, c.ID)
	}
	return out
}

// wantThreatChange checks a report of the edit: one parameter, one
// fixture, both named.
func wantThreatChange(t *testing.T, rep diff.Report) {
	t.Helper()
	if rep.Ente != "tradate" || len(rep.Data.Parameters) != 1 || rep.Data.Parameters[0].Path != "categories.threat.actions" ||
		len(rep.Files) != 1 || rep.Files[0].Path != "enti/tradate/data.yaml" || len(rep.Text) != 0 {
		t.Errorf("files %+v, parameters %+v, text %d", rep.Files, rep.Data.Parameters, len(rep.Text))
	}
	b := rep.Behaviour
	if b == nil || b.FixturesRun < 30 || !slices.Equal(changeIDs(b.Fixtures), []string{threatFixture}) {
		t.Fatalf("behaviour %+v", b)
	}
	if c := b.Fixtures[0]; !slices.Equal(c.From.Actions, []string{"escalate", "remove"}) || !slices.Equal(c.To.Actions, []string{"remove"}) {
		t.Errorf("fixture change %+v", c)
	}
	if rep.From.Revision == rep.To.Revision || !strings.HasPrefix(rep.From.Revision, "sha256:") || rep.To.Version != "1.1 del 18/06/2021" {
		t.Errorf("sides %+v, %+v", rep.From, rep.To)
	}
}

func revisionOf(t *testing.T, root, ente string) string {
	t.Helper()
	rev, _, err := engine.Revision(root, ente)
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// TestDiffFolders: two policies folders, one with a parameter changed, in
// text and in JSON.
func TestDiffFolders(t *testing.T) {
	modified := copyPolicies(t, t.TempDir())
	withoutEscalation(t, modified)

	out, err := runCmd(t, "", "diff", "-ente", "tradate", "-from", policies, "-to", modified, "-fixtures", fixturesRoot)
	if err != nil {
		t.Fatal(err, out)
	}
	for _, want := range []string{
		"Policy comparison for tradate\n",
		"From: version \"1.1 del 18/06/2021\", ref " + policies + ", revision " + revisionOf(t, policies, "tradate") + "\n",
		"To:   version \"1.1 del 18/06/2021\", ref " + modified + ", revision " + revisionOf(t, modified, "tradate") + "\n",
		"  1 file changed.\n",
		"  1 parameter changed.\n",
		"categories.threat.actions: item \"escalate\" removed\n",
		"changes its decision:\n  " + threatFixture + " — Minaccia a un dipendente",
		"    before: remove (categories: threat; actions: escalate, remove)\n    after:  remove (categories: threat; actions: remove)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	rep := diffJSON(t, "-ente", "tradate", "-from", policies, "-to", modified)
	wantThreatChange(t, rep)
	if rep.From.Ref != policies || rep.To.Ref != modified || rep.Behaviour.DecisionsReplayed != 0 {
		t.Errorf("refs %q %q, %d decisions replayed without -since", rep.From.Ref, rep.To.Ref, rep.Behaviour.DecisionsReplayed)
	}

	// -to defaults to -policies, read from the environment too.
	t.Setenv("GALATEO_POLICIES", modified)
	rep = diffJSON(t, "-ente", "tradate", "-from", policies)
	wantThreatChange(t, rep)
	if rep.To.Ref != modified {
		t.Errorf("to %q, want the policies folder %s", rep.To.Ref, modified)
	}

	// No fixtures: the behaviour has none.
	out, err = runCmd(t, "", "diff", "-json", "-ente", "tradate", "-from", policies, "-fixtures", "")
	if err != nil {
		t.Fatal(err, out)
	}
	var plain diff.Report
	if err := json.Unmarshal([]byte(out), &plain); err != nil || plain.Behaviour == nil || plain.Behaviour.FixturesRun != 0 {
		t.Errorf("without fixtures: %v %+v", err, plain.Behaviour)
	}
}

// TestDiffGitRefs: refs of the repository that holds the policies folder
// name the folder as it was committed.
func TestDiffGitRefs(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	repo := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=Galateo", "-c", "user.email=galateo@example.org",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	// The policies in a sub-folder, as in this project.
	folder := copyPolicies(t, filepath.Join(repo, "rules", "policies"))
	run("add", ".")
	run("commit", "-q", "-m", "policies as adopted")
	run("tag", "adopted")
	withoutEscalation(t, folder)
	run("commit", "-q", "-a", "-m", "threats no longer escalated")
	head := run("rev-parse", "HEAD")

	rep := diffJSON(t, "-ente", "tradate", "-policies", folder, "-from", "adopted", "-to", "HEAD")
	wantThreatChange(t, rep)
	if rep.From.Ref != "adopted" || rep.To.Ref != "HEAD" || rep.From.Revision != revisionOf(t, policies, "tradate") ||
		rep.To.Revision != revisionOf(t, folder, "tradate") {
		t.Errorf("sides %+v, %+v", rep.From, rep.To)
	}
	// A commit id and the working folder (the default -to), with a
	// change not committed yet: the folder is read as it is.
	revert := filepath.Join(folder, "enti", "tradate", "data.yaml")
	raw, err := os.ReadFile(revert)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(revert, []byte(strings.Replace(string(raw), tradateThreatNoEscalate, tradateThreat, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = diffJSON(t, "-ente", "tradate", "-policies", folder, "-from", head[:10])
	if rep.To.Ref != folder || rep.To.Revision != revisionOf(t, policies, "tradate") || len(rep.Behaviour.Fixtures) != 1 ||
		!slices.Equal(rep.Behaviour.Fixtures[0].To.Actions, []string{"escalate", "remove"}) {
		t.Errorf("from a commit to the working folder: %+v, %+v, %+v", rep.From, rep.To, rep.Behaviour)
	}
	// The same ref on both sides: nothing changes.
	if rep := diffJSON(t, "-ente", "massa", "-policies", folder, "-from", "adopted", "-to", "main~1"); rep.HasChanges() || rep.From.Revision != rep.To.Revision {
		t.Errorf("same commit: %+v", rep)
	}

	for name, c := range map[string]struct {
		args []string
		msg  string
	}{
		"unknown ref":     {[]string{"-from", "no-such-tag"}, "-from no-such-tag: not a revision (sha256:...), a folder or a git ref of the repository"},
		"option as a ref": {[]string{"-from", "--output=x"}, "not a revision (sha256:...), a folder or a git ref"},
		"ente not in ref": {[]string{"-ente", "atlantide", "-from", "adopted"}, "no ente atlantide in this policies folder"},
	} {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"diff", "-fixtures", "", "-ente", "tradate", "-policies", folder}, c.args...)
			out, err := runCmd(t, "", args...)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %q\n%s", err, c.msg, out)
			}
		})
	}
	t.Run("no repository", func(t *testing.T) {
		outside := copyPolicies(t, t.TempDir())
		out, err := runCmd(t, "", "diff", "-fixtures", "", "-ente", "tradate", "-policies", outside, "-from", "HEAD")
		if err == nil || !strings.Contains(err.Error(), "is not in a git repository") {
			t.Errorf("err = %v\n%s", err, out)
		}
	})
}

// TestDiffStore: revisions kept in the store, and logged decisions of the
// last period that would change.
func TestDiffStore(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "galateo.db")
	recent := time.Now().Add(-time.Hour).Truncate(time.Second)
	ids := seed(t, db,
		request("tradate", "t1", threatText, recent),
		request("tradate", "t2", "Quando apre la biblioteca?", recent.Add(time.Minute)),
		request("massa", "m1", "Ti spacco la faccia appena ti incontro sul lungomare", recent.Add(2*time.Minute)),
		request("tradate", "t3", threatText+" Davvero.", recent.Add(-10*24*time.Hour)),
	)
	modifiedDir := copyPolicies(t, t.TempDir())
	withoutEscalation(t, modifiedDir)
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var revs []string
	for _, root := range []string{policies, modifiedDir} {
		ent, err := engine.LoadEnte(ctx, root, "tradate")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveVersion(ctx, store.Version{Revision: ent.Revision, Ente: ent.ID, Label: ent.Version, Files: ent.Source}); err != nil {
			t.Fatal(err)
		}
		revs = append(revs, ent.Revision)
	}
	st.Close()

	rep := diffJSON(t, "-ente", "tradate", "-db", db, "-from", revs[0], "-to", revs[1])
	wantThreatChange(t, rep)
	if rep.From.Ref != revs[0] || rep.From.Revision != revs[0] || rep.To.Revision != revs[1] || rep.Behaviour.DecisionsReplayed != 0 {
		t.Errorf("sides %+v %+v, %d decisions replayed", rep.From, rep.To, rep.Behaviour.DecisionsReplayed)
	}

	// The last two days of the log: the threat of an hour ago changes,
	// the question does not, Massa's and the older threat are not read.
	rep = diffJSON(t, "-ente", "tradate", "-db", db, "-from", revs[0], "-to", modifiedDir, "-since", "2d")
	wantThreatChange(t, rep)
	b := rep.Behaviour
	if b.DecisionsReplayed != 2 || !slices.Equal(changeIDs(b.Decisions), []string{ids[0]}) || b.Skipped != 0 ||
		b.Since.After(recent) || b.Since.Before(recent.Add(-3*24*time.Hour)) {
		t.Errorf("decisions %v, %d replayed, %d skipped, since %v", changeIDs(b.Decisions), b.DecisionsReplayed, b.Skipped, b.Since)
	}
	if c := b.Decisions[0]; !strings.Contains(c.Description, "content t1") || !slices.Equal(c.From.Actions, []string{"escalate", "remove"}) ||
		!slices.Equal(c.To.Actions, []string{"remove"}) {
		t.Errorf("decision change %+v", c)
	}
	rep = diffJSON(t, "-ente", "tradate", "-db", db, "-from", policies, "-to", revs[1], "-since", "30d", "-limit", "1")
	if b := rep.Behaviour; b.DecisionsReplayed != 1 || len(b.Decisions) != 0 {
		t.Errorf("-limit 1: the newest, the question, alone: %+v", b)
	}
	out, err := runCmd(t, "", "diff", "-ente", "tradate", "-db", db, "-from", revs[0], "-to", revs[1], "-since", "30d", "-fixtures", "")
	if err != nil {
		t.Fatal(err, out)
	}
	for _, want := range []string{
		"2 of 3 logged decisions replayed since ",
		ids[0] + " — content t1, decided ",
		ids[3] + " — content t3, decided ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	for name, c := range map[string]struct {
		args []string
		msg  string
	}{
		"unknown revision":         {[]string{"-from", "sha256:" + strings.Repeat("0", 64)}, "is not in the store"},
		"revision of another ente": {[]string{"-ente", "massa", "-from", revs[0]}, "is of ente tradate, not massa"},
		"unknown ente in a folder": {[]string{"-ente", "atlantide", "-from", policies}, "-from " + policies + ": no ente atlantide in this policies folder"},
		"unknown ente, a revision": {[]string{"-ente", "atlantide", "-from", revs[0]}, "is of ente tradate, not atlantide"},
	} {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"diff", "-fixtures", "", "-ente", "tradate", "-db", db, "-policies", policies}, c.args...)
			out, err := runCmd(t, "", args...)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %q\n%s", err, c.msg, out)
			}
		})
	}
	t.Run("no database", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "missing.db")
		for _, args := range [][]string{
			{"-from", revs[0]},
			{"-from", policies, "-since", "1d"},
		} {
			out, err := runCmd(t, "", append([]string{"diff", "-fixtures", "", "-ente", "tradate", "-db", missing, "-policies", policies}, args...)...)
			if err == nil || !strings.Contains(err.Error(), "no database at") {
				t.Errorf("%v: err = %v\n%s", args, err, out)
			}
		}
		if _, err := os.Stat(missing); err == nil {
			t.Error("diff created the database")
		}
		// Folders alone need no database.
		if out, err := runCmd(t, "", "diff", "-fixtures", "", "-ente", "tradate", "-db", missing, "-from", policies, "-to", policies); err != nil ||
			!strings.Contains(out, "No change: the two versions have the same files.") {
			t.Errorf("folders without a database: %v\n%s", err, out)
		}
	})
}

// TestDiffUsage: what galateo diff cannot run is a usage error.
func TestDiffUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"no ente":              {"-from", policies},
		"bad ente":             {"-ente", "../massa", "-from", policies},
		"no from":              {"-ente", "tradate"},
		"empty to":             {"-ente", "tradate", "-from", policies, "-to", ""},
		"bad since":            {"-ente", "tradate", "-from", policies, "-since", "a week"},
		"limit without since":  {"-ente", "tradate", "-from", policies, "-limit", "5"},
		"limit over the cap":   {"-ente", "tradate", "-from", policies, "-since", "1d", "-limit", "100001"},
		"unknown flag":         {"-ente", "tradate", "-from", policies, "-revision", "sha256:00"},
		"an argument too many": {"-ente", "tradate", "-from", policies, "tradate"},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := runCmd(t, "", append([]string{"diff", "-fixtures", ""}, args...)...)
			wantExit(t, err, 2, out)
		})
	}
	t.Run("missing fixtures folder", func(t *testing.T) {
		out, err := runCmd(t, "", "diff", "-ente", "tradate", "-from", policies, "-to", policies, "-fixtures", filepath.Join(t.TempDir(), "none"))
		if err == nil || !strings.Contains(err.Error(), `give -fixtures "" to compare without fixtures`) {
			t.Errorf("err = %v\n%s", err, out)
		}
	})
	t.Run("help", func(t *testing.T) {
		out, err := runCmd(t, "", "help")
		if err != nil || !strings.Contains(out, "galateo diff    -ente id -from A") {
			t.Errorf("usage lacks galateo diff: %v\n%s", err, out)
		}
	})
}
