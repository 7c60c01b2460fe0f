package store

import (
	"encoding/json"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// The list contract: unknown values are null, an article without a page
// takes its document's, captions are not listed, and empty lists are [].
func TestListings(t *testing.T) {
	tests := []struct {
		name string
		doc  archive.Document
		want string
	}{
		{
			name: "issue page with articles and toc",
			doc: archive.Document{
				Source: "a.txt", Format: "txt", Encoding: "utf-8",
				Meta: archive.Meta{Date: "2025-09-29", Issue: 36, TotalIssue: 2640, Pages: 24, Page: 3},
				Articles: []archive.Article{
					{Kind: archive.KindArticle, Headline: "有版", Page: 5},
					{Kind: archive.KindArticle, Headline: "无版"},
					{Kind: archive.KindCaption, Headline: "图"},
				},
				TOC: []archive.TOCEntry{{Headline: "导读", Page: 2}, {Headline: "不明"}},
			},
			want: `{"source":"a.txt","date":"2025-09-29","issue":36,"total_issue":2640,"pages":24,"page":3,"format":"txt","encoding":"utf-8",` +
				`"articles":[{"headline":"有版","page":5},{"headline":"无版","page":3}],"toc":[{"headline":"导读","page":2},{"headline":"不明","page":null}]}`,
		},
		{
			name: "nothing known",
			doc:  archive.Document{Source: "b.md", Format: "md", Encoding: "gb18030"},
			want: `{"source":"b.md","date":null,"issue":null,"total_issue":null,"pages":null,"page":null,"format":"md","encoding":"gb18030","articles":[],"toc":[]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(Listings([]*archive.Document{&tt.doc})[0])
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestStatsListing(t *testing.T) {
	for _, tt := range []struct {
		s    Stats
		want string
	}{
		{Stats{}, `{"bytes":0,"chunks":0,"documents":0,"first_date":null,"last_date":null,"segments":0}`},
		{Stats{Documents: 2, Chunks: 9, Segments: 1, Bytes: 100, FirstDate: "2025-01-06", LastDate: "2025-12-29"},
			`{"bytes":100,"chunks":9,"documents":2,"first_date":"2025-01-06","last_date":"2025-12-29","segments":1}`},
	} {
		got, _ := json.Marshal(tt.s.Listing())
		if string(got) != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}
