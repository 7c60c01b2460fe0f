package termsafe

import (
	"strings"
	"testing"
)

func TestLineAndText(t *testing.T) {
	tests := []struct {
		in, line, text string
	}{
		{"国家高新区 IASP", "国家高新区 IASP", "国家高新区 IASP"},
		{"标题\n[1] fake citation", "标题 [1] fake citation", "标题\n[1] fake citation"},
		{"\x1b[31m红\x1b[0m", `\x1b[31m红\x1b[0m`, `\x1b[31m红\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`, `\x1b]0;title\x07`},
		{"\x1b]8;;http://x\x1b\\link", `\x1b]8;;http://x\x1b\link`, `\x1b]8;;http://x\x1b\link`},
		{"a\u009b2Jb", `a\u009b2Jb`, `a\u009b2Jb`},
		{"a\x9b2Jb", `a\x9b2Jb`, `a\x9b2Jb`}, // not UTF-8
		{"a\rb", `a\x0db`, `a\x0db`},
		{"a\r\nb\tc", "a\\x0d b c", "a\nb\tc"},
		{"x\u202Eevil", `x\u202eevil`, `x\u202eevil`},
		{"a\u2028b\u0085c", "a b c", "a b c"},
		{"\x00\x7f", `\x00\x7f`, `\x00\x7f`},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.line {
			t.Errorf("Line(%q) = %q; want %q", tt.in, got, tt.line)
		}
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q; want %q", tt.in, got, tt.text)
		}
	}
}

// A stream cut inside a character or an escape sequence comes out as if
// written whole.
func TestWriterPieces(t *testing.T) {
	in := "主宾国是\x1b[2J白俄罗斯[1]。\r\n\u009b第二段"
	for size := 1; size <= 4; size++ {
		var b strings.Builder
		w := NewWriter(&b)
		for i := 0; i < len(in); i += size {
			if n, err := w.Write([]byte(in[i:min(i+size, len(in))])); err != nil || n != min(size, len(in)-i) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if got, want := b.String(), Text(in); got != want {
			t.Errorf("pieces of %d: %q; want %q", size, got, want)
		}
	}
}
