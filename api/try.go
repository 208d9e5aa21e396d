package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
)

// MaxTryHistory bounds the counts of a history given to POST /try: far
// beyond any window's violations, small enough to stay a plain number.
const MaxTryHistory = 10000

// tryRequest is the body of POST /try: a request of POST /decide, with
// the author's history to decide with, optionally.
type tryRequest struct {
	engine.Request
	History *tryHistory `json:"history,omitempty"`

	history *engine.History // History, parsed by validate
}

// tryHistory is an author's history as a person states it: the fields of
// engine.History, named as the evaluated input names them
// (facts.history, facts.repetition.count). The window is the revision's.
type tryHistory struct {
	Violations   int    `json:"violations"`              // certain violations within the ente's window
	LastWarning  string `json:"last_warning,omitempty"`  // RFC 3339; absent: never warned
	BlockedUntil string `json:"blocked_until,omitempty"` // RFC 3339; absent: not blocked
	Repeats      int    `json:"repeats"`                 // earlier contents that repeat this one
}

// validate checks the request as POST /decide does, and the history.
func (r *tryRequest) validate() error {
	var fields []engine.FieldError
	var invalid *engine.ValidationError
	if err := r.Request.Validate(); errors.As(err, &invalid) {
		fields = append(fields, invalid.Fields...)
	} else if err != nil {
		return err
	}
	if h := r.History; h != nil {
		parsed, errs := h.parse()
		fields = append(fields, errs...)
		r.history = parsed
	}
	if fields != nil {
		return &engine.ValidationError{Fields: fields}
	}
	return nil
}

// parse reads the history, naming each invalid field by its full path.
func (h *tryHistory) parse() (*engine.History, []engine.FieldError) {
	var errs []engine.FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: "history." + field, Reason: fmt.Sprintf(format, a...)})
	}
	out := &engine.History{Violations: h.Violations, Repeats: h.Repeats}
	for _, n := range []struct {
		name  string
		value int
	}{{"violations", h.Violations}, {"repeats", h.Repeats}} {
		if n.value < 0 || n.value > MaxTryHistory {
			bad(n.name, "must be a whole number from 0 to %d", MaxTryHistory)
		}
	}
	instant := func(name, v string) *time.Time {
		if v == "" {
			return nil
		}
		t, err := engine.ParseInstant(v)
		if err != nil {
			bad(name, "%v", err)
			return nil
		}
		return &t
	}
	out.LastWarning = instant("last_warning", h.LastWarning)
	out.BlockedUntil = instant("blocked_until", h.BlockedUntil)
	return out, errs
}

// tryEvaluator is a Decider that decides under any revision of an ente
// and with a given history; *engine.Engine is one.
type tryEvaluator interface {
	EvaluateWith(ctx context.Context, r *engine.Request, o engine.EvalOptions) (*engine.Evaluation, error)
}

// evaluator is the decider as a tryEvaluator; one that is not (a test's)
// tries the serving revision with the history source only.
func (s *server) evaluator() tryEvaluator {
	if ev, ok := s.decider.(tryEvaluator); ok {
		return ev
	}
	return servingOnly{s.decider}
}

// servingOnly is a Decider that can only evaluate as it decides.
type servingOnly struct{ d Decider }

func (s servingOnly) EvaluateWith(ctx context.Context, r *engine.Request, o engine.EvalOptions) (*engine.Evaluation, error) {
	if o.Ente != nil || o.History != nil {
		return nil, errors.New("this decider decides under the serving revision and the store's history only")
	}
	return s.d.Evaluate(ctx, r)
}

// tryResponse is what POST /try answers: the decision of the serving
// revision and, with working=true, of the working copy or why it does
// not load.
type tryResponse struct {
	Serving         *engine.Decision `json:"serving"`
	Working         *engine.Decision `json:"working,omitempty"`
	WorkingRevision string           `json:"working_revision,omitempty"`
	WorkingError    string           `json:"working_error,omitempty"`
}

