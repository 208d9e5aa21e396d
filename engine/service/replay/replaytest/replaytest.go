// Package replaytest gives the tests of replay, in every package, a
// revision that changes known decisions.
package replaytest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WithoutEscalation copies the policies folder root into a temporary
// folder and edits Massa's data so that threats are no longer escalated:
// the kind of change legal staff make, which changes exactly the decisions
// of Massa that escalated a threat. It returns the copy.
func WithoutEscalation(tb testing.TB, root string) string {
	tb.Helper()
	dst := tb.TempDir()
	if err := os.CopyFS(dst, os.DirFS(root)); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dst, "enti", "massa", "data.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	edited := false
	for i, l := range lines {
		if strings.HasPrefix(l, "  threat:") && strings.Contains(l, ", escalate]") {
			lines[i], edited = strings.Replace(l, ", escalate]", "]", 1), true
		}
	}
	if !edited {
		tb.Fatalf("%s escalates no threat any more: update replaytest to the policy", filepath.Join(root, "enti", "massa", "data.yaml"))
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dst
}
