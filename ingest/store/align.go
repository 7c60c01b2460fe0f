package store

import "slices"

// alignAux adds padding blobs to m.Aux so that every blob of m starts at a
// multiple of 8 bytes in the metadata section, which a reader holds in one
// buffer that is itself 8-byte aligned: an index saved as a blob (the
// lexical index's arrays) can then be used where it lies instead of
// copied (lexical.UnmarshalShared), which at archive scale saves a copy of
// ~2.3 KB per chunk at every load. A padding blob is named just before the
// blob it aligns (its last byte lowered, then "~"), holds zeros and is
// ignored by readers; a store without them reads the same, only copying.
func alignAux(m *snapMeta) {
	if len(m.Aux) == 0 {
		return
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range m.Aux {
			if !yield(n) {
				return
			}
		}
	})
	aux := m.Aux
	m.Aux = nil
	pos := metaSize(m) - 1 // the metadata before the aux count (0 took one byte)
	m.Aux = aux
	pos += int64(uvarintLen(uint64(2 * len(names))))
	for _, name := range names {
		b := aux[name]
		pad := padName(name)
		padEntry := int64(uvarintLen(uint64(len(pad))) + len(pad))
		start := func(padLen int) int64 {
			return pos + padEntry + int64(uvarintLen(uint64(padLen))+padLen) +
				int64(uvarintLen(uint64(len(name)))+len(name)+uvarintLen(uint64(len(b))))
		}
		n := 0
		for start(n)%8 != 0 {
			n++
		}
		aux[pad] = make([]byte, n)
		pos = start(n) + int64(len(b))
	}
}

// padName sorts just before name and after any name that sorts before it
// among a store's aux names.
func padName(name string) string {
	if name == "" {
		return "~"
	}
	b := []byte(name)
	b[len(b)-1]--
	return string(b) + "~"
}
