package httpretry

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Defaults of a Transport's limits.
const (
	DefaultMaxBackoff    = 30 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute // a server asking for longer is treated as down
	DefaultMaxBody       = 64 << 20        // 32 texts of 4096 float32s in JSON are ~3 MB
)

// ErrAttemptTimeout marks the failure of an attempt that ran out of its
// own time (Transport.Timeout), as opposed to the caller's.
var ErrAttemptTimeout = errors.New("attempt timed out")

// Transport is a RoundTripper for idempotent requests (embedding) that
// bounds each attempt by Timeout, its body included, and retries 429, 5xx
// but 501, timeouts and dropped connections, after the server's
// Retry-After or with Backoff, on go-retryablehttp. The response returned
// has its body read in full.
//
// Set its fields before the first request; it is then safe for concurrent
// use.
type Transport struct {
	Base          http.RoundTripper // a clone of http.DefaultTransport if nil
	Name          string            // the client, for logs
	Timeout       time.Duration     // per attempt; none if 0
	MaxRetries    int
	Backoff       time.Duration // the first backoff, doubled per retry
	MaxBackoff    time.Duration // DefaultMaxBackoff if 0
	MaxRetryAfter time.Duration // DefaultMaxRetryAfter if 0
	MaxBody       int64         // DefaultMaxBody if 0
	Clock         Clock         // System if nil
	Log           *slog.Logger  // slog.Default() if nil

	once  sync.Once
	inner *http.Client
}

// Attempt is the outcome of a request's last attempt.
type Attempt struct {
	N        int    // attempts made
	Status   int    // HTTP status, 0 if none came
	Message  string // the server's error message, if it gave one
	Err      error  // the transport's error, without the request's URL
	TimedOut bool   // the attempt ran out of its time
	GaveUp   string // why no retry followed a retryable failure
}

// AttemptLog holds what a Transport learnt about the last request made
// with a context carrying it: errors returned through a client such as
// langchaingo's say too little to tell a rejected key from a timeout.
type AttemptLog struct{ last[Attempt] }

type attemptLogKey struct{}

// WithAttemptLog returns a context whose requests a Transport reports on
// the returned log.
func WithAttemptLog(ctx context.Context) (context.Context, *AttemptLog) {
	l := &AttemptLog{}
	return context.WithValue(ctx, attemptLogKey{}, l), l
}

// Last is the last attempt of the last request.
func (l *AttemptLog) Last() Attempt { return l.get() }

func (l *AttemptLog) record(a Attempt) {
	if l != nil {
		l.set(a)
	}
}

