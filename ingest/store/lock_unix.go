//go:build unix

package store

import (
	"os"
	"syscall"
)

// errWouldBlock is flock's "held by another process".
var errWouldBlock = syscall.EWOULDBLOCK

func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
