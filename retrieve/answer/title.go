package answer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// News prints a person's post before the name (工业和信息化部副部长辛国斌),
// so a question asking what post someone holds (辛国斌是什么职务) is
// answered by the run just before the name in the quoted sentence, back to
// the clause or list it stands in. It never fires on the fitting sets
// (their questions ask the post of a year, and the answer sentence does not
// repeat the name), so nothing here is fitted.
var (
	reAskPost = regexp.MustCompile(`(?:^|[，,、\s])(\p{Han}{2,4}?)(?:是|担任|任)?(?:什么|啥|哪个|何)(?:职务|职位|官职|头衔|职|官)|(?:^|[，,、\s])(\p{Han}{2,4}?)的(?:职务|职位|官职|头衔)是(?:什么|啥)`)
	// rePostEnd: the last character of a post (副部长, 总工程师, 党委书记,
	// 理事长, 主任, 委员, 董事长, 主席, 教授).
	rePostEnd = regexp.MustCompile(`(?:长|师|记|任|员|席|授|理|官|监|裁|事)$`)
)

// postDelims end the run before a name.
const postDelims = "、，,；;：:（(“\"。 "

// postOf is the post printed before the person a question asks about, ""
// when the question asks no post or the sentence prints none.
func postOf(qnorm, sent string) string {
	m := reAskPost.FindStringSubmatch(qnorm)
	if m == nil {
		return ""
	}
	name := m[1] + m[2]
	i := strings.Index(sent, name)
	if i <= 0 {
		return ""
	}
	before := sent[:i]
	if k := strings.LastIndexAny(before, postDelims); k >= 0 {
		_, size := utf8.DecodeRuneInString(before[k:])
		before = before[k+size:]
	}
	if n := len([]rune(before)); n < 2 || n > 30 || !rePostEnd.MatchString(before) {
		return ""
	}
	return before
}

// A post claimed (是不是工信部部长) that the sentence prints only with a
// prefix that makes it another post (副部长, 原部长, 前部长) is not held.
var (
	reClaimedPost = regexp.MustCompile(`(部长|厅长|局长|市长|省长|县长|区长|司长|处长|院长|校长|社长|主席|书记|主任|总裁|董事长|总经理|理事长|总工程师|秘书长)`)
	postPrefixes  = []string{"副", "原", "前", "代", "常务副"}
)

// otherPost reports whether the question claims a post that the sentence
// prints only as another post: 副部长 where 部长 is claimed.
func otherPost(qnorm, sent string) bool {
	for _, post := range reClaimedPost.FindAllString(qnorm, -1) {
		if !strings.Contains(sent, post) {
			continue
		}
		bare := strings.Count(sent, post)
		for _, p := range postPrefixes {
			if !strings.Contains(qnorm, p+post) {
				bare -= strings.Count(sent, p+post)
			}
		}
		if bare <= 0 {
			return true
		}
	}
	return false
}

// A question asking who holds a post (中关村发展集团总经理是谁, 厅长叫什么)
// is led with the name the sentence prints right after the post
// (总经理李妍在…提到 → 李妍).
var reAsksHolder = regexp.MustCompile(`(\p{Han}{2,12}?)(?:是谁|叫什么名字|叫什么|是哪一?位)`)

// nameEnds are characters a name stops before: the verbs of speech and
// action that follow a person in the news (表示, 在, 出席, 指出…), and 的.
const nameEnds = "表在出说指强介认提致主作对为与和等是的称讲谈参于从"

// holderOf is the name printed right after the post a question asks the
// holder of, "" when the question asks none or the sentence prints no
// name there, or prints the post twice.
func holderOf(qnorm, sent string) string { return holderIn(postAsked(qnorm), qnorm, sent) }

// postAsked is what a question asks the holder of (中关村发展集团总经理 in
// 中关村发展集团总经理是谁), nil when it asks none.
func postAsked(qnorm string) []rune {
	m := reAsksHolder.FindStringSubmatch(spoken.Replace(qnorm))
	if m == nil {
		return nil
	}
	return []rune(m[1])
}

// holderIn is holderOf for the post asked, read once (postAsked).
func holderIn(asked []rune, qnorm, sent string) string {
	if asked == nil {
		return ""
	}
	// The longest end of what is asked that is a post the sentence prints
	// once: 中关村发展集团总经理 is printed as 总经理 after the group's
	// other posts.
	for n := len(asked); n >= 2; n-- {
		post := string(asked[len(asked)-n:])
		if !rePostEnd.MatchString(post) || strings.Count(sent, post) != 1 {
			continue
		}
		at := strings.Index(sent, post)
		before := string(asked[:len(asked)-n])
		for _, p := range postPrefixes {
			if strings.HasSuffix(sent[:at], p) && !strings.Contains(qnorm, p+post) {
				return "" // 副主任 printed where 主任 is asked: another post
			}
			if strings.HasSuffix(before, p) && !strings.HasSuffix(sent[:at], p) {
				return "" // 主任 printed where 副主任 is asked: another post
			}
		}
		return nameAt([]rune(sent[at+len(post):]))
	}
	return ""
}

// nameAt is the person's name rs starts with: a foreign name (three or
// more transliterating characters, or parts joined by ·), else a surname
// and one or two characters; "" for none.
func nameAt(rs []rune) string {
	if n, dotted := foreignName(rs); (dotted || n >= 3) && endsName(rs, n) {
		return string(rs[:n])
	}
	if len(rs) >= 2 && strings.ContainsRune(surnames, rs[0]) && !endsName(rs, 1) {
		switch {
		case endsName(rs, 2):
			return string(rs[:2])
		case endsName(rs, 3):
			return string(rs[:3])
		}
	}
	return "" // four or more characters run on: a phrase, not a name
}

// endsName reports whether a name ends before rs[i]: at the end, at a
// character that is no Han, or at one of nameEnds.
func endsName(rs []rune, i int) bool { return !isHan(rs, i) || strings.ContainsRune(nameEnds, rs[i]) }

// foreignName is how long a foreign name at the start of rs may be: the
// transliterating characters, and after a · any characters up to a name's
// end (什雷奇科夫); dotted when it has a ·.
func foreignName(rs []rune) (n int, dotted bool) {
	for ; n < len(rs) && n < 16; n++ {
		r := rs[n]
		switch {
		case (r == '·' || r == '•') && n > 0 && isHan(rs, n+1):
			dotted = true
		case strings.ContainsRune(transliterating, r):
		case dotted && !endsName(rs, n):
		default:
			return n, dotted
		}
	}
	return n, dotted
}
