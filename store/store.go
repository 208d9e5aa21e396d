package store

import (
	"context"
	"errors"
	"time"

	"github.com/galateo/galateo/engine"
)

// ErrNotFound is returned when no record matches.
var ErrNotFound = errors.New("not found")

// Entry is one decision to record, as the decision flow hands it over.
type Entry struct {
	DecisionID string
	Ente       string
	Revision   string
	ContentID  string // "" when the request had none: never deduplicated
	Author     string // pseudonym (see Pseudonymizer); "" when the request had no author id
	Outcome    string
	Categories []string
	DecidedAt  time.Time // the decision's "now", also the time of the history rows
	Decision   []byte    // the response, JSON
	Input      []byte    // the evaluated input with personal data masked, JSON

	// What the decision adds to the author's history.
	Counted      bool       // a certain violation
	Warned       bool       // the author is warned
	Blocked      bool       // the author is blocked...
	BlockedUntil *time.Time // ...until then, or for good when nil
	Fingerprint  string     // of the text, for repetition
}

// Record is an Entry as the audit log keeps it.
type Record struct {
	Entry
	Seq         int64 // position in the ente's chain, from 1
	RecordedAt  time.Time
	InputDigest string // sha256 of Input as recorded; kept after a purge
	PrevHash    string
	Hash        string
	Purged      bool // retention removed Input
	Duplicate   bool // Append found it already recorded (same ente, content id, revision)
}

// Filter selects records for List. Zero fields do not filter.
type Filter struct {
	Ente     string
	Outcome  string
	Category string
	Author   string // pseudonym
	From, To time.Time
	Cursor   string // from a previous page
	Limit    int    // default 50, at most 500
}

// Problem is the first record of a chain that does not verify.
type Problem struct {
	Ente       string `json:"ente"`
	Seq        int64  `json:"seq"`
	DecisionID string `json:"decision_id,omitempty"`
	Reason     string `json:"reason"`
}

// Report is the result of verifying chains.
type Report struct {
	Enti     int       `json:"enti"`
	Records  int64     `json:"records"`
	Problems []Problem `json:"problems"` // the first problem of each broken chain
}

// Store is the persistence of Galateo. Implementations are safe for
// concurrent use, also by several processes on one PostgreSQL database.
type Store interface {
	// Append records entries in one transaction, in order, each chained to
	// its ente's previous record, with their author history. An entry whose
	// ente, content id and revision are already recorded is not recorded
	// again: its Record is the stored one, with Duplicate set.
	Append(ctx context.Context, entries []Entry) ([]Record, error)
	// Find returns the record of a content under a revision, or ErrNotFound.
	Find(ctx context.Context, ente, contentID, revision string) (*Record, error)
	// Get returns the record of a decision, or ErrNotFound.
	Get(ctx context.Context, decisionID string) (*Record, error)
	// List returns records matching f, newest first, and the cursor of the next page ("" at the end).
	List(ctx context.Context, f Filter) ([]Record, string, error)
	// History is the author's history in an ente at q.Now (engine.HistorySource).
	History(ctx context.Context, q engine.HistoryQuery) (engine.History, error)
	// LiftBlock ends the author's blocks in an ente at now; false when none was in force.
	LiftBlock(ctx context.Context, ente, author string, now time.Time) (bool, error)
	// Purge removes the kept input of an ente's records decided before a time.
	Purge(ctx context.Context, ente string, before time.Time) (int64, error)
	// Verify walks the chains of one ente ("" for all) and reports the first
	// record of each that was edited, removed or reordered.
	Verify(ctx context.Context, ente string) (Report, error)
	// Pseudonymizer turns author ids into pseudonyms with the store's key.
	Pseudonymizer() *Pseudonymizer
	Close() error
}
