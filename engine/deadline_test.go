package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// runaway is a rule that needs minutes: eight billion steps.
const runaway = `package galateo.lib.standard

import rego.v1

violations contains v if {
	r := numbers.range(1, 2000)
	count([1 | some a in r; some b in r; some c in r; a + b + c < 0]) > 0
	v := {}
}
`

// An evaluation that would run for minutes is cut at the deadline and
// answered with an error naming the ente, never left hanging.
func TestEvaluationIsCutAtTheDeadline(t *testing.T) {
	files, err := ReadFiles(policies, "massa")
	if err != nil {
		t.Fatal(err)
	}
	files["enti/massa/runaway.rego"] = []byte(runaway)
	ent, err := Compile(context.Background(), "massa", files)
	if err != nil {
		t.Fatal(err)
	}
	e := New([]*Ente{ent}, WithEvalTimeout(50*time.Millisecond))
	_, err = e.Evaluate(context.Background(), massaComment("Grazie", "2026-11-23T10:15:00+01:00"))
	var cut *EvalTimeoutError
	if !errors.As(err, &cut) || cut.Ente != "massa" || cut.Revision != ent.Revision || cut.Timeout != 50*time.Millisecond {
		t.Fatalf("err = %v, want the evaluation of massa cut after 50ms", err)
	}

	// A replay under the runaway revision is cut as well.
	ev, err := realEngine(t).Evaluate(context.Background(), massaComment("Grazie", "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ev.AuditInput("ps_x")
	if err != nil {
		t.Fatal(err)
	}
	in, err := ParseInput(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ent.Replay(context.Background(), in); !errors.As(err, &cut) || cut.Timeout != DefaultEvalTimeout {
		t.Fatalf("replay: err = %v, want the evaluation cut after %s", err, DefaultEvalTimeout)
	}

	// A caller that goes away is not a policy running too long.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = e.Evaluate(ctx, massaComment("Grazie", "2026-11-23T10:15:00+01:00"))
	if err == nil || errors.As(err, &cut) {
		t.Fatalf("a cancelled request: err = %v, want an error that is not a timeout", err)
	}
}

// An engine that sets no deadline takes GALATEO_EVAL_TIMEOUT when it is a
// positive duration, and DefaultEvalTimeout otherwise.
func TestDefaultDeadlineFromTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		env  string
		want time.Duration
	}{
		{"90s", 90 * time.Second},
		{"", DefaultEvalTimeout},
		{"soon", DefaultEvalTimeout},
		{"-1s", DefaultEvalTimeout},
	} {
		t.Setenv("GALATEO_EVAL_TIMEOUT", c.env)
		if got := New(nil).EvalTimeout(); got != c.want {
			t.Errorf("GALATEO_EVAL_TIMEOUT=%q: deadline %s, want %s", c.env, got, c.want)
		}
		if got := New(nil, WithEvalTimeout(time.Second)).EvalTimeout(); got != time.Second {
			t.Errorf("GALATEO_EVAL_TIMEOUT=%q: WithEvalTimeout(1s) gave %s", c.env, got)
		}
	}
}
