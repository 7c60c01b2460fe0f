package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// MaxJSONLLine bounds one JSONL record; a longer line is a Problem and is
// skipped, the rest of the file is read.
const MaxJSONLLine = 16 << 20

// ErrNoRecords is the reason a JSONL file none of whose lines could be read
// is rejected; its Problems say why for each line.
var ErrNoRecords = errors.New("no usable records")

// maxProblems bounds the problems kept for one file: a file that is wrong
// throughout says so in the first thousand.
const maxProblems = 1000

// jsonlRecord is one line of a JSONL export. Only text is required. A
// string field of another JSON type fails the record, reported by
// encoding/json with its name; id and the numbers are kept raw because
// they may come as numbers or as text.
type jsonlRecord struct {
	ID         json.RawMessage `json:"id"`
	Title      *string         `json:"title"`
	Text       *string         `json:"text"`
	Date       *string         `json:"date"`
	Issue      json.RawMessage `json:"issue"`
	TotalIssue json.RawMessage `json:"total_issue"`
	Page       json.RawMessage `json:"page"`
	Source     *string         `json:"source"`
	// Byline or author, optional: who signed the story (本报记者 张伟).
	Byline *string `json:"byline"`
	Author *string `json:"author"`
}

// jsonlContent is a record's content as hashed: its resolved values, so
// the same record always gets the same hash whatever its key order, spacing
// or escapes.
type jsonlContent struct {
	Source, ID, Title, Text, Date string
	Issue, TotalIssue, Page       int
	Byline                        string
}

