# METADATA
# title: Tests of the Comune di Crespiatica's policy
# description: >-
#   What the Social Media Policy of the Comune di Crespiatica decides, rule by
#   rule, with the clause each decision cites, and what is special to it:
#   sponsors, propaganda, anonymity, anonymous reports, redirects of
#   applications and emergencies, public and private answers. mk builds the
#   input the engine would: words become tokens and phrases, overrides are
#   merged over sane defaults (a citizen's comment on facebook, on Monday 23
#   November 2026 at 10:15, with no history).
package galateo.enti.crespiatica_test

import data.galateo.enti.crespiatica
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
	"ente": "crespiatica",
	"channel": {"platform": "facebook", "account": "comune.crespiatica"},
	"content": {"id": "123_456"},
	"author": {"id": "fb:998877"},
}

# METADATA
# title: A personal-data finding as the engine reports it
pii(kind, validated) := {"kind": kind, "start": 10, "end": 30, "validated": validated, "domain_suffixes": [], "digits": "3471234567"}

# METADATA
# title: A decision's actions as a set
acts(d) := {a | some a in d.actions}

# METADATA
# title: A decision's action types as a set
types(d) := {a.type | some a in d.actions}

# METADATA
# title: A decision's rules
rules(d) := {v.rule | some v in d.violations}

# METADATA
# title: A link to a shop, another site than the comune's
shop_link := testinput.link("https://www.ferramentabianchi.it", "www.ferramentabianchi.it", 20)

# METADATA
# title: The page managers' post
staff_post := {"content": {"kind": "post"}, "author": {"role": "staff", "office": "Segreteria"}}

# METADATA
# title: The clause each rule cites (its METADATA), from the policy document
clauses := {
	"misura": {"section": "Regole di utilizzo, 1)", "quote": "esporre la propria opinione con correttezza e misura"},
	"dati_verificabili": {"section": "Regole di utilizzo, 1)", "quote": "basandosi per quanto possibile su dati di fatto verificabili"},
	"insulti_turpiloquio": {"section": "Regole di utilizzo, 2); Moderazione, b) e c)", "quote": "insulti, volgarità, offese"},
	"minacce": {"section": "Regole di utilizzo, 2); Moderazione, c)", "quote": "minacce e, in generale, atteggiamenti violenti"},
	"dati_sensibili": {"section": "Regole di utilizzo, 3); Moderazione, verranno inoltre moderati b)", "quote": "i commenti o i post che presentano dati sensibili"},
	"pubblicita_spam": {"section": "Regole di utilizzo, 4); Moderazione, i)", "quote": "pubblicità di attività commerciali"},
	"attivita_illegali": {"section": "Regole di utilizzo, 4); Moderazione, a)", "quote": "promozione o sostegno di attività illegali"},
	"off_topic": {"section": "Regole di utilizzo, 5); Moderazione, verranno inoltre moderati a)", "quote": "fuori argomento rispetto alla discussione"},
	"link_fuori_tema": {"section": "Regole di utilizzo, 5); Moderazione, g)", "quote": "inserimento link a siti esterni fuori tema"},
	"diffamazione": {"section": "Moderazione, b) e c)", "quote": "diffamazione"},
	"propaganda_politica": {"section": "Moderazione, d)", "quote": "hashtag o messaggi di propaganda politica"},
	"dati_personali": {"section": "Moderazione, e); Richieste, segnalazioni e risposte", "quote": "diffusione non autorizzata di dati personali di terzi"},
	"attacchi_personali": {"section": "Moderazione, f)", "quote": "attacchi personali di qualsiasi tipo"},
	"discriminazione": {"section": "Moderazione, b) e f)", "quote": "commenti offensivi rivolti a qualunque gruppo etnico, politico, religioso"},
	"diritto_autore": {"section": "Moderazione, h)", "quote": "violazioni del diritto d'autore"},
	"interventi_ripetuti": {"section": "Moderazione, verranno inoltre moderati c)", "quote": "gli interventi inseriti reiteratamente"},
	"disturbo": {"section": "Moderazione, verranno inoltre moderati d)", "quote": "scritti per disturbare la discussione"},
	"trolling": {"section": "Moderazione, verranno inoltre moderati d)", "quote": "per disturbare la discussione o offendere chi gestisce e modera"},
	"questioni_personali": {"section": "Contenuti", "quote": "casi personali o che riguardino terzi non esplicitamente consenzienti"},
	"finalita_politiche": {"section": "Canali social del Comune di Crespiatica - organizzazione e gestione", "quote": "per finalità politiche e/o di parte"},
	"riservatezza_gestori": {"section": "Canali social del Comune di Crespiatica - organizzazione e gestione; Privacy", "quote": "particolare diligenza e riservatezza"},
	"anonimato": {"section": "Moderazione", "quote": "validi motivi per mantenere la condizione di anonimato"},
}

