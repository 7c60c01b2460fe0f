// Package synth generates a synthetic archive of 中国高新技术产业导报 at
// any size from the sentences and structure of the real sample pages:
// issues a week apart with mastheads, 24 pages each, several articles a
// page with headlines, bylines and photo captions, and a 本期导读 on the
// front page. It exists to measure ingest and retrieval at the size of the
// real archive, which cannot be shipped.
//
// The text reads like the paper because every sentence is one the paper
// printed; it differs from article to article because sentences are drawn
// across articles and the places, people and numbers in them are replaced
// by others of the sample's own vocabulary. Output is a function of the
// sample and the seed only: the same seed gives the same bytes.
package synth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Source is the material articles are made of, read from a sample archive.
type Source struct {
	articles  [][]sentence // the sentences of each sample article, in order
	headlines []string
	kickers   []string
	captions  [][]string // the sentences of each photo caption
	newest    archive.Meta
}

// minSentenceRunes drops fragments the layout cut off ("径。"): they read
// as noise wherever they are placed.
const minSentenceRunes = 8

// LoadSource reads the sample archive at dir (the .txt and .md issue pages
// of testdata/archive) with the ingest parser and keeps its sentences,
// headlines and captions in Simplified script. It fails when the archive
// yields no sentences or no masthead.
func LoadSource(ctx context.Context, dir string) (*Source, error) {
	files, _, rejected := ingest.Collect(ctx, []string{dir})
	if len(rejected) > 0 {
		return nil, fmt.Errorf("reading the sample archive: %w", rejected[0])
	}
	var docs []*archive.Document
	for _, f := range files {
		if f.Format != "txt" && f.Format != "md" {
			continue
		}
		_, err := ingest.ReadFile(ctx, f, ingest.ParseIssue, func(d *archive.Document) error {
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading the sample archive: %w", err)
		}
	}
	// Collect's order is the file system's; sort so the source is the same
	// wherever the archive is copied.
	slices.SortFunc(docs, func(a, b *archive.Document) int { return strings.Compare(a.Source, b.Source) })
	s := &Source{}
	for _, d := range docs {
		s.add(d)
	}
	if len(s.articles) == 0 {
		return nil, fmt.Errorf("the sample archive %s has no article text", dir)
	}
	if s.newest.Date == "" {
		return nil, errors.New("the sample archive has no masthead to take the issue numbering from")
	}
	return s, nil
}

// clean gives printed text in the form generated pages use: Simplified
// (the Traditional sample came through a converter that left pinyin), with
// the spaces of the print layout removed.
func clean(s string) string {
	s = normalize.StripPinyin(s)
	if normalize.IsTraditional(s) {
		s = normalize.ToSimplified(s)
	}
	return strings.TrimSpace(normalize.RemoveLayoutSpaces(s))
}

func (s *Source) add(d *archive.Document) {
	if d.Meta.Date > s.newest.Date {
		s.newest = d.Meta
	}
	for i := range d.Articles {
		a := &d.Articles[i]
		switch a.Kind {
		case archive.KindTOC:
			s.addHeadline(a.Headline)
		case archive.KindCaption:
			if sents := sentences(clean(a.Text)); len(sents) > 0 {
				s.captions = append(s.captions, sents)
			}
		case archive.KindArticle:
			s.addHeadline(a.Headline)
			if k := clean(a.Kicker); k != "" && !slices.Contains(s.kickers, k) {
				s.kickers = append(s.kickers, k)
			}
			var sents []sentence
			for _, p := range strings.Split(a.Text, "\n") {
				for _, t := range sentences(clean(p)) {
					sents = append(sents, sentence{t, clauses(t)})
				}
			}
			// One sentence is a notice (启事), not a story to draw from.
			if len(sents) >= 2 {
				s.articles = append(s.articles, sents)
			}
		}
	}
}

func (s *Source) addHeadline(h string) {
	h = clean(h)
	if utf8.RuneCountInString(h) >= 6 && !slices.Contains(s.headlines, h) {
		s.headlines = append(s.headlines, h)
	}
}

// Sentences is how many sentences the source holds.
func (s *Source) Sentences() int {
	n := 0
	for _, a := range s.articles {
		n += len(a)
	}
	return n
}

// sentence is one printed sentence and its clauses, each clause with the
// comma that ends it: recombining the clauses of two sentences makes a new
// one that still reads like the paper.
type sentence struct {
	text    string
	clauses []string
}

// clauses splits a sentence after each comma.
func clauses(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '，' || r == ',' {
			end := i + utf8.RuneLen(r)
			out = append(out, s[start:end])
			start = end
		}
	}
	return append(out, s[start:])
}

const (
	enders  = "。！？；!?;"
	closers = "”’」』）)》"
)

// sentences splits a paragraph after each sentence ender (closing quotes
// and brackets kept with it) and keeps the whole sentences long enough to
// stand on their own. A trailing piece without an ender was cut off by the
// layout and is dropped.
func sentences(p string) []string {
	var out []string
	rs := []rune(p)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(enders, rs[i]) {
			continue
		}
		end := i + 1
		for end < len(rs) && strings.ContainsRune(closers, rs[end]) {
			end++
		}
		sent := strings.TrimSpace(string(rs[start:end]))
		if utf8.RuneCountInString(sent) >= minSentenceRunes {
			out = append(out, sent)
		}
		start, i = end, end-1
	}
	return out
}
