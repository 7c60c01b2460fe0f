package main

import "testing"

func TestIsPlace(t *testing.T) {
	tests := []struct {
		word, first string
		want        bool
	}{
		{"武汉", "see 武漢市|武汉市[Wu3 han4 Shi4]", true},
		{"深圳", "see 深圳市[Shen1 zhen4 Shi4]", true},
		{"长沙", "see 長沙市|长沙市[Chang2 sha1 Shi4]", true},
		{"伦敦", "London, capital of United Kingdom", true},
		{"中关村", "Zhongguancun neighborhood of Beijing, containing Peking University", true},
		{"天津", "Tianjin municipality (abbr. to 津[Jin1])", true},
		{"王安石", "see 王安石[Wang2 An1 shi2]", false},
		{"中国人民解放军", "Chinese People's Liberation Army (PLA), the military of the People's Republic of China", false},
		{"李白", "Li Bai (701-762), famous Tang dynasty poet", false},
		{"北京大学", "Peking University", false},
		{"白居易", "Bai Juyi (772-846), Tang dynasty poet born in Xinzheng, Henan province", false},
	}
	for _, tt := range tests {
		if got := isPlace(tt.word, tt.first); got != tt.want {
			t.Errorf("isPlace(%s, %q) = %v, want %v", tt.word, tt.first, got, tt.want)
		}
	}
}
