package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

// BenchmarkAppend measures durable decisions per second: 16 clients record
// through one Batcher (group commit), each waiting for its commit, the way
// concurrent requests do in galateo serve.
func BenchmarkAppend(b *testing.B) {
	for _, c := range []struct {
		name  string
		fresh func(testing.TB) storetest.Database
	}{
		{"sqlite", freshSQLite},
		{"postgres", storetest.Postgres},
	} {
		b.Run(c.name, func(b *testing.B) {
			s, err := store.Open(context.Background(), c.fresh(b).URL, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			benchmarkAppend(b, s, 16)
		})
	}
}

func benchmarkAppend(b *testing.B, s store.Store, clients int) {
	batcher := store.NewBatcher(s, 0)
	defer batcher.Close()
	// About the size of a real record: a decision with a violation and an
	// evaluated input of a few kilobytes.
	decision := []byte(`{"decision_id":"%s","ente":"%s","outcome":"remove","violations":[{"rule":"threat","category":"threat","clause":"art. 4","outcome":"remove","title":"Minacce"}],"policy":{"revision":"sha256:0123456789abcdef"}}`)
	input := []byte(`{"content":{"text":"` + strings.Repeat("Testo del commento con ██████ mascherati. ", 60) + `"},"facts":{"tokens":[]}}`)
	enti := []string{"comune-a", "comune-b", "comune-c", "comune-d"}
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var (
		failOnce sync.Once
		failed   error
	)
	b.ResetTimer()
	for w := range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				ente := enti[i%int64(len(enti))]
				id := fmt.Sprintf("bench-%d-%d", w, i)
				_, err := batcher.Record(context.Background(), store.Entry{
					DecisionID: id, Ente: ente, Revision: "sha256:0123456789abcdef", ContentID: id,
					Author: fmt.Sprintf("ps_%d", i%97), Outcome: "remove", Categories: []string{"threat"},
					DecidedAt: start.Add(time.Duration(i)), Decision: fmt.Appendf(nil, string(decision), id, ente), Input: input,
					Counted: true, Fingerprint: fmt.Sprintf("fp%d", i%13),
				})
				if err != nil {
					failOnce.Do(func() { failed = err })
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if failed != nil {
		b.Fatal(failed)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "entries/s")
}
