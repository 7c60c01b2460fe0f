package enstem

import "testing"

func TestPhrase(t *testing.T) {
	tests := []struct{ a, b string }{
		{"science parks", "science park"},
		{"held", "hold"},
		{"xi jinping", "xi jinping"},
	}
	for _, tt := range tests {
		if Phrase(tt.a) != Phrase(tt.b) {
			t.Errorf("Phrase(%q) = %q, Phrase(%q) = %q; want them equal", tt.a, Phrase(tt.a), tt.b, Phrase(tt.b))
		}
	}
	if Phrase("issued") == Phrase("issue") || Phrase("news") == Phrase("new") {
		t.Error("a distinct word met another word's stem")
	}
}

func TestStop(t *testing.T) {
	for w, want := range map[string]bool{"what": true, "does": true, "on": true, "forum": false, "china": false} {
		if Stop(w) != want {
			t.Errorf("Stop(%q) = %v, want %v", w, !want, want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dvořák", "Dvorak"},
		{"Pokémon", "Pokemon"},
		{"Drøbak", "Drøbak"}, // ø is a letter of its own, not o and a mark
		{"plain", "plain"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
