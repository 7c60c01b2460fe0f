package answer

import (
	"strings"
	"unicode/utf8"
)

// innerWords are words printed inside a longer one that means something
// else: 出口 (exports) in 进出口 (trade, both ways), whose figure a report
// gives in the sentence before its exports'. Asked of 出口, a sentence
// holding only 进出口 held the term and led with the total.
var innerWords = [][2]string{{"出口", "进出口"}}

// innersOf are the words of innerWords qnorm asks inside a longer one it
// does not ask.
func innersOf(qnorm string) [][2]string {
	var out [][2]string
	for _, w := range innerWords {
		if strings.Contains(qnorm, w[0]) && !strings.Contains(qnorm, w[1]) {
			out = append(out, w)
		}
	}
	return out
}

// inWords breaks each inner word where s prints it inside its longer one
// (进出 口), so that no term read from s is the inner word there.
func inWords(s string, inner [][2]string) string {
	for _, w := range inner {
		if !strings.Contains(s, w[1]) {
			continue
		}
		_, size := utf8.DecodeRuneInString(w[0])
		cut := strings.Index(w[1], w[0]) + size
		s = strings.ReplaceAll(s, w[1], w[1][:cut]+" "+w[1][cut:])
	}
	return s
}
