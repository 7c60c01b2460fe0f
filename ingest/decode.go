package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Errors for content that cannot be read as text. Decode wraps them with the
// particular reason, so test with errors.Is.
var (
	ErrEmpty       = errors.New("empty")
	ErrBinary      = errors.New("binary, not text")
	ErrUndecodable = errors.New("not UTF-8, GB18030 or Big5 text")
)

// Encoding names as stored in Document.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF16   = "utf-16"
	encGB18030 = "gb18030"
	encBig5    = "big5"
)

// Decode turns the bytes of a text file into a string: UTF-8 (a BOM is
// stripped), UTF-16 with a BOM, GB18030 (and so GBK and GB2312) or Big5,
// with line endings normalized to "\n". It reports the encoding it chose.
//
// Bytes that are valid UTF-8 are UTF-8. Otherwise the text is decoded both
// as GB18030 and as Big5 and the more plausible Chinese wins: either
// decoding of the other's bytes mostly "succeeds" as gibberish, so only the
// share of common characters can tell them apart.
func Decode(b []byte) (text, encoding string, err error) {
	return decodeWithCharset(b, "")
}

// decodeWithCharset is Decode with a charset declared by the content itself
// (an HTML <meta charset>), which is trusted over detection unless the
// bytes contradict it.
func decodeWithCharset(b []byte, charset string) (text, enc string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return finishDecode(string(b[3:]), encUTF8)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		// UTF-16 holds NUL bytes in every ASCII character, so it must be
		// recognised before the binary check.
		s, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("%w: bad UTF-16: %v", ErrUndecodable, err)
		}
		return finishDecode(string(s), encUTF16)
	}
	if isBlank(b) {
		return "", "", emptyError(len(b))
	}
	if err := checkBinary(b); err != nil {
		return "", "", err
	}
	if utf8.Valid(b) {
		// A declared legacy charset on valid UTF-8 with Chinese in it is a
		// page re-saved as UTF-8 without its <meta> updated: legacy bytes
		// that happen to be valid UTF-8 are vanishingly rare past a few
		// characters.
		return finishDecode(string(b), encUTF8)
	}
	if mostlyUTF8(b) {
		// A stray byte or a file cut inside a character: read as a legacy
		// encoding, the whole text would be gibberish.
		return finishDecode(strings.ToValidUTF8(string(b), "\uFFFD"), encUTF8)
	}
	// Judge on a sample: a page's first 64 KiB say which encoding it is.
	sample := b
	if len(sample) > binarySample {
		sample = sample[:binarySample]
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i] // not inside a character
		}
	}
	cands := []legacyCandidate{{name: encGB18030, enc: simplifiedchinese.GB18030}, {name: encBig5, enc: traditionalchinese.Big5}}
	for i := range cands {
		d, _ := cands[i].enc.NewDecoder().Bytes(sample)
		cands[i].text = d
		cands[i].score = scoreChinese(string(d))
		cands[i].blank = strings.TrimSpace(string(d)) == ""
	}
	best := cands[0]
	if cands[1].score.value() > best.score.value() {
		best = cands[1]
	}
	// A declared charset is trusted unless the bytes read clearly better in
	// the other encoding, as a page declaring big5 whose bytes are GBK.
	if name := charsetName(charset); name != "" && name != best.name {
		for _, c := range cands {
			if c.name == name && c.score.bad*50 <= c.score.nonASCII && c.score.value() >= best.score.value()/2 {
				best = c
			}
		}
	}
	// A decoding that needed many replacement characters is not this
	// text's encoding; neither is one where almost nothing reads as Chinese
	// (unless there is nothing but ideographic spaces, which is empty).
	if best.score.bad*20 > best.score.nonASCII || (best.score.value() <= 0 && !best.blank) {
		return "", "", fmt.Errorf("%w: %d of %d non-ASCII characters fit neither GB18030 nor Big5",
			ErrUndecodable, min(cands[0].score.bad, cands[1].score.bad), best.score.nonASCII)
	}
	out := best.text
	if len(sample) < len(b) {
		out, _ = best.enc.NewDecoder().Bytes(b) // bad bytes are U+FFFD, judged on the sample
	}
	return finishDecode(string(out), best.name)
}

// mostlyUTF8 reports whether b is UTF-8 but for a few bad bytes: at least
// fifty well-formed multi-byte characters for each bad sequence. GBK and
// Big5 bytes almost never form valid UTF-8 sequences by chance.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			bad++
		} else {
			good++
		}
		b = b[n:]
	}
	return good >= 50*bad
}

// legacyCandidate is one reading of bytes that are not UTF-8.
type legacyCandidate struct {
	name  string
	enc   encoding.Encoding
	text  []byte // the sample decoded
	score chineseScore
	blank bool // nothing but white space
}

