//go:build !race

package store

// raceEnabled lets slow tests do less work under the race detector.
const raceEnabled = false
