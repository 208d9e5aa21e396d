// Package console is the browser console of Galateo: server-rendered
// Italian pages, on Bootstrap Italia, for the people who work with the
// policies: social media staff (try a comment, the review queue), legal
// staff (versions and differences), auditors (the decision log, appeals,
// the transparency report) and administrators (the Meta connector's
// outbox, the outbound webhooks).
//
// The console decides and stores nothing itself. Every page is a client of
// the JSON API, called in-process through the same router with the API key
// the person signed in with, so what a page shows and allows is exactly
// what that key may see and do: its roles and its enti, checked where the
// API checks them. The key is never sent back to the browser: the browser
// holds a session cookie, and the server keeps the key for the session.
package console

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure the console; the zero value is usable.
type Options struct {
	// Logger receives what goes wrong in the console; nil means slog.Default().
	Logger *slog.Logger
	// SessionTTL is how long a sign-in lasts without use; 0 means 8 hours.
	SessionTTL time.Duration
	// Now is the console's clock; nil means time.Now.
	Now func() time.Time
}

// Console serves the pages. Mount it on the API's router.
type Console struct {
	api      http.Handler // the router the pages call
	sessions *sessions
	pages    map[string]*template.Template
	log      *slog.Logger
	now      func() time.Time
}

// New returns a console that is served once mounted.
func New(opts Options) *Console {
	c := &Console{log: opts.Logger, now: opts.Now}
	if c.log == nil {
		c.log = slog.Default()
	}
	if c.now == nil {
		c.now = time.Now
	}
	ttl := opts.SessionTTL
	if ttl <= 0 {
		ttl = 8 * time.Hour
	}
	c.sessions = newSessions(ttl, c.now)
	c.pages = parsePages()
	return c
}

// Mount adds the console's routes to r, whose API the pages call. The
// console's paths are Italian words, apart from the API's English ones.
func (c *Console) Mount(r *gin.Engine) {
	c.api = r
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	r.StaticFS("/static", http.FS(static))
	r.GET("/", c.home)
	r.POST("/accedi", c.signIn)
	r.POST("/esci", c.page(c.signOut))
	r.GET("/prova", c.page(c.tryForm))
	r.POST("/prova", c.page(c.tryComment))
	r.GET("/revisione", c.page(c.queue))
	r.GET("/revisione/:id", c.page(c.reviewItem))
	r.POST("/revisione/:id/:azione", c.page(c.reviewAct))
	r.GET("/registro", c.page(c.decisionLog))
	r.GET("/registro/:id", c.page(c.decision))
	r.POST("/registro/:id/reclamo", c.page(c.fileAppeal))
	r.GET("/verifica", c.page(c.verify))
	r.GET("/versioni", c.page(c.versions))
	r.GET("/differenze", c.page(c.diff))
	r.GET("/reclami", c.page(c.appeals))
	r.GET("/trasparenza", c.page(c.transparency))
	r.GET("/trasparenza.csv", c.page(c.transparencyCSV))
	r.GET("/connettore", c.page(c.outbox))
	r.POST("/connettore/:id/riprova", c.page(c.retryDelivery))
	r.GET("/webhook", c.page(c.subscriptions))
	r.POST("/webhook", c.page(c.createSubscription))
	r.POST("/webhook/:id/elimina", c.page(c.deleteSubscription))
}

// request is one page request of a signed-in person.
type request struct {
	*gin.Context
	s *session
}

// page wraps a handler that needs a session: without one the person is
// sent to sign in; an unsafe method must carry the session's CSRF token.
func (c *Console) page(h func(r *request)) gin.HandlerFunc {
	return func(g *gin.Context) {
		noStore(g)
		s := c.sessions.from(g)
		if s == nil {
			if g.Request.Method == http.MethodGet {
				g.Redirect(http.StatusSeeOther, "/?next="+url.QueryEscape(g.Request.URL.RequestURI()))
				return
			}
			c.render(g, http.StatusUnauthorized, "error", view{Title: "Sessione scaduta",
				Error: "La sessione è scaduta o non è valida: accedi di nuovo."})
			return
		}
		if g.Request.Method != http.MethodGet && !s.validCSRF(g.PostForm("csrf")) {
			c.render(g, http.StatusForbidden, "error", view{Title: "Richiesta rifiutata", Session: s,
				Error: "Il modulo non porta il codice di sicurezza di questa sessione (CSRF): ricarica la pagina e riprova."})
			return
		}
		h(&request{Context: g, s: s})
	}
}

// noStore keeps pages with a person's data out of shared caches and the
// browser's back-forward history on a shared computer.
func noStore(g *gin.Context) {
	g.Header("Cache-Control", "no-store")
	g.Header("X-Content-Type-Options", "nosniff")
	g.Header("X-Frame-Options", "DENY")
	g.Header("Referrer-Policy", "same-origin")
	g.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
}

// apiError is an answer of the API that is not a success: its problem's
// detail and field errors, shown to the person as they are.
type apiError struct {
	Status int
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Errors []struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	} `json:"errors"`
}

func (e *apiError) Error() string {
	var b strings.Builder
	b.WriteString(e.Detail)
	if b.Len() == 0 {
		b.WriteString(e.Title)
	}
	for _, f := range e.Errors {
		fmt.Fprintf(&b, "; %s %s", f.Field, f.Reason)
	}
	return b.String()
}

// forbidden reports whether err is the API refusing the key (403).
func forbidden(err error) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.Status == http.StatusForbidden
}

// call sends one request to the API with the session's key and decodes a
// successful JSON answer into out (when not nil). A failure of the API is
// an *apiError.
func (c *Console) call(ctx context.Context, key, method, path string, body, out any) error {
	raw, _, err := c.callRaw(ctx, key, method, path, body)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	return nil
}

// callRaw is call without decoding: the body and its content type.
func (c *Console) callRaw(ctx context.Context, key, method, path string, body any) ([]byte, string, error) {
	var rd io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return nil, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Accept", "application/json")
	if ra, ok := ctx.Value(remoteAddrKey{}).(string); ok {
		req.RemoteAddr = ra
	}
	w := &buffer{header: http.Header{}, status: http.StatusOK}
	c.api.ServeHTTP(w, req)
	if w.status >= 300 {
		ae := &apiError{Status: w.status}
		if json.Unmarshal(w.body.Bytes(), ae) != nil || (ae.Detail == "" && ae.Title == "") {
			ae.Detail = http.StatusText(w.status)
		}
		return nil, "", ae
	}
	return w.body.Bytes(), w.header.Get("Content-Type"), nil
}

// remoteAddrKey carries the person's address to the API's log.
type remoteAddrKey struct{}

// ctx is the request's context, carrying the person's address.
func (r *request) ctx() context.Context {
	return context.WithValue(r.Request.Context(), remoteAddrKey{}, r.Request.RemoteAddr)
}

// buffer is the http.ResponseWriter of an in-process API call. It is
// written here rather than taken from net/http/httptest, which is a
// testing package.
type buffer struct {
	header http.Header
	body   bytes.Buffer
	status int
	wrote  bool
}

func (b *buffer) Header() http.Header { return b.header }

func (b *buffer) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}

func (b *buffer) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}
