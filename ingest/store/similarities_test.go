package store

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSimilarities: scores of chosen chunks equal the flat scan's for the
// same chunks (the same float32 dot product), in the order asked, before
// and after a change and after a save and reload as segments; bad
// arguments are one-line errors.
func TestSimilarities(t *testing.T) {
	ctx := context.Background()
	l, ref := variedStore(t, 11, 300)
	r := rand.New(rand.NewPCG(5, 5))
	check := func(name string, l *Local) {
		t.Helper()
		ids := map[string]int{}
		for i, c := range l.Chunks() {
			ids[c.ID] = i
		}
		for range 10 {
			q := randomUnit(r, variedDim)
			q[0] *= 3 // not unit length: both paths normalize it
			hits, err := l.search(ctx, q, 50, nil, pathFlat)
			if err != nil {
				t.Fatal(err)
			}
			rows := make([]int, len(hits))
			for i, h := range hits {
				rows[len(hits)-1-i] = ids[h.ChunkID] // reversed: order is the caller's
			}
			got, err := l.Similarities(ctx, q, rows)
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range hits {
				if g := got[len(hits)-1-i]; g != h.Score {
					t.Fatalf("%s: %s scores %v, the scan %v", name, h.ChunkID, g, h.Score)
				}
			}
			exact := exactScores(ref, q)
			for i, row := range rows {
				id := l.Chunks()[row].ID
				if d := math.Abs(float64(got[i]) - exact[id]); d > 1e-5 {
					t.Fatalf("%s: %s scores %v, exactly %v", name, id, got[i], exact[id])
				}
			}
		}
	}
	check("in memory", l)
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	back, err := Open(ctx, l.Dir())
	if err != nil {
		t.Fatal(err)
	}
	check("reloaded", back)

	for _, tc := range []struct {
		name string
		vec  []float32
		rows []int
		want string
	}{
		{"dimension", make([]float32, variedDim+1), []int{0}, "dimension"},
		{"zero", make([]float32, variedDim), []int{0}, "zero"},
		{"nan", append([]float32{float32(math.NaN())}, make([]float32, variedDim-1)...), []int{0}, "not finite"},
		{"negative", randomUnit(r, variedDim), []int{-1}, "out of range"},
		{"past the end", randomUnit(r, variedDim), []int{len(ref)}, "out of range"},
	} {
		_, err := back.Similarities(ctx, tc.vec, tc.rows)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", tc.name, err, tc.want)
		}
	}
}
