// Command cedictgen builds retrieve's English→Chinese lookup
// (cedict.tsv.gz) from CC-CEDICT, the Chinese–English dictionary by MDBG
// (https://cc-cedict.org/wiki/, CC BY-SA 4.0; the table it writes is under
// the same licence).
//
// Every English gloss of an entry, cleaned (parentheses, "to " or "to be "
// before a verb, "a"/"the" dropped; only the part before a comma), becomes a key
// for the entry's Simplified word; a proper noun is also keyed by its
// pinyin (Zhongguancun, Xi Jinping). Of the words a key collects, the
// three most frequent in a Chinese text corpus are kept, most frequent
// first, single characters only when no longer word is used: "company"
// gives 公司, not 伴. The corpus is the text of the fitting sets
// (../shared/bench/cmrc2018_trial and drcd_test, encyclopedia paragraphs),
// never a sample page.
//
// Usage (go generate in retrieve/ runs it):
//
//	go run ./internal/cedictgen -dict ../../shared/dict/cedict_ts.u8 \
//	    -corpus ../../shared/bench/cmrc2018_trial/corpus.jsonl,../../shared/bench/drcd_test/corpus.jsonl \
//	    -out cedict.tsv.gz
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"index/suffixarray"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/internal/cedict"
	"github.com/heraldqa/heraldqa/retrieve/internal/dictkey"
	"github.com/heraldqa/heraldqa/retrieve/internal/enstem"
)

func main() {
	dict := flag.String("dict", "", "CC-CEDICT file (cedict_ts.u8)")
	corpus := flag.String("corpus", "", "comma-separated JSONL files whose \"text\" gives word frequencies")
	out := flag.String("out", "cedict.tsv.gz", "table to write")
	flag.Parse()
	if err := run(*dict, strings.Split(*corpus, ","), *out); err != nil {
		fmt.Fprintln(os.Stderr, "cedictgen:", err)
		os.Exit(1)
	}
}

// perKey is how many Chinese words a key keeps.
const perKey = 3

type cand struct {
	word  string
	sense int // the gloss's position in its entry: 0 is the main sense
}

