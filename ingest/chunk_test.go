package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// checkChunkOffsets asserts what any text's chunks satisfy: ids and
// sequence, offsets that give back the text, at most chunkMaxRunes, every
// printed character in some chunk, and chunks in order.
func checkChunkOffsets(t *testing.T, a *archive.Article, chunks []archive.Chunk) {
	t.Helper()
	rs := []rune(a.Text)
	covered := make([]bool, len(rs))
	for i, c := range chunks {
		if c.ID != archive.ChunkID(a.ID, i) || c.Seq != i || c.ArticleID != a.ID {
			t.Errorf("%s chunk %d: ID %q Seq %d ArticleID %q", a.ID, i, c.ID, c.Seq, c.ArticleID)
		}
		if c.Start < 0 || c.End > len(rs) || c.Start > c.End || (c.Start == c.End && len(chunks) > 1) {
			t.Fatalf("%s chunk %d: bad offsets [%d,%d) of %d", a.ID, i, c.Start, c.End, len(rs))
		}
		if c.Text != string(rs[c.Start:c.End]) {
			t.Errorf("%s chunk %d: Text is not Text[%d:%d]", a.ID, i, c.Start, c.End)
		}
		if c.End-c.Start > chunkMaxRunes {
			t.Errorf("%s chunk %d: %d runes, more than %d", a.ID, i, c.End-c.Start, chunkMaxRunes)
		}
		if i > 0 {
			prev := chunks[i-1]
			if c.Start <= prev.Start || c.End <= prev.End ||
				(c.Start > prev.End && strings.TrimSpace(string(rs[prev.End:c.Start])) != "") {
				t.Errorf("%s chunk %d [%d,%d) does not follow chunk %d [%d,%d)", a.ID, i, c.Start, c.End, i-1, prev.Start, prev.End)
			}
		}
		for k := c.Start; k < c.End; k++ {
			covered[k] = true
		}
	}
	for k, r := range rs {
		if !covered[k] && !unicode.IsSpace(r) {
			t.Fatalf("%s: rune %d %q is in no chunk", a.ID, k, r)
		}
	}
}

// checkChunks asserts what chunking the text of real articles must
// satisfy besides checkChunkOffsets: trimmed chunks, sizes of at least
// chunkMinRunes but for the last, a shared sentence between neighbours,
// and the headline in every chunk's Norm.
func checkChunks(t *testing.T, a *archive.Article, chunks []archive.Chunk) {
	t.Helper()
	checkChunkOffsets(t, a, chunks)
	rs := []rune(a.Text)
	if strings.TrimSpace(a.Text) == "" {
		return
	}
	if len(chunks) == 0 {
		t.Fatalf("%s: no chunks for %d runes of text", a.ID, len(rs))
	}
	covered := make([]bool, len(rs))
	for i, c := range chunks {
		if c.ID != archive.ChunkID(a.ID, i) || c.Seq != i || c.ArticleID != a.ID {
			t.Errorf("%s chunk %d: ID %q Seq %d ArticleID %q", a.ID, i, c.ID, c.Seq, c.ArticleID)
		}
		if c.Start < 0 || c.End > len(rs) || c.Start >= c.End {
			t.Fatalf("%s chunk %d: bad offsets [%d,%d) of %d", a.ID, i, c.Start, c.End, len(rs))
		}
		if c.Text != string(rs[c.Start:c.End]) {
			t.Errorf("%s chunk %d: Text is not Text[%d:%d]", a.ID, i, c.Start, c.End)
		}
		if strings.TrimSpace(c.Text) != c.Text {
			t.Errorf("%s chunk %d: untrimmed %q", a.ID, i, c.Text)
		}
		n := c.End - c.Start
		if n > chunkMaxRunes {
			t.Errorf("%s chunk %d: %d runes, more than %d", a.ID, i, n, chunkMaxRunes)
		}
		if i < len(chunks)-1 && n < chunkMinRunes {
			t.Errorf("%s chunk %d of %d: %d runes, fewer than %d", a.ID, i, len(chunks), n, chunkMinRunes)
		}
		for k := c.Start; k < c.End; k++ {
			covered[k] = true
		}
		if i > 0 {
			prev := chunks[i-1]
			if c.Start <= prev.Start || c.End <= prev.End {
				t.Errorf("%s chunk %d [%d,%d) does not move past chunk %d [%d,%d)", a.ID, i, c.Start, c.End, i-1, prev.Start, prev.End)
			}
			if c.Start >= prev.End {
				t.Errorf("%s chunk %d shares nothing with chunk %d", a.ID, i, i-1)
			} else {
				checkOneSentence(t, a.ID, i, rs, c.Start, prev.End)
			}
		}
		if p := normalize.ForIndex(a.Headline); a.Kind != archive.KindTOC && !strings.Contains(c.Norm, p) {
			t.Errorf("%s chunk %d: Norm %.30q lacks the headline %q", a.ID, i, c.Norm, p)
		}
		if !strings.Contains(c.Norm, normalize.ForIndex(c.Text)) {
			t.Errorf("%s chunk %d: Norm lacks the normalized chunk text", a.ID, i)
		}
	}
	for k, r := range rs {
		if !covered[k] && !unicode.IsSpace(r) {
			t.Fatalf("%s: rune %d %q is in no chunk", a.ID, k, r)
		}
	}
}

