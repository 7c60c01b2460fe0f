package embed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
)

// Remote is an embedder behind an HTTP API (OpenAI-compatible or Ollama),
// reached through a langchaingo client. It sends texts in batches, bounds
// and retries each request (see Config), checks that every text got a
// vector of the same length, and scales vectors to unit length, as the
// store requires and not every server guarantees.
//
// A Remote is safe for concurrent use.
type Remote struct {
	name      string
	batchSize int
	timeout   time.Duration
	redactor  *httpretry.Redactor // keeps the API key out of error messages
	rt        *httpretry.Transport
	// create asks the server for the vectors of one batch.
	create func(ctx context.Context, texts []string) ([][]float32, error)
	// errLength is what create returns when the vectors do not match the
	// texts in number.
	errLength error
	dim       atomic.Int64
}

// Remote defaults.
const (
	DefaultBatchSize  = 32
	DefaultTimeout    = 60 * time.Second
	DefaultMaxRetries = 4
	DefaultBackoff    = 500 * time.Millisecond
)

// remoteConfig fills cfg's zero fields with the defaults and checks the
// base URL, which langchaingo would otherwise take on trust (its Ollama
// option even exits the process on a malformed one).
func remoteConfig(kind string, cfg Config, baseURL, model string) (Config, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = baseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Model == "" {
		cfg.Model = model
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = DefaultBackoff
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return cfg, fmt.Errorf("%s embedder: base URL %q is not an http(s) URL", kind, redactURL(cfg.BaseURL))
	}
	switch {
	case cfg.BatchSize < 0:
		return cfg, fmt.Errorf("%s embedder: batch size %d is negative", kind, cfg.BatchSize)
	case cfg.Timeout < 0:
		return cfg, fmt.Errorf("%s embedder: timeout %s is negative", kind, cfg.Timeout)
	case cfg.Backoff < 0:
		return cfg, fmt.Errorf("%s embedder: backoff %s is negative", kind, cfg.Backoff)
	}
	return cfg, nil
}

// redactURL hides a password in a URL that failed to parse as one.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	if i := strings.LastIndex(s, "@"); i >= 0 {
		return "…" + s[i:]
	}
	return s
}

func newRemote(name string, cfg Config) *Remote {
	return &Remote{
		name:      name,
		batchSize: cfg.BatchSize,
		timeout:   cfg.Timeout,
		redactor:  httpretry.NewRedactor("[api key]", cfg.APIKey),
		rt: &httpretry.Transport{
			Name:       name,
			Timeout:    cfg.Timeout,
			MaxRetries: max(cfg.MaxRetries, 0),
			Backoff:    cfg.Backoff,
		},
	}
}

// httpClient is the client to hand langchaingo: all limits are per attempt
// in the transport, so the client itself has none.
func (r *Remote) httpClient() *http.Client { return &http.Client{Transport: r.rt} }

// Name is the kind and the model, e.g. "openai:bge-m3".
func (r *Remote) Name() string { return r.name }

// Dim is the vector length the server returned first; 0 before that.
func (r *Remote) Dim() int { return int(r.dim.Load()) }

// Embed returns one unit vector per text, asking the server in batches.
// Empty texts are refused: servers refuse or mis-embed them.
func (r *Remote) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			return nil, fmt.Errorf("embedding with %s: text %d is empty", r.name, i)
		}
	}
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += r.batchSize {
		batch := texts[start:min(start+r.batchSize, len(texts))]
		vs, err := r.embedBatch(ctx, batch)
		if err != nil {
			if len(texts) > len(batch) {
				return nil, fmt.Errorf("%w (texts %d to %d of %d)", err, start, start+len(batch)-1, len(texts))
			}
			return nil, err
		}
		out = append(out, vs...)
	}
	return out, nil
}

func (r *Remote) embedBatch(ctx context.Context, batch []string) ([][]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("embedding with %s: %w", r.name, err)
	}
	lctx, log := httpretry.WithAttemptLog(ctx)
	vs, err := r.create(lctx, batch)
	if err != nil {
		return nil, r.explain(ctx, log, err, len(vs), len(batch))
	}
	if len(vs) != len(batch) {
		return nil, r.countError(len(vs), len(batch))
	}
	for i, v := range vs {
		if err := r.checkDim(len(v)); err != nil {
			return nil, err
		}
		if !normalizeInPlace(v) {
			return nil, fmt.Errorf("embedding with %s: server returned a zero or non-finite vector for text %q", r.name, clip(batch[i], 20))
		}
	}
	return vs, nil
}

// checkDim makes sure every vector has the length of the first one.
func (r *Remote) checkDim(n int) error {
	if n == 0 {
		return fmt.Errorf("embedding with %s: server returned an empty vector", r.name)
	}
	if r.dim.CompareAndSwap(0, int64(n)) {
		return nil
	}
	if d := r.dim.Load(); d != int64(n) {
		return fmt.Errorf("embedding with %s: server returned a vector of %d dimensions after ones of %d", r.name, n, d)
	}
	return nil
}

// explain turns what langchaingo returned, and what the transport saw, into
// one line saying what went wrong, without the API key.
func (r *Remote) explain(ctx context.Context, log *httpretry.AttemptLog, err error, got, want int) error {
	a := log.Last()
	tries := plural(a.N, "attempt")
	if a.GaveUp != "" {
		tries += "; " + a.GaveUp
	}
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("embedding with %s: %w", r.name, ctx.Err())
	case a.Status == http.StatusUnauthorized:
		return fmt.Errorf("embedding server rejected the API key (401) for %s", r.name)
	case a.Status == http.StatusForbidden:
		return fmt.Errorf("embedding server refused access (403) for %s; check the API key and its permissions", r.name)
	case a.TimedOut:
		return fmt.Errorf("embedding with %s: no answer within %s (%s)", r.name, r.timeout, tries)
	case a.Status >= 400:
		msg := a.Message
		if msg == "" {
			msg = http.StatusText(a.Status)
		}
		return fmt.Errorf("embedding with %s: server answered HTTP %d (%s): %s", r.name, a.Status, tries, r.redact(msg))
	case a.Err != nil:
		return fmt.Errorf("embedding with %s: cannot reach the server (%s): %s", r.name, tries, r.redact(a.Err.Error()))
	case errors.Is(err, r.errLength):
		return r.countError(got, want)
	}
	return fmt.Errorf("embedding with %s: bad response: %s", r.name, r.redact(err.Error()))
}

func (r *Remote) countError(got, want int) error {
	return fmt.Errorf("embedding with %s: server returned %s for %s", r.name, plural(got, "vector"), plural(want, "text"))
}

// redact removes the API key from a message: some servers quote it back.
func (r *Remote) redact(s string) string { return r.redactor.String(s) }

// normalizeInPlace scales v to unit length; false if it has none to scale.
func normalizeInPlace(v []float32) bool {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	n := math.Sqrt(sum)
	if n == 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return false
	}
	for i, x := range v {
		v[i] = float32(float64(x) / n)
	}
	return true
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
