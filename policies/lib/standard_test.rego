# METADATA
# title: Tests of the standard policy template
# description: >-
#   The standard template with made-up enti injected as data.enti: prova, an
#   ente made of data only that cites the clauses of some rules, and
#   prova_membro, which adopts prova's policy and writes its own channels.
#   A small lexicon is injected too, so that these tests do not move with the
#   real lexicon (tested in lexicon_test.rego); most rules are triggered by
#   classifier signals or engine facts. Inputs come from the shared builder (lib/testinput_test.rego).
package galateo.lib.standard_test

import data.galateo.lib.standard
import data.galateo.lib.testinput.mk
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: Every rule of the standard template
rules := {
	"insulti_turpiloquio", "minacce", "discriminazione", "dignita_personale",
	"dati_sensibili", "privacy_terzi", "off_topic", "interventi_ripetuti",
	"disturbo", "trolling", "misura", "pubblicita_spam", "propaganda_elettorale",
	"attivita_illegali", "diritto_autore", "questioni_personali", "disinformazione",
	"account_falsi",
}

# METADATA
# title: The rules prova's document has, and so cites; the others it does not have
cited := {
	"insulti_turpiloquio", "minacce", "dati_sensibili", "off_topic",
	"interventi_ripetuti", "pubblicita_spam", "propaganda_elettorale",
	"questioni_personali", "account_falsi",
}

# METADATA
# title: The clause prova's data cites for a rule
clause(rule) := {"section": "Regole di prova", "quote": concat(" ", ["citazione", rule])}

# METADATA
# title: Reply texts of prova
replies := {
	"question": "Grazie per la domanda: le risponderemo al più presto.",
	"redirect": "Grazie per la segnalazione: la inoltriamo all'URP.",
}

# METADATA
# title: A made-up ente made of data only (template standard)
prova := {
	"name": "Comune di Prova",
	"template": "standard",
	"own_domains": {"comune.prova.it": true},
	"own_phones": {},
	"channels": {"platforms": {"facebook": true, "instagram": true, "linkedin": false}},
	"schedule": {"timezone": "Europe/Rome", "patron": {"date": "06-24", "name": "San Giovanni"}},
	"categories": {
		"offensive_language": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
		"threat": {"outcome": "remove", "severity": "grave", "actions": ["remove", "report_platform", "escalate"]},
		"discrimination": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
		"defamation": {"outcome": "hide", "severity": "media", "actions": ["hide"]},
		"personal_data": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
		"off_topic": {"outcome": "hide", "severity": "lieve", "actions": ["hide"]},
		"flooding": {"outcome": "hide", "severity": "media", "actions": ["hide", "report_platform"]},
		"advertising_spam": {"outcome": "hide", "severity": "media", "actions": ["hide", "report_platform"]},
		"political_propaganda": {"outcome": "hide", "severity": "media", "actions": ["hide"]},
		"illegal_activity": {"outcome": "remove", "severity": "grave", "actions": ["remove", "report_platform", "escalate"]},
		"copyright_trademark": {"outcome": "hide", "severity": "media", "actions": ["hide"]},
		"personal_case": {"outcome": "redirect", "severity": "lieve", "actions": []},
		"misinformation": {"outcome": "hide", "severity": "media", "actions": ["hide"]},
		"fake_account": {"outcome": "hide", "severity": "media", "actions": ["hide", "block_author", "report_platform"]},
	},
	"lexicon": {"certain_severities": {"grave": true, "media": true}},
	"signals": {"certain": 0.9, "review": 0.7},
	"off_topic": {"min_content_words": 6, "max_similarity": 0.0, "signal_below": 0.15},
	"flooding": {"max_repeats": 2, "min_emoji": 25, "shouting_ratio": 0.8, "shouting_min_letters": 20},
	"repeat_offender": {"threshold": 3, "window_days": 90, "block_days": 30},
	"fake_account": {"review_anonymous": false},
	"offices": {"default": "URP"},
	"replies": replies,
	"clauses": {r: clause(r) | some r in cited},
}

