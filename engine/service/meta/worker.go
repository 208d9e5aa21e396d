package meta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/store"
)

// Defaults of the worker.
const (
	DefaultLease       = 2 * time.Minute  // a row taken and not saved is taken again after
	DefaultMaxAttempts = 8                // then dead
	DefaultBackoff     = 30 * time.Second // doubled at each attempt, at most an hour
	DefaultReviewPoll  = 30 * time.Second // how often a row waiting for a person looks again
	maxBackoff         = time.Hour
)

// WorkerStore is what the worker reads and writes; *store.SQL is one.
type WorkerStore interface {
	Due(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Delivery, error)
	SaveDelivery(ctx context.Context, d store.Delivery) error
	// Settlements are the records a person added about a decision.
	Settlements(ctx context.Context, decisionID string) ([]store.Record, error)
}

// Decider decides and records a request, as POST /decide does;
// *record.Service is one.
type Decider interface {
	Decide(ctx context.Context, req *engine.Request) ([]byte, error)
}

// Recorder commits one entry of the audit log; *store.Batcher is one.
type Recorder interface {
	Record(ctx context.Context, e store.Entry) (store.Record, error)
}

// Worker decides the outbox's rows and carries out their actions. Several
// workers, in one process or many, may share a database: each row is
// leased to one at a time.
type Worker struct {
	Conn   *Connector
	Store  WorkerStore
	Decide Decider
	// Chain, when set, records what was carried out as a record of the
	// ente's chain settling the decision (kind action), once per row.
	Chain Recorder
	HTTP  *http.Client     // nil: a client with a 30 s timeout
	Log   *slog.Logger     // nil: slog.Default()
	Now   func() time.Time // nil: time.Now

	Lease       time.Duration
	MaxAttempts int
	Backoff     time.Duration
	ReviewPoll  time.Duration
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.Default()
}

// Run works through due rows every period until ctx ends.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	drain := func(ctx context.Context) {
		if _, err := w.Drain(ctx); err != nil && ctx.Err() == nil {
			w.log().Error("meta outbox", "err", err)
		}
	}
	drain(ctx)
	period.Every(ctx, every, drain)
}

// Drain works through the rows due now, batch after batch, and returns
// how many it handled.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	n := 0
	for {
		due, err := w.Store.Due(ctx, w.now(), cmpDur(w.Lease, DefaultLease), 20)
		if err != nil {
			return n, fmt.Errorf("due deliveries: %w", err)
		}
		if len(due) == 0 {
			return n, nil
		}
		for _, d := range due {
			if err := w.Process(ctx, d); err != nil {
				return n, err
			}
			n++
		}
	}
}

// decided is what the worker reads of a decision or a resolution.
type decided struct {
	DecisionID string          `json:"decision_id"`
	Outcome    string          `json:"outcome"`
	Actions    []engine.Action `json:"actions"`
	Reply      *engine.Reply   `json:"reply"`
}

