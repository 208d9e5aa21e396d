# METADATA
# title: Tests of the grammar of threats and discrimination
# description: >-
#   Texts built by hand as the engine gives them (lemmas, analyses of verb
#   forms, clitics, clauses, negation, questions, quoted and reported
#   speech), composed with the real lexicon data and the library's
#   settings: each composition, each exclusion, the settings an ente may
#   override, and the hits reaching the rules through the lexicon.
package galateo.lib.grammar_test

import data.galateo.lib.checks
import data.galateo.lib.checks_test
import data.galateo.lib.grammar
import data.galateo.lib.lexicon
import data.galateo.lib.testinput
import rego.v1

# --- building texts ------------------------------------------------------------------

# METADATA
# title: A word and what the engine knows of it (lemmas, analyses, clitics, clause...)
w(text, extra) := [text, extra]

# METADATA
# title: A verb form's analysis
v(lemma, mood, tense, person, plural) := {"lemma": lemma, "pos": "verb", "mood": mood, "tense": tense, "person": person, "plural": plural}

# METADATA
# title: A request whose text is the words, each clause in the sentence its index names
# description: >-
#   Every word is its own first lemma, followed by its analyses' lemmas, in
#   clause 0, not negated, not a question, the author's own, unless its
#   extra says otherwise.
said(specs, sentences) := testinput.mk(texts, {"facts": {
	"tokens": [object.union(base, extra) |
		some i, spec in specs
		extra := spec[1]
		base := object.union(testinput.tokens(texts)[i], {
			"lemmas": array.concat([lower(spec[0])], [a.lemma | some a in object.get(extra, "analyses", [])]),
			"analyses": [], "clitics": [], "clause": 0,
			"negated": false, "question": false, "quoted": false, "reported": false,
		})
	],
	"ngrams": testinput.ngrams(texts),
	"clauses": [{"start": 0, "end": 0, "sentence": s} | some s in sentences],
}}) if {
	texts := [spec[0] | some spec in specs]
}

# METADATA
# title: The grammar's hits for a request
composed(req) := hs if {
	hs := grammar.hits with input as req
}

# METADATA
# title: The one hit of a request
only(req) := h if {
	[h] := [x | some x in composed(req)]
}

# METADATA
# title: The roles and words of a hit's parts
roles(h) := {[p.role, p.match] | some p in h.parts}

# "Giuro che prima o poi quei rom li faccio sparire tutti"
giuro := [
	w("Giuro", {"analyses": [v("giurare", "indicative", "present", 1, false)]}),
	w("che", {"clause": 1}),
	w("prima", {"clause": 1}),
	w("o", {"clause": 1}),
	w("poi", {"clause": 1}),
	w("quei", {"clause": 1, "lemmas": ["quei", "quello"]}),
	w("rom", {"clause": 1}),
	w("li", {"clause": 1}),
	w("faccio", {"clause": 1, "lemmas": ["faccio", "fare"], "clitics": ["li"], "analyses": [v("fare", "indicative", "present", 1, false)]}),
	w("sparire", {"clause": 1, "analyses": [v("sparire", "infinitive", "", 0, false)]}),
	w("tutti", {"clause": 1, "lemmas": ["tutti", "tutto"]}),
]

# --- threats -------------------------------------------------------------------------------

# METADATA
# title: A verb whose subject is the victim, made to happen in the first person ("li faccio sparire")
test_threat_causative if {
	h := only(said(giuro, [0, 0]))
	h.category == "threat"
	h.composition == "threat"
	h.fact == "grammar"
	h.term == "sparire"
	h.ground == "origine_etnica"
	h.severity == "media"
	roles(h) == {["target", "rom"], ["predicate", "faccio"], ["predicate", "sparire"]}
	h.match == "rom … faccio … sparire"
	h.start == 27
	h.end == 48
}

# METADATA
# title: A violent infinitive after a frame of plan, against the person a pronoun points back to
test_threat_frame_back_reference if {
	h := only(said(
		[
			w("Ho", {"analyses": [v("avere", "indicative", "present", 1, false)]}),
			w("deciso", {"analyses": [v("decidere", "participle", "past", 0, false)]}),
			w("di", {}),
			w("andare", {"analyses": [v("andare", "infinitive", "", 0, false)]}),
			w("dal", {}),
			w("sindaco", {}),
			w("e", {"clause": 1}),
			w("spaccargli", {"clause": 1, "clitics": ["gli"], "analyses": [v("spaccare", "infinitive", "", 0, false)]}),
			w("la", {"clause": 1}),
			w("testa", {"clause": 1}),
		],
		[0, 0],
	))
	h.term == "spaccare"
	roles(h) == {["frame", "Ho deciso"], ["target", "sindaco"], ["reference", "spaccargli"], ["predicate", "spaccargli"]}
	h.match == "Ho deciso … sindaco … spaccargli"
}

# METADATA
# title: A verb frame in the author's first person, in a compound tense ("abbiamo giurato di bruciare i rom")
test_threat_verb_frame if {
	h := only(said(giurato("Abbiamo", 1), [0]))
	h.category == "threat"
	roles(h) == {["frame", "giurato"], ["predicate", "bruciare"], ["target", "rom"]}
}

# METADATA
# title: Another's oath is no frame of the author's ("ha giurato di bruciare i rom")
test_threat_verb_frame_third_person if {
	count(composed(said(giurato("Ha", 3), [0]))) == 0
}

giurato(aux, person) := [
	w(aux, {"analyses": [v("avere", "indicative", "present", person, person == 1)]}),
	w("giurato", {"analyses": [v("giurare", "participle", "past", 0, false)]}),
	w("di", {}),
	w("bruciare", {"analyses": [v("bruciare", "infinitive", "", 0, false)]}),
	w("i", {}),
	w("rom", {}),
]

# METADATA
# title: A target in scare quotes is the author's own word; a quoted sentence is not ('i "profughi" vanno sterminati')
test_scare_quoted_target if {
	words := [
		w("i", {"quoted": true}),
		w("profughi", {"quoted": true, "lemmas": ["profughi", "profugo"]}),
		w("vanno", {}),
		w("sterminati", {"analyses": [v("sterminare", "participle", "past", 0, true)]}),
	]
	req := said(words, [0])
	one_word := object.union(req, {"facts": {"quotes": [{"start": 1, "end": 11, "words": 1}]}})
	roles(only(one_word)) == {["target", "profughi"], ["frame", "vanno"], ["predicate", "sterminati"]}
	sentence := object.union(req, {"facts": {"quotes": [{"start": 1, "end": 11, "words": 2}]}})
	count(composed(sentence)) == 0
}

# METADATA
# title: The same infinitive without a frame threatens nobody
test_threat_infinitive_needs_frame if {
	count(composed(said(
		[w("sparire", {"analyses": [v("sparire", "infinitive", "", 0, false)]}), w("rom", {})],
		[0],
	))) == 0
}

# METADATA
# title: The first person present, with the person addressed as a clitic ("ti spacco la faccia")
test_threat_second_person if {
	h := only(said(
		[
			w("ti", {}),
			w("spacco", {"lemmas": ["spacco", "spaccare"], "clitics": ["ti"], "analyses": [v("spaccare", "indicative", "present", 1, false)]}),
			w("la", {}),
			w("faccia", {"lemmas": ["faccia", "facciare"]}),
		],
		[0],
	))
	h.category == "threat"
	h.match == "ti … spacco"
	roles(h) == {["target", "ti"], ["predicate", "spacco"]}
	not h.ground
}

# METADATA
# title: A noun made an act by its verb ("gli do fuoco"), against a group in its clause
test_threat_noun_with_verb if {
	h := only(said(
		[
			w("ai", {}),
			w("barboni", {"lemmas": ["barboni", "barbone"]}),
			w("gli", {}),
			w("do", {"lemmas": ["do", "dare"], "clitics": ["gli"], "analyses": [v("dare", "indicative", "present", 1, false)]}),
			w("fuoco", {}),
		],
		[0],
	))
	h.term == "fuoco"
	h.ground == "condizioni_sociali"
	roles(h) == {["target", "barboni"], ["predicate", "do"], ["predicate", "fuoco"]}
}

# METADATA
# title: A noun without its verb is no act ("i vigili del fuoco e i rom")
test_threat_noun_without_verb if {
	count(composed(said([w("rom", {}), w("e", {}), w("fuoco", {})], [0]))) == 0
}

# METADATA
# title: A participle after an obligation ("vanno sterminati"), normative threat
test_threat_normative_participle if {
	h := only(said(
		[
			w("i", {}),
			w("musulmani", {"lemmas": ["musulmani", "musulmano", "musulmana"]}),
			w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]}),
			w("sterminati", {"analyses": [v("sterminare", "participle", "past", 0, true)]}),
		],
		[0],
	))
	h.ground == "religione"
	h.severity == "grave"
	roles(h) == {["target", "musulmani"], ["frame", "vanno"], ["predicate", "sterminati"]}
}

# METADATA
# title: A past participle with no frame is news ("ha ucciso la moglie")
test_threat_past_is_news if {
	count(composed(said(
		[
			w("ha", {"analyses": [v("avere", "indicative", "present", 3, false)]}),
			w("ucciso", {"analyses": [v("uccidere", "participle", "past", 0, false)]}),
			w("tre", {}),
			w("donne", {"lemmas": ["donne", "donna"]}),
		],
		[0],
	))) == 0
}

# METADATA
# title: A verb whose subject is the victim, wished ("spero che muoiano tutti sti zingari")
test_threat_wish_victim if {
	h := only(said(
		[
			w("spero", {"analyses": [v("sperare", "indicative", "present", 1, false)]}),
			w("che", {"clause": 1}),
			w("muoiano", {"clause": 1, "analyses": [v("morire", "subjunctive", "present", 3, true)]}),
			w("tutti", {"clause": 1}),
			w("sti", {"clause": 1}),
			w("zingari", {"clause": 1, "lemmas": ["zingari", "zingaro", "zingara"]}),
		],
		[0, 0],
	))
	h.term == "morire"
	h.ground == "origine_etnica"
}

# METADATA
# title: The victim's own first person is no threat ("muoio dal ridere per i rom")
test_threat_victim_first_person if {
	count(composed(said(
		[w("muoio", {"analyses": [v("morire", "indicative", "present", 1, false)]}), w("dal", {}), w("ridere", {}), w("rom", {})],
		[0],
	))) == 0
}

# METADATA
# title: A pronoun points back to a group named in an earlier sentence
test_threat_back_reference if {
	h := only(said(
		[
			w("Sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
			w("arrivati", {"analyses": [v("arrivare", "participle", "past", 0, true)]}),
			w("africani", {"lemmas": ["africani", "africano", "africana"]}),
			w("Li", {"clause": 1}),
			w("ammazzerei", {"clause": 1, "clitics": ["li"], "analyses": [v("ammazzare", "conditional", "present", 1, false)]}),
			w("tutti", {"clause": 1}),
		],
		[0, 1],
	))
	h.ground == "origine_etnica"
	roles(h) == {["target", "africani"], ["reference", "Li"], ["predicate", "ammazzerei"]}
}

# METADATA
# title: Without a target there is no threat ("mi ammazzo dal ridere", "li abbiamo fatti fuori a briscola")
test_threat_needs_target if {
	count(composed(said(
		[
			w("mi", {}),
			w("ammazzo", {"clitics": ["mi"], "analyses": [v("ammazzare", "indicative", "present", 1, false)]}),
			w("dal", {}),
			w("ridere", {}),
		],
		[0],
	))) == 0
	count(composed(said(
		[
			w("li", {}),
			w("abbiamo", {"analyses": [v("avere", "indicative", "present", 1, true)]}),
			w("fatti", {"clitics": ["li"], "analyses": [v("fare", "participle", "past", 0, true)]}),
			w("fuori", {}),
		],
		[0],
	))) == 0
}

# METADATA
# title: Staff and someone pointed at are targets; an institution is not
test_threat_staff_not_institution if {
	h := only(said(
		[
			w("il", {}),
			w("sindaco", {}),
			w("andrebbe", {"analyses": [v("andare", "conditional", "present", 3, false)]}),
			w("impiccato", {"analyses": [v("impiccare", "participle", "past", 0, false)]}),
		],
		[0],
	))
	roles(h) == {["target", "sindaco"], ["frame", "andrebbe"], ["predicate", "impiccato"]}
	count(composed(said(
		[
			w("l", {}),
			w("ufficio", {}),
			w("tecnico", {}),
			w("andrebbe", {"analyses": [v("andare", "conditional", "present", 3, false)]}),
			w("bruciato", {"analyses": [v("bruciare", "participle", "past", 0, false)]}),
		],
		[0],
	))) == 0
}

# --- exclusions ----------------------------------------------------------------------------

sparisci(extra) := [
	w("quei", {}),
	w("rom", {}),
	w("li", {}),
	w("ammazzo", object.union({"clitics": ["li"], "analyses": [v("ammazzare", "indicative", "present", 1, false)]}, extra)),
]

# METADATA
# title: The composition without exclusions is a threat
test_threat_plain if {
	only(said(sparisci({}), [0])).severity == "grave"
}

# METADATA
# title: A negated predicate composes nothing ("non li ammazzo")
test_excluded_negated if {
	count(composed(said(sparisci({"negated": true}), [0]))) == 0
}

# METADATA
# title: Quoted and reported predicates compose nothing
test_excluded_quoted_reported if {
	count(composed(said(sparisci({"quoted": true}), [0]))) == 0
	count(composed(said(sparisci({"reported": true}), [0]))) == 0
}

# METADATA
# title: A quoted or reported target is no target
test_excluded_speech_target if {
	req := said(
		[
			w("quei", {}),
			w("rom", {"reported": true}),
			w("li", {}),
			w("ammazzo", {"clitics": ["li"], "analyses": [v("ammazzare", "indicative", "present", 1, false)]}),
		],
		[0],
	)
	count(composed(req)) == 0
}

# METADATA
# title: A question goes to a person (lieve)
test_question_lieve if {
	only(said(sparisci({"question": true}), [0])).severity == "lieve"
}

# METADATA
# title: A question that incites, with its negation, is a call ("perché non li ammazziamo tutti, questi zingari?")
test_question_incites if {
	h := only(said(
		[
			w("perche", {"question": true, "negated": true}),
			w("non", {"question": true, "negated": true}),
			w("li", {"question": true, "negated": true}),
			w("ammazziamo", {"question": true, "negated": true, "clitics": ["li"], "analyses": [v("ammazzare", "indicative", "present", 1, true)]}),
			w("tutti", {"question": true, "negated": true}),
			w("questi", {"question": true, "negated": true}),
			w("zingari", {"question": true, "negated": true, "lemmas": ["zingari", "zingaro"]}),
		],
		[0],
	))
	h.severity == "grave"
	["frame", "perche non"] in roles(h)
}

# METADATA
# title: An ente may leave questions out (grammar.question none)
test_question_none if {
	count(composed(said(sparisci({"question": true}), [0]))) == 0 with data.enti.esempio as {"grammar": {"question": "none"}}
}

# METADATA
# title: A sentence of counter-speech composes nothing
test_excluded_counter if {
	specs := array.concat(
		[w("chi", {}), w("dice", {}), w("che", {})],
		array.concat(
			[
				w("gli", {}),
				w("zingari", {"lemmas": ["zingari", "zingaro"]}),
				w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
				w("tutti", {}),
				w("ladri", {"lemmas": ["ladri", "ladro", "ladra"]}),
			],
			[w("dovrebbe", {}), w("vergognarsi", {})],
		),
	)
	count(composed(said(specs, [0]))) == 0
}

# METADATA
# title: Exception phrases shield a predicate ("ammazza quanta gente", said of nobody)
test_excluded_exception if {
	some key, _ in data.lexicon.exceptions
	startswith(key, "eliminare le")
	count(composed(said(
		[
			w("bisogna", {}),
			w("eliminare", {"analyses": [v("eliminare", "infinitive", "", 0, false)]}),
			w("le", {}),
			w("barriere", {}),
			w("per", {}),
			w("i", {}),
			w("disabili", {"lemmas": ["disabili", "disabile"]}),
		],
		[0],
	))) == 0
}

# --- discrimination --------------------------------------------------------------------------

sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})

# METADATA
# title: A dehumanising noun said of a group ("i cinesi sono topi")
test_dehumanising if {
	h := only(said([w("i", {}), w("cinesi", {"lemmas": ["cinesi", "cinese"]}), sono, w("topi", {"lemmas": ["topi", "topo"]})], [0]))
	h.category == "discrimination"
	h.composition == "dehumanising"
	h.severity == "grave"
	h.ground == "origine_etnica"
	roles(h) == {["target", "cinesi"], ["predicate", "topi"]}
}

# METADATA
# title: A word with a plain meaning needs a copula or a comparison ("i bambini col cane")
test_dehumanising_needs_link if {
	count(composed(said([w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), w("col", {}), w("cane", {})], [0]))) == 0
	only(said([w("bambini", {"lemmas": ["bambini", "bambino"]}), w("come", {}), w("cani", {"lemmas": ["cani", "cane"]})], [0])).composition == "dehumanising"
}

# METADATA
# title: A negative trait said of a whole group ("gli zingari sono tutti ladri", "i rumeni rubano")
test_generalisation if {
	h := only(said([w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]}), sono, w("tutti", {}), w("ladri", {"lemmas": ["ladri", "ladro"]})], [0]))
	h.composition == "negative_trait"
	h.severity == "media"
	h.term == "ladro"
	only(said([w("i", {}), w("rumeni", {"lemmas": ["rumeni", "rumeno"]}), w("rubano", {"analyses": [v("rubare", "indicative", "present", 3, true)]})], [0])).term == "rubare"
}

# METADATA
# title: A trait of one person is no generalisation ("quel marocchino è un ladro", "ha rubato")
test_generalisation_needs_group if {
	count(composed(said([w("quel", {}), w("marocchino", {}), w("e", {}), w("un", {}), w("ladro", {})], [0]))) == 0
	count(composed(said([w("un", {}), w("rumeno", {}), w("ha", {}), w("rubato", {"analyses": [v("rubare", "participle", "past", 0, false)]})], [0]))) == 0
}

