# METADATA
# title: Tests of the template checks
# description: >-
#   Each check against the real lexicon and made-up parameters, so that the
#   checks are tested apart from any ente. Inputs come from the shared
#   builder, lib/testinput_test.rego (testinput.mk).
package galateo.lib.checks_test

import data.galateo.lib.checks
import data.galateo.lib.testinput
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: Parameters of a made-up ente
params := {
	"own_domains": {"comune.esempio.it": true},
	"channels": {"platforms": {"facebook": true, "instagram": true, "linkedin": false}},
	"schedule": {"timezone": "Europe/Rome"},
	"categories": {
		"offensive_language": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
		"personal_data": {"outcome": "remove", "severity": "grave", "actions": ["remove"]},
		"off_topic": {"outcome": "hide", "severity": "lieve", "actions": ["hide"]},
		"flooding": {"outcome": "hide", "severity": "media", "actions": ["hide", "report_platform"]},
		"advertising_spam": {"outcome": "hide", "severity": "media", "actions": ["hide", "report_platform"]},
		"political_propaganda": {"outcome": "hide", "severity": "media", "actions": ["hide"]},
		"fake_account": {"outcome": "hide", "severity": "media", "actions": ["hide", "block_author", "report_platform"]},
	},
	"lexicon": {"certain_severities": {"grave": true, "media": true}},
	"signals": {"certain": 0.9, "review": 0.7},
	"off_topic": {"min_content_words": 6, "max_similarity": 0.0, "signal_below": 0.15},
	"flooding": {"max_repeats": 2, "min_emoji": 25, "shouting_ratio": 0.8, "shouting_min_letters": 20},
	"repeat_offender": {"threshold": 3, "window_days": 90, "block_days": 30},
	"fake_account": {"review_anonymous": false},
}

# METADATA
# title: What rego.metadata.rule() gives a rule
meta := {"title": "Regola", "scope": "rule", "custom": {"rule": "regola", "section": "Sezione", "quote": "citazione"}}

# METADATA
# title: Outcomes of the checks, null when there is no violation
offensive_outcome(signal_names) := v.outcome if {
	v := checks.lexicon_or_signal(meta, "offensive_language", signal_names, params)
} else := null

off_topic_outcome := checks.off_topic(meta, params).outcome

default off_topic_outcome := null

advertising_outcome := checks.advertising(meta, params).outcome

default advertising_outcome := null

# --- lexicon or signal -------------------------------------------------------

# METADATA
# title: A grave or media word is certain; a lieve word goes to review
test_lexicon_word_certainty if {
	cases := {
		"grave": {"words": ["sei", "uno", "stronzo"], "outcome": "remove"},
		"media": {"words": ["che", "idiota"], "outcome": "remove"},
		"lieve": {"words": ["sei", "un", "buffone"], "outcome": "review"},
		"lieve with grave": {"words": ["buffone", "e", "stronzo"], "outcome": "remove"},
	}
	every name, c in cases {
		print("case:", name)
		v := checks.lexicon_or_signal(meta, "offensive_language", {"insult"}, params) with input as testinput.mk(c.words, {})
		v.outcome == c.outcome
		v.category == "offensive_language"
	}
}

# METADATA
# title: The evidence of a word names the term and its span in the text
test_lexicon_evidence if {
	v := checks.lexicon_or_signal(meta, "offensive_language", {"insult"}, params) with input as testinput.mk(["sei", "un", "idiota"], {})
	v.actions == ["remove"]
	v.clause == {"section": "Sezione", "quote": "citazione"}
	[e] := v.evidence
	e.fact == "lexicon"
	e.term == "idiota"
	e.match == "idiota"
	e.severity == "media"
	[e.start, e.end] == [7, 13]
}

# METADATA
# title: Words of another category and clean text give no violation
test_lexicon_other_category if {
	not checks.lexicon_or_signal(meta, "offensive_language", {"insult"}, params) with input as testinput.mk(["ti", "ammazzo"], {})
	not checks.lexicon_or_signal(meta, "offensive_language", {"insult"}, params) with input as testinput.mk(["buongiorno", "a", "tutti"], {})
}

# METADATA
# title: Signals below review do nothing, from review go to review, from certain are certain
test_lexicon_signal_thresholds if {
	cases := {
		"below review": {"score": 0.69, "outcome": null},
		"at review": {"score": 0.7, "outcome": "review"},
		"between": {"score": 0.89, "outcome": "review"},
		"at certain": {"score": 0.9, "outcome": "remove"},
		"above certain": {"score": 1, "outcome": "remove"},
	}
	every name, c in cases {
		print("case:", name)
		got := offensive_outcome({"insult", "toxicity"}) with input as testinput.mk(["buongiorno"], {"signals": {"toxicity": c.score}})
		got == c.outcome
	}
}

