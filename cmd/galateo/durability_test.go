package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// These tests run the real binary in its own processes: one killed with
// SIGKILL under load, two sharing one PostgreSQL database.

var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "galateo-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "galateo")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

const durabilityKey = "0707070707070707070707070707070707070707070707070707070707070707"

type process struct {
	cmd *exec.Cmd
	url string
	log *lockedBuffer
}

// startProcess runs galateo serve on db with the project's policies of
// massa (the only ente these tests post to: each ente loaded is gated),
// or with the serve flags given in args.
func startProcess(t *testing.T, db string, args ...string) *process {
	t.Helper()
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	log := &lockedBuffer{b: new(bytes.Buffer)}
	if len(args) == 0 {
		massa, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
		args = []string{"-policies", massa}
	}
	seedKey(t, db)
	cmd := exec.Command(bin, append([]string{"serve", "-addr", addr, "-db", db}, args...)...)
	cmd.Env = append(os.Environ(), "GALATEO_PSEUDONYM_KEY="+durabilityKey)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, url: "http://" + addr, log: log}
	t.Cleanup(func() { p.cmd.Process.Kill(); p.cmd.Wait() })
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(p.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("galateo serve did not become ready:\n%s", log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// load posts insults by a few authors from 16 clients until stop is
// closed, and returns the ids of the decisions the server acknowledged.
func load(urls []string, stop <-chan struct{}, prefix string) []string {
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	client := &http.Client{Transport: bearer{http.DefaultTransport}, Timeout: 10 * time.Second}
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf(`{"ente":"massa","channel":{"platform":"facebook"},`+
					`"content":{"id":"%s-%d-%d","kind":"comment","text":"Sei uno stronzo, numero %d"},`+
					`"author":{"id":"fb:%d"},"now":"2026-11-23T10:15:03+01:00"}`, prefix, g, i, i, g%4)
				res, err := client.Post(urls[g%len(urls)]+"/decide", "application/json", strings.NewReader(body))
				if err != nil {
					time.Sleep(10 * time.Millisecond) // the server is gone or restarting
					continue
				}
				var d engine.Decision
				err = json.NewDecoder(res.Body).Decode(&d)
				res.Body.Close()
				if res.StatusCode == http.StatusOK && err == nil && d.DecisionID != "" {
					mu.Lock()
					acked = append(acked, d.DecisionID)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return acked
}

func verifyAcked(t *testing.T, db string, acked []string) *store.SQL {
	t.Helper()
	key, _ := hex.DecodeString(durabilityKey)
	st, err := store.Open(context.Background(), db, store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	missing := 0
	for _, id := range acked {
		if _, err := st.Get(context.Background(), id); err != nil {
			missing++
			if missing <= 5 {
				t.Errorf("acknowledged decision %s is not in the log: %v", id, err)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged decisions lost", missing, len(acked))
	}
	rep, err := st.Verify(context.Background(), "")
	if err != nil || len(rep.Problems) > 0 {
		t.Errorf("verify: %+v, %v", rep, err)
	}
	return st
}

// TestSIGKILLLosesNothingAcknowledged kills the server with SIGKILL while 16
// clients post decisions, restarts it, and checks that every acknowledged
// decision is in the log and the chain verifies.
func TestSIGKILLLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	db := filepath.Join(t.TempDir(), "galateo.db")
	p := startProcess(t, db)
	stop := make(chan struct{})
	done := make(chan []string)
	go func() { done <- load([]string{p.url}, stop, "kill") }()
	time.Sleep(1500 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	time.Sleep(200 * time.Millisecond)
	close(stop)
	acked := <-done
	if len(acked) < 16 {
		t.Fatalf("only %d decisions acknowledged before the kill:\n%s", len(acked), p.log.String())
	}
	p = startProcess(t, db) // it must start again on the same file
	p.cmd.Process.Kill()
	p.cmd.Wait()
	verifyAcked(t, db, acked)
	t.Logf("%d acknowledged decisions, all in the log after SIGKILL", len(acked))
}

// TestTwoServersOneDatabase runs two galateo serve processes on one
// PostgreSQL database under concurrent load: the chain stays linear and
// every author's history counts each decision exactly once.
func TestTwoServersOneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	db := postgresURL(t)
	a, b := startProcess(t, db), startProcess(t, db)
	stop := make(chan struct{})
	done := make(chan []string)
	go func() { done <- load([]string{a.url, b.url}, stop, "two") }()
	time.Sleep(2 * time.Second)
	close(stop)
	acked := <-done
	if len(acked) < 32 {
		t.Fatalf("only %d decisions acknowledged:\n%s\n%s", len(acked), a.log.String(), b.log.String())
	}
	st := verifyAcked(t, db, acked)
	rep, _ := st.Verify(context.Background(), "massa")
	if rep.Records != int64(len(acked)) {
		t.Errorf("the chain holds %d records, %d were acknowledged", rep.Records, len(acked))
	}
	// Every decision was a certain insult: each author's violations in the
	// log equal their acknowledged decisions.
	total := 0
	for author := range 4 {
		h, err := st.History(context.Background(), store.HistoryQuery{
			Ente: "massa", AuthorID: fmt.Sprintf("fb:%d", author), WindowDays: 1, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC),
		})
		if err != nil {
			t.Fatal(err)
		}
		total += h.Violations
	}
	if total != len(acked) {
		t.Errorf("author histories count %d violations, %d decisions were acknowledged", total, len(acked))
	}
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
