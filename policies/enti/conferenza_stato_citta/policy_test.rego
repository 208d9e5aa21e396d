# METADATA
# title: Tests of the Conferenza Stato–città's policy
# description: >-
#   What the Social Media Policy of the Ufficio di Segreteria della Conferenza
#   Stato–città e autonomie locali decides for comments, replies, staff posts,
#   private messages and reports, rule by rule, with the clause each decision
#   cites. mk builds the input the engine would: words become tokens and
#   phrases, overrides are merged over sane defaults (a citizen's comment on
#   the office's LinkedIn page, on Tuesday 24 November 2026 at 10:15, with no
#   history).
package galateo.enti.conferenza_stato_citta_test

import data.galateo.enti.conferenza_stato_citta as csc
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
	"ente": "conferenza_stato_citta",
	"channel": {"platform": "linkedin", "account": "110306410"},
	"content": {"id": "li_1", "created_at": "2026-11-24T10:15:00+01:00"},
	"author": {"id": "urn:li:person:abc"},
	"now": "2026-11-24T10:15:03+01:00",
	"facts": {"schedule": {"staffed_now": true, "next_staffed": null, "due": "2026-11-24T18:00:00+01:00"}},
}

# METADATA
# title: A personal-data finding as the engine reports it
pii(kind, validated, domains) := {"kind": kind, "start": 10, "end": 30, "validated": validated, "domain_suffixes": domains, "digits": ""}

# METADATA
# title: A decision's actions as a set
acts(d) := {a | some a in d.actions}

# METADATA
# title: A decision's rules
rules(d) := {v.rule | some v in d.violations}

# METADATA
# title: The section most rules cite
section := "Le regole di comportamento"

# METADATA
# title: The clause each rule cites (its METADATA), from the policy document
clauses := {
	"insulti_offese": {"section": section, "quote": "insulti, offese, volgarità"},
	"minacce": {"section": section, "quote": "minacce o atteggiamenti violenti"},
	"discriminazione": {"section": section, "quote": "contenuti discriminatori per genere, origine etnica"},
	"contenuti_illeciti": {"section": section, "quote": "contenuti illeciti o che incitino a comportamenti illegali"},
	"disinformazione": {"section": section, "quote": "diffusione di informazioni false, fuorvianti o allarmistiche"},
	"pubblicita_spam": {"section": section, "quote": "pubblicità, spam o promozione commerciale di iniziative private"},
	"spam_ripetuto": {"section": section, "quote": "pubblicità, spam"},
	"diritto_autore": {"section": section, "quote": "diritti d’autore, di proprietà intellettuale"},
	"riservatezza_terzi": {"section": section, "quote": "diritti di terzi, ... di riservatezza"},
	"reputazione": {"section": section, "quote": "possano ledere la reputazione di persone o enti"},
	"pertinenza": {"section": section, "quote": "attenersi ai temi trattati nei contenuti pubblicati"},
	"misura": {"section": section, "quote": "con correttezza, misura e rispetto"},
	"dati_personali": {"section": "Privacy", "quote": "rimuoverà, quando possibile, dati sensibili o informazioni personali"},
	"finalita_istituzionali": {"section": "Cosa pubblichiamo", "quote": "finalità esclusivamente istituzionali e di interesse generale"},
}

# METADATA
# title: A staff post
post := {"content": {"kind": "post"}, "author": {"role": "staff", "office": "Segreteria tecnica"}}

# METADATA
# title: The ente's notices and replies, from data.yaml
notice_removal := data.enti.conferenza_stato_citta.notices.removal

notice_pm := data.enti.conferenza_stato_citta.notices.private_message

replies := data.enti.conferenza_stato_citta.replies

# --- nothing wrong -----------------------------------------------------------

