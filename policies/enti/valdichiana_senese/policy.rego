# METADATA
# title: Unione dei Comuni Valdichiana Senese — Social Media Policy
# description: >-
#   Rules of ../shared/seeds/000_c4b1bfbb133d5341.txt, the policy of the
#   Union and of the Comuni of Cetona, Chianciano Terme, San Casciano dei
#   Bagni, Sarteano and Trequanda, which adopt it (adopts: valdichiana_senese
#   in their data). Each rule cites its section and a short quote; parameters
#   are read through data.galateo.lib.params.current, so that a member
#   comune's own data (name, patron saint's day) is written over the Union's.
package galateo.enti.valdichiana_senese

import data.galateo.lib.checks
import data.galateo.lib.decision as template
import data.galateo.lib.lexicon
import data.galateo.lib.params as ente
import rego.v1

params := ente.current

# METADATA
# title: Decision
decision := template.decide(violations, extra)

# --- Regole di utilizzo: "Non saranno comunque tollerati" ----------------------

# METADATA
# title: Insulti e volgarità
# custom:
#   rule: insulti_volgarita
#   section: Regole di utilizzo
#   quote: insulti, volgarità, offese
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "offensive_language", {"insult", "profanity", "toxicity"}, params)
}

# METADATA
# title: Offese discriminatorie
# custom:
#   rule: offese_discriminatorie
#   section: Regole di utilizzo
#   quote: insulti, volgarità, offese
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "discrimination", {"identity_attack"}, params)
}

# METADATA
# title: Offese alle persone
# description: accusations without evidence go to a person; a certain classifier removes.
# custom:
#   rule: offese_persone
#   section: Regole di utilizzo
#   quote: insulti, volgarità, offese
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "defamation", {"defamation"}, params)
}

# METADATA
# title: Minacce e atteggiamenti violenti
# custom:
#   rule: minacce_violenza
#   section: Regole di utilizzo
#   quote: minacce e, in generale, atteggiamenti violenti
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "threat", {"threat", "violence"}, params)
}

# --- Regole di utilizzo: "con correttezza e misura" ---------------------------

# METADATA
# title: Opinione senza misura
# custom:
#   rule: correttezza_misura
#   section: Regole di utilizzo
#   quote: con correttezza e misura
violations contains v if {
	v := checks.shouting(rego.metadata.rule(), params)
}

# METADATA
# title: Dati di fatto verificabili
# description: a request ("per quanto possibile"), so a classifier's doubt goes to a person.
# custom:
#   rule: dati_di_fatto
#   section: Regole di utilizzo
#   quote: basandosi per quanto possibile su dati di fatto verificabili
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "misinformation", {"misinformation"}, params)
}

# --- Regole di utilizzo: privacy, interesse pubblico, tema ------------------

# METADATA
# title: Privacy delle persone
# custom:
#   rule: privacy_persone
#   section: Regole di utilizzo
#   quote: rispettare sempre la privacy delle persone
violations contains v if {
	v := checks.personal_data(rego.metadata.rule(), params)
}

# METADATA
# title: Sfera personale di terzi
# custom:
#   rule: sfera_personale_terzi
#   section: Regole di utilizzo
#   quote: ledano la sfera personale di terzi
violations contains v if {
	input.content.kind in checks.public_kinds
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_data", {"sensitive_data"}, params)
}

# METADATA
# title: Casi personali
# custom:
#   rule: casi_personali
#   section: Regole di utilizzo
#   quote: per affrontare casi personali
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_case", {"personal_case"}, params)
}

# METADATA
# title: Discussione legata al tema
# custom:
#   rule: tema_specifico
#   section: Regole di utilizzo
#   quote: evitando di allargare il confronto in modo generico
violations contains v if {
	v := checks.off_topic(rego.metadata.rule(), params)
}

# --- Regole di utilizzo: "Non sarà tollerata alcuna forma di pubblicità" ------

# METADATA
# title: Pubblicità, spam e interessi privati
# description: >-
#   For the ente's own posts a person decides: the Union shares content of
#   public interest made by the member comuni, other bodies and local
#   associations ("condividere e rilanciare"), which may read like an ad.
# custom:
#   rule: pubblicita_spam
#   section: Regole di utilizzo
#   quote: alcuna forma di pubblicità, spam o promozione di interessi privati
violations contains v if {
	v := shared_content(checks.advertising(rego.metadata.rule(), params))
}

# METADATA
# title: A staff post that reads like an ad is left to a person
shared_content(v) := object.union(v, {"outcome": "review", "actions": []}) if input.content.kind == "post"

shared_content(v) := v if input.content.kind != "post"

# METADATA
# title: Attività illegali
# custom:
#   rule: attivita_illegali
#   section: Regole di utilizzo
#   quote: promozione di interessi privati o di attività illegali
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "illegal_activity", {"illegal"}, params)
}

# METADATA
# title: Diritto d'autore
# custom:
#   rule: diritto_autore
#   section: Regole di utilizzo
#   quote: contenuti che violino il diritto d'autore
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "copyright_trademark", {"copyright"}, params)
}

# METADATA
# title: Marchi registrati
# custom:
#   rule: marchi_registrati
#   section: Regole di utilizzo
#   quote: utilizzo non autorizzato di marchi registrati
violations contains v if {
	v := checks.lexicon_or_signal(rego.metadata.rule(), "copyright_trademark", {"trademark"}, params)
}

# --- Moderazione, Contatti ----------------------------------------------------

# METADATA
# title: What the ente adds without a violation
# description: >-
#   "allontanare gli utenti dai propri spazi e segnalarli ai filtri di
#   moderazione" (repeat offenders); "Ogni richiesta di informazione e
#   segnalazione ... viene valutata" (a person answers, nothing is forwarded
#   automatically: "se opportuno"); "I tempi di risposta possono variare"
#   (a notice); "Contatti" (where suggestions on the policy go); channels
#   the policy does not cover.
extra := {
	"outcomes": outcomes,
	"actions": (checks.repeat_offender_actions(violations, params) | reply_actions),
	"reply": reply,
	"review": answer_needed,
	"notices": notices,
}

outcomes contains "not_managed" if checks.not_managed(params)

# METADATA
# title: A request or report that staff must evaluate
# description: questions in public, private messages and reports ("richiesta di informazione e segnalazione").
answer_needed if {
	input.content.kind in {"comment", "reply"}
	input.facts.form.question
}

answer_needed if input.content.kind in {"private_message", "report"}

default answer_needed := false

reply_actions contains {"type": "reply"} if answer_needed

# METADATA
# title: The content is about the policy or its moderation
# description: a word or phrase of data's policy_feedback.terms, looked up by key.
about_policy if lexicon.mentions(params.policy_feedback.terms)

# METADATA
# title: Reply
# description: the contact for suggestions on the policy, the report text, or the request text.
default reply := {}

reply := {"visibility": checks.reply_visibility, "text": reply_text} if answer_needed

reply_text := params.replies.policy_feedback if about_policy

reply_text := params.replies.report if {
	not about_policy
	input.content.kind == "report"
}

reply_text := params.replies.question if {
	not about_policy
	input.content.kind != "report"
}

# METADATA
# title: Notices for the explanation
# description: only for content that breaks no rule, which gets an answer.
notices contains params.notices.response_times if {
	answer_needed
	count(violations) == 0
}

notices contains params.notices.policy_feedback if {
	answer_needed
	about_policy
	count(violations) == 0
}
