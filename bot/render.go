package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// maxMessage is Telegram's limit on a message's length. Telegram counts the
// text left after parsing the HTML, in UTF-16 code units; counting the HTML
// itself the same way is stricter, so a part that fits here fits there.
const maxMessage = 4096

// maxRefRunes caps one citation line, and maxQuoteRunes the quote folded
// under it, so that a part always has room for text next to the citations
// it needs.
const (
	maxRefRunes   = 400
	maxQuoteRunes = 300
)

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escape makes text safe inside Telegram HTML. Telegram needs only these
// three escaped outside attributes.
func escape(s string) string { return htmlEscaper.Replace(s) }

// utf16Len is the length of s as Telegram counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// unit is a piece of a message that a part may end after: a sentence with
// the citation markers that follow it, or a line. It is plain text; it
// becomes HTML only when rendered, so splitting it never breaks a tag or an
// entity.
type unit struct {
	text string
	tag  string // "", "b", "i", "blockquote", "blockquote expandable": wraps the escaped text
	sep  string // written after the closing tag, e.g. "\n"
	// cited: markers are read from the text and their citations go with it.
	cited   bool
	markers []int // citation numbers the unit needs in its part
}

func (u unit) html() string {
	if u.tag == "" {
		return escape(u.text) + u.sep
	}
	name, _, _ := strings.Cut(u.tag, " ")
	return "<" + u.tag + ">" + escape(u.text) + "</" + name + ">" + u.sep
}

// stripMarkers removes [n] citation markers from text.
func stripMarkers(text string) string {
	return strings.TrimSpace(reMarker.ReplaceAllString(text, ""))
}

var reMarker = regexp.MustCompile(`\[(\d{1,3})\]`)

// markersIn lists the citation numbers written in text, in order, once each.
func markersIn(text string) []int {
	var out []int
	for _, m := range reMarker.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[1])
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func citedUnit(text string) unit {
	return unit{text: text, cited: true, markers: markersIn(text)}
}

// footer renders the citation lines for a part's markers.
type footer func(markers []int) string

