# METADATA
# title: Tests of the Comune di Tradate's policy
# description: >-
#   What the Social media policy interna del Comune di Tradate decides for
#   staff posts and replies, administrators' comments, citizens' comments,
#   questions, private messages and reports, rule by rule, with the clause
#   each decision cites. mk builds the input the engine would: words become
#   tokens and phrases, overrides are merged over sane defaults (a citizen's
#   comment on facebook, on Monday 23 November 2026 at 10:15, with no history).
package galateo.enti.tradate_test

import data.galateo.enti.tradate
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
	"ente": "tradate",
	"channel": {"platform": "facebook", "account": "comune.tradate"},
	"content": {"id": "123_456"},
	"author": {"id": "fb:998877"},
	"facts": {"schedule": {"staffed_now": true, "next_staffed": null, "due": "2026-11-24T10:15:03+01:00", "next_staffed_text": null, "due_text": "martedì 24 novembre 2026 alle 10:15"}},
}

# METADATA
# title: A personal-data finding as the engine reports it
pii(kind, digits) := {"kind": kind, "start": 10, "end": 30, "validated": false, "domain_suffixes": [], "digits": digits}

# METADATA
# title: A decision's actions as a set
acts(d) := {a | some a in d.actions}

# METADATA
# title: A decision's rules
rules(d) := {v.rule | some v in d.violations}

# METADATA
# title: The author of a post or reply, as the client sends it
author(role, office) := {"author": {"role": role, "office": office}}

# METADATA
# title: A post by an author
post(role, office) := object.union(author(role, office), {"content": {"kind": "post"}})

# METADATA
# title: A question in a comment
question := {"facts": {"form": {"question": true}}}

# METADATA
# title: A link to a shop, another site than the comune's
shop_link := testinput.link("https://negozio.example.com/offerte", "negozio.example.com", 15)

# METADATA
# title: The reply texts of data.enti.tradate
replies := data.enti.tradate.replies

# METADATA
# title: The notices of data.enti.tradate
notices := data.enti.tradate.notices

# METADATA
# title: The clause each rule cites (its METADATA), from the policy document
clauses := {
	"pubblicazione_non_autorizzata": {"section": "Regole di utilizzo interne", "quote": "non potranno pubblicare direttamente sui profili istituzionali"},
	"interazione_non_autorizzata": {"section": "Regole di utilizzo interne", "quote": "l'interazione con gli utenti verrà gestita dall'Ufficio URP"},
	"pubblicatore_non_indicato": {"section": "Regole di utilizzo interne", "quote": "Uffici e Amministratori non espressamente autorizzati"},
	"pareri_personali": {"section": "Regole di utilizzo interne", "quote": "per esprimere pareri personali e politici"},
	"contenuti_politici": {"section": "Contenuti", "quote": "non prevede contenuti di tipo politico"},
	"trolling": {"section": "Regole di utilizzo interne", "quote": "ignorare eventuali provocazioni gratuite"},
}

# METADATA
# title: The clause of the rules of use of the external policy
norms := {"section": "Moderazione", "quote": "comportamenti contrari alle norme d'uso"}

# --- nothing wrong -----------------------------------------------------------

