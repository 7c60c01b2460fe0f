package retrieve

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// Fusion parameters, measured on CMRC 2018 and DRCD (docs/retrieval.md).
const (
	// candidates is how many chunks each retriever contributes to fusion.
	candidates = 100
	// titleWeight scales the BM25 score of the headline field against the
	// body's. Headlines are what an article is about; weighted fully they
	// pull in articles whose headline shares one name with the question.
	titleWeight = 0.5
	// vectorWeight is the vector list's share in fusion. Measured with the
	// local hashed n-gram embedder (docs/retrieval.md), vectors repeat what
	// BM25 sees: reciprocal rank fusion at any weight, or a score share
	// above 0.1, cost R@1 on CMRC 2018 and DRCD, so they only break ties.
	vectorWeight = 0.1
	// dateBoost multiplies the fused score of a chunk printed in the
	// window after an event date the question names (dates.go). Measured
	// on a synthetic weekly archive (docs/retrieval.md).
	dateBoost = 0.5
)

// rescoreMin is the store size (chunks) from which vectors are scored only
// for the lexical candidates, exactly, instead of by a scan of every
// vector. With the local embedder the vector list weighs 0.1 and only
// reorders what BM25 found (vectorWeight), so its best use of a vector is
// on BM25's candidates; at 420k chunks the scan was two thirds of warm
// search (docs/scaling.md). Below this size the scan (or chromem-go) is
// cheap and serves as before.
const rescoreMin = 100_000

// Engine searches one store. It is safe for concurrent use.
type Engine struct {
	st     store.Reader
	emb    embed.Embedder
	lex    *lexical.Fields
	chunks []*archive.Chunk // lexical document number → chunk
	// pos maps chunk id → lexical document number, built by the first
	// full vector search (a store past rescoreMin never needs it: 0.2 s
	// of a cold start at 420k chunks).
	pos     map[string]int
	posOnce sync.Once
	meta    []chunkMeta // by lexical document number
	has     struct{ issue, date, page bool }
	// cadence is the median gap in days between publication dates.
	cadence int
	// rescoreMin is the package's rescoreMin unless a benchmark set it.
	rescoreMin int
}

// SetRescoreMin sets the store size from which vectors are scored only for
// the lexical candidates (0: always; a size above the store's: never), so
// benchmarks can compare both paths on the same store. Call it before the
// first search.
func (e *Engine) SetRescoreMin(n int) { e.rescoreMin = n }

// chunkMeta is what filters look at, resolved once at load.
type chunkMeta struct {
	article *archive.Article
	doc     *archive.Document
	year    int
	month   int
	day     int
	page    int
	pubDay  int // days since 1970-01-01; 0 when the date is unknown
}

// NewEngine prepares a store for searching: it loads the saved lexical
// indexes (rebuilding them in memory if they are missing or stale) and
// resolves every chunk's article and document once.
func NewEngine(ctx context.Context, st store.Reader, emb embed.Embedder) (*Engine, error) {
	if name, _ := st.Embedder(); name != "" && st.Len() > 0 && name != emb.Name() {
		return nil, fmt.Errorf("store was built with embedder %q but %q is configured; set HERALDQA_EMBEDDER to match or re-ingest into a new store", name, emb.Name())
	}
	lx, ok := lexical.Load(st)
	if !ok {
		if st.Len() > 0 {
			slog.Warn("lexical index missing or stale; rebuilding in memory (run heraldqa ingest to save it)")
		}
		lx = lexical.Build(st)
	}
	e := &Engine{st: st, emb: emb, lex: lx, chunks: st.Chunks(), rescoreMin: rescoreMin}
	e.meta = make([]chunkMeta, len(e.chunks))
	var days []int
	var a *archive.Article
	var d, dated *archive.Document
	var y, mo, dd, pubDay int
	for i, c := range e.chunks {
		// Chunks in id order come article by article: one lookup each.
		if i == 0 || c.ArticleID != e.chunks[i-1].ArticleID {
			a, d, _ = st.Article(c.ArticleID)
		}
		// And a document's date is read once for all its chunks.
		// cadenceOf needs each date once, not once a chunk (a sort of 1M).
		if d != dated && d != nil {
			dated = d
			y, mo, dd = archive.SplitDate(d.Meta.Date)
			pubDay = 0
			if y != 0 {
				pubDay = dayNumber(y, mo, dd)
				if len(days) == 0 || days[len(days)-1] != pubDay {
					days = append(days, pubDay)
				}
			}
		}
		m := chunkMeta{article: a, doc: d}
		if d != nil {
			m.year, m.month, m.day, m.pubDay = y, mo, dd, pubDay
		}
		m.page = archive.PageOf(a, d)
		e.meta[i] = m
		if d != nil {
			e.has.issue = e.has.issue || d.Meta.Issue != 0 || d.Meta.TotalIssue != 0
			e.has.date = e.has.date || d.Meta.Date != ""
		}
		e.has.page = e.has.page || m.page != 0
	}
	e.cadence = cadenceOf(days)
	return e, ctx.Err()
}

