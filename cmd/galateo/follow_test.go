package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// entiOf answers GET /enti of a running process: the serving revision and
// the refusal, if any, of each ente.
func entiOf(t *testing.T, p *process) map[string]struct{ Revision, Error string } {
	t.Helper()
	res, err := authed.Get(p.url + "/enti")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Enti []struct {
			ID       string `json:"id"`
			Revision string `json:"revision"`
			Error    string `json:"error"`
		} `json:"enti"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	out := map[string]struct{ Revision, Error string }{}
	for _, e := range body.Enti {
		out[e.ID] = struct{ Revision, Error string }{e.Revision, e.Error}
	}
	return out
}

// TestReloadReachesEveryServer runs two galateo serve processes on one
// PostgreSQL database, each with its own copy of the policies: a revision
// reloaded on one serves on the other within a few seconds, and a broken
// edit on one changes nothing anywhere.
func TestReloadReachesEveryServer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	db := postgresURL(t)
	// Only the two enti the test edits: each ente a server starts is gated.
	dirA, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa", "tradate")
	dirB, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa", "tradate")
	a := startProcess(t, db, "-policies", dirA, "-watch=false")
	b := startProcess(t, db, "-policies", dirB)
	before := entiOf(t, a)
	if got := entiOf(t, b); got["tradate"].Revision != before["tradate"].Revision {
		t.Fatalf("same files, different revisions: %s and %s", before["tradate"].Revision, got["tradate"].Revision)
	}

	// A valid edit on a, reloaded by hand.
	reloadtest.Edit(t, filepath.Join(dirA, "enti/tradate/data.yaml"), "Comando di Polizia Locale\"", "Comando di Polizia Locale di Tradate\"")
	res, err := authed.Post(a.url+"/admin/reload", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /admin/reload on a: %d\n%s", res.StatusCode, a.log.String())
	}
	want := entiOf(t, a)["tradate"].Revision
	if want == before["tradate"].Revision {
		t.Fatal("the reload did not change tradate's revision on a")
	}
	start := time.Now()
	for entiOf(t, b)["tradate"].Revision != want {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("b still serves %s, not %s:\n%s", entiOf(t, b)["tradate"].Revision, want, b.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("b served a's revision %s after %v", want[:15], time.Since(start).Round(10*time.Millisecond))

	// Both record what they did with the revision.
	var v struct {
		Activations []struct{ Kind, Server string } `json:"activations"`
	}
	if code := getJSON(t, b.url+"/versions/"+want, &v); code != http.StatusOK {
		t.Fatalf("GET /versions/{revision} on b: %d", code)
	}
	var kinds []string
	for _, x := range v.Activations {
		kinds = append(kinds, x.Kind)
	}
	if strings.Join(kinds, " ") != "reload follow" {
		t.Errorf("activations of the new revision: %v", kinds)
	}

	// A broken edit on b (whose watcher reloads it) is refused there and
	// reaches nobody: both keep serving massa's last good revision.
	massa := entiOf(t, a)["massa"].Revision
	reloadtest.Edit(t, filepath.Join(dirB, "enti/massa/data.yaml"), "template: standard\n", "template: standard\nbroken: [\n")
	start = time.Now()
	for entiOf(t, b)["massa"].Error == "" {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("b's watcher did not try the broken edit:\n%s", b.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // longer than a follow period
	if got := entiOf(t, b)["massa"]; got.Revision != massa || !strings.Contains(got.Error, "data.yaml") {
		t.Errorf("massa on b after a broken edit: %+v", got)
	}
	if got := entiOf(t, a)["massa"]; got.Revision != massa || got.Error != "" {
		t.Errorf("massa on a after b's broken edit: %+v", got)
	}
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := authed.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return res.StatusCode
}
