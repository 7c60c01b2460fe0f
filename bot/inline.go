package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// inlinePerQuestion is how many inline queries count as one question: a
// client sends one as the user types.
const inlinePerQuestion = 6

// inlineTimeout bounds an inline answer: Telegram drops a query not
// answered within about 10 s.
const inlineTimeout = 5 * time.Second

// onInlineQuery answers "@bot question" typed in any chat with one article
// result: the extractive answer with its citations (an LLM would be too
// slow for a query typed as one goes). Only allowed users get archive
// content; anyone else gets one result saying the bot is private.
func (b *Bot) onInlineQuery(ctx context.Context, updateID int64, iq *models.InlineQuery) {
	if iq.From == nil {
		return
	}
	question := strings.TrimSpace(iq.Query)
	lang := langOf(question, iq.From.LanguageCode)
	t := textsFor(lang)
	log := b.log.With("update_id", updateID, "user_id", iq.From.ID, "cmd", "inline")
	var result *models.InlineQueryResultArticle
	// Inline queries carry no chat: only the user list opens them.
	switch allowed := b.access.public || b.access.users[iq.From.ID]; {
	case !allowed:
		result = inlineArticle("private", t.inlineRefusedTitle, t.refused, t.refused)
		log.Info("inline query from an outsider refused")
	case question == "":
		result = inlineArticle("help", t.inlineHelpTitle, t.inlineHelp, t.inlineHelp)
	case utf8.RuneCountInString(question) > b.cfg.MaxQuestionLen:
		return
	default:
		if v, _ := b.inline.check(iq.From.ID); v != allow {
			log.Debug("inline query rate limited")
			return
		}
		actx, cancel := context.WithTimeout(ctx, inlineTimeout)
		ans, _, err := b.ask(actx, b.extractive(), question, nil)
		cancel()
		if err != nil {
			log.Error("inline answer failed", "err", err)
			return
		}
		parts := renderAnswerParts(ans, textsFor(retrieve.Lang(ans.Lang)), 1)
		result = inlineArticle(resultID(question), question, summary(ans), parts[0])
		log.Info("inline answer", "refused", ans.Refused, "citations", len(ans.Citations))
	}
	err := b.send.call(ctx, "answerInlineQuery", func(ctx context.Context) error {
		_, err := b.tg.AnswerInlineQuery(ctx, &tg.AnswerInlineQueryParams{
			InlineQueryID: iq.ID,
			Results:       []models.InlineQueryResult{result},
			// Answers differ by who asks: never share them across users.
			IsPersonal: true,
			CacheTime:  60,
		})
		return err
	})
	if err != nil {
		log.Warn("inline answer not delivered", "err", err)
	}
}

func inlineArticle(id, title, description, html string) *models.InlineQueryResultArticle {
	return &models.InlineQueryResultArticle{
		ID:          id,
		Title:       clip(title, 64),
		Description: clip(description, 120),
		InputMessageContent: &models.InputTextMessageContent{
			MessageText: html, ParseMode: models.ParseModeHTML, LinkPreviewOptions: noPreview,
		},
	}
}

// resultID is a result id (at most 64 bytes) for a question.
func resultID(question string) string {
	sum := sha256.Sum256([]byte(question))
	return "a" + hex.EncodeToString(sum[:12])
}

// summary is the answer's first line, as plain text, for the result list.
func summary(ans *answer.Answer) string {
	text := strings.TrimSpace(stripMarkers(ans.Answer))
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return text
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
