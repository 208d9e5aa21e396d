package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/galateo/galateo/engine"
)

// TestDecideWithClassifier: galateo decide -classifier asks the configured
// endpoint for a request without signals, and not for one with signals.
func TestDecideWithClassifier(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-cmd-test" {
			http.Error(w, "wrong request", http.StatusBadRequest)
			return
		}
		fmt.Fprint(w, `{"choices":[{"message":{"role":"assistant","content":"{\"toxicity\":0.95,\"insult\":0.93,\"threat\":0.02,\"identity_attack\":0.01,\"profanity\":0.1}"}}]}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "key")
	cfgFile := filepath.Join(dir, "classifier.yaml")
	write(t, keyFile, "sk-cmd-test\n")
	write(t, cfgFile, "name: locale\napi: chat\nbase_url: "+srv.URL+"\nmodel: llama3.1:8b\napi_key_file: "+keyFile+"\n")

	in := strings.Join([]string{
		`{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Complimenti davvero, un lavoro fatto coi piedi da gente come voi"},"now":"2026-11-23T10:15:00+01:00"}`,
		`{"ente":"massa","channel":{"platform":"facebook"},"content":{"kind":"comment","text":"Complimenti davvero, un lavoro fatto coi piedi da gente come voi"},"signals":{"toxicity":0.1},"now":"2026-11-23T10:15:00+01:00"}`,
	}, "\n")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"decide", "-policies", policies, "-classifier", cfgFile, "-jsonl"},
		strings.NewReader(in), &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	var ds []engine.Decision
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var d engine.Decision
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err, l)
		}
		ds = append(ds, d)
	}
	if len(ds) != 2 || calls.Load() != 1 {
		t.Fatalf("%d decisions after %d calls, want 2 after 1:\n%s", len(ds), calls.Load(), out.String())
	}
	if c := ds[0].Classifier; c == nil || *c != (engine.ClassifierReport{Status: "ok", Provider: "locale"}) || ds[0].Outcome != "remove" {
		t.Errorf("without signals: %s, classifier %+v; want remove on the provider's scores", ds[0].Outcome, c)
	}
	if ds[1].Classifier != nil || ds[1].Outcome != "allow" {
		t.Errorf("with signals: %s, classifier %+v; want the client's signals to decide", ds[1].Outcome, ds[1].Classifier)
	}
	if strings.Contains(errOut.String(), "sk-cmd-test") || !strings.Contains(errOut.String(), "provider=locale") {
		t.Errorf("stderr = %s", errOut.String())
	}
}

// TestBadClassifierFileStops: an unknown key stops decide and serve at
// start, naming the file and the key.
func TestBadClassifierFileStops(t *testing.T) {
	cfgFile := filepath.Join(t.TempDir(), "classifier.yaml")
	write(t, cfgFile, "api: moderation\nbase_url: http://127.0.0.1:1\nmodel_name: x\n")
	for _, args := range [][]string{
		{"decide", "-policies", policies, "-classifier", cfgFile},
		{"serve", "-addr", "127.0.0.1:0", "-policies", policies, "-db", filepath.Join(t.TempDir(), "g.db"), "-classifier", cfgFile},
	} {
		out, err := runCmd(t, `{}`, args...)
		if err == nil || !strings.Contains(err.Error(), cfgFile) || !strings.Contains(err.Error(), "model_name") {
			t.Errorf("%s: err = %v, want the file and the key named\n%s", args[0], err, out)
		}
	}
	t.Setenv("GALATEO_CLASSIFIER", cfgFile)
	if _, err := runCmd(t, `{}`, "decide", "-policies", policies); err == nil || !strings.Contains(err.Error(), "model_name") {
		t.Errorf("GALATEO_CLASSIFIER: err = %v, want the file read", err)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestEvalWithClassifier: galateo eval -classifier decides the suite's
// cases with the endpoint's scores, so that a model can be measured on the
// suite as serve would use it.
func TestEvalWithClassifier(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		fmt.Fprint(w, `{"choices":[{"message":{"role":"assistant","content":"{\"toxicity\":0.95,\"insult\":0.93,\"threat\":0.02,\"identity_attack\":0.01,\"profanity\":0.1}"}}]}`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "classifier.yaml")
	write(t, cfgFile, "name: locale\napi: chat\nbase_url: "+srv.URL+"\nmodel: llama3.1:8b\n")
	suite := filepath.Join(dir, "suite")
	for _, split := range []string{"dev", "heldout"} {
		if err := os.MkdirAll(filepath.Join(suite, split), 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(suite, split, "insult_user.yaml"), "functionality: insult_user\ndescription: \"Insults\"\nlabel: offensive\ncases:\n"+
			"  - id: x_"+split+"\n    text: \"Complimenti davvero, un lavoro fatto coi piedi da gente come voi\"\n    ground: none\n    target: individual\n")
	}
	rate := func(args ...string) string {
		t.Helper()
		out, err := runCmd(t, "", append([]string{"eval", "-policies", policies, "-suite", suite, "-split", "dev"}, args...)...)
		if err != nil {
			t.Fatal(err, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "insult_user") {
				return strings.Join(strings.Fields(l)[3:], " ")
			}
		}
		t.Fatalf("no insult_user row:\n%s", out)
		return ""
	}
	if got := rate(); got != "1 0.000 0.000" {
		t.Errorf("without a classifier: cases flagged removed = %q, want 1 0.000 0.000", got)
	}
	if got := rate("-classifier", cfgFile); got != "1 1.000 1.000" || calls.Load() != 1 {
		t.Errorf("with the classifier: cases flagged removed = %q after %d calls, want 1 1.000 1.000 after 1", got, calls.Load())
	}
}
