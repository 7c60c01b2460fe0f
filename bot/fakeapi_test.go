package bot

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// fakeAPI is a Bot API server on 127.0.0.1 that behaves, for the methods
// the bot uses, as https://core.telegram.org/bots/api describes: long-poll
// getUpdates that forgets updates below the offset asked for, HTML that is
// checked as Telegram checks it, a 4096-character limit, 429 with
// retry_after when told to. It records what the bot sent.
type fakeAPI struct {
	t     testing.TB
	token string
	srv   *httptest.Server
	me    map[string]any

	mu           sync.Mutex
	wake         chan struct{} // closed when updates are added
	pending      []map[string]any
	nextUpdate   int64
	nextIncoming int // message ids of users' messages
	nextSent     int // message ids of the bot's messages
	offset       int64
	handedOut    map[int64]time.Time
	sent         []sentMessage
	actions      []sentAction
	commands     []commandSet
	calls        map[string]int
	tooMany      map[string]int // method → 429s still to return
	retryAfter   int
	tooManyAt    []time.Time
	rejected     []string                // why Telegram would have refused a message
	held         map[int64]chan struct{} // chat → closed when its messages may go through
	updateOf     map[int]int64           // incoming message id → its update id
	dropPolls    int                     // getUpdates connections still to drop
	droppedAt    []time.Time
	badToken     int
	texts        map[[2]int64]string // (chat, message id) → the bot's message text now
	drafts       []sentDraft
	reactions    []sentReaction
	inline       map[string]*inlineQuery // query id → the query and its answer
	allowed      []string                // allowed_updates of the last poll that named them
	// handled, when set, says whether the bot under test has done with
	// an update, so that a test need not guess how long that takes.
	handled func(updateID int64) bool
	// unreachable chats get 502 for every message, as when Telegram's
	// side of the network is down for them.
	unreachable map[int64]bool
}

// sentDraft is one sendMessageDraft call.
type sentDraft struct {
	ChatID  int64
	DraftID int64
	Text    string
	CanStop bool
	At      time.Time
}

// sentReaction is one setMessageReaction call.
type sentReaction struct {
	ChatID    int64
	MessageID int
	Emoji     []string
}

// inlineQuery is an inline query handed to the bot and what it answered.
type inlineQuery struct {
	From     int64
	At       time.Time
	Answered bool
	Results  []inlineResult
	Personal bool
}

type inlineResult struct {
	Type, ID, Title, Description string
	Content                      struct {
		MessageText string `json:"message_text"`
		ParseMode   string `json:"parse_mode"`
	} `json:"input_message_content"`
}

type sentMessage struct {
	Method    string
	ChatID    int64
	MessageID int
	Text      string
	ParseMode string
	ReplyTo   int
	Thread    int
	At        time.Time
}

type sentAction struct {
	ChatID int64
	Action string
	At     time.Time
}

type commandSet struct {
	Language string
	Commands []struct{ Command, Description string }
}

const botUserID = 777000111

