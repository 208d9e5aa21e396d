package quality

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/galateo/galateo/engine"
)

// Result is one comment of the set with the decision the engine took.
type Result struct {
	Comment   Comment
	Outcome   string
	Predicted []string // categories of the decision's violations, sorted
	Certain   []string // categories of its certain violations (outcome other than review)
	Rules     []string // the rules that fired, for the listing of errors
}

// Evaluate decides every comment of s with the policies of root as ente
// (the set's own ente when empty) and scores the decisions. Comments are
// decided in order, as if published one after the other: an author who
// posts the same text again is seen doing so (repetition), and nothing else
// of anyone's past is known.
func Evaluate(ctx context.Context, root string, s *Set, ente string, opts ...engine.Option) (*Report, error) {
	if ente == "" {
		ente = s.Ente
	}
	eng, ent, err := loadEnte(ctx, root, ente, opts...)
	if err != nil {
		return nil, err
	}
	results := make([]Result, 0, len(s.Comments))
	for _, c := range s.Comments {
		d, err := eng.Decide(ctx, s.Request(c, ente))
		if err != nil {
			return nil, fmt.Errorf("comment %s (line %d): %w", c.ID, c.Line, err)
		}
		results = append(results, resultOf(c, d))
	}
	r := Score(results)
	r.Ente, r.Revision, r.Set = ente, ent.Revision, s.Path
	return r, nil
}

// loadEnte loads the ente that decides from the policies of root, with an
// in-memory history and opts (a classifier), and returns an engine serving
// it alone: the other enti of the folder would be compiled for nothing. An
// ente the folder does not hold is looked for among all of them, so that
// the error lists the enti there are.
func loadEnte(ctx context.Context, root, ente string, opts ...engine.Option) (*engine.Engine, *engine.Ente, error) {
	opts = append([]engine.Option{engine.WithHistory(newRepeats())}, opts...)
	ids, err := engine.EntiIn(root)
	if err != nil {
		return nil, nil, err
	}
	if slices.Contains(ids, ente) {
		ent, err := engine.LoadEnte(ctx, root, ente)
		if err != nil {
			return nil, nil, fmt.Errorf("ente %s did not load: %w", ente, err)
		}
		return engine.New([]*engine.Ente{ent}, opts...), ent, nil
	}
	eng, err := engine.Load(ctx, root, opts...)
	if err != nil {
		return nil, nil, err
	}
	ent, err := eng.Ente(ente)
	if err != nil {
		if ferr, ok := eng.Failed()[ente]; ok {
			return nil, nil, fmt.Errorf("ente %s did not load: %w", ente, ferr)
		}
		return nil, nil, err
	}
	return eng, ent, nil
}

func resultOf(c Comment, d *engine.Decision) Result {
	r := Result{Comment: c, Outcome: d.Outcome}
	for _, v := range d.Violations {
		r.Predicted = append(r.Predicted, v.Category)
		if v.Outcome != "review" { // as the template counts a violation in the author's history
			r.Certain = append(r.Certain, v.Category)
		}
		r.Rules = append(r.Rules, v.Rule)
	}
	for _, p := range []*[]string{&r.Predicted, &r.Certain, &r.Rules} {
		slices.Sort(*p)
		*p = slices.Compact(*p)
	}
	return r
}

// repeats is the history of one evaluation: each author's earlier
// fingerprints in the set, compared with a new comment's as the engine says
// (HistoryQuery.Repeats), so that what counts as a repetition is the
// engine's and the ente's choice, not the evaluation's.
type repeats struct {
	mu   sync.Mutex
	seen map[string][]string // by ente and author
}

func newRepeats() *repeats { return &repeats{seen: map[string][]string{}} }

func (r *repeats) History(_ context.Context, q engine.HistoryQuery) (engine.History, error) {
	key := q.Ente + "\x00" + q.AuthorID
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, fp := range r.seen[key] {
		if q.Repeats(fp) {
			n++
		}
	}
	r.seen[key] = append(r.seen[key], q.Fingerprint)
	return engine.History{Repeats: n}, nil
}
