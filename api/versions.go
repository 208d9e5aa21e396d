package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/engine/service/reload"
	"github.com/galateo/galateo/store"
)

// Reloader activates the revisions of the policies folder that changed
// and pass their tests; *reload.Reloader satisfies it.
type Reloader interface {
	Reload(ctx context.Context) ([]reload.Result, error)
	ReloadEnti(ctx context.Context, ids []string) ([]reload.Result, error)
}

// Versions is what the version endpoints read of the store; *store.SQL
// satisfies it.
type Versions interface {
	Versions(ctx context.Context, ente string) ([]store.VersionInfo, error)
	Version(ctx context.Context, revision string) (*store.Version, error)
	Activations(ctx context.Context, ente string, after int64, limit int) ([]store.Activation, error)
}

// revisionRe is the syntax of a revision: "sha256:" and 64 hex digits.
var revisionRe = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// checkParams reports the query parameters that are not among allowed,
// or given more than once.
func checkParams(q url.Values, endpoint string, allowed ...string) []engine.FieldError {
	var errs []engine.FieldError
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if !yield(k) {
				return
			}
		}
	}) {
		switch {
		case !slices.Contains(allowed, name):
			errs = append(errs, engine.FieldError{Field: truncate(name, 64),
				Reason: fmt.Sprintf("is not a parameter of %s (%s)", endpoint, strings.Join(allowed, ", "))})
		case len(q[name]) > 1:
			errs = append(errs, engine.FieldError{Field: name, Reason: "is given more than once"})
		}
	}
	return errs
}

// versionList is the body of GET /versions.
type versionList struct {
	Versions   []versionItem `json:"versions"`
	NextCursor string        `json:"next_cursor"`
}

// versionItem is a revision of the list, with its activations when the
// query asks for them (activations=true).
type versionItem struct {
	store.VersionInfo
	Activations []store.Activation `json:"activations,omitempty"`
}

// versionFiles is the body of GET /versions/{revision}.
type versionFiles struct {
	store.VersionInfo
	Files       map[string]string  `json:"files"`
	Activations []store.Activation `json:"activations"`
}

// listVersions answers GET /versions: the revisions the servers loaded,
// newest first, of one ente or of all.
func (s *server) listVersions(c *gin.Context) {
	if !s.hasVersions(c) {
		return
	}
	q := c.Request.URL.Query()
	errs := checkParams(q, "GET /versions", "ente", "cursor", "limit", "activations")
	withActivations := q.Get("activations") == "true"
	if v := q.Get("activations"); q.Has("activations") && v != "true" && v != "false" {
		errs = append(errs, engine.FieldError{Field: "activations", Reason: "must be true or false"})
	}
	ente := q.Get("ente")
	if ente != "" && !idRe.MatchString(ente) {
		errs = append(errs, engine.FieldError{Field: "ente", Reason: "must be lower case letters, digits and underscores, starting with a letter"})
	}
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			errs = append(errs, engine.FieldError{Field: "limit", Reason: fmt.Sprintf("must be a whole number from 1 to %d", MaxPageSize)})
		}
		limit = n
	}
	cursor := q.Get("cursor")
	if cursor != "" && !revisionRe.MatchString(cursor) {
		errs = append(errs, engine.FieldError{Field: "cursor", Reason: "is not a cursor of this list: pass next_cursor as it was given"})
	}
	if len(errs) > 0 {
		s.problem(c, invalidQuery(errs...))
		return
	}
	if ente != "" && !s.mayEnte(c, ente) {
		return
	}
	vs, err := s.versions.Versions(c.Request.Context(), ente)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list versions: %w", err))
		return
	}
	if in := scope(c); in != nil {
		vs = slices.DeleteFunc(vs, func(v store.VersionInfo) bool { return !inScope(in, v.Ente) })
	}
	// Newest first, and a new revision comes first: the cursor, the last
	// revision of the previous page, keeps its place as revisions are added.
	// The revisions of a policy number in the hundreds, so they are read
	// whole and paged here.
	start := 0
	if cursor != "" {
		i := slices.IndexFunc(vs, func(v store.VersionInfo) bool { return v.Revision == cursor })
		if i < 0 {
			s.problem(c, invalidQuery(engine.FieldError{Field: "cursor", Reason: "is not a cursor of this list: pass next_cursor as it was given, with the same ente"}))
			return
		}
		start = i + 1
	}
	page := versionList{Versions: []versionItem{}}
	for _, v := range vs[start:min(start+limit, len(vs))] {
		page.Versions = append(page.Versions, versionItem{VersionInfo: v})
	}
	if start+limit < len(vs) {
		page.NextCursor = page.Versions[len(page.Versions)-1].Revision
	}
	if withActivations {
		// One read of each listed ente's activations serves the whole page.
		byEnte := map[string]map[string][]store.Activation{}
		for i, v := range page.Versions {
			if byEnte[v.Ente] == nil {
				acts, err := s.activations(c.Request.Context(), v.Ente)
				if err != nil {
					s.storeFailed(c, fmt.Errorf("list activations: %w", err))
					return
				}
				byEnte[v.Ente] = acts
			}
			page.Versions[i].Activations = byEnte[v.Ente][v.Revision]
		}
	}
	c.JSON(http.StatusOK, page)
}

