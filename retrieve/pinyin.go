package retrieve

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/internal/dictkey"
)

// English readers of a Chinese paper type its people in pinyin (Yin
// Hejun, Sun Jingmiao), and no dictionary holds a reporter's or an
// official's name. A run of capitalized words that reads as two to four
// syllables is read back into the Han names the archive prints: each
// syllable's characters come from CC-CEDICT (cedictgen's "~" lines), and
// only a chain whose every character pair the archive prints, and one of
// its chunks prints whole, is kept.

// maxSyllable is the longest syllable (zhuang, shuang).
const maxSyllable = 6

// Bounds of a name: 陈诚 to 欧阳修 and 司马相如.
const (
	minNameSyllables = 2
	maxNameSyllables = 4
)

// syllableChars are the characters read as syl, most used first; nil for
// no syllable.
func (d *dictTable) syllableChars(syl []byte) []byte {
	var buf [16]byte
	return d.find(append(append(buf[:0], dictkey.Syllable...), syl...))
}

// syllables are the ways w (lower-case letters) splits into syllables, at
// most max syllables each (jingmiao: jing miao; xian: xian, xi an).
func (d *dictTable) syllables(w []byte, max int) [][]string {
	if len(w) == 0 {
		return [][]string{nil}
	}
	if max == 0 {
		return nil
	}
	var out [][]string
	for n := min(len(w), maxSyllable); n > 0; n-- {
		if d.syllableChars(w[:n]) == nil {
			continue
		}
		for _, rest := range d.syllables(w[n:], max-1) {
			out = append(out, append([]string{string(w[:n])}, rest...))
		}
	}
	return out
}

// pinyinRun is how many words at the start of toks make a name typed in
// pinyin (0 for none): consecutive capitalized words of syllables, two to
// four syllables in all. A function word (He, An) opens none at the
// question's start, where it is capitalized as a word, not as a name.
func (d *dictTable) pinyinRun(toks []enToken, low, cased []byte, stop []bool, atStart bool) int {
	var fewest [maxNameSyllables]int // each word's fewest syllables
	n := 0
	for n < len(toks) && n < maxNameSyllables && toks[n].kind == enWord && !(stop[n] && atStart && n == 0) && capitalized(cased[toks[n].lo:toks[n].hi]) {
		if fewest[n] = d.fewestSyllables(low[toks[n].lo:toks[n].hi]); fewest[n] == 0 {
			break
		}
		n++
	}
	for ; n > 0; n-- {
		sum := 0
		for _, f := range fewest[:n] {
			sum += f
		}
		if sum >= minNameSyllables && sum <= maxNameSyllables {
			return n
		}
	}
	return 0
}

