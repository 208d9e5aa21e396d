# METADATA
# title: Grammar of threats and discrimination
# description: >-
#   Composes the parts the engine finds in a text (lemmas and analyses of
#   verb forms, clitics, clauses, negation, questions, quoted and reported
#   speech) with the words of data.lexicon.targets, .predicates and .frames.
#   A threat is a violent predicate and a target in one clause, in a mood or
#   under a frame that threatens; discrimination is a protected group and a
#   dehumanising, generalising, excluding, contemptuous or diminishing
#   predicate in one clause, or an exclusion frame by itself. A pronoun or a
#   third-person plural verb reaches back to a target named earlier. Negated,
#   quoted and reported predicates and sentences of counter-speech compose
#   nothing; a question goes to a person unless it incites. Hits have the
#   shape of galateo.lib.lexicon's (fact "grammar") and join them, with the
#   parts that make each one. Which compositions count and their severities
#   are settings (data.lib.grammar under the ente's grammar:). Every lookup
#   is by key: nothing scans the lexicon.
package galateo.lib.grammar

import data.galateo.lib.lexicon
import data.galateo.lib.params
import rego.v1

# METADATA
# title: Settings, the library's defaults under the deciding ente's own
settings := object.union(data.lib.grammar, params.current.grammar) if {
	params.current.grammar
} else := data.lib.grammar

# METADATA
# title: Hits of threat and discrimination
hits := threats | discrimination

tokens := input.facts.tokens

# --- parts of the text ----------------------------------------------------------

# METADATA
# title: The words a token is looked up by, its keys and its lemmas
words(tok) := {w | some w in tok.keys} | {w | some w in object.get(tok, "lemmas", [])}

# METADATA
# title: The author's own words, neither quoted nor reported
own(x) if {
	not x.quoted
	not x.reported
}

# METADATA
# title: The clause of a token, or its sentence where settings.scope says so
unit(i) := input.facts.clauses[tokens[i].clause].sentence if {
	settings.scope == "sentence"
} else := tokens[i].clause

# METADATA
# title: The sentence of a token
sentence(i) := input.facts.clauses[tokens[i].clause].sentence

negated(i) if tokens[i].negated == true

negated(i) if dangling_negation[tokens[i].clause]

# METADATA
# title: Clauses whose negator the clause before ends with
# description: >-
#   "Gli atei non hanno una coscienza, non | sono persone per bene": a
#   negator (data.lexicon.language.negators) right before the first word of
#   a clause of the same sentence negates that clause.
dangling_negation contains tok.clause if {
	some k, tok in tokens
	k > 0
	before := tokens[k - 1]
	before.clause != tok.clause
	input.facts.clauses[before.clause].sentence == input.facts.clauses[tok.clause].sentence
	before.norm in data.lexicon.language.negators
}

# "Chi non parla italiano in comune non ci | deve entrare": the negator with
# the verb's clitics between it and the clause they belong to.
dangling_negation contains tok.clause if {
	some k, tok in tokens
	k > 1
	tokens[k - 1].clause != tok.clause
	tokens[k - 1].norm in data.lexicon.language.clitics
	tokens[k - 2].clause == tokens[k - 1].clause
	tokens[k - 2].norm == "non"
	input.facts.clauses[tokens[k - 1].clause].sentence == input.facts.clauses[tok.clause].sentence
}

# METADATA
# title: A part made of one token
token_part(role, i, tok, term, entry) := {
	"role": role, "term": term, "entry": entry, "i": i, "j": i,
	"match": tok.text, "start": tok.start, "end": tok.end,
}

# METADATA
# title: A part made of a phrase, with the index of its first token
phrase_part(role, g, entry) := {
	"role": role, "term": g.key, "entry": entry,
	"i": min({k | some k, t in tokens; t.start == g.start}),
	"j": max({k | some k, t in tokens; t.end == g.end}),
	"match": g.text, "start": g.start, "end": g.end,
}

# METADATA
# title: Words and phrases of data.lexicon.targets, outside exception phrases
target_parts contains p if {
	some i, tok in tokens
	some w in tok.keys
	entry := data.lexicon.targets[w]
	own_target(tok)
	p := token_part("target", i, tok, w, entry)
}

target_parts contains p if {
	some i, tok in tokens
	some w in tok.lemmas
	entry := data.lexicon.targets[w]
	own_target(tok)
	p := token_part("target", i, tok, w, entry)
}

target_parts contains p if {
	some g in input.facts.ngrams
	own(g)
	entry := data.lexicon.targets[g.key]
	p := phrase_part("target", g, entry)
}

# "Due uomini che si baciano", "due donne che si tengono per mano": a
# couple of one sex doing what couples do names the group of their
# orientation (settings.discrimination.same_sex), as "coppie gay" does.
target_parts contains p if {
	conf := settings.discrimination.same_sex
	some i, tok in tokens
	tok.norm in conf.people
	own(tok)
	tokens[i - 1].norm in conf.numbers
	tokens[i + 1].norm == "che"
	tokens[i + 2].norm in {"si", "se"}
	some a in analyses(i + 3)
	a.lemma in conf.verbs
	p := token_part("target", i, tok, tok.norm, {"kind": "group", "ground": "orientamento_sessuale", "couple": true})
}

# A target is the author's own word also in scare quotes ('i "profughi"
# vanno rimpatriati'): a quotation of one word is irony or emphasis, not
# another's speech (facts.quotes words).
own_target(tok) if own(tok)

own_target(tok) if {
	tok.quoted
	not tok.reported
	some q in input.facts.quotes
	q.words == 1
	q.start < tok.start
	tok.end < q.end
}

# METADATA
# title: Targets, less institutions and the words inside a longer target ("ufficio tecnico", "campo rom")
targets contains p if {
	some p in target_parts
	p.entry.kind != "institution"
	not lexicon.shielded(p.start, p.end)
	not inside_institution(p)
	not determiner(p)
	not attributive(p)
	not unarticled(p)
	not self_named(p)
	not discrimination_recast(p)
}

# "Due donne che si baciano": the couple's group, not the word's own ("donna").
discrimination_recast(p) if {
	not p.entry.couple
	some q in target_parts
	q.entry.couple
	q.i == p.i
}

# A group named by an adjective only as a noun (targets.yaml nominal: true)
# needs its article right before it: "i neri", not "i sacchi neri".
unarticled(p) if {
	p.entry.nominal
	not article_before(p.i)
}

article_before(i) if tokens[i - 1].norm in data.lexicon.language.determiners

# METADATA
# title: A group word used as an adjective of a thing ("i vecchi lampioni", "i giovani alberi")
# description: >-
#   Targets with adjective: true are groups before a verb, a function word
#   or another known word; right before a plain noun (one space, no
#   punctuation: "i vecchi, finalmente" is the group) they describe it.
attributive(p) if {
	p.entry.adjective
	next := tokens[p.j + 1]
	next.clause == tokens[p.j].clause
	next.start == tokens[p.j].end + 1
	plain_word(next)
}

plain_word(tok) if {
	count(tok.norm) > 1
	not tok.norm in data.lexicon.language.function_words
	not known_word(tok)
}

known_word(tok) if {
	some w in words(tok)
	some table in ["targets", "frames"]
	data.lexicon[table][w]
}

# A noun violent only with its verbs ("muro", "testa": predicates.yaml with:) is a plain noun here ("il vecchio muro").
known_word(tok) if {
	some w in words(tok)
	entry := data.lexicon.predicates[w]
	not entry.with
}

known_word(tok) if {
	some a in object.get(tok, "analyses", [])
	a.lemma in settings.common_verbs
}

# "quei rom", "quella femminista": the demonstrative before a target is its determiner.
determiner(p) if {
	p.entry.kind == "individual"
	some q in target_parts
	q.i == p.i + 1
}

inside_institution(p) if {
	some q in target_parts
	q.start <= p.start
	p.end <= q.end
	q.end - q.start > p.end - p.start
}

# METADATA
# title: Words and phrases of data.lexicon.predicates, outside exception phrases
predicates contains p if {
	some i, tok in tokens
	some w in tok.keys
	entry := data.lexicon.predicates[w]
	p := predicate_part(i, tok, w, entry)
}

predicates contains p if {
	some i, tok in tokens
	some w in tok.lemmas
	entry := data.lexicon.predicates[w]
	p := predicate_part(i, tok, w, entry)
}

predicate_part(i, tok, w, entry) := p if {
	own(tok)
	not lexicon.shielded(tok.start, tok.end)
	p := token_part("predicate", i, tok, w, entry)
	not written_as_noun(p)
}

predicates contains p if {
	some g in input.facts.ngrams
	own(g)
	entry := data.lexicon.predicates[g.key]
	not lexicon.shielded(g.start, g.end)
	p := phrase_part("predicate", g, entry)
}

# METADATA
# title: Frames, less those inside a longer frame ("giuro" in "giuro che")
frames contains f if {
	some f in frame_parts
	not inside_longer_frame(f)
}

inside_longer_frame(f) if {
	some g in frame_parts
	g.start <= f.start
	f.end <= g.end
	g.end - g.start > f.end - f.start
}

# METADATA
# title: Words and phrases of data.lexicon.frames
frame_parts contains p if {
	some i, tok in tokens
	some key in tok.keys
	entry := data.lexicon.frames[key]
	not entry.verb
	own(tok)
	p := token_part("frame", i, tok, key, entry)
}

# A verb frame (frames.yaml verb: true) is its lemma in the author's own
# first person, in any tense: "giuro", "giuriamo", "giurerei", "ho giurato".
frame_parts contains p if {
	some i, tok in tokens
	some a in object.get(tok, "analyses", [])
	a.person == 1
	entry := data.lexicon.frames[a.lemma]
	entry.verb == true
	finite_first(a)
	own(tok)
	p := token_part("frame", i, tok, a.lemma, entry)
}

frame_parts contains p if {
	some i, tok in tokens
	some a in object.get(tok, "analyses", [])
	a.mood == "participle"
	entry := data.lexicon.frames[a.lemma]
	entry.verb == true
	after_first_auxiliary(i)
	own(tok)
	p := token_part("frame", i, tok, a.lemma, entry)
}

frame_parts contains p if {
	some g in input.facts.ngrams
	own(g)
	entry := data.lexicon.frames[g.key]
	p := phrase_part("frame", g, entry)
}

# "sto organizzando", "ci stiamo preparando": the gerund of a verb frame
# after "stare" in the author's first person.
frame_parts contains p if {
	some i, tok in tokens
	some a in object.get(tok, "analyses", [])
	a.mood == "gerund"
	entry := data.lexicon.frames[a.lemma]
	entry.verb == true
	some b in analyses(i - 1)
	b.lemma == "stare"
	finite_first(b)
	own(tok)
	p := token_part("frame", i, tok, a.lemma, entry)
}

# METADATA
# title: A participle after an auxiliary in the first person ("ho giurato")
after_first_auxiliary(i) if {
	some b in object.get(tokens[i - 1], "analyses", [])
	b.lemma in {"avere", "essere"}
	finite_first(b)
}

finite_first(a) if {
	a.person == 1
	a.mood in {"indicative", "conditional", "subjunctive"}
}

# METADATA
# title: Frames by sentence and kind
frames_in[s][kind] contains f if {
	some f in frames
	s := sentence(f.i)
	kind := f.entry.kind
}

# METADATA
# title: A sentence that incites, as a call also when asked or negated
incites(s) if count(object.get(frames_in, [s, "incitement"], set())) > 0

# METADATA
# title: A sentence of counter-speech
countered(s) if count(object.get(frames_in, [s, "counter"], set())) > 0

# --- verb forms -------------------------------------------------------------------

analyses(i) := object.get(tokens[i], "analyses", [])

# METADATA
# title: The verb forms that carry a predicate, as [token index, analysis]
# description: >-
#   The predicate's own analyses, unless the word is one of the nouns its
#   verb is written as (nouns: "lo sgombero", "la cura"); for a noun with
#   `with:` verbs ("dare fuoco", "prendere a calci") the analyses of those
#   verbs in its clause, which alone count, or of any verb when the noun is
#   its manner ("a calci").
forms(p) := {[p.i, a] | some a in analyses(p.i); a.lemma == p.term} if {
	not p.entry.with
} else := {[k, a] |
	some k, _ in tokens
	unit(k) == unit(p.i)
	some a in analyses(k)
	a.lemma in with_verbs(p)
} | manner_forms(p)

# METADATA
# title: The verbs that make a noun an act, with those that get a means of violence ready or carry it
# description: >-
#   A means of violence (predicates.yaml means: true) is also got ready
#   with the verbs of settings.threat.means_verbs ("mi sono procurato un
#   fucile"), and carried with those of settings.threat.means_motion
#   ("vengo in municipio con la pistola").
with_verbs(p) := ({v | some v in p.entry.with} | {v | some v in settings.threat.means_verbs}) | {v | some v in settings.threat.means_motion} if {
	p.entry.means
} else := {v | some v in p.entry.with}

# "a calci", "a ceffoni", "a suon di legnate": the manner of any verb before it in the clause (predicates.yaml manner: true).
manner_forms(p) := {[k, a] |
	p.entry.manner == true
	manner_preposition(p.i)
	plural(p.i)
	some k, _ in tokens
	k < p.i
	unit(k) == unit(p.i)
	not tokens[k].norm in settings.threat.manner_not_verbs
	some a in analyses(k)
	not a.lemma in settings.discrimination.link_lemmas
}

