package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/store"
)

// Meta is the Facebook and Instagram connector behind /webhooks/meta.
type Meta struct {
	Connector *meta.Connector
	Outbox    MetaOutbox
}

// MetaOutbox keeps the deliveries and lists them; *store.SQL is one.
type MetaOutbox interface {
	meta.Outbox
	Deliveries(ctx context.Context, f store.DeliveryFilter) ([]store.Delivery, error)
	Delivery(ctx context.Context, id string) (*store.Delivery, error)
	// Requeue gives a dead delivery to the worker again:
	// store.ErrNotDead otherwise.
	Requeue(ctx context.Context, id string, now time.Time) (store.Delivery, error)
}

// hasMeta answers 503 connector-not-configured when the server runs
// without a connector configuration.
func (s *server) hasMeta(c *gin.Context) bool {
	if s.meta == nil || s.meta.Connector == nil || s.meta.Outbox == nil {
		s.problem(c, newProblem(probNoConnector, "the Facebook and Instagram connector is not configured on this server (galateo serve -meta)"))
		return false
	}
	return true
}

// metaHandshake answers GET /webhooks/meta, Meta's subscription
// handshake: the challenge comes back only with the configured token.
func (s *server) metaHandshake(c *gin.Context) {
	if !s.hasMeta(c) {
		return
	}
	q := c.Request.URL.Query()
	if q.Get("hub.mode") != "subscribe" || !s.meta.Connector.VerifyToken(q.Get("hub.verify_token")) {
		s.problem(c, newProblem(probVerificationFailed, "hub.mode must be subscribe and hub.verify_token the configured verify token"))
		return
	}
	// Echoed as text that no browser may take for another type.
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(truncate(q.Get("hub.challenge"), 256)))
}

// metaDelivery answers POST /webhooks/meta. The signature is its
// authentication: a delivery that is not signed with the app secret is
// refused and nothing of it is stored. A signed one is stored in full in
// the outbox before it is acknowledged; the worker decides it later.
func (s *server) metaDelivery(c *gin.Context) {
	if !s.hasMeta(c) {
		return
	}
	if c.Request.ContentLength > meta.MaxDeliveryBytes {
		s.problem(c, newProblem(probBodyTooLarge, fmt.Sprintf("Content-Length %d is larger than %d bytes", c.Request.ContentLength, meta.MaxDeliveryBytes)))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, meta.MaxDeliveryBytes)
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.problem(c, newProblem(probBodyTooLarge, fmt.Sprintf("the delivery is larger than %d bytes", meta.MaxDeliveryBytes)))
			return
		}
		s.problem(c, newProblem(probMalformedJSON, "the body could not be read: the request was cut short"))
		return
	}
	if !s.meta.Connector.Authentic(body, c.GetHeader("X-Hub-Signature-256")) {
		s.problem(c, newProblem(probInvalidSignature, "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body under the app secret"))
		return
	}
	rec, err := s.meta.Connector.Receive(c.Request.Context(), s.meta.Outbox, s.log, body, s.now())
	var bad *meta.PayloadError
	switch {
	case errors.As(err, &bad):
		s.problem(c, newProblem(probInvalidDelivery, truncate(bad.Reason, 300)))
	case err != nil:
		s.storeFailed(c, fmt.Errorf("store a meta delivery: %w", err))
	default:
		c.JSON(http.StatusOK, rec)
	}
}

// outboxParams are the query parameters of GET /admin/meta/outbox.
var outboxParams = []string{"state", "limit"}

// deliveryView is a row of the outbox as operators see it: no request,
// which holds the comment and its author.
type deliveryView struct {
	ID            string    `json:"id"`
	Ente          string    `json:"ente"`
	Platform      string    `json:"platform"`
	PageID        string    `json:"page_id"`
	ObjectID      string    `json:"object_id"`
	State         string    `json:"state"`
	Attempts      int       `json:"attempts"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	LastError     string    `json:"last_error"`
	DecisionID    string    `json:"decision_id"`
	Plan          rawJSON   `json:"plan"`
	Results       rawJSON   `json:"results"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// rawJSON is stored JSON, or [] when none.
type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 || string(r) == "null" {
		return []byte("[]"), nil
	}
	return r, nil
}

// metaOutbox answers GET /admin/meta/outbox: the rows of the key's enti,
// the most recently changed first; ?state=dead shows the dead letters.
func (s *server) metaOutbox(c *gin.Context) {
	if !s.hasMeta(c) {
		return
	}
	q := c.Request.URL.Query()
	var (
		f    = store.DeliveryFilter{Limit: 50}
		errs []engine.FieldError
	)
	for name, vs := range q {
		switch {
		case !slices.Contains(outboxParams, name):
			errs = append(errs, engine.FieldError{Field: truncate(name, 64), Reason: "is not a parameter of GET /admin/meta/outbox (" + strings.Join(outboxParams, ", ") + ")"})
		case len(vs) > 1:
			errs = append(errs, engine.FieldError{Field: name, Reason: "is given more than once"})
		}
	}
	if v := q.Get("state"); v != "" && !slices.Contains(store.DeliveryStates, v) {
		errs = append(errs, engine.FieldError{Field: "state", Reason: "must be one of " + strings.Join(store.DeliveryStates, ", ")})
	} else {
		f.State = v
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			errs = append(errs, engine.FieldError{Field: "limit", Reason: fmt.Sprintf("must be a whole number from 1 to %d", MaxPageSize)})
		}
		f.Limit = n
	}
	if errs != nil {
		slices.SortFunc(errs, func(a, b engine.FieldError) int { return strings.Compare(a.Field, b.Field) })
		s.problem(c, invalidQuery(errs...))
		return
	}
	f.Enti = scope(c)
	rows, err := s.meta.Outbox.Deliveries(c.Request.Context(), f)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list the meta outbox: %w", err))
		return
	}
	out := make([]deliveryView, 0, len(rows))
	for _, d := range rows {
		out = append(out, viewOf(d))
	}
	c.JSON(http.StatusOK, gin.H{"deliveries": out})
}

func viewOf(d store.Delivery) deliveryView {
	return deliveryView{ID: d.ID, Ente: d.Ente, Platform: d.Platform, PageID: d.PageID, ObjectID: d.ObjectID,
		State: d.State, Attempts: d.Attempts, NextAttemptAt: d.NextAttemptAt, LastError: d.LastError, DecisionID: d.DecisionID,
		Plan: d.Plan, Results: d.Results, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

// retryDelivery answers POST /admin/meta/outbox/{id}/retry: a dead row
// (a token renewed, Graph back) goes back to the worker with its attempts
// reset; the Graph calls already answered are not made again.
func (s *server) retryDelivery(c *gin.Context) {
	if !s.hasMeta(c) {
		return
	}
	id := c.Param("id")
	ctx := c.Request.Context()
	d, err := s.meta.Outbox.Delivery(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.problem(c, newProblem(probUnknownDelivery, fmt.Sprintf("no delivery %q is in the outbox", truncate(id, 100))))
		return
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("read delivery %s: %w", id, err))
		return
	}
	if !s.mayEnte(c, d.Ente) {
		return
	}
	back, err := s.meta.Outbox.Requeue(ctx, id, s.now())
	switch {
	case errors.Is(err, store.ErrNotDead):
		s.problem(c, newProblem(probDeliveryNotDead, fmt.Sprintf("delivery %s is %s, not dead: only a dead delivery is retried", back.ID, back.State)))
	case err != nil:
		s.storeFailed(c, fmt.Errorf("requeue delivery %s: %w", id, err))
	default:
		c.JSON(http.StatusOK, viewOf(back))
	}
}
