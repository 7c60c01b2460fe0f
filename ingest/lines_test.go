package ingest

import (
	"slices"
	"testing"
)

func TestJoinLayoutLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"break with a blank line inside a word (001)",
			"作为创新驱动发展示范区、新质生产\n\n力引领区、高质量发展先行区，国家高新区如何汇聚高质量发展的强大合力？",
			[]string{"作为创新驱动发展示范区、新质生产力引领区、高质量发展先行区，国家高新区如何汇聚高质量发展的强大合力？"}},
		{"break without a blank line",
			"厅长王素文表示,河北省牢牢把握京津冀协同发展和雄安新区建设的重大国家战略\n机遇,坚持创新驱动。",
			[]string{"厅长王素文表示,河北省牢牢把握京津冀协同发展和雄安新区建设的重大国家战略机遇,坚持创新驱动。"}},
		{"a short line without punctuation is a headline, not a broken sentence",
			"河北省牢牢把握重大国家战略\n机遇,坚持创新驱动。",
			[]string{"河北省牢牢把握重大国家战略", "机遇,坚持创新驱动。"}},
		{"a line opening with punctuation continues (000 OCR damage stays)",
			"是 应对全球性挑战的必然选择,是提升全球科技治理能力的重要涂\n\n径。中国将加强双多边政府间",
			[]string{"是 应对全球性挑战的必然选择,是提升全球科技治理能力的重要涂径。中国将加强双多边政府间"}},
		{"a line opening with a comma continues even a short line",
			"国家高新区\n\n，作为创新驱动发展示范区。",
			[]string{"国家高新区，作为创新驱动发展示范区。"}},
		{"a comma at the end joins; spaces inside lines stay",
			"针对园区拥抱数字经济浪潮、 推动产业数字化转型的时代命题,\n\n《指引》提出促进实数深度融合,推 动智能制造",
			[]string{"针对园区拥抱数字经济浪潮、 推动产业数字化转型的时代命题,《指引》提出促进实数深度融合,推 动智能制造"}},
		{"sentence end is a boundary",
			"高质量发展是首要任务。\n\n今年9月1日起，决定正式施行。",
			[]string{"高质量发展是首要任务。", "今年9月1日起，决定正式施行。"}},
		{"closing quote after the full stop is a boundary",
			"他说：“要加快发展。”\n\n会议指出，要坚持。",
			[]string{"他说：“要加快发展。”", "会议指出，要坚持。"}},
		{"kicker, headline and byline stand alone",
			"回眸十四五\n\n国家高新区高质量一体化发展提速\n\n▶ 本报记者 张伟\n\n高质量发展是首要任务。",
			[]string{"回眸十四五", "国家高新区高质量一体化发展提速", "▶ 本报记者 张伟", "高质量发展是首要任务。"}},
		{"a long headline before a 本报讯 lead",
			"第二十一届全国高新区发展战略研究年会暨2025国家高新区创新发展论坛在杭州举行 四大研究方向助力国家高新区高质量发展\n\n本报讯（记者 罗晓燕）10月29日，论坛举行。",
			[]string{"第二十一届全国高新区发展战略研究年会暨2025国家高新区创新发展论坛在杭州举行 四大研究方向助力国家高新区高质量发展", "本报讯（记者 罗晓燕）10月29日，论坛举行。"}},
		{"a 本报讯 paragraph broken mid-word (004)",
			"**本报讯** 11月21日,会议召开。工业和信息化部总\n\n工程师谢少锋出席会议并讲话。",
			[]string{"**本报讯** 11月21日,会议召开。工业和信息化部总工程师谢少锋出席会议并讲话。"}},
		{"Markdown heading and list items stand alone",
			"### 本期导读\n\n- 中试平台深刻影响未来制造业竞争格局 02版\n- 做大做强做优 看现代化产业体系“湖南样本” 04版",
			[]string{"### 本期导读", "- 中试平台深刻影响未来制造业竞争格局 02版", "- 做大做强做优 看现代化产业体系“湖南样本” 04版"}},
		{"a TOC entry broken after its colon joins, the next entry does not (000)",
			"IASP 2025年世界大会:\n\n构筑更富创新力的科技合作新生态\n\n广州高新区启动\"战略企业家培育计划\" 12版",
			[]string{"IASP 2025年世界大会:构筑更富创新力的科技合作新生态", "广州高新区启动\"战略企业家培育计划\" 12版"}},
		{"continuation marker and credit stand alone",
			"成套设备目录。\n\n▼▼ 下转第2版\n\n\n\n图为观众参观智能建筑机器人。\n\n新华社记者 陈诚/摄",
			[]string{"成套设备目录。", "▼▼ 下转第2版", "图为观众参观智能建筑机器人。", "新华社记者 陈诚/摄"}},
		{"a credit printed on two lines (004)",
			"图为参会代表参观。\n\n新华社记者  \n丁春雨/摄",
			[]string{"图为参会代表参观。", "新华社记者 丁春雨/摄"}},
		{"a paragraph opener after lost text is a boundary (000)",
			"提出前瞻性见 解,为推动 产业变革与创新发展注入了强劲的思想\n\n据悉,2025浦江创新论坛的规模和参会 嘉宾数量均为历届之最。",
			[]string{"提出前瞻性见 解,为推动 产业变革与创新发展注入了强劲的思想", "据悉,2025浦江创新论坛的规模和参会 嘉宾数量均为历届之最。"}},
		{"parallel paragraph openings are a boundary (000)",
			"针对园区扩大产业集聚效应、 提升核心竞争力的发展要务,《指 引》提出打造特 色突出、效益显著的主导\n\n针对园区营造良好生态氛围、 激发产业发展活力的关键任务。",
			[]string{"针对园区扩大产业集聚效应、 提升核心竞争力的发展要务,《指 引》提出打造特 色突出、效益显著的主导", "针对园区营造良好生态氛围、 激发产业发展活力的关键任务。"}},
		{"two blank lines separate layout blocks even mid-sentence",
			"会议指出,要坚持创新\n\n\n\n图为会场。",
			[]string{"会议指出,要坚持创新", "图为会场。"}},
		{"a space between Latin words broken across lines",
			"2场对接大会,成立了 InnoMatch\nWeStart 两个平台,",
			[]string{"2场对接大会,成立了 InnoMatch WeStart 两个平台,"}},
		{"short name heads of 002 with single newlines",
			"出席并致辭。\n\n辛國斌\n辛國斌表示,國家高新區(qū)堅持發(fā)展高科技。",
			[]string{"出席并致辭。", "辛國斌", "辛國斌表示,國家高新區(qū)堅持發(fā)展高科技。"}},
		{"empty", "", nil},
		{"blank lines only", "\n\n  \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range JoinLayoutLines(tt.in) {
				got = append(got, p.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("JoinLayoutLines =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestJoinLayoutLinesPositions(t *testing.T) {
	got := JoinLayoutLines("\n\n标题\n\n正文,第一\n\n行。\n\n\n\n图片说明。")
	want := []Paragraph{{"标题", 3, 2}, {"正文,第一行。", 5, 1}, {"图片说明。", 11, 3}}
	if !slices.Equal(got, want) {
		t.Errorf("JoinLayoutLines = %+v, want %+v", got, want)
	}
}

func TestClassifyLine(t *testing.T) {
	tests := []struct {
		in   string
		want lineKind
	}{
		{"中国高新技术产业导报", lineMasthead},
		{"# CHINA HIGH-TECH INDUSTRY HERALD", lineMasthead},
		{"科学技术部主管 科技日报社主办 国内统一连续出版物号CN 11—0237 邮发代号1—206 2025年11月3日 星期一 第40期(总第2644期) 今日24版", lineMasthead},
		{"### 本 期 导 读", lineTOCHeader},
		{"本期导读", lineTOCHeader},
		{"## 到2027年建成200个左右高标准数字园区", lineHeading},
		{"#### 启事", lineHeading},
		{"- 金融赋能科技服务业正当其时 02版", lineList},
		{"▶ 本报记者 张伟", lineByline},
		{"记者 张伟 通讯员 李明", lineByline},
		{"记者之家", lineHead},
		{"新华社记者 陈诚/摄", lineCredit},
		{"新华社发", lineCredit},
		{"图为在天安门广场拍摄", lineHead},
		{"▼▼ 下转第2版", lineContinuedOn},
		{"(上接第1版)", lineContinuedFrom},
		{"(相关报道详见2-8版)", lineSeeAlso},
		{"03版", linePageNumbers},
		{"微信公众号", lineFooter},
		{"中国高新网", lineFooter},
		{"总机:(010)68667266", lineFooter},
		{"2025年9月29日", lineFooter},
		{"來源:北京市人民政府官網(wǎng),北京商報", lineSource},
		{"创新策源力加速提升", lineHead},
		{"中關(guān)村特色產(chǎn)業(yè)園與國外科技園“牽手計劃”", lineHead},
		{"10月28日，2025年世界城市日中国主场活动在重庆市开幕。", lineText},
		{"IASP 2025年世界大会:", lineText},
	}
	for _, tt := range tests {
		if got := classifyLine(tt.in); got != tt.want {
			t.Errorf("classifyLine(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