func newFakeAPI(t testing.TB, token string) *fakeAPI {
	f := &fakeAPI{
		t:            t,
		token:        token,
		me:           map[string]any{"id": botUserID, "is_bot": true, "first_name": "Herald", "username": "herald_test_bot"},
		wake:         make(chan struct{}),
		nextUpdate:   100,
		nextIncoming: 500,
		nextSent:     9000,
		handedOut:    map[int64]time.Time{},
		calls:        map[string]int{},
		tooMany:      map[string]int{},
		held:         map[int64]chan struct{}{},
		updateOf:     map[int]int64{},
		texts:        map[[2]int64]string{},
		inline:       map[string]*inlineQuery{},
		unreachable:  map[int64]bool{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func ok(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func apiError(w http.ResponseWriter, code int, desc string, params map[string]any) {
	body := map[string]any{"ok": false, "error_code": code, "description": desc}
	if params != nil {
		body["parameters"] = params
	}
	writeJSON(w, code, body)
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	rest, found := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, found2 := strings.Cut(rest, "/")
	if !found || !found2 {
		apiError(w, 404, "Not Found", nil)
		return
	}
	if token != f.token {
		f.mu.Lock()
		f.badToken++
		f.mu.Unlock()
		apiError(w, 401, "Unauthorized", nil)
		return
	}
	// A method without parameters comes as an empty multipart body, which
	// Telegram takes as no parameters.
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart && !strings.HasSuffix(err.Error(), "EOF") {
		apiError(w, 400, "Bad Request: "+err.Error(), nil)
		return
	}
	f.mu.Lock()
	f.calls[method]++
	if n := f.tooMany[method]; n > 0 {
		f.tooMany[method] = n - 1
		f.tooManyAt = append(f.tooManyAt, time.Now())
		after := f.retryAfter
		f.mu.Unlock()
		apiError(w, 429, fmt.Sprintf("Too Many Requests: retry after %d", after), map[string]any{"retry_after": after})
		return
	}
	f.mu.Unlock()

	switch method {
	case "getMe":
		ok(w, f.me)
	case "deleteWebhook":
		ok(w, true)
	case "setMyCommands":
		var set commandSet
		if err := json.Unmarshal([]byte(r.FormValue("commands")), &set.Commands); err != nil {
			apiError(w, 400, "Bad Request: can't parse commands", nil)
			return
		}
		set.Language = r.FormValue("language_code")
		f.mu.Lock()
		f.commands = append(f.commands, set)
		f.mu.Unlock()
		ok(w, true)
	case "getUpdates":
		f.mu.Lock()
		drop := f.dropPolls > 0
		if drop {
			f.dropPolls--
			f.droppedAt = append(f.droppedAt, time.Now())
		}
		f.mu.Unlock()
		if drop {
			// The connection breaks without an answer, as a failing network's does.
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		f.getUpdates(w, r)
	case "sendChatAction":
		chat, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
		f.mu.Lock()
		f.actions = append(f.actions, sentAction{ChatID: chat, Action: r.FormValue("action"), At: time.Now()})
		f.mu.Unlock()
		ok(w, true)
	case "sendMessage", "editMessageText":
		f.sendMessage(w, r, method)
	case "sendMessageDraft":
		f.sendMessageDraft(w, r)
	case "setMessageReaction":
		f.setMessageReaction(w, r)
	case "answerInlineQuery":
		f.answerInlineQuery(w, r)
	default:
		apiError(w, 404, "Not Found: method not found", nil)
	}
}

func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request) {
	if a := r.FormValue("allowed_updates"); a != "" {
		var kinds []string
		if err := json.Unmarshal([]byte(a), &kinds); err != nil {
			apiError(w, 400, "Bad Request: can't parse allowed updates", nil)
			return
		}
		f.mu.Lock()
		f.allowed = kinds
		f.mu.Unlock()
	}
	offset, _ := strconv.ParseInt(r.FormValue("offset"), 10, 64)
	timeout, _ := strconv.Atoi(r.FormValue("timeout"))
	limit, _ := strconv.Atoi(r.FormValue("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.Now().Add(time.Duration(timeout) * time.Second)
	for {
		f.mu.Lock()
		if offset > f.offset {
			f.offset = offset
		}
		// Updates below the offset are confirmed: Telegram forgets them.
		var keep []map[string]any
		for _, u := range f.pending {
			if u["update_id"].(int64) >= f.offset {
				keep = append(keep, u)
			}
		}
		f.pending = keep
		if len(f.pending) > 0 || !time.Now().Before(deadline) {
			out := f.pending[:min(limit, len(f.pending))]
			now := time.Now()
			for _, u := range out {
				id := u["update_id"].(int64)
				if _, seen := f.handedOut[id]; !seen {
					f.handedOut[id] = now
				}
			}
			f.mu.Unlock()
			ok(w, out)
			return
		}
		wake := f.wake
		f.mu.Unlock()
		select {
		case <-wake:
		case <-time.After(time.Until(deadline)):
		case <-r.Context().Done():
			return
		}
	}
}

func (f *fakeAPI) sendMessage(w http.ResponseWriter, r *http.Request, method string) {
	chat, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil {
		apiError(w, 400, "Bad Request: chat not found", nil)
		return
	}
	text := r.FormValue("text")
	mode := r.FormValue("parse_mode")
	plain := text
	if mode == "HTML" {
		p, err := checkTelegramHTML(text)
		if err != nil {
			f.mu.Lock()
			f.rejected = append(f.rejected, err.Error())
			f.mu.Unlock()
			apiError(w, 400, "Bad Request: can't parse entities: "+err.Error(), nil)
			return
		}
		plain = p
	}
	if strings.TrimSpace(plain) == "" {
		apiError(w, 400, "Bad Request: message text is empty", nil)
		return
	}
	if n := len(utf16.Encode([]rune(plain))); n > 4096 {
		f.mu.Lock()
		f.rejected = append(f.rejected, fmt.Sprintf("message is too long (%d)", n))
		f.mu.Unlock()
		apiError(w, 400, "Bad Request: message is too long", nil)
		return
	}
	f.mu.Lock()
	down := f.unreachable[chat]
	f.mu.Unlock()
	if down {
		apiError(w, 502, "Bad Gateway", nil)
		return
	}
	if method == "editMessageText" {
		id, _ := strconv.Atoi(r.FormValue("message_id"))
		f.mu.Lock()
		cur, found := f.texts[[2]int64{chat, int64(id)}]
		f.mu.Unlock()
		switch {
		case !found:
			apiError(w, 400, "Bad Request: message to edit not found", nil)
			return
		case cur == text:
			apiError(w, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", nil)
			return
		}
	}
	f.mu.Lock()
	hold := f.held[chat]
	f.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-r.Context().Done():
			return
		}
	}
	m := sentMessage{Method: method, ChatID: chat, Text: text, ParseMode: mode, At: time.Now()}
	m.Thread, _ = strconv.Atoi(r.FormValue("message_thread_id"))
	if rp := r.FormValue("reply_parameters"); rp != "" {
		var p struct {
			MessageID int `json:"message_id"`
		}
		if err := json.Unmarshal([]byte(rp), &p); err != nil {
			apiError(w, 400, "Bad Request: can't parse reply parameters", nil)
			return
		}
		m.ReplyTo = p.MessageID
	}
	f.mu.Lock()
	if method == "editMessageText" {
		m.MessageID, _ = strconv.Atoi(r.FormValue("message_id"))
	} else {
		f.nextSent++
		m.MessageID = f.nextSent
	}
	f.sent = append(f.sent, m)
	f.texts[[2]int64{chat, int64(m.MessageID)}] = text
	f.mu.Unlock()
	ok(w, map[string]any{
		"message_id": m.MessageID, "date": time.Now().Unix(), "text": plain,
		"from": f.me, "chat": map[string]any{"id": chat, "type": "private"},
	})
}

// user is a Telegram user in a test.
type user struct {
	ID   int64
	Name string
	Lang string
}

// msgOpt changes a user's message before it is queued.
type msgOpt func(msg map[string]any)

// inGroup sends the message in a supergroup rather than the user's private chat.
func inGroup(chatID int64) msgOpt {
	return func(msg map[string]any) {
		msg["chat"] = map[string]any{"id": chatID, "type": "supergroup", "title": "Test group"}
	}
}

// replyingTo makes the message a reply to one of the bot's messages.
func replyingTo(m sentMessage) msgOpt {
	return func(msg map[string]any) {
		msg["reply_to_message"] = map[string]any{
			"message_id": m.MessageID, "date": m.At.Unix(), "text": "…",
			"from": map[string]any{"id": botUserID, "is_bot": true, "first_name": "Herald", "username": "herald_test_bot"},
			"chat": msg["chat"],
		}
	}
}

// send queues a text message from u as Telegram would deliver it, with
// bot_command and mention entities, and returns its message id.
func (f *fakeAPI) send(u user, text string, opts ...msgOpt) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	f.nextIncoming++
	from := map[string]any{"id": u.ID, "is_bot": false, "first_name": u.Name}
	if u.Lang != "" {
		from["language_code"] = u.Lang
	}
	msg := map[string]any{
		"message_id": f.nextIncoming, "date": time.Now().Unix(), "text": text, "from": from,
		"chat": map[string]any{"id": u.ID, "type": "private", "first_name": u.Name},
	}
	for _, o := range opts {
		o(msg)
	}
	if ents := entities(text); len(ents) > 0 {
		msg["entities"] = ents
	}
	f.pending = append(f.pending, map[string]any{"update_id": f.nextUpdate, "message": msg})
	f.updateOf[f.nextIncoming] = f.nextUpdate
	close(f.wake)
	f.wake = make(chan struct{})
	return f.nextIncoming
}

// entities marks commands at the start and @mentions, offsets in UTF-16.
func entities(text string) []map[string]any {
	var out []map[string]any
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	if strings.HasPrefix(text, "/") {
		end := strings.IndexAny(text, " \n")
		if end < 0 {
			end = len(text)
		}
		out = append(out, map[string]any{"type": "bot_command", "offset": 0, "length": units(text[:end])})
	}
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "@")
		if j < 0 {
			break
		}
		start := i + j
		end := start + 1
		for end < len(text) && (text[end] == '_' || text[end] >= 'a' && text[end] <= 'z' || text[end] >= 'A' && text[end] <= 'Z' || text[end] >= '0' && text[end] <= '9') {
			end++
		}
		if end-start > 1 {
			out = append(out, map[string]any{"type": "mention", "offset": units(text[:start]), "length": units(text[start:end])})
		}
		i = end
	}
	return out
}

// failNext makes the next n calls of method fail with 429 retry_after.
func (f *fakeAPI) failNext(method string, n, retryAfter int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tooMany[method] += n
	f.retryAfter = retryAfter
}

// cutOff makes every message to chat fail with 502 until the returned
// restore is called.
func (f *fakeAPI) cutOff(chat int64) (restore func()) {
	f.mu.Lock()
	f.unreachable[chat] = true
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		delete(f.unreachable, chat)
		f.mu.Unlock()
	}
}

// hold makes sendMessage to chat wait, as a slow Telegram would, until
// the returned release is called.
func (f *fakeAPI) hold(chat int64) (release func()) {
	ch := make(chan struct{})
	f.mu.Lock()
	f.held[chat] = ch
	f.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			f.mu.Lock()
			delete(f.held, chat)
			f.mu.Unlock()
			close(ch)
		})
	}
}

