package console

// The console driven in a real browser, on the real binary: built from
// cmd/galateo and started as `make run` starts it, on a copy of two enti's
// policies, with keys made by `galateo keys create`. Each page is checked
// for what a person sees, for WCAG 2.1 A/AA (axe-core) and photographed.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/galateo/galateo/engine/service/reload/reloadtest"
)

// galateo is a server started from the binary.
type galateo struct {
	url      string
	policies string
	admin    string // a key for every ente with every role
	tradate  string // a key for tradate alone, decide and audit
}

// startGalateo builds the binary, makes its keys and serves massa and
// tradate until the test ends.
func startGalateo(t *testing.T) *galateo {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "galateo")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/galateo")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	policies, fixtures := reloadtest.CopyTree(t, "../..", "massa", "tradate")
	db := filepath.Join(dir, "galateo.db")
	key := func(name, enti, roles string) string {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, "keys", "create", "-db", db, "-name", name, "-enti", enti, "-roles", roles)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("galateo keys create: %v\n%s", err, stderr.String())
		}
		return strings.TrimSpace(stdout.String())
	}
	g := &galateo{policies: policies,
		admin:   key("amministrazione", "*", "decide,audit,admin"),
		tradate: key("URP Tradate", "tradate", "decide,audit")}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	g.url = "http://" + addr
	serve := exec.Command(bin, "serve", "-addr", addr, "-db", db, "-policies", policies, "-fixtures", fixtures,
		"-watch=false", "-webhook-every", "-1s", "-rate", "0")
	var log bytes.Buffer
	serve.Stdout, serve.Stderr = &log, &log
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = serve.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- serve.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = serve.Process.Kill()
		}
		if t.Failed() {
			t.Logf("galateo serve:\n%s", log.String())
		}
	})
	// Start-up gates each ente (its Rego tests and fixtures): slow on a
	// busy machine, so the bound is wide; go test's -timeout is the last.
	deadline := time.Now().Add(5 * time.Minute)
	for {
		res, err := http.Get(g.url + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return g
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("galateo serve not ready after 5 minutes:\n%s", log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// api calls the JSON API with key and decodes the answer into out.
func (g *galateo) api(t *testing.T, key, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, g.url+path, rd)
	req.Header.Set("Authorization", "Bearer "+key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, raw)
		}
	}
	return res.StatusCode
}

// decide records a comment of ente and returns the decision's id.
func (g *galateo) decide(t *testing.T, ente, id, text string) string {
	t.Helper()
	var d struct {
		DecisionID string `json:"decision_id"`
	}
	body := map[string]any{"ente": ente, "channel": map[string]any{"platform": "facebook"},
		"content": map[string]any{"id": id, "kind": "comment", "text": text, "created_at": time.Now().Format(time.RFC3339)},
		"author":  map[string]any{"id": "fb:" + id}}
	if status := g.api(t, g.admin, http.MethodPost, "/decide", body, &d); status != http.StatusOK {
		t.Fatalf("POST /decide %s: %d", id, status)
	}
	return d.DecisionID
}

// page is the browser on the console, with the test's helpers.
type page struct {
	t   *testing.T
	ctx context.Context
	url string
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	browserDo(p.t, p.ctx, steps...)
}

// open navigates to path and waits for the page's heading.
func (p *page) open(path string) {
	p.t.Helper()
	p.do(chromedp.Navigate(p.url+path), chromedp.WaitVisible(chromedp.CSS("main h1")))
}

// text is the visible text of the first element sel matches.
func (p *page) text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// textContent is the text of sel, shown or not (inside a closed <details>).
func (p *page) textContent(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// html is the whole page as the browser has it now.
func (p *page) html() string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if err != nil {
		p.t.Fatal(err)
	}
	return s
}

// waitFor waits until the JavaScript condition holds on the page. A
// navigation under way makes an evaluation fail; it is tried again.
func (p *page) waitFor(cond string) {
	p.t.Helper()
	deadline := time.Now().Add(browserTimeout)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatalf("waiting for %s: %v\nthe page shows: %s", cond, last, p.text("body"))
}