// checkOneSentence asserts that the overlap rs[start:end] is one sentence
// (or one comma-cut piece of a long one): it starts where a sentence or
// clause starts (unless it is a piece cut hard) and has no sentence end
// before its own.
func checkOneSentence(t *testing.T, id string, i int, rs []rune, start, end int) {
	t.Helper()
	k := start - 1
	if end-start >= chunkPieceRunes {
		k = -1
	}
	for k >= 0 && unicode.IsSpace(rs[k]) && rs[k] != '\n' {
		k--
	}
	if k >= 0 && !strings.ContainsRune("。！？；!?;\n”’」』）)》〉】\"，,、", rs[k]) {
		t.Errorf("%s chunk %d: overlap starts mid-sentence after %q: %q", id, i, rs[k], string(rs[start:end]))
	}
	body := strings.TrimRight(string(rs[start:end]), "。！？；!?;”’」』）)》〉】\"")
	if strings.ContainsAny(body, "。！？；!?;\n") {
		t.Errorf("%s chunk %d: overlap is more than one sentence: %q", id, i, string(rs[start:end]))
	}
}

func TestChunkSamples(t *testing.T) {
	total := 0
	for _, g := range loadGoldens(t) {
		d := parseSample(t, g.File)
		for i := range d.Articles {
			a := &d.Articles[i]
			a.ID = fmt.Sprintf("%s-%d", g.File[:3], i)
			chunks := ChunkArticle(a)
			checkChunks(t, a, chunks)
			if n := len([]rune(a.Text)); n <= chunkMaxRunes && len(chunks) != 1 {
				t.Errorf("%s: %d runes in %d chunks, want 1", a.ID, n, len(chunks))
			}
			total += len(chunks)
		}
	}
	if total < 40 {
		t.Errorf("%d chunks from the five samples; the long stories alone should give more", total)
	}
}

// Traditional text is indexed Simplified and without pinyin artifacts;
// the chunk text stays as printed.
func TestChunkNormTraditional(t *testing.T) {
	d := parseSample(t, "002_d31d04ab9f96990b.txt")
	a := &d.Articles[0]
	a.ID = "002-0"
	c := ChunkArticle(a)[0]
	if !strings.Contains(c.Text, "中關(guān)村論壇年會") {
		t.Errorf("chunk text is not as printed: %.40q", c.Text)
	}
	if !strings.Contains(c.Norm, "中关村论坛年会") {
		t.Errorf("Norm is not simplified: %.40q", c.Norm)
	}
}

