package ingest

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Texts in both scripts, taken from the sample archive.
const (
	simplifiedText  = "高质量发展是全面建设社会主义现代化国家的首要任务。在党的二十届四中全会提出的“十五五”时期经济社会发展主要目标中，“高质量发展取得显著成效”被置于首位。\n今年9月1日起，由沪苏浙皖通过协同立法形成的《关于促进长三角科技创新协同发展的决定》正式施行。"
	traditionalText = "工業和信息化部副部長辛國斌，北京市委常委、教育工委書記于英杰，國際科技園區協會（IASP）首席執行官艾巴·倫德（Ebba Lund）出席並致辭。\n辛國斌表示，國家高新區堅持發展高科技、實現產業化，走出了一條具有中國特色的高新技術產業化道路。"
)

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	gbk, big5 := simplifiedchinese.GBK, traditionalchinese.Big5
	tests := []struct {
		name     string
		in       []byte
		want     string
		wantEnc  string
		wantFail error
	}{
		{name: "utf-8", in: []byte(simplifiedText), want: simplifiedText, wantEnc: "utf-8"},
		{name: "utf-8 with BOM", in: append([]byte{0xEF, 0xBB, 0xBF}, simplifiedText...), want: simplifiedText, wantEnc: "utf-8"},
		{name: "utf-8 traditional", in: []byte(traditionalText), want: traditionalText, wantEnc: "utf-8"},
		{name: "ascii", in: []byte("China High-Tech Industry Herald\n"), want: "China High-Tech Industry Herald\n", wantEnc: "utf-8"},
		{name: "GBK simplified", in: encode(t, gbk, simplifiedText), want: simplifiedText, wantEnc: "gb18030"},
		// GBK holds Traditional characters too; a Traditional text saved as
		// GBK must not be taken for Big5.
		{name: "GBK traditional", in: encode(t, gbk, traditionalText), want: traditionalText, wantEnc: "gb18030"},
		{name: "GB18030 four-byte character", in: encode(t, simplifiedchinese.GB18030, "𠮷野家在中国开设了新的门店，生意很好。"), want: "𠮷野家在中国开设了新的门店，生意很好。", wantEnc: "gb18030"},
		{name: "Big5 traditional", in: encode(t, big5, traditionalText), want: traditionalText, wantEnc: "big5"},
		{name: "GBK short title", in: encode(t, gbk, "中国高新技术产业导报"), want: "中国高新技术产业导报", wantEnc: "gb18030"},
		{name: "Big5 short title", in: encode(t, big5, "中國高新技術產業導報"), want: "中國高新技術產業導報", wantEnc: "big5"},
		{name: "utf-16le with BOM", in: encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), simplifiedText), want: simplifiedText, wantEnc: "utf-16"},
		{name: "utf-16be with BOM", in: encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), traditionalText), want: traditionalText, wantEnc: "utf-16"},
		{name: "CRLF and CR", in: []byte("第一段\r\n第二段\r第三段\r\n"), want: "第一段\n第二段\n第三段\n", wantEnc: "utf-8"},
		{name: "UTF-8 with a stray byte", in: []byte(simplifiedText[:30] + "\xff" + simplifiedText[30:]), want: simplifiedText[:30] + "\uFFFD" + simplifiedText[30:], wantEnc: "utf-8"},
		{name: "UTF-8 cut inside a character", in: []byte(simplifiedText[:len(simplifiedText)-1]), want: simplifiedText[:len(simplifiedText)-3] + "\uFFFD", wantEnc: "utf-8"},
		{name: "GBK with CRLF", in: encode(t, gbk, "第一段\r\n第二段"), want: "第一段\n第二段", wantEnc: "gb18030"},

		{name: "no bytes", in: nil, wantFail: ErrEmpty},
		{name: "white space", in: []byte(" \n\t\r\n  "), wantFail: ErrEmpty},
		{name: "ideographic spaces", in: []byte("\u3000\u3000\n"), wantFail: ErrEmpty},
		{name: "BOM only", in: []byte{0xEF, 0xBB, 0xBF, '\n'}, wantFail: ErrEmpty},
		{name: "GBK white space", in: encode(t, gbk, "\u3000\u3000"), wantFail: ErrEmpty},
		{name: "PNG", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), wantFail: ErrBinary},
		{name: "control bytes without NUL", in: bytes.Repeat([]byte{0x01, 0x02, 0x03, 'a', 0x05, 0x06}, 100), wantFail: ErrBinary},
		{name: "Latin-1", in: []byte("caf\xe9 cr\xe8me br\xfbl\xe9e"), wantFail: ErrUndecodable},
		{name: "0xFF bytes", in: bytes.Repeat([]byte{0xFF, 0xFE, 0xFF, 'x'}, 50)[2:], wantFail: ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.in)
			if tt.wantFail != nil {
				if !errors.Is(err, tt.wantFail) {
					t.Fatalf("Decode = %q, %q, %v; want error %v", got, enc, err, tt.wantFail)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != tt.want || enc != tt.wantEnc {
				t.Errorf("Decode = %q as %s\nwant %q as %s", got, enc, tt.want, tt.wantEnc)
			}
		})
	}
}

