# METADATA
# title: Standard policy template
# description: >-
#   The rules most enti's documents share, for enti made of data only
#   (template: standard in data.yaml) and for enti whose own policy.rego
#   reuses them. A rule applies only where the ente's data cites its clause
#   (clauses.<rule>: {section, quote}): the document decides which rules exist.
#   Rule titles are Italian: they reach citizens through the explanation.
package galateo.lib.standard

import data.galateo.lib.checks
import data.galateo.lib.decision as template
import data.galateo.lib.params as ente
import rego.v1

params := ente.current

# METADATA
# title: Decision
decision := template.decide(violations, extra(violations))

# A rule applies where the ente's data cites its clause.
cited(meta) if params.clauses[meta.custom.rule]

# METADATA
# title: Insulti e turpiloquio
# custom:
#   rule: insulti_turpiloquio
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "offensive_language", {"insult", "profanity", "toxicity"}, params)
}

# METADATA
# title: Minacce
# custom:
#   rule: minacce
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "threat", {"threat"}, params)
}

# METADATA
# title: Contenuti discriminatori
# custom:
#   rule: discriminazione
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "discrimination", {"identity_attack"}, params)
}

# METADATA
# title: Lesione della dignità personale
# custom:
#   rule: dignita_personale
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "defamation", {"defamation"}, params)
}

# METADATA
# title: Dati personali e sensibili in pubblico
# custom:
#   rule: dati_sensibili
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.personal_data(rego.metadata.rule(), params)
}

# METADATA
# title: Sfera personale di terzi
# custom:
#   rule: privacy_terzi
violations contains v if {
	cited(rego.metadata.rule())
	input.content.kind in checks.public_kinds
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_data", {"sensitive_data"}, params)
}

# METADATA
# title: Fuori argomento
# custom:
#   rule: off_topic
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.off_topic(rego.metadata.rule(), params)
}

# METADATA
# title: Interventi ripetuti
# custom:
#   rule: interventi_ripetuti
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.repeated(rego.metadata.rule(), params)
}

# METADATA
# title: Post per disturbare la discussione
# custom:
#   rule: disturbo
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.emoji_flood(rego.metadata.rule(), params)
}

# METADATA
# title: Trolling e flame
# custom:
#   rule: trolling
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "flooding", {"trolling"}, params)
}

# METADATA
# title: Opinione senza misura
# custom:
#   rule: misura
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.shouting(rego.metadata.rule(), params)
}

# METADATA
# title: Pubblicità e spam
# custom:
#   rule: pubblicita_spam
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.advertising(rego.metadata.rule(), params)
}

# METADATA
# title: Propaganda elettorale
# custom:
#   rule: propaganda_elettorale
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.propaganda(rego.metadata.rule(), params)
}

# METADATA
# title: Attività illegali
# custom:
#   rule: attivita_illegali
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "illegal_activity", {"illegal"}, params)
}

# METADATA
# title: Diritto d'autore e marchi
# custom:
#   rule: diritto_autore
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "copyright_trademark", {"copyright"}, params)
}

# METADATA
# title: Questioni personali
# custom:
#   rule: questioni_personali
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "personal_case", {"personal_case"}, params)
}

# METADATA
# title: Informazioni false, fuorvianti o allarmistiche
# custom:
#   rule: disinformazione
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.lexicon_or_signal(rego.metadata.rule(), "misinformation", {"misinformation"}, params)
}

# METADATA
# title: Account palesemente falsi
# custom:
#   rule: account_falsi
violations contains v if {
	cited(rego.metadata.rule())
	v := checks.fake_account(rego.metadata.rule(), params)
}

# METADATA
# title: What the ente adds without a violation
# description: >-
#   Bans of repeat offenders, answers to questions and private messages,
#   reports redirected to the offices, channels the ente does not manage.
#   An ente with rules of its own passes all its violations.
extra(vs) := {
	"outcomes": outcomes,
	"actions": (checks.repeat_offender_actions(vs, params) | reply_actions),
	"reply": reply,
	"review": answer_needed,
}

outcomes contains "not_managed" if checks.not_managed(params)

outcomes contains "redirect" if input.content.kind == "report"

# A question in public, or any private message, needs an answer from staff.
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

reply := {"visibility": checks.reply_visibility, "text": params.replies.redirect} if input.content.kind == "report"

reply := {"visibility": checks.reply_visibility, "text": params.replies.question} if {
	input.content.kind != "report"
	answer_needed
}
