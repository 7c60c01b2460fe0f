package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotRegular is the reason a path that is not a plain file on disk (a
// FIFO, a device, a kernel file under /proc, /sys or /dev) is refused:
// reading such a file can block forever or never end.
var ErrNotRegular = errors.New("not a regular file")

// systemDirs hold files that stat as regular but are kernel interfaces:
// /proc/kmsg blocks on read, /sys files change under the reader, and a
// link into /dev can reach a device.
var systemDirs = []string{"/proc", "/sys", "/dev"}

// resolveTarget follows the symbolic links in path and refuses a target
// inside systemDirs. It returns the resolved path.
func resolveTarget(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", pathReason(err)
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	for _, d := range systemDirs {
		if real == d || strings.HasPrefix(real, d+string(filepath.Separator)) {
			return "", fmt.Errorf("%w: %s is a system file", ErrNotRegular, real)
		}
	}
	return real, nil
}

// openRegular opens a regular file for reading, bounded by ctx: the
// target must resolve outside systemDirs and still be a regular file once
// open (a FIFO may have taken a collected file's place). Opening runs on
// its own goroutine because open(2) itself can hang on a stuck network
// mount; when ctx ends first, ctx's error is returned and the goroutine is
// left to close whatever it opens.
func openRegular(ctx context.Context, path string) (*os.File, error) {
	real, err := resolveTarget(path)
	if err != nil {
		return nil, err
	}
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		// O_NONBLOCK: opening a FIFO waits for a writer otherwise. Reads of
		// regular files ignore the flag.
		f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		ch <- opened{f, err}
	}()
	var o opened
	select {
	case o = <-ch:
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
	if o.err != nil {
		return nil, pathReason(o.err)
	}
	fi, err := o.f.Stat()
	if err != nil {
		o.f.Close()
		return nil, pathReason(err)
	}
	if !fi.Mode().IsRegular() {
		o.f.Close()
		return nil, fmt.Errorf("%w (%s)", ErrNotRegular, kindOf(fi.Mode()))
	}
	return o.f, nil
}

// openBounded opens a regular file as openRegular does and returns a
// reader of it whose reads end when ctx ends, so that SIGINT or SIGTERM
// stops an ingest within moments even when a read never returns.
func openBounded(ctx context.Context, path string) (io.ReadCloser, error) {
	f, err := openRegular(ctx, path)
	if err != nil {
		return nil, err
	}
	return newBoundedReader(ctx, f), nil
}

// boundedReader reads an underlying reader on its own goroutine and hands
// the bytes over; Read returns ctx's error as soon as ctx ends, leaving a
// read that never returns to the goroutine, which ends with the process.
// The goroutine owns the underlying reader and closes it when done.
type boundedReader struct {
	ctx    context.Context
	chunks chan readChunk
	done   chan struct{}
	buf    []byte
	err    error
	closed bool
}

type readChunk struct {
	b   []byte
	err error
}

// readChunkSize is the size of each read handed over: large enough that
// the hand-over costs nothing next to parsing.
const readChunkSize = 64 << 10

func newBoundedReader(ctx context.Context, rc io.ReadCloser) *boundedReader {
	br := &boundedReader{ctx: ctx, chunks: make(chan readChunk), done: make(chan struct{})}
	go func() {
		defer rc.Close()
		for {
			b := make([]byte, readChunkSize)
			n, err := rc.Read(b)
			select {
			case br.chunks <- readChunk{b[:n], err}:
			case <-br.done:
				return
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return br
}

func (br *boundedReader) Read(p []byte) (int, error) {
	for len(br.buf) == 0 {
		if br.err != nil {
			return 0, br.err
		}
		if err := br.ctx.Err(); err != nil {
			return 0, err
		}
		select {
		case c := <-br.chunks:
			br.buf, br.err = c.b, c.err
		case <-br.ctx.Done():
			return 0, br.ctx.Err()
		}
	}
	n := copy(p, br.buf)
	br.buf = br.buf[n:]
	return n, nil
}

// Close stops the reading goroutine, which closes the file.
func (br *boundedReader) Close() error {
	if !br.closed {
		br.closed = true
		close(br.done)
	}
	return nil
}

// kindOf names the kind of a file that is not regular, for a reason.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "mode " + m.Type().String()
}
