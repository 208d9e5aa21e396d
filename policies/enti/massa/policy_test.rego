# METADATA
# title: Tests of the Comune di Massa's policy
# description: >-
#   What the Social Media Policy esterna del Comune di Massa decides for
#   comments, replies, staff posts, private messages and reports, rule by
#   rule, with the clause each decision cites. mk builds the input the engine
#   would: words become tokens and phrases, overrides are merged over sane
#   defaults (a citizen's comment on facebook, on Monday 23 November 2026 at
#   10:15, with no history).
package galateo.enti.massa_test

import data.galateo.lib.standard as massa
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
	"ente": "massa",
	"channel": {"platform": "facebook", "account": "comune.massa"},
	"content": {"id": "123_456"},
	"author": {"id": "fb:998877"},
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
# title: The section most rules cite
section := "Moderazione e regole di utilizzo"

# METADATA
# title: The clause each rule cites (clauses in data.yaml), from the policy document
clauses := {
	"insulti_turpiloquio": {"section": section, "quote": "insulti, turpiloquio, minacce"},
	"minacce": {"section": section, "quote": "insulti, turpiloquio, minacce"},
	"discriminazione": {"section": section, "quote": "commenti e post discriminatori, offensivi violenti"},
	"dignita_personale": {"section": section, "quote": "atteggiamenti che ledano la dignità personale"},
	"dati_sensibili": {"section": "Moderazione e regole di utilizzo; Privacy", "quote": "i dati sensibili postati in commenti o post pubblici"},
	"dati_sensibili_terzi": {"section": "Moderazione e regole di utilizzo; Privacy", "quote": "i dati sensibili postati in commenti o post pubblici"},
	"privacy_terzi": {"section": section, "quote": "ledano o invadano la sfera personale di terzi"},
	"off_topic": {"section": section, "quote": "palesemente fuori argomento"},
	"interventi_ripetuti": {"section": section, "quote": "interventi inseriti ripetutamente"},
	"disturbo": {"section": section, "quote": "post scritti per disturbare la discussione"},
	"trolling": {"section": section, "quote": `"trolling", "flame"`},
	"misura": {"section": section, "quote": "con correttezza, misura e rispetto delle opinioni altrui"},
	"pubblicita_spam": {"section": section, "quote": "non è ammessa alcuna forma di pubblicità, spam"},
	"propaganda_elettorale": {"section": section, "quote": "qualsiasi tipo di propaganda elettorale"},
	"attivita_illegali": {"section": section, "quote": "promozione di interessi privati o di attività ritenute illegali"},
	"diritto_autore": {"section": section, "quote": "contenuti che violino il diritto d'autore"},
	"questioni_personali": {"section": section, "quote": "non è possibile in alcun modo utilizzare questi spazi per affrontare questioni personali"},
	"account_falsi": {"section": section, "quote": "utenti con account palesemente falsi"},
}

# METADATA
# title: A link to a shop, another site than the comune's
shop_link := testinput.link("https://negozio.example.com/offerte", "negozio.example.com", 15)

# --- nothing wrong -----------------------------------------------------------

