package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/galateo/galateo/api"
	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/store/checkpoint"
)

// checkpointConfig says where checkpoints are signed and kept.
type checkpointConfig struct {
	key    string // the private key file
	file   string // the checkpoints file (JSON lines)
	pubkey string // verify: the public key the lines must be signed by
	every  time.Duration
}

// checkpointFlags declares the flags of action ("verify", "checkpoint" or
// "serve") on fs.
func checkpointFlags(fs *flag.FlagSet, action string) *checkpointConfig {
	c := &checkpointConfig{}
	switch action {
	case "verify":
		fs.StringVar(&c.file, "checkpoints", "", "also check the signed checkpoints of this file against the chains")
		fs.StringVar(&c.pubkey, "pubkey", env("GALATEO_CHECKPOINT_PUBKEY", ""),
			"the public key (ed25519:…) every checkpoint must be signed by (env GALATEO_CHECKPOINT_PUBKEY); without it each line is checked against the key it names")
	case "checkpoint", "serve":
		fs.StringVar(&c.key, "checkpoint-key", env("GALATEO_CHECKPOINT_KEY", ""),
			"private key file made by galateo audit keygen (env GALATEO_CHECKPOINT_KEY)")
		fs.StringVar(&c.file, "checkpoints", env("GALATEO_CHECKPOINTS", ""), "file the signed checkpoints are appended to (env GALATEO_CHECKPOINTS)")
		if action == "checkpoint" {
			// The short name reads naturally on the command line:
			// galateo audit checkpoint -key k -out checkpoints.jsonl
			fs.StringVar(&c.key, "key", c.key, "same as -checkpoint-key")
			fs.StringVar(&c.file, "out", c.file, "same as -checkpoints")
		} else {
			fs.DurationVar(&c.every, "checkpoint-every", time.Hour, "how often serve signs checkpoints, with -checkpoint-key and -checkpoints")
		}
	}
	return c
}

// keygen writes a new checkpoint key and prints its public key.
func keygen(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	out := fs.String("out", "", "the private key file to write (never overwritten; mode 0600)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(fs.Output(), "galateo audit keygen: -out FILE is required")
		return exitError(2)
	}
	pub, err := checkpoint.GenerateKey(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", checkpoint.PublicKey(pub))
	fmt.Fprintf(fs.Output(), "wrote the private key to %s; keep it off the database's machine and its backups; give auditors the public key above\n", *out)
	return nil
}

// checkpointer signs checkpoints with one key into one file, one run at a
// time: serve takes them periodically and on demand.
type checkpointer struct {
	mu    sync.Mutex
	chain checkpoint.Chain
	key   ed25519.PrivateKey
	file  string
}

func newCheckpointer(c *checkpointConfig, chain checkpoint.Chain) (*checkpointer, error) {
	if c.key == "" || c.file == "" {
		return nil, errors.New("checkpoints need both -checkpoint-key and -checkpoints")
	}
	key, err := checkpoint.ReadKey(c.key)
	if err != nil {
		return nil, err
	}
	return &checkpointer{chain: chain, key: key, file: c.file}, nil
}

// Checkpoint signs every chain head now and appends them to the file.
func (c *checkpointer) Checkpoint(ctx context.Context) ([]checkpoint.Checkpoint, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return checkpoint.Take(ctx, c.chain, c.key, c.file, time.Now())
}

// loop checkpoints every period until ctx ends.
func (c *checkpointer) loop(ctx context.Context, log *slog.Logger, every time.Duration) {
	period.Every(ctx, every, func(ctx context.Context) {
		cps, err := c.Checkpoint(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("checkpoint", "err", err)
			}
			return
		}
		log.Info("checkpoints signed", "enti", len(cps), "file", c.file)
	})
}

func takeCheckpoints(ctx context.Context, chain checkpoint.Chain, c *checkpointConfig, stdout io.Writer) error {
	cp, err := newCheckpointer(c, chain)
	if err != nil {
		return err
	}
	cps, err := cp.Checkpoint(ctx)
	if err != nil {
		return err
	}
	for _, x := range cps {
		fmt.Fprintf(stdout, "%s: seq %d, hash %s\n", x.Ente, x.Seq, x.Hash)
	}
	fmt.Fprintf(stdout, "%d checkpoints appended to %s, signed by %s\n", len(cps), c.file, checkpoint.PublicKey(cp.key.Public().(ed25519.PublicKey)))
	return nil
}

// verifyCheckpoints checks the checkpoints file against the chains and
// prints each checkpoint that does not hold; exit status 1 when one does not.
func verifyCheckpoints(ctx context.Context, chain checkpoint.Chain, c *checkpointConfig, ente string, stdout io.Writer) error {
	var pub ed25519.PublicKey
	if c.pubkey != "" {
		var err error
		if pub, err = checkpoint.ParsePublicKey(c.pubkey); err != nil {
			return fmt.Errorf("-pubkey: %w", err)
		}
	}
	lines, err := checkpoint.Read(c.file)
	if err != nil {
		return err
	}
	if ente != "" {
		kept := lines[:0]
		for _, l := range lines {
			if l.Ente == ente {
				kept = append(kept, l)
			}
		}
		lines = kept
	}
	found, err := checkpoint.Verify(ctx, chain, lines, pub)
	if err != nil {
		return fmt.Errorf("verify checkpoints: %w", err)
	}
	for _, f := range found {
		fmt.Fprintf(stdout, "%s: checkpoint at %s:%d, seq %d: %s\n", f.Ente, c.file, f.Line, f.Seq, f.Reason)
	}
	signers := map[string]bool{}
	for _, l := range lines {
		signers[l.Signer] = true
	}
	if pub == nil && len(signers) > 0 {
		fmt.Fprintf(stdout, "note: checked against the key each line names (%d keys); pass -pubkey to require yours\n", len(signers))
	}
	if len(found) > 0 {
		fmt.Fprintf(stdout, "FAIL: %d of %d checkpoints do not hold\n", len(found), len(lines))
		return exitError(1)
	}
	fmt.Fprintf(stdout, "ok: %d checkpoints hold\n", len(lines))
	return nil
}

// checkpointerOrNil keeps a nil *checkpointer from becoming a non-nil
// api.Checkpointer.
func checkpointerOrNil(c *checkpointer) api.Checkpointer {
	if c == nil {
		return nil
	}
	return c
}
