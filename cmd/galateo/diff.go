package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/diff"
	"github.com/galateo/galateo/engine/service/replay"
	"github.com/galateo/galateo/store"
)

// enteRe is the syntax of an ente id, checked before it names a folder.
var enteRe = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// diffCmd compares two versions of an ente's policy, each a revision kept
// in the store, a policies folder or a git ref: the Rego text, the data,
// and the decisions of the fixtures and of the logged contents that change.
func diffCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	ente := fs.String("ente", "", "the ente whose policy is compared (required)")
	from := fs.String("from", "", "the version compared from (required): a revision kept in the store (sha256:...), a policies folder, or a git ref of the repository that holds -policies")
	to := fs.String("to", "", "the version compared to, named as -from; by default the -policies folder")
	policies := fs.String("policies", env("GALATEO_POLICIES", "policies"), "the policies folder: the default -to, and the folder that git refs name (env GALATEO_POLICIES)")
	fixturesDir := fs.String("fixtures", env("GALATEO_FIXTURES", "fixtures"), `fixtures folder: the ente's cases are decided under both versions (env GALATEO_FIXTURES; "" for none)`)
	since := fs.String("since", "", "also replay the ente's logged decisions of the last period (30d, 12h, 90m) under both versions; reads -db")
	limit := fs.Int("limit", replay.DefaultLimit, fmt.Sprintf("with -since, at most this many logged decisions, newest first (at most %d)", replay.MaxLimit))
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	usage := usageError(stderr, "diff")
	set := flagsSet(fs)
	switch {
	case *ente == "":
		return usage("-ente is required")
	case !enteRe.MatchString(*ente):
		return usage("-ente %q is not an ente id: lower case letters, digits and underscores", *ente)
	case *from == "":
		return usage("-from is required: a revision (sha256:...), a policies folder or a git ref")
	case set["to"] && *to == "":
		return usage("-to is empty: leave it out to compare with the -policies folder")
	case *limit < 1 || *limit > replay.MaxLimit:
		return usage("-limit must be from 1 to %d", replay.MaxLimit)
	case set["limit"] && *since == "":
		return usage("-limit bounds the logged decisions of -since: give -since too")
	}
	opts := diff.BehaviourOptions{Fixtures: *fixturesDir, Limit: *limit}
	if *since != "" {
		d, err := parseSince(*since)
		if err != nil {
			return usage("-since: %v", err)
		}
		opts.Since = time.Now().Add(-d)
	}
	if *fixturesDir != "" {
		if _, err := os.Stat(*fixturesDir); err != nil {
			return fmt.Errorf("-fixtures %s: %w (give -fixtures \"\" to compare without fixtures)", *fixturesDir, err)
		}
	}
	toRef := *to
	if toRef == "" {
		toRef = *policies
	}

	src := &versionSource{ente: *ente, db: *db, policies: *policies}
	defer src.close()
	a, err := src.compile(ctx, "-from", *from)
	if err != nil {
		return err
	}
	b, err := src.compile(ctx, "-to", toRef)
	if err != nil {
		return err
	}
	rep, err := diff.Compare(*ente, a.Source, b.Source)
	if err != nil {
		return err
	}
	rep.From.Ref, rep.From.Revision = *from, a.Revision
	rep.To.Ref, rep.To.Revision = toRef, b.Revision
	if *since != "" {
		if opts.Log, err = src.store(ctx); err != nil {
			return err
		}
	}
	if rep.Behaviour, err = diff.CompareBehaviour(ctx, a, b, opts); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	return rep.WriteText(stdout)
}

// versionSource finds the files of the versions of one ente that a user
// names; it opens the store only when a revision or the log needs it.
type versionSource struct {
	ente, db, policies string
	st                 *store.SQL
}

func (s *versionSource) close() {
	if s.st != nil {
		s.st.Close()
	}
}

