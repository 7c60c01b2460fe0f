package store

import "github.com/heraldqa/heraldqa/ingest/archive"

// Listing is one document of the catalog as `heraldqa list --json` prints
// it, a contract for scripts: unknown values are null, not zero.
type Listing struct {
	Source     string         `json:"source"`
	Date       *string        `json:"date"`
	Issue      *int           `json:"issue"`
	TotalIssue *int           `json:"total_issue"`
	Pages      *int           `json:"pages"`
	Page       *int           `json:"page"`
	Format     string         `json:"format"`
	Encoding   string         `json:"encoding"`
	Articles   []ListingTitle `json:"articles"`
	TOC        []ListingTitle `json:"toc"`
}

// ListingTitle is an article's or a table-of-contents entry's headline and page.
type ListingTitle struct {
	Headline string `json:"headline"`
	Page     *int   `json:"page"`
}

// StatsListing is Stats as `heraldqa list --stats --json` prints it; its
// keys are in the sorted order the command has always printed.
type StatsListing struct {
	Bytes     int64   `json:"bytes"`
	Chunks    int     `json:"chunks"`
	Documents int     `json:"documents"`
	FirstDate *string `json:"first_date"`
	LastDate  *string `json:"last_date"`
	Segments  int     `json:"segments"`
}

// Listings describes docs, in order, in the list contract's form.
func Listings(docs []*archive.Document) []Listing {
	out := make([]Listing, 0, len(docs))
	for _, d := range docs {
		e := Listing{
			Source: d.Source, Format: d.Format, Encoding: d.Encoding,
			Date: nilIfEmpty(d.Meta.Date), Issue: nilIfZero(d.Meta.Issue), TotalIssue: nilIfZero(d.Meta.TotalIssue),
			Pages: nilIfZero(d.Meta.Pages), Page: nilIfZero(d.Meta.Page),
			Articles: []ListingTitle{}, TOC: []ListingTitle{},
		}
		for _, a := range d.Articles {
			if a.Kind != archive.KindArticle {
				continue
			}
			e.Articles = append(e.Articles, ListingTitle{Headline: a.Headline, Page: nilIfZero(archive.PageOf(&a, d))})
		}
		for _, t := range d.TOC {
			e.TOC = append(e.TOC, ListingTitle{Headline: t.Headline, Page: nilIfZero(t.Page)})
		}
		out = append(out, e)
	}
	return out
}

// Listing is s in the list contract's form.
func (s Stats) Listing() StatsListing {
	return StatsListing{
		Documents: s.Documents, Chunks: s.Chunks, Segments: s.Segments, Bytes: s.Bytes,
		FirstDate: nilIfEmpty(s.FirstDate), LastDate: nilIfEmpty(s.LastDate),
	}
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nilIfZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
