# Tests of the violence and contempt vocabulary, field by field: for each
# semantic field widened in predicates.yaml (killing, shooting, stabbing,
# hanging, burning, beating, maiming, exterminating, expelling, weapons,
# animals and filth, disgust) a threat or a hostile claim of our own composed
# with a target, and an innocent use of the same word that composes nothing:
# no target, or not the verb that makes the noun violent.
package galateo.lib.grammar_test

import rego.v1

# METADATA
# title: A verb form of the first person singular, present or conditional
first(lemma, tense) := v(lemma, mood, tense, 1, false) if {
	tense == "present"
	mood := "indicative"
} else := v(lemma, "conditional", "present", 1, false)

# METADATA
# title: The hits of a text of one clause
hits_of(specs) := composed(said(specs, [0]))

# METADATA
# title: The categories of the hits of a text of one clause
categories(specs) := {h.category | some h in hits_of(specs)}

# METADATA
# title: 'Killing: "quei rom li stecchisco"; "ti faccio secco" but not "ho fatto secco il bicchiere"'
test_field_killing if {
	categories([
		w("quei", {"lemmas": ["quei", "quello"]}),
		w("rom", {}),
		w("li", {}),
		w("stecchisco", {"clitics": ["li"], "analyses": [first("stecchire", "present")]}),
	]) == {"threat"}
	categories([
		w("ti", {}),
		w("faccio", {"lemmas": ["faccio", "fare"], "clitics": ["ti"], "analyses": [first("fare", "present")]}),
		w("secco", {}),
	]) == {"threat"}
	count(hits_of([
		w("ho", {"analyses": [first("avere", "present")]}),
		w("fatto", {"analyses": [v("fare", "participle", "past", 0, false)]}),
		w("secco", {}),
		w("il", {}),
		w("bicchiere", {}),
	])) == 0
}

# METADATA
# title: 'Shooting: "ai rom pianterei una pallottola"; "i rom hanno trovato una pallottola" is news'
test_field_shooting if {
	categories([
		w("ai", {}),
		w("rom", {}),
		w("pianterei", {"analyses": [first("piantare", "conditional")]}),
		w("una", {}),
		w("pallottola", {}),
	]) == {"threat"}
	count(hits_of([
		w("i", {}),
		w("rom", {}),
		w("hanno", {"analyses": [v("avere", "indicative", "present", 3, true)]}),
		w("trovato", {"analyses": [v("trovare", "participle", "past", 0, false)]}),
		w("una", {}),
		w("pallottola", {}),
	])) == 0
}

# METADATA
# title: 'Stabbing and burning: "li scotennerei", "li carbonizzerei"; "ho carbonizzato l''arrosto" has no target'
test_field_stabbing_burning if {
	every lemma in ["scotennare", "carbonizzare", "squarciare"] {
		categories([
			w("i", {}),
			w("rom", {}),
			w("li", {}),
			w("verbo", {"lemmas": ["verbo", lemma], "clitics": ["li"], "analyses": [first(lemma, "conditional")]}),
		]) == {"threat"}
	}
	count(hits_of([
		w("ho", {"analyses": [first("avere", "present")]}),
		w("carbonizzato", {"analyses": [v("carbonizzare", "participle", "past", 0, false)]}),
		w("l", {}),
		w("arrosto", {}),
	])) == 0
}

# METADATA
# title: 'Hanging: "ai gay metterei il cappio"; a cappio the author does not put is no threat'
test_field_hanging if {
	categories([
		w("ai", {}),
		w("gay", {}),
		w("metterei", {"analyses": [first("mettere", "conditional")]}),
		w("il", {}),
		w("cappio", {}),
	]) == {"threat"}
	count(hits_of([
		w("il", {}),
		w("cappio", {}),
		w("del", {}),
		w("museo", {}),
		w("spaventa", {"analyses": [v("spaventare", "indicative", "present", 3, false)]}),
		w("i", {}),
		w("bambini", {}),
	])) == 0
}

# METADATA
# title: 'Beating: "li prendo a pedate" (manner); "una pedata al pallone" has no target'
test_field_beating if {
	categories([
		w("i", {}),
		w("rom", {}),
		w("li", {}),
		w("prendo", {"clitics": ["li"], "analyses": [first("prendere", "present")]}),
		w("a", {}),
		w("pedate", {"lemmas": ["pedate", "pedata"]}),
	]) == {"threat"}
	count(hits_of([
		w("ho", {"analyses": [first("avere", "present")]}),
		w("dato", {"analyses": [v("dare", "participle", "past", 0, false)]}),
		w("una", {}),
		w("pedata", {}),
		w("al", {}),
		w("pallone", {}),
	])) == 0
}

# METADATA
# title: 'Maiming: "ai rom taglierei le mani"; "ai rom ho dato una mano" is help'
test_field_maiming if {
	categories([
		w("ai", {}),
		w("rom", {}),
		w("taglierei", {"analyses": [first("tagliare", "conditional")]}),
		w("le", {}),
		w("mani", {"lemmas": ["mani", "mano"]}),
	]) == {"threat"}
	count(hits_of([
		w("ai", {}),
		w("rom", {}),
		w("ho", {"analyses": [first("avere", "present")]}),
		w("dato", {"analyses": [v("dare", "participle", "past", 0, false)]}),
		w("una", {}),
		w("mano", {}),
	])) == 0
}

