package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Head is the last record of an ente's chain: what a signed checkpoint
// vouches for.
type Head struct {
	Ente string
	Seq  int64
	Hash string
}

// Heads returns the head of every ente's chain that has a record, by ente.
func (s *SQL) Heads(ctx context.Context) ([]Head, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ente, seq, hash FROM chain_heads WHERE seq > 0 ORDER BY ente`)
	if err != nil {
		return nil, fmt.Errorf("read chain heads: %w", err)
	}
	defer rows.Close()
	var out []Head
	for rows.Next() {
		var h Head
		if err := rows.Scan(&h.Ente, &h.Seq, &h.Hash); err != nil {
			return nil, fmt.Errorf("read chain heads: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read chain heads: %w", err)
	}
	return out, nil
}

// ChainHash returns the hash of record seq of ente's chain as the log
// holds it now, or ErrNotFound.
func (s *SQL) ChainHash(ctx context.Context, ente string, seq int64) (string, error) {
	var h string
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT hash FROM decisions WHERE ente = ? AND seq = ?`), ente, seq).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("read record %d of %s: %w", seq, ente, err)
	}
	return h, nil
}