// waitTaken waits until the bot has done with the update of message
// msgID: as the bot says when it runs in the test, else until it was
// handed the update and then a little for it to act.
func (f *fakeAPI) waitTaken(t testing.TB, msgID int) {
	t.Helper()
	f.mu.Lock()
	upd := f.updateOf[msgID]
	handled := f.handled
	f.mu.Unlock()
	if handled != nil {
		waitFor(t, 10*time.Second, fmt.Sprintf("the bot to handle update %d", upd), func() bool { return handled(upd) })
		return
	}
	f.waitHandedOut(t, msgID)
}

// waitHandedOut waits until the bot has been handed the update of message
// msgID, and then a little for it to act.
func (f *fakeAPI) waitHandedOut(t testing.TB, msgID int) {
	t.Helper()
	f.mu.Lock()
	upd := f.updateOf[msgID]
	f.mu.Unlock()
	waitFor(t, 10*time.Second, fmt.Sprintf("the bot to take update %d", upd), func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		_, ok := f.handedOut[upd]
		return ok
	})
	time.Sleep(300 * time.Millisecond)
}

// confirmedOffset is the highest offset the bot has polled with.
func (f *fakeAPI) confirmedOffset() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.offset
}

func (f *fakeAPI) update(msgID int) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.updateOf[msgID]
}

