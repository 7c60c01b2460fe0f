package answer

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// A short form the articles never print is matched to the span of theirs
// holding its characters in order; a run across two words is not.
func TestExpansions(t *testing.T) {
	for _, tt := range []struct {
		subject string
		texts   []string
		want    map[string]string
	}{
		{"工信部办公厅 印发", []string{"11月18日,工业和信息化部办公厅印发《指南》。"}, map[string]string{"工信部": "工业和信息化部"}},
		{"发改委 发布", []string{"国家发展和改革委员会联合发布《指引》。"}, map[string]string{"发改委": "发展和改革委"}},
		// Printed as typed: nothing to expand.
		{"工信部 印发", []string{"工信部印发《指南》。"}, nil},
		// 部署 is printed: 时部署 is two words, not a short form.
		{"建成时部署", []string{"建成时一共部署了三台。"}, nil},
		// The characters in order, but across a joining 的: no name.
		{"工信部", []string{"工人的信息部门"}, nil},
	} {
		if got := expansions(tt.subject, tt.texts); !maps.Equal(got, tt.want) {
			t.Errorf("expansions(%q) = %v, want %v", tt.subject, got, tt.want)
		}
	}
}

// An acronym a reader types that the archive never prints is read as its
// Chinese name (CEO → 首席执行官); one the archive prints (GDP) as typed.
func TestAcronymSpelled(t *testing.T) {
	for _, tt := range []struct {
		question, spelled string
		search            []string // in the search text
	}{
		{"IASP的CEO是谁", "iasp的首席执行官是谁", []string{"iasp", "首席执行官"}},
		{"沿线城市的GDP占全国多少", "沿线城市的gdp占全国多少", []string{"gdp"}},
	} {
		q := retrieve.ParseQuery(tt.question)
		if got := sample.Spelled(q, normalize.ForIndex(q.Raw)); got != tt.spelled {
			t.Errorf("Spelled(%q) = %q, want %q", tt.question, got, tt.spelled)
		}
		text := sample.SearchText(q)
		for _, s := range tt.search {
			if !strings.Contains(text, s) {
				t.Errorf("SearchText(%q) = %q, want it to hold %q", tt.question, text, s)
			}
		}
		if tt.spelled == normalize.ForIndex(q.Raw) && text != q.Subject {
			t.Errorf("SearchText(%q) = %q, want the subject %q alone", tt.question, text, q.Subject)
		}
	}
	// Spelled out, the question is answered as if typed in full.
	ans, _, err := (&Asker{Engine: sample}).Ask(context.Background(), "IASP的CEO是谁", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ans.Refused || !strings.Contains(ans.Answer, "首席执行官") {
		t.Errorf("IASP的CEO是谁: refused %v, answer %q; want the sentence naming the 首席执行官", ans.Refused, ans.Answer)
	}
}
