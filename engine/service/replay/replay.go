// Package replay re-evaluates decisions of the audit log under a chosen
// revision of their ente's policy. Each record keeps the input its decision
// was evaluated on (the request, its facts, the author's history and the
// time), so a replay asks only "what would these rules have said then?"
// and reports the decisions whose outcome, categories, actions or rules
// come out different. Under the revision that took them, none does.
package replay

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Limits of one replay.
const (
	// DefaultLimit is how many decisions a replay reads when the request
	// sets no limit.
	DefaultLimit = 10000
	// MaxLimit bounds a replay: beyond it, narrow the time range.
	MaxLimit = 100000
	// pageSize is the store's largest page (store.Filter.Limit).
	pageSize = 500
)

// ErrUnknownDecision is returned, in a *DecisionError, for a decision id
// the audit log does not hold; it matches store.ErrNotFound too.
var ErrUnknownDecision = fmt.Errorf("no such decision in the audit log: %w", store.ErrNotFound)

// ErrOtherEnte is returned, in a *DecisionError, for a decision id of
// another ente than the one replayed.
var ErrOtherEnte = errors.New("the decision is of another ente")

// DecisionError is the failure to replay one decision: unknown, of another
// ente, or with a stored decision or input that cannot be read.
type DecisionError struct {
	DecisionID string
	Err        error
}

func (e *DecisionError) Error() string {
	return fmt.Sprintf("replay decision %s: %v", e.DecisionID, e.Err)
}

func (e *DecisionError) Unwrap() error { return e.Err }

// Source is where the records come from; *store.SQL satisfies it.
type Source interface {
	// List returns records newest first and the cursor of the next page.
	List(ctx context.Context, f store.Filter) ([]store.Record, string, error)
	// Get returns one record, or store.ErrNotFound.
	Get(ctx context.Context, decisionID string) (*store.Record, error)
}

// Request selects the decisions to replay: those of Ente decided in
// [From, To) (zero times do not bound), or only DecisionIDs.
type Request struct {
	Ente        string // "" for the ente of the revision replayed under
	From, To    time.Time
	DecisionIDs []string // when set, exactly these decisions; From and To must be zero
	Limit       int      // at most this many decisions, newest first; 0 for DefaultLimit
}

// Change is a decision that the revision replayed under takes otherwise.
type Change struct {
	DecisionID string         `json:"decision_id"`
	DecidedAt  time.Time      `json:"decided_at"`
	Revision   string         `json:"revision"` // the revision that took the decision
	Stored     engine.Outcome `json:"stored"`
	Replayed   engine.Outcome `json:"replayed"`
	// Effective is the outcome a person later gave the decision (a
	// resolution, an appeal overturned), when a person did.
	Effective string `json:"effective_outcome,omitempty"`
}

// PersonChange is a replayed decision whose outcome a person later
// changed: what the rules proposed then, what the person decided, and
// what the revision replayed under proposes. A replay compares automatic
// proposals; these say where people disagreed with them.
type PersonChange struct {
	DecisionID string    `json:"decision_id"`
	DecidedAt  time.Time `json:"decided_at"`
	Proposed   string    `json:"proposed"`
	Effective  string    `json:"effective"`
	Replayed   string    `json:"replayed"`
}

// Report is the result of a replay. Replayed counts the decisions
// re-evaluated (Same + Changed); Skipped those whose input retention
// purged, which can no longer be replayed.
type Report struct {
	Ente      string    `json:"ente"`
	Revision  string    `json:"revision"`
	Version   string    `json:"version"`
	From      time.Time `json:"from,omitzero"`
	To        time.Time `json:"to,omitzero"`
	Replayed  int       `json:"replayed"`
	Same      int       `json:"same"`
	Changed   int       `json:"changed"`
	Skipped   int       `json:"skipped"`
	Changes   []Change  `json:"changes"`   // newest first
	Truncated bool      `json:"truncated"` // more decisions matched than the limit let through
	// ByPerson are the replayed decisions a person later changed, newest first.
	ByPerson []PersonChange `json:"by_person"`
}

// check reports what is wrong with a request for a replay of ente, before
// anything is read.
func (r Request) check(ente string) error {
	switch {
	case r.Ente != "" && r.Ente != ente:
		return fmt.Errorf("replay of ente %s under a revision of %s", r.Ente, ente)
	case r.Limit < 0 || r.Limit > MaxLimit:
		return fmt.Errorf("limit %d is not between 1 and %d", r.Limit, MaxLimit)
	case !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To):
		return fmt.Errorf("from %s is not before to %s", r.From.Format(time.RFC3339), r.To.Format(time.RFC3339))
	case len(r.DecisionIDs) > 0 && (!r.From.IsZero() || !r.To.IsZero()):
		return errors.New("decision ids and a time range exclude each other")
	case len(r.DecisionIDs) > r.limit():
		return fmt.Errorf("%d decision ids, more than the limit of %d", len(r.DecisionIDs), r.limit())
	}
	return nil
}

