package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kinds of record in an ente's chain.
const (
	KindDecision       = "decision"        // an evaluation of POST /decide
	KindResolution     = "resolution"      // a reviewer's decision on a decision sent to review
	KindAppeal         = "appeal"          // a citizen's appeal (reclamo) of a decision
	KindAppealDecision = "appeal_decision" // a reviewer's decision on an appeal: upheld or overturned
	// KindAction is a connector carrying out a decision (or a person's
	// resolution of it) on the platform: the calls made and their answers.
	// Like a person's record, it settles a decision and is not one.
	KindAction = "action"
	// KindAny selects records of every kind in Filter.
	KindAny = "*"
)

// Kinds of review item.
const (
	ReviewOfDecision = "review" // a decision a person must look at
	ReviewOfAppeal   = "appeal" // an appeal a person must decide
)

// States of a review item, as they stand at a time.
const (
	StateOpen     = "open"     // nobody holds it
	StateClaimed  = "claimed"  // a reviewer holds it until ClaimUntil
	StateResolved = "resolved" // a person decided it (ResolutionID)
)

// Errors of the review queue.
var (
	ErrResolved    = errors.New("the item is already resolved")
	ErrClaimed     = errors.New("another reviewer holds the item")
	ErrNotHolder   = errors.New("the reviewer does not hold the item")
	ErrExcluded    = errors.New("the reviewer resolved the decision appealed and may not decide the appeal")
	ErrAppealed    = errors.New("the decision was already appealed")
	ErrNotDecision = errors.New("only a decision can be appealed, not a record a person added")
)

// Settling reports whether the record settles a decision (a person's
// resolution, an appeal or its outcome, a connector's action) rather than
// being one.
func (e *Entry) Settling() bool { return e.kind() != KindDecision }

func (e *Entry) kind() string {
	if e.Kind == "" {
		return KindDecision
	}
	return e.Kind
}

// Review is an item of the review queue.
type Review struct {
	ID           string
	Ente         string
	Kind         string // ReviewOfDecision or ReviewOfAppeal
	DecisionID   string // the decision looked at
	AppealID     string // the appeal's record, for ReviewOfAppeal
	CreatedAt    time.Time
	DueAt        time.Time
	Excluded     string // the reviewer who may not take it
	ClaimedBy    string
	ClaimUntil   *time.Time
	ResolvedAt   *time.Time
	ResolvedBy   string
	ResolutionID string
	State        string // at the time it was read (StateOpen, ...)
	// Proposed and Categories are the reviewed decision's, filled by
	// Reviews (a list shows what each item is about without a read each).
	Proposed   string
	Categories []string
}

// ReviewFilter selects review items. Zero fields do not filter.
type ReviewFilter struct {
	Ente   string
	Enti   []string // when not empty, only these enti (an API key's scope)
	State  string   // StateOpen, StateClaimed or StateResolved; a claim past its time is open
	Kind   string
	Now    time.Time // when claims are judged; zero is the store's clock
	Cursor string
	Limit  int // default 50, at most 500
}

// Effect is what a person's record adds to the author's history instead
// of what the decision it settles (and earlier records settling it) added.
type Effect struct {
	Counted      bool
	Warned       bool
	Blocked      bool
	BlockedUntil *time.Time // nil: for good, when Blocked
}

// Resolution is a person's decision on a review item.
type Resolution struct {
	ReviewID   string
	RecordID   string // the id of the record it adds to the chain
	Reviewer   string
	At         time.Time
	Outcome    string // the effective outcome from now on
	Categories []string
	Body       []byte // the record as JSON (the chain hashes it)
	// Effect, when not nil, replaces what the settled decision added to
	// the author's history; nil leaves the history as it is.
	Effect *Effect
}

// Appeal is a citizen's appeal of a decision, filed by them or for them.
type Appeal struct {
	RecordID   string // the id of the appeal's record, also its review item's
	DecisionID string
	At         time.Time
	DueAt      time.Time // when the appeal must be decided
	Body       []byte    // the record as JSON
}

