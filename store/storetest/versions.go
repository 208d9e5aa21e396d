package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// Files every revision shares, as the library and the lexicons are.
var (
	library = []byte("package galateo.lib\n\nimport rego.v1\n\nviolation contains v if { some v in input.found }\n")
	lexicon = []byte("termini:\n  - \"parolaccia\"\n  - \"insulto\"\n")
)

// policy is a revision of an ente with the shared files and its own,
// created at t0 plus offset.
func policy(ente, revision string, offset time.Duration, own map[string][]byte) store.Version {
	files := map[string][]byte{"lib/galateo.rego": library, "lexicons/it.yaml": lexicon}
	maps.Copy(files, own)
	return store.Version{Revision: revision, Ente: ente, Label: "1.0 del " + revision, Files: files, CreatedAt: t0.Add(offset)}
}

// save saves v and fails the test on error.
func (e *env) save(v store.Version) bool {
	e.t.Helper()
	created, err := e.s.SaveVersion(context.Background(), v)
	if err != nil {
		e.t.Fatalf("save version %s: %v", v.Revision, err)
	}
	return created
}

func (e *env) activate(a store.Activation) store.Activation {
	e.t.Helper()
	got, err := e.s.Activate(context.Background(), a)
	if err != nil {
		e.t.Fatalf("activate %+v: %v", a, err)
	}
	return got
}

// count runs a COUNT query on the database behind the store's back.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.rawDB().QueryRowContext(context.Background(), store.Rebind(e.db.Driver, query), args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// sameFiles fails the test unless got holds exactly want's paths with
// want's bytes.
func sameFiles(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	if g, w := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(g, w) {
		t.Fatalf("paths %q, want %q", g, w)
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s = %q, want %q", p, got[p], b)
		}
	}
}

