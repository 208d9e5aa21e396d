package classify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
)

// fakeServer is an OpenAI-compatible endpoint in the test's process: it
// answers with whatever answer says, and keeps the requests it got.
type fakeServer struct {
	*httptest.Server
	mu     sync.Mutex
	answer func(w http.ResponseWriter, r *http.Request, body map[string]any)
	bodies []map[string]any
	paths  []string
	auth   []string
}

func newFake(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, body map[string]any)) *fakeServer {
	t.Helper()
	f := &fakeServer{answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &body)
		f.mu.Lock()
		f.bodies = append(f.bodies, body)
		f.paths = append(f.paths, r.URL.Path)
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		answer := f.answer
		f.mu.Unlock()
		answer(w, r, body)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.bodies)
}

func (f *fakeServer) setAnswer(a func(w http.ResponseWriter, r *http.Request, body map[string]any)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer = a
}

func jsonAnswer(v any) func(w http.ResponseWriter, r *http.Request, body map[string]any) {
	return func(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
}

func moderationAnswer(scores map[string]float64) func(w http.ResponseWriter, r *http.Request, body map[string]any) {
	return jsonAnswer(map[string]any{
		"id": "modr-1", "model": "omni-moderation-latest",
		"results": []any{map[string]any{"flagged": true, "categories": map[string]bool{}, "category_scores": scores}},
	})
}

func chatAnswer(content string) func(w http.ResponseWriter, r *http.Request, body map[string]any) {
	return jsonAnswer(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion",
		"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}},
	})
}

func status(code int) func(w http.ResponseWriter, r *http.Request, body map[string]any) {
	return func(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
		http.Error(w, "Mario Rossi is a secret echo", code)
	}
}

