// Package dictkey is the key format of the English→Chinese table
// (retrieve/cedict.tsv.gz): cedictgen writes it, retrieve reads it, and
// both take it from here.
package dictkey

const (
	// Acronym starts the key of an acronym as written (US, WHO), where a
	// lower-case key would be a function word.
	Acronym = "^"
	// Syllable starts the key of a toneless syllable's line (~chen); no
	// English stem starts with it.
	Syllable = "~"
	// Name starts the key of a proper noun by the name it is known by
	// alone (@tolkien, @clipper).
	Name = "@"
	// MaxWords is the longest phrase a key holds: longer glosses are
	// definitions, not names of things.
	MaxWords = 6
)