func testVersions(t *testing.T, su suite) {
	ctx := context.Background()

	t.Run("files come back byte for byte", func(t *testing.T) {
		e := su.env(t)
		rome := time.FixedZone("CET", 3600)
		v := policy("massa", "sha256:m1", 0, map[string][]byte{
			"enti/massa/data.yaml":   []byte("versione: \"1.1 del 18/06/2021\"\nsoglia: 3   # spazi mantenuti\r\n"),
			"enti/massa/policy.rego": []byte("package galateo.enti.massa\n\n# è, ü, €\n"),
			"enti/massa/logo.bin":    {0x00, 0xff, 0xfe, 0x80, '\n', 0x00, '\r'},
			"enti/massa/empty.yaml":  {},
			"enti/massa/nil.yaml":    nil,
		})
		v.Label = "1.1 del 18/06/2021"
		v.CreatedAt = t0.In(rome).Add(123456789 * time.Nanosecond)
		if !e.save(v) {
			t.Fatal("first save: not created")
		}
		got, err := e.s.Version(ctx, "sha256:m1")
		if err != nil {
			t.Fatal(err)
		}
		if got.Revision != v.Revision || got.Ente != "massa" || got.Label != v.Label || !got.CreatedAt.Equal(v.CreatedAt) {
			t.Errorf("version = %s, %s, %q, %v; want %s, massa, %q, %v to the nanosecond", got.Revision, got.Ente, got.Label, got.CreatedAt, v.Revision, v.Label, v.CreatedAt)
		}
		sameFiles(t, got.Files, v.Files)
		for _, p := range []string{"enti/massa/empty.yaml", "enti/massa/nil.yaml"} {
			if got.Files[p] == nil {
				t.Errorf("%s: nil, want an empty file", p)
			}
		}

		before := time.Now()
		now := policy("massa", "sha256:m2", 0, nil)
		now.CreatedAt = time.Time{}
		e.save(now)
		got, err = e.s.Version(ctx, "sha256:m2")
		if err != nil {
			t.Fatal(err)
		}
		if got.CreatedAt.Before(before.Add(-time.Second)) || got.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("created at %v without a time given, want about now", got.CreatedAt)
		}
	})

	t.Run("saving again changes nothing", func(t *testing.T) {
		e := su.env(t)
		first := policy("a", "sha256:a1", 0, map[string][]byte{"enti/a/data.yaml": []byte("soglia: 3\n")})
		if !e.save(first) {
			t.Fatal("first save: not created")
		}
		// The same revision as another server read it: formatted otherwise,
		// later, under another label.
		again := policy("a", "sha256:a1", time.Hour, map[string][]byte{"enti/a/data.yaml": []byte("soglia:   3\n")})
		again.Label = "another label"
		for i := range 2 {
			if e.save(again) {
				t.Errorf("save %d of a kept revision: created", i+2)
			}
		}
		got, err := e.s.Version(ctx, "sha256:a1")
		if err != nil {
			t.Fatal(err)
		}
		if !got.CreatedAt.Equal(first.CreatedAt) || got.Label != first.Label {
			t.Errorf("after saving again: created %v, label %q; want the first %v, %q", got.CreatedAt, got.Label, first.CreatedAt, first.Label)
		}
		sameFiles(t, got.Files, first.Files)
		if n := e.count(`SELECT COUNT(*) FROM policy_versions`); n != 1 {
			t.Errorf("%d versions, want 1", n)
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_version_files`); n != 3 {
			t.Errorf("%d version files, want 3", n)
		}
	})

	t.Run("a file shared by revisions is stored once", func(t *testing.T) {
		e := su.env(t)
		e.save(policy("a", "sha256:a1", 0, map[string][]byte{"enti/a/data.yaml": []byte("soglia: 3\n")}))
		e.save(policy("a", "sha256:a2", time.Hour, map[string][]byte{"enti/a/data.yaml": []byte("soglia: 4\n")}))
		// The same content under two paths of one revision, and an empty
		// file in two revisions.
		e.save(policy("b", "sha256:b1", 0, map[string][]byte{
			"enti/b/data.yaml": []byte("soglia: 3\n"), "enti/b/copy.yaml": []byte("soglia: 3\n"), "enti/b/empty.rego": {},
		}))
		e.save(policy("c", "sha256:c1", 0, map[string][]byte{"enti/c/empty.rego": {}}))
		// library, lexicon, soglia 3, soglia 4, empty
		if n := e.count(`SELECT COUNT(*) FROM policy_blobs`); n != 5 {
			t.Errorf("%d blobs, want 5", n)
		}
		sum := sha256.Sum256(library)
		if n := e.count(`SELECT COUNT(*) FROM policy_version_files WHERE digest = ?`, hex.EncodeToString(sum[:])); n != 4 {
			t.Errorf("the library's blob is a file of %d revisions, want 4", n)
		}
		got, err := e.s.Version(ctx, "sha256:b1")
		if err != nil {
			t.Fatal(err)
		}
		sameFiles(t, got.Files, policy("b", "", 0, map[string][]byte{
			"enti/b/data.yaml": []byte("soglia: 3\n"), "enti/b/copy.yaml": []byte("soglia: 3\n"), "enti/b/empty.rego": {},
		}).Files)
	})

	t.Run("list", func(t *testing.T) {
		e := su.env(t)
		e.save(policy("a", "sha256:a1", 0, nil))
		e.save(policy("b", "sha256:b1", 30*time.Minute, map[string][]byte{"enti/b/data.yaml": []byte("b")}))
		// Two revisions saved at the same time: the greater comes first.
		e.save(policy("a", "sha256:a3", time.Hour, map[string][]byte{"enti/a/data.yaml": []byte("3"), "enti/a/policy.rego": []byte("3")}))
		e.save(policy("a", "sha256:a2", time.Hour, map[string][]byte{"enti/a/data.yaml": []byte("2")}))

		at := func(d time.Duration) *time.Time { x := t0.Add(d); return &x }
		for _, a := range []store.Activation{
			{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationLoad, Server: "s1", At: t0.Add(2 * time.Hour)},
			{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationFollow, Server: "s2", At: t0.Add(3 * time.Hour)},
			{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationRejected, Server: "s1", At: t0.Add(4 * time.Hour), Error: "test failed"},
			{Ente: "a", Revision: "sha256:a2", Kind: store.ActivationRejected, Server: "s1", At: t0.Add(5 * time.Hour), Error: "test failed"},
			{Ente: "b", Revision: "sha256:b1", Kind: store.ActivationReload, Server: "s1", At: t0.Add(6 * time.Hour)},
			// A revision not kept, as a refused one may be.
			{Ente: "b", Revision: "sha256:b9", Kind: store.ActivationLoad, Server: "s1", At: t0.Add(7 * time.Hour)},
			// A removal counts until the revision is activated again.
			{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationRemoved, Server: "s1", At: t0.Add(150 * time.Minute)},
			{Ente: "b", Revision: "sha256:b1", Kind: store.ActivationRemoved, Server: "s1", At: t0.Add(8 * time.Hour)},
		} {
			e.activate(a)
		}
		a1 := store.VersionInfo{Revision: "sha256:a1", Ente: "a", Label: "1.0 del sha256:a1", CreatedAt: t0, Files: 2, LastActivated: at(3 * time.Hour)}
		a2 := store.VersionInfo{Revision: "sha256:a2", Ente: "a", Label: "1.0 del sha256:a2", CreatedAt: t0.Add(time.Hour), Files: 3}
		a3 := store.VersionInfo{Revision: "sha256:a3", Ente: "a", Label: "1.0 del sha256:a3", CreatedAt: t0.Add(time.Hour), Files: 4}
		b1 := store.VersionInfo{Revision: "sha256:b1", Ente: "b", Label: "1.0 del sha256:b1", CreatedAt: t0.Add(30 * time.Minute), Files: 3, LastActivated: at(6 * time.Hour), RemovedAt: at(8 * time.Hour)}
		for _, c := range []struct {
			ente string
			want []store.VersionInfo
		}{
			{"", []store.VersionInfo{a3, a2, b1, a1}},
			{"a", []store.VersionInfo{a3, a2, a1}},
			{"b", []store.VersionInfo{b1}},
			{"nobody", nil},
		} {
			got, err := e.s.Versions(ctx, c.ente)
			if err != nil {
				t.Fatalf("versions %q: %v", c.ente, err)
			}
			if !slices.EqualFunc(got, c.want, sameInfo) {
				t.Errorf("versions %q:\n%s\nwant\n%s", c.ente, infos(got), infos(c.want))
			}
		}
	})

	t.Run("an unknown revision is not found", func(t *testing.T) {
		e := su.env(t)
		e.save(policy("a", "sha256:a1", 0, nil))
		if v, err := e.s.Version(ctx, "sha256:a2"); !isNotFound(err) {
			t.Errorf("version of an unknown revision = %+v, %v; want ErrNotFound", v, err)
		}
	})

	t.Run("an incomplete version is refused", func(t *testing.T) {
		e := su.env(t)
		for _, c := range []struct {
			name string
			v    store.Version
		}{
			{"no revision", policy("a", "", 0, nil)},
			{"no ente", policy("", "sha256:a1", 0, nil)},
			{"no files", store.Version{Revision: "sha256:a1", Ente: "a"}},
			{"a file without a path", policy("a", "sha256:a1", 0, map[string][]byte{"": []byte("x")})},
		} {
			if created, err := e.s.SaveVersion(ctx, c.v); err == nil || created {
				t.Errorf("%s: created %v, %v; want an error", c.name, created, err)
			}
		}
		if n := e.count(`SELECT (SELECT COUNT(*) FROM policy_versions) + (SELECT COUNT(*) FROM policy_blobs) + (SELECT COUNT(*) FROM policy_version_files)`); n != 0 {
			t.Errorf("%d rows after refused saves, want none", n)
		}
	})

	t.Run("a revision kept for another ente", func(t *testing.T) {
		e := su.env(t)
		e.save(policy("a", "sha256:x", 0, nil))
		if created, err := e.s.SaveVersion(ctx, policy("b", "sha256:x", 0, nil)); err == nil || created {
			t.Errorf("save the revision of ente a for ente b: created %v, %v; want an error", created, err)
		}
		if vs, err := e.s.Versions(ctx, "b"); err != nil || len(vs) != 0 {
			t.Errorf("versions of b = %v, %v; want none", vs, err)
		}
	})

	// The blobs are addressed by digest: one edited or lost behind the
	// store's back must not come back as the revision's file.
	t.Run("a blob edited or lost", func(t *testing.T) {
		sum := sha256.Sum256(lexicon)
		digest := hex.EncodeToString(sum[:])
		for _, c := range []struct {
			name, tamper string
			args         []any
			want         string
		}{
			{"edited", `UPDATE policy_blobs SET content = ? WHERE digest = ?`, []any{[]byte("termini: []\n"), digest}, "does not match"},
			{"lost", `DELETE FROM policy_blobs WHERE digest = ?`, []any{digest}, "missing"},
		} {
			t.Run(c.name, func(t *testing.T) {
				e := su.env(t)
				e.save(policy("a", "sha256:a1", 0, nil))
				if n := e.exec(c.tamper, c.args...); n != 1 {
					t.Fatalf("tampered with %d blobs, want 1", n)
				}
				if v, err := e.s.Version(ctx, "sha256:a1"); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("version = %+v, %v; want an error saying %q", v, err, c.want)
				}
			})
		}
	})

	// Servers sharing a database start at once and save the same two
	// revisions, which share most of their files.
	t.Run("saved at once by several servers", func(t *testing.T) {
		e := su.env(t)
		other := open(t, e.db, store.Options{})
		own := map[string][]byte{}
		for i := range 20 {
			own[fmt.Sprintf("lexicons/extra%02d.yaml", i)] = fmt.Appendf(nil, "termine: %d\n", i)
		}
		mine := maps.Clone(own) // the same files and one of its own
		mine["enti/a/data.yaml"] = []byte("soglia: 4\n")
		revisions := []store.Version{policy("a", "sha256:a1", 0, own), policy("a", "sha256:a2", 0, mine)}
		const workers = 8
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			created = map[string]int{}
			errs    []error
		)
		start := make(chan struct{})
		for w := range workers {
			s := []*store.SQL{e.s, other}[w%2]
			v := revisions[(w/2)%2]
			wg.Go(func() {
				<-start
				ok, err := s.SaveVersion(ctx, v)
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
				}
				if ok {
					created[v.Revision]++
				}
			})
		}
		close(start)
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if created["sha256:a1"] != 1 || created["sha256:a2"] != 1 {
			t.Errorf("created %v, want each revision once", created)
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_versions`); n != 2 {
			t.Errorf("%d versions, want 2", n)
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_version_files`); n != 22+23 {
			t.Errorf("%d version files, want %d", n, 22+23)
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_blobs`); n != 23 {
			t.Errorf("%d blobs, want 23", n)
		}
		for _, v := range revisions {
			got, err := e.s.Version(ctx, v.Revision)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got.Files, v.Files)
		}
	})
}

