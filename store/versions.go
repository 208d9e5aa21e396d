package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// SaveVersion keeps a revision with its files; see Store.
func (s *SQL) SaveVersion(ctx context.Context, v Version) (bool, error) {
	if err := checkVersion(v); err != nil {
		return false, err
	}
	// Every server saves what it loads at every start: a revision already
	// kept is answered by a read, without taking SQLite's write lock.
	if ente, err := s.versionEnte(ctx, s.db, v.Revision); err == nil {
		return false, sameEnte(v, ente)
	} else if !errors.Is(err, ErrNotFound) {
		return false, fmt.Errorf("save version %s: %w", v.Revision, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if created, err := s.insertVersion(ctx, tx, v); err != nil || !created {
		return false, err
	}
	if err := s.saveFiles(ctx, tx, v, nil); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("save version %s: commit: %w", v.Revision, err)
	}
	return true, nil
}

// saveFiles keeps the files of revision v within tx. Blobs whose digest is
// in saved were written earlier in tx and are not sent again; saved, when
// not nil, gets the digests written here.
func (s *SQL) saveFiles(ctx context.Context, tx *sql.Tx, v Version, saved map[string]bool) error {
	digests := make(map[string]string, len(v.Files))  // path -> digest
	contents := make(map[string][]byte, len(v.Files)) // digest -> content
	for path, b := range v.Files {
		sum := sha256.Sum256(b)
		d := hex.EncodeToString(sum[:])
		digests[path] = d
		contents[d] = b
	}
	// In digest order, so that two revisions saved at once that share files
	// never wait on each other's blobs in a circle.
	for _, d := range slices.Sorted(maps.Keys(contents)) {
		if saved[d] {
			continue
		}
		b := contents[d]
		if b == nil {
			b = []byte{} // an empty file, which a nil slice would bind as NULL
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO policy_blobs (digest, content) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING`, d, b); err != nil {
			return fmt.Errorf("save version %s: blob %s: %w", v.Revision, d, err)
		}
		if saved != nil {
			saved[d] = true
		}
	}
	for _, path := range slices.Sorted(maps.Keys(digests)) {
		if _, err := s.exec(ctx, tx, `INSERT INTO policy_version_files (revision, path, digest) VALUES (?, ?, ?)`, v.Revision, path, digests[path]); err != nil {
			return fmt.Errorf("save version %s: file %s: %w", v.Revision, path, err)
		}
	}
	return nil
}

// Record keeps the versions and records the activations of many enti in
// one transaction; see Store.
func (s *SQL) Record(ctx context.Context, items []Recording) ([]Activation, error) {
	for _, it := range items {
		if err := checkVersion(it.Version); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		if it.Activation.Ente != it.Version.Ente || it.Activation.Revision != it.Version.Revision {
			return nil, fmt.Errorf("record: the activation of %s %s is not of its version %s %s", it.Activation.Ente, it.Activation.Revision, it.Version.Ente, it.Version.Revision)
		}
		if err := checkKind(it.Activation); err != nil {
			return nil, err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := s.lockActivations(ctx, tx); err != nil {
		return nil, err
	}
	saved := map[string]bool{}
	out := make([]Activation, 0, len(items))
	for _, it := range items {
		created, err := s.insertVersion(ctx, tx, it.Version)
		if err != nil {
			return nil, err
		}
		if created {
			if err := s.saveFiles(ctx, tx, it.Version, saved); err != nil {
				return nil, err
			}
		}
		a, err := s.insertActivation(ctx, tx, it.Activation)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("record activations: commit: %w", err)
	}
	return out, nil
}

func checkKind(a Activation) error {
	switch a.Kind {
	case ActivationLoad, ActivationReload, ActivationFollow, ActivationRejected, ActivationRemoved:
		return nil
	}
	return fmt.Errorf("activate %s of ente %s: kind %q is not load, reload, follow, rejected or removed", a.Revision, a.Ente, a.Kind)
}

// checkVersion refuses a version that cannot be kept.
func checkVersion(v Version) error {
	switch {
	case v.Revision == "":
		return errors.New("save version: no revision")
	case v.Ente == "":
		return fmt.Errorf("save version %s: no ente", v.Revision)
	case len(v.Files) == 0:
		return fmt.Errorf("save version %s: no files", v.Revision)
	}
	if _, ok := v.Files[""]; ok {
		return fmt.Errorf("save version %s: a file has no path", v.Revision)
	}
	return nil
}

// insertVersion adds the row of version v in tx and reports whether it is
// new; a revision already kept, by this process or another (on PostgreSQL
// the insert waits for that commit), must be kept for the same ente, and
// its files are the same revision's.
func (s *SQL) insertVersion(ctx context.Context, tx *sql.Tx, v Version) (bool, error) {
	created := v.CreatedAt
	if created.IsZero() {
		created = s.now()
	}
	res, err := s.exec(ctx, tx, `INSERT INTO policy_versions (revision, ente, label, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (revision) DO NOTHING`,
		v.Revision, v.Ente, v.Label, created.UnixNano())
	if err != nil {
		return false, fmt.Errorf("save version %s: %w", v.Revision, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, err
	} else if n > 0 {
		return true, nil
	}
	ente, err := s.versionEnte(ctx, tx, v.Revision)
	if err != nil {
		return false, fmt.Errorf("save version %s: %w", v.Revision, err)
	}
	return false, sameEnte(v, ente)
}

// lockActivations makes the activations of tx take turns with other
// transactions' (PostgreSQL hands out ids as rows are inserted, not as they
// commit: unless inserts take turns, a follower could read id 7 before id
// 6 commits, move past it and never see it).
func (s *SQL) lockActivations(ctx context.Context, tx *sql.Tx) error {
	if s.d.lockActivations == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, s.d.lockActivations); err != nil {
		return fmt.Errorf("activate: %w", err)
	}
	return nil
}

// insertActivation adds activation a in tx, with At set to now when zero,
// and returns it with its id.
func (s *SQL) insertActivation(ctx context.Context, tx *sql.Tx, a Activation) (Activation, error) {
	if a.At.IsZero() {
		a.At = s.now()
	}
	a.At = time.Unix(0, a.At.UnixNano()).UTC() // as Activations reads it back
	if err := tx.QueryRowContext(ctx, s.d.rebind(`INSERT INTO policy_activations (ente, revision, kind, server, at, error)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), a.Ente, a.Revision, a.Kind, a.Server, a.At.UnixNano(), a.Error).Scan(&a.ID); err != nil {
		return Activation{}, fmt.Errorf("activate %s: %w", a.Revision, err)
	}
	return a, nil
}

func (s *SQL) versionEnte(ctx context.Context, q querier, revision string) (string, error) {
	var ente string
	err := q.QueryRowContext(ctx, s.d.rebind(`SELECT ente FROM policy_versions WHERE revision = ?`), revision).Scan(&ente)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return ente, err
}

// sameEnte fails a save of a revision kept for another ente: the revision
// is the key of a version, and one ente's list must not show another's.
func sameEnte(v Version, kept string) error {
	if kept != v.Ente {
		return fmt.Errorf("save version %s of ente %s: the revision is kept for ente %s", v.Revision, v.Ente, kept)
	}
	return nil
}

// Versions lists revisions without their files; see Store.
func (s *SQL) Versions(ctx context.Context, ente string) ([]VersionInfo, error) {
	// a.ente = v.ente lets the planners use policy_activations_ente.
	q := `SELECT v.revision, v.ente, v.label, v.created_at,
		(SELECT COUNT(*) FROM policy_version_files f WHERE f.revision = v.revision),
		(SELECT MAX(a.at) FROM policy_activations a WHERE a.ente = v.ente AND a.revision = v.revision AND a.kind IN (?, ?, ?)),
		(SELECT MAX(a.at) FROM policy_activations a WHERE a.ente = v.ente AND a.revision = v.revision AND a.kind = ?)
		FROM policy_versions v`
	args := []any{ActivationLoad, ActivationReload, ActivationFollow, ActivationRemoved}
	if ente != "" {
		q += ` WHERE v.ente = ?`
		args = append(args, ente)
	}
	q += ` ORDER BY v.created_at DESC, v.revision DESC`
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	defer rows.Close()
	var out []VersionInfo
	for rows.Next() {
		var (
			v         VersionInfo
			created   int64
			activated sql.NullInt64
			removed   sql.NullInt64
		)
		if err := rows.Scan(&v.Revision, &v.Ente, &v.Label, &created, &v.Files, &activated, &removed); err != nil {
			return nil, err
		}
		if removed.Valid && (!activated.Valid || removed.Int64 >= activated.Int64) {
			t := time.Unix(0, removed.Int64).UTC()
			v.RemovedAt = &t
		}
		v.CreatedAt = time.Unix(0, created).UTC()
		if activated.Valid {
			t := time.Unix(0, activated.Int64).UTC()
			v.LastActivated = &t
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Version returns a revision with its files; see Store.
func (s *SQL) Version(ctx context.Context, revision string) (*Version, error) {
	v := Version{Revision: revision, Files: map[string][]byte{}}
	var created int64
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT ente, label, created_at FROM policy_versions WHERE revision = ?`), revision).
		Scan(&v.Ente, &v.Label, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", revision, err)
	}
	v.CreatedAt = time.Unix(0, created).UTC()
	// A revision's files were committed with its row and never change:
	// reading them in a second query sees the same revision.
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT f.path, f.digest, b.digest, b.content
		FROM policy_version_files f LEFT JOIN policy_blobs b ON b.digest = f.digest WHERE f.revision = ?`), revision)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", revision, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			path, digest string
			kept         sql.NullString
			content      []byte
		)
		if err := rows.Scan(&path, &digest, &kept, &content); err != nil {
			return nil, err
		}
		// The digest is the content's address: a blob lost or edited behind
		// the store's back is an error, not another policy.
		if !kept.Valid {
			return nil, fmt.Errorf("version %s: the content of %s is missing", revision, path)
		}
		if sum := sha256.Sum256(content); hex.EncodeToString(sum[:]) != digest {
			return nil, fmt.Errorf("version %s: the content of %s does not match its digest", revision, path)
		}
		if content == nil {
			content = []byte{}
		}
		v.Files[path] = content
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return &v, nil
}

// Activate records an activation; see Store.
func (s *SQL) Activate(ctx context.Context, a Activation) (Activation, error) {
	if err := checkKind(a); err != nil {
		return Activation{}, err
	}
	if a.Ente == "" || a.Revision == "" {
		return Activation{}, fmt.Errorf("activate: ente %q, revision %q: both are needed", a.Ente, a.Revision)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Activation{}, err
	}
	defer tx.Rollback()
	if err := s.lockActivations(ctx, tx); err != nil {
		return Activation{}, err
	}
	if a, err = s.insertActivation(ctx, tx, a); err != nil {
		return Activation{}, err
	}
	if err := tx.Commit(); err != nil {
		return Activation{}, fmt.Errorf("activate %s: commit: %w", a.Revision, err)
	}
	return a, nil
}

const activationColumns = `id, ente, revision, kind, server, at, error`

func scanActivation(row interface{ Scan(...any) error }) (Activation, error) {
	var (
		a  Activation
		at int64
	)
	if err := row.Scan(&a.ID, &a.Ente, &a.Revision, &a.Kind, &a.Server, &at, &a.Error); err != nil {
		return a, err
	}
	a.At = time.Unix(0, at).UTC()
	return a, nil
}

// Activations returns activations after an id, in id order; see Store.
func (s *SQL) Activations(ctx context.Context, ente string, after int64, limit int) ([]Activation, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	q := `SELECT ` + activationColumns + ` FROM policy_activations WHERE id > ?`
	args := []any{after}
	if ente != "" {
		q += ` AND ente = ?`
		args = append(args, ente)
	}
	q += ` ORDER BY id LIMIT ?`
	args = append(args, limit)
	return s.activations(ctx, q, args...)
}

// Desired is the latest load or reload of each ente; see Store. Latest is
// by id, the order the activations were recorded in, not by At.
func (s *SQL) Desired(ctx context.Context) (map[string]Activation, error) {
	as, err := s.activations(ctx, `SELECT `+activationColumns+` FROM policy_activations WHERE id IN
		(SELECT MAX(id) FROM policy_activations WHERE kind IN (?, ?, ?) GROUP BY ente)`, ActivationLoad, ActivationReload, ActivationRemoved)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Activation, len(as))
	for _, a := range as {
		if a.Kind != ActivationRemoved {
			out[a.Ente] = a
		}
	}
	return out, nil
}

func (s *SQL) activations(ctx context.Context, q string, args ...any) ([]Activation, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("read activations: %w", err)
	}
	defer rows.Close()
	var out []Activation
	for rows.Next() {
		a, err := scanActivation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
