# METADATA
# title: Tests of the Unione dei Comuni Valdichiana Senese's policy
# description: >-
#   What the Social Media Policy of the Union and of its adopting Comuni
#   decides for comments, replies, staff posts, private messages and reports,
#   rule by rule, with the clause each decision cites. mk builds the input the
#   engine would: words become tokens and phrases, overrides are merged over
#   sane defaults (a citizen's comment on facebook, on Monday 23 November
#   2026 at 10:15, with no history).
package galateo.enti.valdichiana_senese_test

import data.galateo.lib.params
import data.galateo.lib.standard as union
import data.galateo.lib.testinput
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: Input builder
# description: >-
#   The shared builder (lib/testinput_test.rego) with this ente's defaults;
#   overrides are merged over them, recursively (object.union).
mk(words, overrides) := testinput.mk(words, object.union(defaults, overrides))

# METADATA
# title: This ente's defaults over the shared builder's
defaults := {
	"ente": "valdichiana_senese",
	"channel": {"platform": "facebook", "account": "unionecomunivaldichianasenese"},
	"content": {"id": "123_456"},
	"author": {"id": "fb:998877"},
	"facts": {"schedule": {"staffed_now": true, "next_staffed": null, "due": "2026-11-25T12:45:03+01:00"}},
}

# METADATA
# title: A personal-data finding as the engine reports it
pii(kind, validated, domains) := {"kind": kind, "start": 10, "end": 30, "validated": validated, "domain_suffixes": domains}

# METADATA
# title: A decision's actions as a set
acts(d) := {a | some a in d.actions}

# METADATA
# title: A decision's rules
rules(d) := {v.rule | some v in d.violations}

# METADATA
# title: The section of every rule on content
section := "Regole di utilizzo"

# METADATA
# title: The clause each rule cites (its METADATA), from the policy document
clauses := {
	"insulti_volgarita": {"section": section, "quote": "insulti, volgarità, offese"},
	"offese_discriminatorie": {"section": section, "quote": "insulti, volgarità, offese"},
	"offese_persone": {"section": section, "quote": "insulti, volgarità, offese"},
	"minacce_violenza": {"section": section, "quote": "minacce e, in generale, atteggiamenti violenti"},
	"correttezza_misura": {"section": section, "quote": "con correttezza e misura"},
	"dati_di_fatto": {"section": section, "quote": "basandosi per quanto possibile su dati di fatto verificabili"},
	"privacy_persone": {"section": section, "quote": "rispettare sempre la privacy delle persone"},
	"sfera_personale_terzi": {"section": section, "quote": "ledano la sfera personale di terzi"},
	"casi_personali": {"section": section, "quote": "per affrontare casi personali"},
	"tema_specifico": {"section": section, "quote": "evitando di allargare il confronto in modo generico"},
	"pubblicita_spam": {"section": section, "quote": "alcuna forma di pubblicità, spam o promozione di interessi privati"},
	"attivita_illegali": {"section": section, "quote": "promozione di interessi privati o di attività illegali"},
	"diritto_autore": {"section": section, "quote": "contenuti che violino il diritto d'autore"},
	"marchi_registrati": {"section": section, "quote": "utilizzo non autorizzato di marchi registrati"},
}

# METADATA
# title: A link to a shop, another site than the Union's
shop_link := testinput.link("https://negozio.example.com/offerte", "negozio.example.com", 15)

# METADATA
# title: The Comuni that adopt the Union's policy, among the enti loaded with it
# description: >-
#   All five when the whole policies folder is tested; none in the Union's own
#   revision, which carries no member's data; one in a member's revision.
members := {id | some id, e in data.enti; e.adopts == "valdichiana_senese"}

# METADATA
# title: A staff post
post := {"content": {"kind": "post"}, "author": {"role": "staff", "office": "Ufficio Associato Comunicazione"}}

# METADATA
# title: The notice on response times
response_times := data.enti.valdichiana_senese.notices.response_times

# --- nothing wrong -----------------------------------------------------------

