package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gin-gonic/gin"
)

// strictness are the options of doc.Validate that check everything the
// library can: formats, patterns, defaults and examples against their
// schemas, no extension beside a $ref, and every error rather than the
// first.
var strictness = []openapi3.ValidationOption{
	openapi3.EnableSchemaFormatValidation(),
	openapi3.EnableSchemaPatternValidation(),
	openapi3.EnableSchemaDefaultsValidation(),
	openapi3.EnableExamplesValidation(),
	openapi3.ProhibitExtensionsWithRef(),
	openapi3.EnableMultiError(),
}

// apiContract is openapi.yaml loaded, validated and routed once for the
// package: every request a test serves is checked against it.
type apiContract struct {
	doc    *openapi3.T
	router routers.Router
}

var loadContract = sync.OnceValues(func() (*apiContract, error) {
	return newContract(openAPISpec)
})

func newContract(spec []byte) (*apiContract, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("load openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background(), strictness...); err != nil {
		return nil, fmt.Errorf("validate openapi.yaml: %w", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route openapi.yaml: %w", err)
	}
	return &apiContract{doc: doc, router: router}, nil
}

func contract(tb testing.TB) *apiContract {
	tb.Helper()
	c, err := loadContract()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestOpenAPIValid: the OpenAPI library loads openapi.yaml and finds no
// error with every check it has switched on.
func TestOpenAPIValid(t *testing.T) {
	c := contract(t)
	if !c.doc.IsOpenAPI31OrLater() {
		t.Errorf("openapi %s, want 3.1", c.doc.OpenAPI)
	}
}

// exchange is one request a test sent and the answer it got.
type exchange struct {
	req     *http.Request
	reqBody []byte
	status  int
	header  http.Header
	body    []byte
}

// check validates an exchange against the description. A request the
// description refuses (a test of bad input) must not have succeeded: a
// 4xx, or a 5xx of a server that could not look at it. Whatever the
// request, the status must be documented for its operation and the body
// must match the documented media type and schema, problems included. A
// path the description does not list must answer
// components.responses.NotFound, and a listed path asked with another
// method MethodNotAllowed.
func (c *apiContract) check(x exchange) error {
	req := x.req.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(x.reqBody))
	route, params, err := c.router.FindRoute(req)
	switch {
	case errors.Is(err, routers.ErrPathNotFound):
		return c.checkShared(x, http.StatusNotFound, "NotFound")
	case errors.Is(err, routers.ErrMethodNotAllowed):
		return c.checkShared(x, http.StatusMethodNotAllowed, "MethodNotAllowed")
	case err != nil:
		return fmt.Errorf("route %s %s: %w", req.Method, req.URL, err)
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, // the server checks keys; tests send bad ones
			MultiError:         true,
		},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && x.status < 400 {
		return fmt.Errorf("%s %s: a request the description refuses was answered %d: %w", req.Method, req.URL, x.status, err)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: x.status, Header: x.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out.SetBodyBytes(x.body)); err != nil {
		return fmt.Errorf("%s %s answered %d off the description: %w\nbody: %.500s", req.Method, req.URL, x.status, err, x.body)
	}
	return nil
}

// checkShared checks an answer outside every operation against the
// response components.responses.<name> describes.
func (c *apiContract) checkShared(x exchange, status int, name string) error {
	where := x.req.Method + " " + x.req.URL.String()
	if x.status != status {
		return fmt.Errorf("%s is not described but answered %d, want %d", where, x.status, status)
	}
	ref := c.doc.Components.Responses[name]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("%s answered %d; components.responses.%s is missing", where, status, name)
	}
	// A route of its own lets the library check the answer as it checks
	// every other: media type, schema and headers.
	op := openapi3.NewOperation()
	op.Responses = openapi3.NewResponses(openapi3.WithStatus(status, ref))
	in := &openapi3filter.RequestValidationInput{
		Request: x.req, Route: &routers.Route{Spec: c.doc, Path: x.req.URL.Path, Method: x.req.Method, Operation: op},
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: x.status, Header: x.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out.SetBodyBytes(x.body)); err != nil {
		return fmt.Errorf("%s answered %d off components.responses.%s: %w\nbody: %.500s", where, status, name, err, x.body)
	}
	return nil
}

// serveChecked serves req with h into a recorder and fails tb when the
// exchange is off the description.
func serveChecked(tb testing.TB, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	tb.Helper()
	body := readBody(tb, req)
	res := httptest.NewRecorder()
	h.ServeHTTP(res, req)
	x := exchange{req: req, reqBody: body, status: res.Code, header: res.Result().Header, body: res.Body.Bytes()}
	if err := contract(tb).check(x); err != nil {
		tb.Errorf("contract: %v", err)
	}
	return res
}

// readBody reads the body of req and puts an equal one back.
func readBody(tb testing.TB, req *http.Request) []byte {
	tb.Helper()
	if req.Body == nil {
		return nil
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		tb.Fatalf("read request body: %v", err)
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	return body
}

// checkedHandler is h for a real server (httptest.NewServer): it keeps a
// copy of each answer and checks the exchange once h has written it.
func checkedHandler(tb testing.TB, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body := readBody(tb, req)
		tw := &teeWriter{ResponseWriter: w}
		h.ServeHTTP(tw, req)
		if tw.status == 0 {
			tw.status = http.StatusOK
		}
		x := exchange{req: req, reqBody: body, status: tw.status, header: w.Header().Clone(), body: tw.body.Bytes()}
		if err := contract(tb).check(x); err != nil {
			tb.Errorf("contract: %v", err)
		}
	})
}

