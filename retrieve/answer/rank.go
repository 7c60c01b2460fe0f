package answer

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/retrieve"
)

// A ranking is printed as a list and the places it fills (合肥、阜阳、宿州…
// 位列全省前三; 昆山、慈溪分列第二、第三位) or as one holder of one place
// (义乌以86.4分位居榜首). A reader asks which one came second (排第二的是
// 哪个城市), a rank no sentence prints as asked.

// reAsksRank is the place in a ranking a question asks of, or which one
// came first by a measure (哪个城市接待游客最多).
var reAsksRank = regexp.MustCompile(`(?:排名|排在|排|位列|位居|名列)第([0-9一二三四五六七八九十]+)(?:位|名)?|第([0-9一二三四五六七八九十]+)名|(?:哪|谁)[^,，。?？]*?(最多|最高|最大)`)

// rankAsked is the place asked (2 for 排第二, 1 for 最多) and the words
// that ask it; 0 when none is.
func rankAsked(qnorm string) (int, string) {
	m := reAsksRank.FindStringSubmatch(qnorm)
	if m == nil {
		return 0, ""
	}
	if m[3] != "" {
		return 1, m[3]
	}
	return retrieve.Numeral(m[1] + m[2]), m[0]
}

// reAsksPlace asks which place someone holds (晋江排第几).
var reAsksPlace = regexp.MustCompile(`(?:排名|排在|排|位列|位居|名列)第几`)

// placeHeld is the place sent gives the one of its ranking the question
// names (第四 for 晋江排第几 of 福建晋江、江苏江阴位列第四、第五); "" when
// the question does not ask one, or sent does not rank what it names.
func placeHeld(sent, question string) string {
	if !reAsksPlace.MatchString(question) {
		return ""
	}
	for _, h := range ranking(sent, question) {
		if h.said != "" && h.name != "" && named(h.name, question) {
			return h.said
		}
	}
	return ""
}

// named reports whether the question names an item of a list: the item or
// its last two characters (福建晋江 asked as 晋江).
func named(item, question string) bool {
	r := []rune(item)
	return len(r) >= 2 && strings.Contains(question, string(r[len(r)-2:]))
}

var (
	// reRankTop: a list then the first places it fills (位列全省前三).
	reRankTop = regexp.MustCompile(`([^，。；：,;:]+?)(?:位列|位居|排在|排名|名列|居)[^，。；：,;:第前]{0,4}前([0-9一二三四五六七八九十]+)(?:名|位)?`)
	// reRankEach: a list then each one's place (分列第二、第三位).
	// The figures may stand between (襄阳、宜昌分别以1106件、873件位居第二、
	// 三位), and 第 may be printed once.
	reRankEach = regexp.MustCompile(`([^，。；：,;:]+?)(?:分别以[^，。；：,;:]{1,24}?)?(?:分列|分别位列|分别位居|分别排名|位列|位居)[^，。；：,;:第]{0,4}(第[0-9一二三四五六七八九十]+(?:[、和]第?[0-9一二三四五六七八九十]+)*)(?:名|位)?`)
	reRankNum  = regexp.MustCompile(`[0-9一二三四五六七八九十]+`)
	// reRankOne: one holder of the first or another place (位居榜首,
	// 居全国首位, 排名第三).
	reRankOne = regexp.MustCompile(`([^，。；：,;:]+?)(?:位居|位列|排名|名列|居)[^，。；：,;:第前首榜]{0,6}(榜首|首位|第[0-9一二三四五六七八九十]+)`)
	reListSep = regexp.MustCompile(`[、和与及]`)
	// reRankAside: what a holder's clause says beside its name (以86.4分,
	// 在…单项中得分, 连续5年).
	reRankAside = regexp.MustCompile(`(?:以|在|连续|凭借|得分).*$`)
)

// held is a place of a ranking a sentence prints: its holder, the place,
// and the place as printed ("" where only the list's order gives it:
// 位列前三). alone: the holder is named by itself (位居榜首), read from its
// clause less what the clause says beside it.
type held struct {
	name, said string
	place      int
	alone      bool
}

// ranking is every place of a ranking sent prints, in the order read: the
// lists with each one's place, the lists filling the first places, then
// the holders named alone. The question (normalized) says where a list's
// last item ends.
func ranking(sent, question string) []held {
	var out []held
	for _, m := range reRankEach.FindAllStringSubmatch(sent, -1) {
		items := listItems(m[1], question)
		places := reRankNum.FindAllString(m[2], -1)
		if len(items) != len(places) {
			continue
		}
		for i, p := range places {
			out = append(out, held{name: items[i], said: "第" + p, place: retrieve.Numeral(p)})
		}
	}
	for _, m := range reRankTop.FindAllStringSubmatch(sent, -1) {
		items := listItems(m[1], question)
		if len(items) == retrieve.Numeral(m[2]) {
			for i, it := range items {
				out = append(out, held{name: it, place: i + 1})
			}
		}
	}
	for _, m := range reRankOne.FindAllStringSubmatch(sent, -1) {
		place := 1
		if strings.HasPrefix(m[2], "第") {
			place = retrieve.Numeral(m[2][len("第"):])
		}
		out = append(out, held{name: reRankAside.ReplaceAllString(m[1], ""), said: m[2], place: place, alone: true})
	}
	return out
}

// rankedIn is what sent puts at place n of a ranking; "" when it puts
// none there, or none it can tell from the words around it: a holder named
// alone is a name only when short and no list.
func rankedIn(sent, question string, n int) string {
	for _, h := range ranking(sent, question) {
		if h.place != n {
			continue
		}
		if !h.alone || h.name != "" && !reListSep.MatchString(h.name) && utf8.RuneCountInString(h.name) <= 8 {
			return h.name
		}
	}
	return ""
}

// listItems are the names a list prints (合肥、阜阳、宿州快递业务量 →
// 合肥, 阜阳, 宿州). Its last item runs on into what was ranked, which the
// question names too (快递量): it is cut before the first two characters
// the question holds, else to a place name of the list or to the length
// of the longest other item.
func listItems(run, question string) []string {
	run = strings.TrimPrefix(run, "其中")
	items := reListSep.Split(run, -1)
	if len(items) < 2 {
		return nil
	}
	longest := 0
	for _, it := range items[:len(items)-1] {
		longest = max(longest, utf8.RuneCountInString(it))
	}
	last := []rune(items[len(items)-1])
	for i := 2; i+2 <= len(last); i++ {
		if strings.Contains(question, string(last[i:i+2])) {
			items[len(items)-1] = string(last[:i])
			return items
		}
	}
	if p := placeAt(string(last)); utf8.RuneCountInString(p) >= longest {
		items[len(items)-1] = p
	} else if len(last) > longest {
		items[len(items)-1] = string(last[:longest])
	}
	return items
}
