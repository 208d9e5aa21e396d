package engine

import (
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/galateo/galateo/engine/facts"
)

// Built directly as ast terms: the request is never encoded to JSON and
// parsed back on the way into OPA.

func str(s string) *ast.Term                  { return ast.StringTerm(s) }
func item(k string, v *ast.Term) [2]*ast.Term { return ast.Item(ast.StringTerm(k), v) }
func num(n int) *ast.Term                     { return ast.IntNumberTerm(n) }
func float(f float64) *ast.Term               { return ast.FloatNumberTerm(f) }
func boolean(b bool) *ast.Term                { return ast.BooleanTerm(b) }

func strings_(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = str(s)
	}
	return ast.ArrayTerm(ts...)
}

func textTerm(s string) *ast.Term {
	if s == "" {
		return ast.NullTerm()
	}
	return str(s)
}

func timeTerm(t *time.Time) *ast.Term {
	if t == nil {
		return ast.NullTerm()
	}
	return str(t.Format(time.RFC3339))
}

// scheduleFacts are computed from the ente's schedule at the decision time.
type scheduleFacts struct {
	StaffedNow  bool
	NextStaffed *time.Time // nil when staffed now or never staffed
	Due         *time.Time
	// The two times in the ente's Italian wording, for reply texts.
	NextStaffedText, DueText string
}

// inputValue is {request fields..., "now": ..., "facts": {...}}.
func inputValue(r *Request, now time.Time, f *facts.Facts, h History, s scheduleFacts) ast.Value {
	author := ast.NewObject(
		item("id", str(r.Author.ID)),
		item("name", str(r.Author.Name)),
		item("role", str(r.Author.Role)),
		item("office", str(r.Author.Office)),
		item("anonymous", boolean(r.Author.Anonymous)),
		item("anonymity_reason", str(r.Author.AnonymityReason)),
	)
	content := ast.NewObject(
		item("id", str(r.Content.ID)),
		item("kind", str(r.Content.Kind)),
		item("text", str(f.Text)),
		item("created_at", str(r.Content.CreatedAt)),
	)
	if t := r.Content.Thread; t != nil {
		content.Insert(str("thread"), ast.ObjectTerm(item("id", str(t.ID)), item("text", str(t.Text))))
	}
	if len(r.Content.Media) > 0 {
		ms := make([]*ast.Term, len(r.Content.Media))
		for i, m := range r.Content.Media {
			ms[i] = ast.ObjectTerm(item("type", str(m.Type)))
		}
		content.Insert(str("media"), ast.ArrayTerm(ms...))
	}
	signals := ast.NewObject()
	for _, k := range sortedKeys(r.Signals) {
		signals.Insert(str(k), float(r.Signals[k]))
	}
	return ast.NewObject(
		item("ente", str(r.Ente)),
		item("channel", ast.ObjectTerm(item("platform", str(r.Channel.Platform)), item("account", str(r.Channel.Account)))),
		item("content", ast.NewTerm(content)),
		item("author", ast.NewTerm(author)),
		item("signals", ast.NewTerm(signals)),
		item("now", str(now.Format(time.RFC3339))),
		item("facts", ast.NewTerm(factsValue(f, h, s))),
	)
}

