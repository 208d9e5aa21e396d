package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// judgeAt is the time of the person's decisions judged in these tests.
var judgeAt = time.Date(2026, 11, 23, 10, 15, 3, 0, time.FixedZone("CET", 3600))

func TestJudge(t *testing.T) {
	e := realEngine(t)
	ctx := context.Background()
	threat := Violation{Rule: "minacce", Category: "threat", Severity: "grave", Outcome: "remove",
		Clause: Clause{Section: "Moderazione e regole di utilizzo", Quote: "insulti, turpiloquio, minacce"}}
	until := "2027-02-21T10:15:03+01:00"
	want, _ := time.Parse(time.RFC3339, until)
	cases := []struct {
		name       string
		outcome    string
		actions    []Action
		violations []Violation
		want       HistoryEffect
	}{
		{"automatic removal with a block", "remove",
			[]Action{{Type: "remove"}, {Type: "block_author", Until: until}, {Type: "report_platform"}}, []Violation{threat},
			HistoryEffect{Violation: true, Block: true, BlockUntil: &want}},
		{"automatic removal with a warning", "remove", []Action{{Type: "remove"}, {Type: "warn_author"}}, []Violation{threat},
			HistoryEffect{Violation: true, Warning: true}},
		{"a proposal left to a person", "review", nil, []Violation{{Rule: "dignita", Category: "defamation", Outcome: "review", Clause: threat.Clause}},
			HistoryEffect{}},
		{"a reviewer removes a proposal", "remove", []Action{{Type: "remove"}},
			[]Violation{{Rule: "dignita", Category: "defamation", Outcome: "remove", Clause: threat.Clause}},
			HistoryEffect{Violation: true}},
		{"a person's allow over violations that say remove", "allow", nil, []Violation{threat, threat}, HistoryEffect{}},
		{"a person's redirect", "redirect", []Action{{Type: "reply"}}, []Violation{threat}, HistoryEffect{}},
	}
	for _, c := range cases {
		got, notice, err := e.Judge(ctx, "massa", c.outcome, c.actions, c.violations, judgeAt)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// A person's hiding, removal or block owes a notice, not automated.
		restricts := c.outcome == "remove" || c.outcome == "hide" || c.want.Block
		if (notice != nil) != restricts || notice != nil && notice.Automated {
			t.Errorf("%s: notice %+v", c.name, notice)
		}
		if got.Violation != c.want.Violation || got.Warning != c.want.Warning || got.Block != c.want.Block ||
			(got.BlockUntil == nil) != (c.want.BlockUntil == nil) || (got.BlockUntil != nil && !got.BlockUntil.Equal(*c.want.BlockUntil)) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
	// An adopting ente answers through the adopted ente's rules.
	if got, _, err := e.Judge(ctx, "cetona", "remove", nil, []Violation{threat}, judgeAt); err != nil || !got.Violation {
		t.Errorf("cetona: %+v, %v", got, err)
	}
	if _, _, err := e.Judge(ctx, "atlantide", "remove", nil, nil, judgeAt); !errors.Is(err, ErrUnknownEnte) {
		t.Errorf("unknown ente: %v", err)
	}
	if _, _, err := e.Judge(ctx, "massa", "delete", nil, nil, judgeAt); err == nil || !strings.Contains(err.Error(), `"delete"`) {
		t.Errorf("unknown outcome: %v", err)
	}
	if _, _, err := e.Judge(ctx, "massa", "remove", nil, nil, time.Time{}); err == nil {
		t.Error("a judgement without its time: no error")
	}
	// The library's period for deciding an appeal; adopters share it.
	for _, id := range []string{"massa", "cetona"} {
		if days, err := e.AppealDecideDays(ctx, id); err != nil || days != 30 {
			t.Errorf("%s decides an appeal in %d days, %v; want the library's 30", id, days, err)
		}
	}
	if _, err := e.AppealDecideDays(ctx, "atlantide"); !errors.Is(err, ErrUnknownEnte) {
		t.Errorf("unknown ente: %v", err)
	}
}

// An ente's own counted outcomes and periods for a reclamo reach the
// decision's effect, Engine.Judge, the notice and Engine.AppealDecideDays.
func TestEffectAndNoticeOfAnEnteSettings(t *testing.T) {
	dir := copyPolicies(t)
	writeFile(t, filepath.Join(dir, "enti", "prova", "data.yaml"), dataOnlyEnte+
		"history: {counted_outcomes: [remove, reject]}\nappeal: {days: 30, decide_days: 45, contact: \"reclami@comune.prova.it\"}\n")
	e, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	r := massaComment("Sei un idiota", "2026-11-23T10:15:00+01:00")
	r.Ente = "prova"
	ev, err := e.Evaluate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	d := ev.Decision
	if d.Outcome != "hide" || ev.Effect.Violation {
		t.Errorf("a hiding the ente does not count: %s, %+v", d.Outcome, ev.Effect)
	}
	got, personal, err := e.Judge(context.Background(), "prova", d.Outcome, d.Actions, d.Violations, judgeAt)
	if err != nil || got.Violation {
		t.Errorf("Judge of the hiding: %+v, %v", got, err)
	}
	if personal == nil || personal.Automated || personal.AppealUntil != "2026-12-23T10:15:03+01:00" {
		t.Errorf("a person's hiding: notice %+v", personal)
	}
	if days, err := e.AppealDecideDays(context.Background(), "prova"); err != nil || days != 45 {
		t.Errorf("the ente's period for deciding an appeal: %d, %v; want 45", days, err)
	}
	n := d.Notice
	if n == nil || !n.Automated || n.AppealUntil != "2026-12-23T10:15:00+01:00" ||
		!strings.HasPrefix(n.Text, "Il suo contenuto è stato nascosto agli altri utenti. Motivo: il contenuto non rispetta la Social Media Policy del Comune di Prova, sezione «Art. 3» («linguaggio offensivo»).") ||
		!strings.Contains(n.Text, "entro mercoledì 23 dicembre 2026 alle 10:15") || !strings.HasSuffix(n.Text, "Per il reclamo si rivolga a: reclami@comune.prova.it.") {
		t.Errorf("notice = %+v", n)
	}
	if d.StatementOfReasons.AutomatedDecision == "AUTOMATED_DECISION_NOT_AUTOMATED" {
		t.Errorf("a notice says automated, the statement of reasons %s", d.StatementOfReasons.AutomatedDecision)
	}
}

// What the policy says of the history must be well formed: a block's end
// that is no time is the policy's error, not a block without an end.
func TestDecodeHistoryEffect(t *testing.T) {
	base := func(h any) map[string]any {
		return map[string]any{"outcome": "remove", "actions": []any{}, "violations": []any{}, "history": h}
	}
	pd, err := decodePolicyDecision(base(map[string]any{"violation": true, "warning": false, "block": true, "block_until": "2027-02-21T10:15:03+01:00"}))
	if err != nil || pd.Effect == nil || !pd.Effect.Violation || !pd.Effect.Block || pd.Effect.BlockUntil == nil {
		t.Fatalf("%+v, %v", pd.Effect, err)
	}
	for _, bad := range []any{
		"yes",
		map[string]any{"violation": true, "warning": false},
		map[string]any{"violation": true, "warning": false, "block": true, "block_until": "domani"},
	} {
		if _, err := decodePolicyDecision(base(bad)); err == nil || !strings.Contains(err.Error(), "decision.history") {
			t.Errorf("history %v: %v", bad, err)
		}
	}
	if _, err := decodePolicyDecision(base(map[string]any{"violation": true, "warning": false, "block": true, "block_until": "domani"})); err == nil || !strings.Contains(err.Error(), `block_author until "domani"`) {
		t.Errorf("an until that is no time: %v", err)
	}
	// A revision from before the policy said it (replayed) decodes without it.
	pd, err = decodePolicyDecision(map[string]any{"outcome": "allow"})
	if err != nil || pd.Effect != nil {
		t.Errorf("no history: %+v, %v", pd.Effect, err)
	}
}

// A policy whose decision does not say what it adds to the history fails:
// Go does not make up a rule of its own.
func TestDecisionWithoutHistoryIsAPolicyError(t *testing.T) {
	dir := copyPolicies(t, "tradate")
	path := filepath.Join(dir, "enti", "tradate", "policy.rego")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const decide = "decision := template.decide(violations, extra)"
	if !strings.Contains(string(raw), decide) {
		t.Fatalf("%s does not say %q", path, decide)
	}
	writeFile(t, path, strings.Replace(string(raw), decide, `decision := object.remove(template.decide(violations, extra), ["history"])`, 1))
	e, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	r := massaComment("Sei un idiota", "2026-11-23T10:15:00+01:00")
	r.Ente, r.Channel.Account = "tradate", ""
	var pe *PolicyError
	if _, err := e.Decide(context.Background(), r); !errors.As(err, &pe) || !strings.Contains(err.Error(), "decision.history") {
		t.Errorf("err = %v, want a policy error naming decision.history", err)
	}
}
