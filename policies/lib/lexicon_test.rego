# METADATA
# title: Tests of the lexicon lookups
# description: >-
#   Words, phrases and hashtags found in the real lexicon (policies/lexicon),
#   the exception phrases and surnames that shield words, quoted and
#   reported speech, and the shape of the lexicon data itself. Inputs come
#   from the builder of the checks' tests.
package galateo.lib.lexicon_test

import data.galateo.lib.lexicon
import data.galateo.lib.testinput.mk
import data.galateo.lib.testinput.ngrams
import data.galateo.lib.testinput.tokens
import rego.v1

# METADATA
# title: A hashtag as the engine reports it (folded, without its sign)
tag(name, start) := {"tag": name, "start": start, "end": (start + count(name)) + 1}

# METADATA
# title: The words from index i to j marked as quoted or reported speech
# description: a phrase is marked when every word of it is, as the engine marks it.
speaking(words, mark, i, j, overrides) := mk(words, object.union(
	{"facts": {
		"tokens": [object.union(t, {mark: between(t.start, t.end, toks[i].start, toks[j].end)}) | some t in toks],
		"ngrams": [object.union(g, {mark: between(g.start, g.end, toks[i].start, toks[j].end)}) | some g in ngrams(words)],
	}},
	overrides,
)) if {
	toks := tokens(words)
}

between(start, end, from, to) if {
	from <= start
	end <= to
}

default between(_, _, _, _) := false

# METADATA
# title: Terms found in a text of words, with their marks of speech
found(req) := {[h.term, object.get(h, "quoted", false), object.get(h, "reported", false)] | some h in hits} if {
	hits := lexicon.hits with input as req
}

# METADATA
# title: A word is found with its entry, its text as written and its span
test_word_hit if {
	hits := lexicon.hits with input as mk(["Sei", "uno", "STRONZO"], {})
	hits == {{
		"category": "offensive_language",
		"severity": "grave",
		"lemma": "stronzo",
		"fact": "lexicon",
		"term": "stronzo",
		"match": "STRONZO",
		"start": 8,
		"end": 15,
	}}
}

# METADATA
# title: Every key of a token is looked up (stronzzzo → stronzzo, stronzo)
test_word_second_key if {
	tok := {"text": "stronzzzo", "norm": "stronzzo", "keys": ["stronzzo", "stronzo"], "start": 4, "end": 13}
	hits := lexicon.hits with input as mk([], {"facts": {"tokens": [tok]}})
	[h] := [x | some x in hits]
	h.term == "stronzo"
	h.match == "stronzzzo"
	[h.start, h.end] == [4, 13]
}

# METADATA
# title: A phrase is found over the span of its words
test_phrase_hit if {
	hits := lexicon.hits with input as mk(["io", "ti", "ammazzo"], {})
	[h] := [x | some x in hits]
	h.category == "threat"
	h.term == "ti ammazzo"
	h.match == "ti ammazzo"
	[h.start, h.end] == [3, 13]
}

# METADATA
# title: A phrase and a word inside it are both found
test_phrase_and_word if {
	hits := lexicon.hits with input as mk(["figlio", "di", "puttana"], {})
	{h.term | some h in hits} == {"figlio di puttana", "puttana"}
}

# METADATA
# title: Inflected forms are keys of their own, with the lemma
test_inflected_forms if {
	every word in ["stronza", "stronzi", "stronze", "cogliona", "rincoglionite", "idiote", "imbecilli", "cretine"] {
		[h] := [x | some x in lexicon.hits] with input as mk([word], {})
		h.category == "offensive_language"
	}
	every words in [["vi", "ammazzero"], ["lo", "uccido"], ["ti", "spacchero"], ["so", "dove", "abitate"]] {
		{h.category | some h in lexicon.hits} == {"threat"} with input as mk(words, {})
	}
}

