package store

import (
	"fmt"
	"math"
	"time"
)

// The instants the log can keep: columns hold nanoseconds since 1970 in 64
// bits. Go's UnixNano wraps silently beyond them, which would store
// another time than the record's hash covers; the API accepts a narrower
// range (engine.MinInstant to engine.MaxInstant), so this is the last
// guard, not the rule.
var (
	minStored = time.Unix(0, math.MinInt64).UTC()
	maxStored = time.Unix(0, math.MaxInt64).UTC()
)

// nanos is t as the log stores it, or an error when it cannot be stored
// without wrapping.
func nanos(t time.Time) (int64, error) {
	if t.Before(minStored) || t.After(maxStored) {
		return 0, fmt.Errorf("instant %s is outside what the log can store (%s to %s)",
			t.UTC().Format(time.RFC3339), minStored.Format(time.RFC3339), maxStored.Format(time.RFC3339))
	}
	return t.UnixNano(), nil
}

// clampedNanos is t as a bound of a query: a bound beyond what the log can
// store selects the same records as the nearest one it can.
func clampedNanos(t time.Time) int64 {
	switch {
	case t.Before(minStored):
		return math.MinInt64
	case t.After(maxStored):
		return math.MaxInt64
	}
	return t.UnixNano()
}
