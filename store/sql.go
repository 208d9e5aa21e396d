package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// dialect is what differs between SQLite and PostgreSQL; the SQL is
// written once, with ? placeholders.
type dialect struct {
	name      string // also the migrations folder
	driver    string
	forUpdate string // row lock on a chain head
	// lockActivations makes activations commit in id order (see Activate);
	// SQLite writes one transaction at a time and needs none.
	lockActivations string
}

var (
	sqliteDialect   = dialect{name: "sqlite", driver: "sqlite"}
	postgresDialect = dialect{name: "postgres", driver: "pgx", forUpdate: " FOR UPDATE",
		lockActivations: "LOCK TABLE policy_activations IN SHARE ROW EXCLUSIVE MODE"}
)

// rebind turns ? placeholders into $1, $2, ... for PostgreSQL.
func (d dialect) rebind(q string) string {
	if d.name != "postgres" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, c := range q {
		if c == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Rebind writes a query with ? placeholders for a database/sql driver
// ("pgx" or "sqlite"), as the store does; tests that reach the database
// behind the store's back use it.
func Rebind(driver, query string) string {
	if driver == postgresDialect.driver {
		return postgresDialect.rebind(query)
	}
	return query
}

// SQL is the Store over database/sql, for both dialects.
type SQL struct {
	db      *sql.DB
	d       dialect
	pseudo  *Pseudonymizer
	now     func() time.Time
	migrate *Migrator
}

// Options configure Open.
type Options struct {
	// Key keys author pseudonyms. When empty, the store uses the key it
	// generated and kept the first time it was opened.
	Key []byte
	// NoMigrate opens without migrating (galateo migrate does it itself).
	NoMigrate bool
}

// Open opens a store: "postgres://..." or "postgresql://..." for
// PostgreSQL, anything else ("sqlite:galateo.db", "galateo.db") for an
// embedded SQLite file. It migrates the schema up unless told not to.
func Open(ctx context.Context, url string, o Options) (*SQL, error) {
	d, dsn := sqliteDialect, sqliteDSN(url)
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		d, dsn = postgresDialect, url
	}
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return nil, err
	}
	if d.name == "sqlite" {
		// One writer at a time is SQLite's rule; a single connection keeps
		// the transactions of group commit from waiting on each other.
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(16)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s store: %w", d.name, err)
	}
	s := &SQL{db: db, d: d, now: time.Now}
	if s.migrate, err = newMigrator(db, d); err != nil {
		db.Close()
		return nil, err
	}
	if !o.NoMigrate {
		if err := s.migrate.Up(); err != nil {
			s.Close()
			return nil, fmt.Errorf("migrate %s store: %w", d.name, err)
		}
	}
	key := o.Key
	if len(key) == 0 && o.NoMigrate {
		// Without migrating, use the key the store already keeps, so that
		// pseudonyms match those of the server; a database never migrated
		// keeps none, and holds no pseudonyms to match either.
		if key, err = s.readKey(ctx, "pseudonym"); err != nil {
			key = nil
		}
	} else if len(key) == 0 {
		if key, err = s.keptKey(ctx, "pseudonym"); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.pseudo = NewPseudonymizer(key)
	return s, nil
}

func sqliteDSN(url string) string {
	path := strings.TrimPrefix(strings.TrimPrefix(url, "sqlite://"), "sqlite:")
	if path == "" {
		path = "galateo.db"
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	// WAL with synchronous=FULL: a committed decision survives a crash.
	return "file:" + path + sep + "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_txlock=immediate"
}

// Migrator is the store's schema migrator.
func (s *SQL) Migrator() *Migrator { return s.migrate }

// Dialect is "sqlite" or "postgres".
func (s *SQL) Dialect() string { return s.d.name }

// Pseudonymizer turns author ids into pseudonyms with the store's key.
func (s *SQL) Pseudonymizer() *Pseudonymizer { return s.pseudo }

// Close closes the database, with the connection the migrator holds.
func (s *SQL) Close() error {
	return errors.Join(s.migrate.close(), s.db.Close())
}

func (s *SQL) exec(ctx context.Context, q querier, query string, args ...any) (sql.Result, error) {
	return q.ExecContext(ctx, s.d.rebind(query), args...)
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readKey returns the secret named name if the store keeps it.
func (s *SQL) readKey(ctx context.Context, name string) ([]byte, error) {
	var v string
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT value FROM keys WHERE name = ?`), name).Scan(&v); err != nil {
		return nil, err
	}
	return hex.DecodeString(v)
}

// keptKey returns the secret named name, generating it the first time.
func (s *SQL) keptKey(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := s.exec(ctx, s.db, `INSERT INTO keys (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("keep key %s: %w", name, err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT value FROM keys WHERE name = ?`), name).Scan(&v); err != nil {
		return nil, fmt.Errorf("read key %s: %w", name, err)
	}
	return hex.DecodeString(v)
}

type head struct {
	seq  int64
	hash string
}

// lockHeads takes the chain head of each ente, in id order so that two
// writers never wait on each other in a circle.
func (s *SQL) lockHeads(ctx context.Context, tx *sql.Tx, enti []string) (map[string]head, error) {
	slices.Sort(enti)
	enti = slices.Compact(enti)
	heads := make(map[string]head, len(enti))
	for _, ente := range enti {
		if _, err := s.exec(ctx, tx, `INSERT INTO chain_heads (ente, seq, hash) VALUES (?, 0, '') ON CONFLICT (ente) DO NOTHING`, ente); err != nil {
			return nil, err
		}
		var h head
		if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT seq, hash FROM chain_heads WHERE ente = ?`+s.d.forUpdate), ente).Scan(&h.seq, &h.hash); err != nil {
			return nil, err
		}
		heads[ente] = h
	}
	return heads, nil
}

// Append records entries in one transaction; see Store.
func (s *SQL) Append(ctx context.Context, entries []Entry) ([]Record, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	enti := make([]string, len(entries))
	for i, e := range entries {
		enti[i] = e.Ente
	}
	heads, err := s.lockHeads(ctx, tx, enti)
	if err != nil {
		return nil, fmt.Errorf("lock chains: %w", err)
	}
	now := s.now()
	out := make([]Record, len(entries))
	type contentKey struct{ ente, content, revision string }
	seen := map[contentKey]int{}
	for i, e := range entries {
		if e.ContentID != "" {
			k := contentKey{e.Ente, e.ContentID, e.Revision}
			if j, ok := seen[k]; ok {
				out[i] = out[j]
				out[i].Duplicate = true
				continue
			}
			seen[k] = i
			old, err := s.find(ctx, tx, e.Ente, e.ContentID, e.Revision)
			if err == nil {
				old.Duplicate = true
				out[i] = *old
				continue
			}
			if !errors.Is(err, ErrNotFound) {
				return nil, err
			}
		}
		r := Record{Entry: e, RecordedAt: now}
		r.Categories = slices.Sorted(slices.Values(e.Categories))
		h := heads[e.Ente]
		seal(&r, h.seq, h.hash)
		if err := s.insert(ctx, tx, &r); err != nil {
			return nil, fmt.Errorf("record decision %s: %w", r.DecisionID, err)
		}
		heads[e.Ente] = head{r.Seq, r.Hash}
		out[i] = r
	}
	for ente, h := range heads {
		if _, err := s.exec(ctx, tx, `UPDATE chain_heads SET seq = ?, hash = ? WHERE ente = ?`, h.seq, h.hash, ente); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	return out, nil
}

func (s *SQL) insert(ctx context.Context, tx *sql.Tx, r *Record) error {
	cats := strings.Join(r.Categories, ",")
	at, err := nanos(r.DecidedAt)
	if err != nil {
		return err
	}
	var until any
	if r.BlockedUntil != nil {
		if until, err = nanos(*r.BlockedUntil); err != nil {
			return fmt.Errorf("block until: %w", err)
		}
	}
	if _, err := s.exec(ctx, tx, `INSERT INTO decisions
		(ente, seq, decision_id, revision, content_id, author, outcome, categories, decided_at, recorded_at, decision, input, input_digest, prev_hash, hash, kind, settles, platform)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Ente, r.Seq, r.DecisionID, r.Revision, r.ContentID, r.Author, r.Outcome, cats,
		at, r.RecordedAt.UnixNano(), string(r.Decision), string(r.Input), r.InputDigest, r.PrevHash, r.Hash,
		r.kind(), r.Settles, r.Platform,
	); err != nil {
		return err
	}
	if r.ReviewDue != nil && r.kind() == KindDecision {
		if err := s.enqueue(ctx, tx, r); err != nil {
			return fmt.Errorf("queue for review: %w", err)
		}
	}
	if r.Author == "" {
		return nil
	}
	event := func(kind string, until any) error {
		_, err := s.exec(ctx, tx, `INSERT INTO author_events (ente, author, kind, at, until, categories, decision_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.Ente, r.Author, kind, at, until, cats, r.DecisionID)
		return err
	}
	if r.Counted {
		if err := event("violation", nil); err != nil {
			return err
		}
	}
	if r.Warned {
		if err := event("warning", nil); err != nil {
			return err
		}
	}
	if r.Blocked {
		if err := event("block", until); err != nil {
			return err
		}
	}
	if r.Fingerprint != "" {
		if _, err := s.exec(ctx, tx, `INSERT INTO fingerprints (ente, author, fingerprint, at, decision_id) VALUES (?, ?, ?, ?, ?)`,
			r.Ente, r.Author, r.Fingerprint, at, r.DecisionID); err != nil {
			return err
		}
	}
	return nil
}

const recordColumns = `ente, seq, decision_id, revision, content_id, author, outcome, categories, decided_at, recorded_at, decision, input, input_digest, prev_hash, hash, kind, settles, platform`

func scanRecord(row interface{ Scan(...any) error }) (*Record, error) {
	var (
		r                 Record
		cats              string
		decided, recorded int64
		decision          string
		input             sql.NullString
	)
	if err := row.Scan(&r.Ente, &r.Seq, &r.DecisionID, &r.Revision, &r.ContentID, &r.Author, &r.Outcome, &cats,
		&decided, &recorded, &decision, &input, &r.InputDigest, &r.PrevHash, &r.Hash, &r.Kind, &r.Settles, &r.Platform); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	if cats != "" {
		r.Categories = strings.Split(cats, ",")
	}
	r.DecidedAt = time.Unix(0, decided).UTC()
	r.RecordedAt = time.Unix(0, recorded).UTC()
	r.Decision = []byte(decision)
	if input.Valid {
		r.Input = []byte(input.String)
	} else {
		r.Purged = true
	}
	return &r, nil
}

func (s *SQL) find(ctx context.Context, q querier, ente, contentID, revision string) (*Record, error) {
	// content_id <> '' lets both planners use the partial unique index
	// decisions_content; without it they scan the ente's records.
	return scanRecord(q.QueryRowContext(ctx, s.d.rebind(`SELECT `+recordColumns+` FROM decisions WHERE ente = ? AND content_id = ? AND revision = ? AND content_id <> ''`), ente, contentID, revision))
}

// Find returns the record of a content under a revision.
func (s *SQL) Find(ctx context.Context, ente, contentID, revision string) (*Record, error) {
	if contentID == "" {
		return nil, ErrNotFound
	}
	return s.find(ctx, s.db, ente, contentID, revision)
}

// Get returns the record of a decision.
func (s *SQL) Get(ctx context.Context, decisionID string) (*Record, error) {
	return s.get(ctx, s.db, decisionID)
}

// List returns records matching f, newest first.
func (s *SQL) List(ctx context.Context, f Filter) ([]Record, string, error) {
	limit := pageLimit(f.Limit)
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.Ente != "" {
		add("ente = ?", f.Ente)
	}
	if len(f.Enti) > 0 {
		add("ente IN (?"+strings.Repeat(", ?", len(f.Enti)-1)+")", anySlice(f.Enti)...)
	}
	switch f.Kind {
	case "":
		add("kind = ?", KindDecision)
	case KindAny:
	default:
		add("kind = ?", f.Kind)
	}
	if f.Outcome != "" {
		add("outcome = ?", f.Outcome)
	}
	if f.Category != "" {
		// Categories hold '_': escaped, it matches itself and not any character.
		add(`(',' || categories || ',') LIKE ? ESCAPE '\'`, "%,"+likeEscaper.Replace(f.Category)+",%")
	}
	if f.Author != "" {
		add("author = ?", f.Author)
	}
	if !f.From.IsZero() {
		add("decided_at >= ?", clampedNanos(f.From))
	}
	if !f.To.IsZero() {
		add("decided_at < ?", clampedNanos(f.To))
	}
	if f.Cursor != "" {
		at, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		add("(decided_at < ? OR (decided_at = ? AND decision_id < ?))", at, at, id)
	}
	return readPage(ctx, s, `SELECT `+recordColumns+` FROM decisions`, where, args, "decided_at DESC, decision_id DESC", limit,
		func(row interface{ Scan(...any) error }) (*Record, error) { return scanRecord(row) },
		func(r *Record) (int64, string) { return r.DecidedAt.UnixNano(), r.DecisionID })
}

// pageLimit is the size of a page asked for: 50 when not said, at most 500.
func pageLimit(asked int) int {
	if asked <= 0 {
		return 50
	}
	return min(asked, 500)
}

// readPage runs a list's query (a SELECT with the conditions where and
// their args, in order) for limit rows, and returns them with the cursor
// of the next page: the key of the last row, "" when no row is left.
func readPage[T any](ctx context.Context, s *SQL, query string, where []string, args []any, order string, limit int,
	scan func(interface{ Scan(...any) error }) (*T, error), key func(*T) (int64, string)) ([]T, string, error) {
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY " + order + " LIMIT ?"
	args = append(args, limit+1)
	rows, err := s.db.QueryContext(ctx, s.d.rebind(query), args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		r, err := scan(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = encodeCursor(key(&out[limit-1]))
	}
	return out, next, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ErrBadCursor is returned for a cursor this store did not write.
var ErrBadCursor = errors.New("bad cursor")

func encodeCursor(at int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(at, 10) + ":" + id))
}

func decodeCursor(c string) (int64, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", ErrBadCursor
	}
	a, id, ok := strings.Cut(string(raw), ":")
	at, err := strconv.ParseInt(a, 10, 64)
	if !ok || err != nil || id == "" {
		return 0, "", ErrBadCursor
	}
	return at, id, nil
}

// forGood stands for a block without an end in History.
var forGood = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// History is the author's history at q.Now: only what was decided at or
// before then counts, so a replay sees the history the decision saw.
func (s *SQL) History(ctx context.Context, q HistoryQuery) (History, error) {
	var h History
	author := s.pseudo.Of(q.Ente, q.AuthorID)
	if author == "" {
		return h, nil
	}
	now := q.Now.UnixNano()
	since := q.Now.Add(-time.Duration(q.WindowDays) * 24 * time.Hour).UnixNano()
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT COUNT(*) FROM author_events
		WHERE ente = ? AND author = ? AND kind = 'violation' AND at > ? AND at <= ?
		AND (voided_at IS NULL OR voided_at > ?)`),
		q.Ente, author, since, now, now).Scan(&h.Violations); err != nil {
		return h, err
	}
	var warned sql.NullInt64
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT MAX(at) FROM author_events
		WHERE ente = ? AND author = ? AND kind = 'warning' AND at <= ?
		AND (voided_at IS NULL OR voided_at > ?)`),
		q.Ente, author, now, now).Scan(&warned); err != nil {
		return h, err
	}
	if warned.Valid {
		t := time.Unix(0, warned.Int64).In(q.Now.Location())
		h.LastWarning = &t
	}
	var forever, until sql.NullInt64
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT
		MAX(CASE WHEN until IS NULL THEN 1 ELSE 0 END), MAX(until) FROM author_events
		WHERE ente = ? AND author = ? AND kind = 'block' AND at <= ?
		AND (lifted_at IS NULL OR lifted_at > ?) AND (voided_at IS NULL OR voided_at > ?) AND (until IS NULL OR until > ?)`),
		q.Ente, author, now, now, now, now).Scan(&forever, &until); err != nil {
		return h, err
	}
	switch {
	case forever.Valid && forever.Int64 == 1:
		t := forGood
		h.BlockedUntil = &t
	case until.Valid:
		t := time.Unix(0, until.Int64).In(q.Now.Location())
		h.BlockedUntil = &t
	}
	if q.Fingerprints {
		// The author's latest fingerprints in the window, compared by the
		// engine: near-duplicates are a Hamming distance, which SQL cannot
		// index.
		rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT fingerprint FROM fingerprints
			WHERE ente = ? AND author = ? AND at > ? AND at <= ? ORDER BY at DESC LIMIT ?`),
			q.Ente, author, since, now, RecentFingerprints)
		if err != nil {
			return h, err
		}
		defer rows.Close()
		for rows.Next() {
			var fp string
			if err := rows.Scan(&fp); err != nil {
				return h, err
			}
			h.Fingerprints = append(h.Fingerprints, fp)
		}
		if err := rows.Err(); err != nil {
			return h, err
		}
	}
	return h, nil
}

