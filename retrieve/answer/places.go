package answer

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// places.txt lists place names, one a line, built by internal/placegen
// from CC-CEDICT (© MDBG, CC BY-SA 4.0, https://cc-cedict.org/wiki/; the
// list is under the same licence) and x/text's names of countries. A text
// prints many places without an administrative suffix (在武汉举行, 大连),
// which no pattern reads.
//
//go:generate go run ../internal/placegen -dict ../../../shared/dict/cedict_ts.u8 -out places.txt
//go:embed places.txt
var placeList string

// maxPlace is the longest name looked up, in characters; longer ones are
// rare and carry a suffix.
const maxPlace = 6

var placeNames = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, strings.Count(placeList, "\n"))
	for _, p := range strings.Split(placeList, "\n") {
		if n := utf8.RuneCountInString(p); n >= 2 && n <= maxPlace {
			m[p] = struct{}{}
		}
	}
	return m
})

// placeAt is the longest name of the list that s begins with; "" when none.
func placeAt(s string) string {
	names := placeNames()
	var got string
	j, n := 0, 0
	for j < len(s) && n < maxPlace {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r < utf8.RuneSelf {
			break
		}
		j += size
		n++
		if _, ok := names[s[:j]]; ok && n >= 2 {
			got = s[:j]
		}
	}
	return got
}

// placesIn are the names of the list s prints, each the longest at its
// place, read left to right; at most limit of them (0: all) for which keep
// says true.
func placesIn(s string, limit int, keep func(string) bool) []string {
	var out []string
	eachPlace(s, func(p string, _ int) bool {
		if keep == nil || keep(p) {
			out = append(out, p)
		}
		return limit == 0 || len(out) < limit
	})
	return out
}

// eachPlace calls f with each name of the list s prints and the byte
// offset it starts at, the longest at its place, left to right, until f
// returns false.
func eachPlace(s string, f func(p string, at int) bool) {
	for i := 0; i < len(s); {
		if p := placeAt(s[i:]); p != "" {
			if !f(p, i) {
				return
			}
			i += len(p)
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
}
