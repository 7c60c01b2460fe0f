package answer

import "testing"

// 出口 asked is not read inside 进出口; asked with it, it is.
func TestInWords(t *testing.T) {
	for _, tt := range []struct {
		q, s, want string
	}{
		{"去年全省出口了多少", "全省进出口总值4562亿元，其中出口2985亿元", "全省进出 口总值4562亿元，其中出口2985亿元"},
		{"去年全省进出口多少", "全省进出口总值4562亿元", "全省进出口总值4562亿元"},
		{"去年全省进口了多少", "全省进出口总值4562亿元", "全省进出口总值4562亿元"},
	} {
		if got := inWords(tt.s, innersOf(tt.q)); got != tt.want {
			t.Errorf("%s / %s: %q, want %q", tt.q, tt.s, got, tt.want)
		}
	}
}