// capitalized reports whether w is written as a word of a name in pinyin:
// a capital, then lower-case letters.
func capitalized(w []byte) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, c := range w[1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// fewestSyllables is the fewest syllables w (lower case) reads as; 0 when
// it is not all syllables.
func (d *dictTable) fewestSyllables(w []byte) int {
	best := 0
	for _, s := range d.syllables(w, maxNameSyllables) {
		if best == 0 || len(s) < best {
			best = len(s)
		}
	}
	return best
}

// transcribes reports whether zh, the dictionary's reading of toks (its
// first word), is their pinyin character by character: 王力 for Wang Li,
// not 香港 for Hong Kong.
func (d *dictTable) transcribes(zh string, toks []enToken, low []byte) bool {
	word, _, _ := strings.Cut(zh, " ")
	rs := []rune(word)
	var syls []string
	for _, t := range toks {
		segs := d.syllables(low[t.lo:t.hi], maxNameSyllables)
		if len(segs) == 0 {
			return false
		}
		syls = append(syls, segs[0]...) // the longest syllables first: jing miao, not jin g…
	}
	if len(syls) != len(rs) {
		return false
	}
	for i, syl := range syls {
		if !strings.ContainsRune(string(d.syllableChars([]byte(syl))), rs[i]) {
			return false
		}
	}
	return true
}

// maxReadings bounds the names a run reads as; most runs read as one.
const maxReadings = 3

// maxChains bounds the partial names kept while reading a run.
const maxChains = 256

// readPinyin is the Han names the archive prints for run (lower-case
// words of syllables, as Query.Pinyin holds them), most printed first.
func (e *Engine) readPinyin(run string) []string {
	d := loadDict()
	words := strings.Fields(run)
	found := e.readWords(d, words)
	if len(words) == 2 {
		// English often puts the given name first: Xiaoming Chen.
		found = append(found, e.readWords(d, []string{words[1], words[0]})...)
	}
	slices.SortStableFunc(found, func(a, b reading) int { return b.chunks - a.chunks })
	var out []string
	for _, r := range found {
		if len(out) < maxReadings && !slices.Contains(out, r.name) {
			out = append(out, r.name)
		}
	}
	return out
}

// reading is a name read from pinyin and the chunks that print it.
type reading struct {
	name   string
	chunks int
}

// readWords reads words, in their order, as one name.
func (e *Engine) readWords(d *dictTable, words []string) []reading {
	seqs := [][]string{nil}
	for _, w := range words {
		var next [][]string
		for _, seg := range d.syllables([]byte(w), maxNameSyllables) {
			for _, s := range seqs {
				if len(s)+len(seg) <= maxNameSyllables {
					next = append(next, append(slices.Clip(s), seg...))
				}
			}
		}
		seqs = next
	}
	var found []reading
	for _, seq := range seqs {
		if len(seq) < minNameSyllables {
			continue
		}
		for _, name := range e.chains(d, seq) {
			if slices.ContainsFunc(found, func(r reading) bool { return r.name == name }) {
				continue // another split of the same syllables: looked up once
			}
			if n := e.printedWhole(name); n > 0 {
				found = append(found, reading{name, n})
			}
		}
	}
	return found
}

// chains are the strings of one character per syllable of seq whose every
// adjacent pair the archive prints.
func (e *Engine) chains(d *dictTable, seq []string) []string {
	var cur []string
	for _, r := range string(d.syllableChars([]byte(seq[0]))) {
		cur = append(cur, string(r))
	}
	for _, syl := range seq[1:] {
		chars := d.syllableChars([]byte(syl))
		var next []string
		for _, p := range cur {
			last, _ := utf8.DecodeLastRuneInString(p)
			for _, r := range string(chars) { // no copy: a range over a conversion
				if t := lexical.Bigram(last, r); e.lex.Body.DocFreq(t) > 0 || e.lex.Title.DocFreq(t) > 0 {
					next = append(next, p+string(r))
				}
			}
		}
		if len(next) > maxChains {
			return nil // too common a reading to be told apart
		}
		cur = next
	}
	return cur
}

// printedWhole is how many of the chunks that best match name's
// characters print it whole (their pairs may be apart), in their text or
// their article's headline or byline (a reporter's name).
func (e *Engine) printedWhole(name string) int {
	terms := lexical.QueryTerms(name)
	n := 0
	for _, h := range e.lex.Body.Search(terms, 8, nil) {
		if strings.Contains(e.chunks[h.Doc].Norm, name) {
			n++
		}
	}
	for _, h := range e.lex.Title.Search(terms, 8, nil) {
		if strings.Contains(lexical.TitleNorm(e.meta[h.Doc].article), name) {
			n++
		}
	}
	return n
}

// PinyinName is a name an English question types in pinyin.
type PinyinName struct {
	// Words are the name's words, lower case: "sun jingmiao".
	Words string
	// First and End bound the groups of Query.Groups its words were
	// read as word by word (Sun as 太阳), which its name replaces.
	First, End int
}

// WithNames returns q with the names it types in pinyin read into the Han
// names the archive prints: each name is searched, and is one group of the
// answer in place of its words' readings. q itself when no name is
// printed.
func (e *Engine) WithNames(q *Query) *Query {
	var out *Query
	for i := len(q.Pinyin) - 1; i >= 0; i-- { // last first: spans stay put
		p := q.Pinyin[i]
		names := e.readPinyin(p.Words)
		if len(names) == 0 {
			continue
		}
		for j := range names {
			names[j] = normalize.ForIndex(names[j])
		}
		if out == nil {
			c := *q
			c.Groups = slices.Clone(q.Groups)
			out = &c
		}
		// A span past the groups (a query whose groups were re-read, as
		// WithTranslation does) adds the name at the end instead.
		first := min(p.First, len(out.Groups))
		end := min(max(p.End, first), len(out.Groups))
		out.Groups = slices.Replace(out.Groups, first, end, names)
		out.Subject = strings.TrimSpace(out.Subject + " " + strings.Join(names, " "))
	}
	if out == nil {
		return q
	}
	return out
}
