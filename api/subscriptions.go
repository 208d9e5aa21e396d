package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/outbound"
	"github.com/galateo/galateo/store"
)

// Subscriptions keeps the outbound webhooks' subscriptions; *store.SQL is one.
type Subscriptions interface {
	CreateSubscription(ctx context.Context, sub store.Subscription, fromStart bool) (store.Subscription, error)
	// Subscriptions lists those of an API key ("" for every key).
	Subscriptions(ctx context.Context, keyID string) ([]store.Subscription, error)
	Subscription(ctx context.Context, id string) (*store.Subscription, error)
	DeleteSubscription(ctx context.Context, id string) error
}

// maxURLBytes bounds a subscription's URL.
const maxURLBytes = 2048

// subscriptionRequest is the body of POST /subscriptions.
type subscriptionRequest struct {
	URL       string   `json:"url"`
	Enti      []string `json:"enti,omitempty"`
	FromStart bool     `json:"from_start,omitempty"`
}

// subscriptionView is a subscription as the API shows it: never its secret
// but when it is created.
type subscriptionView struct {
	ID        string    `json:"id"`
	KeyID     string    `json:"key_id"`
	URL       string    `json:"url"`
	Enti      []string  `json:"enti"`
	CreatedAt time.Time `json:"created_at"`
	Secret    string    `json:"secret,omitempty"`
	Delivery  struct {
		Cursors       []cursorView `json:"cursors"`
		FailingSince  *time.Time   `json:"failing_since"`
		LastError     string       `json:"last_error,omitempty"`
		NextAttemptAt *time.Time   `json:"next_attempt_at"`
	} `json:"delivery"`
}

// cursorView is the last record of an ente delivered.
type cursorView struct {
	Ente        string     `json:"ente"`
	Seq         int64      `json:"seq"`
	DeliveredAt *time.Time `json:"delivered_at"`
}

func subscriptionViewOf(sub store.Subscription) subscriptionView {
	v := subscriptionView{ID: sub.ID, KeyID: sub.KeyID, URL: sub.URL, Enti: sub.Enti, CreatedAt: sub.CreatedAt}
	v.Delivery.Cursors = make([]cursorView, 0, len(sub.Cursors))
	for _, c := range sub.Cursors {
		v.Delivery.Cursors = append(v.Delivery.Cursors, cursorView{c.Ente, c.Seq, c.DeliveredAt})
	}
	v.Delivery.FailingSince, v.Delivery.LastError, v.Delivery.NextAttemptAt = sub.FailingSince, sub.LastError, sub.NextAttemptAt
	return v
}

// hasSubscriptions answers 503 when the server keeps no subscriptions.
func (s *server) hasSubscriptions(c *gin.Context) bool {
	if s.subs == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no webhook subscriptions"))
		return false
	}
	return true
}

// createSubscription answers POST /subscriptions: a subscription owned by
// the request's key, to its enti or some of them, with its secret shown
// this once.
func (s *server) createSubscription(c *gin.Context) {
	if !s.hasSubscriptions(c) {
		return
	}
	var req subscriptionRequest
	if err := bindJSON(c, 8<<10, &req, func() error { return validSubscription(req) }); err != nil {
		s.fail(c, err)
		return
	}
	g := grantFrom(c)
	enti := slices.Compact(slices.Sorted(slices.Values(req.Enti)))
	if len(enti) == 0 {
		enti = []string{AllEnti}
		if g != nil && !g.all {
			enti = scope(c)
		}
	}
	for _, e := range enti {
		if g != nil && e == AllEnti && !g.all {
			s.problem(c, newProblem(probForbidden, fmt.Sprintf("API key %s is scoped to some enti; \"*\" needs a key for every ente", g.key.ID)))
			return
		}
		if e != AllEnti && !s.mayEnte(c, e) {
			return
		}
	}
	secret, err := outbound.NewSecret()
	if err != nil {
		s.fail(c, err)
		return
	}
	id := make([]byte, 12)
	if _, err := rand.Read(id); err != nil {
		s.fail(c, err)
		return
	}
	sub := store.Subscription{ID: "sub_" + hex.EncodeToString(id), KeyID: keyIDOf(c), URL: req.URL, Secret: secret,
		Enti: enti, CreatedAt: s.now().UTC()}
	sub, err = s.subs.CreateSubscription(c.Request.Context(), sub, req.FromStart)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("create subscription: %w", err))
		return
	}
	s.log.InfoContext(c.Request.Context(), "webhook subscription created", "id", sub.ID, "url", sub.URL, "enti", sub.Enti, "by", keyIDOf(c))
	v := subscriptionViewOf(sub)
	v.Secret = sub.Secret
	c.JSON(http.StatusCreated, v)
}

