package meta

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/store"
)

// MaxDeliveryBytes bounds a webhook delivery's body. Meta batches up to
// 1,000 changes in one delivery, which stays under about 1 MB; twice that
// leaves room without letting a stranger make the server read without end.
const MaxDeliveryBytes = 2 << 20

// VerifyToken reports, in constant time, whether a handshake's token is
// the configured one.
func (c *Connector) VerifyToken(token string) bool {
	return subtle.ConstantTimeCompare([]byte(token), c.verifyToken) == 1
}

// Authentic reports whether header (X-Hub-Signature-256) is
// "sha256=" + the hex HMAC-SHA256 of body under the app secret.
func (c *Connector) Authentic(body []byte, header string) bool {
	hexSig, ok := strings.CutPrefix(header, "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, c.appSecret)
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Sign returns the X-Hub-Signature-256 of body: what Meta sends, for tests
// and tools that play Meta.
func Sign(secret, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// payload is a webhook delivery as Meta documents it.
type payload struct {
	Object string  `json:"object"`
	Entry  []entry `json:"entry"`
}

type entry struct {
	ID      string   `json:"id"`
	Time    int64    `json:"time"`
	Changes []change `json:"changes"`
}

type change struct {
	Field string `json:"field"`
	Value value  `json:"value"`
}

// value holds the fields of a feed change and of an Instagram comment or
// mention.
type value struct {
	// Facebook feed.
	Item        string          `json:"item"`
	Verb        string          `json:"verb"`
	CommentID   string          `json:"comment_id"`
	PostID      string          `json:"post_id"`
	ParentID    string          `json:"parent_id"`
	Message     string          `json:"message"`
	CreatedTime json.RawMessage `json:"created_time"`
	From        from            `json:"from"`
	Photo       string          `json:"photo"` // the URL of a photo comment
	Video       string          `json:"video"`
	// Instagram (parent_id, for a reply, is the same member as the feed's).
	ID    string `json:"id"`
	Text  string `json:"text"`
	Media struct {
		ID string `json:"id"`
	} `json:"media"`
	MediaID string `json:"media_id"` // of a mention
}

type from struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username"`
}

// Receipt says what a delivery added to the outbox.
type Receipt struct {
	Changes int `json:"changes"` // in the delivery
	Added   int `json:"added"`   // new in the outbox (a redelivery adds none)
	Ignored int `json:"ignored"` // stored as ignored: no ente has the page, or nothing to decide
}

// Outbox is where deliveries are kept; *store.SQL is one.
type Outbox interface {
	Enqueue(ctx context.Context, ds []store.Delivery) (int, error)
}

// PayloadError is a delivery that is not Meta's payload.
type PayloadError struct{ Reason string }

func (e *PayloadError) Error() string { return "meta delivery: " + e.Reason }

// Receive maps an authenticated delivery onto outbox rows and stores them
// all before it returns: only then may the delivery be acknowledged. at is
// when it arrived, the decision time of changes whose entry has no time.
func (c *Connector) Receive(ctx context.Context, out Outbox, log *slog.Logger, body []byte, at time.Time) (Receipt, error) {
	var p payload
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&p); err != nil {
		return Receipt{}, &PayloadError{"not a JSON object: " + err.Error()}
	}
	if p.Object != "page" && p.Object != "instagram" {
		return Receipt{}, &PayloadError{fmt.Sprintf("object %q is neither page nor instagram", p.Object)}
	}
	var (
		rows []store.Delivery
		rec  Receipt
	)
	for _, e := range p.Entry {
		for _, ch := range e.Changes {
			rec.Changes++
			d := c.mapChange(p.Object, e, ch, at)
			if d.State == store.DeliveryIgnored {
				rec.Ignored++
				log.InfoContext(ctx, "meta change ignored", "object", p.Object, "page", e.ID, "field", ch.Field, "reason", d.LastError)
			}
			rows = append(rows, d)
		}
	}
	n, err := out.Enqueue(ctx, rows)
	if err != nil {
		return rec, err
	}
	rec.Added = n
	return rec, nil
}

// mapChange turns one change into an outbox row: pending with its decision
// request, or ignored with the reason in LastError.
func (c *Connector) mapChange(object string, e entry, ch change, at time.Time) store.Delivery {
	v := ch.Value
	platform := "facebook"
	if object == "instagram" {
		platform = "instagram"
	}
	now := at
	if e.Time > 0 {
		now = unixTime(e.Time)
	}
	d := store.Delivery{Platform: platform, PageID: e.ID, State: store.DeliveryPending, CreatedAt: at}
	ignore := func(reason string) store.Delivery {
		d.State, d.LastError = store.DeliveryIgnored, reason
		if d.ObjectID == "" {
			d.ObjectID = fmt.Sprintf("%s:%s:%d", e.ID, ch.Field, e.Time)
		}
		raw, _ := json.Marshal(ch)
		d.Digest = digest(raw)
		// Not the change itself: a page no ente has is none of its data.
		d.Request, _ = json.Marshal(map[string]string{"field": ch.Field, "item": v.Item, "verb": v.Verb})
		return d
	}
	acct, ok := c.accounts[e.ID]
	req := engine.Request{Channel: engine.Channel{Platform: platform}, Now: now.Format(time.RFC3339)}
	var text string
	switch {
	case platform == "facebook" && ch.Field == "feed":
		d.ObjectID = v.CommentID
		if v.Item == "post" || d.ObjectID == "" {
			d.ObjectID = v.PostID
		}
		switch v.Item {
		case "comment":
			req.Content.Kind = "comment"
			if v.ParentID != "" && v.ParentID != v.PostID {
				req.Content.Kind = "reply"
			}
		case "post", "status", "photo", "video":
			req.Content.Kind = "post"
			if v.From.ID != e.ID {
				// A visitor's post on the page is a citizen's content, decided
				// and acted upon as a comment.
				req.Content.Kind = "comment"
			}
		default:
			return ignore(fmt.Sprintf("feed item %q is not decided", v.Item))
		}
		if v.Verb == "remove" || v.Verb == "hide" || v.Verb == "unhide" {
			return ignore("verb " + v.Verb + ": nothing to decide")
		}
		text = v.Message
		if v.Photo != "" {
			req.Content.Media = append(req.Content.Media, engine.Media{Type: "image", URL: v.Photo})
		}
		if v.Video != "" {
			req.Content.Media = append(req.Content.Media, engine.Media{Type: "video", URL: v.Video})
		}
		if v.Item == "comment" {
			req.Content.Thread = &engine.Thread{ID: v.PostID}
		}
		req.Author = engine.Author{ID: prefixed("fb:", v.From.ID), Name: v.From.Name}
		if v.From.ID != "" && v.From.ID == e.ID {
			req.Author.Role = "staff" // the page writes as itself
		}
		if t, ok := createdTime(v.CreatedTime); ok {
			req.Content.CreatedAt = t.Format(time.RFC3339)
		}
	case platform == "instagram" && (ch.Field == "comments" || ch.Field == "mentions"):
		d.ObjectID = cmp.Or(v.ID, v.CommentID)
		req.Content.Kind = "comment"
		if v.ParentID != "" {
			req.Content.Kind = "reply"
		}
		text = v.Text
		if text == "" {
			// A mention names the comment but does not carry it; reading it
			// back from the Graph API is not done yet.
			return ignore("the change carries no text to decide")
		}
		if media := cmp.Or(v.Media.ID, v.MediaID); media != "" {
			req.Content.Thread = &engine.Thread{ID: media}
		}
		req.Author = engine.Author{ID: prefixed("ig:", v.From.ID), Name: v.From.Username}
	default:
		return ignore(fmt.Sprintf("field %q of %s is not decided", ch.Field, object))
	}
	if d.ObjectID == "" {
		return ignore("the change names no comment or post")
	}
	if !ok {
		return ignore("no ente has page " + e.ID)
	}
	d.Ente = acct.ente
	req.Ente = acct.ente
	req.Channel.Account = acct.Name
	req.Content.Text = &text
	// The digest is of what is decided, so that an edit is a new revision
	// and a redelivery is not.
	what := req.Ente + "\x00" + d.ObjectID + "\x00" + req.Content.Kind + "\x00" + text
	for _, m := range req.Content.Media {
		what += "\x00" + m.Type + "\x00" + m.URL
	}
	d.Digest = digest([]byte(what))
	req.Content.ID = d.ObjectID
	if v.Verb == "edited" {
		// Decided again as a new revision: the log keeps one decision per
		// content id and revision of the policy.
		req.Content.ID = d.ObjectID + "@" + d.Digest[:12]
	}
	raw, err := json.Marshal(req)
	if err != nil {
		return ignore("encode request: " + err.Error())
	}
	d.Request = raw
	return d
}

func prefixed(p, id string) string {
	if id == "" {
		return ""
	}
	return p + id
}

// unixTime reads Meta's times: seconds, or milliseconds for some objects.
func unixTime(n int64) time.Time {
	if n > 1e12 {
		return time.UnixMilli(n).UTC()
	}
	return time.Unix(n, 0).UTC()
}

// createdTime reads created_time: a unix time, or an ISO 8601 string.
func createdTime(raw json.RawMessage) (time.Time, bool) {
	if len(raw) == 0 {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil && n > 0 {
		return unixTime(n), true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
