package answer

import "testing"

func TestNamesSomeone(t *testing.T) {
	tests := []struct {
		text, question string
		want           bool
	}{
		{"该片由导演魏德圣执导。", "海角七号是哪位导演拍的", true},    // a surname and given name
		{"像拿破仑等人带来了新的法律制度。", "带来新制度的是哪位", true}, // transliterated
		{"由艾巴·伦德出席。", "协会的首席执行官是哪位", true},      // parts joined by ·
		{"他的女友是一位歌手。", "他那个当歌手的女朋友是哪位", false},  // of the person, no name
		{"之后改编为漫画及真人版电影。", "电影的导演是哪位", false},
		{"张伟获得硕士学位。", "张伟的导师是哪位", false},   // the name asked about, not for
		{"他的女友是一位古巴歌手。", "他的女朋友是哪位", true}, // loose: 古巴 reads as a name
	}
	for _, tt := range tests {
		if got := namesSomeone(tt.text, tt.question); got != tt.want {
			t.Errorf("namesSomeone(%q, %q) = %v, want %v", tt.text, tt.question, got, tt.want)
		}
	}
}

// A 哪位 question whose quote names no one is refused; answering all, or
// a question that does not ask which person, keeps the quote.
func TestUnnamed(t *testing.T) {
	quote := []candidate{{sent: span{0, 1, "之后改编为漫画及真人版电影。"}, needs: &needs{who: "电影的导演是哪位"}}}
	if got := unnamed(quote, false); got != nil {
		t.Errorf("unnamed = %v, want a refusal", got)
	}
	if got := unnamed(quote, true); len(got) != 1 {
		t.Error("answering all: the quote was dropped")
	}
	quote[0].needs = nil
	if got := unnamed(quote, false); len(got) != 1 {
		t.Error("a question not asking who: the quote was dropped")
	}
	named := []candidate{quote[0], {sent: span{0, 1, "导演是魏德圣。"}}}
	named[0].needs = &needs{who: "电影的导演是哪位"}
	if got := unnamed(named, false); len(got) != 2 {
		t.Error("a later quoted sentence names the director: the quote was dropped")
	}
}
