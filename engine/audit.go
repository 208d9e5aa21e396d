package engine

import (
	"encoding/json"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/galateo/galateo/engine/facts"
)

// mask replaces personal data in kept text; one rune for one rune, so that
// every offset in the kept input still points where it pointed.
const mask = '█'

// AuditInput is the evaluated input as the audit log keeps it: the document
// OPA evaluated, with personal data masked by kind. Spans of personal data
// in the text are masked rune for rune (offsets stay true) and so are the
// tokens and phrases that touch them; phone digits are dropped; mentions of
// other users are masked; the author's id becomes its pseudonym and the
// author's name is dropped. The identifiers the ente publishes in its data
// (policies/lib/audit.yaml: its own phone numbers, its sponsors' accounts
// and names) are kept, since the rules match them. Everything the rules
// judged on is otherwise kept, so that a replay under the same rules gives
// the same decision.
func (ev *Evaluation) AuditInput(pseudonym string) ([]byte, error) {
	pub := ev.Ente.params.public
	r := *ev.Request
	if !pub.authorIDs[r.Author.ID] {
		r.Author.ID = pseudonym
	}
	if !pub.authorNames[looseName(r.Author.Name)] {
		r.Author.Name = ""
	}
	f := maskFacts(ev.Facts, pub)
	text := f.Text
	content := r.Content
	content.Text = &text
	r.Content = content
	v := inputValue(&r, ev.Now, &f, ev.History, ev.schedule)
	doc, err := ast.JSON(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}

// FactsJSON is the facts of the evaluated input (input.facts) as the
// policy saw them, unmasked: for a person trying a text, never for a log.
func (ev *Evaluation) FactsJSON() (json.RawMessage, error) {
	v := factsValue(&ev.Facts, ev.History, ev.schedule)
	doc, err := ast.JSON(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}

func maskFacts(f facts.Facts, pub publicIdentifiers) facts.Facts {
	if len(f.PII) == 0 && len(f.Mentions) == 0 {
		return f
	}
	runes := []rune(f.Text)
	spans := make([][2]int, 0, len(f.PII)+len(f.Mentions))
	for _, p := range f.PII {
		spans = append(spans, [2]int{p.Start, p.End})
	}
	for _, m := range f.Mentions {
		spans = append(spans, [2]int{m.Start + 1, m.End}) // keep the '@'
	}
	for _, s := range spans {
		for i := s[0]; i < s[1] && i < len(runes); i++ {
			if runes[i] != ' ' {
				runes[i] = mask
			}
		}
	}
	touches := func(start, end int) bool {
		for _, s := range spans {
			if start < s[1] && s[0] < end {
				return true
			}
		}
		return false
	}
	out := f
	out.Text = string(runes)
	out.Tokens = slices.Clone(f.Tokens)
	for i, t := range out.Tokens {
		if touches(t.Start, t.End) {
			out.Tokens[i] = facts.Token{
				Text: string(runes[t.Start:t.End]), Start: t.Start, End: t.End, Keys: []string{},
				Clause: t.Clause, Negated: t.Negated, Question: t.Question,
			}
		}
	}
	out.Ngrams = nil
	for _, g := range f.Ngrams {
		if !touches(g.Start, g.End) {
			out.Ngrams = append(out.Ngrams, g)
		}
	}
	out.PII = slices.Clone(f.PII)
	for i, p := range out.PII {
		if !pub.phoneDigits[p.Digits] {
			out.PII[i].Digits = ""
		}
	}
	out.Mentions = slices.Clone(f.Mentions)
	for i, m := range out.Mentions {
		out.Mentions[i].Tag = string(runes[m.Start+1 : m.End])
	}
	return out
}
