package bot

import (
	"strings"
	"testing"
	"time"

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
