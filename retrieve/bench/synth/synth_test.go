package synth

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/archive"
)

const sampleDir = "../../../testdata/archive"

var (
	srcOnce sync.Once
	srcVal  *Source
	srcErr  error
)

// source loads the sample archive once for all tests.
func source(t testing.TB) *Source {
	t.Helper()
	srcOnce.Do(func() { srcVal, srcErr = LoadSource(context.Background(), sampleDir) })
	if srcErr != nil {
		t.Fatal(srcErr)
	}
	return srcVal
}

func sampleArchive(t testing.TB, opt Options) *Archive {
	t.Helper()
	a, err := New(source(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestVocabularyIsTheSamples(t *testing.T) {
	var all strings.Builder
	entries, err := os.ReadDir(sampleDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(sampleDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		all.WriteString(clean(string(b)))
	}
	text := all.String()
	for _, list := range [][]string{cities, provinces, topics, people, surnames, givenRunes} {
		for _, w := range list {
			if !strings.Contains(text, w) {
				t.Errorf("%q is not printed in the sample archive", w)
			}
		}
	}
}

func TestLoadSource(t *testing.T) {
	s := source(t)
	// The newest sample page is 004: 2025年11月24日 第43期(总第2647期).
	if s.newest.Date != "2025-11-24" || s.newest.TotalIssue != 2647 {
		t.Errorf("newest masthead = %+v, want 2025-11-24, 总第2647期", s.newest)
	}
	if !contains(s.kickers, "回眸十四五") {
		t.Errorf("kickers %v lack 001's 回眸十四五", s.kickers)
	}
	if !contains(s.headlines, "两部门发文推动工业园区高质量发展") {
		t.Error("headlines lack 000's 两部门发文推动工业园区高质量发展")
	}
	// 002 is Traditional with pinyin left by its converter; its sentences
	// are kept Simplified and clean.
	found := false
	for _, a := range s.articles {
		for _, sent := range a {
			if strings.Contains(sent.text, "中關") || strings.Contains(sent.text, "guān") {
				t.Fatalf("sentence kept Traditional or pinyin: %s", sent.text)
			}
			if strings.HasPrefix(sent.text, "辛国斌表示") {
				found = true
			}
		}
	}
	if !found {
		t.Error("no sentence opens with 002's 辛国斌表示 in Simplified")
	}

	if _, err := LoadSource(context.Background(), t.TempDir()); err == nil {
		t.Error("an empty folder was accepted as a sample archive")
	}
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"今年9月1日起,决定正式施行。随着机制越来越完善,力量不断汇聚。", []string{"今年9月1日起,决定正式施行。", "随着机制越来越完善,力量不断汇聚。"}},
		// Closing quotes stay with their sentence; a cut-off tail is dropped.
		{"他表示“要加快推进建设！”为推动产业变革与创新发展注入了强劲的思想", []string{"他表示“要加快推进建设！”"}},
		// Too short to stand alone.
		{"径。中国将加强双多边政府间合作；", []string{"中国将加强双多边政府间合作；"}},
	}
	for _, tt := range tests {
		got := sentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMeta(t *testing.T) {
	a := sampleArchive(t, Options{Issues: 50, Seed: 1})
	tests := []struct {
		i    int
		want archive.Meta
	}{
		// The newest issue takes the sample's newest date and total number;
		// 11月24日 is day 328 of 2025, in its 47th week.
		{49, archive.Meta{Date: "2025-11-24", Weekday: "星期一", Issue: 47, TotalIssue: 2647, Pages: 24, Page: 1}},
		// 49 weeks earlier: day 351 of leap year 2024, week 51.
		{0, archive.Meta{Date: "2024-12-16", Weekday: "星期一", Issue: 51, TotalIssue: 2598, Pages: 24, Page: 1}},
		{2, archive.Meta{Date: "2024-12-30", Weekday: "星期一", Issue: 53, TotalIssue: 2600, Pages: 24, Page: 1}},
		// The numbering of the year starts again in January.
		{3, archive.Meta{Date: "2025-01-06", Weekday: "星期一", Issue: 1, TotalIssue: 2601, Pages: 24, Page: 1}},
	}
	for _, tt := range tests {
		if got := a.Meta(tt.i); got != tt.want {
			t.Errorf("Meta(%d) = %+v, want %+v", tt.i, got, tt.want)
		}
	}
	want := "科学技术部主管 科技日报社主办 国内统一连续出版物号CN 11—0237 邮发代号1—206 2025年1月6日 星期一 第1期(总第2601期) 今日24版"
	if got := Masthead(a.Meta(3)); got != want {
		t.Errorf("Masthead = %q, want %q", got, want)
	}
}

func TestNewRejects(t *testing.T) {
	for _, opt := range []Options{{Issues: 0}, {Issues: 1, Pages: 1}, {Issues: 1, Pages: 100}} {
		if _, err := New(source(t), opt); err == nil {
			t.Errorf("New(%+v) accepted", opt)
		}
	}
	if _, err := New(nil, Options{Issues: 1}); err == nil {
		t.Error("New(nil) accepted")
	}
}

// readBack reads every archive file under dir with the ingest reader, by
// Source.
func readBack(t *testing.T, dir string) map[string][]*archive.Document {
	t.Helper()
	ctx := context.Background()
	files, skipped, rejected := ingest.Collect(ctx, []string{dir})
	if len(skipped) > 0 || len(rejected) > 0 {
		t.Fatalf("skipped %v, rejected %v", skipped, rejected)
	}
	out := map[string][]*archive.Document{}
	for _, f := range files {
		problems, err := ingest.ReadFile(ctx, f, ingest.ParseIssue, func(d *archive.Document) error {
			out[f.Source] = append(out[f.Source], d)
			return nil
		})
		if err != nil || len(problems) > 0 {
			t.Fatalf("reading %s: %v %v", f.Source, err, problems)
		}
	}
	return out
}

// TestFilesParse writes issues as text files and reads them back with the
// ingest parser: every story, caption and TOC entry must come back as
// generated, with its issue and page.
func TestFilesParse(t *testing.T) {
	a := sampleArchive(t, Options{Issues: 3, Seed: 42})
	dir := t.TempDir()
	st, err := a.WriteFiles(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Issues != 3 || st.Pages != 72 {
		t.Errorf("stats %+v, want 3 issues, 72 pages", st)
	}
	docs := readBack(t, dir)
	if len(docs) != 72 {
		t.Fatalf("read %d page files, want 72", len(docs))
	}
	articles := 0
	for i := range 3 {
		iss := a.Issue(i)
		for _, pg := range iss.Pages {
			source := Dir(i) + "/" + PageFile(pg.Number)
			d := docs[source][0]
			wantMeta := iss.Meta
			wantMeta.Page = pg.Number
			if pg.Number > 1 {
				wantMeta.Weekday, wantMeta.Pages = "", 0 // the sidecar states neither
			}
			if d.Meta != wantMeta {
				t.Errorf("%s: meta %+v, want %+v", source, d.Meta, wantMeta)
			}
			var got []archive.Article
			var toc []archive.Article
			for _, art := range d.Articles {
				if art.Kind == archive.KindTOC {
					toc = append(toc, art)
				} else {
					got = append(got, art)
				}
			}
			if len(got) != len(pg.Articles) {
				t.Errorf("%s: parsed %d items, generated %d", source, len(got), len(pg.Articles))
				continue
			}
			for k := range got {
				checkArticle(t, source, &pg.Articles[k], &got[k], pg.Number)
				articles++
			}
			if pg.Number == 1 {
				if len(d.TOC) != len(iss.TOC) {
					t.Errorf("%s: TOC %v, want %v", source, d.TOC, iss.TOC)
				}
				for k := range min(len(d.TOC), len(iss.TOC)) {
					if d.TOC[k] != iss.TOC[k] || toc[k].Page != iss.TOC[k].Page {
						t.Errorf("%s: TOC entry %d = %+v, want %+v", source, k, d.TOC[k], iss.TOC[k])
					}
				}
			}
		}
	}
	if articles != st.Articles {
		t.Errorf("checked %d items, stats say %d", articles, st.Articles)
	}
}

func checkArticle(t *testing.T, source string, want *Article, got *archive.Article, page int) {
	t.Helper()
	headline := got.Headline
	if got.Subtitle != "" {
		headline += " " + got.Subtitle // a long headline is read as title and subtitle
	}
	wantByline := want.Byline
	switch {
	case want.LeadIn != "":
		wantByline = strings.TrimSuffix(strings.TrimPrefix(want.LeadIn, "本报讯("), ")")
	case want.Kind == archive.KindCaption:
		wantByline = want.Credit
	}
	wantText := strings.Join(want.Paragraphs, "\n")
	switch {
	case got.Kind != want.Kind:
		t.Errorf("%s %q: kind %s, want %s", source, want.Headline, got.Kind, want.Kind)
	case headline != want.Headline || got.Kicker != want.Kicker:
		t.Errorf("%s: headline %q/%q, want %q/%q", source, got.Kicker, headline, want.Kicker, want.Headline)
	case got.Byline != wantByline:
		t.Errorf("%s %q: byline %q, want %q", source, want.Headline, got.Byline, wantByline)
	case got.Text != wantText:
		t.Errorf("%s %q: text differs: %s", source, want.Headline, firstDiff(got.Text, wantText))
	case got.ContinuedOn != want.ContinuedOn || got.ContinuedFrom != want.ContinuedFrom:
		t.Errorf("%s %q: continued on %d from %d, want %d %d", source, want.Headline, got.ContinuedOn, got.ContinuedFrom, want.ContinuedOn, want.ContinuedFrom)
	case got.Page != page:
		t.Errorf("%s %q: page %d, want %d", source, want.Headline, got.Page, page)
	}
}

func TestJSONLParse(t *testing.T) {
	a := sampleArchive(t, Options{Issues: 2, Seed: 42})
	dir := t.TempDir()
	st, err := a.WriteJSONL(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := readBack(t, dir)
	n := 0
	for i := range 2 {
		iss := a.Issue(i)
		recs := iss.Records()
		got := docs[JSONLFile(i)]
		if len(got) != len(recs) {
			t.Fatalf("%s: read %d records, wrote %d", JSONLFile(i), len(got), len(recs))
		}
		for k, r := range recs {
			d := got[k]
			m := d.Meta
			if d.Source != r.Source || m.Date != iss.Meta.Date || m.Issue != iss.Meta.Issue || m.TotalIssue != iss.Meta.TotalIssue || m.Page != r.Page {
				t.Errorf("record %s: read %s %+v", r.ID, d.Source, m)
			}
			if len(d.Articles) != 1 || d.Articles[0].Headline != r.Title || d.Articles[0].Text != r.Text {
				t.Errorf("record %s: articles %+v", r.ID, d.Articles)
			}
			n++
		}
	}
	if n != st.Articles {
		t.Errorf("read %d records, stats say %d", n, st.Articles)
	}
}

func TestLeadStoryContinues(t *testing.T) {
	iss := sampleArchive(t, Options{Issues: 1, Seed: 3}).Issue(0)
	lead, rest := iss.Pages[0].Articles[0], iss.Pages[1].Articles[0]
	if lead.ContinuedOn != 2 || rest.ContinuedFrom != 1 || rest.Headline != lead.Headline {
		t.Errorf("lead %q on %d, page 2 opens with %q from %d", lead.Headline, lead.ContinuedOn, rest.Headline, rest.ContinuedFrom)
	}
	if !strings.Contains(iss.PageText(1), "▼▼ 下转第2版") || !strings.Contains(iss.PageText(2), "▲▲ 上接第1版") {
		t.Error("the continuation marks are not printed")
	}
}

// TestDeterministic: the same seed writes the same bytes, another seed
// other bytes.
func TestDeterministic(t *testing.T) {
	write := func(seed uint64, jsonl bool) map[string][]byte {
		a := sampleArchive(t, Options{Issues: 2, Seed: seed})
		dir := t.TempDir()
		var err error
		if jsonl {
			_, err = a.WriteJSONL(context.Background(), dir)
		} else {
			_, err = a.WriteFiles(context.Background(), dir)
		}
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[rel] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, jsonl := range []bool{false, true} {
		a, b, c := write(7, jsonl), write(7, jsonl), write(8, jsonl)
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("jsonl=%v: %d and %d files", jsonl, len(a), len(b))
		}
		differ := 0
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("jsonl=%v: %s differs between two runs of one seed", jsonl, name)
			}
			if !bytes.Equal(data, c[name]) {
				differ++
			}
		}
		// Sidecars hold only dates and numbers; every page must differ.
		if min := len(a) / 2; differ < min {
			t.Errorf("jsonl=%v: seeds 7 and 8 differ in %d files of %d", jsonl, differ, len(a))
		}
	}
}

// TestDiverse: stories differ from each other, and most of their sentences
// are not verbatim sample sentences, so a search has something to tell
// them apart by.
func TestDiverse(t *testing.T) {
	a := sampleArchive(t, Options{Issues: 4, Seed: 11})
	s := source(t)
	sample := map[string]bool{}
	for _, art := range s.articles {
		for _, sent := range art {
			sample[sent.text] = true
		}
	}
	texts := map[string]bool{}
	seen := map[string]int{}
	verbatim, total := 0, 0
	for i := range 4 {
		for _, pg := range a.Issue(i).Pages {
			for _, art := range pg.Articles {
				if art.Kind != archive.KindArticle {
					continue
				}
				text := art.Text()
				if texts[text] {
					t.Errorf("two stories with the text %.60q", text)
				}
				texts[text] = true
				for _, p := range art.Paragraphs {
					for _, sent := range sentences(p) {
						total++
						seen[sent]++
						if sample[sent] {
							verbatim++
						}
					}
				}
			}
		}
	}
	if verbatim*5 > total {
		t.Errorf("%d of %d sentences are the sample's verbatim; want at most a fifth", verbatim, total)
	}
	if distinct := len(seen); distinct*10 < total*8 {
		t.Errorf("%d distinct sentences of %d; want at least 80%%", distinct, total)
	}
}

func TestQuestions(t *testing.T) {
	a := sampleArchive(t, Options{Issues: 3, Seed: 5})
	qs := a.Questions(40, 9)
	if len(qs) != 40 {
		t.Fatalf("%d questions, want 40", len(qs))
	}
	for _, q := range qs {
		iss := a.Issue(q.Issue)
		found := false
		for _, art := range iss.Pages[q.Page-1].Articles {
			if strings.Contains(art.Text(), q.Quote) {
				found = true
			}
		}
		if !found || q.Source != Dir(q.Issue)+"/"+PageFile(q.Page) || q.Text != q.Quote+"？" {
			t.Errorf("question %+v: quote not on its page", q)
		}
	}
	again := a.Questions(40, 9)
	for i := range qs {
		if qs[i] != again[i] {
			t.Fatalf("questions of one seed differ: %+v vs %+v", qs[i], again[i])
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(got, want string) string {
	g, w := []rune(got), []rune(want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	from := max(0, i-30)
	return fmt.Sprintf("at rune %d: got …%q…, want …%q…", i, string(g[from:min(len(g), i+40)]), string(w[from:min(len(w), i+40)]))
}
