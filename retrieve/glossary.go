package retrieve

import (
	"bytes"
	_ "embed" // glossary.tsv
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/retrieve/internal/dictkey"
	"github.com/heraldqa/heraldqa/retrieve/internal/enstem"
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
// as the paper writes it. A capitalized word the dictionary lacks, not the
// question's first (Sahaliyania, Gliese), is searched as it is — Chinese
// text often prints a foreign name in Latin letters beside its
// transliteration — but is not in TranslateGroups. Other unmatched words
// are dropped: they would match nothing in Chinese text. matched counts
// the phrase matches.
func TranslateQuery(q string) (zh string, matched int) {
	var outArr [256]byte
	var segArr [32][2]int
	out, segs := outArr[:0], segArr[:0]
	matched = translate(q, func(term string, _ int) { out, segs = addTerm(out, segs, term) }, nil)
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
	groups, _ := translateGroups(q, nil)
	return groups
}

// translateGroups is TranslateGroups and the names q types in pinyin,
// each with the groups its words were read as. keep, when not nil, may
// rewrite a group in place and says whether it stays; empty groups go, and
// the names' spans are renumbered with what goes.
func translateGroups(q string, keep func(g []string) bool) (groups [][]string, pinyin []PinyinName) {
	var spans [][2]int
	translate(q, func(term string, group int) {
		if group == searchOnly {
			return
		}
		for len(groups) <= group {
			groups = append(groups, nil)
		}
		groups[group] = append(groups[group], term)
	}, func(run string, first, end int) {
		pinyin = append(pinyin, PinyinName{Words: run})
		spans = append(spans, [2]int{first, end})
	})
	at := make([]int, len(groups)+1) // a group's place once some have gone
	out := groups[:0]
	for i, g := range groups {
		at[i] = len(out)
		if len(g) > 0 && (keep == nil || keep(g)) {
			out = append(out, g)
		}
	}
	at[len(groups)] = len(out)
	if len(out) == 0 {
		out = nil // no groups: a query without them reads its subject (answer.newGroups)
	}
	for i, sp := range spans {
		pinyin[i].First, pinyin[i].End = at[min(sp[0], len(groups))], at[min(sp[1], len(groups))]
	}
	return out, pinyin
}

// searchOnly is the group of a term that is searched for but not answered
// with (a foreign name in Latin letters).
const searchOnly = -1

// pinyinName is how many words at the start of toks (0 for none) are a
// name typed in pinyin that neither the paper's list nor the dictionary
// reads whole: Hong Kong is theirs, Sun Jingmiao is not. A name the
// dictionary reads as its own pinyin (Wang Li → 王力, a linguist) is read
// against the archive still, whose 王立 it may be; where the archive
// prints none, the dictionary's reading stands. A single word is one only
// when nothing reads it: Hangzhou and China split into syllables too.
func pinyinName(g *glossIndex, dict *dictTable, toks []enToken, low, cased []byte, classes []uint16, stems []string, stop []bool, atStart bool) int {
	run := dict.pinyinRun(toks, low, cased, stop, atStart)
	if run == 0 {
		return 0
	}
	gn, _ := g.longest(classes[:run])
	dn, dzh := dict.longest(stems[:run], stop[:run])
	if gn == run || dn == run && !dict.transcribes(dzh, toks[:run], low) {
		return 0
	}
	if run == 1 && (gn > 0 || dn > 0 || dict.find([]byte(dictkey.Name+stems[0])) != nil) {
		return 0
	}
	return run
}

// translate calls emit with every Chinese term of q and the number of the
// group (phrase or token) it belongs to, and returns how many glossary
// phrases matched. name, when not nil, is called with each name typed in
// pinyin (its words, lower case) and the groups [first, end) its words
// were read as.
func translate(q string, emit func(term string, group int), name func(run string, first, end int)) (matched int) {
	g := loadGlossary()

	var lowArr, casedArr [256]byte
	var tokArr [48]enToken
	toks, low, cased := tokenizeEnglish(tokArr[:0], lowArr[:0], casedArr[:0], q)

	var classArr [48]uint16
	classes := classArr[:0]
	var stemArr [64]byte
	var stemsArr [48]string
	var stopArr [48]bool
	stems, stop := stemsArr[:0], stopArr[:0]
	for _, t := range toks {
		var c uint16
		st := ""
		if t.kind == enWord {
			w := low[t.lo:t.hi]
			c = g.wordClass(w, stemArr[:0])
			st = enstem.Word(string(w), stemArr[:0])
		}
		classes = append(classes, c)
		stems = append(stems, st)
		stop = append(stop, t.kind == enWord && enstem.Stop(string(low[t.lo:t.hi])))
	}
	dict := loadDict()

	shouting := isShouting(toks, cased)
	group := 0
	runWords, runFirst, runEnd := "", 0, -1 // a name in pinyin being read
	defer func() {
		if runEnd >= 0 {
			name(runWords, runFirst, group)
		}
	}()
	for i := 0; i < len(toks); group++ {
		if runEnd >= 0 && i >= runEnd {
			name(runWords, runFirst, group)
			runEnd = -1
		}
		if runEnd < 0 && name != nil && !shouting {
			// A name in pinyin is read against the archive later
			// (Engine.WithNames); its words are read here as ever, in
			// case the archive prints no such name.
			if run := pinyinName(g, dict, toks[i:], low, cased, classes[i:], stems[i:], stop[i:], i == 0); run > 0 {
				words := make([]string, run)
				for j, t := range toks[i : i+run] {
					words[j] = string(low[t.lo:t.hi])
				}
				runWords, runFirst, runEnd = strings.Join(words, " "), group, i+run
			}
		}
		if isTag(q, toks, low, i) {
			i++
			continue
		}
		if i > 0 && toks[i].kind == enWord && toks[i-1].kind == enWord && asksKind(low[toks[i-1].lo:toks[i-1].hi], low[toks[i].lo:toks[i].hi]) {
			i++
			continue
		}
		if i+1 < len(toks) && toks[i].kind == enWord && toks[i+1].kind == enWord {
			var buf [48]byte
			if num, ok := scaleNumber(buf[:0], low[toks[i].lo:toks[i].hi], low[toks[i+1].lo:toks[i+1].hi]); ok {
				emit(string(num), group)
				i += 2
				continue
			}
		}
		if toks[i].kind == enWord {
			if n := numberWords[string(low[toks[i].lo:toks[i].hi])]; n > 0 {
				// A count in words is printed in figures or numerals
				// (五个指标, 两位建筑师), never as the dictionary's idioms
				// for it (three: 三下五除二; two: 个别).
				emit(strconv.Itoa(n), group)
				emit(cnNumber(n), group)
				if n == 2 {
					emit("两", group)
				}
				matched++
				i++
				continue
			}
		}
		n, e := g.longest(classes[i:])
		zh := ""
		if n > 0 {
			zh = g.zh[e]
		}
		if w := cased[toks[i].lo:toks[i].hi]; (n == 0 || stop[i]) && toks[i].kind == enWord && !shouting && isAcronym(w) {
			// An acronym typed in capitals is read as one (US is 美国, WHO
			// 世界卫生组织), though its letters spell a function word.
			if az := dict.lookup(append([]byte(dictkey.Acronym), low[toks[i].lo:toks[i].hi]...)); az != "" {
				n, zh = 1, az
			}
		}
		// The paper's own reading first; the dictionary's when it knows
		// a longer phrase whose words the paper's list does not all
		// read ("chief executive officer" is 首席执行官, but "national
		// industry" is 全国 工业, not 民族工业).
		if dn, dzh := dict.longest(stems[i:], stop[i:]); dn > n && !g.covers(classes[i:i+dn]) {
			n, zh = dn, dzh
		}
		if n == 0 && toks[i].kind == enWord && !stop[i] {
			// A word with no reading may be a name a proper noun goes by
			// alone (Tolkien, Manhattan; cedictgen's "@" keys). Colloquial
			// fitting questions (testdata/colloquial, 123 answerable
			// English ones): R@1 85 → 87, right as answered 55 → 58,
			// always answering 77 → 79. Read for a capitalized word even
			// where it has another reading (the Clippers: 剪子, 快船), it
			// gave 86, 55 and 75: capitalized common words (League,
			// Beetle) took some other name's reading.
			if nz := dict.lookup([]byte(dictkey.Name + stems[i])); nz != "" {
				n, zh = 1, nz
				if w := cased[toks[i].lo:toks[i].hi]; isName(w) {
					emit(string(low[toks[i].lo:toks[i].hi]), searchOnly) // printed beside, often
				}
			}
		}
		if n > 0 {
			matched++
			for rest := zh; rest != ""; {
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
			} else if w := cased[t.lo:t.hi]; i > 0 && !shouting && isName(w) && !stop[i] {
				// Searched, but no group: where the archive prints the
				// name only transliterated, an answerer would count it
				// missing from every sentence.
				emit(string(low[t.lo:t.hi]), searchOnly)
			}
		}
		i++
	}
	return matched
}

// isTag reports whether token i is a question tag ("…, right?"): it asks
// for a yes or a no, and read as 权利 正确 it weighed as a term the answer
// must print.
func isTag(q string, toks []enToken, low []byte, i int) bool {
	if i == 0 || i != len(toks)-1 || toks[i].kind != enWord || !strings.Contains(q[toks[i-1].end:toks[i].start], ",") {
		return false
	}
	switch string(low[toks[i].lo:toks[i].hi]) {
	case "right", "correct", "true", "yes", "no", "eh":
		return true
	}
	return false
}

// askedKinds are the words that, after a question word, name the kind of
// answer asked rather than anything printed: "what year" is answered by
// 2008年, never by 年华 or 岁月, the dictionary's readings of "year",
// which are rare in an archive and so weighed most. Chinese questions drop
// 哪一年 and 多大 the same way (query.go).
var askedKinds = map[string]map[string]bool{
	"what":  wordSet("year date day month time decade century age"),
	"which": wordSet("year date day month time decade century"),
	"how":   wordSet("old long tall high big large far often"),
}

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// asksKind reports whether word, after prev (both lower-case), names the
// kind asked. The lookups do not allocate: translate keeps its words on
// the stack.
func asksKind(prev, word []byte) bool { return askedKinds[string(prev)][string(word)] }

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
		if m := reLength.FindSubmatch(w); m != nil {
			return addTerm(out, segs, string(m[1])+lengthUnits[string(m[2])]) // 500m → 500米
		}
		return addTerm(out, segs, string(w))
	case shouting || len(w) < 2:
	case lower == 0 || hasInnerUpper(w):
		return addTerm(out, segs, string(w))
	}
	return out, segs
}