# METADATA
# title: A made-up ente that adopts prova's policy, with its own channels and patron saint
prova_membro := {
	"name": "Comune Membro di Prova",
	"adopts": "prova",
	"channels": {
		"platforms": {"instagram": false},
		"accounts": {"comune.membro": true},
	},
	"schedule": {"patron": {"date": "08-10", "name": "San Lorenzo"}},
}

# METADATA
# title: The made-up enti, as data.enti
enti := {"prova": prova, "prova_membro": prova_membro}

# METADATA
# title: prova with the clauses of the given rules only
citing(cites) := {"prova": object.union(object.remove(prova, ["clauses"]), {"clauses": {r: clause(r) | some r in cites}})}

# METADATA
# title: A small lexicon, enough for the rules that need words
lex := {
	"terms": {
		"idiota": {"category": "offensive_language", "severity": "media", "lemma": "idiota"},
		"vota per": {"category": "political_propaganda", "severity": "media", "lemma": "votare per", "kind": "call"},
		"pd": {"category": "political_propaganda", "severity": "lieve", "lemma": "partito democratico", "kind": "party"},
	},
	"hashtags": {},
	"hashtag_prefixes": {},
	"exceptions": {},
	"shorteners": {},
}

# METADATA
# title: The page each made-up ente manages on facebook
account := {"prova": "comune.prova", "prova_membro": "comune.membro"}

# METADATA
# title: A request to an ente on its facebook page; overrides as in mk
at(ente, words, over) := mk(words, object.union(
	{"ente": ente, "channel": {"platform": "facebook", "account": account[ente]}},
	over,
))

# METADATA
# title: The standard template's violations, extra and decision under the given enti
violations_of(e, inp) := vs if {
	vs := standard.violations with input as inp with data.enti as e with data.lexicon as lex
}

extra_of(e, inp, vs) := x if {
	x := standard.extra(vs) with input as inp with data.enti as e with data.lexicon as lex
}

decision_of(e, inp) := d if {
	d := standard.decision with input as inp with data.enti as e with data.lexicon as lex
}

# METADATA
# title: The actions of a decision, as a set
acts(d) := {a | some a in d.actions}