# METADATA
# title: An exclusion frame by itself, and an exclusion verb in a normative mood
test_exclusion if {
	h := only(said([w("Fuori", {}), w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]}), w("da", {}), w("Massa", {})], [0]))
	h.composition == "exclusion"
	roles(h) == {["frame", "Fuori"], ["target", "zingari"]}
	e := only(said(
		[
			w("i", {}),
			w("comunisti", {"lemmas": ["comunisti", "comunista"]}),
			w("andrebbero", {"analyses": [v("andare", "conditional", "present", 3, true)]}),
			w("cacciati", {"analyses": [v("cacciare", "participle", "past", 0, true)]}),
		],
		[0],
	))
	e.composition == "exclusion"
	e.ground == "opinioni_politiche"
}

# METADATA
# title: An exclusion verb in the news is no call ("i rom sono stati cacciati")
test_exclusion_needs_mood if {
	count(composed(said([w("i", {}), w("rom", {}), sono, w("stati", {}), w("cacciati", {"analyses": [v("cacciare", "participle", "past", 0, true)]})], [0]))) == 0
}

# METADATA
# title: An exclusion frame holding its negation, pointing back ("loro qui non li vogliamo")
test_exclusion_frame_back_reference if {
	h := only(said(
		[
			w("moschea", {}),
			w("approvata", {}),
			w("loro", {"clause": 1}),
			w("qui", {"clause": 1}),
			w("non", {"clause": 1, "negated": true}),
			w("li", {"clause": 1, "negated": true}),
			w("vogliamo", {"clause": 1, "negated": true, "clitics": ["li"], "analyses": [v("volere", "indicative", "present", 1, true)]}),
		],
		[0, 1],
	))
	h.ground == "religione"
	roles(h) == {["target", "moschea"], ["reference", "loro"], ["frame", "non li vogliamo"]}
}

# METADATA
# title: Contempt said of a group ("i froci mi fanno schifo")
test_contempt if {
	h := only(said(
		[
			w("i", {}),
			w("froci", {"lemmas": ["froci", "frocio"]}),
			w("mi", {}),
			w("fanno", {"clitics": ["mi"], "analyses": [v("fare", "indicative", "present", 3, true)]}),
			w("schifo", {}),
		],
		[0],
	))
	h.composition == "contempt"
	h.ground == "orientamento_sessuale"
}

# METADATA
# title: Hatred is the author's own ("odio i rumeni"), not what the text says of others
test_contempt_self if {
	only(said([w("odio", {"analyses": [v("odiare", "indicative", "present", 1, false)]}), w("i", {}), w("rumeni", {"lemmas": ["rumeni", "rumeno"]})], [0])).composition == "contempt"
	count(composed(said(
		[w("uomini", {}), w("che", {}), w("odiano", {"analyses": [v("odiare", "indicative", "present", 3, true)]}), w("le", {}), w("donne", {"lemmas": ["donne", "donna"]})],
		[0],
	))) == 0
}

# METADATA
# title: Inferiority by a phrase ("le donne sono buone solo a lamentarsi")
test_inferiority if {
	h := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("buone", {}), w("solo", {}), w("a", {}), w("lamentarsi", {})], [0]))
	h.composition == "inferiority"
	h.match == "donne … buone solo"
}

# METADATA
# title: What the author says of themselves is not said of the group after it ("siamo stati stupidi a non aiutare i migranti")
test_said_of_author if {
	self_critic := [
		w("siamo", {"analyses": [v("essere", "indicative", "present", 1, true)]}),
		w("stati", {"analyses": [v("essere", "participle", "past", 0, true)]}),
		w("stupidi", {"lemmas": ["stupidi", "stupido"]}),
		w("a", {}),
		w("non", {}),
		w("aiutare", {"negated": true, "analyses": [v("aiutare", "infinitive", "", 0, false)]}),
		w("i", {"negated": true}),
		w("migranti", {"negated": true, "lemmas": ["migranti", "migrante"]}),
	]
	count(composed(said(self_critic, [0]))) == 0

	# "sono" is also the third person plural: said of the group
	only(said([w("i", {}), w("migranti", {"lemmas": ["migranti", "migrante"]}), sono, w("stupidi", {"lemmas": ["stupidi", "stupido"]})], [0])).composition == "inferiority"
}

# METADATA
# title: C'è is there is, no link ("c'è il menu senza maiale per i bambini musulmani", "c'è maiale dei musulmani")
test_existential_is_no_link if {
	count(composed(said(menu("c"), [0]))) == 0

	# the copula without "c'" links ("i musulmani, sai, è maiale"); the
	# group after "dei" completes the noun, so the test names it before
	sai := array.concat([w("i", {}), w("musulmani", {"lemmas": ["musulmani", "musulmano"]})], array.slice(menu("sai"), 0, 3))
	only(said(sai, [0])).composition == "dehumanising"
}

# METADATA
# title: A group that completes a plain noun with "di" is not what the noun is said of ("la malattia degli anziani è seria")
test_complement_of_plain_noun if {
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("la", {}), w("malattia", {}), w("degli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), e, w("seria", {})], [0]))) == 0
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	only(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), sono, w("una", {}), w("malattia", {})], [0])).composition == "dehumanising"
}

menu(c) := [
	w(c, {}),
	w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]}),
	w("maiale", {}),
	w("dei", {}),
	w("musulmani", {"lemmas": ["musulmani", "musulmano"]}),
]

# METADATA
# title: A plural noun of manner after "a" is carried by any verb ("li trattiamo a calci"); "a calcio" is a game
test_manner if {
	h := only(said(a_calci("calci", ["calci", "calcio"]), [0]))
	h.category == "threat"
	roles(h) == {["target", "rom"], ["predicate", "trattiamo"], ["predicate", "calci"]}
	count(composed(said(a_calci("calcio", ["calcio"]), [0]))) == 0
}

a_calci(noun, lemmas) := [
	w("i", {}),
	w("rom", {}),
	w("li", {}),
	w("trattiamo", {"clitics": ["li"], "analyses": [v("trattare", "indicative", "present", 1, true)]}),
	w("a", {}),
	w(noun, {"lemmas": lemmas}),
]

# METADATA
# title: What a sentence denies a group counts when negated, after its target ("i rom non sono esseri umani")
test_denied_when_negated if {
	h := only(said(
		[
			w("i", {}),
			w("rom", {}),
			w("non", {"negated": true}),
			w("sono", {"negated": true, "analyses": [v("essere", "indicative", "present", 3, true)]}),
			w("esseri", {"negated": true}),
			w("umani", {"negated": true, "lemmas": ["umani", "umano"]}),
		],
		[0],
	))
	h.composition == "dehumanising"
	count(composed(said([w("i", {}), w("rom", {}), sono, w("esseri", {}), w("umani", {"lemmas": ["umani", "umano"]})], [0]))) == 0
}

# METADATA
# title: A denial before the group is about something else ("le persone trans non sono malate")
test_denied_before_target if {
	count(composed(said(
		[
			w("le", {}),
			w("persone", {"negated": true, "lemmas": ["persone", "persona"]}),
			w("trans", {"negated": true}),
			w("non", {"negated": true}),
			w("sono", {"negated": true, "analyses": [v("essere", "indicative", "present", 3, true)]}),
			w("malate", {"negated": true, "lemmas": ["malate", "malato", "malata"]}),
		],
		[0],
	))) == 0
}

# METADATA
# title: A dehumanising noun points back to a group by a plural verb ("i soliti marocchini. Sono animali")
test_discrimination_back_reference if {
	h := only(said(
		[
			w("i", {}),
			w("soliti", {}),
			w("marocchini", {"lemmas": ["marocchini", "marocchino"]}),
			w("Sono", {"clause": 1, "analyses": [v("essere", "indicative", "present", 3, true)]}),
			w("animali", {"clause": 1, "lemmas": ["animali", "animale"]}),
		],
		[0, 1],
	))
	roles(h) == {["target", "marocchini"], ["reference", "Sono"], ["predicate", "animali"]}
}

# METADATA
# title: A standalone generalisation frame ("musulmani tutti uguali")
test_generalisation_frame if {
	h := only(said([w("musulmani", {"lemmas": ["musulmani", "musulmano"]}), w("tutti", {}), w("uguali", {})], [0]))
	h.composition == "generalisation"
	h.severity == "media"
}

# METADATA
# title: An institution is never a target ("questo bando è uno schifo")
test_institution_criticism if {
	count(composed(said([w("questo", {}), w("bando", {}), w("e", {}), w("uno", {}), w("schifo", {})], [0]))) == 0
}

# --- settings ----------------------------------------------------------------------------

# METADATA
# title: An ente may leave a kind out, or give it its own severity
test_settings_per_ente if {
	req := said([w("i", {}), w("cinesi", {"lemmas": ["cinesi", "cinese"]}), sono, w("topi", {"lemmas": ["topi", "topo"]})], [0])
	count(composed(req)) == 0 with data.enti.esempio as {"grammar": {"discrimination": {"kinds": {"dehumanising": {"count": false}}}}}
	only(req).severity == "lieve" with data.enti.esempio as {"grammar": {"discrimination": {"kinds": {"dehumanising": {"severity": "lieve"}}}}}
	only(said(sparisci({}), [0])).severity == "media" with data.enti.esempio as {"grammar": {"threat": {"severity": "media"}}}
}

# METADATA
# title: An ente may ask targets and predicates to meet in a sentence, not a clause
test_settings_scope if {
	req := said(
		[
			w("i", {}),
			w("rom", {}),
			w("che", {"clause": 1}),
			w("vedo", {"clause": 1, "analyses": [v("vedere", "indicative", "present", 1, false)]}),
			w("ammazzo", {"clause": 2, "analyses": [v("ammazzare", "indicative", "present", 1, false)]}),
		],
		[0, 0, 0],
	)
	count(composed(req)) == 0
	count(composed(req)) == 1 with data.enti.esempio as {"grammar": {"scope": "sentence"}}
}

# --- the rules see the grammar's hits --------------------------------------------------

# METADATA
# title: Grammar hits join the lexicon's and make a certain violation of the rules
test_hits_reach_rules if {
	req := said(sparisci({}), [0])
	some h in lexicon.hits with input as req
	h.fact == "grammar"
	params := object.union(checks_test.params, {"categories": {"threat": {"outcome": "remove", "severity": "grave", "actions": ["remove"]}}})
	v := checks.lexicon_or_signal(checks_test.meta, "threat", {"threat"}, params) with input as req
	v.outcome == "remove"
	some e in v.evidence
	e.fact == "grammar"
	count(e.parts) == 2
}

# METADATA
# title: Texts without grammar facts compose nothing
test_no_facts if {
	count(grammar.hits) == 0 with input as testinput.mk(["quei", "rom", "li", "ammazzo"], {})
}

# --- the words around the parts ------------------------------------------------------

# METADATA
# title: A negator ending the clause before negates the next ("non hanno coscienza, non | sono persone")
test_dangling_negation if {
	h := only(said(
		[
			w("gli", {}),
			w("atei", {"lemmas": ["atei", "ateo"]}),
			w("non", {}),
			w("sono", {"clause": 1, "analyses": [v("essere", "indicative", "present", 3, true)]}),
			w("persone", {"clause": 1, "lemmas": ["persone", "persona"]}),
		],
		[0, 0],
	))
	h.composition == "dehumanising"
	roles(h) == {["target", "atei"], ["reference", "sono"], ["predicate", "persone"]}
}

# METADATA
# title: A verb in the third person points back within its sentence only ("chi nasce down non dovrebbe avere il diritto")
test_subject_reference if {
	specs := [
		w("chi", {}),
		w("nasce", {"analyses": [v("nascere", "indicative", "present", 3, false)]}),
		w("down", {}),
		w("dovrebbe", {"clause": 1, "analyses": [v("dovere", "conditional", "present", 3, false)]}),
		w("perdere", {"clause": 1, "analyses": [v("perdere", "infinitive", "", 0, false)]}),
		w("il", {"clause": 1, "negated": true}),
		w("diritto", {"clause": 1, "negated": true}),
		w("di", {"clause": 1, "negated": true}),
		w("nascere", {"clause": 1, "negated": true}),
	]
	h := only(said(specs, [0, 0]))
	roles(h) == {["target", "down"], ["reference", "dovrebbe"], ["predicate", "diritto di"]}
	count(composed(said(specs, [0, 1]))) == 0
}

# METADATA
# title: A text with "pesto" after a group
pesto(extra) := said(
	[
		w("i", {}),
		w("vegani", {"lemmas": ["vegani", "vegano"]}),
		w("pesto", object.union({"analyses": [v("pestare", "indicative", "present", 1, false)]}, extra)),
	],
	[0],
)

# METADATA
# title: A noun written as the verb's form is no verb ("il pesto"), unless a pronoun makes it one ("vi pesto", "lo pesto")
test_noun_homograph if {
	count(composed(pesto({}))) == 0
	count(composed(pesto({"clitics": ["vi"]}))) == 1
	count(composed(pesto({"clitics": ["lo"]}))) == 1
	sgombero := said(
		[
			w("i", {}),
			w("rom", {}),
			w("sgombero", {"clitics": ["lo"], "analyses": [v("sgomberare", "indicative", "present", 1, false)]}),
		],
		[0],
	)
	count(composed(sgombero)) == 0
}

# METADATA
# title: The grammar's hits for words in one clause
composed1(specs) := composed(said(specs, [0]))

# METADATA
# title: An imperative written as a participle or an indicative commands only with a pronoun attached, or the participle at its clause's head ("il sole brucia i bambini")
test_imperative_homographs if {
	imp := {"analyses": [v("picchiare", "imperative", "present", 2, true), v("picchiare", "participle", "past", 0, true)]}
	count(composed1([w("donne", {"lemmas": ["donne", "donna"]}), w("picchiate", imp)])) == 0
	count(composed1([w("donne", {"lemmas": ["donne", "donna"]}), w("picchiatele", object.union(imp, {"clitics": ["le"]}))])) == 1
	count(composed1([w("e", {}), w("picchiate", imp), w("le", {}), w("donne", {"lemmas": ["donne", "donna"]})])) == 1
	brucia := {"analyses": [v("bruciare", "imperative", "present", 2, false), v("bruciare", "indicative", "present", 3, false)]}
	count(composed1([w("il", {}), w("sole", {}), w("brucia", brucia), w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]})])) == 0
	count(composed1([w("bruciali", object.union(brucia, {"clitics": ["li"]})), w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]})])) == 1
}

# METADATA
# title: A participle threatens after its frame, not before ("le donne picchiate devono essere protette")
test_participle_after_frame if {
	part := {"analyses": [v("picchiare", "participle", "past", 0, true)]}
	devono := {"analyses": [v("dovere", "indicative", "present", 3, true)]}
	count(composed(said([w("donne", {"lemmas": ["donne", "donna"]}), w("picchiate", part), w("devono", devono), w("essere", {}), w("protette", {})], [0]))) == 0
	count(composed(said([w("donne", {"lemmas": ["donne", "donna"]}), w("devono", devono), w("essere", {}), w("picchiate", part)], [0]))) == 1
}

# METADATA
# title: A group word that is also an adjective describes the noun after it ("i vecchi lampioni vanno eliminati")
test_adjective_target if {
	vanno := w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]})
	eliminati := w("eliminati", {"analyses": [v("eliminare", "participle", "past", 0, true)]})
	count(composed(said([w("i", {}), w("vecchi", {"lemmas": ["vecchi", "vecchio"]}), w("lampioni", {}), vanno, eliminati], [0]))) == 0
	count(composed(said([w("i", {}), w("vecchi", {"lemmas": ["vecchi", "vecchio"]}), vanno, eliminati], [0]))) == 1
}

# METADATA
# title: One person named with a definite article is not the group ("il bambino è malato")
test_specific_person if {
	count(composed(said([w("il", {}), w("bambino", {}), sono, w("malato", {})], [0]))) == 0
	only(said([w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), sono, w("malati", {"lemmas": ["malati", "malato"]})], [0])).composition == "inferiority"
}

# METADATA
# title: Clearing a place is a policy demand; a plural pronoun makes the place its people
test_places if {
	va := w("va", {"analyses": [v("andare", "indicative", "present", 3, false)]})
	count(composed(said([w("il", {}), w("campo", {}), w("rom", {}), va, w("sgomberato", {"analyses": [v("sgomberare", "participle", "past", 0, false)]})], [0]))) == 0
	count(composed(said([w("la", {}), w("moschea", {}), w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]}), w("uno", {}), w("zoo", {})], [0]))) == 1
}

# METADATA
# title: Who feels contempt is no target of it ("fa schifo ai bambini")
test_experiencer if {
	count(composed(said([w("fa", {"analyses": [v("fare", "indicative", "present", 3, false)]}), w("schifo", {}), w("ai", {}), w("bambini", {"lemmas": ["bambini", "bambino"]})], [0]))) == 0
}

# METADATA
# title: The lexicon's cue is absorbed where the grammar composed it, or where counter-speech reports it
test_absorbed if {
	zingari := said([w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]}), sono, w("tutti", {}), w("ladri", {"lemmas": ["ladri", "ladro"]})], [0])
	terms := {h.term | some h in lexicon.hits with input as zingari; h.fact == "lexicon"}
	not "ladri" in terms
	"zingari" in terms
	chi := said(
		[
			w("chi", {}), w("scrive", {}), w("che", {}),
			w("sono", {"reported": true}), w("ladri", {"reported": true}),
			w("dovrebbe", {"reported": true}), w("vergognarsi", {}),
		],
		[0],
	)
	count({h | some h in lexicon.hits with input as chi; h.term == "ladri"}) == 0
	count({h | some h in lexicon.hits with input as said([w("sono", {"reported": true}), w("ladri", {"reported": true})], [0]); h.term == "ladri"}) == 1
}

# METADATA
# title: A group that something else is about, or that belongs to "chi", is no target ("commenti contro i rom", "odio chi odia i gay")
test_about_and_relatives if {
	fanno := w("fanno", {"analyses": [v("fare", "indicative", "present", 3, true)]})
	count(composed1([w("commenti", {}), w("contro", {}), w("i", {}), w("rom", {}), fanno, w("vomitare", {"analyses": [v("vomitare", "infinitive", "", 0, false)]})])) == 0
	odio := w("odio", {"analyses": [v("odiare", "indicative", "present", 1, false)]})
	count(composed1([odio, w("chi", {}), w("odia", {"analyses": [v("odiare", "indicative", "present", 3, false)]}), w("i", {}), w("gay", {})])) == 0
	count(composed1([odio, w("i", {}), w("gay", {})])) == 1
}

