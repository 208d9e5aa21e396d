package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/reload"
	"github.com/galateo/galateo/store"
)

// operations maps "METHOD /path" of openapi.yaml, with Gin's :param
// syntax, to its operation.
func (c *apiContract) operations() map[string]*openapi3.Operation {
	ops := map[string]*openapi3.Operation{}
	for path, item := range c.doc.Paths.Map() {
		ginPath := path
		for strings.Contains(ginPath, "{") {
			i, j := strings.Index(ginPath, "{"), strings.Index(ginPath, "}")
			ginPath = ginPath[:i] + ":" + ginPath[i+1:j] + ginPath[j+1:]
		}
		for method, op := range item.Operations() {
			ops[method+" "+ginPath] = op
		}
	}
	return ops
}

// schema is components.schemas.<name>, resolved.
func (c *apiContract) schema(t *testing.T, name string) *openapi3.Schema {
	t.Helper()
	ref := c.doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		t.Fatalf("no schema %s", name)
	}
	return ref.Value
}

// prop is the property name of components.schemas.<schema>, resolved.
func (c *apiContract) prop(t *testing.T, schema, name string) *openapi3.Schema {
	t.Helper()
	ref := c.schema(t, schema).Properties[name]
	if ref == nil || ref.Value == nil {
		t.Fatalf("schema %s has no property %s", schema, name)
	}
	return ref.Value
}

// TestOpenAPIRoutes: every route of the router is described, and every
// described operation is routed.
func TestOpenAPIRoutes(t *testing.T) {
	ops := contract(t).operations()
	routed := map[string]bool{}
	for _, r := range newEnv(t, envOptions{}).router.Routes() {
		routed[r.Method+" "+r.Path] = true
		if ops[r.Method+" "+r.Path] == nil {
			t.Errorf("route %s %s is not in openapi.yaml", r.Method, r.Path)
		}
	}
	for op := range ops {
		if !routed[op] {
			t.Errorf("openapi.yaml describes %s, which is not routed", op)
		}
	}
}

// TestOpenAPISecurity checks that every operation declares its security:
// the open ones none (security: []), every other the bearer API key, with
// its 401, 403 and 429 answers.
func TestOpenAPISecurity(t *testing.T) {
	c := contract(t)
	if scheme := c.doc.Components.SecuritySchemes["bearerAuth"]; scheme == nil || scheme.Value.Type != "http" || scheme.Value.Scheme != "bearer" {
		t.Fatal("components.securitySchemes.bearerAuth is not an HTTP bearer scheme")
	}
	for op, o := range c.operations() {
		if o.Security == nil {
			t.Errorf("%s declares no security", op)
			continue
		}
		sec := *o.Security
		if openRoutes[op] {
			if len(sec) != 0 {
				t.Errorf("%s is open but its security is %v, want []", op, sec)
			}
			continue
		}
		if _, ok := sec[0]["bearerAuth"]; len(sec) != 1 || !ok {
			t.Errorf("%s: security %v, want [{bearerAuth: []}]", op, sec)
		}
		for _, code := range []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests} {
			if o.Responses.Status(code) == nil {
				t.Errorf("%s needs a key but does not document %d", op, code)
			}
		}
	}
}

