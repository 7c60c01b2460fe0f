package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// A batch writes one answer per question in input order whatever the
// number of workers, echoes ids, and counts and reports the lines it skips.
func TestBatchRun(t *testing.T) {
	var many []string
	for i := range 12 {
		many = append(many, fmt.Sprintf("第%d期头版讲了什么", 30+i))
	}
	tests := []struct {
		name      string
		in        string
		workers   int
		questions []string
		ids       []string
		skipped   []int
	}{
		{
			name:      "text and JSON lines, blank and bad lines",
			in:        "第40期头版讲了什么\n\n{\"qid\": \"q2\", \"question\": \"第41期头版讲了什么\"}\n{bad\n{\"id\": \"i3\", \"question\": \"  \"}\n{\"id\": \"i4\", \"question\": \"第42期头版讲了什么\"}\n",
			workers:   2,
			questions: []string{"第40期头版讲了什么", "第41期头版讲了什么", "第42期头版讲了什么"},
			ids:       []string{"", "q2", "i4"},
			skipped:   []int{4, 5},
		},
		{
			name:      "order kept over many workers",
			in:        strings.Join(many, "\n"),
			workers:   5,
			questions: many,
			ids:       make([]string, len(many)),
		},
		{
			name:      "a line too long is skipped, the next answered",
			in:        strings.Repeat("长", MaxQuestionLine) + "\n第40期头版讲了什么\n",
			questions: []string{"第40期头版讲了什么"},
			ids:       []string{""},
			skipped:   []int{1},
		},
		{name: "empty input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var skipped []int
			b := Batch{Asker: &Asker{Engine: sample}, Workers: tt.workers, Skip: func(lineNo int, why string) {
				if why == "" {
					t.Errorf("line %d skipped without a reason", lineNo)
				}
				skipped = append(skipped, lineNo)
			}}
			var out strings.Builder
			n, err := b.Run(context.Background(), strings.NewReader(tt.in), &out)
			if err != nil {
				t.Fatal(err)
			}
			if n.Answered != len(tt.questions) || n.Skipped != len(tt.skipped) {
				t.Errorf("count %+v, want %d answered, %d skipped", n, len(tt.questions), len(tt.skipped))
			}
			if fmt.Sprint(skipped) != fmt.Sprint(tt.skipped) {
				t.Errorf("skipped lines %v, want %v", skipped, tt.skipped)
			}
			var got, ids []string
			for line := range strings.Lines(out.String()) {
				var a struct{ ID, Question, Answer string }
				if err := json.Unmarshal([]byte(line), &a); err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				if a.Answer == "" {
					t.Errorf("no answer to %q", a.Question)
				}
				got, ids = append(got, a.Question), append(ids, a.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.questions) || fmt.Sprint(ids) != fmt.Sprint(tt.ids) {
				t.Errorf("answers to %v ids %v, want %v ids %v", got, ids, tt.questions, tt.ids)
			}
		})
	}
}

// A cancelled batch stops with the context's error.
func TestBatchCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := Batch{Asker: &Asker{Engine: sample}}
	_, err := b.Run(ctx, strings.NewReader("第40期头版讲了什么\n"), &strings.Builder{})
	if err != context.Canceled {
		t.Errorf("err %v, want context.Canceled", err)
	}
}
