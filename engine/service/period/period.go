// Package period runs a task every period until its context ends: the loop
// the server's background work shares (the connector's outbox, outbound
// webhooks, following other servers' activations, refreshing API keys,
// checkpoints, retention).
package period

import (
	"context"
	"time"
)

// Every calls fn every d until ctx ends. It does not call fn at once: a
// caller that wants a first run at start calls fn itself before.
func Every(ctx context.Context, d time.Duration, fn func(context.Context)) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn(ctx)
		}
	}
}
