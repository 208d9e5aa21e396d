package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/engine/service/replay/replaytest"
	"github.com/galateo/galateo/store"
)

func TestReplay(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	mon := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	ids := seed(t, db,
		request("massa", "c1", "Grazie per l'informazione", mon),
		request("massa", "c2", "Ti spacco la faccia appena ti incontro sul lungomare", mon.Add(time.Minute)),
		request("tradate", "c3", "Quando apre la biblioteca?", mon.Add(2*time.Minute)),
		request("massa", "c4", "Sei uno stronzo", mon.Add(3*time.Minute)),
	)
	modified := replaytest.WithoutEscalation(t, policies)

	t.Run("serving revision", func(t *testing.T) {
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-policies", policies)
		if err != nil {
			t.Fatal(err, out)
		}
		if !strings.HasPrefix(out, "replayed 3 decisions of massa under revision sha256:") ||
			!strings.Contains(out, ": 3 unchanged, 0 changed, 0 skipped\n") || strings.Count(out, "\n") != 1 {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("policies folder from the environment", func(t *testing.T) {
		t.Setenv("GALATEO_POLICIES", modified)
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db)
		if err != nil {
			t.Fatal(err, out)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 || !strings.HasSuffix(lines[0], ": 2 unchanged, 1 changed, 0 skipped") {
			t.Fatalf("output:\n%s", out)
		}
		want := ids[1] + "  2026-11-23T10:16:00Z  remove [threat] actions [escalate remove report_platform] → remove [threat] actions [remove report_platform]"
		if lines[1] != want {
			t.Errorf("change line\n%s\nwant\n%s", lines[1], want)
		}
	})
	t.Run("json", func(t *testing.T) {
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-policies", modified, "-json", "-from", "2026-11-23T10:16:00Z", "-to", "2026-11-23T10:20:00Z")
		if err != nil {
			t.Fatal(err, out)
		}
		var rep replay.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err, out)
		}
		if rep.Ente != "massa" || rep.Replayed != 2 || rep.Changed != 1 || len(rep.Changes) != 1 || rep.Changes[0].DecisionID != ids[1] ||
			!strings.HasPrefix(rep.Revision, "sha256:") || rep.From.IsZero() || rep.To.IsZero() {
			t.Errorf("report %+v", rep)
		}
	})
	t.Run("stored revision", func(t *testing.T) {
		ent, err := engine.LoadEnte(context.Background(), modified, "massa")
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(context.Background(), db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveVersion(context.Background(), store.Version{Revision: ent.Revision, Ente: "massa", Label: ent.Version, Files: ent.Source}); err != nil {
			t.Fatal(err)
		}
		st.Close()
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-revision", ent.Revision)
		if err != nil {
			t.Fatal(err, out)
		}
		if !strings.Contains(out, "under revision "+ent.Revision) || !strings.Contains(out, "2 unchanged, 1 changed") {
			t.Errorf("output:\n%s", out)
		}
		if out, err := runCmd(t, "", "replay", "-ente", "tradate", "-db", db, "-revision", ent.Revision); err == nil || !strings.Contains(err.Error(), "is of ente massa") {
			t.Errorf("revision of another ente: %v\n%s", err, out)
		}
		if out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-revision", "sha256:"+strings.Repeat("0", 64)); err == nil || !strings.Contains(err.Error(), "not in the store") {
			t.Errorf("unknown revision: %v\n%s", err, out)
		}
	})
	t.Run("since", func(t *testing.T) {
		if time.Now().Before(mon.Add(time.Hour)) {
			t.Skip("the clock is before the seeded decisions")
		}
		// A period in minutes that starts between the second and the
		// third decision of massa.
		since := fmt.Sprintf("%dm", int(time.Since(mon.Add(90*time.Second)).Minutes()))
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-policies", policies, "-since", since)
		if err != nil || !strings.HasPrefix(out, "replayed 1 decision of massa") {
			t.Errorf("-since %s: %v\n%s", since, err, out)
		}
		days := fmt.Sprintf("%dd", int(time.Since(mon).Hours()/24)+1)
		out, err = runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-policies", policies, "-since", days)
		if err != nil || !strings.HasPrefix(out, "replayed 3 decisions") {
			t.Errorf("-since %s: %v\n%s", days, err, out)
		}
	})
	t.Run("limit", func(t *testing.T) {
		out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", db, "-policies", policies, "-limit", "2")
		if err != nil || !strings.HasPrefix(out, "replayed 2 decisions") || !strings.Contains(out, "only the newest 2 decisions were read") {
			t.Errorf("-limit 2: %v\n%s", err, out)
		}
	})
	for name, args := range map[string][]string{
		"no ente":              {"replay", "-db", db},
		"revision and folder":  {"replay", "-ente", "massa", "-db", db, "-revision", "sha256:00", "-policies", policies},
		"since and from":       {"replay", "-ente", "massa", "-db", db, "-since", "1d", "-from", "2026-11-23T10:16:00Z"},
		"bad since":            {"replay", "-ente", "massa", "-db", db, "-since", "a week"},
		"bad from":             {"replay", "-ente", "massa", "-db", db, "-from", "yesterday"},
		"empty range":          {"replay", "-ente", "massa", "-db", db, "-from", "2026-11-23T10:16:00Z", "-to", "2026-11-23T10:16:00Z"},
		"limit over the cap":   {"replay", "-ente", "massa", "-db", db, "-limit", "100001"},
		"an argument too many": {"replay", "-ente", "massa", "-db", db, "massa"},
	} {
		t.Run(name, func(t *testing.T) {
			out, err := runCmd(t, "", args...)
			wantExit(t, err, 2, out)
		})
	}
	t.Run("no database", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "missing.db")
		if out, err := runCmd(t, "", "replay", "-ente", "massa", "-db", missing); err == nil || !strings.Contains(err.Error(), "no database at") {
			t.Errorf("err = %v\n%s", err, out)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Error("replay created the database")
		}
	})
}

func TestParseSince(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"30d": 30 * 24 * time.Hour, "1d": 24 * time.Hour, "12h": 12 * time.Hour, "90m": 90 * time.Minute, "1h30m": 90 * time.Minute,
	} {
		if got, err := parseSince(in); err != nil || got != want {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "0d", "-3d", "1.5d", "30", "0h", "a week", "30 d"} {
		if got, err := parseSince(in); err == nil {
			t.Errorf("parseSince(%q) = %v, want an error", in, got)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234: "1,234", 100000: "100,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