# METADATA
# title: A civil comment is allowed, with nothing to do
test_clean_comment if {
	d := union.decision with input as mk(["bella", "iniziativa", "per", "la", "festa", "del", "bruscello"], {})
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
# title: Every social network counts as managed; the web site is not covered by the policy
test_channels if {
	every p in ["facebook", "instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "other"] {
		union.decision.outcome == "allow" with input as mk(["buongiorno"], {"channel": {"platform": p}})
	}
	d := union.decision with input as mk(["sei", "un", "idiota"], {"channel": {"platform": "website"}})
	d == {
		"outcome": "not_managed",
		"actions": [],
		"violations": [],
		"review": {"required": false},
		"author": {"violations": 0, "blocked": false},
		"history": {"violation": false, "warning": false, "block": false},
	}
}

# METADATA
# title: Harsh criticism, a party's name and a call to vote are allowed (no rule on propaganda)
test_free_opinion if {
	every words in [
		["questa", "giunta", "e", "incompetente", "vergogna"],
		["il", "pd", "e", "fratelli", "d", "italia", "litigano"],
		["domenica", "vota", "per", "rossi"],
	] {
		union.decision.outcome == "allow" with input as mk(words, {})
	}
}

# METADATA
# title: An anonymous author is not a violation (the document has no rule on it)
test_anonymous if {
	d := union.decision with input as mk(["buongiorno", "a", "tutti"], {"author": {"anonymous": true}})
	d.outcome == "allow"
	d.violations == []
}

# --- each rule, with its clause ----------------------------------------------

# METADATA
# title: Each rule gives its category, outcome and actions and cites its clause
test_rules if {
	cases := {
		"insult": {
			"words": ["sei", "un", "idiota"], "over": {},
			"rule": "insulti_volgarita", "category": "offensive_language",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"blasphemy": {
			"words": ["porco", "dio", "che", "traffico"], "over": {},
			"rule": "insulti_volgarita", "category": "offensive_language",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"lieve insult": {
			"words": ["sei", "un", "buffone"], "over": {},
			"rule": "insulti_volgarita", "category": "offensive_language",
			"outcome": "review", "actions": set(),
		},
		"slur": {
			"words": ["sporco", "negro"], "over": {},
			"rule": "offese_discriminatorie", "category": "discrimination",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}},
		},
		"accusation": {
			"words": ["siete", "tutti", "ladri"], "over": {},
			"rule": "offese_persone", "category": "defamation",
			"outcome": "review", "actions": set(),
		},
		"defamation signal": {
			"words": ["ciao"], "over": {"signals": {"defamation": 0.93}},
			"rule": "offese_persone", "category": "defamation",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"threat": {
			"words": ["io", "ti", "ammazzo"], "over": {},
			"rule": "minacce_violenza", "category": "threat",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}},
		},
		"violence signal": {
			"words": ["ciao"], "over": {"signals": {"violence": 0.95}},
			"rule": "minacce_violenza", "category": "threat",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}},
		},
		"shouting": {
			"words": ["VERGOGNA", "VERGOGNA", "VERGOGNA"], "over": {"facts": {"form": {"caps_ratio": 1}}},
			"rule": "correttezza_misura", "category": "flooding",
			"outcome": "review", "actions": set(),
		},
		"misinformation, certain": {
			"words": ["ciao"], "over": {"signals": {"misinformation": 0.95}},
			"rule": "dati_di_fatto", "category": "misinformation",
			"outcome": "review", "actions": set(),
		},
		"phone number": {
			"words": ["chiamate", "mario"], "over": {"facts": {"pii": [pii("phone", false, [])]}},
			"rule": "privacy_persone", "category": "personal_data",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"health of a third party": {
			"words": ["quello", "e", "sieropositivo"], "over": {},
			"rule": "sfera_personale_terzi", "category": "personal_data",
			"outcome": "review", "actions": set(),
		},
		"personal case": {
			"words": ["la", "mia", "pratica", "e", "ferma"], "over": {},
			"rule": "casi_personali", "category": "personal_case",
			"outcome": "review", "actions": set(),
		},
		"personal case, certain": {
			"words": ["ciao"], "over": {"signals": {"personal_case": 0.95}},
			"rule": "casi_personali", "category": "personal_case",
			"outcome": "review", "actions": set(),
		},
		"off topic, client": {
			"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.05}},
			"rule": "tema_specifico", "category": "off_topic",
			"outcome": "review", "actions": set(),
		},
		"advertising": {
			"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}},
			"rule": "pubblicita_spam", "category": "advertising_spam",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}},
		},
		"advertising words alone": {
			"words": ["grande", "offerta"], "over": {},
			"rule": "pubblicita_spam", "category": "advertising_spam",
			"outcome": "review", "actions": set(),
		},
		"drug dealing": {
			"words": ["spaccio", "ai", "giardini"], "over": {},
			"rule": "attivita_illegali", "category": "illegal_activity",
			"outcome": "review", "actions": set(),
		},
		"illegal signal": {
			"words": ["ciao"], "over": {"signals": {"illegal": 0.95}},
			"rule": "attivita_illegali", "category": "illegal_activity",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}},
		},
		"copyright": {
			"words": ["ciao"], "over": {"signals": {"copyright": 0.95}},
			"rule": "diritto_autore", "category": "copyright_trademark",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"trademark": {
			"words": ["ciao"], "over": {"signals": {"trademark": 0.91}},
			"rule": "marchi_registrati", "category": "copyright_trademark",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
	}
	every name, c in cases {
		print("case:", name)
		d := union.decision with input as mk(c.words, c.over)
		d.outcome == c.outcome
		acts(d) == c.actions
		[v] := d.violations
		v.rule == c.rule
		v.category == c.category
		v.outcome == c.outcome
		v.clause == clauses[c.rule]
	}
}

