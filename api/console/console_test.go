package console

import (
	"crypto/tls"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
)

// fakeAPI stands for the JSON API behind the console: it knows one key and
// records what the console asked of it.
type fakeAPI struct {
	mu    sync.Mutex
	calls []string // "METHOD path Authorization"
}

const goodKey = "glt_buona"

func (f *fakeAPI) mount(r *gin.Engine) {
	auth := func(c *gin.Context) {
		f.mu.Lock()
		f.calls = append(f.calls, c.Request.Method+" "+c.Request.URL.Path+" "+c.GetHeader("Authorization"))
		f.mu.Unlock()
		if c.GetHeader("Authorization") != "Bearer "+goodKey {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"title": "Unauthorized", "detail": "the API key is not valid"})
		}
	}
	r.GET("/me", auth, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"key": gin.H{"id": "k1", "name": "URP"}, "roles": []string{"decide"}, "enti": []string{"massa"}})
	})
	r.GET("/enti", auth, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"enti": []gin.H{{"id": "massa", "name": "Comune di Massa"}}, "failed": []gin.H{}})
	})
	r.GET("/reviews", auth, func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"reviews": []gin.H{}, "next_cursor": ""}) })
	r.POST("/try", auth, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"serving": gin.H{"outcome": "remove", "explanation": "Il commento viene rimosso.",
			"policy":     gin.H{"revision": "sha256:aa"},
			"violations": []gin.H{{"rule": "minacce", "title": "Minacce", "evidence": []gin.H{{"match": "ammazzo", "start": 3, "end": 10}}}}}})
	})
	r.GET("/admin/meta/outbox", auth, func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"deliveries": []gin.H{{"id": "d7", "ente": "massa", "platform": "facebook", "object_id": "123_456",
			"state": c.Query("state"), "attempts": 8, "last_error": "Graph API 500"}}})
	})
	r.POST("/admin/meta/outbox/:id/retry", auth, func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"id": c.Param("id"), "state": "pending"}) })
	r.GET("/decisions/:id", auth, func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusForbidden, gin.H{"title": "Forbidden", "detail": "API key k1 has no audit role"})
	})
}

func (f *fakeAPI) called(prefix string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// newConsole serves the console on the fake API.
func newConsole(t *testing.T, tlsOn bool) (*httptest.Server, *fakeAPI, *http.Client) {
	t.Helper()
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	f := &fakeAPI{}
	f.mount(r)
	New(Options{}).Mount(r)
	var srv *httptest.Server
	if tlsOn {
		srv = httptest.NewTLSServer(r)
	} else {
		srv = httptest.NewServer(r)
	}
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := srv.Client()
	client.Jar = jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return srv, f, client
}

var hiddenCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get returns the status, the body, and the CSRF token of its first form.
func get(t *testing.T, c *http.Client, u string) (int, string, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	tok := ""
	if m := hiddenCSRF.FindStringSubmatch(string(b)); m != nil {
		tok = m[1]
	}
	return res.StatusCode, string(b), tok
}

func post(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// signIn signs in with key through the form and returns the answer.
func signIn(t *testing.T, srv *httptest.Server, c *http.Client, key, next string) *http.Response {
	t.Helper()
	_, _, tok := get(t, c, srv.URL+"/?next="+url.QueryEscape(next))
	res, _ := post(t, c, srv.URL+"/accedi", url.Values{"csrf": {tok}, "chiave": {key}, "next": {next}})
	return res
}

func TestSignIn(t *testing.T) {
	srv, f, c := newConsole(t, false)

	// A page asked for without a session leads to the sign-in, keeping where.
	res, err := c.Get(srv.URL + "/prova")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/?next=%2Fprova" {
		t.Fatalf("GET /prova without a session: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}

	// The sign-in form's token must come back with the cookie it was set in.
	if res, body := post(t, c, srv.URL+"/accedi", url.Values{"csrf": {"forged"}, "chiave": {goodKey}}); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "scaduto") {
		t.Fatalf("sign-in without the form's token: %d", res.StatusCode)
	}
	if len(f.called("GET /me")) != 0 {
		t.Fatal("a forged sign-in reached the API")
	}

	// A wrong key is refused by the API and said so; no session opens.
	if res := signIn(t, srv, c, "glt_sbagliata", "/"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong key: %d, want 401", res.StatusCode)
	}
	if status, _, _ := get(t, c, srv.URL+"/prova"); status != http.StatusSeeOther {
		t.Fatalf("after a wrong key, /prova answers %d: a session was opened", status)
	}

	// The right key: a session cookie, HttpOnly and SameSite=Strict, and
	// the page asked for first.
	res = signIn(t, srv, c, goodKey, "/prova")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/prova" {
		t.Fatalf("sign-in: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, not Secure over plain HTTP", cookie)
	}
	if strings.Contains(cookie.Value, goodKey) {
		t.Fatal("the session cookie carries the API key")
	}
	status, body, _ := get(t, c, srv.URL+"/prova")
	if status != http.StatusOK || !strings.Contains(body, "Comune di Massa") || strings.Contains(body, goodKey) {
		t.Fatalf("GET /prova signed in: %d", status)
	}
	// The menu follows the key's roles: decide, not audit.
	if !strings.Contains(body, `href="/revisione"`) || strings.Contains(body, `href="/registro"`) {
		t.Fatal("the menu does not follow the key's roles")
	}

	// Signing out ends the session on the server too.
	_, _, tok := get(t, c, srv.URL+"/prova")
	res, _ = post(t, c, srv.URL+"/esci", url.Values{"csrf": {tok}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.StatusCode)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: cookie.Value}})
	c.Jar = jar
	if status, _, _ := get(t, c, srv.URL+"/prova"); status != http.StatusSeeOther {
		t.Fatalf("the cookie of a closed session still opens /prova: %d", status)
	}
}

