// Package eval regression-tests heraldqa's answers against hand-written
// fixtures: it parses and validates fixture files, checks answers, runs the
// cases in parallel, writes text, JSON and JUnit reports, compares a run with
// a baseline, and records and replays LLM exchanges at the HTTP layer so a
// suite recorded once against a real model runs offline.
package eval

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Case is one question of a fixture file and what its answer must satisfy.
type Case struct {
	ID       string
	Question string
	Expect   Expect
	// File and Line locate the case (its "- id:" item) for messages.
	File string
	Line int
}

// Expect holds a case's checks; a zero field checks nothing.
type Expect struct {
	ContainsAny []string // the answer contains at least one
	ContainsAll []string // the answer contains every one
	NotContains []string // the answer contains none
	// Cites: each must be matched by some citation of the answer.
	Cites []Cite
	// Refused, when set, is whether the answer must be the refusal.
	Refused *bool
	// Mode, when set, is the answer's required mode: extractive or llm.
	Mode      string
	Retrieved *Retrieved
}

// Cite describes a citation; zero fields match anything.
type Cite struct {
	Date       string `json:"date,omitempty"` // YYYY-MM-DD
	Issue      int    `json:"issue,omitempty"`
	TotalIssue int    `json:"total_issue,omitempty"`
	Page       int    `json:"page,omitempty"`
	Source     string `json:"source,omitempty"`   // file name (or path) of the page
	Headline   string `json:"headline,omitempty"` // substring of the cited headline
}

// Retrieved asks that Source be among the top K distinct sources retrieved.
type Retrieved struct {
	Source string
	K      int
}

// Problem is one thing wrong in a fixture file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// FixtureError lists every problem found in the fixtures, one a line.
type FixtureError struct {
	Problems []Problem
}

func (e *FixtureError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// FixtureFiles expands files and folders into the fixture files to read:
// a folder gives its *.yaml and *.yml files, recursively, sorted; a file
// named directly is read whatever its extension.
func FixtureFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("reading fixtures: %w", err)
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := filepath.Ext(path); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading fixtures: %w", err)
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("reading fixtures: no .yaml files in %s", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// Load reads and validates every fixture file under paths (see
// FixtureFiles). Cases come in file order, then file position. When any
// file is malformed it returns a *FixtureError listing every problem with
// its file and line, and no cases, so that nothing runs on a half-read suite.
func Load(paths []string) ([]*Case, error) {
	files, err := FixtureFiles(paths)
	if err != nil {
		return nil, err
	}
	var (
		cases    []*Case
		problems []Problem
		seen     = map[string]*Case{}
	)
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading fixtures: %w", err)
		}
		cs, ps := Parse(name, data)
		problems = append(problems, ps...)
		for _, c := range cs {
			if first, dup := seen[c.ID]; dup {
				problems = append(problems, Problem{c.File, c.Line,
					fmt.Sprintf("duplicate id %q (first at %s:%d)", c.ID, first.File, first.Line)})
				continue
			}
			seen[c.ID] = c
			cases = append(cases, c)
		}
	}
	if len(problems) > 0 {
		return nil, &FixtureError{problems}
	}
	return cases, nil
}

