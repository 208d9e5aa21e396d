package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/galateo/galateo/engine/facts"
)

// ErrUnknownEnte is returned for a request naming no loaded ente.
var ErrUnknownEnte = errors.New("unknown ente")

// UnknownEnteError names the ente asked for and those that exist.
type UnknownEnteError struct {
	Ente  string
	Known []string
}

func (e *UnknownEnteError) Error() string {
	return fmt.Sprintf("unknown ente %q (known: %v)", e.Ente, e.Known)
}

func (e *UnknownEnteError) Is(target error) bool { return target == ErrUnknownEnte }

// Engine decides for every loaded ente. It is safe for concurrent use.
// Each ente serves one revision at a time; Activate swaps in another one
// and Reject records a revision that was refused, while the serving one
// goes on serving.
type Engine struct {
	mu     sync.RWMutex
	enti   map[string]*Ente // serving
	ids    []string         // of enti, sorted: answers unknown-ente errors cheaply
	status map[string]*Status
	// policyErrors counts each ente's evaluations that failed in its
	// policy since this process started, whatever the revision.
	policyErrors map[string]*atomic.Int64
	history      HistorySource
	clock        func() time.Time
	// classifier fills the signals of requests that carry none; nil: none.
	classifier Classifier
	// evalTimeout bounds each evaluation (defaultEvalTimeout unless set).
	evalTimeout time.Duration
}

// Status is the state of one ente in an engine.
type Status struct {
	ID          string
	Serving     *Ente     // nil when no revision of the ente has loaded
	ActivatedAt time.Time // when Serving began to serve
	// Failure is the last revision that could not replace Serving (or be
	// the first to serve), until a revision is activated.
	Failure *Failure
	// PolicyErrors is how many evaluations failed in the ente's policy
	// since this process started (see PolicyError).
	PolicyErrors int64
}

// Failure is a revision of an ente that was refused, and why.
type Failure struct {
	Revision string // "" when the files could not even be read
	At       time.Time
	Err      error
}

// Option configures an Engine.
type Option func(*Engine)

// WithHistory sets where authors' histories come from (default: none).
func WithHistory(h HistorySource) Option { return func(e *Engine) { e.history = h } }

// WithClock sets the clock used when a request carries no "now", and for
// the times of activations.
func WithClock(c func() time.Time) Option { return func(e *Engine) { e.clock = c } }

// New returns an engine serving the given enti.
func New(enti []*Ente, opts ...Option) *Engine {
	e := &Engine{enti: map[string]*Ente{}, status: map[string]*Status{}, policyErrors: map[string]*atomic.Int64{},
		history: NoHistory{}, clock: time.Now, evalTimeout: defaultEvalTimeout()}
	for _, o := range opts {
		o(e)
	}
	e.activate(enti...)
	return e
}

// Load compiles every ente of the policies folder root. An ente that fails
// to load is reported by Failed and does not stop the others; Load fails
// only when the folder cannot be read or no ente loads.
func Load(ctx context.Context, root string, opts ...Option) (*Engine, error) {
	e := New(nil, opts...)
	ids, err := EntiIn(root)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, id := range ids {
		ent, err := LoadEnte(ctx, root, id)
		if err != nil {
			e.Reject(id, "", err)
			errs = append(errs, err)
			continue
		}
		e.Activate(ent)
	}
	if len(e.enti) == 0 {
		return nil, fmt.Errorf("no ente loaded from %s: %v", root, errors.Join(errs...))
	}
	return e, nil
}

// EvalTimeout is the deadline of each evaluation; zero or less means none.
func (e *Engine) EvalTimeout() time.Duration { return e.evalTimeout }

// Activate makes each of ents the revision its ente serves, from the next
// decision on; decisions under way finish under the revision they started
// with.
func (e *Engine) Activate(ents ...*Ente) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.activate(ents...)
}