# METADATA
# title: Blasphemy is offensive language of kind blasphemy, in phrases and written together
test_blasphemy if {
	every words in [["porco", "dio"], ["dio", "cane"], ["porcamadonna"], ["madonna", "maiala"]] {
		[h] := [x | some x in lexicon.hits] with input as mk(words, {})
		[h.category, h.kind, h.severity] == ["offensive_language", "blasphemy", "grave"]
	}
	count(lexicon.hits) == 0 with input as mk(["porca", "miseria", "madonna", "santa"], {})
}

# METADATA
# title: Discrimination carries its ground
test_discrimination_grounds if {
	cases := {
		"origine_etnica": ["sporchi", "negri"],
		"orientamento_sessuale": ["frocio"],
		"disabilita": ["sei", "ritardato"],
		"genere": ["torna", "in", "cucina"],
		"lingua": ["impara", "l", "italiano"],
		"religione": ["sporco", "ebreo"],
		"eta": ["vecchi", "rimbambiti"],
		"condizioni_sociali": ["pezzenti"],
	}
	every ground, words in cases {
		ground in {h.ground | some h in lexicon.in_category("discrimination")} with input as mk(words, {})
	}
}

# METADATA
# title: Words with a plain meaning are lieve; the phrase that insults is not
test_plain_meaning_lieve if {
	{[h.term, h.severity] | some h in lexicon.hits} == {["ritardato", "lieve"]} with input as mk(["volo", "ritardato", "di", "un", "giorno"], {})
	{[h.term, h.severity] | some h in lexicon.hits} == {["ritardato", "lieve"], ["sei ritardato", "media"]} with input as mk(["sei", "ritardato"], {})
	{[h.term, h.severity] | some h in lexicon.hits} == {["vermi", "lieve"]} with input as mk(["vermi", "nella", "mensa"], {})
	{[h.term, h.severity] | some h in lexicon.hits} == {["demente", "lieve"]} with input as mk(["mia", "nonna", "e", "demente"], {})
}

# METADATA
# title: Harsh criticism a public body must accept finds nothing
test_criticism_finds_nothing if {
	every words in [
		["incompetenti", "vergogna", "dimettetevi"],
		["siete", "dei", "ladri", "di", "tempo"],
		["ignoranti", "e", "incapaci"],
		["andate", "a", "votare"],
		["ti", "vengo", "incontro"],
		["una", "bomba", "al", "cioccolato"],
		["te", "la", "faccio", "breve"],
		["chi", "vota", "per", "la", "nuova", "piazza"],
	] {
		count(lexicon.hits) == 0 with input as mk(words, {})
	}
}

# METADATA
# title: Exception phrases shield the words inside them, and only those
test_exceptions_shield if {
	cases := {
		"cavallo di troia": {"words": ["il", "cavallo", "di", "troia"], "want": set()},
		"Elena di Troia": {"words": ["Elena", "di", "Troia"], "want": set()},
		"comune di Troia": {"words": ["comune", "di", "Troia"], "want": set()},
		"abito a Bastardo": {"words": ["abito", "a", "Bastardo"], "want": set()},
		"mozzarella di bufala": {"words": ["mozzarella", "di", "bufala"], "want": set()},
		"negro amaro": {"words": ["un", "negro", "amaro"], "want": set()},
		"Madonna del Buon Consiglio": {"words": ["Madonna", "del", "Buon", "Consiglio"], "want": set()},
		"hotel a 5 stelle": {"words": ["hotel", "a", "5", "stelle"], "want": set()},
		"posto handicappati": {"words": ["il", "posto", "handicappati"], "want": set()},
		"cane bastardo": {"words": ["un", "cane", "bastardo"], "want": set()},
		"lower case is not a name": {"words": ["figlio", "di", "troia"], "want": {"figlio di troia", "troia"}},
		"insult alone": {"words": ["sei", "una", "troia"], "want": {"troia"}},
		"insult after the exception": {"words": ["cavallo", "di", "troia", "e", "troia"], "want": {"troia"}},
		"word before the exception": {"words": ["negro", "e", "negro", "amaro"], "want": {"negro"}},
	}
	every name, c in cases {
		print("case:", name)
		got := {h.term | some h in lexicon.hits} with input as mk(c.words, {})
		got == c.want
	}
}

