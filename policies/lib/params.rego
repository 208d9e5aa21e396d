# METADATA
# title: Parameters of the ente deciding
# description: >-
#   An ente's parameters are its data (data.enti.<id>). An ente that adopts
#   another's policy (adopts: <id>) writes only what is its own — channels,
#   patron saint's day — over the adopted ente's data.
package galateo.lib.params

import rego.v1

# METADATA
# title: The deciding ente's parameters, over those of the ente it adopts
current := object.union(data.enti[own.adopts], own) if {
	own := data.enti[input.ente]
	own.adopts
} else := data.enti[input.ente]