// TestOpenAPIStatuses replays every case table (serve fails on a status
// the description does not document for its operation) and checks that
// the tests reach every documented response of /decide and of the audit
// endpoints: the description promises nothing no test has seen.
func TestOpenAPIStatuses(t *testing.T) {
	for _, c := range slices.Concat(decideCases, rejectCases, operationCases, []httpCase{goodRequest}) {
		newEnv(t, envOptions{}).serve(c.request())
	}
	auditEnv := newAuditEnv(t)
	for _, c := range auditCases {
		auditEnv.serve(c.request())
	}
	for _, c := range noStoreCases {
		newEnv(t, envOptions{noStore: true}).serve(c.request())
	}
	for _, c := range failureCases {
		newEnv(t, c.opts).serve(c.request())
	}
	newEnv(t, notReadyCase.opts).serve(notReadyCase.request())
	authRefused(t, http.MethodPost, "/decide", "{}", RoleDecide)
	authRefused(t, http.MethodGet, "/decisions", "", RoleAudit)
	authRefused(t, http.MethodGet, "/decisions/01JDX3M8Q2W6ZK4H7N5B0C9R1T", "", RoleAudit)
	authRefused(t, http.MethodPost, "/admin/authors/unblock", "{}", RoleAdmin)

	ops := contract(t).operations()
	routes := newEnv(t, envOptions{}).router.Routes()
	observed.Lock()
	seen := slices.Collect(maps.Keys(observed.set))
	observed.Unlock()
	byOp := map[string][]int{}
	for _, o := range seen {
		op := o.method + " " + routeOf(routes, o.method, o.path)
		byOp[op] = append(byOp[op], o.status)
	}
	for op, statuses := range byOp {
		slices.Sort(statuses)
		t.Logf("%s: %v", op, slices.Compact(statuses))
	}
	// A 500 of the audit endpoints takes a broken database.
	for _, op := range []string{"POST /decide", "GET /decisions", "GET /decisions/:id", "POST /admin/authors/unblock"} {
		for code := range ops[op].Responses.Map() {
			n, _ := strconv.Atoi(code)
			if n == http.StatusInternalServerError && op != "POST /decide" {
				continue
			}
			if !slices.Contains(byOp[op], n) {
				t.Errorf("%s documents %s but no test observed it", op, code)
			}
		}
	}
}

// routeOf returns the route template that serves path with method, or
// the path itself when none does.
func routeOf(routes gin.RoutesInfo, method, path string) string {
	parts := strings.Split(path, "/")
	for _, r := range routes {
		tmpl := strings.Split(r.Path, "/")
		if r.Method != method || len(tmpl) != len(parts) {
			continue
		}
		match := true
		for i := range tmpl {
			if !strings.HasPrefix(tmpl[i], ":") && tmpl[i] != parts[i] {
				match = false
				break
			}
		}
		if match {
			return r.Path
		}
	}
	return path
}

// schemaPairs are the Go types whose JSON form a schema describes.
var schemaPairs = []struct {
	value  any
	schema string
}{
	{engine.Request{}, "DecideRequest"},
	{engine.Decision{}, "Decision"},
	{engine.Notice{}, "Notice"},
	{decisionNotice{}, "DecisionNotice"},
	{problem{}, "Problem"},
	{enteInfo{}, "EnteInfo"},
	{store.VersionInfo{}, "VersionInfo"},
	{versionList{}, "VersionList"},
	{versionFiles{}, "VersionFiles"},
	{store.Activation{}, "Activation"},
	{reload.Result{}, "ReloadEnte"},
	{failedEnte{}, "FailedEnte"},
	{problemType{}, "ProblemType"},
	{recordMeta{}, "RecordMeta"},
	{auditMeta{}, "AuditMeta"},
	{decisionPage{}, "DecisionPage"},
	{unblockRequest{}, "UnblockRequest"},
	{unblockResult{}, "UnblockResult"},
	{diff.Report{}, "DiffReport"},
	{diff.Side{}, "DiffSide"},
	{diff.FileChange{}, "FileChange"},
	{diff.TextDiff{}, "TextDiff"},
	{diff.DataDiff{}, "DataDiff"},
	{diff.ParamChange{}, "ParamChange"},
	{diff.ParamClause{}, "ParamClause"},
	{diff.TermChange{}, "TermChange"},
	{diff.Behaviour{}, "Behaviour"},
	{diff.Change{}, "BehaviourChange"},
	{diff.Outcome{}, "DiffOutcome"},
	{store.APIKey{}, "APIKey"},
	{createKeyRequest{}, "CreateKeyRequest"},
	{createdKey{}, "CreatedKey"},
	{keyList{}, "KeyList"},
	{meResponse{}, "Me"},
	{tryRequest{}, "TryRequest"},
	{tryHistory{}, "TryHistory"},
	{tryResponse{}, "TryResult"},
	{verifyResponse{}, "ChainVerification"},
	{chainVerdict{}, "ChainVerdict"},
}