func (e *Engine) activate(ents ...*Ente) {
	var added []string
	seen := map[string]bool{}
	for _, ent := range ents {
		if _, ok := e.enti[ent.ID]; !ok && !seen[ent.ID] {
			seen[ent.ID] = true
			added = append(added, ent.ID)
		}
	}
	if len(added) > 0 {
		// A new slice: errors handed out earlier keep the one they hold.
		ids := append(slices.Clone(e.ids), added...)
		sort.Strings(ids)
		e.ids = ids
	}
	for _, ent := range ents {
		e.activateOne(ent)
	}
}

func (e *Engine) activateOne(ent *Ente) {
	e.enti[ent.ID] = ent
	e.status[ent.ID] = &Status{ID: ent.ID, Serving: ent, ActivatedAt: e.clock()}
	if e.policyErrors[ent.ID] == nil {
		e.policyErrors[ent.ID] = new(atomic.Int64)
	}
}

// Remove stops serving ente id: from the next request on it is unknown, as
// if it had never loaded. Decisions under way finish. It reports whether
// the engine knew the ente.
func (e *Engine) Remove(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, serving := e.enti[id]
	_, known := e.status[id]
	delete(e.enti, id)
	delete(e.status, id)
	delete(e.policyErrors, id)
	if serving {
		// A new slice: errors handed out earlier keep the one they hold.
		e.ids = slices.DeleteFunc(slices.Clone(e.ids), func(x string) bool { return x == id })
	}
	return serving || known
}

// policyFailed counts a failure of ent's policy and returns it as a
// *PolicyError.
func (e *Engine) policyFailed(ent *Ente, err error) *PolicyError {
	e.mu.RLock()
	n := e.policyErrors[ent.ID]
	e.mu.RUnlock()
	if n != nil {
		n.Add(1)
	}
	return policyError(ent, err)
}

// Reject records that a revision of ente id was refused; what the ente
// serves, if anything, does not change.
func (e *Engine) Reject(id, revision string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st, ok := e.status[id]
	if !ok {
		st = &Status{ID: id}
		e.status[id] = st
	}
	st.Failure = &Failure{Revision: revision, At: e.clock(), Err: err}
}

// ClearFailure forgets the refused revision of ente id, once the folder is
// back to the revision that serves.
func (e *Engine) ClearFailure(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if st, ok := e.status[id]; ok {
		st.Failure = nil
	}
}

// Status returns the state of every ente the engine knows, sorted by id.
func (e *Engine) Status() []Status {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]Status, 0, len(e.status))
	for _, id := range sortedKeys(e.status) {
		st := *e.status[id]
		if n := e.policyErrors[id]; n != nil {
			st.PolicyErrors = n.Load()
		}
		out = append(out, st)
	}
	return out
}

// Enti returns the serving revisions of the enti, sorted by id.
func (e *Engine) Enti() []*Ente {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := make([]*Ente, 0, len(e.enti))
	for _, id := range e.ids {
		out = append(out, e.enti[id])
	}
	return out
}

// Failed returns the enti that serve nothing, with the reason.
func (e *Engine) Failed() map[string]error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	out := map[string]error{}
	for id, st := range e.status {
		if st.Serving == nil && st.Failure != nil {
			out[id] = st.Failure.Err
		}
	}
	return out
}

// Ente returns the serving revision of one ente, or an *UnknownEnteError.
func (e *Engine) Ente(id string) (*Ente, error) {
	e.mu.RLock()
	ent, ok := e.enti[id]
	ids := e.ids
	e.mu.RUnlock()
	if !ok {
		return nil, &UnknownEnteError{Ente: id, Known: ids}
	}
	return ent, nil
}

// Decide validates r, computes its facts, evaluates the ente's policy and
// assembles the decision. It records nothing.
func (e *Engine) Decide(ctx context.Context, r *Request) (*Decision, error) {
	ev, err := e.Evaluate(ctx, r)
	if err != nil {
		return nil, err
	}
	return ev.Decision, nil
}

// Evaluation is a decision together with what it was taken on: the content
// of its audit record, and what a replay re-evaluates.
type Evaluation struct {
	Decision    *Decision
	Ente        *Ente
	Request     *Request
	Now         time.Time
	Facts       facts.Facts
	History     History
	Fingerprint string // of the normalised text, for repetition
	// Effect is what the decision adds to the author's history, as the
	// policy says it; the audit log records it, the response does not
	// carry it.
	Effect   HistoryEffect
	schedule scheduleFacts
}

