package answer

import (
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/retrievetest"
)

// sample is an engine over the bundled sample archive, ingested once for
// all tests of the package through the real pipeline.
var sample *retrieve.Engine

func TestMain(m *testing.M) { retrievetest.Main(m, "../../testdata/archive", &sample) }