func (t *Transport) init() {
	t.once.Do(func() {
		base := t.Base
		if base == nil {
			base = http.DefaultTransport
			if dt, ok := base.(*http.Transport); ok {
				base = dt.Clone() // its own connection pool, the same proxy settings
			}
		}
		t.inner = &http.Client{
			Transport: &attemptTransport{base: base, timeout: t.Timeout, maxBody: orDefault(t.MaxBody, DefaultMaxBody)},
			// Redirects are the outer client's to follow.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	})
}

func orDefault[T int64 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// RoundTrip sends req, retrying as described on Transport.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.init()
	rreq, err := retryablehttp.FromRequest(req)
	if err != nil {
		return nil, fmt.Errorf("preparing the request: %w", err)
	}
	// A client per request: go-retryablehttp's hooks get no context when no
	// response came, and this one's hooks share the request's state.
	r := &request{t: t, ctx: req.Context(), log: ctxLog(req.Context())}
	c := &retryablehttp.Client{
		HTTPClient:   t.inner,
		RetryMax:     max(t.MaxRetries, 0),
		CheckRetry:   r.check,
		Backoff:      r.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	resp, err := c.Do(rreq)
	if err != nil && r.slept != nil {
		// The wait was cut short by the caller: say so, not what the next
		// attempt, never made, would have said.
		return nil, r.slept
	}
	return resp, err
}

func ctxLog(ctx context.Context) *AttemptLog {
	l, _ := ctx.Value(attemptLogKey{}).(*AttemptLog)
	return l
}

// request is the retry state of one request.
type request struct {
	t     *Transport
	ctx   context.Context
	log   *AttemptLog
	n     int           // attempts made
	wait  time.Duration // decided by check for backoff
	slept error         // the caller's context ended during a wait
}

// check decides after each attempt whether to retry, and how long to wait
// first (go-retryablehttp asks for the wait separately, in backoff).
func (r *request) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	r.n++
	a := Attempt{N: r.n}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		a.Err = err
		a.TimedOut = errors.Is(err, ErrAttemptTimeout)
	} else {
		a.Status = resp.StatusCode
		if a.Status >= 400 {
			a.Message = ReadMessage(resp)
		}
	}

	retry := ctx.Err() == nil
	if err != nil {
		retry = retry && (a.TimedOut || Transient(err))
	} else {
		retry = retry && RetryableStatus(a.Status)
	}
	if retry {
		wait, fromServer := r.decideWait(resp)
		d, hasDeadline := ctx.Deadline()
		switch {
		case r.n > r.t.MaxRetries:
			retry = false
		case fromServer && wait > orDefault(r.t.MaxRetryAfter, DefaultMaxRetryAfter):
			a.GaveUp = "it asked to wait " + wait.String()
			retry = false
		case hasDeadline && d.Sub(r.clock().Now()) < wait:
			a.GaveUp = "the deadline comes before the wait of " + wait.Round(time.Millisecond).String() + " is over"
			retry = false
		}
		r.wait = wait
	}
	r.log.record(a)
	if !retry {
		return false, nil
	}
	what := slog.Int("status", a.Status)
	switch {
	case a.TimedOut:
		what = slog.String("error", "no answer within "+r.t.Timeout.String())
	case a.Err != nil:
		what = slog.String("error", a.Err.Error())
	}
	log := r.t.Log
	if log == nil {
		log = slog.Default()
	}
	log.Warn("request failed; retrying", "client", r.t.Name, what, "attempt", a.N, "wait", r.wait)
	return true, nil
}

func (r *request) clock() Clock {
	if r.t.Clock != nil {
		return r.t.Clock
	}
	return System
}

// decideWait is what the server's Retry-After says, else the backoff.
func (r *request) decideWait(resp *http.Response) (d time.Duration, fromServer bool) {
	if resp != nil {
		if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), r.clock().Now()); ok {
			return d, true
		}
	}
	return Backoff(r.t.Backoff, orDefault(r.t.MaxBackoff, DefaultMaxBackoff), r.n-1), false
}

// backoff waits on the Transport's clock and then tells go-retryablehttp,
// whose own wait is a bare timer, to wait no more: so tests can see the
// waits without spending them.
func (r *request) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	if err := r.clock().Sleep(r.ctx, r.wait); err != nil {
		r.slept = err
	}
	return 0
}

// RetryableStatus reports whether a status is worth another attempt: 429
// and the server errors, but 501, which will not change.
func RetryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500 && code != http.StatusNotImplemented
}

// Transient reports whether a transport error is worth another attempt: a
// timeout or a connection dropped midway. A refused connection or an
// unknown host fails at once, as waiting rarely fixes a wrong address.
func Transient(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// attemptTransport makes one attempt, bounded by timeout, body included.
type attemptTransport struct {
	base    http.RoundTripper
	timeout time.Duration
	maxBody int64
}

func (a *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if a.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
	}
	defer cancel()
	resp, err := a.base.RoundTrip(req.WithContext(ctx))
	if err == nil {
		var data []byte
		data, err = io.ReadAll(io.LimitReader(resp.Body, a.maxBody+1))
		resp.Body.Close()
		if err == nil && int64(len(data)) > a.maxBody {
			return nil, fmt.Errorf("response larger than %d MB", a.maxBody>>20)
		}
		resp.Body = io.NopCloser(bytes.NewReader(data))
		resp.ContentLength = int64(len(data))
	}
	if err != nil {
		// The attempt's own deadline, not the caller's: a timeout, whatever
		// shape the error from the depths of net/http has.
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && req.Context().Err() == nil {
			return nil, fmt.Errorf("%w: %w", ErrAttemptTimeout, err)
		}
		return nil, err
	}
	return resp, nil
}
