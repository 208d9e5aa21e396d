package replay_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
	"github.com/galateo/galateo/store/storetest"
)

const (
	policiesDir = "../../../policies"
	fixturesDir = "../../../fixtures"
)

func TestMain(m *testing.M) {
	code := m.Run()
	cleanShared()
	storetest.StopPostgres()
	os.Exit(code)
}

// The policies and the fixtures are read and compiled once for every test.
var (
	loadEnti = sync.OnceValues(func() ([]*engine.Ente, error) {
		eng, err := engine.Load(context.Background(), policiesDir)
		if err != nil {
			return nil, err
		}
		if failed := eng.Failed(); len(failed) > 0 {
			return nil, fmt.Errorf("enti did not load: %v", failed)
		}
		return eng.Enti(), nil
	})
	loadCases = sync.OnceValues(func() (map[string][]fixtures.Case, error) {
		return fixtures.LoadAll(fixturesDir)
	})
)

func enti(tb testing.TB) []*engine.Ente {
	tb.Helper()
	es, err := loadEnti()
	if err != nil {
		tb.Fatal(err)
	}
	return es
}

func cases(tb testing.TB) map[string][]fixtures.Case {
	tb.Helper()
	all, err := loadCases()
	if err != nil {
		tb.Fatal(err)
	}
	return all
}

// serving is the revision of ente id that the fixtures were decided under.
func serving(tb testing.TB, id string) *engine.Ente {
	tb.Helper()
	for _, e := range enti(tb) {
		if e.ID == id {
			return e
		}
	}
	tb.Fatalf("no ente %s", id)
	return nil
}

// filled is a store holding decisions of the fixtures' requests.
type filled struct {
	st      *store.SQL
	counts  map[string]int // records per ente
	blocked int            // records whose decision blocked the author
	counted int            // records whose input saw earlier violations of the author
}

// fillOptions say how the fixtures are decided and recorded.
type fillOptions struct {
	rounds int                   // every case is decided this many times
	step   time.Duration         // between the rounds, for now and created_at
	only   map[string]bool       // these enti only; nil for all
	batch  bool                  // one transaction per round (fast) instead of one per decision
	each   func(*engine.Request) // changes a request before it is decided
}

// fill decides every fixture case o.rounds times through an engine whose
// histories come from the store, and records each decision, so that an
// author who repeats a violation is counted, then blocked, as in serving.
func fill(tb testing.TB, url string, o fillOptions) *filled {
	tb.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	f := &filled{st: st, counts: map[string]int{}}
	eng := engine.New(enti(tb), engine.WithHistory(record.History(st)))
	all := cases(tb)
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range all {
			if (o.only == nil || o.only[id]) && !yield(id) {
				return
			}
		}
	})
	for round := range o.rounds {
		var entries []store.Entry
		for _, id := range ids {
			for _, c := range all[id] {
				req := shifted(c.Request, round, o.step)
				if o.each != nil {
					o.each(&req)
				}
				ev, err := eng.Evaluate(ctx, &req)
				if err != nil {
					tb.Fatalf("%s round %d: %v", c.Name(), round, err)
				}
				e, err := record.Entry(ev, st.Pseudonymizer())
				if err != nil {
					tb.Fatal(err)
				}
				if ev.History.Violations > 0 {
					f.counted++
				}
				if e.Blocked {
					f.blocked++
				}
				f.counts[e.Ente]++
				if o.batch {
					entries = append(entries, e)
					continue
				}
				if _, err := st.Append(ctx, []store.Entry{e}); err != nil {
					tb.Fatal(err)
				}
			}
		}
		if len(entries) > 0 {
			if _, err := st.Append(ctx, entries); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return f
}

// shifted is the request of a case decided again round steps later, as a
// new content (the store keeps one decision per content and revision).
func shifted(r engine.Request, round int, step time.Duration) engine.Request {
	if round == 0 {
		return r
	}
	d := time.Duration(round) * step
	if r.Content.ID != "" {
		r.Content.ID = fmt.Sprintf("%s#%d", r.Content.ID, round)
	}
	r.Now = later(r.Now, d)
	r.Content.CreatedAt = later(r.Content.CreatedAt, d)
	return r
}

func later(rfc3339 string, d time.Duration) string {
	t, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		return rfc3339 // absent: stays absent
	}
	return t.Add(d).Format(time.RFC3339)
}

func sqliteURL(tb testing.TB) string {
	return "sqlite:" + filepath.Join(tb.TempDir(), "galateo.db")
}

// The store most tests read: every fixture decided three times, ten
// minutes apart, each decision recorded before the next is taken. It is
// filled once and only read.
var (
	sharedDir  string
	sharedOnce sync.Once
	shared     *filled
	sharedErr  error
)

func sharedStore(t *testing.T) *filled {
	t.Helper()
	sharedOnce.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "replay-test-")
		if sharedErr != nil {
			return
		}
		// fill fails the test that runs it first, and the others then
		// find no store.
		sharedErr = fmt.Errorf("the shared store failed to fill in an earlier test")
		shared = fill(t, "sqlite:"+filepath.Join(sharedDir, "galateo.db"), fillOptions{rounds: 3, step: 10 * time.Minute})
		sharedErr = nil
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

func cleanShared() {
	if shared != nil {
		shared.st.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
}

// records lists every record of ente, newest first.
func records(tb testing.TB, st *store.SQL, ente string) []store.Record {
	tb.Helper()
	var out []store.Record
	f := store.Filter{Ente: ente, Limit: 500}
	for {
		page, next, err := st.List(context.Background(), f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		f.Cursor = next
	}
}
