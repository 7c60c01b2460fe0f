package answer

import (
	"slices"
	"testing"
)

func TestPhraseRuns(t *testing.T) {
	for _, tc := range []struct {
		q, s             string
		covered, longest int
	}{
		{"陈诚于1925年时改任哪一个职位", "第二年,学校设炮兵科,陈诚就改任炮兵科教官", 0, 0}, // 陈诚, 改任: bigrams only
		{"韩国的平原很少会超过多高的海拔", "韩国的平原主要分布在南部", 5, 5},                 // 韩国的平原
		{"夏无酷暑气候宜人以及什么条件", "夏无酷暑,冬无严寒,四季如春,气候宜人", 8, 4},        // 夏无酷暑 + 气候宜人
		{"什么是它", "毫不相干的句子", 0, 0},
	} {
		c, l := phraseRuns([]rune(tc.q), tc.s)
		if c != tc.covered || l != tc.longest {
			t.Errorf("phraseRuns(%q, %q) = %d, %d; want %d, %d", tc.q, tc.s, c, l, tc.covered, tc.longest)
		}
	}
}

func TestSlotAnchors(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"陈诚于1925年时改任哪一个职位", []string{"改任", "时改"}},
		{"布依文为使用了哪一种字母所书写的文字", []string{"用了", "使用", "所书", "书写"}},
		{"谁发明了电话", []string{"发明", "明了"}},
		{"电话是谁发明的", []string{"话是", "电话", "发明", "明的"}},
		{"电话的发明者", nil},
	} {
		if got := slotAnchors(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("slotAnchors(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}
