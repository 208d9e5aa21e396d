package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/store"
)

// MaxReplayIDs bounds decision_ids in POST /replay; beyond it, replay a
// time range.
const MaxReplayIDs = 1000

// decisionIDRe is what a decision id may look like: the ULIDs the engine
// makes, and other ids of the same alphabet that older logs may hold.
var decisionIDRe = regexp.MustCompile(`^[0-9A-Za-z_.:-]{1,128}$`)

// replayRequest is the body of POST /replay.
type replayRequest struct {
	Ente        string   `json:"ente"`
	Revision    string   `json:"revision,omitempty"`
	From        string   `json:"from,omitempty"`
	To          string   `json:"to,omitempty"`
	DecisionIDs []string `json:"decision_ids,omitempty"`
	Limit       *int     `json:"limit,omitempty"`

	from, to time.Time // From and To, parsed by validate
}

// revisionSource is what POST /replay and GET /diff read of the revisions
// the store keeps: Options.Versions, or else the Store when it has them
// (*store.SQL does). Without either they use the serving revisions only.
type revisionSource interface {
	Version(ctx context.Context, revision string) (*store.Version, error)
}

// replay answers POST /replay: the ente's logged decisions re-evaluated
// from their stored input under a revision (the serving one by default),
// and those whose outcome, categories, actions or rules change. It
// changes nothing.
func (s *server) replay(c *gin.Context) {
	if !s.hasStore(c) {
		return
	}
	longRunning(c)
	var req replayRequest
	if err := bindJSON(c, MaxBodyBytes, &req, req.validate); err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, req.Ente) {
		return
	}
	ctx := c.Request.Context()
	ent, err := s.replayRevision(ctx, &req)
	if err != nil {
		s.fail(c, err)
		return
	}
	rr := replay.Request{Ente: req.Ente, From: req.from, To: req.to, DecisionIDs: req.DecisionIDs}
	if req.Limit != nil {
		rr.Limit = *req.Limit
	}
	rep, err := replay.Run(ctx, s.store, ent, rr)
	if err != nil {
		s.replayFailed(c, &req, err)
		return
	}
	s.log.InfoContext(ctx, "replay", "ente", rep.Ente, "revision", rep.Revision,
		"replayed", rep.Replayed, "changed", rep.Changed, "skipped", rep.Skipped)
	c.JSON(http.StatusOK, rep)
}

// LongRunningTimeout is how long POST /replay and GET /diff may take to
// answer, beyond the server's WriteTimeout, which is sized for decisions: a
// replay of the largest limit takes about a minute and a half on two cores.
const LongRunningTimeout = 10 * time.Minute

// longRunning lets the handler of c write its answer up to
// LongRunningTimeout from now, whatever the server's WriteTimeout. Where
// the writer has no deadline to move (a test recorder), nothing changes.
func longRunning(c *gin.Context) {
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(LongRunningTimeout))
}

// replayRevision is the revision a replay runs under: the serving one, or
// the one the request names, compiled from the files the store keeps.
func (s *server) replayRevision(ctx context.Context, req *replayRequest) (*engine.Ente, error) {
	serving, err := s.decider.Ente(req.Ente)
	if err != nil {
		// An ente whose policy does not load now still has a log and the
		// revisions that took it.
		if _, failed := s.decider.Failed()[req.Ente]; !failed || req.Revision == "" {
			return nil, err
		}
	}
	if req.Revision == "" || (serving != nil && serving.Revision == req.Revision) {
		return serving, nil
	}
	ent, err := s.storedRevision(ctx, req.Revision, "replay under the serving one")
	var cf *compileFailure
	if errors.As(err, &cf) {
		return nil, invalidFields(engine.FieldError{Field: "revision",
			Reason: truncate("does not compile, so it cannot be replayed: "+cf.err.Error(), 300)})
	}
	if err != nil {
		return nil, err
	}
	if ent.ID != req.Ente {
		return nil, invalidFields(engine.FieldError{Field: "revision",
			Reason: fmt.Sprintf("is a revision of ente %s, not of %s", ent.ID, req.Ente)})
	}
	return ent, nil
}

// compileFailure is a stored revision whose files do not compile.
type compileFailure struct{ err error }

func (e *compileFailure) Error() string { return "does not compile: " + e.err.Error() }

// storedRevision is a revision the store keeps, compiled once for every
// request that names it (the cache is shared by POST /replay and GET
// /diff, so it checks nothing of the request: callers check the ente). A
// revision that does not compile is a *compileFailure; without a store of
// revisions, the 503 says what to do instead.
func (s *server) storedRevision(ctx context.Context, rev, instead string) (*engine.Ente, error) {
	versions := revisionSource(s.versions)
	if versions == nil {
		if v, ok := s.store.(revisionSource); ok {
			versions = v
		}
	}
	if versions == nil {
		return nil, newProblem(probStoreUnavailable, "this server keeps no revisions: "+instead)
	}
	return s.revisions.get(ctx, rev, func(ctx context.Context) (*engine.Ente, error) {
		v, err := versions.Version(ctx, rev)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil, newProblem(probUnknownRevision, fmt.Sprintf("no revision %s was ever loaded", rev))
		case err != nil:
			p := newProblem(probStoreUnavailable, "the revision could not be read; retry later")
			p.cause = fmt.Errorf("read revision %s: %w", rev, err)
			return nil, p
		}
		ent, err := engine.Compile(ctx, v.Ente, engine.Files(v.Files))
		if err != nil {
			return nil, &compileFailure{err}
		}
		if ent.Revision != v.Revision {
			return nil, fmt.Errorf("the files kept for revision %s make revision %s", v.Revision, ent.Revision)
		}
		return ent, nil
	})
}

