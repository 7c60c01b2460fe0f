package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeFrame is a place a question names, with the two characters either
// side of it: 上半年|广东|外贸 of 2025年上半年广东外贸进出口增长了多少.
type placeFrame struct {
	base          string // the name without its suffix (广东省 → 广东)
	before, after string // "" where no two Han characters stand
}

// placeSuffix are the administrative suffixes a name is printed with or
// without (广东省外贸, 广东外贸).
const placeSuffix = "省市县区州"

// framesOf are the frames of the places qnorm names (the question,
// normalized), 中国 left out: texts say 我国.
func framesOf(qnorm string) []placeFrame {
	var out []placeFrame
	eachPlace(qnorm, func(p string, at int) bool {
		if p != "中国" {
			out = append(out, placeFrame{base: trimSuffix(p), before: hanBefore(qnorm[:at]), after: hanAfter(qnorm[at+len(p):])})
		}
		return true
	})
	return out
}

// swapped reports whether an article (headline and text, normalized)
// reports the same thing of another place: it never prints a place the
// question names, and prints another in the same frame, the two
// characters either side — 上半年福建外贸 for 上半年广东外贸, 中国（青岛）海洋
// for 中国（大连）海洋. One side alone framed names read across words
// (道里 of 报道里锂源 against 苏州锂源). A reader asks of
// another city's forum or figures, or of an event the archive does not
// hold, and the report of the same kind elsewhere matches every other
// word. Whether the article prints another place anywhere is weighed by
// the models (place_clash); as a refusal, that cost right answers
// (docs/answering.md, round 18). The frame is the evidence it lacked.
func swapped(frames []placeFrame, article string) bool {
	for _, f := range frames {
		if f.before == "" || f.after == "" || strings.Contains(article, f.base) {
			continue
		}
		found := false
		eachPlace(article, func(o string, at int) bool {
			ob := trimSuffix(o)
			if o == "中国" || strings.Contains(ob, f.base) || strings.Contains(f.base, ob) {
				return true
			}
			rest := article[at+len(o):]
			if r, size := utf8.DecodeRuneInString(rest); o == ob && size > 0 && strings.ContainsRune(placeSuffix, r) {
				rest = rest[size:] // 福建省货物: the frame is past the suffix
			}
			found = f.before == hanBefore(article[:at]) && f.after == hanAfter(rest)
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// trimSuffix is a name without its administrative suffix (广东省 → 广东),
// where two characters are left.
func trimSuffix(p string) string {
	if r, size := utf8.DecodeLastRuneInString(p); utf8.RuneCountInString(p) > 2 && strings.ContainsRune(placeSuffix, r) {
		return p[:len(p)-size]
	}
	return p
}

// hanBefore and hanAfter are the two characters that end s and that
// begin it, when both are Han and the first of a following pair is no
// particle (的, 和…, which frame any noun).
func hanBefore(s string) string {
	s = strings.TrimRight(s, frameBrackets)
	r2, n2 := utf8.DecodeLastRuneInString(s)
	r1, n1 := utf8.DecodeLastRuneInString(s[:len(s)-n2])
	if n1 == 0 || !unicode.Is(unicode.Han, r1) || !unicode.Is(unicode.Han, r2) || strings.ContainsRune(frameParticles, r2) {
		return ""
	}
	return s[len(s)-n2-n1:]
}

func hanAfter(s string) string {
	s = strings.TrimLeft(s, frameBrackets)
	if r, size := utf8.DecodeRuneInString(s); size > 0 && strings.ContainsRune(placeSuffix, r) {
		s = s[size:]
	}
	r1, n1 := utf8.DecodeRuneInString(s)
	r2, n2 := utf8.DecodeRuneInString(s[n1:])
	if n2 == 0 || !unicode.Is(unicode.Han, r1) || !unicode.Is(unicode.Han, r2) || strings.ContainsRune(frameParticles, r1) {
		return ""
	}
	return s[:n1+n2]
}

// frameBrackets are passed over: 中国（青岛）海洋 frames 青岛 as 中国海洋.
const frameBrackets = "()（）"

// frameParticles frame any noun, so a frame beginning (or, before a
// place, ending) with one is none.
const frameParticles = "的和与及在了是为、"
