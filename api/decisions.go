package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

// MaxPageSize bounds limit in GET /decisions.
const MaxPageSize = 500

var (
	// idRe is the syntax of ente ids and categories (engine.Request checks
	// enti the same way).
	idRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	// pseudonymRe is the syntax of store.Pseudonymizer's pseudonyms.
	pseudonymRe = regexp.MustCompile(`^ps_[0-9a-f]{32}$`)
)

// recordMeta is what the audit log adds to a stored decision in
// GET /decisions: where and when it was recorded.
type recordMeta struct {
	Seq        int64  `json:"seq"`
	Revision   string `json:"revision"`
	DecidedAt  string `json:"decided_at"`
	RecordedAt string `json:"recorded_at"`
	ContentID  string `json:"content_id,omitempty"`
	Author     string `json:"author_pseudonym,omitempty"`
}

// auditMeta is what GET /decisions/{id} adds besides: the evaluated input
// as the log keeps it, and the chain.
type auditMeta struct {
	recordMeta
	Input       json.RawMessage `json:"input"` // null once purged
	InputDigest string          `json:"input_digest"`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
	Purged      bool            `json:"purged"`
	// A decision says what people made of it: its effective outcome
	// (the latest person's, else the rules'), who set it, and the
	// people's records in chain order.
	EffectiveOutcome string            `json:"effective_outcome,omitempty"`
	EffectiveBy      string            `json:"effective_by,omitempty"` // rules or person
	Settlements      []json.RawMessage `json:"settlements,omitzero"`
}

// decisionPage is the body of GET /decisions.
type decisionPage struct {
	Decisions  []json.RawMessage `json:"decisions"`
	NextCursor string            `json:"next_cursor"`
}

// unblockRequest is the body of POST /admin/authors/unblock.
type unblockRequest struct {
	Ente   string `json:"ente"`
	Author string `json:"author"`
}

// unblockResult answers POST /admin/authors/unblock.
type unblockResult struct {
	Lifted bool `json:"lifted"`
}

func metaOf(r *store.Record) recordMeta {
	return recordMeta{
		Seq: r.Seq, Revision: r.Revision,
		DecidedAt:  r.DecidedAt.UTC().Format(time.RFC3339Nano),
		RecordedAt: r.RecordedAt.UTC().Format(time.RFC3339Nano),
		ContentID:  r.ContentID, Author: r.Author,
	}
}

// withMembers adds the members of extra, a struct encoding as a JSON
// object, to the stored decision, keeping the decision's bytes exactly as
// they were answered.
func withMembers(decision []byte, extra any) (json.RawMessage, error) {
	d := bytes.TrimSpace(decision)
	if len(d) < 2 || d[0] != '{' || !json.Valid(d) {
		return nil, errors.New("the stored decision is not a JSON object")
	}
	x, err := json.Marshal(extra)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(d)+len(x))
	out = append(out, d[:len(d)-1]...)
	if len(bytes.TrimSpace(d[1:len(d)-1])) > 0 {
		out = append(out, ',')
	}
	return append(out, x[1:]...), nil
}

// hasStore answers 503 when the server keeps no audit log.
func (s *server) hasStore(c *gin.Context) bool {
	if s.store == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no audit log"))
		return false
	}
	return true
}

// listDecisions answers GET /decisions: recorded decisions, newest first.
func (s *server) listDecisions(c *gin.Context) {
	if !s.hasStore(c) {
		return
	}
	f, err := parseFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	if f.Ente != "" && !s.mayEnte(c, f.Ente) {
		return
	}
	f.Enti = scope(c)
	recs, next, err := s.store.List(c.Request.Context(), f)
	if errors.Is(err, store.ErrBadCursor) {
		s.problem(c, invalidQuery(engine.FieldError{Field: "cursor", Reason: "is not a cursor of this list: pass next_cursor as it was given"}))
		return
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list decisions: %w", err))
		return
	}
	page := decisionPage{Decisions: make([]json.RawMessage, 0, len(recs)), NextCursor: next}
	for i := range recs {
		item, err := withMembers(recs[i].Decision, metaOf(&recs[i]))
		if err != nil {
			s.fail(c, fmt.Errorf("decision %s of %s: %w", recs[i].DecisionID, recs[i].Ente, err))
			return
		}
		page.Decisions = append(page.Decisions, item)
	}
	c.JSON(http.StatusOK, page)
}

// loggedDecision reads the decision id of the audit log and checks the
// key's scope; nil when it answered (unknown, the id of a person's record,
// another ente's, the log unreadable).
func (s *server) loggedDecision(c *gin.Context, id string) *store.Record {
	rec, err := s.store.Get(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.problem(c, newProblem(probUnknownDecision, fmt.Sprintf("no decision %q is in the audit log", truncate(id, 100))))
		return nil
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("get decision: %w", err))
		return nil
	}
	if !s.mayEnte(c, rec.Ente) {
		return nil
	}
	if rec.Settling() {
		// A person's record is shown with the decision it settles.
		s.problem(c, newProblem(probUnknownDecision, fmt.Sprintf("%s is not a decision but a %s record of decision %s: GET /decisions/%s shows it among its settlements", truncate(id, 100), rec.Kind, rec.Settles, rec.Settles)))
		return nil
	}
	return rec
}

