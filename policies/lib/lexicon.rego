# METADATA
# title: Lexicon lookups
# description: >-
#   Finds the words and phrases of the text in data.lexicon by key: every
#   token and two- or three-word phrase computed by the engine is looked up,
#   never a scan of the lexicon. Phrases in data.lexicon.exceptions (place
#   and saint names, set phrases) shield the words inside them; a surname
#   that is also a word (data.lexicon.surnames) is shielded where it is part
#   of a person's name, and a threat right after "non" is its negation
#   (data.lexicon.negation). Hits in quoted or reported speech carry
#   quoted: true or reported: true, and in_category_as leaves them out where
#   the ente's data says so. The threats and discrimination that
#   galateo.lib.grammar composes from targets, predicates and frames join
#   these hits, so every rule that reads them reads those too.
package galateo.lib.lexicon

import data.galateo.lib.grammar
import rego.v1

# METADATA
# title: Lookup keys of the words of the text
token_keys := {key | some t in input.facts.tokens; some key in t.keys}

# METADATA
# title: Lookup keys of the two- and three-word phrases of the text
ngram_keys := {g.key | some g in input.facts.ngrams}

# METADATA
# title: Lookup keys of the text, words and phrases
text_keys := token_keys | ngram_keys

# METADATA
# title: Whether the text holds a word or phrase of a list of terms
# description: >-
#   All the text's keys looked up in one builtin call (object.filter), for
#   an ente's short lists (its cost grows with the longer of list and text,
#   so the lexicon is looked up key by key instead). An entry set to false
#   does not count.
mentions(terms) if {
	some listed in object.filter(terms, text_keys)
	listed != false
}

# METADATA
# title: Hits of single words
hits contains hit if {
	terms := data.lexicon.terms
	some i, tok in input.facts.tokens
	some key in tok.keys
	entry := terms[key]
	not shielded(tok.start, tok.end)
	not person_name(i, tok, key)
	not negated(entry, tok.start)
	not grammar.absorbed(entry.category, i, tok)
	hit := object.union(entry, object.union(
		{"fact": "lexicon", "term": key, "match": tok.text, "start": tok.start, "end": tok.end},
		speech(tok),
	))
}

# METADATA
# title: Hits of phrases
hits contains hit if {
	terms := data.lexicon.terms
	some g in input.facts.ngrams
	entry := terms[g.key]
	not shielded(g.start, g.end)
	not negated(entry, g.start)
	not complement(entry, g.start)
	not grammar.absorbed_phrase(entry.category, g.start)
	hit := object.union(entry, object.union(
		{"fact": "lexicon", "term": g.key, "match": g.text, "start": g.start, "end": g.end},
		speech(g),
	))
}

# METADATA
# title: Hashtags found in the lexicon
hits contains hit if {
	some tag in input.facts.hashtags
	entry := data.lexicon.hashtags[tag.tag]
	hit := object.union(entry, object.union(
		{"fact": "hashtag", "term": tag.tag, "match": concat("", ["#", tag.tag]), "start": tag.start, "end": tag.end},
		tag_speech(tag),
	))
}

# METADATA
# title: Hashtags starting with a listed prefix (#votarossi), except ordinary words (#votazione)
hits contains hit if {
	some tag in input.facts.hashtags
	not data.lexicon.hashtags[tag.tag]
	some prefix, entry in data.lexicon.hashtag_prefixes
	startswith(tag.tag, prefix)
	not ordinary_word(tag.tag, entry)
	hit := object.union(object.remove(entry, ["except"]), object.union(
		{"fact": "hashtag", "term": prefix, "match": concat("", ["#", tag.tag]), "start": tag.start, "end": tag.end},
		tag_speech(tag),
	))
}

# METADATA
# title: Threats and discrimination composed by the grammar (fact "grammar")
hits contains hit if {
	some hit in grammar.hits
}

ordinary_word(tag, entry) if {
	some word in object.get(entry, "except", [])
	startswith(tag, word)
}

# METADATA
# title: Spans covered by an exception phrase
# description: >-
#   An exception with capitalised: true applies only when its last word is
#   written with a capital, as a place or a person's name is ("di Troia").
exceptions contains [g.start, g.end] if {
	phrases := data.lexicon.exceptions
	some g in input.facts.ngrams
	entry := phrases[g.key]
	written_as_exception(entry, g.text)
}

