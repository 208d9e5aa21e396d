# METADATA
# title: Tests of the notice to the author
# description: >-
#   notice.of for each outcome that calls for a notice (hide, remove, a
#   block with and without its end), for the decisions that call for none,
#   for a person's decision, and for enti with their own period and contact
#   for a reclamo or with none; template.decide carries it.
package galateo.lib.notice_test

import data.galateo.lib.decision as template
import data.galateo.lib.notice
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: An ente with an office for requests and no period of its own
prova := {
	"name": "Comune di Prova",
	"policy_title": "Social Media Policy del Comune di Prova",
	"schedule": {"timezone": "Europe/Rome"},
	"offices": {"default": "URP", "contacts": {"URP": "Ufficio Relazioni con il Pubblico, urp@comune.prova.it"}},
}

now := "2026-11-23T10:15:03+01:00"

# METADATA
# title: A certain violation of the insults rule
insulto := {"rule": "insulti", "category": "offensive_language", "outcome": "remove", "clause": {"section": "Regole di utilizzo", "quote": "insulti, turpiloquio"}}

# METADATA
# title: A violation left to a person
dubbio := {"rule": "dignita", "category": "defamation", "outcome": "review", "clause": {"section": "Rispetto", "quote": "dignità delle persone"}}

# METADATA
# title: The notice of a decision for ente prova with data ente
notice_of(ente, d, automated) := n if {
	n := notice.of(d, automated, now) with input as {"ente": "prova"} with data.enti as {"prova": ente}
}

why := "Motivo: il contenuto non rispetta la Social Media Policy del Comune di Prova, sezione «Regole di utilizzo» («insulti, turpiloquio»)."

automated := "La decisione è stata presa in modo automatico, applicando le regole della policy."

# METADATA
# title: The appeal sentences with the default period, 180 days to Saturday 22 May 2027
appeal := concat(" ", [
	"Se ritiene che la decisione sia sbagliata, può presentare reclamo all'ente entro sabato 22 maggio 2027 alle 10:15, indicando il contenuto e i motivi: il reclamo sarà esaminato da una persona.",
	"Per il reclamo si rivolga a: Ufficio Relazioni con il Pubblico, urp@comune.prova.it.",
])

# --- each outcome ------------------------------------------------------------

# METADATA
# title: A removal says what, why, that it is automated, how and until when to appeal
test_remove if {
	n := notice_of(prova, {"outcome": "remove", "actions": [{"type": "remove"}], "violations": [insulto, dubbio]}, true)
	n == {
		"text": concat(" ", ["Il suo contenuto è stato rimosso.", why, automated, appeal]),
		"automated": true,
		"appeal_until": "2027-05-22T10:15:03+02:00",
	}
}

# METADATA
# title: Hiding says so
test_hide if {
	n := notice_of(prova, {"outcome": "hide", "actions": [{"type": "hide"}], "violations": [object.union(insulto, {"outcome": "hide"})]}, true)
	startswith(n.text, concat(" ", ["Il suo contenuto è stato nascosto agli altri utenti.", why]))
	n.appeal_until == "2027-05-22T10:15:03+02:00"
}

# METADATA
# title: A block with its end says until when, in the ente's zone
test_block_until if {
	d := {"outcome": "remove", "actions": [{"type": "remove"}, {"type": "block_author", "until": "2026-12-23T10:15:03+01:00"}, {"type": "report_platform"}], "violations": [insulto]}
	n := notice_of(prova, d, true)
	startswith(n.text, "Il suo contenuto è stato rimosso. Il suo profilo è stato bloccato fino a mercoledì 23 dicembre 2026 alle 10:15. Motivo:")
}

# METADATA
# title: A block without an end is for good, also beside a block with one
test_block_for_good if {
	n := notice_of(prova, {"outcome": "allow", "actions": [{"type": "block_author"}], "violations": [insulto]}, true)
	startswith(n.text, "Il suo profilo è stato bloccato a tempo indeterminato. Motivo:")
	m := notice_of(prova, {"outcome": "remove", "actions": [{"type": "block_author"}, {"type": "block_author", "until": "2026-12-23T10:15:03+01:00"}], "violations": [insulto]}, true)
	contains(m.text, "bloccato a tempo indeterminato")
	not contains(m.text, "fino a")
}

# METADATA
# title: Decisions that neither hide, remove nor block carry no notice
test_no_notice if {
	every outcome in ["allow", "review", "redirect", "reject", "not_managed"] {
		not notice_of(prova, {"outcome": outcome, "actions": [{"type": "warn_author"}], "violations": [insulto]}, true)
	}
}