// charsetName maps a declared charset label to the decoding used for it:
// GB2312 and GBK are read as their superset GB18030. Labels of other
// encodings yield "": they are ignored and the text is detected.
func charsetName(label string) string {
	label = strings.TrimSpace(label)
	if label == "" {
		return ""
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	switch e {
	case simplifiedchinese.GBK, simplifiedchinese.GB18030:
		return encGB18030
	case traditionalchinese.Big5:
		return encBig5
	}
	return ""
}

func finishDecode(s, enc string) (string, string, error) {
	s = strings.TrimPrefix(s, "\uFEFF") // a BOM in GB18030 or one left after UTF-16
	if err := checkDecoded(s); err != nil {
		return "", "", err
	}
	s = normalizeNewlines(s)
	if strings.TrimSpace(s) == "" {
		return "", "", emptyError(len(s))
	}
	return s, enc, nil
}

// checkDecoded is the binary check on decoded text, which every path
// passes: a byte-order mark skips the byte check (UTF-16 holds NUL bytes),
// and a BOM alone makes nothing text. It rejects a NUL character anywhere,
// and a sample where more than one character in ten is a control
// character (C0 but for white space and ESC, DEL, C1) or U+FFFD or a
// private-use code point, the marks of bytes that did not decode.
func checkDecoded(s string) error {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("%w: NUL character at offset %d of the decoded text", ErrBinary, i)
	}
	runes, ctl, bad := 0, 0, 0
	for _, r := range s {
		if runes == binarySample {
			break
		}
		runes++
		switch {
		case r == utf8.RuneError || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000:
			bad++ // as in scoreChinese: private use is where stray bytes land
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' && r != 0x1B, r >= 0x7F && r <= 0x9F:
			ctl++
		}
	}
	if ctl*10 > runes {
		return fmt.Errorf("%w: %d of the first %d characters are control characters", ErrBinary, ctl, runes)
	}
	if bad*10 > runes {
		return fmt.Errorf("%w: %d of the first %d characters did not decode", ErrBinary, bad, runes)
	}
	return nil
}

func emptyError(n int) error {
	if n == 0 {
		return fmt.Errorf("%w: no bytes", ErrEmpty)
	}
	return fmt.Errorf("%w: nothing but white space", ErrEmpty)
}

// normalizeNewlines turns CRLF and lone CR into LF.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func isBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			return false
		}
	}
	return true
}

// binarySample is how much of a file the control-byte share is measured on.
const binarySample = 64 << 10

// checkBinary rejects content with NUL bytes anywhere, or where more than
// one byte in ten of the sample is a control character no text uses.
func checkBinary(b []byte) error {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
	}
	sample := b[:min(len(b), binarySample)]
	ctl := 0
	for _, c := range sample {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) || c == 0x7F {
			ctl++
		}
	}
	if ctl*10 > len(sample) {
		return fmt.Errorf("%w: %d of the first %d bytes are control characters", ErrBinary, ctl, len(sample))
	}
	return nil
}

// chineseScore measures how much a decoded text reads like Chinese.
type chineseScore struct {
	nonASCII int // runes outside ASCII
	common   int // among the most common Chinese characters and punctuation
	rare     int // extension ideographs, compatibility ideographs, odd scripts
	bad      int // U+FFFD and private-use code points: bytes that did not decode
}

// value is the plausibility: the share of common characters, with rare and
// undecodable ones counted against it.
func (s chineseScore) value() float64 {
	if s.nonASCII == 0 {
		return 0
	}
	return float64(s.common-2*s.rare-5*s.bad) / float64(s.nonASCII)
}

func scoreChinese(s string) chineseScore {
	var sc chineseScore
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		sc.nonASCII++
		switch {
		case r == utf8.RuneError || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000:
			sc.bad++
		case r < 0x10000 && commonChinese[r>>6]&(1<<(r&63)) != 0:
			sc.common++
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2000 && r <= 0x206F:
			// Other Chinese characters and punctuation: neutral.
		case (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x20000 && r <= 0x3FFFF) || (r >= 0xF900 && r <= 0xFAFF):
			sc.rare++ // extension and compatibility ideographs
		case r <= 0x00FF, r >= 0x3040 && r <= 0x30FF, r >= 0xAC00 && r <= 0xD7AF:
			// GBK and Big5 hold Latin-1 letters, kana and (GB18030)
			// Hangul, but in Chinese news they are rare; misdecoded bytes
			// land on them often.
			sc.rare++
		}
	}
	return sc
}

// commonChinese is a bit set over the Basic Multilingual Plane of about
// 570 of the most frequent Simplified characters, their Traditional forms
// (OpenCC's and Taiwan's), and Chinese punctuation.
var commonChinese = func() *[0x10000 / 64]uint64 {
	const (
		simplified  = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敢创置护群省环升效双副超端积获核奖览协促融模域园孵链智坚培育施扩境优补贷款校营销网络芯源汽药材料"
		traditional = "這個們來爲國說時會對於過發後裏種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義幾認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風乾聯組濟車親極辦議證轉準遠臺單羅愛擊備連調質團價黨華級離況亞請際約覆線斷滿視須寫稱嗎輕農裝廣顯標談喫圖歷醫專費號盡較語僅隨選紅響雖勢參衆構節維劃創護羣環雙積獲獎覽協園鏈堅擴優補貸營銷網絡藥" +
			"為著裡眾幹復"
		punctuation = "，。、“”‘’：；！？（）《》〈〉「」『』—…·"
	)
	var set [0x10000 / 64]uint64
	for _, s := range []string{simplified, traditional, punctuation} {
		for _, r := range s {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return &set
}()