# METADATA
# title: Classifier scores go to review from 0.7 and remove from 0.9 (data.signals)
test_signal_thresholds if {
	cases := {
		"0.69": {"score": 0.69, "outcome": "allow"},
		"0.7": {"score": 0.7, "outcome": "review"},
		"0.89": {"score": 0.89, "outcome": "review"},
		"0.9": {"score": 0.9, "outcome": "remove"},
	}
	every name, c in cases {
		print("case: toxicity", name)
		union.decision.outcome == c.outcome with input as mk(["ciao"], {"signals": {"toxicity": c.score}})
	}
}

# METADATA
# title: Off topic is only ever sent to a person, by the client's or the engine's similarity
test_off_topic if {
	words := ["il", "mio", "gatto", "mangia", "solo", "crocchette", "al", "salmone"]
	cases := {
		"client says off topic": {"over": {"signals": {"topic_similarity": 0.1}}, "outcome": "review"},
		"client says on topic": {"over": {"signals": {"topic_similarity": 0.5}, "facts": {"topic_similarity": 0}}, "outcome": "allow"},
		"engine finds nothing in common": {"over": {"facts": {"topic_similarity": 0}}, "outcome": "review"},
		"engine finds a shared word": {"over": {"facts": {"topic_similarity": 0.1}}, "outcome": "allow"},
		"no thread, no signal": {"over": {}, "outcome": "allow"},
	}
	every name, c in cases {
		print("case:", name)
		union.decision.outcome == c.outcome with input as mk(words, c.over)
	}
}

# METADATA
# title: The most restrictive outcome wins; a person still reads the uncertain rule
test_most_restrictive if {
	d := union.decision with input as mk(["ladri", "e", "idioti"], {"signals": {"topic_similarity": 0.05}})
	d.outcome == "remove"
	rules(d) == {"offese_persone", "insulti_volgarita", "tema_specifico"}
	d.actions == [{"type": "remove"}]
	d.author == {"violations": 1, "blocked": false}
}

# --- links and contacts ------------------------------------------------------

# METADATA
# title: The Union's own site and addresses are neither advertising contacts nor personal data
test_own_domain if {
	own := testinput.link("https://www.unionecomuni.valdichiana.si.it/bandi", "www.unionecomuni.valdichiana.si.it", 12)
	d := union.decision with input as mk(["offerta", "bando"], {"facts": {"links": [own]}})
	d.outcome == "review"
	rules(d) == {"pubblicita_spam"}

	mail := pii("email", true, ["unionecomuni.valdichiana.si.it", "valdichiana.si.it", "si.it"])
	union.decision.outcome == "allow" with input as mk(["scrivete", "a"], {"facts": {"pii": [mail]}})

	other := pii("email", true, ["gmail.com", "com"])
	union.decision.outcome == "remove" with input as mk(["scrivete", "a"], {"facts": {"pii": [other]}})
}

