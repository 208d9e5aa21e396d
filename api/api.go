// Package api owns the HTTP interface of Galateo: the Gin router, its
// handlers, the bounds and validation of input, the mapping of every error
// onto an RFC 9457 problem, and openapi.yaml, the description of every
// endpoint. It decides nothing itself: decisions come from a Decider (the
// engine) and are committed to the audit log through a Recorder before they
// are answered; what the log holds is read back through a Store.
package api

import (
	"context"
	_ "embed"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// MaxBodyBytes bounds the body of POST /decide (DESIGN.md: at most 64 KiB).
const MaxBodyBytes = 64 << 10

// Decider takes decisions; *engine.Engine satisfies it.
type Decider interface {
	// Ente returns a loaded ente or an error matching engine.ErrUnknownEnte.
	// The handler asks before deciding, so that a request for an unknown
	// ente never reaches Evaluate.
	Ente(id string) (*engine.Ente, error)
	// Evaluate decides and keeps what the decision was taken on, which
	// the audit log records.
	Evaluate(ctx context.Context, r *engine.Request) (*engine.Evaluation, error)
	Enti() []*engine.Ente
	Failed() map[string]error
}

// Store is what the API reads and changes in the audit log and the authors'
// history; *store.SQL satisfies it.
type Store interface {
	// Find returns the record of a content under a revision, or
	// store.ErrNotFound: a content decided once is answered from the log.
	Find(ctx context.Context, ente, contentID, revision string) (*store.Record, error)
	// Get returns the record of a decision, or store.ErrNotFound.
	Get(ctx context.Context, decisionID string) (*store.Record, error)
	// List returns a page of records, newest first, and the next cursor.
	List(ctx context.Context, f store.Filter) ([]store.Record, string, error)
	// LiftBlock ends an author's blocks in force in an ente.
	LiftBlock(ctx context.Context, ente, author string, now time.Time) (bool, error)
	// Pseudonymizer turns author ids into the pseudonyms the log keeps.
	Pseudonymizer() *store.Pseudonymizer
}

// Recorder commits one entry of the audit log and returns only once it is
// durable; *store.Batcher satisfies it (group commit). A Record with
// Duplicate set means the content was already recorded under the same
// revision: the stored decision is the answer.
type Recorder interface {
	Record(ctx context.Context, e store.Entry) (store.Record, error)
}

// Options configure the router. The zero value is usable: it records
// nothing, and the audit endpoints answer 503 store-unavailable.
type Options struct {
	// Logger receives one record per request; nil means slog.Default().
	Logger *slog.Logger
	// Store, when set, makes POST /decide idempotent per content id and
	// revision, and serves GET /decisions and the admin endpoints.
	Store Store
	// Recorder commits every new decision before it is answered; when it
	// fails the client gets a 503 and no decision, so that nothing
	// acknowledged is ever lost. Required with Store, unused without it.
	Recorder Recorder
	// Now is the clock of admin actions (lifting a block); nil means time.Now.
	Now func() time.Time
	// Versions, when set, serves GET /versions and the revisions of
	// POST /replay; without it they answer 503 store-unavailable.
	Versions Versions
	// Reloader, when set, serves POST /admin/reload; without it that
	// answers 503 reload-unavailable.
	Reloader Reloader
	// Fixtures is the fixtures folder used by GET /diff, whose cases are
	// decided under both revisions compared; "" for no fixture comparison.
	Fixtures string
	// Keys, when set, authenticates every request but those of the open
	// endpoints (/healthz, /readyz, /openapi.yaml, /problems/*) by its API
	// key, and serves /admin/keys. Nil turns authentication off: for tests
	// that are not about it; galateo serve always sets it.
	Keys *Keyring
	// Rate bounds the requests of each API key; the zero value does not.
	Rate RateLimit
	// Checkpointer, when set, serves POST /admin/checkpoint; without it
	// that answers 503 checkpoints-unavailable.
	Checkpointer Checkpointer
	// Reviews, when set with Store, serves the review queue
	// (GET /reviews, claim, release, resolve), appeals
	// (POST /decisions/{id}/appeals), and the effective outcome of
	// GET /decisions/{id}; without it they answer 503 store-unavailable.
	Reviews Reviews
	// Transparency, when set, serves GET /transparency; without it that
	// answers 503 store-unavailable.
	Transparency Transparency
	// Meta, when set, serves the Facebook and Instagram webhooks
	// (/webhooks/meta, authenticated by Meta's signature, not by API keys)
	// and GET /admin/meta/outbox; without it they answer 503
	// connector-not-configured.
	Meta *Meta
	// Subscriptions, when set, serves the outbound webhooks'
	// subscriptions (/subscriptions); without it they answer 503
	// store-unavailable.
	Subscriptions Subscriptions
	// Policies is the policies folder the server loaded, whose files as
	// they are now are each ente's working copy (POST /try?working=true,
	// GET /diff with working); "" answers those 503
	// working-copy-unavailable.
	Policies string
	// Verifier, when set, serves GET /audit/verify; without it that
	// answers 503 store-unavailable.
	Verifier Verifier
	// Console, when set, adds the browser console's pages (package
	// api/console) to the router, which they call for every API request.
	Console Console
}

// Console is a set of pages mounted beside the API; *console.Console is one.
type Console interface {
	Mount(r *gin.Engine)
}

// History wraps the store as the engine's source of authors' histories,
// so that a failure to read a history is answered as the store's
// (503 store-unavailable, retry later), not as a broken policy (500):
//
//	engine.Load(ctx, root, engine.WithHistory(api.History(record.History(st))))
func History(h engine.HistorySource) engine.HistorySource { return historySource{h} }

type historySource struct{ h engine.HistorySource }

func (s historySource) History(ctx context.Context, q engine.HistoryQuery) (engine.History, error) {
	h, err := s.h.History(ctx, q)
	if err != nil {
		return h, &storeError{err}
	}
	return h, nil
}

// storeError is a failure of the store behind the engine.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

//go:embed openapi.yaml
var openAPISpec []byte

// server holds what the handlers share.
type server struct {
	decider  Decider
	store    Store // nil: nothing is recorded
	recorder Recorder
	now      func() time.Time
	log      *slog.Logger
	versions Versions // nil: no version endpoints
	reloader Reloader // nil: no reload
	fixtures string   // of GET /diff; "": none
	keys     *Keyring // nil: no authentication
	limits   *limiter
	// checkpointer signs chain heads on demand; nil: none.
	checkpointer Checkpointer
	// revisions are those POST /replay compiled last.
	revisions revisionCache
	reviews   Reviews       // nil: no review queue
	report    Transparency  // nil: no transparency report
	meta      *Meta         // nil: no connector
	subs      Subscriptions // nil: no outbound webhooks
	policies  string        // the working copies; "": none
	// workingFailed is the working copies that did not compile.
	workingFailed workingFailures
	verifier      Verifier // nil: no chain verification
}

// New returns the router of the decision API. It sets Gin's mode to
// release, which is process-wide, so that Gin prints nothing of its own.
// It panics when Options has a Store without a Recorder: such a server
// would answer decisions it cannot record.
func New(d Decider, opts Options) *gin.Engine {
	if opts.Store != nil && opts.Recorder == nil {
		panic("api.New: Options.Store needs a Recorder")
	}
	s := &server{decider: d, store: opts.Store, recorder: opts.Recorder, now: opts.Now, log: opts.Logger,
		versions: opts.Versions, reloader: opts.Reloader, fixtures: opts.Fixtures, checkpointer: opts.Checkpointer,
		keys: opts.Keys, reviews: opts.Reviews, report: opts.Transparency, meta: opts.Meta, subs: opts.Subscriptions,
		policies: opts.Policies, verifier: opts.Verifier, limits: &limiter{limit: opts.Rate, byKey: map[string]*rate.Limiter{}}}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// An API answers the path it was asked for; a redirect would turn a
	// typo into a 307 that clients replay as a second POST.
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	// Client addresses in the log come from the connection, never from
	// X-Forwarded-For, which any client can write. Nil cannot fail.
	_ = r.SetTrustedProxies(nil)

	r.Use(s.logRequests, s.recoverPanics)
	r.NoRoute(s.notFound)
	r.NoMethod(s.methodNotAllowed)

	// Each route names the role its key needs; handlers of an ente's data
	// check the key's enti once they know the ente (mayEnte, scope).
	decide, audit := s.authorize(RoleDecide, false), s.authorize(RoleAudit, false)
	admin, adminAll := s.authorize(RoleAdmin, false), s.authorize(RoleAdmin, true)
	r.POST("/decide", decide, s.decide)
	r.POST("/try", decide, s.try)
	r.GET("/decisions", audit, s.listDecisions)
	r.GET("/decisions/:id", audit, s.getDecision)
	r.POST("/decisions/:id/appeals", decide, s.fileAppeal)
	r.GET("/transparency", audit, s.transparency)
	r.GET("/audit/verify", audit, s.verifyChains)
	r.GET("/reviews", decide, s.listReviews)
	r.GET("/reviews/:id", decide, s.getReview)
	r.POST("/reviews/:id/claim", decide, s.claimReview)
	r.POST("/reviews/:id/release", decide, s.releaseReview)
	r.POST("/reviews/:id/resolve", decide, s.resolveReview)
	r.GET("/decisions/:id/notice", audit, s.getNotice)
	r.POST("/admin/authors/unblock", admin, s.unblock)
	r.POST("/replay", audit, s.replay)
	r.GET("/diff", audit, s.diff)
	r.GET("/versions", audit, s.listVersions)
	r.GET("/versions/:revision", audit, s.getVersion)
	r.POST("/admin/reload", adminAll, s.reloadPolicies)
	r.POST("/admin/keys", adminAll, s.createKey)
	r.GET("/admin/keys", adminAll, s.listKeys)
	r.DELETE("/admin/keys/:id", adminAll, s.revokeKey)
	r.POST("/admin/checkpoint", adminAll, s.checkpoint)
	r.GET("/admin/meta/outbox", admin, s.metaOutbox)
	r.POST("/admin/meta/outbox/:id/retry", admin, s.retryDelivery)
	r.POST("/subscriptions", audit, s.createSubscription)
	r.GET("/subscriptions", audit, s.listSubscriptions)
	r.DELETE("/subscriptions/:id", audit, s.deleteSubscription)
	r.GET("/enti", s.authorize(anyRole, false), s.enti)
	r.GET("/me", s.authorize(anyRole, false), s.me)
	// Open: probes, and what a client needs to learn how to authenticate.
	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	r.GET("/openapi.yaml", s.openAPI)
	r.GET("/problems/:slug", s.problemType)
	// Meta cannot send an API key: its deliveries are authenticated by
	// their signature (X-Hub-Signature-256), its handshake by the verify token.
	r.GET("/webhooks/meta", s.metaHandshake)
	r.POST("/webhooks/meta", s.metaDelivery)
	if opts.Console != nil {
		opts.Console.Mount(r)
	}
	return r
}

func (s *server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// enteInfo is one loaded ente in /enti and /readyz.
type enteInfo struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Version  string `json:"version"`
	Revision string `json:"revision"` // the serving revision
	Adopts   string `json:"adopts,omitempty"`
	Template string `json:"template,omitempty"`
	// ActivatedAt is when the serving revision began to serve here.
	ActivatedAt string `json:"activated_at,omitempty"`
	// Error and FailedRevision tell why the last revision tried was
	// refused while Revision goes on serving.
	Error          string `json:"error,omitempty"`
	FailedRevision string `json:"failed_revision,omitempty"`
	// PolicyErrors counts the requests its policy failed on since this
	// server started (/problems/policy-error), whatever the revision.
	PolicyErrors int64 `json:"policy_errors"`
}

// statuser is a Decider that knows when each revision began to serve and
// which was refused; *engine.Engine is one.
type statuser interface {
	Status() []engine.Status
}

// failedEnte is one ente that did not load, with the reason.
type failedEnte struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// catalogue lists the loaded and the failed enti, each sorted by id.
func (s *server) catalogue() ([]enteInfo, []failedEnte) {
	status := map[string]engine.Status{}
	if st, ok := s.decider.(statuser); ok {
		for _, x := range st.Status() {
			status[x.ID] = x
		}
	}
	loaded := make([]enteInfo, 0)
	for _, e := range s.decider.Enti() {
		info := enteInfo{
			ID: e.ID, Name: e.Name, Version: e.Version, Revision: e.Revision, Adopts: e.Adopts, Template: e.Template,
		}
		if x, ok := status[e.ID]; ok && x.Serving == e {
			info.ActivatedAt = activatedAt(x.ActivatedAt)
			info.PolicyErrors = x.PolicyErrors
			if f := x.Failure; f != nil {
				info.Error, info.FailedRevision = f.Err.Error(), f.Revision
			}
		}
		loaded = append(loaded, info)
	}
	sort.Slice(loaded, func(i, j int) bool { return loaded[i].ID < loaded[j].ID })
	failed := make([]failedEnte, 0)
	for id, err := range s.decider.Failed() {
		failed = append(failed, failedEnte{ID: id, Error: err.Error()})
	}
	sort.Slice(failed, func(i, j int) bool { return failed[i].ID < failed[j].ID })
	return loaded, failed
}

// enti answers GET /enti with the enti of the request's key.
func (s *server) enti(c *gin.Context) {
	loaded, failed := s.catalogue()
	if in := scope(c); in != nil {
		loaded = slices.DeleteFunc(loaded, func(e enteInfo) bool { return !inScope(in, e.ID) })
		failed = slices.DeleteFunc(failed, func(e failedEnte) bool { return !inScope(in, e.ID) })
	}
	c.JSON(http.StatusOK, gin.H{"enti": loaded, "failed": failed})
}

// readyz is ready when at least one ente can decide: one ente's broken
// edit must not take the others out of a load balancer.
func (s *server) readyz(c *gin.Context) {
	loaded, failed := s.catalogue()
	ids := make([]string, len(loaded))
	for i, e := range loaded {
		ids[i] = e.ID
	}
	if len(loaded) == 0 {
		p := newProblem(probNotReady, "no ente is loaded, so no decision can be taken")
		p.Loaded, p.Failed = ids, failed
		s.problem(c, p)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "loaded": ids, "failed": failed})
}

func (s *server) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml", openAPISpec)
}
