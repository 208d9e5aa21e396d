// Package policies owns what the binary takes from the policies folder when
// it is built: the sandbox, the OPA capabilities file sandbox.capabilities
// that lists the only built-in functions a policy may call. The engine
// compiles every ente with it and `make lint` hands the same file to stock
// `opa check --capabilities`, so a policy author and the server refuse the
// same modules. It is embedded rather than read at run time so that whoever
// can write to a policies folder cannot widen the sandbox.
package policies

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// CapabilitiesFile is the sandbox's path in the policies folder. It is not
// named *.json so that `opa test policies` does not load it as data.
const CapabilitiesFile = "policies/sandbox.capabilities"

//go:embed sandbox.capabilities
var sandbox []byte

var capabilities = sync.OnceValues(func() (*ast.Capabilities, error) {
	c, err := ast.LoadCapabilitiesJSON(bytes.NewReader(sandbox))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", CapabilitiesFile, err)
	}
	return c, nil
})

// Capabilities returns the sandbox. The value is shared: callers must not
// change it.
func Capabilities() (*ast.Capabilities, error) { return capabilities() }

// Forbidden names every built-in of the pinned OPA that the sandbox leaves
// out, with the reason a policy author is told. A decision must depend only
// on its input and the ente's data (DESIGN.md: no I/O, no clock), so that a
// replay gives the same answer and no policy can carry personal data out.
var Forbidden = map[string]string{
	"http.send":              "it makes network requests: a policy could send requests, with their personal data, elsewhere",
	"net.lookup_ip_addr":     "it makes DNS lookups: network I/O, and the answer changes over time",
	"net.cidr_expand":        "it lists every address of a network, unbounded (a /8 is 16 million strings) and not cancelled by the evaluation deadline",
	"opa.runtime":            "it reveals the server's environment variables and configuration, secrets included",
	"time.now_ns":            "it reads the clock: use input.now, which is recorded, so that a replay gives the same answer",
	"rand.intn":              "it is random: a replay would not give the same answer",
	"uuid.rfc4122":           "it is random: a replay would not give the same answer",
	"trace":                  "its notes reach whatever traces the evaluation, outside the audit log's masking; use print in tests",
	"io.jwt.encode_sign":     "its signatures may be random (ECDSA) and a policy has no business holding signing keys",
	"io.jwt.encode_sign_raw": "its signatures may be random (ECDSA) and a policy has no business holding signing keys",
	"io.jwt.decode_verify":   "it checks expiry against the clock unless told a time: not repeatable",
	"crypto.x509.parse_and_verify_certificates":              "it checks validity against the clock: not repeatable",
	"crypto.x509.parse_and_verify_certificates_with_options": "it checks validity against the clock unless told a time: not repeatable",
	"json.match_schema":  "a schema's $ref may read a file or fetch a URL",
	"json.verify_schema": "a schema's $ref may read a file or fetch a URL",
}
