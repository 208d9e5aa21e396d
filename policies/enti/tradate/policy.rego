# METADATA
# title: Comune di Tradate — Social media policy interna
# description: >-
#   Rules of ../shared/seeds/003_feacaac9fb6f66ce.txt, an internal policy:
#   who may publish on the Facebook page, what staff and administrators may
#   not post, and how comments, questions and reports are handled. Comments
#   are kept unless the violation is grave. The rules on citizens' content
#   that are the standard template's checks are cited in data.yaml (clauses)
#   with the other parameters (data.enti.tradate); each rule here cites its
#   section and a short quote in its METADATA.
package galateo.enti.tradate

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

# --- who speaks ---------------------------------------------------------------

# METADATA
# title: Content by staff, administrators or councillors
# description: '"dipendenti e amministratori comunali": data.staff.roles'
by_staff if params.staff.roles[input.author.role]

# METADATA
# title: The author's office, as the publishing list writes it
office := lower(trim_space(object.get(input.author, "office", "")))

# METADATA
# title: An author allowed to publish and to interact with users
# custom:
#   section: Regole di utilizzo interne
#   quote: gestita dall'Ufficio URP coadiuvato dal personale appositamente individuato del Servizio Cultura
authorised if {
	params.publishing.roles[input.author.role]
	params.publishing.offices[office]
}

# --- "salvo gravi violazioni" -------------------------------------------------

# METADATA
# title: Commenti non cancellati, salvo gravi violazioni
# description: >-
#   The categories as the rules read them: a grave category (severity: grave
#   in data) keeps its outcome and actions; any other keeps the content and
#   sends it to a person, whatever outcome the data writes.
# custom:
#   rule: commenti_non_cancellati
#   section: Regole di utilizzo interne
#   quote: I commenti dei cittadini non verranno cancellati
categories := object.union(
	{name: category | some name, category in params.categories; category.severity == "grave"},
	{name: {"outcome": "review", "severity": object.get(category, "severity", "media"), "actions": []} |
		some name, category in params.categories
		object.get(category, "severity", null) != "grave"
	},
)

# METADATA
# title: Parameters the rules read
rules_params := object.union(params, {"categories": categories})

# METADATA
# title: The rules data.yaml cites under clauses, checked by the standard template under rules_params
violations contains v if some v in standard.cited(rules_params)

# METADATA
# title: Parameters the rules on staff content read
# description: content by staff and administrators that breaks their rules may not be published.
staff_params := object.union(rules_params, {"categories": params.staff_categories})

# --- "Regole di utilizzo interne": who may publish ----------------------------

# METADATA
# title: Pubblicazione da parte di uffici o amministratori non autorizzati
# custom:
#   rule: pubblicazione_non_autorizzata
#   section: Regole di utilizzo interne
#   quote: non potranno pubblicare direttamente sui profili istituzionali
violations contains v if {
	input.content.kind == "post"
	ev := [e | some e in unauthorised_post]
	count(ev) > 0
	v := template.violation(rego.metadata.rule(), "unauthorised_publisher", ev, true, staff_params)
}

unauthorised_post contains {"fact": "author", "role": input.author.role} if {
	by_staff
	not params.publishing.roles[input.author.role]
}

unauthorised_post contains {"fact": "author", "office": input.author.office} if unauthorised_office

unauthorised_office if {
	params.publishing.roles[input.author.role]
	office != ""
	not params.publishing.offices[office]
}

# METADATA
# title: Risposte agli utenti da parte di uffici non autorizzati
# custom:
#   rule: interazione_non_autorizzata
#   section: Regole di utilizzo interne
#   quote: l'interazione con gli utenti verrà gestita dall'Ufficio URP
violations contains v if {
	input.content.kind in {"comment", "reply"}
	unauthorised_office
	v := template.violation(rego.metadata.rule(), "unauthorised_publisher", [{"fact": "author", "office": input.author.office}], true, staff_params)
}