const reviewColumns = `id, ente, kind, decision_id, appeal_id, created_at, due_at, excluded, claimed_by, claim_until, resolved_at, resolved_by, resolution_id`

// listColumns are reviewColumns of the queue (r) with the proposal of the
// decision reviewed (d).
var listColumns = "r." + strings.ReplaceAll(reviewColumns, ", ", ", r.") + ", d.outcome, d.categories"

func scanReview(row interface{ Scan(...any) error }, now time.Time) (*Review, error) {
	return scanReviewWith(row, now)
}

// scanReviewWith scans reviewColumns and then extra.
func scanReviewWith(row interface{ Scan(...any) error }, now time.Time, extra ...any) (*Review, error) {
	var (
		r                    Review
		created, due         int64
		claimUntil, resolved sql.NullInt64
	)
	dest := append([]any{&r.ID, &r.Ente, &r.Kind, &r.DecisionID, &r.AppealID, &created, &due, &r.Excluded,
		&r.ClaimedBy, &claimUntil, &resolved, &r.ResolvedBy, &r.ResolutionID}, extra...)
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	r.CreatedAt = time.Unix(0, created).UTC()
	r.DueAt = time.Unix(0, due).UTC()
	if claimUntil.Valid {
		t := time.Unix(0, claimUntil.Int64).UTC()
		r.ClaimUntil = &t
	}
	if resolved.Valid {
		t := time.Unix(0, resolved.Int64).UTC()
		r.ResolvedAt = &t
	}
	switch {
	case r.ResolvedAt != nil:
		r.State = StateResolved
	case r.ClaimedBy != "" && r.ClaimUntil != nil && r.ClaimUntil.After(now):
		r.State = StateClaimed
	default:
		r.State = StateOpen
		r.ClaimedBy, r.ClaimUntil = "", nil
	}
	return &r, nil
}

// enqueue puts a decision just recorded in the review queue.
func (s *SQL) enqueue(ctx context.Context, tx *sql.Tx, r *Record) error {
	due, err := nanos(*r.ReviewDue)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, tx, `INSERT INTO reviews (id, ente, kind, decision_id, created_at, due_at) VALUES (?, ?, ?, ?, ?, ?)`,
		r.DecisionID, r.Ente, ReviewOfDecision, r.DecisionID, r.RecordedAt.UnixNano(), due)
	return err
}

func (s *SQL) clock(now time.Time) time.Time {
	if now.IsZero() {
		return s.now()
	}
	return now
}

// Review returns a review item as it stands at now (zero: the store's clock).
func (s *SQL) Review(ctx context.Context, id string, now time.Time) (*Review, error) {
	return s.review(ctx, s.db, id, s.clock(now), "")
}

func (s *SQL) review(ctx context.Context, q querier, id string, now time.Time, lock string) (*Review, error) {
	return scanReview(q.QueryRowContext(ctx, s.d.rebind(`SELECT `+reviewColumns+` FROM reviews WHERE id = ?`+lock), id), now)
}

// Reviews lists review items by due time, the earliest first.
func (s *SQL) Reviews(ctx context.Context, f ReviewFilter) ([]Review, string, error) {
	now := s.clock(f.Now)
	limit := pageLimit(f.Limit)
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.Ente != "" {
		add("r.ente = ?", f.Ente)
	}
	if len(f.Enti) > 0 {
		add("r.ente IN (?"+strings.Repeat(", ?", len(f.Enti)-1)+")", anySlice(f.Enti)...)
	}
	if f.Kind != "" {
		add("r.kind = ?", f.Kind)
	}
	switch f.State {
	case "":
	case StateOpen:
		add("r.resolved_at IS NULL AND (r.claimed_by = '' OR r.claim_until <= ?)", now.UnixNano())
	case StateClaimed:
		add("r.resolved_at IS NULL AND r.claimed_by <> '' AND r.claim_until > ?", now.UnixNano())
	case StateResolved:
		add("r.resolved_at IS NOT NULL")
	default:
		return nil, "", fmt.Errorf("unknown review state %q", f.State)
	}
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		add("(r.due_at > ? OR (r.due_at = ? AND r.id > ?))", at, at, id)
	}
	return readPage(ctx, s, `SELECT `+listColumns+` FROM reviews r JOIN decisions d ON d.decision_id = r.decision_id`, where, args, "r.due_at, r.id", limit,
		func(row interface{ Scan(...any) error }) (*Review, error) {
			var cats string
			var proposed string
			r, err := scanReviewWith(row, now, &proposed, &cats)
			if err != nil {
				return nil, err
			}
			r.Proposed = proposed
			if cats != "" {
				r.Categories = strings.Split(cats, ",")
			}
			return r, nil
		},
		func(r *Review) (int64, string) { return r.DueAt.UnixNano(), r.ID })
}

