package synth

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rng draws from a PCG stream. Only PCG's own output is used (never
// math/rand's derived methods, whose algorithms a Go release may change),
// so a seed gives the same archive with every Go version.
type rng struct{ p *rand.PCG }

func newRNG(seed, stream uint64) *rng { return &rng{rand.NewPCG(seed, stream)} }

// intn returns a number in [0, n); the modulo bias is far below anything a
// benchmark could notice.
func (r *rng) intn(n int) int { return int(r.p.Uint64() % uint64(n)) }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true pct times in a hundred.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// name makes a person's name from the sample's surnames and given-name
// characters: one or two of them.
func (r *rng) name() string {
	n := pick(r, surnames) + pick(r, givenRunes)
	if r.chance(70) {
		n += pick(r, givenRunes)
	}
	return n
}

// wordClass says which list a substitutable word is from.
type wordClass int

const (
	classCity wordClass = iota
	classProvince
	classTopic
	classPerson
)

type vocabWord struct {
	word  string
	class wordClass
}

// vocabByRune indexes the substitutable words by their first rune, longest
// first, so a scan looks up only the few that can start at a position.
var vocabByRune = func() map[rune][]vocabWord {
	m := map[rune][]vocabWord{}
	for _, l := range []struct {
		words []string
		class wordClass
	}{{cities, classCity}, {provinces, classProvince}, {topics, classTopic}, {people, classPerson}} {
		for _, w := range l.words {
			r, _ := utf8.DecodeRuneInString(w)
			m[r] = append(m[r], vocabWord{w, l.class})
		}
	}
	for r, ws := range m {
		for i := 1; i < len(ws); i++ { // insertion sort, longest first
			for j := i; j > 0 && len(ws[j].word) > len(ws[j-1].word); j-- {
				ws[j], ws[j-1] = ws[j-1], ws[j]
			}
		}
		m[r] = ws
	}
	return m
}()

// subst rewrites the sentences of one article: each place, topic and
// person of the vocabulary becomes another, the same one throughout the
// article so that it stays about one place and one set of people; numbers
// change, dates stay valid and years move with the date.
type subst struct {
	r         *rng
	yearShift int // issue year − 2025, the sample's year
	m         map[string]string
}

func newSubst(r *rng, yearShift int) *subst {
	return &subst{r: r, yearShift: yearShift, m: map[string]string{}}
}

func (s *subst) word(w vocabWord) string {
	if v, ok := s.m[w.word]; ok {
		return v
	}
	var v string
	switch w.class {
	case classCity:
		v = pick(s.r, cities)
	case classProvince:
		v = pick(s.r, provinces)
	case classTopic:
		v = pick(s.r, topics)
	case classPerson:
		v = s.r.name()
	}
	s.m[w.word] = v
	return v
}

// apply returns text with its words and numbers substituted.
func (s *subst) apply(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	prev := rune(-1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= '0' && r <= '9' {
			j := i
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			next, _ := utf8.DecodeRuneInString(text[j:])
			b.WriteString(s.number(text[i:j], prev, next))
			prev = rune(text[j-1])
			i = j
			continue
		}
		if ws, ok := vocabByRune[r]; ok {
			matched := false
			for _, w := range ws {
				if strings.HasPrefix(text[i:], w.word) {
					b.WriteString(s.word(w))
					i += len(w.word)
					prev, _ = utf8.DecodeLastRuneInString(w.word)
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		b.WriteRune(r)
		prev = r
		i += size
	}
	return b.String()
}

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// number replaces a run of digits given the runes around it.
func (s *subst) number(digits string, prev, next rune) string {
	n, err := strconv.Atoi(digits)
	switch {
	case err != nil || isLatin(prev) || isLatin(next):
		return digits // G60, 5G, CN: names, not quantities
	case len(digits) == 4 && n >= 1990 && n < 2040 && prev != '.':
		return strconv.Itoa(n + s.yearShift)
	case next == '月' && n >= 1 && n <= 12:
		return strconv.Itoa(s.r.between(1, 12))
	case (next == '日' || prev == '月') && n >= 1 && n <= 31:
		return strconv.Itoa(s.r.between(1, 28))
	case next == '%' && prev != '.' && n <= 100:
		return strconv.Itoa(s.r.between(1, 100))
	case prev == '.':
		// Decimals keep their length; a leading zero is fine here.
		b := make([]byte, len(digits))
		for i := range b {
			b[i] = byte('0' + s.r.intn(10))
		}
		return string(b)
	}
	b := make([]byte, len(digits))
	b[0] = byte('1' + s.r.intn(9))
	for i := 1; i < len(b); i++ {
		b[i] = byte('0' + s.r.intn(10))
	}
	return string(b)
}
