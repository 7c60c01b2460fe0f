package bench

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestColloquialQuestions checks the hand-written colloquial questions
// (testdata/colloquial) as reader-qa's README checks its own: every answer
// is in its evidence, unanswerable items have neither, one item a
// paragraph. That evidence is the paragraph's own text is checked when
// they were written, against ../shared, which the tests do not assume.
func TestColloquialQuestions(t *testing.T) {
	type item struct {
		readerQuestion
		Evidence string `json:"evidence"`
	}
	kinds := []string{"fact", "number", "who", "where", "when", "list", "yesno", "context", Unanswerable}
	langs := []string{"zh-Hans", "zh-Hant", "en"}
	sets := []struct {
		name              string
		items, unanswered int
	}{
		{"cmrc2018_trial", 256, 52},
		{"drcd_test", 256, 52},
		{"drcd_test_more", 384, 78}, // written in round 10, on other paragraphs
	}
	seen := map[string]bool{} // qids and doc_ids across the sets: one item a paragraph
	for _, tc := range sets {
		set := tc.name
		items, err := readJSONL[item](filepath.Join("..", "..", "testdata", "colloquial", set+".jsonl"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != tc.items {
			t.Errorf("%s: %d items, want %d", set, len(items), tc.items)
		}
		unanswerable := 0
		for _, q := range items {
			where := set + " " + q.QID
			if seen[q.QID] || seen[q.DocID] {
				t.Errorf("%s: a second item with this qid or doc_id %s", where, q.DocID)
			}
			seen[q.QID], seen[q.DocID] = true, true
			if !slices.Contains(kinds, q.Kind) || !slices.Contains(langs, q.Lang) || q.Question == "" {
				t.Errorf("%s: kind %q, lang %q, question %q", where, q.Kind, q.Lang, q.Question)
			}
			switch q.Kind {
			case Unanswerable:
				unanswerable++
				if len(q.Answers)+len(q.AnswersAll) > 0 || q.Evidence != "" {
					t.Errorf("%s: unanswerable with answers or evidence", where)
				}
			case "yesno":
				if len(q.AnswersAll) == 0 || len(q.Answers) == 0 || !strings.HasSuffix(q.Answers[0], "是") {
					t.Errorf("%s: yes/no wants 是 or 不是 and the key fact in answers_all", where)
				}
			default:
				if !slices.ContainsFunc(q.Answers, func(a string) bool { return strings.Contains(q.Evidence, a) }) {
					t.Errorf("%s: no answer %q in the evidence %q", where, q.Answers, q.Evidence)
				}
			}
		}
		if unanswerable != tc.unanswered {
			t.Errorf("%s: %d unanswerable items, want %d", set, unanswerable, tc.unanswered)
		}
	}
}
