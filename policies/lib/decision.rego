# METADATA
# title: Decision template
# description: >-
#   The shape every ente's decision shares. An ente's policy lists its
#   violations (each citing its clause); this template picks the most
#   restrictive outcome, joins the actions and adds reply and review.
package galateo.lib.decision

import data.galateo.lib.history
import data.galateo.lib.notice
import rego.v1

# METADATA
# title: Outcomes from least to most restrictive
order := ["allow", "review", "redirect", "hide", "remove", "reject", "not_managed"]

# METADATA
# title: Rank of each outcome
rank := {"allow": 0, "review": 1, "redirect": 2, "hide": 3, "remove": 4, "reject": 5, "not_managed": 6}

# METADATA
# title: Outcomes that act on the content's visibility
visibility := {"hide", "remove"}

# METADATA
# title: Most restrictive outcome of a set; allow when empty
most_restrictive(outcomes) := order[max({rank[o] | some o in outcomes} | {0})]

# METADATA
# title: Staff content that may not be published is rejected, not removed
for_kind(outcome, "post") := "reject" if outcome in visibility

# METADATA
# title: Whose content it is
# description: >-
#   A post is the ente's own content when its staff (or an administrator)
#   writes it; a citizen's post on a page's board is judged like a comment.
published_kind := "citizen_post" if {
	input.content.kind == "post"
	object.get(input, ["author", "role"], "citizen") == "citizen"
} else := input.content.kind

# METADATA
# title: Other outcomes stand as they are
for_kind(outcome, kind) := outcome if {
	not kind == "post"
}

for_kind(outcome, "post") := outcome if not outcome in visibility

# METADATA
# title: Outcome of a violation
# description: the category's outcome when the evidence is certain, review otherwise.
outcome_of(category, true) := category.outcome

outcome_of(_, false) := "review"

# METADATA
# title: Actions of a violation
# description: the category's actions when the evidence is certain; none when a person decides.
actions_of(category, true) := object.get(category, "actions", [])

actions_of(_, false) := []

# METADATA
# title: Violation
# description: >-
#   Builds a violation from the calling rule's metadata (rego.metadata.rule():
#   custom.rule, custom.section, custom.quote), the category, the evidence,
#   whether the evidence is certain, and the ente's parameters.
violation(meta, category, evidence, certain, params) := {
	"rule": rule,
	"title": object.get(params, ["clauses", rule, "title"], meta.title),
	"category": category,
	"severity": object.get(cat, "severity", "media"),
	"outcome": outcome_of(cat, certain),
	"actions": actions_of(cat, certain),
	"clause": clause(meta, params),
	"evidence": evidence,
} if {
	rule := meta.custom.rule
	cat := params.categories[category]
}

# METADATA
# title: Clause of a rule
# description: >-
#   The ente's data may cite the clause (clauses.<rule>: {section, quote},
#   and a title in the document's words), as enti made only of data do;
#   otherwise the rule's own METADATA does.
clause(meta, params) := object.filter(cited, ["section", "quote"]) if {
	cited := params.clauses[meta.custom.rule]
} else := {"section": meta.custom.section, "quote": meta.custom.quote}