// Process takes one leased row as far as it can go now, saving it at
// every step: a worker killed at any point leaves the row where a fresh
// one carries on, and a Graph call answered is never made again.
func (w *Worker) Process(ctx context.Context, d store.Delivery) error {
	var req engine.Request
	if err := json.Unmarshal(d.Request, &req); err != nil {
		return w.save(ctx, dead(d, "the stored request does not read: "+err.Error()))
	}
	acct := w.Conn.accounts[d.PageID]
	if acct == nil || acct.ente != d.Ente {
		return w.save(ctx, dead(d, fmt.Sprintf("page %s is no longer connected to ente %s", d.PageID, d.Ente)))
	}
	switch d.State {
	case store.DeliveryPending:
		if err := req.Validate(); err != nil {
			// Retrying would not change it: an operator must look.
			return w.save(ctx, dead(d, "the change maps to a request /decide would refuse: "+err.Error()))
		}
		if t := req.Content.Thread; t != nil && t.ID != "" && t.Text == "" && req.Content.Kind != "post" {
			// The policy judges a comment against the post it answers
			// (off-topic, replies): its text comes from the Graph API. Without
			// it the comment is still decided.
			t.Text = w.threadText(ctx, acct, d.Platform, t.ID)
		}
		body, err := w.Decide.Decide(ctx, &req)
		if err != nil {
			if errors.Is(err, engine.ErrUnknownEnte) {
				return w.save(ctx, dead(d, "ente "+d.Ente+" is not loaded"))
			}
			return w.save(ctx, w.retry(d, "decide: "+err.Error()))
		}
		var dec decided
		if err := json.Unmarshal(body, &dec); err != nil {
			return w.save(ctx, dead(d, "the decision does not read: "+err.Error()))
		}
		d.DecisionID, d.Attempts, d.LastError = dec.DecisionID, 0, ""
		switch {
		case w.Conn.autoFor(d.Ente, dec.Outcome):
			d = withPlan(d, plan(acct, d.Platform, d.ObjectID, req.Content.Kind, dec.Outcome, dec.Actions, dec.Reply, req.Author.ID))
		case dec.Outcome == "allow":
			d.State = store.DeliveryDone // nothing to do to an allowed content
		default:
			// A person decides: a review, or an outcome this ente does not
			// let the connector carry out alone.
			d.State, d.NextAttemptAt = store.DeliveryWaitingReview, w.now().Add(cmpDur(w.ReviewPoll, DefaultReviewPoll))
		}
		if err := w.save(ctx, d); err != nil || d.State != store.DeliveryDecided {
			return err
		}
	case store.DeliveryWaitingReview:
		res, err := w.resolution(ctx, d.DecisionID)
		if err != nil {
			return w.save(ctx, w.retry(d, "read the resolution: "+err.Error()))
		}
		if res == nil {
			d.NextAttemptAt = w.now().Add(cmpDur(w.ReviewPoll, DefaultReviewPoll))
			return w.save(ctx, d)
		}
		d = withPlan(d, plan(acct, d.Platform, d.ObjectID, req.Content.Kind, res.Outcome, res.Actions, res.Reply, req.Author.ID))
		if err := w.save(ctx, d); err != nil || d.State != store.DeliveryDecided {
			return err
		}
	}
	return w.act(ctx, d, acct)
}

