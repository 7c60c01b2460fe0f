package answer

import (
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/retrieve"
)

// The sentences quoted besides the best: the one before when the best
// opens by referring back to it, and a neighbour the model thinks likely
// enough to hold the answer.
func TestPickNeighbours(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	other := &retrieve.Result{Article: &archive.Article{ID: "b"}}
	// score 1 is the best; others score 0, too low to be quoted for
	// their score (alsoQuote).
	sent := func(r *retrieve.Result, idx int, text string, score float64) candidate {
		c := candidate{res: r, idx: idx, sent: span{idx * 100, idx*100 + 50, text}, score: score}
		c.f[fBias], c.f[fRules] = 1, 1
		return c
	}
	sure := &Model{Weights: make([]float64, nFeatures), Threshold: 0.5, Override: 0.9, Also: 2}
	sure.Weights[fBias] = 10 // every sentence ≈ 1: the best answers, neighbours are quoted
	unsure := &Model{Weights: make([]float64, nFeatures), Threshold: 0.1, Override: 0.9, Also: 2}
	unsure.Weights[fBias] = -1 // ≈ 0.27: the best answers, neighbours (< neighbourQuote) are not

	tests := []struct {
		name  string
		cands []candidate
		m     *Model
		want  []string
		refer []bool
	}{
		{
			name:  "opens with 他: the sentence before leads",
			cands: []candidate{sent(res, 2, "他于1990年当选主席。", 1), sent(res, 1, "张三生于上海。", 0), sent(other, 3, "无关。", 0)},
			m:     unsure,
			want:  []string{"张三生于上海。", "他于1990年当选主席。"},
			refer: []bool{true, false},
		},
		{
			name:  "opens plainly: quoted alone",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(res, 1, "张三生于上海。", 0)},
			m:     unsure,
			want:  []string{"张三于1990年当选主席。"},
			refer: []bool{false},
		},
		{
			name:  "likely neighbours: before and after, in order",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(res, 3, "任期五年。", 0), sent(res, 1, "张三生于上海。", 0), sent(res, 5, "远处的句子。", 0)},
			m:     sure,
			want:  []string{"张三生于上海。", "张三于1990年当选主席。", "任期五年。"},
			refer: []bool{true, false, false},
		},
		{
			name:  "another article's sentence is no neighbour",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(other, 1, "他生于上海。", 0)},
			m:     sure,
			want:  []string{"张三于1990年当选主席。"},
			refer: []bool{false},
		},
	}
	for _, tt := range tests {
		got := pick(tt.cands, tt.m, false)
		if len(got) != len(tt.want) {
			t.Errorf("%s: quoted %d sentences, want %d", tt.name, len(got), len(tt.want))
			continue
		}
		for i, c := range got {
			if c.sent.text != tt.want[i] || c.referent != tt.refer[i] {
				t.Errorf("%s: sentence %d = %q (referent %v), want %q (%v)", tt.name, i, c.sent.text, c.referent, tt.want[i], tt.refer[i])
			}
		}
	}
}