# --- who decided -------------------------------------------------------------

# METADATA
# title: A person's decision says so
test_person if {
	n := notice_of(prova, {"outcome": "remove", "actions": [{"type": "remove"}], "violations": [object.union(dubbio, {"outcome": "remove"})]}, false)
	n.automated == false
	contains(n.text, "La decisione è stata presa da una persona incaricata dall'ente.")
	contains(n.text, "sezione «Rispetto» («dignità delle persone»)")
}

# --- why ---------------------------------------------------------------------

# METADATA
# title: Every clause that decided, once each; review-only violations only when nothing else is cited
test_reasons if {
	other := {"rule": "minacce", "category": "threat", "outcome": "remove", "clause": {"section": "Minacce", "quote": "minacce"}}
	n := notice_of(prova, {"outcome": "remove", "actions": [], "violations": [insulto, other, object.union(insulto, {"rule": "altro"})]}, true)
	contains(n.text, "Policy del Comune di Prova, sezione «Minacce» («minacce»); sezione «Regole di utilizzo» («insulti, turpiloquio»).")
	h := notice_of(prova, {"outcome": "hide", "actions": [], "violations": [dubbio]}, true)
	contains(h.text, "sezione «Rispetto»")
	e := notice_of(object.remove(prova, ["policy_title"]), {"outcome": "hide", "actions": [], "violations": []}, true)
	contains(e.text, "Motivo: la decisione applica la Social Media Policy di Comune di Prova.")
}

# --- the ente's period and contact -------------------------------------------

# METADATA
# title: An ente's own period and contact for a reclamo
test_ente_appeal if {
	ente := object.union(prova, {"appeal": {"days": 30, "contact": "reclami@comune.prova.it"}})
	n := notice_of(ente, {"outcome": "remove", "actions": [], "violations": [insulto]}, true)
	n.appeal_until == "2026-12-23T10:15:03+01:00"
	endswith(n.text, "entro mercoledì 23 dicembre 2026 alle 10:15, indicando il contenuto e i motivi: il reclamo sarà esaminato da una persona. Per il reclamo si rivolga a: reclami@comune.prova.it.")
}

# METADATA
# title: Only the period, the contact stays the office one
test_ente_appeal_days_only if {
	n := notice_of(object.union(prova, {"appeal": {"days": 60}}), {"outcome": "remove", "actions": [], "violations": [insulto]}, true)
	n.appeal_until == "2027-01-22T10:15:03+01:00"
	endswith(n.text, "Per il reclamo si rivolga a: Ufficio Relazioni con il Pubblico, urp@comune.prova.it.")
}

# METADATA
# title: Without a contact, a generic sentence
test_no_contact if {
	n := notice_of(object.remove(prova, ["offices"]), {"outcome": "remove", "actions": [], "violations": [insulto]}, true)
	endswith(n.text, "Per il reclamo si rivolga ai contatti indicati nella policy o sul sito istituzionale dell'ente.")
}

# METADATA
# title: A period across the change to summer time keeps the time of day
test_summer_time if {
	n := notice.of({"outcome": "remove", "actions": [], "violations": [insulto]}, true, "2027-03-20T09:00:00+01:00") with input as {"ente": "prova"}
		with data.enti as {"prova": object.union(prova, {"appeal": {"days": 10}})}
	n.appeal_until == "2027-03-30T09:00:00+02:00"
	contains(n.text, "entro martedì 30 marzo 2027 alle 9:00,")
}

# --- the template ------------------------------------------------------------

# METADATA
# title: template.decide carries the notice of a removal, automated, from the input's time
test_decide_carries_notice if {
	params := object.union(prova, {"categories": {"offensive_language": {"outcome": "remove", "severity": "grave", "actions": ["warn_author"]}}})
	inp := {"ente": "prova", "content": {"kind": "comment"}, "now": now, "facts": {"history": {"violations": 0}}}
	meta := {"title": "Insulti", "custom": {"rule": "insulti", "section": "Regole di utilizzo", "quote": "insulti, turpiloquio"}}
	v := template.violation(meta, "offensive_language", [], true, params)
	d := template.decide({v}, {}) with input as inp with data.enti as {"prova": params}
	d.notice.automated
	d.notice.appeal_until == "2027-05-22T10:15:03+02:00"
	startswith(d.notice.text, concat(" ", ["Il suo contenuto è stato rimosso.", why, automated]))
	d.history == {"violation": true, "warning": true, "block": false}
	a := template.decide(set(), {}) with input as inp with data.enti as {"prova": params}
	not a.notice
}
