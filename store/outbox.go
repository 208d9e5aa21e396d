package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// States of a delivery of the Meta connector's outbox.
const (
	DeliveryPending       = "pending"        // stored, not yet decided
	DeliveryDecided       = "decided"        // decided and recorded; its actions are planned
	DeliveryActing        = "acting"         // some actions are carried out, others are not yet
	DeliveryDone          = "done"           // everything to do was done (or nothing was to be done)
	DeliveryWaitingReview = "waiting_review" // a person's resolution is what gets carried out
	DeliveryDead          = "dead"           // given up: last_error says why
	DeliveryIgnored       = "ignored"        // nothing to decide: a page no ente has, a removal
)

// DeliveryStates are the states, in the order they are usually reached.
var DeliveryStates = []string{DeliveryPending, DeliveryDecided, DeliveryActing, DeliveryDone,
	DeliveryWaitingReview, DeliveryDead, DeliveryIgnored}

// Delivery is one change of a Meta webhook delivery in the outbox.
type Delivery struct {
	ID            string
	Ente          string // "" when no ente has the page
	Platform      string
	PageID        string
	ObjectID      string // the comment or post id
	Digest        string // of the change as decided: a redelivery has the same
	Request       []byte // the decision request, JSON
	State         string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	DecisionID    string
	Plan          []byte // the actions to carry out, JSON; nil before the decision
	Results       []byte // the Graph calls made and their answers, JSON
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// DeliveryFilter selects deliveries for Deliveries. Zero fields do not filter.
type DeliveryFilter struct {
	State string
	Enti  []string // when not empty, only these enti (an API key's scope)
	Limit int      // default 50, at most 500
}

const deliveryColumns = `id, ente, platform, page_id, object_id, digest, request, state, attempts, next_attempt_at, last_error, decision_id, plan, results, created_at, updated_at`

// Enqueue stores the deliveries in one transaction and returns how many
// were new: one with the object id and digest of a stored one is a
// redelivery and adds nothing. A zero ID is given one; zero times are now.
func (s *SQL) Enqueue(ctx context.Context, ds []Delivery) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	added := 0
	now := s.now()
	for _, d := range ds {
		if d.ID == "" {
			d.ID = newDeliveryID()
		}
		if d.CreatedAt.IsZero() {
			d.CreatedAt = now
		}
		if d.NextAttemptAt.IsZero() {
			d.NextAttemptAt = d.CreatedAt
		}
		res, err := s.exec(ctx, tx, `INSERT INTO meta_deliveries (id, ente, platform, page_id, object_id, digest, request, state, attempts,
			next_attempt_at, last_error, decision_id, plan, results, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (object_id, digest) DO NOTHING`,
			d.ID, d.Ente, d.Platform, d.PageID, d.ObjectID, d.Digest, d.Request, d.State, d.Attempts,
			clampedNanos(d.NextAttemptAt), d.LastError, d.DecisionID, d.Plan, d.Results,
			clampedNanos(d.CreatedAt), clampedNanos(d.CreatedAt))
		if err != nil {
			return 0, fmt.Errorf("enqueue %s %s: %w", d.Platform, d.ObjectID, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
		}
	}
	return added, tx.Commit()
}

// Due returns up to limit deliveries whose time has come (pending,
// decided, acting or waiting for a review), oldest due first, and leases
// each to the caller until now+lease: another worker, in this process or
// another, takes it only once the lease has run out without a Save.
func (s *SQL) Due(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT `+deliveryColumns+` FROM meta_deliveries
		WHERE state IN (?, ?, ?, ?) AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`),
		DeliveryPending, DeliveryDecided, DeliveryActing, DeliveryWaitingReview, clampedNanos(now), limit)
	if err != nil {
		return nil, err
	}
	found, err := scanDeliveries(rows)
	if err != nil {
		return nil, err
	}
	until := clampedNanos(now.Add(lease))
	var out []Delivery
	for _, d := range found {
		// Taken only if nobody took it since it was read.
		res, err := s.exec(ctx, s.db, `UPDATE meta_deliveries SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND state = ?`,
			until, d.ID, clampedNanos(d.NextAttemptAt), d.State)
		if err != nil {
			return out, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			d.NextAttemptAt = time.Unix(0, until).UTC()
			out = append(out, d)
		}
	}
	return out, nil
}

// SaveDelivery writes where a delivery stands: its state, attempts, next
// attempt, error, decision, plan and results.
func (s *SQL) SaveDelivery(ctx context.Context, d Delivery) error {
	res, err := s.exec(ctx, s.db, `UPDATE meta_deliveries SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
		decision_id = ?, plan = ?, results = ?, updated_at = ? WHERE id = ?`,
		d.State, d.Attempts, clampedNanos(d.NextAttemptAt), d.LastError, d.DecisionID, d.Plan, d.Results,
		clampedNanos(s.now()), d.ID)
	if err != nil {
		return fmt.Errorf("save delivery %s: %w", d.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Delivery returns one delivery, or ErrNotFound.
func (s *SQL) Delivery(ctx context.Context, id string) (*Delivery, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT `+deliveryColumns+` FROM meta_deliveries WHERE id = ?`), id)
	if err != nil {
		return nil, err
	}
	ds, err := scanDeliveries(rows)
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		return nil, ErrNotFound
	}
	return &ds[0], nil
}