# METADATA
# title: A violent verb acts on its own object, not on a group after a preposition ("eliminare la violenza contro le donne")
test_threat_displaced if {
	bisogna := w("bisogna", {})
	eliminare := w("eliminare", {"analyses": [v("eliminare", "infinitive", "", 0, false)]})
	count(composed1([bisogna, eliminare, w("la", {}), w("violenza", {}), w("contro", {}), w("le", {}), w("donne", {"lemmas": ["donne", "donna"]})])) == 0
	sparare := w("sparare", {"analyses": [v("sparare", "infinitive", "", 0, false)]})
	count(composed1([bisogna, sparare, w("contro", {}), w("i", {}), w("rom", {})])) == 1
}

# METADATA
# title: A "lo" before a word that cannot take it as an article is a pronoun pointing back ("il moderatore? lo pesto")
test_lo_pronoun if {
	h := only(said([w("il", {}), w("moderatore", {}), w("lo", {"clause": 1}), w("pesto", {"clause": 1, "analyses": [v("pestare", "indicative", "present", 1, false)]})], [0, 1]))
	roles(h) == {["target", "moderatore"], ["reference", "lo"], ["predicate", "pesto"]}
	count(composed(said([w("lo", {}), w("sgombero", {"analyses": [v("sgomberare", "indicative", "present", 1, false)]}), w("dei", {}), w("rom", {})], [0]))) == 0
}

# METADATA
# title: A frame that holds its own negation denies nothing ("non vedo l'ora di menarli"); another negation still does
test_frame_own_negation if {
	menare := w("menare", {"negated": true, "analyses": [v("menare", "infinitive", "", 0, false)]})
	froci := w("froci", {"negated": true, "lemmas": ["froci", "frocio"]})
	vedo := [w("Non", {}), w("vedo", {"negated": true}), w("l", {"negated": true}), w("ora", {"negated": true}), w("di", {"negated": true})]
	h := only(said(array.concat(vedo, [menare, w("quei", {"negated": true}), froci]), [0]))
	h.category == "threat"
	["frame", "vedo l ora"] in roles(h)
	count({x | some x in composed(said(array.concat(vedo, [w("non", {"negated": true}), menare, froci]), [0])); x.category == "threat"}) == 0
	count({x | some x in composed(said([w("Non", {}), w("voglio", {"negated": true}), menare, froci], [0])); x.category == "threat"}) == 0
}

# METADATA
# title: A first person plural asked is a proposal ("li bruciamo?"); the singular is a question a person weighs ("li brucio?")
test_question_proposal if {
	only(said(bruciamo(true), [0])).severity == "grave"
	only(said(bruciamo(false), [0])).severity == "lieve"
}

bruciamo(plural) := [
	w("i", {"question": true}), w("rom", {"question": true}), w("li", {"question": true}),
	w("bruciamo", {"question": true, "clitics": ["li"], "analyses": [v("bruciare", "indicative", "present", 1, plural)]}),
]

# METADATA
# title: The second person plural commands at the start of a sentence ("Cacciate i rom"), not after its subject ("voi cacciate i rom")
test_plural_command_opens_sentence if {
	only(said(array.concat([cacciate], rom_group), [0])).composition == "exclusion"
	count(composed(said(array.concat([w("voi", {}), cacciate], rom_group), [0]))) == 0
}

cacciate := w("cacciate", {"analyses": [
	v("cacciare", "imperative", "present", 2, true),
	v("cacciare", "indicative", "present", 2, true),
]})

rom_group := [w("i", {}), w("rom", {})]

# METADATA
# title: Fuori with its verb is the act of "fare fuori", not a call for exclusion ("hanno fatto fuori tutti i rom" at chess)
test_fuori_with_its_verb if {
	fuori := [w("fuori", {}), w("i", {}), w("rom", {})]
	only(said(fuori, [0])).composition == "exclusion"
	fatto := w("fatto", {"analyses": [v("fare", "participle", "past", 0, false)]})
	hanno := w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]})
	count(composed(said(array.concat([hanno, fatto], fuori), [0]))) == 0
}

# METADATA
# title: An adverb frame after a verb it modifies is no call ("i trans, è fuori pericolo"); after a command it is ("buttateli fuori")
test_adverb_frame_after_verb if {
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("i", {}), w("trans", {}), e, w("fuori", {}), w("pericolo", {})], [0]))) == 0
	buttateli := w("buttateli", {"clitics": ["li"], "analyses": [v("buttare", "imperative", "present", 2, true)]})
	only(said([buttateli, w("fuori", {}), w("i", {}), w("trans", {})], [0])).composition == "exclusion"
	barboni := w("barboni", {"lemmas": ["barboni", "barbone"], "analyses": [v("barbonare", "indicative", "present", 2, false)]})
	only(said([w("i", {}), barboni, w("fuori", {})], [0])).composition == "exclusion"
}

# METADATA
# title: A noun of contempt takes its object with "per" ("provo disgusto per i trans"); a group after "per" elsewhere is what something is about
test_contempt_felt_for if {
	provo := w("provo", {"analyses": [v("provare", "indicative", "present", 1, false)]})
	only(said([provo, w("disgusto", {}), w("per", {}), w("i", {}), w("trans", {})], [0])).composition == "contempt"
	count(composed(said([w("disgusto", {}), w("il", {}), w("cibo", {}), w("della", {}), w("mensa", {}), w("per", {}), w("i", {}), w("trans", {})], [0]))) == 0
}

# METADATA
# title: A pronoun takes up the plural noun set before it in its clause, not a group named earlier ("... i disabili ... e i vigliacchi non li vogliamo")
test_dislocated_object if {
	disabili := [w("i", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}), w("bravi", {})]
	vogliamo := [w("non", {"clause": 1}), w("li", {"clause": 1, "negated": true}), w("vogliamo", {"clause": 1, "negated": true})]
	only(said(array.concat(disabili, vogliamo), [0, 0])).composition == "exclusion"
	vigliacchi := [w("e", {"clause": 1}), w("i", {"clause": 1}), w("vigliacchi", {"clause": 1})]
	count(composed(said(array.concat(array.concat(disabili, vigliacchi), vogliamo), [0, 0]))) == 0
}

# METADATA
# title: An insult the author denies of themselves is no insult ("non mi sento un idiota"); "sono" is also the third plural
test_denied_of_self if {
	n := {"negated": true}
	sento := w("sento", object.union(n, {"analyses": [v("sentire", "indicative", "present", 1, false)]}))
	idiota := w("idiota", n)
	count({h | some h in lexicon.hits with input as said([w("non", {}), sento, w("un", n), idiota], [0]); h.term == "idiota"}) == 0
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]}))
	count({h | some h in lexicon.hits with input as said([w("non", {}), sono, w("un", n), idiota], [0]); h.term == "idiota"}) == 1
}

# METADATA
# title: What counts only denied needs a copula, not a comparison ("non guidano peggio degli uomini")
test_denied_needs_a_copula if {
	n := {"negated": true}
	guidano := w("guidano", object.union(n, {"analyses": [v("guidare", "indicative", "present", 3, true)]}))
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), guidano, w("peggio", n), w("degli", n), w("uomini", n)], [0]))) == 0
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), sono, w("uomini", n)], [0])).composition == "dehumanising"
}

# METADATA
# title: A group after "sulle" and a plain noun is what something is about ("schifo di commenti sulle persone trans")
test_about_a_noun_of_the_group if {
	schifo := [w("che", {}), w("schifo", {}), w("di", {}), w("commenti", {})]
	count(composed(said(array.concat(schifo, [w("sulle", {}), w("persone", {}), w("trans", {})]), [0]))) == 0
	only(said([w("che", {}), w("schifo", {}), w("le", {}), w("persone", {}), w("trans", {})], [0])).composition == "contempt"
}

# METADATA
# title: A why-question takes its discrimination for granted ("ma perché i rom sono tutti ladri?"); a plain question goes to a person
test_question_presupposed if {
	q := {"question": true}
	rom := [
		w("i", q), w("rom", q), w("sono", object.union(q, {"analyses": [v("essere", "indicative", "present", 3, true)]})),
		w("tutti", q), w("ladri", object.union(q, {"lemmas": ["ladri", "ladro"]})),
	]
	only(said(array.concat([w("ma", q), w("perche", q)], rom), [0])).severity == "media"
	only(said(rom, [0])).severity == "lieve"
}

# METADATA
# title: A cue the author denies in counter-speech or of a group is absorbed ("non tutti i rom sono ladri", "i rom non sono ladri"); denied of nobody, it is not
test_denied_absorbed if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	ladri := w("ladri", object.union(n, {"lemmas": ["ladri", "ladro"]}))
	rom := [w("tutti", n), w("i", n), w("rom", n), sono, ladri]
	count({h | some h in lexicon.hits with input as said(array.concat([w("Non", {})], rom), [0]); h.term == "ladri"}) == 0
	denied := [w("i", {}), w("rom", {}), w("non", {}), sono, ladri]
	count({h | some h in lexicon.hits with input as said(denied, [0]); h.term == "ladri"}) == 0
	count({h | some h in lexicon.hits with input as said([w("Mai", {}), sono, ladri], [0]); h.term == "ladri"}) == 1
}

# METADATA
# title: Counter-speech in the sentence after a quotation rejects it ('"i rom sono tutti ladri". Vergognatevi'); two sentences on, it does not
test_counter_speech_after_quotation if {
	q := {"quoted": true}
	quote := [w("i", q), w("rom", q), w("sono", q), w("tutti", q), w("ladri", object.union(q, {"lemmas": ["ladri", "ladro"]}))]
	answer := array.concat(quote, [w("Vergognatevi", {"clause": 1})])
	count({h | some h in lexicon.hits with input as said(answer, [0, 1]); h.term == "ladri"}) == 0
	count({h | some h in lexicon.hits with input as said(answer, [0, 2]); h.term == "ladri"}) == 1

	# a quoted threat too ('chi scrive «ti ammazzo» va denunciato')
	threat := [w("ti", q), w("ammazzo", q), w("va", {}), w("denunciato", {})]
	count({h | some h in lexicon.hits with input as said(threat, [0]); h.term == "ti ammazzo"}) == 0
	count({h | some h in lexicon.hits with input as said(array.slice(threat, 0, 2), [0]); h.term == "ti ammazzo"}) == 1
}

