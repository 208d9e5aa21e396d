package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/engine/service/reload/reloadtest"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/checkpoint"
	"github.com/galateo/galateo/store/storetest"
)

// rewrite rewrites and re-hashes every record of ente's chain in the
// database at url, as someone with write access to it could.
func rewrite(t *testing.T, url, driver, dsn, ente string) {
	t.Helper()
	st, err := store.Open(context.Background(), url, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	storetest.RewriteChain(t, st, raw, driver, ente)
}

// The whole story from the command line: a key, a checkpoint, a chain
// rewritten and re-hashed in the database. audit verify alone finds
// nothing; with the checkpoints it names the ente and the seq.
func TestCheckpointsCatchARewrittenChain(t *testing.T) {
	dir := t.TempDir()
	t.Run("sqlite", func(t *testing.T) {
		db := filepath.Join(dir, "galateo.db")
		checkpointStory(t, db, func() { rewrite(t, db, "sqlite", db, "massa") })
	})
	t.Run("postgres", func(t *testing.T) {
		pg := storetest.Postgres(t)
		checkpointStory(t, pg.URL, func() { rewrite(t, pg.URL, pg.Driver, pg.DSN, "massa") })
	})
}

func checkpointStory(t *testing.T, db string, rewriteMassa func()) {
	dir := t.TempDir()
	keyFile, file := filepath.Join(dir, "checkpoint.key"), filepath.Join(dir, "checkpoints.jsonl")
	out, err := runCmd(t, "", "audit", "keygen", "-out", keyFile)
	if err != nil {
		t.Fatalf("keygen: %v\n%s", err, out)
	}
	pub := strings.Fields(out)[0]
	if _, err := checkpoint.ParsePublicKey(pub); err != nil {
		t.Fatalf("keygen printed %q: %v", out, err)
	}
	if info, err := os.Stat(keyFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v; want mode 0600", info, err)
	}
	if out, err := runCmd(t, "", "audit", "keygen", "-out", keyFile); err == nil {
		t.Fatalf("keygen overwrote a key:\n%s", out)
	}

	mon := time.Date(2026, 11, 23, 10, 15, 0, 0, time.UTC)
	seed(t, db, request("massa", "c1", "Sei uno stronzo", mon), request("massa", "c2", "Sei proprio uno stronzo", mon.Add(time.Minute)),
		request("tradate", "c3", "Grazie", mon))
	out, err = runCmd(t, "", "audit", "checkpoint", "-db", db, "-key", keyFile, "-out", file)
	if err != nil || !strings.Contains(out, "massa: seq 2") || !strings.Contains(out, "tradate: seq 1") {
		t.Fatalf("checkpoint: %v\n%s", err, out)
	}
	out, err = runCmd(t, "", "audit", "verify", "-db", db, "-checkpoints", file, "-pubkey", pub)
	if err != nil || !strings.Contains(out, "ok: 2 checkpoints hold") {
		t.Fatalf("verify with checkpoints before the rewrite: %v\n%s", err, out)
	}

	rewriteMassa()
	out, err = runCmd(t, "", "audit", "verify", "-db", db)
	if err != nil || !strings.Contains(out, "massa: 2 records, chain intact") {
		t.Fatalf("the re-hashed chain should pass verify without checkpoints: %v\n%s", err, out)
	}
	out, err = runCmd(t, "", "audit", "verify", "-db", db, "-checkpoints", file, "-pubkey", pub)
	wantExit(t, err, 1, out)
	if !strings.Contains(out, "massa: checkpoint at "+file+":") || !strings.Contains(out, "seq 2: record 2's hash is") ||
		!strings.Contains(out, "the chain was rewritten") || strings.Contains(out, "tradate: checkpoint") {
		t.Errorf("verify with checkpoints after the rewrite:\n%s", out)
	}

	// A checkpoints file signed by someone else's key proves nothing.
	out, err = runCmd(t, "", "audit", "verify", "-db", db, "-checkpoints", file, "-pubkey", "ed25519:"+strings.Repeat("A", 43)+"=")
	wantExit(t, err, 1, out)
	if !strings.Contains(out, "not by the key given") {
		t.Errorf("verify against another key:\n%s", out)
	}
}

// A key file others can read is refused, as ssh refuses one.
func TestCheckpointKeyReadableByOthersIsRefused(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "k")
	if _, err := checkpoint.GenerateKey(keyFile); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(keyFile, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "galateo.db")
	seed(t, db, request("massa", "c1", "Grazie", time.Now()))
	_, err := runCmd(t, "", "audit", "checkpoint", "-db", db, "-key", keyFile, "-out", filepath.Join(t.TempDir(), "c"))
	if err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("err = %v", err)
	}
}

// serve signs checkpoints on POST /admin/checkpoint, besides every
// -checkpoint-every.
func TestServeCheckpointsOnDemand(t *testing.T) {
	dir := t.TempDir()
	db, keyFile, file := filepath.Join(dir, "galateo.db"), filepath.Join(dir, "k"), filepath.Join(dir, "c.jsonl")
	if _, err := checkpoint.GenerateKey(keyFile); err != nil {
		t.Fatal(err)
	}
	seed(t, db, request("massa", "c1", "Grazie", time.Now()))
	// One ente: starting gates each ente's Rego tests, and only the log matters here.
	massaOnly, _ := reloadtest.CopyTree(t, filepath.Join("..", ".."), "massa")
	s := startServer(t, serveConfig{addr: "127.0.0.1:0", policies: massaOnly, db: db,
		checkpoints: checkpointConfig{key: keyFile, file: file, every: time.Hour}})
	var got struct{ Checkpoints []checkpoint.Checkpoint }
	if code := s.do(t, "POST", "/admin/checkpoint", "", &got); code != 200 || len(got.Checkpoints) != 1 || got.Checkpoints[0].Ente != "massa" {
		t.Fatalf("POST /admin/checkpoint: %d %+v", code, got)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	lines, err := checkpoint.Read(file)
	if err != nil || len(lines) != 1 || lines[0].Seq != 1 || lines[0].Checkpoint.Verify(nil) != nil {
		t.Errorf("checkpoints file: %+v, %v", lines, err)
	}
}
