package store

import (
	"math"
	"strconv"
	"sync"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// flatIndex is every chunk's vector in one contiguous block, row i being
// the i-th chunk in id order, with the fields Search filters on beside it.
// A scan then streams through memory instead of chasing a pointer per
// vector, and a filter is a few integer compares before the dot product.
//
// It is immutable once built: a change to the store drops it and the next
// flat search builds a new one (see Local.flatIndex).
type flatIndex struct {
	dim int
	// blocks hold the vectors by storage row: one block in row order, or
	// one per segment as loaded (not copied into one), with perm mapping
	// storage rows to rows (-1: a deleted chunk, skipped).
	blocks []vecBlock
	perm   []int32
	rows   int         // storage rows
	recs   []*chunkRec // row → chunk, in id order
	// fields and kinds are built by the first filter compiled (once):
	// a store past the engine's rescore size never scans, and building
	// them was a tenth of a cold start at 1M chunks.
	fieldsOnce sync.Once
	fields     []rowFields
	kinds      []archive.Kind // rowFields.kind indexes it; kinds[0] is ""
}

// rowFields are a chunk's filterable metadata: numbers as ints (0 when
// unknown, as Search treats a missing value as ""), strings through the
// chunk's document and article.
type rowFields struct {
	doc                     *archive.Document
	article                 *archive.Article // nil if the chunk's article is missing
	issue, totalIssue, page int
	kind                    int // into flatIndex.kinds; kindOther: compare article.Kind
}

// kindOther marks a kind beyond the interned ones, compared as a string.
const kindOther = math.MaxUint8

// newFlatIndex lays out recs (in id order) over vecs, which holds their
// vectors in the same order.
func newFlatIndex(dim int, vecs []float32, recs []*chunkRec) *flatIndex {
	return newFlatBlocks(dim, []vecBlock{{vecs: vecs}}, nil, recs)
}

// vecBlock is vectors of consecutive storage rows from row0.
type vecBlock struct {
	row0 int
	vecs []float32
}

// newFlatBlocks lays out recs (in id order) over blocks of vectors in
// storage order, perm mapping storage rows to recs' rows (nil: the same).
func newFlatBlocks(dim int, blocks []vecBlock, perm []int32, recs []*chunkRec) *flatIndex {
	rows := len(recs)
	if perm != nil {
		rows = len(perm)
	}
	return &flatIndex{dim: dim, blocks: blocks, perm: perm, rows: rows, recs: recs}
}

// buildFields fills fields and kinds from recs.
func (f *flatIndex) buildFields() {
	f.fields, f.kinds = make([]rowFields, len(f.recs)), []archive.Kind{""}
	for i, r := range f.recs {
		a := r.art
		rf := rowFields{doc: r.doc, article: a, issue: positive(r.doc.Meta.Issue), totalIssue: positive(r.doc.Meta.TotalIssue)}
		page := archive.PageOf(a, r.doc)
		if a != nil {
			rf.kind = f.kindIndex(a.Kind)
		}
		rf.page = positive(page)
		f.fields[i] = rf
	}
}

// kindIndex interns k, the first time it is seen, among the kinds.
func (f *flatIndex) kindIndex(k archive.Kind) int {
	for i, have := range f.kinds {
		if have == k {
			return i
		}
	}
	if len(f.kinds) == kindOther {
		return kindOther
	}
	f.kinds = append(f.kinds, k)
	return len(f.kinds) - 1
}

// positive is n, or 0 (unknown) when it is not positive: only positive
// numbers are set as metadata.
func positive(n int) int { return max(n, 0) }

// rowFilter is a Search filter compiled against one flatIndex. A number
// or kind condition is off when its want is -1, a string condition when
// its bit is not in strs; a missing value is 0, the empty kind or "", so
// where {key: ""} selects the chunks without that key, as chromem does.
type rowFilter struct {
	none                    bool // no row can match
	issue, totalIssue, page int
	kind                    int
	kindName                archive.Kind // the wanted kind, when kind is kindOther
	strs                    uint8        // which of the strings below are wanted
	source, date            string
	headline, articleID     string
}

// Bits of rowFilter.strs.
const (
	wantSource = 1 << iota
	wantDate
	wantHeadline
	wantArticleID
)

// compileFilter turns where (keys already checked) into a rowFilter.
func (f *flatIndex) compileFilter(where map[string]string) rowFilter {
	f.fieldsOnce.Do(f.buildFields)
	rf := rowFilter{issue: -1, totalIssue: -1, page: -1, kind: -1}
	for k, v := range where {
		switch k {
		case MetaIssue:
			rf.issue = wantNumber(v, &rf.none)
		case MetaTotalIssue:
			rf.totalIssue = wantNumber(v, &rf.none)
		case MetaPage:
			rf.page = wantNumber(v, &rf.none)
		case MetaKind:
			rf.kind = -2 // a kind no row has, unless found below
			for i, have := range f.kinds {
				if string(have) == v {
					rf.kind = i
				}
			}
			if rf.kind == -2 {
				if len(f.kinds) < kindOther {
					rf.none = true
				} else {
					rf.kind, rf.kindName = kindOther, archive.Kind(v)
				}
			}
		case MetaSource:
			rf.source, rf.strs = v, rf.strs|wantSource
		case MetaDate:
			rf.date, rf.strs = v, rf.strs|wantDate
		case MetaHeadline:
			rf.headline, rf.strs = v, rf.strs|wantHeadline
		case MetaArticleID:
			rf.articleID, rf.strs = v, rf.strs|wantArticleID
		}
	}
	return rf
}

// wantNumber is the int a number filter selects: 0 for "" (unknown), and
// for anything but a positive number written as strconv writes it, which
// no chunk's metadata holds, sets none.
func wantNumber(v string, none *bool) int {
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || strconv.Itoa(n) != v {
		*none = true
	}
	return n
}

// all reports whether the filter accepts every row.
func (rf *rowFilter) all() bool {
	return !rf.none && rf.issue < 0 && rf.totalIssue < 0 && rf.page < 0 && rf.kind < 0 && rf.strs == 0
}

// match reports whether row passes the filter: the integers first, the
// strings (one pointer away) only for rows that pass them.
func (rf *rowFilter) match(f *flatIndex, row int) bool {
	m := &f.fields[row]
	if rf.issue >= 0 && m.issue != rf.issue ||
		rf.totalIssue >= 0 && m.totalIssue != rf.totalIssue ||
		rf.page >= 0 && m.page != rf.page ||
		rf.kind >= 0 && m.kind != rf.kind {
		return false
	}
	if rf.kind == kindOther && (m.article == nil || m.article.Kind != rf.kindName) {
		return false
	}
	if rf.strs == 0 {
		return true
	}
	var headline string
	if m.article != nil {
		headline = m.article.Headline
	}
	return (rf.strs&wantSource == 0 || m.doc.Source == rf.source) &&
		(rf.strs&wantDate == 0 || m.doc.Meta.Date == rf.date) &&
		(rf.strs&wantHeadline == 0 || headline == rf.headline) &&
		(rf.strs&wantArticleID == 0 || f.recs[row].chunk.ArticleID == rf.articleID)
}
