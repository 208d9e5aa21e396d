package engine

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Request is the body of POST /decide. Field names are the contract of DESIGN.md.
type Request struct {
	Ente    string             `json:"ente"`
	Channel Channel            `json:"channel"`
	Content Content            `json:"content"`
	Author  Author             `json:"author"`
	Signals map[string]float64 `json:"signals,omitempty"`
	Now     string             `json:"now,omitempty"`
}

// Channel is where the content was published.
type Channel struct {
	Platform string `json:"platform"`
	Account  string `json:"account,omitempty"`
}

// Content is the comment, reply, post, private message or report to decide on.
type Content struct {
	ID        string  `json:"id,omitempty"`
	Kind      string  `json:"kind"`
	Text      *string `json:"text"`
	CreatedAt string  `json:"created_at,omitempty"`
	Thread    *Thread `json:"thread,omitempty"`
	Media     []Media `json:"media,omitempty"`
}

// Thread is the post that a comment answers.
type Thread struct {
	ID   string `json:"id,omitempty"`
	Text string `json:"text,omitempty"`
}

// Media is an attachment; only its type is used.
type Media struct {
	Type string `json:"type"`
	URL  string `json:"url,omitempty"`
}

// Author is who wrote the content.
type Author struct {
	ID              string `json:"id,omitempty"`
	Name            string `json:"name,omitempty"`
	Role            string `json:"role,omitempty"`
	Office          string `json:"office,omitempty"`
	Anonymous       bool   `json:"anonymous,omitempty"`
	AnonymityReason string `json:"anonymity_reason,omitempty"`
}

// Limits of a request, beyond the body size the API enforces.
const (
	MaxTextRunes   = 20000
	MaxThreadRunes = 20000
	MaxShortField  = 256
	MaxSignals     = 32
	MaxMedia       = 32
)