# METADATA
# title: What introduces a noun of manner
# description: >-
#   "a" right before it ("a calci"), or a phrase of repetition that ends in
#   "di" ("a suon di legnate", "a colpi di spranga" takes its noun with
#   `with:` verbs, "a forza di schiaffi"): settings.threat.manner_phrases.
manner_preposition(i) if tokens[i - 1].norm == "a"

manner_preposition(i) if {
	tokens[i - 1].norm == "di"
	concat(" ", [tokens[i - 3].norm, tokens[i - 2].norm]) in settings.threat.manner_phrases
}

# A noun written as the verb's form ("il pesto"), unless a pronoun makes it the verb ("vi pesto").
written_as_noun(p) if {
	tokens[p.i].norm in object.get(p.entry, "nouns", [])
	not verb_clitic(p.i)
}

verb_clitic(k) if {
	some c in object.get(tokens[k], "clitics", [])
	c in settings.personal_clitics
}

# "lo" is the article only before s and a consonant, z, gn, ps, x, y: "lo sgombero", but "lo pesto" is the verb.
verb_clitic(k) if {
	"lo" in object.get(tokens[k], "clitics", [])
	not article("lo", tokens[k].norm)
}

verb_clitic(k) if {
	tokens[k - 1].norm == "lo"
	not article("lo", tokens[k].norm)
}

# "la strozzo", "le sfregio": a feminine pronoun before a masculine noun
# form can be no article.
verb_clitic(k) if {
	tokens[k - 1].norm in {"la", "le"}
	endswith(tokens[k].norm, "o")
}

# METADATA
# title: The tokens of the verbs that carry a noun predicate, as parts
carriers(p) := {token_part("predicate", k, tokens[k], a.lemma, {}) |
	some [k, a] in forms(p)
	k != p.i
}

matches_any(a, patterns) if {
	some pattern in patterns
	object.subset(a, pattern)
}

# METADATA
# title: A form that threatens by itself (first person, imperative...)
# description: >-
#   Never for a predicate with framed: true, which threatens only under a
#   frame of wish or intent ("speriamo che il tetto della moschea crolli";
#   "il ponte crolli" is news or fear).
threatens(p) if {
	not p.entry.framed
	some [k, a] in forms(p)
	matches_any(a, own_moods(p, k))
	not mistaken_imperative(k, a)
}

# "Sto caricando il fucile", "vi stiamo preparando la forca": the gerund
# after the author's own "stare" is the present of the first person.
threatens(p) if {
	not p.entry.framed
	not p.entry.voice
	some [k, a] in forms(p)
	a.mood == "gerund"
	some b in analyses(k - 1)
	b.lemma == "stare"
	finite_first(b)
}

# "Ho comprato una pistola", "mi sono già procurato la benzina": a means
# of violence the author has got ready threatens as its announcement does.
threatens(p) if {
	p.entry.means
	some [k, a] in forms(p)
	a.mood == "participle"
	a.lemma in settings.threat.means_verbs
	after_own_auxiliary(k)
}

# METADATA
# title: A participle after an auxiliary in the first person, an adverb between or not ("ho già comprato")
after_own_auxiliary(k) if after_first_auxiliary(k)

after_own_auxiliary(k) if {
	tokens[k - 1].norm in settings.threat.between_auxiliary
	after_first_auxiliary(k - 1)
}

# METADATA
# title: An imperative that reads as another form of its verb
# description: >-
#   The second person plural of the imperative is written as the feminine
#   plural participle ("donne picchiate"), and the second person singular as
#   the third of the present ("torna il mercato"). Such a form commands only
#   with a pronoun attached ("picchiatele", "tornatevene"); the plural also
#   at the head of its clause ("e crepate").
mistaken_imperative(k, a) if {
	a.mood == "imperative"
	some b in analyses(k)
	b.lemma == a.lemma
	b.mood == "participle"
	not enclitic(k)
	not clause_head(k)
	not threat_commands_joined(k)
	not threat_called_on(k)
}

# "Vegani, mangiate erba e crepate", "andate via e crepate": after "e", a
# plural command joined to one before it in its clause that commands (at
# its head, or right after the group addressed that opens the sentence with
# no article); "le donne picchiate e umiliate" names them.
threat_commands_joined(k) if {
	tokens[k - 1].norm == "e"
	some j in numbers.range(threat_sentence_first(k), k - 2)
	unit(j) == unit(k)
	some b in analyses(j)
	b.mood == "imperative"
	b.person == 2
	b.plural == true
	threat_command_head(j)
}

threat_command_head(j) if clause_head(j)

# "Zingari, crepate tutti", "voi froci, sparite": the group called on opens
# the sentence, a comma after it, and the command follows it.
threat_called_on(k) if {
	some t in targets
	t.j == k - 1
	threat_cry_fillers(threat_sentence_first(k), t.i - 1)
	contains(substring(input.content.text, tokens[t.j].start, tokens[k].start - tokens[t.j].start), ",")
}

threat_command_head(j) if {
	some t in targets
	t.j == j - 1
	t.i == threat_sentence_first(j)
}

mistaken_imperative(k, a) if {
	a.mood == "imperative"
	some b in analyses(k)
	b.lemma == a.lemma
	b.mood == "indicative"
	not enclitic(k)
	not opens_with_command(k, b)
	not threat_commands_joined(k)
	not threat_called_on(k)
}

# The second person plural at the start of a sentence commands ("Cacciate
# i rom", "Vietate l'ingresso ai rom"); a statement would name its subject.
opens_with_command(k, b) if {
	b.person == 2
	b.plural == true
	sentence_start(k)
}

sentence_start(0)

sentence_start(k) if {
	k > 0
	sentence(k - 1) != sentence(k)
}

enclitic(k) if {
	some c in object.get(tokens[k], "clitics", [])
	clitic_part("reference", k, c).i == k
}

clause_head(0)

clause_head(k) if tokens[k - 1].clause != tokens[k].clause

clause_head(k) if {
	tokens[k - 1].norm in {"e", "ma", "poi", "o"}
	tokens[k - 2].clause != tokens[k].clause
}

clause_head(1) if tokens[0].norm in {"e", "ma", "poi", "o"}

# The victim's verb threatens in its own victim moods; its carrier ("li faccio sparire") in the usual ones.
own_moods(p, k) := settings.threat.victim_moods if {
	p.entry.voice == "intransitive"
	k == p.i
} else := settings.threat.moods

# METADATA
# title: The frames of intent, wish, plan, obligation or incitement in the sentence of a predicate
licensing_frames(p) := (({f |
	some kind in frame_kinds(p)
	some f in object.get(frames_in, [sentence(p.i), kind], set())
	not overlapping(f, p)
} | gerundives(p)) | foreseen(p)) | purposes(p)

# METADATA
# title: The kinds of frame that license a predicate
# description: >-
#   An event with no agent (predicates.yaml framed: true) is wished or
#   meant, never owed: "bisogna rifare il tetto prima che crolli sui
#   bambini" fears it.
frame_kinds(p) := settings.threat.event_frames if p.entry.framed

else := settings.threat.frames

# METADATA
# title: The word before an infinitive that says it ought to be done ("sono da fucilare", "gente da prendere a schiaffi"), as a frame
# description: >-
#   Not for a verb whose subject is the victim: "da morire" says how much
#   ("mi mancano da morire"); nor with a target after the infinitive, as
#   the one it is said of comes before ("le barriere sono da abbattere per
#   i disabili").
gerundives(p) := {token_part("frame", k - 1, tokens[k - 1], tokens[k - 1].norm, {"kind": "obligation"}) |
	not p.entry.voice
	not p.entry.framed
	some [k, a] in forms(p)
	a.mood == "infinitive"
	tokens[k - 1].norm in settings.threat.gerundive
	own(tokens[k - 1])
	not target_after(k)
}

# METADATA
# title: The purpose of the author's own act ("ho comprato la corda per impiccare il sindaco"), as a frame
# description: >-
#   "Per" (settings.threat.purpose) before a violent infinitive whose
#   object is a target, after a verb in the author's first person in its
#   sentence: what the author does it for is meant. Not for a verb whose
#   subject is the victim ("lavoro per non morire di fame").
purposes(p) := {token_part("frame", k - 1, tokens[k - 1], tokens[k - 1].norm, {"kind": "intent"}) |
	not p.entry.voice
	not p.entry.framed
	some [k, a] in forms(p)
	a.mood == "infinitive"
	tokens[k - 1].norm in settings.threat.purpose
	own(tokens[k - 1])
	own_act_before(k - 1)
	victim_right_after(k)
}

# The infinitive's own object is a target ("per impiccare il sindaco") or
# a pronoun on it ("per ammazzarlo"); "per abbattere l'albero davanti
# alla scuola dei bambini" names the children elsewhere.
victim_right_after(k) if enclitic(k)

victim_right_after(k) if {
	some t in targets
	t.i == k + 1
}

victim_right_after(k) if {
	some t in targets
	t.i == k + 2
	tokens[k + 1].norm in data.lexicon.language.determiners
}

own_act_before(k) if {
	some j in numbers.range(0, k - 1)
	sentence(j) == sentence(k)
	some b in analyses(j)
	finite_first(b)
	not b.lemma in {"essere", "avere"}
}

own_act_before(k) if {
	some j in numbers.range(0, k - 1)
	sentence(j) == sentence(k)
	some b in analyses(j)
	b.mood == "participle"
	after_own_auxiliary(j)
}

# METADATA
# title: What the addressees will see done to the one a pronoun names ("la moschea la vedete bruciare"), as a frame
# description: >-
#   A verb of settings.threat.seeing with an object pronoun before it and a
#   violent infinitive after it, which takes no object of its own: "li
#   vedete picchiare i bambini" accuses, it does not announce.
foreseen(p) := {token_part("frame", k - 1, tokens[k - 1], tokens[k - 1].norm, {"kind": "intent"}) |
	some [k, a] in forms(p)
	a.mood == "infinitive"
	tokens[k - 1].norm in settings.threat.seeing
	tokens[k - 2].norm in {"la", "lo", "li", "le", "l"}
	own(tokens[k - 1])
	not object_after(k)
}

# METADATA
# title: An infinitive followed by its own object
object_after(k) if {
	unit(k + 1) == unit(k)
	tokens[k + 1].norm in data.lexicon.language.determiners
}

# METADATA
# title: A target after a token in its clause
target_after(k) if {
	some t in targets
	unit(t.i) == unit(k)
	t.i > k
}

# METADATA
# title: The frames that make a predicate's form a threat; none when the form threatens by itself
licence(p) := set() if {
	threatens(p)
} else := fs if {
	fs := licensing_frames(p)
	count(fs) > 0
	framed_form(p, fs)
}

# METADATA
# title: A form a frame makes a threat, or a noun of violence that needs no verb ("una bella pulizia etnica")
framed_form(p, _) if {
	some [k, a] in forms(p)
	not participle(k, a.lemma)
	matches_any(a, settings.threat.framed_moods)
}

# A participle, or a form written as one ("picchiate"), follows its frame ("vanno sterminati"); before it, it names who ("le donne picchiate devono essere protette").
framed_form(p, fs) if {
	some [k, a] in forms(p)
	participle(k, a.lemma)
	not existential(k)
	some f in fs
	f.end <= tokens[k].start
}

# METADATA
# title: A participle after "ci sono", the people it names
# description: >-
#   "Speriamo non ci siano feriti", "ci sono stati morti": after "there
#   is", a participle is the people it names.
existential(k) if {
	some b in analyses(k - 1)
	b.lemma == "essere"
	tokens[k - 2].norm in {"ci", "c"}
}

existential(k) if {
	tokens[k - 1].norm == "stati"
	some b in analyses(k - 2)
	b.lemma == "essere"
	tokens[k - 3].norm in {"ci", "c"}
}

participle(k, lemma) if {
	some b in analyses(k)
	b.lemma == lemma
	b.mood == "participle"
}

framed_form(p, _) if {
	not p.entry.with
	not regex.match(`(are|ere|ire|rre)$`, p.term)
}

overlapping(a, b) if {
	a.start < b.end
	b.start < a.end
}

# --- targets of a predicate --------------------------------------------------------

# METADATA
# title: Targets of some kinds in the clause of a part
direct(p, kinds) := {t |
	some t in targets
	t.entry.kind in kinds
	unit(t.i) == unit(p.i)
	not overlapping(t, p)
	placed(t, p)
}

# A predicate that counts negated ("non sono esseri umani") follows its target.
placed(_, p) if not p.entry.when

placed(t, p) if {
	p.entry.when == "negated"
	t.end <= p.start
}

# ... but a service the author denies in the first person (predicates.yaml
# object: true) takes its group after it ("non assumerei mai una donna",
# "non affitto ai rom").
placed(t, p) if {
	p.entry.when == "negated"
	p.entry.object == true
	p.end <= t.start
	some [_, a] in forms(p)
	a.person == 1
	a.mood in {"indicative", "conditional"}
	its_object(p, t)
}

# The group is the verb's object: only determiners and words of
# settings.discrimination.object_between stand between ("non sopporto più
# questi rumeni"), or it is the one the service is for ("non affitto casa ai
# rom"); not "non sopporto il rumore dei ragazzini".
its_object(p, t) if t.i == p.j + 1

its_object(p, t) if {
	p.j + 1 < t.i
	every k in numbers.range(p.j + 1, t.i - 1) {
		object_filler(tokens[k].norm)
	}
}

its_object(_, t) if preposition_before(t, settings.discrimination.dative)

# METADATA
# title: The person addressed in the clause of a part ("ti", "spaccarti", "tu")
addressed(p) := {clitic_part("target", k, c) |
	some k, tok in tokens
	unit(k) == unit(p.i)
	own(tok)
	some c in pronouns(tok, "second_person")
}

