// Command galateo runs the social media policies of Italian public bodies as
// code: it serves decisions over HTTP and records them in the audit log,
// decides from the command line, tests policies and fixtures, migrates the
// database, verifies the audit log and measures the quality of decisions on
// a labelled set of comments.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // Europe/Rome on machines without a zoneinfo database
)

const usage = `galateo — social media policies of Italian public bodies, as code

Usage:
  galateo serve   [-addr 127.0.0.1:8080] [-policies policies] [-fixtures fixtures] [-db galateo.db]
                  [-watch=true|false] [-key-file galateo.key] [-rate 20] [-burst 40]
                  [-insecure-no-auth] [-classifier classifier.yaml] [-eval-timeout 2s]
                  [-checkpoint-key file -checkpoints file [-checkpoint-every 1h]]
                  [-meta meta.yaml [-meta-every 1s]] [-webhook-every 2s] [-webhook-private-networks]
                  run the decision API, recording every decision in the audit log; a
                  revision serves only once its Rego tests and fixtures pass, and a
                  changed policies folder is reloaded (watcher, POST /admin/reload).
                  Every request but /healthz, /readyz, /openapi.yaml and /problems/*
                  needs an API key; with none in the database, serve listens on
                  loopback only and writes a first admin key to -key-file
  galateo keys    create -name NAME -enti massa,tradate|'*' -roles decide,audit,admin [-db galateo.db]
                  make an API key; it is printed once, on stdout
  galateo keys    list [-db galateo.db] | revoke [-db galateo.db] ID
                  list the API keys (never a key itself); revoke one
  galateo decide  [-policies policies] [-jsonl] [-classifier classifier.yaml] [-facts | -db galateo.db] [file]
                  decide one request (or JSON Lines); without -db it records nothing and sees
                  no history; with -db it decides and records as POST /decide does
  galateo test    [-policies policies] [-fixtures fixtures] [-v]
                  run Rego tests and fixtures
  galateo migrate up|down|version [-db galateo.db]
                  migrate the database schema; print its version
  galateo audit   verify [-db galateo.db] [-ente id] [-checkpoints file [-pubkey ed25519:...]]
                  verify the audit log's hash chains, and that each signed checkpoint still
                  holds; exit status 1 when one is broken
  galateo audit   keygen -out file
                  write a checkpoint signing key (mode 0600) and print its public key
  galateo audit   checkpoint [-db galateo.db] -key file -out checkpoints
                  sign each ente's chain head and append it to the checkpoints file
  galateo audit   purge [-db galateo.db] [-policies policies]
                  apply each ente's retention_days once
  galateo replay  -ente id [-revision sha256:...|-policies policies] [-since 30d|-from T] [-to T]
                  [-limit n] [-json] [-db galateo.db]
                  re-evaluate the ente's logged decisions under a revision; list those that change
  galateo diff    -ente id -from A [-to B] [-since 30d] [-limit n] [-json] [-db galateo.db]
                  [-policies policies] [-fixtures fixtures]
                  compare two versions of an ente's policy, each a revision (sha256:...), a
                  folder or a git ref (-to: the -policies folder): the Rego text, the data,
                  the fixtures and (with -since) the logged decisions whose decision changes
  galateo eval    [-policies policies] [-set path] [-ente massa] [-format text|markdown] [-v]
                  [-classifier classifier.yaml]
                  precision, recall and F1 of the decisions on a labelled set of comments
  galateo eval    -suite engine/quality/testdata/functional [-split dev|heldout|all] [-ente massa]
                  [-format text|markdown|floors] [-v] [-policies policies] [-classifier classifier.yaml]
                  flagged and removed rates of the functional suite per functionality, ground and
                  split; with -classifier, decided with the endpoint's scores as serve would
  galateo report  -ente id (-month 2026-11 | -from T -to T) [-format csv|json] [-db galateo.db]
                  the ente's transparency report from the audit log: decisions by outcome,
                  category and platform, automated or human, review times, appeals
  galateo synth   -out dir [-n 1000] [-policies policies] [-adopts valdichiana_senese]
                  write a policies folder with n synthetic comuni (data only) beside the
                  seed enti, to measure a server that hosts a region's comuni or Italy's

-db is an SQLite file (created by serve and migrate up when absent) or a
postgres:// URL.

Environment: GALATEO_ADDR, GALATEO_POLICIES, GALATEO_FIXTURES, GALATEO_DB,
GALATEO_WATCH, GALATEO_KEY_FILE, GALATEO_RATE, GALATEO_BURST and GALATEO_CLASSIFIER
set the defaults of the flags; GALATEO_PSEUDONYM_KEY (hex) keys author pseudonyms.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		var ex exitError
		if errors.As(err, &ex) {
			os.Exit(int(ex))
		}
		fmt.Fprintln(os.Stderr, "galateo:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status after the command printed its
// own report (a failing test run).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError(2)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stderr)
	case "decide":
		return decide(ctx, args[1:], stdin, stdout, stderr)
	case "test":
		return test(ctx, args[1:], stdout)
	case "migrate":
		return migrate(ctx, args[1:], stdout, stderr)
	case "audit":
		return audit(ctx, args[1:], stdout, stderr)
	case "keys":
		return keys(ctx, args[1:], stdout, stderr)
	case "replay":
		return replayCmd(ctx, args[1:], stdout, stderr)
	case "diff":
		return diffCmd(ctx, args[1:], stdout, stderr)
	case "eval":
		return eval(ctx, args[1:], stdout, stderr)
	case "synth":
		return synth(ctx, args[1:], stdout, stderr)
	case "report":
		return reportCmd(ctx, args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "galateo: unknown command %q\n\n%s", args[0], usage)
	return exitError(2)
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
