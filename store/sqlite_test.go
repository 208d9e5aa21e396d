package store_test

import (
	"path/filepath"
	"testing"

	"github.com/galateo/galateo/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, freshSQLite)
}

// freshSQLite is a new database file in the test's temporary directory.
func freshSQLite(tb testing.TB) storetest.Database {
	path := filepath.Join(tb.TempDir(), "galateo.db")
	return storetest.Database{URL: "sqlite:" + path, Driver: "sqlite", DSN: "file:" + path + "?_pragma=busy_timeout(10000)"}
}
