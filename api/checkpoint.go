package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store/checkpoint"
)

// Checkpointer signs the head of every ente's chain and keeps the
// checkpoints outside the database (store/checkpoint).
type Checkpointer interface {
	Checkpoint(ctx context.Context) ([]checkpoint.Checkpoint, error)
}

// checkpoint answers POST /admin/checkpoint: a checkpoint of every chain
// head now, besides the periodic ones, e.g. before a database maintenance.
func (s *server) checkpoint(c *gin.Context) {
	if s.checkpointer == nil {
		s.problem(c, newProblem(probNoCheckpoints, "this server was started without -checkpoint-key and -checkpoints"))
		return
	}
	if c.Request.ContentLength > 0 {
		s.problem(c, invalidFields(engine.FieldError{Field: "body", Reason: "must be empty: a checkpoint signs the chain heads as they are"}))
		return
	}
	cps, err := s.checkpointer.Checkpoint(c.Request.Context())
	if err != nil {
		p := newProblem(probNoCheckpoints, "the chain heads could not be read or the checkpoints file written; retry later")
		p.cause = err
		s.problem(c, p)
		return
	}
	c.JSON(http.StatusOK, gin.H{"checkpoints": cps})
}
