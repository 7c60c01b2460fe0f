package bot

import (
	"strings"
	"unicode"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// texts is everything the bot says of its own, in one language. Each is
// Telegram HTML, written by hand (nothing from the archive or the user).
type texts struct {
	help        string
	refused     string
	slowDown    string
	busy        string
	tooLong     string
	askWhat     string
	apology     string
	unknown     string
	ungrounded  string
	noSources   string
	issueUsage  string
	issueNone   string
	question    string // label on /sources
	cited       string
	retrieved   string
	frontPage   string
	inArchive   string
	toc         string
	pages       string // "今日%d版"
	moreIssues  string // "%d issues match; the latest %d are shown"
	issueLatest string
}

var textsByLang = map[retrieve.Lang]*texts{
	retrieve.Simplified: {
		help: "我回答关于<b>《中国高新技术产业导报》</b>资料库的问题，并注明出处（日期、期号、版面）。\n\n" +
			"直接发问即可，例如：\n• 2025浦江创新论坛的主宾国是哪个国家？\n• 第40期头版讲了什么？\n\n" +
			"追问（如“那第41期呢？”）会接着上一个问题。\n\n" +
			"/issue 2644 或 /issue 第40期 — 某一期的日期、头版文章和本期导读\n" +
			"/sources — 上一个回答的全部出处\n" +
			"在群组里，请 @我、回复我的消息，或使用 /ask 问题。",
		refused:     "抱歉，这个机器人只对受邀用户开放。",
		slowDown:    "问得太快了，请稍等一会儿再问。",
		busy:        "现在问的人太多，请稍后再试。",
		tooLong:     "问题太长了，请缩短到 %d 字以内。",
		askWhat:     "请问您想问什么？例如：/ask 2025浦江创新论坛的主宾国是哪个国家？",
		apology:     "抱歉，回答这个问题时出了错。请稍后再试。",
		unknown:     "不认识这个命令。/help 列出可用的命令。",
		ungrounded:  "⚠ 这个回答没有引用资料库中的任何来源，请谨慎对待。",
		noSources:   "还没有可以列出出处的回答。先问一个问题吧。",
		issueUsage:  "用法：/issue 2644（总期号）或 /issue 第40期，也可以用日期：/issue 2025-11-03",
		issueNone:   "资料库中没有找到这一期。",
		question:    "问题",
		cited:       "引用",
		retrieved:   "检索到的资料",
		frontPage:   "头版",
		inArchive:   "资料库中的文章",
		toc:         "本期导读",
		pages:       "今日%d版",
		moreIssues:  "共有 %d 期符合，显示最近的 %d 期。",
		issueLatest: "资料库中最近的几期：",
	},
	retrieve.Traditional: {
		help: "我回答關於<b>《中國高新技術產業導報》</b>資料庫的問題，並註明出處（日期、期號、版面）。\n\n" +
			"直接發問即可，例如：\n• 2025浦江創新論壇的主賓國是哪個國家？\n• 第40期頭版講了什麼？\n\n" +
			"追問（如「那第41期呢？」）會接著上一個問題。\n\n" +
			"/issue 2644 或 /issue 第40期 — 某一期的日期、頭版文章和本期導讀\n" +
			"/sources — 上一個回答的全部出處\n" +
			"在群組裡，請 @我、回覆我的訊息，或使用 /ask 問題。",
		refused:     "抱歉，這個機器人只對受邀用戶開放。",
		slowDown:    "問得太快了，請稍等一會兒再問。",
		busy:        "現在問的人太多，請稍後再試。",
		tooLong:     "問題太長了，請縮短到 %d 字以內。",
		askWhat:     "請問您想問什麼？例如：/ask 2025浦江創新論壇的主賓國是哪個國家？",
		apology:     "抱歉，回答這個問題時出了錯。請稍後再試。",
		unknown:     "不認識這個命令。/help 列出可用的命令。",
		ungrounded:  "⚠ 這個回答沒有引用資料庫中的任何來源，請謹慎對待。",
		noSources:   "還沒有可以列出出處的回答。先問一個問題吧。",
		issueUsage:  "用法：/issue 2644（總期號）或 /issue 第40期，也可以用日期：/issue 2025-11-03",
		issueNone:   "資料庫中沒有找到這一期。",
		question:    "問題",
		cited:       "引用",
		retrieved:   "檢索到的資料",
		frontPage:   "頭版",
		inArchive:   "資料庫中的文章",
		toc:         "本期導讀",
		pages:       "今日%d版",
		moreIssues:  "共有 %d 期符合，顯示最近的 %d 期。",
		issueLatest: "資料庫中最近的幾期：",
	},
	retrieve.English: {
		help: "I answer questions about the archive of <b>China High-Tech Industry Herald</b> (中国高新技术产业导报), citing date, issue and page.\n\n" +
			"Just ask, for example:\n• 2025浦江创新论坛的主宾国是哪个国家？\n• What was on the front page of issue 40?\n\n" +
			"Follow-ups (\"what about issue 41?\") build on the previous question.\n\n" +
			"/issue 2644 or /issue 第40期 — an issue's date, front-page articles and contents\n" +
			"/sources — every source of the last answer\n" +
			"In groups, mention me, reply to my message, or use /ask QUESTION.",
		refused:     "Sorry, this bot is open to invited users only.",
		slowDown:    "That is a lot of questions at once; please wait a moment before asking again.",
		busy:        "Too many questions right now; please try again shortly.",
		tooLong:     "That question is too long; please keep it under %d characters.",
		askWhat:     "What would you like to ask? For example: /ask 2025浦江创新论坛的主宾国是哪个国家？",
		apology:     "Sorry, something went wrong while answering. Please try again later.",
		unknown:     "I don't know that command. /help lists the ones I do.",
		ungrounded:  "⚠ This answer cites none of the archive's sources; treat it with care.",
		noSources:   "There is no answer to list sources for yet. Ask a question first.",
		issueUsage:  "Usage: /issue 2644 (total issue number), /issue 第40期, or a date: /issue 2025-11-03",
		issueNone:   "That issue is not in the archive.",
		question:    "Question",
		cited:       "Cited",
		retrieved:   "Retrieved",
		frontPage:   "Front page",
		inArchive:   "Articles in the archive",
		toc:         "In this issue",
		pages:       "%d pages",
		moreIssues:  "%d issues match; the latest %d are shown.",
		issueLatest: "The latest issues in the archive:",
	},
}

func textsFor(lang retrieve.Lang) *texts {
	if t, ok := textsByLang[lang]; ok {
		return t
	}
	return textsByLang[retrieve.Simplified]
}

// langOf is the language to reply in: the script of the text when it is
// Chinese, else the user's Telegram language, else Simplified Chinese
// (the paper's own).
func langOf(text, languageCode string) retrieve.Lang {
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			if normalize.IsTraditional(text) {
				return retrieve.Traditional
			}
			return retrieve.Simplified
		}
	}
	lc := strings.ToLower(languageCode)
	switch {
	case lc == "":
		return retrieve.Simplified
	case lc == "zh-hant" || strings.HasPrefix(lc, "zh-tw") || strings.HasPrefix(lc, "zh-hk") || strings.HasPrefix(lc, "zh-mo"):
		return retrieve.Traditional
	case strings.HasPrefix(lc, "zh"):
		return retrieve.Simplified
	}
	return retrieve.English
}
