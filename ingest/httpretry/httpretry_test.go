package httpretry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 11, 24, 8, 0, 0, 0, time.UTC)
	late := now.Add(400 * time.Millisecond) // the header's date has whole seconds only
	tests := []struct {
		in   string
		now  time.Time
		want time.Duration
		ok   bool
	}{
		{"5", now, 5 * time.Second, true},
		{" 7 ", now, 7 * time.Second, true},
		{"0", now, 0, true},
		{"120", now, 2 * time.Minute, true},
		{"Mon, 24 Nov 2025 08:00:30 GMT", now, 30 * time.Second, true},
		{"Mon, 24 Nov 2025 08:00:30 GMT", late, 30 * time.Second, true}, // 29.6 s rounds up, never early
		{"Mon, 24 Nov 2025 07:59:00 GMT", now, 0, true},                 // in the past: at once
		{"", now, 0, false},
		{"-1", now, 0, false},
		{"-3", now, 0, false},
		{"soon", now, 0, false},
		{"1.5", now, 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, tt.now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	for _, tt := range []struct {
		first, limit time.Duration
		n            int
		lo, hi       time.Duration
	}{
		{time.Second, 30 * time.Second, 0, 500 * time.Millisecond, time.Second},
		{time.Second, 30 * time.Second, 1, time.Second, 2 * time.Second},
		{time.Second, 30 * time.Second, 3, 4 * time.Second, 8 * time.Second},
		{time.Second, 30 * time.Second, 10, 15 * time.Second, 30 * time.Second}, // capped
		{0, time.Second, 2, 0, 0},
	} {
		for range 20 {
			if d := Backoff(tt.first, tt.limit, tt.n); d < tt.lo || d > tt.hi {
				t.Errorf("Backoff(%s, %s, %d) = %s, want within [%s, %s]", tt.first, tt.limit, tt.n, d, tt.lo, tt.hi)
			}
		}
	}
}

func TestServerMessage(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"error":{"message":"Rate limit reached","type":"requests"}}`, "Rate limit reached"}, // OpenAI
		{`{"error":"model not found"}`, "model not found"},                                     // Ollama
		{`{"message":"Throttling","code":"Throttling.RateQuota"}`, "Throttling"},               // DashScope-like
		{`{"detail":"Not authenticated"}`, "Not authenticated"},                                // FastAPI servers
		{`{"detail":[{"loc":["body"]}]}`, ""},
		{"<html>\n<body>502 Bad Gateway</body>", ""}, // a proxy's page says nothing the status does not
		{"upstream timed out\n", "upstream timed out"},
		{"line one\n  line two", "line one line two"},
		{"", ""},
		{"\xff\xfe", ""},
		{strings.Repeat("长", 400), strings.Repeat("长", 300) + "…"},
	}
	for _, tt := range tests {
		if got := ServerMessage([]byte(tt.body)); got != tt.want {
			t.Errorf("ServerMessage(%.30q) = %q, want %q", tt.body, got, tt.want)
		}
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(tt.body))}
		if got := ReadMessage(resp); got != tt.want {
			t.Errorf("ReadMessage(%.30q) = %q, want %q", tt.body, got, tt.want)
		}
		// The body can still be read by the client.
		if rest, _ := io.ReadAll(resp.Body); string(rest) != tt.body {
			t.Errorf("body after ReadMessage = %.30q, want it unchanged", rest)
		}
	}
	// A long body: the message comes from its head, the client gets it all.
	long := "upstream failed: " + strings.Repeat("x", 3*messageHead)
	resp := &http.Response{Body: io.NopCloser(strings.NewReader(long))}
	if got := ReadMessage(resp); !strings.HasPrefix(got, "upstream failed: xxx") || !strings.HasSuffix(got, "…") {
		t.Errorf("ReadMessage of a long body = %.40q…, want its clipped head", got)
	}
	if rest, _ := io.ReadAll(resp.Body); string(rest) != long {
		t.Errorf("body after ReadMessage is %d bytes, want %d", len(rest), len(long))
	}
}

const token = "123456789:AAEsecretTESTtoken_never-in-logs"

func TestRedactor(t *testing.T) {
	r := NewRedactor("***", token, "sk-live-abcdef", "abc")
	for _, tc := range []struct{ in, want string }{
		{`Post "http://127.0.0.1:1/bot123456789:AAEsecretTESTtoken_never-in-logs/getMe": refused`, `Post "http://127.0.0.1:1/bot***/getMe": refused`},
		{`parse "http://x/bot123456789%3AAAEsecretTESTtoken_never-in-logs/getMe": invalid`, `parse "http://x/bot123456789%3A***/getMe": invalid`},
		{"the secret half AAEsecretTESTtoken_never-in-logs alone", "the secret half *** alone"},
		{"input too long for key sk-live-abcdef", "input too long for key ***"},
		{"abc is too short a secret to hide", "abc is too short a secret to hide"},
	} {
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	err := r.Error(fmt.Errorf("getMe with %s: %w", token, context.Canceled))
	if strings.Contains(err.Error(), "AAEsecret") || !strings.Contains(err.Error(), "***") {
		t.Errorf("Error() = %q, want the token masked", err)
	}
	if !errors.Is(err, context.Canceled) {
		t.Error("a redacted error no longer unwraps")
	}
	if r.Error(nil) != nil {
		t.Error("Error(nil) is not nil")
	}
	if got := NewRedactor("[redacted]").String("no secret " + token); got != "no secret "+token {
		t.Errorf("a redactor without secrets changed %q", got)
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on a cancelled context = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Errorf("Sleep = %v", err)
	}
}

// recorder is a Clock recording the waits asked for and returning at once.
type recorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *recorder) Now() time.Time { return time.Now() }

func (r *recorder) Sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	r.mu.Unlock()
	return ctx.Err()
}

func TestTransportRetries(t *testing.T) {
	for _, tc := range []struct {
		name      string
		answers   []func(w http.ResponseWriter)
		retries   int
		wantCalls int32
		wantCode  int
		wantWaits []time.Duration // checked when the waits come from the server
		wantLast  Attempt
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
			wantLast:  Attempt{N: 2, Status: 200},
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
			wantLast:  Attempt{N: 1, Status: 503, GaveUp: "it asked to wait 10m0s"},
		},
		{
			name: "501 is final",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) { w.WriteHeader(501); fmt.Fprint(w, `{"error":"no embeddings here"}`) },
			},
			retries: 3, wantCalls: 1, wantCode: 501,
			wantWaits: []time.Duration{},
			wantLast:  Attempt{N: 1, Status: 501, Message: "no embeddings here"},
		},
		{
			name: "5xx is retried, then given up",
			answers: []func(w http.ResponseWriter){
				func(w http.ResponseWriter) { w.WriteHeader(502); fmt.Fprint(w, "<html>bad gateway</html>") },
			},
			retries: 2, wantCalls: 3, wantCode: 502,
			wantLast: Attempt{N: 3, Status: 502},
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
			clock := &recorder{}
			tr := &Transport{Name: "test", Timeout: 5 * time.Second, MaxRetries: tc.retries, Backoff: 100 * time.Millisecond, Clock: clock}
			ctx, log := WithAttemptLog(context.Background())
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader("texts"))
			resp, err := (&http.Client{Transport: tr}).Do(req)
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.wantCode || calls.Load() != tc.wantCalls {
				t.Errorf("status %d after %d requests, want %d after %d", resp.StatusCode, calls.Load(), tc.wantCode, tc.wantCalls)
			}
			if tc.wantWaits != nil && fmt.Sprint(clock.waits) != fmt.Sprint(tc.wantWaits) {
				t.Errorf("waits %v, want %v", clock.waits, tc.wantWaits)
			}
			if len(clock.waits) != int(tc.wantCalls)-1 {
				t.Errorf("%d waits for %d requests", len(clock.waits), tc.wantCalls)
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
	clock := &recorder{}
	tr := &Transport{Timeout: 100 * time.Millisecond, MaxRetries: 1, Backoff: time.Second, Clock: clock}
	ctx, log := WithAttemptLog(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "ok" || calls.Load() != 2 || len(clock.waits) != 1 {
		t.Errorf("body %q after %d requests and waits %v; want ok after 2 and one wait", body, calls.Load(), clock.waits)
	}
	if w := clock.waits[0]; w < 500*time.Millisecond || w > time.Second {
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
	tr := &Transport{MaxRetries: 5, Backoff: time.Hour, Clock: cancelClock{cancel}}
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
	c := Observe(&http.Client{Timeout: time.Minute})
	if c.Timeout != time.Minute {
		t.Errorf("the observed client lost its timeout")
	}
	ctx, ex := WithExchange(context.Background())
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
	ctx, ex = WithExchange(context.Background())
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if _, err := c.Do(req); err == nil || ex.Last().Err == nil || ex.Last().Status != 0 {
		t.Errorf("after a refused connection: %v, seen %+v", err, ex.Last())
	}
}

func TestTransient(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{io.ErrUnexpectedEOF, true},
		{fmt.Errorf("read: %w", io.EOF), true},
		{context.DeadlineExceeded, true}, // a net.Error with Timeout
		{errors.New("dial tcp: connection refused"), false},
	} {
		if got := Transient(tc.err); got != tc.want {
			t.Errorf("Transient(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
	for code, want := range map[int]bool{429: true, 500: true, 502: true, 501: false, 400: false, 404: false} {
		if RetryableStatus(code) != want {
			t.Errorf("RetryableStatus(%d) = %v", code, !want)
		}
	}
}
