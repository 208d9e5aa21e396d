// Package reload owns changing what a running engine serves. A revision
// of an ente (its files in the policies folder, or a revision another
// server activated) is compiled and must pass its Rego tests and its
// fixtures before it serves; one that fails is refused, and the last good
// revision goes on serving. Every activation and every refusal is recorded
// in the store with the revision's files, and servers that share a store
// follow each other's activations, so that all of them serve the same
// revision of each ente.
package reload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/galateo/galateo/engine"
	"github.com/galateo/galateo/fixtures"
	"github.com/galateo/galateo/store"
)

// Store is what reloading needs of the store; *store.SQL satisfies it.
type Store interface {
	SaveVersion(ctx context.Context, v store.Version) (bool, error)
	Version(ctx context.Context, revision string) (*store.Version, error)
	Activate(ctx context.Context, a store.Activation) (store.Activation, error)
	Record(ctx context.Context, items []store.Recording) ([]store.Activation, error)
	Activations(ctx context.Context, ente string, after int64, limit int) ([]store.Activation, error)
	Desired(ctx context.Context) (map[string]store.Activation, error)
}

// Config says where revisions come from and where they are recorded.
type Config struct {
	Policies string // the policies folder
	Fixtures string // the fixtures folder; an ente without a folder there has no fixtures to pass
	Server   string // this server's name in the activations it records
	// Store, when set, keeps every revision that serves and every
	// activation, and lets this server follow the others. Nil: nothing is
	// recorded and nothing followed.
	Store Store
	Log   *slog.Logger // nil: slog.Default()
}

// Result is what a load, reload or follow did to one ente.
type Result struct {
	Ente     string `json:"ente"`
	Status   string `json:"status"`             // one of the Status constants
	Revision string `json:"revision,omitempty"` // the revision looked at
	Version  string `json:"version,omitempty"`  // its version label
	Serving  string `json:"serving,omitempty"`  // the revision serving afterwards ("" for none)
	Tests    string `json:"tests,omitempty"`    // what the gate ran
	Error    string `json:"error,omitempty"`    // why a revision was refused
}

// Result statuses.
const (
	Activated = "activated" // the revision passed its tests and serves
	Unchanged = "unchanged" // the revision already serves
	Rejected  = "rejected"  // the revision was refused; Serving goes on
	Followed  = "followed"  // the revision another server activated serves here too
	Removed   = "removed"   // the ente's folder is gone: it serves no more (Revision is the one that served)
)

// Reloader changes the revisions an engine serves. Its methods are safe
// for concurrent use; they run one at a time.
type Reloader struct {
	cfg  Config
	eng  *engine.Engine
	mu   sync.Mutex
	seen int64 // the last activation id FollowOnce looked at

	folderMu sync.Mutex
	// folder is the revision of each ente last seen in the policies folder.
	// A reload acts only on a folder that changed since: after following
	// another server, what serves differs from the folder, and an
	// unrelated reload must not undo it.
	folder map[string]string
	// removedElsewhere holds the enti this server stopped serving because
	// another server removed them: while the folder holds what it held, a
	// reload leaves them removed.
	removedElsewhere map[string]bool // under folderMu
	// listed holds the enti the policies folder listed at start or at a
	// reload: only those can be removed by leaving it.
	listed map[string]bool // under folderMu
}

