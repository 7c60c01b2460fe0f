package answer

import (
	"regexp"
	"strings"
	"unicode"
)

// Newspapers name an institution in full (工业和信息化部, 国家发展和改革委员
// 会) where readers type its short form (工信部, 发改委). A short form is its
// full name's characters in order, so when the retrieved articles never
// print a name the question gives, the span of theirs that holds its
// characters in order, ending as it ends, is taken as the same name.

// abbrevEnd are the last characters of an institution's name, which a short
// form keeps: only runs ending so are read as short forms, so that an
// ordinary word the text does not print is not matched to a stray span.
const abbrevEnd = "部委局院办厅会署行所校"

// abbrevNot are characters no full name holds between a short form's: they
// join words (的, 是) or belong to the clause around them (都, 就).
const abbrevNot = "的是了都就也曾常一个在为与及或被把从"

// abbrevGap is the most characters of the full name between two of the
// short form's.
const abbrevGap = 4

// expansions are the full names, in the texts, of the question subject's
// short forms: 工信部 → 工业和信息化部.
func expansions(subject string, texts []string) map[string]string {
	var out map[string]string
	for _, w := range strings.Fields(subject) {
		rs := []rune(w)
		for n := 3; n <= 4; n++ {
			for i := 0; i+n <= len(rs); i++ {
				run := rs[i : i+n]
				if !strings.ContainsRune(abbrevEnd, run[n-1]) || !allHan(run) {
					continue
				}
				short := string(run)
				if _, done := out[short]; done || !unprinted(run, texts) {
					continue
				}
				if full := fullName(run, texts); full != "" {
					if out == nil {
						out = map[string]string{}
					}
					out[short] = full
				}
			}
		}
	}
	return out
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// unprinted reports whether no text prints any two neighbouring characters
// of run: a short form's pairs are no words (工信, 信部), where a run across
// two words the text prints (时部署: 部署) is no short form.
func unprinted(run []rune, texts []string) bool {
	for i := 0; i+1 < len(run); i++ {
		for _, t := range texts {
			if strings.Contains(t, string(run[i:i+2])) {
				return false
			}
		}
	}
	return true
}

// fullName is the first span of the texts holding run's characters in
// order, from its first to its last, with at most abbrevGap Chinese
// characters between two of them.
func fullName(run []rune, texts []string) string {
	var b strings.Builder
	for k, r := range run {
		if k > 0 {
			b.WriteString(`[^\P{Han}` + abbrevNot + `]{0,` + string(rune('0'+abbrevGap)) + `}?`)
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	re := regexp.MustCompile(b.String())
	for _, t := range texts {
		if m := re.FindString(t); m != "" && len([]rune(m)) > len(run) {
			return m
		}
	}
	return ""
}
