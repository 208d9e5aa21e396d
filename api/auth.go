package api

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// RateLimit is how many requests each API key may make: a token bucket of
// Burst requests refilled at PerSecond. A zero PerSecond means no limit.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// grantKey is where authorize leaves a request's grant in the Gin context.
const grantKey = "galateo.grant"

// anyRole lets every valid key through, whatever its roles (GET /enti).
const anyRole = ""

// authorize is the first handler of every route that is not open: the
// request must carry a valid key (401 otherwise) with role (403), and, when
// every is set, scoped to every ente (403): reloading and managing keys
// concern all enti. It then spends one token of the key's rate (429).
// Without a Keyring (tests), or with an open one that holds no key
// (Keyring.OpenWhileEmpty), everything is let through.
func (s *server) authorize(role string, every bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if s.keys == nil || s.keys.open() {
			c.Next()
			return
		}
		key, ok := bearer(c.GetHeader("Authorization"))
		if !ok {
			s.unauthorized(c, "", "send an API key in the Authorization header: Bearer followed by the key")
			return
		}
		g, ok := s.keys.lookup(key)
		if !ok {
			s.unauthorized(c, "invalid_token", "the API key is not valid: unknown or revoked")
			return
		}
		c.Set(grantKey, g)
		switch {
		case role != anyRole && !g.roles[role]:
			s.problem(c, newProblem(probForbidden, fmt.Sprintf("API key %s has no %s role", g.key.ID, role)))
			return
		case every && !g.all:
			s.problem(c, newProblem(probForbidden, fmt.Sprintf("API key %s is scoped to some enti; this needs a key for every ente (*)", g.key.ID)))
			return
		}
		if wait, ok := s.limits.take(g.key.ID); !ok {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			s.problem(c, newProblem(probRateLimited, fmt.Sprintf("API key %s made too many requests; retry in %s", g.key.ID, wait.Round(time.Second))))
			return
		}
		c.Next()
	}
}

// bearer reads the key of an Authorization header (RFC 6750: the scheme
// is case-insensitive).
func bearer(header string) (string, bool) {
	scheme, key, ok := strings.Cut(header, " ")
	key = strings.TrimSpace(key)
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return "", false
	}
	return key, true
}

// unauthorized answers 401 with the challenge RFC 6750 asks for.
func (s *server) unauthorized(c *gin.Context, errCode, detail string) {
	challenge := `Bearer realm="galateo"`
	if errCode != "" {
		challenge += `, error="` + errCode + `"`
	}
	c.Header("WWW-Authenticate", challenge)
	s.problem(c, newProblem(probUnauthorized, detail))
}

// grantFrom is the grant of the request; nil without a Keyring.
func grantFrom(c *gin.Context) *grant {
	v, ok := c.Get(grantKey)
	if !ok {
		return nil
	}
	g, _ := v.(*grant)
	return g
}

// keyIDOf names the request's key in logs.
func keyIDOf(c *gin.Context) string {
	if g := grantFrom(c); g != nil {
		return g.key.ID
	}
	return ""
}

// mayEnte answers 403 and returns false unless the request's key is scoped
// to ente. Handlers call it once they know the ente, before any work.
func (s *server) mayEnte(c *gin.Context, ente string) bool {
	g := grantFrom(c)
	if g == nil || g.mayEnte(ente) {
		return true
	}
	s.problem(c, newProblem(probForbidden, fmt.Sprintf("API key %s is not scoped to ente %s", g.key.ID, truncate(ente, 64))))
	return false
}

// scope is the enti a list may show: nil for every ente.
func scope(c *gin.Context) []string {
	g := grantFrom(c)
	if g == nil || g.all {
		return nil
	}
	return slices.Sorted(func(yield func(string) bool) {
		for e := range g.enti {
			if !yield(e) {
				return
			}
		}
	})
}

// inScope reports whether ente is in a scope from scope.
func inScope(enti []string, ente string) bool {
	return enti == nil || slices.Contains(enti, ente)
}

// limiter holds a token bucket per key. Keys number in the tens or
// hundreds, so the buckets are never evicted.
type limiter struct {
	limit RateLimit
	mu    sync.Mutex
	byKey map[string]*rate.Limiter
}

// take spends a token of key's bucket, or says how long until one is there.
func (l *limiter) take(key string) (time.Duration, bool) {
	if l == nil || l.limit.PerSecond <= 0 {
		return 0, true
	}
	l.mu.Lock()
	b, ok := l.byKey[key]
	if !ok {
		b = rate.NewLimiter(rate.Limit(l.limit.PerSecond), max(l.limit.Burst, 1))
		l.byKey[key] = b
	}
	l.mu.Unlock()
	r := b.Reserve()
	if d := r.Delay(); d > 0 {
		r.Cancel() // a refused request spends nothing
		return max(d, time.Second), false
	}
	return 0, true
}
