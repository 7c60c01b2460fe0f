package httpretry

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"
)

// Exchange is what the HTTP layer saw of the last request made with a
// context carrying it. Clients such as langchaingo's and go-telegram/bot's
// fold a failed answer into an error string, with the status, Retry-After
// and the server's message gone or hard to read; an Observer under them
// notes these here, where the code deciding on a retry can read them.
type Exchange struct{ last[Seen] }

// Seen is one response, or the network error in its place.
type Seen struct {
	Status        int           // HTTP status, 0 if none came
	RetryAfter    time.Duration // the server's Retry-After, if HasRetryAfter
	HasRetryAfter bool
	Message       string // the server's error message, for a status >= 400
	Err           error  // the transport's error
}

type exchangeKey struct{}

// WithExchange returns a context whose requests an Observer notes on the
// returned Exchange.
func WithExchange(ctx context.Context) (context.Context, *Exchange) {
	e := &Exchange{}
	return context.WithValue(ctx, exchangeKey{}, e), e
}

// ExchangeOf returns the Exchange ctx carries, or nil.
func ExchangeOf(ctx context.Context) *Exchange {
	e, _ := ctx.Value(exchangeKey{}).(*Exchange)
	return e
}

// Last returns what was seen of the last request; the zero Seen if none.
func (e *Exchange) Last() Seen {
	if e == nil {
		return Seen{}
	}
	return e.get()
}

func (e *Exchange) record(s Seen) {
	if e != nil {
		e.set(s)
	}
}

// last is a value set by one goroutine and read by another.
type last[T any] struct {
	mu sync.Mutex
	v  T
}

func (l *last[T]) get() T {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.v
}

func (l *last[T]) set(v T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.v = v
}

// Observer is a RoundTripper noting each response on the Exchange of its
// request's context (see WithExchange). It retries nothing.
type Observer struct {
	Base  http.RoundTripper // http.DefaultTransport if nil
	Clock Clock             // for Retry-After dates; System if nil
	// Body, if set, wraps the body of each answer below 400, e.g. to watch
	// a stream for its end.
	Body func(ctx context.Context, body io.ReadCloser) io.ReadCloser
}

// Observe returns a copy of c (its timeout, redirects and cookies) whose
// transport is an Observer over c's. A nil c stands for a zero client.
func Observe(c *http.Client) *http.Client {
	return ObserveWith(c, &Observer{})
}

// ObserveWith is Observe with o's settings; o.Base is set to c's transport.
func ObserveWith(c *http.Client, o *Observer) *http.Client {
	var out http.Client
	if c != nil {
		out = *c
	}
	o.Base = out.Transport
	out.Transport = o
	return &out
}

// RoundTrip sends req through the base transport and notes the outcome.
func (o *Observer) RoundTrip(req *http.Request) (*http.Response, error) {
	base := o.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	ctx := req.Context()
	ex := ExchangeOf(ctx)
	if err != nil {
		ex.record(Seen{Err: err})
		return resp, err
	}
	s := Seen{Status: resp.StatusCode}
	if resp.StatusCode >= 400 {
		clock := o.Clock
		if clock == nil {
			clock = System
		}
		s.RetryAfter, s.HasRetryAfter = ParseRetryAfter(resp.Header.Get("Retry-After"), clock.Now())
		if ex != nil {
			s.Message = ReadMessage(resp)
		}
	} else if o.Body != nil {
		resp.Body = o.Body(ctx, resp.Body)
	}
	ex.record(s)
	return resp, nil
}
