package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testBatcher(t *testing.T, su suite) {
	t.Run("concurrent records", func(t *testing.T) {
		e := su.env(t)
		b := store.NewBatcher(e.s, 0)
		defer b.Close()
		const workers, each = 16, 50
		enti := []string{"a", "b", "c", "d"}
		recs := record(t, workers, each, func(w, i int) (*store.Batcher, store.Entry) {
			ente := enti[(w+i)%len(enti)]
			return b, entry(ente, fmt.Sprintf("w%02d-%03d", w, i), t0, violation("threat"), by(e.s.Pseudonymizer().Of(ente, "user-1")))
		})
		checkChains(t, recs)
		e.clean(len(enti), workers*each)
		var total int
		for _, ente := range enti {
			h, err := e.s.History(context.Background(), store.HistoryQuery{Ente: ente, AuthorID: "user-1", WindowDays: 1, Now: t0})
			if err != nil {
				t.Fatal(err)
			}
			total += h.Violations
		}
		if total != workers*each {
			t.Errorf("%d violations in the history, want %d", total, workers*each)
		}
	})

	t.Run("two servers on one database", func(t *testing.T) {
		e := su.env(t)
		other := open(t, e.db, store.Options{})
		servers := []*store.Batcher{store.NewBatcher(e.s, 0), store.NewBatcher(other, 0)}
		defer servers[0].Close()
		defer servers[1].Close()
		// Both servers get every content of the same author: each content is
		// recorded once and counted once, whichever server wins.
		const workers, each = 8, 30
		me := e.s.Pseudonymizer().Of("a", "user-1")
		if other.Pseudonymizer().Of("a", "user-1") != me {
			t.Fatal("two stores on one database pseudonymise differently")
		}
		recs := record(t, workers, each, func(w, i int) (*store.Batcher, store.Entry) {
			c := (w/2)*each + i
			x := entry("a", fmt.Sprintf("w%02d-%03d", w, i), t0, violation("threat"), by(me), content(fmt.Sprintf("c%03d", c), "rev-1"))
			return servers[w%2], x
		})
		fresh := recs[:0:0]
		byContent := map[string]string{}
		for _, r := range recs {
			if id, ok := byContent[r.ContentID]; ok && id != r.DecisionID {
				t.Errorf("content %s recorded as %s and %s", r.ContentID, id, r.DecisionID)
			}
			byContent[r.ContentID] = r.DecisionID
			if !r.Duplicate {
				fresh = append(fresh, r)
			}
		}
		unique := workers / 2 * each
		if len(fresh) != unique || len(byContent) != unique {
			t.Errorf("%d records for %d contents, want %d", len(fresh), len(byContent), unique)
		}
		checkChains(t, fresh)
		e.clean(1, int64(unique))
		if h := e.history("a", "user-1", ""); h.Violations != unique {
			t.Errorf("%d violations in the history, want %d", h.Violations, unique)
		}
	})

	t.Run("a failing entry does not fail its batch", func(t *testing.T) {
		e := su.env(t)
		e.append(entry("a", "taken", t0))
		g := newGate(e.s)
		b := store.NewBatcher(g, 0)
		defer b.Close()
		plug := g.plug(t, b)
		results := g.queue(t, b, []store.Entry{
			entry("a", "d1", t0), entry("b", "d2", t0),
			entry("a", "taken", t0, content("another", "rev-1")), // the decision id is unique
			entry("a", "d3", t0), entry("b", "d4", t0),
		})
		g.release()
		if r := collect(t, []chan result{plug})[0]; r.err != nil {
			t.Fatal(r.err)
		}
		for i, r := range collect(t, results) {
			if i == 2 {
				if r.err == nil {
					t.Errorf("the failing entry was recorded: %+v", r.rec)
				}
				continue
			}
			if r.err != nil {
				t.Errorf("entry %d failed with the failing one: %v", i, r.err)
			} else if got := e.get(r.rec.DecisionID); got.Hash != r.rec.Hash {
				t.Errorf("entry %d: recorded %+v, returned %+v", i, got, r.rec)
			}
		}
		if !g.failedBatch() {
			t.Errorf("no batch of several entries failed (batches %v): the test did not test", g.sizes())
		}
		e.clean(3, 6)
	})

	t.Run("close drains the queue", func(t *testing.T) {
		e := su.env(t)
		g := newGate(e.s)
		b := store.NewBatcher(g, 4) // the queue spans several batches
		plug := g.plug(t, b)
		var queued []store.Entry
		for i := range 12 {
			queued = append(queued, entry("a", fmt.Sprintf("d%02d", i), t0))
		}
		results := g.queue(t, b, queued)
		closed := make(chan struct{})
		go func() { b.Close(); close(closed) }()
		select {
		case <-closed:
			t.Fatal("Close returned before the queued entries were written")
		case <-time.After(50 * time.Millisecond):
		}
		g.release()
		<-closed
		if r := collect(t, []chan result{plug})[0]; r.err != nil {
			t.Fatal(r.err)
		}
		for i, r := range collect(t, results) {
			if r.err != nil {
				t.Errorf("queued entry %d: %v", i, r.err)
			}
		}
		e.clean(2, 13)
		if _, err := b.Record(context.Background(), entry("a", "late", t0)); !errors.Is(err, store.ErrClosed) {
			t.Errorf("record after close: %v, want ErrClosed", err)
		}
		if _, err := e.s.Get(context.Background(), "late"); !isNotFound(err) {
			t.Errorf("the entry refused after close was recorded: %v", err)
		}
		b.Close() // twice is fine
	})
}

