package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

// decisionNotice is the answer of GET /decisions/{id}/notice: the notice
// to the author of a removal, hiding or block, as the logged decision
// carries it, with the decision it belongs to.
type decisionNotice struct {
	DecisionID  string `json:"decision_id"`
	Ente        string `json:"ente"`
	Outcome     string `json:"outcome"`
	Text        string `json:"text"`
	Automated   bool   `json:"automated"`
	AppealUntil string `json:"appeal_until"`
}

// getNotice answers GET /decisions/{id}/notice from the audit log: what
// the author is told, to send through the platform or by other means. It
// is the notice of the decision in effect: the logged decision's, or that
// of the person who since resolved it or overturned it on appeal. A
// decision that neither hides, removes nor blocks has none.
func (s *server) getNotice(c *gin.Context) {
	if !s.hasStore(c) {
		return
	}
	id := c.Param("id")
	rec, err := s.store.Get(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.problem(c, newProblem(probUnknownDecision, fmt.Sprintf("no decision %q is in the audit log", truncate(id, 100))))
		return
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("get decision: %w", err))
		return
	}
	if !s.mayEnte(c, rec.Ente) {
		return
	}
	var d struct {
		DecisionID string         `json:"decision_id"`
		Ente       string         `json:"ente"`
		Outcome    string         `json:"outcome"`
		Notice     *engine.Notice `json:"notice"`
	}
	if err := json.Unmarshal(rec.Decision, &d); err != nil {
		s.fail(c, fmt.Errorf("decision %s of %s: the stored decision: %w", rec.DecisionID, rec.Ente, err))
		return
	}
	if rec.ByPerson() {
		s.problem(c, newProblem(probUnknownDecision, fmt.Sprintf("%s is not a decision but a %s record of decision %s", truncate(id, 100), rec.Kind, rec.Settles)))
		return
	}
	if s.reviews != nil {
		// A person's decision since (a resolution, an appeal overturned)
		// owes its own notice, or none.
		settled, err := s.reviews.Settlements(c.Request.Context(), rec.DecisionID)
		if err != nil {
			s.storeFailed(c, fmt.Errorf("records settling %s: %w", rec.DecisionID, err))
			return
		}
		st := review.Effective(rec, settled)
		d.Outcome, d.Notice = st.Outcome, st.Notice
	}
	if d.Notice == nil {
		s.problem(c, newProblem(probNoNotice, fmt.Sprintf("decision %q (outcome %s) carries no notice to its author: only a removal, a hiding or a block has one", truncate(id, 100), d.Outcome)))
		return
	}
	c.JSON(http.StatusOK, decisionNotice{
		DecisionID: d.DecisionID, Ente: d.Ente, Outcome: d.Outcome,
		Text: d.Notice.Text, Automated: d.Notice.Automated, AppealUntil: d.Notice.AppealUntil,
	})
}