# METADATA
# title: A civil comment on the LinkedIn page is allowed, with nothing to do
test_clean_comment if {
	d := csc.decision with input as mk(["ottima", "sintesi", "della", "seduta"], {})
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
# title: Harsh criticism and political opinions are allowed ("esprimere le proprie opinioni")
test_opinions_allowed if {
	every words in [
		["scelta", "sbagliata", "e", "ingiusta", "per", "i", "piccoli", "comuni"],
		["il", "pd", "e", "fratelli", "d", "italia", "hanno", "tagliato", "il", "fondo"],
		["vota", "per", "chi", "difende", "i", "comuni"],
	] {
		csc.decision.outcome == "allow" with input as mk(words, {})
	}
}

# --- channels ----------------------------------------------------------------

# METADATA
# title: The LinkedIn page, by id or organization URN, is managed
test_managed_page if {
	every account in ["110306410", "urn:li:organization:110306410"] {
		csc.decision.outcome == "allow" with input as mk(["buongiorno"], {"channel": {"account": account}})
	}
}

# METADATA
# title: Any other platform, page or profile is not managed, and nothing is done
test_not_managed if {
	every channel in [
		{"platform": "facebook", "account": "110306410"},
		{"platform": "instagram", "account": "conferenzastatocitta"},
		{"platform": "x", "account": "statocitta"},
		{"platform": "linkedin", "account": "urn:li:organization:98765432"},
		{"platform": "linkedin", "account": "conferenza-stato-citta"},
		{"platform": "linkedin", "account": ""},
	] {
		d := csc.decision with input as mk(["perche", "siete", "idioti"], {"channel": channel, "content": {"kind": "comment"}, "facts": {"form": {"question": true}, "history": {"violations": 4}}})
		d == {
			"outcome": "not_managed",
			"actions": [],
			"violations": [],
			"review": {"required": false},
			"author": {"violations": 4, "blocked": false},
			"history": {"violation": false, "warning": false, "block": false},
		}
	}
}

# --- each rule, with its clause ----------------------------------------------

# METADATA
# title: Each rule gives its category, outcome and actions and cites its clause
test_rules if {
	cases := {
		"insult": {
			"words": ["siete", "degli", "idioti"], "over": {},
			"rule": "insulti_offese", "category": "offensive_language",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"lieve insult": {
			"words": ["siete", "dei", "buffoni"], "over": {},
			"rule": "insulti_offese", "category": "offensive_language",
			"outcome": "review", "actions": set(),
		},
		"threat": {
			"words": ["so", "dove", "lavori"], "over": {},
			"rule": "minacce", "category": "threat",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "escalate"}},
		},
		"slur": {
			"words": ["sporchi", "musulmani"], "over": {},
			"rule": "discriminazione", "category": "discrimination",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"illegal, lexicon": {
			"words": ["documenti", "falsi", "a", "poco"], "over": {},
			"rule": "contenuti_illeciti", "category": "illegal_activity",
			"outcome": "review", "actions": set(),
		},
		"illegal, signal": {
			"words": ["ciao"], "over": {"signals": {"illegal": 0.95}},
			"rule": "contenuti_illeciti", "category": "illegal_activity",
			"outcome": "remove", "actions": {{"type": "remove"}, {"type": "escalate"}},
		},
		"hoax claim": {
			"words": ["e", "una", "bufala"], "over": {},
			"rule": "disinformazione", "category": "misinformation",
			"outcome": "review", "actions": set(),
		},
		"misinformation signal": {
			"words": ["ciao"], "over": {"signals": {"misinformation": 0.95}},
			"rule": "disinformazione", "category": "misinformation",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"advertising": {
			"words": ["corso", "in", "offerta"], "over": {"facts": {"links": [testinput.link("https://corsi.example.com/pa", "corsi.example.com", 16)]}},
			"rule": "pubblicita_spam", "category": "advertising_spam",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"repeated": {
			"words": ["ciao"], "over": {"facts": {"repetition": {"count": 2}}},
			"rule": "spam_ripetuto", "category": "flooding",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"copyright": {
			"words": ["ciao"], "over": {"signals": {"copyright": 0.93}},
			"rule": "diritto_autore", "category": "copyright_trademark",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"third party's judicial facts": {
			"words": ["il", "segretario", "e", "stato", "arrestato"], "over": {},
			"rule": "riservatezza_terzi", "category": "personal_data",
			"outcome": "review", "actions": set(),
		},
		"accusation": {
			"words": ["il", "sindaco", "e", "un", "ladro"], "over": {},
			"rule": "reputazione", "category": "defamation",
			"outcome": "review", "actions": set(),
		},
		"defamation signal": {
			"words": ["ciao"], "over": {"signals": {"defamation": 0.92}},
			"rule": "reputazione", "category": "defamation",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
		"off topic, certain signal": {
			"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.05}},
			"rule": "pertinenza", "category": "off_topic",
			"outcome": "review", "actions": set(),
		},
		"shouting": {
			"words": ["BASTA", "RINVII", "SUI", "FONDI"], "over": {"facts": {"form": {"caps_ratio": 1, "letters": 22}}},
			"rule": "misura", "category": "flooding",
			"outcome": "review", "actions": set(),
		},
		"phone number": {
			"words": ["chiamate", "la", "dirigente"], "over": {"facts": {"pii": [pii("phone", false, [])]}},
			"rule": "dati_personali", "category": "personal_data",
			"outcome": "remove", "actions": {{"type": "remove"}},
		},
	}
	every name, c in cases {
		print("case:", name)
		d := csc.decision with input as mk(c.words, c.over)
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
# title: Rule titles are Italian, as the document's legal staff read them
test_titles if {
	d := csc.decision with input as mk(["siete", "degli", "idioti"], {})
	[v] := d.violations
	v.title == "Insulti, offese e volgarità"
	v.severity == "grave"
}

# --- discrimination: every ground of the document ------------------------------

# METADATA
# title: Every ground the document lists has terms, certain or for a person to judge
test_discrimination_grounds if {
	cases := {
		"genere": {"words": ["torna", "in", "cucina"], "outcome": "remove"},
		"origine etnica": {"words": ["sporco", "negro"], "outcome": "remove"},
		"lingua": {"words": ["imparate", "l", "italiano"], "outcome": "review"},
		"religione": {"words": ["sporchi", "ebrei"], "outcome": "remove"},
		"convinzioni personali": {"words": ["sporchi", "atei"], "outcome": "remove"},
		"opinioni politiche": {"words": ["zecche", "rosse"], "outcome": "remove"},
		"orientamento sessuale": {"words": ["sei", "un", "frocio"], "outcome": "remove"},
		"eta": {"words": ["vecchi", "rimbambiti"], "outcome": "remove"},
		"disabilita": {"words": ["sei", "un", "mongoloide"], "outcome": "remove"},
		"condizioni sociali": {"words": ["siete", "pezzenti"], "outcome": "remove"},
	}
	every ground, c in cases {
		print("ground:", ground)
		d := csc.decision with input as mk(c.words, {})
		d.outcome == c.outcome
		[v] := d.violations
		v.rule == "discriminazione"
		some e in v.evidence
		e.ground == replace(ground, " ", "_")
	}
}

# METADATA
# title: Labels that are also political debate go to a person
test_discrimination_lieve if {
	every words in [["i", "soliti", "piddini"], ["ok", "boomer"], ["sono", "poveracci"], ["i", "giudei"]] {
		d := csc.decision with input as mk(words, {})
		d.outcome == "review"
		rules(d) == {"discriminazione"}
	}
}

# --- misinformation ------------------------------------------------------------

# METADATA
# title: An alarm word and a call to share count only together, as words or phrases
test_misinformation_pairing if {
	csc.decision.outcome == "allow" with input as mk(["l", "anci", "lancia", "l", "allarme", "sui", "bilanci"], {})
	csc.decision.outcome == "allow" with input as mk(["condividete", "il", "verbale", "della", "seduta"], {})

	d := csc.decision with input as mk(["urgente", "i", "comuni", "chiudono", "condividete"], {})
	d.outcome == "review"
	[v] := d.violations
	v.rule == "disinformazione"
	{e.term | some e in v.evidence} == {"urgente", "condividete"}

	p := csc.decision with input as mk(["ultim", "ora", "i", "comuni", "chiudono", "fate", "girare"], {})
	p.outcome == "review"
	[w] := p.violations
	{e.term | some e in w.evidence} == {"ultim ora", "fate girare"}
}

# METADATA
# title: A claim counts alone, and pairs add to it; a score from 0.7 is for a person, from 0.9 certain
test_misinformation_cues if {
	d := csc.decision with input as mk(["allarme", "e", "tutto", "un", "complotto"], {})
	[v] := d.violations
	{e.term | some e in v.evidence} == {"complotto"}
	v.outcome == "review"

	csc.decision.outcome == "review" with input as mk(["ciao"], {"signals": {"misinformation": 0.7}})
	csc.decision.outcome == "allow" with input as mk(["ciao"], {"signals": {"misinformation": 0.69}})
	csc.decision.outcome == "remove" with input as mk(["e", "una", "bufala"], {"signals": {"misinformation": 0.9}})
}

# METADATA
# title: A mozzarella di bufala is no hoax
test_bufala_exception if {
	csc.decision.outcome == "allow" with input as mk(["la", "mozzarella", "di", "bufala", "campana"], {})
	csc.decision.outcome == "allow" with input as mk(["allevamento", "di", "bufale"], {})
	csc.decision.outcome == "review" with input as mk(["sono", "tutte", "bufale"], {})
}

# METADATA
# title: The rule is about users spreading information, not staff posts, private messages or reports
test_misinformation_kinds if {
	p := csc.decision with input as mk(["circola", "una", "fake", "news", "sul", "riparto"], post)
	p.outcome == "allow"
	m := csc.decision with input as mk(["e", "una", "bufala"], {"content": {"kind": "private_message"}})
	m.outcome == "allow"
	m.violations == []
	r := csc.decision with input as mk(["e", "una", "bufala"], {"content": {"kind": "report"}})
	r.outcome == "redirect"
	r.violations == []
	csc.decision.outcome == "review" with input as mk(["e", "una", "bufala"], {"content": {"kind": "reply"}})
}

# --- staff posts ----------------------------------------------------------------

# METADATA
# title: A staff post has institutional aims only; a call to vote is rejected, a party name goes to a person
test_institutional_posts if {
	v := csc.decision with input as mk(["votate", "per", "i", "sindaci", "giusti"], post)
	v.outcome == "reject"
	v.actions == []
	rules(v) == {"finalita_istituzionali"}
	[x] := v.violations
	x.clause == clauses.finalita_istituzionali

	h := csc.decision with input as mk(["elezioni", "comunali"], object.union(post, {"facts": {"hashtags": [{"tag": "votarossi", "start": 20, "end": 30}]}}))
	h.outcome == "reject"

	p := csc.decision with input as mk(["il", "ministro", "di", "forza", "italia"], post)
	p.outcome == "review"
	rules(p) == {"finalita_istituzionali"}

	ok := csc.decision with input as mk(["seduta", "della", "conferenza", "giovedi"], post)
	ok == {"outcome": "allow", "actions": [], "violations": [], "review": {"required": false}, "author": {"violations": 0, "blocked": false}, "history": {"violation": false, "warning": false, "block": false}}
}

# METADATA
# title: A staff post that breaks a rule of conduct is rejected, with no removal notice
test_post_rejected if {
	d := csc.decision with input as mk(["siete", "degli", "idioti"], post)
	d.outcome == "reject"
	d.actions == []
	not d.notices
}

# --- repeat offenders --------------------------------------------------------

# METADATA
# title: The third certain violation blocks the author for 30 days and reports to LinkedIn
test_repeat_offender if {
	d := csc.decision with input as mk(["siete", "degli", "idioti"], {"facts": {"history": {"violations": 2}}})
	d.outcome == "remove"
	acts(d) == {
		{"type": "remove"},
		{"type": "block_author", "until": "2026-12-24T10:15:03+01:00"},
		{"type": "report_platform"},
	}
	d.author == {"violations": 3, "blocked": true}
}

# METADATA
# title: Repeated threats or illegal content are also reported to the authorities
test_report_authorities if {
	t := csc.decision with input as mk(["so", "dove", "lavori"], {"facts": {"history": {"violations": 2}}})
	{"type": "report_authorities"} in acts(t)
	{"type": "report_platform"} in acts(t)

	i := csc.decision with input as mk(["ciao"], {"signals": {"illegal": 0.95}, "facts": {"history": {"violations": 5}}})
	{"type": "report_authorities"} in acts(i)

	# a first threat: removed and escalated, not reported
	f := csc.decision with input as mk(["so", "dove", "lavori"], {})
	acts(f) == {{"type": "remove"}, {"type": "escalate"}}

	# a threat only a person could judge does not count
	u := csc.decision with input as mk(["ciao"], {"signals": {"threat": 0.8}, "facts": {"history": {"violations": 5}}})
	u.actions == []
}

# METADATA
# title: Which categories are reported to the authorities comes from data
test_report_authorities_from_data if {
	req := mk(["siete", "pezzenti"], {"facts": {"history": {"violations": 2}}})
	not {"type": "report_authorities"} in acts(csc.decision) with input as req
	d := csc.decision with input as req
		with data.enti.conferenza_stato_citta.repeat_offender.report_authorities.discrimination as true
	{"type": "report_authorities"} in acts(d)
}

# --- replies, reports, private messages and notices ------------------------------

# METADATA
# title: A public question is answered in public; staff must act
test_question if {
	d := csc.decision with input as mk(["quando", "e", "la", "prossima", "seduta"], {"facts": {"form": {"question": true}}})
	d.outcome == "allow"
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "public", "text": replies.question}
	d.review.required == true
	not d.notices
}

# METADATA
# title: A question that breaks a rule is removed, with no reply and the removal notice
test_question_with_violation if {
	d := csc.decision with input as mk(["quando", "rispondete", "idioti"], {"content": {"kind": "reply"}, "facts": {"form": {"question": true}}})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	not d.reply
	d.review.required == false
	d.notices == [notice_removal]
}

# METADATA
# title: A private message is answered in private and says how long its data are kept
test_private_message if {
	pm := {"content": {"kind": "private_message"}, "facts": {"pii": [pii("codice_fiscale", true, []), pii("phone", false, [])]}}
	d := csc.decision with input as mk(["sono", "il", "responsabile", "finanziario"], pm)
	d.outcome == "allow"
	d.violations == []
	d.actions == [{"type": "reply"}]
	d.reply == {"visibility": "private", "text": replies.private_message}
	d.review.required == true
	d.notices == [notice_pm]
}

# METADATA
# title: An offensive private message is removed within the platform's limits; its data notice stays
test_private_message_removed if {
	d := csc.decision with input as mk(["siete", "dei", "cretini"], {"content": {"kind": "private_message"}})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	not d.reply
	d.notices == sort([notice_pm, notice_removal])
}

# METADATA
# title: Content a person will judge gets no removal notice
test_no_notice_on_review if {
	d := csc.decision with input as mk(["e", "una", "bufala"], {})
	d.outcome == "review"
	not d.notices
}

# METADATA
# title: A report is redirected to csc@governo.it and forwarded to the Segreteria tecnica
test_report if {
	d := csc.decision with input as mk(["il", "link", "al", "verbale", "non", "funziona"], {"content": {"kind": "report"}})
	d.outcome == "redirect"
	acts(d) == {{"type": "forward_to_office", "office": "Segreteria tecnica"}, {"type": "reply"}}
	d.reply == {"visibility": "public", "text": replies.redirect}
	contains(d.reply.text, "csc@governo.it")
	d.review.required == false
}

# METADATA
# title: A report that breaks a rule is still forwarded, but gets no reply
test_report_with_violation if {
	d := csc.decision with input as mk(["verbale", "idioti"], {"content": {"kind": "report"}})
	d.outcome == "remove"
	acts(d) == {{"type": "remove"}, {"type": "forward_to_office", "office": "Segreteria tecnica"}}
	not d.reply
}

# --- own contacts ----------------------------------------------------------------

# METADATA
# title: Addresses on governo.it and links to statocitta.it are the office's own
test_own_contacts if {
	own := pii("email", false, ["governo.it", "it"])
	csc.decision.outcome == "allow" with input as mk(["scrivete", "a"], {"facts": {"pii": [own]}})
	other := pii("email", false, ["gmail.com", "com"])
	csc.decision.outcome == "remove" with input as mk(["scrivete", "a"], {"facts": {"pii": [other]}})

	site := testinput.link("https://www.statocitta.it/corsi", "www.statocitta.it", 12)
	d := csc.decision with input as mk(["corso", "gratis"], {"facts": {"links": [site]}})
	d.outcome == "review"
	rules(d) == {"pubblicita_spam"}
}
