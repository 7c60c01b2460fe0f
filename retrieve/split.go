package retrieve

import (
	"regexp"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// A question about two things at once — 火炬论坛和年会分别在哪里举行,
// 第40期和第43期分别是哪天出版的 — is answered as two questions, each with
// its own sources and citations.
var (
	reTwoParts = regexp.MustCompile(`^(.+?)(?:和|与|以及|及|、)(.+?)(?:分别|各自|各)(.+)$`)
	reRefHead  = regexp.MustCompile(`^(?:总?第\s*[0-9一二三四五六七八九十百]+\s*期|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)`)
	reRefTail  = regexp.MustCompile(`(?:总?第\s*[0-9一二三四五六七八九十百]+\s*期|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$`)
)

// Split returns the questions a question asks: itself, or two when it asks
// the same of two things (X和Y分别…, 第40期和第41期各…).
func Split(question string) []string {
	q := normalize.Fold(strings.TrimSpace(question))
	m := reTwoParts.FindStringSubmatch(q)
	if m == nil {
		return []string{question}
	}
	a, b, pred := m[1], m[2], m[3]
	// Two references to issues or dates sharing the rest of the sentence:
	// 记者张伟在第40期和第41期各写了…, 第40期和第43期头版图片…
	if refA := reRefTail.FindString(a); refA != "" {
		if refB := reRefHead.FindString(b); refB != "" {
			prefix := strings.TrimSuffix(a, refA)
			tail := strings.TrimPrefix(b, refB)
			return []string{prefix + refA + tail + pred, prefix + refB + tail + pred}
		}
	}
	if len([]rune(a)) < 2 || len([]rune(b)) < 2 {
		return []string{question}
	}
	return []string{a + pred, b + pred}
}
