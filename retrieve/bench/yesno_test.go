package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
)

func TestYesNo(t *testing.T) {
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := YesNoConfig{
		Corpus: writeFile(t, "corpus.jsonl", tinyCorpus),
		// q3's claim is its own answer or q1's (another paragraph), as the
		// seed draws; q2 has no asking word and is skipped.
		Questions: writeFile(t, "questions.jsonl", tinyQuestions),
		Store:     t.TempDir(),
		Embedder:  emb,
		Seed:      1,
	}
	var items strings.Builder
	rep, err := YesNo(context.Background(), cfg, &items)
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Yes.N + rep.NoSame.N + rep.NoOther.N; n != rep.Questions || n != 3 {
		t.Errorf("report %+v: want 3 questions (q1, q3, q4), each of one kind", rep)
	}
	for _, line := range strings.Split(strings.TrimSpace(items.String()), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || !strings.HasSuffix(f[1], "吗？") || strings.Contains(f[1], "哪") {
			t.Errorf("item %q: want kind, a 吗 question without its asking word, gold, answer", line)
		}
	}
	again, err := YesNo(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *again != *rep {
		t.Errorf("same seed, another report: %+v, then %+v", rep, again)
	}
}