func run(dictPath string, corpora []string, outPath string) error {
	text, err := readCorpus(corpora)
	if err != nil {
		return err
	}
	sa := suffixarray.New(text)
	freqCache := map[string]int{}
	freq := func(w string) int {
		if f, ok := freqCache[w]; ok {
			return f
		}
		f := len(sa.Lookup([]byte(w), 100000))
		freqCache[w] = f
		return f
	}

	f, err := os.Open(dictPath)
	if err != nil {
		return fmt.Errorf("reading the dictionary: %w", err)
	}
	defer f.Close()
	keys := map[string][]cand{}
	var demonyms [][2]string          // adjective, place: Korean, 韩国
	places := map[string]bool{}       // proper nouns' Simplified words
	readings := map[string][]string{} // toneless syllable → characters read so
	add := func(key, word string, sense int) {
		switch a, isAcronym := strings.CutPrefix(key, dictkey.Acronym); {
		case isAcronym:
			// An acronym is keyed as written, function word or not (US,
			// WHO): retrieve reads it for a word typed in capitals.
			key = dictkey.Acronym + strings.ToLower(a)
		case strings.HasPrefix(key, dictkey.Name): // a proper noun's name alone (addName)
			// Stemmed as questions are (Clippers → clipper).
			key = dictkey.Name + enstem.Phrase(key[len(dictkey.Name):])
		default:
			if key = cleanKey(key); key == "" {
				return
			}
			// Stemmed as questions are (parks, held → park, hold); phrases
			// that meet gather their words.
			key = enstem.Phrase(key)
		}
		for _, c := range keys[key] {
			if c.word == word {
				return
			}
		}
		keys[key] = append(keys[key], cand{word, sense})
	}
	entries := 0
	err = cedict.Read(f, func(e cedict.Entry) {
		simp, pinyin, glosses := e.Simplified, e.Pinyin, e.Senses
		if !usableWord(simp) {
			return
		}
		entries++
		if utf8.RuneCountInString(simp) == 1 {
			for _, syl := range syllableKeys(pinyin) {
				if !slices.Contains(readings[syl], simp) {
					readings[syl] = append(readings[syl], simp)
				}
			}
		}
		name := properName(pinyin)
		if name != "" {
			add(name, simp, 0)
			places[simp] = true
		}
		for i, g := range glosses {
			if skipGloss(g) {
				continue
			}
			if name != "" {
				addName(add, g, simp, i)
			}
			if adj, place := demonym(g, simp); adj != "" {
				demonyms = append(demonyms, [2]string{adj, place})
			}
			for _, acr := range reAcronym.FindAllStringSubmatchIndex(g, -1) {
				if a := g[acr[2]:acr[3]]; spells(a, g[:acr[0]]) {
					add(a, simp, i)
					add(dictkey.Acronym+a, simp, i)
				}
			}
			// Parentheses first: a comma inside them ("parallel (in a
			// spatial or geometric sense, or figuratively)") cut the
			// phrase in two, and 平行 was lost for "parallel".
			for _, part := range strings.Split(reParen.ReplaceAllString(g, " "), ";") {
				part, _, _ = strings.Cut(part, ",")
				// "Macao or Macau": either name.
				for _, alt := range strings.Split(part, " or ") {
					add(alt, simp, i)
					if noun, ok := kinNoun(alt); ok {
						add(noun, simp, i+1)
					}
					if a := strings.TrimSpace(alt); reBareAcronym.MatchString(a) {
						add(dictkey.Acronym+a, simp, i) // 美国 "United States; USA; US"
					}
				}
			}
		}
	})
	if err != nil {
		return fmt.Errorf("reading the dictionary: %w", err)
	}
	// "Korean" also names the country, which an English question means by
	// it far more often than the people or the language ("a Korean
	// company", "the Dutch swimmer"): the place, where the dictionary
	// holds it as a word of its own, joins the adjective's words.
	for _, d := range demonyms {
		if places[d[1]] {
			add(d[0], d[1], 0)
		}
	}

	var lines []string
	for key, cs := range keys {
		// Words first, most used first, a use discounted when the phrase is
		// not the word's main sense; a single character (whose count holds
		// every word it is part of) only to fill up, and only in its main
		// sense: 澳门 for "Macao", not 澳.
		score := func(c cand) float64 { return float64(freq(c.word)) / float64(1+c.sense) }
		slices.SortStableFunc(cs, func(a, b cand) int {
			la, lb := utf8.RuneCountInString(a.word) > 1, utf8.RuneCountInString(b.word) > 1
			if la != lb {
				if la {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(score(b), score(a)), cmp.Compare(a.sense, b.sense))
		})
		var keep []string
		for _, c := range cs {
			single := utf8.RuneCountInString(c.word) == 1
			switch {
			case len(keep) == perKey:
			case single && (c.sense > 0 || freq(c.word) == 0):
			case len(keep) > 0 && freq(c.word) == 0:
			default:
				keep = append(keep, c.word)
			}
		}
		if len(keep) > 0 {
			lines = append(lines, key+"\t"+strings.Join(keep, " "))
		}
	}
	// A syllable's characters, most used first: a name typed in pinyin
	// (retrieve/pinyin.go) is read back through them.
	for syl, chars := range readings {
		slices.SortStableFunc(chars, func(a, b string) int { return cmp.Compare(freq(b), freq(a)) })
		lines = append(lines, dictkey.Syllable+syl+"\t"+strings.Join(chars, ""))
	}
	slices.Sort(lines)

	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, l := range lines {
		zw.Write([]byte(l))
		zw.Write([]byte{'\n'})
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(outPath, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the table: %w", err)
	}
	fmt.Fprintf(os.Stderr, "cedictgen: %d entries, %d keys, %d bytes\n", entries, len(lines), buf.Len())
	return nil
}

var (
	reAcronym = regexp.MustCompile(`\(([A-Z][A-Z0-9]{1,6})\)`)
	// reBareAcronym is a gloss that is an acronym alone (US, EU).
	reBareAcronym = regexp.MustCompile(`^[A-Z]{2,6}$`)
	reParen       = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
	reHan         = regexp.MustCompile(`[^\x00-\x7f]+\S*`)
	reTone        = regexp.MustCompile(`[1-5]`)
)

// spells reports whether acronym abbreviates the words of gloss that end
// just before it: each word gives its initial and perhaps later letters of
// its own, in order ("chief executive officer (CEO)", "adenosine
// diphosphate (ADP)"); after the first, a word may give none ("All-China
// Federation of Trade Unions (ACFTU)", "Centers for Disease Control and
// Prevention (CDC)"). "a player for the New
// Jersey Nets (NBA)" names where, not what, and gave NBA → 易建联.
func spells(acronym, gloss string) bool {
	words := strings.FieldsFunc(strings.ToLower(gloss), func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
	letters := strings.ToLower(acronym)
	// from reports whether letters[i:] are given by words[j:], to the end.
	var from func(i, j int) bool
	from = func(i, j int) bool {
		if j == len(words) {
			return i == len(letters)
		}
		w := words[j]
		if (joining[w] || i > 0) && from(i, j+1) {
			return true
		}
		if i == len(letters) || w == "" || w[0] != letters[i] {
			return false
		}
		// The word gives letters[i] and then letters[i+1:k] from its rest.
		for k, rest := i+1, w[1:]; ; k++ {
			if from(k, j+1) {
				return true
			}
			if k == len(letters) {
				return false
			}
			at := strings.IndexByte(rest, letters[k])
			if at < 0 {
				return false
			}
			rest = rest[at+1:]
		}
	}
	for j := range words {
		if from(0, j) {
			return true
		}
	}
	return false
}

var joining = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true, "to": true, "&": true}

// usableWord: a Simplified word the archive could print, of Han characters
// (a · between the parts of a foreign name allowed).
func usableWord(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return false
		}
		n++
	}
	return n > 0
}

