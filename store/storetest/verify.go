package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/galateo/galateo/store"
)

// chains records five decisions of ente "a" (a1..a5, seq 1..5) and three
// of ente "b", interleaved, in two batches.
func (e *env) chains() {
	e.t.Helper()
	var xs []store.Entry
	for i := 1; i <= 5; i++ {
		xs = append(xs, entry("a", fmt.Sprintf("a%d", i), t0.Add(time.Duration(i)*time.Hour), violation("threat"), by("ps_x")))
		if i <= 3 {
			xs = append(xs, entry("b", fmt.Sprintf("b%d", i), t0.Add(time.Duration(i)*time.Hour)))
		}
	}
	e.append(xs[:4]...)
	e.append(xs[4:]...)
}

func testVerify(t *testing.T, su suite) {
	t.Run("clean", func(t *testing.T) {
		e := su.env(t)
		e.clean(0, 0)
		e.chains()
		e.clean(2, 8)
		if rep := e.verify("b"); rep.Enti != 1 || rep.Records != 3 || len(rep.Problems) != 0 ||
			len(rep.Chains) != 1 || rep.Chains[0] != (store.Chain{Ente: "b", Records: 3}) {
			t.Errorf("verify b = %+v", rep)
		}
		if rep := e.verify("nobody"); rep.Enti != 0 || rep.Records != 0 || len(rep.Problems) != 0 {
			t.Errorf("verify an unknown ente = %+v", rep)
		}
	})

	// An auditor may verify a live log: records committed while Verify
	// walks a chain are not a problem.
	t.Run("while recording", func(t *testing.T) {
		e := su.env(t)
		e.chains()
		done := make(chan error)
		go func() {
			defer close(done)
			for i := range 100 {
				id := fmt.Sprintf("live%03d", i)
				if _, err := e.s.Append(context.Background(), []store.Entry{entry("a", id, t0), entry("b", id+"b", t0)}); err != nil {
					done <- err
					return
				}
			}
		}()
		for running := true; running; {
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
				running = false
			default:
			}
			rep, err := e.s.Verify(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) > 0 {
				<-done
				t.Fatalf("verify while recording: %+v", rep.Problems)
			}
		}
		e.clean(2, 208)
	})

	const (
		edited    = "content was edited"
		inputEdit = "input was edited"
		jump      = "sequence jumps"
		unchained = "does not chain"
		headGone  = "head says"
	)
	cases := []struct {
		name    string
		tamper  []string // statements on the records of ente a
		seq     int64    // the first bad record
		id      string   // its decision id; "" when it is gone
		because string
	}{
		{"edited decision", []string{`UPDATE decisions SET decision = '{"outcome":"allow"}' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited outcome", []string{`UPDATE decisions SET outcome = 'allow' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited categories", []string{`UPDATE decisions SET categories = '' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited author", []string{`UPDATE decisions SET author = 'ps_y' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited time", []string{`UPDATE decisions SET decided_at = decided_at + 1 WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited revision", []string{`UPDATE decisions SET revision = 'rev-0' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited decision id", []string{`UPDATE decisions SET decision_id = 'forged' WHERE ente = 'a' AND seq = 3`}, 3, "forged", edited},
		{"edited input", []string{`UPDATE decisions SET input = '{"text":"altro"}' WHERE ente = 'a' AND seq = 3`}, 3, "a3", inputEdit},
		{"edited input and its digest", []string{`UPDATE decisions SET input = '{}', input_digest = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"edited hash", []string{`UPDATE decisions SET hash = prev_hash WHERE ente = 'a' AND seq = 3`}, 3, "a3", edited},
		{"deleted first record", []string{`DELETE FROM decisions WHERE ente = 'a' AND seq = 1`}, 2, "a2", jump},
		{"deleted middle record", []string{`DELETE FROM decisions WHERE ente = 'a' AND seq = 3`}, 4, "a4", jump},
		{"deleted last record", []string{`DELETE FROM decisions WHERE ente = 'a' AND seq = 5`}, 5, "", headGone},
		{"deleted middle record, the rest renumbered", []string{
			`DELETE FROM decisions WHERE ente = 'a' AND seq = 3`,
			`UPDATE decisions SET seq = -seq WHERE ente = 'a' AND seq > 3`,
			`UPDATE decisions SET seq = -seq - 1 WHERE ente = 'a' AND seq < 0`,
		}, 3, "a4", unchained},
		{"two records swapped", []string{
			`UPDATE decisions SET seq = -1 WHERE ente = 'a' AND seq = 2`,
			`UPDATE decisions SET seq = 2 WHERE ente = 'a' AND seq = 3`,
			`UPDATE decisions SET seq = 3 WHERE ente = 'a' AND seq = -1`,
		}, 2, "a3", unchained},
		{"a record added after the last", []string{`INSERT INTO decisions (` + columns + `)
			SELECT ente, 6, 'forged', revision, 'forged', author, outcome, categories, decided_at, recorded_at, decision, input, input_digest, hash, hash
			FROM decisions WHERE ente = 'a' AND seq = 5`}, 6, "forged", edited},
		{"deleted last two records", []string{`DELETE FROM decisions WHERE ente = 'a' AND seq >= 4`}, 4, "", headGone},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := su.env(t)
			e.chains()
			for _, q := range c.tamper {
				if e.exec(q) == 0 {
					t.Fatalf("tampering changed nothing: %s", q)
				}
			}
			for _, ente := range []string{"", "a"} {
				rep := e.verify(ente)
				if len(rep.Problems) != 1 {
					t.Fatalf("verify %q = %+v, want one problem", ente, rep)
				}
				p := rep.Problems[0]
				if p.Ente != "a" || p.Seq != c.seq || p.DecisionID != c.id || !strings.Contains(p.Reason, c.because) {
					t.Errorf("verify %q: %+v\nwant the record %d (%q) of a: %q", ente, p, c.seq, c.id, c.because)
				}
				// Each chain is reported on its own, the broken one with its problem.
				byEnte := map[string]store.Chain{}
				for _, ch := range rep.Chains {
					byEnte[ch.Ente] = ch
				}
				if a := byEnte["a"]; a.Problem == nil || *a.Problem != p {
					t.Errorf("verify %q: chain a = %+v, want its problem %+v", ente, a, p)
				}
				if b, ok := byEnte["b"]; ente == "" && (!ok || b.Problem != nil || b.Records != 3) {
					t.Errorf("verify all: chain b = %+v, want 3 records and no problem", b)
				}
			}
			if rep := e.verify("b"); len(rep.Problems) != 0 || rep.Records != 3 {
				t.Errorf("verify b = %+v, want it clean", rep)
			}
		})
	}
}

const columns = `ente, seq, decision_id, revision, content_id, author, outcome, categories, decided_at, recorded_at, decision, input, input_digest, prev_hash, hash`

func testPurge(t *testing.T, su suite) {
	e := su.env(t)
	ctx := context.Background()
	e.chains()
	before := map[string]*store.Record{}
	for _, id := range []string{"a1", "a2", "a3", "a4", "a5", "b1"} {
		before[id] = e.get(id)
	}
	// a1 and a2 were decided before t0+3h; a3 at it.
	n, err := e.s.Purge(ctx, "a", t0.Add(3*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("purge = %d, %v; want 2", n, err)
	}
	for id, was := range before {
		r := e.get(id)
		purged := id == "a1" || id == "a2"
		switch {
		case r.Purged != purged:
			t.Errorf("%s: purged %v, want %v", id, r.Purged, purged)
		case purged && r.Input != nil:
			t.Errorf("%s: input %q kept after the purge", id, r.Input)
		case !purged && string(r.Input) != string(was.Input):
			t.Errorf("%s: input %q, want %q", id, r.Input, was.Input)
		case r.InputDigest != was.InputDigest || r.Hash != was.Hash || string(r.Decision) != string(was.Decision):
			t.Errorf("%s: the purge changed more than the input: %+v", id, r)
		}
	}
	e.clean(2, 8)
	if n, err := e.s.Purge(ctx, "a", t0.Add(3*time.Hour)); err != nil || n != 0 {
		t.Errorf("purge again = %d, %v; want 0", n, err)
	}
	recs, _, err := e.s.List(ctx, store.Filter{Ente: "a", To: t0.Add(3 * time.Hour)})
	if err != nil || len(recs) != 2 || !recs[0].Purged || !recs[1].Purged {
		t.Errorf("list the purged records = %+v, %v", recs, err)
	}
	// A purged record is still protected by the chain.
	e.exec(`UPDATE decisions SET outcome = 'allow' WHERE ente = 'a' AND seq = 2`)
	rep := e.verify("a")
	if len(rep.Problems) != 1 || rep.Problems[0].Seq != 2 {
		t.Errorf("edited purged record: verify = %+v, want record 2", rep)
	}
	e.exec(`UPDATE decisions SET outcome = 'remove' WHERE ente = 'a' AND seq = 2`)
	e.clean(2, 8)
	e.exec(`UPDATE decisions SET input = '{"text":"forged"}' WHERE ente = 'a' AND seq = 1`)
	rep = e.verify("a")
	if len(rep.Problems) != 1 || rep.Problems[0].Seq != 1 || !strings.Contains(rep.Problems[0].Reason, "input was edited") {
		t.Errorf("forged input in a purged record: verify = %+v, want record 1", rep)
	}
}
