package bot

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Tags Telegram's HTML parse mode accepts, with the attributes each may
// have (https://core.telegram.org/bots/api#html-style).
var telegramTags = map[string]*regexp.Regexp{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "tg-spoiler": nil, "pre": nil,
	"span":       regexp.MustCompile(`^class="tg-spoiler"$`),
	"a":          regexp.MustCompile(`^href="[^"<>]*"$`),
	"code":       regexp.MustCompile(`^(class="language-[\w+-]+")?$`),
	"blockquote": regexp.MustCompile(`^(expandable)?$`),
	"tg-emoji":   regexp.MustCompile(`^emoji-id="\d+"$`),
}

var reTag = regexp.MustCompile(`^<(/?)([a-z-]+)(?:\s+([^>]*))?>`)
var reEntity = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)

// checkTelegramHTML parses text as Telegram would in HTML mode: only its
// tags, balanced; every <, > and & outside a tag part of a tag or an
// entity. It returns the text the user would see.
func checkTelegramHTML(text string) (string, error) {
	var plain strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch text[i] {
		case '<':
			m := reTag.FindStringSubmatch(text[i:])
			if m == nil {
				return "", fmt.Errorf("unescaped < or a malformed tag at byte %d", i)
			}
			closing, name, attrs := m[1] == "/", m[2], strings.TrimSpace(m[3])
			allowed, known := telegramTags[name]
			if !known {
				return "", fmt.Errorf("unsupported tag <%s> at byte %d", name, i)
			}
			if closing {
				if attrs != "" {
					return "", fmt.Errorf("closing tag </%s> with attributes", name)
				}
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("</%s> at byte %d does not close the open tag (open: %v)", name, i, open)
				}
				open = open[:len(open)-1]
			} else {
				if (allowed == nil && attrs != "") || (allowed != nil && !allowed.MatchString(attrs)) {
					return "", fmt.Errorf("tag <%s> with attributes %q", name, attrs)
				}
				open = append(open, name)
			}
			i += len(m[0])
		case '>':
			return "", fmt.Errorf("unescaped > at byte %d", i)
		case '&':
			m := reEntity.FindStringSubmatch(text[i:])
			if m == nil {
				return "", fmt.Errorf("unescaped & at byte %d", i)
			}
			switch e := m[1]; {
			case e == "lt":
				plain.WriteByte('<')
			case e == "gt":
				plain.WriteByte('>')
			case e == "amp":
				plain.WriteByte('&')
			case e == "quot":
				plain.WriteByte('"')
			case strings.HasPrefix(e, "#x"):
				n, _ := strconv.ParseInt(e[2:], 16, 32)
				plain.WriteRune(rune(n))
			default:
				n, _ := strconv.Atoi(e[1:])
				plain.WriteRune(rune(n))
			}
			i += len(m[0])
		default:
			plain.WriteByte(text[i])
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("unclosed tags %v", open)
	}
	return plain.String(), nil
}