// submit clicks a form's button and waits for the page it leads to, whose
// URL must contain want.
func (p *page) submit(button, want string) {
	p.t.Helper()
	p.do(chromedp.Evaluate[chromedp.Void](`window.__stessa = true`), chromedp.Click(chromedp.CSS(button)))
	p.waitFor(fmt.Sprintf(`!window.__stessa && document.readyState === 'complete' && location.href.includes(%q)`, want))
}

// check runs axe on the page and keeps its screenshot.
func (p *page) check(name string) {
	p.t.Helper()
	checkAccessibility(p.t, p.ctx, name)
	screenshot(p.t, p.ctx, name)
}

func (p *page) signIn(key string) {
	p.t.Helper()
	p.open("/")
	p.do(chromedp.SendKeys(chromedp.ID("chiave"), key))
	p.submit(`#main button[type=submit]`, "/")
	p.waitFor(`document.getElementById('chi') !== null`)
}

func (p *page) signOut() {
	p.t.Helper()
	p.submit(`form[action="/esci"] button`, "/")
	p.waitFor(`document.getElementById('chiave') !== null`)
}

func TestConsoleInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the binary")
	}
	ctx := newBrowser(t)
	g := startGalateo(t)
	p := &page{t: t, ctx: ctx, url: g.url}

	// What the log holds before anyone signs in: a removal, a comment for a
	// person to review, and a comment of the other ente.
	removed := g.decide(t, "massa", "fb_c1", "Sei un idiota, viale Roma è chiuso da settimane")
	reviewed := g.decide(t, "massa", "fb_c2", "Siete dei buffoni, viale Roma chiuso proprio sotto Natale")
	_ = g.decide(t, "tradate", "fb_t1", "Buongiorno, a che ora apre l'ufficio anagrafe?")

	// Sign in with a wrong key, then the right one.
	p.open("/")
	p.check("accedi")
	p.do(chromedp.SendKeys(chromedp.ID("chiave"), "glt_nonvalida"))
	p.submit(`#main button[type=submit]`, "/accedi")
	if got := p.text("#errore"); !strings.Contains(got, "non è valida") {
		t.Fatalf("a wrong key shows %q", got)
	}
	p.signIn(g.admin)
	if got := p.text("#enti"); !strings.Contains(got, "Comune di Massa") || !strings.Contains(got, "Comune di Tradate") {
		t.Fatalf("the overview lists %q", got)
	}
	p.check("cruscotto")

	t.Run("prova un commento", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		// Legal staff soften insults in the working copy, not yet serving.
		reloadtest.Edit(t, filepath.Join(g.policies, "enti", "massa", "data.yaml"),
			"offensive_language: {outcome: remove, severity: grave, actions: [remove]}",
			"offensive_language: {outcome: hide, severity: grave, actions: [hide]}")
		p.open("/prova")
		p.do(chromedp.SetValue(chromedp.ID("ente"), "massa"),
			chromedp.SendKeys(chromedp.ID("testo"), "Sei un idiota, e la strada è ancora chiusa"),
			chromedp.SendKeys(chromedp.ID("post"), "Lavori in viale Roma"))
		p.submit(`#prova button[type=submit]`, "/prova")
		p.waitFor(`document.getElementById('risultati') !== null`)
		got := p.text("#risultati")
		for _, want := range []string{"Versione in servizio", "Rimosso", "Insulti e turpiloquio", "Moderazione e regole di utilizzo", "Il commento viene rimosso"} {
			if !strings.Contains(got, want) {
				t.Errorf("the result does not show %q:\n%s", want, got)
			}
		}
		if mark := p.text("#risultati mark"); mark != "idiota" {
			t.Errorf("the evidence highlighted is %q, want idiota", mark)
		}
		p.check("prova")

		// Side by side with the working copy.
		p.do(chromedp.Click(chromedp.ID("bozza")))
		p.submit(`#prova button[type=submit]`, "/prova")
		p.waitFor(`document.querySelectorAll('.risultato').length === 2`)
		sides := p.html()
		working := sides[strings.Index(sides, "Copia di lavoro (non"):]
		if !strings.Contains(working, "Nascosto") || strings.Contains(working, ">Rimosso<") {
			t.Errorf("the working copy's side does not hide the insult")
		}
		p.check("prova-confronto")

		// Nothing tried was recorded.
		var list struct {
			Decisions []any `json:"decisions"`
		}
		g.api(t, g.admin, http.MethodGet, "/decisions?ente=massa", nil, &list)
		if len(list.Decisions) != 2 {
			t.Errorf("massa's log holds %d decisions after trying, want the 2 recorded", len(list.Decisions))
		}
	})

	t.Run("coda di revisione", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.open("/revisione")
		if got := p.text("#coda"); !strings.Contains(got, "Da valutare") {
			t.Fatalf("the queue shows %q", got)
		}
		p.check("coda")
		// The table refreshes without reloading the page: a decision made
		// elsewhere appears while the page stays.
		p.do(chromedp.Evaluate[chromedp.Void](`window.__stessa = true`))
		rows := `document.querySelectorAll('#coda-righe a').length`
		g.decide(t, "massa", "fb_c3", "Che buffoni in comune, sempre in ritardo")
		p.waitFor(rows + ` === 2 && window.__stessa === true`)

		p.open("/revisione/" + reviewed)
		p.submit(`form[action$="/prendi"] button`, "/revisione/"+reviewed)
		if got := p.text("#stato"); !strings.Contains(got, "preso in carico") {
			t.Fatalf("after claiming, the state is %q", got)
		}
		p.do(chromedp.SetValue(chromedp.ID("esito"), "allow"),
			chromedp.SendKeys(chromedp.ID("motivo"), "Critica dura ma rivolta all'amministrazione: resta."))
		p.check("revisione")
		p.submit(`#risolvi button[type=submit]`, "ok=")
		if got := p.text("#stato"); !strings.Contains(got, "risolto") {
			t.Fatalf("after resolving, the state is %q", got)
		}
	})

	t.Run("registro e reclami", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.open("/registro?ente=massa&outcome=remove&category=offensive_language")
		got := p.text("#registro")
		if !strings.Contains(got, removed) || strings.Contains(got, reviewed) {
			t.Fatalf("the log filtered on removals shows %q", got)
		}
		p.check("registro")
		p.open("/registro/" + removed)
		if got := p.text("#catena"); !strings.Contains(got, "n. 1") {
			t.Errorf("the chain position shows %q", got)
		}
		if got := p.text("main mark"); got != "idiota" {
			t.Errorf("the evidence highlighted is %q", got)
		}
		if got := p.textContent("#input"); !strings.Contains(got, `"kind": "comment"`) {
			t.Errorf("the masked input shows %q", got)
		}
		p.check("decisione")
		p.do(chromedp.SendKeys(chromedp.ID("motivi"), "Non era un insulto rivolto a una persona."))
		p.submit(`#reclamo button[type=submit]`, "ok=")
		if got := p.text("#avviso"); !strings.Contains(got, "Reclamo registrato") {
			t.Fatalf("after filing an appeal: %q", got)
		}
		p.open("/reclami")
		if got := p.text("#reclami"); !strings.Contains(got, "aperto") {
			t.Errorf("the appeals show %q", got)
		}
		p.check("reclami")

		p.open("/verifica?ente=massa&esegui=1")
		if got := p.text("#verifica"); !strings.Contains(got, "integra") {
			t.Errorf("the verification shows %q", got)
		}
		p.check("verifica")
	})

	t.Run("versioni e differenze", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.open("/versioni?ente=massa")
		p.check("versioni")
		// Serving against the working copy (the defaults), with the log.
		p.submit(`form[action="/differenze"] button[type=submit]`, "/differenze")
		p.waitFor(`document.getElementById('confronto') !== null`)
		if got := p.text("#parametri"); !strings.Contains(got, "categories.offensive_language") || !strings.Contains(got, "hide") {
			t.Errorf("the parameters changed show %q", got)
		}
		// The category's outcome serves Massa's clause on insults.
		if got := p.text("#parametri"); !strings.Contains(got, "insulti_turpiloquio") || !strings.Contains(got, "«insulti, turpiloquio, minacce»") {
			t.Errorf("the parameters changed do not show their clause: %q", got)
		}
		if got := p.text("#cambi"); !strings.Contains(got, removed) {
			t.Errorf("the changes do not list the logged removal: %q", got)
		}
		p.check("differenze")

		// The edit breaks massa's fixtures: a reload refuses it, and the
		// page says so while the old revision serves on.
		g.api(t, g.admin, http.MethodPost, "/admin/reload", map[string]any{}, nil)
		p.open("/versioni?ente=massa")
		if got := p.text("#rifiutata"); !strings.Contains(got, "rifiutata") {
			t.Errorf("the refused revision shows %q", got)
		}
		// Each revision with its activations: the serving one loaded at
		// start, the edited one refused.
		if got := p.text("#versioni"); !strings.Contains(got, "attivata all'avvio") || !strings.Contains(got, "rifiutata") {
			t.Errorf("the revisions' activations show %q", got)
		}
	})

	t.Run("trasparenza", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.open("/trasparenza?ente=massa")
		if got := p.text("#totale"); got != "3" {
			t.Errorf("the month's total is %q, want 3", got)
		}
		if got := p.text("#per-esito"); !strings.Contains(got, "Rimosso") {
			t.Errorf("by outcome: %q", got)
		}
		p.check("trasparenza")
		ctx, cancel := context.WithTimeout(ctx, browserTimeout)
		defer cancel()
		csv, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`fetch(document.getElementById('scarica-csv').href).then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(csv, "\n"); !strings.Contains(first, ",") {
			t.Errorf("the CSV download starts %q", first)
		}
	})

	t.Run("connettore e webhook", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.open("/connettore")
		if got := p.text("#errore"); !strings.Contains(got, "connector") && !strings.Contains(got, "connettore") {
			t.Errorf("a server without the connector shows %q", got)
		}
		p.check("connettore")
		p.open("/webhook")
		p.do(chromedp.SendKeys(chromedp.ID("w-url"), "https://strumenti.example.org/galateo"),
			chromedp.Click(chromedp.ID("w-massa")))
		p.submit(`#nuovo-webhook button[type=submit]`, "/webhook")
		p.waitFor(`document.getElementById('segreto') !== null`)
		if got := p.text("#segreto"); !strings.Contains(got, "whsec_") {
			t.Errorf("the new subscription shows %q", got)
		}
		if got := p.text("#sottoscrizioni"); !strings.Contains(got, "strumenti.example.org") {
			t.Errorf("the subscriptions show %q", got)
		}
		p.check("webhook")
	})

	// A key of one ente sees nothing of another, anywhere.
	t.Run("chiave di un solo ente", func(t *testing.T) {
		p := &page{t: t, ctx: ctx, url: g.url}
		p.signOut()
		p.signIn(g.tradate)
		for _, path := range []string{"/", "/prova", "/revisione", "/revisione?state=all", "/registro", "/reclami",
			"/versioni", "/trasparenza", "/webhook", "/verifica?esegui=1",
			"/registro/" + removed, "/revisione/" + reviewed, "/trasparenza?ente=massa", "/versioni?ente=massa",
			"/verifica?ente=massa&esegui=1", "/differenze?ente=massa&from=serving&to=working"} {
			p.open(path)
			html := p.html()
			for _, leak := range []string{"Comune di Massa", removed, reviewed, "viale Roma", "buffoni"} {
				if strings.Contains(html, leak) {
					t.Errorf("%s shows %q to a key of tradate alone", path, leak)
				}
			}
		}
		p.open("/registro/" + removed)
		if got := p.text("#errore"); !strings.Contains(got, "non consente") {
			t.Errorf("another ente's decision shows %q", got)
		}
		p.check("chiave-di-un-ente")
	})
}
