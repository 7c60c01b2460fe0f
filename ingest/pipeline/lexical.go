package pipeline

import (
	"fmt"

	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// Names of the lexical indexes among the store's aux blobs.
const (
	AuxLexicalBody  = "lexical.body"
	AuxLexicalTitle = "lexical.title"
)

// Lexical holds the two BM25 fields of every chunk, numbered in the order
// of store.Reader.Chunks: the chunk's normalized text (its headline
// included), and its article's headline, kicker and subtitle on their own —
// a short field in which a match means the article is about the query.
type Lexical struct {
	Body, Title *lexical.Index
}

// BuildLexical indexes every chunk of the store.
func BuildLexical(r store.Reader) *Lexical {
	body, title := lexical.NewBuilder(), lexical.NewBuilder()
	for _, c := range r.Chunks() {
		body.Add(c.ID, c.Norm)
		a, _, _ := r.Article(c.ArticleID)
		title.Add(c.ID, TitleNorm(a))
	}
	return &Lexical{Body: body.Build(), Title: title.Build()}
}

// TitleNorm is the normalized title field of an article.
func TitleNorm(a *ingest.Article) string {
	if a == nil {
		return ""
	}
	return normalize.ForIndex(a.Kicker + " " + a.Headline + " " + a.Subtitle)
}

// SaveLexical puts the indexes among the store's aux blobs. It drops lx's
// indexes as it encodes them, so that an index and its encoding are not
// both held at the peak of an ingest; lx is not usable afterwards.
func SaveLexical(w store.Writer, lx *Lexical) error {
	body, err := lx.Body.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encoding lexical index: %w", err)
	}
	lx.Body = nil
	title, err := lx.Title.MarshalBinary()
	if err != nil {
		return fmt.Errorf("encoding lexical index: %w", err)
	}
	lx.Title = nil
	w.SetAux(AuxLexicalBody, body)
	w.SetAux(AuxLexicalTitle, title)
	return nil
}

// LoadLexical decodes the saved indexes. ok is false when they are missing,
// damaged, or were built over other chunks than the store now holds; the
// caller then rebuilds them with BuildLexical.
func LoadLexical(r store.Reader) (lx *Lexical, ok bool) {
	body, err := lexical.Unmarshal(r.Aux(AuxLexicalBody))
	if err != nil {
		return nil, false
	}
	title, err := lexical.Unmarshal(r.Aux(AuxLexicalTitle))
	if err != nil {
		return nil, false
	}
	if body.Len() != r.Len() || title.Len() != r.Len() || body.IDKey != idKey(r) || title.IDKey != body.IDKey {
		return nil, false
	}
	return &Lexical{Body: body, Title: title}, true
}

// idKey fingerprints the store's chunk ids the way lexical.Builder does.
func idKey(r store.Reader) uint64 {
	b := lexical.NewBuilder()
	for _, c := range r.Chunks() {
		b.AddID(c.ID)
	}
	return b.IDKey()
}
