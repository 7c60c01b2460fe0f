package synth

import (
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// Question is a question made from one sentence of a generated story, to
// measure retrieval over the archive.
type Question struct {
	Text string // what is asked
	// Quote is the passage of the story the question was made from; a
	// search finds the story when a result's article text contains it.
	Quote  string
	Source string // the story's page file, issue-0001/page-05.txt
	Issue  int    // index of the issue, from 0
	Page   int
}

// Question spans, in runes: two or three clauses of a sentence, enough to
// tell one story from others built from the same sentence.
const quoteMin, quoteMax = 16, 60

// Questions makes n questions from stories drawn across the archive with
// their own seed, each asking about a passage of two or three clauses
// that, where the sentence allows, holds a number (the part a
// substitution made unique).
func (a *Archive) Questions(n int, seed uint64) []Question {
	r := newRNG(seed, 1<<62)
	cache := map[int]*Issue{}
	var out []Question
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		i := r.intn(a.opt.Issues)
		iss, ok := cache[i]
		if !ok {
			iss = a.Issue(i)
			cache[i] = iss
		}
		pg := pick(r, iss.Pages)
		art := pick(r, pg.Articles)
		if art.Kind != archive.KindArticle {
			continue
		}
		para := pick(r, art.Paragraphs)
		sents := sentences(para)
		if len(sents) == 0 {
			continue
		}
		quote := passage(r, pick(r, sents))
		if quote == "" {
			continue
		}
		out = append(out, Question{
			Text:   quote + "？",
			Quote:  quote,
			Source: Dir(i) + "/" + PageFile(pg.Number),
			Issue:  i,
			Page:   pg.Number,
		})
	}
	return out
}

// passage picks two or three consecutive clauses of a sentence,
// preferring a span with a digit; "" when none fits the length bounds.
// The final punctuation is dropped: the question adds its own.
func passage(r *rng, sent string) string {
	cl := clauses(sent)
	var spans, withDigit []string
	for i := range cl {
		for j := i + 2; j <= min(i+3, len(cl)); j++ {
			s := strings.TrimRight(strings.Join(cl[i:j], ""), "，,。！？；!?;")
			if n := utf8.RuneCountInString(s); n < quoteMin || n > quoteMax {
				continue
			}
			spans = append(spans, s)
			if strings.ContainsAny(s, "0123456789") {
				withDigit = append(withDigit, s)
			}
		}
	}
	switch {
	case len(withDigit) > 0:
		return pick(r, withDigit)
	case len(spans) > 0:
		return pick(r, spans)
	}
	return ""
}
