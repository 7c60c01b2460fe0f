//go:build linux

package store

import (
	"fmt"
	"os"
	"syscall"
)

// canMap: segment files are opened with mmap here (see mapSnapshot).
const canMap = true

// mapFile maps a file read-only. The mapping is never unmapped: what is
// decoded from it (chunk texts, lexical postings, vectors) points into it
// for as long as anything may hold it; an unlinked file's pages stay
// readable while mapped.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size <= 0 || int64(int(size)) != size {
		return nil, fmt.Errorf("cannot map %d bytes", size)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fmt.Errorf("mmap %s: %w", f.Name(), err)
	}
	return b, nil
}

// dropPages tells the kernel this process no longer needs b's pages
// resident: they leave its RSS (the page cache keeps them) and are read
// again, from the cache or the file, when next touched.
func dropPages(b []byte) {
	if len(b) == 0 {
		return
	}
	// Only whole pages inside b: the mapping's start is page-aligned.
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED)
}

func unmapFile(b []byte) { _ = syscall.Munmap(b) }

// randomAccess turns off read-ahead around a fault in b: a search reads a
// few texts and postings here and there, and reading 64 KiB around each
// would make them resident again.
func randomAccess(b []byte) { _ = syscall.Madvise(b, syscall.MADV_RANDOM) }
