// Package engine owns the decision flow of DESIGN.md: it loads policies/
// with OPA's loader, compiles each ente on its own into one prepared query,
// computes the facts of a request (package facts, package schedule), passes
// request and facts to OPA as an ast.Value, and assembles the decision with
// its explanation and statement of reasons.
//
// The engine does no I/O per request besides what its History reads; it
// never records anything: recording belongs to the caller (the store).
package engine
