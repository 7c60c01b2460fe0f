package httpretry

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

const (
	// messageHead is how much of an error body is read for its message.
	messageHead = 8 << 10
	// maxMessage clips a server's message, in characters.
	maxMessage = 300
)

// ReadMessage returns the message of an error response (see
// ServerMessage), reading at most the body's first 8 KiB, and leaves the
// whole body to be read again by the client.
func ReadMessage(resp *http.Response) string {
	if resp == nil || resp.Body == nil {
		return ""
	}
	head, err := io.ReadAll(io.LimitReader(resp.Body, messageHead))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
	if err != nil && len(head) == 0 {
		return ""
	}
	return ServerMessage(head)
}

// ServerMessage finds the message in an error body, as one line of at most
// 300 characters: OpenAI's {"error":{"message":…}}, Ollama's {"error":"…"},
// the {"message":…} or {"detail":"…"} of other servers, else a plain-text
// body. An HTML page (a proxy's) gives "", as its first line says nothing.
func ServerMessage(body []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Detail  any             `json:"detail"`
	}
	msg := ""
	if json.Unmarshal(body, &v) == nil {
		var inner struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(v.Error, &inner) == nil && inner.Message != "":
			msg = inner.Message
		case json.Unmarshal(v.Error, &s) == nil && s != "":
			msg = s
		case v.Message != "":
			msg = v.Message
		default:
			msg, _ = v.Detail.(string)
		}
	} else if t := strings.TrimSpace(string(body)); !strings.HasPrefix(t, "<") && utf8.ValidString(t) {
		msg = t
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if r := []rune(msg); len(r) > maxMessage {
		msg = string(r[:maxMessage]) + "…"
	}
	return msg
}