// Parse reads the cases of one fixture file; name is used in problems.
// It returns the well-formed cases and every problem found; ids are checked
// for uniqueness within the file only (Load checks across files).
func Parse(name string, data []byte) ([]*Case, []Problem) {
	p := &parser{file: name}
	if !utf8.Valid(data) {
		// yaml.v3 would say so without a line.
		bad := 0
		for len(data[bad:]) > 0 {
			r, size := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		line := 1 + strings.Count(string(data[:bad]), "\n")
		return nil, []Problem{{name, line, "not UTF-8 text: save the file as UTF-8"}}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []Problem{{name, 0, "no cases: want a YAML list of cases"}}
		}
		return nil, []Problem{{name, yamlErrLine(err), "not valid YAML: " + yamlErrMsg(err)}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, []Problem{{name, extra.Line, "a second YAML document (---): put every case in one list"}}
	} else if !errors.Is(err, io.EOF) {
		return nil, []Problem{{name, yamlErrLine(err), "not valid YAML: " + yamlErrMsg(err)}}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.SequenceNode {
		p.problem(root, "want a YAML list of cases (- id: ...), got %s", kindName(root))
		return nil, p.problems
	}
	if len(root.Content) == 0 {
		p.problem(root, "no cases: the list is empty")
	}
	var cases []*Case
	ids := map[string]int{}
	for _, item := range root.Content {
		c := p.parseCase(item)
		if c == nil {
			continue
		}
		if line, dup := ids[c.ID]; dup {
			p.problem(item, "duplicate id %q (first at line %d)", c.ID, line)
			continue
		}
		ids[c.ID] = c.Line
		cases = append(cases, c)
	}
	return cases, p.problems
}

var (
	yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)
	idForm   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// parserProblems are yaml.v3's parser (not scanner) errors: it reports
// their line counted from 0, unlike every other line it reports.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected node content",
	"did not find expected <document start>",
	"found undefined tag handle",
}

// yamlErrLine digs the line out of a yaml.v3 syntax error ("yaml: line 7:
// ..."); an error with no line is on the first.
func yamlErrLine(err error) int {
	n := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		fmt.Sscan(m[1], &n)
	}
	msg := yamlErrMsg(err)
	for _, p := range parserProblems {
		if msg == p {
			return n + 1
		}
	}
	return max(n, 1)
}

func yamlErrMsg(err error) string {
	msg := yamlLine.ReplaceAllString(err.Error(), "")
	return strings.TrimPrefix(msg, "yaml: ")
}

type parser struct {
	file     string
	problems []Problem
}

func (p *parser) problem(n *yaml.Node, format string, args ...any) {
	p.problems = append(p.problems, Problem{p.file, n.Line, fmt.Sprintf(format, args...)})
}

// parseCase reads one list item; nil when it is unusable (problems noted).
func (p *parser) parseCase(n *yaml.Node) *Case {
	before := len(p.problems)
	if n.Kind != yaml.MappingNode {
		p.problem(n, "a case must be a mapping (id, question, expect), got %s", kindName(n))
		return nil
	}
	c := &Case{File: p.file, Line: n.Line}
	if d := valueOf(n, "draft"); d != nil {
		// A draft (heraldqa feedback export) has its expectations still
		// to be written: running it would check nothing, or the wrong thing.
		id := "case"
		if v := valueOf(n, "id"); v != nil && v.Kind == yaml.ScalarNode {
			id = fmt.Sprintf("case %q", v.Value)
		}
		if d.Kind != yaml.ScalarNode || d.Tag != "!!bool" || d.Value != "false" {
			p.problem(d, "%s is a draft: fill in its expect, then delete its draft line", id)
			return nil
		}
	}
	var expect *yaml.Node
	p.fields(n, "case", []string{"id", "question", "expect", "draft"}, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			if s, ok := p.text(v, "id"); ok {
				if !idForm.MatchString(s) {
					p.problem(v, "id %q: use letters, digits, '-', '_' and '.' only (kebab-case)", s)
				}
				c.ID = s
			}
		case "question":
			if s, ok := p.text(v, "question"); ok {
				c.Question = s
			}
		case "expect":
			expect = v
		}
	})
	if !hasKey(n, "id") {
		p.problem(n, "case has no id")
	}
	where := "case"
	if c.ID != "" {
		where = fmt.Sprintf("case %q", c.ID)
	}
	if !hasKey(n, "question") {
		p.problem(n, "%s has no question", where)
	}
	if expect == nil {
		if !hasKey(n, "expect") {
			p.problem(n, "%s has no expect: say what the answer must satisfy", where)
		}
	} else {
		c.Expect = p.parseExpect(expect, where)
	}
	if len(p.problems) > before {
		return nil
	}
	return c
}

// valueOf is the value of key in mapping m, nil when absent.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

