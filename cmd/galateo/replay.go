package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/store"
)

// replayCmd re-evaluates an ente's logged decisions under a revision (of
// the store, or of a policies folder) and prints what would change.
func replayCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	ente := fs.String("ente", "", "the ente whose decisions are replayed (required)")
	revision := fs.String("revision", "", "replay under this revision kept in the store (sha256:...)")
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "replay under the ente's revision in this policies folder, unless -revision is given (env GALATEO_POLICIES)")
	since := fs.String("since", "", "only decisions of the last period: 30d, 12h, 90m")
	from := fs.String("from", "", "only decisions taken at or after this time (RFC 3339)")
	to := fs.String("to", "", "only decisions taken before this time (RFC 3339)")
	limit := fs.Int("limit", replay.DefaultLimit, fmt.Sprintf("at most this many decisions, newest first (at most %d)", replay.MaxLimit))
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	usage := usageError(stderr, "replay")
	set := flagsSet(fs)
	req := replay.Request{Ente: *ente, Limit: *limit}
	var err error
	switch {
	case *ente == "":
		return usage("-ente is required")
	case set["revision"] && set["policies"]:
		return usage("-revision and -policies exclude each other")
	case set["since"] && set["from"]:
		return usage("-since and -from exclude each other")
	case *limit < 1 || *limit > replay.MaxLimit:
		return usage("-limit must be from 1 to %d", replay.MaxLimit)
	}
	if *since != "" {
		d, err := parseSince(*since)
		if err != nil {
			return usage("-since: %v", err)
		}
		req.From = time.Now().Add(-d)
	}
	if *from != "" {
		if req.From, err = engine.ParseInstant(*from); err != nil {
			return usage("-from %q %v", *from, err)
		}
	}
	if *to != "" {
		if req.To, err = engine.ParseInstant(*to); err != nil {
			return usage("-to %q %v", *to, err)
		}
	}
	if !req.From.IsZero() && !req.To.IsZero() && !req.From.Before(req.To) {
		return usage("-to must be later than the start of the range")
	}

	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := requireCurrent(st, *db); err != nil {
		return err
	}
	var ent *engine.Ente
	if *revision != "" {
		ent, err = storedRevision(ctx, st, *ente, *revision)
	} else {
		ent, err = engine.LoadEnte(ctx, *policies, *ente)
	}
	if err != nil {
		return err
	}
	rep, err := replay.Run(ctx, st, ent, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	printReport(stdout, rep)
	return nil
}

// storedRevision compiles a revision of ente kept in the store.
func storedRevision(ctx context.Context, st *store.SQL, ente, revision string) (*engine.Ente, error) {
	files, err := storedFiles(ctx, st, ente, revision)
	if err != nil {
		return nil, err
	}
	return engine.Compile(ctx, ente, files)
}

// storedFiles reads the files of a revision of ente from the store.
func storedFiles(ctx context.Context, st *store.SQL, ente, revision string) (engine.Files, error) {
	v, err := st.Version(ctx, revision)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("revision %s is not in the store: galateo serve keeps every revision it loads", revision)
	case err != nil:
		return nil, fmt.Errorf("read revision %s: %w", revision, err)
	case v.Ente != ente:
		return nil, fmt.Errorf("revision %s is of ente %s, not %s", revision, v.Ente, ente)
	}
	return engine.Files(v.Files), nil
}

// usageError returns what a command answers a misuse with: the message on
// stderr and exit status 2.
func usageError(stderr io.Writer, cmd string) func(format string, a ...any) error {
	return func(format string, a ...any) error {
		fmt.Fprintf(stderr, "galateo "+cmd+": "+format+"\n", a...)
		return exitError(2)
	}
}

// flagsSet names the flags given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// parseSince reads a period back from now: a whole number of days ("30d"),
// or anything time.ParseDuration reads ("12h", "90m"), which has no days.
func parseSince(s string) (time.Duration, error) {
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, fmt.Errorf("%q is not a period such as 30d, 12h or 90m", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("%q is not a period such as 30d, 12h or 90m", s)
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q is not a period after zero", s)
	}
	return d, nil
}

// printReport writes the summary, one line per changed decision, then one
// per decision a person changed since.
func printReport(w io.Writer, rep *replay.Report) {
	version := ""
	if rep.Version != "" {
		version = " (version " + rep.Version + ")"
	}
	fmt.Fprintf(w, "replayed %s of %s under revision %s%s: %s unchanged, %s changed, %s skipped\n",
		count(rep.Replayed, "decision", "decisions"), rep.Ente, rep.Revision, version,
		thousands(rep.Same), thousands(rep.Changed), thousands(rep.Skipped))
	if rep.Skipped > 0 {
		fmt.Fprintf(w, "skipped: %s whose input retention purged\n", count(rep.Skipped, "decision", "decisions"))
	}
	if rep.Truncated {
		fmt.Fprintf(w, "only the newest %s were read: more match; narrow the range or raise -limit\n",
			count(rep.Replayed+rep.Skipped, "decision", "decisions"))
	}
	for _, c := range rep.Changes {
		stored, replayed := describeChange(c.Stored, c.Replayed)
		fmt.Fprintf(w, "%s  %s  %s → %s\n", c.DecisionID, c.DecidedAt.UTC().Format(time.RFC3339), stored, replayed)
	}
	if len(rep.ByPerson) > 0 {
		fmt.Fprintf(w, "changed by a person since (the rules proposed, the person decided, this revision proposes):\n")
		for _, c := range rep.ByPerson {
			fmt.Fprintf(w, "%s  %s  %s, person %s, now %s\n", c.DecisionID, c.DecidedAt.UTC().Format(time.RFC3339), c.Proposed, c.Effective, c.Replayed)
		}
	}
}

// describeChange writes both outcomes with their categories, and their
// actions or rules too where those are what differs.
func describeChange(a, b engine.Outcome) (string, string) {
	describe := func(o, other engine.Outcome) string {
		s := o.Outcome + " [" + strings.Join(o.Categories, " ") + "]"
		if strings.Join(o.Actions, " ") != strings.Join(other.Actions, " ") {
			s += " actions [" + strings.Join(o.Actions, " ") + "]"
		}
		if strings.Join(o.Rules, " ") != strings.Join(other.Rules, " ") {
			s += " rules [" + strings.Join(o.Rules, " ") + "]"
		}
		return s
	}
	return describe(a, b), describe(b, a)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands writes n with commas between thousands: 1,234.
func thousands(n int) string {
	if n < 0 {
		return "-" + thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
