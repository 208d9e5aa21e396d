package classify

import (
	"sync"
	"time"
)

// Written here rather than taken from sony/gobreaker: that one reads the
// wall clock itself, and the tests here move an injected clock instead.

// state of a circuit breaker.
type state int

const (
	closed   state = iota // the provider is asked
	open                  // the provider is not asked until the cool-down ends
	halfOpen              // one request asks the provider; its result closes or reopens
)

func (s state) String() string {
	return [...]string{"closed", "open", "half-open"}[s]
}

// breaker stops asking a provider that failed threshold times in a row,
// and tries it again with one request after cooldown.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu       sync.Mutex
	state    state
	failures int       // consecutive, while closed
	openedAt time.Time // while open
	trying   bool      // while half-open: the trial request is under way
}

// change is a transition of a breaker's state; from == to when none.
type change struct{ from, to state }

func (c change) changed() bool { return c.from != c.to }

// allow tells whether a request may ask the provider now. A request that is
// allowed must report with done or abandon.
func (b *breaker) allow() (bool, change) {
	b.mu.Lock()
	defer b.mu.Unlock()
	from := b.state
	switch b.state {
	case closed:
		return true, change{from, from}
	case open:
		if b.now().Sub(b.openedAt) < b.cooldown {
			return false, change{from, from}
		}
		b.state, b.trying = halfOpen, true
		return true, change{from, halfOpen}
	default: // half-open: one trial at a time
		if b.trying {
			return false, change{from, from}
		}
		b.trying = true
		return true, change{from, from}
	}
}

// done records how an allowed request went.
func (b *breaker) done(ok bool) change {
	b.mu.Lock()
	defer b.mu.Unlock()
	from := b.state
	switch {
	case ok:
		b.state, b.failures, b.trying = closed, 0, false
	case b.state == halfOpen:
		b.state, b.openedAt, b.trying = open, b.now(), false
	case b.state == closed:
		b.failures++
		if b.failures >= b.threshold {
			b.state, b.openedAt, b.failures = open, b.now(), 0
		}
	}
	return change{from, b.state}
}

// abandon releases an allowed request that tells nothing about the
// provider (the caller went away): a half-open breaker lets the next
// request try.
func (b *breaker) abandon() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == halfOpen {
		b.trying = false
	}
}
