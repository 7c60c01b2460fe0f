package synth

import (
	"errors"
	"fmt"
	"time"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// DefaultPages is how many pages an issue of the paper has (今日24版).
const DefaultPages = 24

// Options configure an Archive.
type Options struct {
	// Issues is how many issues to generate, at least 1.
	Issues int
	// Seed chooses the archive; the same seed gives the same archive.
	Seed uint64
	// Pages per issue; DefaultPages when 0. At least 2: the front page's
	// lead story continues on page 2.
	Pages int
}

// Archive is a synthetic archive. Issue i is generated from the seed and
// i alone, so any issue can be made without the ones before it.
type Archive struct {
	src   *Source
	opt   Options
	last  time.Time // the newest issue's date
	total int       // the newest issue's 总第N期
	staff []string  // reporters' names for bylines
}

// New prepares an archive of opt.Issues issues, one a week, ending with
// the date and total issue number of the newest issue of the sample.
func New(src *Source, opt Options) (*Archive, error) {
	if src == nil {
		return nil, errors.New("synth: no source")
	}
	if opt.Issues < 1 {
		return nil, fmt.Errorf("synth: %d issues; want at least 1", opt.Issues)
	}
	if opt.Pages == 0 {
		opt.Pages = DefaultPages
	}
	if opt.Pages < 2 || opt.Pages > 99 {
		return nil, fmt.Errorf("synth: %d pages an issue; want 2 to 99", opt.Pages)
	}
	last, err := time.Parse(time.DateOnly, src.newest.Date)
	if err != nil {
		return nil, fmt.Errorf("synth: the sample's newest masthead date %q: %w", src.newest.Date, err)
	}
	total := src.newest.TotalIssue
	if total < opt.Issues {
		total = opt.Issues // numbering must not reach 0 going back
	}
	a := &Archive{src: src, opt: opt, last: last, total: total}
	// The newsroom: a fixed staff drawn from a stream no issue uses.
	r := newRNG(opt.Seed, 1<<63)
	for range 24 {
		a.staff = append(a.staff, r.name())
	}
	return a, nil
}

// Issues is how many issues the archive has.
func (a *Archive) Issues() int { return a.opt.Issues }

// Meta is what the masthead of issue i (from 0, oldest first) prints.
// Issues appear every Monday a week apart; 第N期 counts the issue's week of
// its year, so it starts again at 1 each January; 总第N期 counts on.
func (a *Archive) Meta(i int) archive.Meta {
	d := a.last.AddDate(0, 0, -7*(a.opt.Issues-1-i))
	return archive.Meta{
		Date:       d.Format(time.DateOnly),
		Weekday:    weekdays[d.Weekday()],
		Issue:      (d.YearDay()-1)/7 + 1,
		TotalIssue: a.total - (a.opt.Issues - 1 - i),
		Pages:      a.opt.Pages,
		Page:       1,
	}
}

// Dir is the folder of issue i's pages: issue-0001 for the oldest.
func Dir(i int) string { return fmt.Sprintf("issue-%04d", i+1) }

// PageFile is the name of page p's file in its issue's folder.
func PageFile(p int) string { return fmt.Sprintf("page-%02d.txt", p) }

// SidecarFile is the name of page p's metadata file: inner pages print no
// masthead, so their date, issue and page come from it.
func SidecarFile(p int) string { return fmt.Sprintf("page-%02d.meta.json", p) }
