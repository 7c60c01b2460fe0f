package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// sidecarSuffix names the optional metadata file next to an archive file:
// foo.meta.json or foo.txt.meta.json for foo.txt.
const sidecarSuffix = ".meta.json"

// Sidecar is what a NAME.meta.json file states about every document of its
// file. Zero fields state nothing.
type Sidecar struct {
	Date       string // ISO 8601
	Issue      int
	TotalIssue int
	Page       int
}

// sidecarJSON is the file's form: numbers may also be written as strings
// ("40", "第40期"), the date as ISO or 2025年3月28日.
type sidecarJSON struct {
	Date       *string         `json:"date"`
	Issue      json.RawMessage `json:"issue"`
	TotalIssue json.RawMessage `json:"total_issue"`
	Page       json.RawMessage `json:"page"`
}

// sidecarPaths lists where the sidecar of the file at path may be, most
// specific first.
func sidecarPaths(path string) []string {
	ext := filepath.Ext(path)
	return []string{path + sidecarSuffix, strings.TrimSuffix(path, ext) + sidecarSuffix}
}

// findSidecar returns the path of the sidecar of the file at path, "" when
// there is none. Two sidecars for one file are an error: which one is meant
// cannot be known.
func findSidecar(path string) (string, error) {
	var found []string
	for _, p := range sidecarPaths(path) {
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.Mode().IsRegular():
			found = append(found, p)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("looking for sidecar %s: %w", p, err)
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("two sidecars, %s and %s: keep one", filepath.Base(found[0]), filepath.Base(found[1]))
}

// maxSidecar bounds a sidecar's size; a few dozen bytes are expected.
const maxSidecar = 64 << 10

// loadSidecar finds and reads the sidecar of the file at path. It returns
// nil and no bytes when there is none. Errors name the sidecar.
func loadSidecar(ctx context.Context, path string) (*Sidecar, []byte, error) {
	p, err := findSidecar(path)
	if err != nil || p == "" {
		return nil, nil, err
	}
	f, err := openBounded(ctx, p)
	if err != nil {
		return nil, nil, fmt.Errorf("sidecar %s: %w", p, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxSidecar+1))
	if err != nil {
		return nil, nil, fmt.Errorf("sidecar %s: %w", p, err)
	}
	if len(raw) > maxSidecar {
		return nil, nil, fmt.Errorf("sidecar %s: larger than %d KiB", p, maxSidecar>>10)
	}
	sc, err := ParseSidecar(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("sidecar %s: %w", p, err)
	}
	return sc, raw, nil
}

// ParseSidecar parses the content of a NAME.meta.json file:
// {"date":"2025-03-28","issue":12,"total_issue":2616,"page":5}, every field
// optional. Unknown fields are errors, so that a misspelt one is not
// silently ignored.
func ParseSidecar(raw []byte) (*Sidecar, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("empty; write {} or remove it")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var j sidecarJSON
	if err := dec.Decode(&j); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s: a JSON %s, want a string", te.Field, te.Value)
		}
		if msg, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, fmt.Errorf("unknown field %s; known are date, issue, total_issue, page", msg)
		}
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: more than one value")
	}
	var sc Sidecar
	if j.Date != nil && strings.TrimSpace(*j.Date) != "" {
		d, ok := parseMetaDate(*j.Date)
		if !ok {
			return nil, fmt.Errorf("date %q: want 2025-03-28 or 2025年3月28日", *j.Date)
		}
		sc.Date = d
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *int
	}{{"issue", j.Issue, &sc.Issue}, {"total_issue", j.TotalIssue, &sc.TotalIssue}, {"page", j.Page, &sc.Page}} {
		n, err := jsonMetaNumber(f.raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		*f.dst = n
	}
	return &sc, nil
}

// apply lets the sidecar supply or override the document's metadata, and
// the page of articles whose page is unknown.
func (sc *Sidecar) apply(d *archive.Document) {
	if sc == nil {
		return
	}
	if sc.Date != "" {
		if sc.Date != d.Meta.Date {
			d.Meta.Weekday = "" // printed for another date: no longer true
		}
		d.Meta.Date = sc.Date
	}
	if sc.Issue != 0 {
		d.Meta.Issue = sc.Issue
	}
	if sc.TotalIssue != 0 {
		d.Meta.TotalIssue = sc.TotalIssue
	}
	if sc.Page != 0 {
		d.Meta.Page = sc.Page
		for i := range d.Articles {
			if d.Articles[i].Page == 0 {
				d.Articles[i].Page = sc.Page
			}
		}
	}
}

// reMetaDate matches the dates archives write: 2025-11-03, 2025/11/03,
// 2025.11.3, 2025年11月3日, optionally followed by a time (RFC 3339 or
// "2025-11-03 08:00:00"), which is dropped: the date as printed is kept, not
// converted to another time zone.
var reMetaDate = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$`)

// parseMetaDate returns s as an ISO date, false when s is not a valid date.
func parseMetaDate(s string) (string, bool) {
	m := reMetaDate.FindStringSubmatch(strings.TrimSpace(normalize.Fold(s)))
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != time.Month(mo) || t.Day() != d {
		return "", false // 2025-02-30 and the like
	}
	return t.Format(time.DateOnly), true
}

// reMetaNumber matches how an issue or page number is written in text:
// 40, 第40期, 总第2644期, 總第2644期, 第2版, 02版.
var reMetaNumber = regexp.MustCompile(`^(?:[总總]\s*)?(?:第\s*)?(\d+)\s*[期版]?$`)

// parseMetaNumber reads a number written as text; false when it is none.
func parseMetaNumber(s string) (int, bool) {
	m := reMetaNumber.FindStringSubmatch(strings.TrimSpace(normalize.Fold(s)))
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, false
	}
	return n, true
}

// errNotNumber is the wrong-JSON-type case of jsonMetaNumber, as opposed to
// a string that does not read as a number.
var errNotNumber = errors.New("want a number or a string")

// jsonMetaNumber reads a JSON number, numeric string or null as a
// non-negative int; absent or null is 0.
func jsonMetaNumber(raw json.RawMessage) (int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, err
		}
		if strings.TrimSpace(s) == "" {
			return 0, nil
		}
		n, ok := parseMetaNumber(s)
		if !ok {
			return 0, fmt.Errorf("%q is not a number", s)
		}
		return n, nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || f < 0 || f > 1e9 || f != math.Trunc(f) {
			return 0, fmt.Errorf("%s is not a whole number from 0", raw)
		}
		return int(f), nil
	}
	return 0, fmt.Errorf("a JSON %s, %w", jsonType(raw), errNotNumber)
}
