package main

import "testing"

func TestCleanKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"to hold (a meeting, ceremony etc)", "hold"},
		{"the Great Wall", "great wall"},
		{"company", "company"},
		{"to be born", "born"}, // asked as "was … born"
		{"to be", ""},
		{"what?", ""},    // a question word alone
		{"how many", ""}, // function words only
		{"(coll.) Bilibili 彈幕|弹幕[dan4 mu4]", "bilibili"},
		{"one two three four five six seven", ""}, // a definition, not a name
		{"", ""},
	}
	for _, tt := range tests {
		if got := cleanKey(tt.in); got != tt.want {
			t.Errorf("cleanKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProperName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zhong1 guan1 cun1", "zhongguancun"},
		{"Xi2 Jin4 ping2", "xi jinping"},
		{"Lu:3 Xun4", "lv xun"},
		{"gong1 si1", ""}, // a common noun
		{"C Luo2", ""},    // a letter in the name
		{"", ""},
	}
	for _, tt := range tests {
		if got := properName(tt.in); got != tt.want {
			t.Errorf("properName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSkipGloss(t *testing.T) {
	for g, want := range map[string]bool{
		"surname Wang":           true,
		"variant of 逼格[bi1 ge2]": true,
		"CL:個|个[ge4]":            true,
		"company":                false,
	} {
		if got := skipGloss(g); got != want {
			t.Errorf("skipGloss(%q) = %v, want %v", g, got, want)
		}
	}
}