# METADATA
# title: A pronoun as a part, the word before its verb where it stands apart ("li faccio", "te la faccio")
# description: >-
#   Only a word of the verb's own clause: "le" ending the clause before
#   ("Ci sono le rom. Cacciatele") is an article.
clitic_part(role, k, c) := token_part(role, k - 1, tokens[k - 1], c, {}) if {
	c in tokens[k - 1].keys
	tokens[k - 1].clause == tokens[k].clause
} else := token_part(role, k - 2, tokens[k - 2], c, {}) if {
	c in tokens[k - 2].keys
	tokens[k - 2].clause == tokens[k].clause
} else := token_part(role, k, tokens[k], c, {})

pronouns(tok, kind) := {c | some c in object.get(tok, "clitics", []); data.lexicon.target_pronouns[kind][c]} | {w |
	some w in tok.keys
	data.lexicon.target_pronouns[concat("_", [kind, "words"])][w]
}

# METADATA
# title: What points back in a clause, by unit
# description: >-
#   Object pronouns attached to or before a verb ("li ammazzerei"), "loro"
#   and "quelli", and verbs in the third person plural ("sono animali").
references[u] contains object.union(clitic_part("reference", k, c), {"pronoun": true}) if {
	some k, tok in tokens
	own(tok)
	some c in pronouns(tok, "back_reference")
	u := unit(k)
}

# "li" and "lo" standing before a word are pronouns, unless "lo" is that word's article ("lo sgombero").
references[u] contains object.union(token_part("reference", k, tok, tok.norm, {}), {"pronoun": true}) if {
	some k, tok in tokens
	tok.norm in {"li", "lo"}
	own(tok)
	next := tokens[k + 1]
	not article(tok.norm, next.norm)
	u := unit(k)
}

article("lo", word) if regex.match(`^(s[^aeiou]|z|gn|ps|pn|x|y)`, word)

references[u] contains token_part("reference", k, tok, tok.norm, {}) if {
	some k, tok in tokens
	own(tok)
	some a in analyses(k)
	a.person == 3
	a.plural == true
	u := unit(k)
}

# METADATA
# title: Finite verbs in the third person, whose subject a clause may leave out, by unit
# description: >-
#   "Chi nasce down non dovrebbe avere il diritto ...", "una trans non è una
#   donna e non è nemmeno un essere umano": they point back to a target
#   earlier in their sentence.
subjects[u] contains token_part("reference", k, tok, tok.norm, {}) if {
	some k, tok in tokens
	own(tok)
	not after_determiner(k)
	some a in analyses(k)
	a.person == 3
	a.mood in {"indicative", "conditional", "subjunctive"}
	u := unit(k)
}

# A word after an article is a noun whatever its verb readings ("i vigliacchi").
after_determiner(k) if tokens[k - 1].norm in data.lexicon.language.determiners

# METADATA
# title: A target named earlier, and what points back to it from the clause of a part
# description: >-
#   A pronoun or a plural verb points back anywhere in the text, a verb in
#   the third person within its sentence; the nearest target before both
#   is the one.
referred(p, kinds) := {antecedent, marker} if {
	marker := first(object.get(references, unit(p.i), set()))
	not dislocated(marker)
	antecedent := nearest(p, marker, kinds, -1)
} else := {antecedent, marker} if {
	not taken_up(unit(p.i))
	marker := first(object.get(subjects, unit(p.i), set()))
	antecedent := nearest(p, marker, kinds, sentence(p.i))
} else := {antecedent, marker} if {
	marker := first(object.get(locatives, unit(p.i), set()))
	antecedent := nearest_place(p, marker, kinds)
}

# METADATA
# title: A locative pronoun before a verb ("ci vado con una bomba"), by unit
# description: >-
#   It points back to a place that stands for its people (targets.yaml
#   place: true) named earlier in the text: "il giorno che aprono quella
#   moschea ci vado con una bomba".
locatives[u] contains token_part("reference", k, tok, tok.norm, {}) if {
	some k, tok in tokens
	own(tok)
	tok.norm in settings.locatives
	some a in analyses(k + 1)
	a.mood in {"indicative", "conditional", "subjunctive"}
	u := unit(k + 1) # the verb's clause: "ci" may end the clause before
}

nearest_place(p, marker, kinds) := sort(earlier)[count(earlier) - 1][1] if {
	earlier := [[t.start, t] |
		some t in targets
		t.entry.kind in kinds
		gathered(t, p)
		t.end <= marker.start
	]
	count(earlier) > 0
}

# METADATA
# title: A target a locative can point back to
gathered(t, _) if t.entry.place

# An event that falls on a place (predicates.yaml framed: true) falls on
# whoever was named gathered there: "c'è la festa della comunità islamica
# al palazzetto, speriamo che ci crolli sopra".
gathered(_, p) if p.entry.framed

gathered(_, p) if p.entry.survives

# "... è roba da vigliacchi, e i vigliacchi qui non li vogliamo": a plural
# noun with its article before the pronoun in its clause is what the
# pronoun takes up, not a group named earlier.
dislocated(marker) if {
	marker.pronoun
	some k, tok in tokens
	k < marker.i
	unit(k) == unit(marker.i)
	tokens[k - 1].norm in data.lexicon.language.determiners
	plain_word(tok)
	plural(k)
}

# A clause whose pronoun takes up a noun of its own points back to nothing.
taken_up(u) if dislocated(first(object.get(references, u, set())))

first(parts) := sort([[m.start, m] | some m in parts])[0][1]

nearest(p, marker, kinds, s) := sort(earlier)[count(earlier) - 1][1] if {
	earlier := [[t.start, t] |
		some t in targets
		t.entry.kind in kinds
		t.end <= p.start
		t.end <= marker.start
		within(t, s)
	]
	count(earlier) > 0
}

within(_, -1)

within(t, s) if sentence(t.i) == s

# METADATA
# title: The targets of a threat (in its clause, addressed, in its sentence for a means, or pointed back to)
threat_targets(p) := found if {
	found := {t | some t in direct(p, settings.threat.targets); not displaced(p, t); not spared(t)} | {t | some t in addressed(p); not wished_agent(p, t)}
	count(found) > 0
} else := found if {
	found := armed_against(p)
	count(found) > 0
} else := found if {
	found := inside(p)
	count(found) > 0
} else := found if {
	found := referred(p, settings.threat.targets)
	every t in found {
		not spared(t)
	}
} else := found if {
	found := coordinated(p)
	count(found) > 0
} else := found if {
	found := threat_thread_place(p)
	count(found) > 0
}

# METADATA
# title: A place of a group the thread names, for a locative with nothing before it in the comment ("ci entro con l'esplosivo" under a post about a mosque)
# description: >-
#   Only a locative pronoun (settings.locatives) before the verb of the
#   predicate's clause takes it up, never a bare violent word; the target
#   stands where the pronoun does, since the thread is another text.
threat_thread_place(p) := {t, marker} if {
	marker := first(object.get(locatives, unit(p.i), set()))
	some key in threat_thread_keys
	entry := data.lexicon.targets[key]
	entry.place
	entry.kind in settings.threat.targets
	t := {
		"role": "target", "term": key, "entry": entry, "i": marker.i, "j": marker.j,
		"match": key, "start": marker.start, "end": marker.end,
	}
}

# The words of the thread, its pairs and triples of them, as targets.yaml keys ("moschea", "campo rom", "centro culturale islamico").
threat_thread_keys contains w if {
	some w in threat_thread_words
}

threat_thread_keys contains concat(" ", [w, threat_thread_words[k + 1]]) if {
	some k, w in threat_thread_words
}

threat_thread_keys contains concat(" ", [w, threat_thread_words[k + 1], threat_thread_words[k + 2]]) if {
	some k, w in threat_thread_words
}

threat_thread_words := [w | some w in regex.split(`[^a-z0-9]+`, lower(object.get(input, ["content", "thread", "text"], ""))); w != ""]

# METADATA
# title: A target no harm is wished on
# description: >-
#   "Spero che nessun bambino finisca sotto una macchina": a target after
#   a word of settings.threat.none is the one no harm is wished on.
spared(t) if tokens[t.i - 1].norm in settings.threat.none

# METADATA
# title: The threat targets of the clause before one that opens with "e" or "poi"
# description: >-
#   "I trans vanno presi e rinchiusi in un lager": a clause that opens
#   with "e" or "poi" shares the target of the clause before it.
coordinated(p) := {t |
	some k, tok in tokens
	unit(k) == unit(p.i)
	k > 0
	tokens[k - 1].clause != tok.clause
	tok.norm in settings.threat.coordinators
	some t in targets
	t.entry.kind in settings.threat.targets
	tokens[t.i].clause == tokens[k - 1].clause
	sentence(t.i) == sentence(p.i)
	not spared(t)
}

# METADATA
# title: The institutions inside a building that falls, as their people
# description: >-
#   "Speriamo che il palazzo crolli con tutto il consiglio comunale
#   dentro": an institution is its people when a building falls with them
#   inside.
inside(p) := {q |
	p.entry.falls
	some q in target_parts
	q.entry.kind == "institution"
	unit(q.i) == unit(p.i)
	tokens[q.j + 1].norm in settings.threat.inside
}

# METADATA
# title: The targets of the sentence of a means of violence
# description: >-
#   A weapon carried or got ready is meant for whoever its sentence names
#   ("vengo in municipio con la pistola e vediamo se l'assessore mi
#   riceve").
armed_against(p) := {t |
	p.entry.means
	count(forms(p)) > 0
	some t in targets
	t.entry.kind in settings.threat.targets
	sentence(t.i) == sentence(p.i)
}

# METADATA
# title: The targets of discrimination (protected groups in its clause, or pointed back to)
group_targets(p) := found if {
	found := {t | some t in direct(p, settings.discrimination.targets); not specific(t)}
	count(found) > 0
} else := found if {
	found := referred(p, settings.discrimination.targets)
	every t in found {
		not specific(t)
	}
} else := found if {
	found := discrimination_people_referred(p)
	count(found) > 0
}

# METADATA
# title: '"Quella gente", "gente così" in the clause of a part, pointing back to the nearest group named earlier in the text'
# description: >-
#   "Gente" after a demonstrative or before a word that likens
#   (settings.discrimination.people_reference) names no group by itself but
#   takes up one named before it ("il campo rom va sgomberato e quella gente
#   cacciata"); with no group before, it is anyone ("certa gente non sa
#   parcheggiare").
discrimination_people_referred(p) := {t, m} if {
	conf := settings.discrimination.people_reference
	some k, tok in tokens
	unit(k) == unit(p.i)
	own(tok)
	tok.norm in conf.nouns
	discrimination_people_marked(k, conf)
	m := token_part("reference", k, tok, tok.norm, {})
	t := nearest(p, m, settings.discrimination.targets, -1)
	not specific(t)
}

discrimination_people_marked(k, conf) if tokens[k - 1].norm in conf.before

discrimination_people_marked(k, conf) if tokens[k + 1].norm in conf.after

# METADATA
# title: One person of a group, named with a definite article ("il bambino dei Ricci", "la maestra")
# description: >-
#   A singular target after a determiner of settings.discrimination.specific
#   is someone, not the group: what is said of them is not discrimination
#   (slurs are the lexicon's). Collective targets ("il Pride", "l'islam") are
#   the group.
specific(t) if {
	t.role == "target"
	not t.entry.collective
	t.entry.kind == "group"
	not plural(t.i)
	some d in tokens[t.i - 1].keys
	d in settings.discrimination.specific
	not discrimination_generic_singular(t)
}

# METADATA
# title: A definite singular group word that opens its sentence with a generic present or a modal of norm ("la donna è inferiore all'uomo", "il musulmano non deve poter comprare casa")
# description: >-
#   "La donna", "l'immigrato" at the head of a sentence, with the verb right
#   after (past "non", "ci", "si"... of settings.discrimination.generic_singular.before)
#   in the present indicative singular or a modal of norm, is the whole
#   group. A particular person is meant with a complement or a relative
#   after it ("la disabile del terzo piano", "l'immigrato che abita qui"),
#   a past or a participle in the clause ("la donna è stata aggredita"), or
#   a word of one event in the sentence ("ieri", "stamattina").
discrimination_generic_singular(t) if {
	conf := settings.discrimination.generic_singular
	not t.entry.minor # "il bambino non deve poter uscire da solo" is a parent's rule
	tokens[t.i - 1].norm in conf.articles
	discrimination_opens_sentence(t.i - 1)
	not tokens[t.j + 1].norm in conf.particular_after
	k := discrimination_verb_at(t.j + 1, conf)
	some a in analyses(k)
	discrimination_generic_form(a, conf)
	not discrimination_one_event(t, conf)
}

discrimination_opens_sentence(0)

discrimination_opens_sentence(k) if {
	k > 0
	sentence(k - 1) != sentence(k)
}

discrimination_verb_at(k, conf) := k if {
	not tokens[k].norm in conf.before
} else := k + 1 if {
	not tokens[k + 1].norm in conf.before
} else := k + 2

discrimination_generic_form(a, _) if {
	a.mood == "indicative"
	a.tense == "present"
	a.person == 3
	a.plural == false
}

discrimination_generic_form(a, conf) if {
	a.lemma in conf.modals
	a.person == 3
	a.plural == false
}

# An auxiliary and a past participle after it ("è stata aggredita", "ha
# rubato"); a participle read from a noun's ending alone is no event.
discrimination_one_event(t, _) if {
	some k, _ in tokens
	unit(k) == unit(t.i)
	some a in analyses(k)
	a.lemma in {"essere", "avere"}
	some b in analyses(k + 1)
	b.mood == "participle"
	b.tense == "past"
}

