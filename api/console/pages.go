package console

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// home is the sign-in page, or the overview of a signed-in person.
func (c *Console) home(g *gin.Context) {
	noStore(g)
	s := c.sessions.from(g)
	if s == nil {
		c.signInPage(g, http.StatusOK, "")
		return
	}
	r := &request{Context: g, s: s}
	var enti entiPage
	err := c.call(r.ctx(), s.key, http.MethodGet, "/enti", nil, &enti)
	data := struct {
		Enti    entiPage
		Open    int
		Overdue int
	}{Enti: enti}
	if err == nil && s.me.has("decide") {
		var q reviewsPage
		if c.call(r.ctx(), s.key, http.MethodGet, "/reviews?state=open&limit=500", nil, &q) == nil {
			data.Open = len(q.Reviews)
			for _, it := range q.Reviews {
				if it.Overdue {
					data.Overdue++
				}
			}
		}
	}
	c.show(r, "home", "home", "Cruscotto", data, err)
}

// signInPage shows the sign-in form with a fresh double-submit token.
func (c *Console) signInPage(g *gin.Context, status int, problem string) {
	t := token()
	setCookie(g, loginCookie, t, 3600)
	next := g.Query("next")
	if !localPath(next) {
		next = "/"
	}
	c.render(g, status, "signin", view{Title: "Accedi", Error: problem, Data: struct{ CSRF, Next string }{t, next}})
}

// localPath accepts only a path of this site, so that the sign-in cannot
// be made to send a person elsewhere.
func localPath(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "/\\") && !strings.ContainsAny(p, "\r\n")
}

// signIn checks the key with the API (GET /me) and opens a session.
func (c *Console) signIn(g *gin.Context) {
	noStore(g)
	want, err := g.Cookie(loginCookie)
	if err != nil || want == "" || g.PostForm("csrf") != want {
		c.signInPage(g, http.StatusForbidden, "Il modulo di accesso è scaduto: riprova.")
		return
	}
	key := strings.TrimSpace(g.PostForm("chiave"))
	if key == "" {
		c.signInPage(g, http.StatusUnprocessableEntity, "Inserisci la chiave API.")
		return
	}
	var who me
	if err := c.call(g.Request.Context(), key, http.MethodGet, "/me", nil, &who); err != nil {
		c.signInPage(g, http.StatusUnauthorized, "La chiave non è valida, oppure è stata revocata.")
		return
	}
	setCookie(g, loginCookie, "", -1)
	c.sessions.start(g, key, who)
	next := g.PostForm("next")
	if !localPath(next) {
		next = "/"
	}
	g.Redirect(http.StatusSeeOther, next)
}

func (c *Console) signOut(r *request) {
	c.sessions.end(r.Context, r.s)
	r.Redirect(http.StatusSeeOther, "/")
}

// show renders a page of the session; err, when not nil, is shown as the
// page's alert, and a refusal of the API (403) as such.
func (c *Console) show(r *request, page, navID, title string, data any, err error) {
	v := view{Title: title, Nav: navID, Session: r.s, Data: data}
	status := http.StatusOK
	if err != nil {
		v.Error = "Errore: " + err.Error()
		if forbidden(err) {
			v.Error = "La tua chiave non consente questa operazione: " + err.Error()
			status = http.StatusForbidden
		}
	}
	if n := r.Query("ok"); n != "" {
		v.Notice = n
	}
	c.render(r.Context, status, page, v)
}

// enti lists the enti of the session's key, for the pages' selectors.
func (c *Console) enti(r *request) []ente {
	var p entiPage
	if err := c.call(r.ctx(), r.s.key, http.MethodGet, "/enti", nil, &p); err != nil {
		return nil
	}
	return p.Enti
}

