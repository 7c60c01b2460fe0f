package normalize

import "testing"

func TestForIndex(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"pinyin artifacts then t2s", "2025中關(guān)村論壇年會", "2025中关村论坛年会"},
		{"toned ü", "綠(lǜ)色", "绿色"},
		{"layout spaces between CJK", "2025浦江创新论 坛在上海市举办", "2025浦江创新论坛在上海市举办"},
		{"space after half-width comma", "白俄罗斯共和国, 主宾省", "白俄罗斯共和国,主宾省"},
		{"latin words keep their space", "LAUNCH Rhein-Main", "launch rhein-main"},
		{"full-width digits and letters", "ＡＩ赋能２０２５年", "ai赋能2025年"},
		{"full-width comma folds", "中国，高新", "中国,高新"},
		{"English name in parens stays", "艾巴·倫德(Ebba Lund)", "艾巴·伦德(ebba lund)"},
		{"acronym stays", "協會(IASP)首席", "协会(iasp)首席"},
		{"line break inside a sentence", "新质生产\n力引领区", "新质生产力引领区"},
		{"simplified untouched", "国家高新区高质量一体化发展提速", "国家高新区高质量一体化发展提速"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ForIndex(tt.in); got != tt.want {
				t.Errorf("ForIndex(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsTraditional(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2025浦江創新論壇的主賓國是哪個國家？", true},
		{"2025浦江创新论坛的主宾国是哪个国家？", false},
		{"What was the guest country?", false},
		{"中国", false},
	}
	for _, tt := range tests {
		if got := IsTraditional(tt.in); got != tt.want {
			t.Errorf("IsTraditional(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestToTraditional(t *testing.T) {
	// Taiwan's variants (為, not 爲): what readers of Traditional expect.
	if got, want := ToTraditional("主宾国为白俄罗斯共和国"), "主賓國為白俄羅斯共和國"; got != want {
		t.Errorf("ToTraditional = %q, want %q", got, want)
	}
}

// The generated tables must agree with the dictionaries they came from.
func TestTablesMatchOpenCC(t *testing.T) {
	for _, r := range "關區發產國論壇會" {
		if !isTraditional(r) {
			t.Errorf("%c missing from tradOnly", r)
		}
	}
	for _, r := range "关区发产国论坛会" {
		if isTraditional(r) {
			t.Errorf("%c wrongly in tradOnly", r)
		}
		if !isSimplified(r) {
			t.Errorf("%c missing from simpOnly", r)
		}
	}
}

func BenchmarkForIndex(b *testing.B) {
	s := "本次论坛主宾国为白俄罗斯共和国, 主宾省为中国辽宁省。论坛重点组织\"1+ 1+30+2+2+X\"场活动,包括1场开幕式、1 场主论坛、约30场专题论坛。"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ForIndex(s)
	}
}

func BenchmarkForIndexTraditional(b *testing.B) {
	s := "辛國斌表示,國家高新區(qū)堅持發(fā)展高科技、實現(xiàn)產(chǎn)業(yè)化,走出了一條具有中國特色的高新技術(shù)產(chǎn)業(yè)化道路。"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ForIndex(s)
	}
}

func TestHanCount(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"2025年,AI大会", 3},
		{"“三个一”工程", 5},
		{"Herald", 0},
	} {
		if got := HanCount(tt.s); got != tt.want {
			t.Errorf("HanCount(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}
