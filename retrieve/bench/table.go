package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable prints the report as a table, one row a size.
func (r *Report) WriteTable(w io.Writer) error {
	m := r.Machine
	fmt.Fprintf(w, "%s, %s/%s, %d CPUs, %s, embedder %s\n\n", m.Date, m.GOOS, m.GOARCH, m.CPUs, m.GoVersion, m.Embedder)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "chunks\tarticles\tarchive MiB\tingest s\tMiB/s\tingest RSS MiB\tweekly s\tweekly RSS MiB\tstore MiB\topen ms\tengine ms\theap MiB\tsearch p50 ms\tp95 ms\tfound@10\task p50 ms\tp95 ms\tcold ask ms\tcold RSS MiB\tload\t")
	for _, s := range r.Sizes {
		fmt.Fprintf(tw, "%d\t%d\t%.1f\t%.1f\t%.2f\t%.0f\t%.1f\t%.0f\t%.1f\t%.0f\t%.0f\t%.0f\t%.1f\t%.1f\t%.2f\t%.1f\t%.1f\t%.0f\t%.0f\t%.1f\t\n",
			s.Chunks, s.Articles, mib(s.ArchiveBytes), s.Ingest.Seconds, s.Ingest.MBPerSec, s.Ingest.PeakRSSMB,
			s.Weekly.Seconds, s.Weekly.PeakRSSMB, mib(s.StoreBytes), s.Load.OpenMS, s.Load.EngineMS, s.Load.HeapMB,
			s.Search.P50, s.Search.P95, s.Search.FoundAt10, s.WarmAsk.P50, s.WarmAsk.P95,
			s.ColdAsk.MedianMS, s.ColdAsk.PeakRSSMB, s.LoadAvg1)
	}
	return tw.Flush()
}

// WriteRetrievalTable prints retrieval reports, one row a question set.
func WriteRetrievalTable(w io.Writer, reps []*RetrievalReport) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tdocs\tchunks\tquestions\tR@1\tR@5\tR@20\tMRR@20\tanswer has gold\ttop-1 has gold\tno source\tsentences\tchars\tmedian ms\tp95 ms\t")
	for _, r := range reps {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.0f\t%.1f\t%.1f\t\n",
			r.Corpus, r.Documents, r.Chunks, r.Questions, r.RecallAt1, r.RecallAt5, r.RecallAt20, r.MRRAt20,
			r.AnswerContains, r.Top1Contains, r.NoSources, r.Quoted.Sentences, r.Quoted.Chars, r.Latency.P50, r.Latency.P95)
	}
	return tw.Flush()
}