# METADATA
# title: A slur after a copula in the author's own first person is reclaimed ("sono frocio"); "sono froci" is the third person plural
test_reclaimed_slur if {
	sono_pl := w("sono", {"analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]})
	count({h | some h in lexicon.hits with input as said([sono_pl, w("frocio", {"lemmas": ["frocio"]})], [0]); h.term == "frocio"}) == 0
	count({h | some h in lexicon.hits with input as said([w("io", {}), w("so", {}), w("terrone", {"lemmas": ["terrone"]})], [0]); h.term == "terrone"}) == 0
	count({h | some h in lexicon.hits with input as said([sono_pl, w("froci", {"lemmas": ["froci", "frocio"]})], [0]); h.term == "froci"}) == 1
	count({h | some h in lexicon.hits with input as said([w("noi", {}), w("terroni", {"lemmas": ["terroni", "terrone"]})], [0]); h.term == "terroni"}) == 0
	count({h | some h in lexicon.hits with input as said([w("Da", {}), w("frocio", {}), w("orgoglioso", {})], [0]); h.term == "frocio"}) == 0
	count({h | some h in lexicon.hits with input as said([w("odio", {}), w("da", {}), w("frocio", {})], [0]); h.term == "frocio"}) == 1

	# a word in -e may be singular though its lemmas make it a plural too
	terrone := w("terrone", {"lemmas": ["terrone", "terrona"]})
	count({h | some h in lexicon.hits with input as said([w("io", {}), w("so", {"analyses": [v("sapere", "indicative", "present", 1, false)]}), terrone], [0]); h.term == "terrone"}) == 0
	count({h | some h in lexicon.hits with input as said([sono_pl, terrone], [0]); h.term == "terrone"}) == 0
}

# METADATA
# title: A group adjective before a comma is the group ("i vecchi, finalmente"); right before a noun it describes it
test_adjective_before_comma if {
	morissero := w("morissero", {"analyses": [v("morire", "subjunctive", "imperfect", 3, true)]})
	h := only(said([w("magari", {}), morissero, w("i", {}), w("vecchi", {"lemmas": ["vecchi", "vecchio"]}), w("finalmente", {"start": 27, "end": 37})], [0]))
	h.category == "threat"
	count(composed(said([w("magari", {}), morissero, w("i", {}), w("vecchi", {"lemmas": ["vecchi", "vecchio"]}), w("lampioni", {})], [0]))) == 0
}

# METADATA
# title: A violent verb whose subject is "chi" describes someone, it calls for nothing ("chi picchia i gay va arrestato")
test_threat_relative_subject if {
	picchia := w("picchia", {"analyses": [v("picchiare", "indicative", "present", 3, false)]})
	count({h | some h in composed(said([w("chi", {}), picchia, w("i", {}), w("gay", {}), w("va", {}), w("arrestato", {})], [0])); h.category == "threat"}) == 0
	count({h | some h in composed(said([w("chi", {}), w("li", {}), picchia, w("i", {}), w("gay", {}), w("va", {}), w("arrestato", {})], [0])); h.category == "threat"}) == 0
	picchiare := w("picchiare", {"analyses": [v("picchiare", "infinitive", "", 0, false)]})
	count({h | some h in composed(said([w("i", {}), w("gay", {}), w("va", {}), picchiare], [0])); h.category == "threat"}) == 1
}

# METADATA
# title: A negator inside a frame that holds it ("come mai") denies nothing; a second negation does
test_frame_own_negation_inside if {
	q := {"question": true}
	n := {"question": true, "negated": true}
	rubano := w("rubano", object.union(n, {"analyses": [v("rubare", "indicative", "present", 3, true)]}))
	only(said([w("come", q), w("mai", q), w("i", n), w("rom", n), rubano], [0])).severity == "media"
	count(composed(said([w("come", q), w("mai", q), w("i", n), w("rom", n), w("non", n), rubano], [0]))) == 0
}

# --- constructions without a violent verb, and their counterparts ------------------------

# METADATA
# title: A pronoun reaches back past a clause that ends with an article ("Ci sono le rom. Cacciatele.")
test_clitic_not_article_of_clause_before if {
	h := only(said(text_cacciatele, [0, 1]))
	h.composition == "exclusion"
	roles(h) == {["target", "rom"], ["reference", "cacciatele"], ["predicate", "cacciatele"]}
}

# METADATA
# title: The same command negated excludes no one
test_clitic_not_article_negated if {
	count(composed(said(text_non_cacciatele, [0, 1]))) == 0
}

# METADATA
# title: An exclusion adverb keeps its group when the verb of its violent reading is further on ("a fare la maglia")
test_exclusion_adverb_far_verb if {
	h := only(said(text_fuori_maglia, [0]))
	h.composition == "exclusion"
	roles(h) == {["target", "donne"], ["frame", "fuori"]}
}

# METADATA
# title: With its verb right before it, the adverb is the verb's ("ha fatto fuori le donne dalla giunta" is news)
test_exclusion_adverb_own_verb if {
	count(composed(said(text_fatto_fuori, [0]))) == 0
}

# METADATA
# title: An event with no agent wished on a group's place ("magari crollasse il tetto della moschea")
test_threat_framed_event_wished if {
	h := only(said(text_crolli_wished, [0]))
	h.category == "threat"
	roles(h) == {["frame", "magari"], ["predicate", "crollasse"], ["target", "moschea"]}
}

# METADATA
# title: The same event hoped not to happen, or feared, threatens no one
test_threat_framed_event_not_wished if {
	count(composed(said(text_crolli_not, [0]))) == 0
	count(composed(said(text_crolli_feared, [0]))) == 0
}

# METADATA
# title: An invocation is a wish ("che Dio li fulmini, tutti i rom"); lightning in the news is not
test_threat_invocation if {
	h := only(said(text_fulmini, [0]))
	h.category == "threat"
	h.match == "che dio … fulmini … rom"
	count(composed(said(text_fulmini_news, [0]))) == 0
}

# METADATA
# title: A disease wished outright with its article ("ti auguro un infarto"), not recovery from it
test_threat_disease_wished if {
	h := only(said(text_infarto, [0]))
	h.severity == "grave"
	roles(h) == {["target", "ti"], ["predicate", "auguro"], ["predicate", "infarto"]}
	count(composed(said(text_infarto_recovery, [0]))) == 0
}

# METADATA
# title: A verb frame in the progressive of the first person ("sto organizzando di bastonare i rom"), not a party
test_threat_progressive_frame if {
	h := only(said(text_organizzando, [0]))
	roles(h) == {["frame", "organizzando"], ["predicate", "bastonare"], ["target", "rom"]}
	count(composed(said(text_organizzando_festa, [0]))) == 0
}

# METADATA
# title: A weapon with no other use brought to a group's place ("portiamo le molotov al campo rom")
test_threat_weapon_brought if {
	h := only(said(text_molotov, [0]))
	h.severity == "grave"
	roles(h) == {["predicate", "portiamo"], ["predicate", "molotov"], ["target", "campo rom"]}
}

# METADATA
# title: A warning frame makes a passive a threat ("segnatevelo, i rom verranno bastonati"); a prize is none
test_threat_warning_frame if {
	h := only(said(text_segnatevelo, [0, 0]))
	roles(h) == {["frame", "segnatevelo"], ["target", "rom"], ["predicate", "bastonati"]}
	count(composed(said(text_segnatevelo_news, [0, 0]))) == 0
}

# METADATA
# title: A frame of one ground counts with its targets only ("le donne a casa a fare la calza"), not with boys
test_exclusion_frame_of_ground if {
	h := only(said(text_calza, [0]))
	h.composition == "exclusion"
	h.severity == "lieve"
	h.ground == "genere"
	count(composed(said(text_calza_ragazzi, [0]))) == 0
}

# METADATA
# title: A call for company makes a question a call ("chi viene con me a bruciare il campo rom?"); a party is none
test_threat_call_for_company if {
	h := only(said(text_chi_viene, [0]))
	h.severity == "grave"
	roles(h) == {["frame", "chi viene"], ["predicate", "bruciare"], ["target", "campo rom"]}
	count(composed(said(text_chi_viene_festa, [0]))) == 0
}

# METADATA
# title: Wondering that no one has done it yet is a call ("possibile che nessuno abbia ancora pestato quel sindaco?")
test_threat_no_one_yet if {
	h := only(said(text_nessuno_ancora, [0]))
	h.category == "threat"
	h.severity == "grave"
	count(composed(said(text_nessuno_strada, [0]))) == 0
}

# METADATA
# title: A frame that bars only negated, with a clitic or an adverb between ("non ci devono entrare", "non devono mai mettere piede")
test_exclusion_frame_when_negated if {
	h := only(said(text_entrare_negated, [0]))
	h.composition == "exclusion"
	roles(h) == {["target", "gay"], ["frame", "devono entrare"]}
	only(said(text_mettere_piede, [0])).composition == "exclusion"
}

# METADATA
# title: Not negated, the same frame bars no one ("i gay devono entrare nel consiglio")
test_exclusion_frame_when_negated_affirmed if {
	count(composed(said(text_entrare_asked, [0]))) == 0
}

# METADATA
# title: A bar from a place keeps children safe ("i bambini non dovrebbero entrare nel cantiere")
test_exclusion_access_minor if {
	count(composed(said(text_cantiere, [0]))) == 0
}

# METADATA
# title: Fit only for a menial role ("vanno bene giusto per raccogliere la frutta"); a timetable good for the elderly is none
test_inferiority_fit_only_for if {
	h := only(said(text_bene_giusto, [0]))
	h.composition == "inferiority"
	roles(h) == {["target", "rumeni"], ["predicate", "bene giusto per"]}
	count(composed(said(text_bene_orari, [0]))) == 0
}

# METADATA
# title: An intent frame of taking it on oneself ("ci penso io a sloggiarli"); bringing blankets is none
test_exclusion_taken_on if {
	h := only(said(text_sloggiarli, [0, 0]))
	h.composition == "exclusion"
	roles(h) == {["target", "senzatetto"], ["frame", "ci penso io"], ["reference", "sloggiarli"], ["predicate", "sloggiarli"]}
	count(composed(said(text_coperte, [0, 0]))) == 0
}

# "Ci sono le rom. Cacciatele."
text_cacciatele := [
	w("ci", {}),
	w("sono", {"clitics": ["ci"], "analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]}),
	w("le", {}),
	w("rom", {}),
	w("cacciatele", {"clause": 1, "clitics": ["le"], "analyses": [v("cacciare", "imperative", "present", 2, true), v("cacciare", "participle", "past", 0, true)]}),
]

# "Le rom? Non cacciatele"
text_non_cacciatele := [
	w("le", {"question": true}),
	w("rom", {"question": true}),
	w("non", {"clause": 1}),
	w("cacciatele", {"clause": 1, "clitics": ["le"], "analyses": [v("cacciare", "imperative", "present", 2, true), v("cacciare", "participle", "past", 0, true)], "negated": true}),
]

# "Le donne fuori dalla giunta, a fare la maglia"
text_fuori_maglia := [
	w("le", {}),
	w("donne", {"lemmas": ["donne", "donna"]}),
	w("fuori", {}),
	w("dalla", {}),
	w("giunta", {}),
	w("a", {}),
	w("fare", {"analyses": [v("fare", "infinitive", "", 0, false)]}),
	w("la", {}),
	w("maglia", {}),
]

# "Il sindaco ha fatto fuori le donne dalla giunta"
text_fatto_fuori := [
	w("il", {}),
	w("sindaco", {"lemmas": ["sindaco", "sindaca"]}),
	w("ha", {"analyses": [v("avere", "indicative", "present", 3, false)]}),
	w("fatto", {"analyses": [v("fare", "participle", "past", 0, false)]}),
	w("fuori", {}),
	w("le", {}),
	w("donne", {"lemmas": ["donne", "donna"]}),
	w("dalla", {}),
	w("giunta", {}),
]

# "Magari crollasse il tetto della moschea"
text_crolli_wished := [
	w("magari", {}),
	w("crollasse", {"analyses": [v("crollare", "subjunctive", "imperfect", 3, false)]}),
	w("il", {}),
	w("tetto", {}),
	w("della", {}),
	w("moschea", {}),
]

# "Speriamo che il tetto della moschea non crolli"
text_crolli_not := [
	w("speriamo", {"analyses": [v("sperare", "imperative", "present", 1, true), v("sperare", "indicative", "present", 1, true), v("sperare", "subjunctive", "present", 1, true)]}),
	w("che", {}),
	w("il", {}),
	w("tetto", {}),
	w("della", {}),
	w("moschea", {}),
	w("non", {}),
	w("crolli", {"analyses": [v("crollare", "imperative", "present", 3, false), v("crollare", "indicative", "present", 2, false), v("crollare", "subjunctive", "present", 1, false), v("crollare", "subjunctive", "present", 2, false), v("crollare", "subjunctive", "present", 3, false)], "negated": true}),
]

# "Temono che il tetto della moschea crolli"
text_crolli_feared := [
	w("temono", {}),
	w("che", {}),
	w("il", {}),
	w("tetto", {}),
	w("della", {}),
	w("moschea", {}),
	w("crolli", {"analyses": [v("crollare", "imperative", "present", 3, false), v("crollare", "indicative", "present", 2, false), v("crollare", "subjunctive", "present", 1, false), v("crollare", "subjunctive", "present", 2, false), v("crollare", "subjunctive", "present", 3, false)]}),
]

# "Che Dio li fulmini, tutti i rom"
text_fulmini := [
	w("che", {}),
	w("dio", {}),
	w("li", {}),
	w("fulmini", {"lemmas": ["fulmini", "fulmine"], "clitics": ["li"]}),
	w("tutti", {}),
	w("i", {}),
	w("rom", {}),
]

# "I fulmini hanno colpito il campo rom"
text_fulmini_news := [
	w("i", {}),
	w("fulmini", {"lemmas": ["fulmini", "fulmine"]}),
	w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]}),
	w("colpito", {}),
	w("il", {}),
	w("campo", {}),
	w("rom", {}),
]

# "Ti auguro un infarto"
text_infarto := [
	w("ti", {}),
	w("auguro", {"clitics": ["ti"], "analyses": [v("augurare", "indicative", "past", 3, false), v("augurare", "indicative", "present", 1, false)]}),
	w("un", {}),
	w("infarto", {}),
]

# "Ti auguro di guarire presto dall'infarto"
text_infarto_recovery := [
	w("ti", {}),
	w("auguro", {"clitics": ["ti"], "analyses": [v("augurare", "indicative", "past", 3, false), v("augurare", "indicative", "present", 1, false)]}),
	w("di", {}),
	w("guarire", {}),
	w("presto", {}),
	w("dall", {}),
	w("infarto", {}),
]

# "Sto organizzando di bastonare i rom"
text_organizzando := [
	w("sto", {"analyses": [v("stare", "indicative", "present", 1, false)]}),
	w("organizzando", {"analyses": [v("organizzare", "gerund", "", 0, false)]}),
	w("di", {}),
	w("bastonare", {"analyses": [v("bastonare", "infinitive", "", 0, false)]}),
	w("i", {}),
	w("rom", {}),
]

# "Sto organizzando una festa per i rom"
text_organizzando_festa := [
	w("sto", {"analyses": [v("stare", "indicative", "present", 1, false)]}),
	w("organizzando", {"analyses": [v("organizzare", "gerund", "", 0, false)]}),
	w("una", {}),
	w("festa", {}),
	w("per", {}),
	w("i", {}),
	w("rom", {}),
]

# "Sabato portiamo le molotov al campo rom"
text_molotov := [
	w("sabato", {}),
	w("portiamo", {"analyses": [v("portare", "imperative", "present", 1, true), v("portare", "indicative", "present", 1, true), v("portare", "subjunctive", "present", 1, true)]}),
	w("le", {}),
	w("molotov", {}),
	w("al", {}),
	w("campo", {}),
	w("rom", {}),
]

# "Segnatevelo: i rom verranno bastonati"
text_segnatevelo := [
	w("segnatevelo", {"clitics": ["ve", "lo"]}),
	w("i", {"clause": 1}),
	w("rom", {"clause": 1}),
	w("verranno", {"clause": 1, "analyses": [v("venire", "indicative", "future", 3, true)]}),
	w("bastonati", {"clause": 1, "lemmas": ["bastonati", "bastonata", "bastonare"], "analyses": [v("bastonare", "participle", "past", 0, true)]}),
]

# "Segnatevelo: i rom verranno premiati"
text_segnatevelo_news := [
	w("segnatevelo", {"clitics": ["ve", "lo"]}),
	w("i", {"clause": 1}),
	w("rom", {"clause": 1}),
	w("verranno", {"clause": 1, "analyses": [v("venire", "indicative", "future", 3, true)]}),
	w("premiati", {"clause": 1}),
]

# "Le donne a casa a fare la calza"
text_calza := [
	w("le", {}),
	w("donne", {"lemmas": ["donne", "donna"]}),
	w("a", {}),
	w("casa", {}),
	w("a", {}),
	w("fare", {"analyses": [v("fare", "infinitive", "", 0, false)]}),
	w("la", {}),
	w("calza", {}),
]

# "I ragazzi a casa a fare la calza"
text_calza_ragazzi := [
	w("i", {}),
	w("ragazzi", {}),
	w("a", {}),
	w("casa", {}),
	w("a", {}),
	w("fare", {"analyses": [v("fare", "infinitive", "", 0, false)]}),
	w("la", {}),
	w("calza", {}),
]

# "chi viene con me stanotte a bruciare il campo rom?"
text_chi_viene := [
	w("chi", {"question": true}),
	w("viene", {"analyses": [v("venire", "indicative", "present", 3, false)], "question": true}),
	w("con", {"question": true}),
	w("me", {"question": true}),
	w("stanotte", {"clitics": ["me"], "question": true}),
	w("a", {"question": true}),
	w("bruciare", {"analyses": [v("bruciare", "infinitive", "", 0, false)], "question": true}),
	w("il", {"question": true}),
	w("campo", {"question": true}),
	w("rom", {"question": true}),
]

# "chi viene alla festa del campo rom?"
text_chi_viene_festa := [
	w("chi", {"question": true}),
	w("viene", {"analyses": [v("venire", "indicative", "present", 3, false)], "question": true}),
	w("alla", {"question": true}),
	w("festa", {"question": true}),
	w("del", {"question": true}),
	w("campo", {"question": true}),
	w("rom", {"question": true}),
]

# "possibile che nessuno abbia ancora pestato quel sindaco?"
text_nessuno_ancora := [
	w("possibile", {"clitics": ["le"], "question": true}),
	w("che", {"question": true}),
	w("nessuno", {"question": true}),
	w("abbia", {"analyses": [v("avere", "imperative", "present", 3, false), v("avere", "subjunctive", "present", 1, false), v("avere", "subjunctive", "present", 2, false), v("avere", "subjunctive", "present", 3, false)], "negated": true, "question": true}),
	w("ancora", {"negated": true, "question": true}),
	w("pestato", {"analyses": [v("pestare", "participle", "past", 0, false)], "negated": true, "question": true}),
	w("quel", {"negated": true, "question": true}),
	w("sindaco", {"lemmas": ["sindaco", "sindaca"], "negated": true, "question": true}),
]

# "possibile che nessuno abbia ancora aggiustato la strada dei disabili?"
text_nessuno_strada := [
	w("possibile", {"clitics": ["le"], "question": true}),
	w("che", {"question": true}),
	w("nessuno", {"question": true}),
	w("abbia", {"analyses": [v("avere", "imperative", "present", 3, false), v("avere", "subjunctive", "present", 1, false), v("avere", "subjunctive", "present", 2, false), v("avere", "subjunctive", "present", 3, false)], "negated": true, "question": true}),
	w("ancora", {"negated": true, "question": true}),
	w("aggiustato", {"negated": true, "question": true}),
	w("la", {"negated": true, "question": true}),
	w("strada", {"negated": true, "question": true}),
	w("dei", {"negated": true, "question": true}),
	w("disabili", {"lemmas": ["disabili", "disabile"], "negated": true, "question": true}),
]

# "I gay nel nostro bar non ci devono entrare"
text_entrare_negated := [
	w("i", {}),
	w("gay", {}),
	w("nel", {}),
	w("nostro", {}),
	w("bar", {}),
	w("non", {}),
	w("ci", {"negated": true}),
	w("devono", {"clitics": ["ci"], "analyses": [v("dovere", "indicative", "present", 3, true)], "negated": true}),
	w("entrare", {"analyses": [v("entrare", "infinitive", "", 0, false)], "negated": true}),
]

# "I gay devono entrare nel consiglio"
text_entrare_asked := [
	w("i", {}),
	w("gay", {}),
	w("devono", {"analyses": [v("dovere", "indicative", "present", 3, true)]}),
	w("entrare", {"analyses": [v("entrare", "infinitive", "", 0, false)]}),
	w("nel", {}),
	w("consiglio", {"lemmas": ["consiglio", "consigliere"]}),
]

# "I rom qui non devono mai mettere piede"
text_mettere_piede := [
	w("i", {}),
	w("rom", {}),
	w("qui", {}),
	w("non", {}),
	w("devono", {"analyses": [v("dovere", "indicative", "present", 3, true)], "negated": true}),
	w("mai", {"negated": true}),
	w("mettere", {"analyses": [v("mettere", "infinitive", "", 0, false)], "negated": true}),
	w("piede", {"negated": true}),
]

# "I bambini non dovrebbero entrare nel cantiere"
text_cantiere := [
	w("i", {}),
	w("bambini", {"lemmas": ["bambini", "bambino"]}),
	w("non", {}),
	w("dovrebbero", {"analyses": [v("dovere", "conditional", "present", 3, true)], "negated": true}),
	w("entrare", {"analyses": [v("entrare", "infinitive", "", 0, false)], "negated": true}),
	w("nel", {"negated": true}),
	w("cantiere", {"negated": true}),
]

# "I rumeni vanno bene giusto per raccogliere la frutta"
text_bene_giusto := [
	w("i", {}),
	w("rumeni", {"lemmas": ["rumeni", "rumeno"]}),
	w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]}),
	w("bene", {}),
	w("giusto", {}),
	w("per", {}),
	w("raccogliere", {}),
	w("la", {}),
	w("frutta", {}),
]

# "Questi orari vanno bene solo per gli anziani"
text_bene_orari := [
	w("questi", {}),
	w("orari", {}),
	w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]}),
	w("bene", {}),
	w("solo", {}),
	w("per", {}),
	w("gli", {}),
	w("anziani", {"lemmas": ["anziani", "anziano"]}),
]

# "I senzatetto sono sotto il ponte, ci penso io a sloggiarli"
text_sloggiarli := [
	w("i", {}),
	w("senzatetto", {}),
	w("sono", {"analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]}),
	w("sotto", {}),
	w("il", {}),
	w("ponte", {}),
	w("ci", {"clause": 1}),
	w("penso", {"clause": 1, "clitics": ["ci"]}),
	w("io", {"clause": 1}),
	w("a", {"clause": 1}),
	w("sloggiarli", {"clause": 1, "clitics": ["li"], "analyses": [v("sloggiare", "infinitive", "", 0, false)]}),
]

# "Ai senzatetto ci penso io, porto le coperte"
text_coperte := [
	w("ai", {}),
	w("senzatetto", {}),
	w("ci", {}),
	w("penso", {"clitics": ["ci"]}),
	w("io", {}),
	w("porto", {"analyses": [v("portare", "indicative", "past", 3, false), v("portare", "indicative", "present", 1, false)]}),
	w("le", {}),
	w("coperte", {}),
]

# --- precision: the engine's real readings of nouns, and what frames a sentence ------------

# METADATA
# title: A noun after an article is no verb pointing back ("e i codardi, che sono vili, non li vogliamo" with "codardi" read as a subjunctive)
test_noun_after_article_points_nowhere if {
	stranieri := [w("gli", {}), w("stranieri", {"lemmas": ["stranieri", "straniero"]}), w("lavorano", {"analyses": [v("lavorare", "indicative", "present", 3, true)]})]
	codardi := [
		w("e", {"clause": 1}), w("i", {"clause": 1}),
		w("codardi", {"clause": 1, "analyses": [v("codardare", "subjunctive", "present", 3, false)]}),
	]
	vogliamo := [w("non", {"clause": 1}), w("li", {"clause": 1, "negated": true}), w("vogliamo", {"clause": 1, "negated": true})]
	count(composed(said(array.concat(array.concat(stranieri, codardi), vogliamo), [0, 0]))) == 0
	only(said(array.concat(stranieri, vogliamo), [0, 0])).composition == "exclusion"
}

# METADATA
# title: A group after "sui" and a noun that counts only denied ("esseri") is what the talk is about ("che ribrezzo i post sugli esseri ... musulmani")
test_about_a_denied_noun if {
	schifo := [w("fanno", {"analyses": [v("fare", "indicative", "present", 3, true)]}), w("schifo", {}), w("le", {}), w("battute", {})]
	persone := w("persone", {"lemmas": ["persone", "persona"]})
	count(composed(said(array.concat(schifo, [w("sulle", {}), persone, w("gay", {})]), [0]))) == 0
	only(said([w("le", {}), persone, w("gay", {}), schifo[0], schifo[1]], [0])).composition == "contempt"
}

# METADATA
# title: A word that counts denied, inside a longer predicate said plainly, is read as the phrase ("non sono meno capaci")
test_negated_inside_longer_predicate if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	anziani := [w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("non", {}), sono]
	count(composed(said(array.concat(anziani, [w("meno", n), w("capaci", object.union(n, {"lemmas": ["capaci", "capace"]}))]), [0]))) == 0
	only(said(array.concat(anziani, [w("capaci", object.union(n, {"lemmas": ["capaci", "capace"]}))]), [0])).composition == "inferiority"
}

# METADATA
# title: The second term of a comparison is no predicate ("non sono più lenti dei giovani ... degli uomini")
test_second_term_of_comparison if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	donne := [w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), sono]
	count(composed(said(array.concat(donne, [w("peggiori", n), w("degli", n), w("uomini", n)]), [0]))) == 0
	only(said(array.concat(donne, [w("uomini", n)]), [0])).composition == "dehumanising"
}

