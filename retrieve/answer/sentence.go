package answer

import (
	"strings"
	"unicode"
)

// span is a sentence of an article's original text: [start, end) in runes.
type span struct {
	start, end int
	text       string
}

// sentenceEnd holds the marks that end a sentence; closers that follow
// them (quotes, brackets) stay with the sentence. ； does not end one: it
// separates the items of an enumeration (一是…；二是…；), which answer
// together (measured on the fixtures).
const (
	sentenceEnd    = "。！？!?"
	sentenceCloser = "”’」』)）\"'》"
)

// splitSentences cuts text into sentences at sentence marks and line
// breaks, keeping rune offsets into text. Blank sentences are dropped.
func splitSentences(text string) []span {
	rs := []rune(text)
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(rs[s]) {
			s++
		}
		for e > s && unicode.IsSpace(rs[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e, string(rs[s:e])})
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\n':
			emit(i)
		case strings.ContainsRune(sentenceEnd, rs[i]):
			j := i + 1
			for j < len(rs) && strings.ContainsRune(sentenceCloser, rs[j]) {
				j++
			}
			emit(j)
			i = j - 1
		}
	}
	emit(len(rs))
	return out
}
