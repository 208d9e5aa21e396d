// Package review is the person's part of a decision: the review queue
// (claim, release, resolve), appeals (reclamo) and what a person's
// decision does to the author's history. A resolution and an appeal are
// records of the ente's chain, settling the decision they concern; the
// decision's effective outcome is the latest person's. What an outcome
// adds to the author's history is the policy's to say (Judge), not this
// package's.
package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Judge is what the service asks of the policy an ente applies: what a
// person's decision (this outcome, actions and violations, taken at now)
// adds to the author's history, and the notice it owes the author (nil
// when it hides, removes and blocks nothing); and how many days the ente
// takes to decide an appeal. *engine.Engine is one.
type Judge interface {
	Judge(ctx context.Context, ente, outcome string, actions []engine.Action, violations []engine.Violation, now time.Time) (engine.HistoryEffect, *engine.Notice, error)
	AppealDecideDays(ctx context.Context, ente string) (int, error)
}

// Store is the part of the store the service uses.
type Store interface {
	Reviews(ctx context.Context, f store.ReviewFilter) ([]store.Review, string, error)
	Get(ctx context.Context, id string) (*store.Record, error)
	Review(ctx context.Context, id string, now time.Time) (*store.Review, error)
	Claim(ctx context.Context, id, reviewer string, until, now time.Time) (store.Review, error)
	Release(ctx context.Context, id, reviewer string, now time.Time) (store.Review, error)
	Resolve(ctx context.Context, res store.Resolution) (store.Record, store.Review, error)
	FileAppeal(ctx context.Context, a store.Appeal) (store.Record, store.Review, error)
	Settlements(ctx context.Context, decisionID string) ([]store.Record, error)
}

// Service runs the review queue and appeals over a store.
type Service struct {
	Store Store
	Judge Judge
	Now   func() time.Time // nil: time.Now
}

// Claims last DefaultClaim unless the reviewer asks otherwise, at most
// MaxClaim: long enough to read a thread and decide, short enough that an
// item left behind returns to the queue the same shift.
const (
	DefaultClaim = 15 * time.Minute
	MaxClaim     = 4 * time.Hour
)

// Results of an appeal.
const (
	Upheld     = "upheld"     // the decision stands
	Overturned = "overturned" // the reviewer decides otherwise
)

// Errors of the service besides the store's (store.ErrNotFound,
// store.ErrClaimed, ...).
var (
	// ErrLate: the appeal came after the period the ente's data sets.
	ErrLate = errors.New("the period for appealing the decision is over")
	// ErrNothingToAppeal: the decision's effective outcome restricts nothing.
	ErrNothingToAppeal = errors.New("the decision neither hides nor removes the content nor blocks its author")
)

// InvalidError is a request the service refuses, by field.
type InvalidError struct{ Fields []engine.FieldError }

func (e *InvalidError) Error() string {
	var parts []string
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Reason)
	}
	return strings.Join(parts, "; ")
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Claim lets reviewer hold an item for d (DefaultClaim when 0).
func (s *Service) Claim(ctx context.Context, id, reviewer string, d time.Duration) (store.Review, error) {
	if d == 0 {
		d = DefaultClaim
	}
	if d < time.Minute || d > MaxClaim {
		return store.Review{}, &InvalidError{[]engine.FieldError{{Field: "minutes", Reason: fmt.Sprintf("must be from 1 to %d", int(MaxClaim/time.Minute))}}}
	}
	now := s.now()
	return s.Store.Claim(ctx, id, reviewer, now.Add(d), now)
}

// Release gives back an item reviewer holds.
func (s *Service) Release(ctx context.Context, id, reviewer string) (store.Review, error) {
	return s.Store.Release(ctx, id, reviewer, s.now())
}

// Resolution is what a reviewer decides on an item.
type Resolution struct {
	Outcome string          `json:"outcome"`
	Actions []engine.Action `json:"actions"`
	Reason  string          `json:"reason"`
	Reply   *engine.Reply   `json:"reply,omitempty"`
	// Result is for an appeal: upheld (the decision stands; Outcome may be
	// left out) or overturned (Outcome is the new one).
	Result string `json:"result,omitempty"`
}

