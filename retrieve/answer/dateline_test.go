package answer

import "testing"

// A report's dateline is the day it was filed; the day it reports is read
// relative to it, with the year its issue's date gives.
func TestDatelined(t *testing.T) {
	tests := []struct {
		issue, sent string
		date        string
		ok          bool
	}{
		{"2024-04-11", "本报杭州4月10日电 滨江科创园9日正式启用。", "2024年4月9日", true},
		{"2024-04-11", "新华社北京4月10日电（记者 王明）大会昨天在京开幕。", "2024年4月9日", true},
		{"2024-04-11", "本报北京4月10日电 大会今天开幕。", "2024年4月10日", true},
		{"2024-03-04", "本报讯 3月2日电 园区28日正式启用。", "", false},
		{"2024-03-04", "本报北京3月2日电 园区28日正式启用。", "2024年2月28日", true},
		{"2025-01-06", "本报北京12月30日电 园区29日启用。", "2024年12月29日", true},
		{"", "本报北京12月30日电 园区29日启用。", "12月29日", true},
		{"2024-04-11", "本报杭州4月10日电 园区3月5日开工，9日启用。", "", true},
		{"2024-04-11", "本报杭州4月10日电 园区8日开工，9日启用。", "", true},
		{"2024-04-11", "滨江科创园9日正式启用。", "", false},
		// Filed on the 3rd about what was done 日前: no day is given.
		{"2023-09-04", "新华社广州9月3日电 记者3日获悉，无人艇日前完成试验。", "", true},
	}
	for _, tt := range tests {
		date, _, ok := datelined(tt.issue, tt.sent)
		if date != tt.date || ok != tt.ok {
			t.Errorf("%s (%s): datelined = %q, %v; want %q, %v", tt.sent, tt.issue, date, ok, tt.date, tt.ok)
		}
	}
}