func (s *versionSource) store(ctx context.Context) (*store.SQL, error) {
	if s.st != nil {
		return s.st, nil
	}
	st, err := openExisting(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if err := requireCurrent(st, s.db); err != nil {
		st.Close()
		return nil, err
	}
	s.st = st
	return st, nil
}

// compile finds the files that ref names and compiles them; flag names
// the side in errors.
func (s *versionSource) compile(ctx context.Context, flag, ref string) (*engine.Ente, error) {
	files, err := s.files(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, ref, err)
	}
	ent, err := engine.Compile(ctx, s.ente, files)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, ref, err)
	}
	return ent, nil
}

// files reads a version: a revision (sha256:...) from the store, else an
// existing folder, else a git ref.
func (s *versionSource) files(ctx context.Context, ref string) (engine.Files, error) {
	if strings.HasPrefix(ref, "sha256:") {
		st, err := s.store(ctx)
		if err != nil {
			return nil, err
		}
		return storedFiles(ctx, st, s.ente, ref)
	}
	if info, err := os.Stat(ref); err == nil && info.IsDir() {
		return readEnte(ref, s.ente)
	}
	return gitFiles(ctx, s.policies, ref, s.ente)
}

// readEnte reads the ente's files from a policies folder, saying so when
// the folder has no such ente.
func readEnte(root, ente string) (engine.Files, error) {
	files, err := engine.ReadFiles(root, ente)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no ente %s in this policies folder (%w)", ente, err)
	}
	return files, err
}

// gitFiles reads the ente's files from the policies folder as it was at a
// git ref of the repository that holds it: git archive extracts that
// folder into a temporary one, which is read as any other.
func gitFiles(ctx context.Context, policies, ref, ente string) (engine.Files, error) {
	notFound := fmt.Errorf("not a revision (sha256:...), a folder or a git ref")
	if strings.HasPrefix(ref, "-") || strings.ContainsAny(ref, "\x00\n") {
		return nil, notFound
	}
	dir, err := filepath.Abs(policies)
	if err == nil {
		dir, err = filepath.EvalSymlinks(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the policies folder %s cannot be read: %v", notFound, policies, err)
	}
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%w; it cannot be a git ref either, as the policies folder %s is not in a git repository (%v)", notFound, policies, err)
	}
	rel, err := filepath.Rel(top, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("the policies folder %s is not inside its repository %s", policies, top)
	}
	rel = filepath.ToSlash(rel)
	commit, err := git(ctx, top, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("%w of the repository %s", notFound, top)
	}
	tmp, err := os.MkdirTemp("", "galateo-diff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := gitArchive(ctx, top, commit, rel, tmp); err != nil {
		return nil, fmt.Errorf("git ref (commit %s): %w", commit[:min(12, len(commit))], err)
	}
	files, err := readEnte(filepath.Join(tmp, filepath.FromSlash(rel)), ente)
	if err != nil {
		return nil, fmt.Errorf("git ref (commit %s): %w", commit[:min(12, len(commit))], err)
	}
	return files, nil
}

// git runs git in dir and returns its output, trimmed; an error carries
// what git said.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%w: %s", err, msg)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// gitArchive extracts the folder rel of commit into dst, keeping rel.
func gitArchive(ctx context.Context, top, commit, rel, dst string) error {
	cmd := exec.CommandContext(ctx, "git", "-C", top, "archive", "--format=tar", commit, "--", rel)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	extractErr := untar(out, dst)
	if extractErr != nil {
		io.Copy(io.Discard, out) // let git finish writing before it is waited for
	}
	if err := cmd.Wait(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return fmt.Errorf("the policies folder is not in it: %s", msg)
		}
		return fmt.Errorf("git archive: %w", err)
	}
	return extractErr
}

// untar writes the regular files of a tar stream under dst; anything else
// (links, paths leaving dst) is left out.
func untar(r io.Reader, dst string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read git archive: %w", err)
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			continue
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}
