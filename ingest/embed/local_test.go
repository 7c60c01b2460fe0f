package embed

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

func newLocal(t testing.TB, opts ...LocalOption) *Local {
	t.Helper()
	l, err := NewLocal(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func embedOne(t testing.TB, e Embedder, text string) []float32 {
	t.Helper()
	v, err := e.Embed(context.Background(), []string{text})
	if err != nil {
		t.Fatalf("Embed(%q): %v", text, err)
	}
	return v[0]
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func norm(v []float32) float64 { return math.Sqrt(dot(v, v)) }

func TestNewLocal(t *testing.T) {
	tests := []struct {
		opts    []LocalOption
		name    string
		dim     int
		wantErr bool
	}{
		{nil, "local:hash-ngram-v1:256", 256, false},
		{[]LocalOption{WithDim(512)}, "local:hash-ngram-v1:512", 512, false},
		{[]LocalOption{WithDim(16)}, "local:hash-ngram-v1:16", 16, false},
		{[]LocalOption{WithDim(0)}, "", 0, true},
		{[]LocalOption{WithDim(15)}, "", 0, true},
		{[]LocalOption{WithDim(-256)}, "", 0, true},
		{[]LocalOption{WithDim(1<<16 + 1)}, "", 0, true},
	}
	for _, tt := range tests {
		l, err := NewLocal(tt.opts...)
		if tt.wantErr {
			if err == nil {
				t.Errorf("NewLocal(%v) = %s, want an error", tt.opts, l.Name())
			}
			continue
		}
		if err != nil {
			t.Errorf("NewLocal: %v", err)
			continue
		}
		if l.Name() != tt.name || l.Dim() != tt.dim {
			t.Errorf("got %s dim %d, want %s dim %d", l.Name(), l.Dim(), tt.name, tt.dim)
		}
		if v := embedOne(t, l, "浦江创新论坛"); len(v) != tt.dim {
			t.Errorf("%s: vector of %d, want %d", l.Name(), len(v), tt.dim)
		}
	}
}

// The published FNV-1a 64 test vectors: the hash must never depend on the
// platform or Go version, or stored vectors would silently stop matching.
func TestFNV1aVectors(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
	}{
		{"", 0xcbf29ce484222325},
		{"a", 0xaf63dc4c8601ec8c},
		{"foobar", 0x85944171f73967e8},
	}
	for _, tt := range tests {
		h := fnvOffset
		for i := 0; i < len(tt.in); i++ {
			h = fnvByte(h, tt.in[i])
		}
		if h != tt.want {
			t.Errorf("FNV-1a(%q) = %#x, want %#x", tt.in, h, tt.want)
		}
	}
	// fnvRune feeds a rune's UTF-8 bytes: 关 is E5 85 B3.
	want := fnvByte(fnvByte(fnvByte(fnvOffset, 0xE5), 0x85), 0xB3)
	if got := fnvRune(fnvOffset, '关'); got != want {
		t.Errorf("fnvRune(关) = %#x, want the hash of E5 85 B3 %#x", got, want)
	}
}

// Feature counts and kinds, worked out by hand from the doc comment.
func TestLocalFeatures(t *testing.T) {
	type kinds map[uint64]int
	tests := []struct {
		text string
		want kinds
	}{
		// 4 characters, 3 pairs.
		{"浦江论坛", kinds{kindUni: 4, kindBi: 3}},
		// 的 and 是 are stop characters, 论坛主宾国否 are not; both pairs
		// around 的 are noise, 是否 is a stop pair, 论坛 主宾 宾国 国是 are not.
		{"论坛的主宾国是否", kinds{kindUni: 6, kindUniStop: 2, kindBi: 4, kindBiStop: 3}},
		// A space inside a Han run is print layout: 论坛 is still a pair.
		{"论 坛", kinds{kindUni: 2, kindBi: 1}},
		// Punctuation breaks the run: no pair 坛,主.
		{"论坛,主宾", kinds{kindUni: 4, kindBi: 2}},
		// Words are whole tokens; a decimal point between digits stays in.
		{"ai 2025 50.4万家", kinds{kindWord: 3, kindUni: 2, kindBi: 1}},
		// A word of six letters or more also yields its trigrams: 10-2 = 8.
		{"technology", kinds{kindWord: 1, kindTri: 8}},
		// Digits in a word: no trigrams.
		{"abc123def", kinds{kindWord: 1}},
		// A trailing full stop is not a decimal point.
		{"2025.", kinds{kindWord: 1}},
		{"", kinds{}},
		{"。,!?“”", kinds{}},
	}
	sc := &localScratch{}
	for _, tt := range tests {
		got := kinds{}
		for _, k := range appendFeatures(nil, sc, tt.text) {
			got[k&kindMask]++
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: kinds %v, want %v", tt.text, got, tt.want)
			continue
		}
		for k, n := range tt.want {
			if got[k] != n {
				t.Errorf("%q: kinds %v, want %v", tt.text, got, tt.want)
				break
			}
		}
	}

	// The decimal is one word, the same as the word "50.4" alone.
	a := appendFeatures(nil, sc, "50.4")
	b := appendWord(nil, []rune("50.4"))
	if !slices.Equal(a, b) {
		t.Errorf("features of 50.4 = %x, want the word 50.4 %x", a, b)
	}
}

func TestLocalUnitLength(t *testing.T) {
	texts := []string{
		"浦江创新论坛",
		"本次论坛主宾国为白俄罗斯共和国,主宾省为中国辽宁省。",
		"innomatch 技术转移大会",
		"a",
		"2025",
		strings.Repeat("科技创新", 500),
		"",
		"   ",
		"。,!?",
	}
	for _, dim := range []int{16, 256, 1024} {
		l := newLocal(t, WithDim(dim))
		vs, err := l.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != len(texts) {
			t.Fatalf("%d vectors for %d texts", len(vs), len(texts))
		}
		for i, v := range vs {
			if n := norm(v); math.Abs(n-1) > 1e-6 {
				t.Errorf("dim %d %q: norm %v", dim, texts[i], n)
			}
		}
	}
}

// A text without features gets the first axis, as documented.
func TestLocalNoFeatures(t *testing.T) {
	l := newLocal(t)
	for _, text := range []string{"", " \n\t", "。,!?“”——", "+-*/"} {
		v := embedOne(t, l, text)
		if v[0] != 1 {
			t.Errorf("%q: v[0] = %v, want 1", text, v[0])
		}
		for i, x := range v[1:] {
			if x != 0 {
				t.Errorf("%q: v[%d] = %v, want 0", text, i+1, x)
				break
			}
		}
	}
}

func TestLocalDeterministic(t *testing.T) {
	texts := archiveParagraphs(t)
	a, b := newLocal(t), newLocal(t)
	first, err := a.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	// Twice on one instance (buffers reused from the pool) and once on
	// another: always the same bits.
	for _, e := range []*Local{a, b} {
		again, err := e.Embed(context.Background(), texts)
		if err != nil {
			t.Fatal(err)
		}
		for i := range texts {
			if !slices.Equal(first[i], again[i]) {
				t.Fatalf("text %d: vectors differ between calls", i)
			}
		}
	}
	// One text alone gets the same vector as within a batch.
	if v := embedOne(t, a, texts[7]); !slices.Equal(v, first[7]) {
		t.Error("a text embedded alone differs from the same text in a batch")
	}
}

// What Embed folds by itself: widths, case and layout spaces.
func TestLocalFoldsInline(t *testing.T) {
	l := newLocal(t)
	tests := []struct{ a, b string }{
		{"ＩＡＳＰ　２０２５年世界大会", "iasp 2025年世界大会"},
		{"InnoMatch 技术转移大会", "innomatch技术转移大会"},
		{"2025浦江创新论 坛在上海市举办", "2025浦江创新论坛在上海市举办"},
		{"白俄罗斯共和国， 主宾省", "白俄罗斯共和国,主宾省"},
	}
	for _, tt := range tests {
		if !slices.Equal(embedOne(t, l, tt.a), embedOne(t, l, tt.b)) {
			t.Errorf("%q and %q embed differently", tt.a, tt.b)
		}
	}
}

// Traditional → Simplified is the caller's job: raw Traditional text shares
// few features with Simplified, normalize.ForIndex makes them the same.
func TestLocalScriptIsCallersJob(t *testing.T) {
	l := newLocal(t)
	trad := "中關村論壇年會——世界領先科技園區發展論壇在京召開"
	simp := "中关村论坛年会——世界领先科技园区发展论坛在京召开"
	raw := dot(embedOne(t, l, trad), embedOne(t, l, simp))
	if raw > 0.6 {
		t.Errorf("raw Traditional vs Simplified cosine %.2f; expected them far apart without normalization", raw)
	}
	if got := dot(embedOne(t, l, normalize.ForIndex(trad)), embedOne(t, l, simp)); got < 0.999 {
		t.Errorf("normalized Traditional vs Simplified cosine %.3f, want 1", got)
	}
}

// Real sentences of the sample archive: a question is closer to the
// paragraph that answers it than to an unrelated one.
func TestLocalSimilarCloser(t *testing.T) {
	tests := []struct{ question, answer, unrelated string }{
		{
			"2025浦江创新论坛的主宾国是哪个国家?",
			"本次论坛主宾国为白俄罗斯共和国, 主宾省为中国辽宁省。论坛重点组织\"1+ 1+30+2+2+X\"场活动,包括1场开幕式、1 场主论坛、约30场专题论坛",
			"据介绍,当前,我国工业园区正 在面临内部改革深化和外部环境变 化的双重挑战,新时代推进新型工 业化的内涵要求对工业园区发展提 出了更高标准。",
		},
		{
			"到2027年要建成多少个高标准数字园区?",
			"11月18日,工业和信息化部办公厅印发《高标准数字园区建设指南》(以下简称《指南》),提出到2027年,建成200个左右高标准数字园区",
			"11月20日,2025世界计算大会在湖南省长沙市举办。本届大会以“计算万物,湘约未来——智算驱动新质生产力”为主题",
		},
		{
			"雄安高新区和哪些高新区建立对口协作机制?",
			"本届论坛完成了国家高新区对口共建合作签约,雄安高新区将与南京高新区、上海张江高新区、武汉东湖高新区建立对口协作长效机制",
			"10月28日,2025年世界城市日中国主场活动在重庆市开幕。活动以“人民城市 智绘未来”为主题",
		},
		{
			"Who is the CEO of IASP? Ebba Lund",
			"國際科技園區協會(IASP)首席執行官艾巴·倫德(Ebba Lund)出席並致辭。",
			"InnoMatch 技术转移大会、WeStart 创业投资大会",
		},
	}
	l := newLocal(t)
	for _, tt := range tests {
		q := embedOne(t, l, normalize.ForIndex(tt.question))
		near := dot(q, embedOne(t, l, normalize.ForIndex(tt.answer)))
		far := dot(q, embedOne(t, l, normalize.ForIndex(tt.unrelated)))
		if near <= far {
			t.Errorf("%s: answer %.3f not above unrelated %.3f", tt.question, near, far)
		}
	}
}

// archiveParagraphs returns the sample archive's lines of 15 characters or
// more, normalized for indexing.
func archiveParagraphs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/archive/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("sample archive not found: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if n := normalize.ForIndex(line); len([]rune(n)) >= 15 {
				out = append(out, n)
			}
		}
	}
	return out
}

