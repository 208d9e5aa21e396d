# METADATA
# title: Tests of the shape of the language data
# description: >-
#   policies/lexicon/language.yaml and morphology.yaml are read by the Go
#   facts (engine/facts.NewLanguage), which refuses a malformed file when the
#   ente loads; these tests say the same to an author running opa test.
package galateo.lib.language_test

import rego.v1

lists := {
	"function_words", "glue_words", "ordinary_words", "clitics", "determiners", "auxiliary_verbs",
	"negators", "not_negations", "negation_breakers", "negation_frames", "question_words",
	"subordinators", "conjunctions", "adversatives", "prepositions", "cut_words", "verb_negators", "stop_words",
}

# METADATA
# title: Every list of the language is a list of folded words or phrases (negators may keep an accent)
test_language_lists_are_folded if {
	bad := {[k, w] |
		some k in lists
		some w in data.lexicon.language[k]
		k != "negators"
		not regex.match(`^[a-z]+( [a-z]+)*$`, w)
	}
	bad == set()
	{w | some w in data.lexicon.language.negators; not regex.match(`^[a-zàèéìòù]+$`, w)} == set()
}

# METADATA
# title: The reported-speech verbs are single folded words; every frame has a documented extent
test_language_reported if {
	{[k, w] | some k, ws in data.lexicon.language.reported; some w in ws; not regex.match(`^[a-z]+$`, w)} == set()
	{f | some f, scope in data.lexicon.language.reported_frames; not scope in {"clause", "sentence", "subject"}} == set()
	{f | some f, _ in data.lexicon.language.reported_frames; not regex.match(`^[a-z]+( [a-z]+)*$`, f)} == set()
}

# METADATA
# title: Chat abbreviations are folded words, each read as one folded word
test_language_chat_words if {
	{[k, w] | some k, w in data.lexicon.language.chat_words; not regex.match(`^[a-z]+$`, k)} == set()
	{[k, w] | some k, w in data.lexicon.language.chat_words; not regex.match(`^[a-z]+$`, w)} == set()
}

# METADATA
# title: The language holds the lists the facts need
test_language_complete if {
	missing := {k | some k in lists; not data.lexicon.language[k]}
	missing == set()
	count(data.lexicon.language.reported.speech) > 0
}

finite_tables := {
	"indicative present", "indicative imperfect", "indicative past", "indicative future",
	"conditional present", "subjunctive present", "subjunctive imperfect", "imperative present",
}

# METADATA
# title: Finite tables have six forms a person, participles four, in every conjugation
test_morphology_tables if {
	bad := {[c, t] |
		some c, tables in data.lexicon.morphology.verbs
		some t, forms in tables
		t in finite_tables
		count(forms) != 6
	}
	bad == set()
	{c | some c, tables in data.lexicon.morphology.verbs; p := tables.participle; count(p) != 4} == set()
}

# METADATA
# title: Every irregular verb lists some forms or follows a conjugation on a stem
test_morphology_irregular if {
	known := finite_tables | {"infinitive", "gerund", "participle", "like", "future_stem", "compounds"}
	{[v, k] | some v, d in data.lexicon.morphology.irregular; some k, _ in d; not k in known} == set()
	{v | some v, d in data.lexicon.morphology.irregular; count(d) == 0} == set()
	{v | some v, d in data.lexicon.morphology.irregular; l := d.like; count(l) != 2} == set()
}

# METADATA
# title: Enclitics and noun endings are folded letters
test_morphology_words if {
	{e | some e in data.lexicon.morphology.enclitics; not regex.match(`^[a-z]+$`, e)} == set()
	{e | some e, _ in data.lexicon.morphology.nouns; not regex.match(`^[a-z]+$`, e)} == set()
}
