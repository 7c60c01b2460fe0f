// Package termsafe makes archive and model text safe to print on a
// terminal: control characters (C0, C1, DEL), bytes that are not UTF-8 and
// bidirectional overrides are shown as visible escapes, so a record cannot
// send escape sequences (colours, window titles, links, screen clears) or
// forge a line of output.
package termsafe

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Line makes s safe as part of one line of output: line breaks and other
// white-space controls become spaces, so a headline or source cannot start
// a line of its own (as a forged "[1] …" citation).
func Line(s string) string {
	if clean(s, false) {
		return s
	}
	return string(appendSafe(nil, s, false))
}

// Text makes s safe as text whose line breaks belong to it (an answer of
// several lines): "\n" and tabs are kept, everything else as in Line.
func Text(s string) string {
	if clean(s, true) {
		return s
	}
	return string(appendSafe(nil, s, true))
}

// clean reports whether s needs no change, the common case.
func clean(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7F {
			if keepNewlines && (c == '\n' || c == '\t') {
				continue
			}
			return false
		}
		if c >= utf8.RuneSelf {
			return false // judged rune by rune
		}
	}
	return true
}

func appendSafe(b []byte, s string, keepNewlines bool) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// A stray byte: some terminals read 0x9B as CSI.
			b = fmt.Appendf(b, `\x%02x`, s[i])
		case keepNewlines && (r == '\n' || r == '\t'):
			b = append(b, byte(r))
		case keepNewlines && r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
			// a CRLF line ending: the "\n" is kept next
		case r == '\n' || r == '\t' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b = append(b, ' ')
		case r < 0x20 || r == 0x7F:
			b = fmt.Appendf(b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// Writer passes text written in pieces (a streamed answer) through Text.
// A character split between two writes is held until it is whole.
type Writer struct {
	w    io.Writer
	tail []byte
}

// NewWriter returns a Writer printing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write writes p made safe. It reports len(p) when the safe text was
// written, since its length differs from p's.
func (sw *Writer) Write(p []byte) (int, error) {
	buf := append(sw.tail, p...)
	cut := len(buf)
	// Hold back an incomplete character at the end: at most 3 bytes.
	for k := 1; k <= 3 && k <= len(buf); k++ {
		c := buf[len(buf)-k]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(buf[len(buf)-k:]) {
				cut = len(buf) - k
			}
			break
		}
	}
	if cut > 0 && buf[cut-1] == '\r' {
		cut-- // a CRLF split between writes
	}
	sw.tail = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(sw.w, Text(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