// pack lays units out in as few messages of at most limit as it can. A part
// ends at a paragraph end when one is in its second half, else after any
// unit; a unit too long for a part on its own is cut at sentence, then
// clause, then character boundaries (never inside a [n] marker). Every part
// carries, in its footer, the citations of the markers in it.
func pack(units []unit, foot footer, limit int) []string {
	var parts []string
	var cur []unit
	queue := slices.Clone(units)
	for len(queue) > 0 {
		u := queue[0]
		if len(cur) == 0 && strings.TrimSpace(u.text) == "" && len(u.markers) == 0 {
			queue = queue[1:] // nothing to show at the start of a part
			continue
		}
		next := append(slices.Clone(cur), u)
		if utf16Len(render(next, foot)) <= limit {
			cur, queue = next, queue[1:]
			continue
		}
		if len(cur) > 0 {
			cut := paragraphCut(cur, foot, limit)
			parts = append(parts, render(cur[:cut], foot))
			queue = append(slices.Clone(cur[cut:]), queue...)
			cur = nil
			continue
		}
		pieces := splitUnit(u)
		if len(pieces) < 2 {
			// Cannot happen with citation lines capped at maxRefRunes; sent
			// alone rather than looping.
			parts = append(parts, render([]unit{u}, foot))
			queue = queue[1:]
			continue
		}
		queue = append(pieces, queue[1:]...)
	}
	if len(cur) > 0 {
		if p := render(cur, foot); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// paragraphCut is where a full part should end: after its last unit that
// ends a paragraph, if that leaves the part at least half full.
func paragraphCut(cur []unit, foot footer, limit int) int {
	for i := len(cur) - 1; i > 0; i-- {
		if endsParagraph(cur[i-1]) {
			if utf16Len(render(cur[:i], foot)) >= limit/2 {
				return i
			}
			break
		}
	}
	return len(cur)
}

func endsParagraph(u unit) bool {
	return strings.Contains(u.sep, "\n") || strings.HasSuffix(strings.TrimRight(u.text, " \t"), "\n")
}

// render writes units as one message: their HTML, then a blank line and the
// citation lines of their markers.
func render(us []unit, foot footer) string {
	var b strings.Builder
	var markers []int
	for _, u := range us {
		b.WriteString(u.html())
		for _, m := range u.markers {
			if !slices.Contains(markers, m) {
				markers = append(markers, m)
			}
		}
	}
	body := strings.TrimSpace(b.String())
	if foot == nil || len(markers) == 0 {
		return body
	}
	slices.Sort(markers)
	f := foot(markers)
	if f == "" {
		return body
	}
	if body == "" {
		return f
	}
	return body + "\n\n" + f
}

// splitUnit cuts a unit in two or more at the best boundary it has:
// sentence ends, then clause marks and spaces, then the middle character.
func splitUnit(u unit) []unit {
	texts := cutAfter(u.text, isSentenceEnd)
	if len(texts) < 2 {
		texts = cutAfter(u.text, isClauseEnd)
	}
	if len(texts) < 2 {
		texts = halve(u.text)
	}
	if len(texts) < 2 {
		return nil
	}
	out := make([]unit, len(texts))
	for i, t := range texts {
		p := unit{text: t, tag: u.tag, cited: u.cited}
		if i == len(texts)-1 {
			p.sep = u.sep
		}
		if u.cited {
			p.markers = markersIn(t)
		} else if i == 0 {
			p.markers = u.markers
		}
		out[i] = p
	}
	return out
}

func isSentenceEnd(r rune) bool { return strings.ContainsRune("。！？!?；;…\n", r) }

func isClauseEnd(r rune) bool {
	return strings.ContainsRune("，,、：:", r) || unicode.IsSpace(r)
}

func isClosing(r rune) bool { return strings.ContainsRune("”’」』）)】\"'", r) }

// cutAfter cuts text after every rune for which end is true, keeping with
// the piece before the cut the closing quotes, spaces and [n] markers that
// follow it. The pieces joined are text.
func cutAfter(text string, end func(rune) bool) []string {
	var out []string
	start, i := 0, 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !end(r) {
			continue
		}
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isClosing(r) && !end(r) {
				break
			}
			i += size
		}
		i = skipMarkersAndSpace(text, i)
		if i < len(text) {
			out = append(out, text[start:i])
			start = i
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// skipMarkersAndSpace moves past spaces and [n] markers starting at i.
func skipMarkersAndSpace(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if loc := reMarker.FindStringIndex(text[i:]); loc != nil && loc[0] == 0 {
			i += loc[1]
			continue
		}
		break
	}
	return i
}

// halve cuts text in two near its middle, outside any [n] marker.
func halve(text string) []string {
	n := utf8.RuneCountInString(text)
	if n < 2 {
		return nil
	}
	// byte offset of the middle rune
	mid := 0
	for k := 0; k < n/2; k++ {
		_, size := utf8.DecodeRuneInString(text[mid:])
		mid += size
	}
	for _, loc := range reMarker.FindAllStringIndex(text, -1) {
		if loc[0] < mid && mid < loc[1] {
			mid = loc[1]
			if mid == len(text) {
				mid = loc[0]
			}
		}
	}
	if mid == 0 || mid == len(text) {
		return nil
	}
	return []string{text[:mid], text[mid:]}
}

// shortRef is a citation's newspaper form without the paper's name, which
// every citation of this bot would repeat.
func shortRef(ref string) string {
	ref = strings.TrimPrefix(ref, answer.Paper)
	if r := []rune(ref); len(r) > maxRefRunes {
		ref = string(r[:maxRefRunes-1]) + "…"
	}
	return ref
}

// renderAnswer is an answer as Telegram HTML messages: the answer with its
// [n] markers, and under it the citations in newspaper form, each with
// its quote folded in an expandable blockquote. A long answer is split so
// that each part lists the citations of its own markers.
func renderAnswer(ans *answer.Answer, t *texts) []string {
	return renderAnswerParts(ans, t, 0)
}

// renderAnswerParts is renderAnswer in at most maxParts messages (0: no
// limit): a longer answer is cut, and says so.
func renderAnswerParts(ans *answer.Answer, t *texts, maxParts int) []string {
	var units []unit
	if !ans.Refused && !ans.Grounded && !ans.Stopped {
		units = append(units, unit{text: t.ungrounded, tag: "i", sep: "\n\n"})
	}
	for _, s := range cutAfter(strings.TrimSpace(ans.Answer), isSentenceEnd) {
		units = append(units, citedUnit(s))
	}
	if len(ans.Unsupported) > 0 {
		units = append(units, unit{sep: "\n"}, unit{text: t.unsupported, tag: "i", sep: "\n"})
		for _, claim := range ans.Unsupported {
			units = append(units, unit{text: "• " + stripMarkers(claim), sep: "\n"})
		}
	}
	if ans.Refused && len(ans.Related) > 0 {
		units = append(units, unit{sep: "\n"}, unit{text: t.related, tag: "i", sep: "\n"})
		for _, c := range ans.Related {
			link := "/sources"
			if c.TotalIssue != nil {
				link = fmt.Sprintf("/issue_%d", *c.TotalIssue)
			}
			units = append(units, unit{text: "• " + shortRef(c.Ref) + " " + link, sep: "\n"})
		}
		units = append(units, unit{text: t.relatedHint, tag: "i", sep: "\n"})
	}
	switch {
	case ans.Stopped:
		units = append(units, unit{sep: "\n"}, unit{text: t.stopped, tag: "i"})
	case ans.Truncated:
		units = append(units, unit{sep: "\n"}, unit{text: t.truncated, tag: "i"})
	}
	refs := map[int]string{}
	var unreferenced []int
	used := markersIn(ans.Answer)
	for _, c := range ans.Citations {
		line := escape(fmt.Sprintf("[%d] %s", c.N, shortRef(c.Ref)))
		if q := strings.TrimSpace(c.Quote); q != "" {
			line += "\n<blockquote expandable>" + escape(clip(readable(q), maxQuoteRunes)) + "</blockquote>"
		}
		refs[c.N] = line
		if !slices.Contains(used, c.N) {
			unreferenced = append(unreferenced, c.N)
		}
	}
	if len(unreferenced) > 0 {
		// Citations the text does not mark still belong under it: they ride
		// with the last part.
		units = append(units, unit{markers: unreferenced})
	}
	foot := func(markers []int) string {
		var lines []string
		for _, n := range markers {
			if ref, ok := refs[n]; ok {
				lines = append(lines, ref)
			}
		}
		return strings.Join(lines, "\n")
	}
	parts := pack(units, foot, maxMessage)
	if maxParts <= 0 || len(parts) <= maxParts {
		return parts
	}
	// Packed again with room left for the note, then cut.
	note := "\n\n<i>" + escape(t.truncated) + "</i>"
	parts = pack(units, foot, maxMessage-utf16Len(note))[:maxParts]
	parts[maxParts-1] += note
	return parts
}

// plainText undoes the bot's own HTML: the text Telegram would show. It is
// the fallback when Telegram rejects a part's HTML.
func plainText(html string) string {
	var b strings.Builder
	inTag := false
	for _, r := range html {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(b.String())
}
