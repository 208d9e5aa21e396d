package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/replay"
)

// servingRef names, in GET /diff, the revision the ente serves.
const servingRef = "serving"

// diffParams are the query parameters of GET /diff.
var diffParams = []string{"ente", "from", "to", "since", "limit"}

// periodRe is a period back from now: days, hours or minutes.
var periodRe = regexp.MustCompile(`^([1-9][0-9]{0,5})([dhm])$`)

// diffQuery is a valid query of GET /diff.
type diffQuery struct {
	ente, from, to string
	since          time.Time // zero: no logged decision is replayed
	limit          int
}

// diff answers GET /diff: two revisions of an ente compared in their files,
// their Rego text and data, and their behaviour: the ente's fixtures and,
// with since, its logged decisions whose decision changes. It changes
// nothing.
func (s *server) diff(c *gin.Context) {
	longRunning(c)
	q, err := s.diffQuery(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, q.ente) {
		return
	}
	ctx := c.Request.Context()
	serving, err := s.decider.Ente(q.ente)
	if err != nil {
		// An ente whose policy does not load now still has its revisions.
		if _, failed := s.decider.Failed()[q.ente]; !failed {
			s.fail(c, err)
			return
		}
	}
	from, err := s.diffSide(ctx, q.ente, "from", q.from, serving)
	if err != nil {
		s.fail(c, err)
		return
	}
	to, err := s.diffSide(ctx, q.ente, "to", q.to, serving)
	if err != nil {
		s.fail(c, err)
		return
	}
	rep, err := diff.Compare(q.ente, from.Source, to.Source)
	if err != nil {
		s.fail(c, fmt.Errorf("diff %s: %w", q.ente, err))
		return
	}
	rep.From.Ref, rep.From.Revision = q.from, from.Revision
	rep.To.Ref, rep.To.Revision = q.to, to.Revision
	// The fixtures and the log are compared apart, so that a failure of
	// the log is answered as the store's.
	rep.Behaviour, err = diff.CompareBehaviour(ctx, from, to, diff.BehaviourOptions{Fixtures: s.fixtures})
	if err != nil {
		s.fail(c, fmt.Errorf("diff %s: fixtures: %w", q.ente, err))
		return
	}
	if !q.since.IsZero() {
		logged, err := diff.CompareBehaviour(ctx, from, to, diff.BehaviourOptions{Log: s.store, Since: q.since, Limit: q.limit})
		if err != nil {
			s.diffFailed(c, q.ente, err)
			return
		}
		b := rep.Behaviour
		b.Decisions, b.DecisionsReplayed, b.Skipped, b.Since = logged.Decisions, logged.DecisionsReplayed, logged.Skipped, logged.Since
	}
	s.log.InfoContext(ctx, "diff", "ente", q.ente, "from", from.Revision, "to", to.Revision,
		"files", len(rep.Files), "fixtures_changed", len(rep.Behaviour.Fixtures), "decisions_changed", len(rep.Behaviour.Decisions))
	c.JSON(http.StatusOK, rep)
}

