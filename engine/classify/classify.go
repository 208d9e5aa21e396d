// Package classify owns the classifier signals that a deployment may add to
// requests that carry none: a Provider that scores a text through any
// OpenAI-compatible endpoint, a moderation endpoint (a hosted service) or a
// chat model (hosted, or local through Ollama, vLLM or llama.cpp), with a
// deadline per call, a bounded cache by text digest and a circuit breaker.
// Its configuration is a YAML file per deployment (Load).
//
// A Provider is an engine.Classifier: whatever goes wrong becomes the status
// of the classification, never an error of the decision.
package classify

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/galateo/galateo/engine"
)

// Provider scores texts through one configured endpoint. It is safe for
// concurrent use.
type Provider struct {
	cfg    Config
	base   string
	key    string // never logged, never in an error
	prompt string // chat only: Chat.Prompt with the signals filled in
	id     [sha256.Size]byte
	call   func(ctx context.Context, text string) (map[string]float64, error)
	client *http.Client
	// cache holds answers by digest of configuration identity and text;
	// nil when turned off. hashicorp/golang-lru is already in the build
	// (through OPA), bounded and safe for concurrent use.
	cache   *lru.Cache[[sha256.Size]byte, map[string]float64]
	breaker *breaker
	log     *slog.Logger
}

// Option configures a Provider.
type Option func(*Provider)

// WithClock sets the clock of the circuit breaker's cool-down.
func WithClock(now func() time.Time) Option { return func(p *Provider) { p.breaker.now = now } }

// WithLogger sets where the breaker's changes of state are logged
// (default: slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(p *Provider) { p.log = l } }

// New returns the provider of a configuration from Load or Parse; it reads
// the API key.
func New(cfg Config, opts ...Option) (*Provider, error) {
	if cfg.API == "" || cfg.CacheEntries == nil {
		return nil, errors.New("classifier: the configuration was not read with Load or Parse")
	}
	key, err := cfg.apiKey()
	if err != nil {
		return nil, fmt.Errorf("classifier %s: %w", cfg.Name, err)
	}
	p := &Provider{
		cfg: cfg, base: cfg.BaseURL, key: key, id: cfg.identity(),
		client:  &http.Client{}, // deadlines come from the context of each call
		breaker: &breaker{threshold: cfg.Breaker.Failures, cooldown: cfg.Breaker.Cooldown, now: time.Now},
		log:     slog.Default(),
	}
	if n := *cfg.CacheEntries; n > 0 {
		if p.cache, err = lru.New[[sha256.Size]byte, map[string]float64](n); err != nil {
			return nil, fmt.Errorf("classifier %s: cache: %w", cfg.Name, err)
		}
	}
	switch cfg.API {
	case "moderation":
		p.call = p.moderate
	default:
		p.call = p.chat
		p.prompt = strings.ReplaceAll(cfg.Chat.Prompt, "{signals}", strings.Join(cfg.Chat.Signals, ", "))
	}
	for _, o := range opts {
		o(p)
	}
	return p, nil
}

// Name is how decisions name the provider.
func (p *Provider) Name() string { return p.cfg.Name }

// Classify scores text: from the cache when the same text was scored under
// the same configuration, else from the provider within the configured
// timeout (and ctx's deadline), unless the breaker is open.
func (p *Provider) Classify(ctx context.Context, text string) engine.Classification {
	c := engine.Classification{Provider: p.cfg.Name}
	key := p.digest(text)
	if p.cache != nil {
		if sig, ok := p.cache.Get(key); ok {
			c.Status, c.Signals = engine.ClassifierCached, maps.Clone(sig)
			return c
		}
	}
	ok, ch := p.breaker.allow()
	p.logChange(ch, nil)
	if !ok {
		c.Status = engine.ClassifierUnavailable
		return c
	}
	callCtx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	sig, err := p.call(callCtx, text)
	switch {
	case err == nil:
		p.logChange(p.breaker.done(true), nil)
		if p.cache != nil {
			p.cache.Add(key, sig)
		}
		c.Status, c.Signals = engine.ClassifierOK, maps.Clone(sig)
	case ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded):
		// The caller went away: that says nothing about the provider.
		p.breaker.abandon()
		c.Status = engine.ClassifierFailed
	case errors.Is(callCtx.Err(), context.DeadlineExceeded):
		p.logChange(p.breaker.done(false), errors.New("no answer within the deadline"))
		c.Status = engine.ClassifierTimeout
	default:
		p.logChange(p.breaker.done(false), err)
		c.Status = engine.ClassifierFailed
	}
	return c
}

// digest keys the cache: the configuration's identity, then the text.
func (p *Provider) digest(text string) [sha256.Size]byte {
	h := sha256.New()
	h.Write(p.id[:])
	h.Write([]byte(text))
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// logChange logs a change of the breaker's state, once per change: a
// provider that is down does not flood the log. Nothing logged names the
// text or the key.
func (p *Provider) logChange(ch change, cause error) {
	if !ch.changed() {
		return
	}
	attrs := []any{"provider", p.cfg.Name, "api", p.cfg.API, "from", ch.from.String(), "to", ch.to.String()}
	switch ch.to {
	case open:
		if cause != nil {
			attrs = append(attrs, "err", cause.Error())
		}
		p.log.Warn("classifier not asked: decisions go on without its signals",
			append(attrs, "cooldown", p.cfg.Breaker.Cooldown.String())...)
	case halfOpen:
		p.log.Info("classifier asked again after its cool-down", attrs...)
	case closed:
		p.log.Info("classifier answers again", attrs...)
	}
}
