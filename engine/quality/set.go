// Package quality measures how well the facts and an ente's rules judge real
// comments. It owns the labelled set (comments a careful moderator has
// labelled with the categories they truly belong to and whether the ente's
// policy removes them automatically), running the set through the real
// engine, and scoring the decisions: precision, recall and F1 per category
// and for automatic removal. It also owns the functional suite (suite.go):
// cases grouped by functionality and split into dev and held-out, scored by
// flagged and removed rates per functionality, ground and split, with floors
// kept as data. `galateo eval` prints both reports; tests keep the figures
// from falling below agreed floors.
package quality

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/galateo/galateo/engine"
)

// Categories are the violation categories of DESIGN.md, in report order.
var Categories = []string{
	"offensive_language", "threat", "discrimination", "defamation", "personal_data",
	"advertising_spam", "off_topic", "political_propaganda", "copyright_trademark",
	"illegal_activity", "misinformation", "personal_case", "fake_account", "flooding",
	"staff_opinion", "unauthorised_publisher",
}

// Tags say why a comment is in the set. Hard negatives (no category) carry
// what makes them hard; positives may carry how they are disguised.
var Tags = map[string]string{
	// hard negatives
	"criticism":    "harsh criticism of the administration without insults",
	"dialect":      "toscano or massese",
	"irony":        "irony or sarcasm",
	"quoted":       "an insult quoted or reported, not addressed",
	"place":        "a place name that looks like an insult",
	"saint":        "a saint, a Madonna, an exclamation",
	"surname":      "a surname that looks like an insult",
	"number":       "a number that looks like personal data and is not",
	"near_word":    "an ordinary word next to an insult or slur",
	"group":        "a group named without hostility",
	"civic":        "politics or voting without propaganda",
	"crime_report": "a crime reported to the Comune, not promoted",
	"idiom":        "an idiom that sounds violent or vulgar",
	// disguises of positives
	"leetspeak": "digits or symbols for letters",
	"spaced":    "letters spaced or dotted out",
	"repeated":  "letters repeated",
	"hidden":    "zero-width or look-alike characters",
}

// Set is a labelled set of comments under an ente's posts.
type Set struct {
	Path     string            `yaml:"-"`
	Ente     string            `yaml:"ente"`    // the ente whose policy the labels apply
	Channel  engine.Channel    `yaml:"channel"` // where every comment is published
	Now      string            `yaml:"now"`     // the decision time of every comment
	Threads  map[string]string `yaml:"threads"` // the ente's posts, by key
	Comments []Comment         `yaml:"comments"`
}

// Comment is one labelled comment.
type Comment struct {
	ID         string   `yaml:"id"`
	Thread     string   `yaml:"thread"` // key of the post it answers; empty for none
	Kind       string   `yaml:"kind"`   // comment (default) or reply
	Author     string   `yaml:"author"` // only where the same author writes again (repetition)
	Text       string   `yaml:"text"`
	Categories []string `yaml:"categories"` // what it truly is; none for an acceptable comment
	Remove     bool     `yaml:"remove"`     // the ente's policy removes it without a person
	Tags       []string `yaml:"tags"`
	Note       string   `yaml:"note"`
	Line       int      `yaml:"-"` // in the set's file
}

// Negative reports whether the comment breaks no rule.
func (c Comment) Negative() bool { return len(c.Categories) == 0 }

// Hard reports whether the comment is a hard negative: acceptable, but
// with something that a careless filter takes for a violation.
func (c Comment) Hard() bool { return c.Negative() && len(c.Tags) > 0 }

// Load reads and checks a labelled set. Every error names the file and,
// for a comment, its line and id.
func Load(path string) (*Set, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load labelled set: %w", err)
	}
	s, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.Path = path
	return s, nil
}

// Parse reads and checks a labelled set from YAML.
func Parse(raw []byte) (*Set, error) {
	var s Set
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true) // a typo in a label must not pass unnoticed
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not a labelled set: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("not a labelled set: %w", err)
	}
	lines := itemLines(&root, "comments")
	for i := range s.Comments {
		if i < len(lines) {
			s.Comments[i].Line = lines[i]
		}
	}
	if err := s.check(); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *Set) check() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if s.Ente == "" {
		bad("ente is required")
	}
	if !slices.Contains(engine.Platforms, s.Channel.Platform) {
		bad("channel.platform must be one of %s", strings.Join(engine.Platforms, ", "))
	}
	if _, err := time.Parse(time.RFC3339, s.Now); err != nil {
		bad("now must be an RFC 3339 date-time such as 2026-11-24T10:15:00+01:00")
	}
	if len(s.Comments) == 0 {
		bad("comments: the set has none")
	}
	ids := map[string]int{}
	for i := range s.Comments {
		c := &s.Comments[i]
		where := fmt.Sprintf("comments[%d] (line %d, id %q)", i, c.Line, c.ID)
		if c.ID == "" {
			bad("%s: id is required", where)
		} else if prev, dup := ids[c.ID]; dup {
			bad("%s: id already used at line %d", where, prev)
		}
		ids[c.ID] = c.Line
		if strings.TrimSpace(c.Text) == "" {
			bad("%s: text is required", where)
		}
		if c.Thread != "" {
			if _, ok := s.Threads[c.Thread]; !ok {
				bad("%s: thread %q is not among threads", where, c.Thread)
			}
		}
		if c.Kind == "" {
			c.Kind = "comment"
		} else if c.Kind != "comment" && c.Kind != "reply" {
			bad("%s: kind must be comment or reply", where)
		}
		seen := map[string]bool{}
		for _, cat := range c.Categories {
			if !slices.Contains(Categories, cat) {
				bad("%s: unknown category %q", where, cat)
			}
			if seen[cat] {
				bad("%s: category %q twice", where, cat)
			}
			seen[cat] = true
		}
		if c.Remove && c.Negative() {
			bad("%s: remove without a category: a removal needs a reason", where)
		}
		for _, t := range c.Tags {
			if _, ok := Tags[t]; !ok {
				bad("%s: unknown tag %q", where, t)
			}
		}
	}
	return errors.Join(errs...)
}

// Request is the POST /decide body of comment c, for ente.
func (s *Set) Request(c Comment, ente string) *engine.Request {
	text := c.Text
	author := "eval:" + c.ID // a fresh author for each comment: no history
	if c.Author != "" {
		author = "eval:author:" + c.Author
	}
	r := &engine.Request{
		Ente:    ente,
		Channel: s.Channel,
		Content: engine.Content{ID: c.ID, Kind: c.Kind, Text: &text, CreatedAt: s.Now},
		Author:  engine.Author{ID: author},
		Now:     s.Now,
	}
	if c.Thread != "" {
		r.Content.Thread = &engine.Thread{ID: c.Thread, Text: s.Threads[c.Thread]}
	}
	return r
}