func provider(t *testing.T, yaml string, opts ...Option) *Provider {
	t.Helper()
	cfg, err := Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestModerationMapsCategories(t *testing.T) {
	t.Setenv("GALATEO_TEST_KEY", "sk-test-secret")
	f := newFake(t, moderationAnswer(map[string]float64{
		"harassment": 0.81, "harassment/threatening": 0.92, "hate": 0.12, "hate/threatening": 0.05,
		"violence": 0.7, "sexual": 0.99, "self-harm": 0.3,
	}))
	p := provider(t, fmt.Sprintf("api: moderation\nbase_url: %s/\nmodel: omni-moderation-latest\napi_key_env: GALATEO_TEST_KEY\n", f.URL))
	c := p.Classify(context.Background(), "Ti vengo a cercare")
	want := map[string]float64{"toxicity": 0.92, "insult": 0.81, "threat": 0.92, "identity_attack": 0.12, "violence": 0.7}
	if c.Status != engine.ClassifierOK || c.Provider != "omni-moderation-latest" || !equalScores(c.Signals, want) {
		t.Errorf("classification = %+v, want ok %v", c, want)
	}
	if f.paths[0] != "/v1/moderations" || f.auth[0] != "Bearer sk-test-secret" {
		t.Errorf("request to %s with Authorization %q", f.paths[0], f.auth[0])
	}
	if f.bodies[0]["input"] != "Ti vengo a cercare" || f.bodies[0]["model"] != "omni-moderation-latest" {
		t.Errorf("request body = %v", f.bodies[0])
	}
}

func TestModerationMappingIsConfiguration(t *testing.T) {
	f := newFake(t, moderationAnswer(map[string]float64{"harassment": 0.4, "sexual": 0.6, "hate": 0.2}))
	p := provider(t, fmt.Sprintf(`api: moderation
base_url: %s
moderation:
  signals:
    profanity: [sexual, harassment]
    identity_attack: [hate]
    threat: [violence/threatening]
`, f.URL))
	c := p.Classify(context.Background(), "testo")
	// threat's only category is not in the answer: the signal is left out.
	if want := map[string]float64{"profanity": 0.6, "identity_attack": 0.2}; !equalScores(c.Signals, want) {
		t.Errorf("signals = %v, want %v", c.Signals, want)
	}
	if f.auth[0] != "" || f.bodies[0]["model"] != nil {
		t.Errorf("no key and no model configured, sent Authorization %q and model %v", f.auth[0], f.bodies[0]["model"])
	}
}

func TestChatAsksForConfiguredSignals(t *testing.T) {
	f := newFake(t, chatAnswer(`{"toxicity": 0.8, "insult": 0.75, "threat": 0, "unknown_thing": 7, "note": "ignored"}`))
	p := provider(t, fmt.Sprintf("name: ollama-locale\napi: chat\nbase_url: %s\nmodel: llama3.1:8b\nchat:\n  signals: [toxicity, insult, threat]\n", f.URL))
	c := p.Classify(context.Background(), "Siete dei buffoni")
	want := map[string]float64{"toxicity": 0.8, "insult": 0.75, "threat": 0}
	if c.Status != engine.ClassifierOK || c.Provider != "ollama-locale" || !equalScores(c.Signals, want) {
		t.Errorf("classification = %+v, want ok %v", c, want)
	}
	body := f.bodies[0]
	if f.paths[0] != "/v1/chat/completions" || body["model"] != "llama3.1:8b" || body["temperature"] != 0.0 {
		t.Errorf("request %s %v", f.paths[0], body)
	}
	if rf, _ := body["response_format"].(map[string]any); rf["type"] != "json_object" {
		t.Errorf("response_format = %v, want json_object", body["response_format"])
	}
	msgs, _ := body["messages"].([]any)
	if len(msgs) != 2 {
		t.Fatalf("messages = %v", msgs)
	}
	system, user := msgs[0].(map[string]any), msgs[1].(map[string]any)
	if system["role"] != "system" || !strings.Contains(system["content"].(string), "Its keys are exactly: toxicity, insult, threat.") {
		t.Errorf("system message = %v", system)
	}
	if user["role"] != "user" || user["content"] != "Siete dei buffoni" {
		t.Errorf("user message = %v", user)
	}
}

func TestChatParsesStrictly(t *testing.T) {
	for _, c := range []struct {
		name, content, status string
		want                  map[string]float64
	}{
		{"fenced", "```json\n{\"toxicity\": 0.5}\n```", engine.ClassifierOK, map[string]float64{"toxicity": 0.5}},
		{"above one", `{"toxicity": 1.2, "insult": 0.1}`, engine.ClassifierFailed, nil},
		{"negative", `{"toxicity": -0.1}`, engine.ClassifierFailed, nil},
		{"string score", `{"toxicity": "0.4"}`, engine.ClassifierFailed, nil},
		{"prose", `The comment is toxic: {"toxicity": 0.9}`, engine.ClassifierFailed, nil},
		{"two objects", `{"toxicity": 0.9} {"insult": 0.1}`, engine.ClassifierFailed, nil},
		{"array", `[0.9]`, engine.ClassifierFailed, nil},
		{"nothing asked", `{"spam": 0.9}`, engine.ClassifierFailed, nil},
		{"empty", ``, engine.ClassifierFailed, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, chatAnswer(c.content))
			p := provider(t, fmt.Sprintf("api: chat\nbase_url: %s\nmodel: m\n", f.URL))
			got := p.Classify(context.Background(), "testo")
			if got.Status != c.status || !equalScores(got.Signals, c.want) {
				t.Errorf("classification = %+v, want %s %v", got, c.status, c.want)
			}
		})
	}
}

