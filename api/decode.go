package api

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/galateo/galateo/engine"
)

// The one JSON decoder of every request body (POST /decide, POST /replay,
// POST /admin/reload, POST /admin/authors/unblock) and of `galateo decide`.
// encoding/json matches keys case-insensitively, lets the last of two
// equal keys win, ignores unknown keys and replaces invalid UTF-8 and lone
// surrogates with U+FFFD: each of these would let the audit log hold
// something that was never sent, or decide for another ente than the one
// a reader sees first. So the body is first walked on encoding/json's
// token stream, with the raw bytes of each string at hand, against the
// fields of the Go type it fills; written here rather than taken from a
// strict decoder because encoding/json/v2 is still an experiment in Go
// 1.26 and this walk is short and needs no other JSON library.

// DecodeRequest decodes and validates a body of POST /decide as the API
// does; `galateo decide` uses it so that a file is read as a request would
// be. Its errors are those the API answers with: their messages name the
// fields, and FieldErrors lists them where there are some.
func DecodeRequest(body []byte) (*engine.Request, error) {
	req := new(engine.Request)
	if err := decodeBody(body, req, req.Validate); err != nil {
		return nil, err
	}
	return req, nil
}

// FieldErrors returns the invalid fields an error of DecodeRequest names.
func FieldErrors(err error) []engine.FieldError {
	var p *problem
	if errors.As(err, &p) {
		return p.Errors
	}
	var invalid *engine.ValidationError
	if errors.As(err, &invalid) {
		return invalid.Fields
	}
	return nil
}

// decodeBody decodes body, one JSON object, into v strictly, then runs
// validate. Its errors are *problem or *engine.ValidationError.
func decodeBody(body []byte, v any, validate func() error) error {
	if json.Valid(body) {
		// Syntax errors are left to the decoder below, which knows their
		// offsets; the walk needs a body it can read to the end.
		if err := checkStrict(body, reflect.TypeOf(v)); err != nil {
			return err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := checkDecoded(body, dec.Decode(v), validate); err != nil {
		return err
	}
	return validate()
}

// DuplicateKeyError is a key written twice in one JSON object. encoding/json
// keeps the last, but a person or another parser reads the first.
type DuplicateKeyError struct {
	Path string // the key's full path: ente, content.id
}

func (e *DuplicateKeyError) Error() string {
	return fmt.Sprintf("key %s appears more than once in its object", e.Path)
}

// maxStrictErrors bounds the fields checkStrict lists: a 64 KiB body of
// unknown keys must not make a larger answer.
const maxStrictErrors = 20

// checkStrict walks a syntactically valid body against type t and returns
// a *problem: duplicate-key for a key written twice, invalid-request naming
// every unknown key (a key differing from a field only in case is unknown)
// and every string holding invalid UTF-8, a lone surrogate or a NUL, up to
// maxStrictErrors of them.
func checkStrict(body []byte, t reflect.Type) error {
	type level struct {
		object  bool
		wantKey bool
		path    string       // of this object or array
		typ     reflect.Type // of this object; nil: any members
		key     string       // the current key, in an object
		child   reflect.Type // the type of the current member or element; nil: anything
		seen    map[string]bool
		index   int
	}
	var (
		stack  []*level
		fields []engine.FieldError
		dup    *DuplicateKeyError
	)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	root := schemaOf(t)
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break // io.EOF: the body is valid JSON, so nothing else
		}
		end := dec.InputOffset()
		var top *level
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		// The path and type of the value this token starts.
		path, typ := "", root
		if top != nil {
			typ = top.child
			if top.object {
				path = joinKey(top.path, top.key)
			} else {
				path = top.path + "[" + strconv.Itoa(top.index) + "]"
			}
		}
		if s, ok := tok.(string); ok {
			raw := rawString(body[start:end])
			reason := badString(raw)
			if top != nil && top.wantKey {
				key := displayKey(s)
				if reason != "" {
					// Named as written: decoded, it would show what was
					// not sent.
					key = displayKey(string(raw[1 : len(raw)-1]))
				}
				keyPath := joinKey(top.path, key)
				top.key, top.wantKey, top.child = key, false, nil
				switch {
				case reason != "":
					fields = append(fields, engine.FieldError{Field: keyPath, Reason: "is a key that " + reason})
				case top.seen[s]:
					if dup == nil {
						dup = &DuplicateKeyError{Path: keyPath}
					}
				default:
					top.seen[s] = true
					child, reason := memberOf(top.typ, s)
					if reason != "" {
						fields = append(fields, engine.FieldError{Field: keyPath, Reason: reason})
					}
					top.child = child
				}
				continue
			}
			if reason != "" {
				fields = append(fields, engine.FieldError{Field: path, Reason: reason})
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &level{object: true, wantKey: true, path: path, typ: typ, seen: map[string]bool{}})
			continue
		case json.Delim('['):
			stack = append(stack, &level{path: path, child: elemOf(typ)})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			if t := stack[len(stack)-1]; t.object {
				t.wantKey = true
			} else {
				t.index++
			}
		}
	}
	if dup != nil {
		p := newProblem(probDuplicateKey, dup.Error()+": send each key once")
		p.Errors = []engine.FieldError{{Field: dup.Path, Reason: "appears more than once in its object"}}
		return p
	}
	if fields != nil {
		return invalidFields(fields[:min(len(fields), maxStrictErrors)]...)
	}
	return nil
}

