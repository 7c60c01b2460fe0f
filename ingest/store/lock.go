package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockName is the lock file in the store folder. It is never removed:
// deleting a flock file lets two processes each lock a different inode.
const lockName = "store.lock"

// LockedError says another process holds the store's write lock.
type LockedError struct {
	Dir string
	PID int // 0 when the holder had not yet written its pid
}

func (e *LockedError) Error() string {
	pid := "pid unknown"
	if e.PID > 0 {
		pid = "pid " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("store %s is being written by another heraldqa process (%s)", e.Dir, pid)
}

// fileLock is an exclusive flock on dir/store.lock. The kernel drops it when
// the process dies, so a killed ingest never leaves the store locked.
type fileLock struct {
	f *os.File
}

// acquireLock takes the write lock of the store in dir without waiting,
// creating dir if needed, and records this process's pid in the lock file.
func acquireLock(dir string) (*fileLock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating store folder: %w", err)
	}
	name := filepath.Join(dir, lockName)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening store lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		defer f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, &LockedError{Dir: dir, PID: readPID(f)}
		}
		return nil, fmt.Errorf("locking %s: %w", name, err)
	}
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return &fileLock{f: f}, nil
}

// readPID reads the holder's pid from the lock file, 0 if it has none yet.
func readPID(f *os.File) int {
	b, err := io.ReadAll(io.LimitReader(f, 32))
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// release drops the lock. The pid stays in the file; it is only read while
// the file is locked.
func (l *fileLock) release() error {
	if err := unlockFile(l.f); err != nil {
		l.f.Close()
		return fmt.Errorf("unlocking %s: %w", l.f.Name(), err)
	}
	return l.f.Close()
}