func TestFailuresAreStatuses(t *testing.T) {
	type answer = func(w http.ResponseWriter, r *http.Request, body map[string]any)
	// blocked never answers: only the client's deadline ends the call,
	// which closes the connection and so ends the handler's context.
	blocked := func(_ http.ResponseWriter, r *http.Request, _ map[string]any) { <-r.Context().Done() }
	raw := func(s string) answer {
		return func(w http.ResponseWriter, _ *http.Request, _ map[string]any) { _, _ = io.WriteString(w, s) }
	}
	for _, c := range []struct {
		name   string
		answer answer
		status string
	}{
		{"deadline exceeded", blocked, engine.ClassifierTimeout},
		{"5xx", status(503), engine.ClassifierFailed},
		{"429", status(429), engine.ClassifierFailed},
		{"bad JSON", raw(`{"results": [`), engine.ClassifierFailed},
		{"no results", raw(`{"results": []}`), engine.ClassifierFailed},
		{"scores of the wrong type", raw(`{"results": [{"category_scores": {"hate": "high"}}]}`), engine.ClassifierFailed},
		{"score out of range", moderationAnswer(map[string]float64{"hate": 3}), engine.ClassifierFailed},
		{"no mapped category", moderationAnswer(map[string]float64{"sexual": 0.3}), engine.ClassifierFailed},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, c.answer)
			var logs bytes.Buffer
			// Only the server that never answers meets the deadline: the
			// others get one no busy machine reaches, so that their status
			// is the answer's and never a timeout.
			timeout := "30s"
			if c.status == engine.ClassifierTimeout {
				timeout = "20ms"
			}
			p := provider(t, fmt.Sprintf("api: moderation\nbase_url: %s\ntimeout: %s\nbreaker: {failures: 1}\n", f.URL, timeout),
				WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			got := p.Classify(context.Background(), "Mario Rossi è un ladro")
			if got.Status != c.status || got.Signals != nil {
				t.Errorf("classification = %+v, want %s", got, c.status)
			}
			// The breaker opened on this one failure and logged it once,
			// without the text or what the server echoed.
			if n := strings.Count(logs.String(), "\n"); n != 1 || strings.Contains(logs.String(), "Mario Rossi") {
				t.Errorf("log = %q", logs.String())
			}
		})
	}
}

func TestRequestDeadlineIsHonoured(t *testing.T) {
	f := newFake(t, moderationAnswer(map[string]float64{"hate": 0.5}))
	p := provider(t, fmt.Sprintf("api: moderation\nbase_url: %s\n", f.URL))
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if got := p.Classify(ctx, "testo"); got.Status != engine.ClassifierTimeout {
		t.Errorf("classification past the request's deadline = %+v, want timeout", got)
	}
}

// clock is a test clock moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestBreakerOpensAndRecovers(t *testing.T) {
	t.Setenv("GALATEO_TEST_KEY", "sk-never-logged")
	f := newFake(t, status(500))
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	var logs bytes.Buffer
	p := provider(t, fmt.Sprintf("name: hosted\napi: moderation\nbase_url: %s\napi_key_env: GALATEO_TEST_KEY\ncache_entries: 0\nbreaker: {failures: 3, cooldown: 30s}\n", f.URL),
		WithClock(clk.now), WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	ask := func(want string, calls int) {
		t.Helper()
		if got := p.Classify(context.Background(), "Siete dei ladri"); got.Status != want {
			t.Errorf("status = %s, want %s", got.Status, want)
		}
		if f.calls() != calls {
			t.Errorf("provider called %d times, want %d", f.calls(), calls)
		}
	}
	ask(engine.ClassifierFailed, 1)
	ask(engine.ClassifierFailed, 2)
	ask(engine.ClassifierFailed, 3) // the third in a row opens the breaker
	ask(engine.ClassifierUnavailable, 3)
	clk.add(29 * time.Second)
	ask(engine.ClassifierUnavailable, 3)
	clk.add(time.Second) // cool-down over: one trial, which fails and reopens
	ask(engine.ClassifierFailed, 4)
	ask(engine.ClassifierUnavailable, 4)
	clk.add(30 * time.Second)
	f.setAnswer(moderationAnswer(map[string]float64{"hate": 0.2}))
	ask(engine.ClassifierOK, 5) // the trial succeeds and closes it
	ask(engine.ClassifierOK, 6)
	f.setAnswer(status(502))
	ask(engine.ClassifierFailed, 7) // closed again: failures count from zero
	ask(engine.ClassifierFailed, 8)
	ask(engine.ClassifierFailed, 9)
	ask(engine.ClassifierUnavailable, 9)

	// One line per change of state, none per failure; never the text or
	// the key.
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	var changes []string
	for _, l := range lines {
		from, to := field(l, "from"), field(l, "to")
		changes = append(changes, from+">"+to)
	}
	want := []string{"closed>open", "open>half-open", "half-open>open", "open>half-open", "half-open>closed", "closed>open"}
	if strings.Join(changes, " ") != strings.Join(want, " ") {
		t.Errorf("logged changes %v, want %v\n%s", changes, want, logs.String())
	}
	if s := logs.String(); strings.Contains(s, "ladri") || strings.Contains(s, "sk-never-logged") || !strings.Contains(s, "HTTP 500") {
		t.Errorf("log = %s", s)
	}
}

