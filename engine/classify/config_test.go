package classify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExampleConfiguration(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "sk-example")
	cfg, err := Load("../../docs/classifier.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Name != "moderation-ospitata" || cfg.API != "moderation" || cfg.Timeout != 2*time.Second ||
		*cfg.CacheEntries != 10000 || cfg.Breaker != (BreakerConfig{Failures: 5, Cooldown: 30 * time.Second}) {
		t.Errorf("config = %+v", cfg)
	}
	// The example writes the defaults out: they must stay the same.
	if len(cfg.Moderation.Signals) != len(DefaultModeration) {
		t.Errorf("example mapping %v, defaults %v", cfg.Moderation.Signals, DefaultModeration)
	}
	for k, v := range DefaultModeration {
		if strings.Join(cfg.Moderation.Signals[k], ",") != strings.Join(v, ",") {
			t.Errorf("example maps %s to %v, default %v", k, cfg.Moderation.Signals[k], v)
		}
	}
	p, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p.key != "sk-example" {
		t.Error("the key was not read from the environment")
	}

	// The local example at the end of the file, uncommented.
	raw, _ := os.ReadFile("../../docs/classifier.example.yaml")
	_, local, ok := strings.Cut(string(raw), "# name: ollama-locale")
	if !ok {
		t.Fatal("the example has no local chat configuration")
	}
	var lines []string
	for _, l := range strings.Split("# name: ollama-locale"+local, "\n") {
		if l = strings.TrimPrefix(l, "# "); !strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines = append(lines, l)
		}
	}
	cfg, err = Parse([]byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatalf("local example: %v\n%s", err, strings.Join(lines, "\n"))
	}
	if cfg.API != "chat" || cfg.Model != "llama3.1:8b" || cfg.Chat.Prompt != DefaultPrompt || !*cfg.Chat.JSONMode {
		t.Errorf("local example = %+v", cfg)
	}
}

func TestConfigErrors(t *testing.T) {
	t.Setenv("GALATEO_EMPTY_KEY", "")
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown key", "api: moderation\nbase_url: http://x\ntimout: 2s\n", "field timout not found"},
		{"unknown nested key", "api: moderation\nbase_url: http://x\nbreaker: {failure: 2}\n", "field failure not found"},
		{"empty", "", "empty"},
		{"two documents", "api: moderation\nbase_url: http://x\n---\napi: chat\n", "more than one"},
		{"no api", "base_url: http://x\n", "api is required"},
		{"bad api", "api: completions\nbase_url: http://x\n", `"completions"`},
		{"no base", "api: moderation\n", "base_url is required"},
		{"base not http", "api: moderation\nbase_url: ftp://x\n", "not an http"},
		{"base with v1", "api: moderation\nbase_url: http://x/v1/\n", "leave out /v1"},
		{"chat without model", "api: chat\nbase_url: http://x\n", "model is required"},
		{"two keys", "api: moderation\nbase_url: http://x\napi_key_env: A\napi_key_file: /k\n", "at most one"},
		{"bad timeout", "api: moderation\nbase_url: http://x\ntimeout: 2h\n", "timeout"},
		{"timeout without unit", "api: moderation\nbase_url: http://x\ntimeout: 2\n", "line 3"},
		{"negative cache", "api: moderation\nbase_url: http://x\ncache_entries: -1\n", "cache_entries"},
		{"bad signal name", "api: moderation\nbase_url: http://x\nmoderation: {signals: {Toxicity: [hate]}}\n", "not a signal name"},
		{"signal without category", "api: moderation\nbase_url: http://x\nmoderation: {signals: {toxicity: []}}\n", "no category"},
		{"chat keys on moderation", "api: moderation\nbase_url: http://x\nchat: {signals: [toxicity]}\n", "chat: set"},
		{"prompt without signals", "api: chat\nbase_url: http://x\nmodel: m\nchat: {prompt: rate it}\n", "{signals}"},
		{"signal twice", "api: chat\nbase_url: http://x\nmodel: m\nchat: {signals: [insult, insult]}\n", "twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
		})
	}
}

func TestLoadNamesTheFileAndTheKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "classifier.yaml")
	if err := os.WriteFile(path, []byte("api: moderation\nbase_url: http://127.0.0.1:1\nmodell: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "modell") {
		t.Errorf("err = %v, want the file and the key named", err)
	}
}

func TestAPIKeySources(t *testing.T) {
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte("sk-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GALATEO_SET_KEY", "sk-from-env")
	t.Setenv("GALATEO_UNSET_KEY", "")
	for _, c := range []struct{ name, line, key, err string }{
		{"env", "api_key_env: GALATEO_SET_KEY", "sk-from-env", ""},
		{"file", "api_key_file: " + keyFile, "sk-from-file", ""},
		{"none", "", "", ""},
		{"env not set", "api_key_env: GALATEO_UNSET_KEY", "", "GALATEO_UNSET_KEY is not set"},
		{"empty file", "api_key_file: " + empty, "", "is empty"},
		{"missing file", "api_key_file: " + filepath.Join(dir, "nope"), "", "no such file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte("api: moderation\nbase_url: http://127.0.0.1:1\n" + c.line + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := New(cfg)
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
			case err != nil:
				t.Fatal(err)
			case p.key != c.key:
				t.Errorf("key read wrongly")
			}
		})
	}
}
