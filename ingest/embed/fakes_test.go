package embed

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// reply scripts one answer of a fake server.
type reply struct {
	status     int           // 0 means 200 with vectors
	retryAfter string        // Retry-After header
	body       string        // the body of an error answer, or of a bad 200
	delay      time.Duration // wait before answering, or until the client gives up
	hangup     bool          // close the connection without answering
	// vectors answers a successful request; nil means vectorFor each input.
	vectors func(inputs []string) [][]float32
}

// request is what a fake server received.
type request struct {
	path   string
	auth   string
	model  string
	inputs []string
}

// fakeServer is a real HTTP server on 127.0.0.1 speaking either the OpenAI
// embeddings API or Ollama's /api/embed, answering from a script.
type fakeServer struct {
	*httptest.Server
	mu      sync.Mutex
	script  []reply // by request number; after it, success
	reqs    []request
	ollama  bool
	badPath []string
}

func newFakeOpenAI(t *testing.T, script ...reply) *fakeServer { return newFake(t, false, script) }
func newFakeOllama(t *testing.T, script ...reply) *fakeServer { return newFake(t, true, script) }

func newFake(t *testing.T, ollama bool, script []reply) *fakeServer {
	f := &fakeServer{script: script, ollama: ollama}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		f.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, p := range f.badPath {
			t.Errorf("fake server got a request for %s", p)
		}
	})
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	wantPath := "/v1/embeddings"
	if f.ollama {
		wantPath = "/api/embed"
	}
	if r.Method != http.MethodPost || r.URL.Path != wantPath {
		f.mu.Lock()
		f.badPath = append(f.badPath, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	req := request{path: r.URL.Path, auth: r.Header.Get("Authorization")}
	if f.ollama {
		var body struct {
			Model string `json:"model"`
			Input string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, `{"error":"bad json"}`, http.StatusBadRequest)
			return
		}
		req.model, req.inputs = body.Model, []string{body.Input}
	} else {
		var body struct {
			Model string   `json:"model"`
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, `{"error":{"message":"bad json"}}`, http.StatusBadRequest)
			return
		}
		req.model, req.inputs = body.Model, body.Input
	}

	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, req)
	var rep reply
	if n < len(f.script) {
		rep = f.script[n]
	}
	f.mu.Unlock()

	if rep.delay > 0 {
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.hangup {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	if rep.status != 0 && rep.status != http.StatusOK || rep.body != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(max(rep.status, http.StatusOK))
		fmt.Fprint(w, rep.body)
		return
	}
	vf := rep.vectors
	if vf == nil {
		vf = func(in []string) [][]float32 {
			out := make([][]float32, len(in))
			for i, s := range in {
				out[i] = vectorFor(s)
			}
			return out
		}
	}
	vs := vf(req.inputs)
	w.Header().Set("Content-Type", "application/json")
	if f.ollama {
		json.NewEncoder(w).Encode(map[string]any{"model": req.model, "embeddings": vs})
		return
	}
	type datum struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	data := make([]datum, len(vs))
	for i, v := range vs {
		data[i] = datum{"embedding", v, i}
	}
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": req.model})
}

// vectorFor is the fake servers' vector for "t<n>": [n+1, 2, 0, 2], not of
// unit length, and telling which text it was for.
func vectorFor(s string) []float32 {
	n, _ := strconv.Atoi(strings.TrimPrefix(s, "t"))
	return []float32{float32(n + 1), 2, 0, 2}
}

func (f *fakeServer) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.reqs...)
}

// texts returns "t0", "t1", … "t<n-1>".
func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "t" + strconv.Itoa(i)
	}
	return out
}
