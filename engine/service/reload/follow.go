package reload

import (
	"context"
	"time"

	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/store"
)

// FollowOnce applies what other servers activated since the last look:
// for each ente, the latest load, reload or removal recorded in the store,
// when it is another server's and differs from what serves here. Its files come
// from the store, so the servers need not share a folder; they passed
// their tests where they were activated and are only compiled here.
func (r *Reloader) FollowOnce(ctx context.Context) ([]Result, error) {
	if r.cfg.Store == nil {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	latest := map[string]store.Activation{}
	var order []string
	for {
		page, err := r.cfg.Store.Activations(ctx, "", r.seen, 1000)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		for _, a := range page {
			r.seen = a.ID
			switch a.Kind {
			case store.ActivationLoad, store.ActivationReload, store.ActivationRemoved:
			default:
				continue
			}
			if _, ok := latest[a.Ente]; !ok {
				order = append(order, a.Ente)
			}
			// This server's own activation counts too: a later one of its
			// own overrides an earlier one of another server.
			latest[a.Ente] = a
		}
	}
	var results []Result
	for _, id := range order {
		a := latest[id]
		if a.Server == r.cfg.Server {
			continue
		}
		res := Result{Ente: id, Revision: a.Revision}
		if ent, err := r.eng.Ente(id); err == nil {
			res.Serving = ent.Revision
		}
		if a.Kind == store.ActivationRemoved {
			if res.Serving == "" {
				continue
			}
			r.eng.Remove(id)
			r.setRemovedElsewhere(id, true)
			res.Status, res.Serving, res.Tests = Removed, "", "removed on "+a.Server
			r.logResult("follow", res)
			results = append(results, res)
			continue
		}
		if res.Serving == a.Revision {
			continue
		}
		ent, err := r.compileStored(ctx, id, a.Revision)
		if err != nil {
			res.Status, res.Error = Rejected, "follow "+a.Server+": "+err.Error()
			r.eng.Reject(id, a.Revision, err)
			r.logResult("follow", res)
			results = append(results, res)
			continue
		}
		r.eng.Activate(ent)
		r.setRemovedElsewhere(id, false)
		r.recordFollow(ctx, ent)
		res.Status, res.Serving, res.Version = Followed, ent.Revision, ent.Version
		res.Tests = "passed on " + a.Server
		r.logResult("follow", res)
		results = append(results, res)
	}
	return results, nil
}

// Follow calls FollowOnce every period until ctx ends. Polling the
// activations table works the same on SQLite and PostgreSQL and needs no
// connection held open; a period of a second keeps servers a few seconds
// apart at most.
func (r *Reloader) Follow(ctx context.Context, every time.Duration) {
	period.Every(ctx, every, func(ctx context.Context) {
		if _, err := r.FollowOnce(ctx); err != nil && ctx.Err() == nil {
			r.cfg.Log.Error("follow other servers' activations", "err", err)
		}
	})
}