// Deliveries lists deliveries matching f, the most recently changed first.
func (s *SQL) Deliveries(ctx context.Context, f DeliveryFilter) ([]Delivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	var (
		where []string
		args  []any
	)
	if f.State != "" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	if len(f.Enti) > 0 {
		where = append(where, "ente IN (?"+strings.Repeat(", ?", len(f.Enti)-1)+")")
		args = append(args, anySlice(f.Enti)...)
	}
	q := `SELECT ` + deliveryColumns + ` FROM meta_deliveries`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY updated_at DESC, id LIMIT ?"
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	return scanDeliveries(rows)
}

func scanDeliveries(rows *sql.Rows) ([]Delivery, error) {
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var (
			d                      Delivery
			next, created, updated int64
		)
		if err := rows.Scan(&d.ID, &d.Ente, &d.Platform, &d.PageID, &d.ObjectID, &d.Digest, &d.Request, &d.State, &d.Attempts,
			&next, &d.LastError, &d.DecisionID, &d.Plan, &d.Results, &created, &updated); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return nil, ErrNotFound
			}
			return nil, err
		}
		d.NextAttemptAt = time.Unix(0, next).UTC()
		d.CreatedAt = time.Unix(0, created).UTC()
		d.UpdatedAt = time.Unix(0, updated).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

func newDeliveryID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// ErrNotDead is Requeue of a delivery that is not dead.
var ErrNotDead = errors.New("the delivery is not dead")

// Requeue gives a dead delivery to the worker again, due at now with its
// attempts reset: back to deciding when it was never decided, to acting on
// its plan (the calls already answered are not made again) when it has
// one, else to waiting for a person. It returns the delivery requeued.
func (s *SQL) Requeue(ctx context.Context, id string, now time.Time) (Delivery, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Delivery{}, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.d.rebind(`SELECT `+deliveryColumns+` FROM meta_deliveries WHERE id = ?`+s.d.forUpdate), id)
	if err != nil {
		return Delivery{}, err
	}
	ds, err := scanDeliveries(rows)
	if err != nil {
		return Delivery{}, err
	}
	if len(ds) == 0 {
		return Delivery{}, ErrNotFound
	}
	d := ds[0]
	if d.State != DeliveryDead {
		return d, ErrNotDead
	}
	switch {
	case d.DecisionID == "":
		d.State = DeliveryPending
	case len(d.Plan) > 0 && string(d.Plan) != "null":
		d.State = DeliveryDecided
	default:
		d.State = DeliveryWaitingReview
	}
	d.Attempts, d.NextAttemptAt, d.UpdatedAt = 0, now, now
	if _, err := s.exec(ctx, tx, `UPDATE meta_deliveries SET state = ?, attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
		d.State, clampedNanos(now), clampedNanos(now), d.ID); err != nil {
		return Delivery{}, err
	}
	return d, tx.Commit()
}
