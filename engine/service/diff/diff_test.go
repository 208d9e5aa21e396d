package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// policies is the repository's policies folder: the tests diff copies of
// real revisions, edited in memory.
const policies = "../../../policies"

// readEnte reads the files of an ente's revision as the engine selects
// them: its folder, the folder it adopts, lib/ and lexicon/.
func readEnte(t *testing.T, ente string) Files {
	t.Helper()
	files := Files{}
	dirs := []string{"enti/" + ente, "lib", "lexicon"}
	if raw, err := os.ReadFile(filepath.Join(policies, "enti", ente, "data.yaml")); err == nil {
		if m := regexp.MustCompile(`(?m)^adopts: (\w+)`).FindSubmatch(raw); m != nil {
			dirs = append(dirs, "enti/"+string(m[1]))
		}
	}
	for _, dir := range dirs {
		entries, err := os.ReadDir(filepath.Join(policies, filepath.FromSlash(dir)))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch path.Ext(e.Name()) {
			case ".rego", ".yaml", ".yml", ".json":
			default:
				continue
			}
			raw, err := os.ReadFile(filepath.Join(policies, filepath.FromSlash(dir), e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[dir+"/"+e.Name()] = raw
		}
	}
	return files
}

func clone(f Files) Files {
	c := make(Files, len(f))
	for p, b := range f {
		c[p] = bytes.Clone(b)
	}
	return c
}

// replace edits one file of f, and stops the test when the text to replace
// is gone: the policies changed under the test, not the diff.
func replace(t *testing.T, f Files, p, old, new string) {
	t.Helper()
	if n := strings.Count(string(f[p]), old); n != 1 {
		t.Fatalf("%s: %q found %d times, want once (did the policies change?)", p, old, n)
	}
	f[p] = []byte(strings.Replace(string(f[p]), old, new, 1))
}

// dropLines removes the lines of f[p] that contain s.
func dropLines(t *testing.T, f Files, p, s string) {
	t.Helper()
	lines := strings.SplitAfter(string(f[p]), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if !strings.Contains(l, s) {
			kept = append(kept, l)
		}
	}
	if len(kept) == len(lines) {
		t.Fatalf("%s: no line contains %q (did the policies change?)", p, s)
	}
	f[p] = []byte(strings.Join(kept, ""))
}

// absent stops the test when a word it adds is already in the lexicon.
func absent(t *testing.T, f Files, words ...string) {
	t.Helper()
	for p, b := range f {
		for _, w := range words {
			if strings.HasPrefix(p, "lexicon/") && strings.Contains(string(b), w) {
				t.Fatalf("%s already has %q: choose another word for the test", p, w)
			}
		}
	}
}

func num(s string) json.Number { return json.Number(s) }

func TestCompare(t *testing.T) {
	const (
		tradate     = "enti/tradate/data.yaml"
		crespiatica = "enti/crespiatica/data.yaml"
		offensive   = "lexicon/offensive.yaml"
		exceptions  = "lexicon/exceptions.yaml"
		policy      = "enti/tradate/policy.rego"
	)
	const officeLine = "office := lower(trim_space(object.get(input.author, \"office\", \"\")))\n"
	const departmentLine = "office := lower(trim_space(object.get(input.author, \"department\", \"\")))\n"
	tests := []struct {
		name   string
		ente   string
		edit   func(t *testing.T, f Files)
		files  []FileChange
		params []ParamChange
		terms  []TermChange
		text   func(t *testing.T, from Files) []TextDiff // nil: no Rego change
		lines  []string                                  // in WriteText's output
	}{
		{
			name: "threshold",
			ente: "crespiatica",
			edit: func(t *testing.T, f Files) {
				replace(t, f, crespiatica, "  threshold: 3\n", "  threshold: 2\n")
			},
			files: []FileChange{{crespiatica, Changed}},
			params: []ParamChange{
				{File: crespiatica, Path: "repeat_offender.threshold", Kind: Changed, From: num("3"), To: num("2")},
			},
			lines: []string{
				"  1 file changed.\n",
				"  1 parameter changed.\n",
				"  In enti/crespiatica/data.yaml:\n    repeat_offender.threshold: 3 → 2\n",
			},
		},
		{
			// Massa is made of data on the standard template: a clause the
			// document rewords, or a rule it adds, is a parameter change
			// with the section and quote a legal reader can check.
			name: "clause of a data-only ente",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				const massa = "enti/massa/data.yaml"
				replace(t, f, massa, `quote: "insulti, turpiloquio, minacce"}
  minacce:`, `quote: "insulti, turpiloquio, bestemmie"}
  minacce:`)
				replace(t, f, massa, "  account_falsi:", "  disinformazione: {section: Privacy, quote: \"notizie false\"}\n  account_falsi:")
			},
			files: []FileChange{{"enti/massa/data.yaml", Changed}},
			params: []ParamChange{
				{File: "enti/massa/data.yaml", Path: "clauses.disinformazione", Kind: Added,
					To:      map[string]any{"section": "Privacy", "quote": "notizie false"},
					Clauses: []ParamClause{{"disinformazione", "Privacy", "notizie false"}}},
				{File: "enti/massa/data.yaml", Path: "clauses.insulti_turpiloquio.quote", Kind: Changed,
					From: "insulti, turpiloquio, minacce", To: "insulti, turpiloquio, bestemmie",
					Clauses: []ParamClause{{"insulti_turpiloquio", "Moderazione e regole di utilizzo", "insulti, turpiloquio, bestemmie"}}},
			},
			lines: []string{
				`    clauses.insulti_turpiloquio.quote: "insulti, turpiloquio, minacce" → "insulti, turpiloquio, bestemmie"` + "\n",
				`    clauses.disinformazione added: {quote: "notizie false", section: "Privacy"}` + "\n" +
					`      serves disinformazione: Privacy, "notizie false"` + "\n",
			},
		},
		{
			name: "staffed hours",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				replace(t, f, tradate, `monday: ["09:00-12:00"]`, `monday: ["09:00-13:00"]`)
				replace(t, f, tradate, `tuesday: ["09:00-12:00"]`, `tuesday: ["09:00-12:00", "15:00-17:00"]`)
			},
			files: []FileChange{{tradate, Changed}},
			params: []ParamChange{
				{File: tradate, Path: "schedule.hours.monday", Kind: Changed, From: []any{"09:00-12:00"}, To: []any{"09:00-13:00"}},
				{File: tradate, Path: "schedule.hours.tuesday", Kind: Added, Item: true, To: "15:00-17:00"},
			},
			lines: []string{
				`    schedule.hours.monday: ["09:00-12:00"] → ["09:00-13:00"]` + "\n",
				`    schedule.hours.tuesday: item "15:00-17:00" added` + "\n",
			},
		},
		{
			name: "sponsors",
			ente: "crespiatica",
			edit: func(t *testing.T, f Files) {
				dropLines(t, f, crespiatica, "SP-2025-03")
				replace(t, f, crespiatica,
					`SP-2026-01: {company: "Ferramenta Bianchi", start: "2026-01-01", end: "2026-12-31"}`,
					`SP-2026-01: {company: "Ferramenta Bianchi", start: "2026-01-01", end: "2027-06-30"}`+"\n"+
						`    SP-2028-01: {company: "Ferramenta Rossi", start: "2028-01-01", end: "2028-12-31"}`)
				replace(t, f, crespiatica, `"fb:100090003": SP-2027-01`,
					`"fb:100090003": SP-2027-01`+"\n"+`    "fb:100090004": SP-2028-01`)
				replace(t, f, crespiatica, `"autofficina ferrari": SP-2027-01`,
					`"autofficina ferrari": SP-2027-01`+"\n"+`    "ferramenta rossi": SP-2028-01`)
			},
			files: []FileChange{{crespiatica, Changed}},
			params: []ParamChange{
				{File: crespiatica, Path: `sponsors.accounts["fb:100090002"]`, Kind: Removed, From: "SP-2025-03"},
				{File: crespiatica, Path: `sponsors.accounts["fb:100090004"]`, Kind: Added, To: "SP-2028-01"},
				{File: crespiatica, Path: "sponsors.contracts.SP-2025-03", Kind: Removed,
					From: map[string]any{"company": "Pizzeria La Rotonda", "start": "2025-03-01", "end": "2025-12-31"}},
				{File: crespiatica, Path: "sponsors.contracts.SP-2026-01.end", Kind: Changed, From: "2026-12-31", To: "2027-06-30"},
				{File: crespiatica, Path: "sponsors.contracts.SP-2028-01", Kind: Added,
					To: map[string]any{"company": "Ferramenta Rossi", "start": "2028-01-01", "end": "2028-12-31"}},
				{File: crespiatica, Path: `sponsors.names["ferramenta rossi"]`, Kind: Added, To: "SP-2028-01"},
				{File: crespiatica, Path: `sponsors.names["pizzeria la rotonda"]`, Kind: Removed, From: "SP-2025-03"},
			},
			lines: []string{
				`    sponsors.contracts.SP-2025-03 removed (was {company: "Pizzeria La Rotonda", end: "2025-12-31", start: "2025-03-01"})` + "\n",
				`    sponsors.contracts.SP-2026-01.end: "2026-12-31" → "2027-06-30"` + "\n",
				`    sponsors.contracts.SP-2028-01 added: {company: "Ferramenta Rossi", end: "2028-12-31", start: "2028-01-01"}` + "\n",
				`    sponsors.names["ferramenta rossi"] added: "SP-2028-01"` + "\n",
				"  7 parameters changed.\n",
			},
		},
		{
			name: "holiday",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				replace(t, f, "lib/calendar.yaml", `    - {date: "08-15", name: "Assunzione di Maria"}`+"\n",
					`    - {date: "08-15", name: "Assunzione di Maria"}`+"\n"+`    - {date: "08-16", name: "San Rocco"}`+"\n")
			},
			files: []FileChange{{"lib/calendar.yaml", Changed}},
			params: []ParamChange{
				{File: "lib/calendar.yaml", Path: "calendar.holidays[date=08-16]", Kind: Added,
					To: map[string]any{"date": "08-16", "name": "San Rocco"}},
			},
			lines: []string{
				"  In lib/calendar.yaml (library, shared by every ente):\n",
				`    calendar.holidays[date=08-16] added: {date: "08-16", name: "San Rocco"}` + "\n",
			},
		},
		{
			name: "adopted policy",
			ente: "cetona",
			edit: func(t *testing.T, f Files) {
				replace(t, f, "enti/valdichiana_senese/data.yaml", "  certain: 0.9 #", "  certain: 0.95 #")
			},
			files: []FileChange{{"enti/valdichiana_senese/data.yaml", Changed}},
			params: []ParamChange{
				// Every rule the Union cites that weighs classifier signals:
				// the template's, and its own through the check they name.
				{File: "enti/valdichiana_senese/data.yaml", Path: "signals.certain", Kind: Changed, From: num("0.9"), To: num("0.95"),
					Clauses: []ParamClause{
						{"attivita_illegali", "Regole di utilizzo", "promozione di interessi privati o di attività illegali"},
						{"casi_personali", "Regole di utilizzo", "per affrontare casi personali"},
						{"dati_di_fatto", "Regole di utilizzo", "basandosi per quanto possibile su dati di fatto verificabili"},
						{"diritto_autore", "Regole di utilizzo", "contenuti che violino il diritto d'autore"},
						{"insulti_volgarita", "Regole di utilizzo", "insulti, volgarità, offese"},
						{"marchi_registrati", "Regole di utilizzo", "utilizzo non autorizzato di marchi registrati"},
						{"minacce_violenza", "Regole di utilizzo", "minacce e, in generale, atteggiamenti violenti"},
						{"offese_discriminatorie", "Regole di utilizzo", "insulti, volgarità, offese"},
						{"offese_persone", "Regole di utilizzo", "insulti, volgarità, offese"},
						{"pubblicita_spam", "Regole di utilizzo", "alcuna forma di pubblicità, spam o promozione di interessi privati"},
						{"sfera_personale_terzi", "Regole di utilizzo", "ledano la sfera personale di terzi"},
					}},
			},
			lines: []string{
				"  In enti/valdichiana_senese/data.yaml (the policy of valdichiana_senese, which cetona adopts):\n" +
					"    signals.certain: 0.9 → 0.95\n" +
					"      serves the clauses of 11 rules: attivita_illegali, casi_personali, dati_di_fatto, diritto_autore, insulti_volgarita, " +
					"marchi_registrati, minacce_violenza, offese_discriminatorie, offese_persone, pubblicita_spam, sfera_personale_terzi\n",
				// Cetona's data has no version label: the Union's is the one.
				"From: version \"Social Media Policy (Ufficio Associato Comunicazione)\"\n",
			},
		},
		{
			name: "lexicon terms and forms",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				absent(t, f, "screanzat", "stronzissimo")
				dropLines(t, f, offensive, `lemma: "cornuto"}`)
				dropLines(t, f, offensive, "  strunz: {")
				replace(t, f, offensive,
					`coglionazzo: {category: offensive_language, severity: grave, lemma: "coglione"}`,
					`coglionazzo: {category: offensive_language, severity: media, lemma: "coglione"}`)
				replace(t, f, offensive, "terms:\n", "terms:\n"+
					`  screanzato: {category: offensive_language, severity: lieve, lemma: "screanzato"}`+"\n"+
					`  screanzata: {category: offensive_language, severity: lieve, lemma: "screanzato"}`+"\n"+
					`  screanzati: {category: offensive_language, severity: lieve, lemma: "screanzato"}`+"\n"+
					`  stronzissimo: {category: offensive_language, severity: grave, lemma: "stronzo"}`+"\n")
				replace(t, f, exceptions, "exceptions:\n", "exceptions:\n"+
					`  "via dello screanzato": {reason: "a street"}`+"\n")
			},
			files: []FileChange{{exceptions, Changed}, {offensive, Changed}},
			terms: []TermChange{
				{Section: "terms", Category: "offensive_language", Term: "coglione", Kind: Changed,
					Forms: []string{"coglionazzo"}, Field: "severity", From: "grave", To: "media"},
				{Section: "terms", Category: "offensive_language", Term: "cornuto", Kind: Removed,
					Forms: []string{"cornuta", "cornute", "cornuti", "cornuto", "cornutone", "cornutoni"}, Severity: "grave"},
				{Section: "terms", Category: "offensive_language", Term: "screanzato", Kind: Added,
					Forms: []string{"screanzata", "screanzati", "screanzato"}, Severity: "lieve"},
				{Section: "terms", Category: "offensive_language", Term: "stronzo", Kind: FormsAdded,
					Forms: []string{"stronzissimo"}, Severity: "grave"},
				{Section: "terms", Category: "offensive_language", Term: "stronzo", Kind: FormsRemoved,
					Forms: []string{"strunz"}, Severity: "grave"},
				{Section: "exceptions", Term: "via dello screanzato", Kind: Added,
					To: map[string]any{"reason": "a street"}},
			},
			lines: []string{
				"  6 lexicon changes.\n",
				"  offensive_language: added 'screanzato' (severity lieve), forms 'screanzata', 'screanzati', 'screanzato'\n",
				"  offensive_language 'coglione': severity grave → media for form 'coglionazzo'\n",
				"  offensive_language: removed 'cornuto' (severity grave), forms 'cornuta', 'cornute', 'cornuti', 'cornuto', 'cornutone', 'cornutoni'\n",
				"  offensive_language 'stronzo': added form 'stronzissimo' (severity grave)\n",
				"  offensive_language 'stronzo': removed form 'strunz' (severity grave)\n",
				"  exceptions: added 'via dello screanzato' (reason a street)\n",
				"Parameters\n  No change.\n",
			},
		},
		{
			name: "lexicon term moved between files",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				const line = `  strunz: {category: offensive_language, severity: grave, lemma: "stronzo"}` + "\n"
				replace(t, f, offensive, line, "")
				replace(t, f, "lexicon/other.yaml", "terms:\n", "terms:\n"+line)
			},
			files: []FileChange{{offensive, Changed}, {"lexicon/other.yaml", Changed}},
			lines: []string{"  No term changed (only comments, layout, or the file a term is in).\n"},
		},
		{
			name: "comment only",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				f[tradate] = append([]byte("# Reviewed in 2026.\n"), f[tradate]...)
			},
			files: []FileChange{{tradate, Changed}},
			lines: []string{"  In enti/tradate/data.yaml:\n    only comments or layout changed.\n"},
		},
		{
			name: "rego rule",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				replace(t, f, policy, officeLine, departmentLine)
				f["enti/tradate/extra.rego"] = []byte("package galateo.enti.tradate\n\nextra := true\n")
			},
			files: []FileChange{{"enti/tradate/extra.rego", Added}, {policy, Changed}},
			text: func(t *testing.T, from Files) []TextDiff {
				lines := strings.SplitAfter(string(from[policy]), "\n")
				i := 0
				for i < len(lines) && lines[i] != officeLine {
					i++
				}
				var want strings.Builder
				fmt.Fprintf(&want, "--- a/%s\n+++ b/%s\n@@ -%d,7 +%d,7 @@\n", policy, policy, i-2, i-2)
				for _, l := range lines[i-3 : i] {
					want.WriteString(" " + l)
				}
				want.WriteString("-" + officeLine + "+" + departmentLine)
				for _, l := range lines[i+1 : i+4] {
					want.WriteString(" " + l)
				}
				return []TextDiff{
					{Path: "enti/tradate/extra.rego", Status: Added, Added: 3, Unified: "--- /dev/null\n+++ b/enti/tradate/extra.rego\n" +
						"@@ -0,0 +1,3 @@\n+package galateo.enti.tradate\n+\n+extra := true\n"},
					{Path: policy, Status: Changed, Added: 1, Removed: 1, Unified: want.String()},
				}
			},
			lines: []string{
				"  2 Rego files changed: 4 lines added, 1 line removed.\n",
				"  added    enti/tradate/extra.rego\n",
				"-" + officeLine + "+" + departmentLine,
				"Rego\n--- /dev/null\n+++ b/enti/tradate/extra.rego\n",
			},
		},
	}
	base := map[string]Files{}
	for _, ente := range []string{"tradate", "crespiatica", "cetona", "massa"} {
		base[ente] = readEnte(t, ente)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from := base[tc.ente]
			to := clone(from)
			tc.edit(t, to)
			r, err := Compare(tc.ente, from, to)
			if err != nil {
				t.Fatal(err)
			}
			if want := nonNil(tc.files); !reflect.DeepEqual(r.Files, want) {
				t.Errorf("files:\n got %v\nwant %v", r.Files, want)
			}
			if want := nonNil(tc.params); !reflect.DeepEqual(r.Data.Parameters, want) {
				t.Errorf("parameters:\n got %s\nwant %s", dump(r.Data.Parameters), dump(want))
			}
			if want := nonNil(tc.terms); !reflect.DeepEqual(r.Data.Terms, want) {
				t.Errorf("terms:\n got %s\nwant %s", dump(r.Data.Terms), dump(want))
			}
			want := []TextDiff{}
			if tc.text != nil {
				want = tc.text(t, from)
			}
			if !reflect.DeepEqual(r.Text, want) {
				t.Errorf("text:\n got %s\nwant %s", dump(r.Text), dump(want))
			}
			if !r.HasChanges() {
				t.Error("HasChanges() = false")
			}
			var out strings.Builder
			if err := r.WriteText(&out); err != nil {
				t.Fatal(err)
			}
			for _, l := range tc.lines {
				if !strings.Contains(out.String(), l) {
					t.Errorf("report lacks %q:\n%s", l, out.String())
				}
			}
			if strings.Contains(out.String(), "No change:") {
				t.Errorf("report says no change:\n%s", out.String())
			}
		})
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func TestCompareIdentical(t *testing.T) {
	from := readEnte(t, "tradate")
	r, err := Compare("tradate", from, clone(from))
	if err != nil {
		t.Fatal(err)
	}
	if r.HasChanges() || len(r.Files)+len(r.Text)+len(r.Data.Parameters)+len(r.Data.Terms) != 0 {
		t.Fatalf("identical files give changes: %s", dump(r))
	}
	if r.From.Version == "" || r.From.Version != r.To.Version {
		t.Errorf("versions %q, %q: want the label of tradate's data", r.From.Version, r.To.Version)
	}
	r.From.Ref, r.To.Ref = "v1", "v1"
	var out strings.Builder
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	want := "Policy comparison for tradate\n" +
		"From: version \"" + r.From.Version + "\", ref v1\n" +
		"To:   version \"" + r.To.Version + "\", ref v1\n\n" +
		"Summary\n  No change: the two versions have the same files.\n"
	if out.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", out.String(), want)
	}
	// An unchanged revision whose fixtures ran says so.
	r.Behaviour = &Behaviour{FixturesRun: 12, DecisionsReplayed: 1}
	out.Reset()
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"  No change: the two versions have the same files.\n",
		"  None of the 12 fixtures changes its decision.\n",
		"  None of the 1 logged decision replayed would be decided differently.\n"} {
		if !strings.Contains(out.String(), l) {
			t.Errorf("report lacks %q:\n%s", l, out.String())
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"files":[]`, `"text":[]`, `"parameters":[]`, `"terms":[]`, `"fixtures":[]`, `"decisions":[]`} {
		if !strings.Contains(string(js), s) {
			t.Errorf("JSON lacks %s: %s", s, js)
		}
	}
	if strings.Contains(string(js), "null") || strings.Contains(string(js), `"since"`) {
		t.Errorf("JSON has null or a zero since: %s", js)
	}
}

func TestCompareUnparsable(t *testing.T) {
	base := readEnte(t, "tradate")
	for _, p := range []string{"enti/tradate/data.yaml", "lib/calendar.yaml", "lexicon/threats.yaml"} {
		t.Run(p, func(t *testing.T) {
			to := clone(base)
			to[p] = append(to[p], []byte("\nbroken: [unclosed\n")...)
			_, err := Compare("tradate", base, to)
			if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "to version") {
				t.Fatalf("err = %v, want one naming %s in the to version", err, p)
			}
		})
	}
}

// TestDiffParams covers the shapes of data: lists of scalars by item, lists
// of objects by their id field, keys that need quoting, numbers by value.
func TestDiffParams(t *testing.T) {
	tests := []struct {
		name     string
		from, to string // YAML; "" is a file absent from its version
		want     []ParamChange
	}{
		{"numbers by value", "a: 2\n", "a: 2.0\n", nil},
		{"scalar list item added", `days: ["01-01", "12-25"]`, `days: ["08-16", "01-01", "12-25"]`,
			[]ParamChange{{Path: "days", Kind: Added, Item: true, To: "08-16"}}},
		{"scalar list items removed and added", `days: [a, b, c]`, `days: [a, c, d]`,
			[]ParamChange{{Path: "days", Kind: Removed, Item: true, From: "b"}, {Path: "days", Kind: Added, Item: true, To: "d"}}},
		{"repeated item", `x: [a, a, b]`, `x: [a, b]`,
			[]ParamChange{{Path: "x", Kind: Removed, Item: true, From: "a"}}},
		{"reordered", `actions: [remove, escalate]`, `actions: [escalate, remove]`,
			[]ParamChange{{Path: "actions", Kind: Changed, From: []any{"remove", "escalate"}, To: []any{"escalate", "remove"}}}},
		{"objects by id", "l:\n- {id: a, v: 1}\n- {id: b, v: 2}\n", "l:\n- {id: c, v: 3}\n- {id: b, v: 5}\n",
			[]ParamChange{
				{Path: "l[id=a]", Kind: Removed, From: map[string]any{"id": "a", "v": num("1")}},
				{Path: "l[id=b].v", Kind: Changed, From: num("2"), To: num("5")},
				{Path: "l[id=c]", Kind: Added, To: map[string]any{"id": "c", "v": num("3")}},
			}},
		{"objects reordered by id", "l:\n- {id: a}\n- {id: b}\n", "l:\n- {id: b}\n- {id: a}\n", nil},
		{"date shared, name is the id", "h:\n- {date: 01-01, name: A}\n- {date: 01-01, name: B}\n",
			"h:\n- {date: 01-01, name: A}\n- {date: 01-02, name: B}\n",
			[]ParamChange{{Path: "h[name=B].date", Kind: Changed, From: "01-01", To: "01-02"}}},
		{"objects without id", "l:\n- {v: 1}\n", "l:\n- {v: 1}\n- {v: 2}\n",
			[]ParamChange{{Path: "l", Kind: Added, Item: true, To: map[string]any{"v": num("2")}}}},
		{"quoted keys", "own_domains:\n  a.it: true\n", "own_domains:\n  a.it: true\n  \"b c\": true\n",
			[]ParamChange{{Path: `own_domains["b c"]`, Kind: Added, To: true}}},
		{"type change", "a: {b: 1}\n", "a: 1\n",
			[]ParamChange{{Path: "a", Kind: Changed, From: map[string]any{"b": num("1")}, To: num("1")}}},
		{"file added", "", "a: 1\nb: {c: x}\n",
			[]ParamChange{{Path: "a", Kind: Added, To: num("1")}, {Path: "b", Kind: Added, To: map[string]any{"c": "x"}}}},
		{"file removed", "a: 1\n", "",
			[]ParamChange{{Path: "a", Kind: Removed, From: num("1")}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := Files{}, Files{}
			if tc.from != "" {
				from["lib/x.yaml"] = []byte(tc.from)
			}
			if tc.to != "" {
				to["lib/x.yaml"] = []byte(tc.to)
			}
			r, err := Compare("x", from, to)
			if err != nil {
				t.Fatal(err)
			}
			want := []ParamChange{}
			for _, c := range tc.want {
				c.File = "lib/x.yaml"
				want = append(want, c)
			}
			if !reflect.DeepEqual(r.Data.Parameters, want) {
				t.Errorf("got %s\nwant %s", dump(r.Data.Parameters), dump(want))
			}
		})
	}
}

// TestDiffLexicon covers the sections besides terms, and attributes other
// than severity.
func TestDiffLexicon(t *testing.T) {
	from := `terms:
  verme: {category: offensive_language, severity: lieve, lemma: verme}
  terrone: {category: discrimination, severity: media, lemma: terrone, ground: origine_etnica}
hashtags:
  lega: {category: political_propaganda, severity: media, kind: party}
surnames:
  troia: "Troia: Puglia"
negation:
  words: {non: true}
personal_data:
  first_names: [mario, luca, anna]
  plate_words: [ha, km]
language:
  reported: {speech: [dice, dicono], say: [dire]}
  frames: {chi dice che: clause}
`
	to := `terms:
  verme: {category: offensive_language, severity: lieve, lemma: verme}
  vermi: {category: offensive_language, severity: lieve, lemma: verme}
  "sei un verme": {category: offensive_language, severity: media, lemma: verme}
  terrone: {category: discrimination, severity: media, lemma: terrone, ground: condizioni_sociali}
hashtags:
  lega: {category: political_propaganda, severity: media, kind: party}
  pd: {category: political_propaganda, severity: media, kind: party}
surnames:
  troia: "Troia, Di Troia: Puglia"
negation:
  words: {non: true, mai: true}
personal_data:
  first_names: [mario, anna, genoveffa, ornella]
  plate_words: [ha, km]
language:
  reported: {speech: [dice, scrive], say: [dire]}
  frames: {chi dice che: sentence}
`
	r, err := Compare("x", Files{"lexicon/a.yaml": []byte(from)}, Files{"lexicon/a.yaml": []byte(to)})
	if err != nil {
		t.Fatal(err)
	}
	want := []TermChange{
		{Section: "terms", Category: "discrimination", Term: "terrone", Kind: Changed, Forms: []string{"terrone"},
			Field: "ground", From: "origine_etnica", To: "condizioni_sociali"},
		{Section: "terms", Category: "offensive_language", Term: "verme", Kind: FormsAdded, Forms: []string{"vermi"}, Severity: "lieve"},
		{Section: "terms", Category: "offensive_language", Term: "verme", Kind: FormsAdded, Forms: []string{"sei un verme"}, Severity: "media"},
		{Section: "hashtags", Category: "political_propaganda", Term: "pd", Kind: Added, Forms: []string{"pd"}, Severity: "media",
			Attributes: map[string]any{"kind": "party"}},
		{Section: "language", Term: "frames", Kind: Changed,
			From: map[string]any{"chi dice che": "clause"}, To: map[string]any{"chi dice che": "sentence"}},
		{Section: "language", Term: "reported.speech", Kind: FormsAdded, Forms: []string{"scrive"}},
		{Section: "language", Term: "reported.speech", Kind: FormsRemoved, Forms: []string{"dicono"}},
		{Section: "negation", Term: "words", Kind: Changed,
			From: map[string]any{"non": true}, To: map[string]any{"non": true, "mai": true}},
		{Section: "personal_data", Term: "first_names", Kind: FormsAdded, Forms: []string{"genoveffa", "ornella"}},
		{Section: "personal_data", Term: "first_names", Kind: FormsRemoved, Forms: []string{"luca"}},
		{Section: "surnames", Term: "troia", Kind: Changed, From: "Troia: Puglia", To: "Troia, Di Troia: Puglia"},
	}
	if !reflect.DeepEqual(r.Data.Terms, want) {
		t.Errorf("got %s\nwant %s", dump(r.Data.Terms), dump(want))
	}
	var out strings.Builder
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{
		"  discrimination 'terrone': ground origine_etnica → condizioni_sociali\n",
		"  offensive_language 'verme': added form 'sei un verme' (severity media)\n",
		"  political_propaganda (hashtags): added 'pd' (severity media, kind party)\n",
		"  negation 'words': {non: true} → {mai: true, non: true}\n",
		"  surnames 'troia': Troia: Puglia → Troia, Di Troia: Puglia\n",
		"  personal_data 'first_names': added words 'genoveffa', 'ornella'\n",
		"  personal_data 'first_names': removed word 'luca'\n",
		"  language 'reported.speech': added word 'scrive'\n",
	} {
		if !strings.Contains(out.String(), l) {
			t.Errorf("report lacks %q:\n%s", l, out.String())
		}
	}
}

func TestUnified(t *testing.T) {
	ten := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	tests := []struct {
		name, status, from, to string
		want                   string
	}{
		{"one line changed, three of context", Changed, ten, strings.Replace(ten, "5\n", "five\n", 1),
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
		{"change at the top", Changed, ten, strings.Replace(ten, "1\n", "one\n", 1),
			"@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n"},
		{"line added at the end", Changed, ten, ten + "11\n",
			"@@ -8,3 +8,4 @@\n 8\n 9\n 10\n+11\n"},
		{"separate hunks", Changed, ten + ten, strings.Replace(ten, "2\n", "two\n", 1) + strings.Replace(ten, "9\n", "nine\n", 1),
			"@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n 6\n 7\n 8\n-9\n+nine\n 10\n"},
		{"close changes share a hunk", Changed, ten, strings.NewReplacer("2\n", "two\n", "8\n", "eight\n").Replace(ten),
			"@@ -1,10 +1,10 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n 9\n 10\n"},
		{"added file", Added, "", "a\nb\n", "@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"removed file", Removed, "a\n", "", "@@ -1 +0,0 @@\n-a\n"},
		{"no newline at end", Changed, "a\nb", "a\nc",
			"@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := "a/p.rego", "b/p.rego"
			switch tc.status {
			case Added:
				from = "/dev/null"
			case Removed:
				to = "/dev/null"
			}
			got := unified("p.rego", tc.status, tc.from, tc.to)
			want := "--- " + from + "\n+++ " + to + "\n" + tc.want
			if got.Unified != want {
				t.Errorf("got:\n%s\nwant:\n%s", got.Unified, want)
			}
			plus, minus := strings.Count(want, "\n+")-1, strings.Count(want, "\n-") // less the +++ header
			if got.Added != plus || got.Removed != minus {
				t.Errorf("added, removed = %d, %d; want %d, %d", got.Added, got.Removed, plus, minus)
			}
		})
	}
}

func TestWriteTextBehaviour(t *testing.T) {
	r := &Report{
		Ente:  "tradate",
		From:  Side{Ref: "HEAD~1", Revision: "sha256:aa", Version: "1.0"},
		To:    Side{Ref: "HEAD", Revision: "sha256:bb", Version: "1.1"},
		Files: []FileChange{{"enti/tradate/data.yaml", Changed}},
		Data: DataDiff{Parameters: []ParamChange{{File: "enti/tradate/data.yaml", Path: "replies.conflict", Kind: Changed,
			From: "Grazie per il suo intervento. Questa pagina è lo spazio di informazione istituzionale del Comune.",
			To:   "Grazie per il suo intervento."}}},
		Behaviour: &Behaviour{
			FixturesRun: 40,
			Fixtures: []Change{{ID: "tradate/003_insulto.yaml", Description: "Insulto al sindaco",
				From: Outcome{Outcome: "review", Categories: []string{"offensive_language"}},
				To:   Outcome{Outcome: "remove", Categories: []string{"offensive_language"}, Actions: []string{"remove"}}}},
			DecisionsReplayed: 120,
			Decisions: []Change{
				{ID: "01J0AAA", From: Outcome{Outcome: "allow"}, To: Outcome{Outcome: "review", Categories: []string{"off_topic"}}},
				{ID: "01J0BBB", From: Outcome{Outcome: "remove"}, To: Outcome{}},
			},
			Since:   time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			Skipped: 3,
		},
	}
	var out strings.Builder
	if err := r.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{
		"From: version \"1.0\", ref HEAD~1, revision sha256:aa\n",
		"  1 of 40 fixtures changes its decision.\n",
		"  2 of 120 logged decisions replayed since 2026-01-01 would be decided differently; 3 decisions could not be replayed (input purged).\n",
		"    replies.conflict changed\n      from: \"Grazie per il suo intervento. Questa pagina",
		"      to:   \"Grazie per il suo intervento.\"\n",
		"Fixtures\n  1 of 40 fixtures changes its decision:\n" +
			"  tradate/003_insulto.yaml — Insulto al sindaco\n" +
			"    before: review (categories: offensive_language)\n" +
			"    after:  remove (categories: offensive_language; actions: remove)\n",
		"Logged decisions\n  3 decisions could not be replayed: their input was purged.\n" +
			"  2 of 120 logged decisions replayed since 2026-01-01 would be decided differently:\n" +
			"  01J0AAA\n    before: allow\n    after:  review (categories: off_topic)\n" +
			"  01J0BBB\n    before: remove\n    after:  (no decision)\n",
		"Rego\n  No change.\n",
		"Lexicon\n  No change.\n",
	} {
		if !strings.Contains(out.String(), l) {
			t.Errorf("report lacks %q:\n%s", l, out.String())
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"since":"2026-01-01T00:00:00Z"`, `"skipped":3`, `"categories":[]`, `"actions":[]`, `"terms":[]`} {
		if !strings.Contains(string(js), s) {
			t.Errorf("JSON lacks %s: %s", s, js)
		}
	}
}

// A change to a file the ente shares with every other, or takes from the
// ente it adopts, says so.
func TestFileNoteSaysWhoseFileItIs(t *testing.T) {
	for file, want := range map[string]string{
		"lib/calendar.yaml":                 " (library, shared by every ente)",
		"schema/data/enti.json":             " (schema, shared by every ente)",
		"enti/valdichiana_senese/data.yaml": " (the policy of valdichiana_senese, which cetona adopts)",
		"enti/cetona/data.yaml":             "",
	} {
		if got := fileNote("cetona", file); got != want {
			t.Errorf("fileNote(cetona, %s) = %q, want %q", file, got, want)
		}
	}
}
