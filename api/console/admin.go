package console

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// --- Trasparenza ---

type report struct {
	Ente      string `json:"ente"`
	From      string `json:"from"`
	To        string `json:"to"`
	Decisions struct {
		Total      int            `json:"total"`
		Automated  int            `json:"automated"`
		Human      int            `json:"human"`
		ByOutcome  map[string]int `json:"by_outcome"`
		ByCategory map[string]int `json:"by_category"`
		ByPlatform map[string]int `json:"by_platform"`
	} `json:"decisions"`
	Reviews struct {
		Resolved         int      `json:"resolved"`
		Changed          int      `json:"changed"`
		ContradictsGrave int      `json:"contradicts_grave_removal"`
		WithinDue        int      `json:"within_due"`
		Late             int      `json:"late"`
		MedianMinutes    *float64 `json:"median_minutes_to_resolution"`
	} `json:"reviews"`
	Appeals struct {
		Filed, Decided, Upheld, Overturned int
	} `json:"appeals"`
}

// bar is a row of a chart drawn as a table with a bar in each row, so that
// the numbers stay readable without the picture.
type bar struct {
	Label string
	N     int
}

type transparencyPage struct {
	Enti       []ente
	Ente       string
	Month      string
	Report     *report
	Outcomes   []bar
	Categories []bar
	Platforms  []bar
	Most       int
	CSV        string
}

// month reads "2026-11" as Rome's month [from, to).
func month(v string) (time.Time, time.Time, error) {
	t, err := time.ParseInLocation("2006-01", v, rome)
	if err != nil {
		return t, t, fmt.Errorf("il mese %q non è valido: usa aaaa-mm", v)
	}
	return t, t.AddDate(0, 1, 0), nil
}

func (c *Console) transparency(r *request) {
	p := transparencyPage{Enti: c.enti(r), Ente: r.Query("ente"), Month: r.Query("mese")}
	if p.Ente == "" && len(p.Enti) > 0 {
		p.Ente = p.Enti[0].ID
	}
	if p.Month == "" {
		p.Month = c.now().In(rome).Format("2006-01")
	}
	from, to, err := month(p.Month)
	if err == nil && p.Ente != "" {
		q := url.Values{"ente": {p.Ente}, "from": {from.Format(time.RFC3339)}, "to": {to.Format(time.RFC3339)}}
		var rep report
		err = c.call(r.ctx(), r.s.key, http.MethodGet, "/transparency?"+q.Encode(), nil, &rep)
		if err == nil {
			p.Report = &rep
			p.Outcomes = bars(rep.Decisions.ByOutcome, func(k string) string { return label(outcomeLabels, k) })
			p.Categories = bars(rep.Decisions.ByCategory, func(k string) string { return label(categoryLabels, k) })
			p.Platforms = bars(rep.Decisions.ByPlatform, func(k string) string { return k })
			for _, b := range slices.Concat(p.Outcomes, p.Categories, p.Platforms) {
				p.Most = max(p.Most, b.N)
			}
			p.CSV = "/trasparenza.csv?" + url.Values{"ente": {p.Ente}, "mese": {p.Month}}.Encode()
		}
	}
	c.show(r, "transparency", "trasparenza", "Trasparenza", p, err)
}

