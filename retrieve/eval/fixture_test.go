package eval

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func boolPtr(b bool) *bool { return &b }

func TestParseGood(t *testing.T) {
	src := `# a comment
- id: pujiang-guest-country
  question: 2025浦江创新论坛的主宾国是哪个国家？
  # why: the supporting text
  expect:
    contains_any: [白俄罗斯, 2640]
    cites: {total_issue: 2640, page: 1}
    refused: false
    retrieved: {source: 000_8765960b682b9259.txt, k: 3}

- id: two-pages
  question: "第40期和第43期分别是哪天出版的？"
  expect:
    contains_all: [11月3日, 11月24日]
    not_contains: [第42期]
    cites:
      - {total_issue: 2644, date: 2025-11-03, page: 1}
      - {issue: 43, date: "2025-11-24", source: 004_5ee546baec2a4d86.txt, headline: 高新技术}
    mode: llm

- id: no-budget
  question: 2025浦江创新论坛的预算是多少？
  expect: {refused: true}
`
	cases, problems := Parse("good.yaml", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	want := []*Case{
		{
			ID: "pujiang-guest-country", Question: "2025浦江创新论坛的主宾国是哪个国家？", File: "good.yaml", Line: 2,
			Expect: Expect{
				ContainsAny: []string{"白俄罗斯", "2640"},
				Cites:       []Cite{{TotalIssue: 2640, Page: 1}},
				Refused:     boolPtr(false),
				Retrieved:   &Retrieved{Source: "000_8765960b682b9259.txt", K: 3},
			},
		},
		{
			ID: "two-pages", Question: "第40期和第43期分别是哪天出版的？", File: "good.yaml", Line: 11,
			Expect: Expect{
				ContainsAll: []string{"11月3日", "11月24日"},
				NotContains: []string{"第42期"},
				Cites: []Cite{
					{TotalIssue: 2644, Date: "2025-11-03", Page: 1},
					{Issue: 43, Date: "2025-11-24", Source: "004_5ee546baec2a4d86.txt", Headline: "高新技术"},
				},
				Mode: "llm",
			},
		},
		{
			ID: "no-budget", Question: "2025浦江创新论坛的预算是多少？", File: "good.yaml", Line: 21,
			Expect: Expect{Refused: boolPtr(true)},
		},
	}
	if !reflect.DeepEqual(cases, want) {
		for i := range cases {
			t.Logf("got %d: %+v", i, *cases[i])
		}
		t.Fatalf("cases differ from the file")
	}
}

// TestParseMalformed: every problem is reported with the line it is on.
func TestParseMalformed(t *testing.T) {
	const head = "- id: a\n  question: q\n  expect:\n" // the expect mapping's keys are on line 4
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"misspelt check", head + "    contain_any: [x]\n", 4, `unknown key "contain_any" (did you mean contains_any?)`},
		{"unknown check", head + "    answer_is: x\n", 4, `expect: unknown key "answer_is" (known: contains_any`},
		{"unknown case key", "- id: a\n  question: q\n  qestion: q2\n  expect: {refused: true}\n", 3, `case: unknown key "qestion" (did you mean question?)`},
		{"misspelt cite field", head + "    cites: {total_isue: 2640}\n", 4, `cites: unknown key "total_isue" (did you mean total_issue?)`},
		{"contains_any not a list", head + "    contains_any: 白俄罗斯\n", 4, `contains_any: want a list of text like [白俄罗斯], got text "白俄罗斯"`},
		{"contains_all of a mapping", head + "    contains_all: {a: b}\n", 4, "contains_all: want a list of text like [白俄罗斯], got a mapping"},
		{"empty list", head + "    contains_any: []\n", 4, "contains_any: the list is empty"},
		{"empty string", head + "    not_contains: [\"\"]\n", 4, "not_contains: empty text"},
		{"boolean in a text list", head + "    contains_any: [true]\n", 4, "contains_any: want text, got a true/false (true)"},
		{"refused as text", head + "    refused: \"yes\"\n", 4, `refused: want true or false, got text "yes"`},
		{"mode unknown", head + "    mode: fast\n", 4, `mode: want extractive or llm, got "fast"`},
		{"page as text", head + "    cites: {page: one}\n", 4, `cites: page: want a whole number, got text "one"`},
		{"page fractional", head + "    cites: {page: 1.5}\n", 4, "cites: page: want a whole number, got a number (1.5)"},
		{"page zero", head + "    cites: {page: 0}\n", 4, "cites: page: want a number above 0, got 0"},
		{"bad month", head + "    cites: {date: 2025-13-01}\n", 4, `cites: date: want a real date as YYYY-MM-DD, got "2025-13-01"`},
		{"slashed date", head + "    cites: {date: \"2025/11/03\"}\n", 4, `cites: date: want a real date as YYYY-MM-DD, got "2025/11/03"`},
		{"date as number", head + "    cites: {date: 20251103}\n", 4, "cites: date: want YYYY-MM-DD, got a number (20251103)"},
		{"empty cites list", head + "    cites: []\n", 4, "cites: the list is empty"},
		{"empty cite", head + "    cites: {}\n", 4, "cites: empty mapping: give at least one of date, issue"},
		{"cites a number", head + "    cites: 2640\n", 4, "cites: want a mapping like {total_issue: 2640, page: 1} or a list of them, got a number (2640)"},
		{"cite list item not a map", head + "    cites:\n      - {page: 1}\n      - 2644\n", 6, "cites: each item must be a mapping"},
		{"k zero", head + "    retrieved: {source: a.txt, k: 0}\n", 4, "retrieved: k: want a number above 0, got 0"},
		{"k negative", head + "    retrieved: {source: a.txt, k: -2}\n", 4, "retrieved: k: want a number above 0, got -2"},
		{"k missing", head + "    retrieved: {source: a.txt}\n", 4, "retrieved: k is missing"},
		{"retrieved source missing", head + "    retrieved: {k: 3}\n", 4, "retrieved: source is missing"},
		{"refused with answer checks", head + "    refused: true\n    contains_any: [x]\n", 4, "refused: true contradicts contains_any/contains_all/cites"},
		{"check given twice", head + "    refused: false\n    refused: true\n", 5, "expect: refused given twice (first at line 4)"},
		{"empty expect", "- id: a\n  question: q\n  expect: {}\n", 3, `case "a": expect is empty: give at least one check`},
		{"expect as text", "- id: a\n  question: q\n  expect: 白俄罗斯\n", 3, `case "a": expect must be a mapping of checks`},
		{"no expect", "- id: a\n  question: q\n", 1, `case "a" has no expect`},
		{"no id", "- question: q\n  expect: {refused: true}\n", 1, "case has no id"},
		{"no question", "- id: a\n  expect: {refused: true}\n", 1, `case "a" has no question`},
		{"empty question", "- id: a\n  question:\n  expect: {refused: true}\n", 2, "question: want text, got nothing (null)"},
		{"id with a space", "- id: a b\n  question: q\n  expect: {refused: true}\n", 1, `id "a b": use letters, digits`},
		{"id as list", "- id: [a]\n  question: q\n  expect: {refused: true}\n", 1, "id: want text, got a list"},
		{"duplicate id in a file", "- id: a\n  question: q\n  expect: {refused: true}\n\n- id: a\n  question: q2\n  expect: {refused: true}\n", 5, `duplicate id "a" (first at line 1)`},
		{"case not a mapping", "- just a question\n", 1, `a case must be a mapping (id, question, expect), got text "just a question"`},
		{"not a list", "id: a\nquestion: q\n", 1, "want a YAML list of cases (- id: ...), got a mapping"},
		{"empty list of cases", "[]\n", 1, "no cases: the list is empty"},
		{"bad YAML", "- id: a\n  question: q\n  expect: {refused: true\n", 3, "not valid YAML: did not find expected ',' or '}'"},
		{"missing key", "- id: a\n  question: q\n  expect:\n    refused: true\n   mode: llm\n", 5, "not valid YAML: did not find expected key"},
		{"list item in a mapping", "- id: a\n  expect:\n    refused: true\n  - x\n", 4, "not valid YAML: did not find expected key"},
		{"stray colon", "- id: a\n  question: q: r\n", 2, "not valid YAML: mapping values are not allowed in this context"},
		{"not UTF-8", "- id: a\n  question: \xff\n", 2, "not UTF-8 text"},
		{"tab indentation", "- id: a\n\tquestion: q\n", 2, "not valid YAML"},
		{"second document", "- id: a\n  question: q\n  expect: {refused: true}\n---\n- id: b\n", 4, "a second YAML document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cases, problems := Parse("bad.yaml", []byte(tt.src))
			if len(problems) == 0 {
				t.Fatalf("no problem reported; cases %+v", cases)
			}
			for _, p := range problems {
				if p.Line == tt.line && strings.Contains(p.Msg, tt.msg) && p.File == "bad.yaml" {
					return
				}
			}
			t.Errorf("want a problem at line %d containing %q, got:\n%s", tt.line, tt.msg, (&FixtureError{problems}).Error())
		})
	}
}

