package retrieve

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/heraldqa/heraldqa/retrieve/internal/dictkey"
)

// The English→Chinese dictionary behind the glossary, built from CC-CEDICT
// (© MDBG, CC BY-SA 4.0, https://cc-cedict.org/wiki/; this table is under
// the same licence) by internal/cedictgen: one line a phrase,
// "stemmed english\t词 词", sorted, the words most used first. The
// dictionary is ../shared/dict from the repository root.
//
//go:generate go run ./internal/cedictgen -dict ../../shared/dict/cedict_ts.u8 -corpus ../../shared/bench/cmrc2018_trial/corpus.jsonl,../../shared/bench/drcd_test/corpus.jsonl -out cedict.tsv.gz
//go:embed cedict.tsv.gz
var cedictTable []byte

// dictTable is the decoded table: lines found by binary search, so that
// loading it is one decompression (about 10 ms) and no map building.
type dictTable struct {
	data  []byte
	lines []uint32 // start of each line
}

var (
	dictOnce sync.Once
	dictVal  *dictTable
)

// loadDict decodes the embedded table once; a damaged table leaves an
// empty one (English questions then use the paper's glossary alone).
func loadDict() *dictTable {
	dictOnce.Do(func() {
		d, err := decodeDict(cedictTable)
		if err != nil {
			slog.Error("the CC-CEDICT table is damaged; English questions use the glossary alone", "err", err)
			d = &dictTable{}
		}
		dictVal = d
	})
	return dictVal
}

func decodeDict(gz []byte) (*dictTable, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("reading the CC-CEDICT table: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("reading the CC-CEDICT table: %w", err)
	}
	d := &dictTable{data: data, lines: make([]uint32, 0, bytes.Count(data, []byte{'\n'}))}
	var prev []byte
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("CC-CEDICT table: line %d is not ended", len(d.lines)+1)
		}
		key, zh, ok := bytes.Cut(data[start:start+end], []byte{'\t'})
		if !ok || len(key) == 0 || len(zh) == 0 || bytes.Compare(key, prev) <= 0 {
			return nil, fmt.Errorf("CC-CEDICT table: line %d is not a sorted \"english\\tchinese\" line", len(d.lines)+1)
		}
		prev = key
		d.lines = append(d.lines, uint32(start))
		start += end + 1
	}
	return d, nil
}

// Len is the number of phrases.
func (d *dictTable) Len() int { return len(d.lines) }

// line returns the key and the Chinese words of line i.
func (d *dictTable) line(i int) (key, zh []byte) {
	l := d.data[d.lines[i]:]
	l = l[:bytes.IndexByte(l, '\n')]
	t := bytes.IndexByte(l, '\t')
	return l[:t], l[t+1:]
}

// lookup returns the Chinese words for a stemmed phrase, "" when absent.
func (d *dictTable) lookup(key []byte) string { return string(d.find(key)) }

// find returns the Chinese of a key without copying it; nil when absent.
func (d *dictTable) find(key []byte) []byte {
	lo, hi := 0, len(d.lines)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		k, zh := d.line(m)
		switch c := bytes.Compare(k, key); {
		case c == 0:
			return zh
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// particles may end a phrase though they are function words: a phrasal
// verb means what its verb alone does not ("turned down" is 回绝, not
// 转动), nor "according to" what "accord" does (根据, not 协定).
var particles = map[string]bool{"up": true, "down": true, "out": true, "off": true, "back": true, "away": true, "over": true, "to": true, "of": true}

// longest returns the length in words and the Chinese words of the longest
// phrase of the table at the start of stems (a "" stem ends a phrase) that
// neither starts nor ends with a function word (stop), but for particles.
func (d *dictTable) longest(stems []string, stop []bool) (int, string) {
	var buf [160]byte
	if len(stems) == 0 || stop[0] {
		return 0, ""
	}
	for n := min(len(stems), dictkey.MaxWords); n > 0; n-- {
		if stop[n-1] && (n == 1 || !particles[stems[n-1]]) {
			continue
		}
		key := buf[:0]
		ok := true
		for i, s := range stems[:n] {
			if s == "" {
				ok = false
				break
			}
			if i > 0 {
				key = append(key, ' ')
			}
			key = append(key, s...)
		}
		if !ok {
			continue
		}
		if zh := d.lookup(key); zh != "" {
			return n, zh
		}
	}
	return 0, ""
}
