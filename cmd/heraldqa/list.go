package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// listEntry is one object of `heraldqa list --json`; unknown values are null.
type listEntry struct {
	Source     string      `json:"source"`
	Date       *string     `json:"date"`
	Issue      *int        `json:"issue"`
	TotalIssue *int        `json:"total_issue"`
	Pages      *int        `json:"pages"`
	Page       *int        `json:"page"`
	Format     string      `json:"format"`
	Encoding   string      `json:"encoding"`
	Articles   []listTitle `json:"articles"`
	TOC        []listTitle `json:"toc"`
}

type listTitle struct {
	Headline string `json:"headline"`
	Page     *int   `json:"page"`
}

func (a *app) list(ctx context.Context, args []string) error {
	fs := a.newFlags("list")
	asJSON := fs.Bool("json", false, "print a JSON array")
	stats := fs.Bool("stats", false, "print documents, chunks, segments, store size and date range")
	verify := fs.Bool("verify", false, "first check every store file's whole checksum (a load checks sizes, headers and metadata only)")
	if _, err := a.parse(fs, args); err != nil {
		return err
	}
	// The catalogs say all list prints: no chunk or vector is read.
	st, err := store.OpenCatalog(ctx, a.cfg.Get("HERALDQA_STORE"))
	if err != nil {
		return err
	}
	if *verify {
		if err := st.Verify(ctx); err != nil {
			return err
		}
	}
	if *stats {
		return a.printStats(st.Stats(), *asJSON)
	}
	entries := listEntries(st.Documents())
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	}
	if len(entries) == 0 {
		fmt.Fprintf(a.stdout, "The store %s is empty. Run: heraldqa ingest PATH...\n", a.cfg.Get("HERALDQA_STORE"))
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tDATE\tISSUE\tTOTAL\tPAGES\tARTICLES\tTOC")
	for _, e := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", termsafe.Line(e.Source), termsafe.Line(orDash(e.Date)), intOrDash(e.Issue), intOrDash(e.TotalIssue), intOrDash(e.Pages), len(e.Articles), len(e.TOC))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, e := range entries {
		fmt.Fprintf(a.stdout, "\n%s\n", termsafe.Line(e.Source))
		for _, t := range e.Articles {
			fmt.Fprintf(a.stdout, "  第%s版 %s\n", intOrDash(t.Page), termsafe.Line(t.Headline))
		}
		for _, t := range e.TOC {
			fmt.Fprintf(a.stdout, "  导读 → 第%s版 %s\n", intOrDash(t.Page), termsafe.Line(t.Headline))
		}
	}
	return nil
}

// listEntries describes the store's documents in the list contract's form.
func listEntries(docs []*ingest.Document) []listEntry {
	out := make([]listEntry, 0, len(docs))
	for _, d := range docs {
		e := listEntry{
			Source: d.Source, Format: d.Format, Encoding: d.Encoding,
			Date: nilIfEmpty(d.Meta.Date), Issue: nilIfZero(d.Meta.Issue), TotalIssue: nilIfZero(d.Meta.TotalIssue),
			Pages: nilIfZero(d.Meta.Pages), Page: nilIfZero(d.Meta.Page),
			Articles: []listTitle{}, TOC: []listTitle{},
		}
		for _, a := range d.Articles {
			if a.Kind != ingest.KindArticle {
				continue
			}
			p := a.Page
			if p == 0 {
				p = d.Meta.Page
			}
			e.Articles = append(e.Articles, listTitle{Headline: a.Headline, Page: nilIfZero(p)})
		}
		for _, t := range d.TOC {
			e.TOC = append(e.TOC, listTitle{Headline: t.Headline, Page: nilIfZero(t.Page)})
		}
		out = append(out, e)
	}
	return out
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

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

func intOrDash(n *int) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprint(*n)
}

// printStats prints what `list --stats` reports.
func (a *app) printStats(s store.Stats, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{
			"documents": s.Documents, "chunks": s.Chunks, "segments": s.Segments, "bytes": s.Bytes,
			"first_date": nilIfEmpty(s.FirstDate), "last_date": nilIfEmpty(s.LastDate),
		})
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "store\t%s\n", a.cfg.Get("HERALDQA_STORE"))
	fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
	fmt.Fprintf(tw, "chunks\t%d\n", s.Chunks)
	fmt.Fprintf(tw, "segments\t%d\n", s.Segments)
	fmt.Fprintf(tw, "size\t%.1f MiB\n", float64(s.Bytes)/(1<<20))
	fmt.Fprintf(tw, "dates\t%s … %s\n", orDash(nilIfEmpty(s.FirstDate)), orDash(nilIfEmpty(s.LastDate)))
	return tw.Flush()
}
