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
// one every interval. A refused user is told once when they may ask
// again, and refused silently until then, so a flood of messages gets one
// reply, not one each; a question asked after the wait stated is answered.
type limiter struct {
	burst    float64
	interval time.Duration

	mu    sync.Mutex
	users map[int64]*bucket
	now   func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was last brought up to date
	quiet  time.Time // refused silently until then: the user was told to wait
}

// newLimiter allows perMinute requests a minute to each user, all of them
// at once if they come together.
func newLimiter(perMinute int) *limiter {
	return &limiter{
		burst:    float64(perMinute),
		interval: time.Minute / time.Duration(perMinute),
		users:    map[int64]*bucket{},
		now:      time.Now,
	}
}

// check says whether user may ask now and, when not, how long until
// they may.
func (l *limiter) check(user int64) (verdict, time.Duration) {
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
		return allow, 0
	}
	// Rounded up to the second: asked again after the wait stated, a
	// question finds a whole token.
	wait := time.Duration((1 - b.tokens) * float64(l.interval))
	wait = (wait + time.Second - 1).Truncate(time.Second)
	if now.Before(b.quiet) {
		return drop, wait
	}
	b.quiet = now.Add(wait)
	return slowDown, wait
}

// forget drops the users whose buckets have refilled: to them a new
// bucket is the same.
func (l *limiter) forget(now time.Time) {
	full := time.Duration(l.burst) * l.interval
	for id, b := range l.users {
		if now.Sub(b.at) >= full && !now.Before(b.quiet) {
			delete(l.users, id)
		}
	}
}
