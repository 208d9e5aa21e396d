package console

// The browser-test harness: a headless Chromium driven through the DevTools
// protocol, an axe-core accessibility check and full-page screenshots. The
// console's own browser tests are built from these three helpers.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserTimeout bounds one step of a browser test (start, a page load, an
// axe run). It is generous because CI is a busy 2-core machine: a test
// should wait for what it needs (chromedp.WaitVisible) under this bound,
// never sleep for a fixed time.
const browserTimeout = 60 * time.Second

// axeScript is the vendored axe-core (make assets); tests run in the
// package's directory.
const axeScript = "testdata/axe/axe.min.js"

// chromiumPath is the browser the tests drive: GALATEO_CHROMIUM (set by
// .ci/run), else Debian's or Ubuntu's name for it on PATH.
func chromiumPath() string {
	if p := os.Getenv("GALATEO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium for the test and returns its
// context; the browser stops when the test ends. Without Chromium the test
// is skipped, except under CI=true, where a skipped browser test would hide
// a console nobody checked.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		msg := "no Chromium: set GALATEO_CHROMIUM or install Debian's chromium package (.ci/run does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Chromium at %s: %v", path, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		// Containers and CI run as root, where Chromium's sandbox cannot start.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		// Fixed size and language, so that screenshots and the Italian
		// text the console negotiates are the same on every machine.
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("lang", "it-IT"),
		chromedp.Flag("accept-lang", "it-IT,it"),
		chromedp.Env("LANGUAGE=it_IT", "LANG=it_IT.UTF-8"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})

	// The first run starts the browser and must not carry a deadline (it
	// would stop the browser with it), so the start is bounded from outside.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start Chromium %s: %v", path, err)
		}
	case <-time.After(browserTimeout):
		cancel()
		t.Fatalf("Chromium %s did not start within %s", path, browserTimeout)
	}
	// What the browser showed when a test failed is the first thing to
	// look at, above all for a failure only CI sees. Cleanups run last in
	// first out, so the browser is still up here.
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		name := "fallito-" + strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
		if file, err := saveScreenshot(ctx, name); err != nil {
			t.Logf("screenshot of the failure: %v", err)
		} else {
			t.Logf("screenshot of the failure: %s", file)
		}
	})
	return ctx
}

// browserDo performs the steps on the test's page within browserTimeout.
func browserDo(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// axeViolation is the part of an axe-core result a failing test prints.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"`
}

func (v axeViolation) String() string {
	targets := v.Targets
	if len(targets) > 3 {
		targets = append(targets[:3:3], fmt.Sprintf("… %d more", len(v.Targets)-3))
	}
	return fmt.Sprintf("%s (%s): %s [%s] %s", v.ID, v.Impact, v.Help, strings.Join(targets, ", "), v.HelpURL)
}

// serious reports whether the violation breaks the console's bar: AgID
// requires WCAG 2.1 AA, and axe calls serious or critical what blocks or
// badly hinders a person using assistive technology.
func (v axeViolation) serious() bool {
	return v.Impact == "serious" || v.Impact == "critical"
}

// axeRun is evaluated in the page: WCAG 2.0 and 2.1 rules at levels A and
// AA only (best-practice rules are advice, not the law the console must
// meet), with each node's selector flattened (shadow DOM and frames nest
// them in arrays).
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
	resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	targets: v.nodes.map(n => n.target.map(s => [].concat(s).join(' >>> ')).join(' | ')),
})))`

// axeViolations injects axe-core into the current page, unless it is
// there already, and returns every WCAG A/AA violation it finds.
func axeViolations(ctx context.Context) ([]axeViolation, error) {
	src, err := os.ReadFile(axeScript)
	if err != nil {
		return nil, fmt.Errorf("read axe-core (make assets vendors it): %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === 'object'`))
	if err != nil {
		return nil, fmt.Errorf("look for axe-core: %w", err)
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return found, nil
}

// checkAccessibility fails the test for every serious or critical WCAG 2.1
// A/AA violation on the current page (named page in the messages) and logs
// the minor and moderate ones.
func checkAccessibility(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	found, err := axeViolations(ctx)
	if err != nil {
		t.Fatalf("accessibility of %s: %v", page, err)
	}
	for _, v := range found {
		if v.serious() {
			t.Errorf("accessibility of %s: %s", page, v)
		} else {
			t.Logf("accessibility of %s (not blocking): %s", page, v)
		}
	}
}

// screenshotDir is where screenshots go: GALATEO_SCREENSHOTS, else
// test-artefacts/console/ at the repository root (ignored by git), which
// CI keeps as an artefact and the README links to.
func screenshotDir() (string, error) {
	if d := os.Getenv("GALATEO_SCREENSHOTS"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "test-artefacts", "console"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = parent
	}
}

// screenshot saves a full-page PNG of the current page as <name>.png.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	file, err := saveScreenshot(ctx, name)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	t.Logf("screenshot %s", file)
}

func saveScreenshot(ctx context.Context, name string) (string, error) {
	dir, err := screenshotDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "", err
	}
	file := filepath.Join(dir, name+".png")
	return file, os.WriteFile(file, png, 0o644)
}