# METADATA
# title: The shielded hit is the one inside the exception's span; capitalised exceptions need a capital
test_exceptions_span if {
	req := mk(["cavallo", "di", "troia", "e", "troia"], {})
	[h] := [x | some x in lexicon.hits] with input as req
	[h.start, h.end] == [19, 24]
	lexicon.exceptions == {[0, 16]} with input as req
	lexicon.exceptions == {[0, 16], [8, 16]} with input as mk(["cavallo", "di", "Troia"], {})
}

# METADATA
# title: A threat right after "non" is its negation; other categories are not negated
test_negation if {
	count(lexicon.hits) == 0 with input as mk(["non", "so", "chi", "sei"], {})
	count(lexicon.hits) == 0 with input as mk(["non", "ti", "ammazzo"], {})
	{h.term | some h in lexicon.hits} == {"so chi sei"} with input as mk(["non", "lo", "so", "chi", "sei"], {})
	{h.term | some h in lexicon.hits} == {"idiota"} with input as mk(["non", "idiota"], {})
}

# METADATA
# title: A cry of death right after "di" is a complement ("minacce di morte al sindaco"); alone it is a threat
test_complement if {
	{h.term | some h in lexicon.hits} == {"morte al sindaco"} with input as mk(["morte", "al", "sindaco"], {})
	count(lexicon.hits) == 0 with input as mk(["minacce", "di", "morte", "al", "sindaco"], {})
}

# METADATA
# title: A surname that is also a word is shielded only as part of a person's name
test_surnames if {
	cases := {
		"after a title": {"words": ["il", "signor", "Troia"], "want": set()},
		"after an abbreviated title": {"words": ["la", "sig", "ra", "Negri"], "want": set()},
		"after an office": {"words": ["l", "assessore", "Negri"], "want": set()},
		"lower case after a title": {"words": ["il", "signor", "troia"], "want": {"troia"}},
		"capitalised without a name": {"words": ["sei", "una", "Troia"], "want": {"troia"}},
		"not a surname": {"words": ["il", "signor", "Stronzo"], "want": {"stronzo"}},
		"first word": {"words": ["Troia"], "want": {"troia"}},
	}
	every name, c in cases {
		print("case:", name)
		got := {h.term | some h in lexicon.hits} with input as mk(c.words, {})
		got == c.want
	}
}

# METADATA
# title: A surname inside a person_name the engine found is shielded; one outside it is not
test_surname_in_person_name if {
	words := ["Giuseppe", "Troia", "e", "Troia"]
	name := {"kind": "person_name", "start": 0, "end": 14, "validated": false, "domain_suffixes": [], "digits": ""}
	hits := lexicon.hits with input as mk(words, {"facts": {"pii": [name]}})
	{[h.term, h.start] | some h in hits} == {["troia", 17]}
	other := object.union(name, {"kind": "email"})
	count(lexicon.hits) == 2 with input as mk(words, {"facts": {"pii": [other]}})
}

# METADATA
# title: Hits in quoted or reported speech say so; the author's own words carry no mark
test_speech_marks if {
	words := ["mi", "ha", "dato", "del", "cretino", "e", "ti", "ammazzo"]
	found(speaking(words, "reported", 4, 4, {})) == {["cretino", false, true], ["ti ammazzo", false, false]}
	found(speaking(words, "quoted", 6, 7, {})) == {["cretino", false, false], ["ti ammazzo", true, false]}
	found(mk(words, {})) == {["cretino", false, false], ["ti ammazzo", false, false]}
}

# METADATA
# title: A hashtag is quoted when the token of its words is
test_hashtag_speech if {
	req := speaking(["scrivono", "votarossi"], "quoted", 1, 1, {"facts": {"hashtags": [tag("votarossi", 8)]}})
	found(req) == {["vota", true, false]}
	found(speaking(["scrivono", "votarossi"], "quoted", 0, 0, {"facts": {"hashtags": [tag("votarossi", 8)]}})) == {["vota", false, false]}
}

