//go:build !unix

package store

import (
	"errors"
	"os"
	"runtime"
)

// The store's write lock is an flock(2); this system has none, so the
// store cannot be written here (it can be read), rather than written
// unguarded by two processes at once.

var errWouldBlock = errors.New("lock held")

func lockFile(*os.File) error {
	return errors.New("the store's write lock needs flock(2), which " + runtime.GOOS + " does not have; ingest on Linux, macOS or a BSD")
}

func unlockFile(*os.File) error { return nil }