// Evaluate is Decide keeping the evaluated input.
func (e *Engine) Evaluate(ctx context.Context, r *Request) (*Evaluation, error) {
	return e.EvaluateWith(ctx, r, EvalOptions{})
}

// EvalOptions change what EvaluateWith decides with. The zero value is
// Evaluate's: the serving revision and the engine's history source.
type EvalOptions struct {
	// Ente is the revision to decide under, one that need not serve (the
	// working copy of the policies folder, a stored revision); nil: the
	// serving one. Its policy errors are not counted against the ente,
	// whose serving revision did not fail.
	Ente *Ente
	// History is the author's history to decide with instead of reading
	// the engine's source (a person trying what a repeat offender would
	// get); nil: the source's. WindowDays is always the revision's.
	History *History
}

// EvaluateWith is Evaluate under o: it lets a person try a request under
// a revision that does not serve, or with a history of their choosing.
// Like Evaluate, it records nothing.
func (e *Engine) EvaluateWith(ctx context.Context, r *Request, o EvalOptions) (*Evaluation, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	ent, err := e.evalEnte(r.Ente, o.Ente)
	if err != nil {
		return nil, err
	}
	policyFailed := func(ent *Ente, err error) *PolicyError {
		if o.Ente != nil {
			return policyError(ent, err)
		}
		return e.policyFailed(ent, err)
	}
	now := e.clock()
	if r.Now != "" {
		now, _ = time.Parse(time.RFC3339, r.Now) // validated above
	}
	now = now.In(ent.schedule.Location())
	thread := ""
	if r.Content.Thread != nil {
		thread = r.Content.Thread.Text
	}
	f := facts.Extract(*r.Content.Text, thread, ent.language)
	fp := facts.Fingerprint(f.Tokens)
	r, classified := e.classify(ctx, r, ent, &f)
	h, err := e.historyOf(ctx, o.History, HistoryQuery{
		Ente: ent.ID, AuthorID: r.Author.ID, WindowDays: ent.params.Repeat.WindowDays, Now: now, Fingerprint: fp,
		NearDuplicateBits: ent.params.Flooding.NearDuplicateBits,
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", ent.ID, err)
	}
	h.WindowDays = ent.params.Repeat.WindowDays
	sched := ent.scheduleFacts(now)
	rs, err := e.eval(ctx, ent, inputValue(r, now, &f, h, sched))
	if err != nil {
		var cut *EvalTimeoutError
		if errors.As(err, &cut) || topdown.IsCancel(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("evaluate %s: %w", ent.ID, err)
		}
		return nil, policyFailed(ent, err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, policyFailed(ent, errors.New("the policy gave no decision"))
	}
	pd, err := decodePolicyDecision(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, policyFailed(ent, err)
	}
	if pd.Effect == nil {
		return nil, policyFailed(ent, errors.New("decision.history is missing: the policy must say what the decision adds to the author's history (template.decide does)"))
	}
	d := &Decision{
		DecisionID: ulid.Make().String(),
		Ente:       ent.ID,
		Policy:     PolicyRef{Revision: ent.Revision, Version: ent.Version},
		Outcome:    pd.Outcome,
		Actions:    pd.Actions,
		Violations: pd.Violations,
		Author:     pd.Author,
		Review:     Review{Required: pd.ReviewRequired, StaffedNow: sched.StaffedNow},
		Reply:      pd.Reply,
		Notice:     pd.Notice,
		Classifier: classified,
		Build:      currentBuild(),
	}
	if sched.NextStaffed != nil {
		d.Review.NextStaffed = sched.NextStaffed.Format(time.RFC3339)
	}
	if sched.Due != nil {
		d.Review.Due = sched.Due.Format(time.RFC3339)
	}
	d.Explanation = explain(ent, r, d, sched, pd.Notices)
	d.StatementOfReasons = statement(ent, r, d, now)
	return &Evaluation{
		Decision: d, Ente: ent, Request: r, Now: now, Facts: f, History: h, Fingerprint: fp, Effect: *pd.Effect, schedule: sched,
	}, nil
}

// evalEnte is the revision a request of ente id is decided under: given,
// when it is of that ente, or the serving one.
func (e *Engine) evalEnte(id string, given *Ente) (*Ente, error) {
	if given == nil {
		return e.Ente(id)
	}
	if given.ID != id {
		return nil, fmt.Errorf("evaluate: the request is for ente %s, the revision %s is of %s", id, given.Revision, given.ID)
	}
	return given, nil
}

// historyOf is the history given, or else the one the engine's source
// reads for q.
func (e *Engine) historyOf(ctx context.Context, given *History, q HistoryQuery) (History, error) {
	if given != nil {
		return *given, nil
	}
	return e.history.History(ctx, q)
}

// scheduleFacts answers when the ente's staff will look at content posted now.
func (ent *Ente) scheduleFacts(now time.Time) scheduleFacts {
	s := scheduleFacts{StaffedNow: ent.schedule.Staffed(now)}
	start, end, ok := ent.schedule.Span(now)
	if !ok {
		return s
	}
	if !s.StaffedNow {
		s.NextStaffed = &start
		s.NextStaffedText = ent.params.wording.time(start)
	}
	due := end
	if hours := ent.params.Response.DueStaffedHours; hours > 0 {
		if t, ok := ent.schedule.AddStaffed(now, time.Duration(hours*float64(time.Hour))); ok {
			due = t
		}
	} else if hours := ent.params.Response.DueWorkingHours; hours > 0 {
		if t, ok := ent.schedule.AddWorking(now, time.Duration(hours*float64(time.Hour))); ok {
			due = t
		}
	}
	s.Due = &due
	s.DueText = ent.params.wording.time(due)
	return s
}

// policyDecision is the part of the decision that comes from Rego.
type policyDecision struct {
	Outcome        string
	Actions        []Action
	Violations     []Violation
	Author         AuthorSummary
	ReviewRequired bool
	Reply          *Reply
	Notices        []string // Italian sentences the policy adds to the explanation
	// Effect is what the decision adds to the author's history; nil when
	// the policy says nothing of it (a revision from before the template
	// said it, replayed).
	Effect *HistoryEffect
	Notice *Notice
}

// decodePolicyDecision reads the value of data.galateo.enti.<id>.decision.
// It checks the shape by hand: a policy author's mistake must come back as
// an error naming the field, not as a zero value.
func decodePolicyDecision(v any) (policyDecision, error) {
	var pd policyDecision
	m, ok := v.(map[string]any)
	if !ok {
		return pd, fmt.Errorf("decision is %T, not an object", v)
	}
	pd.Outcome, _ = m["outcome"].(string)
	if !oneOf(pd.Outcome, Outcomes) {
		return pd, fmt.Errorf("decision.outcome %q is not one of %v", pd.Outcome, Outcomes)
	}
	acts, _ := m["actions"].([]any)
	for _, a := range acts {
		am, _ := a.(map[string]any)
		act := Action{}
		act.Type, _ = am["type"].(string)
		act.Until, _ = am["until"].(string)
		act.Office, _ = am["office"].(string)
		if act.Type == "" {
			return pd, fmt.Errorf("decision.actions: an action has no type")
		}
		pd.Actions = append(pd.Actions, act)
	}
	sort.SliceStable(pd.Actions, func(i, j int) bool { return actionOrder[pd.Actions[i].Type] < actionOrder[pd.Actions[j].Type] })
	if pd.Actions == nil {
		pd.Actions = []Action{}
	}
	vs, _ := m["violations"].([]any)
	pd.Violations = make([]Violation, 0, len(vs))
	for _, x := range vs {
		vm, _ := x.(map[string]any)
		var v Violation
		v.Rule, _ = vm["rule"].(string)
		v.Title, _ = vm["title"].(string)
		v.Category, _ = vm["category"].(string)
		v.Severity, _ = vm["severity"].(string)
		v.Outcome, _ = vm["outcome"].(string)
		if c, ok := vm["clause"].(map[string]any); ok {
			v.Clause.Section, _ = c["section"].(string)
			v.Clause.Quote, _ = c["quote"].(string)
		}
		if v.Rule == "" || v.Category == "" || v.Clause.Section == "" {
			return pd, fmt.Errorf("decision.violations: rule, category and clause.section are required (rule %q)", v.Rule)
		}
		ev, _ := vm["evidence"].([]any)
		v.Evidence = make([]map[string]any, 0, len(ev))
		for _, e := range ev {
			if em, ok := e.(map[string]any); ok {
				v.Evidence = append(v.Evidence, em)
			}
		}
		pd.Violations = append(pd.Violations, v)
	}
	sort.SliceStable(pd.Violations, func(i, j int) bool {
		a, b := rankOf(pd.Violations[i].Outcome), rankOf(pd.Violations[j].Outcome)
		if a != b {
			return a > b
		}
		return pd.Violations[i].Rule < pd.Violations[j].Rule
	})
	if a, ok := m["author"].(map[string]any); ok {
		pd.Author.Violations = toInt(a["violations"])
		pd.Author.Blocked, _ = a["blocked"].(bool)
	}
	if r, ok := m["review"].(map[string]any); ok {
		pd.ReviewRequired, _ = r["required"].(bool)
	}
	if ns, ok := m["notices"].([]any); ok {
		for _, n := range ns {
			if t, ok := n.(string); ok && t != "" {
				pd.Notices = append(pd.Notices, t)
			}
		}
	}
	if h, ok := m["history"]; ok {
		eff, err := decodeEffect(h)
		if err != nil {
			return pd, fmt.Errorf("decision.history: %w", err)
		}
		pd.Effect = &eff
	}
	if n, ok := m["notice"]; ok {
		notice, err := decodeNotice(n)
		if err != nil {
			return pd, fmt.Errorf("decision.%w", err)
		}
		pd.Notice = notice
	}
	if r, ok := m["reply"].(map[string]any); ok {
		rep := &Reply{}
		rep.Visibility, _ = r["visibility"].(string)
		rep.Text, _ = r["text"].(string)
		if rep.Text != "" {
			pd.Reply = rep
		}
	}
	return pd, nil
}

// decodeEffect reads the value of data.galateo.lib.history.effect.
// decodeNotice reads a notice to the author (policies/lib/notice.rego).
func decodeNotice(v any) (*Notice, error) {
	nm, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("notice is %T, not an object", v)
	}
	n := &Notice{}
	n.Text, _ = nm["text"].(string)
	n.Automated, _ = nm["automated"].(bool)
	n.AppealUntil, _ = nm["appeal_until"].(string)
	if n.Text == "" {
		return nil, errors.New("notice has no text")
	}
	if _, err := time.Parse(time.RFC3339, n.AppealUntil); err != nil {
		return nil, fmt.Errorf("notice.appeal_until %q: %w", n.AppealUntil, err)
	}
	return n, nil
}

func decodeEffect(v any) (HistoryEffect, error) {
	var h HistoryEffect
	m, ok := v.(map[string]any)
	if !ok {
		return h, fmt.Errorf("%T, not an object", v)
	}
	for name, dst := range map[string]*bool{"violation": &h.Violation, "warning": &h.Warning, "block": &h.Block} {
		b, ok := m[name].(bool)
		if !ok {
			return h, fmt.Errorf("%s is %T, not a boolean", name, m[name])
		}
		*dst = b
	}
	if u, ok := m["block_until"]; ok {
		s, _ := u.(string)
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return h, fmt.Errorf("block_author until %q: %w", s, err)
		}
		h.BlockUntil = &t
	}
	return h, nil
}

// actionOrder lists actions in the order staff carry them out.
var actionOrder = map[string]int{
	"remove": 0, "hide": 1, "reply": 2, "forward_to_office": 3, "warn_author": 4,
	"block_author": 5, "report_platform": 6, "report_authorities": 7, "escalate": 8,
}

func rankOf(outcome string) int {
	for i, o := range Outcomes {
		if o == outcome {
			return i
		}
	}
	return -1
}

func toInt(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case interface{ Int64() (int64, error) }:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}
