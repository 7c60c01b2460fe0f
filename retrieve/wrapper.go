package retrieve

import (
	"regexp"
	"strings"
	"unicode"
)

// A question often comes wrapped: a question set numbers it (1. ), labels
// it (问题：, Q:), asks that it be answered from the text (请根据新闻回答：,
// According to the report,) and says how (请简要回答。, Answer briefly.).
// None of that is what the question asks, and as search terms it weighed
// as details no report prints: newsqa's questions wrapped so lost 8
// (问题：) and 21 (？请简要回答。) of their answers.

// answerManner and answerVerb are how an instruction says to answer: 简要,
// 直接, 用一句话, 用原文 or 尽量简短, then 回答 or 作答 (即可, 一下).
const (
	answerManner = `(?:[简簡][要单單潔洁]地?|直接|用一句[话話]|用原文|[尽儘]量?[简簡][短洁潔]地?)`
	answerVerb   = `(?:回答|作答)(?:[即就]可|一下)?`
)

var (
	// reNumbered is a list's number before a question (1. , 2、, (3)); not a
	// figure it begins with (3.5亿元).
	reNumbered = regexp.MustCompile(`^\s*(?:[(（]\s*[0-9]{1,3}\s*[)）]|[0-9]{1,3}\s*(?:[、)）]|\.\s))\s*`)
	reLabel    = regexp.MustCompile(`(?i)^\s*(?:[问問][题題]|[问問]|[题題]目|q|question)\s*[:：]\s*`)
	// reAnswerFrom asks for an answer from the text given.
	reAnswerFrom = regexp.MustCompile(`^\s*[请請]?(?:[根依][据據]|按照)(?:[这這]篇|[该該]|本|上面的?|以上|下面的?|所[给給]的?)?` +
		`(?:新[闻聞]|[报報][道导導]|文章|材料|[资資]料|短文|段落|上文|原文|[内內]容)(?:[内內]容)?[，,]?\s*` +
		`(?:回答|作答)(?:[下以][面下]的?[问問][题題]|[问問][题題])?\s*[：:，,]\s*`)
	reEnglishFrom = regexp.MustCompile(`(?i)^\s*(?:(?:please\s+)?answer\s+(?:the\s+following\s+question\s+|this\s+question\s+)?(?:based\s+on|according\s+to|from)|according\s+to|based\s+on|in|from|per)\s+(?:the|this)\s+(?:(?:news\s+)?(?:report|article|story)|news|text|passage)\s*[:,]\s*`)
	// reHowAfterMark is an instruction after the question's mark
	// (？请简要回答。, ，直接回答); reHowInBrackets one in brackets (（请用原文回
	// 答）); reHowBare one with no mark, asked with 请 or a manner (…亏了多少钱
	// 请简要回答). 他是怎么回答的 has none of them: it asks about an answer.
	reHowAfterMark  = regexp.MustCompile(`([？?。.，,；;])\s*[请請]?\s*` + answerManner + `?\s*` + answerVerb + `\s*[。.!！]?\s*$`)
	reHowInBrackets = regexp.MustCompile(`\s*[（(]\s*[请請]?\s*` + answerManner + `?\s*` + answerVerb + `\s*[）)]\s*[。.!！]?\s*$`)
	reHowBare       = regexp.MustCompile(`\s*(?:[请請]\s*` + answerManner + `?|` + answerManner + `)\s*` + answerVerb + `\s*[。.!！]?\s*$`)
	reEnglishHow    = regexp.MustCompile(`(?i)([?.])\s*\(?\s*(?:please\s+)?answer\s+(?:briefly|concisely|in\s+one\s+sentence|in\s+a\s+word|from\s+the\s+text)\s*\.?\s*\)?\s*$`)
)

// Unwrap is the question without the label, the request and the instruction
// it came wrapped in; the question itself when it came bare.
func Unwrap(question string) string {
	q := question
	for _, re := range []*regexp.Regexp{reNumbered, reLabel, reAnswerFrom, reEnglishFrom} {
		q = re.ReplaceAllString(q, "")
	}
	q = reHowAfterMark.ReplaceAllString(q, "$1")
	q = reHowInBrackets.ReplaceAllString(q, "")
	q = reHowBare.ReplaceAllString(q, "")
	q = reEnglishHow.ReplaceAllString(q, "$1")
	if strings.TrimSpace(q) == "" {
		return question // all wrapping, nothing asked: left as typed
	}
	return joinHan(q)
}

// joinHan drops the spaces a reader typed between Chinese words (华拓精工
// 每股 多少钱): print has none, and a space split the words' bigrams apart.
// Spaces beside a letter or digit stay (云帆智能 B轮, did 云帆 raise).
func joinHan(s string) string {
	if !strings.ContainsAny(s, " \t\u3000") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if unicode.IsSpace(rs[i]) && i > 0 && unicode.Is(unicode.Han, rs[i-1]) {
			j := i
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
			if j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
				i = j - 1
				continue
			}
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}
