package answer

import (
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

func TestSwapped(t *testing.T) {
	for _, tt := range []struct {
		name, question, article string
		want                    bool
	}{
		{"another province, same frame", "一季度湖南外贸进出口增长了多少", "一季度江西外贸进出口同比增长5.1%", true},
		{"with its suffix", "一季度湖南省外贸进出口增长了多少", "一季度江西省外贸进出口同比增长5.1%", true},
		{"in brackets", "第二届中国（厦门）智能制造博览会有多少展商", "第二届中国（宁波）智能制造博览会闭幕", true},
		{"traditional", "第二屆中國（廈門）智能製造博覽會有多少展商", "第二届中国（宁波）智能制造博览会闭幕", true},
		{"the place asked is printed too", "一季度湖南外贸进出口增长了多少", "一季度江西外贸进出口增长5.1%，湖南增长3%", false},
		{"one side framed only", "一季度湖南外贸进出口增长了多少", "江西外贸进出口同比增长5.1%", false},
		{"no place", "一季度外贸进出口增长了多少", "一季度江西外贸进出口同比增长5.1%", false},
		// 道里 (a district) read across 报道里: framed on one side only by
		// 苏州锂电.
		{"a name read across words", "那篇报道里锂电公司哪天宣布融资", "8月15日，苏州锂电公司宣布融资", false},
		{"a particle is no frame", "湖南的外贸增长了多少", "江西的外贸增长5.1%", false},
	} {
		got := swapped(framesOf(normalize.ForIndex(tt.question)), normalize.ForIndex(tt.article))
		if got != tt.want {
			t.Errorf("%s: swapped = %v, want %v (frames %q)", tt.name, got, tt.want, framesOf(normalize.ForIndex(tt.question)))
		}
	}
}
