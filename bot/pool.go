package bot

import (
	"context"
	"errors"
)

// errBusy is returned when every worker is busy and the queue is full.
var errBusy = errors.New("all answer workers are busy and the queue is full")

// pool bounds the answers worked on at once (workers) and the questions
// waiting for a worker (queue), so that a burst costs neither unbounded
// memory nor unbounded LLM calls. Waiting questions are served in the
// order they came.
type pool struct {
	admit chan struct{} // one token per question working or waiting
	slots chan struct{} // one token per question working
}

func newPool(workers, queue int) *pool {
	return &pool{admit: make(chan struct{}, workers+queue), slots: make(chan struct{}, workers)}
}

// do runs fn when a worker is free. It returns errBusy at once when the
// queue is full, and ctx's error if ctx ends while waiting.
func (p *pool) do(ctx context.Context, fn func()) error {
	select {
	case p.admit <- struct{}{}:
	default:
		return errBusy
	}
	defer func() { <-p.admit }()
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.slots }()
	fn()
	return nil
}
