package retrieve

import (
	"testing"
	"time"
)

func day(s string) (int, int) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return int(t.Unix() / 86400), t.Year()
}

func TestWindow(t *testing.T) {
	tests := []struct {
		name    string
		ev      EventDate
		cadence int
		pub     string
		in      bool
	}{
		{"weekly: next issue", EventDate{Year: 2025, Month: 11, Day: 6}, 7, "2025-11-10", true},
		{"weekly: the issue after", EventDate{Year: 2025, Month: 11, Day: 6}, 7, "2025-11-17", true},
		{"weekly: three issues on", EventDate{Year: 2025, Month: 11, Day: 6}, 7, "2025-11-24", false},
		{"weekly: before the event", EventDate{Year: 2025, Month: 11, Day: 6}, 7, "2025-11-03", false},
		{"daily: next day", EventDate{Year: 2020, Month: 5, Day: 20}, 1, "2020-05-21", true},
		{"daily: a week on", EventDate{Year: 2020, Month: 5, Day: 20}, 1, "2020-05-27", false},
		{"figures: the month after", EventDate{Year: 2019, Month: 1, Figures: true}, 1, "2019-02-20", true},
		{"figures: not the month itself", EventDate{Year: 2019, Month: 1, Figures: true}, 1, "2019-01-20", false},
		{"figures: December into January", EventDate{Year: 2019, Month: 12, Figures: true}, 7, "2020-01-13", true},
		{"month: within it", EventDate{Year: 2025, Month: 9}, 7, "2025-09-29", true},
		{"month: next issue after it", EventDate{Year: 2025, Month: 9}, 7, "2025-10-06", true},
		{"no year: any year", EventDate{Month: 11, Day: 6}, 7, "2023-11-13", true},
		{"no year: December event in January", EventDate{Month: 12, Day: 30}, 7, "2024-01-08", true},
		{"no year: outside", EventDate{Month: 11, Day: 6}, 7, "2023-12-13", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub, y := day(tt.pub)
			if got := window(tt.ev, tt.cadence).holds(pub, y); got != tt.in {
				t.Errorf("holds(%s) = %v, want %v", tt.pub, got, tt.in)
			}
		})
	}
	if window(EventDate{Year: 2025, Month: 11, Day: 6}, 7).holds(0, 0) {
		t.Error("an unknown publication date is in the window")
	}
}

func TestCadence(t *testing.T) {
	days := func(isos ...string) []int {
		var out []int
		for _, s := range isos {
			d, _ := day(s)
			out = append(out, d, d) // pages of one issue share its date
		}
		return out
	}
	tests := []struct {
		name string
		days []int
		want int
	}{
		{"weekly, one issue skipped", days("2025-09-29", "2025-10-13", "2025-10-20", "2025-10-27", "2025-11-03"), 7},
		{"daily with weekends off", days("2020-05-18", "2020-05-19", "2020-05-20", "2020-05-21", "2020-05-22", "2020-05-25"), 1},
		{"one date", days("2025-11-03"), 7},
		{"none", nil, 7},
	}
	for _, tt := range tests {
		if got := cadenceOf(tt.days); got != tt.want {
			t.Errorf("%s: cadence %d, want %d", tt.name, got, tt.want)
		}
	}
}