func sameInfo(a, b store.VersionInfo) bool {
	sameTime := func(x, y *time.Time) bool { return x == nil && y == nil || x != nil && y != nil && x.Equal(*y) }
	return a.Revision == b.Revision && a.Ente == b.Ente && a.Label == b.Label && a.CreatedAt.Equal(b.CreatedAt) &&
		a.Files == b.Files && sameTime(a.LastActivated, b.LastActivated) && sameTime(a.RemovedAt, b.RemovedAt)
}

func infos(vs []store.VersionInfo) string {
	var b strings.Builder
	for _, v := range vs {
		last := "never"
		if v.LastActivated != nil {
			last = v.LastActivated.Format(time.RFC3339Nano)
		}
		removed := "never"
		if v.RemovedAt != nil {
			removed = v.RemovedAt.Format(time.RFC3339Nano)
		}
		fmt.Fprintf(&b, "  %s %s %q created %s, %d files, activated %s, removed %s\n", v.Revision, v.Ente, v.Label, v.CreatedAt.Format(time.RFC3339Nano), v.Files, last, removed)
	}
	return b.String()
}

func testActivations(t *testing.T, su suite) {
	ctx := context.Background()

	t.Run("kinds", func(t *testing.T) {
		e := su.env(t)
		var last int64
		for _, kind := range []string{store.ActivationLoad, store.ActivationReload, store.ActivationFollow, store.ActivationRejected, store.ActivationRemoved} {
			a := e.activate(store.Activation{Ente: "a", Revision: "sha256:a1", Kind: kind, Server: "s1"})
			if a.ID <= last {
				t.Errorf("%s: id %d after %d", kind, a.ID, last)
			}
			last = a.ID
		}
		for _, a := range []store.Activation{
			{Ente: "a", Revision: "sha256:a1", Kind: "", Server: "s1"},
			{Ente: "a", Revision: "sha256:a1", Kind: "activated", Server: "s1"},
			{Ente: "a", Revision: "sha256:a1", Kind: "LOAD", Server: "s1"},
			{Ente: "", Revision: "sha256:a1", Kind: store.ActivationLoad, Server: "s1"},
			{Ente: "a", Revision: "", Kind: store.ActivationLoad, Server: "s1"},
		} {
			if got, err := e.s.Activate(ctx, a); err == nil {
				t.Errorf("activate %+v = %+v, no error", a, got)
			}
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_activations`); n != 5 {
			t.Errorf("%d activations, want the 5 valid ones", n)
		}
	})

	t.Run("recorded many at once", func(t *testing.T) {
		e := su.env(t)
		e.save(policy("a", "sha256:a1", 0, map[string][]byte{"enti/a/data.yaml": []byte("soglia: 3\n")}))
		rec := func(v store.Version, kind string) store.Recording {
			return store.Recording{Version: v, Activation: store.Activation{Ente: v.Ente, Revision: v.Revision, Kind: kind, Server: "s1"}}
		}
		b1 := policy("b", "sha256:b1", 0, map[string][]byte{"enti/b/data.yaml": []byte("soglia: 4\n")})
		c1 := policy("c", "sha256:c1", 0, map[string][]byte{"enti/c/data.yaml": []byte("soglia: 4\n")})
		got, err := e.s.Record(ctx, []store.Recording{
			rec(policy("a", "sha256:a1", 0, map[string][]byte{"enti/a/data.yaml": []byte("soglia: 3\n")}), store.ActivationLoad),
			rec(b1, store.ActivationLoad),
			rec(c1, store.ActivationReload),
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].Ente != "a" || got[1].Ente != "b" || got[2].Ente != "c" || !(got[0].ID < got[1].ID && got[1].ID < got[2].ID) {
			t.Fatalf("recorded %+v, want a, b, c in order with rising ids", got)
		}
		for _, v := range []store.Version{b1, c1} {
			kept, err := e.s.Version(ctx, v.Revision)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, kept.Files, v.Files)
		}
		// library, lexicon, soglia 3, soglia 4: shared within the batch too
		if n := e.count(`SELECT COUNT(*) FROM policy_blobs`); n != 4 {
			t.Errorf("%d blobs, want 4", n)
		}
		desired, err := e.s.Desired(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if desired["c"].Revision != "sha256:c1" || desired["a"].Revision != "sha256:a1" {
			t.Errorf("desired %+v, want a1 and c1 among them", desired)
		}
		// One bad item (a revision kept for another ente, an unknown kind)
		// records nothing of its batch.
		before := e.count(`SELECT COUNT(*) FROM policy_activations`)
		d1 := policy("d", "sha256:d1", 0, map[string][]byte{"enti/d/data.yaml": []byte("soglia: 5\n")})
		for _, bad := range []store.Recording{
			rec(policy("z", "sha256:b1", 0, nil), store.ActivationLoad),
			rec(policy("z", "sha256:z1", 0, nil), "activated"),
		} {
			if _, err := e.s.Record(ctx, []store.Recording{rec(d1, store.ActivationLoad), bad}); err == nil {
				t.Errorf("a batch with %+v was recorded", bad.Activation)
			}
		}
		if n := e.count(`SELECT COUNT(*) FROM policy_activations`); n != before {
			t.Errorf("%d activations after refused batches, want %d", n, before)
		}
		if _, err := e.s.Version(ctx, "sha256:d1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the version of a refused batch: %v, want not found", err)
		}
	})

	t.Run("keeps every field", func(t *testing.T) {
		e := su.env(t)
		rome := time.FixedZone("CET", 3600)
		given := store.Activation{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationRejected, Server: "galateo-2", At: t0.In(rome).Add(987654321), Error: "test massa_test.rego: 2 failed"}
		before := time.Now()
		got := []store.Activation{e.activate(given), e.activate(store.Activation{Ente: "a", Revision: "sha256:a1", Kind: store.ActivationLoad, Server: "galateo-1"})}
		if a := got[0]; a.ID == 0 || a.Ente != given.Ente || a.Revision != given.Revision || a.Kind != given.Kind || a.Server != given.Server || a.Error != given.Error || !a.At.Equal(given.At) {
			t.Errorf("activate = %+v, want %+v with an id", a, given)
		}
		if at := got[1].At; at.Before(before.Add(-time.Second)) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("at %v without a time given, want about now", at)
		}
		read, err := e.s.Activations(ctx, "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(read, got, sameActivation) {
			t.Errorf("activations = %+v\nactivate returned %+v", read, got)
		}
	})

	t.Run("pages", func(t *testing.T) {
		e := su.env(t)
		var all []store.Activation
		for i := range 25 {
			all = append(all, e.activate(store.Activation{Ente: []string{"a", "b", "c"}[i%3], Revision: fmt.Sprintf("sha256:%02d", i), Kind: store.ActivationLoad, Server: "s1"}))
		}
		of := func(ente string) []store.Activation {
			var out []store.Activation
			for _, a := range all {
				if ente == "" || a.Ente == ente {
					out = append(out, a)
				}
			}
			return out
		}
		for _, ente := range []string{"", "b", "nobody"} {
			for _, limit := range []int{1, 4, 10, 0} {
				var got []store.Activation
				after := int64(0)
				for page := 0; ; page++ {
					as, err := e.s.Activations(ctx, ente, after, limit)
					if err != nil {
						t.Fatal(err)
					}
					if limit > 0 && len(as) > limit || page > 100 {
						t.Fatalf("ente %q: page of %d with limit %d", ente, len(as), limit)
					}
					if len(as) == 0 {
						break
					}
					got = append(got, as...)
					after = as[len(as)-1].ID
				}
				if want := of(ente); !slices.EqualFunc(got, want, sameActivation) {
					t.Errorf("ente %q, limit %d: ids %v, want %v", ente, limit, ids(got), ids(want))
				}
			}
		}
		mid := all[12].ID
		if as, err := e.s.Activations(ctx, "", mid, 0); err != nil || len(as) != 12 || as[0].ID <= mid {
			t.Errorf("after id %d: ids %v, %v; want the 12 after it", mid, ids(as), err)
		}
	})

	t.Run("page limits", func(t *testing.T) {
		e := su.env(t)
		tx, err := e.rawDB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 1001 {
			if _, err := tx.ExecContext(ctx, store.Rebind(e.db.Driver, `INSERT INTO policy_activations (ente, revision, kind, server, at) VALUES (?, ?, ?, ?, ?)`),
				"a", fmt.Sprintf("sha256:%04d", i), store.ActivationLoad, "s1", t0.UnixNano()); err != nil {
				tx.Rollback()
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ limit, want int }{{0, 100}, {-1, 100}, {1000, 1000}, {5000, 1000}} {
			if as, err := e.s.Activations(ctx, "a", 0, c.limit); err != nil || len(as) != c.want {
				t.Errorf("limit %d: %d activations, %v; want %d", c.limit, len(as), err, c.want)
			}
		}
	})

	t.Run("desired", func(t *testing.T) {
		e := su.env(t)
		if d, err := e.s.Desired(ctx); err != nil || d == nil || len(d) != 0 {
			t.Errorf("desired of an empty store = %v, %v; want an empty map", d, err)
		}
		act := func(ente, revision, kind, server string) store.Activation {
			return e.activate(store.Activation{Ente: ente, Revision: revision, Kind: kind, Server: server})
		}
		act("a", "sha256:a1", store.ActivationLoad, "s1")
		wantA := act("a", "sha256:a2", store.ActivationReload, "s1")
		act("a", "sha256:a2", store.ActivationFollow, "s2")
		act("a", "sha256:a3", store.ActivationRejected, "s1")
		act("b", "sha256:b1", store.ActivationLoad, "s1")
		wantB := act("b", "sha256:b1", store.ActivationLoad, "s2")
		// Latest by record, not by At: a server whose clock lags still counts.
		act("c", "sha256:c1", store.ActivationReload, "s1")
		wantC := e.activate(store.Activation{Ente: "c", Revision: "sha256:c0", Kind: store.ActivationLoad, Server: "s2", At: t0})
		act("d", "sha256:d1", store.ActivationFollow, "s2")
		act("d", "sha256:d2", store.ActivationRejected, "s1")
		// A removed ente is desired nowhere, until it is loaded again.
		act("r", "sha256:r1", store.ActivationLoad, "s1")
		act("r", "sha256:r1", store.ActivationRemoved, "s1")
		act("r", "sha256:r1", store.ActivationFollow, "s2")
		act("f", "sha256:f1", store.ActivationRemoved, "s1")
		wantF := act("f", "sha256:f2", store.ActivationReload, "s1")
		got, err := e.s.Desired(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]store.Activation{"a": wantA, "b": wantB, "c": wantC, "f": wantF}
		if !maps.EqualFunc(got, want, sameActivation) {
			t.Errorf("desired = %+v\nwant %+v", got, want)
		}
	})

	// Servers follow each other by the last id they saw: one reading while
	// others record must see every activation, each once.
	t.Run("followed while recorded", func(t *testing.T) {
		e := su.env(t)
		other := open(t, e.db, store.Options{})
		const workers, each = 4, 25
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			s := []*store.SQL{e.s, other}[w%2]
			wg.Go(func() {
				for i := range each {
					if _, err := s.Activate(ctx, store.Activation{Ente: fmt.Sprint("e", i%3), Revision: fmt.Sprintf("sha256:%d-%d", w, i), Kind: store.ActivationReload, Server: fmt.Sprint("s", w)}); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		seen := map[int64]bool{}
		var after int64
		for finished := false; ; {
			select {
			case <-done:
				finished = true
			default:
			}
			as, err := e.s.Activations(ctx, "", after, 7)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if a.ID <= after || seen[a.ID] {
					t.Fatalf("id %d after %d, or seen twice", a.ID, after)
				}
				seen[a.ID] = true
				after = a.ID
			}
			if finished && len(as) == 0 {
				break
			}
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if len(seen) != workers*each {
			t.Errorf("followed %d activations, want %d", len(seen), workers*each)
		}
	})
}

func sameActivation(a, b store.Activation) bool {
	return a.ID == b.ID && a.Ente == b.Ente && a.Revision == b.Revision && a.Kind == b.Kind && a.Server == b.Server && a.At.Equal(b.At) && a.Error == b.Error
}

func ids(as []store.Activation) []int64 {
	out := []int64{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}
