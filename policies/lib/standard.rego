# METADATA
# title: Standard policy template
# description: >-
#   The rules most enti's documents share, for enti made of data only
#   (template: standard in data.yaml, or adopts: an ente that uses it).
#   The document decides which rules exist: a rule applies only where the
#   ente's data cites its clause (clauses.<rule>: {section, quote}). A rule
#   of the template's catalogue (rules below) needs nothing more; a rule of
#   the ente's own says in its clause what it checks (title, check,
#   category, signals). Rule titles are Italian: they reach citizens
#   through the explanation.
package galateo.lib.standard

import data.galateo.lib.checks
import data.galateo.lib.decision as template
import data.galateo.lib.lexicon
import data.galateo.lib.params as ente
import rego.v1

params := ente.current

# METADATA
# title: Decision
decision := template.decide(violations, extra(violations))

# METADATA
# title: The template's rules
# description: >-
#   What a rule id checks when the ente's clause names it and says no more:
#   its title, the check of lib/checks.rego it applies (check), the
#   violation's category (the one lexicon_or_signal looks for; the one the
#   other checks give), and for lexicon_or_signal the classifier signals
#   that also prove it. public_only limits a rule to public content;
#   yields_to names a rule that, cited and found, takes the case instead.
#   params lists the top-level sections of the ente's data the check
#   reads besides categories (its outcome) and clauses (its citation), so
#   that a diff of the data can name the clause each parameter serves.
rules := {
	"insulti_turpiloquio": {"title": "Insulti e turpiloquio", "check": "lexicon_or_signal", "category": "offensive_language", "signals": ["insult", "profanity", "toxicity"], "params": ["signals", "lexicon"]},
	"minacce": {"title": "Minacce", "check": "lexicon_or_signal", "category": "threat", "signals": ["threat"], "params": ["signals", "lexicon"]},
	"discriminazione": {"title": "Contenuti discriminatori", "check": "lexicon_or_signal", "category": "discrimination", "signals": ["identity_attack"], "params": ["signals", "lexicon"]},
	"dignita_personale": {"title": "Lesione della dignità personale", "check": "lexicon_or_signal", "category": "defamation", "signals": ["defamation"], "params": ["signals", "lexicon"]},
	"dati_sensibili": {"title": "Dati personali e sensibili in pubblico", "check": "personal_data", "category": "personal_data", "params": ["own_domains", "own_phones"]},
	"dati_sensibili_terzi": {"title": "Dati sensibili di una persona nominata", "check": "special_category", "category": "personal_data", "params": ["personal_data"]},
	"privacy_terzi": {"title": "Sfera personale di terzi", "check": "lexicon_or_signal", "category": "personal_data", "signals": ["sensitive_data"], "public_only": true, "yields_to": "dati_sensibili_terzi", "params": ["signals", "lexicon"]},
	"off_topic": {"title": "Fuori argomento", "check": "off_topic", "category": "off_topic", "params": ["off_topic"]},
	"interventi_ripetuti": {"title": "Interventi ripetuti", "check": "repeated", "category": "flooding", "params": ["flooding"]},
	"disturbo": {"title": "Post per disturbare la discussione", "check": "emoji_flood", "category": "flooding", "params": ["flooding"]},
	"trolling": {"title": "Trolling e flame", "check": "lexicon_or_signal", "category": "flooding", "signals": ["trolling"], "params": ["signals", "lexicon"]},
	"misura": {"title": "Opinione senza misura", "check": "shouting", "category": "flooding", "params": ["flooding"]},
	"pubblicita_spam": {"title": "Pubblicità e spam", "check": "advertising", "category": "advertising_spam", "params": ["signals", "own_domains"]},
	"propaganda_elettorale": {"title": "Propaganda elettorale", "check": "propaganda", "category": "political_propaganda", "params": []},
	"attivita_illegali": {"title": "Attività illegali", "check": "lexicon_or_signal", "category": "illegal_activity", "signals": ["illegal"], "params": ["signals", "lexicon"]},
	"diritto_autore": {"title": "Diritto d'autore e marchi", "check": "lexicon_or_signal", "category": "copyright_trademark", "signals": ["copyright"], "params": ["signals", "lexicon"]},
	"questioni_personali": {"title": "Questioni personali", "check": "lexicon_or_signal", "category": "personal_case", "signals": ["personal_case"], "params": ["signals", "lexicon"]},
	"disinformazione": {"title": "Informazioni false, fuorvianti o allarmistiche", "check": "lexicon_or_signal", "category": "misinformation", "signals": ["misinformation"], "params": ["signals", "lexicon"]},
	"account_falsi": {"title": "Account palesemente falsi", "check": "fake_account", "category": "fake_account", "params": ["signals", "fake_account"]},
}

