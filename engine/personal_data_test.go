package engine

import (
	"context"
	"strings"
	"testing"
)

// TestLexiconPersonalDataDecodes: policies/lexicon/personal_data.yaml,
// read by OPA's loader as every ente's revision reads it (YAML's "no" and
// "on" would be booleans there), reaches the personal-data detectors and
// the sentence splitter.
func TestLexiconPersonalDataDecodes(t *testing.T) {
	e := realEngine(t)
	text := "Il sig. Rossi abita in v.le Roma 12 bis. Prot. n. 0585 490111 del Comune. Lo ha detto Ornella Bianchi"
	ev, err := e.Evaluate(context.Background(), massaComment(text, "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(ev.Facts.Text)
	var found []string
	for _, p := range ev.Facts.PII {
		found = append(found, p.Kind+":"+string(rs[p.Start:p.End]))
	}
	want := "person_name:Rossi address:v.le Roma 12 bis person_name:Ornella Bianchi"
	if got := strings.Join(found, " "); got != want {
		t.Errorf("pii %q, want %q", got, want)
	}
	if n := len(ev.Facts.Sentences); n != 3 {
		t.Errorf("%d sentences, want 3: %v", n, ev.Facts.Sentences)
	}
}
