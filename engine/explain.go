package engine

import (
	"fmt"
	"strings"
	"time"
)

// Italian words for what the API says in English codes. Text shown to
// citizens and staff is Italian; the codes stay the contract.
var (
	kindNoun = map[string]string{
		"comment": "Il commento", "reply": "La risposta", "post": "Il post",
		"private_message": "Il messaggio privato", "report": "La segnalazione",
	}
	feminine    = map[string]bool{"reply": true, "report": true}
	outcomeVerb = map[string][2]string{ // masculine, feminine
		"allow":    {"è ammesso", "è ammessa"},
		"review":   {"è affidato alla valutazione del personale", "è affidata alla valutazione del personale"},
		"redirect": {"riceve l'indicazione del canale corretto", "riceve l'indicazione del canale corretto"},
		"hide":     {"viene nascosto", "viene nascosta"},
		"remove":   {"viene rimosso", "viene rimossa"},
		"reject":   {"non può essere pubblicato", "non può essere pubblicata"},
	}
	weekdayIT = [...]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}
	monthIT   = [...]string{"", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
		"agosto", "settembre", "ottobre", "novembre", "dicembre"}
	actionIT = map[string]string{
		"reply": "rispondere", "forward_to_office": "inoltrare all'ufficio competente",
		"report_platform": "segnalare alla piattaforma", "report_authorities": "segnalare alle autorità",
		"escalate": "sottoporre al responsabile", "warn_author": "avvisare l'autore",
	}
)

// ItalianTime writes t as "lunedì 24 novembre 2026 alle 9:00".
func ItalianTime(t time.Time) string {
	return fmt.Sprintf("%s %d %s %d alle %d:%02d", weekdayIT[t.Weekday()], t.Day(), monthIT[t.Month()], t.Year(), t.Hour(), t.Minute())
}

// explain writes the decision in Italian: what happens, under which rule of
// which section, and when staff will look at it. It never quotes the
// content, so it carries no personal data.
func explain(ent *Ente, r *Request, d *Decision, s scheduleFacts, notices []string) string {
	var b strings.Builder
	subject := kindNoun[r.Content.Kind]
	g := 0
	if feminine[r.Content.Kind] {
		g = 1
	}
	switch {
	case d.Outcome == "not_managed":
		fmt.Fprintf(&b, "Il canale %s", r.Channel.Platform)
		if r.Channel.Account != "" {
			fmt.Fprintf(&b, " (%s)", r.Channel.Account)
		}
		fmt.Fprintf(&b, " non è tra quelli gestiti secondo la %s: nessuna azione.", ent.params.PolicyTitle)
		return b.String()
	case len(d.Violations) == 0:
		fmt.Fprintf(&b, "%s %s: non viola alcuna regola della %s.", subject, outcomeVerb[d.Outcome][g], ent.params.PolicyTitle)
	default:
		verb := outcomeVerb[d.Outcome][g]
		if d.Outcome == "review" {
			fmt.Fprintf(&b, "%s %s perché potrebbe violare ", subject, verb)
		} else {
			fmt.Fprintf(&b, "%s %s perché viola ", subject, verb)
		}
		for i, v := range d.Violations {
			if i > 0 {
				b.WriteString("; ")
			}
			title := v.Title
			if title == "" {
				title = v.Rule
			}
			fmt.Fprintf(&b, "la regola «%s» (sezione «%s»: «%s»)", title, v.Clause.Section, v.Clause.Quote)
		}
		fmt.Fprintf(&b, " della %s.", ent.params.PolicyTitle)
	}
	for _, a := range d.Actions {
		switch a.Type {
		case "block_author":
			if t, err := time.Parse(time.RFC3339, a.Until); err == nil {
				fmt.Fprintf(&b, " L'autore viene bloccato fino a %s perché ha violato ripetutamente le regole.", ItalianTime(t))
			} else {
				b.WriteString(" L'autore viene bloccato.")
			}
		case "forward_to_office":
			fmt.Fprintf(&b, " La richiesta viene inoltrata all'ufficio %s.", a.Office)
		}
	}
	for _, n := range notices {
		b.WriteString(" ")
		b.WriteString(n)
	}
	var todo []string
	for _, a := range d.Actions {
		if w, ok := actionIT[a.Type]; ok && a.Type != "forward_to_office" {
			todo = append(todo, w)
		}
	}
	if len(todo) > 0 {
		fmt.Fprintf(&b, " Da fare: %s.", strings.Join(todo, ", "))
	}
	switch {
	case s.StaffedNow && s.Due != nil && d.Review.Required:
		fmt.Fprintf(&b, " Il canale è presidiato ora: il personale se ne occuperà entro %s.", ItalianTime(*s.Due))
	case !s.StaffedNow && s.NextStaffed != nil:
		fmt.Fprintf(&b, " Il canale non è presidiato in questo momento: il personale lo esaminerà a partire da %s.", ItalianTime(*s.NextStaffed))
	}
	return b.String()
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
