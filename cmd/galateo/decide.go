package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
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
	db := fs.String("db", "", `record every decision in this audit log (an SQLite file, created when absent, or a postgres:// URL) as serve does, with the authors' histories it holds; a content already decided under the same revision is answered from the log. "" records nothing and sees no history`)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if *db != "" && *showFacts {
		return errors.New("decide: -facts and -db exclude each other: a recorded decision is given as the log keeps it")
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
	var rec *recording
	if *db != "" {
		if rec, err = openRecording(ctx, *db); err != nil {
			return err
		}
		defer rec.close()
		opts = append(opts, engine.WithHistory(record.History(rec.st)))
	}
	eng, err := newEnteLoader(*policies, opts...)
	if err != nil {
		return err
	}
	decideOne := func(req *engine.Request) (any, error) {
		if rec != nil {
			return rec.decide(ctx, eng.engineFor(ctx, req.Ente), req)
		}
		return decideShowing(ctx, eng.engineFor(ctx, req.Ente), req, *showFacts)
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
		d, err := decideOne(req)
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
		} else if d, err := decideOne(req); err != nil {
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

// recording is the audit log galateo decide -db decides and records with,
// through the same record.Service as POST /decide.
type recording struct {
	st    *store.SQL
	batch *store.Batcher
}

func openRecording(ctx context.Context, db string) (*recording, error) {
	key, err := pseudonymKey("")
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, db, store.Options{Key: key})
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", redacted(db), err)
	}
	return &recording{st: st, batch: store.NewBatcher(st, 0)}, nil
}

func (r *recording) decide(ctx context.Context, eng *engine.Engine, req *engine.Request) (any, error) {
	svc := record.Service{Engine: eng, Store: r.st, Recorder: r.batch}
	body, err := svc.Decide(ctx, req)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(body), nil
}

func (r *recording) close() {
	r.batch.Close()
	r.st.Close()
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
