package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/galateo/galateo/api"
)

// jsonUnmarshal reads what may be empty (a purged input) as nothing.
func jsonUnmarshal(raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// --- Registro delle decisioni ---

type logPage struct {
	Enti       []ente
	Categories []string
	Filter     map[string]string
	Outcomes   []string
	Decisions  []decision
	Next       string
}

func (c *Console) decisionLog(r *request) {
	p := logPage{Filter: map[string]string{}, Outcomes: append(slices.Clone(outcomes), "not_managed"), Categories: categories}
	q := url.Values{"limit": {"50"}}
	for _, k := range []string{"ente", "outcome", "category", "cursor"} {
		if v := strings.TrimSpace(r.Query(k)); v != "" {
			q.Set(k, v)
			p.Filter[k] = v
		}
	}
	// The form gives local days; the API wants instants.
	for _, k := range []string{"from", "to"} {
		v := strings.TrimSpace(r.Query(k))
		if v == "" {
			continue
		}
		p.Filter[k] = v
		t, err := time.ParseInLocation("2006-01-02", v, rome)
		if err != nil {
			c.show(r, "log", "registro", "Registro delle decisioni", p, fmt.Errorf("la data %q non è valida: usa aaaa-mm-gg", v))
			return
		}
		if k == "to" {
			t = t.AddDate(0, 0, 1) // the whole last day
		}
		q.Set(k, t.Format(time.RFC3339))
	}
	var got decisionsPage
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/decisions?"+q.Encode(), nil, &got)
	p.Decisions, p.Next = got.Decisions, got.NextCursor
	p.Enti = c.enti(r)
	c.show(r, "log", "registro", "Registro delle decisioni", p, err)
}

// nextPage is the log's query with the next cursor.
func (p logPage) NextQuery() string {
	q := url.Values{}
	for k, v := range p.Filter {
		q.Set(k, v)
	}
	q.Set("cursor", p.Next)
	return q.Encode()
}

type decisionPage struct {
	Decision decision
	Text     []segment
	Input    string // the masked input without its facts
	Facts    string
	Appeal   bool // the key may file an appeal on the citizen's behalf
}

func (c *Console) decision(r *request) {
	var p decisionPage
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/decisions/"+url.PathEscape(r.Param("id")), nil, &p.Decision)
	if err == nil {
		p.Text = highlight(inputText(p.Decision), spansOf(p.Decision))
		p.Input, p.Facts = splitInput(p.Decision.Input)
		p.Appeal = r.s.me.has("decide") && p.Decision.Notice != nil
	}
	title := "Decisione"
	if err == nil {
		title += " " + p.Decision.DecisionID
	}
	c.show(r, "decision", "registro", title, p, err)
}

// splitInput shows the evaluated input in two parts: what was sent
// (masked), and the facts the engine derived, which are long.
func splitInput(raw json.RawMessage) (string, string) {
	var in map[string]json.RawMessage
	if jsonUnmarshal(raw, &in) != nil || in == nil {
		return "", ""
	}
	facts := in["facts"]
	delete(in, "facts")
	b, _ := json.Marshal(in)
	return pretty(b), pretty(facts)
}

func (c *Console) fileAppeal(r *request) {
	id := r.Param("id")
	body := map[string]any{"by": r.PostForm("da"), "grounds": r.PostForm("motivi")}
	if err := c.call(r.ctx(), r.s.key, http.MethodPost, "/decisions/"+url.PathEscape(id)+"/appeals", body, nil); err != nil {
		var p decisionPage
		_ = c.call(r.ctx(), r.s.key, http.MethodGet, "/decisions/"+url.PathEscape(id), nil, &p.Decision)
		p.Text = highlight(inputText(p.Decision), spansOf(p.Decision))
		p.Input, p.Facts = splitInput(p.Decision.Input)
		p.Appeal = r.s.me.has("decide") && p.Decision.Notice != nil
		c.showStatus(r, http.StatusUnprocessableEntity, "decision", "registro", "Decisione "+id, p, err)
		return
	}
	back(r, "/registro/"+url.PathEscape(id), "Reclamo registrato: è nella coda di revisione.")
}

// --- Verifica della catena ---

type verifyResult struct {
	Ente               string `json:"ente"`
	Records            int64  `json:"records"`
	OK                 bool   `json:"ok"`
	Error              string `json:"error"`
	FirstBadSeq        int64  `json:"first_bad_seq"`
	FirstBadDecisionID string `json:"first_bad_decision_id"`
}

type verifyPage struct {
	Enti    []ente
	Ente    string
	Ran     bool
	Results []verifyResult
}

func (c *Console) verify(r *request) {
	p := verifyPage{Ente: r.Query("ente"), Enti: c.enti(r)}
	var err error
	if r.Query("esegui") != "" {
		var got struct {
			Chains []verifyResult `json:"chains"`
		}
		err = c.call(r.ctx(), r.s.key, http.MethodGet, "/audit/verify"+query(r, "ente"), nil, &got)
		p.Ran, p.Results = err == nil, got.Chains
	}
	c.show(r, "verify", "registro", "Verifica del registro", p, err)
}

// --- Versioni e differenze ---

type versionsView struct {
	Enti     []ente
	Ente     string
	Serving  *ente
	Versions []version
}

func (c *Console) versions(r *request) {
	p := versionsView{Enti: c.enti(r), Ente: r.Query("ente")}
	if p.Ente == "" && len(p.Enti) > 0 {
		p.Ente = p.Enti[0].ID
	}
	for i := range p.Enti {
		if p.Enti[i].ID == p.Ente {
			p.Serving = &p.Enti[i]
		}
	}
	var got versionsPage
	var err error
	if p.Ente != "" {
		err = c.call(r.ctx(), r.s.key, http.MethodGet, "/versions?activations=true&limit=100&ente="+url.QueryEscape(p.Ente), nil, &got)
	}
	p.Versions = got.Versions
	c.show(r, "versions", "versioni", "Versioni e differenze", p, err)
}

type diffReport struct {
	Ente string `json:"ente"`
	From struct {
		Ref, Revision, Version string
	} `json:"from"`
	To struct {
		Ref, Revision, Version string
	} `json:"to"`
	Files []struct {
		Path, Status string
	} `json:"files"`
	Text []struct {
		Path, Status   string
		Added, Removed int
		Unified        string
	} `json:"text"`
	Data struct {
		Parameters []struct {
			File, Path, Kind string
			Item             bool
			From, To         any
			Clauses          []struct{ Rule, Section, Quote string }
		} `json:"parameters"`
		Terms []struct {
			Section, Category, Term, Kind, Severity, Field string
			Forms                                          []string
			From, To                                       any
		} `json:"terms"`
	} `json:"data"`
	Behaviour *struct {
		Fixtures          []change `json:"fixtures"`
		FixturesRun       int      `json:"fixtures_run"`
		Decisions         []change `json:"decisions"`
		DecisionsReplayed int      `json:"decisions_replayed"`
		Skipped           int      `json:"skipped"`
	} `json:"behaviour"`
}

type change struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	From        struct {
		Outcome    string   `json:"outcome"`
		Categories []string `json:"categories"`
	} `json:"from"`
	To struct {
		Outcome    string   `json:"outcome"`
		Categories []string `json:"categories"`
	} `json:"to"`
}