# METADATA
# title: A signal's evidence names the signal and its score
test_lexicon_signal_evidence if {
	v := checks.lexicon_or_signal(meta, "offensive_language", {"insult", "toxicity"}, params) with input as testinput.mk(["buongiorno"], {"signals": {"toxicity": 0.75, "insult": 0.3, "spam": 0.99}})
	v.evidence == [{"fact": "signal", "name": "toxicity", "score": 0.75}]
}

# METADATA
# title: Words and signals are weighed together; words left out as quoted speech still let a signal count
test_lexicon_words_and_signals if {
	both := checks.lexicon_or_signal(meta, "offensive_language", {"toxicity"}, params) with input as testinput.mk(["sei", "un", "idiota"], {"signals": {"toxicity": 0.75}})
	{e.fact | some e in both.evidence} == {"lexicon", "signal"}

	quoted := [{"text": "idiota", "norm": "idiota", "keys": ["idiota"], "start": 0, "end": 6, "quoted": true}]
	shielding := object.union(params, {"lexicon": {"shield_quoted": true}})
	not checks.lexicon_or_signal(meta, "offensive_language", {"toxicity"}, shielding) with input as testinput.mk(["idiota"], {"facts": {"tokens": quoted}})
	v := checks.lexicon_or_signal(meta, "offensive_language", {"toxicity"}, shielding) with input as testinput.mk(["idiota"], {"facts": {"tokens": quoted}, "signals": {"toxicity": 0.75}})
	v.evidence == [{"fact": "signal", "name": "toxicity", "score": 0.75}]
	v.outcome == "review"
}

# METADATA
# title: Signals the rule does not name are ignored
test_lexicon_other_signal if {
	not checks.lexicon_or_signal(meta, "offensive_language", {"insult"}, params) with input as testinput.mk(["buongiorno"], {"signals": {"spam": 0.99}})
}

# METADATA
# title: Signals at or above a threshold, as evidence
test_signals if {
	got := checks.signals({"insult", "threat", "spam"}, 0.7) with input as testinput.mk([], {"signals": {"insult": 0.7, "threat": 0.2, "toxicity": 0.95}})
	got == {{"fact": "signal", "name": "insult", "score": 0.7}}
	checks.signals({"insult"}, 0.7) == set() with input as testinput.mk([], {})
}

# --- personal data -----------------------------------------------------------

# METADATA
# title: A personal-data finding as the engine reports it
pii(kind, validated, domains) := {"kind": kind, "start": 10, "end": 30, "validated": validated, "domain_suffixes": domains}

# METADATA
# title: E-mail, phone and validated codes are certain; a failed checksum goes to review
test_personal_data_certainty if {
	cases := {
		"email": {"pii": [pii("email", false, ["gmail.com", "com"])], "outcome": "remove"},
		"phone": {"pii": [pii("phone", false, [])], "outcome": "remove"},
		"valid codice fiscale": {"pii": [pii("codice_fiscale", true, [])], "outcome": "remove"},
		"valid iban": {"pii": [pii("iban", true, [])], "outcome": "remove"},
		"bad codice fiscale": {"pii": [pii("codice_fiscale", false, [])], "outcome": "review"},
		"bad and good": {"pii": [pii("partita_iva", false, []), pii("iban", true, [])], "outcome": "remove"},
		"identity card": {"pii": [pii("cie", false, [])], "outcome": "remove"},
		"plate": {"pii": [pii("plate", false, [])], "outcome": "review"},
		"street address": {"pii": [pii("address", false, [])], "outcome": "review"},
	}
	every name, c in cases {
		print("case:", name)
		v := checks.personal_data(meta, params) with input as testinput.mk(["scrivete", "a"], {"facts": {"pii": c.pii}})
		v.outcome == c.outcome
		v.category == "personal_data"
	}
}

# METADATA
# title: The evidence names kind and span, never the data
test_personal_data_evidence if {
	v := checks.personal_data(meta, params) with input as testinput.mk(["x"], {"facts": {"pii": [pii("email", true, ["gmail.com", "com"])]}})
	v.evidence == [{"fact": "personal_data", "kind": "email", "start": 10, "end": 30, "validated": true}]
}

