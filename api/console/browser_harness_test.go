package console

import (
	"context"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// harnessPage is a small page built the way the console's pages are: the
// vendored Bootstrap Italia, its fonts and sprite, Italian text, a form, a
// heading and a table. It is the harness's own fixture, not a console page.
var harnessPage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prova del banco di prova – Galateo</title>
<link rel="stylesheet" href="/static/vendor/bootstrap-italia/css/bootstrap-italia.min.css">
</head>
<body>
<a class="visually-hidden-focusable" href="#contenuto">Vai al contenuto</a>
<header class="it-header-wrapper">
  <div class="it-header-center-wrapper">
    <div class="container"><div class="it-header-center-content-wrapper">
      <div class="it-brand-wrapper"><a href="/"><div class="it-brand-text">
        <div class="it-brand-title">Galateo</div>
      </div></a></div>
    </div></div>
  </div>
</header>
<main id="contenuto" class="container my-4">
  <h1>Prova un commento</h1>
  <form method="post" action="/" class="mt-4">
    <div class="form-group">
      <label for="testo">Testo del commento</label>
      <input type="text" class="form-control" id="testo" name="testo" required>
    </div>
    <button type="submit" class="btn btn-primary">
      <svg class="icon icon-white icon-sm" aria-hidden="true"><use href="/static/vendor/bootstrap-italia/svg/sprites.svg#it-search"></use></svg>
      Valuta
    </button>
  </form>
  {{if .}}<div class="alert alert-success mt-4" role="status"><p id="esito" class="mb-0">Esito: consentito. Testo ricevuto: {{.}}</p></div>{{end}}
  <table class="table mt-4">
    <caption>Esiti possibili, dal meno al più restrittivo</caption>
    <thead><tr><th scope="col">Esito</th><th scope="col">Significato</th></tr></thead>
    <tbody>
      <tr><td>consentito</td><td>il contenuto resta pubblicato</td></tr>
      <tr><td>revisione</td><td>decide una persona</td></tr>
      <tr><td>rimosso</td><td>il contenuto viene rimosso</td></tr>
    </tbody>
  </table>
</main>
<footer class="it-footer"><div class="it-footer-small-prints clearfix"><div class="container">
  <p class="text-white py-3 mb-0">Galateo</p>
</div></div></footer>
<script src="/static/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js"></script>
<script>bootstrap.loadFonts('/static/vendor/bootstrap-italia/fonts');</script>
</body>
</html>`))

// brokenPage breaks two critical WCAG rules on purpose: an image without
// alternative text and a field without a label.
const brokenPage = `<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><title>Pagina inaccessibile</title></head>
<body><main>
<h1>Pagina inaccessibile</h1>
<img src="/static/vendor/bootstrap-italia/svg/sprites.svg" width="20" height="20">
<form><input type="text" name="anonimo"></form>
</main></body>
</html>`

// harnessServer serves the two pages and static/ from disk, and records
// every request it cannot answer: a vendored file the CSS or JS asks for
// but make assets left out shows up there.
func harnessServer(t *testing.T) *httptest.Server {
	t.Helper()
	var mu sync.Mutex
	var missing []string
	static := http.StripPrefix("/static/", http.FileServer(http.Dir("static")))
	mux := http.NewServeMux()
	mux.Handle("/static/", static)
	mux.HandleFunc("/inaccessibile", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(brokenPage))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := harnessPage.Execute(w, r.PostFormValue("testo")); err != nil {
			t.Error(err)
		}
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		// The browser asks for a favicon on its own; the page names none.
		if rec.status == http.StatusNotFound && r.URL.Path != "/favicon.ico" {
			mu.Lock()
			missing = append(missing, r.URL.Path)
			mu.Unlock()
		}
	}))
	t.Cleanup(func() {
		srv.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range missing {
			t.Errorf("the page asked for %s, which is not served (missing from make assets?)", p)
		}
	})
	return srv
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// TestBrowserHarness proves the harness on its own page: Chromium drives a
// form, the vendored Bootstrap Italia loads whole (CSS, JS, fonts, sprite),
// a clean page passes the accessibility check and a broken one fails it.
func TestBrowserHarness(t *testing.T) {
	srv := harnessServer(t)
	browser := newBrowser(t)
	ctx, cancel := context.WithTimeout(browser, 5*browserTimeout)
	defer cancel()

	browserDo(t, ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("testo")),
		chromedp.SendKeys(chromedp.ID("testo"), "Buongiorno, quando apre l'URP?"),
		chromedp.Submit(chromedp.ID("testo")),
		chromedp.WaitVisible(chromedp.ID("esito")),
	)
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("esito")))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Testo ricevuto: Buongiorno, quando apre l'URP?"; !strings.Contains(got, want) {
		t.Errorf("result %q, want it to contain %q", got, want)
	}

	// The fonts are the one part of Bootstrap Italia that is fetched only
	// when the bundle's loadFonts runs: loading them proves the woff2 files
	// are where the bundle looks.
	fonts, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`Promise.all(['1em "Titillium Web"', 'bold 1em "Titillium Web"', '1em "Lora"', '1em "Roboto Mono"']
			.map(f => document.fonts.load(f))).then(r => r.filter(l => l.length > 0).length)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("load Bootstrap Italia's fonts: %v", err)
	}
	if fonts != 4 {
		t.Errorf("%d of 4 Bootstrap Italia font faces loaded", fonts)
	}
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.language`))
	if err != nil {
		t.Fatal(err)
	}
	if lang != "it-IT" {
		t.Errorf("navigator.language %q, want it-IT", lang)
	}
	family, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).fontFamily`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(family, "Titillium Web") {
		t.Errorf("body font %q: Bootstrap Italia's CSS did not apply", family)
	}

	checkAccessibility(t, ctx, "harness page")
	screenshot(t, ctx, "harness")

	browserDo(t, ctx, chromedp.Navigate(srv.URL+"/inaccessibile"), chromedp.WaitVisible(chromedp.CSS("h1")))
	found, err := axeViolations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	serious := map[string]bool{}
	for _, v := range found {
		if v.serious() {
			serious[v.ID] = true
		}
	}
	for _, rule := range []string{"image-alt", "label"} {
		if !serious[rule] {
			t.Errorf("broken page: no serious or critical %s violation in %v", rule, found)
		}
	}
}
