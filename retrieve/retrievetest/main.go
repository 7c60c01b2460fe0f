package retrievetest

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
)

// Main runs a package's tests with *eng set to an engine over the archive
// folder, ingested once into a temporary store that is removed afterwards,
// and exits with the tests' status. Call it from TestMain.
func Main(m *testing.M, archive string, eng **retrieve.Engine) {
	dir, err := os.MkdirTemp("", "heraldqa-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		e, err := Engine(context.Background(), archive, dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ingesting the sample archive:", err)
			return 1
		}
		*eng = e
		return m.Run()
	}()
	os.Exit(code)
}
