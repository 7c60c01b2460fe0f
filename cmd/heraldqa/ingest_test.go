package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// freshStore points the CLI at an empty store of the test's own.
func freshStore(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	t.Setenv("HERALDQA_STORE", dir)
	t.Setenv("HERALDQA_EMBEDDER", "local")
	t.Setenv("HERALDQA_LLM", "none")
	t.Setenv("HERALDQA_K", "5")
	return dir
}

type listed struct {
	Source     string  `json:"source"`
	Date       *string `json:"date"`
	Issue      *int    `json:"issue"`
	TotalIssue *int    `json:"total_issue"`
	Pages      *int    `json:"pages"`
	Articles   []struct {
		Headline string `json:"headline"`
		Page     *int   `json:"page"`
	} `json:"articles"`
	TOC []struct {
		Headline string `json:"headline"`
		Page     int    `json:"page"`
	} `json:"toc"`
}

func listJSON(t *testing.T) map[string]listed {
	t.Helper()
	code, out, errOut := runCLI("list", "--json")
	if code != 0 {
		t.Fatalf("list --json: status %d: %s", code, errOut)
	}
	var entries []listed
	if err := json.Unmarshal([]byte(out), &entries); err != nil {
		t.Fatalf("list --json is not a JSON array: %v\n%s", err, out)
	}
	m := map[string]listed{}
	for _, e := range entries {
		m[e.Source] = e
	}
	return m
}

// The contract of `heraldqa list --json`, checked against what the sample
// pages print (read by hand).
func TestIngestAndListSample(t *testing.T) {
	freshStore(t)
	code, _, errOut := runCLI("ingest", "../../testdata/archive")
	if code != 0 {
		t.Fatalf("ingest: status %d: %s", code, errOut)
	}
	docs := listJSON(t)
	if len(docs) != 5 {
		t.Fatalf("%d documents listed, want 5", len(docs))
	}

	d := docs["001_87eece0f712b39c0.txt"]
	if d.Date == nil || *d.Date != "2025-11-03" || d.Issue == nil || *d.Issue != 40 ||
		d.TotalIssue == nil || *d.TotalIssue != 2644 || d.Pages == nil || *d.Pages != 24 {
		t.Errorf("001: date %v issue %v total %v pages %v, want 2025-11-03, 40, 2644, 24", d.Date, d.Issue, d.TotalIssue, d.Pages)
	}
	var heads []string
	for _, a := range d.Articles {
		heads = append(heads, a.Headline)
	}
	for _, want := range []string{"国家高新区高质量一体化发展提速", "第二十一届全国高新区发展战略研究年会暨2025国家高新区创新发展论坛在杭州举行"} {
		if !slices.Contains(heads, want) {
			t.Errorf("001 front page lacks %q: %q", want, heads)
		}
	}
	if got := tocPages(d); !slices.Equal(got, []int{2, 3, 4, 9, 12, 18, 21, 23}) {
		t.Errorf("001 TOC pages %v, want [2 3 4 9 12 18 21 23]", got)
	}
	if d.TOC[0].Headline != "金融赋能科技服务业正当其时" || !strings.HasPrefix(d.TOC[4].Headline, "2.0版发布") {
		t.Errorf("001 TOC headlines: %+v", d.TOC)
	}

	if got := tocPages(docs["000_8765960b682b9259.txt"]); !slices.Equal(got, []int{3, 12, 14, 15, 20, 22}) {
		t.Errorf("000 TOC pages %v, want [3 12 14 15 20 22]", got)
	}
	if got := tocPages(docs["004_5ee546baec2a4d86.txt"]); !slices.Equal(got, []int{2, 4, 5, 12, 20, 21, 22}) {
		t.Errorf("004 TOC pages %v, want [2 4 5 12 20 21 22]", got)
	}

	tw := docs["002_d31d04ab9f96990b.txt"]
	if tw.Date != nil || tw.Issue != nil || tw.TotalIssue != nil || tw.Pages != nil {
		t.Errorf("002 has no masthead, yet lists date %v issue %v total %v pages %v", tw.Date, tw.Issue, tw.TotalIssue, tw.Pages)
	}
	// 002 is Traditional (中關(guān)村); a Simplified question finds it.
	code, out, _ := runCLI("ask", "--json", "中关村论坛年会在哪里召开？")
	if code != 0 || !strings.Contains(out, "002_d31d04ab9f96990b.txt") {
		t.Errorf("asking in Simplified did not find 002: status %d\n%s", code, out)
	}
}

