package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/record"
)

// decide answers POST /decide. Input is bounded, parsed and validated in
// full before the engine sees it; record.Service decides and records (a
// content already in the log under the ente's current revision is answered
// from it; a new decision is committed before it is answered). A rejected
// request decides and records nothing.
func (s *server) decide(c *gin.Context) {
	req, err := bindRequest(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if !s.mayEnte(c, req.Ente) {
		return
	}
	ctx := c.Request.Context()
	svc := record.Service{Engine: s.decider, Recorder: s.recorder}
	if s.store != nil {
		svc.Store = s.store
	}
	body, err := svc.Decide(ctx, req)
	var (
		unavailable *storeError
		find        *record.FindError
		entry       *record.EntryError
		rec         *record.RecordError
		failed      *engine.PolicyError
	)
	switch {
	case err == nil:
		c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	case errors.As(err, &find):
		s.storeFailed(c, err)
	case errors.As(err, &unavailable):
		s.storeFailed(c, fmt.Errorf("decide for %s: %w", req.Ente, err))
	case errors.As(err, &entry):
		p := newProblem(probInternal, truncate(err.Error(), 300))
		p.cause = err
		s.problem(c, p)
	case errors.As(err, &rec):
		p := newProblem(probRecordingFailed, "the decision was taken but could not be recorded; it has not been applied")
		p.cause = err
		s.problem(c, p)
	default:
		if errors.As(err, &failed) {
			// Where it failed goes to the log for the policy's authors; the
			// client learns which policy, never Rego's message, which may
			// quote values of the input.
			s.log.ErrorContext(ctx, "policy error", "ente", failed.Ente, "revision", failed.Revision,
				"location", failed.Location, "err", failed.Err)
		}
		s.fail(c, err)
	}
}

// bindRequest reads and validates the body of POST /decide.
func bindRequest(c *gin.Context) (*engine.Request, error) {
	req := new(engine.Request)
	if err := bindJSON(c, MaxBodyBytes, req, req.Validate); err != nil {
		return nil, err
	}
	return req, nil
}

// bindJSON reads a JSON object of at most limit bytes into v, then runs
// validate, which reports invalid fields as an *engine.ValidationError. Its
// errors are *problem, or errors that problemFor maps (the size limit).
func bindJSON(c *gin.Context, limit int64, v any, validate func() error) error {
	if err := checkMediaType(c.GetHeader("Content-Type")); err != nil {
		return err
	}
	if c.Request.ContentLength > limit {
		return newProblem(probBodyTooLarge,
			fmt.Sprintf("Content-Length %d is larger than %d bytes", c.Request.ContentLength, limit))
	}
	// A lying or absent Content-Length (chunked bodies) is caught here.
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return readError(err)
	}
	return decodeBody(body, v, validate)
}

// readError maps a failure to read the body: over the limit, or cut short
// by the client.
func readError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return newProblem(probMalformedJSON, "the body could not be read: the request was cut short")
}

// checkMediaType accepts application/json, with charset utf-8 or none:
// RFC 8259 JSON is UTF-8, and any other charset would be misread.
func checkMediaType(header string) error {
	if header == "" {
		return newProblem(probUnsupportedMedia, "Content-Type is missing; send application/json")
	}
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || mt != "application/json" {
		return newProblem(probUnsupportedMedia, fmt.Sprintf("Content-Type %q is not application/json", truncate(header, 100)))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return newProblem(probUnsupportedMedia, fmt.Sprintf("charset %q is not accepted; send UTF-8", truncate(cs, 50)))
	}
	return nil
}

// checkDecoded maps the binding's error onto a problem, and rejects what a
// JSON decoder lets through: a body that is not an object, and data after
// the object. validate lists the other invalid fields of a type error.
func checkDecoded(body []byte, bindErr error, validate func() error) error {
	rest := bytes.TrimLeft(body, " \t\r\n")
	if len(rest) == 0 {
		return newProblem(probMalformedJSON, "the body is empty; send one JSON object")
	}
	var (
		syntax   *json.SyntaxError
		wrongTyp *json.UnmarshalTypeError
	)
	switch {
	case bindErr == nil:
	case errors.As(bindErr, &syntax):
		// Offset counts the bytes read, the bad one included; clients
		// index from zero.
		return newProblem(probMalformedJSON, fmt.Sprintf("invalid JSON at byte offset %d: %s", max(syntax.Offset-1, 0), syntax))
	case errors.Is(bindErr, io.ErrUnexpectedEOF):
		return newProblem(probMalformedJSON, fmt.Sprintf("the JSON ends at byte offset %d before the object is complete", len(body)))
	case errors.As(bindErr, &wrongTyp):
		return typeProblem(body, wrongTyp, validate)
	default:
		return fmt.Errorf("bind request: %w", bindErr)
	}
	if rest[0] != '{' {
		return invalidFields(engine.FieldError{Field: "", Reason: "must be a JSON object"})
	}
	if off, ok := trailingData(body); ok {
		return newProblem(probMalformedJSON, fmt.Sprintf("unexpected data at byte offset %d after the JSON object", off))
	}
	return nil
}