# --- staff posts -------------------------------------------------------------

# METADATA
# title: A staff post that breaks a rule is rejected, never removed
test_post_rejected if {
	d := union.decision with input as mk(["sei", "un", "idiota"], post)
	d.outcome == "reject"
	d.actions == []

	t := union.decision with input as mk(["io", "ti", "ammazzo"], post)
	t.outcome == "reject"
	acts(t) == {{"type": "report_platform"}, {"type": "escalate"}}

	ok := union.decision with input as mk(["scadenza", "bando", "mensa"], post)
	ok == {"outcome": "allow", "actions": [], "violations": [], "review": {"required": false}, "author": {"violations": 0, "blocked": false}, "history": {"violation": false, "warning": false, "block": false}}
}

# METADATA
# title: A shared post that reads like an ad goes to a person; the same comment is removed
test_post_shared_content if {
	shared := union.decision with input as mk(["ingresso", "gratis", "alla", "sagra"], object.union(post, {"facts": {"links": [shop_link]}}))
	shared.outcome == "review"
	shared.actions == []
	[v] := shared.violations
	v.rule == "pubblicita_spam"
	v.outcome == "review"
	v.clause == clauses.pubblicita_spam

	comment := union.decision with input as mk(["ingresso", "gratis", "alla", "sagra"], {"facts": {"links": [shop_link]}})
	comment.outcome == "remove"
}

# METADATA
# title: An administrator's post is the ente's own content
test_administrator_post if {
	d := union.decision with input as mk(["nuovo", "servizio", "di", "trasporto", "sociale"], {"content": {"kind": "post"}, "author": {"role": "administrator"}})
	d.outcome == "allow"
	d.violations == []
}

# --- requests, reports, private messages -------------------------------------

# METADATA
# title: A public question is answered in public; staff must evaluate it, and response times vary
test_question if {
	d := union.decision with input as mk(["quando", "apre", "il", "bando"], {"facts": {"form": {"question": true}}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "public", "text": data.enti.valdichiana_senese.replies.question}
	d.review.required == true
	d.notices == [response_times]
}

# METADATA
# title: A comment that asks nothing needs no answer
test_no_question if {
	d := union.decision with input as mk(["grazie", "per", "le", "informazioni"], {})
	not d.reply
	not d.notices
	d.review.required == false
}

# METADATA
# title: A private message is answered in private
test_private_message if {
	d := union.decision with input as mk(["buongiorno"], {"content": {"kind": "private_message"}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "private", "text": data.enti.valdichiana_senese.replies.question}
	d.review.required == true
}

# METADATA
# title: Personal data in a private message is not a public disclosure
test_private_message_personal_data if {
	pm := {"content": {"kind": "private_message"}, "facts": {"pii": [pii("codice_fiscale", true, []), pii("phone", false, [])]}}
	d := union.decision with input as mk(["mio", "padre", "e", "sieropositivo"], pm)
	d.outcome == "allow"
	d.violations == []
}

# METADATA
# title: A report is evaluated by a person, never forwarded automatically ("se opportuno")
test_report if {
	d := union.decision with input as mk(["buca", "in", "via", "di", "fuori"], {"content": {"kind": "report"}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "public", "text": data.enti.valdichiana_senese.replies.report}
	d.review.required == true
	d.notices == [response_times]
	d.violations == []
}

# METADATA
# title: A report that breaks a rule gets no reply and no notice
test_report_with_violation if {
	d := union.decision with input as mk(["buca", "idioti"], {"content": {"kind": "report"}})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	not d.reply
	not d.notices
	d.review.required == false
}

# METADATA
# title: A question about the policy or its moderation gets the contact of the Servizio Associato Comunicazione
test_policy_feedback if {
	cases := {
		"word": {"words": ["perche", "questa", "censura"], "kind": "comment"},
		"phrase": {"words": ["dove", "e", "finito", "il", "mio", "commento"], "kind": "comment"},
		"private message": {"words": ["la", "vostra", "policy", "non", "e", "chiara"], "kind": "private_message"},
	}
	every name, c in cases {
		print("case:", name)
		d := union.decision with input as mk(c.words, {"content": {"kind": c.kind}, "facts": {"form": {"question": true}}})
		d.outcome == "allow"
		d.reply.text == data.enti.valdichiana_senese.replies.policy_feedback
		d.notices == sort([response_times, data.enti.valdichiana_senese.notices.policy_feedback])
	}

	# the same words in a comment that asks nothing need no answer
	n := union.decision with input as mk(["perche", "questa", "censura"], {})
	not n.reply
}

# --- repeat offenders --------------------------------------------------------

# METADATA
# title: The third certain violation sends the author away for 30 days and reports them to the platform
test_repeat_offender if {
	d := union.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 2}}})
	d.outcome == "remove"
	acts(d) == {
		{"type": "remove"},
		{"type": "block_author", "until": "2026-12-23T10:15:03+01:00"},
		{"type": "report_platform"},
	}
	d.author == {"violations": 3, "blocked": true}
}

