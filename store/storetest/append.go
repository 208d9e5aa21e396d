package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

func testAppend(t *testing.T, su suite) {
	t.Run("chains per ente, interleaved in one batch", func(t *testing.T) {
		e := su.env(t)
		first := e.append(
			entry("a", "a1", t0), entry("b", "b1", t0), entry("a", "a2", t0.Add(time.Second)),
			entry("c", "c1", t0), entry("b", "b2", t0.Add(time.Second)), entry("a", "a3", t0.Add(2*time.Second)),
		)
		second := e.append(entry("b", "b3", t0.Add(time.Minute)), entry("a", "a4", t0.Add(time.Minute)))
		all := append(first, second...)

		want := map[string]int64{"a1": 1, "a2": 2, "a3": 3, "a4": 4, "b1": 1, "b2": 2, "b3": 3, "c1": 1}
		last := map[string]store.Record{}
		for _, r := range all {
			if r.Seq != want[r.DecisionID] {
				t.Errorf("%s: seq %d, want %d", r.DecisionID, r.Seq, want[r.DecisionID])
			}
			prev := last[r.Ente]
			if r.PrevHash != prev.Hash {
				t.Errorf("%s: prev_hash %q, want the hash of %q (%q)", r.DecisionID, r.PrevHash, prev.DecisionID, prev.Hash)
			}
			if r.Hash == "" || r.Hash == r.PrevHash || r.Duplicate {
				t.Errorf("%s: hash %q prev %q duplicate %v", r.DecisionID, r.Hash, r.PrevHash, r.Duplicate)
			}
			last[r.Ente] = r
			if got := e.get(r.DecisionID); !sameRecord(got, &r) {
				t.Errorf("get %s = %+v\nappend returned %+v", r.DecisionID, got, r)
			}
		}
		e.clean(3, 8)
	})

	t.Run("keeps every field", func(t *testing.T) {
		e := su.env(t)
		rome := time.FixedZone("CET", 3600)
		until := t0.Add(72 * time.Hour)
		in := entry("a", "d1", t0.In(rome).Add(123456789*time.Nanosecond), func(x *store.Entry) {
			x.Revision = "sha256:abc"
			x.ContentID = "fb:123_456"
			x.Author = "ps_0011"
			x.Outcome = "hide"
			x.Categories = []string{"threat", "offensive_language", "defamation"}
			x.Decision = []byte(`{"outcome":"hide",  "spazi":"mantenuti byte per byte", "è":"ü"}`)
			x.Input = []byte(`{"text":"Sei un ███████, ti aspetto sotto casa"}`)
			x.Counted, x.Warned, x.Blocked, x.BlockedUntil = true, true, true, &until
			x.Fingerprint = "fp"
		})
		before := time.Now()
		r := e.append(in)[0]
		if r.RecordedAt.Before(before.Add(-time.Second)) || r.RecordedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("recorded_at %v, want about now", r.RecordedAt)
		}
		sum := sha256.Sum256(in.Input)
		if r.InputDigest != hex.EncodeToString(sum[:]) {
			t.Errorf("input digest %s, want the sha256 of the input", r.InputDigest)
		}
		got := e.get("d1")
		wantCats := []string{"defamation", "offensive_language", "threat"}
		switch {
		case !sameRecord(got, &r):
			t.Errorf("get = %+v\nappend returned %+v", got, r)
		case got.Ente != "a" || got.Revision != "sha256:abc" || got.ContentID != "fb:123_456" || got.Author != "ps_0011" || got.Outcome != "hide":
			t.Errorf("get = %+v", got)
		case !got.DecidedAt.Equal(in.DecidedAt):
			t.Errorf("decided_at %v, want %v to the nanosecond", got.DecidedAt, in.DecidedAt)
		case !slices.Equal(got.Categories, wantCats):
			t.Errorf("categories %q, want %q (sorted)", got.Categories, wantCats)
		case string(got.Decision) != string(in.Decision) || string(got.Input) != string(in.Input):
			t.Errorf("decision %s input %s, want them byte for byte", got.Decision, got.Input)
		case got.Purged || got.Duplicate:
			t.Errorf("purged %v duplicate %v", got.Purged, got.Duplicate)
		}
	})

	t.Run("get and find", func(t *testing.T) {
		e := su.env(t)
		e.append(entry("a", "d1", t0, content("c1", "rev-1")), entry("a", "d2", t0, content("", "rev-1")))
		ctx := context.Background()
		if r, err := e.s.Find(ctx, "a", "c1", "rev-1"); err != nil || r.DecisionID != "d1" {
			t.Errorf("find c1 = %v, %v; want d1", r, err)
		}
		for _, c := range []struct{ name, ente, content, revision string }{
			{"unknown content", "a", "c9", "rev-1"},
			{"other revision", "a", "c1", "rev-2"},
			{"other ente", "b", "c1", "rev-1"},
			{"no content id", "a", "", "rev-1"},
		} {
			if r, err := e.s.Find(ctx, c.ente, c.content, c.revision); !isNotFound(err) {
				t.Errorf("find %s = %v, %v; want ErrNotFound", c.name, r, err)
			}
		}
		if r, err := e.s.Get(ctx, "nope"); !isNotFound(err) {
			t.Errorf("get unknown = %v, %v; want ErrNotFound", r, err)
		}
	})

	t.Run("a failing entry rolls back its batch", func(t *testing.T) {
		e := su.env(t)
		e.append(entry("a", "d1", t0), entry("b", "b1", t0))
		// d1 again, under another content id: the decision id is unique.
		_, err := e.s.Append(context.Background(), []store.Entry{
			entry("a", "d2", t0), entry("b", "b2", t0), entry("a", "d1", t0, content("other", "rev-1")),
		})
		if err == nil {
			t.Fatal("append with a decision id already recorded: no error")
		}
		for _, id := range []string{"d2", "b2"} {
			if _, err := e.s.Get(context.Background(), id); !isNotFound(err) {
				t.Errorf("get %s after the failed batch: %v, want ErrNotFound", id, err)
			}
		}
		r := e.append(entry("a", "d3", t0), entry("b", "b3", t0))
		if r[0].Seq != 2 || r[1].Seq != 2 {
			t.Errorf("after the failed batch: seqs %d, %d; want 2, 2", r[0].Seq, r[1].Seq)
		}
		e.clean(2, 4)
	})

	t.Run("empty batch", func(t *testing.T) {
		e := su.env(t)
		if recs, err := e.s.Append(context.Background(), nil); err != nil || len(recs) != 0 {
			t.Errorf("append nothing = %v, %v", recs, err)
		}
		e.clean(0, 0)
	})
}

// sameRecord compares records as the log keeps them.
func sameRecord(a, b *store.Record) bool {
	return a.DecisionID == b.DecisionID && a.Ente == b.Ente && a.Seq == b.Seq &&
		a.Revision == b.Revision && a.ContentID == b.ContentID && a.Author == b.Author &&
		a.Outcome == b.Outcome && slices.Equal(a.Categories, b.Categories) &&
		a.DecidedAt.Equal(b.DecidedAt) && a.RecordedAt.Equal(b.RecordedAt) &&
		string(a.Decision) == string(b.Decision) && string(a.Input) == string(b.Input) &&
		a.InputDigest == b.InputDigest && a.PrevHash == b.PrevHash && a.Hash == b.Hash &&
		a.Purged == b.Purged
}
