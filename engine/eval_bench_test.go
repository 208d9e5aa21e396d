package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// benchTexts are typical comments: a question, insults, personal data with
// propaganda, and praise.
var benchTexts = []string{
	"Buongiorno, i lavori in via Roma quando finiranno? La strada è piena di buche e il traffico è bloccato da settimane.",
	"Siete dei ladri e degli incompetenti, vergognatevi! Il sindaco è uno stronzo.",
	"Chiamate il 333 1234567 per info, mario.rossi@example.com, votate Lega alle prossime elezioni!!!",
	"Ottimo lavoro, grazie al Comune per la nuova piazza",
}

// benchEnti are the enti with policies of their own, and a member comune
// that adopts the Union's.
var benchEnti = []string{"massa", "tradate", "crespiatica", "conferenza_stato_citta", "cetona"}

// storedInput is one evaluated input as the audit log keeps it and a
// replay parses it, with the ente that evaluates it.
type storedInput struct {
	name string
	ent  *Ente
	raw  []byte
	v    ast.Value
}

// benchInputs decides every text for every ente of benchEnti and keeps the
// evaluated inputs.
func benchInputs(tb testing.TB) []storedInput {
	e := realEngine(tb)
	var out []storedInput
	for _, ente := range benchEnti {
		for i, tx := range benchTexts {
			r := massaComment(tx, "2026-11-23T10:15:00+01:00")
			r.Ente = ente
			if ente == "conferenza_stato_citta" {
				r.Channel.Platform = "linkedin"
			}
			r.Content.Thread = &Thread{ID: "1", Text: "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"}
			ev, err := e.Evaluate(context.Background(), r)
			if err != nil {
				tb.Fatal(err)
			}
			raw, err := ev.AuditInput("ps_bench")
			if err != nil {
				tb.Fatal(err)
			}
			v, err := ast.ValueFromReader(bytes.NewReader(raw))
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, storedInput{name: fmt.Sprintf("%s_%d", ente, i), ent: ev.Ente, raw: raw, v: v})
		}
	}
	return out
}

// benchPolicies is the environment variable naming another policies folder
// (say, an earlier revision) whose enti evaluate the same inputs, so that two
// revisions can be compared in one session; the inputs are always made with
// ../policies.
const benchPolicies = "GALATEO_BENCH_POLICIES"

// BenchmarkEval measures what a replay does for each stored input: parse
// it, and evaluate the ente's prepared decision query on it. "all" cycles
// through every input, so its ns/op is the mean cost of one evaluation;
// cpu-ns/op also counts the garbage collection it causes.
func BenchmarkEval(b *testing.B) {
	ins := benchInputs(b)
	ctx := context.Background()
	if dir := os.Getenv(benchPolicies); dir != "" {
		other, err := Load(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		for i := range ins {
			if ins[i].ent, err = other.Ente(ins[i].ent.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := ast.ValueFromReader(bytes.NewReader(ins[i%len(ins)].raw)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	eval := func(b *testing.B, ins []storedInput) {
		b.ReportAllocs()
		cpu := cpuSeconds()
		i := 0
		for b.Loop() {
			in := ins[i%len(ins)]
			rs, err := in.ent.query.Eval(ctx, rego.EvalParsedInput(in.v))
			if err != nil || len(rs) == 0 {
				b.Fatalf("%s: %v", in.name, err)
			}
			i++
		}
		reportCPU(b, cpu, i)
	}
	b.Run("all", func(b *testing.B) { eval(b, ins) })
	for _, in := range ins {
		b.Run(in.name, func(b *testing.B) { eval(b, []storedInput{in}) })
	}
}

// cpuSeconds is the CPU time the Go runtime has spent so far running
// goroutines and collecting garbage, on every core.
func cpuSeconds() float64 {
	samples := []metrics.Sample{
		{Name: "/cpu/classes/user:cpu-seconds"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
	}
	metrics.Read(samples)
	total := 0.0
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindFloat64 {
			total += s.Value.Float64()
		}
	}
	return total
}

// reportCPU reports the CPU time per operation since start (cpuSeconds):
// the evaluation and the garbage collection it causes, which bounds the
// throughput of a replay on all cores, where wall time on a busy machine
// also counts waiting for one.
func reportCPU(b *testing.B, start float64, n int) {
	if n > 0 {
		b.ReportMetric((cpuSeconds()-start)*1e9/float64(n), "cpu-ns/op")
	}
}