// Start loads every ente of the policies folder into a new engine, each
// revision gated by its tests. A revision the store says is already
// serving (it passed its tests when it was activated) is not tested again.
// An ente whose revision fails is served from the revision the store last
// activated for it, if there is one: a broken edit never replaces the last
// good version, not even across a restart.
func Start(ctx context.Context, cfg Config, opts ...engine.Option) (*engine.Engine, *Reloader, []Result, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	r := &Reloader{cfg: cfg, eng: engine.New(nil, opts...), folder: map[string]string{}, removedElsewhere: map[string]bool{}, listed: map[string]bool{}}
	ids, err := engine.EntiIn(cfg.Policies)
	if err != nil {
		return nil, nil, nil, err
	}
	r.list(ids)
	desired := map[string]store.Activation{}
	if cfg.Store != nil {
		// Activations before this point are what Start itself takes in;
		// FollowOnce looks only at what comes after.
		if r.seen, err = lastActivation(ctx, cfg.Store); err != nil {
			return nil, nil, nil, fmt.Errorf("read activations: %w", err)
		}
		if desired, err = cfg.Store.Desired(ctx); err != nil {
			return nil, nil, nil, fmt.Errorf("read activations: %w", err)
		}
	}
	loads := parallel(ids, func(id string) loading {
		d, ok := desired[id]
		f := r.readFolder(id)
		if ok {
			if res, stale := r.staleFolder(ctx, id, d, f); stale {
				return loading{res: res}
			}
		} else if cfg.Store != nil {
			if res, removed := r.removedFolder(ctx, id, f); removed {
				return loading{res: res}
			}
		}
		return r.candidateOf(ctx, id, f, func(rev string) bool { return ok && d.Revision == rev })
	})
	results := r.activateAll(ctx, loads, store.ActivationLoad)
	for i, res := range results {
		if d, ok := desired[res.Ente]; ok && res.Status == Rejected {
			results[i].Serving = r.serveStored(ctx, res.Ente, d.Revision)
		}
	}
	if len(r.eng.Enti()) == 0 {
		return nil, nil, results, fmt.Errorf("no ente could serve from %s: %s", cfg.Policies, summary(results))
	}
	return r.eng, r, results, nil
}

// folderRead is an ente's files in the policies folder and their
// revision, read once for every check a start makes of them.
type folderRead struct {
	files engine.Files
	rev   string
	err   error
}

func (r *Reloader) readFolder(id string) folderRead {
	files, err := engine.ReadFiles(r.cfg.Policies, id)
	if err != nil {
		return folderRead{err: err}
	}
	rev, err := files.Revision()
	return folderRead{files: files, rev: rev, err: err}
}

// staleFolder serves the revision d the servers agree on when the folder
// holds an older revision of ente id, one that served before d: a server
// restarted on a folder nobody updated must not take every server back to
// it. A folder revision never seen before is new work, and load activates
// it as usual (the last writer wins).
func (r *Reloader) staleFolder(ctx context.Context, id string, d store.Activation, f folderRead) (Result, bool) {
	rev := f.rev
	if f.err != nil || rev == d.Revision {
		return Result{}, false
	}
	if !r.everServed(ctx, id, rev) {
		return Result{}, false // new, or refused before: load decides
	}
	ent, err := r.compileStored(ctx, id, d.Revision)
	if err != nil {
		r.cfg.Log.Error("the revision the servers serve does not load here", "ente", id, "revision", d.Revision, "err", err)
		return Result{}, false
	}
	r.eng.Activate(ent)
	r.recordFollow(ctx, ent)
	r.sawFolder(id, rev)
	r.cfg.Log.Warn("the policies folder holds an older revision than the servers serve: serving theirs",
		"ente", id, "folder", rev, "serving", d.Revision, "activated_by", d.Server)
	return Result{Ente: id, Status: Followed, Revision: d.Revision, Version: ent.Version, Serving: d.Revision,
		Tests: "passed on " + d.Server}, true
}

// removedFolder keeps ente id out of service when the servers removed it
// and the folder still holds a revision that served before the removal: a
// server restarted on a folder nobody updated must not bring a removed
// ente back for everyone. A revision never served is new work.
func (r *Reloader) removedFolder(ctx context.Context, id string, f folderRead) (Result, bool) {
	last, ok := r.lastServing(ctx, id)
	if !ok || last.Kind != store.ActivationRemoved {
		return Result{}, false
	}
	rev := f.rev
	if f.err != nil || !r.everServed(ctx, id, rev) {
		return Result{}, false
	}
	r.sawFolder(id, rev)
	r.setRemovedElsewhere(id, true)
	r.cfg.Log.Warn("the policies folder holds an ente the servers removed: not serving it",
		"ente", id, "folder", rev, "removed_by", last.Server)
	return Result{Ente: id, Status: Removed, Revision: rev, Tests: "removed on " + last.Server}, true
}

