package embed

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 11, 24, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"5", 5 * time.Second, true},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{"Mon, 24 Nov 2025 08:00:30 GMT", 30 * time.Second, true},
		{"Mon, 24 Nov 2025 07:59:00 GMT", 0, true}, // in the past: at once
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
		{"1.5", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestServerMessage(t *testing.T) {
	tests := []struct{ body, want string }{
		{`{"error":{"message":"Rate limit reached","type":"requests"}}`, "Rate limit reached"}, // OpenAI
		{`{"error":"model not found"}`, "model not found"},                                     // Ollama
		{`{"message":"Throttling","code":"Throttling.RateQuota"}`, "Throttling"},               // DashScope-like
		{"<html>\n<body>502 Bad Gateway</body>", "<html>"},
		{"upstream timed out\n", "upstream timed out"},
		{"", ""},
		{strings.Repeat("长", 400), strings.Repeat("长", 300) + "…"},
	}
	for _, tt := range tests {
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(tt.body))}
		if got := serverMessage(resp); got != tt.want {
			t.Errorf("serverMessage(%.30q) = %q, want %q", tt.body, got, tt.want)
		}
		// The body can still be read by the client.
		if rest, _ := io.ReadAll(resp.Body); string(rest) != tt.body {
			t.Errorf("body after serverMessage = %.30q, want it unchanged", rest)
		}
	}
}