// record runs workers goroutines that each record each entries through
// the batchers pick gives, and returns every record.
func record(t *testing.T, workers, each int, pick func(w, i int) (*store.Batcher, store.Entry)) []store.Record {
	t.Helper()
	var (
		mu   sync.Mutex
		recs []store.Record
		errs []error
		wg   sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				b, x := pick(w, i)
				r, err := b.Record(context.Background(), x)
				mu.Lock()
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", x.DecisionID, err))
				} else {
					recs = append(recs, r)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return recs
}

// checkChains fails unless the records of each ente hold seq 1..n, once each.
func checkChains(t *testing.T, recs []store.Record) {
	t.Helper()
	seqs := map[string][]int64{}
	for _, r := range recs {
		seqs[r.Ente] = append(seqs[r.Ente], r.Seq)
	}
	for ente, s := range seqs {
		slices.Sort(s)
		for i, q := range s {
			if q != int64(i+1) {
				t.Errorf("ente %s: seqs %v, want 1..%d once each", ente, s, len(s))
				break
			}
		}
	}
}

type result struct {
	rec store.Record
	err error
}

// collect waits for the answers to Record calls; a call never answered
// fails the test rather than hanging it.
func collect(t *testing.T, cs []chan result) []result {
	t.Helper()
	out := make([]result, len(cs))
	timeout := time.After(30 * time.Second)
	for i, c := range cs {
		select {
		case out[i] = <-c:
		case <-timeout:
			t.Fatalf("Record %d never returned", i)
		}
	}
	return out
}

// gate is a store whose first Append waits until released, so that a test
// can fill the Batcher's queue and know what its next batch holds.
type gate struct {
	store.Store
	entered, open chan struct{}
	once          sync.Once
	mu            sync.Mutex
	batches       []int // sizes; negative for a batch that failed
}

func newGate(s store.Store) *gate {
	return &gate{Store: s, entered: make(chan struct{}), open: make(chan struct{})}
}

func (g *gate) Append(ctx context.Context, entries []store.Entry) ([]store.Record, error) {
	g.once.Do(func() { close(g.entered); <-g.open })
	recs, err := g.Store.Append(ctx, entries)
	g.mu.Lock()
	n := len(entries)
	if err != nil {
		n = -n
	}
	g.batches = append(g.batches, n)
	g.mu.Unlock()
	return recs, err
}

func (g *gate) release() { close(g.open) }

func (g *gate) sizes() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.batches)
}

func (g *gate) failedBatch() bool {
	return slices.ContainsFunc(g.sizes(), func(n int) bool { return n < -1 })
}

// plug records one entry and waits until the Batcher is writing it, held
// at the gate.
func (g *gate) plug(t *testing.T, b *store.Batcher) chan result {
	t.Helper()
	done := make(chan result, 1)
	go func() {
		r, err := b.Record(context.Background(), entry("plug", "plug", t0))
		done <- result{r, err}
	}()
	select {
	case <-g.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the batcher never wrote")
	}
	return done
}

// queue records entries concurrently while the gate holds the Batcher,
// and gives them time to reach its queue.
func (g *gate) queue(t *testing.T, b *store.Batcher, entries []store.Entry) []chan result {
	t.Helper()
	out := make([]chan result, len(entries))
	for i, x := range entries {
		out[i] = make(chan result, 1)
		go func() {
			r, err := b.Record(context.Background(), x)
			out[i] <- result{r, err}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	return out
}