// lastServing is the latest load, reload or removal of ente id.
func (r *Reloader) lastServing(ctx context.Context, id string) (store.Activation, bool) {
	var last store.Activation
	found := false
	for after := int64(0); ; {
		page, err := r.cfg.Store.Activations(ctx, id, after, 1000)
		if err != nil || len(page) == 0 {
			return last, found
		}
		for _, a := range page {
			switch a.Kind {
			case store.ActivationLoad, store.ActivationReload, store.ActivationRemoved:
				last, found = a, true
			}
		}
		after = page[len(page)-1].ID
	}
}

// everServed tells whether revision rev of ente id was ever activated by a
// server (not only refused).
func (r *Reloader) everServed(ctx context.Context, id, rev string) bool {
	for after := int64(0); ; {
		page, err := r.cfg.Store.Activations(ctx, id, after, 1000)
		if err != nil || len(page) == 0 {
			return false
		}
		for _, a := range page {
			if a.Revision == rev && a.Kind != store.ActivationRejected {
				return true
			}
		}
		after = page[len(page)-1].ID
	}
}

// Engine is the engine the reloader changes.
func (r *Reloader) Engine() *engine.Engine { return r.eng }

// Reload looks at every ente of the policies folder and activates each
// revision that changed and passes its tests. An ente whose new revision
// fails keeps serving the revision it served; the others are not affected.
// An ente whose folder was there and is gone is removed: a policy deleted
// from the folder must stop deciding (it may be the one that misbehaved),
// and the removal is recorded so that the other servers stop too. A folder
// that lists no ente at all is an error, and changes nothing.
func (r *Reloader) Reload(ctx context.Context) ([]Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids, err := engine.EntiIn(r.cfg.Policies)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		// A folder emptied all at once is far likelier a checkout or a copy
		// under way than the end of every policy.
		return nil, fmt.Errorf("%s lists no ente: nothing was reloaded or removed", filepath.Join(r.cfg.Policies, "enti"))
	}
	onDisk := map[string]bool{}
	for _, id := range ids {
		onDisk[id] = true
	}
	var removed []Result
	for _, st := range r.eng.Status() {
		if !onDisk[st.ID] && r.inFolder(st.ID) {
			removed = append(removed, r.remove(ctx, st))
		}
	}
	return r.reloadFolders(ctx, ids, removed), nil
}

// reloadFolders reloads the enti ids of the policies folder, gated and
// recorded many to a transaction, and reports their results with those of
// the enti already removed, sorted by ente and logged.
func (r *Reloader) reloadFolders(ctx context.Context, ids []string, removed []Result) []Result {
	r.list(ids)
	loads := parallel(ids, func(id string) loading {
		return r.candidate(ctx, id, func(string) bool { return false })
	})
	results := append(removed, r.activateAll(ctx, loads, store.ActivationReload)...)
	sort.Slice(results, func(i, j int) bool { return results[i].Ente < results[j].Ente })
	for _, res := range results {
		r.logResult("reload", res)
	}
	return results
}

// ErrUnknownEnte is ReloadEnti's answer for an ente neither in the policies
// folder nor served.
var ErrUnknownEnte = errors.New("unknown ente")

