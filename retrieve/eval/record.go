package eval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
)

// LLM exchanges are recorded at the HTTP layer, below whatever client
// library talks to the model: a recording is one response, filed under a
// hash of the request that produced it. The hash covers the method, the
// path and the JSON body with its keys sorted, never headers (which carry
// the API key) nor the host, so a suite recorded against one endpoint
// replays anywhere, and a changed prompt or model shows up as a missing
// recording.

// hashLen is how many hex digits of the request hash name a recording
// file and appear in messages.
const hashLen = 16

// recording is one file of a record/replay folder.
type recording struct {
	Hash     string          `json:"hash"`
	Case     string          `json:"case,omitempty"`
	Request  recordedRequest `json:"request"`
	Response recordedReply   `json:"response"`
}

type recordedRequest struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Body   json.RawMessage `json:"body"`
}

type recordedReply struct {
	Status int         `json:"status"`
	Header http.Header `json:"header"`
	// Body is the response as text (a streamed SSE body in full);
	// BodyBase64 holds it instead when it is not UTF-8.
	Body       string `json:"body,omitempty"`
	BodyBase64 string `json:"body_base64,omitempty"`
}

// caseTape follows one case through the transports, so that a recording
// names its case and a replay miss fails that case even when the answerer
// swallows the error and falls back to an extractive answer.
type caseTape struct {
	id       string
	mu       sync.Mutex
	problems []string
}

func (t *caseTape) fail(msg string) {
	t.mu.Lock()
	t.problems = append(t.problems, msg)
	t.mu.Unlock()
}

func (t *caseTape) missed() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.problems...)
}

type tapeKey struct{}

func withCase(ctx context.Context, t *caseTape) context.Context {
	return context.WithValue(ctx, tapeKey{}, t)
}

func tapeOf(ctx context.Context) *caseTape {
	t, _ := ctx.Value(tapeKey{}).(*caseTape)
	return t
}

// Recorder returns a transport that sends requests through next (the
// default transport when nil) and saves every successful exchange in dir,
// one JSON file per request hash. Streamed bodies reach the client as they
// arrive and are saved once read to the end. Request headers are not saved;
// response headers that could carry credentials are dropped.
func Recorder(dir string, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &recorder{dir: dir, next: next}
}

type recorder struct {
	dir  string
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	key, canon := requestKey(req.Method, req.URL, body)
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	out.ContentLength = int64(len(body))
	resp, err := r.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	tape := tapeOf(req.Context())
	if resp.StatusCode/100 != 2 {
		// A failure is not worth replaying: the case would fail forever.
		msg := fmt.Sprintf("not recorded: the model answered %s to request hash %s", resp.Status, key[:hashLen])
		slog.Warn("eval: "+msg, "case", caseID(tape))
		if tape != nil {
			tape.fail(msg)
		}
		return resp, nil
	}
	rec := &recording{
		Hash:     key,
		Case:     caseID(tape),
		Request:  recordedRequest{Method: req.Method, Path: req.URL.Path, Body: canon},
		Response: recordedReply{Status: resp.StatusCode, Header: safeHeader(resp.Header)},
	}
	resp.Body = &tapingBody{rc: resp.Body, done: func(data []byte) error {
		if err := r.save(rec, data); err != nil {
			slog.Error("eval: recording an LLM exchange", "case", rec.Case, "err", err)
			if tape != nil {
				tape.fail(err.Error())
			}
			return err
		}
		return nil
	}}
	return resp, nil
}

func (r *recorder) save(rec *recording, body []byte) error {
	if utf8.Valid(body) {
		rec.Response.Body = string(body)
	} else {
		rec.Response.BodyBase64 = base64.StdEncoding.EncodeToString(body)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fmt.Errorf("recording request %s: %w", rec.Hash[:hashLen], err)
	}
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return fmt.Errorf("recording request %s: %w", rec.Hash[:hashLen], err)
	}
	// Written aside and renamed, so a replay never reads half a file.
	name := filepath.Join(r.dir, rec.Hash[:hashLen]+".json")
	tmp, err := os.CreateTemp(r.dir, ".recording-*")
	if err != nil {
		return fmt.Errorf("recording request %s: %w", rec.Hash[:hashLen], err)
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("recording request %s: %w", rec.Hash[:hashLen], err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("recording request %s: %w", rec.Hash[:hashLen], err)
	}
	return nil
}

// tapingBody passes a response body through while keeping a copy, and
// hands the copy to done once the body has been read to its end. A client
// that closes early (having seen "data: [DONE]") gets the rest read for it.
type tapingBody struct {
	rc       io.ReadCloser
	buf      bytes.Buffer
	finished bool
	failed   bool
	done     func([]byte) error
}

