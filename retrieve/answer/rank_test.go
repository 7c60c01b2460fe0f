package answer

import (
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// What a sentence puts at a place of a ranking, read from the list and the
// places it fills.
func TestRankedIn(t *testing.T) {
	tests := []struct {
		sent, question string
		n              int
		want           string
	}{
		{"分城市看，合肥、阜阳、宿州快递业务量位列全省前三。", "快递量排第二的是哪个城市", 2, "阜阳"},
		{"分城市看，合肥、阜阳、宿州快递业务量位列全省前三。", "快递量排第三的是哪个城市", 3, "宿州"},
		{"分城市看，合肥、阜阳、宿州快递业务量位列全省前三。", "快递量排第四的是哪个城市", 4, ""},
		// The last item is cut where what the question names begins.
		{"分地区看，甲市、乙市、丙丁自治州接待游客量位居全省前三。", "接待游客排第三的是哪儿", 3, "丙丁自治州"},
		{"广州南站、深圳北站、长沙南站发送旅客量位居管内前三。", "排第三的是哪个站", 3, "长沙南站"},
		{"报告显示，甲县以86.4分位居榜首，乙县、丙县分列第二、第三位。", "谁排第一", 1, "甲县"},
		{"报告显示，甲县以86.4分位居榜首，乙县、丙县分列第二、第三位。", "排第三的是哪个县", 3, "丙县"},
		{"山东队以7金4银2铜的成绩位列金牌榜第一，广东队和浙江队分列第二、第三位。", "金牌榜排第二的是哪个队", 2, "广东队"},
		// The figures between the list and its places, 第 printed once.
		{"甲市、乙市分别以1106件、873件位居第二、三位。", "排第三的是哪个城市", 3, "乙市"},
		{"甲市、乙市分别以1106件、873件位居第二、三位。", "排第二的是哪个城市", 2, "甲市"},
		{"江苏有24个，排名第二。", "排第二的是哪个省", 2, ""}, // no holder named
		{"他在比赛中获得第二。", "谁排第二", 2, ""},
	}
	for _, tt := range tests {
		if got := rankedIn(normalize.ForIndex(tt.sent), tt.question, tt.n); got != tt.want {
			t.Errorf("rankedIn(%s, %s, %d) = %q, want %q", tt.sent, tt.question, tt.n, got, tt.want)
		}
	}
}

func TestRankAsked(t *testing.T) {
	tests := []struct {
		q    string
		want int
	}{
		{"快递量排第二的是哪个城市", 2},
		{"指数谁排名第一", 1},
		{"第三名是谁", 3},
		{"第三届论坛在哪里办", 0},
		{"哪个城市接待游客最多", 1},
		{"最多能容纳多少人", 0},
	}
	for _, tt := range tests {
		if got, _ := rankAsked(tt.q); got != tt.want {
			t.Errorf("rankAsked(%s) = %d, want %d", tt.q, got, tt.want)
		}
	}
}

// Which place the one a question names holds.
func TestPlaceHeld(t *testing.T) {
	tests := []struct {
		sent, question, want string
	}{
		{"福建晋江、江苏江阴位列第四、第五。", "晋江排第几", "第四"},
		{"甲县以86.4分位居榜首,乙县、丙县分列第二、第三位。", "丙县排第几", "第三"},
		{"甲县以86.4分位居榜首,乙县、丙县分列第二、第三位。", "甲县排第几", "榜首"},
		{"甲县以86.4分位居榜首,乙县、丙县分列第二、第三位。", "丁县排第几", ""},
		{"甲县以86.4分位居榜首。", "甲县排第二吗", ""}, // asks no place
	}
	for _, tt := range tests {
		if got := placeHeld(normalize.ForIndex(tt.sent), tt.question); got != tt.want {
			t.Errorf("placeHeld(%s, %s) = %q, want %q", tt.sent, tt.question, got, tt.want)
		}
	}
}