# METADATA
# title: For each rule, a request that breaks it and no other, and what prova's data makes of it
triggers := {
	"insulti_turpiloquio": {"words": ["ciao"], "over": {"signals": {"insult": 0.95}}, "category": "offensive_language", "outcome": "remove"},
	"minacce": {"words": ["ciao"], "over": {"signals": {"threat": 0.95}}, "category": "threat", "outcome": "remove"},
	"discriminazione": {"words": ["ciao"], "over": {"signals": {"identity_attack": 0.95}}, "category": "discrimination", "outcome": "remove"},
	"dignita_personale": {"words": ["ciao"], "over": {"signals": {"defamation": 0.95}}, "category": "defamation", "outcome": "hide"},
	"dati_sensibili": {"words": ["chiamate"], "over": {"facts": {"pii": [{"kind": "phone", "start": 9, "end": 19, "validated": false, "domain_suffixes": [], "digits": "3331234567"}]}}, "category": "personal_data", "outcome": "remove"},
	"privacy_terzi": {"words": ["ciao"], "over": {"signals": {"sensitive_data": 0.95}}, "category": "personal_data", "outcome": "remove"},
	"off_topic": {"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.05}}, "category": "off_topic", "outcome": "hide"},
	"interventi_ripetuti": {"words": ["ciao"], "over": {"facts": {"repetition": {"count": 2}}}, "category": "flooding", "outcome": "hide"},
	"disturbo": {"words": ["ciao"], "over": {"facts": {"form": {"emoji": 30}}}, "category": "flooding", "outcome": "hide"},
	"trolling": {"words": ["ciao"], "over": {"signals": {"trolling": 0.95}}, "category": "flooding", "outcome": "hide"},
	"misura": {"words": ["ciao"], "over": {"facts": {"form": {"letters": 40, "caps_ratio": 0.9}}}, "category": "flooding", "outcome": "review"},
	"pubblicita_spam": {"words": ["ciao"], "over": {"signals": {"spam": 0.95}}, "category": "advertising_spam", "outcome": "hide"},
	"propaganda_elettorale": {"words": ["vota", "per", "rossi"], "over": {}, "category": "political_propaganda", "outcome": "hide"},
	"attivita_illegali": {"words": ["ciao"], "over": {"signals": {"illegal": 0.95}}, "category": "illegal_activity", "outcome": "remove"},
	"diritto_autore": {"words": ["ciao"], "over": {"signals": {"copyright": 0.95}}, "category": "copyright_trademark", "outcome": "hide"},
	"questioni_personali": {"words": ["ciao"], "over": {"signals": {"personal_case": 0.95}}, "category": "personal_case", "outcome": "redirect"},
	"disinformazione": {"words": ["ciao"], "over": {"signals": {"misinformation": 0.95}}, "category": "misinformation", "outcome": "hide"},
	"account_falsi": {"words": ["ciao"], "over": {"signals": {"fake_account": 0.95}}, "category": "fake_account", "outcome": "hide"},
}

# METADATA
# title: The violation a trigger must give, under prova's categories
expected(rule, t) := {
	"rule": rule,
	"category": t.category,
	"outcome": t.outcome,
	"actions": prova.categories[t.category].actions,
	"severity": prova.categories[t.category].severity,
	"clause": clause(rule),
} if t.outcome != "review"

expected(rule, t) := {
	"rule": rule,
	"category": t.category,
	"outcome": "review",
	"actions": [],
	"severity": prova.categories[t.category].severity,
	"clause": clause(rule),
} if t.outcome == "review"

# METADATA
# title: A violation without its title and evidence, to compare with expected
core(v) := object.remove(v, ["title", "evidence"])

# --- which rules apply -------------------------------------------------------

# METADATA
# title: The table of triggers covers every rule, and prova cites only some of them
test_tables_complete if {
	object.keys(triggers) == rules
	cited - rules == set()
	count(cited) < count(rules)
	object.keys(prova.clauses) == cited
}

# METADATA
# title: The rules prova cites fire, alone, with the clause from prova's data and the outcome of its category
test_cited_rules_fire if {
	every rule in cited {
		print("rule:", rule)
		t := triggers[rule]
		vs := violations_of(enti, at("prova", t.words, t.over))
		[v] := [x | some x in vs]
		core(v) == expected(rule, t)
		is_string(v.title)
		v.title != ""
		count(v.evidence) > 0
	}
}

# METADATA
# title: The rules prova does not cite do not fire, and the content is allowed
test_uncited_rules_silent if {
	every rule in rules - cited {
		print("rule:", rule)
		t := triggers[rule]
		violations_of(enti, at("prova", t.words, t.over)) == set()
		d := decision_of(enti, at("prova", t.words, t.over))
		d.outcome == "allow"
		d.actions == []
	}
}

# METADATA
# title: Every rule of the template fires when it is the one rule the data cites
test_every_rule_fires_when_cited if {
	every rule, t in triggers {
		print("rule:", rule)
		vs := violations_of(citing({rule}), at("prova", t.words, t.over))
		[v] := [x | some x in vs]
		core(v) == expected(rule, t)
	}
}

# METADATA
# title: No rule fires when the data cites every rule but that one
test_every_rule_silent_when_not_cited if {
	every rule, t in triggers {
		print("rule:", rule)
		violations_of(citing(rules - {rule}), at("prova", t.words, t.over)) == set()
	}
}

# METADATA
# title: An ente that cites no clause has no rules at all
test_no_clauses_no_rules if {
	e := {"prova": object.remove(prova, ["clauses"])}
	every rule, t in triggers {
		print("rule:", rule)
		violations_of(e, at("prova", t.words, t.over)) == set()
	}
}

# METADATA
# title: Several cited rules fire together; the uncited ones among the same content do not
test_several_rules if {
	inp := at("prova", ["sei", "un", "idiota", "vota", "per", "rossi"], {"signals": {"threat": 0.95, "misinformation": 0.95, "copyright": 0.99}})
	vs := violations_of(enti, inp)
	{[v.rule, v.outcome] | some v in vs} == {["insulti_turpiloquio", "remove"], ["minacce", "remove"], ["propaganda_elettorale", "hide"]}
	d := decision_of(enti, inp)
	d.outcome == "remove"
	acts(d) == {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}}
}