func TestChunkArticle(t *testing.T) {
	sentence := func(n int, end string) string { return strings.Repeat("字", n-1) + end }
	tests := []struct {
		name  string
		a     archive.Article
		spans [][2]int // want [Start, End) of each chunk
		norm0 string   // want Norm of the first chunk, when given
	}{
		{
			name:  "short article, one chunk with kicker, headline and subtitle in Norm",
			a:     archive.Article{ID: "a", Kicker: "回眸十四五", Headline: "发展提速", Subtitle: "副题", Text: "  高质量发展。\n记者从联盟了解到。 "},
			spans: [][2]int{{2, 18}},
			norm0: "回眸十四五发展提速副题高质量发展。记者从联盟了解到。",
		},
		{
			name: "sentences of 100: chunks of three, sharing one",
			a:    archive.Article{ID: "b", Headline: "标题", Text: strings.Repeat(sentence(100, "。"), 7)},
			// 300 runes reach the target; the next starts at the third sentence.
			spans: [][2]int{{0, 300}, {200, 500}, {400, 700}},
		},
		{
			name: "a closing quote stays with its sentence",
			a: archive.Article{ID: "c", Headline: "标题", Text: "“" + sentence(149, "。") + "”" + sentence(150, "！") + sentence(150, "？") +
				"\"" + sentence(99, "!") + "\"" + sentence(100, ";")},
			// Sentences of 151 (“…。”), 150, 150, 101 ("…!") and 100 runes.
			spans: [][2]int{{0, 301}, {151, 451}, {301, 652}},
		},
		{
			name: "a long sentence is cut at commas",
			a: archive.Article{ID: "d", Headline: "标题", Text: strings.Repeat(sentence(90, "，"), 5) + "。" +
				sentence(100, "。")},
			// Pieces: 180 (two clauses), 180, 91 (clause and 。), 100.
			spans: [][2]int{{0, 360}, {180, 551}},
		},
		{
			name:  "a long sentence without commas is cut hard",
			a:     archive.Article{ID: "e", Headline: "标题", Text: strings.Repeat("字", 500) + "。"},
			spans: [][2]int{{0, 400}, {200, 501}},
		},
		{
			name:  "no text, headline only: one empty chunk",
			a:     archive.Article{ID: "f", Headline: "启事"},
			spans: [][2]int{{0, 0}},
			norm0: "启事",
		},
		{
			name:  "TOC entry: the headline is not repeated in Norm",
			a:     archive.Article{ID: "g", Kind: archive.KindTOC, Headline: "AI全面赋能汽车", Text: "AI全面赋能汽车"},
			spans: [][2]int{{0, 8}},
			norm0: "ai全面赋能汽车",
		},
		{name: "nothing at all", a: archive.Article{ID: "h", Text: " \n "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := ChunkArticle(&tt.a)
			var spans [][2]int
			for _, c := range chunks {
				spans = append(spans, [2]int{c.Start, c.End})
			}
			if fmt.Sprint(spans) != fmt.Sprint(tt.spans) {
				t.Fatalf("chunk spans %v, want %v", spans, tt.spans)
			}
			if tt.norm0 != "" && chunks[0].Norm != tt.norm0 {
				t.Errorf("Norm = %q, want %q", chunks[0].Norm, tt.norm0)
			}
			if tt.spans != nil && tt.spans[0][1] > 0 {
				checkChunks(t, &tt.a, chunks)
			}
		})
	}
	if ChunkArticle(nil) != nil {
		t.Error("ChunkArticle(nil) != nil")
	}
}

func TestChunkPieces(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"“甲。”乙！\"丙!\"丁;", []string{"“甲。”", "乙！", "\"丙!\"", "丁;"}},
		{"甲。\"乙\"丙。", []string{"甲。", "\"乙\"丙。"}}, // the quote after 。 opens
		{"甲？！乙……丙", []string{"甲？！", "乙……丙"}},
		{" 甲\n\n 乙。 ", []string{"甲", "乙。"}},
		{"2.0版发布，50.4万家。", []string{"2.0版发布，50.4万家。"}},
	}
	for _, tt := range tests {
		rs := []rune(tt.in)
		var got []string
		for _, p := range chunkPieces(rs) {
			got = append(got, string(rs[p.start:p.end]))
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
			t.Errorf("chunkPieces(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Chunking costs about one normalize.ForIndex of each chunk (with its
// shared sentence); Traditional text pays for the t2s conversion.
func BenchmarkChunk(b *testing.B) {
	var simplified, traditional []archive.Article
	for _, g := range loadGoldens(b) {
		d := parseSample(b, g.File)
		for i := range d.Articles {
			a := d.Articles[i]
			a.ID = fmt.Sprint(g.File[:3], "-", i)
			if normalize.IsTraditional(a.Text) {
				traditional = append(traditional, a)
			} else {
				simplified = append(simplified, a)
			}
		}
	}
	for _, bb := range []struct {
		name string
		arts []archive.Article
	}{{"all", append(append([]archive.Article(nil), simplified...), traditional...)}, {"simplified", simplified}, {"traditional", traditional}} {
		b.Run(bb.name, func(b *testing.B) {
			size := 0
			for _, a := range bb.arts {
				size += len(a.Text)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for i := range bb.arts {
					ChunkArticle(&bb.arts[i])
				}
			}
		})
	}
}
