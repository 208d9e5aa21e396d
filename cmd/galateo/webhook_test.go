package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/outbound"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// TestServeDeliversWebhooks: galateo serve runs the outbound webhooks'
// worker: a decision taken after a subscription reaches its receiver,
// signed with the secret the subscription showed.
func TestServeDeliversWebhooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var (
		mu     sync.Mutex
		secret string
		got    []outbound.Event
	)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, _ := strconv.ParseInt(r.Header.Get(outbound.HeaderTimestamp), 10, 64)
		mu.Lock()
		defer mu.Unlock()
		if !outbound.Verify(secret, ts, body, r.Header.Get(outbound.HeaderSignature)) {
			t.Errorf("bad signature on %s", body)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var ev outbound.Event
		if err := json.Unmarshal(body, &ev); err != nil {
			t.Error(err)
		}
		got = append(got, ev)
	}))
	defer receiver.Close()

	massa, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
	p := startProcess(t, filepath.Join(t.TempDir(), "galateo.db"), "-policies", massa, "-webhook-every", "100ms", "-webhook-private-networks")
	res, err := authed.Post(p.url+"/subscriptions", "application/json", strings.NewReader(`{"url": "`+receiver.URL+`", "enti": ["massa"]}`))
	if err != nil {
		t.Fatal(err)
	}
	var sub struct{ ID, Secret string }
	if err := json.NewDecoder(res.Body).Decode(&sub); err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("subscribe: %d, %v", res.StatusCode, err)
	}
	res.Body.Close()
	mu.Lock()
	secret = sub.Secret
	mu.Unlock()
	res, err = authed.Post(p.url+"/decide", "application/json", strings.NewReader(`{"ente":"massa","channel":{"platform":"facebook"},`+
		`"content":{"id":"w1","kind":"comment","text":"Grazie, buona giornata"},"author":{"id":"fb:1"},"now":"2026-11-23T10:15:03+01:00"}`))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		DecisionID string `json:"decision_id"`
	}
	if err := json.NewDecoder(res.Body).Decode(&d); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("decide: %d, %v", res.StatusCode, err)
	}
	res.Body.Close()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].RecordID != d.DecisionID || got[0].Event != "decision" || got[0].Seq != 1 {
		t.Fatalf("received %+v, want decision %s:\n%s", got, d.DecisionID, p.log.String())
	}
}