// ReloadEnti is Reload for the enti named and those adopting their
// policy only: a change inside one ente's folder need not read and hash
// the thousands of others a regional server holds. An ente named whose
// folder is gone is removed, as Reload would; an id that is neither in the
// folder nor served is an error, and nothing is reloaded.
func (r *Reloader) ReloadEnti(ctx context.Context, ids []string) ([]Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	onDisk, err := engine.EntiIn(r.cfg.Policies)
	if err != nil {
		return nil, err
	}
	inFolder := map[string]bool{}
	for _, id := range onDisk {
		inFolder[id] = true
	}
	served := map[string]engine.Status{}
	for _, st := range r.eng.Status() {
		served[st.ID] = st
	}
	named := map[string]bool{}
	for _, id := range ids {
		if _, ok := served[id]; !ok && !inFolder[id] {
			return nil, fmt.Errorf("%w: %s is neither in %s nor served; nothing was reloaded", ErrUnknownEnte, id, filepath.Join(r.cfg.Policies, "enti"))
		}
		named[id] = true
	}
	for _, e := range r.eng.Enti() {
		if named[e.Adopts] {
			named[e.ID] = true
		}
	}
	var load []string
	var removed []Result
	for _, id := range sortedIDs(named) {
		switch {
		case inFolder[id]:
			load = append(load, id)
		case r.inFolder(id):
			removed = append(removed, r.remove(ctx, served[id]))
		}
	}
	return r.reloadFolders(ctx, load, removed), nil
}

