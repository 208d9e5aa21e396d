package api

import (
	"context"
	"errors"
	"sync"

	"github.com/galateo/galateo/engine"
)

// workingRef names, in POST /try and GET /diff, the working copy of an
// ente: its files in the policies folder as they are now, which legal
// staff may have edited without reloading.
const workingRef = "working"

// workingCopy is an ente's working copy: its revision, and the compiled
// revision or why it does not load.
type workingCopy struct {
	revision string // "" when the files could not even be read
	ent      *engine.Ente
	err      error
}

// workingFailures remembers, per ente, the last working revision that did
// not compile, so that a broken edit is compiled once, not on every
// request that asks for it. Compiled revisions live in the revision cache
// of GET /diff and POST /replay. The zero value is ready.
type workingFailures struct {
	mu     sync.Mutex
	byEnte map[string]workingCopy
}

func (f *workingFailures) get(ente, revision string) (error, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.byEnte[ente]
	if !ok || w.revision != revision {
		return nil, false
	}
	return w.err, true
}

func (f *workingFailures) put(ente, revision string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.byEnte == nil {
		f.byEnte = map[string]workingCopy{}
	}
	f.byEnte[ente] = workingCopy{revision: revision, err: err}
}

// errNoPolicies is the working copy of a server started without a
// policies folder.
var errNoPolicies = errors.New("this server has no policies folder, so no working copy")

// workingCopyOf reads ente's files from the policies folder and returns
// their revision compiled: the serving one when the files have not
// changed, else a revision compiled once per digest. Reading and hashing
// the files is all a request costs while they do not change. An error of
// the result is the load error, for the client; errNoPolicies when the
// server has no folder.
func (s *server) workingCopyOf(ctx context.Context, ente string, serving *engine.Ente) workingCopy {
	if s.policies == "" {
		return workingCopy{err: errNoPolicies}
	}
	files, err := engine.ReadFiles(s.policies, ente)
	if err != nil {
		return workingCopy{err: &engine.LoadError{Ente: ente, Err: err}}
	}
	rev, err := files.Revision()
	if err != nil {
		return workingCopy{err: &engine.LoadError{Ente: ente, Err: err}}
	}
	if serving != nil && serving.Revision == rev {
		return workingCopy{revision: rev, ent: serving}
	}
	if err, failed := s.workingFailed.get(ente, rev); failed {
		return workingCopy{revision: rev, err: err}
	}
	ent, err := s.revisions.get(ctx, rev, func(ctx context.Context) (*engine.Ente, error) {
		return engine.CompileRevision(ctx, ente, files, rev)
	})
	if err != nil {
		if ctx.Err() == nil { // a cancelled wait says nothing of the files
			s.workingFailed.put(ente, rev, err)
		}
		return workingCopy{revision: rev, err: err}
	}
	if ent.ID != ente {
		// The same files can only make the same ente; a revision cache
		// shared with stored revisions must not be trusted blindly.
		return workingCopy{revision: rev, err: errors.New("the working copy's revision is kept compiled for another ente")}
	}
	return workingCopy{revision: rev, ent: ent}
}