func (t *tapingBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	t.buf.Write(p[:n])
	switch {
	case errors.Is(err, io.EOF):
		t.finish()
	case err != nil:
		t.failed = true
	}
	return n, err
}

func (t *tapingBody) finish() error {
	if t.finished || t.failed {
		return nil
	}
	t.finished = true
	return t.done(t.buf.Bytes())
}

// maxDrain bounds what Close reads of a body the client left unread.
const maxDrain = 16 << 20

func (t *tapingBody) Close() error {
	var err error
	if !t.finished && !t.failed {
		_, derr := io.Copy(&t.buf, io.LimitReader(t.rc, maxDrain))
		if derr == nil {
			err = t.finish()
		}
	}
	return errors.Join(err, t.rc.Close())
}

// Replayer returns a transport that answers every request from the
// recordings in dir and never touches the network. A request with no
// recording fails with a message naming the case and the request hash.
func Replayer(dir string) http.RoundTripper {
	return &replayer{dir: dir}
}

type replayer struct{ dir string }

func (r *replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	key, _ := requestKey(req.Method, req.URL, body)
	tape := tapeOf(req.Context())
	rec, err := r.load(key)
	if err != nil {
		var miss *missingError
		if errors.As(err, &miss) {
			miss.caseID = caseID(tape)
		}
		if tape != nil {
			tape.fail(err.Error())
		}
		return nil, err
	}
	resp := &http.Response{
		Status:     fmt.Sprintf("%d %s", rec.Response.Status, http.StatusText(rec.Response.Status)),
		StatusCode: rec.Response.Status,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     rec.Response.Header.Clone(),
		Request:    req,
	}
	if resp.Header == nil {
		resp.Header = http.Header{}
	}
	data := []byte(rec.Response.Body)
	if rec.Response.BodyBase64 != "" {
		if data, err = base64.StdEncoding.DecodeString(rec.Response.BodyBase64); err != nil {
			return nil, fmt.Errorf("replaying request %s: bad body_base64: %w", key[:hashLen], err)
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	resp.ContentLength = int64(len(data))
	return resp, nil
}

// load reads the recording of a request hash, or says clearly that there
// is none.
func (r *replayer) load(key string) (*recording, error) {
	name := filepath.Join(r.dir, key[:hashLen]+".json")
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, missing(key)
	}
	if err != nil {
		return nil, fmt.Errorf("replaying request %s: %w", key[:hashLen], err)
	}
	var rec recording
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("replaying request %s: %s is not a recording: %w", key[:hashLen], name, err)
	}
	if rec.Hash != key {
		// Same file name, another request: as good as missing.
		return nil, missing(key)
	}
	return &rec, nil
}

// missingError is a request the replay folder has no answer for.
type missingError struct {
	caseID, hash string
}

func missing(key string) error { return &missingError{hash: key[:hashLen]} }

func (e *missingError) Error() string {
	if e.caseID == "" {
		return fmt.Sprintf("no recording for request hash %s: run with --record against the model", e.hash)
	}
	return fmt.Sprintf("no recording for case %s (request hash %s): run with --record against the model", e.caseID, e.hash)
}

// readBody reads and closes a request's body (a transport must close it).
func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the request to %s: %w", req.URL.Path, err)
	}
	return b, nil
}

// requestKey is the hex SHA-256 of a request's method, path, query
// (without credentials) and canonical body, and the canonical body.
func requestKey(method string, u *url.URL, body []byte) (string, json.RawMessage) {
	canon := canonicalJSON(body)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", method, u.Path, safeQuery(u.Query()))
	h.Write(canon)
	return hex.EncodeToString(h.Sum(nil)), canon
}

// canonicalJSON re-encodes a JSON body with sorted keys and no insignificant
// space; a body that is not JSON is kept as a JSON string of its text.
func canonicalJSON(body []byte) json.RawMessage {
	if len(bytes.TrimSpace(body)) == 0 {
		return json.RawMessage("null")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		if out, err := encodeJSON(v); err == nil {
			return out
		}
	}
	out, _ := encodeJSON(string(body))
	return out
}

func encodeJSON(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// secretName reports whether a header or query parameter name may carry a
// credential.
func secretName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"auth", "key", "token", "secret", "cookie", "password", "signature", "organization", "project"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

func safeQuery(q url.Values) string {
	for k := range q {
		if secretName(k) {
			delete(q, k)
		}
	}
	return q.Encode()
}

// safeHeader keeps the response headers a client may need to read the
// body again, dropping credentials and what the transport computes itself.
func safeHeader(h http.Header) http.Header {
	out := http.Header{}
	for k := range h {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding", "Date":
			continue
		}
		if secretName(k) {
			continue
		}
		out[k] = append([]string(nil), h[k]...)
	}
	return out
}

func caseID(t *caseTape) string {
	if t == nil {
		return ""
	}
	return t.id
}
