package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// MaxPageSize bounds a .txt, .md or .html file, which is read whole: no
// page of the paper comes near it, so a larger file is something else.
const MaxPageSize = 16 << 20

// ErrTooLarge is the reason a page file over MaxPageSize is rejected.
var ErrTooLarge = errors.New("too large for one page")

// File is an archive file found by Collect.
type File struct {
	Path string // absolute and clean; a document's Origin
	// Source is the path relative to the folder named on the command line,
	// with forward slashes, or the base name of a file named directly.
	Source  string
	Format  string // txt, md, html, jsonl
	Size    int64
	ModTime time.Time
	// Sidecar is the path of the file's NAME.meta.json, "" when there is
	// none; with ModTime it lets a caller notice a changed sidecar without
	// reading. ReadFile looks the sidecar up again itself.
	Sidecar string
}

// Skipped is a file Collect passed over on purpose: not an archive format.
type Skipped struct {
	Path   string // as reached from the path given
	Reason string
}

// Rejected is a path Collect or ReadFile could not use: missing,
// unreadable, too large. Err says why.
type Rejected struct {
	Path string // as given, or as reached from the path given
	Err  error
}

func (r Rejected) Error() string { return r.Path + ": " + r.Err.Error() }

// Problem is a fault in one part of a file (a JSONL line) that did not stop
// the rest of the file from being read.
type Problem struct {
	Line int // 1-based; 0 when the problem is not about one line
	Msg  string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Msg
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// formats maps accepted extensions, lower-cased, to Document.Format.
var formats = map[string]string{
	".txt": "txt", ".md": "md", ".markdown": "md",
	".html": "html", ".htm": "html", ".jsonl": "jsonl",
}

func formatOf(name string) string { return formats[strings.ToLower(filepath.Ext(name))] }

func isSidecarName(name string) bool {
	return len(name) > len(sidecarSuffix) && strings.HasSuffix(strings.ToLower(name), sidecarSuffix)
}

// Collect finds the archive files among paths, which may be files or
// folders. Folders are walked recursively in lexical order. Hidden files
// and folders (a name starting with ".") below a given path are passed over
// silently, as are sidecars that belong to a file; other files of an
// unknown type are Skipped. Missing or unreadable paths and page files over
// MaxPageSize are Rejected, and the rest goes on. A file reached twice is
// listed once.
//
// When ctx is cancelled, collecting stops and the paths not yet walked are
// Rejected with ctx's error, so every path given is accounted for.
func Collect(ctx context.Context, paths []string) (files []File, skipped []Skipped, rejected []Rejected) {
	c := &collector{ctx: ctx, seen: map[string]bool{}, owned: map[string]bool{}}
	for i, p := range paths {
		if err := ctx.Err(); err != nil {
			for _, q := range paths[i:] {
				c.rejected = append(c.rejected, Rejected{q, err})
			}
			break
		}
		c.collect(p)
	}
	// A sidecar is only worth a word when no file claims it.
	for _, sc := range c.sidecars {
		if !c.owned[sc.abs] {
			c.skipped = append(c.skipped, Skipped{sc.shown, "a sidecar (" + sidecarSuffix + ") of no archive file here"})
		}
	}
	return c.files, c.skipped, c.rejected
}

type collector struct {
	ctx      context.Context
	files    []File
	skipped  []Skipped
	rejected []Rejected
	seen     map[string]bool // absolute paths of files already listed
	owned    map[string]bool // sidecar paths some archive file would read
	sidecars []struct{ abs, shown string }
}

func (c *collector) collect(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		c.rejected = append(c.rejected, Rejected{path, err})
		return
	}
	fi, err := os.Stat(abs)
	if err != nil {
		c.rejected = append(c.rejected, Rejected{path, pathReason(err)})
		return
	}
	if !fi.IsDir() {
		c.file(abs, path, filepath.Base(abs), fi)
		return
	}
	err = fs.WalkDir(os.DirFS(abs), ".", func(rel string, d fs.DirEntry, err error) error {
		if cerr := c.ctx.Err(); cerr != nil {
			c.rejected = append(c.rejected, Rejected{path, fmt.Errorf("stopped walking: %w", cerr)})
			return fs.SkipAll
		}
		shown := filepath.Join(path, filepath.FromSlash(rel))
		if err != nil {
			// An unreadable folder: WalkDir has already reported it once
			// without error; this second call carries the failure.
			c.rejected = append(c.rejected, Rejected{shown, pathReason(err)})
			return nil
		}
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		full := filepath.Join(abs, filepath.FromSlash(rel))
		fi, err := os.Stat(full) // follows a symbolic link to a file
		if err != nil {
			c.rejected = append(c.rejected, Rejected{shown, pathReason(err)})
			return nil
		}
		if fi.IsDir() {
			// Following links to folders could loop; the target can be
			// named on the command line instead.
			c.skipped = append(c.skipped, Skipped{shown, "a symbolic link to a folder, not followed"})
			return nil
		}
		c.file(full, shown, rel, fi)
		return nil
	})
	if err != nil {
		c.rejected = append(c.rejected, Rejected{path, err})
	}
}

