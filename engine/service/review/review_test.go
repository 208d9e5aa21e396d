package review

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

func TestResolutionValidate(t *testing.T) {
	fields := func(err error) []string {
		var invalid *InvalidError
		if !errors.As(err, &invalid) {
			return nil
		}
		var out []string
		for _, f := range invalid.Fields {
			out = append(out, f.Field)
		}
		return out
	}
	for _, c := range []struct {
		name   string
		r      Resolution
		appeal bool
		want   []string
	}{
		{"a review resolved", Resolution{Outcome: "remove", Reason: "insulto"}, false, nil},
		{"no reason", Resolution{Outcome: "remove", Reason: "  "}, false, []string{"reason"}},
		{"no outcome", Resolution{Reason: "x"}, false, []string{"outcome"}},
		{"an outcome of nobody's", Resolution{Outcome: "delete", Reason: "x"}, false, []string{"outcome"}},
		{"a result on a review", Resolution{Outcome: "allow", Reason: "x", Result: Upheld}, false, []string{"result"}},
		{"an appeal upheld needs no outcome", Resolution{Reason: "x", Result: Upheld}, true, nil},
		{"an appeal overturned needs one", Resolution{Reason: "x", Result: Overturned}, true, []string{"outcome"}},
		{"an appeal without result", Resolution{Outcome: "allow", Reason: "x"}, true, []string{"result"}},
		{"actions and reply checked", Resolution{Outcome: "remove", Reason: "x",
			Actions: []engine.Action{{Type: "ban"}, {Type: "block_author", Until: "domani"}},
			Reply:   &engine.Reply{Visibility: "loud"}}, false,
			[]string{"actions[0].type", "actions[1].until", "reply.visibility", "reply.text"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := fields(c.r.validate(c.appeal)); !slices.Equal(got, c.want) {
				t.Errorf("invalid fields %v, want %v", got, c.want)
			}
		})
	}
}

func TestEffective(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	notice := &engine.Notice{Text: "rimosso", AppealUntil: "2027-05-22T10:00:00Z", Automated: true}
	decision, _ := json.Marshal(engine.Decision{Outcome: "remove", Notice: notice})
	decided := &store.Record{Entry: store.Entry{DecisionID: "d", Outcome: "remove", DecidedAt: t0, Decision: decision}}
	person := func(kind, outcome string, at time.Duration, body Record) store.Record {
		raw, _ := json.Marshal(body)
		return store.Record{Entry: store.Entry{Kind: kind, Outcome: outcome, DecidedAt: t0.Add(at), Decision: raw, Settles: "d"}}
	}
	st := Effective(decided, nil)
	if st.Outcome != "remove" || st.ByPerson || st.Notice == nil || !st.Notice.Automated {
		t.Errorf("as decided: %+v", st)
	}
	appeal := person(store.KindAppeal, "remove", time.Hour, Record{})
	upheld := person(store.KindAppealDecision, "remove", 2*time.Hour, Record{Result: Upheld})
	st = Effective(decided, []store.Record{appeal, upheld})
	if st.Outcome != "remove" || st.ByPerson || !st.Appealed || st.Notice == nil || st.Notice.Text != "rimosso" {
		t.Errorf("upheld: %+v", st)
	}
	overturned := person(store.KindAppealDecision, "allow", 2*time.Hour, Record{Result: Overturned})
	st = Effective(decided, []store.Record{appeal, overturned})
	if st.Outcome != "allow" || !st.ByPerson || st.Notice != nil || !st.Since.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("overturned: %+v", st)
	}
	hidden := person(store.KindResolution, "hide", time.Hour, Record{Notice: &engine.Notice{Text: "nascosto", AppealUntil: "2027-05-22T11:00:00Z"}})
	st = Effective(decided, []store.Record{hidden})
	if st.Outcome != "hide" || !st.ByPerson || st.Notice == nil || st.Notice.Automated || st.Appealed {
		t.Errorf("resolved by a person: %+v", st)
	}
}
