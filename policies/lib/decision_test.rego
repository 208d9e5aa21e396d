# METADATA
# title: Tests of the decision template
# description: >-
#   The template on its own, with made-up categories and violations: the
#   outcome order, the most restrictive outcome, posts rejected instead of
#   removed, the union of actions, reply and review.
package galateo.lib.decision_test

import data.galateo.lib.decision
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: An ente's categories, made up for these tests
params := {"categories": {
	"offensive_language": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
	"threat": {"outcome": "remove", "severity": "grave", "actions": ["remove", "report_platform", "escalate"]},
	"off_topic": {"outcome": "hide", "severity": "lieve", "actions": ["hide"]},
	"flooding": {"outcome": "hide", "severity": "media", "actions": ["hide", "report_platform"]},
	"personal_case": {"outcome": "review", "severity": "lieve", "actions": []},
	# no severity, no actions: the template's defaults apply
	"bare": {"outcome": "hide"},
}}

# METADATA
# title: What rego.metadata.rule() gives an ente's rule
meta(rule) := {
	"title": concat(" ", ["Regola", rule]),
	"scope": "rule",
	"custom": {"rule": rule, "section": "Moderazione e regole di utilizzo", "quote": concat(" ", ["citazione", rule])},
}

# METADATA
# title: A violation of a category, certain or not
v(category, certain) := decision.violation(
	meta(category), category,
	[{"fact": "lexicon", "match": "x", "start": 0, "end": 1}],
	certain, params,
)

# METADATA
# title: A minimal input of a kind, with an author's past violations
inp(kind, past) := {
	"content": {"kind": kind},
	"now": "2026-11-23T10:15:03+01:00",
	"facts": {"history": {"violations": past}},
}

# METADATA
# title: The types of a decision's actions
types(d) := [a.type | some a in d.actions]

# --- order -------------------------------------------------------------------

# METADATA
# title: order and rank agree, from allow to not_managed
test_order_and_rank_agree if {
	count(decision.order) == count(decision.rank)
	every i, o in decision.order {
		decision.rank[o] == i
	}
	decision.order[0] == "allow"
	decision.order[6] == "not_managed"
}

# METADATA
# title: The most restrictive outcome wins; nothing is allow
test_most_restrictive if {
	cases := {
		"empty": {"in": set(), "want": "allow"},
		"allow only": {"in": {"allow"}, "want": "allow"},
		"review over allow": {"in": {"allow", "review"}, "want": "review"},
		"redirect over review": {"in": {"review", "redirect"}, "want": "redirect"},
		"hide over redirect": {"in": {"review", "redirect", "hide"}, "want": "hide"},
		"remove over hide": {"in": {"hide", "remove"}, "want": "remove"},
		"reject over remove": {"in": {"remove", "reject"}, "want": "reject"},
		"not_managed over all": {"in": {"allow", "remove", "reject", "not_managed"}, "want": "not_managed"},
	}
	every name, c in cases {
		print("case:", name)
		decision.most_restrictive(c.in) == c.want
	}
}

# METADATA
# title: Staff posts are rejected instead of hidden or removed; other outcomes and kinds stand
test_for_kind if {
	cases := {
		"hidden post": {"outcome": "hide", "kind": "post", "want": "reject"},
		"removed post": {"outcome": "remove", "kind": "post", "want": "reject"},
		"post to review": {"outcome": "review", "kind": "post", "want": "review"},
		"allowed post": {"outcome": "allow", "kind": "post", "want": "allow"},
		"post on unmanaged channel": {"outcome": "not_managed", "kind": "post", "want": "not_managed"},
		"hidden comment": {"outcome": "hide", "kind": "comment", "want": "hide"},
		"removed reply": {"outcome": "remove", "kind": "reply", "want": "remove"},
		"removed private message": {"outcome": "remove", "kind": "private_message", "want": "remove"},
		"redirected report": {"outcome": "redirect", "kind": "report", "want": "redirect"},
	}
	every name, c in cases {
		print("case:", name)
		decision.for_kind(c.outcome, c.kind) == c.want
	}
}

# --- violations --------------------------------------------------------------

