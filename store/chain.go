package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// digest is the hex sha256 of b.
func digest(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// chainHash is the hash of a record: its place in the chain, its fields and
// the digests of its decision and input. Each field is written with its
// length, so that no two different records write the same bytes.
func chainHash(prev string, seq int64, r *Record) string {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s\n", len(s), s) }
	field("galateo-audit-v1")
	field(prev)
	field(fmt.Sprint(seq))
	field(r.DecisionID)
	field(r.Ente)
	field(r.Revision)
	field(r.ContentID)
	field(r.Author)
	field(r.Outcome)
	field(strings.Join(r.Categories, ","))
	field(r.DecidedAt.UTC().Format(time.RFC3339Nano))
	field(digest(r.Decision))
	field(r.InputDigest)
	if r.Kind != "" && r.Kind != KindDecision {
		// A person's record: what it is and what it settles are sealed
		// too. Decisions hash as they always did.
		field(r.Kind)
		field(r.Settles)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// seal fills the chain fields of r as the record after prev.
func seal(r *Record, prevSeq int64, prevHash string) {
	r.Seq = prevSeq + 1
	r.PrevHash = prevHash
	r.InputDigest = digest(r.Input)
	r.Hash = chainHash(prevHash, r.Seq, r)
}

// check verifies r against the record before it; "" when it holds.
func check(r *Record, prevSeq int64, prevHash string) string {
	switch {
	case r.Seq != prevSeq+1:
		return fmt.Sprintf("sequence jumps from %d to %d: a record was removed or reordered", prevSeq, r.Seq)
	case r.PrevHash != prevHash:
		return "does not chain to the record before it: a record was removed, reordered or edited"
	case !r.Purged && digest(r.Input) != r.InputDigest:
		return "its evaluated input was edited"
	case chainHash(prevHash, r.Seq, r) != r.Hash:
		return "its content was edited"
	}
	return ""
}
