# METADATA
# title: Comune di Massa — Social Media Policy esterna
# description: >-
#   Rules of ../shared/seeds/001_4a33e9ace4aec82e.txt. Each rule cites its
#   section and a short quote; parameters are in data.yaml (data.enti.massa).
package galateo.enti.massa

import data.galateo.lib.checks
import data.galateo.lib.decision as template
import data.galateo.lib.params as ente
import rego.v1

params := ente.current

# METADATA
# title: Decision
decision := template.decide(violations, extra)

# --- "saranno rimossi" ------------------------------------------------------

# METADATA
# title: Insulti e turpiloquio
# custom:
#   rule: insulti_turpiloquio
#   section: Moderazione e regole di utilizzo
#   quote: insulti, turpiloquio, minacce
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "offensive_language", {"insult", "profanity", "toxicity"}, params)
}

# METADATA
# title: Minacce
# custom:
#   rule: minacce
#   section: Moderazione e regole di utilizzo
#   quote: insulti, turpiloquio, minacce
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "threat", {"threat"}, params)
}

# METADATA
# title: Contenuti discriminatori
# custom:
#   rule: discriminazione
#   section: Moderazione e regole di utilizzo
#   quote: commenti e post discriminatori, offensivi violenti
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "discrimination", {"identity_attack"}, params)
}

# METADATA
# title: Lesione della dignità personale
# custom:
#   rule: dignita_personale
#   section: Moderazione e regole di utilizzo
#   quote: atteggiamenti che ledano la dignità personale
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "defamation", {"defamation"}, params)
}

# METADATA
# title: Dati personali e sensibili in pubblico
# custom:
#   rule: dati_sensibili
#   section: Moderazione e regole di utilizzo; Privacy
#   quote: i dati sensibili postati in commenti o post pubblici
violations contains v if {
	v := checks.personal_data(rego.metadata.rule(), params)
}

# METADATA
# title: Dati sensibili di una persona nominata
# description: >-
#   Health, religion, sexual orientation, union membership, ethnic origin or
#   judicial matters (GDPR art. 9-10) of a person the comment names, in the
#   same sentence: removed, as the document lists "dati sensibili" among
#   what "saranno rimossi" (personal_data.named_special_category_certain).
# custom:
#   rule: dati_sensibili_terzi
#   section: Moderazione e regole di utilizzo; Privacy
#   quote: i dati sensibili postati in commenti o post pubblici
violations contains v if {
	v := checks.special_category(rego.metadata.rule(), params)
}

# METADATA
# title: Sfera personale di terzi
# custom:
#   rule: privacy_terzi
#   section: Moderazione e regole di utilizzo
#   quote: ledano o invadano la sfera personale di terzi
violations contains v if {
	input.content.kind in checks.public_kinds
	not named_special_category
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_data", {"sensitive_data"}, params)
}

# A disclosure about a named person is dati_sensibili_terzi's, not a second violation.
named_special_category if {
	input.content.kind in checks.public_kinds
	count(checks.special_category_evidence) > 0
}

# --- "Verranno inoltre moderati" ---------------------------------------------

# METADATA
# title: Fuori argomento
# custom:
#   rule: off_topic
#   section: Moderazione e regole di utilizzo
#   quote: palesemente fuori argomento
violations contains v if {
	v := checks.off_topic(rego.metadata.rule(), params)
}

# METADATA
# title: Interventi ripetuti
# custom:
#   rule: interventi_ripetuti
#   section: Moderazione e regole di utilizzo
#   quote: interventi inseriti ripetutamente
violations contains v if {
	v := checks.repeated(rego.metadata.rule(), params)
}

# METADATA
# title: Post per disturbare la discussione
# custom:
#   rule: disturbo
#   section: Moderazione e regole di utilizzo
#   quote: post scritti per disturbare la discussione
violations contains v if {
	v := checks.emoji_flood(rego.metadata.rule(), params)
}

# METADATA
# title: Trolling e flame
# custom:
#   rule: trolling
#   section: Moderazione e regole di utilizzo
#   quote: "\"trolling\", \"flame\""
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "flooding", {"trolling"}, params)
}

# METADATA
# title: Opinione senza misura
# custom:
#   rule: misura
#   section: Moderazione e regole di utilizzo
#   quote: con correttezza, misura e rispetto delle opinioni altrui
violations contains v if {
	v := checks.shouting(rego.metadata.rule(), params)
}

# METADATA
# title: Pubblicità e spam
# custom:
#   rule: pubblicita_spam
#   section: Moderazione e regole di utilizzo
#   quote: non è ammessa alcuna forma di pubblicità, spam
violations contains v if {
	v := checks.advertising(rego.metadata.rule(), params)
}

# METADATA
# title: Propaganda elettorale
# custom:
#   rule: propaganda_elettorale
#   section: Moderazione e regole di utilizzo
#   quote: qualsiasi tipo di propaganda elettorale
violations contains v if {
	v := checks.propaganda(rego.metadata.rule(), params)
}

# --- "fermo restando il rispetto di alcune regole fondamentali" ---------------

# METADATA
# title: Attività illegali
# custom:
#   rule: attivita_illegali
#   section: Moderazione e regole di utilizzo
#   quote: promozione di interessi privati o di attività ritenute illegali
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "illegal_activity", {"illegal"}, params)
}

# METADATA
# title: Diritto d'autore e marchi
# custom:
#   rule: diritto_autore
#   section: Moderazione e regole di utilizzo
#   quote: contenuti che violino il diritto d'autore
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "copyright_trademark", {"copyright"}, params)
}

# METADATA
# title: Questioni personali
# custom:
#   rule: questioni_personali
#   section: Moderazione e regole di utilizzo
#   quote: non è possibile in alcun modo utilizzare questi spazi per affrontare questioni personali
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_case", {"personal_case"}, params)
}

# METADATA
# title: Account palesemente falsi
# custom:
#   rule: account_falsi
#   section: Moderazione e regole di utilizzo
#   quote: utenti con account palesemente falsi
violations contains v if {
	v := checks.fake_account(rego.metadata.rule(), params)
}

# --- ban, replies, redirects ------------------------------------------------

# METADATA
# title: What the ente adds without a violation
# description: >-
#   "di chi viola ripetutamente le condizioni" (ban and report to the
#   platform); "Risposte" (questions are answered, requests redirected to
#   the offices); channels the ente does not manage.
extra := {
	"outcomes": outcomes,
	"actions": (checks.repeat_offender_actions(violations, params) | reply_actions),
	"reply": reply,
	"review": answer_needed,
}

outcomes contains "not_managed" if checks.not_managed(params)

outcomes contains "redirect" if input.content.kind == "report"

# A question or a private message needs an answer from staff.
answer_needed if {
	input.content.kind in {"comment", "reply", "private_message"}
	input.facts.form.question
}

answer_needed if input.content.kind == "private_message"

default answer_needed := false

reply_actions contains {"type": "reply"} if answer_needed

reply_actions contains {"type": "forward_to_office", "office": params.offices.default} if input.content.kind == "report"

reply_actions contains {"type": "reply"} if input.content.kind == "report"

default reply := {}

reply := {"visibility": checks.reply_visibility, "text": params.replies.redirect} if input.content.kind == "report"

reply := {"visibility": checks.reply_visibility, "text": params.replies.question} if {
	input.content.kind != "report"
	answer_needed
}
