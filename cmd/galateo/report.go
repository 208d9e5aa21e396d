package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/report"
)

// reportCmd prints an ente's transparency report for a month (or a period)
// from the audit log, as the open-data CSV or as JSON.
func reportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	ente := fs.String("ente", "", "the ente (required)")
	month := fs.String("month", "", "the month, YYYY-MM, in Italian time (or -from and -to)")
	fromFlag := fs.String("from", "", "start of the period (RFC 3339), with -to")
	toFlag := fs.String("to", "", "end of the period, excluded (RFC 3339)")
	format := fs.String("format", "csv", "csv (docs/transparency.md) or json")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	bad := usageError(stderr, "report")
	if *ente == "" {
		return bad("-ente is required")
	}
	if *format != "csv" && *format != "json" {
		return bad("-format must be csv or json, not %q", *format)
	}
	var from, to time.Time
	switch {
	case *month != "" && (*fromFlag != "" || *toFlag != ""):
		return bad("give -month or -from and -to, not both")
	case *month != "":
		rome, err := time.LoadLocation("Europe/Rome")
		if err != nil {
			return err
		}
		if from, to, err = report.Month(*month, rome); err != nil {
			return bad("%v", err)
		}
	case *fromFlag != "" && *toFlag != "":
		var err error
		if from, err = engine.ParseInstant(*fromFlag); err != nil {
			return bad("-from: %v", err)
		}
		if to, err = engine.ParseInstant(*toFlag); err != nil {
			return bad("-to: %v", err)
		}
		if !from.Before(to) {
			return bad("-to must be later than -from")
		}
	default:
		return bad("give -month YYYY-MM, or -from and -to")
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := requireCurrent(st, *db); err != nil {
		return err
	}
	rep, err := report.Build(ctx, st, *ente, from, to)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return rep.WriteCSV(stdout)
}
