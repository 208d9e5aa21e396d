package engine

import (
	"fmt"
	"strings"
	"time"
)

// explain writes the decision in Italian, in the wording of the ente's
// revision (policies/lexicon/wording.yaml): what happens, under which rule
// of which section, and when staff will look at it. It never quotes the
// content, so it carries no personal data.
func explain(ent *Ente, r *Request, d *Decision, s scheduleFacts, notices []string) string {
	w := &ent.params.wording
	if d.Outcome == "not_managed" {
		channel := r.Channel.Platform
		if r.Channel.Account != "" {
			channel += " (" + r.Channel.Account + ")"
		}
		return w.say("not_managed", "channel", channel, "policy", ent.params.PolicyTitle)
	}
	subject, verb := w.Kinds[r.Content.Kind].Noun, w.outcome(d.Outcome, r.Content.Kind)
	var parts []string
	if len(d.Violations) == 0 {
		parts = append(parts, w.say("no_violation", "subject", subject, "outcome", verb, "policy", ent.params.PolicyTitle))
	} else {
		rules := make([]string, len(d.Violations))
		for i, v := range d.Violations {
			title := v.Title
			if title == "" {
				title = v.Rule
			}
			rules[i] = w.say("rule", "title", title, "section", v.Clause.Section, "quote", v.Clause.Quote)
		}
		sentence := "violates"
		if d.Outcome == "review" {
			sentence = "may_violate"
		}
		parts = append(parts, w.say(sentence, "subject", subject, "outcome", verb,
			"rules", strings.Join(rules, w.say("rules_separator")), "policy", ent.params.PolicyTitle))
	}
	for _, a := range d.Actions {
		switch a.Type {
		case "block_author":
			if t, err := time.Parse(time.RFC3339, a.Until); err == nil {
				parts = append(parts, w.say("blocked_until", "until", w.time(t)))
			} else {
				parts = append(parts, w.say("blocked"))
			}
		case "forward_to_office":
			parts = append(parts, w.say("forwarded", "office", a.Office))
		}
	}
	parts = append(parts, notices...)
	var todo []string
	for _, a := range d.Actions {
		if words, ok := w.Actions[a.Type]; ok {
			todo = append(todo, words)
		}
	}
	if len(todo) > 0 {
		parts = append(parts, w.say("todo", "actions", strings.Join(todo, w.say("todo_separator"))))
	}
	switch {
	case s.StaffedNow && s.Due != nil && d.Review.Required:
		parts = append(parts, w.say("staffed_due", "due", w.time(*s.Due)))
	case !s.StaffedNow && s.NextStaffed != nil:
		parts = append(parts, w.say("not_staffed", "next", w.time(*s.NextStaffed)))
	}
	return strings.Join(parts, " ")
}

// statement builds the DSA statement of reasons from the decision alone:
// codes, dates and the rules applied, never the content or the author.
func statement(ent *Ente, r *Request, d *Decision, now time.Time) StatementOfReasons {
	m := ent.params.dsa
	s := StatementOfReasons{
		DecisionVisibility: append([]string{}, m.Visibility[d.Outcome]...),
		ContentType:        contentTypes(m, r),
		ContentLanguage:    ent.params.Language,
		ApplicationDate:    now.Format("2006-01-02"),
		SourceType:         "SOURCE_VOLUNTARY",
		AutomatedDetection: "Yes",
		AutomatedDecision:  "AUTOMATED_DECISION_FULLY",
		TerritorialScope:   []string{"IT"},
		PlatformName:       ent.params.PlatformName,
		PUID:               d.DecisionID,
	}
	if d.Review.Required || d.Outcome == "review" {
		s.AutomatedDecision = "AUTOMATED_DECISION_PARTIALLY"
	}
	s.DecisionVisibilityOther = m.VisibilityOther[d.Outcome]
	if t, err := time.Parse(time.RFC3339, r.Content.CreatedAt); err == nil {
		s.ContentDate = t.Format("2006-01-02")
	} else {
		s.ContentDate = s.ApplicationDate
	}
	for _, a := range d.Actions {
		if acc, ok := m.Account[a.Type]; ok {
			s.DecisionAccount = acc
			if t, err := time.Parse(time.RFC3339, a.Until); err == nil {
				s.EndDateAccountRestriction = t.Format("2006-01-02")
			}
		}
	}
	var sections, rules []string
	seenCat, seenSpec := map[string]bool{}, map[string]bool{}
	for _, v := range d.Violations {
		if v.Outcome == "review" {
			continue // not a restriction: a person will decide
		}
		sections = appendOnce(sections, v.Clause.Section)
		rules = appendOnce(rules, fmt.Sprintf("%s («%s»)", v.Title, v.Clause.Quote))
		c, ok := m.Categories[v.Category]
		if !ok {
			continue
		}
		if s.Category == "" {
			s.Category = c.Category
		} else if c.Category != s.Category && !seenCat[c.Category] {
			s.CategoryAddition = append(s.CategoryAddition, c.Category)
		}
		seenCat[c.Category] = true
		for _, k := range c.Specification {
			if !seenSpec[k] {
				seenSpec[k] = true
				s.CategorySpecification = append(s.CategorySpecification, k)
			}
		}
		if c.SpecificationOther != "" && s.CategorySpecificationOther == "" {
			s.CategorySpecificationOther = c.SpecificationOther
		}
	}
	if len(rules) > 0 {
		s.DecisionGround = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
		s.IncompatibleContentGround = fmt.Sprintf("%s, %s", ent.params.PolicyTitle, strings.Join(sections, "; "))
		s.IncompatibleContentExplanation = strings.Join(rules, "; ")
		s.IncompatibleContentIllegal = "No"
	}
	s.DecisionFacts = d.Explanation
	return s
}

func contentTypes(m dsaMap, r *Request) []string {
	var out []string
	if r.Content.Text != nil && *r.Content.Text != "" {
		out = append(out, m.ContentType[r.Content.Kind]...)
	}
	for _, media := range r.Content.Media {
		out = appendOnce(out, mediaContentType[media.Type])
	}
	if len(out) == 0 {
		out = []string{"CONTENT_TYPE_OTHER"}
	}
	return out
}

var mediaContentType = map[string]string{
	"image": "CONTENT_TYPE_IMAGE", "video": "CONTENT_TYPE_VIDEO", "audio": "CONTENT_TYPE_AUDIO",
	"document": "CONTENT_TYPE_OTHER", "link": "CONTENT_TYPE_OTHER", "other": "CONTENT_TYPE_OTHER",
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
