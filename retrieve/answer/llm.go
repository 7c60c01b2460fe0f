package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Defaults of LLMConfig.
const (
	DefaultOpenAIBaseURL = "https://api.openai.com/v1"
	DefaultOpenAIModel   = "gpt-4o-mini"
	DefaultOllamaHost    = "http://127.0.0.1:11434"
	DefaultOllamaModel   = "qwen2.5:7b"
	DefaultLLMTimeout    = 90 * time.Second
	DefaultLLMRetries    = 2
	DefaultLLMBackoff    = 500 * time.Millisecond
	DefaultLLMMaxTokens  = 1024
	ReasoningMaxTokens   = 8192
	DefaultLLMMaxChars   = 4000
)

// ErrTruncated is returned by Generate, with the text up to the cap, when
// the answer reached LLMConfig.MaxChars and generation was stopped there.
var ErrTruncated = errors.New("the answer reached the length cap")

// maxBody bounds a reply's body: a server sending without end must not
// fill the memory. An answer of DefaultLLMMaxChars is a few KiB of JSON,
// a few hundred KiB streamed.
const maxBody = 4 << 20

// maxWait bounds one wait between attempts; a server asking for a longer
// one (Retry-After) is not retried, since nobody waits that long for an
// answer.
const maxWait = 30 * time.Second

// noKey is sent when no API key is configured: the client insists on one,
// and local servers (llama.cpp, vLLM, LM Studio) ignore it.
const noKey = "sk-no-key-required"

var llmProviders = []string{"openai", "ollama"}

// LLMProviders lists the providers NewLLM accepts.
func LLMProviders() []string { return append([]string(nil), llmProviders...) }

// LLMConfig configures NewLLM. Zero fields take the defaults noted.
type LLMConfig struct {
	// Provider is "openai" (any OpenAI-compatible server: OpenAI, DeepSeek,
	// Qwen/DashScope, Moonshot, vLLM, llama.cpp, LM Studio) or "ollama".
	Provider string
	// Model is the chat model; DefaultOpenAIModel or DefaultOllamaModel.
	Model string
	// BaseURL is the server: for openai the API root including /v1
	// (DefaultOpenAIBaseURL), for ollama the host (DefaultOllamaHost; a
	// bare host:port is taken as http).
	BaseURL string
	// APIKey is sent as a bearer token (openai). It never appears in
	// errors or logs, even when a server echoes it back.
	APIKey string
	// Timeout bounds the whole answer: every attempt, the waits between
	// them and the streaming, under one deadline; DefaultLLMTimeout.
	Timeout time.Duration
	// MaxRetries is how often a failed request is retried (408, 429, 5xx,
	// time-outs, connection failures); DefaultLLMRetries, negative for none.
	MaxRetries int
	// Backoff is the wait before the first retry, doubled for each next one
	// (with jitter, at most 30s) unless the server sends Retry-After;
	// DefaultLLMBackoff.
	Backoff time.Duration
	// HTTPClient sends every request (a recording or replaying transport
	// can be put in it); a client with no time limit of its own when nil.
	HTTPClient *http.Client
	// MaxTokens caps the answer's length; DefaultLLMMaxTokens, or
	// ReasoningMaxTokens for a model whose name says it reasons first (o1,
	// o3, o4, gpt-5, deepseek-reasoner, *-r1, qwq, qwen3); negative for no
	// cap.
	MaxTokens int
	// MaxChars caps the answer in characters: generation stops there and
	// Generate returns ErrTruncated; DefaultLLMMaxChars, negative for none.
	MaxChars int
}

// LLM writes answers with a chat model through langchaingo. It is a
// Generator and safe for concurrent use.
type LLM struct {
	model    llms.Model
	endpoint string // redacted, for messages
	openAI   bool
	redactor *httpretry.Redactor // keeps the API key out of messages
	opts     []llms.CallOption

	timeout  time.Duration
	maxChars int
	retries  int
	backoff  time.Duration
	// clock waits between attempts; tests replace it to see the waits.
	clock httpretry.Clock
}