# METADATA
# title: Certain evidence takes the category's outcome and actions; uncertain goes to review with none
test_outcome_and_actions_of if {
	cat := params.categories.threat
	decision.outcome_of(cat, true) == "remove"
	decision.outcome_of(cat, false) == "review"
	decision.actions_of(cat, true) == ["remove", "report_platform", "escalate"]
	decision.actions_of(cat, false) == []
	decision.actions_of(params.categories.bare, true) == []
}

# METADATA
# title: A violation carries the rule, title and clause of the calling rule's metadata
test_violation_shape if {
	decision.violation(meta("insulti"), "offensive_language", [{"fact": "lexicon", "match": "idiota", "start": 7, "end": 13}], true, params) == {
		"rule": "insulti",
		"title": "Regola insulti",
		"category": "offensive_language",
		"severity": "grave",
		"outcome": "remove",
		"actions": ["remove"],
		"clause": {"section": "Moderazione e regole di utilizzo", "quote": "citazione insulti"},
		"evidence": [{"fact": "lexicon", "match": "idiota", "start": 7, "end": 13}],
	}
}

# METADATA
# title: Uncertain evidence gives a violation to review, with no actions
test_violation_uncertain if {
	x := v("threat", false)
	x.outcome == "review"
	x.actions == []
	x.severity == "grave"
}

# METADATA
# title: Severity defaults to media; a category the ente does not list gives no violation
test_violation_defaults if {
	v("bare", true).severity == "media"
	v("bare", true).actions == []
	not decision.violation(meta("x"), "misinformation", [], true, params)
}

# --- decide ------------------------------------------------------------------

# METADATA
# title: No violation and nothing extra is allow, with no actions, no reply, no review
test_decide_nothing if {
	d := decision.decide(set(), {}) with input as inp("comment", 0)
	d == {
		"outcome": "allow",
		"actions": [],
		"violations": [],
		"review": {"required": false},
		"author": {"violations": 0, "blocked": false},
		"history": {"violation": false, "warning": false, "block": false},
	}
}

# METADATA
# title: The most restrictive violation wins and its visibility action is the only one
test_decide_most_restrictive if {
	d := decision.decide({v("off_topic", true), v("offensive_language", true)}, {}) with input as inp("comment", 0)
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	count(d.violations) == 2
	{x.rule | some x in d.violations} == {"off_topic", "offensive_language"}
}

# METADATA
# title: Actions are the union across violations, never both hide and remove
test_decide_union_of_actions if {
	d := decision.decide({v("flooding", true), v("threat", true), v("off_topic", true)}, {}) with input as inp("reply", 0)
	d.outcome == "remove"
	{a | some a in d.actions} == {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}}
	count(d.actions) == 3
	not "hide" in types(d)
}

# METADATA
# title: A hide outcome hides once, whatever the number of violations asking for it
test_decide_hide_once if {
	d := decision.decide({v("flooding", true), v("off_topic", true)}, {}) with input as inp("comment", 0)
	d.outcome == "hide"
	d.actions == [{"type": "hide"}, {"type": "report_platform"}]
}

# METADATA
# title: Uncertain evidence goes to review, does nothing and does not count against the author
test_decide_review if {
	d := decision.decide({v("threat", false)}, {}) with input as inp("comment", 2)
	d.outcome == "review"
	d.actions == []
	d.review.required == true
	d.author == {"violations": 2, "blocked": false}
}

# METADATA
# title: A certain violation counts once in the author's history, however many rules it breaks
test_decide_counts_certain_once if {
	d := decision.decide({v("threat", true), v("offensive_language", true)}, {}) with input as inp("comment", 2)
	d.author.violations == 3
	d.review.required == false
}

# METADATA
# title: A category whose outcome is review does not count even when certain
test_decide_review_category_not_counted if {
	d := decision.decide({v("personal_case", true)}, {}) with input as inp("comment", 1)
	d.outcome == "review"
	d.author.violations == 1
}

# METADATA
# title: The history defaults to no violations when the input has none
test_decide_without_history if {
	d := decision.decide({v("off_topic", true)}, {}) with input as {"content": {"kind": "comment"}}
	d.author.violations == 1
}

# METADATA
# title: Staff posts that break a rule are rejected, not removed or hidden
test_decide_post_rejected if {
	staff := object.union(inp("post", 0), {"author": {"role": "staff"}})
	d := decision.decide({v("threat", true), v("off_topic", true)}, {}) with input as staff
	d.outcome == "reject"
	{a | some a in d.actions} == {{"type": "report_platform"}, {"type": "escalate"}}

	h := decision.decide({v("off_topic", true)}, {}) with input as staff
	h.outcome == "reject"
	h.actions == []
}