# METADATA
# title: Violence against those addressed in a sentence about a match is a boast; against a group it stays a threat
test_game_boast if {
	ammazziamo := w("ammazziamo", {"analyses": [v("ammazzare", "indicative", "present", 1, true)]})
	vi_ammazziamo := w("ammazziamo", {"clitics": ["vi"], "analyses": [v("ammazzare", "indicative", "present", 1, true)]})
	partita := [w("alla", {}), w("partita", {})]
	count({h | some h in composed(said(array.concat(partita, [w("vi", {}), vi_ammazziamo]), [0])); h.category == "threat"}) == 0
	count({h | some h in composed(said([w("domani", {}), w("vi", {}), vi_ammazziamo], [0])); h.category == "threat"}) == 1
	count({h | some h in composed(said(array.concat(partita, [ammazziamo, w("i", {}), w("rom", {})]), [0])); h.category == "threat"}) == 1
}

# METADATA
# title: A threat quoted inside someone else's reported words is a report; quoted alone, or said by the author, it is not
test_reported_quoted_threat if {
	qr := {"quoted": true, "reported": true}
	count({h | some h in lexicon.hits with input as said([w("urlava", {}), w("ti", qr), w("ammazzo", qr)], [0]); h.term == "ti ammazzo"}) == 0
	q := {"quoted": true}
	count({h | some h in lexicon.hits with input as said([w("ho", {}), w("detto", {}), w("ti", q), w("ammazzo", q)], [0]); h.term == "ti ammazzo"}) == 1
}

# METADATA
# title: A noun that needs its verb is nothing without it ("mia moglie" is no "picchiano la moglie")
test_noun_needs_its_verb if {
	picchiano := w("picchiano", {"analyses": [v("picchiare", "indicative", "present", 3, true)]})
	marocchini := [w("i", {}), w("marocchini", {"lemmas": ["marocchini", "marocchino"]})]
	only(said(array.concat(marocchini, [picchiano, w("la", {}), w("moglie", {"lemmas": ["moglie", "moglia"]})]), [0])).composition == "negative_trait"
	count(composed(said(array.concat(marocchini, [w("e", {}), w("mia", {}), w("moglie", {"lemmas": ["moglie", "moglia"]})]), [0]))) == 0
}

# METADATA
# title: A slur said of the author's kin beside one the author reclaims is reclaimed ("io so' terrone e mio marito polentone")
test_reclaimed_kin if {
	marito := [w("e", {}), w("mio", {}), w("marito", {}), w("polentone", {"lemmas": ["polentone"]})]
	count({h | some h in lexicon.hits with input as said(array.concat([w("io", {}), w("so", {}), w("terrone", {"lemmas": ["terrone"]})], marito), [0]); h.term == "polentone"}) == 0
	count({h | some h in lexicon.hits with input as said(array.concat([w("io", {}), w("lavoro", {})], marito), [0]); h.term == "polentone"}) == 1
}

# METADATA
# title: A locative "ci" before a verb points back to a place named earlier ("quando aprono il campo rom ci vado con la tanica")
test_locative_points_to_place if {
	campo := [w("aprono", {"analyses": [v("aprire", "indicative", "present", 3, true)]}), w("quella", {}), w("moschea", {}), w("ci", {})]
	vado := w("vado", {"clause": 1, "analyses": [v("andare", "indicative", "present", 1, false)]})
	h := only(said(array.concat(campo, [vado, w("con", {"clause": 1}), w("una", {"clause": 1}), w("bomba", {"clause": 1})]), [0, 0]))
	h.category == "threat"
	count(composed(said(array.concat(campo, [vado, w("con", {"clause": 1}), w("mio", {"clause": 1}), w("figlio", {"clause": 1})]), [0, 0]))) == 0
}

# METADATA
# title: A word that counts denied, said with "meno", says it undenied ("i calabresi sono meno umani"); "non sono meno umani" denies it
test_lessened_word if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	calabresi := [w("i", {}), w("calabresi", {"lemmas": ["calabresi", "calabrese"]})]
	only(said(array.concat(calabresi, [sono, w("meno", {}), w("umani", {"lemmas": ["umani", "umano"]})]), [0])).composition == "dehumanising"
	n := {"negated": true}
	non_sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	count(composed(said(array.concat(calabresi, [w("non", {}), non_sono, w("meno", n), w("umani", object.union(n, {"lemmas": ["umani", "umano"]}))]), [0]))) == 0
	count(composed(said(array.concat(calabresi, [sono, w("umani", {"lemmas": ["umani", "umano"]})]), [0]))) == 0
}

# --- threats said through a construction (round 4) ----------------------------------

# METADATA
# title: Da before a violent infinitive calls for it against a group ("quei rom sono da impiccare")
test_threat_gerundive if {
	h := only(said(text_da_impiccare("rom"), [0]))
	h.category == "threat"
	roles(h) == {["frame", "da"], ["predicate", "impiccare"], ["target", "rom"]}
}

# METADATA
# title: ... not against a person of office, whom it as often removes ("il sindaco è da eliminare")
test_threat_gerundive_office if {
	count(composed(said(text_da_impiccare("sindaco"), [0]))) == 0
}

# METADATA
# title: ... nor with a verb whose subject is the victim ("mi mancano da morire i rom")
test_threat_gerundive_not_intensifier if {
	count(composed(said(text_da_morire, [0]))) == 0
}

# METADATA
# title: A means of violence got ready, past included ("ho comprato un fucile per i rom"); bought for the range, not
test_threat_means_past if {
	h := only(said(text_comprato("rom"), [0]))
	h.category == "threat"
	roles(h) == {["predicate", "comprato"], ["predicate", "fucile"], ["target", "rom"]}
	count(composed(said(array.concat(text_comprato("rom"), [w("poligono", {})]), [0]))) == 0
}

# METADATA
# title: Survival denied under a wish ("spero che i rom non arrivino vivi"); feared, it is not
test_threat_survival_denied if {
	h := only(said(text_vivi("spero"), [0]))
	h.category == "threat"
	roles(h) == {["frame", "spero che"], ["predicate", "arrivino"], ["predicate", "vivi"], ["target", "rom"]}
	count(composed(said(text_vivi("temo"), [0]))) == 0
}

# "Quei <target> sono da impiccare"
text_da_impiccare(target) := [
	w("quei", {}),
	w(target, {}),
	w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
	w("da", {}),
	w("impiccare", {"analyses": [v("impiccare", "infinitive", "present", 0, false)]}),
]

# "Mi mancano da morire i rom"
text_da_morire := [
	w("mi", {}),
	w("mancano", {"analyses": [v("mancare", "indicative", "present", 3, true)]}),
	w("da", {}),
	w("morire", {"analyses": [v("morire", "infinitive", "present", 0, false)]}),
	w("i", {}),
	w("rom", {}),
]

# "Ho comprato un fucile per i <target>"
text_comprato(target) := [
	w("ho", {"analyses": [v("avere", "indicative", "present", 1, false)]}),
	w("comprato", {"analyses": [v("comprare", "participle", "past", 0, false)]}),
	w("un", {}),
	w("fucile", {}),
	w("per", {}),
	w("i", {}),
	w(target, {}),
]

# "<spero|temo> che i rom non arrivino vivi"
text_vivi(verb) := [
	w(verb, {"analyses": [v(concat("", [trim_suffix(verb, "o"), "are"]), "indicative", "present", 1, false)]}),
	w("che", {}),
	w("i", {}),
	w("rom", {}),
	w("non", {}),
	w("arrivino", {"analyses": [v("arrivare", "subjunctive", "present", 3, true)], "negated": true}),
	w("vivi", {"lemmas": ["vivi", "vivo"], "negated": true}),
]

# --- discrimination round 4: fitness, intelligence, rights denied; why not ------------

# METADATA
# title: Fitness for a role denied of a group ("non sono portate per"); children and a path unfit for a group are none
test_inferiority_fitness_denied if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	donne := [w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), sono]
	h := only(said(array.concat(donne, [w("portate", n), w("per", n), w("la", n), w("matematica", n)]), [0]))
	h.composition == "inferiority"
	roles(h) == {["target", "donne"], ["predicate", "portate per"]}
	gay := [w("i", {}), w("gay", {}), w("non", {}), sono, w("fatti", n), w("per", n), w("crescere", n), w("un", n), w("figlio", n)]
	only(said(gay, [0])).composition == "inferiority"
	bambini := [w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), w("non", {}), sono]
	count(composed(said(array.concat(bambini, [w("fatti", n), w("per", n), w("stare", n), w("seduti", n)]), [0]))) == 0

	# the passive says what is done to them ("non sono fatte per essere picchiate")
	count(composed(said(array.concat(donne, [w("fatte", n), w("per", n), w("essere", n), w("picchiate", n)]), [0]))) == 0
	e := w("e", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, false)]}))
	percorso := [w("il", {}), w("percorso", {}), w("non", {}), e, w("adatto", n), w("ai", n), w("disabili", object.union(n, {"lemmas": ["disabili", "disabile"]}))]
	count(composed(said(percorso, [0]))) == 0
}

# METADATA
# title: Understanding denied wholesale ("non capiscono più niente"); not understanding a form is none
test_inferiority_understanding_denied if {
	n := {"negated": true}
	capiscono := w("capiscono", object.union(n, {"analyses": [v("capire", "indicative", "present", 3, true)]}))
	anziani := [w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("non", {}), capiscono]
	h := only(said(array.concat(anziani, [w("piu", n), w("niente", n)]), [0]))
	h.composition == "inferiority"
	roles(h) == {["target", "anziani"], ["predicate", "capiscono piu niente"]}
	stranieri := [w("gli", {}), w("stranieri", {"lemmas": ["stranieri", "straniero"]}), w("non", {}), capiscono, w("i", n), w("moduli", n)]
	count(composed(said(stranieri, [0]))) == 0
}

# METADATA
# title: A smaller brain, or none, said of a group ("hanno il cervello più piccolo", "non hanno un cervello")
test_inferiority_brain if {
	hanno := w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]})
	h := only(said([w("i", {}), w("rumeni", {"lemmas": ["rumeni", "rumeno"]}), hanno, w("il", {}), w("cervello", {}), w("piu", {}), w("piccolo", {})], [0]))
	h.composition == "inferiority"
	roles(h) == {["target", "rumeni"], ["predicate", "cervello piu piccolo"]}
	n := {"negated": true}
	nonhanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), nonhanno, w("un", n), w("cervello", n)], [0])).composition == "inferiority"

	# "il cervello dei bambini è piccolo": no group before a denial, no phrase
	count(composed(said([w("serve", {}), w("cervello", {}), w("per", {}), w("capire", {})], [0]))) == 0
}

# METADATA
# title: Every right denied ("non hanno diritto a niente"); a bonus withheld is none
test_inferiority_rights_denied if {
	n := {"negated": true}
	hanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	profughi := [w("i", {}), w("profughi", {"lemmas": ["profughi", "profugo"]}), w("non", {}), hanno, w("diritto", n), w("a", n)]
	only(said(array.concat(profughi, [w("nulla", n)]), [0])).composition == "inferiority"
	count(composed(said(array.concat(profughi, [w("questo", n), w("bonus", n)]), [0]))) == 0
}

# METADATA
# title: Kept away from others with the verb that keeps them ("che li tenga lontani"); children kept from the road are none
test_exclusion_kept_away if {
	ci := [w("i", {}), w("rom", {}), w("ci", {"clause": 1}), w("vorrebbe", {"clause": 1, "analyses": [v("volere", "conditional", "present", 3, false)]}), w("una", {"clause": 1}), w("legge", {"clause": 1})]
	tenga := [
		w("che", {"clause": 1}), w("li", {"clause": 1}),
		w("tenga", {"clause": 1, "analyses": [v("tenere", "subjunctive", "present", 3, false)]}),
		w("lontani", {"clause": 1, "lemmas": ["lontani", "lontano"]}),
	]
	h := only(said(array.concat(ci, tenga), [0, 0]))
	h.composition == "exclusion"
	["predicate", "lontani"] in roles(h)
	teneteli := w("teneteli", {"clitics": ["li"], "lemmas": ["teneteli", "tenere"], "analyses": [v("tenere", "imperative", "present", 2, true)]})
	strada := [w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), teneteli, w("lontani", {"lemmas": ["lontani", "lontano"]}), w("dalla", {}), w("strada", {})]
	count(composed(said(strada, [0]))) == 0
}

# METADATA
# title: A question that asks why not calls for it ("perché i rom non li cacciamo?"); a complaint in the passive is none
test_asked_why_not if {
	nq := {"negated": true, "question": true}
	q := {"question": true}
	perche := [w("perche", q), w("i", q), w("rom", q), w("non", q)]
	cacciamo := w("cacciamo", object.union(nq, {"clitics": ["li"], "analyses": [v("cacciare", "indicative", "present", 1, true)]}))
	h := only(said(array.concat(perche, [w("li", nq), cacciamo]), [0]))
	h.composition == "exclusion"
	["target", "rom"] in roles(h)
	vengono := w("vengono", object.union(nq, {"analyses": [v("venire", "indicative", "present", 3, true)]}))
	cacciati := w("cacciati", object.union(nq, {"lemmas": ["cacciati", "cacciare"], "analyses": [v("cacciare", "participle", "past", 0, true)]}))
	count(composed(said(array.concat(perche, [vengono, cacciati]), [0]))) == 0

	# without the question it denies: "i rom non li cacciamo"
	n := {"negated": true}
	count(composed(said([w("i", {}), w("rom", {}), w("non", {}), w("li", n), w("cacciamo", object.union(n, {"clitics": ["li"], "analyses": [v("cacciare", "indicative", "present", 1, true)]}))], [0]))) == 0
}

# METADATA
# title: A frame that counts by itself, negated in a question that asks why not ("perché le donne non stanno ... a fare la calza?")
test_frame_asked_why_not if {
	nq := {"negated": true, "question": true}
	q := {"question": true}
	stanno := w("stanno", object.union(nq, {"analyses": [v("stare", "indicative", "present", 3, true)]}))
	calza := [w("a", nq), w("fare", nq), w("la", nq), w("calza", nq)]
	h := only(said(array.concat([w("perche", q), w("le", q), w("donne", object.union(q, {"lemmas": ["donne", "donna"]})), w("non", q), stanno], calza), [0]))
	h.composition == "exclusion"
	n := {"negated": true}
	stanno2 := w("stanno", object.union(n, {"analyses": [v("stare", "indicative", "present", 3, true)]}))
	count(composed(said(array.concat([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), stanno2], [w("a", n), w("fare", n), w("la", n), w("calza", n)]), [0]))) == 0
}

# METADATA
# title: Being normal denied of a group with a copula ("non sono normali"); a life not normal is none
test_inferiority_normal_denied if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	h := only(said([w("i", {}), w("gay", {}), w("non", {}), sono, w("mica", n), w("gente", n), w("normale", n)], [0]))
	h.composition == "inferiority"
	roles(h) == {["target", "gay"], ["predicate", "normale"]}
	hanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	count(composed(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("non", {}), hanno, w("una", n), w("vita", n), w("normale", n)], [0]))) == 0
}

# METADATA
# title: Victim blaming said of a group ("le straniere ... se la sono cercata"); denied it is none
test_victim_blaming if {
	sono := w("sono", {"clitics": ["la"], "analyses": [v("essere", "indicative", "present", 3, true)]})
	straniere := [w("le", {}), w("straniere", {"lemmas": ["straniere", "straniera", "straniero"]}), w("se", {}), w("la", {})]
	h := only(said(array.concat(straniere, [sono, w("cercata", {})]), [0]))
	h.composition == "negative_trait"
	["predicate", "la sono cercata"] in roles(h)
	n := {"negated": true}
	nonsono := w("sono", object.union(n, {"clitics": ["la"], "analyses": [v("essere", "indicative", "present", 3, true)]}))
	count(composed(said([w("le", {}), straniere[1], w("non", {}), w("se", n), w("la", n), nonsono, w("cercata", n)], [0]))) == 0
}

# METADATA
# title: A rhetorical question denies what it asks ("da quando in qua i profughi sono persone?"); denied in it, or no frame, is none
test_rhetorical_question if {
	q := {"question": true}
	sono := w("sono", object.union(q, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	profughi := [w("i", q), w("profughi", object.union(q, {"lemmas": ["profughi", "profugo"]})), sono, w("persone", object.union(q, {"lemmas": ["persone", "persona"]}))]
	h := only(said(array.concat([w("da", q), w("quando", q), w("in", q), w("qua", q)], profughi), [0]))
	h.composition == "dehumanising"
	h.severity == "grave"
	count(composed(said(profughi, [0]))) == 0
	nq := {"negated": true, "question": true}
	nsono := w("sono", object.union(nq, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	denied := [w("i", q), profughi[1], w("non", q), nsono, w("persone", object.union(nq, {"lemmas": ["persone", "persona"]}))]

	# a denial asked stays a question: lieve, a person looks
	every h2 in composed(said(array.concat([w("chi", q), w("ha", q), w("detto", q), w("che", q)], denied), [0])) {
		h2.severity == "lieve"
	}
}

# METADATA
# title: A colour names a group only as a noun after its article ("i neri sono meno intelligenti"); black bags are none
test_nominal_group if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	neri := w("neri", {"lemmas": ["neri", "nero", "nera"]})
	h := only(said([w("i", {}), neri, sono, w("meno", {}), w("intelligenti", {})], [0]))
	h.composition == "inferiority"
	["target", "neri"] in roles(h)
	count(composed(said([w("i", {}), w("sacchi", {}), neri, sono, w("sporchi", {"lemmas": ["sporchi", "sporco"]})], [0]))) == 0
}

# METADATA
# title: A place after a word for people is its people ("quelli del campo rom vanno cacciati"); clearing the camp is a policy demand
test_place_peopled if {
	vanno := w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]})
	cacciati := w("cacciati", {"lemmas": ["cacciati", "cacciare"], "analyses": [v("cacciare", "participle", "past", 0, true)]})
	h := only(said([w("quelli", {}), w("del", {}), w("campo", {}), w("rom", {}), vanno, cacciati], [0]))
	h.composition == "exclusion"
	va := w("va", {"analyses": [v("andare", "indicative", "present", 3, false)]})
	sgomberato := w("sgomberato", {"lemmas": ["sgomberato", "sgomberare"], "analyses": [v("sgomberare", "participle", "past", 0, false)]})
	count(composed(said([w("il", {}), w("campo", {}), w("rom", {}), va, sgomberato], [0]))) == 0
}

