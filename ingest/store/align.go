package store

// alignAux adds padding blobs to m.Aux so that every blob of m starts at a
// multiple of 8 bytes in the metadata section, which a reader holds in one
// buffer that is itself 8-byte aligned: an index saved as a blob (the
// lexical index's arrays) can then be used where it lies instead of
// copied (lexical.UnmarshalShared), which at archive scale saves a copy of
// ~2.3 KB per chunk at every load. A padding blob is named just before the
// blob it aligns (its last byte lowered, then "~"), holds zeros and is
// ignored by readers; a store without them reads the same, only copying.
func alignAux(m *snapMeta) {
	if m.Aux == nil {
		return
	}
	names := auxNames(m)
	aux, streams := m.Aux, m.Streams
	m.Aux, m.Streams = nil, nil
	pos := metaSize(m) - 1 // the metadata before the aux count (0 took one byte)
	m.Aux, m.Streams = aux, streams
	pos += int64(uvarintLen(uint64(2 * len(names))))
	for _, name := range names {
		size := auxLen(m, name)
		pad := padName(name)
		padEntry := int64(uvarintLen(uint64(len(pad))) + len(pad))
		start := func(padLen int) int64 {
			return pos + padEntry + int64(uvarintLen(uint64(padLen))+padLen) +
				int64(uvarintLen(uint64(len(name)))+len(name)+uvarintLen(uint64(size)))
		}
		n := 0
		for start(n)%8 != 0 {
			n++
		}
		aux[pad] = make([]byte, n)
		pos = start(n) + size
	}
	// A last padding blob ends the metadata on a multiple of 8 bytes, so
	// the vectors that follow it (the header is 40 bytes) are aligned for
	// a mapped file to be used in place (mapSnapshot). Named "~", it sorts
	// after the ASCII names of aux blobs and their padding, so the
	// alignment above does not move; the size is checked, not assumed.
	for n := range 16 {
		aux[auxEndPad] = make([]byte, n)
		if metaSize(m)%8 == 0 {
			return
		}
	}
	delete(aux, auxEndPad) // unreachable: one of 8 consecutive sizes fits
}

// auxEndPad names the padding blob that aligns the vectors.
const auxEndPad = "~"

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