func sortedIDs(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// loading is a revision on its way to serving: res says what became of
// it, and cand, when not nil, passed its gate and waits to be recorded
// and activated.
type loading struct {
	res  Result
	cand *engine.Ente
}

// candidate reads, compiles and gates the revision of ente id in the
// policies folder; it records and activates nothing but a refusal.
func (r *Reloader) candidate(ctx context.Context, id string, trusted func(rev string) bool) loading {
	return r.candidateOf(ctx, id, r.readFolder(id), trusted)
}

// candidateOf is candidate on files already read.
func (r *Reloader) candidateOf(ctx context.Context, id string, f folderRead, trusted func(rev string) bool) loading {
	res := Result{Ente: id}
	serving := ""
	if ent, err := r.eng.Ente(id); err == nil {
		serving = ent.Revision
	}
	res.Serving = serving
	if f.err != nil {
		return loading{res: r.reject(ctx, res, f.err)}
	}
	files := f.files
	res.Revision = f.rev
	if res.Revision == serving {
		r.eng.ClearFailure(id) // the files are back to what serves: no failure to show
		r.sawFolder(id, res.Revision)
		res.Status = Unchanged
		return loading{res: res}
	}
	if (serving != "" || r.isRemovedElsewhere(id)) && r.sawFolder(id, res.Revision) == res.Revision {
		// Serving what another server activated, or removed by another
		// server: the folder did not change, so there is nothing to undo.
		res.Status = Unchanged
		if f := r.failure(id); f != nil && f.Revision == res.Revision {
			res.Status, res.Error = Rejected, f.Err.Error()
		}
		return loading{res: res}
	}
	cand, err := engine.CompileRevision(ctx, id, files, res.Revision)
	if err != nil {
		return loading{res: r.reject(ctx, res, err)}
	}
	res.Version = cand.Version
	if trusted(res.Revision) {
		res.Tests = "passed when first activated"
	} else if res.Tests, err = r.Gate(ctx, cand); err != nil {
		// Kept with its files, so that an auditor can read and diff what
		// was refused (GET /versions, GET /diff).
		r.saveVersion(ctx, cand)
		return loading{res: r.reject(ctx, res, err)}
	}
	return loading{res: res, cand: cand}
}

// activate records a candidate's revision and activation, then serves it.
func (r *Reloader) activate(ctx context.Context, l loading, kind string) Result {
	if err := r.record(ctx, l.cand, kind); err != nil {
		return r.reject(ctx, l.res, fmt.Errorf("record the activation: %w", err))
	}
	return r.serve(l)
}

// serve makes a recorded candidate serve.
func (r *Reloader) serve(l loading) Result {
	r.eng.Activate(l.cand)
	return r.served(l)
}

// served is what follows a candidate's activation.
func (r *Reloader) served(l loading) Result {
	res, cand := l.res, l.cand
	r.sawFolder(cand.ID, res.Revision)
	r.setRemovedElsewhere(cand.ID, false)
	res.Status, res.Serving = Activated, cand.Revision
	return res
}

// recordBatch is how many activations activateAll records in one
// transaction.
const recordBatch = 256

// activateAll records and activates the candidates among loads, many to a
// transaction: a start or a change of lib/ activates every ente, and one
// commit each (two, with the version) made thousands of enti wait on the
// disk for minutes. A batch that fails is recorded one by one, so that
// one ente's failure refuses only its own revision. It returns every
// load's result.
func (r *Reloader) activateAll(ctx context.Context, loads []loading, kind string) []Result {
	out := make([]Result, len(loads))
	var batch []int
	flush := func() {
		if len(batch) == 0 {
			return
		}
		defer func() { batch = batch[:0] }()
		if r.cfg.Store != nil && len(batch) > 1 {
			items := make([]store.Recording, len(batch))
			for j, i := range batch {
				c := loads[i].cand
				items[j] = store.Recording{
					Version:    store.Version{Revision: c.Revision, Ente: c.ID, Label: c.Version, Files: c.Source},
					Activation: store.Activation{Ente: c.ID, Revision: c.Revision, Kind: kind, Server: r.cfg.Server},
				}
			}
			if _, err := r.cfg.Store.Record(ctx, items); err == nil {
				cands := make([]*engine.Ente, len(batch))
				for j, i := range batch {
					cands[j] = loads[i].cand
				}
				r.eng.Activate(cands...)
				for _, i := range batch {
					out[i] = r.served(loads[i])
				}
				return
			} else {
				r.cfg.Log.Warn("record a batch of activations; recording them one by one", "enti", len(batch), "err", err)
			}
		}
		for _, i := range batch {
			out[i] = r.activate(ctx, loads[i], kind)
		}
	}
	for i, l := range loads {
		if l.cand == nil {
			out[i] = l.res
			continue
		}
		batch = append(batch, i)
		if len(batch) == recordBatch {
			flush()
		}
	}
	flush()
	return out
}

// remove takes ente st.ID out of the engine, after recording the removal
// of the revision it served. A removal that cannot be recorded still
// happens here, and says so: an ente deleted from the folder must not go on
// deciding because the database is away.
func (r *Reloader) remove(ctx context.Context, st engine.Status) Result {
	res := Result{Ente: st.ID, Status: Removed}
	if st.Serving != nil {
		res.Revision = st.Serving.Revision
		if r.cfg.Store != nil {
			if _, err := r.cfg.Store.Activate(ctx, store.Activation{
				Ente: st.ID, Revision: res.Revision, Kind: store.ActivationRemoved, Server: r.cfg.Server,
			}); err != nil {
				res.Error = fmt.Sprintf("removed here, but the removal could not be recorded, so other servers go on serving it: %v", err)
			}
		}
	}
	r.eng.Remove(st.ID)
	r.folderMu.Lock()
	delete(r.folder, st.ID)
	delete(r.listed, st.ID)
	r.folderMu.Unlock()
	return res
}

func (r *Reloader) list(ids []string) {
	r.folderMu.Lock()
	defer r.folderMu.Unlock()
	for _, id := range ids {
		r.listed[id] = true
	}
}

func (r *Reloader) setRemovedElsewhere(id string, removed bool) {
	r.folderMu.Lock()
	defer r.folderMu.Unlock()
	if removed {
		r.removedElsewhere[id] = true
	} else {
		delete(r.removedElsewhere, id)
	}
}

func (r *Reloader) isRemovedElsewhere(id string) bool {
	r.folderMu.Lock()
	defer r.folderMu.Unlock()
	return r.removedElsewhere[id]
}

// inFolder tells whether the policies folder held ente id when last read:
// an ente served only because another server activated it was never in
// this folder, and its absence here removes nothing.
func (r *Reloader) inFolder(id string) bool {
	r.folderMu.Lock()
	defer r.folderMu.Unlock()
	return r.listed[id]
}

// sawFolder notes rev as the folder's revision of ente id and returns the
// one noted before ("" the first time).
func (r *Reloader) sawFolder(id, rev string) string {
	r.folderMu.Lock()
	defer r.folderMu.Unlock()
	prev := r.folder[id]
	r.folder[id] = rev
	return prev
}

func (r *Reloader) failure(id string) *engine.Failure {
	for _, st := range r.eng.Status() {
		if st.ID == id {
			return st.Failure
		}
	}
	return nil
}

// reject records a refused revision: in the engine, which goes on serving
// what it served, and in the store.
func (r *Reloader) reject(ctx context.Context, res Result, err error) Result {
	res.Status, res.Error = Rejected, err.Error()
	r.eng.Reject(res.Ente, res.Revision, err)
	if res.Revision != "" {
		r.sawFolder(res.Ente, res.Revision)
	}
	if r.cfg.Store != nil && res.Revision != "" {
		if _, serr := r.cfg.Store.Activate(ctx, store.Activation{
			Ente: res.Ente, Revision: res.Revision, Kind: store.ActivationRejected, Server: r.cfg.Server, Error: err.Error(),
		}); serr != nil {
			r.cfg.Log.Error("record a refused revision", "ente", res.Ente, "revision", res.Revision, "err", serr)
		}
	}
	return res
}

// saveVersion keeps the files of a revision that compiled but was
// refused; a failure is logged, since the refusal matters more.
func (r *Reloader) saveVersion(ctx context.Context, ent *engine.Ente) {
	if r.cfg.Store == nil {
		return
	}
	if _, err := r.cfg.Store.SaveVersion(ctx, store.Version{
		Revision: ent.Revision, Ente: ent.ID, Label: ent.Version, Files: ent.Source,
	}); err != nil {
		r.cfg.Log.Error("keep a refused revision", "ente", ent.ID, "revision", ent.Revision, "err", err)
	}
}

// record keeps the revision's files and its activation, before it serves:
// a revision that serves and was not recorded would be one no auditor can
// find and no other server can follow.
func (r *Reloader) record(ctx context.Context, ent *engine.Ente, kind string) error {
	if r.cfg.Store == nil {
		return nil
	}
	if _, err := r.cfg.Store.SaveVersion(ctx, store.Version{
		Revision: ent.Revision, Ente: ent.ID, Label: ent.Version, Files: ent.Source,
	}); err != nil {
		return err
	}
	_, err := r.cfg.Store.Activate(ctx, store.Activation{Ente: ent.ID, Revision: ent.Revision, Kind: kind, Server: r.cfg.Server})
	return err
}

// Gate runs the Rego tests of the rules the revision applies (once for
// every ente that applies the same rules: engine.GateRego) and the ente's
// fixtures through it, and fails when any of them fails. It returns what
// it ran.
func (r *Reloader) Gate(ctx context.Context, ent *engine.Ente) (string, error) {
	rego, err := engine.GateRego(ctx, ent.Source)
	if err != nil {
		return "", fmt.Errorf("Rego tests: %w", err)
	}
	if !rego.OK() {
		return rego.String(), errors.New(rego.String())
	}
	ran := rego.String()
	if r.cfg.Fixtures == "" {
		return ran, nil
	}
	dir := filepath.Join(r.cfg.Fixtures, ent.ID)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return ran + ", no fixtures", nil
	}
	cases, err := fixtures.LoadDir(dir)
	if err != nil {
		return ran, err
	}
	var failed []string
	passed := 0
	// The fixtures run under the deadline the serving engine applies: a
	// server given a longer -eval-timeout gates with it too, instead of
	// refusing a revision for taking longer than the default.
	gate := engine.New([]*engine.Ente{ent}, engine.WithEvalTimeout(r.eng.EvalTimeout()))
	for _, res := range fixtures.Run(ctx, gate, cases) {
		switch res.Status() {
		case fixtures.Fail:
			reason := fmt.Sprint(res.Diffs)
			if res.Err != nil {
				reason = res.Err.Error()
			}
			failed = append(failed, res.Name()+": "+reason)
		case fixtures.Pass:
			passed++
		}
	}
	ran += fmt.Sprintf(", %d/%d fixtures passed", passed, len(cases))
	if len(failed) > 0 {
		return ran, fmt.Errorf("%d of %d fixtures failed: %v", len(failed), len(cases), failed)
	}
	return ran, nil
}