// activations reads every activation of ente, by revision, oldest first.
func (s *server) activations(ctx context.Context, ente string) (map[string][]store.Activation, error) {
	out := map[string][]store.Activation{}
	for after := int64(0); ; {
		page, err := s.versions.Activations(ctx, ente, after, 1000)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return out, nil
		}
		for _, a := range page {
			out[a.Revision] = append(out[a.Revision], a)
		}
		after = page[len(page)-1].ID
	}
}

// getVersion answers GET /versions/{revision}: the files of a revision and
// its activations.
func (s *server) getVersion(c *gin.Context) {
	if !s.hasVersions(c) {
		return
	}
	rev := c.Param("revision")
	if !revisionRe.MatchString(rev) {
		s.problem(c, newProblem(probUnknownRevision, fmt.Sprintf("%q is not a revision: sha256: and 64 hex digits", truncate(rev, 100))))
		return
	}
	ctx := c.Request.Context()
	v, err := s.versions.Version(ctx, rev)
	if errors.Is(err, store.ErrNotFound) {
		s.problem(c, newProblem(probUnknownRevision, fmt.Sprintf("no revision %s was ever loaded", rev)))
		return
	}
	if err != nil {
		s.storeFailed(c, fmt.Errorf("get version: %w", err))
		return
	}
	if !s.mayEnte(c, v.Ente) {
		return
	}
	out := versionFiles{
		VersionInfo: store.VersionInfo{Revision: v.Revision, Ente: v.Ente, Label: v.Label, CreatedAt: v.CreatedAt, Files: len(v.Files)},
		Files:       make(map[string]string, len(v.Files)),
		Activations: []store.Activation{},
	}
	for p, b := range v.Files {
		out.Files[p] = string(b)
	}
	acts, err := s.activations(ctx, v.Ente)
	if err != nil {
		s.storeFailed(c, fmt.Errorf("list activations: %w", err))
		return
	}
	for _, a := range acts[rev] {
		out.Activations = append(out.Activations, a)
		if a.Kind != store.ActivationRejected && (out.LastActivated == nil || a.At.After(*out.LastActivated)) {
			at := a.At
			out.LastActivated = &at
		}
	}
	c.JSON(http.StatusOK, out)
}

func (s *server) hasVersions(c *gin.Context) bool {
	if s.versions == nil {
		s.problem(c, newProblem(probStoreUnavailable, "this server keeps no versions"))
		return false
	}
	return true
}

// reloadResult is the body of POST /admin/reload.
type reloadResult struct {
	Enti []reload.Result `json:"enti"`
}

// reloadPolicies answers POST /admin/reload: every ente whose files changed
// is compiled and tested, and activated if its tests pass. 200 when nothing
// was refused; 422 reload-rejected, with every ente's result, when some
// revision was refused (the others were activated all the same).
func (s *server) reloadPolicies(c *gin.Context) {
	if s.reloader == nil {
		s.problem(c, newProblem(probReloadUnavailable, "this server was started without a policies folder to reload"))
		return
	}
	// A reload reads the whole policies folder, or, with enti, the folders
	// of those enti and of the enti adopting their policy. A body, if any,
	// is decoded as strictly as every other.
	var body struct {
		Enti []string `json:"enti"`
	}
	if c.Request.ContentLength != 0 {
		if err := bindJSON(c, 64<<10, &body, func() error { return checkReloadEnti(body.Enti) }); err != nil {
			s.fail(c, err)
			return
		}
		if err := checkReloadEnti(body.Enti); err != nil {
			s.fail(c, err)
			return
		}
	}
	longRunning(c) // a change of lib/ gates every ente
	var (
		results []reload.Result
		err     error
	)
	if len(body.Enti) > 0 {
		results, err = s.reloader.ReloadEnti(c.Request.Context(), body.Enti)
		if errors.Is(err, reload.ErrUnknownEnte) {
			s.fail(c, invalidFields(engine.FieldError{Field: "enti", Reason: err.Error()}))
			return
		}
	} else {
		results, err = s.reloader.Reload(c.Request.Context())
	}
	if err != nil {
		p := newProblem(probReloadUnavailable, "the policies folder could not be read; nothing changed")
		p.cause = err
		s.problem(c, p)
		return
	}
	var refused []string
	for _, r := range results {
		if r.Status == reload.Rejected {
			refused = append(refused, r.Ente)
		}
	}
	if len(refused) > 0 {
		p := newProblem(probReloadRejected, fmt.Sprintf("refused: %s; each keeps serving its last good revision", strings.Join(refused, ", ")))
		p.Results = results
		s.problem(c, p)
		return
	}
	c.JSON(http.StatusOK, reloadResult{Enti: results})
}

// activatedAt formats an activation time for GET /enti.
func activatedAt(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// checkReloadEnti holds the enti of a reload to ente ids, at most 1,000.
func checkReloadEnti(ids []string) error {
	if len(ids) > 1000 {
		return invalidFields(engine.FieldError{Field: "enti", Reason: fmt.Sprintf("lists %d enti; at most 1000", len(ids))})
	}
	for i, id := range ids {
		if !engine.IsEnteID(id) {
			return invalidFields(engine.FieldError{Field: fmt.Sprintf("enti[%d]", i), Reason: "is not an ente id (lower case letters, digits and _, starting with a letter)"})
		}
	}
	return nil
}
