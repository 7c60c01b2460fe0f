package embed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Retries live here, in the HTTP transport under langchaingo's clients,
// rather than around the clients' calls: langchaingo turns a failed request
// into a string ("API returned unexpected status code: 429: …") with the
// status, the headers and Retry-After gone, and its Ollama client sends one
// request per text, so retrying its call would repeat every text before
// the failed one. Here each request is retried on its own, with everything
// the server said at hand.

const (
	maxBackoff    = 30 * time.Second
	maxRetryAfter = 2 * time.Minute // a server asking for longer is treated as down
	maxBody       = 64 << 20        // 32 texts of 4096 float32s in JSON are ~3 MB
)

// retryTransport bounds each attempt of a request by timeout and retries
// 429, 5xx (but 501), timeouts and dropped connections with exponential
// backoff and jitter, or after the server's Retry-After. Embedding is
// idempotent, so resending a request the server may have seen is safe.
type retryTransport struct {
	base       http.RoundTripper
	name       string // the embedder, for logs
	timeout    time.Duration
	maxRetries int
	backoff    time.Duration
	// sleep waits d or until ctx is done; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

func newRetryTransport(name string, cfg Config) *retryTransport {
	var base http.RoundTripper = http.DefaultTransport
	if t, ok := base.(*http.Transport); ok {
		base = t.Clone() // its own connection pool, the same proxy settings
	}
	return &retryTransport{
		base:       base,
		name:       name,
		timeout:    cfg.Timeout,
		maxRetries: max(cfg.MaxRetries, 0),
		backoff:    cfg.Backoff,
		sleep:      sleepCtx,
	}
}

// attemptLog is what the transport learnt about the last request made
// with a context carrying it: the errors langchaingo returns say too little
// to tell a rejected key from a timeout.
type attemptLog struct {
	mu sync.Mutex
	attempt
}

// attempt is the outcome of a request's last attempt.
type attempt struct {
	n        int    // attempts made
	status   int    // HTTP status, 0 if none came
	message  string // the server's error message, if it gave one
	err      error  // the transport's error
	timedOut bool   // the attempt ran out of time
	gaveUp   string // why no retry followed a retryable failure
}

type attemptLogKey struct{}

func withAttemptLog(ctx context.Context) (context.Context, *attemptLog) {
	l := &attemptLog{}
	return context.WithValue(ctx, attemptLogKey{}, l), l
}

func (l *attemptLog) record(a attempt) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.attempt = a
}

func (l *attemptLog) last() attempt {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.attempt
}

// RoundTrip sends req, retrying as described on retryTransport. The
// response returned has its body read in full, so the timeout covers it.
func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	log, _ := ctx.Value(attemptLogKey{}).(*attemptLog)
	for n := 0; ; n++ {
		resp, timedOut, err := t.try(req, n)
		a := attempt{n: n + 1, err: err, timedOut: timedOut}
		if resp != nil {
			a.status = resp.StatusCode
			if a.status >= 400 {
				a.message = serverMessage(resp)
			}
		}

		retry := ctx.Err() == nil && (req.Body == nil || req.GetBody != nil)
		switch {
		case err != nil:
			retry = retry && (timedOut || transient(err))
		default:
			retry = retry && retryableStatus(a.status)
		}
		var wait time.Duration
		if retry {
			var fromServer bool
			wait, fromServer = t.wait(resp, n)
			d, hasDeadline := ctx.Deadline()
			switch {
			case n >= t.maxRetries:
				retry = false
			case fromServer && wait > maxRetryAfter:
				a.gaveUp = "it asked to wait " + wait.String()
				retry = false
			case hasDeadline && time.Until(d) < wait:
				a.gaveUp = "the deadline comes before the wait of " + wait.Round(time.Millisecond).String() + " is over"
				retry = false
			}
		}
		log.record(a)
		if !retry {
			return resp, err
		}

		what := slog.Int("status", a.status)
		switch {
		case timedOut:
			what = slog.String("error", "no answer within "+t.timeout.String())
		case err != nil:
			what = slog.String("error", err.Error())
		}
		slog.Warn("embedding request failed; retrying", "embedder", t.name, what, "attempt", n+1, "wait", wait)
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// serverMessage returns the message of an error answer: the "error" or
// "message" of a JSON body (OpenAI, Ollama, most others), else its first
// line, clipped. The body is left to be read again.
func serverMessage(resp *http.Response) string {
	data, err := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	var body struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(data, &body) == nil {
		var nested struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(body.Error, &s) == nil && s != "":
			return clip(s, 300)
		case json.Unmarshal(body.Error, &nested) == nil && nested.Message != "":
			return clip(nested.Message, 300)
		case body.Message != "":
			return clip(body.Message, 300)
		}
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(data)), "\n")
	return clip(strings.TrimSpace(line), 300)
}

// try makes one attempt, bounded by the timeout, body included.
func (t *retryTransport) try(req *http.Request, n int) (resp *http.Response, timedOut bool, err error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	defer cancel()
	r := req.Clone(ctx)
	if n > 0 && req.GetBody != nil {
		if r.Body, err = req.GetBody(); err != nil {
			return nil, false, fmt.Errorf("rewinding request body: %w", err)
		}
	}
	resp, err = t.base.RoundTrip(r)
	if err == nil {
		var data []byte
		data, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		resp.Body.Close()
		if err == nil && len(data) > maxBody {
			return nil, false, fmt.Errorf("response larger than %d MB", maxBody>>20)
		}
		resp.Body = io.NopCloser(bytes.NewReader(data))
		resp.ContentLength = int64(len(data))
	}
	if err != nil {
		// The attempt's own deadline, not the caller's: a timeout, whatever
		// shape the error from the depths of net/http has.
		timedOut = errors.Is(ctx.Err(), context.DeadlineExceeded) && req.Context().Err() == nil
		return nil, timedOut, err
	}
	return resp, false, nil
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500 && code != http.StatusNotImplemented
}

// transient reports whether a transport error is worth another attempt: a
// timeout or a connection dropped midway. A refused connection or an
// unknown host fails at once, as waiting rarely fixes a wrong address.
func transient(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// wait is how long to wait before retrying after attempt n (from 0): what
// the server's Retry-After says, else the backoff doubled per attempt, capped,
// with half of it random so that many clients do not retry in step.
func (t *retryTransport) wait(resp *http.Response, n int) (d time.Duration, fromServer bool) {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d, true
		}
	}
	d = t.backoff
	for range n {
		d *= 2
		if d >= maxBackoff {
			d = maxBackoff
			break
		}
	}
	half := d / 2
	return half + rand.N(half+1), false
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
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
	return max(when.Sub(now), 0), true
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
