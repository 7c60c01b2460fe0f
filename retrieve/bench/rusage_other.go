//go:build !unix

package bench

import "os"

// maxRSS is unknown where there is no getrusage: the report shows 0.
func maxRSS(*os.ProcessState) int64 { return 0 }
