package bench

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// TestEventDates asks about stories of a synthetic weekly archive by a
// clause of theirs and the date of the event, a few days before the issue
// that printed it, as readers do. The synthetic stories are made of the
// sample's sentences, so a clause recurs across issues and only the date
// tells which story is meant. Before event dates were read as such, a full
// date filtered on the publication date and found nothing.
func TestEventDates(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a synthetic archive")
	}
	ctx := context.Background()
	arch, err := synth.New(sampleSource(t), synth.Options{Issues: 40, Seed: 11, Pages: 3})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := arch.WriteJSONL(ctx, dir+"/archive"); err != nil {
		t.Fatal(err)
	}
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := store.OpenWriter(ctx, dir+"/store")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(ctx, []string{dir + "/archive"}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil || rep.Failed() {
		t.Fatalf("ingest: %v %+v", err, rep)
	}
	st, err := store.Open(ctx, dir+"/store")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := retrieve.NewEngine(ctx, st, emb)
	if err != nil {
		t.Fatal(err)
	}

	type question struct{ clause, source, title, date string }
	var qs []question
	for i := range arch.Issues() {
		made := 0
		for _, r := range arch.Issue(i).Records() {
			if c := firstClause(r.Text); c != "" && r.Title != "" && made < 4 {
				qs = append(qs, question{c, r.Source, r.Title, r.Date})
				made++
			}
		}
	}
	type variant struct {
		name   string
		write  func(q question, back int) string
		filter func(q question, back int) retrieve.Filter
	}
	eventDay := func(q question, back int) time.Time {
		d, _ := time.Parse(time.DateOnly, q.date)
		return d.AddDate(0, 0, -back)
	}
	// The old reading: the full date filters on the publication date.
	hard := func(q question, back int) retrieve.Filter {
		d := eventDay(q, back)
		return retrieve.Filter{Year: d.Year(), Month: int(d.Month()), Day: d.Day()}
	}
	variants := []variant{
		{"no date", func(q question, _ int) string { return q.clause + "？" }, nil},
		{"full event date", func(q question, back int) string {
			d := eventDay(q, back)
			return fmt.Sprintf("%d年%d月%d日，%s？", d.Year(), d.Month(), d.Day(), q.clause)
		}, nil},
		{"event date without year", func(q question, back int) string {
			d := eventDay(q, back)
			return fmt.Sprintf("%d月%d日，%s？", d.Month(), d.Day(), q.clause)
		}, nil},
		{"date as a hard filter", func(q question, _ int) string { return q.clause + "？" }, hard},
	}
	recall := map[string][2]float64{}
	for _, v := range variants {
		var at1, at5 float64
		for n, q := range qs {
			back := 1 + n%6
			pq := retrieve.ParseQuery(v.write(q, back))
			f := eng.FilterFor(pq)
			if v.filter != nil {
				f = v.filter(q, back)
			}
			res, err := eng.Search(ctx, pq.Subject, f, 5)
			if err != nil {
				t.Fatal(err)
			}
			for k, r := range res {
				if r.Doc != nil && r.Article != nil && r.Doc.Source == q.source && r.Article.Headline == q.title {
					if k == 0 {
						at1++
					}
					at5++
				}
			}
		}
		n := float64(len(qs))
		recall[v.name] = [2]float64{at1 / n, at5 / n}
		t.Logf("%-24s R@1 %.3f  R@5 %.3f  (%d questions)", v.name, at1/n, at5/n, len(qs))
	}
	if len(qs) < 15 {
		t.Fatalf("only %d questions made", len(qs))
	}
	for _, name := range []string{"full event date", "event date without year"} {
		if got, base := recall[name], recall["no date"]; got[0] <= base[0] || got[1] < base[1] {
			t.Errorf("%s: R@1 %.3f R@5 %.3f, not better than without the date (%.3f %.3f)", name, got[0], got[1], base[0], base[1])
		}
	}
}

// firstClause is the first clause of a story's text when it is long
// enough to say something and holds no number (a date in it would be
// another date than the event's).
func firstClause(text string) string {
	c, _, _ := strings.Cut(text, "，")
	if _, after, ok := strings.Cut(c, ")"); ok {
		c = after // 本报讯(记者 张伟)
	}
	if n := utf8.RuneCountInString(c); n < 8 || n > 30 || strings.ContainsAny(c, "0123456789。") {
		return ""
	}
	return c
}