# METADATA
# title: A citizen's post on a page's board is removed or hidden like a comment, not rejected
test_decide_citizen_post if {
	d := decision.decide({v("threat", true)}, {}) with input as inp("post", 0)
	d.outcome == "remove"
	{"type": "remove"} in d.actions
	a := decision.decide({v("off_topic", true)}, {}) with input as object.union(inp("post", 0), {"author": {"role": "administrator"}})
	a.outcome == "reject"
}

# METADATA
# title: Outcomes and actions the ente adds without a violation join the decision
test_decide_extra if {
	d := decision.decide(set(), {"outcomes": {"redirect"}, "actions": {{"type": "forward_to_office", "office": "URP"}}}) with input as inp("report", 0)
	d.outcome == "redirect"
	d.actions == [{"type": "forward_to_office", "office": "URP"}]
	d.review.required == false
}

# METADATA
# title: Actions listed in extra.drop are left out
test_decide_drop if {
	d := decision.decide({v("flooding", true)}, {"drop": {{"type": "report_platform"}}}) with input as inp("comment", 0)
	d.actions == [{"type": "hide"}]
}

# METADATA
# title: A block among the actions marks the author as blocked
test_decide_blocked if {
	until := "2026-12-23T10:15:03+01:00"
	d := decision.decide({v("off_topic", true)}, {"actions": {{"type": "block_author", "until": until}}}) with input as inp("comment", 2)
	d.author == {"violations": 3, "blocked": true}
	{"type": "block_author", "until": until} in d.actions
}

# METADATA
# title: The reply is given only when nothing breaks a rule
test_decide_reply if {
	extra := {"reply": {"visibility": "public", "text": "Grazie"}, "actions": {{"type": "reply"}}, "review": true}

	ok := decision.decide(set(), extra) with input as inp("comment", 0)
	ok.reply == {"visibility": "public", "text": "Grazie"}
	ok.actions == [{"type": "reply"}]
	ok.outcome == "allow"
	ok.review.required == true

	bad := decision.decide({v("offensive_language", true)}, extra) with input as inp("comment", 0)
	not bad.reply
	bad.actions == [{"type": "remove"}]

	unsure := decision.decide({v("offensive_language", false)}, extra) with input as inp("comment", 0)
	not unsure.reply
	unsure.actions == []
}

# METADATA
# title: An empty reply object is no reply
test_decide_empty_reply if {
	d := decision.decide(set(), {"reply": {}}) with input as inp("comment", 0)
	not d.reply
}

# METADATA
# title: On a channel the ente does not manage nothing is done
test_decide_not_managed if {
	extra := {
		"outcomes": {"not_managed"},
		"actions": {{"type": "reply"}, {"type": "block_author", "until": "2026-12-23T10:15:03+01:00"}},
		"reply": {"visibility": "public", "text": "Grazie"},
		"review": true,
	}
	d := decision.decide({v("threat", true)}, extra) with input as inp("comment", 2)
	d == {
		"outcome": "not_managed",
		"actions": [],
		"violations": [],
		"review": {"required": false},
		"author": {"violations": 2, "blocked": false},
		"history": {"violation": false, "warning": false, "block": false},
	}
}

# --- clauses from data --------------------------------------------------------

# METADATA
# title: The categories with clauses an ente's data cites, as enti made only of data have
params_clauses := object.union(params, {"clauses": {
	"insulti": {"section": "Regole della community", "quote": "niente insulti"},
	"minacce": {"section": "Regole della community", "quote": "niente minacce"},
}})

# METADATA
# title: The data's clause overrides the rule's METADATA; a rule the data does not cite keeps its own
test_clause if {
	decision.clause(meta("insulti"), params_clauses) == {"section": "Regole della community", "quote": "niente insulti"}
	decision.clause(meta("minacce"), params_clauses) == {"section": "Regole della community", "quote": "niente minacce"}
	decision.clause(meta("off_topic"), params_clauses) == {"section": "Moderazione e regole di utilizzo", "quote": "citazione off_topic"}
	decision.clause(meta("insulti"), params) == {"section": "Moderazione e regole di utilizzo", "quote": "citazione insulti"}
}

