package eval

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// sampleReport has a pass, a failure with text XML must escape, and an
// error, over two fixture files.
func sampleReport() *Report {
	return &Report{
		Passed: 1, Failed: 2, DurationMS: 1234.5,
		Cases: []Result{
			{ID: "pujiang-guest-country", File: "fixtures/facts.yaml", Line: 57, Question: "2025浦江创新论坛的主宾国是哪个国家？",
				Passed: true, Failures: []Failure{}, Answer: belarus, DurationMS: 3.25},
			{ID: "tricky <&> \"quotes\"", File: "fixtures/facts.yaml", Line: 65, Question: "a <b> & c ]]> d\x01e",
				Failures: []Failure{
					{CheckContainsAny, "none of [<tag>, a&b] in the answer"},
					{CheckRefused, "want an answer, got the refusal"},
				},
				Answer: &answer.Answer{Answer: "x < y && z > \"w\"\n\tsecond ]]> line\x0b", Refused: true, Mode: "extractive",
					Citations: []answer.Citation{}, Sources: []answer.Source{}},
				DurationMS: 1.5},
			{ID: "replay-miss", File: "fixtures/llm.yaml", Line: 1, Question: "q",
				Failures: []Failure{}, Error: "no recording for case replay-miss (request hash 0123456789abcdef): run with --record against the model",
				DurationMS: 0.75},
		},
	}
}

func TestJSONRoundTrip(t *testing.T) {
	name := filepath.Join(t.TempDir(), "report.json")
	rep := sampleReport()
	if err := WriteJSON(name, rep); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rep) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v", got, rep)
	}
	// The answer object is the ask --json contract, nested as is.
	data, _ := os.ReadFile(name)
	for _, want := range []string{`"id": "pujiang-guest-country"`, `"passed": true`, `"total_issue": 2640`, `"duration_ms": 3.25`, `"error": "no recording for case replay-miss`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

func TestReadJSONRejects(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"answer.json":  `{"question": "q", "answer": "a"}`,
		"broken.json":  `{"cases": [`,
		"noid.json":    `{"cases": [{"passed": true}]}`,
		"missing.json": "",
	}
	for name, text := range tests {
		path := filepath.Join(dir, name)
		if text != "" {
			writeFile(t, path, text)
		}
		if _, err := ReadJSON(path); err == nil {
			t.Errorf("%s read as a report", name)
		} else if !strings.Contains(err.Error(), "reading report") {
			t.Errorf("%s: error %q does not say what was being done", name, err)
		}
	}
}

// The JUnit schema as CI systems read it.
type xSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Time     string   `xml:"time,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Time      string `xml:"time,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	name := filepath.Join(t.TempDir(), "junit.xml")
	if err := WriteJUnit(name, sampleReport()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", data)
	}
	var got xSuites
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("not valid XML: %v\n%s", err, data)
	}
	if got.Tests != 3 || got.Failures != 1 || got.Errors != 1 || got.Time != "1.234" {
		t.Errorf("totals: tests %d failures %d errors %d time %s", got.Tests, got.Failures, got.Errors, got.Time)
	}
	if len(got.Suites) != 2 || got.Suites[0].Name != "fixtures/facts.yaml" || got.Suites[1].Name != "fixtures/llm.yaml" {
		t.Fatalf("want a suite per fixture file, got %+v", got.Suites)
	}
	facts := got.Suites[0]
	if facts.Tests != 2 || facts.Failures != 1 || facts.Errors != 0 || len(facts.Cases) != 2 {
		t.Errorf("facts suite: %+v", facts)
	}
	pass := facts.Cases[0]
	if pass.Name != "pujiang-guest-country" || pass.Classname != "facts" || pass.Time != "0.003" || pass.Failure != nil || pass.Error != nil {
		t.Errorf("passing case: %+v", pass)
	}
	fail := facts.Cases[1]
	if fail.Name != `tricky <&> "quotes"` {
		t.Errorf("name not escaped and read back: %q", fail.Name)
	}
	if fail.Failure == nil {
		t.Fatal("no failure element")
	}
	if want := "contains_any: none of [<tag>, a&b] in the answer; refused: want an answer, got the refusal"; fail.Failure.Message != want {
		t.Errorf("message %q\nwant %q", fail.Failure.Message, want)
	}
	if fail.Failure.Type != "contains_any,refused" {
		t.Errorf("type %q", fail.Failure.Type)
	}
	// The body has the question and whole answer; characters XML cannot
	// hold (\x01, \x0b) come back as U+FFFD.
	for _, want := range []string{"fixtures/facts.yaml:65", "question: a <b> & c ]]> d\uFFFDe", "x < y && z > \"w\"\n\tsecond ]]> line\uFFFD"} {
		if !strings.Contains(fail.Failure.Text, want) {
			t.Errorf("failure body lacks %q:\n%s", want, fail.Failure.Text)
		}
	}
	miss := got.Suites[1].Cases[0]
	if got.Suites[1].Errors != 1 || miss.Error == nil || !strings.HasPrefix(miss.Error.Message, "no recording for case replay-miss") {
		t.Errorf("missing recording not an error element: %+v", got.Suites[1])
	}
}