// Questions written from reading the archive, and a passage of the
// paragraph that answers each. Every answer must rank in the top 3 of all
// the archive's paragraphs.
func TestLocalRetrieval(t *testing.T) {
	tests := []struct {
		question string
		answers  []string // any paragraph containing one of these answers
	}{
		{"2025浦江创新论坛的主宾国是哪个国家?", []string{"主宾国为白俄罗斯", "作为本届论坛主宾国"}},
		{"浦江创新论坛有多少位嘉宾参加?", []string{"550余位嘉宾"}},
		{"《工业园区高质量发展指引》提出了几个方面的发展导向?", []string{"7个方面19个发展导向"}},
		{"全国有多少家国家高新区?", []string{"全国178家国家高新区"}},
		{"有多少企业被纳入G60大飞机供应商储备库?", []string{"1800余家企业"}},
		{"第二十一届全国高新区发展战略研究年会在哪里举行?", []string{"罗晓燕", "战略研究年会暨2025国家高新区创新发展论坛在杭州举行"}},
		{"吴家喜提出国家高新区战略研究的四大方向是什么?", []string{"一是国家高新区在新时期"}},
		{"中關村論壇年會世界領先科技園區發展論壇哪天召開?", []string{"3月28日,2025中关村论坛年会"}},
		{"国际科技园区协会首席执行官是谁?", []string{"艾巴·伦德(ebba lund)出席"}},
		{"中关村第二批特色产业园有多少家?", []string{"第二批17家"}},
		{"首届火炬论坛在哪里举办?", []string{"首届火炬论坛在河北雄安新区举办", "为主题的2025火炬论坛在河北雄安新区举办"}},
		{"雄安高新区与哪些高新区建立对口协作机制?", []string{"南京高新区、上海张江高新区"}},
		{"全国有效期内高新技术企业有多少家?", []string{"50.4万家"}},
		{"到2027年要建成多少个高标准数字园区?", []string{"建成200个左右高标准数字园区"}},
		{"双千兆网络覆盖率要达到多少?", []string{"双千兆网络覆盖率达100%"}},
		{"2025世界计算大会在哪里举办?", []string{"湖南省长沙市举办"}},
		{"十个一倡议中如何守护一流生态?", []string{"守护一流生态,厚植绿色本底"}},
		{"世界城市日中国主场活动在哪个城市开幕?", []string{"重庆市开幕"}},
		{"IASP CEO Ebba Lund", []string{"艾巴·伦德(ebba lund)出席"}},
		{"InnoMatch技术转移大会", []string{"innomatch"}},
		{"杭州高新区整合了多少家公共实验室?", []string{"63家公共实验室"}},
		{"白俄罗斯国家科委主席说了什么?", []string{"谢尔盖"}},
		{"工业园区如何推动绿色安全发展?", []string{"推动绿色安全发展"}},
		{"中关村发展集团2024年总产值是多少?", []string{"全年总产值超万亿元"}},
		{"新赛道培育行动方案什么时候出台的?", []string{"今年1月"}},
	}
	paras := archiveParagraphs(t)
	l := newLocal(t)
	pv, err := l.Embed(context.Background(), paras)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		q := embedOne(t, l, normalize.ForIndex(tt.question))
		order := make([]int, len(paras))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			da, db := dot(q, pv[a]), dot(q, pv[b])
			switch {
			case da > db:
				return -1
			case da < db:
				return 1
			}
			return 0
		})
		rank := 0
		for r, i := range order {
			if slices.ContainsFunc(tt.answers, func(s string) bool { return strings.Contains(paras[i], s) }) {
				rank = r + 1
				break
			}
		}
		switch {
		case rank == 0:
			t.Errorf("%s: no paragraph contains the answer %q", tt.question, tt.answers)
		case rank > 3:
			t.Errorf("%s: answer ranked %d; top was %.30s…", tt.question, rank, paras[order[0]])
		}
	}
}

