package store

import (
	"context"
	"errors"
	"time"
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
	Platform   string    // the channel's platform, for the transparency report

	// Kind is what the record is (KindDecision when ""); the records a
	// person adds (a resolution, an appeal and its outcome) name in Settles
	// the decision they concern.
	Kind    string
	Settles string
	// ReviewDue, when set on a decision, puts it in the review queue, due
	// then: a person must look at it.
	ReviewDue *time.Time

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
	Enti     []string // when not empty, only records of these enti (an API key's scope)
	Outcome  string
	Category string
	Kind     string // the kind of record; "" for decisions only, KindAny for every kind
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
	// Chains is every chain walked, in ente order, so that a reader shows
	// each ente's count and verdict on its own.
	Chains []Chain `json:"chains"`
}

// Chain is the verification of one ente's chain.
type Chain struct {
	Ente    string   `json:"ente"`
	Records int64    `json:"records"` // records walked, up to the first problem
	Problem *Problem `json:"problem,omitempty"`
}

// Version is one revision of an ente's policy with its files.
type Version struct {
	Revision  string // "sha256:..." as the engine computes it
	Ente      string
	Label     string            // the version label from the ente's data, e.g. "1.1 del 18/06/2021"
	Files     map[string][]byte // path relative to the policies folder (slash-separated) -> content
	CreatedAt time.Time         // when it was first stored
}

// VersionInfo is a Version without its files, for lists.
type VersionInfo struct {
	Revision  string    `json:"revision"`
	Ente      string    `json:"ente"`
	Label     string    `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Files     int       `json:"files"`
	// LastActivated is the time of the latest successful activation (kind load, reload or follow) of this revision, nil if never.
	LastActivated *time.Time `json:"last_activated,omitempty"`
	// RemovedAt is when the ente was removed (its folder gone) while this
	// revision served, if no activation of it came later.
	RemovedAt *time.Time `json:"removed_at,omitempty"`
}

// Activation kinds.
const (
	ActivationLoad     = "load"     // a server loaded the revision from its policies folder at start
	ActivationReload   = "reload"   // a reload (POST /admin/reload or the file watcher) activated it after its tests passed
	ActivationFollow   = "follow"   // a server applied a revision another server activated
	ActivationRejected = "rejected" // a reload refused it (Error says why); the previous revision kept serving
	ActivationRemoved  = "removed"  // a reload found the ente's folder gone: the revision, the last one served, serves no more
)

// Recording is a version and its activation, recorded together.
type Recording struct {
	Version    Version
	Activation Activation
}

// Activation is one event in the life of an ente's served revision.
type Activation struct {
	ID       int64     `json:"id"`
	Ente     string    `json:"ente"`
	Revision string    `json:"revision"`
	Kind     string    `json:"kind"`
	Server   string    `json:"server"`
	At       time.Time `json:"at"`
	Error    string    `json:"error,omitempty"`
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
	// History is what the log holds of an author in an ente at q.Now.
	History(ctx context.Context, q HistoryQuery) (History, error)
	// LiftBlock ends the author's blocks in an ente at now; false when none was in force.
	LiftBlock(ctx context.Context, ente, author string, now time.Time) (bool, error)
	// Purge removes the kept input of an ente's records decided before a time.
	Purge(ctx context.Context, ente string, before time.Time) (int64, error)
	// Verify walks the chains of one ente ("" for all) and reports the first
	// record of each that was edited, removed or reordered.
	Verify(ctx context.Context, ente string) (Report, error)
	// SaveVersion keeps a revision with its files, each content stored once
	// however many revisions share it. Saving a revision already kept
	// changes nothing and returns false, also when another process saves it
	// at the same time; saving it for another ente is an error. A zero
	// CreatedAt is the time of the save.
	SaveVersion(ctx context.Context, v Version) (created bool, err error)
	// Versions lists the revisions of an ente ("" for all) without their
	// files, newest first (ties: the greater revision first).
	Versions(ctx context.Context, ente string) ([]VersionInfo, error)
	// Version returns a revision with its files, or ErrNotFound.
	Version(ctx context.Context, revision string) (*Version, error)
	// Activate records an activation and returns it with its ID, and At set
	// to now when it was zero. Kind is one of the Activation constants.
	Activate(ctx context.Context, a Activation) (Activation, error)
	// Record keeps each version (as SaveVersion) and records its
	// activation (as Activate), all in one transaction: a start that loads
	// thousands of enti commits once, not twice per ente. The activations
	// are returned in order with their IDs.
	Record(ctx context.Context, items []Recording) ([]Activation, error)
	// Activations returns the activations of an ente ("" for all) with an
	// ID greater than after, in ID order, at most limit (default 100, at
	// most 1000). An ID is never seen before a lower one commits, so that
	// servers follow each other by the last ID they saw.
	Activations(ctx context.Context, ente string, after int64, limit int) ([]Activation, error)
	// Desired is, per ente, the latest activation of kind load or reload:
	// the revision every server should serve. An ente whose latest load,
	// reload or removal is a removal is left out: no server should serve it.
	Desired(ctx context.Context) (map[string]Activation, error)
	// CreateKey keeps a new API key (its hash, never the key); an id or
	// hash already kept is ErrKeyExists. A zero CreatedAt is now.
	CreateKey(ctx context.Context, k APIKey) error
	// APIKeys lists every API key, revoked ones included, oldest first.
	APIKeys(ctx context.Context) ([]APIKey, error)
	// RevokeKey revokes an API key and returns it, or ErrNotFound.
	RevokeKey(ctx context.Context, id string, at time.Time) (APIKey, error)
	// Heads returns the head of every ente's chain that has a record, by
	// ente; ChainHash the hash of one record as the log holds it now, or
	// ErrNotFound. Signed checkpoints (store/checkpoint) are made of both.
	Heads(ctx context.Context) ([]Head, error)
	ChainHash(ctx context.Context, ente string, seq int64) (string, error)
	// Reviews lists the review queue by due time, the earliest first, and
	// the cursor of the next page; Review returns one item. Items are
	// judged at the filter's Now (a claim past its time is open).
	Reviews(ctx context.Context, f ReviewFilter) ([]Review, string, error)
	Review(ctx context.Context, id string, now time.Time) (*Review, error)
	// Claim lets a reviewer hold an open item (or extend their claim) until
	// a time: ErrClaimed when another holds it, ErrResolved, ErrExcluded.
	Claim(ctx context.Context, id, reviewer string, until, now time.Time) (Review, error)
	// Release gives an item back: ErrNotHolder unless the reviewer holds it.
	Release(ctx context.Context, id, reviewer string, now time.Time) (Review, error)
	// Resolve records a person's decision on an item as a record of the
	// ente's chain settling the decision, with the history it implies, in
	// one transaction.
	Resolve(ctx context.Context, res Resolution) (Record, Review, error)
	// FileAppeal records an appeal of a decision and queues it:
	// ErrNotDecision for a record a person added, ErrAppealed the second
	// time.
	FileAppeal(ctx context.Context, a Appeal) (Record, Review, error)
	// Settlements returns the records that settle a decision, in chain order.
	Settlements(ctx context.Context, decisionID string) ([]Record, error)
	// Pseudonymizer turns author ids into pseudonyms with the store's key.
	Pseudonymizer() *Pseudonymizer
	Close() error
}
