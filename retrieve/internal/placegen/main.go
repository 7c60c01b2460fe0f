// Command placegen builds the answerer's list of place names
// (retrieve/answer/places.txt) from CC-CEDICT, the Chinese–English
// dictionary by MDBG (https://cc-cedict.org/wiki/, CC BY-SA 4.0; the list
// is under the same licence), and the names of countries and regions that
// golang.org/x/text gives in Simplified Chinese.
//
// A where-question is answered by a place, and a place printed without an
// administrative suffix (在武汉举行, 出生于伦敦, 效力于巴西) has no mark a
// pattern can read. A CC-CEDICT entry is a place when it is a proper noun
// (capitalized pinyin) that is no common word too, and its first sense
// points at the same name with a suffix (武汉 → "see 武汉市") or names what
// places are (a city, a province, a river, …).
//
// Usage (go generate in retrieve/answer runs it):
//
//	go run ../internal/placegen -dict ../../../shared/dict/cedict_ts.u8 -out places.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/retrieve/internal/cedict"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func main() {
	dict := flag.String("dict", "", "CC-CEDICT file (cedict_ts.u8)")
	out := flag.String("out", "places.txt", "list to write")
	flag.Parse()
	if err := run(*dict, *out); err != nil {
		fmt.Fprintln(os.Stderr, "placegen:", err)
		os.Exit(1)
	}
}

var (
	// reSee is a sense that only points at another entry: "see 武漢市|武汉市[…]"
	// or "see 深圳市[…]"; the last form is the Simplified one.
	reSee = regexp.MustCompile(`^see (?:\S+?\|)?(\p{Han}+)\[`)
	// rePlaceSense: the first sense says what kind of place it is.
	rePlaceSense = regexp.MustCompile(`(?i)\b(city|cities|municipality|capital|province|county|district|prefecture|town|township|village|river|mountains?|mount|islands?|lake|peninsula|region|neighborhood|bay|strait|plateau|basin|desert|gulf|archipelago|state of)\b`)
	// rePerson: a sense about a person, even one who ruled a place.
	rePerson = regexp.MustCompile(`(?i)\b(dynasty|emperor|king|queen|prince|princess|duke|surname|general|poet|writer|painter|philosopher|novel)\b`)
	// reThing: a sense's head (before its first comma) naming something at
	// a place rather than the place: "Zhongguancun neighborhood of Beijing,
	// containing Peking University" is a place.
	reThing  = regexp.MustCompile(`(?i)\b(army|treaty|government|company|university|college|school|temple|festival|battle|war|party|incident|uprising|style|opera|film|book|magazine|newspaper|family|tribe|ethnic|people|language|dialect)\b`)
	reSuffix = regexp.MustCompile(`^[省市县区州镇乡村岛]$`)
)

func run(dict, out string) error {
	f, err := os.Open(dict)
	if err != nil {
		return fmt.Errorf("opening the dictionary: %w", err)
	}
	defer f.Close()
	type entry struct{ word, first string }
	var proper []entry
	common := map[string]bool{}
	err = cedict.Read(f, func(e cedict.Entry) {
		if r, _ := utf8.DecodeRuneInString(e.Pinyin); !unicode.IsUpper(r) {
			common[e.Simplified] = true
			return
		}
		proper = append(proper, entry{e.Simplified, e.Senses[0]})
	})
	if err != nil {
		return fmt.Errorf("reading the dictionary: %w", err)
	}
	places := map[string]bool{}
	for _, e := range proper {
		if common[e.word] || !allHan(e.word) || utf8.RuneCountInString(e.word) < 2 {
			continue
		}
		if isPlace(e.word, e.first) {
			places[e.word] = true
		}
	}
	names := display.Regions(language.SimplifiedChinese)
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			// UN, EU and EZ count as countries in x/text; they are bodies.
			if err != nil || !r.IsCountry() || r.String() == "UN" || r.String() == "EU" || r.String() == "EZ" {
				continue
			}
			if n := names.Name(r); allHan(n) && utf8.RuneCountInString(n) >= 2 {
				places[n] = true
			}
		}
	}
	list := make([]string, 0, len(places))
	for p := range places {
		list = append(list, p)
	}
	slices.Sort(list)
	if len(list) < 1000 {
		return fmt.Errorf("only %d places found: is %s CC-CEDICT?", len(list), dict)
	}
	return os.WriteFile(out, []byte(strings.Join(list, "\n")+"\n"), 0o644)
}

// isPlace reports whether a proper noun's first sense makes it a place.
func isPlace(word, first string) bool {
	if m := reSee.FindStringSubmatch(first); m != nil {
		rest, ok := strings.CutPrefix(m[1], word)
		return ok && reSuffix.MatchString(rest)
	}
	head, _, _ := strings.Cut(first, ",")
	return rePlaceSense.MatchString(first) && !rePerson.MatchString(first) && !reThing.MatchString(head)
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}
