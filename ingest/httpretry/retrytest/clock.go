// Package retrytest provides a clock for testing code that waits through
// httpretry, as net/http/httptest provides servers for HTTP code.
package retrytest

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
)

// Clock is an httpretry.Clock that notes every wait asked of it. It spends
// none of it, or, with Div > 0, a Div-th of it, so that code keeping a
// pace keeps it, Div times faster. It is safe for concurrent use.
type Clock struct {
	Div int

	mu    sync.Mutex
	waits []time.Duration
}

var _ httpretry.Clock = (*Clock)(nil)

// Now is the real time.
func (c *Clock) Now() time.Time { return time.Now() }

// Sleep notes d, spends what Div says, and returns ctx's error.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	if c.Div > 0 {
		return httpretry.Sleep(ctx, d/time.Duration(c.Div))
	}
	return ctx.Err()
}

// Waits returns the waits asked so far, in order.
func (c *Clock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}
