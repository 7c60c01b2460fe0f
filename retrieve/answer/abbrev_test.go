package answer

import (
	"maps"
	"testing"
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
