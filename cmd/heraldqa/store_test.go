package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePage(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func statsOf(t *testing.T) string {
	t.Helper()
	code, out, errOut := runCLI("list", "--stats")
	if code != 0 {
		t.Fatalf("list --stats: status %d: %s", code, errOut)
	}
	return out
}

// Remove by glob, replace a changed file, compact: through the CLI, each
// checked by what list and ask then say.
func TestRemoveReplaceCompactCLI(t *testing.T) {
	freshStore(t)
	arch := t.TempDir()
	writePage(t, filepath.Join(arch, "2019", "a.txt"), "首届火炬论坛在河北雄安新区举办\n\n本报讯 论坛在雄安新区举办。")
	writePage(t, filepath.Join(arch, "2019", "b.txt"), "高新区工业园区发布数字化改造指引\n\n本报讯 园区将完成数字化改造。")
	writePage(t, filepath.Join(arch, "2020", "c.txt"), "中关村发布人工智能产业报告\n\n本报讯 报告由中关村发布。")
	if code, _, errOut := runCLI("ingest", arch); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	if s := statsOf(t); !strings.Contains(s, "documents  3") || !strings.Contains(s, "segments   1") {
		t.Fatalf("stats after ingest:\n%s", s)
	}

	code, _, errOut := runCLI("remove", "2019/*")
	if code != 0 || !strings.Contains(errOut, "removed 2 documents of 2 files") {
		t.Fatalf("remove 2019/*: status %d: %s", code, errOut)
	}
	docs := listJSON(t)
	if _, ok := docs["2020/c.txt"]; len(docs) != 1 || !ok {
		t.Fatalf("after remove: %v, want 2020/c.txt alone", docs)
	}
	if _, out, _ := runCLI("ask", "--json", "火炬论坛在哪里举办？"); strings.Contains(out, "雄安") {
		t.Errorf("a removed page is still answered from:\n%s", out)
	}

	writePage(t, filepath.Join(arch, "2020", "c.txt"), "中关村发布量子计算产业报告\n\n本报讯 量子计算报告由中关村发布。")
	if code, _, errOut := runCLI("ingest", filepath.Join(arch, "2020")); code != 0 {
		t.Fatalf("re-ingest: %s", errOut)
	}
	_, out, _ := runCLI("ask", "--json", "中关村发布了什么报告？")
	if !strings.Contains(out, "量子") || strings.Contains(out, "人工智能") {
		t.Errorf("after replacing c.txt:\n%s", out)
	}
	if s := statsOf(t); !strings.Contains(s, "documents  1") {
		t.Errorf("stats after replace:\n%s", s)
	}

	if code, _, errOut := runCLI("compact"); code != 0 {
		t.Fatalf("compact: %s", errOut)
	}
	if s := statsOf(t); !strings.Contains(s, "segments   1") || !strings.Contains(s, "documents  1") {
		t.Errorf("stats after compact:\n%s", s)
	}
	if _, out, _ := runCLI("ask", "--json", "中关村发布了什么报告？"); !strings.Contains(out, "量子") {
		t.Errorf("after compact:\n%s", out)
	}

	if code, _, errOut := runCLI("remove", "2018/*"); code != 1 || !strings.Contains(errOut, `no document in the store matches "2018/*"`) {
		t.Errorf("remove of nothing: status %d: %s", code, errOut)
	}
}

// A named store that does not exist is an error saying how to make it,
// and nothing is created.
func TestAskMissingStoreCLI(t *testing.T) {
	dir := freshStore(t)
	for _, args := range [][]string{{"ask", "火炬论坛在哪里举办？"}, {"ask", "--store", dir, "火炬论坛在哪里举办？"}} {
		code, _, errOut := runCLI(args...)
		want := "no store at " + dir + "; create it with: heraldqa ingest --store " + dir + " PATH"
		if code != 1 || !strings.Contains(errOut, want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: status %d, stderr %q, want one line with %q", args, code, errOut, want)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%v created %s", args, dir)
		}
	}
}

// stepReader gives one line a Read, running before[i] before line i.
type stepReader struct {
	lines  []string
	before []func()
	i      int
}

func (r *stepReader) Read(p []byte) (int, error) {
	if r.i >= len(r.lines) {
		return 0, io.EOF
	}
	if r.before[r.i] != nil {
		r.before[r.i]()
	}
	n := copy(p, r.lines[r.i]+"\n")
	r.i++
	return n, nil
}

// A running chat answers from an issue ingested while it runs, without a
// restart.
func TestChatPicksUpNewCommit(t *testing.T) {
	freshStore(t)
	arch := t.TempDir()
	writePage(t, filepath.Join(arch, "a.txt"), "首届火炬论坛在河北雄安新区举办\n\n本报讯 论坛在雄安新区举办。")
	if code, _, errOut := runCLI("ingest", arch); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	week := t.TempDir()
	writePage(t, filepath.Join(week, "b.txt"), "量子计算创新中心在合肥揭牌\n\n本报讯 量子计算创新中心在合肥揭牌成立。")
	in := &stepReader{
		lines: []string{"火炬论坛在哪里举办？", "量子计算创新中心在哪里揭牌？"},
		before: []func(){nil, func() {
			if code, _, errOut := runCLI("ingest", week); code != 0 {
				t.Errorf("ingest while chatting: %s", errOut)
			}
		}},
	}
	var out, errOut strings.Builder
	if code := run([]string{"chat"}, in, &out, &errOut); code != 0 {
		t.Fatalf("chat: status %d: %s", code, errOut.String())
	}
	answers := strings.SplitN(out.String(), "量子", 2)
	if !strings.Contains(out.String(), "雄安") || len(answers) != 2 || !strings.Contains(answers[1], "合肥") {
		t.Errorf("chat did not answer from the issue ingested while it ran:\n%s", out.String())
	}
}