// file considers one file: abs is its absolute path, shown the path to
// report it by, source its Source.
func (c *collector) file(abs, shown, source string, fi fs.FileInfo) {
	name := fi.Name()
	if isSidecarName(filepath.Base(abs)) {
		c.sidecars = append(c.sidecars, struct{ abs, shown string }{abs, shown})
		return
	}
	format := formatOf(abs)
	if format == "" {
		reason := "no file extension; want .txt, .md, .markdown, .html, .htm or .jsonl"
		if ext := filepath.Ext(name); ext != "" {
			reason = fmt.Sprintf("unsupported file type %q; want .txt, .md, .markdown, .html, .htm or .jsonl", ext)
		}
		c.skipped = append(c.skipped, Skipped{shown, reason})
		return
	}
	for _, p := range sidecarPaths(abs) {
		c.owned[p] = true
	}
	if !fi.Mode().IsRegular() {
		c.skipped = append(c.skipped, Skipped{shown, fmt.Sprintf("%v (%s)", ErrNotRegular, kindOf(fi.Mode()))})
		return
	}
	if c.seen[abs] {
		return
	}
	c.seen[abs] = true
	if format != "jsonl" && fi.Size() > MaxPageSize {
		c.rejected = append(c.rejected, Rejected{shown, tooLarge(fi.Size())})
		return
	}
	// Opening is the only sure test of read permission; openRegular also
	// refuses kernel files that stat as regular (/proc/kmsg behind a link).
	f, err := openRegular(c.ctx, abs)
	if err != nil {
		c.rejected = append(c.rejected, Rejected{shown, err})
		return
	}
	f.Close()
	sidecar, _ := findSidecar(abs) // two sidecars: ReadFile reports it
	c.files = append(c.files, File{
		Path:    abs,
		Source:  filepath.ToSlash(source),
		Format:  format,
		Size:    fi.Size(),
		ModTime: fi.ModTime(),
		Sidecar: sidecar,
	})
}

func tooLarge(size int64) error {
	return fmt.Errorf("%w: %.1f MiB > %d MiB", ErrTooLarge, float64(size)/(1<<20), MaxPageSize>>20)
}

// pathReason drops the operation and path from a *fs.PathError, which the
// Rejected names already; errors.Is still sees the cause.
func pathReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads one archive file into documents and hands each to emit in
// order. Issue pages (.txt, .md) are parsed by parseIssue, injected so that
// this layer does not depend on the parser; HTML pages and JSONL records are
// parsed here. Every document gets Source, Origin, Format, Encoding, Hash
// (of the decoded content and the sidecar's bytes), the sidecar's metadata,
// and article IDs.
//
// An error for the whole file (unreadable, empty, binary, undecodable, too
// large, a bad sidecar) or from emit stops reading and is returned as a
// *FileError, which names the file and holds the reason alone; errors.Is
// sees ErrEmpty, ErrBinary, ErrUndecodable, ErrTooLarge or emit's error
// through it. Faults of single JSONL lines are returned as Problems and
// reading goes on.
func ReadFile(ctx context.Context, f File, parseIssue func(source, text string) *archive.Document, emit func(*archive.Document) error) (problems []Problem, err error) {
	problems, err = readFile(ctx, f, parseIssue, emit)
	if err != nil {
		err = &FileError{Path: f.Path, Err: err}
	}
	return problems, err
}

// FileError is a failure to read one file as a whole.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return "reading " + e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

func readFile(ctx context.Context, f File, parseIssue func(source, text string) *archive.Document, emit func(*archive.Document) error) ([]Problem, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format := f.Format
	if format == "" {
		format = formatOf(f.Path)
	}
	source := f.Source
	if source == "" {
		source = filepath.Base(f.Path)
	}
	sc, scRaw, err := loadSidecar(ctx, f.Path)
	if err != nil {
		return nil, err
	}
	if format == "jsonl" {
		return readJSONLFile(ctx, f.Path, source, sc, scRaw, emit)
	}

	b, err := readPage(ctx, f.Path)
	if err != nil {
		return nil, err
	}
	var (
		doc  *archive.Document
		text string
		enc  string
	)
	switch format {
	case "txt", "md":
		if parseIssue == nil {
			return nil, errors.New("no issue-page parser given")
		}
		if text, enc, err = Decode(b); err != nil {
			return nil, err
		}
		if doc = parseIssue(source, text); doc == nil {
			return nil, errors.New("no page content found")
		}
	case "html":
		if text, enc, err = decodeWithCharset(b, htmlCharset(b)); err != nil {
			return nil, err
		}
		if doc, err = ParseHTML(source, text); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unsupported format %q", format)
	}
	if doc.Source == "" {
		doc.Source = source
	}
	doc.Origin = f.Path
	doc.Format = format
	doc.Encoding = enc
	doc.Hash = contentHash([]byte(text), scRaw)
	sc.apply(doc)
	doc.AssignIDs()
	if err := emit(doc); err != nil {
		return nil, err
	}
	return nil, nil
}

// readPage reads a whole page file, refusing more than MaxPageSize even if
// the file grew since it was collected. The read ends when ctx ends.
func readPage(ctx context.Context, path string) ([]byte, error) {
	f, err := openRegular(ctx, path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.Size() > MaxPageSize {
		f.Close()
		return nil, tooLarge(fi.Size())
	}
	r := newBoundedReader(ctx, f)
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, MaxPageSize+1))
	if err != nil {
		return nil, pathReason(err)
	}
	if len(b) > MaxPageSize {
		return nil, fmt.Errorf("%w: more than %d MiB", ErrTooLarge, MaxPageSize>>20)
	}
	return b, nil
}

// contentHash is the hex SHA-256 of content followed, when there is a
// sidecar, by a NUL and the sidecar's bytes: a changed sidecar changes the
// documents, so it must change their hash.
func contentHash(content, sidecar []byte) string {
	h := sha256.New()
	h.Write(content)
	if sidecar != nil {
		h.Write([]byte{0})
		h.Write(sidecar)
	}
	return hex.EncodeToString(h.Sum(nil))
}