written_as_exception(entry, _) if not entry.capitalised

written_as_exception(entry, text) if {
	entry.capitalised
	regex.match(`(^|[^\pL])\p{Lu}\pL*$`, text)
}

shielded(start, end) if {
	some [s, e] in exceptions
	s <= start
	end <= e
}

# METADATA
# title: A hit of a negatable category right after a negation ("non so chi sei")
negated(entry, start) if {
	data.lexicon.negation.categories[entry.category]
	negation_ends[start - 1]
}

# METADATA
# title: A cry right after a word that makes it a complement ("minacce di morte al sindaco")
# description: >-
#   data.lexicon.complements: phrases of the lemmas it names, right after
#   one of its words, are what something else holds, not the author's cry.
complement(entry, start) if {
	data.lexicon.complements.lemmas[entry.lemma]
	some t in input.facts.tokens
	t.end == start - 1
	data.lexicon.complements.after[t.norm]
}

negation_ends contains t.end if {
	words := data.lexicon.negation.words
	some t in input.facts.tokens
	some key in t.keys
	words[key]
}

# METADATA
# title: A surname that is also a word, written as part of a person's name
# description: >-
#   Capitalised, and either after a title (data.lexicon.name_titles: "il
#   signor Troia") or inside a person_name the engine found ("Giuseppe
#   Troia"). In lower case, or without a name around it, the word counts.
person_name(i, tok, key) if {
	data.lexicon.surnames[key]
	capitalised(tok.text)
	named(i, tok)
}

# METADATA
# title: A word after a title, or inside a person_name the engine found
named(i, _) if {
	some title in input.facts.tokens[i - 1].keys
	data.lexicon.name_titles[title]
}

named(_, tok) if {
	some p in input.facts.pii
	p.kind == "person_name"
	p.start <= tok.start
	tok.end <= p.end
}

capitalised(text) if regex.match(`^\p{Lu}`, text)

# METADATA
# title: Quoted or reported speech of a token or phrase
# description: >-
#   {"quoted": true} for words inside quotation marks, {"reported": true}
#   for words that report someone else's ("mi ha dato del cretino"), both,
#   or {} for the author's own words. A phrase is quoted or reported when
#   every word of it is; facts without the fields are the author's own words.
speech(fact) := {mark: true |
	some mark in speech_marks
	fact[mark] == true
}

speech_marks := ["quoted", "reported"]

# METADATA
# title: Quoted or reported speech of a hashtag, from the token of its words
tag_speech(tag) := {mark: true |
	some mark in speech_marks
	marked_starts[mark][tag.start + 1]
	marked_ends[mark][tag.end]
}

marked_starts[mark] contains t.start if {
	some t in input.facts.tokens
	some mark in speech_marks
	object.get(t, mark, false) == true
}

marked_ends[mark] contains t.end if {
	some t in input.facts.tokens
	some mark in speech_marks
	object.get(t, mark, false) == true
}

# METADATA
# title: Hits grouped by category, computed once per decision
by_category := {category: {h | some h in hits; h.category == category} |
	some category in {h.category | some h in hits}
}

# METADATA
# title: Hits of one category
in_category(category) := object.get(by_category, category, set())

# METADATA
# title: Hits of one category, as the ente judges them
# description: >-
#   The hits of in_category, less those in quoted or reported speech when
#   the ente's data says lexicon.shield_quoted: true (every category) or
#   lexicon.shield_quoted: {<category>: true, ...} (those categories).
in_category_as(category, params) := {h |
	some h in by_category[category]
	not shielded_speech(h, category, params)
}

# METADATA
# title: Hits of one category left out as quoted or reported speech
# description: >-
#   What in_category_as leaves out, so that a rule may still send it to a
#   person (a quoted threat is often a citizen reporting one).
quoted_in_category(category, params) := {h |
	some h in by_category[category]
	shielded_speech(h, category, params)
}

shielded_speech(h, category, params) if {
	some mark in speech_marks
	h[mark]
	shields_speech(category, params)
}

shields_speech(_, params) if params.lexicon.shield_quoted == true

shields_speech(category, params) if params.lexicon.shield_quoted[category] == true
