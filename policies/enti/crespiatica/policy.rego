# METADATA
# title: Comune di Crespiatica — Social Media Policy
# description: >-
#   Rules of the "Disciplinare per l'utilizzo e la gestione dei social media
#   del Comune di Crespiatica" (../shared/seeds/004_af19fb672d07f0a6.txt).
#   The rules that are the standard template's checks are cited in
#   data.yaml (clauses), with the other parameters (data.enti.crespiatica);
#   each rule here cites its section and a short quote in its METADATA.
#   What is special to Crespiatica:
#   contracted sponsors may advertise, propaganda for or against any party is
#   moderated, anonymity is kept for a valid reason, anonymous reports are not
#   taken into account, applications and emergencies are redirected.
package galateo.enti.crespiatica

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

# --- Regole di utilizzo 1)-5) -------------------------------------------------

# METADATA
# title: Pubblicità, spam e promozione di interessi privati
# description: >-
#   Case i) spares the companies with a sponsorship contract in force: their
#   own advertising, and the page managers' posts that name them. A citizen's
#   advertising that names a sponsor goes to a person.
# custom:
#   rule: pubblicita_spam
#   section: Regole di utilizzo, 4); Moderazione, i)
#   quote: pubblicità di attività commerciali
advertising := checks.advertising(rego.metadata.rule(), params)

# METADATA
# title: Advertising, save for the sponsors of case i)
violations contains v if {
	not sponsor_exempt
	v := sponsor_checked(advertising)
}

# METADATA
# title: Link a siti esterni fuori tema
# description: >-
#   A short comment with a link to another site that shares nothing with the
#   post: too little text for the off-topic rule, so a person decides.
# custom:
#   rule: link_fuori_tema
#   section: Regole di utilizzo, 5); Moderazione, g)
#   quote: inserimento link a siti esterni fuori tema
violations contains v if {
	input.content.kind in {"comment", "reply"}
	links := checks.external_links(params)
	count(links) > 0
	not input.signals.topic_similarity
	input.facts.topic_similarity <= params.off_topic.link_max_similarity
	input.facts.content_words < params.off_topic.min_content_words
	ev := array.concat(links, [{"fact": "topic_similarity", "score": input.facts.topic_similarity}])
	v := template.violation(rego.metadata.rule(), "advertising_spam", ev, false, params)
}

# --- Moderazione a)-i) ----------------------------------------------------------

# METADATA
# title: Propaganda politica a favore o contro un partito
# description: >-
#   Calls to vote and hashtags of parties are certain; a party named in a
#   sentence is left to a person, who tells propaganda from debate.
# custom:
#   rule: propaganda_politica
#   section: Moderazione, d)
#   quote: hashtag o messaggi di propaganda politica
violations contains v if {
	not staff_content
	v := checks.lexicon_or_signal(rego.metadata.rule(), "political_propaganda", {"propaganda"}, params)
}

# METADATA
# title: Dati personali propri o di terzi in pubblico
# custom:
#   rule: dati_personali
#   section: Moderazione, e); Richieste, segnalazioni e risposte
#   quote: diffusione non autorizzata di dati personali di terzi
violations contains v if {
	not staff_content
	v := checks.personal_data(rego.metadata.rule(), params)
}

# METADATA
# title: Attacchi personali
# custom:
#   rule: attacchi_personali
#   section: Moderazione, f)
#   quote: attacchi personali di qualsiasi tipo
violations contains v if {
	sigs := checks.signals({"toxicity"}, params.signals.review)
	count(sigs) > 0
	v := template.violation(rego.metadata.rule(), "offensive_language", checks.sorted(sigs), checks.certain(set(), sigs, params), params)
}

# --- Moderazione, "Verranno inoltre moderati" ----------------------------------

# --- Contenuti; organizzazione e gestione -------------------------------------

# METADATA
# title: Spazi del Comune usati per finalità politiche o di parte
# description: the page managers' own content; citizens fall under case d).
# custom:
#   rule: finalita_politiche
#   section: Canali social del Comune di Crespiatica - organizzazione e gestione
#   quote: per finalità politiche e/o di parte
violations contains v if {
	staff_content
	v := checks.lexicon_or_signal(rego.metadata.rule(), "political_propaganda", {"propaganda"}, params)
}

# METADATA
# title: Riservatezza dei gestori sui dati personali
# description: the page managers' own content; a staff post is rejected.
# custom:
#   rule: riservatezza_gestori
#   section: Canali social del Comune di Crespiatica - organizzazione e gestione; Privacy
#   quote: particolare diligenza e riservatezza
violations contains v if {
	staff_content
	v := checks.personal_data(rego.metadata.rule(), params)
}