# METADATA
# title: Decision
# description: >-
#   violations is the ente's set of violations; extra may hold "outcomes" and
#   "actions" (sets) the ente adds without a violation, a "reply" object,
#   "review" (true when a person must act although nothing is wrong),
#   "reply_always" (answer even content that breaks a rule) and "notices"
#   (a set of Italian sentences for the explanation).
#   On a channel the ente does not manage nothing is done at all.
#   The decision says what it adds to the author's history (history, see
#   lib/history.rego) and, when it hides or removes the content or blocks
#   the author, carries the notice to the author (notice, lib/notice.rego).
decide(violations, extra) := {
	"outcome": "not_managed",
	"actions": [],
	"violations": [],
	"review": {"required": false},
	"author": {"violations": object.get(input, ["facts", "history", "violations"], 0), "blocked": false},
	"history": history.effect({"outcome": "not_managed", "actions": [], "violations": []}),
} if {
	"not_managed" in object.get(extra, "outcomes", set())
} else := d if {
	kind := published_kind
	outcomes := {for_kind(v.outcome, kind) | some v in violations} | object.get(extra, "outcomes", set())
	outcome := most_restrictive(outcomes)
	quiet := silenced(violations, extra)
	acts := actions(violations, extra, outcome, quiet)
	taken := {"outcome": outcome, "actions": sort(acts), "violations": sort(violations)}
	d := object.union_n([
		{
			"outcome": outcome,
			"actions": taken.actions,
			"violations": taken.violations,
			"review": {"required": review_required(outcome, object.get(extra, "review", false), quiet)},
			"author": {
				"violations": object.get(input, ["facts", "history", "violations"], 0) + counted(violations),
				"blocked": blocked(acts),
			},
			"history": history.effect(taken),
		},
		reply(extra, quiet),
		notices(extra),
		author_notice(taken),
	])
}

# METADATA
# title: The notice to the author of a removal, hiding or block
# description: decisions of the engine are automated (see lib/notice.rego).
author_notice(taken) := {"notice": n} if n := notice.of(taken, true, input.now)

default author_notice(_) := {}

# METADATA
# title: Actions joined across violations
# description: >-
#   hide and remove follow the final outcome only, so a comment is never both
#   hidden and removed; content that breaks a rule (quiet, see silenced) gets
#   no reply action. The result is a set: the decision lists it sorted.
actions(violations, extra, outcome, quiet) := ((({{"type": t} |
	some v in violations
	some t in v.actions
	not t in visibility
} | object.get(extra, "actions", set())) | visibility_action(outcome)) - {a | some a in object.get(extra, "drop", set())}) - replies_of(extra, quiet)

# METADATA
# title: The ente's reply actions, left out when a rule is broken (see reply)
no_reply(violations, extra) := replies_of(extra, silenced(violations, extra))

# METADATA
# title: The ente's reply actions of silenced content; none otherwise
replies_of(extra, true) := {a | some a in object.get(extra, "actions", set()); a.type == "reply"}

replies_of(_, false) := set()

# METADATA
# title: Content that breaks a rule gets no reply
# description: >-
#   unless the ente answers it anyway (extra.reply_always): Tradate keeps
#   comments and answers them with a diplomatic institutional reply.
silenced(violations, extra) if {
	count(violations) > 0
	not extra.reply_always
}

default silenced(_, _) := false

visibility_action(outcome) := {{"type": outcome}} if outcome in visibility

default visibility_action(_) := set()

# METADATA
# title: A decision counts in the author's history when a violation is certain
counted(violations) := 1 if {
	some v in violations
	v.outcome != "review"
}

default counted(_) := 0

blocked(acts) if {
	some a in acts
	a.type == "block_author"
}

default blocked(_) := false

# METADATA
# title: Whether a person must act
# description: >-
#   when the outcome is review; or when the ente asks for it (extra.review)
#   because a question or message needs an answer, unless the content breaks
#   a rule (quiet): such content gets no reply (see reply).
review_required("review", _, _) := true

review_required(_, true, false) := true

default review_required(_, _, _) := false

# METADATA
# title: Reply
# description: content that breaks a rule gets no friendly reply.
reply(extra, false) := {"reply": extra.reply} if extra.reply.text

default reply(_, _) := {}

# METADATA
# title: Notices
# description: >-
#   Sentences in Italian the ente adds to the explanation (extra.notices),
#   such as how long the data of a private message is kept.
notices(extra) := {"notices": sort([n | some n in extra.notices])} if count(object.get(extra, "notices", set())) > 0

default notices(_) := {}

# METADATA
# title: Signal at or above a threshold
# description: external classifier scores are optional; absent means not triggered.
signal(name, threshold) := input.signals[name] if input.signals[name] >= threshold
