package archive

import "testing"

func TestPageOf(t *testing.T) {
	doc := &Document{Meta: Meta{Page: 5}}
	for _, tc := range []struct {
		name string
		a    *Article
		d    *Document
		want int
	}{
		{"article's own page wins", &Article{Page: 7}, doc, 7},
		{"else the document's", &Article{}, doc, 5},
		{"no article", nil, doc, 5},
		{"no document", &Article{}, nil, 0},
		{"neither", nil, nil, 0},
	} {
		if got := PageOf(tc.a, tc.d); got != tc.want {
			t.Errorf("%s: PageOf = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestIssueName(t *testing.T) {
	full := Meta{Date: "2025-11-03", Weekday: "星期一", Issue: 40, TotalIssue: 2644}
	for _, tc := range []struct {
		m       Meta
		weekday bool
		want    string
	}{
		{full, false, "2025年11月3日 第40期(总第2644期)"},
		{full, true, "2025年11月3日 星期一 第40期(总第2644期)"},
		{Meta{Issue: 40}, false, "第40期"},
		{Meta{TotalIssue: 2644}, false, "总第2644期"},
		{Meta{Date: "not a date", Weekday: "星期一"}, true, "星期一"},
		{Meta{}, true, ""},
	} {
		if got := IssueName(tc.m, tc.weekday); got != tc.want {
			t.Errorf("IssueName(%+v, %v) = %q, want %q", tc.m, tc.weekday, got, tc.want)
		}
	}
}

func TestSplitDate(t *testing.T) {
	tests := []struct {
		in      string
		y, m, d int
	}{
		{"2025-11-03", 2025, 11, 3},
		{"2025-9-29", 2025, 9, 29},
		{"", 0, 0, 0},
		{"2025-11", 0, 0, 0},
		{"2025年11月3日", 0, 0, 0},
		{"2025-11-3x", 0, 0, 0},
		{"2025-11-03-01", 0, 0, 0},
	}
	for _, tt := range tests {
		if y, m, d := SplitDate(tt.in); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("SplitDate(%q) = %d, %d, %d; want %d, %d, %d", tt.in, y, m, d, tt.y, tt.m, tt.d)
		}
	}
}
