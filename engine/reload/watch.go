package reload

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch reloads after the policies folder changes, once it has been quiet
// for debounce: an editor's save, a git checkout or a copy of many files
// makes a burst of events, and one reload after the burst sees the files
// as they were meant to be. It returns when ctx ends, or at once when the
// folder cannot be watched.
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
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			r.cfg.Log.Error("watch the policies folder", "err", err)
		case <-timer.C:
			if _, err := r.Reload(ctx); err != nil && ctx.Err() == nil {
				r.cfg.Log.Error("reload after a change of the policies folder", "err", err)
			}
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