discrimination_one_event(t, conf) if {
	some k, tok in tokens
	sentence(k) == sentence(t.i)
	tok.norm in conf.event_words
}

# --- exclusions --------------------------------------------------------------------

# METADATA
# title: Negation as the predicate needs it
# description: >-
#   Most predicates count only when not negated ("non li ammazzo"); those
#   with when: negated only when negated ("non sono esseri umani"). A
#   sentence that incites ("perché non li ammazziamo?") is a call.
polarity(p) if {
	not p.entry.when
	not negated(p.i)
}

polarity(p) if {
	not p.entry.when
	incites(sentence(p.i))
}

polarity(p) if {
	p.entry.kind != "violence" # threats keep their own rules (the "perché non" frame)
	not p.entry.when
	asked_why_not(p)
	proposed(p)
}

polarity(p) if {
	p.entry.when == "negated"
	negated(p.i)
	not inside_longer_predicate(p)
	not compared_with(p)
	not lessened(p)
	not denied_twice(p)
	not articled_subject(p)
	not denied_across_comma(p)
}

# METADATA
# title: A word said only denied, with a comma between it and its negator ("non mangiano maiale, in mensa serve un menu")
# description: >-
#   The facts carry a negation to the end of its clause, and a comma before
#   a phrase that opens with no verb does not end the clause. A word that
#   counts only denied counts when no comma stands between it and the
#   negator: "non servono a niente" denies, "i musulmani non mangiano
#   maiale, in mensa serve un menu alternativo" does not.
denied_across_comma(p) if {
	k := max({k | some k in numbers.range(max([p.i - 12, 0]), p.i - 1); negator_at(k)})
	contains(substring(input.content.text, tokens[k].end, tokens[p.i].start - tokens[k].end), ",")
}

# The negator of a word: the nearest word before it that is a negator
# ("gli atei non hanno una coscienza, non sono persone": the second "non"),
# or else the last word the negation does not reach.
negator_at(k) if not negated(k)

negator_at(k) if tokens[k].norm in data.lexicon.language.negators

# METADATA
# title: A negated word in a clause opened by "non è che", which denies the negation too
# description: >-
#   "Non è che i meridionali non abbiano voglia di lavorare", "non è che i
#   disabili non capiscano": what the clause negates it says is not so.
denied_twice(p) if {
	some k in numbers.range(max([p.i - 8, 0]), p.i - 3)
	unit(k) == unit(p.i)
	tokens[k].norm == "non"
	tokens[k + 1].norm in {"è", "e"}
	tokens[k + 2].norm == "che"
	some m in numbers.range(k + 3, p.i)
	tokens[m].norm in data.lexicon.language.negators
}

# "Mica tutti i migranti sono delinquenti, come mica tutti gli italiani
# sono mafiosi": a word said through a copula (link: true) right after a
# definite article is the subject the clause speaks of, not what it says.
articled_subject(p) if {
	p.entry.link
	tokens[p.i - 1].norm in settings.discrimination.subject_articles
}

# "sono meno uomini", "meno intelligenti": a word that counts denied, said
# with "less" (settings.discrimination.lessening), says the same undenied;
# "non sono meno uomini" denies it.
polarity(p) if {
	p.entry.when == "negated"
	not negated(p.i)
	lessened(p)
	not inside_longer_predicate(p)
}

lessened(p) if tokens[p.i - 1].norm in settings.discrimination.lessening

# "Da quando in qua i disabili sono persone come noi?": a word that counts
# denied, asked undenied after a rhetorical frame with a copula (what a
# group is, not the rights it has: "da quando in qua gli anziani hanno gli
# stessi diritti?" may be a complaint on their behalf), is denied by the
# question.
polarity(p) if {
	p.entry.kind != "violence"
	p.entry.when == "negated"
	not negated(p.i)
	denied_by_question(p)
	link(p, set())
	not inside_longer_predicate(p)
	not compared_with(p)
}

# METADATA
# title: A word in a question after a frame that denies what it asks (frames.yaml rhetorical)
denied_by_question(p) if {
	tokens[p.i].question == true
	some f in object.get(frames_in, [sentence(p.i), "rhetorical"], set())
	f.j < p.i
}

# METADATA
# title: A word said negated inside a longer predicate said plainly ("capaci" in "meno capaci")
# description: >-
#   "Non sono meno capaci degli uomini" denies the phrase; its inner word
#   (predicates.yaml when: negated: "non sono capaci") is not denied by the
#   same negator, it is read as the phrase.
inside_longer_predicate(p) if {
	some q in predicates
	not q.entry.when
	q.start <= p.start
	p.end <= q.end
	q.end - q.start > p.end - p.start
}

# METADATA
# title: A noun that is the second term of a comparison ("meno capaci degli uomini")
# description: >-
#   After "di" or "che" with a comparative before it in its clause
#   (settings.discrimination.comparatives), the noun is what the group is
#   measured against, not what it is said to be or not to be.
compared_with(p) if {
	tokens[p.i - 1].norm in settings.discrimination.comparison_links
	some k, tok in tokens
	k < p.i - 1
	unit(k) == unit(p.i)
	tok.norm in settings.discrimination.comparatives
}

# A frame that holds its own negation ("non vedo l'ora di", "non mi
# dispiacerebbe", "non resta che", "come mai": frames.yaml negation: own)
# denies nothing: a predicate of its sentence counts when that negator is
# the only one of its clause.
polarity(p) if {
	not p.entry.when
	some f in frames
	f.entry.negation == "own"
	sentence(f.i) == sentence(p.i)
	own_negator(f)
	count({k |
		some k, tok in tokens
		tok.clause == tokens[p.i].clause
		tok.norm in data.lexicon.language.negators
	}) == 1
}

# The negator of a frame with negation: own, right before it ("non vedo l'ora") or inside it ("come mai").
own_negator(f) if {
	f.i > 0
	tokens[f.i - 1].norm in data.lexicon.language.negators
}

own_negator(f) if {
	some k in numbers.range(f.i, f.j)
	tokens[k].norm in data.lexicon.language.negators
}

# METADATA
# title: The incitement frames that make a question or a negation a call, as parts
calls(p) := object.get(frames_in, [sentence(p.i), "incitement"], set()) if {
	tokens[p.i].question == true
} else := object.get(frames_in, [sentence(p.i), "incitement"], set()) if {
	negated(p.i)
} else := set()

# METADATA
# title: A part in a question that does not incite
asked(p) if {
	tokens[p.i].question == true
	not incites(sentence(p.i))
	not presupposed(p)
	not proposed(p)
	not announced(p)
	not put_forward(p)
}

# METADATA
# title: Violence put forward as a question ("e se stasera andassimo a bruciarla?", frames.yaml proposal)
put_forward(p) if {
	p.entry.kind == "violence"
	count(object.get(frames_in, [sentence(p.i), "proposal"], set())) > 0
}

# "Quando li mettiamo al muro?", "li bruciamo?": the first person plural
# asked is a proposal, a call to do it.
proposed(p) if {
	some [_, a] in forms(p)
	a.mood == "indicative"
	a.tense in {"present", "future"}
	a.person == 1
	a.plural == true
}

# METADATA
# title: Violence announced in the first person to the person addressed, asked or not
# description: >-
#   "Quanto scommetti che ti trovo e ti spezzo le dita?": violence in the
#   author's first person against the person addressed is announced, asked
#   or not.
announced(p) if {
	p.entry.kind == "violence"
	some [_, a] in forms(p)
	a.mood == "indicative"
	a.tense in {"present", "future"}
	a.person == 1
	count(addressed(p)) > 0
}

# A "why" question takes its discrimination for granted ("ma perché i rom
# sono tutti ladri?"): it is said, not asked (frames.yaml presupposition).
presupposed(p) if {
	p.entry.kind != "violence"
	count(object.get(frames_in, [sentence(p.i), "presupposition"], set())) > 0
}

# ... and a rhetorical question denies it ("da quando in qua ... sono persone?").
presupposed(p) if {
	denied_by_question(p)
	not negated(p.i)
}

# METADATA
# title: The severity of a composition, lowered in a question; none leaves it out
severity(p, base) := settings.question if asked(p)

else := base

# --- threats -----------------------------------------------------------------------

# METADATA
# title: Threats
threats contains hit if {
	some p in predicates
	p.entry.kind == "violence"
	not carried_by_violence(p)
	not played(p)
	not relative_subject(p)
	not governed(p)
	not thing_undone(p)
	not own_end(p)
	polarity(p)
	not countered(sentence(p.i))
	not lawful(p)
	fs := licence(p)
	not unwished(p, fs)
	ts := threat_targets(p)
	not unhoused(p, ts)
	not political(fs, ts)
	not voted_out(p, ts)
	sev := severity(p, object.get(settings.threat, "severity", threat_severity(p, ts)))
	sev != "none"
	hit := composed("threat", "threat", p, ts, ((fs | carriers(p)) | calls(p)), sev)
}

# METADATA
# title: Threats of survival denied ("spero che non ci arrivino vivi", "non ti resterà un osso sano")
# description: >-
#   A state the victim keeps (predicates.yaml survives:) with one of its
#   verbs negated in its clause: under a frame of wish, intent, plan or
#   incitement, or in the future to the person addressed. The victim is
#   the verb's subject, so a place named earlier where it gathers counts
#   ("c'è l'incontro delle persone trans, spero che non ci arrivi viva
#   nessuna").
threats contains hit if {
	some p in predicates
	p.entry.kind == "violence"
	some [k, a] in survival_forms(p)
	negated(k)
	not countered(sentence(p.i))
	fs := survival_licence(p, a)
	ts := threat_targets(p)
	sev := severity(p, object.get(settings.threat, "severity", p.entry.severity))
	sev != "none"
	carrier := token_part("predicate", k, tokens[k], a.lemma, {})
	hit := composed("threat", "threat", p, ts, fs | {carrier}, sev)
}

# METADATA
# title: The verbs of a state the victim keeps, in its clause, not in the first person
survival_forms(p) := {[k, a] |
	some k, _ in tokens
	unit(k) == unit(p.i)
	some a in analyses(k)
	a.lemma in p.entry.survives
	a.person != 1
}

survival_licence(p, a) := set() if {
	a.mood == "indicative"
	a.tense == "future"
	count(addressed(p)) > 0
} else := fs if {
	fs := encounters(p)
	count(fs) > 0
} else := fs if {
	fs := {f |
		some kind in settings.threat.event_frames
		some f in object.get(frames_in, [sentence(p.i), kind], set())
	}
	count(fs) > 0
}

# METADATA
# title: A call of death with no verb ("a morte i gay", "morte agli infedeli", "i rom al rogo")
# description: >-
#   A noun of death or a place of execution (settings.threat.cries,
#   cry_places) that calls for a target's death as a slogan, with no verb to
#   carry it: at the head of its sentence, so a report of it ("gridavano a
#   morte i rom", "condannati a morte") or a place in a longer sentence ("i
#   bambini al forno comunale per il laboratorio") stays plain.
threats contains hit if {
	some p in predicates
	p.entry.kind == "violence"
	ts := threat_cried(p)
	count(ts) > 0
	not negated(p.i)
	not countered(sentence(p.i))
	sev := severity(p, object.get(settings.threat, "severity", threat_severity(p, ts)))
	sev != "none"
	hit := composed("threat", "threat", p, ts, set(), sev)
}

# "A morte i gay", "morte agli anziani", "a morte tutti i froci": the cry
# opens its sentence ("a" alone before it) and the target follows, with
# only determiners or "a" between.
threat_cried(p) := found if {
	found := {t |
		p.term in settings.threat.cries
		threat_cry_fillers(threat_sentence_first(p.i), p.i - 1)
		some t in direct(p, settings.threat.targets)
		p.j < t.i
		threat_cry_fillers(p.j + 1, t.i - 1)
	}
	count(found) > 0
} else := {t |
	threat_cry_after(p)
	k := threat_cry_preposition(p)
	some t in direct(p, settings.threat.targets)
	not t.entry.minor # "i bambini al forno" is a visit to the baker's
	t.j < k
	threat_cry_fillers(t.j + 1, k - 1)
	threat_cry_fillers(threat_sentence_first(p.i), t.i - 1)
	threat_cry_tails(p.j + 1, threat_sentence_last(p.i))
}

# A place of execution, or a cry of death after its target ("i froci a morte!").
threat_cry_after(p) if p.term in settings.threat.cry_places

threat_cry_after(p) if p.term in settings.threat.cries

# "al rogo": the preposition before the place, or the place's own first word ("alla forca").
threat_cry_preposition(p) := p.i - 1 if {
	tokens[p.i - 1].norm in settings.threat.cry_prepositions
} else := p.i if {
	tokens[p.i].norm in settings.threat.cry_prepositions
}

threat_sentence_first(i) := min({k | some k, _ in tokens; sentence(k) == sentence(i)})

threat_sentence_last(i) := max({k | some k, _ in tokens; sentence(k) == sentence(i)})

# Only determiners ("i", "tutti", "agli") or "a" from a to b, or nothing.
threat_cry_fillers(a, b) if a > b

threat_cry_fillers(a, b) if {
	a <= b
	every k in numbers.range(a, b) {
		threat_cry_filler(tokens[k].norm)
	}
}

threat_cry_filler(w) if w in data.lexicon.language.determiners

threat_cry_filler(w) if w in settings.threat.cry_prepositions

