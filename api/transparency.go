package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/report"
)

// Transparency builds transparency reports; a *store.SQL, through
// report.Build, serves it.
type Transparency func(ctx context.Context, ente string, from, to time.Time) (*report.Report, error)

// transparencyParams are the query parameters of GET /transparency.
var transparencyParams = []string{"ente", "from", "to", "format"}

// transparency answers GET /transparency: an ente's report for a period,
// as JSON or as the CSV docs/transparency.md describes.
func (s *server) transparency(c *gin.Context) {
	if s.report == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no audit log, so no transparency report"))
		return
	}
	q := c.Request.URL.Query()
	var errs []engine.FieldError
	bad := func(name, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: name, Reason: fmt.Sprintf(format, a...)})
	}
	errs = append(errs, checkParams(q, "GET /transparency", transparencyParams...)...)
	ente := q.Get("ente")
	switch {
	case ente == "":
		bad("ente", "is required: a report is of one ente")
	case !idRe.MatchString(ente):
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	}
	instant := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			bad(name, "is required (RFC 3339), such as 2026-11-01T00:00:00+01:00")
			return time.Time{}
		}
		t, err := engine.ParseInstant(v)
		if err != nil {
			bad(name, "%v", err)
		}
		return t
	}
	from, to := instant("from"), instant("to")
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		bad("to", "must be later than from")
	}
	format := q.Get("format")
	if format != "" && format != "json" && format != "csv" {
		bad("format", "must be json or csv")
	}
	if errs != nil {
		slices.SortFunc(errs, func(a, b engine.FieldError) int { return strings.Compare(a.Field, b.Field) })
		s.problem(c, invalidQuery(errs...))
		return
	}
	if !s.mayEnte(c, ente) {
		return
	}
	rep, err := s.report(c.Request.Context(), ente, from, to)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("transparency report of %s: %w", ente, err))
		return
	}
	if format == "csv" {
		var b bytes.Buffer
		if err := rep.WriteCSV(&b); err != nil {
			s.fail(c, err)
			return
		}
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="trasparenza-%s-%s.csv"`, ente, from.Format("2006-01-02")))
		c.Data(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
		return
	}
	c.JSON(http.StatusOK, rep)
}

// Report serves GET /transparency from the audit log src.
func Report(src report.Source) Transparency {
	return func(ctx context.Context, ente string, from, to time.Time) (*report.Report, error) {
		return report.Build(ctx, src, ente, from, to)
	}
}
