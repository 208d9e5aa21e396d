package engine

import (
	"runtime/debug"
	"sync"
)

// Build names the binary that took a decision. The policy's revision says
// which rules applied; the build says which Go code found the facts and ran
// them, so that an auditor sees when a decision changed with the program
// rather than with the policy.
type Build struct {
	// Module is the main module's version: a tag, a pseudo-version, or
	// "(devel)" for a build from a checkout.
	Module string `json:"module"`
	// Revision is the VCS commit the binary was built from; empty when the
	// build recorded none (go test, go run outside a repository).
	Revision string `json:"revision,omitempty"`
	// Modified: the working tree had uncommitted changes at build time.
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
}

// currentBuild is CurrentBuild for a decision: its own copy.
func currentBuild() *Build { b := CurrentBuild(); return &b }

// CurrentBuild is the build of the running binary, read once from the
// information the Go toolchain embeds in it.
var CurrentBuild = sync.OnceValue(func() Build {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Build{Module: "unknown"}
	}
	b := Build{Module: info.Main.Version, Go: info.GoVersion}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
})
