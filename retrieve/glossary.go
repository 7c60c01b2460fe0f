package retrieve

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// TranslateQuery rewrites an English question into Simplified Chinese
// search terms from a built-in news-domain glossary, so that the offline
// lexical retriever, which matches Chinese character bigrams, can find
// Chinese articles for it.
//
// Phrases are matched case-insensitively over word boundaries, longest
// first, after light stemming ("parks" → "park", "held" → "hold"); a
// possessive "'s" is ignored and a hyphen separates words ("high-tech" is
// "high tech"). The Chinese terms of the matched phrases are written in
// question order, separated by spaces, each term once. Numbers (2025, 50.4,
// "1,800" as 1800), acronyms and model-like names (IASP, G60, 6G,
// InnoMatch) and runs of Chinese characters are copied through; an
// unmatched ordinal becomes 第N ("25th" → 第二十五), and "5 billion" 50亿
// as the paper writes it. Other unmatched words are dropped: they would
// match nothing in Chinese text. matched counts the phrase matches.
func TranslateQuery(q string) (zh string, matched int) {
	var outArr [256]byte
	var segArr [32][2]int
	out, segs := outArr[:0], segArr[:0]
	matched = translate(q, func(term string, _ int) { out, segs = addTerm(out, segs, term) })
	if len(out) == 0 {
		return "", matched
	}
	return string(out), matched
}

// TranslateGroups is TranslateQuery keeping the structure: one group per
// matched phrase or copied token, each holding its alternatives
// ("held" → 举办, 举行, 召开). An answerer needs one alternative of a group
// found, not all.
func TranslateGroups(q string) [][]string {
	var groups [][]string
	translate(q, func(term string, group int) {
		for len(groups) <= group {
			groups = append(groups, nil)
		}
		groups[group] = append(groups[group], term)
	})
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// translate calls emit with every Chinese term of q and the number of the
// group (phrase or token) it belongs to, and returns how many glossary
// phrases matched.
func translate(q string, emit func(term string, group int)) (matched int) {
	g := loadGlossary()

	var lowArr, casedArr [256]byte
	var tokArr [48]enToken
	toks, low, cased := tokenizeEnglish(tokArr[:0], lowArr[:0], casedArr[:0], q)

	var classArr [48]uint16
	classes := classArr[:0]
	var stemArr [64]byte
	for _, t := range toks {
		var c uint16
		if t.kind == enWord {
			c = g.wordClass(low[t.lo:t.hi], stemArr[:0])
		}
		classes = append(classes, c)
	}

	shouting := isShouting(toks, cased)
	group := 0
	for i := 0; i < len(toks); group++ {
		if i+1 < len(toks) && toks[i].kind == enWord && toks[i+1].kind == enWord {
			var buf [48]byte
			if num, ok := scaleNumber(buf[:0], low[toks[i].lo:toks[i].hi], low[toks[i+1].lo:toks[i+1].hi]); ok {
				emit(string(num), group)
				i += 2
				continue
			}
		}
		if n, e := g.longest(classes[i:]); n > 0 {
			matched++
			for rest := g.zh[e]; rest != ""; {
				term, after, _ := strings.Cut(rest, " ")
				emit(term, group)
				rest = after
			}
			i += n
			continue
		}
		t := toks[i]
		switch t.kind {
		case enHan:
			emit(q[t.start:t.end], group)
		case enWord:
			var pt [64]byte
			if b, _ := addPassthrough(pt[:0], nil, cased[t.lo:t.hi], shouting); len(b) > 0 {
				emit(string(b), group)
			}
		}
		i++
	}
	return matched
}

// addTerm appends s to out unless it is there already; segs are the spans
// of the terms in out. Slices go in and out by value so that they can stay
// on the caller's stack.
func addTerm(out []byte, segs [][2]int, s string) ([]byte, [][2]int) {
	for _, sg := range segs {
		if string(out[sg[0]:sg[1]]) == s {
			return out, segs
		}
	}
	if len(out) > 0 {
		out = append(out, ' ')
	}
	segs = append(segs, [2]int{len(out), len(out) + len(s)})
	return append(out, s...), segs
}

// addPassthrough adds an unmatched token that can occur as it is in the
// archive: a number, an ordinal (as 第N), a letter-digit name such as G60 or
// 6G, an acronym (IASP) or a CamelCase name (InnoMatch). In an all-capitals
// question every word looks like an acronym, so only tokens with digits
// pass then.
func addPassthrough(out []byte, segs [][2]int, w []byte, shouting bool) ([]byte, [][2]int) {
	digits, upper, lower := 0, 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c == '.':
		default:
			return out, segs // not ASCII: a name the glossary lacks
		}
	}
	switch {
	case digits > 0:
		if n, ok := parseOrdinal(w); ok {
			var buf [32]byte
			return addTerm(out, segs, string(appendOrdinal(buf[:0], n)))
		}
		return addTerm(out, segs, string(w))
	case shouting || len(w) < 2:
	case lower == 0 || hasInnerUpper(w):
		return addTerm(out, segs, string(w))
	}
	return out, segs
}

