package bench

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/internal/cedict"
)

// The fitting sets' questions follow their paragraph's wording; readers'
// do not (负责人 for 主席, 开张 for 开业). A model fitted on textbook
// questions alone learns that a question the sentence matches weakly is
// not answered there, and refuses readers. Paraphrased copies of the
// fitting questions — words swapped for a CC-CEDICT word sharing an
// English sense — are asked alongside the originals, so that the model
// also sees answerable questions that share less of their wording.

// synonyms maps a Simplified word of 2–4 characters to the words that
// share one of its English senses in CC-CEDICT.
type synonyms map[string][]string

// readSynonyms reads CC-CEDICT (cedict_ts.u8: "繁 简 [pin1 yin1]
// /sense/sense/") into synonyms: words whose first senses are the same.
// Senses that say nothing of meaning (surnames, variants, classifiers,
// cross-references) and senses shared by more than maxSenseWords words
// (too general to be a paraphrase) are left out.
func readSynonyms(path string) (synonyms, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading the dictionary for paraphrases: %w", err)
	}
	defer f.Close()
	// A word's first sense is the one it is mostly used in: two words
	// whose first senses are the same are paraphrases (开业, 开张: "to open
	// a business"); sharing a later sense is often a pun (位于 "to lie",
	// 说谎).
	bySense := map[string][]string{}
	err = cedict.Read(f, func(e cedict.Entry) {
		word := e.Simplified
		if n := utf8.RuneCountInString(word); n < 2 || n > 4 || normalize.HanCount(word) != n {
			return
		}
		sense := strings.ToLower(strings.TrimSpace(e.Senses[0]))
		if sense == "" || uninformativeSense(sense) || slices.Contains(bySense[sense], word) {
			return
		}
		bySense[sense] = append(bySense[sense], word)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the dictionary for paraphrases: %w", err)
	}
	syn := synonyms{}
	senses := make([]string, 0, len(bySense))
	for s := range bySense {
		senses = append(senses, s)
	}
	slices.Sort(senses) // map order is random; the model must re-fit byte for byte
	for _, s := range senses {
		words := bySense[s]
		if len(words) < 2 || len(words) > maxSenseWords {
			continue
		}
		for _, w := range words {
			for _, o := range words {
				if o != w && !slices.Contains(syn[w], o) {
					syn[w] = append(syn[w], o)
				}
			}
		}
	}
	return syn, nil
}

// maxSenseWords: a sense more words share ("to do", "thing") is no
// paraphrase of any one of them.
const maxSenseWords = 8

func uninformativeSense(s string) bool {
	for _, p := range []string{"surname ", "variant of", "cl:", "see ", "old variant", "abbr. for", "used in ", "(bound form)", "(grammatical", "(particle"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// askingWords are left as they are: they say what is asked, and the
// answerer reads them.
var askingWords = []string{"什么", "哪", "谁", "多少", "几", "怎么", "如何", "为什么", "为何", "是否", "何时", "何地", "吗", "时候", "时间", "地方", "名字", "名称"}

// paraphraseShare is the chance each replaceable word of a question is
// swapped.
const paraphraseShare = 1.0

// paraphrase is q with some of its words swapped for synonyms; ok is false
// when none could be (no word of the dictionary, or only asking words and
// the answer's own).
func (syn synonyms) paraphrase(q benchQuestion, r *rand.Rand) (benchQuestion, bool) {
	rs := []rune(q.Question)
	var b strings.Builder
	swapped := false
	for i := 0; i < len(rs); {
		n := 0
		for l := min(4, len(rs)-i); l >= 2; l-- {
			w := string(rs[i : i+l])
			if len(syn[w]) > 0 && !protected(w, q.Answers) {
				n = l
				break
			}
		}
		if n == 0 {
			b.WriteRune(rs[i])
			i++
			continue
		}
		w := string(rs[i : i+n])
		if r.Float64() < paraphraseShare {
			alts := syn[w]
			w = alts[r.IntN(len(alts))]
			swapped = true
		}
		b.WriteString(w)
		i += n
	}
	if !swapped {
		return q, false
	}
	out := q
	out.QID = q.QID + "~p"
	out.Question = b.String()
	return out, true
}

// protected words are not swapped: asking words, and words of the gold
// answer (a question naming its own answer is made no harder by a synonym).
func protected(w string, answers []string) bool {
	for _, a := range askingWords {
		if strings.Contains(w, a) {
			return true
		}
	}
	for _, a := range answers {
		if strings.Contains(a, w) {
			return true
		}
	}
	return false
}

// paraphrased is qs with a paraphrased copy of each question that has one
// appended, drawn with seed.
func (syn synonyms) paraphrased(qs []benchQuestion, seed uint64) []benchQuestion {
	r := rand.New(rand.NewPCG(seed, seed+3))
	out := slices.Clone(qs)
	for _, q := range qs {
		if p, ok := syn.paraphrase(q, r); ok {
			out = append(out, p)
		}
	}
	return out
}
