package engine

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/util"

	"github.com/galateo/galateo/engine/facts"
)

const policies = "../policies"

var (
	loadOnce sync.Once
	shared   *Engine
	loadErr  error
)

func realEngine(t testing.TB) *Engine {
	t.Helper()
	loadOnce.Do(func() { shared, loadErr = Load(context.Background(), policies) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return shared
}

func text(s string) *string { return &s }

func massaComment(s, now string) *Request {
	return &Request{
		Ente:    "massa",
		Channel: Channel{Platform: "facebook", Account: "comune.massa"},
		Content: Content{ID: "1_2", Kind: "comment", Text: text(s), CreatedAt: now},
		Author:  Author{ID: "fb:1", Name: "Mario Rossi"},
		Now:     now,
	}
}

func TestDecideMassa(t *testing.T) {
	e := realEngine(t)
	cases := []struct {
		name, text, now string
		outcome         string
		categories      []string
		staffed         bool
		explains        string
	}{
		{"insult", "Sei proprio uno stronzo", "2026-11-23T10:15:00+01:00", "remove", []string{"offensive_language"}, true, "«insulti, turpiloquio, minacce»"},
		{"polite", "Bella iniziativa, grazie al Comune per il nuovo parco", "2026-11-23T10:15:00+01:00", "allow", nil, true, "è ammesso"},
		{"threat", "So dove abiti, te la faccio pagare", "2026-11-23T10:15:00+01:00", "remove", []string{"threat"}, true, "Minacce"},
		{"sunday", "Bella iniziativa", "2026-11-22T10:15:00+01:00", "allow", nil, false, "a partire da lunedì 23 novembre 2026 alle 9:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := e.Decide(context.Background(), massaComment(c.text, c.now))
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != c.outcome {
				t.Errorf("outcome = %s, want %s (%+v)", d.Outcome, c.outcome, d.Violations)
			}
			var cats []string
			for _, v := range d.Violations {
				cats = append(cats, v.Category)
				if v.Clause.Section == "" || v.Clause.Quote == "" {
					t.Errorf("violation %s has no clause", v.Rule)
				}
			}
			if !slices.Equal(cats, c.categories) {
				t.Errorf("categories = %v, want %v", cats, c.categories)
			}
			if d.Review.StaffedNow != c.staffed {
				t.Errorf("staffed_now = %v, want %v", d.Review.StaffedNow, c.staffed)
			}
			if !strings.Contains(d.Explanation, c.explains) {
				t.Errorf("explanation %q lacks %q", d.Explanation, c.explains)
			}
			if len(d.DecisionID) != 26 || !strings.HasPrefix(d.Policy.Revision, "sha256:") {
				t.Errorf("decision id %q, revision %q", d.DecisionID, d.Policy.Revision)
			}
		})
	}
}

func TestStatementOfReasons(t *testing.T) {
	e := realEngine(t)
	d, err := e.Decide(context.Background(), massaComment("Sei un cretino, chiamami al 333 1234567", "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	s := d.StatementOfReasons
	if !slices.Equal(s.DecisionVisibility, []string{"DECISION_VISIBILITY_CONTENT_REMOVED"}) {
		t.Errorf("decision_visibility = %v", s.DecisionVisibility)
	}
	if s.DecisionGround != "DECISION_GROUND_INCOMPATIBLE_CONTENT" || s.Category == "" || len(s.CategorySpecification) == 0 {
		t.Errorf("statement = %+v", s)
	}
	all := append([]string{s.Category}, s.CategoryAddition...)
	if len(all) != 2 || !slices.Contains(all, "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH") || !slices.Contains(all, "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS") {
		t.Errorf("category %s, addition %v", s.Category, s.CategoryAddition)
	}
	for _, field := range []string{s.DecisionFacts, s.IncompatibleContentExplanation} {
		if strings.Contains(field, "333") || strings.Contains(field, "cretino") || strings.Contains(field, "Rossi") {
			t.Errorf("statement carries content or personal data: %q", field)
		}
	}
}

// The Union's other member comuni share its content but not its policy:
// they are not enti, and the error names those that are.
func TestUnknownEnte(t *testing.T) {
	e := realEngine(t)
	for _, id := range []string{"chiusi", "montepulciano", "pienza", "sinalunga", "torrita_di_siena"} {
		r := massaComment("ciao", "")
		r.Ente = id
		_, err := e.Decide(context.Background(), r)
		var u *UnknownEnteError
		if !errors.As(err, &u) || !errors.Is(err, ErrUnknownEnte) {
			t.Fatalf("%s: err = %v", id, err)
		}
		for _, want := range []string{"massa", "valdichiana_senese", "cetona", "sarteano", "conferenza_stato_citta", "tradate", "crespiatica"} {
			if !slices.Contains(u.Known, want) {
				t.Errorf("%s: known enti %v lack %s", id, u.Known, want)
			}
		}
	}
}

func TestValidateNamesEveryField(t *testing.T) {
	r := &Request{Ente: "Massa!", Channel: Channel{Platform: "myspace"}, Content: Content{Kind: "tweet"},
		Author: Author{Role: "king"}, Signals: map[string]float64{"toxicity": 1.5}, Now: "yesterday"}
	err := r.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	for _, want := range []string{"ente", "channel.platform", "content.kind", "content.text", "author.role", "signals.toxicity", "now"} {
		if !slices.Contains(fields, want) {
			t.Errorf("no error for %s in %v", want, fields)
		}
	}
	empty := ""
	ok := &Request{Ente: "massa", Channel: Channel{Platform: "facebook"}, Content: Content{Kind: "post", Text: &empty, Media: []Media{{Type: "image"}}}}
	if err := ok.Validate(); err != nil || ok.Author.Role != "citizen" {
		t.Errorf("media-only post: %v, role %q", err, ok.Author.Role)
	}
	long := strings.Repeat("a", MaxTextRunes+1)
	if err := massaComment(long, "").Validate(); err == nil {
		t.Error("over-long text accepted")
	}
}

// copyPolicies gives a test its own policies folder to break, with the
// library, the lexicons and only the enti named: a Load compiles every
// ente of the folder, and a test pays for each.
func copyPolicies(t *testing.T, enti ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "policies")
	err := os.CopyFS(dir, os.DirFS(policies))
	if err != nil {
		t.Fatal(err)
	}
	all, err := EntiIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range all {
		if !slices.Contains(enti, id) {
			if err := os.RemoveAll(filepath.Join(dir, "enti", id)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestBrokenEnteDoesNotStopOthers(t *testing.T) {
	dir := copyPolicies(t, "massa")
	broken := filepath.Join(dir, "enti", "rotto")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "data.yaml"), []byte("name: Ente rotto\n"), 0o644)
	os.WriteFile(filepath.Join(broken, "policy.rego"), []byte("package galateo.enti.rotto\n\ndecision := {{\n"), 0o644)
	e, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.Failed()["rotto"]; !ok {
		t.Errorf("failed = %v, want rotto", e.Failed())
	}
	d, err := e.Decide(context.Background(), massaComment("Sei uno stronzo", "2026-11-23T10:15:00+01:00"))
	if err != nil || d.Outcome != "remove" {
		t.Errorf("massa after a broken neighbour: %v, %v", d, err)
	}
}

func TestRevision(t *testing.T) {
	dir := copyPolicies(t, "massa")
	r1, files, err := Revision(dir, "massa")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"enti/massa/data.yaml", "lib/standard.rego", "lib/decision.rego", "lexicon/offensive.yaml"} {
		if !slices.Contains(files, want) {
			t.Errorf("revision files lack %s: %v", want, files)
		}
	}
	// Formatting alone is not a new revision.
	data := filepath.Join(dir, "enti", "massa", "data.yaml")
	raw, _ := os.ReadFile(data)
	os.WriteFile(data, append([]byte("# a comment\n\n"), raw...), 0o644)
	if r2, _, _ := Revision(dir, "massa"); r2 != r1 {
		t.Errorf("a comment changed the revision")
	}
	// A changed parameter is.
	os.WriteFile(data, []byte(strings.Replace(string(raw), "threshold: 3", "threshold: 4", 1)), 0o644)
	if r3, _, _ := Revision(dir, "massa"); r3 == r1 {
		t.Errorf("a changed threshold kept the revision")
	}
	// Another ente's files are not part of it.
	other := filepath.Join(dir, "enti", "altro")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "data.yaml"), []byte("name: Altro\n"), 0o644)
	r4, _, _ := Revision(dir, "massa")
	os.WriteFile(filepath.Join(other, "data.yaml"), []byte("name: Altro2\n"), 0o644)
	if r5, _, _ := Revision(dir, "massa"); r5 != r4 {
		t.Errorf("another ente's data changed massa's revision")
	}
}

// The same bytes are canonicalised again under another kind of name: what
// one kind accepts, another may refuse, however often it was seen before.
func TestRevisionOfTheSameBytesAsAnotherKind(t *testing.T) {
	raw := []byte(`{"name": "Prova", "threshold": 3}`)
	if _, err := (Files{"enti/prova/data.json": raw}).Revision(); err != nil {
		t.Fatalf("as JSON: %v", err)
	}
	if _, err := (Files{"enti/prova/policy.rego": raw}).Revision(); err == nil {
		t.Fatal("a JSON document passed as Rego once the same bytes had been seen as JSON")
	}
	// The same content under two names of one kind makes one form.
	a, err := (Files{"lexicon/a.yaml": []byte("x: 1\n")}).Revision()
	if err != nil {
		t.Fatal(err)
	}
	b, err := (Files{"lexicon/a.yaml": []byte("x:   1\n")}).Revision()
	if err != nil || a != b {
		t.Errorf("formatting changed a cached revision: %s, %s, %v", a, b, err)
	}
}

func BenchmarkDecide(b *testing.B) {
	e := realEngine(b)
	r := massaComment("Buongiorno, i lavori in via Roma quando finiranno? La strada è piena di buche e il traffico è bloccato da settimane.", "2026-11-23T10:15:00+01:00")
	r.Content.Thread = &Thread{ID: "1", Text: "Lavori di rifacimento della strada in via Roma: chiusura al traffico fino a venerdì"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Decide(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDuplicateDataKeyIsAnError(t *testing.T) {
	dir := copyPolicies(t, "massa")
	data := filepath.Join(dir, "enti", "massa", "data.yaml")
	raw, _ := os.ReadFile(data)
	os.WriteFile(data, append(raw, []byte("\nname: Comune di Massa (bis)\n")...), 0o644)
	_, err := LoadEnte(context.Background(), dir, "massa")
	if err == nil || !strings.Contains(err.Error(), "already defined") {
		t.Fatalf("err = %v, want a duplicate key error", err)
	}
}

// TestStatementUsesDSAEnumerations checks every coded field of the statement
// of reasons against the enumerations recorded in policies/lib/dsa.yaml.
func TestStatementUsesDSAEnumerations(t *testing.T) {
	e := realEngine(t)
	raw, err := os.ReadFile(filepath.Join(policies, "lib", "dsa.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		DSA struct {
			Enums map[string][]string `json:"enums"`
		} `json:"dsa"`
	}
	if err := util.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	enums := doc.DSA.Enums
	in := func(field string, values ...string) {
		t.Helper()
		for _, v := range values {
			if v != "" && !slices.Contains(enums[field], v) {
				t.Errorf("%s: %q is not in the DSA enumeration", field, v)
			}
		}
	}
	texts := []string{
		"Sei uno stronzo", "Ti ammazzo", "Chiamatemi al 333 1234567", "Votate per Rossi alle comunali",
		"Offerta imperdibile su www.negozio-esempio.it", "Grazie, bella iniziativa", "Quando apre la biblioteca?",
	}
	for _, text := range texts {
		r := massaComment(text, "2026-11-23T10:15:00+01:00")
		r.Signals = map[string]float64{"fake_account": 0.95}
		for _, kind := range []string{"comment", "post", "private_message", "report"} {
			r.Content.Kind = kind
			d, err := e.Decide(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			s := d.StatementOfReasons
			in("decision_visibility", s.DecisionVisibility...)
			in("decision_account", s.DecisionAccount)
			in("decision_ground", s.DecisionGround)
			in("category", s.Category)
			in("category", s.CategoryAddition...)
			in("category_specification", s.CategorySpecification...)
			in("content_type", s.ContentType...)
			in("automated_decision", s.AutomatedDecision)
			in("source_type", s.SourceType)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// An ente made only of data, on the standard template: no Go, no Rego.
const dataOnlyEnte = `
name: Comune di Prova
template: standard
policy_title: Social Media Policy del Comune di Prova
version: "1.0 del 01/01/2026"
own_domains: {comune.prova.it: true}
channels: {platforms: {facebook: true, instagram: true}}
schedule:
  timezone: Europe/Rome
  hours: {monday: ["09:00-12:00"], tuesday: ["09:00-12:00"], wednesday: ["09:00-12:00"], thursday: ["09:00-12:00"], friday: ["09:00-12:00"]}
  patron: {date: "06-24", name: "San Giovanni Battista"}
response: {due_working_hours: 24}
categories:
  offensive_language: {outcome: hide, severity: grave, actions: [hide]}
  personal_data: {outcome: remove, severity: grave, actions: [remove]}
lexicon: {certain_severities: {grave: true, media: true}}
signals: {certain: 0.9, review: 0.7}
repeat_offender: {threshold: 2, window_days: 30, block_days: 7}
offices: {default: Segreteria}
replies: {question: "Grazie, le risponderemo.", redirect: "Si rivolga alla Segreteria."}
clauses:
  insulti_turpiloquio: {section: "Art. 3", quote: "linguaggio offensivo"}
  dati_sensibili: {section: "Art. 4", quote: "dati personali"}
`

func TestEnteMadeOfDataOnly(t *testing.T) {
	dir := copyPolicies(t)
	writeFile(t, filepath.Join(dir, "enti", "prova", "data.yaml"), dataOnlyEnte)
	e, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Failed()["prova"]; err != nil {
		t.Fatal(err)
	}
	decide := func(text, now, platform string) *Decision {
		t.Helper()
		r := massaComment(text, now)
		r.Ente, r.Channel.Platform = "prova", platform
		d, err := e.Decide(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := decide("Sei un idiota", "2026-11-23T10:15:00+01:00", "facebook")
	if d.Outcome != "hide" || len(d.Violations) != 1 || d.Violations[0].Clause != (Clause{Section: "Art. 3", Quote: "linguaggio offensivo"}) {
		t.Errorf("insult: %s %+v", d.Outcome, d.Violations)
	}
	if !strings.Contains(d.Explanation, "Social Media Policy del Comune di Prova") {
		t.Errorf("explanation = %q", d.Explanation)
	}
	// A rule whose clause the data does not cite does not exist for this ente.
	if d := decide("Votate per Rossi alle comunali", "2026-11-23T10:15:00+01:00", "facebook"); d.Outcome != "allow" {
		t.Errorf("propaganda without a clause: %s %+v", d.Outcome, d.Violations)
	}
	if d := decide("Sei un idiota", "2026-11-23T10:15:00+01:00", "x"); d.Outcome != "not_managed" {
		t.Errorf("unmanaged platform: %s", d.Outcome)
	}
	// 24 working hours from Tuesday 9:00: the patron's day, Wednesday, is skipped.
	q := decide("A che ora apre l'ufficio?", "2026-06-23T09:00:00+02:00", "facebook")
	if q.Review.Due != "2026-06-25T09:00:00+02:00" || !q.Review.Required {
		t.Errorf("due = %s, required = %v", q.Review.Due, q.Review.Required)
	}
}

func TestAdoptingEnteOverridesOnlyItsOwn(t *testing.T) {
	dir := copyPolicies(t, "massa")
	writeFile(t, filepath.Join(dir, "enti", "massa_mare", "data.yaml"), `
name: Frazione di Massa Mare
adopts: massa
channels: {platforms: {instagram: true, facebook: false}}
schedule:
  patron: {date: "11-24", name: "Patrono di prova"}
`)
	e, err := Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ent, err := e.Ente("massa_mare")
	if err != nil {
		t.Fatalf("%v (failed: %v)", err, e.Failed())
	}
	// Massa is made of data on the standard template, which its adopter applies too.
	if ent.Adopts != "massa" || ent.Template != "standard" || !slices.Contains(ent.Files, "enti/massa/data.yaml") || !slices.Contains(ent.Files, "enti/massa_mare/data.yaml") {
		t.Errorf("ente = %+v", ent)
	}
	massa, _ := e.Ente("massa")
	if ent.Revision == massa.Revision {
		t.Error("the adopting ente has the adopted one's revision")
	}
	r := massaComment("Sei uno stronzo", "2026-11-24T10:15:00+01:00")
	r.Ente, r.Channel.Platform = "massa_mare", "instagram"
	d, err := e.Decide(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if d.Outcome != "remove" || d.Violations[0].Clause.Quote != "insulti, turpiloquio, minacce" {
		t.Errorf("adopted rule: %s %+v", d.Outcome, d.Violations)
	}
	if d.Review.StaffedNow {
		t.Error("the adopting ente's patron day is staffed")
	}
	r.Channel.Platform = "facebook"
	if d, _ := e.Decide(context.Background(), r); d.Outcome != "not_managed" {
		t.Errorf("overridden channel: %s", d.Outcome)
	}
}

func TestAdoptionErrors(t *testing.T) {
	for name, data := range map[string]string{
		"self":     "name: X\nadopts: ente_x\n",
		"missing":  "name: X\nadopts: nessuno\n",
		"both":     "name: X\nadopts: massa\ntemplate: standard\n",
		"template": "name: X\ntemplate: inesistente\n",
		"chain":    "name: X\nadopts: cetona\n", // cetona itself adopts valdichiana_senese
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyPolicies(t, "massa", "cetona", "valdichiana_senese")
			writeFile(t, filepath.Join(dir, "enti", "ente_x", "data.yaml"), data)
			if _, err := LoadEnte(context.Background(), dir, "ente_x"); err == nil {
				t.Error("loaded")
			}
		})
	}
}

// TestLexiconKeysCanMatch guards the lexicon against entries no text can
// ever hit: keys must be folded as the engine folds tokens, and phrases at
// most three words long (the engine looks up two- and three-word phrases).
func TestLexiconKeysCanMatch(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(policies, "lexicon", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no lexicon files: %v", err)
	}
	seen := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Terms map[string]map[string]any `json:"terms"`
		}
		if err := util.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for key, entry := range doc.Terms {
			where := filepath.Base(f) + ": " + key
			if prev, dup := seen[key]; dup {
				t.Errorf("%s: also in %s", where, prev)
			}
			seen[key] = filepath.Base(f)
			words := strings.Fields(key)
			if len(words) == 0 || len(words) > 3 || strings.Join(words, " ") != key {
				t.Errorf("%s: a key is one to three words separated by single spaces", where)
			}
			for _, w := range words {
				toks := facts.Tokenize([]rune(w))
				if len(toks) != 1 || !slices.Contains(toks[0].Keys, w) {
					t.Errorf("%s: %q is not folded as the engine folds words (%v)", where, w, toks)
				}
			}
			if _, ok := entry["category"].(string); !ok {
				t.Errorf("%s: no category", where)
			}
			if sev, _ := entry["severity"].(string); sev != "grave" && sev != "media" && sev != "lieve" {
				t.Errorf("%s: severity %q is not grave, media or lieve", where, sev)
			}
		}
	}
}

func TestAuditInputMasksPersonalData(t *testing.T) {
	e := realEngine(t)
	r := massaComment("Mario Bianchi abita qui, chiamatelo al 333 1234567 o scrivete a mario.bianchi@example.com @mario.b", "2026-11-23T10:15:00+01:00")
	ev, err := e.Evaluate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ev.AuditInput("hmac:abc")
	if err != nil {
		t.Fatal(err)
	}
	got := string(raw)
	for _, secret := range []string{"1234567", "mario.bianchi@", "fb:1", "Mario Rossi", "mario.b\""} {
		if strings.Contains(got, secret) {
			t.Errorf("audit input keeps %q: %s", secret, got)
		}
	}
	var doc struct {
		Author  struct{ ID string }
		Content struct{ Text string }
		Facts   struct {
			PII []struct {
				Kind       string
				Start, End int
			}
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Author.ID != "hmac:abc" || len(doc.Facts.PII) != 2 {
		t.Fatalf("doc = %+v", doc)
	}
	runes := []rune(doc.Content.Text)
	if len(runes) != len([]rune(*r.Content.Text)) {
		t.Errorf("masking changed the text's length")
	}
	for _, p := range doc.Facts.PII {
		if strings.Trim(string(runes[p.Start:p.End]), "█ ") != "" {
			t.Errorf("%s span not masked: %q", p.Kind, string(runes[p.Start:p.End]))
		}
	}
	if !strings.HasPrefix(doc.Content.Text, "Mario Bianchi abita qui") {
		t.Errorf("text outside personal data changed: %q", doc.Content.Text)
	}
}

func TestRegoTestsOfARevision(t *testing.T) {
	files, err := ReadFiles("../policies", "tradate")
	if err != nil {
		t.Fatal(err)
	}
	res, err := TestRego(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Total < 50 || res.Passed != res.Total {
		t.Fatalf("tradate's tests: %v", res)
	}
	broken := maps.Clone(files)
	broken["enti/tradate/extra_test.rego"] = []byte("package galateo.enti.tradate_test\n\ntest_broken if {\n\t1 == 2\n}\n")
	res, err = TestRego(context.Background(), broken)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || len(res.Failures) != 1 || !strings.Contains(res.Failures[0], "test_broken") {
		t.Fatalf("a failing test: %v", res)
	}
}

// A member comune's revision carries the Union's folder and its tests,
// which gate the member too: they check every member present in the data,
// here the one.
func TestRegoTestsOfAnAdoptingEnte(t *testing.T) {
	files, err := ReadFiles("../policies", "cetona")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files["enti/valdichiana_senese/policy_test.rego"]; !ok {
		t.Fatal("cetona's revision does not carry the Union's tests")
	}
	if _, ok := files["enti/sarteano/data.yaml"]; ok {
		t.Fatal("cetona's revision carries another member's data")
	}
	res, err := TestRego(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Total < 100 {
		t.Fatalf("cetona's gate: %v", res)
	}
}

// The identifiers an ente publishes in its data are not a citizen's
// personal data: the log keeps them, so that a replay matches them as the
// decision did; anyone else's are masked.
func TestAuditInputKeepsPublicIdentifiers(t *testing.T) {
	e := realEngine(t)
	audit := func(r *Request) (doc struct {
		Author  struct{ ID, Name string }
		Content struct{ Text string }
		Facts   struct {
			PII []struct{ Kind, Digits string }
		}
	}) {
		t.Helper()
		ev, err := e.Evaluate(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := ev.AuditInput("ps_x")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}

	// Massa's own office number stays in the facts the rules match (the
	// text is masked all the same); a citizen's is dropped.
	own := audit(massaComment("Per gli ingombranti chiamate lo 0585 490111, rispondono subito", "2026-11-23T10:15:00+01:00"))
	if len(own.Facts.PII) != 1 || own.Facts.PII[0].Digits != "0585490111" {
		t.Errorf("Massa's own number: %+v", own)
	}
	other := audit(massaComment("Per gli ingombranti chiamate lo 0585 123456, rispondo io", "2026-11-23T10:15:00+01:00"))
	if len(other.Facts.PII) != 1 || other.Facts.PII[0].Digits != "" || strings.Contains(other.Content.Text, "123456") {
		t.Errorf("a citizen's number: %+v", other)
	}

	// Crespiatica's sponsor keeps its account id and name; anyone else
	// becomes a pseudonym without a name.
	post := func(id, name string) *Request {
		return &Request{
			Ente: "crespiatica", Channel: Channel{Platform: "facebook"},
			Content: Content{ID: "c1", Kind: "comment", Text: text("Sconti del 20% su tutti gli attrezzi da giardino questa settimana!"), CreatedAt: "2026-11-23T10:15:00+01:00"},
			Author:  Author{ID: id, Name: name},
			Now:     "2026-11-23T10:15:00+01:00",
		}
	}
	sponsor := audit(post("fb:100090001", "Ferramenta Bianchi"))
	if sponsor.Author.ID != "fb:100090001" || sponsor.Author.Name != "Ferramenta Bianchi" {
		t.Errorf("the sponsor's identifiers: %+v", sponsor.Author)
	}
	citizen := audit(post("fb:555", "Giulia Neri"))
	if citizen.Author.ID != "ps_x" || citizen.Author.Name != "" {
		t.Errorf("a citizen's identifiers: %+v", citizen.Author)
	}
}

// A stored input that lacks what a replay needs is an error, never a panic.
func TestParseInputRejectsIncompleteInputs(t *testing.T) {
	for _, raw := range []string{
		`[]`,
		`{"facts":{}}`,
		`{"now":5,"facts":{}}`,
		`{"now":"2026-11-23T10:15:00+01:00"}`,
		`{"now":"2026-11-23T10:15:00+01:00","facts":[]}`,
		`{"now":"ieri","facts":{}}`,
	} {
		if _, err := ParseInput([]byte(raw)); err == nil {
			t.Errorf("ParseInput(%s) = nil error", raw)
		}
	}
	if _, err := ParseInput([]byte(`{"now":"2026-11-23T10:15:00+01:00","facts":{}}`)); err != nil {
		t.Errorf("a complete input: %v", err)
	}
}

// TestValidateRefusesWhatTheLogCannotKeep: a NUL or invalid UTF-8 in any
// text, and instants outside 1900..2199 (by the instant, whatever the
// offset), each named by its field.
func TestValidateRefusesWhatTheLogCannotKeep(t *testing.T) {
	for _, c := range []struct {
		field string
		edit  func(r *Request)
	}{
		{"content.id", func(r *Request) { r.Content.ID = "a\x00b" }},
		{"content.text", func(r *Request) { text := "ciao\x00"; r.Content.Text = &text }},
		{"content.thread.text", func(r *Request) { r.Content.Thread = &Thread{Text: "\xff"} }},
		{"content.media[0].url", func(r *Request) { r.Content.Media = []Media{{Type: "link", URL: "http://x/\x00"}} }},
		{"author.anonymity_reason", func(r *Request) { r.Author.AnonymityReason = "\x00" }},
		{"now", func(r *Request) { r.Now = "0000-01-01T00:00:00Z" }},
		{"now", func(r *Request) { r.Now = "9999-12-31T23:59:59Z" }},
		{"now", func(r *Request) { r.Now = "2199-12-31T23:59:59-00:01" }},
		{"content.created_at", func(r *Request) { r.Content.CreatedAt = "1899-12-31T23:59:59Z" }},
	} {
		r := massaComment("Grazie", "2026-11-23T10:15:00+01:00")
		c.edit(r)
		var ve *ValidationError
		if err := r.Validate(); !errors.As(err, &ve) || len(ve.Fields) != 1 || ve.Fields[0].Field != c.field {
			t.Errorf("%s: %v", c.field, err)
		}
	}
	for _, now := range []string{"1900-01-01T00:00:00Z", "1900-01-01T00:59:00+00:59", "2199-12-31T23:59:59.999999999Z"} {
		if err := massaComment("Grazie", now).Validate(); err != nil {
			t.Errorf("now %s: %v", now, err)
		}
	}
}

// TestLexiconLanguageDecodes: the project's language.yaml and
// morphology.yaml decode as every ente's revision will decode them.
func TestLexiconLanguageDecodes(t *testing.T) {
	e := realEngine(t)
	ent, err := e.Ente("massa")
	if err != nil {
		t.Fatal(err)
	}
	if ent.language == nil {
		t.Fatal("the massa revision has no language: is policies/lexicon/language.yaml loaded?")
	}
	ev, err := e.Evaluate(context.Background(), massaComment("il vigile mi ha detto che sono un idiota", "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	reported := 0
	for _, tk := range ev.Facts.Tokens {
		if tk.Reported {
			reported++
		}
	}
	if reported != 4 {
		t.Errorf("%d reported words, want 4 (che sono un idiota): %+v", reported, ev.Facts.Tokens)
	}
}
