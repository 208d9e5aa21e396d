# METADATA
# title: Tests of the ente's parameters
# description: >-
#   params.current with made-up enti: an ente's own data, and an ente that
#   adopts another's policy writing its own data over the adopted data,
#   object by object (as the engine's Go merge does).
package galateo.lib.params_test

import data.galateo.lib.params
import rego.v1

# --- helpers -----------------------------------------------------------------

# METADATA
# title: An ente whose policy others adopt
unione := {
	"name": "Unione di Prova",
	"channels": {
		"platforms": {"facebook": true, "instagram": true},
		"accounts": {"unione.prova": true},
	},
	"schedule": {
		"timezone": "Europe/Rome",
		"hours": {"monday": ["09:00-13:00"]},
		"patron": {"date": "06-24", "name": "San Giovanni"},
	},
	"categories": {"offensive_language": {"outcome": "remove", "severity": "grave", "actions": ["remove"]}},
	"clauses": {"insulti_turpiloquio": {"section": "Regole", "quote": "niente insulti"}},
	"replies": {"question": "Grazie, le risponderemo."},
}

# METADATA
# title: A member that adopts it, with its own name, channels and patron saint
membro := {
	"name": "Comune Membro",
	"adopts": "unione",
	"channels": {
		"platforms": {"instagram": false, "youtube": true},
		"accounts": {"comune.membro": true},
	},
	"schedule": {"patron": {"date": "08-10", "name": "San Lorenzo"}},
}

# METADATA
# title: The data of all the made-up enti
enti := {"unione": unione, "membro": membro, "solo": {"name": "Comune Solo", "channels": {"platforms": {"x": true}}}}

# METADATA
# title: params.current for an ente id
current(id) := c if {
	c := params.current with input as {"ente": id} with data.enti as enti
}

# --- tests -------------------------------------------------------------------

# METADATA
# title: An ente that adopts nothing decides with exactly its own data
test_own_data if {
	current("unione") == unione
	current("solo") == enti.solo
}

# METADATA
# title: An adopting ente decides with its data written over the adopted ente's, object by object
test_adopted_data if {
	current("membro") == {
		"name": "Comune Membro",
		"adopts": "unione",
		"channels": {
			"platforms": {"facebook": true, "instagram": false, "youtube": true},
			"accounts": {"unione.prova": true, "comune.membro": true},
		},
		"schedule": {
			"timezone": "Europe/Rome",
			"hours": {"monday": ["09:00-13:00"]},
			"patron": {"date": "08-10", "name": "San Lorenzo"},
		},
		"categories": unione.categories,
		"clauses": unione.clauses,
		"replies": unione.replies,
	}
}

# METADATA
# title: What the adopting ente does not write comes from the adopted ente; what it writes is its own
test_adopted_overrides if {
	c := current("membro")
	c.clauses == unione.clauses
	c.categories == unione.categories
	c.schedule.timezone == "Europe/Rome"
	c.schedule.patron.name == "San Lorenzo"
	c.name == "Comune Membro"

	# platforms it writes false stop being managed; those it does not write stay as adopted
	c.channels.platforms.instagram == false
	c.channels.platforms.facebook == true
}

# METADATA
# title: Adopting does not change the adopted ente's own parameters
test_adopted_unchanged if {
	current("membro")
	c := current("unione")
	c.name == "Unione di Prova"
	c.channels.platforms == {"facebook": true, "instagram": true}
	not c.adopts
}

# METADATA
# title: A list the adopting ente writes replaces the adopted list, it is not joined to it
test_adopted_lists_replaced if {
	m := object.union(membro, {"schedule": {"hours": {"monday": ["15:00-17:00"]}}})
	c := params.current with input as {"ente": "membro"} with data.enti as object.union(enti, {"membro": m})
	c.schedule.hours.monday == ["15:00-17:00"]
}

# METADATA
# title: An ente without data has no parameters
test_unknown_ente if {
	not current("nessuno")
	not params.current with input as {} with data.enti as enti
}
