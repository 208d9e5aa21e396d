package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
)

// testKey is the admin key (every ente, every role) that the servers of
// these tests are started with; authed sends it.
var testKey = "glt_" + strings.Repeat("T", 43)

// seedKey puts testKey in the database at db, migrating it if needed.
func seedKey(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := openForKeys(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.CreateKey(ctx, store.APIKey{ID: "test", Name: "tests", Hash: api.HashKey(testKey), Enti: []string{api.AllEnti}, Roles: api.Roles})
	if err != nil && !errors.Is(err, store.ErrKeyExists) {
		t.Fatal(err)
	}
}

// bearer adds testKey to every request.
type bearer struct{ base http.RoundTripper }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+testKey)
	return b.base.RoundTrip(r)
}

// authed is the HTTP client of the tests: it authenticates with testKey.
var authed = &http.Client{Transport: bearer{http.DefaultTransport}, Timeout: 30 * time.Second}

// get answers a GET of url with the key given ("" for none): the status
// and the body.
func get(t *testing.T, url, key string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// TestServeFirstKey: on a database without keys, serve on loopback creates
// an admin key, writes it to a 0600 file beside the database and enforces
// it; a restart keeps that key and writes no other.
func TestServeFirstKey(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "galateo.db")
	massa, _ := reloadtest.CopyTree(t, "../..", "massa") // one ente loads fastest
	c := serveConfig{addr: "127.0.0.1:0", policies: massa, db: db, watch: false}
	srv := startServerAsIs(t, c)
	keyFile := filepath.Join(dir, "galateo.key")
	info, err := os.Stat(keyFile)
	if err != nil {
		t.Fatalf("no key file beside the database: %v", err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	raw, _ := os.ReadFile(keyFile)
	key := strings.TrimSpace(string(raw))
	if code, _ := get(t, srv.url+"/enti", ""); code != http.StatusUnauthorized {
		t.Errorf("GET /enti without a key: %d", code)
	}
	if code, body := get(t, srv.url+"/enti", key); code != http.StatusOK || !strings.Contains(body, `"massa"`) {
		t.Errorf("GET /enti with the first key: %d %s", code, body)
	}
	if code, _ := get(t, srv.url+"/admin/keys", key); code != http.StatusOK {
		t.Errorf("GET /admin/keys with the first key: %d", code)
	}
	if code, _ := get(t, srv.url+"/healthz", ""); code != http.StatusOK {
		t.Errorf("GET /healthz without a key: %d", code)
	}
	if err := srv.stop(); err != nil {
		t.Fatal(err)
	}
	srv = startServerAsIs(t, c)
	defer srv.stop()
	again, _ := os.ReadFile(keyFile)
	if string(again) != string(raw) {
		t.Error("a restart wrote another key")
	}
	if code, _ := get(t, srv.url+"/enti", key); code != http.StatusOK {
		t.Errorf("the first key after a restart: %d", code)
	}
	out, err := runCmd(t, "", "keys", "list", "-db", db)
	if err != nil || strings.Count(out, "first admin key") != 1 || strings.Contains(out, key) {
		t.Errorf("keys list: %v\n%s", err, out)
	}
}

// TestServeRefusesOpenAddress: without keys, an address beyond loopback is
// refused with the reason, unless -insecure-no-auth, which stays open only
// until the first key exists.
func TestServeRefusesOpenAddress(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	out, err := runCmd(t, "", "serve", "-db", db, "-addr", "0.0.0.0:0", "-policies", policies, "-watch=false")
	if err == nil || !strings.Contains(err.Error(), "refusing to listen on 0.0.0.0:0") || !strings.Contains(err.Error(), "-insecure-no-auth") {
		t.Fatalf("serve on 0.0.0.0 without keys: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(db), "galateo.key")); err == nil {
		t.Error("a refused serve wrote a key file")
	}

	massa, _ := reloadtest.CopyTree(t, "../..", "massa")
	srv := startServerAsIs(t, serveConfig{addr: "0.0.0.0:0", policies: massa, db: db, insecureNoAuth: true})
	defer srv.stop()
	url := strings.Replace(srv.url, "0.0.0.0", "127.0.0.1", 1)
	url = strings.Replace(url, "[::]", "127.0.0.1", 1)
	if code, body := get(t, url+"/enti", ""); code != http.StatusOK {
		t.Fatalf("-insecure-no-auth, no key: %d %s", code, body)
	}
	// The first key, made by the CLI, ends the open mode once the server
	// reads the keys again; here the server creates one through its API,
	// which applies at once.
	res, err := http.Post(url+"/admin/keys", "application/json",
		strings.NewReader(`{"name":"first","enti":["*"],"roles":["decide","audit","admin"]}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create the first key: %d", res.StatusCode)
	}
	if code, _ := get(t, url+"/enti", ""); code != http.StatusUnauthorized {
		t.Errorf("after the first key, no key: %d, want 401", code)
	}
}

// TestKeysCommand creates, lists and revokes keys from the command line.
func TestKeysCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "galateo.db")
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"keys", "create", "-db", db, "-name", "URP Massa", "-enti", "massa, tradate", "-roles", "decide,audit"},
		strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatal(err, stderr.String())
	}
	key := strings.TrimSpace(stdout.String())
	if !strings.HasPrefix(key, "glt_") || len(key) != 47 || strings.Contains(stderr.String(), key) {
		t.Fatalf("stdout %q, stderr %q: want the key alone on stdout", stdout.String(), stderr.String())
	}
	st, err := openForKeys(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	ks, err := st.APIKeys(context.Background())
	st.Close()
	if err != nil || len(ks) != 1 || ks[0].Hash != api.HashKey(key) || strings.Join(ks[0].Enti, ",") != "massa,tradate" ||
		strings.Join(ks[0].Roles, ",") != "audit,decide" {
		t.Fatalf("kept %+v, %v", ks, err)
	}
	id := ks[0].ID
	out, err := runCmd(t, "", "keys", "list", "-db", db)
	if err != nil || !strings.Contains(out, id) || !strings.Contains(out, "URP Massa") || strings.Contains(out, key) || strings.Contains(out, ks[0].Hash) {
		t.Errorf("keys list: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "keys", "revoke", "-db", db, id); err != nil || !strings.Contains(out, "revoked "+id) {
		t.Errorf("keys revoke: %v\n%s", err, out)
	}
	if out, err := runCmd(t, "", "keys", "revoke", "-db", db, "nope"); err == nil || !strings.Contains(err.Error(), "no API key has id") {
		t.Errorf("revoke an unknown key: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"-name", "x", "-enti", "massa", "-roles", "root"},
		{"-name", "x", "-enti", "*,massa", "-roles", "audit"},
		{"-name", "", "-enti", "massa", "-roles", "audit"},
		{"-name", "x", "-roles", "audit"},
	} {
		out, err := runCmd(t, "", append([]string{"keys", "create", "-db", db}, args...)...)
		wantExit(t, err, 2, out)
	}
	out, err = runCmd(t, "", "keys", "list", "-db", filepath.Join(t.TempDir(), "missing.db"))
	if err == nil || !strings.Contains(err.Error(), "no database") {
		t.Errorf("keys list on a missing database: %v\n%s", err, out)
	}
}