// LiftBlock ends the author's blocks in force in an ente.
func (s *SQL) LiftBlock(ctx context.Context, ente, author string, now time.Time) (bool, error) {
	res, err := s.exec(ctx, s.db, `UPDATE author_events SET lifted_at = ?
		WHERE ente = ? AND author = ? AND kind = 'block' AND lifted_at IS NULL AND (until IS NULL OR until > ?)`,
		now.UnixNano(), ente, author, now.UnixNano())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Purge removes the kept input of an ente's records decided before a time;
// the digest stays, so the chain still verifies.
func (s *SQL) Purge(ctx context.Context, ente string, before time.Time) (int64, error) {
	res, err := s.exec(ctx, s.db, `UPDATE decisions SET input = NULL WHERE ente = ? AND decided_at < ? AND input IS NOT NULL`,
		ente, before.UnixNano())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Verify walks chains record by record; see Store.
func (s *SQL) Verify(ctx context.Context, ente string) (Report, error) {
	var rep Report
	rep.Problems, rep.Chains = []Problem{}, []Chain{}
	var enti []string
	q := `SELECT ente FROM chain_heads ORDER BY ente`
	var args []any
	if ente != "" {
		q = `SELECT ente FROM chain_heads WHERE ente = ?`
		args = append(args, ente)
	}
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return rep, err
	}
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return rep, err
		}
		enti = append(enti, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rep, err
	}
	for _, e := range enti {
		n, p, err := s.verifyChain(ctx, e)
		if err != nil {
			return rep, err
		}
		rep.Enti++
		rep.Records += n
		rep.Chains = append(rep.Chains, Chain{Ente: e, Records: n, Problem: p})
		if p != nil {
			rep.Problems = append(rep.Problems, *p)
		}
	}
	return rep, nil
}

