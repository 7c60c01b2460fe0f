package retrieve

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// TestRescoreScoresTheCandidates: past rescoreMin the vector list is the
// lexical candidates, each with the similarity the full search gives
// it, best first; and the search still finds what the full path finds
// first for most questions (the vectors weigh vectorWeight and only break
// near-ties).
func TestRescoreScoresTheCandidates(t *testing.T) {
	ctx := context.Background()
	src, err := synth.LoadSource(ctx, filepath.Join("..", "testdata", "archive"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := synth.New(src, synth.Options{Issues: 6, Pages: 3, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	if _, err := a.WriteFiles(ctx, arch); err != nil {
		t.Fatal(err)
	}
	st, emb := ingested(t, arch)
	full, err := NewEngine(ctx, st, emb)
	if err != nil {
		t.Fatal(err)
	}
	full.SetRescoreMin(st.Len() + 1)
	cand, err := NewEngine(ctx, st, emb)
	if err != nil {
		t.Fatal(err)
	}
	cand.SetRescoreMin(0)

	questions := a.Questions(40, 3)
	sameFirst, asked := 0, 0
	for _, q := range questions {
		text := ParseQuery(q.Text).Subject
		lex := cand.lexical(text, nil)
		if len(lex) == 0 {
			continue
		}
		asked++
		all, err := full.vector(ctx, text, Filter{}, lex)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cand.vector(ctx, text, Filter{}, lex)
		if err != nil {
			t.Fatal(err)
		}
		var want, have []int
		for _, s := range lex {
			want = append(want, s.doc)
		}
		byDoc := map[int]float64{}
		for i, s := range got {
			have = append(have, s.doc)
			byDoc[s.doc] = s.score
			if i > 0 && s.score > got[i-1].score {
				t.Fatalf("%q: vector list not best first at %d", q.Text, i)
			}
		}
		slices.Sort(want)
		slices.Sort(have)
		if !slices.Equal(want, have) {
			t.Fatalf("%q: rescored %v, the candidates are %v", q.Text, have, want)
		}
		for _, s := range all {
			if v, ok := byDoc[s.doc]; ok && math.Abs(v-s.score) > 1e-6 { // chromem sums in another order
				t.Fatalf("%q: chunk %d rescored %v, the scan gives %v", q.Text, s.doc, v, s.score)
			}
		}
		r1, err := full.Search(ctx, text, Filter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := cand.Search(ctx, text, Filter{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(r1) > 0 && len(r2) > 0 && r1[0].Article == r2[0].Article {
			sameFirst++
		}
	}
	if asked < len(questions)/2 {
		t.Fatalf("only %d of %d questions found anything", asked, len(questions))
	}
	if sameFirst*10 < asked*9 {
		t.Errorf("the first result agrees for %d of %d questions", sameFirst, asked)
	}
	t.Logf("first result agrees for %d of %d questions", sameFirst, asked)
}
