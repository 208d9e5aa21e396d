package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/review"
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
	rec := s.loggedDecision(c, c.Param("id"))
	if rec == nil {
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
		s.problem(c, newProblem(probNoNotice, fmt.Sprintf("decision %q (outcome %s) carries no notice to its author: only a removal, a hiding or a block has one", rec.DecisionID, d.Outcome)))
		return
	}
	c.JSON(http.StatusOK, decisionNotice{
		DecisionID: d.DecisionID, Ente: d.Ente, Outcome: d.Outcome,
		Text: d.Notice.Text, Automated: d.Notice.Automated, AppealUntil: d.Notice.AppealUntil,
	})
}