func (s *SQL) verifyChain(ctx context.Context, ente string) (int64, *Problem, error) {
	var h head
	readHead := func() error {
		return s.db.QueryRowContext(ctx, s.d.rebind(`SELECT seq, hash FROM chain_heads WHERE ente = ?`), ente).Scan(&h.seq, &h.hash)
	}
	if err := readHead(); err != nil {
		return 0, nil, err
	}
	var prev head
	var count int64
	const page = 1000
	for {
		rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT `+recordColumns+` FROM decisions WHERE ente = ? AND seq > ? ORDER BY seq LIMIT ?`), ente, prev.seq, page)
		if err != nil {
			return count, nil, err
		}
		n := 0
		for rows.Next() {
			r, err := scanRecord(rows)
			if err != nil {
				rows.Close()
				return count, nil, err
			}
			n++
			count++
			if why := check(r, prev.seq, prev.hash); why != "" {
				rows.Close()
				return count, &Problem{Ente: ente, Seq: r.Seq, DecisionID: r.DecisionID, Reason: why}, nil
			}
			prev = head{r.Seq, r.Hash}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return count, nil, err
		}
		if n == page {
			continue
		}
		if prev.seq <= h.seq {
			break
		}
		// Records committed while the chain was walked moved its head on:
		// read it again and walk on to it. A head still behind the records
		// is a problem.
		if err := readHead(); err != nil {
			return count, nil, err
		}
		if prev.seq >= h.seq {
			break
		}
	}
	if prev != h {
		return count, &Problem{Ente: ente, Seq: prev.seq + 1, Reason: fmt.Sprintf("the chain ends at record %d but its head says %d: records at the end were removed or edited", prev.seq, h.seq)}, nil
	}
	return count, nil, nil
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
