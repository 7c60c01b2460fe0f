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
	help               string
	refused            string
	slowDown           string
	busy               string
	tooLong            string
	askWhat            string
	apology            string
	unknown            string
	ungrounded         string
	noSources          string
	issueUsage         string
	issueNone          string
	question           string // label on /sources
	cited              string
	retrieved          string
	frontPage          string
	inArchive          string
	toc                string
	pages              string // "今日%d版"
	moreIssues         string // "%d issues match; the latest %d are shown"
	issueLatest        string
	restarting         string
	feedback           string
	stopped            string
	truncated          string
	unsupported        string
	related            string // heading of the related reading under a refusal
	relatedHint        string // how to open one
	inlineHelpTitle    string
	inlineHelp         string
	inlineRefusedTitle string
}

var textsByLang = map[retrieve.Lang]*texts{
	retrieve.Simplified: {
		help: "我回答关于<b>《中国高新技术产业导报》</b>资料库的问题，并注明出处（日期、期号、版面）。\n\n" +
			"直接发问即可，例如：\n• 2025浦江创新论坛的主宾国是哪个国家？\n• 第40期头版讲了什么？\n\n" +
			"追问（如“那第41期呢？”）会接着上一个问题。\n\n" +
			"/issue 2644 或 /issue 第40期 — 某一期的日期、头版文章和本期导读\n" +
			"/sources — 上一个回答的全部出处\n" +
			"/feedback — 用 👍/👎 评价回答\n" +
			"在群组里，请 @我、回复我的消息，或使用 /ask 问题。",
		refused:     "抱歉，这个机器人只对受邀用户开放。",
		slowDown:    "问得太快了，请 %d 秒后再问。",
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
		restarting:  "抱歉，机器人正在重启，没能回答这个问题。请稍后重新发送。",
		feedback: "觉得回答好，就给它点 👍；觉得有错，就点 👎。\n\n" +
			"我会记下问题、回答、出处和您的评价（不记其他聊天内容）。" +
			"维护者会据此核对资料库，把这个问题写成测试用例，以后的回答就不会再犯同样的错。",
		stopped:            "⏹ 已停止：以上是停止前写出的部分。",
		truncated:          "✂ 回答过长，已截断。",
		unsupported:        "⚠ 以下说法在所引的来源中找不到依据：",
		related:            "资料库中没有这个问题的答案。以下文章可能相关（仅供参考，不是答案）：",
		relatedHint:        "点击 /issue_期号 查看那一期，或用 /sources 列出检索到的全部资料。",
		inlineHelpTitle:    "输入问题，例如：第40期头版讲了什么？",
		inlineHelp:         "在任何聊天中输入 @机器人 加问题，就能把带出处的回答发到聊天里。",
		inlineRefusedTitle: "这个机器人不公开",
	},
	retrieve.Traditional: {
		help: "我回答關於<b>《中國高新技術產業導報》</b>資料庫的問題，並註明出處（日期、期號、版面）。\n\n" +
			"直接發問即可，例如：\n• 2025浦江創新論壇的主賓國是哪個國家？\n• 第40期頭版講了什麼？\n\n" +
			"追問（如「那第41期呢？」）會接著上一個問題。\n\n" +
			"/issue 2644 或 /issue 第40期 — 某一期的日期、頭版文章和本期導讀\n" +
			"/sources — 上一個回答的全部出處\n" +
			"/feedback — 用 👍/👎 評價回答\n" +
			"在群組裡，請 @我、回覆我的訊息，或使用 /ask 問題。",
		refused:     "抱歉，這個機器人只對受邀用戶開放。",
		slowDown:    "問得太快了，請 %d 秒後再問。",
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
		restarting:  "抱歉，機器人正在重新啟動，沒能回答這個問題。請稍後重新傳送。",
		feedback: "覺得回答好，就給它按 👍；覺得有錯，就按 👎。\n\n" +
			"我會記下問題、回答、出處和您的評價（不記其他聊天內容）。" +
			"維護者會據此核對資料庫，把這個問題寫成測試用例，以後的回答就不會再犯同樣的錯。",
		stopped:            "⏹ 已停止：以上是停止前寫出的部分。",
		truncated:          "✂ 回答過長，已截斷。",
		unsupported:        "⚠ 以下說法在所引的來源中找不到依據：",
		related:            "資料庫中沒有這個問題的答案。以下文章可能相關（僅供參考，不是答案）：",
		relatedHint:        "點擊 /issue_期號 查看那一期，或用 /sources 列出檢索到的全部資料。",
		inlineHelpTitle:    "輸入問題，例如：第40期頭版講了什麼？",
		inlineHelp:         "在任何聊天中輸入 @機器人 加問題，就能把附出處的回答發到聊天裡。",
		inlineRefusedTitle: "這個機器人不公開",
	},
	retrieve.English: {
		help: "I answer questions about the archive of <b>China High-Tech Industry Herald</b> (中国高新技术产业导报), citing date, issue and page.\n\n" +
			"Just ask, for example:\n• 2025浦江创新论坛的主宾国是哪个国家？\n• What was on the front page of issue 40?\n\n" +
			"Follow-ups (\"what about issue 41?\") build on the previous question.\n\n" +
			"/issue 2644 or /issue 第40期 — an issue's date, front-page articles and contents\n" +
			"/sources — every source of the last answer\n" +
			"/feedback — rate answers with 👍/👎\n" +
			"In groups, mention me, reply to my message, or use /ask QUESTION.",
		refused:     "Sorry, this bot is open to invited users only.",
		slowDown:    "That is a lot of questions at once; please ask again in %d seconds.",
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
		restarting:  "Sorry, the bot is restarting and could not answer this. Please send your question again in a moment.",
		feedback: "Like an answer? React with 👍. Found a mistake? React with 👎.\n\n" +
			"I record the question, the answer, its sources and your reaction (nothing else from the chat). " +
			"The maintainers check them against the archive and turn the question into a test, so the mistake is not made again.",
		stopped:            "⏹ Stopped: above is what was written until then.",
		truncated:          "✂ The answer was too long and has been cut.",
		unsupported:        "⚠ These statements are not found in the sources they cite:",
		related:            "The archive holds no answer to this. These articles may be related (further reading, not an answer):",
		relatedHint:        "Tap /issue_NUMBER to see that issue, or /sources for everything retrieved.",
		inlineHelpTitle:    "Type a question, e.g. What was on the front page of issue 40?",
		inlineHelp:         "Type @bot and a question in any chat to send a cited answer there.",
		inlineRefusedTitle: "This bot is private",
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
