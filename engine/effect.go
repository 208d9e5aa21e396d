package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// effectQuery asks the library what input.decision, a person's decision
// for the ente input.ente, adds to the author's history and, when
// input.now is given, its notice to the author (not automated): a list,
// empty when the decision calls for none.
const effectQuery = `{"effect": data.galateo.lib.history.effect(input.decision), "notices": [n | input.now; n := data.galateo.lib.notice.of(input.decision, false, input.now)]}`

// lazyQuery is a query of one ente prepared on its first use: most enti
// never need it, and preparing costs as much as the decision query's.
type lazyQuery struct {
	enti ast.Value // data.enti of the ente's revision
	once sync.Once
	q    rego.PreparedEvalQuery
	err  error
}

// Effect says what a decision with this outcome, these actions and these
// violations adds to the author's history under the rules ente serves now:
// what a person's resolution of a review, or of an appeal, adds. For a
// person's decision the violations carry the person's outcome. The answer
// is the policy's (policies/lib/history.rego), as for the engine's own
// decisions. An unknown ente is an *UnknownEnteError.
func (e *Engine) Effect(ctx context.Context, ente string, outcome string, actions []Action, violations []Violation) (HistoryEffect, error) {
	h, _, err := e.judge(ctx, ente, outcome, actions, violations, time.Time{})
	return h, err
}

// Judge is Effect with the notice the person's decision owes its author
// (nil when it hides, removes and blocks nothing): the same sentences as
// the engine's notices, saying a person decided, with the period for a
// reclamo counted from now.
func (e *Engine) Judge(ctx context.Context, ente string, outcome string, actions []Action, violations []Violation, now time.Time) (HistoryEffect, *Notice, error) {
	if now.IsZero() {
		return HistoryEffect{}, nil, errors.New("judge: the time of the decision is required")
	}
	return e.judge(ctx, ente, outcome, actions, violations, now)
}

func (e *Engine) judge(ctx context.Context, ente string, outcome string, actions []Action, violations []Violation, now time.Time) (HistoryEffect, *Notice, error) {
	ent, err := e.Ente(ente)
	if err != nil {
		return HistoryEffect{}, nil, err
	}
	if !oneOf(outcome, Outcomes) {
		return HistoryEffect{}, nil, fmt.Errorf("outcome %q is not one of %v", outcome, Outcomes)
	}
	if ent.effect == nil || ent.code == nil {
		return HistoryEffect{}, nil, fmt.Errorf("ente %s was not compiled by this engine", ent.ID)
	}
	lq := ent.effect
	lq.once.Do(func() { lq.q, lq.err = ent.code.prepareQuery(context.WithoutCancel(ctx), effectQuery, lq.enti) })
	if lq.err != nil {
		return HistoryEffect{}, nil, e.policyFailed(ent, fmt.Errorf("prepare %s: %w", effectQuery, lq.err))
	}
	input, err := effectInput(ent.ID, outcome, actions, violations, now)
	if err != nil {
		return HistoryEffect{}, nil, err
	}
	rs, err := ent.evalQuery(ctx, lq.q, input, e.evalTimeout)
	if err != nil {
		return HistoryEffect{}, nil, fmt.Errorf("history effect for %s: %w", ent.ID, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return HistoryEffect{}, nil, e.policyFailed(ent, errors.New("the library gave no history effect"))
	}
	m, _ := rs[0].Expressions[0].Value.(map[string]any)
	h, err := decodeEffect(m["effect"])
	if err != nil {
		return HistoryEffect{}, nil, e.policyFailed(ent, fmt.Errorf("history effect: %w", err))
	}
	notices, _ := m["notices"].([]any)
	if len(notices) == 0 {
		return h, nil, nil
	}
	n, err := decodeNotice(notices[0])
	if err != nil {
		return HistoryEffect{}, nil, e.policyFailed(ent, err)
	}
	return h, n, nil
}

// effectInput is {ente, decision: {outcome, actions, violations}}.
func effectInput(ente, outcome string, actions []Action, violations []Violation, now time.Time) (ast.Value, error) {
	if actions == nil {
		actions = []Action{}
	}
	if violations == nil {
		violations = []Violation{}
	}
	var d map[string]any
	if err := remarshal(map[string]any{"outcome": outcome, "actions": actions, "violations": violations}, &d); err != nil {
		return nil, fmt.Errorf("history effect input: %w", err)
	}
	in := map[string]any{"ente": ente, "decision": d}
	if !now.IsZero() {
		in["now"] = now.Format(time.RFC3339)
	}
	return ast.InterfaceToValue(in)
}
