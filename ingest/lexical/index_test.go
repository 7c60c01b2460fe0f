package lexical

import (
	"fmt"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

func TestTerms(t *testing.T) {
	got := Terms(nil, "ai赋能2025年")
	want := []Term{
		wordTerm("ai"),
		kindUnigram | Term('赋'), kindUnigram | Term('能'), Bigram('赋', '能'),
		wordTerm("2025"),
		kindUnigram | Term('年'),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Terms = %v, want %v", got, want)
	}
	// Punctuation breaks bigrams: no "国,主" pair.
	for _, tm := range Terms(nil, "国,主") {
		if tm == Bigram('国', '主') {
			t.Error("bigram across punctuation")
		}
	}
}

var docs = []string{
	"本次论坛主宾国为白俄罗斯共和国,主宾省为中国辽宁省。",
	"两部门发文推动工业园区高质量发展,工业和信息化部、国家发展和改革委联合发布《工业园区高质量发展指引》。",
	"首届火炬论坛在河北雄安新区举办,以发展高科技,实现产业化为主题。",
	"到2027年建成200个左右高标准数字园区,实现园区规模以上工业企业数字化改造全覆盖。",
	"中关村作为我国第一家国家高新区,是我国科技创新发展的一面旗帜。",
}

func build(t testing.TB) *Index {
	bd := NewBuilder()
	for i, d := range docs {
		bd.Add(fmt.Sprint("doc", i), normalize.ForIndex(d))
	}
	return bd.Build()
}

func TestSearch(t *testing.T) {
	ix := build(t)
	tests := []struct {
		query string
		want  int
	}{
		{"浦江创新论坛的主宾国是哪个国家?", 0},
		{"工业园区高质量发展指引是哪两个部门发布的", 1},
		{"火炬论坛在哪里举办", 2},
		{"到2027年建成多少个高标准数字园区", 3},
		{"中關(guān)村是第幾家國家高新區(qū)", 4}, // Traditional with pinyin artifacts
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := ix.Search(QueryTerms(normalize.ForIndex(tt.query)), 3, nil)
			if len(hits) == 0 || hits[0].Doc != tt.want {
				t.Fatalf("Search(%q) = %v, want doc %d first", tt.query, hits, tt.want)
			}
		})
	}
}

func TestSearchFilterAndK(t *testing.T) {
	ix := build(t)
	q := QueryTerms(normalize.ForIndex("园区"))
	hits := ix.Search(q, 10, func(d int) bool { return d != 1 })
	// Doc 1 is filtered out; doc 3 has the bigram; docs 2 and 4 hold only
	// the unigram 区 (新区, 高新区), which 3 of the 5 documents hold: a
	// common character, skipped when the query has a pair to rank by.
	if len(hits) != 1 || hits[0].Doc != 3 {
		t.Fatalf("filtered search = %v, want doc 3 alone", hits)
	}
	// A query of one character still finds every holder of it.
	if hits := ix.Search(QueryTerms(normalize.ForIndex("区")), 10, nil); len(hits) != 4 {
		t.Errorf("unigram query found %v, want docs 1–4", hits)
	}
	for _, h := range hits {
		if h.Doc == 1 {
			t.Errorf("filtered-out doc 1 returned: %v", hits)
		}
	}
	if hits := ix.Search(q, 0, nil); hits != nil {
		t.Errorf("k=0 gave %v", hits)
	}
	if hits := ix.Search(QueryTerms("zzz"), 5, nil); len(hits) != 0 {
		t.Errorf("unknown term matched %v", hits)
	}
}

