// Package lexical is a BM25 index over the terms of normalized Chinese and
// English text: CJK character bigrams (the dictionary-free unit that suits
// Chinese retrieval), CJK unigrams at a lower weight, and ASCII words and
// numbers. It is built at ingest, saved in the store as one compact blob,
// and loaded without rebuilding.
package lexical

import "unicode"

// Term is a hashed token. The top two bits say what kind it is, so a bigram
// and a word can never collide.
type Term uint64

const (
	kindBigram  Term = 1 << 62
	kindUnigram Term = 2 << 62
	kindWord    Term = 3 << 62
	kindMask    Term = 3 << 62
)

// IsUnigram reports whether t is a single CJK character.
func (t Term) IsUnigram() bool { return t&kindMask == kindUnigram }

// IsWord reports whether t is an ASCII word or number.
func (t Term) IsWord() bool { return t&kindMask == kindWord }

func isHan(r rune) bool {
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

func isWordRune(r rune) bool {
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z')
}

// Terms appends the terms of s to dst and returns it. s must already be
// normalized (normalize.ForIndex): Simplified, width-folded, lower-case.
// Every Han character yields a unigram, and every pair of adjacent Han
// characters a bigram; runs of ASCII letters and digits yield one word.
func Terms(dst []Term, s string) []Term {
	var prev rune = -1
	wordStart := -1
	for i, r := range s {
		if isWordRune(r) {
			if wordStart < 0 {
				wordStart = i
			}
			prev = -1
			continue
		}
		if wordStart >= 0 {
			dst = append(dst, wordTerm(s[wordStart:i]))
			wordStart = -1
		}
		if isHan(r) {
			dst = append(dst, kindUnigram|Term(r))
			if prev >= 0 {
				dst = append(dst, kindBigram|Term(prev)<<21|Term(r))
			}
			prev = r
			continue
		}
		prev = -1
	}
	if wordStart >= 0 {
		dst = append(dst, wordTerm(s[wordStart:]))
	}
	return dst
}

func wordTerm(w string) Term {
	// FNV-1a, inline: stable across platforms and free of allocations.
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return kindWord | Term(h)&^kindMask
}

// Bigram returns the term of two adjacent Han characters.
func Bigram(a, b rune) Term { return kindBigram | Term(a)<<21 | Term(b) }

// Runes returns the two characters of a bigram; ok is false for other terms.
func (t Term) Runes() (a, b rune, ok bool) {
	if t&kindMask != kindBigram {
		return 0, 0, false
	}
	return rune(t >> 21 & 0x1FFFFF), rune(t & 0x1FFFFF), true
}

// Unigram returns the term of one Han character.
func Unigram(r rune) Term { return kindUnigram | Term(r) }
