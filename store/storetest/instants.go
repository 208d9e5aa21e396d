package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// The range of instants the API accepts (engine.MinInstant and
// engine.MaxInstant; the store knows nothing of the engine).
var (
	minInstant = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxInstant = time.Date(2199, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// testInstants records decisions at both ends of the range the API
// accepts, written with far time zone offsets, and checks that they read
// back as the same instants and that their chain verifies: an instant
// that wrapped on its way into a column would read back as another time
// and fail its hash, a false alarm of tampering.
func testInstants(t *testing.T, su suite) {
	e := su.env(t)
	first := minInstant.In(time.FixedZone("+14", 14*3600))
	last := maxInstant.In(time.FixedZone("-12", -12*3600))
	until := last.Add(30 * 24 * time.Hour) // a block may end after the range; the log keeps it
	blocked := func(x *store.Entry) { x.Blocked, x.BlockedUntil = true, &until }
	author := by(e.s.Pseudonymizer().Of("a", "user-1"))
	e.append(
		entry("a", "first", first, violation("threat"), author),
		entry("a", "last", last, violation("threat"), author, blocked),
	)
	e.clean(1, 2)
	for id, want := range map[string]time.Time{"first": first, "last": last} {
		if got := e.get(id).DecidedAt; !got.Equal(want) {
			t.Errorf("%s decided at %s, reads back as %s", id, want.Format(time.RFC3339Nano), got.Format(time.RFC3339Nano))
		}
	}
	page, _, err := e.s.List(context.Background(), store.Filter{Ente: "a", From: minInstant, To: maxInstant})
	if err != nil || len(page) != 1 || page[0].DecisionID != "first" {
		t.Errorf("list within the range (To exclusive) = %d records, %v; want first", len(page), err)
	}
	// A bound beyond what the log keeps selects as the nearest one it does.
	page, _, err = e.s.List(context.Background(), store.Filter{Ente: "a",
		From: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(page) != 2 {
		t.Errorf("list with bounds beyond the log's = %d records, %v; want 2", len(page), err)
	}
	h, err := e.s.History(context.Background(), store.HistoryQuery{Ente: "a", AuthorID: "user-1", WindowDays: 90, Now: last})
	if err != nil {
		t.Fatalf("history at the end of the range: %v", err)
	}
	if h.BlockedUntil == nil || !h.BlockedUntil.Equal(until) {
		t.Errorf("history at the end of the range: blocked until %v, want %s", h.BlockedUntil, until)
	}

	// The store refuses what it cannot keep rather than wrap it; nothing
	// of the batch is recorded.
	for _, at := range []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	} {
		if _, err := e.s.Append(context.Background(), []store.Entry{entry("a", "ok", last), entry("a", "wraps", at)}); err == nil {
			t.Errorf("append at %s: no error", at.Format(time.RFC3339))
		}
	}
	e.clean(1, 2)
}
