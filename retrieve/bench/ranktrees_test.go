package bench

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The rank trees read a set's colloquial questions from its files in the
// folder: Chinese, answerable, one answer each. A set with no file has
// none; a folder that is not there is an error.
func TestColloquialQuestionsOfASet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("trial.jsonl", `{"qid":"1","question":"那座桥叫啥？","answers":["南浦大桥"],"doc_id":"a","kind":"who","lang":"zh-Hans"}
{"qid":"2","question":"What is the bridge called?","answers":["南浦大桥"],"doc_id":"a","kind":"who","lang":"en"}
{"qid":"3","question":"那座桥是不是最长的？","answers":["是"],"doc_id":"a","kind":"yesno","lang":"zh-Hans"}
{"qid":"4","question":"都有哪几座桥？","answers":["南浦大桥"],"doc_id":"a","kind":"list","lang":"zh-Hans"}
{"qid":"5","question":"那座桥花了多少钱？","answers":[],"doc_id":"a","kind":"unanswerable","lang":"zh-Hans"}
`)
	write("trial_more.jsonl", `{"qid":"6","question":"那座桥哪年通车的來著？","answers":["1991年"],"doc_id":"a","kind":"when","lang":"zh-Hant"}
`)
	for _, tt := range []struct {
		dir, set string
		want     []string // question ids
		err      bool
	}{
		{dir, "trial", []string{"1", "6"}, false},
		{dir, "drcd", nil, false},
		{filepath.Join(dir, "missing"), "trial", nil, true},
	} {
		got, err := colloquialQuestions(tt.dir, tt.set)
		if (err != nil) != tt.err {
			t.Errorf("%s of %s: error %v, want one: %v", tt.set, tt.dir, err, tt.err)
			continue
		}
		var ids []string
		for _, q := range got {
			ids = append(ids, q.QID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s of %s: %v, want %v", tt.set, tt.dir, ids, tt.want)
		}
	}
}
