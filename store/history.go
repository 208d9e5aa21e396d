package store

import "time"

// HistoryQuery asks what the log holds of one author in one ente, as it
// stood at Now: what the engine's history of the author is made of.
type HistoryQuery struct {
	Ente       string
	AuthorID   string // the author's id on the platform; the store pseudonymises it
	WindowDays int    // violations count within this many days before Now
	Now        time.Time
	// Fingerprints asks for the author's latest content fingerprints in
	// the window too, newest first, at most RecentFingerprints.
	Fingerprints bool
}

// History is what the log holds of an author in an ente (HistoryQuery).
// Which fingerprints repeat a new content is for the engine to say.
type History struct {
	Violations   int        // certain violations within the window
	LastWarning  *time.Time // nil when never warned
	BlockedUntil *time.Time // nil when not blocked
	Fingerprints []string   // when asked: the latest in the window, newest first
}

// RecentFingerprints bounds how many of the author's latest fingerprints in
// the window History returns: flooding is about what was posted lately,
// and a bound keeps the cost of a decision independent of how much an
// author has ever written.
const RecentFingerprints = 200
