# METADATA
# title: Template checks
# description: >-
#   Reusable checks an ente's policy calls from its own rules, so that the
#   rule carries the ente's clause (its # METADATA) and the check carries the
#   logic. Every threshold comes from the ente's parameters.
package galateo.lib.checks

import data.galateo.lib.decision
import data.galateo.lib.lexicon
import rego.v1

# METADATA
# title: Content kinds visible to the public
public_kinds := {"comment", "reply", "post"}

# METADATA
# title: Lexicon words or classifier signals of one category
# description: >-
#   A violation when the text holds words of the category, or when a
#   classifier signal reaches the ente's review threshold. Certain when a
#   word has a severity the ente treats as certain, or a signal reaches the
#   certain threshold.
#   Most texts have neither, so the check first looks for words of the
#   category or scores of the signals, whatever their level, and weighs
#   them only when there are some.
lexicon_or_signal(meta, category, signal_names, params) := weighed(meta, category, signal_names, params) if {
	lexicon.by_category[category]
} else := weighed(meta, category, signal_names, params) if {
	some n in signal_names
	input.signals[n]
}

# METADATA
# title: The violation of lexicon_or_signal, from the hits and signals there are
weighed(meta, category, signal_names, params) := v if {
	hits := lexicon.in_category_as(category, params)
	sigs := signals(signal_names, params.signals.review)
	count(hits) + count(sigs) > 0
	v := decision.violation(meta, category, sorted(hits | sigs), certain(hits, sigs, params), params)
}

# METADATA
# title: Signals at or above a threshold, as evidence
signals(names, threshold) := {{"fact": "signal", "name": n, "score": input.signals[n]} |
	some n in names
	input.signals[n] >= threshold
}

certain(hits, _, params) if {
	some h in hits
	params.lexicon.certain_severities[h.severity]
}

certain(_, sigs, params) if {
	some s in sigs
	s.score >= params.signals.certain
}

default certain(_, _, _) := false

sorted(s) := [x | some x in s]

# METADATA
# title: Personal data in public content
# description: >-
#   E-mail addresses, phone numbers and CIE numbers, and codici fiscali,
#   partite IVA and IBANs whose checksum holds, are certain; a failed
#   checksum goes to review, and so do plates and street addresses, which
#   may be a public vehicle's or an office's.
#   The ente's own addresses and numbers (own_domains, own_phones) are not.
#   A person's name alone is not a disclosure (see special_category).
#   The evidence names the kind and span, never the data.
personal_data(meta, params) := v if {
	input.content.kind in public_kinds
	found := [p | some p in input.facts.pii; p.kind != "person_name"; not own_contact(p, params)]
	count(found) > 0
	ev := [{"fact": "personal_data", "kind": p.kind, "start": p.start, "end": p.end, "validated": p.validated} | some p in found]
	v := decision.violation(meta, "personal_data", ev, pii_certain(found), params)
}

# METADATA
# title: The ente's own published contacts are not personal data
own_contact(p, params) if {
	p.kind == "email"
	some d in p.domain_suffixes
	params.own_domains[d]
}

own_contact(p, params) if {
	p.kind == "phone"
	params.own_phones[p.digits]
}

pii_certain(found) if {
	some p in found
	p.kind in {"email", "phone", "cie"}
}

pii_certain(found) if {
	some p in found
	p.validated
}

default pii_certain(_) := false

# METADATA
# title: Special-category data about a named person
# description: >-
#   GDPR art. 9 and 10: a lexicon word of category personal_data with a
#   ground (health, religion, judicial matters, ...) in the same sentence as
#   a named person (named_persons). Certain only where the ente says so
#   (personal_data.named_special_category_certain); otherwise a person
#   decides. The evidence names the ground and the spans, never the data.
special_category(meta, params) := v if {
	input.content.kind in public_kinds
	ev := special_category_evidence
	count(ev) > 0
	certain := object.get(params, ["personal_data", "named_special_category_certain"], false) == true
	v := decision.violation(meta, "personal_data", sorted(ev), certain, params)
}

# METADATA
# title: Special-category cues in the same sentence as a named person
special_category_evidence contains e if {
	some h in lexicon.in_category("personal_data")
	h.ground
	some p in named_persons
	same_sentence(h, p)
	e := {"fact": "special_category", "ground": h.ground, "start": h.start, "end": h.end, "person": p}
}

