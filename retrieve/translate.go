package retrieve

import (
	"context"
	"strings"
)

// Translator renders an English question in Chinese for the search.
// ParseQuery already does it offline with the CC-CEDICT dictionary and the
// paper's own terms (HERALDQA_TRANSLATE=dict, reproducible); an LLM may do
// it instead (HERALDQA_TRANSLATE=llm), its rendering applied with
// Query.WithTranslation.
type Translator interface {
	// Translate returns the question in Simplified Chinese, or search
	// terms for it.
	Translate(ctx context.Context, question string) (string, error)
}

// Dictionary is the offline Translator: the terms TranslateQuery finds.
type Dictionary struct{}

// Translate implements Translator.
func (Dictionary) Translate(_ context.Context, question string) (string, error) {
	zh, _ := TranslateQuery(question)
	return zh, nil
}

// WithTranslation returns a copy of q, an English question, that searches
// for zh, a Chinese rendering of it: the subject is read from zh as from a
// Chinese question (question words out), each of its terms a group of its
// own for the answerer. The references of the English question (issue,
// page, dates) stay; an event date only zh names is taken.
func (q *Query) WithTranslation(zh string) *Query {
	zq := ParseQuery(zh)
	if strings.TrimSpace(zq.Subject) == "" {
		return q
	}
	out := *q
	out.Subject = zq.Subject
	out.Groups = nil
	for _, f := range strings.Fields(zq.Subject) {
		out.Groups = append(out.Groups, []string{f})
	}
	if out.Event.IsZero() {
		out.Event = zq.Event
	}
	// The names typed in pinyin are read against the archive still
	// (Engine.WithNames), as groups of their own: the groups their words
	// were read as are gone with the dictionary's reading.
	out.Pinyin = nil
	for _, n := range q.Pinyin {
		n.First, n.End = len(out.Groups), len(out.Groups)
		out.Pinyin = append(out.Pinyin, n)
	}
	return &out
}
