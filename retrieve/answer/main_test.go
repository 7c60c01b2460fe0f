package answer

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/retrievetest"
)

// sample is an engine over the bundled sample archive, ingested once for
// all tests of the package through the real pipeline.
var sample *retrieve.Engine

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "heraldqa-answer-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		eng, err := retrievetest.Engine(context.Background(), "../../testdata/archive", dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ingesting the sample archive:", err)
			return 1
		}
		sample = eng
		return m.Run()
	}()
	os.Exit(code)
}