// skipGloss: glosses that point elsewhere instead of translating.
func skipGloss(g string) bool {
	l := strings.ToLower(g)
	for _, p := range []string{"surname ", "variant of", "old variant", "see ", "see also", "abbr. for", "abbr. to", "cl:", "used in ", "japanese variant", "erhua variant", "also written", "also pr.", "(tw)", "(taiwan pr.", "(cantonese)", "(dialect)", "(old)", "(archaic)", "(literary)", "(classical)", "(bound form)", "(onom.)", "(slang)", "(internet slang)", "(vulgar)"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// cleanKey lower-cases a gloss, drops parentheses, "to" before a verb and
// articles, and keeps it when it is a short phrase of plain words that
// are not all function words.
func cleanKey(s string) string {
	s = reParen.ReplaceAllString(s, " ")
	// A Latin letter with a mark is keyed as typed without it (Dvořák →
	// dvorak, Pokémon → pokemon); any other letter outside ASCII (ø)
	// drops the key. reHan would cut the word at it: "Drøbak" had keyed
	// 德勒巴克 under "dr", so "Dr. Stockmann" searched a Norwegian town.
	s = enstem.Fold(s)
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) {
			return ""
		}
	}
	s = reHan.ReplaceAllString(s, " ") // 弹幕 of "彈幕|弹幕[dan4 mu4]"
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '\'':
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	for len(words) > 0 && (words[0] == "to" || words[0] == "a" || words[0] == "an" || words[0] == "the") {
		words = words[1:]
	}
	if len(words) > 1 && words[0] == "be" {
		words = words[1:] // "to be born" is looked up as "born": "was … born" asks it
	}
	if len(words) == 0 || len(words) > dictkey.MaxWords {
		return ""
	}
	// A key needs a word that is neither a function word nor a number: a
	// question's figures are searched as typed, and "1", the part of
	// "1,4-benzoquinone" before its comma, had read "July 1" as 对苯醌.
	content := false
	for _, w := range words {
		if !enstem.Stop(w) && strings.Trim(w, "0123456789") != "" {
			content = true
		}
	}
	if !content || len(words) == 1 && len(words[0]) == 1 {
		return "" // a letter alone is a code (h, 海伦; k, 哥本哈根), never a question's word
	}
	return strings.Join(words, " ")
}

// kinNoun is the kin a gloss names by age or side (older brother,
// maternal grandfather): Chinese has a word for each where English says
// "brother", and a question's "brother" reads 哥哥 and 弟弟 as well as
// 兄弟.
func kinNoun(gloss string) (string, bool) {
	f := strings.Fields(strings.ToLower(strings.TrimSpace(gloss)))
	if len(f) != 2 {
		return "", false
	}
	switch f[0] {
	case "older", "elder", "younger", "eldest", "youngest", "paternal", "maternal":
		return f[1], true
	}
	return "", false
}

// addName keys a proper noun's gloss by the name it is known by alone:
// "@" and the gloss's last capitalized word (Los Angeles Clippers →
// @clipper, J.R.R. Tolkien → @tolkien, Manhattan island → @manhattan),
// which retrieve reads for a word with no other reading (glossary.go);
// and a work "by" someone by its title alone (The Lord of the Rings by
// J.R.R. Tolkien → lord of the ring).
func addName(add func(key, word string, sense int), gloss, word string, sense int) {
	part, _, _ := strings.Cut(gloss, ";")
	part, _, _ = strings.Cut(part, ",")
	part = reParen.ReplaceAllString(part, " ")
	if title, _, ok := strings.Cut(part, " by "); ok {
		add(title, word, sense)
		part = title
	}
	// The last capitalized word of a name (four words at most; longer is
	// a description), past small words and kinds of place after it
	// (Manhattan island, Taitung County); a short one (Gordon Liu) is no
	// name to go by alone, and the word before it is a given name.
	fields := strings.Fields(part)
	if len(fields) > 4 {
		return
	}
	for j := len(fields) - 1; j >= 0; j-- {
		w := strings.TrimRight(fields[j], ".'")
		if w == "" || w[0] < 'A' || w[0] > 'Z' || kinds[strings.ToLower(w)] {
			continue
		}
		if len(w) >= 4 && isCapitalizedWord(w) {
			add(dictkey.Name+strings.ToLower(w), word, sense)
		}
		return
	}
}

