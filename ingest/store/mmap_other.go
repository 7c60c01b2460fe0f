//go:build !linux

package store

import (
	"errors"
	"os"
)

// canMap: elsewhere segment files are read whole, as readSnapshot reads
// them.
const canMap = false

func mapFile(*os.File, int64) ([]byte, error) {
	return nil, errors.New("mmap is not used on this system")
}

func dropPages([]byte) {}

func unmapFile([]byte) {}

func randomAccess([]byte) {}
