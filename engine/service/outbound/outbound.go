// Package outbound is the generic outbound webhook: the records of an
// ente's chain (decisions and the records that settle them) sent, in
// chain order, to the URLs that API keys subscribed, each signed with the
// subscription's secret. The audit log is the source: a subscription's
// cursor per ente is the last record its receiver acknowledged, so a
// receiver that fails gets everything again, in order, once it answers.
package outbound

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/galateo/galateo/engine/service/period"
	"github.com/galateo/galateo/store"
)

// Headers of a delivery.
const (
	HeaderEvent     = "X-Galateo-Event"
	HeaderDelivery  = "X-Galateo-Delivery"
	HeaderTimestamp = "X-Galateo-Timestamp"
	HeaderSignature = "X-Galateo-Signature-256"
)

// SecretPrefix starts every signing secret.
const SecretPrefix = "whsec_"

// Defaults of the worker.
const (
	DefaultLease   = time.Minute
	DefaultTimeout = 10 * time.Second
	FirstBackoff   = time.Second
	MaxBackoff     = time.Hour
	// maxErrorBody is how much of a refusing receiver's answer is kept.
	maxErrorBody = 200
)

// NewSecret is a fresh signing secret: 32 random bytes, base64url, with
// SecretPrefix.
func NewSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new webhook secret: %w", err)
	}
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// Sign is the X-Galateo-Signature-256 of a body sent at timestamp (unix
// seconds): "sha256=" and the hex HMAC-SHA256, keyed by the whole secret
// as shown (prefix included), of "<timestamp>.<body>".
func Sign(secret string, timestamp int64, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(timestamp, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether signature is Sign(secret, timestamp, body), in
// constant time: what a receiver written in Go does.
func Verify(secret string, timestamp int64, body []byte, signature string) bool {
	return hmac.Equal([]byte(Sign(secret, timestamp, body)), []byte(signature))
}

// Event is the body of a delivery: one record of an ente's chain. Body is
// the record's stored JSON (the decision as answered, or the person's or
// connector's record), never the evaluated input.
type Event struct {
	Event      string          `json:"event"` // the record's kind: decision, resolution, appeal, appeal_decision, action
	Ente       string          `json:"ente"`
	Seq        int64           `json:"seq"`
	RecordID   string          `json:"record_id"`
	Settles    string          `json:"settles,omitempty"` // the decision a settling record concerns
	Hash       string          `json:"hash"`
	RecordedAt time.Time       `json:"recorded_at"`
	Body       json.RawMessage `json:"body"`
}

// EventOf is the event of a record.
func EventOf(r store.Record) Event {
	kind := r.Kind
	if kind == "" {
		kind = store.KindDecision
	}
	body := json.RawMessage(r.Decision)
	if !json.Valid(body) {
		body = json.RawMessage("null")
	}
	return Event{Event: kind, Ente: r.Ente, Seq: r.Seq, RecordID: r.DecisionID, Settles: r.Settles,
		Hash: r.Hash, RecordedAt: r.RecordedAt, Body: body}
}

// DeliveryID names one delivery of a record to a subscription: the same
// for every attempt, so that receivers drop what they already have.
func DeliveryID(subscription, ente string, seq int64) string {
	return fmt.Sprintf("%s:%s:%d", subscription, ente, seq)
}

// Store is what the worker reads and writes; *store.SQL is one.
type Store interface {
	LeaseSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Subscription, error)
	AdvanceSubscription(ctx context.Context, id string, held time.Time, ente string, seq int64, at, until time.Time) error
	ReleaseSubscription(ctx context.Context, id string, held time.Time, lastError string, at, next time.Time) error
	Chain(ctx context.Context, ente string, afterSeq int64, limit int) ([]store.Record, error)
	Heads(ctx context.Context) ([]store.Head, error)
}

// Worker delivers the subscriptions. Several workers, in one process or
// many on one database, may run: each subscription is leased to one at a
// time, and its cursor moves only under the lease.
type Worker struct {
	Store Store
	// HTTP, when nil, is a client with DefaultTimeout that follows no
	// redirect and, unless PrivateNetworks, connects to public addresses
	// only.
	HTTP *http.Client
	// PrivateNetworks lets the default client reach loopback, private and
	// link-local addresses: a receiver on the ente's own network. Off, a
	// key of the audit role cannot make the server call into the network
	// it runs in (the check is made on the address dialled, after DNS, so
	// a name that resolves to such an address is refused too).
	PrivateNetworks bool
	Log             *slog.Logger     // nil: slog.Default()
	Now             func() time.Time // nil: time.Now
	Lease           time.Duration    // 0: DefaultLease
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.Default()
}

func (w *Worker) lease() time.Duration {
	if w.Lease > 0 {
		return w.Lease
	}
	return DefaultLease
}

// The default clients follow no redirect (a 3xx is a failure the
// receiver must fix) and give up after DefaultTimeout; publicClient dials
// public addresses only.
var (
	anyClient    = newClient(false)
	publicClient = newClient(true)
)

func newClient(publicOnly bool) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if publicOnly {
		d := &net.Dialer{Timeout: DefaultTimeout, Control: publicAddress}
		t.DialContext = d.DialContext
		t.Proxy = nil // a proxy would dial on our behalf, unchecked
	}
	return &http.Client{
		Timeout:       DefaultTimeout,
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// ErrPrivateAddress is a receiver whose address is not public.
var ErrPrivateAddress = errors.New("the receiver's address is loopback, private, link-local or otherwise not public (galateo serve -webhook-private-networks allows it)")

// publicAddress refuses to dial an address that is not public.
func publicAddress(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsUnspecified() || cgnat.Contains(ip) {
		return fmt.Errorf("%s: %w", ip, ErrPrivateAddress)
	}
	return nil
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

func (w *Worker) client() *http.Client {
	switch {
	case w.HTTP != nil:
		return w.HTTP
	case w.PrivateNetworks:
		return anyClient
	}
	return publicClient
}

// Run delivers every period until ctx ends.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	drain := func(ctx context.Context) {
		if _, err := w.Drain(ctx); err != nil && ctx.Err() == nil {
			w.log().Error("outbound webhooks", "err", err)
		}
	}
	drain(ctx)
	period.Every(ctx, every, drain)
}

// Drain leases the subscriptions due now (up to 100, those waiting
// longest first) and delivers to each what its
// enti's chains hold after its cursors, up to the heads read at the start.
// It returns how many records were delivered.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	heads, err := w.Store.Heads(ctx)
	if err != nil {
		return 0, fmt.Errorf("chain heads: %w", err)
	}
	subs, err := w.Store.LeaseSubscriptions(ctx, w.now(), w.lease(), 100)
	if err != nil {
		return 0, fmt.Errorf("lease subscriptions: %w", err)
	}
	// Each subscription in its own goroutine: a receiver that makes the
	// worker wait its 10 s does not hold the others (nor let their
	// leases run out before their turn).
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		n    int
		errs []error
	)
	for _, sub := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := w.deliver(ctx, sub, heads)
			mu.Lock()
			defer mu.Unlock()
			n += k
			if err != nil {
				errs = append(errs, fmt.Errorf("subscription %s: %w", sub.ID, err))
			}
		}()
	}
	wg.Wait()
	return n, errors.Join(errs...)
}