# METADATA
# title: Spans of the persons a text names
# description: >-
#   The names the engine found (person_name), and a capitalised word right
#   after a determiner and a word of data.lexicon.person_relations: the
#   neighbours and acquaintances that introduce a first name ("la vicina
#   Maria", "il mio coinquilino Gianni"), which the engine's titles and
#   roles do not cover. The determiner keeps "vicino Massa" a place.
named_persons contains {"start": p.start, "end": p.end} if {
	some p in input.facts.pii
	p.kind == "person_name"
}

named_persons contains {"start": t.start, "end": t.end} if {
	some i, t in input.facts.tokens
	i > 1
	some key in input.facts.tokens[i - 1].keys
	data.lexicon.person_relations.words[key]
	some det in input.facts.tokens[i - 2].keys
	data.lexicon.person_relations.determiners[det]
	regex.match(`^\p{Lu}\pL+$`, t.text)
}

same_sentence(a, b) if {
	some [s, e] in input.facts.sentences
	s <= a.start
	a.end <= e
	s <= b.start
	b.end <= e
}

# METADATA
# title: Off topic
# description: >-
#   A client's signals.topic_similarity overrides the engine's fact and is
#   certain below the ente's threshold. The engine's own evidence only sends
#   to a person a comment that shares no stem with its post
#   (off_topic.max_similarity), no field of data.lexicon.topic_words
#   (off_topic_related), and is long enough to tell
#   (off_topic.min_content_words; off_topic.min_question_words for a
#   question, which staff answer anyway). It abstains where the comment
#   carries evidence of another rule or an emergency: that rule decides.
off_topic(meta, params) := v if {
	input.content.kind in {"comment", "reply"}
	s := input.signals.topic_similarity
	s < params.off_topic.signal_below
	v := decision.violation(meta, "off_topic", [{"fact": "signal", "name": "topic_similarity", "score": s}], true, params)
}

off_topic(meta, params) := v if {
	input.content.kind in {"comment", "reply"}
	not input.signals.topic_similarity
	s := input.facts.topic_similarity
	s <= params.off_topic.max_similarity
	input.facts.content_words >= off_topic_min_words(params)
	not off_topic_related
	not off_topic_other_evidence(params)
	v := decision.violation(meta, "off_topic", [{"fact": "topic_similarity", "score": s}], false, params)
}

# METADATA
# title: Content words a comment needs before the engine calls it off topic
off_topic_min_words(params) := object.get(params.off_topic, "min_question_words", params.off_topic.min_content_words) if {
	input.facts.form.question
} else := params.off_topic.min_content_words

# METADATA
# title: Topic fields of the comment's words
off_topic_comment_fields contains f if {
	some t in input.facts.tokens
	some key in t.keys
	some f in data.lexicon.topic_words[key]
}

# METADATA
# title: Topic fields of the words of the post the comment answers
# description: >-
#   The post's words folded as the engine folds keys (lower case, no
#   accents, apostrophes as spaces), each looked up in topic_words.
off_topic_thread_fields contains f if {
	some w in regex.split(`[^a-z0-9]+`, strings.replace_n(accents, lower(input.content.thread.text)))
	some f in data.lexicon.topic_words[w]
}

accents := {"à": "a", "á": "a", "è": "e", "é": "e", "ì": "i", "í": "i", "ò": "o", "ó": "o", "ù": "u", "ú": "u"}

# METADATA
# title: A comment related to its post by a topic field, or reacting to it
off_topic_related if "any" in off_topic_comment_fields

off_topic_related if count(off_topic_comment_fields & off_topic_thread_fields) > 0

# METADATA
# title: Evidence of a rule that removes, or an emergency
# description: >-
#   Words of a category the ente removes (insults, threats, personal data...)
#   or personal data found by the engine: that rule removes the comment or
#   sends it to a person, and an off-topic guess adds nothing. Advertising is
#   off topic by nature and is flagged as both.
off_topic_other_evidence(params) if {
	some h in lexicon.hits
	not h.category in off_topic_by_nature
	object.get(params.categories, [h.category, "outcome"], "") == "remove"
}

# Advertising and propaganda are foreign to any discussion: flagged with off topic, wherever they are removed.
off_topic_by_nature := {"advertising_spam", "political_propaganda"}

off_topic_other_evidence(_) if {
	some p in input.facts.pii
	p.kind != "person_name"
}

off_topic_other_evidence(_) if count(emergencies) > 0

