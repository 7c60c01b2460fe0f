package bot

import (
	"sync"
	"time"
)

// maxRefused bounds how many outsiders are remembered. Past it, outsiders
// are not answered at all, so that many fake accounts cannot grow memory or
// make the bot send many refusals.
const maxRefused = 10_000

// access decides who may ask: users on the user list anywhere, anyone in
// a chat on the chat list, or everyone when the bot is public.
type access struct {
	users  map[int64]bool
	chats  map[int64]bool
	public bool

	every   time.Duration // an outsider's chat is refused at most once per
	mu      sync.Mutex
	refused map[int64]time.Time // chat → when it was last refused
	now     func() time.Time
}

func newAccess(users, chats []int64, public bool, every time.Duration) *access {
	a := &access{users: map[int64]bool{}, chats: map[int64]bool{}, every: every, refused: map[int64]time.Time{}, now: time.Now}
	for _, u := range users {
		a.users[u] = true
	}
	for _, c := range chats {
		a.chats[c] = true
	}
	// Public opens the bot only when no list restricts it.
	a.public = public && len(users) == 0 && len(chats) == 0
	return a
}

// allows reports whether user may ask in chat.
func (a *access) allows(user, chat int64) bool {
	return a.public || a.users[user] || a.chats[chat]
}

// shouldRefuse reports whether an outsider's chat is due its one polite
// refusal: the first time, and again only once every a.every.
func (a *access) shouldRefuse(chat int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if last, ok := a.refused[chat]; ok && now.Sub(last) < a.every {
		return false
	}
	if len(a.refused) >= maxRefused {
		for c, t := range a.refused {
			if now.Sub(t) >= a.every {
				delete(a.refused, c)
			}
		}
		if len(a.refused) >= maxRefused {
			return false
		}
	}
	a.refused[chat] = now
	return true
}
