package bot

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// answeredFile, in the store folder, lists the updates the bot has replied
// to that Telegram may not yet know were handled, one id a line.
const answeredFile = "bot-answered.txt"

// compactAfter is how many lines the answered file may grow to before the
// ids Telegram has forgotten are dropped from it.
const compactAfter = 1024

// ledger tracks the updates taken from Telegram until Telegram is told,
// through getUpdates' offset, that they were handled. An update is
// confirmed only once its reply (or refusal, or the decision to ignore it)
// has been handed to Telegram: the offset stops below the lowest update
// still being worked on, so that a bot stopped or killed meanwhile gets it
// again. Telegram then hands out again the updates above it that were
// already answered; the ledger recognizes them, and so does a restarted
// bot, from the answered file, so that nothing is answered twice.
type ledger struct {
	path string // "" keeps the record in memory only

	mu        sync.Mutex
	inHand    map[int64]bool // id → settled (reply handed over or nothing to send)
	answered  map[int64]bool // settled and not yet confirmed, also on disk
	confirmed int64          // every id below it is confirmed
	lines     int            // lines in the answered file
	changed   chan struct{}  // closed and replaced when an update settles
}

// newLedger reads the answered file in dir, if any.
func newLedger(dir string) (*ledger, error) {
	l := &ledger{inHand: map[int64]bool{}, answered: map[int64]bool{}, changed: make(chan struct{})}
	if dir == "" {
		return l, nil
	}
	l.path = filepath.Join(dir, answeredFile)
	data, err := os.ReadFile(l.path)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("reading the bot's answered updates: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if id, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64); err == nil {
			l.answered[id] = true
			l.lines++
		}
	}
	return l, nil
}

// take reports whether an update handed out by Telegram is new: not in
// hand already and not answered before.
func (l *ledger) take(id int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if id < l.confirmed {
		return false
	}
	if _, ok := l.inHand[id]; ok {
		return false
	}
	if l.answered[id] {
		l.inHand[id] = true // answered by an earlier run: confirm it
		return false
	}
	l.inHand[id] = false
	return true
}

// settle records that the update was handled: its reply was handed to
// Telegram, or there was nothing to send.
func (l *ledger) settle(id int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inHand[id] = true
	l.answered[id] = true
	close(l.changed)
	l.changed = make(chan struct{})
	if l.path == "" {
		return nil
	}
	// Written at once (no fsync): a bot killed right after replying must
	// not reply again after a restart.
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("recording answered update %d: %w", id, err)
	}
	_, err = fmt.Fprintf(f, "%d\n", id)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("recording answered update %d: %w", id, err)
	}
	l.lines++
	return nil
}

// offset is the offset to poll with: the lowest update still unsettled,
// else one past the highest taken.
func (l *ledger) offset() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	off := l.confirmed
	var lowest int64 = -1
	for id, done := range l.inHand {
		if !done && (lowest < 0 || id < lowest) {
			lowest = id
		}
		if id >= off {
			off = id + 1
		}
	}
	if lowest >= 0 {
		return lowest
	}
	return off
}

// handled reports whether update id was settled (or confirmed).
func (l *ledger) handled(id int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return id < l.confirmed || l.inHand[id]
}

// wait returns a channel closed when an update next settles.
func (l *ledger) wait() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.changed
}

// confirm records that Telegram accepted offset: it forgets every update
// below it, and so can the ledger.
func (l *ledger) confirm(offset int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if offset <= l.confirmed {
		return nil
	}
	l.confirmed = offset
	for id := range l.inHand {
		if id < offset {
			delete(l.inHand, id)
		}
	}
	for id := range l.answered {
		if id < offset {
			delete(l.answered, id)
		}
	}
	if l.lines > compactAfter {
		return l.rewrite()
	}
	return nil
}

// close writes the answered file with only the ids still unconfirmed.
func (l *ledger) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rewrite()
}

func (l *ledger) rewrite() error {
	if l.path == "" {
		return nil
	}
	ids := make([]int64, 0, len(l.answered))
	for id := range l.answered {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		if err := os.Remove(l.path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("clearing the bot's answered updates: %w", err)
		}
		l.lines = 0
		return nil
	}
	tmp := l.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("writing the bot's answered updates: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, id := range ids {
		fmt.Fprintf(w, "%d\n", id)
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, l.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing the bot's answered updates: %w", err)
	}
	l.lines = len(ids)
	return nil
}