// hash is the hex SHA-256 of the content's fields, each length-prefixed so
// that no two contents write the same bytes, followed by the sidecar.
func (c *jsonlContent) hash(sidecar []byte) string {
	h := sha256.New()
	var buf []byte
	for _, s := range []string{c.Source, c.ID, c.Title, c.Text, c.Date} {
		buf = strconv.AppendInt(buf[:0], int64(len(s)), 10)
		buf = append(buf, ':')
		h.Write(buf)
		io.WriteString(h, s)
	}
	buf = fmt.Appendf(buf[:0], "%d,%d,%d", c.Issue, c.TotalIssue, c.Page)
	h.Write(buf)
	if c.Byline != "" {
		// Only when given, so that a record without one hashes as it did
		// before bylines were read, and is not ingested again.
		buf = strconv.AppendInt(append(buf[:0], 'b'), int64(len(c.Byline)), 10)
		h.Write(append(buf, ':'))
		io.WriteString(h, c.Byline)
	}
	if sidecar != nil {
		h.Write([]byte{0})
		h.Write(sidecar)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func readJSONLFile(ctx context.Context, path, source string, sc *Sidecar, scRaw []byte, emit func(*archive.Document) error) ([]Problem, error) {
	f, err := openBounded(ctx, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	j := &jsonlReader{path: path, source: source, sidecar: sc, sidecarRaw: scRaw, seen: map[string]int{}}
	if err := j.read(ctx, f, emit); err != nil {
		return j.problems, err
	}
	return j.problems, nil
}

type jsonlReader struct {
	path, source string // the file's Origin and Source
	sidecar      *Sidecar
	sidecarRaw   []byte
	seen         map[string]int // record hash → the line it was first on
	problems     []Problem
	dropped      int // problems beyond maxProblems
}

func (j *jsonlReader) problem(line int, format string, args ...any) {
	if len(j.problems) >= maxProblems {
		j.dropped++
		return
	}
	j.problems = append(j.problems, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// read streams r line by line and emits one document per good record.
func (j *jsonlReader) read(ctx context.Context, r io.Reader, emit func(*archive.Document) error) error {
	br := bufio.NewReaderSize(r, binarySample)
	// A binary file given a .jsonl name would otherwise yield a problem a
	// line; judge the file by its start, as Decode does.
	head, _ := br.Peek(binarySample)
	if err := checkBinary(head); err != nil {
		return err
	}
	lr := lineReader{br: br, max: MaxJSONLLine}
	records, emitted := 0, 0
	for n := 1; ; n++ {
		if n%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, tooLong, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if tooLong {
			records++
			j.problem(n, "longer than %d MiB; skipped", MaxJSONLLine>>20)
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		records++
		doc := j.record(n, line)
		if doc == nil {
			continue
		}
		if err := emit(doc); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		emitted++
	}
	if j.dropped > 0 {
		j.problems = append(j.problems, Problem{Msg: fmt.Sprintf("%d more problems not listed", j.dropped)})
	}
	if records == 0 {
		return fmt.Errorf("%w: no records", ErrEmpty)
	}
	if emitted == 0 {
		// Not an export of texts at all, such as a file of questions.
		return fmt.Errorf("%w: none of %d records is usable", ErrNoRecords, records)
	}
	return nil
}

// record turns line n into a document, or notes a problem and returns nil.
func (j *jsonlReader) record(n int, line []byte) *archive.Document {
	if !utf8.Valid(line) {
		j.problem(n, "not valid UTF-8 (JSONL must be UTF-8); skipped")
		return nil
	}
	trimmed := bytes.TrimSpace(line)
	if trimmed[0] != '{' {
		if json.Valid(trimmed) {
			j.problem(n, "a JSON %s, want an object; skipped", jsonType(trimmed))
		} else {
			j.problem(n, "invalid JSON: %s; skipped", jsonError(trimmed))
		}
		return nil
	}
	var rec jsonlRecord
	if err := json.Unmarshal(trimmed, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			j.problem(n, "%q: a JSON %s, want %s; skipped", te.Field, te.Value, wantType(te.Type))
		} else {
			j.problem(n, "invalid JSON: %s; skipped", jsonError(trimmed))
		}
		return nil
	}

	var c jsonlContent
	switch {
	case rec.Text == nil:
		j.problem(n, `no "text"; skipped`)
		return nil
	case strings.TrimSpace(*rec.Text) == "":
		j.problem(n, `empty "text"; skipped`)
		return nil
	}
	c.Text = normalizeNewlines(*rec.Text)
	c.Title = normalizeNewlines(strings.TrimSpace(deref(rec.Title)))
	c.Source = strings.TrimSpace(deref(rec.Source))
	c.Byline = normalizeByline(cmp.Or(strings.TrimSpace(deref(rec.Byline)), strings.TrimSpace(deref(rec.Author))))
	c.Date = strings.TrimSpace(deref(rec.Date))
	id, err := jsonID(rec.ID)
	if err != nil {
		j.problem(n, `"id": %v; skipped`, err)
		return nil
	}
	c.ID = id
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *int
	}{{"issue", rec.Issue, &c.Issue}, {"total_issue", rec.TotalIssue, &c.TotalIssue}, {"page", rec.Page, &c.Page}} {
		v, err := jsonMetaNumber(f.raw)
		if errors.Is(err, errNotNumber) {
			j.problem(n, "%q: %v; skipped", f.name, err)
			return nil
		}
		if err != nil {
			// Bad data in the right type: the text is still worth having.
			j.problem(n, "%q: %v; left unknown", f.name, err)
		}
		*f.dst = v
	}
	if c.Date != "" {
		if d, ok := parseMetaDate(c.Date); ok {
			c.Date = d
		} else {
			j.problem(n, "\"date\": %q is not a date (want 2025-11-03, 2025/11/03 or 2025年11月3日); left unknown", c.Date)
			c.Date = ""
		}
	}

	if c.Source == "" {
		c.Source = c.ID
	}
	if c.Source == "" {
		c.Source = fmt.Sprintf("%s#%d", j.source, n)
	}
	if c.Byline == "" {
		// A record without a byline field may sign its story in the lead
		// (本报北京3月5日电（记者 王明）), as a page's stories do; the text
		// keeps it. Hashed with the record, so that a store made before
		// leads were read takes these records again on its next ingest.
		c.Byline, _ = leadByline(strings.TrimSpace(c.Text))
	}
	hash := c.hash(j.sidecarRaw)
	if first, dup := j.seen[hash]; dup {
		// Same source and content would share article ids.
		j.problem(n, "the same record as line %d; skipped", first)
		return nil
	}
	j.seen[hash] = n

	doc := &archive.Document{
		Source:   c.Source,
		Origin:   j.path,
		Format:   "jsonl",
		Encoding: encUTF8,
		Hash:     hash,
		Meta:     archive.Meta{Date: c.Date, Issue: c.Issue, TotalIssue: c.TotalIssue, Page: c.Page},
		Articles: []archive.Article{{Kind: archive.KindArticle, Headline: c.Title, Byline: c.Byline, Page: c.Page, Text: c.Text}},
	}
	j.sidecar.apply(doc)
	doc.AssignIDs()
	return doc
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func wantType(t reflect.Type) string {
	if t.Kind() == reflect.String {
		return "a string"
	}
	return t.String()
}

// jsonID reads an id given as a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("a JSON %s, want a string or a number", jsonType(raw))
}

func jsonType(raw []byte) string {
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonError describes why b is not valid JSON, with the byte offset.
func jsonError(b []byte) string {
	var v any
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	if err == nil {
		return "not a JSON object"
	}
	return err.Error()
}

// LineReader reads lines of any length, passing over a line longer than
// a limit without holding it: JSONL records and a batch of questions both
// need that.
type LineReader struct{ lr lineReader }

// NewLineReader reads lines from r, none longer than max bytes.
func NewLineReader(r io.Reader, max int) *LineReader {
	return &LineReader{lineReader{br: bufio.NewReaderSize(r, 64<<10), max: max}}
}

// Next returns the next line without its line ending. A line longer than
// max is returned empty with tooLong set, and the reader moves past it. At
// the end it returns io.EOF. The line is valid until the next call.
func (l *LineReader) Next() (line []byte, tooLong bool, err error) { return l.lr.next() }

// lineReader reads lines of any length up to max without holding more than
// max bytes, unlike bufio.Scanner, which fails the whole read on one long
// line.
type lineReader struct {
	br  *bufio.Reader
	buf []byte
	max int
}

// next returns the next line without its line ending. A line longer than
// max is returned empty with tooLong set, and the reader moves past it. At
// the end it returns io.EOF. The line is valid until the next call.
func (lr *lineReader) next() (line []byte, tooLong bool, err error) {
	chunk, err := lr.br.ReadSlice('\n')
	if err == nil {
		return trimEOL(chunk), false, nil // the common case: no copy
	}
	if err == io.EOF && len(chunk) == 0 {
		return nil, false, io.EOF
	}
	lr.buf = append(lr.buf[:0], chunk...)
	for err == bufio.ErrBufferFull {
		chunk, err = lr.br.ReadSlice('\n')
		if !tooLong && len(lr.buf)+len(chunk) > lr.max+2 { // +2: a CRLF is not content
			tooLong = true
			lr.buf = lr.buf[:0]
		}
		if !tooLong {
			lr.buf = append(lr.buf, chunk...)
		}
	}
	if err != nil && err != io.EOF {
		return nil, false, err
	}
	if tooLong {
		return nil, true, nil
	}
	line = trimEOL(lr.buf)
	if len(line) > lr.max {
		return nil, true, nil
	}
	return line, false, nil
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