// TestOpenAPISchemas: the properties of each schema are the JSON names of
// its Go type, recursively through nested structs.
func TestOpenAPISchemas(t *testing.T) {
	c := contract(t)
	for _, p := range schemaPairs {
		t.Run(p.schema, func(t *testing.T) {
			compareSchema(t, reflect.TypeOf(p.value), c.schema(t, p.schema), p.schema)
		})
	}
}

func compareSchema(t *testing.T, typ reflect.Type, schema *openapi3.Schema, where string) {
	t.Helper()
	props := properties(schema)
	fields := jsonFields(typ)
	want := slices.Sorted(maps.Keys(fields))
	got := slices.Sorted(maps.Keys(props))
	if typ == reflect.TypeFor[problemType]() {
		want = slices.Sorted(slices.Values(append(want, "type"))) // added by the handler
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: schema properties %v, Go JSON fields %v", where, got, want)
	}
	for name, ft := range fields {
		sub := props[name]
		for sub != nil && (ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map) {
			switch ft.Kind() {
			case reflect.Slice:
				sub = refValue(sub.Items)
			case reflect.Map:
				sub = refValue(sub.AdditionalProperties.Schema)
			}
			ft = ft.Elem()
		}
		if sub != nil && ft.Kind() == reflect.Struct {
			compareSchema(t, ft, sub, where+"."+name)
		}
	}
}

func refValue(ref *openapi3.SchemaRef) *openapi3.Schema {
	if ref == nil {
		return nil
	}
	return ref.Value
}

// properties are the properties of a schema, with those of every schema
// it combines with allOf.
func properties(schema *openapi3.Schema) map[string]*openapi3.Schema {
	out := map[string]*openapi3.Schema{}
	for _, part := range schema.AllOf {
		maps.Copy(out, properties(part.Value))
	}
	for name, ref := range schema.Properties {
		out[name] = ref.Value
	}
	return out
}

