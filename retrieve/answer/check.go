package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// reMarker finds citation markers: [1], [1, 2], [1][2], 【1】, [^1].
var reMarker = regexp.MustCompile(`[\[【]\^?\s*([0-9]+(?:\s*[,，、]\s*[0-9]+)*)\s*[\]】]`)

// reSpaceBeforePunct is the space a removed marker leaves before punctuation.
var reSpaceBeforePunct = regexp.MustCompile(`[ \t]+([。，,.!?！？])`)

// checkCitations keeps the markers of a generated answer that name a
// source that was given and drops the others; the citations are listed in
// order of first use under the numbers the answer uses. Markers keep the
// sources' numbers, so an answer streamed to a terminal as the model wrote
// it matches the citations printed under it. grounded is false when no
// valid marker is left; refused is true when the model said the sources do
// not hold the answer.
func checkCitations(eng *retrieve.Engine, text string, sources []Source, q *retrieve.Query) (out string, cites []Citation, grounded, refused bool) {
	valid := map[int]bool{}
	out = reMarker.ReplaceAllStringFunc(text, func(m string) string {
		nums := reMarker.FindStringSubmatch(m)[1]
		var kept []string
		for _, f := range strings.FieldsFunc(nums, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > len(sources) {
				continue
			}
			if _, seen := valid[n]; !seen {
				src := sources[n-1]
				a, d, found := eng.Store().Article(articleOfChunk(eng, src.ID))
				valid[n] = found
				if found {
					quote := bestQuote(a.Text, src.Text)
					if !quoteOf(a, quote) {
						quote = ""
					}
					cites = append(cites, newCitation(n, a, d, quote))
				}
			}
			if valid[n] {
				kept = append(kept, "["+strconv.Itoa(n)+"]")
			}
		}
		return strings.Join(kept, "")
	})
	out = strings.TrimSpace(reSpaceBeforePunct.ReplaceAllString(out, "$1"))
	if cites == nil {
		cites = []Citation{}
	}
	refused = isRefusal(out)
	return out, cites, len(cites) > 0, refused && len(cites) == 0
}

func articleOfChunk(eng *retrieve.Engine, chunkID string) string {
	c, ok := eng.Store().Chunk(chunkID)
	if !ok {
		return ""
	}
	return c.ArticleID
}

// bestQuote is the chunk's first sentence, which is part of the article.
func bestQuote(article, chunk string) string {
	for _, s := range splitSentences(chunk) {
		// A passage given to the model may be cut out of its article (…).
		if t := strings.Trim(s.text, elided); strings.Contains(article, t) {
			return t
		}
	}
	return ""
}

// isRefusal recognizes an answer that says the sources hold nothing, in
// any of the three languages.
func isRefusal(text string) bool {
	t := strings.ToLower(normalize.ToSimplified(text))
	for _, p := range []string{"资料中没有找到相关内容", "没有找到相关内容", "资料中没有", "the archive has nothing", "the sources do not", "no information"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}