func TestWriteText(t *testing.T) {
	long := strings.Repeat("很长的回答", 30) // 150 runes
	rep := &Report{Passed: 1, Failed: 3, Cases: []Result{
		{ID: "ok", Passed: true},
		{ID: "wrong", File: "f.yaml", Line: 7, Failures: []Failure{{CheckContainsAny, "none of [白俄罗斯] in the answer"}, {CheckMode, "want llm, got extractive"}},
			Answer: &answer.Answer{Answer: "主宾国为\n乌克兰。 [1]"}},
		{ID: "long", File: "f.yaml", Line: 11, Failures: []Failure{{CheckRefused, "want the refusal, got an answer"}},
			Answer: &answer.Answer{Answer: long}},
		{ID: "miss", File: "g.yaml", Line: 1, Error: "no recording for case miss (request hash 0123456789abcdef): run with --record against the model"},
	}}
	var b strings.Builder
	if err := WriteText(&b, rep, nil); err != nil {
		t.Fatal(err)
	}
	want := `FAIL wrong (f.yaml:7): contains_any: none of [白俄罗斯] in the answer; mode: want llm, got extractive — answer: "主宾国为 乌克兰。 [1]"
FAIL long (f.yaml:11): refused: want the refusal, got an answer — answer: "` + strings.Repeat("很长的回答", 19) + `很长的回…"
FAIL miss (g.yaml:1): error: no recording for case miss (request hash 0123456789abcdef): run with --record against the model
1 passed, 3 failed
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestBaseline(t *testing.T) {
	res := func(id string, passed bool) Result { return Result{ID: id, Passed: passed} }
	base := &Report{Cases: []Result{res("stays-ok", true), res("breaks", true), res("fixed", false), res("still-broken", false), res("gone", true)}}
	cur := &Report{Passed: 2, Failed: 3, Cases: []Result{
		res("stays-ok", true), res("breaks", false), res("fixed", true), res("still-broken", false), res("new-broken", false), res("new-ok", true),
	}}
	d := Compare(base, "old.json", cur)
	want := &Diff{Baseline: "old.json", NewlyFailing: []string{"breaks"}, NewlyPassing: []string{"fixed"}, NewFailing: []string{"new-broken"}}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got %+v\nwant %+v", d, want)
	}
	var b strings.Builder
	WriteText(&b, &Report{Passed: 2, Failed: 3}, d)
	if got := b.String(); got != `newly failing: breaks (passed in old.json)
newly failing: new-broken (not in old.json)
newly passing: fixed (failed in old.json)
2 passed, 3 failed
` {
		t.Errorf("text:\n%s", got)
	}
	same := Compare(cur, "cur.json", cur)
	if same.Changed() {
		t.Errorf("a report differs from itself: %+v", same)
	}
	b.Reset()
	WriteText(&b, &Report{}, same)
	if got := b.String(); got != "no case changed since cur.json\n0 passed, 0 failed\n" {
		t.Errorf("unchanged text: %q", got)
	}
}
