// Package enstem reduces English words to crude stems, the same way for
// the English→Chinese table built at generate time and for questions at
// run time.
package enstem

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldRune is r without the marks on it (ř → r, é → e), as the table keys
// a word; a letter that is no base letter and marks (ø) stays.
func FoldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	d := []rune(norm.NFD.String(string(r)))
	for _, m := range d[1:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return d[0]
}

// Fold is s with each rune folded (FoldRune): Dvořák → Dvorak.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Map(FoldRune, s)
		}
	}
	return s
}

// Phrase is the key of an English phrase (lower-case words separated by
// single spaces): each word stemmed, except the distinct words.
func Phrase(p string) string {
	words := strings.Fields(p)
	var buf [64]byte
	for i, w := range words {
		words[i] = Word(w, buf[:0])
	}
	return strings.Join(words, " ")
}

// Word is the key of one lower-case word: its stem, or the word itself
// when it is one of the distinct words.
func Word(w string, scratch []byte) string {
	if Distinct[w] {
		return w
	}
	return string(Stem(scratch, []byte(w)))
}

// Distinct words keep their own key though they share a stem with another
// word: "issued" (印发) is not "issue" (期), "news" is not "new".
var Distinct = map[string]bool{"issued": true, "news": true}

// Stem reduces an English word to a crude stem so that inflected forms meet:
// plural -s/-es/-ies, past -ed, -ing, doubled consonants and a final -e, plus
// a table of irregularVerbs verbs. Both dictionary phrases and questions go through
// it, so the stems only need to agree with each other, not be words. dst
// is scratch space.
func Stem(dst, w []byte) []byte {
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
	"came": "come", "ran": "run", "fell": "fall", "fallen": "fall", "got": "get", "told": "tell",
	"kept": "keep", "lost": "lose", "paid": "pay", "sold": "sell", "bought": "buy", "fought": "fight",
	"caught": "catch", "struck": "strike", "stood": "stand", "flew": "fly", "flown": "fly",
	"drove": "drive", "driven": "drive", "knew": "know", "known": "know", "threw": "throw",
	"thrown": "throw", "broke": "break", "broken": "break", "spent": "spend", "wore": "wear",
	"worn": "wear", "stole": "steal", "stolen": "steal", "froze": "freeze", "frozen": "freeze",
	"sang": "sing", "sung": "sing", "swam": "swim", "rode": "ride", "ridden": "ride",
	"withdrew": "withdraw", "withdrawn": "withdraw", "overthrew": "overthrow", "overthrown": "overthrow",
	"forgot": "forget", "forgotten": "forget", "hid": "hide", "hidden": "hide", "meant": "mean",
	"felt": "feel", "ate": "eat", "eaten": "eat", "beaten": "beat", "sank": "sink", "sunk": "sink",
	"children": "child", "people": "person", "women": "woman", "men": "man",
}

// stopwords are English function and question words: a phrase made only
// of them (what, how many, in the) would put 什么 or 多少 into the search.
// So are Dr. and Mr.: "dr" keyed 存托凭证 (a depositary receipt's DR) and
// "mr" 混合现实, and the archive prints a title after the name
// (斯多克芒医生) in words "Dr." does not tell. Mrs. and Ms. read 夫人
// and 女士, as printed.
var stopwords = map[string]bool{}

// Stop reports whether w (lower-case) is a function or question word: a
// dictionary phrase neither starts nor ends with one ("held on" is not
// "hold on", 等等).
func Stop(w string) bool { return stopwords[w] }

func init() {
	for _, w := range strings.Fields(`a an the of in on at to for by with from as about into onto over under than then so such
		and or but nor not no yes if whether also all any some each every both either neither other another
		what what's which who whom whose where when why how many much more most less least few
		is are was were be been being am do does did done has have had having will would shall should can could may might must
		i you he she it we they me him her us them my your his its our their mine yours hers ours theirs this that these those
		there here one ones thing things something anything please tell me name give list say said very too just only even
		up down out off again once ever never always often still yet already get got make made let s t
		back really actually exactly basically anyway supposedly apparently heard hear remember wonder wondering
		mr dr`) {
		stopwords[w] = true
	}
}