func tocPages(d listed) []int {
	var pages []int
	for _, e := range d.TOC {
		pages = append(pages, e.Page)
	}
	return pages
}

// Bad input is reported one line per file, naming it, and the store keeps
// what it had.
func TestIngestBadInputKeepsStore(t *testing.T) {
	freshStore(t)
	if code, _, errOut := runCLI("ingest", "../../testdata/archive"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	before := listJSON(t)

	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("2025年11月3日 星期一 第40期(总第2644期) 今日24版\n\n测试标题\n\n这是一篇用GB18030编码的文章。"))
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte("測試標題\n\n這是一篇用Big5編碼的文章，談中關村。"))
	empty := write("empty.txt", nil)
	binary := write("binary.txt", append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...))
	write("gbk.txt", gb)
	write("big5.txt", big5)
	badJSONL := write("bad.jsonl", []byte("{\"id\":\"a\",\"title\":\"好\",\"text\":\"第一条记录。\"}\n{not json\n{\"id\":\"c\",\"text\":\"第三条记录。\"}\n"))
	large := filepath.Join(dir, "large.txt")
	f, err := os.Create(large)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, _, errOut := runCLI("ingest", dir)
	if code != 1 {
		t.Errorf("status %d, want 1 (something was rejected)", code)
	}
	for _, want := range []string{empty, binary, large, badJSONL + ": line 2"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errOut)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if strings.Contains(line, "goroutine") || strings.Contains(line, "panic") {
			t.Errorf("a user-facing line looks like a crash: %q", line)
		}
	}

	after := listJSON(t)
	for src := range before {
		if _, ok := after[src]; !ok {
			t.Errorf("%s was lost from the store", src)
		}
	}
	for _, src := range []string{"gbk.txt", "big5.txt", "a", "c"} {
		if _, ok := after[src]; !ok {
			t.Errorf("the good input %s was not stored (have %d documents)", src, len(after))
		}
	}
	if g := after["gbk.txt"]; g.Issue == nil || *g.Issue != 40 {
		t.Errorf("GB18030 page's masthead not read: %+v", g)
	}
	// The Big5 text is found by a Simplified question.
	code, out, _ := runCLI("ask", "--json", "用Big5编码的文章谈什么？")
	if code != 0 || !strings.Contains(out, "big5.txt") {
		t.Errorf("the Big5 page is not searchable in Simplified:\n%s", out)
	}
}

