package engine

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	sandboxfile "github.com/galateo/galateo/policies"
)

// sandbox returns the capabilities every ente compiles with, and its tests
// run with: only the pure built-ins of policies/sandbox.capabilities.
func sandbox() (*ast.Capabilities, error) {
	c, err := sandboxfile.Capabilities()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	return c, nil
}

// SandboxCompiler is a compiler for Rego tests held to the sandbox: a test
// module must not reach the network while a reload gates its revision.
func SandboxCompiler() (*ast.Compiler, error) {
	c, err := sandbox()
	if err != nil {
		return nil, err
	}
	return ast.NewCompiler().WithCapabilities(c).WithDefaultRegoVersion(ast.RegoV1), nil
}

// ExplainSandbox rewrites OPA's "undefined function http.send", for a
// built-in the sandbox leaves out, into why it is refused, keeping the
// file, row and column before it. OPA wraps its compile errors in text
// ("bundle activation failed: ..."), so the rewrite is on the text.
func ExplainSandbox(err error) error {
	msg := err.Error()
	out := undefinedFunction.ReplaceAllStringFunc(msg, func(m string) string {
		name := strings.TrimPrefix(m, "undefined function ")
		why, forbidden := sandboxfile.Forbidden[name]
		if !forbidden {
			return m
		}
		return fmt.Sprintf("%s is not allowed in policies (sandbox %s): %s", name, sandboxfile.CapabilitiesFile, why)
	})
	if out == msg {
		return err
	}
	return &sandboxError{msg: out, err: err}
}

var undefinedFunction = regexp.MustCompile(`undefined function [A-Za-z0-9_.]+`)

// sandboxError is a compile error that says why a built-in is refused; it
// unwraps to OPA's error.
type sandboxError struct {
	msg string
	err error
}

func (e *sandboxError) Error() string { return e.msg }
func (e *sandboxError) Unwrap() error { return e.err }