// Claim lets reviewer hold an item until until, when nobody else holds it;
// claiming an item one holds extends the claim.
func (s *SQL) Claim(ctx context.Context, id, reviewer string, until, now time.Time) (Review, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Review{}, err
	}
	defer tx.Rollback()
	r, err := s.review(ctx, tx, id, now, s.d.forUpdate)
	if err != nil {
		return Review{}, err
	}
	if err := mayTake(r, reviewer); err != nil {
		return *r, err
	}
	u, err := nanos(until)
	if err != nil {
		return Review{}, err
	}
	if _, err := s.exec(ctx, tx, `UPDATE reviews SET claimed_by = ?, claim_until = ? WHERE id = ?`, reviewer, u, id); err != nil {
		return Review{}, err
	}
	if err := tx.Commit(); err != nil {
		return Review{}, err
	}
	r.ClaimedBy, r.ClaimUntil, r.State = reviewer, &until, StateClaimed
	return *r, nil
}

// mayTake says whether reviewer may claim or resolve r.
func mayTake(r *Review, reviewer string) error {
	switch {
	case r.State == StateResolved:
		return ErrResolved
	case r.Excluded != "" && r.Excluded == reviewer:
		return ErrExcluded
	case r.State == StateClaimed && r.ClaimedBy != reviewer:
		return ErrClaimed
	}
	return nil
}

// Release gives back an item reviewer holds.
func (s *SQL) Release(ctx context.Context, id, reviewer string, now time.Time) (Review, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Review{}, err
	}
	defer tx.Rollback()
	r, err := s.review(ctx, tx, id, now, s.d.forUpdate)
	if err != nil {
		return Review{}, err
	}
	switch {
	case r.State == StateResolved:
		return *r, ErrResolved
	case r.State != StateClaimed || r.ClaimedBy != reviewer:
		return *r, ErrNotHolder
	}
	if _, err := s.exec(ctx, tx, `UPDATE reviews SET claimed_by = '', claim_until = NULL WHERE id = ?`, id); err != nil {
		return Review{}, err
	}
	if err := tx.Commit(); err != nil {
		return Review{}, err
	}
	r.ClaimedBy, r.ClaimUntil, r.State = "", nil, StateOpen
	return *r, nil
}

