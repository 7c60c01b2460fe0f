package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

func TestParseSidecar(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Sidecar
		errSays string
	}{
		{name: "all fields", in: `{"date":"2025-03-28","issue":12,"total_issue":2616,"page":5}`, want: Sidecar{Date: "2025-03-28", Issue: 12, TotalIssue: 2616, Page: 5}},
		{name: "Chinese date", in: `{"date":"2025年3月28日"}`, want: Sidecar{Date: "2025-03-28"}},
		{name: "numbers as text", in: `{"issue":"第12期","total_issue":"总第2616期","page":"05版"}`, want: Sidecar{Issue: 12, TotalIssue: 2616, Page: 5}},
		{name: "nothing stated", in: `{}`, want: Sidecar{}},
		{name: "nulls", in: `{"date":null,"page":null}`, want: Sidecar{}},

		{name: "empty file", in: " \n", errSays: "empty"},
		{name: "not JSON", in: `date: 2025-03-28`, errSays: "invalid JSON"},
		{name: "misspelt field", in: `{"isue":12}`, errSays: `"isue"`},
		{name: "bad date", in: `{"date":"2025-02-30"}`, errSays: `date "2025-02-30"`},
		{name: "page not a number", in: `{"page":"five"}`, errSays: "page"},
		{name: "negative issue", in: `{"issue":-1}`, errSays: "issue"},
		{name: "fractional page", in: `{"page":2.5}`, errSays: "page"},
		{name: "two values", in: `{} {}`, errSays: "more than one value"},
		{name: "date a number", in: `{"date":20250328}`, errSays: "date: a JSON number, want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSidecar([]byte(tt.in))
			if tt.errSays != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSays) {
					t.Fatalf("ParseSidecar = %+v, %v; want an error saying %q", got, err, tt.errSays)
				}
				return
			}
			if err != nil || *got != tt.want {
				t.Errorf("ParseSidecar = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestParseMetaDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-11-03", "2025-11-03"},
		{"2025/11/03", "2025-11-03"},
		{"2025.11.3", "2025-11-03"},
		{"2025年11月3日", "2025-11-03"},
		{"2025 年 11 月 3 日", "2025-11-03"},
		{"２０２５年１１月３日", "2025-11-03"},
		{"2025-11-03T23:30:00+08:00", "2025-11-03"}, // the date as written, not in UTC
		{"2025-11-03T08:00:00Z", "2025-11-03"},
		{"2025-11-03 08:00", "2025-11-03"},
		{"2025-13-01", ""},
		{"2024-02-29", "2024-02-29"},
		{"2025-02-29", ""},
		{"11/03/2025", ""},
		{"下周一", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseMetaDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("parseMetaDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseMetaNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"40", 40, true}, {" 40 ", 40, true}, {"第40期", 40, true}, {"总第2644期", 2644, true},
		{"總第2644期", 2644, true}, {"02版", 2, true}, {"第2版", 2, true}, {"４０", 40, true},
		{"四十", 0, false}, {"40a", 0, false}, {"", 0, false}, {"-3", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseMetaNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseMetaNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadFileSidecar(t *testing.T) {
	dir := t.TempDir()
	const text = "标题\n正文。"
	writeFiles(t, dir, map[string]string{
		"plain.txt":            text,
		"short.txt":            text,
		"short.meta.json":      `{"date":"2025年3月28日","issue":12,"total_issue":2616,"page":5}`,
		"long.txt":             text,
		"long.txt.meta.json":   `{"page":7}`,
		"bad.txt":              text,
		"bad.txt.meta.json":    `{"issue":"twelve"}`,
		"both.txt":             text,
		"both.meta.json":       `{}`,
		"both.txt.meta.json":   `{}`,
		"feed.jsonl":           `{"text":"一条","page":2,"date":"2025-01-01"}` + "\n" + `{"text":"两条"}`,
		"feed.jsonl.meta.json": `{"date":"2025-03-28","issue":12}`,
	})
	// The parser states a date and weekday, and pages for one article of two.
	parse := func(source, text string) *archive.Document {
		return &archive.Document{
			Meta:     archive.Meta{Date: "2025-01-06", Weekday: "星期一", Issue: 1},
			Articles: []archive.Article{{Kind: archive.KindArticle, Text: "甲"}, {Kind: archive.KindArticle, Text: "乙", Page: 3}},
		}
	}
	read := func(name string) ([]*archive.Document, error) {
		docs, _, err := readAll(t, filepath.Join(dir, name), parse)
		return docs, err
	}

	docs, err := read("short.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if want := (archive.Meta{Date: "2025-03-28", Issue: 12, TotalIssue: 2616, Page: 5}); d.Meta != want {
		t.Errorf("with foo.meta.json, Meta = %+v; want %+v (the weekday printed for another date dropped)", d.Meta, want)
	}
	if d.Articles[0].Page != 5 || d.Articles[1].Page != 3 {
		t.Errorf("article pages %d, %d; want 5 from the sidecar and 3 as parsed", d.Articles[0].Page, d.Articles[1].Page)
	}
	sidecar, _ := os.ReadFile(filepath.Join(dir, "short.meta.json"))
	if want := sha256Hex(text, "\x00", string(sidecar)); d.Hash != want {
		t.Errorf("Hash = %s; want SHA-256 of text, NUL, sidecar: %s", d.Hash, want)
	}

	docs, err = read("long.txt")
	if err != nil {
		t.Fatal(err)
	}
	if want := (archive.Meta{Date: "2025-01-06", Weekday: "星期一", Issue: 1, Page: 7}); docs[0].Meta != want {
		t.Errorf("with foo.txt.meta.json, Meta = %+v; want %+v", docs[0].Meta, want)
	}

	plain, err := read("plain.txt")
	if err != nil {
		t.Fatal(err)
	}
	if plain[0].Hash == d.Hash || plain[0].Hash == docs[0].Hash || plain[0].Hash != sha256Hex(text) {
		t.Errorf("same text with and without sidecars hashes %s, %s, %s; want the sidecar to count", plain[0].Hash, d.Hash, docs[0].Hash)
	}

	for name, says := range map[string]string{"bad.txt": "bad.txt.meta.json: issue", "both.txt": "two sidecars"} {
		if _, err := read(name); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("%s: ReadFile = %v; want an error saying %q", name, err, says)
		}
	}

	docs, err = read("feed.jsonl")
	if err != nil || len(docs) != 2 {
		t.Fatalf("feed.jsonl: %d docs, %v", len(docs), err)
	}
	for i, wantPage := range []int{2, 0} {
		if m := docs[i].Meta; m.Date != "2025-03-28" || m.Issue != 12 || m.Page != wantPage {
			t.Errorf("record %d Meta = %+v; want the sidecar's date and issue, page %d", i, m, wantPage)
		}
	}
}
