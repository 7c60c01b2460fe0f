package retrieve

import (
	"reflect"
	"testing"
)

func TestAcronyms(t *testing.T) {
	tests := []struct {
		question string
		want     map[string][]string
	}{
		{"IASP的CEO叫什么名字", map[string][]string{"ceo": {"首席执行官"}}},
		{"这个游戏是PS2上出的吗", nil},            // no Chinese name: copied through
		{"ceo是谁", nil},                   // not typed as an acronym
		{"Who is the CEO of IASP?", nil}, // English questions are translated whole
	}
	for _, tt := range tests {
		if got := ParseQuery(tt.question).Acronyms; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q).Acronyms = %v, want %v", tt.question, got, tt.want)
		}
	}
}