func TestLocalConcurrent(t *testing.T) {
	texts := archiveParagraphs(t)
	l := newLocal(t)
	want, err := l.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			// Each goroutine starts at a different text so that pooled
			// buffers are shared between different texts.
			for i := range texts {
				j := (i + g*17) % len(texts)
				got, err := l.Embed(context.Background(), texts[j:j+1])
				if err != nil {
					errs <- err
					return
				}
				if !slices.Equal(got[0], want[j]) {
					errs <- errors.New("concurrent vector differs from sequential one")
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestLocalCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := newLocal(t).Embed(ctx, []string{"浦江"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Embed with a cancelled context: %v, want context.Canceled", err)
	}
}

// BenchmarkLocalEmbed embeds the sample archive cut into chunks of about 300
// characters, in batches of 16, on all cores.
func BenchmarkLocalEmbed(b *testing.B) {
	var chunks []string
	var all []rune
	for _, p := range archiveParagraphs(b) {
		all = append(all, []rune(p)...)
	}
	for i := 0; i+300 <= len(all); i += 300 {
		chunks = append(chunks, string(all[i:i+300]))
	}
	const batch = 16
	if len(chunks) < 2*batch {
		b.Fatalf("only %d chunks in the sample archive", len(chunks))
	}
	var total int
	for _, c := range chunks {
		total += len(c)
	}
	bytes := int64(total * batch / len(chunks)) // an average batch
	l := newLocal(b)
	b.SetBytes(bytes)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			start := i % (len(chunks) - batch)
			if _, err := l.Embed(context.Background(), chunks[start:start+batch]); err != nil {
				b.Error(err)
				return
			}
			i += batch
		}
	})
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "chunks/s")
}
