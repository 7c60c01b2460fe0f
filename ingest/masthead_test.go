package ingest

import (
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

func TestParseMasthead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want archive.Meta
		ok   bool
	}{
		{
			name: "001 masthead line with publisher text",
			in:   "科学技术部主管 科技日报社主办 国内统一连续出版物号CN 11—0237 邮发代号1—206 2025年11月3日 星期一 第40期(总第2644期) 今日24版",
			want: archive.Meta{Date: "2025-11-03", Weekday: "星期一", Issue: 40, TotalIssue: 2644, Pages: 24, Page: 1}, ok: true,
		},
		{
			name: "000 one-digit month",
			in:   "2025年9月29日 星期一 第36期(总第2640期) 今日24版",
			want: archive.Meta{Date: "2025-09-29", Weekday: "星期一", Issue: 36, TotalIssue: 2640, Pages: 24, Page: 1}, ok: true,
		},
		{
			name: "full-width digits, brackets and spaces",
			in:   "２０２５年１１月１０日　星期一　第４１期（总第２６４５期）　今日２４版",
			want: archive.Meta{Date: "2025-11-10", Weekday: "星期一", Issue: 41, TotalIssue: 2645, Pages: 24, Page: 1}, ok: true,
		},
		{
			name: "Markdown heading, broken onto two lines",
			in:   "# 中国高新技术产业导报\n\n# 2025年11月24日 星期一\n\n第43期(总第2647期) 今日24版\n",
			want: archive.Meta{Date: "2025-11-24", Weekday: "星期一", Issue: 43, TotalIssue: 2647, Pages: 24, Page: 1}, ok: true,
		},
		{
			name: "total issue before the issue, Traditional",
			in:   "2025年3月28日 星期五 總第2612期 第8期",
			want: archive.Meta{Date: "2025-03-28", Weekday: "星期五", Issue: 8, TotalIssue: 2612, Page: 1}, ok: true,
		},
		{name: "bare date of a footer", in: "出版单位:某社\n\n2025年9月29日\n\n03版"},
		{name: "impossible date", in: "2025年2月30日 星期一 第8期(总第2612期) 今日24版"},
		{name: "no masthead", in: "3月28日,2025中關(guān)村論壇年會——世界領(lǐng)先科技園區(qū)發(fā)展論壇在京召開。"},
		{name: "empty", in: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseMasthead(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseMasthead = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
