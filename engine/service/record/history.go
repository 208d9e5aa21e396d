package record

import (
	"context"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// Log is what History reads of the audit log; *store.SQL is one.
type Log interface {
	History(ctx context.Context, q store.HistoryQuery) (store.History, error)
}

// History is the engine's source of authors' histories over the audit
// log: the store says what it holds, and the engine's query says which of
// the author's recent contents repeat the one being decided
// (engine.HistoryQuery.Repeats).
func History(log Log) engine.HistorySource { return history{log} }

type history struct{ log Log }

func (h history) History(ctx context.Context, q engine.HistoryQuery) (engine.History, error) {
	got, err := h.log.History(ctx, store.HistoryQuery{
		Ente: q.Ente, AuthorID: q.AuthorID, WindowDays: q.WindowDays, Now: q.Now,
		Fingerprints: q.Fingerprint != "",
	})
	if err != nil {
		return engine.History{}, err
	}
	out := engine.History{Violations: got.Violations, LastWarning: got.LastWarning, BlockedUntil: got.BlockedUntil}
	for _, fp := range got.Fingerprints {
		if q.Repeats(fp) {
			out.Repeats++
		}
	}
	return out, nil
}
