package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Subscription is an outbound webhook: records of some enti's chains sent,
// in order, to a URL, signed with its secret.
type Subscription struct {
	ID        string
	KeyID     string // the API key that owns it
	URL       string
	Secret    string   // signs the deliveries; kept as it is
	Enti      []string // ente ids, or ["*"] for every ente, present and future
	CreatedAt time.Time
	// Where delivery stands.
	Cursors       []Cursor   // per ente, by ente
	Attempts      int        // failures in a row
	FailingSince  *time.Time // nil while the receiver answers
	LastError     string
	NextAttemptAt *time.Time // nil when nothing is waiting for a retry
	LeasedUntil   time.Time  // the lease of the worker delivering it (zero: none)
}

// Cursor is the last record of an ente's chain a subscription delivered.
type Cursor struct {
	Ente        string
	Seq         int64
	DeliveredAt *time.Time // nil before the first delivery
}

// All reports whether the subscription follows every ente.
func (s *Subscription) All() bool { return len(s.Enti) == 1 && s.Enti[0] == "*" }

// Cursor is the seq after which the subscription delivers ente's records:
// 0 for an ente of a "*" subscription that had no record when it was made.
func (s *Subscription) Cursor(ente string) int64 {
	for _, c := range s.Cursors {
		if c.Ente == ente {
			return c.Seq
		}
	}
	return 0
}

// ErrLeaseLost is an advance or a release by a worker whose lease on the
// subscription ran out (another may be delivering it) or which was deleted.
var ErrLeaseLost = errors.New("the subscription's lease is lost")

