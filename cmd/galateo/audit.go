package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// audit verifies the audit log's chains (and signed checkpoints), applies
// retention once, or makes and signs checkpoints.
func audit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	action, rest, err := parseAction(args, stderr, "audit", "verify", "purge", "keygen", "checkpoint")
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("audit "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if action == "keygen" {
		return keygen(fs, rest, stdout)
	}
	db := dbFlag(fs)
	ente := fs.String("ente", "", "verify: only this ente's chain")
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "purge: policies folder, for each ente's retention_days (env GALATEO_POLICIES)")
	cp := checkpointFlags(fs, action)
	if err := fs.Parse(rest); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := requireCurrent(st, *db); err != nil {
		return err
	}
	switch action {
	case "verify":
		chainErr := verify(ctx, st, *ente, stdout)
		if cp.file == "" {
			return chainErr
		}
		return cmp.Or(verifyCheckpoints(ctx, st, cp, *ente, stdout), chainErr)
	case "checkpoint":
		return takeCheckpoints(ctx, st, cp, stdout)
	}
	return purge(ctx, st, *policies, stdout, stderr)
}

// verify walks the chains and prints each ente's record count and, for a
// broken chain, its first bad record. Exit status 1 when any chain is broken.
func verify(ctx context.Context, st *store.SQL, ente string, stdout io.Writer) error {
	counts, err := countRecords(ctx, st, ente)
	if err != nil {
		return err
	}
	rep, err := st.Verify(ctx, ente)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	bad := map[string]store.Problem{}
	for _, p := range rep.Problems {
		bad[p.Ente] = p
		if _, ok := counts[p.Ente]; !ok {
			counts[p.Ente] = 0 // every record of the chain is gone
		}
	}
	var total int64
	for _, e := range slices.Sorted(maps.Keys(counts)) {
		total += counts[e]
		p, broken := bad[e]
		switch {
		case !broken:
			fmt.Fprintf(stdout, "%s: %s, chain intact\n", e, records(counts[e]))
		case p.DecisionID != "":
			fmt.Fprintf(stdout, "%s: %s, first bad record: seq %d, decision %s: %s\n", e, records(counts[e]), p.Seq, p.DecisionID, p.Reason)
		default:
			fmt.Fprintf(stdout, "%s: %s, first bad record: seq %d: %s\n", e, records(counts[e]), p.Seq, p.Reason)
		}
	}
	if len(counts) == 0 {
		what := "the audit log"
		if ente != "" {
			what = "ente " + ente
		}
		fmt.Fprintf(stdout, "%s has no records\n", what)
	}
	if len(rep.Problems) > 0 {
		fmt.Fprintf(stdout, "FAIL: %d of %d chains broken (%s)\n", len(rep.Problems), len(counts), records(total))
		return exitError(1)
	}
	fmt.Fprintf(stdout, "ok: %d chains, %s\n", len(counts), records(total))
	return nil
}

// countRecords counts the records of each ente ("" for all) as they are
// in the log, a page at a time.
func countRecords(ctx context.Context, st *store.SQL, ente string) (map[string]int64, error) {
	counts := map[string]int64{}
	f := store.Filter{Ente: ente, Kind: store.KindAny, Limit: 500}
	for {
		recs, next, err := st.List(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("count records: %w", err)
		}
		for _, r := range recs {
			counts[r.Ente]++
		}
		if next == "" {
			return counts, nil
		}
		f.Cursor = next
	}
}

// purge applies each loaded ente's retention once and prints what it did.
func purge(ctx context.Context, st *store.SQL, policies string, stdout, stderr io.Writer) error {
	eng, err := engine.Load(ctx, policies)
	if err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(eng.Failed())) {
		fmt.Fprintf(stderr, "galateo audit purge: ente %s did not load, its retention is not applied: %v\n", id, eng.Failed()[id])
	}
	done, err := retain(ctx, st, eng.Enti(), time.Now())
	byEnte := map[string]purged{}
	var total int64
	for _, p := range done {
		byEnte[p.Ente] = p
		total += p.Records
	}
	for _, e := range eng.Enti() {
		p, ok := byEnte[e.ID]
		switch {
		case e.RetentionDays <= 0:
			fmt.Fprintf(stdout, "%s: no retention_days, input kept\n", e.ID)
		case ok:
			fmt.Fprintf(stdout, "%s: %s purged (retention %d days: decided before %s)\n",
				e.ID, records(p.Records), p.Days, p.Before.UTC().Format(time.RFC3339))
		}
	}
	if err != nil {
		return err
	}
	if len(eng.Failed()) > 0 {
		fmt.Fprintf(stdout, "%s purged; %d enti not loaded\n", records(total), len(eng.Failed()))
		return exitError(1)
	}
	fmt.Fprintf(stdout, "%s purged\n", records(total))
	return nil
}

func records(n int64) string {
	if n == 1 {
		return "1 record"
	}
	return fmt.Sprintf("%d records", n)
}
