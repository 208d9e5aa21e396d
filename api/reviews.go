package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/review"
	"github.com/galateo/galateo/store"
)

// Reviews is the review queue and appeals; *review.Service over a
// *store.SQL satisfies it.
type Reviews interface {
	List(ctx context.Context, f store.ReviewFilter) ([]store.Review, string, error)
	Item(ctx context.Context, id string) (*store.Review, error)
	Claim(ctx context.Context, id, reviewer string, d time.Duration) (store.Review, error)
	Release(ctx context.Context, id, reviewer string) (store.Review, error)
	Resolve(ctx context.Context, id, reviewer string, r review.Resolution) (store.Record, store.Review, error)
	File(ctx context.Context, id string, a review.Appeal) (store.Record, store.Review, error)
	Settlements(ctx context.Context, decisionID string) ([]store.Record, error)
}

// reviewItem is a review item as the API shows it.
type reviewItem struct {
	ID           string   `json:"id"`
	Ente         string   `json:"ente"`
	Kind         string   `json:"kind"`
	State        string   `json:"state"`
	DecisionID   string   `json:"decision_id"`
	AppealID     string   `json:"appeal_id,omitempty"`
	Proposed     string   `json:"proposed_outcome,omitempty"`
	Categories   []string `json:"categories"`
	CreatedAt    string   `json:"created_at"`
	Due          string   `json:"due"`
	Overdue      bool     `json:"overdue"`
	Excluded     string   `json:"excluded_reviewer,omitempty"`
	ClaimedBy    string   `json:"claimed_by,omitempty"`
	ClaimUntil   string   `json:"claim_until,omitempty"`
	ResolvedAt   string   `json:"resolved_at,omitempty"`
	ResolvedBy   string   `json:"resolved_by,omitempty"`
	ResolutionID string   `json:"resolution_id,omitempty"`
}

func instant(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// itemOf shows r at now; decided, when known, gives the proposal (else
// the item's own, as a list of the queue reads it).
func itemOf(r store.Review, decided *store.Record, now time.Time) reviewItem {
	it := reviewItem{
		ID: r.ID, Ente: r.Ente, Kind: r.Kind, State: r.State, DecisionID: r.DecisionID, AppealID: r.AppealID,
		CreatedAt: instant(&r.CreatedAt), Due: instant(&r.DueAt), Excluded: r.Excluded,
		ClaimedBy: r.ClaimedBy, ClaimUntil: instant(r.ClaimUntil), ResolvedAt: instant(r.ResolvedAt),
		ResolvedBy: r.ResolvedBy, ResolutionID: r.ResolutionID, Categories: []string{},
		Overdue: r.State != store.StateResolved && now.After(r.DueAt),
	}
	it.Proposed = r.Proposed
	it.Categories = append(it.Categories, r.Categories...)
	if decided != nil {
		it.Proposed = decided.Outcome
		it.Categories = append([]string{}, decided.Categories...)
	}
	return it
}

// hasReviews answers 503 when the server keeps no review queue.
func (s *server) hasReviews(c *gin.Context) bool {
	if s.reviews == nil || s.store == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no audit log, so no review queue"))
		return false
	}
	return true
}

// reviewParams are the query parameters of GET /reviews.
var reviewParams = []string{"ente", "state", "kind", "cursor", "limit"}

func parseReviewFilter(q url.Values) (store.ReviewFilter, error) {
	var f store.ReviewFilter
	var errs []engine.FieldError
	bad := func(name, format string, a ...any) {
		errs = append(errs, engine.FieldError{Field: name, Reason: fmt.Sprintf(format, a...)})
	}
	errs = append(errs, checkParams(q, "GET /reviews", reviewParams...)...)
	if v := q.Get("ente"); v != "" && !idRe.MatchString(v) {
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	} else {
		f.Ente = v
	}
	states := []string{store.StateOpen, store.StateClaimed, store.StateResolved}
	if v := q.Get("state"); v != "" && !slices.Contains(states, v) {
		bad("state", "must be one of %s", strings.Join(states, ", "))
	} else {
		f.State = v
	}
	kinds := []string{store.ReviewOfDecision, store.ReviewOfAppeal}
	if v := q.Get("kind"); v != "" && !slices.Contains(kinds, v) {
		bad("kind", "must be one of %s", strings.Join(kinds, ", "))
	} else {
		f.Kind = v
	}
	f.Cursor, f.Limit = pageParams(q, bad)
	if errs != nil {
		return f, invalidQuery(errs...)
	}
	return f, nil
}

// listReviews answers GET /reviews: the queue by due time, earliest first.
func (s *server) listReviews(c *gin.Context) {
	if !s.hasReviews(c) {
		return
	}
	f, err := parseReviewFilter(c.Request.URL.Query())
	if err != nil {
		s.fail(c, err)
		return
	}
	if f.Ente != "" && !s.mayEnte(c, f.Ente) {
		return
	}
	f.Enti, f.Now = scope(c), s.now()
	items, next, err := s.reviews.List(c.Request.Context(), f)
	if errors.Is(err, store.ErrBadCursor) {
		s.problem(c, invalidQuery(engine.FieldError{Field: "cursor", Reason: "is not a cursor of this list: pass next_cursor as it was given"}))
		return
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list reviews: %w", err))
		return
	}
	out := make([]reviewItem, 0, len(items))
	for _, r := range items {
		out = append(out, itemOf(r, nil, f.Now))
	}
	c.JSON(http.StatusOK, gin.H{"reviews": out, "next_cursor": next})
}