// Resolve records a person's decision on an item: a record of its own in
// the ente's chain, settling the decision looked at, and, when res.Effect
// is set, the author's history it implies in place of the decision's. The
// reviewer must hold the item or find it open.
func (s *SQL) Resolve(ctx context.Context, res Resolution) (Record, Review, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Record{}, Review{}, err
	}
	defer tx.Rollback()
	rv, err := s.review(ctx, tx, res.ReviewID, res.At, s.d.forUpdate)
	if err != nil {
		return Record{}, Review{}, err
	}
	if err := mayTake(rv, res.Reviewer); err != nil {
		return Record{}, *rv, err
	}
	decided, err := s.get(ctx, tx, rv.DecisionID)
	if err != nil {
		return Record{}, Review{}, fmt.Errorf("the decision reviewed: %w", err)
	}
	kind := KindResolution
	if rv.Kind == ReviewOfAppeal {
		kind = KindAppealDecision
	}
	e := Entry{
		DecisionID: res.RecordID, Ente: rv.Ente, Revision: decided.Revision, Author: decided.Author,
		Outcome: res.Outcome, Categories: res.Categories, DecidedAt: res.At, Decision: res.Body,
		Platform: decided.Platform, Kind: kind, Settles: decided.DecisionID,
	}
	rec, err := s.appendOne(ctx, tx, e)
	if err != nil {
		return Record{}, Review{}, err
	}
	if res.Effect != nil && decided.Author != "" {
		if err := s.replaceEffect(ctx, tx, decided, rec, *res.Effect); err != nil {
			return Record{}, Review{}, fmt.Errorf("author history: %w", err)
		}
	}
	at, err := nanos(res.At)
	if err != nil {
		return Record{}, Review{}, err
	}
	if _, err := s.exec(ctx, tx, `UPDATE reviews SET resolved_at = ?, resolved_by = ?, resolution_id = ?, claimed_by = ?, claim_until = NULL WHERE id = ?`,
		at, res.Reviewer, rec.DecisionID, res.Reviewer, rv.ID); err != nil {
		return Record{}, Review{}, err
	}
	if err := tx.Commit(); err != nil {
		return Record{}, Review{}, fmt.Errorf("commit: %w", err)
	}
	t := res.At.UTC()
	rv.ResolvedAt, rv.ResolvedBy, rv.ResolutionID, rv.ClaimedBy, rv.ClaimUntil, rv.State = &t, res.Reviewer, rec.DecisionID, res.Reviewer, nil, StateResolved
	return rec, *rv, nil
}