func TestSignInGoesOnlyToThisSite(t *testing.T) {
	srv, _, c := newConsole(t, false)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "prova"} {
		c.Jar, _ = cookiejar.New(nil) // signed out
		res := signIn(t, srv, c, goodKey, next)
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next %q: sent to %q, want /", next, loc)
		}
	}
}

func TestFormsNeedTheSessionToken(t *testing.T) {
	srv, f, c := newConsole(t, false)
	signIn(t, srv, c, goodKey, "/")
	_, _, tok := get(t, c, srv.URL+"/prova")
	form := url.Values{"ente": {"massa"}, "piattaforma": {"facebook"}, "tipo": {"comment"}, "quando": {"2026-12-07T10:00"}, "testo": {"io ammazzo"}}

	res, body := post(t, c, srv.URL+"/prova", form)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "CSRF") {
		t.Fatalf("POST /prova without the token: %d", res.StatusCode)
	}
	if n := len(f.called("POST /try")); n != 0 {
		t.Fatalf("a form without the token reached the API %d times", n)
	}

	form.Set("csrf", tok)
	res, body = post(t, c, srv.URL+"/prova", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /prova: %d", res.StatusCode)
	}
	calls := f.called("POST /try")
	if len(calls) != 1 || !strings.HasSuffix(calls[0], "Bearer "+goodKey) {
		t.Fatalf("POST /try calls %q: want one, with the session's key", calls)
	}
	// The evidence is marked in the text, by its rule.
	if !strings.Contains(body, `io <mark title="Minacce">ammazzo</mark>`) {
		t.Fatalf("the evidence is not highlighted:\n%s", body)
	}
}

func TestRefusalIsShown(t *testing.T) {
	srv, _, c := newConsole(t, false)
	signIn(t, srv, c, goodKey, "/")
	status, body, _ := get(t, c, srv.URL+"/registro/01ABC")
	if status != http.StatusForbidden || !strings.Contains(body, "non consente") || !strings.Contains(body, "has no audit role") {
		t.Fatalf("a refused page: %d", status)
	}
}

func TestSecureCookieOverTLS(t *testing.T) {
	srv, _, c := newConsole(t, true)
	c.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the test server's own certificate
	res := signIn(t, srv, c, goodKey, "/")
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie && !ck.Secure {
			t.Fatal("the session cookie is not Secure over TLS")
		}
	}
	if len(res.Cookies()) == 0 {
		t.Fatal("no cookie set")
	}
}

func TestHighlightCountsCodePointsOfNFC(t *testing.T) {
	// "perché" written with a combining accent is one code point shorter
	// after NFC; the offsets the API gives count the NFC text.
	text := "perche\u0301 🙂 ti ammazzo"
	segs := highlight(text, []span{{Start: 12, End: 19, Why: "Minacce"}, {Start: 9, End: 11, Why: "Minacce"}})
	var marked []string
	for _, s := range segs {
		if s.Marked {
			marked = append(marked, s.Text)
		}
	}
	if strings.Join(marked, "|") != "ti|ammazzo" {
		t.Fatalf("marked %q, want ti|ammazzo", marked)
	}
	// Out of range offsets are clipped, never a panic.
	if segs := highlight("breve", []span{{Start: 3, End: 99, Why: "x"}, {Start: -4, End: 1, Why: "y"}}); len(segs) != 3 {
		t.Fatalf("clipped segments %+v", segs)
	}
}

func TestDeadLettersAreRetried(t *testing.T) {
	srv, f, c := newConsole(t, false)
	signIn(t, srv, c, goodKey, "/")
	status, body, tok := get(t, c, srv.URL+"/connettore")
	if status != http.StatusOK || !strings.Contains(body, "Graph API 500") || !strings.Contains(body, `action="/connettore/d7/riprova"`) {
		t.Fatalf("the dead letters page: %d\n%s", status, body)
	}
	if calls := f.called("GET /admin/meta/outbox"); len(calls) != 1 {
		t.Fatalf("outbox calls %q", calls)
	}
	res, _ := post(t, c, srv.URL+"/connettore/d7/riprova", url.Values{"csrf": {tok}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/connettore?ok=") {
		t.Fatalf("retry: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if calls := f.called("POST /admin/meta/outbox/d7/retry"); len(calls) != 1 {
		t.Fatalf("retry calls %q", calls)
	}
}