// Record is the body a person's record keeps in the chain, as JSON.
type Record struct {
	RecordID   string          `json:"record_id"`
	Kind       string          `json:"kind"`
	ReviewID   string          `json:"review_id,omitempty"`
	DecisionID string          `json:"decision_id"`
	AppealID   string          `json:"appeal_id,omitempty"`
	Reviewer   string          `json:"reviewer,omitempty"`
	At         string          `json:"at"`
	Due        string          `json:"due,omitempty"`
	Proposed   string          `json:"proposed_outcome"`
	Outcome    string          `json:"outcome"`
	Actions    []engine.Action `json:"actions,omitempty"`
	Reason     string          `json:"reason,omitempty"`
	Reply      *engine.Reply   `json:"reply,omitempty"`
	Result     string          `json:"result,omitempty"`
	// ContradictsGrave marks a person allowing what the rules removed
	// automatically for a grave violation: allowed, and shown as such.
	ContradictsGrave bool `json:"contradicts_grave_removal,omitempty"`
	// Notice is the person's notice to the author, when the outcome
	// hides, removes or blocks: what, why, and until when to appeal.
	Notice *engine.Notice `json:"notice,omitempty"`
	// For an appeal: who filed it and on what grounds, and until when it
	// could be filed.
	FiledBy     string `json:"filed_by,omitempty"`
	Grounds     string `json:"grounds,omitempty"`
	AppealUntil string `json:"appeal_until,omitempty"`
}

func (r *Resolution) validate(appeal bool) error {
	var errs []engine.FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: field, Reason: fmt.Sprintf(format, a...)})
	}
	switch {
	case !appeal && r.Result != "":
		bad("result", "is only for an appeal: this item is a decision to review")
	case appeal && r.Result != Upheld && r.Result != Overturned:
		bad("result", "must be upheld or overturned for an appeal")
	}
	needOutcome := !appeal || r.Result == Overturned
	switch {
	case r.Outcome == "" && needOutcome:
		bad("outcome", "is required: one of %s", strings.Join(engine.Outcomes, ", "))
	case r.Outcome != "" && !slices.Contains(engine.Outcomes, r.Outcome):
		bad("outcome", "must be one of %s", strings.Join(engine.Outcomes, ", "))
	}
	for i, a := range r.Actions {
		if !slices.Contains(engine.ActionTypes, a.Type) {
			bad(fmt.Sprintf("actions[%d].type", i), "must be one of %s", strings.Join(engine.ActionTypes, ", "))
		}
		if a.Until != "" {
			if _, err := engine.ParseInstant(a.Until); err != nil {
				bad(fmt.Sprintf("actions[%d].until", i), "%v", err)
			}
		}
	}
	if strings.TrimSpace(r.Reason) == "" {
		bad("reason", "is required: say why, in words the author and an auditor can read")
	} else if len(r.Reason) > 4000 {
		bad("reason", "is longer than 4000 bytes")
	}
	if r.Reply != nil {
		if r.Reply.Visibility != "public" && r.Reply.Visibility != "private" {
			bad("reply.visibility", "must be public or private")
		}
		if strings.TrimSpace(r.Reply.Text) == "" {
			bad("reply.text", "is required with a reply")
		}
	}
	if errs != nil {
		return &InvalidError{errs}
	}
	return nil
}

