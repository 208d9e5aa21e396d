package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/engine/service/reload"
)

// Slugs of the problem types. The type of a problem is "/problems/<slug>",
// a relative URI that GET /problems/<slug> describes; slugs are part of the
// contract and never change meaning.
const (
	probMalformedJSON       = "malformed-json"
	probInvalidRequest      = "invalid-request"
	probUnknownEnte         = "unknown-ente"
	probBodyTooLarge        = "body-too-large"
	probUnsupportedMedia    = "unsupported-media-type"
	probNotFound            = "not-found"
	probMethodNotAllowed    = "method-not-allowed"
	probRecordingFailed     = "recording-failed"
	probInvalidQuery        = "invalid-query"
	probUnknownDecision     = "unknown-decision"
	probStoreUnavailable    = "store-unavailable"
	probNotReady            = "not-ready"
	probInternal            = "internal"
	probUnknownRevision     = "unknown-revision"
	probReloadRejected      = "reload-rejected"
	probReloadUnavailable   = "reload-unavailable"
	probUnauthorized        = "unauthorized"
	probForbidden           = "forbidden"
	probRateLimited         = "rate-limited"
	probUnknownKey          = "unknown-key"
	probDuplicateKey        = "duplicate-key"
	probPolicyError         = "policy-error"
	probEvalTimeout         = "evaluation-timeout"
	probNoCheckpoints       = "checkpoints-unavailable"
	probUnknownReview       = "unknown-review"
	probReviewConflict      = "review-conflict"
	probAppealRefused       = "appeal-refused"
	probAppealLate          = "appeal-late"
	probNoNotice            = "no-notice"
	probNoConnector         = "connector-not-configured"
	probInvalidSignature    = "invalid-signature"
	probVerificationFailed  = "verification-failed"
	probInvalidDelivery     = "invalid-delivery"
	probUnknownDelivery     = "unknown-delivery"
	probDeliveryNotDead     = "delivery-not-dead"
	probUnknownSubscription = "unknown-subscription"
	probNoWorkingCopy       = "working-copy-unavailable"
)

