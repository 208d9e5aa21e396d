package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/xeipuuv/gojsonschema"
)

// Every ente of the project follows the schema of its data.
func TestEveryEnteFollowsTheDataSchema(t *testing.T) {
	ids, err := EntiIn(policies)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		files, err := ReadFiles(policies, id)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := files[DataSchema]; !ok {
			t.Fatalf("%s: the revision has no %s", id, DataSchema)
		}
		if err := checkData(files); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

// A misspelt key, in an ente's own data or in the data of the ente it
// adopts, stops the load with the file, the line and the key.
func TestLoadRefusesAMisspeltDataKey(t *testing.T) {
	for _, c := range []struct {
		name, ente, file, add, want string
	}{
		{"top level", "massa", "enti/massa/data.yaml", "retention_dayz: 30\n", "enti/massa/data.yaml:176: retention_dayz: unknown key"},
		{"a part misspelt", "massa", "enti/massa/data.yaml", "fake_acount:\n  review_anonymous: true\n", "enti/massa/data.yaml:176: fake_acount: unknown key"},
		{"adopted ente's data", "cetona", "enti/valdichiana_senese/data.yaml", "retention_dayz: 30\n", "enti/valdichiana_senese/data.yaml:244: retention_dayz: unknown key"},
		{"wrong type", "massa", "enti/massa/data.yaml", "retention_days: thirty\n", "enti/massa/data.yaml:176: retention_days: Invalid type"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyPolicies(t, c.ente, "valdichiana_senese")
			path := filepath.Join(dir, filepath.FromSlash(c.file))
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, string(raw)+c.add)
			_, err = LoadEnte(context.Background(), dir, c.ente)
			var de *DataError
			if !errors.As(err, &de) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// A key inside a nested part: the line is the key's own, and a key of a
// map of free names is checked against the names the part allows.
func TestDataErrorNamesTheNestedKeyAndItsLine(t *testing.T) {
	files := Files{DataSchema: mustRead(t, filepath.Join(policies, filepath.FromSlash(DataSchema)))}
	files["enti/esempio/data.yaml"] = []byte("name: Esempio\nflooding:\n  max_repeats: 2\n  max_repeat: 3\ncategories:\n  ofensive_language: {outcome: remove}\n  threat: {outcome: remove, actions: [remov]}\n")
	err := checkData(files)
	for _, want := range []string{
		"enti/esempio/data.yaml:4: flooding.max_repeat: unknown key",
		`enti/esempio/data.yaml:6: categories.ofensive_language: not a key allowed here (one of "offensive_language"`,
		"enti/esempio/data.yaml:7: categories.threat.actions.0: must be one of the following: \"remove\"",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant %q", err, want)
		}
	}
	// data.json has no lines: the key path says where.
	files = Files{DataSchema: files[DataSchema], "enti/esempio/data.json": []byte(`{"name": "Esempio", "retention_dayz": 30}`)}
	if err := checkData(files); err == nil || !strings.Contains(err.Error(), "enti/esempio/data.json: retention_dayz: unknown key") {
		t.Errorf("data.json: err = %v", err)
	}
}

// A revision kept from before the schema compiles as it did.
func TestRevisionWithoutSchemaIsNotChecked(t *testing.T) {
	files := Files{"enti/esempio/data.yaml": []byte("name: Esempio\nretention_dayz: 30\n")}
	if err := checkData(files); err != nil {
		t.Errorf("err = %v, want none without %s", err, DataSchema)
	}
}

// A schema may not reach outside itself: that would be I/O at load.
func TestDataSchemaRefusesARemoteRef(t *testing.T) {
	files := Files{
		DataSchema:               []byte(`{"type": "object", "additionalProperties": {"$ref": "https://example.org/ente.json"}}`),
		"enti/esempio/data.yaml": []byte("name: Esempio\n"),
	}
	if err := checkData(files); err == nil || !strings.Contains(err.Error(), "only references within the schema") {
		t.Errorf("err = %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The input the engine builds follows policies/schema/input/decision.json,
// the schema opa check --schema types the rules' references against: a
// fact added in input.go and not in the schema fails here.
func TestInputFollowsTheInputSchema(t *testing.T) {
	schema, err := compiledSchema(mustRead(t, filepath.Join(policies, "schema", "input", "decision.json")))
	if err != nil {
		t.Fatal(err)
	}
	e := realEngine(t)
	full := massaComment(`Sei un "cretino" #SindacoLadro @mario, chiama il 333 1234567 o scrivi a m.rossi@example.com: vedi www.esempio.it`, "2026-11-23T10:15:00+01:00")
	full.Content.Thread = &Thread{ID: "1", Text: "Lavori in via Roma"}
	full.Content.Media = []Media{{Type: "image", URL: "https://example.org/a.jpg"}}
	full.Author.Role, full.Author.Office, full.Author.Anonymous, full.Author.AnonymityReason = "staff", "URP", true, "timore di ritorsioni"
	full.Signals = map[string]float64{"toxicity": 0.4}
	bare := massaComment("Ammazzerei chi non paga le tasse?", "2026-11-28T23:15:00+01:00")
	for _, r := range []*Request{full, bare} {
		ev, err := e.Evaluate(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ast.JSON(inputValue(ev.Request, ev.Now, &ev.Facts, ev.History, ev.schedule))
		if err != nil {
			t.Fatal(err)
		}
		res, err := schema.Validate(gojsonschema.NewGoLoader(doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, re := range res.Errors() {
			t.Errorf("%s: %s", re.Field(), re.Description())
		}
	}
}
