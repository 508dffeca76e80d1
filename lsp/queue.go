package lsp

import (
	"context"
	"sync"
	"time"

	"go.lsp.dev/uri"
)

// queue is the server's one worker: it runs index updates, settings changes
// and judgements one at a time, in the order the read loop queued them, off
// the read loop. Queuing never blocks, so the read loop never waits for the
// worker, which may itself be waiting for a client response (the response
// arrives through the read loop).
//
// Judgements are kept apart from jobs: a document is judged at most once per
// due time however often it is asked for, and a debounced judgement moves
// back with every keystroke. Judgements wait while the queue is paused (until
// the workspace index is ready).
type queue struct {
	mu     sync.Mutex
	jobs   []func()
	due    map[uri.URI]time.Time
	paused bool
	wake   chan struct{} // capacity 1: "something changed"
}

func newQueue() *queue {
	return &queue{due: map[uri.URI]time.Time{}, paused: true, wake: make(chan struct{}, 1)}
}

func (q *queue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// do queues a job.
func (q *queue) do(job func()) {
	q.mu.Lock()
	q.jobs = append(q.jobs, job)
	q.mu.Unlock()
	q.signal()
}

// judge asks for a judgement of u after delay. A zero delay wins over a
// pending debounced one; a debounced one replaces a later one and never
// delays one already due.
func (q *queue) judge(u uri.URI, delay time.Duration) {
	at := time.Now().Add(delay)
	q.mu.Lock()
	if prev, ok := q.due[u]; !ok || delay == 0 || prev.After(time.Now()) {
		q.due[u] = at
	}
	q.mu.Unlock()
	q.signal()
}

// forget drops a pending judgement of u.
func (q *queue) forget(u uri.URI) {
	q.mu.Lock()
	delete(q.due, u)
	q.mu.Unlock()
}

// resume lets judgements run.
func (q *queue) resume() {
	q.mu.Lock()
	q.paused = false
	q.mu.Unlock()
	q.signal()
}

// next takes the queued jobs, or else the judgements now due, and says how
// long to wait for the next due one when there is nothing to do now.
func (q *queue) next() (jobs []func(), due []uri.URI, wait time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.jobs) > 0 {
		jobs, q.jobs = q.jobs, nil
		return jobs, nil, 0
	}
	if q.paused {
		return nil, nil, -1
	}
	now := time.Now()
	wait = -1
	for u, at := range q.due {
		if !at.After(now) {
			due = append(due, u)
			delete(q.due, u)
		} else if d := at.Sub(now); wait < 0 || d < wait {
			wait = d
		}
	}
	return nil, due, wait
}

// run works until ctx is done. judge is called for each due document; run
// recovers panics of jobs and judgements through guard, so that one bad
// file does not stop the worker.
func (q *queue) run(ctx context.Context, judge func(uri.URI), guard func(what string, f func())) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for ctx.Err() == nil {
		jobs, due, wait := q.next()
		for _, job := range jobs {
			guard("job", job)
		}
		for _, u := range due {
			guard("judgement", func() { judge(u) })
		}
		if len(jobs) > 0 || len(due) > 0 {
			continue
		}
		var tick <-chan time.Time
		if wait >= 0 {
			timer.Reset(wait)
			tick = timer.C
		}
		select {
		case <-q.wake:
		case <-tick:
		case <-ctx.Done():
		}
		timer.Stop() // since Go 1.23 a stopped timer delivers no stale tick
	}
}
