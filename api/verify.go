package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Verifier walks the hash chains of the audit log, as `galateo audit
// verify` does; *store.SQL satisfies it.
type Verifier interface {
	// Verify walks the chains of one ente ("" for all) and reports the
	// first record of each that was edited, removed or reordered.
	Verify(ctx context.Context, ente string) (store.Report, error)
}

// chainVerdict is one ente's chain in GET /audit/verify.
type chainVerdict struct {
	Ente    string `json:"ente"`
	Records int64  `json:"records"` // walked, up to the first bad record
	OK      bool   `json:"ok"`
	// Error says what is wrong with the first bad record; FirstBadSeq is
	// its position in the chain and FirstBadDecisionID its decision, when
	// the record is there (not when records at the end were removed).
	Error              string `json:"error,omitempty"`
	FirstBadSeq        int64  `json:"first_bad_seq,omitempty"`
	FirstBadDecisionID string `json:"first_bad_decision_id,omitempty"`
}

// verifyResponse is what GET /audit/verify answers.
type verifyResponse struct {
	OK      bool           `json:"ok"`      // every chain verifies
	Records int64          `json:"records"` // over every chain
	Chains  []chainVerdict `json:"chains"`  // by ente
}

// verifyChains answers GET /audit/verify: the chain of the ente asked
// for, or of every ente for a key of every ente, walked record by record.
// An ente with no record has an empty, intact chain. It changes nothing.
func (s *server) verifyChains(c *gin.Context) {
	ente, err := verifyQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, ente) {
		return
	}
	if s.verifier == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no audit log to verify"))
		return
	}
	longRunning(c)
	ctx := c.Request.Context()
	rep, err := s.verifier.Verify(ctx, ente)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("verify chains of %q: %w", ente, err))
		return
	}
	out := verifyResponse{OK: len(rep.Problems) == 0, Records: rep.Records, Chains: verdicts(rep)}
	if ente != "" && len(out.Chains) == 0 {
		out.Chains = []chainVerdict{{Ente: ente, OK: true}}
	}
	s.log.InfoContext(ctx, "audit verify", "ente", ente, "chains", len(out.Chains), "records", out.Records, "ok", out.OK)
	c.JSON(http.StatusOK, out)
}

// verifyQuery reads the ente of GET /audit/verify: required unless the
// request's key is of every ente, for whom no ente means all of them.
func verifyQuery(c *gin.Context) (string, error) {
	query := c.Request.URL.Query()
	errs := checkParams(query, "GET /audit/verify", "ente")
	ente := query.Get("ente")
	switch {
	case ente == "" && query.Has("ente"):
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "is empty: leave it out to verify every ente"})
	case ente == "" && scope(c) != nil:
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "is required: this API key is scoped to some enti"})
	case ente != "" && !idRe.MatchString(ente):
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "must be lower case letters, digits and underscores, starting with a letter"})
	}
	if errs != nil {
		return "", invalidQuery(errs...)
	}
	return ente, nil
}

// verdicts turns the store's report into one verdict per chain.
func verdicts(rep store.Report) []chainVerdict {
	out := make([]chainVerdict, 0, len(rep.Chains))
	for _, ch := range rep.Chains {
		v := chainVerdict{Ente: ch.Ente, Records: ch.Records, OK: ch.Problem == nil}
		if p := ch.Problem; p != nil {
			v.Error, v.FirstBadSeq, v.FirstBadDecisionID = p.Reason, p.Seq, p.DecisionID
		}
		out = append(out, v)
	}
	return out
}