// Weights returns the distinct terms of a normalized text, each weighted by
// its BM25 IDF in the archive (times the unigram discount): how much finding
// it says about a match. Answerers use it to measure support.
func (e *Engine) Weights(norm string) []lexical.QueryTerm {
	q := lexical.QueryTerms(norm)
	for i := range q {
		q[i].Weight *= e.lex.Body.IDF(q[i].Term)
	}
	return q
}

// DocFreq is how many chunks hold the term.
func (e *Engine) DocFreq(t lexical.Term) int { return e.lex.Body.DocFreq(t) }

// Store is the store the engine searches.
func (e *Engine) Store() store.Reader { return e.st }

// Result is one article found, with the chunk of it that matched best.
type Result struct {
	Rank    int // from 1
	Score   float64
	Chunk   *archive.Chunk
	Article *archive.Article
	Doc     *archive.Document
	// More are the article's other matching chunks, best first.
	More []*archive.Chunk
}

// Filter restricts a search to chunks printed in a given issue, date or
// page. Zero fields do not restrict.
type Filter struct {
	Issue, TotalIssue, Page int
	Year, Month, Day        int
	Kind                    archive.Kind
	// Event does not restrict: chunks printed in the window after it are
	// boosted.
	Event EventDate
}

// FilterOf is the filter a question's references ask for.
func FilterOf(q *Query) Filter {
	return Filter{Issue: q.Issue, TotalIssue: q.TotalIssue, Page: q.Page, Year: q.Year, Month: q.Month, Day: q.Day, Event: q.Event}
}

// FilterFor is the filter a question's references ask for, less what this
// archive cannot filter on: in a collection whose documents state no
// issue numbers, dates or pages (an encyclopedia export), 第3版 in a
// question names an edition of something, not a page of the paper.
func (e *Engine) FilterFor(q *Query) Filter {
	f := FilterOf(q)
	if !e.has.issue {
		f.Issue, f.TotalIssue = 0, 0
	}
	if !e.has.date {
		f.Year, f.Month, f.Day = 0, 0, 0
		f.Event = EventDate{}
	}
	if !e.has.page {
		f.Page = 0
	}
	return f
}

// empty: nothing restricts (an Event only boosts).
func (f Filter) empty() bool { f.Event = EventDate{}; return f == Filter{} }

func (f Filter) accepts(m *chunkMeta) bool {
	if m.doc == nil || m.article == nil {
		return f.empty()
	}
	meta := m.doc.Meta
	return (f.Issue == 0 || meta.Issue == f.Issue) &&
		(f.TotalIssue == 0 || meta.TotalIssue == f.TotalIssue) &&
		(f.Page == 0 || m.page == f.Page) &&
		(f.Year == 0 || m.year == f.Year) &&
		(f.Month == 0 || m.month == f.Month) &&
		(f.Day == 0 || m.day == f.Day) &&
		(f.Kind == "" || m.article.Kind == f.Kind)
}

// where is the part of the filter chromem can apply itself (equality on
// metadata); the rest is checked afterwards.
func (f Filter) where() map[string]string {
	w := map[string]string{}
	if f.Issue != 0 {
		w[store.MetaIssue] = strconv.Itoa(f.Issue)
	}
	if f.TotalIssue != 0 {
		w[store.MetaTotalIssue] = strconv.Itoa(f.TotalIssue)
	}
	if f.Page != 0 {
		w[store.MetaPage] = strconv.Itoa(f.Page)
	}
	if f.Kind != "" {
		w[store.MetaKind] = string(f.Kind)
	}
	if len(w) == 0 {
		return nil
	}
	return w
}

// Search finds the k articles that best match text (normalized, e.g. a
// Query's Subject) among the chunks the filter accepts, best first.
func (e *Engine) Search(ctx context.Context, text string, f Filter, k int) ([]Result, error) {
	if k <= 0 || len(e.chunks) == 0 || strings.TrimSpace(text) == "" {
		return nil, nil
	}
	var accept func(int) bool
	if !f.empty() {
		accept = func(d int) bool { return f.accepts(&e.meta[d]) }
	}
	lex := e.lexical(text, accept)
	var inWindow func(int) bool
	if !f.Event.IsZero() {
		w := window(f.Event, e.cadence)
		inWindow = func(d int) bool { m := &e.meta[d]; return w.holds(m.pubDay, m.year) }
		// What was printed in the window competes even when the rest of
		// the archive fills the candidate list.
		lex = mergeMax(lex, e.lexical(text, func(d int) bool { return inWindow(d) && (accept == nil || accept(d)) }))
	}
	vec, err := e.vector(ctx, text, f, lex)
	if err != nil {
		return nil, err
	}
	fused := fuse(lex, vec)
	if inWindow != nil {
		for i := range fused {
			if inWindow(fused[i].doc) {
				fused[i].score *= 1 + dateBoost
			}
		}
		sortScored(fused)
	}
	return e.group(fused, k), nil
}

