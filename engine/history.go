package engine

import (
	"context"
	"time"

	"github.com/galateo/galateo/engine/facts"
)

// History is what the engine knows of an author's past in one ente. It is
// part of the evaluated input, so that a replay sees the same past.
type History struct {
	Violations   int        // certain violations within the window
	WindowDays   int        // the ente's window, as used for the count
	LastWarning  *time.Time // nil when never warned
	BlockedUntil *time.Time // nil when not blocked
	Repeats      int        // earlier contents of the author that repeat this one (see HistoryQuery.Repeats)
}

// HistoryQuery asks for one author's history in one ente.
type HistoryQuery struct {
	Ente        string
	AuthorID    string
	WindowDays  int
	Now         time.Time
	Fingerprint string // facts.Fingerprint of the text, for repetition; "" for none
	// NearDuplicateBits is the ente's flooding.near_duplicate_bits: an
	// earlier content repeats this one when their fingerprints differ in at
	// most this many bits (0, the default: the same words).
	NearDuplicateBits int
}

// Repeats reports whether an earlier fingerprint of the author counts as
// a repetition of the content asked about: within NearDuplicateBits of
// q.Fingerprint, or equal to it when either is of another kind (a format
// the store kept from before). A history source fetches the author's
// recent fingerprints and asks this of each, so that what counts as the
// same content is decided in one place.
func (q HistoryQuery) Repeats(earlier string) bool {
	if q.Fingerprint == "" || earlier == "" {
		return false
	}
	d, ok := facts.Distance(q.Fingerprint, earlier)
	if !ok {
		return earlier == q.Fingerprint
	}
	return d <= q.NearDuplicateBits
}

// HistorySource answers history queries; the store implements it.
type HistorySource interface {
	History(ctx context.Context, q HistoryQuery) (History, error)
}

// NoHistory is the history source of an engine without a store: every
// author is new.
type NoHistory struct{}

func (NoHistory) History(context.Context, HistoryQuery) (History, error) { return History{}, nil }
