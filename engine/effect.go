package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// judgeQuery asks the library what input.decision, a person's decision
// for the ente input.ente taken at input.now, adds to the author's history
// and its notice to the author (not automated): a list, empty when the
// decision calls for none.
const judgeQuery = `{"effect": data.galateo.lib.history.effect(input.decision), "notices": [n | n := data.galateo.lib.notice.of(input.decision, false, input.now)]}`

// appealQuery asks the ente's period, in days, for deciding an appeal.
const appealQuery = `data.galateo.lib.notice.appeal.decide_days`

// lazyQuery is a query of one ente prepared on its first use: most enti
// never need it, and preparing costs as much as the decision query's.
type lazyQuery struct {
	query string
	enti  ast.Value // data.enti of the ente's revision
	once  sync.Once
	q     rego.PreparedEvalQuery
	err   error
}

// lazyQueries are an ente's queries besides its decision's.
type lazyQueries struct {
	judge, appeal lazyQuery
}

func newLazyQueries(enti ast.Value) *lazyQueries {
	return &lazyQueries{
		judge:  lazyQuery{query: judgeQuery, enti: enti},
		appeal: lazyQuery{query: appealQuery, enti: enti},
	}
}

// evalLazy evaluates lq of ente on input, preparing it the first time,
// and returns its one value.
func (e *Engine) evalLazy(ctx context.Context, ente string, pick func(*lazyQueries) *lazyQuery, input ast.Value) (*Ente, any, error) {
	ent, err := e.Ente(ente)
	if err != nil {
		return nil, nil, err
	}
	if ent.lazy == nil || ent.code == nil {
		return nil, nil, fmt.Errorf("ente %s was not compiled by this engine", ent.ID)
	}
	lq := pick(ent.lazy)
	lq.once.Do(func() { lq.q, lq.err = ent.code.prepareQuery(context.WithoutCancel(ctx), lq.query, lq.enti) })
	if lq.err != nil {
		return nil, nil, e.policyFailed(ent, fmt.Errorf("prepare %s: %w", lq.query, lq.err))
	}
	rs, err := ent.evalQuery(ctx, lq.q, input, e.evalTimeout)
	if err != nil {
		return nil, nil, fmt.Errorf("%s for %s: %w", lq.query, ent.ID, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil, e.policyFailed(ent, fmt.Errorf("the library gave no value of %s", lq.query))
	}
	return ent, rs[0].Expressions[0].Value, nil
}

// Judge says what a person's decision (this outcome, actions and
// violations, taken at now) adds to the author's history under the rules
// ente serves now, and the notice it owes the author: nil when it hides,
// removes and blocks nothing. For a person's decision the violations carry
// the person's outcome. The answers are the policy's
// (policies/lib/history.rego, notice.rego), as for the engine's own
// decisions. An unknown ente is an *UnknownEnteError.
func (e *Engine) Judge(ctx context.Context, ente string, outcome string, actions []Action, violations []Violation, now time.Time) (HistoryEffect, *Notice, error) {
	if now.IsZero() {
		return HistoryEffect{}, nil, errors.New("judge: the time of the decision is required")
	}
	if !oneOf(outcome, Outcomes) {
		return HistoryEffect{}, nil, fmt.Errorf("outcome %q is not one of %v", outcome, Outcomes)
	}
	input, err := effectInput(ente, outcome, actions, violations, now)
	if err != nil {
		return HistoryEffect{}, nil, err
	}
	ent, v, err := e.evalLazy(ctx, ente, func(l *lazyQueries) *lazyQuery { return &l.judge }, input)
	if err != nil {
		return HistoryEffect{}, nil, err
	}
	m, _ := v.(map[string]any)
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

// AppealDecideDays is how many days the ente takes to decide an appeal
// (appeal.decide_days of its data over policies/lib/notice.yaml's).
func (e *Engine) AppealDecideDays(ctx context.Context, ente string) (int, error) {
	input, err := ast.InterfaceToValue(map[string]any{"ente": ente})
	if err != nil {
		return 0, err
	}
	ent, v, err := e.evalLazy(ctx, ente, func(l *lazyQueries) *lazyQuery { return &l.appeal }, input)
	if err != nil {
		return 0, err
	}
	n, ok := v.(json.Number)
	days, err := n.Int64()
	if !ok || err != nil || days < 1 {
		return 0, e.policyFailed(ent, fmt.Errorf("appeal.decide_days is %v, not a whole number of days", v))
	}
	return int(days), nil
}

// effectInput is {ente, now, decision: {outcome, actions, violations}}.
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
	return ast.InterfaceToValue(map[string]any{"ente": ente, "decision": d, "now": now.Format(time.RFC3339)})
}
