package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// Status passes the engine's status through, so that GET /enti of the
// test router shows activations and refusals.
func (d *countingDecider) Status() []engine.Status {
	if s, ok := d.Decider.(statuser); ok {
		return s.Status()
	}
	return nil
}

// reloadEnv is a router over an engine started by the reloader from a
// copy of the policies, with a real store keeping the versions.
type reloadEnv struct {
	*testEnv
	st       *store.SQL
	policies string
	eng      *engine.Engine
}

// newReloadEnv starts the reloader on massa, tradate and crespiatica, or
// on the enti named: each one started is gated, its Rego tests and
// fixtures run, so a test that needs no more than one names it.
func newReloadEnv(t *testing.T, b backend, enti ...string) *reloadEnv {
	t.Helper()
	st := b.open(t)
	if len(enti) == 0 {
		enti = []string{"massa", "tradate", "crespiatica"}
	}
	policies, fixtures := reloadtest.CopyTree(t, "..", enti...)
	eng, r, results, err := reload.Start(context.Background(), reload.Config{
		Policies: policies, Fixtures: fixtures, Server: "test", Store: st,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}, engine.WithEvalTimeout(time.Minute)) // the gate's fixtures under -race on a busy machine may outlast the 2 s default; TestEvaluationTimeout tests the deadline
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if res.Status != reload.Activated {
			t.Fatalf("start: %+v", res)
		}
	}
	bat := store.NewBatcher(st, 0)
	t.Cleanup(bat.Close)
	env := &testEnv{tb: t, decider: &countingDecider{Decider: eng}, log: &bytes.Buffer{}}
	env.router = New(env.decider, Options{
		Logger: env.logger(), Store: st, Recorder: bat, Versions: st, Reloader: r,
	})
	return &reloadEnv{testEnv: env, st: st, policies: policies, eng: eng}
}

func (env *reloadEnv) edit(t *testing.T, rel, old, new string) {
	t.Helper()
	reloadtest.Edit(t, filepath.Join(env.policies, rel), old, new)
}