// serveStored serves the stored revision rev of ente id, when nothing of
// the ente serves yet; it returns what serves afterwards.
func (r *Reloader) serveStored(ctx context.Context, id, rev string) string {
	if ent, err := r.eng.Ente(id); err == nil {
		return ent.Revision
	}
	ent, err := r.compileStored(ctx, id, rev)
	if err != nil {
		r.cfg.Log.Error("the last activated revision does not load either", "ente", id, "revision", rev, "err", err)
		return ""
	}
	f := r.failure(id)
	r.eng.Activate(ent)
	if f != nil {
		r.eng.Reject(id, f.Revision, f.Err) // still shown: the folder holds a refused revision
	}
	r.recordFollow(ctx, ent)
	return ent.Revision
}

func (r *Reloader) compileStored(ctx context.Context, id, rev string) (*engine.Ente, error) {
	v, err := r.cfg.Store.Version(ctx, rev)
	if err != nil {
		return nil, err
	}
	if v.Ente != id {
		return nil, fmt.Errorf("revision %s belongs to %s, not %s", rev, v.Ente, id)
	}
	return engine.Compile(ctx, id, engine.Files(v.Files))
}

func (r *Reloader) recordFollow(ctx context.Context, ent *engine.Ente) {
	if _, err := r.cfg.Store.Activate(ctx, store.Activation{
		Ente: ent.ID, Revision: ent.Revision, Kind: store.ActivationFollow, Server: r.cfg.Server,
	}); err != nil {
		r.cfg.Log.Error("record a followed activation", "ente", ent.ID, "revision", ent.Revision, "err", err)
	}
}

