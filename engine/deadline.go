package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// DefaultEvalTimeout bounds one evaluation of a policy. The seed policies
// decide in a few milliseconds (2 ms median, 20 ms at most over the
// functional suite); a policy that needs seconds is broken.
const DefaultEvalTimeout = 2 * time.Second

// defaultEvalTimeout is the deadline of an engine that sets none:
// GALATEO_EVAL_TIMEOUT where the environment names a positive duration
// (as serve's -eval-timeout reads it), else DefaultEvalTimeout. Under the
// race detector on a busy machine an evaluation runs tens of times slower,
// so make test sets a minute: what the tests check is the decision, and
// the deadline has tests of its own with deadlines they set.
func defaultEvalTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("GALATEO_EVAL_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return DefaultEvalTimeout
}

// WithEvalTimeout sets the deadline of each evaluation of a policy; zero or
// less means none.
func WithEvalTimeout(d time.Duration) Option { return func(e *Engine) { e.evalTimeout = d } }

// EvalTimeoutError is an evaluation cut at its deadline: the ente's policy
// ran longer than the engine allows, and no decision was taken.
type EvalTimeoutError struct {
	Ente     string
	Revision string
	Timeout  time.Duration
}

func (e *EvalTimeoutError) Error() string {
	return fmt.Sprintf("evaluation of %s (revision %s) cut after %s", e.Ente, e.Revision, e.Timeout)
}

// eval evaluates the ente's query on input under the engine's deadline.
func (e *Engine) eval(ctx context.Context, ent *Ente, input ast.Value) (rego.ResultSet, error) {
	return ent.evalWithin(ctx, input, e.evalTimeout)
}

// evalWithin evaluates the ente's query on input, cut after timeout (none
// when it is zero or less). OPA checks the context between evaluation
// steps and inside long built-ins (numbers.range, walk), so a runaway
// policy stops within a step of the deadline.
func (ent *Ente) evalWithin(ctx context.Context, input ast.Value, timeout time.Duration) (rego.ResultSet, error) {
	return ent.evalQuery(ctx, ent.query, input, timeout)
}

// evalQuery is evalWithin of another of the ente's prepared queries.
func (ent *Ente) evalQuery(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value, timeout time.Duration) (rego.ResultSet, error) {
	if timeout <= 0 {
		return q.Eval(ctx, rego.EvalParsedInput(input))
	}
	ectx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rs, err := q.Eval(ectx, rego.EvalParsedInput(input))
	if err != nil && ctx.Err() == nil && errors.Is(ectx.Err(), context.DeadlineExceeded) {
		return nil, &EvalTimeoutError{Ente: ent.ID, Revision: ent.Revision, Timeout: timeout}
	}
	return rs, err
}
