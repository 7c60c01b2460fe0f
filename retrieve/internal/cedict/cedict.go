// Package cedict reads CC-CEDICT, the Chinese–English dictionary by MDBG
// (https://cc-cedict.org/wiki/, CC BY-SA 4.0): one entry a line,
// "繁體 简体 [fan2 ti3] /sense/sense/", and comment lines starting with #.
// The table generators and the fitting questions' paraphrases read it
// through this one reader.
package cedict

import (
	"bufio"
	"io"
	"regexp"
	"strings"
)

// Entry is one line of the dictionary.
type Entry struct {
	Traditional, Simplified string
	// Pinyin is the reading as printed, tones as digits (Wu3 han4); a
	// capital starts a proper noun's syllables.
	Pinyin string
	// Senses are in the entry's order: the first is the word's main one.
	Senses []string
}

var reEntry = regexp.MustCompile(`^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$`)

// Read calls each for every entry of r, in order. A line that is no entry
// is passed over; the error is the reader's.
func Read(r io.Reader, each func(Entry)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if m := reEntry.FindStringSubmatch(line); m != nil {
			each(Entry{Traditional: m[1], Simplified: m[2], Pinyin: m[3], Senses: strings.Split(m[4], "/")})
		}
	}
	return sc.Err()
}