// kinds are the words that close a name by saying what kind of thing it
// names; the thing goes by the word before.
var kinds = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`county city town village district province prefecture region state
		republic kingdom empire dynasty river lake mountain mountains mount island islands sea ocean bay gulf
		strait peninsula desert valley plain plateau canal park street road avenue bridge square tower hall
		palace temple church cathedral museum hospital station airport port university college school
		academy institute association society committee council party group company corporation bank
		cup award prize festival war battle treaty act movement revolution day north south east west
		northern southern eastern western central new great old upper lower`) {
		kinds[w] = true
	}
}

// isCapitalizedWord: a capital and then small letters (Tolkien, not NBA or
// J.R.R.).
func isCapitalizedWord(w string) bool {
	if w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, c := range w[1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// syllableKeys are the toneless syllables of a one-character entry's
// pinyin as English may write them: [lu:3] gives lv and lu (Lü is typed
// Lu), [r5] none.
func syllableKeys(pinyin string) []string {
	s := strings.ToLower(reTone.ReplaceAllString(strings.TrimSpace(pinyin), ""))
	if strings.ContainsFunc(s, func(r rune) bool { return (r < 'a' || r > 'z') && r != ':' && r != 'ü' }) || len(s) < 1 {
		return nil
	}
	if strings.Contains(s, "u:") || strings.Contains(s, "ü") {
		v := strings.NewReplacer("u:", "v", "ü", "v").Replace(s)
		return []string{v, strings.Replace(v, "v", "u", 1)}
	}
	if s == "r" || s == "m" || s == "n" || s == "ng" || s == "hm" || s == "hng" {
		return nil // interjections and the 儿 suffix: no name is written with them
	}
	return []string{s}
}

// properName is a proper noun's pinyin as English writes it, a new word at
// each capitalized syllable: [Zhong1 guan1 cun1] → zhongguancun,
// [Xi2 Jin4 ping2] → xi jinping; "" for a common noun.
func properName(pinyin string) string {
	syl := strings.Fields(pinyin)
	if len(syl) == 0 {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(syl[0])
	if !unicode.IsUpper(first) {
		return ""
	}
	var b strings.Builder
	for i, s := range syl {
		r, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsLetter(r) || !strings.ContainsAny(s[len(s)-1:], "12345") {
			return "" // a Latin letter (C罗), a middle dot: not a syllable
		}
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
		}
		s = strings.ReplaceAll(strings.ReplaceAll(s, "u:", "v"), "ü", "v")
		b.WriteString(strings.ToLower(reTone.ReplaceAllString(s, "")))
	}
	return b.String()
}

// readCorpus is the Simplified, width-folded text of the corpora, for
// counting how often words occur.
func readCorpus(paths []string) ([]byte, error) {
	var b bytes.Buffer
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("reading the frequency corpus: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var rec struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			b.WriteString(normalize.ToSimplified(normalize.Fold(rec.Title + "\n" + rec.Text)))
			b.WriteByte('\n')
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	return b.Bytes(), nil
}

// reDemonym is a gloss of a person or a language by the adjective of a
// place: "Korean (person)", "German person or people", "Dutch (language)".
var reDemonym = regexp.MustCompile(`^([A-Z][a-z]+) (?:\(person\)|person|people|\(language\))`)

// demonym returns the adjective and the place of an entry that glosses a
// place's people or language (韩国人 "Korean (person)" → Korean, 韩国);
// "" when it does not.
func demonym(gloss, simp string) (adj, place string) {
	m := reDemonym.FindStringSubmatch(gloss)
	if m == nil {
		return "", ""
	}
	place = strings.TrimSuffix(strings.TrimSuffix(simp, "人"), "语")
	if place == simp || utf8.RuneCountInString(place) < 2 {
		return "", "" // 德 of 德语: a character alone is many words' part
	}
	return m[1], place
}