// Resolve records reviewer's decision on item id.
func (s *Service) Resolve(ctx context.Context, id, reviewer string, r Resolution) (store.Record, store.Review, error) {
	now := s.now()
	item, err := s.Store.Review(ctx, id, now)
	if err != nil {
		return store.Record{}, store.Review{}, err
	}
	appeal := item.Kind == store.ReviewOfAppeal
	if err := r.validate(appeal); err != nil {
		return store.Record{}, *item, err
	}
	decided, err := s.Store.Get(ctx, item.DecisionID)
	if err != nil {
		return store.Record{}, *item, fmt.Errorf("the decision reviewed: %w", err)
	}
	var d engine.Decision
	if err := json.Unmarshal(decided.Decision, &d); err != nil {
		return store.Record{}, *item, fmt.Errorf("the decision reviewed %s: %w", decided.DecisionID, err)
	}
	current, err := s.effective(ctx, decided)
	if err != nil {
		return store.Record{}, *item, err
	}
	body := Record{
		RecordID: ulid.Make().String(), ReviewID: item.ID, DecisionID: decided.DecisionID, AppealID: item.AppealID,
		Reviewer: reviewer, At: now.UTC().Format(time.RFC3339Nano), Due: item.DueAt.UTC().Format(time.RFC3339Nano), Proposed: decided.Outcome,
		Outcome: r.Outcome, Actions: r.Actions, Reason: r.Reason, Reply: r.Reply, Result: r.Result,
		Kind: store.KindResolution,
	}
	if appeal {
		body.Kind = store.KindAppealDecision
	}
	var effect *store.Effect
	if r.Result == Upheld {
		// The decision stands as it is: its history too.
		body.Outcome = current
	} else {
		// The person's outcome replaces the proposal: the violations stay
		// what the rules found, judged by the person's outcome.
		violations := slices.Clone(d.Violations)
		for i := range violations {
			violations[i].Outcome = r.Outcome
		}
		h, notice, err := s.Judge.Judge(ctx, decided.Ente, r.Outcome, r.Actions, violations, now)
		if err != nil {
			return store.Record{}, *item, fmt.Errorf("what the resolution adds to the history: %w", err)
		}
		effect = &store.Effect{Counted: h.Violation, Warned: h.Warning, Blocked: h.Block, BlockedUntil: h.BlockUntil}
		body.Notice = notice
	}
	body.ContradictsGrave = restricts(decided.Outcome) && !restricts(body.Outcome) && grave(d.Violations)
	raw, err := json.Marshal(body)
	if err != nil {
		return store.Record{}, *item, err
	}
	return s.Store.Resolve(ctx, store.Resolution{
		ReviewID: item.ID, RecordID: body.RecordID, Reviewer: reviewer, At: now,
		Outcome: body.Outcome, Categories: decided.Categories, Body: raw, Effect: effect,
	})
}

// restricts reports whether an outcome acts against the content.
func restricts(outcome string) bool { return outcome == "hide" || outcome == "remove" }

func grave(vs []engine.Violation) bool {
	return slices.ContainsFunc(vs, func(v engine.Violation) bool { return v.Severity == "grave" })
}

// effective is the outcome of decided once the people's records settling
// it are taken into account.
func (s *Service) effective(ctx context.Context, decided *store.Record) (string, error) {
	settled, err := s.Store.Settlements(ctx, decided.DecisionID)
	if err != nil {
		return "", fmt.Errorf("the records settling %s: %w", decided.DecisionID, err)
	}
	return Effective(decided, settled).Outcome, nil
}

// State is where a decision stands once people have looked at it.
type State struct {
	Outcome  string         // effective
	Since    time.Time      // when it became effective
	ByPerson bool           // a person's record set it
	Notice   *engine.Notice // the notice of the record that set it; nil when none is owed
	Appealed bool
}

// Effective is the state of decided given the records settling it, in
// chain order. An appeal upheld leaves the notice of the decision it
// upheld.
func Effective(decided *store.Record, settled []store.Record) State {
	st := State{Outcome: decided.Outcome, Since: decided.DecidedAt}
	// Only the notice is read of the decision: the report reads every
	// decision of a period through here.
	var d struct {
		Notice *engine.Notice `json:"notice"`
	}
	if json.Unmarshal(decided.Decision, &d) == nil {
		st.Notice = d.Notice
	}
	for _, r := range settled {
		var body Record
		_ = json.Unmarshal(r.Decision, &body) // a body that does not read leaves its fields empty
		switch r.Kind {
		case store.KindResolution, store.KindAppealDecision:
			if body.Result == Upheld {
				continue
			}
			st.Outcome, st.Since, st.ByPerson, st.Notice = r.Outcome, r.DecidedAt, true, body.Notice
		case store.KindAppeal:
			st.Appealed = true
		}
	}
	return st
}

