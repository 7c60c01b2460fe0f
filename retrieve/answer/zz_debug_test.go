package answer

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("DEBUG_Q")
	if qs == "" {
		t.Skip()
	}
	asker := &Asker{Engine: sample, K: 5}
	for _, q := range strings.Split(qs, "|") {
		cands, _ := asker.Candidates(context.Background(), q, 3)
		fmt.Println("Q", q)
		for _, c := range cands {
			var f features
			copy(f[:], c.Features)
			fmt.Printf("  P=%.3f H=%.2f rules=%v %s\n", answerModel.Prob(f[:]), c.Heuristic, f[fRules], string([]rune(c.Text)[:min(40, len([]rune(c.Text)))]))
			for i, n := range featureNames {
				if f[i] != 0 {
					fmt.Printf("%s=%.2f(%.2f) ", n, f[i], f[i]*answerModel.Weights[i])
				}
			}
			fmt.Println()
		}
	}
}