# METADATA
# title: A violation cites the data's clause, and keeps the rule, title and the category's outcome
test_violation_clause_from_data if {
	x := decision.violation(meta("insulti"), "offensive_language", [], true, params_clauses)
	x.clause == {"section": "Regole della community", "quote": "niente insulti"}
	x.rule == "insulti"
	x.title == "Regola insulti"
	x.outcome == "remove"

	y := decision.violation(meta("off_topic"), "off_topic", [], true, params_clauses)
	y.clause == {"section": "Moderazione e regole di utilizzo", "quote": "citazione off_topic"}
}

# METADATA
# title: A rule the data cites without METADATA of its own (the standard template's) still gets its clause
test_clause_without_metadata if {
	bare := {"title": "Regola", "scope": "rule", "custom": {"rule": "insulti"}}
	decision.clause(bare, params_clauses) == {"section": "Regole della community", "quote": "niente insulti"}
}

# METADATA
# title: The data may name the rule in the document's words; the title, not the clause, carries it
test_title_from_data if {
	titled := object.union(params, {"clauses": {"insulti": {"section": "Art. 3", "quote": "niente insulti", "title": "Linguaggio offensivo"}}})
	x := decision.violation(meta("insulti"), "offensive_language", [], true, titled)
	x.title == "Linguaggio offensivo"
	x.clause == {"section": "Art. 3", "quote": "niente insulti"}
}

# --- replies to content that breaks a rule ----------------------------------

# METADATA
# title: Content is silenced when it breaks a rule, unless the ente answers it anyway
test_silenced if {
	cases := {
		"nothing broken": {"vs": set(), "extra": {}, "silenced": false},
		"rule broken": {"vs": {v("off_topic", true)}, "extra": {}, "silenced": true},
		"rule perhaps broken": {"vs": {v("off_topic", false)}, "extra": {}, "silenced": true},
		"reply_always": {"vs": {v("off_topic", true)}, "extra": {"reply_always": true}, "silenced": false},
		"reply_always false": {"vs": {v("off_topic", true)}, "extra": {"reply_always": false}, "silenced": true},
		"reply_always, nothing broken": {"vs": set(), "extra": {"reply_always": true}, "silenced": false},
	}
	every name, c in cases {
		print("case:", name)
		got := is_silenced(c.vs, c.extra)
		got == c.silenced
	}
}

# METADATA
# title: Whether content is silenced, false rather than undefined
is_silenced(vs, extra) if decision.silenced(vs, extra)

default is_silenced(_, _) := false

# METADATA
# title: An answer with its reply action and a request for a person to write it
answer := {
	"reply": {"visibility": "public", "text": "Gentile utente, le rispondiamo in privato."},
	"actions": {{"type": "reply"}},
	"review": true,
}

# METADATA
# title: With reply_always the ente answers content that breaks a rule, keeping reply, reply action and review
test_decide_reply_always if {
	d := decision.decide({v("off_topic", true)}, object.union(answer, {"reply_always": true})) with input as inp("comment", 0)
	d.outcome == "hide"
	d.actions == [{"type": "hide"}, {"type": "reply"}]
	d.reply == {"visibility": "public", "text": "Gentile utente, le rispondiamo in privato."}
	d.review.required == true
	d.author == {"violations": 1, "blocked": false}
}

# METADATA
# title: With reply_always an uncertain violation goes to review and is still answered
test_decide_reply_always_review if {
	d := decision.decide({v("threat", false)}, object.union(answer, {"reply_always": true})) with input as inp("comment", 0)
	d.outcome == "review"
	d.actions == [{"type": "reply"}]
	d.reply.text == "Gentile utente, le rispondiamo in privato."
	d.review.required == true
}

# METADATA
# title: reply_always false is the same as none, so no reply, no reply action, no review asked
test_decide_reply_always_false if {
	d := decision.decide({v("off_topic", true)}, object.union(answer, {"reply_always": false})) with input as inp("comment", 0)
	d.outcome == "hide"
	d.actions == [{"type": "hide"}]
	not d.reply
	d.review.required == false
}

