package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/eval"
)

var (
	storeOnce  sync.Once
	storeDir   string
	ingestOnce sync.Once
)

// evalEnv points the CLI at one store for every test of the file, holding
// the sample archive (a store named by HERALDQA_STORE is never filled with
// it by itself), and pins the settings an offline, extractive run depends
// on.
func evalEnv(t testing.TB) {
	storeOnce.Do(func() {
		dir, err := os.MkdirTemp("", "heraldqa-eval-test-")
		if err != nil {
			t.Fatal(err)
		}
		storeDir = dir
	})
	t.Setenv("HERALDQA_STORE", storeDir)
	t.Setenv("HERALDQA_EMBEDDER", "local")
	t.Setenv("HERALDQA_LLM", "none")
	t.Setenv("HERALDQA_K", "5")
	ingestOnce.Do(func() {
		if code, _, errOut := runCLI("ingest", "../../testdata/archive"); code != 0 {
			t.Fatalf("ingesting the sample archive: status %d: %s", code, errOut)
		}
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if storeDir != "" {
		os.RemoveAll(storeDir)
	}
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// runCLI runs heraldqa with args and returns its status and output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut strings.Builder
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

var summaryLine = regexp.MustCompile(`^(\d+) passed, (\d+) failed$`)

// summary reads the last line of eval's output.
func summary(t *testing.T, stdout string) (passed, failed int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	m := summaryLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("last line %q is not the summary; output:\n%s", lines[len(lines)-1], stdout)
	}
	passed, _ = strconv.Atoi(m[1])
	failed, _ = strconv.Atoi(m[2])
	return passed, failed
}

// TestEvalProjectFixtures checks the mechanics over the project's own
// fixtures, whatever the answerer's current pass rate: summary last, a
// FAIL line per failed case, status 1 exactly when something failed, and
// reports that agree with the summary.
func TestEvalProjectFixtures(t *testing.T) {
	evalEnv(t)
	dir := t.TempDir()
	jsonOut, junitOut := filepath.Join(dir, "report.json"), filepath.Join(dir, "junit.xml")
	code, stdout, stderr := runCLI("eval", "--json", jsonOut, "--junit", junitOut, "../../testdata/fixtures")
	passed, failed := summary(t, stdout)
	if passed+failed != 214 {
		t.Errorf("%d cases run, want the 214 of testdata/fixtures", passed+failed)
	}
	if want := map[bool]int{true: 1, false: 0}[failed > 0]; code != want {
		t.Errorf("exit status %d with %d failed, want %d; stderr:\n%s", code, failed, want, stderr)
	}
	if n := strings.Count(stdout, "FAIL "); n != failed {
		t.Errorf("%d FAIL lines for %d failures", n, failed)
	}
	rep, err := eval.ReadJSON(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != passed || rep.Failed != failed || len(rep.Cases) != 214 {
		t.Errorf("JSON report: %d passed, %d failed, %d cases", rep.Passed, rep.Failed, len(rep.Cases))
	}
	for _, c := range rep.Cases {
		if c.Answer == nil || c.Answer.Question != c.Question || c.Answer.Mode != "extractive" {
			t.Fatalf("case %s: answer %+v", c.ID, c.Answer)
		}
	}
	data, err := os.ReadFile(junitOut)
	if err != nil {
		t.Fatal(err)
	}
	var junit struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &junit); err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	if junit.Tests != 214 || junit.Failures != failed || len(junit.Suites) != 7 {
		t.Errorf("JUnit: %d tests, %d failures, %d suites; want 214, %d, 7", junit.Tests, junit.Failures, len(junit.Suites), failed)
	}
	t.Logf("project fixtures: %d passed, %d failed", passed, failed)
}

// TestProjectFixturesPass: every case the project wrote passes offline.
func TestProjectFixturesPass(t *testing.T) {
	evalEnv(t)
	code, stdout, _ := runCLI("eval", "../../testdata/fixtures")
	if code != 0 || !strings.HasSuffix(stdout, "214 passed, 0 failed\n") {
		t.Errorf("exit status %d:\n%s", code, stdout)
	}
}

// suiteFile writes a fixture file for a test and returns its path.
func suiteFile(t *testing.T, text string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "suite.yaml")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// Two cases whose outcome does not depend on the answerer's tuning: an
// offline run is always extractive, and the archive never names 乌克兰.
const steadySuite = `- id: always-extractive
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect: {mode: extractive, not_contains: [乌克兰]}

- id: wrong-guest-country
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect:
    contains_any: [乌克兰]
`

func TestEvalWrongExpectation(t *testing.T) {
	evalEnv(t)
	name := suiteFile(t, steadySuite)
	code, stdout, stderr := runCLI("eval", name)
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a FAIL line and the summary, got:\n%s", stdout)
	}
	if want := "FAIL wrong-guest-country (" + name + ":5): contains_any: none of [乌克兰] in the answer — answer: \""; !strings.HasPrefix(lines[0], want) {
		t.Errorf("failure line %q\nwant prefix %q", lines[0], want)
	}
	if lines[1] != "1 passed, 1 failed" {
		t.Errorf("summary %q", lines[1])
	}
}

func TestEvalMalformedFixture(t *testing.T) {
	evalEnv(t)
	good := suiteFile(t, steadySuite)
	bad := suiteFile(t, `- id: typo
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect:
    contain_any: [白俄罗斯]
    cites: {total_issue: 2640, page: 0}
`)
	code, stdout, stderr := runCLI("eval", good, bad)
	if code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if stdout != "" {
		t.Errorf("cases ran despite a malformed fixture:\n%s", stdout)
	}
	for _, want := range []string{
		"heraldqa eval: " + bad + `:4: expect: unknown key "contain_any" (did you mean contains_any?)`,
		"heraldqa eval: " + bad + ":5: cites: page: want a number above 0, got 0",
		"heraldqa eval: 2 problems in the fixtures; nothing was run",
	} {
		if !strings.Contains(stderr, want+"\n") {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestEvalRunAndBaseline(t *testing.T) {
	evalEnv(t)
	dir := t.TempDir()
	name := suiteFile(t, steadySuite)
	base := filepath.Join(dir, "base.json")
	if code, stdout, _ := runCLI("eval", "--json", base, name); code != 1 || !strings.HasSuffix(stdout, "1 passed, 1 failed\n") {
		t.Fatalf("baseline run: %d\n%s", code, stdout)
	}

	// The same question with the expectations swapped: what failed passes
	// and what passed fails.
	swapped := suiteFile(t, `- id: always-extractive
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect: {mode: llm}

- id: wrong-guest-country
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect: {not_contains: [乌克兰]}

- id: brand-new
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect: {contains_all: [乌克兰]}
`)
	code, stdout, _ := runCLI("eval", "--baseline", base, "--parallel", "2", swapped)
	if code != 1 {
		t.Errorf("exit status %d", code)
	}
	for _, want := range []string{
		"newly failing: always-extractive (passed in " + base + ")\n",
		"newly failing: brand-new (not in " + base + ")\n",
		"newly passing: wrong-guest-country (failed in " + base + ")\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.HasSuffix(stdout, "\n1 passed, 2 failed\n") {
		t.Errorf("summary not last:\n%s", stdout)
	}

	// --run keeps the cases whose id matches.
	code, stdout, _ = runCLI("eval", "--run", "^wrong", swapped)
	if code != 0 || stdout != "1 passed, 0 failed\n" {
		t.Errorf("--run ^wrong: %d\n%s", code, stdout)
	}
}

func TestEvalUsage(t *testing.T) {
	evalEnv(t)
	name := suiteFile(t, steadySuite)
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"eval"}, "name fixture files or folders"},
		{[]string{"eval", "--run", "(", name}, `--run "(": error parsing regexp`},
		{[]string{"eval", "--run", "nothing-like-this", name}, `no case id matches --run "nothing-like-this"`},
		{[]string{"eval", "--parallel", "-1", name}, "--parallel -1"},
		{[]string{"eval", "--record", "a", "--replay", "b", name}, "give --record or --replay, not both"},
		{[]string{"eval", "--replay", t.TempDir(), name}, "--replay is for LLM answers: choose the model with --llm"},
		{[]string{"eval", "--no-such-flag", name}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.msg) || stdout != "" {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, stdout, stderr, tt.msg)
		}
	}
	// A missing fixture or a bad baseline is an error, before anything runs.
	if code, _, stderr := runCLI("eval", filepath.Join(t.TempDir(), "none.yaml")); code != 1 || !strings.Contains(stderr, "reading fixtures") {
		t.Errorf("missing fixture: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI("eval", "--baseline", name, name); code != 1 || !strings.Contains(stderr, "reading report") {
		t.Errorf("a fixture as the baseline: %d %s", code, stderr)
	}
}

// BenchmarkEval100 is `heraldqa eval` over 100 of the project's cases,
// offline and extractive, start to summary: store opened, fixtures read
// and validated, cases answered on every core and checked.
func BenchmarkEval100(b *testing.B) {
	evalEnv(b)
	cases, err := eval.Load([]string{"../../testdata/fixtures"})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = regexp.QuoteMeta(cases[i].ID)
	}
	pattern := "^(" + strings.Join(ids, "|") + ")$"
	// The first run ingests the sample archive into an empty store.
	runCLI("list")
	b.ResetTimer()
	for b.Loop() {
		_, stdout, stderr := runCLI("eval", "--run", pattern, "../../testdata/fixtures")
		if !strings.Contains(stdout, " passed, ") {
			b.Fatalf("no summary: %s %s", stdout, stderr)
		}
		if p, f := summaryCounts(stdout); p+f != 100 {
			b.Fatalf("%d cases ran, want 100", p+f)
		}
	}
}

func summaryCounts(stdout string) (passed, failed int) {
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	if m := summaryLine.FindStringSubmatch(lines[len(lines)-1]); m != nil {
		passed, _ = strconv.Atoi(m[1])
		failed, _ = strconv.Atoi(m[2])
	}
	return passed, failed
}
