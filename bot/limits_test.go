package bot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// clock is a settable time for the limiter and access tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestLimiter(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(5) // 5 at once, then one every 12 s
	l.now = c.now
	steps := []struct {
		after time.Duration
		user  int64
		want  verdict
		wait  time.Duration // stated with slowDown
	}{
		{0, 1, allow, 0}, {0, 1, allow, 0}, {0, 1, allow, 0}, {0, 1, allow, 0}, {0, 1, allow, 0},
		{0, 1, slowDown, 12 * time.Second},         // the sixth at once: told when to ask
		{0, 1, drop, 0}, {time.Second, 1, drop, 0}, // the rest of the flood: silence
		{0, 2, allow, 0},                   // another user has their own bucket
		{10 * time.Second, 1, drop, 0},     // 11 s: not yet
		{time.Second, 1, allow, 0},         // 12 s after the burst, as stated, a token is back
		{0, 1, slowDown, 12 * time.Second}, // and spent: told again, with the new wait
		{500 * time.Millisecond, 1, drop, 0},
		{48 * time.Second, 1, allow, 0}, // 60 s after the burst: four tokens
		{0, 1, allow, 0}, {0, 1, allow, 0}, {0, 1, allow, 0},
		{0, 1, slowDown, 12 * time.Second},
		{10 * time.Minute, 1, allow, 0},
	}
	for i, s := range steps {
		c.advance(s.after)
		got, wait := l.check(s.user)
		if got != s.want {
			t.Fatalf("step %d (user %d, +%s): %v, want %v", i, s.user, s.after, got, s.want)
		}
		if s.want == slowDown && wait != s.wait {
			t.Errorf("step %d: told to wait %s, want %s", i, wait, s.wait)
		}
	}
}

func TestLimiterForgetsQuietUsers(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(5)
	l.now = c.now
	for id := range int64(maxBuckets) {
		l.check(id)
	}
	c.advance(2 * time.Minute)
	l.check(-1) // over the bound: quiet users are forgotten
	if n := len(l.users); n != 1 {
		t.Errorf("%d users tracked after all went quiet, want 1", n)
	}
}

func TestAccess(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		users, chats []int64
		public       bool
		user, chat   int64
		want         bool
	}{
		{"listed user, private", []int64{1}, nil, false, 1, 1, true},
		{"listed user, any group", []int64{1}, nil, false, 1, -100, true},
		{"unlisted user", []int64{1}, nil, false, 2, 2, false},
		{"anyone in a listed chat", nil, []int64{-100}, false, 9, -100, true},
		{"listed chat, but a private chat", nil, []int64{-100}, false, 9, 9, false},
		{"public, no lists", nil, nil, true, 9, 9, true},
		{"public with a list: the list applies", []int64{1}, nil, true, 9, 9, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newAccess(tc.users, tc.chats, tc.public, time.Hour)
			if got := a.allows(tc.user, tc.chat); got != tc.want {
				t.Errorf("allows(%d, %d) = %v, want %v", tc.user, tc.chat, got, tc.want)
			}
		})
	}
}

func TestRefuseOncePerPeriod(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	a := newAccess([]int64{1}, nil, false, time.Hour)
	a.now = c.now
	steps := []struct {
		after time.Duration
		chat  int64
		want  bool
	}{
		{0, 66, true}, {0, 66, false}, {59 * time.Minute, 66, false},
		{0, 67, true},
		{time.Minute, 66, true},
	}
	for i, s := range steps {
		c.advance(s.after)
		if got := a.shouldRefuse(s.chat); got != s.want {
			t.Errorf("step %d: shouldRefuse(%d) = %v, want %v", i, s.chat, got, s.want)
		}
	}
}

func TestPool(t *testing.T) {
	t.Parallel()
	p := newPool(1, 1)
	started := make(chan struct{})
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.do(context.Background(), func() { close(started); <-release })
	}()
	<-started
	ran := make(chan struct{})
	go func() {
		defer wg.Done()
		p.do(context.Background(), func() { close(ran) }) // queued
	}()
	// Wait until the second holds the queue's place.
	for len(p.admit) < 2 {
		time.Sleep(time.Millisecond)
	}
	if err := p.do(context.Background(), func() { t.Error("ran past a full queue") }); !errors.Is(err, errBusy) {
		t.Errorf("third question: %v, want errBusy", err)
	}
	close(release)
	<-ran
	wg.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p2 := newPool(1, 1)
	p2.slots <- struct{}{} // the one worker busy
	if err := p2.do(ctx, func() {}); !errors.Is(err, context.Canceled) {
		t.Errorf("waiting with a cancelled context: %v", err)
	}
}