# METADATA
# title: in_category_as leaves out quoted and reported hits only where the ente says so
test_in_category_as if {
	req := speaking(["mi", "ha", "dato", "del", "cretino", "idiota"], "reported", 4, 4, {})
	cases := {
		"no parameter": {"params": {}, "want": {"cretino", "idiota"}, "left": set()},
		"shield off": {"params": {"lexicon": {"shield_quoted": false}}, "want": {"cretino", "idiota"}, "left": set()},
		"shield every category": {"params": {"lexicon": {"shield_quoted": true}}, "want": {"idiota"}, "left": {"cretino"}},
		"shield this category": {"params": {"lexicon": {"shield_quoted": {"offensive_language": true}}}, "want": {"idiota"}, "left": {"cretino"}},
		"shield another category": {"params": {"lexicon": {"shield_quoted": {"threat": true}}}, "want": {"cretino", "idiota"}, "left": set()},
	}
	every name, c in cases {
		print("case:", name)
		{h.term | some h in lexicon.in_category_as("offensive_language", c.params)} == c.want with input as req
		{h.term | some h in lexicon.quoted_in_category("offensive_language", c.params)} == c.left with input as req
	}
	{h.term | some h in lexicon.in_category("offensive_language")} == {"cretino", "idiota"} with input as req
}

# METADATA
# title: Electoral hashtags, exact or by prefix, as hashtag evidence
test_hashtags if {
	hits := lexicon.hits with input as mk(["forza"], {"facts": {"hashtags": [tag("elezioni2026", 6), tag("votarossi", 20), tag("massa", 31)]}})
	hits == {
		{"category": "political_propaganda", "severity": "media", "kind": "call", "fact": "hashtag", "term": "elezioni2026", "match": "#elezioni2026", "start": 6, "end": 19},
		{"category": "political_propaganda", "severity": "media", "kind": "call", "fact": "hashtag", "term": "vota", "match": "#votarossi", "start": 20, "end": 30},
	}
}

# METADATA
# title: Engine hashtags are folded; a prefix matches them, a longer tag may match two prefixes
test_hashtag_prefixes if {
	hits := lexicon.hits with input as mk([], {"facts": {"hashtags": [tag("votaterossi", 0), tag("iovotosi", 13)]}})
	{[h.term, h.match] | some h in hits} == {["vota", "#votaterossi"], ["votate", "#votaterossi"], ["iovoto", "#iovotosi"]}
	count(lexicon.hits) == 0 with input as mk([], {"facts": {"hashtags": [tag("massacentro", 0), tag("rossi", 13)]}})
	count(lexicon.hits) == 0 with input as mk([], {"facts": {"hashtags": [tag("votazionionline", 0), tag("votanti", 17)]}})
}

# METADATA
# title: A tag listed exactly is not found again by prefix
test_hashtag_exact_before_prefix if {
	hits := lexicon.hits with input as mk([], {"facts": {"hashtags": [tag("votarossi", 0)]}})
		with data.lexicon.hashtags as {"votarossi": {"category": "political_propaganda", "severity": "grave", "kind": "call"}}
	[h] := [x | some x in hits]
	h.term == "votarossi"
	h.severity == "grave"
}

# METADATA
# title: Hits of one category only
test_in_category if {
	req := mk(["idiota", "ti", "ammazzo", "vota", "per", "noi"], {})
	{h.term | some h in lexicon.in_category("offensive_language")} == {"idiota"} with input as req
	{h.term | some h in lexicon.in_category("threat")} == {"ti ammazzo"} with input as req
	{h.term | some h in lexicon.in_category("political_propaganda")} == {"vota per"} with input as req
	lexicon.in_category("discrimination") == set() with input as req
}