// threadText reads the text of a post (or the caption of an Instagram
// media); "" when Graph does not give it.
func (w *Worker) threadText(ctx context.Context, acct *account, platform, id string) string {
	field := "message"
	if platform == "instagram" {
		field = "caption"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	status, raw, err := do(ctx, w.client(), w.Conn.GraphURL, acct.token,
		Step{Method: http.MethodGet, Path: "/" + id, Form: map[string]string{"fields": field}})
	var got map[string]any
	if err != nil || status != http.StatusOK || json.Unmarshal(raw, &got) != nil {
		w.log().WarnContext(ctx, "meta thread text not read", "ente", acct.ente, "thread", id, "status", status)
		return ""
	}
	text, _ := got[field].(string)
	return text
}

func (w *Worker) client() *http.Client {
	if w.HTTP != nil {
		return w.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// withPlan sets the steps to carry out; with none the row is done.
func withPlan(d store.Delivery, steps []Step) store.Delivery {
	d.Plan, _ = json.Marshal(steps)
	d.State = store.DeliveryDecided
	if len(steps) == 0 {
		d.State = store.DeliveryDone
	}
	return d
}

// resolution is a reviewer's resolution of a decision, the latest, or nil.
func (w *Worker) resolution(ctx context.Context, decisionID string) (*decided, error) {
	recs, err := w.Store.Settlements(ctx, decisionID)
	if err != nil {
		return nil, err
	}
	for i := len(recs) - 1; i >= 0; i-- {
		if recs[i].Kind != store.KindResolution {
			continue
		}
		var res decided
		if err := json.Unmarshal(recs[i].Decision, &res); err != nil {
			return nil, fmt.Errorf("resolution %s: %w", recs[i].DecisionID, err)
		}
		return &res, nil
	}
	return nil, nil
}

// act makes the plan's calls not yet answered, saving each answer.
func (w *Worker) act(ctx context.Context, d store.Delivery, acct *account) error {
	var (
		steps   []Step
		results []Result
	)
	if err := json.Unmarshal(d.Plan, &steps); err != nil {
		return w.save(ctx, dead(d, "the stored plan does not read: "+err.Error()))
	}
	if len(d.Results) > 0 {
		if err := json.Unmarshal(d.Results, &results); err != nil {
			return w.save(ctx, dead(d, "the stored results do not read: "+err.Error()))
		}
	}
	done := map[int]bool{}
	for _, r := range results {
		if r.Class == classOK || r.Class == classGone {
			done[r.Step] = true
		}
	}
	client := w.client()
	for i, s := range steps {
		if done[i] {
			continue
		}
		r := call(ctx, client, w.Conn.GraphURL, acct.token, s, w.now())
		r.Step = i
		results = append(results, r)
		d.Results, _ = json.Marshal(results)
		switch r.Class {
		case classOK, classGone:
			d.State = store.DeliveryActing
			if err := w.save(ctx, d); err != nil {
				return err
			}
			continue
		case classExpired:
			w.log().ErrorContext(ctx, "meta page token expired", "ente", acct.ente, "page", acct.ID, "platform", acct.Platform)
			return w.save(ctx, dead(d, expiredError(acct, r)))
		}
		return w.save(ctx, w.retry(d, fmt.Sprintf("%s %s %s answered %d (%s)", s.Action, s.Method, s.Path, r.Status, r.Class)))
	}
	if w.Chain != nil && len(steps) > 0 {
		if err := w.chain(ctx, d, steps, results); err != nil {
			return w.save(ctx, w.retry(d, "record the actions in the audit log: "+err.Error()))
		}
	}
	d.State, d.LastError = store.DeliveryDone, ""
	return w.save(ctx, d)
}

// actionRecord is the body of a record of kind action.
type actionRecord struct {
	RecordID   string          `json:"record_id"`
	Kind       string          `json:"kind"`
	DecisionID string          `json:"decision_id"`
	At         string          `json:"at"`
	Outcome    string          `json:"outcome"`
	Actions    []engine.Action `json:"actions"`
	Platform   string          `json:"platform"`
	Results    []Result        `json:"results"`
}

// chain records the row's calls in the ente's chain. Its content id is
// the row's, so that a worker killed after recording and before saving
// the row records nothing the second time.
func (w *Worker) chain(ctx context.Context, d store.Delivery, steps []Step, results []Result) error {
	at := w.now()
	body := actionRecord{RecordID: "act_" + d.ID, Kind: store.KindAction, DecisionID: d.DecisionID,
		At: at.UTC().Format(time.RFC3339Nano), Outcome: steps[0].Outcome, Platform: d.Platform, Results: results}
	for _, s := range steps {
		body.Actions = append(body.Actions, engine.Action{Type: s.Action})
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	_, err = w.Chain.Record(ctx, store.Entry{
		DecisionID: body.RecordID, Ente: d.Ente, ContentID: "meta-action:" + d.ID, Outcome: body.Outcome,
		DecidedAt: at, Decision: raw, Input: []byte(`{}`), Platform: d.Platform, Kind: store.KindAction, Settles: d.DecisionID,
	})
	return err
}

// retry counts a failed attempt: later, with exponential backoff, or dead
// after the last.
func (w *Worker) retry(d store.Delivery, reason string) store.Delivery {
	d.Attempts++
	max := w.MaxAttempts
	if max <= 0 {
		max = DefaultMaxAttempts
	}
	if d.Attempts >= max {
		return dead(d, fmt.Sprintf("gave up after %d attempts: %s", d.Attempts, reason))
	}
	wait := cmpDur(w.Backoff, DefaultBackoff) << (d.Attempts - 1)
	if wait > maxBackoff || wait <= 0 {
		wait = maxBackoff
	}
	d.LastError, d.NextAttemptAt = reason, w.now().Add(wait)
	return d
}

func dead(d store.Delivery, reason string) store.Delivery {
	d.State, d.LastError = store.DeliveryDead, reason
	return d
}

func (w *Worker) save(ctx context.Context, d store.Delivery) error {
	if d.State == store.DeliveryDead {
		w.log().WarnContext(ctx, "meta delivery dead", "id", d.ID, "ente", d.Ente, "object", d.ObjectID, "err", d.LastError)
	}
	if err := w.Store.SaveDelivery(ctx, d); err != nil {
		return fmt.Errorf("save delivery %s: %w", d.ID, err)
	}
	return nil
}

func cmpDur(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
