package meta

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/galateo/galateo/engine"
)

// Step is one Graph API call that carries out an action.
type Step struct {
	Action  string            `json:"action"`  // hide, remove, reply, block_author
	Outcome string            `json:"outcome"` // the outcome the step carries out
	Method  string            `json:"method"`
	Path    string            `json:"path"` // under the Graph base URL, e.g. /123_456
	Form    map[string]string `json:"form,omitempty"`
}

// Result is what one Graph call answered, as the outbox keeps it: no
// token, the body cut short.
type Result struct {
	Step   int       `json:"step"` // index in the plan
	Action string    `json:"action"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status"` // 0 when no answer came
	Body   string    `json:"body,omitempty"`
	At     time.Time `json:"at"`
	Class  string    `json:"class"` // one of the class constants
}

// Classes of a Graph answer.
const (
	classOK      = "ok"      // done
	classGone    = "gone"    // the object no longer exists: nothing left to do
	classRetry   = "retry"   // rate limit, server error, network: later
	classExpired = "expired" // the page token is expired or revoked: a person must renew it
	classFailed  = "failed"  // refused for another reason; retried a few times
)

// maxResultBody bounds the Graph body kept per call.
const maxResultBody = 2000

// graphError is the error object of a Graph answer.
type graphError struct {
	Error struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		Code    int    `json:"code"`
		Subcode int    `json:"error_subcode"`
	} `json:"error"`
}

// plan turns a decision's actions on a content into Graph calls. Only
// comments and replies are acted upon: a post is the ente's own staff's.
func plan(acct *account, platform, objectID, kind string, outcome string, actions []engine.Action, reply *engine.Reply, authorID string) []Step {
	if kind != "comment" && kind != "reply" {
		return nil
	}
	types := make([]string, 0, len(actions)+1)
	for _, a := range actions {
		types = append(types, a.Type)
	}
	// The outcome is done even when the policy lists no action for it.
	if (outcome == "hide" || outcome == "remove") && !slices.Contains(types, outcome) {
		types = append([]string{outcome}, types...)
	}
	if outcome == "remove" {
		types = slices.DeleteFunc(types, func(t string) bool { return t == "hide" }) // removing is enough
	}
	page := acct.ID
	if platform == "instagram" && acct.PageID != "" {
		page = acct.PageID
	}
	var steps []Step
	seen := map[string]bool{}
	for _, t := range types {
		if seen[t] {
			continue
		}
		seen[t] = true
		switch t {
		case "hide":
			field := "is_hidden"
			if platform == "instagram" {
				field = "hide"
			}
			steps = append(steps, Step{Action: t, Method: http.MethodPost, Path: "/" + objectID, Form: map[string]string{field: "true"}})
		case "remove":
			steps = append(steps, Step{Action: t, Method: http.MethodDelete, Path: "/" + objectID})
		case "reply":
			if reply == nil || strings.TrimSpace(reply.Text) == "" || outcome == "remove" {
				continue
			}
			if reply.Visibility == "private" {
				recipient, _ := json.Marshal(map[string]string{"comment_id": objectID})
				message, _ := json.Marshal(map[string]string{"text": reply.Text})
				steps = append(steps, Step{Action: t, Method: http.MethodPost, Path: "/" + page + "/messages",
					Form: map[string]string{"recipient": string(recipient), "message": string(message)}})
				continue
			}
			edge := "/comments"
			if platform == "instagram" {
				edge = "/replies"
			}
			steps = append(steps, Step{Action: t, Method: http.MethodPost, Path: "/" + objectID + edge, Form: map[string]string{"message": reply.Text}})
		case "block_author":
			// Pages can block a Facebook user; Instagram has no such call.
			user, ok := strings.CutPrefix(authorID, "fb:")
			if platform != "facebook" || !ok || user == "" {
				continue
			}
			steps = append(steps, Step{Action: t, Method: http.MethodPost, Path: "/" + page + "/blocked", Form: map[string]string{"user": user}})
		}
	}
	for i := range steps {
		steps[i].Outcome = outcome
	}
	return steps
}

// call makes one Graph call with a page token and classifies the answer.
func call(ctx context.Context, client *http.Client, base, token string, s Step, at time.Time) Result {
	r := Result{Action: s.Action, Method: s.Method, Path: s.Path, At: at}
	status, raw, err := do(ctx, client, base, token, s)
	if err != nil {
		r.Class, r.Body = classRetry, redact(err.Error(), token)
		return r
	}
	r.Status = status
	r.Body = redact(string(raw), token)
	if len(r.Body) > maxResultBody {
		r.Body = r.Body[:maxResultBody]
	}
	r.Class = classify(status, raw)
	return r
}

// do sends a step, the token as a bearer header so that it is in no URL,
// and returns the status and up to 64 KiB of the body.
func do(ctx context.Context, client *http.Client, base, token string, s Step) (int, []byte, error) {
	form := url.Values{}
	for k, v := range s.Form {
		form.Set(k, v)
	}
	var body io.Reader
	target := base + s.Path
	if s.Method == http.MethodPost {
		body = strings.NewReader(form.Encode())
	} else if len(form) > 0 {
		target += "?" + form.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, s.Method, target, body)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	return res.StatusCode, raw, err
}

// classify reads a Graph answer: its error codes say whether to retry.
func classify(status int, body []byte) string {
	if status >= 200 && status < 300 {
		return classOK
	}
	var ge graphError
	_ = json.Unmarshal(body, &ge)
	switch c := ge.Error.Code; {
	case c == 4 || c == 17 || c == 32 || c == 613 || c == 80001 || c == 80004:
		return classRetry // rate limits of the app, the user, the page
	case c == 190:
		return classExpired
	case c == 100 && strings.Contains(strings.ToLower(ge.Error.Message), "does not exist"):
		return classGone
	case status == http.StatusTooManyRequests || status >= 500:
		return classRetry
	}
	return classFailed
}

// redact removes a token from text that could echo it.
func redact(text, token string) string {
	if token == "" {
		return text
	}
	return strings.ReplaceAll(text, token, "[redacted]")
}

// expiredError names the page whose token must be renewed.
func expiredError(acct *account, r Result) string {
	return fmt.Sprintf("the access token of %s %s (ente %s) is expired or revoked (Graph error 190): renew it in the page's settings and the configured secret; %s %s answered %d",
		acct.Platform, acct.ID, acct.ente, r.Method, r.Path, r.Status)
}
