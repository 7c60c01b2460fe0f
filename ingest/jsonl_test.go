package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

func TestReadJSONL(t *testing.T) {
	lines := []string{
		/* 1 */ `{"id":"a1","title":"国家高新区发展提速","text":"高质量发展是首要任务。","date":"2025-11-03","issue":40,"total_issue":2644,"page":1,"source":"导报/2644/01"}`,
		/* 2 */ ``,
		/* 3 */ `{"id":"a2","text":"缺了右括号"`,
		/* 4 */ `{"id":"a3","title":"没有正文"}`,
		/* 5 */ `{"id":"a4","text":"  \n "}`,
		/* 6 */ `{"id":"a5","title":5,"text":"标题是个数字"}`,
		/* 7 */ `{"id":"a6","text":"期号写成文字","issue":"第40期","total_issue":"总第2644期","page":"02版","date":"2025年11月3日"}`,
		/* 8 */ `{"id":"a7","text":"日期看不懂","date":"下周一"}`,
		/* 9 */ `["text","不是对象"]`,
		/* 10 */ `{"title":"无名","text":"没有 id 也没有 source"}`,
		/* 11 */ `{"id":"a8","text":"第一行\r\n第二行\r第三行"}`,
		/* 12 */ `{"id":123,"text":"数字 id","date":"2025/11/03","page":"3"}`,
		/* 13 */ `{"source":"导报/2644/01","title":"国家高新区发展提速","id":"a1", "text":"高质量发展是首要任务。","date":"2025-11-03","issue":40,"total_issue":2644,"page":1}`,
		/* 14 */ `{"id":"a9","text":"页码不是数","page":true}`,
		/* 15 */ `{"id":"a10","text":"时间戳","date":"2025-11-03T23:30:00+08:00","issue":"四十"}`,
		/* 16 */ "\t ",
		/* 17 */ `{"id":"a11","text":"最后一行没有换行"}`,
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "export.jsonl")
	if err := os.WriteFile(path, []byte("\uFEFF"+strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, problems, err := readAll(t, path, nil)
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}

	type want struct {
		source, headline, text string
		meta                   archive.Meta
	}
	wants := []want{
		{"导报/2644/01", "国家高新区发展提速", "高质量发展是首要任务。", archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 1}},
		{"a6", "", "期号写成文字", archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 2}},
		{"a7", "", "日期看不懂", archive.Meta{}},
		{"export.jsonl#10", "无名", "没有 id 也没有 source", archive.Meta{}},
		{"a8", "", "第一行\n第二行\n第三行", archive.Meta{}},
		{"123", "", "数字 id", archive.Meta{Date: "2025-11-03", Page: 3}},
		{"a10", "", "时间戳", archive.Meta{Date: "2025-11-03"}},
		{"a11", "", "最后一行没有换行", archive.Meta{}},
	}
	if len(docs) != len(wants) {
		for _, d := range docs {
			t.Logf("got %q", d.Source)
		}
		t.Fatalf("%d documents; want %d", len(docs), len(wants))
	}
	for i, w := range wants {
		d := docs[i]
		a := d.Articles[0]
		if d.Source != w.source || a.Headline != w.headline || a.Text != w.text || d.Meta != w.meta || a.Page != w.meta.Page {
			t.Errorf("document %d = %q %q %q %+v page %d\nwant %q %q %q %+v", i, d.Source, a.Headline, a.Text, d.Meta, a.Page, w.source, w.headline, w.text, w.meta)
		}
		if d.Origin != path || d.Format != "jsonl" || d.Encoding != "utf-8" || a.Kind != archive.KindArticle || a.ID != d.Hash[:16]+"-0" {
			t.Errorf("document %d: origin %q format %q encoding %q kind %q id %q", i, d.Origin, d.Format, d.Encoding, a.Kind, a.ID)
		}
	}

	wantProblems := []struct {
		line int
		says string
	}{
		{3, "invalid JSON"},
		{4, `no "text"`},
		{5, `empty "text"`},
		{6, `"title": a JSON number, want a string`},
		{8, `"date": "下周一" is not a date`},
		{9, "a JSON array, want an object"},
		{13, "the same record as line 1"},
		{14, `"page": a JSON boolean, want a number or a string`},
		{15, `"issue": "四十" is not a number; left unknown`},
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("problems:\n%v\nwant %d", problems, len(wantProblems))
	}
	for i, w := range wantProblems {
		if i >= len(problems) {
			break
		}
		p := problems[i]
		if p.Line != w.line || !strings.Contains(p.Msg, w.says) || !strings.HasPrefix(p.String(), "line ") {
			t.Errorf("problem %d = %q; want line %d saying %q", i, p, w.line, w.says)
		}
	}
}