# METADATA
# title: A word of the lexicon is evidence for a cited rule
test_lexicon_word if {
	vs := violations_of(enti, at("prova", ["sei", "un", "idiota"], {}))
	[v] := [x | some x in vs]
	v.rule == "insulti_turpiloquio"
	v.outcome == "remove"
	[e] := v.evidence
	[e.fact, e.term, e.start, e.end] == ["lexicon", "idiota", 7, 13]
}

# METADATA
# title: Personal data and the private sphere of third parties are checked only in public content
test_personal_data_public_only if {
	e := citing(rules)
	over := object.union(triggers.dati_sensibili.over, {"signals": {"sensitive_data": 0.95}})
	every kind in {"comment", "reply", "post"} {
		print("kind:", kind)
		vs := violations_of(e, at("prova", ["chiamate"], object.union(over, {"content": {"kind": kind}})))
		{v.rule | some v in vs} == {"dati_sensibili", "privacy_terzi"}
	}
	every kind in {"private_message", "report"} {
		print("kind:", kind)
		violations_of(e, at("prova", ["chiamate"], object.union(over, {"content": {"kind": kind}}))) == set()
	}

	# other rules apply to private messages too
	pm := violations_of(e, at("prova", ["ciao"], {"content": {"kind": "private_message"}, "signals": {"insult": 0.95}}))
	{v.rule | some v in pm} == {"insulti_turpiloquio"}
}

# --- what the template adds without a violation -----------------------------