# METADATA
# title: Addresses of the ente's own domains are not personal data
test_personal_data_own_email if {
	own := pii("email", false, ["urp.comune.esempio.it", "comune.esempio.it", "esempio.it", "it"])
	not checks.personal_data(meta, params) with input as testinput.mk(["x"], {"facts": {"pii": [own]}})

	v := checks.personal_data(meta, params) with input as testinput.mk(["x"], {"facts": {"pii": [own, pii("phone", false, [])]}})
	[e] := v.evidence
	e.kind == "phone"
}

# METADATA
# title: Only public content is checked for personal data
test_personal_data_public_only if {
	data_ := {"facts": {"pii": [pii("phone", false, [])]}}
	every kind in {"comment", "reply", "post"} {
		checks.personal_data(meta, params) with input as testinput.mk(["x"], object.union(data_, {"content": {"kind": kind}}))
	}
	every kind in {"private_message", "report"} {
		not checks.personal_data(meta, params) with input as testinput.mk(["x"], object.union(data_, {"content": {"kind": kind}}))
	}
}

# METADATA
# title: A person's name alone is not personal data to remove
test_personal_data_ignores_names if {
	name := object.union(pii("person_name", false, []), {"start": 0, "end": 9})
	not checks.personal_data(meta, params) with input as testinput.mk(["x"], {"facts": {"pii": [name]}})

	v := checks.personal_data(meta, params) with input as testinput.mk(["x"], {"facts": {"pii": [name, pii("phone", false, [])]}})
	[e] := v.evidence
	e.kind == "phone"
}

# --- special-category data about a named person ------------------------------

# METADATA
# title: Words of "il signor Paolini è malato di Parkinson", a name at 10-17 and a health phrase at 20-29
paolini := ["il", "signor", "Paolini", "è", "malato", "di", "Parkinson"]

# METADATA
# title: The engine's facts for paolini, in one sentence or two
paolini_facts(sentences) := {"facts": {
	"pii": [{"kind": "person_name", "start": 10, "end": 17, "validated": false, "domain_suffixes": [], "digits": ""}],
	"sentences": sentences,
}}

# METADATA
# title: Health data of a named person in one sentence; evidence without the data
test_special_category if {
	v := checks.special_category(meta, params) with input as testinput.mk(paolini, paolini_facts([[0, 39]]))
	v.category == "personal_data"
	v.outcome == "review"
	v.evidence == [{"fact": "special_category", "ground": "salute", "start": 20, "end": 29, "person": {"start": 10, "end": 17}}]
}

# METADATA
# title: Certain where the ente's data says so
test_special_category_certain if {
	sure := object.union(params, {"personal_data": {"named_special_category_certain": true}})
	v := checks.special_category(meta, sure) with input as testinput.mk(paolini, paolini_facts([[0, 39]]))
	v.outcome == "remove"
	v.actions == ["remove"]
}

# METADATA
# title: No disclosure without a name in the same sentence, a ground, or in private
test_special_category_negatives if {
	# the name and the phrase in two sentences
	not checks.special_category(meta, params) with input as testinput.mk(paolini, paolini_facts([[0, 17], [18, 39]]))

	# no name
	not checks.special_category(meta, params) with input as testinput.mk(paolini, {"facts": {"sentences": [[0, 39]]}})

	# a personal_data word without a ground
	not checks.special_category(meta, params) with input as testinput.mk(paolini, paolini_facts([[0, 39]]))
		with data.lexicon.terms as {"malato di": {"category": "personal_data", "severity": "lieve"}}

	# a private message is not public
	not checks.special_category(meta, params) with input as testinput.mk(paolini, object.union(paolini_facts([[0, 39]]), {"content": {"kind": "private_message"}}))
}

# METADATA
# title: A first name after a determiner and a neighbour word is a named person
test_special_category_relation_names if {
	words := ["la", "vicina", "Maria", "e", "sieropositiva"]
	v := checks.special_category(meta, params) with input as testinput.mk(words, {"facts": {"sentences": [[0, 31]]}})
	v.evidence == [{"fact": "special_category", "ground": "salute", "start": 18, "end": 31, "person": {"start": 10, "end": 15}}]

	# without a determiner "vicino" is a place: "abito vicino Massa"
	place := ["abito", "vicino", "Massa", "e", "sono", "sieropositiva"]
	not checks.special_category(meta, params) with input as testinput.mk(place, {"facts": {"sentences": [[0, 40]]}})

	# a lower-case word after the neighbour word is no name
	lower := ["la", "vicina", "maria", "e", "sieropositiva"]
	not checks.special_category(meta, params) with input as testinput.mk(lower, {"facts": {"sentences": [[0, 31]]}})
}

