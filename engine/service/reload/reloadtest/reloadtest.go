// Package reloadtest gives the tests of reloading what they share: a copy
// of the project's policies and fixtures they may edit, and the edit.
package reloadtest

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// CopyTree copies the policies and fixtures of the project at root into a
// temporary folder: those of the enti named, or of every ente when none
// is. Each ente a reloader gates costs its Rego tests and fixtures, so most
// tests take the few they need. Go files are left out.
func CopyTree(t testing.TB, root string, enti ...string) (policies, fixtures string) {
	t.Helper()
	dir := t.TempDir()
	wanted := func(tree, rel string) bool {
		parts := strings.Split(filepath.ToSlash(rel), "/")
		switch {
		case len(enti) == 0:
			return true
		case tree == "policies" && len(parts) >= 2 && parts[0] == "enti":
			return slices.Contains(enti, parts[1])
		case tree == "fixtures" && rel != "." && !strings.Contains(parts[0], "."):
			return slices.Contains(enti, parts[0])
		}
		return true
	}
	for _, name := range []string{"policies", "fixtures"} {
		src := filepath.Join(root, name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if !wanted(name, rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			dst := filepath.Join(dir, name, rel)
			if d.IsDir() {
				return os.MkdirAll(dst, 0o755)
			}
			if strings.HasSuffix(p, ".go") {
				return nil
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, raw, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "policies"), filepath.Join(dir, "fixtures")
}

// Edit replaces the first old in the file at path with new, and fails the
// test when the file does not hold old.
func Edit(t testing.TB, path, old, new string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(raw), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
