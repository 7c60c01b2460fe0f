package answer

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// gate is what an LLM's answer passes through on its way to the reader,
// streamed or whole, so that both see the same checked text:
//
//   - Text that may begin a citation marker ([, 【) is held back until the
//     marker is complete. A marker's numbers that name a source given to
//     the model pass as [n]; others (an invented [7]) never reach the
//     reader. What turns out not to be a marker passes as it was.
//   - Text is passed on a clause at a time, converted to the question's
//     script (OpenCC) when the model wrote the other one, e.g. a
//     Traditional name copied from a source into a Simplified answer.
//
// The gate is not safe for concurrent use.
type gate struct {
	w       io.Writer // nil: the text is only kept
	sources int
	lang    retrieve.Lang
	partial []byte // an incomplete UTF-8 sequence from the last write
	held    []rune
	out     strings.Builder
	err     error
}

func newGate(w io.Writer, sources int, lang retrieve.Lang) *gate {
	return &gate{w: w, sources: sources, lang: lang}
}

// maxMarker is the longest text held as a possible marker: [1, 2, 3, 4]
// and a few spaces fit; anything longer is text.
const maxMarker = 24

// clauseEnd are the marks after which held text is passed on.
const clauseEnd = "，。！？；：、,.!?;:\n"

// Write takes the next piece of the answer.
func (g *gate) Write(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	b := append(g.partial, p...)
	end := len(b)
	for end > 0 && end > len(b)-utf8.UTFMax && !utf8.Valid(b[:end]) {
		end--
	}
	if !utf8.Valid(b[:end]) {
		end = len(b) // not a cut sequence: invalid text, passed as is
	}
	g.partial = append([]byte(nil), b[end:]...)
	g.held = append(g.held, []rune(string(b[:end]))...)
	g.drain(false)
	return len(p), g.err
}

// Flush passes on everything held: the answer is complete (or stopped).
func (g *gate) Flush() error {
	if len(g.partial) > 0 {
		g.held = append(g.held, []rune(string(g.partial))...)
		g.partial = nil
	}
	g.drain(true)
	return g.err
}

// String is all the text passed on.
func (g *gate) String() string { return g.out.String() }

// drain passes on what of held is decided; all of it when final.
func (g *gate) drain(final bool) {
	var text []rune // decided text, not yet passed on
	i := 0
	for i < len(g.held) {
		r := g.held[i]
		if r != '[' && r != '【' {
			text = append(text, r)
			i++
			continue
		}
		n, marker, open := g.marker(g.held[i:])
		switch {
		case open && !final:
			g.emit(text)
			g.held = append(g.held[:0], g.held[i:]...)
			return
		case open:
			// The answer ended (was cut or stopped) inside what may be a
			// marker: it cannot be checked, so it is not passed.
			i = len(g.held)
		case n > 0:
			text = append(text, []rune(marker)...)
			i += n
		default:
			text = append(text, r)
			i++
		}
	}
	g.held = g.held[:0]
	if !final {
		// Keep the last unfinished clause back for the script conversion.
		cut := strings.LastIndexAny(string(text), clauseEnd)
		if cut < 0 && len(text) < 64 {
			g.held = append(g.held, text...)
			return
		}
		if cut >= 0 {
			cutRunes := utf8.RuneCountInString(string(text)[:cut]) + 1
			g.held = append(g.held, text[cutRunes:]...)
			text = text[:cutRunes]
		}
	}
	g.emit(text)
}

// marker reads a possible citation marker at the start of rs: n is its
// length in runes and out what replaces it when it is one; open is set
// when more text is needed to tell.
func (g *gate) marker(rs []rune) (n int, out string, open bool) {
	for j := 1; j < len(rs) && j <= maxMarker; j++ {
		switch r := rs[j]; {
		case r == ']' || r == '】':
			m := string(rs[:j+1])
			if loc := reMarker.FindStringIndex(m); loc == nil || loc[0] != 0 || loc[1] != len(m) {
				return 0, "", false
			}
			return j + 1, g.keep(m), false
		case r >= '0' && r <= '9', r == ' ', r == '^', r == ',', r == '，', r == '、':
		default:
			return 0, "", false
		}
	}
	return 0, "", len(rs) <= maxMarker
}

// keep is a marker with only the numbers of given sources, as [n][m].
func (g *gate) keep(m string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(reMarker.FindStringSubmatch(m)[1], func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(f); err == nil && n >= 1 && n <= g.sources {
			b.WriteString("[" + strconv.Itoa(n) + "]")
		}
	}
	return b.String()
}

func (g *gate) emit(text []rune) {
	if len(text) == 0 {
		return
	}
	s := toScript(string(text), g.lang)
	g.out.WriteString(s)
	if g.w != nil && g.err == nil {
		if _, err := io.WriteString(g.w, s); err != nil {
			g.err = err
		}
	}
}

// toScript converts Chinese text into the script of the question; English
// answers are left as they are.
func toScript(s string, lang retrieve.Lang) string {
	switch lang {
	case retrieve.Traditional:
		return normalize.ToTraditional(s)
	case retrieve.English:
		return s
	}
	return normalize.ToSimplified(s)
}