// mergeMax joins two scored lists of the same scoring, each document once
// with its best score, best first.
func mergeMax(a, b []scored) []scored {
	best := make(map[int]float64, len(a)+len(b))
	for _, l := range [2][]scored{a, b} {
		for _, s := range l {
			if v, ok := best[s.doc]; !ok || s.score > v {
				best[s.doc] = s.score
			}
		}
	}
	out := make([]scored, 0, len(best))
	for d, s := range best {
		out = append(out, scored{d, s})
	}
	sortScored(out)
	return out
}

type scored struct {
	doc   int
	score float64
}

// lexical scores body and title BM25 together, best first.
func (e *Engine) lexical(text string, accept func(int) bool) []scored {
	q := lexical.QueryTerms(text)
	body := e.lex.Body.Search(q, candidates, accept)
	title := e.lex.Title.Search(q, candidates, accept)
	sum := make(map[int]float64, len(body)+len(title))
	for _, h := range body {
		sum[h.Doc] += h.Score
	}
	for _, h := range title {
		sum[h.Doc] += titleWeight * h.Score
	}
	out := make([]scored, 0, len(sum))
	for d, s := range sum {
		out = append(out, scored{d, s})
	}
	sortScored(out)
	return out
}

// vector searches the store's vectors, applying what the filter can't say
// as equality afterwards. In a store of rescoreMin chunks or more it scores
// only lex, the lexical candidates (already filtered), exactly.
func (e *Engine) vector(ctx context.Context, text string, f Filter, lex []scored) ([]scored, error) {
	vecs, err := e.emb.Embed(ctx, []string{text})
	if err != nil {
		return nil, fmt.Errorf("embedding the question: %w", err)
	}
	if sc, ok := e.st.(store.Scorer); ok && len(e.chunks) >= e.rescoreMin {
		return e.rescore(ctx, sc, vecs[0], lex)
	}
	hits, err := e.st.Search(ctx, vecs[0], candidates, f.where())
	if err != nil {
		return nil, fmt.Errorf("vector search: %w", err)
	}
	e.posOnce.Do(func() {
		e.pos = make(map[string]int, len(e.chunks))
		for i, c := range e.chunks {
			e.pos[c.ID] = i
		}
	})
	out := make([]scored, 0, len(hits))
	for _, h := range hits {
		d, ok := e.pos[h.ChunkID]
		if !ok || !f.accepts(&e.meta[d]) && !f.empty() {
			continue
		}
		out = append(out, scored{d, float64(h.Score)})
	}
	return out, nil
}

// rescore scores the candidates' vectors, best first.
func (e *Engine) rescore(ctx context.Context, sc store.Scorer, vec []float32, cands []scored) ([]scored, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	rows := make([]int, len(cands))
	for i, c := range cands {
		rows[i] = c.doc
	}
	sims, err := sc.Similarities(ctx, vec, rows)
	if err != nil {
		return nil, fmt.Errorf("vector scores: %w", err)
	}
	out := make([]scored, len(cands))
	for i, d := range rows {
		out[i] = scored{d, float64(sims[i])}
	}
	sortScored(out)
	return out, nil
}

// fuse combines the lists by their scores, each scaled by its best, so a
// clear lexical winner stays first unless the vectors strongly disagree.
func fuse(lex, vec []scored) []scored {
	sum := make(map[int]float64, len(lex)+len(vec))
	if len(lex) > 0 && lex[0].score > 0 {
		for _, s := range lex {
			sum[s.doc] += (1 - vectorWeight) * s.score / lex[0].score
		}
	}
	if len(vec) > 0 && vec[0].score > 0 {
		for _, s := range vec {
			if s.score > 0 {
				sum[s.doc] += vectorWeight * float64(s.score) / vec[0].score
			}
		}
	}
	out := make([]scored, 0, len(sum))
	for d, s := range sum {
		out = append(out, scored{d, s})
	}
	sortScored(out)
	return out
}

func sortScored(s []scored) {
	slices.SortFunc(s, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})
}

// group keeps the best chunk of each article, in order, up to k articles.
func (e *Engine) group(fused []scored, k int) []Result {
	var out []Result
	byArticle := map[string]int{}
	for _, s := range fused {
		c := e.chunks[s.doc]
		if i, ok := byArticle[c.ArticleID]; ok {
			out[i].More = append(out[i].More, c)
			continue
		}
		if len(out) == k {
			continue
		}
		m := e.meta[s.doc]
		byArticle[c.ArticleID] = len(out)
		out = append(out, Result{Rank: len(out) + 1, Score: s.score, Chunk: c, Article: m.article, Doc: m.doc})
	}
	return out
}