// reviewItemIn reads the item of the path and checks the key's scope; nil
// when it answered.
func (s *server) reviewItemIn(c *gin.Context) *store.Review {
	id := c.Param("id")
	r, err := s.reviews.Item(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.problem(c, newProblem(probUnknownReview, fmt.Sprintf("no review item %q is in the queue", truncate(id, 100))))
		return nil
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("get review: %w", err))
		return nil
	}
	if !s.mayEnte(c, r.Ente) {
		return nil
	}
	return r
}

// getReview answers GET /reviews/{id}: the item and the decision it is about.
func (s *server) getReview(c *gin.Context) {
	if !s.hasReviews(c) {
		return
	}
	r := s.reviewItemIn(c)
	if r == nil {
		return
	}
	decided, err := s.store.Get(c.Request.Context(), r.DecisionID)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("decision of review %s: %w", r.ID, err))
		return
	}
	out := gin.H{"review": itemOf(*r, decided, s.now()), "decision": json.RawMessage(decided.Decision)}
	if content, ok := reviewedContent(decided); ok {
		out["content"] = content
	}
	c.JSON(http.StatusOK, out)
}

// reviewedContent is what a reviewer judges: the content as the log keeps
// it (personal data masked), with its channel and thread. A record whose
// input retention purged has none.
func reviewedContent(r *store.Record) (gin.H, bool) {
	if r.Purged || len(r.Input) == 0 {
		return nil, false
	}
	var in struct {
		Channel engine.Channel `json:"channel"`
		Content struct {
			Kind      string         `json:"kind"`
			Text      string         `json:"text"`
			CreatedAt string         `json:"created_at"`
			Thread    *engine.Thread `json:"thread"`
		} `json:"content"`
	}
	if json.Unmarshal(r.Input, &in) != nil {
		return nil, false
	}
	out := gin.H{"platform": in.Channel.Platform, "kind": in.Content.Kind, "text": in.Content.Text}
	if in.Content.CreatedAt != "" {
		out["created_at"] = in.Content.CreatedAt
	}
	if t := in.Content.Thread; t != nil && t.Text != "" {
		out["thread_text"] = t.Text
	}
	return out, true
}

// reviewerRequest is the reviewer part of the bodies of the queue's
// actions: who acts is the API key; a server without keys (loopback, for
// trying it out) takes the name given.
type reviewerRequest struct {
	Reviewer string `json:"reviewer,omitempty"`
}

// reviewer names who acts: the API key's id, or without keys the name of
// the body.
func (s *server) reviewer(c *gin.Context, named string) (string, error) {
	if id := keyIDOf(c); id != "" {
		if named != "" && named != id {
			return "", invalidFields(engine.FieldError{Field: "reviewer", Reason: "is the API key's (" + id + "): leave it out"})
		}
		return id, nil
	}
	if named == "" {
		return "", invalidFields(engine.FieldError{Field: "reviewer", Reason: "is required on a server without API keys: the name of who acts"})
	}
	if len(named) > 64 {
		return "", invalidFields(engine.FieldError{Field: "reviewer", Reason: "is longer than 64 bytes"})
	}
	return named, nil
}

// claimRequest is the body of POST /reviews/{id}/claim (optional).
type claimRequest struct {
	reviewerRequest
	Minutes int `json:"minutes,omitempty"`
}

// optionalBody decodes a body when there is one.
func optionalBody(c *gin.Context, v any, validate func() error) error {
	if c.Request.ContentLength == 0 {
		return nil
	}
	return bindJSON(c, 16<<10, v, validate)
}

// claimReview answers POST /reviews/{id}/claim.
func (s *server) claimReview(c *gin.Context) {
	var req claimRequest
	s.actOnItem(c, &req, &req.reviewerRequest, func(id, who string) (store.Review, error) {
		return s.reviews.Claim(c.Request.Context(), id, who, time.Duration(req.Minutes)*time.Minute)
	})
}

// releaseReview answers POST /reviews/{id}/release.
func (s *server) releaseReview(c *gin.Context) {
	var req reviewerRequest
	s.actOnItem(c, &req, &req, func(id, who string) (store.Review, error) {
		return s.reviews.Release(c.Request.Context(), id, who)
	})
}

// actOnItem reads the optional body into req, names the reviewer (of who),
// finds the item of the path and answers what act does to it.
func (s *server) actOnItem(c *gin.Context, req any, who *reviewerRequest, act func(id, reviewer string) (store.Review, error)) {
	if !s.hasReviews(c) {
		return
	}
	if err := optionalBody(c, req, func() error { return nil }); err != nil {
		s.fail(c, err)
		return
	}
	reviewer, err := s.reviewer(c, who.Reviewer)
	if err != nil {
		s.fail(c, err)
		return
	}
	r := s.reviewItemIn(c)
	if r == nil {
		return
	}
	got, err := act(r.ID, reviewer)
	s.answerItem(c, got, err)
}

