package ingest

import (
	"strings"
	"unicode"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Chunk sizes, in runes of Article.Text. A chunk is closed once it holds
// chunkTargetRunes or the next sentence would take it past chunkMaxRunes;
// sentences longer than chunkPieceRunes are cut at commas first, so two
// pieces always fit in one chunk and every chunk but an article's last has
// at least chunkMinRunes.
const (
	chunkMinRunes    = 150
	chunkTargetRunes = 300
	chunkMaxRunes    = 400
	chunkPieceRunes  = 200
)

// ChunkArticle cuts an article into retrieval chunks of whole sentences
// (ended by 。！？；!?; or a paragraph break, closing quotes kept with their
// sentence), about 150–400 runes each, consecutive chunks sharing one
// sentence so that a fact straddling a boundary is whole in one of them. A
// sentence too long for that is cut at commas (，,、), or hard at
// chunkPieceRunes when it has none. An article of at most chunkMaxRunes is
// one chunk; one with no text but a headline is one empty chunk, so that
// the headline is still found. Start and End are rune offsets into a.Text
// with white space trimmed off both ends; Norm is the normalized kicker,
// headline and subtitle followed by the chunk text.
func ChunkArticle(a *archive.Article) []archive.Chunk {
	if a == nil {
		return nil
	}
	rs := []rune(a.Text)
	pieces := chunkPieces(rs)
	prefix := chunkPrefix(a)
	if len(pieces) == 0 {
		if prefix == "" {
			return nil
		}
		return []archive.Chunk{{ID: archive.ChunkID(a.ID, 0), ArticleID: a.ID, Norm: normalize.ForIndex(prefix)}}
	}
	var chunks []archive.Chunk
	emit := func(start, end int) {
		text := string(rs[start:end])
		chunks = append(chunks, archive.Chunk{
			ID:        archive.ChunkID(a.ID, len(chunks)),
			ArticleID: a.ID,
			Seq:       len(chunks),
			Start:     start,
			End:       end,
			Text:      text,
			Norm:      normalize.ForIndex(prefix + "\n" + text),
		})
	}
	last := len(pieces) - 1
	for i := 0; ; {
		j := i
		for j < last {
			if pieces[last].end-pieces[i].start <= chunkMaxRunes {
				j = last // the rest fits: no short tail chunk
				break
			}
			if pieces[j].end-pieces[i].start >= chunkTargetRunes || pieces[j+1].end-pieces[i].start > chunkMaxRunes {
				break
			}
			j++
		}
		emit(pieces[i].start, pieces[j].end)
		if j == last {
			return chunks
		}
		// Share the last sentence with the next chunk when it leaves room
		// for a new one beside it.
		if j > i && pieces[j+1].end-pieces[j].start <= chunkMaxRunes {
			i = j
		} else {
			i = j + 1
		}
	}
}

// chunkPrefix is what every chunk of a is indexed under besides its text:
// the kicker, headline and subtitle. A TOC entry's text is its headline,
// which is not repeated.
func chunkPrefix(a *archive.Article) string {
	var parts []string
	for _, s := range []string{a.Kicker, a.Headline, a.Subtitle} {
		if s != "" && !(a.Kind == archive.KindTOC && s == a.Text) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

// runeSpan is a run of runes [start, end) of an article's text.
type runeSpan struct{ start, end int }

// chunkPieces splits text into sentences with white space trimmed off, the
// ones longer than chunkPieceRunes cut further.
func chunkPieces(rs []rune) []runeSpan {
	var out []runeSpan
	add := func(start, end int) {
		for start < end && unicode.IsSpace(rs[start]) {
			start++
		}
		for end > start && unicode.IsSpace(rs[end-1]) {
			end--
		}
		if start < end {
			out = appendCut(out, rs, runeSpan{start, end})
		}
	}
	start, quotes := 0, 0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\n':
			add(start, i)
			start, quotes = i+1, 0
		case r == '"':
			quotes++
		case strings.ContainsRune(sentenceEnders, r):
			end := i + 1
			for end < len(rs) && (strings.ContainsRune(sentenceEnders, rs[end]) || isSentenceCloser(rs[end], &quotes)) {
				end++
			}
			add(start, end)
			start, quotes = end, 0
			i = end - 1
		}
	}
	add(start, len(rs))
	return out
}

// isSentenceCloser reports a closing quote or bracket after a sentence's
// end. A straight double quote closes only if one was opened in the
// sentence; otherwise it opens the next one.
func isSentenceCloser(r rune, quotes *int) bool {
	if r == '"' {
		if *quotes%2 == 1 {
			*quotes++
			return true
		}
		return false
	}
	return strings.ContainsRune(closingMarks, r)
}

// appendCut appends s to out, cut at commas (the comma staying with the
// clause before it) into pieces of at most chunkPieceRunes, or cut hard
// where a clause is longer than that.
func appendCut(out []runeSpan, rs []rune, s runeSpan) []runeSpan {
	for s.end-s.start > chunkPieceRunes {
		limit := s.start + chunkPieceRunes
		cut := -1
		for k := limit - 1; k > s.start; k-- {
			if strings.ContainsRune("，,、", rs[k]) {
				cut = k + 1
				break
			}
		}
		if cut < 0 {
			cut = limit
		}
		piece := runeSpan{s.start, cut}
		for piece.end > piece.start && unicode.IsSpace(rs[piece.end-1]) {
			piece.end--
		}
		if piece.start < piece.end {
			out = append(out, piece)
		}
		s.start = cut
		for s.start < s.end && unicode.IsSpace(rs[s.start]) {
			s.start++
		}
	}
	if s.start < s.end {
		out = append(out, s)
	}
	return out
}
