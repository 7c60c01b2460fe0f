package answer

import (
	"github.com/heraldqa/heraldqa/ingest/store"
)

// DefaultContextChars is the default budget, in characters of article
// text, of what an LLM is given to answer from: about 6,000 suits today's
// models (a few thousand tokens of Chinese) and holds the whole of five
// typical newspaper articles.
const DefaultContextChars = 6000

// elided marks where a passage was cut out of its article.
const elided = "…"

// passage is the part of one article given to the model: sentences
// [lo, hi) of the article's text, grown outwards from the retrieved chunk.
type passage struct {
	byline string
	rs     []rune
	sents  []span
	lo     int
	hi     int
}

func (p *passage) runes() int { return p.sents[p.hi-1].end - p.sents[p.lo].start }

// costBefore and costAfter are what one more sentence on that side adds,
// the text between the sentences included; 0 when there is none.
func (p *passage) costBefore() int {
	if p.lo == 0 {
		return 0
	}
	return p.sents[p.lo].start - p.sents[p.lo-1].start
}

func (p *passage) costAfter() int {
	if p.hi == len(p.sents) {
		return 0
	}
	return p.sents[p.hi].end - p.sents[p.hi-1].end
}

func (p *passage) text() string {
	s := string(p.rs[p.sents[p.lo].start:p.sents[p.hi-1].end])
	if p.lo > 0 {
		s = elided + s
	}
	if p.hi < len(p.sents) {
		s += elided
	}
	return s
}

// widen returns the sources as the model is given them: each retrieved
// chunk replaced by a passage of its article around it, within budget
// characters of text in all (DefaultContextChars when budget <= 0).
//
// The first primary sources (those retrieved for any answer) first get
// their retrieved chunks, in rank order; a source whose chunk no longer
// fits ends the list (the first always stays), so that the numbers the
// model cites are still the sources' ranks. Then, in rounds, each source
// in rank order grows by the sentence before and the sentence after its
// passage while they fit, so the name in the previous sentence or the
// figure in the next one reaches the model, and a short article is given
// whole. The sentence before comes first: a subject is named before what
// is said of it. Budget left after that takes the further sources in rank
// order the same way (reader-qa context recall 147 → 150 of 160 with up
// to 2×K articles; docs/llm.md).
//
// Metadata (date, issue, page, headline) is kept; only Text changes. A
// source whose article is not in the store keeps its chunk.
func widen(st store.Reader, sources []Source, budget, primary int) []Source {
	if budget <= 0 {
		budget = DefaultContextChars
	}
	out := make([]Source, 0, len(sources))
	ps := make([]*passage, 0, len(sources))
	used := 0
	// add appends sources in rank order while their chunks fit.
	add := func(srcs []Source) {
		for _, src := range srcs {
			p := passageOf(st, src)
			n := len([]rune(src.Text))
			if p != nil {
				n = p.runes()
			}
			if len(out) > 0 && used+n > budget {
				return
			}
			used += n
			out = append(out, src)
			ps = append(ps, p)
		}
	}
	grow := func() {
		for grew := true; grew; {
			grew = false
			for _, p := range ps {
				if p == nil {
					continue
				}
				if c := p.costBefore(); c > 0 && used+c <= budget {
					p.lo--
					used += c
					grew = true
				}
				if c := p.costAfter(); c > 0 && used+c <= budget {
					p.hi++
					used += c
					grew = true
				}
			}
		}
	}
	primary = min(max(primary, 1), len(sources))
	add(sources[:primary])
	grow()
	if len(out) == primary {
		add(sources[primary:])
		grow()
	}
	for i, p := range ps {
		if p != nil {
			out[i].Text, out[i].byline = p.text(), p.byline
		}
	}
	return out
}

// passageOf is the passage of src's article that its chunk covers; nil
// when the chunk or article is not in the store or the chunk is empty (a
// headline alone).
func passageOf(st store.Reader, src Source) *passage {
	if st == nil {
		return nil
	}
	c, ok := st.Chunk(src.ID)
	if !ok || c.End <= c.Start {
		return nil
	}
	a, _, ok := st.Article(c.ArticleID)
	if !ok {
		return nil
	}
	p := &passage{byline: oneLine(a.Byline), rs: []rune(a.Text), sents: splitSentences(a.Text)}
	if c.End > len(p.rs) || len(p.sents) == 0 {
		return nil
	}
	p.lo, p.hi = -1, 0
	for i, s := range p.sents {
		if s.end > c.Start && s.start < c.End {
			if p.lo < 0 {
				p.lo = i
			}
			p.hi = i + 1
		}
	}
	if p.lo < 0 {
		return nil
	}
	return p
}