# METADATA
# title: The text's keys, of words and of phrases, and an ente's lists looked up by them
test_text_keys_and_mentions if {
	req := mk(["Segnalo", "una", "buca"], {})
	lexicon.token_keys == {"segnalo", "una", "buca"} with input as req
	lexicon.ngram_keys == {"segnalo una", "una buca", "segnalo una buca"} with input as req
	lexicon.text_keys == {"segnalo", "una", "buca", "segnalo una", "una buca", "segnalo una buca"} with input as req
	lexicon.mentions({"buca": true, "lampione": true}) with input as req
	lexicon.mentions({"una buca": "Tecnico - Lavori Pubblici"}) with input as req
	not lexicon.mentions({"buca": false}) with input as req
	not lexicon.mentions({"marciapiede": true}) with input as req
	not lexicon.mentions({}) with input as req
}

# METADATA
# title: Hits grouped by category, only for the categories found
test_by_category if {
	groups := lexicon.by_category with input as mk(["idiota", "e", "cretino", "ti", "ammazzo"], {})
	object.keys(groups) == {"offensive_language", "threat"}
	{h.term | some h in groups.offensive_language} == {"idiota", "cretino"}
	lexicon.by_category == {} with input as mk(["buongiorno"], {})
}

# METADATA
# title: Clean text finds nothing
test_no_hits if {
	count(lexicon.hits) == 0 with input as mk(["buongiorno", "quando", "apre", "il", "mercato", "di", "piazza", "aranci"], {})
}

# --- The shape of the lexicon data -------------------------------------------

# METADATA
# title: Exceptions are two or three folded words, the only phrases the engine matches
test_data_exceptions_matchable if {
	bad := {k | some k, _ in data.lexicon.exceptions; not regex.match(`^[a-z0-9]+( [a-z0-9]+){1,2}$`, k)}
	bad == set()
}

# METADATA
# title: Surnames are lexicon words; name titles and hashtags are single folded words
test_data_names_and_tags if {
	{k | some k, _ in data.lexicon.surnames; not data.lexicon.terms[k]} == set()
	{k | some k, _ in data.lexicon.name_titles; not regex.match(`^[a-z]+$`, k)} == set()
	{k | some k, _ in data.lexicon.hashtags; not regex.match(`^[a-z0-9]+$`, k)} == set()
	{k | some k, _ in data.lexicon.hashtag_prefixes; not regex.match(`^[a-z0-9]+$`, k)} == set()
}

# METADATA
# title: Every discrimination term has one of the documented grounds; blasphemy is always grave
test_data_grounds_and_blasphemy if {
	grounds := {
		"genere", "origine_etnica", "lingua", "religione", "convinzioni_personali", "opinioni_politiche",
		"orientamento_sessuale", "eta", "disabilita", "condizioni_sociali",
	}
	{k | some k, t in data.lexicon.terms; t.category == "discrimination"; not t.ground in grounds} == set()
	{k | some k, t in data.lexicon.terms; t.kind == "blasphemy"; t.severity != "grave"} == set()
	{k | some k, t in data.lexicon.terms; t.category == "political_propaganda"; not t.kind in {"call", "party"}} == set()
}

# METADATA
# title: Every target has a kind; groups and slurs a documented ground, staff a role, slurs a severity
test_data_targets if {
	grounds := {
		"genere", "origine_etnica", "lingua", "religione", "convinzioni_personali", "opinioni_politiche",
		"orientamento_sessuale", "identita_di_genere", "eta", "disabilita", "condizioni_sociali",
	}
	{k | some k, t in data.lexicon.targets; not t.kind in {"group", "slur", "staff", "individual", "institution"}} == set()
	{k | some k, t in data.lexicon.targets; t.kind in {"group", "slur"}; not t.ground in grounds} == set()
	{k | some k, t in data.lexicon.targets; t.kind == "slur"; not t.severity in {"grave", "media", "lieve"}} == set()
	{k | some k, t in data.lexicon.targets; t.kind == "staff"; not t.role in {"staff", "administrator", "moderator"}} == set()
	{k | some k, _ in data.lexicon.targets; not folded_phrase(k)} == set()
	{k | some _, words in data.lexicon.target_pronouns; some k, _ in words; not regex.match(`^[a-z]+$`, k)} == set()
	{k | some k, t in data.lexicon.targets; some flag in ["place", "adjective", "collective", "minor", "nominal"]; not object.get(t, flag, true) == true} == set()
}

