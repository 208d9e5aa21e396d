package engine

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// wording is data.lexicon.wording (policies/lexicon/wording.yaml): the
// Italian words and sentences of a decision's explanation. The API's codes
// are the contract; what people read is policy data, part of every ente's
// revision.
type wording struct {
	Kinds map[string]struct {
		Noun     string `json:"noun"`
		Feminine bool   `json:"feminine"`
	} `json:"kinds"`
	Outcomes map[string]struct {
		Masculine string `json:"masculine"`
		Feminine  string `json:"feminine"`
	} `json:"outcomes"`
	Actions   map[string]string `json:"actions"`
	Weekdays  []string          `json:"weekdays"`
	Months    []string          `json:"months"`
	Sentences map[string]string `json:"sentences"`
}

// sentencePlaceholders lists each sentence the engine writes and the
// placeholders it fills in.
var sentencePlaceholders = map[string][]string{
	"time":            {"weekday", "day", "month", "year", "hour", "minute"},
	"not_managed":     {"channel", "policy"},
	"no_violation":    {"subject", "outcome", "policy"},
	"violates":        {"subject", "outcome", "rules", "policy"},
	"may_violate":     {"subject", "outcome", "rules", "policy"},
	"rule":            {"title", "section", "quote"},
	"rules_separator": nil,
	"blocked_until":   {"until"},
	"blocked":         nil,
	"forwarded":       {"office"},
	"todo":            {"actions"},
	"todo_separator":  nil,
	"staffed_due":     {"due"},
	"not_staffed":     {"next"},
}

var placeholderRe = regexp.MustCompile(`\{([a-z_]*)\}`)

// check reports every kind, outcome, sentence or calendar word missing,
// and every placeholder a sentence does not take, so that a mistake in the
// wording stops the revision at load instead of showing "{titel}" to a
// citizen.
func (w *wording) check() error {
	var errs []error
	for _, k := range Kinds {
		if w.Kinds[k].Noun == "" {
			errs = append(errs, fmt.Errorf("kinds.%s: no noun", k))
		}
	}
	for _, o := range Outcomes {
		if o == "not_managed" {
			continue // has a sentence of its own
		}
		if w.Outcomes[o].Masculine == "" || w.Outcomes[o].Feminine == "" {
			errs = append(errs, fmt.Errorf("outcomes.%s: needs masculine and feminine", o))
		}
	}
	if len(w.Weekdays) != 7 {
		errs = append(errs, fmt.Errorf("weekdays: %d names, want 7 from domenica", len(w.Weekdays)))
	}
	if len(w.Months) != 12 {
		errs = append(errs, fmt.Errorf("months: %d names, want 12 from gennaio", len(w.Months)))
	}
	for _, name := range sortedKeys(sentencePlaceholders) {
		s, ok := w.Sentences[name]
		if !ok {
			errs = append(errs, fmt.Errorf("sentences.%s: missing", name))
			continue
		}
		for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(sentencePlaceholders[name], m[1]) {
				errs = append(errs, fmt.Errorf("sentences.%s: {%s} is not one of %v", name, m[1], sentencePlaceholders[name]))
			}
		}
	}
	for _, name := range sortedKeys(w.Sentences) {
		if _, ok := sentencePlaceholders[name]; !ok {
			errs = append(errs, fmt.Errorf("sentences.%s: not a sentence the engine writes", name))
		}
	}
	return errors.Join(errs...)
}

// say fills the sentence's placeholders, given as name, value pairs.
func (w *wording) say(sentence string, pairs ...string) string {
	s := w.Sentences[sentence]
	if len(pairs) == 0 {
		return s
	}
	return strings.NewReplacer(bracePairs(pairs)...).Replace(s)
}

func bracePairs(pairs []string) []string {
	out := make([]string, len(pairs))
	for i := 0; i < len(pairs); i += 2 {
		out[i], out[i+1] = "{"+pairs[i]+"}", pairs[i+1]
	}
	return out
}

// time writes t as "lunedì 24 novembre 2026 alle 9:00".
func (w *wording) time(t time.Time) string {
	return w.say("time",
		"weekday", w.Weekdays[t.Weekday()], "day", strconv.Itoa(t.Day()), "month", w.Months[t.Month()-1],
		"year", strconv.Itoa(t.Year()), "hour", strconv.Itoa(t.Hour()), "minute", fmt.Sprintf("%02d", t.Minute()))
}

// outcome is the outcome's verb agreeing with the kind of content.
func (w *wording) outcome(outcome, kind string) string {
	o := w.Outcomes[outcome]
	if w.Kinds[kind].Feminine {
		return o.Feminine
	}
	return o.Masculine
}
