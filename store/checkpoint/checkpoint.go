// Package checkpoint owns signed checkpoints of the audit log: the head of
// each ente's chain (seq and hash) signed with an Ed25519 key kept outside
// the database, appended as JSON lines to a file kept outside it too.
// Anyone who can write to the database can rewrite records and recompute
// every hash of a chain, so that store.Verify passes; they cannot sign, so
// a record a checkpoint vouched for no longer matches it.
//
// Ed25519 comes from the standard library: signatures are deterministic,
// keys are 32 bytes, and the key file is plain PKCS #8 PEM that openssl
// reads.
package checkpoint

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/galateo/galateo/store"
)

// Checkpoint is one ente's chain head signed at a time; one line of the
// checkpoints file.
type Checkpoint struct {
	Ente      string    `json:"ente"`
	Seq       int64     `json:"seq"`
	Hash      string    `json:"hash"`
	Time      time.Time `json:"time"`
	Signer    string    `json:"signer"`    // the public key, "ed25519:" + base64
	Signature string    `json:"signature"` // base64 of the Ed25519 signature of message()
}

// message is what is signed: every field but the signature, each with its
// length, so that no two checkpoints sign the same bytes.
func (c Checkpoint) message() []byte {
	var b bytes.Buffer
	for _, f := range []string{"galateo-checkpoint-v1", c.Ente, strconv.FormatInt(c.Seq, 10), c.Hash,
		c.Time.UTC().Format(time.RFC3339Nano), c.Signer} {
		fmt.Fprintf(&b, "%d:%s\n", len(f), f)
	}
	return b.Bytes()
}

const keyPrefix = "ed25519:"

// PublicKey is how a public key is written: "ed25519:" and base64.
func PublicKey(pub ed25519.PublicKey) string {
	return keyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParsePublicKey reads a key written by PublicKey.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(s), keyPrefix))
	if err != nil || !strings.HasPrefix(strings.TrimSpace(s), keyPrefix) || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%q is not a public key (ed25519: and base64 of 32 bytes)", s)
	}
	return ed25519.PublicKey(b), nil
}

// Sign signs the head h as of at.
func Sign(key ed25519.PrivateKey, h store.Head, at time.Time) Checkpoint {
	c := Checkpoint{Ente: h.Ente, Seq: h.Seq, Hash: h.Hash, Time: at.UTC(), Signer: PublicKey(key.Public().(ed25519.PublicKey))}
	c.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, c.message()))
	return c
}

// Verify checks c's signature by want, or by the key c names when want
// is nil (which proves only that the line was not edited since signing).
func (c Checkpoint) Verify(want ed25519.PublicKey) error {
	signer, err := ParsePublicKey(c.Signer)
	if err != nil {
		return fmt.Errorf("signer: %w", err)
	}
	if want != nil && !signer.Equal(want) {
		return fmt.Errorf("signed by %s, not by the key given", c.Signer)
	}
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || !ed25519.Verify(signer, c.message(), sig) {
		return errors.New("the signature does not match: the line was edited or not signed by its signer")
	}
	return nil
}

// GenerateKey writes a new private key to path, readable by its owner
// only, and returns its public key. It never overwrites a file.
func GenerateKey(path string) (ed25519.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("write key: %w", err)
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return nil, fmt.Errorf("write key %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("write key %s: %w", path, err)
	}
	return pub, f.Close()
}

// ReadKey reads a private key written by GenerateKey. A key file others
// may read is refused, as ssh does: whoever reads it can forge checkpoints.
func ReadKey(path string) (ed25519.PrivateKey, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoint key: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("checkpoint key %s is readable by others (mode %v): chmod 600 it", path, info.Mode().Perm())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoint key: %w", err)
	}
	block, _ := pem.Decode(raw)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("checkpoint key %s: not a PEM PRIVATE KEY", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("checkpoint key %s: %w", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("checkpoint key %s is a %T, not an Ed25519 key", path, k)
	}
	return priv, nil
}

// Chain is what checkpoints need of the audit log; *store.SQL satisfies it.
type Chain interface {
	Heads(ctx context.Context) ([]store.Head, error)
	ChainHash(ctx context.Context, ente string, seq int64) (string, error)
}

// Take signs the head of every ente's chain as of now and appends the
// checkpoints to the file at path, which it creates when absent.
func Take(ctx context.Context, chain Chain, key ed25519.PrivateKey, path string, now time.Time) ([]Checkpoint, error) {
	heads, err := chain.Heads(ctx)
	if err != nil {
		return nil, err
	}
	cps := make([]Checkpoint, 0, len(heads))
	var buf bytes.Buffer
	for _, h := range heads {
		c := Sign(key, h, now)
		line, err := json.Marshal(c)
		if err != nil {
			return nil, err
		}
		buf.Write(line)
		buf.WriteByte('\n')
		cps = append(cps, c)
	}
	if len(cps) == 0 {
		return cps, nil
	}
	// Checkpoints hold hashes and sequence numbers only: no personal data,
	// so the file may be copied to auditors and other machines freely.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("checkpoints: %w", err)
	}
	// One write of whole lines, then to disk: a crash leaves at most a
	// torn last line, which Read reports.
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return nil, fmt.Errorf("append checkpoints to %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("append checkpoints to %s: %w", path, err)
	}
	return cps, f.Close()
}

// Line is a checkpoint with its line number in the file.
type Line struct {
	N int
	Checkpoint
}

// Read reads a checkpoints file.
func Read(path string) ([]Line, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("checkpoints: %w", err)
	}
	defer f.Close()
	var out []Line
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var c Checkpoint
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, Line{N: n, Checkpoint: c})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("checkpoints %s: %w", path, err)
	}
	return out, nil
}

// Finding is a checkpoint that does not hold.
type Finding struct {
	Line   int    `json:"line"`
	Ente   string `json:"ente"`
	Seq    int64  `json:"seq"`
	Reason string `json:"reason"`
}

// Verify checks every checkpoint's signature (by pub, or by the key each
// names when pub is nil) and that the record it vouches for is still in
// the chain with the same hash. A chain rewritten and re-hashed after a
// checkpoint fails here even though store.Verify passes.
func Verify(ctx context.Context, chain Chain, lines []Line, pub ed25519.PublicKey) ([]Finding, error) {
	var out []Finding
	for _, l := range lines {
		bad := func(format string, args ...any) {
			out = append(out, Finding{Line: l.N, Ente: l.Ente, Seq: l.Seq, Reason: fmt.Sprintf(format, args...)})
		}
		if err := l.Checkpoint.Verify(pub); err != nil {
			bad("%v", err)
			continue
		}
		got, err := chain.ChainHash(ctx, l.Ente, l.Seq)
		switch {
		case errors.Is(err, store.ErrNotFound):
			bad("record %d, checkpointed at %s, is gone from the chain", l.Seq, l.Time.Format(time.RFC3339))
		case err != nil:
			return out, err
		case got != l.Hash:
			bad("record %d's hash is %s but was %s when checkpointed at %s: the chain was rewritten", l.Seq, short(got), short(l.Hash), l.Time.Format(time.RFC3339))
		}
	}
	return out, nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