// jsonFields maps the JSON names of a struct's encoded fields to their
// types; the fields of an embedded struct are its own, as encoding/json
// has them.
func jsonFields(typ reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for f := range typ.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			maps.Copy(out, jsonFields(f.Type))
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// TestOpenAPIEnums: enumerations and limits in the spec are the engine's.
func TestOpenAPIEnums(t *testing.T) {
	c := contract(t)
	strs := func(v []any) []string {
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	slugs := slices.Sorted(maps.Keys(problemTypes))
	var types []string
	for _, slug := range slugs {
		types = append(types, "/problems/"+slug)
	}
	for _, e := range []struct {
		name      string
		got, want []string
	}{
		{"platforms", strs(c.prop(t, "Channel", "platform").Enum), engine.Platforms},
		{"kinds", strs(c.prop(t, "Content", "kind").Enum), engine.Kinds},
		{"roles", strs(c.prop(t, "Author", "role").Enum), engine.Roles},
		{"media types", strs(c.prop(t, "Media", "type").Enum), engine.MediaTypes},
		{"outcomes", strs(c.prop(t, "Decision", "outcome").Enum), engine.Outcomes},
		{"classifier statuses", strs(c.prop(t, "ClassifierReport", "status").Enum), engine.ClassifierStatuses},
		{"problem slugs", slices.Sorted(slices.Values(strs(c.schema(t, "ProblemSlug").Enum))), slugs},
		{"problem types", slices.Sorted(slices.Values(strs(c.prop(t, "Problem", "type").Enum))), types},
	} {
		if !slices.Equal(e.got, e.want) {
			t.Errorf("%s: openapi.yaml %v, engine %v", e.name, e.got, e.want)
		}
	}
	if got := c.prop(t, "Signals", "toxicity").Max; got == nil || *got != 1 {
		t.Errorf("signal maximum %v, want 1", got)
	}
}

// example is the value of the named example of a media type.
func example(t *testing.T, mt *openapi3.MediaType, name string) any {
	t.Helper()
	if mt == nil || mt.Examples[name] == nil || mt.Examples[name].Value == nil {
		t.Fatalf("no example %s", name)
	}
	return mt.Examples[name].Value.Value
}

// exampleDecision is the documented answer of POST /decide to the Massa
// example.
func exampleDecision(t *testing.T) engine.Decision {
	t.Helper()
	op := contract(t).operations()["POST /decide"]
	raw, _ := json.Marshal(example(t, op.Responses.Status(http.StatusOK).Value.Content.Get("application/json"), "massaInsultRemoved"))
	var d engine.Decision
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("response example: %v", err)
	}
	return d
}

// TestOpenAPIExample: the documented Massa example, decided by the real
// engine, gives the documented outcome, rules and review.
func TestOpenAPIExample(t *testing.T) {
	op := contract(t).operations()["POST /decide"]
	body, err := json.Marshal(example(t, op.RequestBody.Value.Content.Get("application/json"), "massaInsult"))
	if err != nil {
		t.Fatal(err)
	}
	want := exampleDecision(t)
	env := newEnv(t, envOptions{})
	got := decodeDecision(t, env.run(t, httpCase{body: string(body), status: http.StatusOK}))
	rules := func(d engine.Decision) (out []string) {
		for _, v := range d.Violations {
			out = append(out, v.Rule+"@"+v.Clause.Section)
		}
		return out
	}
	if got.Outcome != want.Outcome || !slices.Equal(rules(got), rules(want)) || got.Review != want.Review ||
		!reflect.DeepEqual(got.Actions, want.Actions) {
		t.Errorf("example decided as\n%s\nwant %+v", mustJSON(got), want)
	}
	if !strings.Contains(mustJSON(want), `"start":8`) || !strings.Contains(mustJSON(got), `"start":8`) {
		t.Errorf("evidence offsets differ from the example")
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestOpenAPIBounds checks that the bounds openapi.yaml documents are the
// engine's, so that a client that respects the description is never
// refused for a length or a count.
func TestOpenAPIBounds(t *testing.T) {
	c := contract(t)
	num := func(v *uint64) int {
		if v == nil {
			return -1
		}
		return int(*v)
	}
	for _, b := range []struct {
		where string
		got   int
		want  int
	}{
		{"Content.text maxLength", num(c.prop(t, "Content", "text").MaxLength), engine.MaxTextRunes},
		{"Thread.text maxLength", num(c.prop(t, "Thread", "text").MaxLength), engine.MaxThreadRunes},
		{"Content.media maxItems", num(c.prop(t, "Content", "media").MaxItems), engine.MaxMedia},
		{"Signals maxProperties", num(c.schema(t, "Signals").MaxProps), engine.MaxSignals},
		{"Content.id maxLength", num(c.prop(t, "Content", "id").MaxLength), engine.MaxShortField},
		{"Thread.id maxLength", num(c.prop(t, "Thread", "id").MaxLength), engine.MaxShortField},
		{"Channel.account maxLength", num(c.prop(t, "Channel", "account").MaxLength), engine.MaxShortField},
		{"Author.id maxLength", num(c.prop(t, "Author", "id").MaxLength), engine.MaxShortField},
		{"Author.name maxLength", num(c.prop(t, "Author", "name").MaxLength), engine.MaxShortField},
		{"Author.office maxLength", num(c.prop(t, "Author", "office").MaxLength), engine.MaxShortField},
		{"CreateKeyRequest.name maxLength", num(c.prop(t, "CreateKeyRequest", "name").MaxLength), 100},
	} {
		if b.got != b.want {
			t.Errorf("%s = %d, want %d", b.where, b.got, b.want)
		}
	}
}
