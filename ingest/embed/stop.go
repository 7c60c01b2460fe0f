package embed

import "slices"

// The local embedder's stop-lists. They are part of its version: changing
// them changes vectors, so bump localVersion with them.

// stopChars are function characters and question words: as single
// characters they say nothing about a topic. Pairs containing them keep
// their full weight unless listed below ("和平", "地方", "现在").
var stopChars = newHanSet("的了是在和与及或吗呢吧啊么哪谁何怎这那之其也都就而把被着过个些为对将于以有等")

// stopParticles are characters so purely grammatical that any pair
// containing one is noise: "论坛的主宾国" yields 坛的 and 的主.
var stopParticles = newHanSet("的吗呢吧啊")

// stopPairs are question and function words; a question is full of them and
// its answer is not.
var stopPairs = newPairSet(
	"什么", "哪个", "哪些", "哪里", "哪家", "哪位", "哪年", "哪天", "哪一",
	"多少", "几个", "是否", "如何", "怎么", "怎样", "为何", "为什", "何时", "何地",
	"请问", "是什", "是哪", "是多", "有哪", "有多", "么时", "时候", "一个", "一下",
	"介绍", "我们", "他们", "以及", "进行",
)

func isStopChar(r rune) bool { return stopChars.has(r) }

func isStopPair(a, b rune) bool {
	return stopParticles.has(a) || stopParticles.has(b) || stopPairs.has(a, b)
}

// hanSet is a set of characters of the common Han block, U+4E00..U+9FFF, as
// a bitmap: looked up for every character embedded, so it must be cheap.
type hanSet [(0x9FFF - 0x4E00 + 64) / 64]uint64

func newHanSet(chars string) *hanSet {
	var s hanSet
	for _, r := range chars {
		if r < 0x4E00 || r > 0x9FFF {
			panic("stop-list character outside the common Han block: " + string(r)) // a typo in the lists above
		}
		s[(r-0x4E00)/64] |= 1 << ((r - 0x4E00) % 64)
	}
	return &s
}

func (s *hanSet) has(r rune) bool {
	if r < 0x4E00 || r > 0x9FFF {
		return false
	}
	return s[(r-0x4E00)/64]&(1<<((r-0x4E00)%64)) != 0
}

// pairSet is a set of character pairs: their first characters as a hanSet,
// then a sorted list searched only when the first character matches.
type pairSet struct {
	first *hanSet
	pairs []uint64 // a<<32 | b, sorted
}

func newPairSet(words ...string) pairSet {
	var firsts []rune
	var pairs []uint64
	for _, w := range words {
		r := []rune(w)
		if len(r) != 2 {
			panic("stop pair of other than two characters: " + w) // a typo in the lists above
		}
		firsts = append(firsts, r[0])
		pairs = append(pairs, uint64(r[0])<<32|uint64(r[1]))
	}
	slices.Sort(pairs)
	return pairSet{first: newHanSet(string(firsts)), pairs: pairs}
}

func (s pairSet) has(a, b rune) bool {
	if !s.first.has(a) {
		return false
	}
	_, ok := slices.BinarySearch(s.pairs, uint64(a)<<32|uint64(b))
	return ok
}