// getDecision answers GET /decisions/{id}: one decision with its masked
// evaluated input and its place in the chain.
func (s *server) getDecision(c *gin.Context) {
	if !s.hasStore(c) {
		return
	}
	rec := s.loggedDecision(c, c.Param("id"))
	if rec == nil {
		return
	}
	meta := auditMeta{
		recordMeta: metaOf(rec), InputDigest: rec.InputDigest,
		PrevHash: rec.PrevHash, Hash: rec.Hash, Purged: rec.Purged,
	}
	if !rec.Purged {
		if !json.Valid(rec.Input) {
			s.fail(c, fmt.Errorf("decision %s of %s: the stored input is not JSON", rec.DecisionID, rec.Ente))
			return
		}
		meta.Input = rec.Input
	}
	if s.reviews != nil {
		settled, err := s.reviews.Settlements(c.Request.Context(), rec.DecisionID)
		if err != nil {
			s.storeFailed(c, fmt.Errorf("records settling %s: %w", rec.DecisionID, err))
			return
		}
		st := review.Effective(rec, settled)
		meta.EffectiveOutcome, meta.EffectiveBy = st.Outcome, "rules"
		if st.ByPerson {
			meta.EffectiveBy = "person"
		}
		for i := range settled {
			body, err := settlementOf(&settled[i])
			if err != nil {
				s.fail(c, fmt.Errorf("record %s: %w", settled[i].DecisionID, err))
				return
			}
			meta.Settlements = append(meta.Settlements, body)
		}
	}
	body, err := withMembers(rec.Decision, meta)
	if err != nil {
		s.fail(c, fmt.Errorf("decision %s of %s: %w", rec.DecisionID, rec.Ente, err))
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
}

// unblock answers POST /admin/authors/unblock: it lifts the author's blocks
// in force in the ente. Later decisions see no block; a replay of an
// earlier one still does.
func (s *server) unblock(c *gin.Context) {
	if !s.hasStore(c) {
		return
	}
	var req unblockRequest
	if err := bindJSON(c, 4<<10, &req, req.validate); err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, req.Ente) {
		return
	}
	if _, err := s.decider.Ente(req.Ente); err != nil {
		// An ente whose policy failed to load still has blocks to lift.
		if _, failed := s.decider.Failed()[req.Ente]; !failed {
			s.fail(c, err)
			return
		}
	}
	lifted, err := s.store.LiftBlock(c.Request.Context(), req.Ente, req.Author, s.now())
	if err != nil {
		s.storeFailed(c, fmt.Errorf("lift block in %s: %w", req.Ente, err))
		return
	}
	s.log.InfoContext(c.Request.Context(), "author unblocked",
		"ente", req.Ente, "author", req.Author, "lifted", lifted)
	c.JSON(http.StatusOK, unblockResult{Lifted: lifted})
}

func (u *unblockRequest) validate() error {
	var errs []engine.FieldError
	switch {
	case u.Ente == "":
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "is required"})
	case !idRe.MatchString(u.Ente):
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "must be lower case letters, digits and underscores, starting with a letter"})
	}
	switch {
	case u.Author == "":
		errs = append(errs, engine.FieldError{Field: "author", Reason: "is required"})
	case !pseudonymRe.MatchString(u.Author):
		errs = append(errs, engine.FieldError{Field: "author", Reason: pseudonymReason})
	}
	if errs != nil {
		return &engine.ValidationError{Fields: errs}
	}
	return nil
}

const pseudonymReason = "must be an author pseudonym as the audit log shows it (ps_ and 32 hex digits), not a platform id"

// listParams are the query parameters of GET /decisions, in the order
// their errors are listed.
var listParams = []string{"ente", "outcome", "category", "author", "from", "to", "cursor", "limit"}

// parseFilter reads the query of GET /decisions. Unknown and repeated
// parameters are errors: a mistyped filter must not silently list
// everything.
func parseFilter(q url.Values) (store.Filter, error) {
	var f store.Filter
	var errs []engine.FieldError
	bad := func(name, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: name, Reason: fmt.Sprintf(format, a...)})
	}
	errs = append(errs, checkParams(q, "GET /decisions", listParams...)...)
	get := func(name string) string { return q.Get(name) }
	if v := get("ente"); v != "" && !idRe.MatchString(v) {
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	} else {
		f.Ente = v
	}
	if v := get("outcome"); v != "" && !slices.Contains(engine.Outcomes, v) {
		bad("outcome", "must be one of %s", strings.Join(engine.Outcomes, ", "))
	} else {
		f.Outcome = v
	}
	if v := get("category"); v != "" && !idRe.MatchString(v) {
		bad("category", "must be a violation category such as offensive_language")
	} else {
		f.Category = v
	}
	if v := get("author"); v != "" && !pseudonymRe.MatchString(v) {
		bad("author", pseudonymReason)
	} else {
		f.Author = v
	}
	parseTime := func(name string) time.Time {
		v := get(name)
		if v == "" {
			return time.Time{}
		}
		t, err := engine.ParseInstant(v)
		if err != nil {
			bad(name, "%v", err)
		}
		return t
	}
	f.From, f.To = parseTime("from"), parseTime("to")
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		bad("to", "must be later than from")
	}
	f.Cursor, f.Limit = pageParams(q, bad)
	if errs != nil {
		return f, invalidQuery(errs...)
	}
	return f, nil
}

// pageParams reads cursor and limit, the paging parameters of a list,
// reporting what is wrong to bad.
func pageParams(q url.Values, bad func(name, format string, a ...any)) (cursor string, limit int) {
	if v := q.Get("cursor"); len(v) > 512 {
		bad("cursor", "is not a cursor of this list: pass next_cursor as it was given")
	} else {
		cursor = v
	}
	limit = 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			bad("limit", "must be a whole number from 1 to %d", MaxPageSize)
		}
		limit = n
	}
	return cursor, limit
}

// invalidQuery is the invalid-query problem listing parameters; its detail
// reads the first in full.
func invalidQuery(fields ...engine.FieldError) *problem {
	p := invalidFields(fields...)
	t := problemTypes[probInvalidQuery]
	p.Type, p.Title, p.Status = "/problems/"+probInvalidQuery, t.Title, t.Status
	return p
}