// try answers POST /try: the request decided as POST /decide would decide
// it, and, with working=true, as the ente's working copy would, with the
// history given or else the store's, read only. Nothing is recorded: no
// audit record, no history, no review item, and no lookup of the content
// in the log, so that the same content can be tried again and again.
func (s *server) try(c *gin.Context) {
	working, err := tryQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	req := new(tryRequest)
	if err := bindJSON(c, MaxBodyBytes, req, req.validate); err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, req.Ente) {
		return
	}
	ev := s.evaluator()
	ctx := c.Request.Context()
	serving, err := s.decider.Ente(req.Ente)
	if err != nil {
		s.fail(c, err)
		return
	}
	if working && s.policies == "" {
		s.problem(c, newProblem(probNoWorkingCopy, errNoPolicies.Error()+": try the serving revision only"))
		return
	}
	out := tryResponse{}
	// Under the serving revision as /decide would take it (nil), so that
	// its policy errors count as the serving revision's.
	if out.Serving, err = s.tryUnder(ctx, ev, req, nil); err != nil {
		s.tryFailed(c, req.Ente, err)
		return
	}
	if working {
		s.tryWorking(ctx, ev, req, serving, &out)
	}
	c.JSON(http.StatusOK, out)
}

// tryQuery reads the query of POST /try: working, true or false.
func tryQuery(c *gin.Context) (bool, error) {
	query := c.Request.URL.Query()
	errs := checkParams(query, "POST /try", "working")
	working := false
	if query.Has("working") {
		switch query.Get("working") {
		case "true":
			working = true
		case "false":
		default:
			errs = append(errs, engine.FieldError{Field: "working", Reason: "must be true or false"})
		}
	}
	if errs != nil {
		return false, invalidQuery(errs...)
	}
	return working, nil
}

// tryUnder decides req under ent (nil: the serving revision), with the request's history if it gives
// one. Each evaluation gets its own copy of the request, which the engine
// may fill (signals from a classifier).
func (s *server) tryUnder(ctx context.Context, ev tryEvaluator, req *tryRequest, ent *engine.Ente) (*engine.Decision, error) {
	r := req.Request
	got, err := ev.EvaluateWith(ctx, &r, engine.EvalOptions{Ente: ent, History: req.history})
	if err != nil {
		return nil, err
	}
	return got.Decision, nil
}

// tryWorking adds the decision of the working copy to out, or why there
// is none: a working copy that does not load, or whose policy fails on
// this request, is the legal staff's to fix and not a failure of the
// request, so the answer stays 200.
func (s *server) tryWorking(ctx context.Context, ev tryEvaluator, req *tryRequest, serving *engine.Ente, out *tryResponse) {
	w := s.workingCopyOf(ctx, req.Ente, serving)
	out.WorkingRevision = w.revision
	if w.err != nil {
		out.WorkingError = truncate(w.err.Error(), 2000)
		return
	}
	d, err := s.tryUnder(ctx, ev, req, w.ent)
	var failed *engine.PolicyError
	var cut *engine.EvalTimeoutError
	switch {
	case err == nil:
		out.Working = d
	case errors.As(err, &failed), errors.As(err, &cut):
		out.WorkingError = truncate(err.Error(), 2000)
	default:
		// The store's history or the request's context: the serving
		// decision would have failed the same way.
		out.WorkingError = "the working copy could not decide this request: " + truncate(err.Error(), 300)
	}
}

// tryFailed answers a failure to decide under the serving revision as
// POST /decide does: a history the store could not read is a 503.
func (s *server) tryFailed(c *gin.Context, ente string, err error) {
	var unavailable *storeError
	if errors.As(err, &unavailable) {
		s.storeFailed(c, fmt.Errorf("try for %s: %w", ente, err))
		return
	}
	var failed *engine.PolicyError
	if errors.As(err, &failed) {
		s.log.ErrorContext(c.Request.Context(), "policy error", "ente", failed.Ente, "revision", failed.Revision,
			"location", failed.Location, "err", failed.Err)
	}
	s.fail(c, err)
}