# Only the words of settings.threat.cry_tails after the place ("e problema risolto"), or nothing.
threat_cry_tails(a, b) if a > b

threat_cry_tails(a, b) if {
	a <= b
	every k in numbers.range(a, b) {
		tokens[k].norm in settings.threat.cry_tails
	}
}

# METADATA
# title: A verb whose subject is the victim, made to happen to a thing ("facciamo saltare il banco alla tombola degli anziani")
# description: >-
#   With its own object right after it, not a target ("far saltare il
#   banco", "far sparire i rifiuti"), the victim is that thing; "li faccio
#   saltare", "far saltare i rom" keep a person.
thing_undone(p) if {
	p.entry.voice == "intransitive"
	p.entry.with
	tokens[p.i + 1].norm in {"il", "lo", "la", "l", "i", "gli", "le", "un", "una", "uno"}
	unit(p.i + 2) == unit(p.i)
	not victim_right_after(p.i)
}

# METADATA
# title: A victim's verb right after the author's own frame, the author's own end ("sono pronto a morire", "voglio morire dal ridere")
# description: >-
#   An infinitive of a verb whose subject is the victim, right after a
#   frame of intent, wish or plan in the author's first person ("di" or
#   "a" between), has the author as its subject; "li faccio morire" makes
#   someone else die.
own_end(p) if {
	p.entry.voice == "intransitive"
	some [k, a] in forms(p)
	k == p.i
	a.mood == "infinitive"
	some f in frames
	f.entry.kind in {"intent", "wish", "plan"}
	frame_right_before(f, k)
	first_person_frame(f)
	not causative(k)
}

frame_right_before(f, k) if f.j == k - 1

frame_right_before(f, k) if {
	f.j == k - 2
	tokens[k - 1].norm in {"di", "a"}
}

first_person_frame(f) if f.entry.verb

first_person_frame(f) if {
	some b in analyses(f.i - 1)
	finite_first(b)
}

causative(k) if {
	some b in analyses(k - 1)
	b.lemma == "fare"
}

# METADATA
# title: The person addressed as the one wished to do it ("ti auguro di spaccare tutto all'esame")
# description: >-
#   "Ti auguro di" before the infinitive of a verb with an agent makes the
#   one addressed its subject; "ti auguro di morire" still wishes them
#   dead.
wished_agent(p, t) if {
	not p.entry.voice
	some [k, a] in forms(p)
	a.mood == "infinitive"
	tokens[k - 1].norm == "di"
	some b in analyses(k - 2)
	b.lemma in settings.threat.wishing_verbs
	t.i in {k - 2, k - 3}
}

# METADATA
# title: A means of violence in a sentence of its lawful use ("porto il fucile dall'armaiolo", "apre la stagione di caccia")
lawful(p) if {
	p.entry.means
	some k, tok in tokens
	sentence(k) == sentence(p.i)
	some w in words(tok)
	w in settings.threat.lawful_uses
}

# METADATA
# title: A person of office said to be "da eliminare", "da abbattere" ("un assessore da eliminare dalla giunta")
# description: >-
#   Of a group, "da" before a violent infinitive is a call ("sono da
#   impiccare"); of the sindaco or an assessore it is as often their
#   removal from office. Only a gerundive (settings.threat.gerundive)
#   licenses it and no target is a group or a slur.
political(fs, ts) if {
	count(fs) > 0
	every f in fs {
		f.term in settings.threat.gerundive
	}
	every t in ts {
		not t.entry.kind in {"group", "slur"}
	}
}

# METADATA
# title: A person of office defeated in politics ("e se eliminassimo questo sindaco alle prossime elezioni?")
# description: >-
#   A verb with political: true (predicates.yaml) in a sentence with a word
#   of settings.threat.political_context, and no group or slur among its
#   targets.
voted_out(p, ts) if {
	p.entry.political
	some k, tok in tokens
	sentence(k) == sentence(p.i)
	some w in words(tok)
	w in settings.threat.political_context
	every t in ts {
		not t.entry.kind in {"group", "slur"}
	}
}

# METADATA
# title: A noun of disaster not right after its frame ("dopo l'incendio al campo rom, speriamo che i bambini stiano bene")
# description: >-
#   predicates.yaml wished: true. Between the frame and the noun only the
#   words of settings.threat.wish_fillers may stand ("magari un bel
#   terremoto", "ci vorrebbe un'epidemia", "speriamo in un incendio").
unwished(p, fs) if {
	p.entry.wished
	not right_after_frame(p, fs)
}

# "Speriamo che un terremoto non colpisca mai le case": the verb after the
# noun is denied, and the disaster with it.
unwished(p, _) if {
	p.entry.wished
	some k, tok in tokens
	k > p.i
	unit(k) == unit(p.i)
	tok.norm in data.lexicon.language.negators
}

# METADATA
# title: A predicate right after one of its frames, with only fillers between
right_after_frame(p, fs) if {
	some f in fs
	f.j < p.i
	between := {k | some k in numbers.range(f.j + 1, p.i - 1); f.j < k; k < p.i}
	every k in between {
		tokens[k].norm in settings.threat.wish_fillers
	}
}

# METADATA
# title: An event that falls on a building with neither a building nor a place of a group to fall on ("speriamo che venga giù tanta neve per i bambini")
# description: >-
#   predicates.yaml falls: true. Its targets are a place that stands for a
#   group ("crolli la moschea"), the place "ci" points back to, or whoever
#   a clause with a building of settings.threat.structures names ("crolli
#   il tetto con tutti i rom dentro").
unhoused(p, ts) if {
	p.entry.falls
	not housed(p, ts)
}

# METADATA
# title: A building or a place of a group for an event that falls on it
housed(_, ts) if {
	some t in ts
	t.entry.place
}

housed(_, ts) if {
	some t in ts
	t.term in settings.locatives
}

housed(p, _) if {
	some k, tok in tokens
	unit(k) == unit(p.i)
	some w in words(tok)
	w in settings.threat.structures
}

# METADATA
# title: The author's own encounter with the victim in the sentence of a survival denied, as parts ("se la incontro ... non le resta un dente")
encounters(p) := {token_part("frame", k, tok, b.lemma, {"kind": "intent"}) |
	some k, tok in tokens
	sentence(k) == sentence(p.i)
	some b in analyses(k)
	b.lemma in settings.threat.encounter_verbs
	b.mood == "indicative"
	b.tense in {"present", "future"}
	b.person == 1
	own(tok)
	awaited(k)
}

# METADATA
# title: The author's meeting with the victim as a condition or stressed
# description: >-
#   The meeting is a condition ("se la incontro", "appena lo becco") or
#   stressed as the author's own ("l'aspetto io"); "li trovo ogni mattina
#   al freddo" tells what the author sees.
awaited(k) if tokens[k - 1].norm in settings.threat.encounter_conditions

awaited(k) if tokens[k - 2].norm in settings.threat.encounter_conditions

awaited(k) if tokens[k + 1].norm in {"io", "noi"}

# METADATA
# title: A predicate's severity, or its place_severity against a place that stands for a group ("con una tanica alla moschea")
threat_severity(p, ts) := p.entry.place_severity if {
	some t in ts
	t.entry.place
} else := p.entry.severity

# METADATA
# title: A threat to the people addressed in a sentence about a game or a gathering of friends ("al torneo vi facciamo a pezzi")
# description: >-
#   A word of competition in the sentence (settings.threat.game_words:
#   "torneo", "partita", "derby") makes violence against those addressed
#   ("vi", "ti") the boast of a match; a group or a person named in the
#   clause keeps it a threat.
played(p) if {
	some k, tok in tokens
	sentence(k) == sentence(p.i)
	some w in words(tok)
	w in settings.threat.game_words
	count(addressed(p)) > 0
	count(direct(p, settings.threat.targets)) == 0
}

# "Ti strozzerei di abbracci", "vi ammazzo se non venite alla pizzata":
# affection or a friends' gathering (settings.threat.fond_words) in the
# sentence, likewise.
played(p) if {
	some k, tok in tokens
	sentence(k) == sentence(p.i)
	some w in words(tok)
	w in settings.threat.fond_words
	count(addressed(p)) > 0
	count(direct(p, settings.threat.targets)) == 0
}

# METADATA
# title: A noun that counts only as a bare object, after a preposition ("guarire dal tumore", "la pena di morte")
# description: >-
#   Nouns with bare: true (predicates.yaml) are what is wished or deserved
#   ("ti auguro un tumore", "meritano la morte"); after a word of
#   settings.threat.governing, right before them or before their article,
#   they are the complement of something else.
governed(p) if {
	p.entry.bare
	tokens[p.i - 1].norm in settings.threat.governing
}

governed(p) if {
	p.entry.bare
	tokens[p.i - 1].norm in data.lexicon.language.determiners
	tokens[p.i - 2].norm in settings.threat.governing
}

# A violent verb whose subject is "chi" describes whoever does it ("chi
# picchia i gay va arrestato", "chi li ammazza"): no call to do it.
relative_subject(p) if {
	p.i > 0
	tokens[p.i - 1].norm in settings.discrimination.relatives
}

relative_subject(p) if {
	p.i > 1
	tokens[p.i - 1].norm in {"lo", "la", "li", "le", "gli", "ne", "ci", "vi", "ti", "mi"}
	tokens[p.i - 2].norm in settings.discrimination.relatives
}

# A noun whose verb is violent itself ("ti spacco la faccia") adds nothing
# to the verb's threat; a verb violent only with other words ("saltare"
# with "fare") leaves its noun the threat ("saltasse in aria").
carried_by_violence(p) if {
	p.entry.with
	some [k, a] in forms(p)
	some q in predicates
	q.i == k
	q.term == a.lemma
	q.entry.kind == "violence"
	not q.entry.with
}

# --- discrimination ------------------------------------------------------------------

# METADATA
# title: Discrimination composed with a predicate
discrimination contains hit if {
	some p in predicates
	kind := p.entry.kind
	conf := settings.discrimination.kinds[kind]
	conf.count != false
	carried(p)
	polarity(p)
	not countered(sentence(p.i))
	fs := mood(p, object.get(p.entry, "mood", conf.mood))
	ts := {t | some t in counted(group_targets(p), conf, p); not headless_relative(p, t); not complement(p, t, conf); of_ground(t, p); not cared(p, t)}
	count(ts) > 0
	linked(p, ts, conf)
	not said_of_author(p, ts)
	not suffered(p)
	sev := severity(p, object.get(conf, "severity", discrimination_severity(p, ts)))
	sev != "none"
	hit := composed("discrimination", kind, p, ts, ((fs | carriers(p)) | calls(p)), sev)
}

# METADATA
# title: How a group was treated, told in the passive ("venivano trattati come bestie")
# description: >-
#   A participle of a verb of treatment (settings.discrimination.treatment_verbs)
#   right after an indicative or a participle of essere or venire, before the
#   predicate in its clause, with no frame of call in the sentence, tells what
#   others did to the group: "gli italiani emigrati venivano trattati come
#   bestie", "i braccianti sono stati trattati come animali". "Vanno
#   trattati", "devono essere trattati", "che siano trattati" call for it.
suffered(p) if {
	some k in numbers.range(max([p.i - 6, 1]), p.i - 1)
	unit(k) == unit(p.i)
	some a in analyses(k)
	a.mood == "participle"
	a.lemma in settings.discrimination.treatment_verbs
	some b in analyses(k - 1)
	b.lemma in {"essere", "venire"}
	b.mood in {"indicative", "participle"}
	not called_sentence(sentence(p.i))
}

# A group a predicate of care does not demean (predicates.yaml cared:):
# "gli anziani vanno curati a casa".
cared(p, t) if t.entry.ground in object.get(p.entry, "cared", [])

called_sentence(s) if {
	some kind in settings.discrimination.call_frames
	count(object.get(frames_in, [s, kind], set())) > 0
}

# METADATA
# title: A predicate's severity, or its beside severity right next to a target ("giudei maledetti")
# description: >-
#   A word that may qualify any noun of its sentence ("maledetta pioggia, il
#   mercato dei senegalesi è saltato") is lieve; one space from a target, before
#   or after it, it qualifies that target (predicates.yaml beside:).
discrimination_severity(p, ts) := p.entry.beside if {
	p.entry.beside
	some t in ts
	t.role == "target"
	beside(t, p)
} else := p.entry.severity

beside(t, p) if tokens[t.j].end + 1 == tokens[p.i].start

beside(t, p) if tokens[p.j].end + 1 == tokens[t.i].start

beside(t, p) if named_of(p, t)

# METADATA
# title: A group that completes a plain noun with "di" ("il rifiuto di stranieri", "la malattia dei rom")
# description: >-
#   A noun with a plain meaning (one that needs a link) right before "di",
#   "dei"... and the group is a noun of the group, not said of it; a noun of
#   a herd names it (named_of: "un branco di africani").
complement(p, t, conf) if {
	needs_link(p, conf)
	not p.entry.beside
	t.role == "target"
	p.j < t.i
	tokens[p.j + 1].norm in settings.discrimination.of_place
	t.i <= p.j + 3
	every k in numbers.range(p.j + 1, t.i - 1) {
		complement_word(tokens[k].norm)
	}
}

complement_word(word) if word in settings.discrimination.of_place

complement_word(word) if word in data.lexicon.language.determiners

# "Un branco di africani", "una mandria di zingari": a noun of a herd
# (predicates.yaml beside:) that names the group with "di" right after it
# says what the group is; "il rifiuto di stranieri" is a refusal.
named_of(p, t) if {
	p.entry.beside
	t.role == "target"
	t.i == p.j + 2
	tokens[p.j + 1].norm in settings.discrimination.naming_of
}