# METADATA
# title: A comment with nothing to do adds nothing
test_extra_nothing if {
	extra_of(enti, at("prova", ["buongiorno"], {}), set()) == {"outcomes": set(), "actions": set(), "reply": {}, "review": false, "notices": set()}
	d := decision_of(enti, at("prova", ["buongiorno"], {}))
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
# title: What the template adds to a question or private message
answer_extra(visibility) := {
	"outcomes": set(),
	"actions": {{"type": "reply"}},
	"reply": {"visibility": visibility, "text": replies.question},
	"review": true,
	"notices": set(),
}

# METADATA
# title: What each kind of content asks of the ente, with nothing broken
test_extra_by_kind if {
	question := {"facts": {"form": {"question": true}}}
	redirect := {
		"outcomes": {"redirect"},
		"actions": {{"type": "reply"}, {"type": "forward_to_office", "office": "URP"}},
		"reply": {"visibility": "public", "text": replies.redirect},
		"review": false,
		"notices": set(),
	}
	nothing := {"outcomes": set(), "actions": set(), "reply": {}, "review": false, "notices": set()}
	cases := {
		"report": {"over": {"content": {"kind": "report"}}, "want": redirect},
		"report with a question": {"over": object.union(question, {"content": {"kind": "report"}}), "want": redirect},
		"question in a comment": {"over": question, "want": answer_extra("public")},
		"question in a reply": {"over": object.union(question, {"content": {"kind": "reply"}}), "want": answer_extra("public")},
		"private message": {"over": {"content": {"kind": "private_message"}}, "want": answer_extra("private")},
		"private message with a question": {"over": object.union(question, {"content": {"kind": "private_message"}}), "want": answer_extra("private")},
		"comment": {"over": {}, "want": nothing},
		"question in a staff post": {"over": object.union(question, {"content": {"kind": "post"}}), "want": nothing},
	}
	every name, c in cases {
		print("case:", name)
		got := extra_of(enti, at("prova", ["buongiorno"], c.over), set())
		print("got:", got)
		got == c.want
	}
}

# METADATA
# title: A report is redirected, forwarded to the office and answered
test_decide_report if {
	d := decision_of(enti, at("prova", ["buca", "in", "via", "roma"], {"content": {"kind": "report"}}))
	d.outcome == "redirect"
	acts(d) == {{"type": "reply"}, {"type": "forward_to_office", "office": "URP"}}
	count(d.actions) == 2
	d.reply == {"visibility": "public", "text": replies.redirect}
	d.review.required == false
	d.violations == []
}

# METADATA
# title: A question is answered publicly by a person; a private message privately
test_decide_question if {
	q := decision_of(enti, at("prova", ["quando", "apre", "l'ufficio"], {"facts": {"form": {"question": true}}}))
	q.outcome == "allow"
	q.actions == [{"type": "reply"}]
	q.reply == {"visibility": "public", "text": replies.question}
	q.review.required == true

	pm := decision_of(enti, at("prova", ["buongiorno"], {"content": {"kind": "private_message"}}))
	pm.outcome == "allow"
	pm.actions == [{"type": "reply"}]
	pm.reply == {"visibility": "private", "text": replies.question}
	pm.review.required == true
}

# METADATA
# title: A question that breaks a rule gets no reply, no reply action and no request to answer it
test_decide_question_breaking_rule if {
	q := decision_of(enti, at("prova", ["sei", "un", "idiota"], {"facts": {"form": {"question": true}}}))
	q.outcome == "remove"
	q.actions == [{"type": "remove"}]
	not q.reply
	q.review.required == false

	# left to a person: review, but still no reply
	u := decision_of(enti, at("prova", ["ciao"], {"content": {"kind": "private_message"}, "signals": {"insult": 0.8}}))
	u.outcome == "review"
	u.actions == []
	not u.reply
	u.review.required == true
}

# METADATA
# title: A report that breaks a rule is dealt with by the rule, still forwarded, not answered
test_decide_report_breaking_rule if {
	d := decision_of(enti, at("prova", ["ciao"], {"content": {"kind": "report"}, "signals": {"threat": 0.95}}))
	d.outcome == "remove"
	acts(d) == {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}, {"type": "forward_to_office", "office": "URP"}}
	not d.reply
}

# METADATA
# title: On a platform the ente does not manage (or lists as false) nothing is done, whatever the content
test_decide_not_managed if {
	every platform in {"x", "linkedin"} {
		print("platform:", platform)
		inp := at("prova", ["ciao"], {"channel": {"platform": platform}, "content": {"kind": "report"}, "signals": {"threat": 0.95}, "facts": {"history": {"violations": 5}}})
		extra_of(enti, inp, set()).outcomes == {"not_managed", "redirect"}
		decision_of(enti, inp) == {
			"outcome": "not_managed",
			"actions": [],
			"violations": [],
			"review": {"required": false},
			"author": {"violations": 5, "blocked": false},
			"history": {"violation": false, "warning": false, "block": false},
		}
	}
}

# --- repeat offenders --------------------------------------------------------

# METADATA
# title: A certain violation that reaches prova's threshold blocks the author for its days
test_decide_repeat_offender if {
	cases := {
		"first violations": {"past": 1, "over": {"signals": {"insult": 0.95}}, "blocked": false},
		"reaches threshold": {"past": 2, "over": {"signals": {"insult": 0.95}}, "blocked": true},
		"left to a person": {"past": 6, "over": {"signals": {"insult": 0.8}}, "blocked": false},
		"nothing broken": {"past": 6, "over": {}, "blocked": false},
	}
	every name, c in cases {
		print("case:", name)
		d := decision_of(enti, at("prova", ["ciao"], object.union(c.over, {"facts": {"history": {"violations": c.past}}})))
		d.author.blocked == c.blocked
		dated_block := {"type": "block_author", "until": "2026-12-23T10:15:03+01:00"} in d.actions
		dated_block == c.blocked
		reported := {"type": "report_platform"} in d.actions
		reported == c.blocked
	}
}

