package bot

import (
	"sync"
	"time"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// maxConversations bounds the conversations remembered; the oldest is
// forgotten first. An answer with its sources is a few kilobytes.
const maxConversations = 2_000

// convKey is one user's conversation in one chat: in a group, each member
// follows up on their own questions.
type convKey struct{ chat, user int64 }

// turn is the last question of a conversation, understood, and its answer.
type turn struct {
	query  *retrieve.Query
	answer *answer.Answer
	at     time.Time
}

// memory keeps each conversation's last turn for ttl, so that a follow-up
// (那第41期呢？) borrows the previous question's subject and /sources can
// list the last answer's sources.
type memory struct {
	ttl time.Duration

	mu    sync.Mutex
	turns map[convKey]turn
	now   func() time.Time
}

func newMemory(ttl time.Duration) *memory {
	return &memory{ttl: ttl, turns: map[convKey]turn{}, now: time.Now}
}

// last is the conversation's last turn, if it is recent.
func (m *memory) last(k convKey) (turn, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.turns[k]
	if !ok || m.now().Sub(t.at) > m.ttl {
		return turn{}, false
	}
	return t, true
}

func (m *memory) remember(k convKey, q *retrieve.Query, a *answer.Answer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	if _, ok := m.turns[k]; !ok && len(m.turns) >= maxConversations {
		var oldest convKey
		var oldestAt time.Time
		for key, t := range m.turns {
			if now.Sub(t.at) > m.ttl {
				delete(m.turns, key)
				continue
			}
			if oldestAt.IsZero() || t.at.Before(oldestAt) {
				oldest, oldestAt = key, t.at
			}
		}
		if len(m.turns) >= maxConversations {
			delete(m.turns, oldest)
		}
	}
	m.turns[k] = turn{query: q, answer: a, at: now}
}
