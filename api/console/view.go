package console

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"
)

// view is what every page template receives.
type view struct {
	Title   string
	Nav     string // the menu entry of the page
	Session *session
	Error   string // shown as an alert
	Notice  string // shown as a success alert
	Data    any
}

// navItem is an entry of the menu, shown to keys with its role.
type navItem struct {
	ID, Label, Path string
	Roles           []string // any of them
}

var nav = []navItem{
	{"prova", "Prova un commento", "/prova", []string{"decide"}},
	{"revisione", "Coda di revisione", "/revisione", []string{"decide"}},
	{"registro", "Registro delle decisioni", "/registro", []string{"audit"}},
	{"versioni", "Versioni e differenze", "/versioni", []string{"audit"}},
	{"reclami", "Reclami", "/reclami", []string{"decide"}},
	{"trasparenza", "Trasparenza", "/trasparenza", []string{"audit"}},
	{"connettore", "Connettore Meta", "/connettore", []string{"admin"}},
	{"webhook", "Webhook", "/webhook", []string{"audit"}},
}

// navFor is the menu of a session.
func navFor(s *session) []navItem {
	var out []navItem
	for _, n := range nav {
		for _, r := range n.Roles {
			if s.me.has(r) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// Italian names of the contract's values (DESIGN.md), for people.
var (
	outcomeLabels = map[string]string{
		"allow": "Consentito", "review": "Da valutare", "redirect": "Reindirizzato",
		"hide": "Nascosto", "remove": "Rimosso", "reject": "Respinto", "not_managed": "Non gestito",
	}
	// outcomeBadges are Bootstrap Italia badge colours; each pairs with
	// text, never colour alone (WCAG 1.4.1).
	outcomeBadges = map[string]string{
		"allow": "success", "review": "warning", "redirect": "primary",
		"hide": "secondary", "remove": "danger", "reject": "danger", "not_managed": "secondary",
	}
	actionLabels = map[string]string{
		"remove": "rimuovere", "hide": "nascondere", "reply": "rispondere", "report_platform": "segnalare alla piattaforma",
		"escalate": "sottoporre al responsabile", "block_author": "bloccare l'autore", "forward_to_office": "inoltrare all'ufficio",
		"warn_author": "avvisare l'autore", "report_authorities": "segnalare alle autorità",
	}
	categoryLabels = map[string]string{
		"offensive_language": "linguaggio offensivo", "threat": "minacce", "discrimination": "discriminazione",
		"defamation": "diffamazione", "personal_data": "dati personali", "advertising_spam": "pubblicità e spam",
		"off_topic": "fuori tema", "political_propaganda": "propaganda politica", "copyright_trademark": "diritto d'autore e marchi",
		"illegal_activity": "attività illecite", "misinformation": "disinformazione", "personal_case": "caso personale",
		"fake_account": "profilo falso", "flooding": "messaggi ripetuti, trolling", "staff_opinion": "opinione del personale",
		"unauthorised_publisher": "pubblicazione non autorizzata",
	}
	severityLabels = map[string]string{"lieve": "lieve", "media": "media", "grave": "grave"}
	kindLabels     = map[string]string{
		"comment": "commento", "reply": "risposta", "post": "post dell'ente", "private_message": "messaggio privato", "report": "segnalazione",
		"review": "revisione", "appeal": "reclamo", "decision": "decisione", "resolution": "risoluzione", "appeal_decision": "esito del reclamo", "action": "azione del connettore",
	}
	stateLabels = map[string]string{
		"open": "aperto", "claimed": "preso in carico", "resolved": "risolto",
		"pending": "in attesa", "decided": "deciso", "acting": "in esecuzione", "done": "eseguito",
		"waiting_review": "in attesa di revisione", "dead": "non recapitato", "ignored": "ignorato",
		"upheld": "respinto (decisione confermata)", "overturned": "accolto (decisione cambiata)",
	}
	activationLabels = map[string]string{
		"load": "attivata all'avvio", "reload": "attivata da un ricaricamento", "follow": "attivata da un altro server",
		"rejected": "rifiutata", "removed": "cartella dell'ente rimossa",
	}
	// categories are DESIGN.md's violation categories, in its order.
	categories = []string{"offensive_language", "threat", "discrimination", "defamation", "personal_data",
		"advertising_spam", "off_topic", "political_propaganda", "copyright_trademark", "illegal_activity",
		"misinformation", "personal_case", "fake_account", "flooding", "staff_opinion", "unauthorised_publisher"}
	platforms = []string{"facebook", "instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "website", "other"}
	kinds     = []string{"comment", "reply", "post", "private_message", "report"}
	outcomes  = []string{"allow", "review", "redirect", "hide", "remove", "reject"}
)

// label is the Italian name of v in a table, or v itself.
func label(table map[string]string, v string) string {
	if l, ok := table[v]; ok {
		return l
	}
	return v
}

var rome = func() *time.Location {
	l, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		return time.UTC
	}
	return l
}()

var months = [...]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"}

// when writes an RFC 3339 time in Italian, in Rome's time: "7 dicembre
// 2026, 23:02". What does not parse is shown as it is.
func when(v string) string {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return v
	}
	t = t.In(rome)
	return fmt.Sprintf("%d %s %d, %02d:%02d", t.Day(), months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
}

// short cuts a long id or hash for a table, keeping its start.
func short(v string) string {
	v = strings.TrimPrefix(v, "sha256:")
	if len(v) > 12 {
		return v[:12] + "…"
	}
	return v
}

// segment is a piece of a text, marked when evidence covers it.
type segment struct {
	Text   string
	Marked bool
	Why    string // the rules whose evidence covers it
}

// span is evidence over code points [Start, End) of the NFC text.
type span struct {
	Start, End int
	Why        string
}

// highlight cuts text at the evidence spans. Offsets count code points of
// the text after NFC, as the API says; spans out of range are clipped.
func highlight(text string, spans []span) []segment {
	runes := []rune(norm.NFC.String(text))
	marks := make([][]string, len(runes))
	for _, s := range spans {
		for i := max(s.Start, 0); i < min(s.End, len(runes)); i++ {
			if !slices.Contains(marks[i], s.Why) {
				marks[i] = append(marks[i], s.Why)
			}
		}
	}
	var out []segment
	for i := 0; i < len(runes); {
		j := i + 1
		for j < len(runes) && strings.Join(marks[j], ", ") == strings.Join(marks[i], ", ") {
			j++
		}
		out = append(out, segment{Text: string(runes[i:j]), Marked: len(marks[i]) > 0, Why: strings.Join(marks[i], ", ")})
		i = j
	}
	return out
}

// pretty indents JSON for a <pre>.
func pretty(raw []byte) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

var funcs = template.FuncMap{
	"outcome":  func(v string) string { return label(outcomeLabels, v) },
	"badge":    func(v string) string { return label(outcomeBadges, v) },
	"action":   func(v string) string { return label(actionLabels, v) },
	"severity": func(v string) string { return label(severityLabels, v) },
	"category": func(v string) string { return label(categoryLabels, v) },
	"kind":     func(v string) string { return label(kindLabels, v) },
	"state":    func(v string) string { return label(stateLabels, v) },
	"label":    func(v string) string { return label(activationLabels, v) },
	"when":     when,
	"short":    short,
	"pretty":   func(s string) string { return pretty([]byte(s)) },
	"json": func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	},
	"nav":  navFor,
	"join": strings.Join,
	"list": func(v ...string) []string { return v },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"has": func(s *session, role string) bool { return s != nil && s.me.has(role) },
	"pct": func(n, total int) string {
		if total == 0 {
			return "0"
		}
		return fmt.Sprintf("%.0f", 100*float64(n)/float64(total))
	},
	"barWidth": func(n, most int) int {
		if most == 0 {
			return 0
		}
		return n * 100 / most
	},
}

// parsePages parses each page with the layout it shares.
func parsePages() map[string]*template.Template {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		partials, _ := fs.Glob(templateFS, "templates/_*.html")
		files := append([]string{"templates/layout.html", n}, partials...)
		pages[base] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, files...))
	}
	return pages
}

// render writes a page; a template that fails is a bug, logged, and
// answered as a plain 500 since the page is half-written.
func (c *Console) render(g *gin.Context, status int, page string, v view) {
	t, ok := c.pages[page]
	if !ok {
		panic("console: no page " + page)
	}
	g.Header("Content-Type", "text/html; charset=utf-8")
	g.Status(status)
	if err := t.ExecuteTemplate(g.Writer, "layout.html", v); err != nil {
		c.log.Error("console page", "page", page, "err", err)
		if !g.Writer.Written() {
			g.String(http.StatusInternalServerError, "errore interno")
		}
	}
}