# --- Moderazione: nickname anonimi e account fake ------------------------------

# METADATA
# title: Nickname anonimo o profilo falso senza validi motivi
# description: >-
#   Never acts alone: the anonymous post or comment "potrà essere rimosso a
#   indiscutibile giudizio dei social manager", so a person decides.
# custom:
#   rule: anonimato
#   section: Moderazione
#   quote: validi motivi per mantenere la condizione di anonimato
violations contains v if {
	input.content.kind in checks.public_kinds
	anonymous_author
	not valid_anonymity
	v := template.violation(rego.metadata.rule(), "fake_account", anonymity_evidence, false, params)
}

# METADATA
# title: A nickname or an evidently fake profile
anonymous_author if input.author.anonymous

anonymous_author if input.signals.fake_account >= params.signals.review

anonymity_evidence := array.concat(
	[{"fact": "author", "anonymous": true} | input.author.anonymous],
	checks.sorted(checks.signals({"fake_account"}, params.signals.review)),
)

# METADATA
# title: The reason given for anonymity, if the social managers accept it
valid_anonymity := params.anonymity.valid_reasons[fold(object.get(input.author, "anonymity_reason", ""))]

# METADATA
# title: Text folded for key lookups
# description: lower case, no accents; apostrophes, underscores, hyphens, dots and commas become spaces.
fold(s) := concat(" ", [w | some w in split(strings.replace_n(fold_map, lower(s)), " "); w != ""])

fold_map := {
	"à": "a", "á": "a", "è": "e", "é": "e", "ì": "i", "í": "i", "ò": "o", "ó": "o", "ù": "u", "ú": "u",
	"'": " ", "’": " ", "_": " ", "-": " ", ".": " ", ",": " ",
}

# --- Sponsors (case i) --------------------------------------------------------

# METADATA
# title: The day of the decision in the Comune's zone, as a date
today := time.parse_ns("2006-01-02", time.format([time.parse_rfc3339_ns(input.now), params.schedule.timezone, "2006-01-02"]))

# METADATA
# title: A sponsorship contract in force on the day of the decision
# description: from its start day to its end day included; an expired or future contract does not count.
in_force(cid) if {
	c := params.sponsors.contracts[cid]
	time.parse_ns("2006-01-02", c.start) <= today
	today <= time.parse_ns("2006-01-02", c.end)
}

# METADATA
# title: Contracts of the author, by account id or by name
author_contracts contains cid if {
	cid := params.sponsors.accounts[input.author.id]
}

author_contracts contains cid if {
	cid := params.sponsors.names[fold(object.get(input.author, "name", ""))]
}

# METADATA
# title: Contracts in force of the sponsors the text names
named_contracts contains cid if {
	some cid in object.filter(params.sponsors.names, lexicon.ngram_keys)
	in_force(cid)
}

named_contracts contains cid if {
	some cid in object.filter(params.sponsors.names, token_norms)
	in_force(cid)
}

# METADATA
# title: The words of the text, folded
token_norms contains t.norm if some t in input.facts.tokens

# METADATA
# title: Advertising the sponsor exception covers
sponsor_exempt if {
	some cid in author_contracts
	in_force(cid)
}

sponsor_exempt if {
	staff_content
	count(named_contracts) > 0
}

# METADATA
# title: A citizen's advertising that names a sponsor goes to a person
sponsor_checked(ad) := object.union(ad, {
	"outcome": "review",
	"actions": [],
	"evidence": array.concat(ad.evidence, [{"fact": "sponsor", "contract": cid} | some cid in named_contracts]),
}) if {
	count(named_contracts) > 0
} else := ad

companies(cids) := concat(", ", sort([params.sponsors.contracts[cid].company | some cid in cids]))

# --- Richieste, segnalazioni e risposte ---------------------------------------

# METADATA
# title: Content of the page managers (Sindaco, assessori, staff)
staff_content if input.author.role in {"staff", "administrator"}

# METADATA
# title: Hits of a redirect category in a citizen's content
# description: >-
#   The page managers' own posts and replies ("aggiornamenti in situazioni
#   di emergenza") are never redirected.
redirect_hits(category) := lexicon.in_category(category) if not staff_content

redirect_hits(_) := set() if staff_content

# METADATA
# title: Emergencies in a citizen's content, in any words (checks.emergencies)
emergency_hits := checks.emergencies if not staff_content

emergency_hits := set() if staff_content