func (r *Reloader) logResult(what string, res Result) {
	switch res.Status {
	case Rejected:
		r.cfg.Log.Error(what+": revision refused", "ente", res.Ente, "revision", res.Revision, "serving", res.Serving, "err", res.Error)
	case Unchanged:
	case Removed:
		if res.Error != "" {
			r.cfg.Log.Error(what+": ente removed", "ente", res.Ente, "revision", res.Revision, "err", res.Error)
		} else {
			r.cfg.Log.Warn(what+": ente removed", "ente", res.Ente, "revision", res.Revision)
		}
	default:
		r.cfg.Log.Info(what+": revision "+res.Status, "ente", res.Ente, "revision", res.Revision, "version", res.Version, "tests", res.Tests)
	}
}

// parallel runs f for each id on two workers (gating is CPU-bound, and a
// reload of the library gates every ente), results in the order of ids.
func parallel[T any](ids []string, f func(id string) T) []T {
	out := make([]T, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(2, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = f(ids[i])
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func summary(results []Result) string {
	var errs []error
	for _, r := range results {
		if r.Error != "" {
			errs = append(errs, fmt.Errorf("%s: %s", r.Ente, r.Error))
		}
	}
	return errors.Join(errs...).Error()
}

// lastActivation is the id of the latest activation in the store.
func lastActivation(ctx context.Context, st Store) (int64, error) {
	var last int64
	for {
		page, err := st.Activations(ctx, "", last, 1000)
		if err != nil {
			return 0, err
		}
		if len(page) == 0 {
			return last, nil
		}
		last = page[len(page)-1].ID
	}
}