# METADATA
# title: 'Exterminating: "eradicherei i rom"; "eradicare la povertà" has no target'
test_field_exterminating if {
	categories([
		w("eradicherei", {"analyses": [first("eradicare", "conditional")]}),
		w("i", {}),
		w("rom", {}),
	]) == {"threat"}
	count(hits_of([
		w("eradicherei", {"analyses": [first("eradicare", "conditional")]}),
		w("la", {}),
		w("poverta", {}),
	])) == 0
}

# METADATA
# title: 'Weapons: "ai rom punterei il revolver"; the revolver of a museum is no threat'
test_field_weapons if {
	categories([
		w("ai", {}),
		w("rom", {}),
		w("punterei", {"analyses": [first("puntare", "conditional")]}),
		w("il", {}),
		w("revolver", {}),
	]) == {"threat"}
	count(hits_of([
		w("il", {}),
		w("museo", {}),
		w("espone", {"analyses": [v("esporre", "indicative", "present", 3, false)]}),
		w("il", {}),
		w("revolver", {}),
		w("di", {}),
		w("garibaldi", {}),
	])) == 0
}

# METADATA
# title: 'Animals and filth: "i nigeriani sono macachi", "sono marciume"; "i macachi dello zoo" are animals'
test_field_dehumanising if {
	every noun in [["macachi", "macaco"], ["marciume", "marciume"], ["sottospecie", "sottospecie"]] {
		categories([
			w("i", {}),
			w("nigeriani", {"lemmas": ["nigeriani", "nigeriano"]}),
			w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
			w(noun[0], {"lemmas": [noun[0], noun[1]]}),
		]) == {"discrimination"}
	}
	count(hits_of([
		w("i", {}),
		w("macachi", {"lemmas": ["macachi", "macaco"]}),
		w("dello", {}),
		w("zoo", {}),
		w("dormono", {"analyses": [v("dormire", "indicative", "present", 3, true)]}),
	])) == 0
}

# METADATA
# title: 'Disgust: "i trans sono ripugnanti"; "il razzismo è ripugnante" says it of no group'
test_field_disgust if {
	categories([
		w("i", {}),
		w("trans", {}),
		w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
		w("ripugnanti", {"lemmas": ["ripugnanti", "ripugnante"]}),
	]) == {"discrimination"}
	count(hits_of([
		w("il", {}),
		w("razzismo", {}),
		w("e", {"analyses": [v("essere", "indicative", "present", 3, false)]}),
		w("ripugnante", {}),
	])) == 0
}

# METADATA
# title: 'Expelling: "scacciamo i rom"; "scacciamo le zanzare" names no group'
test_field_expelling if {
	categories([
		w("scacciamo", {"analyses": [v("scacciare", "imperative", "present", 1, true)]}),
		w("i", {}),
		w("rom", {}),
	]) == {"discrimination"}
	count(hits_of([
		w("scacciamo", {"analyses": [v("scacciare", "imperative", "present", 1, true)]}),
		w("le", {}),
		w("zanzare", {"lemmas": ["zanzare", "zanzara"]}),
	])) == 0
}

# METADATA
# title: 'Manner after a phrase of repetition: "li educhiamo a suon di legnate"; "a suon di musica" is a feast'
test_field_manner_phrase if {
	categories(suon_di("legnate", ["legnate", "legnata"])) == {"threat"}
	count(hits_of(suon_di("musica", ["musica"]))) == 0
}

suon_di(noun, lemmas) := [
	w("i", {}),
	w("rom", {}),
	w("li", {}),
	w("educhiamo", {"clitics": ["li"], "analyses": [v("educare", "indicative", "present", 1, true)]}),
	w("a", {}),
	w("suon", {}),
	w("di", {}),
	w(noun, {"lemmas": lemmas}),
]

# METADATA
# title: 'The curse with "potere": "che possano crepare i rom"; "che possano venire i rom" wishes them well'
test_field_curse_frame if {
	categories(possano("crepare")) == {"threat"}
	count(hits_of(possano("venire"))) == 0
}

possano(verb) := [
	w("che", {}),
	w("possano", {"lemmas": ["possano", "potere"], "analyses": [v("potere", "subjunctive", "present", 3, true)]}),
	w(verb, {"analyses": [v(verb, "infinitive", "", 0, false)]}),
	w("i", {}),
	w("rom", {}),
]

# METADATA
# title: 'Molesting and running over: "le lesbiche le molesterei", "li travolgo"; news of a molestation is no threat'
test_field_molesting_running_over if {
	every lemma in ["molestare", "palpeggiare", "travolgere"] {
		categories([
			w("le", {}),
			w("lesbiche", {"lemmas": ["lesbiche", "lesbica"]}),
			w("le", {}),
			w("verbo", {"lemmas": ["verbo", lemma], "clitics": ["le"], "analyses": [first(lemma, "conditional")]}),
		]) == {"threat"}
	}
	count(hits_of([
		w("le", {}),
		w("ragazze", {"lemmas": ["ragazze", "ragazza"]}),
		w("sono", {"analyses": [v("essere", "indicative", "present", 3, true)]}),
		w("state", {"analyses": [v("essere", "participle", "past", 0, true)]}),
		w("molestate", {"analyses": [v("molestare", "participle", "past", 0, true)]}),
	])) == 0
}