// Appeal is a citizen's appeal, filed by them or by staff for them.
type Appeal struct {
	By      string `json:"by"` // author or staff
	Grounds string `json:"grounds"`
}

// File records an appeal of decision id, if the decision in effect owes
// its author a notice (it hides, removes or blocks) and the appeal comes
// by the notice's appeal_until: the ente's appeal.days after it.
func (s *Service) File(ctx context.Context, id string, a Appeal) (store.Record, store.Review, error) {
	var errs []engine.FieldError
	if a.By != "author" && a.By != "staff" {
		errs = append(errs, engine.FieldError{Field: "by", Reason: "must be author (the citizen) or staff (on the citizen's behalf)"})
	}
	if strings.TrimSpace(a.Grounds) == "" {
		errs = append(errs, engine.FieldError{Field: "grounds", Reason: "is required: why the decision should change"})
	} else if len(a.Grounds) > 4000 {
		errs = append(errs, engine.FieldError{Field: "grounds", Reason: "is longer than 4000 bytes"})
	}
	if errs != nil {
		return store.Record{}, store.Review{}, &InvalidError{errs}
	}
	now := s.now()
	decided, err := s.Store.Get(ctx, id)
	if err != nil {
		return store.Record{}, store.Review{}, err
	}
	if decided.Settling() {
		return store.Record{}, store.Review{}, store.ErrNotDecision
	}
	settled, err := s.Store.Settlements(ctx, id)
	if err != nil {
		return store.Record{}, store.Review{}, err
	}
	st := Effective(decided, settled)
	if st.Appealed {
		return store.Record{}, store.Review{}, store.ErrAppealed
	}
	if st.Notice == nil {
		return store.Record{}, store.Review{}, ErrNothingToAppeal
	}
	until, err := time.Parse(time.RFC3339, st.Notice.AppealUntil)
	if err != nil {
		return store.Record{}, store.Review{}, fmt.Errorf("decision %s: the notice's appeal_until: %w", id, err)
	}
	if now.After(until) {
		return store.Record{}, store.Review{}, &LateError{Until: until}
	}
	body := Record{
		RecordID: ulid.Make().String(), Kind: store.KindAppeal, DecisionID: id,
		At: now.UTC().Format(time.RFC3339Nano), Proposed: decided.Outcome, Outcome: st.Outcome,
		FiledBy: a.By, Grounds: a.Grounds, AppealUntil: st.Notice.AppealUntil,
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return store.Record{}, store.Review{}, err
	}
	// The queue orders appeals by when the ente must have decided them.
	days, err := s.Judge.AppealDecideDays(ctx, decided.Ente)
	if err != nil {
		return store.Record{}, store.Review{}, fmt.Errorf("the period for deciding an appeal: %w", err)
	}
	return s.Store.FileAppeal(ctx, store.Appeal{
		RecordID: body.RecordID, DecisionID: id, At: now, DueAt: now.AddDate(0, 0, days), Body: raw,
	})
}

// LateError is an appeal after its period, which the notice to the author
// gave (the ente's appeal.days from the decision that took effect).
type LateError struct {
	Until time.Time
}

func (e *LateError) Error() string {
	return fmt.Sprintf("%v: it ended %s, as the notice to the author said", ErrLate, e.Until.Format(time.RFC3339))
}

func (e *LateError) Unwrap() error { return ErrLate }

// List is the queue as f selects it.
func (s *Service) List(ctx context.Context, f store.ReviewFilter) ([]store.Review, string, error) {
	return s.Store.Reviews(ctx, f)
}

// Item is one item of the queue as it stands now.
func (s *Service) Item(ctx context.Context, id string) (*store.Review, error) {
	return s.Store.Review(ctx, id, s.now())
}

// Settlements are the people's records about a decision, in chain order.
func (s *Service) Settlements(ctx context.Context, decisionID string) ([]store.Record, error) {
	return s.Store.Settlements(ctx, decisionID)
}
