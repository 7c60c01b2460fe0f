package answer

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/heraldqa/heraldqa/retrieve"
)

// DefaultK is how many articles a question retrieves unless told otherwise.
const DefaultK = 5

// Generator writes an answer from numbered sources; the LLM answerer is one.
type Generator interface {
	// Generate answers q from sources, streaming text to w when w is not nil.
	Generate(ctx context.Context, q *retrieve.Query, sources []Source, w io.Writer) (string, error)
}

// Asker answers questions from one engine.
type Asker struct {
	Engine *retrieve.Engine
	// K is how many articles to retrieve; DefaultK when 0.
	K int
	// LLM, when set, writes the answer from the retrieved sources; the
	// extractive answer is the fallback when it fails.
	LLM Generator
	// Stream receives the LLM's answer as it is written, when not nil.
	Stream io.Writer
	// Translator, when set, renders English questions in Chinese for the
	// search instead of the dictionary (HERALDQA_TRANSLATE=llm); when it
	// fails the dictionary's rendering is used.
	Translator retrieve.Translator
}

// Ask answers one question. prev, the previous question of a conversation,
// lets a follow-up like 那第41期呢？ borrow its subject. It returns the
// understood query so that the caller can pass it as prev next time.
func (a *Asker) Ask(ctx context.Context, question string, prev *retrieve.Query) (*Answer, *retrieve.Query, error) {
	if parts := retrieve.Split(question); len(parts) > 1 {
		return a.askParts(ctx, question, parts)
	}
	return a.askOne(ctx, question, prev, a.LLM)
}

// askParts answers a question about two things as two questions and joins
// the answers, numbering their citations afresh.
func (a *Asker) askParts(ctx context.Context, question string, parts []string) (*Answer, *retrieve.Query, error) {
	var answers []*Answer
	var last *retrieve.Query
	for _, p := range parts {
		ans, q, err := a.askOne(ctx, p, nil, nil)
		if err != nil {
			return nil, nil, err
		}
		answers = append(answers, ans)
		last = q
	}
	ans := merge(question, answers)
	if a.LLM != nil && len(ans.Sources) > 0 {
		a.generate(ctx, retrieve.ParseQuery(question), ans)
	}
	return ans, last, nil
}

func (a *Asker) askOne(ctx context.Context, question string, prev *retrieve.Query, llm Generator) (*Answer, *retrieve.Query, error) {
	q := retrieve.ParseQuery(question).FollowUp(prev)
	if q.Lang == retrieve.English && a.Translator != nil {
		if zh, err := a.Translator.Translate(ctx, question); err == nil {
			q = q.WithTranslation(zh)
		}
	}
	k := a.K
	if k <= 0 {
		k = DefaultK
	}
	ans := &Answer{Question: question, Mode: ModeExtractive, Lang: string(q.Lang), Citations: []Citation{}, Sources: []Source{}}

	switch q.Intent {
	case retrieve.PageContents, retrieve.WhenPublished:
		var text string
		var cites []Citation
		var ok bool
		if q.Intent == retrieve.PageContents {
			text, cites, ok = pageContents(a.Engine, q)
		} else {
			text, cites, ok = whenPublished(a.Engine, q)
		}
		a.finish(ans, q, localize(q, text, cites), cites, ok)
		return ans, q, nil
	}

	if !searchable(q) {
		a.finish(ans, q, "", nil, false)
		return ans, q, nil
	}
	results, err := a.Engine.Search(ctx, q.Subject, a.Engine.FilterFor(q), k)
	if err != nil {
		return nil, q, fmt.Errorf("searching the archive: %w", err)
	}
	ans.Sources = sourcesOf(results)

	switch q.Intent {
	case retrieve.WhichIssue, retrieve.WhichPage:
		text, cites, ok := locate(ctx, a.Engine, q, results)
		a.finish(ans, q, localize(q, text, cites), cites, ok)
		return ans, q, nil
	}

	chosen := pick(rankSentences(a.Engine, q, results), answerModel)
	text, cites := compose(q, chosen)
	a.finish(ans, q, text, cites, len(chosen) > 0)
	if ans.Refused {
		ans.Related = related(results)
	}
	if llm != nil && len(results) > 0 {
		a.generate(ctx, q, ans)
	}
	return ans, q, nil
}

// finish fills in the answer, or the refusal when ok is false.
func (a *Asker) finish(ans *Answer, q *retrieve.Query, text string, cites []Citation, ok bool) {
	if !ok {
		ans.Answer, ans.Refused, ans.Citations, ans.Grounded = Refusal(q.Lang), true, []Citation{}, false
		return
	}
	ans.Answer, ans.Citations, ans.Grounded = text, cites, true
}

// generate replaces the extractive answer with the LLM's, keeping the
// extractive one when the LLM fails.
func (a *Asker) generate(ctx context.Context, q *retrieve.Query, ans *Answer) {
	text, err := a.LLM.Generate(ctx, q, ans.Sources, a.Stream)
	if err != nil {
		ans.Warning = fmt.Sprintf("LLM failed (%v); showing the extractive answer", err)
		return
	}
	checked, cites, grounded, refused := checkCitations(a.Engine, text, ans.Sources, q)
	ans.Mode = ModeLLM
	ans.Answer, ans.Citations, ans.Grounded, ans.Refused = checked, cites, grounded, refused
	if !grounded && !refused {
		ans.Warning = "the LLM's answer cites none of the sources: it is not grounded in the archive"
	}
}

// searchable reports whether a question has something to search for: a
// word or a Chinese character left in its subject once question words,
// punctuation and the words the glossary does not know are gone, or a
// reference to an issue or page to narrow the search. SQL, code or a bare
// number leaves at most digits, and any match for those would be noise.
func searchable(q *retrieve.Query) bool {
	return strings.IndexFunc(q.Subject, unicode.IsLetter) >= 0 || q.HasIssueRef() || q.Page != 0
}