// bars orders counts from the largest.
func bars(m map[string]int, name func(string) string) []bar {
	out := make([]bar, 0, len(m))
	for k, n := range m {
		out = append(out, bar{name(k), n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// transparencyCSV hands on the API's CSV as a download.
func (c *Console) transparencyCSV(r *request) {
	ente, m := r.Query("ente"), r.Query("mese")
	from, to, err := month(m)
	if err != nil {
		r.String(http.StatusBadRequest, err.Error())
		return
	}
	q := url.Values{"ente": {ente}, "from": {from.Format(time.RFC3339)}, "to": {to.Format(time.RFC3339)}, "format": {"csv"}}
	body, ctype, err := c.callRaw(r.ctx(), r.s.key, http.MethodGet, "/transparency?"+q.Encode(), nil)
	if err != nil {
		status := http.StatusBadGateway
		if forbidden(err) {
			status = http.StatusForbidden
		}
		r.String(status, err.Error())
		return
	}
	name := fmt.Sprintf("trasparenza-%s-%s.csv", ente, m)
	r.Header("Content-Disposition", `attachment; filename="`+strings.NewReplacer(`"`, "", "\\", "").Replace(name)+`"`)
	r.Data(http.StatusOK, ctype, body)
}

// --- Connettore Meta ---

type delivery struct {
	ID            string `json:"id"`
	Ente          string `json:"ente"`
	Platform      string `json:"platform"`
	PageID        string `json:"page_id"`
	ObjectID      string `json:"object_id"`
	State         string `json:"state"`
	Attempts      int    `json:"attempts"`
	NextAttemptAt string `json:"next_attempt_at"`
	LastError     string `json:"last_error"`
	DecisionID    string `json:"decision_id"`
	UpdatedAt     string `json:"updated_at"`
}

type outboxPage struct {
	State string
	Rows  []delivery
}

func (c *Console) outbox(r *request) {
	p := outboxPage{State: r.DefaultQuery("state", "dead")}
	q := url.Values{"limit": {"200"}}
	if p.State != "all" {
		q.Set("state", p.State)
	}
	var got struct {
		Outbox []delivery `json:"deliveries"`
	}
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/admin/meta/outbox?"+q.Encode(), nil, &got)
	p.Rows = got.Outbox
	c.show(r, "outbox", "connettore", "Connettore Meta", p, err)
}

func (c *Console) retryDelivery(r *request) {
	id := r.Param("id")
	if err := c.call(r.ctx(), r.s.key, http.MethodPost, "/admin/meta/outbox/"+url.PathEscape(id)+"/retry", map[string]any{}, nil); err != nil {
		c.showStatus(r, http.StatusUnprocessableEntity, "outbox", "connettore", "Connettore Meta", outboxPage{State: "dead"}, err)
		return
	}
	back(r, "/connettore", "Consegna "+id+" rimessa in coda.")
}

// --- Webhook ---

type subscription struct {
	ID        string   `json:"id"`
	KeyID     string   `json:"key_id"`
	URL       string   `json:"url"`
	Enti      []string `json:"enti"`
	CreatedAt string   `json:"created_at"`
	Secret    string   `json:"secret"`
	Delivery  struct {
		Cursors []struct {
			Ente        string  `json:"ente"`
			Seq         int64   `json:"seq"`
			DeliveredAt *string `json:"delivered_at"`
		} `json:"cursors"`
		FailingSince  *string `json:"failing_since"`
		NextAttemptAt *string `json:"next_attempt_at"`
		LastError     string  `json:"last_error"`
	} `json:"delivery"`
}

type subscriptionsPage struct {
	Enti    []ente
	Subs    []subscription
	Created *subscription // shown once, with its secret
}

func (c *Console) subscriptions(r *request) {
	c.showSubscriptions(r, nil, http.StatusOK, nil)
}

func (c *Console) showSubscriptions(r *request, created *subscription, status int, err error) {
	p := subscriptionsPage{Enti: c.enti(r), Created: created}
	var got struct {
		Subscriptions []subscription `json:"subscriptions"`
	}
	listErr := c.call(r.ctx(), r.s.key, http.MethodGet, "/subscriptions", nil, &got)
	p.Subs = got.Subscriptions
	if err != nil {
		c.showStatus(r, status, "webhooks", "webhook", "Webhook", p, err)
		return
	}
	c.show(r, "webhooks", "webhook", "Webhook", p, listErr)
}

func (c *Console) createSubscription(r *request) {
	body := map[string]any{"url": strings.TrimSpace(r.PostForm("url"))}
	if enti := r.PostFormArray("enti"); len(enti) > 0 {
		body["enti"] = enti
	}
	if r.PostForm("dall_inizio") != "" {
		body["from_start"] = true
	}
	var created subscription
	if err := c.call(r.ctx(), r.s.key, http.MethodPost, "/subscriptions", body, &created); err != nil {
		c.showSubscriptions(r, nil, http.StatusUnprocessableEntity, err)
		return
	}
	// The secret is shown in this answer only, so no redirect.
	c.showSubscriptions(r, &created, http.StatusCreated, nil)
}

func (c *Console) deleteSubscription(r *request) {
	id := r.Param("id")
	if err := c.call(r.ctx(), r.s.key, http.MethodDelete, "/subscriptions/"+url.PathEscape(id), nil, nil); err != nil {
		c.showSubscriptions(r, nil, http.StatusUnprocessableEntity, err)
		return
	}
	back(r, "/webhook", "Sottoscrizione "+id+" eliminata.")
}