// field reads key=value from a line of slog's text handler.
func field(line, key string) string {
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, key+"="); ok {
			return v
		}
	}
	return ""
}

func TestHalfOpenLetsOneTrialThrough(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	b := &breaker{threshold: 1, cooldown: time.Minute, now: clk.now}
	if ok, _ := b.allow(); !ok {
		t.Fatal("a closed breaker refused")
	}
	if ch := b.done(false); ch.to != open {
		t.Fatalf("one failure with threshold 1 left it %s", ch.to)
	}
	clk.add(time.Minute)
	if ok, ch := b.allow(); !ok || ch.to != halfOpen {
		t.Fatalf("after the cool-down: allowed %v, state %s", ok, ch.to)
	}
	if ok, _ := b.allow(); ok {
		t.Error("a second request went through while the trial is under way")
	}
	b.abandon() // the trial's caller went away
	if ok, _ := b.allow(); !ok {
		t.Error("an abandoned trial kept the breaker half-open for good")
	}
	if ch := b.done(true); ch.to != closed {
		t.Errorf("a successful trial left it %s", ch.to)
	}
}

func TestCacheByTextDigest(t *testing.T) {
	f := newFake(t, moderationAnswer(map[string]float64{"hate": 0.6, "harassment": 0.1}))
	p := provider(t, fmt.Sprintf("api: moderation\nbase_url: %s\ncache_entries: 2\n", f.URL))
	ask := func(text, want string, calls int) {
		t.Helper()
		got := p.Classify(context.Background(), text)
		if got.Status != want || got.Signals["identity_attack"] != 0.6 {
			t.Errorf("%q: classification = %+v, want %s", text, got, want)
		}
		if f.calls() != calls {
			t.Errorf("%q: provider called %d times, want %d", text, f.calls(), calls)
		}
		got.Signals["identity_attack"] = 0 // a caller's change does not reach the cache
	}
	ask("primo", engine.ClassifierOK, 1)
	ask("primo", engine.ClassifierCached, 1)
	ask("secondo", engine.ClassifierOK, 2)
	ask("terzo", engine.ClassifierOK, 3) // the cache holds two: "primo" goes
	ask("secondo", engine.ClassifierCached, 3)
	ask("primo", engine.ClassifierOK, 4)

	// Failures are not cached.
	f.setAnswer(status(503))
	if got := p.Classify(context.Background(), "quarto"); got.Status != engine.ClassifierFailed {
		t.Fatalf("status = %s", got.Status)
	}
	f.setAnswer(moderationAnswer(map[string]float64{"hate": 0.6}))
	ask("quarto", engine.ClassifierOK, 6)
}

func TestCacheKeyHasTheConfigurationsIdentity(t *testing.T) {
	a, _ := Parse([]byte("api: chat\nbase_url: http://127.0.0.1:11434\nmodel: a\n"))
	b, _ := Parse([]byte("api: chat\nbase_url: http://127.0.0.1:11434\nmodel: b\n"))
	c, _ := Parse([]byte("api: chat\nbase_url: http://127.0.0.1:11434\nmodel: a\ntimeout: 5s\n"))
	if a.identity() == b.identity() {
		t.Error("two models share an identity")
	}
	if a.identity() != c.identity() {
		t.Error("the timeout changed the identity")
	}
}

func equalScores(got, want map[string]float64) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			return false
		}
	}
	return true
}
