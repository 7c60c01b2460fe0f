package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest/store"
)

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
	entries := store.Listings(st.Documents())
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
		return enc.Encode(s.Listing())
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "store\t%s\n", a.cfg.Get("HERALDQA_STORE"))
	fmt.Fprintf(tw, "documents\t%d\n", s.Documents)
	fmt.Fprintf(tw, "chunks\t%d\n", s.Chunks)
	fmt.Fprintf(tw, "segments\t%d\n", s.Segments)
	fmt.Fprintf(tw, "size\t%.1f MiB\n", float64(s.Bytes)/(1<<20))
	dates := s.Listing()
	fmt.Fprintf(tw, "dates\t%s … %s\n", orDash(dates.FirstDate), orDash(dates.LastDate))
	return tw.Flush()
}