# METADATA
# title: Applications in content that is taken into account
application_hits := redirect_hits("application") if not ignored_report

application_hits := set() if ignored_report

certain_hit(hits) if {
	some h in hits
	params.lexicon.certain_severities[h.severity]
}

# METADATA
# title: Where a citizen is redirected
# description: >-
#   "I canali social non possono essere utilizzati": emergencies to the
#   emergency numbers, istanze and moduli to the offices and the site.
#   Content that breaks a rule gets no answer, so no redirect either.
redirect_to := "emergency" if {
	count(violations) == 0
	certain_hit(emergency_hits)
} else := "application" if {
	count(violations) == 0
	certain_hit(application_hits)
}

# METADATA
# title: Anonymous reports are not taken into account
ignored_report if {
	input.content.kind == "report"
	input.author.anonymous
}

# METADATA
# title: A report coherent with the policy is taken in charge
taken_in_charge if {
	input.content.kind == "report"
	not ignored_report
	count(violations) == 0
	count(emergency_hits) + count(application_hits) == 0
}

# METADATA
# title: Kinds whose questions get a public answer
question_kind if input.content.kind in {"comment", "reply"}

question_kind if {
	input.content.kind == "post"
	not staff_content
}

# METADATA
# title: Content that needs an answer from staff
answer_needed if taken_in_charge

answer_needed if {
	question_kind
	input.facts.form.question
	not staff_content
	not redirect_to
}

answer_needed if {
	input.content.kind == "private_message"
	not redirect_to
}

default answer_needed := false

# METADATA
# title: The text of the answer
reply_text := params.replies.emergency if {
	redirect_to == "emergency"
} else := params.replies.application if {
	redirect_to == "application"
} else := params.replies.report if {
	taken_in_charge
} else := params.replies.question[checks.reply_visibility] if {
	answer_needed
}

default reply := {}

# METADATA
# title: Public questions get public answers, private messages private ones
reply := {"visibility": checks.reply_visibility, "text": reply_text}

# METADATA
# title: What the ente adds without a violation
extra := {
	"outcomes": outcomes,
	"actions": extra_actions,
	"reply": reply,
	"review": answer_needed,
	"notices": notices,
}

outcomes contains "not_managed" if checks.not_managed(params)

outcomes contains "redirect" if redirect_to

# Weak evidence of an emergency or an application: a person looks first.
outcomes contains "review" if {
	not redirect_to
	count(emergency_hits) + count(application_hits) > 0
}

# METADATA
# title: Repeat offenders, answers and reports taken in charge
# description: >-
#   "bloccare l'utente ... segnalarlo ai responsabili della piattaforma ed
#   eventualmente alle forze dell'ordine": block, report to the platform, and
#   escalate so that a person decides on the authorities.
extra_actions contains a if {
	some a in checks.repeat_offender_actions(violations, params)
}

extra_actions contains {"type": "escalate"} if {
	count(checks.repeat_offender_actions(violations, params)) > 0
}

extra_actions contains {"type": "reply"} if reply_text

extra_actions contains {"type": "forward_to_office", "office": params.offices.default} if taken_in_charge

# METADATA
# title: Sentences for the explanation
notices contains params.notices.anonymous_report if {
	ignored_report
	not redirect_to
}

notices contains params.notices.private_answer if {
	input.content.kind == "private_message"
	answer_needed
	count(violations) == 0
}

notices contains params.notices.emergency if count(emergency_hits) > 0

notices contains params.notices.application if count(application_hits) > 0

notices contains params.notices.personal_case if {
	some v in violations
	v.category == "personal_case"
}

notices contains sprintf(params.notices.anonymity_kept, [valid_anonymity]) if {
	input.content.kind in checks.public_kinds
	anonymous_author
}

notices contains params.notices.anonymity_unknown_reason if {
	input.content.kind in checks.public_kinds
	anonymous_author
	object.get(input.author, "anonymity_reason", "") != ""
	not valid_anonymity
}

notices contains sprintf(params.notices.sponsor, [companies({cid | some cid in author_contracts; in_force(cid)} | named_contracts)]) if {
	sponsor_exempt
	advertising
}

notices contains sprintf(params.notices.sponsor_named, [companies(named_contracts)]) if {
	not sponsor_exempt
	count(named_contracts) > 0
	some v in violations
	v.rule == "pubblicita_spam"
}

notices contains sprintf(params.notices.sponsor_expired, [companies(expired)]) if {
	expired := {cid | some cid in author_contracts; not in_force(cid)}
	count(expired) > 0
	some v in violations
	v.rule == "pubblicita_spam"
}
