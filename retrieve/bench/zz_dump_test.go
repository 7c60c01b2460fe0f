package bench

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("DUMP_OUT")
	if out == "" {
		t.Skip()
	}
	emb, _ := embed.New("local", embed.Config{})
	ctx := context.Background()
	asker, _, err := ingestAsker(ctx, os.Getenv("DUMP_CORPUS"), t.TempDir(), emb, 0)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := readJSONL[readerQuestion](os.Getenv("DUMP_Q"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, q := range qs {
		cands, err := asker.Candidates(ctx, q.Question, 30)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			Src   string
			Text  string
			H     float64
			F     []float64
			Label bool
		}
		var rows []row
		for _, c := range cands {
			rows = append(rows, row{c.Source, c.Text, c.Heuristic, c.Features, containsAny(c.Text, q.Answers) && c.Source == q.DocID})
		}
		enc.Encode(map[string]any{"q": q, "rows": rows})
	}
}
