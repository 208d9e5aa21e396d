package period

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// Every calls its task at each tick, not at once, and returns when the
// context ends. The test waits for calls rather than for a time, so a
// slow machine only makes it slower.
func TestEvery(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	third := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		Every(ctx, time.Millisecond, func(context.Context) {
			if calls.Add(1) == 3 {
				close(third)
			}
		})
	}()
	<-third
	cancel()
	<-done
	n := calls.Load()
	time.Sleep(5 * time.Millisecond)
	if calls.Load() != n {
		t.Fatal("the task ran after Every returned")
	}
}

func TestEveryWaitsForTheFirstTick(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	Every(ctx, time.Hour, func(context.Context) { called = true })
	if called {
		t.Fatal("Every called its task before the first tick")
	}
}