// sentTo is what the bot sent to chat, in order.
func (f *fakeAPI) sentTo(chat int64) []sentMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sentMessage
	for _, m := range f.sent {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// repliesTo is what the bot sent quoting message id.
func (f *fakeAPI) repliesTo(chat int64, msgID int) []sentMessage {
	var out []sentMessage
	for _, m := range f.sentTo(chat) {
		if m.ReplyTo == msgID {
			out = append(out, m)
		}
	}
	return out
}

func (f *fakeAPI) callCount(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// waitFor polls cond until it holds or timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitReply waits for the bot's first reply quoting message id.
func (f *fakeAPI) waitReply(t testing.TB, chat int64, msgID int) sentMessage {
	t.Helper()
	var got []sentMessage
	waitFor(t, 10*time.Second, fmt.Sprintf("a reply to message %d in chat %d", msgID, chat), func() bool {
		got = f.repliesTo(chat, msgID)
		return len(got) > 0
	})
	return got[0]
}

// sendMessageDraft shows a draft in a private chat, as Bot API 9.5+ does:
// a non-zero integer draft_id, 1-4096 characters of text.
func (f *fakeAPI) sendMessageDraft(w http.ResponseWriter, r *http.Request) {
	chat, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil {
		apiError(w, 400, "Bad Request: chat not found", nil)
		return
	}
	if chat < 0 {
		apiError(w, 400, "Bad Request: drafts can be sent only to private chats", nil)
		return
	}
	draft, err := strconv.ParseInt(r.FormValue("draft_id"), 10, 64)
	if err != nil || draft == 0 {
		apiError(w, 400, "Bad Request: invalid draft_id", nil)
		return
	}
	text := r.FormValue("text")
	plain := text
	if r.FormValue("parse_mode") == "HTML" {
		if plain, err = checkTelegramHTML(text); err != nil {
			apiError(w, 400, "Bad Request: can't parse entities: "+err.Error(), nil)
			return
		}
	}
	if n := len(utf16.Encode([]rune(plain))); strings.TrimSpace(plain) == "" || n > 4096 {
		f.mu.Lock()
		f.rejected = append(f.rejected, fmt.Sprintf("draft text of %d characters", n))
		f.mu.Unlock()
		apiError(w, 400, "Bad Request: text must be 1-4096 characters", nil)
		return
	}
	f.mu.Lock()
	f.drafts = append(f.drafts, sentDraft{ChatID: chat, DraftID: draft, Text: text, CanStop: r.FormValue("can_stop") == "true", At: time.Now()})
	f.mu.Unlock()
	ok(w, true)
}

func (f *fakeAPI) setMessageReaction(w http.ResponseWriter, r *http.Request) {
	chat, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	id, _ := strconv.Atoi(r.FormValue("message_id"))
	var rs []struct{ Type, Emoji string }
	if v := r.FormValue("reaction"); v != "" {
		if err := json.Unmarshal([]byte(v), &rs); err != nil {
			apiError(w, 400, "Bad Request: can't parse reaction types", nil)
			return
		}
	}
	if len(rs) > 1 {
		apiError(w, 400, "Bad Request: bots can set only one reaction", nil)
		return
	}
	sr := sentReaction{ChatID: chat, MessageID: id}
	for _, x := range rs {
		sr.Emoji = append(sr.Emoji, x.Emoji)
	}
	f.mu.Lock()
	f.reactions = append(f.reactions, sr)
	f.mu.Unlock()
	ok(w, true)
}

// answerInlineQuery takes the answer to a query handed out, once, within
// Telegram's 10 s, with at most 50 results of unique ids of 1-64 bytes.
func (f *fakeAPI) answerInlineQuery(w http.ResponseWriter, r *http.Request) {
	id := r.FormValue("inline_query_id")
	f.mu.Lock()
	q := f.inline[id]
	f.mu.Unlock()
	if q == nil || q.Answered || time.Since(q.At) > 10*time.Second {
		apiError(w, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid", nil)
		return
	}
	var results []inlineResult
	if err := json.Unmarshal([]byte(r.FormValue("results")), &results); err != nil {
		apiError(w, 400, "Bad Request: can't parse inline query results", nil)
		return
	}
	if len(results) > 50 {
		apiError(w, 400, "Bad Request: RESULTS_TOO_MUCH", nil)
		return
	}
	ids := map[string]bool{}
	for _, res := range results {
		if res.ID == "" || len(res.ID) > 64 || ids[res.ID] {
			apiError(w, 400, "Bad Request: RESULT_ID_INVALID", nil)
			return
		}
		ids[res.ID] = true
		if res.Type != "article" || res.Title == "" {
			apiError(w, 400, "Bad Request: RESULT_TYPE_INVALID", nil)
			return
		}
		plain := res.Content.MessageText
		if res.Content.ParseMode == "HTML" {
			p, err := checkTelegramHTML(plain)
			if err != nil {
				apiError(w, 400, "Bad Request: can't parse entities: "+err.Error(), nil)
				return
			}
			plain = p
		}
		if n := len(utf16.Encode([]rune(plain))); strings.TrimSpace(plain) == "" || n > 4096 {
			apiError(w, 400, "Bad Request: MESSAGE_TOO_LONG", nil)
			return
		}
	}
	f.mu.Lock()
	q.Answered, q.Results, q.Personal = true, results, r.FormValue("is_personal") == "true"
	f.mu.Unlock()
	ok(w, true)
}

// queue adds an update of the given kind.
func (f *fakeAPI) queue(kind string, v any) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	f.pending = append(f.pending, map[string]any{"update_id": f.nextUpdate, kind: v})
	close(f.wake)
	f.wake = make(chan struct{})
	return f.nextUpdate
}

func userJSON(u user) map[string]any {
	from := map[string]any{"id": u.ID, "is_bot": false, "first_name": u.Name}
	if u.Lang != "" {
		from["language_code"] = u.Lang
	}
	return from
}

// react queues u's reaction with emoji to message id in chat.
func (f *fakeAPI) react(u user, chat int64, id int, emoji string) int64 {
	return f.queue("message_reaction", map[string]any{
		"chat": map[string]any{"id": chat, "type": "private"}, "message_id": id, "user": userJSON(u),
		"date": time.Now().Unix(), "old_reaction": []any{}, "new_reaction": []any{map[string]any{"type": "emoji", "emoji": emoji}},
	})
}

// pressStop queues the press of a draft's Stop button.
func (f *fakeAPI) pressStop(chat, draftID int64) int64 {
	return f.queue("stopped_message_generation", map[string]any{
		"chat": map[string]any{"id": chat, "type": "private"}, "draft_id": draftID,
	})
}

// ask inline queues an inline query from u and returns its id.
func (f *fakeAPI) askInline(u user, query string) string {
	f.mu.Lock()
	id := fmt.Sprintf("iq%d", len(f.inline)+1)
	f.inline[id] = &inlineQuery{From: u.ID, At: time.Now()}
	f.mu.Unlock()
	f.queue("inline_query", map[string]any{"id": id, "from": userJSON(u), "query": query, "offset": "", "chat_type": "sender"})
	return id
}

// draftsTo is the drafts the bot showed in chat, in order.
func (f *fakeAPI) draftsTo(chat int64) []sentDraft {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sentDraft
	for _, d := range f.drafts {
		if d.ChatID == chat {
			out = append(out, d)
		}
	}
	return out
}