// diffQuery reads and checks the query; a named revision or since needs
// the audit log, which is checked too.
func (s *server) diffQuery(c *gin.Context) (diffQuery, error) {
	query := c.Request.URL.Query()
	errs := checkParams(query, "GET /diff", diffParams...)
	bad := func(field, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: field, Reason: fmt.Sprintf(format, a...)})
	}
	q := diffQuery{ente: query.Get("ente"), from: query.Get("from"), to: query.Get("to")}
	switch {
	case q.ente == "":
		bad("ente", "is required")
	case !idRe.MatchString(q.ente):
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	}
	if !query.Has("to") {
		q.to = servingRef
	}
	for _, side := range []struct{ name, ref string }{{"from", q.from}, {"to", q.to}} {
		switch {
		case side.ref == "" && side.name == "from":
			bad("from", "is required: a revision (sha256: and 64 hex digits), serving or working")
		case side.ref != servingRef && side.ref != workingRef && !revisionRe.MatchString(side.ref):
			bad(side.name, "must be a revision (sha256: and 64 lower-case hex digits), serving or working")
		}
	}
	if v := query.Get("since"); v != "" {
		t, err := sinceTime(v, s.now())
		if err != nil {
			bad("since", "%v", err)
		}
		q.since = t
	} else if query.Has("since") {
		bad("since", "is empty: leave it out to replay no logged decision")
	}
	if v := query.Get("limit"); query.Has("limit") {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 1 || n > replay.MaxLimit:
			bad("limit", "must be a whole number from 1 to %d", replay.MaxLimit)
		case !query.Has("since"):
			bad("limit", "bounds the logged decisions replayed since a time: give since too")
		}
		q.limit = n
	}
	if errs != nil {
		return q, invalidQuery(errs...)
	}
	if (isStoredRef(q.from) || isStoredRef(q.to) || !q.since.IsZero()) && s.store == nil {
		return q, newProblem(probStoreUnavailable, "this server keeps no audit log: it can compare only the serving revision and the working copy")
	}
	if (q.from == workingRef || q.to == workingRef) && s.policies == "" {
		return q, newProblem(probNoWorkingCopy, errNoPolicies.Error()+": compare the serving revision and stored ones")
	}
	return q, nil
}

// isStoredRef reports whether a ref of GET /diff names a revision the
// store keeps, rather than the serving one or the working copy.
func isStoredRef(ref string) bool {
	return ref != servingRef && ref != workingRef
}

// sinceTime reads since: an RFC 3339 date-time, or a period back from now
// such as 30d, 12h or 90m.
func sinceTime(v string, now time.Time) (time.Time, error) {
	if m := periodRe.FindStringSubmatch(v); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute}[m[2]]
		t := now.Add(-time.Duration(n) * unit)
		if t.Before(engine.MinInstant) {
			return time.Time{}, errors.New("reaches back before 1900-01-01T00:00:00Z")
		}
		return t, nil
	}
	if _, err := time.Parse(time.RFC3339, v); err != nil {
		return time.Time{}, errors.New("must be an RFC 3339 date-time such as 2026-11-23T10:15:00+01:00, or a period such as 30d, 12h or 90m")
	}
	return engine.ParseInstant(v)
}

// diffSide is the revision that ref names: the serving one, the working
// copy, or one the store keeps, compiled once for every request that
// names it.
func (s *server) diffSide(ctx context.Context, ente, param, ref string, serving *engine.Ente) (*engine.Ente, error) {
	if ref == workingRef {
		w := s.workingCopyOf(ctx, ente, serving)
		if w.err != nil {
			return nil, invalidQuery(engine.FieldError{Field: param,
				Reason: truncate("is working, but the working copy does not load: "+w.err.Error(), 300)})
		}
		return w.ent, nil
	}
	if ref == servingRef {
		if serving == nil {
			return nil, invalidQuery(engine.FieldError{Field: param,
				Reason: fmt.Sprintf("is serving, but no revision of %s serves: its policy did not load; name a revision", ente)})
		}
		return serving, nil
	}
	if serving != nil && serving.Revision == ref {
		return serving, nil
	}
	ent, err := s.storedRevision(ctx, ref, "compare the serving one only")
	var cf *compileFailure
	if errors.As(err, &cf) {
		return nil, invalidQuery(engine.FieldError{Field: param, Reason: truncate(cf.Error(), 300)})
	}
	if err != nil {
		return nil, err
	}
	if ent.ID != ente {
		return nil, invalidQuery(engine.FieldError{Field: param, Reason: fmt.Sprintf("is a revision of ente %s, not of %s", ent.ID, ente)})
	}
	return ent, nil
}

// diffFailed answers a failure to replay the log: a record that cannot be
// replayed (500, naming it), or a store that cannot be read (503).
func (s *server) diffFailed(c *gin.Context, ente string, err error) {
	var de *replay.DecisionError
	if errors.As(err, &de) {
		p := newProblem(probInternal, truncate(err.Error(), 300))
		p.cause = err
		s.problem(c, p)
		return
	}
	s.storeFailed(c, fmt.Errorf("diff %s: %w", ente, err))
}