// TestJSONLHash: the same record written differently hashes the same;
// a change of content or of source does not.
func TestJSONLHash(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl": `{"id":"x","title":"题","text":"文","page":2}` + "\n" + `{"id":"y","text":"文"}`,
		"b.jsonl": `{ "page" : "2", "text" : "\u6587", "title":"题", "id":"x" }` + "\n" + `{"id":"y","text":"文。"}`,
	})
	a, _, err := readAll(t, filepath.Join(dir, "a.jsonl"), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := readAll(t, filepath.Join(dir, "b.jsonl"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a[0].Hash != b[0].Hash {
		t.Errorf("the same record hashes %s and %s", a[0].Hash, b[0].Hash)
	}
	if a[1].Hash == b[1].Hash {
		t.Errorf("different texts hash the same")
	}
	if a[0].Hash == a[1].Hash {
		t.Errorf("different records hash the same")
	}
}

// TestJSONLByline: a record's byline or author is the article's byline,
// and a record without one hashes as before bylines were read (a stored
// archive is not ingested again for it).
func TestJSONLByline(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl": `{"id":"x","text":"文","byline":"本报记者  王立"}` + "\n" + `{"id":"y","text":"文","author":"陈晓明"}` + "\n" + `{"id":"z","text":"文"}` + "\n" +
			`{"id":"d","text":"本报北京3月5日电（记者 王明）星河科技5日发布芯片。"}` + "\n" + `{"id":"n","text":"本报讯(记者张伟)园区启用。"}` + "\n" +
			`{"id":"b","text":"本报北京3月5日电（记者 王明）文","byline":"陈晓明"}`,
	})
	docs, _, err := readAll(t, filepath.Join(dir, "a.jsonl"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Without a byline field, the lead's byline is read (a dateline's or
	// 本报讯's), and the text keeps it; a byline given is kept.
	for i, want := range []string{"本报记者 王立", "陈晓明", "", "记者 王明", "记者 张伟", "陈晓明"} {
		if got := docs[i].Articles[0].Byline; got != want {
			t.Errorf("record %d: byline %q, want %q", i, got, want)
		}
	}
	// The hash of a record without a byline, as written before bylines
	// were read: its source, id, title, text and date, each after its
	// length, then issue, total issue and page.
	old := sha256.Sum256([]byte("1:z" + "1:z" + "0:" + "3:文" + "0:" + "0,0,0"))
	if want := hex.EncodeToString(old[:]); docs[2].Hash != want {
		t.Errorf("record without a byline hashes %s, want %s", docs[2].Hash, want)
	}
	if !strings.HasPrefix(docs[3].Articles[0].Text, "本报北京3月5日电（记者 王明）") {
		t.Errorf("the lead's byline was taken out of the text: %q", docs[3].Articles[0].Text)
	}
	if docs[0].Hash == (&jsonlContent{Source: "x", ID: "x", Text: "文"}).hash(nil) {
		t.Errorf("a byline does not change the hash")
	}
}

func TestReadJSONLWholeFileErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"blank.jsonl":  "\n\n  \n",
		"binary.jsonl": "PK\x03\x04\x00\x00\x08\x00" + strings.Repeat("\x00", 100),
		"questions.jsonl": `{"qid":"q1","question":"哪一年？","answers":["2025"],"doc_id":"d1"}` + "\n" +
			`{"qid":"q2","question":"在哪里？","answers":["雄安"],"doc_id":"d2"}`,
	})
	for name, want := range map[string]error{"blank.jsonl": ErrEmpty, "binary.jsonl": ErrBinary, "questions.jsonl": ErrNoRecords} {
		path := filepath.Join(dir, name)
		if _, _, err := readAll(t, path, nil); !errors.Is(err, want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: ReadFile = %v; want %v naming the file", name, err, want)
		}
	}
}