# METADATA
# title: A civil comment is allowed, with nothing to do
test_clean_comment if {
	d := massa.decision with input as mk(["buongiorno", "quando", "apre", "il", "mercato"], {})
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
# title: Every platform counts as managed ("canali social del Comune di Massa")
test_every_platform_managed if {
	every p in ["facebook", "instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "website", "other"] {
		massa.decision.outcome == "allow" with input as mk(["buongiorno"], {"channel": {"platform": p}})
	}
}

# --- each rule, with its clause ----------------------------------------------

# METADATA
# title: Each rule gives its category, outcome and actions and cites its clause
test_rules if {
	cases := {
		"insult": {
			"words": ["sei", "un", "idiota"], "over": {},
			"rule": "insulti_turpiloquio", "category": "offensive_language",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"lieve insult": {
			"words": ["sei", "un", "buffone"], "over": {},
			"rule": "insulti_turpiloquio", "category": "offensive_language",
			"outcome": "review", "actions": set(),
		},
		"threat": {
			"words": ["io", "ti", "ammazzo"], "over": {},
			"rule": "minacce", "category": "threat",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}},
		},
		"slur": {
			"words": ["sporco", "negro"], "over": {},
			"rule": "discriminazione", "category": "discrimination",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"identity attack signal": {
			"words": ["ciao"], "over": {"signals": {"identity_attack": 0.95}},
			"rule": "discriminazione", "category": "discrimination",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"accusation": {
			"words": ["il", "sindaco", "e", "un", "ladro"], "over": {},
			"rule": "dignita_personale", "category": "defamation",
			"outcome": "review", "actions": set(),
		},
		"defamation signal": {
			"words": ["ciao"], "over": {"signals": {"defamation": 0.92}},
			"rule": "dignita_personale", "category": "defamation",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"phone number": {
			"words": ["chiamate", "mario"], "over": {"facts": {"pii": [pii("phone", false, [])]}},
			"rule": "dati_sensibili", "category": "personal_data",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"health of a third party": {
			"words": ["quello", "e", "sieropositivo"], "over": {},
			"rule": "privacy_terzi", "category": "personal_data",
			"outcome": "review", "actions": set(),
		},
		"health of a named person": {
			"words": ["il", "signor", "Rossi", "e", "sieropositivo"],
			"over": {"facts": {"pii": [{"kind": "person_name", "start": 10, "end": 15, "validated": false, "domain_suffixes": []}], "sentences": [[0, 31]]}},
			"rule": "dati_sensibili_terzi", "category": "personal_data",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"health of a neighbour named after vicina": {
			"words": ["la", "vicina", "Maria", "e", "sieropositiva"], "over": {"facts": {"sentences": [[0, 31]]}},
			"rule": "dati_sensibili_terzi", "category": "personal_data",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"off topic": {
			"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.1}},
			"rule": "off_topic", "category": "off_topic",
			"outcome": "hide", "actions": {{"type": "hide"}},
		},
		"repeated": {
			"words": ["ciao"], "over": {"facts": {"repetition": {"count": 2}}},
			"rule": "interventi_ripetuti", "category": "flooding",
			"outcome": "hide", "actions": {{"type": "hide"}, {"type": "report_platform"}},
		},
		"emoji wall": {
			"words": [], "over": {"facts": {"form": {"emoji": 30}}},
			"rule": "disturbo", "category": "flooding",
			"outcome": "hide", "actions": {{"type": "hide"}, {"type": "report_platform"}},
		},
		"trolling": {
			"words": ["ciao"], "over": {"signals": {"trolling": 0.9}},
			"rule": "trolling", "category": "flooding",
			"outcome": "hide", "actions": {{"type": "hide"}, {"type": "report_platform"}},
		},
		"shouting": {
			"words": ["VERGOGNA", "VERGOGNA", "VERGOGNA"], "over": {"facts": {"form": {"caps_ratio": 1}}},
			"rule": "misura", "category": "flooding",
			"outcome": "review", "actions": set(),
		},
		"advertising": {
			"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}},
			"rule": "pubblicita_spam", "category": "advertising_spam",
			"outcome": "hide", "actions": {{"type": "hide"}, {"type": "report_platform"}},
		},
		"call to vote": {
			"words": ["vota", "per", "rossi"], "over": {},
			"rule": "propaganda_elettorale", "category": "political_propaganda",
			"outcome": "hide", "actions": {{"type": "hide"}},
		},
		"drug dealing": {
			"words": ["spaccio", "in", "piazza"], "over": {},
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
			"outcome": "hide", "actions": {{"type": "hide"}},
		},
		"personal case": {
			"words": ["il", "mio", "vicino", "fa", "rumore"], "over": {},
			"rule": "questioni_personali", "category": "personal_case",
			"outcome": "review", "actions": set(),
		},
		"personal case, certain": {
			"words": ["ciao"], "over": {"signals": {"personal_case": 0.95}},
			"rule": "questioni_personali", "category": "personal_case",
			"outcome": "review", "actions": set(),
		},
		"fake account": {
			"words": ["ciao"], "over": {"signals": {"fake_account": 0.95}},
			"rule": "account_falsi", "category": "fake_account",
			"outcome": "hide", "actions": {{"type": "hide"}, {"type": "block_author"}, {"type": "report_platform"}},
		},
	}
	every name, c in cases {
		print("case:", name)
		d := massa.decision with input as mk(c.words, c.over)
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
# title: A violation carries the rule's title and the evidence's span in the text
test_insult_evidence if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {})
	[v] := d.violations
	v.title == "Insulti e turpiloquio"
	v.severity == "grave"
	[e] := v.evidence
	e.fact == "lexicon"
	e.term == "idiota"
	e.match == "idiota"
	[e.start, e.end] == [7, 13]
	d.author == {"violations": 1, "blocked": false}
	d.review.required == false
}

# METADATA
# title: Personal data evidence gives the kind and the span, never the data
test_personal_data_evidence if {
	d := massa.decision with input as mk(["scrivete", "a"], {"facts": {"pii": [pii("email", false, ["gmail.com", "com"])]}})
	[v] := d.violations
	v.evidence == [{"fact": "personal_data", "kind": "email", "start": 10, "end": 30, "validated": false}]
}

# --- several rules -----------------------------------------------------------

# METADATA
# title: The most restrictive outcome wins, and only its visibility action is taken
test_most_restrictive if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {"signals": {"topic_similarity": 0.05}})
	d.outcome == "remove"
	rules(d) == {"insulti_turpiloquio", "off_topic"}
	d.actions == [{"type": "remove"}]
}

# METADATA
# title: Actions are the union across rules, with hide dropped when the content is removed
test_union_of_actions if {
	d := massa.decision with input as mk(["io", "ti", "ammazzo"], {"facts": {"form": {"emoji": 40}}})
	d.outcome == "remove"
	rules(d) == {"minacce", "disturbo"}
	acts(d) == {{"type": "remove"}, {"type": "report_platform"}, {"type": "escalate"}}
	count(d.actions) == 3
}

# METADATA
# title: A certain rule acts while an uncertain one stays for a person to read
test_certain_and_uncertain if {
	d := massa.decision with input as mk(["ladro", "vota", "per", "rossi"], {})
	d.outcome == "hide"
	rules(d) == {"dignita_personale", "propaganda_elettorale"}
	d.actions == [{"type": "hide"}]
	{v.outcome | some v in d.violations} == {"review", "hide"}
}

# --- lexicon -----------------------------------------------------------------

# METADATA
# title: Set phrases and place names shield the words inside them
test_exceptions if {
	every words in [["il", "cavallo", "di", "troia"], ["la", "Madonna", "del", "Buon", "Consiglio"], ["un", "negro", "amaro"]] {
		massa.decision.outcome == "allow" with input as mk(words, {})
	}
	massa.decision.outcome == "remove" with input as mk(["sei", "una", "troia"], {})
}

# METADATA
# title: Electoral hashtags are propaganda, also by prefix (#votarossi)
test_hashtags if {
	d := massa.decision with input as mk(["domenica", "tutti", "al", "seggio"], {"facts": {"hashtags": [{"tag": "votarossi", "start": 30, "end": 40}]}})
	d.outcome == "hide"
	[v] := d.violations
	v.rule == "propaganda_elettorale"
	v.evidence == [{
		"category": "political_propaganda", "severity": "media", "kind": "call",
		"fact": "hashtag", "term": "vota", "match": "#votarossi", "start": 30, "end": 40,
	}]
}

# METADATA
# title: Naming a party is political debate, not propaganda
test_party_names if {
	massa.decision.outcome == "allow" with input as mk(["il", "pd", "e", "forza", "italia", "litigano"], {})
}

# --- links -------------------------------------------------------------------

# METADATA
# title: Links to the comune's own site are never a contact for advertising
test_own_domain if {
	own := testinput.link("https://www.comune.massa.ms.it/tari", "www.comune.massa.ms.it", 12)
	d := massa.decision with input as mk(["sconto", "tari"], {"facts": {"links": [own]}})
	d.outcome == "review"
	rules(d) == {"pubblicita_spam"}

	h := massa.decision with input as mk(["sconto", "tari"], {"facts": {"links": [shop_link]}})
	h.outcome == "hide"
}

# METADATA
# title: The comune's own e-mail addresses are not personal data
test_own_email if {
	own := pii("email", true, ["urp.comune.massa.ms.it", "comune.massa.ms.it", "massa.ms.it", "ms.it"])
	massa.decision.outcome == "allow" with input as mk(["scrivete", "a"], {"facts": {"pii": [own]}})
}

# METADATA
# title: The numbers the offices publish are not personal data; other numbers are
test_own_phone if {
	office := object.union(pii("phone", false, []), {"digits": "0585490111"})
	massa.decision.outcome == "allow" with input as mk(["chiamate", "il"], {"facts": {"pii": [office]}})
	other := object.union(pii("phone", false, []), {"digits": "3331234567"})
	massa.decision.outcome == "remove" with input as mk(["chiamate", "il"], {"facts": {"pii": [other]}})
}

# METADATA
# title: A link shortener alone sends the comment to a person
test_shortener if {
	short := testinput.link("https://bit.ly/3xYz", "bit.ly", 9)
	d := massa.decision with input as mk(["guardate"], {"facts": {"links": [short]}})
	d.outcome == "review"
	[v] := d.violations
	v.rule == "pubblicita_spam"
	some e in v.evidence
	e.fact == "shortener"
	e.match == "https://bit.ly/3xYz"
}

# --- signals -----------------------------------------------------------------

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
		massa.decision.outcome == c.outcome with input as mk(["ciao"], {"signals": {"toxicity": c.score}})
	}
}

# METADATA
# title: Off topic by the client's similarity (hide) or by the engine's (review), the client's first
test_off_topic if {
	words := ["il", "mio", "gatto", "mangia", "solo", "crocchette", "al", "salmone"]
	cases := {
		"client says off topic": {"over": {"signals": {"topic_similarity": 0.1}}, "outcome": "hide"},
		"client says on topic": {"over": {"signals": {"topic_similarity": 0.5}, "facts": {"topic_similarity": 0}}, "outcome": "allow"},
		"engine finds nothing in common": {"over": {"facts": {"topic_similarity": 0}}, "outcome": "review"},
		"engine finds a shared word": {"over": {"facts": {"topic_similarity": 0.1}}, "outcome": "allow"},
		"engine, short comment": {"over": {"facts": {"topic_similarity": 0, "content_words": 3}}, "outcome": "allow"},
		"engine, short question": {"over": {"facts": {"topic_similarity": 0, "content_words": 3, "form": {"question": true}}}, "outcome": "review"},
		"engine, a topic field shared with the post": {"over": {"facts": {"topic_similarity": 0}, "content": {"thread": {"id": "1", "text": "Nuova area sgambamento cani al parco"}}}, "outcome": "allow"},
		"engine, no field shared with the post": {"over": {"facts": {"topic_similarity": 0}, "content": {"thread": {"id": "1", "text": "Lavori in viale Roma"}}}, "outcome": "review"},
		"no thread, no signal": {"over": {}, "outcome": "allow"},
	}
	every name, c in cases {
		print("case:", name)
		massa.decision.outcome == c.outcome with input as mk(words, c.over)
	}
}

# --- repeat offenders --------------------------------------------------------

# METADATA
# title: The third certain violation blocks the author for 30 days and reports to the platform
test_repeat_offender if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 2}}})
	d.outcome == "remove"
	acts(d) == {
		{"type": "remove"},
		{"type": "block_author", "until": "2026-12-23T10:15:03+01:00"},
		{"type": "report_platform"},
	}
	d.author == {"violations": 3, "blocked": true}
}