// Re-ingesting identical content adds nothing; a changed file replaces its
// old chunks.
func TestReingest(t *testing.T) {
	freshStore(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "p.txt")
	if err := os.WriteFile(page, []byte("首届火炬论坛在河北雄安新区举办\n\n本报讯 论坛在雄安新区举办。"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		code, _, errOut := runCLI("ingest", dir)
		if code != 0 {
			t.Fatalf("ingest %d: %s", i, errOut)
		}
		want := "1 document and"
		if i == 1 {
			want = "0 documents and 0 chunks added or replaced, 1 file unchanged"
		}
		if !strings.Contains(errOut, want) {
			t.Errorf("ingest %d: %q lacks %q", i, errOut, want)
		}
	}
	if err := os.WriteFile(page, []byte("第二届火炬论坛在北京举办\n\n本报讯 论坛在北京举办。"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("ingest", dir); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := runCLI("ask", "--json", "火炬论坛在哪里举办？")
	if strings.Contains(out, "雄安") || !strings.Contains(out, "北京") {
		t.Errorf("after the change the old text is still found or the new is not:\n%s", out)
	}
	docs := listJSON(t)
	if len(docs) != 1 {
		t.Errorf("%d documents after replacing one file, want 1", len(docs))
	}
}

// A store built with one embedder refuses vectors of another.
func TestIngestEmbedderMismatch(t *testing.T) {
	freshStore(t)
	if code, _, errOut := runCLI("ingest", "../../testdata/archive/000_8765960b682b9259.txt"); code != 0 {
		t.Fatal(errOut)
	}
	t.Setenv("HERALDQA_EMBEDDER", "ollama")
	t.Setenv("OLLAMA_HOST", "http://127.0.0.1:1") // never reached
	code, _, errOut := runCLI("ingest", "../../testdata/archive/001_87eece0f712b39c0.txt")
	if code == 0 || !strings.Contains(errOut, "local:hash-ngram-v1:256") {
		t.Errorf("status %d, stderr %q: want a refusal naming the store's embedder", code, errOut)
	}
	if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 {
		t.Errorf("error is %d lines, want one: %q", n+1, errOut)
	}
}

// Questions go through the whole CLI: text and JSON forms, the citation
// in newspaper form, Traditional in, Traditional out.
func TestAskCLI(t *testing.T) {
	evalEnv(t)
	code, out, errOut := runCLI("ask", "2025浦江创新论坛的主宾国是哪个国家？")
	if code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	if !strings.Contains(out, "白俄罗斯") || !strings.Contains(out, "[1] 《中国高新技术产业导报》2025年9月29日 第36期(总第2640期) 第1版《2025浦江创新论坛:共建全球科技共同体》") {
		t.Errorf("answer:\n%s", out)
	}
	code, out, _ = runCLI("ask", "--json", "2025浦江創新論壇的主賓國是哪個國家？")
	var ans struct {
		Answer    string
		Refused   bool
		Citations []struct {
			TotalIssue int `json:"total_issue"`
			Page       int
			Quote      string
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil || code != 0 {
		t.Fatalf("status %d, %v:\n%s", code, err, out)
	}
	if !strings.Contains(ans.Answer, "白俄羅斯") || len(ans.Citations) == 0 || ans.Citations[0].TotalIssue != 2640 || ans.Citations[0].Page != 1 {
		t.Errorf("Traditional answer: %+v", ans)
	}
	raw, _ := os.ReadFile("../../testdata/archive/000_8765960b682b9259.txt")
	for _, c := range ans.Citations {
		if !bytes.Contains(raw, []byte(c.Quote)) {
			t.Errorf("quote %q is not in the printed page", c.Quote)
		}
	}
	if code, _, errOut := runCLI("ask"); code != 2 || !strings.Contains(errOut, "ask what?") {
		t.Errorf("ask with no question: status %d, %q", code, errOut)
	}
}

// --batch answers one question a line, in order, echoing ids.
func TestAskBatch(t *testing.T) {
	evalEnv(t)
	in := "2025浦江创新论坛的主宾国是哪个国家？\n{\"qid\": \"q2\", \"question\": \"IASP 2025年世界大会在哪个城市举行？\"}\n\n{bad\n"
	var out, errOut strings.Builder
	code := run([]string{"ask", "--json", "--batch", "-"}, strings.NewReader(in), &out, &errOut)
	if code != 1 { // a line was skipped
		t.Fatalf("status %d, want 1: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d answers, want 2:\n%s", len(lines), out.String())
	}
	var first, second struct {
		ID      string
		Answer  string
		Refused bool
	}
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if !strings.Contains(first.Answer, "白俄罗斯") || second.ID != "q2" || !second.Refused {
		t.Errorf("batch answers: %+v %+v", first, second)
	}
	if !strings.Contains(errOut.String(), "line 4") || !strings.Contains(errOut.String(), "2 questions answered, 1 line skipped") {
		t.Errorf("the bad line was not reported: %q", errOut.String())
	}
}

// chat understands a follow-up that only changes the issue.
func TestChatFollowUp(t *testing.T) {
	evalEnv(t)
	var out, errOut strings.Builder
	code := run([]string{"chat"}, strings.NewReader("第40期头版讲了什么\n那第41期呢？\n/quit\n"), &out, &errOut)
	if code != 0 {
		t.Fatalf("status %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "国家高新区高质量一体化发展提速") || !strings.Contains(out.String(), "首届火炬论坛在河北雄安新区举办") {
		t.Errorf("chat did not answer the follow-up about 第41期:\n%s", out.String())
	}
}
