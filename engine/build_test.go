package engine

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
)

// Each decision names the binary that took it: the Go toolchain always,
// and the commit whenever the build recorded one.
func TestDecisionRecordsTheBuild(t *testing.T) {
	d, err := realEngine(t).Decide(context.Background(), massaComment("Grazie per l'informazione", "2026-11-23T10:15:00+01:00"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Build == nil || d.Build.Go != runtime.Version() || d.Build.Module == "" {
		t.Fatalf("build %+v, want the toolchain %s and a module version", d.Build, runtime.Version())
	}
	info, _ := debug.ReadBuildInfo()
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && d.Build.Revision != s.Value {
			t.Errorf("revision %q, the binary was built from %q", d.Build.Revision, s.Value)
		}
	}
	d.Build.Go = "changed"
	if CurrentBuild().Go != runtime.Version() {
		t.Error("a decision's build is shared with the process's")
	}
}