# METADATA
# title: Below the threshold, or when only a person could tell, nobody is sent away
test_not_yet_repeat_offender if {
	d := union.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 1}}})
	d.actions == [{"type": "remove"}]
	d.author == {"violations": 2, "blocked": false}

	r := union.decision with input as mk(["sei", "un", "buffone"], {"facts": {"history": {"violations": 5}}})
	r.actions == []

	# off topic and personal cases go to a person even when certain: they do not count
	o := union.decision with input as mk(["ciao"], {"signals": {"topic_similarity": 0.01}, "facts": {"history": {"violations": 5}}})
	o.actions == []
	o.author == {"violations": 5, "blocked": false}
}

# METADATA
# title: The block ends at the same time of day in Rome, across the change from summer time
test_block_across_dst if {
	d := union.decision with input as mk(["sei", "un", "idiota"], {"now": "2026-10-20T10:15:03+02:00", "facts": {"history": {"violations": 2}}})
	{"type": "block_author", "until": "2026-11-19T10:15:03+01:00"} in d.actions
}

# --- the Comuni that adopt the policy ----------------------------------------

# METADATA
# title: Each member comune applies the Union's rules, with its own name and patron saint's day
test_members_params if {
	every id in members {
		p := params.current with input as mk(["ciao"], {"ente": id})
		p.adopts == "valdichiana_senese"
		p.name == data.enti[id].name
		p.name != data.enti.valdichiana_senese.name
		startswith(p.name, "Comune di ")
		contains(p.policy_title, "Unione dei Comuni Valdichiana Senese")
		p.schedule.patron == data.enti[id].schedule.patron
		p.schedule.hours == data.enti.valdichiana_senese.schedule.hours
		p.categories == data.enti.valdichiana_senese.categories
		p.channels == data.enti.valdichiana_senese.channels
	}
}

# METADATA
# title: A member's data holds only what is its own
test_members_data_only_own if {
	own := {"adopts", "name", "policy_title", "platform_name", "schedule"}
	every id in members {
		{k | some k, _ in data.enti[id]} == own
		{k | some k, _ in data.enti[id].schedule} == {"patron"}
	}
}

# METADATA
# title: Each member decides as the Union does, and its web site is not managed either
# description: >-
#   Decided for the first five members by id: every member differs from
#   another only in data, which test_members_params checks for all, and a
#   folder of a region's member comuni must not make opa test decide
#   thousands of times.
test_members_decide if {
	every id in array.slice(sort(members), 0, 5) {
		d := union.decision with input as mk(["sei", "un", "idiota"], {"ente": id})
		d.outcome == "remove"
		[v] := d.violations
		v.clause == clauses.insulti_volgarita

		q := union.decision with input as mk(["quando", "apre", "la", "biblioteca"], {"ente": id, "facts": {"form": {"question": true}}})
		q.reply.text == data.enti.valdichiana_senese.replies.question

		w := union.decision with input as mk(["buongiorno"], {"ente": id, "channel": {"platform": "website"}})
		w.outcome == "not_managed"
	}
}
