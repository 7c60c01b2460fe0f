package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
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
	// Stream receives the LLM's answer as it is written, when not nil. It
	// receives only checked text: a citation marker is held back until it
	// is complete and then passed only with the numbers of sources the
	// model was given (an invented [7] never reaches it), and text is
	// passed a clause at a time in the question's script. Its writes end
	// when Ask returns. On a failure after streaming began, Ask falls back
	// to the extractive answer with a warning, after a line break on
	// Stream; the text written stays the reader's to discard.
	//
	// When ctx is cancelled (context.Canceled) during generation, Ask
	// returns no error and no fallback: the answer holds the checked text
	// written to Stream until then, with Stopped set and a warning. When
	// nothing had been written (always so with Stream nil, as the reply is
	// then not streamed), it is the extractive answer, with Stopped set.
	Stream io.Writer
	// ContextChars is the budget, in characters of article text, of the
	// passages the LLM answers from; DefaultContextChars when 0.
	ContextChars int
	// Translator, when set, renders English questions in Chinese for the
	// search instead of the dictionary (HERALDQA_TRANSLATE=llm); when it
	// fails the dictionary's rendering is used.
	Translator retrieve.Translator
	// Reload, when set, is asked before each question for the engine of
	// the store's newest commit (a running chat or bot picks up an
	// ingest); Engine answers when it returns nil.
	Reload func(ctx context.Context) *retrieve.Engine
	// AnswerAll quotes the best sentences of every searchable question
	// instead of refusing: benchmarks set it to measure which sentences
	// are quoted apart from the answer-or-refuse decision. No user-facing
	// command sets it.
	AnswerAll bool
}

// Ask answers one question. prev, the previous question of a conversation,
// lets a follow-up like 那第41期呢？ borrow its subject. It returns the
// understood query so that the caller can pass it as prev next time.
func (a *Asker) Ask(ctx context.Context, question string, prev *retrieve.Query) (*Answer, *retrieve.Query, error) {
	if a.Reload != nil {
		// A copy answers, so an Asker shared by goroutines is never written.
		c := *a
		c.Reload = nil
		if eng := a.Reload(ctx); eng != nil {
			c.Engine = eng
		}
		return c.Ask(ctx, question, prev)
	}
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
		a.generate(ctx, retrieve.ParseQuery(question), ans, ans.Sources)
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
	q = a.Engine.WithNames(q)
	if q.Latest {
		q = latestIssue(a.Engine, q)
	}
	k := a.K
	if k <= 0 {
		k = DefaultK
	}
	ans := &Answer{Question: question, Mode: ModeExtractive, Lang: string(q.Lang), Citations: []Citation{}, Sources: []Source{}}

	switch q.Intent {
	case retrieve.PageContents, retrieve.WhenPublished, retrieve.IssuePages:
		var text string
		var cites []Citation
		var ok bool
		switch q.Intent {
		case retrieve.PageContents:
			text, cites, ok = pageContents(a.Engine, q)
		case retrieve.IssuePages:
			text, cites, ok = issuePages(a.Engine, q)
		default:
			text, cites, ok = whenPublished(a.Engine, q)
		}
		a.finish(ans, q, localize(q, text, cites), cites, ok)
		return ans, q, nil
	}

	if !searchable(q) {
		a.finish(ans, q, "", nil, false)
		return ans, q, nil
	}
	// The LLM is offered more articles than the answer lists, as far as
	// its context budget holds them (widen).
	searchK := k
	if llm != nil {
		searchK = max(k, contextK*k)
	}
	results, err := a.Engine.Search(ctx, a.Engine.SearchText(q), a.Engine.FilterFor(q), searchK)
	if err != nil {
		return nil, q, fmt.Errorf("searching the archive: %w", err)
	}
	candidates := sourcesOf(results)
	results = results[:min(k, len(results))]
	ans.Sources = candidates[:len(results)]

	switch q.Intent {
	case retrieve.WhichIssue, retrieve.WhichPage:
		text, cites, ok := locate(ctx, a.Engine, q, results)
		a.finish(ans, q, localize(q, text, cites), cites, ok)
		return ans, q, nil
	}

	cands := rankSentences(a.Engine, q, results)
	chosen := pick(slices.Clone(cands), answerModel(), a.AnswerAll)
	if cs, ok := bylined(q, cands); ok {
		chosen = cs
	} else if c, ok := signature(q, cands); ok {
		chosen = []candidate{c}
	} else if len(cands) > 0 && cands[0].claimed && !settles(q, chosen) {
		if c, ok := settleClaim(q, quoteOrder(cands, answerModel())); ok && c.claimRest >= claimHeld(chosen) {
			chosen = []candidate{c}
		}
	}
	text, cites := compose(q, chosen)
	a.finish(ans, q, text, cites, len(chosen) > 0)
	if ans.Refused {
		ans.Related = related(results)
	}
	if llm != nil && len(results) > 0 {
		a.generate(ctx, q, ans, candidates)
		// Related reading goes with a refusal only, whoever wrote it.
		switch {
		case !ans.Refused:
			ans.Related = nil
		case ans.Related == nil:
			ans.Related = related(results)
		}
	}
	return ans, q, nil
}

