package synth

// The words generated text swaps for one another. Every one is printed in
// the sample archive (a test checks it), so substituted sentences keep the
// paper's vocabulary; swapping them is what makes two articles built from
// the same sentence differ in the words a question would search for.
var (
	cities    = []string{"北京", "上海", "杭州", "合肥", "长沙", "重庆", "苏州", "南京", "武汉", "广州", "雄安"}
	provinces = []string{"湖南", "浙江", "河北", "辽宁", "安徽", "广东"}
	// topics are fields of technology and industry the paper reports on.
	topics = []string{"人工智能", "生物制造", "量子科技", "具身智能", "低空经济", "新型储能", "脑机接口", "动力电池", "无人机", "工业互联网", "智能制造", "数字医疗", "飞行汽车", "清洁能源", "生物技术"}
	// people are the names printed in the sample; new names are made from
	// their surnames and given-name characters.
	people     = []string{"张伟", "罗晓燕", "陈诚", "吴家喜", "董世洪", "吕文妙", "孙景淼", "房汉廷", "刘应杰", "阴和俊", "王素文", "张峰", "谢少锋", "辛国斌", "于英杰", "张宇蕾", "李妍", "方磊", "丁春雨", "姚雯"}
	surnames   = []string{"张", "罗", "陈", "吴", "董", "吕", "孙", "房", "刘", "王", "谢", "辛", "于", "李", "方", "丁", "姚"}
	givenRunes = []string{"伟", "晓", "燕", "诚", "家", "喜", "世", "洪", "文", "妙", "景", "淼", "汉", "廷", "应", "杰", "和", "俊", "素", "峰", "少", "锋", "国", "斌", "英", "宇", "蕾", "妍", "磊", "春", "雨", "雯"}
)

// Words the furniture of a page is printed with.
const (
	paperName   = "中国高新技术产业导报"
	paperNameEn = "CHINA HIGH-TECH INDUSTRY HERALD"
	publisher   = "科学技术部主管 科技日报社主办 国内统一连续出版物号CN 11—0237 邮发代号1—206"
	tocHeader   = "本期导读"
)

var weekdays = []string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}
