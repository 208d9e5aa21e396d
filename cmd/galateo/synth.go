package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/galateo/galateo/engine"
)

// synth writes a policies folder of n synthetic comuni beside the seed
// enti, to measure what a regional provider hosting every comune of a
// region, or of Italy, would meet: each comune is data only, as most real
// ones are, applying the policy of an ente of the folder with its own
// name, platform name and patron saint's day.
func synth(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "how many synthetic comuni")
	out := fs.String("out", "", "the policies folder to write (must not exist)")
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "the policies folder whose library, lexicons and enti are copied (env GALATEO_POLICIES)")
	adopts := fs.String("adopts", "valdichiana_senese", "the ente whose policy the synthetic comuni apply")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	switch {
	case *out == "":
		return errors.New("synth: -out is required")
	case *n < 1 || *n > 100000:
		return fmt.Errorf("synth: -n %d is not between 1 and 100000", *n)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("synth: %s exists: give a folder to create", *out)
	}
	if _, err := engine.ReadFiles(*policies, *adopts); err != nil {
		return fmt.Errorf("synth: -adopts %s: %w", *adopts, err)
	}
	if err := os.CopyFS(*out, os.DirFS(*policies)); err != nil {
		return fmt.Errorf("synth: copy %s: %w", *policies, err)
	}
	for i := 1; i <= *n; i++ {
		id := fmt.Sprintf("comune_sintetico_%05d", i)
		if err := writeSynthetic(filepath.Join(*out, "enti", id), i, *adopts); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	fmt.Fprintf(stdout, "%s: %d synthetic comuni applying the policy of %s, beside the enti of %s\n", *out, *n, *adopts, *policies)
	return nil
}

// writeSynthetic writes the folder of synthetic comune i. Its patron's
// day moves through the year, so that no two comuni have the same data.
func writeSynthetic(dir string, i int, adopts string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	day := i%28 + 1
	month := (i/28)%12 + 1
	name := fmt.Sprintf("Comune di Borgo Sintetico %05d", i)
	title := "Social Media Policy del " + name
	if adopts == "valdichiana_senese" {
		// The Union's tests hold its members to naming the Union's policy.
		title += " e dell'Unione dei Comuni Valdichiana Senese"
	}
	data := fmt.Sprintf(`# A synthetic comune written by galateo synth: it applies the policy of
# %[1]s with its own name and patron saint's day.
adopts: %[1]s
name: %[2]s
policy_title: %[5]s
platform_name: %[2]s
schedule:
  patron: {date: "%02[3]d-%02[4]d", name: "Patrono del %[2]s"}
`, adopts, name, month, day, title)
	return os.WriteFile(filepath.Join(dir, "data.yaml"), []byte(data), fs.FileMode(0o644))
}