func (s *server) answerItem(c *gin.Context, r store.Review, err error) {
	if err != nil {
		s.failReview(c, err)
		return
	}
	decided, err := s.store.Get(c.Request.Context(), r.DecisionID)
	if err != nil {
		s.storeFailed(c, err)
		return
	}
	c.JSON(http.StatusOK, itemOf(r, decided, s.now()))
}

// failReview maps the errors of the queue and of appeals.
func (s *server) failReview(c *gin.Context, err error) {
	var (
		invalid *review.InvalidError
		late    *review.LateError
	)
	switch {
	case errors.As(err, &invalid):
		s.problem(c, invalidFields(invalid.Fields...))
	case errors.Is(err, store.ErrNotFound):
		s.problem(c, newProblem(probUnknownDecision, "no such decision is in the audit log"))
	case errors.Is(err, store.ErrResolved), errors.Is(err, store.ErrClaimed), errors.Is(err, store.ErrNotHolder), errors.Is(err, store.ErrExcluded):
		s.problem(c, newProblem(probReviewConflict, err.Error()))
	case errors.Is(err, store.ErrAppealed), errors.Is(err, store.ErrNotDecision):
		s.problem(c, newProblem(probAppealRefused, err.Error()+": an appeal is filed once, against the decision itself, and its outcome cannot be appealed again"))
	case errors.As(err, &late):
		s.problem(c, newProblem(probAppealLate, late.Error()))
	case errors.Is(err, review.ErrNothingToAppeal):
		s.problem(c, newProblem(probAppealRefused, err.Error()+": there is nothing to appeal"))
	default:
		var p *problem
		var unknown *engine.UnknownEnteError
		if errors.As(err, &p) || errors.As(err, &unknown) || errors.Is(err, engine.ErrUnknownEnte) {
			s.fail(c, err)
			return
		}
		s.storeFailed(c, err)
	}
}

// resolveRequest is the body of POST /reviews/{id}/resolve.
type resolveRequest struct {
	reviewerRequest
	review.Resolution
}

// resolveReview answers POST /reviews/{id}/resolve: a person's decision,
// recorded in the ente's chain.
func (s *server) resolveReview(c *gin.Context) {
	if !s.hasReviews(c) {
		return
	}
	var req resolveRequest
	if err := bindJSON(c, 16<<10, &req, func() error { return nil }); err != nil {
		s.fail(c, err)
		return
	}
	who, err := s.reviewer(c, req.Reviewer)
	if err != nil {
		s.fail(c, err)
		return
	}
	r := s.reviewItemIn(c)
	if r == nil {
		return
	}
	rec, item, err := s.reviews.Resolve(c.Request.Context(), r.ID, who, req.Resolution)
	s.answerRecord(c, http.StatusOK, rec, item, err)
}

// answerRecord answers a person's record just added to the chain with its
// item of the queue, or the error that prevented it.
func (s *server) answerRecord(c *gin.Context, status int, rec store.Record, item store.Review, err error) {
	if err != nil {
		s.failReview(c, err)
		return
	}
	body, err := settlementOf(&rec)
	if err != nil {
		s.fail(c, err)
		return
	}
	decided, err := s.store.Get(c.Request.Context(), item.DecisionID)
	if err != nil {
		s.storeFailed(c, err)
		return
	}
	s.log.InfoContext(c.Request.Context(), "person's record", "ente", item.Ente, "kind", rec.Kind, "review", item.ID, "record", rec.DecisionID, "outcome", rec.Outcome)
	c.JSON(status, gin.H{"review": itemOf(item, decided, s.now()), "record": body})
}

// appealRequest is the body of POST /decisions/{id}/appeals.
type appealRequest struct {
	review.Appeal
}

// fileAppeal answers POST /decisions/{id}/appeals: 201 with the appeal's
// record and its item in the queue.
func (s *server) fileAppeal(c *gin.Context) {
	if !s.hasReviews(c) {
		return
	}
	var req appealRequest
	if err := bindJSON(c, 16<<10, &req, func() error { return nil }); err != nil {
		s.fail(c, err)
		return
	}
	id := c.Param("id")
	if s.loggedDecision(c, id) == nil {
		return
	}
	rec, item, err := s.reviews.File(c.Request.Context(), id, req.Appeal)
	s.answerRecord(c, http.StatusCreated, rec, item, err)
}

// settlementMeta is what the chain adds to a person's record.
type settlementMeta struct {
	Seq        int64  `json:"seq"`
	RecordedAt string `json:"recorded_at"`
	PrevHash   string `json:"prev_hash"`
	Hash       string `json:"hash"`
}

// settlementOf shows a person's record with its place in the chain.
func settlementOf(r *store.Record) (json.RawMessage, error) {
	return withMembers(r.Decision, settlementMeta{Seq: r.Seq, RecordedAt: instant(&r.RecordedAt), PrevHash: r.PrevHash, Hash: r.Hash})
}
