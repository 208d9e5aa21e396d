package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"go.yaml.in/yaml/v3"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/diff"
	"github.com/galateo/galateo/engine/reload"
	"github.com/galateo/galateo/store"
)

// spec is openapi.yaml as plain maps.
type spec map[string]any

func loadSpec(t *testing.T) spec {
	t.Helper()
	var m map[string]any // not spec: yaml would give nested maps that type too
	if err := yaml.Unmarshal(openAPISpec, &m); err != nil {
		t.Fatalf("parse openapi.yaml: %v", err)
	}
	s := spec(m)
	if s["openapi"] != "3.1.0" {
		t.Fatalf("openapi %v, want 3.1.0", s["openapi"])
	}
	return s
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// resolve follows a local $ref.
func (s spec) resolve(t *testing.T, node map[string]any) map[string]any {
	t.Helper()
	for node["$ref"] != nil {
		ref, _ := node["$ref"].(string)
		next := map[string]any(s)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			next = obj(next[part])
		}
		if next == nil {
			t.Fatalf("unresolved $ref %s", ref)
		}
		node = next
	}
	return node
}

// operations lists "METHOD /path" of the spec, with Gin's :param syntax.
func (s spec) operations() map[string]map[string]any {
	ops := map[string]map[string]any{}
	for path, item := range obj(s["paths"]) {
		ginPath := path
		for strings.Contains(ginPath, "{") {
			i, j := strings.Index(ginPath, "{"), strings.Index(ginPath, "}")
			ginPath = ginPath[:i] + ":" + ginPath[i+1:j] + ginPath[j+1:]
		}
		for method, op := range obj(item) {
			if method == "parameters" {
				continue
			}
			ops[strings.ToUpper(method)+" "+ginPath] = obj(op)
		}
	}
	return ops
}