type diffPage struct {
	Ente, From, To, Since string
	Report                *diffReport
}

func (c *Console) diff(r *request) {
	// Replaying logged decisions can outlast the server's write timeout,
	// as GET /diff itself can (api.LongRunningTimeout).
	_ = http.NewResponseController(r.Writer).SetWriteDeadline(time.Now().Add(api.LongRunningTimeout))
	p := diffPage{Ente: r.Query("ente"), From: r.Query("from"), To: r.DefaultQuery("to", "serving"), Since: r.Query("since")}
	q := url.Values{"ente": {p.Ente}, "from": {p.From}, "to": {p.To}}
	if p.Since != "" {
		q.Set("since", p.Since)
	}
	var rep diffReport
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/diff?"+q.Encode(), nil, &rep)
	if err == nil {
		p.Report = &rep
	}
	c.show(r, "diff", "versioni", "Differenze tra versioni", p, err)
}

// --- Reclami ---

type appealsPage struct {
	Enti  []ente
	Ente  string
	State string
	Items []reviewItem
}

func (c *Console) appeals(r *request) {
	p := appealsPage{Enti: c.enti(r), Ente: r.Query("ente"), State: r.Query("state")}
	q := url.Values{"kind": {"appeal"}, "limit": {"200"}}
	if p.Ente != "" {
		q.Set("ente", p.Ente)
	}
	if p.State != "" {
		q.Set("state", p.State)
	}
	var got reviewsPage
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/reviews?"+q.Encode(), nil, &got)
	p.Items = got.Reviews
	c.show(r, "appeals", "reclami", "Reclami", p, err)
}
