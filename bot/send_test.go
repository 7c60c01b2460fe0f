package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
)

// newTestSender is a sender talking to url with the test token.
func newTestSender(t *testing.T, url string, logs *logBuffer) *sender {
	t.Helper()
	b, err := tg.New(testToken, tg.WithSkipGetMe(), tg.WithServerURL(url), tg.WithHTTPClient(time.Minute, httpretry.Observe(nil)))
	if err != nil {
		t.Fatal(err)
	}
	return newSender(b, testToken, newTestLogger(logs))
}

func TestSenderBacksOffAfterNetworkErrors(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			// Drop the connection without an answer, as a failing network does.
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		ok(w, map[string]any{"id": botUserID, "is_bot": true, "first_name": "Herald", "username": "herald_test_bot"})
	}))
	defer srv.Close()
	logs := &logBuffer{}
	s := newTestSender(t, srv.URL, logs)
	waits := &retrytest.Clock{}
	s.clock = waits
	err := s.call(context.Background(), "getMe", func(ctx context.Context) error {
		_, err := s.tg.GetMe(ctx)
		return err
	})
	if err != nil {
		t.Fatalf("call: %v", err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d requests, want 3 (two dropped, then success)", n)
	}
	// Backoff 200 ms then 400 ms.
	if got, want := waits.Waits(), []time.Duration{200 * time.Millisecond, 400 * time.Millisecond}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if strings.Contains(logs.String(), "AAEsecretTESTtoken") || !strings.Contains(logs.String(), "bot***") {
		t.Errorf("the retry log does not hide the token as *** in the URL:\n%s", logs.String())
	}
}

func TestSenderGivesUp(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		attempts int32
		want     string
	}{
		{"bad request is final", 400, `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`, 1, "chat not found"},
		{"blocked by the user is final", 403, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, 1, "blocked"},
		{"a wait of ten minutes is not sat out", 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 600","parameters":{"retry_after":600}}`, 1, "longer than the bot waits"},
		{"server errors are retried, then given up", 502, `{"ok":false,"error_code":502,"description":"Bad Gateway"}`, maxAttempts, "giving up after 5 attempts"},
		{"a proxy's error page is retried, by its status", 503, "<html><body>503 Service Unavailable</body></html>", maxAttempts, "giving up after 5 attempts"},
		{"a body that is not the Bot API's JSON is retried", 200, "upstream connect error", maxAttempts, "giving up after 5 attempts"},
		{"not found is final", 404, `{"ok":false,"error_code":404,"description":"Not Found"}`, 1, "not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.WriteHeader(tc.status)
				fmt.Fprint(w, tc.body)
			}))
			defer srv.Close()
			s := newTestSender(t, srv.URL, &logBuffer{})
			s.clock = &retrytest.Clock{}
			err := s.call(context.Background(), "sendMessage", func(ctx context.Context) error {
				_, err := s.tg.SendMessage(ctx, &tg.SendMessageParams{ChatID: 1, Text: "x"})
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("call = %v, want an error saying %q", err, tc.want)
			}
			if n := calls.Load(); n != tc.attempts {
				t.Errorf("%d requests, want %d", n, tc.attempts)
			}
		})
	}
}

func TestRedactHidesEveryFormOfTheToken(t *testing.T) {
	t.Parallel()
	red := tokenRedactor(testToken)
	for _, msg := range []string{
		`Post "http://127.0.0.1:1/bot123456789:AAEsecretTESTtoken_never-in-logs/getMe": connection refused`,
		`parse "http://x/bot123456789%3AAAEsecretTESTtoken_never-in-logs/getMe": invalid`,
		`the secret half AAEsecretTESTtoken_never-in-logs alone`,
	} {
		err := red.Error(errors.New(msg))
		if strings.Contains(err.Error(), "AAEsecretTESTtoken") {
			t.Errorf("redact(%q) = %q", msg, err)
		}
		if !strings.Contains(err.Error(), "***") {
			t.Errorf("redact(%q) = %q, want the token shown as ***", msg, err)
		}
	}
	inner := context.Canceled
	if err := red.Error(fmt.Errorf("getMe: %w", inner)); !errors.Is(err, context.Canceled) {
		t.Error("a redacted error no longer unwraps")
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	good := func() Config { return Config{Token: testToken, AllowedUsers: []int64{1}} }
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string // "" for valid
	}{
		{"valid", func(*Config) {}, ""},
		{"no token", func(c *Config) { c.Token = " " }, "TELEGRAM_BOT_TOKEN"},
		{"malformed token", func(c *Config) { c.Token = "AAEsecretTESTtoken" }, "malformed"},
		{"bad API URL holding the token", func(c *Config) { c.APIURL = "ftp://x/bot" + testToken }, "TELEGRAM_API_URL"},
		{"no one may ask", func(c *Config) { c.AllowedUsers = nil }, "TELEGRAM_PUBLIC=true"},
		{"public", func(c *Config) { c.AllowedUsers, c.Public = nil, true }, ""},
		{"negative workers", func(c *Config) { c.Workers = -1 }, "Workers"},
		{"HTTP timeout shorter than the poll", func(c *Config) { c.HTTPClient = &http.Client{Timeout: 5 * time.Second} }, "longer than the long poll"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := good()
			tc.change(&c)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Validate = %v, want an error naming %q", err, tc.want)
			case err != nil && strings.Contains(err.Error(), "AAEsecretTESTtoken"):
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
	c := good()
	c.APIURL = "http://127.0.0.1:8081/"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.APIURL != "http://127.0.0.1:8081" || c.Workers != 4 || c.QuestionsPerMinute != 5 || c.HTTPClient == nil || c.Logger != slog.Default() {
		t.Errorf("defaults not filled in: %+v", c)
	}
}