func TestCodecRoundTrip(t *testing.T) {
	ix := build(t)
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.IDKey != ix.IDKey || back.Len() != ix.Len() {
		t.Fatalf("round trip lost header: %d/%d vs %d/%d", back.IDKey, back.Len(), ix.IDKey, ix.Len())
	}
	q := QueryTerms(normalize.ForIndex("高质量发展的园区"))
	a, b := fmt.Sprint(ix.Search(q, 5, nil)), fmt.Sprint(back.Search(q, 5, nil))
	if a != b {
		t.Fatalf("results differ after round trip: %s vs %s", a, b)
	}
	for _, n := range []int{0, 10, len(data) - 1} {
		if _, err := Unmarshal(data[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	bad := append([]byte(nil), data...)
	copy(bad, "XXXX")
	if _, err := Unmarshal(bad); err == nil {
		t.Error("bad magic: no error")
	}
}

func TestIDKeyDependsOnOrder(t *testing.T) {
	a, b := NewBuilder(), NewBuilder()
	a.Add("x", "甲")
	a.Add("y", "乙")
	b.Add("y", "乙")
	b.Add("x", "甲")
	if a.Build().IDKey == b.Build().IDKey {
		t.Error("IDKey ignores order")
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	bd := NewBuilder()
	for i := range 20000 {
		bd.Add(fmt.Sprint(i), normalize.ForIndex(docs[i%len(docs)]+fmt.Sprint(i)))
	}
	data, _ := bd.Build().MarshalBinary()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Unmarshal(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	texts := make([]string, 5000)
	for i := range texts {
		texts[i] = normalize.ForIndex(docs[i%len(docs)] + docs[(i+1)%len(docs)] + fmt.Sprint(i))
	}
	b.ReportAllocs()
	for b.Loop() {
		bd := NewBuilder()
		for i, t := range texts {
			bd.Add(fmt.Sprint(i), t)
		}
		bd.Build()
	}
}

// TestSharedSkipsDamagedPostings: an index used where it lies is not
// checked posting by posting at load (that would read every posting of a
// mapped segment); a posting past the documents is skipped when scored,
// never a panic, while Unmarshal still refuses it.
func TestSharedSkipsDamagedPostings(t *testing.T) {
	bd := NewBuilder()
	for i, s := range []string{"科技创新", "创新企业", "企业发展"} {
		bd.Add(fmt.Sprint(i), s)
	}
	data, err := bd.Build().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	nTerms := int(uint32(data[16]) | uint32(data[17])<<8)
	first := 32 + nTerms*8 + (nTerms+1)*4 // the first posting's document
	bad := make([]byte, len(data)+8)[8:]  // 8-byte aligned, as a segment holds it
	bad = bad[:len(data)]
	copy(bad, data)
	bad[first], bad[first+1] = 0xff, 0xff
	if _, err := Unmarshal(bad); err == nil {
		t.Error("Unmarshal took a posting past the documents")
	}
	ix, err := UnmarshalShared(bad)
	if err != nil {
		t.Fatal(err)
	}
	hits := ix.Search(QueryTerms("科技创新企业发展"), 10, nil)
	for _, h := range hits {
		if h.Doc >= ix.Len() {
			t.Fatalf("hit %d past the %d documents", h.Doc, ix.Len())
		}
	}
	if len(hits) == 0 {
		t.Error("the undamaged postings found nothing")
	}
}

// TestSharedAnyFlip: a store opens a segment without checksumming its
// postings, so an index read shared must survive any damaged byte: every
// single-byte change either is refused or searches without a panic and
// returns only real documents.
func TestSharedAnyFlip(t *testing.T) {
	bd := NewBuilder()
	for i, s := range []string{"科技创新", "创新企业", "企业发展", "高新区企业创新"} {
		bd.Add(fmt.Sprint(i), s)
	}
	data, err := bd.Build().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, len(data)+8)[8:] // 8-byte aligned, as a segment holds it
	buf = buf[:len(data)]
	q := QueryTerms("科技创新企业发展")
	for i := range data {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			copy(buf, data)
			buf[i] ^= x
			ix, err := UnmarshalShared(buf)
			if err != nil {
				continue
			}
			m, err := NewMulti(Part{Index: ix})
			if err != nil {
				continue
			}
			for _, h := range m.Search(q, 10, nil) {
				if h.Doc < 0 || h.Doc >= ix.Len() {
					t.Fatalf("byte %d ^ %#x: hit %d past the %d documents", i, x, h.Doc, ix.Len())
				}
			}
		}
	}
}