// invalidFields is the invalid-request problem listing fields; its detail
// reads the first in full.
func invalidFields(fields ...engine.FieldError) *problem {
	var detail string
	if len(fields) > 0 {
		name := fields[0].Field
		if name == "" {
			name = "the body"
		}
		detail = name + " " + fields[0].Reason
	}
	switch n := len(fields) - 1; {
	case n == 1:
		detail += "; and 1 other invalid field"
	case n > 1:
		detail += fmt.Sprintf("; and %d other invalid fields", n)
	}
	p := newProblem(probInvalidRequest, detail)
	p.Errors = fields
	return p
}

// trailingData reports where non-space data follows the first JSON value of
// body, which must be valid. A JSON decoder stops after one value, so it
// would otherwise accept "{...} garbage".
func trailingData(body []byte) (int64, bool) {
	if json.Valid(body) {
		return 0, false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return 0, false
	}
	end := dec.InputOffset()
	skipped := len(body[end:]) - len(bytes.TrimLeft(body[end:], " \t\r\n"))
	return end + int64(skipped), true
}

// typeProblem names the field of a JSON value of the wrong type by its full
// path, and adds what Validate finds in the rest of the request: the
// decoder fills every field it can, so the client learns all at once.
func typeProblem(body []byte, e *json.UnmarshalTypeError, validate func() error) *problem {
	path, ok := valuePathAt(body, e.Offset)
	if !ok {
		path = e.Field
	}
	fields := []engine.FieldError{{Field: path, Reason: typeReason(e)}}
	if path == "" {
		return invalidFields(fields...) // the body itself is not an object
	}
	var invalid *engine.ValidationError
	if errors.As(validate(), &invalid) {
		for _, f := range invalid.Fields {
			// A field under the mistyped one is missing only because of it.
			if f.Field != path && !strings.HasPrefix(f.Field, path+".") && !strings.HasPrefix(f.Field, path+"[") {
				fields = append(fields, f)
			}
		}
	}
	return invalidFields(fields...)
}

// typeReason says what JSON type the field takes.
func typeReason(e *json.UnmarshalTypeError) string {
	if strings.HasPrefix(e.Value, "number ") { // a number out of the Go type's range
		return fmt.Sprintf("%s is out of range", strings.TrimPrefix(e.Value, "number "))
	}
	want := "a value of another type"
	if e.Type != nil {
		want = jsonTypeOf(e.Type)
	}
	got := e.Value
	if got == "bool" {
		got = "boolean"
	}
	return fmt.Sprintf("must be %s, not %s", want, got)
}

func jsonTypeOf(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "a value of another type"
}

// frame is one open object or array while valuePathAt walks a body.
type frame struct {
	object  bool
	wantKey bool // in an object, the next token is a key
	key     string
	index   int
}

// valuePathAt returns the path (content.text, signals.toxicity,
// content.media[0].type) of the value that encoding/json was reading when
// it stopped at byte offset off: the first value whose token ends there.
// encoding/json names struct fields but not map keys or array indices,
// and the client needs both. It runs only on bodies already rejected.
func valuePathAt(body []byte, off int64) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // tokens only; no float conversion that could fail
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		delim, isDelim := tok.(json.Delim)
		if n := len(stack); n > 0 && stack[n-1].wantKey && !isDelim {
			stack[n-1].key, _ = tok.(string)
			stack[n-1].wantKey = false
			continue
		}
		if isDelim && (delim == '}' || delim == ']') {
			stack = stack[:len(stack)-1]
			valueDone(stack)
			continue
		}
		if dec.InputOffset() >= off {
			return pathOf(stack), true
		}
		if isDelim {
			stack = append(stack, frame{object: delim == '{', wantKey: delim == '{'})
			continue
		}
		valueDone(stack)
	}
}

// valueDone moves the innermost container past a complete value.
func valueDone(stack []frame) {
	if n := len(stack); n > 0 {
		if stack[n-1].object {
			stack[n-1].wantKey = true
		} else {
			stack[n-1].index++
		}
	}
}

func pathOf(stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		if !f.object {
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}