# METADATA
# title: A slur as the epithet of someone ("quello spastico del vicino", "quella zingara di Maria")
# description: >-
#   A demonstrative before a slur of targets.yaml and "di", "del"... after it
#   is the Italian epithet that names a person by an insult: the slur is
#   aimed, not mentioned, whatever the lexicon's own severity of the word
#   (settings.discrimination.epithet). Slurs that targets.yaml rates lieve
#   are also plain words ("quella zingara della canzone") and stay the
#   lexicon's.
discrimination contains hit if {
	sev := settings.discrimination.epithet.severity
	some t in targets
	t.entry.kind == "slur"
	t.entry.severity != "lieve" # "quella zingara della canzone" names a character
	t.i > 0
	tokens[t.i - 1].norm in settings.discrimination.epithet.before
	tokens[t.j + 1].norm in settings.discrimination.epithet.after
	not countered(sentence(t.i))
	not negated(t.i)
	d := token_part("frame", t.i - 1, tokens[t.i - 1], tokens[t.i - 1].norm, {})
	hit := composed("discrimination", "epithet", t, {t}, {d}, sev)
}

# METADATA
# title: A predicate that stands by itself, or a noun with the verb it needs in its clause
# description: >-
#   A noun violent or discriminating only with its verbs (predicates.yaml
#   with: "picchiano la moglie") is a plain noun without them ("mia moglie
#   terrona").
carried(p) if not p.entry.with

carried(p) if count(forms(p)) > 0

# METADATA
# title: A predicate the author says of themselves ("siamo stati stupidi a non aiutare i migranti")
# description: >-
#   A copula in the first person only ("siamo", "ero", "saremo") before the
#   predicate in its clause, with no target between them, makes the author
#   its subject: the group is what the sentence is about, not who it
#   judges. "Sono" is also the third person plural, so it never does.
said_of_author(p, ts) if {
	not p.entry.above # "siamo superiori agli zingari" ranks the author above them
	some k, _ in tokens
	k < p.i
	unit(k) == unit(p.i)
	copulas := [a | some a in analyses(k); a.lemma in settings.discrimination.link_lemmas]
	count(copulas) > 0
	every a in copulas {
		a.person == 1
	}
	every t in ts {
		not between(t, k, p.i)
	}
}

between(t, from, to) if {
	from < t.i
	t.i < to
}

# METADATA
# title: Whether a target counts for a kind of discrimination
# description: >-
#   A place (targets.yaml place: true: "campo rom", "moschea") counts only
#   where the kind's settings say places: true, or through a plural pronoun
#   that makes it its people ("moschea approvata... non li vogliamo"):
#   clearing a camp is a policy demand, calling it a den of vermin is not. Where the kind says
#   experiencer: true, a group after "a", "ai"... is who feels it ("fa
#   schifo ai bambini"), not its target. A group after a word of
#   settings.discrimination.about ("contro", "sugli") is what something else
#   is about, and one beyond a "chi" from the predicate belongs to whoever
#   "chi" is ("odio chi odia i gay").
counted(ts, conf, p) := ts if {
	some t in ts
	t.role == "reference"
} else := {t | some t in ts; counts_for(t, conf, p)}

counts_for(t, conf, p) if {
	not p.entry.above
	not excluded_place(t, conf, p)
	not experiencer(t, conf)
	not spoken_about(t, p)
	not kept_minor(t, conf, p)
}

# "Noi siamo superiori agli zingari": a predicate that ranks something above
# (predicates.yaml above: true) diminishes the group after it and "a", "agli"...
# (settings.discrimination.dative), not the one before it ("i servizi per
# anziani sono superiori alla media").
counts_for(t, _, p) if {
	p.entry.above
	t.role == "target"
	p.end <= t.start
	preposition_before(t, settings.discrimination.dative)
}

# Children a kind's predicates leave out (settings minors): keeping them
# away or saying they are not made for something is care ("teneteli
# lontani dalla strada", "i bambini non sono fatti per stare seduti"). A
# frame by itself is not a predicate ("i bambini con handicap in classi a
# parte" excludes).
kept_minor(t, conf, p) if {
	conf.minors == false
	t.entry.minor
	p.role == "predicate"
}

kept_minor(t, conf, p) if {
	conf.minors == "denied"
	t.entry.minor
	p.role == "predicate"
	p.entry.when == "negated"
}

# A group after "contro", "sugli", "per"... is what something else is about ("i commenti contro i rom fanno vomitare", "eliminare la violenza contro le donne").
spoken_about(t, p) if {
	t.role == "target"
	k := about_at(t)
	not felt_for(p, k)
}

about_at(t) := t.i - 1 if {
	tokens[t.i - 1].norm in settings.discrimination.about
} else := t.i - 2 if {
	tokens[t.i - 1].norm in data.lexicon.language.determiners
	tokens[t.i - 2].norm in settings.discrimination.about
} else := t.i - 2 if {
	# "sulle persone trans", "contro ragazzi disabili": a plain noun between
	noun_between(tokens[t.i - 1])
	tokens[t.i - 2].norm in settings.discrimination.about
} else := t.i - 3 if {
	noun_between(tokens[t.i - 1])
	tokens[t.i - 2].norm in data.lexicon.language.determiners
	tokens[t.i - 3].norm in settings.discrimination.about
}

# A plain noun, or one that is a predicate only when denied ("persone":
# "non sono persone") and so a plain noun here ("sulle persone trans").
noun_between(tok) if plain_word(tok)

noun_between(tok) if {
	some w in words(tok)
	data.lexicon.predicates[w].when == "negated"
}

# A noun of contempt takes its object with "per" or "verso" right after it
# ("provo disgusto fisico per i trans", settings.discrimination.felt_for).
felt_for(p, k) if {
	p.entry.kind == "contempt"
	count(forms(p)) == 0
	tokens[k].norm in settings.discrimination.felt_for
	p.j < k
	k <= p.j + 2
}

# METADATA
# title: A group after a preposition, with the violent verb's own object before it
# description: >-
#   "Eliminare la violenza contro le donne", "bruciare i tempi per i
#   disabili": the verb acts on a word between it and the preposition
#   (settings.threat.about), not on the group. "Sparare contro i rom" has
#   none and is a threat.
displaced(p, t) if {
	p.end <= t.start
	preposition_before(t, settings.threat.about)
	some tok in tokens
	p.end <= tok.start
	tok.end <= t.start
	plain_word(tok)
}

preposition_before(t, words) if tokens[t.i - 1].norm in words

preposition_before(t, words) if {
	tokens[t.i - 1].norm in data.lexicon.language.determiners
	tokens[t.i - 2].norm in words
}

# A group inside "chi ...": the predicate is said of whoever that is ("odio chi odia i gay").
headless_relative(p, t) if {
	p.end <= t.start
	some k, tok in tokens
	tok.norm in settings.discrimination.relatives
	p.end <= tok.start
	tok.end <= t.start
}

headless_relative(p, t) if {
	t.end <= p.start
	some k, tok in tokens
	tok.norm in settings.discrimination.relatives
	t.end <= tok.start
	tok.end <= p.start
}

excluded_place(t, conf, p) if {
	t.entry.place
	conf.places == false
	not peopled(t, p)
}

# "La gente delle case popolari", "quelli del campo rom": a word for people
# before it (settings.discrimination.people_of) makes a place its people.
peopled(t, _) if {
	tokens[t.i - 1].norm in settings.discrimination.of_place
	tokens[t.i - 2].norm in settings.discrimination.people_of
}

# A plural pronoun after the place in the clause makes it its people ("moschea approvata, non li vogliamo").
peopled(t, p) if {
	some m in object.get(references, unit(p.i), set())
	t.end <= m.start
	m.pronoun
	not discrimination_compared_thing(m)
}

# "Le case popolari sono inferiori a quelle del centro": "quelle" with its
# own "del", "di"... is the thing compared (other houses), not the place's people.
discrimination_compared_thing(m) if {
	m.i == m.j
	tokens[m.i].norm in {"quelle", "quelli", "quella", "quello"}
	tokens[m.i + 1].norm in settings.discrimination.of_place
}

experiencer(t, conf) if {
	conf.experiencer == true
	t.role == "target"
	tokens[t.i - 1].norm in settings.discrimination.dative
}

# METADATA
# title: Discrimination by an exclusion or generalisation frame alone
# description: '"fuori gli zingari", "non li vogliamo", "tutti uguali": frames with a severity.'
discrimination contains hit if {
	settings.discrimination.frames == true
	some f in frames
	f.entry.severity
	f.entry.kind in {"exclusion", "generalisation"}
	frame_polarity(f)
	not verb_noun(f)
	not modifies_verb(f)
	not countered(sentence(f.i))
	not refused_exclusion(f)
	not headline(sentence(f.i))
	not redirected(f)
	conf := object.get(settings.discrimination.kinds, f.entry.kind, {})
	frame_called(f)
	ts := {t | some t in counted(group_targets(f), conf, f); of_ground(t, f); not kept_safe(t, f); objected(t, f); discrimination_whole_group(t, f)}
	count(ts) > 0
	sev := severity(f, f.entry.severity)
	sev != "none"
	hit := composed("discrimination", f.entry.kind, f, ts, set(), sev)
}

# METADATA
# title: A sentence that opens with the past participle of an act of violence, a report of it
# description: >-
#   "Accoltellato un ragazzo marocchino fuori dalla discoteca", "Picchiata
#   una donna rom davanti al supermercato": the group is the victim of the
#   event told, and a word of place after it ("fuori") is where it happened.
headline(s) if {
	some k, _ in tokens
	sentence(k) == s
	sentence_start(k)
	some a in analyses(k)
	a.mood == "participle"
	a.tense == "past"
	data.lexicon.predicates[a.lemma].kind == "violence"
}

# METADATA
# title: An exclusion the author says they do not want ("non voglio che i rom se ne vadano")
# description: >-
#   A frame in the clause of a "che" right after a negated verb of wish in
#   the author's first person (settings.discrimination.unwishing), or in the
#   clause after it, is what the author refuses: "non vogliamo che le
#   famiglie rom se ne vadano dal quartiere".
refused_exclusion(f) if {
	some k in numbers.range(max([f.i - 8, 0]), f.i - 1)
	sentence(k) == sentence(f.i)
	negated(k)
	tokens[k + 1].norm == "che"
	some a in analyses(k)
	a.lemma in settings.discrimination.unwishing
	a.person == 1
	(unit(f.i) - unit(k + 1)) in {0, 1}
}

# A frame in the singular (frames.yaml singular: true) counts only with a
# target that stands for the whole group ("il musulmano non deve poter
# comprare casa"), not with one person ("la signora straniera non deve poter
# parcheggiare lì").
discrimination_whole_group(_, f) if not f.entry.singular

discrimination_whole_group(t, f) if {
	f.entry.singular
	discrimination_generic_singular(t)
}

# A frame or a predicate of one ground (frames.yaml, predicates.yaml ground:)
# counts only with its targets: "a fare la calza" is said of women, not of
# "i ragazzi del centro estivo". A reference has no ground: it leaves with
# its antecedent.
of_ground(_, f) if not f.entry.ground

of_ground(t, f) if t.entry.ground == f.entry.ground

# METADATA
# title: A frame that counts only as a call (frames.yaml called), said as one
# description: >-
#   "Che tornino al loro paese", "devono tornare ai loro paesi", "perché
#   non tornano al loro paese?" call for it; "in estate molti tornano al
#   loro paese" tells it.
frame_called(f) if not f.entry.called

frame_called(f) if {
	f.entry.called
	some kind in settings.discrimination.call_frames
	count(object.get(frames_in, [sentence(f.i), kind], set())) > 0
}

frame_called(f) if {
	f.entry.called
	asked_why_not(f)
}

frame_called(f) if {
	f.entry.called
	some k, _ in tokens
	unit(k) == unit(f.i)
	some a in analyses(k)
	a.lemma in settings.discrimination.go_verbs
	a.mood in {"subjunctive", "imperative"}
	a.person in {2, 3}
	not participle_of_target(k)
}

# "Le famiglie ucraine tornate al loro paese ci hanno scritto": a form of a
# go-verb that is also a past participle, right after a group it describes,
# tells where the group went; "tornate al vostro paese!" said to people,
# with no group word right before it (one space, no comma), stays a command.
participle_of_target(k) if {
	some a in analyses(k)
	a.mood == "participle"
	some t in targets
	t.j == k - 1
	tokens[k].start == t.end + 1
}

# A frame with object: true takes as its target only the group right after
# it, past determiners and words of settings.discrimination.object_between
# ("non vogliamo più stranieri"; not "non vogliamo che gli anziani restino soli").
objected(_, f) if not f.entry.object

objected(t, f) if {
	f.entry.object
	t.role == "target"
	t.i == f.j + 1
	not qualified(t)
}

objected(t, f) if {
	f.entry.object
	t.role == "target"
	not qualified(t)
	f.j + 1 < t.i
	every k in numbers.range(f.j + 1, t.i - 1) {
		object_filler(tokens[k].norm)
	}
}

object_filler(word) if word in data.lexicon.language.determiners

# A group with a plain word or a relative clause right after it is what
# they say of it that is refused ("non vogliamo anziani soli", "basta
# stranieri che muoiono in mare").
qualified(t) if tokens[t.j + 1].norm == "che"

qualified(t) if {
	next := tokens[t.j + 1]
	next.clause == tokens[t.j].clause
	next.start == tokens[t.j].end + 1
	plain_word(next)
}

