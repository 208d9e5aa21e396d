# METADATA
# title: Tests of what a decision adds to its author's history
# description: >-
#   history.effect on automatic decisions (the meaning the engine had in Go:
#   a violation that is not left to a person counts, warn_author warns,
#   block_author blocks until its until) and on a person's decisions, whose
#   outcome decides; the counted outcomes are a setting an ente overrides.
package galateo.lib.history_test

import data.galateo.lib.history
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: A violation of a category with an outcome
v(category, outcome) := {"rule": category, "category": category, "outcome": outcome, "clause": {"section": "Regole", "quote": "niente"}}

# METADATA
# title: The effect of a decision for an ente with the given data
effect_for(enti, d) := e if {
	e := history.effect(d) with input as {"ente": "prova"} with data.enti as enti
}

nothing := {"violation": false, "warning": false, "block": false}

# --- automatic decisions -----------------------------------------------------

# METADATA
# title: A certain violation counts; one left to a person does not
test_automatic_violations if {
	history.effect({"outcome": "remove", "actions": [{"type": "remove"}], "violations": [v("threat", "remove")]}) == {"violation": true, "warning": false, "block": false}
	history.effect({"outcome": "hide", "actions": [{"type": "hide"}], "violations": [v("off_topic", "hide"), v("defamation", "review")]}).violation
	history.effect({"outcome": "review", "actions": [], "violations": [v("defamation", "review")]}) == nothing
	history.effect({"outcome": "allow", "actions": [], "violations": []}) == nothing
	history.effect({"outcome": "not_managed", "actions": [], "violations": []}) == nothing
}

# METADATA
# title: Staff content that may not be published counts, as its violations do
test_automatic_reject if {
	history.effect({"outcome": "reject", "actions": [], "violations": [v("offensive_language", "remove")]}).violation
}

# METADATA
# title: warn_author warns; block_author blocks, until its until when it has one
test_automatic_warning_and_block if {
	history.effect({"outcome": "remove", "actions": [{"type": "remove"}, {"type": "warn_author"}], "violations": [v("threat", "remove")]}) == {"violation": true, "warning": true, "block": false}
	history.effect({
		"outcome": "remove",
		"actions": [{"type": "remove"}, {"type": "block_author", "until": "2027-02-21T10:15:03+01:00"}, {"type": "report_platform"}],
		"violations": [v("threat", "remove")],
	}) == {"violation": true, "warning": false, "block": true, "block_until": "2027-02-21T10:15:03+01:00"}
	history.effect({"outcome": "remove", "actions": [{"type": "block_author"}], "violations": [v("fake_account", "remove")]}) == {"violation": true, "warning": false, "block": true}
	history.effect({"outcome": "remove", "actions": [{"type": "block_author", "until": ""}], "violations": [v("fake_account", "remove")]}) == {"violation": true, "warning": false, "block": true}
}

# METADATA
# title: Of two blocks with an end, the later one
test_block_until_latest if {
	e := history.effect({
		"outcome": "remove", "actions": [
			{"type": "block_author", "until": "2027-01-01T00:00:00+01:00"},
			{"type": "block_author", "until": "2027-02-01T00:00:00+01:00"},
		],
		"violations": [],
	})
	e.block_until == "2027-02-01T00:00:00+01:00"
}

# --- a person's decisions ----------------------------------------------------

# METADATA
# title: A reviewer who removes a proposal counts it
test_person_removes if {
	history.effect({"outcome": "remove", "actions": [{"type": "remove"}], "violations": [v("defamation", "remove")]}).violation
}

# METADATA
# title: A reviewer's allow, review or redirect counts nothing, whatever the violations say
test_person_allows if {
	every outcome in ["allow", "review", "redirect"] {
		history.effect({"outcome": outcome, "actions": [], "violations": [v("offensive_language", "remove"), v("threat", "hide")]}) == nothing
	}
}

# --- settings ----------------------------------------------------------------

# METADATA
# title: The library's counted outcomes, unless the ente says its own
test_counted_outcomes_setting if {
	history.counted_outcomes == {"hide", "remove", "reject"} with input as {"ente": "prova"} with data.enti as {"prova": {"name": "Prova"}}
	d := {"outcome": "hide", "actions": [{"type": "hide"}], "violations": [v("off_topic", "hide")]}
	effect_for({"prova": {"name": "Prova"}}, d).violation
	effect_for({"prova": {"name": "Prova", "history": {"counted_outcomes": ["remove", "reject"]}}}, d) == nothing
}

# METADATA
# title: An ente that adopts another's policy counts as the adopted ente says
test_counted_outcomes_adopted if {
	enti := {"unione": {"name": "Unione", "history": {"counted_outcomes": ["remove"]}}, "prova": {"name": "Prova", "adopts": "unione"}}
	effect_for(enti, {"outcome": "hide", "actions": [], "violations": [v("off_topic", "hide")]}) == nothing
	effect_for(enti, {"outcome": "remove", "actions": [], "violations": [v("threat", "remove")]}).violation
}
