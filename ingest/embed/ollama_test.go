package embed

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
)

func newTestOllama(t *testing.T, f *fakeServer, cfg Config) (*Remote, *retrytest.Clock) {
	t.Helper()
	cfg.BaseURL = f.URL
	r, err := NewOllama(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rec := &retrytest.Clock{}
	r.rt.Clock = rec
	return r, rec
}

// langchaingo's Ollama client posts one text per request to /api/embed.
func TestOllamaEmbeds(t *testing.T) {
	f := newFakeOllama(t)
	r, _ := newTestOllama(t, f, Config{BatchSize: 2})
	if r.Name() != "ollama:bge-m3" {
		t.Errorf("Name() = %s, want ollama:bge-m3", r.Name())
	}
	in := texts(5)
	vs, err := r.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vs)
	reqs := f.requests()
	if len(reqs) != len(in) {
		t.Fatalf("%d requests, want %d", len(reqs), len(in))
	}
	for i, req := range reqs {
		if len(req.inputs) != 1 || req.inputs[0] != in[i] || req.model != "bge-m3" {
			t.Errorf("request %d: model %q inputs %q, want bge-m3 [%s]", i, req.model, req.inputs, in[i])
		}
	}
	if r.Dim() != 4 {
		t.Errorf("Dim() = %d, want 4", r.Dim())
	}
}

func TestOllamaModel(t *testing.T) {
	f := newFakeOllama(t)
	e, err := New("ollama", Config{BaseURL: f.URL + "/", Model: "nomic-embed-text"})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name() != "ollama:nomic-embed-text" {
		t.Errorf("Name() = %s", e.Name())
	}
	if _, err := e.Embed(context.Background(), []string{"浦江创新论坛"}); err != nil {
		t.Fatal(err)
	}
	if reqs := f.requests(); len(reqs) != 1 || reqs[0].model != "nomic-embed-text" || reqs[0].inputs[0] != "浦江创新论坛" {
		t.Errorf("requests %+v", reqs)
	}
}

// Each request is retried on its own: a 503 on the second text repeats
// only that text.
func TestOllamaRetriesOneRequest(t *testing.T) {
	f := newFakeOllama(t, reply{}, reply{status: 503, retryAfter: "2", body: `{"error":"server busy"}`})
	r, rec := newTestOllama(t, f, Config{})
	in := texts(3)
	vs, err := r.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, in, vs)
	var sent []string
	for _, req := range f.requests() {
		sent = append(sent, req.inputs...)
	}
	if strings.Join(sent, ",") != "t0,t1,t1,t2" {
		t.Errorf("texts sent %v, want t0,t1,t1,t2", sent)
	}
	if w := rec.Waits(); len(w) != 1 || w[0] != 2*time.Second {
		t.Errorf("waits %v, want [2s]", w)
	}
}

func TestOllamaErrors(t *testing.T) {
	tests := []struct {
		name     string
		script   []reply
		requests int
		want     string
	}{
		{
			name:     "model not pulled",
			script:   []reply{{status: 404, body: `{"error":"model \"bge-m3\" not found, try pulling it first"}`}},
			requests: 1,
			want:     `server answered HTTP 404 (1 attempt): model "bge-m3" not found, try pulling it first`,
		},
		{
			name:     "500 until retries run out",
			script:   []reply{{status: 500, body: `{"error":"llama runner process has terminated"}`}, {status: 500, body: `{"error":"llama runner process has terminated"}`}},
			requests: 2,
			want:     "server answered HTTP 500 (2 attempts): llama runner process has terminated",
		},
		{
			name:     "plain text error",
			script:   []reply{{status: 400, body: "bad request\nmore detail"}},
			requests: 1,
			want:     "server answered HTTP 400 (1 attempt): bad request",
		},
		{
			name: "two vectors for one text",
			script: []reply{{vectors: func([]string) [][]float32 {
				return [][]float32{{1, 0}, {0, 1}}
			}}},
			requests: 2,
			want:     "server returned 3 vectors for 2 texts",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOllama(t, tt.script...)
			r, _ := newTestOllama(t, f, Config{MaxRetries: 1})
			_, err := r.Embed(context.Background(), texts(2))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if n := len(f.requests()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestOllamaTimeout(t *testing.T) {
	f := newFakeOllama(t, reply{delay: 10 * time.Second}, reply{delay: 10 * time.Second})
	r, err := NewOllama(Config{BaseURL: f.URL, Timeout: 30 * time.Millisecond, MaxRetries: 1, Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Embed(context.Background(), texts(1))
	if err == nil || !strings.Contains(err.Error(), "no answer within 30ms (2 attempts)") {
		t.Errorf("error %v, want no answer within 30ms (2 attempts)", err)
	}
}
