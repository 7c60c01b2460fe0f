package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// writeFiles creates files under dir from a map of slash paths to content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sparseFile makes a file of the given size without writing its bytes.
func sparseFile(t *testing.T, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

func TestCollect(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"a.txt":               "甲",
		"a.meta.json":         `{"issue":40}`,
		"b.MD":                "乙",
		"c.markdown":          "丙",
		"d.html":              "<p>丁</p>",
		"e.HTM":               "<p>戊</p>",
		"f.jsonl":             `{"text":"己"}`,
		"g.pdf":               "%PDF-1.7",
		"README":              "read me",
		".hidden.txt":         "hidden",
		".git/notes.txt":      "hidden folder",
		"orphan.meta.json":    `{"page":2}`,
		"sub/z.txt":           "庚",
		"sub/y.txt":           "辛",
		"sub/y.txt.meta.json": `{"page":3}`,
	})
	sparseFile(t, filepath.Join(root, "big.txt"), 50<<20)
	sparseFile(t, filepath.Join(root, "big.jsonl"), 20<<20) // streamed: no limit
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"direct.txt": "壬", ".named-directly.md": "癸"})
	missing := filepath.Join(other, "no-such-folder")

	files, skipped, rejected := Collect(context.Background(), []string{
		root,
		filepath.Join(other, "direct.txt"),
		filepath.Join(other, ".named-directly.md"),
		missing,
		filepath.Join(root, "a.txt"), // already found in root: listed once
	})

	var gotFiles []string
	for _, f := range files {
		gotFiles = append(gotFiles, f.Source+" "+f.Format)
		if !filepath.IsAbs(f.Path) || filepath.Clean(f.Path) != f.Path {
			t.Errorf("%s: Path %q is not absolute and clean", f.Source, f.Path)
		}
	}
	wantFiles := []string{
		"a.txt txt", "b.MD md", "big.jsonl jsonl", "c.markdown md", "d.html html", "e.HTM html",
		"f.jsonl jsonl", "sub/y.txt txt", "sub/z.txt txt", "direct.txt txt", ".named-directly.md md",
	}
	if !reflect.DeepEqual(gotFiles, wantFiles) {
		t.Errorf("files =\n%q\nwant\n%q", gotFiles, wantFiles)
	}
	if len(files) > 0 {
		a := files[0]
		if a.Path != filepath.Join(root, "a.txt") || a.Size != int64(len("甲")) || a.Sidecar != filepath.Join(root, "a.meta.json") {
			t.Errorf("a.txt = %+v; want its path, size 3 and its sidecar", a)
		}
	}

	var gotSkipped []string
	for _, s := range skipped {
		gotSkipped = append(gotSkipped, filepath.Base(s.Path))
	}
	wantSkipped := []string{"README", "g.pdf", "orphan.meta.json"}
	if !reflect.DeepEqual(gotSkipped, wantSkipped) {
		t.Errorf("skipped = %q; want %q", gotSkipped, wantSkipped)
	}
	for _, s := range skipped {
		if filepath.Base(s.Path) == "g.pdf" && !strings.Contains(s.Reason, `".pdf"`) {
			t.Errorf("g.pdf skipped because %q; want the extension named", s.Reason)
		}
	}

	if len(rejected) != 2 {
		t.Fatalf("rejected = %v; want big.txt and the missing folder", rejected)
	}
	if r := rejected[0]; r.Path != filepath.Join(root, "big.txt") || !errors.Is(r.Err, ErrTooLarge) ||
		r.Err.Error() != "too large for one page: 50.0 MiB > 16 MiB" {
		t.Errorf("rejected[0] = %v; want big.txt too large for one page: 50.0 MiB > 16 MiB", r)
	}
	if r := rejected[1]; r.Path != missing || !errors.Is(r.Err, fs.ErrNotExist) {
		t.Errorf("rejected[1] = %v; want %s not existing", r, missing)
	}
}

func TestCollectBrokenLink(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"ok.txt": "好"})
	if err := os.Symlink(filepath.Join(root, "gone.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	files, _, rejected := Collect(context.Background(), []string{root})
	if len(files) != 1 || files[0].Source != "ok.txt" {
		t.Errorf("files = %+v; want ok.txt only", files)
	}
	if len(rejected) != 1 || rejected[0].Path != filepath.Join(root, "link.txt") || !errors.Is(rejected[0].Err, fs.ErrNotExist) {
		t.Errorf("rejected = %v; want link.txt, whose target does not exist", rejected)
	}
}

// TestCollectNoPermission needs permissions to be enforced, which they are
// not for root; it skips only when they really are not.
func TestCollectNoPermission(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"locked/inside.txt": "锁",
		"secret.txt":        "密",
		"open.txt":          "开",
	})
	locked, secret := filepath.Join(root, "locked"), filepath.Join(root, "secret.txt")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) }) // so TempDir can be removed
	if _, err := os.ReadDir(locked); err == nil {
		if _, err := os.ReadFile(secret); err == nil {
			t.Skipf("permissions are not enforced (euid %d): a chmod 000 folder and file are still readable", os.Geteuid())
		}
	}

	files, _, rejected := Collect(context.Background(), []string{root})
	if len(files) != 1 || files[0].Source != "open.txt" {
		t.Errorf("files = %+v; want open.txt only", files)
	}
	var got []string
	for _, r := range rejected {
		if !errors.Is(r.Err, fs.ErrPermission) {
			t.Errorf("%v: want a permission error", r)
		}
		got = append(got, r.Path)
	}
	if want := []string{locked, secret}; !reflect.DeepEqual(got, want) {
		t.Errorf("rejected %q; want %q", got, want)
	}
}

func TestCollectCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	files, _, rejected := Collect(ctx, []string{"one", "two"})
	if len(files) != 0 || len(rejected) != 2 || !errors.Is(rejected[0].Err, context.Canceled) || rejected[1].Path != "two" {
		t.Errorf("Collect after cancel = %v, %v; want both paths rejected as cancelled", files, rejected)
	}
}

// headlineParser stands in for the issue-page parser: the first line is the
// headline, the rest the text.
func headlineParser(source, text string) *archive.Document {
	headline, body, _ := strings.Cut(text, "\n")
	return &archive.Document{Source: source, Articles: []archive.Article{{Kind: archive.KindArticle, Headline: headline, Text: body}}}
}

func sha256Hex(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readAll runs ReadFile on the file at path and collects its documents.
func readAll(t *testing.T, path string, parse func(string, string) *archive.Document) ([]*archive.Document, []Problem, error) {
	t.Helper()
	f := File{Path: path, Source: filepath.Base(path), Format: formatOf(path)}
	var docs []*archive.Document
	problems, err := ReadFile(context.Background(), f, parse, func(d *archive.Document) error {
		docs = append(docs, d)
		return nil
	})
	return docs, problems, err
}

func TestReadFilePages(t *testing.T) {
	dir := t.TempDir()
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("国家高新区\r\n高质量一体化发展提速。")
	big5, _ := traditionalchinese.Big5.NewEncoder().String("中關村論壇\n世界領先科技園區發展論壇在京召開。")
	writeFiles(t, dir, map[string]string{
		"utf8.txt":  "首届火炬论坛\n在河北雄安新区举办。",
		"bom.md":    "\uFEFF# 标题\n正文。",
		"gbk.txt":   gbk,
		"big5.txt":  big5,
		"empty.txt": "",
		"blank.md":  " \n\t\n",
		"image.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	})
	sparseFile(t, filepath.Join(dir, "huge.txt"), 50<<20)

	tests := []struct {
		file          string
		enc, headline string
		text          string
		wantErr       error
		errSays       string
	}{
		{file: "utf8.txt", enc: "utf-8", headline: "首届火炬论坛", text: "在河北雄安新区举办。"},
		{file: "bom.md", enc: "utf-8", headline: "# 标题", text: "正文。"},
		{file: "gbk.txt", enc: "gb18030", headline: "国家高新区", text: "高质量一体化发展提速。"},
		{file: "big5.txt", enc: "big5", headline: "中關村論壇", text: "世界領先科技園區發展論壇在京召開。"},
		{file: "empty.txt", wantErr: ErrEmpty, errSays: "empty"},
		{file: "blank.md", wantErr: ErrEmpty, errSays: "nothing but white space"},
		{file: "image.txt", wantErr: ErrBinary, errSays: "NUL byte"},
		{file: "huge.txt", wantErr: ErrTooLarge, errSays: "too large for one page: 50.0 MiB > 16 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			docs, problems, err := readAll(t, path, headlineParser)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.errSays) {
					t.Fatalf("ReadFile error = %v; want %v naming %s and saying %q", err, tt.wantErr, path, tt.errSays)
				}
				var fe *FileError
				if !errors.As(err, &fe) || fe.Path != path || strings.Contains(fe.Err.Error(), path) {
					t.Errorf("error %v: want a *FileError for %s whose reason does not repeat the path", err, path)
				}
				return
			}
			if err != nil || len(problems) != 0 || len(docs) != 1 {
				t.Fatalf("ReadFile = %d docs, %v, %v; want one document", len(docs), problems, err)
			}
			d := docs[0]
			if d.Source != tt.file || d.Origin != path || d.Format != formatOf(tt.file) || d.Encoding != tt.enc {
				t.Errorf("got source %q origin %q format %q encoding %q", d.Source, d.Origin, d.Format, d.Encoding)
			}
			a := d.Articles[0]
			if a.Headline != tt.headline || a.Text != tt.text {
				t.Errorf("article %q / %q; want %q / %q", a.Headline, a.Text, tt.headline, tt.text)
			}
			if want := sha256Hex(tt.headline + "\n" + tt.text); d.Hash != want {
				t.Errorf("Hash = %s; want SHA-256 of the decoded text, %s", d.Hash, want)
			}
			if a.ID != d.Hash[:16]+"-0" {
				t.Errorf("article ID = %q; want %s-0", a.ID, d.Hash[:16])
			}
		})
	}
}

func TestReadFileParserFindsNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"page.txt": "文字"})
	_, _, err := readAll(t, filepath.Join(dir, "page.txt"), func(string, string) *archive.Document { return nil })
	if err == nil || !strings.Contains(err.Error(), "page.txt") {
		t.Errorf("ReadFile with a parser finding nothing = %v; want an error naming the file", err)
	}
}

func TestReadFileEmitError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"page.txt": "文字", "records.jsonl": `{"text":"一"}` + "\n" + `{"text":"二"}`})
	stop := errors.New("store is full")
	for _, name := range []string{"page.txt", "records.jsonl"} {
		path := filepath.Join(dir, name)
		calls := 0
		_, err := ReadFile(context.Background(), File{Path: path, Format: formatOf(name)}, headlineParser, func(*archive.Document) error {
			calls++
			return stop
		})
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("%s: ReadFile = %v after %d emits; want the emit error after the first", name, err, calls)
		}
	}
}
