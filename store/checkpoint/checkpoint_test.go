package checkpoint

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// Any field of a signed line changed, the signature no longer holds.
func TestSignatureCoversEveryField(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	c := Sign(key, store.Head{Ente: "massa", Seq: 7, Hash: "abc"}, at)
	if err := c.Verify(pub); err != nil {
		t.Fatalf("a fresh checkpoint: %v", err)
	}
	for name, edit := range map[string]func(*Checkpoint){
		"ente": func(c *Checkpoint) { c.Ente = "tradate" },
		"seq":  func(c *Checkpoint) { c.Seq = 8 },
		"hash": func(c *Checkpoint) { c.Hash = "abd" },
		"time": func(c *Checkpoint) { c.Time = c.Time.Add(time.Second) },
	} {
		x := c
		edit(&x)
		if err := x.Verify(pub); err == nil {
			t.Errorf("an edited %s still verifies", name)
		}
	}
	otherPub, other, _ := ed25519.GenerateKey(nil)
	forged := Sign(other, store.Head{Ente: "massa", Seq: 7, Hash: "abc"}, at)
	if err := forged.Verify(pub); err == nil || !strings.Contains(err.Error(), "not by the key given") {
		t.Errorf("a line signed by another key: %v", err)
	}
	if err := forged.Verify(nil); err != nil {
		t.Errorf("without a key, a line is checked against its own signer: %v", err)
	}
	if p, err := ParsePublicKey(PublicKey(otherPub)); err != nil || !p.Equal(otherPub) {
		t.Errorf("public key round trip: %v", err)
	}
	for _, bad := range []string{"", "ed25519:", "ed25519:AAAA", strings.TrimPrefix(PublicKey(pub), "ed25519:")} {
		if _, err := ParsePublicKey(bad); err == nil {
			t.Errorf("ParsePublicKey(%q) accepted it", bad)
		}
	}
}

func TestKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	pub, err := GenerateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ReadKey(path)
	if err != nil || !key.Public().(ed25519.PublicKey).Equal(pub) {
		t.Fatalf("read back: %v", err)
	}
	if _, err := GenerateKey(path); err == nil {
		t.Error("GenerateKey overwrote a key")
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "junk"), []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadKey(filepath.Join(filepath.Dir(path), "junk")); err == nil {
		t.Error("ReadKey accepted junk")
	}
}

// A torn or foreign line is reported with its line number.
func TestReadReportsTheLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte("{\"ente\":\"massa\",\"seq\":1,\"hash\":\"h\",\"time\":\"2026-11-23T10:00:00Z\",\"signer\":\"s\",\"signature\":\"x\"}\n\n{\"ente\":\"mas"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "c.jsonl:3") {
		t.Errorf("err = %v, want line 3 named", err)
	}
}