# METADATA
# title: Repeated content
# description: >-
#   The same author posting the same text again in a discussion: the engine
#   counts the author's earlier contents in the ente's window whose
#   fingerprint is within flooding.near_duplicate_bits of this one's (the
#   same words when the ente sets none). Private messages and reports sent
#   again are reminders, and the ente's own staff repeating a notice is not
#   flooding.
repeated(meta, params) := v if {
	decision.published_kind in {"comment", "reply", "citizen_post"}
	input.facts.repetition.count >= params.flooding.max_repeats
	v := decision.violation(meta, "flooding", [{"fact": "repetition", "count": input.facts.repetition.count}], true, params)
}

# METADATA
# title: A wall of emoji
emoji_flood(meta, params) := v if {
	input.facts.form.emoji >= params.flooding.min_emoji
	v := decision.violation(meta, "flooding", [{"fact": "emoji", "count": input.facts.form.emoji}], true, params)
}

# METADATA
# title: Shouting
# description: a text mostly in capitals; a person decides whether it lacks measure.
shouting(meta, params) := v if {
	input.facts.form.letters >= params.flooding.shouting_min_letters
	input.facts.form.caps_ratio >= params.flooding.shouting_ratio
	v := decision.violation(meta, "flooding", [{"fact": "caps_ratio", "score": input.facts.form.caps_ratio}], false, params)
}

# METADATA
# title: Links to other sites
external_links(params) := [{"fact": "link", "match": l.url, "start": l.start, "end": l.end} |
	some l in input.facts.links
	not own_link(l, params)
]

own_link(l, params) if {
	some d in l.domain_suffixes
	params.own_domains[d]
}

shortener_links := [{"fact": "shortener", "match": l.url, "start": l.start, "end": l.end} |
	some l in input.facts.links
	some d in l.domain_suffixes
	data.lexicon.shorteners[d]
]

# METADATA
# title: Advertising and spam
# description: >-
#   Certain when advertising words come with a link to another site or a
#   phone number, or a spam signal is certain; advertising words alone,
#   link shorteners, or a spam signal above review go to a person.
advertising(meta, params) := v if {
	hits := lexicon.in_category("advertising_spam")
	sigs := signals({"spam"}, params.signals.review)
	(count(hits) + count(sigs)) + count(shortener_links) > 0
	contact := array.concat(external_links(params), [{"fact": "personal_data", "kind": p.kind, "start": p.start, "end": p.end} | some p in input.facts.pii; p.kind == "phone"])
	ev := array.concat(array.concat(sorted(hits | sigs), contact), shortener_links)
	v := decision.violation(meta, "advertising_spam", ev, advertising_certain(hits, sigs, contact, params), params)
}

advertising_certain(hits, _, contact, _) if {
	count(hits) > 0
	count(contact) > 0
}

advertising_certain(_, sigs, _, params) if {
	some s in sigs
	s.score >= params.signals.certain
}

default advertising_certain(_, _, _, _) := false

# METADATA
# title: Electoral propaganda
# description: calls to vote and electoral hashtags; naming a party is political debate, not propaganda.
propaganda(meta, params) := v if {
	hits := {h | some h in lexicon.in_category("political_propaganda"); h.kind != "party"}
	count(hits) > 0
	v := decision.violation(meta, "political_propaganda", sorted(hits), true, params)
}

# METADATA
# title: Evidently fake account
# description: >-
#   A classifier's fake_account score: certain at the ente's certain
#   threshold, review above its review threshold. An anonymous author
#   without a stated reason goes to review only where the ente says so.
fake_account(meta, params) := v if {
	sigs := signals({"fake_account"}, params.signals.review)
	count(sigs) > 0
	v := decision.violation(meta, "fake_account", sorted(sigs), certain(set(), sigs, params), params)
}

fake_account(meta, params) := v if {
	params.fake_account.review_anonymous
	input.author.anonymous
	object.get(input.author, "anonymity_reason", "") == ""
	count(signals({"fake_account"}, params.signals.review)) == 0
	v := decision.violation(meta, "fake_account", [{"fact": "author", "anonymous": true}], false, params)
}

# METADATA
# title: Channel managed by the ente
# description: >-
#   The platform must be one of the ente's; where the ente lists its
#   accounts (channels.accounts), the account must be one of them too.
not_managed(params) if not params.channels.platforms[object.get(input, ["channel", "platform"], "")]

not_managed(params) if {
	params.channels.accounts
	not params.channels.accounts[object.get(input, ["channel", "account"], "")]
}

