# METADATA
# title: What a decision adds to its author's history
# description: >-
#   The policy, not Go, says what a decision adds to the author's history:
#   whether it counts as a violation, warns or blocks the author, and until
#   when. The engine records the effect of every automatic decision from
#   the template's decision (history in decision.rego) and asks the same
#   function what a person's decision adds (engine.Effect): there the
#   outcome and the violations' outcomes are the person's.
package galateo.lib.history

import data.galateo.lib.params
import rego.v1

# METADATA
# title: Settings, the library's defaults under the deciding ente's own
settings := object.union(data.lib.history, params.current.history) if {
	params.current.history
} else := data.lib.history

# METADATA
# title: Outcomes that count a violation
counted_outcomes := {o | some o in settings.counted_outcomes}

# METADATA
# title: Effect of a decision on its author's history
# description: >-
#   d has outcome, actions ([{type, until?}]) and violations
#   ([{category, outcome, ...}]). A violation counts when the decision's
#   outcome counts and one of its violations' outcomes does (a violation
#   left to a person does not); warn_author warns and block_author blocks,
#   until its until when it has one.
effect(d) := object.union(
	{
		"violation": violation(d),
		"warning": has_action(d, "warn_author"),
		"block": has_action(d, "block_author"),
	},
	block_until(d),
)

violation(d) if {
	d.outcome in counted_outcomes
	some v in d.violations
	v.outcome in counted_outcomes
}

default violation(_) := false

has_action(d, type) if {
	some a in d.actions
	a.type == type
}

default has_action(_, _) := false

# METADATA
# title: The end of the block, the latest when several actions block
block_until(d) := {"block_until": max(untils)} if {
	untils := {a.until | some a in d.actions; a.type == "block_author"; object.get(a, "until", "") != ""}
	count(untils) > 0
}

default block_until(_) := {}