func (env *reloadEnv) getJSON(t *testing.T, path string, status int, v any) {
	t.Helper()
	res := env.serve(httpCase{method: http.MethodGet, path: path}.request())
	if res.Code != status {
		t.Fatalf("GET %s: status %d, want %d; body %s", path, res.Code, status, res.Body)
	}
	if err := json.Unmarshal(res.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

func (env *reloadEnv) enti(t *testing.T) map[string]enteInfo {
	t.Helper()
	var body struct {
		Enti []enteInfo `json:"enti"`
	}
	env.getJSON(t, "/enti", http.StatusOK, &body)
	out := map[string]enteInfo{}
	for _, e := range body.Enti {
		out[e.ID] = e
	}
	return out
}

func TestVersionsAndReload(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			env := newReloadEnv(t, b)
			before := env.enti(t)
			tradate0, massa0 := before["tradate"], before["massa"]
			if tradate0.ActivatedAt == "" || tradate0.Error != "" || !strings.HasPrefix(tradate0.Revision, "sha256:") {
				t.Fatalf("tradate in GET /enti: %+v", tradate0)
			}

			// Every loaded revision is listed, with its version label.
			var list versionList
			env.getJSON(t, "/versions?ente=tradate", http.StatusOK, &list)
			if len(list.Versions) != 1 || list.Versions[0].Revision != tradate0.Revision ||
				list.Versions[0].Label != "1.1 del 18/06/2021" || list.Versions[0].LastActivated == nil {
				t.Fatalf("GET /versions?ente=tradate: %+v", list)
			}
			env.getJSON(t, "/versions", http.StatusOK, &list)
			if len(list.Versions) != 3 || list.NextCursor != "" {
				t.Errorf("GET /versions lists %d revisions, next %q", len(list.Versions), list.NextCursor)
			}
			// One at a time: the same three, in the same order.
			var paged []string
			for cursor := ""; ; {
				var page versionList
				env.getJSON(t, "/versions?limit=1&cursor="+cursor, http.StatusOK, &page)
				for _, v := range page.Versions {
					paged = append(paged, v.Revision)
				}
				if cursor = page.NextCursor; cursor == "" || len(paged) > 3 {
					break
				}
			}
			var whole []string
			for _, v := range list.Versions {
				whole = append(whole, v.Revision)
			}
			if !slices.Equal(paged, whole) {
				t.Errorf("paged %v, whole %v", paged, whole)
			}

			// A valid edit of tradate and a broken one of massa, in one reload.
			env.edit(t, "enti/tradate/data.yaml", "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
			env.edit(t, "enti/massa/data.yaml", "template: standard\n", "template: standard\nbroken: [\n")
			res := env.serve(httpCase{method: http.MethodPost, path: "/admin/reload", contentType: "-"}.request())
			if res.Code != http.StatusUnprocessableEntity {
				t.Fatalf("reload: %d %s", res.Code, res.Body)
			}
			p := decodeProblem(t, res)
			if p.Type != "/problems/"+probReloadRejected || !strings.Contains(p.Detail, "massa") {
				t.Errorf("reload problem: %+v", p)
			}
			got := map[string]reload.Result{}
			for _, r := range p.Results {
				got[r.Ente] = r
			}
			if got["tradate"].Status != reload.Activated || got["massa"].Status != reload.Rejected || got["crespiatica"].Status != reload.Unchanged {
				t.Errorf("reload results: %+v", p.Results)
			}

			after := env.enti(t)
			if after["tradate"].Revision == tradate0.Revision || after["tradate"].Revision != got["tradate"].Revision {
				t.Errorf("tradate serves %s after the reload, want %s", after["tradate"].Revision, got["tradate"].Revision)
			}
			if m := after["massa"]; m.Revision != massa0.Revision || !strings.Contains(m.Error, "data.yaml") || m.ActivatedAt != massa0.ActivatedAt {
				t.Errorf("massa in GET /enti after a refused edit: %+v", m)
			}

			// The new revision is kept with its files and its activation.
			var v struct {
				Revision    string             `json:"revision"`
				Version     string             `json:"version"`
				Files       map[string]string  `json:"files"`
				Activations []store.Activation `json:"activations"`
			}
			env.getJSON(t, "/versions/"+got["tradate"].Revision, http.StatusOK, &v)
			if !strings.Contains(v.Files["enti/tradate/data.yaml"], "Comando di Polizia Locale di Tradate") ||
				v.Files["lib/decision.rego"] == "" || len(v.Activations) != 1 || v.Activations[0].Kind != store.ActivationReload {
				t.Errorf("GET /versions/{revision}: %s, %d files, %+v", v.Revision, len(v.Files), v.Activations)
			}
			env.getJSON(t, "/versions?ente=tradate", http.StatusOK, &list)
			if len(list.Versions) != 2 || list.Versions[0].Revision != got["tradate"].Revision {
				t.Errorf("tradate's versions after the reload: %+v", list.Versions)
			}
			// The list with each revision's activations, as one revision
			// gives them.
			var withActs struct {
				Versions []struct {
					Revision    string             `json:"revision"`
					Activations []store.Activation `json:"activations"`
				} `json:"versions"`
			}
			env.getJSON(t, "/versions?ente=tradate&activations=true", http.StatusOK, &withActs)
			if len(withActs.Versions) != 2 || len(withActs.Versions[0].Activations) != 1 ||
				withActs.Versions[0].Activations[0].Kind != store.ActivationReload || len(withActs.Versions[1].Activations) == 0 {
				t.Errorf("tradate's versions with activations: %+v", withActs.Versions)
			}

			// A reload of tradate alone reads only its folder: massa's
			// broken edit is not looked at.
			env.edit(t, "enti/tradate/data.yaml", "Comando di Polizia Locale di Tradate\"", "Comando di Polizia Locale della Città di Tradate\"")
			var one struct {
				Enti []reload.Result `json:"enti"`
			}
			decodeJSON(t, env.run(t, httpCase{method: http.MethodPost, path: "/admin/reload", body: `{"enti":["tradate"]}`, status: http.StatusOK}), &one)
			if len(one.Enti) != 1 || one.Enti[0].Ente != "tradate" || one.Enti[0].Status != reload.Activated {
				t.Errorf("reload of tradate alone: %+v", one.Enti)
			}

			// Mending massa: the next reload has nothing to refuse.
			env.edit(t, "enti/massa/data.yaml", "broken: [\n", "")
			res = env.serve(httpCase{method: http.MethodPost, path: "/admin/reload", contentType: "-"}.request())
			if res.Code != http.StatusOK {
				t.Fatalf("reload after mending: %d %s", res.Code, res.Body)
			}
			if m := env.enti(t)["massa"]; m.Error != "" || m.Revision != massa0.Revision {
				t.Errorf("massa after mending: %+v", m)
			}
		})
	}
}