# METADATA
# title: Repeat offender
# description: >-
#   Violations in the ente's window, this one included, reach the threshold:
#   block the author for the ente's number of days and tell the platform.
#   A violation that already blocks the author for good (a fake account)
#   makes a dated block pointless.
repeat_offender_actions(violations, params) := {
	{"type": "block_author", "until": until(params.repeat_offender.block_days, params)},
	{"type": "report_platform"},
} if offender(violations, params)

repeat_offender_actions(violations, params) := set() if {
	not offender(violations, params)
}

offender(violations, params) if {
	some v in violations
	v.outcome != "review"
	input.facts.history.violations + 1 >= params.repeat_offender.threshold
	not blocks_for_good(violations)
}

blocks_for_good(violations) if {
	some v in violations
	"block_author" in v.actions
}

# METADATA
# title: A date some days after the decision, in the ente's zone
# description: >-
#   Calendar days in the ente's zone: the same time of day, also across a
#   change to or from summer time (time.add_date alone counts days in UTC).
until(days, params) := days_after(input.now, days, params)

# METADATA
# title: A date some days after an instant (RFC 3339), in the ente's zone
days_after(instant, days, params) := time.format([later + (utc_offset(now, tz) - utc_offset(later, tz)), tz, "2006-01-02T15:04:05Z07:00"]) if {
	tz := params.schedule.timezone
	now := time.parse_rfc3339_ns(instant)
	later := time.add_date(now, 0, 0, days)
}

# METADATA
# title: The zone's offset from UTC at an instant, in nanoseconds
# description: the zone's wall clock read as if it were UTC, minus the instant.
utc_offset(ns, tz) := time.parse_ns(wall_clock, time.format([ns, tz, wall_clock])) - ns

wall_clock := "2006-01-02T15:04:05.999999999"

# METADATA
# title: Reply visibility follows the content's
reply_visibility := "private" if input.content.kind == "private_message"

default reply_visibility := "public"

# METADATA
# title: Emergencies in a text
# description: >-
#   The emergency terms of the lexicon, and hazards composed with a cue of
#   here and now, or with a second hazard, in the same sentence
#   (data.lexicon.emergency_parts), so that an emergency in any words is
#   found. A cue of the past, news, a
#   drill, a hypothesis or a negation in the sentence makes a term lieve (a
#   person looks first) and a composition void. Not a violation: an ente
#   whose document sends emergencies elsewhere answers with a redirect.
emergencies contains hit if {
	some h in lexicon.in_category("emergency")
	not_now_sentence(h)
	hit := object.union(h, {"severity": "lieve", "not_now": true})
}

emergencies contains h if {
	some h in lexicon.in_category("emergency")
	not not_now_sentence(h)
}

emergencies contains hit if {
	some h in emergency_parts.hazard
	not emergency_shielded(h)
	some n in emergency_parts.now
	same_sentence(h, n)
	not overlapping(h, n)
	not not_now_sentence(h)
	hit := object.union(h, {"fact": "emergency", "cue": {"match": n.match, "start": n.start, "end": n.end}})
}

emergencies contains hit if {
	some h in emergency_parts.hazard
	not emergency_shielded(h)
	some other in emergency_parts.hazard
	other.start > h.end
	not emergency_shielded(other)
	same_sentence(h, other)
	not not_now_sentence(h)
	hit := object.union(h, {"fact": "emergency", "cue": {"match": other.match, "start": other.start, "end": other.end}})
}

# METADATA
# title: Parts of emergencies in the text, by kind
emergency_parts[entry.kind] contains hit if {
	parts := data.lexicon.emergency_parts
	some tok in input.facts.tokens
	some key in tok.keys
	entry := parts[key]
	hit := object.union(object.remove(entry, ["kind"]), {"fact": "lexicon", "term": key, "match": tok.text, "start": tok.start, "end": tok.end})
}

emergency_parts[entry.kind] contains hit if {
	parts := data.lexicon.emergency_parts
	some g in input.facts.ngrams
	entry := parts[g.key]
	hit := object.union(object.remove(entry, ["kind"]), {"fact": "lexicon", "term": g.key, "match": g.text, "start": g.start, "end": g.end})
}

not_now_sentence(h) if {
	some n in emergency_parts.not_now
	same_sentence(h, n)
}

emergency_shielded(h) if {
	some s in emergency_parts.shield
	s.start <= h.start
	h.end <= s.end
}

# A cue that is part of the hazard's own words ("stanno sparando") is no second part.
overlapping(a, b) if {
	a.start < b.end
	b.start < a.end
}
