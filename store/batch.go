package store

import (
	"context"
	"errors"
	"sync"
	"time"
)

// appendTimeout bounds a batch's transaction: a hung database answers the
// waiting requests with an error instead of holding them for ever.
const appendTimeout = 30 * time.Second

// ErrClosed is returned by a Batcher that no longer takes entries.
var ErrClosed = errors.New("store: batcher closed")

// Batcher is group commit: concurrent callers of Record share transactions,
// so that waiting for durability does not cost throughput. Each caller gets
// its Record only once the transaction that holds it has committed.
type Batcher struct {
	s       Store
	max     int
	queue   chan *pending
	mu      sync.RWMutex
	closed  bool
	stopped chan struct{}
}

type pending struct {
	ctx   context.Context
	entry Entry
	done  chan result
}

type result struct {
	rec Record
	err error
}

// NewBatcher starts a Batcher writing at most max entries per transaction.
func NewBatcher(s Store, max int) *Batcher {
	if max <= 0 {
		max = 128
	}
	b := &Batcher{s: s, max: max, queue: make(chan *pending, 4*max), stopped: make(chan struct{})}
	go b.loop()
	return b
}

// Record appends e and returns once it is committed.
func (b *Batcher) Record(ctx context.Context, e Entry) (Record, error) {
	p := &pending{ctx: ctx, entry: e, done: make(chan result, 1)}
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return Record{}, ErrClosed
	}
	select {
	case b.queue <- p:
		b.mu.RUnlock()
	case <-ctx.Done():
		b.mu.RUnlock()
		return Record{}, ctx.Err()
	}
	// Once queued the entry may be committed: wait for the answer even if
	// the caller gives up, so that nothing is reported lost that is not.
	r := <-p.done
	return r.rec, r.err
}

// Close stops taking entries and waits for those queued to be written.
func (b *Batcher) Close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.queue)
	}
	b.mu.Unlock()
	<-b.stopped
}

func (b *Batcher) loop() {
	defer close(b.stopped)
	for p := range b.queue {
		batch := []*pending{p}
	fill:
		for len(batch) < b.max {
			select {
			case q, ok := <-b.queue:
				if !ok {
					break fill
				}
				batch = append(batch, q)
			default:
				break fill
			}
		}
		b.write(batch)
	}
}

func (b *Batcher) write(batch []*pending) {
	entries := make([]Entry, len(batch))
	for i, p := range batch {
		entries[i] = p.entry
	}
	ctx, cancel := context.WithTimeout(context.Background(), appendTimeout)
	defer cancel()
	recs, err := b.s.Append(ctx, entries)
	if err == nil {
		for i, p := range batch {
			p.done <- result{rec: recs[i]}
		}
		return
	}
	if len(batch) == 1 {
		batch[0].done <- result{err: err}
		return
	}
	// One bad entry must not fail the others: write them one by one.
	for _, p := range batch {
		recs, err := b.s.Append(ctx, []Entry{p.entry})
		if err != nil {
			p.done <- result{err: err}
			continue
		}
		p.done <- result{rec: recs[0]}
	}
}