// NewLLM returns the answerer cfg describes. It sends nothing yet.
func NewLLM(cfg LLMConfig) (*LLM, error) {
	l := &LLM{
		redactor: httpretry.NewRedactor("[redacted]", cfg.APIKey),
		timeout:  cfg.Timeout,
		retries:  cfg.MaxRetries,
		backoff:  cfg.Backoff,
		clock:    httpretry.System,
	}
	if l.timeout <= 0 {
		l.timeout = DefaultLLMTimeout
	}
	switch {
	case cfg.MaxChars == 0:
		l.maxChars = DefaultLLMMaxChars
	case cfg.MaxChars > 0:
		l.maxChars = cfg.MaxChars
	}
	switch {
	case l.retries == 0:
		l.retries = DefaultLLMRetries
	case l.retries < 0:
		l.retries = 0
	}
	if l.backoff <= 0 {
		l.backoff = DefaultLLMBackoff
	}
	provider := strings.ToLower(strings.TrimSpace(cfg.Provider))
	if cfg.Model = strings.TrimSpace(cfg.Model); cfg.Model == "" {
		switch provider {
		case "openai":
			cfg.Model = DefaultOpenAIModel
		case "ollama":
			cfg.Model = DefaultOllamaModel
		}
	}
	maxTokens := cfg.MaxTokens
	if maxTokens == 0 {
		maxTokens = DefaultLLMMaxTokens
		if reasoningModel(cfg.Model) {
			maxTokens = ReasoningMaxTokens
		}
	}
	l.opts = []llms.CallOption{llms.WithTemperature(0)}
	if maxTokens > 0 {
		l.opts = append(l.opts, llms.WithMaxTokens(maxTokens))
	}
	client := observed(cfg.HTTPClient)

	var err error
	switch provider {
	case "openai":
		err = l.setupOpenAI(cfg, client)
	case "ollama":
		err = l.setupOllama(cfg, client)
	default:
		return nil, fmt.Errorf("unknown LLM provider %q (valid: %s)", cfg.Provider, strings.Join(llmProviders, ", "))
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// reasoningModel tells by its name a model that thinks before it answers
// and spends its token allowance on the thinking too: 1024 tokens could
// leave it no answer. langchaingo's list, plus what it misses: bare o1/o3/o4,
// QwQ and Qwen3, and open models named for thinking (…-R1, …think…).
func reasoningModel(name string) bool {
	n := strings.ToLower(name)
	n = n[strings.LastIndex(n, "/")+1:] // org/model names of vLLM and OpenRouter
	if llms.IsReasoningModel(n) {
		return true
	}
	for _, p := range []string{"o1", "o3", "o4", "qwq", "qwen3"} {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	for _, p := range []string{"reasoner", "-r1", "think", "reasoning"} {
		if strings.Contains(n, p) {
			return true
		}
	}
	return false
}

func (l *LLM) setupOpenAI(cfg LLMConfig, client *http.Client) error {
	base := strings.TrimSpace(cfg.BaseURL)
	if base == "" {
		base = DefaultOpenAIBaseURL
	}
	u, err := parseBaseURL(base)
	if err != nil {
		return err
	}
	official := u.Hostname() == "api.openai.com"
	key := cfg.APIKey
	if key == "" {
		if official {
			return fmt.Errorf("an API key is needed for %s", u.Redacted())
		}
		key = noKey
	}
	// Everything is passed explicitly: langchaingo would otherwise read
	// OPENAI_* from the process environment behind the configuration's back.
	m, err := openai.New(
		openai.WithToken(key),
		openai.WithModel(cfg.Model),
		openai.WithBaseURL(strings.TrimSuffix(u.String(), "/")),
		openai.WithOrganization(""),
		openai.WithHTTPClient(client),
	)
	if err != nil {
		return fmt.Errorf("setting up the OpenAI-compatible client: %w", err)
	}
	if !official {
		// OpenAI's own reasoning models take only max_completion_tokens;
		// the compatible servers all know max_tokens, and some nothing else.
		l.opts = append(l.opts, openai.WithLegacyMaxTokensField())
	}
	l.model, l.endpoint, l.openAI = m, u.Redacted(), true
	return nil
}

func (l *LLM) setupOllama(cfg LLMConfig, client *http.Client) error {
	host := strings.TrimSpace(cfg.BaseURL)
	if host == "" {
		host = DefaultOllamaHost
	}
	if !strings.Contains(host, "://") {
		// OLLAMA_HOST is often written as ollama itself takes it: host[:port].
		host = "http://" + host
		if u, err := url.Parse(host); err == nil && u.Port() == "" {
			host = "http://" + u.Host + ":11434" + u.Path
		}
	}
	u, err := parseBaseURL(host)
	if err != nil {
		return err
	}
	// The URL is checked above: ollama.WithServerURL exits the process on
	// one it cannot parse.
	m, err := ollama.New(
		ollama.WithServerURL(u.String()),
		ollama.WithModel(cfg.Model),
		ollama.WithHTTPClient(client),
	)
	if err != nil {
		return fmt.Errorf("setting up the Ollama client: %w", err)
	}
	l.model, l.endpoint = m, u.Redacted()
	return nil
}

func parseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an http:// or https:// URL", s)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// Generate answers q from sources, streaming the text to w as it comes
// when w is not nil, and returns it whole.
//
// One deadline, the configured Timeout, bounds the whole answer: all
// attempts and the waits between them. A failed attempt is retried (408,
// 429, 5xx, connection failure) only while nothing has been written to w:
// text once on the terminal cannot be taken back, and a second attempt
// would print the answer twice. When an attempt fails after streaming
// began, a line break ends the partial text on w and the error says so.
//
// A streamed reply that ends without the server's normal finish ([DONE]
// or a finish_reason; Ollama's done) is a failure, not an answer. When the
// answer reaches MaxChars generation stops, and the text up to the cap is
// returned with ErrTruncated. When ctx is cancelled, the text received so
// far is returned with an error wrapping ctx.Err().
func (l *LLM) Generate(ctx context.Context, q *retrieve.Query, sources []Source, w io.Writer) (string, error) {
	if q == nil {
		return "", errors.New("LLM answer: no question")
	}
	if len(sources) == 0 {
		// Nothing to answer from: the rules' answer, without asking.
		text := Refusal(q.Lang)
		if w != nil {
			if _, err := io.WriteString(w, text); err != nil {
				return "", fmt.Errorf("writing the answer: %w", err)
			}
		}
		return text, nil
	}
	system, user := prompt(q, sources)
	return l.chat(ctx, system, user, w)
}

// chat sends the two messages, with retries, within the deadline.
func (l *LLM) chat(ctx context.Context, system, user string, w io.Writer) (string, error) {
	msgs := []llms.MessageContent{
		llms.TextParts(llms.ChatMessageTypeSystem, system),
		llms.TextParts(llms.ChatMessageTypeHuman, user),
	}
	outer := ctx
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	for attempt := 1; ; attempt++ {
		text, truncated, f := l.attempt(ctx, msgs, w)
		if f == nil {
			if truncated {
				return text, ErrTruncated
			}
			return text, nil
		}
		if err := outer.Err(); err != nil {
			return text, fmt.Errorf("LLM request to %s: %w", l.endpoint, err)
		}
		if f.streamed {
			if w != nil {
				io.WriteString(w, "\n")
			}
			return "", l.failed(f, attempt, "after the answer had begun")
		}
		if !f.retryable || attempt > l.retries || ctx.Err() != nil {
			return "", l.failed(f, attempt, "")
		}
		wait := l.wait(attempt)
		if f.retryAfter > 0 {
			if f.retryAfter > maxWait {
				return "", l.failed(f, attempt, fmt.Sprintf("(the server asks to wait %s)", f.retryAfter))
			}
			wait = f.retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && dl.Sub(l.clock.Now()) < wait {
			return "", l.failed(f, attempt, fmt.Sprintf("(no time left within %s to retry)", l.timeout))
		}
		slog.Debug("LLM request failed; retrying", "endpoint", l.endpoint, "attempt", attempt, "reason", f.reason, "wait", wait)
		if err := l.clock.Sleep(ctx, wait); err != nil {
			if outer.Err() != nil {
				return "", fmt.Errorf("LLM request to %s: %w", l.endpoint, outer.Err())
			}
			return "", l.failed(f, attempt, fmt.Sprintf("(no time left within %s to retry)", l.timeout))
		}
	}
}

// failure is why one attempt failed.
type failure struct {
	reason     string // one line, no secret
	retryable  bool
	retryAfter time.Duration
	streamed   bool // text had reached w
}

// failed is the error for a request given up after attempts.
func (l *LLM) failed(f *failure, attempts int, note string) error {
	msg := fmt.Sprintf("LLM request to %s failed: %s", l.endpoint, f.reason)
	if note != "" {
		msg += " " + note
	}
	if attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", attempts)
	}
	return errors.New(msg)
}

// wait is the exponential backoff before retry n (1-based), with jitter
// so that many clients turned away together do not come back together.
func (l *LLM) wait(n int) time.Duration { return httpretry.Backoff(l.backoff, maxWait, n-1) }

// attempt sends the request once, within ctx's deadline. truncated is
// set when the cap stopped the answer. On failure text is what was
// received before it.
func (l *LLM) attempt(ctx context.Context, msgs []llms.MessageContent, w io.Writer) (text string, truncated bool, f *failure) {
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	ex := &exchange{}
	actx = context.WithValue(actx, exchangeKey{}, ex)
	actx, seenBy := httpretry.WithExchange(actx)

	opts := l.opts
	sw := &streamWriter{w: w, max: l.maxChars}
	if w != nil {
		opts = append(opts[:len(opts):len(opts)], llms.WithStreamingFunc(sw.write))
	}
	resp, err := l.model.GenerateContent(actx, msgs, opts...)
	seen := seenBy.Last()

	f = &failure{streamed: sw.n > 0}
	switch {
	case sw.capped:
		// The cap, not the server, ended the stream.
		if err := sw.finish(); err != nil {
			f.reason = l.redact("writing the answer: " + err.Error())
			return sw.text.String(), false, f
		}
		return strings.TrimSpace(sw.text.String()), true, nil
	case seen.Status >= 400:
		// Decided on the status the server sent, which langchaingo folds
		// into strings (openai) or loses (ollama, with a non-JSON body).
		f.reason = l.redact(statusReason(seen.Status, seen.Message, l.endpoint, l.openAI))
		f.retryable = seen.Status == http.StatusTooManyRequests || seen.Status == http.StatusRequestTimeout || seen.Status >= 500
		f.retryAfter = seen.RetryAfter
		return "", false, f
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		// Checked before err: langchaingo may return a stream cut short by
		// the deadline as a complete answer.
		f.reason = fmt.Sprintf("no complete reply within %s", l.timeout)
		return sw.text.String(), false, f
	case ctx.Err() != nil:
		f.reason = ctx.Err().Error()
		return sw.text.String(), false, f
	case seen.Err != nil:
		f.reason = l.redact("cannot connect: " + transportReason(seen.Err))
		f.retryable = true
		return "", false, f
	case sw.err != nil:
		f.reason = l.redact("writing the answer: " + sw.err.Error())
		return sw.text.String(), false, f
	case ex.tooLong.Load():
		f.reason = fmt.Sprintf("the reply is longer than %d MiB", maxBody>>20)
		return sw.text.String(), false, f
	case err != nil:
		f.reason = l.redact(err.Error())
		return sw.text.String(), false, f
	case w != nil && !ex.finished.Load():
		// langchaingo takes a stream that simply stops for a whole answer.
		f.reason = "the stream ended before the server finished the answer (no [DONE] or finish_reason)"
		f.retryable = sw.n == 0
		return sw.text.String(), false, f
	}
	if resp != nil && len(resp.Choices) > 0 {
		text = stripThinking(resp.Choices[0].Content)
	}
	if text == "" {
		f.reason = "the model returned an empty answer"
		return "", false, f
	}
	if w != nil {
		if err := sw.finish(); err != nil {
			f.reason, f.streamed = l.redact("writing the answer: "+err.Error()), sw.n > 0
			return "", false, f
		}
	}
	if l.maxChars > 0 && utf8.RuneCountInString(text) > l.maxChars {
		return string([]rune(text)[:l.maxChars]), true, nil
	}
	// The server's own token cap (MaxTokens) cut the answer.
	return text, ex.cutShort.Load(), nil
}

// redact keeps the API key out of a message, whatever a server echoed.
func (l *LLM) redact(s string) string { return l.redactor.String(oneLine(s)) }

func statusReason(code int, message, endpoint string, openAI bool) string {
	s := fmt.Sprintf("%d %s", code, http.StatusText(code))
	if message != "" {
		s += " (" + message + ")"
	}
	if code == http.StatusNotFound && openAI {
		if u, err := url.Parse(endpoint); err == nil && (u.Path == "" || u.Path == "/") {
			s += "; does the base URL need /v1?"
		}
	}
	return s
}

// transportReason is the network error without the request's URL, which
// the message names already.
func transportReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// streamWriter passes streamed text on to w, less any thinking, counting
// what got there and keeping it, up to the cap of max characters (none
// when 0). Raw text is capped too, at rawPerChar times as many bytes, so
// that a model thinking without end is stopped as well.
type streamWriter struct {
	w      io.Writer
	think  thinkFilter
	max    int
	chars  int
	raw    int
	n      int
	text   strings.Builder
	capped bool
	err    error
}

const rawPerChar = 16

// errCapped stops the stream at the cap.
var errCapped = errors.New("length cap reached")

func (s *streamWriter) write(_ context.Context, chunk []byte) error {
	s.raw += len(chunk)
	b := s.think.feed(chunk)
	if s.max > 0 {
		if n := utf8.RuneCount(b); s.chars+n >= s.max {
			b = []byte(string([]rune(string(b))[:s.max-s.chars]))
			s.capped = true
		} else if s.raw > rawPerChar*s.max {
			s.capped = true
		}
		s.chars += utf8.RuneCount(b)
	}
	if err := s.pass(b); err != nil {
		return err
	}
	if s.capped {
		return errCapped
	}
	return nil
}

// finish writes what was held back in case it began a <think> tag.
func (s *streamWriter) finish() error {
	if s.capped {
		return nil
	}
	return s.pass(s.think.rest())
}

func (s *streamWriter) pass(b []byte) error {
	if len(b) == 0 {
		return nil // role announcements, usage reports, thinking
	}
	s.text.Write(b)
	if s.w == nil {
		return nil
	}
	n, err := s.w.Write(b)
	s.n += n
	if err != nil {
		s.err = err
	}
	return err
}

// thinkFilter drops the <think>…</think> block that reasoning models
// served without a reasoning parser (Qwen3 or DeepSeek-R1 on Ollama, vLLM,
// llama.cpp) put before the answer itself; a chunk may end anywhere, in a
// tag too.
type thinkFilter struct {
	state int
	buf   []byte
}

const (
	thinkUndecided = iota // not yet known whether a <think> block comes
	thinkInside
	thinkAfter // the space between </think> and the answer
	thinkDone  // the answer: passed through
)

var thinkOpen, thinkClose = []byte("<think>"), []byte("</think>")

// feed returns what of chunk belongs to the answer.
func (f *thinkFilter) feed(chunk []byte) []byte {
	if f.state == thinkDone {
		return chunk
	}
	f.buf = append(f.buf, chunk...)
	for {
		switch f.state {
		case thinkUndecided:
			t := bytes.TrimLeft(f.buf, " \t\r\n")
			if len(t) < len(thinkOpen) && bytes.HasPrefix(thinkOpen, t) {
				return nil
			}
			if !bytes.HasPrefix(t, thinkOpen) {
				f.state, f.buf = thinkDone, nil
				return t
			}
			f.state, f.buf = thinkInside, t[len(thinkOpen):]
		case thinkInside:
			i := bytes.Index(f.buf, thinkClose)
			if i < 0 {
				return nil
			}
			f.state, f.buf = thinkAfter, f.buf[i+len(thinkClose):]
		case thinkAfter:
			t := bytes.TrimLeft(f.buf, " \t\r\n")
			if len(t) == 0 {
				f.buf = nil
				return nil
			}
			f.state, f.buf = thinkDone, nil
			return t
		default:
			return nil
		}
	}
}

// rest is the text held back at the end: a short answer that looked as if
// it might open a <think> tag.
func (f *thinkFilter) rest() []byte {
	if f.state == thinkUndecided {
		return bytes.TrimLeft(f.buf, " \t\r\n")
	}
	return nil
}

// stripThinking is the answer in text, without a leading <think> block.
func stripThinking(text string) string {
	var f thinkFilter
	out := f.feed([]byte(text))
	return strings.TrimSpace(string(out) + string(f.rest()))
}

// exchange is what the stream's body told of one attempt's reply; the
// status, Retry-After, message and network error are on the attempt's
// httpretry.Exchange.
type exchange struct {
	// finished is set when the reply carried the server's normal end: a
	// stream's [DONE] or finish_reason (Ollama: done), or a whole reply.
	finished atomic.Bool
	// tooLong is set when a whole reply passed maxBody.
	tooLong atomic.Bool
	// cutShort is set when the server ended the answer at its token limit
	// (finish_reason or done_reason "length").
	cutShort atomic.Bool
}

type exchangeKey struct{}

// observed returns a client sending through c (its transport, time limit,
// redirects and cookies) that notes on the attempt's exchanges the status,
// Retry-After and error message of each response, or the network error,
// and whether a reply's stream came to its normal end.
func observed(c *http.Client) *http.Client {
	return httpretry.ObserveWith(c, &httpretry.Observer{
		Body: func(ctx context.Context, body io.ReadCloser) io.ReadCloser {
			ex, _ := ctx.Value(exchangeKey{}).(*exchange)
			if ex == nil {
				return body
			}
			return &finishWatch{body: body, ex: ex}
		},
	})
}

// finishWatch reads a reply's body for the client, noting on the exchange
// whether the server finished it normally, and cutting off a body that
// goes on past maxBody.
type finishWatch struct {
	body io.ReadCloser
	ex   *exchange
	line []byte // the current line, up to its first 4 KiB
	n    int
}

func (f *finishWatch) Close() error { return f.body.Close() }

func (f *finishWatch) Read(p []byte) (int, error) {
	n, err := f.body.Read(p)
	f.n += n
	for _, c := range p[:n] {
		if c == '\n' {
			f.check()
			f.line = f.line[:0]
		} else if len(f.line) < 4<<10 {
			f.line = append(f.line, c)
		}
	}
	if err == io.EOF {
		f.check()
	}
	if f.n > maxBody {
		// A server sending without end; an answer of the default cap is a
		// few KiB even streamed.
		f.ex.tooLong.Store(true)
		return n, errors.New("reply too long")
	}
	return n, err
}

// check looks at one line: an SSE "data: [DONE]", an SSE or whole JSON
// reply with a finish_reason, or an Ollama line with "done": true.
func (f *finishWatch) check() {
	line := bytes.TrimSpace(f.line)
	if data, ok := bytes.CutPrefix(line, []byte("data:")); ok {
		line = bytes.TrimSpace(data)
		if string(line) == "[DONE]" {
			f.ex.finished.Store(true)
			return
		}
	}
	if len(line) == 0 || line[0] != '{' {
		return
	}
	var v struct {
		Choices []struct {
			FinishReason *string `json:"finish_reason"`
		} `json:"choices"`
		Done       bool   `json:"done"`
		DoneReason string `json:"done_reason"`
	}
	if json.Unmarshal(line, &v) != nil {
		return
	}
	if v.Done {
		f.ex.finished.Store(true)
		f.ex.cutShort.Store(v.DoneReason == "length")
	}
	for _, c := range v.Choices {
		if c.FinishReason != nil && *c.FinishReason != "" {
			f.ex.finished.Store(true)
			f.ex.cutShort.Store(*c.FinishReason == "length")
		}
	}
}
