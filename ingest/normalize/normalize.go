// Package normalize derives the text that is indexed and matched from the
// text as printed: width folding, Traditional → Simplified, removal of the
// pinyin annotations left by some conversions (關(guān)), and removal of the
// spaces a print layout leaves between Chinese characters.
//
// The same function normalizes documents at ingest and questions at query
// time, so both sides always agree.
package normalize

//go:generate go run gen_tables.go

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// ForIndex is the normalization used for indexing and for queries:
// pinyin annotations stripped, widths folded, Latin lower-cased,
// Traditional converted to Simplified, layout spaces between CJK characters
// removed and other runs of white space collapsed to one space.
func ForIndex(s string) string {
	s = StripPinyin(s)
	s = Fold(s)
	s = strings.ToLower(s)
	s = ToSimplified(s)
	return RemoveLayoutSpaces(s)
}

// Fold maps full-width forms to their half-width equivalents (digits, Latin
// letters, ASCII punctuation, the ideographic space). Other characters,
// CJK punctuation such as 。 and 、 among them, are kept.
func Fold(s string) string {
	if isASCIIOrNoWide(s) {
		return s
	}
	return width.Fold.String(s)
}

func isASCIIOrNoWide(s string) bool {
	for _, r := range s {
		if (r >= 0xFF01 && r <= 0xFF5E) || r == 0x3000 || (r >= 0xFFE0 && r <= 0xFFEE) {
			return false
		}
	}
	return true
}

// IsCJK reports whether r is a Han character or CJK punctuation, the
// characters between which a print layout's spaces mean nothing.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || isCJKPunct(r)
}

// HanCount is how many Han characters s holds.
func HanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF0F) || (r >= 0xFF1A && r <= 0xFF20) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' || r == '•'
}

// RemoveLayoutSpaces drops white space that stands next to a CJK character
// on either side ("论 坛" → "论坛", "主宾国, 主宾省" → "主宾国,主宾省")
// and collapses other runs of white space, newlines included, to one space.
// Spaces between Latin words are kept.
func RemoveLayoutSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // last rune written, 0 at start
	pendingSpace := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pendingSpace = true
			continue
		}
		if pendingSpace {
			if prev != 0 && !IsCJK(prev) && !IsCJK(r) && !isLooseLatinPunct(prev) {
				b.WriteByte(' ')
			}
			pendingSpace = false
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// Half-width punctuation after which a layout space is also noise in
// Chinese text ("主宾国为白俄罗斯共和国, 主宾省").
func isLooseLatinPunct(r rune) bool {
	return r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '"'
}

// StripPinyin removes pinyin annotations that follow a Han character, as in
// "中關(guān)村" → "中關村". Only one parenthesized syllable of lower-case
// letters with a tone mark (or ü) is removed, so "(IASP)", "(Ebba Lund)",
// "(记者 张伟)" and "(2024—2027年)" stay.
func StripPinyin(s string) string {
	if !strings.Contains(s, "(") && !strings.Contains(s, "（") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '(' || r == '（') && unicode.Is(unicode.Han, prev) {
			if n := pinyinAnnotation(s[i+size:]); n > 0 {
				i += size + n
				continue
			}
		}
		b.WriteRune(r)
		prev = r
		i += size
	}
	return b.String()
}

// pinyinAnnotation returns the length of "syllable)" at the start of s, or 0.
func pinyinAnnotation(s string) int {
	toned, letters := false, 0
	for i, r := range s {
		switch {
		case r == ')' || r == '）':
			if letters >= 1 && letters <= 6 && toned {
				return i + utf8.RuneLen(r)
			}
			return 0
		case r >= 'a' && r <= 'z':
			letters++
		case strings.ContainsRune(tonedVowels, r):
			letters++
			toned = true
		default:
			return 0
		}
		if letters > 6 {
			return 0
		}
	}
	return 0
}

const tonedVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
