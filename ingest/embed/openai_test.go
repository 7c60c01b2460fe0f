package embed

import (
	"context"
	"errors"
	"math"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
)

const testKey = "sk-test-SECRET-1234"

// newTestOpenAI returns an OpenAI embedder for the fake server f, with
// waits recorded instead of slept.
func newTestOpenAI(t *testing.T, f *fakeServer, cfg Config) (*Remote, *retrytest.Clock) {
	t.Helper()
	cfg.BaseURL = f.URL + "/v1"
	if cfg.Model == "" {
		cfg.Model = "bge-m3"
	}
	r, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rec := &retrytest.Clock{}
	r.rt.Clock = rec
	return r, rec
}

// checkVectors checks that vs are the fake's vectors for texts, in order
// and of unit length: [n+1, 2, 0, 2] scaled, so v[0]/v[1] = (n+1)/2.
func checkVectors(t *testing.T, in []string, vs [][]float32) {
	t.Helper()
	if len(vs) != len(in) {
		t.Errorf("%d vectors for %d texts", len(vs), len(in))
		return
	}
	for i, v := range vs {
		if n := norm(v); math.Abs(n-1) > 1e-6 {
			t.Errorf("vector %d: norm %v, want 1", i, n)
		}
		want := vectorFor(in[i])
		if got := v[0] / v[1]; math.Abs(float64(got-want[0]/want[1])) > 1e-5 {
			t.Errorf("vector %d is not %s's (ratio %v)", i, in[i], got)
		}
	}
}

func TestOpenAIBatches(t *testing.T) {
	f := newFakeOpenAI(t)
	r, _ := newTestOpenAI(t, f, Config{APIKey: testKey})
	if r.Name() != "openai:bge-m3" || r.Dim() != 0 {
		t.Errorf("before use: %s dim %d, want openai:bge-m3 dim 0", r.Name(), r.Dim())
	}
	in := texts(70)
	vs, err := r.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vs)
	if r.Dim() != 4 {
		t.Errorf("Dim() = %d after use, want 4", r.Dim())
	}
	reqs := f.requests()
	wantSizes := []int{32, 32, 6}
	if len(reqs) != len(wantSizes) {
		t.Fatalf("%d requests, want %d", len(reqs), len(wantSizes))
	}
	next := 0
	for i, req := range reqs {
		if len(req.inputs) != wantSizes[i] {
			t.Errorf("request %d: %d texts, want %d", i, len(req.inputs), wantSizes[i])
		}
		for _, s := range req.inputs {
			if s != in[next] {
				t.Errorf("request %d: text %q, want %q", i, s, in[next])
			}
			next++
		}
		if req.model != "bge-m3" || req.auth != "Bearer "+testKey {
			t.Errorf("request %d: model %q auth %q", i, req.model, req.auth)
		}
	}
}

