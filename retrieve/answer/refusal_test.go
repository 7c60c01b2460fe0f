package answer

import (
	"context"
	"strings"
	"testing"
)

// A refused question names the closest articles as related reading, never
// as citations, in the question's language.
func TestRefusalRelatedReading(t *testing.T) {
	asker := &Asker{Engine: sample, K: 5}
	tests := []struct {
		question, heading string
	}{
		{"2025浦江创新论坛的门票多少钱？", "相关报道"},
		{"2025浦江創新論壇的門票多少錢？", "相關報導"},
	}
	for _, tt := range tests {
		ans, _, err := asker.Ask(context.Background(), tt.question, nil)
		if err != nil {
			t.Fatal(err)
		}
		// A refusal claims nothing: grounded (issue 9 item 6).
		if !ans.Refused || !ans.Grounded || len(ans.Citations) != 0 {
			t.Fatalf("%s: refused %v, grounded %v, %d citations; want a refusal, grounded, uncited", tt.question, ans.Refused, ans.Grounded, len(ans.Citations))
		}
		if len(ans.Related) < 2 || len(ans.Related) > maxRelated || !strings.Contains(ans.Related[0].Headline, "浦江创新论坛") {
			t.Errorf("%s: related %+v; want 2–3 articles, the forum's first", tt.question, ans.Related)
		}
		for i, c := range ans.Related {
			if c.N != i+1 || c.Quote != "" {
				t.Errorf("related %d: n %d, quote %q", i, c.N, c.Quote)
			}
		}
		text := ans.RenderText()
		if !strings.Contains(text, tt.heading) || !strings.Contains(text, "[1] "+ans.Related[0].Ref) {
			t.Errorf("rendered:\n%s", text)
		}
	}
	// An answered question offers no related reading.
	ans, _, err := asker.Ask(context.Background(), "2025浦江创新论坛的主宾国是哪个国家？", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || len(ans.Related) != 0 || strings.Contains(ans.RenderText(), "相关报道") {
		t.Errorf("answered: refused %v, related %d", ans.Refused, len(ans.Related))
	}
}

// BenchmarkAskSample is the warm extractive ask over the sample archive:
// parse, search, sentence features, the answer model, compose.
func BenchmarkAskSample(b *testing.B) {
	asker := &Asker{Engine: sample, K: DefaultK}
	qs := []string{"2025浦江创新论坛的主宾国是哪个国家？", "到2027年建成多少个高标准数字园区？", "首届火炬论坛在哪里举办？", "2025浦江创新论坛的门票多少钱？"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, _, err := asker.Ask(context.Background(), qs[i%len(qs)], nil); err != nil {
			b.Fatal(err)
		}
	}
}