// CreateSubscription keeps a subscription with its cursors: at the head of
// each ente's chain, or at its start when fromStart is set. A zero
// CreatedAt is now.
func (s *SQL) CreateSubscription(ctx context.Context, sub Subscription, fromStart bool) (Subscription, error) {
	if sub.ID == "" || sub.URL == "" || sub.Secret == "" || len(sub.Enti) == 0 {
		return Subscription{}, errors.New("create subscription: no id, url, secret or enti")
	}
	if sub.CreatedAt.IsZero() {
		sub.CreatedAt = s.now()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Subscription{}, err
	}
	defer tx.Rollback()
	if _, err := s.exec(ctx, tx, `INSERT INTO webhook_subscriptions (id, key_id, url, secret, enti, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		sub.ID, sub.KeyID, sub.URL, sub.Secret, strings.Join(sub.Enti, ","), sub.CreatedAt.UnixNano()); err != nil {
		return Subscription{}, fmt.Errorf("create subscription: %w", err)
	}
	heads := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT ente, seq FROM chain_heads WHERE seq > 0`)
	if err != nil {
		return Subscription{}, err
	}
	for rows.Next() {
		var (
			e string
			n int64
		)
		if err := rows.Scan(&e, &n); err != nil {
			rows.Close()
			return Subscription{}, err
		}
		heads[e] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Subscription{}, err
	}
	enti := sub.Enti
	if sub.All() {
		enti = nil
		for e := range heads {
			enti = append(enti, e)
		}
	}
	for _, e := range enti {
		seq := heads[e]
		if fromStart {
			seq = 0
		}
		if _, err := s.exec(ctx, tx, `INSERT INTO webhook_cursors (subscription_id, ente, seq) VALUES (?, ?, ?)`, sub.ID, e, seq); err != nil {
			return Subscription{}, fmt.Errorf("create subscription cursor %s: %w", e, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Subscription{}, err
	}
	got, err := s.Subscription(ctx, sub.ID)
	if err != nil {
		return Subscription{}, err
	}
	return *got, nil
}

const subscriptionColumns = `id, key_id, url, secret, enti, created_at, leased_until, next_attempt_at, attempts, failing_since, last_error`

// Subscriptions lists the subscriptions of an API key ("" for all), oldest
// first, with their cursors.
func (s *SQL) Subscriptions(ctx context.Context, keyID string) ([]Subscription, error) {
	q, args := `SELECT `+subscriptionColumns+` FROM webhook_subscriptions`, []any{}
	if keyID != "" {
		q, args = q+` WHERE key_id = ?`, append(args, keyID)
	}
	return s.subscriptions(ctx, q+` ORDER BY created_at, id`, args...)
}

// Subscription returns one subscription, or ErrNotFound.
func (s *SQL) Subscription(ctx context.Context, id string) (*Subscription, error) {
	subs, err := s.subscriptions(ctx, `SELECT `+subscriptionColumns+` FROM webhook_subscriptions WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, ErrNotFound
	}
	return &subs[0], nil
}

// DeleteSubscription removes a subscription and its cursors, or ErrNotFound.
func (s *SQL) DeleteSubscription(ctx context.Context, id string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := s.exec(ctx, tx, `DELETE FROM webhook_cursors WHERE subscription_id = ?`, id); err != nil {
		return err
	}
	res, err := s.exec(ctx, tx, `DELETE FROM webhook_subscriptions WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return tx.Commit()
}

// LeaseSubscriptions returns up to limit subscriptions to deliver at now
// (not leased, not waiting for a retry, their key not revoked) and leases
// each to the caller until now+lease: another worker, in this process or
// another, takes it only once the lease is released or has run out.
func (s *SQL) LeaseSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Subscription, error) {
	if limit <= 0 {
		limit = 50
	}
	at := clampedNanos(now)
	// A subscription of a revoked key delivers nothing more; one made
	// without keys (key_id '') has no key to revoke.
	found, err := s.subscriptions(ctx, `SELECT `+prefixed("w.", subscriptionColumns)+` FROM webhook_subscriptions w
		LEFT JOIN api_keys k ON k.id = w.key_id
		WHERE w.leased_until <= ? AND w.next_attempt_at <= ? AND k.revoked_at IS NULL
		ORDER BY w.next_attempt_at, w.id LIMIT ?`, at, at, limit)
	if err != nil {
		return nil, err
	}
	until := clampedNanos(now.Add(lease))
	var out []Subscription
	for _, sub := range found {
		// Taken only if nobody took it since it was read.
		res, err := s.exec(ctx, s.db, `UPDATE webhook_subscriptions SET leased_until = ? WHERE id = ? AND leased_until = ?`,
			until, sub.ID, leaseNanos(sub.LeasedUntil))
		if err != nil {
			return out, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			sub.LeasedUntil = time.Unix(0, until).UTC()
			out = append(out, sub)
		}
	}
	return out, nil
}

// AdvanceSubscription moves a leased subscription's cursor of ente to seq,
// delivered at at, and extends the lease to until: ErrLeaseLost unless
// the caller still holds the lease it was given (held).
func (s *SQL) AdvanceSubscription(ctx context.Context, id string, held time.Time, ente string, seq int64, at, until time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := s.exec(ctx, tx, `UPDATE webhook_subscriptions SET leased_until = ?, attempts = 0, failing_since = NULL, last_error = '', next_attempt_at = 0
		WHERE id = ? AND leased_until = ?`, clampedNanos(until), id, leaseNanos(held))
	if err != nil {
		return fmt.Errorf("advance subscription %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrLeaseLost
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO webhook_cursors (subscription_id, ente, seq, delivered_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (subscription_id, ente) DO UPDATE SET seq = excluded.seq, delivered_at = excluded.delivered_at`,
		id, ente, seq, clampedNanos(at)); err != nil {
		return fmt.Errorf("advance subscription %s: %w", id, err)
	}
	return tx.Commit()
}

// ReleaseSubscription ends the lease held on a subscription, at at. With
// a failure (lastError not "") the receiver is failing since at (or
// earlier), the attempts grow by one, and the next attempt waits until
// next; without, next is unused.
func (s *SQL) ReleaseSubscription(ctx context.Context, id string, held time.Time, lastError string, at, next time.Time) error {
	var (
		res sql.Result
		err error
	)
	if lastError == "" {
		// Due again from at: subscriptions are leased in the order of
		// next_attempt_at, so each gets its turn however many there are.
		res, err = s.exec(ctx, s.db, `UPDATE webhook_subscriptions SET leased_until = 0, next_attempt_at = ? WHERE id = ? AND leased_until = ?`,
			clampedNanos(at), id, leaseNanos(held))
	} else {
		res, err = s.exec(ctx, s.db, `UPDATE webhook_subscriptions SET leased_until = 0, attempts = attempts + 1,
			failing_since = COALESCE(failing_since, ?), last_error = ?, next_attempt_at = ? WHERE id = ? AND leased_until = ?`,
			clampedNanos(at), lastError, clampedNanos(next), id, leaseNanos(held))
	}
	if err != nil {
		return fmt.Errorf("release subscription %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrLeaseLost
	}
	return nil
}

// Chain returns the records of an ente's chain after seq afterSeq, in
// chain order, at most limit (default 100, at most 1000): records of every
// kind, decisions and those that settle them.
func (s *SQL) Chain(ctx context.Context, ente string, afterSeq int64, limit int) ([]Record, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT `+recordColumns+` FROM decisions WHERE ente = ? AND seq > ? ORDER BY seq LIMIT ?`), ente, afterSeq, limit)
	if err != nil {
		return nil, fmt.Errorf("read chain of %s: %w", ente, err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fmt.Errorf("read chain of %s: %w", ente, err)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

func (s *SQL) subscriptions(ctx context.Context, query string, args ...any) ([]Subscription, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(query), args...)
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	var out []Subscription
	for rows.Next() {
		var (
			sub                   Subscription
			enti                  string
			created, leased, next int64
			failing               sql.NullInt64
		)
		if err := rows.Scan(&sub.ID, &sub.KeyID, &sub.URL, &sub.Secret, &enti, &created, &leased, &next, &sub.Attempts, &failing, &sub.LastError); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read subscriptions: %w", err)
		}
		sub.Enti = strings.Split(enti, ",")
		sub.CreatedAt = time.Unix(0, created).UTC()
		sub.LeasedUntil = time.Unix(0, leased).UTC()
		if leased == 0 {
			sub.LeasedUntil = time.Time{}
		}
		if next > 0 && failing.Valid {
			t := time.Unix(0, next).UTC()
			sub.NextAttemptAt = &t
		}
		if failing.Valid {
			t := time.Unix(0, failing.Int64).UTC()
			sub.FailingSince = &t
		}
		out = append(out, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	for i := range out {
		if out[i].Cursors, err = s.cursors(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *SQL) cursors(ctx context.Context, id string) ([]Cursor, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT ente, seq, delivered_at FROM webhook_cursors WHERE subscription_id = ? ORDER BY ente`), id)
	if err != nil {
		return nil, fmt.Errorf("read cursors of %s: %w", id, err)
	}
	defer rows.Close()
	var out []Cursor
	for rows.Next() {
		var (
			c  Cursor
			at sql.NullInt64
		)
		if err := rows.Scan(&c.Ente, &c.Seq, &at); err != nil {
			return nil, err
		}
		if at.Valid {
			t := time.Unix(0, at.Int64).UTC()
			c.DeliveredAt = &t
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// prefixed writes each of a list of columns with a table's prefix.
func prefixed(p, columns string) string {
	cs := strings.Split(columns, ", ")
	for i, c := range cs {
		cs[i] = p + c
	}
	return strings.Join(cs, ", ")
}

// leaseNanos is a lease as stored: 0 for none.
func leaseNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return clampedNanos(t)
}