# METADATA
# title: A fake account blocked for good gets no dated block on top
test_decide_fake_account_no_dated_block if {
	d := decision_of(enti, at("prova", ["ciao"], {"signals": {"fake_account": 0.95}, "facts": {"history": {"violations": 4}}}))
	d.outcome == "hide"
	d.actions == [{"type": "block_author"}, {"type": "hide"}, {"type": "report_platform"}]
	d.author == {"violations": 5, "blocked": true}
}

# --- an ente that adopts prova -----------------------------------------------

# METADATA
# title: The adopting ente applies prova's rules, clauses and categories
test_member_applies_adopted_rules if {
	d := decision_of(enti, at("prova_membro", ["sei", "un", "idiota"], {}))
	d.outcome == "remove"
	[v] := d.violations
	v.rule == "insulti_turpiloquio"
	v.clause == clause("insulti_turpiloquio")
	v.actions == ["remove"]

	# and, like prova, not the rules prova does not cite
	every rule in rules - cited {
		print("rule:", rule)
		t := triggers[rule]
		violations_of(enti, at("prova_membro", t.words, t.over)) == set()
	}
}

# METADATA
# title: The adopting ente's channels are its own; prova's stay prova's
test_member_channels if {
	cases := {
		"member's page": {"ente": "prova_membro", "channel": {"platform": "facebook", "account": "comune.membro"}, "want": "remove"},
		"prova's page, for the member": {"ente": "prova_membro", "channel": {"platform": "facebook", "account": "comune.prova"}, "want": "not_managed"},
		"instagram, for the member": {"ente": "prova_membro", "channel": {"platform": "instagram", "account": "comune.membro"}, "want": "not_managed"},
		"instagram, for prova": {"ente": "prova", "channel": {"platform": "instagram", "account": "comune.prova"}, "want": "remove"},
		"any facebook page, for prova": {"ente": "prova", "channel": {"platform": "facebook", "account": "comune.membro"}, "want": "remove"},
		"linkedin, for both": {"ente": "prova_membro", "channel": {"platform": "linkedin", "account": "comune.membro"}, "want": "not_managed"},
	}
	every name, c in cases {
		print("case:", name)
		d := decision_of(enti, at(c.ente, ["sei", "un", "idiota"], {"channel": c.channel}))
		d.outcome == c.want
	}
}

# METADATA
# title: The adopting ente answers with prova's texts and offices
test_member_replies if {
	r := decision_of(enti, at("prova_membro", ["buca", "in", "via", "roma"], {"content": {"kind": "report"}}))
	r.outcome == "redirect"
	r.reply == {"visibility": "public", "text": replies.redirect}
	{"type": "forward_to_office", "office": "URP"} in r.actions

	q := decision_of(enti, at("prova_membro", ["buongiorno"], {"content": {"kind": "private_message"}}))
	q.reply == {"visibility": "private", "text": replies.question}
}

# METADATA
# title: The adopting ente's block counts days in prova's zone, which it does not write itself
test_member_block_in_adopted_zone if {
	d := decision_of(enti, at("prova_membro", ["ciao"], {"signals": {"insult": 0.95}, "facts": {"history": {"violations": 2}}, "now": "2026-10-20T10:15:03+02:00"}))
	{"type": "block_author", "until": "2026-11-19T10:15:03+01:00"} in d.actions
	d.author.blocked == true
}

# --- clauses that say what they check ----------------------------------------

# METADATA
# title: prova citing the given clauses only
with_clauses(cl) := {"prova": object.union(object.remove(prova, ["clauses"]), {"clauses": cl})}