# --- emergencies -------------------------------------------------------------

# METADATA
# title: The emergencies of folded words, all in one sentence unless told
emergencies_of(words, sentences) := hits if {
	hits := checks.emergencies with input as testinput.mk(words, {"facts": {"sentences": sentences}})
}

# METADATA
# title: One sentence over all the words
whole(words) := [[0, count(concat(" ", words))]]

# METADATA
# title: A hazard and a cue of here and now in one sentence make an emergency
test_emergency_composed if {
	cases := {
		"fire in a street": {"words": ["c", "e", "un", "incendio", "in", "via", "Roma"], "lemma": "incendio", "cue": "c e"},
		"a wall on the road": {"words": ["e", "crollato", "un", "muro", "sulla", "strada"], "lemma": "crollo", "cue": "sulla strada"},
		"a man with a weapon": {"words": ["un", "uomo", "armato", "davanti", "alla", "scuola"], "lemma": "arma", "cue": "davanti"},
		"two hazards": {"words": ["mia", "nonna", "e", "caduta", "e", "non", "risponde", "piu"], "lemma": "caduta", "cue": "non risponde piu"},
	}
	every c in [x | some x in cases] {
		hits := emergencies_of(c.words, whole(c.words))
		some h in hits
		h.lemma == c.lemma
		h.severity == "media"
		h.cue.match == c.cue
	}
}

# METADATA
# title: No emergency from a hazard alone, a shielded hazard, or parts in two sentences
test_emergency_not_composed if {
	alone := ["un", "uomo", "armato"]
	count(emergencies_of(alone, whole(alone))) == 0

	firemen := ["ci", "sono", "i", "vigili", "del", "fuoco", "in", "piazza"]
	count(emergencies_of(firemen, whole(firemen))) == 0

	apart := ["armato", "oggi", "davanti", "scuola"]
	count(emergencies_of(apart, [[0, 6], [7, 28]])) == 0
}

# METADATA
# title: The past, a drill or a hypothesis make an emergency term lieve and undo a composition
test_emergency_not_now if {
	past := ["sta", "andando", "a", "fuoco", "come", "l", "anno", "scorso"]
	hits := emergencies_of(past, whole(past))
	count(hits) > 0
	every h in hits {
		h.severity == "lieve"
	}

	drill := ["c", "e", "un", "incendio", "esercitazione", "in", "piazza"]
	every h in emergencies_of(drill, whole(drill)) {
		h.severity == "lieve"
	}

	wish := ["andrebbe", "dato", "alle", "fiamme", "con", "quelli", "che", "ci", "stanno"]
	count(emergencies_of(wish, whole(wish))) == 0

	# a cue of the past in another sentence leaves the emergency certain
	now := ["c", "e", "un", "incendio", "in", "via", "Roma", "ieri"]
	some h in emergencies_of(now, [[0, 26], [27, 31]])
	h.severity == "media"
}

# --- off topic ---------------------------------------------------------------

# METADATA
# title: A comment long enough for the engine's similarity to count
words8 := ["il", "mio", "gatto", "mangia", "solo", "crocchette", "al", "salmone"]

# METADATA
# title: Off topic by the client's signal (certain) or the engine's similarity (review)
test_off_topic if {
	cases := {
		"signal below threshold": {"over": {"signals": {"topic_similarity": 0.1}}, "outcome": "hide"},
		"signal zero": {"over": {"signals": {"topic_similarity": 0}}, "outcome": "hide"},
		"signal at threshold": {"over": {"signals": {"topic_similarity": 0.15}}, "outcome": null},
		"signal overrides engine": {"over": {"signals": {"topic_similarity": 0.5}, "facts": {"topic_similarity": 0}}, "outcome": null},
		"signal wins over engine": {"over": {"signals": {"topic_similarity": 0.05}, "facts": {"topic_similarity": 0.9}}, "outcome": "hide"},
		"engine nothing in common": {"over": {"facts": {"topic_similarity": 0}}, "outcome": "review"},
		"engine some overlap": {"over": {"facts": {"topic_similarity": 0.2}}, "outcome": null},
		"engine short comment": {"over": {"facts": {"topic_similarity": 0, "content_words": 5}}, "outcome": null},
		"engine just long enough": {"over": {"facts": {"topic_similarity": 0, "content_words": 6}}, "outcome": "review"},
		"no thread": {"over": {}, "outcome": null},
		"post": {"over": {"content": {"kind": "post"}, "signals": {"topic_similarity": 0}}, "outcome": null},
		"private message": {"over": {"content": {"kind": "private_message"}, "facts": {"topic_similarity": 0}}, "outcome": null},
		"reply": {"over": {"content": {"kind": "reply"}, "facts": {"topic_similarity": 0}}, "outcome": "review"},
	}
	every name, c in cases {
		print("case:", name)
		got := off_topic_outcome with input as testinput.mk(words8, c.over)
		got == c.outcome
	}
}