// replayFailed answers the failure of a replay: a decision id that names
// nothing (404) or a decision of another ente (422); a record that cannot
// be replayed (500, naming it); a store that cannot be read (503).
func (s *server) replayFailed(c *gin.Context, req *replayRequest, err error) {
	var de *replay.DecisionError
	if !errors.As(err, &de) {
		s.storeFailed(c, fmt.Errorf("replay %s: %w", req.Ente, err))
		return
	}
	switch {
	case errors.Is(de, replay.ErrUnknownDecision):
		s.problem(c, newProblem(probUnknownDecision, fmt.Sprintf("no decision %q is in the audit log", truncate(de.DecisionID, 100))))
	case errors.Is(de, replay.ErrOtherEnte):
		s.problem(c, invalidFields(engine.FieldError{Field: fmt.Sprintf("decision_ids[%d]", slices.Index(req.DecisionIDs, de.DecisionID)),
			Reason: fmt.Sprintf("is a decision of another ente than %s", req.Ente)}))
	default:
		// The record is in the log but cannot be replayed: the client
		// learns which, the log gets the whole error.
		p := newProblem(probInternal, truncate(err.Error(), 300))
		p.cause = err
		s.problem(c, p)
	}
}

func (r *replayRequest) validate() error {
	var errs []engine.FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: field, Reason: fmt.Sprintf(format, a...)})
	}
	switch {
	case r.Ente == "":
		bad("ente", "is required")
	case !idRe.MatchString(r.Ente):
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	}
	if r.Revision != "" && !revisionRe.MatchString(r.Revision) {
		bad("revision", "must be a revision: sha256: and 64 lower-case hex digits")
	}
	parse := func(name, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := engine.ParseInstant(v)
		if err != nil {
			bad(name, "%v", err)
		}
		return t
	}
	r.from, r.to = parse("from", r.From), parse("to", r.To)
	if !r.from.IsZero() && !r.to.IsZero() && !r.from.Before(r.to) {
		bad("to", "must be later than from")
	}
	switch {
	case len(r.DecisionIDs) > MaxReplayIDs:
		bad("decision_ids", "has %d ids; at most %d: replay a time range instead", len(r.DecisionIDs), MaxReplayIDs)
	case len(r.DecisionIDs) > 0 && (r.From != "" || r.To != ""):
		bad("decision_ids", "excludes from and to: give either decision ids or a time range")
	default:
		for i, id := range r.DecisionIDs {
			if !decisionIDRe.MatchString(id) {
				bad(fmt.Sprintf("decision_ids[%d]", i), "must be a decision id such as 01JDX3M8Q2W6ZK4H7N5B0C9R1T")
			}
		}
	}
	if r.Limit != nil {
		switch n := *r.Limit; {
		case n < 1 || n > replay.MaxLimit:
			bad("limit", "must be a whole number from 1 to %d", replay.MaxLimit)
		case len(r.DecisionIDs) > n:
			bad("limit", "is smaller than the %d decision ids", len(r.DecisionIDs))
		}
	}
	if errs != nil {
		return &engine.ValidationError{Fields: errs}
	}
	return nil
}

// compiledRevisions is how many revisions POST /replay keeps compiled.
const compiledRevisions = 4

// revisionCache keeps the revisions POST /replay compiled last: compiling
// one takes a fraction of a second, and an auditor replays the same
// revision over several ranges. Concurrent requests for one revision wait
// for a single compilation. The zero value is ready.
type revisionCache struct {
	mu      sync.Mutex
	entries []*compiledRevision // least recently used first
}

type compiledRevision struct {
	revision string
	done     chan struct{} // closed once ent or err is set
	ent      *engine.Ente
	err      error
}

// get returns the compiled revision, compiling it with compile when it is
// not kept. A failure is not kept: the next request tries again.
func (c *revisionCache) get(ctx context.Context, revision string, compile func(context.Context) (*engine.Ente, error)) (*engine.Ente, error) {
	c.mu.Lock()
	i := slices.IndexFunc(c.entries, func(e *compiledRevision) bool { return e.revision == revision })
	if i >= 0 {
		e := c.entries[i]
		c.entries = append(slices.Delete(c.entries, i, i+1), e)
		c.mu.Unlock()
		select {
		case <-e.done:
			return e.ent, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e := &compiledRevision{revision: revision, done: make(chan struct{})}
	c.entries = append(c.entries, e)
	if len(c.entries) > compiledRevisions {
		c.entries = slices.Delete(c.entries, 0, 1)
	}
	c.mu.Unlock()
	// Others may be waiting for this compilation: it does not end when
	// the request that started it does.
	e.ent, e.err = compile(context.WithoutCancel(ctx))
	if e.err != nil {
		c.mu.Lock()
		c.entries = slices.DeleteFunc(c.entries, func(x *compiledRevision) bool { return x == e })
		c.mu.Unlock()
	}
	close(e.done)
	return e.ent, e.err
}

// kept lists the revisions kept, least recently used first.
func (c *revisionCache) kept() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, len(c.entries))
	for i, e := range c.entries {
		out[i] = e.revision
	}
	return out
}
