package retrieve

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestPinyinRuns(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"What did Chen Xiaoming say at the forum?", []string{"chen xiaoming"}},
		{"Who is Ouyang Lixin?", []string{"ouyang lixin"}},
		{"Which company does Xiaoming Chen run?", []string{"xiaoming chen"}},
		{"What did Xi Jinping say?", []string{"xi jinping"}}, // the dictionary reads it as its pinyin: the archive decides
		{"Who founded the Hong Kong office?", nil},           // so too
		{"How many firms are in China?", nil},                // one word the dictionary reads
		{"What did He say?", nil},                            // one syllable
		{"What did He Lihua say?", []string{"he lihua"}},     // a surname
		{"He Lihua said what?", []string{"lihua"}},           // He at the start is a word
		{"Who is Chen?", nil},                                // one syllable is no name
		{"WHAT DID CHEN XIAOMING SAY?", nil},                 // shouted: every word capitalized
		{"陈晓明说了什么", nil},                                     // Chinese questions type the name
	}
	for _, tt := range tests {
		var got []string
		for _, p := range ParseQuery(tt.question).Pinyin {
			got = append(got, p.Words)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q).Pinyin = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestWithNames reads names typed in pinyin against a small archive of
// invented articles: only a name the archive prints whole is read.
func TestWithNames(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	if err := os.Mkdir(arch, 0o755); err != nil {
		t.Fatal(err)
	}
	articles := []string{
		`{"id":"a1","title":"新材料产业园开园","date":"2025-03-03","page":1,"byline":"本报记者 王立","text":"市科技局局长陈晓明在开园仪式上表示，园区将引进二十家企业。晓明路上的新厂房已经完工。"}`,
		`{"id":"a2","title":"人工智能大会闭幕","date":"2025-03-10","page":2,"text":"大会主席欧阳立新宣布，明年大会将在南京举行。陈述环节由专家组完成。"}`,
		`{"id":"a3","title":"晨光小学开学","date":"2025-03-17","page":3,"text":"晨光小学今年招收新生三百人，校长介绍了新校区。"}`,
	}
	if err := os.WriteFile(filepath.Join(arch, "news.jsonl"), []byte(strings.Join(articles, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, emb := ingested(t, arch)
	eng, err := NewEngine(ctx, st, emb)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		question string
		want     []string // the group the name is read as; nil: not read
	}{
		{"What did Chen Xiaoming say?", []string{"陈晓明"}},
		{"Who is Xiaoming Chen?", []string{"陈晓明"}}, // the given name first
		{"Where will Ouyang Lixin's conference be held next year?", []string{"欧阳立新"}},
		{"What did Chen Guang say?", []string{"晨光"}}, // a word, but printed whole
		{"What did Wang Dapeng say?", nil},           // not in the archive
		// A reporter printed only in a byline; CC-CEDICT reads Wang Li as
		// 王力, a linguist, whom the archive does not print.
		{"Which story did Wang Li write?", []string{"王立"}},
		{"How many firms will the park attract?", nil},
	}
	// Translated by an LLM, the question's groups are re-read from its
	// rendering, and the name is a group of its own after them.
	q := ParseQuery("What did Chen Xiaoming say at the opening?").WithTranslation("陈小明在开园仪式上说了什么")
	if got := eng.WithNames(q); !reflect.DeepEqual(got.Groups[len(got.Groups)-1], []string{"陈晓明"}) || len(got.Groups) != len(q.Groups)+1 {
		t.Errorf("WithNames after WithTranslation: groups %q, want %q and 陈晓明", got.Groups, q.Groups)
	}
	for _, tt := range tests {
		q := ParseQuery(tt.question)
		got := eng.WithNames(q)
		if tt.want == nil {
			if got != q {
				t.Errorf("WithNames(%q) = %+v, want the query unchanged", tt.question, got)
			}
			continue
		}
		if len(q.Pinyin) != 1 {
			t.Fatalf("ParseQuery(%q).Pinyin = %+v, want one name", tt.question, q.Pinyin)
		}
		p := q.Pinyin[0]
		// The name's group stands where its words' readings stood.
		wantGroups := slices.Concat(q.Groups[:p.First], [][]string{tt.want}, q.Groups[p.End:])
		if !reflect.DeepEqual(got.Groups, wantGroups) {
			t.Errorf("WithNames(%q).Groups = %q, want %q", tt.question, got.Groups, wantGroups)
		}
		if !strings.Contains(got.Subject, tt.want[0]) {
			t.Errorf("WithNames(%q).Subject = %q, want it to search %s", tt.question, got.Subject, tt.want[0])
		}
	}
}