var expectKeys = []string{"contains_any", "contains_all", "not_contains", "cites", "refused", "mode", "retrieved"}

func (p *parser) parseExpect(n *yaml.Node, where string) Expect {
	var e Expect
	if n.Kind != yaml.MappingNode {
		p.problem(n, "%s: expect must be a mapping of checks (%s), got %s", where, strings.Join(expectKeys, ", "), kindName(n))
		return e
	}
	if len(n.Content) == 0 {
		p.problem(n, "%s: expect is empty: give at least one check (%s)", where, strings.Join(expectKeys, ", "))
		return e
	}
	var refusedNode *yaml.Node
	p.fields(n, "expect", expectKeys, func(key string, v *yaml.Node) {
		switch key {
		case "contains_any":
			e.ContainsAny = p.texts(v, key)
		case "contains_all":
			e.ContainsAll = p.texts(v, key)
		case "not_contains":
			e.NotContains = p.texts(v, key)
		case "cites":
			e.Cites = p.cites(v)
		case "refused":
			if b, ok := p.boolean(v, key); ok {
				e.Refused = &b
				refusedNode = v
			}
		case "mode":
			if s, ok := p.text(v, key); ok {
				if s != "extractive" && s != "llm" {
					p.problem(v, "mode: want extractive or llm, got %q", s)
				} else {
					e.Mode = s
				}
			}
		case "retrieved":
			e.Retrieved = p.retrieved(v)
		}
	})
	// A refusal carries no answer text and no citation, so these checks
	// could only fail: the fixture contradicts itself.
	if e.Refused != nil && *e.Refused && (len(e.ContainsAny) > 0 || len(e.ContainsAll) > 0 || len(e.Cites) > 0) {
		p.problem(refusedNode, "%s: refused: true contradicts contains_any/contains_all/cites (a refusal has no answer to check)", where)
	}
	return e
}

var citeKeys = []string{"date", "issue", "total_issue", "page", "source", "headline"}

// cites reads a map or a list of maps.
func (p *parser) cites(n *yaml.Node) []Cite {
	switch n.Kind {
	case yaml.MappingNode:
		if c, ok := p.cite(n); ok {
			return []Cite{c}
		}
		return nil
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			p.problem(n, "cites: the list is empty")
			return nil
		}
		var out []Cite
		for _, item := range n.Content {
			if item.Kind != yaml.MappingNode {
				p.problem(item, "cites: each item must be a mapping like {total_issue: 2640, page: 1}, got %s", kindName(item))
				continue
			}
			if c, ok := p.cite(item); ok {
				out = append(out, c)
			}
		}
		return out
	}
	p.problem(n, "cites: want a mapping like {total_issue: 2640, page: 1} or a list of them, got %s", kindName(n))
	return nil
}

func (p *parser) cite(n *yaml.Node) (Cite, bool) {
	before := len(p.problems)
	var c Cite
	if len(n.Content) == 0 {
		p.problem(n, "cites: empty mapping: give at least one of %s", strings.Join(citeKeys, ", "))
		return c, false
	}
	p.fields(n, "cites", citeKeys, func(key string, v *yaml.Node) {
		switch key {
		case "date":
			if s, ok := p.date(v); ok {
				c.Date = s
			}
		case "issue":
			c.Issue, _ = p.positive(v, "cites: issue")
		case "total_issue":
			c.TotalIssue, _ = p.positive(v, "cites: total_issue")
		case "page":
			c.Page, _ = p.positive(v, "cites: page")
		case "source":
			c.Source, _ = p.text(v, "cites: source")
		case "headline":
			c.Headline, _ = p.text(v, "cites: headline")
		}
	})
	return c, len(p.problems) == before
}

