package bot

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"
	"go.yaml.in/yaml/v3"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// FeedbackFile, in the store folder, holds the readers' 👍 and 👎 on
// answers, one JSON record a line.
const FeedbackFile = "feedback.jsonl"

// maxReplies bounds the answers remembered for feedback; the oldest is
// forgotten first. A reaction to an answer forgotten (or sent before a
// restart) is not recorded.
const maxReplies = 2_000

// sentAnswer is an answer the bot sent, kept so that a reaction to it can
// be recorded with its question and citations.
type sentAnswer struct {
	answer *answer.Answer
}

type replyKey struct {
	chat int64
	msg  int
}

// replies remembers which answer each of the bot's messages carried.
type replies struct {
	mu    sync.Mutex
	byMsg map[replyKey]sentAnswer
	order []replyKey
	// sending counts, per chat, the answers being worked out or sent: a
	// message of theirs is remembered only once it is sent, and a reader's
	// reaction may reach the bot before that (seen under load in tests).
	sending map[int64]int
}

func newReplies() *replies {
	return &replies{byMsg: map[replyKey]sentAnswer{}, sending: map[int64]int{}}
}

// begin notes an answer on its way to chat; end, when it is remembered
// (or given up).
func (r *replies) begin(chat int64) {
	r.mu.Lock()
	r.sending[chat]++
	r.mu.Unlock()
}

func (r *replies) end(chat int64) {
	r.mu.Lock()
	if r.sending[chat]--; r.sending[chat] <= 0 {
		delete(r.sending, chat)
	}
	r.mu.Unlock()
}

// replyWait bounds how long a reaction to a message not (yet) known waits
// for the answers on their way to its chat.
const replyWait = 10 * time.Second

