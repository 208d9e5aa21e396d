package engine

import "sync"

// keptMax is how many entries each of the engine's caches holds: enough
// for the files and data of 8,000 enti and their library without
// emptying, in a few MB of keys beyond what the enti hold anyway.
const keptMax = 1 << 15

// kept is the shape of the engine's caches of what loading computes from
// file contents (canonical forms, parsed data, digests, OPA values): safe
// for concurrent use, and emptied rather than trimmed when full, since
// contents change rarely and a miss only costs what every load cost
// without the cache. Values are shared: nothing may change them.
type kept[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

func newKept[K comparable, V any]() *kept[K, V] { return &kept[K, V]{m: map[K]V{}} }

func (k *kept[K, V]) get(key K) (V, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[key]
	return v, ok
}

func (k *kept[K, V]) put(key K, v V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.putLocked(key, v)
}

func (k *kept[K, V]) putLocked(key K, v V) {
	if len(k.m) >= keptMax {
		clear(k.m)
	}
	k.m[key] = v
}

// keep returns the value kept for key, keeping v for it when there is none.
func (k *kept[K, V]) keep(key K, v V) V {
	k.mu.Lock()
	defer k.mu.Unlock()
	if old, ok := k.m[key]; ok {
		return old
	}
	k.putLocked(key, v)
	return v
}