// validSubscription checks the fields of POST /subscriptions.
func validSubscription(req subscriptionRequest) error {
	var errs []engine.FieldError
	bad := func(field, reason string) { errs = append(errs, engine.FieldError{Field: field, Reason: reason}) }
	u, err := url.Parse(req.URL)
	switch {
	case req.URL == "":
		bad("url", "is required: the http or https URL the records are posted to")
	case len(req.URL) > maxURLBytes:
		bad("url", fmt.Sprintf("is longer than %d bytes", maxURLBytes))
	case err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Fragment != "":
		bad("url", "must be an absolute http or https URL, without user information or fragment")
	}
	if req.Enti != nil && len(req.Enti) == 0 {
		bad("enti", `is empty: leave it out for every ente of the key, or name some`)
	}
	for _, e := range req.Enti {
		if e == AllEnti {
			if len(req.Enti) > 1 {
				bad("enti", `"*" already means every ente: give it alone`)
				break
			}
			continue
		}
		if !idRe.MatchString(e) {
			bad("enti", fmt.Sprintf("%q is not an ente id (lower case letters, digits and underscores, starting with a letter)", truncate(e, 64)))
			break
		}
	}
	if errs != nil {
		return &engine.ValidationError{Fields: errs}
	}
	return nil
}

// listSubscriptions answers GET /subscriptions: the key's own, or every
// one for an admin key of every ente; never a secret.
func (s *server) listSubscriptions(c *gin.Context) {
	if !s.hasSubscriptions(c) {
		return
	}
	owner := keyIDOf(c)
	if s.isAdminAll(c) {
		owner = ""
	}
	subs, err := s.subs.Subscriptions(c.Request.Context(), owner)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list subscriptions: %w", err))
		return
	}
	out := make([]subscriptionView, 0, len(subs))
	for _, sub := range subs {
		out = append(out, subscriptionViewOf(sub))
	}
	c.JSON(http.StatusOK, gin.H{"subscriptions": out})
}

// deleteSubscription answers DELETE /subscriptions/{id}: only its owner or
// an admin key of every ente may.
func (s *server) deleteSubscription(c *gin.Context) {
	if !s.hasSubscriptions(c) {
		return
	}
	id := c.Param("id")
	sub, err := s.subs.Subscription(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.problem(c, newProblem(probUnknownSubscription, fmt.Sprintf("no subscription has id %q", truncate(id, 64))))
		return
	case err != nil:
		s.storeFailed(c, fmt.Errorf("read subscription: %w", err))
		return
	case !s.isAdminAll(c) && sub.KeyID != keyIDOf(c):
		s.problem(c, newProblem(probForbidden, fmt.Sprintf("API key %s does not own subscription %s: only its owner or an admin key of every ente may delete it", keyIDOf(c), sub.ID)))
		return
	}
	if err := s.subs.DeleteSubscription(c.Request.Context(), id); err != nil && !errors.Is(err, store.ErrNotFound) {
		s.storeFailed(c, fmt.Errorf("delete subscription: %w", err))
		return
	}
	s.log.InfoContext(c.Request.Context(), "webhook subscription deleted", "id", id, "by", keyIDOf(c))
	c.Status(http.StatusNoContent)
}

// isAdminAll reports whether the request's key is an admin key of every
// ente (or the server runs without keys).
func (s *server) isAdminAll(c *gin.Context) bool {
	g := grantFrom(c)
	return g == nil || (g.all && g.roles[RoleAdmin])
}
