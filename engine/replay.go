package engine

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Outcome is what a decision comes to, in the terms a replay compares:
// the outcome, and the sets of categories, actions and rules.
type Outcome struct {
	Outcome    string   `json:"outcome"`
	Categories []string `json:"categories"`
	Actions    []string `json:"actions"`
	Rules      []string `json:"rules"`
}

// OutcomeOf reads the comparable part of a decision.
func OutcomeOf(d *Decision) Outcome {
	o := Outcome{Outcome: d.Outcome, Categories: []string{}, Actions: []string{}, Rules: []string{}}
	for _, v := range d.Violations {
		o.Categories = append(o.Categories, v.Category)
		o.Rules = append(o.Rules, v.Rule)
	}
	for _, a := range d.Actions {
		o.Actions = append(o.Actions, a.Type)
	}
	o.Categories = sortedSet(o.Categories)
	o.Actions = sortedSet(o.Actions)
	o.Rules = sortedSet(o.Rules)
	return o
}

// Equal tells whether two outcomes are the same decision.
func (o Outcome) Equal(p Outcome) bool {
	return o.Outcome == p.Outcome && slices.Equal(o.Categories, p.Categories) &&
		slices.Equal(o.Actions, p.Actions) && slices.Equal(o.Rules, p.Rules)
}

func sortedSet(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// StoredInput is an evaluated input as the audit log keeps it, parsed.
type StoredInput struct {
	value ast.Object
	now   time.Time
}

// ParseInput reads an evaluated input kept by the audit log (see
// Evaluation.AuditInput).
func ParseInput(raw []byte) (*StoredInput, error) {
	v, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("stored input: %w", err)
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("stored input is %s, not an object", ast.ValueName(v))
	}
	t := obj.Get(ast.InternedTerm("now"))
	if t == nil {
		return nil, fmt.Errorf("stored input has no now")
	}
	s, ok := t.Value.(ast.String)
	if !ok {
		return nil, fmt.Errorf("stored input's now is %s, not a string", ast.ValueName(t.Value))
	}
	if f := obj.Get(ast.InternedTerm("facts")); f == nil {
		return nil, fmt.Errorf("stored input has no facts")
	} else if _, ok := f.Value.(ast.Object); !ok {
		return nil, fmt.Errorf("stored input's facts are %s, not an object", ast.ValueName(f.Value))
	}
	now, err := time.Parse(time.RFC3339, string(s))
	if err != nil {
		return nil, fmt.Errorf("stored input now: %w", err)
	}
	return &StoredInput{value: obj, now: now}, nil
}

// withSchedule is the stored input with its schedule facts replaced. It
// copies only the two objects on the way to the schedule and shares every
// other term with the stored input, which evaluation only reads: a deep
// copy of each input was a large part of a replay's cost. ParseInput made
// sure facts is an object.
func withSchedule(stored ast.Object, schedule *ast.Term) ast.Object {
	factsKey, scheduleKey := ast.InternedTerm("facts"), ast.InternedTerm("schedule")
	facts := ast.NewObject()
	stored.Get(factsKey).Value.(ast.Object).Foreach(func(k, v *ast.Term) {
		if !k.Equal(scheduleKey) {
			facts.Insert(k, v)
		}
	})
	facts.Insert(scheduleKey, schedule)
	out := ast.NewObject()
	stored.Foreach(func(k, v *ast.Term) {
		if k.Equal(factsKey) {
			v = ast.NewTerm(facts)
		}
		out.Insert(k, v)
	})
	return out
}

// Replay evaluates a stored input under this revision of the ente. Every
// fact is taken as stored (text facts, the author's history, the time)
// except the schedule, which belongs to the ente's data and is computed
// anew from the stored time, so that a change of hours shows.
func (ent *Ente) Replay(ctx context.Context, in *StoredInput) (Outcome, error) {
	now := in.now.In(ent.schedule.Location())
	input := withSchedule(in.value, scheduleTerm(ent.scheduleFacts(now)))
	// A revision replayed may never have served: it gets the deadline too.
	rs, err := ent.evalWithin(ctx, input, DefaultEvalTimeout)
	if err != nil {
		return Outcome{}, fmt.Errorf("evaluate %s: %w", ent.ID, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return Outcome{}, fmt.Errorf("evaluate %s: the policy gave no decision", ent.ID)
	}
	pd, err := decodePolicyDecision(rs[0].Expressions[0].Value)
	if err != nil {
		return Outcome{}, fmt.Errorf("evaluate %s: %w", ent.ID, err)
	}
	return OutcomeOf(&Decision{Outcome: pd.Outcome, Actions: pd.Actions, Violations: pd.Violations}), nil
}