# --- nothing wrong -----------------------------------------------------------

# METADATA
# title: A civil comment is allowed, with nothing to do
test_clean_comment if {
	d := crespiatica.decision with input as mk(["bella", "iniziativa", "per", "la", "piazza"], {})
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
# title: The social platforms are managed; the institutional site is not one of them
test_channels if {
	every p in ["facebook", "instagram", "x", "linkedin", "youtube", "telegram", "whatsapp", "other"] {
		crespiatica.decision.outcome == "allow" with input as mk(["buongiorno"], {"channel": {"platform": p}})
	}
	d := crespiatica.decision with input as mk(["sei", "un", "idiota"], {"channel": {"platform": "website"}})
	d.outcome == "not_managed"
	d.actions == []
	d.violations == []
}

# --- each rule, with its clause ----------------------------------------------

# METADATA
# title: Each rule gives its category, outcome and actions and cites its clause
test_rules if {
	cases := {
		"shouting": {
			"words": ["VERGOGNA", "VERGOGNA", "VERGOGNA"], "over": {"facts": {"form": {"letters": 24, "caps_ratio": 1}}},
			"rule": "misura", "category": "flooding", "outcome": "review", "actions": set(),
		},
		"misinformation, even when certain": {
			"words": ["ciao"], "over": {"signals": {"misinformation": 0.95}},
			"rule": "dati_verificabili", "category": "misinformation", "outcome": "review", "actions": set(),
		},
		"insult": {
			"words": ["sei", "un", "idiota"], "over": {},
			"rule": "insulti_turpiloquio", "category": "offensive_language", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"lieve insult": {
			"words": ["sei", "un", "buffone"], "over": {},
			"rule": "insulti_turpiloquio", "category": "offensive_language", "outcome": "review", "actions": set(),
		},
		"threat": {
			"words": ["io", "ti", "ammazzo"], "over": {},
			"rule": "minacce", "category": "threat", "outcome": "remove", "actions": {{"type": "remove"}, {"type": "escalate"}},
		},
		"health of a third party": {
			"words": ["quello", "e", "sieropositivo"], "over": {},
			"rule": "dati_sensibili", "category": "personal_data", "outcome": "review", "actions": set(),
		},
		"advertising with a link": {
			"words": ["grande", "offerta"], "over": {"facts": {"links": [shop_link]}},
			"rule": "pubblicita_spam", "category": "advertising_spam", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"drug dealing": {
			"words": ["spaccio", "in", "piazza"], "over": {},
			"rule": "attivita_illegali", "category": "illegal_activity", "outcome": "review", "actions": set(),
		},
		"illegal signal": {
			"words": ["ciao"], "over": {"signals": {"illegal": 0.95}},
			"rule": "attivita_illegali", "category": "illegal_activity", "outcome": "remove", "actions": {{"type": "remove"}, {"type": "escalate"}},
		},
		"off topic": {
			"words": ["ciao"], "over": {"signals": {"topic_similarity": 0.1}},
			"rule": "off_topic", "category": "off_topic", "outcome": "hide", "actions": {{"type": "hide"}},
		},
		"off-topic link": {
			"words": ["guardate", "qui"], "over": {"facts": {"links": [shop_link], "topic_similarity": 0}},
			"rule": "link_fuori_tema", "category": "advertising_spam", "outcome": "review", "actions": set(),
		},
		"accusation": {
			"words": ["il", "sindaco", "e", "un", "ladro"], "over": {},
			"rule": "diffamazione", "category": "defamation", "outcome": "review", "actions": set(),
		},
		"defamation signal": {
			"words": ["ciao"], "over": {"signals": {"defamation": 0.92}},
			"rule": "diffamazione", "category": "defamation", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"call to vote": {
			"words": ["vota", "per", "rossi"], "over": {},
			"rule": "propaganda_politica", "category": "political_propaganda", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"party named": {
			"words": ["colpa", "del", "pd"], "over": {},
			"rule": "propaganda_politica", "category": "political_propaganda", "outcome": "review", "actions": set(),
		},
		"party hashtag": {
			"words": ["evviva"], "over": {"facts": {"hashtags": [{"tag": "forzaitalia", "start": 7, "end": 19}]}},
			"rule": "propaganda_politica", "category": "political_propaganda", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"phone number": {
			"words": ["chiamate", "mario"], "over": {"facts": {"pii": [pii("phone", false)]}},
			"rule": "dati_personali", "category": "personal_data", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"toxicity": {
			"words": ["sparisci"], "over": {"signals": {"toxicity": 0.95}},
			"rule": "attacchi_personali", "category": "offensive_language", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"toxicity, uncertain": {
			"words": ["sparisci"], "over": {"signals": {"toxicity": 0.75}},
			"rule": "attacchi_personali", "category": "offensive_language", "outcome": "review", "actions": set(),
		},
		"slur": {
			"words": ["sporco", "negro"], "over": {},
			"rule": "discriminazione", "category": "discrimination", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"copyright": {
			"words": ["ciao"], "over": {"signals": {"copyright": 0.95}},
			"rule": "diritto_autore", "category": "copyright_trademark", "outcome": "remove", "actions": {{"type": "remove"}},
		},
		"repeated": {
			"words": ["ciao"], "over": {"facts": {"repetition": {"count": 2}}},
			"rule": "interventi_ripetuti", "category": "flooding", "outcome": "hide", "actions": {{"type": "hide"}},
		},
		"emoji wall": {
			"words": [], "over": {"facts": {"form": {"emoji": 30}}},
			"rule": "disturbo", "category": "flooding", "outcome": "hide", "actions": {{"type": "hide"}},
		},
		"trolling": {
			"words": ["ciao"], "over": {"signals": {"trolling": 0.95}},
			"rule": "trolling", "category": "flooding", "outcome": "hide", "actions": {{"type": "hide"}},
		},
		"personal case": {
			"words": ["il", "mio", "vicino", "fa", "rumore"], "over": {},
			"rule": "questioni_personali", "category": "personal_case", "outcome": "review", "actions": set(),
		},
		"personal case, certain": {
			"words": ["ciao"], "over": {"signals": {"personal_case": 0.95}},
			"rule": "questioni_personali", "category": "personal_case", "outcome": "hide", "actions": {{"type": "hide"}},
		},
		"staff post for a party": {
			"words": ["vota", "per", "rossi"], "over": staff_post,
			"rule": "finalita_politiche", "category": "political_propaganda", "outcome": "reject", "actions": set(),
		},
		"staff post with a phone number": {
			"words": ["chiamate", "mario"], "over": object.union(staff_post, {"facts": {"pii": [pii("phone", false)]}}),
			"rule": "riservatezza_gestori", "category": "personal_data", "outcome": "reject", "actions": set(),
		},
		"anonymous author": {
			"words": ["bella", "piazza"], "over": {"author": {"anonymous": true}},
			"rule": "anonimato", "category": "fake_account", "outcome": "review", "actions": set(),
		},
		"evidently fake account": {
			"words": ["bella", "piazza"], "over": {"signals": {"fake_account": 0.97}},
			"rule": "anonimato", "category": "fake_account", "outcome": "review", "actions": set(),
		},
	}
	every name, c in cases {
		print("case:", name)
		d := crespiatica.decision with input as mk(c.words, c.over)
		d.outcome == c.outcome
		acts(d) == c.actions
		[v] := d.violations
		v.rule == c.rule
		v.category == c.category
		v.clause == clauses[c.rule]
	}
}

# METADATA
# title: A violation carries the rule's title, severity and the evidence's span
test_insult_evidence if {
	d := crespiatica.decision with input as mk(["sei", "un", "idiota"], {})
	[v] := d.violations
	v.title == "Insulti, volgarità e turpiloquio"
	v.severity == "grave"
	[e] := v.evidence
	[e.fact, e.term, e.start, e.end] == ["lexicon", "idiota", 7, 13]
	d.author == {"violations": 1, "blocked": false}
}

# METADATA
# title: The most restrictive outcome wins and only its visibility action is taken
test_most_restrictive if {
	d := crespiatica.decision with input as mk(["sei", "un", "idiota"], {"signals": {"topic_similarity": 0.05}})
	d.outcome == "remove"
	rules(d) == {"insulti_turpiloquio", "off_topic"}
	d.actions == [{"type": "remove"}]
}

# METADATA
# title: Evidence of a fake account lists the author flag and the classifier's score
test_anonymity_evidence if {
	d := crespiatica.decision with input as mk(["ciao"], {"author": {"anonymous": true}, "signals": {"fake_account": 0.8}})
	[v] := d.violations
	v.evidence == [{"fact": "author", "anonymous": true}, {"fact": "signal", "name": "fake_account", "score": 0.8}]
}

# --- staff and citizens --------------------------------------------------------

# METADATA
# title: The page managers fall under their own rules, not under case d) and e)
test_staff_rules if {
	d := crespiatica.decision with input as mk(["vota", "per", "rossi"], {"author": {"role": "administrator"}})
	rules(d) == {"finalita_politiche"}
	d.outcome == "remove"
	p := crespiatica.decision with input as mk(["chiamate"], {"author": {"role": "staff"}, "facts": {"pii": [pii("email", false)]}})
	rules(p) == {"riservatezza_gestori"}
}

# METADATA
# title: Councillors write from personal accounts, under the citizens' rules
test_councillor if {
	d := crespiatica.decision with input as mk(["vota", "per", "rossi"], {"author": {"role": "councillor"}})
	rules(d) == {"propaganda_politica"}
	d.outcome == "remove"
}

# METADATA
# title: Naming a party in a staff post goes to a person too
test_staff_party_named if {
	d := crespiatica.decision with input as mk(["grazie", "al", "pd"], staff_post)
	d.outcome == "review"
	rules(d) == {"finalita_politiche"}
}

# --- sponsors -------------------------------------------------------------------

# METADATA
# title: A sponsor's own advertising, by account or by name, while the contract is in force
test_sponsor_in_force if {
	cases := {
		"by account": {"author": {"id": "fb:100090001"}},
		"by name": {"author": {"id": "fb:1", "name": "Ferramenta  BIANCHI"}},
	}
	every name, over in cases {
		print("case:", name)
		d := crespiatica.decision with input as mk(["grande", "offerta"], object.union(over, {"facts": {"links": [shop_link]}}))
		d.outcome == "allow"
		d.violations == []
		d.notices == ["La pubblicità riguarda un'azienda con un contratto di sponsorizzazione in vigore con il Comune (Ferramenta Bianchi): è ammessa."]
	}
}

# METADATA
# title: A contract counts from its first to its last day included, in the Comune's zone
test_sponsor_dates if {
	cases := {
		"expired": {"id": "fb:100090002", "now": "2026-11-23T10:15:03+01:00", "outcome": "remove"},
		"not yet started": {"id": "fb:100090003", "now": "2026-12-31T23:30:00+01:00", "outcome": "remove"},
		"first day, just after midnight in Rome (still 31 December in UTC)": {"id": "fb:100090003", "now": "2027-01-01T00:30:00+01:00", "outcome": "allow"},
		"last day, late evening": {"id": "fb:100090001", "now": "2026-12-31T23:30:00+01:00", "outcome": "allow"},
		"the day after the last": {"id": "fb:100090001", "now": "2027-01-01T00:10:00+01:00", "outcome": "remove"},
		"in force, in summer time": {"id": "fb:100090001", "now": "2026-06-15T09:00:00+02:00", "outcome": "allow"},
	}
	every name, c in cases {
		print("case:", name)
		d := crespiatica.decision with input as mk(["grande", "offerta"], {"author": {"id": c.id}, "now": c.now, "facts": {"links": [shop_link]}})
		d.outcome == c.outcome
	}
}

# METADATA
# title: An expired contract is named in the explanation
test_sponsor_expired_notice if {
	d := crespiatica.decision with input as mk(["grande", "offerta"], {"author": {"id": "fb:100090002"}, "facts": {"links": [shop_link]}})
	d.outcome == "remove"
	d.notices == ["L'autore ha un contratto di sponsorizzazione (Pizzeria La Rotonda) che non è in vigore alla data della decisione: l'eccezione per gli sponsor non si applica."]
}

# METADATA
# title: A citizen's advertising naming a sponsor goes to a person; the page managers may name it
test_sponsor_named if {
	words := ["offerta", "da", "ferramenta", "bianchi"]
	d := crespiatica.decision with input as mk(words, {"facts": {"links": [shop_link]}})
	d.outcome == "review"
	[v] := d.violations
	v.rule == "pubblicita_spam"
	v.outcome == "review"
	v.actions == []
	{"fact": "sponsor", "contract": "SP-2026-01"} in v.evidence
	d.notices == ["Il testo nomina un'azienda sponsor del Comune (Ferramenta Bianchi) ma non è pubblicato da essa: un operatore verifica se la pubblicità è autorizzata."]

	s := crespiatica.decision with input as mk(words, object.union(staff_post, {"facts": {"links": [shop_link]}}))
	s.outcome == "allow"

	# a sponsor whose contract has ended is not spared by being named
	e := crespiatica.decision with input as mk(["offerta", "pizzeria", "la", "rotonda"], object.union(staff_post, {"facts": {"links": [shop_link]}}))
	e.outcome == "reject"
}

# METADATA
# title: A sponsor's name of one word is found among the words too
test_sponsor_named_one_word if {
	d := crespiatica.decision with input as mk(["offerta", "da", "bianchi"], object.union(staff_post, {"facts": {"links": [shop_link]}}))
		with data.enti.crespiatica.sponsors.names as {"bianchi": "SP-2026-01"}
	d.outcome == "allow"
}

# METADATA
# title: Without advertising, a sponsor's comment has nothing to explain
test_sponsor_without_advertising if {
	d := crespiatica.decision with input as mk(["bella", "festa"], {"author": {"id": "fb:100090001"}})
	d.outcome == "allow"
	not d.notices
}

# --- anonymity ------------------------------------------------------------------

# METADATA
# title: A valid reason for anonymity, however it is written, keeps the comment
test_anonymity_valid_reason if {
	every reason in ["Vittima di violenza", "VITTIMA_DI-VIOLENZA", "  vittima di   violenza. ", "Testimone di un reato", "minorenne", "Tutela della salute"] {
		d := crespiatica.decision with input as mk(["grazie"], {"author": {"anonymous": true, "anonymity_reason": reason}})
		d.outcome == "allow"
		count(d.notices) == 1
		contains(d.notices[0], "l'anonimato viene mantenuto")
	}
}

# METADATA
# title: Any other reason leaves the comment to the social managers, with a notice
test_anonymity_other_reason if {
	d := crespiatica.decision with input as mk(["grazie"], {"author": {"anonymous": true, "anonymity_reason": "preferisco così"}})
	d.outcome == "review"
	rules(d) == {"anonimato"}
	d.notices == ["L'autore anonimo indica un motivo che non è tra quelli riconosciuti: la decisione spetta ai social manager."]
}

# METADATA
# title: Anonymity is judged on public posts and comments only
test_anonymity_private if {
	d := crespiatica.decision with input as mk(["buongiorno"], {"content": {"kind": "private_message"}, "author": {"anonymous": true}})
	d.violations == []
}

# METADATA
# title: Folding for key lookups
test_fold if {
	crespiatica.fold("L'Università  è-Aperta") == "l universita e aperta"
	crespiatica.fold("") == ""
}

# --- reports ----------------------------------------------------------------------

# METADATA
# title: A report coherent with the policy is taken in charge and forwarded
test_report_taken_in_charge if {
	d := crespiatica.decision with input as mk(["lampione", "spento", "in", "via", "roma"], {"content": {"kind": "report"}})
	d.outcome == "allow"
	acts(d) == {{"type": "reply"}, {"type": "forward_to_office", "office": "Segreteria del Sindaco"}}
	d.review.required
	d.reply.visibility == "public"
	startswith(d.reply.text, "Grazie per la segnalazione")
}

# METADATA
# title: Anonymous reports are not taken into account
test_report_anonymous if {
	d := crespiatica.decision with input as mk(["lampione", "spento", "in", "via", "roma"], {"content": {"kind": "report"}, "author": {"anonymous": true}})
	d.outcome == "allow"
	d.actions == []
	d.review.required == false
	not d.reply
	count(d.notices) == 1
	contains(d.notices[0], "non verranno prese in considerazione")
}

# METADATA
# title: An anonymous application is not taken into account either; an anonymous emergency is redirected
test_report_anonymous_redirects if {
	a := crespiatica.decision with input as mk(["presento", "istanza"], {"content": {"kind": "report"}, "author": {"anonymous": true}})
	a.outcome == "allow"
	a.actions == []
	e := crespiatica.decision with input as mk(["fuga", "di", "gas"], {"content": {"kind": "report"}, "author": {"anonymous": true}})
	e.outcome == "redirect"
	types(e) == {"reply"}
	count(e.notices) == 1
	contains(e.notices[0], "112")
}

# METADATA
# title: A report that may break a rule is not forwarded, a person decides
test_report_with_violation if {
	d := crespiatica.decision with input as mk(["il", "mio", "vicino", "fa", "rumore"], {"content": {"kind": "report"}})
	d.outcome == "review"
	d.actions == []
	not d.reply
	count(d.notices) == 1
	contains(d.notices[0], "altri mezzi di contatto")
}

# METADATA
# title: A report with a weak cue of an emergency is not forwarded, a person looks first
test_report_with_weak_cue if {
	d := crespiatica.decision with input as mk(["dopo", "l", "incendio", "detriti", "in", "strada"], {"content": {"kind": "report"}})
	d.outcome == "review"
	d.actions == []
}

# --- redirects ----------------------------------------------------------------------

# METADATA
# title: Emergencies and applications are redirected, with the reply text of the data
test_redirects if {
	cases := {
		"gas leak in a comment": {"words": ["c", "e", "una", "fuga", "di", "gas"], "over": {}, "text": "emergency", "visibility": "public"},
		"fallen tree in a private message": {"words": ["albero", "caduto", "in", "via", "dante"], "over": {"content": {"kind": "private_message"}}, "text": "emergency", "visibility": "private"},
		"application in a reply": {"words": ["allego", "la", "domanda", "di", "iscrizione"], "over": {"content": {"kind": "reply"}}, "text": "application", "visibility": "public"},
		"form in a report": {"words": ["presento", "istanza"], "over": {"content": {"kind": "report"}}, "text": "application", "visibility": "public"},
		"emergency and application": {"words": ["fuga", "di", "gas", "modulo"], "over": {}, "text": "emergency", "visibility": "public"},
		"citizen post on the bacheca": {"words": ["strada", "allagata", "a", "tormo"], "over": {"content": {"kind": "post"}}, "text": "emergency", "visibility": "public"},
	}
	every name, c in cases {
		print("case:", name)
		d := crespiatica.decision with input as mk(c.words, c.over)
		d.outcome == "redirect"
		d.actions == [{"type": "reply"}]
		d.reply == {"visibility": c.visibility, "text": data.enti.crespiatica.replies[c.text]}
		d.review.required == false
	}
}

# METADATA
# title: Weak cues of an emergency or an application go to a person
test_weak_cues if {
	every words in [["l", "alluvione", "dell", "anno", "scorso"], ["serve", "il", "certificato", "di", "residenza"]] {
		d := crespiatica.decision with input as mk(words, {})
		d.outcome == "review"
		d.violations == []
		d.review.required
		not d.reply
		count(d.notices) == 1
	}
}

# METADATA
# title: The page managers' updates on an emergency are not redirected
test_staff_emergency if {
	d := crespiatica.decision with input as mk(["albero", "caduto", "in", "via", "dante", "modulo"], staff_post)
	d.outcome == "allow"
	d.actions == []
	not d.notices
}

# METADATA
# title: Content that breaks a rule gets no redirect and no answer; staff still read the cue
test_emergency_with_violation if {
	d := crespiatica.decision with input as mk(["fuga", "di", "gas", "idioti"], {})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	not d.reply
	count(d.notices) == 1
	contains(d.notices[0], "112")
}

# --- answers ------------------------------------------------------------------------

# METADATA
# title: Public questions get public answers, private messages private ones
test_answers if {
	cases := {
		"question in a comment": {"kind": "comment", "role": "citizen", "question": true, "visibility": "public"},
		"question in a reply": {"kind": "reply", "role": "citizen", "question": true, "visibility": "public"},
		"question posted on the bacheca": {"kind": "post", "role": "citizen", "question": true, "visibility": "public"},
		"private message": {"kind": "private_message", "role": "citizen", "question": false, "visibility": "private"},
	}
	every name, c in cases {
		print("case:", name)
		d := crespiatica.decision with input as mk(["quando", "apre", "l", "ecocentro"], {"content": {"kind": c.kind}, "author": {"role": c.role}, "facts": {"form": {"question": c.question}}})
		d.outcome == "allow"
		d.actions == [{"type": "reply"}]
		d.review.required
		d.reply == {"visibility": c.visibility, "text": data.enti.crespiatica.replies.question[c.visibility]}
	}
}

# METADATA
# title: A private message's answer may become public in impersonal form
test_private_notice if {
	d := crespiatica.decision with input as mk(["quando", "apre"], {"content": {"kind": "private_message"}})
	count(d.notices) == 1
	contains(d.notices[0], "forma impersonale")
	v := crespiatica.decision with input as mk(["quando", "apre", "idioti"], {"content": {"kind": "private_message"}})
	v.outcome == "remove"
	not v.reply
	not v.notices
}

# METADATA
# title: A statement without a question, or the page managers' own questions, need no answer
test_no_answer if {
	every over in [{}, {"author": {"role": "staff"}, "facts": {"form": {"question": true}}}, {"content": {"kind": "post"}, "author": {"role": "staff"}, "facts": {"form": {"question": true}}}] {
		d := crespiatica.decision with input as mk(["bella", "piazza"], over)
		d.actions == []
		d.review.required == false
	}
}

# METADATA
# title: A question that breaks a rule gets no answer
test_question_with_violation if {
	d := crespiatica.decision with input as mk(["quando", "finite", "imbecilli"], {"facts": {"form": {"question": true}}})
	d.outcome == "remove"
	d.actions == [{"type": "remove"}]
	d.review.required == false
	not d.reply
}

# --- repeat offenders -----------------------------------------------------------

# METADATA
# title: Repeated violations block the author, tell the platform and go to a person
test_repeat_offender if {
	d := crespiatica.decision with input as mk(["sei", "un", "idiota"], {"facts": {"history": {"violations": 2}}})
	d.outcome == "remove"
	types(d) == {"remove", "block_author", "report_platform", "escalate"}
	some a in d.actions
	a == {"type": "block_author", "until": "2026-12-23T10:15:03+01:00"}
	d.author == {"violations": 3, "blocked": true}

	u := crespiatica.decision with input as mk(["sei", "un", "buffone"], {"facts": {"history": {"violations": 2}}})
	u.outcome == "review"
	u.actions == []
}
