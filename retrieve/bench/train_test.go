package bench

import (
	"math"
	"strings"
	"testing"
)

func TestSolve(t *testing.T) {
	x, err := solve([][]float64{{0, 2}, {3, 1}}, []float64{4, 5})
	if err != nil || math.Abs(x[0]-1) > 1e-9 || math.Abs(x[1]-2) > 1e-9 {
		t.Errorf("solve = %v, %v; want [1 2]", x, err)
	}
	if _, err := solve([][]float64{{1, 1}, {1, 1}}, []float64{1, 1}); err == nil {
		t.Error("a singular system was solved")
	}
}

// A feature that predicts the label gets a large positive weight, one that
// is noise a small one.
func TestFitLogistic(t *testing.T) {
	var xs [][]float64
	var ys []bool
	for i := range 400 {
		signal := float64(i % 2)
		noise := float64((i / 2) % 2)
		xs = append(xs, []float64{1, signal, noise})
		ys = append(ys, signal == 1 && i%10 != 1 || signal == 0 && i%10 == 0)
	}
	w, err := fitLogistic(xs, ys, 1)
	if err != nil {
		t.Fatal(err)
	}
	if w[1] < 2 || math.Abs(w[2]) > 0.5 {
		t.Errorf("weights %v: want the signal ≫ 0 and the noise ≈ 0", w)
	}
	if _, err := fitLogistic(nil, nil, 1); err == nil {
		t.Error("fitted on nothing")
	}
}

func TestRemoveDetailsAndChangeYears(t *testing.T) {
	corpus := writeFile(t, "corpus.jsonl", `{"id": "A", "title": "甲", "text": "论坛在2025年举办。主宾国为白俄罗斯。"}
{"id": "B", "title": "乙", "text": "园区有200个。"}
`)
	qs := []benchQuestion{
		{QID: "1", Question: "2025年论坛的主宾国是哪个国家？", Answers: []string{"白俄罗斯"}, DocID: "A"},
		{QID: "2", Question: "园区有多少个？", Answers: []string{"200个"}, DocID: "B"},
	}
	changed := changeYears(qs, corpus, 1)
	if len(changed) != 1 || strings.Contains(changed[0].Question, "2025") || !strings.Contains(changed[0].Question, "年论坛") {
		t.Errorf("changed years: %+v", changed)
	}
	got, path, err := removeDetails(qs, corpus, writeFile(t, "out.jsonl", ""), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := readJSONL[map[string]any](path, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A keeps its first sentence without the answer; B would be empty and
	// its question is not used.
	if len(got) != 1 || got[0].QID != "1" || docs[0]["text"] != "论坛在2025年举办。" || docs[1]["text"] != "园区有200个。" {
		t.Errorf("questions %+v, corpus %v", got, docs)
	}
}

// A detail-cut question whose answer the rest of the paragraph still
// prints another way is not made: it would be a wrong negative.
func TestEchoes(t *testing.T) {
	for _, tt := range []struct {
		text, answer string
		want         bool
	}{
		{"全名阿若·憍陈如。", "阿若憍陈如", true},
		{"他生于上海。", "阿若憍陈如", false},
		{"時間為3分33秒62。", "3分33秒62", true},
		{"他再次打破世界纪录。", "3分33秒62", false},
		{"人", "人", false}, // one character: nothing to compare
	} {
		if got := echoes(tt.text, []string{tt.answer}); got != tt.want {
			t.Errorf("echoes(%q, %q) = %v", tt.text, tt.answer, got)
		}
	}
}
