package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// APIKey is an API key as the store keeps it: its hash, never the key.
type APIKey struct {
	ID        string     `json:"id"` // not secret: names the key in lists and revocations
	Name      string     `json:"name"`
	Hash      string     `json:"-"`    // sha256 (hex) of the key
	Enti      []string   `json:"enti"` // ente ids, or ["*"] for every ente
	Roles     []string   `json:"roles"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at"` // nil while the key is valid
}

// ErrKeyExists is returned by CreateKey for an id or hash already kept.
var ErrKeyExists = errors.New("an API key with this id or hash exists")

// CreateKey keeps a new API key; see Store.
func (s *SQL) CreateKey(ctx context.Context, k APIKey) error {
	switch {
	case k.ID == "" || k.Hash == "":
		return errors.New("create API key: no id or hash")
	case len(k.Enti) == 0 || len(k.Roles) == 0:
		return fmt.Errorf("create API key %s: no enti or roles", k.ID)
	}
	created := k.CreatedAt
	if created.IsZero() {
		created = s.now()
	}
	res, err := s.exec(ctx, s.db, `INSERT INTO api_keys (id, name, hash, enti, roles, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		k.ID, k.Name, k.Hash, strings.Join(k.Enti, ","), strings.Join(k.Roles, ","), created.UnixNano())
	if err != nil {
		return fmt.Errorf("create API key %s: %w", k.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("create API key %s: %w", k.ID, err)
	} else if n == 0 {
		return fmt.Errorf("create API key %s: %w", k.ID, ErrKeyExists)
	}
	return nil
}

// APIKeys lists every API key, revoked ones included, oldest first.
func (s *SQL) APIKeys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, hash, enti, roles, created_at, revoked_at FROM api_keys ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list API keys: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	return out, nil
}

// RevokeKey revokes an API key at at and returns it; a key revoked before
// keeps its first revocation time. ErrNotFound when no key has this id.
func (s *SQL) RevokeKey(ctx context.Context, id string, at time.Time) (APIKey, error) {
	if _, err := s.exec(ctx, s.db, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, at.UnixNano(), id); err != nil {
		return APIKey{}, fmt.Errorf("revoke API key %s: %w", id, err)
	}
	k, err := scanAPIKey(s.db.QueryRowContext(ctx, s.d.rebind(`SELECT id, name, hash, enti, roles, created_at, revoked_at FROM api_keys WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return APIKey{}, ErrNotFound
	}
	if err != nil {
		return APIKey{}, fmt.Errorf("revoke API key %s: %w", id, err)
	}
	return k, nil
}

func scanAPIKey(row interface{ Scan(...any) error }) (APIKey, error) {
	var (
		k           APIKey
		enti, roles string
		created     int64
		revoked     sql.NullInt64
	)
	if err := row.Scan(&k.ID, &k.Name, &k.Hash, &enti, &roles, &created, &revoked); err != nil {
		return APIKey{}, err
	}
	k.Enti, k.Roles = strings.Split(enti, ","), strings.Split(roles, ",")
	k.CreatedAt = time.Unix(0, created).UTC()
	if revoked.Valid {
		t := time.Unix(0, revoked.Int64).UTC()
		k.RevokedAt = &t
	}
	return k, nil
}