func (p *parser) retrieved(n *yaml.Node) *Retrieved {
	if n.Kind != yaml.MappingNode {
		p.problem(n, "retrieved: want a mapping like {source: 000_8765960b682b9259.txt, k: 3}, got %s", kindName(n))
		return nil
	}
	before := len(p.problems)
	r := &Retrieved{}
	p.fields(n, "retrieved", []string{"source", "k"}, func(key string, v *yaml.Node) {
		switch key {
		case "source":
			r.Source, _ = p.text(v, "retrieved: source")
		case "k":
			r.K, _ = p.positive(v, "retrieved: k")
		}
	})
	if len(p.problems) > before {
		return nil
	}
	if r.Source == "" {
		p.problem(n, "retrieved: source is missing")
		return nil
	}
	if r.K == 0 {
		p.problem(n, "retrieved: k is missing (how many of the top sources to look in)")
		return nil
	}
	return r
}

// fields walks a mapping's keys, reporting unknown and repeated ones (a
// typo such as contain_any must not pass as a check that checks nothing).
func (p *parser) fields(m *yaml.Node, what string, known []string, f func(key string, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.problem(k, "%s: a key must be a plain word, got %s", what, kindName(k))
			continue
		}
		if !contains(known, k.Value) {
			msg := fmt.Sprintf("%s: unknown key %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			if s := suggest(k.Value, known); s != "" {
				msg = fmt.Sprintf("%s: unknown key %q (did you mean %s?)", what, k.Value, s)
			}
			p.problem(k, "%s", msg)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			p.problem(k, "%s: %s given twice (first at line %d)", what, k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		f(k.Value, v)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggest names the known key closest to a misspelt one, if close enough.
func suggest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// text reads a non-empty string scalar. Numbers are taken as written
// (contains_any: [2640] means the text "2640").
func (p *parser) text(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float") {
		p.problem(n, "%s: want text, got %s", what, kindName(n))
		return "", false
	}
	if strings.TrimSpace(n.Value) == "" {
		p.problem(n, "%s: empty text", what)
		return "", false
	}
	return n.Value, true
}

// texts reads a non-empty list of non-empty strings.
func (p *parser) texts(n *yaml.Node, what string) []string {
	if n.Kind != yaml.SequenceNode {
		p.problem(n, "%s: want a list of text like [白俄罗斯], got %s", what, kindName(n))
		return nil
	}
	if len(n.Content) == 0 {
		p.problem(n, "%s: the list is empty", what)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		if s, ok := p.text(item, what); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) boolean(n *yaml.Node, what string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		p.problem(n, "%s: want true or false, got %s", what, kindName(n))
		return false, false
	}
	var b bool
	if err := n.Decode(&b); err != nil {
		p.problem(n, "%s: want true or false: %v", what, err)
		return false, false
	}
	return b, true
}

func (p *parser) positive(n *yaml.Node, what string) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		p.problem(n, "%s: want a whole number, got %s", what, kindName(n))
		return 0, false
	}
	var v int
	if err := n.Decode(&v); err != nil {
		p.problem(n, "%s: want a whole number: %v", what, err)
		return 0, false
	}
	if v <= 0 {
		p.problem(n, "%s: want a number above 0, got %d", what, v)
		return 0, false
	}
	return v, true
}

// date reads YYYY-MM-DD, quoted or not (YAML reads 2025-11-03 as a timestamp).
func (p *parser) date(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!timestamp") {
		p.problem(n, "cites: date: want YYYY-MM-DD, got %s", kindName(n))
		return "", false
	}
	if _, err := time.Parse("2006-01-02", n.Value); err != nil || len(n.Value) != 10 {
		p.problem(n, "cites: date: want a real date as YYYY-MM-DD, got %q", n.Value)
		return "", false
	}
	return n.Value, true
}

// kindName says what a node is, as a fixture author would put it.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing (null)"
		case "!!bool":
			return fmt.Sprintf("a true/false (%s)", n.Value)
		case "!!int", "!!float":
			return fmt.Sprintf("a number (%s)", n.Value)
		case "!!timestamp":
			return fmt.Sprintf("a date (%s)", n.Value)
		}
		return fmt.Sprintf("text %q", truncate(n.Value, 40))
	}
	return "something else"
}
