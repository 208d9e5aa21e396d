# METADATA
# title: Notice to the author
# description: >-
#   Every removal, hiding or block has an Italian notice for its author:
#   what was done, why (the clause of each violation), whether the decision
#   was automated, how and until when to appeal (reclamo). The sentences
#   are data (lib/notice.yaml); the period for a reclamo is the ente's
#   appeal.days, the library's default otherwise, counted in calendar days
#   from the decision in the ente's zone.
package galateo.lib.notice

import data.galateo.lib.checks
import data.galateo.lib.params
import rego.v1

sentences := data.lib.notice.sentences

# METADATA
# title: The period and contact for a reclamo, the ente's over the library's
appeal := object.union(data.lib.notice.appeal, params.current.appeal) if {
	params.current.appeal
} else := data.lib.notice.appeal

# METADATA
# title: A decision that hides or removes content, or blocks its author
due(d) if d.outcome in {"hide", "remove"}

due(d) if {
	some a in d.actions
	a.type == "block_author"
}

# METADATA
# title: Notice of a decision
# description: >-
#   d has outcome, actions ([{type, until?}]) and violations (each with its
#   outcome and clause), as in the decision; automated says whether the
#   decision was taken without a person; now is its time (RFC 3339).
#   Undefined when the decision calls for no notice.
of(d, automated, now) := {
	"text": concat(" ", array.concat(done(d), [reasons(d, p), who(automated), sprintf(sentences.appeal, [time_text(until, p)]), contact(p)])),
	"automated": automated,
	"appeal_until": until,
} if {
	due(d)
	p := params.current
	until := checks.days_after(now, appeal.days, p)
}

# METADATA
# title: What was done, to the content and to its author
done(d) := array.concat(content_done(d.outcome), author_done(d.actions, params.current))

content_done(outcome) := [sentences[outcome]] if outcome in {"hide", "remove"}

default content_done(_) := []

# METADATA
# title: The block, for good when one block has no end, else until the latest
author_done(actions, p) := [sentences.blocked] if {
	some a in actions
	a.type == "block_author"
	object.get(a, "until", "") == ""
} else := [sprintf(sentences.blocked_until, [time_text(max(untils), p)])] if {
	untils := {a.until | some a in actions; a.type == "block_author"; object.get(a, "until", "") != ""}
	count(untils) > 0
} else := []

# METADATA
# title: Why, from the clauses of the violations that decided
# description: >-
#   The violations a person is left to judge (outcome review) do not decide
#   a removal; they are cited only when no other is.
reasons(d, p) := sprintf(sentences.reasons, [policy(p), concat(sentences.clauses_separator, sort(clauses))]) if {
	clauses := {sprintf(sentences.clause, [v.clause.section, v.clause.quote]) | some v in deciding(d)}
	count(clauses) > 0
} else := sprintf(sentences.no_reasons, [policy(p)])

deciding(d) := certain if {
	certain := [v | some v in d.violations; v.outcome != "review"]
	count(certain) > 0
} else := d.violations

policy(p) := object.get(p, "policy_title", sprintf(sentences.policy, [p.name]))

who(true) := sentences.automated

who(false) := sentences.human

# METADATA
# title: Where to send a reclamo
# description: >-
#   The ente's appeal.contact; else the contact of the office that requests
#   go to (offices.default); else a generic sentence.
contact(p) := sprintf(sentences.contact, [appeal.contact]) if {
	appeal.contact
} else := sprintf(sentences.contact, [c]) if {
	c := p.offices.contacts[p.offices.default]
} else := sentences.no_contact

# METADATA
# title: An instant (RFC 3339) in Italian words, in the ente's zone
time_text(instant, p) := sprintf(sentences.time, [weekday, day, month, year, hour, minute]) if {
	at := [time.parse_rfc3339_ns(instant), p.schedule.timezone]
	[year, m, day] := time.date(at)
	[hour, minute, _] := time.clock(at)
	weekday := data.lexicon.wording.weekdays[weekdays[time.weekday(at)]]
	month := data.lexicon.wording.months[m - 1]
}

weekdays := {"Sunday": 0, "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6}