object_filler(word) if word in settings.discrimination.object_between

# METADATA
# title: A way in barred for another ("non devono entrare dal portone ma dalla rampa")
# description: >-
#   A bar from a place (frames.yaml access: true) followed in its sentence by
#   "ma" and a preposition of the way (settings.discrimination.ways) names
#   the way in, not who may come in; "ma restare fuori", a verb after "ma",
#   keeps the bar.
redirected(f) if {
	f.entry.access
	some k in numbers.range(f.j + 1, min([f.j + 8, count(tokens) - 2]))
	sentence(k) == sentence(f.i)
	tokens[k].norm == "ma"
	tokens[k + 1].norm in settings.discrimination.ways
}

# A bar from a place keeps minors safe ("i bambini non devono entrare nel cantiere").
kept_safe(t, f) if {
	f.entry.access
	t.entry.minor
}

# An adverb frame right after a verb form that commands nothing ("salta
# fuori", "è fuori pericolo"; frames.yaml adverb: true); "buttateli fuori"
# commands.
modifies_verb(f) if {
	f.entry.adverb == true
	f.i > 0
	some a in analyses(f.i - 1)
	a.mood != "imperative"
	not enclitic(f.i - 1)
	not noun_before(f.i - 1)
}

# A word after a determiner, or a target, is a noun whatever its verb
# readings ("i barboni fuori dal centro").
noun_before(k) if tokens[k - 1].norm in data.lexicon.language.determiners

noun_before(k) if {
	some t in target_parts
	t.i <= k
	k <= t.j
}

# A frame word that is the noun of a violent act with its verb right before
# it ("hanno fatto fuori tutti", "fateli fuori": predicates.yaml with:) is
# that act, not a call for exclusion; a verb further on is not its verb
# ("le donne fuori dal consiglio, a fare la calza").
verb_noun(f) if {
	some p in predicates
	p.i == f.i
	p.entry.with
	some [k, _] in forms(p)
	k < f.i
	f.i - k <= 2
}

# A frame that holds its own negation ("non li vogliamo") is not negated by
# it; one that bars only when negated (frames.yaml when: negated: "non ci
# devono entrare", "non ce li vogliamo") counts only so.
frame_polarity(f) if {
	not f.entry.when
	not negated(f.j)
}

frame_polarity(f) if {
	not f.entry.when
	startswith(f.term, "non ")
}

frame_polarity(f) if {
	f.entry.when == "negated"
	negated(f.j)
}

# A sentence that incites, or asks why not, calls for what it negates ("ma
# perché le donne non stanno a casa a fare la calza invece di candidarsi?").
frame_polarity(f) if {
	not f.entry.when
	negated(f.j)
	called_for(f)
}

called_for(x) if incites(sentence(x.i))

called_for(x) if asked_why_not(x)

# METADATA
# title: A negated word in a question that asks why not ("perché i rom non li cacciamo?")
# description: >-
#   A question opened by a frame of presupposition ("perché", "come mai")
#   with a negator between it and the word asks for what it negates, as
#   "perché non" does when the subject stands between ("perché i poveri
#   non li deportiamo in un'isola?"). For a predicate, only a proposal in
#   the first person plural (proposed) is such a call: "perché gli anziani
#   non vengono curati?" complains.
asked_why_not(x) if {
	tokens[x.i].question == true
	some f in object.get(frames_in, [sentence(x.i), "presupposition"], set())
	f.j < x.i
	some k in numbers.range(f.j + 1, x.i)
	tokens[k].norm in data.lexicon.language.negators
}

# METADATA
# title: The mood a discrimination predicate needs, with the frames it took
mood(_, "any") := set()

mood(p, "threat") := licence(p)

mood(p, "generic") := set() if generic(p)

mood(p, "self") := set() if self(p)

# METADATA
# title: Said of a whole group
# description: >-
#   A verb in a generic present ("rubano"), a plural noun or adjective
#   ("ladri"), a noun after a plural copula ("sono un pericolo"), or under
#   a generalisation frame in its clause ("sono tutti").
generic(p) if {
	some [_, a] in forms(p)
	matches_any(a, settings.discrimination.generic_moods)
}

generic(p) if {
	count(forms(p)) == 0
	plural(p.i)
}

# "i rom sono un pericolo": a singular noun said of a group by a plural copula.
generic(p) if {
	count(forms(p)) == 0
	some k, _ in tokens
	unit(k) == unit(p.i)
	some a in analyses(k)
	a.lemma in settings.discrimination.link_lemmas
	a.person == 3
	a.plural == true
}

generic(p) if {
	some f in object.get(frames_in, [sentence(p.i), "generalisation"], set())
	unit(f.i) == unit(p.i)
}

# "L'immigrato ruba", "il rom è un ladro": said of a definite singular that
# stands for the whole group (discrimination_generic_singular) in its clause.
generic(p) if {
	some t in targets
	unit(t.i) == unit(p.i)
	discrimination_generic_singular(t)
}

# "Ogni rom ruba", "qualsiasi musulmano è un terrorista", "ogni singolo
# ebreo": a singular group word after a word for every one of them
# (settings.discrimination.universal) is the whole group.
generic(p) if {
	some t in targets
	t.i < p.i
	sentence(t.i) == sentence(p.i) # the group word may read as a verb and end a clause of its own
	discrimination_universal(t)
}

discrimination_universal(t) if tokens[t.i - 1].norm in settings.discrimination.universal.words

discrimination_universal(t) if {
	tokens[t.i - 1].norm in settings.discrimination.universal.after_words
	tokens[t.i - 2].norm in settings.discrimination.universal.words
}

# METADATA
# title: A plural noun or adjective ("ladri", "sporche")
# description: >-
#   Italian plurals end in -i, or in -e where the singular ends in -a; the
#   word itself is among its lemmas, so its ending tells the number.
plural(i) if endswith(tokens[i].norm, "i")

plural(i) if {
	endswith(tokens[i].norm, "e")
	some l in object.get(tokens[i], "lemmas", [])
	l != tokens[i].norm
	endswith(l, "a")
}

# METADATA
# title: The author's own feeling ("odio", "mi fanno schifo")
self(p) if {
	some [_, a] in forms(p)
	a.person == 1
}

self(p) if {
	some k, tok in tokens
	unit(k) == unit(p.i)
	some c in object.get(tok, "clitics", [])
	c in settings.discrimination.self_clitics
}

# "a me fanno paura", "a noi fanno schifo": the author as the one who feels it.
self(p) if {
	some k, tok in tokens
	unit(k) == unit(p.i)
	tok.norm in settings.discrimination.self_datives
	tokens[k - 1].norm == "a"
}

# METADATA
# title: A predicate with a plain meaning said of someone (a copula, a comparison, "=")
# description: >-
#   Predicates with link: true, and the nouns and adjectives of a kind whose
#   settings say link: true (a negative trait is said of a group with
#   "sono", not in "arrestati due ladri albanesi"), count with a copula, a
#   comparison or a generalisation ("tutti") in their clause, or an "="
#   between them and a target.
linked(p, _, conf) if not needs_link(p, conf)

linked(p, ts, conf) if {
	needs_link(p, conf)
	link(p, ts)
}

needs_link(p, _) if p.entry.link == true

needs_link(p, conf) if {
	object.get(p.entry, "link", null) == null
	object.get(p.entry, "when", null) == null
	conf.link == true
	count(forms(p)) == 0
}

link(p, _) if {
	some k, _ in tokens
	unit(k) == unit(p.i)
	some a in analyses(k)
	a.lemma in settings.discrimination.link_lemmas
	not existential(k)
}

# "c'è", "ci sono": there is, not is ("c'è il menu senza maiale per i bambini musulmani").
existential(k) if tokens[k - 1].norm in {"c", "ci"}

# A comparison denied is no link for what is said only when denied ("non
# guidano peggio degli uomini" is not "non sono uomini").
link(p, _) if {
	some kind in {"comparison", "generalisation"}
	some f in object.get(frames_in, [sentence(p.i), kind], set())
	unit(f.i) == unit(p.i)
	not p.entry.when
}

link(p, _) if {
	some k, tok in tokens
	unit(k) == unit(p.i)
	tok.norm in settings.discrimination.link_words
}

link(p, ts) if {
	some t in ts
	t.end <= p.start
	contains(substring(input.content.text, t.end, p.start - t.end), "=")
}

link(p, ts) if {
	some t in ts
	named_of(p, t)
}

# "Zingari: ladri e parassiti", "rom - feccia umana": a colon or a dash, and
# nothing else, between a group and the noun after it says what the group
# is, as "=" does.
link(p, ts) if {
	some t in ts
	t.end <= p.start
	regex.match(`^\s*[:\-–—]+\s*$`, substring(input.content.text, t.end, p.start - t.end))
}

# METADATA
# title: A lexicon word the grammar accounts for, of a category in settings.absorbs
# description: >-
#   The predicate of a discrimination hit ("gli zingari sono tutti
#   ladri") is that discrimination, not an accusation of a person; a word
#   reported or quoted in a sentence of counter-speech ("chi scrive che gli
#   stranieri sono tutti ladri dovrebbe vergognarsi") is not the author's.
#   The lexicon leaves its own hit out.
absorbed(category, _, tok) if {
	settings.absorbs[category] == true
	some h in discrimination
	some part in h.parts
	part.role == "predicate"
	part.start <= tok.start
	tok.end <= part.end
}

# Counter-speech may follow the quotation it rejects ('Leggo "i rom sono
# tutti ladri". Vergognatevi').
absorbed(category, i, tok) if {
	object.get(settings, ["countered_absorbs", category], false) == true
	not own(tok)
	some s in {sentence(i), sentence(i) + 1}
	countered(s)
}

# A threat of the lexicon ("ti ammazzo") whose verb the grammar reads as a
# boast or fondness to those addressed ("ti ammazzo se non vieni alla cena
# di classe", "al torneo vi ammazziamo"): its words are that verb or lead to it.
absorbed("threat", i, _) if {
	some p in predicates
	p.entry.kind == "violence"
	p.i in {i, i + 1, i + 2}
	played(p)
}

# A cue in quotation marks inside someone else's reported words ("il
# testimone ha riferito che gridava «vi ammazzo tutti»", "mi ha urlato «ti
# ammazzo»") is what that person said, told by the author: the engine marks
# as reported only what a verb not in the author's first person reports
# ("gli ho detto «ti ammazzo»" stays the author's). settings.reported_absorbs
# names the categories.
absorbed(category, _, tok) if {
	object.get(settings, ["reported_absorbs", category], false) == true
	tok.quoted
	tok.reported
}

# A quotation that a verb of speech in another's person follows ("«ti
# bruciamo la casa», le hanno scritto", "«vi ammazziamo», dicevano"): the
# author reports it after the fact.
absorbed(category, i, tok) if {
	object.get(settings, ["reported_absorbs", category], false) == true
	tok.quoted
	some q in input.facts.quotes
	q.start < tok.start
	tok.end < q.end
	some k in numbers.range(i + 1, i + 12)
	sentence(k) == sentence(i)
	tokens[k].start > q.end
	tokens[k].start < q.end + 20
	reports_back(k)
}

reports_back(k) if tokens[k].norm in data.lexicon.language.reported.speech

reports_back(k) if {
	tokens[k].norm in data.lexicon.language.reported.speech_participles
	tokens[k - 1].norm in data.lexicon.language.reported.auxiliaries
}

# A cue the author denies in a sentence of counter-speech ("non tutti i rom
# sono ladri", "smettiamola di dire che i musulmani sono terroristi"), or
# denies of a group in its clause with a negated copula ("chi vive nelle
# case popolari non è un delinquente"; not "... ai Comuni italiani, non
# alle moschee di quei sporchi musulmani"), is not the author's claim either:
# settings.denied_absorbs names its categories.
absorbed(category, i, _) if {
	object.get(settings, ["denied_absorbs", category], false) == true
	negated(i)
	countered(sentence(i))
}

# ... or denies of themselves ("non mi sento affatto un rincoglionito",
# "non sono un ladro").
absorbed(category, i, _) if {
	object.get(settings, ["denied_absorbs", category], false) == true
	negated(i)
	i > 0
	some k in numbers.range(max([i - 4, 0]), i - 1)
	unit(k) == unit(i)
	negated(k)
	only_first_person(k)
}

# A verb form in the first person of the indicative or conditional that is
# no third person plural ("sento", "eravamo"; not "sono") nor a subjunctive.
only_first_person(k) if {
	some a in analyses(k)
	a.person == 1
	a.mood in {"indicative", "conditional"}
	every b in analyses(k) {
		not b.mood == "subjunctive"
		not third_plural(b)
	}
}

third_plural(a) if {
	a.person == 3
	a.plural == true
}

absorbed(category, i, _) if {
	object.get(settings, ["denied_absorbs", category], false) == true
	negated(i)
	some t in targets
	t.entry.kind == "group"
	unit(t.i) == unit(i)
	t.i + 1 < i
	some k in numbers.range(t.i + 1, i - 1)
	negated(k)
	some a in analyses(k)
	a.lemma in settings.discrimination.link_lemmas
}

# A slur the author says of themselves is reclaimed, not aimed ("sono
# frocio e felice", "noi terroni", "da frocio orgoglioso vi dico"): after
# a copula in the first person of its number, after "noi", or as what the
# author speaks as at the start of a sentence (settings.reclaimed names the
# categories).
absorbed(category, i, _) if {
	object.get(settings, ["reclaimed", category], false) == true
	said_of_self(i)
}