# METADATA
# title: Violations
# description: >-
#   The violations of the rules the ente's data cites (cited).
violations contains v if some v in cited(params)

# METADATA
# title: Violations of the cited rules, under parameters p
# description: >-
#   Every rule p.clauses cites, checked on the content. An ente with rules
#   of its own calls it with its parameters (data.galateo.lib.params.current,
#   or that with categories of its own) and adds its own rules. review_on
#   lists kinds of content for which a rule only asks a person to decide
#   (the Valdichiana Union's own posts share others' content, which may read
#   like an ad).
cited(p) := {v |
	some id, _ in p.clauses
	r := rule(p, id)
	not yields(p, r)
	v := for_kind(r, found(r.check, id, r, p))
}

# METADATA
# title: A cited rule, the template's entry under the ente's clause
rule(p, id) := object.union(object.get(rules, id, {}), p.clauses[id])

yields(p, r) if {
	y := rule(p, r.yields_to)
	found(y.check, r.yields_to, y, p)
}

for_kind(r, v) := object.union(v, {"outcome": "review", "actions": []}) if {
	input.content.kind in object.get(r, "review_on", [])
} else := v

# METADATA
# title: What a rule finds
# description: >-
#   The violation of rule id (entry r) by its check under parameters p,
#   undefined when the content does not break it. The metadata that checks
#   read (title, custom.rule, custom.section, custom.quote) is built from
#   the entry. The check comes first, a constant that lets the rule index
#   pick the one definition that applies.
found("lexicon_or_signal", id, r, p) := checks.lexicon_or_signal(meta(id, r), r.category, {s | some s in r.signals}, p) if public(r)

found("personal_data", id, r, p) := checks.personal_data(meta(id, r), p)

found("special_category", id, r, p) := checks.special_category(meta(id, r), p)

found("off_topic", id, r, p) := checks.off_topic(meta(id, r), p)

found("repeated", id, r, p) := checks.repeated(meta(id, r), p)

found("emoji_flood", id, r, p) := checks.emoji_flood(meta(id, r), p)

found("shouting", id, r, p) := checks.shouting(meta(id, r), p)

found("advertising", id, r, p) := checks.advertising(meta(id, r), p)

found("propaganda", id, r, p) := checks.propaganda(meta(id, r), p)

found("fake_account", id, r, p) := checks.fake_account(meta(id, r), p)

public(r) if not r.public_only

public(_) if input.content.kind in checks.public_kinds

meta(id, r) := {"title": r.title, "custom": {"rule": id, "section": r.section, "quote": r.quote}}

# METADATA
# title: What the ente adds without a violation
# description: >-
#   Bans of repeat offenders, answers to questions, private messages and
#   reports, the contact for remarks on the policy itself, notices for the
#   explanation, channels the ente does not manage. reports.handling says
#   what a citizen's report (segnalazione) gets: redirect (the default: the
#   citizen is told where to turn and the report goes to the default
#   office) or evaluate (staff evaluate it and answer).
extra(vs) := {
	"outcomes": outcomes,
	"actions": (checks.repeat_offender_actions(vs, params) | reply_actions),
	"reply": reply,
	"review": answer_needed,
	"notices": notices(vs),
}

outcomes contains "not_managed" if checks.not_managed(params)

outcomes contains "redirect" if redirected

redirected if {
	input.content.kind == "report"
	object.get(params, ["reports", "handling"], "redirect") == "redirect"
}

# A question in public, or any private message, needs an answer from staff.
answer_needed if {
	input.content.kind in {"comment", "reply"}
	input.facts.form.question
}

answer_needed if input.content.kind == "private_message"

answer_needed if {
	input.content.kind == "report"
	params.reports.handling == "evaluate"
}

default answer_needed := false

reply_actions contains {"type": "reply"} if answer_needed

reply_actions contains {"type": "reply"} if redirected

reply_actions contains {"type": "forward_to_office", "office": params.offices.default} if redirected

# METADATA
# title: The content is about the policy or its moderation
# description: a word or phrase of data's policy_feedback.terms, looked up by key.
about_policy if lexicon.mentions(params.policy_feedback.terms)

default reply := {}

reply := {"visibility": checks.reply_visibility, "text": reply_text} if answer_needed

reply := {"visibility": checks.reply_visibility, "text": params.replies.redirect} if redirected

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
notices(vs) := {n |
	count(vs) == 0
	some n in notice
}

notice contains params.notices.response_times if answer_needed

notice contains params.notices.policy_feedback if {
	answer_needed
	about_policy
}
