package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/retrieve/answer"
	"github.com/heraldqa/heraldqa/retrieve/eval"
)

// Text from the answer cannot break out of its comment into the fixture.
func TestExportKeepsAnswerTextInComments(t *testing.T) {
	t.Parallel()
	fb := `{"time":"2026-11-30T08:00:00Z","user_id":1,"chat_id":1,"message_id":2,"reaction":"down","question":"q: \"x\"\n- id: evil","answer":"a\rexpect: {refused: true}\u2028- id: injected\u0085b","mode":"llm","citations":[{"n":1,"ref":"r\r- id: also"}]}`
	var out strings.Builder
	n, bad, err := ExportFeedback(strings.NewReader(fb), &out, ExportOptions{Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || n != 1 || bad != 0 {
		t.Fatalf("ExportFeedback = %d, %d, %v", n, bad, err)
	}
	cases, problems := eval.Parse("f.yaml", []byte(out.String()))
	if len(cases) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Msg, "draft") {
		t.Errorf("want only the draft refused; cases %d, problems %v\n%s", len(cases), problems, out.String())
	}
	if strings.Count("\n"+out.String(), "\n- id:") != 1 {
		t.Errorf("a second case got in:\n%s", out.String())
	}
}

// A reaction may reach the bot before it has noted which answer the
// message carried: while an answer to the chat is on its way, the lookup
// waits for it; otherwise it does not wait.
func TestRepliesAwait(t *testing.T) {
	tests := []struct {
		name     string
		sending  bool
		remember bool
		want     bool
	}{
		{"remembered while awaited", true, true, true},
		{"nothing on its way: no wait", false, true, false},
		{"on its way, never remembered", true, false, false},
	}
	for _, tt := range tests {
		r := newReplies()
		if tt.sending {
			r.begin(7)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			time.Sleep(50 * time.Millisecond)
			if tt.remember {
				r.remember(7, []int{42}, sentAnswer{answer: &answer.Answer{Question: "q"}})
			}
			if tt.sending {
				r.end(7)
			}
		}()
		_, ok := r.await(context.Background(), 7, 42)
		<-done
		if ok != tt.want {
			t.Errorf("%s: found %v, want %v", tt.name, ok, tt.want)
		}
	}
}
