package retrytest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestClock(t *testing.T) {
	c := &Clock{}
	start := time.Now()
	for _, d := range []time.Duration{time.Hour, time.Minute} {
		if err := c.Sleep(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if time.Since(start) > 10*time.Second || !slices.Equal(c.Waits(), []time.Duration{time.Hour, time.Minute}) {
		t.Errorf("waits %v after %s; want an hour and a minute noted, not spent", c.Waits(), time.Since(start))
	}

	fast := &Clock{Div: 10}
	start = time.Now()
	fast.Sleep(context.Background(), 200*time.Millisecond)
	if took := time.Since(start); took < 20*time.Millisecond {
		t.Errorf("Div 10 spent %s of 200ms, want at least 20ms", took)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := fast.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v", err)
	}
}
