package reload

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/galateo/galateo/engine"
)

// Watch reloads after the policies folder changes, once it has been quiet
// for debounce: an editor's save, a git checkout or a copy of many files
// makes a burst of events, and one reload after the burst sees the files
// as they were meant to be. A burst inside enti folders only reloads
// those enti (and the enti adopting their policy); one that touches
// anything else reloads every ente. It returns when ctx ends, or at once
// when the folder cannot be watched.
func (r *Reloader) Watch(ctx context.Context, debounce time.Duration) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	// fsnotify watches one folder, not its subfolders: every folder is
	// added, and new ones as they appear.
	if err := addTree(w, r.cfg.Policies); err != nil {
		return err
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	enti := filepath.Join(r.cfg.Policies, "enti")
	changed, all := map[string]bool{}, false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") && !ev.Has(fsnotify.Remove) {
				continue // editors' swap and lock files
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = addTree(w, ev.Name) // a folder that vanishes at once has nothing to reload
				}
			}
			if id, ok := enteOf(enti, ev.Name); ok {
				changed[id] = true
			} else {
				all = true
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			r.cfg.Log.Error("watch the policies folder", "err", err)
		case <-timer.C:
			var err error
			if !all {
				_, err = r.ReloadEnti(ctx, sortedIDs(changed))
			}
			if all || err != nil && ctx.Err() == nil {
				_, err = r.Reload(ctx)
			}
			if err != nil && ctx.Err() == nil {
				r.cfg.Log.Error("reload after a change of the policies folder", "err", err)
			}
			changed, all = map[string]bool{}, false
		}
	}
}

func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// enteOf is the ente whose folder under enti holds path, if any.
func enteOf(enti, path string) (string, bool) {
	rel, err := filepath.Rel(enti, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	id, rest, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if !engine.IsEnteID(id) || rest == "" && !isDirOrGone(path) {
		return "", false // a file of enti/ itself, or no ente's name
	}
	return id, true
}

// isDirOrGone tells a folder, or a path removed since the event.
func isDirOrGone(path string) bool {
	fi, err := os.Stat(path)
	return err != nil || fi.IsDir()
}
