package diff

import (
	"reflect"
	"testing"
)

// TestParamClauses: each changed parameter of an ente's data names the
// clauses of the rules it cites that read it, from that revision's own
// template.
func TestParamClauses(t *testing.T) {
	const (
		massa    = "enti/massa/data.yaml"
		tradate  = "enti/tradate/data.yaml"
		template = "lib/standard.rego"
		rules    = "Moderazione e regole di utilizzo"
	)
	offTopic := ParamClause{"off_topic", rules, "palesemente fuori argomento"}
	tests := []struct {
		name string
		ente string
		edit func(t *testing.T, f Files)
		path string // the change looked at
		want []ParamClause
	}{
		{
			name: "a category serves the cited rules of that category",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, massa, "personal_data: {outcome: remove, severity: grave", "personal_data: {outcome: hide, severity: grave")
			},
			path: "categories.personal_data.outcome",
			want: []ParamClause{
				{"dati_sensibili", "Moderazione e regole di utilizzo; Privacy", "i dati sensibili postati in commenti o post pubblici"},
				{"dati_sensibili_terzi", "Moderazione e regole di utilizzo; Privacy", "i dati sensibili postati in commenti o post pubblici"},
				{"privacy_terzi", rules, "ledano o invadano la sfera personale di terzi"},
			},
		},
		{
			name: "a section serves the rules whose check reads it",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, massa, "min_content_words: 6", "min_content_words: 8")
			},
			path: "off_topic.min_content_words",
			want: []ParamClause{offTopic},
		},
		{
			name: "a clause serves itself",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, massa, `quote: "palesemente fuori argomento"`, `quote: "fuori argomento"`)
			},
			path: "clauses.off_topic.quote",
			want: []ParamClause{{"off_topic", rules, "fuori argomento"}},
		},
		{
			name: "a clause removed is read from the older revision",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				dropLines(t, f, massa, "  off_topic: {section:")
			},
			path: "clauses.off_topic",
			want: []ParamClause{offTopic},
		},
		{
			name: "a key no rule reads serves none",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, massa, "block_days: 30", "block_days: 30\nnewsletter: {weekly: true}")
			},
			path: "newsletter",
		},
		{
			name: "the revision's own template says what a rule reads",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, template, `"category": "off_topic", "params": ["off_topic"]`, `"category": "off_topic", "params": ["off_topic", "newsletter"]`)
				replace(t, f, massa, "block_days: 30", "block_days: 30\nnewsletter: {weekly: true}")
			},
			path: "newsletter",
			want: []ParamClause{offTopic},
		},
		{
			name: "a rule of a data-only ente's own reads what its check reads",
			ente: "valdichiana_senese",
			edit: func(t *testing.T, f Files) {
				replace(t, f, "enti/valdichiana_senese/data.yaml", "shouting_ratio: 0.8", "shouting_ratio: 0.7")
			},
			path: "flooding.shouting_ratio",
			want: []ParamClause{{"correttezza_misura", "Regole di utilizzo", "con correttezza e misura"}},
		},
		{
			name: "another template: only clauses map",
			ente: "massa",
			edit: func(t *testing.T, f Files) {
				replace(t, f, massa, "template: standard", "template: other")
				replace(t, f, massa, "min_content_words: 6", "min_content_words: 8")
			},
			path: "off_topic.min_content_words",
		},
		{
			name: "Rego of its own: a rule the table lacks maps by its clause alone",
			ente: "tradate",
			edit: func(t *testing.T, f Files) {
				replace(t, f, tradate, "off_topic: {severity: lieve}", "off_topic: {severity: media}")
			},
			path: "categories.off_topic.severity",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from := readEnte(t, tc.ente)
			to := clone(from)
			tc.edit(t, to)
			r, err := Compare(tc.ente, from, to)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Data.Parameters {
				if c.Path == tc.path {
					if !reflect.DeepEqual(c.Clauses, tc.want) {
						t.Errorf("%s serves:\n got %s\nwant %s", c.Path, dump(c.Clauses), dump(tc.want))
					}
					return
				}
			}
			t.Fatalf("no change at %s in %s", tc.path, dump(r.Data.Parameters))
		})
	}
}

func TestSplitPath(t *testing.T) {
	for _, tc := range []struct{ path, top, sub string }{
		{"categories.offensive_language.outcome", "categories", "offensive_language"},
		{"clauses", "clauses", ""},
		{`own_domains["comune.tradate.va.it"]`, "own_domains", "comune.tradate.va.it"},
		{`["a.b"].c`, "a.b", "c"},
		{"calendar.holidays[date=12-26]", "calendar", "holidays"},
		{"schedule.hours[date=12-26]", "schedule", "hours"},
	} {
		if top, sub := splitPath(tc.path); top != tc.top || sub != tc.sub {
			t.Errorf("splitPath(%q) = %q, %q; want %q, %q", tc.path, top, sub, tc.top, tc.sub)
		}
	}
}
