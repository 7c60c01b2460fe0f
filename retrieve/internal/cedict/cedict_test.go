package cedict

import (
	"slices"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := "# CC-CEDICT\n" +
		"武漢 武汉 [Wu3 han4] /see 武漢市|武汉市[Wu3 han4 Shi4]/\n" +
		"開業 开业 [kai1 ye4] /to open a business/to open a practice/\n" +
		"not an entry\n" +
		"宊 宊 [tu2] //\n"
	var got []Entry
	if err := Read(strings.NewReader(in), func(e Entry) { got = append(got, e) }); err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"武漢", "武汉", "Wu3 han4", []string{"see 武漢市|武汉市[Wu3 han4 Shi4]"}},
		{"開業", "开业", "kai1 ye4", []string{"to open a business", "to open a practice"}},
		{"宊", "宊", "tu2", []string{""}},
	}
	if !slices.EqualFunc(got, want, func(a, b Entry) bool {
		return a.Traditional == b.Traditional && a.Simplified == b.Simplified && a.Pinyin == b.Pinyin && slices.Equal(a.Senses, b.Senses)
	}) {
		t.Errorf("Read = %q, want %q", got, want)
	}
}