# METADATA
# title: Civilisation and being a human being denied of a group ("non conoscono la civiltà", "non è un essere umano")
test_denied_civilisation_humanity if {
	n := {"negated": true}
	conoscono := w("conoscono", object.union(n, {"analyses": [v("conoscere", "indicative", "present", 3, true)]}))
	h := only(said([w("gli", {}), w("albanesi", {"lemmas": ["albanesi", "albanese"]}), w("non", {}), conoscono, w("la", n), w("civilta", n)], [0]))
	h.composition == "inferiority"
	e := w("e", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, false)]}))

	# "umano" cut off into a clause of its own, as the engine may read "-ano"
	umano := w("umano", {"clause": 1, "lemmas": ["umano"], "analyses": [v("umare", "indicative", "present", 3, true)]})
	d := only(said([w("un", {}), w("rom", {}), w("non", {}), e, w("un", n), w("essere", n), umano], [0, 0]))
	d.composition == "dehumanising"

	# said plainly, civilisation is no predicate ("i rom hanno portato la loro civiltà")
	hanno := w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]})
	count(composed(said([w("i", {}), w("rom", {}), hanno, w("la", {}), w("loro", {}), w("civilta", {})], [0]))) == 0
}

# METADATA
# title: The author's fear of a group ("a me fanno paura", "mi fanno paura"); a cut that frightens the elderly is none
test_contempt_fear_self if {
	fanno := w("fanno", {"analyses": [v("fare", "indicative", "present", 3, true)]})
	h := only(said([w("gli", {}), w("ebrei", {"lemmas": ["ebrei", "ebreo"]}), w("a", {}), w("me", {}), fanno, w("paura", {})], [0]))
	h.composition == "contempt"
	count(composed(said([w("gli", {}), w("ebrei", {"lemmas": ["ebrei", "ebreo"]}), fanno, w("paura", {})], [0]))) == 0
	count(composed(said([w("i", {}), w("tagli", {}), fanno, w("paura", {}), w("agli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]})], [0]))) == 0
}

# METADATA
# title: Contempt that cannot bear the sight of a group ("non si possono vedere"); said plainly it is none
test_contempt_cannot_look if {
	n := {"negated": true}
	possono := w("possono", object.union(n, {"analyses": [v("potere", "indicative", "present", 3, true)]}))
	h := only(said([w("i", {}), w("gay", {}), w("non", {}), w("si", n), possono, w("vedere", n)], [0]))
	h.composition == "contempt"
	possono2 := w("possono", {"analyses": [v("potere", "indicative", "present", 3, true)]})
	count(composed(said([w("i", {}), w("gay", {}), w("si", {}), possono2, w("vedere", {})], [0]))) == 0
}

# METADATA
# title: A word of contempt right beside its group qualifies it, media ("zingari maledetti"); further off it stays lieve
test_contempt_beside_target if {
	h := only(said([w("giudei", {"lemmas": ["giudei", "giudeo"]}), w("maledetti", {"lemmas": ["maledetti", "maledetto"]})], [0]))
	h.severity == "media"
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	far := only(said([w("maledetta", {"lemmas": ["maledetta", "maledetto"]}), w("pioggia", {}), w("il", {}), w("mercato", {}), w("dei", {}), w("senegalesi", {"lemmas": ["senegalesi", "senegalese"]}), e, w("saltato", {})], [0]))
	far.severity == "lieve"
}

# METADATA
# title: A slur as a person's epithet ("quello spastico del vicino"); the slur alone is left to the lexicon
test_epithet if {
	h := only(said([w("quello", {}), w("spastico", {}), w("del", {}), w("vicino", {})], [0]))
	h.composition == "epithet"
	h.severity == "media"
	roles(h) == {["frame", "quello"], ["target", "spastico"]}
	count(composed(said([w("marco", {}), w("e", {}), w("spastico", {})], [0]))) == 0
	n := {"negated": true}
	count(composed(said([w("non", {}), w("e", n), w("quello", n), w("spastico", n), w("del", n), w("vicino", n)], [0]))) == 0
}

# METADATA
# title: Ranked above the group after "a" ("siamo superiori agli africani"); above the average, or a group before it, is none
test_inferiority_ranked_above if {
	siamo := w("siamo", {"analyses": [v("essere", "indicative", "present", 1, true)]})
	superiori := w("superiori", {"lemmas": ["superiori", "superiore"]})
	h := only(said([w("noi", {}), siamo, superiori, w("agli", {}), w("africani", {"lemmas": ["africani", "africano"]})], [0]))
	h.composition == "inferiority"
	roles(h) == {["predicate", "superiori"], ["target", "africani"]}
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	count(composed(said([w("i", {}), w("servizi", {}), w("per", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), sono, superiori, w("alla", {}), w("media", {})], [0]))) == 0
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, superiori], [0]))) == 0
}

# METADATA
# title: A negator with clitics left at the end of the clause before negates the next ("non ci | deve entrare"); without "non" it does not
test_dangling_negation_clitics if {
	chi := [w("chi", {}), w("non", {}), w("parla", {"negated": true}), w("italiano", {"negated": true})]
	deve := w("deve", {"clause": 1, "analyses": [v("dovere", "indicative", "present", 3, false)]})
	h := only(said(array.concat(chi, [w("non", {"negated": true}), w("ci", {"negated": true}), deve, w("entrare", {"clause": 1})]), [0, 0]))
	h.composition == "exclusion"
	count(composed(said(array.concat(chi, [w("ci", {"negated": true}), deve, w("entrare", {"clause": 1})]), [0, 0]))) == 0
}

# METADATA
# title: A group refused as the object of "non vogliamo" ("non vogliamo più profughi"); a wish that they are not left alone, or "che", is none
test_exclusion_refused_object if {
	vogliamo := [w("non", {}), w("vogliamo", {"negated": true, "analyses": [v("volere", "indicative", "present", 1, true)]})]
	h := only(said(array.concat(vogliamo, [w("piu", {"negated": true}), w("profughi", {"negated": true, "lemmas": ["profughi", "profugo"]}), w("qui", {"negated": true})]), [0]))
	h.composition == "exclusion"
	only(said(array.concat(vogliamo, [w("gay", {"negated": true}), w("in", {"negated": true}), w("piazza", {"negated": true})]), [0])).composition == "exclusion"
	count(composed(said(array.concat(vogliamo, [w("anziani", {"negated": true, "lemmas": ["anziani", "anziano"]}), w("soli", {"negated": true})]), [0]))) == 0
	count(composed(said(array.concat(vogliamo, [w("che", {"negated": true}), w("gli", {"negated": true}), w("anziani", {"negated": true, "lemmas": ["anziani", "anziano"]}), w("restino", {"negated": true}), w("soli", {"negated": true})]), [0]))) == 0
}

# METADATA
# title: Change denied of a group forever ("non si integreranno mai"); said of a road it is none
test_inferiority_never_change if {
	n := {"negated": true}
	h := only(said([w("i", {}), w("musulmani", {"lemmas": ["musulmani", "musulmano"]}), w("non", {}), w("si", n), w("integreranno", n), w("mai", n)], [0]))
	h.composition == "inferiority"
	count(composed(said([w("le", {}), w("strade", {}), w("non", {}), w("cambieranno", n), w("mai", n)], [0]))) == 0
}

# METADATA
# title: A group refused with "no grazie" in its clause; children or a thing refused are none
test_exclusion_no_thanks if {
	h := only(said([w("i", {}), w("rom", {}), w("al", {}), w("mercato", {}), w("no", {}), w("grazie", {})], [0]))
	h.composition == "exclusion"
	count(composed(said([w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), w("in", {}), w("cantiere", {}), w("no", {}), w("grazie", {})], [0]))) == 0
	count(composed(said([w("altre", {}), w("rotonde", {}), w("no", {}), w("grazie", {})], [0]))) == 0
}

# METADATA
# title: A soul denied of a group ("non hanno un'anima"); a square without a soul is none
test_dehumanising_soul_denied if {
	n := {"negated": true}
	hanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	h := only(said([w("i", {}), w("rom", {}), w("non", {}), hanno, w("un", n), w("anima", n)], [0]))
	h.composition == "dehumanising"
	ha := w("ha", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, false)]}))
	count(composed(said([w("la", {}), w("piazza", {}), w("non", {}), ha, w("un", n), w("anima", n)], [0]))) == 0
}

# METADATA
# title: A basic skill denied of a group ("non sanno guidare"); denied under "non è vero che" it is none
test_inferiority_skill_denied if {
	n := {"negated": true}
	sanno := w("sanno", object.union(n, {"analyses": [v("sapere", "indicative", "present", 3, true)]}))
	h := only(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("non", {}), sanno, w("ragionare", n)], [0]))
	h.composition == "inferiority"
	count(composed(said([w("non", {}), w("e", n), w("vero", n), w("che", n), w("le", n), w("donne", object.union(n, {"lemmas": ["donne", "donna"]})), w("non", n), sanno, w("guidare", n)], [0]))) == 0
}

# METADATA
# title: Women kept in their place ("stiano al loro posto"); the elderly kept in their seats are none
test_exclusion_kept_in_place if {
	stiano := w("stiano", {"analyses": [v("stare", "subjunctive", "present", 3, true)]})
	posto := [stiano, w("al", {}), w("loro", {}), w("posto", {})]
	h := only(said(array.concat([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]})], posto), [0]))
	h.composition == "exclusion"
	count(composed(said(array.concat([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]})], posto), [0]))) == 0
}

# METADATA
# title: Nothing but harm said of a group ("fanno solo danni"); said of boars it is none
test_negative_only_harm if {
	h := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("fanno", {}), w("solo", {}), w("danni", {})], [0]))
	h.composition == "negative_trait"
	count(composed(said([w("i", {}), w("cinghiali", {}), w("fanno", {}), w("solo", {}), w("danni", {})], [0]))) == 0
}

# METADATA
# title: A service the author refuses a group ("non assumerei mai una donna", "ai rom non affitto"); others' refusal is a complaint
test_exclusion_service_refused if {
	n := {"negated": true}
	assumerei := w("assumerei", object.union(n, {"analyses": [v("assumere", "conditional", "present", 1, false)]}))
	h := only(said([w("non", {}), assumerei, w("mai", n), w("una", n), w("donna", object.union(n, {"lemmas": ["donna"]}))], [0]))
	h.composition == "exclusion"
	affitto := w("affitto", object.union(n, {"analyses": [v("affittare", "indicative", "present", 1, false)]}))
	only(said([w("ai", {}), w("rom", {}), w("non", {}), affitto], [0])).composition == "exclusion"
	assumono := w("assumono", object.union(n, {"analyses": [v("assumere", "indicative", "present", 3, true)]}))
	count(composed(said([w("le", {}), w("aziende", {}), w("non", {}), assumono, w("i", n), w("disabili", object.union(n, {"lemmas": ["disabili", "disabile"]}))], [0]))) == 0
}

# METADATA
# title: A group kept out under an obligation ("vanno tenuti fuori dal centro"); children kept out of a building site are safe
test_exclusion_kept_out if {
	vanno := w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]})
	h := only(said([w("i", {}), w("rom", {}), vanno, w("tenuti", {"analyses": [v("tenere", "participle", "past", 0, true)]}), w("fuori", {}), w("dal", {}), w("centro", {})], [0]))
	h.composition == "exclusion"
	count(composed(said([w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), vanno, w("tenuti", {"analyses": [v("tenere", "participle", "past", 0, true)]}), w("fuori", {}), w("dal", {}), w("cantiere", {})], [0]))) == 0
}

# METADATA
# title: Political life denied as a norm ("non dovrebbero fare politica", "non devono comandare"); a fact of the law is none
test_exclusion_political_life if {
	n := {"negated": true}
	dovrebbero := w("dovrebbero", object.union(n, {"analyses": [v("dovere", "conditional", "present", 3, true)]}))
	h := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), dovrebbero, w("fare", n), w("politica", n)], [0]))
	h.composition == "exclusion"
	candidano := w("candidano", object.union(n, {"lemmas": ["candidano", "candidare"], "analyses": [v("candidare", "indicative", "present", 3, true)]}))
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("non", {}), w("si", n), candidano], [0]))) == 0
}

# METADATA
# title: Good only for something ("brave solo a lamentarsi"); good at many things is none
test_inferiority_good_only if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	h := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("brave", {}), w("solo", {}), w("a", {}), w("lamentarsi", {})], [0]))
	h.composition == "inferiority"
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("brave", {}), w("in", {}), w("tutto", {})], [0]))) == 0
}

# METADATA
# title: A herd that names a group with "di" ("un branco di africani", media); a herd of wolves is none
test_dehumanising_herd_of if {
	h := only(said([w("un", {}), w("branco", {}), w("di", {}), w("africani", {"lemmas": ["africani", "africano"]})], [0]))
	h.composition == "dehumanising"
	h.severity == "media"
	count(composed(said([w("un", {}), w("branco", {}), w("di", {}), w("lupi", {})], [0]))) == 0
}

# METADATA
# title: A group the author cannot stand ("non sopporto gli ebrei"); the noise of children, or another's, is none
test_contempt_cannot_stand if {
	n := {"negated": true}
	sopporto := w("sopporto", object.union(n, {"analyses": [v("sopportare", "indicative", "present", 1, false)]}))
	h := only(said([w("non", {}), sopporto, w("gli", n), w("ebrei", object.union(n, {"lemmas": ["ebrei", "ebreo"]}))], [0]))
	h.composition == "contempt"
	count(composed(said([w("non", {}), sopporto, w("il", n), w("rumore", n), w("dei", n), w("ragazzini", object.union(n, {"lemmas": ["ragazzini", "ragazzino"]}))], [0]))) == 0
	sopportano := w("sopportano", object.union(n, {"analyses": [v("sopportare", "indicative", "present", 3, true)]}))
	count(composed(said([w("i", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("non", {}), sopportano, w("le", n), w("barriere", n)], [0]))) == 0
}

# METADATA
# title: Sent back where they come from, as a call only ("tornino al loro paese", "devono tornare"); news of a trip home is none
test_exclusion_sent_back_called if {
	tornino := w("tornino", {"analyses": [v("tornare", "subjunctive", "present", 3, true)]})
	paese := [w("al", {}), w("loro", {}), w("paese", {})]
	h := only(said(array.concat([w("gli", {}), w("stranieri", {"lemmas": ["stranieri", "straniero"]}), tornino], paese), [0]))
	h.composition == "exclusion"
	devono := [w("devono", {"analyses": [v("dovere", "indicative", "present", 3, true)]}), w("tornare", {"analyses": [v("tornare", "infinitive", "", 0, false)]})]
	only(said(array.concat(array.concat([w("i", {}), w("marocchini", {"lemmas": ["marocchini", "marocchino"]})], devono), paese), [0])).composition == "exclusion"
	tornano := w("tornano", {"analyses": [v("tornare", "indicative", "present", 3, true)]})
	count(composed(said(array.concat([w("molti", {}), w("stranieri", {"lemmas": ["stranieri", "straniero"]}), tornano], paese), [0]))) == 0
}

# METADATA
# title: Enough of a group right after "basta" ("basta con questi zingari"); enough of violence against it, or of its deaths, is none
test_exclusion_enough_of if {
	h := only(said([w("basta", {}), w("con", {}), w("questi", {}), w("profughi", {"lemmas": ["profughi", "profugo"]})], [0]))
	h.composition == "exclusion"
	count(composed(said([w("basta", {}), w("violenza", {}), w("sulle", {}), w("donne", {"lemmas": ["donne", "donna"]})], [0]))) == 0
	count(composed(said([w("basta", {}), w("profughi", {"lemmas": ["profughi", "profugo"]}), w("che", {}), w("muoiono", {}), w("in", {}), w("mare", {})], [0]))) == 0
}

# METADATA
# title: Useful only for something, or a public role denied ("servono solo a", "non può fare il sindaco"); a bando useful only to waste is none
test_inferiority_role_denied if {
	servono := w("servono", {"analyses": [v("servire", "indicative", "present", 3, true)]})
	h := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), servono, w("solo", {}), w("a", {}), w("fare", {}), w("figli", {})], [0]))
	h.composition == "inferiority"
	n := {"negated": true}
	puo := w("puo", object.union(n, {"analyses": [v("potere", "indicative", "present", 3, false)]}))
	only(said([w("un", {}), w("gay", {}), w("non", {}), puo, w("fare", n), w("il", n), w("maestro", n)], [0])).composition == "inferiority"

	# a role the law denies others: the predicate is of one ground
	count(composed(said([w("uno", {}), w("straniero", {}), w("non", {}), puo, w("fare", n), w("il", n), w("sindaco", n)], [0]))) == 0
	serve := w("serve", {"analyses": [v("servire", "indicative", "present", 3, false)]})
	count(composed(said([w("il", {}), w("bando", {}), serve, w("solo", {}), w("a", {}), w("sprecare", {})], [0]))) == 0
}

# METADATA
# title: Our level denied of a group with a copula ("non sono al nostro livello"); a family denied, or a lonely life without one, is none
test_inferiority_family_level_denied if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	only(said([w("i", {}), w("rom", {}), w("non", {}), sono, w("al", n), w("nostro", n), w("livello", n)], [0])).composition == "inferiority"

	# a family denied may ask for the same rights ("perché non sono una famiglia per il bando?")
	count(composed(said([w("due", {}), w("gay", {}), w("non", {}), sono, w("una", n), w("famiglia", n)], [0]))) == 0
	hanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	count(composed(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("soli", {}), w("non", {}), hanno, w("una", n), w("famiglia", n)], [0]))) == 0
}