# "io so' polentone e mia moglie terrona": in a sentence where the author
# reclaims a word of themselves, the same said of their own kin after a
# possessive of the first person (settings.self_possessives) is reclaimed too.
said_of_self(i) if {
	some k in {i - 1, i - 2}
	tokens[k].norm in settings.self_possessives
	some j, _ in tokens
	j != i
	sentence(j) == sentence(i)
	said_of_self_directly(j)
}

said_of_self(i) if said_of_self_directly(i)

# "sono frocio", "siamo terroni"
said_of_self_directly(i) if {
	some n in numbers_of(i)
	self_copula(i - 1, n)
}

# "siamo le zitelle del circolo", "siamo quattro zitelle": a determiner or
# a number (settings.self_counts) between
said_of_self_directly(i) if {
	self_between(tokens[i - 1].norm)
	some n in numbers_of(i)
	self_copula(i - 2, n)
}

self_between(word) if word in data.lexicon.language.determiners

self_between(word) if word in settings.self_counts

# "noi terroni", "noi crucchi del gemellaggio"
said_of_self_directly(i) if {
	number(i)
	tokens[i - 1].norm in settings.self_pronouns
}

# "Io, negra e massese da tre generazioni, ...": a singular group word
# right after the "io" a sentence opens with ("io lavoro" is a verb).
said_of_self_directly(i) if {
	not plural(i)
	tokens[i - 1].norm == "io"
	sentence_start(i - 1)
	some t in target_parts
	t.i == i
}

# "noi vecchi rincoglioniti", "da vecchia femminista rompipalle": a word
# right after a group word said of the author is said of the author too
# (settings.reclaimed_after names the categories).
absorbed(category, i, _) if {
	object.get(settings, ["reclaimed_after", category], false) == true
	i > 0
	said_of_self_directly(i - 1)
	some t in target_parts
	t.j == i - 1
}

# METADATA
# title: A group the author names themselves by ("siamo pensionati", "noi vecchi"), no target
# description: >-
#   After a copula in the author's first person of its number, or after
#   "noi", a group word says who the author is: what the clause says of it
#   the author says of themselves ("siamo pensionati rimbambiti").
self_named(p) if {
	some n in numbers_of(p.i)
	self_copula(p.i - 1, n)
}

self_named(p) if {
	plural(p.i)
	tokens[p.i - 1].norm in settings.self_pronouns
}

# "sono un vecchio pazzo", "siamo due vecchi brontoloni": a number
# between is said of many
self_named(p) if {
	self_between(tokens[p.i - 1].norm)
	some n in numbers_of(p.i)
	not counted_singular(p.i - 1, n)
	self_copula(p.i - 2, n)
}

counted_singular(k, false) if tokens[k].norm in settings.self_counts

# "Da frocio orgoglioso vi dico", "come storpio ufficiale del quartiere",
# "da vecchia checca": what the author speaks as, opening the sentence.
said_of_self_directly(i) if {
	some k in {i - 1, i - 2}
	tokens[k].norm in settings.self_as
	sentence_start(k)
}

number(i) if plural(i)

else := false

# The numbers a word may have: a word in -e is also singular ("terrone",
# though "terrona" makes it a feminine plural too).
numbers_of(i) := {number(i)} | {false | not endswith(tokens[i].norm, "i")}

self_copula(k, number) if {
	not existential(k)
	some a in analyses(k)
	a.lemma in settings.discrimination.link_lemmas
	a.person == 1
	a.mood == "indicative"
	a.plural == number
}

# "ci sono tre donne in giunta": "there are", no one's own copula
existential(k) if tokens[k - 1].norm in {"ci", "c", "ce"}

# "io so' terrone": the dialect copula after "io"
self_copula(k, _) if {
	tokens[k].norm in settings.discrimination.link_words
	tokens[k - 1].norm == "io"
}

# METADATA
# title: A lexicon phrase the grammar accounts for, as absorbed says of its first word
absorbed_phrase(category, start) if {
	some i, tok in tokens
	tok.start == start
	absorbed(category, i, tok)
}

# --- hits ------------------------------------------------------------------------------

# METADATA
# title: A hit of the grammar, with the parts that make it
# description: >-
#   The lexicon's hit fields (category, severity, term and lemma: the
#   predicate's, match, start, end; ground: the first target's that has one)
#   and composition (threat or the kind of discrimination) and parts:
#   [{role, term, match, start, end}] in text order, role target, reference
#   (what points back to a target), predicate or frame. match joins the
#   parts' words with " … ".
composed(category, composition, p, ts, fs, sev) := object.union(
	{
		"fact": "grammar",
		"category": category,
		"composition": composition,
		"severity": sev,
		"term": p.term,
		"lemma": p.term,
		"match": concat(" … ", [x[2] | some x in sort({[x.start, x.end, x.match] | some x in parts})]),
		"start": min({x.start | some x in parts}),
		"end": max({x.end | some x in parts}),
		"parts": parts,
	},
	ground(ts),
) if {
	parts := [{"role": x[2], "term": x[4], "match": x[3], "start": x[0], "end": x[1]} |
		some x in sort({[q.start, q.end, q.role, q.match, q.term] | some q in ((ts | fs) | {p})})
	]
}

ground(ts) := {"ground": gs[0]} if {
	gs := sort({t.entry.ground | some t in ts; t.entry.ground})
	count(gs) > 0
} else := {}

# METADATA
# title: Every one of a group barred, named as one after "nessun" ("nessun ebreo in consiglio", "nessuno straniero deve poter votare")
# description: >-
#   "Nessun", "nessuna", "nessuno" before a singular group word name the
#   whole group. With a place right after it and no verb of the clause's own
#   ("nessun ebreo in consiglio comunale"), or with "deve", "dovrebbe" and
#   "poter" before a verb of a right ("nessuna musulmana dovrebbe poter
#   affittare"), the group is barred (settings.discrimination.none_group).
#   The predicate decides: "nessuna donna deve avere paura" wishes them
#   safe; "non c'è nessun ebreo in consiglio" counts, it bars nobody.
discrimination contains hit if {
	conf := settings.discrimination.none_group
	some t in targets
	t.entry.kind in settings.discrimination.targets
	not t.entry.minor
	t.i > 0
	none := tokens[t.i - 1]
	none.norm in conf.words
	own(none)
	not discrimination_negated_before(t.i - 1)
	not countered(sentence(t.i))
	discrimination_barred(t, conf)
	not discrimination_one_event(t, conf) # "nessuno straniero in graduatoria quest'anno" is news
	d := token_part("frame", t.i - 1, none, none.norm, {})
	hit := composed("discrimination", "exclusion", d, {t}, set(), severity(d, conf.severity))
}

# No negator earlier in the clause of "nessun" ("non c'è nessun ebreo").
discrimination_negated_before(k) if {
	some m, _ in tokens
	m < k
	tokens[m].clause == tokens[k].clause
	tokens[m].norm in data.lexicon.language.negators
}

# A place right after the group, and no verb in the third person after it in its clause.
discrimination_barred(t, conf) if {
	tokens[t.j + 1].norm in conf.places
	tokens[t.j + 1].clause == tokens[t.j].clause
	not discrimination_verb_after(t.j)
}

# "deve", "dovrebbe" right after the group, "poter" or an adverb or none, then a verb of a right.
discrimination_barred(t, conf) if {
	some a in analyses(t.j + 1)
	a.lemma in conf.modal
	k := discrimination_right_at(t.j + 2, conf)
	tokens[k].clause == tokens[t.j + 1].clause # the group may read as a verb and end a clause of its own
	some b in analyses(k)
	b.lemma in conf.rights
}

discrimination_right_at(k, conf) := k if {
	not tokens[k].norm in conf.between
} else := k + 1

# Verb analyses are guessed from endings ("scuole" reads as a verb), so a
# verb here is one of the common verbs, of the rights or of going.
discrimination_verb_after(j) if {
	some k, tok in tokens
	k > j
	tok.clause == tokens[j].clause
	some a in analyses(k)
	a.lemma in discrimination_known_verbs
}

discrimination_known_verbs := ({v | some v in settings.common_verbs} | {v | some v in settings.discrimination.none_group.rights}) | {v | some v in settings.discrimination.go_verbs}

# METADATA
# title: A group born or made for a menial role or a base act ("i meridionali so nati pe fa i bidelli", "son nati per fare i furbi")
# description: >-
#   A frame of settings.discrimination.born_for followed, past its words of
#   between and determiners, by a role or an act of its roles ranks the
#   group in its clause below others; any other act ("sono nate per
#   vincere") is left alone.
discrimination contains hit if {
	conf := settings.discrimination.born_for
	some f in (frames | predicates) # "fatte per" is a predicate denied ("non sono fatte per comandare")
	f.term in conf.frames
	own(tokens[f.i])
	not negated(f.j)
	not countered(sentence(f.i))
	some k in discrimination_born_role(f.j + 1, conf)
	r := token_part("predicate", k, tokens[k], tokens[k].norm, {})
	ts := {t | some t in group_targets(f); t.role == "target"}
	count(ts) > 0
	hit := composed("discrimination", "inferiority", f, ts, {r}, severity(f, conf.severity))
}

# "Le donne sono buone a cucinare e a fare figli", "so' boni solo a
# rubare": good for a menial role or a base act only, the same ranking.
discrimination contains hit if {
	conf := settings.discrimination.born_for
	some k, tok in tokens
	discrimination_good_for(k, conf)
	own(tok)
	not negated(k)
	not countered(sentence(k))
	f := token_part("frame", k, tok, tok.norm, {})
	some r in discrimination_born_role(k + 1, conf)
	ts := {t | some t in group_targets(f); t.role == "target"}
	count(ts) > 0
	rp := token_part("predicate", r, tokens[r], tokens[r].norm, {})
	hit := composed("discrimination", "inferiority", f, ts, {rp}, severity(f, conf.severity))
}

discrimination_good_for(k, conf) if {
	tokens[k].norm in conf.good_for
	tokens[k + 1].norm in {"a", "ad", "solo", "soltanto"}
}

# "Bravi" only with "solo": "sono brave a cucinare" praises.
discrimination_good_for(k, conf) if {
	tokens[k].norm in conf.only_good_for
	tokens[k + 1].norm in {"solo", "soltanto"}
}

# A role within four words after the frame, with only words of between and determiners before it.
discrimination_born_role(from, conf) := {k |
	some k in numbers.range(from, from + 3)
	some w in words(tokens[k])
	w in conf.roles
	discrimination_born_fillers(from, k, conf)
}

discrimination_born_fillers(from, k, _) if k == from

discrimination_born_fillers(from, k, conf) if {
	k > from
	every m in numbers.range(from, k - 1) {
		discrimination_born_filler(tokens[m].norm, conf)
	}
}

discrimination_born_filler(word, conf) if word in conf.between

discrimination_born_filler(word, _) if word in data.lexicon.language.determiners

# METADATA
# title: A sentence of contempt said first and its group named after it ("Spazzatura umana. Ecco cosa sono quei cinesi")
# description: >-
#   A predicate in a sentence with no group of its own, and the next
#   sentence opening with "ecco cosa", "ecco chi" (settings.discrimination.
#   cataphora) and naming a group: the group is what the predicate said.
discrimination contains hit if {
	conf := settings.discrimination.cataphora
	some p in predicates
	p.entry.kind in conf.kinds
	own(tokens[p.i])
	polarity(p)
	some k, tok in tokens
	tok.norm in conf.opening
	tokens[k + 1].norm in conf.what
	sentence(k) == sentence(p.i) + 1
	discrimination_opens_sentence(k)
	not countered(sentence(k))
	not discrimination_group_in_sentence(sentence(p.i))
	ts := {t | some t in targets; t.entry.kind in settings.discrimination.targets; sentence(t.i) == sentence(k); t.i > k + 1; not discrimination_relative_between(k + 1, t.i)}
	count(ts) > 0
	m := token_part("frame", k, tok, tok.norm, {})
	hit := composed("discrimination", p.entry.kind, p, ts, {m}, severity(p, p.entry.severity))
}

discrimination_group_in_sentence(s) if {
	some t in targets
	t.entry.kind in settings.discrimination.targets
	sentence(t.i) == s
}

# "Feccia. Ecco chi sono quelli che insultano i migranti": a group beyond a
# relative is the object of whoever the relative names.
discrimination_relative_between(from, to) if {
	some m, tok in tokens
	from < m
	m < to
	tok.norm in {"che", "chi", "cui"}
}

# METADATA
# title: A group named by itself, then refused in the next sentence ("gay pride? no grazie", "Moschea in centro? No grazie")
# description: >-
#   A sentence of at most settings.discrimination.refused.words words that
#   names a group, and the next opening with a refusal of
#   settings.discrimination.refused.frames: the refusal is of the group.
#   Not of a place (a mosque refused is a policy demand), of children, or
#   of a group with a plain word after it, which is what is refused
#   ("anziani soli a Natale? No grazie").
discrimination contains hit if {
	conf := settings.discrimination.refused
	some f in frames
	f.term in conf.frames
	own(tokens[f.i])
	discrimination_opens_sentence(f.i)
	s := sentence(f.i) - 1
	s >= 0
	count([k | some k, _ in tokens; sentence(k) == s]) <= conf.words
	named := {t | some t in targets; t.entry.kind in settings.discrimination.targets; sentence(t.i) == s}
	ts := {t | some t in counted(named, settings.discrimination.kinds.exclusion, f); not qualified(t); not t.entry.minor}
	count(ts) > 0
	not countered(sentence(f.i))
	hit := composed("discrimination", "exclusion", f, ts, set(), severity(f, conf.severity))
}