func hasInnerUpper(w []byte) bool {
	for _, c := range w[1:] {
		if c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// isShouting reports whether the question is written in capitals, where
// capitalisation says nothing about acronyms.
func isShouting(toks []enToken, cased []byte) bool {
	words := 0
	for _, t := range toks {
		if t.kind != enWord {
			continue
		}
		w := cased[t.lo:t.hi]
		letters := false
		for _, c := range w {
			if c >= 'a' && c <= 'z' {
				return false
			}
			if c >= 'A' && c <= 'Z' {
				letters = true
			}
		}
		if letters {
			words++
		}
	}
	return words > 3
}

// ordinal parses "1st" … "99th".
func parseOrdinal(w []byte) (int, bool) {
	n, i := 0, 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		n = n*10 + int(w[i]-'0')
		i++
	}
	if i == 0 || i > 2 || n == 0 || len(w)-i != 2 {
		return 0, false
	}
	a, b := w[i]|0x20, w[i+1]|0x20 // ASCII lower case
	switch {
	case a == 's' && b == 't', a == 'n' && b == 'd', a == 'r' && b == 'd', a == 't' && b == 'h':
		return n, true
	}
	return 0, false
}

var cnDigits = [...]string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// appendOrdinal writes n (1–99) the way the paper numbers sessions and
// batches: 第二十五届, 第二批.
func appendOrdinal(dst []byte, n int) []byte {
	dst = append(dst, "第"...)
	tens, ones := n/10, n%10
	if tens > 1 {
		dst = append(dst, cnDigits[tens]...)
	}
	if tens > 0 {
		dst = append(dst, "十"...)
	}
	return append(dst, cnDigits[ones]...)
}

// scaleNumber writes "5 billion" the way the paper writes it, 50亿, and
// likewise million as 万 (×100) and trillion as 万亿. It reports false when
// num is not a plain decimal number or scale not such a word.
func scaleNumber(dst, num, scale []byte) ([]byte, bool) {
	var shift int
	var unit string
	switch string(scale) {
	case "million":
		shift, unit = 2, "万"
	case "billion":
		shift, unit = 1, "亿"
	case "trillion":
		shift, unit = 0, "万亿"
	default:
		return dst, false
	}
	intPart, frac, dot := num, []byte(nil), bytes.IndexByte(num, '.')
	if dot >= 0 {
		intPart, frac = num[:dot], num[dot+1:]
	}
	if len(intPart) == 0 || bytes.IndexByte(frac, '.') >= 0 {
		return dst, false
	}
	for _, c := range intPart {
		if c < '0' || c > '9' {
			return dst, false
		}
	}
	for _, c := range frac {
		if c < '0' || c > '9' {
			return dst, false
		}
	}
	// Move the decimal point shift places right, padding with zeros.
	start := len(dst)
	dst = append(dst, intPart...)
	for k := 0; k < shift; k++ {
		if k < len(frac) {
			dst = append(dst, frac[k])
		} else {
			dst = append(dst, '0')
		}
	}
	if shift < len(frac) {
		dst = append(dst, '.')
		dst = append(dst, frac[shift:]...)
		for dst[len(dst)-1] == '0' {
			dst = dst[:len(dst)-1]
		}
		if dst[len(dst)-1] == '.' {
			dst = dst[:len(dst)-1]
		}
	}
	for len(dst)-start > 1 && dst[start] == '0' && dst[start+1] != '.' {
		dst = append(dst[:start], dst[start+1:]...)
	}
	return append(dst, unit...), true
}

// Tokens of a question.
type enTokKind uint8

const (
	enWord enTokKind = iota + 1 // letters and digits; lo:hi index low and cased
	enHan                       // a run of Han characters; start:end index q
)

type enToken struct {
	kind       enTokKind
	start, end int // byte span in the question
	lo, hi     int // span in the lower-case and cased word buffers
}

// tokenize splits s into words and Han runs. A word is a run of letters and
// digits; inside it an apostrophe between letters is dropped (Xiong'an →
// xiongan), a possessive 's or trailing apostrophe ends it, "." between
// digits is kept (50.4) and "," between digits is dropped (1,800 → 1800).
// Everything else, hyphens included, separates words. Each word is written
// lower-cased to low and as typed to cased.
func tokenizeEnglish(toks []enToken, low, cased []byte, s string) ([]enToken, []byte, []byte) {
	i := 0
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && !isASCIIAlnum(c) {
			i++ // fast path: ASCII space and punctuation
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x3400 && unicode.Is(unicode.Han, r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if r2 < 0x3400 || !unicode.Is(unicode.Han, r2) {
					break
				}
				j += sz
			}
			toks = append(toks, enToken{kind: enHan, start: i, end: j})
			i = j
		case isEnglishWordRune(r):
			t := enToken{kind: enWord, start: i, lo: len(low)}
			j := i
			for j < len(s) {
				if c := s[j]; isASCIIAlnum(c) { // fast path
					low = append(low, asciiLower(c))
					cased = append(cased, c)
					j++
					continue
				}
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if isEnglishWordRune(r2) {
					low = utf8.AppendRune(low, unicode.ToLower(r2))
					cased = utf8.AppendRune(cased, r2)
					j += sz
					continue
				}
				prev := lastRuneIn(s[:j])
				next, nsz := utf8.DecodeRuneInString(s[j+sz:])
				if r2 == '\'' || r2 == '’' {
					if (next == 's' || next == 'S') && !isEnglishWordRune(runeAtByte(s, j+sz+nsz)) {
						j += sz + nsz // possessive: drop 's
						break
					}
					if unicode.IsLetter(prev) && unicode.IsLetter(next) && next < 0x3400 {
						j += sz
						continue
					}
					break
				}
				if isASCIIDigit(prev) && isASCIIDigit(next) {
					if r2 == '.' {
						low = append(low, '.')
						cased = append(cased, '.')
						j += sz
						continue
					}
					if r2 == ',' && isThousandsGroup(s[j+sz:]) {
						j += sz
						continue
					}
				}
				break
			}
			t.end, t.hi = j, len(low)
			toks = append(toks, t)
			if j == i { // cannot happen: r is a word rune; guard against looping
				j += size
			}
			i = j
		default:
			i += size
		}
	}
	return toks, low, cased
}

func isEnglishWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r)
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func asciiLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// isThousands reports whether s starts with exactly three digits and no more.
func isThousandsGroup(s string) bool {
	if len(s) < 3 || !isASCIIDigit(rune(s[0])) || !isASCIIDigit(rune(s[1])) || !isASCIIDigit(rune(s[2])) {
		return false
	}
	return len(s) == 3 || !isASCIIDigit(rune(s[3]))
}

