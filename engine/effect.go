package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// effectQuery asks the library what a decision adds to its author's
// history; the decision is input.decision, the deciding ente input.ente.
const effectQuery = "data.galateo.lib.history.effect(input.decision)"

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
	ent, err := e.Ente(ente)
	if err != nil {
		return HistoryEffect{}, err
	}
	if !oneOf(outcome, Outcomes) {
		return HistoryEffect{}, fmt.Errorf("outcome %q is not one of %v", outcome, Outcomes)
	}
	if ent.effect == nil || ent.code == nil {
		return HistoryEffect{}, fmt.Errorf("ente %s was not compiled by this engine", ent.ID)
	}
	lq := ent.effect
	lq.once.Do(func() { lq.q, lq.err = ent.code.prepareQuery(context.WithoutCancel(ctx), effectQuery, lq.enti) })
	if lq.err != nil {
		return HistoryEffect{}, e.policyFailed(ent, fmt.Errorf("prepare %s: %w", effectQuery, lq.err))
	}
	input, err := effectInput(ent.ID, outcome, actions, violations)
	if err != nil {
		return HistoryEffect{}, err
	}
	rs, err := ent.evalQuery(ctx, lq.q, input, e.evalTimeout)
	if err != nil {
		return HistoryEffect{}, fmt.Errorf("history effect for %s: %w", ent.ID, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return HistoryEffect{}, e.policyFailed(ent, errors.New("the library gave no history effect"))
	}
	h, err := decodeEffect(rs[0].Expressions[0].Value)
	if err != nil {
		return HistoryEffect{}, e.policyFailed(ent, fmt.Errorf("history effect: %w", err))
	}
	return h, nil
}

// effectInput is {ente, decision: {outcome, actions, violations}}.
func effectInput(ente, outcome string, actions []Action, violations []Violation) (ast.Value, error) {
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
	return ast.InterfaceToValue(map[string]any{"ente": ente, "decision": d})
}
