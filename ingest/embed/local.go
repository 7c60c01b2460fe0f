package embed

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
)

// DefaultLocalDim is the vector length of the local embedder unless WithDim
// says otherwise.
const DefaultLocalDim = 256

// localVersion names the feature set and weights. Any change that alters the
// vectors must bump it, so that vectors stored by an older build are never
// compared with new ones.
const localVersion = "hash-ngram-v1"

// Local is a hashed character n-gram embedder: offline, deterministic and
// fast. It is not a neural model; it knows nothing of meaning, only which
// characters and character pairs two texts share, which for Chinese news
// text is a fair proxy for "about the same thing".
//
// Each text becomes a bag of features: every Han (and kana, Hangul)
// character, every pair of adjacent ones, every run of other letters and
// digits as a whole word ("innomatch", "2025", "5g", "50.4"), and the
// character trigrams of Latin words of six letters or more. A feature's
// weight is its kind's weight times 1+ln(tf); question and function words
// (什么, 多少, 是否, 的, 吗 …) get a fifth of the weight, since a question is
// full of them and the answer is not. Each feature is hashed (FNV-1a over a
// class byte and its UTF-8 bytes, then a 64-bit finalizer) into one of Dim
// buckets with a sign taken from the hash, which keeps collisions from
// biasing the dot product, and the vector is scaled to unit length.
//
// Input should be normalize.ForIndex output. Embed folds full-width ASCII,
// lower-cases and ignores white space between Han characters itself, as that
// costs nothing in the same pass; it does not convert Traditional to
// Simplified, which is the caller's job: 關 and 关 are different features.
//
// A text with no features (empty, or only punctuation) gets the unit vector
// along the first axis: unit length like every other vector, so a store
// dividing by the norm never divides by zero, and unrelated to everything.
//
// A Local is safe for concurrent use.
type Local struct {
	dim  int
	name string
	pool sync.Pool // *localScratch
}

// LocalOption configures NewLocal.
type LocalOption func(*Local)

// WithDim sets the vector length (16 to 65536). The length is part of Name,
// so vectors of different lengths are never mixed.
func WithDim(n int) LocalOption {
	return func(l *Local) { l.dim = n }
}

// NewLocal returns the local embedder, DefaultLocalDim long unless WithDim
// says otherwise.
func NewLocal(opts ...LocalOption) (*Local, error) {
	l := &Local{dim: DefaultLocalDim}
	for _, o := range opts {
		o(l)
	}
	if l.dim < 16 || l.dim > 1<<16 {
		return nil, fmt.Errorf("local embedder: dimension %d out of range 16..65536", l.dim)
	}
	l.name = "local:" + localVersion + ":" + strconv.Itoa(l.dim)
	return l, nil
}

// Name is "local:hash-ngram-v1:<dim>".
func (l *Local) Name() string { return l.name }

// Dim is the vector length.
func (l *Local) Dim() int { return l.dim }

// Embed returns one unit vector per text. It fails only when ctx is done.
func (l *Local) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	sc := l.scratch()
	defer l.release(sc)
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = l.embed(sc, t)
	}
	return out, nil
}

// localScratch holds the buffers one embedding needs, reused through a pool.
type localScratch struct {
	keys   []uint64  // feature keys, see featureKey
	word   []rune    // the word being read
	table  []uint64  // distinct keys, see count
	counts []uint32  // occurrences of table's keys
	acc    []float64 // bucket sums
}

func (l *Local) scratch() *localScratch {
	if sc, ok := l.pool.Get().(*localScratch); ok {
		return sc
	}
	return &localScratch{keys: make([]uint64, 0, 1024), word: make([]rune, 0, 64), acc: make([]float64, l.dim)}
}

// release returns sc to the pool unless one huge text grew it: a pool of
// ~30 MB buffers for the sake of the rare whole-book text is not worth it.
func (l *Local) release(sc *localScratch) {
	if cap(sc.keys) > 1<<16 || cap(sc.word) > 1<<12 {
		return
	}
	l.pool.Put(sc)
}

// Feature kinds; the kind lives in the low bits of a feature key, so that
// equal keys are the same feature with the same weight.
const (
	kindUni uint64 = iota + 1
	kindUniStop
	kindBi
	kindBiStop
	kindWord
	kindTri
	kindMask = 7
)

// Weights by kind. Pairs and words say much more about a topic than single
// characters do; trigrams only help match inflected Latin words.
var kindWeight = [8]float64{
	kindUni:     1,
	kindUniStop: 0.2,
	kindBi:      2,
	kindBiStop:  0.4,
	kindWord:    2,
	kindTri:     0.5,
}

// Hash inputs start with a class byte so that, say, the word "ai" and the
// trigram "ai" are different features.
const (
	classUni  = 'u'
	classBi   = 'b'
	classWord = 'w'
	classTri  = 't'
)

func (l *Local) embed(sc *localScratch, text string) []float32 {
	sc.keys = appendFeatures(sc.keys[:0], sc, text)
	sc.count()

	acc := sc.acc
	clear(acc)
	dim := uint64(l.dim)
	for i, k := range sc.table {
		if k == 0 {
			continue
		}
		w := kindWeight[k&kindMask] * tfWeight(sc.counts[i])
		// Bucket from the top 32 bits (multiply-shift range reduction),
		// sign from bit 3, just above the kind.
		b := (k >> 32) * dim >> 32
		if k&8 != 0 {
			w = -w
		}
		acc[b] += w
	}

	var sum float64
	for _, v := range acc {
		sum += v * v
	}
	out := make([]float32, l.dim)
	if sum == 0 {
		out[0] = 1
		return out
	}
	inv := 1 / math.Sqrt(sum)
	for i, v := range acc {
		out[i] = float32(v * inv)
	}
	return out
}

