# METADATA
# title: The schema every Galateo package reads input through
# description: >-
#   With `opa check --schema policies/schema` (make lint), a rule's reference
#   to a path of input that policies/schema/input/decision.json does not have
#   (a misspelt fact) is a type error with file and line. Without --schema,
#   as in the engine and in opa test, this annotation is ignored. Data keys
#   are not type-checked here: rules read them through params.current, an
#   object.union, and OPA types a map of free names as any. The data schema
#   (policies/schema/data/enti.json) is checked by the engine at load and by
#   lib/schema_test.rego.
# scope: subpackages
# schemas:
#   - input: schema.input.decision
package galateo