// elemOf is the type of the elements of a JSON array decoded into t.
func elemOf(t reflect.Type) reflect.Type {
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		return schemaOf(t.Elem())
	}
	return nil // a type error, which the decoder reports
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// displayKey is a key as a field path may show it: short, and valid UTF-8.
func displayKey(k string) string {
	return truncate(strings.ToValidUTF8(strings.ReplaceAll(k, "\x00", `\u0000`), `\ufffd`), 64)
}

// rawString is the quoted string token at the end of b, which holds the
// separators and spaces that came before it.
func rawString(b []byte) []byte {
	if i := bytes.IndexByte(b, '"'); i >= 0 {
		return b[i:]
	}
	return b
}

// badString says what is wrong with a raw JSON string token, or "".
func badString(raw []byte) string {
	if !utf8.Valid(raw) {
		return "is not valid UTF-8"
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		i++
		if raw[i] != 'u' {
			continue
		}
		r, ok := hex4(raw[i+1:])
		if !ok {
			continue // the JSON is valid, so this cannot happen
		}
		i += 4
		switch {
		case r == 0:
			return `contains a NUL character (\u0000)`
		case r >= 0xDC00 && r <= 0xDFFF:
			return fmt.Sprintf(`contains a lone surrogate (\u%04x)`, r)
		case r >= 0xD800 && r <= 0xDBFF:
			next := raw[i+1:]
			if len(next) >= 6 && next[0] == '\\' && next[1] == 'u' {
				if lo, ok := hex4(next[2:]); ok && lo >= 0xDC00 && lo <= 0xDFFF {
					i += 6
					continue
				}
			}
			return fmt.Sprintf(`contains a lone surrogate (\u%04x)`, r)
		}
	}
	return ""
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 32)
	return rune(n), err == nil
}

// schemaOf is the type whose members a JSON value of Go type t must match:
// t without pointers, or nil when any value goes (interfaces, and types
// that decode themselves).
func schemaOf(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(reflect.TypeFor[json.Unmarshaler]()) || pt.Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		return nil
	}
	return t
}

// memberOf is the type of member key of a JSON object decoded into t, and
// a reason when t has no such member.
func memberOf(t reflect.Type, key string) (reflect.Type, string) {
	if t == nil {
		return nil, ""
	}
	switch t.Kind() {
	case reflect.Map:
		return schemaOf(t.Elem()), ""
	case reflect.Struct:
		names := memberNames(t)
		if f, ok := names.byName[key]; ok {
			return schemaOf(f), ""
		}
		for _, n := range names.order {
			if strings.EqualFold(n, key) {
				return nil, fmt.Sprintf("is not a member; member names are case-sensitive: did you mean %q?", n)
			}
		}
		if len(names.order) == 0 {
			return nil, "is not a member: this body takes none"
		}
		return nil, "is not a member; the members are " + strings.Join(names.order, ", ")
	}
	return nil, "" // a type error, which the decoder reports
}

type fieldSet struct {
	byName map[string]reflect.Type
	order  []string
}

var fieldSets sync.Map // reflect.Type -> fieldSet

// memberNames lists the members encoding/json decodes into struct type t.
func memberNames(t reflect.Type) fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(fieldSet)
	}
	fs := fieldSet{byName: map[string]reflect.Type{}}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() {
			continue
		}
		tag, hasTag := f.Tag.Lookup("json")
		name, _, _ := strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && !hasTag && f.Type.Kind() == reflect.Struct {
			continue // its fields are promoted and listed on their own
		}
		if name == "" {
			name = f.Name
		}
		if _, ok := fs.byName[name]; !ok {
			fs.order = append(fs.order, name)
		}
		fs.byName[name] = f.Type
	}
	slices.Sort(fs.order)
	fieldSets.Store(t, fs)
	return fs
}