func TestParseEmptyFile(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n"} {
		_, problems := Parse("empty.yaml", []byte(src))
		if len(problems) != 1 || !strings.Contains(problems[0].Msg, "no cases") {
			t.Errorf("%q: want one 'no cases' problem, got %v", src, problems)
		}
	}
}

// TestParseReportsEveryProblem: one run lists all problems, not the first.
func TestParseReportsEveryProblem(t *testing.T) {
	src := `- id: a
  question: q
  expect:
    contain_any: [x]
- id: b
  question: q
  expect:
    cites: {page: 0}
- id: c
  question: q
  expect: {refused: true}
`
	cases, problems := Parse("f.yaml", []byte(src))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		`f.yaml:4: expect: unknown key "contain_any" (did you mean contains_any?)`,
		`f.yaml:8: cites: page: want a number above 0, got 0`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	if len(cases) != 1 || cases[0].ID != "c" {
		t.Errorf("want only the good case c, got %v", cases)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.yaml"), "- id: b1\n  question: q\n  expect: {refused: true}\n")
	writeFile(t, filepath.Join(dir, "a.yml"), "- id: a1\n  question: q\n  expect: {refused: true}\n- id: a2\n  question: q\n  expect: {refused: false}\n")
	writeFile(t, filepath.Join(dir, "sub", "c.yaml"), "- id: c1\n  question: q\n  expect: {mode: extractive}\n")
	writeFile(t, filepath.Join(dir, "README.md"), "not a fixture")
	cases, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cases {
		ids = append(ids, c.ID)
	}
	if want := []string{"a1", "a2", "b1", "c1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v (files sorted, cases in file order)", ids, want)
	}
	if _, err := Load([]string{filepath.Join(dir, "sub", "none")}); err == nil {
		t.Error("a missing path loaded")
	}
	empty := t.TempDir()
	if _, err := Load([]string{empty}); err == nil || !strings.Contains(err.Error(), "no .yaml files") {
		t.Errorf("empty folder: %v", err)
	}
}

func TestLoadDuplicateAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	writeFile(t, a, "- id: x\n  question: q\n  expect: {refused: true}\n")
	writeFile(t, b, "- id: y\n  question: q\n  expect: {refused: true}\n\n- id: x\n  question: q2\n  expect: {refused: true}\n")
	cases, err := Load([]string{dir})
	var fe *FixtureError
	if !errors.As(err, &fe) {
		t.Fatalf("want a FixtureError, got %v (cases %v)", err, cases)
	}
	want := b + `:5: duplicate id "x" (first at ` + a + ":1)"
	if len(fe.Problems) != 1 || fe.Problems[0].String() != want {
		t.Errorf("got %q\nwant %q", fe.Error(), want)
	}
	if cases != nil {
		t.Error("cases returned despite a malformed suite")
	}
}

// TestProjectFixturesParse: the project's own fixtures are well-formed.
func TestProjectFixturesParse(t *testing.T) {
	cases, err := Load([]string{"../../testdata/fixtures"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 214 {
		t.Errorf("%d cases, want the 214 written", len(cases))
	}
	multi := 0
	for _, c := range cases {
		if len(c.Expect.Cites) > 1 {
			multi++
		}
	}
	if multi != 6 {
		t.Errorf("%d cases cite a list, want the 6 of multi.yaml", multi)
	}
}

func TestParseRefusesDrafts(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		cases           int
	}{
		{"draft", "- id: fb-1\n  draft: true\n  question: 第40期头版讲了什么？\n  expect:\n    contains_any: []\n", `case "fb-1" is a draft`, 0},
		{"draft without expect", "- id: fb-2\n  draft: true\n  question: q\n", `case "fb-2" is a draft`, 0},
		{"completed, mark set to false", "- id: fb-3\n  draft: false\n  question: q\n  expect: {refused: true}\n", "", 1},
		{"completed, mark deleted", "- id: fb-4\n  question: q\n  expect: {refused: true}\n", "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cases, problems := Parse("drafts.yaml", []byte(tc.src))
			if len(cases) != tc.cases {
				t.Errorf("%d cases, want %d", len(cases), tc.cases)
			}
			switch {
			case tc.want == "" && len(problems) > 0:
				t.Errorf("problems: %v", problems)
			case tc.want != "" && (len(problems) != 1 || !strings.Contains(problems[0].Msg, tc.want)):
				t.Errorf("problems %v, want one saying %q", problems, tc.want)
			}
		})
	}
}
