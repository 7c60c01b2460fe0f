package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySample lays out a working tree at root: a go.mod naming module, and
// a copy of the sample archive in testdata/archive.
func copySample(t *testing.T, root, module string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+module+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "../../testdata/archive"
	dst := filepath.Join(root, "testdata", "archive")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// The sample is found from the working tree the command runs in, at its
// root or below it, and only in this module's tree.
func TestSampleArchive(t *testing.T) {
	tests := []struct {
		name   string
		module string // "" for no go.mod and no sample
		cwd    string // below the tree's root
		found  bool
	}{
		{"at the module root", modulePath, ".", true},
		{"below the module root", modulePath, "cmd/heraldqa", true},
		{"another module's tree", "example.com/other", "sub", false},
		{"no module", "", "sub", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.module != "" {
				copySample(t, root, tt.module)
			}
			cwd := filepath.Join(root, tt.cwd)
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(cwd)
			got := sampleArchive()
			if tt.cwd == "." && tt.found {
				// testdata/archive relative to the working directory.
				if got != filepath.Join("testdata", "archive") {
					t.Errorf("sampleArchive() = %q, want testdata/archive", got)
				}
				return
			}
			want := ""
			if tt.found {
				want = filepath.Join(root, "testdata", "archive")
			}
			if got != want {
				t.Errorf("sampleArchive() = %q, want %q", got, want)
			}
		})
	}
}

// The README's command on a fresh clone: with nothing configured, ask
// fills the default store ./heraldqa-data from the sample and answers; a
// named store that does not exist is an error, and nothing is created.
func TestAskFillsOnlyTheDefaultStore(t *testing.T) {
	root := t.TempDir()
	copySample(t, root, modulePath)
	t.Chdir(filepath.Join(root))
	t.Setenv("HERALDQA_EMBEDDER", "local")
	t.Setenv("HERALDQA_LLM", "none")
	t.Setenv("HERALDQA_K", "5")
	t.Setenv("HERALDQA_STORE", "")
	os.Unsetenv("HERALDQA_STORE")

	code, out, errOut := runCLI("ask", "2025浦江创新论坛的主宾国是哪个国家？")
	if code != 0 || !strings.Contains(out, "白俄罗斯") {
		t.Fatalf("status %d, answer %q: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "ingesting the bundled sample archive") {
		t.Errorf("the first run did not say it ingests the sample: %q", errOut)
	}
	if _, err := os.Stat(filepath.Join(root, "heraldqa-data")); err != nil {
		t.Errorf("no default store: %v", err)
	}

	named := filepath.Join(root, "named")
	t.Setenv("HERALDQA_STORE", named)
	code, _, errOut = runCLI("ask", "2025浦江创新论坛的主宾国是哪个国家？")
	if code == 0 || !strings.Contains(errOut, "no store at") {
		t.Errorf("a named missing store: status %d: %q", code, errOut)
	}
	if _, err := os.Stat(named); err == nil {
		t.Errorf("the named store %s was created", named)
	}
}