# METADATA
# title: A civil comment is allowed, with nothing to do
test_clean_comment if {
	d := tradate.decision with input as mk(["bellissima", "la", "mostra", "in", "villa", "truffini"], {})
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
# title: Only the Facebook page is managed ("Attraverso Facebook")
test_only_facebook if {
	tradate.decision.outcome == "allow" with input as mk(["ciao"], {})
	every p in ["instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "website", "other"] {
		tradate.decision == {
			"outcome": "not_managed",
			"actions": [],
			"violations": [],
			"review": {"required": false},
			"author": {"violations": 0, "blocked": false},
			"history": {"violation": false, "warning": false, "block": false},
		} with input as mk(["sei", "un", "idiota"], {"channel": {"platform": p}})
	}
}

# --- "I commenti dei cittadini non verranno cancellati, salvo gravi violazioni"

# METADATA
# title: Grave violations remove a comment and cite the rules of use
test_grave_violations if {
	cases := {
		"insult": {"words": ["sei", "un", "idiota"], "over": {}, "rule": "insulti_turpiloquio", "actions": {{"type": "remove"}}},
		"threat": {"words": ["io", "ti", "ammazzo"], "over": {}, "rule": "minacce", "actions": {{"type": "remove"}, {"type": "escalate"}}},
		"slur": {"words": ["sporco", "negro"], "over": {}, "rule": "discriminazione", "actions": {{"type": "remove"}}},
		"defamation signal": {"words": ["ciao"], "over": {"signals": {"defamation": 0.95}}, "rule": "diffamazione", "actions": {{"type": "remove"}}},
		"phone number": {"words": ["chiamate", "mario"], "over": {"facts": {"pii": [pii("phone", "3331234567")]}}, "rule": "dati_personali", "actions": {{"type": "remove"}}},
		"illegal signal": {"words": ["ciao"], "over": {"signals": {"illegal": 0.95}}, "rule": "attivita_illegali", "actions": {{"type": "remove"}, {"type": "escalate"}}},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == "remove"
		acts(d) == c.actions
		not d.reply
		[v] := d.violations
		v.rule == c.rule
		v.severity == "grave"
		v.clause == norms
		d.notices == [notices.grave]
	}
}

# METADATA
# title: Other violations keep the comment for a person, with a diplomatic reply
test_kept_with_reply if {
	cases := {
		"off topic, client": {"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.1}}, "rule": "fuori_argomento", "category": "off_topic"},
		"off topic, engine": {"words": ["il", "mio", "gatto", "mangia", "solo", "crocchette"], "over": {"facts": {"topic_similarity": 0}}, "rule": "fuori_argomento", "category": "off_topic"},
		"call to vote": {"words": ["vota", "per", "rossi"], "over": {}, "rule": "propaganda_elettorale", "category": "political_propaganda"},
		"copyright": {"words": ["ciao"], "over": {"signals": {"copyright": 0.95}}, "rule": "diritto_autore", "category": "copyright_trademark"},
		"light insult": {"words": ["sei", "un", "buffone"], "over": {}, "rule": "insulti_turpiloquio", "category": "offensive_language"},
		"accusation": {"words": ["il", "sindaco", "e", "un", "ladro"], "over": {}, "rule": "diffamazione", "category": "defamation"},
		"health of a third party": {"words": ["quello", "e", "sieropositivo"], "over": {}, "rule": "privacy_terzi", "category": "personal_data"},
		"drug dealing": {"words": ["spaccio", "in", "piazza"], "over": {}, "rule": "attivita_illegali", "category": "illegal_activity"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == "review"
		d.actions == [{"type": "reply"}]
		d.reply == {"visibility": "public", "text": replies.conflict}
		d.review.required == true
		[v] := d.violations
		v.rule == c.rule
		v.category == c.category
		v.outcome == "review"
		v.clause == norms
		d.notices == [notices.kept]
		d.author.violations == 0
	}
}

# METADATA
# title: Gratuitous provocations, floods and spam are kept and may be ignored, with no reply
test_provocations_ignored if {
	cases := {
		"trolling": {"words": ["ciao"], "over": {"signals": {"trolling": 0.95}}, "rule": "trolling"},
		"repeated": {"words": ["ciao"], "over": {"facts": {"repetition": {"count": 2}}}, "rule": "interventi_ripetuti"},
		"emoji wall": {"words": [], "over": {"facts": {"form": {"emoji": 30}}}, "rule": "disturbo"},
		"spam": {"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}}, "rule": "pubblicita_spam"},
		"spam and off topic": {"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}, "signals": {"topic_similarity": 0.05}}, "rule": "pubblicita_spam"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == "review"
		d.actions == []
		not d.reply
		c.rule in rules(d)
		d.notices == sort([notices.kept, notices.ignored])
	}
	t := tradate.decision with input as mk(["ciao"], {"signals": {"trolling": 0.95}})
	[v] := t.violations
	v.clause == clauses.trolling
}

# METADATA
# title: Which categories are grave is data (severity), and only grave ones remove
test_grave_is_data if {
	# off topic written as hide in data still keeps the comment
	h := tradate.decision with input as mk(["ciao"], {"signals": {"topic_similarity": 0.1}})
		with data.enti.tradate.categories.off_topic as {"outcome": "hide", "severity": "media", "actions": ["hide"]}
	h.outcome == "review"

	# insults no longer grave: kept
	k := tradate.decision with input as mk(["sei", "un", "idiota"], {})
		with data.enti.tradate.categories.offensive_language as {"outcome": "remove", "severity": "media", "actions": ["remove"]}
	k.outcome == "review"
	k.reply.text == replies.conflict

	# off topic made grave: removed
	r := tradate.decision with input as mk(["ciao"], {"signals": {"topic_similarity": 0.1}})
		with data.enti.tradate.categories.off_topic as {"outcome": "remove", "severity": "grave", "actions": ["remove"]}
	r.outcome == "remove"
}

# METADATA
# title: Every category of the data is grave with an outcome, or carries only its severity
test_categories_consistent if {
	every name, c in data.enti.tradate.categories {
		print("category:", name)
		c.severity in {"grave", "media", "lieve"}
		outcome_only_if_grave(c)
	}
}

# METADATA
# title: A category writes an outcome only when it is grave
outcome_only_if_grave(c) if not c.outcome

outcome_only_if_grave(c) if c.severity == "grave"

# METADATA
# title: A certain grave violation next to a kept one removes, with no reply
test_grave_wins if {
	d := tradate.decision with input as mk(["sei", "un", "idiota"], {"signals": {"topic_similarity": 0.05}})
	d.outcome == "remove"
	rules(d) == {"insulti_turpiloquio", "fuori_argomento"}
	d.actions == [{"type": "remove"}]
	not d.reply
	d.author.violations == 1
}

# METADATA
# title: Harsh criticism and a citizen's opinions or party names are allowed
test_citizens_speak_freely if {
	every words in [
		["secondo", "me", "il", "comune", "dorme", "da", "mesi"],
		["il", "pd", "e", "la", "lega", "nord", "litigano", "sempre"],
		["io", "votero", "contro", "questa", "giunta"],
		["una", "vergogna", "questi", "ritardi"],
	] {
		tradate.decision.outcome == "allow" with input as mk(words, {})
	}
}

# --- "Regole di utilizzo interne": who may publish ----------------------------

# METADATA
# title: The URP and the Servizio Cultura publish; any other office or an administrator is rejected
test_publishers if {
	cases := {
		"URP": {"role": "staff", "office": "URP", "outcome": "allow"},
		"Ufficio URP": {"role": "staff", "office": "Ufficio URP", "outcome": "allow"},
		"Servizio Cultura, spaced": {"role": "staff", "office": " Servizio Cultura ", "outcome": "allow"},
		"Ufficio Tributi": {"role": "staff", "office": "Ufficio Tributi", "outcome": "reject"},
		"assessore": {"role": "administrator", "office": "", "outcome": "reject"},
		"assessore with the URP": {"role": "administrator", "office": "URP", "outcome": "reject"},
		"consigliere": {"role": "councillor", "office": "", "outcome": "reject"},
		"staff, no office": {"role": "staff", "office": "", "outcome": "review"},
		"unknown author": {"role": "citizen", "office": "", "outcome": "review"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(["sabato", "apre", "la", "mostra", "in", "villa", "truffini"], post(c.role, c.office))
		d.outcome == c.outcome
	}
}

# METADATA
# title: A rejected post cites its clause and goes to the URP, which publishes
test_unauthorised_post if {
	d := tradate.decision with input as mk(["chiusura", "uffici", "per", "inventario"], post("staff", "Ufficio Tributi"))
	d.outcome == "reject"
	d.actions == [{"type": "forward_to_office", "office": "URP"}]
	[v] := d.violations
	v.rule == "pubblicazione_non_autorizzata"
	v.category == "unauthorised_publisher"
	v.clause == clauses.pubblicazione_non_autorizzata
	v.evidence == [{"fact": "author", "office": "Ufficio Tributi"}]
	d.notices == [notices.forward_material]
	not d.reply

	a := tradate.decision with input as mk(["inaugurato", "il", "parco"], post("administrator", ""))
	[w] := a.violations
	w.evidence == [{"fact": "author", "role": "administrator"}]
}

# METADATA
# title: A post whose office is not known goes to a person, with nothing done
test_unknown_publisher if {
	d := tradate.decision with input as mk(["inaugurato", "il", "parco"], post("staff", ""))
	d.outcome == "review"
	d.actions == []
	[v] := d.violations
	v.rule == "pubblicatore_non_indicato"
	v.outcome == "review"
	v.clause == clauses.pubblicatore_non_indicato
	v.evidence == [{"fact": "author", "office": ""}]

	c := tradate.decision with input as mk(["inaugurato", "il", "parco"], {"content": {"kind": "post"}})
	[w] := c.violations
	w.evidence == [{"fact": "author", "role": "citizen"}]
}

# METADATA
# title: Only the URP interacts with users, another office's reply is rejected
test_interaction if {
	d := tradate.decision with input as mk(["la", "pratica", "e", "in", "lavorazione"], object.union(author("staff", "Ufficio Tecnico"), {"content": {"kind": "reply"}}))
	d.outcome == "reject"
	[v] := d.violations
	v.rule == "interazione_non_autorizzata"
	v.clause == clauses.interazione_non_autorizzata
	d.actions == [{"type": "forward_to_office", "office": "URP"}]

	every who in [author("staff", "URP"), author("administrator", ""), author("staff", "")] {
		tradate.decision.outcome == "allow" with input as mk(["grazie", "a", "tutti", "i", "volontari"], object.union(who, {"content": {"kind": "reply"}}))
	}
}

# METADATA
# title: The authorised staff may share third parties' content; other offices may not
test_discretion if {
	words := ["concerto", "della", "banda", "biglietti", "in", "offerta"]
	d := tradate.decision with input as mk(words, object.union(post("staff", "URP"), {"facts": {"links": [shop_link]}}))
	d.outcome == "allow"

	o := tradate.decision with input as mk(words, object.union(post("staff", "Polizia Locale"), {"facts": {"links": [shop_link]}}))
	o.outcome == "reject"
	rules(o) == {"pubblicazione_non_autorizzata", "pubblicita_spam"}
}

# --- what staff and administrators may not post -------------------------------

# METADATA
# title: Personal and political opinions of staff and administrators are rejected, or reviewed when unsure
test_staff_opinions if {
	cases := {
		"URP post, secondo me": {"words": ["secondo", "me", "la", "mostra", "e", "imperdibile"], "over": post("staff", "URP"), "outcome": "reject"},
		"URP reply, a mio parere": {"words": ["a", "mio", "parere", "ha", "ragione"], "over": object.union(author("staff", "URP"), {"content": {"kind": "reply"}}), "outcome": "reject"},
		"assessore comment, secondo me": {"words": ["secondo", "me", "chi", "critica", "sbaglia"], "over": author("administrator", ""), "outcome": "reject"},
		"URP post, credo che": {"words": ["credo", "che", "sia", "una", "bella", "iniziativa"], "over": post("staff", "URP"), "outcome": "review"},
		"consigliere comment, centrodestra": {"words": ["il", "centrodestra", "ha", "fallito"], "over": author("councillor", ""), "outcome": "review"},
		"citizen, secondo me": {"words": ["secondo", "me", "la", "mostra", "e", "imperdibile"], "over": {}, "outcome": "allow"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == c.outcome
		opinion_rules(d, c.outcome)
	}
	d := tradate.decision with input as mk(["secondo", "me", "la", "mostra", "e", "imperdibile"], post("staff", "URP"))
	[v] := d.violations
	v.category == "staff_opinion"
	v.clause == clauses.pareri_personali
	v.evidence[0].term == "secondo me"
	d.actions == []
}

# METADATA
# title: The rules of a decision on an opinion, none when allowed
opinion_rules(d, "allow") if d.violations == []

opinion_rules(d, outcome) if {
	outcome != "allow"
	rules(d) == {"pareri_personali"}
}

# METADATA
# title: The page carries no political content, calls to vote rejected, party names reviewed
test_political_content if {
	cases := {
		"call to vote in a post": {"words": ["domenica", "vota", "per", "rossi"], "over": post("staff", "URP"), "outcome": "reject"},
		"party in a post": {"words": ["incontro", "con", "il", "pd", "in", "sala", "consiliare"], "over": post("staff", "URP"), "outcome": "review"},
		"party in an administrator's comment": {"words": ["grazie", "a", "forza", "italia"], "over": author("administrator", ""), "outcome": "review"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == c.outcome
		[v] := d.violations
		v.rule == "contenuti_politici"
		v.category == "political_propaganda"
		v.clause == clauses.contenuti_politici
	}
	h := tradate.decision with input as mk(["domenica", "tutti", "al", "seggio"], object.union(post("staff", "URP"), {"facts": {"hashtags": [{"tag": "votarossi", "start": 30, "end": 40}]}}))
	h.outcome == "reject"

	# the 25 April ceremony is institutional, not political
	tradate.decision.outcome == "allow" with input as mk(["festa", "della", "liberazione", "corteo", "e", "deposizione", "della", "corona"], post("staff", "URP"))
}

# METADATA
# title: A staff post that breaks a rule of use is rejected; the Comune's own numbers are not personal data
test_staff_post_rules if {
	d := tradate.decision with input as mk(["chiamate", "il"], object.union(post("staff", "URP"), {"facts": {"pii": [pii("phone", "3331234567")]}}))
	d.outcome == "reject"
	d.actions == []
	tradate.decision.outcome == "allow" with input as mk(["chiamate", "il"], object.union(post("staff", "URP"), {"facts": {"pii": [pii("phone", "0331826842")]}}))
}

# --- reports ------------------------------------------------------------------

# METADATA
# title: Reports are redirected to the competent office, the URP when none is named
test_reports if {
	cases := {
		"report": {"words": ["il", "semaforo", "di", "via", "Mazzini", "non", "funziona"], "over": {"content": {"kind": "report"}}, "office": "URP", "visibility": "public"},
		"report of a pothole": {"words": ["una", "buca", "enorme", "in", "via", "Broggi"], "over": {"content": {"kind": "report"}}, "office": "Tecnico - Lavori Pubblici", "visibility": "public"},
		"comment that reports": {"words": ["segnalo", "un", "lampione", "spento", "in", "via", "Carducci"], "over": {}, "office": "Tecnico - Lavori Pubblici", "visibility": "public"},
		"message that reports": {"words": ["vorrei", "segnalare", "un", "problema", "al", "parco"], "over": {"content": {"kind": "private_message"}}, "office": "URP", "visibility": "private"},
	}
	every name, c in cases {
		print("case:", name)
		d := tradate.decision with input as mk(c.words, c.over)
		d.outcome == "redirect"
		acts(d) == {{"type": "reply"}, {"type": "forward_to_office", "office": c.office}}
		d.reply.visibility == c.visibility
		d.reply.text == replace(replies.redirect, "{office}", c.office)
		d.violations == []
	}
}

# METADATA
# title: Reports naming several offices go to each, named in order in the reply
test_report_several_offices if {
	d := tradate.decision with input as mk(["buca", "e", "multa"], {"content": {"kind": "report"}})
	acts(d) == {
		{"type": "reply"},
		{"type": "forward_to_office", "office": "Tecnico - Lavori Pubblici"},
		{"type": "forward_to_office", "office": "Polizia Locale"},
	}
	d.reply.text == replace(replies.redirect, "{office}", "Polizia Locale, Tecnico - Lavori Pubblici")
}

# METADATA
# title: A comment that reports and breaks a rule, or a staff comment, is not a report
test_not_reports if {
	d := tradate.decision with input as mk(["segnalo", "che", "sei", "un", "idiota"], {})
	d.outcome == "remove"
	s := tradate.decision with input as mk(["segnalo", "la", "chiusura", "del", "parco"], author("staff", "URP"))
	s.outcome == "allow"
}

# METADATA
# title: A report with a rule broken but kept still gets the redirect reply
test_report_kept if {
	d := tradate.decision with input as mk(["il", "sindaco", "e", "un", "ladro", "buca"], {"content": {"kind": "report"}})
	d.outcome == "redirect"
	d.reply.text == replace(replies.redirect, "{office}", "Tecnico - Lavori Pubblici")
	rules(d) == {"diffamazione"}
}

# --- questions ----------------------------------------------------------------

# METADATA
# title: A question is answered by staff within 24 working hours, with no canned text
test_question if {
	d := tradate.decision with input as mk(["quando", "apre", "la", "mostra"], question)
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.review.required == true
	not d.reply
	d.notices == [replace(replace(notices.due, "{due}", "martedì 24 novembre 2026 alle 10:15"), "{hours}", "24")]
}

# METADATA
# title: A question for another office goes there, with a courtesy reply at once
test_courtesy if {
	d := tradate.decision with input as mk(["quando", "scade", "la", "tari"], question)
	d.outcome == "allow"
	acts(d) == {{"type": "reply"}, {"type": "forward_to_office", "office": "Tributi"}}
	d.reply == {"visibility": "public", "text": replace(replies.courtesy, "{office}", "Tributi")}
	d.review.required == true

	p := tradate.decision with input as mk(["per", "la", "carta", "d", "identita", "serve", "appuntamento"], {"content": {"kind": "private_message"}})
	p.reply == {"visibility": "private", "text": replace(replies.courtesy, "{office}", "Servizi Demografici")}
	{"type": "forward_to_office", "office": "Servizi Demografici"} in p.actions
}

# METADATA
# title: A private message always needs an answer, in private
test_private_message if {
	d := tradate.decision with input as mk(["buongiorno", "vi", "scrivo", "per", "la", "mostra"], {"content": {"kind": "private_message"}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.review.required == true
	count(d.notices) == 1
}

# METADATA
# title: A question that breaks a rule gets the diplomatic reply, or none when it provokes or is removed
test_question_with_violation if {
	k := tradate.decision with input as mk(["quando", "scade", "la", "tari", "buffoni"], question)
	k.outcome == "review"
	k.actions == [{"type": "reply"}]
	k.reply.text == replies.conflict
	count(k.notices) == 2

	s := tradate.decision with input as mk(["quando", "scade", "la", "tari", "offerta"], object.union(question, {"facts": {"links": [shop_link]}}))
	s.outcome == "review"
	s.actions == []
	not s.reply
	s.notices == sort([notices.kept, notices.ignored])

	r := tradate.decision with input as mk(["quando", "scade", "la", "tari", "idiota"], question)
	r.outcome == "remove"
	r.actions == [{"type": "remove"}]
	r.notices == [notices.grave]
}

# METADATA
# title: Staff do not need an answer; without a due time there is no due notice
test_no_answer_needed if {
	d := tradate.decision with input as mk(["avete", "visto", "la", "mostra"], object.union(question, author("staff", "URP")))
	d.actions == []
	d.review.required == false

	n := tradate.decision with input as mk(["quando", "apre", "la", "mostra"], object.union(question, {"facts": {"schedule": {"due_text": null}}}))
	n.actions == [{"type": "reply"}]
	not n.notices
}
