package retrieve

import (
	"slices"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"2025火炬论坛和第二十一届全国高新区发展战略研究年会分别在哪里举行？",
			[]string{"2025火炬论坛在哪里举行?", "第二十一届全国高新区发展战略研究年会在哪里举行?"}},
		{"第40期和第43期分别是哪天出版的？", []string{"第40期是哪天出版的?", "第43期是哪天出版的?"}},
		{"记者张伟在第40期和第41期各写了哪篇头版文章？",
			[]string{"记者张伟在第40期写了哪篇头版文章?", "记者张伟在第41期写了哪篇头版文章?"}},
		{"第40期和第43期头版新闻图片的摄影记者分别是谁？",
			[]string{"第40期头版新闻图片的摄影记者是谁?", "第43期头版新闻图片的摄影记者是谁?"}},
		// One thing asked: left whole.
		{"2025浦江创新论坛的主宾国是哪个国家？", []string{"2025浦江创新论坛的主宾国是哪个国家？"}},
		{"工业和信息化部发布了什么？", []string{"工业和信息化部发布了什么？"}},
	}
	for _, tt := range tests {
		if got := Split(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