func TestVersionsBadInput(t *testing.T) {
	env := newReloadEnv(t, backend{"sqlite", openSQLite}, "massa")
	for _, c := range []httpCase{
		{name: "unknown parameter", method: http.MethodGet, path: "/versions?entity=massa", status: 400, problem: probInvalidQuery, fields: []string{"entity"}},
		{name: "bad ente", method: http.MethodGet, path: "/versions?ente=Massa", status: 400, problem: probInvalidQuery, fields: []string{"ente"}},
		{name: "bad limit", method: http.MethodGet, path: "/versions?limit=0", status: 400, problem: probInvalidQuery, fields: []string{"limit"}},
		{name: "bad activations", method: http.MethodGet, path: "/versions?activations=yes", status: 400, problem: probInvalidQuery, fields: []string{"activations"}},
		{name: "bad cursor", method: http.MethodGet, path: "/versions?cursor=abc", status: 400, problem: probInvalidQuery, fields: []string{"cursor"}},
		{name: "cursor of no page", method: http.MethodGet, path: "/versions?cursor=sha256:" + strings.Repeat("0", 64), status: 400, problem: probInvalidQuery, fields: []string{"cursor"}},
		{name: "not a revision", method: http.MethodGet, path: "/versions/latest", status: 404, problem: probUnknownRevision},
		{name: "unknown revision", method: http.MethodGet, path: "/versions/sha256:" + strings.Repeat("0", 64), status: 404, problem: probUnknownRevision},
		{name: "reload with an unknown member", method: http.MethodPost, path: "/admin/reload", body: `{"ente":"massa"}`, status: 422, problem: probInvalidRequest, fields: []string{"ente"}},
		{name: "reload of a bad ente id", method: http.MethodPost, path: "/admin/reload", body: `{"enti":["massa","Tradate"]}`, status: 422, problem: probInvalidRequest, fields: []string{"enti[1]"}},
		{name: "reload of an unknown ente", method: http.MethodPost, path: "/admin/reload", body: `{"enti":["nessuno"]}`, status: 422, problem: probInvalidRequest, fields: []string{"enti"}},
		{name: "reload of enti not a list", method: http.MethodPost, path: "/admin/reload", body: `{"enti":"massa"}`, status: 422, problem: probInvalidRequest, fields: []string{"enti"}},
	} {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
}

func TestVersionsWithoutStoreOrReloader(t *testing.T) {
	env := newEnv(t, envOptions{})
	for _, c := range []httpCase{
		{name: "versions", method: http.MethodGet, path: "/versions", status: 503, problem: probStoreUnavailable},
		{name: "version", method: http.MethodGet, path: "/versions/sha256:" + strings.Repeat("0", 64), status: 503, problem: probStoreUnavailable},
		{name: "reload", method: http.MethodPost, path: "/admin/reload", contentType: "-", status: 503, problem: probReloadUnavailable},
	} {
		t.Run(c.name, func(t *testing.T) { env.run(t, c) })
	}
}

// TestReloadRemovesAGoneEnte: once its folder is gone, a reload stops
// serving an ente (404 unknown-ente from then on), GET /enti no longer
// lists it, and GET /versions shows the removal.
func TestReloadRemovesAGoneEnte(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			env := newReloadEnv(t, b, "massa", "crespiatica")
			crespiatica := env.enti(t)["crespiatica"].Revision
			decide := strings.Replace(comment("Grazie", monday), `"massa"`, `"crespiatica"`, 1)
			env.run(t, httpCase{body: decide, status: http.StatusOK})
			if err := os.RemoveAll(filepath.Join(env.policies, "enti", "crespiatica")); err != nil {
				t.Fatal(err)
			}
			var result reloadResult
			decodeJSON(t, env.run(t, httpCase{path: "/admin/reload", contentType: "-", status: http.StatusOK}), &result)
			var removed []reload.Result
			for _, r := range result.Enti {
				if r.Status != reload.Unchanged {
					removed = append(removed, r)
				}
			}
			if len(removed) != 1 || removed[0].Ente != "crespiatica" || removed[0].Status != reload.Removed || removed[0].Revision != crespiatica {
				t.Errorf("reload results: %+v", result.Enti)
			}
			env.run(t, httpCase{body: decide, status: http.StatusNotFound, problem: probUnknownEnte})
			var enti struct {
				Enti   []enteInfo   `json:"enti"`
				Failed []failedEnte `json:"failed"`
			}
			env.getJSON(t, "/enti", http.StatusOK, &enti)
			for _, e := range enti.Enti {
				if e.ID == "crespiatica" {
					t.Errorf("GET /enti lists the removed ente: %+v", e)
				}
			}
			if len(enti.Failed) != 0 || len(enti.Enti) != 1 || enti.Enti[0].ID != "massa" {
				t.Errorf("GET /enti: %+v", enti)
			}
			var list versionList
			env.getJSON(t, "/versions?ente=crespiatica", http.StatusOK, &list)
			if len(list.Versions) != 1 || list.Versions[0].RemovedAt == nil {
				t.Errorf("GET /versions?ente=crespiatica does not show the removal: %+v", list)
			}
			var v versionFiles
			env.getJSON(t, "/versions/"+crespiatica, http.StatusOK, &v)
			if n := len(v.Activations); n == 0 || v.Activations[n-1].Kind != store.ActivationRemoved || v.Activations[n-1].Server != "test" {
				t.Errorf("GET /versions/%s activations: %+v", crespiatica, v.Activations)
			}
			// The log of the removed ente stays readable.
			if items, _ := (&storeEnv{testEnv: env.testEnv, st: env.st}).list(t, "ente=crespiatica"); len(items) != 1 {
				t.Errorf("the removed ente's decisions: %d, want 1", len(items))
			}
		})
	}
}
