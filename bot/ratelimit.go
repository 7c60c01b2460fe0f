package bot

import (
	"sync"
	"time"
)

// maxBuckets is how many users the limiter tracks before it forgets those
// who have been quiet long enough to be back at a full bucket.
const maxBuckets = 10_000

// verdict is what the limiter says about one request.
type verdict int

const (
	allow    verdict = iota
	slowDown         // refuse, and tell the user to slow down
	drop             // refuse silently: the user was told already
)

// limiter gives every user a token bucket: burst requests at once, then
// one every interval. A refused user is told to slow down at most once per
// window, so a flood of messages gets one reply, not one each.
type limiter struct {
	burst    float64
	interval time.Duration
	window   time.Duration

	mu    sync.Mutex
	users map[int64]*bucket
	now   func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last brought up to date
	warned time.Time // when the user was last told to slow down
}

// newLimiter allows perMinute requests a minute to each user, all of them
// at once if they come together.
func newLimiter(perMinute int) *limiter {
	return &limiter{
		burst:    float64(perMinute),
		interval: time.Minute / time.Duration(perMinute),
		window:   time.Minute,
		users:    map[int64]*bucket{},
		now:      time.Now,
	}
}

func (l *limiter) check(user int64) verdict {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.users[user]
	if !ok {
		if len(l.users) >= maxBuckets {
			l.forget(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.users[user] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.interval))
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return allow
	}
	if now.Sub(b.warned) < l.window {
		return drop
	}
	b.warned = now
	return slowDown
}

// forget drops the users whose buckets have refilled and who were not
// warned within the window: to them a new bucket is the same.
func (l *limiter) forget(now time.Time) {
	full := time.Duration(l.burst) * l.interval
	for id, b := range l.users {
		if now.Sub(b.at) >= full && now.Sub(b.warned) >= l.window {
			delete(l.users, id)
		}
	}
}