// count fills table and counts with the distinct keys and how often each
// occurs: an open-addressing hash table, at most half full. Keys are
// already well mixed and never 0, which marks a free slot.
func (sc *localScratch) count() {
	size := 64
	for size < 2*len(sc.keys) {
		size *= 2
	}
	if cap(sc.table) < size {
		sc.table = make([]uint64, size)
		sc.counts = make([]uint32, size)
	}
	sc.table, sc.counts = sc.table[:size], sc.counts[:size]
	clear(sc.table)
	clear(sc.counts)
	mask := uint64(size - 1)
	for _, k := range sc.keys {
		i := (k >> 16) & mask
		for sc.table[i] != 0 && sc.table[i] != k {
			i = (i + 1) & mask
		}
		sc.table[i] = k
		sc.counts[i]++
	}
}

// tfWeight is sublinear term frequency, 1+ln(tf), from a table for the
// counts a chunk of text has.
func tfWeight(tf uint32) float64 {
	if tf < uint32(len(tfTable)) {
		return tfTable[tf]
	}
	return 1 + math.Log(float64(tf))
}

var tfTable = func() (t [64]float64) {
	for i := 1; i < len(t); i++ {
		t[i] = 1 + math.Log(float64(i))
	}
	return t
}()

// appendFeatures reads text once and appends the key of every feature
// occurrence to keys.
func appendFeatures(keys []uint64, sc *localScratch, text string) []uint64 {
	var prevCJK rune    // the CJK character before this one in the run, or 0
	var biPrefix uint64 // the hash of a pair starting with prevCJK, so far
	word := sc.word[:0]
	flush := func() {
		if len(word) > 0 {
			keys = appendWord(keys, word)
			word = word[:0]
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r < 0x4E00 || r > 0x9FFF { // the common Han block needs no folding
			r = foldRune(r)
		}
		switch {
		case isCJKLetter(r):
			flush()
			keys = append(keys, uniKey(r))
			if prevCJK != 0 {
				keys = append(keys, biKey(biPrefix, prevCJK, r))
			}
			prevCJK = r
			biPrefix = fnvRune(fnvByte(fnvOffset, classBi), r)
		case unicode.IsSpace(r):
			// Print layout puts spaces inside Chinese words; a space ends
			// a Latin word but not a run of Han characters.
			flush()
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			prevCJK = 0
			word = append(word, r)
		case r == '.' && len(word) > 0 && isDigit(word[len(word)-1]) && i < len(text) && isDigit(rune(text[i])):
			word = append(word, r) // a decimal point: 50.4
		default:
			// Punctuation and symbols end both words and Han runs.
			flush()
			prevCJK = 0
		}
	}
	flush()
	sc.word = word
	return keys
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// foldRune does the per-character part of normalize.ForIndex that costs
// nothing here: full-width ASCII to half-width and lower case.
func foldRune(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		return r
	case r >= 0xFF01 && r <= 0xFF5E:
		return foldRune(r - 0xFEE0)
	case r == 0x3000:
		return ' '
	case unicode.IsUpper(r):
		return unicode.ToLower(r)
	}
	return r
}

// isCJKLetter reports whether r is read as a character of a
// space-less script: Han, kana or Hangul.
func isCJKLetter(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true // the common Han block, almost every character here
	}
	if r < 0x3040 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func uniKey(r rune) uint64 {
	kind := kindUni
	if isStopChar(r) {
		kind = kindUniStop
	}
	return featureKey(fnvRune(fnvByte(fnvOffset, classUni), r), kind)
}

// biKey is the key of the pair a, b; prefix is the hash of the class byte
// and a, already computed.
func biKey(prefix uint64, a, b rune) uint64 {
	kind := kindBi
	if isStopPair(a, b) {
		kind = kindBiStop
	}
	return featureKey(fnvRune(prefix, b), kind)
}

// Words longer than this are hashed whole but not cut into trigrams.
const maxTrigramWord = 64

func appendWord(keys []uint64, word []rune) []uint64 {
	h := fnvByte(fnvOffset, classWord)
	letters := true
	for _, r := range word {
		h = fnvRune(h, r)
		letters = letters && r >= 'a' && r <= 'z'
	}
	keys = append(keys, featureKey(h, kindWord))
	if !letters || len(word) < 6 || len(word) > maxTrigramWord {
		return keys
	}
	for i := 0; i+3 <= len(word); i++ {
		h := fnvByte(fnvOffset, classTri)
		h = fnvRune(fnvRune(fnvRune(h, word[i]), word[i+1]), word[i+2])
		keys = append(keys, featureKey(h, kindTri))
	}
	return keys
}

// featureKey finalizes a feature's FNV-1a hash and stores its kind in the low
// three bits. FNV-1a's low bits mix poorly, hence the finalizer (MurmurHash3's
// fmix64); both are fixed arithmetic, so keys are the same on every platform
// and Go version.
func featureKey(h, kind uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb93e53ca34f3
	h ^= h >> 33
	return h&^kindMask | kind
}

const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

func fnvByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func fnvRune(h uint64, r rune) uint64 {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = fnvByte(h, b)
	}
	return h
}
