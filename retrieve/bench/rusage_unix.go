//go:build unix

package bench

import (
	"os"
	"syscall"
)

// maxRSS is a finished child's peak resident memory in bytes (getrusage's
// ru_maxrss: kilobytes on Linux), 0 when unknown.
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024
	}
	return 0
}