func (r Request) limit() int {
	if r.Limit == 0 {
		return DefaultLimit
	}
	return r.Limit
}

// Run replays the decisions that req selects under ent, the revision
// chosen, and reports what changes. Records are read a page at a time
// while earlier ones are evaluated on every processor; the report does not
// depend on the order in which they finish. A record that cannot be
// replayed fails the run with a *DecisionError naming it.
func Run(ctx context.Context, src Source, ent *engine.Ente, req Request) (*Report, error) {
	if err := req.check(ent.ID); err != nil {
		return nil, err
	}
	rep := &Report{Ente: ent.ID, Revision: ent.Revision, Version: ent.Version, From: req.From, To: req.To, Changes: []Change{}, ByPerson: []PersonChange{}}
	people, err := peopleOutcomes(ctx, src, ent.ID)
	if err != nil {
		return nil, err
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	// A buffer of a page lets the store read the next page while the
	// workers evaluate this one.
	records := make(chan *store.Record, pageSize)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(records)
		send := func(r *store.Record) bool {
			select {
			case records <- r:
				return true
			case <-ctx.Done():
				return false
			}
		}
		var err error
		if len(req.DecisionIDs) > 0 {
			err = byID(ctx, src, ent.ID, req.DecisionIDs, send)
		} else {
			rep.Truncated, err = byRange(ctx, src, ent.ID, req, send)
		}
		if err != nil {
			cancel(err)
		}
	})
	workers := runtime.GOMAXPROCS(0)
	tallies := make([]tally, workers)
	for w := range workers {
		wg.Go(func() {
			t := &tallies[w]
			for r := range records {
				if ctx.Err() != nil {
					continue // the run has failed: what is left is not replayed
				}
				if err := replayOne(ctx, ent, r, people, t); err != nil {
					cancel(err)
				}
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	for _, t := range tallies {
		rep.Same += t.same
		rep.Changed += t.changed
		rep.Skipped += t.skipped
		rep.Changes = append(rep.Changes, t.changes...)
		rep.ByPerson = append(rep.ByPerson, t.byPerson...)
	}
	rep.Replayed = rep.Same + rep.Changed
	// The store's order: newest first, ties by decision id.
	slices.SortFunc(rep.Changes, func(a, b Change) int {
		if c := b.DecidedAt.Compare(a.DecidedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.DecisionID, a.DecisionID)
	})
	slices.SortFunc(rep.ByPerson, func(a, b PersonChange) int {
		if c := b.DecidedAt.Compare(a.DecidedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.DecisionID, a.DecisionID)
	})
	return rep, nil
}

// peopleOutcomes is, by decision, the outcome the latest person's record
// gave it (a resolution, an appeal decided: an upheld appeal keeps the
// outcome in effect) in the ente's log.
func peopleOutcomes(ctx context.Context, src Source, ente string) (map[string]string, error) {
	var recs []store.Record
	for _, kind := range []string{store.KindResolution, store.KindAppealDecision} {
		f := store.Filter{Ente: ente, Kind: kind, Limit: pageSize}
		for {
			page, next, err := src.List(ctx, f)
			if err != nil {
				return nil, fmt.Errorf("list the people's records of %s: %w", ente, err)
			}
			recs = append(recs, page...)
			if next == "" {
				break
			}
			f.Cursor = next
		}
	}
	slices.SortFunc(recs, func(a, b store.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make(map[string]string, len(recs))
	for _, r := range recs {
		out[r.Settles] = r.Outcome
	}
	return out, nil
}

// byRange sends the ente's records in the request's time range, newest
// first, up to the limit; it reports whether more were left.
func byRange(ctx context.Context, src Source, ente string, req Request, send func(*store.Record) bool) (bool, error) {
	limit := req.limit()
	f := store.Filter{Ente: ente, From: req.From, To: req.To, Limit: min(pageSize, limit)}
	for n := 0; ; {
		recs, next, err := src.List(ctx, f)
		if err != nil {
			return false, fmt.Errorf("list decisions of %s: %w", ente, err)
		}
		for i := range recs {
			if !send(&recs[i]) {
				return false, nil
			}
		}
		n += len(recs)
		switch {
		case next == "":
			return false, nil
		case n >= limit:
			return true, nil
		}
		f.Cursor, f.Limit = next, min(pageSize, limit-n)
	}
}

// byID sends the records of ids, each once.
func byID(ctx context.Context, src Source, ente string, ids []string, send func(*store.Record) bool) error {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		r, err := src.Get(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return &DecisionError{DecisionID: id, Err: ErrUnknownDecision}
		case err != nil:
			return fmt.Errorf("get decision %s: %w", id, err)
		case r.Ente != ente:
			return &DecisionError{DecisionID: id, Err: fmt.Errorf("%w: %s, not %s", ErrOtherEnte, r.Ente, ente)}
		case r.Settling():
			return &DecisionError{DecisionID: id, Err: fmt.Errorf("%w: a %s record of decision %s", ErrUnknownDecision, r.Kind, r.Settles)}
		}
		if !send(r) {
			return nil
		}
	}
	return nil
}

// tally is what one worker replayed.
type tally struct {
	same, changed, skipped int
	changes                []Change
	byPerson               []PersonChange
}

// replayOne replays one record into the worker's tally t.
func replayOne(ctx context.Context, ent *engine.Ente, r *store.Record, people map[string]string, t *tally) (err error) {
	if r.Purged {
		t.skipped++
		return nil
	}
	fail := func(err error) error { return &DecisionError{DecisionID: r.DecisionID, Err: err} }
	defer func() {
		if v := recover(); v != nil {
			err = fail(panicError(v))
		}
	}()
	stored, err := StoredOutcome(r.Decision)
	if err != nil {
		return fail(err)
	}
	in, err := engine.ParseInput(r.Input)
	if err != nil {
		return fail(err)
	}
	got, err := ent.Replay(ctx, in)
	if err != nil {
		return fail(err)
	}
	effective, byPerson := people[r.DecisionID]
	if byPerson && effective != stored.Outcome {
		t.byPerson = append(t.byPerson, PersonChange{
			DecisionID: r.DecisionID, DecidedAt: r.DecidedAt, Proposed: stored.Outcome, Effective: effective, Replayed: got.Outcome,
		})
	}
	if got.Equal(stored) {
		t.same++
		return nil
	}
	t.changed++
	c := Change{DecisionID: r.DecisionID, DecidedAt: r.DecidedAt, Revision: r.Revision, Stored: stored, Replayed: got}
	if byPerson {
		c.Effective = effective
	}
	t.changes = append(t.changes, c)
	return nil
}

// storedDecision is the part of a recorded decision that an outcome is
// made of; decoding only it skips the evidence, explanation and statement.
type storedDecision struct {
	Outcome string `json:"outcome"`
	Actions []struct {
		Type string `json:"type"`
	} `json:"actions"`
	Violations []struct {
		Rule     string `json:"rule"`
		Category string `json:"category"`
	} `json:"violations"`
}

// StoredOutcome reads the outcome of a decision as the audit log keeps it
// (the JSON of an engine.Decision).
func StoredOutcome(decision []byte) (engine.Outcome, error) {
	var sd storedDecision
	if err := json.Unmarshal(decision, &sd); err != nil {
		return engine.Outcome{}, fmt.Errorf("stored decision: %w", err)
	}
	if sd.Outcome == "" {
		return engine.Outcome{}, errors.New("stored decision has no outcome")
	}
	d := engine.Decision{
		Outcome:    sd.Outcome,
		Actions:    make([]engine.Action, len(sd.Actions)),
		Violations: make([]engine.Violation, len(sd.Violations)),
	}
	for i, a := range sd.Actions {
		d.Actions[i].Type = a.Type
	}
	for i, v := range sd.Violations {
		d.Violations[i].Rule, d.Violations[i].Category = v.Rule, v.Category
	}
	return engine.OutcomeOf(&d), nil
}

// Outcomes replays inputs under ent on every processor; out[i] is the
// outcome of inputs[i]. Replaying the same inputs under two revisions
// shows what a change of the rules changes.
func Outcomes(ctx context.Context, ent *engine.Ente, inputs []*engine.StoredInput) ([]engine.Outcome, error) {
	out := make([]engine.Outcome, len(inputs))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(inputs) {
					return
				}
				o, err := replayInput(ctx, ent, inputs[i])
				if err != nil {
					cancel(fmt.Errorf("input %d: %w", i, err))
					return
				}
				out[i] = o
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

func replayInput(ctx context.Context, ent *engine.Ente, in *engine.StoredInput) (o engine.Outcome, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = panicError(v)
		}
	}()
	return ent.Replay(ctx, in)
}

// panicError turns a panic of the evaluation into an error. Replays run on
// goroutines of their own, which no handler's recovery covers: a record
// the engine cannot digest must fail its replay, not the server.
func panicError(v any) error {
	if err, ok := v.(error); ok {
		return fmt.Errorf("the engine failed on the stored input: %w", err)
	}
	return fmt.Errorf("the engine failed on the stored input: %v", v)
}
