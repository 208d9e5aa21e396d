package record

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Decider is what Service asks of the engine; *engine.Engine is one.
type Decider interface {
	Ente(id string) (*engine.Ente, error)
	Evaluate(ctx context.Context, r *engine.Request) (*engine.Evaluation, error)
}

// Store is what Service reads of the audit log; *store.SQL is one.
type Store interface {
	// Find returns the record of a content under a revision, or
	// store.ErrNotFound.
	Find(ctx context.Context, ente, contentID, revision string) (*store.Record, error)
	Pseudonymizer() *store.Pseudonymizer
}

// Recorder commits one entry and returns once it is durable;
// *store.Batcher is one (group commit).
type Recorder interface {
	Record(ctx context.Context, e store.Entry) (store.Record, error)
}

// Service decides and records: the one way POST /decide and
// `galateo decide -db` take a decision. A content already in the log under
// the ente's serving revision is answered from the log, without deciding or
// counting it again; a new decision is committed to the log before it is
// returned, so that nothing answered is missing from the log.
type Service struct {
	Engine   Decider
	Store    Store    // nil: nothing is looked up or recorded
	Recorder Recorder // required with Store
}

// Errors of Decide besides the engine's, by what failed.
type (
	// FindError: the log could not be read; nothing was decided.
	FindError struct{ Err error }
	// EntryError: the audit entry of the decision could not be made;
	// nothing was recorded.
	EntryError struct{ Err error }
	// RecordError: the decision was taken but not recorded; it must not
	// be applied.
	RecordError struct{ Err error }
)

func (e *FindError) Error() string   { return "read the audit log: " + e.Err.Error() }
func (e *FindError) Unwrap() error   { return e.Err }
func (e *EntryError) Error() string  { return "audit entry: " + e.Err.Error() }
func (e *EntryError) Unwrap() error  { return e.Err }
func (e *RecordError) Error() string { return "record the decision: " + e.Err.Error() }
func (e *RecordError) Unwrap() error { return e.Err }

// Decide returns the decision of req as the JSON the log keeps and the
// client gets. The engine's errors (an unknown ente, a policy error, a
// deadline, a history the store could not read) come back as they are.
func (s *Service) Decide(ctx context.Context, req *engine.Request) ([]byte, error) {
	ent, err := s.Engine.Ente(req.Ente) // first, so that an unknown ente is not evaluated
	if err != nil {
		return nil, err
	}
	if s.Store != nil && req.Content.ID != "" {
		rec, err := s.Store.Find(ctx, ent.ID, req.Content.ID, ent.Revision)
		switch {
		case err == nil:
			return rec.Decision, nil
		case !errors.Is(err, store.ErrNotFound):
			return nil, &FindError{fmt.Errorf("find content of %s: %w", ent.ID, err)}
		}
	}
	ev, err := s.Engine.Evaluate(ctx, req)
	if err != nil {
		return nil, err
	}
	d := ev.Decision
	// Encoded before it is recorded: a decision that cannot be answered
	// must not be in the log as if it had been.
	body, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode decision %s for %s: %w", d.DecisionID, d.Ente, err)
	}
	if s.Store == nil {
		return body, nil
	}
	entry, err := Entry(ev, s.Store.Pseudonymizer())
	if err != nil {
		return nil, &EntryError{fmt.Errorf("decision for %s: %w", d.Ente, err)}
	}
	rec, err := s.Recorder.Record(ctx, entry)
	if err != nil {
		return nil, &RecordError{fmt.Errorf("decision %s for %s: %w", d.DecisionID, d.Ente, err)}
	}
	if rec.Duplicate {
		// A concurrent request for the same content was recorded first:
		// its decision is the one, and this one never was.
		return rec.Decision, nil
	}
	return body, nil
}