# METADATA
# title: Below the threshold, or when only a person could tell, nobody is blocked
test_not_yet_repeat_offender if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 1}}})
	d.actions == [{"type": "remove"}]
	d.author == {"violations": 2, "blocked": false}

	r := massa.decision with input as mk(["sei", "un", "buffone"], {"facts": {"history": {"violations": 5}}})
	r.actions == []
	r.author == {"violations": 5, "blocked": false}

	# a personal case goes to a person even when certain: it does not count
	p := massa.decision with input as mk(["ciao"], {"signals": {"personal_case": 0.95}, "facts": {"history": {"violations": 5}}})
	p.actions == []
}

# METADATA
# title: Threshold and length of the block come from data.enti.massa.repeat_offender
test_repeat_offender_from_data if {
	req := mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 1}}})
	d := massa.decision with input as req with data.enti.massa.repeat_offender.threshold as 2
	d.author.blocked == true

	l := massa.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 2}}})
		with data.enti.massa.repeat_offender.block_days as 90
	{"type": "block_author", "until": "2027-02-21T10:15:03+01:00"} in l.actions
}

# METADATA
# title: The block ends at the same time of day in Rome, across the change from summer time
test_block_across_dst if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {"now": "2026-10-20T10:15:03+02:00", "facts": {"history": {"violations": 2}}})
	{"type": "block_author", "until": "2026-11-19T10:15:03+01:00"} in d.actions
}

