package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
)

// logRequests writes one record per request once it is answered. It logs
// the route and status, never the body: bodies carry citizens' words.
func (s *server) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	switch {
	case status >= http.StatusInternalServerError:
		level = slog.LevelError
	case c.FullPath() == "/healthz" || c.FullPath() == "/readyz":
		level = slog.LevelDebug // probes would drown everything else
	}
	attrs := []slog.Attr{
		slog.String("method", c.Request.Method),
		slog.String("route", c.FullPath()),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", status),
		slog.Duration("duration", time.Since(start)),
		slog.Int("bytes", c.Writer.Size()),
		slog.String("client", c.ClientIP()),
	}
	if len(c.Errors) > 0 {
		attrs = append(attrs, slog.String("error", c.Errors.String()))
	}
	s.log.LogAttrs(c.Request.Context(), level, "http request", attrs...)
}

// recoverPanics turns a panic into a 500 problem. The panic's value and
// stack go to the log only: they may hold input or internals.
func (s *server) recoverPanics(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v) // net/http's way to abort a response silently
		}
		s.log.ErrorContext(c.Request.Context(), "panic in handler",
			slog.String("route", c.FullPath()), slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
		_ = c.Error(fmt.Errorf("panic: %v", v))
		if c.Writer.Written() {
			c.Abort() // too late for a problem; the client sees a cut response
			return
		}
		s.problem(c, newProblem(probInternal, ""))
	}()
	c.Next()
}