# METADATA
# title: Use denied of a group with a copula ("non sono utili"); "non sono i benvenuti" may blame the Comune and is none
test_use_welcome_denied if {
	n := {"negated": true}
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	only(said([w("i", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("non", {}), sono, w("utili", object.union(n, {"lemmas": ["utili", "utile"]}))], [0])).composition == "inferiority"

	# a complaint on their behalf: not welcome here is no predicate
	count(composed(said([w("i", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("non", {}), sono, w("benvenuti", object.union(n, {"lemmas": ["benvenuti", "benvenuto"]}))], [0]))) == 0
}

# METADATA
# title: Work refused to a group as a norm ("ai meridionali non bisogna dare lavoro"); others refusing it is a complaint
test_exclusion_work_refused if {
	n := {"negated": true}
	bisogna := w("bisogna", object.union(n, {"analyses": [v("bisognare", "indicative", "present", 3, false)]}))
	h := only(said([w("ai", {}), w("meridionali", {"lemmas": ["meridionali", "meridionale"]}), w("non", {}), bisogna, w("dare", n), w("lavoro", n)], [0]))
	h.composition == "exclusion"
	danno := w("danno", object.union(n, {"analyses": [v("dare", "indicative", "present", 3, true)]}))
	count(composed(said([w("ai", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("non", {}), danno, w("lavoro", n)], [0]))) == 0
}

# METADATA
# title: A go-verb that is also a participle right after its group tells where it went; after a comma it commands
test_participle_of_target if {
	tornate := {"analyses": [v("tornare", "imperative", "present", 2, true), v("tornare", "participle", "past", 0, true)]}
	badanti := [w("le", {}), w("badanti", {}), w("moldave", {"lemmas": ["moldave", "moldavo"]})]
	paese := [w("al", {}), w("loro", {}), w("paese", {})]
	count(composed(said(array.concat(badanti, array.concat([w("tornate", tornate)], paese)), [0]))) == 0

	# "le badanti moldave, tornate al loro paese": a comma before the verb
	comma := object.union(tornate, {"start": 20, "end": 27})
	only(said(array.concat(badanti, array.concat([w("tornate", comma)], paese)), [0])).composition == "exclusion"
}

# METADATA
# title: A group the author names themselves by is no target ("noi vecchi siamo rimbambiti"); "i vecchi sono rimbambiti" is
test_self_named_target if {
	vecchi := w("vecchi", {"lemmas": ["vecchi", "vecchio"]})
	siamo := w("siamo", {"analyses": [v("essere", "indicative", "present", 1, true)]})
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]})
	rimbambiti := w("rimbambiti", {"lemmas": ["rimbambiti", "rimbambito"]})
	count(composed(said([w("noi", {}), vecchi, siamo, rimbambiti], [0]))) == 0
	count(composed(said([siamo, vecchi, rimbambiti], [0]))) == 0
	count(composed(said([w("i", {}), vecchi, sono, rimbambiti], [0]))) == 1
}

# METADATA
# title: An insult right after a group word the author says of themselves is self-mockery ("noi giovani coglioni"); "voi giovani coglioni" insults
test_reclaimed_after if {
	giovani := w("giovani", {"lemmas": ["giovani", "giovane"]})
	coglioni := w("coglioni", {"lemmas": ["coglioni", "coglione"]})
	count({h | some h in lexicon.hits with input as said([w("noi", {}), giovani, coglioni], [0]); h.category == "offensive_language"}) == 0
	count({h | some h in lexicon.hits with input as said([w("voi", {}), giovani, coglioni], [0]); h.category == "offensive_language"}) > 0
}

# METADATA
# title: A negated word in a clause opened by "non è che" is denied twice ("non è che i rom non abbiano voglia di lavorare")
test_denied_twice if {
	n := {"negated": true}
	rom := [w("i", n), w("rom", n)]
	voglia := [w("non", n), w("abbiano", object.union(n, {"analyses": [v("avere", "subjunctive", "present", 3, true)]})), w("voglia", n), w("di", n), w("lavorare", n)]
	count(composed(said(array.concat([w("non", {}), w("è", n), w("che", n)], array.concat(rom, voglia)), [0]))) == 0
	only(said(array.concat([w("i", {}), w("rom", {})], voglia), [0])).composition == "negative_trait"
}

# METADATA
# title: An exclusion after the author's negated wish is refused ("non vogliamo che gli albanesi se ne vadano"); wished, it counts
test_refused_exclusion if {
	vogliamo := {"analyses": [v("volere", "indicative", "present", 1, true)]}
	rest := [
		w("che", {}), w("gli", {}), w("albanesi", {"lemmas": ["albanesi", "albanese"]}),
		w("se", {"clause": 1}), w("ne", {"clause": 1}),
		w("vadano", {"clause": 1, "analyses": [v("andare", "subjunctive", "present", 3, true)]}),
	]
	count(composed(said(array.concat([w("non", {}), w("vogliamo", object.union(vogliamo, {"negated": true}))], rest), [0, 0]))) == 0
	count(composed(said(array.concat([w("vogliamo", vogliamo)], rest), [0, 0]))) > 0
}

# METADATA
# title: A sentence opening with the participle of an act of violence reports it ("Picchiato un ragazzo albanese fuori dal bar")
test_headline_report if {
	picchiato := w("Picchiato", {"analyses": [v("picchiare", "participle", "past", 0, false)]})
	albanese := [w("un", {}), w("ragazzo", {}), w("albanese", {"lemmas": ["albanese"]})]
	fuori := [w("fuori", {}), w("dal", {}), w("bar", {})]
	count(composed(said(array.concat([picchiato], array.concat(albanese, fuori)), [0]))) == 0
	count(composed(said(array.concat([w("gli", {}), w("albanesi", {"lemmas": ["albanesi", "albanese"]})], fuori), [0]))) == 1
}

# METADATA
# title: A word said through a copula is no predicate right after a definite article ("come mica tutti gli italiani sono onesti")
test_articled_subject if {
	n := {"negated": true}
	albanesi := [w("gli", {}), w("albanesi", {"lemmas": ["albanesi", "albanese"]})]
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	count(composed(said(array.concat(albanesi, [w("come", {}), w("mica", {}), w("tutti", n), w("gli", n), w("italiani", object.union(n, {"lemmas": ["italiani", "italiano"]})), sono]), [0]))) == 0
	only(said(array.concat(albanesi, [w("non", {}), sono, w("italiani", object.union(n, {"lemmas": ["italiani", "italiano"]}))]), [0])).composition == "inferiority"
}

# METADATA
# title: Violence against those addressed beside affection or a friends' gathering is fondness ("vi ammazzo se non venite alla grigliata")
test_fond_invitation if {
	vi_ammazzo := w("ammazzo", {"clitics": ["vi"], "analyses": [v("ammazzare", "indicative", "present", 1, false)]})
	grigliata := [w("se", {}), w("non", {}), w("venite", {"negated": true}), w("alla", {"negated": true}), w("grigliata", {"negated": true})]
	count({h | some h in composed(said(array.concat([w("vi", {}), vi_ammazzo], grigliata), [0])); h.category == "threat"}) == 0
	count({h | some h in lexicon.hits with input as said(array.concat([w("vi", {}), vi_ammazzo], grigliata), [0]); h.category == "threat"}) == 0
	count({h | some h in composed(said([w("vi", {}), vi_ammazzo, w("stasera", {})], [0])); h.category == "threat"}) == 1
	ammazzo := w("ammazzo", {"analyses": [v("ammazzare", "indicative", "present", 1, false)]})
	count({h | some h in composed(said([w("alla", {}), w("cena", {}), ammazzo, w("i", {}), w("rom", {})], [0])); h.category == "threat"}) == 1
}

# METADATA
# title: A group useful "solo a" something is inferiority ("gli anziani servono solo a pagare"), not a need ("servono solo rampe")
test_useful_only_for if {
	anziani := [w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]})]
	only(said(array.concat(anziani, [w("servono", {}), w("solo", {}), w("a", {}), w("pagare", {})]), [0])).composition == "inferiority"
	count(composed(said(array.concat(anziani, [w("non", {}), w("sono", {}), w("lenti", {}), w("servono", {}), w("solo", {}), w("rampe", {})]), [0]))) == 0
}

# METADATA
# title: An exhibition ("la mostra") is no monster, a copula near it or not; "i rom sono mostri" dehumanises
test_exhibition_no_monster if {
	rom := [w("i", {}), w("rom", {})]
	e := w("è", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("i", {}), w("rom", {}), e, w("la", {}), w("mostra", {"lemmas": ["mostra", "mostro"]})], [0]))) == 0
	only(said(array.concat(rom, [w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}), w("mostri", {"lemmas": ["mostri", "mostro"]})]), [0])).composition == "dehumanising"
}

# METADATA
# title: How a group was treated, told in the passive, is no claim ("erano trattati come animali"); "vanno trattati" calls for it
test_suffered_treatment if {
	ebrei := [w("gli", {}), w("ebrei", {"lemmas": ["ebrei", "ebreo"]})]
	trattati := w("trattati", {"analyses": [v("trattare", "participle", "past", 0, true)]})
	animali := [w("come", {}), w("animali", {"lemmas": ["animali", "animale"]})]
	erano := w("erano", {"analyses": [v("essere", "indicative", "imperfect", 3, true)]})
	count(composed(said(array.concat(ebrei, array.concat([erano, trattati], animali)), [0]))) == 0
	vanno := w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]})
	count(composed(said(array.concat(ebrei, array.concat([vanno, trattati], animali)), [0]))) > 0
}

# METADATA
# title: Care of the old and the disabled is no inferiority ("gli anziani vanno curati a casa"); "i gay vanno curati" is
test_cared_for if {
	vanno := w("vanno", {"analyses": [v("andare", "indicative", "present", 3, true)]})
	curati := w("curati", {"analyses": [v("curare", "participle", "past", 0, true)]})
	count(composed(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), vanno, curati, w("a", {}), w("casa", {})], [0]))) == 0
	only(said([w("i", {}), w("gay", {}), vanno, curati], [0])).composition == "inferiority"
}

# METADATA
# title: Children sent out to play are kept safe from "fuori" ("fuori i bambini a giocare"); "fuori i rom" expels
test_out_keeps_children_safe if {
	count(composed(said([w("fuori", {}), w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), w("a", {}), w("giocare", {})], [0]))) == 0
	only(said([w("fuori", {}), w("i", {}), w("rom", {})], [0])).composition == "exclusion"
}

# METADATA
# title: Dying of laughter is no death wished ("ti auguro di morire dal ridere"); "ti auguro di morire" is
test_laughing_hard if {
	morire := w("morire", {"analyses": [v("morire", "infinitive", "", 0, false)]})
	auguro := [w("ti", {}), w("auguro", {"clitics": ["ti"], "analyses": [v("augurare", "indicative", "present", 1, false)]}), w("di", {})]
	count({h | some h in composed(said(array.concat(auguro, [morire, w("dal", {}), w("ridere", {})]), [0])); h.category == "threat"}) == 0
	count({h | some h in composed(said(array.concat(auguro, [morire]), [0])); h.category == "threat"}) == 1
}

# METADATA
# title: A quoted threat that a verb of speech in another's person follows is reported ('"vi bruciamo la casa", gli hanno scritto'); "ho detto" keeps it the author's
test_quote_reported_after if {
	q := {"quoted": true}
	threat := [w("vi", q), w("bruciamo", q), w("la", q), w("casa", q)]
	quotes := {"facts": {"quotes": [{"start": 0, "end": 21, "words": 4}]}}
	hanno := array.concat(threat, [w("gli", {}), w("hanno", {}), w("scritto", {})])
	count({h | some h in lexicon.hits with input as object.union(said(hanno, [0]), quotes); h.category == "threat"}) == 0
	ho := array.concat(threat, [w("ho", {}), w("scritto", {})])
	count({h | some h in lexicon.hits with input as object.union(said(ho, [0]), quotes); h.category == "threat"}) > 0
}

# METADATA
# title: A group word after the author's copula and an article is the author ("sono una vecchia matta"); "ci sono tre donne" is no copula of the author
test_self_named_after_article if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 1, false), v("essere", "indicative", "present", 3, true)]})
	pazza := w("pazza", {"lemmas": ["pazza", "pazzo"]})
	count(composed(said([sono, w("una", {}), w("vecchia", {"lemmas": ["vecchia", "vecchio"]}), pazza], [0]))) == 0
	count({h | some h in lexicon.hits with input as said([w("ci", {}), sono, w("tre", {}), w("zitelle", {"lemmas": ["zitelle", "zitella"]})], [0]); h.category == "discrimination"}) > 0
	count({h | some h in lexicon.hits with input as said([w("siamo", {"analyses": [v("essere", "indicative", "present", 1, true)]}), w("tre", {}), w("zitelle", {"lemmas": ["zitelle", "zitella"]})], [0]); h.category == "discrimination"}) == 0
}

# --- threats round 5: calls of death with no verb ------------------------------

# METADATA
# title: A cry of death with no verb ("a morte gli zingari", "morte ai froci", "gli ebrei a morte"); a thing, a report, a sentence it does not open or end is none
test_threat_cry_of_death if {
	h := only(said([w("a", {}), w("morte", {}), w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]})], [0]))
	h.category == "threat"
	roles(h) == {["predicate", "morte"], ["target", "zingari"]}
	count(composed(said([w("morte", {}), w("ai", {}), w("froci", {"lemmas": ["froci", "frocio"]}), w("!", {})], [0]))) == 1
	count(composed(said([w("morte", {}), w("al", {}), w("traffico", {})], [0]))) == 0
	count(composed(said([w("gli", {}), w("ebrei", {"lemmas": ["ebrei", "ebreo"]}), w("a", {}), w("morte", {})], [0]))) == 1
	count(composed(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("a", {}), w("morte", {}), w("di", {}), w("caldo", {})], [0]))) == 0
	urlavano := w("urlavano", {"analyses": [v("urlare", "indicative", "imperfect", 3, true)]})
	count(composed(said([urlavano, w("a", {}), w("morte", {}), w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]})], [0]))) == 0
}

# METADATA
# title: A group sent to a place of execution with no verb ("gli ebrei al rogo e via"); a place in a longer sentence, or children, is none
test_threat_cry_of_execution if {
	h := only(said([w("gli", {}), w("ebrei", {"lemmas": ["ebrei", "ebreo"]}), w("al", {}), w("rogo", {}), w("e", {}), w("via", {})], [0]))
	h.category == "threat"
	roles(h) == {["predicate", "rogo"], ["target", "ebrei"]}
	count(composed(said([w("i", {}), w("musulmani", {"lemmas": ["musulmani", "musulmano"]}), w("tutti", {}), w("al", {}), w("muro", {})], [0]))) == 1
	count(composed(said([w("gli", {}), w("anziani", {"lemmas": ["anziani", "anziano"]}), w("al", {}), w("forno", {}), w("del", {}), w("paese", {}), w("per", {}), w("il", {}), w("pane", {})], [0]))) == 0
	count(composed(said([w("i", {}), w("bambini", {"lemmas": ["bambini", "bambino"]}), w("al", {}), w("forno", {})], [0]))) == 0
}

# "<target> mangiate erba e crepate", the target and its lemma
text_crepate(target, lemma) := [
	w(target, {"lemmas": [target, lemma]}),
	w("mangiate", {"analyses": [v("mangiare", "imperative", "present", 2, true), v("mangiare", "participle", "past", 0, true)]}),
	w("erba", {}),
	w("e", {}),
	w("crepate", {"analyses": [v("crepare", "imperative", "present", 2, true), v("crepare", "indicative", "present", 2, true), v("crepare", "participle", "past", 0, true)]}),
]

# METADATA
# title: A command of death joined to one before it, to the group addressed ("zingari mangiate erba e crepate"); children who eat and die of laughter are none
test_threat_commands_joined if {
	h := only(said(text_crepate("zingari", "zingaro"), [0]))
	h.category == "threat"
	roles(h) == {["predicate", "crepate"], ["target", "zingari"]}
	count(composed(said(array.concat([w("le", {})], text_crepate("donne", "donna")), [0]))) == 0
}

# "i <target> hanno bisogno di essere <participle>"
text_bisogno(target, lemma, participle, verb) := [
	w("i", {}),
	w(target, {"lemmas": [target, lemma]}),
	w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]}),
	w("bisogno", {}),
	w("di", {}),
	w("essere", {"analyses": [v("essere", "infinitive", "present", 0, false)]}),
	w(participle, {"analyses": [v(verb, "participle", "past", 0, true)]}),
]

# METADATA
# title: Violence said as what a group needs ("i rom hanno bisogno di essere picchiati"); help they need is none
test_threat_needed if {
	h := only(said(text_bisogno("rom", "rom", "picchiati", "picchiare"), [0]))
	h.category == "threat"
	roles(h) == {["frame", "hanno bisogno di"], ["predicate", "picchiati"], ["target", "rom"]}
	count(composed(said(text_bisogno("anziani", "anziano", "aiutati", "aiutare"), [0]))) == 0
}

# "<first> i rom a pugni", the first word read as a verb in the first person
text_a_pugni(first, lemma) := [
	w(first, {"analyses": [v(lemma, "indicative", "present", 1, false)]}),
	w("i", {}),
	w("rom", {}),
	w("a", {}),
	w("pugni", {"lemmas": ["pugni", "pugno"]}),
]

# METADATA
# title: A noun of manner says how a verb is done ("mando i rom a pugni"), never how a preposition read as a verb is ("secondo i rom a pugni")
test_threat_manner_not_preposition if {
	h := only(said(text_a_pugni("mando", "mandare"), [0]))
	h.category == "threat"
	count(composed(said(text_a_pugni("secondo", "secondare"), [0]))) == 0
	count(composed(said(text_a_pugni("durante", "durare"), [0]))) == 0
}

# "<ci> vado con la benzina", under a post whose text is thread
text_benzina(words, thread) := object.union(
	said(
		array.concat(words, [
			w("vado", {"analyses": [v("andare", "indicative", "present", 1, false)]}),
			w("con", {}),
			w("la", {}),
			w("benzina", {}),
		]),
		[0],
	),
	{"content": {"thread": {"id": "t", "text": thread}}},
)

# METADATA
# title: A locative with nothing before it takes up a place of a group the thread names ("ci vado con la benzina" under "apre la sinagoga"); a thread with none, or no locative, is none
test_threat_thread_place if {
	h := only(text_benzina([w("ci", {})], "Sabato apre la nuova sinagoga in via Roma"))
	h.category == "threat"
	roles(h) == {["predicate", "benzina"], ["predicate", "vado"], ["reference", "ci"], ["target", "sinagoga"]}
	count(composed(text_benzina([w("ci", {})], "Sabato apre la nuova palestra in via Roma"))) == 0
	count(composed(text_benzina([], "Sabato apre la nuova sinagoga in via Roma"))) == 0
}