func lastRuneIn(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func runeAtByte(s string, i int) rune {
	if i >= len(s) {
		return utf8.RuneError
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// stem reduces an English word to a crude stem so that inflected forms meet:
// plural -s/-es/-ies, past -ed, -ing, doubled consonants and a final -e, plus
// a table of irregularVerbs verbs. Both glossary phrases and questions go through
// it, so the stems only need to agree with each other, not be words.
func stemEnglish(dst, w []byte) []byte {
	if base, ok := irregularVerbs[string(w)]; ok {
		w = append(dst[:0], base...)
	} else {
		w = append(dst[:0], w...)
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	if len(w) < 4 {
		return w
	}
	n := len(w)
	switch {
	case hasSuffixBytes(w, "ies") && n >= 5:
		w = append(w[:n-3], 'y')
	case hasSuffixBytes(w, "sses"):
		w = w[:n-2]
	case hasSuffixBytes(w, "es") && n >= 5 && (hasSuffixBytes(w[:n-2], "s") || hasSuffixBytes(w[:n-2], "x") ||
		hasSuffixBytes(w[:n-2], "z") || hasSuffixBytes(w[:n-2], "ch") || hasSuffixBytes(w[:n-2], "sh")):
		w = w[:n-2]
	case hasSuffixBytes(w, "s") && !hasSuffixBytes(w, "ss") && !hasSuffixBytes(w, "us") && !hasSuffixBytes(w, "is"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case hasSuffixBytes(w, "ied") && n >= 5:
		w = append(w[:n-3], 'y')
	case hasSuffixBytes(w, "ing") && n-3 >= 3 && hasVowelByte(w[:n-3]):
		w = undoubleEnding(w[:n-3])
	case hasSuffixBytes(w, "ed") && n-2 >= 3 && hasVowelByte(w[:n-2]) && !notPastTense[string(w)]:
		w = undoubleEnding(w[:n-2])
	}
	if len(w) >= 4 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func hasSuffixBytes(w []byte, suf string) bool {
	return len(w) >= len(suf) && string(w[len(w)-len(suf):]) == suf
}

func hasVowelByte(w []byte) bool {
	for _, c := range w {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
	}
	return false
}

// undouble turns "plann" into "plan"; l, s and z stay doubled (call, pass).
func undoubleEnding(w []byte) []byte {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] {
		switch w[n-1] {
		case 'a', 'e', 'i', 'o', 'u', 'l', 's', 'z':
			return w
		}
		return w[:n-1]
	}
	return w
}

// notPastTense end in -ed without being a past tense.
var notPastTense = map[string]bool{
	"embed": true, "speed": true, "need": true, "seed": true, "feed": true,
	"breed": true, "hundred": true, "shed": true, "shred": true,
}

// irregularVerbs maps irregularVerbs verb forms likely in questions to their base.
var irregularVerbs = map[string]string{
	"held": "hold", "built": "build", "led": "lead", "made": "make",
	"won": "win", "began": "begin", "begun": "begin", "met": "meet",
	"gave": "give", "given": "give", "took": "take", "taken": "take",
	"said": "say", "chose": "choose", "chosen": "choose",
	"wrote": "write", "written": "write", "grew": "grow", "grown": "grow",
	"brought": "bring", "spoke": "speak", "spoken": "speak", "went": "go",
	"saw": "see", "seen": "see", "did": "do", "done": "do", "sent": "send",
	"set": "set", "rose": "rise", "risen": "rise", "drew": "draw",
	"drawn": "draw", "laid": "lay", "shown": "show", "sought": "seek",
	"taught": "teach", "thought": "think", "became": "become",
	"children": "child", "people": "person", "women": "woman", "men": "man",
}

// glossIndex is the glossary compiled for matching. Each word of a phrase
// belongs to a class of words with the same stem, numbered from 1; a phrase
// is the array of its word classes, so a lookup hashes a fixed-size key and
// allocates nothing.
type glossIndex struct {
	words map[string]uint16 // phrase word → class
	stems map[string]uint16 // stem → class
	// phrases maps every phrase to its entry, and every proper prefix of a
	// phrase that is not itself one to -1, so matching stops extending as
	// soon as no phrase can follow.
	phrases map[phraseKey]int32
	zh      []string // by entry
}

const maxPhraseWords = 12

type phraseKey [maxPhraseWords]uint16

// distinctWords keep a class of their own though they share a stem with
// another word: "issued" (印发) is not "issue" (期), "news" is not "new".
var distinctWords = map[string]bool{"issued": true, "news": true}

// wordClass returns the class of w (lower-case), directly or through its
// stem, or 0 when no phrase has such a word.
func (g *glossIndex) wordClass(w, scratch []byte) uint16 {
	if c, ok := g.words[string(w)]; ok {
		return c
	}
	return g.stems[string(stemEnglish(scratch, w))]
}

// longest returns the length in words and the entry of the longest phrase
// at the start of classes, or 0.
func (g *glossIndex) longest(classes []uint16) (int, int32) {
	var k phraseKey
	bestN, best := 0, int32(0)
	for n := 0; n < len(classes) && n < maxPhraseWords && classes[n] != 0; n++ {
		k[n] = classes[n]
		e, ok := g.phrases[k]
		if !ok {
			break
		}
		if e >= 0 {
			bestN, best = n+1, e
		}
	}
	return bestN, best
}

var (
	glossOnce sync.Once
	glossIdx  *glossIndex
)

func loadGlossary() *glossIndex {
	glossOnce.Do(func() {
		g, err := buildGlossary(glossary)
		if err != nil {
			// The glossary is compiled in and its test builds it; a defect
			// here loses only the bad entries, which buildGlossary skipped.
			slog.Error("glossary has bad entries; they are skipped", "err", err)
		}
		glossIdx = g
	})
	return glossIdx
}

// buildGlossary compiles entries. Bad entries (empty, too long, a phrase
// that after stemming is another's) are skipped and reported together in
// the error.
func buildGlossary(entries []glossEntry) (*glossIndex, error) {
	g := &glossIndex{
		words:   make(map[string]uint16, 1024),
		stems:   make(map[string]uint16, 1024),
		phrases: make(map[phraseKey]int32, 2*len(entries)),
		zh:      make([]string, 0, len(entries)),
	}
	classes := 0
	var problems []string
	var tokArr [16]enToken
	var lowArr, casedArr [128]byte
	var stemBuf [64]byte
	for _, e := range entries {
		toks, low, _ := tokenizeEnglish(tokArr[:0], lowArr[:0], casedArr[:0], e.en)
		switch {
		case e.zh == "" || len(toks) == 0:
			problems = append(problems, fmt.Sprintf("%q: empty", e.en))
			continue
		case len(toks) > maxPhraseWords:
			problems = append(problems, fmt.Sprintf("%q: more than %d words", e.en, maxPhraseWords))
			continue
		}
		var k phraseKey
		bad := false
		for i, t := range toks {
			if t.kind != enWord || classes >= 1<<16-1 {
				bad = true
				break
			}
			w := low[t.lo:t.hi]
			c, ok := g.words[string(w)]
			if !ok {
				ws := substringOf(e.en, w)
				st := substringOf(ws, stemEnglish(stemBuf[:0], w))
				if c, ok = g.stems[st]; !ok || distinctWords[ws] {
					classes++
					c = uint16(classes)
					if !distinctWords[ws] {
						g.stems[st] = c
					}
				}
				g.words[ws] = c
			}
			k[i] = c
		}
		if bad {
			problems = append(problems, fmt.Sprintf("%q: not plain words", e.en))
			continue
		}
		if prev, ok := g.phrases[k]; ok && prev >= 0 {
			problems = append(problems, fmt.Sprintf("%q: same phrase as the one for %q", e.en, g.zh[prev]))
			continue
		}
		g.phrases[k] = int32(len(g.zh))
		g.zh = append(g.zh, e.zh)
		for n := len(toks) - 1; n > 0; n-- {
			var p phraseKey
			copy(p[:n], k[:n])
			if _, ok := g.phrases[p]; !ok {
				g.phrases[p] = -1
			}
		}
	}
	if len(problems) > 0 {
		return g, fmt.Errorf("building glossary: %d bad entries: %v", len(problems), problems)
	}
	return g, nil
}

// substringOf returns b as a string, sharing s's memory when b occurs in s
// (a word of a lower-case phrase, a stem that is a prefix of its word), so
// building the glossary allocates little.
func substringOf(s string, b []byte) string {
	if i := strings.Index(s, string(b)); i >= 0 {
		return s[i : i+len(b)]
	}
	return string(b)
}

// glossEntry is one English phrase and its Chinese search terms, several
// alternatives separated by spaces, written as the archive writes them.
type glossEntry struct{ en, zh string }

// glossary is English → Simplified Chinese as the China High-Tech Industry
// Herald writes it. Every phrase is matched after stemming, so one form of
// a word covers its plural and tenses; irregularVerbs spellings, abbreviations
// and word orders a question may use are listed as their own entries.
var glossary = []glossEntry{
	// Forums, conferences and events.
	{"pujiang innovation forum", "浦江创新论坛"},
	{"pujiang forum", "浦江创新论坛"},
	{"pujiang", "浦江"},
	{"zhongguancun forum", "中关村论坛"},
	{"zgc forum", "中关村论坛"},
	{"zhongguancun", "中关村"},
	{"zgc", "中关村"},
	{"zhongguancun science park", "中关村"},
	{"torch forum", "火炬论坛"},
	{"world computing conference", "世界计算大会"},
	{"world cities day", "世界城市日"},
	{"china international industry fair", "中国国际工业博览会"},
	{"ciif", "中国国际工业博览会"},
	{"international industry fair", "国际工业博览会"},
	{"industry fair", "工业博览会"},
	{"expo", "博览会"},
	{"fair", "博览会"},
	{"iasp world conference", "IASP 世界大会 国际科技园区协会"},
	{"world conference", "世界大会"},
	{"world leading science park development forum", "世界领先科技园区发展论坛"},
	{"world leading science park", "世界领先科技园区"},
	{"world leading sci tech park", "世界领先科技园区"},
	{"national high tech zone development strategy research annual conference", "全国高新区发展战略研究年会"},
	{"development strategy research annual conference", "发展战略研究年会"},
	{"national high tech zone innovation and development forum", "国家高新区创新发展论坛"},
	{"innomatch", "InnoMatch 技术转移大会"},
	{"westart", "WeStart 创业投资大会"},
	{"technology transfer conference", "技术转移大会"},
	{"venture capital conference", "创业投资大会"},
	{"opening ceremony", "开幕式"},
	{"main forum", "主论坛"},
	{"thematic forum", "专题论坛"},
	{"sub forum", "专题论坛 平行论坛 分论坛"},
	{"parallel forum", "平行论坛"},
	{"parallel session", "平行论坛"},
	{"forum", "论坛"},
	{"conference", "大会 会议"},
	{"annual conference", "年会"},
	{"annual meeting", "年会"},
	{"meeting", "会议"},
	{"symposium", "座谈会"},
	{"work symposium", "工作座谈会"},
	{"national high tech and industry development work symposium", "全国工业和信息化高新技术及产业发展工作座谈会"},
	{"high tech and industry development", "高新技术及产业发展"},
	{"signing ceremony", "签约仪式"},
	{"matchmaking conference", "对接大会"},
	{"matchmaking", "对接"},
	{"special dialogue", "特别对话"},
	{"young scientists symposium", "青年科学家座谈会"},
	{"youth innovation lecture", "青年创新讲坛"},
	{"china belarus year of science and technology innovation", "中白科技创新年"},
	{"china belarus", "中白"},
	{"sino belarusian", "中白"},
	{"main venue event", "主场活动"},
	{"china main event", "中国主场活动"},
	{"home event", "主场活动"},
	{"event", "活动"},
	{"activity", "活动"},
	{"exhibition", "展览 展"},
	{"theme exhibition", "主题展览"},
	{"exhibition area", "展览区"},
	{"innovation achievements exhibition", "创新成果展"},
	{"achievements exhibition", "成果展"},
	{"national day", "国庆节"},
	{"national day holiday", "国庆节 放假"},
	{"holiday", "放假"},
	{"fourth plenary session", "四中全会"},
	{"fourth plenary session of the 20th cpc central committee", "二十届四中全会"},
	{"fourth plenary session of the 20th central committee", "二十届四中全会"},
	{"20th cpc central committee", "二十届"},
	{"20th central committee", "二十届"},
	{"plenary session", "全会"},
	{"keynote report", "主旨报告"},
	{"keynote speech", "主旨演讲"},
	{"keynote", "主旨"},
	{"group discussion", "分组讨论"},
	{"panel discussion", "分组讨论"},

	// Places.
	{"shanghai", "上海"},
	{"hangzhou", "杭州"},
	{"hefei", "合肥"},
	{"xiongan new area", "雄安新区"},
	{"xiong an new area", "雄安新区"},
	{"xiongan", "雄安"},
	{"xiong an", "雄安"},
	{"xiongan high tech zone", "雄安高新区"},
	{"hebei", "河北"},
	{"hebei province", "河北省"},
	{"chongqing", "重庆"},
	{"changsha", "长沙"},
	{"hunan", "湖南"},
	{"hunan province", "湖南省"},
	{"anhui", "安徽"},
	{"anhui province", "安徽省"},
	{"yangtze river delta", "长三角"},
	{"yangtze delta", "长三角"},
	{"beijing", "北京"},
	{"liaoning", "辽宁"},
	{"liaoning province", "辽宁省"},
	{"tiananmen square", "天安门广场"},
	{"tiananmen", "天安门"},
	{"suzhou", "苏州"},
	{"nanjing", "南京"},
	{"wuhan", "武汉"},
	{"zhangjiang", "张江"},
	{"zhangjiang high tech zone", "张江高新区"},
	{"east lake", "东湖"},
	{"donghu", "东湖"},
	{"east lake high tech zone", "东湖高新区"},
	{"guangzhou", "广州"},
	{"guangzhou high tech zone", "广州高新区"},
	{"hangzhou high tech zone", "杭州高新区"},
	{"zhejiang", "浙江"},
	{"zhejiang province", "浙江省"},
	{"jiangsu", "江苏"},
	{"guangdong", "广东"},
	{"tianjin", "天津"},
	{"beijing tianjin hebei", "京津冀"},
	{"jing jin ji", "京津冀"},
	{"shenzhen", "深圳"},
	{"daxing", "大兴"},
	{"haidian", "海淀"},
	{"chaoyang", "朝阳"},
	{"changping", "昌平"},
	{"cambridge", "剑桥"},
	{"huaihe", "淮河"},
	{"huai river", "淮河"},
	{"huaihe river", "淮河"},
	{"g60 science and innovation corridor", "G60 科创走廊"},
	{"g60 sci tech innovation corridor", "G60 科创走廊"},
	{"g60 corridor", "G60 科创走廊"},
	{"innovation corridor", "科创走廊"},
	{"science and innovation corridor", "科创走廊"},
	{"corridor", "走廊"},
	{"hong kong", "香港 港澳台"},
	{"macao", "澳门 港澳台"},
	{"macau", "澳门 港澳台"},
	{"taiwan", "台湾 港澳台"},
	{"hong kong macao and taiwan", "港澳台"},
	{"comprehensive bonded zone", "综合保税区"},
	{"bonded zone", "保税区"},
	{"province", "省"},
	{"provincial", "省级"},
	{"municipality", "市"},
	{"city", "城市"},
	{"region", "地区 区域"},
	{"regional", "区域"},
	{"cross regional", "跨区域"},
	{"countries and regions", "国家和地区"},
	{"nationwide", "全国"},
	{"national", "国家 全国"},
	{"local", "地方"},
	{"overseas", "海外"},
	{"domestic and foreign", "国内外"},
	{"at home and abroad", "国内外"},

	// Countries.
	{"belarus", "白俄罗斯"},
	{"belarusian", "白俄罗斯"},
	{"republic of belarus", "白俄罗斯共和国"},
	{"china", "中国 我国 全国"},
	{"chinese", "中国"},
	{"united states", "美国"},
	{"u s", "美国"},
	{"usa", "美国"},
	{"america", "美国"},
	{"american", "美国"},
	{"germany", "德国"},
	{"german", "德国"},
	{"switzerland", "瑞士"},
	{"swiss", "瑞士"},
	{"denmark", "丹麦"},
	{"danish", "丹麦"},
	{"united kingdom", "英国"},
	{"uk", "英国"},
	{"britain", "英国"},
	{"british", "英国"},
	{"indonesia", "印度尼西亚"},
	{"indonesian", "印度尼西亚"},
	{"russia", "俄罗斯"},
	{"russian", "俄罗斯"},
	{"brazil", "巴西"},
	{"brazilian", "巴西"},
	{"india", "印度"},
	{"japan", "日本"},
	{"france", "法国"},
	{"south korea", "韩国"},
	{"singapore", "新加坡"},
	{"country", "国家"},

	// Organizations.
	{"ministry of science and technology", "科技部 科学技术部"},
	{"science and technology ministry", "科技部 科学技术部"},
	{"ministry of industry and information technology", "工业和信息化部"},
	{"miit", "工业和信息化部"},
	{"industry and information technology", "工业和信息化"},
	{"national development and reform commission", "国家发展和改革委"},
	{"ndrc", "国家发展和改革委"},
	{"torch center", "火炬中心"},
	{"torch high technology industry development center", "火炬高技术产业开发中心 火炬中心"},
	{"torch high tech industry development center", "火炬高技术产业开发中心 火炬中心"},
	{"torch", "火炬"},
	{"torch program", "火炬"},
	{"xinhua", "新华社"},
	{"xinhua news agency", "新华社"},
	{"iasp", "国际科技园区协会 IASP"},
	{"international association of science parks", "国际科技园区协会 IASP"},
	{"international association of science parks and areas of innovation", "国际科技园区协会 IASP"},
	{"comac", "中国商飞"},
	{"commercial aircraft corporation of china", "中国商飞"},
	{"science and technology daily", "科技日报社 科技日报"},
	{"china high tech industry herald", "中国高新技术产业导报"},
	{"high tech industry herald", "高新技术产业导报"},
	{"herald", "导报"},
	{"chinese academy of sciences", "中国科学院"},
	{"chinese academy of engineering", "中国工程院"},
	{"ministry of education", "教育部"},
	{"ministry of finance", "财政部"},
	{"state administration of science technology and industry for national defense", "国家国防科工局"},
	{"sastind", "国家国防科工局"},
	{"state council", "国务院"},
	{"research office of the state council", "国务院研究室"},
	{"state council research office", "国务院研究室"},
	{"chinese institute of electronics", "中国电子学会"},
	{"zhongguancun development group", "中关村发展集团"},
	{"zgc group", "中关村发展集团"},
	{"zhongguancun administrative committee", "中关村管委会"},
	{"zhongguancun management committee", "中关村管委会"},
	{"beijing municipal science and technology commission", "北京市科委"},
	{"beijing municipal commission of science and technology", "北京市科委"},
	{"beijing municipal government", "北京市人民政府 北京市"},
	{"shanghai municipal government", "上海市政府"},
	{"hunan provincial government", "湖南省政府"},
	{"state committee on science and technology", "国家科委"},
	{"state committee for science and technology", "国家科委"},
	{"department of industry and information technology", "工业和信息化厅"},
	{"hebei provincial department of industry and information technology", "河北省工业和信息化厅"},
	{"xiongan new area administrative committee", "雄安新区管理委员会"},
	{"administrative committee", "管理委员会 管委会"},
	{"management committee", "管理委员会 管委会"},
	{"planning department", "规划司"},
	{"department of planning", "规划司"},
	{"general office", "办公厅"},
	{"yangtze river delta national high tech zone alliance", "长三角国家高新区联盟"},
	{"alliance", "联盟"},
	{"cpc central committee", "党中央"},
	{"party central committee", "党中央"},
	{"communist party of china", "党"},
	{"cpc", "党"},
	{"party committee", "党委"},
	{"party group", "党组"},
	{"people's government", "人民政府"},
	{"government", "政府"},
	{"local government", "地方政府"},
	{"china national research association for science and technology to revitalize cities", "全国科技振兴城市经济研究会"},
	{"science and technology revitalizing urban economy research association", "全国科技振兴城市经济研究会"},
	{"research association", "研究会"},
	{"china innovation strategy and policy research center", "中国创新战略和政策研究中心"},
	{"zhejiang business research center", "浙商研究中心"},
	{"zhejiang university", "浙江大学"},
	{"hangzhou international science and technology innovation center", "杭州国际科创中心"},
	{"hangzhou global scientific and technological innovation center", "杭州国际科创中心"},
	{"zhejiang provincial government advisory committee", "浙江省政府咨询委员会"},
	{"apexbrasil", "ApexBrasil 巴西出口投资促进局"},
	{"apex brasil", "ApexBrasil 巴西出口投资促进局"},
	{"brazilian trade and investment promotion agency", "巴西出口投资促进局"},
	{"zhongguancun international incubator", "中关村国际孵化器"},
	{"zhongguancun life science park", "中关村生命科学园"},
	{"launch rhein main", "LAUNCH Rhein-Main 孵化器"},
	{"rhein main", "LAUNCH Rhein-Main"},
	{"cambridge tus science park", "剑桥启迪科技园"},
	{"tus", "启迪"},
	{"tusholdings", "启迪"},
	{"belt and road", "一带一路"},
	{"belt and road initiative", "一带一路"},
	{"belt and road investment and development foundation", "一带一路 投资发展基金会"},
	{"foundation", "基金会"},
	{"research institute", "研究院"},
	{"institute", "研究院 院所"},
	{"association", "协会"},
	{"society", "学会"},
	{"committee", "委员会"},
	{"commission", "委员会 委"},
	{"ministry", "部 部门"},
	{"two ministries", "两部门"},
	{"two departments", "两部门"},
	{"department", "部门 司 厅"},
	{"bureau", "局"},
	{"newspaper office", "报社"},
	{"china high tech news network", "中国高新网"},
	{"chinahightech", "中国高新网"},

	// People named in the pages.
	{"zhang wei", "张伟"},
	{"xie shaofeng", "谢少锋"},
	{"yin hejun", "阴和俊"},
	{"xin guobin", "辛国斌"},
	{"yu yingjie", "于英杰"},
	{"luo xiaoyan", "罗晓燕"},
	{"wu jiaxi", "吴家喜"},
	{"dong shihong", "董世洪"},
	{"lu wenmiao", "吕文妙"},
	{"lv wenmiao", "吕文妙"},
	{"lyu wenmiao", "吕文妙"},
	{"lü wenmiao", "吕文妙"},
	{"sun jingmiao", "孙景淼"},
	{"fang hanting", "房汉廷"},
	{"liu yingjie", "刘应杰"},
	{"sergei shlychkov", "谢尔盖 什雷奇科夫"},
	{"sergey shlychkov", "谢尔盖 什雷奇科夫"},
	{"shlychkov", "什雷奇科夫"},
	{"ebba lund", "艾巴·伦德 Ebba Lund"},
	{"lund", "艾巴·伦德 Lund"},
	{"zhang yulei", "张宇蕾"},
	{"li yan", "李妍"},
	{"zhang feng", "张峰"},
	{"wang suwen", "王素文"},
	{"yao wen", "姚雯"},
	{"chen cheng", "陈诚"},
	{"ding chunyu", "丁春雨"},
	{"fang lei", "方磊"},
	{"xi jinping", "习近平"},
	{"president xi", "习近平"},

	// Titles and roles.
	{"minister", "部长"},
	{"vice minister", "副部长"},
	{"deputy minister", "副部长"},
	{"chief engineer", "总工程师"},
	{"director", "主任"},
	{"deputy director", "副主任"},
	{"director general", "司长"},
	{"deputy director general", "副司长"},
	{"party secretary", "党委书记 书记"},
	{"secretary", "书记"},
	{"deputy secretary", "副书记"},
	{"chairman", "主席 理事长"},
	{"chair", "主席"},
	{"president", "主席 院长"},
	{"vice president", "副院长"},
	{"chief executive officer", "首席执行官"},
	{"ceo", "首席执行官"},
	{"general manager", "总经理"},
	{"governor", "省长"},
	{"vice governor", "副省长"},
	{"deputy governor", "副省长"},
	{"former", "原"},
	{"head", "负责人 厅长"},
	{"member of the standing committee", "常委"},
	{"standing committee", "常委"},
	{"researcher", "研究员"},
	{"expert", "专家"},
	{"scholar", "学者"},
	{"experts and scholars", "专家学者"},
	{"scientist", "科学家"},
	{"young scientist", "青年科学家"},
	{"entrepreneur", "企业家"},
	{"talent", "人才"},
	{"guest", "嘉宾"},
	{"attendee", "嘉宾 参会"},
	{"participant", "参会 参加"},
	{"delegate", "代表"},
	{"representative", "代表"},
	{"audience", "观众"},
	{"visitor", "观众"},
	{"official", "负责同志 负责人"},

	// Policy and programme terms.
	{"14th five year plan", "十四五"},
	{"fourteenth five year plan", "十四五"},
	{"14th fyp", "十四五"},
	{"15th five year plan", "十五五"},
	{"fifteenth five year plan", "十五五"},
	{"15th fyp", "十五五"},
	{"five year plan", "五年规划"},
	{"new quality productive forces", "新质生产力"},
	{"new quality productivity", "新质生产力"},
	{"new productive forces", "新质生产力"},
	{"productive forces", "生产力"},
	{"high quality development", "高质量发展"},
	{"high quality", "高质量"},
	{"national high tech zone", "国家高新区"},
	{"national hi tech zone", "国家高新区"},
	{"national high tech industrial development zone", "国家高新区 国家高新技术产业开发区"},
	{"state level high tech zone", "国家级高新区 国家高新区"},
	{"national level high tech zone", "国家级高新区 国家高新区"},
	{"high tech zone", "高新区 高新技术产业开发区"},
	{"hi tech zone", "高新区 高新技术产业开发区"},
	{"high tech industrial development zone", "高新技术产业开发区 高新区"},
	{"high tech park", "高科技园区 高新区"},
	{"high tech enterprise", "高新技术企业 高企"},
	{"hi tech enterprise", "高新技术企业 高企"},
	{"high tech company", "高新技术企业 高企"},
	{"high tech firm", "高新技术企业 高企"},
	{"high tech industry", "高新技术产业 高技术产业"},
	{"high technology industry", "高技术产业 高新技术产业"},
	{"high technology", "高技术 高新技术"},
	{"high tech", "高新技术 高科技"},
	{"hi tech", "高新技术 高科技"},
	{"digital park", "数字园区"},
	{"high standard digital park", "高标准数字园区"},
	{"guidelines for the construction of high standard digital parks", "高标准数字园区建设指南"},
	{"high standard digital park construction guide", "高标准数字园区建设指南"},
	{"industrial park", "工业园区 产业园"},
	{"industry park", "产业园 工业园区"},
	{"guidelines for high quality development of industrial parks", "工业园区高质量发展指引"},
	{"industrial park high quality development guidelines", "工业园区高质量发展指引"},
	{"green industrial park", "绿色工业园区"},
	{"zero carbon park", "零碳园区"},
	{"future industry", "未来产业"},
	{"future industrial park", "未来产业园"},
	{"future industry park", "未来产业园"},
	{"future industry pilot zone", "未来产业先导区"},
	{"emerging industry", "新兴产业"},
	{"strategic emerging industry", "战略性新兴产业 新兴产业"},
	{"science and technology service industry", "科技服务业"},
	{"sci tech service industry", "科技服务业"},
	{"technology service industry", "科技服务业"},
	{"technology services", "科技服务"},
	{"innovation points system", "创新积分制"},
	{"innovation credit system", "创新积分制"},
	{"guest country", "主宾国"},
	{"guest of honor country", "主宾国"},
	{"guest of honour country", "主宾国"},
	{"country of honor", "主宾国"},
	{"country of honour", "主宾国"},
	{"guest province", "主宾省"},
	{"guest of honor province", "主宾省"},
	{"province of honor", "主宾省"},
	{"theme", "主题"},
	{"topic", "议题 话题 主题"},
	{"slogan", "主题"},
	{"chinese modernization", "中国式现代化"},
	{"chinese path to modernization", "中国式现代化"},
	{"modernization", "现代化"},
	{"global science and technology community", "全球科技共同体"},
	{"global sci tech community", "全球科技共同体"},
	{"science and technology community", "科技共同体"},
	{"new industrialization", "新型工业化"},
	{"new type industrialization", "新型工业化"},
	{"digital transformation", "数字化转型"},
	{"digitalization", "数字化"},
	{"digital economy", "数字经济"},
	{"intelligent manufacturing", "智能制造"},
	{"smart manufacturing", "智能制造"},
	{"green development", "绿色发展 绿色低碳发展"},
	{"green and low carbon", "绿色低碳"},
	{"low carbon", "低碳"},
	{"industrial chain", "产业链"},
	{"industry chain", "产业链"},
	{"supply chain", "供应链"},
	{"supply chain finance", "供应链金融"},
	{"innovation chain", "创新链"},
	{"industrial cluster", "产业集群"},
	{"industry cluster", "产业集群"},
	{"innovative industrial cluster", "创新型产业集群"},
	{"world class industrial cluster", "世界级产业集群"},
	{"innovation ecosystem", "创新生态"},
	{"innovation ecology", "创新生态"},
	{"ecosystem", "生态 生态系统"},
	{"business environment", "营商环境"},
	{"technology transfer", "技术转移"},
	{"technology transfer institution", "技术转移机构"},
	{"commercialization of scientific and technological achievements", "科技成果转化"},
	{"transformation of scientific and technological achievements", "科技成果转化"},
	{"technology commercialization", "科技成果转化 成果转化"},
	{"commercialization", "成果转化 商业化"},
	{"incubator", "孵化器"},
	{"incubation", "孵化"},
	{"offshore incubation base", "离岸孵化基地"},
	{"science park", "科技园区 科技园"},
	{"sci tech park", "科技园区 科技园"},
	{"technology park", "科技园区 科技园"},
	{"park", "园区 产业园"},
	{"technology finance", "科技金融"},
	{"sci tech finance", "科技金融"},
	{"venture capital", "创业投资"},
	{"venture investment", "创业投资"},
	{"investment and financing institution", "投融资机构"},
	{"integration of technological innovation and industrial innovation", "科技创新和产业创新深度融合"},
	{"integration of scientific and technological innovation and industrial innovation", "科技创新和产业创新深度融合"},
	{"integrating scientific and technological innovation with industrial innovation", "科技创新和产业创新深度融合"},
	{"deep integration", "深度融合"},
	{"integration", "融合"},
	{"scientific and technological innovation", "科技创新"},
	{"technological innovation", "科技创新 技术创新"},
	{"sci tech innovation", "科技创新"},
	{"science and technology innovation", "科技创新"},
	{"industrial innovation", "产业创新"},
	{"self reliance", "自立自强"},
	{"self reliance and strength in science and technology", "科技自立自强"},
	{"modern industrial system", "现代化产业体系"},
	{"new track", "新赛道"},
	{"new track cultivation action", "新赛道培育行动"},
	{"new track cultivation action plan", "新赛道培育行动方案"},
	{"ten ones initiative", "十个一 倡议"},
	{"ten ones", "十个一"},
	{"initiative", "倡议"},
	{"guideline", "指引 指南"},
	{"guidance", "指引 指南"},
	{"guide", "指南"},
	{"action plan", "行动方案"},
	{"construction plan", "建设方案"},
	{"pilot", "试点"},
	{"pilot zone", "先行区 先导区 试验区"},
	{"pilot and trial", "先行先试"},
	{"first mover", "先行先试"},
	{"demonstration zone", "示范区"},
	{"innovation driven development demonstration zone", "创新驱动发展示范区"},
	{"leading zone", "引领区"},
	{"pioneer zone", "先行区"},
	{"national independent innovation demonstration zone", "国家自主创新示范区"},
	{"innovation driven", "创新驱动"},
	{"innovation driven development", "创新驱动发展"},
	{"strategic entrepreneur cultivation plan", "战略企业家培育计划"},
	{"hand in hand plan", "牵手计划"},
	{"hand in hand program", "牵手计划"},
	{"characteristic industrial park", "特色产业园"},
	{"featured industrial park", "特色产业园"},
	{"specialty industrial park", "特色产业园"},
	{"unicorn", "独角兽企业"},
	{"small and medium sized enterprises", "中小企业"},
	{"small and medium enterprises", "中小企业"},
	{"smes", "中小企业"},
	{"leading enterprise", "龙头企业"},
	{"specialized and sophisticated", "专精特新"},
	{"innovation and entrepreneurship", "创新创业"},
	{"entrepreneurship", "创业"},
	{"dual gigabit network", "双千兆网络"},
	{"dual gigabit", "双千兆"},
	{"computing power", "算力"},
	{"computing power infrastructure", "算力基础设施"},
	{"intelligent computing", "智算"},
	{"industrial internet", "工业互联网"},
	{"industrial robot", "工业机器人"},
	{"smart factory", "智能工厂"},
	{"intelligent factory", "智能工厂"},
	{"ai plus manufacturing", "人工智能+制造"},
	{"trusted data space", "可信数据空间"},
	{"large scale equipment renewal", "大规模设备更新"},
	{"equipment renewal", "设备更新"},
	{"equipment upgrade", "设备更新"},
	{"industrial enterprises above designated size", "规模以上工业企业"},
	{"above designated size", "规模以上"},
	{"pilot scale platform", "中试平台"},
	{"pilot test platform", "中试平台"},
	{"pilot platform", "中试平台"},
	{"proof of concept", "概念验证"},
	{"enclave economy", "飞地经济"},
	{"one zone multiple parks", "一区多园"},
	{"triple helix", "三螺旋"},
	{"five efforts", "五个著力"},
	{"24 reform measures", "改革24条措施"},
	{"reform measures", "改革 措施"},
	{"high end precision and sophisticated industries", "高精尖产业"},
	{"high precision and cutting edge industries", "高精尖产业"},
	{"total output value", "总产值"},
	{"output value", "产值"},
	{"trillion yuan", "万亿元"},
	{"trillion", "万亿"},
	{"billion kilowatts", "亿千瓦"},
	{"kilowatts", "千瓦"},
	{"gross domestic product", "GDP"},
	{"gdp", "GDP"},
	{"regional integration", "区域一体化"},
	{"integrated development", "一体化发展"},
	{"coordinated development", "协同发展"},
	{"collaborative innovation", "协同创新"},
	{"coordinated legislation", "协同立法"},
	{"collaborative legislation", "协同立法"},
	{"counterpart cooperation", "对口共建 对口协作"},
	{"paired cooperation", "对口共建 对口协作"},
	{"source of innovation", "创新策源"},
	{"original innovation", "原始创新 原创"},
	{"brand", "品牌"},
	{"torch brand", "火炬品牌"},
	{"torch spirit", "火炬精神"},
	{"high quality supply", "高质量科技供给 供给"},
	{"key core technologies", "关键核心技术"},
	{"core technology", "核心技术"},
	{"key technology", "关键技术"},
	{"national science and technology major project", "国家科技重大项目"},
	{"major project", "重大项目"},
	{"major science program", "大科学计划"},
	{"big science", "大科学"},
	{"scientific and technological governance", "科技治理"},
	{"science and technology governance", "科技治理"},
	{"governance", "治理"},
	{"scientific and technological revolution", "科技革命"},
	{"technological revolution", "科技革命"},
	{"industrial transformation", "产业变革"},
	{"industrial upgrading", "转型升级 产业升级"},
	{"transformation and upgrading", "转型升级"},
	{"technology system reform", "科技体制改革"},
	{"science and technology system reform", "科技体制改革"},
	{"gradient cultivation", "梯度培育"},
	{"tiered cultivation", "梯度培育 梯次培育"},
	{"legislation", "立法"},
	{"data rights protection", "数据权益保护"},
	{"data rights", "数据权益"},

	// Technology.
	{"ai", "人工智能 AI"},
	{"artificial intelligence", "人工智能"},
	{"ai safety governance", "人工智能安全治理"},
	{"ai security governance", "人工智能安全治理"},
	{"ai generated content", "AI 生成内容"},
	{"aigc", "AI 生成内容"},
	{"generated content", "生成内容"},
	{"intelligent agent", "智能体"},
	{"ai agent", "智能体"},
	{"agent", "智能体"},
	{"brain computer interface", "脑机接口"},
	{"brain machine interface", "脑机接口"},
	{"bci", "脑机接口"},
	{"wind power", "风电"},
	{"wind energy", "风电 风能"},
	{"wind power industry", "风电业"},
	{"new energy storage", "新型储能"},
	{"new type energy storage", "新型储能"},
	{"energy storage", "储能"},
	{"flying car", "飞行汽车"},
	{"flying vehicle", "飞行汽车"},
	{"low altitude economy", "低空经济"},
	{"low altitude", "低空"},
	{"power battery", "动力电池"},
	{"ev battery", "动力电池"},
	{"battery", "电池"},
	{"embodied intelligence", "具身智能"},
	{"embodied ai", "具身智能"},
	{"embodied intelligent agent", "具身智能体"},
	{"drone", "无人机"},
	{"uav", "无人机"},
	{"unmanned aerial vehicle", "无人机"},
	{"large aircraft", "大飞机"},
	{"large passenger aircraft", "大飞机"},
	{"big aircraft", "大飞机"},
	{"aircraft", "飞机"},
	{"quantum", "量子"},
	{"quantum technology", "量子科技"},
	{"quantum science and technology", "量子科技"},
	{"biomanufacturing", "生物制造"},
	{"bio manufacturing", "生物制造"},
	{"biological manufacturing", "生物制造"},
	{"biotechnology", "生物技术"},
	{"clean energy", "清洁能源"},
	{"climate change", "气候变化"},
	{"6g", "6G"},
	{"robot", "机器人"},
	{"construction robot", "建筑机器人"},
	{"intelligent construction robot", "智能建筑机器人"},
	{"medical device", "医疗器械"},
	{"medical equipment", "医疗器械"},
	{"cell and gene therapy", "细胞基因治疗"},
	{"gene therapy", "基因治疗"},
	{"digital healthcare", "数字医疗"},
	{"digital medicine", "数字医疗"},
	{"cybersecurity", "网络安全"},
	{"cyber security", "网络安全"},
	{"network security", "网络安全"},
	{"organic material", "有机材料"},
	{"car", "汽车"},
	{"automobile", "汽车"},
	{"vehicle", "汽车"},
	{"auto industry", "汽车"},
	{"production and sales", "产销"},
	{"new energy vehicle", "新能源汽车"},
	{"nev", "新能源汽车"},
	{"semiconductor", "半导体 芯片"},
	{"chip", "芯片"},
	{"integrated circuit", "集成电路"},
	{"5g", "5G"},
	{"big data", "大数据"},
	{"cloud computing", "云计算"},
	{"blockchain", "区块链"},
	{"internet of things", "物联网"},
	{"iot", "物联网"},
	{"new material", "新材料"},
	{"hydrogen energy", "氢能"},
	{"photovoltaic", "光伏"},
	{"solar power", "光伏 太阳能"},
	{"lithium battery", "锂电池"},
	{"satellite", "卫星"},
	{"commercial aerospace", "商业航天"},
	{"aerospace", "航空航天"},
	{"humanoid robot", "人形机器人"},
	{"life science", "生命科学"},
	{"biomedicine", "生物医药"},
	{"electronic information", "电子信息"},
	{"software", "软件"},
	{"large model", "大模型"},
	{"large language model", "大模型"},
	{"llm", "大模型"},
	{"computing", "计算 算力"},
	{"intelligent", "智能"},
	{"smart", "智能"},
	{"intelligence", "智能"},
	{"digital", "数字 数字化"},
	{"data", "数据"},
	{"network", "网络"},
	{"internet", "互联网"},
	{"infrastructure", "基础设施"},
	{"digital infrastructure", "数字基础设施"},
	{"equipment", "设备 装备"},
	{"manufacturing", "制造 制造业"},
	{"manufacturing industry", "制造业"},
	{"cutting edge technology", "前沿技术 前沿科技"},
	{"frontier technology", "前沿技术 前沿科技"},
	{"hard technology", "硬科技"},
	{"hard tech", "硬科技"},
	{"laboratory", "实验室"},
	{"lab", "实验室"},
	{"joint laboratory", "联合实验室"},
	{"public laboratory", "公共实验室"},
	{"r d", "研发"},
	{"research and development", "研发"},
	{"r d center", "研发中心"},
	{"research and development center", "研发中心"},
	{"final assembly base", "总装基地"},
	{"assembly base", "总装基地"},
	{"test site", "测试场地"},
	{"testing ground", "测试场地"},
	{"supplier", "供应商"},
	{"supplier reserve", "供应商储备库"},
	{"supplier pool", "供应商储备库"},
	{"application scenario", "应用场景"},
	{"scenario", "场景"},
	{"standard", "标准"},
	{"first standard", "首部 标准"},

	// Newspaper words.
	{"front page", "头版 01版"},
	{"page", "版"},
	{"issue", "期"},
	{"total issue", "总第 期"},
	{"issue number", "期"},
	{"table of contents", "本期导读"},
	{"contents", "本期导读"},
	{"in this issue", "本期导读"},
	{"this issue", "本期"},
	{"reporter", "记者"},
	{"our reporter", "本报记者"},
	{"staff reporter", "本报记者"},
	{"journalist", "记者"},
	{"correspondent", "记者"},
	{"headline", "标题"},
	{"title", "标题"},
	{"photo", "图"},
	{"picture", "图"},
	{"photograph", "图 摄"},
	{"photographer", "摄"},
	{"caption", "图为"},
	{"article", "文章 报道"},
	{"report", "报道 报告"},
	{"news report", "报道"},
	{"related reports", "相关报道"},
	{"story", "报道"},
	{"byline", "本报讯 记者"},
	{"dispatch", "本报讯"},
	{"this newspaper", "本报"},
	{"our newspaper", "本报"},
	{"newspaper", "报"},
	{"notice", "启事"},
	{"announcement", "启事"},
	{"suspend publication", "休刊"},
	{"publication suspended", "休刊"},
	{"no issue", "休刊"},
	{"editor", "编辑"},
	{"continued on page", "下转"},
	{"continued from page", "上接"},
	{"source", "来源"},
	{"news hotline", "新闻热线"},
	{"hotline", "热线"},
	{"switchboard", "总机"},
	{"wechat official account", "微信公众号"},
	{"wechat", "微信"},
	{"publisher", "出版单位"},
	{"supervised by", "主管"},
	{"sponsored by", "主办"},
	{"looking back on the 14th five year plan", "回眸十四五"},
	{"looking back", "回眸"},

	// Question words and verbs.
	{"when", "时间"},
	{"number of", "数量"},
	{"hold", "举办 举行 召开"},
	{"take place", "举办 举行"},
	{"convene", "召开"},
	{"host", "举办 主办"},
	{"organize", "主办 举办"},
	{"organizer", "主办"},
	{"co host", "共同主办 联合主办"},
	{"co organize", "共同主办 联合主办"},
	{"co sponsor", "共同主办 联合主办"},
	{"jointly host", "共同主办 联合主办"},
	{"jointly organize", "共同主办 联合主办"},
	{"jointly sponsor", "共同主办 联合主办"},
	{"open", "开幕 开放"},
	{"release", "发布 印发"},
	{"issued", "印发 发布 出台"},
	{"publish", "发布 印发"},
	{"jointly release", "联合发布"},
	{"jointly issue", "联合发布"},
	{"unveil", "发布 推出"},
	{"introduce", "出台 推出"},
	{"sign", "签约"},
	{"agreement", "协议 签约"},
	{"launch", "启动 发布"},
	{"officially launch", "正式启动"},
	{"start", "启动"},
	{"attend", "出席 参加"},
	{"participate", "参加 参与"},
	{"speech", "讲话 致辞"},
	{"give a speech", "讲话 致辞"},
	{"deliver a speech", "讲话 致辞"},
	{"address", "讲话 致辞"},
	{"say", "表示"},
	{"propose", "提出"},
	{"put forward", "提出"},
	{"emphasize", "强调"},
	{"stress", "强调"},
	{"point out", "指出"},
	{"goal", "目标"},
	{"target", "目标"},
	{"objective", "目标"},
	{"aim", "旨在 目标"},
	{"purpose", "旨在"},
	{"award", "授牌"},
	{"plaque", "授牌"},
	{"build", "建设 建成"},
	{"construct", "建设"},
	{"construction", "建设"},
	{"cultivate", "培育"},
	{"cultivation", "培育"},
	{"promote", "推动 促进"},
	{"accelerate", "加快"},
	{"strengthen", "加强 强化"},
	{"deepen", "深化"},
	{"support", "支持 支撑"},
	{"cooperation", "合作"},
	{"international cooperation", "国际合作"},
	{"exchange", "交流"},
	{"innovation", "创新"},
	{"innovative", "创新"},
	{"development", "发展"},
	{"industry", "产业 工业 行业"},
	{"industrial", "产业 工业"},
	{"technology", "科技 技术"},
	{"technological", "科技 技术"},
	{"science", "科学 科技"},
	{"scientific", "科学 科技"},
	{"science and technology", "科技 科学技术"},
	{"sci tech", "科技"},
	{"s t", "科技"},
	{"economy", "经济"},
	{"economic", "经济"},
	{"market", "市场"},
	{"finance", "金融"},
	{"financial", "金融"},
	{"investment", "投资"},
	{"invest", "投资 投入 资金"},
	{"money", "资金 元"},
	{"fund", "资金 基金"},
	{"policy", "政策"},
	{"reform", "改革"},
	{"opening up", "开放 对外开放"},
	{"strategy", "战略"},
	{"strategic", "战略"},
	{"plan", "规划 计划 方案"},
	{"program", "计划"},
	{"security", "安全"},
	{"safety", "安全"},
	{"ecology", "生态"},
	{"environment", "环境"},
	{"green", "绿色"},
	{"education", "教育"},
	{"university", "大学 高校"},
	{"research", "研究 科研"},
	{"research institution", "科研机构"},
	{"platform", "平台"},
	{"service", "服务"},
	{"production", "生产"},
	{"productivity", "生产力"},
	{"growth", "增长"},
	{"increase", "增长 提升"},
	{"scale", "规模"},
	{"enterprise", "企业"},
	{"company", "企业 公司"},
	{"firm", "企业"},
	{"institution", "机构"},
	{"organization", "机构"},
	{"project", "项目"},
	{"achievement", "成果"},
	{"result", "成果 成效"},
	{"application", "应用"},
	{"test", "测试"},
	{"base", "基地"},
	{"center", "中心"},
	{"centre", "中心"},
	{"headquarter", "总部"},
	{"mechanism", "机制"},
	{"system", "体系 系统"},
	{"model", "模式"},
	{"resource", "资源"},
	{"capital", "资本 资金"},
	{"capability", "能力"},
	{"competitiveness", "竞争力"},
	{"efficiency", "效率 效能"},
	{"quality", "质量"},
	{"first", "首届 首批 第一"},
	{"inaugural", "首届"},
	{"first batch", "首批"},
	{"second batch", "第二批"},
	{"session", "届"},
	{"edition", "届"},
	{"global", "全球"},
	{"world", "世界"},
	{"international", "国际"},
	{"open cooperation", "开放合作"},
	{"case", "案例"},
	{"typical case", "典型案例"},
	{"experience", "经验"},
	{"achievements and experience", "成效经验"},
	{"task", "任务"},
	{"measure", "措施 举措"},
	{"path", "路径"},
	{"direction", "方向"},
	{"research direction", "研究方向"},
	{"future", "未来"},
	{"youth", "青年"},
	{"young", "青年"},
	{"record high", "新高"},
	{"new high", "新高"},
	{"bottleneck", "瓶颈"},
	{"performance", "性能"},
	{"competition", "竞争"},
	{"landscape", "格局"},
	{"rapid growth", "高增长 暴增"},
	{"surge", "暴增"},
	{"warning", "警钟"},
	{"collision", "相撞"},
	{"collide", "相撞"},
	{"fraud", "造假"},
	{"counterfeiter", "造假者"},

	// Dates.
	{"january", "1月"},
	{"february", "2月"},
	{"march", "3月"},
	{"april", "4月"},
	{"june", "6月"},
	{"july", "7月"},
	{"august", "8月"},
	{"september", "9月"},
	{"october", "10月"},
	{"november", "11月"},
	{"december", "12月"},
	{"jan", "1月"},
	{"feb", "2月"},
	{"mar", "3月"},
	{"apr", "4月"},
	{"jul", "7月"},
	{"aug", "8月"},
	{"sep", "9月"},
	{"sept", "9月"},
	{"oct", "10月"},
	{"nov", "11月"},
	{"dec", "12月"},
	{"monday", "星期一"},
	{"tuesday", "星期二"},
	{"wednesday", "星期三"},
	{"thursday", "星期四"},
	{"friday", "星期五"},
	{"saturday", "星期六"},
	{"sunday", "星期日"},
	{"this year", "今年"},
	{"last year", "去年"},
	{"next step", "下一步"},
	{"next", "下一届 下届 下一"},
	{"recently", "近日"},
	{"today", "今日"},
	{"afternoon", "下午"},
	{"same day", "当天"},
	{"period", "时期 期间"},
	{"during", "期间"},

	// More wording of the sample pages.
	{"flower basket", "花篮"},
	{"blessing the motherland", "祝福祖国"},
	{"motherland", "祖国"},
	{"lotus", "荷花"},
	{"olive branch", "橄榄枝"},
	{"peace dove", "和平鸽"},
	{"peace", "和平"},
	{"cross border thinking", "跨界思维"},
	{"new species", "新物种"},
	{"shanghai jiangsu zhejiang and anhui", "沪苏浙皖"},
	{"decision on promoting coordinated development of science and technology innovation", "关于促进长三角科技创新协同发展的决定"},
	{"decision", "决定"},
	{"nine cities", "九城市"},
	{"urban agglomeration", "城市群"},
	{"city cluster", "城市群"},
	{"people's city", "人民城市"},
	{"think tank", "智库"},
	{"high end think tank", "高端智库"},
	{"four directions", "四大方向 四大研究方向"},
	{"four research directions", "四大研究方向 四大方向"},
	{"empower", "赋能"},
	{"empowerment", "赋能"},
	{"study and implement", "学习贯彻"},
	{"spirit", "精神"},
	{"china's solution", "中国方案"},
	{"chinese solution", "中国方案"},
	{"china's plan", "中国方案"},
	{"industrialization", "产业化"},
	{"develop high tech and realize industrialization", "发展高科技 实现产业化"},
	{"develop high technology and realize industrialization", "发展高科技 实现产业化"},
	{"comprehensive management service platform", "综合管理服务平台"},
	{"blueprint", "蓝图"},
	{"pilot scale verification", "中试验证"},
	{"inspection and testing", "检验检测"},
	{"tropical rainforest", "热带雨林"},
	{"country specific innovation park", "国别创新园"},
	{"ecological red line", "生态红线"},
	{"recognition", "认定"},
	{"high tech enterprise recognition", "高企认定"},
	{"coverage", "覆盖率 覆盖"},
	{"coverage rate", "覆盖率"},
	{"digital transformation pilot city", "数字化转型城市试点"},
	{"sample", "样本"},
	{"hunan sample", "湖南样本"},
	{"huaihe model", "淮河 模式"},
	{"yuan", "元"},
	{"first ten months", "前10个月"},
	{"first 10 months", "前10个月"},
	{"valid", "有效期内"},
	{"within the validity period", "有效期内"},
	{"friends circle", "朋友圈"},
	{"circle of friends", "朋友圈"},
	{"wave", "浪潮"},
	{"vision", "愿景 远景"},
	{"long term goal", "远景目标"},
	{"congratulatory letter", "致贺 贺信"},
	{"congratulate", "致贺"},
}
