package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testOutbox(t *testing.T, su suite) {
	ctx := context.Background()
	delivery := func(object, digest string) store.Delivery {
		return store.Delivery{Ente: "a", Platform: "facebook", PageID: "p1", ObjectID: object, Digest: digest,
			Request: []byte(`{"ente":"a"}`), State: store.DeliveryPending, CreatedAt: t0}
	}

	t.Run("a redelivery adds nothing; an edit is a new row", func(t *testing.T) {
		e := su.env(t)
		n, err := e.s.Enqueue(ctx, []store.Delivery{delivery("c1", "d1"), delivery("c1", "d1"), delivery("c2", "d1")})
		if err != nil || n != 2 {
			t.Fatalf("enqueue = %d, %v; want 2 new", n, err)
		}
		if n, err := e.s.Enqueue(ctx, []store.Delivery{delivery("c1", "d1"), delivery("c1", "d2")}); err != nil || n != 1 {
			t.Fatalf("enqueue again = %d, %v; want the edit only", n, err)
		}
		all, err := e.s.Deliveries(ctx, store.DeliveryFilter{})
		if err != nil || len(all) != 3 {
			t.Fatalf("deliveries = %d, %v; want 3", len(all), err)
		}
	})

	t.Run("due rows are leased to one worker", func(t *testing.T) {
		e := su.env(t)
		if _, err := e.s.Enqueue(ctx, []store.Delivery{delivery("c1", "d1"), delivery("c2", "d1")}); err != nil {
			t.Fatal(err)
		}
		if got, err := e.s.Due(ctx, t0.Add(-time.Second), time.Minute, 10); err != nil || len(got) != 0 {
			t.Fatalf("due before its time = %d, %v", len(got), err)
		}
		got, err := e.s.Due(ctx, t0, time.Minute, 1)
		if err != nil || len(got) != 1 {
			t.Fatalf("due = %d, %v; want 1 (the limit)", len(got), err)
		}
		if other, err := e.s.Due(ctx, t0.Add(time.Second), time.Minute, 10); err != nil || len(other) != 1 || other[0].ID == got[0].ID {
			t.Fatalf("second worker = %+v, %v; want only the row not leased", other, err)
		}
		// The lease runs out without a save: the row is due again.
		again, err := e.s.Due(ctx, t0.Add(2*time.Minute), time.Minute, 10)
		if err != nil || len(again) != 2 {
			t.Fatalf("after the leases = %d, %v; want 2", len(again), err)
		}

		d := again[0]
		d.State, d.Attempts, d.LastError, d.DecisionID = store.DeliveryDead, 3, "boom", "dec1"
		d.Plan, d.Results = []byte(`[{"type":"hide"}]`), []byte(`[]`)
		if err := e.s.SaveDelivery(ctx, d); err != nil {
			t.Fatal(err)
		}
		read, err := e.s.Delivery(ctx, d.ID)
		if err != nil || read.State != store.DeliveryDead || read.Attempts != 3 || read.LastError != "boom" ||
			read.DecisionID != "dec1" || string(read.Plan) != `[{"type":"hide"}]` || string(read.Request) != `{"ente":"a"}` {
			t.Fatalf("read back = %+v, %v", read, err)
		}
		if due, _ := e.s.Due(ctx, t0.Add(time.Hour), time.Minute, 10); len(due) != 1 {
			t.Errorf("a dead row is due: %d due, want 1 (the other)", len(due))
		}
		dead, err := e.s.Deliveries(ctx, store.DeliveryFilter{State: store.DeliveryDead, Enti: []string{"a"}})
		if err != nil || len(dead) != 1 || dead[0].ID != d.ID {
			t.Errorf("dead = %+v, %v", dead, err)
		}
		if other, _ := e.s.Deliveries(ctx, store.DeliveryFilter{Enti: []string{"b"}}); len(other) != 0 {
			t.Errorf("another ente's scope sees %d rows", len(other))
		}
		if _, err := e.s.Delivery(ctx, "nope"); !isNotFound(err) {
			t.Errorf("unknown delivery: %v", err)
		}

		// Requeued, a dead row with a plan goes back to acting, due now.
		back, err := e.s.Requeue(ctx, d.ID, t0.Add(2*time.Hour))
		if err != nil || back.State != store.DeliveryDecided || back.Attempts != 0 {
			t.Fatalf("requeue = %+v, %v", back, err)
		}
		if due, _ := e.s.Due(ctx, t0.Add(2*time.Hour), time.Minute, 10); len(due) != 2 {
			t.Errorf("after the requeue %d due, want 2", len(due))
		}
		if _, err := e.s.Requeue(ctx, d.ID, t0); !errors.Is(err, store.ErrNotDead) {
			t.Errorf("requeue of a live row: %v", err)
		}
		if _, err := e.s.Requeue(ctx, "nope", t0); !isNotFound(err) {
			t.Errorf("requeue of an unknown row: %v", err)
		}
	})
}
