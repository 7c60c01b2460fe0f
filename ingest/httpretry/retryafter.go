package httpretry

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ParseRetryAfter reads a Retry-After header: whole seconds, or an HTTP
// date. A date is counted from now and rounded up to the whole second, as
// the header has no finer grain and a retry a moment early is turned away
// again; a date in the past means at once (0, true). ok is false for a
// missing, negative or unreadable value.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	when, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d = when.Sub(now)
	if d <= 0 {
		return 0, true
	}
	if r := d % time.Second; r != 0 {
		d += time.Second - r
	}
	return d, true
}

// Backoff is the wait before retry n (from 0): first, doubled per retry up
// to limit, of which the upper half is random so that many clients turned
// away together do not come back together.
func Backoff(first, limit time.Duration, n int) time.Duration {
	d := max(first, 0)
	for range n {
		if d >= limit {
			break
		}
		d *= 2
	}
	d = min(d, limit)
	half := d / 2
	return half + rand.N(half+1)
}