// reLength is a length typed with its unit's symbol (500m, 3.5km), which a
// Chinese text prints with the unit's name (500米).
var reLength = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(km|cm|mm|m)$`)

var lengthUnits = map[string]string{"m": "米", "km": "公里", "cm": "厘米", "mm": "毫米"}

// isAcronym reports whether w is written as an acronym: two to six
// capital letters.
func isAcronym(w []byte) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, c := range w {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// isName reports whether w is written as a name (Sahaliyania, Gliese):
// capitalized, the rest lower case, at least 4 letters. Chinese text often
// prints a foreign name in Latin letters beside its transliteration.
func isName(w []byte) bool { return len(w) >= 4 && capitalized(w) }

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

// numberWords are the counts English writes in words ("one" is a function
// word here: one of, the one who).
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}

// cnNumber writes n (1–99) in Chinese numerals: 五, 十二, 二十.
func cnNumber(n int) string { return strings.TrimPrefix(string(appendOrdinal(nil, n)), "第") }

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
					// Keyed without its marks (Dvořák: dvorak), as
					// the table keys the word (enstem.Fold).
					low = utf8.AppendRune(low, unicode.ToLower(enstem.FoldRune(r2)))
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

// stemEnglish is enstem.Stem: the dictionary table's keys were stemmed
// by the same function.
func stemEnglish(dst, w []byte) []byte { return enstem.Stem(dst, w) }

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

// wordClass returns the class of w (lower-case), directly or through its
// stem, or 0 when no phrase has such a word.
func (g *glossIndex) wordClass(w, scratch []byte) uint16 {
	if c, ok := g.words[string(w)]; ok {
		return c
	}
	return g.stems[string(stemEnglish(scratch, w))]
}

// covers reports whether the glossary's phrases read every word of classes.
func (g *glossIndex) covers(classes []uint16) bool {
	for j := 0; j < len(classes); {
		n, _ := g.longest(classes[j:])
		if n == 0 {
			return false
		}
		j += n
	}
	return true
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

// glossaryTSV is the paper's own terms: see the file's head.
//
//go:embed glossary.tsv
var glossaryTSV string

// glossary is glossary.tsv read; glossaryErr names its unreadable lines,
// which are left out.
var glossary, glossaryErr = parseGlossary(glossaryTSV)

// parseGlossary reads lines of "english<TAB>chinese terms"; blank lines
// and lines starting with # are skipped. A line without both parts is left
// out and named in the error.
func parseGlossary(data string) ([]glossEntry, error) {
	var out []glossEntry
	var bad []string
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		en, zh, ok := strings.Cut(line, "\t")
		en, zh = strings.TrimSpace(en), strings.TrimSpace(zh)
		if !ok || en == "" || zh == "" || strings.Contains(zh, "\t") {
			bad = append(bad, fmt.Sprintf("line %d: %q", n+1, line))
			continue
		}
		out = append(out, glossEntry{en, zh})
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("glossary.tsv: %d lines are not \"english<TAB>chinese\": %s", len(bad), strings.Join(bad, "; "))
	}
	return out, nil
}

func loadGlossary() *glossIndex {
	glossOnce.Do(func() {
		if glossaryErr != nil {
			slog.Error("glossary has bad lines; they are skipped", "err", glossaryErr)
		}
		g, err := buildGlossary(glossary)
		if err != nil {
			// The glossary is embedded and its test builds it; a defect
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
				if c, ok = g.stems[st]; !ok || enstem.Distinct[ws] {
					classes++
					c = uint16(classes)
					if !enstem.Distinct[ws] {
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
