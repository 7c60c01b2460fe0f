package answer

import (
	"context"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
)

// A question with nothing to search for (punctuation, SQL, code, a bare
// number) is refused, not answered from whatever the number matched; real
// questions in each language still are answered.
func TestNothingToSearchIsRefused(t *testing.T) {
	tests := []struct {
		q       string
		refused bool
	}{
		{"' OR 1=1; DROP TABLE chunks;--", true},
		{"SELECT * FROM users WHERE id = 1", true},
		{"<script>alert(1)</script>", true},
		{"？？？！！", true},
		{"1", true},
		{"长长长长长长", true}, // one character over and over
		{"2025浦江创新论坛的主宾国是哪个国家？", false},
		{"2025浦江創新論壇的主賓國是哪個國家？", false},
		{"What is IASP?", false},
		{"第40期头版讲了什么", false},
	}
	a := &Asker{Engine: sample}
	for _, tt := range tests {
		ans, _, err := a.Ask(context.Background(), tt.q, nil)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if ans.Refused != tt.refused || (tt.refused && len(ans.Citations) != 0) {
			t.Errorf("%q: refused %v with %d citations (%.60q); want refused %v", tt.q, ans.Refused, len(ans.Citations), ans.Answer, tt.refused)
		}
	}
}

func TestSearchable(t *testing.T) {
	for q, want := range map[string]bool{
		"长长长长长长？": false, // one character over and over
		"？？？":     false,
		"1":       false,
		"5G":      true, // a digit and a letter
		"AI":      true,
		"长三角":     true,
		"第40期头版":  true, // a page and an issue to narrow the search
		"哪个城市举办的": true,
	} {
		if got := searchable(retrieve.ParseQuery(q)); got != want {
			t.Errorf("searchable(%q) = %v, want %v", q, got, want)
		}
	}
}