# METADATA
# title: Every predicate has a kind and a severity; its verbs, voice and polarity are documented
test_data_predicates if {
	kinds := {"violence", "dehumanising", "negative_trait", "exclusion", "contempt", "inferiority"}
	{k | some k, p in data.lexicon.predicates; not p.kind in kinds} == set()
	{k | some k, p in data.lexicon.predicates; not p.severity in {"grave", "media", "lieve"}} == set()
	{k | some k, p in data.lexicon.predicates; not folded_phrase(k)} == set()
	{k | some k, p in data.lexicon.predicates; some verb in object.get(p, "with", []); not regex.match(`^[a-z]+(are|ere|ire|rre)$`, verb)} == set()
	{k | some k, p in data.lexicon.predicates; not object.get(p, "voice", "intransitive") == "intransitive"} == set()
	{k | some k, p in data.lexicon.predicates; not object.get(p, "when", "negated") == "negated"} == set()
	{k | some k, p in data.lexicon.predicates; not object.get(p, "mood", "any") in {"threat", "generic", "self", "any"}} == set()
	{k | some k, p in data.lexicon.predicates; some n in object.get(p, "nouns", []); not regex.match(`^[a-z]+$`, n)} == set()
	{k | some k, p in data.lexicon.predicates; not is_boolean(object.get(p, "link", false))} == set()
	{k | some k, p in data.lexicon.predicates; p.manner; not p.with} == set()
	{k | some k, p in data.lexicon.predicates; not object.get(p, "framed", true) == true} == set()
	{k | some k, p in data.lexicon.predicates; p.framed; p.kind != "violence"} == set()
	{k | some k, p in data.lexicon.predicates; some field in {"means", "bare", "falls", "wished", "political"}; not object.get(p, field, true) == true} == set()
	{k | some k, p in data.lexicon.predicates; some field in {"means", "bare", "falls", "wished", "political", "survives", "place_severity"}; object.get(p, field, null) != null; p.kind != "violence"} == set()
	{k | some k, p in data.lexicon.predicates; some verb in object.get(p, "survives", []); not regex.match(`^[a-z]+(are|ere|ire|rre)$`, verb)} == set()
	{k | some k, p in data.lexicon.predicates; not object.get(p, "place_severity", "media") in {"grave", "media", "lieve"}} == set()
}

# METADATA
# title: Frames are folded keys of one to three words, of a documented kind
test_data_frames if {
	kinds := {"intent", "wish", "plan", "obligation", "incitement", "proposal", "generalisation", "comparison", "exclusion", "counter", "presupposition", "rhetorical"}
	{k | some k, f in data.lexicon.frames; not f.kind in kinds} == set()
	{k | some k, f in data.lexicon.frames; f.negation; f.negation != "own"} == set()
	{k | some k, _ in data.lexicon.frames; not folded_phrase(k)} == set()
	{k | some k, f in data.lexicon.frames; f.severity; not f.kind in {"exclusion", "generalisation"}} == set()
	{k | some k, f in data.lexicon.frames; f.verb; not verb_frame(k, f)} == set()
	{k | some k, f in data.lexicon.frames; f.adverb; f.adverb != true} == set()
	{k | some k, f in data.lexicon.frames; f.ground; not f.severity} == set()
	{k | some k, f in data.lexicon.frames; f.when; f.when != "negated"} == set()
	{k | some k, f in data.lexicon.frames; f.when; not f.severity} == set()
}

# A verb frame is an infinitive of the author's intent, plan or wish.
verb_frame(k, f) if {
	f.verb == true
	regex.match(`^[a-z]+(are|ere|ire|rre)$`, k)
	f.kind in {"intent", "plan", "wish"}
}

# A folded key the engine can match: one to three words of lower-case letters and digits.
folded_phrase(k) if regex.match(`^[a-z0-9]+( [a-z0-9]+){0,2}$`, k)