// Enumerations of DESIGN.md.
var (
	Platforms  = []string{"facebook", "instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "website", "other"}
	Kinds      = []string{"comment", "reply", "post", "private_message", "report"}
	Roles      = []string{"citizen", "staff", "administrator", "councillor"}
	MediaTypes = []string{"image", "video", "audio", "document", "link", "other"}
	Outcomes   = []string{"allow", "review", "redirect", "hide", "remove", "reject", "not_managed"}
	// ActionTypes are the types of actions[] (DESIGN.md).
	ActionTypes = []string{"remove", "hide", "reply", "forward_to_office", "report_platform",
		"block_author", "warn_author", "report_authorities", "escalate"}
)

var (
	enteRe   = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	signalRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
)

// FieldError names one invalid field of a request, by its JSON path.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// ValidationError lists every invalid field of a request.
type ValidationError struct{ Fields []FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Reason
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

// Validate checks every field of r and returns a *ValidationError naming all
// the invalid ones, or nil. It fills defaults (author.role citizen).
func (r *Request) Validate() error {
	var errs []FieldError
	bad := func(field, format string, a ...any) {
		errs = append(errs, FieldError{Field: field, Reason: fmt.Sprintf(format, a...)})
	}
	switch {
	case r.Ente == "":
		bad("ente", "is required")
	case !enteRe.MatchString(r.Ente):
		bad("ente", "must be lower case letters, digits and underscores, starting with a letter")
	}
	if r.Channel.Platform == "" {
		bad("channel.platform", "is required")
	} else if !oneOf(r.Channel.Platform, Platforms) {
		bad("channel.platform", "must be one of %s", strings.Join(Platforms, ", "))
	}
	checkShort(bad, "channel.account", r.Channel.Account)
	if r.Content.Kind == "" {
		bad("content.kind", "is required")
	} else if !oneOf(r.Content.Kind, Kinds) {
		bad("content.kind", "must be one of %s", strings.Join(Kinds, ", "))
	}
	switch {
	case r.Content.Text == nil:
		bad("content.text", "is required (it may be empty only when content.media is present)")
	case *r.Content.Text == "" && len(r.Content.Media) == 0:
		bad("content.text", "may be empty only when content.media is present")
	case utf8.RuneCountInString(*r.Content.Text) > MaxTextRunes:
		bad("content.text", "is longer than %d characters", MaxTextRunes)
	default:
		checkChars(bad, "content.text", *r.Content.Text)
	}
	checkShort(bad, "content.id", r.Content.ID)
	checkTime(bad, "content.created_at", r.Content.CreatedAt)
	if t := r.Content.Thread; t != nil {
		checkShort(bad, "content.thread.id", t.ID)
		if utf8.RuneCountInString(t.Text) > MaxThreadRunes {
			bad("content.thread.text", "is longer than %d characters", MaxThreadRunes)
		} else {
			checkChars(bad, "content.thread.text", t.Text)
		}
	}
	if len(r.Content.Media) > MaxMedia {
		bad("content.media", "has more than %d items", MaxMedia)
	}
	for i, m := range r.Content.Media {
		if !oneOf(m.Type, MediaTypes) {
			bad(fmt.Sprintf("content.media[%d].type", i), "must be one of %s", strings.Join(MediaTypes, ", "))
		}
		if len(m.URL) > 2048 {
			bad(fmt.Sprintf("content.media[%d].url", i), "is longer than 2048 bytes")
		} else {
			checkChars(bad, fmt.Sprintf("content.media[%d].url", i), m.URL)
		}
	}
	if r.Author.Role == "" {
		r.Author.Role = "citizen"
	} else if !oneOf(r.Author.Role, Roles) {
		bad("author.role", "must be one of %s", strings.Join(Roles, ", "))
	}
	checkShort(bad, "author.id", r.Author.ID)
	checkShort(bad, "author.name", r.Author.Name)
	checkShort(bad, "author.office", r.Author.Office)
	if len(r.Author.AnonymityReason) > 2048 {
		bad("author.anonymity_reason", "is longer than 2048 bytes")
	} else {
		checkChars(bad, "author.anonymity_reason", r.Author.AnonymityReason)
	}
	if len(r.Signals) > MaxSignals {
		bad("signals", "has more than %d scores", MaxSignals)
	}
	for name, v := range r.Signals {
		if !signalRe.MatchString(name) {
			bad("signals."+name, "is not a valid signal name (lower case letters, digits, underscores)")
		} else if v < 0 || v > 1 || v != v {
			bad("signals."+name, "must be a number between 0 and 1")
		}
	}
	checkTime(bad, "now", r.Now)
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Fields: errs}
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func checkShort(bad func(string, string, ...any), field, v string) {
	if len(v) > MaxShortField {
		bad(field, "is longer than %d bytes", MaxShortField)
	} else {
		checkChars(bad, field, v)
	}
}

// checkChars refuses text the audit log could not keep as it was sent: a
// NUL (PostgreSQL's text cannot hold it) and invalid UTF-8. The API finds
// both, and lone surrogates, in the raw body before decoding; this is the
// same rule for requests built in Go.
func checkChars(bad func(string, string, ...any), field, v string) {
	switch {
	case !utf8.ValidString(v):
		bad(field, "is not valid UTF-8")
	case strings.IndexByte(v, 0) >= 0:
		bad(field, `contains a NUL character (\u0000)`)
	}
}

func checkTime(bad func(string, string, ...any), field, v string) {
	if v == "" {
		return
	}
	if _, err := ParseInstant(v); err != nil {
		bad(field, "%v", err)
	}
}

// The instants a request or a query may name. An audit record keeps its
// time as nanoseconds since 1970 in 64 bits, which reach from 1678 to
// 2262: an instant beyond them would wrap and the record would no longer
// verify, and a year beyond 9999 is not RFC 3339 and could not be read
// back. The range is narrower than that, and round: no content of a
// social network predates 1900, and the same time zone offset added to
// 2199-12-31T23:59:59Z still fits.
var (
	MinInstant = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxInstant = time.Date(2199, 12, 31, 23, 59, 59, 999999999, time.UTC)
)

// ParseInstant reads an RFC 3339 date-time between MinInstant and
// MaxInstant (inclusive, compared as instants whatever the offset). Its
// error is a reason that follows the name of a field.
func ParseInstant(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, errors.New("must be an RFC 3339 date-time such as 2026-11-23T10:15:00+01:00")
	}
	if t.Before(MinInstant) || t.After(MaxInstant) {
		return time.Time{}, errors.New("must be between 1900-01-01T00:00:00Z and 2199-12-31T23:59:59Z")
	}
	return t, nil
}