func TestOpenAIDefaults(t *testing.T) {
	f := newFakeOpenAI(t)
	e, err := New("openai", Config{BaseURL: f.URL + "/v1/"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "openai:text-embedding-3-small" {
		t.Errorf("Name() = %s", e.Name())
	}
	if _, err := e.Embed(context.Background(), []string{"t1"}); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 || reqs[0].model != "text-embedding-3-small" || reqs[0].auth != "Bearer none" {
		t.Errorf("requests %+v, want one for text-embedding-3-small with the placeholder key", reqs)
	}
}

func TestOpenAINormalizes(t *testing.T) {
	f := newFakeOpenAI(t, reply{vectors: func([]string) [][]float32 { return [][]float32{{3, 4}} }})
	r, _ := newTestOpenAI(t, f, Config{})
	vs, err := r.Embed(context.Background(), []string{"浦江创新论坛"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || len(vs[0]) != 2 || math.Abs(float64(vs[0][0])-0.6) > 1e-7 || math.Abs(float64(vs[0][1])-0.8) > 1e-7 {
		t.Errorf("[3 4] normalized to %v, want [0.6 0.8]", vs)
	}
}

func TestOpenAIRetries(t *testing.T) {
	const backoff = 100 * time.Millisecond
	tests := []struct {
		name     string
		script   []reply
		requests int
		// waits are the bounds of each wait asked for: Retry-After exactly,
		// else the backoff doubled per attempt, its upper half random.
		waits [][2]time.Duration
	}{
		{
			name:     "429 with Retry-After seconds",
			script:   []reply{{status: 429, retryAfter: "3", body: `{"error":{"message":"rate limit"}}`}},
			requests: 2,
			waits:    [][2]time.Duration{{3 * time.Second, 3 * time.Second}},
		},
		{
			name:     "429 without Retry-After",
			script:   []reply{{status: 429}},
			requests: 2,
			waits:    [][2]time.Duration{{backoff / 2, backoff}},
		},
		{
			name:     "500 twice",
			script:   []reply{{status: 500}, {status: 500, body: "oops"}},
			requests: 3,
			waits:    [][2]time.Duration{{backoff / 2, backoff}, {backoff, 2 * backoff}},
		},
		{
			name:     "connection dropped",
			script:   []reply{{hangup: true}},
			requests: 2,
			waits:    [][2]time.Duration{{backoff / 2, backoff}},
		},
		{
			name:     "502, 503, 504",
			script:   []reply{{status: 502}, {status: 503}, {status: 504}},
			requests: 4,
			waits:    [][2]time.Duration{{backoff / 2, backoff}, {backoff, 2 * backoff}, {2 * backoff, 4 * backoff}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOpenAI(t, tt.script...)
			r, rec := newTestOpenAI(t, f, Config{Backoff: backoff})
			in := texts(3)
			vs, err := r.Embed(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, in, vs)
			if n := len(f.requests()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			waits := rec.Waits()
			if len(waits) != len(tt.waits) {
				t.Fatalf("waits %v, want %d", waits, len(tt.waits))
			}
			for i, w := range waits {
				if w < tt.waits[i][0] || w > tt.waits[i][1] {
					t.Errorf("wait %d = %s, want %s..%s", i, w, tt.waits[i][0], tt.waits[i][1])
				}
			}
		})
	}
}

func TestOpenAIRetryAfterDate(t *testing.T) {
	when := time.Now().Add(20 * time.Second).UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT")
	f := newFakeOpenAI(t, reply{status: 503, retryAfter: when})
	r, rec := newTestOpenAI(t, f, Config{})
	if _, err := r.Embed(context.Background(), texts(1)); err != nil {
		t.Fatal(err)
	}
	// The date has whole seconds: 19 to 20 s from now.
	if w := rec.Waits(); len(w) != 1 || w[0] < 18*time.Second || w[0] > 20*time.Second {
		t.Errorf("waits %v, want one of about 20s", w)
	}
}

// Failures that must not be retried, and the error each must give.
func TestOpenAIErrors(t *testing.T) {
	tests := []struct {
		name     string
		script   []reply
		cfg      Config
		requests int
		want     []string // substrings of the error
	}{
		{
			name:     "400 is not retried",
			script:   []reply{{status: 400, body: `{"error":{"message":"input is too long for key sk-test-SECRET-1234"}}`}},
			requests: 1,
			want:     []string{"HTTP 400 (1 attempt): input is too long for key [api key]"},
		},
		{
			name:     "401 names the key, not its value",
			script:   []reply{{status: 401, body: `{"error":{"message":"Incorrect API key provided: sk-test-SECRET-1234"}}`}},
			requests: 1,
			want:     []string{"embedding server rejected the API key (401)"},
		},
		{
			name:     "403",
			script:   []reply{{status: 403, body: `{"error":{"message":"no access for sk-test-SECRET-1234"}}`}},
			requests: 1,
			want:     []string{"refused access (403)"},
		},
		{
			name:     "404 unknown model",
			script:   []reply{{status: 404, body: `{"error":{"message":"The model bge-m3 does not exist"}}`}},
			requests: 1,
			want:     []string{"HTTP 404 (1 attempt): The model bge-m3 does not exist"},
		},
		{
			name:     "501 is not retried",
			script:   []reply{{status: 501}},
			requests: 1,
			want:     []string{"HTTP 501 (1 attempt): Not Implemented"},
		},
		{
			name:     "503 until retries run out",
			script:   []reply{{status: 503}, {status: 503}, {status: 503}},
			cfg:      Config{MaxRetries: 2},
			requests: 3,
			want:     []string{"HTTP 503 (3 attempts)"},
		},
		{
			name:     "no retries when MaxRetries is negative",
			script:   []reply{{status: 500}},
			cfg:      Config{MaxRetries: -1},
			requests: 1,
			want:     []string{"HTTP 500", "1 attempt"},
		},
		{
			name:     "Retry-After of an hour is not waited for",
			script:   []reply{{status: 429, retryAfter: "3600"}},
			requests: 1,
			want:     []string{"HTTP 429 (1 attempt; it asked to wait 1h0m0s)"},
		},
		{
			name: "too few vectors",
			script: []reply{{vectors: func(in []string) [][]float32 {
				return [][]float32{vectorFor(in[0])}
			}}},
			requests: 1,
			want:     []string{"1 vector for 2 texts"},
		},
		{
			name: "too many vectors",
			script: []reply{{vectors: func(in []string) [][]float32 {
				return [][]float32{{1, 0}, {0, 1}, {1, 1}}
			}}},
			requests: 1,
			want:     []string{"3 vectors for 2 texts"},
		},
		{
			name: "vectors of different lengths",
			script: []reply{{vectors: func(in []string) [][]float32 {
				return [][]float32{{1, 0, 0}, {0, 1}}
			}}},
			requests: 1,
			want:     []string{"2 dimensions after ones of 3"},
		},
		{
			name: "zero vector",
			script: []reply{{vectors: func(in []string) [][]float32 {
				return [][]float32{{1, 0}, {0, 0}}
			}}},
			requests: 1,
			want:     []string{"zero or non-finite vector", `"t1"`},
		},
		{
			name:     "not JSON",
			script:   []reply{{body: "<html>gateway</html>"}},
			requests: 1,
			want:     []string{"bad response", "invalid character"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOpenAI(t, tt.script...)
			tt.cfg.APIKey = testKey
			tt.cfg.Backoff = time.Millisecond
			r, rec := newTestOpenAI(t, f, tt.cfg)
			_, err := r.Embed(context.Background(), texts(2))
			if n := len(f.requests()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if err == nil {
				t.Fatal("Embed succeeded, want an error")
			}
			t.Log(err)
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error %q shows the API key", err)
			}
			if len(rec.Waits()) != tt.requests-1 {
				t.Errorf("waited %v between %d requests", rec.Waits(), tt.requests)
			}
		})
	}
}

func TestOpenAIBadBody(t *testing.T) {
	f := newFakeOpenAI(t, reply{vectors: func([]string) [][]float32 { return nil }})
	r, _ := newTestOpenAI(t, f, Config{})
	_, err := r.Embed(context.Background(), texts(2))
	if err == nil || !strings.Contains(err.Error(), "openai:bge-m3") {
		t.Errorf("empty data: error %v, want one naming the embedder", err)
	}
}

// The server takes longer than Timeout every time: each attempt is cut
// short, retried, and the error says what happened.
func TestOpenAITimeout(t *testing.T) {
	slow := reply{delay: 10 * time.Second}
	f := newFakeOpenAI(t, slow, slow, slow)
	r, err := NewOpenAI(Config{BaseURL: f.URL + "/v1", Timeout: 50 * time.Millisecond, MaxRetries: 2, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = r.Embed(context.Background(), texts(1))
	if err == nil || !strings.Contains(err.Error(), "no answer within 50ms (3 attempts)") {
		t.Errorf("error %v, want no answer within 50ms (3 attempts)", err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

// A slow first answer is retried and the second, in time, is used.
func TestOpenAITimeoutThenSuccess(t *testing.T) {
	f := newFakeOpenAI(t, reply{delay: 10 * time.Second})
	// Generous enough for the good answer on a loaded machine under -race.
	r, err := NewOpenAI(Config{BaseURL: f.URL + "/v1", Timeout: 300 * time.Millisecond, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	in := texts(2)
	vs, err := r.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vs)
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestOpenAICancelWhileWaiting(t *testing.T) {
	f := newFakeOpenAI(t, reply{status: 500})
	r, err := NewOpenAI(Config{BaseURL: f.URL + "/v1", Backoff: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = r.Embed(ctx, texts(1))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s after cancel", d)
	}
}

// A deadline nearer than the Retry-After: give up at once rather than
// sleep into the deadline.
func TestOpenAIDeadlineBeforeRetryAfter(t *testing.T) {
	f := newFakeOpenAI(t, reply{status: 429, retryAfter: "30"})
	r, rec := newTestOpenAI(t, f, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := r.Embed(ctx, texts(1))
	if err == nil || !strings.Contains(err.Error(), "HTTP 429 (1 attempt; the deadline comes before the wait of 30s is over)") {
		t.Errorf("error %v, want HTTP 429 and why there was no retry", err)
	}
	if len(rec.Waits()) != 0 || len(f.requests()) != 1 {
		t.Errorf("waited %v, %d requests; want no wait, 1 request", rec.Waits(), len(f.requests()))
	}
}

func TestOpenAIUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	r, err := NewOpenAI(Config{BaseURL: "http://" + addr + "/v1", APIKey: testKey, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Embed(context.Background(), texts(1))
	if err == nil || !strings.Contains(err.Error(), "cannot reach the server (1 attempt)") || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("error %v, want cannot reach the server (1 attempt)", err)
	}
}

func TestOpenAIInput(t *testing.T) {
	f := newFakeOpenAI(t)
	r, _ := newTestOpenAI(t, f, Config{})
	vs, err := r.Embed(context.Background(), nil)
	if err != nil || len(vs) != 0 {
		t.Errorf("no texts: %v, %v; want no vectors, no error", vs, err)
	}
	_, err = r.Embed(context.Background(), []string{"t0", " \n"})
	if err == nil || !strings.Contains(err.Error(), "text 1 is empty") {
		t.Errorf("blank text: error %v, want text 1 is empty", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestRemoteConfig(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string // substring of the error
	}{
		{Config{BaseURL: "localhost:8080/v1"}, "not an http(s) URL"},
		{Config{BaseURL: "ftp://example.com/v1"}, "not an http(s) URL"},
		{Config{BaseURL: "http://user:hunter2@%zz/v1"}, "not an http(s) URL"},
		{Config{BaseURL: "http:///v1"}, "not an http(s) URL"},
		{Config{BatchSize: -1}, "batch size -1"},
		{Config{Timeout: -time.Second}, "timeout -1s"},
		{Config{Backoff: -time.Second}, "backoff -1s"},
	}
	for _, tt := range tests {
		for _, kind := range []string{"openai", "ollama"} {
			_, err := New(kind, tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), kind) {
				t.Errorf("New(%s, %+v): %v, want an error saying %q", kind, tt.cfg, err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q shows the URL's password", err)
			}
		}
	}
}

func TestRemoteConcurrent(t *testing.T) {
	f := newFakeOpenAI(t)
	r, _ := newTestOpenAI(t, f, Config{BatchSize: 5})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			in := texts(23)
			vs, err := r.Embed(context.Background(), in)
			if err != nil {
				t.Error(err)
				return
			}
			checkVectors(t, in, vs)
		})
	}
	wg.Wait()
	if n := len(f.requests()); n != 4*5 {
		t.Errorf("%d requests, want 20", n)
	}
}
