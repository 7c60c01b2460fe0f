package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func benchCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut strings.Builder
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

const testSample = "../../testdata/archive"

func TestBenchUsageErrors(t *testing.T) {
	out := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"bench"}, "bench what?"},
		{[]string{"bench", "nonsense"}, `unknown bench command "nonsense"`},
		{[]string{"bench", "gen", "--out", out}, "give --issues N"},
		{[]string{"bench", "gen", "--issues", "2"}, "give --out DIR"},
		{[]string{"bench", "gen", "--issues", "1", "--out", out, "--format", "xml"}, `--format "xml": want txt or jsonl`},
		{[]string{"bench", "gen", "--issues", "1", "--out", out, "--pages", "1", "--sample", testSample}, "want 2 to 99"},
		{[]string{"bench", "gen", "--issues", "1", "--out", out, "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "run", "--sizes", "1000,x"}, `--sizes "1000,x"`},
		{[]string{"bench", "run", "--sizes", "0"}, `--sizes "0"`},
		{[]string{"bench", "retrieval", "--corpus", "c.jsonl"}, "give --corpus FILE and --questions FILE"},
		{[]string{"bench", "reader", "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "train", "--sets", "../shared/bench/cmrc2018"}, "reported on and never fitted to"},
	}
	for _, tt := range tests {
		code, _, stderr := benchCLI(tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: status %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestBenchGenText(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := benchCLI("bench", "gen", "--issues", "2", "--out", out, "--seed", "3", "--sample", testSample)
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "wrote 2 issues, 48 pages") {
		t.Errorf("stderr %q", stderr)
	}
	// The newest issue takes the newest sample masthead's date and total
	// number: 2025年11月24日 is in the 47th week of 2025.
	front, err := os.ReadFile(filepath.Join(out, "issue-0002", "page-01.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(front), "2025年11月24日 星期一 第47期(总第2647期) 今日24版") {
		t.Errorf("front page lacks the masthead:\n%.400s", front)
	}
	side, err := os.ReadFile(filepath.Join(out, "issue-0001", "page-24.meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"date":"2025-11-17","issue":46,"total_issue":2646,"page":24}`; strings.TrimSpace(string(side)) != want {
		t.Errorf("sidecar %s, want %s", side, want)
	}
}

func TestBenchGenJSONL(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := benchCLI("bench", "gen", "--issues", "1", "--out", out, "--format", "jsonl", "--sample", testSample)
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(out, "issue-0001.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		var keys []string
		for k := range rec {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if strings.Join(keys, ",") != "date,id,issue,page,source,text,title,total_issue" {
			t.Fatalf("line %d has keys %v", lines+1, keys)
		}
		lines++
	}
	if lines < 24 {
		t.Errorf("%d records for 24 pages", lines)
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("1000, 10000,50000")
	if err != nil || !slices.Equal(got, []int{1000, 10000, 50000}) {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "1000,", "-5", "1e3"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted", bad)
		}
	}
}