// TestReadJSONLLongLines: a line longer than the read buffer is read whole;
// one over MaxJSONLLine is a problem, and the lines after it are read.
func TestReadJSONLLongLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "long.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"id":"one","text":"` + strings.Repeat("长", 400_000) + `"}` + "\n") // 1.2 MB
	w.WriteString(`{"id":"two","text":"` + strings.Repeat("x", MaxJSONLLine) + `"}` + "\r\n")
	w.WriteString(`{"id":"three","text":"短"}` + "\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	docs, problems, err := readAll(t, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Source != "one" || len([]rune(docs[0].Articles[0].Text)) != 400_000 || docs[1].Source != "three" {
		t.Errorf("got %d documents; want one (400000 characters) and three", len(docs))
	}
	if len(problems) != 1 || problems[0].Line != 2 || !strings.Contains(problems[0].Msg, "longer than 16 MiB") {
		t.Errorf("problems = %v; want line 2 longer than 16 MiB", problems)
	}
}

func TestLineReader(t *testing.T) {
	in := "short\n" + strings.Repeat("a", 25) + "\n" + strings.Repeat("b", 10) + "\r\nlast"
	lr := lineReader{br: bufio.NewReaderSize(strings.NewReader(in), 16), max: 10}
	type line struct {
		text    string
		tooLong bool
	}
	var got []line
	for {
		l, tooLong, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, line{string(l), tooLong})
	}
	want := []line{{"short", false}, {"", true}, {strings.Repeat("b", 10), false}, {"last", false}}
	if len(got) != len(want) {
		t.Fatalf("lines = %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v; want %+v", i+1, got[i], want[i])
		}
	}
}

// TestBenchCorpora: the outside benchmark corpora read cleanly, every
// record a document named by its id.
func TestBenchCorpora(t *testing.T) {
	for _, c := range []struct {
		path    string
		records int
	}{
		{"/work/shared/bench/cmrc2018/corpus.jsonl", 848},
		{"/work/shared/bench/drcd_test/corpus.jsonl", 1000},
	} {
		t.Run(filepath.Base(filepath.Dir(c.path)), func(t *testing.T) {
			raw, err := os.ReadFile(c.path)
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("benchmark corpus %s is not on this machine", c.path)
			}
			if err != nil {
				t.Fatal(err)
			}
			docs, problems, err := readAll(t, c.path, nil)
			if err != nil || len(problems) != 0 {
				t.Fatalf("ReadFile: %v, problems %v", err, problems)
			}
			if len(docs) != c.records {
				t.Errorf("%d documents; want %d", len(docs), c.records)
			}
			// Each document against its line, decoded here on its own.
			lines := bytes.Split(bytes.TrimRight(raw, "\n"), []byte("\n"))
			for i, d := range docs {
				if i >= len(lines) {
					break
				}
				var rec struct{ ID, Title, Text string }
				if err := json.Unmarshal(lines[i], &rec); err != nil {
					t.Fatalf("line %d: %v", i+1, err)
				}
				a := d.Articles[0]
				if d.Source != rec.ID || a.Headline != rec.Title || a.Text != rec.Text {
					t.Fatalf("document %d = %q %q; want line %d's id %q and title %q, and its text", i, d.Source, a.Headline, i+1, rec.ID, rec.Title)
				}
			}
		})
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	const path = "/work/shared/bench/cmrc2018/corpus.jsonl"
	fi, err := os.Stat(path)
	if err != nil {
		b.Skipf("benchmark corpus: %v", err)
	}
	f := File{Path: path, Source: "corpus.jsonl", Format: "jsonl"}
	b.SetBytes(fi.Size())
	for b.Loop() {
		n := 0
		_, err := ReadFile(context.Background(), f, nil, func(*archive.Document) error { n++; return nil })
		if err != nil || n != 848 {
			b.Fatalf("%d documents, %v", n, err)
		}
	}
}
