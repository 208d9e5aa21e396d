package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkScale measures what an operator hosting many comuni on one
// machine meets, on the built binary: `galateo serve` over the seed enti
// plus GALATEO_SCALE_ENTI synthetic comuni (galateo synth; 1000 by
// default, 0 for the seed enti alone), on a fresh SQLite database and
// again warm; its peak resident memory; decision latency under load; and
// the time to reload one ente while the load runs. Run it with
// `make bench-scale` (docs/PERFORMANCE.md has the figures). It is a
// benchmark, run once per invocation: the figures are reported as metrics,
// never asserted.
func BenchmarkScale(b *testing.B) {
	n := 1000
	if v := os.Getenv("GALATEO_SCALE_ENTI"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 0 {
			b.Fatalf("GALATEO_SCALE_ENTI=%q is not a count", v)
		}
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "galateo")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	// The reload under load edits an ente's data: always in a copy.
	policies := filepath.Join(dir, "policies")
	if n == 0 {
		if err := os.CopyFS(policies, os.DirFS("../../policies")); err != nil {
			b.Fatal(err)
		}
	} else {
		if out, err := exec.Command(bin, "synth", "-n", strconv.Itoa(n), "-out", policies, "-policies", "../../policies").CombinedOutput(); err != nil {
			b.Fatalf("synth: %v\n%s", err, out)
		}
	}
	for range b.N {
		db := filepath.Join(dir, fmt.Sprintf("g%d.db", time.Now().UnixNano()))
		fresh := startScaleServer(b, bin, policies, db, dir)
		b.ReportMetric(fresh.ready.Seconds(), "ready-fresh-s")
		target := "cetona"
		if n > 0 {
			target = fmt.Sprintf("comune_sintetico_%05d", n/2+1)
		}
		lat, reload := fresh.load(b, n, func() time.Duration {
			return fresh.reloadOne(b, filepath.Join(policies, "enti", target, "data.yaml"), target)
		})
		fresh.stop(b)
		b.ReportMetric(float64(fresh.peakKB)/1024, "peak-rss-fresh-MB")
		b.ReportMetric(ms(lat[len(lat)/2]), "decide-p50-ms")
		b.ReportMetric(ms(lat[len(lat)*99/100]), "decide-p99-ms")
		b.ReportMetric(ms(reload), "reload-one-ms")

		warm := startScaleServer(b, bin, policies, db, dir)
		warm.stop(b)
		b.ReportMetric(warm.ready.Seconds(), "ready-warm-s")
		b.ReportMetric(float64(warm.peakKB)/1024, "peak-rss-warm-MB")
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

type scaleServer struct {
	cmd    *exec.Cmd
	addr   string
	key    string
	ready  time.Duration
	peakKB int64
	client *http.Client
}

// startScaleServer starts `galateo serve` and waits until it answers /readyz.
func startScaleServer(b *testing.B, bin, policies, db, dir string) *scaleServer {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	keyFile := filepath.Join(dir, "key")
	cmd := exec.Command(bin, "serve", "-addr", addr, "-policies", policies, "-fixtures", "../../fixtures",
		"-db", db, "-key-file", keyFile, "-watch=false", "-rate", "100000", "-burst", "100000")
	cmd.Env = append(os.Environ(), "GALATEO_EVAL_TIMEOUT=10s")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	s := &scaleServer{cmd: cmd, addr: addr, client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}}
	for {
		if res, err := s.client.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if cmd.ProcessState != nil || time.Since(start) > 30*time.Minute {
			b.Fatalf("the server did not become ready:\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.ready = time.Since(start)
	raw, err := os.ReadFile(keyFile)
	if err != nil {
		b.Fatal(err)
	}
	s.key = strings.TrimSpace(string(raw))
	return s
}

// peak reads the process's peak resident set (VmHWM, Linux).
func (s *scaleServer) peak() int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

func (s *scaleServer) stop(b *testing.B) {
	b.Helper()
	s.peakKB = s.peak()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	_ = s.cmd.Wait()
}

func (s *scaleServer) post(path, body string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://"+s.addr+path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.key)
	return s.client.Do(req)
}

// scaleTexts are the comments of the load: allowed, insulting, threatening.
var scaleTexts = []string{
	"Quando riapre la biblioteca comunale?",
	"Grazie per il lavoro sulla piazza, finalmente è bella",
	"Sei proprio un idiota, dimettiti",
	"Giuro che prima o poi ti vengo a cercare sotto casa",
}

// load sends decisions from four clients, over the seed enti and the
// synthetic comuni, and calls during once the load is under way. It
// returns the sorted latencies and what during returned.
func (s *scaleServer) load(b *testing.B, n int, during func() time.Duration) ([]time.Duration, time.Duration) {
	b.Helper()
	enti := []string{"massa", "tradate", "crespiatica", "cetona", "valdichiana_senese"}
	for i := 1; i <= n; i += max(1, n/200) {
		enti = append(enti, fmt.Sprintf("comune_sintetico_%05d", i))
	}
	const clients, perClient = 4, 250
	var (
		mu   sync.Mutex
		lat  []time.Duration
		wg   sync.WaitGroup
		errs = make(chan error, clients)
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perClient {
				ente := enti[(c*perClient+i)%len(enti)]
				body := fmt.Sprintf(`{"ente":%q,"channel":{"platform":"facebook"},"content":{"id":"c%d_%d","kind":"comment","text":%q},"author":{"id":"fb:%d"}}`,
					ente, c, i, scaleTexts[i%len(scaleTexts)], i%50)
				t0 := time.Now()
				res, err := s.post("/decide", body)
				if err != nil {
					errs <- err
					return
				}
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("decide %s: %s", ente, res.Status)
					return
				}
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second) // the load is under way
	reload := during()
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	slices.Sort(lat)
	return lat, reload
}

// reloadOne edits one ente's data and times POST /admin/reload of it.
func (s *scaleServer) reloadOne(b *testing.B, data, id string) time.Duration {
	b.Helper()
	raw, err := os.ReadFile(data)
	if err != nil {
		b.Fatal(err)
	}
	edited := append(raw, []byte(fmt.Sprintf("# edited at %s\nretention_days: 400\n", time.Now().Format(time.RFC3339Nano)))...)
	if err := os.WriteFile(data, edited, 0o644); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	res, err := s.post("/admin/reload", fmt.Sprintf(`{"enti":[%q]}`, id))
	took := time.Since(t0)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	var body bytes.Buffer
	_, _ = body.ReadFrom(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(body.String(), `"activated"`) {
		b.Fatalf("reload of %s: %s %s", id, res.Status, body.String())
	}
	return took
}
