# METADATA
# title: Ufficio di Segreteria della Conferenza Stato–città e autonomie locali — Social Media Policy
# description: >-
#   Rules of ../shared/seeds/002_0adabfd9c9af86e0.txt. The rules that are
#   the standard template's checks are cited in data.yaml (clauses), with
#   the other parameters (data.enti.conferenza_stato_citta); each rule here
#   cites its section and a short quote. Special to this ente: a single
#   LinkedIn page, false, misleading or alarmist information, reports to the
#   authorities for repeated threats, and how long private-message data is kept.
package galateo.enti.conferenza_stato_citta

import data.galateo.lib.checks
import data.galateo.lib.decision as template
import data.galateo.lib.lexicon
import data.galateo.lib.params as ente
import data.galateo.lib.standard
import rego.v1

params := ente.current

# METADATA
# title: Decision
decision := template.decide(violations, extra)

# METADATA
# title: The rules data.yaml cites under clauses, checked by the standard template
violations contains v if some v in standard.cited(params)

# --- "Non saranno tollerati" -------------------------------------------------

# METADATA
# title: Informazioni false, fuorvianti o allarmistiche
# description: >-
#   Users' comments and replies ("diffusione"). Cues of lexicon/misinformation.yaml
#   (all lieve: review): claims alone, alarm words and calls to share only
#   together; or a classifier's misinformation score (certain at
#   signals.certain). Only a person can tell whether information is false.
# custom:
#   rule: disinformazione
#   section: Le regole di comportamento
#   quote: diffusione di informazioni false, fuorvianti o allarmistiche
violations contains v if {
	input.content.kind in {"comment", "reply"}
	sigs := checks.signals({"misinformation"}, params.signals.review)
	count(misinformation_cues) + count(sigs) > 0
	v := template.violation(
		rego.metadata.rule(), "misinformation", checks.sorted(misinformation_cues | sigs),
		checks.certain(misinformation_cues, sigs, params), params,
	)
}

# METADATA
# title: Kinds of misinformation cue that count only together
# description: an alarm word with a call to share ("URGENTE ... condividete"); each alone is ordinary.
paired_kinds := {"alarm", "share"}

# METADATA
# title: Misinformation claims, which count on their own (lexicon terms)
misinformation_cues contains h if {
	some h in lexicon.in_category("misinformation")
}

# METADATA
# title: Alarm words and calls to share, when the text holds both
misinformation_cues contains h if {
	some h in paired_hits
	count(paired_kinds - {o.kind | some o in paired_hits}) == 0
}

# METADATA
# title: Words and phrases of data.lexicon.misinformation_pairs in the text
# description: >-
#   Looked up by key like lexicon terms, but kept out of data.lexicon.terms
#   so that no other rule sees an alarm word or a call to share alone.
paired_hits contains hit if {
	pairs := data.lexicon.misinformation_pairs
	some tok in input.facts.tokens
	some key in tok.keys
	entry := pairs[key]
	hit := object.union(entry, {"fact": "lexicon", "term": key, "match": tok.text, "start": tok.start, "end": tok.end})
}

paired_hits contains hit if {
	pairs := data.lexicon.misinformation_pairs
	some g in input.facts.ngrams
	entry := pairs[g.key]
	hit := object.union(entry, {"fact": "lexicon", "term": g.key, "match": g.text, "start": g.start, "end": g.end})
}

# --- "È consentito" ------------------------------------------------------------

# --- "Privacy" -----------------------------------------------------------------

# --- "Cosa pubblichiamo" ---------------------------------------------------------

# METADATA
# title: Finalità esclusivamente istituzionali dei post
# description: >-
#   A staff post that calls to vote is rejected; one that names a party goes
#   to a person. Commercial promotion is pubblicita_spam.
# custom:
#   rule: finalita_istituzionali
#   section: Cosa pubblichiamo
#   quote: finalità esclusivamente istituzionali e di interesse generale
violations contains v if {
	input.content.kind == "post"
	hits := lexicon.in_category("political_propaganda")
	count(hits) > 0
	v := template.violation(rego.metadata.rule(), "political_propaganda", checks.sorted(hits), call_to_vote(hits), params)
}

call_to_vote(hits) if {
	some h in hits
	h.kind == "call"
}

default call_to_vote(_) := false

# --- channels, repeat offenders, replies, notices -----------------------------

# METADATA
# title: What the ente adds without a violation
# description: >-
#   Channels it does not manage; block, report to LinkedIn and, where
#   necessary, to the authorities for repeated violations; answers to
#   questions and private messages; reports redirected; notices on removal
#   and on private-message data.
extra := {
	"outcomes": outcomes,
	"actions": ((checks.repeat_offender_actions(violations, params) | authorities) | reply_actions),
	"reply": reply,
	"review": answer_needed,
	"notices": notices,
}

# METADATA
# title: Pagine e profili non gestiti
# custom:
#   section: I canali social dove siamo presenti
#   quote: non siano indicati in questa sezione non sono gestiti
outcomes contains "not_managed" if checks.not_managed(params)

# METADATA
# title: Segnalazioni indirizzate al canale corretto
# custom:
#   section: Contatti e aggiornamenti
#   quote: "Segnalazioni ... possono essere inviate a: csc@governo.it"
outcomes contains "redirect" if input.content.kind == "report"

# METADATA
# title: Segnalazione alle autorità competenti per violazioni ripetute
# description: >-
#   "se necessario": when the author is blocked (checks.repeat_offender_actions)
#   for a certain violation of a category listed in
#   repeat_offender.report_authorities (threats, illegal content).
# custom:
#   section: Avvertenze per gli utenti
#   quote: se necessario, effettuare segnalazioni ... alle autorità competenti
authorities contains {"type": "report_authorities"} if {
	checks.offender(violations, params)
	some v in violations
	v.outcome != "review"
	params.repeat_offender.report_authorities[v.category]
}

# METADATA
# title: A question in public, or any private message, is read by staff and answered
# custom:
#   section: Contatti e aggiornamenti
#   quote: monitorati dal lunedì al venerdì
answer_needed if {
	input.content.kind in {"comment", "reply"}
	input.facts.form.question
}

answer_needed if input.content.kind == "private_message"

default answer_needed := false

reply_actions contains {"type": "reply"} if answer_needed

reply_actions contains {"type": "reply"} if input.content.kind == "report"

reply_actions contains {"type": "forward_to_office", "office": params.offices.default} if input.content.kind == "report"

default reply := {}

reply := {"visibility": "public", "text": params.replies.redirect} if input.content.kind == "report"

reply := {"visibility": "private", "text": params.replies.private_message} if input.content.kind == "private_message"

reply := {"visibility": "public", "text": params.replies.question} if {
	input.content.kind in {"comment", "reply"}
	answer_needed
}

# METADATA
# title: Data sent in a private message are kept only as long as the request needs
# custom:
#   section: Privacy
#   quote: conservati esclusivamente per il tempo necessario
notices contains params.notices.private_message if input.content.kind == "private_message"

# METADATA
# title: Removal within the platform's technical limits
# custom:
#   section: Avvertenze per gli utenti
#   quote: nei limiti tecnicamente consentiti dalla piattaforma
notices contains params.notices.removal if {
	input.content.kind != "post"
	some v in violations
	v.outcome == "remove"
}
