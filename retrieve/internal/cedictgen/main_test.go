package main

import (
	"slices"
	"testing"
)

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
		{"1", ""}, // "1,4-benzoquinone" before its comma: a number is searched as typed
		{"4 o'clock", "4 o'clock"},
		{"H", ""}, // a letter alone is a code
		{"vitamin C", "vitamin c"},
		{"Drøbak (city in Akershus, Norway)", ""}, // had keyed "dr"
		{"Pokémon", "pokemon"},
		{"Antonín Dvořák", "antonin dvorak"},
	}
	for _, tt := range tests {
		if got := cleanKey(tt.in); got != tt.want {
			t.Errorf("cleanKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKinNoun(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"older brother", "brother", true},
		{"maternal grandfather", "grandfather", true},
		{"Younger sister", "sister", true},
		{"brother", "", false},
		{"older generation of the family", "", false},
		{"big brother", "", false}, // a size, and Orwell's
	}
	for _, tt := range tests {
		got, ok := kinNoun(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("kinNoun(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
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

func TestSyllableKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"chen2", []string{"chen"}},
		{"Chen2", []string{"chen"}}, // a surname's entry
		{"lu:3", []string{"lv", "lu"}},
		{"nu:3", []string{"nv", "nu"}},
		{"r5", nil},   // the 儿 suffix
		{"ng2", nil},  // an interjection
		{"A A5", nil}, // not one syllable
		{"", nil},
	}
	for _, tt := range tests {
		if got := syllableKeys(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("syllableKeys(%q) = %q, want %q", tt.in, got, tt.want)
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

func TestAddName(t *testing.T) {
	tests := []struct {
		gloss string
		want  []string
	}{
		{"Los Angeles Clippers (NBA team)", []string{"@clippers"}},
		{"J.R.R. Tolkien (1892-1973), British philologist", []string{"@tolkien"}},
		{"Manhattan island", []string{"@manhattan"}},
		{"Taitung County", []string{"@taitung"}},                                       // the kind of place is passed over
		{"Gordon Liu (1955-), Hong Kong action actor", nil},                            // a short surname: no name alone
		{"The Lord of the Rings by J.R.R. Tolkien", []string{"The Lord of the Rings"}}, // the title; too long a name
		{"Chenggong town in Taitung County in southeast Taiwan", nil},                  // a description
	}
	for _, tt := range tests {
		var got []string
		addName(func(key, _ string, _ int) { got = append(got, key) }, tt.gloss, "词", 0)
		if !slices.Equal(got, tt.want) {
			t.Errorf("addName(%q) added %q, want %q", tt.gloss, got, tt.want)
		}
	}
}

func TestSpells(t *testing.T) {
	tests := []struct {
		acronym, gloss string
		want           bool
	}{
		{"CEO", "chief executive officer ", true},
		{"ADP", "adenosine diphosphate ", true},                  // a word gives two letters
		{"ACFTU", "All-China Federation of Trade Unions ", true}, // a joining word gives none
		{"CDC", "Centers for Disease Control and Prevention ", true},
		{"NBA", "Chinese basketball player for the New Jersey Nets ", false}, // where, not what
		{"UTC", "Coordinated Universal Time ", false},                        // not its initials
		{"GDP", "", false},
	}
	for _, tt := range tests {
		if got := spells(tt.acronym, tt.gloss); got != tt.want {
			t.Errorf("spells(%q, %q) = %v, want %v", tt.acronym, tt.gloss, got, tt.want)
		}
	}
}

func TestDemonym(t *testing.T) {
	tests := []struct{ gloss, simp, adj, place string }{
		{"Korean (person)", "韩国人", "Korean", "韩国"},
		{"German person or people", "德国人", "German", "德国"},
		{"Dutch (language)", "荷兰语", "Dutch", "荷兰"},
		{"German (language)", "德语", "", ""}, // 德 alone is many words' part
		{"Frenchman", "法国人", "", ""},
		{"worker", "工人", "", ""},
		{"Korean War (1950-1953)", "朝鲜战争", "", ""},
	}
	for _, tt := range tests {
		if adj, place := demonym(tt.gloss, tt.simp); adj != tt.adj || place != tt.place {
			t.Errorf("demonym(%q, %q) = %q, %q, want %q, %q", tt.gloss, tt.simp, adj, place, tt.adj, tt.place)
		}
	}
}