# METADATA
# title: Post senza l'ufficio che lo pubblica
# description: the client does not say which office publishes, so a person checks.
# custom:
#   rule: pubblicatore_non_indicato
#   section: Regole di utilizzo interne
#   quote: Uffici e Amministratori non espressamente autorizzati
violations contains v if {
	input.content.kind == "post"
	ev := [e | some e in unknown_publisher]
	count(ev) > 0
	v := template.violation(rego.metadata.rule(), "unauthorised_publisher", ev, false, staff_params)
}

unknown_publisher contains {"fact": "author", "role": input.author.role} if not by_staff

unknown_publisher contains {"fact": "author", "office": ""} if {
	params.publishing.roles[input.author.role]
	office == ""
}

# --- what staff and administrators may not post -------------------------------

# METADATA
# title: Pareri personali o politici di dipendenti e amministratori
# custom:
#   rule: pareri_personali
#   section: Regole di utilizzo interne
#   quote: per esprimere pareri personali e politici
violations contains v if {
	by_staff
	v := checks.lexicon_or_signal(rego.metadata.rule(), "staff_opinion", set(), staff_params)
}

# METADATA
# title: Contenuti politici sulla pagina del Comune
# description: calls to vote and electoral hashtags are certain; naming a party goes to a person.
# custom:
#   rule: contenuti_politici
#   section: Contenuti
#   quote: non prevede contenuti di tipo politico
violations contains v if {
	by_staff
	v := checks.lexicon_or_signal(rego.metadata.rule(), "political_propaganda", set(), staff_params)
}

# --- "Moderazione": the rules of use of the external policy --------------------

# METADATA
# title: Pubblicità e spam
# custom:
#   rule: pubblicita_spam
#   section: Moderazione
#   quote: comportamenti contrari alle norme d'uso
violations contains v if {
	not discretion("advertising_spam")
	v := checks.advertising(rego.metadata.rule(), rules_params)
}

# METADATA
# title: Contenuti di terzi condivisi a discrezione del Comune
# description: what the authorised staff share is not judged as advertising.
# custom:
#   section: Contenuti
#   quote: A propria discrezione, il Comune di Tradate può condividere e rilanciare
discretion(category) if {
	input.content.kind == "post"
	authorised
	params.publishing.discretion_categories[category]
}

# METADATA
# title: Propaganda elettorale
# description: by citizens; on staff content contenuti_politici applies.
# custom:
#   rule: propaganda_elettorale
#   section: Moderazione
#   quote: comportamenti contrari alle norme d'uso
violations contains v if {
	not by_staff
	v := checks.propaganda(rego.metadata.rule(), rules_params)
}

# --- replies, reports, questions ----------------------------------------------

# METADATA
# title: What the ente adds without a violation
# description: >-
#   Reports redirected to the offices, answers to questions within 24 working
#   hours with a courtesy reply when an office must answer, the diplomatic
#   reply to kept content that breaks a rule, channels the ente does not manage.
extra := {
	"outcomes": outcomes,
	"actions": actions,
	"reply": reply,
	"review": answer_needed,
	"reply_always": conflict,
	"notices": notices,
}

# METADATA
# title: Canale non gestito
# custom:
#   section: Contenuti
#   quote: Attraverso Facebook
outcomes contains "not_managed" if checks.not_managed(params)

outcomes contains "redirect" if report

# METADATA
# title: Segnalazioni demandate agli uffici
# description: >-
#   kind report, or a citizen's comment or message that says it reports
#   something (data.reports.cues) and breaks no rule.
# custom:
#   section: Contenuti
#   quote: non è istituito per raccogliere segnalazioni
report if input.content.kind == "report"

report if {
	not by_staff
	input.content.kind in {"comment", "reply", "private_message"}
	count(violations) == 0
	lexicon.mentions(params.reports.cues)
}

