package engine

import (
	"context"
	"maps"
	"slices"

	"github.com/galateo/galateo/engine/facts"
)

// Classifier scores the text of a request that carries no signals of its
// own (WithClassifier). Package engine/classify provides one for
// OpenAI-compatible moderation and chat endpoints.
//
// Classify never fails a decision: whatever goes wrong is a Status, and the
// decision goes on without signals. It must honour ctx.
type Classifier interface {
	Classify(ctx context.Context, text string) Classification
}

// Classification is what a Classifier made of one text.
type Classification struct {
	Provider string // the name the deployment gave the provider
	Status   string // one of ClassifierStatuses
	// Signals are scores in [0,1] by Galateo signal name; empty unless
	// Status is ClassifierOK or ClassifierCached.
	Signals map[string]float64
}

// Statuses of a Classification.
const (
	ClassifierOK          = "ok"          // the provider answered
	ClassifierCached      = "cached"      // the provider's answer for the same text, kept
	ClassifierFailed      = "failed"      // the provider answered with an error or something unreadable
	ClassifierTimeout     = "timeout"     // no answer within the deadline
	ClassifierUnavailable = "unavailable" // not asked: the circuit breaker is open after repeated failures
)

// ClassifierStatuses lists the statuses, as the API documents them.
var ClassifierStatuses = []string{ClassifierOK, ClassifierCached, ClassifierFailed, ClassifierTimeout, ClassifierUnavailable}

// ClassifierReport says in a decision whether its signals came from the
// deployment's classifier, and if not why not. A decision has none when the
// client sent signals, when the text is empty or when no classifier is
// configured.
type ClassifierReport struct {
	Status   string `json:"status"`
	Provider string `json:"provider"`
}

// WithClassifier sets the classifier that fills the signals of requests
// that carry none (default: none).
func WithClassifier(c Classifier) Option { return func(e *Engine) { e.classifier = c } }

// classify returns r with the signals the classifier gives for its text
// (f.Text), and the report of the decision. r itself is not changed: the caller's request
// stays as it was sent. The signals become part of the evaluated input and
// so of the audit record, which is why a replay never asks the classifier.
func (e *Engine) classify(ctx context.Context, r *Request, ent *Ente, f *facts.Facts) (*Request, *ClassifierReport) {
	if e.classifier == nil || len(r.Signals) > 0 || f.Text == "" {
		return r, nil
	}
	// The provider may be a third party: it sees the text as the audit log
	// keeps it, with personal data masked.
	c := e.classifier.Classify(ctx, maskFacts(*f, ent.params.public).Text)
	rep := &ClassifierReport{Status: c.Status, Provider: c.Provider}
	if c.Status != ClassifierOK && c.Status != ClassifierCached {
		return r, rep
	}
	sig := make(map[string]float64, len(c.Signals))
	// The provider is checked like a client: a score that a request could
	// not carry is not evaluated.
	for _, k := range slices.Sorted(maps.Keys(c.Signals)) { // sorted: the same answer keeps the same scores
		if v := c.Signals[k]; signalRe.MatchString(k) && v >= 0 && v <= 1 && len(sig) < MaxSignals {
			sig[k] = v
		}
	}
	if len(sig) == 0 {
		rep.Status = ClassifierFailed // nothing usable came back
		return r, rep
	}
	out := *r
	out.Signals = sig
	return &out, rep
}
