package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testWebhooks(t *testing.T, su suite) {
	ctx := context.Background()
	sub := func(id string, enti ...string) store.Subscription {
		return store.Subscription{ID: id, KeyID: "k1", URL: "https://example.org/hook", Secret: "whsec_x", Enti: enti, CreatedAt: t0}
	}

	t.Run("cursors start at the head, or at the start when asked", func(t *testing.T) {
		e := su.env(t)
		e.append(entry("a", "d1", t0), entry("a", "d2", t0), entry("b", "d3", t0))
		head, err := e.s.CreateSubscription(ctx, sub("s1", "a", "c"), false)
		if err != nil {
			t.Fatal(err)
		}
		if head.Cursor("a") != 2 || head.Cursor("c") != 0 || len(head.Cursors) != 2 {
			t.Fatalf("cursors %+v; want a at 2, c at 0", head.Cursors)
		}
		all, err := e.s.CreateSubscription(ctx, sub("s2", "*"), true)
		if err != nil {
			t.Fatal(err)
		}
		if !all.All() || all.Cursor("a") != 0 || all.Cursor("b") != 0 || len(all.Cursors) != 2 {
			t.Fatalf("from start: %+v", all)
		}
		recs, err := e.s.Chain(ctx, "a", 0, 10)
		if err != nil || len(recs) != 2 || recs[0].Seq != 1 || recs[1].DecisionID != "d2" {
			t.Fatalf("chain = %+v, %v", recs, err)
		}
		if recs, err := e.s.Chain(ctx, "a", 1, 10); err != nil || len(recs) != 1 || recs[0].Seq != 2 {
			t.Fatalf("chain after 1 = %+v, %v", recs, err)
		}
		mine, err := e.s.Subscriptions(ctx, "k1")
		if err != nil || len(mine) != 2 {
			t.Fatalf("subscriptions of k1 = %d, %v", len(mine), err)
		}
		if other, err := e.s.Subscriptions(ctx, "k2"); err != nil || len(other) != 0 {
			t.Fatalf("subscriptions of k2 = %d, %v", len(other), err)
		}
		if err := e.s.DeleteSubscription(ctx, "s1"); err != nil {
			t.Fatal(err)
		}
		if err := e.s.DeleteSubscription(ctx, "s1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("delete again: %v", err)
		}
		if _, err := e.s.Subscription(ctx, "s1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted: %v", err)
		}
	})

	t.Run("one worker holds the lease; a failure waits; an advance moves the cursor", func(t *testing.T) {
		e := su.env(t)
		e.append(entry("a", "d1", t0))
		if _, err := e.s.CreateSubscription(ctx, sub("s1", "a"), true); err != nil {
			t.Fatal(err)
		}
		got, err := e.s.LeaseSubscriptions(ctx, t0, time.Minute, 10)
		if err != nil || len(got) != 1 {
			t.Fatalf("lease = %d, %v", len(got), err)
		}
		if other, err := e.s.LeaseSubscriptions(ctx, t0.Add(time.Second), time.Minute, 10); err != nil || len(other) != 0 {
			t.Fatalf("second worker = %d, %v; want none", len(other), err)
		}
		held := got[0].LeasedUntil
		if err := e.s.AdvanceSubscription(ctx, "s1", held, "a", 1, t0, t0.Add(2*time.Minute)); err != nil {
			t.Fatal(err)
		}
		// The lease moved on: the old one is lost.
		if err := e.s.ReleaseSubscription(ctx, "s1", held, "", t0, t0); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("release with an old lease: %v", err)
		}
		if err := e.s.ReleaseSubscription(ctx, "s1", t0.Add(2*time.Minute), "503: down", t0, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		s1, err := e.s.Subscription(ctx, "s1")
		if err != nil {
			t.Fatal(err)
		}
		if s1.Cursor("a") != 1 || s1.Cursors[0].DeliveredAt == nil || s1.Attempts != 1 || s1.LastError != "503: down" ||
			s1.FailingSince == nil || s1.NextAttemptAt == nil || !s1.NextAttemptAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("after a failure: %+v", s1)
		}
		if got, err := e.s.LeaseSubscriptions(ctx, t0.Add(time.Minute), time.Minute, 10); err != nil || len(got) != 0 {
			t.Fatalf("before its retry = %d, %v", len(got), err)
		}
		if got, err := e.s.LeaseSubscriptions(ctx, t0.Add(time.Hour), time.Minute, 10); err != nil || len(got) != 1 {
			t.Fatalf("at its retry = %d, %v", len(got), err)
		}
	})

	t.Run("each subscription gets its turn", func(t *testing.T) {
		e := su.env(t)
		for _, id := range []string{"s1", "s2"} {
			if _, err := e.s.CreateSubscription(ctx, sub(id, "a"), false); err != nil {
				t.Fatal(err)
			}
		}
		first, err := e.s.LeaseSubscriptions(ctx, t0, time.Minute, 1)
		if err != nil || len(first) != 1 || first[0].ID != "s1" {
			t.Fatalf("first lease = %+v, %v", first, err)
		}
		if err := e.s.ReleaseSubscription(ctx, "s1", first[0].LeasedUntil, "", t0.Add(time.Second), time.Time{}); err != nil {
			t.Fatal(err)
		}
		next, err := e.s.LeaseSubscriptions(ctx, t0.Add(2*time.Second), time.Minute, 1)
		if err != nil || len(next) != 1 || next[0].ID != "s2" {
			t.Fatalf("second lease = %+v, %v; want s2, which waited longer", next, err)
		}
		if s1, err := e.s.Subscription(ctx, "s1"); err != nil || s1.NextAttemptAt != nil || s1.FailingSince != nil {
			t.Fatalf("s1 delivered: %+v, %v; want no retry time", s1, err)
		}
	})

	t.Run("a revoked key's subscriptions are not leased", func(t *testing.T) {
		e := su.env(t)
		if err := e.s.CreateKey(ctx, store.APIKey{ID: "k1", Hash: "h1", Enti: []string{"a"}, Roles: []string{"audit"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.CreateSubscription(ctx, sub("s1", "a"), false); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.RevokeKey(ctx, "k1", t0); err != nil {
			t.Fatal(err)
		}
		if got, err := e.s.LeaseSubscriptions(ctx, t0, time.Minute, 10); err != nil || len(got) != 0 {
			t.Fatalf("lease = %d, %v; want none", len(got), err)
		}
	})
}