// replaceEffect voids what decided and the records settling it added to
// its author's history, from rec's time on, and adds effect in their
// place: a violation or a warning when the content was decided, a block
// from rec's time.
func (s *SQL) replaceEffect(ctx context.Context, tx *sql.Tx, decided *Record, rec Record, effect Effect) error {
	at, err := nanos(rec.DecidedAt)
	if err != nil {
		return err
	}
	if _, err := s.exec(ctx, tx, `UPDATE author_events SET voided_at = ?
		WHERE ente = ? AND author = ? AND voided_at IS NULL AND decision_id <> ?
		AND decision_id IN (SELECT decision_id FROM decisions WHERE decision_id = ? OR settles = ?)`,
		at, decided.Ente, decided.Author, rec.DecisionID, decided.DecisionID, decided.DecisionID); err != nil {
		return err
	}
	cats := strings.Join(rec.Categories, ",")
	event := func(kind string, at int64, until any) error {
		_, err := s.exec(ctx, tx, `INSERT INTO author_events (ente, author, kind, at, until, categories, decision_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			decided.Ente, decided.Author, kind, at, until, cats, rec.DecisionID)
		return err
	}
	then := decided.DecidedAt.UnixNano()
	if effect.Counted {
		if err := event("violation", then, nil); err != nil {
			return err
		}
	}
	if effect.Warned {
		if err := event("warning", then, nil); err != nil {
			return err
		}
	}
	if effect.Blocked {
		var until any
		if effect.BlockedUntil != nil {
			if until, err = nanos(*effect.BlockedUntil); err != nil {
				return err
			}
		}
		if err := event("block", at, until); err != nil {
			return err
		}
	}
	return nil
}

// appendOne chains e to its ente's records inside tx.
func (s *SQL) appendOne(ctx context.Context, tx *sql.Tx, e Entry) (Record, error) {
	heads, err := s.lockHeads(ctx, tx, []string{e.Ente})
	if err != nil {
		return Record{}, fmt.Errorf("lock chain: %w", err)
	}
	r := Record{Entry: e, RecordedAt: s.now()}
	r.Categories = slices.Sorted(slices.Values(e.Categories))
	h := heads[e.Ente]
	seal(&r, h.seq, h.hash)
	if err := s.insert(ctx, tx, &r); err != nil {
		return Record{}, fmt.Errorf("record %s %s: %w", r.kind(), r.DecisionID, err)
	}
	if _, err := s.exec(ctx, tx, `UPDATE chain_heads SET seq = ?, hash = ? WHERE ente = ?`, r.Seq, r.Hash, r.Ente); err != nil {
		return Record{}, err
	}
	return r, nil
}

// FileAppeal records an appeal of a decision and queues it. A decision is
// appealed once; the appeal may not go to the reviewer who resolved the
// decision, when a reviewer did. Whether it is filed in time is the
// caller's to judge.
func (s *SQL) FileAppeal(ctx context.Context, a Appeal) (Record, Review, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Record{}, Review{}, err
	}
	defer tx.Rollback()
	decided, err := s.get(ctx, tx, a.DecisionID)
	if err != nil {
		return Record{}, Review{}, err
	}
	if decided.kind() != KindDecision {
		return Record{}, Review{}, ErrNotDecision
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT COUNT(*) FROM reviews WHERE decision_id = ? AND kind = ?`), a.DecisionID, ReviewOfAppeal).Scan(&n); err != nil {
		return Record{}, Review{}, err
	}
	if n > 0 {
		return Record{}, Review{}, ErrAppealed
	}
	var excluded string
	err = tx.QueryRowContext(ctx, s.d.rebind(`SELECT resolved_by FROM reviews WHERE decision_id = ? AND kind = ? AND resolved_at IS NOT NULL`), a.DecisionID, ReviewOfDecision).Scan(&excluded)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Record{}, Review{}, err
	}
	outcome, err := s.effectiveOutcome(ctx, tx, decided)
	if err != nil {
		return Record{}, Review{}, err
	}
	rec, err := s.appendOne(ctx, tx, Entry{
		DecisionID: a.RecordID, Ente: decided.Ente, Revision: decided.Revision, Author: decided.Author,
		Outcome: outcome, Categories: decided.Categories, DecidedAt: a.At, Decision: a.Body,
		Platform: decided.Platform, Kind: KindAppeal, Settles: decided.DecisionID,
	})
	if err != nil {
		return Record{}, Review{}, err
	}
	at, err := nanos(a.At)
	if err != nil {
		return Record{}, Review{}, err
	}
	due, err := nanos(a.DueAt)
	if err != nil {
		return Record{}, Review{}, err
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO reviews (id, ente, kind, decision_id, appeal_id, created_at, due_at, excluded) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.RecordID, decided.Ente, ReviewOfAppeal, decided.DecisionID, a.RecordID, at, due, excluded); err != nil {
		return Record{}, Review{}, err
	}
	if err := tx.Commit(); err != nil {
		return Record{}, Review{}, fmt.Errorf("commit: %w", err)
	}
	return rec, Review{ID: a.RecordID, Ente: decided.Ente, Kind: ReviewOfAppeal, DecisionID: decided.DecisionID,
		AppealID: a.RecordID, CreatedAt: a.At.UTC(), DueAt: a.DueAt.UTC(), Excluded: excluded, State: StateOpen}, nil
}

// effectiveOutcome is the outcome of decided as the latest person's
// record settling it left it (an appeal carries the outcome it contests).
func (s *SQL) effectiveOutcome(ctx context.Context, q querier, decided *Record) (string, error) {
	var outcome string
	err := q.QueryRowContext(ctx, s.d.rebind(`SELECT outcome FROM decisions WHERE ente = ? AND settles = ? AND kind IN (?, ?) ORDER BY seq DESC LIMIT 1`),
		decided.Ente, decided.DecisionID, KindResolution, KindAppealDecision).Scan(&outcome)
	if errors.Is(err, sql.ErrNoRows) {
		return decided.Outcome, nil
	}
	return outcome, err
}

// Settlements returns the records a person added about a decision
// (resolutions, an appeal and its outcome), in the order of the chain.
func (s *SQL) Settlements(ctx context.Context, decisionID string) ([]Record, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT `+recordColumns+` FROM decisions WHERE settles = ? ORDER BY seq`), decisionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

func (s *SQL) get(ctx context.Context, q querier, id string) (*Record, error) {
	return scanRecord(q.QueryRowContext(ctx, s.d.rebind(`SELECT `+recordColumns+` FROM decisions WHERE decision_id = ?`), id))
}
