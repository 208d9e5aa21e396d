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
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/meta"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// TestMetaSIGKILLBetweenAckAndAction: a signed delivery is acknowledged by
// a server killed with SIGKILL before its worker acts; the server started
// again on the same database removes the insult exactly once.
func TestMetaSIGKILLBetweenAckAndAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var (
		mu    sync.Mutex
		calls []string
	)
	graph := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if r.Method != http.MethodGet { // reads of a thread's text are not actions
			calls = append(calls, r.Method+" "+r.URL.Path)
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"success":true}`)
	}))
	defer graph.Close()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const secret, page = "segreto-app", "100000000000001"
	config := write("meta.yaml", fmt.Sprintf(`graph_url: %s
app_secret: {file: %s}
verify_token: {file: %s}
enti:
  massa:
    auto: [hide, remove]
    accounts:
      - {id: "%s", platform: facebook, name: comune.massa, token: {file: %s}}
`, graph.URL, write("secret", secret), write("verify", "verifica"), page, write("token", "EAAB-token")))
	massa, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
	db := filepath.Join(dir, "galateo.db")

	// The worker of the first server looks only at start: the delivery
	// that comes after waits, acknowledged, until the kill.
	p := startProcess(t, db, "-policies", massa, "-meta", config, "-meta-every", "1h")
	body, _ := json.Marshal(map[string]any{"object": "page", "entry": []any{map[string]any{
		"id": page, "time": time.Date(2026, 11, 23, 9, 15, 0, 0, time.UTC).Unix(), "changes": []any{map[string]any{
			"field": "feed", "value": map[string]any{"item": "comment", "verb": "add", "comment_id": page + "_1_9",
				"post_id": page + "_1", "parent_id": page + "_1", "message": "Sei proprio uno stronzo",
				"from": map[string]any{"id": "77", "name": "Mario"}},
		}},
	}}})
	req, _ := http.NewRequest(http.MethodPost, p.url+"/webhooks/meta", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", meta.Sign([]byte(secret), body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("delivery answered %d:\n%s", res.StatusCode, p.log.String())
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	mu.Lock()
	n := len(calls)
	mu.Unlock()
	if n != 0 {
		t.Fatalf("the killed server acted before the kill: %v", calls)
	}

	p = startProcess(t, db, "-policies", massa, "-meta", config, "-meta-every", "100ms")
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n = len(calls)
		mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // time for a second call, if one were to come
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 1 || calls[0] != "DELETE /"+page+"_1_9" {
		t.Fatalf("graph calls %v, want the comment deleted once:\n%s", calls, p.log.String())
	}
	st, err := store.Open(context.Background(), "sqlite:"+db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.Deliveries(context.Background(), store.DeliveryFilter{})
	if err != nil || len(rows) != 1 || rows[0].State != store.DeliveryDone || rows[0].DecisionID == "" {
		t.Fatalf("outbox %+v, %v", rows, err)
	}
}
