package synth

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Stats says what was written.
type Stats struct {
	Issues   int
	Pages    int
	Articles int   // stories and captions; the lead story's two halves count twice
	Bytes    int64 // of the page files or JSONL records, sidecars not counted
}

func (s *Stats) add(iss *Issue) {
	s.Issues++
	s.Pages += len(iss.Pages)
	for _, p := range iss.Pages {
		s.Articles += len(p.Articles)
	}
}

// WriteFiles writes the archive as text files: dir/issue-0001/page-01.txt
// and so on, the inner pages each with its page-NN.meta.json. dir is
// created if needed; files already there are overwritten.
func (a *Archive) WriteFiles(ctx context.Context, dir string) (Stats, error) {
	var st Stats
	for i := range a.opt.Issues {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		iss := a.Issue(i)
		idir := filepath.Join(dir, Dir(i))
		if err := os.MkdirAll(idir, 0o755); err != nil {
			return st, fmt.Errorf("writing the synthetic archive: %w", err)
		}
		for p := 1; p <= len(iss.Pages); p++ {
			text := iss.PageText(p)
			if err := os.WriteFile(filepath.Join(idir, PageFile(p)), []byte(text), 0o644); err != nil {
				return st, fmt.Errorf("writing the synthetic archive: %w", err)
			}
			st.Bytes += int64(len(text))
			if p == 1 {
				continue // the masthead says it all
			}
			if err := os.WriteFile(filepath.Join(idir, SidecarFile(p)), iss.Sidecar(p), 0o644); err != nil {
				return st, fmt.Errorf("writing the synthetic archive: %w", err)
			}
		}
		st.add(iss)
	}
	return st, nil
}

// JSONLFile is the name of issue i's file in the JSONL form.
func JSONLFile(i int) string { return Dir(i) + ".jsonl" }

// WriteJSONL writes the archive as JSONL, one file per issue
// (dir/issue-0001.jsonl), one record per article.
func (a *Archive) WriteJSONL(ctx context.Context, dir string) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("writing the synthetic archive: %w", err)
	}
	for i := range a.opt.Issues {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		iss := a.Issue(i)
		n, err := writeJSONLFile(filepath.Join(dir, JSONLFile(i)), iss)
		if err != nil {
			return st, fmt.Errorf("writing the synthetic archive: %w", err)
		}
		st.Bytes += n
		st.add(iss)
	}
	return st, nil
}

func writeJSONLFile(path string, iss *Issue) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	cw := &countWriter{w: f}
	w := bufio.NewWriter(cw)
	err = iss.WriteJSONL(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return cw.n, err
}

type countWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
