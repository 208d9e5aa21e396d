package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/engine"
)

// decide answers one request (a JSON document) or, with -jsonl, one request
// per line; each line gets one line back, a decision or {"error": ...}, so a
// batch never stops at a bad line.
func decide(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("decide", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "policies folder (env GALATEO_POLICIES)")
	jsonl := fs.Bool("jsonl", false, "read JSON Lines, write one decision per line")
	showFacts := fs.Bool("facts", false, `write {"decision": ..., "facts": ...}: the decision and the facts the policy judged (tokens with lemmas, clitics, clauses...)`)
	classifier := classifierFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	in := stdin
	if fs.NArg() > 0 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	opts, err := classifierOptions(*classifier, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	eng, err := newEnteLoader(*policies, opts...)
	if err != nil {
		return err
	}
	if !*jsonl {
		body, err := io.ReadAll(in)
		if err != nil {
			return fmt.Errorf("read request: %w", err)
		}
		// Read as the API reads a body, so that a file the server would
		// refuse is refused here too.
		req, err := api.DecodeRequest(body)
		if err != nil {
			return fmt.Errorf("read request: %w", err)
		}
		d, err := decideShowing(ctx, eng.engineFor(ctx, req.Ente), req, *showFacts)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var out any
		if req, err := api.DecodeRequest(sc.Bytes()); err != nil {
			out, failed = lineError(line, err), failed+1
		} else if d, err := decideShowing(ctx, eng.engineFor(ctx, req.Ente), req, *showFacts); err != nil {
			out, failed = lineError(line, err), failed+1
		} else {
			out = d
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if failed > 0 {
		w.Flush()
		fmt.Fprintf(stderr, "galateo decide: %d line(s) not decided\n", failed)
		return exitError(1)
	}
	return nil
}

// enteLoader compiles the enti of a policies folder as the requests name
// them: a request is decided by its own ente alone, and compiling every
// ente of the folder was most of the time a decide took.
type enteLoader struct {
	root  string
	ids   []string // the enti of the folder
	eng   *engine.Engine
	tried map[string]bool
}

func newEnteLoader(root string, opts ...engine.Option) (*enteLoader, error) {
	ids, err := engine.EntiIn(root)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no ente in %s", root)
	}
	return &enteLoader{root: root, ids: ids, eng: engine.New(nil, opts...), tried: map[string]bool{}}, nil
}

// engineFor returns the engine once ente id is loaded into it. When the
// folder does not hold id, or id does not load, it loads every ente first,
// so that the error names all the enti there are, as it always did.
func (l *enteLoader) engineFor(ctx context.Context, id string) *engine.Engine {
	if slices.Contains(l.ids, id) {
		l.load(ctx, id)
		if _, err := l.eng.Ente(id); err == nil {
			return l.eng
		}
	}
	for _, other := range l.ids {
		l.load(ctx, other)
	}
	return l.eng
}

// load compiles ente id, once; one that fails is refused in the engine.
func (l *enteLoader) load(ctx context.Context, id string) {
	if l.tried[id] {
		return
	}
	l.tried[id] = true
	if ent, err := engine.LoadEnte(ctx, l.root, id); err != nil {
		l.eng.Reject(id, "", err)
	} else {
		l.eng.Activate(ent)
	}
}

// decideShowing decides req and, with facts, gives the decision together
// with the facts it was taken on.
func decideShowing(ctx context.Context, eng *engine.Engine, req *engine.Request, facts bool) (any, error) {
	if !facts {
		return eng.Decide(ctx, req)
	}
	ev, err := eng.Evaluate(ctx, req)
	if err != nil {
		return nil, err
	}
	f, err := ev.FactsJSON()
	if err != nil {
		return nil, err
	}
	return struct {
		Decision *engine.Decision `json:"decision"`
		Facts    json.RawMessage  `json:"facts"`
	}{ev.Decision, f}, nil
}

type batchError struct {
	Line   int                 `json:"line"`
	Error  string              `json:"error"`
	Fields []engine.FieldError `json:"errors,omitempty"`
}

func lineError(line int, err error) batchError {
	return batchError{Line: line, Error: err.Error(), Fields: api.FieldErrors(err)}
}