// query copies the named form values that are set into a query string.
func query(r *request, names ...string) string {
	q := url.Values{}
	for _, n := range names {
		if v := strings.TrimSpace(r.Query(n)); v != "" {
			q.Set(n, v)
		}
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// back redirects after a form to path with a success message.
func back(r *request, path, message string) {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	r.Redirect(http.StatusSeeOther, path+sep+"ok="+url.QueryEscape(message))
}

// --- Prova un commento ---

// tryInput is the form of the try page, kept to show it again.
type tryInput struct {
	Ente, Platform, Kind, At, Text, Thread string
	// The author's history: counts, and local date-times ("" for never).
	Violations, Repeats, LastWarning, BlockedUntil string
	Working                                        bool
}

type tryResult struct {
	Label    string
	Revision string
	Decision decision
	Text     []segment
	Error    string
}

type tryPage struct {
	Enti      []ente
	Platforms []string
	Kinds     []string
	In        tryInput
	Results   []tryResult
}

func (c *Console) tryForm(r *request) {
	in := tryInput{Platform: "facebook", Kind: "comment", At: c.now().In(rome).Format("2006-01-02T15:04")}
	enti := c.enti(r)
	if len(enti) > 0 {
		in.Ente = enti[0].ID
	}
	c.show(r, "try", "prova", "Prova un commento", tryPage{Enti: enti, Platforms: platforms, Kinds: kinds, In: in}, nil)
}

func (c *Console) tryComment(r *request) {
	in := tryInput{
		Ente: r.PostForm("ente"), Platform: r.PostForm("piattaforma"), Kind: r.PostForm("tipo"),
		At: r.PostForm("quando"), Text: r.PostForm("testo"), Thread: r.PostForm("post"),
		Violations: r.PostForm("violazioni"), Repeats: r.PostForm("ripetizioni"),
		LastWarning: r.PostForm("avvertito"), BlockedUntil: r.PostForm("bloccato"),
		Working: r.PostForm("bozza") != "",
	}
	page := tryPage{Enti: c.enti(r), Platforms: platforms, Kinds: kinds, In: in}
	body, err := tryBody(in)
	if err != nil {
		c.show(r, "try", "prova", "Prova un commento", page, err)
		return
	}
	path := "/try"
	if in.Working {
		path += "?working=true"
	}
	var got struct {
		Serving         decision  `json:"serving"`
		Working         *decision `json:"working"`
		WorkingRevision string    `json:"working_revision"`
		WorkingError    string    `json:"working_error"`
	}
	if err := c.call(r.ctx(), r.s.key, http.MethodPost, path, body, &got); err != nil {
		c.show(r, "try", "prova", "Prova un commento", page, err)
		return
	}
	page.Results = append(page.Results, tryResult{Label: "Versione in servizio", Revision: got.Serving.Policy.Revision,
		Decision: got.Serving, Text: highlight(in.Text, spansOf(got.Serving))})
	if in.Working {
		w := tryResult{Label: "Copia di lavoro (non ancora in servizio)", Revision: got.WorkingRevision, Error: got.WorkingError}
		if got.Working != nil {
			w.Decision, w.Text = *got.Working, highlight(in.Text, spansOf(*got.Working))
		}
		page.Results = append(page.Results, w)
	}
	c.show(r, "try", "prova", "Prova un commento", page, nil)
}

// tryBody is the body of POST /try from the form.
func tryBody(in tryInput) (map[string]any, error) {
	at, err := time.ParseInLocation("2006-01-02T15:04", in.At, rome)
	if err != nil {
		return nil, fmt.Errorf("la data e ora %q non è valida: usa il formato aaaa-mm-gg hh:mm", in.At)
	}
	content := map[string]any{"kind": in.Kind, "text": in.Text, "created_at": at.Format(time.RFC3339)}
	if in.Thread != "" {
		content["thread"] = map[string]any{"text": in.Thread}
	}
	body := map[string]any{
		"ente": in.Ente, "channel": map[string]any{"platform": in.Platform},
		"content": content, "author": map[string]any{"id": "prova-console"},
		"now": at.Format(time.RFC3339),
	}
	hist := map[string]any{}
	for name, v := range map[string]string{"violations": in.Violations, "repeats": in.Repeats} {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("la storia dell'autore vuole numeri interi non negativi, non %q", v)
		}
		hist[name] = n
	}
	for name, v := range map[string]string{"last_warning": in.LastWarning, "blocked_until": in.BlockedUntil} {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", v, rome)
		if err != nil {
			return nil, fmt.Errorf("la data e ora %q non è valida: usa il formato aaaa-mm-gg hh:mm", v)
		}
		hist[name] = t.Format(time.RFC3339)
	}
	if len(hist) > 0 {
		body["history"] = hist
	}
	return body, nil
}

// spansOf is the evidence of a decision over its text, each span named by
// the rule that found it.
func spansOf(d decision) []span {
	var out []span
	for _, v := range d.Violations {
		why := v.Title
		if why == "" {
			why = v.Rule
		}
		for _, e := range v.Evidence {
			if len(e.Parts) > 0 {
				for _, p := range e.Parts {
					out = append(out, span{p.Start, p.End, why})
				}
				continue
			}
			if e.Start != nil && e.End != nil {
				out = append(out, span{*e.Start, *e.End, why})
			}
		}
	}
	return out
}

// --- Coda di revisione ---

type queuePage struct {
	Enti  []ente
	Ente  string
	State string
	Kind  string
	Items []reviewItem
	Next  string
}

func (c *Console) queue(r *request) {
	p := queuePage{Ente: r.Query("ente"), State: r.DefaultQuery("state", "open"), Kind: r.Query("kind")}
	q := url.Values{"limit": {"200"}}
	for k, v := range map[string]string{"ente": p.Ente, "state": p.State, "kind": p.Kind, "cursor": r.Query("cursor")} {
		if v != "" && v != "all" {
			q.Set(k, v)
		}
	}
	var got reviewsPage
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/reviews?"+q.Encode(), nil, &got)
	p.Items, p.Next = got.Reviews, got.NextCursor
	// Due first: the API lists the queue by due time already; keep it so.
	slices.SortStableFunc(p.Items, func(a, b reviewItem) int { return strings.Compare(a.Due, b.Due) })
	if r.Query("frammento") != "" { // the page's script refreshes the table alone
		c.renderFragment(r, "queue", "rows", view{Session: r.s, Data: p})
		return
	}
	p.Enti = c.enti(r)
	c.show(r, "queue", "revisione", "Coda di revisione", p, err)
}

type reviewItemPage struct {
	Item     reviewItem
	Decision *decision
	Content  *reviewedContent
	Text     []segment
	Outcomes []string
	Mine     bool
}

// reviewedContent is what GET /reviews/{id} gives of the content.
type reviewedContent struct {
	Platform   string `json:"platform"`
	Kind       string `json:"kind"`
	Text       string `json:"text"`
	CreatedAt  string `json:"created_at"`
	ThreadText string `json:"thread_text"`
}

// loadItem reads an item of the queue with its decision and content.
func (c *Console) loadItem(r *request, id string) (reviewItemPage, error) {
	var got struct {
		Review   reviewItem       `json:"review"`
		Decision *decision        `json:"decision"`
		Content  *reviewedContent `json:"content"`
	}
	err := c.call(r.ctx(), r.s.key, http.MethodGet, "/reviews/"+url.PathEscape(id), nil, &got)
	p := reviewItemPage{Item: got.Review, Decision: got.Decision, Content: got.Content, Outcomes: outcomes}
	if p.Decision != nil && p.Content != nil {
		p.Text = highlight(p.Content.Text, spansOf(*p.Decision))
	}
	p.Mine = p.Item.State == "claimed" && p.Item.ClaimedBy == r.s.me.Key.ID
	return p, err
}

func (c *Console) reviewItem(r *request) {
	p, err := c.loadItem(r, r.Param("id"))
	c.show(r, "review", "revisione", "Elemento della coda", p, err)
}

// reviewAct claims, releases or resolves an item of the queue.
func (c *Console) reviewAct(r *request) {
	id := r.Param("id")
	path := "/revisione/" + url.PathEscape(id)
	var (
		apiPath string
		body    map[string]any
		done    string
	)
	switch r.Param("azione") {
	case "prendi":
		apiPath, body, done = "/claim", map[string]any{}, "Preso in carico."
	case "rilascia":
		apiPath, body, done = "/release", map[string]any{}, "Rilasciato: torna nella coda."
	case "risolvi":
		apiPath, done = "/resolve", "Risolto."
		body = map[string]any{"reason": r.PostForm("motivo")}
		if o := r.PostForm("esito"); o != "" {
			body["outcome"] = o
		}
		if res := r.PostForm("risultato"); res != "" {
			body["result"] = res
		}
		if t := strings.TrimSpace(r.PostForm("risposta")); t != "" {
			body["reply"] = map[string]any{"visibility": "public", "text": t}
		}
	default:
		r.Status(http.StatusNotFound)
		return
	}
	if err := c.call(r.ctx(), r.s.key, http.MethodPost, "/reviews/"+url.PathEscape(id)+apiPath, body, nil); err != nil {
		p, _ := c.loadItem(r, id)
		c.showStatus(r, http.StatusUnprocessableEntity, "review", "revisione", "Elemento della coda", p, err)
		return
	}
	back(r, path, done)
}

// showStatus is show with the status of a refused form.
func (c *Console) showStatus(r *request, status int, page, navID, title string, data any, err error) {
	v := view{Title: title, Nav: navID, Session: r.s, Data: data, Error: "Errore: " + err.Error()}
	if forbidden(err) {
		status = http.StatusForbidden
		v.Error = "La tua chiave non consente questa operazione: " + err.Error()
	}
	c.render(r.Context, status, page, v)
}

// renderFragment writes one named template of a page alone.
func (c *Console) renderFragment(r *request, page, name string, v view) {
	r.Header("Content-Type", "text/html; charset=utf-8")
	if err := c.pages[page].ExecuteTemplate(r.Writer, name, v); err != nil {
		c.log.Error("console fragment", "page", page, "err", err)
	}
}

// inputText is the content's text in a logged decision's input.
func inputText(d decision) string {
	var in struct {
		Content struct {
			Text string `json:"text"`
		} `json:"content"`
	}
	_ = jsonUnmarshal(d.Input, &in)
	return in.Content.Text
}
