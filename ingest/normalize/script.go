package normalize

// tables.go (the characters OpenCC changes one way or the other) is
// generated from the opencc module this build uses.
//go:generate go run gen_tables.go

import (
	"log/slog"
	"sync"

	"github.com/longbridgeapp/opencc"
)

// Converters are loaded on first use: t2s takes ~6 ms and s2t ~70 ms to
// build, which a CLI start should not pay for text that needs neither.
var (
	t2sOnce, s2tOnce sync.Once
	t2s, s2t         *opencc.OpenCC
)

func converter(once *sync.Once, cc **opencc.OpenCC, name string) *opencc.OpenCC {
	once.Do(func() {
		c, err := opencc.New(name)
		if err != nil {
			// The dictionaries are embedded in the binary; failing here is a
			// build defect, so say so once and leave text unconverted.
			slog.Error("opencc unavailable; text left unconverted", "conversion", name, "err", err)
			return
		}
		*cc = c
	})
	return *cc
}

// ToSimplified converts Traditional Chinese to Simplified with OpenCC's t2s
// dictionaries. Text with no Traditional-only character is returned as is,
// without touching the converter.
func ToSimplified(s string) string {
	if !hasTraditional(s) {
		return s
	}
	c := converter(&t2sOnce, &t2s, "t2s")
	if c == nil {
		return s
	}
	out, err := c.Convert(s)
	if err != nil {
		return s
	}
	return out
}

// ToTraditional converts Simplified Chinese to Traditional with the
// variants Taiwan prints (OpenCC s2tw: 為, not 爲).
func ToTraditional(s string) string {
	c := converter(&s2tOnce, &s2t, "s2tw")
	if c == nil {
		return s
	}
	out, err := c.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasTraditional(s string) bool {
	for _, r := range s {
		if isTraditional(r) {
			return true
		}
	}
	return false
}

// IsTraditional reports whether s is written in Traditional Chinese: it has
// more Traditional-only characters than Simplified-only ones, and at least one.
func IsTraditional(s string) bool {
	trad, simp := 0, 0
	for _, r := range s {
		switch {
		case isTraditional(r):
			trad++
		case isSimplified(r):
			simp++
		}
	}
	return trad > 0 && trad > simp
}

// Membership sets for the generated tables, built once at start-up (~3k runes).
var tradSet, simpSet = runeSet(tradOnly), runeSet(simpOnly)

func runeSet(s string) map[rune]struct{} {
	m := make(map[rune]struct{}, len(s)/3)
	for _, r := range s {
		m[r] = struct{}{}
	}
	return m
}

func isTraditional(r rune) bool {
	if r < 0x3400 {
		return false
	}
	_, ok := tradSet[r]
	return ok
}

func isSimplified(r rune) bool {
	if r < 0x3400 {
		return false
	}
	_, ok := simpSet[r]
	return ok
}
