package httpretry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
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