// teeWriter keeps the status and body written through it. Unwrap lets
// http.ResponseController reach the connection (the replay handler moves
// its write deadline).
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *teeWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *teeWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(p)
	return w.ResponseWriter.Write(p)
}

func (w *teeWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestContractCheckerIsActive: answers off the description are caught,
// so that a test passing through serve says something about the contract.
func TestContractCheckerIsActive(t *testing.T) {
	c := contract(t)
	get := func(path string) *http.Request { return httptest.NewRequest(http.MethodGet, path, nil) }
	problemHeader := http.Header{"Content-Type": {"application/problem+json"}}
	jsonHeader := http.Header{"Content-Type": {"application/json"}}
	for _, x := range []struct {
		name string
		x    exchange
		want string // in the error; empty for none
	}{
		{"healthz as described", exchange{req: get("/healthz"), status: 200, header: jsonHeader, body: []byte(`{"status":"ok"}`)}, ""},
		{"undocumented status", exchange{req: get("/healthz"), status: 418, header: jsonHeader, body: []byte(`{}`)}, "status is not supported"},
		{"problem without its type", exchange{req: get("/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1T"), status: 404, header: problemHeader,
			body: []byte(`{"title":"Not Found","status":404}`)}, `"type"`},
		{"decision with an unknown outcome", exchange{req: jsonRequest("/decide", comment("Grazie", monday)), reqBody: []byte(comment("Grazie", monday)),
			status: 200, header: jsonHeader, body: []byte(strings.Replace(mustJSON(exampleDecision(t)), `"outcome":"remove"`, `"outcome":"delete"`, 1))}, "outcome"},
		{"json where a problem is described", exchange{req: get("/nowhere"), status: 404, header: jsonHeader,
			body: []byte(`{"type":"/problems/not-found","title":"Not Found","status":404}`)}, "application/json"},
		{"unlisted path answered 200", exchange{req: get("/nowhere"), status: 200, header: jsonHeader, body: []byte(`{}`)}, "want 404"},
		{"bad request answered 200", exchange{req: jsonRequest("/decide", `{"ente": 1}`), reqBody: []byte(`{"ente": 1}`),
			status: 200, header: jsonHeader, body: []byte(mustJSON(exampleDecision(t)))}, "refuses"},
	} {
		t.Run(x.name, func(t *testing.T) {
			err := c.check(x.x)
			switch {
			case x.want == "" && err != nil:
				t.Errorf("an exchange as described is refused: %v", err)
			case x.want != "" && err == nil:
				t.Errorf("an exchange off the description passes")
			case x.want != "" && !strings.Contains(err.Error(), x.want):
				t.Errorf("error %v, want one about %s", err, x.want)
			}
		})
	}
}

func jsonRequest(path, body string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// recordingTB is a testing.TB that keeps its errors instead of failing.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestServeFailsOffContract: a handler that answers off the description
// fails the test that serves through testEnv.serve, and through a real
// server wrapped by checkedHandler.
func TestServeFailsOffContract(t *testing.T) {
	offContract := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"status":"fine"}`)) // healthz answers status ok
	})
	asDescribed := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	})
	for _, c := range []struct {
		name    string
		handler http.Handler
		errors  int // one for serve, one for the real server
	}{{"off contract", offContract, 2}, {"as described", asDescribed, 0}} {
		t.Run(c.name, func(t *testing.T) {
			rec := &recordingTB{TB: t}
			env := &testEnv{tb: rec}
			env.router = gin.New()
			env.router.GET("/healthz", gin.WrapH(c.handler))
			env.serve(httptest.NewRequest(http.MethodGet, "/healthz", nil))

			srv := httptest.NewServer(checkedHandler(rec, c.handler))
			defer srv.Close()
			res, err := http.Get(srv.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()

			if len(rec.errors) != c.errors {
				t.Errorf("%d contract errors %q, want %d", len(rec.errors), rec.errors, c.errors)
			}
		})
	}
}

// TestOpenAPIValidCatches: the strict validation of TestOpenAPIValid
// refuses the mistakes the description has had, so that its silence on
// openapi.yaml means something. An unquoted comma in a YAML flow map turns
// the rest of a description into a key of the schema.
func TestOpenAPIValidCatches(t *testing.T) {
	for _, m := range []struct{ name, from, to, want string }{
		{"comma in a flow map", "        id: {type: string}\n        name: {type: string}\n",
			"        id: {type: string, description: The id, in lower case.}\n        name: {type: string}\n", "in lower case."},
		{"unknown member of an operation", "operationId: decide\n", "operationId: decide\n      summery: x\n", "summery"},
		{"example off its schema", "                    policy_errors: 0\n", "                    policy_errors: none\n", "policy_errors"},
		{"dangling $ref", `$ref: "#/components/schemas/EntiList"`, `$ref: "#/components/schemas/EntList"`, "EntList"},
	} {
		t.Run(m.name, func(t *testing.T) {
			spec := bytes.Replace(openAPISpec, []byte(m.from), []byte(m.to), 1)
			if bytes.Equal(spec, openAPISpec) {
				t.Fatalf("openapi.yaml has no %q to change", m.from)
			}
			if _, err := newContract(spec); err == nil || !strings.Contains(err.Error(), m.want) {
				t.Errorf("error %v, want one naming %q", err, m.want)
			}
		})
	}
}
