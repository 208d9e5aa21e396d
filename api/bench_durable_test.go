package api

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// BenchmarkDurableDecisions measures decisions per second answered only
// after their audit record is committed: 16 concurrent clients, the real
// engine reading histories from the store, group commit. SQLite always;
// PostgreSQL when TEST_DATABASE_URL is set (in a schema of its own).
func BenchmarkDurableDecisions(b *testing.B) {
	urls := map[string]string{"sqlite": filepath.Join(b.TempDir(), "bench.db")}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		urls["postgres"] = storetest.Postgres(b).URL
	}
	for _, name := range []string{"sqlite", "postgres"} {
		u, ok := urls[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			st, err := store.Open(ctx, u, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			eng, err := engine.Load(ctx, "../policies", engine.WithHistory(History(record.History(st))))
			if err != nil {
				b.Fatal(err)
			}
			batcher := store.NewBatcher(st, 128)
			defer batcher.Close()
			h := New(eng, Options{Logger: slog.New(slog.DiscardHandler), Store: st, Recorder: batcher})
			var n atomic.Int64
			b.SetParallelism(8) // 16 clients on this 2-core machine
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					body := fmt.Appendf(nil, `{"ente":"massa","channel":{"platform":"facebook"},`+
						`"content":{"id":"bench-%d","kind":"comment","text":"Buongiorno, i lavori in via Roma quando finiscono? %d"},`+
						`"author":{"id":"fb:%d"},"now":"2026-11-23T10:15:03+01:00"}`, i, i, i%50)
					req := httptest.NewRequest(http.MethodPost, "/decide", bytes.NewReader(body))
					req.Header.Set("Content-Type", "application/json")
					res := httptest.NewRecorder()
					h.ServeHTTP(res, req)
					if res.Code != http.StatusOK {
						b.Errorf("status %d: %s", res.Code, res.Body)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "decisions/s")
		})
	}
}
