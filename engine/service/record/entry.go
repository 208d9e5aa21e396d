// Package record is what lies between a decision and the audit log: the
// entry the log keeps of an evaluation, and the author's history the engine
// reads back from the log. It is above both the engine and the store,
// which know nothing of each other.
package record

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Entry turns an evaluation into the entry the audit log keeps: the
// decision, the masked evaluated input, the author's pseudonym, and what
// the decision adds to the author's history.
func Entry(ev *engine.Evaluation, p *store.Pseudonymizer) (store.Entry, error) {
	d := ev.Decision
	author := p.Of(d.Ente, ev.Request.Author.ID)
	decision, err := json.Marshal(d)
	if err != nil {
		return store.Entry{}, fmt.Errorf("encode decision: %w", err)
	}
	input, err := ev.AuditInput(author)
	if err != nil {
		return store.Entry{}, fmt.Errorf("encode evaluated input: %w", err)
	}
	e := store.Entry{
		DecisionID: d.DecisionID, Ente: d.Ente, Revision: d.Policy.Revision,
		ContentID: ev.Request.Content.ID, Author: author, Outcome: d.Outcome,
		DecidedAt: ev.Now, Decision: decision, Input: input, Fingerprint: ev.Fingerprint,
		Platform: ev.Request.Channel.Platform,
	}
	if d.Review.Required {
		// A person must look at it: it enters the review queue, due when
		// the decision says (staffed hours and reply deadlines), or now.
		due := ev.Now
		if d.Review.Due != "" {
			t, err := time.Parse(time.RFC3339, d.Review.Due)
			if err != nil {
				return store.Entry{}, fmt.Errorf("review due %q: %w", d.Review.Due, err)
			}
			due = t
		}
		e.ReviewDue = &due
	}
	for _, v := range d.Violations {
		if !slices.Contains(e.Categories, v.Category) {
			e.Categories = append(e.Categories, v.Category)
		}
	}
	// What the decision adds to the author's history is the policy's word
	// (policies/lib/history.rego), not a rule of this package.
	h := ev.Effect
	e.Counted, e.Warned, e.Blocked, e.BlockedUntil = h.Violation, h.Warning, h.Block, h.BlockUntil
	return e, nil
}