# METADATA
# title: Off-topic evidence says which similarity decided
test_off_topic_evidence if {
	s := checks.off_topic(meta, params) with input as testinput.mk(words8, {"signals": {"topic_similarity": 0.1}})
	s.evidence == [{"fact": "signal", "name": "topic_similarity", "score": 0.1}]
	s.actions == ["hide"]
	e := checks.off_topic(meta, params) with input as testinput.mk(words8, {"facts": {"topic_similarity": 0}})
	e.evidence == [{"fact": "topic_similarity", "score": 0}]
	e.actions == []
}

# METADATA
# title: A topic field shared with the post, or a reaction to it, is on topic
test_off_topic_related if {
	over := {"facts": {"topic_similarity": 0}}
	cases := {
		"a field of the post": {"words": ["la", "pasta", "era", "scotta", "anche", "ieri"], "thread": "Mense scolastiche: cambia il menù", "outcome": null},
		"accents of the post folded": {"words": ["il", "cuoco", "era", "nuovo", "anche", "ieri"], "thread": "Il nuovo MENÙ è online", "outcome": null},
		"no field of the post": {"words": ["la", "partita", "di", "ieri", "sera", "vergognosa", "arbitro", "venduto"], "thread": "Mense scolastiche: cambia il menù", "outcome": "review"},
		"a reaction to any post": {"words": ["complimenti", "alla", "squadra", "arbitro", "partita", "sera"], "thread": "Mense scolastiche: cambia il menù", "outcome": null},
	}
	every name, c in cases {
		print("case:", name)
		input_over := object.union(over, {"content": {"thread": {"id": "1", "text": c.thread}}})
		got := off_topic_outcome with input as testinput.mk(c.words, input_over)
		got == c.outcome
	}
}

# METADATA
# title: A question needs min_question_words, other comments min_content_words
test_off_topic_question if {
	q := object.union(params, {"off_topic": {"min_question_words": 3}})
	short := {"facts": {"topic_similarity": 0, "content_words": 3}}
	not checks.off_topic(meta, q) with input as testinput.mk(words8, short)
	v := checks.off_topic(meta, q) with input as testinput.mk(words8, object.union(short, {"facts": {"form": {"question": true}}}))
	v.outcome == "review"

	# without min_question_words a question needs as many words as any comment
	not checks.off_topic(meta, params) with input as testinput.mk(words8, object.union(short, {"facts": {"form": {"question": true}}}))
}

# METADATA
# title: The engine abstains where a removing rule or an emergency has evidence, not for advertising
test_off_topic_abstains if {
	over := {"facts": {"topic_similarity": 0}}
	insult := ["il", "gatto", "del", "vicino", "e", "uno", "stronzo", "vero"]
	not checks.off_topic(meta, params) with input as testinput.mk(insult, over)

	phone := object.union(over, {"facts": {"pii": [{"kind": "phone", "start": 0, "end": 3, "validated": false, "domain_suffixes": [], "digits": "333"}]}})
	not checks.off_topic(meta, params) with input as testinput.mk(words8, phone)

	# a named person alone is no evidence of another rule
	name := object.union(over, {"facts": {"pii": [{"kind": "person_name", "start": 0, "end": 3, "validated": false, "domain_suffixes": [], "digits": ""}]}})
	checks.off_topic(meta, params) with input as testinput.mk(words8, name)

	fire := ["c", "e", "un", "incendio", "in", "via", "Roma", "capannone"]
	not checks.off_topic(meta, params) with input as testinput.mk(fire, object.union(over, {"facts": {"sentences": [[0, 35]]}}))

	# advertising is off topic by nature, also where the ente removes it
	removes_ads := object.union(params, {"categories": {"advertising_spam": {"outcome": "remove", "severity": "media", "actions": ["remove"]}}})
	ad := ["offerta", "imperdibile", "scarpe", "nuove", "negozio", "centro"]
	checks.off_topic(meta, removes_ads) with input as testinput.mk(ad, over)
}

