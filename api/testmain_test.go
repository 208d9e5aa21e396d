package api

import (
	"os"
	"testing"

	"github.com/galateo/galateo/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.StopPostgres() // a container dockertest started, if any
	os.Exit(code)
}
