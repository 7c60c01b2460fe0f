package eval

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// Report is the outcome of a run; `heraldqa eval --json` writes it.
type Report struct {
	Passed     int      `json:"passed"`
	Failed     int      `json:"failed"`
	DurationMS float64  `json:"duration_ms"`
	Cases      []Result `json:"cases"`
}

// Result is the outcome of one case.
type Result struct {
	ID       string    `json:"id"`
	File     string    `json:"file"`
	Line     int       `json:"line"`
	Question string    `json:"question"`
	Passed   bool      `json:"passed"`
	Failures []Failure `json:"failures"`
	// Error is why the case could not be checked: the answerer failed, or
	// an LLM exchange was missing from a replay.
	Error      string         `json:"error,omitempty"`
	Answer     *answer.Answer `json:"answer"`
	DurationMS float64        `json:"duration_ms"`
}

// Summary is the last line of the text report.
func (r *Report) Summary() string {
	return fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed)
}

// answerWidth is how much of an answer a failure line shows: enough to
// see what was said, short enough to keep one case on one line.
const answerWidth = 100

// FailureLine describes a failed case on one line: where it is, every
// check that failed and the start of the answer.
func (r *Result) FailureLine() string {
	var b strings.Builder
	fmt.Fprintf(&b, "FAIL %s (%s:%d): ", r.ID, r.File, r.Line)
	if r.Error != "" {
		b.WriteString("error: " + oneLine(r.Error))
	} else {
		for i, f := range r.Failures {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(oneLine(f.String()))
		}
	}
	if r.Answer != nil {
		fmt.Fprintf(&b, " — answer: %q", truncate(oneLine(r.Answer.Answer), answerWidth))
	}
	return b.String()
}

// oneLine collapses white space, newlines included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteText writes a line per failed case, in fixture order, then the
// comparison with a baseline when diff is not nil, then the summary as the
// last line.
func WriteText(w io.Writer, rep *Report, diff *Diff) error {
	bw := bufio.NewWriter(w)
	for i := range rep.Cases {
		if r := &rep.Cases[i]; !r.Passed {
			fmt.Fprintln(bw, r.FailureLine())
		}
	}
	if diff != nil {
		diff.write(bw)
	}
	fmt.Fprintln(bw, rep.Summary())
	return bw.Flush()
}

// WriteJSON writes the full report, indented, to a file.
func WriteJSON(name string, rep *Report) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("writing report %s: %w", name, err)
	}
	if err := os.WriteFile(name, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// ReadJSON reads a report written by WriteJSON.
func ReadJSON(name string) (*Report, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading report: %w", err)
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("reading report %s: %w", name, err)
	}
	if rep.Cases == nil {
		return nil, fmt.Errorf("reading report %s: no \"cases\": not a heraldqa eval --json report", name)
	}
	for i, c := range rep.Cases {
		if c.ID == "" {
			return nil, fmt.Errorf("reading report %s: case %d has no id", name, i+1)
		}
	}
	return &rep, nil
}

// Diff is how a run differs from a baseline report.
type Diff struct {
	Baseline     string   // the baseline's name, for messages
	NewlyFailing []string // passed in the baseline, fail now
	NewlyPassing []string // failed in the baseline, pass now
	NewFailing   []string // not in the baseline, fail now
}

// Compare compares a run with a baseline by case id. Cases of the
// baseline that did not run this time (--run, removed) are not mentioned.
func Compare(baseline *Report, name string, cur *Report) *Diff {
	before := make(map[string]bool, len(baseline.Cases))
	for _, c := range baseline.Cases {
		before[c.ID] = c.Passed
	}
	d := &Diff{Baseline: name}
	for _, c := range cur.Cases {
		passed, known := before[c.ID]
		switch {
		case !known && !c.Passed:
			d.NewFailing = append(d.NewFailing, c.ID)
		case known && passed && !c.Passed:
			d.NewlyFailing = append(d.NewlyFailing, c.ID)
		case known && !passed && c.Passed:
			d.NewlyPassing = append(d.NewlyPassing, c.ID)
		}
	}
	return d
}

// Changed reports whether anything differs from the baseline.
func (d *Diff) Changed() bool {
	return len(d.NewlyFailing)+len(d.NewlyPassing)+len(d.NewFailing) > 0
}

func (d *Diff) write(w io.Writer) {
	for _, id := range d.NewlyFailing {
		fmt.Fprintf(w, "newly failing: %s (passed in %s)\n", id, d.Baseline)
	}
	for _, id := range d.NewFailing {
		fmt.Fprintf(w, "newly failing: %s (not in %s)\n", id, d.Baseline)
	}
	for _, id := range d.NewlyPassing {
		fmt.Fprintf(w, "newly passing: %s (failed in %s)\n", id, d.Baseline)
	}
	if !d.Changed() {
		fmt.Fprintf(w, "no case changed since %s\n", d.Baseline)
	}
}

// JUnit XML, as read by CI systems (Jenkins, GitLab, GitHub actions).
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as JUnit XML: a testsuite per fixture file,
// a testcase per case, a failure element per failed case (an error
// element when it could not be checked). encoding/xml escapes all text and
// replaces characters XML cannot hold.
func WriteJUnit(name string, rep *Report) error {
	out := junitSuites{Name: "heraldqa eval", Time: seconds(rep.DurationMS)}
	index := map[string]int{}
	suiteMS := map[string]float64{}
	for _, r := range rep.Cases {
		i, ok := index[r.File]
		if !ok {
			i = len(out.Suites)
			index[r.File] = i
			out.Suites = append(out.Suites, junitSuite{Name: r.File})
		}
		s := &out.Suites[i]
		c := junitCase{Name: r.ID, Classname: strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File)), Time: seconds(r.DurationMS)}
		switch {
		case r.Error != "":
			c.Error = &junitProblem{Message: r.Error, Type: "error", Text: r.detail()}
			s.Errors++
		case !r.Passed:
			msgs := make([]string, len(r.Failures))
			checks := make([]string, len(r.Failures))
			for j, f := range r.Failures {
				msgs[j], checks[j] = f.String(), f.Check
			}
			c.Failure = &junitProblem{Message: strings.Join(msgs, "; "), Type: strings.Join(checks, ","), Text: r.detail()}
			s.Failures++
		}
		s.Tests++
		s.Cases = append(s.Cases, c)
		suiteMS[r.File] += r.DurationMS
	}
	for i := range out.Suites {
		s := &out.Suites[i]
		s.Time = seconds(suiteMS[s.Name])
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("writing JUnit report %s: %w", name, err)
	}
	data = append([]byte(xml.Header), append(data, '\n')...)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("writing JUnit report: %w", err)
	}
	return nil
}

// detail is a failed case in full for a JUnit failure's body.
func (r *Result) detail() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d\nquestion: %s\n", r.File, r.Line, r.Question)
	if r.Error != "" {
		fmt.Fprintf(&b, "error: %s\n", r.Error)
	}
	for _, f := range r.Failures {
		fmt.Fprintf(&b, "%s\n", f)
	}
	if r.Answer != nil {
		fmt.Fprintf(&b, "answer (%s):\n%s\n", r.Answer.Mode, r.Answer.RenderText())
	}
	return b.String()
}

func seconds(ms float64) string { return fmt.Sprintf("%.3f", ms/1000) }
