package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/galateo/galateo/store"
)

func testMigrations(t *testing.T, su suite) {
	ctx := context.Background()
	version := func(t *testing.T, s *store.SQL) uint {
		t.Helper()
		v, dirty, err := s.Migrator().Version()
		if err != nil || dirty {
			t.Fatalf("version = %d, dirty %v, %v", v, dirty, err)
		}
		return v
	}

	t.Run("a fresh database migrates up", func(t *testing.T) {
		e := su.env(t)
		latest := e.s.Migrator().Latest()
		if latest < 1 {
			t.Fatalf("latest = %d", latest)
		}
		if v := version(t, e.s); v != latest {
			t.Errorf("version %d after open, want the latest %d", v, latest)
		}
		if d := e.s.Dialect(); (d == "postgres") != (e.db.Driver == "pgx") {
			t.Errorf("dialect %q on a %s database", d, e.db.Driver)
		}
		// Opening again changes nothing and keeps what was recorded.
		e.append(entry("a", "d1", t0))
		again := open(t, e.db, store.Options{})
		if v := version(t, again); v != latest {
			t.Errorf("version %d after reopening, want %d", v, latest)
		}
		if r, err := again.Append(ctx, []store.Entry{entry("a", "d2", t0)}); err != nil || r[0].Seq != 2 {
			t.Errorf("append after reopening = %+v, %v; want seq 2", r, err)
		}
	})

	t.Run("open without migrating", func(t *testing.T) {
		db := su.fresh(t)
		s := open(t, db, store.Options{NoMigrate: true})
		if v := version(t, s); v != 0 {
			t.Errorf("version %d of an empty database, want 0", v)
		}
		if _, err := s.Append(ctx, []store.Entry{entry("a", "d1", t0)}); err == nil {
			t.Error("append to an empty database: no error")
		}
		if err := s.Migrator().Up(); err != nil {
			t.Fatal(err)
		}
		if err := s.Migrator().Up(); err != nil {
			t.Errorf("up when up to date: %v", err)
		}
		if v := version(t, s); v != s.Migrator().Latest() {
			t.Errorf("version %d after up, want %d", v, s.Migrator().Latest())
		}
	})

	// What each migration makes, probed through the store: a probe fails
	// once its migration is undone. A new migration needs a probe.
	probes := []func(*store.SQL) error{
		1: func(s *store.SQL) error {
			_, err := s.Heads(ctx)
			return err
		},
		2: func(s *store.SQL) error {
			_, err := s.Versions(ctx, "")
			return err
		},
		3: func(s *store.SQL) error {
			_, err := s.APIKeys(ctx)
			return err
		},
		4: func(s *store.SQL) error {
			_, _, err := s.Reviews(ctx, store.ReviewFilter{})
			return err
		},
		5: func(s *store.SQL) error {
			_, err := s.Deliveries(ctx, store.DeliveryFilter{})
			return err
		},
		6: func(s *store.SQL) error {
			_, err := s.Subscriptions(ctx, "")
			return err
		},
	}

	t.Run("down step by step, then up", func(t *testing.T) {
		e := su.env(t)
		m := e.s.Migrator()
		if want := uint(len(probes) - 1); m.Latest() != want {
			t.Fatalf("latest %d, but probes for %d migrations: add a probe for each", m.Latest(), want)
		}
		e.append(entry("a", "d1", t0))
		e.save(policy("a", "sha256:a1", 0, nil))
		for v := m.Latest(); v > 0; v-- {
			if err := m.Down(); err != nil {
				t.Fatal(err)
			}
			if got := version(t, e.s); got != v-1 {
				t.Fatalf("version %d after down, want %d", got, v-1)
			}
			for i := 1; i < len(probes); i++ {
				if err := probes[i](e.s); (err == nil) != (uint(i) < v) {
					t.Errorf("at version %d, migration %d: probe %v", v-1, i, err)
				}
			}
			// Undoing a later migration keeps the audit log (read behind
			// the store's back: the store reads the latest schema).
			if v-1 >= 1 {
				var seq int64
				if err := e.rawDB().QueryRow(`SELECT seq FROM decisions WHERE decision_id = 'd1'`).Scan(&seq); err != nil || seq != 1 {
					t.Errorf("at version %d: d1 at seq %d, %v", v-1, seq, err)
				}
			}
		}
		if err := m.Up(); err != nil {
			t.Fatal(err)
		}
		if v := version(t, e.s); v != m.Latest() {
			t.Errorf("version %d after up, want %d", v, m.Latest())
		}
		for i := 1; i < len(probes); i++ {
			if err := probes[i](e.s); err != nil {
				t.Errorf("after up, migration %d: %v", i, err)
			}
		}
		if r := e.append(entry("a", "d2", t0)); r[0].Seq != 1 {
			t.Errorf("seq %d in a schema made again, want 1", r[0].Seq)
		}
		if !e.save(policy("a", "sha256:a1", 0, nil)) {
			t.Error("a version in a schema made again: not created")
		}
		e.clean(1, 1)
	})

	for _, c := range []struct {
		name, tamper, want string
		args               func(latest uint) []any
	}{
		{"a newer schema is refused", `UPDATE schema_migrations SET version = ?`, "newer",
			func(latest uint) []any { return []any{int64(latest) + 1} }},
		{"a dirty schema is refused", `UPDATE schema_migrations SET dirty = ?`, "dirty",
			func(uint) []any { return []any{true} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := su.env(t)
			e.append(entry("a", "d1", t0))
			e.exec(c.tamper, c.args(e.s.Migrator().Latest())...)
			s, err := store.Open(ctx, e.db.URL, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("open: no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("open: %v, want it to say %q", err, c.want)
			}
			if err := e.s.Migrator().Up(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("up: %v, want it to say %q", err, c.want)
			}
			if r, err := e.s.Get(ctx, "d1"); err != nil || r.Seq != 1 {
				t.Errorf("the refused open touched the records: %+v, %v", r, err)
			}
		})
	}
}

func testKey(t *testing.T, su suite) {
	ctx := context.Background()
	db := su.fresh(t)
	first := open(t, db, store.Options{})
	kept := first.Pseudonymizer().Of("a", "user-1")
	if _, err := first.Append(ctx, []store.Entry{entry("a", "d1", t0.Add(-day), violation("threat"), by(kept))}); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := first.Close(); err != nil {
		t.Errorf("close again: %v", err)
	}

	again := open(t, db, store.Options{})
	if got := again.Pseudonymizer().Of("a", "user-1"); got != kept {
		t.Errorf("pseudonym after reopening %q, want the kept one %q", got, kept)
	}
	if h := (&env{t: t, s: again}).history("a", "user-1", ""); h.Violations != 1 {
		t.Errorf("history after reopening: %d violations, want 1", h.Violations)
	}

	key := []byte("the key from configuration")
	configured := open(t, db, store.Options{Key: key})
	if got, want := configured.Pseudonymizer().Of("a", "user-1"), store.NewPseudonymizer(key).Of("a", "user-1"); got != want || got == kept {
		t.Errorf("pseudonym with a configured key %q, want %q (not the kept %q)", got, want, kept)
	}
	if got := open(t, db, store.Options{}).Pseudonymizer().Of("a", "user-1"); got != kept {
		t.Errorf("a configured key replaced the kept one: %q, want %q", got, kept)
	}
	if got := open(t, su.fresh(t), store.Options{}).Pseudonymizer().Of("a", "user-1"); got == kept {
		t.Error("two databases generated the same key")
	}
}
