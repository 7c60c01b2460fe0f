package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// YesNoConfig configures YesNo.
type YesNoConfig struct {
	Corpus    string // JSONL {"id","title","text"}
	Questions string // JSONL {"qid","question","answers","doc_id"}: a fitting set
	Store     string
	Embedder  embed.Embedder
	Seed      uint64
}

// YesNoReport counts the made yes/no questions answered right, scored as
// reader-qa scores its yesno items: a "yes" answer holds 是 (or 对) and no
// 不是/不对, a "no" answer holds 不是 or 不对, and either quotes the gold
// answer of the question it was made from.
type YesNoReport struct {
	Yes       Tally `json:"yes"`
	NoSame    Tally `json:"no_same"`
	NoOther   Tally `json:"no_other"`
	Questions int   `json:"questions"`
}

// Share is the mean of the yes and the no shares: the set holds more of
// one than of the other, and a wrong 不是 is as wrong as a wrong 是.
func (r *YesNoReport) Share() float64 {
	no := Tally{N: r.NoSame.N + r.NoOther.N, Correct: r.NoSame.Correct + r.NoOther.Correct}
	return (r.Yes.Share() + no.Share()) / 2
}

// reAskWord is the asking word a yes/no question replaces with a claim.
var reAskWord = regexp.MustCompile(`什么|哪个|哪里|哪一年|哪年|谁|哪位|哪家|哪所|哪座`)

// maxClaim is the longest gold answer (in characters) made into a claim.
const maxClaim = 12

// YesNo makes yes/no questions from a fitting set's questions and asks
// them, never refusing (answer.Asker.AnswerAll), to measure the direct
// yes/no answer apart from the answer-or-refuse decision. A question
// holding an asking word (什么, 哪个, 谁, …) and a gold answer of at most
// maxClaim characters becomes "…claim…吗？": the claim is its gold answer
// ("yes"), with probability 0.3 the gold answer of a nearby question on
// the same paragraph ("no", printed in the paragraph but not the answer),
// with 0.3 the gold answer of a random question on another paragraph
// ("no", mostly printed nowhere near).
func YesNo(ctx context.Context, cfg YesNoConfig, items io.Writer) (*YesNoReport, error) {
	if cfg.Embedder == nil || cfg.Store == "" {
		return nil, errors.New("bench: Store and Embedder are required")
	}
	qs, err := readQuestions(cfg.Questions)
	if err != nil {
		return nil, err
	}
	asker, _, err := ingestAsker(ctx, cfg.Corpus, cfg.Store, cfg.Embedder, 0)
	if err != nil {
		return nil, err
	}
	asker.AnswerAll = true
	r := rand.New(rand.NewPCG(cfg.Seed, 2))
	rep := &YesNoReport{}
	for i, q := range qs {
		question := normalize.ToSimplified(q.Question)
		if len(q.Answers) == 0 || len([]rune(q.Answers[0])) > maxClaim || !reAskWord.MatchString(question) {
			continue
		}
		gold := q.Answers[0]
		kind, claim := "yes", gold
		switch x := r.Float64(); {
		case x < 0.3:
			for _, o := range qs[max(0, i-5):min(len(qs), i+6)] {
				if o.DocID == q.DocID && len(o.Answers) > 0 && len([]rune(o.Answers[0])) <= maxClaim &&
					!strings.Contains(o.Answers[0], gold) && !strings.Contains(gold, o.Answers[0]) {
					kind, claim = "no-same", o.Answers[0]
					break
				}
			}
		case x < 0.6:
			if o := qs[r.IntN(len(qs))]; o.DocID != q.DocID && len(o.Answers) > 0 && len([]rune(o.Answers[0])) <= maxClaim {
				kind, claim = "no-other", o.Answers[0]
			}
		}
		yq := strings.TrimRight(reAskWord.ReplaceAllString(question, normalize.ToSimplified(claim)), "？?。") + "吗？"
		ans, _, err := asker.Ask(ctx, yq, nil)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.QID, err)
		}
		norm := normalize.ForIndex(ans.Answer)
		neg := strings.Contains(norm, "不是") || strings.Contains(norm, "不对")
		ok := containsAny(ans.Answer, []string{gold})
		switch kind {
		case "yes":
			ok = ok && !neg && (strings.Contains(norm, "是") || strings.Contains(norm, "对"))
			rep.Yes.add(ok)
		case "no-same":
			rep.NoSame.add(ok && neg)
		default:
			rep.NoOther.add(ok && neg)
		}
		rep.Questions++
		if items != nil {
			if _, err := fmt.Fprintf(items, "%s\t%s\t%s\t%s\n", kind, yq, gold, ans.Answer); err != nil {
				return nil, fmt.Errorf("writing items: %w", err)
			}
		}
	}
	return rep, nil
}

// WriteYesNoTable prints a YesNo report on one line.
func WriteYesNoTable(w io.Writer, corpus string, r *YesNoReport) error {
	_, err := fmt.Fprintf(w, "%s: yes %d/%d  no (same paragraph) %d/%d  no (another) %d/%d  mean share %.3f\n", corpus,
		r.Yes.Correct, r.Yes.N, r.NoSame.Correct, r.NoSame.N, r.NoOther.Correct, r.NoOther.N, r.Share())
	return err
}
