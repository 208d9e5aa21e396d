package replay_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/replay"
)

// BenchmarkReplay measures decisions re-evaluated per second over about
// 2,000 recorded decisions of every ente (the fixtures' requests decided
// six times, a day apart, histories included):
//
//   - Run: the whole replay, reading the records from SQLite, parsing each
//     stored input and decision, evaluating and comparing;
//   - Outcomes: the evaluation alone, over inputs parsed beforehand;
//   - ParseInput: reading the stored inputs alone, one processor.
func BenchmarkReplay(b *testing.B) {
	ctx := context.Background()
	f := fill(b, sqliteURL(b), fillOptions{rounds: 6, step: 24 * time.Hour, batch: true})
	defer f.st.Close()
	ents := enti(b)
	total := 0
	for _, ent := range ents {
		total += f.counts[ent.ID]
	}

	b.Run("Run", func(b *testing.B) {
		n := 0
		start := time.Now()
		for b.Loop() {
			for _, ent := range ents {
				rep, err := replay.Run(ctx, f.st, ent, replay.Request{})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Changed != 0 {
					b.Fatalf("%s: %d decisions changed under their own revision", ent.ID, rep.Changed)
				}
				n += rep.Replayed
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "decisions/s")
	})

	inputs := map[string][]*engine.StoredInput{}
	var raw [][]byte
	for _, ent := range ents {
		for _, r := range records(b, f.st, ent.ID) {
			in, err := engine.ParseInput(r.Input)
			if err != nil {
				b.Fatal(err)
			}
			inputs[ent.ID] = append(inputs[ent.ID], in)
			raw = append(raw, r.Input)
		}
	}
	if len(raw) != total {
		b.Fatalf("%d inputs for %d records", len(raw), total)
	}

	b.Run("Outcomes", func(b *testing.B) {
		n := 0
		start := time.Now()
		for b.Loop() {
			for _, ent := range ents {
				out, err := replay.Outcomes(ctx, ent, inputs[ent.ID])
				if err != nil {
					b.Fatal(err)
				}
				n += len(out)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "decisions/s")
	})

	b.Run("ParseInput", func(b *testing.B) {
		n := 0
		start := time.Now()
		for b.Loop() {
			for _, in := range raw {
				if _, err := engine.ParseInput(in); err != nil {
					b.Fatal(err)
				}
			}
			n += len(raw)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "inputs/s")
	})
	b.Logf("%s in the store, %d enti", fmt.Sprint(total), len(ents))
}
