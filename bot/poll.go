package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// The bot polls Telegram itself rather than through the library's Start:
// the library's loop confirms a batch of updates with its next poll, as
// soon as it has handed them to the handlers, so an answer in progress when
// the bot stops would be lost (Telegram never hands out a confirmed update
// again). Here the offset advances only past updates whose reply was
// handed to Telegram; see ledger.

// allowedUpdates are the kinds of update the bot asks Telegram for.
var allowedUpdates = []string{
	models.AllowedUpdateMessage,
	models.AllowedUpdateMessageReaction,
	models.AllowedUpdateInlineQuery,
	models.AllowedUpdateStoppedMessageGeneration,
}

const (
	// repollEvery paces the polls while an update is still being worked
	// on: Telegram answers at once while an unconfirmed update is waiting,
	// so the long poll cannot wait for the next message.
	repollEvery = 500 * time.Millisecond
	// pollLimit is the most updates asked for at once (Telegram's maximum).
	pollLimit = 100
)

// apiReply is the Bot API's envelope.
type apiReply struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates asks for the updates from offset, waiting up to wait for one.
func (b *Bot) getUpdates(ctx context.Context, offset int64, wait time.Duration) ([]*models.Update, error) {
	allowed, _ := json.Marshal(allowedUpdates)
	form := url.Values{
		"offset":          {strconv.FormatInt(offset, 10)},
		"timeout":         {strconv.Itoa(int(wait / time.Second))},
		"limit":           {strconv.Itoa(pollLimit)},
		"allowed_updates": {string(allowed)},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.apiBase()+"/bot"+b.cfg.Token+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("getUpdates: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: reading the response: %w", err)
	}
	var r apiReply
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("getUpdates: %d response that is not the Bot API's JSON: %w", resp.StatusCode, err)
	}
	if !r.OK {
		if r.ErrorCode == http.StatusTooManyRequests {
			return nil, &tg.TooManyRequestsError{Message: "getUpdates: " + r.Description, RetryAfter: r.Parameters.RetryAfter}
		}
		return nil, fmt.Errorf("getUpdates: %d %s", r.ErrorCode, r.Description)
	}
	// Each update is decoded on its own: one the library cannot read (a
	// kind newer than it) is skipped, not the whole batch.
	var raw []json.RawMessage
	if err := json.Unmarshal(r.Result, &raw); err != nil {
		return nil, fmt.Errorf("getUpdates: reading the updates: %w", err)
	}
	out := make([]*models.Update, 0, len(raw))
	for _, m := range raw {
		u := &models.Update{}
		if err := json.Unmarshal(m, u); err != nil {
			var id struct {
				ID int64 `json:"update_id"`
			}
			if json.Unmarshal(m, &id) != nil || id.ID == 0 {
				return nil, fmt.Errorf("getUpdates: an update without an id: %w", err)
			}
			b.log.Warn("update not understood; skipped", "update_id", id.ID, "err", err)
			u = &models.Update{ID: id.ID}
		}
		out = append(out, u)
	}
	return out, nil
}

func (b *Bot) apiBase() string {
	if b.cfg.APIURL == "" {
		return "https://api.telegram.org"
	}
	return b.cfg.APIURL
}

// poll takes updates from Telegram and hands each new one to a handler,
// until ctx is done.
func (b *Bot) poll(ctx context.Context) {
	var backoff time.Duration
	for ctx.Err() == nil {
		// Taken before the offset, so that an update settled while the
		// poll is under way is not missed below.
		settled := b.ledger.wait()
		offset := b.ledger.offset()
		wait := b.cfg.PollTimeout - time.Second
		updates, err := b.getUpdates(ctx, offset, wait)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			b.log.Warn("bot api", "err", b.send.redact(err))
			var tooMany *tg.TooManyRequestsError
			if errors.As(err, &tooMany) && tooMany.RetryAfter > 0 {
				backoff = time.Duration(tooMany.RetryAfter) * time.Second
			} else {
				// As the library did: 100 ms, doubling up to 5 s.
				backoff = min(max(2*backoff, 100*time.Millisecond), maxBackoff)
			}
			if b.send.clock.Sleep(ctx, backoff) != nil {
				return
			}
			continue
		}
		backoff = 0
		if err := b.ledger.confirm(offset); err != nil {
			b.log.Error("bot ledger", "err", err)
		}
		fresh := 0
		for _, u := range updates {
			if !b.ledger.take(u.ID) {
				continue
			}
			if !b.enter() {
				// Stopping: left unconfirmed, for the next run.
				continue
			}
			fresh++
			b.dispatch(u)
		}
		if fresh == 0 && len(updates) > 0 {
			// Only updates already in hand came back: wait for one to be
			// settled, or a moment, rather than poll in a loop.
			select {
			case <-ctx.Done():
				return
			case <-settled:
			case <-time.After(repollEvery):
			}
		}
	}
}

// confirmOffset tells the Bot API that every update below offset has been
// handled, with a poll that does not wait.
func (b *Bot) confirmOffset(ctx context.Context, offset int64) error {
	_, err := b.getUpdates(ctx, offset, 0)
	if err != nil {
		return fmt.Errorf("confirming updates: %w", err)
	}
	return b.ledger.confirm(offset)
}