# METADATA
# title: A rule of the ente's own, whose clause says what it checks, title included
test_clause_defines_a_rule if {
	e := with_clauses({"offese_gravi": {
		"title": "Offese gravi", "section": "Art. 9", "quote": "offese gravi",
		"check": "lexicon_or_signal", "category": "offensive_language", "signals": ["insult"],
	}})
	vs := violations_of(e, at("prova", ["ciao"], {"signals": {"insult": 0.95}}))
	some v in vs
	v.rule == "offese_gravi"
	v.title == "Offese gravi"
	v.clause == {"section": "Art. 9", "quote": "offese gravi"}
	v.outcome == "remove"
}

# METADATA
# title: A clause overrides what the catalogue says a rule checks
test_clause_overrides_the_catalogue if {
	e := with_clauses({"insulti_turpiloquio": {"section": "Art. 3", "quote": "insulti", "signals": ["insult"]}})
	violations_of(e, at("prova", ["ciao"], {"signals": {"toxicity": 0.95}})) == set()
	{v.rule | some v in violations_of(e, at("prova", ["ciao"], {"signals": {"insult": 0.95}}))} == {"insulti_turpiloquio"}
}

# METADATA
# title: review_on leaves a rule to a person for the kinds it lists
test_review_on if {
	e := with_clauses({"insulti_turpiloquio": {"section": "Art. 3", "quote": "insulti", "review_on": ["post"]}})
	[post] := [v | some v in violations_of(e, at("prova", ["ciao"], {"content": {"kind": "post"}, "signals": {"insult": 0.95}}))]
	post.outcome == "review"
	post.actions == []
	[comment] := [v | some v in violations_of(e, at("prova", ["ciao"], {"signals": {"insult": 0.95}}))]
	comment.outcome == "remove"
}

# METADATA
# title: A rule that yields to another is not reported when the other is cited and broken
test_yields_to if {
	cl := {
		"insulti_turpiloquio": {"section": "Art. 3", "quote": "insulti"},
		"minacce": {"section": "Art. 4", "quote": "minacce", "yields_to": "insulti_turpiloquio"},
	}
	both := {"signals": {"insult": 0.95, "threat": 0.95}}
	{v.rule | some v in violations_of(with_clauses(cl), at("prova", ["ciao"], both))} == {"insulti_turpiloquio"}
	{v.rule | some v in violations_of(with_clauses(cl), at("prova", ["ciao"], {"signals": {"threat": 0.95}}))} == {"minacce"}

	# yielding to a rule the ente does not cite takes nothing away
	alone := {"minacce": cl.minacce}
	{v.rule | some v in violations_of(with_clauses(alone), at("prova", ["ciao"], both))} == {"minacce"}
}

# --- reports evaluated, remarks on the policy, notices ---------------------

# METADATA
# title: An ente that evaluates reports, takes remarks on its policy and adds notices
evaluating := {"prova": object.union(prova, {
	"reports": {"handling": "evaluate"},
	"policy_feedback": {"terms": {"moderazione": true}},
	"replies": {"report": "La valutiamo.", "policy_feedback": "Scriva all'URP."},
	"notices": {"response_times": "I tempi variano.", "policy_feedback": "Riguarda la policy."},
})}

# METADATA
# title: reports.handling evaluate answers a report without redirecting or forwarding it
test_reports_evaluated if {
	d := decision_of(evaluating, at("prova", ["buca", "in", "via", "roma"], {"content": {"kind": "report"}}))
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "public", "text": "La valutiamo."}
	d.review.required == true
	extra_of(evaluating, at("prova", ["buca"], {"content": {"kind": "report"}}), set()).notices == {"I tempi variano."}
}

# METADATA
# title: Content about the policy gets the contact for remarks, and a notice only when it breaks nothing
test_policy_feedback if {
	inp := at("prova", ["la", "moderazione", "mi", "ha", "censurato"], {"content": {"kind": "private_message"}})
	x := extra_of(evaluating, inp, set())
	x.reply == {"visibility": "private", "text": "Scriva all'URP."}
	x.notices == {"I tempi variano.", "Riguarda la policy."}
	extra_of(evaluating, inp, {{"rule": "x"}}).notices == set()
}
