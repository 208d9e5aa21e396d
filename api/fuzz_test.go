package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
)

// fuzzLog is the audit log a fuzz run records into: an SQLite file with
// group commit, as galateo serve runs it. It starts afresh every
// fuzzLogSize records, so that verifying the chains after each decision
// costs the same throughout a long run.
type fuzzLog struct {
	mu      sync.RWMutex
	dir     string
	n       int // stores opened
	st      *store.SQL
	batcher *store.Batcher
	records int
}

const fuzzLogSize = 256

func (l *fuzzLog) open(tb testing.TB) {
	l.n++
	st, err := store.Open(context.Background(), filepath.Join(l.dir, fmt.Sprintf("galateo-%d.db", l.n)), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	l.st, l.batcher, l.records = st, store.NewBatcher(st, 0), 0
}

func (l *fuzzLog) close() {
	l.batcher.Close()
	l.st.Close()
}

// History reads the author histories of the current store.
func (l *fuzzLog) History(ctx context.Context, q engine.HistoryQuery) (engine.History, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return History(record.History(l.st)).History(ctx, q)
}

// fuzzServer is POST /decide on the seed policies and a real SQLite
// audit log, and the check every fuzz input must pass: the answer is 200
// or a 4xx problem (never a 5xx, never a panic, which the router would
// turn into a 500), and every chain of the log still verifies after it.
func fuzzServer(f *testing.F) func(t *testing.T, body []byte, contentType string) {
	audit := &fuzzLog{dir: f.TempDir()}
	audit.open(f)
	f.Cleanup(audit.close)
	eng, err := engine.Load(context.Background(), "../policies", engine.WithHistory(audit))
	if err != nil {
		f.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	router := func() *gin.Engine {
		return New(eng, Options{Logger: quiet, Store: audit.st, Recorder: audit.batcher})
	}
	r := router()
	return func(t *testing.T, body []byte, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/decide", strings.NewReader(string(body)))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		res := serveChecked(t, r, req)
		if res.Code != http.StatusOK && (res.Code < 400 || res.Code > 499) {
			t.Fatalf("status %d for %q (%s): %s", res.Code, body, contentType, res.Body)
		}
		if res.Code != http.StatusOK {
			return
		}
		afresh := func() {
			audit.mu.Lock()
			audit.close()
			audit.open(t)
			audit.mu.Unlock()
			r = router()
		}
		rep, err := audit.st.Verify(context.Background(), "")
		if err == nil && len(rep.Problems) > 0 {
			err = fmt.Errorf("%+v", rep.Problems)
		}
		if err != nil {
			afresh() // so that the next input is judged on a sound log
			t.Fatalf("after %q the audit log no longer verifies: %v", body, err)
		}
		if audit.records++; audit.records >= fuzzLogSize {
			afresh()
		}
	}
}

// FuzzDecide sends any bytes with any content type to POST /decide (see
// fuzzServer for what must hold). Its corpus under
// testdata/fuzz/FuzzDecide is replayed by go test.
func FuzzDecide(f *testing.F) {
	decide := fuzzServer(f)
	for _, seed := range []struct{ body, contentType string }{
		{comment("Sei proprio uno stronzo, vergognati", "2026-11-23T10:15:00+01:00"), "application/json"},
		{`{"ente":"crespiatica","channel":{"platform":"instagram"},"content":{"id":"9","kind":"comment","text":"Compra su www.esempio.it! #votaPD"},"author":{"id":"ig:1","anonymous":true},"signals":{"toxicity":0.9}}`, "application/json; charset=utf-8"},
		{`{"ente":"tradate","channel":{"platform":"facebook"},"content":{"kind":"post","text":"Io voto Rossi, il sindaco è un incapace"},"author":{"role":"staff","office":"URP"},"now":"2026-11-28T21:00:00+01:00"}`, "application/json"},
		{`{"ente":"conferenza_stato_citta","channel":{"platform":"linkedin"},"content":{"kind":"private_message","text":"Il mio codice fiscale è RSSMRA85T10A562S, chiamatemi al 333 1234567","thread":{"id":"t","text":"Bando"}},"author":{"id":"li:2","name":"Anna Bianchi"}}`, "application/json"},
		{`{"ente":"massa"}`, "text/plain"},
		{``, ""},
	} {
		f.Add([]byte(seed.body), seed.contentType)
	}
	f.Fuzz(decide)
}

// FuzzRequestFields fills the fields of a well-formed request with any
// strings, so that the fuzzer spends its time past the JSON syntax, in
// validation, the facts, the policies and the log.
func FuzzRequestFields(f *testing.F) {
	decide := fuzzServer(f)
	f.Add("massa", "facebook", "comment", "1_2", "Sei uno stronzo", "2026-11-23T10:15:00+01:00", "fb:1", "citizen", "2026-11-23T10:15:03+01:00", 0.5)
	f.Add("tradate", "x", "reply", "", "Vieni in via Roma 12, chiama il 3331234567", "", "", "staff", "", -1.0)
	f.Add("crespiatica", "instagram", "report", "a\u0000b", "#SindacoLadro compra www.spam.it", "2026-02-30T25:00:00Z", "ig:9", "councillor", "1970-01-01T00:00:00Z", 2.0)
	f.Fuzz(func(t *testing.T, ente, platform, kind, contentID, text, createdAt, authorID, role, now string, toxicity float64) {
		req := map[string]any{
			"ente":    ente,
			"channel": map[string]any{"platform": platform, "account": "acct"},
			"content": map[string]any{"id": contentID, "kind": kind, "text": text, "created_at": createdAt},
			"author":  map[string]any{"id": authorID, "name": "Mario Rossi", "role": role},
			"now":     now,
		}
		if !math.IsNaN(toxicity) && !math.IsInf(toxicity, 0) {
			req["signals"] = map[string]any{"toxicity": toxicity}
		}
		body, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		decide(t, body, "application/json")
	})
}