# --- flooding ----------------------------------------------------------------

# METADATA
# title: Repeated text from the threshold of earlier copies up
test_repeated if {
	v := checks.repeated(meta, params) with input as testinput.mk(["ciao"], {"facts": {"repetition": {"count": 2}}})
	v.outcome == "hide"
	v.actions == ["hide", "report_platform"]
	v.evidence == [{"fact": "repetition", "count": 2}]
	not checks.repeated(meta, params) with input as testinput.mk(["ciao"], {"facts": {"repetition": {"count": 1}}})
}

# METADATA
# title: Repetition is flooding in a discussion only
test_repeated_kinds if {
	cases := {
		"comment": {"over": {}, "flooding": true},
		"reply": {"over": {"content": {"kind": "reply"}}, "flooding": true},
		"citizen's post": {"over": {"content": {"kind": "post"}}, "flooding": true},
		"staff post": {"over": {"content": {"kind": "post"}, "author": {"role": "staff"}}, "flooding": false},
		"private message": {"over": {"content": {"kind": "private_message"}}, "flooding": false},
		"report": {"over": {"content": {"kind": "report"}}, "flooding": false},
	}
	every name, c in cases {
		print("case:", name)
		got := count([v | v := checks.repeated(meta, params)]) == 1 with input as testinput.mk(["ciao"], object.union(c.over, {"facts": {"repetition": {"count": 3}}}))
		got == c.flooding
	}
}

# METADATA
# title: A wall of emoji from the ente's minimum up
test_emoji_flood if {
	v := checks.emoji_flood(meta, params) with input as testinput.mk([], {"facts": {"form": {"emoji": 25}}})
	v.outcome == "hide"
	v.evidence == [{"fact": "emoji", "count": 25}]
	not checks.emoji_flood(meta, params) with input as testinput.mk([], {"facts": {"form": {"emoji": 24}}})
}

# METADATA
# title: Shouting goes to review, only for long enough texts
test_shouting if {
	v := checks.shouting(meta, params) with input as testinput.mk([], {"facts": {"form": {"letters": 20, "caps_ratio": 0.8}}})
	v.outcome == "review"
	v.category == "flooding"
	v.evidence == [{"fact": "caps_ratio", "score": 0.8}]
	not checks.shouting(meta, params) with input as testinput.mk([], {"facts": {"form": {"letters": 19, "caps_ratio": 1}}})
	not checks.shouting(meta, params) with input as testinput.mk([], {"facts": {"form": {"letters": 200, "caps_ratio": 0.79}}})
}

# --- links and advertising ---------------------------------------------------

# METADATA
# title: Links to the ente's own site, to a shop and through a shortener
own_link := testinput.link("https://www.comune.esempio.it/tari", "www.comune.esempio.it", 20)

shop_link := testinput.link("https://negozio.example.com/offerte", "negozio.example.com", 20)

short_link := testinput.link("https://bit.ly/3xYz", "bit.ly", 20)

# METADATA
# title: Links to the ente's own domains are not external; shorteners are found by domain
test_links if {
	req := testinput.mk(["x"], {"facts": {"links": [own_link, shop_link, short_link]}})
	got := checks.external_links(params) with input as req
	{l.match | some l in got} == {shop_link.url, short_link.url}
	checks.shortener_links == [{"fact": "shortener", "match": short_link.url, "start": 20, "end": 39}] with input as req
	checks.own_link(own_link, params)
	not checks.own_link(shop_link, params)
}

