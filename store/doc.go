// Package store owns persistence: the tamper-evident audit log of
// decisions, the history of authors per ente (violations, warnings, blocks,
// fingerprints of what they posted), the revisions of the enti's policies
// with their files, what servers did with those revisions (activations),
// and the keys it needs. One implementation over database/sql serves two
// dialects, embedded SQLite (modernc.org/sqlite, the default) and
// PostgreSQL (pgx); their schemas are golang-migrate migrations embedded
// in the binary, one set per dialect.
//
// Every record is chained to its ente's previous record by a sha256 hash,
// so that editing, removing or reordering a record is detectable (Verify).
// The hash covers a digest of the evaluated input rather than the input
// itself, so that retention can purge the masked text and the chain still
// verifies.
package store