# METADATA
# title: The offices whose matters the text names (data.offices.topics)
# description: all the text's words and phrases looked up at once.
topic_offices contains office if {
	some office in object.filter(params.offices.topics, lexicon.text_keys)
}

# METADATA
# title: Where a report goes
report_offices := topic_offices if count(topic_offices) > 0

else := {params.offices.default}

# METADATA
# title: A question from a citizen
# description: a question in a public comment, or any private message.
# custom:
#   section: Regole di utilizzo interne
#   quote: Di fronte ad una eventuale domanda da parte dei cittadini
answer_needed if {
	citizen_asks
	input.content.kind in {"comment", "reply"}
	input.facts.form.question
}

answer_needed if {
	citizen_asks
	input.content.kind == "private_message"
}

default answer_needed := false

citizen_asks if {
	not by_staff
	not report
}

# METADATA
# title: Risposta di cortesia quando la risposta richiede più tempo
# description: >-
#   The answer takes longer than the standard 24 working hours when it must
#   come from another office (data.offices.topics): the question goes to
#   that office and the citizen gets a courtesy reply at once.
# custom:
#   section: Regole di utilizzo interne
#   quote: sarà fornita all'utente una risposta di cortesia
courtesy if {
	answer_needed
	count(violations) == 0
	count(topic_offices) > 0
}

# METADATA
# title: Conflitti gestiti in modo diplomatico
# description: >-
#   A citizen's content that breaks a rule but is kept gets an institutional
#   reply, unless it is a gratuitous provocation (data.conflict.ignore_categories).
# custom:
#   section: Regole di utilizzo interne
#   quote: gestite in modo diplomatico, scegliendo di dare una risposta istituzionale
conflict if {
	kept
	every v in violations {
		not params.conflict.ignore_categories[v.category]
	}
}

default conflict := false

# METADATA
# title: A citizen's content that breaks a rule and stays published
kept if {
	not by_staff
	count(violations) > 0
	not removed
}

removed if {
	some v in violations
	v.outcome != "review"
}

provocation if {
	kept
	some v in violations
	params.conflict.ignore_categories[v.category]
}

unauthorised_certain if {
	some v in violations
	v.category == "unauthorised_publisher"
	v.outcome == "reject"
}

actions contains {"type": "reply"} if report

actions contains {"type": "reply"} if conflict

actions contains {"type": "reply"} if answer_needed

actions contains {"type": "forward_to_office", "office": o} if {
	report
	some o in report_offices
}

actions contains {"type": "forward_to_office", "office": o} if {
	courtesy
	some o in topic_offices
}

# METADATA
# title: Material of offices and administrators goes to the staff in charge
# custom:
#   section: Regole di utilizzo interne
#   quote: dovranno inviare materiale e informazioni al personale a ciò preposto
actions contains {"type": "forward_to_office", "office": params.offices.default} if unauthorised_certain

default reply := {}

reply := {"visibility": checks.reply_visibility, "text": replace(params.replies.redirect, "{office}", concat(", ", sort(report_offices)))} if report

reply := {"visibility": checks.reply_visibility, "text": params.replies.conflict} if {
	not report
	conflict
}

reply := {"visibility": checks.reply_visibility, "text": replace(params.replies.courtesy, "{office}", concat(", ", sort(topic_offices)))} if courtesy

# METADATA
# title: Sentences for the explanation
notices contains replace(replace(params.notices.due, "{due}", input.facts.schedule.due_text), "{hours}", format_int(params.response.due_working_hours, 10)) if {
	answered
	is_string(input.facts.schedule.due_text)
}

notices contains params.notices.kept if {
	kept
	input.content.kind in {"comment", "reply"}
}

notices contains params.notices.ignored if provocation

notices contains params.notices.grave if {
	not by_staff
	removed
}

notices contains params.notices.forward_material if unauthorised_certain

# A question is answered when it breaks no rule, or is kept and answered diplomatically.
answered if {
	answer_needed
	count(violations) == 0
}

answered if {
	answer_needed
	conflict
}