// TestOpenAPIRoutes: every route of the router is described, and every
// described operation is routed.
func TestOpenAPIRoutes(t *testing.T) {
	s := loadSpec(t)
	ops := s.operations()
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

// TestOpenAPIStatuses: every status any test saw a route answer is
// documented for that operation; 404 and 405 outside any operation are
// documented in components.responses. It replays every case table first,
// so it holds when run alone.
// TestOpenAPISecurity checks that every operation declares its security:
// the open ones none (security: []), every other the bearer API key, with
// its 401, 403 and 429 answers.
func TestOpenAPISecurity(t *testing.T) {
	s := loadSpec(t)
	if obj(obj(obj(s["components"])["securitySchemes"])["bearerAuth"])["scheme"] != "bearer" {
		t.Fatal("components.securitySchemes.bearerAuth is not an HTTP bearer scheme")
	}
	for op, o := range s.operations() {
		sec, declared := o["security"].([]any)
		if !declared {
			t.Errorf("%s declares no security", op)
			continue
		}
		if openRoutes[op] {
			if len(sec) != 0 {
				t.Errorf("%s is open but its security is %v, want []", op, sec)
			}
			continue
		}
		if len(sec) != 1 || obj(sec[0])["bearerAuth"] == nil {
			t.Errorf("%s: security %v, want [{bearerAuth: []}]", op, sec)
		}
		for _, code := range []string{"401", "403", "429"} {
			if obj(o["responses"])[code] == nil {
				t.Errorf("%s needs a key but does not document %s", op, code)
			}
		}
	}
}

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

	s := loadSpec(t)
	ops := s.operations()
	routes := newEnv(t, envOptions{}).router.Routes()
	observed.Lock()
	seen := slices.Collect(maps.Keys(observed.set))
	observed.Unlock()
	byOp := map[string][]int{}
	for _, o := range seen {
		op := o.method + " " + routeOf(routes, o.method, o.path)
		byOp[op] = append(byOp[op], o.status)
		responses := obj(ops[op]["responses"])
		switch {
		case responses != nil:
			if responses[strconv.Itoa(o.status)] == nil {
				t.Errorf("%s answered %d (%s), which openapi.yaml does not document", op, o.status, o.path)
			}
		case o.status == http.StatusNotFound:
			requireResponse(t, s, "NotFound", o)
		case o.status == http.StatusMethodNotAllowed:
			requireResponse(t, s, "MethodNotAllowed", o)
		default:
			t.Errorf("%s %s answered %d outside any operation", o.method, o.path, o.status)
		}
	}
	for op, statuses := range byOp {
		slices.Sort(statuses)
		t.Logf("%s: %v", op, slices.Compact(statuses))
	}
	// The cases must have reached every documented response of /decide
	// and of the audit endpoints, or the documentation promises what no
	// test has seen. A 500 of the audit endpoints takes a broken database.
	for _, op := range []string{"POST /decide", "GET /decisions", "GET /decisions/:id", "POST /admin/authors/unblock"} {
		for code := range obj(ops[op]["responses"]) {
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

func requireResponse(t *testing.T, s spec, name string, o observation) {
	t.Helper()
	if obj(obj(obj(s["components"])["responses"])[name]) == nil {
		t.Errorf("%s %s answered %d; components.responses.%s is missing", o.method, o.path, o.status, name)
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
	{problem{}, "Problem"},
	{enteInfo{}, "EnteInfo"},
	{store.VersionInfo{}, "VersionInfo"},
	{versionList{}, "VersionList"},
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
	{diff.TermChange{}, "TermChange"},
	{diff.Behaviour{}, "Behaviour"},
	{diff.Change{}, "BehaviourChange"},
	{diff.Outcome{}, "DiffOutcome"},
	{store.APIKey{}, "APIKey"},
	{createKeyRequest{}, "CreateKeyRequest"},
	{createdKey{}, "CreatedKey"},
	{keyList{}, "KeyList"},
}

// TestOpenAPISchemas: the properties of each schema are the JSON names of
// its Go type, recursively through nested structs.
func TestOpenAPISchemas(t *testing.T) {
	s := loadSpec(t)
	schemas := obj(obj(s["components"])["schemas"])
	for _, p := range schemaPairs {
		t.Run(p.schema, func(t *testing.T) {
			node := schemas[p.schema]
			if node == nil {
				t.Fatalf("no schema %s", p.schema)
			}
			s.compare(t, reflect.TypeOf(p.value), obj(node), p.schema)
		})
	}
}

func (s spec) compare(t *testing.T, typ reflect.Type, schema map[string]any, where string) {
	t.Helper()
	props := s.properties(t, schema)
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
		sub := obj(props[name])
		if sub == nil {
			continue
		}
		sub = s.resolve(t, sub)
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			switch ft.Kind() {
			case reflect.Slice:
				sub = s.resolve(t, obj(sub["items"]))
			case reflect.Map:
				sub = s.resolve(t, obj(sub["additionalProperties"]))
			}
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			s.compare(t, ft, sub, where+"."+name)
		}
	}
}

// properties are the properties of a schema, with those of every schema
// it combines with allOf.
func (s spec) properties(t *testing.T, schema map[string]any) map[string]any {
	t.Helper()
	schema = s.resolve(t, schema)
	out := map[string]any{}
	parts, _ := schema["allOf"].([]any)
	for _, part := range parts {
		maps.Copy(out, s.properties(t, obj(part)))
	}
	maps.Copy(out, obj(schema["properties"]))
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
	s := loadSpec(t)
	schemas := obj(obj(s["components"])["schemas"])
	prop := func(schema, name string) map[string]any {
		return s.resolve(t, obj(obj(s.resolve(t, obj(schemas[schema]))["properties"])[name]))
	}
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	slugs := slices.Sorted(maps.Keys(problemTypes))
	var types []string
	for _, slug := range slugs {
		types = append(types, "/problems/"+slug)
	}
	for _, c := range []struct {
		name      string
		got, want []string
	}{
		{"platforms", strs(prop("Channel", "platform")["enum"]), engine.Platforms},
		{"kinds", strs(prop("Content", "kind")["enum"]), engine.Kinds},
		{"roles", strs(prop("Author", "role")["enum"]), engine.Roles},
		{"media types", strs(prop("Media", "type")["enum"]), engine.MediaTypes},
		{"outcomes", strs(prop("Decision", "outcome")["enum"]), engine.Outcomes},
		{"classifier statuses", strs(prop("ClassifierReport", "status")["enum"]), engine.ClassifierStatuses},
		{"problem slugs", slices.Sorted(slices.Values(strs(schemas["ProblemSlug"].(map[string]any)["enum"]))), slugs},
		{"problem types", slices.Sorted(slices.Values(strs(prop("Problem", "type")["enum"]))), types},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: openapi.yaml %v, engine %v", c.name, c.got, c.want)
		}
	}
	if got := prop("Content", "text")["maxLength"]; got != engine.MaxTextRunes {
		t.Errorf("content.text maxLength %v, engine %d", got, engine.MaxTextRunes)
	}
	if got := prop("Signals", "toxicity")["maximum"]; got != 1 {
		t.Errorf("signal maximum %v, want 1", got)
	}
}

// TestOpenAPIExample: the documented Massa example, decided by the real
// engine, gives the documented outcome, rules and review.
func TestOpenAPIExample(t *testing.T) {
	s := loadSpec(t)
	op := s.operations()["POST /decide"]
	reqEx := obj(obj(obj(obj(obj(op["requestBody"])["content"])["application/json"])["examples"])["massaInsult"])["value"]
	resEx := obj(obj(obj(obj(obj(obj(op["responses"])["200"])["content"])["application/json"])["examples"])["massaInsultRemoved"])["value"]
	body, err := json.Marshal(reqEx)
	if err != nil {
		t.Fatal(err)
	}
	var want engine.Decision
	raw, _ := json.Marshal(resEx)
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("response example: %v", err)
	}
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
	if !bytes.Contains(raw, []byte(`"start":8`)) || !strings.Contains(mustJSON(got), `"start":8`) {
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
	s := loadSpec(t)
	schemas := obj(obj(s["components"])["schemas"])
	prop := func(schema, name string) map[string]any {
		return obj(obj(obj(schemas[schema])["properties"])[name])
	}
	num := func(v any) int {
		switch n := v.(type) {
		case int:
			return n
		case float64:
			return int(n)
		}
		return -1
	}
	for _, c := range []struct {
		where string
		got   any
		want  int
	}{
		{"Content.text maxLength", prop("Content", "text")["maxLength"], engine.MaxTextRunes},
		{"Thread.text maxLength", prop("Thread", "text")["maxLength"], engine.MaxThreadRunes},
		{"Content.media maxItems", prop("Content", "media")["maxItems"], engine.MaxMedia},
		{"Signals maxProperties", obj(schemas["Signals"])["maxProperties"], engine.MaxSignals},
		{"Content.id maxLength", prop("Content", "id")["maxLength"], engine.MaxShortField},
		{"Thread.id maxLength", prop("Thread", "id")["maxLength"], engine.MaxShortField},
		{"Channel.account maxLength", prop("Channel", "account")["maxLength"], engine.MaxShortField},
		{"Author.id maxLength", prop("Author", "id")["maxLength"], engine.MaxShortField},
		{"Author.name maxLength", prop("Author", "name")["maxLength"], engine.MaxShortField},
		{"Author.office maxLength", prop("Author", "office")["maxLength"], engine.MaxShortField},
		{"CreateKeyRequest.name maxLength", prop("CreateKeyRequest", "name")["maxLength"], 100},
	} {
		if num(c.got) != c.want {
			t.Errorf("%s = %v, want %d", c.where, c.got, c.want)
		}
	}
}

// schemaKeywords are the keywords of a Schema Object of OpenAPI 3.1 (JSON
// Schema 2020-12 and OpenAPI's own) that openapi.yaml may use.
var schemaKeywords = map[string]bool{
	"type": true, "description": true, "format": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true, "items": true,
	"properties": true, "required": true, "enum": true, "const": true, "additionalProperties": true,
	"$ref": true, "oneOf": true, "anyOf": true, "allOf": true, "not": true, "example": true,
	"examples": true, "default": true, "minItems": true, "maxItems": true, "uniqueItems": true,
	"minLength": true, "maxLength": true, "pattern": true, "title": true, "readOnly": true,
	"writeOnly": true, "deprecated": true, "minProperties": true, "maxProperties": true,
	"propertyNames": true, "patternProperties": true, "discriminator": true, "externalDocs": true,
	"contentMediaType": true,
}

// TestOpenAPISchemaKeywords: every schema of the description uses only
// schema keywords. An unquoted comma in a YAML flow map turns the rest of a
// description into a key ("{type: string, description: The time, in UTC.}"
// is a description "The time" and a key "in UTC."), which a reader of the
// description would meet as a broken sentence.
func TestOpenAPISchemaKeywords(t *testing.T) {
	s := loadSpec(t)
	var walk func(node any, where string, schema bool)
	walk = func(node any, where string, schema bool) {
		switch n := node.(type) {
		case map[string]any:
			for k, v := range n {
				at := where + "/" + k
				if schema {
					if !schemaKeywords[k] && !strings.HasPrefix(k, "x-") {
						t.Errorf("%s: %q is not a schema keyword", where, k)
					}
					switch k {
					case "properties", "patternProperties":
						for name, prop := range obj(v) {
							walk(prop, at+"/"+name, true)
						}
					case "items", "additionalProperties", "not", "propertyNames":
						walk(v, at, true)
					case "oneOf", "anyOf", "allOf":
						for i, sub := range v.([]any) {
							walk(sub, fmt.Sprintf("%s/%d", at, i), true)
						}
					}
					continue
				}
				walk(v, at, k == "schema")
			}
		case []any:
			for i, v := range n {
				walk(v, fmt.Sprintf("%s/%d", where, i), false)
			}
		}
	}
	for name, schema := range obj(obj(s["components"])["schemas"]) {
		walk(schema, "components/schemas/"+name, true)
	}
	walk(s["paths"], "paths", false)
}
