package diff

import (
	// The package names a constant context (unified.go).
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
)

// BehaviourOptions say what CompareBehaviour runs under the two revisions.
type BehaviourOptions struct {
	// Fixtures is the fixtures folder, one folder per ente as galateo test
	// reads it; the ente's cases are decided under both revisions. "" runs
	// no fixture; an ente without a folder there has no fixture.
	Fixtures string
	// Log, when set, is the audit log whose decisions of the ente taken at
	// or after Since (zero: any time) are replayed from their stored input
	// under both revisions, newest first, at most Limit of them. Nil
	// replays none.
	Log   replay.Source
	Since time.Time
	Limit int // 0 for replay.DefaultLimit; at most replay.MaxLimit
}

// pageSize is the store's largest page (store.Filter.Limit): a page of
// inputs is what is held in memory at once.
const pageSize = 500

// CompareBehaviour decides the ente's fixture cases, and replays its logged
// decisions, under from and under to, two revisions of one ente, and lists
// those whose outcome, categories or actions differ between them. A
// fixture the engine cannot decide under one revision shows as having no
// decision there. A logged decision whose input retention purged is
// counted as skipped; one whose input cannot be read or evaluated fails the
// comparison with a *replay.DecisionError naming it.
func CompareBehaviour(ctx context.Context, from, to *engine.Ente, o BehaviourOptions) (*Behaviour, error) {
	switch {
	case from.ID != to.ID:
		return nil, fmt.Errorf("compare the behaviour of %s with a revision of %s", from.ID, to.ID)
	case o.Limit < 0 || o.Limit > replay.MaxLimit:
		return nil, fmt.Errorf("limit %d is not between 1 and %d", o.Limit, replay.MaxLimit)
	}
	b := &Behaviour{Fixtures: []Change{}, Decisions: []Change{}}
	if o.Fixtures != "" {
		cases, err := enteCases(o.Fixtures, from.ID)
		if err != nil {
			return nil, err
		}
		b.FixturesRun = len(cases)
		if b.Fixtures, err = fixtureChanges(ctx, from, to, cases); err != nil {
			return nil, err
		}
	}
	if o.Log != nil {
		b.Since = o.Since
		if err := replayLog(ctx, o.Log, from, to, o, b); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// enteCases loads the cases of ente from the fixtures folder root.
func enteCases(root, ente string) ([]fixtures.Case, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("fixtures folder: %w", err)
	}
	dir := filepath.Join(root, ente)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return fixtures.LoadDir(dir)
}

// fixtureChanges decides the cases under both revisions at once and lists
// those decided differently, in the order of the cases.
func fixtureChanges(ctx context.Context, from, to *engine.Ente, cases []fixtures.Case) ([]Change, error) {
	var before, after []fixtures.Result
	var wg sync.WaitGroup
	wg.Go(func() { before = fixtures.Run(ctx, engine.New([]*engine.Ente{from}), cases) })
	wg.Go(func() { after = fixtures.Run(ctx, engine.New([]*engine.Ente{to}), cases) })
	wg.Wait()
	// fixtures.Run fails the cases left once ctx is done: not a behaviour.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	changes := []Change{}
	for i, c := range cases {
		a, b := resultOutcome(before[i]), resultOutcome(after[i])
		if !a.same(b) {
			changes = append(changes, Change{ID: c.Name(), Description: c.Description, From: a, To: b})
		}
	}
	return changes, nil
}

func resultOutcome(r fixtures.Result) Outcome {
	if r.Decision == nil {
		return Outcome{Categories: []string{}, Actions: []string{}}
	}
	return outcomeOf(engine.OutcomeOf(r.Decision))
}

// outcomeOf keeps what a change is about: the rules that fire are the
// Rego's business, the outcome, categories and actions the auditor's.
func outcomeOf(o engine.Outcome) Outcome {
	return Outcome{Outcome: o.Outcome, Categories: o.Categories, Actions: o.Actions}
}

// same tells whether two outcomes are the same decision; categories and
// actions are sorted sets, as engine.OutcomeOf makes them.
func (o Outcome) same(p Outcome) bool {
	return o.Outcome == p.Outcome && slices.Equal(o.Categories, p.Categories) && slices.Equal(o.Actions, p.Actions)
}

// replayLog replays the selected decisions of the log a page at a time,
// each page under both revisions on every processor, and adds to b those
// that the revisions decide differently, newest first.
func replayLog(ctx context.Context, src replay.Source, from, to *engine.Ente, o BehaviourOptions, b *Behaviour) error {
	limit := o.Limit
	if limit == 0 {
		limit = replay.DefaultLimit
	}
	f := store.Filter{Ente: from.ID, From: o.Since, Limit: min(pageSize, limit)}
	for n := 0; ; {
		recs, next, err := src.List(ctx, f)
		if err != nil {
			return fmt.Errorf("list decisions of %s: %w", from.ID, err)
		}
		kept := make([]*store.Record, 0, len(recs))
		inputs := make([]*engine.StoredInput, 0, len(recs))
		for i := range recs {
			r := &recs[i]
			if r.Purged {
				b.Skipped++
				continue
			}
			in, err := engine.ParseInput(r.Input)
			if err != nil {
				return &replay.DecisionError{DecisionID: r.DecisionID, Err: err}
			}
			kept = append(kept, r)
			inputs = append(inputs, in)
		}
		before, err := outcomes(ctx, from, kept, inputs)
		if err != nil {
			return err
		}
		after, err := outcomes(ctx, to, kept, inputs)
		if err != nil {
			return err
		}
		for i, r := range kept {
			a, z := outcomeOf(before[i]), outcomeOf(after[i])
			if !a.same(z) {
				b.Decisions = append(b.Decisions, Change{ID: r.DecisionID, Description: describeRecord(r), From: a, To: z})
			}
		}
		b.DecisionsReplayed += len(kept)
		n += len(recs)
		if next == "" {
			return nil
		}
		if n >= limit {
			b.Truncated = true
			return nil
		}
		f.Cursor, f.Limit = next, min(pageSize, limit-n)
	}
}

// outcomes replays inputs under ent. When one fails, it is found by
// replaying them one at a time, so that the error names its decision.
func outcomes(ctx context.Context, ent *engine.Ente, recs []*store.Record, inputs []*engine.StoredInput) ([]engine.Outcome, error) {
	out, err := replay.Outcomes(ctx, ent, inputs)
	if err == nil {
		return out, nil
	}
	if ctx.Err() != nil {
		return nil, err
	}
	for i, in := range inputs {
		if _, err := replay.Outcomes(ctx, ent, []*engine.StoredInput{in}); err != nil {
			return nil, &replay.DecisionError{DecisionID: recs[i].DecisionID, Err: fmt.Errorf("under %s: %w", ent.Revision, err)}
		}
	}
	return nil, fmt.Errorf("replay under %s: %w", ent.Revision, err)
}

// describeRecord says which content a logged decision was about, and when
// it was taken, for a reader who looks it up in the log.
func describeRecord(r *store.Record) string {
	when := "decided " + r.DecidedAt.UTC().Format("2006-01-02 15:04 UTC")
	if r.ContentID == "" {
		return when
	}
	return "content " + r.ContentID + ", " + when
}
