package eval

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// Check names, as written in fixtures and reports.
const (
	CheckContainsAny = "contains_any"
	CheckContainsAll = "contains_all"
	CheckNotContains = "not_contains"
	CheckCites       = "cites"
	CheckRefused     = "refused"
	CheckMode        = "mode"
	CheckRetrieved   = "retrieved"
)

// Failure is one check an answer did not pass.
type Failure struct {
	Check   string `json:"check"`
	Message string `json:"message"`
}

func (f Failure) String() string { return f.Check + ": " + f.Message }

// Check runs every check of e on a and returns those that failed, in the
// order the checks are listed in Expect.
func Check(e *Expect, a *answer.Answer) []Failure {
	var out []Failure
	fail := func(check, format string, args ...any) {
		out = append(out, Failure{check, fmt.Sprintf(format, args...)})
	}
	// Both sides are normalized the way the index is (script, width, case,
	// layout spaces), so a fixture may be written in either script.
	text := normalize.ForIndex(a.Answer)
	if len(e.ContainsAny) > 0 {
		found := false
		for _, s := range e.ContainsAny {
			if strings.Contains(text, normalize.ForIndex(s)) {
				found = true
				break
			}
		}
		if !found {
			fail(CheckContainsAny, "none of %s in the answer", list(e.ContainsAny))
		}
	}
	var missing, present []string
	for _, s := range e.ContainsAll {
		if !strings.Contains(text, normalize.ForIndex(s)) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		fail(CheckContainsAll, "missing %s", list(missing))
	}
	for _, s := range e.NotContains {
		if strings.Contains(text, normalize.ForIndex(s)) {
			present = append(present, s)
		}
	}
	if len(present) > 0 {
		fail(CheckNotContains, "the answer contains %s", list(present))
	}
	for _, c := range e.Cites {
		if !citedBy(c, a.Citations) {
			fail(CheckCites, "no citation matches %s; cited %s", c, citedList(a.Citations))
		}
	}
	if e.Refused != nil && *e.Refused != a.Refused {
		if *e.Refused {
			fail(CheckRefused, "want the refusal, got an answer")
		} else {
			fail(CheckRefused, "want an answer, got the refusal")
		}
	}
	if e.Mode != "" && e.Mode != a.Mode {
		fail(CheckMode, "want %s, got %s", e.Mode, orNone(a.Mode))
	}
	if r := e.Retrieved; r != nil {
		top := distinctSources(a.Sources, r.K)
		found := false
		for _, s := range top {
			if sameSource(r.Source, s) {
				found = true
				break
			}
		}
		if !found {
			fail(CheckRetrieved, "%s not among the top %d distinct sources retrieved %s", r.Source, r.K, list(top))
		}
	}
	return out
}

// citedBy reports whether some citation matches every field c gives.
func citedBy(c Cite, cites []answer.Citation) bool {
	for _, got := range cites {
		if c.Date != "" && (got.Date == nil || *got.Date != c.Date) {
			continue
		}
		if c.Issue != 0 && (got.Issue == nil || *got.Issue != c.Issue) {
			continue
		}
		if c.TotalIssue != 0 && (got.TotalIssue == nil || *got.TotalIssue != c.TotalIssue) {
			continue
		}
		if c.Page != 0 && (got.Page == nil || *got.Page != c.Page) {
			continue
		}
		if c.Source != "" && !sameSource(c.Source, got.Source) {
			continue
		}
		if c.Headline != "" && !strings.Contains(normalize.ForIndex(got.Headline), normalize.ForIndex(c.Headline)) {
			continue
		}
		return true
	}
	return false
}

// sameSource compares a fixture's source with a stored one. A stored source
// is a path relative to the folder ingested, so a bare file name in a
// fixture matches that file in any subfolder.
func sameSource(want, got string) bool {
	if want == got {
		return true
	}
	if !strings.Contains(want, "/") {
		return path.Base(got) == want
	}
	return strings.HasSuffix(got, "/"+want)
}

// distinctSources lists the first k distinct sources in rank order.
func distinctSources(sources []answer.Source, k int) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sources {
		if len(out) == k {
			break
		}
		if !seen[s.Source] {
			seen[s.Source] = true
			out = append(out, s.Source)
		}
	}
	return out
}

// String renders a Cite in the fixture's own syntax.
func (c Cite) String() string {
	var parts []string
	add := func(k, v string) { parts = append(parts, k+": "+v) }
	if c.Date != "" {
		add("date", c.Date)
	}
	if c.Issue != 0 {
		add("issue", strconv.Itoa(c.Issue))
	}
	if c.TotalIssue != 0 {
		add("total_issue", strconv.Itoa(c.TotalIssue))
	}
	if c.Page != 0 {
		add("page", strconv.Itoa(c.Page))
	}
	if c.Source != "" {
		add("source", c.Source)
	}
	if c.Headline != "" {
		add("headline", c.Headline)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// citedList describes an answer's citations compactly, in the fields a
// fixture can ask for.
func citedList(cites []answer.Citation) string {
	if len(cites) == 0 {
		return "nothing"
	}
	parts := make([]string, len(cites))
	for i, c := range cites {
		var f []string
		if c.Date != nil {
			f = append(f, *c.Date)
		}
		if c.Issue != nil {
			f = append(f, fmt.Sprintf("issue %d", *c.Issue))
		}
		if c.TotalIssue != nil {
			f = append(f, fmt.Sprintf("total_issue %d", *c.TotalIssue))
		}
		if c.Page != nil {
			f = append(f, fmt.Sprintf("page %d", *c.Page))
		}
		if c.Date == nil && c.Issue == nil && c.TotalIssue == nil {
			f = append(f, c.Source)
		}
		f = append(f, "《"+truncate(c.Headline, 20)+"》")
		parts[i] = fmt.Sprintf("[%d] %s", c.N, strings.Join(f, " "))
	}
	return strings.Join(parts, ", ")
}

func list(items []string) string {
	if len(items) == 0 {
		return "[]"
	}
	return "[" + strings.Join(items, ", ") + "]"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// truncate shortens s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
