package storetest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/checkpoint"
)

// RewriteChain does what someone with write access to the database can:
// it turns every "remove" of ente's chain into "allow" and recomputes
// every record's hash and the chain head, behind the store's back, so that
// store.Verify finds nothing. The hash is no secret: it is rewritten here
// from its definition (store/chain.go), as an attacker would.
func RewriteChain(tb testing.TB, st *store.SQL, raw *sql.DB, driver, ente string) {
	tb.Helper()
	ctx := context.Background()
	var recs []store.Record
	f := store.Filter{Ente: ente, Limit: 500}
	for {
		page, next, err := st.List(ctx, f)
		if err != nil {
			tb.Fatal(err)
		}
		recs = append(recs, page...)
		if next == "" {
			break
		}
		f.Cursor = next
	}
	slices.SortFunc(recs, func(a, b store.Record) int { return int(a.Seq - b.Seq) })
	prev := ""
	for i := range recs {
		r := &recs[i]
		r.Outcome = "allow"
		r.Decision = bytes.ReplaceAll(r.Decision, []byte(`"outcome":"remove"`), []byte(`"outcome":"allow"`))
		r.PrevHash, r.Hash = prev, forgedHash(prev, r)
		prev = r.Hash
		if _, err := raw.ExecContext(ctx, store.Rebind(driver, `UPDATE decisions SET outcome = ?, decision = ?, prev_hash = ?, hash = ? WHERE ente = ? AND seq = ?`),
			r.Outcome, string(r.Decision), r.PrevHash, r.Hash, ente, r.Seq); err != nil {
			tb.Fatalf("rewrite record %d: %v", r.Seq, err)
		}
	}
	if _, err := raw.ExecContext(ctx, store.Rebind(driver, `UPDATE chain_heads SET hash = ? WHERE ente = ?`), prev, ente); err != nil {
		tb.Fatalf("rewrite head: %v", err)
	}
}

// forgedHash is the chain hash of r after prev, computed without the
// store's code.
func forgedHash(prev string, r *store.Record) string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s\n", len(s), s) }
	sum := sha256.Sum256(r.Decision)
	for _, s := range []string{"galateo-audit-v1", prev, fmt.Sprint(r.Seq), r.DecisionID, r.Ente, r.Revision, r.ContentID,
		r.Author, r.Outcome, strings.Join(r.Categories, ","), r.DecidedAt.UTC().Format(time.RFC3339Nano),
		hex.EncodeToString(sum[:]), r.InputDigest} {
		field(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func testCheckpoints(t *testing.T, su suite) {
	e := su.env(t)
	ctx := context.Background()
	if heads, err := e.s.Heads(ctx); err != nil || len(heads) != 0 {
		t.Fatalf("heads of an empty log = %v, %v", heads, err)
	}
	e.chains()
	heads, err := e.s.Heads(ctx)
	if err != nil || len(heads) != 2 || heads[0].Ente != "a" || heads[0].Seq != 5 || heads[1].Ente != "b" || heads[1].Seq != 3 {
		t.Fatalf("heads = %+v, %v; want a at 5 and b at 3", heads, err)
	}
	if h, err := e.s.ChainHash(ctx, "a", 5); err != nil || h != heads[0].Hash {
		t.Errorf("hash of a/5 = %q, %v; want the head's %q", h, err, heads[0].Hash)
	}
	if _, err := e.s.ChainHash(ctx, "a", 6); !isNotFound(err) {
		t.Errorf("hash of a/6: %v, want ErrNotFound", err)
	}

	dir := t.TempDir()
	pub, err := checkpoint.GenerateKey(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := checkpoint.ReadKey(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "checkpoints.jsonl")
	if _, err := checkpoint.Take(ctx, e.s, key, file, t0.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	lines, err := checkpoint.Read(file)
	if err != nil || len(lines) != 2 {
		t.Fatalf("checkpoints = %+v, %v", lines, err)
	}
	if found, err := checkpoint.Verify(ctx, e.s, lines, pub); err != nil || len(found) != 0 {
		t.Fatalf("checkpoints of an intact log: %+v, %v", found, err)
	}
	other, _, _ := ed25519.GenerateKey(nil) // the public key
	if found, _ := checkpoint.Verify(ctx, e.s, lines, other); len(found) != 2 {
		t.Errorf("checkpoints checked against another key: %+v, want both refused", found)
	}

	RewriteChain(t, e.s, e.rawDB(), e.db.Driver, "a")
	if rep := e.verify(""); len(rep.Problems) != 0 || rep.Records != 8 {
		t.Fatalf("the rewritten log should verify without checkpoints (else the test is no rewrite): %+v", rep)
	}
	if r := e.get("a1"); r.Outcome != "allow" {
		t.Fatalf("a1 was not rewritten: %+v", r.Entry)
	}
	found, err := checkpoint.Verify(ctx, e.s, lines, pub)
	if err != nil || len(found) != 1 || found[0].Ente != "a" || found[0].Seq != 5 || !strings.Contains(found[0].Reason, "rewritten") {
		t.Errorf("checkpoints of the rewritten log: %+v, %v; want a at seq 5 rewritten", found, err)
	}
}
