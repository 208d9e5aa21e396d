package console

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Cookie names. The session cookie carries a random token only; the API key
// it stands for stays on the server.
const (
	sessionCookie = "galateo_sessione"
	// loginCookie holds the CSRF token of the sign-in form, which comes
	// before any session (a double-submit token).
	loginCookie = "galateo_accesso"
)

// me is who the session's key is, from GET /me.
type me struct {
	Key struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"key"`
	Roles []string `json:"roles"`
	Enti  []string `json:"enti"`
}

// has reports whether the key has role.
func (m me) has(role string) bool {
	for _, r := range m.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// session is one sign-in: the key it was made with, who that key is, and
// the token every form of the session carries against CSRF.
type session struct {
	token   string
	key     string
	csrf    string
	me      me
	expires time.Time
}

// validCSRF compares in constant time.
func (s *session) validCSRF(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.csrf)) == 1
}

// sessions are kept in memory: a restart signs everyone out, and behind
// several servers the balancer must keep a person on one (documented in
// the README). A key revoked is refused by the API on the next page, since
// every page calls the API with it.
type sessions struct {
	mu   sync.Mutex
	byID map[string]*session
	ttl  time.Duration
	now  func() time.Time
}

func newSessions(ttl time.Duration, now func() time.Time) *sessions {
	return &sessions{byID: map[string]*session{}, ttl: ttl, now: now}
}

// token is 32 random bytes, URL-safe.
func token() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24)
	return base64.RawURLEncoding.EncodeToString(b)
}

// start opens a session for key and sets its cookie.
func (ss *sessions) start(g *gin.Context, key string, who me) *session {
	s := &session{token: token(), key: key, csrf: token(), me: who, expires: ss.now().Add(ss.ttl)}
	ss.mu.Lock()
	now := ss.now()
	for id, old := range ss.byID { // sign-ins are rare: sweeping here is enough
		if now.After(old.expires) {
			delete(ss.byID, id)
		}
	}
	ss.byID[s.token] = s
	ss.mu.Unlock()
	setCookie(g, sessionCookie, s.token, int(ss.ttl.Seconds()))
	return s
}

// from is the live session of the request's cookie, its expiry pushed on;
// nil when there is none.
func (ss *sessions) from(g *gin.Context) *session {
	t, err := g.Cookie(sessionCookie)
	if err != nil || t == "" {
		return nil
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.byID[t]
	if s == nil {
		return nil
	}
	now := ss.now()
	if now.After(s.expires) {
		delete(ss.byID, t)
		return nil
	}
	s.expires = now.Add(ss.ttl)
	return s
}

// end closes the session and clears its cookie.
func (ss *sessions) end(g *gin.Context, s *session) {
	ss.mu.Lock()
	delete(ss.byID, s.token)
	ss.mu.Unlock()
	setCookie(g, sessionCookie, "", -1)
}

// setCookie sets an HttpOnly, SameSite=Strict cookie on the whole site,
// Secure when the request came over TLS.
func setCookie(g *gin.Context, name, value string, maxAge int) {
	http.SetCookie(g.Writer, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: g.Request.TLS != nil, SameSite: http.SameSiteStrictMode,
	})
}

// What templates read of a session.

// CSRF is the token every form of the session carries.
func (s *session) CSRF() string { return s.csrf }

// Who is the key the session was opened with.
func (s *session) Who() me { return s.me }
