package bot

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkUpdateToReply measures, offline on the sample archive, the time
// from the fake Bot API handing an update to the bot to the bot's reply
// arriving at it: polling, routing, typing, answering, rendering, sending.
func BenchmarkUpdateToReply(b *testing.B) {
	r := startBot(b, nil)
	questions := []string{
		puJiang,
		puJiangHant,
		frontPage40,
		"2025火炬论坛在哪里举办？",
		"全国有多少家国家高新区？",
		"到2027年要建成多少个高标准数字园区？",
		"第36期是哪天出版的？",
		"工业园区高质量发展指引是哪两个部门发布的？",
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		id := r.f.send(alice, questions[i%len(questions)])
		m := r.f.waitReply(b, alice.ID, id)
		r.f.mu.Lock()
		got := r.f.handedOut[r.f.updateOf[id]]
		r.f.mu.Unlock()
		took = append(took, m.At.Sub(got))
	}
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op") // the loop's pace is the test's polling, not the bot's
}

// BenchmarkUpdateToFirstDraft measures the time from the fake Bot API
// handing an update to the bot to the first text of the answer shown in
// a draft, with a fake LLM streaming a token every 50 ms: retrieval, the
// prompt, the first token, and the draft request.
func BenchmarkUpdateToFirstDraft(b *testing.B) {
	llm := newFakeLLM(b, 50*time.Millisecond, puJiangTokens...)
	r := startBotWithAsker(b, nil, llm.asker(b))
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		before := len(r.f.draftsTo(alice.ID))
		id := r.f.send(alice, puJiang)
		var first sentDraft
		waitFor(b, 10*time.Second, "the first draft", func() bool {
			d := r.f.draftsTo(alice.ID)
			if len(d) > before {
				first = d[before]
				return true
			}
			return false
		})
		r.f.waitReply(b, alice.ID, id) // the next question would stop this answer
		r.f.mu.Lock()
		got := r.f.handedOut[r.f.updateOf[id]]
		r.f.mu.Unlock()
		took = append(took, first.At.Sub(got))
	}
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(0, "ns/op")
}