func factsValue(f *facts.Facts, h History, s scheduleFacts) ast.Object {
	toks := make([]*ast.Term, len(f.Tokens))
	for i, t := range f.Tokens {
		toks[i] = ast.ObjectTerm(
			item("text", str(t.Text)), item("norm", str(t.Norm)), item("keys", strings_(t.Keys)),
			item("start", num(t.Start)), item("end", num(t.End)),
			item("quoted", boolean(t.Quoted)), item("reported", boolean(t.Reported)),
			item("lemmas", strings_(t.Lemmas)), item("analyses", analysesTerm(t.Analyses)),
			item("clitics", strings_(t.Clitics)), item("clause", num(t.Clause)),
			item("negated", boolean(t.Negated)), item("question", boolean(t.Question)),
		)
	}
	runes := []rune(f.Text)
	grams := make([]*ast.Term, len(f.Ngrams))
	for i, g := range f.Ngrams {
		grams[i] = ast.ObjectTerm(
			item("key", str(g.Key)), item("text", str(string(runes[g.Start:g.End]))),
			item("start", num(g.Start)), item("end", num(g.End)),
			item("quoted", boolean(g.Quoted)), item("reported", boolean(g.Reported)),
		)
	}
	links := make([]*ast.Term, len(f.Links))
	for i, l := range f.Links {
		links[i] = ast.ObjectTerm(
			item("url", str(l.URL)), item("host", str(l.Host)), item("domain_suffixes", strings_(l.Suffixes)),
			item("start", num(l.Start)), item("end", num(l.End)),
		)
	}
	pii := make([]*ast.Term, len(f.PII))
	for i, p := range f.PII {
		pii[i] = ast.ObjectTerm(
			item("kind", str(p.Kind)), item("start", num(p.Start)), item("end", num(p.End)),
			item("validated", boolean(p.Validated)), item("domain_suffixes", strings_(p.DomainSuffixes)),
			item("digits", str(p.Digits)),
		)
	}
	out := ast.NewObject(
		item("tokens", ast.ArrayTerm(toks...)),
		item("ngrams", ast.ArrayTerm(grams...)),
		item("links", ast.ArrayTerm(links...)),
		item("hashtags", tagsTerm(f.Hashtags)),
		item("mentions", tagsTerm(f.Mentions)),
		item("quotes", quotesTerm(f.Quotes)),
		item("pii", ast.ArrayTerm(pii...)),
		item("sentences", spansTerm(f.Sentences)),
		item("clauses", clausesTerm(f.Clauses)),
		item("form", ast.ObjectTerm(
			item("runes", num(f.Form.Runes)), item("letters", num(f.Form.Letters)),
			item("caps_ratio", float(round3(f.Form.CapsRatio))), item("emoji", num(f.Form.Emoji)),
			item("emoji_ratio", float(round3(f.Form.EmojiRatio))), item("max_run", num(f.Form.MaxRun)),
			item("question", boolean(f.Form.Question)),
		)),
		item("content_words", num(f.ContentWords)),
		item("history", ast.ObjectTerm(
			item("violations", num(h.Violations)), item("window_days", num(h.WindowDays)),
			item("last_warning", timeTerm(h.LastWarning)), item("blocked_until", timeTerm(h.BlockedUntil)),
		)),
		item("repetition", ast.ObjectTerm(item("count", num(h.Repeats)))),
		item("schedule", scheduleTerm(s)),
	)
	if f.TopicSimilarity != nil {
		out.Insert(str("topic_similarity"), float(round3(*f.TopicSimilarity)))
	}
	return out
}

func scheduleTerm(s scheduleFacts) *ast.Term {
	return ast.ObjectTerm(
		item("staffed_now", boolean(s.StaffedNow)),
		item("next_staffed", timeTerm(s.NextStaffed)),
		item("due", timeTerm(s.Due)),
		// In Italian, for reply texts: "lunedì 24 novembre 2026 alle 9:00".
		item("next_staffed_text", textTerm(s.NextStaffedText)),
		item("due_text", textTerm(s.DueText)),
	)
}

func spansTerm(spans [][2]int) *ast.Term {
	ts := make([]*ast.Term, len(spans))
	for i, s := range spans {
		ts[i] = ast.ArrayTerm(num(s[0]), num(s[1]))
	}
	return ast.ArrayTerm(ts...)
}

func analysesTerm(as []facts.Analysis) *ast.Term {
	ts := make([]*ast.Term, len(as))
	for i, a := range as {
		ts[i] = ast.ObjectTerm(
			item("lemma", str(a.Lemma)), item("pos", str(a.POS)), item("mood", str(a.Mood)),
			item("tense", str(a.Tense)), item("person", num(a.Person)), item("plural", boolean(a.Plural)),
		)
	}
	return ast.ArrayTerm(ts...)
}

func clausesTerm(cs []facts.Clause) *ast.Term {
	ts := make([]*ast.Term, len(cs))
	for i, c := range cs {
		ts[i] = ast.ObjectTerm(item("start", num(c.Start)), item("end", num(c.End)), item("sentence", num(c.Sentence)))
	}
	return ast.ArrayTerm(ts...)
}

func tagsTerm(tags []facts.Tag) *ast.Term {
	ts := make([]*ast.Term, len(tags))
	for i, t := range tags {
		o := ast.NewObject(item("tag", str(t.Tag)), item("start", num(t.Start)), item("end", num(t.End)))
		if t.Words != nil {
			o.Insert(str("words"), strings_(t.Words)) // hashtags only
		}
		ts[i] = ast.NewTerm(o)
	}
	return ast.ArrayTerm(ts...)
}

func quotesTerm(quotes []facts.Quote) *ast.Term {
	ts := make([]*ast.Term, len(quotes))
	for i, q := range quotes {
		ts[i] = ast.ObjectTerm(item("start", num(q.Start)), item("end", num(q.End)), item("words", num(q.Words)))
	}
	return ast.ArrayTerm(ts...)
}

// round3 keeps facts stable across platforms and readable in the audit log.
func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