// TestDecodeArchive encodes every page of the sample archive as GB18030,
// and its Traditional form as Big5, and expects the text back.
func TestDecodeArchive(t *testing.T) {
	paths, err := filepath.Glob("../testdata/archive/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no sample archive: %v", err)
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		t.Run(filepath.Base(p)+"/gb18030", func(t *testing.T) {
			got, enc, err := Decode(encode(t, simplifiedchinese.GB18030, text))
			if err != nil || enc != "gb18030" || got != text {
				t.Errorf("Decode = %d bytes as %q, %v; want the page back as gb18030", len(got), enc, err)
			}
		})
		t.Run(filepath.Base(p)+"/big5", func(t *testing.T) {
			// Big5 has no pinyin tone marks and not every character: keep
			// the Traditional text it can hold.
			trad := big5Only(normalize.ToTraditional(normalize.StripPinyin(text)))
			got, enc, err := Decode(encode(t, traditionalchinese.Big5, trad))
			if err != nil || enc != "big5" || got != trad {
				t.Errorf("Decode = %d bytes as %q, %v; want the page back as big5", len(got), enc, err)
			}
		})
	}
}

func big5Only(s string) string {
	enc := traditionalchinese.Big5.NewEncoder()
	var b strings.Builder
	for _, r := range s {
		if _, err := enc.String(string(r)); err == nil {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestDecodeWithCharset(t *testing.T) {
	tests := []struct {
		name, charset string
		in            []byte
		want, wantEnc string
	}{
		{"declared gb2312", "gb2312", encode(t, simplifiedchinese.GBK, "中国高新网"), "中国高新网", "gb18030"},
		{"declared GBK upper case", "GBK", encode(t, simplifiedchinese.GBK, "高新区"), "高新区", "gb18030"},
		{"declared big5", "big5", encode(t, traditionalchinese.Big5, "高新區"), "高新區", "big5"},
		// A UTF-8 page whose <meta> was not updated when it was re-saved.
		{"declared gbk but UTF-8", "gbk", []byte("中国高新网报道"), "中国高新网报道", "utf-8"},
		// A declaration the bytes contradict is ignored for detection.
		{"declared big5 but GBK", "big5", encode(t, simplifiedchinese.GBK, simplifiedText), simplifiedText, "gb18030"},
		{"unknown label", "x-nonsense", encode(t, simplifiedchinese.GBK, simplifiedText), simplifiedText, "gb18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := decodeWithCharset(tt.in, tt.charset)
			if err != nil || got != tt.want || enc != tt.wantEnc {
				t.Errorf("decodeWithCharset = %q, %q, %v; want %q, %q", got, enc, err, tt.want, tt.wantEnc)
			}
		})
	}
}

func TestDecodeErrorsSayWhy(t *testing.T) {
	_, _, err := Decode([]byte("abc\x00def"))
	if err == nil || !strings.Contains(err.Error(), "NUL byte at offset 3") {
		t.Errorf("binary error = %v; want it to name the NUL at offset 3", err)
	}
}

func BenchmarkDecode(b *testing.B) {
	raw, err := os.ReadFile("../testdata/archive/001_87eece0f712b39c0.txt")
	if err != nil {
		b.Fatal(err)
	}
	page := bytes.Repeat(raw, 20) // about 120 KB, a long page
	for _, bc := range []struct {
		name string
		in   []byte
	}{
		{"utf-8", page},
		{"gb18030", encode(b, simplifiedchinese.GB18030, string(page))},
		{"big5", encode(b, traditionalchinese.Big5, big5Only(normalize.ToTraditional(string(page))))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			for b.Loop() {
				if _, _, err := Decode(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A byte-order mark must not make binary content text: the check runs on
// the decoded text, after the BOM is stripped.
func TestDecodeBOMDoesNotMakeText(t *testing.T) {
	zeros := make([]byte, 3<<20)
	random := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{1}).Read(random)
	tests := []struct {
		name    string
		in      []byte
		wantErr error
		says    string
	}{
		{"utf-8 BOM + zeros", append([]byte{0xEF, 0xBB, 0xBF}, zeros...), ErrBinary, "NUL"},
		{"utf-16le BOM + zeros", append([]byte{0xFF, 0xFE}, zeros...), ErrBinary, "NUL"},
		{"utf-16be BOM + zeros", append([]byte{0xFE, 0xFF}, zeros...), ErrBinary, "NUL"},
		{"utf-8 BOM + control bytes", append([]byte{0xEF, 0xBB, 0xBF}, bytes.Repeat([]byte("\x01\x02\x03a"), 1000)...), ErrBinary, "control characters"},
		{"utf-8 BOM + invalid bytes", append([]byte{0xEF, 0xBB, 0xBF}, bytes.Repeat([]byte{0xFF, 0xFE, 0xC0, 'a'}, 1000)...), ErrBinary, "did not decode"},
		{"utf-16 BOM + C1 controls", append([]byte{0xFF, 0xFE}, bytes.Repeat([]byte{0x85, 0x00, 0x9B, 0x00, 'a', 0x00}, 1000)...), ErrBinary, "control characters"},
		{"utf-16 BOM + text", encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), simplifiedText), nil, ""},
		{"utf-8 BOM + text", append([]byte{0xEF, 0xBB, 0xBF}, simplifiedText...), nil, ""},
		{"utf-16 BOM + bytes", append([]byte{0xFF, 0xFE}, random...), ErrBinary, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _, err := Decode(tt.in)
			if tt.wantErr == nil {
				if err != nil || text != simplifiedText {
					t.Errorf("Decode = %.40q, %v; want the text", text, err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("Decode = %d bytes, %v; want %v saying %q", len(text), err, tt.wantErr, tt.says)
			}
		})
	}
}