// await is lookup, waiting while an answer to the chat is on its way and
// the message is not known yet, at most replyWait or until ctx ends.
func (r *replies) await(ctx context.Context, chat int64, id int) (sentAnswer, bool) {
	deadline := time.Now().Add(replyWait)
	for {
		a, ok := r.lookup(chat, id)
		r.mu.Lock()
		pending := r.sending[chat] > 0
		r.mu.Unlock()
		if ok || !pending || time.Now().After(deadline) {
			return a, ok
		}
		select {
		case <-ctx.Done():
			return a, ok
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (r *replies) remember(chat int64, ids []int, a sentAnswer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range ids {
		if id == 0 {
			continue
		}
		k := replyKey{chat, id}
		if _, ok := r.byMsg[k]; !ok {
			r.order = append(r.order, k)
		}
		r.byMsg[k] = a
	}
	for len(r.order) > maxReplies {
		delete(r.byMsg, r.order[0])
		r.order = r.order[1:]
	}
}

func (r *replies) lookup(chat int64, id int) (sentAnswer, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.byMsg[replyKey{chat, id}]
	return a, ok
}

// Feedback is one reader's reaction to an answer, as recorded. Nothing of
// the chat but the question and the answer is kept.
type Feedback struct {
	Time      time.Time         `json:"time"`
	UserID    int64             `json:"user_id"`
	ChatID    int64             `json:"chat_id"`
	MessageID int               `json:"message_id"`
	Reaction  string            `json:"reaction"` // "up" or "down"
	Question  string            `json:"question"`
	Answer    string            `json:"answer"`
	Mode      string            `json:"mode"`
	Refused   bool              `json:"refused"`
	Grounded  bool              `json:"grounded"`
	Citations []answer.Citation `json:"citations"`
}

// feedbackLog appends feedback records to the file in the store folder.
type feedbackLog struct {
	path string
	mu   sync.Mutex
}

func newFeedbackLog(dir string) *feedbackLog {
	if dir == "" {
		return &feedbackLog{}
	}
	return &feedbackLog{path: filepath.Join(dir, FeedbackFile)}
}

func (f *feedbackLog) add(fb Feedback) error {
	if f.path == "" {
		return fmt.Errorf("no store folder to record feedback in")
	}
	line, err := json.Marshal(fb)
	if err != nil {
		return fmt.Errorf("recording feedback: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	file, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("recording feedback: %w", err)
	}
	_, err = file.Write(append(line, '\n'))
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("recording feedback: %w", err)
	}
	return nil
}

// reactionOf reads 👍 or 👎 among a reaction's emoji.
func reactionOf(rs []models.ReactionType) string {
	for _, r := range rs {
		if r.Type != models.ReactionTypeTypeEmoji || r.ReactionTypeEmoji == nil {
			continue
		}
		switch r.ReactionTypeEmoji.Emoji {
		case "👎":
			return "down"
		case "👍":
			return "up"
		}
	}
	return ""
}

// onReaction records an allowed reader's 👍 or 👎 on one of the bot's
// answers.
func (b *Bot) onReaction(updateID int64, r *models.MessageReactionUpdated) {
	log := b.log.With("update_id", updateID, "chat_id", r.Chat.ID, "message_id", r.MessageID)
	if r.User == nil || r.User.IsBot {
		log.Debug("anonymous reaction ignored")
		return
	}
	if !b.access.allows(r.User.ID, r.Chat.ID) {
		log.Debug("reaction of an outsider ignored", "user_id", r.User.ID)
		return
	}
	kind := reactionOf(r.NewReaction)
	if kind == "" {
		log.Debug("reaction ignored: neither 👍 nor 👎")
		return
	}
	sent, ok := b.replies.await(b.workCtx, r.Chat.ID, r.MessageID)
	if !ok {
		log.Info("reaction to a message not known as an answer; not recorded", "user_id", r.User.ID)
		return
	}
	a := sent.answer
	fb := Feedback{
		Time: time.Now().UTC(), UserID: r.User.ID, ChatID: r.Chat.ID, MessageID: r.MessageID, Reaction: kind,
		Question: a.Question, Answer: a.Answer, Mode: a.Mode, Refused: a.Refused, Grounded: a.Grounded, Citations: a.Citations,
	}
	if err := b.fb.add(fb); err != nil {
		log.Error("feedback not recorded", "err", err)
		return
	}
	log.Info("feedback recorded", "user_id", r.User.ID, "reaction", kind)
}

// ExportOptions select the feedback to export.
type ExportOptions struct {
	Since    time.Time // records before it are left out; zero for all
	OnlyDown bool      // only 👎
}

// ExportFeedback reads feedback records from r and writes them to w as
// YAML fixture drafts in the format of `heraldqa eval`: the question, and
// the answer given as comments, with the expectations left for a person to
// fill in. Each case is marked `draft: true`, which eval refuses until
// someone completes the case and deletes the mark. A reader's latest
// reaction to an answer is the one that counts. It returns how many cases
// it wrote and how many lines it could not read.
func ExportFeedback(r io.Reader, w io.Writer, opt ExportOptions) (cases, bad int, err error) {
	type key struct {
		chat int64
		msg  int
		user int64
	}
	latest := map[key]int{}
	var recs []Feedback
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var fb Feedback
		if err := json.Unmarshal([]byte(line), &fb); err != nil || fb.Question == "" || (fb.Reaction != "up" && fb.Reaction != "down") {
			bad++
			continue
		}
		k := key{fb.ChatID, fb.MessageID, fb.UserID}
		if i, ok := latest[k]; ok {
			recs[i] = fb
			continue
		}
		latest[k] = len(recs)
		recs = append(recs, fb)
	}
	if err := sc.Err(); err != nil {
		return 0, bad, fmt.Errorf("reading feedback: %w", err)
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, HeadComment: exportHeader}
	ids := map[string]int{}
	for _, fb := range recs {
		if fb.Time.Before(opt.Since) || (opt.OnlyDown && fb.Reaction != "down") {
			continue
		}
		id := draftID(fb)
		ids[id]++
		if n := ids[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
		}
		list.Content = append(list.Content, draftCase(id, fb))
	}
	if len(list.Content) == 0 {
		return 0, bad, nil
	}
	var buf strings.Builder
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		return 0, bad, fmt.Errorf("writing fixture drafts: %w", err)
	}
	if err := enc.Close(); err != nil {
		return 0, bad, fmt.Errorf("writing fixture drafts: %w", err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	if _, err := io.WriteString(w, out); err != nil {
		return 0, bad, fmt.Errorf("writing fixture drafts: %w", err)
	}
	return len(list.Content), bad, nil
}

const exportHeader = `Fixture drafts from readers' reactions (heraldqa feedback export).
For each case: read the answer given (in the comments), check the archive,
fill in expect (contains_any, cites, refused: see testdata/fixtures), then
delete the line "draft: true". heraldqa eval refuses a file holding a draft.`

// draftID names a draft after its date and question, stably.
func draftID(fb Feedback) string {
	sum := sha256.Sum256([]byte(fb.Question))
	return fmt.Sprintf("feedback-%s-%s", fb.Time.UTC().Format("20060102"), hex.EncodeToString(sum[:4]))
}

// commentSafe keeps text from the answer on its comment line: any control
// or line-breaking character (which YAML would take as the comment's end)
// becomes a space.
func commentSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

func emptyList(comment string) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, LineComment: comment}
}

// draftCase is one fixture case to complete.
func draftCase(id string, fb Feedback) *yaml.Node {
	emoji := "👍"
	if fb.Reaction == "down" {
		emoji = "👎"
	}
	var about strings.Builder
	fmt.Fprintf(&about, "%s from user %d on %s; the answer given (%s", emoji, fb.UserID, fb.Time.UTC().Format(time.RFC3339), fb.Mode)
	switch {
	case fb.Refused:
		about.WriteString(", refused")
	case !fb.Grounded:
		about.WriteString(", not grounded")
	}
	about.WriteString("):\n")
	for _, line := range strings.Split(strings.TrimSpace(fb.Answer), "\n") {
		about.WriteString("  " + commentSafe(line) + "\n")
	}
	for _, c := range fb.Citations {
		fmt.Fprintf(&about, "[%d] %s\n", c.N, commentSafe(c.Ref))
	}
	expect := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalar("contains_any"), emptyList("words the right answer contains"),
		scalar("cites"), emptyList("e.g. {total_issue: 2640, page: 1}"),
		scalar("refused"), {Kind: yaml.ScalarNode, Tag: "!!null", Value: "null", LineComment: "true when the archive holds no answer"},
	}}
	draft := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true", LineComment: "delete once expect is filled in"}
	question := scalar(fb.Question)
	question.Style = yaml.DoubleQuotedStyle
	expectKey := scalar("expect")
	expectKey.HeadComment = strings.TrimRight(about.String(), "\n")
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalar("id"), scalar(id),
		scalar("draft"), draft,
		scalar("question"), question,
		expectKey, expect,
	}}
}