# "<target> crepate", the target as written with or without its comma
text_crepate_called(target) := [
	w(target, {"lemmas": [target, "frocio"]}),
	w("crepate", {"analyses": [v("crepare", "imperative", "present", 2, true), v("crepare", "indicative", "present", 2, true), v("crepare", "participle", "past", 0, true)]}),
]

# METADATA
# title: A plural command right after the group called on, a comma between ("froci, crepate"); the group named with no comma ("froci crepate") is a description
test_threat_called_on if {
	h := only(said(text_crepate_called("froci,"), [0]))
	h.category == "threat"
	every x in composed(said(text_crepate_called("froci"), [0])) {
		x.category != "threat"
	}
}

# METADATA
# title: One of a group after "nessun", barred from a place or from a right ("nessuno straniero in giunta", "nessuna musulmana dovrebbe poter affittare")
test_discrimination_none_group_barred if {
	h := only(said([w("nessuno", {}), w("straniero", {}), w("in", {}), w("giunta", {})], [0]))
	h.composition == "exclusion"
	roles(h) == {["frame", "nessuno"], ["target", "straniero"]}
	dovrebbe := w("dovrebbe", {"analyses": [v("dovere", "conditional", "present", 3, false)]})
	affittare := w("affittare", {"analyses": [v("affittare", "infinitive", "present", 0, false)]})
	g := only(said([w("nessuna", {}), w("musulmana", {"lemmas": ["musulmana", "musulmano"]}), dovrebbe, w("poter", {}), affittare, w("casa", {})], [0]))
	g.composition == "exclusion"
	deve := w("deve", {"analyses": [v("dovere", "indicative", "present", 3, false)]})
	votare := w("votare", {"analyses": [v("votare", "infinitive", "present", 0, false)]})
	count(composed(said([w("nessun", {}), w("gay", {}), deve, votare], [0]))) == 1
}

# METADATA
# title: A safety wished after "nessun", a verb of its own after the place, a negator before, or a child, bars nobody
test_discrimination_none_group_not_barred if {
	deve := w("deve", {"analyses": [v("dovere", "indicative", "present", 3, false)]})
	avere := w("avere", {"analyses": [v("avere", "infinitive", "present", 0, false)]})
	count(composed(said([w("nessuna", {}), w("donna", {}), deve, avere, w("paura", {})], [0]))) == 0
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("nessun", {}), w("disabile", {}), w("in", {}), w("classe", {}), e, w("escluso", {})], [0]))) == 0
	c := w("c", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("non", {}), c, w("nessun", {}), w("ebreo", {}), w("in", {}), w("consiglio", {})], [0]))) == 0
	entrare := w("entrare", {"analyses": [v("entrare", "infinitive", "present", 0, false)]})
	count(composed(said([w("nessun", {}), w("bambino", {}), deve, entrare, w("nel", {}), w("cantiere", {})], [0]))) == 0
	count(composed(said([w("nessuno", {}), w("straniero", {}), w("in", {}), w("graduatoria", {}), w("quest", {}), w("anno", {})], [0]))) == 0
}

# METADATA
# title: A group born or made for a menial role or a base act ("gli albanesi so nati pe fa i manovali", "sono fatte per stirare")
test_discrimination_born_for if {
	h := only(said([w("gli", {}), w("albanesi", {"lemmas": ["albanesi", "albanese"]}), w("so", {}), w("nati", {}), w("pe", {}), w("fa", {}), w("i", {}), w("manovali", {})], [0]))
	h.composition == "inferiority"
	roles(h) == {["frame", "so nati"], ["predicate", "manovali"], ["target", "albanesi"]}
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	g := only(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("fatte", {}), w("per", {}), w("stirare", {})], [0]))
	g.composition == "inferiority"
}

# METADATA
# title: Born for anything but a menial role, or said negated, ranks no group
test_discrimination_born_for_praise if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("nate", {}), w("per", {}), w("vincere", {})], [0]))) == 0
	n := {"negated": true}
	count(composed(said([w("i", {}), w("meridionali", {}), w("non", {}), w("sono", n), w("nati", n), w("per", n), w("fare", n), w("i", n), w("servi", n)], [0]))) == 0
}

# METADATA
# title: A colon or a dash between a group and a noun says what the group is, as "=" does; with more between it does not
test_discrimination_colon_link if {
	h := only(said([w("Zingari:", {"keys": ["zingari"], "lemmas": ["zingari", "zingaro"], "norm": "zingari", "end": 7}), w("parassiti", {"lemmas": ["parassiti", "parassita"]})], [0]))
	h.category == "discrimination"
	count(composed(said([w("Zingari:", {"keys": ["zingari"], "lemmas": ["zingari", "zingaro"], "norm": "zingari", "end": 7}), w("arrestati", {}), w("parassiti", {"lemmas": ["parassiti", "parassita"]})], [0]))) == 0
}

# METADATA
# title: A definite singular group word opening the sentence with a present or a modal of norm is the whole group ("il rom è un parassita", "l'immigrato ruba", "il musulmano non deve poter comprare casa")
test_discrimination_generic_singular if {
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	h := only(said([w("il", {}), w("rom", {}), e, w("un", {}), w("parassita", {})], [0]))
	h.category == "discrimination"
	ruba := w("ruba", {"analyses": [v("rubare", "indicative", "present", 3, false)]})
	count(composed(said([w("l", {}), w("immigrato", {}), ruba, w("sempre", {})], [0]))) == 1
	deve := w("deve", {"negated": true, "analyses": [v("dovere", "indicative", "present", 3, false)]})
	poter := w("poter", {"negated": true, "analyses": [v("potere", "infinitive", "present", 0, false)]})
	g := only(said([w("il", {}), w("musulmano", {}), w("non", {}), deve, poter, w("comprare", {"negated": true}), w("casa", {"negated": true})], [0]))
	g.composition == "exclusion"
}

# METADATA
# title: One person is meant with a complement or a relative, a past with its auxiliary, a word of one event, or no article; a child is not the group
test_discrimination_generic_singular_someone if {
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	stato := w("stato", {"analyses": [v("essere", "participle", "past", 0, false)]})
	count(composed(said([w("il", {}), w("rom", {}), w("del", {}), w("campo", {}), e, w("un", {}), w("parassita", {})], [0]))) == 0
	ha := w("ha", {"analyses": [v("avere", "indicative", "present", 3, false)]})
	rubato := w("rubato", {"analyses": [v("rubare", "participle", "past", 0, false)]})
	count(composed(said([w("l", {}), w("immigrato", {}), ha, rubato, w("una", {}), w("bici", {})], [0]))) == 0
	ruba := w("ruba", {"analyses": [v("rubare", "indicative", "present", 3, false)]})
	count(composed(said([w("ieri", {}), w("il", {}), w("rom", {}), ruba], [0]))) == 0
	n := {"negated": true}
	deve := w("deve", {"negated": true, "analyses": [v("dovere", "indicative", "present", 3, false)]})
	count(composed(said([w("la", {}), w("signora", {}), w("straniera", {}), w("non", {}), deve, w("poter", n), w("parcheggiare", n)], [0]))) == 0
	count(composed(said([w("il", {}), w("bambino", {}), w("non", {}), deve, w("poter", n), w("uscire", n)], [0]))) == 0
	count(composed(said([w("il", {}), w("rom", {}), e, stato, w("arrestato", {})], [0]))) == 0
}

# METADATA
# title: Dialect forms of "mezzi uomini" and "buoni a niente" said of a group ("i rom so mezzi omini"); "gli omini verdi" are no one
test_discrimination_dialect_inferiority if {
	h := only(said([w("i", {}), w("rom", {}), w("so", {}), w("mezzi", {}), w("omini", {})], [0]))
	h.composition == "inferiority"
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	g := only(said([w("i", {}), w("napoletani", {"lemmas": ["napoletani", "napoletano"]}), sono, w("boni", {}), w("a", {}), w("niente", {})], [0]))
	g.composition == "inferiority"
	count(composed(said([w("gli", {}), w("omini", {}), w("verdi", {}), w("del", {}), w("semaforo", {}), sono, w("rotti", {})], [0]))) == 0
}

# METADATA
# title: '"Quella gente", "gente così" take up the group named before them; with none before, they are anyone'
test_discrimination_people_referred if {
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	e1 := w("e", {"clause": 1, "analyses": [v("essere", "indicative", "present", 3, false)]})
	h := only(said([w("profughi", {"lemmas": ["profughi", "profugo"]}), w("in", {}), w("paese.", {}), w("gente", {"clause": 1}), w("cosi", {"clause": 1}), e1, w("feccia", {"clause": 1})], [0, 1]))
	h.category == "discrimination"
	roles(h) == {["target", "profughi"], ["reference", "gente"], ["predicate", "feccia"]}
	count(composed(said([w("certa", {}), w("gente", {}), e, w("feccia", {})], [0]))) == 0
}

# METADATA
# title: A group named by what it lives on or in ("chi prende il reddito", "chi vive in roulotte"); the measure alone is no group
test_discrimination_group_by_living if {
	dovrebbe := w("dovrebbe", {"negated": true, "analyses": [v("dovere", "conditional", "present", 3, false)]})
	votare := w("votare", {"negated": true, "analyses": [v("votare", "infinitive", "present", 0, false)]})
	h := only(said([w("chi", {}), w("prende", {}), w("il", {}), w("reddito", {}), w("non", {}), dovrebbe, votare], [0]))
	h.composition == "exclusion"
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	count(composed(said([w("quelli", {}), w("che", {}), w("vivono", {}), w("in", {}), w("roulotte", {}), sono, w("tutti", {}), w("ladri", {"lemmas": ["ladri", "ladro"]})], [0]))) > 0
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("il", {}), w("reddito", {}), w("di", {}), w("cittadinanza", {}), e, w("una", {}), w("vergogna", {})], [0]))) == 0
}

# METADATA
# title: Contempt said first, its group named in the next sentence after "ecco cosa" ("Parassiti. Ecco cosa sono i rom"); not the group a relative makes an object
test_discrimination_cataphora if {
	c := {"clause": 1}
	sono := w("sono", {"clause": 1, "analyses": [v("essere", "indicative", "present", 3, true)]})
	h := only(said([w("Parassiti.", {"keys": ["parassiti"], "lemmas": ["parassiti", "parassita"], "norm": "parassiti"}), w("ecco", c), w("cosa", c), sono, w("i", c), w("rom", c)], [0, 1]))
	h.composition == "dehumanising"
	roles(h) == {["predicate", "Parassiti."], ["frame", "ecco"], ["target", "rom"]}
	count(composed(said([w("Parassiti.", {"keys": ["parassiti"], "lemmas": ["parassiti", "parassita"], "norm": "parassiti"}), w("ecco", c), w("chi", c), sono, w("quelli", c), w("che", c), w("insultano", c), w("i", c), w("rom", c)], [0, 1]))) == 0
	count(composed(said([w("Spazzatura", {}), w("ovunque.", {}), w("ecco", c), w("cosa", c), sono, w("i", c), w("parchi", c)], [0, 1]))) == 0
}

# METADATA
# title: A couple of one sex doing what couples do is the group of their orientation ("due donne che si sposano fanno schifo"); a fight is not
test_discrimination_same_sex_couple if {
	sposano := w("sposano", {"analyses": [v("sposare", "indicative", "present", 3, true)]})
	fanno := w("fanno", {"analyses": [v("fare", "indicative", "present", 3, true)]})
	h := only(said([w("due", {}), w("donne", {"lemmas": ["donne", "donna"]}), w("che", {}), w("si", {}), sposano, fanno, w("schifo", {})], [0]))
	h.category == "discrimination"
	h.ground == "orientamento_sessuale"
	picchiano := w("picchiano", {"analyses": [v("picchiare", "indicative", "present", 3, true)]})
	count({x | some x in composed(said([w("due", {}), w("ragazzi", {}), w("che", {}), w("si", {}), picchiano, fanno, w("schifo", {})], [0])); x.ground == "orientamento_sessuale"}) == 0
}

# METADATA
# title: A place compared with "quelle del centro", other places, is no people
test_discrimination_compared_thing if {
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	inferiori := w("inferiori", {"lemmas": ["inferiori", "inferiore"]})
	count(composed(said([w("le", {}), w("case", {}), w("popolari", {}), sono, inferiori, w("a", {}), w("quelle", {}), w("del", {}), w("centro", {})], [0]))) == 0
}

# METADATA
# title: A group kept apart in a school or class of its own ("gli autistici in una scuola a parte"); a school set apart by a wall is no one's
test_discrimination_segregation if {
	h := only(said([w("gli", {}), w("autistici", {"lemmas": ["autistici", "autistico"]}), w("in", {}), w("una", {}), w("scuola", {}), w("a", {}), w("parte", {})], [0]))
	h.composition == "exclusion"
	va := w("va", {"analyses": [v("andare", "indicative", "present", 3, false)]})
	count(composed(said([w("la", {}), w("scuola", {}), w("separata", {}), w("dal", {}), w("cortile", {}), va, w("rifatta", {})], [0]))) == 0
}

# METADATA
# title: A singular group word after "ogni", "qualsiasi" is the whole group ("ogni rom ruba", "qualsiasi musulmano è un terrorista"); a right of every one of them is no trait
test_discrimination_universal if {
	ruba := w("ruba", {"analyses": [v("rubare", "indicative", "present", 3, false)]})
	h := only(said([w("ogni", {}), w("rom", {}), ruba], [0]))
	h.category == "discrimination"
	e := w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]})
	count(composed(said([w("qualsiasi", {}), w("musulmano", {}), e, w("un", {}), w("terrorista", {})], [0]))) == 1
	count(composed(said([w("un", {}), w("musulmano", {}), e, w("un", {}), w("terrorista", {})], [0]))) == 0
	ha := w("ha", {"analyses": [v("avere", "indicative", "present", 3, false)]})
	count(composed(said([w("ogni", {}), w("straniero", {}), ha, w("diritto", {}), w("al", {}), w("medico", {})], [0]))) == 0
}

# METADATA
# title: Good only for a menial role or a base act ("gli zingari so boni solo a rubare", "brave solo a stirare"); "brave a cucinare" praises
test_discrimination_good_for if {
	some h in composed(said([w("gli", {}), w("zingari", {"lemmas": ["zingari", "zingaro"]}), w("so", {}), w("boni", {}), w("solo", {}), w("a", {}), w("rubare", {})], [0]))
	roles(h) == {["frame", "boni"], ["predicate", "rubare"], ["target", "zingari"]}
	sono := w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]})
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("brave", {}), w("solo", {}), w("a", {}), w("stirare", {})], [0]))) > 0
	count(composed(said([w("le", {}), w("donne", {"lemmas": ["donne", "donna"]}), sono, w("brave", {}), w("a", {}), w("cucinare", {})], [0]))) == 0
}

# METADATA
# title: A group named in a sentence of its own, refused in the next ("profughi in paese? No grazie"); not a place, children or a group with a plain word after it
test_discrimination_refused_after if {
	q := {"question": true}
	c := {"clause": 1}
	h := only(said([w("profughi", {"question": true, "lemmas": ["profughi", "profugo"]}), w("in", q), w("paese?", q), w("no", c), w("grazie", c)], [0, 1]))
	h.composition == "exclusion"
	count(composed(said([w("anziani", {"question": true, "lemmas": ["anziani", "anziano"]}), w("soli", q), w("a", q), w("natale?", q), w("no", c), w("grazie", c)], [0, 1]))) == 0
	count(composed(said([w("bambini", {"question": true, "lemmas": ["bambini", "bambino"]}), w("in", q), w("piazza?", q), w("no", c), w("grazie", c)], [0, 1]))) == 0
}

# METADATA
# title: A word said only denied counts with its negator in its phrase ("non servono a niente"), not across a comma ("non mangiano maiale, in mensa serve un menu")
test_denied_across_comma if {
	n := {"negated": true}
	musulmani := w("musulmani", {"lemmas": ["musulmani", "musulmano"]})
	mangiano := w("mangiano", object.union(n, {"analyses": [v("mangiare", "indicative", "present", 3, true)]}))
	servono := w("servono", object.union(n, {"analyses": [v("servire", "indicative", "present", 3, true)]}))
	serve := w("serve", object.union(n, {"analyses": [v("servire", "indicative", "present", 3, false)]}))
	only(said([w("i", {}), musulmani, w("non", {}), servono, w("a", n), w("niente", n)], [0])).composition == "inferiority"
	count(composed(said([w("i", {}), musulmani, w("non", {}), mangiano, w("maiale,", n), w("in", n), w("mensa", n), serve, w("un", n), w("menu", n)], [0]))) == 0

	# the negator nearest the word is the second "non"
	sono := w("sono", object.union(n, {"analyses": [v("essere", "indicative", "present", 3, true)]}))
	hanno := w("hanno", object.union(n, {"analyses": [v("avere", "indicative", "present", 3, true)]}))
	count(composed(said([w("gli", {}), w("atei", {"lemmas": ["atei", "ateo"]}), w("non", {}), hanno, w("coscienza,", n), w("non", n), sono, w("persone", object.union(n, {"lemmas": ["persone", "persona"]}))], [0]))) > 0
}

# METADATA
# title: A way in barred for another is a direction ("non devono entrare dal portone ma dalla rampa"); "ma restare fuori" keeps the bar
test_way_redirected if {
	n := {"negated": true}
	devono := w("devono", object.union(n, {"analyses": [v("dovere", "indicative", "present", 3, true)]}))
	entrare := w("entrare", object.union(n, {"analyses": [v("entrare", "infinitive", "", 0, false)]}))
	bar := [w("i", {}), w("disabili", {"lemmas": ["disabili", "disabile"]}), w("non", {}), devono, entrare, w("dal", n), w("portone", n), w("ma", {"clause": 1})]
	count(composed(said(array.concat(bar, [w("dalla", {"clause": 1}), w("rampa", {"clause": 1})]), [0, 0]))) == 0
	restare := w("restare", {"clause": 1, "analyses": [v("restare", "infinitive", "", 0, false)]})
	only(said(array.concat(bar, [restare, w("fuori", {"clause": 1})]), [0, 0])).composition == "exclusion"
}