# METADATA
# title: Only the ente's reply actions are dropped from silenced content; its other actions stay
test_decide_silenced_keeps_other_actions if {
	extra := {"outcomes": {"redirect"}, "actions": {{"type": "reply"}, {"type": "forward_to_office", "office": "URP"}}, "reply": {"visibility": "public", "text": "Inoltriamo la segnalazione."}}
	d := decision.decide({v("off_topic", true)}, extra) with input as inp("report", 0)
	d.outcome == "hide"
	{a | some a in d.actions} == {{"type": "hide"}, {"type": "forward_to_office", "office": "URP"}}
	not d.reply

	decision.no_reply({v("off_topic", true)}, extra) == {{"type": "reply"}}
	decision.no_reply(set(), extra) == set()
	decision.no_reply({v("off_topic", true)}, object.union(extra, {"reply_always": true})) == set()
}

# --- notices -----------------------------------------------------------------

# METADATA
# title: Notices of the ente join the decision in a stable (sorted) order
test_decide_notices if {
	extra := {"notices": {
		"I dati del messaggio sono conservati solo per il tempo necessario.",
		"Gli orari di presidio sono dal lunedì al venerdì.",
	}}
	d := decision.decide(set(), extra) with input as inp("private_message", 0)
	d.notices == [
		"Gli orari di presidio sono dal lunedì al venerdì.",
		"I dati del messaggio sono conservati solo per il tempo necessario.",
	]
	d.outcome == "allow"
}

# METADATA
# title: Notices stay when a rule is broken (they are not replies)
test_decide_notices_with_violation if {
	d := decision.decide({v("offensive_language", true)}, {"notices": {"Avviso"}}) with input as inp("comment", 0)
	d.outcome == "remove"
	d.notices == ["Avviso"]
}

# METADATA
# title: No notices, or an empty set or list of them, leave no notices field; given notices come sorted
test_decide_no_notices if {
	every extra in [{}, {"notices": set()}, {"notices": []}] {
		d := decision.decide(set(), extra) with input as inp("comment", 0)
		not d.notices
		object.keys(d) == {"outcome", "actions", "violations", "review", "author", "history"}
	}
	decision.notices({}) == {}
	decision.notices({"notices": {"b", "a"}}) == {"notices": ["a", "b"]}
	decision.notices({"notices": ["b", "a"]}) == {"notices": ["a", "b"]}
}

# METADATA
# title: On a channel the ente does not manage there are no notices either
test_decide_not_managed_no_notices if {
	d := decision.decide(set(), {"outcomes": {"not_managed"}, "notices": {"Avviso"}}) with input as inp("comment", 0)
	d.outcome == "not_managed"
	not d.notices
}

# --- small helpers -----------------------------------------------------------

# METADATA
# title: A person must act on review, or when the ente asks and the content breaks no rule
test_review_required if {
	decision.review_required("review", false, false)
	decision.review_required("review", true, true)
	decision.review_required("allow", true, false)
	not decision.review_required("allow", true, true)
	not decision.review_required("hide", false, false)
}

# METADATA
# title: The ente's reply and its reply actions go only to content that is not silenced
test_reply_and_replies_of if {
	extra := {"reply": {"visibility": "public", "text": "Grazie"}, "actions": {{"type": "reply"}, {"type": "forward_to_office", "office": "URP"}}}
	decision.reply(extra, false) == {"reply": {"visibility": "public", "text": "Grazie"}}
	decision.reply(extra, true) == {}
	decision.reply({}, false) == {}
	decision.replies_of(extra, true) == {{"type": "reply"}}
	decision.replies_of(extra, false) == set()
	decision.replies_of({}, true) == set()
}

# METADATA
# title: Only hide and remove are visibility actions
test_visibility_action if {
	decision.visibility_action("hide") == {{"type": "hide"}}
	decision.visibility_action("remove") == {{"type": "remove"}}
	every o in {"allow", "review", "redirect", "reject", "not_managed"} {
		decision.visibility_action(o) == set()
	}
}

# METADATA
# title: A signal counts from its threshold up, and not when absent
test_signal if {
	decision.signal("toxicity", 0.7) == 0.8 with input.signals as {"toxicity": 0.8}
	decision.signal("toxicity", 0.8) == 0.8 with input.signals as {"toxicity": 0.8}
	not decision.signal("toxicity", 0.9) with input.signals as {"toxicity": 0.8}
	not decision.signal("insult", 0.1) with input.signals as {"toxicity": 0.8}
	not decision.signal("insult", 0.1) with input as {}
}
