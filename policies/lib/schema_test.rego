# METADATA
# title: Every ente's data follows policies/schema/data/enti.json
# description: >-
#   Stock OPA type-checks Rego against schemas but does not validate data
#   documents, and the sandbox leaves out json.match_schema. These tests read
#   the schema (data.schema.data) and check data.enti with the built-ins the
#   sandbox allows, so that `opa test policies` refuses a misspelt key naming
#   the ente and the key. They check keys, types and enumerations, which is
#   what a misspelling breaks; the engine checks the whole schema at load.
package galateo.lib.schema_test

import rego.v1

enti_schema := data.schema.data

# METADATA
# title: What is wrong with data.enti, one message per key
data_errors contains sprintf("enti/%s: %s: unknown key (not in policies/schema/data/enti.json)", [path[0], dotted(path)]) if {
	walk(data.enti, [path, _])
	count(path) >= 2
	key := path[count(path) - 1]
	is_string(key)
	parent := at(array.slice(path, 0, count(path) - 1))
	parent.additionalProperties == false
	not parent.properties[key]
}

data_errors contains sprintf("enti/%s: %s: not a key allowed here (one of %v)", [path[0], dotted(path), names.enum]) if {
	walk(data.enti, [path, _])
	count(path) >= 2
	key := path[count(path) - 1]
	parent := at(array.slice(path, 0, count(path) - 1))
	names := resolve(parent.propertyNames)
	not key in names.enum
}

data_errors contains sprintf("enti/%s: %s: %v is not of type %s", [path[0], dotted(path), value, s.type]) if {
	walk(data.enti, [path, value])
	count(path) >= 1
	s := at(path)
	not type_ok(s.type, value)
}

data_errors contains sprintf("enti/%s: %s: %v is not one of %v", [path[0], dotted(path), value, s.enum]) if {
	walk(data.enti, [path, value])
	count(path) >= 2
	s := at(path)
	not value in s.enum
}

dotted(path) := concat(".", [sprintf("%v", [k]) | some k in array.slice(path, 1, count(path))])

# The schema follows local references only: #/definitions/<name>.
resolve(s) := enti_schema.definitions[name] if {
	name := trim_prefix(s["$ref"], "#/definitions/")
} else := s

# The schema of member key of a value that follows schema s.
child(s, key) := resolve(s.properties[key])

child(s, key) := resolve(s.additionalProperties) if {
	not s.properties[key]
	is_object(s.additionalProperties)
}

child(s, key) := resolve(s.items) if is_number(key)

# Rego has no recursion: one step per level, up to seven levels below the
# ente's id (the data's deepest is four).
step(s, path, i) := child(s, path[i]) if i < count(path)

step(s, path, i) := s if i >= count(path)

at(path) := step(step(step(step(step(step(step(step(resolve(enti_schema), path, 0), path, 1), path, 2), path, 3), path, 4), path, 5), path, 6), path, 7) if {
	count(path) <= 8
}

type_ok("object", v) if is_object(v)

type_ok("array", v) if is_array(v)

type_ok("string", v) if is_string(v)

type_ok("boolean", v) if is_boolean(v)

type_ok("number", v) if is_number(v)

type_ok("integer", v) if {
	is_number(v)
	round(v) == v
}

test_every_ente_follows_the_data_schema if {
	every e in data_errors {
		print(e)
	}
	count(data_errors) == 0
}

test_a_misspelt_key_is_named if {
	errs := data_errors with data.enti as {"massa": {"name": "Comune di Massa", "retention_dayz": 30, "flooding": {"max_repeat": 2}}}
	errs == {
		"enti/massa: retention_dayz: unknown key (not in policies/schema/data/enti.json)",
		"enti/massa: flooding.max_repeat: unknown key (not in policies/schema/data/enti.json)",
	}
}

test_a_key_of_a_closed_set_of_names_is_named if {
	errs := data_errors with data.enti as {"massa": {"categories": {"ofensive_language": {"outcome": "remove"}}}}
	count(errs) == 1
	some e in errs
	startswith(e, "enti/massa: categories.ofensive_language: not a key allowed here")
}

test_types_and_enumerations_are_checked if {
	errs := data_errors with data.enti as {"massa": {
		"retention_days": "trenta",
		"flooding": {"max_repeats": 2.5},
		"categories": {"threat": {"outcome": "rimuovi", "actions": ["remove", 3]}},
	}}
	errs == {
		"enti/massa: retention_days: trenta is not of type integer",
		"enti/massa: flooding.max_repeats: 2.5 is not of type integer",
		"enti/massa: categories.threat.outcome: rimuovi is not one of [\"allow\", \"review\", \"redirect\", \"hide\", \"remove\", \"reject\", \"not_managed\"]",
		"enti/massa: categories.threat.actions.1: 3 is not of type string",
		"enti/massa: categories.threat.actions.1: 3 is not one of [\"remove\", \"hide\", \"reply\", \"forward_to_office\", \"report_platform\", \"block_author\", \"warn_author\", \"report_authorities\", \"escalate\"]",
	}
}

test_the_data_of_every_ente_is_read if {
	count(data.enti) > 0
	every id, _ in data.enti {
		at([id])
	}
}
