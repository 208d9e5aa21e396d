package engine

import (
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/topdown"
)

// PolicyError is an ente's policy failing on a request: a runtime error of
// its Rego (a division by zero, a conflict between rules, a built-in
// given a value it cannot take) or a result that is no decision. It is
// the policy's fault, not the request's and not the server's code; the
// client is told which ente and revision, the log gets where.
type PolicyError struct {
	Ente     string
	Revision string
	// Location is file:row:col of the Rego expression that failed, ""
	// when the error has none.
	Location string
	Err      error
}

func (e *PolicyError) Error() string {
	where := ""
	if e.Location != "" {
		where = " at " + e.Location
	}
	return fmt.Sprintf("policy of %s (revision %s) failed%s: %v", e.Ente, e.Revision, where, e.Err)
}

func (e *PolicyError) Unwrap() error { return e.Err }

// policyError wraps err of evaluating ent's policy, with the location OPA
// gives for it.
func policyError(ent *Ente, err error) *PolicyError {
	pe := &PolicyError{Ente: ent.ID, Revision: ent.Revision, Err: err}
	var te *topdown.Error
	if errors.As(err, &te) && te.Location != nil {
		pe.Location = fmt.Sprintf("%s:%d:%d", te.Location.File, te.Location.Row, te.Location.Col)
	}
	return pe
}