// deliver sends a leased subscription what it has not had, ente by ente,
// record by record, and releases it: a refusal keeps the cursor on the
// record refused and sets the next attempt after a backoff.
func (w *Worker) deliver(ctx context.Context, sub store.Subscription, heads []store.Head) (int, error) {
	held := sub.LeasedUntil
	n := 0
	for _, h := range heads {
		if !sub.All() && !slices.Contains(sub.Enti, h.Ente) {
			continue
		}
		for cursor := sub.Cursor(h.Ente); cursor < h.Seq; {
			recs, err := w.Store.Chain(ctx, h.Ente, cursor, 100)
			if err != nil {
				return n, w.release(ctx, sub, held, err, fmt.Sprintf("read the chain of %s", h.Ente))
			}
			if len(recs) == 0 {
				break
			}
			for _, r := range recs {
				if r.Seq > h.Seq {
					break
				}
				if why := w.send(ctx, sub, r); why != "" {
					return n, w.release(ctx, sub, held, nil, why)
				}
				at := w.now()
				until := at.Add(w.lease())
				if err := w.Store.AdvanceSubscription(ctx, sub.ID, held, h.Ente, r.Seq, at, until); err != nil {
					// Lost lease: another worker may send this record again
					// (at least once); the receiver drops it by its id.
					return n, err
				}
				held = time.Unix(0, until.UnixNano()).UTC()
				cursor = r.Seq
				n++
			}
		}
	}
	return n, w.Store.ReleaseSubscription(ctx, sub.ID, held, "", w.now(), time.Time{})
}

// release ends the lease after a failure, with the next attempt after a
// backoff: 1 s doubling at each failure in a row, at most 1 h.
func (w *Worker) release(ctx context.Context, sub store.Subscription, held time.Time, err error, why string) error {
	if err != nil {
		why = why + ": " + err.Error()
	}
	why = truncate(why, 2*maxErrorBody)
	now := w.now()
	next := now.Add(Backoff(sub.Attempts))
	w.log().Warn("outbound webhook not delivered", "subscription", sub.ID, "url", sub.URL, "reason", why, "retry_at", next)
	if rerr := w.Store.ReleaseSubscription(ctx, sub.ID, held, why, now, next); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// Backoff is the wait after failures failures in a row, before this one.
func Backoff(failures int) time.Duration {
	d := FirstBackoff
	for range failures {
		d *= 2
		if d >= MaxBackoff {
			return MaxBackoff
		}
	}
	return d
}

// send posts one record; "" when the receiver answered 2xx, else why not.
func (w *Worker) send(ctx context.Context, sub store.Subscription, r store.Record) string {
	ev := EventOf(r)
	body, err := json.Marshal(ev)
	if err != nil {
		return "encode: " + err.Error()
	}
	ts := w.now().Unix()
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.URL, strings.NewReader(string(body)))
	if err != nil {
		return "request: " + err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "galateo-webhook")
	req.Header.Set(HeaderEvent, ev.Event)
	req.Header.Set(HeaderDelivery, DeliveryID(sub.ID, r.Ente, r.Seq))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(sub.Secret, ts, body))
	resp, err := w.client().Do(req)
	if err != nil {
		return truncate(err.Error(), maxErrorBody)
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return ""
	}
	why := "HTTP " + strconv.Itoa(resp.StatusCode)
	if b := strings.TrimSpace(truncate(string(head), maxErrorBody)); b != "" {
		why += ": " + b
	}
	return why
}

// truncate keeps at most n bytes of s as valid UTF-8 without NUL (what
// a database's text column accepts).
func truncate(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
}