// finish fills in the answer, or the refusal when ok is false.
func (a *Asker) finish(ans *Answer, q *retrieve.Query, text string, cites []Citation, ok bool) {
	if !ok {
		// A refusal claims nothing, so nothing of it is ungrounded.
		ans.Answer, ans.Refused, ans.Grounded, ans.Citations = Refusal(q.Lang), true, true, []Citation{}
		return
	}
	ans.Answer, ans.Citations, ans.Grounded = text, cites, true
}

// contextK is how many times K articles the LLM may be offered, budget
// permitting.
const contextK = 2

// generate replaces the extractive answer with the LLM's, written from
// passages of the candidates (ans.Sources first, then more while the
// context budget holds them), keeping the extractive one when the LLM
// fails. See Asker.Stream for what is streamed and when the answer is
// Stopped.
func (a *Asker) generate(ctx context.Context, q *retrieve.Query, ans *Answer, candidates []Source) {
	given := widen(a.Engine.Store(), candidates, a.ContextChars, len(ans.Sources))
	g := newGate(a.Stream, len(given), q.Lang)
	var w io.Writer
	if a.Stream != nil {
		w = g
	}
	text, err := a.LLM.Generate(ctx, q, given, w)
	var truncated, stopped bool
	switch {
	case err == nil:
	case errors.Is(err, ErrTruncated):
		truncated = true
	case errors.Is(err, context.Canceled) && errors.Is(ctx.Err(), context.Canceled):
		stopped = true
	default:
		g.Flush()
		ans.Warning = fmt.Sprintf("LLM failed (%v); showing the extractive answer", err)
		return
	}
	if w == nil {
		g.Write([]byte(text))
	}
	g.Flush()
	if stopped && strings.TrimSpace(g.String()) == "" {
		// Stopped before the model wrote anything: the extractive answer
		// is ready and better than nothing.
		ans.Stopped = true
		ans.Warning = "stopped by the reader before the LLM wrote anything; showing the extractive answer"
		return
	}
	if len(given) > len(ans.Sources) {
		// The sources list what the model was given, which it may cite.
		ans.Sources = candidates[:len(given)]
	}
	checked, cites, grounded, refused := checkCitations(a.Engine, g.String(), given, q)
	requote(a.Engine, checked, cites, given)
	ans.Mode = ModeLLM
	ans.Answer, ans.Citations, ans.Grounded, ans.Refused = checked, cites, grounded || refused, refused
	ans.Truncated, ans.Stopped = truncated, stopped
	switch {
	case refused:
		ans.Grounded = true // nothing is claimed
	case !grounded:
		ans.Warning = "the LLM's answer cites none of the sources: it is not grounded in the archive"
	default:
		ans.Unsupported = unsupportedClaims(a.Engine, checked, given, q.Lang)
		if wrongLanguage(checked, q.Lang) {
			ans.Grounded = false
			ans.Warning = "the LLM's answer is not in the question's language"
			if len(ans.Unsupported) == 0 {
				ans.Unsupported = []string{checked}
			}
		} else if len(ans.Unsupported) > 0 {
			ans.Grounded = false
			ans.Warning = fmt.Sprintf("%d claim(s) of the LLM's answer are not found in the sources they cite", len(ans.Unsupported))
		}
	}
	if stopped {
		ans.Warning = joinWarning("stopped by the reader: the answer is incomplete", ans.Warning)
	}
}

func joinWarning(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// searchable reports whether a question has something to search for: a
// word or a Chinese character left in its subject once question words,
// punctuation and the words the glossary does not know are gone, or a
// reference to an issue or page to narrow the search. SQL, code or a bare
// number leaves at most digits, and any match for those would be noise; so
// does one character typed over and over (长长长…), which had quoted a
// sentence about 长三角.
func searchable(q *retrieve.Query) bool {
	if q.HasIssueRef() || q.Page != 0 {
		return true
	}
	var first rune
	for _, r := range q.Subject {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		switch {
		case first == 0:
			first = r
		case r != first:
			return strings.IndexFunc(q.Subject, unicode.IsLetter) >= 0
		}
	}
	return false
}
