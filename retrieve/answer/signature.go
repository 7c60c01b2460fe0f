package answer

import (
	"regexp"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Who wrote or photographed a story is its byline, printed apart from the
// text (本报记者 张伟, 新华社记者 陈诚/摄): no sentence of the text says it, so
// the sentences that best match the question are the wrong ones to quote.
var (
	reAskAuthor = regexp.MustCompile(`谁写|谁撰写|作者|撰稿|执笔|署名|哪位记者|记者是谁|谁报道|谁采写|who wrote|written by|the author|byline`)
	reAskPhoto  = regexp.MustCompile(`谁拍|拍摄者|摄影|照片是谁|图片是谁|who took|photographer|photographed`)
)

// signature is the byline answering a question that asks who wrote or
// photographed a story, a photographer's (…/摄) when one is asked for: the
// one scoring best (support, novelty, the article's rank), read as any
// sentence is (the byline with its headline and lead as context, and the role
// words 作者, 摄影 … as its own), when that reaches what the hand-set rules
// answer with (MinSupport). No fitting set prints bylines, so nothing
// here is fitted; on the sample pages the signed articles asked about
// held 0.77–0.85, an article that only shared a word 0.35.
func signature(q *retrieve.Query, cands []candidate) (candidate, bool) {
	asked := strings.ToLower(normalize.ForIndex(q.Raw))
	photo := reAskPhoto.MatchString(asked)
	if !photo && !reAskAuthor.MatchString(asked) {
		return candidate{}, false
	}
	var best candidate
	found := false
	for _, c := range cands {
		if c.sent.start >= 0 || c.m.sup < MinSupport {
			continue
		}
		if photo != strings.Contains(c.sent.text, "摄") {
			continue
		}
		// The best by the hand-set score, which counts the article's
		// rank: one reporter signs many stories, and a byline of the
		// third article held as much of "who wrote the article about the
		// Pujiang forum" (its lead said 创新, its headline 论坛) as the first's.
		if !found || c.score > best.score {
			best, found = c, true
		}
	}
	return best, found
}