# --- kinds of content --------------------------------------------------------

# METADATA
# title: A staff post that breaks a rule is rejected, never removed or hidden
test_post_rejected if {
	post := {"content": {"kind": "post"}, "author": {"role": "staff", "office": "URP"}}
	d := massa.decision with input as mk(["sei", "un", "idiota"], post)
	d.outcome == "reject"
	d.actions == []

	t := massa.decision with input as mk(["io", "ti", "ammazzo"], post)
	t.outcome == "reject"
	acts(t) == {{"type": "report_platform"}, {"type": "escalate"}}

	h := massa.decision with input as mk(["vota", "per", "rossi"], post)
	h.outcome == "reject"
	h.actions == []

	p := massa.decision with input as mk(["codice", "fiscale", "di", "mario"], object.union(post, {"facts": {"pii": [pii("codice_fiscale", true, [])]}}))
	p.outcome == "reject"
	rules(p) == {"dati_sensibili"}

	ok := massa.decision with input as mk(["mercato", "chiuso", "domani"], post)
	ok == {"outcome": "allow", "actions": [], "violations": [], "review": {"required": false}, "author": {"violations": 0, "blocked": false}, "history": {"violation": false, "warning": false, "block": false}}
}

# METADATA
# title: A public question is answered in public; staff must act
test_question if {
	d := massa.decision with input as mk(["quando", "apre", "il", "mercato"], {"facts": {"form": {"question": true}}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "public", "text": data.enti.massa.replies.question}
	d.review.required == true
	d.violations == []
}

# METADATA
# title: A question that breaks a rule gets no reply
test_question_with_violation if {
	d := massa.decision with input as mk(["quando", "apre", "idiota"], {"facts": {"form": {"question": true}}})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	not d.reply
	d.review.required == false
}

# METADATA
# title: An evidently fake account is blocked for good, not also for a period
test_fake_account_repeat_offender if {
	d := massa.decision with input as mk(["sei", "un", "idiota"], {"signals": {"fake_account": 0.95}, "facts": {"history": {"violations": 4}}})
	d.outcome == "remove"
	blocks := [a | some a in d.actions; a.type == "block_author"]
	blocks == [{"type": "block_author"}]
	d.author == {"violations": 5, "blocked": true}
}

# METADATA
# title: A private message is answered in private
test_private_message if {
	d := massa.decision with input as mk(["buongiorno"], {"content": {"kind": "private_message"}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "private", "text": data.enti.massa.replies.question}
	d.review.required == true
}

# METADATA
# title: Private messages are not subject to the rule on personal data in public
test_private_message_personal_data if {
	pm := {"content": {"kind": "private_message"}, "facts": {"pii": [pii("codice_fiscale", true, []), pii("phone", false, [])]}}
	d := massa.decision with input as mk(["mio", "padre", "e", "sieropositivo"], pm)
	d.outcome == "allow"
	d.violations == []
	d.reply.visibility == "private"
}

# METADATA
# title: A report is redirected, forwarded to the URP, with a reply on the right channel
test_report if {
	d := massa.decision with input as mk(["buca", "in", "via", "roma"], {"content": {"kind": "report"}})
	d.outcome == "redirect"
	acts(d) == {{"type": "forward_to_office", "office": "URP"}, {"type": "reply"}}
	d.reply == {"visibility": "public", "text": data.enti.massa.replies.redirect}
	d.review.required == false
	d.violations == []
}

# METADATA
# title: A report that breaks a rule is still forwarded, but gets no reply
test_report_with_violation if {
	d := massa.decision with input as mk(["buca", "idiota"], {"content": {"kind": "report"}})
	d.outcome == "remove"
	acts(d) == {{"type": "remove"}, {"type": "forward_to_office", "office": "URP"}}
	not d.reply
}

# --- channels and authors ----------------------------------------------------

# METADATA
# title: The ente's data with facebook as its only channel
# description: >-
#   The whole of data.enti.massa is replaced: "with
#   data.enti.massa.channels.platforms as {...}" would not do, since the
#   policy reads data.enti.massa and OPA merges a nested override of an
#   object into the base document read through a parent path.
facebook_only := object.union(object.remove(data.enti.massa, {"channels"}), {"channels": {"platforms": {"facebook": true}}})

# METADATA
# title: A platform missing from data.enti.massa.channels is not managed and nothing is done
test_not_managed if {
	req := mk(["perche", "sei", "un", "idiota"], {"channel": {"platform": "instagram"}, "facts": {"form": {"question": true}, "history": {"violations": 4}}})
	d := massa.decision with input as req with data.enti.massa as facebook_only
	d == {
		"outcome": "not_managed",
		"actions": [],
		"violations": [],
		"review": {"required": false},
		"author": {"violations": 4, "blocked": false},
		"history": {"violation": false, "warning": false, "block": false},
	}
	massa.decision.outcome == "allow" with input as mk(["buongiorno"], {}) with data.enti.massa as facebook_only
}

# METADATA
# title: A platform listed as false is not managed either
test_platform_false if {
	massa.decision.outcome == "not_managed" with input as mk(["buongiorno"], {"channel": {"platform": "x"}})
		with data.enti.massa.channels.platforms.x as false
}

# METADATA
# title: Anonymous authors are only invited to give their name; review only if data says so
test_anonymous_author if {
	anon := {"author": {"anonymous": true, "anonymity_reason": ""}}
	massa.decision.outcome == "allow" with input as mk(["buongiorno"], anon)

	d := massa.decision with input as mk(["buongiorno"], anon) with data.enti.massa.fake_account.review_anonymous as true
	d.outcome == "review"
	rules(d) == {"account_falsi"}
}