# METADATA
# title: Advertising is certain only with a contact or a certain spam signal
test_advertising if {
	cases := {
		"word and external link": {"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}}, "outcome": "hide"},
		"word and phone": {"words": ["vendo", "bici"], "over": {"facts": {"pii": [pii("phone", false, [])]}}, "outcome": "hide"},
		"word and own link": {"words": ["sconto", "tari"], "over": {"facts": {"links": [own_link]}}, "outcome": "review"},
		"word and e-mail": {"words": ["vendo", "bici"], "over": {"facts": {"pii": [pii("email", false, ["gmail.com", "com"])]}}, "outcome": "review"},
		"word alone": {"words": ["grande", "offerta"], "over": {}, "outcome": "review"},
		"phrase and link": {"words": ["clicca", "qui"], "over": {"facts": {"links": [shop_link]}}, "outcome": "hide"},
		"shortener alone": {"words": ["guardate"], "over": {"facts": {"links": [short_link]}}, "outcome": "review"},
		"external link alone": {"words": ["guardate"], "over": {"facts": {"links": [shop_link]}}, "outcome": null},
		"spam signal certain": {"words": ["ciao"], "over": {"signals": {"spam": 0.95}}, "outcome": "hide"},
		"spam signal review": {"words": ["ciao"], "over": {"signals": {"spam": 0.75}}, "outcome": "review"},
		"spam signal low": {"words": ["ciao"], "over": {"signals": {"spam": 0.5}}, "outcome": null},
		"nothing": {"words": ["ciao"], "over": {}, "outcome": null},
	}
	every name, c in cases {
		print("case:", name)
		got := advertising_outcome with input as testinput.mk(c.words, c.over)
		got == c.outcome
	}
}

# METADATA
# title: Advertising evidence lists the words, the contact and the shortener
test_advertising_evidence if {
	v := checks.advertising(meta, params) with input as testinput.mk(["offerta"], {"facts": {"links": [short_link]}})
	v.actions == ["hide", "report_platform"]
	{e.fact | some e in v.evidence} == {"lexicon", "link", "shortener"}
	some e in v.evidence
	e.fact == "lexicon"
	e.term == "offerta"
}

# --- propaganda --------------------------------------------------------------

# METADATA
# title: Calls to vote and electoral hashtags are propaganda; naming a party is not
test_propaganda if {
	v := checks.propaganda(meta, params) with input as testinput.mk(["vota", "per", "rossi"], {})
	v.outcome == "hide"
	[e] := v.evidence
	e.term == "vota per"
	[e.start, e.end] == [0, 8]

	h := checks.propaganda(meta, params) with input as testinput.mk(["forza"], {"facts": {"hashtags": [{"tag": "votarossi", "start": 6, "end": 16}]}})
	h.evidence[0].match == "#votarossi"

	not checks.propaganda(meta, params) with input as testinput.mk(["il", "pd", "e", "forza", "italia"], {})
}

# --- fake accounts -----------------------------------------------------------

# METADATA
# title: Fake accounts are certain only on a certain signal, reviewed above the review threshold
test_fake_account_signal if {
	v := checks.fake_account(meta, params) with input as testinput.mk(["ciao"], {"signals": {"fake_account": 0.95}})
	v.outcome == "hide"
	v.actions == ["hide", "block_author", "report_platform"]
	v.evidence == [{"fact": "signal", "name": "fake_account", "score": 0.95}]
	r := checks.fake_account(meta, params) with input as testinput.mk(["ciao"], {"signals": {"fake_account": 0.8}})
	r.outcome == "review"
	r.actions == []
	not checks.fake_account(meta, params) with input as testinput.mk(["ciao"], {"signals": {"fake_account": 0.5}})
}

# METADATA
# title: Anonymous authors without a reason go to review only where the ente says so
test_fake_account_anonymous if {
	anon := {"author": {"anonymous": true, "anonymity_reason": ""}}
	asks := object.union(params, {"fake_account": {"review_anonymous": true}})

	not checks.fake_account(meta, params) with input as testinput.mk(["ciao"], anon)

	v := checks.fake_account(meta, asks) with input as testinput.mk(["ciao"], anon)
	v.outcome == "review"
	v.evidence == [{"fact": "author", "anonymous": true}]

	not checks.fake_account(meta, asks) with input as testinput.mk(["ciao"], {"author": {"anonymous": true, "anonymity_reason": "vittima di violenza"}})
	not checks.fake_account(meta, asks) with input as testinput.mk(["ciao"], {})

	# a certain signal makes it certain, not both
	c := checks.fake_account(meta, asks) with input as testinput.mk(["ciao"], object.union(anon, {"signals": {"fake_account": 0.95}}))
	c.outcome == "hide"
}

# --- channels ----------------------------------------------------------------

# METADATA
# title: A platform the ente does not list, or lists as false, is not managed
test_not_managed if {
	not checks.not_managed(params) with input as testinput.mk([], {})
	checks.not_managed(params) with input as testinput.mk([], {"channel": {"platform": "linkedin"}})
	checks.not_managed(params) with input as testinput.mk([], {"channel": {"platform": "youtube"}})
}

# METADATA
# title: Parameters of an ente that lists its accounts, one of them no longer managed
params_accounts := object.union(params, {"channels": {"accounts": {
	"comune.esempio": true,
	"comune.esempio.eventi": true,
	"vecchia.pagina.esempio": false,
}}})

# METADATA
# title: Whether a channel is not managed, false rather than undefined
is_not_managed(p) if checks.not_managed(p)

default is_not_managed(_) := false

# METADATA
# title: Where the ente lists its accounts, the account must be one of them, on a managed platform
test_not_managed_accounts if {
	cases := {
		"listed account": {"channel": {"platform": "facebook", "account": "comune.esempio"}, "not_managed": false},
		"another listed account": {"channel": {"platform": "instagram", "account": "comune.esempio.eventi"}, "not_managed": false},
		"unlisted account": {"channel": {"platform": "facebook", "account": "fan.club.esempio"}, "not_managed": true},
		"account listed as false": {"channel": {"platform": "facebook", "account": "vecchia.pagina.esempio"}, "not_managed": true},
		"no account (the engine sends it empty)": {"channel": {"platform": "facebook", "account": ""}, "not_managed": true},
		"listed account, unlisted platform": {"channel": {"platform": "youtube", "account": "comune.esempio"}, "not_managed": true},
		"listed account, platform listed as false": {"channel": {"platform": "linkedin", "account": "comune.esempio"}, "not_managed": true},
	}
	every name, c in cases {
		print("case:", name)
		got := is_not_managed(params_accounts) with input as testinput.mk([], {"channel": c.channel})
		got == c.not_managed
	}
}

# METADATA
# title: Where the ente lists no accounts, any account of a managed platform is managed
test_not_managed_without_accounts if {
	every account in {"comune.esempio", "fan.club.esempio", ""} {
		not checks.not_managed(params) with input as testinput.mk([], {"channel": {"platform": "facebook", "account": account}})
	}
	no_account := object.union(object.remove(testinput.mk([], {}), ["channel"]), {"channel": {"platform": "instagram"}})
	not checks.not_managed(params) with input as no_account
}

# --- repeat offenders --------------------------------------------------------

# METADATA
# title: A certain violation and one left to a person
certain_v := {"outcome": "remove"}

review_v := {"outcome": "review"}

# METADATA
# title: A certain violation that reaches the threshold blocks the author and reports to the platform
test_repeat_offender if {
	cases := {
		"reaches threshold": {"past": 2, "vs": {certain_v}, "block": true},
		"beyond threshold": {"past": 7, "vs": {certain_v, review_v}, "block": true},
		"below threshold": {"past": 1, "vs": {certain_v}, "block": false},
		"only to review": {"past": 5, "vs": {review_v}, "block": false},
		"no violation": {"past": 5, "vs": set(), "block": false},
	}
	every name, c in cases {
		print("case:", name)
		got := checks.repeat_offender_actions(c.vs, params) with input as testinput.mk([], {"facts": {"history": {"violations": c.past}}})
		blocked := count(got) > 0
		blocked == c.block
	}
	acts := checks.repeat_offender_actions({certain_v}, params) with input as testinput.mk([], {"facts": {"history": {"violations": 2}}})
	acts == {{"type": "block_author", "until": "2026-12-23T10:15:03+01:00"}, {"type": "report_platform"}}
}

# METADATA
# title: The block ends block_days later, at the same time of day in the ente's zone
test_until if {
	cases := {
		"winter": {"now": "2026-11-23T10:15:03+01:00", "days": 30, "want": "2026-12-23T10:15:03+01:00"},
		"from UTC": {"now": "2026-11-23T09:15:03Z", "days": 90, "want": "2027-02-21T10:15:03+01:00"},
		"new year": {"now": "2026-12-31T23:30:00+01:00", "days": 1, "want": "2027-01-01T23:30:00+01:00"},
		"summer": {"now": "2026-06-10T16:00:00+02:00", "days": 7, "want": "2026-06-17T16:00:00+02:00"},
		"into winter time": {"now": "2026-10-20T10:15:03+02:00", "days": 30, "want": "2026-11-19T10:15:03+01:00"},
		"into summer time": {"now": "2026-03-20T10:15:03+01:00", "days": 30, "want": "2026-04-19T10:15:03+02:00"},
	}
	every name, c in cases {
		print("case:", name)
		got := checks.until(c.days, params) with input.now as c.now
		print("got:", got)
		got == c.want
	}
}

# --- replies -----------------------------------------------------------------

# METADATA
# title: A private message gets a private reply, anything else a public one
test_reply_visibility if {
	checks.reply_visibility == "private" with input as testinput.mk([], {"content": {"kind": "private_message"}})
	every kind in {"comment", "reply", "post", "report"} {
		checks.reply_visibility == "public" with input as testinput.mk([], {"content": {"kind": kind}})
	}
}
