package answer

import (
	"regexp"
	"slices"
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

// The stories a person signed are asked the other way round (罗晓燕写了哪篇
// 报道, which stories did Luo Xiaoyan write): every retrieved article whose
// byline names someone the question names is the answer, each by its
// byline and headline, in the order retrieved.
var (
	// reAskWritten asks for stories, not a fact a story reports
	// (张伟报道的论坛在哪开 asks where).
	reAskWritten = regexp.MustCompile(`写了|写过|写的|撰写|哪篇|哪几篇|哪些(?:报道|文章|稿)|什么(?:报道|文章|稿)|报道(?:了|过)(?:哪|什么)|\b(?:wrote|write|written|stor(?:y|ies)|articles?)\b`)
	// reBylineRole is what a byline says besides names: the role and the
	// agency (本报记者, 新华社记者, 通讯员), a photo's 摄.
	reBylineRole = regexp.MustCompile(`(?:本报|新华社|中新社|人民日报|特约|见习|实习)*(?:记者|通讯员|实习生|撰稿人|编辑)|摄|[/／]|文|图`)
	reBylineName = regexp.MustCompile(`\p{Han}{2,4}`)
)

// maxBylined bounds the stories listed for one person.
const maxBylined = 5

// bylined is the byline candidates of the retrieved articles signed by a
// person the question names, when it asks what they wrote; false when it
// asks who wrote (signature) or names no one who signed.
func bylined(q *retrieve.Query, cands []candidate) ([]candidate, bool) {
	qnorm := strings.ToLower(normalize.ForIndex(q.Raw))
	asked := qnorm + " " + q.Subject // an English question's names, read (Engine.WithNames)
	if !reAskWritten.MatchString(asked) || reAskAuthor.MatchString(asked) || reAskPhoto.MatchString(asked) || reAskYesNo.MatchString(qnorm) {
		return nil, false
	}
	var out []candidate
	for _, c := range cands {
		if c.sent.start >= 0 || c.res == nil || c.res.Article == nil || len(out) == maxBylined {
			continue
		}
		if slices.ContainsFunc(out, func(o candidate) bool { return o.res.Article == c.res.Article }) {
			continue
		}
		for _, name := range reBylineName.FindAllString(reBylineRole.ReplaceAllString(normalize.ForIndex(c.res.Article.Byline), " "), -1) {
			if strings.Contains(asked, name) {
				out = append(out, c)
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int { return a.res.Rank - b.res.Rank })
	return out, len(out) > 0
}