// problemType is the fixed part of a problem: its status, title and what
// GET /problems/<slug> says about it.
type problemType struct {
	Status      int    `json:"status"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

var problemTypes = map[string]problemType{
	probMalformedJSON: {http.StatusBadRequest, "Malformed JSON",
		"The body is not a single JSON object: it is empty, has a syntax error, or has data after the object. detail gives the byte offset when it is known."},
	probInvalidRequest: {http.StatusUnprocessableEntity, "Invalid request",
		"The body is JSON but some fields are missing, of the wrong type, out of range or not in their enumeration. errors lists each field by its JSON path (content.text, signals.toxicity) with the reason."},
	probUnknownEnte: {http.StatusNotFound, "Unknown ente",
		"No policy is loaded for the ente of the request. ente repeats it and known lists the enti that can decide."},
	probBodyTooLarge: {http.StatusRequestEntityTooLarge, "Body too large",
		fmt.Sprintf("The body is larger than %d bytes (64 KiB); a webhook delivery of Meta, larger than %d bytes (2 MiB).", MaxBodyBytes, meta.MaxDeliveryBytes)},
	probUnsupportedMedia: {http.StatusUnsupportedMediaType, "Unsupported media type",
		"The body must be sent as Content-Type: application/json, optionally with charset=utf-8."},
	probNotFound: {http.StatusNotFound, "Not found",
		"No resource answers this path."},
	probMethodNotAllowed: {http.StatusMethodNotAllowed, "Method not allowed",
		"The path exists but not for this method; the Allow header lists the methods it accepts."},
	probRecordingFailed: {http.StatusServiceUnavailable, "Decision not recorded",
		"The decision could not be recorded, so it is not answered: a decision is acted upon only once it is in the audit log. Retry later."},
	probInvalidQuery: {http.StatusBadRequest, "Invalid query",
		"A query parameter is unknown, given twice, malformed or out of range. errors lists each parameter by name with the reason."},
	probUnknownDecision: {http.StatusNotFound, "Unknown decision",
		"No decision with this id is in the audit log."},
	probStoreUnavailable: {http.StatusServiceUnavailable, "Audit log unavailable",
		"The audit log could not be read or written, or this server keeps none. Nothing was decided or changed. Retry later."},
	probNotReady: {http.StatusServiceUnavailable, "Not ready",
		"No ente is loaded, so no decision can be taken. loaded and failed list the enti and why they did not load."},
	probUnknownRevision: {http.StatusNotFound, "Unknown revision",
		"No revision with this name was ever loaded by a server of this audit log, or the name is not a revision (sha256: and 64 hex digits)."},
	probReloadRejected: {http.StatusUnprocessableEntity, "Reload rejected",
		"At least one ente's new revision failed to compile, its Rego tests or its fixtures, so it was not activated: that ente keeps serving its last good revision. results lists what happened to every ente; the revisions that passed were activated."},
	probReloadUnavailable: {http.StatusServiceUnavailable, "Reload unavailable",
		"This server cannot reload: it was started without a policies folder, or the folder could not be read. Nothing changed."},
	probUnauthorized: {http.StatusUnauthorized, "Unauthorized",
		"The request carries no API key, or one that is unknown or revoked. Send Authorization: Bearer <key>; an administrator creates keys with galateo keys create or POST /admin/keys."},
	probForbidden: {http.StatusForbidden, "Forbidden",
		"The API key is valid but not for this: it lacks the role the endpoint needs (decide, audit, admin), or it is not scoped to the ente the request names. Reloading and managing keys need an admin key for every ente (*). Nothing was decided or changed."},
	probRateLimited: {http.StatusTooManyRequests, "Too many requests",
		"The API key made more requests than its rate allows. Retry after the number of seconds the Retry-After header gives; nothing was decided or changed."},
	probUnknownKey: {http.StatusNotFound, "Unknown API key",
		"No API key has this id. GET /admin/keys lists the keys with their ids."},
	probDuplicateKey: {http.StatusBadRequest, "Duplicate key",
		"A key appears twice in one JSON object of the body. JSON parsers disagree on which one counts, so none is chosen: errors names the key by its full path (content.id)."},
	// 500 rather than 502: the policy is part of what this server serves,
	// not an upstream server it relays, and no retry helps until it is fixed.
	probPolicyError: {http.StatusInternalServerError, "Policy error",
		"The ente's policy failed while evaluating this request (a runtime error in its Rego, such as a division by zero). ente and revision name the policy; the details are in the server's log. Nothing was decided or recorded; the policy's authors must fix it."},
	probEvalTimeout: {http.StatusServiceUnavailable, "Evaluation timed out",
		"The ente's policy did not decide within the server's evaluation deadline (galateo serve -eval-timeout), so it was cut: nothing was decided or recorded. ente and revision name the policy; Retry-After says when to try again. A policy that always runs this long needs fixing by its authors."},
	probNoCheckpoints: {http.StatusServiceUnavailable, "Checkpoints unavailable",
		"No checkpoint was signed: this server has no checkpoint key and file (galateo serve -checkpoint-key and -checkpoints), or the chain heads could not be read or the file written. Retry later."},
	probUnknownReview: {http.StatusNotFound, "Unknown review item",
		"No item of the review queue has this id. GET /reviews lists the items; an item's id is the id of the decision it reviews, or of the appeal it decides."},
	probReviewConflict: {http.StatusConflict, "Review item not available",
		"The item cannot be taken by this reviewer now: another reviewer holds it (until its claim expires), it is already resolved, the reviewer does not hold it (release), or the reviewer resolved the decision appealed and an appeal goes to someone else. Nothing changed."},
	probAppealRefused: {http.StatusConflict, "Appeal refused",
		"The decision cannot be appealed: it was already appealed (the outcome of an appeal cannot be appealed again), the id is of a record a person added rather than of a decision, or the decision neither hides nor removes the content nor blocks its author. Nothing was recorded."},
	probAppealLate: {http.StatusUnprocessableEntity, "Appeal too late",
		"The period for appealing the decision, set by the ente's data (appeal.days) from the time the decision became effective, is over. detail says when it ended. Nothing was recorded."},
	probNoNotice: {http.StatusNotFound, "No notice",
		"The decision is in the audit log but carries no notice to its author: only a decision that hides or removes the content, or blocks its author, has one."},
	probNoConnector: {http.StatusServiceUnavailable, "Connector not configured",
		"This server runs without the Facebook and Instagram connector (galateo serve -meta meta.yaml): its webhooks and outbox are not served."},
	probInvalidSignature: {http.StatusUnauthorized, "Invalid signature",
		"The webhook delivery has no X-Hub-Signature-256, or it is not sha256= and the hex HMAC-SHA256 of the raw body under the Meta app secret. Nothing of it was stored."},
	probVerificationFailed: {http.StatusForbidden, "Verification failed",
		"The subscription handshake needs hub.mode=subscribe and the verify token configured for the connector."},
	probInvalidDelivery: {http.StatusBadRequest, "Invalid delivery",
		"The signed delivery is not a JSON object of Meta's webhook format with object page or instagram. Nothing of it was stored."},
	probUnknownDelivery: {http.StatusNotFound, "Unknown delivery",
		"No row of the Facebook and Instagram outbox has this id."},
	probDeliveryNotDead: {http.StatusConflict, "Delivery not dead",
		"Only a dead row of the outbox is retried; this one is still in the worker's hands, done or ignored."},
	probUnknownSubscription: {http.StatusNotFound, "Unknown subscription",
		"No webhook subscription has this id. GET /subscriptions lists the key's subscriptions with their ids; an admin key of every ente sees them all."},
	probNoWorkingCopy: {http.StatusServiceUnavailable, "Working copy unavailable",
		"This server was started without a policies folder, so it has no working copy of any ente to decide under or compare (working=true of POST /try, working of GET /diff). The serving revision and stored revisions can still be used."},
	probInternal: {http.StatusInternalServerError, "Internal error",
		"The server failed to handle a valid request. Nothing was decided or recorded."},
}

// problem is an RFC 9457 problem detail with Galateo's extension members.
type problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Errors []engine.FieldError `json:"errors,omitzero"`
	Ente   string              `json:"ente,omitempty"`
	// Revision is the policy revision that failed or ran out of time
	// (policy-error, evaluation-timeout).
	Revision string       `json:"revision,omitempty"`
	Known    []string     `json:"known,omitzero"`
	Loaded   []string     `json:"loaded,omitzero"`
	Failed   []failedEnte `json:"failed,omitzero"`
	// Results is every ente's outcome of a rejected reload.
	Results []reload.Result `json:"results,omitzero"`

	cause error // for the log only, never for the client

	retryAfter int // seconds, for the Retry-After header; 0 for none
}

func (p *problem) Error() string {
	if p.Detail == "" {
		return p.Title
	}
	return p.Title + ": " + p.Detail
}

func newProblem(slug, detail string) *problem {
	t := problemTypes[slug]
	return &problem{Type: "/problems/" + slug, Title: t.Title, Status: t.Status, Detail: detail}
}

// problemFor maps an error of a handler, or of the engine behind it, onto
// its problem. Anything unforeseen is internal and its text stays in the log.
func problemFor(err error) *problem {
	var (
		p       *problem
		invalid *engine.ValidationError
		unknown *engine.UnknownEnteError
		tooBig  *http.MaxBytesError
		failed  *engine.PolicyError
		timeout *engine.EvalTimeoutError
	)
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &invalid):
		p = invalidFields(invalid.Fields...)
	case errors.As(err, &unknown):
		p = newProblem(probUnknownEnte, fmt.Sprintf("no policy is loaded for ente %q", unknown.Ente))
		p.Ente, p.Known = unknown.Ente, append([]string{}, unknown.Known...)
	case errors.Is(err, engine.ErrUnknownEnte):
		p = newProblem(probUnknownEnte, "")
	case errors.As(err, &failed):
		p = newProblem(probPolicyError, fmt.Sprintf("the policy of %s failed on this request; nothing was decided. Its authors will find the error in the server's log", failed.Ente))
		p.Ente, p.Revision = failed.Ente, failed.Revision
		p.cause = err
	case errors.As(err, &timeout):
		p = newProblem(probEvalTimeout, fmt.Sprintf("the policy of %s did not decide within %s; nothing was recorded", timeout.Ente, timeout.Timeout))
		p.Ente, p.Revision, p.cause = timeout.Ente, timeout.Revision, err
		p.retryAfter = max(1, int(math.Ceil(timeout.Timeout.Seconds())))
	case errors.As(err, &tooBig):
		p = newProblem(probBodyTooLarge, fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
	default:
		p = newProblem(probInternal, "")
		p.cause = err
	}
	return p
}

// problem answers with p and stops the handler chain. A cause goes to the
// request log through c.Error.
func (s *server) problem(c *gin.Context, p *problem) {
	if p.cause != nil {
		_ = c.Error(p.cause) // returns its argument, wrapped for Gin
	}
	if p.retryAfter > 0 {
		c.Header("Retry-After", strconv.Itoa(p.retryAfter))
	}
	body, err := json.Marshal(p)
	if err != nil { // only plain strings and numbers: cannot happen, but never answer nothing
		body = []byte(`{"type":"/problems/internal","title":"Internal error","status":500}`)
		p.Status = http.StatusInternalServerError
	}
	c.Data(p.Status, "application/problem+json", body)
	c.Abort()
}

// fail answers with the problem of err.
func (s *server) fail(c *gin.Context, err error) { s.problem(c, problemFor(err)) }

// storeFailed answers that the audit log could not be used; err goes to
// the log only.
func (s *server) storeFailed(c *gin.Context, err error) {
	p := newProblem(probStoreUnavailable, "the audit log could not be used; retry later")
	p.cause = err
	s.problem(c, p)
}

func (s *server) notFound(c *gin.Context) {
	s.problem(c, newProblem(probNotFound, fmt.Sprintf("no resource at %s", truncate(c.Request.URL.Path, 200))))
}

func (s *server) methodNotAllowed(c *gin.Context) {
	s.problem(c, newProblem(probMethodNotAllowed,
		fmt.Sprintf("%s does not accept %s; allowed: %s", truncate(c.Request.URL.Path, 200), c.Request.Method, c.Writer.Header().Get("Allow"))))
}

// problemType describes one problem type, so that its type URI resolves.
func (s *server) problemType(c *gin.Context) {
	slug := c.Param("slug")
	t, ok := problemTypes[slug]
	if !ok {
		s.problem(c, newProblem(probNotFound, fmt.Sprintf("no problem type %q", truncate(slug, 100))))
		return
	}
	c.JSON(http.StatusOK, gin.H{"type": "/problems/" + slug, "title": t.Title, "status": t.Status, "description": t.Description})
}

// truncate shortens s to at most n runes, marking the cut, so that a
// problem never echoes a whole hostile input.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}
