package httpretry_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
)

func TestTransportRetries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		answers   []func(w http.ResponseWriter)
		retries   int
		wantCalls int32
		wantCode  int
		wantWaits []time.Duration // checked when the waits come from the server
		wantLast  httpretry.Attempt
	}{
		{
			name: "429 with Retry-After, then success",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.Header().Set("Retry-After", "3")
					w.WriteHeader(429)
					fmt.Fprint(w, `{"error":{"message":"slow down"}}`)
				},
				func(w http.ResponseWriter) { fmt.Fprint(w, "ok") },
			},
			retries: 2, wantCalls: 2, wantCode: 200,
			wantWaits: []time.Duration{3 * time.Second},
			wantLast:  httpretry.Attempt{N: 2, Status: 200},
		},
		{
			name: "a wait too long is not sat out",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.Header().Set("Retry-After", "600")
					w.WriteHeader(503)
				},
			},
			retries: 3, wantCalls: 1, wantCode: 503,
			wantWaits: []time.Duration{},
			wantLast:  httpretry.Attempt{N: 1, Status: 503, GaveUp: "it asked to wait 10m0s"},
		},
		{
			name: "501 is final",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) { w.WriteHeader(501); fmt.Fprint(w, `{"error":"no embeddings here"}`) },
			},
			retries: 3, wantCalls: 1, wantCode: 501,
			wantWaits: []time.Duration{},
			wantLast:  httpretry.Attempt{N: 1, Status: 501, Message: "no embeddings here"},
		},
		{
			name: "5xx is retried, then given up",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) { w.WriteHeader(502); fmt.Fprint(w, "<html>bad gateway</html>") },
			},
			retries: 2, wantCalls: 3, wantCode: 502,
			wantLast: httpretry.Attempt{N: 3, Status: 502},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				if string(body) != "texts" {
					t.Errorf("attempt %d got body %q, want it resent whole", calls.Load()+1, body)
				}
				n := int(calls.Add(1)) - 1
				tc.answers[min(n, len(tc.answers)-1)](w)
			}))
			defer srv.Close()
			clock := &retrytest.Clock{}
			tr := &httpretry.Transport{Name: "test", Timeout: 5 * time.Second, MaxRetries: tc.retries, Backoff: 100 * time.Millisecond, Clock: clock}
			ctx, log := httpretry.WithAttemptLog(context.Background())
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader("texts"))
			resp, err := (&http.Client{Transport: tr}).Do(req)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantCode || calls.Load() != tc.wantCalls {
				t.Errorf("status %d after %d requests, want %d after %d", resp.StatusCode, calls.Load(), tc.wantCode, tc.wantCalls)
			}
			if tc.wantWaits != nil && fmt.Sprint(clock.Waits()) != fmt.Sprint(tc.wantWaits) {
				t.Errorf("waits %v, want %v", clock.Waits(), tc.wantWaits)
			}
			if len(clock.Waits()) != int(tc.wantCalls)-1 {
				t.Errorf("%d waits for %d requests", len(clock.Waits()), tc.wantCalls)
			}
			if got := log.Last(); got != tc.wantLast {
				t.Errorf("last attempt %+v, want %+v", got, tc.wantLast)
			}
		})
	}
}

func TestTransportAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select { // hang until the attempt gives up
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	defer close(release)
	clock := &retrytest.Clock{}
	tr := &httpretry.Transport{Timeout: 100 * time.Millisecond, MaxRetries: 1, Backoff: time.Second, Clock: clock}
	ctx, log := httpretry.WithAttemptLog(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "ok" || calls.Load() != 2 || len(clock.Waits()) != 1 {
		t.Errorf("body %q after %d requests and waits %v; want ok after 2 and one wait", body, calls.Load(), clock.Waits())
	}
	if w := clock.Waits()[0]; w < 500*time.Millisecond || w > time.Second {
		t.Errorf("backoff %s, want within [0.5s, 1s]", w)
	}
	if got := log.Last(); got.N != 2 || got.Status != 200 {
		t.Errorf("last attempt %+v", got)
	}
}

func TestTransportStopsWhenTheCallerDoes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	tr := &httpretry.Transport{MaxRetries: 5, Backoff: time.Hour, Clock: cancelClock{cancel}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := tr.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip = %v, want context.Canceled", err)
	}
}

// cancelClock cancels the caller's context when asked to wait.
type cancelClock struct{ cancel context.CancelFunc }

func (cancelClock) Now() time.Time { return time.Now() }
func (c cancelClock) Sleep(ctx context.Context, d time.Duration) error {
	c.cancel()
	return ctx.Err()
}

func TestObserver(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "4")
		w.WriteHeader(429)
		fmt.Fprint(w, `{"ok":false,"description":"Too Many Requests","message":"wait"}`)
	}))
	defer srv.Close()
	c := httpretry.Observe(&http.Client{Timeout: time.Minute})
	if c.Timeout != time.Minute {
		t.Errorf("the observed client lost its timeout")
	}
	ctx, ex := httpretry.WithExchange(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	got := ex.Last()
	if got.Status != 429 || got.RetryAfter != 4*time.Second || !got.HasRetryAfter || got.Message != "wait" || got.Err != nil {
		t.Errorf("seen %+v", got)
	}
	if !strings.Contains(string(body), "Too Many Requests") {
		t.Errorf("the client got %q, not the whole body", body)
	}

	// A network error is noted too.
	srv.Close()
	ctx, ex = httpretry.WithExchange(context.Background())
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := c.Do(req); err == nil || ex.Last().Err == nil || ex.Last().Status != 0 {
		t.Errorf("after a refused connection: %v, seen %+v", err, ex.Last())
	}
}
